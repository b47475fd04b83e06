//! `esg diff OLD NEW`: two answers files of one firm scored, each against the guideline it names
//! (or `-g`, once for both, twice for each), and what changed between them.

use std::path::PathBuf;

use clap::Args;

use super::{Ctx, exit, load_guideline, note, read_input, same_file, width, write_stdout};
use crate::report::diff::DiffFormat;
use crate::scorecard::Unanswered;

// The help of each argument, in Korean and English, is in `help.rs`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    old: PathBuf,
    new: PathBuf,
    #[arg(short, long, num_args = 1, action = clap::ArgAction::Append)]
    guideline: Vec<String>,
    #[arg(short, long, value_enum, default_value_t = DiffFormat::Table)]
    format: DiffFormat,
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Unanswered::Zero)]
    unanswered: Unanswered,
}

pub(super) fn run(ctx: &Ctx, args: &DiffArgs) -> anyhow::Result<u8> {
    if args.guideline.len() > 2 {
        anyhow::bail!(crate::tr!(
            ctx.lang,
            "-g는 두 번까지 줄 수 있습니다: 한 번은 두 파일 모두에, 두 번은 파일마다",
            "-g may be given at most twice: once for both files, twice for each",
        ));
    }
    if args.old.as_os_str() == "-" && args.new.as_os_str() == "-" {
        anyhow::bail!(crate::tr!(
            ctx.lang,
            "표준 입력(-)은 두 파일 가운데 하나에만 쓸 수 있습니다",
            "standard input (-) can stand for only one of the two files",
        ));
    }
    if let Some(out) = &args.output {
        for input in [&args.old, &args.new] {
            if same_file(out, input) {
                anyhow::bail!(crate::tr!(
                    ctx.lang,
                    "{}: 보고서로 답변 파일을 덮어쓸 수 없습니다; 다른 `-o` 경로를 고르십시오",
                    "{}: the report would overwrite the answers file; choose another -o path",
                    out.display()
                ));
            }
        }
    }
    let options = crate::score::Options {
        unanswered: args.unanswered,
    };
    let mut scored = Vec::new();
    for (i, path) in [&args.old, &args.new].into_iter().enumerate() {
        let source = read_input(path)?;
        let named = args
            .guideline
            .get(i)
            .or(args.guideline.first())
            .map(String::as_str);
        let guideline = load_guideline(named, Some(&source))?;
        let answers = crate::answers::parse(&source, &guideline)?;
        if !ctx.quiet {
            for w in &answers.warnings {
                note!("{}", w.shown(ctx.lang));
            }
        }
        let card = crate::score::score(&guideline, &answers, options);
        scored.push((guideline, card));
    }
    let [(old_g, old), (new_g, new)] =
        <[_; 2]>::try_from(scored).map_err(|_| anyhow::anyhow!("two files are scored"))?;
    let diff = crate::diff::compare(&old_g, &old, &new_g, &new);
    let to_file = args.output.is_some();
    let mut buf = Vec::new();
    crate::report::diff::render_diff(
        args.format,
        &diff,
        ctx.lang,
        if to_file { 100 } else { width() },
        ctx.color && !to_file,
        &mut buf,
    )?;
    match &args.output {
        Some(path) => crate::output::write_atomic(path, &buf)?,
        None => write_stdout(&buf)?,
    }
    Ok(exit::OK)
}
