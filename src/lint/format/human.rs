//! The human format: each finding with its source line and the span underlined, then a summary.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Style, line_span};
use crate::lint::Report;
use crate::source::Severity;
use crate::tr;

pub(super) fn render(report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let renderer = if style.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let lang = style.lang;
    for d in &report.diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR.with_name(lang.pick("오류", "error")),
            Severity::Warning => Level::WARNING.with_name(lang.pick("주의", "warning")),
        };
        let title = level.primary_title(d.message.as_str()).id(d.code);
        let mut group: Group<'_> = match line_span(d) {
            Some((text, span)) => title.element(
                Snippet::source(text)
                    .line_start(d.line)
                    .path(d.file.as_str())
                    .annotation(AnnotationKind::Primary.span(span)),
            ),
            None => title.element(Origin::path(d.file.as_str())),
        };
        if let Some(help) = &d.help {
            group = group.element(
                Level::HELP
                    .with_name(lang.pick("도움말", "help"))
                    .message(help.as_str()),
            );
        }
        writeln!(out, "{}\n", renderer.render(&[group]))?;
    }
    let files = report.files.len();
    let (errors, warnings) = (report.errors(), report.warnings());
    let summary = if errors + warnings == 0 {
        tr!(
            lang,
            "파일 {}개 검사: 문제 없음",
            "{} file(s) checked: no problems",
            files
        )
    } else {
        tr!(
            lang,
            "파일 {}개 검사: 오류 {}개, 주의 {}개",
            "{} file(s) checked: {} error(s), {} warning(s)",
            files,
            errors,
            warnings
        )
    };
    writeln!(out, "{summary}")
}
