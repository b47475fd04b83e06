//! Renderers of a lint [`Report`]: one file per format, chosen by one `match`.

mod github;
mod human;
mod json;
mod sarif;

use std::io::{self, Write};

use super::Report;
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
        Format::Json => json::render(report, out),
        Format::Sarif => sarif::render(report, out),
        Format::Github => github::render(report, style, out),
    }
}

/// The start and end (exclusive) of a diagnostic's span on its line, in bytes of the line text.
fn line_span(d: &crate::source::Diagnostic) -> Option<(&str, std::ops::Range<usize>)> {
    let ex = d.excerpt.as_ref()?;
    let byte = |col: usize| {
        ex.text
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(ex.text.len(), |(i, _)| i)
    };
    let start = byte(d.column);
    let end = byte(d.column + ex.width).max(start);
    Some((&ex.text, start..end))
}
