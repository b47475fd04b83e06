//! Checking what a person types against a question: numbers with their unit and bounds, text,
//! reasons and evidence lists. Each check returns the value, or a message that says what to type.

use crate::guideline::{Question, QuestionKind};
use crate::text::{Lang, number as show};
use crate::tr;

/// The text of unit `unit` of `q` (its only unit for a question with one).
fn unit_text(q: &Question, unit: usize, lang: Lang) -> Option<&str> {
    match q.units.get(unit) {
        Some(u) => Some(u.text.show(lang)),
        None => q.unit.as_ref().map(|u| u.show(lang)),
    }
}

fn unit(q: &Question, unit: usize, lang: Lang) -> String {
    unit_text(q, unit, lang)
        .map(|u| format!(" {u}"))
        .unwrap_or_default()
}

/// The question's bounds in unit `unit` (those of the guideline are in the first unit).
fn bounds_in(q: &Question, unit: usize) -> (Option<f64>, Option<f64>) {
    let factor = q.units.get(unit).map_or(1.0, |u| u.factor);
    (q.min.map(|m| m / factor), q.max.map(|m| m / factor))
}

/// What a number question accepts, for the prompt: `(%, 0 – 100)`, `(명, 1 이상)`.
#[must_use]
pub fn hint(q: &Question, lang: Lang) -> String {
    hint_in(q, 0, lang)
}

/// What a number question accepts in its unit `unit` (an index into its `units`).
#[must_use]
pub fn hint_in(q: &Question, unit: usize, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(u) = unit_text(q, unit, lang) {
        parts.push(u.to_owned());
    }
    if q.kind == QuestionKind::Integer {
        parts.push(lang.pick("정수", "whole number").to_owned());
    }
    match bounds_in(q, unit) {
        (Some(lo), Some(hi)) => parts.push(format!("{} – {}", show(lo, 6), show(hi, 6))),
        (Some(lo), None) => parts.push(tr!(lang, "{} 이상", "at least {}", show(lo, 6))),
        (None, Some(hi)) => parts.push(tr!(lang, "{} 이하", "at most {}", show(hi, 6))),
        (None, None) => {}
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("({})", parts.join(", "))
    }
}

/// What a number question accepts, owned so that a prompt can keep it while the user types.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberInput {
    integer: bool,
    min: Option<f64>,
    max: Option<f64>,
    unit: String,
    lang: Lang,
}

impl NumberInput {
    /// The checks of question `q` (a number, integer or series question), with messages in `lang`.
    #[cfg(test)]
    #[must_use]
    pub fn of(q: &Question, lang: Lang) -> NumberInput {
        NumberInput::in_unit(q, 0, lang)
    }

    /// The checks of question `q` for a figure given in its unit `unit` (an index into its
    /// `units`): the bounds converted to that unit.
    #[must_use]
    pub fn in_unit(q: &Question, unit_index: usize, lang: Lang) -> NumberInput {
        let (min, max) = bounds_in(q, unit_index);
        NumberInput {
            integer: q.kind == QuestionKind::Integer,
            min,
            max,
            unit: unit(q, unit_index, lang),
            lang,
        }
    }

    /// The checks of a number or integer column of a table.
    #[must_use]
    pub fn for_column(c: &crate::guideline::Column, lang: Lang) -> NumberInput {
        NumberInput {
            integer: c.kind == QuestionKind::Integer,
            min: c.min,
            max: c.max,
            unit: c
                .unit
                .as_ref()
                .map(|u| format!(" {}", u.show(lang)))
                .unwrap_or_default(),
            lang,
        }
    }

