//! The GitHub Actions format: one workflow command per finding, shown as an annotation on the
//! pull request at its file and line.

use std::io::{self, Write};

use super::Style;
use crate::lint::Report;
use crate::source::Severity;

/// Escapes a message (`%`, CR, LF) as workflow commands need.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (also `:` and `,`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub(super) fn render(report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = format!("file={}", property(&d.file));
        if d.line > 0 {
            props.push_str(&format!(
                ",line={},col={},endColumn={}",
                d.line,
                d.column,
                d.end_column()
            ));
        }
        props.push_str(&format!(",title={}", property(&format!("esg {}", d.code))));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(out, "::{command} {props}::{}", data(&message))?;
    }
    let (errors, warnings) = (report.errors(), report.warnings());
    writeln!(
        out,
        "{}",
        super::human::summary(style.lang, report.files.len(), errors, warnings)
    )
}
