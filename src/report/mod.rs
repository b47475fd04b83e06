//! Reports: a scorecard turned into [`sections`] once, in one language, then written by one
//! [`sections::Writer`] per format, chosen by one `match`. The words of findings and warnings are
//! in [`words`]; a portfolio's summary is in `summary.rs`; `esg explain` in `explain.rs`.

mod csv;
pub mod diff;
pub mod disclosure;
pub mod doc;
mod explain;
mod grid;
pub mod history;
pub mod html;
pub mod json;
mod markdown;
mod paths;
pub mod peers;
pub mod sections;
mod summary;
mod table;
pub mod words;

use std::io::Write;

pub use csv::{BOM, CsvRows, number as csv_number};
pub use explain::{explain_indicator, explain_metric, explain_question, list_guidelines};
pub use paths::{extension, report_path};
pub use sections::{Report, Style};
pub use summary::{PortfolioLine, SummaryStyle, SummaryWriter, statistics};

use crate::scorecard::Scorecard;
use crate::text::Lang;

/// An output format for a scorecard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A report for the terminal.
    Table,
    /// The scorecard model as JSON (versioned by `format_version`).
    Json,
    /// A Markdown report, for sharing or converting to a document.
    Markdown,
    /// Comma-separated values for spreadsheets: a row per item of each section (per firm in a
    /// portfolio).
    Csv,
    /// One self-contained HTML page that prints to A4 (for a portfolio, an `index.html` linking
    /// to each firm's page).
    Html,
}

/// What a report of one firm shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum View {
    /// The scorecard: total, areas, gaps, indicators.
    Scores,
    /// Every datapoint by area, with its value, references and why any is missing
    /// ([`disclosure`]).
    Disclosures,
}

/// Renders `card` in `format` and `lang` to `out`.
pub fn render(
    format: Format,
    card: &Scorecard,
    lang: Lang,
    style: &Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let report = Report::new(card, lang, *style);
    match format {
        Format::Table => sections::write(&report, &mut table::Table::new(out)),
        Format::Json => sections::write(&report, &mut json::Json::new(out)),
        Format::Markdown => sections::write(&report, &mut markdown::Markdown::new(out)),
        Format::Csv => sections::write(&report, &mut csv::Csv::new(out)),
        Format::Html => html::write(&report, out),
    }
}

/// Renders the reports of one answers file scored against several guidelines, one after
/// another in the order given: the terminal and Markdown reports in turn, CSV under one header
/// (each report's rows start with its summary row, which names its guideline), JSON as an array
/// of scorecards, HTML as one page. With one scorecard this is [`render`].
pub fn render_all(
    format: Format,
    cards: &[Scorecard],
    lang: Lang,
    style: &Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if let [card] = cards {
        return render(format, card, lang, style, out);
    }
    if format == Format::Html {
        let reports: Vec<Report<'_>> = cards
            .iter()
            .map(|card| Report::new(card, lang, *style))
            .collect();
        return html::write_all(&reports, out);
    }
    if format == Format::Json {
        out.write_all(b"[\n")?;
    }
    for (i, card) in cards.iter().enumerate() {
        let mut one = Vec::new();
        render(format, card, lang, style, &mut one)?;
        match format {
            Format::Table if i > 0 => out.write_all(b"\n\n")?,
            Format::Markdown if i > 0 => out.write_all(b"\n---\n\n")?,
            Format::Json if i > 0 => out.write_all(b",\n")?,
            // The column names are the same for every report: written once.
            Format::Csv if i > 0 => {
                let body = one
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(one.len(), |n| n + 1);
                one.drain(..body);
            }
            _ => {}
        }
        if format == Format::Json {
            while one.last().is_some_and(u8::is_ascii_whitespace) {
                one.pop();
            }
        }
        out.write_all(&one)?;
    }
    if format == Format::Json {
        out.write_all(b"\n]\n")?;
    }
    out.flush()
}

/// A reference key as readers see it: the key a guideline writes (`vsme`, `k_esg`, `xbrl`), in
/// capitals with hyphens (`VSME`, `K-ESG`, `XBRL`). The engine knows no framework by name.
pub(crate) fn reference_name(key: &str) -> String {
    key.to_uppercase().replace('_', "-")
}

/// Where text from answers files and guidelines is rendered, and so how it is made safe there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// A terminal: control characters shown as visible symbols.
    Terminal,
    /// Markdown: escaped with [`markdown::escape`].
    Markdown,
    /// HTML: kept as written here, escaped by maud where the page is made.
    Html,
}

impl Target {
    /// Text from a file or a guideline, made safe for the target.
    fn text(self, s: &str) -> std::borrow::Cow<'_, str> {
        match self {
            Target::Terminal => crate::text::visible(s),
            Target::Markdown => std::borrow::Cow::Owned(markdown::escape(s)),
            Target::Html => std::borrow::Cow::Borrowed(s),
        }
    }
}