    /// Reads a typed number: digits with an optional decimal point; `,`, spaces or `_` between
    /// groups of three digits (`12,345`, `12 000`); a whole number for an integer question; within
    /// the question's bounds. Refused with a message that says what to type: a decimal comma
    /// (`1,5`), exponents (`1e3`), and numbers with more digits than the file keeps exactly.
    pub fn parse(&self, text: &str) -> Result<f64, String> {
        let lang = self.lang;
        let typed = crate::text::visible(text.trim());
        let n = exact(text).map_err(|fault| match fault {
            Fault::NotANumber => tr!(
                lang,
                "숫자가 아닙니다: {}. 12 또는 12.5처럼 숫자만 입력하십시오.",
                "not a number: {}; type digits, such as 12 or 12.5",
                typed
            ),
            Fault::DecimalComma => tr!(
                lang,
                "{}: 쉼표는 12,345처럼 세 자리마다 끊을 때만 씁니다. 소수는 1.5처럼 점을 찍어 적으십시오.",
                "{}: a comma only separates thousands, as in 12,345; write a decimal with a point, such as 1.5",
                typed
            ),
            Fault::Grouping => tr!(
                lang,
                "{}: 자릿수는 12 000처럼 세 자리마다 끊거나, 끊지 말고 적으십시오.",
                "{}: group digits by three, as in 12 000, or not at all",
                typed
            ),
            Fault::Exponent => tr!(
                lang,
                "{}: 1e3 같은 지수 표기는 쓰지 않습니다. 1000처럼 숫자를 모두 적으십시오.",
                "{}: write the number in full, such as 1000, not as 1e3",
                typed
            ),
            Fault::TooPrecise => tr!(
                lang,
                "{}: 자릿수가 너무 많아 그대로 저장할 수 없습니다. 유효 숫자 15자리 안으로 적으십시오.",
                "{}: too many digits to save exactly; give at most 15 significant digits",
                typed
            ),
        })?;
        if self.integer && n.fract() != 0.0 {
            return Err(tr!(
                lang,
                "{}: 소수점 없는 정수를 입력하십시오.",
                "{}: type a whole number",
                typed
            ));
        }
        // An integer answer is written as a TOML integer (an i64).
        if self.integer && n.abs() >= 2f64.powi(63) {
            return Err(tr!(
                lang,
                "{}: 너무 커서 저장할 수 없습니다.",
                "{}: too large to save",
                typed
            ));
        }
        let u = &self.unit;
        if let Some(lo) = self.min.filter(|lo| n < *lo) {
            return Err(tr!(
                lang,
                "{}{u}: 너무 작습니다. {}{u} 이상이어야 합니다.",
                "{}{u} is too small: it must be at least {}{u}",
                show(n, 6),
                show(lo, 6)
            ));
        }
        if let Some(hi) = self.max.filter(|hi| n > *hi) {
            return Err(tr!(
                lang,
                "{}{u}: 너무 큽니다. {}{u} 이하여야 합니다.",
                "{}{u} is too large: it must be at most {}{u}",
                show(n, 6),
                show(hi, 6)
            ));
        }
        Ok(n + 0.0)
    }
}

/// Reads a number typed for `q` in its first unit; see [`NumberInput::parse`].
#[cfg(test)]
pub fn number(q: &Question, text: &str, lang: Lang) -> Result<f64, String> {
    NumberInput::of(q, lang).parse(text)
}

/// A non-empty line of text, trimmed.
pub fn text(text: &str, lang: Lang) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        Err(lang
            .pick("내용을 입력하십시오.", "type some text")
            .to_owned())
    } else {
        Ok(t.to_owned())
    }
}

/// The reason a question is not applicable: required.
pub fn reason(text: &str, lang: Lang) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        Err(lang
            .pick(
                "해당 없는 이유를 적어 주십시오 (예: 이사회가 없음).",
                "say why it does not apply (for example: we have no board)",
            )
            .to_owned())
    } else {
        Ok(t.to_owned())
    }
}

/// Evidence typed one item per line (document names, paths or links, which may hold `;`).
#[must_use]
pub fn evidence(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Why typed text is not a number a person meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    /// Not digits at all.
    NotANumber,
    /// A comma that does not separate groups of three digits: `1,5`, `0,75`, `1,2,3`.
    DecimalComma,
    /// Spaces or underscores that do not separate groups of three digits: `1 2`.
    Grouping,
    /// Exponent notation: `1e3`, `.5e1`.
    Exponent,
    /// More digits than the file keeps exactly (a TOML float holds about 15 significant digits).
    TooPrecise,
}

