//! `esg lint`.

use std::io::Read;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{Ctx, exit, write_stdout};
use crate::lint::format::{self, Format, Style};
use crate::lint::{self, Kind, Options};

// The help of each argument, in Korean and English, is in `help.rs`.
#[derive(Debug, Args)]
pub struct LintArgs {
    paths: Vec<PathBuf>,
    #[arg(short, long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[arg(short, long)]
    guideline: Option<String>,
    #[arg(long = "as", value_enum)]
    kind: Option<KindArg>,
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum KindArg {
    Guideline,
    Answers,
}

pub(super) fn run(ctx: &Ctx, args: &LintArgs) -> anyhow::Result<u8> {
    let stdin = if args.paths.iter().any(|p| p.as_os_str() == "-") {
        let stdin = std::io::stdin();
        Some(crate::input::read_stream("<stdin>", stdin.lock().by_ref())?)
    } else {
        None
    };
    let options = Options {
        kind: match args.kind {
            None => Kind::Detect,
            Some(KindArg::Guideline) => Kind::Guideline,
            Some(KindArg::Answers) => Kind::Answers,
        },
        guideline: args.guideline.as_deref(),
    };
    if let Some(out) = &args.output {
        if let Some(input) = args.paths.iter().find(|p| super::same_file(out, p)) {
            anyhow::bail!(crate::tr!(
                ctx.lang,
                "{}: 보고서가 검사할 파일({})을 덮어쓰게 됩니다. 다른 `-o` 경로를 고르십시오",
                "{}: the report would overwrite {}, a file being linted; choose another -o path",
                out.display(),
                input.display()
            ));
        }
    }
    let report = lint::lint_paths(&args.paths, stdin, options)?;
    if !args.paths.is_empty() && report.files.is_empty() {
        // As `esg score` does for an empty portfolio: checking nothing is not a clean result.
        anyhow::bail!(
            "{}",
            ctx.lang.pick(
                "검사할 TOML 파일(`*.toml`)을 찾지 못했습니다",
                "no TOML files (*.toml) found to check"
            )
        );
    }
    let mut out = Vec::new();
    let style = Style {
        lang: ctx.lang,
        color: ctx.color && args.output.is_none(),
    };
    format::render(args.format, &report, style, &mut out)?;
    match &args.output {
        Some(path) => crate::output::write_atomic(path, &out)?,
        None => write_stdout(&out)?,
    }
    Ok(if report.errors() > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    })
}
