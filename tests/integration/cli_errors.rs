//! Bad input: every case exits 2, names the file (and line:col where a position makes sense),
//! says what is wrong in plain words, prints nothing on standard output, and never panics.
//!
//! Answers files are scored against the `mini` test guideline; broken guidelines are copies of
//! it under `tests/fixtures/bad/guideline-*/`, scored with the worked example.

use crate::common::{MINI, WORKED, esg, root};
use assert_cmd::Command;

const BAD: &str = "tests/fixtures/bad";

/// Runs `cmd` and checks the contract for bad input: exit 2, nothing on stdout, no panic, a
/// message on stderr. Returns stderr.
fn fails(cmd: &mut Command) -> String {
    let out = cmd.output().expect("esg runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "esg panicked:\n{stderr}");
    assert!(
        !stderr.contains("RUST_BACKTRACE"),
        "esg panicked:\n{stderr}"
    );
    assert_eq!(out.status.code(), Some(2), "exit code; stderr:\n{stderr}");
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout, found:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        stderr.starts_with("error: ") || stderr.starts_with("error["),
        "an error in plain words:\n{stderr}"
    );
    stderr
}

/// Scores `path` against the mini guideline, expecting failure; returns stderr.
fn score_fails(path: &str) -> String {
    fails(esg().args(["--lang", "en", "score", path, "--guideline", MINI]))
}

/// Scores a bad answers fixture; returns stderr.
fn bad_answers(name: &str) -> String {
    score_fails(&format!("{BAD}/{name}"))
}

/// Scores the worked example against a broken guideline fixture; returns stderr.
fn bad_guideline(name: &str) -> String {
    fails(esg().args([
        "--lang",
        "en",
        "score",
        WORKED,
        "--guideline",
        &format!("{BAD}/{name}"),
    ]))
}

fn has(stderr: &str, needles: &[&str]) {
    for n in needles {
        assert!(stderr.contains(n), "stderr lacks `{n}`:\n{stderr}");
    }
}

// ---------------------------------------------------------------------------------------------
// Answers files: syntax

#[test]
fn unclosed_string() {
    let e = bad_answers("answers-unclosed-string.toml");
    has(
        &e,
        &[
            "tests/fixtures/bad/answers-unclosed-string.toml:9:17: ",
            "string",
        ],
    );
}

