//! The prompts of `esg assess`: one per kind of question, the menu behind Esc, and the review.

use inquire::validator::Validation;
use inquire::{InquireError, MultiSelect, Select, Text};
use unicode_width::UnicodeWidthChar;

use super::{Saver, Stop};
use crate::answers::{AnswerValue, State};
use crate::assess::{Session, input};
use crate::cli::note;
use crate::guideline::{Question, QuestionKind};
use crate::text::Lang;
use crate::text::visible;
use crate::tr;

/// What the person did at a question.
enum Outcome {
    Answer(State),
    /// The state is already recorded (a series, year by year): move on.
    Advance,
    Skip,
    Back,
    Help,
    Menu,
}

/// An inquire result: `Ok(None)` for Esc, `Err` for Ctrl-C or a failed terminal.
fn esc<T>(r: Result<T, InquireError>) -> Result<Option<T>, Stop> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(InquireError::OperationCanceled) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

fn text_keys(lang: Lang) -> &'static str {
    lang.pick(
        "Enter 확인 · 빈 칸 Enter 건너뛰기 · ? 도움말 · < 이전 질문 · Esc 메뉴",
        "Enter to confirm · empty Enter skips · ? help · < back · Esc menu",
    )
}

fn list_keys(lang: Lang) -> &'static str {
    lang.pick(
        "↑↓ 고르기 · Enter 확인 · 글자를 치면 찾기 · Esc 메뉴 (이전 질문, 도움말, 건너뛰기…)",
        "↑↓ move · Enter choose · type to filter · Esc menu (back, help, skip…)",
    )
}

fn multi_keys(lang: Lang) -> &'static str {
    lang.pick(
        "Space 선택·해제 · Enter 확인 (하나도 없으면 그대로 Enter) · Esc 메뉴 (이전 질문, 도움말, 건너뛰기…)",
        "Space tick/untick · Enter confirm (none ticked is an answer too) · Esc menu (back, help, skip…)",
    )
}

fn yes_no(lang: Lang) -> Vec<String> {
    vec![
        lang.pick("예", "Yes").to_owned(),
        lang.pick("아니요", "No").to_owned(),
    ]
}

pub(super) fn firm_name(
    lang: Lang,
    s: &mut Session<'_>,
    saver: &mut Saver<'_>,
) -> Result<(), Stop> {
    let validator = move |t: &str| {
        Ok(match input::text(t, lang) {
            Ok(_) => Validation::Valid,
            Err(m) => Validation::Invalid(m.into()),
        })
    };
    let name = esc(Text::new(lang.pick("회사 이름:", "Firm name:"))
        .with_validator(validator)
        .prompt())?;
    if let Some(name) = name {
        s.set_firm_name(&name);
        saver.save(s.answers(), None)?;
    }
    Ok(())
}

pub(super) fn reporting_year(
    lang: Lang,
    s: &mut Session<'_>,
    saver: &mut Saver<'_>,
) -> Result<(), Stop> {
    let default = s.default_reporting_year().to_string();
    let validator = move |t: &str| {
        let t = t.trim();
        Ok(
            if t == "<"
                || t.parse::<i32>()
                    .is_ok_and(|y| crate::answers::YEARS.contains(&y))
            {
                Validation::Valid
            } else {
                Validation::Invalid(
                    lang.pick(
                        "2024처럼 1900에서 2100 사이의 연도를 입력하십시오.",
                        "type a year between 1900 and 2100, such as 2024",
                    )
                    .into(),
                )
            },
        )
    };
    let year = esc(Text::new(lang.pick(
        "수치를 적을 기준 연도 (보통 지난해):",
        "Reporting year, the year your figures describe (usually last year):",
    ))
    .with_default(&default)
    .with_validator(validator)
    .with_help_message(lang.pick("Enter 확인 · < 이전", "Enter to confirm · < back"))
    .prompt())?;
    match year.as_deref().map(str::trim) {
        None | Some("<") => {
            s.back();
        }
        Some(y) => {
            s.set_reporting_year(y.parse().unwrap_or_else(|_| s.default_reporting_year()));
            saver.save(s.answers(), None)?;
        }
    }
    Ok(())
}

