//! Renderers: one file per output format, chosen by one `match`. Each formats a [`Scorecard`].

mod csv;
mod explain;
mod inventory;
mod json;
mod markdown;
mod summary;
mod table;

use std::io::Write;

pub use csv::BOM;
pub use explain::{explain_indicator, explain_question, list_guidelines};
pub use summary::{SummaryStyle, SummaryWriter, statistics};

use crate::scorecard::Scorecard;

/// An output format for a scorecard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A report for the terminal.
    Table,
    /// The scorecard model as JSON (versioned by `format_version`).
    Json,
    /// A Markdown report, for sharing or converting to a document.
    Markdown,
    /// Comma-separated values for spreadsheets: one row per indicator (per firm in a portfolio).
    Csv,
}

/// How a report is laid out.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Width of the terminal or page in columns.
    pub width: u16,
    /// Whether to use colour and bold.
    pub color: bool,
    /// How many gaps to list.
    pub top: usize,
    /// List every indicator with its answer, points and explanation.
    pub detail: bool,
}

impl Default for Style {
    fn default() -> Style {
        Style {
            width: 100,
            color: false,
            top: 5,
            detail: false,
        }
    }
}

/// Renders `card` in `format` to `out`.
pub fn render(
    format: Format,
    card: &Scorecard,
    style: &Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Table => table::render(card, style, out),
        Format::Json => json::render(card, out),
        Format::Markdown => markdown::render(card, style, out),
        Format::Csv => csv::render(card, out),
    }
}

/// Where text from answers files and guidelines is rendered, and so how it is made safe there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// A terminal: control characters shown as visible symbols.
    Terminal,
    /// Markdown: escaped with [`markdown::escape`].
    Markdown,
}

impl Target {
    /// Text from a file or a guideline, made safe for the target.
    fn text(self, s: &str) -> std::borrow::Cow<'_, str> {
        match self {
            Target::Terminal => crate::text::visible(s),
            Target::Markdown => std::borrow::Cow::Owned(markdown::escape(s)),
        }
    }

    /// An id as code: between backticks, where the target allows it.
    fn code(self, s: &str) -> String {
        match self {
            Target::Terminal => format!("`{}`", crate::text::visible(s)),
            Target::Markdown => markdown::code(s),
        }
    }
}

/// A percentage for display: `85%`.
fn percent(ratio: Option<f64>) -> String {
    ratio.map_or_else(
        || "–".to_owned(),
        |r| format!("{}%", crate::text::number(r * 100.0, 0)),
    )
}

/// A score for display: one decimal, or a dash.
fn score(s: Option<f64>) -> String {
    s.map_or_else(|| "–".to_owned(), |s| crate::text::number(s, 1))
}

/// The not-applicable and the unanswered indicators, each list with its heading, for the lists
/// that close a report; empty lists are left out.
fn left_out(card: &Scorecard) -> Vec<(String, Vec<&crate::scorecard::IndicatorResult>)> {
    use crate::scorecard::Status;
    let lang = card.lang;
    [Status::NotApplicable, Status::Unanswered]
        .into_iter()
        .filter_map(|status| {
            let items: Vec<_> = card
                .indicators
                .iter()
                .filter(|i| i.status == status)
                .collect();
            let heading = match status {
                Status::NotApplicable => {
                    crate::tr!(lang, "해당 없음 ({}개)", "Not applicable ({})", items.len())
                }
                _ => crate::tr!(lang, "미응답 ({}개)", "Not answered ({})", items.len()),
            };
            (!items.is_empty()).then_some((heading, items))
        })
        .collect()
}

fn effort(e: crate::guideline::Effort, lang: crate::text::Lang) -> &'static str {
    use crate::guideline::Effort;
    match e {
        Effort::Low => lang.pick("낮음", "low"),
        Effort::Medium => lang.pick("보통", "medium"),
        Effort::High => lang.pick("높음", "high"),
    }
}

fn status(s: crate::scorecard::Status, lang: crate::text::Lang) -> &'static str {
    use crate::scorecard::Status;
    match s {
        Status::Scored => lang.pick("채점", "scored"),
        Status::NotApplicable => lang.pick("해당 없음", "not applicable"),
        Status::Unanswered => lang.pick("미응답", "unanswered"),
    }
}

#[cfg(test)]
mod tests;
