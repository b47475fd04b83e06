//! Portfolios: many answers files scored in parallel into one row each, in input order, with memory
//! flat in the number of files. A file that cannot be read, parsed or checked becomes an error row
//! with its position; it stops nothing.
//!
//! The parts: [`walk`] finds the files, [`for_each_ordered`] scores them on all cores and hands the
//! rows on in order, [`Portfolio`] gathers the statistics, and [`Spool`] keeps the rows on disk
//! until the percentiles are known.

mod ordered;
mod spool;
mod stats;
mod walk;

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use ordered::for_each_ordered;
pub use spool::Spool;
pub use stats::{AreaSpread, GradeCount, Portfolio, Spread, Statistics};
pub use walk::{Found, Walk, walk};

use crate::error::Error;
use crate::guideline::Guideline;
use crate::report::{Format, Style};
use crate::score::{Options, summarize};
use crate::scorecard::Unanswered;
use crate::source::Severity;
use crate::text::Lang;

/// Whether a row holds a score or an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RowStatus {
    Ok,
    Error,
}

/// One area's score in a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaScore {
    pub id: String,
    /// 0 to 100; absent when the area is not applicable.
    pub score: Option<f64>,
}

/// The gap that would raise the total most.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopGap {
    pub indicator: String,
    pub title: String,
    pub gain: f64,
}

/// What a scored file gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    pub firm: String,
    /// 0 to 100; absent when no area is applicable.
    pub total: Option<f64>,
    pub grade: Option<String>,
    /// Share of the portfolio's firms with a lower total, 0 to 100; known once all are scored.
    pub percentile: Option<f64>,
    /// Scored over applicable indicators, 0 to 1.
    pub completeness: Option<f64>,
    pub areas: Vec<AreaScore>,
    pub top_gap: Option<TopGap>,
    /// GHG totals, when the guideline has an inventory and the firm reported to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ghg: Option<GhgRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// A firm's GHG totals in a row: what an emissions survey over a portfolio needs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GhgRow {
    pub scope1_tco2e: f64,
    pub scope2_location_tco2e: f64,
    pub scope2_market_tco2e: f64,
    /// In the unit of the guideline's intensity metric (tCO2e per KRW 100 million for `k-esg-sme`).
    pub intensity: Option<f64>,
}

/// Where and why a file could not be scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowError {
    /// 1-based; 0 when the problem concerns the whole file (it could not be read).
    pub line: usize,
    pub column: usize,
    /// The first problem, in plain words.
    pub message: String,
    /// How many problems the file has in all.
    pub count: usize,
}

/// One file of a portfolio: its score, or why it has none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub status: RowStatus,
    /// The file's path as found.
    pub file: String,
    #[serde(flatten)]
    pub scored: Option<Scored>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<RowError>,
    /// Where the firm's own report was written, with `-o DIR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
}

impl Row {
    /// An error row for `file`.
    #[must_use]
    pub fn failed(file: String, e: &Error) -> Row {
        let error = match e {
            Error::Read { reason, .. } => RowError {
                line: 0,
                column: 0,
                message: reason.clone(),
                count: 1,
            },
            Error::Invalid(diags) => {
                // The first error in file order, and how many there are in all, those beyond
                // the per-file cap (counted, not built) included.
                let problems = || diags.iter().filter(|d| d.omitted.is_none());
                let first = problems()
                    .find(|d| d.severity == Severity::Error)
                    .or_else(|| problems().next());
                RowError {
                    line: first.map_or(0, |d| d.line),
                    column: first.map_or(0, |d| d.column),
                    message: first.map_or_else(|| e.to_string(), |d| d.message.clone()),
                    count: crate::source::totals(diags).errors.max(1),
                }
            }
            other => RowError {
                line: 0,
                column: 0,
                message: other.to_string(),
                count: 1,
            },
        };
        Row {
            status: RowStatus::Error,
            file,
            scored: None,
            error: Some(error),
            report: None,
        }
    }
}

/// Each firm's own report, written beside the summary.
#[derive(Debug, Clone)]
pub struct Reports {
    /// Reports go to `dir/reports/`, mirroring the input paths.
    pub dir: PathBuf,
    pub format: Format,
    pub style: Style,
}

/// How a portfolio is scored: one guideline, loaded once, for every file.
#[derive(Debug, Clone)]
pub struct Batch<'g> {
    pub guideline: &'g Guideline,
    pub unanswered: Unanswered,
    /// Language of titles in rows and reports.
    pub lang: Lang,
    pub reports: Option<Reports>,
}

