//! The questionnaire of `esg assess` in a pseudo-terminal: what is typed is saved as the owner
//! meant it (numbers, going back, no preselected answer, pasted columns, comments kept, evidence
//! with `;`), and the screen is calm (wrapped at spaces, help everywhere, no English words in a
//! Korean session, line-editing keys, resizing, a short note).
#![cfg(unix)]

use std::path::Path;

use esg::answers::{AnswerValue, Answers, State};
use esg::guideline::Guideline;
use esg::source::Source;

use crate::common::pty::{BACKSPACE, DOWN, ESC, Pty, mini_dir};

const CTRL_A: &str = "\x01";
const CTRL_E: &str = "\x05";
const CTRL_K: &str = "\x0b";
const CTRL_U: &str = "\x15";
const CTRL_W: &str = "\x17";

fn mini() -> Guideline {
    esg::guideline::load_dir(&mini_dir()).unwrap()
}

fn file(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("a.toml")).unwrap()
}

fn answers(dir: &Path) -> Answers {
    let g = mini();
    esg::answers::parse(&Source::new("a.toml", file(dir)), &g).expect("the answers file checks")
}

fn value(dir: &Path, id: &str) -> Option<AnswerValue> {
    let g = mini();
    answers(dir).value(g.question_index(id).unwrap()).cloned()
}

const HEAD: &str = "\
[guideline]
id = \"mini\"

[firm]
name = \"Acme\"
reporting_year = 2024

[answers]
";

/// Every question before `turnover` answered: a session resumes at `[7/8 · Social]`.
const BEFORE_TURNOVER: &str = "\
has_board = true
revenue = { 2024 = 10 }
targets = \"none\"
env_checks = []
water = { 2024 = 100 }
policy = true
";

/// Writes `a.toml` in a new directory.
fn with_file(answers: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), format!("{HEAD}{answers}")).unwrap();
    dir
}

/// Opens the menu at the current prompt and saves and quits; the session ends with 0.
fn save_and_quit(p: &mut Pty) {
    p.send(ESC);
    p.answer("Menu:", "Save and quit\r");
    let (out, code) = p.finish();
    assert_eq!(code, 0, "{out}");
}

// ---- Save what was meant ---------------------------------------------------------------------

#[test]
fn a_decimal_comma_is_refused_with_how_to_write_a_decimal() {
    let dir = with_file(BEFORE_TURNOVER);
    let mut p = Pty::mini(dir.path(), "en", 100, 30);
    p.expect("[7/8 · Social]");
    for typed in ["1,5", "0,75", "1,2,3"] {
        p.prompt();
        p.send(&format!("{CTRL_U}{typed}\r"));
        p.expect(&format!(
            "{typed}: a comma only separates thousands, as in 12,345; write a decimal with a point, such as 1.5"
        ));
        assert_eq!(value(dir.path(), "turnover"), None, "{typed} was saved");
    }
    p.send(&format!("{CTRL_U}1.5\r"));
    p.expect("[8/8 · Governance]");
    p.prompt();
    save_and_quit(&mut p);
    assert_eq!(value(dir.path(), "turnover"), Some(AnswerValue::Num(1.5)));

    // In Korean, the same.
    let dir = with_file(BEFORE_TURNOVER);
    let mut p = Pty::mini(dir.path(), "ko", 100, 30);
    p.answer("[7/8 · 사회]", "0,75\r");
    p.expect("0,75: 쉼표는 12,345처럼 세 자리마다 끊을 때만 씁니다. 소수는 1.5처럼 점을 찍어 적으십시오.");
    p.send(&format!("{CTRL_U}0.75\r"));
    p.expect("[8/8 · 지배구조]");
    p.prompt();
    p.send(ESC);
    p.answer("메뉴:", "저장하고 끝내기\r");
    assert_eq!(p.finish().1, 0);
    assert_eq!(value(dir.path(), "turnover"), Some(AnswerValue::Num(0.75)));
}

