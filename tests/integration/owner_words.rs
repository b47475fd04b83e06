//! Words for owners, formulas for authors: every condition of the built-in guideline carries its
//! reason in both languages, a package that declares itself complete must give them (`missing-reason`),
//! a reason without its condition is an error, every factor table cites its source, basis and GWP
//! set in both languages, and no text an owner reads shows code.

use esg::error::Error;
use esg::guideline::{self, BUILTIN_DEFAULT, Guideline};
use esg::lint::rules::{Package, check_package};
use esg::source::{Diagnostic, Severity, Source};
use esg::text::{Lang, Text};

use crate::common::{MINI, root};

fn builtin() -> Guideline {
    guideline::load_builtin(BUILTIN_DEFAULT)
        .unwrap_or_else(|e| panic!("the built-in guideline is invalid:\n{e}"))
}

/// The files of the built-in guideline, each passed through `edit(name, text)`.
fn builtin_sources(edit: impl Fn(&str, &str) -> String) -> Vec<Source> {
    let (sources, _tests) = guideline::builtin_sources(BUILTIN_DEFAULT).unwrap();
    sources
        .into_iter()
        .map(|s| Source::new(s.name.clone(), edit(&s.name, &s.text)))
        .collect()
}

/// Validates a package and runs the checks only `esg lint` applies: every finding.
fn lint(sources: Vec<Source>) -> Vec<Diagnostic> {
    let (files, parsed) = guideline::parse_sources(sources);
    assert!(parsed.is_empty(), "{parsed:#?}");
    let (g, mut diags) = guideline::validate(&files, "test");
    let g = g.unwrap_or_else(|| panic!("{diags:#?}"));
    diags.extend(check_package(&Package {
        files: &files,
        guideline: &g,
    }));
    diags
}

/// The test guideline with `edit` applied to its text, validated: its errors, if any.
fn mini_errors(edit: impl Fn(&str) -> String) -> Vec<Diagnostic> {
    let text = std::fs::read_to_string(root().join(MINI).join("guideline.toml")).unwrap();
    let text = edit(&text);
    match guideline::load_sources(vec![Source::new("mini/guideline.toml", text)], "test") {
        Ok(_) => Vec::new(),
        Err(Error::Invalid(d)) => d,
        Err(e) => panic!("{e}"),
    }
}

fn in_both(t: Option<&Text>) -> bool {
    t.is_some_and(|t| {
        Lang::ALL
            .iter()
            .all(|&l| t.get(l).is_some_and(|s| !s.trim().is_empty()))
    })
}

#[test]
fn every_condition_of_the_builtin_guideline_has_its_reason_in_korean_and_english() {
    let g = builtin();
    let mut conditions = 0;
    for ind in &g.indicators {
        if ind.applies_if.is_some() {
            conditions += 1;
            assert!(
                in_both(ind.applies_if_reason.as_ref()),
                "{}: applies_if without its reason in both languages",
                ind.id
            );
        }
    }
    for q in &g.questions {
        if q.ask_if.is_some() {
            conditions += 1;
            assert!(
                in_both(q.ask_if_reason.as_ref()),
                "{}: ask_if without its reason in both languages",
                q.id
            );
        }
    }
    // 24 indicators and 23 questions are conditional; a count that drops means reasons were lost
    // with their conditions, one that grows is checked above.
    assert!(conditions >= 47, "only {conditions} conditions");
}

