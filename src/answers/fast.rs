//! The fast path of reading an answers file: a walk over the TOML parser's events straight into
//! the checked answers, with no document built and no position kept.
//!
//! It takes only files that have nothing to report: the moment anything is unusual (a syntax
//! error, a problem with an answer, a warning, or a shape of TOML it does not walk, such as
//! dotted keys, `[[guideline]]` or tables of rows), it gives up and the caller reads the file
//! again with positions ([`super::read`]), which finds and reports the same problems as always.
//! So a file read here gives exactly the answers the full reading would give, and every
//! diagnostic comes from the full reading.

use std::borrow::Cow;
use std::cell::RefCell;

use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::lexer::Token;
use toml_parser::parser::{Event, EventKind, RecursionGuard, ValidateWhitespace};
use toml_parser::{ParseError, Source as TomlSource};

use super::{AnswerValue, Answers, Entry, Firm, Given, PLACEHOLDER, State, YEARS, is_long_form};
use crate::guideline::{Guideline, Question, QuestionKind};
use crate::source::Source;

/// The nesting the full parse allows (the `toml` crate's limit).
const DEPTH: u32 = 80;

/// The bytes a bare key may hold: ASCII letters and digits, `-` and `_`.
static BARE: [bool; 256] = {
    let mut bare = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        bare[b] = c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
        b += 1;
    }
    bare
};

/// Gives up on the fast path.
struct GiveUp;

type Fast<T> = Result<T, GiveUp>;

/// Reads and checks `source` against `guideline` without positions; `None` when the file has
/// anything to report or a shape this walk leaves to the full reading.
pub(super) fn read(source: &Source, guideline: &Guideline) -> Option<Answers> {
    thread_local! {
        /// The tokens and events of the last file read on this thread, kept for their room.
        static ROOM: RefCell<(Vec<Token>, Vec<Event>)> = const { RefCell::new((Vec::new(), Vec::new())) };
    }
    ROOM.with(|room| {
        let (tokens, events) = &mut *room.borrow_mut();
        let text: &str = &source.text;
        let toml = TomlSource::new(text);
        tokens.clear();
        tokens.extend(toml.lex());
        events.clear();
        let mut errors: Option<ParseError> = None;
        {
            let mut ws = ValidateWhitespace::new(events, toml);
            let mut guard = RecursionGuard::new(&mut ws, DEPTH);
            toml_parser::parser::parse_document(tokens, &mut guard, &mut errors);
        }
        if errors.is_some() {
            return None;
        }
        let mut walk = Walk {
            toml,
            events,
            at: 0,
            g: guideline,
        };
        let answers = walk.document(source).ok();
        // A very large file's room is not kept.
        if tokens.capacity() > 1 << 16 {
            *tokens = Vec::new();
            *events = Vec::new();
        }
        answers
    })
}

