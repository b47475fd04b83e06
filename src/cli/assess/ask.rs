//! The prompts of `esg assess`: one per kind of question, the menu behind Esc, and the review.

use super::term::{Ask, Choose, Item, Lines, Look, Reply, clip, say, size};
use super::{Saver, Stop};
use crate::answers::{AnswerValue, Cell, State};
use crate::assess::{Session, input};
use crate::guideline::{Question, QuestionKind};
use crate::text::Lang;
use crate::tr;

/// What the person did at a question.
enum Outcome {
    Answer(State),
    /// A figure written in a unit of the question (an index into its `units`).
    InUnit(usize, AnswerValue),
    /// The state is already recorded (a series, year by year): move on.
    Advance,
    Skip,
    Back,
    Menu,
}

/// What follows the menu.
enum After {
    /// Ask the same question again, with its help open or not.
    Ask { help: bool },
    /// Ask the same question again, under a new header: what is recorded beside it changed.
    Changed,
    /// The session has moved (back, skip, not applicable, review).
    Moved,
}

/// Key hints joined with ` · ` (the prompt wraps them between hints, never inside one).
fn keys(hints: &[&str]) -> String {
    hints.join(" · ")
}

fn text_keys(lang: Lang, current: bool) -> String {
    if current {
        keys(&[
            lang.pick("Enter 그대로 두기", "Enter keeps it"),
            lang.pick("↑ 지금 답 고치기", "↑ edits it"),
            lang.pick("? 도움말", "? help"),
            lang.pick("< 이전 질문", "< back"),
            lang.pick("Esc 메뉴", "Esc menu"),
        ])
    } else {
        keys(&[
            lang.pick("Enter 확인", "Enter to confirm"),
            lang.pick("빈 칸 Enter 건너뛰기", "empty Enter skips"),
            lang.pick("? 도움말", "? help"),
            lang.pick("< 이전 질문", "< back"),
            lang.pick("Esc 메뉴", "Esc menu"),
        ])
    }
}

fn list_keys(lang: Lang) -> String {
    keys(&[
        lang.pick("↑↓ 고르기", "↑↓ move"),
        lang.pick("Enter 확인", "Enter choose"),
        lang.pick("글자를 치면 찾기", "type to filter"),
        lang.pick("? 도움말", "? help"),
        lang.pick("< 이전 질문", "< back"),
        lang.pick("Esc 메뉴", "Esc menu"),
    ])
}

fn menu_keys(lang: Lang) -> String {
    keys(&[
        lang.pick("↑↓ 고르기", "↑↓ move"),
        lang.pick("Enter 확인", "Enter choose"),
        lang.pick("글자를 치면 찾기", "type to filter"),
        lang.pick("Esc 질문으로 돌아가기", "Esc back to the question"),
    ])
}

fn multi_keys(lang: Lang) -> String {
    keys(&[
        lang.pick("Space 선택·해제", "Space tick/untick"),
        lang.pick(
            "Enter 확인 (해당 없으면 그대로 Enter)",
            "Enter confirm (none ticked is an answer too)",
        ),
        lang.pick("? 도움말", "? help"),
        lang.pick("< 이전 질문", "< back"),
        lang.pick("Esc 메뉴", "Esc menu"),
    ])
}

/// The row under a prompt that shows the answer an empty Enter keeps.
fn now(lang: Lang, value: &str) -> String {
    tr!(
        lang,
        "지금 답: {} (Enter로 그대로 두고, 새로 치면 바뀝니다)",
        "Now: {} (Enter keeps it; typing replaces it)",
        crate::text::visible(value)
    )
}

fn yes_no(lang: Lang) -> Vec<Item> {
    vec![
        Item::new(lang.pick("예", "Yes")),
        Item::new(lang.pick("아니요", "No")),
    ]
}

fn help_of(lang: Lang, q: &Question) -> Option<String> {
    q.help.as_ref().map(|h| h.show(lang).to_owned())
}

fn firm_help(lang: Lang) -> String {
    lang.pick(
        "보고서 첫 줄에 나오는 회사 이름입니다. 등기된 이름을 그대로 적으면 됩니다.",
        "The firm's name, as the first line of the report shows it; its registered name will do.",
    )
    .to_owned()
}

fn year_help(lang: Lang) -> String {
    lang.pick(
        "답에 적을 수치가 어느 해의 것인지 정합니다. 보통 지난해이고, 여러 해의 수치를 묻는 질문은 이 해부터 거슬러 올라갑니다.",
        "The year your figures describe, usually last year; questions about several years count back from it.",
    )
    .to_owned()
}

