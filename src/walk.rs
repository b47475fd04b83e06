//! Finding input files: the one walker for portfolios (`esg score DIR`), guideline packages and
//! `esg lint`. Built on `walkdir`, lazily, so that memory stays flat however many files there are.
//!
//! The rules, the same everywhere:
//!
//! - a directory is walked recursively for `*.toml` files (any case), its entries in name order
//!   and its subdirectories in place;
//! - entries whose names start with `.` are left out, and so are their contents;
//! - symbolic links to directories are not followed, so that no link can make a walk loop or
//!   visit a file twice; a symbolic link named `*.toml` that leads to a file, or nowhere, is
//!   taken (reading it says what is wrong);
//! - a file found by walking, or listed in a file of paths, is only read when it is a regular
//!   file (or a link to one): a FIFO, socket or device is an error and is never opened, so that no
//!   walk can block on it. A path the user names is read as given, a FIFO too (`<(gen)`).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::source::Source;

/// A path to look at, as the user gave it.
#[derive(Debug, Clone)]
pub enum Input {
    /// Named on the command line: a directory is walked; anything else is read as given, even a
    /// FIFO or `/dev/stdin`.
    Named(PathBuf),
    /// Listed in a file of paths (`--files-from`): a directory is walked; anything else must be a
    /// regular file, since such lists are made by walks (`find`) too.
    Listed(PathBuf),
}

/// One input found.
#[derive(Debug)]
pub enum Found {
    /// A path the user named that is not a directory: read as given.
    Named(PathBuf),
    /// A `*.toml` found in a directory, or a path listed in a file of paths: read only if it is a
    /// regular file (it may still turn out unreadable, or not to be one).
    File(PathBuf),
    /// A `*.toml` found in a directory whose entry says it is a regular file: read as
    /// [`Found::File`], without asking the file system again what the path is before opening it
    /// (the open file is still checked to be a regular file).
    Regular(PathBuf),
    /// A directory that could not be listed.
    Unlisted(PathBuf, Error),
}

impl Found {
    /// The path found.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Found::Named(p) | Found::File(p) | Found::Regular(p) | Found::Unlisted(p, _) => p,
        }
    }

    /// Reads the file found, as the rules above say: a file found by walking only if it is a
    /// regular file, never opening anything else.
    pub fn read(self) -> Result<Source> {
        match self {
            Found::Named(p) => crate::input::read_file(&p),
            Found::File(p) => crate::input::read_regular(&p),
            Found::Regular(p) => crate::input::read_walked_file(&p),
            Found::Unlisted(_, e) => Err(e),
        }
    }
}

/// Walks inputs in order; see the module's rules. Built by [`walk`] or [`toml_files`].
pub struct Walk<I> {
    inputs: I,
    /// The directory being walked.
    dir: Option<walkdir::IntoIter>,
    /// A directory left out at the top of each directory walked (a package's `tests/`).
    except: Option<&'static str>,
}

impl<I> std::fmt::Debug for Walk<I> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Walk")
            .field("walking", &self.dir.is_some())
            .field("except", &self.except)
            .finish_non_exhaustive()
    }
}

/// Walks `inputs`: each path in the order given, a directory's `*.toml` files in its place.
pub fn walk<I: IntoIterator<Item = Input>>(inputs: I) -> Walk<I::IntoIter> {
    Walk {
        inputs: inputs.into_iter(),
        dir: None,
        except: None,
    }
}

/// The `*.toml` files below the directory `dir`, in path order.
pub fn toml_files(dir: &Path) -> Walk<std::iter::Once<Input>> {
    walk(std::iter::once(Input::Listed(dir.to_path_buf())))
}

impl<I> Walk<I> {
    /// Leaves out the directory `name` directly inside each directory walked (and its contents).
    #[must_use]
    pub fn except(mut self, name: &'static str) -> Self {
        self.except = Some(name);
        self
    }
}

/// Walks everything below `dir` (not `dir` itself): directory links are not followed, and each
/// directory's entries come in name order, before the contents of its subdirectories.
fn walk_dir(dir: PathBuf) -> walkdir::IntoIter {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .contents_first(false)
        .sort_by_file_name()
        .into_iter()
}

fn is_toml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

