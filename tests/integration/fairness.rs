//! Fair scores on the built-in guideline (1.1): no firm scores higher by reporting a weaker
//! governance structure; answers that cannot all be true earn nothing and say so; the advice
//! given fits the level the firm has reached; "don't know" against the industry is not the worst
//! answer.

use std::path::PathBuf;

use esg::answers;
use esg::guideline::{self, BUILTIN_DEFAULT, Guideline};
use esg::report::{Format, Style, render};
use esg::score::{Options, score};
use esg::scorecard::{Scorecard, Status, Unanswered, Warning};
use esg::source::Source;
use esg::text::Lang;

use crate::common::{esg, root, scorecard_json};

fn builtin() -> Guideline {
    guideline::load_builtin(BUILTIN_DEFAULT).unwrap()
}

fn examples() -> Vec<(String, String)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "{paths:?}");
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

fn card(g: &Guideline, name: &str, text: &str) -> Scorecard {
    card_with(g, name, text, Unanswered::Zero)
}

fn card_with(g: &Guideline, name: &str, text: &str, unanswered: Unanswered) -> Scorecard {
    let a = answers::parse(&Source::new(name, text.to_owned()), g)
        .unwrap_or_else(|e| panic!("{name}:\n{e}\n{text}"));
    score(g, &a, Options { unanswered })
}

/// An answers file with some answers replaced (or added): `(id, TOML value)`.
fn with(text: &str, answers: &[(&str, &str)]) -> String {
    let mut doc: toml::Table = toml::from_str(text).unwrap();
    let table = doc
        .get_mut("answers")
        .and_then(toml::Value::as_table_mut)
        .unwrap();
    for (id, value) in answers {
        let v: toml::Table = toml::from_str(&format!("v = {value}")).unwrap();
        table.insert((*id).to_owned(), v["v"].clone());
    }
    toml::to_string(&doc).unwrap()
}

/// The governance answers of the listed example: a full board with every structure in place.
const FULL_BOARD: &[(&str, &str)] = &[
    ("has_board", "true"),
    ("board_esg_agenda", "\"resolution\""),
    ("board_rules_esg", "\"specific\""),
    ("board_size", "7"),
    ("outside_directors", "4"),
    ("board_chair", "\"independent\""),
    ("women_directors", "2"),
    ("outside_director_expertise", "\"half\""),
    ("board_attendance_pct", "96"),
    ("inside_attendance_pct", "100"),
    (
        "board_committees",
        "[\"charter\", \"no_overlap\", \"outside_majority\", \"meetings\", \"resolutions\"]",
    ),
    ("board_agenda_outcome", "\"five_pct\""),
    ("internal_audit", "\"separate_support\""),
    ("audit_expertise", "\"majority\""),
];

/// Each governance structure the guideline reads, turned off: the answers a firm without it gives.
const STRUCTURES_OFF: &[&[(&str, &str)]] = &[
    &[("has_board", "false")],
    &[
        ("outside_directors", "0"),
        ("outside_director_expertise", "\"no_outside\""),
    ],
    &[("board_chair", "\"ceo\"")],
    &[("women_directors", "0")],
    &[("board_committees", "[]")],
    &[("internal_audit", "\"none\"")],
    &[("audit_expertise", "\"at_most_one\"")],
    &[
        ("board_esg_agenda", "\"none\""),
        ("board_rules_esg", "\"none\""),
    ],
];

/// Every example as it is, and as firms that must have a board: listed, or unlisted with capital
/// of KRW 3 billion, each with the full board of [`FULL_BOARD`].
fn firms() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, text) in examples() {
        out.push((name.clone(), text.clone()));
        let board = with(&text, FULL_BOARD);
        out.push((
            format!("{name} listed"),
            with(&board, &[("listed", "true")]),
        ));
        out.push((
            format!("{name} unlisted, capital 30"),
            with(&board, &[("listed", "false"), ("paid_in_capital", "30")]),
        ));
        out.push((
            format!("{name} unlisted, capital 1, a board"),
            with(&board, &[("listed", "false"), ("paid_in_capital", "1")]),
        ));
    }
    out
}

