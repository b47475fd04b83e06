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

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

pub use crate::walk::{Found, Input, walk};
pub use ordered::for_each_ordered;
pub use run::{Spooled, score_all};
pub use spool::Spool;
pub use stats::Portfolio;

use crate::error::Error;
use crate::guideline::Guideline;
use crate::portfolio::{AreaScore, CarrierEnergy, GhgRow, Row, RowStatus, Scored, TopGap};
use crate::report::{Format, Style};
use crate::score::{Options, file_warning, score_and_summarize, summarize};
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
        let options = Options {
            unanswered: self.unanswered,
        };
        // One scoring serves both the row and, when asked, the firm's report.
        let (card, s) = if self.reports.is_some() {
            let (card, s) = score_and_summarize(g, &answers, options);
            (Some(card), s)
        } else {
            (None, summarize(g, &answers, options))
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
                warnings: answers
                    .warnings
                    .iter()
                    .map(file_warning)
                    .chain(s.warnings)
                    .collect(),
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

/// The file name extension of a report format.
#[must_use]
pub fn extension(format: Format) -> &'static str {
    match format {
        Format::Table => "txt",
        Format::Json => "json",
        Format::Markdown => "md",
        Format::Csv => "csv",
        Format::Html => "html",
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
}
