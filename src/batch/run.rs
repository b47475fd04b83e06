//! A portfolio from start to end: every file scored on all cores into a row, the rows kept on disk
//! in input order while the statistics are gathered, then the summary written with each firm's
//! percentile, to a stream or as the files of an output directory. The command layer only finds
//! the paths, shows progress and reports the outcome.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::spool::CsvSpool;
use super::{Batch, Input, Portfolio, Spool, extension, for_each_ordered, walk};
use crate::error::Error;
use crate::guideline::Guideline;
use crate::portfolio::{Row, Statistics};
use crate::report::{CsvRows, Format, SummaryStyle, SummaryWriter, statistics};
use crate::text::Lang;

/// The rows on disk: as JSON, to be read back and written in any format, or already written as
/// CSV in the language given, waiting for their percentiles.
enum Rows {
    Json(Spool),
    Csv(CsvSpool, Lang),
}

/// Where each row goes as it comes: its CSV record written beside its total, or the row kept as
/// JSON.
enum Keep<'s> {
    Csv {
        stream: &'s mut std::io::BufWriter<std::fs::File>,
        totals: &'s mut std::io::BufWriter<std::fs::File>,
    },
    Json(&'s mut Spool),
}

impl Keep<'_> {
    /// Keeps `row`, or for a CSV summary its `record` as made beside the scoring.
    fn push(
        &mut self,
        row: Row,
        record: Option<std::io::Result<Vec<u8>>>,
        failed: &dyn Fn(&std::io::Error) -> Error,
    ) -> Result<(), Error> {
        match self {
            Keep::Csv { stream, totals } => {
                let total = row.scored.as_ref().and_then(|s| s.total);
                record
                    .unwrap_or_else(|| Err(std::io::Error::other("no CSV record was made")))
                    .and_then(|r| stream.write_all(&r))
                    .and_then(|()| CsvSpool::push_total(totals, total))
                    .map_err(|e| failed(&e))
            }
            Keep::Json(spool) => spool.push(row),
        }
    }

    /// Flushes what is written.
    fn finish(self) -> std::io::Result<()> {
        match self {
            Keep::Csv { stream, totals } => stream.flush().and_then(|()| totals.flush()),
            Keep::Json(_) => Ok(()),
        }
    }
}

/// A portfolio scored: its rows on disk, its statistics, and how many firms are below the
/// `--fail-under` threshold.
pub struct Spooled {
    rows: Rows,
    portfolio: Portfolio,
    statistics: Statistics,
    below: u64,
}

/// Scores every file that `inputs` name or hold (directories are walked) with `batch`, on all
/// cores, keeping the rows in input order in a spool file in `spool_dir`, for a summary in
/// `summary` format and language `lang` (the rows keep their warnings only for JSON Lines, the one
/// that shows them; for CSV they are kept already written, and [`Spooled::write`] then writes
/// CSV in `lang` only). `on_row` sees each row as it comes (for progress). A firm counts as below `fail_under` when its total as reports show
/// it (`text::rounded`) is lower, or when it has no total. Each firm's own report, if any, is on
/// disk when this returns.
pub fn score_all(
    batch: &Batch<'_>,
    inputs: impl IntoIterator<Item = Input>,
    spool_dir: &Path,
    summary: Format,
    lang: Lang,
    fail_under: Option<f64>,
    on_row: &mut dyn FnMut(&Row),
) -> Result<Spooled, Error> {
    let mut portfolio = Portfolio::new(batch.guideline);
    // Only a JSON Lines summary shows the rows' warnings.
    let warnings = summary == Format::Json;
    let mut failure: Option<Error> = None;
    let mut below = 0u64;
    let window = 256 * rayon::current_num_threads().max(1);
    let mut take = |row: &Row, portfolio: &mut Portfolio| {
        portfolio.add(row);
        if let (Some(min), Some(s)) = (fail_under, &row.scored) {
            // The total as the row shows it, as for one file.
            if s.total
                .is_none_or(|t| crate::text::rounded(t, crate::text::SCORE_DECIMALS) < min)
            {
                below += 1;
            }
        }
    };
    // A CSV summary: each row written as it comes, beside its total; the percentiles are put in
    // once all totals are known (`CsvSpool::splice`). Any other: the rows kept as JSON.
    let mut spool = if summary == Format::Csv {
        Rows::Csv(CsvSpool::create(spool_dir)?, lang)
    } else {
        Rows::Json(Spool::create(spool_dir, warnings)?)
    };
    let failed = |e: &std::io::Error| Error::write(&spool_dir.display().to_string(), e);
    let areas: Vec<&str> = batch
        .guideline
        .areas
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    let carriers = batch.guideline.carriers();
    // A CSV summary's records are made beside the scoring, on the workers, so that the thread
    // that keeps the rows in order only copies them.
    let records =
        matches!(spool, Rows::Csv(..)).then(|| CsvRows::new(areas.len(), &carriers, lang));
    let mut keep = match &mut spool {
        Rows::Csv(csv, lang) => {
            let (stream, totals) = csv.writers();
            let style = SummaryStyle {
                width: 100,
                lang: *lang,
                bom: false,
                base: None,
            };
            // The header; the records follow.
            SummaryWriter::new(Format::Csv, &areas, &carriers, &style, &mut *stream)
                .and_then(|header| header.finish(None))
                .map_err(|e| failed(&e))?;
            Keep::Csv { stream, totals }
        }
        Rows::Json(json) => Keep::Json(json),
    };
    for_each_ordered(
        walk(inputs),
        window,
        |found| {
            let row = batch.score_row(found, warnings);
            let record = records.as_ref().map(|r| r.record(&row));
            (row, record)
        },
        |(row, record): (Row, Option<std::io::Result<Vec<u8>>>)| {
            on_row(&row);
            if failure.is_some() {
                return;
            }
            take(&row, &mut portfolio);
            if let Err(e) = keep.push(row, record, &failed) {
                failure = Some(e);
            }
        },
    );
    if let Err(e) = keep.finish() {
        failure.get_or_insert(failed(&e));
    }
    if let Some(e) = failure {
        return Err(e);
    }
    // Every report on disk before the summary that lists them is written.
    if let Some(reports) = &batch.reports {
        reports.written.sync()?;
    }
    portfolio.seal();
    let statistics = portfolio.statistics(batch.guideline);
    Ok(Spooled {
        rows: spool,
        portfolio,
        statistics,
        below,
    })
}