/// A value as the checks need it: scalars decoded, no positions.
enum Value<'i> {
    String(Cow<'i, str>),
    Integer(Cow<'i, str>, u32),
    Float(Cow<'i, str>),
    Boolean(bool),
    Array(Vec<Value<'i>>),
    Table(Vec<(Cow<'i, str>, Value<'i>)>),
}

impl Value<'_> {
    fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    fn is_placeholder(&self) -> bool {
        matches!(self, Value::String(s) if s.trim() == PLACEHOLDER)
    }

    /// As `super::number`.
    fn number(&self) -> Option<f64> {
        match self {
            Value::Integer(i, radix) => i64::from_str_radix(i, *radix).ok().map(|n| n as f64),
            Value::Float(f) => f.parse::<f64>().ok(),
            _ => None,
        }
    }
}

/// Which table the keys being read belong to.
#[derive(Clone, Copy, PartialEq)]
enum Table {
    Guideline,
    Firm,
    Answers,
    Factors,
    /// `[answers.ID]`: the long form of the answer to a question, by index.
    Answer(usize),
}

struct Walk<'e, 'i, 'g> {
    toml: TomlSource<'i>,
    events: &'e [Event],
    at: usize,
    g: &'g Guideline,
}

impl<'i> Walk<'_, 'i, '_> {
    /// The next event that is not whitespace, a comment or a line end.
    fn next(&mut self) -> Option<Event> {
        while let Some(e) = self.events.get(self.at) {
            self.at += 1;
            if !matches!(
                e.kind(),
                EventKind::Whitespace | EventKind::Comment | EventKind::Newline
            ) {
                return Some(*e);
            }
        }
        None
    }

    /// The kind of the next event that is not whitespace, a comment or a line end, not taken.
    fn peek(&self) -> Option<EventKind> {
        self.events[self.at..].iter().map(Event::kind).find(|k| {
            !matches!(
                k,
                EventKind::Whitespace | EventKind::Comment | EventKind::Newline
            )
        })
    }

    fn expect(&mut self, kind: EventKind) -> Fast<()> {
        match self.next() {
            Some(e) if e.kind() == kind => Ok(()),
            _ => Err(GiveUp),
        }
    }

    /// A key as decoded: one simple key (a dotted key is left to the full reading).
    fn key(&mut self, e: Event) -> Fast<Cow<'i, str>> {
        if e.kind() != EventKind::SimpleKey {
            return Err(GiveUp);
        }
        let raw = self.toml.get(e).ok_or(GiveUp)?;
        // A plain key (letters, digits, `_`, `-`) is itself.
        let plain = raw.as_str();
        if e.encoding().is_none()
            && !plain.is_empty()
            && plain.bytes().all(|b| BARE[usize::from(b)])
        {
            return Ok(Cow::Borrowed(plain));
        }
        let mut out = Cow::Borrowed("");
        let mut err: Option<ParseError> = None;
        raw.decode_key(&mut out, &mut err);
        if err.is_some() {
            return Err(GiveUp);
        }
        Ok(out)
    }

    /// `key =`: the key, with the separator taken.
    fn key_val(&mut self, e: Event) -> Fast<Cow<'i, str>> {
        let key = self.key(e)?;
        self.expect(EventKind::KeyValSep)?;
        Ok(key)
    }

    fn value(&mut self) -> Fast<Value<'i>> {
        let e = self.next().ok_or(GiveUp)?;
        match e.kind() {
            EventKind::Scalar => self.scalar(e),
            EventKind::ArrayOpen => {
                let mut items = Vec::new();
                loop {
                    if self.peek() == Some(EventKind::ArrayClose) {
                        self.next();
                        break;
                    }
                    items.push(self.value()?);
                    match self.next().map(|e| e.kind()) {
                        Some(EventKind::ValueSep) => {}
                        Some(EventKind::ArrayClose) => break,
                        _ => return Err(GiveUp),
                    }
                }
                Ok(Value::Array(items))
            }
            EventKind::InlineTableOpen => {
                let mut pairs: Vec<(Cow<'i, str>, Value<'i>)> = Vec::new();
                loop {
                    let e = self.next().ok_or(GiveUp)?;
                    if e.kind() == EventKind::InlineTableClose {
                        break;
                    }
                    let key = self.key_val(e)?;
                    // A key given twice is an error of the TOML.
                    if pairs.iter().any(|(k, _)| *k == key) {
                        return Err(GiveUp);
                    }
                    let value = self.value()?;
                    pairs.push((key, value));
                    match self.next().map(|e| e.kind()) {
                        Some(EventKind::ValueSep) => {}
                        Some(EventKind::InlineTableClose) => break,
                        _ => return Err(GiveUp),
                    }
                }
                Ok(Value::Table(pairs))
            }
            _ => Err(GiveUp),
        }
    }

    /// The scalar of event `e`, decoded.
    fn scalar(&self, e: Event) -> Fast<Value<'i>> {
        let raw = self.toml.get(e).ok_or(GiveUp)?;
        if let Some(plain) = plain_scalar(raw.as_str(), e.encoding()) {
            return Ok(plain);
        }
        let mut out = Cow::Borrowed("");
        let mut err: Option<ParseError> = None;
        let kind = raw.decode_scalar(&mut out, &mut err);
        if err.is_some() {
            return Err(GiveUp);
        }
        Ok(match kind {
            ScalarKind::String => Value::String(out),
            ScalarKind::Boolean(b) => Value::Boolean(b),
            ScalarKind::Integer(radix) => Value::Integer(out, radix.value()),
            ScalarKind::Float => Value::Float(out),
            // No answer is a date.
            ScalarKind::DateTime => return Err(GiveUp),
        })
    }

    /// The answer to `q` in its most common plain forms, read straight from the events: a
    /// series as `{ 2023 = 1.5, 2024 = 2 }` and a multi choice as `["a", "b"]`. `None`, with
    /// nothing taken, for any other form or anything unusual in these (a long-form key, a year
    /// written otherwise, a value that is not a plain number or option, a year or option given
    /// twice): the general reading ([`Walk::value`] and [`entry`]) then decides, as always.
    fn plain(&mut self, q: &Question) -> Fast<Option<AnswerValue>> {
        let start = self.at;
        let read = match (q.kind, self.peek()) {
            (QuestionKind::Series, Some(EventKind::InlineTableOpen)) => self.plain_series(q)?,
            (QuestionKind::Multi, Some(EventKind::ArrayOpen)) => self.plain_multi(q)?,
            _ => None,
        };
        if read.is_none() {
            self.at = start;
        }
        Ok(read)
    }

    /// `{ year = number, ... }`, as [`value`] reads it from a table of such pairs.
    fn plain_series(&mut self, q: &Question) -> Fast<Option<AnswerValue>> {
        self.next();
        let mut points: Vec<(i32, f64)> = Vec::with_capacity(4);
        loop {
            let e = self.next().ok_or(GiveUp)?;
            if e.kind() == EventKind::InlineTableClose {
                break;
            }
            let Some(year) = plain_year(&self.key_val(e)?) else {
                return Ok(None);
            };
            let Some(n) = self.plain_number()? else {
                return Ok(None);
            };
            if points.iter().any(|p| p.0 == year) || in_bounds(q, n).is_err() {
                return Ok(None);
            }
            points.push((year, n));
            match self.next().map(|e| e.kind()) {
                Some(EventKind::ValueSep) => {}
                Some(EventKind::InlineTableClose) => break,
                _ => return Ok(None),
            }
        }
        points.sort_by_key(|p| p.0);
        Ok(Some(AnswerValue::Series(points)))
    }

    /// A finite integer or float, as [`Value::number`] reads it; `None` for any other value.
    fn plain_number(&mut self) -> Fast<Option<f64>> {
        let Some(e) = self.next().filter(|e| e.kind() == EventKind::Scalar) else {
            return Ok(None);
        };
        Ok(self.scalar(e)?.number().filter(|n| n.is_finite()))
    }

    /// `["option", ...]`, as [`value`] reads it from an array of strings.
    fn plain_multi(&mut self, q: &Question) -> Fast<Option<AnswerValue>> {
        self.next();
        let mut picked: Vec<usize> = Vec::with_capacity(4);
        loop {
            if self.peek() == Some(EventKind::ArrayClose) {
                self.next();
                break;
            }
            let Some(e) = self.next().filter(|e| e.kind() == EventKind::Scalar) else {
                return Ok(None);
            };
            let Value::String(option) = self.scalar(e)? else {
                return Ok(None);
            };
            match q.option_index(&option) {
                Some(i) if !picked.contains(&i) => picked.push(i),
                _ => return Ok(None),
            }
            match self.next().map(|e| e.kind()) {
                Some(EventKind::ValueSep) => {}
                Some(EventKind::ArrayClose) => break,
                _ => return Ok(None),
            }
        }
        Ok(Some(AnswerValue::Multi(picked)))
    }

    /// A table header `[name]` or `[answers.ID]`: which table it opens.
    fn header(&mut self) -> Fast<Table> {
        let e = self.next().ok_or(GiveUp)?;
        let name = self.key(e)?;
        let e = self.next().ok_or(GiveUp)?;
        if e.kind() == EventKind::KeySep && name == "answers" {
            let e = self.next().ok_or(GiveUp)?;
            let id = self.key(e)?;
            self.expect(EventKind::StdTableClose)?;
            return self.g.question_index(&id).map(Table::Answer).ok_or(GiveUp);
        }
        if e.kind() != EventKind::StdTableClose {
            return Err(GiveUp);
        }
        Ok(match name.as_ref() {
            "guideline" => Table::Guideline,
            "firm" => Table::Firm,
            "answers" => Table::Answers,
            "factors" => Table::Factors,
            _ => return Err(GiveUp),
        })
    }

    /// The answer `value` to question `q`, checked, into `entries`.
    fn answer(
        &self,
        q: usize,
        value: &Value<'_>,
        opened: &[Table],
        firm: &Firm,
        entries: &mut [Option<Entry>],
    ) -> Fast<()> {
        let entry = entry(&self.g.questions[q], value)?;
        self.keep(q, entry, opened, firm, entries)
    }

    /// The checked answer `entry` to question `q`, into `entries`.
    fn keep(
        &self,
        q: usize,
        entry: Entry,
        opened: &[Table],
        firm: &Firm,
        entries: &mut [Option<Entry>],
    ) -> Fast<()> {
        let question = &self.g.questions[q];
        if question.kind == QuestionKind::Series {
            // Years after the reporting year are worth a warning; the reporting year must be
            // known to tell.
            if !opened.contains(&Table::Firm) {
                return Err(GiveUp);
            }
            if let (Some(year), State::Value(AnswerValue::Series(points))) =
                (firm.reporting_year, &entry.state)
            {
                if points.iter().any(|&(y, _)| i64::from(y) > year) {
                    return Err(GiveUp);
                }
            }
        }
        entries[q] = Some(entry);
        Ok(())
    }

    fn document(&mut self, source: &Source) -> Fast<Answers> {
        let g = self.g;
        let mut table: Option<Table> = None;
        let mut opened: Vec<Table> = Vec::with_capacity(4);
        let mut named = false;
        let mut version: Option<String> = None;
        let mut firm = Firm::default();
        let mut firm_keys: Vec<Cow<'i, str>> = Vec::new();
        let mut entries: Vec<Option<Entry>> = vec![None; g.questions.len()];
        let mut factors: Vec<Option<usize>> = vec![None; g.families.len()];
        let mut next_q = 0;
        // The keys of an `[answers.ID]` table, read so far.
        let mut long: Vec<(Cow<'i, str>, Value<'i>)> = Vec::new();
        loop {
            let e = self.next();
            if let (Some(Table::Answer(q)), true) =
                (table, e.is_none_or(|e| e.kind() == EventKind::StdTableOpen))
            {
                // The end of an `[answers.ID]` table: its answer.
                let value = Value::Table(std::mem::take(&mut long));
                self.answer(q, &value, &opened, &firm, &mut entries)?;
            }
            let Some(e) = e else { break };
            match e.kind() {
                EventKind::StdTableOpen => {
                    let t = self.header()?;
                    // A table opened twice is an error of the TOML.
                    if opened.contains(&t) {
                        return Err(GiveUp);
                    }
                    if let Table::Answer(q) = t {
                        if entries[q].is_some() {
                            return Err(GiveUp);
                        }
                        next_q = q + 1;
                    }
                    opened.push(t);
                    table = Some(t);
                }
                EventKind::SimpleKey => {
                    let key = self.key_val(e)?;
                    match table.ok_or(GiveUp)? {
                        Table::Answer(_) => {
                            if long.iter().any(|(k, _)| *k == key) {
                                return Err(GiveUp);
                            }
                            let value = self.value()?;
                            long.push((key, value));
                        }
                        Table::Guideline => match key.as_ref() {
                            "id" if !named => match self.value()? {
                                Value::String(id) if id == g.id.as_str() => named = true,
                                _ => return Err(GiveUp),
                            },
                            "version" if version.is_none() => match self.value()? {
                                // Another version is worth a warning: the full reading gives it.
                                Value::String(v) if v == g.version.as_str() => {
                                    version = Some(v.into_owned());
                                }
                                _ => return Err(GiveUp),
                            },
                            _ => return Err(GiveUp),
                        },
                        Table::Firm => {
                            if firm_keys.contains(&key) {
                                return Err(GiveUp);
                            }
                            let value = self.value()?;
                            firm_field(&mut firm, &key, value)?;
                            firm_keys.push(key);
                        }
                        Table::Answers => {
                            let id = key.as_ref();
                            let q = match g.questions.get(next_q) {
                                Some(q) if q.id == id => next_q,
                                _ => g.question_index(id).ok_or(GiveUp)?,
                            };
                            // Given twice: an error of the TOML.
                            if entries[q].is_some() {
                                return Err(GiveUp);
                            }
                            next_q = q + 1;
                            if let Some(read) = self.plain(&g.questions[q])? {
                                self.keep(q, Entry::value(read), &opened, &firm, &mut entries)?;
                            } else {
                                let value = self.value()?;
                                self.answer(q, &value, &opened, &firm, &mut entries)?;
                            }
                        }
                        Table::Factors => {
                            let f = g.family_index(&key).ok_or(GiveUp)?;
                            if factors[f].is_some() {
                                return Err(GiveUp);
                            }
                            let Value::String(id) = self.value()? else {
                                return Err(GiveUp);
                            };
                            let family = &g.families[f];
                            let t = family
                                .tables
                                .iter()
                                .find(|&&t| g.factor_tables[t].id == id.as_ref())
                                .ok_or(GiveUp)?;
                            factors[f] = Some(*t);
                        }
                    }
                }
                _ => return Err(GiveUp),
            }
        }
        if !named || !opened.contains(&Table::Firm) || firm.name.trim().is_empty() {
            return Err(GiveUp);
        }
        Ok(Answers {
            file: source.name.clone(),
            guideline_id: g.id.clone(),
            guideline_version: version,
            firm,
            entries,
            factors,
            warnings: Vec::new(),
        })
    }
}

