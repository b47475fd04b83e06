//! `esg score` over a portfolio: many files, directories, a list on standard input.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The shared harness, with room for a portfolio's summary columns.
fn esg() -> Command {
    let mut cmd = crate::common::esg();
    cmd.env("COLUMNS", "140");
    cmd
}

const EXAMPLES: [&str; 4] = [
    "autoparts-120.toml",
    "listed-midsize.toml",
    "logistics.toml",
    "service-20.toml",
];

fn copy_example(name: &str, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(root().join("examples").join(name), to).unwrap();
}

/// Four good files (one in a subdirectory), a malformed one, one with a wrong type, one naming
/// another guideline, and a dangling symbolic link; plus, when not running as root, a file
/// nobody may read.
fn mixed_portfolio() -> (tempfile::TempDir, bool) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_example("autoparts-120.toml", &d.join("a-autoparts.toml"));
    copy_example("listed-midsize.toml", &d.join("b-listed.toml"));
    copy_example("logistics.toml", &d.join("sub/c-logistics.toml"));
    copy_example("service-20.toml", &d.join("sub/d-service.toml"));
    std::fs::write(
        d.join("e-malformed.toml"),
        "[guideline]\nid = \"k-esg-sme\"\n[firm\n",
    )
    .unwrap();
    let good = std::fs::read_to_string(root().join("examples/service-20.toml")).unwrap();
    std::fs::write(
        d.join("f-wrong-type.toml"),
        good.replacen("employees = 20", "employees = \"twenty\"", 1),
    )
    .unwrap();
    std::fs::write(
        d.join("g-other-guideline.toml"),
        good.replacen("id = \"k-esg-sme\"", "id = \"vsme-basic\"", 1),
    )
    .unwrap();
    std::fs::write(d.join("notes.txt"), "not an answers file").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("nowhere.toml"), d.join("h-gone.toml")).unwrap();
    #[cfg(not(unix))]
    let locked = false;
    #[cfg(unix)]
    let locked = {
        use std::os::unix::fs::PermissionsExt;
        let p = d.join("i-locked.toml");
        std::fs::write(&p, &good).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
        // As root the file stays readable; then it is an ordinary good file.
        std::fs::read(&p).is_err()
    };
    (dir, locked)
}

/// The index of a CSV column by its header.
fn column(bytes: &[u8], name: &str) -> usize {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut r = csv::Reader::from_reader(bytes);
    let head = r.headers().unwrap().clone();
    head.iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

fn csv_rows(bytes: &[u8]) -> Vec<csv::StringRecord> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut r = csv::Reader::from_reader(bytes);
    let head = r.headers().unwrap().clone();
    assert_eq!(&head[0], "status");
    r.records().map(Result::unwrap).collect()
}

