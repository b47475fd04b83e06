//! The commented answers template of `esg init`: every question with its prompt, help, kind,
//! allowed values, unit, bounds, ask-condition and whether it may be marked not applicable,
//! grouped as the questionnaire asks them. Each question ends in a commented-out line with the
//! placeholder `"?"`; removing the `#` and writing the answer in its place answers it, and a line
//! uncommented but left as it is, is an error rather than an answer nobody gave.
//!
//! [`for_firm`] is the template of one firm (`esg init --from`): its file as it is, with only the
//! questions still open that can count for it.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use crate::answers::{Answers, PLACEHOLDER, State};
use crate::assess::{Plan, Section, input};
use crate::guideline::{Guideline, Question, QuestionKind};
use crate::text::Lang;
use crate::tr;

/// Width the comments are wrapped to.
const WIDTH: usize = 96;

fn quote(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_owned()
}

/// Guideline text for one comment line: a line break or any other control character in it is shown
/// as a visible symbol, so that no text can end the comment and put TOML of its own in the template.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    crate::text::visible(text)
}

/// Wraps `text` into comment lines starting with `prefix`.
fn wrap(out: &mut String, prefix: &str, text: &str) {
    for para in text.lines() {
        let para = one_line(para);
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && prefix.width() + line.width() + 1 + word.width() > WIDTH {
                let _ = writeln!(out, "{prefix}{line}");
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        let _ = writeln!(out, "{prefix}{line}");
    }
}

/// The placeholder of a question's line: `"?"`, and for a series `"?"` for each year asked. It is
/// valid TOML but not an answer: a line uncommented and left as it is, is an error that says what
/// to write (`unfilled-answer`), so a template nobody filled in earns nothing.
fn placeholder(q: &Question, years: &[i32]) -> String {
    let p = quote(PLACEHOLDER);
    match q.kind {
        QuestionKind::Series => {
            let parts: Vec<String> = years.iter().map(|y| format!("{y} = {p}")).collect();
            format!("{{ {} }}", parts.join(", "))
        }
        // One example row.
        QuestionKind::Table => {
            let parts: Vec<String> = q
                .columns
                .iter()
                .map(|c| format!("{} = {p}", c.id))
                .collect();
            format!("[{{ {} }}]", parts.join(", "))
        }
        _ => p,
    }
}

fn kind_line(q: &Question, lang: Lang) -> String {
    let hint = input::hint(q, lang);
    let hint = if hint.is_empty() {
        String::new()
    } else {
        format!(" {hint}")
    };
    match q.kind {
        QuestionKind::YesNo => lang
            .pick(
                "답: true(예) 또는 false(아니요)",
                "answer: true (yes) or false (no)",
            )
            .to_owned(),
        QuestionKind::Choice => lang
            .pick("답: 다음 가운데 하나의 id", "answer: the id of one of")
            .to_owned(),
        QuestionKind::Multi => lang
            .pick(
                "답: 해당하는 id를 모두 목록으로, 없으면 []",
                "answer: a list of every id that applies, [] for none",
            )
            .to_owned(),
        QuestionKind::Number | QuestionKind::Integer => {
            tr!(lang, "답: 숫자{}", "answer: a number{}", hint)
        }
        QuestionKind::Text => lang
            .pick("답: 따옴표 안의 글", "answer: text in quotes")
            .to_owned(),
        QuestionKind::Series => tr!(
            lang,
            "답: 연도 = 값{} (모르는 연도는 빼도 됩니다)",
            "answer: year = value{} (leave out years you do not know)",
            hint
        ),
        QuestionKind::Table => lang
            .pick(
                "답: 행의 목록, 행마다 { 열 = 값, … } (행이 없으면 []). 열:",
                "answer: a list of rows, each { column = value, … } ([] for none); columns:",
            )
            .to_owned(),
    }
}

/// The template for `guidelines` (usually one) in `lang`, with series asking for the years up to
/// `last_year`. Several guidelines answered in one file get one template: each question once,
/// under the first guideline that asks it (a question two guidelines share has one id, and one
/// answer).
#[must_use]
pub fn template_all(guidelines: &[&Guideline], lang: Lang, last_year: i32) -> String {
    let Some(first) = guidelines.first() else {
        return String::new();
    };
    let lang = first.lang(lang);
    let mut out = String::new();
    for guideline in guidelines {
        let _ = writeln!(
            out,
            "{}",
            tr!(
                guideline.lang(lang),
                "# ESG 자가진단 답변 양식: {} ({} {})",
                "# ESG self-assessment answers: {} ({} {})",
                one_line(guideline.title.show(guideline.lang(lang))),
                guideline.id,
                one_line(&guideline.version)
            )
        );
    }
    out.push_str("#\n");
    let howto = lang.pick(
        "답하는 법: 각 질문 아래 `# id = \"?\"` 줄의 맨 앞 `#`를 지우고 \"?\" 자리에 답을 적습니다.\n\
         답하지 않을 질문은 주석으로 남겨 둡니다.\n\
         해당 없음 (허용되는 질문만):   id = { not_applicable = \"이유\" }\n\
         근거 자료와 메모:              id = { value = …, evidence = [\"문서.pdf\"], note = \"…\" }\n\
         다 채운 뒤 채점:               esg score 이파일.toml\n\
         남은 질문은 터미널에서:        esg assess --answers 이파일.toml",
        "How to answer: under each question, remove the `#` at the start of the `# id = \"?\"` line\n\
         and write the answer in place of \"?\". Leave a question commented out to keep it unanswered.\n\
         Not applicable (where allowed):  id = { not_applicable = \"reason\" }\n\
         Evidence and a note:             id = { value = …, evidence = [\"document.pdf\"], note = \"…\" }\n\
         Score the filled file:           esg score this-file.toml\n\
         Answer the rest in a terminal:   esg assess --answers this-file.toml",
    );
    for line in howto.lines() {
        let _ = writeln!(out, "# {line}");
    }
    out.push('\n');
    let head = if guidelines.len() > 1 {
        "[[guideline]]"
    } else {
        "[guideline]"
    };
    for guideline in guidelines {
        let _ = writeln!(
            out,
            "{head}\nid = {}\nversion = {}\n",
            quote(&guideline.id),
            quote(&guideline.version)
        );
    }
    out.push_str("[firm]\n");
    let firm = [
        (
            "name = \"\"".to_owned(),
            lang.pick("필수: 회사 이름", "required: the firm's name"),
        ),
        (
            format!("reporting_year = {last_year}"),
            lang.pick("수치가 가리키는 연도", "the year the figures describe"),
        ),
        (
            "# business_number = \"123-45-67890\"".to_owned(),
            lang.pick(
                "선택: 사업자등록번호",
                "optional: business registration number",
            ),
        ),
        (
            "# contact = \"\"".to_owned(),
            lang.pick("선택: 담당자 연락처", "optional: contact person"),
        ),
        (
            format!("# assessed_on = \"{}-03-31\"", last_year + 1),
            lang.pick("선택: 진단한 날", "optional: date of the assessment"),
        ),
        (
            "# identifier = \"\"".to_owned(),
            lang.pick(
                "선택: 디지털 보고서용 회사 식별번호(LEI, DUNS 등)",
                "optional: the firm's identifier for digital reports (an LEI, a DUNS number)",
            ),
        ),
        (
            "# identifier_scheme = \"LEI\"".to_owned(),
            lang.pick(
                "선택: 그 식별번호의 종류(LEI, DUNS, EU ID, PermID)",
                "optional: its scheme (LEI, DUNS, EU ID or PermID)",
            ),
        ),
    ];
    for (key, comment) in firm {
        let _ = writeln!(out, "{key:<36}# {comment}");
    }
    out.push_str("\n[answers]\n");

    let mut seen = std::collections::HashSet::new();
    for (i, guideline) in guidelines.iter().enumerate() {
        let lang = guideline.lang(lang);
        let plan = Plan::new(guideline);
        let list: Vec<usize> = plan
            .order
            .iter()
            .copied()
            .filter(|&q| seen.insert(guideline.questions[q].id.as_str()))
            .collect();
        if i > 0 {
            let _ = write!(out, "\n# {RULE}\n");
            wrap(
                &mut out,
                "# ",
                &tr!(
                    lang,
                    "{}: 위에서 묻지 않은 질문 {}개",
                    "{}: the {} questions not asked above",
                    one_line(guideline.title.show(lang)),
                    list.len()
                ),
            );
            let _ = writeln!(out, "# {RULE}");
        }
        questions(&mut out, guideline, &list, &[], lang, last_year);
    }
    out
}

/// The blocks of `list` (question indices in asking order) under their section headings,
/// numbered from 1; those in `open` have an entry in the file without a value.
fn questions(
    out: &mut String,
    g: &Guideline,
    list: &[usize],
    open: &[usize],
    lang: Lang,
    year: i32,
) {
    let plan = Plan::new(g);
    let mut section = None;
    for (n, &qi) in list.iter().enumerate() {
        let sec = plan
            .position(qi)
            .map_or(Section::Other, |p| plan.sections[p]);
        if section != Some(sec) {
            section = Some(sec);
            let title = sec.title(g, lang);
            let _ = write!(out, "\n# {RULE}\n# {}\n", one_line(&title));
            if sec == Section::Profile {
                wrap(
                    out,
                    "# ",
                    lang.pick(
                        "회사를 설명하는 답으로, 어떤 지표가 적용되는지를 정합니다.",
                        "These answers describe the firm and decide which indicators apply.",
                    ),
                );
            }
            let _ = writeln!(out, "# {RULE}");
        }
        question(out, g, qi, n + 1, lang, year, open.contains(&qi));
    }
}

/// The line above and below a section's title.
const RULE: &str = "────────────────────────────────────────";

/// The template for one firm (`esg init --from`): the file `source` as it is, answers and comments
/// kept, with the questions still relevant to the firm ([`crate::score::relevant`]) and not yet
/// answered, in asking order and commented as in [`template`], inserted at the end of its
/// `[answers]` table. The commented questions of an earlier template still in the file, and
/// their section headings, are left out, so that each open question appears once.
pub fn for_firm(
    guideline: &Guideline,
    answers: &Answers,
    source: &str,
    lang: Lang,
    this_year: i32,
) -> crate::Result<String> {
    let lang = guideline.lang(lang);
    let year = answers
        .firm
        .reporting_year
        .and_then(|y| i32::try_from(y).ok())
        .unwrap_or(this_year - 1);
    let relevance = crate::score::relevant(guideline, answers);
    let plan = Plan::new(guideline);
    let state = |q: usize| answers.entries[q].as_ref().map(|e| &e.state);
    let left: Vec<usize> = plan
        .order
        .iter()
        .copied()
        .filter(|&q| {
            relevance[q].is_relevant()
                && !matches!(state(q), Some(State::Value(_) | State::NotApplicable(_)))
        })
        .collect();
    let open: Vec<usize> = left
        .iter()
        .copied()
        .filter(|&q| state(q).is_some())
        .collect();
    let text = without_old_questions(guideline, source);

    let mut block = String::new();
    let seconds: u32 = left
        .iter()
        .map(|&q| {
            let kind = guideline.questions[q].kind;
            let years = crate::assess::years_needed(guideline, q, year).len();
            crate::assess::seconds(kind, years)
        })
        .sum();
    let _ = write!(block, "\n# {RULE}\n");
    let head = if left.is_empty() {
        tr!(
            lang,
            "남은 질문이 없습니다. 이 회사에 점수로 이어질 수 있는 질문에는 모두 답했습니다.",
            "No questions left: every question that can still count for this firm is answered.",
        )
    } else {
        tr!(
            lang,
            "남은 질문 {}개 (약 {}분): 이 회사에 아직 점수로 이어질 수 있는 질문만 담았습니다. 답하는 법: 질문 아래 마지막 줄의 맨 앞 `#`를 지우고 \"?\" 자리에 답을 적습니다.",
            "{} questions left (about {} min): only those that can still count for this firm. To answer one, remove the `#` at the start of its last line and write the answer in place of \"?\".",
            left.len(),
            seconds.div_ceil(60)
        )
    };
    wrap(&mut block, "# ", &head);
    let _ = writeln!(block, "# {RULE}");
    questions(&mut block, guideline, &left, &open, lang, year);

    // Where the `[answers]` table's own entries end: before the next table header (and the
    // comments above it), else at the end of the file.
    let doc = toml_edit::Document::parse(text.as_str()).map_err(|e| {
        crate::Error::Invalid(vec![crate::source::toml_edit_error(
            &crate::source::Source::new(answers.file.clone(), text.clone()),
            &e,
        )])
    })?;
    let answers_table = doc
        .as_table()
        .get("answers")
        .and_then(toml_edit::Item::as_table)
        .filter(|t| !t.is_implicit() && t.position().is_some());
    let mut out = String::with_capacity(text.len() + block.len() + 16);
    match answers_table {
        Some(t) => {
            let after = t.position().unwrap_or(0);
            let mut next: Option<(isize, usize)> = None;
            tables(doc.as_table(), &mut |t| {
                if let (Some(p), Some(span)) = (t.position(), t.span()) {
                    let start = t
                        .decor()
                        .prefix()
                        .and_then(toml_edit::RawString::span)
                        .map_or(span.start, |s| s.start);
                    if p > after && next.is_none_or(|(np, _)| p < np) {
                        next = Some((p, start));
                    }
                }
            });
            let at = next.map_or(text.len(), |(_, start)| start);
            out.push_str(&text[..at]);
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&block);
            out.push_str(&text[at..]);
        }
        None => {
            out.push_str(&text);
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str("\n[answers]\n");
            out.push_str(&block);
        }
    }
    // What is written reads back as an answers file (the block is comments only).
    crate::answers::parse(
        &crate::source::Source::new(answers.file.clone(), out.clone()),
        guideline,
    )?;
    Ok(out)
}