#[test]
fn missing_closing_bracket() {
    let e = bad_answers("answers-missing-bracket.toml");
    has(
        &e,
        &[
            "tests/fixtures/bad/answers-missing-bracket.toml:1:11: ",
            "expected `]`",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Answers files: values that do not fit their question

#[test]
fn wrong_type() {
    let e = bad_answers("answers-wrong-type.toml");
    has(
        &e,
        &[
            "answers-wrong-type.toml:10:12: ",
            "`turnover` expects a number, found a string",
        ],
    );
}

#[test]
fn unknown_question_suggests_the_closest() {
    let e = bad_answers("answers-unknown-question.toml");
    has(
        &e,
        &[
            "answers-unknown-question.toml:10:1: ",
            "unknown question `turnovr`",
            "guideline `mini` has no such question",
            "did you mean `turnover`?",
        ],
    );
    // The offending line is quoted, with the key marked.
    has(&e, &["10 | turnovr = 3", "^^^^^^^"]);
}

#[test]
fn unknown_option_suggests_the_closest_and_lists_them() {
    let e = bad_answers("answers-unknown-option.toml");
    has(
        &e,
        &[
            "answers-unknown-option.toml:9:11: ",
            "`shrot` is not an option of `targets`",
            "did you mean `short`?",
            "none, short, long",
        ],
    );
}

#[test]
fn number_out_of_range() {
    let e = bad_answers("answers-out-of-range.toml");
    has(
        &e,
        &[
            "answers-out-of-range.toml:9:12: ",
            "150",
            "above the largest value allowed for `turnover` (100)",
        ],
    );
}

#[test]
fn fraction_for_an_integer_question() {
    let e = bad_answers("answers-integer-fraction.toml");
    has(
        &e,
        &[
            "answers-integer-fraction.toml:10:15: ",
            "`board_women` expects a whole number",
        ],
    );
}

#[test]
fn series_with_a_key_that_is_not_a_year() {
    let e = bad_answers("answers-series-bad-year.toml");
    has(
        &e,
        &[
            "answers-series-bad-year.toml:9:23: ",
            "`last` is not a year",
        ],
    );
}

#[test]
fn not_applicable_without_a_reason() {
    let e = bad_answers("answers-na-no-reason.toml");
    has(
        &e,
        &[
            "answers-na-no-reason.toml:11:18: ",
            "`water` is marked not applicable without a reason",
        ],
    );
}

#[test]
fn not_applicable_where_the_question_does_not_allow_it() {
    let e = bad_answers("answers-na-not-allowed.toml");
    has(
        &e,
        &[
            "answers-na-not-allowed.toml:11:1: ",
            "question `policy` cannot be marked not applicable",
        ],
    );
}

#[test]
fn answers_for_another_guideline() {
    let e = bad_answers("answers-other-guideline.toml");
    has(
        &e,
        &[
            "answers-other-guideline.toml:2:6: ",
            "these answers are for guideline `k-esg-sme`, not `mini`",
            "--guideline k-esg-sme",
        ],
    );
}

#[test]
fn every_problem_in_a_file_is_reported_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.toml");
    std::fs::write(
        &path,
        "[guideline]\nid = \"mini\"\n\n[firm]\nname = \"Many Ltd\"\n\n[answers]\nturnover = 150\ntargets = \"shrot\"\nenv_checks = [\"a\", \"a\", \"z\"]\npolicy = \"yes\"\n",
    )
    .unwrap();
    let e = score_fails(path.to_str().unwrap());
    let name = path.display().to_string();
    let at = |pos: &str| {
        let needle = format!("{name}:{pos}: ");
        e.find(&needle)
            .unwrap_or_else(|| panic!("no `{needle}` in:\n{e}"))
    };
    let order = [
        at("8:12"),
        at("9:11"),
        at("10:20"),
        at("10:25"),
        at("11:10"),
    ];
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "diagnostics by position:\n{e}"
    );
    has(
        &e,
        &[
            "option `a` is listed twice",
            "`z` is not an option of `env_checks`",
            "`policy` expects true or false",
            "5 errors",
        ],
    );
}

#[test]
fn unknown_table_and_missing_firm_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tables.toml");
    std::fs::write(&path, "[guideline]\nid = \"mini\"\n\n[firm]\nbusiness_number = \"1\"\n\n[anwsers]\npolicy = true\n").unwrap();
    let e = score_fails(path.to_str().unwrap());
    let name = path.display().to_string();
    has(
        &e,
        &[
            &format!("{name}:7:2: "),
            "unknown table `anwsers`",
            "[firm] needs a non-empty `name`",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Files that are not answers files at all

#[test]
fn empty_file_says_what_is_missing() {
    let e = bad_answers("answers-empty.toml");
    has(
        &e,
        &[
            "answers-empty.toml",
            "missing [guideline] table",
            "missing [firm] table",
        ],
    );
}

#[test]
fn binary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.toml");
    std::fs::write(
        &path,
        b"[guideline]\x00\x00\x01\x02id = \"mini\"\x00\xff\xfe",
    )
    .unwrap();
    let e = score_fails(path.to_str().unwrap());
    has(&e, &[&path.display().to_string(), "binary"]);
}

#[test]
fn non_utf8_file_points_at_the_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.toml");
    // "Café" in Latin-1: the é is the single byte 0xE9, on line 6, column 12.
    std::fs::write(
        &path,
        b"[guideline]\nid = \"mini\"\nversion = \"1.0.0\"\n\n[firm]\nname = \"Caf\xe9 Ltd\"\n",
    )
    .unwrap();
    let e = score_fails(path.to_str().unwrap());
    has(
        &e,
        &[
            &path.display().to_string(),
            "not UTF-8",
            "line 6, column 12",
            "UTF-8",
        ],
    );
}

#[test]
fn utf8_byte_order_mark_is_accepted() {
    let text = std::fs::read(root().join(WORKED)).unwrap();
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(text);
    let out = esg()
        .args(["--lang", "en", "score", "-", "--guideline", MINI])
        .write_stdin(with_bom)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(out).unwrap().contains("Total 50 / 100"));
}

#[test]
fn missing_file() {
    let e = score_fails("tests/fixtures/bad/no-such-answers.toml");
    has(
        &e,
        &["tests/fixtures/bad/no-such-answers.toml", "no such file"],
    );
}

