//! Source files and positions in them, for messages that point at a line and column.
//!
//! Diagnostics are built to scale: positions come from an index of line starts made once per
//! file, an excerpt is a window of at most [`EXCERPT_WIDTH`] columns of its line, a message
//! quotes at most [`QUOTE_CHARS`] characters of a value, and [`Capped`] builds at most
//! [`MAX_PER_FILE`] diagnostics per file (the first in file order), counting the rest.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthStr;

use crate::code::Code;
pub use crate::code::Severity;
use crate::text::{Lang, Ui, visible};

mod toml_error;

pub use toml_error::{toml_edit_error, toml_error};

/// How many problems of one file are built and reported; the others are counted, and reported
/// as one line "and K more problems in this file".
pub const MAX_PER_FILE: usize = 100;

/// The widest excerpt of a source line, in terminal columns; a longer line is shown as a window
/// around the span, its cut ends marked with `…`.
pub const EXCERPT_WIDTH: usize = 120;

/// Columns of the line shown before the span when a long line is cut (more when the span is
/// near the end of the line).
const EXCERPT_BEFORE: usize = 40;

/// The most characters of a value a message quotes between backticks.
pub const QUOTE_CHARS: usize = 80;

/// The most characters of a message or hint line.
const LINE_CHARS: usize = 400;

/// The text of one input file, and the name to show for it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in messages (a path, `<stdin>`, or `builtin:k-esg-sme/e.toml`).
    pub name: String,
    /// The whole text.
    pub text: Arc<str>,
    /// Byte offsets where lines start, made on first use.
    lines: OnceLock<Arc<[usize]>>,
}

impl Source {
    /// A source from a name and its text.
    #[must_use]
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Source {
        Source {
            name: name.into(),
            text: text.into(),
            lines: OnceLock::new(),
        }
    }

    /// The byte offsets where lines start (the first is 0), indexed once per file.
    fn line_starts(&self) -> &[usize] {
        self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(
                    self.text
                        .bytes()
                        .enumerate()
                        .filter(|(_, b)| *b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .collect()
        })
    }

    /// The 0-based line holding byte `offset`, and the byte where that line starts.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        (line, starts[line])
    }

    /// The 1-based line and column (counted in characters) of a byte offset.
    #[must_use]
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let (line, start) = self.line_of(offset);
        let column = self.text[start..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// A diagnostic with `code` at a byte span of this source; its severity is the code's.
    /// Values the message quotes between backticks are shortened to [`QUOTE_CHARS`] characters.
    #[must_use]
    pub fn diagnostic(
        &self,
        code: Code,
        span: Option<Range<usize>>,
        message: Message,
    ) -> Diagnostic {
        let (line, column) = span.as_ref().map_or((0, 0), |s| self.position(s.start));
        let excerpt = span
            .as_ref()
            .filter(|_| line > 0)
            .map(|s| self.excerpt(s, column));
        Diagnostic {
            code,
            file: self.name.clone(),
            line,
            column,
            span,
            severity: code.severity(),
            message: message.shortened(),
            help: None,
            excerpt,
            omitted: None,
        }
    }

    /// The line a span starts on, or a window of it around the span when it is long, and how
    /// many characters of the line the span covers.
    fn excerpt(&self, span: &Range<usize>, column: usize) -> Excerpt {
        let start = floor_char_boundary(&self.text, span.start.min(self.text.len()));
        let (_, line_start) = self.line_of(start);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let line = self.text[line_start..line_end].trim_end_matches('\r');
        let s = (start - line_start).min(line.len());
        let e = floor_char_boundary(line, span.end.clamp(start, line_end) - line_start).max(s);
        // The span's width in characters, as far as the line goes (an empty span or one at the
        // end of the line marks one character).
        let width = if s == line.len() {
            1
        } else {
            line[s..e].chars().count().max(1)
        };
        Excerpt::window(line, s, e, width, column)
    }
}

