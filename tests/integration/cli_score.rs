//! `esg score`, `esg explain`, `esg guidelines` and the command line itself, run as a user runs them.
//!
//! Every test scores against the small `mini` test guideline so that it does not depend on the
//! built-in guideline's content. The worked example (`mini-worked.toml`) is the one of
//! `docs/scoring.md`: total 50, grade C, E 37.5, S 75, G not applicable, completeness 80%.

use crate::common::{MINI, WORKED, esg, root};
use assert_cmd::Command;
use serde_json::Value;

/// `esg --lang en score WORKED --guideline MINI` followed by `extra`.
fn score_worked(extra: &[&str]) -> Command {
    let mut cmd = esg();
    cmd.args(["--lang", "en", "score", WORKED, "--guideline", MINI])
        .args(extra);
    cmd
}

/// What a run printed, and how it ended.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("esg runs");
    let run = Run {
        code: out.status.code().expect("esg exits with a code"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "esg panicked:\n{}",
        run.stderr
    );
    run
}

/// Runs `cmd`, expects exit 0 and nothing on stderr, returns stdout.
fn ok(cmd: &mut Command) -> String {
    let r = run(cmd);
    assert_eq!(r.code, 0, "exit code; stderr:\n{}", r.stderr);
    assert_eq!(r.stderr, "", "nothing on stderr");
    r.stdout
}

fn json_of(cmd: &mut Command) -> Value {
    crate::common::scorecard_json(&ok(cmd))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn num(v: &Value) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("expected a number, found {v}"))
}

fn indicator<'a>(card: &'a Value, id: &str) -> &'a Value {
    card["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no indicator {id}"))
}

fn area<'a>(card: &'a Value, id: &str) -> &'a Value {
    card["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("no area {id}"))
}

fn line_with<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with `{needle}`:\n{text}"))
}

fn position(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` missing:\n{text}"))
}

// ---------------------------------------------------------------------------------------------
// The table report

#[test]
fn table_report_of_the_worked_example() {
    let out = ok(&mut score_worked(&[]));
    insta::assert_snapshot!("score_mini_worked_table_en", out);

    assert!(
        out.starts_with("Worked Example Ltd\n"),
        "firm name first:\n{out}"
    );
    assert!(out.contains("Test guideline 1.0.0\n"));
    assert!(out.contains("Total 50 / 100"));
    assert!(out.contains("Grade C (Fair)"));
    assert!(out.contains("Completeness 80% (4 of 5 indicators)"));

    // Area rows: score, weight, completeness.
    let e = line_with(&out, "E Environment");
    assert!(e.contains("37.5") && e.contains("67% (2/3)"), "{e}");
    let s = line_with(&out, "S Social");
    assert!(s.contains("75") && s.contains("100% (2/2)"), "{s}");
    let g = line_with(&out, "G Governance");
    assert!(g.contains("not applicable") && g.contains("– (0/0)"), "{g}");

    // Gaps in order: E-2 and E-3 tie at 16.7 (guideline order), then E-1 and S-2 tie at 8.3.
    assert!(out.contains("Top gaps (4 in all, 4 shown)"));
    let rows = ["│ 1 ┆ E-2", "│ 2 ┆ E-3", "│ 3 ┆ E-1", "│ 4 ┆ S-2"];
    let at = rows.map(|r| position(&out, r));
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "gaps out of order:\n{out}"
    );
    assert!(line_with(&out, rows[0]).contains("+16.7"));
    assert!(line_with(&out, rows[1]).contains("+16.7"));
    assert!(line_with(&out, rows[2]).contains("+8.3"));
    assert!(line_with(&out, rows[3]).contains("+8.3"));
    // E-3 is unanswered: its next step is to answer it.
    let first_step = position(&out, "answer it first");
    assert!(at[1] < first_step && first_step < at[2], "{out}");

    // Not applicable, with its reason; unanswered, with what is missing.
    assert!(out.contains("Not applicable (1)"));
    assert!(
        out.contains("G-1 Women on the board: Does not apply: the firm has no board of directors.")
    );
    assert!(out.contains("Not answered (1)"));
    assert!(out.contains("E-3 Water intensity trend: “Water use by year” is not answered."));
    // Owners read words: no formula, no question id, no backticks.
    assert!(!out.contains("has_board") && !out.contains('`'), "{out}");
    let na = position(&out, "Not applicable (1)");
    assert!(na > at[3] && position(&out, "Not answered (1)") > na);
}

