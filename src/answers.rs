//! Answers files: the firm's profile and answers, read and checked against a guideline.

use std::ops::Range;

use serde::Serialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::code::Code;
use crate::error::{Error, Result};
use crate::guideline::{Guideline, MAX_ROWS, Question, QuestionKind};
use crate::msg;
use crate::source::{Capped, Diagnostic, Message, Source, closest, names};
use crate::text::{Lang, Ui};

mod fast;

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
    /// An identifier of the firm for digital reports (an LEI, a DUNS number), and its scheme.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier_scheme: Option<String>,
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
    /// A table question's rows, each with one cell per column, in column order.
    Table(Vec<Vec<Cell>>),
}

/// One cell of a table answer, checked against its column.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Bool(bool),
    /// Index of the chosen option of the column.
    Choice(usize),
    Num(f64),
    Text(String),
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
    /// The answer as formulas see it: a figure given in another unit is converted to the
    /// question's first unit.
    pub state: State,
    pub evidence: Vec<String>,
    pub note: Option<String>,
    /// The unit the answer names (`{ value = 120, unit = "GJ" }`) and the value as written.
    pub given: Option<Given>,
}

/// An answer given in a unit the file names: the unit (an index into the question's `units`)
/// and the value as written, before conversion.
#[derive(Debug, Clone, PartialEq)]
pub struct Given {
    pub unit: usize,
    pub value: AnswerValue,
}

impl Entry {
    /// An answer with no evidence, note or unit of its own.
    #[must_use]
    pub fn value(value: AnswerValue) -> Entry {
        Entry {
            state: State::Value(value),
            evidence: Vec::new(),
            note: None,
            given: None,
        }
    }
}

impl AnswerValue {
    /// The value with every figure times `factor` (numbers and series; others as they are).
    #[must_use]
    pub fn scaled(&self, factor: f64) -> AnswerValue {
        #[allow(clippy::float_cmp)]
        if factor == 1.0 {
            return self.clone();
        }
        match self {
            AnswerValue::Num(n) => AnswerValue::Num(n * factor),
            AnswerValue::Series(points) => {
                AnswerValue::Series(points.iter().map(|&(y, v)| (y, v * factor)).collect())
            }
            other => other.clone(),
        }
    }
}

impl Given {
    /// The entry of a value written in `unit` of question `q`: converted for formulas, kept as
    /// written beside (unless `unit` is the first, which needs no conversion).
    #[must_use]
    pub fn entry(q: &Question, unit: usize, written: AnswerValue) -> Entry {
        let factor = q.units.get(unit).map_or(1.0, |u| u.factor);
        Entry {
            state: State::Value(written.scaled(factor)),
            evidence: Vec::new(),
            note: None,
            // In the first unit, the answer is written plainly.
            given: (unit > 0).then_some(Given {
                unit,
                value: written,
            }),
        }
    }
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

/// The guideline id an answers file names (the first, when it names several), read without
/// checking the rest; for choosing the guideline.
///
/// A blank id names no guideline: the default one is loaded, and reading the file reports the
/// blank id at its position, whichever command reads it.
#[must_use]
pub fn guideline_id(source: &Source) -> Option<String> {
    guideline_ids(source).into_iter().next()
}

/// Every guideline id an answers file names, in the order written (`[guideline]` or
/// `[[guideline]]`), read without checking the rest; blank ids are left out.
#[must_use]
pub fn guideline_ids(source: &Source) -> Vec<String> {
    let Ok(doc) = DeTable::parse(&source.text) else {
        return Vec::new();
    };
    let Some(g) = doc.get_ref().get("guideline") else {
        return Vec::new();
    };
    let id = |t: &DeValue<'_>| {
        t.get("id")
            .and_then(|v| v.get_ref().as_str())
            .filter(|id| !id.trim().is_empty())
            .map(str::to_owned)
    };
    let mut ids: Vec<String> = match g.get_ref() {
        DeValue::Array(items) => items.iter().filter_map(|t| id(t.get_ref())).collect(),
        t => id(t).into_iter().collect(),
    };
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    ids
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
        msg: impl FnOnce() -> Message,
        help: impl FnOnce() -> Option<Message>,
    ) -> &mut Diagnostic {
        let src = self.src;
        self.diags.push(span.start, code, || {
            let mut d = src.diagnostic(code, Some(span), msg());
            d.help = help();
            d
        })
    }

    fn err(&mut self, code: Code, span: Range<usize>, msg: Message) -> &mut Diagnostic {
        self.err_with(code, span, || msg, || None)
    }
}

