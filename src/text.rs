//! Languages and localized text.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// The longest [`Tag`]: a language of 3 letters, a script and a region of 3 digits (`zho-Hant-158`).
const TAG_MAX: usize = 12;

/// A language tag of the simple BCP 47 form a guideline declares: a language of 2 or 3 letters,
/// then optionally a script of 4 letters, then optionally a region of 2 letters or 3 digits (`de`,
/// `pt-BR`, `zh-Hant`). Kept inline and spelled canonically (`pt-br` is `pt-BR`), so that it is
/// `Copy` and two spellings of one tag are equal.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag {
    len: u8,
    bytes: [u8; TAG_MAX],
}

/// What a well-formed [`Tag`] looks like, for JSON Schemas (any case; the tool spells it canonically).
pub const TAG_PATTERN: &str = "^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?$";

impl Tag {
    /// A tag known to be canonical, for constants.
    const fn known(s: &str) -> Tag {
        let b = s.as_bytes();
        let mut bytes = [0u8; TAG_MAX];
        let mut i = 0;
        while i < b.len() {
            bytes[i] = b[i];
            i += 1;
        }
        #[allow(clippy::cast_possible_truncation)]
        Tag {
            len: b.len() as u8,
            bytes,
        }
    }

    /// Korean.
    pub const KO: Tag = Tag::known("ko");
    /// English.
    pub const EN: Tag = Tag::known("en");

    /// Reads a tag of the simple form (`de`, `pt-BR`, `zh-Hant`, `es-419`), in any case; `None`
    /// when it is not one.
    #[must_use]
    pub fn parse(s: &str) -> Option<Tag> {
        let mut parts = s.split('-');
        let mut out = String::with_capacity(TAG_MAX);
        let language = parts.next()?;
        if !(2..=3).contains(&language.len()) || !language.bytes().all(|c| c.is_ascii_alphabetic())
        {
            return None;
        }
        out.push_str(&language.to_ascii_lowercase());
        let mut next = parts.next();
        if let Some(script) = next.filter(|p| p.len() == 4) {
            if !script.bytes().all(|c| c.is_ascii_alphabetic()) {
                return None;
            }
            out.push('-');
            out.push_str(&script[..1].to_ascii_uppercase());
            out.push_str(&script[1..].to_ascii_lowercase());
            next = parts.next();
        }
        if let Some(region) = next {
            let letters = region.len() == 2 && region.bytes().all(|c| c.is_ascii_alphabetic());
            let digits = region.len() == 3 && region.bytes().all(|c| c.is_ascii_digit());
            if !letters && !digits {
                return None;
            }
            out.push('-');
            out.push_str(&region.to_ascii_uppercase());
        }
        if parts.next().is_some() {
            return None;
        }
        let mut bytes = [0u8; TAG_MAX];
        bytes[..out.len()].copy_from_slice(out.as_bytes());
        Some(Tag {
            len: u8::try_from(out.len()).ok()?,
            bytes,
        })
    }

    /// The tag as written in files: `pt-BR`.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Only ASCII is ever stored.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }

    /// The language alone: `pt` of `pt-BR`.
    #[must_use]
    pub fn language(&self) -> &str {
        self.as_str().split('-').next().unwrap_or("")
    }

    /// The tag less its last part (`zh-Hant` of `zh-Hant-TW`, `de` of `de-CH`), for looking up a
    /// text in a more general language; `None` for a language alone.
    #[must_use]
    pub fn parent(&self) -> Option<Tag> {
        let s = self.as_str();
        s.rfind('-').and_then(|i| Tag::parse(&s[..i]))
    }

    /// The language's name in `lang`'s words with the tag: `German (de)`, `독일어(\`de\`)`; the tag
    /// alone for a language the tool has no name for.
    #[must_use]
    pub fn name(&self, lang: Lang) -> String {
        let known = NAMES.iter().find(|(t, ..)| *t == self.language());
        match (known, lang.ui()) {
            (Some((_, ko, _, _)), Ui::Ko) => format!("{ko}(`{self}`)"),
            (Some((_, _, en, _)), Ui::En) => format!("{en} ({self})"),
            (None, Ui::Ko) => format!("`{self}`"),
            (None, Ui::En) => self.as_str().to_owned(),
        }
    }

