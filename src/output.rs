//! Writing output files without ever damaging what is there.
//!
//! Every file `esg` writes (reports, lint reports, templates, answers saved by `esg assess`,
//! portfolio summaries) goes through this module:
//!
//! - **Only regular files are replaced.** A path that holds a directory, a device, a FIFO or a
//!   socket is refused ([`Error::NotAFile`]), and left as it is. A symbolic link is followed: the
//!   file it names is replaced and the link stays. A link to anything but a regular file, and a
//!   link that leads nowhere, are refused too (nothing is created at the end of a dangling link),
//!   and so is a link another user made in a shared directory such as `/tmp`.
//! - **Atomic replacement.** The bytes go to a temporary file beside the real target (created with
//!   `O_EXCL` under a random name `.NAME.RANDOM.esg-tmp`), which is then renamed over it, so a
//!   reader sees the old file or the new one, never half of one, and a failure leaves the old
//!   file as it was.
//! - **The old file's mode, owner and group are kept.** The temporary file is created no more
//!   readable than the file it replaces (a new file gets the usual mode under the umask), then
//!   given the old file's owner, group and permissions before the rename.
//! - **No leftovers.** A temporary file is removed when anything fails. A writer killed between
//!   writing and renaming still leaves one, so each writer holds an exclusive lock on its
//!   temporary file while it exists, and before writing into a directory removes the
//!   `.*.esg-tmp` files there whose lock nobody holds: they belong to dead writers.
//! - **Durability.** [`write_atomic`] and [`AtomicFile`] sync the file before the rename and its
//!   directory after it, so a file reported as written survives a power cut. [`Deferred`] is for
//!   a portfolio's thousands of reports: no sync per file, and one [`Deferred::sync`] at the end
//!   (on Linux one `syncfs` per file system, elsewhere each file's data before its rename and each
//!   directory once at the end).

use std::collections::BTreeSet;
use std::fs::{File, Metadata};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tempfile::NamedTempFile;

use crate::error::{Error, Result, Unfit};

/// How the names of temporary files end; a directory's `.*.esg-tmp` files that no live writer
/// holds are removed.
pub const TMP_SUFFIX: &str = ".esg-tmp";

/// The lock file a portfolio run holds in its `-o DIR`.
pub const LOCK_FILE: &str = ".esg.lock";

/// What a path that is not a regular file holds.
fn unfit(meta: &Metadata) -> Unfit {
    let t = meta.file_type();
    if t.is_dir() {
        return Unfit::Directory;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_char_device() || t.is_block_device() {
            return Unfit::Device;
        }
        if t.is_fifo() {
            return Unfit::Fifo;
        }
        if t.is_socket() {
            return Unfit::Socket;
        }
    }
    Unfit::Special
}

/// The file a write replaces or creates.
struct Target {
    /// Where the file really is: the path given, or the file a symbolic link names.
    real: PathBuf,
    /// The file being replaced, if there is one.
    old: Option<Metadata>,
}

impl Target {
    fn dir(&self) -> &Path {
        match self.real.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        }
    }
}

fn write_error(path: &Path, e: &std::io::Error) -> Error {
    // `tempfile` adds the temporary file's name to its errors: the name means nothing to a reader.
    let inner = e
        .get_ref()
        .and_then(|i| i.source())
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .unwrap_or(e);
    Error::write(&path.display().to_string(), inner)
}

/// The error of a temporary file that could not be made in `dir`.
fn temporary_error(path: &Path, dir: &Path, e: &std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::NotFound {
        return Error::Write {
            path: path.display().to_string(),
            reason: crate::msg!(
                "{0} 디렉터리가 없습니다",
                "no such directory: {0}",
                crate::text::visible(&dir.display().to_string())
            ),
        };
    }
    write_error(path, e)
}

fn not_a_file(path: &Path, what: Unfit) -> Error {
    Error::NotAFile {
        path: path.display().to_string(),
        what,
    }
}