/// The menu of the firm's name and the reporting year: what applies before the first question.
fn early_menu(
    look: Look,
    back: bool,
    help: String,
    context: &[String],
) -> Result<Option<bool>, Stop> {
    let lang = look.lang;
    let mut actions = Vec::new();
    if back {
        actions.push(Action::Back);
    }
    actions.extend([Action::Help, Action::Quit, Action::Return]);
    let items = actions.iter().map(|a| Item::new(a.label(lang))).collect();
    let mut menu = Choose::new(lang, lang.pick("메뉴:", "Menu:"), items, menu_keys(lang));
    menu.back = false;
    menu.help = Some(help);
    Ok(match menu.ask(look, context)? {
        Reply::Done(i) => match actions[i[0]] {
            Action::Back => None,
            Action::Help => Some(true),
            Action::Quit => return Err(Stop::Quit),
            _ => Some(false),
        },
        _ => Some(false),
    })
}

pub(super) fn firm_name(
    look: Look,
    s: &mut Session<'_>,
    saver: &mut Saver<'_>,
) -> Result<(), Stop> {
    let lang = look.lang;
    let mut help = false;
    loop {
        let current = s.answers().firm.name.trim().to_owned();
        let mut ask = Ask::new(
            lang.pick("회사 이름:", "Firm name:"),
            if current.is_empty() {
                keys(&[
                    lang.pick("Enter 확인", "Enter to confirm"),
                    lang.pick("? 도움말", "? help"),
                    lang.pick("Esc 메뉴", "Esc menu"),
                ])
            } else {
                text_keys(lang, true)
            },
        );
        if !current.is_empty() {
            ask.default_label = now(lang, &current);
            ask.default = Some(current);
        }
        ask.help = Some(firm_help(lang));
        ask.help_open = help;
        ask.check = Box::new(move |t| input::text(t, lang).map(|_| ()));
        help = false;
        match ask.ask(look, &[])? {
            Reply::Done(name) => {
                s.set_firm_name(&name);
                saver.save(s.answers(), None)?;
                return Ok(());
            }
            Reply::Back => say(lang.pick("첫 질문입니다.", "This is the first question.")),
            Reply::Menu | Reply::Pasted(_) => {
                match early_menu(look, false, firm_help(lang), &[])? {
                    Some(h) => help = h,
                    None => return Ok(()),
                }
            }
        }
    }
}

pub(super) fn reporting_year(
    look: Look,
    s: &mut Session<'_>,
    saver: &mut Saver<'_>,
) -> Result<(), Stop> {
    let lang = look.lang;
    let mut help = false;
    loop {
        let default = s
            .answers()
            .firm
            .reporting_year
            .map_or_else(|| s.default_reporting_year().to_string(), |y| y.to_string());
        let mut ask = Ask::new(
            lang.pick(
                "수치를 적을 기준 연도 (보통 지난해):",
                "Reporting year, the year your figures describe (usually last year):",
            ),
            text_keys(lang, true),
        );
        ask.default_label = now(lang, &default);
        ask.default = Some(default);
        ask.help = Some(year_help(lang));
        ask.help_open = std::mem::take(&mut help);
        ask.check = Box::new(move |t| {
            if t.parse::<i32>()
                .is_ok_and(|y| crate::answers::YEARS.contains(&y))
            {
                Ok(())
            } else {
                Err(lang
                    .pick(
                        "2024처럼 1900에서 2100 사이의 연도를 입력하십시오.",
                        "type a year between 1900 and 2100, such as 2024",
                    )
                    .to_owned())
            }
        });
        match ask.ask(look, &[])? {
            Reply::Done(y) => {
                s.set_reporting_year(y.parse().unwrap_or_else(|_| s.default_reporting_year()));
                saver.save(s.answers(), None)?;
                return Ok(());
            }
            Reply::Back => {
                s.back();
                return Ok(());
            }
            Reply::Menu | Reply::Pasted(_) => match early_menu(look, true, year_help(lang), &[])? {
                Some(h) => help = h,
                None => {
                    s.back();
                    return Ok(());
                }
            },
        }
    }
}