#[test]
fn table_report_in_korean() {
    let out = ok(esg().args(["--lang", "ko", "score", WORKED, "--guideline", MINI]));
    assert!(out.starts_with("Worked Example Ltd\n"));
    assert!(out.contains("시험용 가이드라인 1.0.0\n"));
    assert!(out.contains("종합 50 / 100"), "{out}");
    assert!(out.contains("등급 C (보통)"), "{out}");
    assert!(out.contains("응답 완성도 80% (4/5 지표)"), "{out}");
    assert!(out.contains("E 환경") && out.contains("S 사회") && out.contains("G 지배구조"));
    assert!(out.contains("개선 우선순위 (전체 4개 중 상위 4개)"));
    assert!(out.contains("해당 없음 (1개)"));
    assert!(
        out.contains("G-1 여성 이사: 이사회가 없어 해당하지 않습니다."),
        "{out}"
    );
    assert!(out.contains("미응답 (1개)"));
    assert!(
        !out.contains("Total"),
        "no English headline in the Korean report:\n{out}"
    );
}

#[test]
fn language_follows_the_locale_without_lang() {
    let out = ok(esg()
        .env("LANG", "ko_KR.UTF-8")
        .args(["score", WORKED, "--guideline", MINI]));
    assert!(out.contains("종합 50 / 100"), "{out}");
    let out = ok(esg()
        .env("LANG", "en_US.UTF-8")
        .args(["score", WORKED, "--guideline", MINI]));
    assert!(out.contains("Total 50 / 100"), "{out}");
}

#[test]
fn top_limits_the_gaps_shown() {
    let out = ok(&mut score_worked(&["--top", "2"]));
    assert!(out.contains("Top gaps (4 in all, 2 shown)"), "{out}");
    assert!(out.contains("│ 2 ┆ E-3"));
    assert!(!out.contains("│ 3 ┆ E-1"), "{out}");
}

#[test]
fn color_never_has_no_escape_codes_and_always_has_them() {
    let out = ok(&mut score_worked(&["--color", "never"]));
    assert!(!out.contains('\x1b'));
    let out = ok(&mut score_worked(&["--color", "always"]));
    assert!(out.contains("\x1b["), "--color always colours the report");
}

// ---------------------------------------------------------------------------------------------
// JSON

