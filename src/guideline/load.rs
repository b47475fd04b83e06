//! Loading guideline packages from directories and from the built-ins embedded in the binary.

use std::path::{Path, PathBuf};

use super::model::RawFile;
use super::{Guideline, validate};
use crate::code::Code;
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
/// format gives a diagnostic instead. The files its header includes (`include`) follow its own,
/// in the order listed, each under its own name.
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
    if diags.is_empty() {
        for source in included(&files, &mut diags) {
            match toml::from_str::<RawFile>(&source.text) {
                Ok(raw) => files.push((
                    source,
                    RawFile {
                        included: true,
                        ..raw
                    },
                )),
                Err(e) => diags.push(crate::source::toml_error(&source, &e)),
            }
        }
    }
    (files, diags)
}

/// Where a package lies, read from the name of its header file: a directory, or a folder of the
/// built-ins (`builtin:ID/…`).
enum Base {
    Dir(PathBuf),
    /// The header's folder within the built-ins, such as `vsme-basic`.
    Builtin(PathBuf),
}

/// The files the header of `files` includes, read; every problem with one is a diagnostic at its
/// entry of `include`: a path that is not a relative `.toml` path, another package's
/// `guideline.toml`, a file of this package itself or one listed twice (a loop), a file missing.
fn included(files: &[(Source, RawFile)], diags: &mut Vec<Diagnostic>) -> Vec<Source> {
    let Some((head, header)) = files
        .iter()
        .find_map(|(s, raw)| raw.guideline.as_ref().map(|h| (s, h.get_ref())))
    else {
        return Vec::new();
    };
    if header.include.is_empty() {
        return Vec::new();
    }
    let base = match head.name.strip_prefix("builtin:") {
        Some(rest) => Base::Builtin(Path::new(rest).parent().unwrap_or(Path::new("")).into()),
        None => Base::Dir(
            Path::new(&head.name)
                .parent()
                .unwrap_or(Path::new(""))
                .into(),
        ),
    };
    // The files already in the package, to refuse a loop: by name, and on disk by real path.
    let mut seen: Vec<String> = files.iter().map(|(s, _)| s.name.clone()).collect();
    let mut real: Vec<PathBuf> = match base {
        Base::Dir(_) => seen
            .iter()
            .filter_map(|n| std::fs::canonicalize(n).ok())
            .collect(),
        Base::Builtin(_) => Vec::new(),
    };
    let mut out = Vec::new();
    for entry in &header.include {
        let rel = entry.get_ref();
        let at = |code, msg| head.diagnostic(code, Some(entry.span()), msg);
        let path = Path::new(rel);
        if rel.trim().is_empty() || path.is_absolute() || rel.contains('\\') {
            diags.push(at(
                Code::InvalidHeader,
                crate::msg!(
                    "`include`에는 이 패키지 폴더에서 본 상대 경로를 `/`로 적어야 합니다: `{rel}`",
                    "an include must be a path relative to this package's folder, written with `/`: `{rel}`"
                ),
            ));
            continue;
        }
        if !path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        {
            diags.push(at(
                Code::InvalidHeader,
                crate::msg!(
                    "TOML 파일(`.toml`)만 가져올 수 있습니다: `{rel}`",
                    "only TOML files (.toml) can be included: `{rel}`"
                ),
            ));
            continue;
        }
        if path.file_name().is_some_and(|n| n == "guideline.toml") {
            diags.push(
                at(
                    Code::InvalidHeader,
                    crate::msg!(
                        "`guideline.toml`은 가져올 수 없습니다: 패키지의 머리 표는 하나뿐입니다",
                        "guideline.toml cannot be included: a package has one header"
                    ),
                )
                .with_help(crate::msg!(
                    "그 패키지에서 필요한 질문·배출원·계수표가 든 파일을 가져오십시오",
                    "include the files of that package that hold the questions, sources or factor tables you need"
                )),
            );
            continue;
        }
        let (name, read) = match &base {
            Base::Builtin(dir) => {
                let full = normalize(&dir.join(path));
                let shown = full.to_string_lossy().replace('\\', "/");
                let text = shown.split_once('/').and_then(|(id, file)| {
                    BUILTINS
                        .iter()
                        .find(|b| b.id == id)
                        .and_then(|b| b.files.iter().find(|(p, _)| *p == file))
                        .map(|(_, t)| *t)
                });
                let name = format!("builtin:{shown}");
                let read = text.map(|t| Source::new(name.clone(), t)).ok_or(None);
                (name, read)
            }
            Base::Dir(dir) => {
                let full = normalize(&dir.join(path));
                let name = full.display().to_string();
                let read = if full.is_file() {
                    if let Ok(r) = std::fs::canonicalize(&full) {
                        if real.contains(&r) {
                            diags.push(looped(&at, rel));
                            continue;
                        }
                        real.push(r);
                    }
                    crate::input::read_regular(&full).map_err(Some)
                } else {
                    Err(None)
                };
                (name, read)
            }
        };
        if seen.contains(&name) {
            diags.push(looped(&at, rel));
            continue;
        }
        seen.push(name.clone());
        match read {
            Ok(source) => out.push(source),
            Err(None) => diags.push(
                at(
                    Code::UnknownReference,
                    crate::msg!(
                        "가져올 파일이 없습니다: `{rel}` ({name})",
                        "no file to include at `{rel}` ({name})"
                    ),
                )
                .with_help(crate::msg!(
                    "경로는 이 패키지 폴더에서 봅니다(`../다른-패키지/파일.toml`)",
                    "the path is read from this package's folder (`../other-package/file.toml`)"
                )),
            ),
            Err(Some(e)) => diags.push(at(
                Code::UnknownReference,
                crate::source::Message::by(move |lang| e.message(lang)),
            )),
        }
    }
    out
}

/// The problem of a file included twice, or of this package's own file included: a loop.
fn looped(at: &impl Fn(Code, crate::source::Message) -> Diagnostic, rel: &str) -> Diagnostic {
    at(
        Code::DependencyCycle,
        crate::msg!(
            "`{rel}`은 이미 이 패키지에 들어 있습니다(이 패키지의 파일이거나 두 번 가져옴): 가져오기가 돌고 돕니다",
            "`{rel}` is already part of this package (one of its own files, or included twice): the include loops"
        ),
    )
}

/// `path` with `.` left out and each `..` taking back the name before it, without reading the
/// file system.
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
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