/// Prints where the question stands and what is recorded beside its answer; returns those rows,
/// to be shown again if the screen has to be redrawn.
fn header(look: Look, s: &Session<'_>, q: usize) -> Vec<String> {
    let lang = look.lang;
    let width = size().0.saturating_sub(1).max(20);
    // Progress, section and what is left: the prompt that follows names the question in words.
    let progress = s.progress(q, lang);
    let mut rows = vec![format!("[{progress}] {}", progress.remaining)];
    if let Some(e) = &s.answers().entries[q] {
        if let State::NotApplicable(reason) = &e.state {
            rows.push(clip(
                &tr!(
                    lang,
                    "지금 답: 해당 없음 — {}",
                    "Now: not applicable — {}",
                    reason
                ),
                width,
            ));
        }
        if !e.evidence.is_empty() {
            rows.push(clip(
                &tr!(
                    lang,
                    "근거 자료 {}건: {}",
                    "Evidence, {} item(s): {}",
                    e.evidence.len(),
                    e.evidence.join(", ")
                ),
                width,
            ));
        }
        if let Some(n) = &e.note {
            // A long note is shortened to one row; the menu's "evidence and note" shows it whole.
            rows.push(clip(&tr!(lang, "메모: {}", "Note: {}", n), width));
        }
    }
    let question = &s.guideline().questions[q];
    if question.kind == QuestionKind::Series {
        rows.push(question.prompt.show(lang).to_owned());
        // Which years are asked, and why.
        rows.push(s.series_note(q, lang));
    }
    say("");
    for r in &rows {
        say(r);
    }
    rows
}

/// Asks question `q` and acts on what the person did.
pub(super) fn question(
    look: Look,
    s: &mut Session<'_>,
    saver: &mut Saver<'_>,
    q: usize,
) -> Result<(), Stop> {
    let mut context = header(look, s, q);
    let mut help = false;
    let mut year = 0;
    loop {
        let kind = s.guideline().questions[q].kind;
        let outcome = match kind {
            QuestionKind::YesNo | QuestionKind::Choice => choice(look, s, q, help, &context)?,
            QuestionKind::Multi => multi(look, s, q, help, &context)?,
            QuestionKind::Number | QuestionKind::Integer | QuestionKind::Text => {
                typed(look, s, q, help, &context)?
            }
            QuestionKind::Series => series(look, s, saver, q, help, &context, &mut year)?,
            QuestionKind::Table => table(look, s, q, help, &context)?,
        };
        match outcome {
            Outcome::Answer(state) => {
                s.answer(Some(state));
                saver.save(s.answers(), Some(q))?;
            }
            Outcome::InUnit(unit, written) => {
                s.answer_in_unit(unit, written);
                saver.save(s.answers(), Some(q))?;
            }
            Outcome::Advance | Outcome::Skip => s.skip(),
            Outcome::Back => back(look.lang, s),
            Outcome::Menu => match menu(look, s, saver, q, &context)? {
                After::Ask { help: h } => {
                    help = h;
                    continue;
                }
                After::Changed => {
                    help = false;
                    context = header(look, s, q);
                    continue;
                }
                After::Moved => {}
            },
        }
        return Ok(());
    }
}

fn back(lang: Lang, s: &mut Session<'_>) {
    if !s.back() {
        say(lang.pick("첫 질문입니다.", "This is the first question."));
    }
}

fn choice(
    look: Look,
    s: &Session<'_>,
    q: usize,
    help: bool,
    context: &[String],
) -> Result<Outcome, Stop> {
    let lang = look.lang;
    let question = &s.guideline().questions[q];
    let items: Vec<Item> = if question.kind == QuestionKind::YesNo {
        yes_no(lang)
    } else {
        question
            .options
            .iter()
            .map(|o| Item::new(o.text.show(lang)))
            .collect()
    };
    // Only an answer already given is preselected: one accidental Enter must not answer.
    let cursor = match s.answers().value(q) {
        Some(AnswerValue::Bool(b)) => Some(usize::from(!*b)),
        Some(AnswerValue::Choice(i)) => Some(*i),
        _ => None,
    };
    let mut c = Choose::new(lang, question.prompt.show(lang), items, list_keys(lang));
    c.cursor = cursor;
    c.help = help_of(lang, question);
    c.help_open = help;
    Ok(match c.ask(look, context)? {
        Reply::Done(i) if question.kind == QuestionKind::YesNo => {
            Outcome::Answer(State::Value(AnswerValue::Bool(i[0] == 0)))
        }
        Reply::Done(i) => Outcome::Answer(State::Value(AnswerValue::Choice(i[0]))),
        Reply::Back => Outcome::Back,
        Reply::Menu | Reply::Pasted(_) => Outcome::Menu,
    })
}

