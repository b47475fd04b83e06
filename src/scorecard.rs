//! The result of scoring: one model that every renderer formats. It holds data, never sentences:
//! the guideline's own words as [`Text`] in each of its languages, and each finding as a typed
//! value (a code and its parameters) that the renderers put into words in the language asked for
//! (`report::words`). Its JSON form (`report::json`) is versioned.

use serde::{Deserialize, Serialize};

use crate::answers::Firm;
use crate::expr::Total;
use crate::guideline::Effort;
use crate::text::{Lang, Text};

/// Version of the JSON form of [`Scorecard`]; raised when a field changes meaning or goes away.
pub const FORMAT_VERSION: u32 = 2;

/// How unanswered indicators count.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Default, clap::ValueEnum, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Unanswered {
    /// An unanswered indicator counts as 0 points.
    #[default]
    Zero,
    /// Unanswered indicators are left out of the sums.
    Exclude,
}

/// Whether an indicator or area has a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Scored,
    NotApplicable,
    Unanswered,
}

/// Scored over applicable, with the counts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Completeness {
    pub scored: usize,
    pub applicable: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
    /// `scored / applicable`; absent when nothing is applicable.
    pub ratio: Option<f64>,
}

/// The guideline scored against.
#[derive(Debug, Clone)]
pub struct GuidelineRef {
    pub id: String,
    pub version: String,
    pub title: Text,
    /// The languages the guideline is written in, first the one it falls back to.
    pub languages: Vec<crate::text::Tag>,
    /// Its grade bands, highest first: what a report prints beside the grade reached.
    pub grades: Vec<GradeRef>,
}

impl GuidelineRef {
    /// The language to write a report in: `lang` if the guideline has it, else its first language
    /// (as `Guideline::lang`).
    #[must_use]
    pub fn lang(&self, lang: Lang) -> Lang {
        lang.or_first_of(&self.languages)
    }
}

/// A grade band reached.
#[derive(Debug, Clone)]
pub struct GradeRef {
    pub id: String,
    pub title: Text,
    pub min: f64,
}

/// One area's result.
#[derive(Debug, Clone)]
pub struct AreaResult {
    pub id: String,
    pub title: Text,
    pub weight: f64,
    pub status: Status,
    /// 0 to 100; absent when the area is not applicable.
    pub score: Option<f64>,
    pub completeness: Completeness,
}

/// A level of an indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelRef {
    /// 1-based position, worst first.
    pub number: usize,
    pub of: usize,
    pub points: f64,
    pub text: Text,
}

/// A question, as findings name it: by its id for authors and tools, by its prompt for people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionRef {
    pub id: String,
    pub prompt: Text,
    /// Where the datapoint is defined elsewhere (the guideline's `references`), by key.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub references: std::collections::BTreeMap<String, String>,
}

/// An option of a choice or multi question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionRef {
    pub id: String,
    pub text: Text,
}

/// An answer as the firm gave it, with what a person needs to read it (option texts, units).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Shown {
    YesNo {
        answer: bool,
    },
    Choice {
        option: OptionRef,
    },
    Multi {
        options: Vec<OptionRef>,
    },
    Number {
        value: f64,
        unit: Option<Text>,
    },
    Text {
        text: String,
    },
    /// Figures by year, sorted by year.
    Series {
        values: Vec<(i32, f64)>,
        unit: Option<Text>,
    },
    /// A table's rows: each cell shown as an answer of its column's kind would be.
    Table {
        /// Each column's id and prompt.
        columns: Vec<QuestionRef>,
        rows: Vec<Vec<Shown>>,
    },
    /// A figure given in another unit than the question's first: as written (a number or series
    /// in that unit), and converted (in the first unit, as formulas see it).
    Converted {
        given: Box<Shown>,
        value: Box<Shown>,
    },
}

/// What the firm answered to one question an indicator reads.
#[derive(Debug, Clone)]
pub struct AnswerShown {
    pub question: QuestionRef,
    /// Absent when unanswered or not applicable.
    pub value: Option<Shown>,
    /// The firm's reason, when it marked the question not applicable.
    pub not_applicable: Option<String>,
    pub evidence: Vec<String>,
    pub note: Option<String>,
}

/// The divisor of a division by zero, named as a person knows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Divisor {
    Question(QuestionRef),
    Metric {
        id: String,
        title: Text,
    },
    Inventory(Total),
    /// A divisor with no name of its own (a sum, a number written in the formula).
    Unnamed,
}

