//! TOML syntax and type errors as diagnostics, in plain words in Korean and English.
//!
//! The `toml` crate words its errors in English; each one is read back into its parts (what went
//! wrong, the key or value, what was expected) and said again in each language. A message this
//! module does not know is said in general terms in Korean, never left in English.

use super::{Diagnostic, Message, Source};
use crate::code::Code;

/// A TOML syntax or type error as a diagnostic, in plain words.
#[must_use]
pub fn toml_error(source: &Source, e: &toml::de::Error) -> Diagnostic {
    diagnostic(source, e.span(), e.message())
}

/// A TOML syntax error found while editing a file (`toml_edit`), as [`toml_error`] says it.
#[must_use]
pub fn toml_edit_error(source: &Source, e: &toml_edit::TomlError) -> Diagnostic {
    diagnostic(source, e.span(), e.message())
}

fn diagnostic(source: &Source, span: Option<std::ops::Range<usize>>, raw: &str) -> Diagnostic {
    let raw = raw.trim();
    let code = if raw.contains("unknown field") {
        Code::UnknownKey
    } else if raw.contains("missing field") {
        Code::MissingKey
    } else if raw.contains("invalid type")
        || raw.contains("unknown variant")
        || raw.contains("expected ")
            && !raw.contains("expected `")
            && !raw.contains("expected newline")
            && !raw.contains("expected `.`")
    {
        Code::WrongType
    } else {
        Code::TomlSyntax
    };
    let message = Message::new(korean(raw), english(raw));
    let mut d = source.diagnostic(code, span, message);
    if d.line == 0 && !source.text.is_empty() {
        d.line = 1;
        d.column = 1;
    }
    d
}