/// Digits typed as a person writes them: full-width digits and signs as their ASCII forms.
fn ascii(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c),
            '．' => '.',
            '，' => ',',
            '－' | '\u{2212}' => '-',
            '＋' => '+',
            '\u{a0}' | '\u{202f}' | '\u{2009}' => ' ',
            c => c,
        })
        .collect()
}

/// `digits` grouped as `12,345` (or with spaces or underscores): the digits without separators.
/// The first group has one to three digits, every other exactly three, and one separator is used.
fn ungroup(digits: &str) -> Result<String, Fault> {
    let sep = digits.chars().find(|c| matches!(c, ',' | ' ' | '_'));
    let Some(sep) = sep else {
        return if digits.chars().all(|c| c.is_ascii_digit()) {
            Ok(digits.to_owned())
        } else {
            Err(Fault::NotANumber)
        };
    };
    let fault = if sep == ',' {
        Fault::DecimalComma
    } else {
        Fault::Grouping
    };
    let groups: Vec<&str> = digits.split(sep).collect();
    if groups
        .iter()
        .any(|g| !g.chars().all(|c| c.is_ascii_digit()))
    {
        // Two kinds of separator, or a letter: a comma among them is most likely a decimal.
        return Err(if digits.contains(',') {
            Fault::DecimalComma
        } else {
            Fault::NotANumber
        });
    }
    let first_ok = (1..=3).contains(&groups[0].len());
    if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
        return Err(fault);
    }
    Ok(groups.concat())
}

/// A typed number as the decimal it says: sign, integer digits, fraction digits, with leading
/// zeros of the integer and trailing zeros of the fraction removed (`-0012.50` is `-12.5`).
fn decimal(text: &str) -> Result<(bool, String, String), Fault> {
    let t = ascii(text);
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(&t)),
    };
    if body.is_empty() {
        return Err(Fault::NotANumber);
    }
    if body.contains(['e', 'E']) {
        let numeric = body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, 'e' | 'E' | '.' | ',' | '+' | '-' | ' '));
        return Err(
            if numeric && body.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
                Fault::Exponent
            } else {
                Fault::NotANumber
            },
        );
    }
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, f),
        None => (body, ""),
    };
    if frac.contains(',') {
        // `1.234,5`: a decimal comma after a thousands point.
        return Err(Fault::DecimalComma);
    }
    if !frac.chars().all(|c| c.is_ascii_digit()) {
        return Err(Fault::NotANumber);
    }
    if int.is_empty() && frac.is_empty() {
        return Err(Fault::NotANumber);
    }
    let int = if int.is_empty() {
        String::new()
    } else {
        ungroup(int)?
    };
    let int = int.trim_start_matches('0').to_owned();
    let frac = frac.trim_end_matches('0').to_owned();
    Ok((negative, int, frac))
}

