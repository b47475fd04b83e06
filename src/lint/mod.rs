//! `esg lint`: guideline packages and answers files checked with every problem reported, each
//! with a rule code, for people and for CI.
//!
//! Rules live in [`rules`], one file each; [`selftest`] runs a package's self-tests;
//! [`format`](mod@format) renders a [`Report`] for people (`human`) and for CI (`json`, `sarif`,
//! `github`).

pub mod format;
pub mod rules;
pub mod selftest;

pub use rules::{Rule, Words};

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::answers;
use crate::code::Code;
use crate::error::{Error, Result};
use crate::guideline::{self, Guideline};
use crate::msg;
use crate::source::{Diagnostic, Message, Severity, Source};
use crate::text::Lang;
use crate::walk::{Found, Input};

/// A rule in full, as `esg explain CODE` prints it.
#[must_use]
pub fn explain(rule: &Rule, lang: Lang) -> String {
    let severity = match rule.severity() {
        Severity::Error => lang.pick("오류", "error"),
        Severity::Warning => lang.pick("주의", "warning"),
    };
    format!(
        "{} ({severity}): {}\n\n{}",
        rule.code,
        rule.summary.pick(lang),
        rule.explain(lang)
    )
}

/// What was checked and what was found.
#[derive(Debug, Default)]
pub struct Report {
    /// The files checked, by the names diagnostics use.
    pub files: Vec<String>,
    /// Every finding, by file, line and column.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// How many findings have error severity.
    #[must_use]
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many findings have warning severity.
    #[must_use]
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    fn add(&mut self, files: impl IntoIterator<Item = String>, diags: Vec<Diagnostic>) {
        for f in files {
            if !self.files.contains(&f) {
                self.files.push(f);
            }
        }
        self.diagnostics.extend(diags);
    }
}

/// How to read a path given to `esg lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Decide by what the file holds.
    Detect,
    /// A guideline package, or a file of one.
    Guideline,
    /// An answers file.
    Answers,
}

/// Options of a lint run.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// How to read the paths.
    pub kind: Kind,
    /// The guideline answers files are checked against (a built-in id or a package directory);
    /// by default the built-in guideline each file names.
    pub guideline: Option<&'a str>,
}

/// Parses, validates and self-tests one guideline package: its files and its `tests/` files.
#[must_use]
pub fn lint_package(sources: Vec<Source>, tests: &[Source], origin: &str) -> Report {
    checked_package(sources, tests, origin).0
}

fn checked_package(
    sources: Vec<Source>,
    tests: &[Source],
    origin: &str,
) -> (Report, Option<Guideline>) {
    let mut report = Report::default();
    let names: Vec<String> = sources
        .iter()
        .chain(tests)
        .map(|s| s.name.clone())
        .collect();
    let (files, mut diags) = guideline::parse_sources(sources);
    let mut checked = None;
    if diags.is_empty() {
        let found;
        (checked, found) = guideline::validate(&files, origin);
        diags = found;
        if let Some(g) = &checked {
            diags.extend(rules::check_package(&rules::Package {
                files: &files,
                guideline: g,
            }));
            diags.extend(selftest::run(g, tests));
        }
    }
    sort(&mut diags);
    report.add(names, diags);
    (report, checked)
}

/// Lints a built-in guideline with its self-tests.
pub fn lint_builtin(id: &str) -> Result<Report> {
    let (files, tests) = guideline::builtin_sources(id)?;
    Ok(lint_package(files, &tests, "builtin"))
}

/// Lints a package directory: its files and the self-tests under its `tests/`.
pub fn lint_dir(dir: &Path) -> Result<Report> {
    checked_dir(dir).map(|(r, _)| r)
}

fn checked_dir(dir: &Path) -> Result<(Report, Option<Guideline>)> {
    let sources = guideline::read_dir_sources(dir)?;
    let test_dir = dir.join("tests");
    let tests = if test_dir.is_dir() {
        crate::walk::toml_files(&test_dir)
            .map(Found::read)
            .collect::<Result<Vec<_>>>()?
    } else {
        Vec::new()
    };
    Ok(checked_package(sources, &tests, &dir.display().to_string()))
}

/// Checks one answers file against `guideline`: every problem of reading it, and the answers
/// given to questions that are not asked.
#[must_use]
pub fn lint_answers(source: &Source, guideline: &Guideline) -> Vec<Diagnostic> {
    lint_answers_among(source, &[guideline])
}

