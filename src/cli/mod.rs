//! The command line: clap definitions, and the one place that reads standard input and writes
//! standard output and standard error.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

mod assess;
mod completions;
mod diff;
mod explain;
mod fill;
mod help;
mod init;
mod lint;
mod portfolio;
mod schema;
mod score;
mod serve;

use clap::{Args, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::error::Error;
use crate::guideline::{self, Guideline};
use crate::source::{Diagnostic, Source};
use crate::text::Lang;

/// Exit codes, as documented in the README.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// Findings: `--fail-under` missed, a file of a portfolio could not be scored, or `esg lint` found errors.
    pub const FINDINGS: u8 = 1;
    /// Usage or input error.
    pub const INPUT: u8 = 2;
    /// Interrupted.
    pub const INTERRUPTED: u8 = 130;
}

// The structure of the command line. What it says (about, help, headings) is in `help.rs`, in
// Korean and English; no doc comment here is shown to a person.
#[derive(Debug, Parser)]
#[command(name = "esg", version)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Args)]
struct Global {
    #[arg(long, global = true, value_parser = help::lang_parser(Vec::new()))]
    lang: Option<Lang>,
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    #[arg(short, long, global = true)]
    quiet: bool,
    #[arg(short, long, global = true)]
    verbose: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    Assess(assess::AssessArgs),
    Init(init::InitArgs),
    Score(score::ScoreArgs),
    Diff(diff::DiffArgs),
    Fill(fill::FillArgs),
    Serve(serve::ServeArgs),
    Explain(explain::ExplainArgs),
    Guidelines,
    Lint(lint::LintArgs),
    Schema(schema::SchemaArgs),
    Completions(completions::CompletionsArgs),
}

pub(crate) struct Ctx {
    lang: Lang,
    color: bool,
    quiet: bool,
    verbose: bool,
}

/// Runs the command line and returns the process exit code.
#[must_use]
pub fn run() -> ExitCode {
    // The language of the help and of parse errors is known before the arguments are parsed.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = help::lang_in(&args).unwrap_or_else(Lang::from_env);
    let mut cmd = help::command(lang, help::color_in(&args));
    let parsed = cmd
        .try_get_matches_from_mut(&args)
        .and_then(|m| Cli::from_arg_matches(&m).map_err(|e| e.format(&mut cmd)));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::INPUT
            } else {
                exit::OK
            };
            help::print_error(e, lang);
            return ExitCode::from(code);
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
        lang: cli.global.lang.unwrap_or_else(Lang::from_env),
        color,
        quiet: cli.global.quiet,
        verbose: cli.global.verbose,
    };
    let result = match cli.command {
        Command::Assess(args) => assess::run(&ctx, &args),
        Command::Init(args) => init::run(&ctx, &args),
        Command::Score(args) => score::run(&ctx, &args),
        Command::Diff(args) => diff::run(&ctx, &args),
        Command::Fill(args) => fill::run(&ctx, &args),
        Command::Serve(args) => serve::run(&ctx, &args),
        Command::Explain(args) => explain::run(&ctx, &args),
        Command::Guidelines => explain::guidelines(&ctx),
        Command::Lint(args) => lint::run(&ctx, &args),
        Command::Schema(args) => schema::run(&ctx, &args),
        Command::Completions(args) => completions::run(&ctx, &args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // A reader that closed the pipe early (`esg … | head -1`) wanted no more: not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::from(exit::OK),
        Err(e) => {
            let _ = std::io::stdout().flush();
            report_error(&ctx, &e);
            ExitCode::from(exit::INPUT)
        }
    }
}

/// Writes a line to standard error. Unlike `eprintln!`, a closed standard error
/// (`esg … 2>&1 | head -1`) is no reason to panic.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
pub(crate) use note;

/// Whether an error comes from writing into a pipe whose reader is gone, however it is wrapped
/// (an `io::Error`, a CSV error holding one, an `anyhow` chain).
pub(crate) fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(broken_pipe)
}

fn broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    if let Some(io) = e.downcast_ref::<std::io::Error>() {
        if io.kind() == std::io::ErrorKind::BrokenPipe {
            return true;
        }
        if let Some(inner) = io.get_ref() {
            if broken_pipe(inner) {
                return true;
            }
        }
    }
    if let Some(c) = e.downcast_ref::<csv::Error>() {
        if let csv::ErrorKind::Io(io) = c.kind() {
            return io.kind() == std::io::ErrorKind::BrokenPipe;
        }
    }
    e.source().is_some_and(broken_pipe)
}