#[test]
fn going_back_shows_the_old_answer_and_what_is_typed_replaces_it() {
    let dir = with_file(BEFORE_TURNOVER);
    let mut p = Pty::mini(dir.path(), "en", 100, 30);
    p.answer("[7/8 · Social]", "12\r");
    p.answer("[8/8 · Governance]", "<\r");
    // The old answer is shown beside the prompt, not as typed text: typing replaces it.
    p.answer("Now: 12 (Enter keeps it; typing replaces it)", "13\r");
    p.answer("[8/8 · Governance]", "<\r");
    // `<` works on a prompt that has an answer.
    p.answer("Now: 13", "<\r");
    p.expect("[6/8 · Social]");
    // The policy answer is offered again; Enter keeps it, and Enter keeps the turnover too.
    p.answer("> Yes", "\r");
    p.answer("Now: 13", "\r");
    p.expect("[8/8 · Governance]");
    p.prompt();
    save_and_quit(&mut p);
    assert_eq!(value(dir.path(), "turnover"), Some(AnswerValue::Num(13.0)));
    assert_eq!(value(dir.path(), "policy"), Some(AnswerValue::Bool(true)));
}

#[test]
fn numbers_a_person_would_not_mean_are_refused_and_the_rest_kept_exactly() {
    let dir = with_file("has_board = true\n");
    let mut p = Pty::mini(dir.path(), "en", 100, 30);
    p.answer("2024 (KRW 100 million, at least 0)", "1e3\r");
    p.expect("1e3: write the number in full, such as 1000, not as 1e3");
    p.send(&format!("{CTRL_U}99999999999999999999999\r"));
    p.expect("99999999999999999999999: too many digits to save exactly");
    p.send(&format!("{CTRL_U}12 000\r"));
    p.answer("2023 (KRW 100 million, at least 0)", "12,345.5\r");
    p.answer("2022 (KRW 100 million, at least 0)", "0.1\r");
    p.expect("[3/8 · Environment]");
    p.prompt();
    save_and_quit(&mut p);
    assert_eq!(
        value(dir.path(), "revenue"),
        Some(AnswerValue::Series(vec![
            (2022, 0.1),
            (2023, 12345.5),
            (2024, 12000.0)
        ]))
    );
    assert!(
        file(dir.path()).contains("revenue = { 2022 = 0.1, 2023 = 12345.5, 2024 = 12000 }"),
        "{}",
        file(dir.path())
    );

    // A whole-number question refuses exponents and fractions, and saves an integer.
    let dir = with_file(&format!("{BEFORE_TURNOVER}turnover = 5\n"));
    let mut p = Pty::mini(dir.path(), "en", 100, 30);
    p.answer("[8/8 · Governance]", ".5e1\r");
    p.expect(".5e1: write the number in full, such as 1000, not as 1e3");
    p.send(&format!("{CTRL_U}2.5\r"));
    p.expect("2.5: type a whole number");
    p.send(&format!("{CTRL_U}2\r"));
    p.answer("Choose a question to change, or finish:", "Save and quit\r");
    assert_eq!(p.finish().1, 0);
    assert!(
        file(dir.path()).contains("\nboard_women = 2\n"),
        "{}",
        file(dir.path())
    );
}

#[test]
fn no_list_starts_on_an_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pty::mini(dir.path(), "en", 100, 30);
    p.answer("Firm name:", "Acme\r");
    p.answer("Now: 2024", "\r");
    // An accidental Enter answers nothing.
    p.answer("[1/8 · Firm profile]", "\r");
    p.expect("Choose with ↑↓ first, then press Enter.");
    p.prompt();
    assert!(
        !file(dir.path()).contains("has_board"),
        "{}",
        file(dir.path())
    );
    p.send(&format!("{DOWN}{DOWN}\r"));
    p.expect("[2/7 · Firm profile]");
    p.prompt();
    save_and_quit(&mut p);
    assert_eq!(
        value(dir.path(), "has_board"),
        Some(AnswerValue::Bool(false))
    );

    // The built-in guideline's first question, "listed", starts on no answer either.
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(dir.path(), &["assess", "--lang", "ko"], 100, 30);
    p.answer("회사 이름:", "누리소프트\r");
    p.answer("지금 답: 2024", "\r");
    p.answer("증권시장", "\r");
    p.expect("↑↓로 먼저 고른 다음 Enter를 누르십시오.");
    p.prompt();
    p.send(ESC);
    p.answer("메뉴:", "저장하고 끝내기\r");
    assert_eq!(p.finish().1, 0);
    let text = std::fs::read_to_string(dir.path().join("answers.toml")).unwrap();
    assert!(!text.contains("listed"), "{text}");
}