/// A scalar written in the forms most answers take, read as the TOML decoder reads it but
/// without it: a basic string with no escape (`"text"`), `true`, `false`, and a decimal number
/// with digits only around an optional point (`-12`, `412.3`; no leading zero, underscore,
/// exponent or `+`). `None` for anything else, which the decoder then reads (and judges).
fn plain_scalar(raw: &str, encoding: Option<Encoding>) -> Option<Value<'_>> {
    match encoding {
        Some(Encoding::BasicString) => {
            let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
            // What a basic string may hold unescaped: tab, printable ASCII but `"` and `\`,
            // and any non-ASCII character.
            let unescaped =
                |b: u8| b == b'\t' || (b >= 0x20 && b != b'"' && b != b'\\' && b != 0x7f);
            inner
                .bytes()
                .all(unescaped)
                .then_some(Value::String(Cow::Borrowed(inner)))
        }
        None => match raw {
            "true" => Some(Value::Boolean(true)),
            "false" => Some(Value::Boolean(false)),
            _ => {
                let unsigned = raw.strip_prefix('-').unwrap_or(raw);
                let (whole, fraction) = match unsigned.split_once('.') {
                    Some((w, f)) => (w, Some(f)),
                    None => (unsigned, None),
                };
                let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
                if !digits(whole)
                    || (whole.len() > 1 && whole.starts_with('0'))
                    || fraction.is_some_and(|f| !digits(f))
                {
                    return None;
                }
                Some(match fraction {
                    Some(_) => Value::Float(Cow::Borrowed(raw)),
                    None => Value::Integer(Cow::Borrowed(raw), 10),
                })
            }
        },
        _ => None,
    }
}