fn multi(
    look: Look,
    s: &Session<'_>,
    q: usize,
    help: bool,
    context: &[String],
) -> Result<Outcome, Stop> {
    let lang = look.lang;
    let question = &s.guideline().questions[q];
    let items: Vec<Item> = question
        .options
        .iter()
        .map(|o| Item::new(o.text.show(lang)))
        .collect();
    let mut ticked = vec![false; items.len()];
    if let Some(AnswerValue::Multi(chosen)) = s.answers().value(q) {
        for &i in chosen {
            ticked[i] = true;
        }
    }
    let mut c = Choose::new(lang, question.prompt.show(lang), items, multi_keys(lang));
    c.cursor = Some(0);
    c.ticked = Some(ticked);
    c.help = help_of(lang, question);
    c.help_open = help;
    Ok(match c.ask(look, context)? {
        Reply::Done(items) => Outcome::Answer(State::Value(AnswerValue::Multi(items))),
        Reply::Back => Outcome::Back,
        Reply::Menu | Reply::Pasted(_) => Outcome::Menu,
    })
}

fn raw_number(n: f64) -> String {
    format!("{n}")
}

/// The unit a figure of question `q` is given in, for a question with several (the one its
/// answer is written in first); `Err` for going back or to the menu.
fn unit(
    look: Look,
    s: &Session<'_>,
    q: usize,
    context: &[String],
) -> Result<Result<usize, Outcome>, Stop> {
    let lang = look.lang;
    let question = &s.guideline().questions[q];
    let items: Vec<Item> = question
        .units
        .iter()
        .map(|u| Item::new(u.text.show(lang)))
        .collect();
    let message = tr!(
        lang,
        "{} — 어느 단위로 적겠습니까?",
        "{} — in which unit?",
        question.prompt.show(lang)
    );
    let mut c = Choose::new(lang, message, items, list_keys(lang));
    c.cursor = Some(s.written(q).0);
    c.help = help_of(lang, question);
    Ok(match c.ask(look, context)? {
        Reply::Done(i) => Ok(i[0]),
        Reply::Back => Err(Outcome::Back),
        Reply::Menu | Reply::Pasted(_) => Err(Outcome::Menu),
    })
}

fn typed(
    look: Look,
    s: &Session<'_>,
    q: usize,
    help: bool,
    context: &[String],
) -> Result<Outcome, Stop> {
    let lang = look.lang;
    let question = &s.guideline().questions[q];
    let several = !question.units.is_empty() && question.kind != QuestionKind::Text;
    let unit = if several {
        match unit(look, s, q, context)? {
            Ok(u) => u,
            Err(o) => return Ok(o),
        }
    } else {
        0
    };
    let (written_in, written) = s.written(q);
    let current = match written {
        Some(AnswerValue::Num(n)) if written_in == unit => Some(raw_number(*n)),
        Some(AnswerValue::Text(t)) => Some(t.clone()),
        _ => None,
    };
    let is_text = question.kind == QuestionKind::Text;
    let check = input::NumberInput::in_unit(question, unit, lang);
    let read = check.clone();
    let hint = input::hint_in(question, unit, lang);
    let message = if hint.is_empty() {
        question.prompt.show(lang).to_owned()
    } else {
        format!("{} {hint}", question.prompt.show(lang))
    };
    let mut ask = Ask::new(message, text_keys(lang, current.is_some()));
    if let Some(c) = &current {
        ask.default_label = now(lang, c);
    }
    ask.default.clone_from(&current);
    ask.help = help_of(lang, question);
    ask.help_open = help;
    ask.check = Box::new(move |t| {
        if t.is_empty() || is_text {
            Ok(())
        } else {
            check.parse(t).map(|_| ())
        }
    });
    Ok(match ask.ask(look, context)? {
        Reply::Done(t) if t.is_empty() || Some(&t) == current.as_ref() => Outcome::Skip,
        Reply::Done(t) if is_text => Outcome::Answer(State::Value(AnswerValue::Text(t))),
        Reply::Done(t) => match read.parse(&t) {
            Ok(n) if several => Outcome::InUnit(unit, AnswerValue::Num(n)),
            Ok(n) => Outcome::Answer(State::Value(AnswerValue::Num(n))),
            Err(_) => Outcome::Skip,
        },
        Reply::Back => Outcome::Back,
        Reply::Menu | Reply::Pasted(_) => Outcome::Menu,
    })
}

