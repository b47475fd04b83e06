//! Files `esg` must never damage, for every writer (`score -o`, `lint -o`, `init -o`, the autosave
//! of `assess`, a portfolio's `-o DIR`): special files and links, modes, leftover temporary files,
//! durability, report paths, concurrent runs, byte-order marks and closed pipes.
#![cfg(unix)]

use std::fs::File;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use assert_cmd::assert::Assert;
use esg::batch::report_path;
use esg::report::Format;
use proptest::prelude::*;

use crate::common::{MINI, WORKED, esg, root};

/// Generous: the machine may be busy. A run that takes longer is a hang, and fails.
const LIMIT: Duration = Duration::from_secs(60);

fn worked() -> PathBuf {
    root().join(WORKED)
}

fn mini() -> PathBuf {
    root().join(MINI)
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

fn is_fifo(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// Takes the lock a live `esg` holds (`flock`, exclusive), as another process would.
fn lock(file: &File) {
    rustix::fs::flock(file, rustix::fs::FlockOperation::NonBlockingLockExclusive).unwrap();
}

fn stderr(a: &Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

/// `esg score WORKED -o OUT` (and the other writers) with the test guideline.
fn score_to(out: &Path) -> Assert {
    esg()
        .args(["score", "--lang", "en"])
        .arg(worked())
        .arg("-g")
        .arg(mini())
        .arg("-o")
        .arg(out)
        .timeout(LIMIT)
        .assert()
}

fn lint_to(out: &Path) -> Assert {
    esg()
        .args(["lint", "--lang", "en"])
        .arg(mini())
        .arg("-o")
        .arg(out)
        .timeout(LIMIT)
        .assert()
}

fn init_to(out: &Path) -> Assert {
    esg()
        .args(["init", "--lang", "en", "--force", "-g"])
        .arg(mini())
        .arg("-o")
        .arg(out)
        .timeout(LIMIT)
        .assert()
}

/// Every `.*.esg-tmp` file under `dir`, at any depth.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let t = e.file_type().unwrap();
            if t.is_dir() {
                stack.push(e.path());
            } else if e.file_name().to_string_lossy().ends_with(".esg-tmp") {
                found.push(e.path());
            }
        }
    }
    found
}

/// A portfolio of `n` copies of the worked example, each with its own firm name.
fn portfolio(dir: &Path, n: usize) {
    let text = std::fs::read_to_string(worked()).unwrap();
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let firm = format!("name = \"Firm {i:05}\"");
        let body = text.replace("name = \"Worked Example Ltd\"", &firm);
        std::fs::write(dir.join(format!("f{i:05}.toml")), body).unwrap();
    }
}

fn score_portfolio(cwd: &Path, args: &[&str]) -> Assert {
    esg()
        .current_dir(cwd)
        .args(["score", "--lang", "en", "-g"])
        .arg(mini())
        .args(args)
        .timeout(LIMIT)
        .assert()
}

// ---- 1. Only regular files are replaced -------------------------------------------------------

/// A character device to aim at. As root, a copy of `/dev/null` made in `dir`: should `esg` ever
/// replace devices again, this test must not destroy the machine's own `/dev/null` (root may
/// rename over it). Other users cannot replace anything in `/dev`, so `/dev/null` itself is safe.
#[allow(clippy::print_stderr)]
fn device(dir: &Path) -> Option<PathBuf> {
    let node = dir.join("null");
    let made = Command::new("mknod")
        .arg(&node)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        return Some(node);
    }
    let uid = Command::new("id").arg("-u").output().unwrap().stdout;
    if String::from_utf8_lossy(&uid).trim() == "0" {
        eprintln!("root without mknod: the device test is skipped to keep /dev/null safe");
        return None;
    }
    Some(PathBuf::from("/dev/null"))
}

#[test]
fn a_device_is_refused_by_every_writer_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let Some(null) = device(dir.path()) else {
        return;
    };
    for a in [score_to(&null), lint_to(&null), init_to(&null)] {
        let err = stderr(&a);
        a.code(2);
        let expected = format!(
            "cannot write {}: it is a device, not a regular file",
            null.display()
        );
        assert!(err.contains(&expected), "{err}");
        assert!(
            err.contains("leave out -o and redirect standard output"),
            "{err}"
        );
        let meta = std::fs::symlink_metadata(&null).unwrap();
        assert!(meta.file_type().is_char_device(), "the device was replaced");
    }
}

