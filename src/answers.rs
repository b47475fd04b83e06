//! Answers files: the firm's profile and answers, read and checked against a guideline.

use std::ops::Range;

use serde::Serialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::code::Code;
use crate::error::{Error, Result};
use crate::guideline::{Guideline, Question, QuestionKind};
use crate::source::{Capped, Diagnostic, Source, closest};

/// Years a series may name.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// The firm described by an answers file.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Firm {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reporting_year: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessed_on: Option<String>,
}

/// An answer's value, checked against its question.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerValue {
    Bool(bool),
    /// Index of the chosen option.
    Choice(usize),
    /// Indices of the ticked options, in the order written.
    Multi(Vec<usize>),
    Num(f64),
    Text(String),
    /// (year, value), sorted by year.
    Series(Vec<(i32, f64)>),
}

/// What the file says about one question.
#[derive(Debug, Clone, PartialEq)]
pub enum State {
    /// Answered.
    Value(AnswerValue),
    /// Marked not applicable, with the firm's reason.
    NotApplicable(String),
    /// Present in the long form without a value: evidence or a note only.
    Open,
}

/// One question's entry in the answers file.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub state: State,
    pub evidence: Vec<String>,
    pub note: Option<String>,
}

/// A checked answers file.
#[derive(Debug, Clone)]
pub struct Answers {
    /// The file's name as shown to the user.
    pub file: String,
    pub guideline_id: String,
    pub guideline_version: Option<String>,
    pub firm: Firm,
    /// One slot per question of the guideline, by question index.
    pub entries: Vec<Option<Entry>>,
    /// The factor table named in `[factors]` for each factor family, by family index.
    pub factors: Vec<Option<usize>>,
    /// Problems worth a word that do not stop scoring (a guideline version mismatch).
    pub warnings: Vec<Diagnostic>,
}

impl Answers {
    /// Empty answers for `guideline`, as a new questionnaire starts.
    #[must_use]
    pub fn empty(guideline: &Guideline, firm: Firm) -> Answers {
        Answers {
            file: String::new(),
            guideline_id: guideline.id.clone(),
            guideline_version: Some(guideline.version.clone()),
            firm,
            entries: vec![None; guideline.questions.len()],
            factors: vec![None; guideline.families.len()],
            warnings: Vec::new(),
        }
    }

    /// The value given for question `q`, if answered.
    #[must_use]
    pub fn value(&self, q: usize) -> Option<&AnswerValue> {
        match self.entries.get(q)?.as_ref()?.state {
            State::Value(ref v) => Some(v),
            _ => None,
        }
    }
}

/// The guideline id an answers file names, read without checking the rest; for choosing the guideline.
///
/// A blank id names no guideline: the default one is loaded, and reading the file reports the
/// blank id at its position, whichever command reads it.
#[must_use]
pub fn guideline_id(source: &Source) -> Option<String> {
    let doc = DeTable::parse(&source.text).ok()?;
    let g = doc.get_ref().get("guideline")?;
    g.get_ref()
        .get("id")?
        .get_ref()
        .as_str()
        .filter(|id| !id.trim().is_empty())
        .map(str::to_owned)
}

/// What the template of `esg init` writes for an answer to fill in. Left as it is, it is an error
/// (`unfilled-answer`), so that a template nobody filled in earns nothing.
pub const PLACEHOLDER: &str = "?";

/// Reads a file's values, collecting its problems: the first [`crate::source::MAX_PER_FILE`] in
/// file order are built, the others counted.
struct Reader<'a> {
    src: &'a Source,
    diags: Capped,
}

impl Reader<'_> {
    /// A problem at `span`, with a hint. Beyond the cap, neither the message nor the hint is
    /// made, and the diagnostic returned is a throw-away one.
    fn err_with(
        &mut self,
        code: Code,
        span: Range<usize>,
        msg: impl FnOnce() -> String,
        help: impl FnOnce() -> Option<String>,
    ) -> &mut Diagnostic {
        let src = self.src;
        self.diags.push(span.start, code, || {
            let mut d = src.diagnostic(code, Some(span), msg());
            d.help = help();
            d
        })
    }

    fn err(&mut self, code: Code, span: Range<usize>, msg: impl Into<String>) -> &mut Diagnostic {
        self.err_with(code, span, || msg.into(), || None)
    }
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

fn number(v: &DeValue<'_>) -> Option<f64> {
    match v {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|n| n as f64),
        DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
        _ => None,
    }
}

