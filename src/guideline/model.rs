//! The guideline files as written: serde types, one per TOML table, before validation.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::text::Text;

/// One TOML file of a guideline package.
#[derive(Debug, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    #[schemars(with = "Option<RawHeader>")]
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
    #[schemars(with = "Option<RawFactors>")]
    pub factors: Option<Spanned<RawFactors>>,
    #[schemars(with = "Option<RawGhg>")]
    pub ghg: Option<Spanned<RawGhg>>,
    #[serde(default)]
    pub emission_source: Vec<RawEmissionSource>,
    #[serde(default)]
    pub check: Vec<RawCheck>,
    /// `[[unit]]`: units questions may name in `units`, written once per package.
    #[serde(default)]
    pub unit: Vec<RawUnitDef>,
    /// `[[conversion]]`: factors between units, with their source, written once per package.
    #[serde(default)]
    pub conversion: Vec<RawConversion>,
    /// Taken from another package by its header's `include` (set when loading, never written).
    #[serde(skip)]
    #[schemars(skip)]
    pub included: bool,
}

/// `[[unit]]`: a unit a question may accept, named by its id.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawUnitDef {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The unit as people read it (default: its id, in every language).
    #[schemars(with = "Option<Text>")]
    pub text: Option<Spanned<Text>>,
}

/// `[[conversion]]`: one `from` is `factor` `to`, and where that factor comes from. It serves
/// both ways (the other way is `1 / factor`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawConversion {
    #[schemars(with = "String")]
    pub from: Spanned<String>,
    #[schemars(with = "String")]
    pub to: Spanned<String>,
    #[schemars(with = "f64")]
    pub factor: Spanned<f64>,
    #[schemars(with = "RawCitation")]
    pub source: Spanned<RawCitation>,
}

/// One unit a question accepts (`units = [{ id = "MWh" }, { id = "GJ", factor = 0.277778, … }]`).
/// The first is the one formulas see; each other converts to it by `factor`, from its `source`,
/// or by a package `[[conversion]]`. `text` defaults to the package's `[[unit]]`, then to the id.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawUnit {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "Option<Text>")]
    pub text: Option<Spanned<Text>>,
    /// How many of the first unit one of this unit is.
    #[schemars(with = "Option<f64>")]
    pub factor: Option<Spanned<f64>>,
    /// Where the factor comes from.
    #[schemars(with = "Option<RawCitation>")]
    pub source: Option<Spanned<RawCitation>>,
}

/// `[factors]`: how factor families are chosen for a firm.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFactors {
    /// An expression giving the firm's country code (a string).
    #[schemars(with = "Option<String>")]
    pub country: Option<Spanned<String>>,
    /// `[factors.tables]`: per family, an expression giving the id of the table to use (a string),
    /// such as an answer whose options are the family's tables.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub tables: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// `[ghg]`: how the GHG inventory is reported.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGhg {
    /// The metric shown as the inventory's intensity.
    #[schemars(with = "Option<String>")]
    pub intensity: Option<Spanned<String>>,
    /// `[ghg.stated]`: an inventory from elsewhere (a verified one), used instead of the sources.
    pub stated: Option<RawStated>,
    /// An expression giving the firm's sector (a string), for a portfolio's survey.
    #[schemars(with = "Option<String>")]
    pub sector: Option<Spanned<String>>,
    /// An expression giving the firm's size band (a string), for a portfolio's survey.
    #[schemars(with = "Option<String>")]
    pub size_band: Option<Spanned<String>>,
}

/// `[ghg.stated]`: the totals of an inventory the firm has from elsewhere, as expressions over
/// answers (tCO2e), with the expression that names where it comes from (a string).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawStated {
    #[schemars(with = "String")]
    pub scope1: Spanned<String>,
    #[schemars(with = "String")]
    pub scope2_location: Spanned<String>,
    /// Defaults to the location-based figure.
    #[schemars(with = "Option<String>")]
    pub scope2_market: Option<Spanned<String>>,
    #[schemars(with = "String")]
    pub source: Spanned<String>,
}

