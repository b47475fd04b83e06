//! What the command line says about itself: `--help` of every command and clap's parse errors, in
//! Korean with `--lang ko` or a Korean locale (no English word but flags, values, ids, formats and
//! file names), in English otherwise; `esg help COMMAND` in both; completions still generated.

use crate::common::esg;
use assert_cmd::Command;
use unicode_width::UnicodeWidthStr;

/// Every command, as `esg --help` lists it (and `help`, which clap adds).
const COMMANDS: &[&str] = &[
    "assess",
    "init",
    "score",
    "diff",
    "fill",
    "serve",
    "explain",
    "guidelines",
    "lint",
    "schema",
    "completions",
];

/// Latin words that Korean help may contain: names of formats, shells, products and standards,
/// ids, environment variables, and values the user types. Flags (`--fail-under`, `-h`) and file
/// names (`answers.toml`, `*.toml`) are allowed by their shape.
const ALLOWED: &[&str] = &[
    // the program, its commands and built-in guideline
    "esg",
    "assess",
    "init",
    "score",
    "diff",
    "fill",
    "serve",
    "explain",
    "guidelines",
    "lint",
    "schema",
    "completions",
    "help",
    "k-esg-sme",
    "vsme-basic",
    "K-ESG",
    "ESG",
    // values typed on the command line
    "ko",
    "en",
    "de",
    "pt-BR",
    "auto",
    "always",
    "never",
    "table",
    "json",
    "markdown",
    "csv",
    "html",
    "zero",
    "exclude",
    "scores",
    "disclosures",
    "human",
    "sarif",
    "github",
    "guideline",
    "answers",
    "benchmark",
    "history",
    "scorecard",
    "portfolio-row",
    "bash",
    "zsh",
    "fish",
    "elvish",
    "powershell",
    "N",
    // ids and codes, as files and `esg explain` name them
    "id",
    "bands-gap",
    "E-3-1",
    "format_version",
    // formats, standards, products
    "JSON",
    "Lines",
    "CSV",
    "HTML",
    "A4",
    "SARIF",
    "UTF-8",
    "BOM",
    "GitHub",
    "Actions",
    "EFRAG",
    "VSME",
    "Excel",
    "XBRL",
    "LEI",
    "DUNS",
    "EU",
    "ID",
    "PermID",
    "ISO",
    "EUR",
    "KRW",
    "fr",
    "PowerShell",
    "Windows",
    "Bash",
    "Elvish",
    "Z",
    // environment variables
    "LC_ALL",
    "LC_MESSAGES",
    "LANG",
    "NO_COLOR",
];