/// Why a value (an indicator's level, an emission source, a metric) cannot be known.
#[derive(Debug, Clone, PartialEq)]
pub enum Missing {
    /// A question it reads has no answer.
    Unanswered {
        question: QuestionRef,
    },
    /// A series question it reads has no figure for the reporting year.
    NoValueForYear {
        question: QuestionRef,
        year: i64,
    },
    /// The firm marked a question it reads as not applicable, with its reason.
    MarkedNotApplicable {
        question: QuestionRef,
        reason: String,
    },
    /// A question it reads is not asked of this firm: its ask-condition is false.
    NotAsked {
        question: QuestionRef,
        /// The ask-condition, as the guideline writes it.
        condition: String,
        /// The guideline's words for owners (`ask_if_reason`), if it gives them.
        reason: Option<Text>,
    },
    /// A question it reads has an answer that contradicts other answers: a consistency check of
    /// the guideline that invalidates it holds.
    Invalid {
        question: QuestionRef,
        /// The check's id.
        check: String,
        /// The check's message.
        message: Text,
    },
    /// A series question has fewer years than the calculation needs.
    TooFewYears {
        question: QuestionRef,
    },
    /// A series question averages 0, so it has no trend.
    NoTrend {
        question: QuestionRef,
    },
    /// No table of a factor family fits the firm's country and reporting year.
    NoFactor {
        family: String,
    },
    /// The calculation needs the reporting year, and the answers name none.
    NoReportingYear,
    DivisionByZero {
        divisor: Divisor,
    },
    /// A result too large for a number.
    Overflow,
    /// A fault of the tool, not of the answers.
    Internal,
}

/// How an indicator's scoring rule placed the firm at its level.
#[derive(Debug, Clone, PartialEq)]
pub enum How {
    /// The option chosen.
    Choice {
        question: QuestionRef,
        option: OptionRef,
    },
    /// A yes or a no.
    YesNo { question: QuestionRef, answer: bool },
    /// How many elements of a checklist are met.
    Checklist {
        question: QuestionRef,
        met: usize,
        of: usize,
    },
    /// The band a value falls in.
    Bands {
        /// The expression, as the guideline writes it.
        expression: String,
        value: f64,
        /// The unit of the value, when the expression is a single metric that has one.
        unit: Option<Text>,
    },
    /// The yearly change of a series.
    Trend {
        question: QuestionRef,
        /// The series it is divided by, year by year (revenue, for an intensity).
        per: Option<QuestionRef>,
        /// The improvement in % a year: positive is better, whichever way is better.
        improvement: f64,
        /// The years used, first to last.
        first_year: i32,
        last_year: i32,
        years: usize,
    },
}

/// The outcome of one indicator: how it scored, or why it has no level.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// Scored at `level` (also in [`IndicatorResult::level`]).
    Scored {
        how: How,
        level: LevelRef,
        max_points: f64,
    },
    /// Not applicable: the indicator's applicability condition is false for this firm.
    DoesNotApply {
        /// The condition, as the guideline writes it.
        condition: String,
        /// The guideline's words for owners (`applies_if_reason`), if it gives them.
        reason: Option<Text>,
    },
    /// Unanswered: the firm marked a question not applicable, which the indicator does not allow.
    NeedsAnswer {
        question: QuestionRef,
        reason: String,
    },
    /// Not applicable or unanswered (by [`IndicatorResult::status`]) for want of a value.
    Missing(Missing),
}

/// One indicator's result.
#[derive(Debug, Clone)]
pub struct IndicatorResult {
    pub id: String,
    pub area: String,
    pub title: Text,
    pub core: bool,
    pub weight: f64,
    pub status: Status,
    pub points: Option<f64>,
    pub max_points: f64,
    /// `points / max_points`, 0 to 1.
    pub score: Option<f64>,
    pub level: Option<LevelRef>,
    pub next_level: Option<LevelRef>,
    /// Points the total would rise by at the best level.
    pub gain: f64,
    /// How it scored, or why it is not applicable or unanswered.
    pub finding: Finding,
    pub answers: Vec<AnswerShown>,
}

/// A gap: an indicator below its best level, with what to do next.
#[derive(Debug, Clone)]
pub struct Gap {
    pub rank: usize,
    pub indicator: String,
    pub area: String,
    pub title: Text,
    pub status: Status,
    pub gain: f64,
    pub level: Option<LevelRef>,
    pub next_level: Option<LevelRef>,
    pub recommendation: Text,
    pub effort: Effort,
}

/// A metric's value.
#[derive(Debug, Clone)]
pub struct MetricValue {
    pub id: String,
    pub title: Text,
    pub unit: Option<Text>,
    pub value: Option<f64>,
}

/// A warning of reading the answers file, with its position (as the diagnostic gives it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileWarning {
    /// The rule code, as `esg lint` prints it (`future-year`, `version-mismatch`).
    pub code: String,
    pub file: String,
    /// 1-based; 0 when the warning concerns the whole file.
    pub line: usize,
    pub column: usize,
    pub message: Text,
    pub help: Option<Text>,
}

/// A value a plausibility check read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Read {
    /// `question` or `metric`.
    pub kind: ReadKind,
    pub id: String,
    /// The question's prompt or the metric's title.
    pub title: Text,
    pub value: Shown,
}

