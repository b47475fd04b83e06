//! Checking what a person types against a question: numbers with their unit and bounds, text,
//! reasons and evidence lists. Each check returns the value, or a message that says what to type.

use crate::guideline::{Question, QuestionKind};
use crate::text::{Lang, number as show};
use crate::tr;

fn unit(q: &Question, lang: Lang) -> String {
    q.unit
        .as_ref()
        .map(|u| format!(" {}", u.show(lang)))
        .unwrap_or_default()
}

/// What a number question accepts, for the prompt: `(%, 0 – 100)`, `(명, 1 이상)`.
#[must_use]
pub fn hint(q: &Question, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(u) = &q.unit {
        parts.push(u.show(lang).to_owned());
    }
    if q.kind == QuestionKind::Integer {
        parts.push(lang.pick("정수", "whole number").to_owned());
    }
    match (q.min, q.max) {
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
    #[must_use]
    pub fn of(q: &Question, lang: Lang) -> NumberInput {
        NumberInput {
            integer: q.kind == QuestionKind::Integer,
            min: q.min,
            max: q.max,
            unit: unit(q, lang),
            lang,
        }
    }

    /// Reads a typed number: digits with an optional decimal point, `,` or `_` as thousands
    /// separators; a whole number for an integer question; within the question's bounds.
    pub fn parse(&self, text: &str) -> Result<f64, String> {
        let lang = self.lang;
        let cleaned: String = text
            .trim()
            .chars()
            .filter(|c| !matches!(c, ',' | '_' | ' '))
            .collect();
        let n: f64 = cleaned
            .parse()
            .ok()
            .filter(|n: &f64| n.is_finite())
            .ok_or_else(|| {
                tr!(
                    lang,
                    "숫자가 아닙니다: {}. 12 또는 12.5처럼 숫자만 입력하십시오.",
                    "`{}` is not a number; type digits, such as 12 or 12.5",
                    text.trim()
                )
            })?;
        if self.integer && n.fract() != 0.0 {
            return Err(tr!(
                lang,
                "{}: 소수점 없는 정수를 입력하십시오.",
                "{}: type a whole number",
                show(n, 6)
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

/// Reads a number typed for `q`; see [`NumberInput::parse`].
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

/// Evidence typed on one line: document names or links separated by `;`.
#[must_use]
pub fn evidence(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}