/// A series' year key written plainly (digits only, no leading zero: as the year prints) and in
/// [`YEARS`].
fn plain_year(key: &str) -> Option<i32> {
    if key.starts_with('0') || !key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    key.parse::<i32>().ok().filter(|y| YEARS.contains(y))
}

/// One key of `[firm]`, as the full reading takes it.
fn firm_field(firm: &mut Firm, key: &str, value: Value<'_>) -> Fast<()> {
    if key == "reporting_year" {
        let Value::Integer(..) = value else {
            return Err(GiveUp);
        };
        let y = value.number().unwrap_or(0.0);
        if !YEARS.contains(&(y as i32)) {
            return Err(GiveUp);
        }
        firm.reporting_year = Some(y as i64);
        return Ok(());
    }
    let Value::String(s) = value else {
        return Err(GiveUp);
    };
    let s = s.into_owned();
    match key {
        "name" => firm.name = s,
        "business_number" => firm.business_number = Some(s),
        "contact" => firm.contact = Some(s),
        "assessed_on" => firm.assessed_on = Some(s),
        "identifier" => firm.identifier = Some(s),
        "identifier_scheme" => firm.identifier_scheme = Some(s),
        _ => return Err(GiveUp),
    }
    Ok(())
}

/// As `super::entry`, for an answer with nothing to report.
fn entry(q: &Question, v: &Value<'_>) -> Fast<Entry> {
    let Value::Table(t) = v else {
        return value(q, v, 1.0).map(Entry::value);
    };
    if !is_long_form(q, t.iter().map(|(k, _)| k.as_ref())) {
        return value(q, v, 1.0).map(Entry::value);
    }
    let chosen = match t.iter().find(|(k, _)| k == "unit") {
        Some((_, u)) => Some(q.unit_index(u.as_str().ok_or(GiveUp)?).ok_or(GiveUp)?),
        None => None,
    };
    let factor = chosen
        .and_then(|i| q.units.get(i))
        .map_or(1.0, |u| u.factor);
    let mut state = State::Open;
    let mut evidence = Vec::new();
    let mut note = None;
    let mut given = None;
    for (k, item) in t {
        match k.as_ref() {
            "unit" => {}
            "value" => {
                let val = value(q, item, factor)?;
                if matches!(state, State::NotApplicable(_)) {
                    return Err(GiveUp);
                }
                if let Some(unit) = chosen {
                    given = Some(Given {
                        unit,
                        value: val.clone(),
                    });
                }
                state = State::Value(val.scaled(factor));
            }
            "not_applicable" => {
                let reason = item.as_str().ok_or(GiveUp)?;
                if reason.trim().is_empty() || !q.allow_na || matches!(state, State::Value(_)) {
                    return Err(GiveUp);
                }
                state = State::NotApplicable(reason.to_owned());
            }
            "evidence" => match item {
                Value::Array(items) => {
                    for e in items {
                        evidence.push(e.as_str().ok_or(GiveUp)?.to_owned());
                    }
                }
                Value::String(s) => evidence.push(s.to_string()),
                _ => return Err(GiveUp),
            },
            "note" => note = Some(item.as_str().ok_or(GiveUp)?.to_owned()),
            _ => return Err(GiveUp),
        }
    }
    Ok(Entry {
        state,
        evidence,
        note,
        given,
    })
}

