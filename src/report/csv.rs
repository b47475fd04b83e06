//! CSV for spreadsheets: a firm's report (one row per item of each section), a portfolio's rows (one per file, error rows included
//! and marked in a `status` column so they can be filtered), and a portfolio's statistics.
//! Numbers are plain (a dot for decimals, no grouping); text is UTF-8, with an optional byte-order
//! mark so that Excel shows Korean correctly.
//!
//! Every record is built from [`Cell`]s, text or number, so that no column can forget the rule for
//! text: a text cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`,
//! a tab or a carriage return) is written with a leading `'`, as OWASP recommends against CSV
//! injection. Number cells are made from numbers only and written as they are.

use std::borrow::Cow;
use std::io::Write;

use super::sections::{
    AreaLine, Figure, Gaps, Ghg, Headline, IndicatorLine, LeftOut, Report, WarningLine, Writer,
};
use super::words::{effort, status_code};
use crate::portfolio::{Row, RowStatus, Spread, Statistics};
use crate::text::{Lang, Measure};

/// The UTF-8 byte-order mark that tells Excel the file is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One cell of a record.
#[derive(Clone)]
enum Cell<'a> {
    /// Text, from a file or a guideline: neutralised when written.
    Text(Cow<'a, str>),
    /// A number, already formatted from a number (never from text).
    Num(String),
}

impl<'a> Cell<'a> {
    fn text(s: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::Text(s.into())
    }

    /// A number with at most `decimals` decimals; empty when absent.
    fn num(n: Option<f64>, decimals: usize) -> Cell<'a> {
        Cell::Num(plain(n, decimals))
    }

    fn count(n: u64) -> Cell<'a> {
        Cell::Num(n.to_string())
    }

    fn empty() -> Cell<'a> {
        Cell::Num(String::new())
    }

    /// The field as written.
    fn field(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(s) => neutral(s),
            Cell::Num(n) => Cow::Borrowed(n),
        }
    }
}

/// Text that a spreadsheet would run as a formula, prefixed with `'` so that it is shown as text;
/// control characters other than a line break or a tab (an escape sequence, a carriage return)
/// shown as visible symbols, so that a CSV printed to a terminal cannot act on it.
fn neutral(s: &str) -> Cow<'_, str> {
    let s = crate::text::visible_keeping(s, &['\n', '\t']);
    // (A carriage return, also read as a formula's start, is already shown as a symbol.)
    if s.starts_with(['=', '+', '-', '@', '\t']) {
        Cow::Owned(format!("'{s}"))
    } else {
        s
    }
}

/// Writes one record.
fn record(w: &mut csv::Writer<&mut dyn Write>, cells: &[Cell<'_>]) -> csv::Result<()> {
    let fields: Vec<Cow<'_, str>> = cells.iter().map(Cell::field).collect();
    w.write_record(fields.iter().map(|f| f.as_bytes()))
}

/// Writes a header: column names of ours.
fn header(w: &mut csv::Writer<&mut dyn Write>, names: &[&str]) -> csv::Result<()> {
    let cells: Vec<Cell<'_>> = names.iter().map(|n| Cell::text(*n)).collect();
    record(w, &cells)
}

/// A number as the CSV formats write it: at most `decimals` decimals, no trailing zeros.
#[must_use]
pub fn number(n: f64, decimals: usize) -> String {
    plain(Some(n), decimals)
}

/// A number with at most `decimals` decimals and no trailing zeros; empty when absent.
fn plain(n: Option<f64>, decimals: usize) -> String {
    let mut s = String::new();
    plain_into(&mut s, n, decimals);
    s
}

/// [`plain`], written into `out` (cleared first).
fn plain_into(out: &mut String, n: Option<f64>, decimals: usize) {
    out.clear();
    let Some(n) = n else { return };
    crate::text::push_fixed(out, n, decimals);
    if out.contains('.') {
        let kept = out.trim_end_matches('0').trim_end_matches('.').len();
        out.truncate(kept);
    }
    if out == "-0" {
        out.remove(0);
    }
}

fn writer(out: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new().from_writer(out)
}

/// The columns of a firm's report. Each row is one item of a section, named in the first column;
/// the firm, its total and its grade repeat on every row, so that the reports of many firms can
/// be put in one sheet.
const COLUMNS: [&str; 21] = [
    "section",
    "firm",
    "total",
    "grade",
    "id",
    "area",
    "title",
    "status",
    "level",
    "levels",
    "points",
    "max_points",
    "score",
    "gain",
    "gap_rank",
    "next_level",
    "recommendation",
    "effort",
    "value",
    "unit",
    "explanation",
];

/// One row of a firm's report, by column name; columns not given are empty.
#[derive(Default)]
struct Line<'a> {
    section: &'a str,
    id: Cow<'a, str>,
    area: Cow<'a, str>,
    title: Cow<'a, str>,
    status: Cow<'a, str>,
    level: Option<usize>,
    levels: Option<usize>,
    points: Option<f64>,
    max_points: Option<f64>,
    score: Option<f64>,
    gain: Option<f64>,
    gap_rank: Option<usize>,
    next_level: Cow<'a, str>,
    recommendation: Cow<'a, str>,
    effort: Cow<'a, str>,
    value: Option<String>,
    unit: Cow<'a, str>,
    explanation: Cow<'a, str>,
}

