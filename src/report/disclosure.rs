//! The disclosure view of any guideline: its areas, each with the datapoints it asks for (every
//! question, disclosed-only ones included, and the figures computed from them), each datapoint
//! with the value as the firm gave it, the guideline's `references`, and, when there is no value,
//! why (not applicable with the firm's reason, not asked and why, unanswered, not computed). It is
//! what a framework without a score (a disclosure standard) hands to a reader: Markdown, HTML, a
//! terminal listing, and JSON keyed by datapoint id with its references, for mapping to a
//! framework's own template.
//!
//! Which area a datapoint sits in is worked out from the guideline alone: a question's `group`
//! when it names an area, else the area of the first indicator that reads it, else (a question only
//! the GHG inventory reads) the area of the first indicator that reads the inventory; a figure sits
//! in the last area, in guideline order, of the questions it reads. The rest is in a section of its
//! own.

use std::collections::BTreeMap;
use std::io::Write;

use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde::Serialize;
use serde_json::{Value, json};

use super::markdown::escape;
use crate::answers::{Answers, State};
use crate::guideline::Guideline;
use crate::score::Relevance;
use crate::scorecard::{Scorecard, Shown};
use crate::text::{Lang, Measure, Text, spelled, with_unit};

/// The version of the disclosure view's JSON.
pub const DISCLOSURES_VERSION: u32 = 1;

/// How a datapoint stands for the firm.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// A value given (a question) or computed (a figure).
    Given,
    /// Marked not applicable by the firm, with its reason.
    NotApplicable(String),
    /// Not asked: its ask-condition is false, or nothing that reads it can count; with the
    /// guideline's reason, if it gives one.
    NotAsked(Option<Text>),
    /// No answer yet.
    Unanswered,
    /// A figure that cannot be computed from the answers given.
    NotComputed,
}

impl Status {
    fn code(&self) -> &'static str {
        match self {
            Status::Given => "given",
            Status::NotApplicable(_) => "not_applicable",
            Status::NotAsked(_) => "not_asked",
            Status::Unanswered => "unanswered",
            Status::NotComputed => "not_computed",
        }
    }

    /// Why there is no value, in words; `None` when there is one.
    #[must_use]
    pub fn omission(&self, lang: Lang) -> Option<String> {
        match self {
            Status::Given => None,
            Status::NotApplicable(reason) => Some(crate::tr!(
                lang,
                "해당 없음: {}",
                "Not applicable: {}",
                reason.trim()
            )),
            Status::NotAsked(reason) => Some(
                match reason
                    .as_ref()
                    .map(|r| r.show(lang).trim())
                    .filter(|r| !r.is_empty())
                {
                    // The guideline's reason is a sentence of its own ("Does not apply: …").
                    Some(r) => r.to_owned(),
                    None => lang
                        .pick(
                            "묻지 않음: 이 회사에는 해당하지 않습니다.",
                            "Not asked: does not apply to this firm.",
                        )
                        .to_owned(),
                },
            ),
            Status::Unanswered => Some(lang.pick("답하지 않음", "Not answered").to_owned()),
            Status::NotComputed => Some(
                lang.pick(
                    "계산할 수 없음: 필요한 답이 빠져 있습니다",
                    "Not computed: an answer it needs is missing",
                )
                .to_owned(),
            ),
        }
    }
}

/// A question or a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Question,
    Figure,
}

/// One datapoint of the view.
#[derive(Debug, Clone)]
pub struct Datapoint {
    pub id: String,
    pub kind: Kind,
    /// The question's prompt, or the figure's title.
    pub title: Text,
    pub references: BTreeMap<String, String>,
    pub status: Status,
    /// A question's answer.
    pub answer: Option<Shown>,
    /// A figure's value, and its unit.
    pub figure: Option<f64>,
    pub unit: Option<Text>,
    pub evidence: Vec<String>,
    pub note: Option<String>,
}

impl Datapoint {
    /// The value as a person reads it, or `None`.
    #[must_use]
    pub fn value(&self, lang: Lang) -> Option<String> {
        if let Some(a) = &self.answer {
            return Some(a.words(lang));
        }
        self.figure.map(|v| {
            let unit = self
                .unit
                .as_ref()
                .map(|u| spelled(u.show(lang)).into_owned())
                .unwrap_or_default();
            with_unit(&Measure::of_unit(&unit).show(v), Some(&unit))
        })
    }

