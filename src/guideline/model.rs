//! The guideline files as written: serde types, one per TOML table, before validation.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::text::Text;

/// One TOML file of a guideline package.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub guideline: Option<Spanned<RawHeader>>,
    #[serde(default)]
    pub area: Vec<RawArea>,
    #[serde(default)]
    pub grade: Vec<RawGrade>,
    #[serde(default)]
    pub question: Vec<RawQuestion>,
    #[serde(default)]
    pub indicator: Vec<RawIndicator>,
    #[serde(default)]
    pub metric: Vec<RawMetric>,
    #[serde(default)]
    pub factor_table: Vec<RawFactorTable>,
    pub factors: Option<Spanned<RawFactors>>,
    pub ghg: Option<Spanned<RawGhg>>,
    #[serde(default)]
    pub emission_source: Vec<RawEmissionSource>,
    #[serde(default)]
    pub check: Vec<RawCheck>,
}

/// `[factors]`: how factor families are chosen for a firm.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFactors {
    /// An expression giving the firm's country code (a string).
    pub country: Option<Spanned<String>>,
}

/// `[ghg]`: how the GHG inventory is reported.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGhg {
    /// The metric shown as the inventory's intensity.
    pub intensity: Option<Spanned<String>>,
}

/// `[[emission_source]]`: one line of the GHG inventory.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEmissionSource {
    pub id: Spanned<String>,
    pub title: Spanned<Text>,
    pub scope: Spanned<u8>,
    pub activity: Spanned<String>,
    pub unit: Spanned<Text>,
    pub factor: Spanned<String>,
    pub market_activity: Option<Spanned<String>>,
    pub market_factor: Option<Spanned<String>>,
    pub energy_mwh: Option<Spanned<String>>,
    pub renewable_mwh: Option<Spanned<String>>,
    pub basis: Option<Spanned<Text>>,
}

/// `[[check]]`: a plausibility check that warns when its condition holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCheck {
    pub id: Spanned<String>,
    pub warn_if: Spanned<String>,
    pub message: Spanned<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHeader {
    pub id: Spanned<String>,
    pub version: String,
    pub languages: Spanned<Vec<String>>,
    pub title: Spanned<Text>,
    pub description: Option<Spanned<Text>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArea {
    pub id: Spanned<String>,
    pub weight: Spanned<f64>,
    pub title: Spanned<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGrade {
    pub id: Spanned<String>,
    pub min: Spanned<f64>,
    pub title: Spanned<Text>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    YesNo,
    Choice,
    Multi,
    Number,
    Integer,
    Text,
    Series,
}

impl QuestionKind {
    /// The kind as written in files.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            QuestionKind::YesNo => "yes_no",
            QuestionKind::Choice => "choice",
            QuestionKind::Multi => "multi",
            QuestionKind::Number => "number",
            QuestionKind::Integer => "integer",
            QuestionKind::Text => "text",
            QuestionKind::Series => "series",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Spanned<String>,
    pub kind: Spanned<QuestionKind>,
    pub group: Option<Spanned<String>>,
    pub prompt: Spanned<Text>,
    pub help: Option<Spanned<Text>>,
    pub unit: Option<Spanned<Text>>,
    pub min: Option<Spanned<f64>>,
    pub max: Option<Spanned<f64>>,
    #[serde(default)]
    pub allow_na: bool,
    pub ask_if: Option<Spanned<String>>,
    pub years: Option<Spanned<u32>>,
    #[serde(default)]
    pub options: Vec<RawOption>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub id: Spanned<String>,
    pub text: Spanned<Text>,
    pub value: Option<f64>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effort {
    Low,
    Medium,
    High,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub id: Spanned<String>,
    pub area: Spanned<String>,
    pub weight: Option<Spanned<f64>>,
    #[serde(default)]
    pub core: bool,
    pub title: Spanned<Text>,
    pub description: Option<Spanned<Text>>,
    pub applies_if: Option<Spanned<String>>,
    pub allow_na: Option<bool>,
    pub effort: Effort,
    pub recommendation: Spanned<Text>,
    #[serde(default)]
    pub references: BTreeMap<String, String>,
    pub rule: Spanned<RawRule>,
    #[serde(default)]
    pub level: Vec<Spanned<RawLevel>>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    Choice,
    Checklist,
    YesNo,
    Bands,
    Trend,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Lower,
    Higher,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub kind: Spanned<RuleKind>,
    pub question: Option<Spanned<String>>,
    pub expr: Option<Spanned<String>>,
    pub items: Option<Vec<Spanned<String>>>,
    pub per: Option<Spanned<String>>,
    pub better: Option<Spanned<Better>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    pub points: Spanned<f64>,
    pub text: Spanned<Text>,
    pub options: Option<Vec<Spanned<String>>>,
    pub at_least: Option<Spanned<u32>>,
    pub answer: Option<Spanned<bool>>,
    pub min: Option<Spanned<f64>>,
    pub max: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMetric {
    pub id: Spanned<String>,
    pub title: Spanned<Text>,
    pub unit: Option<Spanned<Text>>,
    pub formula: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFactorTable {
    pub id: Spanned<String>,
    pub title: Spanned<Text>,
    pub source: Option<Spanned<String>>,
    pub year: Option<Spanned<i32>>,
    pub unit: Option<String>,
    pub basis: Option<String>,
    pub gwp: Option<String>,
    pub family: Option<Spanned<String>>,
    pub country: Option<Spanned<String>>,
    #[serde(default)]
    pub override_only: bool,
    pub values: Spanned<BTreeMap<Spanned<String>, Spanned<f64>>>,
}
