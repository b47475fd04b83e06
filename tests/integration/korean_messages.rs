//! Every message in Korean and English.
//!
//! In-process, every fixture (`tests/fixtures/lint`, `tests/fixtures/bad`, `tests/fixtures/fuzz`)
//! is read, validated and linted, and each diagnostic's message and hint must exist in both
//! languages, differ between them, and the Korean must be Korean; every rule code must be among
//! them, so that no code lacks a message that can be checked. The library's errors are checked the
//! same way, and every message written in the source (`msg!`, `tr!`) of the modules that find
//! problems must have Korean with no bare English word, whether a fixture shows it or not.
//!
//! On the command line, the bad inputs run under `--lang ko` (`esg score`, `esg lint` in every
//! format, the errors of reading files and naming guidelines and codes) and what is printed must
//! hold no English word: ids, keys and TOML written between backticks, quoted values, file names,
//! rule codes, source excerpts and a few units and abbreviations aside.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use esg::code::Code;
use esg::error::{Error, Unfit};
use esg::lint::{self, Kind, Options, Report};
use esg::source::{Diagnostic, Message, Source};
use esg::text::Lang;

use crate::common::{MINI, WORKED, esg, root};

const LINT: &str = "tests/fixtures/lint";
const BAD: &str = "tests/fixtures/bad";

/// The directories under `dir`, sorted.
fn dirs(dir: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

/// The `*.toml` files directly in `dir`, sorted.
fn files(dir: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    out.sort();
    out
}

fn read(path: &Path) -> Source {
    esg::input::read_file(path).unwrap()
}

/// Every diagnostic the fixtures give, in-process.
fn every_fixture_diagnostic() -> Vec<Diagnostic> {
    let base = esg::guideline::load_dir(&root().join(LINT).join("base")).unwrap();
    let mini = esg::guideline::load_dir(&root().join(MINI)).unwrap();
    let mut out = Vec::new();
    let mut add = |r: Report| out.extend(r.diagnostics);
    for dir in dirs(LINT) {
        if dir.join("guideline.toml").is_file() {
            add(lint::lint_dir(&dir).unwrap());
        } else if dir.join("answers.toml").is_file() {
            let source = read(&dir.join("answers.toml"));
            add(Report {
                files: vec![source.name.clone()],
                diagnostics: lint::lint_answers(&source, &base),
            });
        } else {
            let options = Options {
                kind: Kind::Detect,
                guideline: None,
            };
            for f in std::fs::read_dir(&dir).unwrap() {
                add(lint::lint_paths(&[f.unwrap().path()], None, options).unwrap());
            }
        }
    }
    for dir in dirs(BAD) {
        add(lint::lint_dir(&dir).unwrap());
    }
    for file in files(BAD) {
        let source = read(&file);
        add(Report {
            files: vec![source.name.clone()],
            diagnostics: lint::lint_answers(&source, &mini),
        });
    }
    // A kept fuzzing failure: one file of a package replaced.
    for file in files("tests/fixtures/fuzz/guideline") {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let mut parts = name.splitn(3, "--");
        let (package, replaced) = (parts.next().unwrap(), parts.next().unwrap());
        let dir = root().join("tests/fixtures/guidelines").join(package);
        let sources: Vec<Source> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                if p.file_name().is_some_and(|n| n == replaced) {
                    Source::new(p.display().to_string(), read(&file).text)
                } else {
                    read(&p)
                }
            })
            .collect();
        add(lint::lint_package(sources, &[], "fuzz"));
    }
    out
}

/// Whether `s` holds Korean letters.
fn has_hangul(s: &str) -> bool {
    s.chars().any(|c| ('가'..='힣').contains(&c))
}

/// A message's problem, if it has one: a language missing, the same words in both, or Korean
/// without Korean letters.
fn untranslated(m: &Message) -> Option<&'static str> {
    if m.ko.trim().is_empty() || m.en.trim().is_empty() {
        Some("empty in one language")
    } else if m.ko == m.en {
        Some("the same in Korean and English")
    } else if !has_hangul(&m.ko) {
        Some("Korean without Korean letters")
    } else {
        None
    }
}

