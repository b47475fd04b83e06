//! Diagnostics that scale: a file with thousands of problems reports its first 100 in file order
//! and one line for the rest (in every format, in a portfolio with the true count), and a
//! multi-megabyte line is shown as a short window, however many times it is quoted.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

use crate::common::{MINI, WORKED, esg, root};

/// How many problems of one file are shown (`esg::source::MAX_PER_FILE`).
const SHOWN: usize = 100;

/// A generous bound: a run that takes longer is hanging (each of these takes well under a second).
const PATIENCE: Duration = Duration::from_secs(120);

fn mini() -> PathBuf {
    root().join(MINI)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs `cmd` (killed after [`PATIENCE`]), returning its exit code, stdout and stderr.
fn run(cmd: &mut Command) -> (Option<i32>, String, String) {
    let out = cmd.timeout(PATIENCE).output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// An answers file for the test guideline with `families` unknown factor families in a
/// `[factors]` table that comes first in the file (and is checked last), then `keys` unknown
/// questions. The first unknown family is on line 8, the first unknown question on line
/// `10 + families`.
fn many_problems(families: usize, keys: usize) -> String {
    let mut s =
        String::from("[guideline]\nid = \"mini\"\n\n[firm]\nname = \"Many\"\n\n[factors]\n");
    for i in 0..families {
        s.push_str(&format!("family{i:04} = \"t\"\n"));
    }
    s.push_str("\n[answers]\n");
    for i in 0..keys {
        s.push_str(&format!("unknown{i:05} = 1\n"));
    }
    s
}

fn score(file: &Path, lang: &str) -> (Option<i32>, String, String) {
    run(esg()
        .args(["score", "--lang", lang, "--guideline"])
        .arg(mini())
        .arg(file))
}

#[test]
fn an_answers_file_reports_its_first_problems_in_file_order_then_how_many_more() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "many.toml", &many_problems(30, 2000));
    let (code, out, err) = score(&file, "en");
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    let shown: Vec<&str> = err.lines().filter(|l| l.starts_with("error[")).collect();
    assert_eq!(shown.len(), SHOWN, "{err}");
    // In file order: the 30 unknown families (found last), then the first 70 unknown questions.
    assert!(shown[0].contains("many.toml:8:1: unknown factor family `family0000`"));
    assert!(shown[29].contains("many.toml:37:1: unknown factor family `family0029`"));
    assert!(shown[30].contains("many.toml:40:1: unknown question `unknown00000`"));
    assert!(shown[99].contains("many.toml:109:1: unknown question `unknown00069`"));
    let last: Vec<&str> = err.lines().rev().take(2).collect();
    assert_eq!(last[0], "2030 errors");
    assert!(
        last[1].ends_with("many.toml: and 1930 more problems in this file (not shown)"),
        "{err}"
    );

    let (_, _, err) = score(&file, "ko");
    assert!(
        err.contains("many.toml: 그리고 이 파일에 문제가 1930개 더 있습니다 (표시하지 않음)"),
        "{err}"
    );
    assert!(err.ends_with("오류 2030개\n"), "{err}");
}

fn lint(file: &Path, format: &str) -> String {
    let (code, out, _) = run(esg()
        .args(["lint", "--lang", "en", "--format", format, "--guideline"])
        .arg(mini())
        .arg(file));
    assert_eq!(code, Some(1));
    out
}

