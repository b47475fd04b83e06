//! Updating answers files in place: comments and layout are kept, and what is written reads back
//! as the same answers.

use std::path::Path;

use esg::answers::{self, AnswerValue, Answers, Entry, Firm, State};
use esg::answers_edit::AnswersDoc;
use esg::guideline::Guideline;
use esg::source::Source;

fn mini() -> Guideline {
    esg::guideline::load_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guidelines/mini"),
    )
    .unwrap()
}

fn entry(state: State) -> Entry {
    Entry {
        state,
        evidence: Vec::new(),
        note: None,
        given: None,
    }
}

fn parse(g: &Guideline, text: &str) -> Answers {
    answers::parse(&Source::new("a.toml", text.to_owned()), g)
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
}

const HAND_WRITTEN: &str = r#"# Hanbit Precision: answers for the 2024 self-check.
# Kept by the office manager; ask before changing.

[guideline]
id = "mini"      # the test guideline
version = "1.0.0"

[firm]
name = "Hanbit Precision"
reporting_year = 2024

[answers]
# Board: three directors, minutes kept since 2019.
has_board = true        # checked with the registry
targets = "short"       # 2030 target still a draft

# Water: metered monthly.
water = { 2023 = 1200, 2024 = 1100 }   # m3

[answers.policy]
value = false
note = "Draft policy with the lawyer"   # follow up in May
"#;

#[test]
fn updating_a_hand_commented_file_keeps_every_comment() {
    let g = mini();
    let source = Source::new("a.toml", HAND_WRITTEN);
    let mut doc = AnswersDoc::parse(&source).unwrap();
    let q = |id: &str| &g.questions[g.question_index(id).unwrap()];
    // Replace a short answer, add a new one, turn a short one into not applicable,
    // update a long-form table, and add one with evidence.
    doc.set(
        q("targets"),
        Some(&entry(State::Value(AnswerValue::Choice(2)))),
    );
    doc.set(
        q("turnover"),
        Some(&entry(State::Value(AnswerValue::Num(8.5)))),
    );
    doc.set(
        q("water"),
        Some(&entry(State::NotApplicable(
            "Office only since 2024".into(),
        ))),
    );
    doc.set(
        q("policy"),
        Some(&Entry {
            state: State::Value(AnswerValue::Bool(true)),
            evidence: vec!["Human rights policy v1.pdf".into()],
            note: Some("Adopted by the board in May".into()),
            given: None,
        }),
    );
    doc.set(
        q("env_checks"),
        Some(&Entry {
            state: State::Value(AnswerValue::Multi(vec![0, 3])),
            evidence: vec!["Checklist 2024.xlsx".into()],
            note: None,
            given: None,
        }),
    );
    let text = doc.to_string();
    assert_eq!(
        text,
        r#"# Hanbit Precision: answers for the 2024 self-check.
# Kept by the office manager; ask before changing.

[guideline]
id = "mini"      # the test guideline
version = "1.0.0"

[firm]
name = "Hanbit Precision"
reporting_year = 2024

[answers]
# Board: three directors, minutes kept since 2019.
has_board = true        # checked with the registry
targets = "long"       # 2030 target still a draft

# Water: metered monthly.
water = { not_applicable = "Office only since 2024" }   # m3
turnover = 8.5

[answers.policy]
value = true
note = "Adopted by the board in May"   # follow up in May
evidence = ["Human rights policy v1.pdf"]

[answers.env_checks]
value = ["a", "d"]
evidence = ["Checklist 2024.xlsx"]
"#
    );
    let a = parse(&g, &text);
    assert_eq!(
        a.value(g.question_index("targets").unwrap()),
        Some(&AnswerValue::Choice(2))
    );
    assert_eq!(
        a.value(g.question_index("turnover").unwrap()),
        Some(&AnswerValue::Num(8.5))
    );
}

#[test]
fn removing_and_clearing_answers() {
    let g = mini();
    let mut doc = AnswersDoc::parse(&Source::new("a.toml", HAND_WRITTEN)).unwrap();
    let q = |id: &str| &g.questions[g.question_index(id).unwrap()];
    doc.set(q("targets"), None);
    doc.set(
        q("policy"),
        Some(&Entry {
            state: State::Open,
            evidence: Vec::new(),
            note: Some("Draft policy with the lawyer".into()),
            given: None,
        }),
    );
    let text = doc.to_string();
    assert!(!text.contains("targets"), "{text}");
    assert!(
        text.contains(
            "[answers.policy]\nnote = \"Draft policy with the lawyer\"   # follow up in May\n"
        ),
        "{text}"
    );
    let a = parse(&g, &text);
    assert_eq!(a.entries[g.question_index("targets").unwrap()], None);
    assert_eq!(
        a.entries[g.question_index("policy").unwrap()]
            .as_ref()
            .unwrap()
            .state,
        State::Open
    );
}

#[test]
fn a_new_file_reads_back_as_the_answers_written() {
    let g = mini();
    let firm = Firm {
        name: "새싹식품 \"Saessak\"".into(),
        reporting_year: Some(2024),
        ..Firm::default()
    };
    let mut want = Answers::empty(&g, firm.clone());
    let values = [
        ("has_board", State::Value(AnswerValue::Bool(true))),
        ("targets", State::Value(AnswerValue::Choice(1))),
        ("env_checks", State::Value(AnswerValue::Multi(vec![]))),
        (
            "revenue",
            State::Value(AnswerValue::Series(vec![(2022, 0.25), (2024, 1e6)])),
        ),
        (
            "water",
            State::NotApplicable("줄바꿈\n과 \"따옴표\"".into()),
        ),
        ("policy", State::Value(AnswerValue::Bool(false))),
        ("turnover", State::Value(AnswerValue::Num(0.1 + 0.2))),
        ("board_women", State::Value(AnswerValue::Num(3.0))),
    ];
    let mut doc = AnswersDoc::new(&g, &firm);
    for (id, state) in values {
        let q = g.question_index(id).unwrap();
        let e = Entry {
            state,
            evidence: if id == "board_women" {
                vec!["Register; 2024".into()]
            } else {
                Vec::new()
            },
            note: None,
            given: None,
        };
        doc.set(&g.questions[q], Some(&e));
        want.entries[q] = Some(e);
    }
    let text = doc.to_string();
    assert!(
        text.starts_with("[guideline]\nid = \"mini\"\nversion = \"1.0.0\"\n\n[firm]\n"),
        "{text}"
    );
    let got = parse(&g, &text);
    assert_eq!(got.firm, firm);
    assert_eq!(got.entries, want.entries, "{text}");
}
