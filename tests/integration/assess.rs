//! `esg assess` driven in a pseudo-terminal, as a person would: whole sessions in Korean and in
//! English, interrupting and killing a session then resuming it, and the message without a terminal.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;

use esg::answers::{AnswerValue, Answers, State};
use esg::guideline::Guideline;
use esg::source::Source;
use expectrl::process::unix::{Signal, WaitStatus};
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Regex};

const DOWN: &str = "\x1b[B";
const ESC: &str = "\x1b";
const BACKSPACE: &str = "\x7f";
const CTRL_C: &str = "\x03";

fn mini_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guidelines/mini")
}

fn mini() -> Guideline {
    esg::guideline::load_dir(&mini_dir()).unwrap()
}

fn command(dir: &Path, args: &[&str]) -> Command {
    crate::common::pty::command(dir, args)
}

/// Starts `esg` in a pseudo-terminal. Every wait is generous: the machine may be busy.
fn spawn(dir: &Path, args: &[&str]) -> OsSession {
    crate::common::pty::spawn_sized(command(dir, args), 120, 40)
}

fn mini_session(dir: &Path, lang: &str) -> OsSession {
    let g = mini_dir();
    spawn(
        dir,
        &[
            "assess",
            "--lang",
            lang,
            "--guideline",
            g.to_str().unwrap(),
            "--answers",
            "a.toml",
        ],
    )
}

/// Waits for `needle`, then types `keys`. A question's header (`[3/8 · 환경]`) is printed
/// before its prompt takes the keyboard, so keys for a question wait for the prompt's key hints too.
fn answer(p: &mut OsSession, needle: &str, keys: &str) {
    if let Err(e) = p.expect(needle) {
        panic!("waiting for {needle:?}: {e}");
    }
    if needle.starts_with('[') && needle.ends_with(']') && !keys.is_empty() {
        if let Err(e) = p.expect(Regex("Esc (menu|메뉴)")) {
            panic!("waiting for the prompt after {needle:?}: {e}");
        }
    }
    p.send(keys).unwrap();
}

/// Reads to the end of the output and returns it (without carriage returns) and the exit code.
fn finish(p: &mut OsSession) -> (String, i32) {
    let out = p.expect(Eof).expect("esg ends");
    let text = String::from_utf8_lossy(out.as_bytes()).replace('\r', "");
    match p.get_process().wait().unwrap() {
        WaitStatus::Exited(_, code) => (text, code),
        other => panic!("esg did not exit normally: {other:?}"),
    }
}

fn read_answers(g: &Guideline, path: &Path) -> Answers {
    let text = std::fs::read_to_string(path).unwrap();
    toml::from_str::<toml::Table>(&text).expect("the answers file is valid TOML");
    esg::answers::parse(&Source::new("a.toml", text), g).expect("the answers file checks")
}

fn value<'a>(g: &Guideline, a: &'a Answers, id: &str) -> Option<&'a AnswerValue> {
    a.value(g.question_index(id).unwrap())
}

fn answered(a: &Answers) -> usize {
    a.entries
        .iter()
        .flatten()
        .filter(|e| !matches!(e.state, State::Open))
        .count()
}

/// Only the answers file is left: no temporary file from the atomic writes.
fn only_answers_file(dir: &Path) {
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.toml"]);
}