#[test]
fn a_fifo_is_refused_by_every_writer_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    for a in [score_to(&fifo), lint_to(&fifo), init_to(&fifo)] {
        let err = stderr(&a);
        a.code(2);
        assert!(
            err.contains("is a FIFO (named pipe), not a regular file"),
            "{err}"
        );
        assert!(is_fifo(&fifo), "the FIFO was replaced");
    }
    // The autosave of `esg assess`: refused before the first question, and never read from.
    let a = esg()
        .args(["assess", "--lang", "ko", "--answers"])
        .arg(&fifo)
        .timeout(LIMIT)
        .assert();
    let err = stderr(&a);
    a.code(2);
    assert!(
        err.contains("FIFO(이름 있는 파이프)이며 일반 파일이 아닙니다"),
        "{err}"
    );
    assert!(is_fifo(&fifo));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let a = score_to(dir.path());
    let err = stderr(&a);
    a.code(2);
    assert!(
        err.contains("it is a directory, not a regular file"),
        "{err}"
    );
    assert!(err.contains("name a file inside the directory"), "{err}");
}

#[test]
fn a_link_to_a_file_is_written_through_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.txt");
    std::fs::write(&real, "old").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink("real.txt", &link).unwrap();
    score_to(&link).success();
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(text.contains("Worked Example Ltd"), "{text}");
    assert_eq!(mode(&real), 0o600);
    init_to(&link).success();
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("[answers]")
    );
    // Nothing else appeared: the temporary file was beside the target, and is gone.
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["link.txt", "real.txt"]);
}

#[test]
fn a_link_to_a_fifo_or_to_nothing_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let to_fifo = dir.path().join("to-fifo");
    std::os::unix::fs::symlink(&fifo, &to_fifo).unwrap();
    let a = score_to(&to_fifo);
    let err = stderr(&a);
    a.code(2);
    assert!(err.contains("is a symbolic link to"), "{err}");
    assert!(err.contains("which is a FIFO"), "{err}");
    assert!(is_fifo(&fifo));
    assert!(std::fs::symlink_metadata(&to_fifo).unwrap().is_symlink());

    // A dangling link: nothing is created where it points.
    let dangling = dir.path().join("dangling");
    std::os::unix::fs::symlink("missing.txt", &dangling).unwrap();
    for a in [score_to(&dangling), init_to(&dangling)] {
        let err = stderr(&a);
        a.code(2);
        assert!(
            err.contains("is a symbolic link to missing.txt, which does not exist"),
            "{err}"
        );
        assert!(err.contains("does not create a file at the end of a dangling link"));
        assert!(!dir.path().join("missing.txt").exists());
    }
}

#[test]
#[allow(clippy::print_stderr)]
fn a_link_another_user_planted_in_a_shared_directory_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    // Like /tmp: world-writable and sticky.
    let shared = dir.path().join("tmp");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let link = shared.join("report.txt");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    // Planted by another user (nobody): only root can give a link away.
    let me = std::fs::symlink_metadata(&link).unwrap();
    let me = std::os::unix::fs::MetadataExt::uid(&me);
    if std::os::unix::fs::lchown(&link, Some(65534), Some(65534)).is_err() {
        eprintln!("not root: the shared-directory link test is skipped");
        return;
    }
    for a in [score_to(&link), init_to(&link)] {
        let err = stderr(&a);
        a.code(2);
        assert!(
            err.contains("that another user made in a shared directory"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    }
    // The writer's own link there is followed.
    std::os::unix::fs::lchown(&link, Some(me), None).unwrap();
    score_to(&link).success();
    assert!(
        std::fs::read_to_string(&victim)
            .unwrap()
            .contains("Worked Example Ltd")
    );
}

#[test]
fn a_report_never_replaces_the_file_it_reads() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.toml");
    std::fs::copy(worked(), &answers).unwrap();
    let before = std::fs::read(&answers).unwrap();
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink("a.toml", &link).unwrap();
    let lint = esg()
        .args(["lint", "--lang", "en", "-g"])
        .arg(mini())
        .arg(&answers)
        .arg("-o")
        .arg(&link)
        .timeout(LIMIT)
        .assert();
    let err = stderr(&lint);
    lint.code(2);
    assert!(err.contains("a file being linted"), "{err}");
    let score = esg()
        .args(["score", "--lang", "en", "-g"])
        .arg(mini())
        .arg(&answers)
        .arg("-o")
        .arg(&link)
        .timeout(LIMIT)
        .assert();
    let err = stderr(&score);
    score.code(2);
    assert!(err.contains("would overwrite the answers file"), "{err}");
    assert_eq!(std::fs::read(&answers).unwrap(), before);
}

