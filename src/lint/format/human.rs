//! The human format: each finding with its source line and the span underlined, then a summary.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Style, line_span};
use crate::lint::Report;
use crate::source::Severity;

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
    let summary = summary(lang, report.files.len(), report.errors(), report.warnings());
    writeln!(out, "{summary}")
}

/// "3 files checked: 1 error, 2 warnings" (or "no problems"), in Korean or English.
pub(super) fn summary(
    lang: crate::text::Lang,
    files: usize,
    errors: usize,
    warnings: usize,
) -> String {
    use crate::text::{Lang, count};
    match (lang, errors + warnings) {
        (Lang::Ko, 0) => format!("파일 {files}개 검사: 문제 없음"),
        (Lang::Ko, _) => format!("파일 {files}개 검사: 오류 {errors}개, 주의 {warnings}개"),
        (Lang::En, 0) => format!("{} checked: no problems", count(files, "file", "files")),
        (Lang::En, _) => format!(
            "{} checked: {}, {}",
            count(files, "file", "files"),
            count(errors, "error", "errors"),
            count(warnings, "warning", "warnings")
        ),
    }
}