#[test]
fn lint_reports_the_first_problems_of_a_file_in_every_format_with_the_true_totals() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "many.toml", &many_problems(30, 2000));

    let human = lint(&file, "human");
    let headers = human.lines().filter(|l| l.starts_with("error[")).count();
    assert_eq!(headers, SHOWN, "{human}");
    assert!(human.contains("note: and 1930 more problems in this file (not shown)"));
    assert!(
        human.contains("many.toml:110:1"),
        "the first left out is on line 110"
    );
    assert!(
        human.ends_with("1 file checked: 2030 errors, 0 warnings\n"),
        "{human}"
    );

    let github = lint(&file, "github");
    assert_eq!(
        github.lines().filter(|l| l.starts_with("::error ")).count(),
        SHOWN
    );
    let notice: Vec<&str> = github
        .lines()
        .filter(|l| l.starts_with("::notice "))
        .collect();
    assert_eq!(notice.len(), 1);
    assert!(notice[0].contains(",line=110,col=1,"), "{}", notice[0]);
    assert!(notice[0].ends_with("::and 1930 more problems in this file (not shown)"));

    let json: serde_json::Value = serde_json::from_str(&lint(&file, "json")).unwrap();
    assert_eq!(json["errors"], 2030);
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), SHOWN);
    assert_eq!(json["diagnostics"][0]["line"], 8);
    assert_eq!(json["diagnostics"][SHOWN - 1]["line"], 109);
    assert_eq!(json["omitted"][0]["errors"], 1930);
    assert_eq!(json["omitted"][0]["line"], 110);

    let sarif: serde_json::Value = serde_json::from_str(&lint(&file, "sarif")).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(run["results"].as_array().unwrap().len(), SHOWN);
    let note = &run["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(
        note["message"]["text"],
        "and 1930 more problems in this file (not shown)"
    );
    let text = std::fs::read_to_string(root().join("tests/fixtures/sarif/sarif-schema-2.1.0.json"))
        .unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&text.replace(r#"-[a-zA-Z]{2}]?$"#, r#"-[a-zA-Z]{2}\\]?$"#)).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn a_portfolio_error_row_has_the_first_error_and_the_true_count() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a-many.toml", &many_problems(0, 5000));
    std::fs::copy(root().join(WORKED), dir.path().join("b-good.toml")).unwrap();
    let (code, out, _) = run(esg()
        .args(["score", "--lang", "en", "--format", "json", "--guideline"])
        .arg(mini())
        .arg(dir.path()));
    assert_eq!(code, Some(1));
    let first = crate::common::portfolio_json(&out).remove(0);
    assert_eq!(first["status"], "error");
    assert_eq!(first["error"]["line"], 10);
    assert_eq!(first["error"]["count"], 5000);
    assert!(
        first["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("unknown question `unknown00000`")
    );
    let (_, out, _) = run(esg()
        .args(["score", "--lang", "en", "--format", "table", "--guideline"])
        .arg(mini())
        .arg(dir.path()));
    assert!(out.contains("(+4999 more)"), "{out}");
}

#[test]
fn a_guideline_with_many_problems_reports_the_first_of_each_file() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    let mut text = std::fs::read_to_string(mini().join("guideline.toml")).unwrap();
    for _ in 0..500 {
        text.push_str("\n[[area]]\nid = \"E\"\nweight = 1\ntitle = { ko = \"x\", en = \"x\" }\n");
    }
    write(&pkg, "guideline.toml", &text);

    let (code, out, _) = run(esg().args(["lint", "--lang", "en"]).arg(&pkg));
    assert_eq!(code, Some(1));
    let shown = out
        .lines()
        .filter(|l| l.starts_with("error[duplicate-id]"))
        .count();
    assert_eq!(shown, SHOWN, "{out}");
    assert!(out.contains("note: and 400 more problems in this file (not shown)"));
    assert!(
        out.ends_with("1 file checked: 500 errors, 0 warnings\n"),
        "{out}"
    );

    let (code, _, err) = run(esg()
        .args(["score", "--lang", "en", "--guideline"])
        .arg(&pkg)
        .arg(root().join(WORKED)));
    assert_eq!(code, Some(2));
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error[")).count(),
        SHOWN
    );
    assert!(err.contains("guideline.toml: and 400 more problems in this file (not shown)"));
    assert!(err.ends_with("500 errors\n"), "{err}");
}

/// A first line of about 3 MB holding three problems: three unknown keys in the firm's table
/// (one of them a 1 MB key, two with 1 MB values).
fn long_line() -> (String, usize) {
    let mb = "x".repeat(1 << 20);
    let key = "k".repeat(1 << 20);
    let prefix = format!("firm = {{ name = \"A\", pad = \"{mb}\", ");
    let column = prefix.chars().count() + 1;
    let line = format!("{prefix}{key} = 1, other = \"{mb}\" }}");
    (
        format!("{line}\n\n[guideline]\nid = \"mini\"\n\n[answers]\npolicy = true\n"),
        column,
    )
}

#[test]
fn a_multi_megabyte_line_is_shown_as_a_window_in_every_renderer() {
    let dir = tempfile::tempdir().unwrap();
    let (text, column) = long_line();
    let file = write(dir.path(), "long.toml", &text);
    let (code, _, err) = score(&file, "en");
    assert_eq!(code, Some(2));
    assert!(err.len() < 64 * 1024, "stderr has {} bytes", err.len());
    assert_eq!(err.lines().filter(|l| l.starts_with("error[")).count(), 3);
    let at = format!("long.toml:1:{column}: unknown key `kkkk");
    assert!(err.contains(&at), "{}", &err[..err.len().min(3000)]);
    // The caret under the key, in the window of the line.
    let lines: Vec<&str> = err.lines().collect();
    let i = lines.iter().position(|l| l.contains(&at)).unwrap();
    let (source, carets) = (lines[i + 2], lines[i + 3]);
    let col = carets.find('^').unwrap();
    let above: String = source.chars().skip(col).take(4).collect();
    assert_eq!(above, "kkkk");
    assert!(source.contains('…'));

    for format in ["human", "github", "json", "sarif"] {
        let out = lint(&file, format);
        // SARIF starts with the table of every rule (some 60 KB); its findings are what grows.
        let findings = if format == "sarif" {
            let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
            sarif["runs"][0]["results"].to_string()
        } else {
            out.clone()
        };
        assert!(
            findings.len() < 64 * 1024,
            "{format}: {} bytes",
            findings.len()
        );
        let at = match format {
            "human" => format!("long.toml:1:{column}\n"),
            "github" => format!(",line=1,col={column},"),
            _ => format!("{column}"),
        };
        assert!(
            out.contains(&at),
            "{format}: {}",
            &out[..out.len().min(3000)]
        );
    }
}

#[test]
fn a_syntax_error_at_the_end_of_a_long_line_shows_the_end_of_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "[guideline]\nid = \"mini\"\n[firm]\nname = \"{}\" oops\n",
        "y".repeat(3 << 20)
    );
    let file = write(dir.path(), "syntax.toml", &text);
    let (code, _, err) = score(&file, "en");
    assert_eq!(code, Some(2));
    assert!(err.len() < 16 * 1024, "stderr has {} bytes", err.len());
    assert!(err.contains("yyyy\" oops"), "{err}");
    let human = lint(&file, "human");
    assert!(human.len() < 16 * 1024, "{} bytes", human.len());
}
