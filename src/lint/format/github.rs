//! The GitHub Actions format: one workflow command per finding, shown as an annotation on the
//! pull request at its file and line.

use std::io::{self, Write};

use super::{Item, Style, items};
use crate::lint::Report;
use crate::source::{Severity, totals};
use crate::text::visible;

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

/// Text from a file for a log line: control characters as visible symbols, so that no escape
/// sequence reaches the log viewer and no line break starts a command of its own.
fn shown(s: &str) -> String {
    visible(s).into_owned()
}

pub(super) fn render(report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    for item in items(report) {
        let d = match item {
            Item::Finding(d) => d,
            Item::More { file, at, omitted } => {
                let mut props = format!("file={}", property(&shown(file)));
                if at.0 > 0 {
                    props.push_str(&format!(",line={},col={}", at.0, at.1));
                }
                props.push_str(",title=esg");
                writeln!(
                    out,
                    "::notice {props}::{}",
                    data(&omitted.message(style.lang))
                )?;
                continue;
            }
        };
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = format!("file={}", property(&shown(&d.file)));
        if d.line > 0 {
            props.push_str(&format!(
                ",line={},col={},endColumn={}",
                d.line,
                d.column,
                d.end_column()
            ));
        }
        props.push_str(&format!(",title={}", property(&format!("esg {}", d.code))));
        let mut message = shown(&d.message_text(style.lang));
        if let Some(help) = d.help_text(style.lang) {
            message.push_str(style.lang.pick("\n도움말: ", "\nhelp: "));
            let lines: Vec<String> = help.lines().map(shown).collect();
            message.push_str(&lines.join("\n"));
        }
        writeln!(out, "::{command} {props}::{}", data(&message))?;
    }
    let totals = totals(&report.diagnostics);
    writeln!(
        out,
        "{}",
        super::human::summary(
            style.lang,
            report.files.len(),
            totals.errors,
            totals.warnings
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_text_is_escaped() {
        assert_eq!(data("100% a\r\nb"), "100%25 a%0D%0Ab");
        assert_eq!(property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
        // `%` first, so that an escape already in the text stays text.
        assert_eq!(data("%0A"), "%250A");
        assert_eq!(shown("x\u{1b}]8;;http://e\u{7}y\nz"), "x␛]8;;http://e␇y␊z");
    }
}