/// Calls `f` with every table of `t`, at any depth.
fn tables(t: &toml_edit::Table, f: &mut impl FnMut(&toml_edit::Table)) {
    for (_, item) in t {
        if let Some(sub) = item.as_table() {
            f(sub);
            tables(sub, f);
        }
    }
}

/// `source` without the commented questions an earlier template left in it (a block from its
/// `# N. id — …` line to its still commented `# id = …` line) and without section headings left
/// with nothing under them. Only whole blocks of that shape go; every other line stays.
fn without_old_questions(g: &Guideline, source: &str) -> String {
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let mut keep = vec![true; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if let Some(id) = block_start(g, lines[i]) {
            let run = (i + 1..lines.len().min(i + 400))
                .take_while(|&j| lines[j].starts_with('#') && block_start(g, lines[j]).is_none());
            let mut end = None;
            let mut open = false;
            for j in run {
                open |= OPEN.iter().any(|m| lines[j].starts_with(m));
                if lines[j].starts_with(&format!("# {id} = ")) {
                    end = Some(j);
                    break;
                }
                // A question with an entry already ends in where to write its value.
                let next_blank = lines.get(j + 1).is_none_or(|l| l.trim().is_empty());
                if open && next_blank {
                    end = Some(j);
                    break;
                }
            }
            if let Some(end) = end {
                (i..=end).for_each(|j| keep[j] = false);
                if i > 0 && lines[i - 1].trim().is_empty() {
                    keep[i - 1] = false;
                }
                i = end + 1;
                continue;
            }
        }
        i += 1;
    }
    // Section headings with nothing left under them: `# ─…`, title lines, `# ─…`, then only
    // comments and blank lines before the next heading, a table header or the end.
    let kept: Vec<&str> = lines
        .iter()
        .zip(&keep)
        .filter_map(|(l, &k)| k.then_some(*l))
        .collect();
    let rule = format!("# {RULE}");
    let mut keep = vec![true; kept.len()];
    let mut i = 0;
    while i < kept.len() {
        if kept[i].trim_end() == rule {
            let close = (i + 1..kept.len().min(i + 8))
                .take_while(|&j| kept[j].starts_with('#'))
                .find(|&j| kept[j].trim_end() == rule);
            if let Some(close) = close {
                // Nothing but comments and blank lines before the next heading, table or end.
                let next = (close + 1..kept.len()).find(|&j| {
                    let l = kept[j].trim();
                    !l.is_empty() && (!l.starts_with('#') || kept[j].trim_end() == rule)
                });
                let empty = next.is_none_or(|j| {
                    kept[j].trim_end() == rule || kept[j].trim_start().starts_with('[')
                });
                if empty {
                    (i..=close).for_each(|j| keep[j] = false);
                    if i > 0 && kept[i - 1].trim().is_empty() {
                        keep[i - 1] = false;
                    }
                }
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
    kept.iter()
        .zip(&keep)
        .filter_map(|(l, &k)| k.then_some(*l))
        .collect()
}

/// How the note of a question whose entry is in the file already begins, in each language.
const OPEN: [&str; 2] = [
    "#    이 질문은 파일에 근거 자료나 메모가 이미 있습니다.",
    "#    This question has evidence or a note in the file already:",
];

/// The question id of a template block's first line, `# 12. employees — …`.
fn block_start<'g>(g: &'g Guideline, line: &str) -> Option<&'g str> {
    let rest = line.strip_prefix("# ")?;
    let (n, rest) = rest.split_once(". ")?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (id, _) = rest.split_once(" — ")?;
    g.question_index(id).map(|q| g.questions[q].id.as_str())
}

/// One question's commented block: number, id and prompt, help, what to write, options, the
/// ask-condition, not applicable, the years of a series and why, and the placeholder line (for a
/// question whose entry is in the file already without a value, where to write it instead).
fn question(
    out: &mut String,
    g: &Guideline,
    qi: usize,
    n: usize,
    lang: Lang,
    year: i32,
    open: bool,
) {
    let q = &g.questions[qi];
    out.push('\n');
    wrap(
        out,
        "# ",
        &format!("{n}. {} — {}", q.id, q.prompt.show(lang)),
    );
    if let Some(help) = &q.help {
        wrap(out, "#    ", help.show(lang));
    }
    let _ = writeln!(out, "#    {}", one_line(&kind_line(q, lang)));
    for c in &q.columns {
        let what = match c.kind {
            QuestionKind::YesNo => lang.pick("true 또는 false", "true or false").to_owned(),
            QuestionKind::Choice => {
                let ids: Vec<String> = c.options.iter().map(|o| quote(&o.id)).collect();
                tr!(lang, "다음 가운데 하나: {}", "one of {}", ids.join(", "))
            }
            QuestionKind::Number | QuestionKind::Integer => {
                let mut parts: Vec<String> =
                    c.unit.iter().map(|u| u.show(lang).to_owned()).collect();
                if c.kind == QuestionKind::Integer {
                    parts.push(lang.pick("정수", "whole number").to_owned());
                }
                match (c.min, c.max) {
                    (Some(lo), Some(hi)) => parts.push(format!("{lo} – {hi}")),
                    (Some(lo), None) => parts.push(tr!(lang, "{lo} 이상", "at least {lo}")),
                    (None, Some(hi)) => parts.push(tr!(lang, "{hi} 이하", "at most {hi}")),
                    (None, None) => {}
                }
                let head = lang.pick("숫자", "a number");
                if parts.is_empty() {
                    head.to_owned()
                } else {
                    format!("{head} ({})", parts.join(", "))
                }
            }
            _ => lang.pick("따옴표 안의 글", "text in quotes").to_owned(),
        };
        let _ = writeln!(
            out,
            "#      {} — {}: {}",
            c.id,
            one_line(c.prompt.show(lang)),
            one_line(&what)
        );
    }
    let width = q.options.iter().map(|o| quote(&o.id).width()).max();
    for o in &q.options {
        let id = quote(&o.id);
        let pad = " ".repeat(width.unwrap_or(0) - id.width());
        let _ = writeln!(out, "#      {id}{pad}  {}", one_line(o.text.show(lang)));
    }
    if let Some(cond) = &q.ask_if {
        let _ = writeln!(
            out,
            "#    {}",
            tr!(
                lang,
                "묻는 조건: {} (거짓이면 답하지 않습니다)",
                "asked only when: {} (otherwise leave it out)",
                one_line(&cond.source)
            )
        );
        // The same in words, for an owner filling in the template.
        if let Some(reason) = &q.ask_if_reason {
            wrap(
                out,
                "#    ",
                &tr!(
                    lang,
                    "{} 그렇다면 이 질문에는 답하지 않습니다.",
                    "{} If so, leave this question unanswered.",
                    reason.show(lang)
                ),
            );
        }
    }
    if let (Some(first), Some(other)) = (q.units.first(), q.units.get(1)) {
        let example = match q.kind {
            QuestionKind::Series => format!("{{ {} = …, … }}", year),
            _ => "…".to_owned(),
        };
        let _ = writeln!(
            out,
            "#    {}",
            one_line(&tr!(
                lang,
                "다른 단위로: {} = {{ value = {}, unit = \"{}\" }}",
                "in another unit: {} = {{ value = {}, unit = \"{}\" }}",
                q.id,
                example,
                other.id
            ))
        );
        for u in &q.units[1..] {
            let _ = writeln!(
                out,
                "#      {}",
                one_line(&format!(
                    "\"{}\"  1 {} = {} {} ({})",
                    u.id,
                    u.text.show(lang),
                    crate::text::number(u.factor, 6),
                    first.text.show(lang),
                    u.source.as_ref().map_or("", |s| s.show(lang))
                ))
            );
        }
    }
    if q.allow_na {
        let _ = writeln!(
            out,
            "#    {}",
            tr!(
                lang,
                "해당 없으면: {} = {{ not_applicable = \"이유\" }}",
                "if it does not apply: {} = {{ not_applicable = \"reason\" }}",
                q.id
            )
        );
    }
    let mut years = crate::assess::years_needed(g, qi, year);
    years.reverse();
    if q.kind == QuestionKind::Series {
        wrap(out, "#    ", &crate::assess::series_note(g, qi, year, lang));
    }
    if open {
        // The file has the entry (evidence or a note): a second key would be an error.
        wrap(
            out,
            "#    ",
            &tr!(
                lang,
                "이 질문은 파일에 근거 자료나 메모가 이미 있습니다. 그 항목에 value = {} 를 더해 답하십시오.",
                "This question has evidence or a note in the file already: answer it by adding value = {} to that entry.",
                placeholder(q, &years)
            ),
        );
        return;
    }
    let _ = writeln!(out, "# {} = {}", q.id, placeholder(q, &years));
}
