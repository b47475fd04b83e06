//! The scoring arithmetic against values computed by hand (see docs/scoring.md).

use std::path::Path;

use esg::answers::{self, Answers};
use esg::guideline::{self, Guideline};
use esg::score::{Options, score};
use esg::scorecard::{Scorecard, Status, Unanswered};
use esg::source::Source;
use esg::text::Lang;

fn mini() -> Guideline {
    guideline::load_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guidelines/mini"),
    )
    .unwrap()
}

fn answers(g: &Guideline, body: &str) -> Answers {
    let text =
        format!("[guideline]\nid = \"mini\"\n\n[firm]\nname = \"Test\"\n\n[answers]\n{body}");
    answers::parse(&Source::new("test.toml", text), g).unwrap()
}

fn card(body: &str, unanswered: Unanswered) -> Scorecard {
    let g = mini();
    let a = answers(&g, body);
    score(&g, &a, Options { unanswered })
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

fn area(c: &Scorecard, id: &str) -> Option<f64> {
    c.areas.iter().find(|a| a.id == id).unwrap().score
}

fn indicator<'a>(c: &'a Scorecard, id: &str) -> &'a esg::scorecard::IndicatorResult {
    c.indicators.iter().find(|i| i.id == id).unwrap()
}

const WORKED: &str = r#"
has_board = false
targets = "short"
env_checks = ["a", "b", "c"]
policy = true
turnover = 15
revenue = { 2022 = 10, 2023 = 10, 2024 = 10 }
"#;

#[test]
fn worked_example_counts_unanswered_as_zero() {
    let c = card(WORKED, Unanswered::Zero);
    // E: (1*0.5 + 2*0.5 + 1*0) / 4 = 37.5; S: (1*1 + 1*0.5) / 2 = 75; G not applicable.
    close(area(&c, "E").unwrap(), 37.5);
    close(area(&c, "S").unwrap(), 75.0);
    assert_eq!(area(&c, "G"), None);
    // T = (2*37.5 + 1*75) / 3 = 50.
    close(c.total.unwrap(), 50.0);
    assert_eq!(c.grade.as_ref().unwrap().id, "C");
    assert_eq!((c.completeness.scored, c.completeness.applicable), (4, 5));
    close(c.completeness.ratio.unwrap(), 0.8);
    // Gains: 100 * (W_a / sum W) * (w_i / sum w_a) * (1 - s_i).
    close(indicator(&c, "E-1").gain, 100.0 * (2.0 / 3.0) * 0.25 * 0.5);
    close(indicator(&c, "E-2").gain, 100.0 * (2.0 / 3.0) * 0.5 * 0.5);
    close(indicator(&c, "E-3").gain, 100.0 * (2.0 / 3.0) * 0.25);
    close(indicator(&c, "S-1").gain, 0.0);
    close(indicator(&c, "S-2").gain, 100.0 * (1.0 / 3.0) * 0.5 * 0.5);
    close(indicator(&c, "G-1").gain, 0.0);
    close(
        c.indicators.iter().map(|i| i.gain).sum::<f64>(),
        100.0 - 50.0,
    );
    // Largest gain first; E-2 and E-3 tie and keep guideline order.
    let order: Vec<&str> = c.gaps.iter().map(|g| g.indicator.as_str()).collect();
    assert_eq!(order, ["E-2", "E-3", "E-1", "S-2"]);
    assert_eq!(c.gaps[0].next_level.as_ref().unwrap().number, 3);
    assert_eq!(indicator(&c, "E-3").status, Status::Unanswered);
    assert_eq!(indicator(&c, "G-1").status, Status::NotApplicable);
}

#[test]
fn worked_example_excluding_unanswered() {
    let c = card(WORKED, Unanswered::Exclude);
    // E: (1*0.5 + 2*0.5) / 3 = 50; T = (2*50 + 75) / 3.
    close(area(&c, "E").unwrap(), 50.0);
    close(c.total.unwrap(), 175.0 / 3.0);
    assert_eq!(c.grade.as_ref().unwrap().id, "C");
    close(indicator(&c, "E-3").gain, 0.0);
    close(
        indicator(&c, "E-2").gain,
        100.0 * (2.0 / 3.0) * (2.0 / 3.0) * 0.5,
    );
    close(
        c.indicators.iter().map(|i| i.gain).sum::<f64>(),
        100.0 - c.total.unwrap(),
    );
    // Completeness does not depend on the policy.
    close(c.completeness.ratio.unwrap(), 0.8);
}

#[test]
fn not_applicable_answer_leaves_both_sums() {
    let body =
        format!("{WORKED}\n[answers.water]\nnot_applicable = \"We use no process water.\"\n");
    let c = card(&body, Unanswered::Zero);
    assert_eq!(indicator(&c, "E-3").status, Status::NotApplicable);
    assert!(
        indicator(&c, "E-3")
            .finding
            .message(Lang::En)
            .contains("We use no process water.")
    );
    // E: (1*0.5 + 2*0.5) / 3 = 50, as if E-3 did not exist.
    close(area(&c, "E").unwrap(), 50.0);
    assert_eq!(
        (
            c.completeness.scored,
            c.completeness.applicable,
            c.completeness.not_applicable
        ),
        (4, 4, 2)
    );
}