/// `[[emission_source]]`: one line of the GHG inventory.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEmissionSource {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "Text")]
    pub title: Spanned<Text>,
    #[schemars(with = "u8")]
    pub scope: Spanned<u8>,
    #[schemars(with = "String")]
    pub activity: Spanned<String>,
    #[schemars(with = "Text")]
    pub unit: Spanned<Text>,
    #[schemars(with = "String")]
    pub factor: Spanned<String>,
    #[schemars(with = "Option<String>")]
    pub market_activity: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub market_factor: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub energy_mwh: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub renewable_mwh: Option<Spanned<String>>,
    #[schemars(with = "Option<Text>")]
    pub basis: Option<Spanned<Text>>,
    /// The energy carrier it counts under in a portfolio's survey columns (default: its id).
    #[schemars(with = "Option<String>")]
    pub carrier: Option<Spanned<String>>,
}

/// `[[check]]`: a plausibility check that warns when its condition holds.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCheck {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "String")]
    pub warn_if: Spanned<String>,
    #[schemars(with = "Text")]
    pub message: Spanned<Text>,
    /// Questions whose answers cannot be trusted when the check holds: they count as unanswered
    /// (with the check's message as the reason), so no score rests on them. The condition then
    /// reads answers and factors only.
    #[schemars(with = "Option<Vec<String>>")]
    pub invalidates: Option<Vec<Spanned<String>>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHeader {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub version: String,
    /// The languages of the guideline's text, in fallback order: language tags (ko, en, de, pt-BR).
    #[schemars(with = "Vec<crate::text::Tag>")]
    pub languages: Spanned<Vec<String>>,
    #[schemars(with = "Text")]
    pub title: Spanned<Text>,
    #[schemars(with = "Option<Text>")]
    pub description: Option<Spanned<Text>>,
    /// The package declares itself complete for owners: every text they read is written, so
    /// `esg lint` requires a reason beside every `applies_if` and `ask_if` (`missing-reason`).
    #[serde(default)]
    pub complete: bool,
    /// Files of another package taken into this one, as paths relative to this package's
    /// directory (`"../other/ghg.toml"`); for a built-in, within the built-ins.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub include: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawArea {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "f64")]
    pub weight: Spanned<f64>,
    #[schemars(with = "Text")]
    pub title: Spanned<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGrade {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "f64")]
    pub min: Spanned<f64>,
    #[schemars(with = "Text")]
    pub title: Spanned<Text>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    YesNo,
    Choice,
    Multi,
    Number,
    Integer,
    Text,
    Series,
    /// Rows of cells, one per `[[question.column]]`.
    Table,
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
            QuestionKind::Table => "table",
        }
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "QuestionKind")]
    pub kind: Spanned<QuestionKind>,
    #[schemars(with = "Option<String>")]
    pub group: Option<Spanned<String>>,
    #[schemars(with = "Text")]
    pub prompt: Spanned<Text>,
    #[schemars(with = "Option<Text>")]
    pub help: Option<Spanned<Text>>,
    #[schemars(with = "Option<Text>")]
    pub unit: Option<Spanned<Text>>,
    /// The units an answer may be given in, the first being the one formulas see (instead of
    /// `unit`).
    #[schemars(with = "Option<Vec<RawUnit>>")]
    pub units: Option<Spanned<Vec<RawUnit>>>,
    #[schemars(with = "Option<f64>")]
    pub min: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub max: Option<Spanned<f64>>,
    #[serde(default)]
    pub allow_na: bool,
    /// A datapoint disclosed as given and scored by nothing: asked, shown, never `unused-question`.
    #[serde(default)]
    pub disclosed_only: bool,
    #[schemars(with = "Option<String>")]
    pub ask_if: Option<Spanned<String>>,
    /// Why the question is not asked when `ask_if` is false, in words an owner reads.
    #[schemars(with = "Option<Text>")]
    pub ask_if_reason: Option<Spanned<Text>>,
    #[schemars(with = "Option<u32>")]
    pub years: Option<Spanned<u32>>,
    /// Series only: the reporting year's value, an expression over answers that are not series
    /// (a figure the profile asks already). That year is not asked, and a series answered
    /// without it is read with this value for it.
    #[schemars(with = "Option<String>")]
    pub current: Option<Spanned<String>>,
    #[serde(default)]
    pub options: Vec<RawOption>,
    /// Table only: its columns, in display order.
    #[serde(default)]
    pub column: Vec<RawColumn>,
    /// Where the datapoint is defined elsewhere, by free keys: a framework's paragraph, a
    /// taxonomy element (`{ vsme = "B3 para 29(a)", xbrl = "TotalEnergyConsumption" }`).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub references: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Choice only: the question compares a figure of the firm with its industry, so that a
    /// benchmark holding the firm's sector can answer it (`esg score --benchmark`).
    #[schemars(with = "Option<RawCompare>")]
    pub compare: Option<Spanned<RawCompare>>,
}

