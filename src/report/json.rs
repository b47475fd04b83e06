//! The scorecard as JSON: the model, with the guideline's words and each finding's message in the
//! language asked for beside its code and parameters. Every key is always present, `null` when
//! there is no value; the shape is published as a JSON Schema (`esg schema scorecard`) and
//! versioned by `format_version`.

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use super::sections::{
    AreaLine, Figure, Gaps, Ghg, Headline, IndicatorLine, LeftOut, Report, WarningLine, Writer,
};
use crate::guideline::Effort;
use crate::scorecard::{
    AnswerShown, AreaResult, Chosen, Completeness, FactorUsed, Finding, Gap, IndicatorResult,
    Inventory, LevelRef, MetricValue, Missing, SourceMissing, SourceResult, Status, Unanswered,
    Warning,
};
use crate::text::{Lang, Text};

/// A scorecard as JSON.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    title = "esg scorecard",
    description = "The result of `esg score --format json`"
)]
pub struct ScorecardJson {
    /// Raised when a field changes meaning or goes away.
    pub format_version: u32,
    /// The language of the titles, as a language tag: the one asked for where the guideline has it,
    /// else the guideline's first; messages are in Korean for `ko` and in English otherwise.
    pub lang: Lang,
    pub guideline: GuidelineJson,
    pub firm: FirmJson,
    /// The answers file, as named on the command line.
    pub file: String,
    pub unanswered_policy: Unanswered,
    /// 0 to 100; null when no area is applicable.
    pub total: Option<f64>,
    pub grade: Option<GradeJson>,
    pub completeness: Completeness,
    pub areas: Vec<AreaJson>,
    /// Largest gain first; ties in guideline order.
    pub gaps: Vec<GapJson>,
    pub indicators: Vec<IndicatorJson>,
    /// The guideline's metrics (key figures), with their units.
    pub metrics: Vec<MetricJson>,
    /// The GHG inventory; null when the guideline defines no emission sources.
    pub ghg: Option<InventoryJson>,
    pub warnings: Vec<WarningJson>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct GuidelineJson {
    pub id: String,
    pub version: String,
    pub title: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FirmJson {
    pub name: String,
    pub business_number: Option<String>,
    pub reporting_year: Option<i64>,
    pub contact: Option<String>,
    pub assessed_on: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct GradeJson {
    pub id: String,
    pub title: String,
    /// The lowest total of the grade.
    pub min: f64,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AreaJson {
    pub id: String,
    pub title: String,
    pub weight: f64,
    pub status: Status,
    /// 0 to 100; null when the area is not applicable.
    pub score: Option<f64>,
    pub completeness: Completeness,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct LevelJson {
    /// 1-based position, worst first.
    pub number: usize,
    pub of: usize,
    pub points: f64,
    pub text: String,
}

/// A finding, a reason or a warning: its code, its message, and its parameters (ids, the
/// formula's parts, the values read), which depend on the code.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FindingJson {
    /// kebab-case.
    pub code: String,
    pub message: String,
    pub params: Value,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AnswerJson {
    pub question: String,
    pub prompt: String,
    /// Where the datapoint is defined elsewhere (a framework's paragraph, a taxonomy element),
    /// by key, as the guideline writes it; empty when it names none.
    pub references: std::collections::BTreeMap<String, String>,
    /// The answer as a person reads it; null when unanswered or not applicable.
    pub answer: Option<String>,
    /// The answer as data: a boolean, an option id, a list of option ids, a number, text, or an
    /// object of figures by year; null when unanswered or not applicable. A figure given in
    /// another unit is converted to the question's first unit, as formulas see it.
    pub value: Value,
    /// The figure as written, when the answer names a unit other than the question's first:
    /// `{ "value": …, "unit": "GJ" }`; null otherwise.
    pub given: Option<Value>,
    /// The firm's reason, when it marked the question not applicable.
    pub not_applicable: Option<String>,
    pub evidence: Vec<String>,
    pub note: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct IndicatorJson {
    pub id: String,
    pub area: String,
    pub title: String,
    pub core: bool,
    pub weight: f64,
    pub status: Status,
    pub points: Option<f64>,
    pub max_points: f64,
    /// `points / max_points`, 0 to 1.
    pub score: Option<f64>,
    pub level: Option<LevelJson>,
    pub next_level: Option<LevelJson>,
    /// Points the total would rise by at the best level.
    pub gain: f64,
    /// How it scored, or why it is not applicable or unanswered.
    pub finding: FindingJson,
    pub answers: Vec<AnswerJson>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct GapJson {
    pub rank: usize,
    pub indicator: String,
    pub area: String,
    pub title: String,
    pub status: Status,
    pub gain: f64,
    pub level: Option<LevelJson>,
    pub next_level: Option<LevelJson>,
    pub recommendation: String,
    pub effort: Effort,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct MetricJson {
    pub id: String,
    pub title: String,
    pub unit: Option<String>,
    pub value: Option<f64>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SourceJson {
    pub id: String,
    pub title: String,
    /// 1 or 2.
    pub scope: u8,
    pub activity: f64,
    pub unit: String,
    /// tCO2e per unit of activity.
    pub factor: f64,
    pub tco2e: f64,
    /// Scope 2 by the market-based method; for scope 1 the same as `tco2e`.
    pub market_tco2e: f64,
    pub energy_mwh: Option<f64>,
    pub renewable_mwh: Option<f64>,
    /// Ids of the factor tables the factor comes from.
    pub tables: Vec<String>,
    pub basis: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SourceMissingJson {
    pub id: String,
    pub title: String,
    pub scope: u8,
    /// True when the firm gave no activity (the line counts as zero); false when the emissions
    /// cannot be computed (the totals are then null).
    pub not_reported: bool,
    pub reason: FindingJson,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FactorTableJson {
    pub table: String,
    pub family: Option<String>,
    pub title: String,
    /// Who published the factors, and where, in the language of `lang`.
    pub source: String,
    pub year: i32,
    pub country: Option<String>,
    pub unit: Option<String>,
    /// What the figures include, in the language of `lang`.
    pub basis: Option<String>,
    /// The GWP set behind CO2e figures, in the language of `lang`.
    pub gwp: Option<String>,
    pub chosen: Chosen,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct InventoryJson {
    /// The country whose factor tables were chosen.
    pub country: Option<String>,
    pub reporting_year: Option<i64>,
    pub sources: Vec<SourceJson>,
    pub missing: Vec<SourceMissingJson>,
    /// tCO2e; null when no source is reported or one cannot be computed.
    pub scope1: Option<f64>,
    pub scope2_location: Option<f64>,
    pub scope2_market: Option<f64>,
    pub total_location: Option<f64>,
    pub total_market: Option<f64>,
    pub energy_mwh: Option<f64>,
    pub renewable_mwh: Option<f64>,
    /// Renewable over total energy, 0 to 1.
    pub renewable_share: Option<f64>,
    pub intensity: Option<MetricJson>,
    pub factor_tables: Vec<FactorTableJson>,
    /// Where the firm's verified inventory comes from, when its scope 1 and 2 totals stand
    /// instead of those of the sources; null otherwise.
    pub stated_source: Option<String>,
}

/// A warning: its code (the lint rule of an answers file's warning), its message, where it is
/// (answers-file warnings) and which check raised it (plausibility checks).
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct WarningJson {
    pub code: String,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The id of the plausibility check.
    pub check: Option<String>,
    pub params: Value,
}

fn text(t: &Text, lang: Lang) -> String {
    t.show(lang).to_owned()
}

pub(super) fn level(l: &LevelRef, lang: Lang) -> LevelJson {
    LevelJson {
        number: l.number,
        of: l.of,
        points: l.points,
        text: text(&l.text, lang),
    }
}

pub(super) fn finding(f: &Finding, lang: Lang) -> FindingJson {
    FindingJson {
        code: f.code().to_owned(),
        message: f.message(lang),
        params: f.params(),
    }
}

fn missing(m: &Missing, lang: Lang) -> FindingJson {
    FindingJson {
        code: m.code().to_owned(),
        message: m.message(lang),
        params: m.params(),
    }
}

pub(super) fn warning(w: &Warning, lang: Lang) -> WarningJson {
    let (file, line, column) = match w {
        Warning::File(f) => (
            Some(f.file.clone()),
            Some(f.line).filter(|&l| l > 0),
            Some(f.column).filter(|&c| c > 0),
        ),
        _ => (None, None, None),
    };
    WarningJson {
        code: w.code().to_owned(),
        message: w.message(lang),
        file,
        line,
        column,
        check: match w {
            Warning::Check { id, .. } => Some(id.clone()),
            _ => None,
        },
        params: w.params(),
    }
}

pub(super) fn area(a: &AreaResult, lang: Lang) -> AreaJson {
    AreaJson {
        id: a.id.clone(),
        title: text(&a.title, lang),
        weight: a.weight,
        status: a.status,
        score: a.score,
        completeness: a.completeness,
    }
}

fn answer(a: &AnswerShown, lang: Lang) -> AnswerJson {
    AnswerJson {
        question: a.question.id.clone(),
        prompt: text(&a.question.prompt, lang),
        references: a.question.references.clone(),
        answer: a.value.as_ref().map(|v| v.words(lang)),
        value: a.value.as_ref().map_or(Value::Null, |v| v.json()),
        given: a.value.as_ref().and_then(|v| v.given_json(lang)),
        not_applicable: a.not_applicable.clone(),
        evidence: a.evidence.clone(),
        note: a.note.clone(),
    }
}

pub(super) fn indicator(i: &IndicatorResult, lang: Lang) -> IndicatorJson {
    IndicatorJson {
        id: i.id.clone(),
        area: i.area.clone(),
        title: text(&i.title, lang),
        core: i.core,
        weight: i.weight,
        status: i.status,
        points: i.points,
        max_points: i.max_points,
        score: i.score,
        level: i.level.as_ref().map(|l| level(l, lang)),
        next_level: i.next_level.as_ref().map(|l| level(l, lang)),
        gain: i.gain,
        finding: finding(&i.finding, lang),
        answers: i.answers.iter().map(|a| answer(a, lang)).collect(),
    }
}

pub(super) fn gap(g: &Gap, lang: Lang) -> GapJson {
    GapJson {
        rank: g.rank,
        indicator: g.indicator.clone(),
        area: g.area.clone(),
        title: text(&g.title, lang),
        status: g.status,
        gain: g.gain,
        level: g.level.as_ref().map(|l| level(l, lang)),
        next_level: g.next_level.as_ref().map(|l| level(l, lang)),
        recommendation: text(&g.recommendation, lang),
        effort: g.effort,
    }
}

pub(super) fn metric(m: &MetricValue, lang: Lang) -> MetricJson {
    MetricJson {
        id: m.id.clone(),
        title: text(&m.title, lang),
        unit: m.unit.as_ref().map(|u| text(u, lang)),
        value: m.value,
    }
}

fn source(s: &SourceResult, lang: Lang) -> SourceJson {
    SourceJson {
        id: s.id.clone(),
        title: text(&s.title, lang),
        scope: s.scope,
        activity: s.activity,
        unit: text(&s.unit, lang),
        factor: s.factor,
        tco2e: s.tco2e,
        market_tco2e: s.market_tco2e,
        energy_mwh: s.energy_mwh,
        renewable_mwh: s.renewable_mwh,
        tables: s.tables.clone(),
        basis: s.basis.as_ref().map(|b| text(b, lang)),
    }
}

fn source_missing(m: &SourceMissing, lang: Lang) -> SourceMissingJson {
    SourceMissingJson {
        id: m.id.clone(),
        title: text(&m.title, lang),
        scope: m.scope,
        not_reported: m.not_reported,
        reason: missing(&m.reason, lang),
    }
}

fn factor_table(f: &FactorUsed, lang: Lang) -> FactorTableJson {
    FactorTableJson {
        table: f.table.clone(),
        family: f.family.clone(),
        title: text(&f.title, lang),
        source: text(&f.source, lang),
        year: f.year,
        country: f.country.clone(),
        unit: f.unit.clone(),
        basis: f.basis.as_ref().map(|b| text(b, lang)),
        gwp: f.gwp.as_ref().map(|g| text(g, lang)),
        chosen: f.chosen,
    }
}

pub(super) fn inventory(inv: &Inventory, lang: Lang) -> InventoryJson {
    InventoryJson {
        country: inv.country.clone(),
        reporting_year: inv.reporting_year,
        sources: inv.sources.iter().map(|s| source(s, lang)).collect(),
        missing: inv
            .missing
            .iter()
            .map(|m| source_missing(m, lang))
            .collect(),
        scope1: inv.scope1,
        scope2_location: inv.scope2_location,
        scope2_market: inv.scope2_market,
        total_location: inv.total_location,
        total_market: inv.total_market,
        energy_mwh: inv.energy_mwh,
        renewable_mwh: inv.renewable_mwh,
        renewable_share: inv.renewable_share,
        intensity: inv.intensity.as_ref().map(|m| metric(m, lang)),
        factor_tables: inv
            .factor_tables
            .iter()
            .map(|f| factor_table(f, lang))
            .collect(),
        stated_source: inv.stated_source.clone(),
    }
}

/// Writes the sections as the scorecard's JSON: each section fills its part of the document.
pub struct Json<'w> {
    out: &'w mut dyn std::io::Write,
    doc: Option<ScorecardJson>,
}

impl<'w> Json<'w> {
    pub fn new(out: &'w mut dyn std::io::Write) -> Json<'w> {
        Json { out, doc: None }
    }

    fn doc(&mut self) -> &mut ScorecardJson {
        self.doc.as_mut().expect("the headline comes first")
    }
}

/// The scorecard's JSON document in `lang`, as `esg score --format json` writes it.
#[must_use]
pub fn document(card: &crate::scorecard::Scorecard, lang: Lang) -> ScorecardJson {
    let report = Report::new(card, lang, super::Style::default());
    let mut sink = std::io::sink();
    let mut w = Json::new(&mut sink);
    // Writing to a sink cannot fail.
    let _ = super::sections::write(&report, &mut w);
    w.doc.take().expect("the headline makes the document")
}

impl Writer for Json<'_> {
    fn headline(&mut self, r: &Report<'_>, _: &Headline) -> std::io::Result<()> {
        let (card, lang) = (r.card, r.lang);
        self.doc = Some(ScorecardJson {
            format_version: crate::scorecard::FORMAT_VERSION,
            lang,
            guideline: GuidelineJson {
                id: card.guideline.id.clone(),
                version: card.guideline.version.clone(),
                title: text(&card.guideline.title, lang),
            },
            firm: FirmJson {
                name: card.firm.name.clone(),
                business_number: card.firm.business_number.clone(),
                reporting_year: card.firm.reporting_year,
                contact: card.firm.contact.clone(),
                assessed_on: card.firm.assessed_on.clone(),
            },
            file: card.file.clone(),
            unanswered_policy: card.unanswered_policy,
            total: card.total,
            grade: card.grade.as_ref().map(|g| GradeJson {
                id: g.id.clone(),
                title: text(&g.title, lang),
                min: g.min,
            }),
            completeness: card.completeness,
            areas: Vec::new(),
            gaps: Vec::new(),
            indicators: Vec::new(),
            metrics: Vec::new(),
            ghg: None,
            warnings: Vec::new(),
        });
        Ok(())
    }

    fn areas(&mut self, r: &Report<'_>, areas: &[AreaLine<'_>]) -> std::io::Result<()> {
        self.doc().areas = areas.iter().map(|a| area(a.area, r.lang)).collect();
        Ok(())
    }

    fn figures(&mut self, r: &Report<'_>, figures: &[Figure<'_>]) -> std::io::Result<()> {
        self.doc().metrics = figures.iter().map(|f| metric(f.metric, r.lang)).collect();
        Ok(())
    }

    fn ghg(&mut self, r: &Report<'_>, ghg: &Ghg<'_>) -> std::io::Result<()> {
        self.doc().ghg = Some(inventory(ghg.inventory, r.lang));
        Ok(())
    }

    fn warnings(&mut self, r: &Report<'_>, warnings: &[WarningLine<'_>]) -> std::io::Result<()> {
        self.doc().warnings = warnings
            .iter()
            .map(|w| warning(w.warning, r.lang))
            .collect();
        Ok(())
    }

    fn gaps(&mut self, r: &Report<'_>, gaps: &Gaps<'_>) -> std::io::Result<()> {
        self.doc().gaps = gaps.all.iter().map(|g| gap(g.gap, r.lang)).collect();
        Ok(())
    }

    fn indicators(&mut self, r: &Report<'_>, lines: &[IndicatorLine<'_>]) -> std::io::Result<()> {
        self.doc().indicators = lines
            .iter()
            .map(|l| indicator(l.indicator, r.lang))
            .collect();
        Ok(())
    }

    fn left_out(&mut self, _: &Report<'_>, _: &[LeftOut<'_>]) -> std::io::Result<()> {
        // Each indicator's finding says why it is not applicable or unanswered.
        Ok(())
    }

    fn finish(&mut self, _: &Report<'_>) -> std::io::Result<()> {
        if let Some(doc) = &self.doc {
            serde_json::to_writer_pretty(&mut *self.out, doc)?;
            writeln!(self.out)?;
        }
        self.out.flush()
    }
}
