//! `esg explain` and `esg guidelines`.

use clap::Args;

use super::{Ctx, exit, write_stdout};
use crate::error::Error;
use crate::guideline::{self, Guideline};
use crate::report;

// The help of each argument, in Korean and English, is in `help.rs`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    code: String,
    #[arg(short, long)]
    guideline: Option<String>,
}

pub(super) fn run(ctx: &Ctx, args: &ExplainArgs) -> anyhow::Result<u8> {
    if let Some(rule) = crate::lint::rules::find(&args.code) {
        write_stdout(crate::lint::explain(rule, ctx.lang).as_bytes())?;
        return Ok(exit::OK);
    }
    let g = guideline::resolve(args.guideline.as_deref())?;
    let text = if let Some(ind) = g.indicator(&args.code) {
        report::explain_indicator(&g, ind, ctx.lang)
    } else if let Some(q) = g.question_index(&args.code) {
        report::explain_question(&g, &g.questions[q], ctx.lang)
    } else if let Some(m) = g.metrics.iter().find(|m| m.id == args.code) {
        report::explain_metric(&g, m, ctx.lang)
    } else if let Some(ind) = g.indicator_loose(&args.code) {
        report::explain_indicator(&g, ind, ctx.lang)
    } else {
        return Err(Error::UnknownCode {
            code: args.code.clone(),
            guideline: g.id.clone(),
            suggestion: g.suggest(&args.code).map(str::to_owned),
        }
        .into());
    };
    write_stdout(text.as_bytes())?;
    Ok(exit::OK)
}

pub(super) fn guidelines(ctx: &Ctx) -> anyhow::Result<u8> {
    let loaded: Vec<Guideline> = guideline::builtins()
        .iter()
        .map(|b| guideline::load_builtin(b.id))
        .collect::<Result<_, _>>()?;
    let items: Vec<(&Guideline, bool)> = loaded
        .iter()
        .map(|g| (g, g.id == guideline::BUILTIN_DEFAULT))
        .collect();
    write_stdout(report::list_guidelines(&items, ctx.lang).as_bytes())?;
    Ok(exit::OK)
}
