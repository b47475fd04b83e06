//! Renderers of a lint [`Report`]: one file per format, chosen by one `match`.

mod github;
mod human;
mod json;
mod sarif;

use std::io::{self, Write};

use super::Report;
use crate::source::{Diagnostic, MAX_PER_FILE, Omitted, Severity};
use crate::text::Lang;

/// How a lint report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Each finding with its source line marked, and a summary (for people).
    Human,
    /// The findings as JSON (with `format_version`).
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
}

/// How a report looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub lang: Lang,
    pub color: bool,
}

/// Writes `report` in `format`.
pub fn render(
    format: Format,
    report: &Report,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(report, style, out),
        Format::Json => json::render(report, style.lang, out),
        Format::Sarif => sarif::render(report, style.lang, out),
        Format::Github => github::render(report, style, out),
    }
}

/// The source line (or the window of a long line) as shown, and the bytes of it to mark.
fn line_span(d: &Diagnostic) -> Option<(String, std::ops::Range<usize>)> {
    d.excerpt.as_ref().map(crate::source::Excerpt::shown)
}

/// What a report shows, in order: findings, and after a file's first [`MAX_PER_FILE`] findings
/// one line for the rest of that file.
enum Item<'a> {
    Finding(&'a Diagnostic),
    More {
        file: &'a str,
        /// Where the first finding left out is.
        at: (usize, usize),
        omitted: Omitted,
    },
}

/// The findings of `report` capped per file: the first [`MAX_PER_FILE`] of each file in the
/// report's order (by position), then one [`Item::More`] counting the others, including those
/// that were counted but never built.
fn items(report: &Report) -> Vec<Item<'_>> {
    let mut out = Vec::new();
    let diags = &report.diagnostics;
    let mut i = 0;
    while i < diags.len() {
        let file = diags[i].file.as_str();
        let end = diags[i..]
            .iter()
            .position(|d| d.file != file)
            .map_or(diags.len(), |n| i + n);
        let mut shown = 0;
        let mut omitted = Omitted::default();
        let mut at: Option<(usize, usize)> = None;
        for d in &diags[i..end] {
            let first_left_out = match d.omitted {
                Some(o) => {
                    omitted.errors += o.errors;
                    omitted.warnings += o.warnings;
                    (d.line, d.column)
                }
                None if shown < MAX_PER_FILE => {
                    out.push(Item::Finding(d));
                    shown += 1;
                    continue;
                }
                None => {
                    match d.severity {
                        Severity::Error => omitted.errors += 1,
                        Severity::Warning => omitted.warnings += 1,
                    }
                    (d.line, d.column)
                }
            };
            at = Some(at.map_or(first_left_out, |a| a.min(first_left_out)));
        }
        if omitted.total() > 0 {
            out.push(Item::More {
                file,
                at: at.unwrap_or((0, 0)),
                omitted,
            });
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::Code;
    use crate::source::Source;

    #[test]
    fn each_file_shows_its_first_findings_then_one_line_for_the_rest() {
        let a = Source::new("a.toml", "x\n".repeat(300));
        let mut diags: Vec<Diagnostic> = (0..150)
            .map(|i| {
                a.diagnostic(
                    Code::UnknownKey,
                    Some(2 * i..2 * i + 1),
                    crate::msg!("문제 {i}", "problem {i}"),
                )
            })
            .collect();
        diags.push(Diagnostic::omitted(
            "a.toml",
            Code::UnknownKey,
            (200, 1),
            Omitted {
                errors: 1000,
                warnings: 5,
            },
        ));
        diags.push(Diagnostic::whole_file(
            "b.toml",
            Code::UnusedQuestion,
            crate::msg!("문제 하나", "one problem"),
        ));
        let report = Report {
            files: vec!["a.toml".into(), "b.toml".into()],
            diagnostics: diags,
        };
        let items = items(&report);
        assert_eq!(items.len(), MAX_PER_FILE + 2);
        assert!(matches!(items[MAX_PER_FILE - 1], Item::Finding(d) if d.line == MAX_PER_FILE));
        match &items[MAX_PER_FILE] {
            Item::More { file, at, omitted } => {
                assert_eq!(*file, "a.toml");
                assert_eq!(*at, (MAX_PER_FILE + 1, 1));
                assert_eq!(omitted.errors, 1050);
                assert_eq!(omitted.warnings, 5);
            }
            Item::Finding(_) => panic!("expected the line for the rest"),
        }
        assert!(matches!(items[MAX_PER_FILE + 1], Item::Finding(d) if d.file == "b.toml"));
        let totals = crate::source::totals(&report.diagnostics);
        assert_eq!((totals.errors, totals.warnings), (1150, 6));
    }
}
