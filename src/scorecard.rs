//! The result of scoring: one model that every renderer formats. Its JSON form is versioned.

use serde::Serialize;

use crate::answers::Firm;
use crate::guideline::Effort;
use crate::text::Lang;

/// Version of the JSON form of [`Scorecard`]; raised when a field changes meaning or goes away.
pub const FORMAT_VERSION: u32 = 1;

/// How unanswered indicators count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Unanswered {
    /// An unanswered indicator counts as 0 points.
    #[default]
    Zero,
    /// Unanswered indicators are left out of the sums.
    Exclude,
}

/// Whether an indicator or area has a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Scored,
    NotApplicable,
    Unanswered,
}

/// Scored over applicable, with the counts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Completeness {
    pub scored: usize,
    pub applicable: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
    /// `scored / applicable`; absent when nothing is applicable.
    pub ratio: Option<f64>,
}

/// The guideline scored against.
#[derive(Debug, Clone, Serialize)]
pub struct GuidelineRef {
    pub id: String,
    pub version: String,
    pub title: String,
}

/// A grade band reached.
#[derive(Debug, Clone, Serialize)]
pub struct GradeRef {
    pub id: String,
    pub title: String,
    pub min: f64,
}

/// One area's result.
#[derive(Debug, Clone, Serialize)]
pub struct AreaResult {
    pub id: String,
    pub title: String,
    pub weight: f64,
    pub status: Status,
    /// 0 to 100; absent when the area is not applicable.
    pub score: Option<f64>,
    pub completeness: Completeness,
}

/// A level of an indicator.
#[derive(Debug, Clone, Serialize)]
pub struct LevelRef {
    /// 1-based position, worst first.
    pub number: usize,
    pub of: usize,
    pub points: f64,
    pub text: String,
}

/// What the firm answered to one question an indicator reads.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerShown {
    pub question: String,
    pub prompt: String,
    /// The answer as a person reads it; absent when unanswered.
    pub answer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One indicator's result.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorResult {
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
    pub level: Option<LevelRef>,
    pub next_level: Option<LevelRef>,
    /// Points the total would rise by at the best level.
    pub gain: f64,
    /// Which answers gave which points, or why the indicator is not applicable or unanswered.
    pub explanation: String,
    pub answers: Vec<AnswerShown>,
}

/// A gap: an indicator below its best level, with what to do next.
#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    pub rank: usize,
    pub indicator: String,
    pub area: String,
    pub title: String,
    pub status: Status,
    pub gain: f64,
    pub level: Option<LevelRef>,
    pub next_level: Option<LevelRef>,
    pub recommendation: String,
    pub effort: Effort,
}

/// A metric's value.
#[derive(Debug, Clone, Serialize)]
pub struct MetricValue {
    pub id: String,
    pub title: String,
    pub unit: Option<String>,
    pub value: Option<f64>,
}

/// The whole result of scoring one answers file.
#[derive(Debug, Clone, Serialize)]
pub struct Scorecard {
    pub format_version: u32,
    pub guideline: GuidelineRef,
    pub firm: Firm,
    pub file: String,
    pub lang: Lang,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ghg: Option<Inventory>,
    pub warnings: Vec<String>,
}

/// How a factor table came to be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Chosen {
    /// The guideline names the table itself.
    Named,
    /// The table of its family that fits the firm's country and reporting year.
    Matched,
    /// Named for its family in the answers file's `[factors]`.
    Override,
}

/// A factor table used in the inventory, with what it cites.
#[derive(Debug, Clone, Serialize)]
pub struct FactorUsed {
    pub table: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    pub title: String,
    pub source: String,
    pub year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gwp: Option<String>,
    pub chosen: Chosen,
}

/// One line of the inventory: activity times factor.
#[derive(Debug, Clone, Serialize)]
pub struct SourceResult {
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub energy_mwh: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renewable_mwh: Option<f64>,
    /// Ids of the factor tables the factor comes from.
    pub tables: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

/// A line of the inventory without a figure, and why.
#[derive(Debug, Clone, Serialize)]
pub struct SourceMissing {
    pub id: String,
    pub title: String,
    pub scope: u8,
    /// `true` when the firm gave no activity (the line counts as zero); `false` when the
    /// activity is known but the emissions cannot be computed (the totals are then unknown).
    pub not_reported: bool,
    pub reason: String,
}

/// The GHG inventory: scope 1 and 2 emissions by source, energy, and the factors used.
#[derive(Debug, Clone, Serialize)]
pub struct Inventory {
    /// The country whose factor tables were chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intensity: Option<MetricValue>,
    pub factor_tables: Vec<FactorUsed>,
}