/// Writes the sections as CSV: one row per item.
pub struct Csv<'w> {
    w: csv::Writer<&'w mut dyn Write>,
}

impl<'w> Csv<'w> {
    pub fn new(out: &'w mut dyn Write) -> Csv<'w> {
        Csv { w: writer(out) }
    }

    fn line(&mut self, r: &Report<'_>, l: Line<'_>) -> std::io::Result<()> {
        let card = r.card;
        let count = |n: Option<usize>| n.map_or_else(Cell::empty, |n| Cell::count(n as u64));
        let cells = [
            Cell::text(l.section),
            Cell::text(card.firm.name.as_str()),
            Cell::num(card.total, crate::text::SCORE_DECIMALS),
            Cell::text(card.grade.as_ref().map_or("", |g| g.id.as_str())),
            Cell::Text(l.id),
            Cell::Text(l.area),
            Cell::Text(l.title),
            Cell::Text(l.status),
            count(l.level),
            count(l.levels),
            Cell::num(l.points, 2),
            Cell::num(l.max_points, 2),
            Cell::num(l.score, 2),
            Cell::num(l.gain, 2),
            count(l.gap_rank),
            Cell::Text(l.next_level),
            Cell::Text(l.recommendation),
            Cell::Text(l.effort),
            l.value.map_or_else(Cell::empty, Cell::Num),
            Cell::Text(l.unit),
            Cell::Text(l.explanation),
        ];
        record(&mut self.w, &cells)?;
        Ok(())
    }
}

impl Writer for Csv<'_> {
    fn headline(&mut self, r: &Report<'_>, h: &Headline) -> std::io::Result<()> {
        header(&mut self.w, &COLUMNS)?;
        let mut about = vec![h.completeness.as_str()];
        about.extend(h.facts.as_deref());
        about.extend(h.policy.as_deref());
        self.line(
            r,
            Line {
                section: "summary",
                id: r.card.guideline.id.as_str().into(),
                title: h.guideline.as_str().into(),
                score: r.card.total,
                explanation: about.join(" · ").into(),
                ..Line::default()
            },
        )
    }

