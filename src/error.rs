//! The library's one error type. Every failure is a value here; the command layer maps it to an
//! exit code and prints it.

use crate::source::{Diagnostic, QUOTE_CHARS, clip, totals};
use crate::text::visible;

/// Something stopped the command: a file could not be read, or its contents are invalid.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("{}: {reason}", visible(path))]
    Read { path: String, reason: String },
    /// One or more problems in input files, each with file, line and column.
    #[error("{}", render(.0))]
    Invalid(Vec<Diagnostic>),
    /// No built-in guideline or directory has this name.
    #[error("unknown guideline `{}`: it is neither a built-in guideline ({}) nor a directory", visible(&clip(name, QUOTE_CHARS)), .known.join(", "))]
    UnknownGuideline { name: String, known: Vec<String> },
    /// No indicator (or question) has this code.
    #[error("`{}` is not an indicator or question of guideline `{guideline}`{}", visible(&clip(code, QUOTE_CHARS)), .suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
    UnknownCode {
        code: String,
        guideline: String,
        suggestion: Option<String>,
    },
    /// Writing output failed.
    #[error("cannot write {}: {reason}", visible(path))]
    Write { path: String, reason: String },
    /// An output path holds something that is not a regular file; it was left as it is.
    #[error("cannot write {path}: it {what}")]
    NotAFile {
        path: String,
        what: crate::output::Unfit,
    },
}

/// Every diagnostic (those of a file beyond the cap as one line), then how many errors in all.
fn render(diags: &[Diagnostic]) -> String {
    let errors = totals(diags).errors;
    let mut out: Vec<String> = diags.iter().map(ToString::to_string).collect();
    if errors > 1 {
        out.push(format!("{errors} errors"));
    }
    out.join("\n")
}

impl Error {
    /// A read error for `path` from an I/O error, in plain words.
    #[must_use]
    pub fn read(path: &str, e: &std::io::Error) -> Error {
        let reason = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            std::io::ErrorKind::IsADirectory => "is a directory, not a file".to_owned(),
            _ => e.to_string(),
        };
        Error::Read {
            path: path.to_owned(),
            reason,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
