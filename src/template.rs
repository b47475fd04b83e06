//! The commented answers template of `esg init`: every question with its prompt, help, kind,
//! allowed values, unit, bounds, ask-condition and whether it may be marked not applicable,
//! grouped as the questionnaire asks them. Each question ends in a commented-out line with the
//! placeholder `"?"`; removing the `#` and writing the answer in its place answers it, and a line
//! uncommented but left as it is, is an error rather than an answer nobody gave.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use crate::answers::PLACEHOLDER;
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
    }
}

/// The template for `guideline` in `lang`, with series asking for the years up to `last_year`.
#[must_use]
pub fn template(guideline: &Guideline, lang: Lang, last_year: i32) -> String {
    let lang = guideline.lang(lang);
    let mut out = String::new();
    let title = guideline.title.show(lang);
    let _ = writeln!(
        out,
        "{}",
        tr!(
            lang,
            "# ESG 자가진단 답변 양식: {} ({} {})",
            "# ESG self-assessment answers: {} ({} {})",
            one_line(title),
            guideline.id,
            one_line(&guideline.version)
        )
    );
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
    let _ = writeln!(
        out,
        "[guideline]\nid = {}\nversion = {}\n",
        quote(&guideline.id),
        quote(&guideline.version)
    );
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
    ];
    for (key, comment) in firm {
        let _ = writeln!(out, "{key:<36}# {comment}");
    }
    out.push_str("\n[answers]\n");

    let plan = Plan::new(guideline);
    let mut section = None;
    for (n, (&qi, &sec)) in plan.order.iter().zip(&plan.sections).enumerate() {
        if section != Some(sec) {
            section = Some(sec);
            let title = sec.title(guideline, lang);
            let rule = "─".repeat(40);
            let _ = write!(out, "\n# {rule}\n# {}\n", one_line(&title));
            if sec == Section::Profile {
                wrap(
                    &mut out,
                    "# ",
                    lang.pick(
                        "회사를 설명하는 답으로, 어떤 지표가 적용되는지를 정합니다.",
                        "These answers describe the firm and decide which indicators apply.",
                    ),
                );
            }
            let _ = writeln!(out, "# {rule}");
        }
        question(&mut out, guideline, qi, n + 1, lang, last_year);
    }
    out
}

fn question(out: &mut String, g: &Guideline, qi: usize, n: usize, lang: Lang, last_year: i32) {
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
    let years: Vec<i32> = (0..i32::try_from(q.years).unwrap_or(3))
        .rev()
        .map(|i| last_year - i)
        .collect();
    let _ = writeln!(out, "# {} = {}", q.id, placeholder(q, &years));
}