/// The property of issue 14: for every example and its variants, turning any governance
/// structure off, alone or after one or two others, never raises the total; nor does turning
/// them all off.
#[test]
fn no_firm_scores_higher_by_reporting_a_weaker_structure() {
    let g = builtin();
    let n = STRUCTURES_OFF.len();
    let mut compared = 0;
    for (name, text) in firms() {
        // The total with a set of structures turned off (bit i: structure i off).
        let total = |set: usize| {
            let answers: Vec<(&str, &str)> = STRUCTURES_OFF
                .iter()
                .enumerate()
                .filter(|(i, _)| set & (1 << i) != 0)
                .flat_map(|(_, off)| off.iter().copied())
                .collect();
            card(&g, &name, &with(&text, &answers)).total.unwrap()
        };
        let mut totals = std::collections::HashMap::new();
        // From every set of up to two structures off, turning one more off never raises it.
        for set in (0..(1usize << n)).filter(|s| s.count_ones() <= 2) {
            let before = *totals.entry(set).or_insert_with(|| total(set));
            for i in (0..n).filter(|i| set & (1 << i) == 0) {
                let next = set | (1 << i);
                let after = *totals.entry(next).or_insert_with(|| total(next));
                assert!(
                    after <= before + 1e-9,
                    "{name}, structures off {set:#b}: turning off {:?} raises the total \
                     from {before} to {after}",
                    STRUCTURES_OFF[i]
                );
                compared += 1;
            }
        }
        // And everything off at once is no better than any of it.
        let all = total((1 << n) - 1);
        assert!(totals.values().all(|&t| all <= t + 1e-9), "{name}: {all}");
    }
    // The property was tested, not skipped: 20 firms, from 1 + 8 + 28 starting sets.
    assert_eq!(compared, 20 * (8 + 8 * 7 + 28 * 6));

    // Under `--unanswered exclude` too: each structure off alone, and all of them, from the
    // firm as it is.
    for (name, text) in firms() {
        let total = |answers: &[(&str, &str)]| {
            card_with(&g, &name, &with(&text, answers), Unanswered::Exclude)
                .total
                .unwrap()
        };
        let before = total(&[]);
        let all: Vec<(&str, &str)> = STRUCTURES_OFF
            .iter()
            .flat_map(|o| o.iter().copied())
            .collect();
        for off in STRUCTURES_OFF.iter().copied().chain([&all[..]]) {
            let after = total(off);
            assert!(
                after <= before + 1e-9,
                "{name}, --unanswered exclude: turning off {off:?} raises the total from {before} \
                 to {after}"
            );
        }
    }
}

/// The case of the issue: the auto-parts maker answering "no board" used to lift its governance
/// from 31.5 to 80. Now its board is required (capital of KRW 3 billion) and answering "no
/// board" puts the board items at their lowest level, with a warning that says why.
#[test]
fn answering_no_board_no_longer_lifts_the_auto_parts_maker() {
    let g = builtin();
    let text = std::fs::read_to_string(root().join("examples/autoparts-120.toml")).unwrap();
    let as_is = card(&g, "autoparts-120.toml", &text);
    let no_board = card(
        &g,
        "autoparts-120.toml",
        &with(&text, &[("has_board", "false")]),
    );
    let g_area = |c: &Scorecard| c.areas.iter().find(|a| a.id == "G").unwrap().score.unwrap();
    assert!(g_area(&no_board) < g_area(&as_is));
    assert!(no_board.total.unwrap() < as_is.total.unwrap());
    let g11 = no_board
        .indicators
        .iter()
        .find(|i| i.id == "G-1-1")
        .unwrap();
    assert_eq!(g11.status, Status::Scored);
    assert_eq!(g11.points, Some(0.0));
    assert!(
        no_board
            .warnings
            .iter()
            .any(|w| matches!(w, Warning::Check { id, .. } if id == "capital-without-board"))
    );
}

