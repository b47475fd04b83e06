//! The terminal report: headline, areas, top gaps, and what is not applicable or unanswered.
//!
//! Every text from the answers file or the guideline goes through [`visible`] here, where it is
//! rendered: an escape sequence in a firm's name cannot clear the screen, and a line break in it
//! cannot split a row. The line breaks the report puts between its own parts stay.

use std::io::Write;

use comfy_table::{
    Attribute, Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, Width,
    presets,
};

use super::{Style, effort, percent, score, status};
use crate::scorecard::{Scorecard, Status};
use crate::text::{number, visible};
use crate::tr;

pub(super) fn table(style: &Style) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width);
    if style.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t
}

pub(super) fn header(cells: &[&str], style: &Style) -> Vec<Cell> {
    cells
        .iter()
        .map(|c| {
            let cell = Cell::new(c);
            if style.color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        })
        .collect()
}

fn bar(score: Option<f64>) -> String {
    let Some(s) = score else { return String::new() };
    let filled = ((s / 10.0).round() as usize).min(10);
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}

pub fn render(card: &Scorecard, style: &Style, out: &mut dyn Write) -> std::io::Result<()> {
    let lang = card.lang;
    let c = &card.completeness;
    writeln!(out, "{}", visible(&card.firm.name))?;
    writeln!(
        out,
        "{} {} ({})",
        visible(&card.guideline.title),
        visible(&card.guideline.version),
        visible(&card.guideline.id)
    )?;
    writeln!(out)?;
    let grade = card.grade.as_ref().map_or_else(
        || "–".to_owned(),
        |g| format!("{} ({})", visible(&g.id), visible(&g.title)),
    );
    let headline = tr!(
        lang,
        "종합 {} / 100 · 등급 {} · 응답 완성도 {} ({}/{} 지표)",
        "Total {} / 100 · Grade {} · Completeness {} ({} of {} indicators)",
        score(card.total),
        grade,
        percent(c.ratio),
        c.scored,
        c.applicable
    );
    if style.color {
        writeln!(out, "\x1b[1m{headline}\x1b[0m")?;
    } else {
        writeln!(out, "{headline}")?;
    }
    if card.unanswered_policy == crate::scorecard::Unanswered::Exclude {
        writeln!(
            out,
            "{}",
            lang.pick(
                "(미응답 지표는 점수 계산에서 제외)",
                "(unanswered indicators left out of the scores)"
            )
        )?;
    }
    for w in &card.warnings {
        writeln!(out, "{} {}", lang.pick("주의:", "warning:"), visible(w))?;
    }
    writeln!(out)?;

    let mut areas = table(style);
    areas.set_header(header(
        &[
            lang.pick("영역", "Area"),
            lang.pick("점수", "Score"),
            "",
            lang.pick("가중치", "Weight"),
            lang.pick("완성도", "Complete"),
            lang.pick("해당 없음", "N/A"),
        ],
        style,
    ));
    for a in &card.areas {
        let shown = if a.status == Status::NotApplicable {
            status(a.status, lang).to_owned()
        } else {
            score(a.score)
        };
        areas.add_row(vec![
            Cell::new(format!("{} {}", visible(&a.id), visible(&a.title))),
            Cell::new(shown).set_alignment(CellAlignment::Right),
            Cell::new(bar(a.score)),
            Cell::new(number(a.weight, 2)).set_alignment(CellAlignment::Right),
            Cell::new(format!(
                "{} ({}/{})",
                percent(a.completeness.ratio),
                a.completeness.scored,
                a.completeness.applicable
            ))
            .set_alignment(CellAlignment::Right),
            Cell::new(a.completeness.not_applicable).set_alignment(CellAlignment::Right),
        ]);
    }
    writeln!(out, "{areas}")?;
    if let Some(inv) = &card.ghg {
        super::inventory::table_section(inv, style, lang, out)?;
    }

    if !card.gaps.is_empty() {
        writeln!(out)?;
        let shown = card.gaps.len().min(style.top);
        writeln!(
            out,
            "{}",
            tr!(
                lang,
                "개선 우선순위 (전체 {}개 중 상위 {}개)",
                "Top gaps ({} in all, {} shown)",
                card.gaps.len(),
                shown
            )
        )?;
        let mut gaps = table(style);
        gaps.set_header(header(
            &[
                "#",
                lang.pick("지표 → 다음 단계", "Indicator → next level"),
                lang.pick("+점수", "Gain"),
                lang.pick("할 일", "What to do"),
            ],
            style,
        ));
        for g in card.gaps.iter().take(style.top) {
            let next = match (&g.status, &g.next_level) {
                (Status::Unanswered, _) => lang.pick("먼저 답하기", "answer it first").to_owned(),
                (_, Some(n)) => format!("{}/{}: {}", n.number, n.of, visible(&n.text)),
                (_, None) => String::new(),
            };
            let gain =
                Cell::new(format!("+{}", number(g.gain, 1))).set_alignment(CellAlignment::Right);
            let gain = if style.color {
                gain.fg(Color::Green)
            } else {
                gain
            };
            gaps.add_row(vec![
                Cell::new(g.rank),
                Cell::new(format!(
                    "{} {}\n→ {next}",
                    visible(&g.indicator),
                    visible(&g.title)
                )),
                gain,
                Cell::new(what_to_do(
                    &visible(&g.recommendation),
                    effort(g.effort, lang),
                    lang,
                )),
            ]);
        }
        if let Some(col) = gaps.column_mut(3) {
            col.set_constraint(ColumnConstraint::LowerBoundary(Width::Percentage(45)));
        }
        writeln!(out, "{gaps}")?;
    }

    if style.detail {
        writeln!(out)?;
        writeln!(out, "{}", lang.pick("지표별 상세", "Every indicator"))?;
        let mut all = table(style);
        all.set_header(header(
            &[
                lang.pick("지표", "Indicator"),
                lang.pick("상태", "Status"),
                lang.pick("점수", "Points"),
                lang.pick("답", "Answer"),
                lang.pick("설명", "Explanation"),
            ],
            style,
        ));
        for i in &card.indicators {
            let answers: Vec<String> = i
                .answers
                .iter()
                .map(|a| {
                    let v = a
                        .answer
                        .as_deref()
                        .map(|a| visible(a).into_owned())
                        .or_else(|| {
                            a.not_applicable.as_ref().map(|r| {
                                format!("{}: {}", lang.pick("해당 없음", "N/A"), visible(r))
                            })
                        })
                        .unwrap_or_else(|| "–".to_owned());
                    let mut line = format!("{}: {v}", visible(&a.question));
                    if !a.evidence.is_empty() {
                        let evidence: Vec<_> = a.evidence.iter().map(|e| visible(e)).collect();
                        line.push_str(&format!(
                            "\n  {} {}",
                            lang.pick("근거:", "evidence:"),
                            evidence.join(", ")
                        ));
                    }
                    line
                })
                .collect();
            let points = i.points.map_or_else(
                || "–".to_owned(),
                |p| format!("{}/{}", number(p, 2), number(i.max_points, 2)),
            );
            all.add_row(vec![
                Cell::new(format!("{}\n{}", visible(&i.id), visible(&i.title))),
                Cell::new(status(i.status, lang)),
                Cell::new(points).set_alignment(CellAlignment::Right),
                Cell::new(answers.join("\n")),
                Cell::new(visible(&i.explanation)),
            ]);
        }
        writeln!(out, "{all}")?;
    }

    if !style.detail {
        for (heading, items) in super::left_out(card) {
            writeln!(out)?;
            writeln!(out, "{heading}")?;
            for i in items {
                writeln!(
                    out,
                    "  {} {}: {}",
                    visible(&i.id),
                    visible(&i.title),
                    visible(&i.explanation)
                )?;
            }
        }
    }
    Ok(())
}

/// The recommendation and its effort; the effort alone when the guideline gives no recommendation.
fn what_to_do(recommendation: &str, effort: &str, lang: crate::text::Lang) -> String {
    let effort = format!("({} {effort})", lang.pick("노력:", "effort:"));
    if recommendation.trim().is_empty() {
        effort
    } else {
        format!("{recommendation}\n{effort}")
    }
}