/// Checks one answers file against each of the guidelines it names, read together (an answer one
/// of them knows is no typo for the others); a problem found by several is listed once.
#[must_use]
pub fn lint_answers_among(source: &Source, guidelines: &[&Guideline]) -> Vec<Diagnostic> {
    let mut diags: Vec<Diagnostic> = Vec::new();
    // Each guideline's reading of the file, for the answers none of them asks for.
    let mut read: Vec<(&Guideline, answers::Answers)> = Vec::new();
    for (i, guideline) in guidelines.iter().enumerate() {
        let companions: Vec<&Guideline> = guidelines
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, g)| *g)
            .collect();
        let found = match answers::parse_among(source, guideline, &companions) {
            Ok(a) => {
                let d = a.warnings.clone();
                read.push((*guideline, a));
                d
            }
            Err(Error::Invalid(d)) => d,
            Err(e) => {
                let message = Message::by(|lang| e.message(lang));
                vec![Diagnostic::whole_file(
                    &source.name,
                    Code::TomlSyntax,
                    message,
                )]
            }
        };
        found.into_iter().for_each(|d| push_once(&mut diags, d));
    }
    let read: Vec<(&Guideline, &answers::Answers)> = read.iter().map(|(g, a)| (*g, a)).collect();
    for d in rules::answer_not_asked::check_among(source, &read) {
        push_once(&mut diags, d);
    }
    sort(&mut diags);
    diags
}

/// Adds `d` unless a problem of its code is listed at its place already (found by another
/// guideline reading the same file).
fn push_once(diags: &mut Vec<Diagnostic>, d: Diagnostic) {
    let same = |o: &Diagnostic| o.code == d.code && o.line == d.line && o.column == d.column;
    if !diags.iter().any(same) {
        diags.push(d);
    }
}

fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code.as_str()).cmp(&(
            &b.file,
            b.line,
            b.column,
            b.code.as_str(),
        ))
    });
}

/// What a TOML file holds, judged by its top-level tables.
fn looks_like_answers(source: &Source) -> bool {
    toml::de::DeTable::parse(&source.text).map_or_else(
        |_| {
            source
                .text
                .lines()
                .any(|l| matches!(l.trim(), "[answers]" | "[firm]"))
        },
        |doc| {
            let t = doc.get_ref();
            t.contains_key("answers") || t.contains_key("firm")
        },
    )
}

/// Whether a file is a self-test: in the `tests/` directory of a package.
fn is_self_test(file: &Path) -> bool {
    let Some(dir) = file.parent() else {
        return false;
    };
    dir.file_name().is_some_and(|n| n == "tests")
        && dir
            .parent()
            .is_some_and(|p| p.join("guideline.toml").is_file())
}

/// The package directory a file belongs to: the nearest directory above it with a guideline.toml.
///
/// The directories of the path as given come first (`a/b/c.toml`: `a/b`, then `a`), so that the
/// package keeps the name the user wrote; from the first that is `.`, `..` or the root, the walk
/// goes on through the real directories above it (`..`, `../..`), counted on its canonical path,
/// so that it always ends.
fn package_of(file: &Path) -> Option<PathBuf> {
    let is_package = |d: &Path| d.join("guideline.toml").is_file();
    let mut last = None;
    for dir in file.ancestors().skip(1) {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if is_package(dir) {
            return Some(dir.to_path_buf());
        }
        if !matches!(dir.components().next_back(), Some(Component::Normal(_))) {
            last = Some(dir);
            break;
        }
    }
    let last = last?;
    let above = std::fs::canonicalize(last).ok()?.ancestors().count() - 1;
    let mut up = if last == Path::new(".") {
        PathBuf::new()
    } else {
        last.to_path_buf()
    };
    for _ in 0..above {
        up.push("..");
        if is_package(&up) {
            return Some(up);
        }
    }
    None
}

