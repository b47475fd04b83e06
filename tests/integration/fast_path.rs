//! The fast path of reading answers files (no positions, taken only by a file with nothing to
//! report) gives exactly what the reading with positions gives: the same answers, the same
//! scores, and for a file with problems the same diagnostics.

use std::path::Path;

use esg::answers::{self, Answers};
use esg::batch::{Batch, Input, score_all};
use esg::guideline::Guideline;
use esg::report::{Format, SummaryStyle};
use esg::score::{Options, summarize};
use esg::scorecard::Unanswered;
use esg::source::Source;
use esg::text::Lang;
use proptest::prelude::*;

use crate::common::root;

/// Every guideline the fixtures are written for: the built-in ones and the test packages.
fn guidelines() -> Vec<Guideline> {
    let mut all: Vec<Guideline> = esg::guideline::builtins()
        .iter()
        .map(|b| esg::guideline::load_builtin(b.id).expect("built-in guidelines load"))
        .collect();
    let dir = root().join("tests/fixtures/guidelines");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if let Ok(g) = esg::guideline::load_dir(&path) {
            all.push(g);
        }
    }
    all
}

/// Everything a reading gives, as text: the answers, or the diagnostics.
fn outcome(result: &Result<Answers, esg::error::Error>) -> String {
    match result {
        Ok(a) => format!(
            "{:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            a.file, a.guideline_id, a.guideline_version, a.firm, a.entries, a.factors, a.warnings
        ),
        Err(esg::error::Error::Invalid(diags)) => format!("{diags:?}"),
        Err(e) => format!("{e:?}"),
    }
}

/// Reads `source` against `g` every way and checks that they agree; returns whether the fast
/// path took the file.
fn agree(source: &Source, g: &Guideline) -> bool {
    let full = answers::parse_with_positions(source, g);
    let fast = answers::parse_fast(source, g);
    let parsed = answers::parse(source, g);
    assert_eq!(
        outcome(&parsed),
        outcome(&full),
        "{} against {}: parse differs from the reading with positions",
        source.name,
        g.id
    );
    let Some(fast) = fast else {
        return false;
    };
    let full = full.unwrap_or_else(|e| {
        panic!(
            "{} against {}: the fast path took a file with problems: {e:?}",
            source.name, g.id
        )
    });
    assert!(
        full.warnings.is_empty(),
        "{} against {}: the fast path took a file with warnings",
        source.name,
        g.id
    );
    assert_eq!(outcome(&Ok(fast.clone())), outcome(&Ok(full.clone())));
    let options = Options::default();
    assert_eq!(
        format!("{:?}", summarize(g, &fast, options)),
        format!("{:?}", summarize(g, &full, options)),
        "{} against {}: the scores differ",
        source.name,
        g.id
    );
    true
}

#[test]
fn every_fixture_and_example_reads_the_same_either_way() {
    let guidelines = guidelines();
    let mut files = Vec::new();
    for dir in ["tests/fixtures", "examples"] {
        files.extend(esg::walk::toml_files(&root().join(dir)).map(|f| f.path().to_path_buf()));
    }
    assert!(files.len() > 50, "only {} files found", files.len());
    let mut taken = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let source = Source::new(path.display().to_string(), text);
        for g in &guidelines {
            if agree(&source, g) {
                taken.push(format!(
                    "{} {}",
                    path.strip_prefix(root()).unwrap().display(),
                    g.id
                ));
            }
        }
    }
    // The examples shipped for the built-in guideline are clean: the fast path takes them.
    for example in [
        "examples/autoparts-120.toml k-esg-sme",
        "examples/service-20.toml k-esg-sme",
        "examples/logistics.toml k-esg-sme",
        "tests/fixtures/answers/mini-worked.toml mini",
    ] {
        assert!(
            taken.iter().any(|t| t == example),
            "the fast path did not take {example}; it took {taken:#?}"
        );
    }
}