#[test]
fn mixed_directory_scores_the_good_files_and_gives_error_rows_with_positions() {
    let (dir, locked) = mixed_portfolio();
    let out = esg()
        .args(["score", "--format", "csv", "--lang", "en"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .clone();
    let rows = csv_rows(&out.stdout);
    let name = |r: &csv::StringRecord| {
        Path::new(&r[1])
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    let files: Vec<String> = rows.iter().map(name).collect();
    let mut expected = vec![
        "a-autoparts.toml",
        "b-listed.toml",
        "e-malformed.toml",
        "f-wrong-type.toml",
        "g-other-guideline.toml",
        "h-gone.toml",
        "i-locked.toml",
        "c-logistics.toml",
        "d-service.toml",
    ];
    if !cfg!(unix) {
        expected.retain(|f| !["h-gone.toml", "i-locked.toml"].contains(f));
    }
    assert_eq!(files, expected);
    let ok: Vec<_> = rows.iter().filter(|r| &r[0] == "ok").collect();
    assert_eq!(ok.len(), 4 + usize::from(cfg!(unix) && !locked));
    for r in &ok {
        assert!(!r[2].is_empty() && !r[3].is_empty(), "{r:?}");
    }
    let error = |file: &str| {
        rows.iter()
            .find(|r| name(r) == file)
            .unwrap_or_else(|| panic!("{file}"))
            .clone()
    };
    let e = error("e-malformed.toml");
    assert_eq!(
        (&e[0], &e[e.len() - 4], &e[e.len() - 3]),
        ("error", "3", "6")
    );
    let e = error("f-wrong-type.toml");
    assert_eq!(&e[0], "error");
    assert!(
        e[e.len() - 2].contains("`employees` expects a whole number"),
        "{e:?}"
    );
    assert_ne!(&e[e.len() - 4], "0");
    let e = error("g-other-guideline.toml");
    assert!(e[e.len() - 2].contains("vsme-basic"), "{e:?}");
    let text = std::fs::read_to_string(dir.path().join("g-other-guideline.toml")).unwrap();
    let line = text.lines().position(|l| l.contains("vsme-basic")).unwrap() + 1;
    assert_eq!(&e[e.len() - 4], line.to_string());
    if cfg!(unix) {
        let e = error("h-gone.toml");
        assert_eq!((&e[0], &e[e.len() - 4]), ("error", "0"));
        assert!(e[e.len() - 2].contains("no such file"), "{e:?}");
        if locked {
            assert!(error("i-locked.toml")[16].contains("permission denied"));
        }
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let failed = rows.len() - ok.len();
    assert!(
        stderr.contains(&format!(
            "{failed} of {} files could not be scored",
            rows.len()
        )),
        "{stderr}"
    );
}

#[test]
fn output_is_the_same_across_runs_and_thread_counts() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..60 {
        let name = EXAMPLES[i % 4];
        copy_example(name, &dir.path().join(format!("{:02}/{i:03}.toml", i % 7)));
    }
    let run = |threads: &str| {
        esg()
            .env("RAYON_NUM_THREADS", threads)
            .args(["score", "--format", "json", "--lang", "ko"])
            .arg(dir.path())
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let first = run("1");
    assert_eq!(first, run("2"));
    assert_eq!(first, run("4"));
    assert_eq!(first, run("2"));
    let text = String::from_utf8(first).unwrap();
    let files: Vec<String> = crate::common::portfolio_json(&text)
        .into_iter()
        .filter(|v| v["kind"] == "firm")
        .map(|v| v["file"].as_str().unwrap().to_owned())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files.len(), 60);
    assert_eq!(files, sorted, "rows follow the sorted walk");
}

#[test]
fn csv_with_bom_keeps_korean_intact() {
    let paths: Vec<PathBuf> = EXAMPLES
        .iter()
        .map(|e| root().join("examples").join(e))
        .collect();
    let out = esg()
        .args(["score", "--format", "csv", "--bom", "--lang", "ko"])
        .args(&paths)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        out.starts_with(b"\xEF\xBB\xBF"),
        "starts with the UTF-8 byte-order mark"
    );
    let rows = csv_rows(&out);
    let firms: Vec<&str> = rows.iter().map(|r| r.get(2).unwrap()).collect();
    assert_eq!(firms[0], "대성오토텍(주)");
    assert!(
        firms
            .iter()
            .all(|f| !f.is_empty() && !f.contains('\u{FFFD}'))
    );
    // Korean titles of the top gap, from the guideline.
    let title = column(&out, "top_gap_title");
    assert!(
        rows.iter()
            .any(|r| r[title].chars().any(|c| ('가'..='힣').contains(&c)))
    );
    // The emissions survey columns: scope 1 and 2 of the firms that reported energy use.
    let scope2 = column(&out, "scope2_location_tco2e");
    assert!(
        rows.iter()
            .any(|r| r[scope2].parse::<f64>().is_ok_and(|t| t > 0.0))
    );
    // Without --bom there is none.
    let plain = esg()
        .args(["score", "--format", "csv"])
        .args(&paths)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(plain.starts_with(b"status,"));
}

#[test]
fn json_lines_parse_and_end_with_the_portfolio() {
    let (dir, _) = mixed_portfolio();
    let out = esg()
        .args(["score", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines = crate::common::portfolio_json(&String::from_utf8(out).unwrap());
    let (last, firms) = lines.split_last().unwrap();
    assert_eq!(last["kind"], "portfolio");
    assert_eq!(last["files"], firms.len());
    let failed = firms.iter().filter(|f| f["status"] == "error").count();
    assert_eq!(last["failed"], failed);
    for f in firms {
        assert_eq!(f["kind"], "firm");
        if f["status"] == "ok" {
            let p = f["percentile"].as_f64().unwrap();
            assert!((0.0..=100.0).contains(&p));
            assert_eq!(f["areas"].as_array().unwrap().len(), 4);
        } else {
            assert!(f["error"]["message"].is_string());
        }
    }
}

#[test]
fn output_directory_gets_one_report_per_firm_and_the_summary() {
    let (dir, _) = mixed_portfolio();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("reports-2026");
    esg()
        .args(["score", "--format", "json", "-o"])
        .arg(&target)
        .arg(dir.path())
        .assert()
        .code(1);
    let summary = std::fs::read_to_string(target.join("summary.jsonl")).unwrap();
    let stats: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(target.join("statistics.json")).unwrap())
            .unwrap();
    let mut reports = 0;
    for row in crate::common::portfolio_json(&summary) {
        if row["status"] == "ok" {
            let report = row["report"].as_str().unwrap();
            let card = crate::common::scorecard_json(&std::fs::read_to_string(report).unwrap());
            assert_eq!(card["firm"]["name"], row["firm"]);
            reports += 1;
        } else {
            assert!(row["report"].is_null());
        }
    }
    assert_eq!(stats["scored"], reports);
    // No temporary files left behind.
    let temporary: Vec<PathBuf> = walkdir(&target)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".tmp") || name.starts_with(".esg-rows")
        })
        .collect();
    assert!(temporary.is_empty(), "{temporary:?}");
}

