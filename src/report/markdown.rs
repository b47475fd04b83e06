//! A Markdown report: the same content as the terminal report, for documents and e-mail.

use std::io::Write;

use super::{Style, effort, percent, score, status};
use crate::scorecard::{Scorecard, Status};
use crate::text::{number, visible};
use crate::tr;

/// Text from an answers file or a guideline for Markdown (a table cell, a list item, a heading):
/// shown as written, never turned into markup, a link or HTML, whether the report is read on a
/// wiki or converted to HTML. `<`, `>` and `&` become entities; a backslash, and each character
/// that could start emphasis, code, a link, a table cell, a heading or attributes (`` ` `` `*`
/// `_` `[` `]` `|` `~` `^` `#` `{` `}`), is escaped with a backslash; a line break becomes `<br>` (the
/// only HTML a report holds); other control characters become visible symbols.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '^' | '#' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\t' => out.push(' '),
            c => {
                let mut buf = [0; 4];
                out.push_str(&visible(c.encode_utf8(&mut buf)));
            }
        }
    }
    out
}

/// An id as inline code when it is a plain identifier (letters, digits, `_`, `-`, `.`), else as
/// escaped text: a code span cannot hold escapes.
#[must_use]
pub fn code(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        format!("`{s}`")
    } else {
        escape(s)
    }
}

pub fn render(card: &Scorecard, style: &Style, out: &mut dyn Write) -> std::io::Result<()> {
    let lang = card.lang;
    let c = &card.completeness;
    writeln!(out, "# {}", escape(&card.firm.name))?;
    writeln!(out)?;
    writeln!(
        out,
        "{} {} ({})",
        escape(&card.guideline.title),
        escape(&card.guideline.version),
        code(&card.guideline.id)
    )?;
    writeln!(out)?;
    let grade = card.grade.as_ref().map_or_else(
        || "–".to_owned(),
        |g| format!("{} ({})", escape(&g.id), escape(&g.title)),
    );
    writeln!(
        out,
        "{}",
        tr!(
            lang,
            "**종합 {} / 100** · 등급 **{}** · 응답 완성도 {} ({}/{} 지표)",
            "**Total {} / 100** · Grade **{}** · Completeness {} ({} of {} indicators)",
            score(card.total),
            grade,
            percent(c.ratio),
            c.scored,
            c.applicable
        )
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "| {} | {} | {} | {} |",
        lang.pick("영역", "Area"),
        lang.pick("점수", "Score"),
        lang.pick("가중치", "Weight"),
        lang.pick("완성도", "Complete")
    )?;
    writeln!(out, "|---|---:|---:|---:|")?;
    for a in &card.areas {
        let shown = if a.status == Status::NotApplicable {
            status(a.status, lang).to_owned()
        } else {
            score(a.score)
        };
        writeln!(
            out,
            "| {} {} | {} | {} | {} |",
            escape(&a.id),
            escape(&a.title),
            shown,
            number(a.weight, 2),
            percent(a.completeness.ratio)
        )?;
    }
    if let Some(inv) = &card.ghg {
        super::inventory::markdown_section(inv, lang, out)?;
    }
    if !card.gaps.is_empty() {
        writeln!(out)?;
        writeln!(out, "## {}", lang.pick("개선 우선순위", "Top gaps"))?;
        writeln!(out)?;
        writeln!(
            out,
            "| # | {} | {} | {} | {} | {} |",
            lang.pick("지표", "Indicator"),
            lang.pick("+점수", "Gain"),
            lang.pick("다음 단계", "Next level"),
            lang.pick("할 일", "What to do"),
            lang.pick("노력", "Effort")
        )?;
        writeln!(out, "|---|---|---:|---|---|---|")?;
        for g in card.gaps.iter().take(style.top) {
            let next = match (&g.status, &g.next_level) {
                (Status::Unanswered, _) => lang.pick("먼저 답하기", "answer it first").to_owned(),
                (_, Some(n)) => format!("{}/{}: {}", n.number, n.of, escape(&n.text)),
                (_, None) => String::new(),
            };
            writeln!(
                out,
                "| {} | {} {} | +{} | {} | {} | {} |",
                g.rank,
                escape(&g.indicator),
                escape(&g.title),
                number(g.gain, 1),
                next,
                escape(&g.recommendation),
                effort(g.effort, lang)
            )?;
        }
    }
    if style.detail {
        writeln!(out)?;
        writeln!(out, "## {}", lang.pick("지표별 상세", "Every indicator"))?;
        writeln!(out)?;
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            lang.pick("지표", "Indicator"),
            lang.pick("상태", "Status"),
            lang.pick("점수", "Points"),
            lang.pick("설명", "Explanation")
        )?;
        writeln!(out, "|---|---|---:|---|")?;
        for i in &card.indicators {
            let points = i.points.map_or_else(
                || "–".to_owned(),
                |p| format!("{}/{}", number(p, 2), number(i.max_points, 2)),
            );
            writeln!(
                out,
                "| {} {} | {} | {} | {} |",
                escape(&i.id),
                escape(&i.title),
                status(i.status, lang),
                points,
                escape(&i.explanation)
            )?;
        }
    }
    if !style.detail {
        for (heading, items) in super::left_out(card) {
            writeln!(out)?;
            writeln!(out, "## {heading}")?;
            writeln!(out)?;
            for i in items {
                writeln!(
                    out,
                    "- {} {}: {}",
                    escape(&i.id),
                    escape(&i.title),
                    escape(&i.explanation)
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{code, escape};

    #[test]
    fn hostile_text_is_escaped() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escape("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            escape("[click](javascript:alert(1))"),
            "\\[click\\](javascript:alert(1))"
        );
        assert_eq!(escape("a\\|b"), "a\\\\\\|b");
        assert_eq!(
            escape("**bold** `code` _x_"),
            "\\*\\*bold\\*\\* \\`code\\` \\_x\\_"
        );
        assert_eq!(escape("&lt;"), "&amp;lt;");
        assert_eq!(
            escape("line\r\nnext\nthird\rfourth"),
            "line<br>next<br>third<br>fourth"
        );
        assert_eq!(
            escape("# {onclick=x} ~~s~~"),
            "\\# \\{onclick=x\\} \\~\\~s\\~\\~"
        );
        assert_eq!(escape("\u{1b}[2J\t(주)한빛"), "␛\\[2J (주)한빛");
    }

    #[test]
    fn plain_ids_stay_code() {
        assert_eq!(code("k-esg-sme"), "`k-esg-sme`");
        assert_eq!(code("a`b"), "a\\`b");
        assert_eq!(code(""), "");
    }
}