/// Hostile and broken variants of a clean file: each is read the same way either way, and the
/// fast path takes none that has a problem.
#[test]
fn broken_and_unusual_files_read_the_same_either_way() {
    let g = esg::guideline::load_dir(&root().join(crate::common::MINI)).unwrap();
    let clean = std::fs::read_to_string(root().join(crate::common::WORKED)).unwrap();
    let source = Source::new("clean.toml", clean.clone());
    assert!(agree(&source, &g), "the worked example is clean");
    let variants: Vec<String> = vec![
        // Syntax errors and TOML-level errors.
        clean.replacen("[firm]", "[firm", 1),
        clean.replacen("[firm]", "[firm]\n[firm]", 1),
        format!("{clean}\n[answers]\n"),
        clean.replacen(
            "[answers]\n",
            "[answers]\nemployees = 1\nemployees = 2\n",
            1,
        ),
        clean.replacen("[firm]\n", "[firm]\nname = \"a\"\nname = \"b\"\n", 1),
        format!("{clean}\nx = 1\n"),
        format!("top = 1\n{clean}"),
        // Shapes the fast path leaves to the full reading.
        clean.replacen("[answers]\n", "[answers]\nfoo.bar = 1\n", 1),
        clean.replacen("[guideline]", "[[guideline]]", 1),
        clean.replacen("[answers]", "[answers.x]\n[answers]", 1),
        clean.replacen("[firm]\n", "[firm]\nfounded = 1999-01-01\n", 1),
        // Problems of the answers.
        clean.replacen("[answers]\n", "[answers]\nno_such_question = 1\n", 1),
        clean.replacen("version = \"", "version = \"9", 1),
        clean.replacen("id = \"mini\"", "id = \"other\"", 1),
        clean.replacen("id = \"mini\"", "id = \"\"", 1),
        clean.replacen("name = ", "name = \"\" # ", 1),
        clean.replacen("[guideline]", "[guideline]\nextra = 1", 1),
        clean.replace("true", "\"?\""),
        clean.replace("true", "1"),
        clean.replace('=', "= \"\u{202e}\" #"),
        clean.replace("\n", "\r\n"),
        clean.replace("\n", "\n# comment \u{7}\n"),
        String::new(),
        "\u{feff}".to_owned() + &clean,
    ];
    for (i, text) in variants.into_iter().enumerate() {
        let source = Source::new(format!("variant-{i}.toml"), text);
        agree(&source, &g);
    }
}