/// Reads a decimal as a person types it, exactly or not at all: `Ok` only when the number a
/// TOML file holds (an `f64`) is the number typed, digit for digit.
fn exact(text: &str) -> Result<f64, Fault> {
    let (negative, int, frac) = decimal(text)?;
    let int_shown = if int.is_empty() { "0" } else { int.as_str() };
    let written = if frac.is_empty() {
        int_shown.to_owned()
    } else {
        format!("{int_shown}.{frac}")
    };
    let n: f64 = written.parse().map_err(|_| Fault::NotANumber)?;
    if !n.is_finite() || format!("{n}") != written {
        return Err(Fault::TooPrecise);
    }
    // `-0` is 0.
    Ok(if negative && n != 0.0 { -n } else { n })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real() -> NumberInput {
        NumberInput {
            integer: false,
            min: None,
            max: None,
            unit: String::new(),
            lang: Lang::En,
        }
    }

    fn whole() -> NumberInput {
        NumberInput {
            integer: true,
            ..real()
        }
    }

    #[test]
    fn a_comma_separates_thousands_only_in_groups_of_three() {
        let n = real();
        assert_eq!(n.parse("12,345"), Ok(12345.0));
        assert_eq!(n.parse("1,234,567.5"), Ok(1_234_567.5));
        assert_eq!(n.parse("-1,000"), Ok(-1000.0));
        for decimal_comma in [
            "1,5", "0,75", "1,2,3", "12,34", "1234,567", ",5", "1.234,5", "1,",
        ] {
            let err = n.parse(decimal_comma).unwrap_err();
            assert!(err.contains("such as 1.5"), "{decimal_comma}: {err}");
        }
        let ko = NumberInput {
            lang: Lang::Ko,
            ..real()
        };
        assert!(ko.parse("1,5").unwrap_err().contains("1.5처럼 점을 찍어"));
    }

    #[test]
    fn spaces_and_underscores_group_by_three_too() {
        assert_eq!(whole().parse("12 000"), Ok(12000.0));
        assert_eq!(whole().parse("1_000_000"), Ok(1e6));
        assert_eq!(whole().parse("１２ ０００"), Ok(12000.0));
        assert!(
            whole()
                .parse("1 2")
                .unwrap_err()
                .contains("group digits by three")
        );
        assert!(whole().parse("12 00").is_err());
    }

    #[test]
    fn exponents_are_refused_with_the_number_written_out() {
        for e in ["1e3", ".5e1", "1E3", "2.5e-3", "1e400", "1e-400"] {
            let err = real().parse(e).unwrap_err();
            assert!(err.contains("such as 1000"), "{e}: {err}");
            assert!(whole().parse(e).is_err(), "{e}");
        }
        assert!(
            real()
                .parse("eleven")
                .unwrap_err()
                .starts_with("not a number")
        );
    }

    #[test]
    fn numbers_are_kept_exactly_as_typed_or_refused() {
        let n = real();
        assert_eq!(n.parse("0.1"), Ok(0.1));
        assert_eq!(n.parse(".5"), Ok(0.5));
        assert_eq!(n.parse("5."), Ok(5.0));
        assert_eq!(n.parse("+007.50"), Ok(7.5));
        assert_eq!(n.parse("-0"), Ok(0.0));
        assert!(n.parse("-0").unwrap().is_sign_positive());
        assert_eq!(n.parse("123456789012345"), Ok(123_456_789_012_345.0));
        for too_long in [
            "99999999999999999999999",
            "12345678901234567",
            "0.12345678901234567891",
        ] {
            let err = n.parse(too_long).unwrap_err();
            assert!(err.contains("too many digits"), "{too_long}: {err}");
        }
        // A whole number the file can hold as an integer, digit for digit.
        assert_eq!(
            whole().parse("9007199254740992"),
            Ok(9_007_199_254_740_992.0)
        );
        assert!(whole().parse("9007199254740993").is_err());
        assert!(whole().parse("100000000000000000000").is_err());
    }

    #[test]
    fn whole_numbers_and_bounds() {
        assert_eq!(whole().parse("12.0"), Ok(12.0));
        assert_eq!(
            whole().parse("1.5"),
            Err("1.5: type a whole number".to_owned())
        );
        let pct = NumberInput {
            min: Some(0.0),
            max: Some(100.0),
            unit: " %".into(),
            ..real()
        };
        assert_eq!(
            pct.parse("150"),
            Err("150 % is too large: it must be at most 100 %".to_owned())
        );
        assert!(pct.parse("-1").unwrap_err().contains("too small"));
        for junk in [
            "", " ", "-", ".", "1.2.3", "12abc", "0x10", "inf", "NaN", "1..2",
        ] {
            assert!(real().parse(junk).is_err(), "{junk:?}");
        }
    }

    #[test]
    fn evidence_is_one_item_per_line() {
        assert_eq!(
            evidence(" a.pdf \nhttps://x.example/?a=1;b=2\n\n"),
            ["a.pdf", "https://x.example/?a=1;b=2"]
        );
    }
}