/// Prints an error in the chosen language: each diagnostic of an invalid file on its own, with
/// its rule code and excerpt (a file's problems beyond the first [`crate::source::MAX_PER_FILE`]
/// as one line), then how many errors. Text from files (names, keys, values) has its control
/// characters shown as visible symbols.
fn report_error(ctx: &Ctx, e: &anyhow::Error) {
    let lang = ctx.lang;
    let error = lang.pick("오류:", "error:");
    match e.downcast_ref::<Error>() {
        Some(err @ Error::NotAFile { what, .. }) => {
            note!("{error} {}", err.message(lang));
            if let Some(help) = what.help(lang) {
                note!("{} {help}", lang.pick("도움말:", "help:"));
            }
        }
        Some(Error::Invalid(diags)) => {
            for d in diags {
                if let Some(omitted) = d.omitted {
                    note!(
                        "{}: {}",
                        crate::text::visible(&d.file),
                        omitted.message(lang)
                    );
                    continue;
                }
                let word = if d.severity == crate::source::Severity::Warning {
                    lang.pick("주의", "warning")
                } else {
                    lang.pick("오류", "error")
                };
                // The rule's code, as `esg lint` shows it, so that `esg explain CODE` can say more.
                let shown = Diagnostic {
                    severity: crate::source::Severity::Error,
                    ..d.clone()
                };
                note!("{word}[{}]: {}", d.code, shown.shown(lang));
            }
            let errors = crate::source::totals(diags).errors;
            if errors > 1 {
                note!("{}", crate::tr!(lang, "오류 {}개", "{} errors", errors));
            }
        }
        Some(other) => {
            let shown = other.message(lang);
            let lines: Vec<_> = shown.lines().map(crate::text::visible).collect();
            note!("{error} {}", lines.join("\n"));
        }
        None => {
            let shown = match e.downcast_ref::<std::io::Error>() {
                Some(io) => crate::error::io_reason(io).get(lang).to_owned(),
                None => format!("{e:#}"),
            };
            let lines: Vec<_> = shown.lines().map(crate::text::visible).collect();
            note!("{error} {}", lines.join("\n"));
        }
    }
}

pub(crate) fn width() -> u16 {
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

/// Whether two paths name the same existing file (an output that would replace an input).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

pub(crate) fn read_input(path: &Path) -> Result<Source, Error> {
    if path.as_os_str() == "-" {
        let stdin = std::io::stdin();
        crate::input::read_stream("<stdin>", stdin.lock().by_ref())
    } else {
        crate::input::read_file(path)
    }
}

pub(crate) fn load_guideline(
    name: Option<&str>,
    answers: Option<&Source>,
) -> Result<Guideline, Error> {
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

/// The guidelines a command works with for one answers file: those it scores or asks, in order,
/// and the other guidelines the file names, loaded so that their answers are told from typos.
pub(crate) struct Chosen {
    pub(crate) selected: Vec<Guideline>,
    pub(crate) others: Vec<Guideline>,
}

impl Chosen {
    /// Every guideline loaded except `selected[i]`: the companions of its reading.
    pub(crate) fn companions(&self, i: usize) -> Vec<&Guideline> {
        self.selected
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, g)| g)
            .chain(&self.others)
            .collect()
    }

    /// Reads the answers file once for each selected guideline.
    pub(crate) fn read(&self, source: &Source) -> Result<Vec<crate::answers::Answers>, Error> {
        (0..self.selected.len())
            .map(|i| crate::answers::parse_among(source, &self.selected[i], &self.companions(i)))
            .collect()
    }
}

/// The guidelines for an answers file: each `--guideline` given (a built-in id or a package
/// directory), else every guideline the file names (built in), else the default one.
pub(crate) fn load_guidelines(names: &[String], answers: Option<&Source>) -> Result<Chosen, Error> {
    let named = answers
        .map(crate::answers::guideline_ids)
        .unwrap_or_default();
    let built_in = |id: &str| guideline::builtins().iter().any(|b| b.id == id);
    let selected: Vec<Guideline> = if names.is_empty() {
        match named.as_slice() {
            // One guideline that is not built in: the default is loaded, and reading the file
            // says which --guideline to give.
            [] | [_] => vec![load_guideline(None, answers)?],
            several => {
                if let Some(id) = several.iter().find(|id| !built_in(id)) {
                    return Err(Error::NotBuiltIn { name: id.clone() });
                }
                several
                    .iter()
                    .map(|id| guideline::load_builtin(id))
                    .collect::<Result<_, _>>()?
            }
        }
    } else {
        let mut loaded: Vec<Guideline> = Vec::new();
        for name in names {
            let g = guideline::resolve(Some(name))?;
            if !loaded.iter().any(|l| l.id == g.id) {
                loaded.push(g);
            }
        }
        loaded
    };
    let others = named
        .iter()
        .filter(|id| built_in(id) && !selected.iter().any(|g| &g.id == *id))
        .map(|id| guideline::load_builtin(id))
        .collect::<Result<_, _>>()?;
    Ok(Chosen { selected, others })
}

pub(crate) fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
