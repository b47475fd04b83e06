//! Reports fit the terminal: at 60, 80 and 120 columns no line of a report or of a portfolio's
//! summary is wider than the terminal, in Korean as in English; words are wrapped whole, and long
//! names are cut at their end.

use unicode_width::UnicodeWidthStr;

use crate::common::{MINI, WORKED, esg};

const WIDTHS: [usize; 3] = [60, 80, 120];

fn run(args: &[&str], width: usize) -> String {
    let out = esg()
        .args(args)
        .env("COLUMNS", width.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn assert_fits(text: &str, width: usize, what: &str) {
    for line in text.lines() {
        assert!(
            line.width() <= width,
            "{what} at {width} columns: a line of {} columns:\n{line}\n\n{text}",
            line.width()
        );
    }
}

fn examples() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(crate::common::root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| format!("examples/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    files.sort();
    files
}

#[test]
fn every_example_report_fits_the_terminal() {
    for file in examples() {
        for lang in ["ko", "en"] {
            for width in WIDTHS {
                for extra in [&[][..], &["--detail"][..]] {
                    let mut args = vec!["--lang", lang, "score", file.as_str()];
                    args.extend(extra);
                    let out = run(&args, width);
                    assert!(out.lines().count() > 20, "{out}");
                    assert_fits(&out, width, &format!("{file} {lang} {extra:?}"));
                }
            }
        }
    }
}

#[test]
fn the_worked_example_fits_with_every_option() {
    for width in WIDTHS {
        for extra in [
            &["--detail"][..],
            &["--unanswered", "exclude", "--top", "99"][..],
        ] {
            let mut args = vec!["--lang", "en", "score", WORKED, "--guideline", MINI];
            args.extend(extra);
            let out = run(&args, width);
            assert_fits(&out, width, &format!("worked {extra:?}"));
        }
    }
}

#[test]
fn words_are_wrapped_whole() {
    let out = run(&["--lang", "en", "score", "examples/service-20.toml"], 60);
    // The area table at 60 columns: area names whole, the bars left out to make room.
    assert!(out.contains("P Disclosure"), "{out}");
    assert!(out.contains("E Environment"), "{out}");
    assert!(
        !out.contains("Disclos\n") && !out.contains("Disclos ┆"),
        "{out}"
    );
    // Every word of a recommendation is whole on some line.
    let text: String = out.lines().collect::<Vec<_>>().join(" ");
    for word in ["anonymous", "certification.", "management)"] {
        assert!(text.contains(word), "{word} split:\n{out}");
    }
    let ko = run(&["--lang", "ko", "score", "examples/service-20.toml"], 60);
    assert!(
        ko.contains("P 정보공시") && ko.contains("G 지배구조"),
        "{ko}"
    );
}

#[test]
fn the_portfolio_summary_fits_and_cuts_names_at_their_end() {
    for lang in ["ko", "en"] {
        for width in WIDTHS {
            let out = run(&["--lang", lang, "score", "examples"], width);
            assert_fits(&out, width, &format!("portfolio {lang}"));
            // One directory named: the rows show the file names below it.
            let names = [
                "autoparts",
                "ghg-manuf",
                "listed-mi",
                "logistics",
                "service-2",
            ];
            let rows: Vec<&str> = out
                .lines()
                .filter(|l| names.iter().any(|n| l.starts_with(n)))
                .collect();
            assert_eq!(rows.len(), 5, "{out}");
            if width == 60 {
                // A long name is cut at its end, keeping where it starts.
                assert!(
                    rows[0].starts_with("autoparts-120") && rows[0].contains('…'),
                    "{out}"
                );
            }
        }
    }
    // Wide enough, the area scores and the top gap are shown; narrow, they are left out.
    let wide = run(&["--lang", "en", "score", "examples"], 120);
    assert!(wide.lines().next().unwrap().contains("top gap"), "{wide}");
    let narrow = run(&["--lang", "en", "score", "examples"], 60);
    assert!(
        !narrow.lines().next().unwrap().contains("top gap"),
        "{narrow}"
    );
}

#[test]
fn a_portfolio_error_row_wraps_under_its_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "[guideline]\nid = \"mini\"\n[firm]\nname = \"Bad\"\n[answers]\nturnover = \"a great many people left this year\"\n",
    )
    .unwrap();
    std::fs::copy(
        crate::common::root().join(WORKED),
        dir.path().join("good.toml"),
    )
    .unwrap();
    for width in WIDTHS {
        let out = esg()
            .args(["--lang", "en", "score", "--guideline", MINI])
            .arg(dir.path())
            .env("COLUMNS", width.to_string())
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert_fits(&text, width, "an error row");
        assert!(text.contains("error"), "{text}");
    }
}
