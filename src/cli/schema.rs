//! `esg schema`.

use clap::{Args, ValueEnum};

use super::{Ctx, exit, write_stdout};
use crate::guideline;

// The help of each argument, in Korean and English, is in `help.rs`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    #[arg(value_enum)]
    which: Which,
    #[arg(short, long)]
    guideline: Vec<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum Which {
    Guideline,
    Answers,
    Scorecard,
    PortfolioRow,
    Diff,
    Benchmark,
    History,
    Disclosures,
}

pub(super) fn run(ctx: &Ctx, args: &SchemaArgs) -> anyhow::Result<u8> {
    let schema = match args.which {
        Which::Guideline => crate::schema::guideline(),
        Which::Answers => {
            let loaded = if args.guideline.is_empty() {
                vec![guideline::resolve(None)?]
            } else {
                args.guideline
                    .iter()
                    .map(|g| guideline::resolve(Some(g)))
                    .collect::<Result<Vec<_>, _>>()?
            };
            let all: Vec<&guideline::Guideline> = loaded.iter().collect();
            crate::schema::answers_for(&all, ctx.lang)
        }
        Which::Scorecard => crate::schema::scorecard(),
        Which::PortfolioRow => crate::schema::portfolio_row(),
        Which::Diff => crate::schema::diff(),
        Which::Benchmark => crate::schema::benchmark(),
        Which::History => crate::schema::history(),
        Which::Disclosures => crate::schema::disclosures(),
    };
    let mut text = serde_json::to_string_pretty(&schema)?;
    text.push('\n');
    write_stdout(text.as_bytes())?;
    Ok(exit::OK)
}
