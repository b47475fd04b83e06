//! A portfolio as data, beside the scorecard: one row per answers file (its numbers, or why it
//! could not be scored) and the statistics of all rows. `batch` computes them; `report` renders
//! them. Titles are [`Text`] in each of the guideline's languages and warnings are typed values,
//! so that rows are the same whatever language the summary is written in.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::scorecard::Warning;
use crate::source::{Message, Severity};
use crate::text::Text;

/// Whether a row holds a score or an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RowStatus {
    Ok,
    Error,
}

/// One area's score in a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaScore {
    pub id: String,
    /// 0 to 100; absent when the area is not applicable.
    pub score: Option<f64>,
}

/// The gap that would raise the total most.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopGap {
    pub indicator: String,
    pub title: Text,
    pub gain: f64,
}

/// What a scored file gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    pub firm: String,
    /// 0 to 100; absent when no area is applicable.
    pub total: Option<f64>,
    pub grade: Option<String>,
    /// Share of the portfolio's firms with a lower total, 0 to 100; known once all are scored.
    pub percentile: Option<f64>,
    /// Scored over applicable indicators, 0 to 1.
    pub completeness: Option<f64>,
    pub areas: Vec<AreaScore>,
    pub top_gap: Option<TopGap>,
    /// GHG totals, when the guideline has an inventory and the firm reported to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ghg: Option<GhgRow>,
    /// Warnings of reading the file, choosing factor tables and plausibility checks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
    /// The firm's sector (KSIC section for `k-esg-sme`), for the emissions survey.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// The firm's size band (employees for `k-esg-sme`), for the emissions survey.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_band: Option<String>,
    /// The firm's figure of each "compared with the industry" question, by question index: read
    /// by a benchmark being built, never written (a firm's single value).
    #[serde(skip)]
    pub figures: Vec<(usize, f64)>,
}

/// A firm's GHG totals in a row: what an emissions survey over a portfolio needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GhgRow {
    pub scope1_tco2e: f64,
    pub scope2_location_tco2e: f64,
    pub scope2_market_tco2e: f64,
    /// In the unit of the guideline's intensity metric (tCO2e per KRW 100 million for `k-esg-sme`).
    pub intensity: Option<f64>,
    /// The scope totals are those of a verified inventory from elsewhere, not computed.
    #[serde(default)]
    pub verified: bool,
    /// Total energy use in MWh.
    #[serde(default)]
    pub energy_mwh: Option<f64>,
    /// Energy use per carrier of the guideline (`Guideline::carriers`, in its order), in MWh.
    #[serde(default)]
    pub energy_by_carrier: Vec<CarrierEnergy>,
}

/// A firm's energy use of one carrier (electricity, city gas, diesel ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CarrierEnergy {
    /// The carrier's id in the guideline (an emission source's `carrier`, or its id).
    pub carrier: String,
    pub mwh: f64,
}

/// Where and why a file could not be scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowError {
    /// 1-based; 0 when the problem concerns the whole file (it could not be read).
    pub line: usize,
    pub column: usize,
    /// The first problem, in plain words, in Korean and English.
    pub message: Message,
    /// How many problems the file has in all.
    pub count: usize,
}

/// One file of a portfolio: its score, or why it has none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub status: RowStatus,
    /// The file's path as found.
    pub file: String,
    #[serde(flatten)]
    pub scored: Option<Scored>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<RowError>,
    /// Where the firm's own report was written, with `-o DIR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
}

impl Row {
    /// An error row for `file`.
    #[must_use]
    pub fn failed(file: String, e: &Error) -> Row {
        let error = match e {
            Error::Read { reason, .. } => RowError {
                line: 0,
                column: 0,
                message: reason.clone(),
                count: 1,
            },
            Error::Invalid(diags) => {
                // The first error in file order, and how many there are in all, those beyond
                // the per-file cap (counted, not built) included.
                let problems = || diags.iter().filter(|d| d.omitted.is_none());
                let first = problems()
                    .find(|d| d.severity == Severity::Error)
                    .or_else(|| problems().next());
                RowError {
                    line: first.map_or(0, |d| d.line),
                    column: first.map_or(0, |d| d.column),
                    message: first.map_or_else(
                        || Message::by(|lang| e.message(lang)),
                        |d| d.message.clone(),
                    ),
                    count: crate::source::totals(diags).errors.max(1),
                }
            }
            other => RowError {
                line: 0,
                column: 0,
                message: Message::by(|lang| other.message(lang)),
                count: 1,
            },
        };
        Row {
            status: RowStatus::Error,
            file,
            scored: None,
            error: Some(error),
            report: None,
        }
    }
}