#[test]
fn a_portfolio_refuses_a_fifo_for_its_summary_and_for_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    portfolio(&input, 3);
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("reports/in")).unwrap();

    // A report's path holds a FIFO: that file is an error row, the others are scored.
    let report_fifo = out.join("reports/in/f00001.toml.csv");
    mkfifo(&report_fifo);
    let a = score_portfolio(dir.path(), &["in", "--format", "csv", "-o", "out"]);
    a.code(1);
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    let row = summary.lines().find(|l| l.contains("f00001")).unwrap();
    assert!(row.starts_with("error,"), "{row}");
    assert!(row.contains("is a FIFO"), "{row}");
    assert_eq!(summary.lines().filter(|l| l.starts_with("ok,")).count(), 2);
    assert!(is_fifo(&report_fifo));

    // The summary's path holds a FIFO: the run stops with exit 2, the FIFO intact.
    std::fs::remove_file(out.join("summary.csv")).unwrap();
    mkfifo(&out.join("summary.csv"));
    let a = score_portfolio(dir.path(), &["in", "--format", "csv", "-o", "out"]);
    let err = stderr(&a);
    a.code(2);
    assert!(err.contains("summary.csv: it is a FIFO"), "{err}");
    assert!(is_fifo(&out.join("summary.csv")));
}

// ---- 2. Modes are kept -----------------------------------------------------------------------

#[test]
fn replacing_a_file_keeps_its_mode_and_a_new_file_gets_the_usual_one() {
    let dir = tempfile::tempdir().unwrap();
    for (i, m) in [0o600, 0o640, 0o604, 0o400].into_iter().enumerate() {
        let path = dir.path().join(format!("f{i}"));
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(m)).unwrap();
        score_to(&path).success();
        assert_eq!(mode(&path), m, "score -o");
        lint_to(&path).success();
        assert_eq!(mode(&path), m, "lint -o");
        init_to(&path).success();
        assert_eq!(mode(&path), m, "init -o --force");
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("[answers]")
        );
    }
    // A new file: what any program creating a file there gets (0666 under the umask).
    let usual = dir.path().join("usual");
    File::create(&usual).unwrap();
    let new = dir.path().join("new.txt");
    score_to(&new).success();
    assert_eq!(mode(&new), mode(&usual));
}

#[test]
fn a_portfolio_keeps_the_mode_of_the_reports_and_summary_it_replaces() {
    let dir = tempfile::tempdir().unwrap();
    portfolio(&dir.path().join("in"), 2);
    score_portfolio(dir.path(), &["in", "--format", "csv", "-o", "out"]).success();
    let report = dir.path().join("out/reports/in/f00000.toml.csv");
    let summary = dir.path().join("out/summary.csv");
    for p in [&report, &summary] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    score_portfolio(dir.path(), &["in", "--format", "csv", "-o", "out"]).success();
    assert_eq!(mode(&report), 0o600);
    assert_eq!(mode(&summary), 0o600);
}

// ---- 3. No leftover temporary files ----------------------------------------------------------