fn score_report(dir: &Path, lang: &str) -> String {
    let out = command(dir, &["score", "a.toml", "--lang", lang, "--guideline"])
        .arg(mini_dir())
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn english_session_with_back_invalid_number_not_applicable_skip_and_review() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = mini_session(dir.path(), "en");
    answer(&mut p, "Firm name:", "Acme Ltd\r");
    answer(&mut p, "Now: 2024", "\r");
    answer(&mut p, "[1/8 · Firm profile]", "");
    answer(&mut p, "Does the firm have a board of directors?", "No\r");
    // has_board = no: the board question is no longer counted.
    answer(&mut p, "[2/7 · Firm profile]", "");
    answer(&mut p, "2024 (KRW 100 million, at least 0)", "10\r");
    answer(&mut p, "2023 (KRW 100 million, at least 0)", "9.5\r");
    answer(&mut p, "2022 (KRW 100 million, at least 0)", "\r");
    // Skip a question from the menu.
    answer(&mut p, "[3/7 · Environment]", ESC);
    answer(&mut p, "Menu:", "Skip for now\r");
    answer(&mut p, "[4/7 · Environment]", &format!(" {DOWN} \r"));
    // Not applicable, with a reason.
    answer(&mut p, "[5/7 · Environment]", "");
    answer(&mut p, "2024 (m3, at least 0)", ESC);
    answer(&mut p, "Menu:", "not applicable\r");
    answer(
        &mut p,
        "Why it does not apply:",
        "Offices only, no process water\r",
    );
    // water is not applicable: the trend per revenue does not apply, so revenue no longer counts.
    answer(&mut p, "[5/6 · Social]", "Yes\r");
    // A number out of bounds is refused with a message and asked again.
    answer(&mut p, "[6/6 · Social]", "150\r");
    answer(
        &mut p,
        "150 % is too large: it must be at most 100 %",
        &format!("{BACKSPACE}{BACKSPACE}{BACKSPACE}<\r"),
    );
    // `<` went back: change the policy answer.
    answer(&mut p, "[5/6 · Social]", "No\r");
    answer(&mut p, "[6/6 · Social]", "12.5\r");
    // The review lists the skipped question first; answer it from there.
    answer(&mut p, "Review: 5 of 6 questions answered.", "");
    answer(&mut p, "The 1 unanswered questions are at the top", "");
    answer(
        &mut p,
        "2. Does the firm have environmental targets?\r\n     → unanswered",
        &format!("{DOWN}\r"),
    );
    answer(&mut p, "[2/6 · Environment]", "Mid\r");
    answer(&mut p, "Review: 6 of 6 questions answered.", "");
    answer(&mut p, "✔ Finish and show the report", "\r");
    let (out, code) = finish(&mut p);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Answers saved in a.toml."), "{out}");
    // The same report as `esg score`.
    let report = score_report(dir.path(), "en");
    assert!(report.contains("Total"), "{report}");
    assert!(out.contains(&report), "{out}\n---\n{report}");

    let g = mini();
    let a = read_answers(&g, &dir.path().join("a.toml"));
    assert_eq!(a.firm.name, "Acme Ltd");
    assert_eq!(a.firm.reporting_year, Some(2024));
    assert_eq!(value(&g, &a, "has_board"), Some(&AnswerValue::Bool(false)));
    assert_eq!(
        value(&g, &a, "revenue"),
        Some(&AnswerValue::Series(vec![(2023, 9.5), (2024, 10.0)]))
    );
    assert_eq!(value(&g, &a, "targets"), Some(&AnswerValue::Choice(2)));
    assert_eq!(
        value(&g, &a, "env_checks"),
        Some(&AnswerValue::Multi(vec![0, 1]))
    );
    let water = a.entries[g.question_index("water").unwrap()]
        .as_ref()
        .unwrap();
    assert_eq!(
        water.state,
        State::NotApplicable("Offices only, no process water".into())
    );
    assert_eq!(value(&g, &a, "policy"), Some(&AnswerValue::Bool(false)));
    assert_eq!(value(&g, &a, "turnover"), Some(&AnswerValue::Num(12.5)));
    assert_eq!(value(&g, &a, "board_women"), None);
    only_answers_file(dir.path());
}