fn string(v: &Spanned<DeValue<'_>>) -> Option<String> {
    v.get_ref().as_str().map(str::to_owned)
}

/// Reads and checks an answers file against `guideline`, collecting every problem.
pub fn parse(source: &Source, guideline: &Guideline) -> Result<Answers> {
    parse_with(source, guideline, &[])
}

/// As [`parse`], for a file that also holds the top-level tables named in `other_tables`
/// (a guideline self-test's `[test]` and `[expect]`), which are left to the caller.
pub fn parse_with(
    source: &Source,
    guideline: &Guideline,
    other_tables: &[&str],
) -> Result<Answers> {
    let doc = DeTable::parse(&source.text)
        .map_err(|e| Error::Invalid(vec![crate::source::toml_error(source, &e)]))?;
    let mut r = Reader {
        src: source,
        diags: Capped::default(),
    };
    let root = doc.get_ref();
    let whole = 0..source.text.len().min(1);

    for (key, _) in root {
        let key_name: &str = key.get_ref().as_ref();
        if !matches!(key_name, "guideline" | "firm" | "answers" | "factors")
            && !other_tables.contains(&key_name)
        {
            r.err_with(
                Code::UnknownKey,
                key.span(),
                || format!(
                    "unknown table `{}`; an answers file has [guideline], [firm], [answers] and [factors]",
                    key.get_ref()
                ),
                || None,
            );
        }
    }

    // [guideline]
    let mut guideline_id = String::new();
    let mut guideline_version = None;
    match root.get("guideline") {
        None => {
            r.err(
                Code::MissingKey,
                whole.clone(),
                "missing [guideline] table naming the guideline these answers are for",
            )
            .help = Some(format!(
                "start the file with:\n[guideline]\nid = \"{}\"\nversion = \"{}\"",
                guideline.id, guideline.version
            ));
        }
        Some(g) => match g.get_ref() {
            DeValue::Table(t) => {
                for (k, v) in t {
                    match k.get_ref().as_ref() {
                        "id" => match string(v) {
                            Some(s) if s.trim().is_empty() => {
                                r.err(
                                    Code::InvalidValue,
                                    v.span(),
                                    "the guideline `id` is empty",
                                )
                                .help = Some(format!(
                                    "write the id of the guideline these answers are for, e.g. id = \"{}\"",
                                    guideline.id
                                ));
                            }
                            Some(s) => guideline_id = s,
                            None => {
                                r.err(
                                    Code::WrongType,
                                    v.span(),
                                    format!(
                                        "`id` must be a string, found {}",
                                        type_name(v.get_ref())
                                    ),
                                );
                            }
                        },
                        "version" => match string(v) {
                            Some(s) => guideline_version = Some((s, v.span())),
                            None => {
                                r.err(
                                    Code::WrongType,
                                    v.span(),
                                    format!(
                                        "`version` must be a string, found {}",
                                        type_name(v.get_ref())
                                    ),
                                );
                            }
                        },
                        other => {
                            r.err(Code::UnknownKey, k.span(), format!("unknown key `{other}` in [guideline]; expected `id` or `version`"));
                        }
                    }
                }
                if guideline_id.is_empty() && !t.contains_key("id") {
                    r.err(Code::MissingKey, g.span(), "[guideline] has no `id`");
                } else if !guideline_id.is_empty() && guideline_id != guideline.id {
                    let span = t.get("id").map_or(g.span(), Spanned::span);
                    r.err(
                        Code::GuidelineMismatch,
                        span,
                        format!(
                            "these answers are for guideline `{guideline_id}`, not `{}`",
                            guideline.id
                        ),
                    )
                    .help = Some(mismatch_help(&guideline_id, guideline));
                }
            }
            other => {
                r.err(
                    Code::WrongType,
                    g.span(),
                    format!("`guideline` must be a table, found {}", type_name(other)),
                );
            }
        },
    }
    let mut warnings = Vec::new();
    if let Some((v, span)) = &guideline_version {
        if *v != guideline.version {
            warnings.push(source.diagnostic(
                Code::VersionMismatch,
                Some(span.clone()),
                format!(
                    "these answers were made for version {v} of `{}`; scoring against version {}",
                    guideline.id, guideline.version
                ),
            ));
        }
    }

    // [firm]
    let mut firm = Firm::default();
    match root.get("firm") {
        None => {
            r.err(
                Code::MissingKey,
                whole,
                "missing [firm] table with at least the firm's `name`",
            );
        }
        Some(f) => {
            match f.get_ref() {
                DeValue::Table(t) => {
                    for (k, v) in t {
                        let key = k.get_ref().as_ref();
                        if key == "reporting_year" {
                            match v.get_ref() {
                                DeValue::Integer(_) => {
                                    let y = number(v.get_ref()).unwrap_or(0.0);
                                    if YEARS.contains(&(y as i32)) {
                                        firm.reporting_year = Some(y as i64);
                                    } else {
                                        r.err(
                                            Code::OutOfRange,
                                            v.span(),
                                            format!("reporting year {y} is outside 1900..2100"),
                                        );
                                    }
                                }
                                other => {
                                    r.err(Code::WrongType, v.span(), format!("`reporting_year` must be a year such as 2025, found {}", type_name(other)));
                                }
                            }
                            continue;
                        }
                        let slot = match key {
                            "name" => Some(&mut firm.name),
                            _ => None,
                        };
                        let value = string(v);
                        match (key, value) {
                            ("name" | "business_number" | "contact" | "assessed_on", None) => {
                                r.err(
                                    Code::WrongType,
                                    v.span(),
                                    format!(
                                        "`{key}` must be a string, found {}",
                                        type_name(v.get_ref())
                                    ),
                                );
                            }
                            ("name", Some(s)) => {
                                if let Some(slot) = slot {
                                    *slot = s;
                                }
                            }
                            ("business_number", Some(s)) => firm.business_number = Some(s),
                            ("contact", Some(s)) => firm.contact = Some(s),
                            ("assessed_on", Some(s)) => firm.assessed_on = Some(s),
                            _ => {
                                r.err(Code::UnknownKey, k.span(), format!(
                                "unknown key `{key}` in [firm]; expected name, business_number, reporting_year, contact or assessed_on"
                            ));
                            }
                        }
                    }
                    if firm.name.trim().is_empty() {
                        // Point at the empty name when there is one (an unfilled template).
                        match t.get("name") {
                            Some(v) if v.get_ref().as_str().is_some() => {
                                r.err(Code::InvalidValue, v.span(), "the firm's `name` is empty")
                                    .help = Some(
                                    "write the firm's name, e.g. name = \"한빛정밀(주)\"".into(),
                                );
                            }
                            _ => {
                                r.err(
                                    Code::MissingKey,
                                    f.span(),
                                    "[firm] needs a non-empty `name`",
                                );
                            }
                        }
                    }
                }
                other => {
                    r.err(
                        Code::WrongType,
                        f.span(),
                        format!("`firm` must be a table, found {}", type_name(other)),
                    );
                }
            }
        }
    }

    // [answers]
    let mut entries: Vec<Option<Entry>> = vec![None; guideline.questions.len()];
    if let Some(a) = root.get("answers") {
        match a.get_ref() {
            DeValue::Table(t) => {
                for (k, v) in t {
                    let id = k.get_ref().as_ref();
                    let Some(q) = guideline.question_index(id) else {
                        r.err_with(
                            Code::UnknownQuestion,
                            k.span(),
                            || {
                                format!(
                                    "unknown question `{id}`: guideline `{}` has no such question",
                                    guideline.id
                                )
                            },
                            || {
                                closest(id, guideline.questions.iter().map(|q| q.id.as_str()))
                                    .map(|c| format!("did you mean `{c}`?"))
                            },
                        );
                        continue;
                    };
                    let question = &guideline.questions[q];
                    entries[q] = entry(&mut r, question, v);
                    if let (QuestionKind::Series, Some(year)) = (question.kind, firm.reporting_year)
                    {
                        warnings.extend(future_years(source, question, v, year));
                    }
                }
            }
            other => {
                r.err(
                    Code::WrongType,
                    a.span(),
                    format!("`answers` must be a table, found {}", type_name(other)),
                );
            }
        }
    }

    let factors = root.get("factors").map_or_else(
        || vec![None; guideline.families.len()],
        |f| factors(&mut r, guideline, f),
    );

    if !r.diags.is_empty() {
        return Err(Error::Invalid(r.diags.finish(source)));
    }
    Ok(Answers {
        file: source.name.clone(),
        guideline_id,
        guideline_version: guideline_version.map(|v| v.0),
        firm,
        entries,
        factors,
        warnings,
    })
}