/// Lines an answers file for the test guideline may hold, good and bad.
fn line() -> impl Strategy<Value = String> {
    let ids = [
        "has_board",
        "targets",
        "env_checks",
        "water",
        "revenue",
        "policy",
        "turnover",
        "board_women",
        "nope",
    ];
    let values = [
        "1",
        "12.5",
        "-3",
        "1e400",
        "0x10",
        "true",
        "\"?\"",
        "\"a\"",
        "\"short\"",
        "[\"a\", \"b\"]",
        "[\"a\", \"b\", \"a\"]",
        "[]",
        "{ 2023 = 1, 2024 = 2 }",
        "{ 2023 = 1, \"2023\" = 2 }",
        "{ 02023 = 1 }",
        "{ \"+2023\" = 1 }",
        "01",
        "-0",
        "+1",
        "1_000",
        "0.5",
        "00.5",
        "-0.0",
        "1.",
        "1e3",
        "inf",
        "99999999999999999999",
        "{ 2023 = 007, 2024 = 2.50 }",
        "\"a\\tb\"",
        "\"tab\there\"",
        "\"\\u0061\"",
        "\"x\u{7f}\"",
        "'a'",
        "\"\"\"a\"\"\"",
        "[\"a\", 'b']",
        "{ 2023 = 1, 2024 = \"x\" }",
        "{ 2023 = 1, value = 2 }",
        "{ 2024 = 2, 2023 = 1, }",
        "{ 2023 = 1e400 }",
        "{ 2023 = { a = 1 } }",
        "{ 2023 = -5, 2024 = 1979-05-27 }",
        "[\"a\", \"?\"]",
        "[\"a\", 1]",
        "[\"b\", \"a\",]",
        "[[\"a\"]]",
        "{ \"2023\" = 1, 2024 = 2 }",
        "{ value = 3, evidence = [\"doc.pdf\"] }",
        "{ value = 3, unit = \"x\" }",
        "{ not_applicable = \"none\" }",
        "{ not_applicable = \"\" }",
        "{ value = 1, not_applicable = \"x\" }",
        "{ note = \"n\" }",
        "1979-05-27",
        "\"unterminated",
    ];
    (
        proptest::sample::select(ids.to_vec()),
        proptest::sample::select(values.to_vec()),
    )
        .prop_map(|(id, v)| format!("{id} = {v}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Generated files: whatever they hold, reading them fast or with positions agrees.
    #[test]
    fn generated_files_read_the_same_either_way(lines in proptest::collection::vec(line(), 0..8)) {
        static MINI: std::sync::OnceLock<Guideline> = std::sync::OnceLock::new();
        let g = MINI.get_or_init(|| {
            esg::guideline::load_dir(&root().join(crate::common::MINI)).unwrap()
        });
        let text = format!(
            "[guideline]\nid = \"mini\"\nversion = \"1.0.0\"\n\n[firm]\nname = \"F\"\nreporting_year = 2024\n\n[answers]\n{}\n",
            lines.join("\n")
        );
        agree(&Source::new("gen.toml", text), g);
    }
}

/// Scores `dir` and writes its CSV summary, the rows kept on disk as `kept` says: as JSON read
/// back at the end (the way every other format is written), or as CSV written as they come.
fn csv_summary(g: &Guideline, dir: &Path, kept: Format, lang: Lang, bom: bool) -> Vec<u8> {
    let batch = Batch {
        guideline: g,
        unanswered: Unanswered::default(),
        reports: None,
    };
    let spool = tempfile::tempdir().unwrap();
    let mut scored = score_all(
        &batch,
        [Input::Named(dir.to_path_buf())],
        spool.path(),
        kept,
        lang,
        None,
        &mut |_| {},
    )
    .unwrap();
    let style = SummaryStyle {
        width: 100,
        lang,
        bom,
        base: None,
    };
    let mut out = Vec::new();
    scored
        .write(Format::Csv, g, &style, &mut out, false)
        .unwrap();
    out
}

/// The CSV summary, its rows written as they come and their percentiles put in at the end, is
/// byte for byte the summary written from rows read back: hostile names (commas, quotes, line
/// breaks), error rows, firms with and without a total, both languages, with a byte-order mark.
#[test]
fn csv_summary_written_as_rows_come_is_the_same() {
    let g = esg::guideline::load_builtin("k-esg-sme").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let examples = [
        "autoparts-120",
        "service-20",
        "logistics",
        "listed-midsize",
        "ghg-manufacturer",
    ];
    let mut n = 0;
    for (i, name) in examples.iter().enumerate() {
        let text = std::fs::read_to_string(root().join(format!("examples/{name}.toml"))).unwrap();
        for (j, firm) in [
            "Plain Ltd",
            "Comma, \"Quoted\" & Co",
            "Line\nbreak",
            "=cmd|' /C calc'!A0",
            "",
        ]
        .iter()
        .enumerate()
        {
            let renamed = regex_free_rename(&text, firm);
            let file = dir.path().join(format!("{i}{j} {name}, \"{j}\".toml"));
            std::fs::write(file, renamed).unwrap();
            n += 1;
        }
    }
    // Broken files: error rows, with messages that hold commas and quotes.
    std::fs::write(dir.path().join("broken, \"1\".toml"), "[guideline\n").unwrap();
    std::fs::write(
        dir.path().join("broken-2.toml"),
        "[guideline]\nid = \"k-esg-sme\"\n",
    )
    .unwrap();
    assert!(n > 10);
    for lang in [Lang::Ko, Lang::En] {
        for bom in [false, true] {
            let before = csv_summary(&g, dir.path(), Format::Json, lang, bom);
            let now = csv_summary(&g, dir.path(), Format::Csv, lang, bom);
            assert!(before.len() > 1000);
            assert_eq!(
                String::from_utf8_lossy(&now),
                String::from_utf8_lossy(&before),
                "lang {lang:?}, bom {bom}"
            );
        }
    }
}

/// `text` with its firm's name replaced by `name`.
fn regex_free_rename(text: &str, name: &str) -> String {
    let mut out = String::new();
    let mut in_firm = false;
    for line in text.lines() {
        if line.trim_start().starts_with('[') {
            in_firm = line.trim() == "[firm]";
        }
        if in_firm && line.trim_start().starts_with("name") {
            out.push_str(&format!("name = {name:?}\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
