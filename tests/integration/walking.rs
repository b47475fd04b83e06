//! How `esg` finds and opens input files: every run ends, whatever the paths (a stray file named
//! by a relative path, FIFOs, symbolic-link loops, an empty directory, a broken list of paths), and
//! every file is found once. The commands run with a 60 s limit that kills them, so that a hang
//! fails its test instead of stalling the suite; the assertions are on status and output.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::assert::Assert;
use serde_json::Value;

use crate::common::{MINI, WORKED, esg, root};

/// Runs `esg ARGS` in `dir`, killed (and the test failed) after 60 s.
fn run_in(dir: &Path, args: &[&str]) -> Assert {
    esg()
        .current_dir(dir)
        .args(args)
        .timeout(Duration::from_secs(60))
        .assert()
}

/// Runs `esg ARGS` from the package root, killed after 60 s.
fn run(args: &[&str]) -> Assert {
    run_in(root(), args)
}

fn stdout(a: &Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn stderr(a: &Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

/// The JSON report of `esg lint --format json`.
fn lint_json(a: &Assert) -> Value {
    serde_json::from_slice(&a.get_output().stdout)
        .unwrap_or_else(|e| panic!("{e}:\n{}\n{}", stdout(a), stderr(a)))
}

/// Each finding's (file, code).
fn findings(report: &Value) -> Vec<(String, String)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn files(report: &Value) -> Vec<String> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_owned())
        .collect()
}

/// The rows of a CSV summary: (status, file, error message).
fn rows(csv: &str) -> Vec<(String, String, String)> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (status, file, message) = (col("status"), col("file"), col("error_message"));
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[status].to_owned(),
                r[file].to_owned(),
                r[message].to_owned(),
            )
        })
        .collect()
}

fn counts<T: std::hash::Hash + Eq>(items: impl IntoIterator<Item = T>) -> HashMap<T, usize> {
    let mut m = HashMap::new();
    for i in items {
        *m.entry(i).or_insert(0) += 1;
    }
    m
}

/// A copy of the test guideline MINI in `dir/name`, with the worked example under `tests/` as a
/// self-test would be (it only needs to be a file there), and an indicator file one level down.
fn package(dir: &Path, name: &str) -> PathBuf {
    let pkg = dir.join(name);
    std::fs::create_dir_all(pkg.join("more")).unwrap();
    std::fs::copy(
        root().join(MINI).join("guideline.toml"),
        pkg.join("guideline.toml"),
    )
    .unwrap();
    std::fs::write(pkg.join("more/empty.toml"), "").unwrap();
    pkg
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn worked() -> String {
    std::fs::read_to_string(root().join(WORKED)).unwrap()
}

// ---- 1. A stray file named by a relative path is a finding; the run ends -------------------

#[test]
fn lint_of_a_stray_file_by_a_relative_path_is_a_finding_and_the_other_paths_are_linted() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(&d.join("e.toml"), "");
    write(&d.join("sub/e.toml"), "reviewed = true\n");
    std::fs::copy(root().join("examples/logistics.toml"), d.join("good.toml")).unwrap();

    let a = run_in(d, &["lint", "e.toml", "--format", "json"]).code(1);
    let r = lint_json(&a);
    assert_eq!(findings(&r), [("e.toml".into(), "unknown-file".into())]);

    // The stray file does not stop the answers file after it from being linted (and clean).
    let a = run_in(d, &["lint", "e.toml", "good.toml", "--format", "json"]).code(1);
    let r = lint_json(&a);
    assert_eq!(files(&r), ["e.toml", "good.toml"]);
    assert_eq!(findings(&r), [("e.toml".into(), "unknown-file".into())]);

    let a = run_in(d, &["lint", ".", "--format", "json"]).code(1);
    let r = lint_json(&a);
    assert_eq!(
        findings(&r),
        [
            ("./e.toml".into(), "unknown-file".into()),
            ("./sub/e.toml".into(), "unknown-file".into())
        ]
    );
    let mut names = files(&r);
    names.sort();
    assert_eq!(names, ["./e.toml", "./good.toml", "./sub/e.toml"]);

    let a = run_in(d.join("sub").as_path(), &["lint", "../sub/"]).code(1);
    assert!(stdout(&a).contains("unknown-file"), "{}", stdout(&a));

    // Human output names the rule, so that `esg explain unknown-file` says more.
    let a = run_in(d, &["lint", "sub/"]).code(1);
    assert!(
        stdout(&a).contains("error[unknown-file]") && stdout(&a).contains("sub/e.toml"),
        "{}",
        stdout(&a)
    );
}