impl<I: Iterator<Item = Input>> Iterator for Walk<I> {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            let Some(dir) = &mut self.dir else {
                match self.inputs.next()? {
                    Input::Named(p) | Input::Listed(p) if p.is_dir() => {
                        self.dir = Some(walk_dir(p));
                        continue;
                    }
                    Input::Named(p) => return Some(Found::Named(p)),
                    Input::Listed(p) => return Some(Found::File(p)),
                }
            };
            let entry = match dir.next() {
                None => {
                    self.dir = None;
                    continue;
                }
                Some(Ok(entry)) => entry,
                Some(Err(e)) => {
                    let path = e.path().map(Path::to_path_buf).unwrap_or_default();
                    let name = path.display().to_string();
                    let error = match e.io_error() {
                        Some(io) => Error::read(&name, io),
                        None => Error::Read {
                            path: name,
                            reason: crate::source::Message::new(
                                "디렉터리를 끝까지 읽을 수 없습니다",
                                e.to_string(),
                            ),
                        },
                    };
                    return Some(Found::Unlisted(path, error));
                }
            };
            if entry.depth() == 0 {
                continue;
            }
            let kind = entry.file_type();
            let name = entry.file_name();
            let left_out = name.as_encoded_bytes().starts_with(b".")
                || (kind.is_dir()
                    && entry.depth() == 1
                    && self.except.is_some_and(|except| name == except));
            if left_out {
                if kind.is_dir() {
                    dir.skip_current_dir();
                }
                continue;
            }
            if kind.is_dir() || !is_toml(entry.path()) {
                continue;
            }
            // A link is taken unless it leads to a directory; `metadata` follows it without
            // opening anything.
            if kind.is_symlink() && std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir()) {
                continue;
            }
            // A directory entry typed as a regular file (not a link) needs no second look.
            return Some(if kind.is_file() {
                Found::Regular(entry.into_path())
            } else {
                Found::File(entry.into_path())
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path, found: impl Iterator<Item = Found>) -> Vec<String> {
        found
            .map(|f| {
                f.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect()
    }

    #[test]
    fn walks_sorted_depth_first_and_keeps_argument_order() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        for p in [
            "b/2.toml",
            "b/1.toml",
            "a.toml",
            "c/x/9.TOML",
            "c/notes.txt",
            ".hidden/h.toml",
            "c/.h.toml",
        ] {
            let p = dir.join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "").unwrap();
        }
        let inputs = [
            Input::Named(dir.to_path_buf()),
            Input::Named(dir.join("a.toml")),
            Input::Listed(dir.join("b")),
        ];
        assert_eq!(
            names(dir, walk(inputs)),
            [
                "a.toml",
                "b/1.toml",
                "b/2.toml",
                "c/x/9.TOML",
                "a.toml",
                "b/1.toml",
                "b/2.toml"
            ]
        );
    }

    #[test]
    fn named_paths_are_read_as_given_and_found_ones_only_if_regular() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.toml");
        std::fs::write(&file, "x = 1").unwrap();
        let mut found = walk([
            Input::Named(file.clone()),
            Input::Listed(file),
            Input::Named(dir.path().to_path_buf()),
        ]);
        assert!(matches!(found.next(), Some(Found::Named(_))));
        assert!(matches!(found.next(), Some(Found::File(_))));
        // A walk's own entry says it is a regular file: no second look before opening it.
        let walked = found.next();
        assert!(matches!(walked, Some(Found::Regular(_))));
        assert!(found.next().is_none());
        assert_eq!(&*walked.unwrap().read().unwrap().text, "x = 1");
    }

    /// A FIFO or a link found by a walk is looked at before anything is opened.
    #[cfg(unix)]
    #[test]
    fn walked_fifos_and_links_are_looked_at_first() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        std::fs::write(dir.join("a.toml"), "x = 1").unwrap();
        symlink("a.toml", dir.join("link.toml")).unwrap();
        rustix::fs::mkfifoat(rustix::fs::CWD, dir.join("pipe.toml"), 0o600.into()).unwrap();
        let found: Vec<Found> = toml_files(dir).collect();
        assert!(matches!(found[0], Found::Regular(_)));
        assert!(matches!(found[1], Found::File(_)), "link.toml");
        assert!(matches!(found[2], Found::File(_)), "pipe.toml");
        let mut found = found.into_iter();
        found.next();
        assert_eq!(&*found.next().unwrap().read().unwrap().text, "x = 1");
        // Refused without being opened: opening a FIFO with no writer would block.
        assert!(found.next().unwrap().read().is_err());
    }

    #[test]
    fn except_leaves_out_a_top_level_directory_only() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        for p in ["guideline.toml", "tests/t.toml", "more/tests/x.toml"] {
            let p = dir.join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "").unwrap();
        }
        assert_eq!(
            names(dir, toml_files(dir).except("tests")),
            ["guideline.toml", "more/tests/x.toml"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn directory_links_are_not_followed_and_file_links_are() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        std::fs::create_dir(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/a.toml"), "").unwrap();
        symlink("..", dir.join("sub/up")).unwrap();
        symlink(".", dir.join("sub/here.toml")).unwrap();
        symlink("a.toml", dir.join("sub/link.toml")).unwrap();
        symlink("nowhere.toml", dir.join("sub/dangling.toml")).unwrap();
        assert_eq!(
            names(dir, toml_files(dir)),
            ["sub/a.toml", "sub/dangling.toml", "sub/link.toml"]
        );
    }
}