#[test]
fn json_is_the_scorecard_model() {
    let card = json_of(&mut score_worked(&["--format", "json"]));
    assert_eq!(card["format_version"], 2);
    assert_eq!(card["guideline"]["id"], "mini");
    assert_eq!(card["guideline"]["version"], "1.0.0");
    assert_eq!(card["firm"]["name"], "Worked Example Ltd");
    assert_eq!(card["lang"], "en");
    assert_eq!(card["unanswered_policy"], "zero");
    let total = num(&card["total"]);
    assert!(close(total, 50.0), "total {total}");
    assert_eq!(card["grade"]["id"], "C");
    assert_eq!(card["grade"]["title"], "Fair");

    let c = &card["completeness"];
    assert_eq!(
        (c["scored"].as_u64(), c["applicable"].as_u64()),
        (Some(4), Some(5))
    );
    assert_eq!(
        (c["not_applicable"].as_u64(), c["unanswered"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(close(num(&c["ratio"]), 0.8));

    // Areas.
    let ids: Vec<&str> = card["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["E", "S", "G"]);
    assert!(close(num(&area(&card, "E")["score"]), 37.5));
    assert_eq!(area(&card, "E")["status"], "scored");
    assert!(close(
        num(&area(&card, "E")["completeness"]["ratio"]),
        2.0 / 3.0
    ));
    assert!(close(num(&area(&card, "S")["score"]), 75.0));
    assert_eq!(area(&card, "G")["status"], "not_applicable");
    assert!(area(&card, "G")["score"].is_null());
    assert!(area(&card, "G")["completeness"]["ratio"].is_null());

    // Indicators: statuses as strings.
    let statuses: Vec<(&str, &str)> = card["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap(), i["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("E-1", "scored"),
            ("E-2", "scored"),
            ("E-3", "unanswered"),
            ("S-1", "scored"),
            ("S-2", "scored"),
            ("G-1", "not_applicable"),
        ]
    );
    let e1 = indicator(&card, "E-1");
    assert!(
        close(num(&e1["points"]), 1.0)
            && close(num(&e1["max_points"]), 2.0)
            && close(num(&e1["score"]), 0.5)
    );
    assert_eq!(e1["level"]["number"], 2);
    assert_eq!(e1["next_level"]["number"], 3);
    assert_eq!(e1["finding"]["code"], "scored");
    assert_eq!(e1["finding"]["params"]["option"], "short");
    assert!(
        e1["finding"]["message"]
            .as_str()
            .unwrap()
            .contains("Level 2 of 3")
    );
    assert!(indicator(&card, "E-3")["score"].is_null());
    assert_eq!(indicator(&card, "E-3")["finding"]["code"], "unanswered");
    assert_eq!(
        indicator(&card, "E-3")["finding"]["params"]["question"],
        "water"
    );
    let g1 = &indicator(&card, "G-1")["finding"];
    assert_eq!(g1["code"], "does-not-apply");
    assert_eq!(g1["params"]["condition"], "has_board");
    assert_eq!(
        g1["message"],
        "Does not apply: the firm has no board of directors."
    );

    // Gains: per indicator, and their sum is 100 - total.
    let gains = [
        ("E-1", 25.0 / 3.0),
        ("E-2", 50.0 / 3.0),
        ("E-3", 50.0 / 3.0),
        ("S-1", 0.0),
        ("S-2", 25.0 / 3.0),
        ("G-1", 0.0),
    ];
    for (id, want) in gains {
        let got = num(&indicator(&card, id)["gain"]);
        assert!(close(got, want), "gain of {id}: {got}, want {want}");
    }
    let sum: f64 = card["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| num(&i["gain"]))
        .sum();
    assert!(
        close(sum, 100.0 - total),
        "gains add up to {sum}, not {}",
        100.0 - total
    );

    // Gaps: ranked by gain, ties in guideline order.
    let gaps = card["gaps"].as_array().unwrap();
    let order: Vec<&str> = gaps
        .iter()
        .map(|g| g["indicator"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["E-2", "E-3", "E-1", "S-2"]);
    for (n, g) in gaps.iter().enumerate() {
        assert_eq!(g["rank"].as_u64(), Some(n as u64 + 1));
    }
    assert!(
        gaps.windows(2)
            .all(|w| num(&w[0]["gain"]) >= num(&w[1]["gain"]) - 1e-9)
    );
    assert_eq!(gaps[1]["status"], "unanswered");
    assert_eq!(gaps[0]["recommendation"], "Check more.");
    assert_eq!(gaps[0]["effort"], "medium");
}

#[test]
fn json_in_korean_has_korean_titles() {
    let card = json_of(esg().args([
        "--lang",
        "ko",
        "score",
        WORKED,
        "--guideline",
        MINI,
        "--format",
        "json",
    ]));
    assert_eq!(card["lang"], "ko");
    assert_eq!(card["grade"]["title"], "보통");
    assert_eq!(area(&card, "E")["title"], "환경");
}

#[test]
fn unanswered_exclude_leaves_unanswered_indicators_out() {
    let card = json_of(&mut score_worked(&[
        "--format",
        "json",
        "--unanswered",
        "exclude",
    ]));
    assert_eq!(card["unanswered_policy"], "exclude");
    let total = num(&card["total"]);
    assert!(close(total, 175.0 / 3.0), "total {total}");
    assert!(close(num(&area(&card, "E")["score"]), 50.0));
    assert!(close(num(&area(&card, "S")["score"]), 75.0));
    let e3 = indicator(&card, "E-3");
    assert_eq!(e3["status"], "unanswered");
    assert_eq!(num(&e3["gain"]), 0.0);
    let scored_sum: f64 = card["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["status"] == "scored")
        .map(|i| num(&i["gain"]))
        .sum();
    assert!(
        close(scored_sum, 100.0 - total),
        "gains of the scored add up to {scored_sum}"
    );
    let order: Vec<&str> = card["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["indicator"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["E-2", "E-1", "S-2"]);

    let out = ok(&mut score_worked(&["--unanswered", "exclude"]));
    assert!(out.contains("Total 58.3 / 100"), "{out}");
    assert!(out.contains("(unanswered indicators left out of the scores)"));
    assert!(
        out.contains("Not answered (1)"),
        "E-3 is still listed as unanswered:\n{out}"
    );
}

// ---------------------------------------------------------------------------------------------
// --fail-under and exit codes

#[test]
fn fail_under_above_the_total_exits_1_with_the_report() {
    let r = run(&mut score_worked(&["--fail-under", "60"]));
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("Total 50 / 100"),
        "the report is still printed"
    );
    assert!(r.stderr.contains("below --fail-under 60"), "{}", r.stderr);
}

#[test]
fn fail_under_at_or_below_the_total_exits_0() {
    ok(&mut score_worked(&["--fail-under", "40"]));
    ok(&mut score_worked(&["--fail-under", "50"]));
    ok(&mut score_worked(&["--fail-under", "0"]));
}

#[test]
fn fail_under_quiet_says_nothing_but_still_fails() {
    let r = run(&mut score_worked(&["--fail-under", "60", "-q"]));
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr, "");
    assert!(r.stdout.contains("Total 50 / 100"));
}

#[test]
fn fail_under_outside_0_to_100_is_a_usage_error() {
    for bad in ["101", "-1", "abc"] {
        let r = run(&mut score_worked(&[&format!("--fail-under={bad}")]));
        assert_eq!(r.code, 2, "--fail-under {bad}");
        assert_eq!(r.stdout, "", "no report on a usage error");
        assert!(r.stderr.contains("--fail-under"), "{}", r.stderr);
    }
}

#[test]
fn fail_under_with_json_still_prints_json() {
    let r = run(&mut score_worked(&[
        "--fail-under",
        "60",
        "--format",
        "json",
    ]));
    assert_eq!(r.code, 1);
    let card = crate::common::scorecard_json(&r.stdout);
    assert!(close(num(&card["total"]), 50.0));
}

const NOTHING_ANSWERED: &str = "[guideline]\nid = \"mini\"\n\n[firm]\nname = \"Empty Ltd\"\n";

#[test]
fn fail_under_without_a_total_exits_1() {
    // Under `exclude` with nothing answered no area has a score, so there is no total to pass.
    let r = run(esg()
        .args([
            "--lang",
            "en",
            "score",
            "-",
            "--guideline",
            MINI,
            "--unanswered",
            "exclude",
            "--fail-under",
            "10",
        ])
        .write_stdin(NOTHING_ANSWERED));
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("Total – / 100 · Grade –"), "{}", r.stdout);
    assert!(r.stdout.contains("Not answered (6)"));
}

#[test]
fn fail_under_without_a_total_says_why() {
    let r = run(esg()
        .args([
            "--lang",
            "en",
            "score",
            "-",
            "--guideline",
            MINI,
            "--unanswered",
            "exclude",
            "--fail-under",
            "10",
        ])
        .write_stdin(NOTHING_ANSWERED));
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("--fail-under"),
        "stderr says why the run failed: {:?}",
        r.stderr
    );
}

#[test]
fn help_version_and_usage_errors() {
    let r = run(esg().arg("--help"));
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Usage"), "{}", r.stdout);
    assert!(
        r.stdout.contains("score")
            && r.stdout.contains("explain")
            && r.stdout.contains("guidelines")
    );
    assert!(
        r.stdout.contains("Exit codes"),
        "exit codes are documented in --help"
    );

    let r = run(esg().args(["score", "--help"]));
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("--fail-under") && r.stdout.contains("--unanswered"));

    let r = run(esg().arg("--version"));
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("esg"));

    let r = run(esg().arg("frobnicate"));
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("frobnicate"), "{}", r.stderr);

    let r = run(esg().arg("score"));
    assert_eq!(r.code, 2, "score without a path");
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.contains("PATH") || r.stderr.contains("required"),
        "{}",
        r.stderr
    );

    let r = run(&mut esg());
    assert_eq!(r.code, 2, "no command at all");

    let r = run(&mut score_worked(&["--format", "pdf"]));
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");

    let r = run(&mut score_worked(&["--unanswered", "maybe"]));
    assert_eq!(r.code, 2);

    let r = run(esg().args(["--lang", "fr_FR", "guidelines"]));
    assert_eq!(r.code, 2);
}