    /// The language's name in itself, for a language switch: `Deutsch`, `한국어`; the tag when the
    /// tool has no name for it. A tag with a script or region adds it: `português (pt-BR)`.
    #[must_use]
    pub fn autonym(&self) -> String {
        match NAMES.iter().find(|(t, ..)| *t == self.language()) {
            Some((.., own)) if self.parent().is_none() => (*own).to_owned(),
            Some((.., own)) => format!("{own} ({self})"),
            None => self.as_str().to_owned(),
        }
    }
}

/// Names of languages: tag, in Korean, in English, in itself. The EU's official languages and a
/// few more; other tags are shown as they are.
const NAMES: &[(&str, &str, &str, &str)] = &[
    ("ko", "한국어", "Korean", "한국어"),
    ("en", "영어", "English", "English"),
    ("bg", "불가리아어", "Bulgarian", "български"),
    ("cs", "체코어", "Czech", "čeština"),
    ("da", "덴마크어", "Danish", "dansk"),
    ("de", "독일어", "German", "Deutsch"),
    ("el", "그리스어", "Greek", "Ελληνικά"),
    ("es", "스페인어", "Spanish", "español"),
    ("et", "에스토니아어", "Estonian", "eesti"),
    ("fi", "핀란드어", "Finnish", "suomi"),
    ("fr", "프랑스어", "French", "français"),
    ("ga", "아일랜드어", "Irish", "Gaeilge"),
    ("hr", "크로아티아어", "Croatian", "hrvatski"),
    ("hu", "헝가리어", "Hungarian", "magyar"),
    ("it", "이탈리아어", "Italian", "italiano"),
    ("lt", "리투아니아어", "Lithuanian", "lietuvių"),
    ("lv", "라트비아어", "Latvian", "latviešu"),
    ("mt", "몰타어", "Maltese", "Malti"),
    ("nl", "네덜란드어", "Dutch", "Nederlands"),
    ("pl", "폴란드어", "Polish", "polski"),
    ("pt", "포르투갈어", "Portuguese", "português"),
    ("ro", "루마니아어", "Romanian", "română"),
    ("sk", "슬로바키아어", "Slovak", "slovenčina"),
    ("sl", "슬로베니아어", "Slovenian", "slovenščina"),
    ("sv", "스웨덴어", "Swedish", "svenska"),
    ("ja", "일본어", "Japanese", "日本語"),
    ("zh", "중국어", "Chinese", "中文"),
    ("vi", "베트남어", "Vietnamese", "Tiếng Việt"),
    ("id", "인도네시아어", "Indonesian", "Bahasa Indonesia"),
    ("th", "태국어", "Thai", "ไทย"),
    ("tr", "튀르키예어", "Turkish", "Türkçe"),
    ("uk", "우크라이나어", "Ukrainian", "українська"),
    ("ru", "러시아어", "Russian", "русский"),
    ("nb", "노르웨이어", "Norwegian", "norsk"),
    ("no", "노르웨이어", "Norwegian", "norsk"),
];

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl Serialize for Tag {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Tag {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Tag, D::Error> {
        let s = String::deserialize(d)?;
        Tag::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("`{s}` is not a language tag such as de or pt-BR"))
        })
    }
}

impl schemars::JsonSchema for Tag {
    fn schema_name() -> Cow<'static, str> {
        "Tag".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A language tag: ko, en, de, pt-BR, zh-Hant.",
            "type": "string",
            "pattern": TAG_PATTERN,
        })
    }
}

/// The language of the tool's own words: its messages, report headings and help exist in Korean
/// and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ui {
    /// Korean.
    Ko,
    /// English.
    En,
}

/// A language asked for: the tool's words in [`Ui`] (Korean for `ko`, English for every other
/// language) and a guideline's words in the tag asked for, falling back as [`Text::show`] says.
/// `Copy` and small, so that it is passed around as freely as a plain enum.
#[derive(Debug, Clone, Copy, Eq, PartialOrd, Ord)]
pub struct Lang {
    ui: Ui,
    tag: Tag,
}