/// What kind of value a TOML value is, as a message names it.
fn type_name(v: &DeValue<'_>, lang: Lang) -> &'static str {
    let (ko, en) = match v {
        DeValue::String(_) => ("문자열", "a string"),
        DeValue::Integer(_) => ("정수", "a whole number"),
        DeValue::Float(_) => ("소수", "a decimal number"),
        DeValue::Boolean(_) => ("참/거짓 값", "true/false"),
        DeValue::Datetime(_) => ("날짜", "a date"),
        DeValue::Array(_) => ("목록", "a list"),
        DeValue::Table(_) => ("표", "a table"),
    };
    lang.pick(ko, en)
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
///
/// A file with nothing to report is read on a fast path, without positions; any other is read
/// again with positions, which finds its problems. Either way the answers and the diagnostics are
/// those of [`parse_with_positions`].
pub fn parse(source: &Source, guideline: &Guideline) -> Result<Answers> {
    match fast::read(source, guideline) {
        Some(answers) => Ok(answers),
        None => read(source, guideline, &[], &[]),
    }
}

/// As [`parse`], always reading with positions (never the fast path): what the fast path must
/// agree with.
pub fn parse_with_positions(source: &Source, guideline: &Guideline) -> Result<Answers> {
    read(source, guideline, &[], &[])
}

/// The fast path of [`parse`] alone: the answers of a file with nothing to report, or `None`
/// when the file has a problem or a shape it leaves to the reading with positions.
#[must_use]
pub fn parse_fast(source: &Source, guideline: &Guideline) -> Option<Answers> {
    fast::read(source, guideline)
}

/// As [`parse`], for a file that may name several guidelines (`[[guideline]]`): `companions` are
/// the others it names, loaded, so that an answer none of them knows is reported as unknown. An
/// answer to a question of another named guideline is theirs and left out here; when a named
/// guideline is not among `companions`, answers `guideline` does not know are left out unchecked.
pub fn parse_among(
    source: &Source,
    guideline: &Guideline,
    companions: &[&Guideline],
) -> Result<Answers> {
    read(source, guideline, &[], companions)
}

/// As [`parse`], for a file that also holds the top-level tables named in `other_tables`
/// (a guideline self-test's `[test]` and `[expect]`), which are left to the caller.
pub fn parse_with(
    source: &Source,
    guideline: &Guideline,
    other_tables: &[&str],
) -> Result<Answers> {
    read(source, guideline, other_tables, &[])
}

fn read(
    source: &Source,
    guideline: &Guideline,
    other_tables: &[&str],
    companions: &[&Guideline],
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
                || {
                    msg!(
                        "모르는 표 `{}`입니다. 답변 파일에 쓸 수 있는 표: `[guideline]`, `[firm]`, `[answers]`, `[factors]`",
                        "unknown table `{}`; an answers file has [guideline], [firm], [answers] and [factors]",
                        key.get_ref()
                    )
                },
                || None,
            );
        }
    }

    // [guideline] or [[guideline]]
    let named = match root.get("guideline") {
        None => {
            r.err(
                Code::MissingKey,
                whole.clone(),
                msg!(
                    "이 답변이 어느 가이드라인의 것인지 밝히는 `[guideline]` 표가 없습니다",
                    "missing [guideline] table naming the guideline these answers are for"
                ),
            )
            .help = Some(msg!(
                "파일 첫머리에 다음을 쓰십시오:\n[guideline]\nid = \"{}\"\nversion = \"{}\"",
                "start the file with:\n[guideline]\nid = \"{}\"\nversion = \"{}\"",
                guideline.id,
                guideline.version
            ));
            Vec::new()
        }
        Some(g) => named_guidelines(&mut r, g, guideline),
    };
    let mine = named.iter().find(|n| n.id == guideline.id);
    let others: Vec<&str> = named
        .iter()
        .map(|n| n.id.as_str())
        .filter(|id| !id.is_empty() && *id != guideline.id)
        .collect();
    if mine.is_none() && !others.is_empty() {
        let span = named
            .iter()
            .find(|n| !n.id.is_empty())
            .map_or(whole.clone(), |n| n.id_span.clone());
        let first = others[0].to_owned();
        let list = others
            .iter()
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ");
        r.err(
            Code::GuidelineMismatch,
            span,
            msg!(
                "이 답변은 `{}` 가이드라인이 아니라 {list} 가이드라인을 위한 것입니다",
                "these answers are for guideline {list}, not `{}`",
                guideline.id
            ),
        )
        .help = Some(mismatch_help(&first, guideline));
    }
    // Other guidelines the file names are read alongside: an answer to one of their questions is
    // theirs, not a typo, and is left to them.
    let theirs = Companions::new(&others, companions);
    let in_file_order = |all: &mut Vec<&Guideline>| {
        all.sort_by_key(|g| named.iter().position(|n| n.id == g.id));
    };
    let guideline_id = mine.map_or_else(
        || named.first().map(|n| n.id.clone()).unwrap_or_default(),
        |n| n.id.clone(),
    );
    let guideline_version = mine.and_then(|n| n.version.clone());
    let mut warnings = Vec::new();
    if let Some((v, span)) = &guideline_version {
        if *v != guideline.version {
            warnings.push(source.diagnostic(
                Code::VersionMismatch,
                Some(span.clone()),
                msg!(
                    "이 답변은 `{0}` 가이드라인 {v}판에 맞춰 작성되었습니다. {1}판으로 채점합니다",
                    "these answers were made for version {v} of `{0}`; scoring against version {1}",
                    guideline.id,
                    guideline.version
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
                msg!(
                    "`[firm]` 표가 없습니다. 적어도 회사 이름(`name`)을 쓰십시오",
                    "missing [firm] table with at least the firm's `name`"
                ),
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
                                            msg!(
                                                "보고연도 {y}년은 1900~2100년 밖입니다",
                                                "reporting year {y} is outside 1900..2100"
                                            ),
                                        );
                                    }
                                }
                                other => {
                                    r.err(
                                        Code::WrongType,
                                        v.span(),
                                        msg!(lang =>
                                            "`reporting_year` 값은 2025 같은 연도여야 하는데 {}입니다",
                                            "`reporting_year` must be a year such as 2025, found {}",
                                            type_name(other, lang)
                                        ),
                                    );
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
                            (
                                "name" | "business_number" | "contact" | "assessed_on"
                                | "identifier" | "identifier_scheme",
                                None,
                            ) => {
                                r.err(
                                    Code::WrongType,
                                    v.span(),
                                    msg!(lang =>
                                        "`{key}` 값은 문자열이어야 하는데 {}입니다",
                                        "`{key}` must be a string, found {}",
                                        type_name(v.get_ref(), lang)
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
                            ("identifier", Some(s)) => firm.identifier = Some(s),
                            ("identifier_scheme", Some(s)) => firm.identifier_scheme = Some(s),
                            _ => {
                                r.err(
                                    Code::UnknownKey,
                                    k.span(),
                                    msg!(
                                        "`[firm]` 표에 없는 키 `{key}`입니다. 쓸 수 있는 키: `name`, `business_number`, `reporting_year`, `contact`, `assessed_on`, `identifier`, `identifier_scheme`",
                                        "unknown key `{key}` in [firm]; expected name, business_number, reporting_year, contact, assessed_on, identifier or identifier_scheme"
                                    ),
                                );
                            }
                        }
                    }
                    if firm.name.trim().is_empty() {
                        // Point at the empty name when there is one (an unfilled template).
                        match t.get("name") {
                            Some(v) if v.get_ref().as_str().is_some() => {
                                r.err(
                                    Code::InvalidValue,
                                    v.span(),
                                    msg!(
                                        "회사 이름(`name`)이 비어 있습니다",
                                        "the firm's `name` is empty"
                                    ),
                                )
                                .help = Some(msg!(
                                    "회사 이름을 쓰십시오. 예: `name = \"한빛정밀(주)\"`",
                                    "write the firm's name, e.g. name = \"한빛정밀(주)\""
                                ));
                            }
                            _ => {
                                r.err(
                                    Code::MissingKey,
                                    f.span(),
                                    msg!(
                                        "`[firm]` 표에 비어 있지 않은 회사 이름(`name`)이 있어야 합니다",
                                        "[firm] needs a non-empty `name`"
                                    ),
                                );
                            }
                        }
                    }
                }
                other => {
                    r.err(
                        Code::WrongType,
                        f.span(),
                        msg!(lang =>
                            "`firm` 값은 표여야 하는데 {}입니다",
                            "`firm` must be a table, found {}",
                            type_name(other, lang)
                        ),
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
                // Answers are mostly written in the guideline's order: the question after the
                // last one found is tried first, by comparing its id, before the lookup by hash.
                let mut next = 0;
                for (k, v) in t {
                    let id = k.get_ref().as_ref();
                    let found = match guideline.questions.get(next) {
                        Some(q) if q.id == id => Some(next),
                        _ => guideline.question_index(id),
                    };
                    let Some(q) = found else {
                        if theirs.may_know(|g| g.question_index(id).is_some()) {
                            continue;
                        }
                        let mut all = theirs.with(guideline);
                        in_file_order(&mut all);
                        r.err_with(
                            Code::UnknownQuestion,
                            k.span(),
                            || match all.as_slice() {
                                [_] => msg!(
                                    "모르는 질문 `{id}`입니다. `{}` 가이드라인에는 이런 질문이 없습니다",
                                    "unknown question `{id}`: guideline `{}` has no such question",
                                    guideline.id
                                ),
                                _ => msg!(
                                    "모르는 질문 `{id}`입니다. 이 파일이 밝힌 가이드라인 {} 어디에도 이런 질문이 없습니다",
                                    "unknown question `{id}`: none of the guidelines this file names ({}) has such a question",
                                    ids(&all)
                                ),
                            },
                            || {
                                closest(
                                    id,
                                    all.iter()
                                        .flat_map(|g| g.questions.iter().map(|q| q.id.as_str())),
                                )
                                .map(did_you_mean)
                            },
                        );
                        continue;
                    };
                    next = q + 1;
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
                    msg!(lang =>
                        "`answers` 값은 표여야 하는데 {}입니다",
                        "`answers` must be a table, found {}",
                        type_name(other, lang)
                    ),
                );
            }
        }
    }

    let factors = root.get("factors").map_or_else(
        || vec![None; guideline.families.len()],
        |f| factors(&mut r, guideline, &theirs, f),
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

/// The other guidelines a file names, as far as they are loaded.
struct Companions<'a> {
    loaded: Vec<&'a Guideline>,
    /// Some guideline the file names is not loaded: what it knows cannot be told.
    unknown: bool,
}

impl<'a> Companions<'a> {
    fn new(named: &[&str], loaded: &[&'a Guideline]) -> Companions<'a> {
        let found: Vec<&Guideline> = named
            .iter()
            .filter_map(|id| loaded.iter().find(|g| g.id == *id).copied())
            .collect();
        Companions {
            unknown: found.len() < named.len(),
            loaded: found,
        }
    }

    /// Whether a name may belong to one of them: one of them knows it, or one is not loaded.
    fn may_know(&self, knows: impl Fn(&Guideline) -> bool) -> bool {
        self.unknown || self.loaded.iter().any(|g| knows(g))
    }

    /// `guideline` and them, in that order.
    fn with<'b>(&self, guideline: &'b Guideline) -> Vec<&'b Guideline>
    where
        'a: 'b,
    {
        std::iter::once(guideline)
            .chain(self.loaded.iter().copied())
            .collect()
    }
}

/// Guideline ids as a message lists them: `a`, `b`.
fn ids(guidelines: &[&Guideline]) -> String {
    guidelines
        .iter()
        .map(|g| format!("`{}`", g.id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One guideline an answers file names: its id and version, with where they are written.
struct Named {
    id: String,
    id_span: Range<usize>,
    version: Option<(String, Range<usize>)>,
}

/// The guidelines an answers file names: one `[guideline]` table, or several `[[guideline]]`.
fn named_guidelines(
    r: &mut Reader<'_>,
    value: &Spanned<DeValue<'_>>,
    guideline: &Guideline,
) -> Vec<Named> {
    let tables: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
        DeValue::Table(_) => vec![value],
        DeValue::Array(items) if !items.is_empty() => items.iter().collect(),
        other => {
            r.err(
                Code::WrongType,
                value.span(),
                msg!(lang =>
                    "`guideline` 값은 표여야 하는데 {}입니다",
                    "`guideline` must be a table, found {}",
                    type_name(other, lang)
                ),
            );
            return Vec::new();
        }
    };
    let mut named: Vec<Named> = Vec::new();
    for g in tables {
        let DeValue::Table(t) = g.get_ref() else {
            r.err(
                Code::WrongType,
                g.span(),
                msg!(lang =>
                    "`[[guideline]]`의 각 항목은 표여야 하는데 {}입니다",
                    "each [[guideline]] must be a table, found {}",
                    type_name(g.get_ref(), lang)
                ),
            );
            continue;
        };
        let mut id = None;
        let mut version = None;
        for (k, v) in t {
            match k.get_ref().as_ref() {
                "id" => match string(v) {
                    Some(s) if s.trim().is_empty() => {
                        r.err(
                            Code::InvalidValue,
                            v.span(),
                            msg!(
                                "가이드라인 `id`가 비어 있습니다",
                                "the guideline `id` is empty"
                            ),
                        )
                        .help = Some(msg!(
                            "이 답변이 따르는 가이드라인의 id를 쓰십시오. 예: `id = \"{}\"`",
                            "write the id of the guideline these answers are for, e.g. id = \"{}\"",
                            guideline.id
                        ));
                    }
                    Some(s) => id = Some((s, v.span())),
                    None => {
                        r.err(
                            Code::WrongType,
                            v.span(),
                            msg!(lang =>
                                "`id` 값은 문자열이어야 하는데 {}입니다",
                                "`id` must be a string, found {}",
                                type_name(v.get_ref(), lang)
                            ),
                        );
                    }
                },
                "version" => match string(v) {
                    Some(s) => version = Some((s, v.span())),
                    None => {
                        r.err(
                            Code::WrongType,
                            v.span(),
                            msg!(lang =>
                                "`version` 값은 문자열이어야 하는데 {}입니다",
                                "`version` must be a string, found {}",
                                type_name(v.get_ref(), lang)
                            ),
                        );
                    }
                },
                other => {
                    r.err(
                        Code::UnknownKey,
                        k.span(),
                        msg!(
                            "`[guideline]` 표에 없는 키 `{other}`입니다. 쓸 수 있는 키: `id`, `version`",
                            "unknown key `{other}` in [guideline]; expected `id` or `version`"
                        ),
                    );
                }
            }
        }
        if !t.contains_key("id") {
            r.err(
                Code::MissingKey,
                g.span(),
                msg!(
                    "`[guideline]` 표에 `id`가 없습니다",
                    "[guideline] has no `id`"
                ),
            );
        }
        let Some((id, id_span)) = id else { continue };
        if named.iter().any(|n| n.id == id) {
            r.err(
                Code::InvalidValue,
                id_span,
                msg!(
                    "`{id}` 가이드라인을 두 번 밝혔습니다",
                    "guideline `{id}` is named twice"
                ),
            );
            continue;
        }
        named.push(Named {
            id,
            id_span,
            version,
        });
    }
    named
}

/// "did you mean `x`?", the hint for a name close to a known one.
fn did_you_mean(known: &str) -> Message {
    msg!("혹시 `{known}`인가요?", "did you mean `{known}`?")
}

/// What to do about answers for guideline `named` read against `guideline`: a `--guideline` that
/// works (a built-in id, or the directory of a package that is not built in), or another id.
fn mismatch_help(named: &str, guideline: &Guideline) -> Message {
    if crate::guideline::builtins().iter().any(|b| b.id == named) {
        msg!(
            "`--guideline {named}` 옵션으로 채점하거나, id를 `{}` 값으로 바꾸십시오",
            "score them with --guideline {named}, or change the id to `{}`",
            guideline.id
        )
    } else {
        msg!(
            "`{named}` 가이드라인은 내장되어 있지 않습니다. `--guideline`에 `{named}` 가이드라인 패키지의 디렉터리를 주어 채점하거나, id를 `{}` 값으로 바꾸십시오",
            "`{named}` is not built in: score them with --guideline and the directory of the `{named}` guideline package, or change the id to `{}`",
            guideline.id
        )
    }
}

/// `[factors]`: a factor table chosen by the firm for a family, e.g. `grid = "kr_grid_ets"`.
fn factors(
    r: &mut Reader<'_>,
    g: &Guideline,
    theirs: &Companions<'_>,
    v: &Spanned<DeValue<'_>>,
) -> Vec<Option<usize>> {
    let mut chosen = vec![None; g.families.len()];
    let DeValue::Table(t) = v.get_ref() else {
        r.err(
            Code::WrongType,
            v.span(),
            msg!(lang =>
                "`factors` 값은 표여야 하는데 {}입니다",
                "`factors` must be a table, found {}",
                type_name(v.get_ref(), lang)
            ),
        );
        return chosen;
    };
    for (k, item) in t {
        let family = k.get_ref().as_ref();
        let Some(f) = g.family_index(family) else {
            if theirs.may_know(|g| g.family_index(family).is_some()) {
                continue;
            }
            r.err_with(
                Code::UnknownReference,
                k.span(),
                || {
                    msg!(
                        "모르는 계수표 묶음 `{family}`입니다. `{}` 가이드라인에는 이런 묶음이 없습니다",
                        "unknown factor family `{family}`: guideline `{}` has no such family",
                        g.id
                    )
                },
                || {
                    let known: Vec<&str> = g.families.iter().map(|f| f.id.as_str()).collect();
                    let list = |lang| names(known.iter().copied(), ", ", lang);
                    Some(match closest(family, known.iter().copied()) {
                        Some(c) => msg!(lang =>
                            "혹시 `{c}`인가요? 계수표 묶음: {0}",
                            "did you mean `{c}`? families: {0}",
                            list(lang)
                        ),
                        None if known.is_empty() => msg!(
                            "이 가이드라인에는 계수표 묶음이 없습니다",
                            "this guideline has no factor families"
                        ),
                        None => msg!(lang =>
                            "계수표 묶음: {0}",
                            "families: {0}",
                            list(lang)
                        ),
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
        let list = |lang| names(tables.iter().copied(), ", ", lang);
        let Some(id) = item.get_ref().as_str() else {
            r.err(
                Code::WrongType,
                item.span(),
                msg!(lang =>
                    "`{family}` 값은 따옴표로 감싼 계수표 id여야 하는데 {}입니다",
                    "`{family}` takes the id of a factor table in quotes, found {}",
                    type_name(item.get_ref(), lang)
                ),
            )
            .help = Some(msg!(lang =>
                "`{family}` 묶음의 계수표: {0}",
                "tables of `{family}`: {0}",
                list(lang)
            ));
            continue;
        };
        match tables.iter().position(|t| *t == id) {
            Some(i) => chosen[f] = Some(g.families[f].tables[i]),
            None => {
                let d = r.err(
                    Code::UnknownReference,
                    item.span(),
                    msg!(
                        "`{id}` 계수표는 `{family}` 묶음에 없습니다",
                        "`{id}` is not a factor table of family `{family}`"
                    ),
                );
                d.help = Some(match closest(id, tables.iter().copied()) {
                    Some(c) => msg!(lang =>
                        "혹시 `{c}`인가요? 계수표: {0}",
                        "did you mean `{c}`? tables: {0}",
                        list(lang)
                    ),
                    None => msg!(lang => "계수표: {0}", "tables: {0}", list(lang)),
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
        || keys.any(|k| matches!(k, "value" | "unit" | "not_applicable" | "evidence" | "note"))
}

/// An answer that gives both a value and `not_applicable`.
fn both_value_and_na(q: &Question) -> Message {
    msg!(
        "`{0}` 질문에 값과 해당 없음(`not_applicable`)이 함께 있습니다. 하나만 남기십시오",
        "`{0}` has both a value and not_applicable; keep one",
        q.id
    )
}

/// The `unit` of a long-form answer: one of the units the question accepts.
fn unit(r: &mut Reader<'_>, q: &Question, v: &Spanned<DeValue<'_>>) -> Option<usize> {
    let known: Vec<&str> = q.units.iter().map(|u| u.id.as_str()).collect();
    let list = |lang| {
        let quoted: Vec<String> = known.iter().map(|u| format!("\"{u}\"")).collect();
        names(quoted.iter().map(String::as_str), ", ", lang)
    };
    if q.units.is_empty() {
        r.err(
            Code::UnknownKey,
            v.span(),
            msg!(
                "`{}` 질문은 단위를 고르지 않습니다. `unit`을 지우십시오",
                "`{}` takes no choice of unit; remove `unit`",
                q.id
            ),
        );
        return None;
    }
    let Some(id) = v.get_ref().as_str() else {
        r.err(
            Code::WrongType,
            v.span(),
            msg!(lang =>
                "`unit` 값은 따옴표로 감싼 단위여야 하는데 {0}입니다. 단위: {1}",
                "`unit` takes a unit in quotes, found {0}; units: {1}",
                type_name(v.get_ref(), lang),
                list(lang)
            ),
        );
        return None;
    };
    if let Some(i) = q.unit_index(id) {
        return Some(i);
    }
    let near = closest(id, known.iter().copied());
    r.err(
        Code::UnknownOption,
        v.span(),
        msg!(
            "`{0}` 질문에 `{id}` 단위는 없습니다",
            "`{id}` is not a unit of `{0}`",
            q.id
        ),
    )
    .help = Some(match near {
        Some(c) => msg!(lang =>
            "혹시 `{c}`인가요? 쓸 수 있는 단위: {0}",
            "did you mean `{c}`? units allowed: {0}",
            list(lang)
        ),
        None => msg!(lang =>
            "쓸 수 있는 단위: {0}",
            "units allowed: {0}",
            list(lang)
        ),
    });
    None
}

fn entry(r: &mut Reader<'_>, q: &Question, v: &Spanned<DeValue<'_>>) -> Option<Entry> {
    let DeValue::Table(t) = v.get_ref() else {
        return value(r, q, v, 1.0).map(Entry::value);
    };
    if !is_long_form(q, t.keys().map(|k| k.get_ref().as_ref())) {
        return value(r, q, v, 1.0).map(Entry::value);
    }
    let mut state = State::Open;
    let mut evidence = Vec::new();
    let mut note = None;
    let mut ok = true;
    // The unit first, so that bounds are checked on the converted value.
    let chosen = match t.get("unit") {
        Some(u) => match unit(r, q, u) {
            Some(i) => Some(i),
            None => {
                ok = false;
                None
            }
        },
        None => None,
    };
    let factor = chosen
        .and_then(|i| q.units.get(i))
        .map_or(1.0, |u| u.factor);
    let mut given = None;
    for (k, item) in t {
        match k.get_ref().as_ref() {
            "unit" => {}
            "value" => match value(r, q, item, factor) {
                Some(val) => {
                    if matches!(state, State::NotApplicable(_)) {
                        r.err(Code::ConflictingAnswer, k.span(), both_value_and_na(q));
                        ok = false;
                    }
                    if let Some(unit) = chosen {
                        given = Some(Given {
                            unit,
                            value: val.clone(),
                        });
                    }
                    state = State::Value(val.scaled(factor));
                }
                None => ok = false,
            },
            "not_applicable" => {
                let reason = string(item).unwrap_or_default();
                if item.get_ref().as_str().is_none() {
                    r.err(
                        Code::WrongType,
                        item.span(),
                        msg!(
                            "`not_applicable`에는 이유를 문자열로 씁니다. 예: `not_applicable = \"이사회가 없습니다.\"`",
                            "`not_applicable` takes the reason as a string, e.g. not_applicable = \"We have no board.\""
                        ),
                    );
                    ok = false;
                } else if reason.trim().is_empty() {
                    r.err(
                        Code::NaWithoutReason,
                        item.span(),
                        msg!(
                            "`{}` 질문을 이유 없이 해당 없음으로 표시했습니다",
                            "`{}` is marked not applicable without a reason",
                            q.id
                        ),
                    )
                    .help = Some(msg!(
                        "이유를 쓰십시오. 예: `not_applicable = \"이사회가 없습니다.\"`",
                        "say why, e.g. not_applicable = \"We have no board.\""
                    ));
                    ok = false;
                } else if !q.allow_na {
                    r.err(
                        Code::NaNotAllowed,
                        k.span(),
                        msg!(
                            "`{}` 질문은 해당 없음으로 표시할 수 없습니다",
                            "question `{}` cannot be marked not applicable",
                            q.id
                        ),
                    )
                    .help = Some(msg!(
                        "답하거나, 답하지 않은 채로 두려면 이 답을 지우십시오",
                        "answer it, or leave it out to keep it unanswered"
                    ));
                    ok = false;
                } else {
                    if matches!(state, State::Value(_)) {
                        r.err(Code::ConflictingAnswer, k.span(), both_value_and_na(q));
                        ok = false;
                    }
                    state = State::NotApplicable(reason);
                }
            }
            "evidence" => match item.get_ref() {
                DeValue::Array(items) => {
                    for e in items.iter() {
                        match string(e) {
                            Some(s) => evidence.push(s),
                            None => {
                                r.err(
                                    Code::WrongType,
                                    e.span(),
                                    msg!(lang =>
                                        "증빙(`evidence`) 목록에는 문서 이름이나 링크를 문자열로 쓰는데, 이 항목은 {}입니다",
                                        "evidence is a list of document names or links, found {}",
                                        type_name(e.get_ref(), lang)
                                    ),
                                );
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
                        msg!(lang =>
                            "`evidence` 값은 문자열 목록이어야 하는데 {}입니다",
                            "`evidence` must be a list of strings, found {}",
                            type_name(other, lang)
                        ),
                    );
                    ok = false;
                }
            },
            "note" => match string(item) {
                Some(s) => note = Some(s),
                None => {
                    r.err(
                        Code::WrongType,
                        item.span(),
                        msg!(lang =>
                            "`note` 값은 문자열이어야 하는데 {}입니다",
                            "`note` must be a string, found {}",
                            type_name(item.get_ref(), lang)
                        ),
                    );
                    ok = false;
                }
            },
            other => {
                r.err(
                    Code::UnknownKey,
                    k.span(),
                    msg!(
                        "`{1}` 질문의 답에 없는 키 `{0}`입니다. 쓸 수 있는 키: `value`, `unit`, `not_applicable`, `evidence`, `note`",
                        "unknown key `{0}` in the answer to `{1}`; expected value, unit, not_applicable, evidence or note",
                        other,
                        q.id
                    ),
                );
                ok = false;
            }
        }
    }
    ok.then_some(Entry {
        state,
        evidence,
        note,
        given,
    })
}

/// The question's unit after a number, as in "150 MWh"; empty without a unit.
/// `n` with the question's unit, placed as the language writes it (`150%`, `12명`, `3 MWh`).
fn with_unit(q: &Question, n: f64, lang: Lang) -> String {
    crate::text::with_unit(&n.to_string(), q.unit.as_ref().map(|u| u.show(lang)))
}

/// Checks a figure written in the unit whose factor is `factor` against the question's bounds
/// (in its first unit).
fn bounds_check(
    r: &mut Reader<'_>,
    q: &Question,
    written: f64,
    factor: f64,
    span: Range<usize>,
) -> bool {
    let n = written * factor;
    // The figure as written, and converted when it is in another unit: "4000 GJ (= 1,111.11 MWh)".
    let with_unit = |q: &Question, n: f64, lang: Lang| {
        #[allow(clippy::float_cmp)]
        let converted = factor != 1.0;
        match q
            .units
            .iter()
            .find(|u| u.factor == factor)
            .filter(|_| converted)
        {
            Some(u) => crate::tr!(
                lang,
                "{}(= {})",
                "{} (= {})",
                crate::text::with_unit(&written.to_string(), Some(u.text.show(lang))),
                crate::text::with_unit(
                    &crate::text::number(n, 2),
                    q.unit.as_ref().map(|u| u.show(lang))
                )
            ),
            None => with_unit(q, n, lang),
        }
    };
    if let Some(min) = q.min {
        if n < min {
            r.err(
                Code::OutOfRange,
                span,
                msg!(lang =>
                    "`{1}` 질문의 값이 쓸 수 있는 가장 작은 값({min})보다 작습니다: {0}",
                    "{0} is below the smallest value allowed for `{1}` ({min})",
                    with_unit(q, n, lang),
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
                msg!(lang =>
                    "`{1}` 질문의 값이 쓸 수 있는 가장 큰 값({max})보다 큽니다: {0}",
                    "{0} is above the largest value allowed for `{1}` ({max})",
                    with_unit(q, n, lang),
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
                        msg!(
                            "{year}년은 보고연도 {reporting_year}년보다 뒤입니다. `{0}` 질문의 {year}년 값은 쓰이지 않습니다",
                            "{year} is after the reporting year {reporting_year}: the {year} value of `{0}` is not used",
                            q.id
                        ),
                    )
                    .with_help(msg!(
                        "점수는 {reporting_year}년까지의 값으로 계산합니다. {year}년 값을 지우거나, `[firm]`의 `reporting_year`를 수치가 설명하는 연도로 고치십시오",
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
    let quoted: Vec<String> = q.options.iter().map(|o| format!("\"{}\"", o.id)).collect();
    let options = |lang| names(quoted.iter().map(String::as_str), ", ", lang);
    // The unit and the bounds, as in " (MWh, 0 to 1000)".
    let hint = |lang: Lang| {
        let mut parts: Vec<String> = q.unit.iter().map(|u| u.show(lang).to_owned()).collect();
        match (q.min, q.max) {
            (Some(lo), Some(hi)) => parts.push(crate::tr!(lang, "{lo}~{hi}", "{lo} to {hi}")),
            (Some(lo), None) => parts.push(crate::tr!(lang, "{lo} 이상", "at least {lo}")),
            (None, Some(hi)) => parts.push(crate::tr!(lang, "{hi} 이하", "at most {hi}")),
            (None, None) => {}
        }
        match (parts.is_empty(), lang.ui()) {
            (true, _) => String::new(),
            (false, Ui::Ko) => format!("({})", parts.join(", ")),
            (false, Ui::En) => format!(" ({})", parts.join(", ")),
        }
    };
    let write = match (q.kind, year) {
        (QuestionKind::YesNo, _) => msg!("`true`나 `false`를 쓰십시오", "write true or false"),
        (QuestionKind::Choice, _) => msg!(lang =>
            "다음 가운데 하나를 쓰십시오: {0}",
            "write one of {0}",
            options(lang)
        ),
        (QuestionKind::Multi, _) => msg!(lang =>
            "해당하는 선택지의 목록({0})을 쓰거나, 하나도 없으면 빈 목록(`[]`)을 쓰십시오",
            "write a list of the options that apply ({0}), or [] for none",
            options(lang)
        ),
        (QuestionKind::Text, _) => msg!("글을 따옴표로 감싸 쓰십시오", "write the text in quotes"),
        (QuestionKind::Series, Some(y)) => msg!(lang =>
            "{y}년의 수치{0}를 쓰거나 그 연도를 지우십시오",
            "write the figure for {y}{0}, or remove the year",
            hint(lang)
        ),
        (QuestionKind::Series, None) => msg!(lang =>
            "연도별 수치{0}를 쓰십시오. 예: `{{ 2024 = 120, 2025 = 110 }}`",
            "write a figure per year{0}, e.g. {{ 2024 = 120, 2025 = 110 }}",
            hint(lang)
        ),
        (QuestionKind::Number | QuestionKind::Integer, _) => msg!(lang =>
            "수{0}를 쓰십시오",
            "write a number{0}",
            hint(lang)
        ),
        (QuestionKind::Table, _) => msg!(
            "행마다 열의 값을 쓰거나, 행이 없으면 빈 목록(`[]`)을 쓰십시오",
            "write each row's cells, or [] for no rows"
        ),
    };
    let message = match year {
        Some(y) => msg!(
            "`{0}` 질문의 {y}년 값이 아직 양식의 자리표시 \"{PLACEHOLDER}\" 그대로입니다",
            "the {y} value of `{0}` is still the template's placeholder \"{PLACEHOLDER}\"",
            q.id
        ),
        None => msg!(
            "`{0}` 질문의 답이 아직 양식의 자리표시 \"{PLACEHOLDER}\" 그대로입니다",
            "`{0}` is still the template's placeholder \"{PLACEHOLDER}\"",
            q.id
        ),
    };
    r.err(Code::UnfilledAnswer, span, message).help = Some(msg!(lang =>
        "{0}. `{1}` 질문에 답하지 않고 두려면 줄 앞에 `#`을 다시 붙이십시오",
        "{0}; or put the `#` back at the start of the line to leave `{1}` unanswered",
        write.get(lang),
        q.id
    ));
}

/// What an answer to `q` must be, as "`q` expects …, found …" says it.
fn expects(q: &Question, v: &Spanned<DeValue<'_>>, want: (&str, &str)) -> Message {
    msg!(lang =>
        "`{0}` 질문의 답이 {2}입니다. 이 질문에는 {1}",
        "`{0}` expects {1}, found {2}",
        q.id,
        lang.pick(want.0, want.1),
        type_name(v.get_ref(), lang)
    )
}

/// An answer's value as written; figures are checked against the question's bounds once times
/// `factor` (the conversion of the unit the answer names).
fn value(
    r: &mut Reader<'_>,
    q: &Question,
    v: &Spanned<DeValue<'_>>,
    factor: f64,
) -> Option<AnswerValue> {
    if is_placeholder(v.get_ref()) {
        unfilled(r, q, v.span(), None);
        return None;
    }
    let wrong = |r: &mut Reader<'_>, want: (&str, &str)| {
        r.err(Code::WrongType, v.span(), expects(q, v, want));
        None
    };
    match q.kind {
        QuestionKind::YesNo => match v.get_ref() {
            DeValue::Boolean(b) => Some(AnswerValue::Bool(*b)),
            _ => wrong(r, ("`true`나 `false`를 씁니다", "true or false")),
        },
        QuestionKind::Text => match v.get_ref() {
            DeValue::String(s) => Some(AnswerValue::Text(s.to_string())),
            _ => wrong(r, ("글을 따옴표로 감싸 씁니다", "text in quotes")),
        },
        QuestionKind::Choice => match v.get_ref() {
            DeValue::String(s) => option(r, q, s, v.span()).map(AnswerValue::Choice),
            _ => wrong(
                r,
                (
                    "선택지 id 하나를 따옴표로 감싸 씁니다",
                    "one option id in quotes",
                ),
            ),
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
                                    msg!(
                                        "`{s}` 선택지가 두 번 있습니다",
                                        "option `{s}` is listed twice"
                                    ),
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
                                msg!(lang =>
                                    "`{0}` 질문의 답에는 선택지 id를 따옴표로 감싸 나열하는데, 이 항목은 {1}입니다",
                                    "`{0}` lists option ids in quotes, found {1}",
                                    q.id,
                                    type_name(item.get_ref(), lang)
                                ),
                            );
                            ok = false;
                        }
                    }
                }
                ok.then_some(AnswerValue::Multi(picked))
            }
            _ => wrong(
                r,
                (
                    "선택지 id의 목록을 씁니다(예: `[\"a\", \"b\"]`, 없으면 `[]`)",
                    "a list of option ids, e.g. [\"a\", \"b\"] ([] for none)",
                ),
            ),
        },
        QuestionKind::Number | QuestionKind::Integer => {
            let n = match v.get_ref() {
                DeValue::Integer(_) => number(v.get_ref()),
                DeValue::Float(_) if q.kind == QuestionKind::Number => number(v.get_ref()),
                _ if q.kind == QuestionKind::Integer => {
                    return wrong(r, ("정수를 씁니다", "a whole number"));
                }
                _ => return wrong(r, ("수를 씁니다", "a number")),
            };
            let Some(n) = n.filter(|n| n.is_finite()) else {
                r.err(
                    Code::OutOfRange,
                    v.span(),
                    msg!(
                        "`{}` 질문의 답은 유한한 수여야 합니다",
                        "`{}` expects a finite number",
                        q.id
                    ),
                );
                return None;
            };
            bounds_check(r, q, n, factor, v.span()).then_some(AnswerValue::Num(n))
        }
        QuestionKind::Table => match v.get_ref() {
            DeValue::Array(rows) => table(r, q, rows, v.span()),
            _ => wrong(
                r,
                (
                    "행의 목록을 씁니다(예: `[{ name = \"본사\", area_ha = 1.2 }]`, 없으면 `[]`)",
                    "a list of rows, e.g. [{ name = \"Main plant\", area_ha = 1.2 }] ([] for none)",
                ),
            ),
        },
        QuestionKind::Series => match v.get_ref() {
            // The template's line left as it is: one error for the line, not one per year.
            DeValue::Table(t)
                if !t.is_empty() && t.values().all(|v| is_placeholder(v.get_ref())) =>
            {
                unfilled(r, q, v.span(), None);
                None
            }
            DeValue::Table(t) => series(r, q, t, factor),
            _ => wrong(
                r,
                (
                    "연도별 수치를 씁니다(예: `{ 2023 = 120, 2024 = 110 }`)",
                    "numbers by year, e.g. { 2023 = 120, 2024 = 110 }",
                ),
            ),
        },
    }
}

/// A table's rows: each an inline table with one cell per column, every cell checked at its own
/// place; at most [`MAX_ROWS`] rows.
fn table(
    r: &mut Reader<'_>,
    q: &Question,
    rows: &toml::de::DeArray<'_>,
    span: Range<usize>,
) -> Option<AnswerValue> {
    if rows.len() > MAX_ROWS {
        r.err(
            Code::OutOfRange,
            span,
            msg!(
                "`{0}` 표의 행이 {1}개입니다. 표에는 {MAX_ROWS}행까지 쓸 수 있습니다",
                "`{0}` has {1} rows; a table holds at most {MAX_ROWS}",
                q.id,
                rows.len()
            ),
        );
        return None;
    }
    let mut out = Vec::with_capacity(rows.len());
    let mut ok = true;
    for (n, row) in rows.iter().enumerate() {
        let n = n + 1;
        let DeValue::Table(t) = row.get_ref() else {
            r.err(
                Code::WrongType,
                row.span(),
                msg!(lang =>
                    "`{0}` 표의 {n}행은 `{{ 열 = 값, … }}` 형식의 표여야 하는데 {1}입니다",
                    "row {n} of `{0}` must be a table {{ column = value, … }}, found {1}",
                    q.id,
                    type_name(row.get_ref(), lang)
                ),
            );
            ok = false;
            continue;
        };
        let mut cells: Vec<Option<Cell>> = vec![None; q.columns.len()];
        for (k, item) in t {
            let key: &str = k.get_ref();
            let Some(c) = q.column_index(key) else {
                let known: Vec<&str> = q.columns.iter().map(|c| c.id.as_str()).collect();
                let near = closest(key, known.iter().copied());
                let list = |lang| names(known.iter().copied(), ", ", lang);
                r.err(
                    Code::UnknownKey,
                    k.span(),
                    msg!(
                        "`{0}` 표에 `{key}` 열은 없습니다",
                        "`{0}` has no column `{key}`",
                        q.id
                    ),
                )
                .help = Some(match near {
                    Some(c) => msg!(lang =>
                        "혹시 `{c}`인가요? 열: {0}",
                        "did you mean `{c}`? columns: {0}",
                        list(lang)
                    ),
                    None => msg!(lang => "열: {0}", "columns: {0}", list(lang)),
                });
                ok = false;
                continue;
            };
            match cell(r, q, &q.columns[c], n, item) {
                Some(v) => cells[c] = Some(v),
                None => ok = false,
            }
        }
        let missing: Vec<&str> = q
            .columns
            .iter()
            .zip(&cells)
            .filter(|(c, v)| v.is_none() && !t.contains_key(c.id.as_str()))
            .map(|(c, _)| c.id.as_str())
            .collect();
        if !missing.is_empty() {
            let list = |lang| names(missing.iter().copied(), ", ", lang);
            r.err(
                Code::MissingKey,
                row.span(),
                msg!(lang =>
                    "`{0}` 표의 {n}행에 {1} 열이 없습니다",
                    "row {n} of `{0}` has no {1}",
                    q.id,
                    list(lang)
                ),
            )
            .help = Some(msg!(
                "행마다 모든 열의 값을 쓰십시오",
                "give every column in every row"
            ));
            ok = false;
        }
        if ok {
            out.push(cells.into_iter().flatten().collect());
        }
    }
    ok.then_some(AnswerValue::Table(out))
}

/// One cell of row `n` of table `q`, checked against its column.
fn cell(
    r: &mut Reader<'_>,
    q: &Question,
    col: &crate::guideline::Column,
    n: usize,
    v: &Spanned<DeValue<'_>>,
) -> Option<Cell> {
    let wrong = |r: &mut Reader<'_>, want: (&str, &str)| {
        r.err(
            Code::WrongType,
            v.span(),
            msg!(lang =>
                "`{0}` 표 {n}행의 `{1}` 값이 {3}입니다. 이 열에는 {2}",
                "row {n} of `{0}`: `{1}` expects {2}, found {3}",
                q.id,
                col.id,
                lang.pick(want.0, want.1),
                type_name(v.get_ref(), lang)
            ),
        );
        None
    };
    if is_placeholder(v.get_ref()) {
        r.err(
            Code::UnfilledAnswer,
            v.span(),
            msg!(
                "`{0}` 표 {n}행의 `{1}` 값이 아직 양식의 자리표시 \"{PLACEHOLDER}\" 그대로입니다",
                "row {n} of `{0}`: `{1}` is still the template's placeholder \"{PLACEHOLDER}\"",
                q.id,
                col.id
            ),
        );
        return None;
    }
    match col.kind {
        QuestionKind::YesNo => match v.get_ref() {
            DeValue::Boolean(b) => Some(Cell::Bool(*b)),
            _ => wrong(r, ("`true`나 `false`를 씁니다", "true or false")),
        },
        QuestionKind::Choice => match v.get_ref() {
            DeValue::String(s) => match col.options.iter().position(|o| o.id == s.as_ref()) {
                Some(i) => Some(Cell::Choice(i)),
                None => {
                    let known: Vec<&str> = col.options.iter().map(|o| o.id.as_str()).collect();
                    let near = closest(s, known.iter().copied());
                    let list = |lang| names(known.iter().copied(), ", ", lang);
                    r.err(
                        Code::UnknownOption,
                        v.span(),
                        msg!(
                            "`{0}` 표 {n}행: `{1}` 열에 `{s}` 선택지는 없습니다",
                            "row {n} of `{0}`: `{s}` is not an option of `{1}`",
                            q.id,
                            col.id
                        ),
                    )
                    .help = Some(match near {
                        Some(c) => msg!(lang =>
                            "혹시 `{c}`인가요? 선택지: {0}",
                            "did you mean `{c}`? options: {0}",
                            list(lang)
                        ),
                        None => msg!(lang => "선택지: {0}", "options: {0}", list(lang)),
                    });
                    None
                }
            },
            _ => wrong(
                r,
                (
                    "선택지 id 하나를 따옴표로 감싸 씁니다",
                    "one option id in quotes",
                ),
            ),
        },
        QuestionKind::Number | QuestionKind::Integer => {
            let n_ = match v.get_ref() {
                DeValue::Integer(_) => number(v.get_ref()),
                DeValue::Float(_) if col.kind == QuestionKind::Number => number(v.get_ref()),
                _ if col.kind == QuestionKind::Integer => {
                    return wrong(r, ("정수를 씁니다", "a whole number"));
                }
                _ => return wrong(r, ("수를 씁니다", "a number")),
            };
            let Some(x) = n_.filter(|x| x.is_finite()) else {
                return wrong(r, ("유한한 수를 씁니다", "a finite number"));
            };
            let unit = col.unit.clone();
            let shown = |lang: Lang| {
                crate::text::with_unit(&x.to_string(), unit.as_ref().map(|u| u.show(lang)))
            };
            if let Some(min) = col.min.filter(|m| x < *m) {
                r.err(
                    Code::OutOfRange,
                    v.span(),
                    msg!(lang =>
                        "`{1}` 표 {n}행: `{2}` 값이 쓸 수 있는 가장 작은 값({min})보다 작습니다: {0}",
                        "row {n} of `{1}`: {0} is below the smallest value allowed for `{2}` ({min})",
                        shown(lang),
                        q.id,
                        col.id
                    ),
                );
                return None;
            }
            if let Some(max) = col.max.filter(|m| x > *m) {
                r.err(
                    Code::OutOfRange,
                    v.span(),
                    msg!(lang =>
                        "`{1}` 표 {n}행: `{2}` 값이 쓸 수 있는 가장 큰 값({max})보다 큽니다: {0}",
                        "row {n} of `{1}`: {0} is above the largest value allowed for `{2}` ({max})",
                        shown(lang),
                        q.id,
                        col.id
                    ),
                );
                return None;
            }
            Some(Cell::Num(x))
        }
        _ => match v.get_ref() {
            DeValue::String(s) => Some(Cell::Text(s.to_string())),
            _ => wrong(r, ("글을 따옴표로 감싸 씁니다", "text in quotes")),
        },
    }
}

/// A series' `{ year = value }` table: each year written plainly, once, with a number.
fn series(r: &mut Reader<'_>, q: &Question, t: &DeTable<'_>, factor: f64) -> Option<AnswerValue> {
    let mut points = Vec::new();
    let mut ok = true;
    // Each year's first key, to point a year given twice at both places.
    let mut seen: Vec<(i32, Range<usize>)> = Vec::new();
    for (k, item) in t {
        let key: &str = k.get_ref();
        let Some(year) = key.parse::<i32>().ok().filter(|y| YEARS.contains(y)) else {
            r.err(
                Code::OutOfRange,
                k.span(),
                msg!(
                    "`{key}` 키는 연도(1900~2100)가 아닙니다. 연도별 수치는 연도마다 값을 씁니다. 예: `{{ 2023 = 120, 2024 = 110 }}`",
                    "`{key}` is not a year (1900 to 2100); a series maps years to values, e.g. {{ 2023 = 120, 2024 = 110 }}"
                ),
            );
            ok = false;
            continue;
        };
        // A year is written plainly: `02025` or `"+2025"` would be a second 2025.
        let plain = year.to_string() == key;
        if !plain {
            r.err(
                Code::OutOfRange,
                k.span(),
                msg!(
                    "`{key}` 키가 연도 형식으로 쓰여 있지 않습니다",
                    "`{key}` is not written as a year"
                ),
            )
            .help = Some(msg!(
                "연도는 {year}처럼 쓰십시오",
                "write the year as {year}"
            ));
            ok = false;
        }
        if let Some((_, first)) = seen.iter().find(|s| s.0 == year) {
            let (line, column) = r.src.position(first.start);
            if plain {
                r.err(
                    Code::ConflictingAnswer,
                    k.span(),
                    msg!(
                        "`{0}` 질문의 {year}년 값이 두 번 있습니다 (처음은 {line}행 {column}열)",
                        "the {year} value of `{0}` is given twice (first at line {line}, column {column})",
                        q.id
                    ),
                )
                .help = Some(msg!(
                    "{year}년 값은 하나만 남기십시오",
                    "keep one value for {year}"
                ));
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
                if bounds_check(r, q, n, factor, item.span()) {
                    points.push((year, n));
                } else {
                    ok = false;
                }
            }
            None => {
                r.err(
                    Code::WrongType,
                    item.span(),
                    msg!(lang =>
                        "`{0}` 질문의 {year}년 값은 수여야 하는데 {1}입니다",
                        "the {year} value of `{0}` must be a number, found {1}",
                        q.id,
                        type_name(item.get_ref(), lang)
                    ),
                );
                ok = false;
            }
        }
    }
    points.sort_by_key(|p| p.0);
    ok.then_some(AnswerValue::Series(points))
}

fn option(r: &mut Reader<'_>, q: &Question, id: &str, span: Range<usize>) -> Option<usize> {
    if let Some(i) = q.option_index(id) {
        return Some(i);
    }
    r.err_with(
        Code::UnknownOption,
        span,
        || {
            msg!(
                "`{}` 질문에 `{id}` 선택지는 없습니다",
                "`{id}` is not an option of `{}`",
                q.id
            )
        },
        || {
            let known: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
            let list = |lang| names(known.iter().copied(), ", ", lang);
            Some(match closest(id, known.iter().copied()) {
                Some(c) => msg!(lang =>
                    "혹시 `{c}`인가요? 선택지: {0}",
                    "did you mean `{c}`? options: {0}",
                    list(lang)
                ),
                None => msg!(lang => "선택지: {0}", "options: {0}", list(lang)),
            })
        },
    );
    None
}
