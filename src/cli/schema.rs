//! `esg schema`.

use clap::{Args, ValueEnum};

use super::{Ctx, exit, write_stdout};
use crate::guideline;

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which format: a file the tool reads, or JSON it writes
    #[arg(value_enum)]
    which: Which,
    /// For answers: the guideline whose questions the schema lists (a built-in id or a package
    /// directory) [default: the built-in guideline]
    #[arg(short, long)]
    guideline: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Which {
    /// A file of a guideline package
    Guideline,
    /// An answers file for one guideline
    Answers,
    /// The JSON of `esg score --format json`
    Scorecard,
    /// A line of the JSON Lines of `esg score DIR --format json`
    PortfolioRow,
}

pub(super) fn run(ctx: &Ctx, args: &SchemaArgs) -> anyhow::Result<u8> {
    let schema = match args.which {
        Which::Guideline => crate::schema::guideline(),
        Which::Answers => {
            let g = guideline::resolve(args.guideline.as_deref())?;
            crate::schema::answers(&g, ctx.lang)
        }
        Which::Scorecard => crate::schema::scorecard(),
        Which::PortfolioRow => crate::schema::portfolio_row(),
    };
    let mut text = serde_json::to_string_pretty(&schema)?;
    text.push('\n');
    write_stdout(text.as_bytes())?;
    Ok(exit::OK)
}