#[test]
fn lint_as_guideline_of_a_file_outside_any_package_is_a_finding() {
    let a = run(&[
        "lint",
        "--as",
        "guideline",
        "examples/logistics.toml",
        "--format",
        "json",
    ])
    .code(1);
    let r = lint_json(&a);
    assert_eq!(
        findings(&r),
        [("examples/logistics.toml".into(), "unknown-file".into())]
    );
}

#[test]
fn a_package_is_found_above_the_working_directory_and_named_from_it() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = package(tmp.path(), "pkg");
    let deep = pkg.join("more");
    let a = run_in(&deep, &["lint", "empty.toml", "--format", "json"]).code(0);
    let r = lint_json(&a);
    assert_eq!(files(&r), ["../guideline.toml", "../more/empty.toml"]);
    // Named by different paths, the package is linted once.
    let a = run_in(
        &pkg,
        &[
            "lint",
            ".",
            "guideline.toml",
            "more/empty.toml",
            "--format",
            "json",
        ],
    )
    .code(0);
    assert_eq!(
        files(&lint_json(&a)),
        ["./guideline.toml", "./more/empty.toml"]
    );
}

#[test]
fn a_guideline_named_by_its_bare_guideline_toml_loads() {
    let worked = root().join(WORKED);
    let a = run_in(
        &root().join(MINI),
        &[
            "score",
            "--guideline",
            "guideline.toml",
            worked.to_str().unwrap(),
        ],
    )
    .code(0);
    assert!(stdout(&a).contains("Total"), "{}", stdout(&a));
}

// ---- 2. Files that are not regular files are never opened when found by walking ------------

/// Makes a FIFO at `path` with the `mkfifo` command; false (with a note) where there is none.
#[cfg(unix)]
#[allow(clippy::print_stderr)]
fn mkfifo(path: &Path) -> bool {
    match std::process::Command::new("mkfifo").arg(path).status() {
        Ok(s) if s.success() => true,
        other => {
            eprintln!("skipped: mkfifo is not available ({other:?})");
            false
        }
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_portfolio_is_an_error_row_and_never_opened() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("clients");
    write(&d.join("a.toml"), &worked());
    if !mkfifo(&d.join("b-pipe.toml")) {
        return;
    }
    symlink("b-pipe.toml", d.join("c-link-to-pipe.toml")).unwrap();
    assert!(mkfifo(&d.join("notes")));
    write(&d.join("sub/d.toml"), &worked());
    let dir = d.to_str().unwrap();
    let a = run(&["score", "--guideline", MINI, dir, "--format", "csv"]).code(1);
    let rows = rows(&stdout(&a));
    let at = |name: &str| format!("{dir}/{name}");
    assert_eq!(
        rows.iter()
            .map(|(s, f, _)| (s.as_str(), f.clone()))
            .collect::<Vec<_>>(),
        [
            ("ok", at("a.toml")),
            ("error", at("b-pipe.toml")),
            ("error", at("c-link-to-pipe.toml")),
            ("ok", at("sub/d.toml")),
        ]
    );
    for (_, _, message) in &rows[1..3] {
        assert!(
            message.contains("FIFO") && message.contains("not opened"),
            "{message}"
        );
    }
    assert!(stderr(&a).contains("2 of 4 files"), "{}", stderr(&a));
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_guideline_package_is_an_error_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = package(tmp.path(), "pkg");
    if !mkfifo(&pkg.join("more/pipe.toml")) {
        return;
    }
    let p = pkg.to_str().unwrap();
    for args in [
        vec!["score", "--guideline", p, WORKED],
        vec!["lint", p],
        vec!["lint", "--guideline", p, WORKED],
    ] {
        let a = run(&args).code(2);
        let err = stderr(&a);
        assert!(
            err.contains("more/pipe.toml") && err.contains("FIFO") && err.contains("not opened"),
            "{args:?}: {err}"
        );
    }
    // In the package's self-tests too.
    std::fs::remove_file(pkg.join("more/pipe.toml")).unwrap();
    std::fs::create_dir(pkg.join("tests")).unwrap();
    assert!(mkfifo(&pkg.join("tests/pipe.toml")));
    let a = run(&["lint", p]).code(2);
    assert!(stderr(&a).contains("tests/pipe.toml"), "{}", stderr(&a));
    // And in a directory of answers files given to lint.
    let answers = tmp.path().join("answers");
    write(&answers.join("a.toml"), &worked());
    assert!(mkfifo(&answers.join("pipe.toml")));
    let a = run(&["lint", "--guideline", MINI, answers.to_str().unwrap()]).code(2);
    assert!(stderr(&a).contains("pipe.toml"), "{}", stderr(&a));
}

/// Writes `text` into the FIFO `path` from a thread, once a reader opens it.
#[cfg(unix)]
fn feed(path: &Path, text: String) {
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&path) {
            let _ = std::io::Write::write_all(&mut f, text.as_bytes());
        }
    });
}

