//! A portfolio scored without work done twice: with `-o DIR`, one scoring of each file gives both
//! its summary row and its report.

use std::path::PathBuf;

use esg::batch::{Batch, Reports};
use esg::report::{Format, Style};
use esg::scorecard::Unanswered;
use esg::text::Lang;

use crate::common::root;

/// The example answers files, all for the built-in `k-esg-sme`.
fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    files
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(1.0),
        (None, None) => true,
        _ => false,
    }
}

#[test]
fn one_scoring_serves_the_row_and_the_report() {
    let g = esg::guideline::load_builtin("k-esg-sme").unwrap();
    let out = tempfile::tempdir().unwrap();
    for unanswered in [Unanswered::Zero, Unanswered::Exclude] {
        let batch = Batch {
            guideline: &g,
            unanswered,
            reports: Some(Reports::new(
                out.path().to_path_buf(),
                Format::Json,
                Lang::En,
                Style::default(),
                false,
            )),
        };
        for path in examples() {
            // `score_file` works on the calling thread: the count is this file's alone.
            let before = esg::score::scorings_on_this_thread();
            let row = batch.score_file(&path);
            assert_eq!(
                esg::score::scorings_on_this_thread() - before,
                1,
                "{} was scored more than once",
                path.display()
            );
            let s = row.scored.unwrap_or_else(|| panic!("{:?}", row.error));
            let report = row.report.expect("a report was written");
            let card: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
            let name = path.display();
            assert!(close(s.total, card["total"].as_f64()), "{name}");
            assert_eq!(s.grade.as_deref(), card["grade"]["id"].as_str(), "{name}");
            assert!(close(
                s.completeness,
                card["completeness"]["ratio"].as_f64()
            ));
            let areas = card["areas"].as_array().unwrap();
            assert_eq!(s.areas.len(), areas.len());
            for (row_area, area) in s.areas.iter().zip(areas) {
                assert_eq!(row_area.id, area["id"].as_str().unwrap());
                assert!(
                    close(row_area.score, area["score"].as_f64()),
                    "{name}: {}",
                    row_area.id
                );
            }
            let first_gap = card["gaps"].as_array().unwrap().first();
            assert_eq!(
                s.top_gap.as_ref().map(|t| t.indicator.as_str()),
                first_gap.map(|t| t["indicator"].as_str().unwrap()),
                "{name}"
            );
            assert_eq!(s.firm, card["firm"]["name"].as_str().unwrap());
        }
        batch.reports.unwrap().sync().unwrap();
    }

    // Without reports, a row is one scoring too (the numbers only).
    let batch = Batch {
        guideline: &g,
        unanswered: Unanswered::Zero,
        reports: None,
    };
    for path in examples() {
        let before = esg::score::scorings_on_this_thread();
        let row = batch.score_file(&path);
        assert!(row.scored.is_some());
        assert_eq!(esg::score::scorings_on_this_thread() - before, 1);
        assert!(row.report.is_none());
    }
}

/// Rows are kept on disk without their warnings unless the summary shows them: JSON Lines still
/// carries every row's warnings.
#[test]
fn json_lines_rows_keep_their_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("examples/service-20.toml")).unwrap();
    let year = text
        .lines()
        .find(|l| l.starts_with("reporting_year"))
        .expect("the example names its reporting year");
    // Figures for years after the reporting year: a warning for each.
    let early = text.replacen(year, "reporting_year = 2000", 1);
    std::fs::write(dir.path().join("a.toml"), &early).unwrap();
    std::fs::write(dir.path().join("b.toml"), &text).unwrap();
    let out = crate::common::esg()
        .args(["score", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let rows: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &serde_json::Value| v.get("file").is_some())
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let warned = rows[0]["warnings"].as_array().expect("warnings listed");
    assert!(
        warned.iter().any(|w| w["code"] == "future-year"),
        "{warned:?}"
    );
    assert!(rows[1]["warnings"].as_array().is_none_or(Vec::is_empty));
}

/// Every `.toml` file under `dir`, recursively.
fn toml_files(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

/// A summary that shows no warnings (CSV, table, Markdown) gets its numbers without looking for
/// warnings: the same numbers as the full summary, for every answers file of the fixtures and
/// examples against every built-in guideline.
#[test]
fn summary_numbers_without_warnings_are_the_same() {
    let guidelines: Vec<_> = esg::guideline::builtins()
        .iter()
        .map(|b| esg::guideline::load_builtin(b.id).unwrap())
        .collect();
    let mut files = Vec::new();
    toml_files(&root().join("tests/fixtures"), &mut files);
    toml_files(&root().join("examples"), &mut files);
    files.sort();
    let (mut compared, mut warned) = (0, 0);
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let source = esg::source::Source::new(path.display().to_string(), text);
        for g in &guidelines {
            let Ok(answers) = esg::answers::parse(&source, g) else {
                continue;
            };
            for unanswered in [Unanswered::Zero, Unanswered::Exclude] {
                let options = esg::score::Options { unanswered };
                let full = esg::score::summarize(g, &answers, options);
                let numbers = esg::score::summarize_numbers(g, &answers, options);
                assert!(numbers.warnings.is_empty());
                if !full.warnings.is_empty() {
                    warned += 1;
                }
                let expected = esg::score::Summary {
                    warnings: Vec::new(),
                    ..full
                };
                assert_eq!(
                    format!("{numbers:?}"),
                    format!("{expected:?}"),
                    "{} against {}",
                    path.display(),
                    g.id
                );
                compared += 1;
            }
        }
    }
    assert!(compared >= 20, "{compared}");
    // Files whose full summary has warnings: without them the comparison would prove little.
    assert!(warned > 0);
}