#[test]
fn a_dead_writers_temporary_file_is_removed_and_a_live_ones_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.txt");
    // As a writer killed between writing and renaming leaves it: no process holds its lock.
    let stale = dir.path().join(".report.txt.Zq3xY7pA.esg-tmp");
    std::fs::write(&stale, "half a rep").unwrap();
    // Another target's, and one of a writer still at work (this test holds its lock).
    let other = dir.path().join(".other.md.k2LmN8qR.esg-tmp");
    std::fs::write(&other, "half").unwrap();
    let live = dir.path().join(".report.txt.Ab12Cd34.esg-tmp");
    let held = File::create(&live).unwrap();
    lock(&held);

    score_to(&out).success();
    assert!(!stale.exists(), "the dead writer's file is still there");
    assert!(!other.exists(), "the dead writer's file is still there");
    assert!(live.exists(), "a live writer's file was removed");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("Worked Example Ltd"), "{text}");

    // Once its writer is gone, the next write removes it.
    drop(held);
    lint_to(&dir.path().join("lint.txt")).success();
    assert!(!live.exists());
    assert!(temporaries(dir.path()).is_empty());
}

#[test]
fn a_portfolio_killed_while_writing_leaves_nothing_the_next_run_does_not_clean() {
    let dir = tempfile::tempdir().unwrap();
    portfolio(&dir.path().join("in"), 3000);
    let out = dir.path().join("out");
    let reports = out.join("reports/in");
    let mut child = crate::common::process()
        .current_dir(dir.path())
        .args(["score", "in", "--format", "csv", "-o", "out", "-g"])
        .arg(mini())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Killed in the middle of writing reports (or, on a fast machine, after the last one).
    let start = std::time::Instant::now();
    while start.elapsed() < LIMIT {
        let n = std::fs::read_dir(&reports).map_or(0, Iterator::count);
        if n >= 100 || child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    // The lock died with the process; the next run cleans what the killed one left.
    score_portfolio(dir.path(), &["in", "--format", "csv", "-o", "out"]).success();
    assert_eq!(temporaries(dir.path()), Vec::<PathBuf>::new());
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    assert_eq!(
        summary.lines().filter(|l| l.starts_with("ok,")).count(),
        3000
    );
    assert_eq!(std::fs::read_dir(&reports).unwrap().count(), 3000);
}

#[test]
fn a_killed_assess_session_keeps_the_files_mode_and_leaves_no_temporary_file() {
    use expectrl::Expect;
    use expectrl::process::unix::Signal;

    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.toml");
    std::fs::write(
        &answers,
        "[guideline]\nid = \"mini\"\nversion = \"1.0.0\"\n\n[firm]\nname = \"Acme\"\nreporting_year = 2024\n\n[answers]\n",
    )
    .unwrap();
    std::fs::set_permissions(&answers, std::fs::Permissions::from_mode(0o600)).unwrap();
    let stale = dir.path().join(".a.toml.Pq9Rs8Tu.esg-tmp");
    std::fs::write(&stale, "[guideline]\n").unwrap();

    let mut cmd = crate::common::process();
    cmd.current_dir(dir.path())
        .args([
            "assess",
            "--lang",
            "en",
            "--answers",
            "a.toml",
            "--guideline",
        ])
        .arg(mini())
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("COLUMNS", "100");
    let mut p = crate::common::pty::spawn_sized(cmd, 120, 40);
    p.set_expect_timeout(Some(LIMIT));
    p.expect("[1/8 · Firm profile]").unwrap();
    p.expect("Esc menu").unwrap();
    p.send("Yes\r").unwrap();
    p.expect("2024 (KRW").unwrap();
    p.get_process_mut().kill(Signal::SIGKILL).unwrap();
    drop(p);

    assert_eq!(mode(&answers), 0o600, "one answer widened the file's mode");
    let text = std::fs::read_to_string(&answers).unwrap();
    assert!(text.contains("has_board = true"), "{text}");
    assert!(!stale.exists(), "the stale temporary file is still there");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

// ---- 4. Durability ---------------------------------------------------------------------------

/// The sync and rename calls `esg` makes, as strace sees them; `None` without a working strace.
#[cfg(target_os = "linux")]
#[allow(clippy::print_stderr)]
fn traced(cwd: &Path, args: &[&std::ffi::OsStr]) -> Option<Vec<String>> {
    let log = cwd.join("strace.log");
    let status = Command::new("strace")
        .current_dir(cwd)
        .args([
            "-f",
            "-qq",
            "-e",
            "trace=fsync,fdatasync,syncfs,rename,renameat,renameat2",
            "-o",
        ])
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_esg"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    match status {
        Ok(s) if s.success() => {}
        _ => {
            // Not installed, or not allowed to trace here.
            eprintln!("strace cannot run here: the durability test is skipped");
            return None;
        }
    }
    let text = std::fs::read_to_string(&log).unwrap();
    std::fs::remove_file(&log).unwrap();
    Some(text.lines().map(str::to_owned).collect())
}

#[cfg(target_os = "linux")]
fn position(lines: &[String], what: &[&str]) -> usize {
    lines
        .iter()
        .position(|l| what.iter().all(|w| l.contains(w)))
        .unwrap_or_else(|| panic!("no call with {what:?} in {lines:#?}"))
}

#[cfg(target_os = "linux")]
#[test]
fn a_written_file_and_its_directory_are_synced_and_a_portfolio_syncs_once() {
    let dir = tempfile::tempdir().unwrap();
    let os = |s: &str| std::ffi::OsString::from(s);
    let single = [
        os("score"),
        worked().into_os_string(),
        os("-g"),
        mini().into_os_string(),
        os("-o"),
        os("report.txt"),
    ];
    let refs: Vec<&std::ffi::OsStr> = single.iter().map(|s| s.as_os_str()).collect();
    let Some(calls) = traced(dir.path(), &refs) else {
        return;
    };
    // The file's data before the rename, the directory's entry after it.
    let rename = position(&calls, &["rename", ".esg-tmp", "report.txt\""]);
    assert!(
        calls[..rename].iter().any(|l| l.contains("fsync(")),
        "{calls:#?}"
    );
    assert!(
        calls[rename..].iter().any(|l| l.contains("fsync(")),
        "{calls:#?}"
    );

    // A portfolio of 40 reports: no sync per report, one syncfs before the summary is renamed.
    portfolio(&dir.path().join("in"), 40);
    let many = [
        os("score"),
        os("in"),
        os("-g"),
        mini().into_os_string(),
        os("--format"),
        os("csv"),
        os("-o"),
        os("out"),
    ];
    let refs: Vec<&std::ffi::OsStr> = many.iter().map(|s| s.as_os_str()).collect();
    let calls = traced(dir.path(), &refs).unwrap();
    let count = |w: &str| calls.iter().filter(|l| l.contains(w)).count();
    assert_eq!(count("syncfs("), 1, "{calls:#?}");
    // The summary and the statistics: each file and its directory.
    assert!(count("fsync(") + count("fdatasync(") <= 4, "{calls:#?}");
    let syncfs = position(&calls, &["syncfs("]);
    let summary = position(&calls, &["rename", "summary.csv\""]);
    let last_report = calls
        .iter()
        .rposition(|l| l.contains("rename") && l.contains(".toml.csv\""))
        .unwrap();
    assert!(last_report < syncfs && syncfs < summary, "{calls:#?}");
}

// ---- 5. One report per input path ------------------------------------------------------------

fn firm_of(report: &Path) -> String {
    let json = crate::common::scorecard_json(&std::fs::read_to_string(report).unwrap());
    json["firm"]["name"].as_str().unwrap().to_owned()
}

fn answers_for(path: &Path, firm: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let text = std::fs::read_to_string(worked()).unwrap();
    let body = text.replace("Worked Example Ltd", firm);
    std::fs::write(path, body).unwrap();
}

/// The report of each row of a JSON Lines summary, with the row's firm.
fn reports_of(summary: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(summary)
        .unwrap()
        .lines()
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            crate::common::assert_schema("portfolio-row", &v);
            (v["kind"] == "firm").then(|| {
                (
                    v["report"].as_str().unwrap().to_owned(),
                    v["firm"].as_str().unwrap().to_owned(),
                )
            })
        })
        .collect()
}