#[allow(non_upper_case_globals)]
impl Lang {
    /// Korean: the tool's words and the guideline's.
    pub const Ko: Lang = Lang {
        ui: Ui::Ko,
        tag: Tag::KO,
    };
    /// English: the tool's words and the guideline's.
    pub const En: Lang = Lang {
        ui: Ui::En,
        tag: Tag::EN,
    };
}

impl Lang {
    /// The languages of the tool's own words, in the order the tool prefers them.
    pub const ALL: [Lang; 2] = [Lang::Ko, Lang::En];

    /// The language asked for by `tag`: the tool's words in Korean for Korean, else in English.
    #[must_use]
    pub fn of(tag: Tag) -> Lang {
        let ui = if tag.language() == "ko" {
            Ui::Ko
        } else {
            Ui::En
        };
        Lang { ui, tag }
    }

    /// [`Lang::of`] a well-formed tag (`de`, `pt-BR`), in any case.
    #[must_use]
    pub fn parse(s: &str) -> Option<Lang> {
        Tag::parse(s).map(Lang::of)
    }

    /// The language of the tool's own words.
    #[must_use]
    pub fn ui(self) -> Ui {
        self.ui
    }

    /// The language the guideline's words are asked in.
    #[must_use]
    pub fn tag(self) -> Tag {
        self.tag
    }

    /// The tag used in files and on the command line: `ko`, `de`.
    #[must_use]
    pub fn code(&self) -> &str {
        self.tag.as_str()
    }

    /// Reads a locale name (`ko_KR.UTF-8`, `de_DE`, `C`): Korean and English locales are `ko` and
    /// `en`, others their language and region (`de-DE`); `None` when it names no language.
    #[must_use]
    pub fn from_locale(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("ko") {
            return Some(Lang::Ko);
        }
        if s.starts_with("en") || s == "c" || s == "posix" || s.starts_with("c.") {
            return Some(Lang::En);
        }
        // language[_territory][.codeset][@modifier]
        let name = s.split(['.', '@']).next().unwrap_or("");
        let tag = name.replace('_', "-");
        Tag::parse(&tag)
            .or_else(|| Tag::parse(tag.split('-').next().unwrap_or("")))
            .map(Lang::of)
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

    /// The language to show a guideline declaring `languages` (in fallback order) in: the tool's
    /// words stay as asked, and the guideline's are in this language if it has it (or its parent:
    /// `de` for `de-CH`), else in its first language.
    #[must_use]
    pub fn or_first_of(self, languages: &[Tag]) -> Lang {
        let mut tag = Some(self.tag);
        while let Some(t) = tag {
            if languages.contains(&t) {
                return Lang {
                    ui: self.ui,
                    tag: t,
                };
            }
            tag = t.parent();
        }
        Lang {
            ui: self.ui,
            tag: languages.first().copied().unwrap_or(self.tag),
        }
    }

    /// Picks the Korean or the English of a fixed message.
    #[must_use]
    pub fn pick<'a>(self, ko: &'a str, en: &'a str) -> &'a str {
        match self.ui {
            Ui::Ko => ko,
            Ui::En => en,
        }
    }
}

// Written out rather than derived, so that `Lang::Ko` and `Lang::En` cannot be used as patterns: a
// `match lang { Lang::En => … }` would miss every other language the tool speaks English for.
// Match on `lang.ui()` instead.
impl PartialEq for Lang {
    fn eq(&self, other: &Lang) -> bool {
        (self.ui, self.tag) == (other.ui, other.tag)
    }
}

impl std::hash::Hash for Lang {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.ui.hash(state);
        self.tag.hash(state);
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.tag.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        Tag::deserialize(d).map(Lang::of)
    }
}

impl schemars::JsonSchema for Lang {
    fn schema_name() -> Cow<'static, str> {
        "Lang".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A language tag: ko, en, de, pt-BR, zh-Hant.",
            "type": "string",
            "pattern": TAG_PATTERN,
        })
    }
}

/// Text a person reads, in each language the guideline declares: language tags and the words in
/// each, in the guideline's fallback order once the guideline is checked.
#[derive(Debug, Clone, Default)]
pub struct Text {
    words: Vec<(String, String)>,
}

