//! The JSON format: the files checked and every finding, with positions in characters.

use std::io::{self, Write};

use serde::Serialize;

use crate::lint::Report;
use crate::source::Severity;

/// Version of this JSON form; raised when a field changes meaning or goes away.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Out<'a> {
    format_version: u32,
    files: &'a [String],
    errors: usize,
    warnings: usize,
    diagnostics: Vec<Finding<'a>>,
}

#[derive(Serialize)]
struct Finding<'a> {
    code: &'a str,
    severity: Severity,
    message: &'a str,
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
    help: Option<&'a str>,
}

pub(super) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let doc = Out {
        format_version: FORMAT_VERSION,
        files: &report.files,
        errors: report.errors(),
        warnings: report.warnings(),
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| {
                let at = d.line > 0;
                Finding {
                    code: d.code,
                    severity: d.severity,
                    message: &d.message,
                    file: &d.file,
                    line: at.then_some(d.line),
                    column: at.then_some(d.column),
                    end_column: at.then(|| d.end_column()),
                    help: d.help.as_deref(),
                }
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