/// Every entry below `dir`, hidden ones included; directory links are not followed.
fn walkdir(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .collect()
}

#[test]
fn files_from_standard_input_gives_the_same_rows_as_paths() {
    let paths: Vec<PathBuf> = EXAMPLES
        .iter()
        .map(|e| root().join("examples").join(e))
        .collect();
    let by_args = esg()
        .args(["score", "--format", "csv"])
        .args(&paths)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let list: String = paths.iter().map(|p| format!("{}\n", p.display())).collect();
    let by_list = esg()
        .args(["score", "--format", "csv", "--files-from", "-"])
        .write_stdin(list)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(by_args, by_list);
}

#[test]
fn dash_among_several_paths_is_a_usage_error() {
    esg()
        .args(["score", "-", "examples/logistics.toml"])
        .current_dir(root())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--files-from -"));
}

#[test]
fn table_summary_has_rows_and_statistics() {
    let paths: Vec<PathBuf> = EXAMPLES
        .iter()
        .map(|e| root().join("examples").join(e))
        .collect();
    let out = esg()
        .args(["score", "--lang", "en"])
        .args(&paths)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("대성오토텍"), "{text}");
    assert!(
        text.contains("Portfolio: 4 files · 4 scored · 0 could not be scored"),
        "{text}"
    );
    assert!(text.contains("median"), "{text}");
}

#[test]
fn fail_under_counts_firms_below_in_a_portfolio() {
    esg()
        .args([
            "score",
            "--format",
            "csv",
            "--fail-under",
            "50",
            "--lang",
            "en",
        ])
        .arg(root().join("examples"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("firms are below --fail-under 50"));
}

#[test]
fn one_file_still_prints_its_report_and_csv_lists_its_indicators() {
    esg()
        .args(["score", "examples/autoparts-120.toml", "--lang", "en"])
        .current_dir(root())
        .assert()
        .success()
        .stdout(predicates::str::contains("대성오토텍(주)"));
    let out = esg()
        .args(["score", "examples/autoparts-120.toml", "--format", "csv"])
        .current_dir(root())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let mut r = csv::Reader::from_reader(out.as_slice());
    assert_eq!(&r.headers().unwrap()[0], "section");
    let indicators = r
        .records()
        .filter(|rec| &rec.as_ref().unwrap()[0] == "indicator")
        .count();
    assert_eq!(indicators, 61);
}

#[test]
fn a_directory_without_answers_files_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "nothing to score").unwrap();
    esg()
        .args(["score", "--lang", "en"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("no answers files"));
}

#[test]
fn the_table_shows_paths_below_the_one_directory_named() {
    let dir = tempfile::tempdir().unwrap();
    let clients = dir.path().join("clients-of-a-consultant-2026");
    copy_example("service-20.toml", &clients.join("onnuri/2026.toml"));
    copy_example("logistics.toml", &clients.join("hangil/2026.toml"));
    let table = |args: &[&std::ffi::OsStr]| {
        let out = esg().arg("score").args(args).output().unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    // One directory: the names that tell the firms apart, not the directory they share.
    let one = table(&[clients.as_os_str()]);
    let rows: Vec<&str> = one.lines().skip(2).take(2).collect();
    assert!(rows[0].starts_with("hangil/2026.toml"), "{one}");
    assert!(rows[1].starts_with("onnuri/2026.toml"), "{one}");
    // Two inputs: whole paths, since names below each could be the same.
    let a = clients.join("onnuri/2026.toml");
    let b = clients.join("hangil/2026.toml");
    let two = table(&[a.as_os_str(), b.as_os_str()]);
    assert!(!two.lines().nth(2).unwrap().starts_with("onnuri/"), "{two}");
    // CSV keeps every path whole.
    let out = esg()
        .args(["score", "--format", "csv"])
        .arg(&clients)
        .output()
        .unwrap();
    let rows = csv_rows(&out.stdout);
    let file = column(&out.stdout, "file");
    assert!(rows[0][file].ends_with("clients-of-a-consultant-2026/hangil/2026.toml"));
}
