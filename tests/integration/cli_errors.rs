//! Bad input: every case exits 2, names the file (and line:col where a position makes sense),
//! says what is wrong in plain words, prints nothing on standard output, and never panics.
//!
//! The cases that need a file made on the spot. Those on fixed files (`tests/fixtures/bad/`) are
//! command-line cases with their exact output in `tests/cmd/errors.trycmd`.

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

fn has(stderr: &str, needles: &[&str]) {
    for n in needles {
        assert!(stderr.contains(n), "stderr lacks `{n}`:\n{stderr}");
    }
}

// ---------------------------------------------------------------------------------------------
// Answers files (the fixtures of tests/fixtures/bad are cases of tests/cmd/errors.trycmd)

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