/// Display width of a character as an excerpt shows it: 2 for wide (Korean, CJK) characters.
fn char_width(c: char) -> usize {
    shown_char(c).width()
}

/// A character of a source line as shown in a terminal: a tab as a space, control characters and
/// bidi overrides as visible symbols.
fn shown_char(c: char) -> Cow<'static, str> {
    if c == '\t' {
        return Cow::Borrowed(" ");
    }
    let mut buf = [0; 4];
    match visible(c.encode_utf8(&mut buf)) {
        Cow::Borrowed(_) => Cow::Owned(c.to_string()),
        Cow::Owned(s) => Cow::Owned(s),
    }
}

/// Whether `s` is at most `max` columns wide, without measuring all of a long line.
fn width_at_most(s: &str, max: usize) -> bool {
    let mut w = 0;
    s.chars().all(|c| {
        w += char_width(c);
        w <= max
    })
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

/// `s` cut to at most `max` characters, with `…` at the cut.
#[must_use]
pub fn clip(s: &str, max: usize) -> Cow<'_, str> {
    if s.len() <= max || s.chars().nth(max).is_none() {
        return Cow::Borrowed(s);
    }
    let keep = s
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    Cow::Owned(format!("{}…", &s[..keep]))
}

/// Text from a message or hint made short enough to show: each value quoted between backticks
/// cut to [`QUOTE_CHARS`] characters, each line to a few hundred.
#[must_use]
pub fn shorten_text(s: &str) -> Cow<'_, str> {
    let long_quote = s
        .split('`')
        .enumerate()
        .any(|(i, part)| i % 2 == 1 && part.len() > QUOTE_CHARS);
    let long_line = s.lines().any(|l| l.len() > LINE_CHARS);
    if !long_quote && !long_line {
        return Cow::Borrowed(s);
    }
    let parts: Vec<Cow<'_, str>> = s
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                clip(part, QUOTE_CHARS)
            } else {
                Cow::Borrowed(part)
            }
        })
        .collect();
    let joined = parts.join("`");
    let lines: Vec<Cow<'_, str>> = joined.split('\n').map(|l| clip(l, LINE_CHARS)).collect();
    Cow::Owned(lines.join("\n"))
}

fn shorten(s: String) -> String {
    match shorten_text(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(o) => o,
    }
}

/// Words a person reads, in Korean and English, written where the problem is found: the code
/// that detects a problem says it in both languages, and a renderer picks one.
///
/// [`msg!`](crate::msg) builds one from a Korean and an English format string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub ko: String,
    pub en: String,
}

impl Message {
    /// A message from its Korean and its English.
    #[must_use]
    pub fn new(ko: impl Into<String>, en: impl Into<String>) -> Message {
        Message {
            ko: ko.into(),
            en: en.into(),
        }
    }

    /// A message made by `f` in each language.
    #[must_use]
    pub fn by(f: impl Fn(Lang) -> String) -> Message {
        Message {
            ko: f(Lang::Ko),
            en: f(Lang::En),
        }
    }

    /// The message in `lang`.
    #[must_use]
    pub fn get(&self, lang: Lang) -> &str {
        match lang.ui() {
            Ui::Ko => &self.ko,
            Ui::En => &self.en,
        }
    }

    /// The message with each quoted value and each line made short enough to show.
    #[must_use]
    pub fn shortened(self) -> Message {
        Message {
            ko: shorten(self.ko),
            en: shorten(self.en),
        }
    }
}

/// Names the user writes (ids, keys) as a message lists them, joined by `sep`: each between
/// backticks in Korean, so that no bare English word stands in a Korean sentence, and bare in
/// English (`a, b`).
#[must_use]
pub fn names<'a>(items: impl IntoIterator<Item = &'a str>, sep: &str, lang: Lang) -> String {
    let items: Vec<String> = items
        .into_iter()
        .map(|i| match lang.ui() {
            Ui::Ko => format!("`{i}`"),
            Ui::En => i.to_owned(),
        })
        .collect();
    items.join(sep)
}