    fn areas(&mut self, r: &Report<'_>, areas: &[AreaLine<'_>]) -> std::io::Result<()> {
        for a in areas {
            self.line(
                r,
                Line {
                    section: "area",
                    id: a.area.id.as_str().into(),
                    area: a.area.id.as_str().into(),
                    title: a.area.title.show(r.lang).into(),
                    status: status_code(a.area.status).into(),
                    score: a.area.score,
                    explanation: a.completeness.as_str().into(),
                    ..Line::default()
                },
            )?;
        }
        Ok(())
    }

    fn figures(&mut self, r: &Report<'_>, figures: &[Figure<'_>]) -> std::io::Result<()> {
        for f in figures {
            self.line(
                r,
                Line {
                    section: "figure",
                    id: f.metric.id.as_str().into(),
                    title: f.title.as_str().into(),
                    value: f.metric.value.map(|v| Measure::of_unit(&f.unit).plain(v)),
                    unit: f.unit.as_str().into(),
                    ..Line::default()
                },
            )?;
        }
        Ok(())
    }

    fn ghg(&mut self, r: &Report<'_>, ghg: &Ghg<'_>) -> std::io::Result<()> {
        let tonnes = |t: f64| Measure::Tonnes.plain(t);
        for s in &ghg.sources {
            let mut about = format!(
                "Scope {} · {} × {} {}",
                s.scope, s.activity, s.factor, s.tables
            );
            if let Some(m) = &s.market {
                about.push_str(&crate::tr!(
                    r.lang,
                    " · 시장 기준 {}",
                    " · market-based {}",
                    m
                ));
            }
            self.line(
                r,
                Line {
                    section: "ghg_source",
                    id: s.source.id.as_str().into(),
                    title: s.title.as_str().into(),
                    value: Some(tonnes(s.source.tco2e)),
                    unit: crate::text::TCO2E.into(),
                    explanation: about.into(),
                    ..Line::default()
                },
            )?;
        }
        let inv = ghg.inventory;
        let totals = [
            ("scope1", inv.scope1),
            ("scope2_location", inv.scope2_location),
            ("scope2_market", inv.scope2_market),
            ("total_location", inv.total_location),
            ("total_market", inv.total_market),
        ];
        for (id, value) in totals {
            self.line(
                r,
                Line {
                    section: "ghg_total",
                    id: id.into(),
                    title: total_title(id, r.lang).into(),
                    value: value.map(tonnes),
                    unit: crate::text::TCO2E.into(),
                    ..Line::default()
                },
            )?;
        }
        if let Some(e) = inv.energy_mwh {
            self.line(
                r,
                Line {
                    section: "ghg_total",
                    id: "energy_mwh".into(),
                    title: total_title("energy_mwh", r.lang).into(),
                    value: Some(Measure::Energy.plain(e)),
                    unit: "MWh".into(),
                    ..Line::default()
                },
            )?;
        }
        for n in &ghg.notes {
            self.line(
                r,
                Line {
                    section: "ghg_note",
                    explanation: n.as_str().into(),
                    ..Line::default()
                },
            )?;
        }
        for (t, line) in inv.factor_tables.iter().zip(&ghg.tables) {
            self.line(
                r,
                Line {
                    section: "factor_table",
                    id: t.table.as_str().into(),
                    title: t.title.show(r.lang).into(),
                    explanation: line.as_str().into(),
                    ..Line::default()
                },
            )?;
        }
        Ok(())
    }

    fn warnings(&mut self, r: &Report<'_>, warnings: &[WarningLine<'_>]) -> std::io::Result<()> {
        for w in warnings {
            self.line(
                r,
                Line {
                    section: "warning",
                    id: w.warning.code().into(),
                    explanation: w.message.as_str().into(),
                    ..Line::default()
                },
            )?;
        }
        Ok(())
    }

    fn gaps(&mut self, _: &Report<'_>, _: &Gaps<'_>) -> std::io::Result<()> {
        // Every gap is on its indicator's row (gap_rank, next_level, recommendation, effort).
        Ok(())
    }

    fn indicators(&mut self, r: &Report<'_>, lines: &[IndicatorLine<'_>]) -> std::io::Result<()> {
        for l in lines {
            let i = l.indicator;
            self.line(
                r,
                Line {
                    section: "indicator",
                    id: i.id.as_str().into(),
                    area: i.area.as_str().into(),
                    title: i.title.show(r.lang).into(),
                    status: status_code(i.status).into(),
                    level: i.level.as_ref().map(|l| l.number),
                    levels: i.level.as_ref().map(|l| l.of),
                    points: i.points,
                    max_points: Some(i.max_points),
                    score: i.score.map(|s| s * 100.0),
                    gain: Some(i.gain),
                    gap_rank: l.gap.map(|g| g.rank),
                    next_level: l.next.as_deref().unwrap_or("").into(),
                    recommendation: l
                        .gap
                        .map_or("", |g| g.recommendation.show(r.lang).trim())
                        .into(),
                    effort: l.gap.map_or("", |g| effort(g.effort, r.lang)).into(),
                    explanation: l.explanation.as_str().into(),
                    ..Line::default()
                },
            )?;
        }
        Ok(())
    }

    fn left_out(&mut self, _: &Report<'_>, _: &[LeftOut<'_>]) -> std::io::Result<()> {
        // Every indicator's row has its status and the reason.
        Ok(())
    }

    fn finish(&mut self, _: &Report<'_>) -> std::io::Result<()> {
        self.w.flush()
    }
}

