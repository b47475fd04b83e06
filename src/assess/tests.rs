use std::path::Path;

use super::*;
use crate::answers::{AnswerValue, Firm};
use crate::guideline::load_dir;
use crate::source::Source;

fn mini() -> Guideline {
    load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guidelines/mini")).unwrap()
}

fn q(g: &Guideline, id: &str) -> usize {
    g.question_index(id).unwrap()
}

fn ids(g: &Guideline, qs: &[usize]) -> Vec<String> {
    qs.iter().map(|&i| g.questions[i].id.clone()).collect()
}

fn parsed<'g>(g: &'g Guideline, body: &str) -> Session<'g> {
    let text = format!("[guideline]\nid = \"mini\"\n[firm]\nname = \"T\"\n[answers]\n{body}");
    let a = crate::answers::parse(&Source::new("t.toml", text), g).unwrap();
    Session::new(g, a, 2025)
}

#[test]
fn plan_asks_the_profile_first_then_area_by_area() {
    let g = mini();
    let plan = Plan::new(&g);
    assert_eq!(
        ids(&g, &plan.order),
        [
            "has_board",
            "revenue",
            "targets",
            "env_checks",
            "water",
            "policy",
            "turnover",
            "board_women"
        ]
    );
    assert_eq!(plan.sections[0], Section::Profile);
    assert_eq!(plan.sections[2], Section::Area(0));
    assert_eq!(plan.sections[7], Section::Area(2));
}

#[test]
fn a_new_file_starts_with_the_firm_then_the_profile() {
    let g = mini();
    let mut s = Session::new(&g, Answers::empty(&g, Firm::default()), 2025);
    assert_eq!(s.step(), Step::FirmName);
    s.set_firm_name("  Hanbit  ");
    assert_eq!(s.answers().firm.name, "Hanbit");
    assert_eq!(s.step(), Step::ReportingYear);
    assert_eq!(s.default_reporting_year(), 2024);
    s.set_reporting_year(2024);
    assert_eq!(s.step(), Step::Question(q(&g, "has_board")));
    assert_eq!(
        s.progress(q(&g, "has_board"), Lang::Ko).to_string(),
        "1/8 · 회사 기본 정보"
    );
    assert_eq!(s.series_years(q(&g, "revenue")), [2024, 2023, 2022]);
}

#[test]
fn an_answer_that_turns_a_condition_false_drops_the_question() {
    let g = mini();
    let mut s = parsed(&g, "");
    assert_eq!(s.progress(q(&g, "turnover"), Lang::En).total, 8);
    s.answer(Some(State::Value(AnswerValue::Bool(false))));
    assert!(!s.asked[q(&g, "board_women")]);
    let p = s.progress(q(&g, "turnover"), Lang::En);
    assert_eq!(p.to_string(), "7/7 · Social");
    // Walk to the end: board_women is never asked.
    let mut seen = Vec::new();
    while let Step::Question(x) = s.step() {
        seen.push(x);
        s.skip();
    }
    assert_eq!(
        ids(&g, &seen),
        [
            "revenue",
            "targets",
            "env_checks",
            "water",
            "policy",
            "turnover"
        ]
    );
    assert_eq!(s.step(), Step::Review);
    assert_eq!(s.unanswered().len(), 6);
}

#[test]
fn back_returns_to_the_previous_question_and_forward_replays() {
    let g = mini();
    let mut s = parsed(&g, "");
    s.answer(Some(State::Value(AnswerValue::Bool(true))));
    s.answer(Some(State::Value(AnswerValue::Series(vec![(2024, 10.0)]))));
    assert_eq!(s.step(), Step::Question(q(&g, "targets")));
    assert!(s.back());
    assert_eq!(s.step(), Step::Question(q(&g, "revenue")));
    assert!(s.back());
    assert_eq!(s.step(), Step::Question(q(&g, "has_board")));
    // Going forward again shows the answered question rather than passing over it.
    s.skip();
    assert_eq!(s.step(), Step::Question(q(&g, "revenue")));
    s.skip();
    assert_eq!(s.step(), Step::Question(q(&g, "targets")));
}

