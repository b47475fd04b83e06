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

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use crate::walk::{Found, Input, Walk, walk};
pub use ordered::for_each_ordered;
pub use spool::Spool;
pub use stats::{AreaSpread, GradeCount, Portfolio, Spread, Statistics};

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
                message: reason.en.clone(),
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
                    message: first.map_or_else(|| e.to_string(), |d| d.message.en.clone()),
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
#[derive(Debug)]
pub struct Reports {
    /// Reports go to `dir/reports/`, mirroring the input paths (see [`report_path`]).
    pub dir: PathBuf,
    pub format: Format,
    pub style: Style,
    /// Start CSV reports with a UTF-8 byte-order mark.
    pub bom: bool,
    /// The reports written, synced to disk together by [`crate::output::Deferred::sync`] once
    /// the portfolio is scored.
    pub written: crate::output::Deferred,
}

/// How a portfolio is scored: one guideline, loaded once, for every file.
#[derive(Debug)]
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
        let path = found.path().to_path_buf();
        match found.read() {
            Ok(source) => self.score_source(&path, &source),
            Err(e) => Row::failed(path.display().to_string(), &e),
        }
    }

    /// Reads, checks and scores the file at `path`, named by the user (and writes its report, if
    /// asked).
    #[must_use]
    pub fn score_file(&self, path: &Path) -> Row {
        self.score(Found::Named(path.to_path_buf()))
    }

    fn score_source(&self, path: &Path, source: &crate::source::Source) -> Row {
        let file = path.display().to_string();
        let g = self.guideline;
        let answers = match crate::answers::parse(source, g) {
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
                    .map(|w| w.message.en.clone())
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
            if reports.bom && reports.format == Format::Csv {
                buf.extend_from_slice(crate::report::BOM);
            }
            let written = crate::report::render(reports.format, &card, &reports.style, &mut buf)
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

/// Where the report of the answers file at `input` goes: `dir/reports/`, then one name for each
/// component of the input path as given (`.` left out), the file's name followed by the format's
/// extension (`clients/acme.toml` -> `dir/reports/clients/acme.toml.csv`).
///
/// The mapping is injective: two paths that differ (after leaving out `.`) never share a report,
/// and no report lies where another one's directory goes. Names that start with `_` are reserved:
///
/// - the root of an absolute path is `_root` (`/tmp/x.toml` -> `reports/_root/tmp/x.toml.csv`,
///   apart from `tmp/x.toml` -> `reports/tmp/x.toml.csv`), and `..` is `_up`;
/// - a real name that starts with `_` gets one more (`__/x.toml` -> `reports/___/x.toml.csv`);
/// - a directory whose name ends with the report extension is written `_d` + its name, so that it
///   cannot be the report of a file beside it (`x.csv/a.toml` and the file `x`);
/// - a path that does not end in a name (`..`) gets a last name `_file`.
///
/// Since none of these forms starts with `_` followed by what another one has there, each name can
/// be read back one way only. The summary files lie in `dir` itself, never under `reports/`.
#[must_use]
pub fn report_path(dir: &Path, input: &Path, format: Format) -> PathBuf {
    let ext = extension(format);
    let parts: Vec<Component> = input
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    let ends_in_name = matches!(parts.last(), Some(Component::Normal(_)));
    let mut out = dir.join("reports");
    for (i, c) in parts.iter().enumerate() {
        match c {
            Component::RootDir => out.push("_root"),
            Component::ParentDir => out.push("_up"),
            Component::Prefix(p) => out.push(prefix_name(p.as_os_str())),
            Component::Normal(name) => {
                let mut part = OsString::new();
                if name.as_encoded_bytes().starts_with(b"_") {
                    part.push("_");
                }
                part.push(name);
                if ends_in_name && i + 1 == parts.len() {
                    part.push(".");
                    part.push(ext);
                } else if part
                    .as_encoded_bytes()
                    .strip_suffix(ext.as_bytes())
                    .is_some_and(|rest| rest.ends_with(b"."))
                {
                    let mut marked = OsString::from("_d");
                    marked.push(&part);
                    part = marked;
                }
                out.push(part);
            }
            Component::CurDir => {}
        }
    }
    if !ends_in_name {
        out.push(format!("_file.{ext}"));
    }
    out
}

/// A Windows path prefix (`C:`, `\\server\share`) as one file name: `_p` and the prefix with every
/// character but ASCII letters and digits written `-XX` (its bytes in hex).
fn prefix_name(prefix: &std::ffi::OsStr) -> String {
    let mut out = String::from("_p");
    for &b in prefix.as_encoded_bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("-{b:02x}"));
        }
    }
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
        assert_eq!(p("../x/a.toml"), Path::new("out/reports/_up/x/a.toml.csv"));
        assert_eq!(p("__/x/a.toml"), Path::new("out/reports/___/x/a.toml.csv"));
        assert_eq!(
            p("/tmp/x.toml"),
            Path::new("out/reports/_root/tmp/x.toml.csv")
        );
        assert_eq!(p("tmp/x.toml"), Path::new("out/reports/tmp/x.toml.csv"));
        assert_eq!(
            p("x.csv/a.toml"),
            Path::new("out/reports/_dx.csv/a.toml.csv")
        );
        assert_eq!(p("x"), Path::new("out/reports/x.csv"));
        assert_eq!(p(".."), Path::new("out/reports/_up/_file.csv"));
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
                reason: crate::source::Message::new("권한이 없습니다", "permission denied"),
            },
        );
        for row in [ok, bad] {
            let json = serde_json::to_string(&row).unwrap();
            assert_eq!(serde_json::from_str::<Row>(&json).unwrap(), row, "{json}");
        }
    }
}