/// The rows of a firm among the peers of a benchmark (`esg score FILE --benchmark B`), after its
/// report and in its columns: one `peers` row naming the benchmark and its cell, one `peers` row
/// per figure (the firm's value, the quartiles and the percentile in words), and one
/// `from_benchmark` row per question comparing the firm with its industry that the benchmark
/// answered (or left as it was).
pub(super) fn peers(
    card: &crate::scorecard::Scorecard,
    p: &crate::benchmark::Peers,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    use crate::benchmark::{Comparison, IndustryOutcome};
    let mut w = writer(out);
    let mut row = |section: &str,
                   id: &str,
                   area: &str,
                   title: &str,
                   status: &str,
                   value: Option<f64>,
                   explanation: &str|
     -> csv::Result<()> {
        let mut cells = vec![Cell::empty(); COLUMNS.len()];
        cells[0] = Cell::text(section.to_owned());
        cells[1] = Cell::text(card.firm.name.clone());
        cells[2] = Cell::num(card.total, crate::text::SCORE_DECIMALS);
        cells[3] = Cell::text(card.grade.as_ref().map_or("", |g| g.id.as_str()).to_owned());
        cells[4] = Cell::text(id.to_owned());
        cells[5] = Cell::text(area.to_owned());
        cells[6] = Cell::text(title.to_owned());
        cells[7] = Cell::text(status.to_owned());
        cells[18] = Cell::num(value, 4);
        cells[20] = Cell::text(explanation.to_owned());
        record(&mut w, &cells)
    };
    let words = super::peers::section(p, lang);
    row(
        "peers",
        "",
        "",
        &words.heading,
        "",
        None,
        &words.lines.first().cloned().unwrap_or_default(),
    )?;
    for s in &p.standings {
        let area = card.areas.iter().any(|a| a.id == s.what);
        let q = s.quartiles;
        let explanation = crate::tr!(
            lang,
            "1사분위 {} · 중앙값 {} · 3사분위 {} · 백분위(추정) {}",
            "Q1 {} · median {} · Q3 {} · percentile (est.) {}",
            plain(Some(q.q1), 4),
            plain(Some(q.median), 4),
            plain(Some(q.q3), 4),
            plain(Some(s.percentile), 0)
        );
        row(
            "peers",
            &s.what,
            if area { &s.what } else { "" },
            s.title.show(lang),
            "",
            Some(s.value),
            &explanation,
        )?;
    }
    for i in &p.industry {
        let (status, explanation) = match &i.outcome {
            IndustryOutcome::Answered {
                comparison,
                option_text,
                quartiles: q,
                sector,
                size_band,
                ..
            } => (
                match comparison {
                    Comparison::Worse => "worse",
                    Comparison::Similar => "similar",
                    Comparison::Better => "better",
                },
                crate::tr!(
                    lang,
                    "{} · 업종 {}{} 회사 {}곳: 1사분위 {} · 중앙값 {} · 3사분위 {}",
                    "{0} · {3} firms of sector {1}{2}: Q1 {4} · median {5} · Q3 {6}",
                    option_text.show(lang),
                    sector,
                    size_band
                        .as_deref()
                        .map_or_else(String::new, |b| format!(" · {b}")),
                    q.n,
                    plain(Some(q.q1), 4),
                    plain(Some(q.median), 4),
                    plain(Some(q.q3), 4)
                ),
            ),
            IndustryOutcome::TooFewFirms { sector } => (
                "not_answered",
                crate::tr!(
                    lang,
                    "업종 {}에서 그 수치를 낸 회사가 {}곳보다 적어 답하지 않았습니다",
                    "not answered: fewer than {1} firms of sector {0} have the figure",
                    sector,
                    crate::benchmark::MIN_FIRMS
                ),
            ),
        };
        row(
            "from_benchmark",
            &i.question,
            "",
            i.prompt.show(lang),
            status,
            Some(i.value),
            &explanation,
        )?;
    }
    w.flush()
}

