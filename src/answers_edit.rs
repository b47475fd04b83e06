//! Updating an answers file in place, one answer at a time, keeping the user's comments and layout.
//!
//! `esg assess` holds the file as a [`AnswersDoc`] and saves it after every answer. Only the entry
//! that changed is touched: a short answer (`employees = 120`) keeps its trailing comment and the
//! comments above it; a long-form answer (`[answers.x]` or `x = { value = ..., note = ... }`) keeps
//! its form and the keys it does not change. New entries go at the end of `[answers]`.

use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, TableLike, Value};

use crate::answers::{AnswerValue, Cell, Entry, Firm, State};
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
        AnswersDoc::for_guidelines(&[guideline], firm)
    }

    /// A new file for answers to several guidelines at once (`[[guideline]]`, one per guideline,
    /// in the order given), or to one (`[guideline]`).
    pub fn for_guidelines(guidelines: &[&Guideline], firm: &Firm) -> AnswersDoc {
        let mut doc = DocumentMut::new();
        let head = |g: &Guideline| {
            let mut t = Table::new();
            t.insert("id", toml_edit::value(g.id.as_str()));
            t.insert("version", toml_edit::value(g.version.as_str()));
            t.set_position(Some(0));
            t
        };
        match guidelines {
            [g] => {
                doc.insert("guideline", Item::Table(head(g)));
            }
            several => {
                let mut list = toml_edit::ArrayOfTables::new();
                for g in several {
                    list.push(head(g));
                }
                doc.insert("guideline", Item::ArrayOfTables(list));
            }
        }
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

    /// Sets one text key of `[firm]` (`identifier`), leaving the others as they are.
    pub fn set_firm_text(&mut self, key: &str, text: &str) {
        let t = table(&mut self.doc, "firm");
        set_value(t, key, Value::from(text));
    }

    /// Writes one question's entry (or removes it, for `None`), leaving everything else as it was.
    pub fn set(&mut self, q: &Question, entry: Option<&Entry>) {
        let answers = table(&mut self.doc, "answers");
        let Some(entry) = entry else {
            remove_keeping_comments(answers, &q.id);
            return;
        };
        let short = match &entry.state {
            State::Value(v)
                if entry.evidence.is_empty() && entry.note.is_none() && entry.given.is_none() =>
            {
                Some(value(q, v))
            }
            _ => None,
        };
        // Only a value and its unit: written inline, `x = { value = 288, unit = "GJ" }`.
        let unit_only = matches!(&entry.state, State::Value(_))
            && entry.given.is_some()
            && entry.evidence.is_empty()
            && entry.note.is_none();
        match answers.get_mut(&q.id) {
            Some(Item::Table(t)) => fill_long(t, q, entry),
            // An inline answer that held a value and its unit only, back to the first unit: the
            // short form again.
            Some(item @ Item::Value(Value::InlineTable(_)))
                if short.is_some()
                    && item.as_inline_table().is_some_and(|t| {
                        t.contains_key("unit")
                            && t.iter().all(|(k, _)| matches!(k, "value" | "unit"))
                    }) =>
            {
                replace(item, short.expect("a short form"));
            }
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
                None if unit_only => {
                    let mut t = InlineTable::new();
                    fill_long(&mut t, q, entry);
                    answers.insert(&q.id, Item::Value(Value::InlineTable(t)));
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
    match (&entry.state, &entry.given) {
        (State::Value(_), Some(given)) if given.unit < q.units.len() => {
            t.remove("not_applicable");
            set_value(t, "value", value(q, &given.value));
            set_value(t, "unit", Value::from(q.units[given.unit].id.as_str()));
        }
        (State::Value(v), _) => {
            t.remove("not_applicable");
            t.remove("unit");
            set_value(t, "value", value(q, v));
        }
        (State::NotApplicable(reason), _) => {
            t.remove("value");
            t.remove("unit");
            set_value(t, "not_applicable", Value::from(reason.as_str()));
        }
        (State::Open, _) => {
            t.remove("value");
            t.remove("unit");
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

/// A number as TOML writes it: whole numbers without a decimal point, and an integer question's
/// answer always as a TOML integer (which is how it is read back).
fn number(n: f64, integer: bool) -> Value {
    let limit = if integer { 2f64.powi(63) } else { 1e15 };
    if n.fract() == 0.0 && n.abs() < limit {
        #[allow(clippy::cast_possible_truncation)]
        Value::from(n as i64)
    } else {
        Value::from(n)
    }
}

/// Removes `key` from `t` and keeps the comments that were written with it: those above it and
/// beside it (and, for a `[answers.x]` table, those inside it) stay in the file where it was.
fn remove_keeping_comments(t: &mut Table, key: &str) {
    let mut kept = String::new();
    if let Some(k) = t.key(key) {
        push_raw(&mut kept, k.leaf_decor().prefix());
    }
    match t.get(key) {
        Some(Item::Value(v)) => push_comment(&mut kept, v.decor().suffix()),
        Some(Item::Table(sub)) => {
            push_raw(&mut kept, sub.decor().prefix());
            push_comment(&mut kept, sub.decor().suffix());
            collect_comments(sub, &mut kept);
        }
        _ => {}
    }
    // The answers written in the table's body, in order (sub-tables come after them).
    let body: Vec<String> = t
        .iter()
        .filter(|(k, item)| item.is_value() || *k == key)
        .map(|(k, _)| k.to_owned())
        .collect();
    let at = body.iter().position(|k| k == key);
    t.remove(key);
    if !kept.contains('#') {
        return;
    }
    let kept = kept.trim_start_matches(['\n', '\r']).to_owned();
    let next = at.and_then(|i| body.get(i + 1));
    let before = at.and_then(|i| i.checked_sub(1)).and_then(|i| body.get(i));
    if let Some(mut k) = next.and_then(|n| t.key_mut(n)) {
        // Above the next answer.
        let old = raw(k.leaf_decor().prefix());
        let old = old.trim_start_matches(['\n', '\r']);
        k.leaf_decor_mut().set_prefix(format!("{kept}{old}"));
    } else if let Some(v) = before
        .and_then(|b| t.get_mut(b))
        .and_then(Item::as_value_mut)
    {
        // After the answer before it.
        let old = raw(v.decor().suffix());
        v.decor_mut()
            .set_suffix(format!("{old}\n{}", kept.trim_end_matches(['\n', '\r'])));
    } else {
        // Under the table's header.
        let old = raw(t.decor().suffix());
        t.decor_mut()
            .set_suffix(format!("{old}\n{}", kept.trim_end_matches(['\n', '\r'])));
    }
}

fn raw(r: Option<&toml_edit::RawString>) -> String {
    r.and_then(toml_edit::RawString::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Appends decor text as it is (blank lines and comment lines above an entry).
fn push_raw(out: &mut String, r: Option<&toml_edit::RawString>) {
    out.push_str(&raw(r));
}

/// Appends the comment of a decor suffix (`   # from payroll`) as a line of its own.
fn push_comment(out: &mut String, r: Option<&toml_edit::RawString>) {
    let text = raw(r);
    for line in text.lines().map(str::trim).filter(|l| l.starts_with('#')) {
        out.push_str(line);
        out.push('\n');
    }
}

/// The comments inside a long-form table: above and beside each of its keys.
fn collect_comments(t: &Table, out: &mut String) {
    for (k, item) in t.iter() {
        if let Some(key) = t.key(k) {
            for line in raw(key.leaf_decor().prefix())
                .lines()
                .map(str::trim)
                .filter(|l| l.starts_with('#'))
            {
                out.push_str(line);
                out.push('\n');
            }
        }
        if let Some(v) = item.as_value() {
            push_comment(out, v.decor().suffix());
        }
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
        AnswerValue::Num(n) => number(*n, q.kind == crate::guideline::QuestionKind::Integer),
        AnswerValue::Text(s) => Value::from(s.as_str()),
        AnswerValue::Series(points) => {
            let mut t = InlineTable::new();
            for (year, v) in points {
                t.insert(year.to_string(), number(*v, false));
            }
            Value::InlineTable(t)
        }
        AnswerValue::Table(rows) => {
            let mut list = Array::new();
            for row in rows {
                let mut t = InlineTable::new();
                for (cell, col) in row.iter().zip(&q.columns) {
                    let v = match cell {
                        Cell::Bool(b) => Value::from(*b),
                        Cell::Choice(i) => Value::from(col.options[*i].id.as_str()),
                        Cell::Num(n) => {
                            number(*n, col.kind == crate::guideline::QuestionKind::Integer)
                        }
                        Cell::Text(s) => Value::from(s.as_str()),
                    };
                    t.insert(&col.id, v);
                }
                list.push(Value::InlineTable(t));
            }
            // One row per line when there are several.
            if list.len() > 1 {
                for v in list.iter_mut() {
                    v.decor_mut().set_prefix("\n  ");
                }
                list.set_trailing("\n");
                list.set_trailing_comma(true);
            }
            Value::Array(list)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::AnswerValue;

    fn mini() -> Guideline {
        crate::guideline::load_dir(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/guidelines/mini"),
        )
        .unwrap()
    }

    fn cleared(text: &str, ids: &[&str]) -> String {
        let g = mini();
        let mut doc = AnswersDoc::parse(&Source::new("a.toml", text)).unwrap();
        for id in ids {
            doc.set(&g.questions[g.question_index(id).unwrap()], None);
        }
        let out = doc.to_string();
        let checked = crate::answers::parse(&Source::new("a.toml", out.clone()), &g);
        assert!(checked.is_ok(), "{out}");
        out
    }

    const FILE: &str = "\
[guideline]
id = \"mini\"

[firm]
name = \"Acme\"

[answers]
# Asked the CEO on 3 March.
has_board = true   # three directors
# From the audit.
turnover = 12.5   # voluntary only
";

    #[test]
    fn clearing_an_answer_keeps_the_comments_above_and_beside_it() {
        assert_eq!(
            cleared(FILE, &["has_board"]),
            "\
[guideline]
id = \"mini\"

[firm]
name = \"Acme\"

[answers]
# Asked the CEO on 3 March.
# three directors
# From the audit.
turnover = 12.5   # voluntary only
"
        );
        // The last answer of the table, then the only one left.
        let last = cleared(FILE, &["turnover"]);
        assert!(
            last.ends_with(
                "has_board = true   # three directors\n# From the audit.\n# voluntary only\n"
            ),
            "{last}"
        );
        let none = cleared(FILE, &["turnover", "has_board"]);
        assert!(
            none.ends_with(
                "[answers]\n# Asked the CEO on 3 March.\n# three directors\n# From the audit.\n# voluntary only\n"
            ),
            "{none}"
        );
    }

    #[test]
    fn clearing_a_long_form_table_keeps_its_comments() {
        let text = "\
[guideline]
id = \"mini\"

[firm]
name = \"Acme\"

[answers]
turnover = 3

# Policy: ask the lawyer.
[answers.policy]   # drafted in May
value = false   # not yet signed
";
        let out = cleared(text, &["policy"]);
        for comment in [
            "# Policy: ask the lawyer.",
            "# drafted in May",
            "# not yet signed",
        ] {
            assert!(out.contains(comment), "{out}");
        }
        assert!(!out.contains("[answers.policy]"), "{out}");
    }

    #[test]
    fn integer_answers_stay_integers() {
        let g = mini();
        let women = &g.questions[g.question_index("board_women").unwrap()];
        let turnover = &g.questions[g.question_index("turnover").unwrap()];
        let big = 2f64.powi(60);
        assert_eq!(
            value(women, &AnswerValue::Num(big)).to_string(),
            "1152921504606846976"
        );
        assert_eq!(value(turnover, &AnswerValue::Num(12.0)).to_string(), "12");
        assert_eq!(value(turnover, &AnswerValue::Num(0.1)).to_string(), "0.1");
    }
}