#[test]
fn a_pasted_column_fills_the_years_in_order() {
    let dir = with_file("has_board = true\n");
    let mut p = Pty::mini(dir.path(), "en", 100, 30);
    // A column with a value that is not a number is not used at all.
    p.answer("2024 (KRW", "\x1b[200~12\n1,5\n10\n\x1b[201~");
    p.expect("The pasted values were not used. 2023: 1,5: a comma only separates thousands");
    p.prompt();
    assert_eq!(value(dir.path(), "revenue"), None);
    p.send("\x1b[200~12\r\n11\r\n10\r\n\x1b[201~");
    p.expect("Pasted: 2024: 12 · 2023: 11 · 2022: 10");
    p.expect("[3/8 · Environment]");
    p.prompt();
    save_and_quit(&mut p);
    assert_eq!(
        value(dir.path(), "revenue"),
        Some(AnswerValue::Series(vec![
            (2022, 10.0),
            (2023, 11.0),
            (2024, 12.0)
        ]))
    );
}

#[test]
fn clearing_an_answer_keeps_the_comments_above_and_beside_it() {
    let dir = with_file(&format!(
        "{BEFORE_TURNOVER}# Checked with HR on 3 March.\nturnover = 12.5   # voluntary leavers only\n"
    ));
    let mut p = Pty::mini(dir.path(), "en", 100, 30);
    p.answer("[8/8 · Governance]", "<\r");
    p.answer("Now: 12.5", ESC);
    p.answer("Menu:", "Clear this answer\r");
    p.expect("Voluntary turnover rate");
    p.prompt();
    save_and_quit(&mut p);
    let text = file(dir.path());
    assert!(!text.contains("turnover ="), "{text}");
    assert!(text.contains("# Checked with HR on 3 March.\n"), "{text}");
    assert!(text.contains("# voluntary leavers only\n"), "{text}");
    assert_eq!(value(dir.path(), "turnover"), None);
}

#[test]
fn evidence_is_entered_one_item_per_line_and_a_semicolon_stays() {
    let dir = with_file(BEFORE_TURNOVER);
    let mut p = Pty::mini(dir.path(), "en", 100, 30);
    p.answer("[7/8 · Social]", ESC);
    p.answer("Menu:", "evidence\r");
    p.answer(
        "Evidence: document names or links, one a line.",
        "https://hr.example/report;year=2024\rexit interviews.xlsx\r\r",
    );
    p.answer("Note:", "\r");
    p.expect("Evidence, 2 item(s): https://hr.example/report;year=2024, exit interviews.xlsx");
    p.prompt();
    save_and_quit(&mut p);
    let g = mini();
    let a = answers(dir.path());
    let e = a.entries[g.question_index("turnover").unwrap()]
        .as_ref()
        .unwrap();
    assert_eq!(
        e.evidence,
        [
            "https://hr.example/report;year=2024",
            "exit interviews.xlsx"
        ]
    );
    assert_eq!(e.state, State::Open);
}

// ---- A calmer screen -------------------------------------------------------------------------

#[test]
fn text_wraps_at_spaces_to_the_terminal_width() {
    // The built-in guideline in Korean at 80 columns: the list's key hints are wider than that.
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(dir.path(), &["assess", "--lang", "ko"], 80, 30);
    p.answer("회사 이름:", "누리소프트\r");
    p.answer("지금 답: 2024", "\r");
    p.expect("증권시장");
    p.expect("Esc 메뉴");
    assert_eq!(p.overflowing_rows(), 0, "{}", p.screen());
    let screen = p.screen();
    for hint in [
        "↑↓ 고르기",
        "Enter 확인",
        "글자를 치면 찾기",
        "? 도움말",
        "< 이전 질문",
        "Esc 메뉴",
    ] {
        assert!(screen.contains(hint), "{hint} is cut:\n{screen}");
    }
    assert!(p.rows().iter().all(|r| r.trim_end().chars().count() <= 80));
    p.send(ESC);
    p.answer("메뉴:", "저장하고 끝내기\r");
    assert_eq!(p.finish().1, 0);
}