/// What to do about answers for guideline `named` read against `guideline`: a `--guideline` that
/// works (a built-in id, or the directory of a package that is not built in), or another id.
fn mismatch_help(named: &str, guideline: &Guideline) -> String {
    if crate::guideline::builtins().iter().any(|b| b.id == named) {
        format!(
            "score them with --guideline {named}, or change the id to `{}`",
            guideline.id
        )
    } else {
        format!(
            "`{named}` is not built in: score them with --guideline and the directory of the `{named}` guideline package, or change the id to `{}`",
            guideline.id
        )
    }
}

/// `[factors]`: a factor table chosen by the firm for a family, e.g. `grid = "kr_grid_ets"`.
fn factors(r: &mut Reader<'_>, g: &Guideline, v: &Spanned<DeValue<'_>>) -> Vec<Option<usize>> {
    let mut chosen = vec![None; g.families.len()];
    let DeValue::Table(t) = v.get_ref() else {
        r.err(
            Code::WrongType,
            v.span(),
            format!(
                "`factors` must be a table, found {}",
                type_name(v.get_ref())
            ),
        );
        return chosen;
    };
    for (k, item) in t {
        let family = k.get_ref().as_ref();
        let Some(f) = g.family_index(family) else {
            r.err_with(
                Code::UnknownReference,
                k.span(),
                || {
                    format!(
                        "unknown factor family `{family}`: guideline `{}` has no such family",
                        g.id
                    )
                },
                || {
                    let known: Vec<&str> = g.families.iter().map(|f| f.id.as_str()).collect();
                    Some(match closest(family, known.iter().copied()) {
                        Some(c) => format!("did you mean `{c}`? families: {}", known.join(", ")),
                        None if known.is_empty() => {
                            "this guideline has no factor families".to_owned()
                        }
                        None => format!("families: {}", known.join(", ")),
                    })
                },
            );
            continue;
        };
        let tables: Vec<&str> = g.families[f]
            .tables
            .iter()
            .map(|&t| g.factor_tables[t].id.as_str())
            .collect();
        let Some(id) = item.get_ref().as_str() else {
            r.err(
                Code::WrongType,
                item.span(),
                format!(
                    "`{family}` takes the id of a factor table in quotes, found {}",
                    type_name(item.get_ref())
                ),
            )
            .help = Some(format!("tables of `{family}`: {}", tables.join(", ")));
            continue;
        };
        match tables.iter().position(|t| *t == id) {
            Some(i) => chosen[f] = Some(g.families[f].tables[i]),
            None => {
                let d = r.err(
                    Code::UnknownReference,
                    item.span(),
                    format!("`{id}` is not a factor table of family `{family}`"),
                );
                d.help = Some(match closest(id, tables.iter().copied()) {
                    Some(c) => format!("did you mean `{c}`? tables: {}", tables.join(", ")),
                    None => format!("tables: {}", tables.join(", ")),
                });
            }
        }
    }
    chosen
}

