//! Languages and localized text.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// A language the tool speaks.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
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

    /// This language if `languages` has it, else the first of them (a guideline's fallback).
    #[must_use]
    pub fn or_first_of(self, languages: &[Lang]) -> Lang {
        if languages.contains(&self) {
            self
        } else {
            languages.first().copied().unwrap_or(self)
        }
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
    if s.contains('.') {
        grouped(s.trim_end_matches('0').trim_end_matches('.'))
    } else {
        grouped(&s)
    }
}

/// A number with exactly `decimals` decimals, thousands grouped: `fixed(3.149, 1)` is `3.1`,
/// `fixed(605.0, 1)` is `605.0`, so that a column of such numbers lines up.
#[must_use]
pub fn fixed(n: f64, decimals: usize) -> String {
    grouped(&format!("{n:.decimals$}"))
}

/// A formatted decimal (`-1234.50`) with its thousands grouped (`-1,234.50`); a value whose digits
/// are all zero has no sign (`-0.0` is `0.0`).
fn grouped(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    let zero = int
        .chars()
        .chain(frac.unwrap_or("").chars())
        .all(|c| c == '0');
    if !zero {
        out.push_str(sign);
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// What a number measures, which fixes how every report shows it: its decimals, whether they are
/// fixed (a column lines up) or trailing zeros are dropped, and its unit. The one rule for each
/// kind of number, shared by the terminal, Markdown and CSV reports; JSON keeps the numbers as
/// computed.
///
/// Quantities (tonnes, energy, percent, metrics, activity, answers) follow one more rule: a value
/// so small that its decimals would show fewer than two of its digits (6.9e-5 tCO2e per EUR as
/// `0.00`) is shown with [`SMALL_DIGITS`] significant digits, trailing zeros dropped, never in
/// exponent notation (`0.000069`); below 10^-[`SMALL_DECIMALS`] it is shown as less than that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// A total or an area score, 0 to 100: [`SCORE_DECIMALS`] decimals, trailing zeros dropped.
    Score,
    /// The points the total would gain: 1 decimal, trailing zeros dropped.
    Gain,
    /// An indicator's points: up to 2 decimals.
    Points,
    /// A share from 0 to 1, in percent without decimals: `80%`.
    Share,
    /// Tonnes of CO2 equivalent: always 1 decimal.
    Tonnes,
    /// Energy in MWh: always 1 decimal.
    Energy,
    /// A figure in percent: always 1 decimal.
    Percent,
    /// A metric in any other unit: always 2 decimals.
    Metric,
    /// An emission factor: 5 significant digits.
    Factor,
    /// An amount of activity (litres, kWh, Nm³): whole from 100, else up to 2 decimals.
    Activity,
    /// A figure as the firm gave it: up to 4 decimals.
    Answer,
    /// A percentile rank, 0 to 100: no decimals.
    Rank,
}

/// The one spelling of tonnes of CO2 equivalent, in every language.
pub const TCO2E: &str = "tCO2e";

impl Measure {
    /// How a metric in `unit` is shown.
    #[must_use]
    pub fn of_unit(unit: &str) -> Measure {
        match &*spelled(unit.trim()) {
            TCO2E => Measure::Tonnes,
            "MWh" => Measure::Energy,
            "%" => Measure::Percent,
            _ => Measure::Metric,
        }
    }

    /// `value` as people read it: decimals by this rule, thousands grouped.
    #[must_use]
    pub fn show(self, value: f64) -> String {
        match self {
            Measure::Score => number(value, SCORE_DECIMALS),
            Measure::Gain => number(value, 1),
            Measure::Points => number(value, 2),
            Measure::Share => format!("{}%", number(value * 100.0, 0)),
            Measure::Tonnes | Measure::Energy | Measure::Percent => {
                small(value, 1).unwrap_or_else(|| fixed(value, 1))
            }
            Measure::Metric => small(value, 2).unwrap_or_else(|| fixed(value, 2)),
            Measure::Factor => significant(value, 5),
            Measure::Activity => {
                let decimals = if value.abs() >= 100.0 { 0 } else { 2 };
                small(value, decimals).unwrap_or_else(|| number(value, decimals))
            }
            Measure::Answer => small(value, 4).unwrap_or_else(|| number(value, 4)),
            Measure::Rank => number(value, 0),
        }
    }

    /// `value` for a spreadsheet cell: the same decimals as [`Measure::show`], a dot for
    /// decimals, no grouping, and a share in percent without the sign.
    #[must_use]
    pub fn plain(self, value: f64) -> String {
        self.show(value).replace([',', '%'], "")
    }
}

/// How many significant digits a small quantity is shown with (see [`Measure`]).
pub const SMALL_DIGITS: i32 = 3;

/// The most decimals a small quantity is shown with: a value below half of 10^-12 is shown as
/// `< 0.000000000001` (`> -0.000000000001` when negative) rather than as 0.
pub const SMALL_DECIMALS: usize = 12;

/// `value` with [`SMALL_DIGITS`] significant digits when `decimals` would show fewer than two of
/// its digits; `None` for a value that `decimals` show well (or 0, or not finite).
fn small(value: f64, decimals: usize) -> Option<String> {
    if value == 0.0 || !value.is_finite() {
        return None;
    }
    let magnitude = value.abs().log10().floor() as i32;
    let shown = magnitude + i32::try_from(decimals).unwrap_or(i32::MAX) + 1;
    if shown >= 2 {
        return None;
    }
    let wanted = usize::try_from(SMALL_DIGITS - 1 - magnitude).unwrap_or(0);
    let floor = 10f64.powi(-i32::try_from(SMALL_DECIMALS).unwrap_or(12));
    if value.abs() < floor / 2.0 {
        let bound = number(floor, SMALL_DECIMALS);
        return Some(if value < 0.0 {
            format!("> -{bound}")
        } else {
            format!("< {bound}")
        });
    }
    Some(number(value, wanted.min(SMALL_DECIMALS)))
}

/// A unit as every report spells it: `tCO2eq` (and `tCO2-eq`) become [`TCO2E`].
#[must_use]
pub fn spelled(unit: &str) -> Cow<'_, str> {
    if unit.contains("tCO2eq") || unit.contains("tCO2-eq") {
        Cow::Owned(unit.replace("tCO2-eq", TCO2E).replace("tCO2eq", TCO2E))
    } else {
        Cow::Borrowed(unit)
    }
}