/// A [`Message`] from a Korean and an English format string with the same arguments:
/// `msg!("`{id}` 질문이 없습니다", "no question `{id}`")`. With `lang =>` first, the arguments
/// may depend on the language: `msg!(lang => "{}", "{}", kind.name(lang))`.
#[macro_export]
macro_rules! msg {
    ($lang:ident => $ko:literal, $en:literal $(, $($arg:tt)*)?) => {
        $crate::source::Message::by(|$lang| $crate::tr!($lang, $ko, $en $(, $($arg)*)?))
    };
    ($ko:literal, $en:literal $(, $($arg:tt)*)?) => {
        $crate::source::Message::new(format!($ko $(, $($arg)*)?), format!($en $(, $($arg)*)?))
    };
}

/// One problem in an input file, with where it is.
///
/// A diagnostic whose [`omitted`](Diagnostic::omitted) is set is not a problem of its own: it
/// stands for the problems of its file beyond the first [`MAX_PER_FILE`], counted but not built,
/// and sits at the position of the first of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// What kind of problem it is (printed kebab-case; see `esg explain CODE`). For the entry
    /// that closes a capped list, the code of the first problem left out.
    pub code: Code,
    /// The file's name as shown to the user.
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when the problem concerns the whole file.
    pub column: usize,
    /// Byte range in the file, when known.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// Error or warning: the code's severity (for the entry that closes a capped list, an error
    /// if any problem left out is one).
    pub severity: Severity,
    /// What is wrong, in plain words.
    pub message: Message,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Message>,
    /// The source line, for showing where the problem is.
    #[serde(skip)]
    pub excerpt: Option<Excerpt>,
    /// For the entry that closes a file's capped list: how many problems were left out.
    #[serde(skip)]
    pub omitted: Option<Omitted>,
}

/// How many problems of a file were counted but not built or shown, by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Omitted {
    pub errors: usize,
    pub warnings: usize,
}

impl Omitted {
    /// Errors and warnings together.
    #[must_use]
    pub fn total(self) -> usize {
        self.errors + self.warnings
    }

    fn add(&mut self, severity: Severity, n: usize) {
        match severity {
            Severity::Error => self.errors += n,
            Severity::Warning => self.warnings += n,
        }
    }

    /// "and K more problems in this file", in Korean or English.
    #[must_use]
    pub fn message(self, lang: Lang) -> String {
        crate::tr!(
            lang,
            "그리고 이 파일에 문제가 {}개 더 있습니다 (표시하지 않음)",
            "and {} more problems in this file (not shown)",
            self.total()
        )
    }
}

/// A window of a source line and which of its characters to mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The source line; when it is wider than [`EXCERPT_WIDTH`] columns, a window of it around
    /// the span, with `…` where it was cut. Control characters are as in the file.
    pub text: String,
    /// The characters of `text` to mark (0-based, counted in characters).
    pub mark: Range<usize>,
    /// How many characters of the line the span covers from the diagnostic's column (at least 1).
    pub width: usize,
}

impl Excerpt {
    /// The text as a terminal shows it (a tab as a space, control characters and bidi overrides
    /// as visible symbols), and the bytes of it to mark (empty at the end of the line when the
    /// span is past it).
    #[must_use]
    pub fn shown(&self) -> (String, Range<usize>) {
        let mut shown = String::with_capacity(self.text.len());
        let (mut start, mut end) = (None, None);
        for (i, c) in self.text.chars().enumerate() {
            if i == self.mark.start {
                start = Some(shown.len());
            }
            if i == self.mark.end {
                end = Some(shown.len());
            }
            shown.push_str(&shown_char(c));
        }
        let start = start.unwrap_or(shown.len());
        let end = end.unwrap_or(shown.len()).max(start);
        (shown, start..end)
    }