fn header(lang: Lang, s: &Session<'_>, q: usize) {
    // Progress, section and what is left: the prompt that follows names the question in words.
    let progress = s.progress(q, lang);
    note!("\n[{progress}] {}", progress.remaining);
    if let Some(e) = &s.answers().entries[q] {
        if let State::NotApplicable(reason) = &e.state {
            note!(
                "{}",
                tr!(
                    lang,
                    "지금 답: 해당 없음 — {}",
                    "Now: not applicable — {}",
                    visible(reason)
                )
            );
        }
        if !e.evidence.is_empty() || e.note.is_some() {
            note!(
                "{}",
                tr!(
                    lang,
                    "근거 자료 {}건{}",
                    "evidence: {} item(s){}",
                    e.evidence.len(),
                    e.note
                        .as_ref()
                        .map(|n| format!(" · {}", visible(n)))
                        .unwrap_or_default()
                )
            );
        }
    }
}

fn show_help(lang: Lang, q: &Question) {
    match &q.help {
        Some(h) => note!("\n{}\n", visible_lines(h.show(lang))),
        None => note!(
            "\n{}\n",
            lang.pick(
                "이 질문에는 도움말이 없습니다.",
                "This question has no help text."
            )
        ),
    }
}

/// Asks question `q` once, and acts on what the person did.
pub(super) fn question(
    lang: Lang,
    s: &mut Session<'_>,
    saver: &mut Saver<'_>,
    q: usize,
) -> Result<(), Stop> {
    header(lang, s, q);
    let question = &s.guideline().questions[q];
    let outcome = match question.kind {
        QuestionKind::YesNo | QuestionKind::Choice => choice(lang, s, q)?,
        QuestionKind::Multi => multi(lang, s, q)?,
        QuestionKind::Number | QuestionKind::Integer | QuestionKind::Text => typed(lang, s, q)?,
        QuestionKind::Series => series(lang, s, saver, q)?,
    };
    match outcome {
        Outcome::Answer(state) => {
            s.answer(Some(state));
            saver.save(s.answers(), Some(q))?;
        }
        Outcome::Advance | Outcome::Skip => s.skip(),
        Outcome::Back => back(lang, s),
        Outcome::Help => show_help(lang, question),
        Outcome::Menu => menu(lang, s, saver, q)?,
    }
    Ok(())
}

fn back(lang: Lang, s: &mut Session<'_>) {
    if !s.back() {
        note!(
            "{}",
            lang.pick("첫 질문입니다.", "This is the first question.")
        );
    }
}

fn choice(lang: Lang, s: &Session<'_>, q: usize) -> Result<Outcome, Stop> {
    let question = &s.guideline().questions[q];
    let labels: Vec<String> = if question.kind == QuestionKind::YesNo {
        yes_no(lang)
    } else {
        question
            .options
            .iter()
            .map(|o| o.text.show(lang).to_owned())
            .collect()
    };
    let cursor = match s.answers().value(q) {
        Some(AnswerValue::Bool(b)) => usize::from(!*b),
        Some(AnswerValue::Choice(i)) => *i,
        _ => 0,
    };
    let picked = esc(Select::new(question.prompt.show(lang), labels)
        .with_starting_cursor(cursor)
        .with_help_message(list_keys(lang))
        .with_page_size(12)
        .raw_prompt())?;
    Ok(match picked {
        None => Outcome::Menu,
        Some(o) if question.kind == QuestionKind::YesNo => {
            Outcome::Answer(State::Value(AnswerValue::Bool(o.index == 0)))
        }
        Some(o) => Outcome::Answer(State::Value(AnswerValue::Choice(o.index))),
    })
}

