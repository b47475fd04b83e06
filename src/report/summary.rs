//! A portfolio's summary: one row per file, written as each arrives (so memory stays flat), in the
//! chosen format, then the portfolio's statistics. The terminal table has fixed column widths for
//! the same reason: it never needs to see all rows first.

use std::io::Write;

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::csv::SummaryCsv;
use super::markdown::escape as md;
use super::{Format, Target};
use crate::batch::{Row, Spread, Statistics};
use crate::text::{Lang, number, visible};
use crate::tr;

/// How a summary is laid out.
#[derive(Debug, Clone, Copy)]
pub struct SummaryStyle {
    /// Width of the terminal or page in columns (the table format).
    pub width: u16,
    pub lang: Lang,
    /// Start CSV with a UTF-8 byte-order mark, for Excel.
    pub bom: bool,
}

/// The summary being written.
pub enum SummaryWriter<'a> {
    Table {
        out: &'a mut dyn Write,
        lang: Lang,
        file: usize,
        firm: usize,
    },
    Markdown {
        out: &'a mut dyn Write,
        lang: Lang,
    },
    Json(&'a mut dyn Write),
    Csv(Box<SummaryCsv<'a>>),
}

const NUM: usize = 6;
const GAP: usize = 12;

/// `s` in exactly `width` columns: padded, or cut with `…`. Control characters are shown as
/// visible symbols first, so that a cut never leaves an escape sequence open.
fn fit(s: &str, width: usize) -> String {
    let s = &*visible(s);
    if s.width() <= width {
        let mut t = s.to_owned();
        t.push_str(&" ".repeat(width - s.width()));
        return t;
    }
    let mut t = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        t.push(c);
        w += cw;
    }
    t.push('…');
    t.push_str(&" ".repeat(width.saturating_sub(w + 1)));
    t
}

/// Like [`fit`], but keeps the end of `s` (the file name of a long path).
fn fit_end(s: &str, width: usize) -> String {
    let s = &*visible(s);
    if s.width() <= width {
        return fit(s, width);
    }
    let mut kept = Vec::new();
    let mut w = 0;
    for c in s.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        kept.push(c);
        w += cw;
    }
    let mut t = String::from("…");
    t.extend(kept.iter().rev());
    t.push_str(&" ".repeat(width.saturating_sub(w + 1)));
    t
}

fn right(s: &str, width: usize) -> String {
    format!("{}{s}", " ".repeat(width.saturating_sub(s.width())))
}

fn score(s: Option<f64>) -> String {
    s.map_or_else(|| "–".to_owned(), |s| number(s, 1))
}

fn error_text(row: &Row, lang: Lang) -> String {
    let Some(e) = &row.error else {
        return String::new();
    };
    let more = if e.count > 1 {
        tr!(lang, " (외 {}건)", " (+{} more)", e.count - 1)
    } else {
        String::new()
    };
    if e.line > 0 {
        tr!(
            lang,
            "오류 {}:{}: {}{}",
            "error {}:{}: {}{}",
            e.line,
            e.column,
            e.message,
            more
        )
    } else {
        tr!(lang, "오류: {}{}", "error: {}{}", e.message, more)
    }
}