#[cfg(unix)]
#[test]
fn a_fifo_the_user_names_is_read_as_a_stream() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("answers.toml");
    if !mkfifo(&fifo) {
        return;
    }
    let f = fifo.to_str().unwrap();
    feed(&fifo, worked());
    let a = run(&["score", "--guideline", MINI, f]).code(0);
    assert!(stdout(&a).contains("Total"), "{}", stdout(&a));

    feed(&fifo, worked());
    let a = run(&["score", "--guideline", MINI, WORKED, f, "--format", "csv"]).code(0);
    let rows = rows(&stdout(&a));
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|(s, _, _)| s == "ok"), "{rows:?}");

    feed(&fifo, worked());
    run(&["lint", "--guideline", MINI, f]).code(0);
}

#[cfg(unix)]
#[test]
fn standard_input_named_as_a_path_is_read() {
    for command in ["score", "lint"] {
        esg()
            .args([command, "--guideline", MINI, "/dev/stdin"])
            .write_stdin(worked())
            .timeout(Duration::from_secs(60))
            .assert()
            .code(0);
    }
}

// ---- 3. Links: directory links are not followed; every file is found once ------------------

#[cfg(unix)]
#[test]
fn directory_link_loops_in_a_package_find_each_file_once() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let pkg = package(tmp.path(), "pkg");
    symlink("..", pkg.join("more/up")).unwrap();
    symlink("../..", pkg.join("more/up2")).unwrap();
    symlink(".", pkg.join("here")).unwrap();
    // A file link is read; an editor's lock file (a hidden, dangling link) is left out.
    symlink("empty.toml", pkg.join("more/link.toml")).unwrap();
    symlink("nobody@host.1234", pkg.join("more/.#empty.toml")).unwrap();

    // The walker itself: each file once, in path order.
    let found: Vec<PathBuf> = esg::walk::toml_files(&pkg)
        .map(|f| f.path().strip_prefix(&pkg).unwrap().to_path_buf())
        .collect();
    assert_eq!(
        found,
        [
            Path::new("guideline.toml"),
            Path::new("more/empty.toml"),
            Path::new("more/link.toml")
        ]
    );

    let p = pkg.to_str().unwrap();
    let a = run(&["lint", p, "--format", "json"]).code(0);
    let r = lint_json(&a);
    let names = files(&r);
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(counts(&names).values().all(|&n| n == 1), "{names:?}");
    assert!(findings(&r).is_empty(), "{r}");

    run(&["score", "--guideline", p, WORKED]).code(0);

    // Linted as a plain directory (answers), each file once too.
    let a = run(&[
        "lint",
        "--as",
        "answers",
        "--guideline",
        MINI,
        p,
        "--format",
        "json",
    ]);
    let names = files(&lint_json(&a));
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(counts(&names).values().all(|&n| n == 1), "{names:?}");
}

#[cfg(unix)]
#[test]
fn a_portfolio_with_link_loops_scores_each_file_once_and_shows_dangling_links() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("p");
    write(&d.join("a.toml"), &worked());
    write(&d.join("x/b.toml"), &worked());
    symlink("..", d.join("x/up")).unwrap();
    symlink("../..", d.join("x/up2")).unwrap();
    symlink("x", d.join("y.toml")).unwrap();
    symlink("a.toml", d.join("c-link.toml")).unwrap();
    symlink("missing.toml", d.join("d-dangling.toml")).unwrap();
    let dir = d.to_str().unwrap();
    let a = run(&["score", "--guideline", MINI, dir, "--format", "csv"]).code(1);
    let got: Vec<(String, String)> = rows(&stdout(&a))
        .into_iter()
        .map(|(s, f, _)| (s, f.trim_start_matches(dir).to_owned()))
        .collect();
    let want: Vec<(String, String)> = [
        ("ok", "/a.toml"),
        ("ok", "/c-link.toml"),
        ("error", "/d-dangling.toml"),
        ("ok", "/x/b.toml"),
    ]
    .iter()
    .map(|(s, f)| ((*s).to_owned(), (*f).to_owned()))
    .collect();
    assert_eq!(got, want);
}