#[test]
fn trend_scores_intensity_and_direction() {
    // Water per revenue falls 10 -> 9.5 -> 9: an improvement of 5.3% a year: best level.
    let body = format!("{WORKED}water = {{ 2022 = 100, 2023 = 95, 2024 = 90 }}\n");
    let c = card(&body, Unanswered::Zero);
    let e3 = indicator(&c, "E-3");
    assert_eq!(e3.status, Status::Scored);
    assert_eq!(e3.level.as_ref().unwrap().number, 3);
    close(e3.score.unwrap(), 1.0);
    // Rising water use is worse: lowest level.
    let body = format!("{WORKED}water = {{ 2022 = 90, 2023 = 95, 2024 = 100 }}\n");
    let c = card(&body, Unanswered::Zero);
    assert_eq!(indicator(&c, "E-3").level.as_ref().unwrap().number, 1);
    // One year is not a trend.
    let body = format!("{WORKED}water = {{ 2024 = 100 }}\n");
    let c = card(&body, Unanswered::Zero);
    assert_eq!(indicator(&c, "E-3").status, Status::Unanswered);
    assert!(
        indicator(&c, "E-3")
            .finding
            .message(Lang::En)
            .contains("at least two years")
    );
}

#[test]
fn bands_include_the_lower_bound_and_exclude_the_upper() {
    for (turnover, level) in [
        (0.0, 3),
        (9.99, 3),
        (10.0, 2),
        (19.99, 2),
        (20.0, 1),
        (100.0, 1),
    ] {
        let c = card(&format!("turnover = {turnover:?}\n"), Unanswered::Zero);
        assert_eq!(
            indicator(&c, "S-2").level.as_ref().unwrap().number,
            level,
            "turnover {turnover}"
        );
    }
}

#[test]
fn checklist_counts_ticked_items() {
    for (ticked, level) in [
        ("[]", 1),
        ("[\"a\"]", 1),
        ("[\"a\", \"d\"]", 2),
        ("[\"a\", \"b\", \"c\", \"d\"]", 3),
    ] {
        let c = card(&format!("env_checks = {ticked}\n"), Unanswered::Zero);
        assert_eq!(
            indicator(&c, "E-2").level.as_ref().unwrap().number,
            level,
            "{ticked}"
        );
    }
}

#[test]
fn applicability_and_ask_conditions() {
    // With a board, G-1 applies and board_women is asked.
    let c = card("has_board = true\nboard_women = 2\n", Unanswered::Zero);
    assert_eq!(indicator(&c, "G-1").status, Status::Scored);
    close(area(&c, "G").unwrap(), 100.0);
    // Board unknown: G-1 cannot be decided, so it is unanswered.
    let c = card("", Unanswered::Zero);
    assert_eq!(indicator(&c, "G-1").status, Status::Unanswered);
    // No board: an answer to board_women is not asked, and G-1 is not applicable.
    let c = card("has_board = false\nboard_women = 2\n", Unanswered::Zero);
    assert_eq!(indicator(&c, "G-1").status, Status::NotApplicable);
}

#[test]
fn grades_follow_the_bands() {
    let all_best = r#"
has_board = true
board_women = 1
targets = "long"
env_checks = ["a", "b", "c", "d"]
water = { 2022 = 100, 2023 = 90 }
revenue = { 2022 = 10, 2023 = 10 }
policy = true
turnover = 5
"#;
    let c = card(all_best, Unanswered::Zero);
    close(c.total.unwrap(), 100.0);
    assert_eq!(c.grade.as_ref().unwrap().id, "A");
    assert!(c.gaps.is_empty());
    // Everything worst: 0, grade D.
    let all_worst = r#"
has_board = true
board_women = 0
targets = "none"
env_checks = []
water = { 2022 = 90, 2023 = 100 }
revenue = { 2022 = 10, 2023 = 10 }
policy = false
turnover = 50
"#;
    let c = card(all_worst, Unanswered::Zero);
    close(c.total.unwrap(), 0.0);
    assert_eq!(c.grade.as_ref().unwrap().id, "D");
    close(c.gaps.iter().map(|g| g.gain).sum::<f64>(), 100.0);
}

#[test]
fn empty_answers_under_both_policies() {
    let c = card("", Unanswered::Zero);
    close(c.total.unwrap(), 0.0);
    assert_eq!(c.completeness.scored, 0);
    let c = card("", Unanswered::Exclude);
    assert_eq!(c.total, None);
    assert!(c.grade.is_none());
    assert!(c.areas.iter().all(|a| a.score.is_none()));
    assert!(c.gaps.is_empty());
}

#[test]
fn area_with_only_unanswered_indicators_leaves_the_total_under_exclude() {
    let c = card("targets = \"long\"\n", Unanswered::Exclude);
    close(area(&c, "E").unwrap(), 100.0);
    assert_eq!(area(&c, "S"), None);
    assert_eq!(c.areas[1].status, Status::Unanswered);
    close(c.total.unwrap(), 100.0);
}

#[test]
fn scoring_is_deterministic() {
    let g = mini();
    let a = answers(&g, WORKED);
    let opts = Options {
        unanswered: Unanswered::Zero,
    };
    let json = |c| serde_json::to_string(&esg::report::json::document(&c, Lang::Ko)).unwrap();
    let one = json(score(&g, &a, opts));
    let two = json(score(&g, &a, opts));
    crate::common::scorecard_json(&one);
    assert_eq!(one, two);
}
