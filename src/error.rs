//! The library's one error type. Every failure is a value here; the command layer maps it to an
//! exit code and prints it.

use crate::source::{Diagnostic, Message, QUOTE_CHARS, clip, totals};
use crate::text::{Lang, visible};

/// Something stopped the command: a file could not be read, or its contents are invalid.
///
/// Its words are in Korean and English: [`Error::message`] says it in one language, and
/// `Display` in English.
#[derive(Debug)]
pub enum Error {
    /// A file could not be read.
    Read { path: String, reason: Message },
    /// One or more problems in input files, each with file, line and column.
    Invalid(Vec<Diagnostic>),
    /// No built-in guideline or directory has this name.
    UnknownGuideline { name: String, known: Vec<String> },
    /// An answers file names several guidelines, one of which is not built in.
    NotBuiltIn { name: String },
    /// No indicator (or question) has this code.
    UnknownCode {
        code: String,
        guideline: String,
        suggestion: Option<String>,
    },
    /// Writing output failed.
    Write { path: String, reason: Message },
    /// An output path holds something that is not a regular file; it was left as it is.
    NotAFile { path: String, what: Unfit },
}

impl Error {
    /// A read error for `path` from an I/O error, in plain words.
    #[must_use]
    pub fn read(path: &str, e: &std::io::Error) -> Error {
        Error::Read {
            path: path.to_owned(),
            reason: io_reason(e),
        }
    }

    /// A write error for `path` from an I/O error, in plain words.
    #[must_use]
    pub fn write(path: &str, e: &std::io::Error) -> Error {
        Error::Write {
            path: path.to_owned(),
            reason: io_reason(e),
        }
    }

    /// The error in `lang`, as the command layer prints it after "오류:" or "error:".
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Read { path, reason } => format!("{}: {}", visible(path), reason.get(lang)),
            Error::Invalid(diags) => render(diags, lang),
            Error::UnknownGuideline { name, known } => crate::tr!(
                lang,
                "모르는 가이드라인 `{0}`입니다. 내장 가이드라인({1})도 아니고 디렉터리도 아닙니다",
                "unknown guideline `{0}`: it is neither a built-in guideline ({1}) nor a directory",
                visible(&clip(name, QUOTE_CHARS)),
                crate::source::names(known.iter().map(String::as_str), ", ", lang)
            ),
            Error::NotBuiltIn { name } => crate::tr!(
                lang,
                "이 답변 파일이 밝힌 `{0}` 가이드라인은 내장되어 있지 않습니다. 채점할 가이드라인마다 `--guideline`으로 내장 가이드라인 id나 패키지 디렉터리를 주십시오",
                "the answers file names guideline `{0}`, which is not built in: give each guideline to use with --guideline (a built-in id or a package directory)",
                visible(&clip(name, QUOTE_CHARS))
            ),
            Error::UnknownCode {
                code,
                guideline,
                suggestion,
            } => {
                let code = visible(&clip(code, QUOTE_CHARS)).into_owned();
                match suggestion {
                    Some(s) => crate::tr!(
                        lang,
                        "`{guideline}` 가이드라인에 `{code}` 지표나 질문이 없습니다. 혹시 `{s}`인가요?",
                        "`{code}` is not an indicator or question of guideline `{guideline}`; did you mean `{s}`?"
                    ),
                    None => crate::tr!(
                        lang,
                        "`{guideline}` 가이드라인에 `{code}` 지표나 질문이 없습니다",
                        "`{code}` is not an indicator or question of guideline `{guideline}`"
                    ),
                }
            }
            Error::Write { path, reason } => crate::tr!(
                lang,
                "{}에 쓸 수 없습니다: {}",
                "cannot write {}: {}",
                visible(path),
                reason.get(lang)
            ),
            Error::NotAFile { path, what } => crate::tr!(
                lang,
                "{}에 쓸 수 없습니다: {}",
                "cannot write {}: it {}",
                visible(path),
                what.describe(lang)
            ),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}

/// Every diagnostic (those of a file beyond the cap as one line), then how many errors in all.
fn render(diags: &[Diagnostic], lang: Lang) -> String {
    let errors = totals(diags).errors;
    let mut out: Vec<String> = diags.iter().map(|d| d.shown(lang).to_string()).collect();
    if errors > 1 {
        out.push(crate::tr!(lang, "오류 {errors}개", "{errors} errors"));
    }
    out.join("\n")
}

/// Why an I/O operation failed, in plain words: the common reasons said in each language, any
/// other as the system says it (with its number, in Korean).
#[must_use]
pub fn io_reason(e: &std::io::Error) -> Message {
    use std::io::ErrorKind as K;
    let (ko, en) = match e.kind() {
        K::NotFound => (
            "그런 파일이나 디렉터리가 없습니다",
            "no such file or directory",
        ),
        K::PermissionDenied => ("권한이 없습니다", "permission denied"),
        K::IsADirectory => ("파일이 아니라 디렉터리입니다", "is a directory, not a file"),
        K::NotADirectory => (
            "경로의 중간에 디렉터리가 아닌 것이 있습니다",
            "a component of the path is not a directory",
        ),
        K::AlreadyExists => ("이미 있습니다", "already exists"),
        K::StorageFull => ("저장 공간이 가득 찼습니다", "no space left on the device"),
        K::ReadOnlyFilesystem => ("읽기 전용 파일 시스템입니다", "read-only file system"),
        K::FileTooLarge => ("파일이 너무 큽니다", "file too large"),
        K::InvalidData => (
            "읽은 내용이 올바르지 않습니다",
            "the data read is not valid",
        ),
        K::Interrupted => ("중단되었습니다", "interrupted"),
        _ => {
            let ko = match e.raw_os_error() {
                Some(n) => format!("입출력 오류가 났습니다 (운영체제 오류 {n})"),
                None => "입출력 오류가 났습니다".to_owned(),
            };
            return Message::new(ko, e.to_string());
        }
    };
    Message::new(ko, en)
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
                "다른 사용자가 공용 디렉터리(누구나 쓸 수 있고 스티키 비트가 설정된 곳)에 만든 심볼릭 링크이며, 가리키는 대상({})으로 따라가지 않습니다",
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
                    "`esg`는 끊어진 링크 끝에 파일을 만들지 않습니다. 링크가 가리킬 파일을 먼저 만들거나, 그 파일의 경로를 직접 주십시오",
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
                    "`esg`는 일반 파일에만 씁니다(심볼릭 링크는 가리키는 파일에 씁니다). 출력을 버리려면 `-o`를 빼고 표준 출력을 보내십시오: `esg … > /dev/null`",
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