#[test]
fn inputs_that_shared_a_report_now_have_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path().join("work");
    // `/tmp/T/x.toml` and `tmp/T/x.toml`: an absolute path and the same path made relative.
    let abs_dir = tempfile::tempdir_in("/tmp").unwrap();
    let abs = abs_dir.path().join("x.toml");
    answers_for(&abs, "Absolute");
    let rel = abs.strip_prefix("/").unwrap().to_owned();
    answers_for(&cwd.join(&rel), "Relative");
    // `../x.toml` and `__/x.toml`.
    answers_for(&dir.path().join("x.toml"), "Parent");
    answers_for(&cwd.join("__/x.toml"), "Underscores");

    let a = esg()
        .current_dir(&cwd)
        .args(["score", "--format", "json", "-g"])
        .arg(mini())
        .arg(&abs)
        .arg(&rel)
        .args(["../x.toml", "__/x.toml", "-o", "out"])
        .timeout(LIMIT)
        .assert();
    a.success();
    let rows = reports_of(&cwd.join("out/summary.jsonl"));
    assert_eq!(rows.len(), 4);
    for (report, firm) in &rows {
        assert_eq!(&firm_of(&cwd.join(report)), firm, "{report}");
    }
    let mut paths: Vec<_> = rows.iter().map(|(r, _)| r.clone()).collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), 4, "{rows:?}");
}