/// `compare = { figure = "…", better = "lower" }`: the figure a "compared with the industry"
/// question compares, which way is better, and which options say worse, similar, better and
/// "don't know" (by default the options `worse`, `similar`, `better` and `unknown`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCompare {
    /// An expression giving the firm's figure (a number), such as last year's use per revenue.
    #[schemars(with = "String")]
    pub figure: Spanned<String>,
    #[schemars(with = "Better")]
    pub better: Spanned<Better>,
    /// The options for each comparison, where they are not named `worse`, `similar`, `better`
    /// and `unknown`.
    #[schemars(with = "Option<RawCompareOptions>")]
    pub options: Option<Spanned<RawCompareOptions>>,
}

/// The options of a compared question that say worse, similar, better and "don't know".
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCompareOptions {
    #[schemars(with = "Option<String>")]
    pub worse: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub similar: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub better: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub unknown: Option<Spanned<String>>,
}

/// `[[question.column]]`: one column of a table question.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawColumn {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// One of yes_no, choice, number, integer, text.
    #[schemars(with = "QuestionKind")]
    pub kind: Spanned<QuestionKind>,
    #[schemars(with = "Text")]
    pub prompt: Spanned<Text>,
    #[schemars(with = "Option<Text>")]
    pub help: Option<Spanned<Text>>,
    #[schemars(with = "Option<Text>")]
    pub unit: Option<Spanned<Text>>,
    #[schemars(with = "Option<f64>")]
    pub min: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub max: Option<Spanned<f64>>,
    #[serde(default)]
    pub options: Vec<RawOption>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "Text")]
    pub text: Spanned<Text>,
    #[schemars(with = "Option<f64>")]
    pub value: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, serde::Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Effort {
    Low,
    Medium,
    High,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "String")]
    pub area: Spanned<String>,
    #[schemars(with = "Option<f64>")]
    pub weight: Option<Spanned<f64>>,
    #[serde(default)]
    pub core: bool,
    #[schemars(with = "Text")]
    pub title: Spanned<Text>,
    #[schemars(with = "Option<Text>")]
    pub description: Option<Spanned<Text>>,
    #[schemars(with = "Option<String>")]
    pub applies_if: Option<Spanned<String>>,
    /// Why the indicator does not apply when `applies_if` is false, in words an owner reads.
    #[schemars(with = "Option<Text>")]
    pub applies_if_reason: Option<Spanned<Text>>,
    pub allow_na: Option<bool>,
    pub effort: Effort,
    #[schemars(with = "Option<Text>")]
    pub recommendation: Option<Spanned<Text>>,
    #[serde(default)]
    pub references: BTreeMap<String, String>,
    #[schemars(with = "RawRule")]
    pub rule: Spanned<RawRule>,
    #[serde(default)]
    #[schemars(with = "Vec<RawLevel>")]
    pub level: Vec<Spanned<RawLevel>>,
    /// Recommendations given on a condition over the answers, before any other: the first whose
    /// `when` holds is the gap's recommendation.
    #[serde(default)]
    pub advice: Vec<RawAdvice>,
}