/// The Latin words of `text` that are neither allowed nor shaped like a flag, a file name or a
/// version.
fn english_words(text: &str, also: &[&str]) -> Vec<String> {
    let word = |c: char| c.is_ascii_alphanumeric() || "-_.*/".contains(c);
    let mut found = Vec::new();
    for raw in text.split(|c: char| !word(c)) {
        let w = raw.trim_matches(|c: char| c == '.' || c == '/');
        if !w.chars().any(|c| c.is_ascii_alphabetic())
            || w.starts_with('-')
            || w.contains('.')
            || ALLOWED.contains(&w)
            || also.contains(&w)
        {
            continue;
        }
        found.push(w.to_owned());
    }
    found.sort();
    found.dedup();
    found
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Out {
    let out = cmd.output().expect("esg runs");
    Out {
        code: out.status.code().expect("esg exits with a code"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 on stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 on stderr"),
    }
}

/// `esg ARGS`, which must print help on standard output and exit 0.
fn help(args: &[&str]) -> String {
    let out = run(esg().args(args));
    assert_eq!(out.code, 0, "esg {args:?}: {}", out.stderr);
    assert_eq!(out.stderr, "", "esg {args:?}");
    assert!(!out.stdout.is_empty(), "esg {args:?} printed nothing");
    out.stdout
}

/// The help of the program and of every command, short and long, with `prefix` before.
fn every_help(prefix: &[&str]) -> Vec<(String, String)> {
    let mut all = Vec::new();
    // `esg help --help` is taken as asking for the help of a command named `--help`.
    for args in [&["help"][..], &["help", "help"]] {
        let args: Vec<&str> = prefix.iter().chain(args).copied().collect();
        all.push((args.join(" "), help(&args)));
    }
    for flag in ["-h", "--help"] {
        let args: Vec<&str> = prefix.iter().copied().chain([flag]).collect();
        all.push((args.join(" "), help(&args)));
        for c in COMMANDS {
            let args: Vec<&str> = prefix.iter().copied().chain([*c, flag]).collect();
            all.push((args.join(" "), help(&args)));
        }
    }
    all
}

#[test]
fn korean_help_has_no_english_words() {
    let mut faults = Vec::new();
    for (args, text) in every_help(&["--lang", "ko"]) {
        let english = english_words(&text, &[]);
        if !english.is_empty() {
            faults.push(format!("esg {args}: {english:?}"));
        }
        assert!(text.contains("사용법: esg"), "esg {args}:\n{text}");
    }
    assert!(
        faults.is_empty(),
        "English in Korean help:\n{}",
        faults.join("\n")
    );
}

#[test]
fn the_check_for_english_words_finds_them() {
    assert_eq!(
        english_words(
            "사용법: esg [OPTIONS] --top <N> [default: 5] answers.toml k-esg-sme",
            &[]
        ),
        ["OPTIONS", "default"]
    );
}

#[test]
fn a_korean_locale_gives_korean_help_and_lang_overrides_it() {
    let ko = run(esg().env("LANG", "ko_KR.UTF-8").args(["score", "--help"]));
    assert_eq!(ko.code, 0);
    assert_eq!(ko.stdout, help(&["--lang", "ko", "score", "--help"]));
    let en = run(esg()
        .env("LANG", "ko_KR.UTF-8")
        .args(["score", "--help", "--lang=en"]));
    assert_eq!(en.stdout, help(&["score", "--help"]));
    assert!(
        en.stdout.starts_with("Score an answers file"),
        "{}",
        en.stdout
    );
}

#[test]
fn english_help_has_no_korean_and_says_what_clap_says() {
    for (args, text) in every_help(&[]) {
        assert!(
            !text.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c)),
            "Korean in esg {args}:\n{text}"
        );
        assert!(text.contains("Usage: esg"), "esg {args}:\n{text}");
    }
    let score = help(&["score", "--help"]);
    for words in [
        "Usage: esg score [OPTIONS] [PATH]...",
        "Arguments:",
        "Options:",
        "Possible values:",
        "[default: table]",
        "--fail-under <N>",
        "Print help (see a summary with '-h')",
    ] {
        assert!(score.contains(words), "{words:?} in:\n{score}");
    }
    let short = help(&["score", "-h"]);
    let words = short.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(
            "Output format [default: table] [possible values: table, json, markdown, csv, html]"
        ),
        "{short}"
    );
    let top = help(&["-h"]);
    assert!(
        top.contains("Commands:") && top.contains("-V, --version"),
        "{top}"
    );
}

#[test]
fn korean_help_snapshots() {
    insta::assert_snapshot!("help_ko", help(&["--lang", "ko", "--help"]));
    insta::assert_snapshot!("help_ko_score", help(&["--lang", "ko", "score", "--help"]));
}

#[test]
fn help_command_in_both_languages() {
    for c in COMMANDS {
        assert_eq!(help(&["help", c]), help(&[c, "--help"]), "esg help {c}");
        assert_eq!(
            help(&["--lang", "ko", "help", c]),
            help(&["--lang", "ko", c, "--help"]),
            "esg --lang ko help {c}"
        );
    }
    assert_eq!(help(&["help"]), help(&["--help"]));
    let unknown = run(esg().args(["--lang", "ko", "help", "frobnicate"]));
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.starts_with("오류: "), "{}", unknown.stderr);
}