#[test]
fn a_file_named_twice_gives_two_rows_and_one_report() {
    let dir = tempfile::tempdir().unwrap();
    answers_for(&dir.path().join("a.toml"), "Twice");
    let a = esg()
        .current_dir(dir.path())
        .args(["score", "--format", "json", "-g"])
        .arg(mini())
        .args(["a.toml", "./a.toml", "a.toml", "-o", "out"])
        .timeout(LIMIT)
        .assert();
    a.success();
    let rows = reports_of(&dir.path().join("out/summary.jsonl"));
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r == &rows[0]), "{rows:?}");
    assert_eq!(firm_of(&dir.path().join(&rows[0].0)), "Twice");
    assert!(temporaries(dir.path()).is_empty());
}

/// A path of up to six components drawn from names that tempt collisions, absolute or not.
fn any_path() -> impl Strategy<Value = PathBuf> {
    let part = prop_oneof![
        Just(".".to_owned()),
        Just("..".to_owned()),
        Just("_".to_owned()),
        Just("__".to_owned()),
        Just("_up".to_owned()),
        Just("_root".to_owned()),
        Just("_file".to_owned()),
        Just("_file.csv".to_owned()),
        Just("_dx.csv".to_owned()),
        Just("x".to_owned()),
        Just("x.csv".to_owned()),
        Just("x.toml".to_owned()),
        Just("x.toml.csv".to_owned()),
        Just("reports".to_owned()),
        Just("summary.csv".to_owned()),
        "[a-z_.]{1,5}".prop_filter("a name", |s| s != "." && s != ".."),
    ];
    (any::<bool>(), prop::collection::vec(part, 0..6)).prop_map(|(absolute, parts)| {
        let mut p = PathBuf::from(if absolute { "/" } else { "" });
        for c in parts {
            p.push(c);
        }
        p
    })
}

/// The path as `esg` tells paths apart: its components, `.` left out.
fn normal(p: &Path) -> Vec<Component<'_>> {
    p.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn distinct_inputs_never_share_a_report(a in any_path(), b in any_path()) {
        let dir = Path::new("out");
        let (ra, rb) = (report_path(dir, &a, Format::Csv), report_path(dir, &b, Format::Csv));
        for r in [&ra, &rb] {
            // Under reports/, never one of the run's own files.
            prop_assert!(r.starts_with("out/reports/") && r != Path::new("out/reports"));
            prop_assert!(r.parent().is_some_and(|p| p.starts_with("out/reports")));
        }
        if normal(&a) != normal(&b) {
            prop_assert_ne!(&ra, &rb);
            // Nor is one report where another one's directory has to be.
            prop_assert!(!ra.starts_with(&rb) && !rb.starts_with(&ra), "{:?} {:?}", ra, rb);
        } else {
            prop_assert_eq!(&ra, &rb);
        }
    }
}

// ---- 6. One run at a time in an output directory ---------------------------------------------

#[test]
fn a_second_run_into_the_same_directory_stops_at_once() {
    let dir = tempfile::tempdir().unwrap();
    portfolio(&dir.path().join("in"), 2);
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    // Another run holds the directory.
    let held = File::create(out.join(".esg.lock")).unwrap();
    lock(&held);
    let a = score_portfolio(dir.path(), &["in", "--format", "csv", "-o", "out"]);
    let err = stderr(&a);
    a.code(2);
    assert!(
        err.contains("another esg run is writing into this directory"),
        "{err}"
    );
    assert!(!out.join("summary.csv").exists());
    assert!(!out.join("reports").exists());
    drop(held);
    score_portfolio(dir.path(), &["in", "--format", "csv", "-o", "out"]).success();
    assert!(out.join("summary.csv").exists() && out.join("statistics.csv").exists());
}

