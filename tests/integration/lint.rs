//! `esg lint`: every rule has a fixture that triggers exactly it, with a snapshot of its
//! diagnostic; rule codes are unique, kebab-case and documented; the SARIF output is valid SARIF
//! 2.1.0; the built-in guideline and the examples lint clean; the schemas accept the shipped files.

use std::path::{Path, PathBuf};

use esg::code::Code;
use esg::guideline::{self, Guideline};
use esg::lint::format::{Format, Style, render};
use esg::lint::rules::RULES;
use esg::lint::{self, Kind, Options, Report};
use esg::source::Severity;
use esg::text::Lang;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    PathBuf::from("tests/fixtures/lint")
}

fn base() -> Guideline {
    guideline::load_dir(&fixtures().join("base")).unwrap_or_else(|e| panic!("base:\n{e}"))
}

/// Lints a rule's fixture: a package directory, or an answers file checked against the base.
fn lint_fixture(code: &str) -> Report {
    let dir = fixtures().join(code);
    if dir.join("guideline.toml").is_file() {
        lint::lint_dir(&dir).unwrap()
    } else if dir.join("notes.toml").is_file() {
        // A rule about what a path is (`unknown-file`): linted as `esg lint PATH` does.
        let options = Options {
            kind: Kind::Detect,
            guideline: None,
        };
        lint::lint_paths(&[dir.join("notes.toml")], None, options).unwrap()
    } else {
        let file = dir.join("answers.toml");
        assert!(
            file.is_file(),
            "rule `{code}` has no fixture under {}",
            dir.display()
        );
        let source = esg::input::read_file(&file).unwrap();
        Report {
            files: vec![source.name.clone()],
            diagnostics: lint::lint_answers(&source, &base()),
        }
    }
}

fn rendered(report: &Report, format: Format, lang: Lang) -> String {
    let mut out = Vec::new();
    render(format, report, Style { lang, color: false }, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn the_base_fixture_is_clean() {
    let report = lint::lint_dir(&fixtures().join("base")).unwrap();
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
}

#[test]
fn every_rule_has_a_fixture_that_triggers_exactly_it() {
    for rule in RULES {
        let report = lint_fixture(rule.code.as_str());
        assert!(
            !report.diagnostics.is_empty(),
            "the fixture of `{}` triggers nothing",
            rule.code
        );
        for d in &report.diagnostics {
            assert_eq!(d.code, rule.code, "fixture of `{}`:\n{d}", rule.code);
            assert_eq!(d.severity, rule.severity(), "fixture of `{}`", rule.code);
        }
        insta::assert_snapshot!(
            format!("lint-{}", rule.code),
            rendered(&report, Format::Human, Lang::En)
        );
    }
}

#[test]
fn every_fixture_belongs_to_a_rule() {
    for entry in std::fs::read_dir(root().join(fixtures())).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            name == "base" || RULES.iter().any(|r| r.code == name.as_str()),
            "tests/fixtures/lint/{name} is not a rule code"
        );
    }
}

#[test]
fn codes_are_unique_kebab_case_explained_and_documented() {
    let doc = std::fs::read_to_string(root().join("docs/lint.md")).unwrap();
    let mut seen = std::collections::HashSet::new();
    for rule in RULES {
        let code = rule.code.as_str();
        assert!(seen.insert(code), "`{code}` is listed twice");
        assert!(
            !code.is_empty()
                && code.split('-').all(|part| {
                    !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase())
                }),
            "`{code}` is not kebab-case"
        );
        for heading in [
            "## What it finds",
            "## Why it matters",
            "## How to fix",
            "## Example",
        ] {
            assert!(
                rule.explain(Lang::En).contains(heading),
                "`{code}`: {heading}"
            );
        }
        for heading in [
            "## 무엇을 찾나",
            "## 왜 중요한가",
            "## 고치는 법",
            "## 예시",
        ] {
            assert!(
                rule.explain(Lang::Ko).contains(heading),
                "`{code}`: {heading}"
            );
        }
        let severity = match rule.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let row = format!("| `{code}` | {severity} | {} |", rule.summary.en);
        assert!(doc.contains(&row), "docs/lint.md lacks the row:\n{row}");
    }
}

#[test]
fn every_code_has_one_rule_in_the_documented_order() {
    let codes: Vec<Code> = RULES.iter().map(|r| r.code).collect();
    assert_eq!(
        codes,
        Code::ALL,
        "RULES and Code::ALL list the codes in one order"
    );
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0_with_columns_in_characters() {
    // The official schema writes a literal `]` unescaped in its language patterns, which
    // ECMAScript accepts and Rust's regex engine does not; escape it (same meaning) so the schema
    // itself compiles.
    let text = std::fs::read_to_string(root().join("tests/fixtures/sarif/sarif-schema-2.1.0.json"))
        .unwrap();
    let unescaped = r#"-[a-zA-Z]{2}]?$"#;
    assert!(text.contains(unescaped));
    let schema: serde_json::Value =
        serde_json::from_str(&text.replace(unescaped, r#"-[a-zA-Z]{2}\\]?$"#)).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut all = Report::default();
    for rule in RULES {
        let r = lint_fixture(rule.code.as_str());
        all.files.extend(r.files);
        all.diagnostics.extend(r.diagnostics);
    }
    let sarif: serde_json::Value =
        serde_json::from_str(&rendered(&all, Format::Sarif, Lang::En)).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(sarif["runs"][0]["columnKind"], "unicodeCodePoints");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), all.diagnostics.len());
    // `targets = "sett"`: the value starts at character 11 and is 6 characters long.
    let option = results
        .iter()
        .find(|r| r["ruleId"] == "unknown-option")
        .unwrap();
    let region = &option["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startColumn"].as_u64(), region["endColumn"].as_u64()),
        (Some(11), Some(17))
    );
    // On a line with Korean text, columns count characters, not bytes.
    let text = results
        .iter()
        .find(|r| r["ruleId"] == "toml-syntax")
        .unwrap();
    let region = &text["locations"][0]["physicalLocation"]["region"];
    let line = "title = { ko = \"환경, en = \"Environment\" }";
    let col = region["startColumn"].as_u64().unwrap() as usize;
    assert!(col <= line.chars().count() + 1, "column {col} counts bytes");
}

