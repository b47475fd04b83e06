//! The library's one error type. Every failure is a value here; the command layer maps it to an
//! exit code and prints it.

use crate::source::{Diagnostic, QUOTE_CHARS, clip, totals};
use crate::text::{Lang, visible};

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
    NotAFile { path: String, what: Unfit },
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

/// What stands at an output path instead of a regular file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unfit {
    Directory,
    /// A character or block device, such as `/dev/null`.
    Device,
    /// A FIFO (named pipe).
    Fifo,
    Socket,
    /// Anything else that is not a regular file.
    Special,
    /// A symbolic link to a path where nothing is.
    Dangling {
        to: std::path::PathBuf,
    },
    /// A symbolic link to something that is not a regular file.
    Link {
        to: std::path::PathBuf,
        what: Box<Unfit>,
    },
    /// A symbolic link that another user made in a shared directory (world-writable and sticky,
    /// such as `/tmp`): not followed, as Linux's `protected_symlinks` would not follow it either.
    SharedLink {
        to: std::path::PathBuf,
    },
}

impl Unfit {
    /// What the path is, as the end of "X: …" ("is a device, not a regular file").
    #[must_use]
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Unfit::Directory => lang
                .pick(
                    "디렉터리이며 일반 파일이 아닙니다",
                    "is a directory, not a regular file",
                )
                .to_owned(),
            Unfit::Device => lang
                .pick(
                    "장치 파일이며 일반 파일이 아닙니다",
                    "is a device, not a regular file",
                )
                .to_owned(),
            Unfit::Fifo => lang
                .pick(
                    "FIFO(이름 있는 파이프)이며 일반 파일이 아닙니다",
                    "is a FIFO (named pipe), not a regular file",
                )
                .to_owned(),
            Unfit::Socket => lang
                .pick(
                    "소켓이며 일반 파일이 아닙니다",
                    "is a socket, not a regular file",
                )
                .to_owned(),
            Unfit::Special => lang
                .pick("일반 파일이 아닙니다", "is not a regular file")
                .to_owned(),
            Unfit::Dangling { to } => crate::tr!(
                lang,
                "심볼릭 링크이며, 가리키는 경로({})에는 아무것도 없습니다",
                "is a symbolic link to {}, which does not exist",
                to.display()
            ),
            Unfit::SharedLink { to } => crate::tr!(
                lang,
                "다른 사용자가 공용 디렉터리(누구나 쓸 수 있고 sticky 비트가 있는 곳)에 만든 심볼릭 링크이며, 가리키는 대상({})으로 따라가지 않습니다",
                "is a symbolic link to {} that another user made in a shared directory (world-writable and sticky); it is not followed",
                to.display()
            ),
            Unfit::Link { to, what } => crate::tr!(
                lang,
                "심볼릭 링크이며, 가리키는 대상({})은 {}",
                "is a symbolic link to {}, which {}",
                to.display(),
                what.describe(lang)
            ),
        }
    }

    /// What to do instead, when there is something to say.
    #[must_use]
    pub fn help(&self, lang: Lang) -> Option<String> {
        match self {
            Unfit::Directory => Some(
                lang.pick(
                    "디렉터리 안의 파일 이름을 주십시오",
                    "name a file inside the directory",
                )
                .to_owned(),
            ),
            Unfit::Dangling { .. } => Some(
                lang.pick(
                    "esg는 끊어진 링크 끝에 파일을 만들지 않습니다. 링크가 가리킬 파일을 먼저 만들거나, 그 파일의 경로를 직접 주십시오",
                    "esg does not create a file at the end of a dangling link; create the file it points to first, or name that file directly",
                )
                .to_owned(),
            ),
            Unfit::Link { what, .. } if **what == Unfit::Directory => what.help(lang),
            Unfit::SharedLink { .. } => Some(
                lang.pick(
                    "그 파일에 쓰려는 것이 맞다면 링크 대신 그 파일의 경로를 주십시오",
                    "if that file is what you mean, name it directly instead of the link",
                )
                .to_owned(),
            ),
            _ => Some(
                lang.pick(
                    "esg는 일반 파일에만 씁니다(심볼릭 링크는 가리키는 파일에 씁니다). 출력을 버리려면 -o를 빼고 표준 출력을 보내십시오: `esg … > /dev/null`",
                    "esg writes only to regular files (a symbolic link is followed to the file it names); to discard the output, leave out -o and redirect standard output: `esg … > /dev/null`",
                )
                .to_owned(),
            ),
        }
    }
}

impl std::fmt::Display for Unfit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
