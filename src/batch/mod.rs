//! Portfolios: many answers files scored in parallel into one row each, in input order, with memory
//! flat in the number of files. A file that cannot be read, parsed or checked becomes an error row
//! with its position; it stops nothing.
//!
//! The parts: [`walk`] finds the files, [`for_each_ordered`] scores them on all cores and hands the
//! rows on in order, [`Portfolio`] gathers the statistics, and [`Spool`] keeps the rows on disk
//! until the percentiles are known.

mod ordered;
mod run;
mod spool;
mod stats;

use std::path::{Path, PathBuf};

pub use crate::report::{extension, report_path};
pub use crate::walk::{Found, Input, walk};
pub use ordered::for_each_ordered;
pub use run::{Spooled, score_all};
pub use spool::Spool;
pub use stats::Portfolio;

use crate::error::Error;
use crate::guideline::Guideline;
use crate::portfolio::{AreaScore, CarrierEnergy, GhgRow, Row, RowStatus, Scored, TopGap};
use crate::report::{Format, Style};
use crate::score::{Options, file_warning, score_and_summarize, summarize, summarize_numbers};
use crate::scorecard::Unanswered;
use crate::text::Lang;

/// Each firm's own report, written beside the summary.
#[derive(Debug)]
pub struct Reports {
    /// Reports go to `dir/reports/`, mirroring the input paths (see [`report_path`]).
    pub dir: PathBuf,
    pub format: Format,
    /// The language the reports are written in.
    pub lang: Lang,
    pub style: Style,
    /// Start CSV reports with a UTF-8 byte-order mark.
    pub bom: bool,
    /// The reports written, synced to disk together by [`crate::output::Deferred::sync`] once
    /// the portfolio is scored.
    pub written: crate::output::Deferred,
}

impl Reports {
    /// Reports in `format` and `lang` into `dir/reports/`, none written yet.
    #[must_use]
    pub fn new(dir: PathBuf, format: Format, lang: Lang, style: Style, bom: bool) -> Reports {
        Reports {
            dir,
            format,
            lang,
            style,
            bom,
            written: crate::output::Deferred::new(),
        }
    }

    /// Puts every report written so far on disk (see [`crate::output::Deferred::sync`]).
    pub fn sync(&self) -> Result<(), Error> {
        self.written.sync()
    }
}

/// How a portfolio is scored: one guideline, loaded once, for every file.
#[derive(Debug)]
pub struct Batch<'g> {
    pub guideline: &'g Guideline,
    pub unanswered: Unanswered,
    pub reports: Option<Reports>,
}

impl Batch<'_> {
    /// Reads, checks and scores one file found by [`walk`]; never fails: problems become an
    /// error row.
    #[must_use]
    pub fn score(&self, found: Found) -> Row {
        self.score_row(found, true)
    }

    /// [`Batch::score`], with the row's warnings only when `warnings` is true (a summary that
    /// does not show them need not find them).
    pub(crate) fn score_row(&self, found: Found, warnings: bool) -> Row {
        let path = found.path().to_path_buf();
        match found.read() {
            Ok(source) => self.score_source(&path, &source, warnings),
            Err(e) => Row::failed(path.display().to_string(), &e),
        }
    }

    /// Reads, checks and scores the file at `path`, named by the user (and writes its report, if
    /// asked).
    #[must_use]
    pub fn score_file(&self, path: &Path) -> Row {
        self.score(Found::Named(path.to_path_buf()))
    }

    fn score_source(&self, path: &Path, source: &crate::source::Source, warnings: bool) -> Row {
        let file = path.display().to_string();
        let g = self.guideline;
        let answers = match crate::answers::parse(source, g) {
            Ok(a) => a,
            Err(e) => return Row::failed(file, &e),
        };
        let options = Options {
            unanswered: self.unanswered,
        };
        // One scoring serves both the row and, when asked, the firm's report.
        let (card, s) = if self.reports.is_some() {
            let (card, s) = score_and_summarize(g, &answers, options);
            (Some(card), s)
        } else if warnings {
            (None, summarize(g, &answers, options))
        } else {
            (None, summarize_numbers(g, &answers, options))
        };
        let mut row = Row {
            status: RowStatus::Ok,
            file,
            scored: Some(Scored {
                firm: answers.firm.name.clone(),
                total: s.total,
                grade: s.grade.map(|i| g.grades[i].id.clone()),
                percentile: None,
                completeness: s.completeness.ratio,
                areas: g
                    .areas
                    .iter()
                    .zip(&s.areas)
                    .map(|(a, &score)| AreaScore {
                        id: a.id.clone(),
                        score,
                    })
                    .collect(),
                top_gap: s.top_gap.map(|(i, gain)| TopGap {
                    indicator: g.indicators[i].id.clone(),
                    title: g.indicators[i].title.clone(),
                    gain,
                }),
                ghg: s.ghg.map(|t| GhgRow {
                    scope1_tco2e: t.scope1,
                    scope2_location_tco2e: t.scope2_location,
                    scope2_market_tco2e: t.scope2_market,
                    intensity: t.intensity,
                    verified: t.verified,
                    energy_mwh: t.energy_mwh,
                    energy_by_carrier: g
                        .carriers()
                        .iter()
                        .zip(t.energy_by_carrier)
                        .map(|(c, mwh)| CarrierEnergy {
                            carrier: (*c).to_owned(),
                            mwh,
                        })
                        .collect(),
                }),
                sector: s.sector,
                size_band: s.size_band,
                figures: s.figures,
                warnings: if warnings {
                    answers
                        .warnings
                        .iter()
                        .map(file_warning)
                        .chain(s.warnings)
                        .collect()
                } else {
                    Vec::new()
                },
            }),
            error: None,
            report: None,
        };
        if let (Some(reports), Some(card)) = (&self.reports, card) {
            let target = report_path(&reports.dir, path, reports.format);
            let mut buf = Vec::with_capacity(16 * 1024);
            if reports.bom && reports.format == Format::Csv {
                buf.extend_from_slice(crate::report::BOM);
            }
            let written = crate::report::render(
                reports.format,
                &card,
                reports.lang,
                &reports.style,
                &mut buf,
            )
            .map_err(|e| Error::write(&target.display().to_string(), &e))
            .and_then(|()| {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| Error::write(&parent.display().to_string(), &e))?;
                }
                reports.written.write(&target, &buf)
            });
            match written {
                Ok(()) => row.report = Some(target.display().to_string()),
                Err(e) => return Row::failed(row.file, &e),
            }
        }
        row
    }
}