/// Checks that `path` may be written: absent, a regular file, or a symbolic link to a regular
/// file. Commands call it before a long task whose result goes there (`esg assess`).
pub fn check(path: &Path) -> Result<()> {
    resolve(path).map(|_| ())
}

fn resolve(path: &Path) -> Result<Target> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Target {
                real: path.to_owned(),
                old: None,
            });
        }
        Err(e) => return Err(write_error(path, &e)),
    };
    if meta.file_type().is_symlink() {
        if !may_follow(path, &meta) {
            return Err(not_a_file(
                path,
                Unfit::SharedLink {
                    to: std::fs::read_link(path).unwrap_or_default(),
                },
            ));
        }
        return match std::fs::metadata(path) {
            Ok(t) if t.is_file() => Ok(Target {
                real: std::fs::canonicalize(path).map_err(|e| write_error(path, &e))?,
                old: Some(t),
            }),
            Ok(t) => Err(not_a_file(
                path,
                Unfit::Link {
                    to: std::fs::canonicalize(path)
                        .or_else(|_| std::fs::read_link(path))
                        .unwrap_or_default(),
                    what: Box::new(unfit(&t)),
                },
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(not_a_file(
                path,
                Unfit::Dangling {
                    to: std::fs::read_link(path).unwrap_or_default(),
                },
            )),
            Err(e) => Err(write_error(path, &e)),
        };
    }
    if meta.is_file() {
        Ok(Target {
            real: path.to_owned(),
            old: Some(meta),
        })
    } else {
        Err(not_a_file(path, unfit(&meta)))
    }
}

/// Whether the symbolic link at `link` may be followed: not when another user made it in a shared
/// directory (world-writable and sticky, such as `/tmp`), unless that user owns the directory. The
/// rule of Linux's `fs.protected_symlinks`, applied everywhere: without it, a link planted in
/// `/tmp` would make a report written there as root replace any file on the system.
#[cfg(unix)]
fn may_follow(link: &Path, meta: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    let dir = match link.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(d) = std::fs::metadata(dir) else {
        return false;
    };
    let shared = d.mode() & 0o1002 == 0o1002;
    !shared || meta.uid() == rustix::process::geteuid().as_raw() || meta.uid() == d.uid()
}

#[cfg(not(unix))]
fn may_follow(_link: &Path, _meta: &Metadata) -> bool {
    true
}

/// Opens an existing file without following a symbolic link and without blocking on a FIFO.
fn open_quietly(path: &Path, options: &mut std::fs::OpenOptions) -> std::io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
        // The flags are small positive numbers: the cast keeps them as they are.
        #[allow(clippy::cast_possible_wrap)]
        options.custom_flags(flags.bits() as i32);
    }
    options.open(path)
}

/// What came of trying to lock a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lock {
    /// Locked, until the file is closed (by the process or by its end, however it ends).
    Taken,
    /// Another open file holds the lock.
    Held,
    /// The file system (or the platform) has no such locks.
    Unavailable,
}