// ---------------------------------------------------------------------------------------------
// Markdown, --detail, -o

#[test]
fn markdown_report_has_tables() {
    let out = ok(&mut score_worked(&["--format", "markdown"]));
    assert!(out.starts_with("# Worked Example Ltd\n"), "{out}");
    assert!(out.contains(
        "**Total 50 / 100** · **Grade C (Fair)** · Completeness 80% (4 of 5 indicators)"
    ));
    assert!(
        out.contains("| Area | Score | Weight | Complete | N/A |\n|---|---:|---:|---:|---:|\n"),
        "{out}"
    );
    assert!(out.contains("| E Environment | 37.5 | 2 | 67% (2/3) | 0 |"));
    assert!(out.contains("| S Social | 75 | 1 | 100% (2/2) | 0 |"));
    assert!(out.contains("| G Governance | not applicable | 1 | – (0/0) | 1 |"));
    assert!(out.contains("## Top gaps"));
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains(" | +"))
        .collect();
    assert_eq!(rows.len(), 4, "{out}");
    assert!(rows[0].starts_with("| 1 | E-2 Environmental checks | +16.7 |"));
    assert!(rows[1].starts_with("| 2 | E-3 Water intensity trend | +16.7 | answer it first |"));
    assert!(rows[2].starts_with("| 3 | E-1 "));
    assert!(rows[3].starts_with("| 4 | S-2 "));
    // Every table row has the same number of cells as its header.
    for line in out.lines().filter(|l| l.starts_with('|')) {
        assert!(line.ends_with('|'), "{line}");
    }
}