#[test]
fn every_factor_table_of_the_builtin_guideline_cites_its_source_in_korean_and_english() {
    let hangul = |s: &str| s.chars().any(|c| ('가'..='힣').contains(&c));
    let g = builtin();
    let mut citations = 0;
    for t in &g.factor_tables {
        let cited = [
            ("source", Some(&t.source)),
            ("basis", t.basis.as_ref()),
            ("gwp", t.gwp.as_ref()),
        ];
        for (what, c) in cited {
            let Some(c) = c else {
                assert_ne!(what, "source", "{}: no source", t.id);
                continue;
            };
            citations += 1;
            assert!(
                in_both(Some(c)),
                "{} {what}: not in both languages: {c:?}",
                t.id
            );
            let (ko, en) = (c.get(Lang::Ko).unwrap(), c.get(Lang::En).unwrap());
            // A source and a basis are sentences, said in Korean; a GWP set may be a name that
            // reads the same in both (`AR5`, `SAR (CH4 21, N2O 310)`), with no English word.
            let name = |s: &str| {
                words(s).iter().all(|w| {
                    w.chars().filter(char::is_ascii_alphabetic).count() < 3
                        || !w.chars().any(|c| c.is_ascii_lowercase())
                })
            };
            assert!(
                hangul(ko) || (what == "gwp" && ko == en && name(ko)),
                "{} {what}: the Korean is not Korean: {ko}",
                t.id
            );
            assert!(!hangul(en), "{} {what}: Korean in the English: {en}", t.id);
        }
    }
    // 17 tables: 17 sources, 15 bases, 15 GWP sets.
    assert!(
        g.factor_tables.len() >= 17 && citations >= 47,
        "only {citations} citations in {} tables",
        g.factor_tables.len()
    );

    // As written, every citation is a table of languages: a single string would load as the same
    // words in every language and pass the check above with English in Korean reports.
    for s in builtin_sources(|_, t| t.to_owned()) {
        let file: toml::Table = toml::from_str(&s.text).unwrap();
        let Some(tables) = file.get("factor_table").and_then(|t| t.as_array()) else {
            continue;
        };
        for t in tables {
            for key in ["source", "basis", "gwp"] {
                if let Some(v) = t.get(key) {
                    assert!(
                        v.is_table(),
                        "{}: {} {key} is not written as {{ ko = …, en = … }}: {v}",
                        s.name,
                        t["id"]
                    );
                }
            }
        }
    }
}

/// The test guideline with one factor table whose citations are `citations` (TOML lines).
/// The warnings of [`mini_with_table`], which must load.
fn mini_with_table_warnings(citations: &str) -> Vec<Diagnostic> {
    let text = std::fs::read_to_string(root().join(MINI).join("guideline.toml")).unwrap();
    let text = format!(
        "{text}\n[[factor_table]]\nid = \"grid\"\ntitle = {{ ko = \"전력 배출계수\", en = \"Grid factor\" }}\nyear = 2023\n{citations}values = {{ electricity = 0.4173 }}\n"
    );
    match guideline::load_sources(vec![Source::new("mini/guideline.toml", text)], "test") {
        Ok((_, warnings)) => warnings,
        Err(e) => panic!("{e}"),
    }
}