// ---- 4. --files-from: a broken list fails loudly; names are bytes ---------------------------

#[test]
fn a_list_of_paths_that_is_a_directory_is_an_input_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_str().unwrap();
    let a = run(&["score", "--guideline", MINI, WORKED, "--files-from", dir]).code(2);
    assert!(stderr(&a).contains(dir), "{}", stderr(&a));
    assert!(stdout(&a).is_empty(), "{}", stdout(&a));
}

/// Reading `/proc/self/mem` from its start fails: a list that cannot be read to its end.
#[cfg(target_os = "linux")]
#[test]
fn a_list_of_paths_that_cannot_be_read_fails_the_run_with_no_summary() {
    let a = run(&[
        "score",
        "--guideline",
        MINI,
        WORKED,
        "--files-from",
        "/proc/self/mem",
    ])
    .code(2);
    let err = stderr(&a);
    assert!(
        err.contains("/proc/self/mem") && err.contains("cannot read the list of paths"),
        "{err}"
    );
    assert!(
        stdout(&a).is_empty(),
        "a short portfolio was printed:\n{}",
        stdout(&a)
    );
    let a = run(&[
        "--lang",
        "ko",
        "score",
        "--guideline",
        MINI,
        "--files-from",
        "/proc/self/mem",
    ])
    .code(2);
    assert!(stderr(&a).contains("경로 목록"), "{}", stderr(&a));
}

#[cfg(unix)]
#[test]
#[allow(clippy::print_stderr)]
fn a_listed_file_name_that_is_not_utf8_is_found() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let mut name = tmp.path().as_os_str().as_bytes().to_vec();
    name.extend_from_slice(b"/caf\xe9.toml");
    let path = Path::new(OsStr::from_bytes(&name));
    if std::fs::write(path, worked()).is_err() {
        eprintln!("skipped: this file system refuses names that are not UTF-8");
        return;
    }
    let mut list = name.clone();
    list.extend_from_slice(b"\n\n");
    list.extend_from_slice(root().join(WORKED).as_os_str().as_bytes());
    list.extend_from_slice(b"\r\n");
    let a = esg()
        .args([
            "score",
            "--guideline",
            MINI,
            "--files-from",
            "-",
            "--format",
            "csv",
        ])
        .write_stdin(list)
        .timeout(Duration::from_secs(60))
        .assert()
        .code(0);
    let rows = rows(&stdout(&a));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|(s, _, _)| s == "ok"), "{rows:?}");
    assert!(rows[0].1.ends_with("caf\u{fffd}.toml"), "{rows:?}");
}

#[cfg(unix)]
#[test]
fn a_listed_fifo_is_an_error_row_and_never_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("pipe.toml");
    if !mkfifo(&fifo) {
        return;
    }
    let list = format!("{WORKED}\n{}\n", fifo.display());
    let a = esg()
        .args([
            "score",
            "--guideline",
            MINI,
            "--files-from",
            "-",
            "--format",
            "csv",
        ])
        .write_stdin(list)
        .timeout(Duration::from_secs(60))
        .assert()
        .code(1);
    let rows = rows(&stdout(&a));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[1].2.contains("FIFO"), "{rows:?}");
}

// ---- 5. Nothing to check is an input error ---------------------------------------------------

#[test]
fn lint_of_a_directory_without_toml_files_is_an_input_error() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let dir = d.to_str().unwrap();
    let a = run(&["lint", dir]).code(2);
    assert!(stderr(&a).contains("no TOML files"), "{}", stderr(&a));
    assert!(stdout(&a).is_empty(), "{}", stdout(&a));
    let a = run(&["--lang", "ko", "lint", dir]).code(2);
    assert!(stderr(&a).contains("TOML 파일"), "{}", stderr(&a));
    // Hidden files and other files do not count.
    write(&d.join(".hidden.toml"), &worked());
    write(&d.join("notes.txt"), "not TOML");
    run(&["lint", dir]).code(2);
    // Beside a path that has something to check, an empty directory is no error.
    run(&["lint", "--guideline", MINI, dir, WORKED]).code(0);
}
