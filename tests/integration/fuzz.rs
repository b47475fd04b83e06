//! Fuzzing: arbitrary bytes, and structure-aware mutations of the project's real files, fed to the
//! answers reader, the guideline loader and the expression parser, each through the whole pipeline
//! a user's file goes through (read, check, score, render).
//!
//! Every case must end with either a valid result (a scorecard whose every number is finite,
//! rendered in every format) or an error that says where: each diagnostic names the file and a
//! line and column inside it (or the whole file). No case may panic, and none may hang: each runs
//! under a watchdog that fails the test if it has not finished long after it should have.
//!
//! `ESG_FUZZ_CASES` sets the number of cases per target (a few thousand in all by default, so the
//! suite stays quick); docs/testing.md gives the command for a long run and records the last one.
//! An input that ever failed is kept under `tests/fixtures/fuzz/` and replayed by every run; a
//! failing case is also written to `target/fuzz-failures/` so that it can be added there.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::Duration;

use esg::error::Error;
use esg::guideline::Guideline;
use esg::report::{Format, Style};
use esg::score::Options;
use esg::scorecard::{Scorecard, Unanswered};
use esg::source::{Diagnostic, Source};
use esg::text::Lang;
use proptest::prelude::*;
use proptest::sample::Index;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// How many cases each target runs.
fn cases(default: u32) -> u32 {
    std::env::var("ESG_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A case that has not finished after this long is taken to hang. Every case takes milliseconds;
/// this only turns a hang into a failure instead of a stuck test run.
const WATCHDOG: Duration = Duration::from_secs(60);

// ---------------------------------------------------------------------------------------------
// The corpus: the project's own files

/// A guideline package as (file name, text), and the guideline it loads to.
struct Package {
    id: &'static str,
    files: Vec<(String, String)>,
    guideline: Guideline,
}

/// An answers file and the package it is answered against.
struct AnswersFile {
    name: String,
    text: String,
    package: usize,
    /// Whether the file as shipped reads without error.
    valid: bool,
}

struct Corpus {
    packages: Vec<Package>,
    answers: Vec<AnswersFile>,
    expressions: Vec<String>,
}

fn read_package(id: &'static str, dir: &Path) -> Package {
    let files = esg::walk::toml_files(dir)
        .except("tests")
        .map(|f| {
            let path = f.path().to_path_buf();
            let name = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (
                name,
                f.read().expect("a corpus file reads").text.to_string(),
            )
        })
        .collect();
    let guideline = esg::guideline::load_dir(dir).expect("the corpus guideline loads");
    Package {
        id,
        files,
        guideline,
    }
}

/// The `*.toml` files directly in `dir`, sorted; none when it does not exist.
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    v
}

/// Every string value in a guideline file that holds an expression.
fn expressions_in(text: &str, out: &mut Vec<String>) {
    const KEYS: [&str; 11] = [
        "ask_if",
        "applies_if",
        "expr",
        "formula",
        "warn_if",
        "activity",
        "market_activity",
        "energy_mwh",
        "renewable_mwh",
        "country",
        "per",
    ];
    let Ok(doc) = text.parse::<toml::Table>() else {
        return;
    };
    fn walk(v: &toml::Value, key: Option<&str>, out: &mut Vec<String>) {
        match v {
            toml::Value::String(s) if key.is_some_and(|k| KEYS.contains(&k)) => {
                out.push(s.clone());
            }
            toml::Value::Array(items) => items.iter().for_each(|i| walk(i, key, out)),
            toml::Value::Table(t) => t.iter().for_each(|(k, v)| walk(v, Some(k), out)),
            _ => {}
        }
    }
    doc.iter().for_each(|(k, v)| walk(v, Some(k), out));
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let packages = vec![
            read_package("mini", &root().join("tests/fixtures/guidelines/mini")),
            read_package("k-esg-sme", &root().join("guidelines/k-esg-sme")),
        ];
        let mut answers = Vec::new();
        let mut add = |dir: &str, package: usize| {
            for p in toml_files(&root().join(dir)) {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                let text = std::fs::read_to_string(&p).unwrap();
                let valid = esg::answers::parse(
                    &Source::new(name.as_str(), text.as_str()),
                    &packages[package].guideline,
                )
                .is_ok();
                answers.push(AnswersFile {
                    name,
                    text,
                    package,
                    valid,
                });
            }
        };
        add("tests/fixtures/answers", 0);
        add("tests/fixtures/bad", 0);
        add("examples", 1);
        add("guidelines/k-esg-sme/tests", 1);
        let mut expressions = Vec::new();
        for p in &packages {
            for (_, text) in &p.files {
                expressions_in(text, &mut expressions);
            }
        }
        expressions.sort();
        expressions.dedup();
        assert!(expressions.len() > 30, "the guidelines hold expressions");
        Corpus {
            packages,
            answers,
            expressions,
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Mutations

/// Text that tends to find the edges: TOML syntax, extreme and odd numbers, odd years, hostile
/// and invisible characters, names the readers know.
const TOKENS: &[&str] = &[
    "\"",
    "'",
    "'''",
    "\"\"\"",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ",",
    ".",
    "\n",
    "\r\n",
    "#",
    "\\",
    "\\u0000",
    "\\U0010FFFF",
    "nan",
    "-nan",
    "inf",
    "-inf",
    "+inf",
    "1e308",
    "-1e308",
    "1.7976931348623157e308",
    "5e-324",
    "0",
    "-0",
    "0.0",
    "-0.0",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551616",
    "02025",
    "+2025",
    "2025",
    "1899",
    "2101",
    "99999",
    "1_000",
    "0x7f",
    "0o17",
    "0b1",
    "1979-05-27",
    "1979-05-27T07:32:00Z",
    "true",
    "false",
    "\u{1b}[2J",
    "\u{1b}]8;;http://x\u{7}",
    "\u{202e}",
    "\u{feff}",
    "é",
    "한",
    "=HYPERLINK(\"x\")",
    "<script>",
    "[answers]",
    "[firm]",
    "[guideline]",
    "[factors]",
    "[[indicator]]",
    "[[question]]",
    "[[metric]]",
    "[[area]]",
    "[[grade]]",
    "[[level]]",
    "value = ",
    "not_applicable = \"x\"",
    "evidence = []",
    "note = \"\"",
    "weight = ",
    "points = ",
    "min = ",
    "max = ",
    "id = \"\"",
    "kind = \"series\"",
    " and ",
    " or ",
    " / ",
    " * ",
    "(",
    ")",
    "trend(",
    "latest(",
    "average(",
    "default(",
    "answered(",
    "if(",
];

/// Numbers to put where a number was.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "0.5",
    "1e308",
    "-1e308",
    "1e-308",
    "5e-324",
    "nan",
    "inf",
    "-inf",
    "9223372036854775807",
    "-9223372036854775808",
    "2147483648",
    "100",
    "1e15",
    "3.14159",
];

/// One change to a file's text.
#[derive(Debug, Clone)]
enum Mutation {
    /// Flip bits of the byte at a position.
    Flip(u32, u8),
    /// Insert a token (or, when the flag is set, a few raw bytes) at a position.
    Insert(u32, u32, Option<Vec<u8>>),
    /// Delete a run of bytes.
    Delete(u32, u8),
    /// Duplicate, delete, or swap whole lines.
    DuplicateLine(u32),
    DeleteLine(u32),
    SwapLines(u32, u32),
    /// Put a line of another corpus file in place of one of this file's lines.
    Splice(u32, u32),
    /// Replace the nth number in the text with an edge-case number.
    Number(u32, u32),
    /// Replace the nth quoted string's contents with a token.
    Text(u32, u32),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => (any::<u32>(), 1..=255u8).prop_map(|(i, x)| Mutation::Flip(i, x)),
        3 => (any::<u32>(), any::<u32>(), prop::option::weighted(0.2, prop::collection::vec(any::<u8>(), 1..4)))
            .prop_map(|(i, t, raw)| Mutation::Insert(i, t, raw)),
        2 => (any::<u32>(), 1..64u8).prop_map(|(i, n)| Mutation::Delete(i, n)),
        1 => any::<u32>().prop_map(Mutation::DuplicateLine),
        2 => any::<u32>().prop_map(Mutation::DeleteLine),
        1 => (any::<u32>(), any::<u32>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        2 => (any::<u32>(), any::<u32>()).prop_map(|(a, b)| Mutation::Splice(a, b)),
        4 => (any::<u32>(), any::<u32>()).prop_map(|(a, b)| Mutation::Number(a, b)),
        3 => (any::<u32>(), any::<u32>()).prop_map(|(a, b)| Mutation::Text(a, b)),
    ]
}

/// Mostly one or two changes, so that many mutated files stay valid and reach scoring.
fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop_oneof![
        3 => prop::collection::vec(mutation(), 1..2),
        2 => prop::collection::vec(mutation(), 2..4),
        1 => prop::collection::vec(mutation(), 4..8),
    ]
}

/// Lines of every corpus file, for splicing one file's structure into another.
fn all_lines() -> &'static Vec<&'static str> {
    static LINES: OnceLock<Vec<&'static str>> = OnceLock::new();
    LINES.get_or_init(|| {
        let c = corpus();
        c.answers
            .iter()
            .map(|a| a.text.as_str())
            .chain(
                c.packages
                    .iter()
                    .flat_map(|p| p.files.iter().map(|f| f.1.as_str())),
            )
            .flat_map(str::lines)
            .collect()
    })
}

fn lines_of(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

/// Byte ranges of numbers (digits, with sign, dot and exponent) in the text.
fn numbers(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let start = if i > 0 && bytes[i - 1] == b'-' {
                i - 1
            } else {
                i
            };
            let mut j = i;
            while j < bytes.len() && (bytes[j].is_ascii_digit() || b"._eE+-".contains(&bytes[j])) {
                j += 1;
            }
            out.push(start..j);
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Byte ranges of the contents of double-quoted strings on one line.
fn strings(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (b, open) {
            (b'"', None) => open = Some(i + 1),
            (b'"', Some(s)) if i == 0 || bytes[i - 1] != b'\\' => {
                out.push(s..i);
                open = None;
            }
            (b'\n', Some(_)) => open = None,
            _ => {}
        }
    }
    out
}

/// A position or choice among `len` (which is not 0).
fn pick(p: u32, len: usize) -> usize {
    p as usize % len
}

fn apply(text: &str, ms: &[Mutation]) -> Vec<u8> {
    let mut b = text.as_bytes().to_vec();
    for m in ms {
        match m {
            Mutation::Flip(i, x) => {
                if !b.is_empty() {
                    let at = pick(*i, b.len());
                    b[at] ^= x;
                }
            }
            Mutation::Insert(i, t, raw) => {
                let at = pick(*i, b.len() + 1);
                let what = raw
                    .clone()
                    .unwrap_or_else(|| TOKENS[pick(*t, TOKENS.len())].as_bytes().to_vec());
                b.splice(at..at, what);
            }
            Mutation::Delete(i, n) => {
                if !b.is_empty() {
                    let at = pick(*i, b.len());
                    let end = (at + usize::from(*n)).min(b.len());
                    b.drain(at..end);
                }
            }
            Mutation::DuplicateLine(i) | Mutation::DeleteLine(i) => {
                let mut lines = lines_of(&b);
                if !lines.is_empty() {
                    let at = pick(*i, lines.len());
                    if matches!(m, Mutation::DuplicateLine(_)) {
                        lines.insert(at, lines[at].clone());
                    } else {
                        lines.remove(at);
                    }
                    b = lines.concat();
                }
            }
            Mutation::SwapLines(x, y) => {
                let mut lines = lines_of(&b);
                if !lines.is_empty() {
                    let (x, y) = (pick(*x, lines.len()), pick(*y, lines.len()));
                    lines.swap(x, y);
                    b = lines.concat();
                }
            }
            Mutation::Splice(at, line) => {
                let mut lines = lines_of(&b);
                let other = all_lines()[pick(*line, all_lines().len())];
                let at = pick(*at, lines.len() + 1);
                lines.insert(at, format!("{other}\n").into_bytes());
                b = lines.concat();
            }
            Mutation::Number(n, with) => {
                let found = numbers(&b);
                if !found.is_empty() {
                    let r = found[pick(*n, found.len())].clone();
                    b.splice(r, NUMBERS[pick(*with, NUMBERS.len())].bytes());
                }
            }
            Mutation::Text(n, with) => {
                let found = strings(&b);
                if !found.is_empty() {
                    let r = found[pick(*n, found.len())].clone();
                    b.splice(r, TOKENS[pick(*with, TOKENS.len())].bytes());
                }
            }
        }
    }
    b
}

// ---------------------------------------------------------------------------------------------
// What every case must satisfy

/// Runs `check` on its own thread and fails if it panics or does not finish in time. On failure
/// the input is written to `target/fuzz-failures/` so that it can be kept as a fixture.
fn bounded(
    target: &str,
    input: &[u8],
    check: impl FnOnce() -> Result<(), String> + Send + 'static,
) {
    let (tx, rx) = mpsc::channel();
    let handle = std::thread::Builder::new()
        .name(format!("fuzz-{target}"))
        .spawn(move || {
            let _ = tx.send(check());
        })
        .unwrap();
    let verdict = match rx.recv_timeout(WATCHDOG) {
        Ok(Ok(())) => {
            let _ = handle.join();
            return;
        }
        Ok(Err(msg)) => msg,
        Err(mpsc::RecvTimeoutError::Disconnected) => "it panicked (see the message above)".into(),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            format!(
                "it did not finish within {} s: it hangs",
                WATCHDOG.as_secs()
            )
        }
    };
    // While proptest shrinks a failure, each smaller failing input replaces the one before, so
    // what is left is the minimal one.
    static SAVED: std::sync::Mutex<Vec<(String, PathBuf)>> = std::sync::Mutex::new(Vec::new());
    let dir = root().join("target/fuzz-failures");
    let name = format!("{target}--{:016x}.toml", fnv(input));
    let path = dir.join(&name);
    let _ = std::fs::create_dir_all(path.parent().unwrap_or(&dir));
    let _ = std::fs::write(&path, input);
    if let Ok(mut saved) = SAVED.lock() {
        if let Some(at) = saved.iter().position(|(t, _)| t == target) {
            let (_, before) = saved.remove(at);
            if before != path {
                let _ = std::fs::remove_file(before);
            }
        }
        saved.push((target.to_owned(), path));
    }
    panic!("{target}: {verdict}\nthe input is saved as target/fuzz-failures/{name}");
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Each diagnostic points into its file: a line and column inside the text, or the whole file.
fn positions_are_inside(diags: &[Diagnostic], sources: &[Source]) -> Result<(), String> {
    if diags.is_empty() {
        return Err("an invalid file gave no diagnostic".into());
    }
    for d in diags {
        if d.message.en.trim().is_empty() || d.message.ko.trim().is_empty() {
            return Err(format!("a diagnostic without a message: {d:?}"));
        }
        let Some(src) = sources.iter().find(|s| s.name == d.file) else {
            return Err(format!(
                "a diagnostic names a file that was not read: {}",
                d.file
            ));
        };
        if d.line == 0 {
            if d.column != 0 {
                return Err(format!("column without a line: {d:?}"));
            }
            continue;
        }
        let lines: Vec<&str> = src.text.split('\n').collect();
        let Some(line) = lines.get(d.line - 1) else {
            return Err(format!(
                "line {} is past the end of {} ({} lines): {}",
                d.line,
                d.file,
                lines.len(),
                d.message.en
            ));
        };
        let width = line.chars().count() + 1;
        if d.column == 0 || d.column > width {
            return Err(format!(
                "column {} is outside line {} of {} ({} characters): {}",
                d.column,
                d.line,
                d.file,
                width - 1,
                d.message.en
            ));
        }
    }
    Ok(())
}

/// An error is either a read error about the file or diagnostics inside it.
fn error_is_positioned(e: &Error, sources: &[Source]) -> Result<(), String> {
    match e {
        Error::Invalid(diags) => positions_are_inside(diags, sources),
        Error::Read { path, reason } if !reason.en.is_empty() && !reason.ko.is_empty() => {
            if sources.iter().any(|s| &s.name == path) {
                Ok(())
            } else {
                Err(format!("a read error names another file: {path}"))
            }
        }
        other => Err(format!("an error that names no position: {other}")),
    }
}

/// Every number a scorecard holds is finite.
fn finite(card: &Scorecard) -> Result<(), String> {
    let mut bad = Vec::new();
    let mut check = |what: String, n: Option<f64>| {
        if n.is_some_and(|n| !n.is_finite()) {
            bad.push(format!("{what} = {n:?}"));
        }
    };
    check("total".into(), card.total);
    check("grade.min".into(), card.grade.as_ref().map(|g| g.min));
    check("completeness".into(), card.completeness.ratio);
    for a in &card.areas {
        check(format!("area {} score", a.id), a.score);
        check(format!("area {} weight", a.id), Some(a.weight));
    }
    for i in &card.indicators {
        check(format!("{} points", i.id), i.points);
        check(format!("{} max_points", i.id), Some(i.max_points));
        check(format!("{} score", i.id), i.score);
        check(format!("{} gain", i.id), Some(i.gain));
        check(format!("{} weight", i.id), Some(i.weight));
    }
    for g in &card.gaps {
        check(format!("gap {} gain", g.indicator), Some(g.gain));
    }
    for m in &card.metrics {
        check(format!("metric {}", m.id), m.value);
    }
    if let Some(inv) = &card.ghg {
        for s in &inv.sources {
            for (what, n) in [
                ("activity", Some(s.activity)),
                ("factor", Some(s.factor)),
                ("tco2e", Some(s.tco2e)),
                ("market_tco2e", Some(s.market_tco2e)),
                ("energy_mwh", s.energy_mwh),
                ("renewable_mwh", s.renewable_mwh),
            ] {
                check(format!("source {} {what}", s.id), n);
            }
        }
        for (what, n) in [
            ("scope1", inv.scope1),
            ("scope2_location", inv.scope2_location),
            ("scope2_market", inv.scope2_market),
            ("total_location", inv.total_location),
            ("total_market", inv.total_market),
            ("energy_mwh", inv.energy_mwh),
            ("renewable_mwh", inv.renewable_mwh),
            ("renewable_share", inv.renewable_share),
            ("intensity", inv.intensity.as_ref().and_then(|m| m.value)),
        ] {
            check(format!("inventory {what}"), n);
        }
    }
    if let Some(t) = card.total {
        if !(0.0..=100.0).contains(&t) {
            bad.push(format!("total {t} is outside 0 to 100"));
        }
    }
    if bad.is_empty() {
        Ok(())
    } else {
        Err(format!("numbers that are not finite: {}", bad.join(", ")))
    }
}

/// Scores valid answers both ways and renders every format: nothing may panic, every number is
/// finite, and the portfolio's summary agrees with the full scorecard.
fn score_everything(g: &Guideline, answers: &esg::answers::Answers) -> Result<(), String> {
    for unanswered in [Unanswered::Zero, Unanswered::Exclude] {
        let options = Options { unanswered };
        let card = esg::score::score(g, answers, options);
        finite(&card)?;
        let summary = esg::score::summarize(g, answers, options);
        if summary.total.map(f64::to_bits) != card.total.map(f64::to_bits) {
            return Err(format!(
                "the summary's total {:?} differs from the scorecard's {:?}",
                summary.total, card.total
            ));
        }
        for format in [Format::Table, Format::Json, Format::Markdown, Format::Csv] {
            let mut out = Vec::new();
            esg::report::render(format, &card, Lang::Ko, &Style::default(), &mut out)
                .map_err(|e| format!("rendering {format:?} failed: {e}"))?;
            let text = std::str::from_utf8(&out).map_err(|_| format!("{format:?} is not UTF-8"))?;
            if format == Format::Json {
                crate::common::scorecard_json(text);
            }
        }
    }
    Ok(())
}

fn check_answers(source: Source, g: &'static Guideline) -> Result<(), String> {
    match esg::answers::parse(&source, g) {
        Ok(a) => score_everything(g, &a),
        Err(e) => error_is_positioned(&e, std::slice::from_ref(&source)),
    }
}

/// Reads raw bytes as a file is read (size, binary, UTF-8), then as answers.
fn check_answer_bytes(name: &str, bytes: &[u8], g: &'static Guideline) -> Result<(), String> {
    match esg::input::read_stream(name, bytes) {
        Ok(source) => check_answers(source, g),
        Err(Error::Read { path, .. }) if path == name => Ok(()),
        Err(e) => Err(format!("reading gave an unexpected error: {e}")),
    }
}

fn check_package(files: Vec<Source>, answers: Option<Source>) -> Result<(), String> {
    match esg::guideline::load_sources(files.clone(), "fuzz") {
        Ok((g, warnings)) => {
            if !warnings.is_empty() {
                positions_are_inside(&warnings, &files)?;
            }
            if let Some(a) = answers {
                match esg::answers::parse(&a, &g) {
                    Ok(parsed) => score_everything(&g, &parsed)?,
                    Err(e) => error_is_positioned(&e, std::slice::from_ref(&a))?,
                }
            }
            let report = esg::lint::lint_package(files.clone(), &[], "fuzz");
            positions_are_inside(&report.diagnostics, &files).or_else(|e| {
                if report.diagnostics.is_empty() {
                    Ok(())
                } else {
                    Err(e)
                }
            })
        }
        Err(e) => error_is_positioned(&e, &files),
    }
}

fn check_expression(src: String) -> Result<(), String> {
    match esg::expr::parse::parse(&src) {
        Ok(_) => Ok(()),
        Err(e) => {
            let span = &e.span;
            if span.start > span.end || span.end > src.len() {
                return Err(format!(
                    "span {span:?} is outside the expression ({} bytes)",
                    src.len()
                ));
            }
            if !src.is_char_boundary(span.start) || !src.is_char_boundary(span.end) {
                return Err(format!("span {span:?} cuts a character"));
            }
            Ok(())
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The targets

fn guideline_of(package: usize) -> &'static Guideline {
    &corpus().packages[package].guideline
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(1500), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn answers_files_mutated(valid in prop::bool::weighted(0.8), file in any::<Index>(), ms in mutations()) {
        // Mostly valid files, whose mutations reach the scoring; sometimes the invalid fixtures.
        let c = corpus();
        let pool: Vec<&AnswersFile> = c.answers.iter().filter(|a| !valid || a.valid).collect();
        let a = file.get(&pool);
        let bytes = apply(&a.text, &ms);
        let g = guideline_of(a.package);
        let name = a.name.clone();
        let input = bytes.clone();
        let target = format!("answers/{}", c.packages[a.package].id);
        bounded(&target, &bytes, move || check_answer_bytes(&name, &input, g));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(500), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_as_answers(bytes in prop::collection::vec(any::<u8>(), 0..512), package in 0..2usize) {
        let g = guideline_of(package);
        let input = bytes.clone();
        let target = format!("answers/{}", corpus().packages[package].id);
        bounded(&target, &bytes, move || check_answer_bytes("bytes.toml", &input, g));
    }

    #[test]
    fn guideline_files_mutated(package in prop_oneof![3 => Just(0usize), 1 => Just(1usize)], file in any::<Index>(), ms in mutations(), answers in any::<Index>()) {
        // The mini package is quick to check; the built-in one is checked one case in four.
        let c = corpus();
        let p = &c.packages[package];
        let target = file.index(p.files.len());
        let bytes = apply(&p.files[target].1, &ms);
        let Ok(text) = String::from_utf8(bytes.clone()) else {
            return Ok(());
        };
        let files: Vec<Source> = p
            .files
            .iter()
            .enumerate()
            .map(|(i, (name, t))| {
                let name = format!("{}/{name}", p.id);
                if i == target { Source::new(name, text.clone()) } else { Source::new(name, t.as_str()) }
            })
            .collect();
        let candidates: Vec<&AnswersFile> = c.answers.iter().filter(|a| a.package == package && a.valid).collect();
        let a = answers.get(&candidates);
        let answers = Source::new(a.name.clone(), a.text.as_str());
        let target = format!("guideline/{}--{}", p.id, p.files[target].0);
        bounded(&target, &bytes, move || check_package(files, Some(answers)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(2000), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn expressions_mutated(e in any::<Index>(), ms in mutations()) {
        let src = e.get(&corpus().expressions);
        let bytes = apply(src, &ms);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        bounded("expression", &bytes, move || check_expression(text));
    }
}

// ---------------------------------------------------------------------------------------------
// Inputs that once failed, replayed on every run

/// `tests/fixtures/fuzz/answers/<package>--<anything>.toml`: answers against `mini` or `k-esg-sme`;
/// `tests/fixtures/fuzz/guideline/<package>--<file>--<anything>.toml`: one file of a package
/// replaced; `tests/fixtures/fuzz/expressions.txt`: one expression per line.
#[test]
fn kept_failures_stay_fixed() {
    let c = corpus();
    let package = |id: &str| {
        c.packages
            .iter()
            .position(|p| p.id == id)
            .expect("known package")
    };
    let dir = root().join("tests/fixtures/fuzz");
    for path in toml_files(&dir.join("answers")) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (id, _) = name.split_once("--").expect("<package>--<name>.toml");
        let bytes = std::fs::read(&path).unwrap();
        let g = guideline_of(package(id));
        let input = bytes.clone();
        bounded("answers", &bytes, move || {
            check_answer_bytes(&name, &input, g)
        });
    }
    for path in toml_files(&dir.join("guideline")) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut parts = name.splitn(3, "--");
        let (id, file) = (
            parts.next().unwrap(),
            parts.next().expect("<package>--<file>--<n>.toml"),
        );
        let p = &c.packages[package(id)];
        let text = std::fs::read_to_string(&path).unwrap();
        let files: Vec<Source> = p
            .files
            .iter()
            .map(|(n, t)| {
                Source::new(
                    format!("{}/{n}", p.id),
                    if n == file { text.clone() } else { t.clone() },
                )
            })
            .collect();
        assert!(
            p.files.iter().any(|(n, _)| n == file),
            "{name}: {file} is a file of {id}"
        );
        bounded("guideline", text.as_bytes(), move || {
            check_package(files, None)
        });
    }
    if let Ok(list) = std::fs::read_to_string(dir.join("expressions.txt")) {
        for line in list.lines().filter(|l| !l.is_empty()) {
            let src = line.to_owned();
            bounded("expression", line.as_bytes(), move || check_expression(src));
        }
    }
}

#[test]
fn mutations_change_files_in_the_ways_intended() {
    let text = "a = 12\nb = \"xy\"\nc = -3.5e2\n";
    assert_eq!(numbers(text.as_bytes()), vec![4..6, 20..26]);
    assert_eq!(strings(text.as_bytes()), vec![12..14]);
    let replaced = apply(text, &[Mutation::Number(0, 5)]);
    assert_eq!(
        String::from_utf8(replaced).unwrap(),
        "a = 1e308\nb = \"xy\"\nc = -3.5e2\n"
    );
    let deleted = apply(text, &[Mutation::DeleteLine(0)]);
    assert_eq!(
        String::from_utf8(deleted).unwrap(),
        "b = \"xy\"\nc = -3.5e2\n"
    );
}