/// Tries to take an exclusive `flock` on `file`, without waiting.
fn try_lock(file: &File) -> Lock {
    #[cfg(unix)]
    {
        use rustix::fs::{FlockOperation, flock};
        match flock(file, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => Lock::Taken,
            Err(e) if e == rustix::io::Errno::WOULDBLOCK => Lock::Held,
            Err(_) => Lock::Unavailable,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Lock::Unavailable
    }
}

/// Removes the temporary files that dead writers left in `dir`: `.*.esg-tmp` regular files whose
/// lock nobody holds. A live writer holds its lock from creation to rename, so its file stays.
fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let bytes = name.as_encoded_bytes();
        if !(bytes.starts_with(b".") && bytes.ends_with(TMP_SUFFIX.as_bytes())) {
            continue;
        }
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = open_quietly(&path, std::fs::OpenOptions::new().read(true).write(true))
        else {
            continue;
        };
        if try_lock(&file) == Lock::Taken {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// A new temporary file in `target`'s directory, locked, no more readable than the file it will
/// replace.
fn temporary(target: &Target) -> std::io::Result<NamedTempFile> {
    let name = target
        .real
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    // Short enough that the temporary name stays within the file system's limit.
    let short: String = name.chars().take(64).collect();
    let prefix = format!(".{short}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TMP_SUFFIX).rand_bytes(8);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // Subject to the umask, like any new file; an old file's own mode is set before the rename.
        let mode = target.old.as_ref().map_or(0o666, |m| m.mode() & 0o777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    for _ in 0..16 {
        let tmp = builder.tempfile_in(target.dir())?;
        match try_lock(tmp.as_file()) {
            Lock::Taken => {}
            // Another writer cleaning the directory holds it for a moment: it is being removed.
            Lock::Held => continue,
            // A file system without locks: the file is written all the same, and no writer will
            // remove it as stale since no lock can be taken on it.
            Lock::Unavailable => {}
        }
        // Removed between its creation and the lock by a writer that took it for a dead one's.
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if tmp.as_file().metadata()?.nlink() == 0 {
                continue;
            }
        }
        return Ok(tmp);
    }
    Err(std::io::Error::other("cannot create a temporary file"))
}

/// Gives the finished temporary file the old file's owner, group and mode.
#[cfg(unix)]
fn keep_mode(file: &File, old: &Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let now = file.metadata()?;
    let mut mode = old.mode() & 0o7777;
    let moved = now.uid() != old.uid() || now.gid() != old.gid();
    if moved
        && std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid())).is_err()
        && std::os::unix::fs::fchown(file, None, Some(old.gid())).is_err()
        && now.gid() != old.gid()
    {
        // The group cannot be kept: what the old group could read, the new one may not.
        mode &= !0o070;
    }
    file.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn keep_mode(file: &File, old: &Metadata) -> std::io::Result<()> {
    file.set_permissions(old.permissions())
}

/// Syncs a directory, so that a rename in it is on disk. File systems that cannot sync a
/// directory say so, and are taken at their word.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        match File::open(dir).and_then(|d| d.sync_all()) {
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::InvalidInput | std::io::ErrorKind::Unsupported
                ) =>
            {
                Ok(())
            }
            other => other,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Whether a file's data is synced before its rename.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sync {
    /// Before the rename, and the directory after it.
    Now,
    /// Left to [`Deferred::sync`], where the platform allows it.
    Later,
}

/// Puts a finished temporary file in place of `target`.
fn put(target: &Target, shown: &Path, tmp: NamedTempFile, sync: Sync) -> Result<()> {
    let fail = |e: &std::io::Error| write_error(shown, e);
    if let Some(old) = &target.old {
        keep_mode(tmp.as_file(), old).map_err(|e| fail(&e))?;
    }
    if sync == Sync::Now {
        tmp.as_file().sync_all().map_err(|e| fail(&e))?;
    } else if !cfg!(target_os = "linux") {
        tmp.as_file().sync_data().map_err(|e| fail(&e))?;
    }
    // On failure the temporary file is dropped, which removes it.
    let file = tmp.persist(&target.real).map_err(|e| fail(&e.error))?;
    drop(file);
    if sync == Sync::Now {
        sync_dir(target.dir()).map_err(|e| fail(&e))?;
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically and durably, keeping the mode of the file it replaces.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes).map_err(|e| write_error(path, &e))?;
    file.commit()
}

/// A file written through a temporary file beside it: [`AtomicFile::commit`] puts it in place,
/// durably; dropped without a commit, it leaves nothing behind and the old file as it was.
pub struct AtomicFile {
    shown: PathBuf,
    target: Target,
    file: Option<BufWriter<NamedTempFile>>,
}

impl AtomicFile {
    /// Starts writing `path`; refuses a path that holds anything but a regular file.
    pub fn create(path: &Path) -> Result<AtomicFile> {
        let target = resolve(path)?;
        remove_stale(target.dir());
        let tmp = temporary(&target).map_err(|e| temporary_error(path, target.dir(), &e))?;
        Ok(AtomicFile {
            shown: path.to_owned(),
            target,
            file: Some(BufWriter::with_capacity(256 * 1024, tmp)),
        })
    }

