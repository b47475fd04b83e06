//! `esg score` with many files, directories or a list of paths: a portfolio. The library scores
//! it (`batch::score_all`) and writes its summary; this file reads the list of paths, shows
//! progress, and says how it went.

use std::cell::RefCell;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::rc::Rc;

use super::{Ctx, exit, width};
use crate::batch::{Batch, Input, Reports, score_all};
use crate::error::Error;
use crate::report::{Format, Style, SummaryStyle};
use crate::scorecard::Unanswered;
use crate::tr;

/// Paths read one per line from standard input or a file; blank lines are skipped. A read error
/// ends the list and is kept in `failed`, for the run to report: a list is never cut short
/// silently. On Unix a line is a path byte for byte, so that names that are not UTF-8 are found.
struct PathList {
    reader: Box<dyn BufRead>,
    buf: Vec<u8>,
    /// Lines read so far.
    line: usize,
    failed: Rc<RefCell<Option<ListError>>>,
}

/// Why a list of paths could not be read to its end.
enum ListError {
    /// Reading failed after `line` lines.
    Read { line: usize, error: std::io::Error },
    /// Line `line` is not UTF-8, which paths must be on this system.
    NotUtf8 { line: usize },
}

impl ListError {
    fn message(&self, lang: crate::text::Lang, list: &str) -> String {
        match self {
            ListError::Read { line, error } => tr!(
                lang,
                "{}: 경로 목록을 끝까지 읽지 못했습니다 ({}번째 줄 뒤): {}",
                "{}: cannot read the list of paths to its end (after line {}): {}",
                list,
                line,
                crate::error::io_reason(error).get(lang)
            ),
            ListError::NotUtf8 { line } => tr!(
                lang,
                "{}: {}번째 줄의 경로가 UTF-8이 아닙니다; 이 시스템에서는 목록의 경로가 UTF-8이어야 합니다",
                "{}: the path on line {} is not UTF-8, which paths in a list must be on this system",
                list,
                line
            ),
        }
    }
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    Some(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> Option<PathBuf> {
    std::str::from_utf8(bytes).ok().map(PathBuf::from)
}

impl Iterator for PathList {
    type Item = PathBuf;

    fn next(&mut self) -> Option<PathBuf> {
        if self.failed.borrow().is_some() {
            return None;
        }
        loop {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => self.line += 1,
                Err(error) => {
                    *self.failed.borrow_mut() = Some(ListError::Read {
                        line: self.line,
                        error,
                    });
                    return None;
                }
            }
            let line = self.buf.strip_suffix(b"\n").unwrap_or(&self.buf);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let path = path_from_bytes(line);
            if path.is_none() {
                *self.failed.borrow_mut() = Some(ListError::NotUtf8 { line: self.line });
            }
            return path;
        }
    }
}

fn path_list(from: &PathBuf) -> Result<PathList, Error> {
    let reader: Box<dyn BufRead> = if from.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let name = from.display().to_string();
        if from.is_dir() {
            return Err(Error::Read {
                path: name,
                reason: crate::msg!(
                    "경로 목록이 아니라 디렉터리입니다",
                    "is a directory, not a list of paths"
                ),
            });
        }
        Box::new(std::io::BufReader::new(
            std::fs::File::open(from).map_err(|e| Error::read(&name, &e))?,
        ))
    };
    Ok(PathList {
        reader,
        buf: Vec::new(),
        line: 0,
        failed: Rc::default(),
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
    // indicatif's own `{per_sec}` and `{elapsed}` end in English units ("12.5/s", "3s").
    let template = ctx.lang.pick(
        "{spinner} 파일 {pos}개 채점 · 초당 {rate}개 · {elapsed_precise}",
        "{spinner} {pos} files scored · {per_sec} · {elapsed}",
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        let rate = |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = w.write_str(&crate::text::number(state.per_sec(), 0));
        };
        bar.set_style(style.with_key("rate", rate));
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// What `esg score` was asked, for a portfolio.
pub(super) struct PortfolioArgs<'a> {
    pub(super) paths: &'a [PathBuf],
    pub(super) files_from: Option<&'a PathBuf>,
    pub(super) guideline: &'a [String],
    pub(super) format: Format,
    pub(super) output: Option<&'a PathBuf>,
    pub(super) bom: bool,
    pub(super) fail_under: Option<f64>,
    pub(super) unanswered: Unanswered,
    pub(super) detail: bool,
    pub(super) top: usize,
    pub(super) benchmark_out: Option<&'a PathBuf>,
}

pub(super) fn run(ctx: &Ctx, args: &PortfolioArgs<'_>) -> anyhow::Result<u8> {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        anyhow::bail!(
            "{}",
            ctx.lang.pick(
                "`-`는 표준 입력에서 답변 파일 하나를 읽습니다. 경로 목록을 표준 입력으로 주려면 `--files-from -`를 쓰십시오",
                "`-` reads one answers file from standard input; to read a list of paths from standard input, use --files-from -"
            )
        );
    }
    if args.guideline.len() > 1 {
        anyhow::bail!(
            "{}",
            ctx.lang.pick(
                "여러 파일은 가이드라인 하나로 채점합니다. 가이드라인마다 따로 실행하십시오 (`--guideline`을 하나만)",
                "many files are scored against one guideline at a time: run once per guideline (one --guideline)"
            )
        );
    }
    let guideline = crate::guideline::resolve(args.guideline.first().map(String::as_str))?;
    let lang = guideline.lang(ctx.lang);
    if let Some(dir) = args.output {
        if dir.exists() && !dir.is_dir() {
            anyhow::bail!(
                "{}",
                tr!(
                    ctx.lang,
                    "{}: 여러 파일을 채점할 때 `-o`에는 디렉터리를 줍니다",
                    "{}: with several files, -o names a directory",
                    dir.display()
                )
            );
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::write(&dir.display().to_string(), &e))?;
    }
    // Held until the run ends: a second run into the same directory stops at once, so the
    // summary, the statistics and the reports always come from one run.
    let _lock = match args.output {
        Some(dir) => match crate::output::lock_dir(dir)? {
            Some(lock) => Some(lock),
            None => anyhow::bail!(
                "{}",
                tr!(
                    ctx.lang,
                    "{}: 다른 `esg` 실행이 이 디렉터리에 쓰고 있습니다. 그 실행이 끝난 뒤 다시 하거나 다른 `-o` 디렉터리를 고르십시오",
                    "{}: another esg run is writing into this directory; run again when it has finished, or choose another -o directory",
                    dir.display()
                )
            ),
        },
        None => None,
    };
    let list = args.files_from.map(path_list).transpose()?;
    let list_failed = list.as_ref().map(|l| Rc::clone(&l.failed));
    let inputs = (args.paths.iter().cloned().map(Input::Named))
        .chain(list.into_iter().flatten().map(Input::Listed));