#[test]
fn markdown_report_lists_not_applicable_and_unanswered() {
    let out = ok(&mut score_worked(&["--format", "markdown"]));
    assert!(
        out.contains("G-1"),
        "the not-applicable G-1 and its reason are in the report:\n{out}"
    );
    assert!(
        out.contains(
            "- G-1 Women on the board: Does not apply: the firm has no board of directors."
        ),
        "{out}"
    );
    assert!(
        out.contains("- E-3 Water intensity trend: “Water use by year” is not answered."),
        "the unanswered E-3 is explained by its prompt:\n{out}"
    );
    // No formula or question id for owners.
    assert!(!out.contains("has\\_board") && !out.contains("has_board") && !out.contains('`'));
}

#[test]
fn detail_lists_every_indicator_with_its_explanation() {
    let out = ok(score_worked(&["--detail"]).env("COLUMNS", "400"));
    assert!(out.contains("Every indicator"));
    for (id, explanation) in [
        (
            "E-1",
            "Level 2 of 3 (1 of 2 points): Short-term. Answer: “Short-term targets”",
        ),
        (
            "E-2",
            "Level 2 of 3 (1 of 2 points): Two or three. 3 of 4 elements met.",
        ),
        ("E-3", "“Water use by year” is not answered."),
        ("S-1", "Level 2 of 2 (1 of 1 points): In place. Answer: yes"),
        (
            "S-2",
            "Level 2 of 3 (1 of 2 points): 10 to 20%. Answers read: “Voluntary turnover rate”: 15%",
        ),
        ("G-1", "Does not apply: the firm has no board of directors."),
    ] {
        let row = line_with(&out, &format!("│ {id} "));
        assert!(row.contains(explanation), "{id}: {row}");
    }
    assert!(line_with(&out, "│ E-2 ").contains("“Tick all that apply”: A; B; C"));
    assert!(line_with(&out, "│ G-1 ").contains("not applicable"));
    assert!(line_with(&out, "│ E-3 ").contains("unanswered"));

    let md = ok(&mut score_worked(&["--detail", "--format", "markdown"]));
    assert!(md.contains("## Every indicator"));
    assert!(md.contains("| E-2 Environmental checks | scored | 1/2 | Level 2 of 3 (1 of 2 points): Two or three. 3 of 4 elements met. Answers read: “Tick all that apply”: A; B; C |"), "{md}");
    assert!(
        md.contains("| G-1 Women on the board | not applicable | – |"),
        "{md}"
    );
    assert!(
        md.contains(
            "| E-3 Water intensity trend | unanswered | – | “Water use by year” is not answered. |"
        ),
        "{md}"
    );
}