impl Text {
    /// The same words in both languages.
    #[must_use]
    pub fn both(ko: &str, en: &str) -> Text {
        Text {
            words: vec![
                ("ko".to_owned(), ko.to_owned()),
                ("en".to_owned(), en.to_owned()),
            ],
        }
    }

    /// Adds (or replaces) the words in `tag`, after those already there.
    pub fn set(&mut self, tag: &str, words: String) {
        match self.words.iter_mut().find(|(t, _)| t == tag) {
            Some((_, w)) => *w = words,
            None => self.words.push((tag.to_owned(), words)),
        }
    }

    /// Each language's tag as written and its words, in order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.words.iter().map(|(t, w)| (t.as_str(), w.as_str()))
    }

    /// No words in any language (an empty string counts as none).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|(_, w)| w.trim().is_empty())
    }

    /// The words in exactly `tag`, if present and not empty.
    #[must_use]
    pub fn exact(&self, tag: Tag) -> Option<&str> {
        self.words
            .iter()
            // Tags compare without regard to case (`pt-br` is `pt-BR`); no allocation per look-up.
            .find(|(t, _)| t.eq_ignore_ascii_case(tag.as_str()))
            .map(|(_, w)| w.as_str())
            .filter(|s| !s.trim().is_empty())
    }

    /// The text in the language asked for, or in a more general one (`de` for `de-CH`), if
    /// present.
    #[must_use]
    pub fn get(&self, lang: Lang) -> Option<&str> {
        let mut tag = Some(lang.tag());
        while let Some(t) = tag {
            if let Some(s) = self.exact(t) {
                return Some(s);
            }
            tag = t.parent();
        }
        None
    }

    /// The text in `lang` ([`Text::get`]), else in the first language it has, in order (the
    /// guideline's fallback order), else "".
    #[must_use]
    pub fn show(&self, lang: Lang) -> &str {
        self.get(lang)
            .or_else(|| {
                self.words
                    .iter()
                    .map(|(_, w)| w.as_str())
                    .find(|s| !s.trim().is_empty())
            })
            .unwrap_or("")
    }
}

impl PartialEq for Text {
    /// The same words in the same languages, in any order.
    fn eq(&self, other: &Text) -> bool {
        self.words.len() == other.words.len() && self.words.iter().all(|e| other.words.contains(e))
    }
}

impl Eq for Text {}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.words.len()))?;
        for (t, w) in &self.words {
            map.serialize_entry(t, w)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a table of language tags and text, such as { ko = \"…\", en = \"…\" }")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut text = Text::default();
                while let Some((tag, words)) = map.next_entry::<String, String>()? {
                    text.words.push((tag, words));
                }
                Ok(text)
            }
        }
        d.deserialize_map(Visit)
    }
}

impl schemars::JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Text a person reads, in each language the guideline declares: a language tag (ko, en, de, pt-BR) and the words in it.",
            "type": "object",
            "properties": {
                "ko": { "description": "Korean.", "type": "string" },
                "en": { "description": "English.", "type": "string" },
            },
            "propertyNames": { "pattern": TAG_PATTERN },
            "additionalProperties": { "type": "string" },
        })
    }
}

/// Formats a message in Korean or English: `tr!(lang, "{n}개", "{n} items", n = 3)`.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $ko:literal, $en:literal $(, $($arg:tt)*)?) => {
        match $crate::text::Lang::ui($lang) {
            $crate::text::Ui::Ko => format!($ko $(, $($arg)*)?),
            $crate::text::Ui::En => format!($en $(, $($arg)*)?),
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
    let mut s = String::with_capacity(24);
    push_fixed(&mut s, n, decimals);
    if s.contains('.') {
        grouped(s.trim_end_matches('0').trim_end_matches('.'))
    } else {
        grouped(&s)
    }
}

