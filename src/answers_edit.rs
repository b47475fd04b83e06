//! Updating an answers file in place, one answer at a time, keeping the user's comments and layout.
//!
//! `esg assess` holds the file as a [`AnswersDoc`] and saves it after every answer. Only the entry
//! that changed is touched: a short answer (`employees = 120`) keeps its trailing comment and the
//! comments above it; a long-form answer (`[answers.x]` or `x = { value = ..., note = ... }`) keeps
//! its form and the keys it does not change. New entries go at the end of `[answers]`.

use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, TableLike, Value};

use crate::answers::{AnswerValue, Entry, Firm, State};
use crate::error::{Error, Result};
use crate::guideline::{Guideline, Question};
use crate::source::Source;

/// An answers file as an editable document.
#[derive(Debug, Clone)]
pub struct AnswersDoc {
    doc: DocumentMut,
}

impl AnswersDoc {
    /// A new answers file for `guideline` and `firm`, with an empty `[answers]` table.
    #[must_use]
    pub fn new(guideline: &Guideline, firm: &Firm) -> AnswersDoc {
        let mut doc = DocumentMut::new();
        let mut g = Table::new();
        g.insert("id", toml_edit::value(guideline.id.as_str()));
        g.insert("version", toml_edit::value(guideline.version.as_str()));
        g.set_position(Some(0));
        doc.insert("guideline", Item::Table(g));
        let mut f = Table::new();
        f.set_position(Some(1));
        doc.insert("firm", Item::Table(f));
        let mut a = Table::new();
        a.set_position(Some(2));
        doc.insert("answers", Item::Table(a));
        let mut out = AnswersDoc { doc };
        out.set_firm(firm);
        out
    }

    /// Reads an existing file as written, comments and all.
    pub fn parse(source: &Source) -> Result<AnswersDoc> {
        match source.text.parse::<DocumentMut>() {
            Ok(doc) => Ok(AnswersDoc { doc }),
            Err(e) => Err(Error::Invalid(vec![crate::source::toml_edit_error(
                source, &e,
            )])),
        }
    }

    /// Sets the firm's name and reporting year (when given); other `[firm]` keys stay as they are.
    pub fn set_firm(&mut self, firm: &Firm) {
        let t = table(&mut self.doc, "firm");
        set_value(t, "name", Value::from(firm.name.as_str()));
        if let Some(y) = firm.reporting_year {
            set_value(t, "reporting_year", Value::from(y));
        }
    }

    /// Writes one question's entry (or removes it, for `None`), leaving everything else as it was.
    pub fn set(&mut self, q: &Question, entry: Option<&Entry>) {
        let answers = table(&mut self.doc, "answers");
        let Some(entry) = entry else {
            answers.remove(&q.id);
            return;
        };
        let short = match &entry.state {
            State::Value(v) if entry.evidence.is_empty() && entry.note.is_none() => {
                Some(value(q, v))
            }
            _ => None,
        };
        match answers.get_mut(&q.id) {
            Some(Item::Table(t)) => fill_long(t, q, entry),
            Some(Item::Value(Value::InlineTable(t)))
                if crate::answers::is_long_form(q, t.iter().map(|(k, _)| k)) =>
            {
                fill_long(t, q, entry);
            }
            Some(item) => {
                let new = match short {
                    Some(v) => v,
                    None => {
                        let mut t = InlineTable::new();
                        fill_long(&mut t, q, entry);
                        Value::InlineTable(t)
                    }
                };
                replace(item, new);
            }
            None => match short {
                Some(v) => {
                    answers.insert(&q.id, Item::Value(v));
                }
                None => {
                    let mut t = Table::new();
                    fill_long(&mut t, q, entry);
                    answers.insert(&q.id, Item::Table(t));
                }
            },
        }
    }
}

impl std::fmt::Display for AnswersDoc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.doc.fmt(f)
    }
}

/// The root table `name`, created (at the end) when missing or not a table.
fn table<'d>(doc: &'d mut DocumentMut, name: &str) -> &'d mut Table {
    if !doc.get(name).is_some_and(Item::is_table) {
        doc.insert(name, Item::Table(Table::new()));
    }
    doc.get_mut(name)
        .and_then(Item::as_table_mut)
        .expect("just made a table")
}

/// Replaces an item's value, keeping the comment and spacing around it.
fn replace(item: &mut Item, mut new: Value) {
    if let Some(old) = item.as_value() {
        *new.decor_mut() = old.decor().clone();
    }
    *item = Item::Value(new);
}

fn set_value(t: &mut dyn TableLike, key: &str, new: Value) {
    match t.get_mut(key) {
        Some(item) => replace(item, new),
        None => {
            t.insert(key, Item::Value(new));
        }
    }
}

fn fill_long(t: &mut dyn TableLike, q: &Question, entry: &Entry) {
    match &entry.state {
        State::Value(v) => {
            t.remove("not_applicable");
            set_value(t, "value", value(q, v));
        }
        State::NotApplicable(reason) => {
            t.remove("value");
            set_value(t, "not_applicable", Value::from(reason.as_str()));
        }
        State::Open => {
            t.remove("value");
            t.remove("not_applicable");
        }
    }
    if entry.evidence.is_empty() {
        t.remove("evidence");
    } else {
        let list: Array = entry.evidence.iter().map(String::as_str).collect();
        set_value(t, "evidence", Value::Array(list));
    }
    match &entry.note {
        Some(n) => set_value(t, "note", Value::from(n.as_str())),
        None => {
            t.remove("note");
        }
    }
}

/// A number as TOML writes it: whole numbers without a decimal point.
fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        #[allow(clippy::cast_possible_truncation)]
        Value::from(n as i64)
    } else {
        Value::from(n)
    }
}

/// An answer's value as TOML.
#[must_use]
pub fn value(q: &Question, v: &AnswerValue) -> Value {
    match v {
        AnswerValue::Bool(b) => Value::from(*b),
        AnswerValue::Choice(i) => Value::from(q.options[*i].id.as_str()),
        AnswerValue::Multi(items) => Value::Array(
            items
                .iter()
                .map(|i| q.options[*i].id.as_str())
                .collect::<Array>(),
        ),
        AnswerValue::Num(n) => number(*n),
        AnswerValue::Text(s) => Value::from(s.as_str()),
        AnswerValue::Series(points) => {
            let mut t = InlineTable::new();
            for (year, v) in points {
                t.insert(year.to_string(), number(*v));
            }
            Value::InlineTable(t)
        }
    }
}
