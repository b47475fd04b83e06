//! Writing output files safely: a temporary file beside the target, then a rename, so a reader
//! never sees a half-written file and a failure leaves the old file as it was.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes).map_err(|e| Error::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    file.commit()
}

/// A file written through a temporary file beside it: [`AtomicFile::commit`] puts it in place;
/// dropped without a commit, it leaves nothing behind and the old file as it was.
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<std::io::BufWriter<std::fs::File>>,
}

impl AtomicFile {
    /// Starts writing `path`.
    pub fn create(path: &Path) -> Result<AtomicFile> {
        let name = path.display().to_string();
        if path.is_dir() {
            return Err(Error::Write {
                path: name,
                reason: "is a directory".into(),
            });
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let file_name = path
            .file_name()
            .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
        let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
        let file = std::fs::File::create(&tmp).map_err(|e| Error::Write {
            path: name,
            reason: e.to_string(),
        })?;
        Ok(AtomicFile {
            path: path.to_owned(),
            tmp,
            file: Some(std::io::BufWriter::with_capacity(256 * 1024, file)),
        })
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(mut self) -> Result<()> {
        let fail = |e: std::io::Error| Error::Write {
            path: self.path.display().to_string(),
            reason: e.to_string(),
        };
        let writer = self.file.take().expect("committed once");
        let result = writer
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)
            .and_then(|file| file.sync_all())
            .and_then(|()| std::fs::rename(&self.tmp, &self.path));
        if result.is_err() {
            let _ = std::fs::remove_file(&self.tmp);
        }
        result.map_err(fail)
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

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}
