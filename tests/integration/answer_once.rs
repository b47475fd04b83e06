//! One answers file for several guidelines: `[[guideline]]`, shared datapoints answered once,
//! `esg score` with `--guideline` repeated (one report per guideline), `esg lint`, `esg init` and
//! `esg assess` asking what the guidelines share once.
//!
//! `mini` and `mini-plus` share `has_board`, `revenue` and `board_women` (which `mini` asks only of
//! a firm with a board, `mini-plus` of every firm); `mini` shares the first two with the built-in
//! guideline too.

use std::path::Path;

use crate::common::{MINI, esg, root};
use serde_json::Value;

const PLUS: &str = "tests/fixtures/guidelines/mini-plus";

/// The worked example of `mini` with `mini-plus`'s own answer, for both guidelines.
const BOTH: &str = r#"[[guideline]]
id = "mini"
version = "1.0.0"

[[guideline]]
id = "mini-plus"
version = "1.0.0"

[firm]
name = "Worked Example Ltd"

[answers]
has_board = true
targets = "short"
env_checks = ["a", "b", "c"]
policy = true
turnover = 15
revenue = { 2022 = 10, 2023 = 10, 2024 = 10 }
board_women = 1
supplier_code = true
"#;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// Scores `file` against each of `guidelines`, as JSON.
fn score_json(file: &str, guidelines: &[&str]) -> Value {
    let mut cmd = esg();
    cmd.args(["--lang", "en", "score", file, "--format", "json"]);
    for g in guidelines {
        cmd.args(["--guideline", g]);
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The same answers, in a file for one guideline alone (its header, and only its questions).
fn alone(id: &str, keep: &[&str]) -> String {
    let answers = BOTH.split("[answers]\n").nth(1).unwrap();
    let kept: String = answers
        .lines()
        .filter(|l| keep.iter().any(|k| l.starts_with(&format!("{k} ="))))
        .map(|l| format!("{l}\n"))
        .collect();
    format!(
        "[guideline]\nid = \"{id}\"\nversion = \"1.0.0\"\n\n[firm]\nname = \"Worked Example Ltd\"\n\n[answers]\n{kept}"
    )
}

const MINI_IDS: &[&str] = &[
    "has_board",
    "targets",
    "env_checks",
    "policy",
    "turnover",
    "revenue",
    "board_women",
];
const PLUS_IDS: &[&str] = &["has_board", "revenue", "supplier_code", "board_women"];

#[test]
fn one_file_scored_against_two_guidelines_gives_each_its_own_report() {
    let dir = tempfile::tempdir().unwrap();
    let both = write(dir.path(), "both.toml", BOTH);
    let cards = score_json(&both, &[MINI, PLUS]);
    let cards = cards
        .as_array()
        .expect("a JSON array, one scorecard per guideline");
    assert_eq!(cards.len(), 2);
    assert_eq!(cards[0]["guideline"]["id"], "mini");
    assert_eq!(cards[1]["guideline"]["id"], "mini-plus");
    for card in cards {
        crate::common::assert_schema("scorecard", card);
    }

    // Each report is the one its guideline gives the same answers alone: the shared answers
    // (has_board, revenue) count in both.
    let mini_alone = write(dir.path(), "mini.toml", &alone("mini", MINI_IDS));
    let plus_alone = write(dir.path(), "plus.toml", &alone("mini-plus", PLUS_IDS));
    let expect = [
        score_json(&mini_alone, &[MINI]),
        score_json(&plus_alone, &[PLUS]),
    ];
    for (card, alone) in cards.iter().zip(&expect) {
        for key in ["total", "grade", "areas", "indicators", "completeness"] {
            assert_eq!(
                card[key], alone[key],
                "{key} of {}",
                card["guideline"]["id"]
            );
        }
    }
    assert_eq!(cards[1]["total"], 100.0, "{}", cards[1]);
}

#[test]
fn without_guideline_options_every_guideline_the_file_names_is_needed() {
    let dir = tempfile::tempdir().unwrap();
    let both = write(dir.path(), "both.toml", BOTH);
    // Neither guideline is built in: the command says to name them.
    let out = esg()
        .args(["--lang", "en", "score", &both])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("names guideline `mini`, which is not built in"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_formats_put_the_reports_one_after_another() {
    let dir = tempfile::tempdir().unwrap();
    let both = write(dir.path(), "both.toml", BOTH);
    let run = |format: &str| {
        let out = esg()
            .args(["--lang", "en", "score", &both, "--format", format])
            .args(["--guideline", MINI, "--guideline", PLUS])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    let table = run("table");
    let first = table.find("Test guideline 1.0.0").expect("mini's report");
    let second = table
        .find("Supply-chain test guideline 1.0.0")
        .expect("mini-plus's report");
    assert!(first < second, "{table}");

    let markdown = run("markdown");
    assert!(markdown.contains("\n---\n"), "{markdown}");
    assert!(
        markdown.contains("Supply-chain test guideline"),
        "{markdown}"
    );

    // CSV: one header, then each report's rows, each starting with its summary row.
    let csv = run("csv");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let summaries: Vec<String> = rows
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[0] == "summary")
        .map(|r| r[4].to_owned())
        .collect();
    assert_eq!(summaries, ["mini", "mini-plus"], "{csv}");
    assert_eq!(csv.matches("section,firm,").count(), 1, "{csv}");

    // HTML: one page, two reports.
    let html = run("html");
    assert_eq!(html.matches("<!DOCTYPE html>").count(), 1);
    assert_eq!(
        html.matches(r#"<article class="esg-report""#).count(),
        2,
        "{html}"
    );
}

#[test]
fn fail_under_holds_every_guideline_to_the_threshold() {
    let dir = tempfile::tempdir().unwrap();
    let both = write(dir.path(), "both.toml", BOTH);
    let out = esg()
        .args(["--lang", "en", "score", &both, "--fail-under", "90"])
        .args(["--guideline", MINI, "--guideline", PLUS])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("mini: total"), "{err}");
    assert!(!err.contains("mini-plus: total"), "{err}");
}

#[test]
fn an_answer_no_named_guideline_knows_is_an_error_naming_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let text = BOTH.replace("supplier_code = true", "suplier_code = true");
    let file = write(dir.path(), "typo.toml", &text);
    let out = esg()
        .args(["--lang", "en", "score", &file])
        .args(["--guideline", MINI, "--guideline", PLUS])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("typo.toml:20:1: unknown question `suplier_code`: none of the guidelines this file names (`mini`, `mini-plus`) has such a question"),
        "{err}"
    );
    assert!(err.contains("did you mean `supplier_code`?"), "{err}");
    // Reported once, though both guidelines read the file.
    assert_eq!(err.matches("unknown question").count(), 1, "{err}");

    // esg lint reads it against both too, and lists the problem once.
    let out = esg()
        .args(["--lang", "en", "lint", MINI, PLUS, &file])
        .output()
        .unwrap();
    let printed = stdout(&out) + &stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{printed}");
    assert_eq!(
        printed.matches("unknown question `suplier_code`").count(),
        1,
        "{printed}"
    );
}

#[test]
fn the_file_header_is_checked_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    let twice = BOTH.replacen("mini-plus", "mini", 1);
    let file = write(dir.path(), "twice.toml", &twice);
    let out = esg()
        .args(["--lang", "en", "score", &file, "--guideline", MINI])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("twice.toml:6:6: guideline `mini` is named twice"),
        "{}",
        stderr(&out)
    );

    // A guideline the file does not name is not scored.
    let file = write(dir.path(), "both.toml", BOTH);
    let out = esg()
        .args(["--lang", "en", "score", &file, "--guideline", "k-esg-sme"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("these answers are for guideline `mini`, `mini-plus`, not `k-esg-sme`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn one_of_the_guidelines_may_be_scored_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "both.toml", BOTH);
    let card = score_json(&file, &[PLUS]);
    assert_eq!(card["guideline"]["id"], "mini-plus");
    assert_eq!(card["total"], 100.0);
}

#[test]
fn a_file_shared_with_the_built_in_guideline_gives_the_same_built_in_report() {
    // An example firm's file, extended with mini's own answers: the built-in report is the one the
    // example alone gives, and mini reads the example's revenue.
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(root().join("examples/service-20.toml")).unwrap();
    let both = example
        .replacen(
            "[guideline]\nid = \"k-esg-sme\"\nversion = \"1.1.0\"",
            "[[guideline]]\nid = \"k-esg-sme\"\nversion = \"1.1.0\"\n\n[[guideline]]\nid = \"mini\"\nversion = \"1.0.0\"",
            1,
        )
        .replacen(
            "[answers]\n",
            "[answers]\ntargets = \"long\"\nenv_checks = [\"a\"]\npolicy = false\nturnover = 8\n",
            1,
        );
    assert_ne!(both, example);
    let file = write(dir.path(), "both.toml", &both);
    let cards = score_json(&file, &["k-esg-sme", MINI]);
    let alone = score_json(
        root().join("examples/service-20.toml").to_str().unwrap(),
        &[],
    );
    for key in ["total", "grade", "areas", "indicators", "ghg"] {
        assert_eq!(cards[0][key], alone[key], "{key}");
    }
    let e3 = cards[1]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "E-3")
        .unwrap();
    let revenue = e3["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["question"] == "revenue")
        .unwrap();
    assert_eq!(revenue["value"]["2025"], 21.4, "{e3}");
}

#[test]
fn init_writes_one_template_asking_shared_questions_once() {
    let out = esg()
        .args([
            "--lang",
            "en",
            "init",
            "--guideline",
            MINI,
            "--guideline",
            PLUS,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.matches("[[guideline]]").count(), 2, "{text}");
    assert_eq!(text.matches("\n# has_board = ").count(), 1, "{text}");
    assert_eq!(text.matches("\n# revenue = ").count(), 1, "{text}");
    assert_eq!(text.matches("\n# supplier_code = ").count(), 1, "{text}");
    assert!(
        text.contains("Supply-chain test guideline: the 1 questions not asked above"),
        "{text}"
    );
    // The template reads as answers to both (nothing answered yet).
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "t.toml",
        &text.replace("name = \"\"", "name = \"T\""),
    );
    score_json(&file, &[MINI, PLUS]);

    // --from: the questions still open for each guideline, each once.
    let partial = BOTH
        .replace("supplier_code = true\n", "")
        .replace("policy = true\n", "");
    let from = write(dir.path(), "p.toml", &partial);
    let out = esg()
        .args(["--lang", "en", "init", "--from", &from])
        .args(["--guideline", MINI, "--guideline", PLUS])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.matches("\n# policy = ").count(), 1, "{text}");
    assert_eq!(text.matches("\n# supplier_code = ").count(), 1, "{text}");
    assert_eq!(text.matches("\n# has_board = ").count(), 0, "{text}");
}

#[test]
fn assess_asks_each_guideline_in_turn_and_what_they_share_once() {
    use crate::common::pty::Pty;
    let dir = tempfile::tempdir().unwrap();
    // Everything mini asks is answered; mini-plus shares has_board and revenue with it and has
    // one question of its own.
    let text = BOTH.replace(
        "supplier_code = true\n",
        "water = { not_applicable = \"Offices only\" }\n",
    );
    write(dir.path(), "a.toml", &text);
    let mini = root().join(MINI);
    let plus = root().join(PLUS);
    let mut p = Pty::spawn(
        dir.path(),
        &[
            "assess",
            "--lang",
            "en",
            "--guideline",
            mini.to_str().unwrap(),
            "--guideline",
            plus.to_str().unwrap(),
            "--answers",
            "a.toml",
        ],
        100,
        40,
    );
    p.expect("The guidelines are asked in turn; what they have in common is asked once.");
    p.answer("✔ Finish and show the report", "\r");
    p.expect("Next: Supply-chain test guideline (mini-plus 1.0.0).");
    p.answer("Does the firm have a supplier code of conduct?", "Yes\r");
    p.answer("✔ Finish and show the report", "\r");
    let (out, code) = p.finish();
    assert_eq!(code, 0, "{out}");
    // The shared questions were not asked again: between the second guideline's start and its
    // review, only its own question.
    let next = out.find("Next: Supply-chain").unwrap();
    let asked = &out[next..next + out[next..].find("Review:").unwrap()];
    assert!(asked.contains("supplier code of conduct"), "{asked}");
    assert!(!asked.contains("board of directors"), "{asked}");
    assert!(!asked.contains("Revenue by year"), "{asked}");
    // Both reports, in turn.
    let first = out.find("Test guideline 1.0.0").expect("mini's report");
    let second = out
        .find("Supply-chain test guideline 1.0.0")
        .expect("mini-plus's report");
    assert!(first < second, "{out}");
    let saved = std::fs::read_to_string(dir.path().join("a.toml")).unwrap();
    assert!(saved.contains("supplier_code = true"), "{saved}");
    assert_eq!(saved.matches("has_board =").count(), 1, "{saved}");
    assert_eq!(saved.matches("[[guideline]]").count(), 2, "{saved}");
}

#[test]
fn assess_starts_a_file_for_several_guidelines() {
    use crate::common::pty::Pty;
    let dir = tempfile::tempdir().unwrap();
    let mini = root().join(MINI);
    let plus = root().join(PLUS);
    let mut p = Pty::spawn(
        dir.path(),
        &[
            "assess",
            "--lang",
            "en",
            "--guideline",
            plus.to_str().unwrap(),
            "--guideline",
            mini.to_str().unwrap(),
            "--answers",
            "a.toml",
        ],
        100,
        40,
    );
    p.answer("Firm name:", "Acme\r");
    p.answer("Now: 2024", "\r");
    p.answer("Does the firm have a board of directors?", "No\r");
    p.send("\x03");
    let (out, code) = p.finish();
    assert_eq!(code, 130, "{out}");
    let saved = std::fs::read_to_string(dir.path().join("a.toml")).unwrap();
    assert!(
        saved.starts_with(
            "[[guideline]]\nid = \"mini-plus\"\nversion = \"1.0.0\"\n\n[[guideline]]\nid = \"mini\"\nversion = \"1.0.0\"\n"
        ),
        "{saved}"
    );
    assert!(saved.contains("has_board = false"), "{saved}");
}

#[test]
fn the_answers_schema_for_several_guidelines_accepts_the_shared_file() {
    let out = esg()
        .args([
            "schema",
            "answers",
            "--guideline",
            MINI,
            "--guideline",
            PLUS,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let as_json =
        |text: &str| serde_json::to_value(toml::from_str::<toml::Value>(text).unwrap()).unwrap();
    assert!(validator.is_valid(&as_json(BOTH)));
    // A question of neither, or a guideline the schema is not for, is refused.
    assert!(!validator.is_valid(&as_json(&BOTH.replace("supplier_code", "suplier_code"))));
    assert!(!validator.is_valid(&as_json(&BOTH.replace("\"mini-plus\"", "\"k-esg-sme\""))));

    // For one guideline, either header form.
    let out = esg()
        .args(["schema", "answers", "--guideline", MINI])
        .output()
        .unwrap();
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mini_only = alone("mini", MINI_IDS);
    assert!(validator.is_valid(&as_json(&mini_only)));
    assert!(validator.is_valid(&as_json(&mini_only.replace("[guideline]", "[[guideline]]"))));
}

#[test]
fn serve_gives_each_guideline_a_questionnaire_and_asks_what_they_share_once() {
    use crate::serve::Served;
    let dir = tempfile::tempdir().unwrap();
    let text = BOTH.replace("supplier_code = true\n", "");
    let path = write(dir.path(), "a.toml", &text);
    let mut s = Served::start(&[
        "--lang",
        "en",
        "--guideline",
        MINI,
        "--guideline",
        PLUS,
        &path,
    ]);
    s.login();
    // The first guideline's home links to the other's questionnaire.
    let home = s.get("/f/a.toml");
    assert_eq!(home.status, 200, "{}", home.body);
    assert!(
        home.body.contains(r#"href="/f/a.toml/g/mini-plus""#),
        "{}",
        home.body
    );
    let plus = s.get("/f/a.toml/g/mini-plus");
    assert_eq!(plus.status, 200, "{}", plus.body);
    assert!(
        plus.body
            .contains("Supply-chain test guideline (mini-plus 1.0.0)"),
        "{}",
        plus.body
    );
    assert!(plus.body.contains(r#"href="/f/a.toml""#), "{}", plus.body);
    // What mini answered (the board, revenue) is answered here too: next is its own question.
    let next = s.get("/f/a.toml/g/mini-plus/next");
    assert_eq!(next.status, 303);
    assert_eq!(next.header("location"), Some("/f/a.toml/g/mini-plus/q/2"));
    let q = s.get("/f/a.toml/g/mini-plus/q/2");
    assert!(q.body.contains("supplier code of conduct"), "{}", q.body);
    let r = s.post(
        "/f/a.toml/g/mini-plus/q/2",
        &[("was", &q.was()), ("value", "yes")],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("location"), Some("/f/a.toml/g/mini-plus/review"));
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("supplier_code = true"), "{saved}");
    assert_eq!(saved.matches("has_board =").count(), 1, "{saved}");
    // Its report is the one `esg score` gives for it.
    let report = s.get("/f/a.toml/g/mini-plus/report");
    assert!(
        report.body.contains("Supply-chain test guideline"),
        "{}",
        report.body
    );
    let cards = score_json(&path, &[MINI, PLUS]);
    assert_eq!(cards[1]["total"], 100.0);
    // An unknown guideline in the address is not found.
    assert_eq!(s.get("/f/a.toml/g/nothing").status, 404);
}

#[test]
fn serve_starts_a_new_file_naming_every_guideline() {
    use crate::serve::Served;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.toml");
    let path = path.to_str().unwrap();
    let mut s = Served::start(&[
        "--lang",
        "en",
        "--guideline",
        PLUS,
        "--guideline",
        MINI,
        path,
    ]);
    s.login();
    let form = s.get("/f/new.toml/firm");
    let r = s.post(
        "/f/new.toml/firm",
        &[("was", &form.was()), ("name", "Acme"), ("year", "2024")],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let saved = std::fs::read_to_string(path).unwrap();
    assert!(
        saved.starts_with(
            "[[guideline]]\nid = \"mini-plus\"\nversion = \"1.0.0\"\n\n[[guideline]]\nid = \"mini\"\nversion = \"1.0.0\"\n"
        ),
        "{saved}"
    );
}

#[test]
fn lint_warns_of_an_answer_only_when_no_named_guideline_asks_for_it() {
    let dir = tempfile::tempdir().unwrap();
    // No board: mini does not ask for women on the board, mini-plus does.
    let text = BOTH.replace("has_board = true", "has_board = false");
    let file = write(dir.path(), "both.toml", &text);
    let out = esg()
        .args(["--lang", "en", "lint", MINI, PLUS, &file])
        .output()
        .unwrap();
    let printed = stdout(&out) + &stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{printed}");
    assert!(!printed.contains("answer-not-asked"), "{printed}");
    // For mini alone, the same answer is one it does not ask for.
    let mini_only = write(
        dir.path(),
        "mini.toml",
        &alone("mini", MINI_IDS).replace("has_board = true", "has_board = false"),
    );
    let out = esg()
        .args(["--lang", "en", "lint", MINI, &mini_only])
        .output()
        .unwrap();
    let printed = stdout(&out) + &stderr(&out);
    assert_eq!(
        printed.matches("warning[answer-not-asked]").count(),
        1,
        "{printed}"
    );
    assert!(printed.contains("`board_women` is not asked"), "{printed}");
}