impl Batch<'_> {
    /// Reads, checks and scores one file found by [`walk`]; never fails: problems become an
    /// error row.
    #[must_use]
    pub fn score(&self, found: Found) -> Row {
        match found {
            Found::File(path) => self.score_file(&path),
            Found::Unlisted(path, e) => Row::failed(path.display().to_string(), &e),
        }
    }

    /// Reads, checks and scores the file at `path` (and writes its report, if asked).
    #[must_use]
    pub fn score_file(&self, path: &Path) -> Row {
        let file = path.display().to_string();
        let source = match crate::input::read_file(path) {
            Ok(s) => s,
            Err(e) => return Row::failed(file, &e),
        };
        let g = self.guideline;
        let answers = match crate::answers::parse(&source, g) {
            Ok(a) => a,
            Err(e) => return Row::failed(file, &e),
        };
        let lang = g.lang(self.lang);
        let s = summarize(
            g,
            &answers,
            Options {
                unanswered: self.unanswered,
                lang: self.lang,
            },
        );
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
                    title: g.indicators[i].title.show(lang).to_owned(),
                    gain,
                }),
                ghg: s.ghg.map(|t| GhgRow {
                    scope1_tco2e: t.scope1,
                    scope2_location_tco2e: t.scope2_location,
                    scope2_market_tco2e: t.scope2_market,
                    intensity: t.intensity,
                }),
                warnings: answers
                    .warnings
                    .iter()
                    .map(|w| w.message.clone())
                    .chain(s.warnings)
                    .collect(),
            }),
            error: None,
            report: None,
        };
        if let Some(reports) = &self.reports {
            let card = crate::score::score(
                g,
                &answers,
                Options {
                    unanswered: self.unanswered,
                    lang: self.lang,
                },
            );
            let target = report_path(&reports.dir, path, reports.format);
            let mut buf = Vec::with_capacity(16 * 1024);
            let written = crate::report::render(reports.format, &card, &reports.style, &mut buf)
                .map_err(|e| Error::Write {
                    path: target.display().to_string(),
                    reason: e.to_string(),
                })
                .and_then(|()| {
                    if let Some(parent) = target.parent() {
                        std::fs::create_dir_all(parent).map_err(|e| Error::Write {
                            path: parent.display().to_string(),
                            reason: e.to_string(),
                        })?;
                    }
                    crate::output::write_atomic(&target, &buf)
                });
            match written {
                Ok(()) => row.report = Some(target.display().to_string()),
                Err(e) => return Row::failed(row.file, &e),
            }
        }
        row
    }
}

/// The file name extension of a report format.
#[must_use]
pub fn extension(format: Format) -> &'static str {
    match format {
        Format::Table => "txt",
        Format::Json => "json",
        Format::Markdown => "md",
        Format::Csv => "csv",
    }
}

/// Where the report of the answers file at `input` goes: `dir/reports/` followed by the input path
/// as given (root, `.` left out, `..` written `__`), with the format's extension. Distinct input
/// paths give distinct report paths, and none collides with the summary files in `dir`.
#[must_use]
pub fn report_path(dir: &Path, input: &Path, format: Format) -> PathBuf {
    let mut out = dir.join("reports");
    let mut any = false;
    for c in input.components() {
        match c {
            Component::Normal(p) => {
                out.push(p);
                any = true;
            }
            Component::ParentDir => {
                out.push("__");
                any = true;
            }
            Component::Prefix(p) => {
                let s: String = p
                    .as_os_str()
                    .to_string_lossy()
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect();
                out.push(s);
            }
            Component::RootDir | Component::CurDir => {}
        }
    }
    if !any {
        out.push("answers");
    }
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(extension(format));
    out.set_file_name(name);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_paths_mirror_inputs() {
        let d = Path::new("out");
        let p = |s: &str| report_path(d, Path::new(s), Format::Csv);
        assert_eq!(
            p("clients/acme.toml"),
            Path::new("out/reports/clients/acme.toml.csv")
        );
        assert_eq!(p("./a.toml"), Path::new("out/reports/a.toml.csv"));
        assert_eq!(p("../x/a.toml"), Path::new("out/reports/__/x/a.toml.csv"));
        assert_ne!(p("a.toml"), p("a"));
    }

    #[test]
    fn rows_survive_a_round_trip_through_json() {
        let ok = Row {
            status: RowStatus::Ok,
            file: "a.toml".into(),
            scored: Some(Scored {
                firm: "가나다(주)".into(),
                total: Some(61.25),
                grade: Some("C".into()),
                percentile: None,
                completeness: Some(0.9),
                areas: vec![AreaScore {
                    id: "E".into(),
                    score: None,
                }],
                top_gap: None,
                ghg: Some(GhgRow {
                    scope1_tco2e: 1223.0,
                    scope2_location_tco2e: 605.1,
                    scope2_market_tco2e: 600.0,
                    intensity: None,
                }),
                warnings: vec![],
            }),
            error: None,
            report: None,
        };
        let bad = Row::failed(
            "b.toml".into(),
            &Error::Read {
                path: "b.toml".into(),
                reason: "permission denied".into(),
            },
        );
        for row in [ok, bad] {
            let json = serde_json::to_string(&row).unwrap();
            assert_eq!(serde_json::from_str::<Row>(&json).unwrap(), row, "{json}");
        }
    }
}