/// What a plausibility check read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReadKind {
    Question,
    Metric,
}

/// Something worth a word that does not stop scoring.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Warning {
    /// A warning of reading the answers file.
    File(FileWarning),
    /// No factor table of a family is for the reporting year or earlier; the earliest is used.
    FactorTableLater {
        family: String,
        year: i64,
        table: String,
        table_title: Text,
        table_year: i32,
    },
    /// No factor table of a family fits the firm's country.
    NoFactorTable {
        family: String,
        country: Option<String>,
        /// The tables of the family, any of which the answers file may name.
        tables: Vec<String>,
    },
    /// A plausibility check of the guideline whose condition holds.
    Check {
        id: String,
        message: Text,
        read: Vec<Read>,
    },
}

/// The whole result of scoring one answers file.
#[derive(Debug, Clone)]
pub struct Scorecard {
    pub guideline: GuidelineRef,
    pub firm: Firm,
    pub file: String,
    pub unanswered_policy: Unanswered,
    /// 0 to 100; absent when no area is applicable.
    pub total: Option<f64>,
    pub grade: Option<GradeRef>,
    pub completeness: Completeness,
    pub areas: Vec<AreaResult>,
    /// Largest gain first; ties in guideline order.
    pub gaps: Vec<Gap>,
    pub indicators: Vec<IndicatorResult>,
    pub metrics: Vec<MetricValue>,
    /// The GHG inventory, when the guideline defines emission sources.
    pub ghg: Option<Inventory>,
    pub warnings: Vec<Warning>,
}

/// How a factor table came to be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Chosen {
    /// The guideline names the table itself.
    Named,
    /// The table of its family that fits the firm's country and reporting year.
    Matched,
    /// Named for its family in the answers file's `[factors]`.
    Override,
    /// Named by the firm's answer (the guideline's `[factors.tables]`), such as its heat supplier.
    Answer,
}

/// A factor table used in the inventory, with what it cites.
#[derive(Debug, Clone)]
pub struct FactorUsed {
    pub table: String,
    pub family: Option<String>,
    pub title: Text,
    /// The publication, as the guideline cites it, in each language.
    pub source: Text,
    pub year: i32,
    pub country: Option<String>,
    pub unit: Option<String>,
    /// What the figures include.
    pub basis: Option<Text>,
    /// The GWP set behind CO2e figures.
    pub gwp: Option<Text>,
    pub chosen: Chosen,
}

/// One line of the inventory: activity times factor.
#[derive(Debug, Clone)]
pub struct SourceResult {
    pub id: String,
    pub title: Text,
    /// 1 or 2.
    pub scope: u8,
    pub activity: f64,
    pub unit: Text,
    /// tCO2e per unit of activity.
    pub factor: f64,
    pub tco2e: f64,
    /// Scope 2 by the market-based method; for scope 1 the same as `tco2e`.
    pub market_tco2e: f64,
    pub energy_mwh: Option<f64>,
    pub renewable_mwh: Option<f64>,
    /// Ids of the factor tables the factor comes from.
    pub tables: Vec<String>,
    pub basis: Option<Text>,
}

/// A line of the inventory without a figure, and why.
#[derive(Debug, Clone)]
pub struct SourceMissing {
    pub id: String,
    pub title: Text,
    pub scope: u8,
    /// `true` when the firm gave no activity (the line counts as zero); `false` when the
    /// activity is known but the emissions cannot be computed (the totals are then unknown).
    pub not_reported: bool,
    pub reason: Missing,
}

/// The GHG inventory: scope 1 and 2 emissions by source, energy, and the factors used.
#[derive(Debug, Clone)]
pub struct Inventory {
    /// The country whose factor tables were chosen.
    pub country: Option<String>,
    pub reporting_year: Option<i64>,
    pub sources: Vec<SourceResult>,
    pub missing: Vec<SourceMissing>,
    /// tCO2e; absent when no source is reported or one cannot be computed.
    pub scope1: Option<f64>,
    pub scope2_location: Option<f64>,
    pub scope2_market: Option<f64>,
    /// Scope 1 + scope 2 location-based.
    pub total_location: Option<f64>,
    /// Scope 1 + scope 2 market-based.
    pub total_market: Option<f64>,
    pub energy_mwh: Option<f64>,
    pub renewable_mwh: Option<f64>,
    /// Renewable over total energy, 0 to 1.
    pub renewable_share: Option<f64>,
    /// The guideline's GHG intensity metric.
    pub intensity: Option<MetricValue>,
    pub factor_tables: Vec<FactorUsed>,
    /// Where the firm's inventory from elsewhere comes from, when its scope 1 and 2 totals stand
    /// instead of the sources' (empty when the firm named no source).
    pub stated_source: Option<String>,
}