    /// The excerpt of `line` for the span `s..e` (bytes of `line`), `width` characters long,
    /// starting at 1-based `column`.
    fn window(line: &str, s: usize, e: usize, width: usize, column: usize) -> Excerpt {
        let fits = width_at_most(line, EXCERPT_WIDTH);
        if fits {
            let start = column - 1;
            return Excerpt {
                text: line.to_owned(),
                mark: start..start + width,
                width,
            };
        }
        // Forward from the span's start, then as much before it as the rest of the budget.
        let mut right = s;
        let mut used = 0;
        for (i, c) in line[s..].char_indices() {
            let w = char_width(c);
            if used + w > EXCERPT_WIDTH - EXCERPT_BEFORE {
                break;
            }
            used += w;
            right = s + i + c.len_utf8();
        }
        let mut left = s;
        let mut before = 0;
        for (i, c) in line[..s].char_indices().rev() {
            let w = char_width(c);
            if used + before + w > EXCERPT_WIDTH {
                break;
            }
            before += w;
            left = i;
        }
        let left = ceil_char_boundary(line, left);
        let mut text = String::with_capacity(right - left + 8);
        let mut lead = 0;
        if left > 0 {
            text.push('…');
            lead = 1;
        }
        text.push_str(&line[left..right]);
        if right < line.len() {
            text.push('…');
        }
        let mark_start = lead + line[left..s].chars().count();
        let mark_len = if s == line.len() {
            1
        } else {
            line[s..e.clamp(s, right)].chars().count().max(1)
        };
        Excerpt {
            text,
            mark: mark_start..mark_start + mark_len,
            width,
        }
    }
}

impl Diagnostic {
    /// A diagnostic with `code` about a whole file (no line or column).
    #[must_use]
    pub fn whole_file(file: impl Into<String>, code: Code, message: Message) -> Diagnostic {
        Diagnostic {
            code,
            file: file.into(),
            line: 0,
            column: 0,
            span: None,
            severity: code.severity(),
            message: message.shortened(),
            help: None,
            excerpt: None,
            omitted: None,
        }
    }

    /// The column just past the marked span (1-based, in characters), when there is one.
    #[must_use]
    pub fn end_column(&self) -> usize {
        match &self.excerpt {
            Some(ex) if self.column > 0 => self.column + ex.width,
            _ => self.column,
        }
    }

    /// Adds a hint on how to fix the problem.
    #[must_use]
    pub fn with_help(mut self, help: Message) -> Diagnostic {
        self.help = Some(help);
        self
    }

    /// The message in `lang`, shortened (values quoted, long lines cut).
    #[must_use]
    pub fn message_text(&self, lang: Lang) -> Cow<'_, str> {
        shorten_text(self.message.get(lang))
    }

    /// The hint in `lang`, shortened as messages are.
    #[must_use]
    pub fn help_text(&self, lang: Lang) -> Option<Cow<'_, str>> {
        self.help.as_ref().map(|h| shorten_text(h.get(lang)))
    }

    /// The diagnostic as a terminal shows it in `lang`: position, message, excerpt, hint.
    #[must_use]
    pub fn shown(&self, lang: Lang) -> Shown<'_> {
        Shown { d: self, lang }
    }

    /// The entry that stands for `omitted` problems of `file` left out, at the first of them
    /// (whose code is `code`).
    #[must_use]
    pub fn omitted(file: &str, code: Code, at: (usize, usize), omitted: Omitted) -> Diagnostic {
        let mut d = Diagnostic::whole_file(file, code, Message::by(|l| omitted.message(l)));
        (d.line, d.column) = at;
        d.omitted = Some(omitted);
        d.severity = if omitted.errors == 0 {
            Severity::Warning
        } else {
            Severity::Error
        };
        d
    }

    /// Writes the source line with the span marked under it, as a terminal shows it (control
    /// characters visible, carets under the right columns even for wide characters).
    fn write_excerpt(&self, f: &mut std::fmt::Formatter<'_>, ex: &Excerpt) -> std::fmt::Result {
        let gutter = " ".repeat(self.line.to_string().len());
        let (shown, mark) = ex.shown();
        let lead = shown[..mark.start].width();
        let marks = shown[mark].width();
        write!(
            f,
            "\n{gutter} |\n{} | {shown}\n{gutter} | {}{}",
            self.line,
            " ".repeat(lead),
            "^".repeat(marks.max(1))
        )
    }
}