#[test]
fn korean_session_with_menu_back_not_applicable_and_a_change_from_the_review() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = mini_session(dir.path(), "ko");
    answer(&mut p, "회사 이름:", "한빛정밀(주)\r");
    answer(&mut p, "지금 답: 2024", "2023\r");
    answer(&mut p, "[1/8 · 회사 기본 정보]", "");
    answer(&mut p, "이사회가 있습니까?", "예\r");
    answer(&mut p, "[2/8 · 회사 기본 정보]", "");
    answer(&mut p, "2023 (억원, 0 이상)", "20\r");
    answer(&mut p, "2022 (억원, 0 이상)", "18\r");
    answer(&mut p, "2021 (억원, 0 이상)", "16\r");
    answer(&mut p, "[3/8 · 환경]", "단기\r");
    // Back through the menu, and the previous answer is offered again.
    answer(&mut p, "[4/8 · 환경]", ESC);
    answer(&mut p, "메뉴:", "이전 질문\r");
    answer(&mut p, "[3/8 · 환경]", "중장기\r");
    answer(&mut p, "[4/8 · 환경]", "\r");
    answer(&mut p, "[5/8 · 환경]", "");
    answer(&mut p, "2023 (㎥, 0 이상)", ESC);
    answer(&mut p, "메뉴:", "해당 없음\r");
    // An empty reason is refused.
    answer(&mut p, "해당 없는 이유:", "\r");
    answer(
        &mut p,
        "해당 없는 이유를 적어 주십시오",
        "공정용수를 쓰지 않음\r",
    );
    // water is not applicable: the trend per revenue does not apply, so revenue no longer counts.
    answer(&mut p, "[5/7 · 사회]", "예\r");
    answer(&mut p, "[6/7 · 사회]", "abc\r");
    answer(
        &mut p,
        "숫자가 아닙니다: abc",
        &format!("{BACKSPACE}{BACKSPACE}{BACKSPACE}7\r"),
    );
    answer(&mut p, "[7/7 · 지배구조]", "1.5\r");
    answer(
        &mut p,
        "1.5: 소수점 없는 정수를 입력하십시오.",
        &format!("{BACKSPACE}{BACKSPACE}{BACKSPACE}2\r"),
    );
    // Change an answer from the review, then finish.
    answer(&mut p, "검토: 질문 7개 가운데 7개에 답했습니다.", "");
    answer(&mut p, "6. 자발적 이직률\r\n     → 7%", "이직률\r");
    answer(
        &mut p,
        "[6/7 · 사회]",
        &format!("{BACKSPACE}{BACKSPACE}{BACKSPACE}25\r"),
    );
    answer(&mut p, "검토: 질문 7개 가운데 7개에 답했습니다.", "");
    answer(&mut p, "✔ 끝내고 보고서 보기", "");
    answer(&mut p, "6. 자발적 이직률\r\n     → 25%", "끝내고\r");
    let (out, code) = finish(&mut p);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("답변을 a.toml에 저장했습니다."), "{out}");
    let report = score_report(dir.path(), "ko");
    assert!(out.contains(&report), "{out}\n---\n{report}");

    let g = mini();
    let a = read_answers(&g, &dir.path().join("a.toml"));
    assert_eq!(a.firm.name, "한빛정밀(주)");
    assert_eq!(a.firm.reporting_year, Some(2023));
    assert_eq!(
        value(&g, &a, "revenue"),
        Some(&AnswerValue::Series(vec![
            (2021, 16.0),
            (2022, 18.0),
            (2023, 20.0)
        ]))
    );
    assert_eq!(value(&g, &a, "targets"), Some(&AnswerValue::Choice(2)));
    assert_eq!(
        value(&g, &a, "env_checks"),
        Some(&AnswerValue::Multi(vec![]))
    );
    assert_eq!(value(&g, &a, "turnover"), Some(&AnswerValue::Num(25.0)));
    assert_eq!(value(&g, &a, "board_women"), Some(&AnswerValue::Num(2.0)));
    assert_eq!(answered(&a), 8);
    only_answers_file(dir.path());
}

