//! One core, every format: each report format says what the sections say (warnings, key figures,
//! gaps, not-applicable and unanswered reasons, the GHG inventory), Korean reports hold no
//! English and no code, and the guideline's words for owners replace its conditions.

use std::path::{Path, PathBuf};

use crate::common::{MINI, WORKED, esg, root, scorecard_json};
use esg::guideline::{self, BUILTIN_DEFAULT, Guideline};
use esg::report::{Format, Report, Style, render};
use esg::score::{Options, score};
use esg::scorecard::{Scorecard, Shown, Unanswered};
use esg::source::Source;
use esg::text::Lang;

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn card_of(g: &Guideline, name: &str, text: &str) -> Scorecard {
    let a = esg::answers::parse(&Source::new(name, text.to_owned()), g)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    score(
        g,
        &a,
        Options {
            unanswered: Unanswered::Zero,
        },
    )
}

/// Answers to the built-in guideline that raise every kind of warning: a guideline version
/// that differs, a figure for a year after the reporting year, a country without a grid table,
/// and an implausible magnitude.
const WARNED: &str = r#"[guideline]
id = "k-esg-sme"
version = "0.9.0"

[firm]
name = "경고 시험(주)"
reporting_year = 2025

[answers]
country = "other"
employees = 12
electricity_kwh = { 2024 = 1000, 2025 = 20000000000, 2026 = 5 }
vehicle_diesel_l = 1000
"#;

/// Every example, and the warned firm, scored against the built-in guideline.
fn cards() -> Vec<(String, Scorecard)> {
    let g = guideline::load_builtin(BUILTIN_DEFAULT).unwrap();
    let mut cards: Vec<(String, Scorecard)> = examples()
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(p).unwrap();
            let card = card_of(&g, &name, &text);
            (name, card)
        })
        .collect();
    cards.push(("warned.toml".into(), card_of(&g, "warned.toml", WARNED)));
    cards
}