    /// The references as one line: "VSME B1 para 24(a) · XBRL BasisForPreparation".
    #[must_use]
    pub fn references_line(&self) -> String {
        self.references
            .iter()
            .map(|(k, v)| format!("{} {v}", super::reference_name(k)))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// A section of the view: an area of the guideline, the firm profile, or the rest.
#[derive(Debug, Clone)]
pub struct Section {
    /// The area's id; `None` for the profile and for the rest.
    pub id: Option<String>,
    pub title: Text,
    pub items: Vec<Datapoint>,
}

impl Section {
    /// Its heading: the area's id and title ("B3 Energy and greenhouse gas emissions").
    #[must_use]
    pub fn heading(&self, lang: Lang) -> String {
        match &self.id {
            Some(id) => format!("{id} {}", self.title.show(lang)),
            None => self.title.show(lang).to_owned(),
        }
    }

    /// How many of its datapoints have a value, and how many have none for a reason (not
    /// applicable or not asked).
    #[must_use]
    pub fn counts(&self) -> (usize, usize) {
        let given = self
            .items
            .iter()
            .filter(|d| d.status == Status::Given)
            .count();
        let omitted = self
            .items
            .iter()
            .filter(|d| matches!(d.status, Status::NotApplicable(_) | Status::NotAsked(_)))
            .count();
        (given, omitted)
    }
}

/// The disclosure view of one firm against one guideline.
#[derive(Debug, Clone)]
pub struct Disclosures<'a> {
    pub card: &'a Scorecard,
    pub sections: Vec<Section>,
}

/// A series as the guideline reads it: the years it spans, ending with the reporting year (a
/// framework that asks for the reporting year alone discloses that year, though the file holds
/// more for another guideline); any other answer as it is.
fn years_read(
    g: &Guideline,
    q: usize,
    v: &crate::answers::AnswerValue,
    year: Option<i64>,
) -> crate::answers::AnswerValue {
    use crate::answers::AnswerValue;
    let (AnswerValue::Series(values), Some(year), Some(used)) = (v, year, g.uses().series(q))
    else {
        return v.clone();
    };
    if used.span == 0 {
        return v.clone();
    }
    let first = year - i64::from(used.span) + 1;
    let kept: Vec<(i32, f64)> = values
        .iter()
        .filter(|(y, _)| (first..=year).contains(&i64::from(*y)))
        .copied()
        .collect();
    if kept.is_empty() {
        v.clone()
    } else {
        AnswerValue::Series(kept)
    }
}

/// The disclosure view of `answers` against `g`, with the figures of its scorecard `card`.
#[must_use]
pub fn disclosures<'a>(g: &Guideline, answers: &Answers, card: &'a Scorecard) -> Disclosures<'a> {
    let place = g.placement();
    let relevance = crate::score::relevant(g, answers);
    let profile_title = Text::both("회사 기본 정보", "Firm profile");
    let other_title = Text::both("그 밖의 데이터", "Other datapoints");
    let mut profile = Section {
        id: None,
        title: profile_title,
        items: Vec::new(),
    };
    let mut areas: Vec<Section> = g
        .areas
        .iter()
        .map(|a| Section {
            id: Some(a.id.clone()),
            title: a.title.clone(),
            items: Vec::new(),
        })
        .collect();
    let mut other = Section {
        id: None,
        title: other_title,
        items: Vec::new(),
    };
    for (q, question) in g.questions.iter().enumerate() {
        let entry = answers.entries.get(q).and_then(Option::as_ref);
        let (status, answer) = match (&relevance[q], entry.map(|e| &e.state)) {
            (Relevance::NotAsked { reason, .. }, _) => (Status::NotAsked(reason.clone()), None),
            (_, Some(State::Value(v))) => (
                Status::Given,
                Some(crate::score::shown(
                    question,
                    &years_read(g, q, v, answers.firm.reporting_year),
                )),
            ),
            (_, Some(State::NotApplicable(r))) => (Status::NotApplicable(r.clone()), None),
            (Relevance::NoUse { .. }, _) => (Status::NotAsked(None), None),
            _ => (Status::Unanswered, None),
        };
        let item = Datapoint {
            id: question.id.clone(),
            kind: Kind::Question,
            title: question.prompt.clone(),
            references: question.references.clone(),
            status,
            answer,
            figure: None,
            unit: question.unit.clone(),
            evidence: entry.map(|e| e.evidence.clone()).unwrap_or_default(),
            note: entry.and_then(|e| e.note.clone()),
        };
        match place.questions[q] {
            Some(a) => areas[a].items.push(item),
            None if question.group.as_deref() == Some("profile") => profile.items.push(item),
            None => other.items.push(item),
        }
    }
    for (m, metric) in g.metrics.iter().enumerate() {
        let value = card
            .metrics
            .iter()
            .find(|v| v.id == metric.id)
            .and_then(|v| v.value);
        let item = Datapoint {
            id: metric.id.clone(),
            kind: Kind::Figure,
            title: metric.title.clone(),
            references: metric.references.clone(),
            status: if value.is_some() {
                Status::Given
            } else {
                Status::NotComputed
            },
            answer: None,
            figure: value,
            unit: metric.unit.clone(),
            evidence: Vec::new(),
            note: None,
        };
        match place.metrics[m] {
            Some(a) => areas[a].items.push(item),
            None => other.items.push(item),
        }
    }
    let sections = std::iter::once(profile)
        .chain(areas)
        .chain(std::iter::once(other))
        .filter(|s| !s.items.is_empty())
        .collect();
    Disclosures { card, sections }
}