/// The issue's impossible answers, from the command line: one employee and a million permanent
/// ones. The report says so, and the permanent-employee share earns nothing.
#[test]
fn a_million_permanent_employees_of_one_earn_nothing_and_say_why() {
    let text = std::fs::read_to_string(root().join("examples/autoparts-120.toml")).unwrap();
    let text = with(
        &text,
        &[("employees", "1"), ("permanent_employees", "1000000")],
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("impossible.toml");
    std::fs::write(&path, &text).unwrap();
    let path = path.to_str().unwrap();

    let out = esg()
        .args(["score", path, "--format", "json", "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v = scorecard_json(&String::from_utf8(out.stdout).unwrap());
    let s22 = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "S-2-2")
        .unwrap();
    assert_eq!(s22["status"], "unanswered", "{s22}");
    assert_eq!(s22["points"], serde_json::Value::Null, "{s22}");
    assert_eq!(s22["finding"]["code"], "invalid-answer", "{s22}");
    assert_eq!(
        s22["finding"]["params"]["check"], "permanent-above-employees",
        "{s22}"
    );
    assert!(
        v["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.to_string().contains("permanent-above-employees")),
        "{}",
        v["warnings"]
    );

    // In words, in Korean: the warning and the indicator's reason, with no question id.
    let out = esg()
        .args(["score", path, "--lang", "ko", "--detail"])
        .output()
        .unwrap();
    let words = String::from_utf8(out.stdout).unwrap();
    assert!(
        words.contains("정규직 수가 상시 근로자 수보다 많습니다"),
        "{words}"
    );
    assert!(words.contains("점수에 넣지 않았습니다"), "{words}");
    assert!(!words.contains("permanent_employees"), "{words}");

    // The same firm with possible figures scores S-2-2.
    let fine = card(
        &builtin(),
        "fine.toml",
        &with(
            &text,
            &[("employees", "120"), ("permanent_employees", "101")],
        ),
    );
    let s22 = fine.indicators.iter().find(|i| i.id == "S-2-2").unwrap();
    assert_eq!(s22.status, Status::Scored);
}

/// Each kind of impossible answer of the issue invalidates what rests on it, and only that.
#[test]
fn impossible_answers_refuse_the_points_that_rest_on_them() {
    let g = builtin();
    let text = std::fs::read_to_string(root().join("examples/listed-midsize.toml")).unwrap();
    let base = card(&g, "listed-midsize.toml", &text);
    for (answers, check, indicator) in [
        (
            &[("outside_directors", "100"), ("board_size", "1")][..],
            "outside-directors-above-board",
            "G-1-2",
        ),
        (
            &[("avg_pay_women", "1000000"), ("avg_pay_all", "1")][..],
            "women-pay-above-payroll",
            "S-3-2",
        ),
        (
            &[("has_board", "false")][..],
            "listed-without-board",
            "G-1-1",
        ),
        (
            &[("women_directors", "9"), ("board_size", "7")][..],
            "women-directors-above-board",
            "G-1-4",
        ),
        (
            &[("permanent_employees", "431")][..],
            "permanent-above-employees",
            "S-2-2",
        ),
        (
            &[("women_employees", "0")][..],
            "women-pay-without-women",
            "S-3-2",
        ),
    ] {
        let c = card(&g, "listed-midsize.toml", &with(&text, answers));
        let ind = c.indicators.iter().find(|i| i.id == indicator).unwrap();
        assert_eq!(ind.status, Status::Unanswered, "{check}: {indicator}");
        assert!(
            c.warnings
                .iter()
                .any(|w| matches!(w, Warning::Check { id, .. } if id == check)),
            "{check} does not warn"
        );
        assert!(c.total.unwrap() < base.total.unwrap(), "{check}");
        // The message says the points were left out, in both languages.
        let w = c
            .warnings
            .iter()
            .find_map(|w| match w {
                Warning::Check { id, message, .. } if id == check => Some(message),
                _ => None,
            })
            .unwrap();
        assert!(w.show(Lang::Ko).contains("넣지 않았습니다"), "{check}");
        assert!(w.show(Lang::En).contains("no points rest on"), "{check}");
    }
    // The examples as they are trip none of these checks.
    for (name, text) in examples() {
        let c = card(&g, &name, &text);
        let invalid: Vec<&str> = c
            .indicators
            .iter()
            .filter(|i| i.finding.code() == "invalid-answer")
            .map(|i| i.id.as_str())
            .collect();
        assert!(invalid.is_empty(), "{name}: {invalid:?}");
    }
}

fn rendered(c: &Scorecard, format: Format) -> String {
    let mut out = Vec::new();
    let style = Style {
        top: 100,
        ..Style::default()
    };
    render(format, c, Lang::En, &style, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// E-3-1: a firm whose report shows a computed inventory is told the next step, not to gather
/// bills; a firm without one still is. Every format shows the advice that fits.
#[test]
fn the_ghg_advice_speaks_to_the_step_from_the_firm_s_level() {
    let g = builtin();
    let text = std::fs::read_to_string(root().join("examples/autoparts-120.toml")).unwrap();
    let with_inventory = card(&g, "autoparts-120.toml", &text);
    assert!(with_inventory.ghg.as_ref().is_some());
    let gap = |c: &Scorecard| {
        c.gaps
            .iter()
            .find(|gap| gap.indicator == "E-3-1")
            .unwrap()
            .recommendation
            .show(Lang::En)
            .to_owned()
    };
    let next_step = gap(&with_inventory);
    assert!(next_step.contains("already computed"), "{next_step}");
    assert!(!next_step.contains("Gather three years"), "{next_step}");
    // It does not know its industry's figure: the advice says where to find it.
    assert!(next_step.contains("GIR"), "{next_step}");
    for format in [Format::Table, Format::Markdown, Format::Csv, Format::Json] {
        let out = rendered(&with_inventory, format);
        assert!(
            out.contains("already computed") && !out.contains("Gather three years"),
            "{format:?}:\n{out}"
        );
    }

    // Without any activity data there is no inventory: gather the bills first.
    let mut bare = text.clone();
    bare = bare.replace("electricity_kwh = ", "# electricity_kwh = ");
    let without = card(
        &g,
        "bare.toml",
        &with(&bare, &[("ghg_vs_industry", "\"worse\"")]),
    );
    let first_step = gap(&without);
    assert!(first_step.contains("Gather three years"), "{first_step}");
}

/// "Don't know" against the industry is not the worst answer: it scores between "worse" and
/// "better" (as "about the same"), and the gap says where to find the industry figure.
#[test]
fn dont_know_is_not_the_worst_answer() {
    let g = builtin();
    let text = std::fs::read_to_string(root().join("examples/autoparts-120.toml")).unwrap();
    let level = |answer: &str| {
        let c = card(
            &g,
            "a.toml",
            &with(&text, &[("turnover_vs_industry", answer)]),
        );
        let s23 = c.indicators.iter().find(|i| i.id == "S-2-3").unwrap();
        let advice = c
            .gaps
            .iter()
            .find(|gap| gap.indicator == "S-2-3")
            .map(|gap| gap.recommendation.show(Lang::Ko).to_owned())
            .unwrap_or_default();
        (s23.points.unwrap(), c.total.unwrap(), advice)
    };
    let (worse, worse_total, _) = level("\"worse\"");
    let (unknown, unknown_total, advice) = level("\"unknown\"");
    let (similar, similar_total, _) = level("\"similar\"");
    let (better, _, _) = level("\"better\"");
    assert!(worse < unknown, "{worse} {unknown}");
    assert_eq!(unknown, similar);
    assert!(unknown < better);
    assert!(worse_total < unknown_total);
    assert!((unknown_total - similar_total).abs() < 1e-9);
    assert!(advice.contains("사업체노동력조사"), "{advice}");
}

/// The test guideline with one more file.
fn mini_with(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join(crate::common::MINI).join("guideline.toml"),
        dir.path().join("guideline.toml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("extra.toml"), extra).unwrap();
    dir
}

const TURNOVER_CHECK: &str = r#"
[[check]]
id = "turnover-above-95"
warn_if = "turnover > 95"
invalidates = ["turnover"]
message = { ko = "이직률이 95%를 넘습니다. 이직률 점수는 넣지 않았습니다.", en = "Turnover is above 95%; no points rest on it." }

[[indicator]]
id = "S-3"
area = "S"
title = { ko = "이직 관리", en = "Turnover follow-up" }
effort = "low"
recommendation = { ko = "일반 권고", en = "Generic advice" }
advice = [
  { when = "not policy", recommendation = { ko = "방침부터", en = "Policy first" } },
]
rule = { kind = "bands", expr = "turnover" }
level = [
  { points = 0, min = 20, text = { ko = "20% 이상", en = "20% or more" }, recommendation = { ko = "높은 단계 권고", en = "Advice at level 1" } },
  { points = 1, min = 10, max = 20, text = { ko = "10~20%", en = "10 to 20%" } },
  { points = 2, max = 10, text = { ko = "10% 미만", en = "Under 10%" } },
]
"#;

/// The engine on the test guideline: a check that invalidates an answer leaves the indicators
/// reading it unanswered, counting 0 even under `--unanswered exclude`; advice is chosen by
/// condition, then level, then the indicator's own.
#[test]
fn invalid_answers_count_zero_under_either_policy_and_advice_follows_the_firm() {
    let dir = mini_with(TURNOVER_CHECK);
    let g = guideline::load_dir(dir.path()).unwrap();
    let worked = std::fs::read_to_string(root().join(crate::common::WORKED)).unwrap();
    let run = |turnover: &str, policy: bool, unanswered: Unanswered| {
        let text = with(
            &worked,
            &[
                ("turnover", turnover),
                ("policy", if policy { "true" } else { "false" }),
            ],
        );
        let a = answers::parse(&Source::new("a.toml", text), &g).unwrap();
        score(&g, &a, Options { unanswered })
    };
    for policy in [Unanswered::Zero, Unanswered::Exclude] {
        let impossible = run("99", true, policy);
        let worst = run("90", true, policy);
        let s2 = impossible
            .indicators
            .iter()
            .find(|i| i.id == "S-2")
            .unwrap();
        assert_eq!(s2.status, Status::Unanswered);
        assert_eq!(s2.finding.code(), "invalid-answer");
        assert!(
            s2.finding.message(Lang::Ko).contains("참일 수 없어"),
            "{}",
            s2.finding.message(Lang::Ko)
        );
        // Never better than the worst true answer.
        assert!(
            impossible.total.unwrap() <= worst.total.unwrap() + 1e-9,
            "{policy:?}: {:?} > {:?}",
            impossible.total,
            worst.total
        );
        assert!(
            impossible
                .warnings
                .iter()
                .any(|w| matches!(w, Warning::Check { id, .. } if id == "turnover-above-95"))
        );
    }
    let advice = |c: &Scorecard| {
        c.gaps
            .iter()
            .find(|gap| gap.indicator == "S-3")
            .map(|gap| gap.recommendation.show(Lang::En).to_owned())
    };
    // The condition first; then the level's own; then the indicator's.
    assert_eq!(
        advice(&run("30", false, Unanswered::Zero)).unwrap(),
        "Policy first"
    );
    assert_eq!(
        advice(&run("30", true, Unanswered::Zero)).unwrap(),
        "Advice at level 1"
    );
    assert_eq!(
        advice(&run("15", true, Unanswered::Zero)).unwrap(),
        "Generic advice"
    );
}

/// What a guideline author gets wrong about `invalidates` and advice is an error at its place.
#[test]
fn invalidates_and_advice_are_checked_when_the_guideline_is_loaded() {
    for (extra, code, words) in [
        (
            TURNOVER_CHECK.replace(
                r#"invalidates = ["turnover"]"#,
                r#"invalidates = ["turnovr"]"#,
            ),
            "unknown-reference",
            "turnover",
        ),
        (
            TURNOVER_CHECK.replace(r#"invalidates = ["turnover"]"#, "invalidates = []"),
            "invalid-value",
            "invalidates",
        ),
        (
            TURNOVER_CHECK.replace(
                r#"warn_if = "turnover > 95""#,
                r#"warn_if = "doubled > 100""#,
            ) + "\n[[metric]]\nid = \"doubled\"\ntitle = { ko = \"두 배\", en = \"Doubled\" }\nformula = \"2 * turnover\"\n",
            "expression-type",
            "metrics",
        ),
        (
            TURNOVER_CHECK.replace(r#"when = "not policy""#, r#"when = "turnover""#),
            "expression-type",
            "",
        ),
    ] {
        let dir = mini_with(&extra);
        let out = esg()
            .args([
                "lint",
                dir.path().to_str().unwrap(),
                "--format",
                "json",
                "--lang",
                "en",
            ])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(1), "{text}");
        assert!(text.contains(code), "{code}: {text}");
        assert!(text.contains(words), "{words}: {text}");
    }
    // As written, the package is clean.
    let dir = mini_with(TURNOVER_CHECK);
    esg()
        .args(["lint", dir.path().to_str().unwrap()])
        .assert()
        .success();
}
