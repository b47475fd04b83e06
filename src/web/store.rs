//! Answers files as the server's store: read afresh for every request, changed one answer at a
//! time through [`AnswersDoc`] and [`crate::output::write_atomic`] (comments and layout kept), so
//! that `esg assess` in a terminal and the browser can take turns on one file.
//!
//! A form carries the stamp of the answer it showed ([`stamp`]); a save whose stamp no longer
//! matches the file is refused, so two tabs editing one answer cannot overwrite each other
//! unseen. In a directory, a firm's name in a URL maps only to a `*.toml` file directly inside it.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::answers::{Answers, Entry, Firm};
use crate::answers_edit::AnswersDoc;
use crate::error::Error;
use crate::guideline::Guideline;

/// One lock per answers file, held from reading the file to writing it.
#[derive(Debug, Default)]
pub(crate) struct Locks(Mutex<HashMap<PathBuf, Arc<Mutex<()>>>>);

impl Locks {
    pub(crate) fn of(&self, path: &Path) -> Arc<Mutex<()>> {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(map.entry(path.to_path_buf()).or_default())
    }
}

/// An answers file as read now.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub(crate) answers: Answers,
    doc: Option<AnswersDoc>,
}

/// Reads the answers file at `path`; a missing file is a new firm with no answers.
pub(crate) fn load(g: &Guideline, path: &Path) -> Result<Loaded, Error> {
    if !path.exists() {
        return Ok(Loaded {
            answers: Answers::empty(g, Firm::default()),
            doc: None,
        });
    }
    let source = crate::input::read_file(path)?;
    let answers = crate::answers::parse(&source, g)?;
    let doc = AnswersDoc::parse(&source)?;
    Ok(Loaded {
        answers,
        doc: Some(doc),
    })
}

/// A short fingerprint of what a form showed: one question's entry, or the firm's name and year.
#[must_use]
pub(crate) fn stamp<T: std::fmt::Debug>(shown: &T) -> String {
    let mut h = std::hash::DefaultHasher::new();
    format!("{shown:?}").hash(&mut h);
    format!("{:016x}", h.finish())
}

/// The stamp of question `q` in `answers`.
#[must_use]
pub(crate) fn entry_stamp(answers: &Answers, q: usize) -> String {
    stamp(&answers.entries[q])
}

/// The stamp of the firm's name and reporting year.
#[must_use]
pub(crate) fn firm_stamp(firm: &Firm) -> String {
    stamp(&(&firm.name, firm.reporting_year))
}

/// A change to one answers file.
pub(crate) enum Change {
    /// The firm's name and reporting year.
    Firm { name: String, year: i32 },
    /// Question `q`'s entry (`None` removes it).
    Entry(usize, Option<Entry>),
}

/// Why a change was not saved.
#[derive(Debug)]
pub(crate) enum Refused {
    /// The file changed since the form was shown: what it holds now.
    Conflict(Box<Answers>),
    /// The file cannot be read or written.
    Failed(Error),
    /// An answer before the firm's name: a file without one could not be read back.
    NoFirm,
}

/// Applies `change` to the file at `path` if what it changes still has the stamp `was`; returns
/// the answers as saved.
pub(crate) fn save(
    state: &super::State,
    firm: &super::app::Firm,
    path: &Path,
    was: &str,
    change: Change,
) -> Result<Answers, Refused> {
    let g = state.guideline_of(firm);
    let lock = state.locks.of(path);
    let _held = lock
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let Loaded { mut answers, doc } = load(g, path).map_err(Refused::Failed)?;
    let now = match &change {
        Change::Firm { .. } => firm_stamp(&answers.firm),
        Change::Entry(q, _) => entry_stamp(&answers, *q),
    };
    if now != was {
        return Err(Refused::Conflict(Box::new(answers)));
    }
    // A new file names every guideline served.
    let mut doc =
        doc.unwrap_or_else(|| AnswersDoc::for_guidelines(&state.guidelines(), &answers.firm));
    match change {
        Change::Firm { name, year } => {
            answers.firm.name = name;
            answers.firm.reporting_year = Some(i64::from(year));
            doc.set_firm(&answers.firm);
        }
        Change::Entry(q, entry) => {
            if answers.firm.name.trim().is_empty() {
                // A file without a firm's name cannot be read back: the firm comes first.
                return Err(Refused::NoFirm);
            }
            doc.set(&g.questions[q], entry.as_ref());
            answers.entries[q] = entry;
        }
    }
    crate::output::write_atomic(path, doc.to_string().as_bytes()).map_err(Refused::Failed)?;
    Ok(answers)
}