/// A table, one row at a time: each column a prompt, then whether to add another row. The rows
/// the answer has are kept; `<` on the first prompt goes back.
fn table(
    look: Look,
    s: &Session<'_>,
    q: usize,
    help: bool,
    context: &[String],
) -> Result<Outcome, Stop> {
    let lang = look.lang;
    let question = &s.guideline().questions[q];
    let had = match s.answers().value(q) {
        Some(AnswerValue::Table(rows)) => Some(rows.clone()),
        _ => None,
    };
    let mut rows = had.clone().unwrap_or_default();
    let mut first = true;
    loop {
        let message = if rows.is_empty() {
            tr!(
                lang,
                "{} — 행을 더하겠습니까?",
                "{} — add a row?",
                question.prompt.show(lang)
            )
        } else {
            tr!(
                lang,
                "{} — 지금 {}행. 행을 더하겠습니까?",
                "{} — {} so far. Add another row?",
                question.prompt.show(lang),
                match lang.ui() {
                    crate::text::Ui::Ko => rows.len().to_string(),
                    crate::text::Ui::En => crate::text::count(rows.len(), "row", "rows"),
                }
            )
        };
        let mut c = Choose::new(lang, message, yes_no(lang), list_keys(lang));
        c.help = help_of(lang, question);
        c.help_open = help && first;
        match c.ask(look, context)? {
            Reply::Done(i) if i[0] == 0 => {}
            Reply::Done(_) => break,
            Reply::Back if first => return Ok(Outcome::Back),
            Reply::Back => {
                rows.pop();
                continue;
            }
            Reply::Menu | Reply::Pasted(_) => return Ok(Outcome::Menu),
        }
        first = false;
        let n = rows.len() + 1;
        let mut row: Vec<Cell> = Vec::with_capacity(question.columns.len());
        // The cell given before going back to its column: offered again.
        let mut before: Option<Cell> = None;
        let mut col = 0;
        while col < question.columns.len() {
            let prev = before.take();
            let column = &question.columns[col];
            let label = tr!(
                lang,
                "{}행 · {}",
                "Row {} · {}",
                n,
                column.prompt.show(lang)
            );
            let reply = match column.kind {
                QuestionKind::YesNo | QuestionKind::Choice => {
                    let items = if column.kind == QuestionKind::YesNo {
                        yes_no(lang)
                    } else {
                        column
                            .options
                            .iter()
                            .map(|o| Item::new(o.text.show(lang)))
                            .collect()
                    };
                    let mut c = Choose::new(lang, label, items, list_keys(lang));
                    c.help = column.help.as_ref().map(|h| h.show(lang).to_owned());
                    c.cursor = match prev {
                        Some(Cell::Bool(b)) => Some(usize::from(!b)),
                        Some(Cell::Choice(i)) => Some(i),
                        _ => None,
                    };
                    match c.ask(look, context)? {
                        Reply::Done(i) if column.kind == QuestionKind::YesNo => {
                            Some(Cell::Bool(i[0] == 0))
                        }
                        Reply::Done(i) => Some(Cell::Choice(i[0])),
                        Reply::Back => None,
                        Reply::Menu | Reply::Pasted(_) => return Ok(Outcome::Menu),
                    }
                }
                _ => {
                    let numeric =
                        matches!(column.kind, QuestionKind::Number | QuestionKind::Integer);
                    let check = input::NumberInput::for_column(column, lang);
                    let read = check.clone();
                    let current = match &prev {
                        Some(Cell::Num(n)) => Some(raw_number(*n)),
                        Some(Cell::Text(t)) => Some(t.clone()),
                        _ => None,
                    };
                    let mut ask = Ask::new(label, text_keys(lang, current.is_some()));
                    ask.help = column.help.as_ref().map(|h| h.show(lang).to_owned());
                    if let Some(c) = &current {
                        ask.default_label = now(lang, c);
                    }
                    let has_default = current.is_some();
                    ask.check = Box::new(move |t| {
                        if t.is_empty() && has_default {
                            Ok(())
                        } else if !numeric {
                            input::text(t, lang).map(|_| ())
                        } else {
                            check.parse(t).map(|_| ())
                        }
                    });
                    match ask.ask(look, context)? {
                        Reply::Done(t) if t.is_empty() && prev.is_some() => prev,
                        Reply::Done(t) if numeric => read.parse(&t).ok().map(Cell::Num),
                        Reply::Done(t) => Some(Cell::Text(t.trim().to_owned())),
                        Reply::Back => None,
                        Reply::Menu | Reply::Pasted(_) => return Ok(Outcome::Menu),
                    }
                }
            };
            match reply {
                Some(cell) => {
                    row.push(cell);
                    col += 1;
                }
                // Back: the column before, or the row given up.
                None if col == 0 => break,
                None => {
                    before = row.pop();
                    col -= 1;
                }
            }
        }
        if row.len() == question.columns.len() {
            rows.push(row);
        }
        if rows.len() >= crate::guideline::MAX_ROWS {
            break;
        }
    }
    if had.as_ref() == Some(&rows) {
        return Ok(Outcome::Skip);
    }
    Ok(Outcome::Answer(State::Value(AnswerValue::Table(rows))))
}