impl<'a> SummaryWriter<'a> {
    /// Starts a summary with one column per area (`areas` are the area ids).
    pub fn new(
        format: Format,
        areas: &[&str],
        style: &SummaryStyle,
        out: &'a mut dyn Write,
    ) -> std::io::Result<SummaryWriter<'a>> {
        let lang = style.lang;
        let heads = [
            lang.pick("종합", "total"),
            lang.pick("등급", "grade"),
            lang.pick("백분위", "pctl"),
            lang.pick("완성도", "done"),
        ];
        let top = lang.pick("최대 개선", "top gap");
        Ok(match format {
            Format::Table => {
                let fixed = 4 * NUM + areas.len() * NUM + GAP + 2 * (6 + areas.len());
                let free = usize::from(style.width).saturating_sub(fixed).max(24);
                let file = free / 2;
                let firm = free - file;
                let mut line = format!(
                    "{}  {}",
                    fit(lang.pick("파일", "file"), file),
                    fit(lang.pick("회사", "firm"), firm)
                );
                for h in heads.iter().chain(areas) {
                    line.push_str("  ");
                    line.push_str(&right(h, NUM));
                }
                line.push_str("  ");
                line.push_str(top);
                writeln!(out, "{}", line.trim_end())?;
                writeln!(out, "{}", "─".repeat(line.trim_end().width()))?;
                SummaryWriter::Table {
                    out,
                    lang,
                    file,
                    firm,
                }
            }
            Format::Markdown => {
                let mut cols = vec![lang.pick("파일", "file"), lang.pick("회사", "firm")];
                cols.extend(heads);
                cols.extend(areas);
                cols.push(top);
                writeln!(out, "| {} |", cols.join(" | "))?;
                writeln!(out, "|{}", "---|".repeat(cols.len()))?;
                SummaryWriter::Markdown { out, lang }
            }
            Format::Json => SummaryWriter::Json(out),
            Format::Csv => SummaryWriter::Csv(Box::new(SummaryCsv::new(out, areas, style.bom)?)),
        })
    }

    /// Writes one row.
    pub fn row(&mut self, row: &Row) -> std::io::Result<()> {
        match self {
            SummaryWriter::Table {
                out,
                lang,
                file,
                firm,
            } => {
                let mut line = fit_end(&row.file, *file);
                line.push_str("  ");
                match &row.scored {
                    Some(s) => {
                        line.push_str(&fit(&s.firm, *firm));
                        let pct = s
                            .percentile
                            .map_or_else(|| "–".to_owned(), |p| number(p, 0));
                        let done = s.completeness.map_or_else(
                            || "–".to_owned(),
                            |c| format!("{}%", number(c * 100.0, 0)),
                        );
                        let grade = s
                            .grade
                            .as_deref()
                            .map_or_else(|| "–".to_owned(), |g| visible(g).into_owned());
                        for cell in [score(s.total), grade, pct, done]
                            .into_iter()
                            .chain(s.areas.iter().map(|a| score(a.score)))
                        {
                            line.push_str("  ");
                            line.push_str(&right(&cell, NUM));
                        }
                        if let Some(g) = &s.top_gap {
                            line.push_str(&format!(
                                "  {} +{}",
                                visible(&g.indicator),
                                number(g.gain, 1)
                            ));
                        }
                    }
                    None => line.push_str(&visible(&error_text(row, *lang))),
                }
                writeln!(out, "{}", line.trim_end())
            }
            SummaryWriter::Markdown { out, lang } => {
                let mut cells = vec![md(&row.file)];
                match &row.scored {
                    Some(s) => {
                        cells.push(md(&s.firm));
                        cells.push(score(s.total));
                        cells.push(s.grade.as_deref().map_or_else(|| "–".to_owned(), md));
                        cells.push(
                            s.percentile
                                .map_or_else(|| "–".to_owned(), |p| number(p, 0)),
                        );
                        cells.push(s.completeness.map_or_else(
                            || "–".to_owned(),
                            |c| format!("{}%", number(c * 100.0, 0)),
                        ));
                        cells.extend(s.areas.iter().map(|a| score(a.score)));
                        cells.push(s.top_gap.as_ref().map_or_else(String::new, |g| {
                            format!(
                                "{} {} (+{})",
                                md(&g.indicator),
                                md(&g.title),
                                number(g.gain, 1)
                            )
                        }));
                    }
                    None => cells.push(format!("**{}**", md(&error_text(row, *lang)))),
                }
                writeln!(out, "| {} |", cells.join(" | "))
            }
            SummaryWriter::Json(out) => {
                serde_json::to_writer(&mut **out, &Line { kind: "firm", row })?;
                writeln!(out)
            }
            SummaryWriter::Csv(w) => w.row(row),
        }
    }

    /// Ends the rows and, except for CSV (one table per file), adds the statistics if given.
    pub fn finish(self, stats: Option<&Statistics>) -> std::io::Result<()> {
        match self {
            SummaryWriter::Table { out, lang, .. } => {
                if let Some(s) = stats {
                    writeln!(out)?;
                    statistics(Format::Table, s, lang, false, out)?;
                }
                out.flush()
            }
            SummaryWriter::Markdown { out, lang } => {
                if let Some(s) = stats {
                    writeln!(out)?;
                    statistics(Format::Markdown, s, lang, false, out)?;
                }
                out.flush()
            }
            SummaryWriter::Json(out) => {
                if let Some(s) = stats {
                    serde_json::to_writer(
                        &mut *out,
                        &PortfolioLine {
                            kind: "portfolio",
                            statistics: s,
                        },
                    )?;
                    writeln!(out)?;
                }
                out.flush()
            }
            SummaryWriter::Csv(w) => w.finish(),
        }
    }
}