/// Counts of the errors and warnings in `diags`, those left out by a cap included.
#[must_use]
pub fn totals(diags: &[Diagnostic]) -> Omitted {
    let mut n = Omitted::default();
    for d in diags {
        match d.omitted {
            Some(o) => {
                n.errors += o.errors;
                n.warnings += o.warnings;
            }
            None => n.add(d.severity, 1),
        }
    }
    n
}

/// A diagnostic as a terminal shows it in one language (see [`Diagnostic::shown`]); a
/// diagnostic's own `Display` is this in English.
pub struct Shown<'a> {
    d: &'a Diagnostic,
    lang: Lang,
}

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (d, lang) = (self.d, self.lang);
        let file = visible(&d.file);
        if let Some(o) = d.omitted {
            return write!(f, "{file}: {}", o.message(lang));
        }
        if d.line > 0 {
            write!(f, "{file}:{}:{}: ", d.line, d.column)?;
        } else {
            write!(f, "{file}: ")?;
        }
        if d.severity == Severity::Warning {
            f.write_str(lang.pick("주의: ", "warning: "))?;
        }
        f.write_str(&visible(&d.message_text(lang)))?;
        if let Some(ex) = &d.excerpt {
            d.write_excerpt(f, ex)?;
        }
        if let Some(help) = d.help_text(lang) {
            let (first, rest) = match lang.ui() {
                Ui::Ko => ("  도움말: ", "          "),
                Ui::En => ("  help: ", "        "),
            };
            for (i, line) in help.lines().enumerate() {
                let lead = if i == 0 { first } else { rest };
                write!(f, "\n{lead}{}", visible(line))?;
            }
        }
        Ok(())
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.shown(Lang::En).fmt(f)
    }
}

/// The diagnostics of one file as they are found, of which at most [`MAX_PER_FILE`] are built:
/// those first in the file (by byte offset), whatever order they are found in. The others are
/// only counted, and [`Capped::finish`] closes the list with one entry that says how many.
#[derive(Debug)]
pub struct Capped {
    limit: usize,
    /// Kept diagnostics with their byte offset and the order they were found in.
    kept: Vec<(usize, usize, Diagnostic)>,
    found: usize,
    omitted: Omitted,
    /// Byte offset and code of the first problem left out, in file order.
    first_omitted: Option<(usize, Code)>,
    /// When full, the index and offset of the kept diagnostic that comes last in the file.
    last: Option<(usize, usize)>,
    /// Where callers' changes to a diagnostic that is not built go.
    scratch: Diagnostic,
}

impl Default for Capped {
    fn default() -> Capped {
        Capped::new(MAX_PER_FILE)
    }
}

impl Capped {
    /// A collector that builds at most `limit` diagnostics.
    #[must_use]
    pub fn new(limit: usize) -> Capped {
        Capped {
            limit,
            kept: Vec::new(),
            found: 0,
            omitted: Omitted::default(),
            first_omitted: None,
            last: None,
            scratch: Diagnostic::whole_file(String::new(), Code::TomlSyntax, Message::new("", "")),
        }
    }

