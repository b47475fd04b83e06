//! The answers files of a portfolio: paths as given, directories walked recursively for `*.toml`,
//! lazily and in a stable order, so that memory stays flat however many files there are.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// One input found: a file to score, or a path that could not be listed.
#[derive(Debug)]
pub enum Found {
    /// A file to read and score (it may still turn out unreadable).
    File(PathBuf),
    /// A directory that could not be listed.
    Unlisted(PathBuf, Error),
}

impl Found {
    /// The path found.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Found::File(p) | Found::Unlisted(p, _) => p,
        }
    }
}

/// Walks the inputs in order: each path as given; a directory's entries sorted by name, its
/// `*.toml` files taken and its subdirectories walked in place. Hidden entries (names starting with
/// `.`) and symbolic links to directories are skipped; a symbolic link named `*.toml` is taken even
/// when it leads nowhere, so that it shows as an error row rather than disappearing.
pub struct Walk<I> {
    inputs: I,
    /// Directory listings being walked, innermost last; each holds the entries still to visit.
    stack: Vec<std::vec::IntoIter<PathBuf>>,
}

/// Walks `inputs` (paths as the user gave them).
pub fn walk<I: Iterator<Item = PathBuf>>(inputs: I) -> Walk<I> {
    Walk {
        inputs,
        stack: Vec::new(),
    }
}

fn list(dir: &Path) -> Result<std::vec::IntoIter<PathBuf>, Error> {
    let name = dir.display().to_string();
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::read(&name, &e))? {
        let entry = entry.map_err(|e| Error::read(&name, &e))?;
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        entries.push(entry.path());
    }
    entries.sort();
    Ok(entries.into_iter())
}

fn is_toml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

impl<I: Iterator<Item = PathBuf>> Iterator for Walk<I> {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            let Some(listing) = self.stack.last_mut() else {
                let path = self.inputs.next()?;
                if path.is_dir() {
                    match list(&path) {
                        Ok(entries) => self.stack.push(entries),
                        Err(e) => return Some(Found::Unlisted(path, e)),
                    }
                    continue;
                }
                return Some(Found::File(path));
            };
            let Some(path) = listing.next() else {
                self.stack.pop();
                continue;
            };
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                match list(&path) {
                    Ok(entries) => self.stack.push(entries),
                    Err(e) => return Some(Found::Unlisted(path, e)),
                }
            } else if is_toml(&path) && !(meta.is_symlink() && path.is_dir()) {
                return Some(Found::File(path));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_depth_first_and_keeps_argument_order() {
        let dir = std::env::temp_dir().join(format!("esg-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for p in [
            "b/2.toml",
            "b/1.toml",
            "a.toml",
            "c/x/9.toml",
            "c/notes.txt",
            ".hidden/h.toml",
        ] {
            let p = dir.join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "").unwrap();
        }
        let extra = dir.join("a.toml");
        let found: Vec<String> = walk([dir.clone(), extra].into_iter())
            .map(|f| {
                f.path()
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        assert_eq!(
            found,
            ["a.toml", "b/1.toml", "b/2.toml", "c/x/9.toml", "a.toml"]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