/// Whether a table given as an answer is its long form (`value`, `not_applicable`, `evidence`,
/// `note`) rather than a series' `{ year = value }`, from the table's keys.
pub(crate) fn is_long_form<'k>(q: &Question, mut keys: impl Iterator<Item = &'k str>) -> bool {
    q.kind != QuestionKind::Series
        || keys.any(|k| matches!(k, "value" | "not_applicable" | "evidence" | "note"))
}

fn entry(r: &mut Reader<'_>, q: &Question, v: &Spanned<DeValue<'_>>) -> Option<Entry> {
    let DeValue::Table(t) = v.get_ref() else {
        return value(r, q, v).map(|value| Entry {
            state: State::Value(value),
            evidence: Vec::new(),
            note: None,
        });
    };
    if !is_long_form(q, t.keys().map(|k| k.get_ref().as_ref())) {
        return value(r, q, v).map(|value| Entry {
            state: State::Value(value),
            evidence: Vec::new(),
            note: None,
        });
    }
    let mut state = State::Open;
    let mut evidence = Vec::new();
    let mut note = None;
    let mut ok = true;
    for (k, item) in t {
        match k.get_ref().as_ref() {
            "value" => match value(r, q, item) {
                Some(val) => {
                    if matches!(state, State::NotApplicable(_)) {
                        r.err(
                            Code::ConflictingAnswer,
                            k.span(),
                            format!("`{}` has both a value and not_applicable; keep one", q.id),
                        );
                        ok = false;
                    }
                    state = State::Value(val);
                }
                None => ok = false,
            },
            "not_applicable" => {
                let reason = string(item).unwrap_or_default();
                if item.get_ref().as_str().is_none() {
                    r.err(Code::WrongType, item.span(), "`not_applicable` takes the reason as a string, e.g. not_applicable = \"We have no board.\"");
                    ok = false;
                } else if reason.trim().is_empty() {
                    r.err(
                        Code::NaWithoutReason,
                        item.span(),
                        format!("`{}` is marked not applicable without a reason", q.id),
                    )
                    .help = Some("say why, e.g. not_applicable = \"We have no board.\"".into());
                    ok = false;
                } else if !q.allow_na {
                    r.err(
                        Code::NaNotAllowed,
                        k.span(),
                        format!("question `{}` cannot be marked not applicable", q.id),
                    )
                    .help = Some("answer it, or leave it out to keep it unanswered".into());
                    ok = false;
                } else {
                    if matches!(state, State::Value(_)) {
                        r.err(
                            Code::ConflictingAnswer,
                            k.span(),
                            format!("`{}` has both a value and not_applicable; keep one", q.id),
                        );
                        ok = false;
                    }
                    state = State::NotApplicable(reason);
                }
            }
            "evidence" => {
                match item.get_ref() {
                    DeValue::Array(items) => {
                        for e in items.iter() {
                            match string(e) {
                                Some(s) => evidence.push(s),
                                None => {
                                    r.err(Code::WrongType, e.span(), format!("evidence is a list of document names or links, found {}", type_name(e.get_ref())));
                                    ok = false;
                                }
                            }
                        }
                    }
                    DeValue::String(s) => evidence.push(s.to_string()),
                    other => {
                        r.err(
                            Code::WrongType,
                            item.span(),
                            format!(
                                "`evidence` must be a list of strings, found {}",
                                type_name(other)
                            ),
                        );
                        ok = false;
                    }
                }
            }
            "note" => match string(item) {
                Some(s) => note = Some(s),
                None => {
                    r.err(
                        Code::WrongType,
                        item.span(),
                        format!(
                            "`note` must be a string, found {}",
                            type_name(item.get_ref())
                        ),
                    );
                    ok = false;
                }
            },
            other => {
                r.err(Code::UnknownKey, k.span(), format!("unknown key `{other}` in the answer to `{}`; expected value, not_applicable, evidence or note", q.id));
                ok = false;
            }
        }
    }
    ok.then_some(Entry {
        state,
        evidence,
        note,
    })
}