#[test]
fn output_file_gets_the_report_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let expected = ok(&mut score_worked(&[]));
    let path = dir.path().join("report.txt");
    let out = ok(&mut score_worked(&["-o", path.to_str().unwrap()]));
    assert_eq!(out, "", "nothing on stdout when writing to a file");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        expected,
        "the file holds the same report"
    );

    let path = dir.path().join("card.json");
    let out = ok(&mut score_worked(&[
        "--format",
        "json",
        "--output",
        path.to_str().unwrap(),
    ]));
    assert_eq!(out, "");
    let card = crate::common::scorecard_json(&std::fs::read_to_string(&path).unwrap());
    assert!(close(num(&card["total"]), 50.0));

    // Replaces an existing file; leaves no temporary file behind.
    std::fs::write(dir.path().join("old.md"), "old").unwrap();
    let path = dir.path().join("old.md");
    ok(&mut score_worked(&[
        "--format",
        "markdown",
        "-o",
        path.to_str().unwrap(),
    ]));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("# Worked Example Ltd")
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["card.json", "old.md", "report.txt"]);
}

#[test]
fn output_to_a_directory_fails_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(&mut score_worked(&["-o", dir.path().to_str().unwrap()]));
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.contains(dir.path().to_str().unwrap()),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("directory"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing created"
    );

    let missing = dir.path().join("no").join("such").join("report.txt");
    let r = run(&mut score_worked(&["-o", missing.to_str().unwrap()]));
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("report.txt"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing created"
    );
}

// ---------------------------------------------------------------------------------------------
// Standard input

#[test]
fn answers_from_standard_input() {
    let text = std::fs::read_to_string(root().join(WORKED)).unwrap();
    let expected = ok(&mut score_worked(&[]));
    let out = ok(esg()
        .args(["--lang", "en", "score", "-", "--guideline", MINI])
        .write_stdin(text.clone()));
    assert_eq!(out, expected);

    let card = json_of(
        esg()
            .args([
                "--lang",
                "en",
                "score",
                "-",
                "--guideline",
                MINI,
                "--format",
                "json",
            ])
            .write_stdin(text),
    );
    assert_eq!(card["file"], "<stdin>");
    assert!(close(num(&card["total"]), 50.0));
}

#[test]
fn errors_in_standard_input_name_it() {
    let r = run(esg()
        .args(["--lang", "en", "score", "-", "--guideline", MINI])
        .write_stdin("[guideline]\nid = \"mini\"\n[firm]\nname = \"X\"\n[answers]\nturnovr = 3\n"));
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.contains("<stdin>:6:1: unknown question `turnovr`"),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// More answers: long form, evidence, version warning

#[test]
fn long_form_answers_with_evidence_and_not_applicable() {
    let text = r#"[guideline]
id = "mini"
version = "1.0.0"

[firm]
name = "Long Form Ltd"
reporting_year = 2024

[answers]
has_board = true
board_women = 1
targets = "long"
env_checks = ["a", "b", "c", "d"]
policy = true
turnover = 5

[answers.water]
not_applicable = "We use no water in production."
evidence = ["site survey.pdf"]
note = "Office only"
"#;
    let card = json_of(
        esg()
            .args([
                "--lang",
                "en",
                "score",
                "-",
                "--guideline",
                MINI,
                "--format",
                "json",
            ])
            .write_stdin(text),
    );
    assert!(
        close(num(&card["total"]), 100.0),
        "every applicable indicator is at its best level"
    );
    assert_eq!(card["grade"]["id"], "A");
    assert_eq!(indicator(&card, "E-3")["status"], "not_applicable");
    let shown = &indicator(&card, "E-3")["answers"][0];
    assert_eq!(shown["question"], "water");
    assert_eq!(shown["not_applicable"], "We use no water in production.");
    assert_eq!(shown["evidence"][0], "site survey.pdf");
    assert_eq!(shown["note"], "Office only");
    assert_eq!(card["gaps"].as_array().unwrap().len(), 0);
    assert!(close(num(&card["completeness"]["ratio"]), 1.0));
}

#[test]
fn a_different_guideline_version_is_a_warning_not_an_error() {
    let text = std::fs::read_to_string(root().join(WORKED))
        .unwrap()
        .replace("version = \"1.0.0\"", "version = \"0.9.0\"");
    let r = run(esg()
        .args(["--lang", "en", "score", "-", "--guideline", MINI])
        .write_stdin(text.clone()));
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("<stdin>:4:11: warning:"), "{}", r.stderr);
    assert!(r.stderr.contains("version 0.9.0"), "{}", r.stderr);
    assert!(r.stdout.contains("Total 50 / 100"));
    let r = run(esg()
        .args(["--lang", "en", "-q", "score", "-", "--guideline", MINI])
        .write_stdin(text));
    assert_eq!(r.code, 0);
    assert!(
        !r.stderr.contains("warning"),
        "-q hides warnings: {}",
        r.stderr
    );
}