/// Words of the view, in one language.
fn title_line(d: &Disclosures<'_>, lang: Lang) -> String {
    let g = &d.card.guideline;
    let lang = g.lang(lang);
    crate::tr!(
        lang,
        "{} {} · 공시 항목",
        "{} {} · disclosures",
        g.title.show(lang),
        g.version
    )
}

fn count_line(s: &Section, lang: Lang) -> String {
    let (given, omitted) = s.counts();
    crate::tr!(
        lang,
        "데이터 {all}개 가운데 {given}개 공시, {omitted}개는 사유와 함께 뺌",
        "{given} of {all} datapoints disclosed, {omitted} left out with a reason",
        all = s.items.len(),
        given = given,
        omitted = omitted
    )
}

/// Writes the view in `format` and `lang`. CSV has no disclosure view.
pub fn render(
    format: super::Format,
    d: &Disclosures<'_>,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = d.card.guideline.lang(lang);
    match format {
        super::Format::Markdown => markdown(d, lang, out),
        super::Format::Html => {
            out.write_all(document(d, lang).into_string().as_bytes())?;
            out.flush()
        }
        super::Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &json_value(d, lang))?;
            writeln!(out)
        }
        super::Format::Table | super::Format::Csv => table(d, lang, out),
    }
}

fn table(d: &Disclosures<'_>, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    use crate::text::visible;
    writeln!(out, "{}", visible(&d.card.firm.name))?;
    writeln!(out, "{}", title_line(d, lang))?;
    for s in &d.sections {
        writeln!(out)?;
        writeln!(out, "{}", crate::text::visible(&s.heading(lang)))?;
        writeln!(out, "  {}", count_line(s, lang))?;
        for item in &s.items {
            let value = item
                .value(lang)
                .or_else(|| item.status.omission(lang))
                .unwrap_or_default();
            writeln!(out, "  - {}", item.title.show(lang))?;
            writeln!(out, "    {}", visible(&value))?;
            let refs = item.references_line();
            if !refs.is_empty() {
                writeln!(out, "    [{refs}]")?;
            }
        }
    }
    Ok(())
}

fn markdown(d: &Disclosures<'_>, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "# {}", escape(&d.card.firm.name))?;
    writeln!(out)?;
    writeln!(out, "{}", escape(&title_line(d, lang)))?;
    for s in &d.sections {
        writeln!(out)?;
        writeln!(out, "## {}", escape(&s.heading(lang)))?;
        writeln!(out)?;
        writeln!(out, "{}", escape(&count_line(s, lang)))?;
        writeln!(out)?;
        writeln!(
            out,
            "| {} | {} | {} |",
            lang.pick("데이터", "Datapoint"),
            lang.pick("값 또는 빠진 이유", "Value, or why there is none"),
            lang.pick("참조", "References")
        )?;
        writeln!(out, "|---|---|---|")?;
        for item in &s.items {
            let value = match item.value(lang) {
                Some(v) => escape(&v),
                None => format!(
                    "*{}*",
                    escape(&item.status.omission(lang).unwrap_or_default())
                ),
            };
            writeln!(
                out,
                "| {} | {} | {} |",
                escape(item.title.show(lang)),
                value,
                escape(&item.references_line())
            )?;
        }
    }
    out.flush()
}