/// A total of the inventory in words.
fn total_title(id: &str, lang: Lang) -> &'static str {
    match id {
        "scope1" => lang.pick("Scope 1 배출량", "Scope 1 emissions"),
        "scope2_location" => lang.pick(
            "Scope 2 배출량(위치 기준)",
            "Scope 2 emissions (location-based)",
        ),
        "scope2_market" => lang.pick(
            "Scope 2 배출량(시장 기준)",
            "Scope 2 emissions (market-based)",
        ),
        "total_location" => lang.pick(
            "Scope 1+2 배출량(위치 기준)",
            "Scope 1 and 2 emissions (location-based)",
        ),
        "total_market" => lang.pick(
            "Scope 1+2 배출량(시장 기준)",
            "Scope 1 and 2 emissions (market-based)",
        ),
        _ => lang.pick("에너지 사용량", "Energy use"),
    }
}

/// A portfolio's rows as CSV, written one at a time.
pub struct SummaryCsv<'a> {
    w: csv::Writer<&'a mut dyn Write>,
    /// The columns and language of each row.
    rows: CsvRows,
    /// Room for one number as written, kept from row to row.
    number: String,
}

impl CsvRows {
    /// One row of a portfolio's CSV summary, field by field.
    fn write(&self, rec: &mut Fields<'_, '_>, row: &Row) -> std::io::Result<()> {
        let (areas, carriers, lang) = (self.areas, &self.carriers, self.lang);
        let status = match row.status {
            RowStatus::Ok => "ok",
            RowStatus::Error => "error",
        };
        rec.text(status)?;
        rec.text(&row.file)?;
        match &row.scored {
            Some(s) => {
                rec.text(&s.firm)?;
                // As reports show it, and as its grade judges it.
                rec.num(s.total, crate::text::SCORE_DECIMALS)?;
                rec.text(s.grade.as_deref().unwrap_or_default())?;
                rec.num(s.percentile, 1)?;
                rec.num(s.completeness.map(|c| c * 100.0), 1)?;
                for i in 0..areas {
                    rec.num(
                        s.areas.get(i).and_then(|a| a.score),
                        crate::text::SCORE_DECIMALS,
                    )?;
                }
                rec.text(s.sector.as_deref().unwrap_or_default())?;
                rec.text(s.size_band.as_deref().unwrap_or_default())?;
                let ghg = s.ghg.as_ref();
                for t in [
                    ghg.map(|g| g.scope1_tco2e),
                    ghg.map(|g| g.scope2_location_tco2e),
                    ghg.map(|g| g.scope2_market_tco2e),
                ] {
                    rec.number(&t.map(|t| Measure::Tonnes.plain(t)).unwrap_or_default())?;
                }
                rec.num(ghg.and_then(|g| g.intensity), 4)?;
                rec.text(ghg.map_or("", |g| if g.verified { "verified" } else { "computed" }))?;
                rec.num(ghg.and_then(|g| g.energy_mwh), 1)?;
                for c in carriers {
                    let mwh = ghg.and_then(|g| {
                        g.energy_by_carrier
                            .iter()
                            .find(|e| &e.carrier == c)
                            .map(|e| e.mwh)
                    });
                    rec.num(mwh, 1)?;
                }
                match &s.top_gap {
                    Some(g) => {
                        rec.text(&g.indicator)?;
                        rec.text(g.title.show(lang))?;
                        rec.num(Some(g.gain), 2)?;
                    }
                    None => {
                        rec.text("")?;
                        rec.text("")?;
                        rec.num(None, 0)?;
                    }
                }
            }
            None => {
                rec.text("")?;
                for _ in 0..4 + areas {
                    rec.num(None, 0)?;
                }
                rec.text("")?;
                rec.text("")?;
                for _ in 0..4 {
                    rec.num(None, 0)?;
                }
                rec.text("")?;
                for _ in 0..=carriers.len() {
                    rec.num(None, 0)?;
                }
                rec.text("")?;
                rec.text("")?;
                rec.num(None, 0)?;
            }
        }
        match &row.error {
            Some(e) => {
                rec.count(e.line as u64)?;
                rec.count(e.column as u64)?;
                let message = e.message.get(lang);
                if e.count > 1 {
                    rec.text(&crate::tr!(
                        lang,
                        "{} (외 {}건)",
                        "{} (+{} more)",
                        message,
                        e.count - 1
                    ))?;
                } else {
                    rec.text(message)?;
                }
            }
            None => {
                rec.num(None, 0)?;
                rec.num(None, 0)?;
                rec.text("")?;
            }
        }
        rec.text(row.report.as_deref().unwrap_or_default())?;
        rec.end()?;
        Ok(())
    }
}