#[test]
fn guideline_can_be_named_by_its_guideline_toml() {
    let out = ok(esg().args([
        "--lang",
        "en",
        "score",
        WORKED,
        "--guideline",
        &format!("{MINI}/guideline.toml"),
    ]));
    assert!(out.contains("Total 50 / 100"));
}

#[test]
fn an_indicator_on_a_question_not_asked_is_not_applicable_even_without_allow_na() {
    // docs/guideline-format.md: "A question whose `ask_if` is false is not asked; any indicator
    // that needs it is treated as not applicable, with the condition as the reason."
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(MINI).join("guideline.toml")).unwrap();
    let text = text.replace("applies_if = \"has_board\"\n", "allow_na = false\n");
    // The condition's reason goes with it.
    let text: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("applies_if_reason"))
        .collect();
    let text = text.join("\n");
    assert!(text.contains("allow_na = false"));
    std::fs::write(dir.path().join("guideline.toml"), text).unwrap();
    let card = json_of(
        esg()
            .args([
                "--lang",
                "en",
                "score",
                WORKED,
                "--format",
                "json",
                "--guideline",
            ])
            .arg(dir.path()),
    );
    let g1 = indicator(&card, "G-1");
    assert_eq!(g1["status"], "not_applicable", "{g1}");
    assert_eq!(g1["finding"]["code"], "not-asked", "{g1}");
    assert_eq!(g1["finding"]["params"]["condition"], "has_board", "{g1}");
    assert!(close(num(&card["total"]), 50.0));
}

// ---------------------------------------------------------------------------------------------
// explain

#[test]
fn explain_an_indicator() {
    let out = ok(esg().args(["explain", "E-1", "--guideline", MINI, "--lang", "en"]));
    assert!(out.starts_with("E-1 Environmental targets\n"), "{out}");
    assert!(out.contains("area: E Environment · weight: 1 · effort: low"));
    assert!(
        out.contains("Questions\n  Does the firm have environmental targets? (targets)"),
        "{out}"
    );
    assert!(out.contains("- short: Short-term targets"));
    assert!(out.contains("How it is scored\n  The option chosen for `targets` sets the level."));
    assert!(out.contains("Levels\n  1. [none] 0 pts — None\n  2. [short] 1 pts — Short-term\n  3. [long] 2 pts — Mid- and long-term\n"), "{out}");
    assert!(out.contains("Recommendation\n  Set targets.\n"));

    // Case does not matter; other rules show their levels too.
    assert_eq!(
        ok(esg().args(["explain", "e-1", "--guideline", MINI, "--lang", "en"])),
        out
    );
    let s2 = ok(esg().args(["explain", "S-2", "--guideline", MINI, "--lang", "en"]));
    assert!(s2.contains("The band that `turnover` falls in sets the level."));
    assert!(s2.contains("1. [x ≥ 20] 0 pts — 20% or more"), "{s2}");
    assert!(s2.contains("2. [10 ≤ x < 20] 1 pts — 10 to 20%"), "{s2}");
    let g1 = ok(esg().args(["explain", "G-1", "--guideline", MINI, "--lang", "en"]));
    assert!(g1.contains("Applies when: has_board"), "{g1}");
    assert!(g1.contains("asked when: has_board"), "{g1}");

    let ko = ok(esg().args(["explain", "E-1", "--guideline", MINI, "--lang", "ko"]));
    assert!(ko.starts_with("E-1 환경 목표\n"), "{ko}");
    assert!(ko.contains("단계") && ko.contains("권고") && ko.contains("목표를 세우세요."));
}