/// The name of the summary file in an output directory: `summary.csv`, `summary.jsonl`.
#[must_use]
pub fn summary_name(format: Format) -> String {
    match format {
        Format::Json => "summary.jsonl".to_owned(),
        // The page a browser opens first, linking to each firm's report.
        Format::Html => "index.html".to_owned(),
        f => format!("summary.{}", extension(f)),
    }
}

/// Whether the statistics go to a file of their own (`statistics.csv`, `statistics.json`) rather
/// than after the rows: for the formats whose files hold one kind of record.
#[must_use]
pub fn statistics_apart(format: Format) -> bool {
    matches!(format, Format::Csv | Format::Json)
}

impl Spooled {
    /// The portfolio's statistics.
    #[must_use]
    pub fn statistics(&self) -> &Statistics {
        &self.statistics
    }

    /// How many firms are below the `--fail-under` threshold.
    #[must_use]
    pub fn below(&self) -> u64 {
        self.below
    }

    /// Writes the summary to `out`: each row in input order with its percentile, then (with
    /// `with_statistics`) the statistics.
    pub fn write(
        &mut self,
        format: Format,
        guideline: &Guideline,
        style: &SummaryStyle,
        out: &mut dyn Write,
        with_statistics: bool,
    ) -> std::io::Result<()> {
        let areas: Vec<&str> = guideline.areas.iter().map(|a| a.id.as_str()).collect();
        let carriers = guideline.carriers();
        let spool = match &mut self.rows {
            Rows::Json(spool) => spool,
            Rows::Csv(spool, lang) => {
                if format != Format::Csv || *lang != style.lang {
                    return Err(std::io::Error::other(
                        "the rows were kept as a CSV summary in another language",
                    ));
                }
                // The header as asked (with its byte-order mark), then the rows as written.
                SummaryWriter::new(format, &areas, &carriers, style, out)?.finish(None)?;
                let portfolio = &self.portfolio;
                return spool.splice(|t| portfolio.percentile(t), out);
            }
        };
        let mut w = SummaryWriter::new(format, &areas, &carriers, style, out)?;
        for row in spool.rows().map_err(std::io::Error::other)? {
            let mut row = row.map_err(std::io::Error::other)?;
            if let Some(s) = &mut row.scored {
                s.percentile = s.total.and_then(|t| self.portfolio.percentile(t));
            }
            w.row(&row)?;
        }
        w.finish(with_statistics.then_some(&self.statistics))
    }

    /// Writes the summary into `dir` (see [`summary_name`]) and, for CSV and JSON, the statistics
    /// beside it; returns the files written.
    pub fn write_dir(
        &mut self,
        format: Format,
        guideline: &Guideline,
        style: &SummaryStyle,
        dir: &Path,
    ) -> Result<Vec<PathBuf>, Error> {
        let summary = dir.join(summary_name(format));
        let failed = |path: &Path, e: &std::io::Error| Error::write(&path.display().to_string(), e);
        let mut file = crate::output::AtomicFile::create(&summary)?;
        let apart = statistics_apart(format);
        self.write(format, guideline, style, &mut file, !apart)
            .map_err(|e| failed(&summary, &e))?;
        file.commit()?;
        let mut written = vec![summary];
        if apart {
            let path = dir.join(format!("statistics.{}", extension(format)));
            let mut buf = Vec::new();
            statistics(format, &self.statistics, style.lang, style.bom, &mut buf)
                .map_err(|e| failed(&path, &e))?;
            crate::output::write_atomic(&path, &buf)?;
            written.push(path);
        }
        Ok(written)
    }
}
