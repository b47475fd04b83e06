//! Reading input files: size and content checks that turn bad files into clear errors.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::msg;
use crate::source::{Message, Source};

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
            reason: is_a_directory(),
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
    read_checked(name, path)
}

/// [`read_regular`] for a path a directory walk has just listed as a regular file (not a link):
/// the look at the path before opening it is left out, the open file is checked as always (a
/// file replaced since the walk by something else is refused the same way).
pub fn read_walked_file(path: &Path) -> Result<Source> {
    read_checked(path.display().to_string(), path)
}

/// Opens `path` without waiting on a FIFO, and reads it if the open file is a regular file of at
/// most [`MAX_FILE_BYTES`].
fn read_checked(name: String, path: &Path) -> Result<Source> {
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
            reason: is_a_directory(),
        };
    }
    let (ko, en) = special_kind(kind);
    Error::Read {
        path,
        reason: msg!(
            "일반 파일이 아니라 {ko}이므로 열지 않았습니다",
            "is {en}, not a regular file; it was not opened"
        ),
    }
}

/// The reason for a directory given where a file is read.
fn is_a_directory() -> Message {
    msg!("파일이 아니라 디렉터리입니다", "is a directory, not a file")
}

/// What a path that is not a regular file is, in Korean and English.
#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> (&'static str, &'static str) {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        ("FIFO(이름 있는 파이프)", "a FIFO (named pipe)")
    } else if kind.is_socket() {
        ("소켓", "a socket")
    } else if kind.is_block_device() {
        ("블록 장치", "a block device")
    } else if kind.is_char_device() {
        ("문자 장치", "a character device")
    } else {
        ("다른 종류의 파일", "something else")
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> (&'static str, &'static str) {
    ("다른 종류의 파일", "something else")
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
        let size = format!("{:.1}", len as f64 / 1024.0 / 1024.0);
        msg!(
            "파일이 너무 큽니다({size} MiB). {limit} MiB까지 읽습니다",
            "is too large ({size} MiB); files up to {limit} MiB are read"
        )
    } else {
        msg!(
            "파일이 너무 큽니다({limit} MiB 넘음). {limit} MiB까지 읽습니다",
            "is too large (more than {limit} MiB); files up to {limit} MiB are read"
        )
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
            reason: msg!(
                "TOML 글이 아니라 이진 파일입니다",
                "is a binary file, not TOML text"
            ),
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
                reason: msg!(
                    "UTF-8 글이 아닙니다({line}행 {column}열에 잘못된 바이트). UTF-8로 저장하십시오",
                    "is not UTF-8 text (invalid byte at line {line}, column {column}); save it as UTF-8"
                ),
            })
        }
    }
}
