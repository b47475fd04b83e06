//! `esg completions`: a shell completion script, generated from the command-line definitions.

use clap::Args;
use clap_complete::Shell;

use super::{Ctx, exit, write_stdout};
use crate::text::Lang;

// The help of each argument, in Korean and English, is in `help.rs`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    shell: Shell,
}

pub(super) fn run(ctx: &Ctx, args: &CompletionsArgs) -> anyhow::Result<u8> {
    // Descriptions in the user's language, except for PowerShell: Windows PowerShell 5 reads a
    // script without a byte-order mark in the system's code page, which would garble Korean.
    let lang = match args.shell {
        Shell::PowerShell => Lang::En,
        _ => ctx.lang,
    };
    let mut cmd = super::help::command(lang, clap::ColorChoice::Never);
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "esg", &mut out);
    write_stdout(&out)?;
    Ok(exit::OK)
}