    let batch = Batch {
        guideline: &guideline,
        unanswered: args.unanswered,
        reports: args.output.map(|dir| Reports {
            dir: dir.clone(),
            format: args.format,
            lang,
            style: Style {
                width: 100,
                color: false,
                top: args.top,
                detail: args.detail,
            },
            bom: args.bom,
            written: crate::output::Deferred::new(),
        }),
    };
    let spool_dir = args.output.cloned().unwrap_or_else(std::env::temp_dir);
    let bar = progress(ctx);
    // A benchmark of the portfolio, only when asked for (`--benchmark-out FILE`): a file meant to
    // be passed on is never written unasked.
    let mut bench = args
        .benchmark_out
        .map(|_| crate::benchmark::Builder::new(&guideline));
    let scored = score_all(
        &batch,
        inputs,
        &spool_dir,
        args.format,
        lang,
        args.fail_under,
        &mut |row| {
            bar.inc(1);
            if let Some(b) = bench.as_mut() {
                b.add(row);
            }
        },
    );
    bar.finish_and_clear();
    let mut scored = scored?;
    if let (Some(e), Some(from)) = (list_failed.and_then(|f| f.take()), args.files_from) {
        let name = if from.as_os_str() == "-" {
            ctx.lang.pick("표준 입력", "standard input").to_owned()
        } else {
            crate::text::visible(&from.display().to_string()).into_owned()
        };
        anyhow::bail!("{}", e.message(ctx.lang, &name));
    }
    let (files, failed) = (scored.statistics().files, scored.statistics().failed);
    if files == 0 {
        anyhow::bail!(
            "{}",
            ctx.lang.pick(
                "채점할 답변 파일(`*.toml`)을 찾지 못했습니다",
                "no answers files (*.toml) found to score"
            )
        );
    }
    // One directory named and nothing else: the table shows the paths below it.
    let base = match args.paths {
        [dir] if args.files_from.is_none() && dir.is_dir() => Some(dir.display().to_string()),
        _ => None,
    };
    let style = SummaryStyle {
        width: if args.output.is_some() { 100 } else { width() },
        lang,
        bom: args.bom,
        base,
    };
    if let (Some(b), Some(path)) = (bench, args.benchmark_out) {
        let mut text = serde_json::to_string_pretty(&b.finish())?;
        text.push('\n');
        crate::output::write_atomic(path, text.as_bytes())?;
    }
    match args.output {
        Some(dir) => {
            scored.write_dir(args.format, &guideline, &style, dir)?;
            if !ctx.quiet {
                super::note!(
                    "{}",
                    tr!(
                        ctx.lang,
                        "파일 {}개를 채점해 {}에 저장했습니다",
                        "scored {} files into {}",
                        files,
                        dir.display()
                    )
                );
            }
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::with_capacity(256 * 1024, stdout.lock());
            let written = scored
                .write(args.format, &guideline, &style, &mut out, true)
                .and_then(|()| out.flush());
            match written.map_err(anyhow::Error::from) {
                // The reader closed the pipe (`| head -1`): it has what it wanted.
                Err(e) if super::is_broken_pipe(&e) => {}
                other => other?,
            }
        }
    }
    let mut code = exit::OK;
    if failed > 0 {
        if !ctx.quiet {
            super::note!(
                "{}",
                tr!(
                    ctx.lang,
                    "파일 {}개 중 {}개를 채점하지 못했습니다 (오류 행 참고)",
                    "{1} of {0} files could not be scored (see the error rows)",
                    files,
                    failed
                )
            );
        }
        code = exit::FINDINGS;
    }
    if let Some(min) = args.fail_under {
        let below = scored.below();
        if below > 0 {
            if !ctx.quiet {
                super::note!(
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Gives `lines`, then fails as a disk or a network file system can.
    struct FailingAfter(std::io::Cursor<&'static [u8]>);

    impl std::io::Read for FailingAfter {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match self.0.read(buf)? {
                0 => Err(std::io::Error::other("input/output error")),
                n => Ok(n),
            }
        }
    }

    fn list(reader: impl std::io::Read + 'static) -> PathList {
        PathList {
            reader: Box::new(std::io::BufReader::with_capacity(4, reader)),
            buf: Vec::new(),
            line: 0,
            failed: Rc::default(),
        }
    }

    #[test]
    fn a_read_error_mid_way_ends_the_list_and_is_kept() {
        let mut paths = list(FailingAfter(std::io::Cursor::new(
            b"a.toml\n\n  \nb.toml\r\nc",
        )));
        let failed = Rc::clone(&paths.failed);
        let got: Vec<PathBuf> = paths.by_ref().collect();
        assert_eq!(got, [PathBuf::from("a.toml"), PathBuf::from("b.toml")]);
        match failed.take() {
            Some(ListError::Read { line, .. }) => assert_eq!(line, 4),
            _ => panic!("the read error was lost"),
        }
        assert!(paths.next().is_none());
    }

    #[cfg(unix)]
    #[test]
    fn a_line_is_a_path_byte_for_byte() {
        use std::os::unix::ffi::OsStrExt;
        let mut paths = list(std::io::Cursor::new(b"caf\xe9.toml\n".as_slice()));
        let path = paths.next().unwrap();
        assert_eq!(path.as_os_str().as_bytes(), b"caf\xe9.toml");
        assert!(paths.next().is_none());
        assert!(paths.failed.borrow().is_none());
    }
}