/// Appends `value` with exactly `decimals` decimals to `out`, exactly as
/// `format!("{value:.decimals$}")` writes it (rounded half to even on the value's exact binary
/// value, `-` before any negative value, `-0.0` too).
///
/// Portfolio summaries write a few dozen numbers per firm, and the general formatter is most of
/// their cost. Where a whole number does the rounding exactly, it is used instead: `value × 10^d`
/// is within half a unit in the last place of the exact product, so unless that product lies
/// within a few such units of a half, the nearest whole number to it is the exact product's. Ties
/// and near-ties, large values and values that are not finite go to the general formatter.
pub fn push_fixed(out: &mut String, value: f64, decimals: usize) {
    const SCALE: [f64; 7] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6];
    const TENS: [u64; 7] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];
    if let (Some(&scale), Some(&ten)) = (SCALE.get(decimals), TENS.get(decimals)) {
        let a = (value * scale).abs();
        // Below 2^52 a whole number and a half are both exact; the margin is four times the
        // rounding error of the product.
        if value.is_finite() && a < 4.0e15 && ((a - a.floor()) - 0.5).abs() > 4.0 * a * f64::EPSILON
        {
            // Exact: `a` is below 2^52 and not negative.
            let r = a.round() as u64;
            if value.is_sign_negative() {
                out.push('-');
            }
            push_digits(out, r / ten, 1);
            if decimals > 0 {
                out.push('.');
                push_digits(out, r % ten, decimals);
            }
            return;
        }
    }
    let _ = std::fmt::Write::write_fmt(out, format_args!("{value:.decimals$}"));
}