/// Lints paths as `esg lint` does: no path means every built-in guideline; a directory with a
/// `guideline.toml` is a package; any other directory is searched for `*.toml` files; a file is
/// an answers file or a file of a package, by what it holds (or by `options.kind`); `-` is an
/// answers file on standard input, given as `stdin`.
///
/// An `Err` means the run could not be done (a missing file, an unknown guideline); findings are
/// in the report.
pub fn lint_paths(
    paths: &[PathBuf],
    stdin: Option<Source>,
    options: Options<'_>,
) -> Result<Report> {
    let mut report = Report::default();
    if paths.is_empty() {
        for b in guideline::builtins() {
            let r = lint_builtin(b.id)?;
            report.add(r.files, r.diagnostics);
        }
        return Ok(report);
    }
    let mut guidelines: HashMap<String, Guideline> = HashMap::new();
    let mut packages: Vec<PathBuf> = Vec::new();
    let mut answers: Vec<Source> = Vec::new();
    let mut stdin = stdin;
    for path in paths {
        if path.as_os_str() == "-" {
            if let Some(s) = stdin.take() {
                answers.push(s);
            }
            continue;
        }
        if path.is_dir() && path.join("guideline.toml").is_file() && options.kind != Kind::Answers {
            push_unique(&mut packages, path.clone());
            continue;
        }
        for found in crate::walk::walk([Input::Named(path.clone())]) {
            let file = found.path().to_path_buf();
            let source = found.read()?;
            let as_answers = match options.kind {
                Kind::Answers => true,
                Kind::Guideline => false,
                Kind::Detect => {
                    file.file_name().is_none_or(|n| n != "guideline.toml")
                        && !is_self_test(&file)
                        && looks_like_answers(&source)
                }
            };
            if as_answers {
                answers.push(source);
            } else if let Some(dir) = package_of(&file) {
                push_unique(&mut packages, dir);
            } else {
                let d = unknown_file(&source, options.kind);
                report.add([source.name.clone()], vec![d]);
            }
        }
    }
    // Answers may name a package linted in the same run.
    let mut linted: HashMap<String, Guideline> = HashMap::new();
    for dir in &packages {
        let (r, g) = checked_dir(dir)?;
        report.add(r.files, r.diagnostics);
        if let Some(g) = g {
            linted.insert(g.id.clone(), g);
        }
    }
    for source in &answers {
        let keys: Vec<String> = match options.guideline {
            Some(g) => vec![g.to_owned()],
            None => {
                let ids = answers::guideline_ids(source);
                if ids.is_empty() {
                    vec![guideline::BUILTIN_DEFAULT.to_owned()]
                } else {
                    ids
                }
            }
        };
        // A guideline the file names that is neither linted in this run nor built in cannot be
        // checked against.
        let missing = options.guideline.is_none().then(|| {
            keys.iter().find(|id| {
                !linted.contains_key(*id) && !guideline::builtins().iter().any(|b| &b.id == id)
            })
        });
        if let Some(Some(id)) = missing {
            let d = Diagnostic::whole_file(
                &source.name,
                Code::GuidelineMismatch,
                msg!(
                    "이 답변은 `{id}` 가이드라인을 위한 것인데, 이 가이드라인은 내장되어 있지 않습니다",
                    "these answers are for guideline `{id}`, which is not built in"
                ),
            )
            .with_help(msg!(
                "가이드라인 패키지를 알려 주십시오: `esg lint --guideline DIR {0}`. 또는 그 패키지 디렉터리와 이 파일을 함께 검사하십시오",
                "name its package: esg lint --guideline DIR {0}, or lint DIR and {0} together",
                source.name
            ));
            report.add([source.name.clone()], vec![d]);
            continue;
        }
        for key in &keys {
            if !linted.contains_key(key) && !guidelines.contains_key(key) {
                let g = guideline::resolve(Some(key))?;
                guidelines.insert(key.clone(), g);
            }
        }
        let chosen: Vec<&Guideline> = keys
            .iter()
            .map(|k| linted.get(k).unwrap_or_else(|| &guidelines[k]))
            .collect();
        let diags = lint_answers_among(source, &chosen);
        report.add([source.name.clone()], diags);
    }
    Ok(report)
}

/// The finding for a file that is neither an answers file nor part of a package.
fn unknown_file(source: &Source, kind: Kind) -> Diagnostic {
    let message = if kind == Kind::Guideline {
        msg!(
            "가이드라인 파일로 읽었지만(`--as guideline`) 위 디렉터리 어디에도 `guideline.toml`이 없습니다",
            "read as a guideline file (--as guideline), but no directory above it has a guideline.toml"
        )
    } else {
        msg!(
            "답변 파일(`[firm]`이나 `[answers]` 표가 있는 파일)도 아니고 가이드라인 패키지(위 디렉터리에 `guideline.toml`이 있는 곳)의 파일도 아니어서, 무엇을 기준으로 검사할지 알 수 없습니다",
            "neither an answers file (no [firm] or [answers] table) nor part of a guideline package (no guideline.toml in a directory above it), so there is no telling how to check it"
        )
    };
    Diagnostic::whole_file(&source.name, Code::UnknownFile, message).with_help(msg!(
        "답변 파일이면 `[firm]`과 `[answers]` 표를 쓰거나 `--as answers`로 검사하고, 가이드라인 파일이면 패키지 디렉터리 안에 두십시오",
        "give an answers file its [firm] and [answers] tables (or check it with --as answers), or put a guideline file in its package directory"
    ))
}

/// Adds a package directory unless it is there already, under this name or another (`pkg` and
/// `./pkg/../pkg` are one package, linted once).
fn push_unique(v: &mut Vec<PathBuf>, p: PathBuf) {
    let same = |a: &Path, b: &Path| {
        a == b
            || std::fs::canonicalize(a)
                .ok()
                .is_some_and(|a| std::fs::canonicalize(b).ok().is_some_and(|b| a == b))
    };
    if !v.iter().any(|q| same(q, &p)) {
        v.push(p);
    }
}