#[derive(serde::Serialize)]
struct Line<'a> {
    kind: &'static str,
    #[serde(flatten)]
    row: &'a Row,
}

#[derive(serde::Serialize)]
struct PortfolioLine<'a> {
    kind: &'static str,
    #[serde(flatten)]
    statistics: &'a Statistics,
}

/// Renders a portfolio's statistics.
pub fn statistics(
    format: Format,
    stats: &Statistics,
    lang: Lang,
    bom: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let headline = tr!(
        lang,
        "포트폴리오: 파일 {}개 · 채점 {}개 · 채점하지 못함 {}개",
        "Portfolio: {} files · {} scored · {} could not be scored",
        stats.files,
        stats.scored,
        stats.failed
    );
    let t = if format == Format::Markdown {
        Target::Markdown
    } else {
        Target::Terminal
    };
    let grades: Vec<String> = stats
        .grades
        .iter()
        .map(|g| {
            if g.id.is_empty() {
                format!("{} {}", t.text(&g.title), g.count)
            } else {
                format!("{} {} {}", t.text(&g.id), t.text(&g.title), g.count)
            }
        })
        .collect();
    let grades = format!("{} {}", lang.pick("등급:", "Grades:"), grades.join(" · "));
    let head = [
        "",
        "n",
        lang.pick("평균", "mean"),
        lang.pick("최소", "min"),
        "Q1",
        lang.pick("중앙값", "median"),
        "Q3",
        lang.pick("최대", "max"),
    ];
    let mut series: Vec<(String, &Spread)> =
        vec![(lang.pick("종합", "Total").to_owned(), &stats.total)];
    series.extend(
        stats
            .areas
            .iter()
            .map(|a| (format!("{} {}", t.text(&a.id), t.text(&a.title)), &a.spread)),
    );
    let cells = |name: &str, s: &Spread| -> Vec<String> {
        let mut v = vec![name.to_owned(), s.n.to_string()];
        v.extend([s.mean, s.min, s.q1, s.median, s.q3, s.max].map(score));
        v
    };
    match format {
        Format::Table => {
            writeln!(out, "{headline}")?;
            writeln!(out, "{grades}")?;
            let mut t = Table::new();
            t.load_preset(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Disabled)
                .force_no_tty()
                .set_header(head);
            for (name, s) in &series {
                t.add_row(cells(name, s));
            }
            for i in 1..head.len() {
                if let Some(c) = t.column_mut(i) {
                    c.set_cell_alignment(CellAlignment::Right);
                }
            }
            writeln!(out, "{t}")
        }
        Format::Markdown => {
            writeln!(
                out,
                "## {}",
                lang.pick("포트폴리오 통계", "Portfolio statistics")
            )?;
            writeln!(out)?;
            writeln!(out, "{headline}")?;
            writeln!(out)?;
            writeln!(out, "{grades}")?;
            writeln!(out)?;
            writeln!(out, "| {} |", head.join(" | "))?;
            writeln!(out, "|---|{}", "---:|".repeat(head.len() - 1))?;
            for (name, s) in &series {
                writeln!(out, "| {} |", cells(name, s).join(" | "))?;
            }
            Ok(())
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, stats)?;
            writeln!(out)
        }
        Format::Csv => super::csv::statistics(stats, bom, out),
    }
}