fn rendered(card: &Scorecard, format: Format, lang: Lang, style: &Style) -> String {
    let mut out = Vec::new();
    render(format, card, lang, style, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Markdown text back to what it says: entities decoded, backslash escapes removed.
fn unmarkdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every cell of a CSV, joined by line breaks.
fn csv_cells(text: &str) -> String {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut cells = Vec::new();
    for rec in r.records() {
        cells.extend(rec.unwrap().iter().map(str::to_owned));
    }
    cells.join("\n")
}

/// Every string of a JSON document, joined by line breaks.
fn json_strings(v: &serde_json::Value, out: &mut String) {
    match v {
        serde_json::Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| json_strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| json_strings(x, out)),
        _ => {}
    }
}

#[test]
fn every_format_says_what_the_table_says() {
    // Wide, so that no cell of the table wraps; every gap listed.
    let style = Style {
        width: 4000,
        color: false,
        top: 1000,
        detail: false,
    };
    let mut warnings_seen = 0;
    for (name, card) in cards() {
        for lang in Lang::ALL {
            let report = Report::new(&card, lang, style);
            let table = rendered(&card, Format::Table, lang, &style);
            let markdown = unmarkdown(&rendered(&card, Format::Markdown, lang, &style));
            let csv = csv_cells(&rendered(&card, Format::Csv, lang, &style));
            let json = scorecard_json(&rendered(&card, Format::Json, lang, &style));
            let mut strings = String::new();
            json_strings(&json, &mut strings);

            let mut items: Vec<(&str, String)> = Vec::new();
            for w in &report.warnings {
                items.push(("warning", w.message.clone()));
            }
            warnings_seen += report.warnings.len();
            for f in &report.figures {
                items.push(("figure", f.title.clone()));
            }
            for g in &report.gaps.all {
                items.push(("gap", g.gap.title.show(report.lang).to_owned()));
                items.push(("next level", g.next.clone()));
                items.push(("recommendation", g.recommendation.clone()));
            }
            for list in &report.left_out {
                for i in &list.items {
                    items.push(("reason", i.reason.clone()));
                }
            }
            if let Some(ghg) = &report.ghg {
                for n in &ghg.notes {
                    items.push(("GHG note", n.clone()));
                }
                for s in &ghg.sources {
                    items.push(("GHG source", s.title.clone()));
                }
            }
            for (what, item) in items.iter().filter(|(_, i)| !i.is_empty()) {
                assert!(
                    table.contains(item),
                    "{name} {lang}: table lacks {what} {item:?}"
                );
                assert!(
                    markdown.contains(item),
                    "{name} {lang}: Markdown lacks {what} {item:?}"
                );
                assert!(
                    csv.contains(item),
                    "{name} {lang}: CSV lacks {what} {item:?}"
                );
                // JSON has the words of findings and warnings, and the data of the rest.
                if !matches!(*what, "next level" | "GHG note") {
                    assert!(
                        strings.contains(item),
                        "{name} {lang}: JSON lacks {what} {item:?}"
                    );
                }
            }
            // Key figures with their values, in every format.
            for f in &report.figures {
                assert!(
                    table.contains(&f.value) && markdown.contains(&f.value),
                    "{name} {lang}: {} = {}",
                    f.title,
                    f.value
                );
                let metric = json["metrics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|m| m["id"] == f.metric.id.as_str())
                    .unwrap();
                assert_eq!(metric["value"].as_f64(), f.metric.value);
            }
            // The headline: the firm, the total, the reporting year and date where given.
            let h = &report.headline;
            for part in [&h.firm, &h.total, &h.grade, &h.completeness]
                .into_iter()
                .chain(h.facts.as_ref())
            {
                assert!(table.contains(part.as_str()), "{name} {lang}: {part}");
                assert!(markdown.contains(part.as_str()), "{name} {lang}: {part}");
            }
            // CSV has the firm on every row, and the total as a number.
            for part in [&h.firm, &h.completeness]
                .into_iter()
                .chain(h.facts.as_ref())
            {
                assert!(csv.contains(part.as_str()), "{name} {lang}: {part}");
            }
        }
    }
    assert!(
        warnings_seen >= 8,
        "the warned firm raises warnings of every kind"
    );
}

#[test]
fn warnings_keep_their_code_position_and_check_as_data() {
    let g = guideline::load_builtin(BUILTIN_DEFAULT).unwrap();
    let card = card_of(&g, "warned.toml", WARNED);
    let json = scorecard_json(&rendered(&card, Format::Json, Lang::Ko, &Style::default()));
    let warnings = json["warnings"].as_array().unwrap();
    let code = |c: &str| warnings.iter().find(|w| w["code"] == c);
    let future = code("future-year").expect("a figure after the reporting year");
    assert_eq!(future["file"], "warned.toml");
    assert!(future["line"].as_u64().unwrap() > 0 && future["column"].as_u64().unwrap() > 0);
    let check = code("plausibility-check").expect("the magnitude check");
    assert_eq!(check["check"], "electricity-magnitude");
    assert_eq!(check["params"]["read"][0]["id"], "electricity_kwh");
    assert!(code("no-factor-table").is_some(), "{warnings:?}");
    assert!(code("version-mismatch").is_some(), "{warnings:?}");
    // The table shows them in words: a position as a line number, never a caret excerpt.
    let table = rendered(&card, Format::Table, Lang::Ko, &Style::default());
    assert!(table.contains("주의할 점"), "{table}");
    assert!(table.contains("warned.toml "), "{table}");
    assert!(
        !table.contains('^') && !table.contains("warning:"),
        "{table}"
    );
}

/// Words of the tool that may appear in a Korean report: units, names of frameworks and
/// standards, and terms of the trade that Korean writes in Latin letters.
const ALLOWED: &[&str] = &[
    "tCO2e", "kgCO2e", "MWh", "kWh", "GWh", "TWh", "Nm³", "Scope", "K-ESG", "kcal",
];

/// The Latin words of 3 or more letters with a lower-case letter in `text` (acronyms such as
/// ESG, ISO, GRI and LPG are names, not English).
fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '³' || c == '_'))
        .filter(|w| !ALLOWED.contains(w))
        .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 3)
        .filter(|w| w.chars().any(|c| c.is_ascii_lowercase()))
        .map(str::to_owned)
        .collect()
}

