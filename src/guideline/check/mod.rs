//! Validation: raw files -> [`Guideline`], collecting every problem rather than stopping at the first.

mod consistency;
mod indicator;
mod inventory;
mod levels;
mod question;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use super::model::{RawFile, RawQuestion};
use super::{Area, Condition, Grade, Guideline, Indicator, Metric, Question, QuestionKind, limits};
use crate::code::Code;
use crate::expr::{self, ExprError, ExprFault, Names, Resolved, Total, Type};
use crate::msg;
use crate::source::{Capped, Diagnostic, Message, Source, closest};
use crate::text::{Tag, Text};

use indicator::indicator;
use inventory::{extras, factor_tables};
use question::question;

pub(super) struct Ctx<'a> {
    pub(super) files: &'a [(Source, RawFile)],
    /// The languages the guideline declares, in its fallback order.
    langs: Vec<Tag>,
    /// The problems of each file (the first few in file order built, the rest counted).
    diags: Vec<Capped>,
    /// Problems of the whole package.
    package: Vec<Diagnostic>,
}

impl Ctx<'_> {
    /// A problem at `span` of file `file`. Beyond the file's cap the message is not kept and the
    /// diagnostic returned is a throw-away one.
    pub(super) fn err(
        &mut self,
        code: Code,
        file: usize,
        span: Range<usize>,
        msg: Message,
    ) -> &mut Diagnostic {
        let source = &self.files[file].0;
        self.diags[file].push(span.start, code, || {
            source.diagnostic(code, Some(span), msg)
        })
    }

    /// Every problem found: the package's, then each file's in file order.
    fn finish(self) -> (bool, Vec<Diagnostic>) {
        let has_errors = self
            .package
            .iter()
            .any(|d| d.severity == crate::source::Severity::Error)
            || self.diags.iter().any(Capped::has_errors);
        let mut out = self.package;
        for (capped, (source, _)) in self.diags.into_iter().zip(self.files) {
            out.extend(capped.finish(source));
        }
        (has_errors, out)
    }

    /// Checks a text's languages: each a well-formed tag the guideline declares (`unknown-key`
    /// otherwise, at the text), and every declared language present (`missing-text`, a warning
    /// naming the languages missing: the text falls back to the others). `what` names the text
    /// ("`E` 영역의 제목", "area `E` title"). The text comes back with its languages in the
    /// guideline's fallback order, tags spelled canonically.
    pub(super) fn text(&mut self, file: usize, text: &Spanned<Text>, what: &Message) -> Text {
        if self.langs.is_empty() {
            // The header is wrong, and said so: nothing to check against.
            return text.get_ref().clone();
        }
        let declared = self.langs.clone();
        let mut seen = Vec::new();
        for (key, _) in text.get_ref().entries() {
            match Tag::parse(key) {
                None => {
                    self.err(
                        Code::UnknownKey,
                        file,
                        text.span(),
                        msg!(lang =>
                            "{0}의 `{key}`는 언어 태그가 아닙니다",
                            "`{key}` in {0} is not a language tag",
                            what.get(lang)
                        ),
                    )
                    .help = Some(msg!(
                        "`de`, `fr`, `pt-BR`, `zh-Hant`처럼 언어(영문자 2~3자)에 필요하면 문자 체계와 지역을 붙여 쓰십시오. 가이드라인의 언어: {0}",
                        "write a language of 2 or 3 letters, then a script or region if needed, such as de, fr, pt-BR, zh-Hant; the guideline's languages: {0}",
                        tags(&declared)
                    ));
                }
                Some(tag) if !declared.contains(&tag) => {
                    self.err(
                        Code::UnknownKey,
                        file,
                        text.span(),
                        msg!(lang =>
                            "{0}에 가이드라인이 밝히지 않은 언어 {1}의 글이 있습니다",
                            "{0} has text in {1}, a language the guideline does not declare",
                            what.get(lang),
                            tag.name(lang)
                        ),
                    )
                    .help = Some(msg!(
                        "`[guideline] languages`에 `\"{0}\"`를 더하거나 이 글을 지우십시오. 지금 밝힌 언어: {1}",
                        "add \"{0}\" to [guideline] languages, or remove this text; declared now: {1}",
                        tag,
                        tags(&declared)
                    ));
                }
                Some(tag) if seen.contains(&tag) => {
                    // `de` and `DE` are one language.
                    self.err(
                        Code::DuplicateId,
                        file,
                        text.span(),
                        msg!(lang =>
                            "{0}에 {1} 글이 두 번 있습니다",
                            "{0} has {1} text twice",
                            what.get(lang),
                            tag.name(lang)
                        ),
                    );
                }
                Some(tag) => seen.push(tag),
            }
        }
        let mut out = Text::default();
        let mut missing = Vec::new();
        for &tag in &declared {
            match text.get_ref().exact(tag) {
                Some(words) => out.set(tag.as_str(), words.to_owned()),
                None => missing.push(tag),
            }
        }
        if let [one] = missing[..] {
            self.err(
                Code::MissingText,
                file,
                text.span(),
                msg!(lang =>
                    "{0}에 {1} 글이 없습니다",
                    "{0} has no {1} text",
                    what.get(lang),
                    one.name(lang)
                ),
            )
            .help = Some(msg!(
                "이 언어의 글을 더하십시오: `{0} = \"…\"`. 가이드라인이 이 언어를 쓴다고 밝혔습니다",
                "add `{0} = \"…\"`; the guideline declares this language",
                one
            ));
        } else if !missing.is_empty() {
            self.err(
                Code::MissingText,
                file,
                text.span(),
                msg!(lang =>
                    "{0}에 {1}의 글이 없습니다",
                    "{0} has no text in {1}",
                    what.get(lang),
                    missing.iter().map(|t| t.name(lang)).collect::<Vec<_>>().join(", ")
                ),
            )
            .help = Some(msg!(
                "이 언어들의 글을 더하십시오: {0}. 가이드라인이 이 언어들을 쓴다고 밝혔습니다",
                "add {0}; the guideline declares these languages",
                missing
                    .iter()
                    .map(|t| format!("`{t} = \"…\"`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        out
    }

    pub(super) fn opt_text(
        &mut self,
        file: usize,
        text: Option<&Spanned<Text>>,
        what: &Message,
    ) -> Option<Text> {
        text.map(|t| self.text(file, t, what))
    }

    /// Checks a weight: above 0 (`non-positive-weight`), and within [`limits::WEIGHT`]
    /// (`invalid-value`).
    pub(super) fn weight(&mut self, file: usize, w: &Spanned<f64>, what: &Message) {
        let v = *w.get_ref();
        let shown = limits::written(v);
        if v <= 0.0 {
            self.err(
                Code::NonPositiveWeight,
                file,
                w.span(),
                msg!(lang =>
                    "{0}의 가중치가 {shown}입니다. 가중치는 0보다 커야 합니다",
                    "{0} has weight {shown}; a weight must be above 0",
                    what.get(lang)
                ),
            );
        } else if !limits::WEIGHT.contains(&v) {
            self.err(
                Code::InvalidValue,
                file,
                w.span(),
                msg!(lang =>
                    "{0}의 가중치가 {shown}입니다. 가중치는 {1}에서 {2} 사이의 수입니다",
                    "{0} has weight {shown}; a weight is a number from {1} to {2}",
                    what.get(lang),
                    limits::show(*limits::WEIGHT.start()),
                    limits::show(*limits::WEIGHT.end())
                ),
            );
        }
    }

    /// Checks a number that feeds arithmetic: finite and within [`limits::MAGNITUDE`]
    /// (`invalid-value`). Returns whether it is.
    pub(super) fn bounded(
        &mut self,
        file: usize,
        span: Range<usize>,
        x: f64,
        what: &Message,
    ) -> bool {
        if limits::bounded(x) {
            return true;
        }
        let finite = x.is_finite();
        let x = limits::written(x);
        let most = limits::show(limits::MAGNITUDE);
        let why = if finite {
            msg!(lang =>
                "{0}의 값이 {x}입니다. 가이드라인의 수는 크기가 {most} 이하여야 합니다",
                "{0} is {x}; numbers in a guideline are at most {most} in size",
                what.get(lang)
            )
        } else {
            msg!(lang =>
                "{0}의 값이 {x}입니다. 크기가 {most} 이하인 유한한 수여야 합니다",
                "{0} is {x}; it must be a finite number, at most {most} in size",
                what.get(lang)
            )
        };
        self.err(Code::InvalidValue, file, span, why);
        false
    }

    /// Compiles the expression a TOML string holds, reporting a fault at its place; `None` then.
    pub(super) fn condition(
        &mut self,
        file: usize,
        scope: &Scope<'_>,
        src: &Spanned<String>,
        ty: Type,
    ) -> Option<Condition> {
        match expr::compile(src.get_ref(), scope, Some(ty)) {
            Ok(expr) => Some(Condition {
                source: src.get_ref().clone(),
                expr,
            }),
            Err(e) => {
                self.expr_err(file, src, &e);
                None
            }
        }
    }

    /// Reports an expression fault at its place inside the TOML string that holds it.
    pub(super) fn expr_err(&mut self, file: usize, holder: &Spanned<String>, e: &ExprError) {
        let span = expr_span(&self.files[file].0.text, holder, &e.span);
        let code = match e.kind {
            ExprFault::Syntax => Code::ExpressionSyntax,
            ExprFault::UnknownName => Code::UnknownReference,
            ExprFault::Type => Code::ExpressionType,
        };
        self.err(
            code,
            file,
            span,
            msg!(lang =>
                "식 `{0}`: {1}",
                "in expression `{0}`: {1}",
                holder.get_ref(),
                e.message.get(lang)
            ),
        );
    }
}

/// "did you mean `x`?", the hint for a name close to a known one.
pub(super) fn did_you_mean(known: &str) -> Message {
    msg!("혹시 `{known}`인가요?", "did you mean `{known}`?")
}

/// A language's name as a message says it: "한국어(ko)", "English (en)".
/// Tags as a list in a message: `de, ko`.
fn tags(tags: &[Tag]) -> String {
    tags.iter().map(Tag::as_str).collect::<Vec<_>>().join(", ")
}

/// Where the string `value` is written inside the array at `array` of `text`: the first quoted
/// occurrence, else the whole array.
fn element_span(text: &str, array: Range<usize>, value: &str) -> Range<usize> {
    let inside = text.get(array.clone()).unwrap_or("");
    ['"', '\'']
        .iter()
        .find_map(|q| inside.find(&format!("{q}{value}{q}")))
        .map_or(array.clone(), |i| {
            let start = array.start + i;
            start..start + value.len() + 2
        })
}

/// Maps a span inside an expression to the file: through the quotes of any TOML string, the
/// newline that opens a multi-line string, escapes and line-ending backslashes, so that a fault
/// in a multi-line expression is marked on its own line and column. The whole string when the
/// text cannot be followed.
fn expr_span(text: &str, holder: &Spanned<String>, inner: &Range<usize>) -> Range<usize> {
    let outer = holder.span();
    let raw = text.get(outer.clone()).unwrap_or("");
    let Some(offsets) = string_offsets(raw, holder.get_ref()) else {
        return outer;
    };
    let at = |i: usize| offsets.get(i).map(|o| outer.start + o);
    match (at(inner.start), at(inner.end.max(inner.start))) {
        (Some(start), Some(end)) => start..end.max(start),
        _ => outer,
    }
}

/// For each byte of `value` (and one past its end), its offset in `raw`, the TOML string as
/// written with its quotes; `None` unless decoding `raw` gives `value`.
fn string_offsets(raw: &str, value: &str) -> Option<Vec<usize>> {
    let (quote, basic) = [("\"\"\"", true), ("'''", false), ("\"", true), ("'", false)]
        .into_iter()
        .find(|(q, _)| raw.len() >= 2 * q.len() && raw.starts_with(q) && raw.ends_with(q))?;
    let multi = quote.len() == 3;
    let body_end = raw.len() - quote.len();
    let mut i = quote.len();
    // A newline right after the opening quotes of a multi-line string is not part of it.
    if multi {
        if raw[i..].starts_with("\r\n") {
            i += 2;
        } else if raw[i..].starts_with('\n') {
            i += 1;
        }
    }
    let mut decoded = String::with_capacity(value.len());
    let mut offsets = Vec::with_capacity(value.len() + 1);
    while i < body_end {
        let rest = &raw[i..body_end];
        let c = rest.chars().next()?;
        if basic && c == '\\' {
            let next = rest[1..].chars().next()?;
            let simple = match next {
                'b' => Some('\u{8}'),
                't' => Some('\t'),
                'n' => Some('\n'),
                'f' => Some('\u{c}'),
                'r' => Some('\r'),
                'e' => Some('\u{1b}'),
                '"' => Some('"'),
                '\\' => Some('\\'),
                _ => None,
            };
            if let Some(ch) = simple {
                push(&mut decoded, &mut offsets, ch, i);
                i += 2;
                continue;
            }
            if let Some(len) = match next {
                'x' => Some(2),
                'u' => Some(4),
                'U' => Some(8),
                _ => None,
            } {
                let hex = rest.get(2..2 + len)?;
                let ch = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
                push(&mut decoded, &mut offsets, ch, i);
                i += 2 + len;
                continue;
            }
            // A line-ending backslash: the whitespace and newlines after it are dropped.
            if multi && next.is_whitespace() {
                let skipped = rest[1..].len() - rest[1..].trim_start().len();
                if !rest[1..1 + skipped].contains('\n') {
                    return None;
                }
                i += 1 + skipped;
                continue;
            }
            return None;
        }
        push(&mut decoded, &mut offsets, c, i);
        i += c.len_utf8();
    }
    offsets.push(i);
    (decoded == value).then_some(offsets)
}

fn push(decoded: &mut String, offsets: &mut Vec<usize>, c: char, at: usize) {
    decoded.push(c);
    offsets.extend(std::iter::repeat_n(at, c.len_utf8()));
}

pub(super) fn is_snake_case(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// What a dotted name `a.b` may stand for.
#[derive(Debug, Clone, Copy)]
pub(super) enum Factor {
    Table { table: usize, value: f64 },
    Family { family: usize, key: usize },
    Inventory(Total),
}

pub(super) struct Scope<'a> {
    pub(super) questions: &'a [Question],
    pub(super) question_ids: &'a HashMap<String, usize>,
    pub(super) metric_ids: &'a HashMap<String, usize>,
    pub(super) factors: &'a HashMap<String, Factor>,
}

impl Names for Scope<'_> {
    fn resolve(&self, name: &str) -> Option<Resolved<'_>> {
        if let Some(&q) = self.question_ids.get(name) {
            let question = &self.questions[q];
            let ty = match question.kind {
                QuestionKind::YesNo => Type::Bool,
                QuestionKind::Choice | QuestionKind::Text => Type::Str,
                QuestionKind::Multi => Type::List,
                QuestionKind::Number | QuestionKind::Integer => Type::Num,
                QuestionKind::Series => Type::Series,
                QuestionKind::Table => Type::Table,
            };
            let options = matches!(question.kind, QuestionKind::Choice | QuestionKind::Multi)
                .then(|| question.options.iter().map(|o| o.id.as_str()).collect());
            return Some(Resolved::Question {
                index: q,
                ty,
                options,
                has_values: !question.options.is_empty()
                    && question.options.iter().all(|o| o.value.is_some()),
            });
        }
        if let Some(&m) = self.metric_ids.get(name) {
            return Some(Resolved::Metric(m));
        }
        self.factors.get(name).map(|f| match *f {
            Factor::Table { table, value } => Resolved::TableFactor { table, value },
            Factor::Family { family, key } => Resolved::FamilyFactor { family, key },
            Factor::Inventory(t) => Resolved::Inventory(t),
        })
    }

    fn column(&self, table: usize, id: &str) -> Option<(usize, Type, Option<Vec<&str>>)> {
        let question = self.questions.get(table)?;
        let c = question.column_index(id)?;
        let col = &question.columns[c];
        let ty = match col.kind {
            QuestionKind::YesNo => Type::Bool,
            QuestionKind::Number | QuestionKind::Integer => Type::Num,
            _ => Type::Str,
        };
        let options = (col.kind == QuestionKind::Choice)
            .then(|| col.options.iter().map(|o| o.id.as_str()).collect());
        Some((c, ty, options))
    }

    fn columns(&self, table: usize) -> Vec<&str> {
        self.questions
            .get(table)
            .map(|q| q.columns.iter().map(|c| c.id.as_str()).collect())
            .unwrap_or_default()
    }

    fn suggest(&self, name: &str) -> Option<String> {
        let all = self
            .question_ids
            .keys()
            .chain(self.metric_ids.keys())
            .chain(self.factors.keys())
            .map(String::as_str);
        closest(name, all).map(str::to_owned)
    }
}

/// Validates the files of one package. Returns the guideline when there is no error, and every
/// diagnostic (errors and warnings) found.
#[must_use]
pub fn validate(files: &[(Source, RawFile)], origin: &str) -> (Option<Guideline>, Vec<Diagnostic>) {
    let mut cx = Ctx {
        files,
        langs: Vec::new(),
        diags: files.iter().map(|_| Capped::default()).collect(),
        package: Vec::new(),
    };

    // Header.
    let headers: Vec<(usize, &Spanned<super::model::RawHeader>)> = files
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.1.guideline.as_ref().map(|h| (i, h)))
        .collect();
    let Some(&(hf, header)) = headers.first() else {
        let name = files
            .first()
            .map_or_else(|| origin.to_owned(), |f| f.0.name.clone());
        cx.package.push(
            Diagnostic::whole_file(
                name,
                Code::InvalidHeader,
                msg!(
                    "이 가이드라인 패키지에는 `[guideline]` 표가 없습니다",
                    "this guideline package has no [guideline] table"
                ),
            )
            .with_help(msg!(
                "`guideline.toml`에 머리 표(`id`, `version`, `languages`, `title`)를 쓰십시오",
                "put the header (id, version, languages, title) in guideline.toml"
            )),
        );
        return (None, cx.finish().1);
    };
    for (f, h) in headers.iter().skip(1) {
        cx.err(
            Code::InvalidHeader,
            *f,
            h.span(),
            msg!(
                "두 번째 `[guideline]` 표입니다. 패키지에는 꼭 하나만 있습니다",
                "a second [guideline] table; a package has exactly one"
            ),
        );
    }
    let header = header.get_ref();
    let mut langs: Vec<Tag> = Vec::new();
    for code in header.languages.get_ref() {
        let at = element_span(&files[hf].0.text, header.languages.span(), code);
        match Tag::parse(code) {
            Some(l) if !langs.contains(&l) => langs.push(l),
            Some(_) => {
                cx.err(
                    Code::InvalidHeader,
                    hf,
                    at,
                    msg!(
                        "`{code}` 언어가 두 번 있습니다",
                        "language `{code}` is listed twice"
                    ),
                );
            }
            None => {
                cx.err(
                    Code::InvalidHeader,
                    hf,
                    at,
                    msg!(
                        "`{code}`는 언어 태그가 아닙니다",
                        "`{code}` is not a language tag"
                    ),
                )
                .help = Some(msg!(
                    "`\"ko\"`, `\"en\"`, `\"de\"`, `\"pt-BR\"`, `\"zh-Hant\"`처럼 언어(영문자 2~3자)에 필요하면 문자 체계와 지역을 붙여 쓰십시오",
                    "write a language of 2 or 3 letters, then a script or region if needed: \"ko\", \"en\", \"de\", \"pt-BR\", \"zh-Hant\""
                ));
            }
        }
    }
    if langs.is_empty() && header.languages.get_ref().is_empty() {
        cx.err(
            Code::InvalidHeader,
            hf,
            header.languages.span(),
            msg!(
                "가이드라인은 언어를 적어도 하나 밝혀야 합니다",
                "a guideline declares at least one language"
            ),
        );
    }
    cx.langs.clone_from(&langs);
    let id = header.id.get_ref().clone();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        cx.err(
            Code::InvalidId,
            hf,
            header.id.span(),
            msg!(
                "가이드라인 id는 케밥 표기(a-z, 0-9, -)여야 합니다: `{id}`",
                "guideline id `{id}` must be kebab-case (a-z, 0-9, -)"
            ),
        );
    }
    let title = cx.text(
        hf,
        &header.title,
        &msg!("가이드라인 제목", "the guideline title"),
    );
    let description = cx.opt_text(
        hf,
        header.description.as_ref(),
        &msg!("가이드라인 설명", "the guideline description"),
    );

    // Areas and grades.
    let mut areas: Vec<Area> = Vec::new();
    let mut area_ids: HashMap<String, usize> = HashMap::new();
    let mut grades: Vec<Grade> = Vec::new();
    for (fi, (_, file)) in files.iter().enumerate() {
        for a in &file.area {
            let aid = a.id.get_ref().clone();
            if area_ids.contains_key(&aid) {
                cx.err(
                    Code::DuplicateId,
                    fi,
                    a.id.span(),
                    msg!(
                        "`{aid}` 영역이 두 번 정의되어 있습니다",
                        "area `{aid}` is defined twice"
                    ),
                );
                continue;
            }
            cx.weight(fi, &a.weight, &msg!("`{aid}` 영역", "area `{aid}`"));
            let title = cx.text(
                fi,
                &a.title,
                &msg!("`{aid}` 영역의 제목", "area `{aid}` title"),
            );
            area_ids.insert(aid.clone(), areas.len());
            areas.push(Area {
                id: aid,
                weight: *a.weight.get_ref(),
                title,
                indicators: Vec::new(),
            });
        }
        for g in &file.grade {
            let gid = g.id.get_ref().clone();
            if grades.iter().any(|x| x.id == gid) {
                cx.err(
                    Code::DuplicateId,
                    fi,
                    g.id.span(),
                    msg!(
                        "`{gid}` 등급이 두 번 정의되어 있습니다",
                        "grade `{gid}` is defined twice"
                    ),
                );
                continue;
            }
            let min = *g.min.get_ref();
            if !(0.0..=100.0).contains(&min) {
                cx.err(
                    Code::InvalidValue,
                    fi,
                    g.min.span(),
                    msg!(
                        "`{gid}` 등급이 {min}점에서 시작합니다. 등급 구간은 0점과 100점 사이에서 시작해야 합니다",
                        "grade `{gid}` starts at {min}; a grade band starts between 0 and 100"
                    ),
                );
            }
            let title = cx.text(
                fi,
                &g.title,
                &msg!("`{gid}` 등급의 제목", "grade `{gid}` title"),
            );
            grades.push(Grade {
                id: gid,
                min,
                title,
            });
        }
    }
    if areas.is_empty() {
        cx.err(
            Code::InvalidHeader,
            hf,
            0..0,
            msg!(
                "가이드라인에 영역(`[[area]]`)이 하나도 없습니다",
                "the guideline defines no [[area]]"
            ),
        );
    }
    grades.sort_by(|a, b| b.min.total_cmp(&a.min));

    // Questions (without ask-conditions, compiled once every name is known).
    let mut questions: Vec<Question> = Vec::new();
    let mut question_ids: HashMap<String, usize> = HashMap::new();
    let mut raw_questions: Vec<(usize, &RawQuestion)> = Vec::new();
    let units = question::package_units(&mut cx, files);
    for (fi, (_, file)) in files.iter().enumerate() {
        for q in &file.question {
            if let Some(question) = question(&mut cx, fi, q, &area_ids, &units) {
                if question_ids.contains_key(&question.id) {
                    cx.err(
                        Code::DuplicateId,
                        fi,
                        q.id.span(),
                        msg!(
                            "`{}` 질문이 두 번 정의되어 있습니다",
                            "question `{}` is defined twice",
                            question.id
                        ),
                    );
                    continue;
                }
                question_ids.insert(question.id.clone(), questions.len());
                questions.push(question);
                raw_questions.push((fi, q));
            }
        }
    }

    // Factor tables and their families.
    let (factor_tables, mut families, mut factors) = factor_tables(&mut cx, files, &question_ids);
    let has_sources = files.iter().any(|(_, f)| !f.emission_source.is_empty());
    if has_sources {
        for t in Total::ALL {
            factors.insert(format!("ghg.{}", t.name()), Factor::Inventory(t));
        }
    }

    // Metrics: ids first, so formulas can name each other.
    let mut metric_ids: HashMap<String, usize> = HashMap::new();
    let mut raw_metrics = Vec::new();
    for (fi, (_, file)) in files.iter().enumerate() {
        for m in &file.metric {
            let mid = m.id.get_ref().clone();
            if metric_ids.contains_key(&mid) || question_ids.contains_key(&mid) {
                cx.err(
                    Code::DuplicateId,
                    fi,
                    m.id.span(),
                    msg!(
                        "`{mid}` 산식의 id를 이미 다른 질문이나 산식이 쓰고 있습니다",
                        "metric `{mid}` reuses an id already taken by a question or metric"
                    ),
                );
                continue;
            }
            if !is_snake_case(&mid) {
                cx.err(
                    Code::InvalidId,
                    fi,
                    m.id.span(),
                    msg!(
                        "산식 id는 스네이크 표기(a-z, 0-9, _)여야 합니다: `{mid}`",
                        "metric id `{mid}` must be snake_case"
                    ),
                );
            }
            metric_ids.insert(mid, raw_metrics.len());
            raw_metrics.push((fi, m));
        }
    }

    let scope = Scope {
        questions: &questions,
        question_ids: &question_ids,
        metric_ids: &metric_ids,
        factors: &factors,
    };
    let mut metrics = Vec::new();
    for (fi, m) in &raw_metrics {
        let mid = m.id.get_ref();
        let title = cx.text(
            *fi,
            &m.title,
            &msg!("`{mid}` 산식의 제목", "metric `{mid}` title"),
        );
        let unit = cx.opt_text(
            *fi,
            m.unit.as_ref(),
            &msg!("`{mid}` 산식의 단위", "metric `{mid}` unit"),
        );
        let formula = cx
            .condition(*fi, &scope, &m.formula, Type::Num)
            .unwrap_or_else(|| Condition {
                source: m.formula.get_ref().clone(),
                expr: expr::Expr::Num(0.0),
            });
        let references = question::references(&mut cx, *fi, mid, &m.references);
        metrics.push(Metric {
            id: m.id.get_ref().clone(),
            title,
            unit,
            formula,
            references,
        });
    }
    let metric_order = order(metrics.len(), |i| {
        let mut deps = Vec::new();
        metrics[i].formula.expr.visit_metrics(&mut |m| deps.push(m));
        deps
    })
    .unwrap_or_else(|cycle| {
        let (fi, m) = raw_metrics[cycle[0]];
        let names: Vec<&str> = cycle.iter().map(|&i| metrics[i].id.as_str()).collect();
        cx.err(
            Code::DependencyCycle,
            fi,
            m.formula.span(),
            msg!(lang =>
                "산식이 서로를 순환 참조합니다: {}",
                "metrics depend on each other in a cycle: {}",
                crate::source::names(names.iter().copied(), " -> ", lang)
            ),
        );
        Vec::new()
    });

    let extra = extras(&mut cx, &scope, &metric_ids, &factor_tables, &mut families);
    let invalidates = consistency::invalidations(&mut cx, &scope, &extra.checks);

    // Ask-conditions.
    let mut ask_ifs = Vec::with_capacity(questions.len());
    for (fi, q) in &raw_questions {
        ask_ifs.push(
            q.ask_if
                .as_ref()
                .and_then(|src| cx.condition(*fi, &scope, src, Type::Bool)),
        );
    }
    let question_order = order(questions.len(), |i| {
        let mut deps = Vec::new();
        if let Some(c) = &ask_ifs[i] {
            c.expr.visit_questions(&mut |q| deps.push(q));
        }
        deps
    })
    .unwrap_or_else(|cycle| {
        let (fi, q) = raw_questions[cycle[0]];
        let names: Vec<&str> = cycle.iter().map(|&i| questions[i].id.as_str()).collect();
        let span = q.ask_if.as_ref().map_or_else(|| q.id.span(), Spanned::span);
        cx.err(
            Code::DependencyCycle,
            fi,
            span,
            msg!(lang =>
                "질문 조건이 서로를 순환 참조합니다: {}",
                "ask-conditions depend on each other in a cycle: {}",
                crate::source::names(names.iter().copied(), " -> ", lang)
            ),
        );
        Vec::new()
    });

    // The reporting year's value of series questions (`current`): answers that are not series,
    // so that reading a series never reads another series, nor itself.
    let mut currents: Vec<Option<Condition>> = Vec::with_capacity(questions.len());
    for (q, (fi, raw)) in questions.iter().zip(&raw_questions) {
        currents.push(None);
        let Some(src) = &raw.current else { continue };
        if q.kind != QuestionKind::Series {
            continue;
        }
        let Some(c) = cx.condition(*fi, &scope, src, Type::Num) else {
            continue;
        };
        let mut series = false;
        c.expr
            .visit_questions(&mut |x| series |= scope.questions[x].kind == QuestionKind::Series);
        let mut metric = false;
        c.expr.visit_metrics(&mut |_| metric = true);
        if series || metric || c.expr.reads_inventory() {
            cx.err(
                Code::ExpressionType,
                *fi,
                src.span(),
                msg!(
                    "`current`에는 연도별 수치가 아닌 답만 쓸 수 있습니다(산식, `ghg.` 합계, 다른 연도별 질문은 쓸 수 없음)",
                    "`current` reads only answers that are not series (no metrics, `ghg.` totals or series questions)"
                ),
            );
            continue;
        }
        if let Some(last) = currents.last_mut() {
            *last = Some(c);
        }
    }

    // Indicators.
    let mut indicators: Vec<(usize, usize, Indicator)> = Vec::new();
    let mut indicator_ids: HashSet<String> = HashSet::new();
    for (fi, (_, file)) in files.iter().enumerate() {
        for raw in &file.indicator {
            let iid = raw.id.get_ref().clone();
            if !indicator_ids.insert(iid.to_ascii_lowercase()) {
                cx.err(
                    Code::DuplicateId,
                    fi,
                    raw.id.span(),
                    msg!(
                        "`{iid}` 지표가 두 번 정의되어 있습니다",
                        "indicator `{iid}` is defined twice"
                    ),
                );
                continue;
            }
            if let Some(ind) = indicator(&mut cx, fi, raw, &scope, &area_ids) {
                let order = indicators.len();
                indicators.push((ind.area, order, ind));
            }
        }
    }
    indicators.sort_by_key(|(area, order, _)| (*area, *order));
    let indicators: Vec<Indicator> = indicators.into_iter().map(|(_, _, i)| i).collect();
    for (i, ind) in indicators.iter().enumerate() {
        areas[ind.area].indicators.push(i);
    }

    // What "compared with the industry" questions compare (`compare`).
    let compares: Vec<_> = (0..questions.len())
        .map(|i| question::compare(&mut cx, raw_questions[i].0, i, raw_questions[i].1, &scope))
        .collect();

    for (((q, c), current), compare) in questions
        .iter_mut()
        .zip(ask_ifs)
        .zip(currents)
        .zip(compares)
    {
        q.ask_if = c;
        q.current = current;
        q.compare = compare;
    }

    let (has_errors, mut diags) = cx.finish();
    diags.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    if has_errors {
        return (None, diags);
    }
    let guideline = Guideline {
        id,
        version: header.version.clone(),
        languages: langs,
        title,
        description,
        origin: origin.to_owned(),
        areas,
        grades,
        questions,
        indicators,
        metrics,
        factor_tables,
        families,
        country: extra.country,
        emission_sources: extra.sources,
        ghg_intensity: extra.intensity,
        ghg_stated: extra.stated,
        ghg_sector: extra.sector,
        ghg_size_band: extra.size_band,
        checks: extra.checks,
        invalidates,
        question_index: question_ids,
        question_order,
        metric_order,
        uses: std::sync::OnceLock::new(),
    };
    (Some(guideline), diags)
}

