//! The command line: clap definitions, and the one place that reads standard input and writes
//! standard output and standard error.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::error::Error;
use crate::guideline::{self, Guideline};
use crate::report::{self, Format, Style};
use crate::scorecard::Unanswered;
use crate::source::{Diagnostic, Source};
use crate::text::Lang;

/// Exit codes, as documented in the README.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// Findings: `--fail-under` missed.
    pub const FINDINGS: u8 = 1;
    /// Usage or input error.
    pub const INPUT: u8 = 2;
    /// Interrupted.
    pub const INTERRUPTED: u8 = 130;
}

#[derive(Debug, Parser)]
#[command(
    name = "esg",
    version,
    about = "Assess an SME's ESG management against an SME-type ESG guideline",
    long_about = "Assess a small or medium-sized enterprise's ESG management against an SME-type ESG guideline \
                  (built on Korea's K-ESG Guideline v1.0), and print a scored report with the gaps that matter most.",
    after_help = "Exit codes: 0 success, 1 findings (--fail-under missed), 2 usage or input error, 130 interrupted."
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Args)]
struct Global {
    /// Language of reports and messages [default: from LC_ALL/LC_MESSAGES/LANG]
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Print nothing but the report and errors
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Say more about what is happening
    #[arg(short, long, global = true)]
    verbose: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    Ko,
    En,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score an answers file and print the report with its gaps
    Score(ScoreArgs),
    /// Print an indicator (or a question) in full: questions, levels, scoring, recommendation
    Explain(ExplainArgs),
    /// List the built-in guidelines
    Guidelines,
}

#[derive(Debug, Args)]
struct ScoreArgs {
    /// The answers file (`-` reads standard input)
    path: PathBuf,
    /// Guideline: a built-in id or a package directory [default: the one the answers name]
    #[arg(short, long)]
    guideline: Option<String>,
    /// Output format
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write the report to this file instead of standard output
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Exit with 1 if the total is below N
    #[arg(long, value_name = "N", value_parser = parse_percent)]
    fail_under: Option<f64>,
    /// How unanswered indicators count: as 0 points, or left out
    #[arg(long, value_enum, default_value_t = Unanswered::Zero)]
    unanswered: Unanswered,
    /// List every indicator with its answer, points and explanation
    #[arg(long)]
    detail: bool,
    /// How many gaps to list
    #[arg(long, default_value_t = 5, value_name = "N")]
    top: usize,
}

#[derive(Debug, Args)]
struct ExplainArgs {
    /// An indicator code such as E-3-1, or a question id
    code: String,
    /// Guideline: a built-in id or a package directory
    #[arg(short, long)]
    guideline: Option<String>,
}

fn parse_percent(s: &str) -> Result<f64, String> {
    let n: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=100.0).contains(&n) {
        Ok(n)
    } else {
        Err(format!("{n} is outside 0 to 100"))
    }
}

struct Ctx {
    lang: Lang,
    color: bool,
    quiet: bool,
    verbose: bool,
}

/// Runs the command line and returns the process exit code.
#[must_use]
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::INPUT
            } else {
                exit::OK
            });
        }
    };
    let stdout = std::io::stdout();
    let color = match cli.global.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let ctx = Ctx {
        lang: cli.global.lang.map_or_else(Lang::from_env, |l| match l {
            LangArg::Ko => Lang::Ko,
            LangArg::En => Lang::En,
        }),
        color,
        quiet: cli.global.quiet,
        verbose: cli.global.verbose,
    };
    let result = match cli.command {
        Command::Score(args) => score(&ctx, &args),
        Command::Explain(args) => explain(&ctx, &args),
        Command::Guidelines => guidelines(&ctx),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let _ = std::io::stdout().flush();
            report_error(&ctx, &e);
            ExitCode::from(exit::INPUT)
        }
    }
}

/// Prints an error: each diagnostic of an invalid file on its own, with its excerpt.
fn report_error(ctx: &Ctx, e: &anyhow::Error) {
    let error = ctx.lang.pick("오류:", "error:");
    if let Some(Error::Invalid(diags)) = e.downcast_ref::<Error>() {
        for d in diags {
            let prefix = if d.severity == crate::source::Severity::Warning {
                ctx.lang.pick("주의:", "warning:")
            } else {
                error
            };
            eprintln!(
                "{prefix} {}",
                Diagnostic {
                    severity: crate::source::Severity::Error,
                    ..d.clone()
                }
            );
        }
        let errors = diags
            .iter()
            .filter(|d| d.severity == crate::source::Severity::Error)
            .count();
        if errors > 1 {
            eprintln!("{}", crate::tr!(ctx.lang, "오류 {}개", "{} errors", errors));
        }
    } else {
        eprintln!("{error} {e:#}");
    }
}