/// The text the firm wrote itself (reasons, notes, evidence, text answers, its name), which a
/// report shows as written.
fn firms_own_words(card: &Scorecard) -> Vec<String> {
    let mut own = vec![card.firm.name.clone(), card.file.clone()];
    for i in &card.indicators {
        for a in &i.answers {
            own.extend(a.not_applicable.clone());
            own.extend(a.note.clone());
            own.extend(a.evidence.iter().cloned());
            if let Some(Shown::Text { text }) = &a.value {
                own.push(text.clone());
            }
        }
    }
    own.retain(|s| !s.is_empty());
    own.sort_by_key(|s| std::cmp::Reverse(s.len()));
    own
}

#[test]
fn korean_reports_have_no_english_and_no_code() {
    for (name, card) in cards().into_iter().filter(|(n, _)| n != "warned.toml") {
        let own = firms_own_words(&card);
        for format in [Format::Table, Format::Markdown, Format::Csv] {
            for detail in [false, true] {
                // Wide, so that the firm's own words are not wrapped across the lines of a cell.
                let style = Style {
                    width: 4000,
                    color: false,
                    top: 1000,
                    detail,
                };
                let mut text = rendered(&card, format, Lang::Ko, &style);
                if format == Format::Csv {
                    // The words an owner reads; the other columns hold codes and numbers.
                    let mut r = csv::Reader::from_reader(text.as_bytes());
                    let head = r.headers().unwrap().clone();
                    let words = [
                        "title",
                        "next_level",
                        "recommendation",
                        "effort",
                        "explanation",
                    ];
                    let mut cells = Vec::new();
                    for rec in r.records() {
                        let rec = rec.unwrap();
                        for (h, c) in head.iter().zip(rec.iter()) {
                            if words.contains(&h) {
                                cells.push(c.to_owned());
                            }
                        }
                    }
                    text = cells.join("\n");
                } else if format == Format::Markdown {
                    text = unmarkdown(&text);
                }
                for o in &own {
                    text = text.replace(o.as_str(), " ");
                }
                assert!(
                    !text.contains('`'),
                    "{name} {format:?}: a backtick:\n{text}"
                );
                let english = english_words(&text);
                assert!(
                    english.is_empty(),
                    "{name} {format:?}: English or code in Korean: {english:?}\n{text}"
                );
            }
        }
    }
}

#[test]
fn the_check_for_english_would_find_it() {
    assert_eq!(
        english_words("E-3-1 온실가스 1,223.0 tCO2e ESG ISO 37001 Scope 1: Does not apply"),
        ["Does", "not", "apply"]
    );
    assert_eq!(english_words("has_board 질문"), ["has_board"]);
}

/// The test guideline's text without any reason for owners.
fn mini_without_reasons() -> String {
    let text = std::fs::read_to_string(root().join(MINI).join("guideline.toml")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with("ask_if_reason") && !l.starts_with("applies_if_reason"))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// A copy of the test guideline with words for owners of this test's own on G-1 and its question.
fn mini_with_reasons(dir: &Path, keep_applies_if: bool) -> PathBuf {
    let text = mini_without_reasons();
    let mut text = text.replace(
        "ask_if = \"has_board\"\n",
        "ask_if = \"has_board\"\nask_if_reason = { ko = \"이사회가 없어 묻지 않습니다.\", en = \"Not asked: the firm has no board.\" }\n",
    );
    text = if keep_applies_if {
        text.replace(
            "applies_if = \"has_board\"\n",
            "applies_if = \"has_board\"\napplies_if_reason = { ko = \"이사회가 없어 해당하지 않습니다.\", en = \"The firm has no board.\" }\n",
        )
    } else {
        text.replace("applies_if = \"has_board\"\n", "")
    };
    let pkg = dir.join("mini");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("guideline.toml"), text).unwrap();
    pkg
}