#[test]
fn a_resumed_file_starts_at_the_first_unanswered_question() {
    let g = mini();
    let mut s = parsed(
        &g,
        "has_board = true\nrevenue = { 2024 = 1 }\ntargets = \"long\"\nwater = { not_applicable = \"office only\" }\n",
    );
    assert_eq!(s.step(), Step::Question(q(&g, "env_checks")));
    // Answered questions further on are passed over.
    s.skip();
    assert_eq!(s.step(), Step::Question(q(&g, "policy")));
    // Back from the first question of a resumed session goes to the question before it.
    let mut r = parsed(&g, "has_board = true\n");
    assert_eq!(r.step(), Step::Question(q(&g, "revenue")));
    assert!(r.back());
    assert_eq!(r.step(), Step::Question(q(&g, "has_board")));
}

#[test]
fn a_complete_file_opens_the_review_and_edits_return_to_it() {
    let g = mini();
    let mut s = parsed(
        &g,
        "has_board = false\nrevenue = { 2024 = 1 }\ntargets = \"long\"\nenv_checks = []\nwater = { 2024 = 3 }\npolicy = true\nturnover = 3\n",
    );
    assert_eq!(s.step(), Step::Review);
    assert!(s.unanswered().is_empty());
    s.edit(q(&g, "turnover"));
    assert_eq!(s.step(), Step::Question(q(&g, "turnover")));
    s.answer(None);
    assert_eq!(s.step(), Step::Review);
    assert_eq!(
        ids(&g, &s.review_list())[..2],
        ["turnover".to_owned(), "has_board".to_owned()]
    );
}

#[test]
fn clearing_an_answer_keeps_its_evidence() {
    let g = mini();
    let mut s = parsed(&g, "");
    let p = q(&g, "has_board");
    s.set_extras(p, vec!["minutes.pdf".into()], None);
    s.answer(Some(State::Value(AnswerValue::Bool(true))));
    s.set_state(p, None);
    let e = s.answers().entries[p].as_ref().unwrap();
    assert_eq!(e.state, State::Open);
    assert_eq!(e.evidence, ["minutes.pdf"]);
    s.set_extras(p, Vec::new(), None);
    assert!(s.answers().entries[p].is_none());
}

#[test]
fn typed_numbers_are_checked_against_kind_and_bounds() {
    let g = mini();
    let turnover = &g.questions[q(&g, "turnover")];
    assert_eq!(input::number(turnover, " 12.5 ", Lang::En), Ok(12.5));
    assert!(input::number(turnover, "1,0", Lang::En).is_err());
    let err = input::number(turnover, "150", Lang::En).unwrap_err();
    assert_eq!(err, "150 % is too large: it must be at most 100 %");
    let err = input::number(turnover, "abc", Lang::Ko).unwrap_err();
    assert!(err.contains("숫자가 아닙니다"), "{err}");
    let women = &g.questions[q(&g, "board_women")];
    assert!(input::number(women, "1.5", Lang::En).is_err());
    assert_eq!(input::number(women, "-0", Lang::En), Ok(0.0));
    assert_eq!(input::hint(turnover, Lang::En), "(%, 0 – 100)");
    assert_eq!(input::hint(women, Lang::Ko), "(정수, 0 – 50)");
    assert_eq!(
        input::evidence(" a.pdf \n https://x.example \n\n"),
        ["a.pdf", "https://x.example"]
    );
    assert!(input::reason("  ", Lang::En).is_err());
}

/// The prompts a firm sees when it answers the questionnaire as its answers file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Prompts {
    /// The firm's name and the reporting year.
    firm: usize,
    /// Questions asked, a series counted once.
    questions: usize,
    /// Series questions asked.
    series: usize,
    /// Years asked over all series questions: one prompt each.
    years: usize,
}

impl Prompts {
    /// Every prompt: the firm's two, one per question that is not a series, one per year of a
    /// series (the terminal asks a series year by year).
    fn total(self) -> usize {
        self.firm + self.questions - self.series + self.years
    }
}

/// Replays `file` through a new questionnaire: the firm's name and reporting year, then each
/// question the session asks, answered with the file's answer (or not applicable, as the file
/// says) or left unanswered where the file says nothing, until the review.
fn replay(g: &Guideline, file: &Answers) -> Prompts {
    let mut s = Session::new(g, Answers::empty(g, Firm::default()), 2026);
    let mut p = Prompts::default();
    if s.step() == Step::FirmName {
        p.firm += 1;
        s.set_firm_name(&file.firm.name);
    }
    if s.step() == Step::ReportingYear {
        p.firm += 1;
        let year = file
            .firm
            .reporting_year
            .and_then(|y| i32::try_from(y).ok())
            .unwrap_or(s.default_reporting_year());
        s.set_reporting_year(year);
    }
    // Each question is asked at most once going forward.
    for _ in 0..=g.questions.len() {
        let Step::Question(q) = s.step() else { break };
        p.questions += 1;
        if g.questions[q].kind == crate::guideline::QuestionKind::Series {
            p.series += 1;
            p.years += s.series_years(q).len();
        }
        match file.entries[q].as_ref().map(|e| &e.state) {
            Some(state @ (State::Value(_) | State::NotApplicable(_))) => {
                s.answer(Some(state.clone()));
            }
            _ => s.skip(),
        }
    }
    assert_eq!(s.step(), Step::Review);
    p
}