fn bounds_check(r: &mut Reader<'_>, q: &Question, n: f64, span: Range<usize>) -> bool {
    // Formatted only for a message: most values are in bounds.
    let unit = || {
        q.unit
            .as_ref()
            .map(|u| format!(" {}", u.show(crate::text::Lang::En)))
            .unwrap_or_default()
    };
    if let Some(min) = q.min {
        if n < min {
            r.err(
                Code::OutOfRange,
                span,
                format!(
                    "{n}{} is below the smallest value allowed for `{}` ({min})",
                    unit(),
                    q.id
                ),
            );
            return false;
        }
    }
    if let Some(max) = q.max {
        if n > max {
            r.err(
                Code::OutOfRange,
                span,
                format!(
                    "{n}{} is above the largest value allowed for `{}` ({max})",
                    unit(),
                    q.id
                ),
            );
            return false;
        }
    }
    true
}

/// A warning at each year of a series after the reporting year: calculations (`latest`,
/// `average`, `trend`, the trend rule) use the years up to the reporting year only.
fn future_years(
    source: &Source,
    q: &Question,
    v: &Spanned<DeValue<'_>>,
    reporting_year: i64,
) -> Vec<Diagnostic> {
    let DeValue::Table(t) = v.get_ref() else {
        return Vec::new();
    };
    let t = if is_long_form(q, t.keys().map(|k| k.get_ref().as_ref())) {
        match t.get("value").map(Spanned::get_ref) {
            Some(DeValue::Table(t)) => t,
            _ => return Vec::new(),
        }
    } else {
        t
    };
    t.keys()
        .filter_map(|k| {
            let year = k.get_ref().parse::<i64>().ok()?;
            (year > reporting_year).then(|| {
                source
                    .diagnostic(
                        Code::FutureYear,
                        Some(k.span()),
                        format!(
                            "{year} is after the reporting year {reporting_year}: the {year} value of `{}` is not used",
                            q.id
                        ),
                    )
                    .with_help(format!(
                        "scores use the years up to {reporting_year}; remove {year}, or set `reporting_year` in [firm] to the year the figures describe"
                    ))
            })
        })
        .collect()
}