fn multi(lang: Lang, s: &Session<'_>, q: usize) -> Result<Outcome, Stop> {
    let question = &s.guideline().questions[q];
    let labels: Vec<String> = question
        .options
        .iter()
        .map(|o| o.text.show(lang).to_owned())
        .collect();
    let ticked = match s.answers().value(q) {
        Some(AnswerValue::Multi(items)) => items.clone(),
        _ => Vec::new(),
    };
    let picked = esc(MultiSelect::new(question.prompt.show(lang), labels)
        .with_default(&ticked)
        .with_help_message(multi_keys(lang))
        .with_page_size(12)
        .raw_prompt())?;
    Ok(match picked {
        None => Outcome::Menu,
        Some(options) => {
            let mut items: Vec<usize> = options.iter().map(|o| o.index).collect();
            items.sort_unstable();
            Outcome::Answer(State::Value(AnswerValue::Multi(items)))
        }
    })
}

fn raw_number(n: f64) -> String {
    format!("{n}")
}

fn typed(lang: Lang, s: &Session<'_>, q: usize) -> Result<Outcome, Stop> {
    let question = &s.guideline().questions[q];
    let initial = match s.answers().value(q) {
        Some(AnswerValue::Num(n)) => raw_number(*n),
        Some(AnswerValue::Text(t)) => t.clone(),
        _ => String::new(),
    };
    let is_text = question.kind == QuestionKind::Text;
    let check = input::NumberInput::of(question, lang);
    let validator = move |t: &str| {
        let t = t.trim();
        if t.is_empty() || t == "?" || t == "<" || is_text {
            return Ok(Validation::Valid);
        }
        Ok(match check.parse(t) {
            Ok(_) => Validation::Valid,
            Err(m) => Validation::Invalid(m.into()),
        })
    };
    let hint = input::hint(question, lang);
    let message = if hint.is_empty() {
        question.prompt.show(lang).to_owned()
    } else {
        format!("{} {hint}", question.prompt.show(lang))
    };
    let typed = esc(Text::new(&message)
        .with_initial_value(&initial)
        .with_validator(validator)
        .with_help_message(text_keys(lang))
        .prompt())?;
    let Some(typed) = typed else {
        return Ok(Outcome::Menu);
    };
    Ok(match typed.trim() {
        "" => Outcome::Skip,
        "?" => Outcome::Help,
        "<" => Outcome::Back,
        t if is_text => Outcome::Answer(State::Value(AnswerValue::Text(t.to_owned()))),
        t => match input::number(question, t, lang) {
            Ok(n) => Outcome::Answer(State::Value(AnswerValue::Num(n))),
            Err(_) => Outcome::Skip,
        },
    })
}

/// A series, one year at a time, latest first, each year saved as it is typed.
fn series(
    lang: Lang,
    s: &mut Session<'_>,
    saver: &mut Saver<'_>,
    q: usize,
) -> Result<Outcome, Stop> {
    let guideline = s.guideline();
    let question = &guideline.questions[q];
    note!("{}", visible(question.prompt.show(lang)));
    note!("{}", s.series_note(q, lang));
    let hint = input::hint(question, lang);
    let years = s.series_years(q);
    let mut points = match s.answers().value(q) {
        Some(AnswerValue::Series(p)) => p.clone(),
        _ => Vec::new(),
    };
    let mut i = 0;
    while i < years.len() {
        let year = years[i];
        let initial = points
            .iter()
            .find(|p| p.0 == year)
            .map(|p| raw_number(p.1))
            .unwrap_or_default();
        let check = input::NumberInput::of(question, lang);
        let validator = move |t: &str| {
            let t = t.trim();
            if t.is_empty() || t == "?" || t == "<" {
                return Ok(Validation::Valid);
            }
            Ok(match check.parse(t) {
                Ok(_) => Validation::Valid,
                Err(m) => Validation::Invalid(m.into()),
            })
        };
        let message = format!("  {year} {hint}");
        let keys = lang.pick(
            "Enter 확인 · 모르는 연도는 빈 칸 Enter · ? 도움말 · < 이전 · Esc 메뉴",
            "Enter to confirm · empty Enter leaves the year out · ? help · < back · Esc menu",
        );
        let typed = esc(Text::new(message.trim_end())
            .with_initial_value(&initial)
            .with_validator(validator)
            .with_help_message(keys)
            .prompt())?;
        let Some(typed) = typed else {
            return Ok(Outcome::Menu);
        };
        match typed.trim() {
            "?" => {
                show_help(lang, question);
                continue;
            }
            "<" if i == 0 => return Ok(Outcome::Back),
            "<" => {
                i -= 1;
                continue;
            }
            "" => points.retain(|p| p.0 != year),
            t => {
                let n = input::number(question, t, lang)
                    .map_err(|m| Stop::Failed(anyhow::anyhow!(m)))?;
                points.retain(|p| p.0 != year);
                points.push((year, n));
                points.sort_by_key(|p| p.0);
            }
        }
        let state = (!points.is_empty()).then(|| State::Value(AnswerValue::Series(points.clone())));
        let unchanged = s.answers().entries[q].as_ref().map(|e| &e.state) == state.as_ref();
        if !unchanged {
            s.set_state(q, state);
            saver.save(s.answers(), Some(q))?;
        }
        i += 1;
    }
    Ok(Outcome::Advance)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Back,
    Help,
    NotApplicable,
    Skip,
    Clear,
    Extras,
    Review,
    Quit,
    Return,
}

