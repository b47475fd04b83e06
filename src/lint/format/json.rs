//! The JSON format: the files checked and every finding, with positions in characters.

use std::io::{self, Write};

use std::borrow::Cow;

use serde::Serialize;

use super::{Item, items};
use crate::code::Code;
use crate::lint::Report;
use crate::source::{Severity, totals};
use crate::text::Lang;

/// Version of this JSON form; raised when a field changes meaning or goes away.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Out<'a> {
    format_version: u32,
    /// The language of `message` and `help`.
    lang: Lang,
    files: &'a [String],
    errors: usize,
    warnings: usize,
    diagnostics: Vec<Finding<'a>>,
    /// Per file, the findings beyond the first `MAX_PER_FILE` that are counted but not listed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    omitted: Vec<Left<'a>>,
}

#[derive(Serialize)]
struct Left<'a> {
    file: &'a str,
    errors: usize,
    warnings: usize,
    /// Where the first finding left out is (absent when unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

#[derive(Serialize)]
struct Finding<'a> {
    code: Code,
    severity: Severity,
    message: Cow<'a, str>,
    file: &'a str,
    /// 1-based; absent when the finding concerns the whole file.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    /// 1-based, in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    /// Just past the marked span, in characters, on the same line.
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Cow<'a, str>>,
}

pub(super) fn render(report: &Report, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let totals = totals(&report.diagnostics);
    let mut diagnostics = Vec::new();
    let mut omitted = Vec::new();
    for item in items(report) {
        match item {
            Item::Finding(d) => {
                let at = d.line > 0;
                diagnostics.push(Finding {
                    code: d.code,
                    severity: d.severity,
                    message: d.message_text(lang),
                    file: &d.file,
                    line: at.then_some(d.line),
                    column: at.then_some(d.column),
                    end_column: at.then(|| d.end_column()),
                    help: d.help_text(lang),
                });
            }
            Item::More {
                file,
                at,
                omitted: o,
            } => omitted.push(Left {
                file,
                errors: o.errors,
                warnings: o.warnings,
                line: (at.0 > 0).then_some(at.0),
                column: (at.0 > 0).then_some(at.1),
            }),
        }
    }
    let doc = Out {
        format_version: FORMAT_VERSION,
        lang,
        files: &report.files,
        errors: totals.errors,
        warnings: totals.warnings,
        diagnostics,
        omitted,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