/// Whether a value is the template's placeholder, [`PLACEHOLDER`].
fn is_placeholder(v: &DeValue<'_>) -> bool {
    matches!(v, DeValue::String(s) if s.trim() == PLACEHOLDER)
}

/// Reports an answer (or a series' `year` value) left at the template's placeholder.
fn unfilled(r: &mut Reader<'_>, q: &Question, span: Range<usize>, year: Option<i32>) {
    let what = match year {
        Some(y) => format!("the {y} value of `{}`", q.id),
        None => format!("`{}`", q.id),
    };
    let options = || {
        q.options
            .iter()
            .map(|o| format!("\"{}\"", o.id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // The unit and the bounds, as in " (MWh, 0 to 1000)".
    let mut parts: Vec<String> = q
        .unit
        .iter()
        .map(|u| u.show(crate::text::Lang::En).to_owned())
        .collect();
    match (q.min, q.max) {
        (Some(lo), Some(hi)) => parts.push(format!("{lo} to {hi}")),
        (Some(lo), None) => parts.push(format!("at least {lo}")),
        (None, Some(hi)) => parts.push(format!("at most {hi}")),
        (None, None) => {}
    }
    let hint = if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    };
    let write = match (q.kind, year) {
        (QuestionKind::YesNo, _) => "write true or false".to_owned(),
        (QuestionKind::Choice, _) => format!("write one of {}", options()),
        (QuestionKind::Multi, _) => {
            format!(
                "write a list of the options that apply ({}), or [] for none",
                options()
            )
        }
        (QuestionKind::Text, _) => "write the text in quotes".to_owned(),
        (QuestionKind::Series, Some(y)) => {
            format!("write the figure for {y}{hint}, or remove the year")
        }
        (QuestionKind::Series, None) => {
            format!("write a figure per year{hint}, e.g. {{ 2024 = 120, 2025 = 110 }}")
        }
        (QuestionKind::Number | QuestionKind::Integer, _) => format!("write a number{hint}"),
    };
    r.err(
        Code::UnfilledAnswer,
        span,
        format!("{what} is still the template's placeholder \"{PLACEHOLDER}\""),
    )
    .help = Some(format!(
        "{write}; or put the `#` back at the start of the line to leave `{}` unanswered",
        q.id
    ));
}

fn value(r: &mut Reader<'_>, q: &Question, v: &Spanned<DeValue<'_>>) -> Option<AnswerValue> {
    if is_placeholder(v.get_ref()) {
        unfilled(r, q, v.span(), None);
        return None;
    }
    let found = type_name(v.get_ref());
    let wrong = |r: &mut Reader<'_>, want: &str| {
        r.err(
            Code::WrongType,
            v.span(),
            format!("`{}` expects {want}, found {found}", q.id),
        );
        None
    };
    match q.kind {
        QuestionKind::YesNo => match v.get_ref() {
            DeValue::Boolean(b) => Some(AnswerValue::Bool(*b)),
            _ => wrong(r, "true or false"),
        },
        QuestionKind::Text => match v.get_ref() {
            DeValue::String(s) => Some(AnswerValue::Text(s.to_string())),
            _ => wrong(r, "text in quotes"),
        },
        QuestionKind::Choice => match v.get_ref() {
            DeValue::String(s) => option(r, q, s, v.span()).map(AnswerValue::Choice),
            _ => wrong(r, "one option id in quotes"),
        },
        QuestionKind::Multi => match v.get_ref() {
            DeValue::Array(items) => {
                let mut picked = Vec::new();
                let mut ok = true;
                for item in items.iter() {
                    match item.get_ref().as_str() {
                        Some(s) => match option(r, q, s, item.span()) {
                            Some(i) if picked.contains(&i) => {
                                r.err(
                                    Code::ConflictingAnswer,
                                    item.span(),
                                    format!("option `{s}` is listed twice"),
                                );
                                ok = false;
                            }
                            Some(i) => picked.push(i),
                            None => ok = false,
                        },
                        None => {
                            r.err(
                                Code::WrongType,
                                item.span(),
                                format!(
                                    "`{}` lists option ids in quotes, found {}",
                                    q.id,
                                    type_name(item.get_ref())
                                ),
                            );
                            ok = false;
                        }
                    }
                }
                ok.then_some(AnswerValue::Multi(picked))
            }
            _ => wrong(r, "a list of option ids, e.g. [\"a\", \"b\"] ([] for none)"),
        },
        QuestionKind::Number | QuestionKind::Integer => {
            let n = match v.get_ref() {
                DeValue::Integer(_) => number(v.get_ref()),
                DeValue::Float(_) if q.kind == QuestionKind::Number => number(v.get_ref()),
                _ if q.kind == QuestionKind::Integer => return wrong(r, "a whole number"),
                _ => return wrong(r, "a number"),
            };
            let Some(n) = n.filter(|n| n.is_finite()) else {
                r.err(
                    Code::OutOfRange,
                    v.span(),
                    format!("`{}` expects a finite number", q.id),
                );
                return None;
            };
            bounds_check(r, q, n, v.span()).then_some(AnswerValue::Num(n))
        }
        QuestionKind::Series => match v.get_ref() {
            // The template's line left as it is: one error for the line, not one per year.
            DeValue::Table(t)
                if !t.is_empty() && t.values().all(|v| is_placeholder(v.get_ref())) =>
            {
                unfilled(r, q, v.span(), None);
                None
            }
            DeValue::Table(t) => {
                let mut points = Vec::new();
                let mut ok = true;
                // Each year's first key, to point a year given twice at both places.
                let mut seen: Vec<(i32, Range<usize>)> = Vec::new();
                for (k, item) in t {
                    let key: &str = k.get_ref();
                    let Some(year) = key.parse::<i32>().ok().filter(|y| YEARS.contains(y)) else {
                        r.err(Code::OutOfRange, k.span(), format!("`{key}` is not a year (1900 to 2100); a series maps years to values, e.g. {{ 2023 = 120, 2024 = 110 }}"));
                        ok = false;
                        continue;
                    };
                    // A year is written plainly: `02025` or `"+2025"` would be a second 2025.
                    let plain = year.to_string() == key;
                    if !plain {
                        r.err(
                            Code::OutOfRange,
                            k.span(),
                            format!("`{key}` is not written as a year"),
                        )
                        .help = Some(format!("write the year as {year}"));
                        ok = false;
                    }
                    if let Some((_, first)) = seen.iter().find(|s| s.0 == year) {
                        let (line, column) = r.src.position(first.start);
                        if plain {
                            r.err(
                                Code::ConflictingAnswer,
                                k.span(),
                                format!("the {year} value of `{}` is given twice (first at line {line}, column {column})", q.id),
                            )
                            .help = Some(format!("keep one value for {year}"));
                        }
                        ok = false;
                        continue;
                    }
                    seen.push((year, k.span()));
                    if is_placeholder(item.get_ref()) {
                        unfilled(r, q, item.span(), Some(year));
                        ok = false;
                        continue;
                    }
                    match number(item.get_ref()).filter(|n| n.is_finite()) {
                        Some(n) => {
                            if bounds_check(r, q, n, item.span()) {
                                points.push((year, n));
                            } else {
                                ok = false;
                            }
                        }
                        None => {
                            r.err(
                                Code::WrongType,
                                item.span(),
                                format!(
                                    "the {year} value of `{}` must be a number, found {}",
                                    q.id,
                                    type_name(item.get_ref())
                                ),
                            );
                            ok = false;
                        }
                    }
                }
                points.sort_by_key(|p| p.0);
                ok.then_some(AnswerValue::Series(points))
            }
            _ => wrong(r, "numbers by year, e.g. { 2023 = 120, 2024 = 110 }"),
        },
    }
}

fn option(r: &mut Reader<'_>, q: &Question, id: &str, span: Range<usize>) -> Option<usize> {
    if let Some(i) = q.option_index(id) {
        return Some(i);
    }
    r.err_with(
        Code::UnknownOption,
        span,
        || format!("`{id}` is not an option of `{}`", q.id),
        || {
            let known: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
            Some(match closest(id, known.iter().copied()) {
                Some(c) => format!("did you mean `{c}`? options: {}", known.join(", ")),
                None => format!("options: {}", known.join(", ")),
            })
        },
    );
    None
}