#[test]
fn explain_a_question() {
    let out = ok(esg().args(["explain", "targets", "--guideline", MINI, "--lang", "en"]));
    assert!(
        out.starts_with("Does the firm have environmental targets? (targets)\n"),
        "{out}"
    );
    assert!(out.contains("kind: single choice"));
    assert!(out.contains("- none: None\n") && out.contains("- long: Mid- and long-term targets\n"));
    let water = ok(esg().args(["explain", "water", "--guideline", MINI, "--lang", "en"]));
    assert!(
        water.contains("unit: m3")
            && water.contains("allowed: ≥ 0")
            && water.contains("not applicable"),
        "{water}"
    );
}

#[test]
fn explain_a_figure() {
    let out = ok(esg().args([
        "explain",
        "scope1_t",
        "--guideline",
        "vsme-basic",
        "--lang",
        "en",
    ]));
    assert!(out.starts_with("Scope 1 emissions (scope1_t)\n"), "{out}");
    assert!(
        out.contains("unit: tCO2e") && out.contains("formula: ghg.scope1"),
        "{out}"
    );
    assert!(
        out.contains("XBRL: GrossScope1GreenhouseGasEmissions"),
        "{out}"
    );
    let ko = ok(esg().args(["explain", "ghg_intensity", "--lang", "ko"]));
    assert!(
        ko.contains("형식: 답으로 계산하는 수치") && ko.contains("계산식: "),
        "{ko}"
    );
}

#[test]
fn explain_an_unknown_code_suggests_the_closest() {
    let r = run(esg().args(["explain", "E-9", "--guideline", MINI, "--lang", "en"]));
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .contains("`E-9` is not an indicator or question of guideline `mini`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("did you mean `E-"), "{}", r.stderr);

    let r = run(esg().args(["explain", "zzz", "--guideline", MINI, "--lang", "en"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("`zzz` is not an indicator or question"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("did you mean"),
        "no far-fetched suggestion: {}",
        r.stderr
    );
}

#[test]
fn explain_finds_an_indicator_typed_without_its_hyphen_or_in_lower_case() {
    let r = run(esg().args(["explain", "e1", "--guideline", MINI, "--lang", "en"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("E-1 Environmental targets"),
        "{}",
        r.stdout
    );
    let r = run(esg().args(["explain", "e31", "--lang", "en"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("E-3-1 "), "{}", r.stdout);
}

#[test]
fn explain_suggests_an_indicator_for_a_near_miss() {
    let r = run(esg().args(["explain", "E-3-9", "--lang", "en"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `E-3-"), "{}", r.stderr);
}

#[test]
fn explain_suggests_a_question_for_a_question_typo() {
    let r = run(esg().args(["explain", "targts", "--guideline", MINI, "--lang", "en"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `targets`?"), "{}", r.stderr);
}

#[test]
fn explain_with_an_unknown_guideline_lists_the_known() {
    let r = run(esg().args(["explain", "E-1", "--guideline", "nope", "--lang", "en"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown guideline `nope`") && r.stderr.contains("k-esg-sme"),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// guidelines

#[test]
fn guidelines_lists_the_builtin() {
    let r = run(esg().args(["guidelines", "--lang", "en"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.lines().any(|l| l.starts_with("k-esg-sme")),
        "{}",
        r.stdout
    );
}

#[test]
fn completions_cover_every_command() {
    let bash = ok(esg().args(["completions", "bash"]));
    for command in [
        "score",
        "explain",
        "lint",
        "assess",
        "init",
        "schema",
        "guidelines",
    ] {
        assert!(bash.contains(command), "bash completion lacks {command}");
    }
    assert!(ok(esg().args(["completions", "zsh"])).starts_with("#compdef esg"));
    let r = run(esg().args(["completions", "nosh"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("possible values"), "{}", r.stderr);
}