/// As `super::value`, for a value with nothing to report. Tables of rows are left to the full
/// reading.
fn value(q: &Question, v: &Value<'_>, factor: f64) -> Fast<AnswerValue> {
    if v.is_placeholder() {
        return Err(GiveUp);
    }
    match (q.kind, v) {
        (QuestionKind::YesNo, Value::Boolean(b)) => Ok(AnswerValue::Bool(*b)),
        (QuestionKind::Text, Value::String(s)) => Ok(AnswerValue::Text(s.to_string())),
        (QuestionKind::Choice, Value::String(s)) => {
            q.option_index(s).map(AnswerValue::Choice).ok_or(GiveUp)
        }
        (QuestionKind::Multi, Value::Array(items)) => {
            let mut picked = Vec::with_capacity(items.len());
            for item in items {
                let i = q.option_index(item.as_str().ok_or(GiveUp)?).ok_or(GiveUp)?;
                if picked.contains(&i) {
                    return Err(GiveUp);
                }
                picked.push(i);
            }
            Ok(AnswerValue::Multi(picked))
        }
        (QuestionKind::Number, Value::Integer(..) | Value::Float(_))
        | (QuestionKind::Integer, Value::Integer(..)) => {
            let n = v.number().filter(|n| n.is_finite()).ok_or(GiveUp)?;
            in_bounds(q, n * factor)?;
            Ok(AnswerValue::Num(n))
        }
        (QuestionKind::Series, Value::Table(t)) => {
            let mut points: Vec<(i32, f64)> = Vec::with_capacity(t.len());
            for (key, item) in t {
                let year = plain_year(key).ok_or(GiveUp)?;
                // Once.
                if points.iter().any(|p| p.0 == year) {
                    return Err(GiveUp);
                }
                if item.is_placeholder() {
                    return Err(GiveUp);
                }
                let n = item.number().filter(|n| n.is_finite()).ok_or(GiveUp)?;
                in_bounds(q, n * factor)?;
                points.push((year, n));
            }
            points.sort_by_key(|p| p.0);
            Ok(AnswerValue::Series(points))
        }
        _ => Err(GiveUp),
    }
}