fn width() -> u16 {
    if let Some(w) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok())
    {
        return w.clamp(40, 400);
    }
    if std::io::stdout().is_terminal() {
        if let Some(w) = comfy_table::Table::new().width() {
            return w.clamp(40, 400);
        }
    }
    100
}

fn read_input(path: &Path) -> Result<Source, Error> {
    if path.as_os_str() == "-" {
        let stdin = std::io::stdin();
        crate::input::read_stream("<stdin>", stdin.lock().by_ref())
    } else {
        crate::input::read_file(path)
    }
}

fn load_guideline(name: Option<&str>, answers: Option<&Source>) -> Result<Guideline, Error> {
    if name.is_some() {
        return guideline::resolve(name);
    }
    let named = answers.and_then(crate::answers::guideline_id);
    match named {
        Some(id) if guideline::builtins().iter().any(|b| b.id == id) => {
            guideline::load_builtin(&id)
        }
        _ => guideline::resolve(None),
    }
}

fn score(ctx: &Ctx, args: &ScoreArgs) -> anyhow::Result<u8> {
    let source = read_input(&args.path)?;
    let guideline = load_guideline(args.guideline.as_deref(), Some(&source))?;
    let answers = crate::answers::parse(&source, &guideline)?;
    let card = crate::score::score(
        &guideline,
        &answers,
        crate::score::Options {
            unanswered: args.unanswered,
            lang: ctx.lang,
        },
    );
    if !ctx.quiet {
        for w in &answers.warnings {
            eprintln!("{w}");
        }
    }
    let to_file = args.output.is_some();
    let style = Style {
        width: if to_file { 100 } else { width() },
        color: ctx.color && !to_file,
        top: args.top,
        detail: args.detail,
    };
    let mut buf = Vec::new();
    report::render(args.format, &card, &style, &mut buf)?;
    match &args.output {
        Some(path) => {
            crate::output::write_atomic(path, &buf)?;
            if ctx.verbose {
                eprintln!(
                    "{}",
                    crate::tr!(
                        ctx.lang,
                        "보고서를 {}에 저장했습니다",
                        "wrote the report to {}",
                        path.display()
                    )
                );
            }
        }
        None => write_stdout(&buf)?,
    }
    if let (Some(min), Some(total)) = (args.fail_under, card.total) {
        if total < min {
            if !ctx.quiet {
                eprintln!(
                    "{}",
                    crate::tr!(
                        ctx.lang,
                        "종합 점수 {}점이 기준 {}점보다 낮습니다",
                        "total {} is below --fail-under {}",
                        crate::text::number(total, 1),
                        crate::text::number(min, 1)
                    )
                );
            }
            return Ok(exit::FINDINGS);
        }
    }
    if args.fail_under.is_some() && card.total.is_none() {
        return Ok(exit::FINDINGS);
    }
    Ok(exit::OK)
}

fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn explain(ctx: &Ctx, args: &ExplainArgs) -> anyhow::Result<u8> {
    let g = guideline::resolve(args.guideline.as_deref())?;
    let text = if let Some(ind) = g.indicator(&args.code) {
        report::explain_indicator(&g, ind, ctx.lang)
    } else if let Some(q) = g.question_index(&args.code) {
        report::explain_question(&g, &g.questions[q], ctx.lang)
    } else {
        let names = g
            .indicators
            .iter()
            .map(|i| i.id.as_str())
            .chain(g.questions.iter().map(|q| q.id.as_str()));
        let upper = args.code.to_ascii_uppercase();
        return Err(Error::UnknownCode {
            code: args.code.clone(),
            guideline: g.id.clone(),
            suggestion: crate::source::closest(&upper, names).map(str::to_owned),
        }
        .into());
    };
    write_stdout(text.as_bytes())?;
    Ok(exit::OK)
}

fn guidelines(ctx: &Ctx) -> anyhow::Result<u8> {
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