/// How a set of scores is spread.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Spread {
    /// How many firms have a score here.
    pub n: u64,
    pub mean: Option<f64>,
    pub min: Option<f64>,
    pub q1: Option<f64>,
    pub median: Option<f64>,
    pub q3: Option<f64>,
    pub max: Option<f64>,
}

/// How many firms reached a grade.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeCount {
    /// The grade id; empty for firms with no total.
    pub id: String,
    /// The grade's title; none for firms with no total.
    pub title: Option<Text>,
    pub count: u64,
}

/// An area's spread.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaSpread {
    pub id: String,
    pub title: Text,
    #[serde(flatten)]
    pub spread: Spread,
}

/// What a group of the emissions survey is formed by.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    Sector,
    SizeBand,
}

/// The firms of one sector or one size band: how they scored and what they emit, for a survey.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub by: GroupBy,
    /// The sector or the size band; empty for the firms without one.
    pub id: String,
    /// Scored firms in the group.
    pub firms: u64,
    /// The mean of their totals (firms with a total).
    pub total_mean: Option<f64>,
    /// Firms with GHG totals, over which the sums below run.
    pub with_inventory: u64,
    pub scope1_tco2e: f64,
    pub scope2_location_tco2e: f64,
    pub scope2_market_tco2e: f64,
    /// Energy use in MWh, over the firms with GHG totals whose energy is known.
    pub energy_mwh: f64,
    /// The mean GHG intensity of the firms that have one.
    pub intensity_mean: Option<f64>,
}

/// The statistics of a portfolio.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statistics {
    /// Files looked at.
    pub files: u64,
    /// Files scored.
    pub scored: u64,
    /// Files that could not be scored (error rows).
    pub failed: u64,
    /// Best grade first, then firms with no total.
    pub grades: Vec<GradeCount>,
    pub total: Spread,
    pub areas: Vec<AreaSpread>,
    /// The emissions survey by sector, then by size band.
    pub groups: Vec<Group>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_survive_a_round_trip_through_json() {
        let ok = Row {
            status: RowStatus::Ok,
            file: "a.toml".into(),
            scored: Some(Scored {
                firm: "가나다(주)".into(),
                total: Some(61.25),
                grade: Some("C".into()),
                percentile: None,
                completeness: Some(0.9),
                areas: vec![AreaScore {
                    id: "E".into(),
                    score: None,
                }],
                top_gap: None,
                ghg: Some(GhgRow {
                    scope1_tco2e: 1223.0,
                    scope2_location_tco2e: 605.1,
                    scope2_market_tco2e: 600.0,
                    intensity: None,
                    verified: true,
                    energy_mwh: Some(1234.5),
                    energy_by_carrier: vec![
                        CarrierEnergy {
                            carrier: "electricity".into(),
                            mwh: 1000.0,
                        },
                        CarrierEnergy {
                            carrier: "diesel".into(),
                            mwh: 234.5,
                        },
                    ],
                }),
                warnings: vec![Warning::NoFactorTable {
                    family: "grid".into(),
                    country: Some("FR".into()),
                    tables: vec!["kr_grid_2023".into()],
                }],
                sector: Some("C".into()),
                size_band: Some("10-49".into()),
                figures: Vec::new(),
            }),
            error: None,
            report: None,
        };
        let bad = Row::failed(
            "b.toml".into(),
            &Error::Read {
                path: "b.toml".into(),
                reason: crate::source::Message::new("권한이 없습니다", "permission denied"),
            },
        );
        for row in [ok, bad] {
            let json = serde_json::to_string(&row).unwrap();
            assert_eq!(serde_json::from_str::<Row>(&json).unwrap(), row, "{json}");
        }
    }
}