/// Answers the first three questions of the mini guideline in English and waits for the fourth.
fn three_answers(p: &mut OsSession) {
    answer(p, "Firm name:", "Acme\r");
    answer(p, "Now: 2024", "\r");
    answer(p, "[1/8 · Firm profile]", "Yes\r");
    answer(p, "2024 (KRW", "12\r");
    answer(p, "2023 (KRW", "11\r");
    answer(p, "2022 (KRW", "10\r");
    answer(p, "[3/8 · Environment]", "Short\r");
    p.expect("[4/8 · Environment]").unwrap();
    p.expect("Tick all that apply").unwrap();
    p.expect("Esc menu").unwrap();
}

fn check_three_saved_then_resume(dir: &Path) {
    let g = mini();
    let a = read_answers(&g, &dir.join("a.toml"));
    assert_eq!(answered(&a), 3);
    assert_eq!(value(&g, &a, "has_board"), Some(&AnswerValue::Bool(true)));
    assert_eq!(
        value(&g, &a, "revenue"),
        Some(&AnswerValue::Series(vec![
            (2022, 10.0),
            (2023, 11.0),
            (2024, 12.0)
        ]))
    );
    assert_eq!(value(&g, &a, "targets"), Some(&AnswerValue::Choice(1)));
    only_answers_file(dir);

    // Resuming starts at question 4, and Esc -> "Save and quit" ends cleanly.
    let mut p = mini_session(dir, "en");
    answer(&mut p, "Resuming the answers in a.toml", "");
    answer(&mut p, "[4/8 · Environment]", ESC);
    answer(&mut p, "Menu:", "Save and quit\r");
    let (out, code) = finish(&mut p);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "Saved. 3 answers are saved in a.toml. To resume: esg assess --answers a.toml"
        ),
        "{out}"
    );
    assert!(!out.contains("Firm name:"), "{out}");
}

#[test]
fn ctrl_c_saves_what_is_answered_exits_130_and_resumes_at_the_next_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = mini_session(dir.path(), "en");
    three_answers(&mut p);
    p.send(CTRL_C).unwrap();
    let (out, code) = finish(&mut p);
    assert_eq!(code, 130, "{out}");
    assert!(
        out.contains(
            "Interrupted. 3 answers are saved in a.toml. To resume: esg assess --answers a.toml"
        ),
        "{out}"
    );
    check_three_saved_then_resume(dir.path());
}

#[test]
fn a_killed_session_loses_no_answer_and_resumes_at_the_next_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = mini_session(dir.path(), "en");
    three_answers(&mut p);
    p.get_process_mut().kill(Signal::SIGKILL).unwrap();
    drop(p);
    check_three_saved_then_resume(dir.path());
}

#[test]
fn resuming_a_hand_commented_file_keeps_its_comments() {
    let dir = tempfile::tempdir().unwrap();
    let original = "\
# Acme's self-check, kept by the office manager.
[guideline]
id = \"mini\"

[firm]
name = \"Acme\"   # legal name
reporting_year = 2024

[answers]
# Asked the CEO on 3 March.
has_board = true   # three directors
revenue = { 2023 = 11, 2024 = 12 }  # from the audited accounts
";
    std::fs::write(dir.path().join("a.toml"), original).unwrap();
    let mut p = mini_session(dir.path(), "en");
    answer(&mut p, "[3/8 · Environment]", "None\r");
    // Go back to the profile and change an answer that has a comment.
    answer(&mut p, "[4/8 · Environment]", ESC);
    answer(&mut p, "Menu:", "Back to the previous\r");
    answer(&mut p, "[3/8 · Environment]", ESC);
    answer(&mut p, "Menu:", "Back to the previous\r");
    answer(&mut p, "[2/8 · Firm profile]", "");
    answer(&mut p, "2024 (KRW", &format!("{BACKSPACE}{BACKSPACE}13\r"));
    answer(&mut p, "2023 (KRW", "\r");
    answer(&mut p, "2022 (KRW", "10\r");
    answer(&mut p, "[3/8 · Environment]", ESC);
    answer(&mut p, "Menu:", "Save and quit\r");
    let (out, code) = finish(&mut p);
    assert_eq!(code, 0, "{out}");
    let text = std::fs::read_to_string(dir.path().join("a.toml")).unwrap();
    assert_eq!(
        text,
        "\
# Acme's self-check, kept by the office manager.
[guideline]
id = \"mini\"

[firm]
name = \"Acme\"   # legal name
reporting_year = 2024

[answers]
# Asked the CEO on 3 March.
has_board = true   # three directors
revenue = { 2022 = 10, 2023 = 11, 2024 = 13 }  # from the audited accounts
targets = \"none\"
"
    );
}

