//! `esg score` with many files, directories or a list of paths: a portfolio. Files are scored on
//! all cores, rows come out in input order, and a file that fails is an error row.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use super::score::ScoreArgs;
use super::{Ctx, exit, width};
use crate::batch::{Batch, Portfolio, Reports, Row, Spool, extension, walk};
use crate::error::Error;
use crate::report::{Format, Style, SummaryStyle, SummaryWriter, statistics};
use crate::tr;

/// Paths read one per line from standard input or a file; blank lines are skipped.
struct PathList {
    reader: Box<dyn BufRead>,
    buf: Vec<u8>,
}

impl Iterator for PathList {
    type Item = PathBuf;

    fn next(&mut self) -> Option<PathBuf> {
        loop {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) | Err(_) => return None,
                Ok(_) => {}
            }
            let line = String::from_utf8_lossy(&self.buf);
            let line = line.trim_end_matches(['\n', '\r']);
            if !line.trim().is_empty() {
                return Some(PathBuf::from(line));
            }
        }
    }
}

fn path_list(from: &PathBuf) -> Result<PathList, Error> {
    let reader: Box<dyn BufRead> = if from.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let name = from.display().to_string();
        Box::new(std::io::BufReader::new(
            std::fs::File::open(from).map_err(|e| Error::read(&name, &e))?,
        ))
    };
    Ok(PathList {
        reader,
        buf: Vec::new(),
    })
}

fn progress(ctx: &Ctx) -> indicatif::ProgressBar {
    let on = !ctx.quiet
        && std::io::stderr().is_terminal()
        && std::env::var_os("CI").is_none_or(|v| v.is_empty());
    if !on {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    let template = ctx.lang.pick(
        "{spinner} {pos}개 파일 채점 · 초당 {per_sec} · {elapsed}",
        "{spinner} {pos} files scored · {per_sec} · {elapsed}",
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

pub(super) fn run(ctx: &Ctx, args: &ScoreArgs) -> anyhow::Result<u8> {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        anyhow::bail!(
            "{}",
            ctx.lang.pick(
                "`-`는 표준 입력에서 답변 파일 하나를 읽습니다. 경로 목록을 표준 입력으로 주려면 --files-from - 를 쓰십시오",
                "`-` reads one answers file from standard input; to read a list of paths from standard input, use --files-from -"
            )
        );
    }
    let guideline = crate::guideline::resolve(args.guideline.as_deref())?;
    let lang = guideline.lang(ctx.lang);
    if let Some(dir) = &args.output {
        if dir.exists() && !dir.is_dir() {
            anyhow::bail!(
                "{}",
                tr!(
                    ctx.lang,
                    "{}: 여러 파일을 채점할 때 -o 는 디렉터리여야 합니다",
                    "{}: with several files, -o names a directory",
                    dir.display()
                )
            );
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::Write {
            path: dir.display().to_string(),
            reason: e.to_string(),
        })?;
    }
    let list = args.files_from.as_ref().map(path_list).transpose()?;
    let inputs = args.paths.iter().cloned().chain(list.into_iter().flatten());

    let batch = Batch {
        guideline: &guideline,
        unanswered: args.unanswered,
        lang: ctx.lang,
        reports: args.output.as_ref().map(|dir| Reports {
            dir: dir.clone(),
            format: args.format,
            style: Style {
                width: 100,
                color: false,
                top: args.top,
                detail: args.detail,
            },
        }),
    };
    let spool_dir = args.output.clone().unwrap_or_else(std::env::temp_dir);
    let mut spool = Spool::create(&spool_dir)?;
    let mut portfolio = Portfolio::new(&guideline);
    let mut failure: Option<Error> = None;
    let mut below = 0u64;
    let bar = progress(ctx);
    let window = 256 * rayon::current_num_threads().max(1);
    crate::batch::for_each_ordered(
        walk(inputs),
        window,
        |found| batch.score(found),
        |row: Row| {
            bar.inc(1);
            if failure.is_some() {
                return;
            }
            portfolio.add(&row);
            if let (Some(min), Some(s)) = (args.fail_under, &row.scored) {
                // The total as the row shows it, as for one file.
                if s.total
                    .is_none_or(|t| crate::text::rounded(t, crate::text::SCORE_DECIMALS) < min)
                {
                    below += 1;
                }
            }
            if let Err(e) = spool.push(&row) {
                failure = Some(e);
            }
        },
    );
    bar.finish_and_clear();
    if let Some(e) = failure {
        return Err(e.into());
    }
    portfolio.seal();
    let stats = portfolio.statistics(&guideline, ctx.lang);
    if stats.files == 0 {
        anyhow::bail!(
            "{}",
            ctx.lang.pick(
                "채점할 답변 파일(*.toml)을 찾지 못했습니다",
                "no answers files (*.toml) found to score"
            )
        );
    }
    let areas: Vec<&str> = guideline.areas.iter().map(|a| a.id.as_str()).collect();
    let style = SummaryStyle {
        width: if args.output.is_some() { 100 } else { width() },
        lang,
        bom: args.bom,
    };
    let mut write_rows = |out: &mut dyn Write, with_stats: bool| -> anyhow::Result<()> {
        let mut w = SummaryWriter::new(args.format, &areas, &style, out)?;
        for row in spool.rows()? {
            let mut row = row?;
            if let Some(s) = &mut row.scored {
                s.percentile = s.total.and_then(|t| portfolio.percentile(t));
            }
            w.row(&row)?;
        }
        w.finish(with_stats.then_some(&stats))?;
        Ok(())
    };
    match &args.output {
        Some(dir) => {
            let ext = match args.format {
                Format::Json => "jsonl",
                f => extension(f),
            };
            let summary = dir.join(format!("summary.{ext}"));
            let mut file = crate::output::AtomicFile::create(&summary)?;
            let separate = matches!(args.format, Format::Csv | Format::Json);
            write_rows(&mut file, !separate)?;
            file.commit()?;
            if separate {
                let path = dir.join(format!("statistics.{}", extension(args.format)));
                let mut buf = Vec::new();
                statistics(args.format, &stats, lang, args.bom, &mut buf)?;
                crate::output::write_atomic(&path, &buf)?;
            }
            if !ctx.quiet {
                eprintln!(
                    "{}",
                    tr!(
                        ctx.lang,
                        "파일 {}개를 채점해 {}에 저장했습니다",
                        "scored {} files into {}",
                        stats.files,
                        dir.display()
                    )
                );
            }
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::with_capacity(256 * 1024, stdout.lock());
            match write_rows(&mut out, true) {
                Err(e)
                    if e.downcast_ref::<std::io::Error>()
                        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) => {}
                other => other?,
            }
        }
    }
    let mut code = exit::OK;
    if stats.failed > 0 {
        if !ctx.quiet {
            eprintln!(
                "{}",
                tr!(
                    ctx.lang,
                    "파일 {}개 중 {}개를 채점하지 못했습니다 (오류 행 참고)",
                    "{1} of {0} files could not be scored (see the error rows)",
                    stats.files,
                    stats.failed
                )
            );
        }
        code = exit::FINDINGS;
    }
    if let Some(min) = args.fail_under {
        if below > 0 {
            if !ctx.quiet {
                eprintln!(
                    "{}",
                    tr!(
                        ctx.lang,
                        "{}개 회사가 기준 {}점보다 낮습니다",
                        "{} firms are below --fail-under {}",
                        below,
                        min
                    )
                );
            }
            code = exit::FINDINGS;
        }
    }
    Ok(code)
}