// ---- 7. Byte-order marks and closed pipes ----------------------------------------------------

#[test]
fn bom_marks_every_csv_file_of_a_portfolio() {
    let dir = tempfile::tempdir().unwrap();
    portfolio(&dir.path().join("in"), 2);
    score_portfolio(dir.path(), &["in", "--format", "csv", "--bom", "-o", "out"]).success();
    let out = dir.path().join("out");
    for f in [
        "summary.csv",
        "statistics.csv",
        "reports/in/f00000.toml.csv",
        "reports/in/f00001.toml.csv",
    ] {
        let bytes = std::fs::read(out.join(f)).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{f} has no BOM");
        assert!(!bytes[3..].starts_with(b"\xEF\xBB\xBF"), "{f} has two");
    }
    score_portfolio(dir.path(), &["in", "--format", "csv", "-o", "out2"]).success();
    let bytes = std::fs::read(dir.path().join("out2/reports/in/f00000.toml.csv")).unwrap();
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"));
}

/// Runs `esg ARGS` with its standard output (and, with `both`, its standard error) into a
/// stream whose reader is already gone, as `| head -1` leaves it once `head` has exited: every
/// write fails with a broken pipe (`EPIPE`). Returns the exit code and standard error.
fn into_closed_pipe(cwd: &Path, args: &[&str], both: bool) -> (Option<i32>, String) {
    let (reader, writer) = std::os::unix::net::UnixStream::pair().unwrap();
    drop(reader);
    let mut cmd = crate::common::process();
    cmd.current_dir(cwd)
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(std::os::fd::OwnedFd::from(writer.try_clone().unwrap()));
    let err_file = cwd.join("stderr.txt");
    if both {
        cmd.stderr(std::os::fd::OwnedFd::from(writer));
    } else {
        drop(writer);
        cmd.stderr(File::create(&err_file).unwrap());
    }
    let mut child = cmd.spawn().unwrap();
    drop(cmd);
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > LIMIT {
            child.kill().unwrap();
            panic!("esg {args:?} did not end");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let err = std::fs::read_to_string(&err_file).unwrap_or_default();
    (status.code(), err)
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    // Enough rows (over 256 KiB of CSV) for the summary to reach the pipe before its end, through
    // the CSV writer's own error type.
    portfolio(&dir.path().join("in"), 4000);
    let g = mini();
    let g = g.to_str().unwrap();
    let w = worked();
    let w = w.to_str().unwrap();
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for f in ["csv", "json", "table", "markdown"] {
        runs.push(vec!["score", "in", "-g", g, "--format", f]);
        runs.push(vec!["score", w, "-g", g, "--format", f]);
    }
    runs.push(vec!["lint", g]);
    runs.push(vec!["lint", g, "--format", "json"]);
    runs.push(vec!["init", "-g", g]);
    runs.push(vec!["explain", "bands-gap"]);
    runs.push(vec!["schema", "answers", "-g", g]);
    runs.push(vec!["guidelines"]);
    runs.push(vec!["completions", "bash"]);
    for args in &runs {
        let (code, err) = into_closed_pipe(dir.path(), args, false);
        assert_eq!(code, Some(0), "esg {args:?}: {err}");
        assert_eq!(err, "", "esg {args:?}");
    }
}

#[test]
fn a_closed_pipe_for_both_outputs_keeps_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    portfolio(&dir.path().join("in"), 3);
    std::fs::write(dir.path().join("in/bad.toml"), "not toml [").unwrap();
    let g = mini();
    // `esg score in 2>&1 | head -1`: the message about the failed file has nowhere to go, and
    // the run still exits 1 for it (not a crash).
    let (code, _) = into_closed_pipe(
        dir.path(),
        &["score", "in", "-g", g.to_str().unwrap(), "--format", "csv"],
        true,
    );
    assert_eq!(code, Some(1));
}
