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
    pub warnings: Vec<String>,
}