impl Action {
    fn label(self, lang: Lang) -> &'static str {
        match self {
            Action::Back => lang.pick("← 이전 질문으로", "← Back to the previous question"),
            Action::Help => lang.pick("? 도움말 보기", "? Show the help"),
            Action::NotApplicable => lang.pick(
                "해당 없음으로 표시 (이유 적기)",
                "Mark as not applicable (with a reason)",
            ),
            Action::Skip => lang.pick("건너뛰기 (나중에 답하기)", "Skip for now (answer later)"),
            Action::Clear => lang.pick("이 답 지우기", "Clear this answer"),
            Action::Extras => lang.pick("근거 자료·메모 달기", "Add evidence or a note"),
            Action::Review => lang.pick("답 검토하기", "Review the answers"),
            Action::Quit => lang.pick("저장하고 끝내기", "Save and quit"),
            Action::Return => lang.pick("질문으로 돌아가기", "Return to the question"),
        }
    }
}

fn menu(lang: Lang, s: &mut Session<'_>, saver: &mut Saver<'_>, q: usize) -> Result<(), Stop> {
    let question = &s.guideline().questions[q];
    let answered = s.answers().entries[q]
        .as_ref()
        .is_some_and(|e| e.state != State::Open);
    let actions: Vec<Action> = [
        Action::Back,
        Action::Help,
        Action::NotApplicable,
        Action::Skip,
        Action::Clear,
        Action::Extras,
        Action::Review,
        Action::Quit,
        Action::Return,
    ]
    .into_iter()
    .filter(|a| match a {
        Action::Help => question.help.is_some(),
        Action::NotApplicable => question.allow_na,
        Action::Clear => answered,
        _ => true,
    })
    .collect();
    let labels: Vec<&str> = actions.iter().map(|a| a.label(lang)).collect();
    let picked = esc(Select::new(lang.pick("메뉴:", "Menu:"), labels)
        .with_help_message(list_keys(lang))
        .with_page_size(12)
        .raw_prompt())?;
    let Some(picked) = picked else {
        return Ok(());
    };
    match actions[picked.index] {
        Action::Back => back(lang, s),
        Action::Help => show_help(lang, question),
        Action::NotApplicable => {
            let validator = move |t: &str| {
                Ok(match input::reason(t, lang) {
                    Ok(_) => Validation::Valid,
                    Err(m) => Validation::Invalid(m.into()),
                })
            };
            let reason = esc(
                Text::new(lang.pick("해당 없는 이유:", "Why it does not apply:"))
                    .with_validator(validator)
                    .prompt(),
            )?;
            if let Some(reason) = reason {
                s.answer(Some(State::NotApplicable(reason.trim().to_owned())));
                saver.save(s.answers(), Some(q))?;
            }
        }
        Action::Skip => s.skip(),
        Action::Clear => {
            s.set_state(q, None);
            saver.save(s.answers(), Some(q))?;
        }
        Action::Extras => extras(lang, s, saver, q)?,
        Action::Review => s.review(),
        Action::Quit => return Err(Stop::Quit),
        Action::Return => {}
    }
    Ok(())
}