    /// Flushes, syncs and renames the file into place, then syncs its directory.
    pub fn commit(mut self) -> Result<()> {
        let writer = self.file.take().expect("committed once");
        let tmp = writer
            .into_inner()
            .map_err(|e| write_error(&self.shown, e.error()))?;
        put(&self.target, &self.shown, tmp, Sync::Now)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.as_mut().expect("not committed").write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().expect("not committed").flush()
    }
}

/// Many atomic writes whose syncing waits for one [`Deferred::sync`] at the end: a portfolio's
/// reports. Each directory written into is cleaned of stale temporary files once.
#[derive(Debug, Default)]
pub struct Deferred {
    dirs: Mutex<BTreeSet<PathBuf>>,
}

impl Deferred {
    /// Ready for writes.
    #[must_use]
    pub fn new() -> Deferred {
        Deferred::default()
    }

    /// Writes `bytes` to `path` atomically, keeping the mode of the file it replaces; on disk for
    /// sure once [`Deferred::sync`] returns.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        let target = resolve(path)?;
        let dir = target.dir().to_owned();
        let first = self
            .dirs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(dir.clone());
        if first {
            remove_stale(&dir);
        }
        let mut tmp = temporary(&target).map_err(|e| temporary_error(path, &dir, &e))?;
        tmp.write_all(bytes).map_err(|e| write_error(path, &e))?;
        put(&target, path, tmp, Sync::Later)
    }

    /// Puts everything written on disk: on Linux one `syncfs` per file system written to,
    /// elsewhere each directory written into (the files' data was synced before their renames).
    pub fn sync(&self) -> Result<()> {
        let dirs = std::mem::take(
            &mut *self
                .dirs
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        #[cfg(target_os = "linux")]
        {
            use std::os::unix::fs::MetadataExt;
            let mut devices = BTreeSet::new();
            for dir in &dirs {
                let d = File::open(dir).map_err(|e| write_error(dir, &e))?;
                let dev = d.metadata().map_err(|e| write_error(dir, &e))?.dev();
                if devices.insert(dev) {
                    rustix::fs::syncfs(&d).map_err(|e| write_error(dir, &e.into()))?;
                }
            }
        }
        #[cfg(not(target_os = "linux"))]
        for dir in &dirs {
            sync_dir(dir).map_err(|e| write_error(dir, &e))?;
        }
        Ok(())
    }
}

/// The lock a portfolio run holds on its output directory, released when dropped (and by the
/// operating system when the process ends, however it ends).
#[derive(Debug)]
pub struct DirLock {
    _file: File,
}

/// Takes the lock of output directory `dir`: an exclusive `flock` on the file [`LOCK_FILE`] in it
/// (created if needed, and left there: removing a lock file races with the next run taking it).
/// `Ok(None)` when another process holds it. Where there are no such locks (some network file
/// systems, Windows), the run goes on unlocked.
pub fn lock_dir(dir: &Path) -> Result<Option<DirLock>> {
    let path = dir.join(LOCK_FILE);
    let file = open_quietly(
        &path,
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false),
    )
    .map_err(|e| {
        // A symbolic link where the lock file goes is refused by O_NOFOLLOW.
        match std::fs::symlink_metadata(&path) {
            Ok(m) if !m.is_file() => not_a_file(&path, unfit(&m)),
            _ => write_error(&path, &e),
        }
    })?;
    let meta = file.metadata().map_err(|e| write_error(&path, &e))?;
    if !meta.is_file() {
        return Err(not_a_file(&path, unfit(&meta)));
    }
    match try_lock(&file) {
        Lock::Held => Ok(None),
        Lock::Taken | Lock::Unavailable => Ok(Some(DirLock { _file: file })),
    }
}