/// Orders `n` nodes so each comes after what it depends on; `Err` holds a cycle.
fn order(n: usize, deps: impl Fn(usize) -> Vec<usize>) -> Result<Vec<usize>, Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    fn visit(
        i: usize,
        deps: &dyn Fn(usize) -> Vec<usize>,
        marks: &mut [Mark],
        stack: &mut Vec<usize>,
        out: &mut Vec<usize>,
    ) -> Result<(), Vec<usize>> {
        match marks[i] {
            Mark::Done => return Ok(()),
            Mark::Active => {
                let from = stack.iter().position(|&s| s == i).unwrap_or(0);
                let mut cycle = stack[from..].to_vec();
                cycle.push(i);
                return Err(cycle);
            }
            Mark::New => {}
        }
        marks[i] = Mark::Active;
        stack.push(i);
        for d in deps(i) {
            visit(d, deps, marks, stack, out)?;
        }
        stack.pop();
        marks[i] = Mark::Done;
        out.push(i);
        Ok(())
    }
    let mut marks = vec![Mark::New; n];
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        visit(i, &deps, &mut marks, &mut Vec::new(), &mut out)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::string_offsets;

    /// The text of `raw` (a TOML string as written) that the offsets of `value[range]` cover.
    fn marked<'a>(raw: &'a str, value: &str, range: std::ops::Range<usize>) -> Option<&'a str> {
        let o = string_offsets(raw, value)?;
        raw.get(o[range.start]..o[range.end])
    }

    #[test]
    fn offsets_follow_every_kind_of_toml_string() {
        assert_eq!(marked("\"a + bb\"", "a + bb", 4..6), Some("bb"));
        assert_eq!(marked("'a + bb'", "a + bb", 4..6), Some("bb"));
        // The newline after the opening quotes is not part of the value.
        assert_eq!(
            marked("\"\"\"\nx +\n  yy\n\"\"\"", "x +\n  yy\n", 6..8),
            Some("yy")
        );
        assert_eq!(marked("'''\r\nx + yy'''", "x + yy", 4..6), Some("yy"));
        // Escapes and a line-ending backslash.
        assert_eq!(
            marked(r#""c == \"x\" and zz""#, "c == \"x\" and zz", 13..15),
            Some("zz")
        );
        assert_eq!(
            marked("\"\"\"a + \\\n    zz\"\"\"", "a + zz", 4..6),
            Some("zz")
        );
        assert_eq!(marked(r#""\u00e9 + zz""#, "é + zz", 5..7), Some("zz"));
        // A value the text does not decode to: no offsets.
        assert_eq!(string_offsets("\"ab\"", "abc"), None);
    }
}
