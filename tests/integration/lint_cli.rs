//! `esg lint`, `esg explain CODE` and `esg schema` as a user runs them: exit codes, formats,
//! standard input, output files.

use predicates::prelude::*;

use crate::common::esg;

#[test]
fn no_path_lints_the_builtin_guidelines_clean() {
    esg()
        .arg("lint")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("checked: no problems"));
}

#[test]
fn an_error_exits_1_with_the_code_and_the_line() {
    esg()
        .args(["lint", "tests/fixtures/lint/bands-gap"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[bands-gap]"))
        .stdout(predicate::str::contains("guideline.toml:84:7"));
}

#[test]
fn warnings_alone_exit_0() {
    esg()
        .args(["lint", "tests/fixtures/lint/unused-question"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[unused-question]"));
}

#[test]
fn a_file_of_a_package_lints_its_package() {
    esg()
        .args([
            "lint",
            "tests/fixtures/lint/self-test-failed/tests/policy.toml",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[self-test-failed]"));
}

#[test]
fn a_missing_path_exits_2() {
    esg()
        .args(["lint", "no/such/guideline"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such file or directory"));
}

#[test]
fn answers_from_standard_input_against_a_package() {
    let answers = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/lint/unknown-option/answers.toml"),
    )
    .unwrap();
    esg()
        .args(["lint", "-", "--guideline", "tests/fixtures/lint/base"])
        .write_stdin(answers)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("<stdin>:12:11"))
        .stdout(predicate::str::contains("did you mean `set`?"));
}

#[test]
fn answers_name_a_package_linted_in_the_same_run() {
    esg()
        .args([
            "lint",
            "tests/fixtures/lint/base",
            "tests/fixtures/lint/version-mismatch/answers.toml",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[version-mismatch]"));
}

#[test]
fn as_answers_reads_a_guideline_file_as_answers() {
    esg()
        .args([
            "lint",
            "--as",
            "answers",
            "tests/fixtures/lint/base/guideline.toml",
            "-g",
            "tests/fixtures/lint/base",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("unknown table `area`"));
}

#[test]
fn output_file_is_written_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("esg.sarif");
    esg()
        .args([
            "lint",
            "tests/fixtures/lint/missing-text",
            "--format",
            "sarif",
            "-o",
        ])
        .arg(&out)
        .assert()
        // `missing-text` is a warning: the text falls back to another language.
        .code(0)
        .stdout("");
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "missing-text");
}

#[test]
fn no_output_file_when_lint_cannot_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    esg()
        .args(["lint", "nowhere", "--format", "json", "-o"])
        .arg(&out)
        .assert()
        .code(2);
    assert!(!out.exists());
}

#[test]
fn github_format_prints_workflow_commands() {
    esg()
        .args([
            "lint",
            "tests/fixtures/lint/unknown-key",
            "--format",
            "github",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "::error file=tests/fixtures/lint/unknown-key/guideline.toml,line=",
        ));
}

#[test]
fn korean_messages_with_lang_ko() {
    esg()
        .args(["lint", "tests/fixtures/lint/empty-area", "--lang", "ko"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("오류[empty-area]"))
        .stdout(predicate::str::contains(
            "파일 1개 검사: 오류 1개, 주의 0개",
        ));
}

#[test]
fn explain_prints_a_rule_in_full() {
    esg()
        .args(["explain", "bands-gap"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("bands-gap (error):"))
        .stdout(predicate::str::contains("## How to fix"));
    esg()
        .args(["explain", "unused-question", "--lang", "ko"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("## 고치는 법"));
    // Indicator codes still work.
    esg().args(["explain", "E-3-1"]).assert().code(0);
}

#[test]
fn schema_prints_json_schemas() {
    let out = esg()
        .args(["schema", "guideline"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let schema: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(schema["properties"]["indicator"].is_object(), "{schema}");
    let out = esg()
        .args([
            "schema",
            "answers",
            "--guideline",
            "tests/fixtures/lint/base",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let schema: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let targets = &schema["properties"]["answers"]["properties"]["targets"];
    assert_eq!(
        targets["anyOf"][0]["enum"],
        serde_json::json!(["none", "set"])
    );
    esg().args(["schema", "nothing"]).assert().code(2);
}
