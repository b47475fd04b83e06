//! CSV for spreadsheets: a firm's indicators, a portfolio's rows (one per file, error rows included
//! and marked in a `status` column so they can be filtered), and a portfolio's statistics.
//! Numbers are plain (a dot for decimals, no grouping); text is UTF-8, with an optional byte-order
//! mark so that Excel shows Korean correctly.

use std::io::Write;

use crate::batch::{Row, Spread, Statistics};
use crate::scorecard::{Scorecard, Status};

/// The UTF-8 byte-order mark that tells Excel the file is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

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
    w.write_record([
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
    ])?;
    for i in &card.indicators {
        w.write_record([
            i.id.as_str(),
            &i.area,
            &i.title,
            status(i.status),
            &i.level
                .as_ref()
                .map(|l| l.number.to_string())
                .unwrap_or_default(),
            &i.level
                .as_ref()
                .map(|l| l.of.to_string())
                .unwrap_or_default(),
            &plain(i.points, 2),
            &plain(Some(i.max_points), 2),
            &plain(i.score.map(|s| s * 100.0), 2),
            &plain(Some(i.gain), 2),
            &i.explanation,
        ])?;
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
        let mut head: Vec<String> = [
            "status",
            "file",
            "firm",
            "total",
            "grade",
            "percentile",
            "completeness_pct",
        ]
        .map(str::to_owned)
        .to_vec();
        head.extend(areas.iter().map(|a| format!("area_{a}")));
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
            .map(str::to_owned),
        );
        w.write_record(&head)?;
        Ok(SummaryCsv {
            w,
            areas: areas.len(),
        })
    }

    /// Writes one row.
    pub fn row(&mut self, row: &Row) -> std::io::Result<()> {
        let mut rec: Vec<String> = Vec::with_capacity(18 + self.areas);
        let status = match row.status {
            crate::batch::RowStatus::Ok => "ok",
            crate::batch::RowStatus::Error => "error",
        };
        rec.push(status.to_owned());
        rec.push(row.file.clone());
        match &row.scored {
            Some(s) => {
                rec.push(s.firm.clone());
                rec.push(plain(s.total, 2));
                rec.push(s.grade.clone().unwrap_or_default());
                rec.push(plain(s.percentile, 1));
                rec.push(plain(s.completeness.map(|c| c * 100.0), 1));
                for i in 0..self.areas {
                    rec.push(plain(s.areas.get(i).and_then(|a| a.score), 2));
                }
                rec.push(plain(s.ghg.map(|g| g.scope1_tco2e), 3));
                rec.push(plain(s.ghg.map(|g| g.scope2_location_tco2e), 3));
                rec.push(plain(s.ghg.map(|g| g.scope2_market_tco2e), 3));
                rec.push(plain(s.ghg.and_then(|g| g.intensity), 4));
                match &s.top_gap {
                    Some(g) => {
                        rec.push(g.indicator.clone());
                        rec.push(g.title.clone());
                        rec.push(plain(Some(g.gain), 2));
                    }
                    None => rec.extend([String::new(), String::new(), String::new()]),
                }
            }
            None => rec.extend(std::iter::repeat_n(String::new(), 12 + self.areas)),
        }
        match &row.error {
            Some(e) => {
                rec.push(e.line.to_string());
                rec.push(e.column.to_string());
                rec.push(if e.count > 1 {
                    format!("{} (+{} more)", e.message, e.count - 1)
                } else {
                    e.message.clone()
                });
            }
            None => rec.extend([String::new(), String::new(), String::new()]),
        }
        rec.push(row.report.clone().unwrap_or_default());
        self.w.write_record(&rec)?;
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
    w.write_record([
        "measure", "id", "title", "count", "mean", "min", "q1", "median", "q3", "max",
    ])?;
    let spread =
        |w: &mut csv::Writer<&mut dyn Write>, measure: &str, id: &str, title: &str, s: &Spread| {
            w.write_record([
                measure,
                id,
                title,
                &s.n.to_string(),
                &plain(s.mean, 2),
                &plain(s.min, 2),
                &plain(s.q1, 2),
                &plain(s.median, 2),
                &plain(s.q3, 2),
                &plain(s.max, 2),
            ])
        };
    spread(&mut w, "total", "", "", &stats.total)?;
    for a in &stats.areas {
        spread(&mut w, "area", &a.id, &a.title, &a.spread)?;
    }
    for g in &stats.grades {
        w.write_record([
            "grade",
            &g.id,
            &g.title,
            &g.count.to_string(),
            "",
            "",
            "",
            "",
            "",
            "",
        ])?;
    }
    w.write_record([
        "files",
        "",
        "",
        &stats.files.to_string(),
        "",
        "",
        "",
        "",
        "",
        "",
    ])?;
    w.write_record([
        "failed",
        "",
        "",
        &stats.failed.to_string(),
        "",
        "",
        "",
        "",
        "",
        "",
    ])?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn plain_numbers() {
        assert_eq!(plain(Some(62.5), 2), "62.5");
        assert_eq!(plain(Some(1234.567), 2), "1234.57");
        assert_eq!(plain(Some(100.0), 2), "100");
        assert_eq!(plain(Some(-0.001), 2), "0");
        assert_eq!(plain(None, 2), "");
    }
}
