//! A report made of titled sections of lines and tables, computed once in one language and
//! written by one function per format (terminal, Markdown, HTML): `esg diff` and a firm's
//! history are such reports, so that their formats cannot say different things. The JSON of
//! each report is its own model, with the same numbers.
//!
//! Cells hold the words and numbers as shown; text from files is kept as written and made safe
//! here, where it is rendered (`text::visible`, `markdown::escape`, maud's escaping).

use std::io::Write;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::grid::{Align, Column, Grid};
use super::markdown::escape;
use crate::text::{Lang, visible, wrap_indented};

/// A whole report.
#[derive(Debug, Clone)]
pub struct Doc {
    /// What kind of report: "ESG 진단 비교".
    pub kicker: String,
    /// The firm's name, as its file writes it.
    pub title: String,
    /// The headline: who, compared how, the result.
    pub lines: Vec<String>,
    pub sections: Vec<Section>,
}

/// A section: a heading, lines of text, and a table.
#[derive(Debug, Clone)]
pub struct Section {
    /// What the section is, for tools and tests (`areas`, `indicators`, `ghg`).
    pub key: &'static str,
    pub heading: String,
    pub lines: Vec<String>,
    pub table: Option<Table>,
    /// A chart of the table's numbers, for the HTML page (the table follows it).
    pub chart: Option<Markup>,
}

/// A table: its columns and rows of cells.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Col>,
    pub rows: Vec<Vec<String>>,
}

/// A column.
#[derive(Debug, Clone)]
pub struct Col {
    pub header: String,
    /// Numbers, aligned right.
    pub numeric: bool,
    /// Left out first, in order of this rank, when a terminal is too narrow.
    pub optional: Option<u8>,
}

impl Col {
    #[must_use]
    pub fn text(header: &str) -> Col {
        Col {
            header: header.to_owned(),
            numeric: false,
            optional: None,
        }
    }

    #[must_use]
    pub fn num(header: &str) -> Col {
        Col {
            header: header.to_owned(),
            numeric: true,
            optional: None,
        }
    }

    #[must_use]
    pub fn optional(mut self, rank: u8) -> Col {
        self.optional = Some(rank);
        self
    }
}

/// Writes `doc` for a terminal `width` columns wide.
pub fn terminal(doc: &Doc, width: u16, color: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let width_in = width;
    let width = usize::from(width);
    let bold = |out: &mut dyn Write, text: &str| -> std::io::Result<()> {
        for line in wrap_indented(&visible(text), width, "", "") {
            if color {
                writeln!(out, "\x1b[1m{line}\x1b[0m")?;
            } else {
                writeln!(out, "{line}")?;
            }
        }
        Ok(())
    };
    bold(out, &format!("{} · {}", doc.kicker, doc.title))?;
    for l in &doc.lines {
        for line in wrap_indented(&visible(l), width, "", "  ") {
            writeln!(out, "{line}")?;
        }
    }
    sections_terminal(doc, width_in, color, out)
}

/// Writes the sections of `doc` (not its headline) for a terminal.
pub fn sections_terminal(
    doc: &Doc,
    width: u16,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let width = usize::from(width);
    let bold = |out: &mut dyn Write, text: &str| -> std::io::Result<()> {
        for line in wrap_indented(&visible(text), width, "", "") {
            if color {
                writeln!(out, "\x1b[1m{line}\x1b[0m")?;
            } else {
                writeln!(out, "{line}")?;
            }
        }
        Ok(())
    };
    for s in &doc.sections {
        writeln!(out)?;
        bold(out, &s.heading)?;
        for l in &s.lines {
            for line in wrap_indented(&visible(l), width, "", "  ") {
                writeln!(out, "{line}")?;
            }
        }
        if let Some(t) = &s.table {
            let mut g = Grid::new(
                t.columns
                    .iter()
                    .map(|c| {
                        let col = Column::new(
                            &c.header,
                            if c.numeric { Align::Right } else { Align::Left },
                        );
                        match c.optional {
                            Some(r) => col.optional(r),
                            None => col,
                        }
                    })
                    .collect(),
            );
            for row in &t.rows {
                g.row(row.iter().map(|c| visible(c).into_owned()).collect());
            }
            for line in g.render(width, color) {
                writeln!(out, "{line}")?;
            }
        }
    }
    out.flush()
}

/// Writes `doc` as Markdown.
pub fn markdown(doc: &Doc, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "# {}: {}", escape(&doc.kicker), escape(&doc.title))?;
    writeln!(out)?;
    for l in &doc.lines {
        writeln!(out, "- {}", escape(l))?;
    }
    sections_markdown(doc, out)
}

/// Writes the sections of `doc` (not its headline) as Markdown.
pub fn sections_markdown(doc: &Doc, out: &mut dyn Write) -> std::io::Result<()> {
    for s in &doc.sections {
        writeln!(out)?;
        writeln!(out, "## {}", escape(&s.heading))?;
        writeln!(out)?;
        for l in &s.lines {
            writeln!(out, "{}", escape(l))?;
            writeln!(out)?;
        }
        if let Some(t) = &s.table {
            let head: Vec<String> = t.columns.iter().map(|c| escape(&c.header)).collect();
            writeln!(out, "| {} |", head.join(" | "))?;
            let rule: Vec<&str> = t
                .columns
                .iter()
                .map(|c| if c.numeric { "---:" } else { "---" })
                .collect();
            writeln!(out, "|{}|", rule.join("|"))?;
            for row in &t.rows {
                let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
                writeln!(out, "| {} |", cells.join(" | "))?;
            }
        }
    }
    out.flush()
}

/// The report's content as HTML, without `<html>` and `<head>`.
#[must_use]
pub fn body(doc: &Doc) -> Markup {
    html! {
        article.esg-report {
            header.cover {
                div {
                    p.kicker { (doc.kicker) }
                    h1.firm { (doc.title) }
                }
            }
            @for l in &doc.lines {
                p.guideline { (l) }
            }
            (sections_html(doc))
        }
    }
}

/// The sections of `doc` (not its headline) as HTML.
#[must_use]
pub fn sections_html(doc: &Doc) -> Markup {
    html! {
            @for s in &doc.sections {
                section class=(s.key) {
                    h2 { (s.heading) }
                    @for l in &s.lines {
                        p { (l) }
                    }
                    @if let Some(chart) = &s.chart {
                        figure.chart { (chart) }
                    }
                    @if let Some(t) = &s.table {
                        div.table-wrap {
                            table.data {
                                thead {
                                    tr {
                                        @for c in &t.columns {
                                            th class=[c.numeric.then_some("num")] { (c.header) }
                                        }
                                    }
                                }
                                tbody {
                                    @for row in &t.rows {
                                        tr {
                                            @for (i, cell) in row.iter().enumerate() {
                                                @let numeric = t.columns.get(i).is_some_and(|c| c.numeric);
                                                td class=[numeric.then_some("num")] { (cell) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
    }
}

/// Writes `doc` as one self-contained HTML page (the report's one stylesheet, no script).
pub fn html(doc: &Doc, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let page = html! {
        (DOCTYPE)
        html lang=(lang.code()) data-esg-footer=(format!("{} · {}", visible(&doc.title), doc.kicker)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light";
                title { (doc.title) " · " (doc.kicker) }
                style { (PreEscaped(super::html::STYLESHEET)) }
            }
            body { (body(doc)) }
        }
    };
    out.write_all(page.into_string().as_bytes())?;
    out.flush()
}