fn stdout_of(args: &[&str], guideline: &Path) -> String {
    let out = esg()
        .args(args)
        .arg("--guideline")
        .arg(guideline)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn reports_give_the_guidelines_reason_for_owners() {
    let dir = tempfile::tempdir().unwrap();
    let g = mini_with_reasons(dir.path(), true);
    let en = stdout_of(&["--lang", "en", "score", WORKED], &g);
    assert!(
        en.contains("G-1 Women on the board: The firm has no board."),
        "{en}"
    );
    let ko = stdout_of(&["--lang", "ko", "score", WORKED], &g);
    assert!(
        ko.contains("G-1 여성 이사: 이사회가 없어 해당하지 않습니다."),
        "{ko}"
    );
    let md = stdout_of(
        &["--lang", "ko", "score", WORKED, "--format", "markdown"],
        &g,
    );
    assert!(
        md.contains("- G-1 여성 이사: 이사회가 없어 해당하지 않습니다."),
        "{md}"
    );
    let json = scorecard_json(&stdout_of(&["score", WORKED, "--format", "json"], &g));
    let g1 = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "G-1")
        .unwrap();
    assert_eq!(g1["finding"]["message"], "The firm has no board.");
    assert_eq!(g1["finding"]["params"]["condition"], "has_board");

    // A question not asked: the question's reason.
    let dir = tempfile::tempdir().unwrap();
    let g = mini_with_reasons(dir.path(), false);
    let en = stdout_of(&["--lang", "en", "score", WORKED], &g);
    assert!(
        en.contains("G-1 Women on the board: Not asked: the firm has no board."),
        "{en}"
    );
    let explain = stdout_of(&["--lang", "en", "explain", "G-1"], &g);
    assert!(explain.contains("asked when: has_board"), "{explain}");
    assert!(
        explain.contains("Not asked: the firm has no board."),
        "{explain}"
    );

    // Without the guideline's words, a sentence that shows no formula.
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("mini");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("guideline.toml"), mini_without_reasons()).unwrap();
    let en = stdout_of(&["--lang", "en", "score", WORKED], &pkg);
    assert!(
        en.contains("G-1 Women on the board: Does not apply to this firm."),
        "{en}"
    );
    let ko = stdout_of(&["--lang", "ko", "score", WORKED], &pkg);
    assert!(
        ko.contains("G-1 여성 이사: 이 회사에는 해당하지 않습니다."),
        "{ko}"
    );
}

#[test]
fn the_per_firm_csv_has_the_firm_its_total_and_what_to_do_next() {
    let out = esg()
        .args([
            "--lang",
            "en",
            "score",
            WORKED,
            "--guideline",
            MINI,
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let head: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    let col = |n: &str| head.iter().position(|h| h == n).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let e2 = rows
        .iter()
        .find(|r| &r[col("section")] == "indicator" && &r[col("id")] == "E-2")
        .unwrap();
    assert_eq!(&e2[col("firm")], "Worked Example Ltd");
    assert_eq!(&e2[col("total")], "50");
    assert_eq!(&e2[col("grade")], "C");
    assert_eq!(&e2[col("gap_rank")], "1");
    assert_eq!(&e2[col("next_level")], "level 3 of 3: All four");
    assert_eq!(&e2[col("recommendation")], "Check more.");
    assert_eq!(&e2[col("effort")], "medium");
    assert!(rows.iter().any(|r| &r[col("section")] == "summary"));
    assert_eq!(
        rows.iter().filter(|r| &r[col("section")] == "area").count(),
        3
    );
}

#[test]
fn the_published_schemas_catch_a_missing_or_an_unknown_key() {
    let out = esg()
        .args(["score", WORKED, "--guideline", MINI, "--format", "json"])
        .output()
        .unwrap();
    let mut card = scorecard_json(&String::from_utf8(out.stdout).unwrap());
    let validator = jsonschema::validator_for(&esg::schema::scorecard()).unwrap();
    card["firm"]
        .as_object_mut()
        .unwrap()
        .remove("business_number");
    assert!(!validator.is_valid(&card), "a key left out is refused");
    card["firm"]["business_number"] = serde_json::Value::Null;
    assert!(validator.is_valid(&card));
    card["areas"][0]["extra"] = serde_json::json!(1);
    assert!(!validator.is_valid(&card), "an unknown key is refused");

    // The command prints the schemas.
    for which in ["scorecard", "portfolio-row"] {
        let out = esg().args(["schema", which]).output().unwrap();
        assert!(out.status.success());
        let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(jsonschema::validator_for(&schema).is_ok(), "{which}");
    }
}