/// As `super::bounds_check`, for a figure already converted to the question's first unit.
fn in_bounds(q: &Question, n: f64) -> Fast<()> {
    if q.min.is_some_and(|min| n < min) || q.max.is_some_and(|max| n > max) {
        return Err(GiveUp);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `x = text` parsed; the decoder's reading of its value and the plain reading, if any.
    fn both_readings(text: &str) -> Option<(Option<String>, String)> {
        let doc = format!("x = {text}\n");
        let toml = TomlSource::new(&doc);
        let tokens: Vec<Token> = toml.lex().collect();
        let mut events: Vec<Event> = Vec::new();
        let mut errors: Option<ParseError> = None;
        toml_parser::parser::parse_document(&tokens, &mut events, &mut errors);
        if errors.is_some() {
            return None;
        }
        let e = *events.iter().find(|e| e.kind() == EventKind::Scalar)?;
        let raw = toml.get(e)?;
        let show = |v: &Value<'_>| match v {
            Value::String(s) => format!("string {s}"),
            Value::Integer(s, r) => format!("integer {s} radix {r}"),
            Value::Float(s) => format!("float {s}"),
            Value::Boolean(b) => format!("boolean {b}"),
            _ => "other".to_owned(),
        };
        let plain = plain_scalar(raw.as_str(), e.encoding()).map(|v| show(&v));
        let mut out = Cow::Borrowed("");
        let mut err: Option<ParseError> = None;
        let kind = raw.decode_scalar(&mut out, &mut err);
        let decoded = match (err, kind) {
            (Some(_), _) => "error".to_owned(),
            (None, ScalarKind::String) => show(&Value::String(out)),
            (None, ScalarKind::Boolean(b)) => show(&Value::Boolean(b)),
            (None, ScalarKind::Integer(r)) => show(&Value::Integer(out, r.value())),
            (None, ScalarKind::Float) => show(&Value::Float(out)),
            (None, ScalarKind::DateTime) => "date".to_owned(),
        };
        Some((plain, decoded))
    }

    /// A value read without the decoder is what the decoder reads, with no error.
    fn agrees(text: &str) {
        if let Some((Some(plain), decoded)) = both_readings(text) {
            assert_eq!(plain, decoded, "{text:?}");
        }
    }

    #[test]
    fn plain_scalars_are_read_as_the_decoder_reads_them() {
        for text in [
            "0",
            "-0",
            "7",
            "-12",
            "412.3",
            "0.5",
            "-0.0",
            "2.50",
            "true",
            "false",
            "\"\"",
            "\"a b\"",
            "\"서해오토텍(주)\"",
            "\"tab\there\"",
            "\"a\\tb\"",
            "01",
            "+1",
            "1_000",
            "00.5",
            "1.",
            "1e3",
            "inf",
            "nan",
            "'a'",
            "\"\"\"a\"\"\"",
            "1979-05-27",
            "True",
        ] {
            agrees(text);
        }
        // The plain forms are taken; the others are left to the decoder.
        for (text, taken) in [
            ("412.3", true),
            ("\"a\"", true),
            ("1_000", false),
            ("'a'", false),
        ] {
            let (plain, _) = both_readings(text).unwrap();
            assert_eq!(plain.is_some(), taken, "{text}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn any_scalar_is_read_as_the_decoder_reads_it(text in "[-+0-9._eE\"\\\\ta\u{7f}\u{ac00} ]{1,8}") {
            agrees(&text);
        }
    }
}
