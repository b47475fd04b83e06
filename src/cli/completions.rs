//! `esg completions`: a shell completion script, generated from the command-line definitions.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, exit, write_stdout};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    shell: Shell,
}

pub(super) fn run(args: &CompletionsArgs) -> anyhow::Result<u8> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "esg", &mut out);
    write_stdout(&out)?;
    Ok(exit::OK)
}