/// A portfolio's CSV summary rows, each made on its own (without the header), so that the threads
/// that score the files can write them: the same bytes [`SummaryCsv::row`] writes.
#[derive(Debug, Clone)]
pub struct CsvRows {
    areas: usize,
    carriers: Vec<String>,
    lang: Lang,
}

impl CsvRows {
    /// Rows with one column per area and per energy carrier, in `lang`.
    #[must_use]
    pub fn new(areas: usize, carriers: &[&str], lang: Lang) -> CsvRows {
        CsvRows {
            areas,
            carriers: carriers.iter().map(|&c| c.to_owned()).collect(),
            lang,
        }
    }

    /// `row` as one CSV record, with its line end.
    pub fn record(&self, row: &Row) -> std::io::Result<Vec<u8>> {
        let mut out: Vec<u8> = Vec::with_capacity(512);
        let mut number = String::with_capacity(32);
        {
            let mut w = csv::WriterBuilder::new()
                .buffer_capacity(1024)
                .from_writer(&mut out as &mut dyn Write);
            let mut rec = Fields {
                w: &mut w,
                number: &mut number,
            };
            self.write(&mut rec, row)?;
            w.flush()?;
        }
        Ok(out)
    }
}

/// One record written field by field, by the rule of [`Cell`]: text neutralised, numbers made
/// from numbers. (What a portfolio writes once per firm, without a cell list per row.)
struct Fields<'r, 'a> {
    w: &'r mut csv::Writer<&'a mut dyn Write>,
    number: &'r mut String,
}

impl Fields<'_, '_> {
    fn text(&mut self, s: &str) -> csv::Result<()> {
        self.w.write_field(neutral(s).as_bytes())
    }

    /// A number with at most `decimals` decimals; empty when absent.
    fn num(&mut self, n: Option<f64>, decimals: usize) -> csv::Result<()> {
        plain_into(self.number, n, decimals);
        self.w.write_field(self.number.as_bytes())
    }

    /// A number already written from a number.
    fn number(&mut self, n: &str) -> csv::Result<()> {
        self.w.write_field(n.as_bytes())
    }

    fn count(&mut self, n: u64) -> csv::Result<()> {
        self.number.clear();
        let _ = std::fmt::Write::write_fmt(self.number, format_args!("{n}"));
        self.w.write_field(self.number.as_bytes())
    }

    /// Ends the record.
    fn end(&mut self) -> csv::Result<()> {
        self.w.write_record(None::<&[u8]>)
    }
}

impl<'a> SummaryCsv<'a> {
    /// Writes the header (after a byte-order mark if `bom`), with one column per area.
    pub fn new(
        out: &'a mut dyn Write,
        areas: &[&str],
        carriers: &[&str],
        bom: bool,
        lang: Lang,
    ) -> std::io::Result<SummaryCsv<'a>> {
        if bom {
            out.write_all(BOM)?;
        }
        let mut w = writer(out);
        let mut head: Vec<Cell<'_>> = [
            "status",
            "file",
            "firm",
            "total",
            "grade",
            "percentile",
            "completeness_pct",
        ]
        .map(Cell::text)
        .to_vec();
        head.extend(areas.iter().map(|a| Cell::text(format!("area_{a}"))));
        head.extend(
            [
                "sector",
                "size_band",
                "scope1_tco2e",
                "scope2_location_tco2e",
                "scope2_market_tco2e",
                "ghg_intensity",
                "ghg_basis",
                "energy_mwh",
            ]
            .map(Cell::text),
        );
        head.extend(
            carriers
                .iter()
                .map(|c| Cell::text(format!("energy_{c}_mwh"))),
        );
        head.extend(
            [
                "top_gap",
                "top_gap_title",
                "top_gap_gain",
                "error_line",
                "error_column",
                "error_message",
                "report",
            ]
            .map(Cell::text),
        );
        record(&mut w, &head)?;
        Ok(SummaryCsv {
            w,
            rows: CsvRows::new(areas.len(), carriers, lang),
            number: String::with_capacity(32),
        })
    }

    /// Writes one row.
    pub fn row(&mut self, row: &Row) -> std::io::Result<()> {
        let mut rec = Fields {
            w: &mut self.w,
            number: &mut self.number,
        };
        self.rows.write(&mut rec, row)
    }

    /// Flushes what is buffered.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

