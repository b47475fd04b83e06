//! Reading input files: size and content checks that turn bad files into clear errors.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::source::Source;

/// Largest input file accepted.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a text file, refusing directories, huge files and binary content.
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
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
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
