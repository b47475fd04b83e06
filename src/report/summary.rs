//! A portfolio's summary: one row per file, written as each arrives (so memory stays flat), in the
//! chosen format, then the portfolio's statistics. The terminal table lays its columns out once,
//! for the terminal's width, since it never sees all rows first: columns that do not fit are left
//! out (area scores first), and names longer than their column are cut at the end with `…`.

use std::io::Write;

use schemars::JsonSchema;
use serde::Serialize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::csv::SummaryCsv;
use super::grid::{Align, Column, Grid};
use super::json::WarningJson;
use super::markdown::escape as md;
use super::{Format, Target};
use crate::portfolio::{Row, RowStatus, Spread, Statistics};
use crate::text::{Lang, Measure, visible, wrap_indented};
use crate::tr;

/// How a summary is laid out.
#[derive(Debug, Clone)]
pub struct SummaryStyle {
    /// Width of the terminal or page in columns (the table format).
    pub width: u16,
    pub lang: Lang,
    /// Start CSV with a UTF-8 byte-order mark, for Excel.
    pub bom: bool,
    /// The one directory the files were found in, when the user named only that: the terminal
    /// table shows paths below it (`a/b.toml`, not `clients/2026/a/b.toml`), so the names that
    /// tell the files apart fit the column. Other formats keep every path whole.
    pub base: Option<String>,
}

impl SummaryStyle {
    /// `file` as the terminal table shows it: below [`SummaryStyle::base`] when it is there.
    fn shown<'f>(&self, file: &'f str) -> &'f str {
        self.base
            .as_deref()
            .and_then(|base| file.strip_prefix(base))
            .map(|rest| rest.trim_start_matches(['/', '\\']))
            .filter(|rest| !rest.is_empty())
            .unwrap_or(file)
    }
}

/// The columns of the terminal table that fit its width.
#[derive(Debug, Clone)]
pub struct Layout {
    width: usize,
    file: usize,
    firm: usize,
    percentile: bool,
    done: bool,
    areas: bool,
    top: bool,
}

/// Width of a number column.
const NUM: usize = 6;
/// Width of the top-gap column.
const GAP: usize = 14;
/// The narrowest a name column gets before other columns are left out.
const NAME: usize = 12;

impl Layout {
    fn new(width: usize, areas: usize) -> Layout {
        let mut l = Layout {
            width,
            file: 0,
            firm: 0,
            percentile: true,
            done: true,
            areas: true,
            top: true,
        };
        // Left out in this order while the names would get less than `NAME` each.
        let steps: [fn(&mut Layout); 4] = [
            |l| l.areas = false,
            |l| l.percentile = false,
            |l| l.top = false,
            |l| l.done = false,
        ];
        let mut steps = steps.iter();
        loop {
            let numbers = 2 + usize::from(l.percentile) + usize::from(l.done);
            let fixed = (numbers + if l.areas { areas } else { 0 }) * (NUM + 2)
                + if l.top { GAP + 2 } else { 0 }
                + 2;
            let free = width.saturating_sub(fixed);
            if free >= 2 * NAME {
                l.file = free / 2;
                l.firm = free - l.file;
                return l;
            }
            match steps.next() {
                Some(step) => step(&mut l),
                None => {
                    l.file = (free / 2).max(4);
                    l.firm = free.saturating_sub(l.file).max(4);
                    return l;
                }
            }
        }
    }
}

/// The summary being written.
pub enum SummaryWriter<'a> {
    Table {
        out: &'a mut dyn Write,
        lang: Lang,
        layout: Layout,
        style: SummaryStyle,
    },
    Markdown {
        out: &'a mut dyn Write,
        lang: Lang,
    },
    Json {
        out: &'a mut dyn Write,
        lang: Lang,
    },
    Csv(Box<SummaryCsv<'a>>),
    Html(super::html::Index<'a>),
}

/// `s` in exactly `width` columns: padded, or cut at the end with `…`. Control characters are
/// shown as visible symbols first, so that a cut never leaves an escape sequence open.
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

fn right(s: &str, width: usize) -> String {
    format!("{}{s}", " ".repeat(width.saturating_sub(s.width())))
}

fn score(s: Option<f64>) -> String {
    s.map_or_else(|| "–".to_owned(), |s| Measure::Score.show(s))
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
            e.message.get(lang),
            more
        )
    } else {
        tr!(lang, "오류: {}{}", "error: {}{}", e.message.get(lang), more)
    }
}