#[test]
fn every_diagnostic_of_every_fixture_is_said_in_both_languages() {
    let diags = every_fixture_diagnostic();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for d in &diags {
        seen.insert(d.code);
        if let Some(why) = untranslated(&d.message) {
            problems.push(format!(
                "{}[{}] message {why}: {:?}",
                d.file, d.code, d.message
            ));
        }
        if let Some(help) = &d.help {
            if let Some(why) = untranslated(help) {
                problems.push(format!("{}[{}] help {why}: {help:?}", d.file, d.code));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !seen.contains(c))
        .map(|c| c.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "no fixture shows a message of: {missing:?}"
    );
}

#[test]
fn every_rule_explains_itself_in_both_languages() {
    for rule in esg::lint::rules::RULES {
        let code = rule.code;
        for (what, ko, en) in [
            ("summary", rule.summary.ko, rule.summary.en),
            ("explanation", rule.explanation.ko, rule.explanation.en),
        ] {
            let m = Message::new(ko, en);
            assert_eq!(untranslated(&m), None, "{code}: {what}");
        }
        // An example's comments are words for people: in Korean when there are any.
        let commented = |s: &str| s.lines().any(|l| l.contains("# "));
        if commented(rule.example.en) {
            assert_eq!(
                untranslated(&Message::new(rule.example.ko, rule.example.en)),
                None,
                "{code}: example"
            );
        }
    }
}

#[test]
fn every_error_is_said_in_both_languages() {
    let io = |kind| std::io::Error::from(kind);
    let mut errors = vec![
        Error::read("a.toml", &io(std::io::ErrorKind::NotFound)),
        Error::read("a.toml", &io(std::io::ErrorKind::PermissionDenied)),
        Error::read("a.toml", &std::io::Error::from_raw_os_error(5)),
        Error::write("out.md", &io(std::io::ErrorKind::StorageFull)),
        Error::UnknownGuideline {
            name: "nope".into(),
            known: vec!["k-esg-sme".into()],
        },
        Error::UnknownCode {
            code: "E-9-9".into(),
            guideline: "k-esg-sme".into(),
            suggestion: Some("E-1-1".into()),
        },
        Error::UnknownCode {
            code: "E-9-9".into(),
            guideline: "k-esg-sme".into(),
            suggestion: None,
        },
    ];
    for what in [
        Unfit::Directory,
        Unfit::Device,
        Unfit::Fifo,
        Unfit::Socket,
        Unfit::Special,
        Unfit::Dangling { to: "x".into() },
        Unfit::SharedLink { to: "x".into() },
        Unfit::Link {
            to: "x".into(),
            what: Box::new(Unfit::Fifo),
        },
    ] {
        errors.push(Error::NotAFile {
            path: "out.md".into(),
            what,
        });
    }
    for e in &errors {
        let m = Message::new(e.message(Lang::Ko), e.message(Lang::En));
        assert_eq!(untranslated(&m), None, "{e:?}: {m:?}");
        if let Error::NotAFile { what, .. } = e {
            if let (Some(ko), Some(en)) = (what.help(Lang::Ko), what.help(Lang::En)) {
                assert_eq!(untranslated(&Message::new(ko, en)), None, "{what:?}");
            }
        }
    }
}

/// The source files whose messages this suite owns: reading answers, validating guidelines, the
/// expression language, lint, reading and writing files, errors, and the command layer's errors.
const MESSAGE_SOURCES: &[&str] = &[
    "src/answers.rs",
    "src/source.rs",
    "src/source",
    "src/guideline",
    "src/expr/parse.rs",
    "src/expr/check.rs",
    "src/lint",
    "src/input.rs",
    "src/output.rs",
    "src/walk.rs",
    "src/error.rs",
    "src/cli/mod.rs",
    "src/cli/explain.rs",
    "src/cli/init.rs",
    "src/cli/lint.rs",
    "src/cli/portfolio.rs",
    "src/cli/score.rs",
];

/// The `*.rs` files of `MESSAGE_SOURCES`.
fn message_sources() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in MESSAGE_SOURCES {
        let path = root().join(p);
        if path.is_dir() {
            let mut stack = vec![path];
            while let Some(dir) = stack.pop() {
                for e in std::fs::read_dir(dir).unwrap() {
                    let p = e.unwrap().path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if p.extension().is_some_and(|e| e == "rs") {
                        out.push(p);
                    }
                }
            }
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The string literal starting at byte `i` of `s` (at its `"`), as written, and the byte after it.
fn literal(s: &str, i: usize) -> (String, usize) {
    let b = s.as_bytes();
    let mut j = i + 1;
    while b[j] != b'"' {
        j += if b[j] == b'\\' { 2 } else { 1 };
    }
    (s[i + 1..j].to_owned(), j + 1)
}

/// The Korean and English literals of every `msg!` and `tr!` in `text` (comments left out).
fn korean_and_english(text: &str) -> Vec<(String, String)> {
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    let mut calls: Vec<(usize, &str)> = code
        .match_indices("msg!(")
        .chain(code.match_indices("tr!("))
        .collect();
    calls.sort_unstable();
    for (at, m) in calls {
        let mut i = at + m.len();
        // `msg!(lang => "…"` and `tr!(lang, "…"`: skip to the first literal on the same call.
        let rest = &code[i..];
        let Some(quote) = rest.find('"') else {
            continue;
        };
        let head = &rest[..quote];
        if head.contains(';') || head.contains('{') || head.contains('$') {
            continue;
        }
        i += quote;
        let (ko, after) = literal(&code, i);
        let rest = &code[after..];
        let Some(quote) = rest.find('"') else {
            continue;
        };
        if rest[..quote].trim() != "," {
            continue;
        }
        let (en, _) = literal(&code, after + quote);
        out.push((ko, en));
    }
    out
}

#[test]
fn every_message_written_in_the_source_has_its_korean() {
    let mut problems = Vec::new();
    let mut count = 0;
    for file in message_sources() {
        let text = std::fs::read_to_string(&file).unwrap();
        for (ko, en) in korean_and_english(&text) {
            count += 1;
            let name = path(&file);
            // Numbers and names only (`{lo}~{hi}`): nothing to translate.
            let words = |s: &str| english(&s.replace("\\n", "\n")).len();
            if ko == en && words(&prose_of_format(&en)) > 0 {
                problems.push(format!("{name}: the same in both languages: {en}"));
            }
            let shown = prose_of_format(&ko).replace("\\n", "\n");
            for w in english(&shown) {
                problems.push(format!("{name}: {w}"));
            }
        }
    }
    assert!(
        count > 300,
        "only {count} messages found: is the scan broken?"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A format string without its `{…}` placeholders, and with `\"` as `"`.
fn prose_of_format(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.replace("\\\"", "\"")
}

// ---------------------------------------------------------------------------------------------
// What is printed under `--lang ko`

/// ASCII words a Korean message may hold: units, names of formats and standards, and the
/// placeholder `DIR` of a command to type.
const ALLOWED: &[&str] = &[
    "TOML", "UTF", "MiB", "ISO", "FIFO", "CR", "id", "DIR", "MWh", "kWh", "tCO2e", "SARIF", "JSON",
    "CSV", "ESG", "GJ", "Gcal",
];

/// Whether a line of output is a source excerpt or a location: `9 | text`, `  |  ^^^`,
/// `--> file:9:1`.
fn is_excerpt(line: &str) -> bool {
    let t = line.trim_start();
    let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
    t.starts_with("-->") || digits.trim_start().starts_with('|')
}

/// Whether a line is TOML the user may copy (`[guideline]`, `id = "mini"`).
fn is_toml(line: &str) -> bool {
    let t = line.trim();
    let key = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    (t.starts_with('[') && t.ends_with(']') && key(&t[1..t.len() - 1]))
        || t.split_once(" = ").is_some_and(|(k, _)| key(k))
}

/// `s` without what may be English in Korean text: text between backticks or double quotes,
/// file names and paths, rule codes between brackets.
fn prose(s: &str) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '`' || c == '"' => quote = Some(c),
            None => out.push(c),
        }
    }
    out.split_whitespace()
        .filter(|w| !w.contains('/') && !w.contains(".toml") && !w.contains("<stdin>"))
        .map(|w| {
            // `오류[unknown-key]:` keeps its word, not its code.
            match (w.find('['), w.rfind(']')) {
                (Some(a), Some(b)) if a < b => format!("{}{}", &w[..a], &w[b + 1..]),
                _ => w.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The English words in Korean output, with their lines.
fn english(output: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in output.lines() {
        if is_excerpt(line) || is_toml(line) {
            continue;
        }
        let text = prose(line);
        let words = text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 2)
            .filter(|w| !ALLOWED.contains(w));
        for w in words {
            found.push(format!("`{w}` in: {line}"));
        }
    }
    found
}

/// Runs `esg --lang ko ARGS`; returns what it says about problems: standard error, and for
/// `esg lint` (whose report is its findings) standard output too. A report of `esg score` is
/// another part's concern.
fn korean(args: &[&str]) -> String {
    let out = esg().arg("--lang").arg("ko").args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?}:\n{stderr}");
    if args[0] == "lint" {
        format!("{}{stderr}", String::from_utf8_lossy(&out.stdout))
    } else {
        stderr
    }
}

fn path(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

/// Every bad input, as the arguments that read it.
fn bad_runs() -> Vec<Vec<String>> {
    let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<String>>();
    let base = format!("{LINT}/base");
    let mut runs = Vec::new();
    for file in files(BAD) {
        runs.push(s(&["score", &path(&file), "--guideline", MINI]));
        runs.push(s(&["lint", "--guideline", MINI, &path(&file)]));
    }
    for dir in dirs(BAD) {
        runs.push(s(&["score", WORKED, "--guideline", &path(&dir)]));
        runs.push(s(&["lint", &path(&dir)]));
    }
    for dir in dirs(LINT) {
        if dir.ends_with("base") {
            continue;
        }
        if dir.join("answers.toml").is_file() {
            let answers = path(&dir.join("answers.toml"));
            runs.push(s(&["lint", "--guideline", &base, &answers]));
            runs.push(s(&["score", &answers, "--guideline", &base]));
        } else {
            runs.push(s(&["lint", &path(&dir)]));
        }
    }
    runs
}

#[test]
fn bad_inputs_print_no_english_under_lang_ko() {
    let mut found = Vec::new();
    for run in bad_runs() {
        let args: Vec<&str> = run.iter().map(String::as_str).collect();
        for w in english(&korean(&args)) {
            found.push(format!("esg --lang ko {}: {w}", run.join(" ")));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn errors_of_reading_and_naming_print_no_english_under_lang_ko() {
    let runs: [&[&str]; 8] = [
        &["score", "tests/fixtures/no-such-file.toml"],
        &[
            "score",
            "tests/fixtures/answers",
            "--guideline",
            "no-such-guideline",
        ],
        &["score", WORKED, "--guideline", "no-such-guideline"],
        &["explain", "E-9-9"],
        &["explain", "E-9-9", "--guideline", MINI],
        &["lint", "tests/fixtures/no-such-file.toml"],
        &[
            "lint",
            "--as",
            "answers",
            "tests/fixtures/guidelines/mini/guideline.toml",
        ],
        &["score", WORKED, "--guideline", MINI, "-o", "tests/fixtures"],
    ];
    let mut found = Vec::new();
    for args in runs {
        let out = korean(args);
        assert!(has_hangul(&out), "{args:?}:\n{out}");
        for w in english(&out) {
            found.push(format!("esg --lang ko {}: {w}", args.join(" ")));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_lint_format_speaks_korean_under_lang_ko() {
    let dir = format!("{LINT}/unknown-option");
    let run = |format: &str| {
        korean(&[
            "lint",
            "--format",
            format,
            "--guideline",
            &format!("{LINT}/base"),
            &format!("{dir}/answers.toml"),
        ])
    };
    // GitHub: the text after the workflow command.
    let github = run("github");
    let messages: String = github
        .lines()
        .map(|l| l.rsplit_once("::").map_or(l, |(_, m)| m))
        .map(|m| m.replace("%0A", "\n"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(has_hangul(&messages), "{github}");
    assert_eq!(english(&messages), Vec::<String>::new(), "{github}");
    // JSON: `message` and `help` in Korean, the code as it is.
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["lang"], "ko");
    let finding = &json["diagnostics"][0];
    assert_eq!(finding["code"], "unknown-option");
    for key in ["message", "help"] {
        let text = finding[key].as_str().unwrap();
        assert!(has_hangul(text), "{key}: {text}");
        assert_eq!(english(text), Vec::<String>::new(), "{key}: {text}");
    }
    // SARIF: the result's text and the rule's summary in Korean.
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let run0 = &sarif["runs"][0];
    assert_eq!(run0["language"], "ko-KR");
    let text = run0["results"][0]["message"]["text"].as_str().unwrap();
    assert!(has_hangul(text), "{text}");
    assert_eq!(english(text), Vec::<String>::new(), "{text}");
    let rule = &run0["tool"]["driver"]["rules"][0]["shortDescription"]["text"];
    assert!(has_hangul(rule.as_str().unwrap()), "{rule}");
}

#[test]
fn the_source_scan_reads_both_forms_of_a_message() {
    let text = r#"
        let a = msg!("`{id}` 질문이 없습니다", "no question `{id}`");
        // msg!("a comment", "is left out")
        let b = crate::tr!(lang, "오류 {}개", "{} errors", n);
        let c = msg!(lang => "{0}: \"값\" untranslated", "{0}: \"value\"", x);
    "#;
    let found = korean_and_english(text);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[0].0, "`{id}` 질문이 없습니다");
    assert_eq!(found[1].1, "{} errors");
    assert_eq!(english(&prose_of_format(&found[2].0)).len(), 1);
}

#[test]
fn the_checker_finds_english_and_passes_what_may_stay() {
    assert_eq!(
        english("오류[unknown-key]: a/b.toml:3:1: unknown key `x`").len(),
        2
    );
    assert!(english("오류[unknown-key]: a/b.toml:3:1: 모르는 키 `wieght`입니다").is_empty());
    assert!(english("  |\n9 | board_women = 1.5\n  |   ^^^").is_empty());
    assert!(english("          [guideline]\n          id = \"mini\"").is_empty());
    assert!(english("파일이 너무 큽니다(16 MiB 넘음)").is_empty());
    assert_eq!(english("도움말: did you mean `x`?").len(), 3);
}