/// The crate's message with its Rust words made plain.
fn english(raw: &str) -> String {
    let mut m = raw.to_owned();
    for (from, to) in [
        ("expected f64", "expected a number"),
        ("expected i32", "expected a whole number"),
        ("expected u32", "expected a whole number of 0 or more"),
        ("expected u8", "expected a whole number of 0 or more"),
        ("expected usize", "expected a whole number of 0 or more"),
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

/// The same message in Korean.
fn korean(raw: &str) -> String {
    if let Some(rest) = raw.strip_prefix("unknown field ") {
        let (name, expected) = split_expected(rest);
        return match expected.and_then(choices) {
            Some(list) => format!("모르는 키 {name}입니다. 쓸 수 있는 키: {list}"),
            None => format!("모르는 키 {name}입니다. 이 표에는 키가 없습니다"),
        };
    }
    if let Some(name) = raw.strip_prefix("missing field ") {
        return format!("{name} 키가 없습니다");
    }
    if let Some(rest) = raw.strip_prefix("unknown variant ") {
        let (value, expected) = split_expected(rest);
        return match expected.and_then(choices) {
            Some(list) => format!("{value} 값은 쓸 수 없습니다. 쓸 수 있는 값: {list}"),
            None => format!("{value} 값은 쓸 수 없습니다"),
        };
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = split_expected(rest);
        return match expected.and_then(kind) {
            Some(want) => format!(
                "형식이 맞지 않습니다: {want} 형식이어야 하는데 {}입니다",
                unexpected(found)
            ),
            None => format!("형식이 맞지 않습니다: {}입니다", unexpected(found)),
        };
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        let (found, expected) = split_expected(rest);
        return match expected.and_then(kind) {
            Some(want) => format!(
                "쓸 수 없는 값입니다: {want} 형식이어야 하는데 {}입니다",
                unexpected(found)
            ),
            None => format!("쓸 수 없는 값입니다: {}", unexpected(found)),
        };
    }
    if raw.starts_with("invalid length") {
        return "목록의 길이가 맞지 않습니다".to_owned();
    }
    let (what, expected) = split_expected(raw);
    let what = syntax(what);
    match expected.map(expected_ko) {
        Some(want) if !want.is_empty() => format!("{what} (여기에 와야 할 것: {want})"),
        _ => what.to_owned(),
    }
}

/// `X, expected Y` as (`X`, `Y`).
fn split_expected(s: &str) -> (&str, Option<&str>) {
    match s.split_once(", expected ") {
        Some((a, b)) => (a, Some(b)),
        None => match s.split_once(", there are no fields") {
            Some((a, _)) => (a, None),
            None => (s, None),
        },
    }
}

/// `one of `a`, `b`` or `` `a` or `b` `` as `` `a`, `b` ``; `None` when it is not a list of names.
fn choices(s: &str) -> Option<String> {
    let s = s.strip_prefix("one of ").unwrap_or(s);
    let items: Vec<&str> = s
        .split(", ")
        .flat_map(|p| p.split(" or "))
        .map(str::trim)
        .collect();
    items
        .iter()
        .all(|i| i.len() >= 2 && i.starts_with('`') && i.ends_with('`'))
        .then(|| items.join(", "))
}

/// What serde expected, in Korean.
fn kind(expected: &str) -> Option<&'static str> {
    Some(match expected {
        "f64" | "f32" | "a number" => "수",
        "i8" | "i16" | "i32" | "i64" | "isize" => "정수",
        "u8" | "u16" | "u32" | "u64" | "usize" => "0 이상의 정수",
        "a boolean" => "참/거짓(`true`/`false`)",
        "a string" | "a borrowed string" | "a character" => "문자열",
        "struct Text" => "`{ ko = \"…\", en = \"…\" }` 같은 표",
        "a sequence" => "목록",
        "a map" => "표",
        e if e.starts_with("struct ") => "표",
        e if e.starts_with("enum ") => "정해진 값 가운데 하나",
        _ => return None,
    })
}

/// What serde found (`string "x"`, `integer `3``, `sequence`), in Korean.
fn unexpected(found: &str) -> String {
    let (kind, value) = match found.split_once(' ') {
        Some((k, v)) if v.starts_with('`') || v.starts_with('"') => (k, Some(v)),
        _ => (found, None),
    };
    let word = match kind {
        "string" => "문자열",
        "integer" => "정수",
        "floating" => {
            return match found.strip_prefix("floating point ") {
                Some(v) => format!("소수 {v}"),
                None => "소수".to_owned(),
            };
        }
        "boolean" => "참/거짓 값",
        "character" => "문자",
        "sequence" => "목록",
        "map" => "표",
        "unit" | "option" => "빈 값",
        _ => "다른 형식의 값",
    };
    match value {
        Some(v) => format!("{word} {v}"),
        None => word.to_owned(),
    }
}

/// A TOML syntax error from the parser, in Korean.
fn syntax(what: &str) -> &'static str {
    match what {
        "duplicate key" => "같은 키가 두 번 있습니다",
        "recursion limit" | "cannot recurse further; max recursion depth met" => {
            "표나 목록이 너무 깊이 겹쳐 있습니다"
        }
        "unclosed table" => "표 이름이 닫히지 않았습니다",
        "unclosed array table" => "표 목록의 이름이 닫히지 않았습니다",
        "unclosed array" => "목록이 닫히지 않았습니다",
        "unclosed inline table" => "한 줄 표가 닫히지 않았습니다",
        "invalid key" | "invalid unquoted key" => "키로 쓸 수 없는 글자가 있습니다",
        "invalid table" => "표 이름이 잘못되었습니다",
        "invalid key-value pair" => "`키 = 값` 형식이 아닙니다",
        "invalid inline table element" => "한 줄 표의 항목이 잘못되었습니다",
        "invalid value" => "값이 잘못되었습니다",
        "invalid string" => "문자열이 잘못되었습니다",
        "invalid basic string" | "invalid literal string" => {
            "문자열이 잘못되었거나 닫히지 않았습니다"
        }
        "invalid multi-line basic string" | "invalid multi-line literal string" => {
            "여러 줄 문자열이 잘못되었거나 닫히지 않았습니다"
        }
        "invalid boolean" => "참/거짓 값은 `true`나 `false`로 씁니다",
        "invalid date-time" => "날짜나 시각이 잘못되었습니다",
        "invalid float" | "invalid mantissa" | "invalid fraction" | "invalid exponent" => {
            "소수가 잘못되었습니다"
        }
        "invalid integer number" => "정수가 잘못되었습니다",
        "invalid hexadecimal number" => "16진수가 잘못되었습니다",
        "invalid octal number" => "8진수가 잘못되었습니다",
        "invalid binary number" => "2진수가 잘못되었습니다",
        "invalid comment character" => "주석에 쓸 수 없는 글자가 있습니다",
        "key with no value" | "missing value for key" => "키 뒤에 `=`와 값이 없습니다",
        "missing value" => "값이 없습니다",
        "missing key for inline table element" => "한 줄 표의 항목에 키가 없습니다",
        "missing assignment between key-value pairs" => "키와 값 사이에 `=`가 없습니다",
        "missing comma between array elements" => "목록의 항목 사이에 쉼표가 없습니다",
        "missing comma between key-value pairs" => "한 줄 표의 항목 사이에 쉼표가 없습니다",
        "missing inline table opening" => "한 줄 표를 여는 `{`가 없습니다",
        "missing array opening" => "목록을 여는 `[`가 없습니다",
        "missing table open" => "표 이름을 여는 `[`가 없습니다",
        "missing opening quote" => "문자열을 여는 따옴표가 없습니다",
        "missing comment start" => "주석을 여는 `#`가 없습니다",
        "missing escaped value" => "`\\` 뒤에 이스케이프할 글자가 없습니다",
        "extra `=`" => "`=`가 하나 더 있습니다",
        "extra comma in array" => "목록에 쉼표가 하나 더 있습니다",
        "extra comma in inline table" => "한 줄 표에 쉼표가 하나 더 있습니다",
        "extra assignment between key-value pairs" => "항목 사이에 `=`가 하나 더 있습니다",
        "unexpected `=` in array" => "목록 안에 `=`가 있습니다",
        "unexpected content between comment and newline" => {
            "주석과 줄바꿈 사이에 알 수 없는 글자가 있습니다"
        }
        "unexpected content" | "unexpected key or value" => "이 자리에 올 수 없는 내용입니다",
        "unexpected leading zero" => "수의 맨 앞에 0을 쓸 수 없습니다",
        "unexpected sign" | "redundant numeric sign" => "부호가 잘못된 자리에 있습니다",
        "redundant integer number prefix" => "수의 접두어가 두 번 있습니다",
        "integers with a radix cannot be signed" => {
            "16진수, 8진수, 2진수에는 부호를 붙일 수 없습니다"
        }
        "radix must be lowercase" => "진법 접두어는 소문자(`0x`, `0o`, `0b`)로 씁니다",
        "`_` may only go between digits" => "`_`는 숫자 사이에만 쓸 수 있습니다",
        "too few unicode value digits" => "유니코드 이스케이프의 자릿수가 모자랍니다",
        "string values must be quoted" => "문자열 값은 따옴표로 감쌉니다",
        "keys cannot be multi-line literal strings" | "keys cannot be multi-line basic strings" => {
            "키에는 여러 줄 문자열을 쓸 수 없습니다"
        }
        "unquoted keys cannot be empty" => "따옴표 없는 키는 비워 둘 수 없습니다",
        "carriage return must be followed by newline" => "CR 문자 뒤에는 줄바꿈이 와야 합니다",
        "integer number overflowed" | "floating-point number overflowed" => "수가 너무 큽니다",
        _ => "TOML 문법에 맞지 않습니다",
    }
}