#[test]
fn json_output_lists_files_counts_and_findings() {
    let report = lint_fixture("unused-question");
    let json: serde_json::Value =
        serde_json::from_str(&rendered(&report, Format::Json, Lang::En)).unwrap();
    insta::assert_json_snapshot!("lint-json-unused-question", json);
}

#[test]
fn github_output_is_one_workflow_command_per_finding_escaped() {
    let report = lint_fixture("missing-text");
    let text = rendered(&report, Format::Github, Lang::En);
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        "::warning file=tests/fixtures/lint/missing-text/guideline.toml,line=59,col=9,endColumn=25,\
         title=esg missing-text::indicator `E-1` title has no English (en) text%0Ahelp: add `en = \"…\"`; \
         the guideline declares this language"
    );
}

#[test]
fn the_builtin_guidelines_lint_clean_and_run_their_self_tests() {
    for b in guideline::builtins() {
        let report = lint::lint_builtin(b.id).unwrap();
        assert!(
            report.diagnostics.is_empty(),
            "{}:\n{}",
            b.id,
            rendered(&report, Format::Human, Lang::En)
        );
        let tests = report
            .files
            .iter()
            .filter(|f| f.contains("/tests/"))
            .count();
        assert!(tests >= 3, "{}: {tests} self-tests", b.id);
    }
}

#[test]
fn a_broken_builtin_self_test_is_reported_at_its_line() {
    let b = guideline::builtins()
        .iter()
        .find(|b| b.id == guideline::BUILTIN_DEFAULT)
        .unwrap();
    let (tests, files): (Vec<_>, Vec<_>) = b
        .files
        .iter()
        .map(|(p, t)| esg::source::Source::new(format!("builtin:{}/{p}", b.id), *t))
        .partition(|s| s.name.contains("/tests/"));
    // Each test with every expected status flipped must fail at those lines.
    for t in &tests {
        let flipped = t
            .text
            .replace("\"not_applicable\"", "\"@\"")
            .replace("\"scored\"", "\"not_applicable\"")
            .replace("\"@\"", "\"scored\"");
        if flipped == *t.text {
            continue;
        }
        let broken = esg::source::Source::new(t.name.clone(), flipped);
        let report = lint::lint_package(files.clone(), &[broken], "builtin");
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.code == "self-test-failed" && d.line > 0),
            "{}: flipping its expectations went unnoticed",
            t.name
        );
    }
}

#[test]
fn the_examples_lint_clean() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir("examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let report = lint::lint_paths(
        &paths,
        None,
        Options {
            kind: Kind::Detect,
            guideline: None,
        },
    )
    .unwrap();
    assert_eq!(report.files.len(), paths.len());
    assert!(
        report.diagnostics.is_empty(),
        "{}",
        rendered(&report, Format::Human, Lang::En)
    );
}

fn toml_as_json(path: &Path) -> serde_json::Value {
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_guideline_schema_accepts_every_builtin_file_and_rejects_a_typo() {
    let schema = esg::schema::guideline();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let dir = root().join("guidelines/k-esg-sme");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let doc = toml_as_json(&path);
            let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        }
    }
    let typo = toml_as_json(&root().join("tests/fixtures/lint/unknown-key/guideline.toml"));
    assert!(!validator.is_valid(&typo));
}

#[test]
fn the_answers_schema_accepts_every_example_and_rejects_bad_answers() {
    let g = guideline::load_builtin(guideline::BUILTIN_DEFAULT).unwrap();
    let schema = esg::schema::answers(&g, Lang::En);
    let validator = jsonschema::validator_for(&schema).unwrap();
    for entry in std::fs::read_dir(root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let doc = toml_as_json(&path);
            let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        }
    }
    let base = base();
    let schema = esg::schema::answers(&base, Lang::En);
    let validator = jsonschema::validator_for(&schema).unwrap();
    for code in [
        "unknown-question",
        "unknown-option",
        "out-of-range",
        "na-without-reason",
        "na-not-allowed",
        "unfilled-answer",
    ] {
        let doc = toml_as_json(&root().join(format!("tests/fixtures/lint/{code}/answers.toml")));
        assert!(
            !validator.is_valid(&doc),
            "the answers schema accepts the `{code}` fixture"
        );
    }
}