    /// Records a problem with `code` at byte `offset` of the file. If it is among the first
    /// `limit` in file order, `build` makes it and it is returned; otherwise it is only counted
    /// and a throw-away diagnostic is returned, so that callers may set its help either way.
    pub fn push(
        &mut self,
        offset: usize,
        code: Code,
        build: impl FnOnce() -> Diagnostic,
    ) -> &mut Diagnostic {
        self.found += 1;
        if self.kept.len() >= self.limit {
            // Full: the new problem replaces the last kept one if it comes before it.
            match self.last {
                Some((i, o)) if offset < o => {
                    let (o, _, evicted) = self.kept.swap_remove(i);
                    self.leave_out(o, evicted.code);
                }
                _ => {
                    self.leave_out(offset, code);
                    self.scratch.help = None;
                    return &mut self.scratch;
                }
            }
        }
        self.kept.push((offset, self.found, build()));
        if self.kept.len() >= self.limit {
            self.last = self
                .kept
                .iter()
                .enumerate()
                .max_by_key(|(_, (o, seq, _))| (*o, *seq))
                .map(|(i, (o, _, _))| (i, *o));
        }
        &mut self.kept.last_mut().expect("just pushed").2
    }

    fn leave_out(&mut self, offset: usize, code: Code) {
        self.omitted.add(code.severity(), 1);
        self.first_omitted = match self.first_omitted {
            Some(first) if first.0 <= offset => Some(first),
            _ => Some((offset, code)),
        };
    }

    /// Whether any error was found, built or not.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.omitted.errors > 0 || self.kept.iter().any(|k| k.2.severity == Severity::Error)
    }

    /// Whether nothing was found.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.found == 0
    }

    /// The diagnostics built, in file order, then the entry for those left out if any.
    #[must_use]
    pub fn finish(mut self, source: &Source) -> Vec<Diagnostic> {
        self.kept.sort_by_key(|(o, seq, _)| (*o, *seq));
        let mut out: Vec<Diagnostic> = self.kept.into_iter().map(|k| k.2).collect();
        if let Some((first, code)) = self.first_omitted {
            out.push(Diagnostic::omitted(
                &source.name,
                code,
                source.position(first),
                self.omitted,
            ));
        }
        out
    }
}

