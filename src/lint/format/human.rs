//! The human format: each finding with its source line and the span underlined, then a summary.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Item, Style, items, line_span};
use crate::lint::Report;
use crate::source::{Severity, totals};
use crate::text::visible;

pub(super) fn render(report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let renderer = if style.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let lang = style.lang;
    for item in items(report) {
        let d = match item {
            Item::Finding(d) => d,
            Item::More { file, at, omitted } => {
                let mut origin = Origin::path(visible(file));
                if at.0 > 0 {
                    origin = origin.line(at.0).char_column(at.1);
                }
                let group = Level::NOTE
                    .with_name(lang.pick("참고", "note"))
                    .primary_title(omitted.message(lang))
                    .element(origin);
                writeln!(out, "{}\n", renderer.render(&[group]))?;
                continue;
            }
        };
        let level = match d.severity {
            Severity::Error => Level::ERROR.with_name(lang.pick("오류", "error")),
            Severity::Warning => Level::WARNING.with_name(lang.pick("주의", "warning")),
        };
        // Text from files with control characters shown (annotate-snippets does so for the
        // source line, but not for every C1 control).
        let message = visible(&d.message_text(lang)).into_owned();
        let title = level.primary_title(message).id(d.code.as_str());
        let excerpt = line_span(d);
        let mut group: Group<'_> = match &excerpt {
            Some((text, span)) => title.element(
                Snippet::source(text.as_str())
                    .line_start(d.line)
                    .path(visible(&d.file))
                    .annotation(AnnotationKind::Primary.span(span.clone())),
            ),
            None => title.element(Origin::path(visible(&d.file))),
        };
        if let Some(help) = d.help_text(lang) {
            let help: Vec<_> = help.lines().map(visible).collect();
            group = group.element(
                Level::HELP
                    .with_name(lang.pick("도움말", "help"))
                    .message(help.join("\n")),
            );
        }
        let mut shown = renderer.render(&[group]);
        if let Some(ex) = d
            .excerpt
            .as_ref()
            .filter(|ex| ex.mark.start + 1 != d.column)
        {
            // A window of a long line: annotate-snippets counts the column in the window; the
            // position shown is the one in the file.
            let file = visible(&d.file);
            let window = format!("{file}:{}:{}", d.line, ex.mark.start + 1);
            let real = format!("{file}:{}:{}", d.line, d.column);
            shown = shown.replacen(&window, &real, 1);
        }
        writeln!(out, "{shown}\n")?;
    }
    let totals = totals(&report.diagnostics);
    let summary = summary(lang, report.files.len(), totals.errors, totals.warnings);
    writeln!(out, "{summary}")
}

/// "3 files checked: 1 error, 2 warnings" (or "no problems"), in Korean or English.
pub(super) fn summary(
    lang: crate::text::Lang,
    files: usize,
    errors: usize,
    warnings: usize,
) -> String {
    use crate::text::{Ui, count};
    match (lang.ui(), errors + warnings) {
        (Ui::Ko, 0) => format!("파일 {files}개 검사: 문제 없음"),
        (Ui::Ko, _) => format!("파일 {files}개 검사: 오류 {errors}개, 주의 {warnings}개"),
        (Ui::En, 0) => format!("{} checked: no problems", count(files, "file", "files")),
        (Ui::En, _) => format!(
            "{} checked: {}, {}",
            count(files, "file", "files"),
            count(errors, "error", "errors"),
            count(warnings, "warning", "warnings")
        ),
    }
}
