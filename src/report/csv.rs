//! CSV for spreadsheets: a firm's indicators, a portfolio's rows (one per file, error rows included
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

use crate::batch::{Row, Spread, Statistics};
use crate::scorecard::{Scorecard, Status};

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

/// A number with at most `decimals` decimals and no trailing zeros; empty when absent.
fn plain(n: Option<f64>, decimals: usize) -> String {
    let Some(n) = n else { return String::new() };
    let s = format!("{n:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

fn status(s: Status) -> &'static str {
    match s {
        Status::Scored => "scored",
        Status::NotApplicable => "not_applicable",
        Status::Unanswered => "unanswered",
    }
}

fn writer(out: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new().from_writer(out)
}

/// One firm's report: a row per indicator.
pub fn render(card: &Scorecard, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = writer(out);
    header(
        &mut w,
        &[
            "indicator",
            "area",
            "title",
            "status",
            "level",
            "levels",
            "points",
            "max_points",
            "score",
            "gain",
            "explanation",
        ],
    )?;
    for i in &card.indicators {
        record(
            &mut w,
            &[
                Cell::text(i.id.as_str()),
                Cell::text(i.area.as_str()),
                Cell::text(i.title.as_str()),
                Cell::text(status(i.status)),
                i.level
                    .as_ref()
                    .map_or_else(Cell::empty, |l| Cell::count(l.number as u64)),
                i.level
                    .as_ref()
                    .map_or_else(Cell::empty, |l| Cell::count(l.of as u64)),
                Cell::num(i.points, 2),
                Cell::num(Some(i.max_points), 2),
                Cell::num(i.score.map(|s| s * 100.0), 2),
                Cell::num(Some(i.gain), 2),
                Cell::text(i.explanation.as_str()),
            ],
        )?;
    }
    w.flush()
}

/// A portfolio's rows as CSV, written one at a time.
pub struct SummaryCsv<'a> {
    w: csv::Writer<&'a mut dyn Write>,
    areas: usize,
}

impl<'a> SummaryCsv<'a> {
    /// Writes the header (after a byte-order mark if `bom`), with one column per area.
    pub fn new(
        out: &'a mut dyn Write,
        areas: &[&str],
        bom: bool,
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
                "scope1_tco2e",
                "scope2_location_tco2e",
                "scope2_market_tco2e",
                "ghg_intensity",
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
            areas: areas.len(),
        })
    }

    /// Writes one row.
    pub fn row(&mut self, row: &Row) -> std::io::Result<()> {
        let mut rec: Vec<Cell<'_>> = Vec::with_capacity(18 + self.areas);
        let status = match row.status {
            crate::batch::RowStatus::Ok => "ok",
            crate::batch::RowStatus::Error => "error",
        };
        rec.push(Cell::text(status));
        rec.push(Cell::text(row.file.as_str()));
        match &row.scored {
            Some(s) => {
                rec.push(Cell::text(s.firm.as_str()));
                // As reports show it, and as its grade judges it.
                rec.push(Cell::num(s.total, crate::text::SCORE_DECIMALS));
                rec.push(Cell::text(s.grade.as_deref().unwrap_or_default()));
                rec.push(Cell::num(s.percentile, 1));
                rec.push(Cell::num(s.completeness.map(|c| c * 100.0), 1));
                for i in 0..self.areas {
                    rec.push(Cell::num(
                        s.areas.get(i).and_then(|a| a.score),
                        crate::text::SCORE_DECIMALS,
                    ));
                }
                rec.push(Cell::num(s.ghg.map(|g| g.scope1_tco2e), 3));
                rec.push(Cell::num(s.ghg.map(|g| g.scope2_location_tco2e), 3));
                rec.push(Cell::num(s.ghg.map(|g| g.scope2_market_tco2e), 3));
                rec.push(Cell::num(s.ghg.and_then(|g| g.intensity), 4));
                match &s.top_gap {
                    Some(g) => {
                        rec.push(Cell::text(g.indicator.as_str()));
                        rec.push(Cell::text(g.title.as_str()));
                        rec.push(Cell::num(Some(g.gain), 2));
                    }
                    None => rec.extend([Cell::text(""), Cell::text(""), Cell::empty()]),
                }
            }
            None => {
                rec.push(Cell::text(""));
                rec.extend(std::iter::repeat_with(Cell::empty).take(4 + self.areas + 4));
                rec.extend([Cell::text(""), Cell::text(""), Cell::empty()]);
            }
        }
        match &row.error {
            Some(e) => {
                rec.push(Cell::count(e.line as u64));
                rec.push(Cell::count(e.column as u64));
                rec.push(Cell::text(if e.count > 1 {
                    format!("{} (+{} more)", e.message, e.count - 1)
                } else {
                    e.message.clone()
                }));
            }
            None => rec.extend([Cell::empty(), Cell::empty(), Cell::text("")]),
        }
        rec.push(Cell::text(row.report.as_deref().unwrap_or_default()));
        record(&mut self.w, &rec)?;
        Ok(())
    }

    /// Flushes what is buffered.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

/// A portfolio's statistics as one table: a row for the total, each area and each grade.
pub fn statistics(stats: &Statistics, bom: bool, out: &mut dyn Write) -> std::io::Result<()> {
    if bom {
        out.write_all(BOM)?;
    }
    let mut w = writer(out);
    header(
        &mut w,
        &[
            "measure", "id", "title", "count", "mean", "min", "q1", "median", "q3", "max",
        ],
    )?;
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
                ],
            )
        };
    spread(&mut w, "total", "", "", &stats.total)?;
    for a in &stats.areas {
        spread(&mut w, "area", &a.id, &a.title, &a.spread)?;
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
            record(w, &cells)
        };
    for g in &stats.grades {
        count_only(&mut w, "grade", &g.id, &g.title, g.count)?;
    }
    count_only(&mut w, "files", "", "", stats.files)?;
    count_only(&mut w, "failed", "", "", stats.failed)?;
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