/// A series, one year at a time in the order of [`Session::series_years`], each year saved as it
/// is typed; a column of numbers pasted at once fills the years from the one asked, in order.
#[allow(clippy::too_many_arguments)]
fn series(
    look: Look,
    s: &mut Session<'_>,
    saver: &mut Saver<'_>,
    q: usize,
    help: bool,
    context: &[String],
    i: &mut usize,
) -> Result<Outcome, Stop> {
    let lang = look.lang;
    let guideline = s.guideline();
    let question = &guideline.questions[q];
    let several = !question.units.is_empty();
    // The unit is asked before the first year; later years keep the one the answer is in.
    let (written_in, written) = s.written(q);
    let unit = if several && *i == 0 {
        match unit(look, s, q, context)? {
            Ok(u) => u,
            Err(o) => return Ok(o),
        }
    } else {
        written_in
    };
    let hint = input::hint_in(question, unit, lang);
    let years = s.series_years(q);
    let mut points = match written {
        Some(AnswerValue::Series(p)) if written_in == unit => p.clone(),
        // Given in another unit before: the figures in the unit now chosen.
        Some(v @ AnswerValue::Series(_)) => {
            let factor = question.units.get(unit).map_or(1.0, |u| u.factor);
            let from = question.units.get(written_in).map_or(1.0, |u| u.factor);
            match v.scaled(from / factor) {
                AnswerValue::Series(p) => p,
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    };
    let mut help = help;
    while *i < years.len() {
        let year = years[*i];
        let current = points.iter().find(|p| p.0 == year).map(|p| raw_number(p.1));
        let mut ask = Ask::new(
            format!("  {year} {hint}").trim_end().to_owned(),
            if current.is_some() {
                text_keys(lang, true)
            } else {
                keys(&[
                    lang.pick("Enter 확인", "Enter to confirm"),
                    lang.pick("모르는 해는 빈 칸 Enter", "empty Enter leaves the year out"),
                    lang.pick(
                        "여러 해를 한 번에 붙여 넣기",
                        "paste a column for several years",
                    ),
                    lang.pick("? 도움말", "? help"),
                    lang.pick("< 이전", "< back"),
                    lang.pick("Esc 메뉴", "Esc menu"),
                ])
            },
        );
        if let Some(c) = &current {
            ask.default_label = format!("  {}", now(lang, c));
        }
        ask.default.clone_from(&current);
        ask.help = help_of(lang, question);
        ask.help_open = help;
        help = false;
        ask.paste_lines = true;
        let check = input::NumberInput::in_unit(question, unit, lang);
        let read = check.clone();
        ask.check = Box::new(move |t| {
            if t.is_empty() {
                Ok(())
            } else {
                check.parse(t).map(|_| ())
            }
        });
        match ask.ask(look, context)? {
            Reply::Menu => return Ok(Outcome::Menu),
            Reply::Back if *i == 0 => return Ok(Outcome::Back),
            Reply::Back => {
                *i -= 1;
                continue;
            }
            Reply::Done(t) if t.is_empty() || Some(&t) == current.as_ref() => {
                *i += 1;
                continue;
            }
            Reply::Done(t) => {
                let n = read
                    .parse(&t)
                    .map_err(|m| Stop::Failed(anyhow::anyhow!(m)))?;
                points.retain(|p| p.0 != year);
                points.push((year, n));
                *i += 1;
            }
            Reply::Pasted(lines) => {
                let filled = years[*i..].iter().zip(&lines);
                let mut read = Vec::new();
                let mut bad = None;
                for (&y, l) in filled {
                    if l.is_empty() {
                        continue;
                    }
                    match input::NumberInput::in_unit(question, unit, lang).parse(l) {
                        Ok(n) => read.push((y, n)),
                        Err(m) => {
                            bad = Some(tr!(lang, "{}년: {}", "{}: {}", y, m));
                            break;
                        }
                    }
                }
                if let Some(m) = bad {
                    say(&tr!(
                        lang,
                        "붙여 넣은 값을 쓰지 않았습니다. {}",
                        "The pasted values were not used. {}",
                        m
                    ));
                    continue;
                }
                let shown: Vec<String> = read
                    .iter()
                    .map(|(y, n)| tr!(lang, "{}년 {}", "{}: {}", y, raw_number(*n)))
                    .collect();
                say(&tr!(
                    lang,
                    "붙여 넣은 값: {}",
                    "Pasted: {}",
                    shown.join(" · ")
                ));
                let left = years.len() - *i;
                if lines.len() > left {
                    say(&tr!(
                        lang,
                        "묻는 해가 {}개라서 나머지 {}줄은 쓰지 않았습니다.",
                        "Only {} years are asked; the other {} lines were not used.",
                        left,
                        lines.len() - left
                    ));
                }
                for (y, n) in read {
                    points.retain(|p| p.0 != y);
                    points.push((y, n));
                }
                *i += lines.len().min(left);
            }
        }
        points.sort_by_key(|p| p.0);
        if several && !points.is_empty() {
            let now = AnswerValue::Series(points.clone());
            if s.written(q) != (unit, Some(&now)) {
                s.set_in_unit(q, unit, now);
                saver.save(s.answers(), Some(q))?;
            }
            continue;
        }
        let state = (!points.is_empty()).then(|| State::Value(AnswerValue::Series(points.clone())));
        let unchanged = s.answers().entries[q].as_ref().map(|e| &e.state) == state.as_ref();
        if !unchanged {
            s.set_state(q, state);
            saver.save(s.answers(), Some(q))?;
        }
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

fn menu(
    look: Look,
    s: &mut Session<'_>,
    saver: &mut Saver<'_>,
    q: usize,
    context: &[String],
) -> Result<After, Stop> {
    let lang = look.lang;
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
        Action::NotApplicable => question.allow_na,
        Action::Clear => answered,
        _ => true,
    })
    .collect();
    let items = actions.iter().map(|a| Item::new(a.label(lang))).collect();
    let mut m = Choose::new(lang, lang.pick("메뉴:", "Menu:"), items, menu_keys(lang));
    m.help = help_of(lang, question);
    let action = match m.ask(look, context)? {
        Reply::Done(i) => actions[i[0]],
        Reply::Back => Action::Back,
        Reply::Menu | Reply::Pasted(_) => Action::Return,
    };
    match action {
        Action::Back => back(lang, s),
        Action::Help => return Ok(After::Ask { help: true }),
        Action::NotApplicable => {
            let mut ask = Ask::new(
                lang.pick("해당 없는 이유:", "Why it does not apply:"),
                keys(&[
                    lang.pick("Enter 확인", "Enter to confirm"),
                    lang.pick("? 도움말", "? help"),
                    lang.pick("Esc 질문으로 돌아가기", "Esc back to the question"),
                ]),
            );
            ask.help = Some(
                lang.pick(
                    "이 질문이 회사에 해당하지 않는 까닭을 한 줄로 적으십시오. 예: 이사회가 없음. 적은 이유는 보고서에 그대로 나옵니다.",
                    "Say in a line why this question does not apply to the firm, for example: we have no board. The report shows the reason as written.",
                )
                .to_owned(),
            );
            ask.check = Box::new(move |t| input::reason(t, lang).map(|_| ()));
            match ask.ask(look, context)? {
                Reply::Done(reason) => {
                    s.answer(Some(State::NotApplicable(reason)));
                    saver.save(s.answers(), Some(q))?;
                }
                _ => return Ok(After::Ask { help: false }),
            }
        }
        Action::Skip => s.skip(),
        Action::Clear => {
            s.set_state(q, None);
            saver.save(s.answers(), Some(q))?;
            return Ok(After::Changed);
        }
        Action::Extras => {
            extras(look, s, saver, q, context)?;
            return Ok(After::Changed);
        }
        Action::Review => s.review(),
        Action::Quit => return Err(Stop::Quit),
        Action::Return => return Ok(After::Ask { help: false }),
    }
    Ok(After::Moved)
}

fn extras(
    look: Look,
    s: &mut Session<'_>,
    saver: &mut Saver<'_>,
    q: usize,
    context: &[String],
) -> Result<(), Stop> {
    let lang = look.lang;
    let (evidence, note) = s.answers().entries[q]
        .as_ref()
        .map(|e| (e.evidence.clone(), e.note.clone().unwrap_or_default()))
        .unwrap_or_default();
    let Reply::Done(evidence) = Lines::new(
        lang.pick(
            "근거 자료: 문서 이름이나 링크를 한 줄에 하나씩 적으십시오.",
            "Evidence: document names or links, one a line.",
        ),
        keys(&[
            lang.pick("Enter 다음 줄", "Enter next line"),
            lang.pick("빈 줄에서 Enter 끝", "Enter on an empty line ends"),
            lang.pick("↑↓ 줄 옮기기", "↑↓ move between lines"),
            lang.pick("Esc 취소", "Esc cancel"),
        ]),
        &evidence,
    )
    .ask(look, context)?
    else {
        return Ok(());
    };
    let mut ask = Ask::new(
        lang.pick("메모:", "Note:"),
        keys(&[
            lang.pick("Enter 확인", "Enter to confirm"),
            lang.pick("빈 칸이면 메모 없음", "empty for no note"),
            lang.pick("Esc 취소", "Esc cancel"),
        ]),
    );
    ask.initial = note;
    ask.back = false;
    let Reply::Done(note) = ask.ask(look, context)? else {
        return Ok(());
    };
    s.set_extras(
        q,
        input::evidence(&evidence),
        (!note.is_empty()).then_some(note),
    );
    saver.save(s.answers(), Some(q))
}

/// Where a row of the review leads.
#[derive(Clone, Copy)]
enum Row {
    Finish,
    Heading,
    Question(usize),
    Quit,
}

/// The review: every question asked with its answer in full, under its section's heading,
/// unanswered ones first. `Ok(true)` finishes.
pub(super) fn review(look: Look, s: &mut Session<'_>) -> Result<bool, Stop> {
    let lang = look.lang;
    let list = s.review_list();
    let open = s.unanswered().len();
    say("");
    say(&tr!(
        lang,
        "검토: 질문 {}개 가운데 {}개에 답했습니다.",
        "Review: {1} of {0} questions answered.",
        list.len(),
        list.len() - open
    ));
    if open > 0 {
        say(&tr!(
            lang,
            "답하지 않은 질문 {}개가 맨 위에 있습니다. 고르면 바로 답할 수 있습니다.",
            "The {} unanswered questions are at the top; choose one to answer it.",
            open
        ));
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
    let mut items = vec![Item::new(finish)];
    let mut rows = vec![Row::Finish];
    let mut section = None;
    for (n, &q) in list.iter().enumerate() {
        let progress = s.progress(q, lang);
        let heading = if n < open {
            lang.pick("답하지 않은 질문", "Unanswered").to_owned()
        } else {
            progress.section.clone()
        };
        if section.as_ref() != Some(&heading) {
            items.push(Item::heading(format!("── {heading}")));
            rows.push(Row::Heading);
            section = Some(heading);
        }
        let question = &guideline.questions[q];
        let answer = match s.answers().entries[q].as_ref().map(|e| &e.state) {
            Some(State::Value(_)) => s.answers().entries[q]
                .as_ref()
                .and_then(|e| crate::score::show_entry(question, e, lang))
                .unwrap_or_default(),
            Some(State::NotApplicable(r)) => {
                tr!(lang, "해당 없음: {}", "not applicable: {}", r)
            }
            _ => lang.pick("답하지 않음", "unanswered").to_owned(),
        };
        items.push(Item::new(format!(
            "{}. {}\n   → {answer}",
            progress.number,
            question.prompt.show(lang)
        )));
        rows.push(Row::Question(q));
    }
    items.push(Item::new(lang.pick("저장하고 끝내기", "Save and quit")));
    rows.push(Row::Quit);
    let mut c = Choose::new(
        lang,
        lang.pick(
            "고칠 질문을 고르거나 끝내십시오:",
            "Choose a question to change, or finish:",
        ),
        items,
        keys(&[
            lang.pick("↑↓ 고르기", "↑↓ move"),
            lang.pick("Enter 확인", "Enter choose"),
            lang.pick("글자를 치면 찾기", "type to filter"),
            lang.pick("? 도움말", "? help"),
            lang.pick("Esc 마지막 질문으로", "Esc back to the last question"),
        ]),
    );
    c.cursor = Some(0);
    c.back = false;
    c.help = Some(
        lang.pick(
            "질문을 고르면 그 질문으로 가서 답을 고칠 수 있고, 답하면 이 목록으로 돌아옵니다. 끝내면 보고서가 나오고, 답하지 않은 질문은 0점으로 계산됩니다. 답은 이미 모두 저장되어 있습니다.",
            "Choose a question to change its answer; answering it returns here. Finishing shows the report, with unanswered questions counted as 0 points. Every answer is already saved.",
        )
        .to_owned(),
    );
    match c.ask(look, &[])? {
        Reply::Done(i) => match rows[i[0]] {
            Row::Finish => Ok(true),
            Row::Quit => Err(Stop::Quit),
            Row::Question(q) => {
                s.edit(q);
                Ok(false)
            }
            Row::Heading => Ok(false),
        },
        _ => {
            back(lang, s);
            Ok(false)
        }
    }
}
