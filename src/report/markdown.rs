//! A Markdown report: the same content as the terminal report, for documents and e-mail.

use std::io::Write;

use super::{Style, effort, percent, score, status};
use crate::scorecard::{Scorecard, Status};
use crate::text::number;
use crate::tr;

/// Text for a Markdown table cell: pipes escaped, line breaks as `<br>`.
pub(super) fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', "<br>")
}

pub fn render(card: &Scorecard, style: &Style, out: &mut dyn Write) -> std::io::Result<()> {
    let lang = card.lang;
    let c = &card.completeness;
    writeln!(out, "# {}", cell(&card.firm.name))?;
    writeln!(out)?;
    writeln!(
        out,
        "{} {} (`{}`)",
        card.guideline.title, card.guideline.version, card.guideline.id
    )?;
    writeln!(out)?;
    let grade = card
        .grade
        .as_ref()
        .map_or_else(|| "–".to_owned(), |g| format!("{} ({})", g.id, g.title));
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
            a.id,
            cell(&a.title),
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
                (_, Some(n)) => format!("{}/{}: {}", n.number, n.of, n.text),
                (_, None) => String::new(),
            };
            writeln!(
                out,
                "| {} | {} {} | +{} | {} | {} | {} |",
                g.rank,
                g.indicator,
                cell(&g.title),
                number(g.gain, 1),
                cell(&next),
                cell(&g.recommendation),
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
                i.id,
                cell(&i.title),
                status(i.status, lang),
                points,
                cell(&i.explanation)
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
                    i.id,
                    cell(&i.title),
                    cell(&i.explanation)
                )?;
            }
        }
    }
    Ok(())
}