/// A portfolio's statistics as one table: a row for the total, each area and each grade.
pub fn statistics(
    stats: &Statistics,
    lang: Lang,
    bom: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if bom {
        out.write_all(BOM)?;
    }
    let mut w = writer(out);
    header(
        &mut w,
        &[
            "measure",
            "id",
            "title",
            "count",
            "mean",
            "min",
            "q1",
            "median",
            "q3",
            "max",
            "with_ghg",
            "scope1_tco2e",
            "scope2_location_tco2e",
            "scope2_market_tco2e",
            "energy_mwh",
            "intensity_mean",
        ],
    )?;
    // The survey columns, empty on the rows of scores and grades.
    let no_survey = || std::iter::repeat_with(Cell::empty).take(6);
    let spread =
        |w: &mut csv::Writer<&mut dyn Write>, measure: &str, id: &str, title: &str, s: &Spread| {
            record(
                w,
                &[
                    Cell::text(measure),
                    Cell::text(id),
                    Cell::text(title),
                    Cell::count(s.n),
                    Cell::num(s.mean, 2),
                    Cell::num(s.min, 2),
                    Cell::num(s.q1, 2),
                    Cell::num(s.median, 2),
                    Cell::num(s.q3, 2),
                    Cell::num(s.max, 2),
                ]
                .into_iter()
                .chain(no_survey())
                .collect::<Vec<_>>(),
            )
        };
    spread(&mut w, "total", "", "", &stats.total)?;
    for a in &stats.areas {
        spread(&mut w, "area", &a.id, a.title.show(lang), &a.spread)?;
    }
    let count_only =
        |w: &mut csv::Writer<&mut dyn Write>, measure: &str, id: &str, title: &str, n: u64| {
            let mut cells = vec![
                Cell::text(measure),
                Cell::text(id),
                Cell::text(title),
                Cell::count(n),
            ];
            cells.extend(std::iter::repeat_with(Cell::empty).take(6));
            cells.extend(no_survey());
            record(w, &cells)
        };
    for g in &stats.grades {
        let title = g
            .title
            .as_ref()
            .map_or_else(|| lang.pick("등급 없음", "no grade"), |t| t.show(lang));
        count_only(&mut w, "grade", &g.id, title, g.count)?;
    }
    count_only(&mut w, "files", "", "", stats.files)?;
    count_only(&mut w, "failed", "", "", stats.failed)?;
    for g in &stats.groups {
        let tonnes = |t: f64| Cell::Num(Measure::Tonnes.plain(t));
        record(
            &mut w,
            &[
                Cell::text(match g.by {
                    crate::portfolio::GroupBy::Sector => "sector",
                    crate::portfolio::GroupBy::SizeBand => "size_band",
                }),
                Cell::text(g.id.as_str()),
                Cell::text(""),
                Cell::count(g.firms),
                Cell::num(g.total_mean, 2),
                Cell::empty(),
                Cell::empty(),
                Cell::empty(),
                Cell::empty(),
                Cell::empty(),
                Cell::count(g.with_inventory),
                tonnes(g.scope1_tco2e),
                tonnes(g.scope2_location_tco2e),
                tonnes(g.scope2_market_tco2e),
                Cell::num(Some(g.energy_mwh), 1),
                Cell::num(g.intensity_mean, 4),
            ],
        )?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::{neutral, plain};

    #[test]
    fn formula_like_text_is_neutralised() {
        for s in [
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1)",
            "\tx",
            "=HYPERLINK(\"http://e\",\"x\")",
        ] {
            assert_eq!(neutral(s), format!("'{s}"));
        }
        for s in [
            "",
            "(주)한빛",
            "1+1",
            " =1",
            "'=1",
            "E-1",
            "two\nlines\tand a tab",
        ] {
            assert_eq!(neutral(s), s);
        }
        // Control characters that would act on a terminal the CSV is printed to are shown.
        assert_eq!(neutral("\rx"), "␍x");
        assert_eq!(neutral("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(neutral("=\u{1b}[2J"), "'=␛[2J");
    }

    #[test]
    fn plain_numbers() {
        assert_eq!(plain(Some(62.5), 2), "62.5");
        assert_eq!(plain(Some(1234.567), 2), "1234.57");
        assert_eq!(plain(Some(100.0), 2), "100");
        assert_eq!(plain(Some(-0.001), 2), "0");
        assert_eq!(plain(None, 2), "");
    }
}