/// Appends `n` in decimal with at least `width` digits (leading zeros).
fn push_digits(out: &mut String, n: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut i = buf.len();
    let mut n = n;
    while n > 0 {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let start = i.min(buf.len() - width.min(buf.len()));
    for &b in &buf[start..] {
        out.push(char::from(b));
    }
}

/// A number with exactly `decimals` decimals, thousands grouped: `fixed(3.149, 1)` is `3.1`,
/// `fixed(605.0, 1)` is `605.0`, so that a column of such numbers lines up.
#[must_use]
pub fn fixed(n: f64, decimals: usize) -> String {
    let mut s = String::with_capacity(24);
    push_fixed(&mut s, n, decimals);
    grouped(&s)
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
    /// A metric in any other unit: 2 decimals, none for a whole value (a count of two is `2`).
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
            // A whole value (a count, such as people) has no decimals to show.
            Measure::Metric if value.fract() == 0.0 && value.abs() < 1e15 => number(value, 0),
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
    mod fixed {
        use super::super::push_fixed;
        use proptest::prelude::*;

        fn agrees(v: f64, d: usize) {
            let mut fast = String::new();
            push_fixed(&mut fast, v, d);
            assert_eq!(fast, format!("{v:.d$}"), "{v:e} with {d} decimals");
        }

        #[test]
        fn ties_halves_zeros_and_edges_are_as_the_formatter_writes_them() {
            for v in [
                0.0,
                -0.0,
                0.5,
                1.5,
                2.5,
                -2.5,
                0.125,
                0.375,
                2.675,
                1.005,
                1.115,
                0.045,
                -0.04,
                -0.004,
                9.995,
                99.95,
                999_999.5,
                1e-300,
                -1e-300,
                5e-324,
                1234.5678,
                4.0e15,
                4.5e15,
                9.007_199_254_740_993e15,
                1e20,
                -1e20,
                f64::MAX,
                f64::MIN,
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
                0.1 + 0.2,
                1.0 / 3.0,
                2.0 / 3.0,
                62.5,
            ] {
                for d in 0..=8 {
                    agrees(v, d);
                }
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4096))]

            /// Any bit pattern, any number of decimals.
            #[test]
            fn any_number_is_written_as_the_formatter_writes_it(bits in any::<u64>(), d in 0usize..8) {
                agrees(f64::from_bits(bits), d);
            }

            /// Numbers as answers and scores hold them: a few decimals, many of them ties.
            #[test]
            fn decimal_figures_are_written_as_the_formatter_writes_them(
                whole in -10_000_000i64..10_000_000, frac in 0u32..100_000, d in 0usize..7
            ) {
                agrees(whole as f64 + f64::from(frac) / 100_000.0, d);
                agrees(whole as f64 / 1000.0, d);
                agrees((whole as f64 + 0.5) / 10f64.powi(i32::try_from(d).unwrap_or(0)), d);
            }
        }
    }

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
        assert_eq!(Measure::Metric.show(0.0), "0");
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
        // A whole metric value, such as a count of people, without decimals; others with two.
        assert_eq!(Measure::Metric.show(2.0), "2");
        assert_eq!(Measure::Metric.show(1700.0), "1,700");
        assert_eq!(Measure::Metric.plain(49.0), "49");
        assert_eq!(Measure::Metric.show(2.5), "2.50");
        assert_eq!(Measure::Metric.show(-3.0), "-3");
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
        assert_eq!(Lang::from_locale("de_DE"), Lang::parse("de-DE"));
        assert_eq!(
            Lang::from_locale("pt_BR.UTF-8@euro").unwrap().code(),
            "pt-BR"
        );
        assert_eq!(Lang::from_locale("de_DE").unwrap().ui(), Ui::En);
        assert_eq!(Lang::from_locale("1234"), None);
    }

    #[test]
    fn tags_of_the_simple_form_are_read_and_spelled_canonically() {
        for (written, canonical) in [
            ("de", "de"),
            ("FR", "fr"),
            ("pt-br", "pt-BR"),
            ("zh-hant", "zh-Hant"),
            ("zh-HANT-tw", "zh-Hant-TW"),
            ("es-419", "es-419"),
            ("gsw", "gsw"),
        ] {
            assert_eq!(
                Tag::parse(written).map(|t| t.to_string()),
                Some(canonical.to_owned())
            );
        }
        for bad in [
            "", "d", "deutsch", "de_DE", "de-", "-de", "de-D", "de-12", "de-DE-x", "1e",
            "ko-KR-KR", "de DE",
        ] {
            assert_eq!(Tag::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Tag::parse("de-CH").unwrap().parent(), Tag::parse("de"));
        assert_eq!(Tag::parse("de").unwrap().parent(), None);
        assert_eq!(Lang::parse("de").unwrap().ui(), Ui::En);
        assert_eq!(Lang::parse("ko"), Some(Lang::Ko));
        assert_eq!(Lang::parse("ko-KR").unwrap().ui(), Ui::Ko);
        assert_eq!(Tag::parse("de").unwrap().name(Lang::En), "German (de)");
        assert_eq!(Tag::parse("de").unwrap().name(Lang::Ko), "독일어(`de`)");
        assert_eq!(Tag::parse("pt-BR").unwrap().autonym(), "português (pt-BR)");
    }

    #[test]
    fn a_text_falls_back_to_the_first_language_it_has() {
        let mut t = Text::default();
        t.set("de", "Energie".to_owned());
        t.set("ko", "에너지".to_owned());
        let de = Lang::parse("de").unwrap();
        assert_eq!(t.show(de), "Energie");
        assert_eq!(t.show(Lang::parse("de-CH").unwrap()), "Energie");
        assert_eq!(t.show(Lang::Ko), "에너지");
        // Not in French nor English: the first of its languages.
        assert_eq!(t.show(Lang::parse("fr").unwrap()), "Energie");
        assert_eq!(t.show(Lang::En), "Energie");
        t.set("de", "  ".to_owned());
        assert_eq!(t.show(de), "에너지", "an empty text counts as none");
        assert_eq!(Text::default().show(de), "");
        // The guideline's fallback order wins over the tool's languages.
        let g = [Tag::parse("de").unwrap(), Tag::KO];
        assert_eq!(Lang::parse("fr").unwrap().or_first_of(&g).code(), "de");
        assert_eq!(Lang::parse("fr").unwrap().or_first_of(&g).ui(), Ui::En);
        assert_eq!(Lang::Ko.or_first_of(&g), Lang::Ko);
        assert_eq!(Lang::parse("de-AT").unwrap().or_first_of(&g).code(), "de");
        // A guideline in Korean alone: the tool's words as asked, the guideline's in Korean.
        let en = Lang::En.or_first_of(&[Tag::KO]);
        assert_eq!((en.ui(), en.code()), (Ui::En, "ko"));
    }
}