#[test]
fn the_review_shows_every_answer_in_full_under_its_section_at_60_columns() {
    let reason = "Offices only: the landlord meters all water and bills it with the rent, \
                  so the firm has no figure of its own for any year";
    let dir = with_file(&format!(
        "{BEFORE_TURNOVER}turnover = 12.5\nboard_women = 2\n"
    ));
    let text = file(dir.path()).replace(
        "water = { 2024 = 100 }",
        &format!("water = {{ not_applicable = \"{reason}\" }}"),
    );
    std::fs::write(dir.path().join("a.toml"), text).unwrap();
    let mut p = Pty::mini(dir.path(), "en", 60, 60);
    p.expect("Choose a question to change, or finish:");
    p.expect("Esc back to the last question");
    assert_eq!(p.overflowing_rows(), 0, "{}", p.screen());
    let screen = p.screen();
    let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(&format!("→ not applicable: {reason}")),
        "{screen}"
    );
    // Each answer under its section's heading, in asking order.
    let at = |needle: &str| {
        flat.find(needle)
            .unwrap_or_else(|| panic!("{needle}:\n{screen}"))
    };
    assert!(at("── Firm profile") < at("Does the firm have a board"));
    assert!(at("Does the firm have a board") < at("── Environment"));
    assert!(at("── Environment") < at("Water use by year"));
    assert!(at("── Social") < at("Voluntary turnover rate → 12.5"));
    assert!(at("── Governance") < at("Number of women on the board → 2"));
    p.send("Save and quit\r");
    assert_eq!(p.finish().1, 0);
}

#[test]
fn resizing_the_terminal_does_not_leave_the_prompt_twice() {
    let dir = with_file(BEFORE_TURNOVER);
    let mut p = Pty::mini(dir.path(), "en", 100, 30);
    p.answer("[7/8 · Social]", "4");
    p.expect("> 4");
    for (cols, rows) in [(50, 30), (70, 20), (100, 30)] {
        p.resize(cols, rows);
        p.expect("[7/8 · Social]");
        p.prompt();
    }
    let screen = p.screen();
    assert_eq!(
        screen.matches("Voluntary turnover rate").count(),
        1,
        "{screen}"
    );
    assert_eq!(screen.matches("[7/8 · Social]").count(), 1, "{screen}");
    assert!(screen.contains("> 4"), "{screen}");
    p.send("2\r");
    p.expect("[8/8 · Governance]");
    p.prompt();
    save_and_quit(&mut p);
    assert_eq!(value(dir.path(), "turnover"), Some(AnswerValue::Num(42.0)));
}

#[test]
fn question_mark_shows_help_in_every_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pty::mini(dir.path(), "en", 140, 40);
    // The firm's name: `?` is help, never the name; Esc opens the same menu as elsewhere.
    p.answer("Firm name:", "?\r");
    p.expect("its registered name will do");
    p.prompt();
    p.send(ESC);
    p.answer("Menu:", "Return\r");
    p.answer("Firm name:", "Acme\r");
    p.answer("Now: 2024", "?\r");
    p.expect("questions about several years count back from it");
    p.prompt();
    p.send("\r");
    // A list: `?` shows the help instead of filtering.
    p.answer("[1/8 · Firm profile]", "?");
    p.expect("This question has no help text.");
    p.prompt();
    p.send("No\r");
    // A series year, and the reason of "not applicable".
    p.answer("2024 (KRW", "?\r");
    p.expect("This question has no help text.");
    p.prompt();
    p.send("1\r\r\r");
    p.answer("[3/7 · Environment]", "None\r");
    p.answer("[4/7 · Environment]", "\r");
    p.answer("[5/7 · Environment]", ESC);
    p.answer("Menu:", "not applicable\r");
    p.answer("Why it does not apply:", "?\r");
    p.expect("The report shows the reason as written.");
    p.prompt();
    p.send("Offices only\r");
    p.expect("[5/6 · Social]");
    p.prompt();
    save_and_quit(&mut p);
    let a = answers(dir.path());
    assert_eq!(a.firm.name, "Acme");
    let g = mini();
    assert_eq!(
        a.entries[g.question_index("water").unwrap()]
            .as_ref()
            .unwrap()
            .state,
        State::NotApplicable("Offices only".into())
    );
}