/// The answers file a firm's name in a URL stands for, in a directory: a file name (no
/// separators, not hidden) ending in `.toml`, naming a regular file directly inside `dir` once
/// links are resolved. `None` for anything else.
#[must_use]
pub(crate) fn firm_path(dir: &Path, name: &str) -> Option<PathBuf> {
    let plain = !name.is_empty()
        && name.len() <= 255
        && !name.starts_with('.')
        && name.ends_with(".toml")
        && !name.contains(['/', '\\', '\0', ':']);
    if !plain {
        return None;
    }
    let path = dir.join(name);
    let real = std::fs::canonicalize(&path).ok()?;
    let home = std::fs::canonicalize(dir).ok()?;
    if real.parent() != Some(home.as_path()) || !std::fs::metadata(&real).ok()?.is_file() {
        return None;
    }
    Some(path)
}

/// The answers files directly inside `dir`, by file name.
#[must_use]
pub(crate) fn firms(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| firm_path(dir, n).is_some())
        .collect();
    names.sort();
    names
}

/// A file name for a new firm: its name with anything but letters, digits, `-` and `_` turned
/// into `-`, at most 60 characters, then `.toml`; `-2`, `-3`, ... when taken.
#[must_use]
pub(crate) fn file_name_for(dir: &Path, firm: &str) -> String {
    let mut stem: String = firm
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    while stem.contains("--") {
        stem = stem.replace("--", "-");
    }
    let mut stem = stem.trim_matches('-').to_owned();
    let reserved = ["con", "prn", "aux", "nul", "com1", "lpt1"];
    if stem.is_empty() || reserved.contains(&stem.to_lowercase().as_str()) {
        stem = format!("firm-{stem}").trim_end_matches('-').to_owned();
    }
    let mut name = format!("{stem}.toml");
    let mut n = 2;
    while dir.join(&name).symlink_metadata().is_ok() {
        name = format!("{stem}-{n}.toml");
        n += 1;
    }
    name
}

/// Creates a new firm's answers file in `dir`, never replacing a file: the name is reserved
/// with an exclusive create, then written atomically. Returns the file name.
pub(crate) fn add_firm(
    g: &Guideline,
    locks: &Locks,
    dir: &Path,
    firm: &Firm,
) -> Result<String, Error> {
    let lock = locks.of(dir);
    let _held = lock
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    loop {
        let name = file_name_for(dir, &firm.name);
        let path = dir.join(&name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(_) => {
                let doc = AnswersDoc::new(g, firm);
                crate::output::write_atomic(&path, doc.to_string().as_bytes())?;
                return Ok(name);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Error::write(&path.display().to_string(), &e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn firm_names_map_only_to_toml_files_inside_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.toml"), "").unwrap();
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("sub/b.toml"), "").unwrap();
        std::fs::write(d.join(".hidden.toml"), "").unwrap();
        std::fs::write(d.join("notes.txt"), "").unwrap();
        assert!(firm_path(d, "a.toml").is_some());
        for bad in [
            "../a.toml",
            "sub/b.toml",
            "sub%2Fb.toml",
            ".hidden.toml",
            "notes.txt",
            "missing.toml",
            "",
            "..",
            "/etc/passwd",
            "sub",
        ] {
            assert!(firm_path(d, bad).is_none(), "{bad}");
        }
        #[cfg(unix)]
        {
            let outside = tempfile::tempdir().unwrap();
            std::fs::write(outside.path().join("x.toml"), "").unwrap();
            std::os::unix::fs::symlink(outside.path().join("x.toml"), d.join("link.toml")).unwrap();
            assert!(firm_path(d, "link.toml").is_none());
        }
        assert_eq!(firms(d), vec!["a.toml".to_owned()]);
    }

    #[test]
    fn new_file_names_are_safe_and_never_taken() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert_eq!(file_name_for(d, "한빛정밀(주)"), "한빛정밀-주.toml");
        assert_eq!(file_name_for(d, "../../etc/passwd"), "etc-passwd.toml");
        assert_eq!(file_name_for(d, "<script>"), "script.toml");
        assert_eq!(file_name_for(d, "..."), "firm.toml");
        assert_eq!(file_name_for(d, "CON"), "firm-CON.toml");
        std::fs::write(d.join("acme.toml"), "").unwrap();
        assert_eq!(file_name_for(d, "acme"), "acme-2.toml");
    }
}
