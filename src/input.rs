//! Reading input files: size and content checks that turn bad files into clear errors.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::source::Source;

/// Largest input file accepted.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a text file the user named, refusing directories, huge files and binary content. The
/// path may be a FIFO or a device (`esg score <(gen)`, `/dev/stdin`): it is read as a stream, and
/// never more than [`MAX_FILE_BYTES`] of it.
pub fn read_file(path: &Path) -> Result<Source> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Error::read(&name, &e))?;
    if meta.is_dir() {
        return Err(Error::Read {
            path: name,
            reason: "is a directory, not a file".into(),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(&name, meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::read(&name, &e))?;
    read_open(name, file, meta.len())
}

/// Reads a text file found by walking a directory or listed in a file of paths. Only a regular
/// file, or a symbolic link to one, is read: anything else (a FIFO, a socket, a device) is an error
/// without being opened, so that no walk can block on it. The file is opened without blocking and
/// checked again once open, so that one swapped for a FIFO in between is refused as well.
pub fn read_regular(path: &Path) -> Result<Source> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Error::read(&name, &e))?;
    if !meta.is_file() {
        return Err(not_regular(name, &meta.file_type()));
    }
    let file = open_nonblocking(path).map_err(|e| Error::read(&name, &e))?;
    let meta = file.metadata().map_err(|e| Error::read(&name, &e))?;
    if !meta.is_file() {
        return Err(not_regular(name, &meta.file_type()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(&name, meta.len()));
    }
    read_open(name, file, meta.len())
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // Reading a regular file ignores O_NONBLOCK; opening a FIFO with it does not wait for a writer.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(i32::try_from(rustix::fs::OFlags::NONBLOCK.bits()).unwrap_or_default())
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// The error for a path that is not a regular file, naming what it is.
fn not_regular(path: String, kind: &std::fs::FileType) -> Error {
    if kind.is_dir() {
        return Error::Read {
            path,
            reason: "is a directory, not a file".into(),
        };
    }
    let what = special_kind(kind);
    Error::Read {
        path,
        reason: format!("is {what}, not a regular file; it was not opened"),
    }
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_char_device() {
        "a character device"
    } else {
        "something else"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "something else"
}

fn read_open(name: String, file: std::fs::File, len: u64) -> Result<Source> {
    let mut bytes = Vec::with_capacity(usize::try_from(len.min(MAX_FILE_BYTES)).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::read(&name, &e))?;
    decode(name, bytes)
}

/// Reads standard input (or any reader) as a text file named `name`.
pub fn read_stream(name: &str, reader: impl Read) -> Result<Source> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::read(name, &e))?;
    decode(name.to_owned(), bytes)
}

fn too_large(name: &str, len: u64) -> Error {
    let limit = MAX_FILE_BYTES / 1024 / 1024;
    let reason = if len > MAX_FILE_BYTES + 1 {
        format!(
            "is too large ({:.1} MiB); files up to {limit} MiB are read",
            len as f64 / 1024.0 / 1024.0
        )
    } else {
        format!("is too large (more than {limit} MiB); files up to {limit} MiB are read")
    };
    Error::Read {
        path: name.to_owned(),
        reason,
    }
}

fn decode(name: String, mut bytes: Vec<u8>) -> Result<Source> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(&name, bytes.len() as u64));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if bytes.contains(&0) {
        return Err(Error::Read {
            path: name,
            reason: "is a binary file, not TOML text".into(),
        });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(name, text)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let src = Source::new(name.clone(), text);
            let (line, column) = src.position(offset);
            Err(Error::Read {
                path: name,
                reason: format!(
                    "is not UTF-8 text (invalid byte at line {line}, column {column}); save it as UTF-8"
                ),
            })
        }
    }
}