fn heads(lang: Lang) -> [&'static str; 4] {
    [
        lang.pick("종합", "total"),
        lang.pick("등급", "grade"),
        lang.pick("백분위", "pctl"),
        lang.pick("완성도", "done"),
    ]
}

/// The numbers of a scored row, as the table and Markdown show them: total, grade, percentile,
/// completeness.
fn numbers(s: &crate::portfolio::Scored) -> [String; 4] {
    [
        score(s.total),
        s.grade
            .as_deref()
            .map_or_else(|| "–".to_owned(), |g| visible(g).into_owned()),
        s.percentile
            .map_or_else(|| "–".to_owned(), |p| Measure::Rank.show(p)),
        s.completeness
            .map_or_else(|| "–".to_owned(), |c| Measure::Share.show(c)),
    ]
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
        let top = lang.pick("최대 개선", "top gap");
        Ok(match format {
            Format::Table => {
                let layout = Layout::new(usize::from(style.width), areas.len());
                let [total, grade, pctl, done] = heads(lang);
                let mut line = format!(
                    "{}  {}",
                    fit(lang.pick("파일", "file"), layout.file),
                    fit(lang.pick("회사", "firm"), layout.firm)
                );
                let mut cells = vec![total, grade];
                if layout.percentile {
                    cells.push(pctl);
                }
                if layout.done {
                    cells.push(done);
                }
                if layout.areas {
                    cells.extend(areas);
                }
                for h in cells {
                    line.push_str("  ");
                    line.push_str(&right(fit(h, NUM).trim_end(), NUM));
                }
                if layout.top {
                    line.push_str("  ");
                    line.push_str(&fit(top, GAP));
                }
                let line = line.trim_end().to_owned();
                writeln!(out, "{line}")?;
                writeln!(out, "{}", "─".repeat(line.width()))?;
                SummaryWriter::Table {
                    out,
                    lang,
                    layout,
                    style: style.clone(),
                }
            }
            Format::Markdown => {
                let mut cols = vec![lang.pick("파일", "file"), lang.pick("회사", "firm")];
                cols.extend(heads(lang));
                cols.extend(areas);
                cols.push(top);
                writeln!(out, "| {} |", cols.join(" | "))?;
                writeln!(out, "|{}", "---|".repeat(cols.len()))?;
                SummaryWriter::Markdown { out, lang }
            }
            Format::Json => SummaryWriter::Json { out, lang },
            Format::Csv => {
                SummaryWriter::Csv(Box::new(SummaryCsv::new(out, areas, style.bom, lang)?))
            }
            Format::Html => SummaryWriter::Html(super::html::Index::new(out, lang)?),
        })
    }

    /// Writes one row.
    pub fn row(&mut self, row: &Row) -> std::io::Result<()> {
        match self {
            SummaryWriter::Table {
                out,
                lang,
                layout,
                style,
            } => {
                let mut line = fit(style.shown(&row.file), layout.file);
                line.push_str("  ");
                match &row.scored {
                    Some(s) => {
                        line.push_str(&fit(&s.firm, layout.firm));
                        let [total, grade, pctl, done] = numbers(s);
                        let mut cells = vec![total, grade];
                        if layout.percentile {
                            cells.push(pctl);
                        }
                        if layout.done {
                            cells.push(done);
                        }
                        if layout.areas {
                            cells.extend(s.areas.iter().map(|a| score(a.score)));
                        }
                        for cell in cells {
                            line.push_str("  ");
                            line.push_str(&right(&cell, NUM));
                        }
                        if let Some(g) = s.top_gap.as_ref().filter(|_| layout.top) {
                            line.push_str("  ");
                            let gap = format!(
                                "{} +{}",
                                visible(&g.indicator),
                                Measure::Gain.show(g.gain)
                            );
                            line.push_str(&fit(&gap, GAP));
                        }
                        writeln!(out, "{}", line.trim_end())
                    }
                    None => {
                        // The error, wrapped under the firm column.
                        let room = layout.width.saturating_sub(layout.file + 2).max(8);
                        let indent = " ".repeat(layout.file + 2);
                        let text = visible(&error_text(row, *lang)).into_owned();
                        let lines = crate::text::wrap(&text, room);
                        let mut lines = lines.iter();
                        line.push_str(lines.next().map_or("", String::as_str));
                        writeln!(out, "{}", line.trim_end())?;
                        for l in lines {
                            writeln!(out, "{indent}{l}")?;
                        }
                        Ok(())
                    }
                }
            }
            SummaryWriter::Markdown { out, lang } => {
                let mut cells = vec![md(&row.file)];
                match &row.scored {
                    Some(s) => {
                        cells.push(md(&s.firm));
                        cells.extend(numbers(s).iter().map(|c| md(c)));
                        cells.extend(s.areas.iter().map(|a| score(a.score)));
                        cells.push(s.top_gap.as_ref().map_or_else(String::new, |g| {
                            format!(
                                "{} {} (+{})",
                                md(&g.indicator),
                                md(g.title.show(*lang)),
                                Measure::Gain.show(g.gain)
                            )
                        }));
                    }
                    None => cells.push(format!("**{}**", md(&error_text(row, *lang)))),
                }
                writeln!(out, "| {} |", cells.join(" | "))
            }
            SummaryWriter::Json { out, lang } => {
                serde_json::to_writer(&mut **out, &PortfolioLine::Firm(row_json(row, *lang)))?;
                writeln!(out)
            }
            SummaryWriter::Csv(w) => w.row(row),
            SummaryWriter::Html(w) => w.row(row),
        }
    }

    /// Ends the rows and, except for CSV (one table per file), adds the statistics if given.
    pub fn finish(self, stats: Option<&Statistics>) -> std::io::Result<()> {
        match self {
            SummaryWriter::Table {
                out, lang, layout, ..
            } => {
                if let Some(s) = stats {
                    writeln!(out)?;
                    table_statistics(s, lang, layout.width, out)?;
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
            SummaryWriter::Json { out, lang } => {
                if let Some(s) = stats {
                    serde_json::to_writer(
                        &mut *out,
                        &PortfolioLine::Portfolio(statistics_json(s, lang)),
                    )?;
                    writeln!(out)?;
                }
                out.flush()
            }
            SummaryWriter::Csv(w) => w.finish(),
            SummaryWriter::Html(w) => w.finish(stats),
        }
    }
}

/// A line of a portfolio's JSON Lines summary: a firm's row, or (last) the portfolio's
/// statistics. Every key is always present, `null` when there is no value.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
#[schemars(
    title = "esg portfolio row",
    description = "A line of `esg score DIR --format json`: a firm's row, or the portfolio's statistics"
)]
pub enum PortfolioLine {
    Firm(RowJson),
    Portfolio(StatisticsJson),
}