#[test]
fn built_in_guideline_smoke_session_in_korean() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = spawn(dir.path(), &["assess", "--lang", "ko"]);
    answer(&mut p, "답은 answers.toml에 답할 때마다 저장됩니다.", "");
    answer(&mut p, "회사 이름:", "누리소프트\r");
    answer(&mut p, "지금 답: 2024", "\r");
    // Each question shows its prompt, never its id.
    answer(&mut p, "· 회사 기본 정보]", "");
    answer(&mut p, "증권시장", "아니요\r");
    answer(&mut p, "회사의 자본금은 얼마입니까?", "");
    answer(&mut p, "Esc 메뉴", ESC);
    answer(&mut p, "메뉴:", "? 도움말\r");
    answer(&mut p, "등기부등본", "");
    answer(&mut p, "회사의 자본금은 얼마입니까?", "");
    answer(&mut p, "Esc 메뉴", ESC);
    answer(&mut p, "메뉴:", "저장하고 끝내기\r");
    let (out, code) = finish(&mut p);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("paid_in_capital"), "{out}");
    assert!(
        out.contains("답 1개가 answers.toml에 저장되어 있습니다"),
        "{out}"
    );
    let text = std::fs::read_to_string(dir.path().join("answers.toml")).unwrap();
    assert!(text.contains("id = \"k-esg-sme\""), "{text}");
    assert!(text.contains("listed = false"), "{text}");
}

#[test]
fn without_a_terminal_it_points_to_init_and_score_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = command(
        dir.path(),
        &["assess", "--lang", "en", "--answers", "new.toml"],
    )
    .stdin(std::process::Stdio::null())
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("its input or output is not a terminal"),
        "{err}"
    );
    assert!(err.contains("esg init -o new.toml"), "{err}");
    assert!(err.contains("esg score new.toml"), "{err}");
    assert!(!dir.path().join("new.toml").exists());
}

#[test]
fn a_broken_answers_file_is_reported_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "[guideline]\nid = \"mini\"\n[firm]\nname = \"A\"\n[answers]\nturnover = 150\n";
    std::fs::write(dir.path().join("a.toml"), bad).unwrap();
    let out = command(
        dir.path(),
        &[
            "assess",
            "--lang",
            "en",
            "--answers",
            "a.toml",
            "--guideline",
        ],
    )
    .arg(mini_dir())
    .stdin(std::process::Stdio::null())
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("a.toml:6:12"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.toml")).unwrap(),
        bad
    );
}

#[test]
fn text_from_the_answers_file_is_shown_with_its_control_characters_visible() {
    let dir = tempfile::tempdir().unwrap();
    let worked = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/answers/mini-worked.toml"),
    )
    .unwrap();
    // Every question answered, so the review opens and lists every answer; the reason for
    // `water` would clear the screen and open a hidden link if printed as it is.
    let hostile = format!(
        "{worked}water = {{ not_applicable = \"none\\u001B[2J\\u001B]8;;http://evil.example\\u0007here\" }}\n"
    );
    std::fs::write(dir.path().join("a.toml"), hostile).unwrap();
    let mut p = mini_session(dir.path(), "en");
    answer(&mut p, "Choose a question to change", CTRL_C);
    let (out, code) = finish(&mut p);
    assert_eq!(code, 130, "{out}");
    assert!(
        out.contains("none␛[2J␛]8;;http://evil.example␇here"),
        "{out}"
    );
    assert!(!out.contains("\x1b[2J"), "{out}");
    assert!(!out.contains("\x1b]8;;http://evil"), "{out}");
}