/// The words of `text` written in Latin letters, escape sequences left out.
fn latin_words(text: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ params final-byte.
            if chars.peek() == Some(&'[') {
                chars.next();
                while let Some(&n) = chars.peek() {
                    chars.next();
                    if ('@'..='~').contains(&n) {
                        break;
                    }
                }
            }
            continue;
        }
        plain.push(c);
    }
    plain
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 1)
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_korean_session_shows_no_english_word_and_no_question_id() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pty::mini(dir.path(), "ko", 100, 40);
    p.answer("회사 이름:", ESC);
    p.answer("메뉴:", ESC);
    p.answer("회사 이름:", "?\r");
    p.prompt();
    p.send("한빛\r");
    p.answer("지금 답: 2024", "\r");
    p.answer("[1/8 · 회사 기본 정보]", "?");
    p.prompt();
    p.send("예\r");
    p.answer("2024 (억원, 0 이상)", "1,5\r");
    p.expect("1.5처럼");
    p.send(&format!("{CTRL_U}12\r"));
    p.answer("2023 (억원", ESC);
    p.answer("메뉴:", "돌아가기\r");
    p.answer("2023 (억원", "\r\r");
    p.answer("[3/8 · 환경]", "ㅋ");
    p.expect("맞는 항목이 없습니다");
    p.prompt();
    p.send(&format!("{BACKSPACE}단기\r"));
    p.answer("[4/8 · 환경]", " \r");
    p.answer("[5/8 · 환경]", ESC);
    p.answer("메뉴:", "검토\r");
    p.answer("고칠 질문을 고르거나 끝내십시오:", "?");
    p.prompt();
    p.send(ESC);
    p.answer("[5/8 · 환경]", ESC);
    p.answer("메뉴:", "저장하고 끝내기\r");
    let (out, code) = p.finish();
    assert_eq!(code, 0, "{out}");
    let allowed = [
        "Enter",
        "Esc",
        "Space",
        "Ctrl",
        "Backspace",
        "mini",
        "toml",
        "esg",
        "assess",
        "answers",
    ];
    let english: Vec<String> = latin_words(&out)
        .into_iter()
        .filter(|w| !allowed.contains(&w.as_str()))
        .collect();
    assert!(english.is_empty(), "{english:?}\n{out}");
    for id in ["has_board", "revenue", "targets", "env_checks", "water"] {
        assert!(!out.contains(id), "{id}\n{out}");
    }
}

#[test]
fn line_editing_keys_edit_the_line() {
    let dir = with_file("has_board = true\n");
    let mut p = Pty::mini(dir.path(), "en", 100, 30);
    // "9 999", Ctrl-W: "9 "; "000", Ctrl-A, "1": "19 000"; Ctrl-E, Ctrl-U: "";
    // "25", Ctrl-A, "1", Ctrl-K: "1"; Ctrl-E, "7": "17".
    p.answer("2024 (KRW", &format!("9 999{CTRL_W}000{CTRL_A}1"));
    p.expect("> 19 000");
    p.send(&format!("{CTRL_E}{CTRL_U}25{CTRL_A}1{CTRL_K}{CTRL_E}7"));
    p.expect("> 17");
    p.send("\r");
    p.answer("2023 (KRW", "\r\r");
    p.expect("[3/8 · Environment]");
    p.prompt();
    save_and_quit(&mut p);
    assert_eq!(
        value(dir.path(), "revenue"),
        Some(AnswerValue::Series(vec![(2024, 17.0)]))
    );
}

#[test]
fn a_long_note_is_shown_shortened_above_the_question() {
    let long = format!(
        "Start of the note. {} End of the note.",
        "Details. ".repeat(60)
    );
    let dir = with_file(&format!(
        "{BEFORE_TURNOVER}\n[answers.turnover]\nnote = \"{long}\"\n"
    ));
    let mut p = Pty::mini(dir.path(), "en", 100, 30);
    p.expect("[7/8 · Social]");
    p.expect("Note: Start of the note.");
    p.prompt();
    let seen = p.seen();
    let row = seen
        .lines()
        .find(|l| l.starts_with("Note: "))
        .expect("the note's row");
    assert!(row.ends_with('…'), "{row}");
    assert!(row.chars().count() < 100, "{row}");
    assert!(!seen.contains("End of the note."), "{seen}");
    save_and_quit(&mut p);
}