/// A number followed by its unit: `1,450 MWh`, `20%`, and in Korean `12명` (a unit in Hangul
/// follows the number without a space).
#[must_use]
pub fn with_unit(number: &str, unit: Option<&str>) -> String {
    match unit.map(str::trim).filter(|u| !u.is_empty()) {
        None => number.to_owned(),
        Some(u) => {
            let u = spelled(u);
            let tight = u.starts_with('%') || u.starts_with(|c: char| ('가'..='힣').contains(&c));
            if tight {
                format!("{number}{u}")
            } else {
                format!("{number} {u}")
            }
        }
    }
}

/// A number with `digits` significant digits (at least the whole part), for factors.
#[must_use]
pub fn significant(x: f64, digits: i32) -> String {
    if x == 0.0 || !x.is_finite() {
        return number(x, 0);
    }
    let magnitude = x.abs().log10().floor() as i32;
    let decimals = usize::try_from((digits - 1 - magnitude).max(0)).unwrap_or(0);
    number(x, decimals)
}

/// `text` broken into lines of at most `width` columns of display width, at spaces (Korean is
/// written with spaces between words, so it wraps as Latin does); a word longer than a line is
/// broken. Line breaks in `text` stay.
#[must_use]
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_indented(text, width, "", "")
}

/// `text` wrapped to `width` with `first` before the first line and `rest` before the others.
#[must_use]
pub fn wrap_indented(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1))
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.trim_end().to_owned())
        .collect()
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
    fn small_quantities_keep_their_digits_without_exponents() {
        // 138 tCO2e over EUR 2 million: not 0.00.
        assert_eq!(Measure::Metric.show(138.0 / 2_000_000.0), "0.000069");
        assert_eq!(Measure::Metric.plain(6.9e-5), "0.000069");
        assert_eq!(Measure::Metric.show(-6.9e-5), "-0.000069");
        assert_eq!(Measure::Metric.show(1.0 / 30_000.0), "0.0000333");
        assert_eq!(Measure::Metric.show(0.0123), "0.0123");
        assert_eq!(Measure::Tonnes.show(0.35), "0.35");
        assert_eq!(Measure::Percent.show(0.004), "0.004");
        assert_eq!(Measure::Answer.show(0.000_05), "0.00005");
        assert_eq!(Measure::Activity.show(0.001_234_5), "0.00123");
        // Values the rule's decimals show well, and 0, are as before.
        assert_eq!(Measure::Metric.show(0.12), "0.12");
        assert_eq!(Measure::Metric.show(0.0), "0.00");
        assert_eq!(Measure::Tonnes.show(1.25), "1.2");
        assert_eq!(Measure::Answer.show(0.001_2), "0.0012");
        // Beyond twelve decimals: a bound, not 0 and not an exponent.
        assert_eq!(Measure::Metric.show(1e-15), "< 0.000000000001");
        assert_eq!(Measure::Metric.show(-1e-15), "> -0.000000000001");
        assert_eq!(Measure::Metric.show(4e-12), "0.000000000004");
        for v in [6.9e-5, 1e-9, 3.3e-7, 1e-300, f64::MIN_POSITIVE] {
            let shown = Measure::Metric.show(v);
            assert!(!shown.contains('e') && shown != "0.00", "{v}: {shown}");
        }
    }

    #[test]
    fn each_measure_has_one_rule() {
        assert_eq!(Measure::Tonnes.show(605.08), "605.1");
        assert_eq!(Measure::Tonnes.show(3.149), "3.1");
        assert_eq!(Measure::Tonnes.show(1223.0), "1,223.0");
        assert_eq!(Measure::Tonnes.plain(1223.0), "1223.0");
        assert_eq!(Measure::Energy.show(7528.94), "7,528.9");
        assert_eq!(Measure::Score.show(50.0), "50");
        assert_eq!(Measure::Share.show(0.8), "80%");
        assert_eq!(Measure::Share.plain(0.8), "80");
        assert_eq!(Measure::Factor.show(0.002_184_4), "0.0021844");
        assert_eq!(Measure::of_unit("tCO2eq"), Measure::Tonnes);
        assert_eq!(Measure::of_unit("tCO2eq/억원"), Measure::Metric);
        assert_eq!(fixed(-0.01, 1), "0.0");
        assert_eq!(fixed(-1500.26, 1), "-1,500.3");
    }

    #[test]
    fn units_are_spelled_once_and_placed_naturally() {
        assert_eq!(spelled("tCO2eq/억원"), "tCO2e/억원");
        assert_eq!(with_unit("0", Some("명")), "0명");
        assert_eq!(with_unit("12", Some("%")), "12%");
        assert_eq!(with_unit("1,450", Some("MWh")), "1,450 MWh");
        assert_eq!(with_unit("3", Some("tCO2eq")), "3 tCO2e");
        assert_eq!(with_unit("3", None), "3");
    }

    #[test]
    fn wrapping_keeps_words_whole() {
        let lines = wrap("공장이나 제조 설비가 없어 해당하지 않습니다", 12);
        assert_eq!(
            lines,
            ["공장이나", "제조 설비가", "없어", "해당하지", "않습니다"]
        );
        assert_eq!(
            wrap("Disclosure of targets", 12),
            ["Disclosure", "of targets"]
        );
        assert!(wrap("E-3-1", 3).iter().all(|l| l.len() <= 3));
    }

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