fn example(g: &Guideline, name: &str) -> Answers {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    crate::answers::parse(&Source::new(name, text), g).unwrap()
}

/// The prompts each example firm sees (docs/assess.md): they must not silently grow.
#[test]
fn prompt_counts_of_the_example_firms() {
    let g = crate::guideline::load_builtin("k-esg-sme").unwrap();
    let mut seen = Vec::new();
    for name in [
        "service-20.toml",
        "autoparts-120.toml",
        "logistics.toml",
        "listed-midsize.toml",
        "ghg-manufacturer.toml",
    ] {
        let p = replay(&g, &example(&g, name));
        seen.push((name, p.questions, p.years, p.total()));
    }
    // (file, questions asked, series years asked, prompts in all)
    assert_eq!(
        seen,
        [
            ("service-20.toml", 76, 39, 104),
            ("autoparts-120.toml", 96, 54, 134),
            ("logistics.toml", 91, 45, 123),
            ("listed-midsize.toml", 108, 54, 146),
            ("ghg-manufacturer.toml", 86, 51, 122),
        ]
    );
}

#[test]
fn series_ask_the_years_the_guideline_needs_and_say_which() {
    let g = crate::guideline::load_builtin("k-esg-sme").unwrap();
    let text = "[guideline]\nid = \"k-esg-sme\"\n[firm]\nname = \"T\"\nreporting_year = 2025\n[answers]\nemployees = 20\n";
    let a = crate::answers::parse(&Source::new("t.toml", text.to_owned()), &g).unwrap();
    let s = Session::new(&g, a, 2026);
    // A trend over 3 years.
    assert_eq!(s.series_years(q(&g, "electricity_kwh")), [2025, 2024, 2023]);
    assert_eq!(
        s.series_note(q(&g, "electricity_kwh"), Lang::Ko),
        "추세를 보려고 2023~2025년의 3개 연도를 묻습니다."
    );
    // Revenue divides 3-year trends and gives this year's intensity: 3 years, not its 5.
    assert_eq!(s.series_years(q(&g, "revenue")), [2025, 2024, 2023]);
    // The reporting year's total energy is computed from this year's fuel and electricity
    // (every formula reads it through `extend`): only earlier years are asked.
    assert_eq!(s.series_years(q(&g, "energy_mwh")), [2024, 2023]);
    assert_eq!(
        s.series_note(q(&g, "energy_mwh"), Lang::En),
        "The trend is taken over 3 years, 2023–2025; the figure for 2025 comes from other answers, so only 2023–2024 are asked."
    );
    // This year's headcount is the profile's (`current = "employees"`): not asked again.
    assert_eq!(s.series_years(q(&g, "headcount")), [2024, 2023, 2022, 2021]);
    assert_eq!(
        s.series_note(q(&g, "headcount"), Lang::Ko),
        "추세는 2021~2025년의 5개 연도로 봅니다. 2025년 값은 앞서 답한 내용에서 가져오므로 2021~2024년만 묻습니다."
    );
}

#[test]
fn progress_counts_the_questions_left_that_still_apply() {
    let g = mini();
    let mut s = parsed(&g, "");
    let first = s.progress(q(&g, "has_board"), Lang::Ko).remaining;
    assert_eq!(first.left, 8);
    s.answer(Some(State::Value(AnswerValue::Bool(false))));
    // No board: the board question no longer applies, and one fewer is left.
    let p = s.progress(q(&g, "revenue"), Lang::Ko);
    assert_eq!((p.number, p.total, p.remaining.left), (2, 7, 6));
    assert!(p.remaining.seconds < first.seconds);
    assert_eq!(p.to_string(), "2/7 · 회사 기본 정보");
    assert_eq!(p.remaining.to_string(), "남은 질문 6개 · 약 5분");
    let en = s.progress(q(&g, "revenue"), Lang::En);
    assert_eq!(en.remaining.to_string(), "6 questions left · about 5 min");
}