/// What the parser expected (`` `]` ``, `key`, `value`), in Korean; empty when there is nothing
/// worth saying.
fn expected_ko(list: &str) -> String {
    let items: Vec<String> = list
        .split(", ")
        .filter_map(|e| {
            let e = e.trim();
            if e.starts_with('`') && e.ends_with('`') && e.len() > 1 {
                return Some(e.to_owned());
            }
            let ko = match e {
                "key" => "키",
                "value" => "값",
                "newline" => "줄바꿈",
                "comment" => "주석",
                "whitespace" => "빈칸",
                "literal string" | "basic string" | "unquoted string" => "문자열",
                "multi-line basic string" | "multi-line literal string" => "여러 줄 문자열",
                "digits" | "numbers" => "숫자",
                "letters" => "글자",
                "unicode hexadecimal value" => "16진수 유니코드 값",
                "nothing" => "줄의 끝",
                _ => return None,
            };
            Some(ko.to_owned())
        })
        .collect();
    let mut unique: Vec<String> = Vec::new();
    for i in items {
        if !unique.contains(&i) {
            unique.push(i);
        }
    }
    unique.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_errors_are_said_in_korean() {
        assert_eq!(
            korean("unknown field `wieght`, expected one of `id`, `weight`"),
            "모르는 키 `wieght`입니다. 쓸 수 있는 키: `id`, `weight`"
        );
        assert_eq!(korean("missing field `effort`"), "`effort` 키가 없습니다");
        assert_eq!(
            korean("invalid type: string \"heavy\", expected f64"),
            "형식이 맞지 않습니다: 수 형식이어야 하는데 문자열 \"heavy\"입니다"
        );
        assert_eq!(
            korean("unknown variant `hevy`, expected one of `low`, `high`"),
            "`hevy` 값은 쓸 수 없습니다. 쓸 수 있는 값: `low`, `high`"
        );
        assert_eq!(
            korean("unknown variant `x`, expected `low` or `high`"),
            "`x` 값은 쓸 수 없습니다. 쓸 수 있는 값: `low`, `high`"
        );
    }

    #[test]
    fn parser_errors_are_said_in_korean() {
        assert_eq!(
            korean("unclosed table, expected `]`"),
            "표 이름이 닫히지 않았습니다 (여기에 와야 할 것: `]`)"
        );
        assert_eq!(
            korean("invalid basic string, expected `\"`"),
            "문자열이 잘못되었거나 닫히지 않았습니다 (여기에 와야 할 것: `\"`)"
        );
        assert_eq!(korean("something new"), "TOML 문법에 맞지 않습니다");
        assert_eq!(
            english("invalid type: string \"heavy\", expected f64"),
            "wrong type: string \"heavy\", expected a number"
        );
    }
}