fn extras(lang: Lang, s: &mut Session<'_>, saver: &mut Saver<'_>, q: usize) -> Result<(), Stop> {
    let (evidence, note) = s.answers().entries[q]
        .as_ref()
        .map(|e| (e.evidence.join("; "), e.note.clone().unwrap_or_default()))
        .unwrap_or_default();
    let Some(evidence) = esc(Text::new(lang.pick(
        "근거 자료 (문서 이름이나 링크, 여러 개는 ;로 구분):",
        "Evidence (document names or links, separated by ;):",
    ))
    .with_initial_value(&evidence)
    .prompt())?
    else {
        return Ok(());
    };
    let Some(note) = esc(Text::new(lang.pick("메모:", "Note:"))
        .with_initial_value(&note)
        .prompt())?
    else {
        return Ok(());
    };
    let note = note.trim();
    s.set_extras(
        q,
        input::evidence(&evidence),
        (!note.is_empty()).then(|| note.to_owned()),
    );
    saver.save(s.answers(), Some(q))
}

/// Cuts `text` to `max` columns.
fn clip(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > max.saturating_sub(1) {
            out.push('…');
            return out;
        }
        w += cw;
        out.push(c);
    }
    out
}

/// The review: every question asked with its answer, unanswered ones first. `Ok(true)` finishes.
pub(super) fn review(lang: Lang, s: &mut Session<'_>) -> Result<bool, Stop> {
    let list = s.review_list();
    let open = s.unanswered().len();
    let cols = usize::from(super::width()).saturating_sub(8);
    note!(
        "\n{}",
        tr!(
            lang,
            "검토: 질문 {}개 가운데 {}개에 답했습니다.",
            "Review: {1} of {0} questions answered.",
            list.len(),
            list.len() - open
        )
    );
    if open > 0 {
        note!(
            "{}",
            tr!(
                lang,
                "답하지 않은 질문 {}개가 맨 위에 있습니다. 고르면 바로 답할 수 있습니다.",
                "The {} unanswered questions are at the top; choose one to answer it.",
                open
            )
        );
    }
    let guideline = s.guideline();
    let finish = if open == 0 {
        lang.pick("✔ 끝내고 보고서 보기", "✔ Finish and show the report")
            .to_owned()
    } else {
        tr!(
            lang,
            "✔ 끝내고 보고서 보기 (답하지 않은 {}개는 0점으로 계산)",
            "✔ Finish and show the report ({} unanswered count as 0 points)",
            open
        )
    };
    let mut labels = vec![finish];
    for &q in &list {
        let question = &guideline.questions[q];
        let answer = match s.answers().entries[q].as_ref().map(|e| &e.state) {
            Some(State::Value(v)) => crate::score::show_answer(question, v, lang),
            Some(State::NotApplicable(r)) => {
                tr!(lang, "해당 없음: {}", "not applicable: {}", r)
            }
            _ => lang.pick("— 답하지 않음", "— unanswered").to_owned(),
        };
        let line = format!(
            "{}. {} → {answer}",
            s.progress(q, lang).number,
            question.prompt.show(lang)
        );
        labels.push(clip(&visible(&line), cols));
    }
    labels.push(lang.pick("저장하고 끝내기", "Save and quit").to_owned());
    let picked = esc(Select::new(
        lang.pick(
            "고칠 질문을 고르거나 끝내십시오:",
            "Choose a question to change, or finish:",
        ),
        labels,
    )
    .with_help_message(lang.pick(
        "↑↓ 고르기 · Enter 확인 · 글자를 치면 찾기 · Esc 마지막 질문으로",
        "↑↓ move · Enter choose · type to filter · Esc back to the last question",
    ))
    .with_page_size(15)
    .raw_prompt())?;
    match picked.map(|p| p.index) {
        None => {
            back(lang, s);
            Ok(false)
        }
        Some(0) => Ok(true),
        Some(i) if i > list.len() => Err(Stop::Quit),
        Some(i) => {
            s.edit(list[i - 1]);
            Ok(false)
        }
    }
}

/// Text of several lines with each line's control characters shown visibly.
fn visible_lines(text: &str) -> String {
    text.lines().map(visible).collect::<Vec<_>>().join("\n")
}