#[test]
fn a_directory_is_scored_as_a_portfolio_of_error_rows() {
    let out = esg()
        .args(["score", BAD, "--guideline", MINI, "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("files could not be scored"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("answers-unknown-question.toml"), "{stdout}");
    assert!(
        stdout.contains("did you mean") || stdout.contains("unknown question"),
        "{stdout}"
    );
}

#[test]
fn huge_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.toml");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(17 * 1024 * 1024).unwrap();
    let e = score_fails(path.to_str().unwrap());
    has(&e, &[&path.display().to_string(), "too large", "16 MiB"]);
}

#[test]
fn huge_standard_input_is_refused() {
    let comment = format!("# {}\n", "x".repeat(1023));
    let input = comment.repeat(16 * 1024 + 1);
    assert!(input.len() > 16 * 1024 * 1024);
    let e = fails(
        esg()
            .args(["--lang", "en", "score", "-", "--guideline", MINI])
            .write_stdin(input),
    );
    has(&e, &["<stdin>", "too large"]);
}

// ---------------------------------------------------------------------------------------------
// Guidelines

#[test]
fn unknown_guideline_name_lists_the_known() {
    let e = fails(esg().args(["--lang", "en", "score", WORKED, "--guideline", "nope"]));
    has(&e, &["unknown guideline `nope`", "k-esg-sme"]);
}

#[test]
fn directory_without_guideline_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("questions.toml"), "").unwrap();
    let e = fails(
        esg()
            .args(["--lang", "en", "score", WORKED, "--guideline"])
            .arg(dir.path()),
    );
    has(
        &e,
        &[&dir.path().display().to_string(), "no guideline.toml"],
    );
}

#[test]
fn guideline_with_a_syntax_error() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(MINI).join("guideline.toml")).unwrap();
    // Line 2 loses its closing quote.
    let broken = text.replacen("id = \"mini\"", "id = \"mini", 1);
    std::fs::write(dir.path().join("guideline.toml"), broken).unwrap();
    let e = fails(
        esg()
            .args(["--lang", "en", "score", WORKED, "--guideline"])
            .arg(dir.path()),
    );
    has(
        &e,
        &[
            &format!("{}:3:11: ", dir.path().join("guideline.toml").display()),
            "string",
        ],
    );
}

#[test]
fn guideline_expression_syntax_error_points_into_the_expression() {
    let e = bad_guideline("guideline-expr-syntax");
    // `applies_if = "has_board and"`: the expression ends at column 28 where a value is missing.
    has(
        &e,
        &[
            "tests/fixtures/bad/guideline-expr-syntax/guideline.toml:177:28: ",
            "in expression `has_board and`",
            "expected a value, found the end of the expression",
        ],
    );
}

#[test]
fn guideline_expression_with_an_unknown_name() {
    let e = bad_guideline("guideline-expr-unknown-name");
    // `applies_if = "has_bord"`: the name starts at column 15, just inside the quotes.
    has(
        &e,
        &[
            "tests/fixtures/bad/guideline-expr-unknown-name/guideline.toml:177:15: ",
            "unknown name `has_bord`",
            "did you mean `has_board`?",
        ],
    );
}

#[test]
fn guideline_with_an_unknown_key() {
    let e = bad_guideline("guideline-unknown-key");
    has(
        &e,
        &[
            "tests/fixtures/bad/guideline-unknown-key/guideline.toml:123:1: ",
            "unknown key `wieght`",
            "`weight`",
        ],
    );
}

#[test]
fn guideline_with_a_duplicate_question() {
    let e = bad_guideline("guideline-duplicate-question");
    has(
        &e,
        &[
            "tests/fixtures/bad/guideline-duplicate-question/guideline.toml:186:6: ",
            "question `turnover` is defined twice",
        ],
    );
}

#[test]
fn guideline_choice_rule_missing_a_level_for_an_option() {
    let e = bad_guideline("guideline-choice-missing-level");
    has(
        &e,
        &[
            "tests/fixtures/bad/guideline-choice-missing-level/guideline.toml:113:8: ",
            "indicator `E-1`",
            "no level for option(s) long of question `targets`",
        ],
    );
}

#[test]
fn guideline_metric_cycle() {
    let e = bad_guideline("guideline-metric-cycle");
    has(
        &e,
        &[
            "tests/fixtures/bad/guideline-metric-cycle/guideline.toml:188:11: ",
            "cycle",
            "water_per_revenue -> revenue_scaled -> water_per_revenue",
        ],
    );
}

#[test]
fn explain_against_a_broken_guideline_fails_the_same_way() {
    let e = fails(esg().args([
        "--lang",
        "en",
        "explain",
        "E-1",
        "--guideline",
        &format!("{BAD}/guideline-unknown-key"),
    ]));
    has(
        &e,
        &[
            "guideline-unknown-key/guideline.toml:123:1: ",
            "unknown key `wieght`",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Messages in Korean

#[test]
fn errors_carry_a_korean_prefix_in_korean() {
    let out = esg()
        .args([
            "--lang",
            "ko",
            "score",
            &format!("{BAD}/answers-unknown-question.toml"),
            "--guideline",
            MINI,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(e.starts_with("오류[unknown-question]: "), "{e}");
    assert!(e.contains("answers-unknown-question.toml:10:1: "), "{e}");
}