/// The whole HTML page: the report's stylesheet, one table per section.
#[must_use]
pub fn document(d: &Disclosures<'_>, lang: Lang) -> Markup {
    let title = format!("{} · {}", d.card.firm.name, title_line(d, lang));
    html! {
        (DOCTYPE)
        html lang=(lang.code()) data-esg-footer=(crate::text::visible(&d.card.firm.name)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light";
                title { (title) }
                style { (PreEscaped(super::html::STYLESHEET)) }
            }
            body {
                article class="esg-report" {
                    header class="cover" {
                        p class="kicker" { (title_line(d, lang)) }
                        h1 class="firm" { (d.card.firm.name) }
                    }
                    @for s in &d.sections {
                        section {
                            h2 { (s.heading(lang)) }
                            p class="muted" { (count_line(s, lang)) }
                            table class="data" {
                                thead {
                                    tr {
                                        th scope="col" { (lang.pick("데이터", "Datapoint")) }
                                        th scope="col" { (lang.pick("값 또는 빠진 이유", "Value, or why there is none")) }
                                        th scope="col" { (lang.pick("참조", "References")) }
                                    }
                                }
                                tbody {
                                    @for item in &s.items {
                                        tr {
                                            th scope="row" { (item.title.show(lang)) }
                                            @match item.value(lang) {
                                                Some(v) => td { (v) },
                                                None => td class="muted" { (item.status.omission(lang).unwrap_or_default()) },
                                            }
                                            td class="code" { (item.references_line()) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The view as JSON: the sections with the ids of their datapoints, and every datapoint keyed by
/// its id, with its references, its status, its value as data and as words, its unit and, when it
/// has no value, why.
#[must_use]
pub fn json_value(d: &Disclosures<'_>, lang: Lang) -> Value {
    let g = &d.card.guideline;
    let mut points = serde_json::Map::new();
    let mut sections = Vec::new();
    for s in &d.sections {
        sections.push(json!({
            "id": s.id,
            "title": s.title.show(lang),
            "datapoints": s.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>(),
        }));
        for item in &s.items {
            let value = match (&item.answer, item.figure) {
                (Some(a), _) => a.json(),
                (None, Some(v)) => json!(v),
                (None, None) => Value::Null,
            };
            let reason = match &item.status {
                Status::NotApplicable(r) => json!(r),
                Status::NotAsked(r) => json!(r.as_ref().map(|r| r.show(lang))),
                _ => Value::Null,
            };
            points.insert(
                item.id.clone(),
                json!({
                    "kind": item.kind,
                    "section": s.id,
                    "title": item.title.show(lang),
                    "references": item.references,
                    "status": item.status.code(),
                    "value": value,
                    "answer": item.value(lang),
                    "unit": item.unit.as_ref().map(|u| u.show(lang)),
                    "reason": reason,
                    "omission": item.status.omission(lang),
                    "evidence": item.evidence,
                    "note": item.note,
                }),
            );
        }
    }
    json!({
        "format_version": DISCLOSURES_VERSION,
        "view": "disclosures",
        "guideline": { "id": g.id, "version": g.version, "title": g.title.show(lang) },
        "firm": d.card.firm,
        "file": d.card.file,
        "sections": sections,
        "datapoints": points,
    })
}

/// Writes the views of several guidelines one after another, as `report::render_all` writes
/// several scorecards: a rule between Markdown reports, a blank line between terminal listings,
/// one HTML page each after the other's end, and a JSON array.
pub fn render_all(
    format: super::Format,
    views: &[Disclosures<'_>],
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if let [one] = views {
        return render(format, one, lang, out);
    }
    if format == super::Format::Json {
        let all: Vec<Value> = views
            .iter()
            .map(|d| json_value(d, d.card.guideline.lang(lang)))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &all)?;
        return writeln!(out);
    }
    for (i, d) in views.iter().enumerate() {
        if i > 0 {
            match format {
                super::Format::Markdown => out.write_all(b"\n---\n\n")?,
                _ => out.write_all(b"\n\n")?,
            }
        }
        render(format, d, lang, out)?;
    }
    out.flush()
}