fn mini_with_table(citations: &str) -> Result<Guideline, Vec<Diagnostic>> {
    let text = std::fs::read_to_string(root().join(MINI).join("guideline.toml")).unwrap();
    let text = format!(
        "{text}\n[[factor_table]]\nid = \"grid\"\ntitle = {{ ko = \"전력 배출계수\", en = \"Grid factor\" }}\nyear = 2023\n{citations}values = {{ electricity = 0.4173 }}\n"
    );
    match guideline::load_sources(vec![Source::new("mini/guideline.toml", text)], "test") {
        Ok((g, _warnings)) => Ok(g),
        Err(Error::Invalid(d)) => Err(d),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn a_citation_is_a_text_in_each_language_or_one_string_for_all() {
    // In each language: each report reads its own.
    let g = mini_with_table(
        "source = { ko = \"기후에너지환경부\", en = \"Ministry of Climate, Energy and Environment\" }\nbasis = { ko = \"소비단 기준\", en = \"consumption end\" }\ngwp = { ko = \"AR5\", en = \"AR5\" }\n",
    )
    .unwrap_or_else(|d| panic!("{d:#?}"));
    let t = &g.factor_tables[0];
    assert_eq!(
        t.source,
        Text::both(
            "기후에너지환경부",
            "Ministry of Climate, Energy and Environment"
        )
    );
    assert_eq!(t.basis, Some(Text::both("소비단 기준", "consumption end")));
    assert_eq!(t.gwp, Some(Text::both("AR5", "AR5")));

    // One string, as packages wrote before: the same words in every language.
    let g = mini_with_table("source = \"GIR 2023\"\nbasis = \"consumption end\"\n")
        .unwrap_or_else(|d| panic!("{d:#?}"));
    let t = &g.factor_tables[0];
    assert_eq!(t.source, Text::both("GIR 2023", "GIR 2023"));
    assert_eq!(
        t.basis,
        Some(Text::both("consumption end", "consumption end"))
    );
    assert_eq!(t.gwp, None);

    // A declared language left out is `missing-text`, a warning at the citation (the text falls
    // back to the language it has), for each one.
    let text = std::fs::read_to_string(root().join(MINI).join("guideline.toml")).unwrap();
    let first_line = text.lines().count() + 6;
    let errors = mini_with_table_warnings(
        "source = { ko = \"기후에너지환경부\" }\nbasis = { en = \"consumption end\" }\n",
    );
    assert_eq!(errors.len(), 2, "{errors:#?}");
    for (d, (line, what, lang)) in errors.iter().zip([
        (first_line, "source", "English"),
        (first_line + 1, "basis", "Korean"),
    ]) {
        assert_eq!(
            (d.code, d.line, d.column),
            (esg::code::Code::MissingText, line, what.len() + 4),
            "{d}"
        );
        assert!(
            d.message
                .en
                .contains(&format!("factor table `grid` {what}"))
                && d.message.en.contains(lang),
            "{d}"
        );
        assert!(d.message.ko.contains("`grid` 계수표의"), "{d}");
    }

    // A citation without words in any language is no source (`factor-unsourced`), whatever its form.
    for empty in [
        "source = \"  \"\n",
        "source = { ko = \"\", en = \" \" }\n",
        "",
    ] {
        let errors = mini_with_table(empty).unwrap_err();
        assert_eq!(errors.len(), 1, "{empty}: {errors:#?}");
        assert_eq!(
            errors[0].code,
            esg::code::Code::FactorUnsourced,
            "{}",
            errors[0]
        );
    }

    // Anything else is the wrong type, and the message shows the form to write.
    let errors = mini_with_table("source = 2023\n").unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let d = &errors[0];
    assert_eq!(d.code, esg::code::Code::WrongType, "{d}");
    assert!(d.message.en.contains("{ ko = "), "{d}");
    assert!(d.message.ko.contains("{ ko = "), "{}", d.message.ko);
}

#[test]
fn the_builtin_guideline_declares_itself_complete_so_lint_requires_every_reason() {
    // As shipped: no finding at all.
    let clean = lint(builtin_sources(|_, t| t.to_owned()));
    assert!(clean.is_empty(), "{clean:#?}");

    // One reason taken away: exactly one `missing-reason` error, at the condition it belonged to.
    let first_reason = |name: &str, text: &str| {
        if !name.ends_with("/s.toml") {
            return text.to_owned();
        }
        let line = text
            .lines()
            .find(|l| l.starts_with("applies_if_reason = "))
            .unwrap();
        text.replacen(&format!("{line}\n"), "", 1)
    };
    let found = lint(builtin_sources(first_reason));
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(
        (d.code, d.severity),
        (esg::code::Code::MissingReason, Severity::Error),
        "{d}"
    );
    assert!(d.file.ends_with("/s.toml"), "{d}");
    assert!(d.message.en.contains("S-3-3"), "{d}");
    let line = d.span.clone().unwrap();
    let s = builtin_sources(first_reason)
        .into_iter()
        .find(|s| s.name.ends_with("/s.toml"))
        .unwrap();
    assert_eq!(&s.text[line], "\"employees >= 50\"");

    // Without the declaration, the same package has no finding: reasons are then optional.
    let undeclared =
        |name: &str, text: &str| first_reason(name, text).replace("\ncomplete = true\n", "\n");
    let found = lint(builtin_sources(undeclared));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_reason_without_its_condition_is_an_error_at_the_reason() {
    // The test guideline as written is valid, with both reasons.
    assert!(mini_errors(|t| t.to_owned()).is_empty());

    for (condition, key, id) in [
        ("applies_if = \"has_board\"\n", "applies_if_reason", "G-1"),
        ("ask_if = \"has_board\"\n", "ask_if_reason", "board_women"),
    ] {
        let text = std::fs::read_to_string(root().join(MINI).join("guideline.toml")).unwrap();
        // The reason follows its condition: once the condition's line is gone, the reason's
        // 1-based line number is its 0-based index in the text as written.
        let reason_line = text
            .lines()
            .position(|l| l.starts_with(&format!("{key} = ")))
            .unwrap();
        let errors = mini_errors(|t| t.replacen(condition, "", 1));
        assert_eq!(errors.len(), 1, "{errors:#?}");
        let d = &errors[0];
        assert_eq!(d.code, esg::code::Code::MissingKey, "{d}");
        assert_eq!((d.line, d.column), (reason_line, key.len() + 4), "{d}");
        assert!(
            d.message.en.contains(id) && d.message.en.contains(key),
            "{d}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// No code in owners' words

/// The functions of the expression language (docs/guideline-format.md, "Expressions").
const FUNCTIONS: [&str; 14] = [
    "min", "max", "abs", "if", "count", "answered", "value", "latest", "average", "trend",
    "default", "not", "current", "extend",
];

/// The inventory totals, named `ghg.<name>` in expressions.
const TOTALS: [&str; 5] = [
    "scope1",
    "scope2_location",
    "scope2_market",
    "energy_mwh",
    "renewable_mwh",
];

/// Every text of the guideline that an owner reads, with where it is and its language. A factor
/// table's unit is a single string: it is read as English.
fn owner_texts(g: &Guideline) -> Vec<(String, Lang, String)> {
    let mut texts: Vec<(String, &Text)> = vec![("guideline title".into(), &g.title)];
    if let Some(d) = &g.description {
        texts.push(("guideline description".into(), d));
    }
    for a in &g.areas {
        texts.push((format!("area {} title", a.id), &a.title));
    }
    for gr in &g.grades {
        texts.push((format!("grade {} title", gr.id), &gr.title));
    }
    for q in &g.questions {
        texts.push((format!("question {} prompt", q.id), &q.prompt));
        for (what, t) in [
            ("help", &q.help),
            ("unit", &q.unit),
            ("ask_if_reason", &q.ask_if_reason),
        ] {
            if let Some(t) = t {
                texts.push((format!("question {} {what}", q.id), t));
            }
        }
        for o in &q.options {
            texts.push((format!("question {} option {}", q.id, o.id), &o.text));
        }
    }
    for ind in &g.indicators {
        texts.push((format!("indicator {} title", ind.id), &ind.title));
        texts.push((
            format!("indicator {} recommendation", ind.id),
            &ind.recommendation,
        ));
        for (what, t) in [
            ("description", &ind.description),
            ("applies_if_reason", &ind.applies_if_reason),
        ] {
            if let Some(t) = t {
                texts.push((format!("indicator {} {what}", ind.id), t));
            }
        }
        for (i, l) in ind.levels.iter().enumerate() {
            texts.push((format!("indicator {} level {}", ind.id, i + 1), &l.text));
            if let Some(r) = &l.recommendation {
                texts.push((
                    format!("indicator {} level {} recommendation", ind.id, i + 1),
                    r,
                ));
            }
        }
        for (i, a) in ind.advice.iter().enumerate() {
            texts.push((
                format!("indicator {} advice {}", ind.id, i + 1),
                &a.recommendation,
            ));
        }
    }
    for m in &g.metrics {
        texts.push((format!("metric {} title", m.id), &m.title));
        if let Some(u) = &m.unit {
            texts.push((format!("metric {} unit", m.id), u));
        }
    }
    for s in &g.emission_sources {
        texts.push((format!("emission source {} title", s.id), &s.title));
        texts.push((format!("emission source {} unit", s.id), &s.unit));
        if let Some(b) = &s.basis {
            texts.push((format!("emission source {} basis", s.id), b));
        }
    }
    for c in &g.checks {
        texts.push((format!("check {} message", c.id), &c.message));
    }
    for t in &g.factor_tables {
        texts.push((format!("factor table {} title", t.id), &t.title));
        texts.push((format!("factor table {} source", t.id), &t.source));
        for (what, c) in [("basis", &t.basis), ("gwp", &t.gwp)] {
            if let Some(c) = c {
                texts.push((format!("factor table {} {what}", t.id), c));
            }
        }
    }
    let mut out = Vec::new();
    for (what, t) in texts {
        for lang in Lang::ALL {
            let s = t
                .get(lang)
                .unwrap_or_else(|| panic!("{what} has no {lang} text"));
            out.push((what.clone(), lang, s.to_owned()));
        }
    }
    for t in &g.factor_tables {
        if let Some(u) = &t.unit {
            out.push((format!("factor table {} unit", t.id), Lang::En, u.clone()));
        }
    }
    out
}

/// The names expressions use: question, metric, factor table, family, factor, emission source
/// and check ids, and the inventory totals.
fn names(g: &Guideline) -> Vec<String> {
    let mut names: Vec<String> = g.questions.iter().map(|q| q.id.clone()).collect();
    names.extend(g.metrics.iter().map(|m| m.id.clone()));
    for t in &g.factor_tables {
        names.push(t.id.clone());
        names.extend(t.values.iter().map(|(k, _)| k.clone()));
    }
    names.extend(g.families.iter().map(|f| f.id.clone()));
    names.extend(g.emission_sources.iter().map(|s| s.id.clone()));
    names.extend(g.checks.iter().map(|c| c.id.clone()));
    names.extend(TOTALS.iter().map(|t| (*t).to_owned()));
    names.sort();
    names.dedup();
    names
}

/// A name that no sentence uses as a word: `has_board`, `scope1`, `city-gas-unit`. Plain words
/// (`revenue`, `listed`) are ids too, but English prose uses them; they count in Korean text, and
/// in English text next to expression syntax.
fn looks_like_code(name: &str) -> bool {
    name.chars()
        .any(|c| c == '_' || c == '-' || c.is_ascii_digit())
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The places where `word` occurs in `text` as a whole word (not inside a longer one).
fn occurrences<'a>(text: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    text.match_indices(word).filter_map(move |(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        (!before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)).then_some(at)
    })
}

/// The ASCII words of a text, in order.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .collect()
}

/// What in `text` is code rather than words for an owner, if anything.
fn code_in(text: &str, lang: Lang, names: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    if text.contains('`') {
        found.push("a backtick".to_owned());
    }
    for name in names {
        if (lang == Lang::Ko || looks_like_code(name)) && occurrences(text, name).next().is_some() {
            found.push(format!("the id `{name}`"));
        }
    }
    for op in ["==", "!=", "<=", ">=", "&&", "||", " in [\"", "\" in "] {
        if text.contains(op) {
            found.push(format!("the operator `{}`", op.trim()));
        }
    }
    for f in FUNCTIONS {
        let call = format!("{f}(");
        if occurrences(text, f).any(|at| text[at..].starts_with(&call)) {
            found.push(format!("a call `{call}…)`"));
        }
    }
    let ws = words(text);
    for w in ws.windows(3) {
        let is_name = |s: &str| names.iter().any(|n| n == s);
        if matches!(w[1], "and" | "or") && is_name(w[0]) && is_name(w[2]) {
            found.push(format!("the condition `{} {} {}`", w[0], w[1], w[2]));
        }
    }
    found
}

#[test]
fn no_text_an_owner_reads_in_the_builtin_guideline_shows_code() {
    let g = builtin();
    let names = names(&g);
    let texts = owner_texts(&g);
    assert!(texts.len() > 1000, "only {} texts walked", texts.len());
    let mut bad = Vec::new();
    for (what, lang, text) in &texts {
        let found = code_in(text, *lang, &names);
        if !found.is_empty() {
            bad.push(format!("{what} ({lang}): {}\n    {text}", found.join(", ")));
        }
        if *lang == Lang::Ko {
            for particle in [
                "(은)", "(는)", "(이)", "(가)", "(을)", "(를)", "(와)", "(과)", "(으)",
            ] {
                if text.contains(particle) {
                    bad.push(format!(
                        "{what} (ko): the mechanical particle {particle}\n    {text}"
                    ));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} texts show code:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn the_owner_words_check_finds_code() {
    // The check above must be able to fail: each kind of code it looks for, in a sentence.
    let g = builtin();
    let names = names(&g);
    for (text, lang) in [
        ("에너지 사용량(energy_mwh)을 봅니다.", Lang::Ko),
        ("Total energy (energy_mwh) in earlier years.", Lang::En),
        ("Applies only when `has_board`.", Lang::En),
        ("매출(revenue)로 나눕니다.", Lang::Ko),
        (
            "Scored as value(accident_vs_industry) plus the trend.",
            Lang::En,
        ),
        ("Zero when average(accidents) is unknown.", Lang::En),
        ("Uses default(x, 0).", Lang::En),
        ("Asked when listed or sector is known.", Lang::En),
        ("Only if has_board == true.", Lang::En),
        ("해당: \"air\" in discharge_permits", Lang::Ko),
        ("See check city-gas-unit.", Lang::En),
        ("The grid factor kr_grid_2023 is used.", Lang::En),
    ] {
        assert!(
            !code_in(text, lang, &names).is_empty(),
            "not found in: {text}"
        );
    }
    for (text, lang) in [
        ("Only listed firms are assessed on AGM notice.", Lang::En),
        ("Revenue and headcount over five years.", Lang::En),
        ("이사회가 없어 해당하지 않습니다.", Lang::Ko),
        ("Scope 1 and 2, in tCO2e (E-3-1).", Lang::En),
    ] {
        let found = code_in(text, lang, &names);
        assert!(found.is_empty(), "{found:?} in: {text}");
    }
}