/// `[[indicator.advice]]`: a recommendation for firms whose answers meet a condition.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAdvice {
    /// A condition over answers, metrics and inventory totals.
    #[schemars(with = "String")]
    pub when: Spanned<String>,
    #[schemars(with = "Text")]
    pub recommendation: Spanned<Text>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    Choice,
    Checklist,
    YesNo,
    Bands,
    Trend,
}

impl RuleKind {
    /// The kind as written in files.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            RuleKind::Choice => "choice",
            RuleKind::Checklist => "checklist",
            RuleKind::YesNo => "yes_no",
            RuleKind::Bands => "bands",
            RuleKind::Trend => "trend",
        }
    }
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, serde::Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Lower,
    Higher,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    #[schemars(with = "RuleKind")]
    pub kind: Spanned<RuleKind>,
    #[schemars(with = "Option<String>")]
    pub question: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub expr: Option<Spanned<String>>,
    #[schemars(with = "Option<Vec<String>>")]
    pub items: Option<Vec<Spanned<String>>>,
    #[schemars(with = "Option<String>")]
    pub per: Option<Spanned<String>>,
    #[schemars(with = "Option<Better>")]
    pub better: Option<Spanned<Better>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    #[schemars(with = "f64")]
    pub points: Spanned<f64>,
    #[schemars(with = "Text")]
    pub text: Spanned<Text>,
    #[schemars(with = "Option<Vec<String>>")]
    pub options: Option<Vec<Spanned<String>>>,
    #[schemars(with = "Option<u32>")]
    pub at_least: Option<Spanned<u32>>,
    #[schemars(with = "Option<bool>")]
    pub answer: Option<Spanned<bool>>,
    #[schemars(with = "Option<f64>")]
    pub min: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub max: Option<Spanned<f64>>,
    /// What a firm at this level should do next; replaces the indicator's recommendation for it.
    #[schemars(with = "Option<Text>")]
    pub recommendation: Option<Spanned<Text>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMetric {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "Text")]
    pub title: Spanned<Text>,
    #[schemars(with = "Option<Text>")]
    pub unit: Option<Spanned<Text>>,
    #[schemars(with = "String")]
    pub formula: Spanned<String>,
    /// Where the figure is defined elsewhere, by free keys, as for questions.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub references: BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFactorTable {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "Text")]
    pub title: Spanned<Text>,
    /// Who published the factors, and where.
    #[schemars(with = "Option<RawCitation>")]
    pub source: Option<Spanned<RawCitation>>,
    #[schemars(with = "Option<i32>")]
    pub year: Option<Spanned<i32>>,
    pub unit: Option<String>,
    /// What the figures include.
    #[schemars(with = "Option<RawCitation>")]
    pub basis: Option<Spanned<RawCitation>>,
    /// The GWP set behind CO2e figures.
    #[schemars(with = "Option<RawCitation>")]
    pub gwp: Option<Spanned<RawCitation>>,
    #[schemars(with = "Option<String>")]
    pub family: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub country: Option<Spanned<String>>,
    #[serde(default)]
    pub override_only: bool,
    #[schemars(with = "BTreeMap<String, f64>")]
    pub values: Spanned<BTreeMap<Spanned<String>, Spanned<f64>>>,
}

/// A factor table's `source`, `basis` or `gwp` as written: words in each language
/// (`{ ko = "…", en = "…" }`, checked like every other text), or one string that reads the same in
/// every language and is shown whatever the report's language (the form of earlier packages).
#[derive(Debug, Clone, PartialEq, Eq, JsonSchema)]
#[schemars(untagged)]
pub enum RawCitation {
    /// One string for every language.
    Plain(String),
    /// Words in each language the guideline declares.
    Text(Text),
}

impl<'de> Deserialize<'de> for RawCitation {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawCitation;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                // Said to authors as "a table such as { ko = "…", en = "…" }", the form to write.
                f.write_str("struct Text")
            }

            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<RawCitation, E> {
                Ok(RawCitation::Plain(s.to_owned()))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RawCitation, A::Error> {
                Text::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(RawCitation::Text)
            }
        }
        d.deserialize_any(Visitor)
    }
}
