//! Loading guideline packages from directories and from the built-ins embedded in the binary.

use std::path::Path;

use super::model::RawFile;
use super::{Guideline, validate};
use crate::error::{Error, Result};
use crate::source::{Diagnostic, Severity, Source};
use crate::walk::Found;

/// A guideline package embedded in the binary: its id and its files (path in the package, text).
#[derive(Debug)]
pub struct Builtin {
    pub id: &'static str,
    pub files: &'static [(&'static str, &'static str)],
}

include!(concat!(env!("OUT_DIR"), "/builtins.rs"));

/// The built-in guideline used when none is named.
pub const BUILTIN_DEFAULT: &str = "k-esg-sme";

/// The guideline packages embedded in the binary.
#[must_use]
pub fn builtins() -> &'static [Builtin] {
    BUILTINS
}

/// The files of a built-in guideline by id: the package's files, and its self-tests (`tests/`).
pub fn builtin_sources(id: &str) -> Result<(Vec<Source>, Vec<Source>)> {
    let builtin = BUILTINS
        .iter()
        .find(|b| b.id == id)
        .ok_or_else(|| Error::UnknownGuideline {
            name: id.to_owned(),
            known: BUILTINS.iter().map(|b| b.id.to_owned()).collect(),
        })?;
    let (tests, files) = builtin
        .files
        .iter()
        .map(|(path, text)| {
            (
                path.starts_with("tests/"),
                Source::new(format!("builtin:{}/{path}", builtin.id), *text),
            )
        })
        .partition::<Vec<_>, _>(|(test, _)| *test);
    let strip = |v: Vec<(bool, Source)>| v.into_iter().map(|(_, s)| s).collect();
    Ok((strip(files), strip(tests)))
}

/// Loads a built-in guideline by id.
pub fn load_builtin(id: &str) -> Result<Guideline> {
    let (sources, _) = builtin_sources(id)?;
    load_sources(sources, "builtin").map(|(g, _)| g)
}

/// Loads a guideline package from a directory: `guideline.toml` and every other `*.toml` below it,
/// except those under `tests/`.
pub fn load_dir(dir: &Path) -> Result<Guideline> {
    let dir = here_if_empty(dir);
    let sources = read_dir_sources(dir)?;
    load_sources(sources, &dir.display().to_string()).map(|(g, _)| g)
}

/// Reads the TOML files of a package directory, in path order, as [`crate::walk`] finds them:
/// links to directories are not followed, hidden entries are left out, and a file that is not a
/// regular file (a FIFO, a socket, a device) is an error without being opened.
pub fn read_dir_sources(dir: &Path) -> Result<Vec<Source>> {
    let dir = here_if_empty(dir);
    let found: Vec<Found> = crate::walk::toml_files(dir).except("tests").collect();
    let head = dir.join("guideline.toml");
    if !found.iter().any(|f| f.path() == head) {
        return Err(Error::Read {
            path: dir.display().to_string(),
            reason: crate::msg!(
                "가이드라인 패키지가 아닙니다: `guideline.toml`이 없습니다",
                "is not a guideline package: it has no guideline.toml"
            ),
        });
    }
    found.into_iter().map(Found::read).collect()
}

/// `.` for the empty path (the parent of a bare file name), so that it can be listed and named.
fn here_if_empty(dir: &Path) -> &Path {
    if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }
}

/// Parses and validates the files of one package. On success, also returns the warnings found.
pub fn load_sources(sources: Vec<Source>, origin: &str) -> Result<(Guideline, Vec<Diagnostic>)> {
    let (guideline, diags) = check_sources(sources, origin);
    match guideline {
        Some(g) => Ok((g, diags)),
        None => Err(Error::Invalid(
            diags
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .collect(),
        )),
    }
}

/// Parses and validates, returning the guideline (if there is no error) and every diagnostic.
#[must_use]
pub fn check_sources(sources: Vec<Source>, origin: &str) -> (Option<Guideline>, Vec<Diagnostic>) {
    let (files, diags) = parse_sources(sources);
    if !diags.is_empty() {
        return (None, diags);
    }
    validate(&files, origin)
}

/// Parses each file of a package into its raw tables; a file that is not valid TOML for the
/// format gives a diagnostic instead.
#[must_use]
pub fn parse_sources(sources: Vec<Source>) -> (Vec<(Source, RawFile)>, Vec<Diagnostic>) {
    let mut files = Vec::with_capacity(sources.len());
    let mut diags = Vec::new();
    for source in sources {
        match toml::from_str::<RawFile>(&source.text) {
            Ok(raw) => files.push((source, raw)),
            Err(e) => diags.push(crate::source::toml_error(&source, &e)),
        }
    }
    (files, diags)
}

/// Resolves `--guideline`: a directory path, or a built-in id; `None` is the default built-in.
pub fn resolve(name: Option<&str>) -> Result<Guideline> {
    let Some(name) = name else {
        return load_builtin(BUILTIN_DEFAULT);
    };
    let path = Path::new(name);
    if path.is_dir() {
        return load_dir(path);
    }
    if path.is_file() && path.file_name().is_some_and(|n| n == "guideline.toml") {
        return load_dir(path.parent().unwrap_or(Path::new("")));
    }
    if BUILTINS.iter().any(|b| b.id == name) {
        return load_builtin(name);
    }
    Err(Error::UnknownGuideline {
        name: name.to_owned(),
        known: BUILTINS.iter().map(|b| b.id.to_owned()).collect(),
    })
}