/// The closest of `candidates` to `name`, if any is close enough to be a likely typo.
#[must_use]
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let src = Source::new("a.toml", "x = 1\n이름 = \"값\"\n");
        assert_eq!(src.position(0), (1, 1));
        let offset = src.text.find('=').unwrap();
        assert_eq!(src.position(offset), (1, 3));
        let second = src.text.rfind('=').unwrap();
        assert_eq!(src.position(second), (2, 4));
    }

    #[test]
    fn closest_suggests_typos_only() {
        let names = ["employees", "has_board", "listed"];
        assert_eq!(closest("employes", names), Some("employees"));
        assert_eq!(closest("zzz", names), None);
    }
    /// The position as it was found before the line index: by scanning from the file's start.
    fn position_by_scan(text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }

    proptest::proptest! {
        #[test]
        fn line_index_agrees_with_scanning(
            text in "(a|é|한|😀|\n|\r\n|\t| |=){0,200}",
            offsets in proptest::collection::vec(0usize..1000, 1..20),
        ) {
            let src = Source::new("t.toml", text.as_str());
            for o in offsets {
                proptest::prop_assert_eq!(src.position(o), position_by_scan(&text, o), "offset {}", o);
            }
        }
    }

    #[test]
    fn long_lines_are_cut_to_a_window_around_the_span() {
        let mut line = "x".repeat(3_000_000);
        line.replace_range(2_000_000..2_000_003, "bad");
        let src = Source::new("big.toml", format!("a = 1\n{line}\n"));
        let start = 6 + 2_000_000;
        let d = src.diagnostic(
            Code::UnknownKey,
            Some(start..start + 3),
            crate::msg!("모르는 키 `bad`", "unknown key `bad`"),
        );
        assert_eq!(
            (d.line, d.column, d.end_column()),
            (2, 2_000_001, 2_000_004)
        );
        let ex = d.excerpt.as_ref().unwrap();
        assert!(ex.text.starts_with('…') && ex.text.ends_with('…'));
        assert!(ex.text.chars().count() <= EXCERPT_WIDTH + 2);
        let marked: String = ex
            .text
            .chars()
            .skip(ex.mark.start)
            .take(ex.mark.len())
            .collect();
        assert_eq!(marked, "bad");
        let shown = d.to_string();
        assert!(shown.len() < 1000, "{shown}");
        let caret_line = shown.lines().last().unwrap();
        let text_line = shown.lines().nth(2).unwrap();
        let col = caret_line.find('^').unwrap();
        let above: String = text_line.chars().skip(col).take(3).collect();
        assert_eq!(above, "bad");
        assert_eq!(caret_line.matches('^').count(), 3);
    }

    #[test]
    fn a_span_at_the_end_of_a_long_line_keeps_context_before_it() {
        let line = "한".repeat(1000);
        let src = Source::new("k.toml", format!("{line}\n"));
        let d = src.diagnostic(
            Code::UnknownKey,
            Some(line.len()..line.len()),
            crate::msg!("`=`가 와야 합니다", "expected `=`"),
        );
        let ex = d.excerpt.as_ref().unwrap();
        assert!(ex.text.starts_with('…') && !ex.text.ends_with('…'));
        assert_eq!(
            ex.mark,
            ex.text.chars().count()..ex.text.chars().count() + 1
        );
        assert!(ex.text.width() <= EXCERPT_WIDTH + 1);
    }

    #[test]
    fn excerpts_show_control_characters_with_carets_in_place() {
        let src = Source::new("e.toml", "\u{1b}[2J = \"\u{202e}x\"\n");
        let d = src.diagnostic(
            Code::UnknownKey,
            Some(0..4),
            crate::msg!("모르는 키 `\u{1b}[2J`", "unknown key `\u{1b}[2J`"),
        );
        let shown = d.to_string();
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
            "{shown:?}"
        );
        assert!(shown.contains("␛[2J = \"<U+202E>x\""), "{shown}");
        assert!(shown.ends_with("\n  | ^^^^"), "{shown:?}");
    }

    #[test]
    fn quoted_values_in_messages_are_shortened() {
        let key = "k".repeat(10_000);
        let src = Source::new("a.toml", format!("{key} = 1\n"));
        let d = src.diagnostic(
            Code::UnknownKey,
            Some(0..key.len()),
            crate::msg!(
                "`[firm]`의 모르는 키 `{key}`",
                "unknown key `{key}` in [firm]"
            ),
        );
        assert!(d.message.en.len() < QUOTE_CHARS + 40, "{}", d.message.en);
        assert!(d.message.en.ends_with("…` in [firm]"));
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("abcd", 3), "ab…");
        assert_eq!(clip("한글입니다", 3), "한글…");
    }

    #[test]
    fn capped_keeps_the_first_problems_in_file_order() {
        let text: String = (0..50).map(|i| format!("k{i:02} = 1\n")).collect();
        let src = Source::new("c.toml", text.as_str());
        let mut capped = Capped::new(3);
        let mut built = 0;
        // Found out of order: the last line first.
        for i in [49, 3, 10, 0, 20, 1, 30] {
            let at = i * 8;
            capped
                .push(at, Code::UnknownKey, || {
                    built += 1;
                    src.diagnostic(
                        Code::UnknownKey,
                        Some(at..at + 3),
                        crate::msg!("모르는 키 `k{i:02}`", "unknown key `k{i:02}`"),
                    )
                })
                .help = Some(crate::msg!("혹시 …?", "did you mean …?"));
        }
        assert!(capped.has_errors());
        let out = capped.finish(&src);
        let lines: Vec<usize> = out.iter().map(|d| d.line).collect();
        assert_eq!(lines, [1, 2, 4, 11]);
        assert!(out[..3].iter().all(|d| d.omitted.is_none()));
        let last = &out[3];
        assert_eq!(
            last.omitted,
            Some(Omitted {
                errors: 4,
                warnings: 0
            })
        );
        assert_eq!(
            totals(&out),
            Omitted {
                errors: 7,
                warnings: 0
            }
        );
        assert!(built <= 6, "built {built}");
        assert_eq!(
            last.to_string(),
            "c.toml: and 4 more problems in this file (not shown)"
        );
    }
}
