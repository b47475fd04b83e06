//! `esg serve`: the questionnaire and the report in a browser. The server is [`crate::web`]; this
//! file chooses what is served, prints the address with its secret, opens the browser and stops
//! on Ctrl-C.

use std::path::PathBuf;

use clap::Args;

use super::{Ctx, exit, load_guideline, load_guidelines, note, read_input, write_stdout};
use crate::text::Ui;
use crate::tr;
use crate::web::{Config, Server, Target};

// The help of each argument, in Korean and English, is in `help.rs`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[arg(default_value = "answers.toml")]
    path: PathBuf,
    #[arg(short, long)]
    guideline: Vec<String>,
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    #[arg(long, default_value_t = 0)]
    port: u16,
    #[arg(long)]
    no_open: bool,
}

pub(super) fn run(ctx: &Ctx, args: &ServeArgs) -> anyhow::Result<u8> {
    let lang = ctx.lang;
    let path = &args.path;
    let (target, guideline, also) = if path.is_dir() {
        if args.guideline.len() > 1 {
            anyhow::bail!(
                "{}",
                lang.pick(
                    "폴더의 답변 파일들은 가이드라인 하나로 엽니다 (`--guideline`을 하나만)",
                    "a folder's answers files are served with one guideline (one --guideline)"
                )
            );
        }
        let guideline = load_guideline(args.guideline.first().map(String::as_str), None)?;
        (Target::Dir(path.clone()), guideline, Vec::new())
    } else {
        // Every answer is saved to the file: refuse a path that cannot take it before starting.
        crate::output::check(path)?;
        let chosen = if path.exists() {
            let source = read_input(path)?;
            let chosen = load_guidelines(&args.guideline, Some(&source))?;
            // A file that cannot be read is reported now rather than on the first page.
            chosen.read(&source)?;
            chosen
        } else {
            load_guidelines(&args.guideline, None)?
        };
        let mut all = chosen.selected.into_iter();
        let first = all.next().expect("at least one guideline is chosen");
        (Target::File(path.clone()), first, all.collect())
    };
    let explicit = super::help::lang_in(&std::env::args_os().collect::<Vec<_>>());
    let config = Config {
        target,
        guideline,
        also,
        host: args.host.clone(),
        port: args.port,
        lang: explicit,
        this_year: super::init::this_year(),
    };
    if !crate::web::is_loopback(&args.host) {
        note!(
            "{}",
            tr!(
                lang,
                "주의: --host {}로 열면 이 컴퓨터 밖에서도 접속할 수 있습니다. 답변 파일은 비밀 주소를 아는 사람만 볼 수 있지만, 연결은 암호화되지 않습니다.",
                "warning: with --host {} the server can be reached from other machines. Only someone with the secret address can see the answers, but the connection is not encrypted.",
                args.host
            )
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve(
        ctx,
        config,
        !args.no_open,
        path.display().to_string(),
    ))
}

async fn serve(ctx: &Ctx, config: Config, open: bool, shown: String) -> anyhow::Result<u8> {
    let lang = ctx.lang;
    let dir = matches!(config.target, Target::Dir(_));
    let (host, port) = (config.host.clone(), config.port);
    let server = match Server::bind(config).await {
        Ok(s) => s,
        Err(e) => {
            note!(
                "{} {}",
                lang.pick("오류:", "error:"),
                tr!(
                    lang,
                    "{}:{}에서 기다릴 수 없습니다: {}",
                    "cannot listen on {}:{}: {}",
                    host,
                    port,
                    crate::error::io_reason(&e).get(lang)
                )
            );
            return Ok(exit::INPUT);
        }
    };
    let url = server.url();
    let what = if dir {
        tr!(lang, "회사 폴더 {}", "the firms in {}", shown)
    } else {
        tr!(lang, "답변 파일 {}", "the answers file {}", shown)
    };
    let text = tr!(
        lang,
        "esg serve를 시작했습니다: {}\n이 주소를 브라우저에서 여십시오(비밀 주소이니 남에게 보내지 마십시오):\n\n    {}\n\n멈추려면 Ctrl-C를 누르십시오.\n",
        "esg serve: {} in the browser.\nOpen this address in the browser (it is secret: do not share it):\n\n    {}\n\nPress Ctrl-C to stop.\n",
        what,
        url
    );
    write_stdout(text.as_bytes())?;
    // Kept until the server stops (the file is removed then).
    let mut _launch = None;
    if open && has_display() {
        // The browser gets a one-time secret, swapped for a cookie on first use, through a page
        // only this user can read: the secret is not on the browser's command line, where other
        // users of the machine could read it. Where that file cannot be made, the address itself.
        let open_url = server.open_url();
        let target = match launch_file(&open_url) {
            Ok(file) => {
                let shown = file.to_string_lossy().into_owned();
                _launch = Some(file);
                shown
            }
            Err(_) => open_url,
        };
        tokio::task::spawn_blocking(move || {
            if webbrowser::open(&target).is_err() {
                note!(
                    "{}",
                    match lang.ui() {
                        Ui::Ko => "브라우저를 열지 못했습니다. 위 주소를 직접 여십시오.",
                        Ui::En => "Could not open a browser; open the address above yourself.",
                    }
                );
            }
        });
    }
    let stop = std::sync::Arc::new(tokio::sync::Notify::new());
    let signalled = std::sync::Arc::clone(&stop);
    let shutdown = async move {
        let _ = tokio::signal::ctrl_c().await;
        signalled.notify_one();
    };
    // Requests under way finish; a browser's idle connection does not keep the server up.
    let grace = async {
        stop.notified().await;
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    };
    tokio::select! {
        r = server.run(shutdown) => r?,
        () = grace => {}
    }
    note!(
        "{}",
        lang.pick(
            "멈췄습니다. 답은 모두 저장되어 있습니다.",
            "Stopped. Every answer is saved."
        )
    );
    Ok(exit::INTERRUPTED)
}

/// A page that sends the browser on to `url`, written to a new file in the temporary directory
/// that only this user can read (as Jupyter does), removed when the returned path is dropped.
fn launch_file(url: &str) -> std::io::Result<tempfile::TempPath> {
    use std::io::Write;
    let mut file = tempfile::Builder::new()
        .prefix("esg-serve-")
        .suffix(".html")
        .tempfile()?;
    file.write_all(launch_page(url).as_bytes())?;
    file.flush()?;
    Ok(file.into_temp_path())
}

/// The launch page: an immediate redirect, and a link for a browser that does not follow it.
fn launch_page(url: &str) -> String {
    let url = url
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"refresh\" content=\"0;url={url}\"><title>esg serve</title></head>\
         <body><p><a href=\"{url}\">esg serve</a></p></body></html>\n"
    )
}

/// Whether a browser can be shown: on Linux and the BSDs, a graphical session.
fn has_display() -> bool {
    if cfg!(any(target_os = "macos", target_os = "windows")) {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|k| std::env::var_os(k).is_some_and(|v| !v.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_launch_file_redirects_to_the_address_and_only_its_owner_reads_it() {
        let url = "http://127.0.0.1:8080/?open=0123abcd";
        let path = launch_file(url).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("content=\"0;url=http://127.0.0.1:8080/?open=0123abcd\""));
        assert!(text.contains("href=\"http://127.0.0.1:8080/?open=0123abcd\""));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "readable by others: {mode:o}");
        }
        let kept = path.to_path_buf();
        drop(path);
        assert!(!kept.exists(), "the launch file is removed");
    }

    #[test]
    fn the_launch_page_escapes_the_address() {
        let page = launch_page("http://x/?a=1&b=\"<>");
        assert!(page.contains("a=1&amp;b=&quot;&lt;&gt;"));
        assert!(!page.contains("b=\"<"));
    }
}