/// A firm's row.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RowJson {
    pub status: RowStatus,
    /// The file's path as found.
    pub file: String,
    /// Null when the file could not be scored, as every field of the score.
    pub firm: Option<String>,
    /// 0 to 100; null when no area is applicable.
    pub total: Option<f64>,
    pub grade: Option<String>,
    /// Share of the portfolio's firms with a lower total, 0 to 100.
    pub percentile: Option<f64>,
    /// Scored over applicable indicators, 0 to 1.
    pub completeness: Option<f64>,
    pub areas: Option<Vec<AreaScoreJson>>,
    pub top_gap: Option<TopGapJson>,
    /// GHG totals; null when the guideline has no inventory or the firm reported nothing to it.
    pub ghg: Option<GhgRowJson>,
    pub warnings: Option<Vec<WarningJson>>,
    /// Where and why the file could not be scored.
    pub error: Option<RowErrorJson>,
    /// Where the firm's own report was written, with `-o DIR`.
    pub report: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AreaScoreJson {
    pub id: String,
    pub score: Option<f64>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct TopGapJson {
    pub indicator: String,
    pub title: String,
    pub gain: f64,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct GhgRowJson {
    pub scope1_tco2e: f64,
    pub scope2_location_tco2e: f64,
    pub scope2_market_tco2e: f64,
    /// In the unit of the guideline's intensity metric.
    pub intensity: Option<f64>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct RowErrorJson {
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// How many problems the file has in all.
    pub count: usize,
}

/// A portfolio's statistics.
#[derive(Debug, Serialize, JsonSchema)]
pub struct StatisticsJson {
    pub files: u64,
    pub scored: u64,
    pub failed: u64,
    /// Best grade first, then firms with no total (id null).
    pub grades: Vec<GradeCountJson>,
    pub total: SpreadJson,
    pub areas: Vec<AreaSpreadJson>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct GradeCountJson {
    pub id: Option<String>,
    pub title: String,
    pub count: u64,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SpreadJson {
    pub n: u64,
    pub mean: Option<f64>,
    pub min: Option<f64>,
    pub q1: Option<f64>,
    pub median: Option<f64>,
    pub q3: Option<f64>,
    pub max: Option<f64>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AreaSpreadJson {
    pub id: String,
    pub title: String,
    #[serde(flatten)]
    pub spread: SpreadJson,
}

fn spread_json(s: &Spread) -> SpreadJson {
    SpreadJson {
        n: s.n,
        mean: s.mean,
        min: s.min,
        q1: s.q1,
        median: s.median,
        q3: s.q3,
        max: s.max,
    }
}

/// A row as JSON, with titles and messages in `lang`.
#[must_use]
pub fn row_json(row: &Row, lang: Lang) -> RowJson {
    let s = row.scored.as_ref();
    RowJson {
        status: row.status,
        file: row.file.clone(),
        firm: s.map(|s| s.firm.clone()),
        total: s.and_then(|s| s.total),
        grade: s.and_then(|s| s.grade.clone()),
        percentile: s.and_then(|s| s.percentile),
        completeness: s.and_then(|s| s.completeness),
        areas: s.map(|s| {
            s.areas
                .iter()
                .map(|a| AreaScoreJson {
                    id: a.id.clone(),
                    score: a.score,
                })
                .collect()
        }),
        top_gap: s.and_then(|s| s.top_gap.as_ref()).map(|g| TopGapJson {
            indicator: g.indicator.clone(),
            title: g.title.show(lang).to_owned(),
            gain: g.gain,
        }),
        ghg: s.and_then(|s| s.ghg).map(|g| GhgRowJson {
            scope1_tco2e: g.scope1_tco2e,
            scope2_location_tco2e: g.scope2_location_tco2e,
            scope2_market_tco2e: g.scope2_market_tco2e,
            intensity: g.intensity,
        }),
        warnings: s.map(|s| {
            s.warnings
                .iter()
                .map(|w| super::json::warning(w, lang))
                .collect()
        }),
        error: row.error.as_ref().map(|e| RowErrorJson {
            line: e.line,
            column: e.column,
            message: e.message.get(lang).to_owned(),
            count: e.count,
        }),
        report: row.report.clone(),
    }
}

/// The statistics as JSON, with titles in `lang`.
#[must_use]
pub fn statistics_json(stats: &Statistics, lang: Lang) -> StatisticsJson {
    StatisticsJson {
        files: stats.files,
        scored: stats.scored,
        failed: stats.failed,
        grades: stats
            .grades
            .iter()
            .map(|g| GradeCountJson {
                id: Some(g.id.clone()).filter(|id| !id.is_empty()),
                title: grade_title(g, lang).to_owned(),
                count: g.count,
            })
            .collect(),
        total: spread_json(&stats.total),
        areas: stats
            .areas
            .iter()
            .map(|a| AreaSpreadJson {
                id: a.id.clone(),
                title: a.title.show(lang).to_owned(),
                spread: spread_json(&a.spread),
            })
            .collect(),
    }
}

fn grade_title(g: &crate::portfolio::GradeCount, lang: Lang) -> &str {
    g.title
        .as_ref()
        .map_or_else(|| lang.pick("등급 없음", "no grade"), |t| t.show(lang))
}

/// The headline and the grade counts of the statistics.
pub(super) fn statistics_lines(stats: &Statistics, lang: Lang, t: Target) -> (String, String) {
    let headline = tr!(
        lang,
        "포트폴리오: 파일 {}개 · 채점 {}개 · 채점하지 못함 {}개",
        "Portfolio: {} files · {} scored · {} could not be scored",
        stats.files,
        stats.scored,
        stats.failed
    );
    let grades: Vec<String> = stats
        .grades
        .iter()
        .map(|g| {
            let title = grade_title(g, lang);
            if g.id.is_empty() {
                format!("{} {}", t.text(title), g.count)
            } else {
                format!("{} {} {}", t.text(&g.id), t.text(title), g.count)
            }
        })
        .collect();
    let grades = format!("{} {}", lang.pick("등급:", "Grades:"), grades.join(" · "));
    (headline, grades)
}

pub(super) fn spread_heads(lang: Lang) -> [&'static str; 8] {
    [
        "",
        "n",
        lang.pick("평균", "mean"),
        lang.pick("최소", "min"),
        "Q1",
        lang.pick("중앙값", "median"),
        "Q3",
        lang.pick("최대", "max"),
    ]
}

pub(super) fn spread_rows(stats: &Statistics, lang: Lang, t: Target) -> Vec<Vec<String>> {
    let cells = |name: String, s: &Spread| -> Vec<String> {
        let mut v = vec![name, s.n.to_string()];
        v.extend([s.mean, s.min, s.q1, s.median, s.q3, s.max].map(score));
        v
    };
    let mut rows = vec![cells(lang.pick("종합", "Total").to_owned(), &stats.total)];
    rows.extend(stats.areas.iter().map(|a| {
        cells(
            format!("{} {}", t.text(&a.id), t.text(a.title.show(lang))),
            &a.spread,
        )
    }));
    rows
}

fn table_statistics(
    stats: &Statistics,
    lang: Lang,
    width: usize,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let t = Target::Terminal;
    let (headline, grades) = statistics_lines(stats, lang, t);
    for line in wrap_indented(&headline, width, "", "")
        .into_iter()
        .chain(wrap_indented(&grades, width, "", "  "))
    {
        writeln!(out, "{line}")?;
    }
    let heads = spread_heads(lang);
    let mut g = Grid::new(
        heads
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let c = Column::new(h, if i == 0 { Align::Left } else { Align::Right });
                // The quartiles go first when the table does not fit.
                match i {
                    4 | 6 => c.optional(1),
                    3 | 7 => c.optional(2),
                    _ => c,
                }
            })
            .collect(),
    );
    for row in spread_rows(stats, lang, t) {
        g.row(row);
    }
    for line in g.render(width, false) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Renders a portfolio's statistics (the table format at `width` 100).
pub fn statistics(
    format: Format,
    stats: &Statistics,
    lang: Lang,
    bom: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Table => table_statistics(stats, lang, 100, out),
        Format::Markdown => {
            let t = Target::Markdown;
            let (headline, grades) = statistics_lines(stats, lang, t);
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
            let head = spread_heads(lang);
            writeln!(out, "| {} |", head.join(" | "))?;
            writeln!(out, "|---|{}", "---:|".repeat(head.len() - 1))?;
            for row in spread_rows(stats, lang, t) {
                writeln!(out, "| {} |", row.join(" | "))?;
            }
            Ok(())
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &statistics_json(stats, lang))?;
            writeln!(out)
        }
        Format::Csv => super::csv::statistics(stats, lang, bom, out),
        Format::Html => out.write_all(
            super::html::statistics(stats, lang)
                .into_string()
                .as_bytes(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cut_at_the_end() {
        assert_eq!(fit("examples/autoparts-120.toml", 12), "examples/au…");
        assert_eq!(fit("한솔푸드텍(주)", 8), "한솔푸… ");
        assert_eq!(fit("abc", 5), "abc  ");
    }

    #[test]
    fn narrow_terminals_leave_columns_out() {
        let wide = Layout::new(120, 4);
        assert!(wide.areas && wide.top && wide.file >= NAME);
        let mid = Layout::new(80, 4);
        assert!(!mid.areas && mid.file >= NAME && mid.firm >= NAME);
        let narrow = Layout::new(60, 4);
        assert!(!narrow.areas && narrow.file >= NAME && narrow.firm >= NAME);
    }
}
