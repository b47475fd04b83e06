//! Languages and localized text.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// A language the tool speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Korean.
    Ko,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order the tool prefers them.
    pub const ALL: [Lang; 2] = [Lang::Ko, Lang::En];

    /// The code used in files and on the command line.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }

    /// Parses `ko` or `en` (also `ko_KR.UTF-8`-style locale names).
    #[must_use]
    pub fn from_locale(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("ko") {
            Some(Lang::Ko)
        } else if s.starts_with("en") || s == "c" || s == "posix" || s.starts_with("c.") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language of the user's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), English if unknown.
    #[must_use]
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::from_locale(&v))
            .unwrap_or(Lang::En)
    }

    /// Picks the Korean or the English of a fixed message.
    #[must_use]
    pub fn pick<'a>(self, ko: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ko => ko,
            Lang::En => en,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Text a person reads, in each language the guideline declares.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Korean.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ko: Option<String>,
    /// English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// The same words in both languages.
    #[must_use]
    pub fn both(ko: &str, en: &str) -> Text {
        Text {
            ko: Some(ko.to_owned()),
            en: Some(en.to_owned()),
        }
    }

    /// The text in one language, if present.
    #[must_use]
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Ko => self.ko.as_deref(),
            Lang::En => self.en.as_deref(),
        }
        .filter(|s| !s.trim().is_empty())
    }

    /// The text in `lang`, falling back to the other language, then to "".
    #[must_use]
    pub fn show(&self, lang: Lang) -> &str {
        self.get(lang)
            .or_else(|| Lang::ALL.iter().find_map(|l| self.get(*l)))
            .unwrap_or("")
    }
}

/// Formats a message in Korean or English: `tr!(lang, "{n}개", "{n} items", n = 3)`.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $ko:literal, $en:literal $(, $($arg:tt)*)?) => {
        match $lang {
            $crate::text::Lang::Ko => format!($ko $(, $($arg)*)?),
            $crate::text::Lang::En => format!($en $(, $($arg)*)?),
        }
    };
}

/// A count with its English noun: `1 file`, `3 files`.
#[must_use]
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A number as people read it: no trailing zeros, at most `decimals` decimals, thousands grouped.
#[must_use]
pub fn number(n: f64, decimals: usize) -> String {
    let s = format!("{n:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    };
    let (sign, rest) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if grouped == "0" && frac.is_none() {
        ""
    } else {
        sign
    };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// How many decimals a total or an area score is shown with: grades and `--fail-under` judge the
/// total as shown ([`rounded`]), so that a report never shows a total that contradicts its grade.
pub const SCORE_DECIMALS: usize = 1;

/// `n` as [`number`] shows it with `decimals` decimals, as a number again: `rounded(49.99999999999999,
/// 1)` is 50, `rounded(45.29, 1)` is 45.3. What is compared with a threshold (a grade's `min`,
/// `--fail-under`) is this shown value, never the unrounded one. Not finite numbers stay as they are.
#[must_use]
pub fn rounded(n: f64, decimals: usize) -> f64 {
    if !n.is_finite() {
        return n;
    }
    // The same formatting as `number`, before grouping: what the reader sees, digit for digit.
    let shown = format!("{n:.decimals$}").parse::<f64>().unwrap_or(n);
    // "-0" is shown as 0.
    if shown == 0.0 { 0.0 } else { shown }
}

/// Text from an input file made safe to show in a terminal or a one-line cell: control characters
/// (escape sequences, carriage returns, line breaks, tabs, C1 controls) and the invisible
/// bidirectional overrides become visible symbols, so nothing a file holds can move the cursor,
/// change colours, split a row or reorder what is shown.
#[must_use]
pub fn visible(s: &str) -> Cow<'_, str> {
    visible_keeping(s, &[])
}

/// [`visible`], keeping the characters of `keep` as they are: a multi-line cell keeps its line
/// breaks.
#[must_use]
pub fn visible_keeping<'a>(s: &'a str, keep: &[char]) -> Cow<'a, str> {
    if !s.chars().any(|c| needs_escape(c) && !keep.contains(&c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            c if keep.contains(&c) => out.push(c),
            // The Unicode "control pictures": ␛ for ESC, ␊ for a line feed, ␉ for a tab.
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
            '\u{7f}' => out.push('␡'),
            c if needs_escape(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(number(1234567.0, 1), "1,234,567");
        assert_eq!(number(62.456, 1), "62.5");
        assert_eq!(number(0.5, 2), "0.5");
        assert_eq!(number(-1500.25, 2), "-1,500.25");
        assert_eq!(number(-0.01, 1), "0");
        assert_eq!(number(100.0, 1), "100");
    }

    #[test]
    fn rounded_is_the_number_shown() {
        for (n, d) in [
            (49.999_999_999_999_99, 1),
            (45.29, 1),
            (45.25, 1),
            (45.35, 1),
            (0.05, 1),
            (-0.04, 1),
            (99.95, 1),
            (1_234.567, 2),
            (62.456, 1),
            (100.0, 1),
        ] {
            let r = rounded(n, d);
            // Formatting the rounded value shows exactly what formatting the original shows.
            assert_eq!(number(r, d), number(n, d), "{n}");
            assert_eq!(
                rounded(r, d).to_bits(),
                r.to_bits(),
                "{n}: rounding twice changes {r}"
            );
        }
        assert_eq!(rounded(49.999_999_999_999_99, 1), 50.0);
        assert_eq!(rounded(45.29, 1), 45.3);
        assert_eq!(rounded(-0.01, 1).to_bits(), 0.0_f64.to_bits());
        assert!(rounded(f64::NAN, 1).is_nan());
    }

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(visible("(주)한빛"), "(주)한빛");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(visible("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(visible("x\ny\tz\r"), "x␊y␉z␍");
        assert_eq!(visible("\u{9b}31m\u{7f}"), "<U+009B>31m␡");
        assert_eq!(visible("abc\u{202e}fed"), "abc<U+202E>fed");
    }

    #[test]
    fn locale_names_map_to_languages() {
        assert_eq!(Lang::from_locale("ko_KR.UTF-8"), Some(Lang::Ko));
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("de_DE"), None);
    }
}
