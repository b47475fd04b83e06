//! Source files and positions in them, for messages that point at a line and column.

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

/// The text of one input file, and the name to show for it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in messages (a path, `<stdin>`, or `builtin:k-esg-sme/e.toml`).
    pub name: String,
    /// The whole text.
    pub text: Arc<str>,
}

impl Source {
    /// A source from a name and its text.
    #[must_use]
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Source {
        Source {
            name: name.into(),
            text: text.into(),
        }
    }

    /// The 1-based line and column (counted in characters) of a byte offset.
    #[must_use]
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }

    /// A diagnostic at a byte span of this source.
    #[must_use]
    pub fn diagnostic(&self, span: Option<Range<usize>>, message: impl Into<String>) -> Diagnostic {
        let (line, column) = span.as_ref().map_or((0, 0), |s| self.position(s.start));
        let excerpt = span
            .as_ref()
            .filter(|_| line > 0)
            .map(|s| self.excerpt(s, column));
        Diagnostic {
            code: "",
            file: self.name.clone(),
            line,
            column,
            span,
            severity: Severity::Error,
            message: message.into(),
            help: None,
            excerpt,
        }
    }

    /// The line a span starts on, and how many characters of it the span covers.
    fn excerpt(&self, span: &Range<usize>, column: usize) -> Excerpt {
        let start = floor_char_boundary(&self.text, span.start.min(self.text.len()));
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let text = self.text[line_start..line_end]
            .trim_end_matches('\r')
            .to_owned();
        let end = floor_char_boundary(&self.text, span.end.clamp(start, line_end));
        let width = self.text[start..end].chars().count().max(1);
        let text_chars = text.chars().count();
        Excerpt {
            text,
            width: width.min(text_chars.saturating_sub(column - 1).max(1)),
        }
    }
}

/// Display width of a character: 2 for wide (Korean, CJK) characters.
fn char_width(c: char) -> usize {
    if c == '\t' {
        1
    } else {
        unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the file from being used.
    Error,
    /// Worth fixing; the file is still used.
    Warning,
}

/// One problem in an input file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The lint rule that found it (kebab-case, see `esg explain CODE`).
    pub code: &'static str,
    /// The file's name as shown to the user.
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when the problem concerns the whole file.
    pub column: usize,
    /// Byte range in the file, when known.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The source line, for showing where the problem is.
    #[serde(skip)]
    pub excerpt: Option<Excerpt>,
}

/// A source line and how many characters from the diagnostic's column to mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    pub width: usize,
}

impl Diagnostic {
    /// A diagnostic about a whole file (no line or column).
    #[must_use]
    pub fn whole_file(file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: "",
            file: file.into(),
            line: 0,
            column: 0,
            span: None,
            severity: Severity::Error,
            message: message.into(),
            help: None,
            excerpt: None,
        }
    }

    /// Tags the diagnostic with the rule that found it, and takes the rule's severity.
    #[must_use]
    pub fn rule(mut self, rule: &crate::lint::Rule) -> Diagnostic {
        self.code = rule.code;
        self.severity = rule.severity;
        self
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
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Marks the diagnostic as a warning.
    #[must_use]
    pub fn warning(mut self) -> Diagnostic {
        self.severity = Severity::Warning;
        self
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        } else {
            write!(f, "{}: ", self.file)?;
        }
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(ex) = &self.excerpt {
            let gutter = " ".repeat(self.line.to_string().len());
            let marks: usize = ex
                .text
                .chars()
                .skip(self.column - 1)
                .take(ex.width)
                .map(char_width)
                .sum();
            let lead: usize = ex.text.chars().take(self.column - 1).map(char_width).sum();
            let shown = ex.text.replace('\t', " ");
            write!(
                f,
                "\n{gutter} |\n{} | {shown}\n{gutter} | {}{}",
                self.line,
                " ".repeat(lead),
                "^".repeat(marks.max(1))
            )?;
        }
        if let Some(help) = &self.help {
            for (i, line) in help.lines().enumerate() {
                let lead = if i == 0 { "  help: " } else { "        " };
                write!(f, "\n{lead}{line}")?;
            }
        }
        Ok(())
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

/// A TOML syntax or type error as a diagnostic, in plain words.
#[must_use]
pub fn toml_error(source: &Source, e: &toml::de::Error) -> Diagnostic {
    let raw = e.message();
    let rule = if raw.contains("unknown field") {
        &crate::lint::rules::UNKNOWN_KEY
    } else if raw.contains("missing field") {
        &crate::lint::rules::MISSING_KEY
    } else if raw.contains("invalid type")
        || raw.contains("unknown variant")
        || raw.contains("expected ")
            && !raw.contains("expected `")
            && !raw.contains("expected newline")
            && !raw.contains("expected `.`")
    {
        &crate::lint::rules::WRONG_TYPE
    } else {
        &crate::lint::rules::TOML_SYNTAX
    };
    let message = plain_toml_message(raw);
    let mut d = source.diagnostic(e.span(), message).rule(rule);
    if d.line == 0 && !source.text.is_empty() {
        d.line = 1;
        d.column = 1;
    }
    d
}

fn plain_toml_message(msg: &str) -> String {
    let mut m = msg.trim().to_owned();
    for (from, to) in [
        ("expected f64", "expected a number"),
        ("expected i32", "expected a whole number"),
        ("expected u32", "expected a whole number of 0 or more"),
        ("expected i64", "expected a whole number"),
        ("expected a boolean", "expected true or false"),
        ("unknown field", "unknown key"),
        ("missing field", "missing key"),
        ("invalid type: ", "wrong type: "),
        ("unknown variant", "unknown value"),
        ("struct Text", "a table such as { ko = \"…\", en = \"…\" }"),
    ] {
        m = m.replace(from, to);
    }
    m
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
}