#[test]
fn help_fits_the_terminal() {
    for columns in ["60", "80", "120"] {
        for lang in ["ko", "en"] {
            for c in COMMANDS {
                let out = run(esg()
                    .env("COLUMNS", columns)
                    .args(["--lang", lang, c, "--help"]));
                let width: usize = columns.parse().unwrap();
                for line in out.stdout.lines() {
                    assert!(
                        line.width() <= width,
                        "esg --lang {lang} {c} --help at {columns} columns:\n{line}"
                    );
                }
            }
        }
    }
}

#[test]
fn korean_parse_errors() {
    // (arguments, what the user typed that the message repeats)
    let cases: &[(&[&str], &[&str])] = &[
        (&["frobnicate"], &["frobnicate"]),
        (&["scor"], &["scor"]),
        (&["score", "--formt", "json", "a.toml"], &[]),
        (&["score", "--format", "pdf", "a.toml"], &["pdf"]),
        (&["score", "a.toml", "--format"], &[]),
        (&["score", "--top", "x", "a.toml"], &["x"]),
        (&["score", "--fail-under", "101", "a.toml"], &[]),
        (&["score", "--fail-under", "abc", "a.toml"], &["abc"]),
        (&["score"], &[]),
        (&["score", "a.toml", "--bom", "--bom"], &[]),
        (&["score", "a.toml", "--detail=yes"], &["yes"]),
        (&["lint", "--as", "pdf"], &["pdf"]),
        (&["completions"], &[]),
        (&["--", "score"], &[]),
        (&[], &[]),
    ];
    for (args, typed) in cases {
        let out = run(esg().args(["--lang", "ko"]).args(*args));
        assert_eq!(out.code, 2, "esg --lang ko {args:?}: {}", out.stderr);
        assert_eq!(out.stdout, "", "esg --lang ko {args:?}");
        let english = english_words(&out.stderr, typed);
        assert!(
            english.is_empty(),
            "esg --lang ko {args:?}: English {english:?} in\n{}",
            out.stderr
        );
    }
    let out = run(esg().args(["--lang", "ko", "score", "--formt", "json", "a.toml"]));
    assert_eq!(
        out.stderr,
        "오류: 알 수 없는 인수: '--formt'\n\n  \
         도움말: 비슷한 인수가 있습니다: '--format'\n\n\
         사용법: esg score [옵션] [경로]...\n\n\
         자세한 내용은 'esg score --help'로 볼 수 있습니다.\n"
    );
    let out = run(esg().args(["--lang", "ko", "score", "--fail-under", "101", "a.toml"]));
    assert!(
        out.stderr.starts_with(
            "오류: '--fail-under <N>'에 쓸 수 없는 값: '101' (0에서 100 사이여야 합니다)"
        ),
        "{}",
        out.stderr
    );
    // English stays clap's own.
    let out = run(esg().args(["score", "--fail-under", "101", "a.toml"]));
    assert!(
        out.stderr.starts_with(
            "error: invalid value '101' for '--fail-under <N>': 101 is outside 0 to 100"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn completions_are_generated_in_both_languages() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        for lang in ["en", "ko"] {
            let out = run(esg().args(["--lang", lang, "completions", shell]));
            assert_eq!(out.code, 0, "{shell} {lang}: {}", out.stderr);
            for word in ["score", "fail-under", "markdown", "exclude"] {
                assert!(out.stdout.contains(word), "{shell} {lang}: no {word}");
            }
        }
    }
    let zsh = run(esg().args(["--lang", "ko", "completions", "zsh"])).stdout;
    assert!(zsh.starts_with("#compdef esg"), "{zsh}");
    assert!(zsh.contains("답변 파일을 채점해"), "Korean descriptions");
    let ps = run(esg().args(["--lang", "ko", "completions", "powershell"])).stdout;
    assert!(
        ps.is_ascii(),
        "PowerShell gets English, readable in any code page"
    );
}
