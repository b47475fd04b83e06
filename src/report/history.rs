//! A firm's history (`esg score --history FILE...`): several years' scorecards of one firm as the
//! trend of its total, each area and its scope 1+2 emissions. A [`Doc`] for the terminal
//! (with sparklines), Markdown and HTML (with a chart), and JSON ([`HistoryJson`]).

use std::io::Write;

use maud::{Markup, html};
use serde::Serialize;

use super::diff::signed;
use super::doc::{Col, Doc, Section, Table};
use crate::scorecard::Scorecard;
use crate::text::{Lang, Measure, TCO2E};
use crate::tr;

/// Version of the JSON form of a history.
pub const HISTORY_FORMAT_VERSION: u32 = 1;

/// Orders `cards` by reporting year (those without one last, by the date assessed).
pub fn sort(cards: &mut [Scorecard]) {
    cards.sort_by(|a, b| {
        let key = |c: &Scorecard| {
            (
                c.firm.reporting_year.is_none(),
                c.firm.reporting_year,
                c.firm.assessed_on.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
}

/// Whether `cards` are of one firm: the same business number when every file gives one, else
/// the same name. Returns the first two files that differ.
#[must_use]
pub fn other_firm(cards: &[Scorecard]) -> Option<(&Scorecard, &Scorecard)> {
    let number = |c: &Scorecard| {
        c.firm
            .business_number
            .as_deref()
            .map(|n| n.chars().filter(char::is_ascii_digit).collect::<String>())
            .filter(|n| !n.is_empty())
    };
    let first = cards.first()?;
    let by_number = cards.iter().all(|c| number(c).is_some());
    cards.iter().find_map(|c| {
        let same = if by_number {
            number(c) == number(first)
        } else {
            c.firm.name.trim() == first.firm.name.trim()
        };
        (!same).then_some((first, c))
    })
}

const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A sparkline of `values` between `lo` and `hi`: one block a value, a space for an unknown one.
#[must_use]
pub fn sparkline(values: &[Option<f64>], lo: f64, hi: f64) -> String {
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(v) => {
                let span = hi - lo;
                let k = if span > 0.0 {
                    ((v - lo) / span * 7.0).round().clamp(0.0, 7.0) as usize
                } else {
                    3
                };
                BLOCKS[k]
            }
        })
        .collect()
}

fn year(c: &Scorecard, lang: Lang) -> String {
    c.firm
        .reporting_year
        .map_or_else(|| c.file.clone(), |y| tr!(lang, "{}년", "{}", y))
}

fn opt(m: Measure, v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| m.show(v))
}

/// One series of the history: its name, its values by year, and how it is shown.
struct Series {
    name: String,
    values: Vec<Option<f64>>,
    measure: Measure,
    /// Scores run from 0 to 100; emissions from their own least to most.
    bounded: bool,
}

fn series(cards: &[Scorecard], lang: Lang) -> Vec<Series> {
    let mut out = vec![Series {
        name: lang.pick("종합 점수", "Total").to_owned(),
        values: cards.iter().map(|c| c.total).collect(),
        measure: Measure::Score,
        bounded: true,
    }];
    let last = cards.last();
    for a in last.map(|c| c.areas.as_slice()).unwrap_or_default() {
        out.push(Series {
            name: format!("{} {}", a.id, a.title.show(lang)),
            values: cards
                .iter()
                .map(|c| c.areas.iter().find(|x| x.id == a.id).and_then(|x| x.score))
                .collect(),
            measure: Measure::Score,
            bounded: true,
        });
    }
    if cards.iter().any(|c| c.ghg.is_some()) {
        out.push(Series {
            name: tr!(
                lang,
                "Scope 1+2 배출량({})",
                "Scope 1+2 emissions ({})",
                TCO2E
            ),
            values: cards
                .iter()
                .map(|c| c.ghg.as_ref().and_then(|g| g.total_location))
                .collect(),
            measure: Measure::Tonnes,
            bounded: false,
        });
    }
    out
}

fn range(s: &Series) -> (f64, f64) {
    if s.bounded {
        return (0.0, 100.0);
    }
    let known = s.values.iter().flatten();
    let lo = known.clone().copied().fold(f64::INFINITY, f64::min);
    let hi = known.copied().fold(f64::NEG_INFINITY, f64::max);
    if lo.is_finite() { (lo, hi) } else { (0.0, 0.0) }
}

/// The history as a [`Doc`].
#[must_use]
pub fn doc(cards: &[Scorecard], lang: Lang) -> Doc {
    let all = series(cards, lang);
    let years: Vec<String> = cards.iter().map(|c| year(c, lang)).collect();
    let mut lines = vec![tr!(
        lang,
        "{}개 진단: {}",
        "{} assessments: {}",
        cards.len(),
        years.join(", ")
    )];
    if let Some(last) = cards.last() {
        lines.push(tr!(
            lang,
            "평가 기준: {} {}",
            "Assessed against: {} {}",
            last.guideline.title.show(lang),
            last.guideline.version
        ));
    }
    let trend_lines: Vec<String> = all
        .iter()
        .map(|s| {
            let (lo, hi) = range(s);
            let first = s.values.iter().flatten().next().copied();
            let last = s.values.iter().flatten().last().copied();
            let change = match (first, last) {
                (Some(a), Some(b)) => signed(s.measure, b - a),
                _ => "–".to_owned(),
            };
            format!(
                "{}: {}  {} → {} ({change})",
                s.name,
                sparkline(&s.values, lo, hi),
                opt(s.measure, first),
                opt(s.measure, last)
            )
        })
        .collect();
    let mut columns = vec![Col::text(lang.pick("연도", "Year"))];
    columns.extend(all.iter().map(|s| Col::num(&s.name)));
    columns.insert(2, Col::text(lang.pick("등급", "Grade")));
    let rows = cards
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut row = vec![years[i].clone()];
            row.extend(all.iter().map(|s| opt(s.measure, s.values[i])));
            row.insert(
                2,
                c.grade
                    .as_ref()
                    .map_or_else(|| "–".to_owned(), |g| g.id.clone()),
            );
            row
        })
        .collect();
    Doc {
        kicker: lang
            .pick("ESG 진단 추이", "ESG assessments over time")
            .to_owned(),
        title: cards
            .last()
            .map(|c| c.firm.name.clone())
            .unwrap_or_default(),
        lines,
        sections: vec![
            Section {
                key: "trend",
                heading: lang.pick("추이", "Trend").to_owned(),
                lines: trend_lines,
                table: None,
                chart: Some(chart(&all, &years, lang)),
            },
            Section {
                key: "years",
                heading: lang.pick("연도별 결과", "Results by year").to_owned(),
                lines: Vec::new(),
                table: Some(Table { columns, rows }),
                chart: None,
            },
        ],
    }
}

/// The total and the emissions by year as bar charts (inline SVG, coloured by the stylesheet's
/// classes); the table after it holds the same numbers.
fn chart(all: &[Series], years: &[String], lang: Lang) -> Markup {
    let shown: Vec<&Series> = all
        .iter()
        .enumerate()
        .filter(|(i, s)| *i == 0 || !s.bounded)
        .map(|(_, s)| s)
        .collect();
    let width = 680.0;
    let panel = 150.0;
    let height = panel * shown.len() as f64;
    let n = years.len().max(1) as f64;
    let slot = (width - 40.0) / n;
    let f = |x: f64| format!("{x:.1}");
    let desc: Vec<String> = shown
        .iter()
        .map(|s| {
            let values: Vec<String> = years
                .iter()
                .zip(&s.values)
                .map(|(y, v)| format!("{y} {}", opt(s.measure, *v)))
                .collect();
            format!("{}: {}", s.name, values.join(", "))
        })
        .collect();
    html! {
        svg.chart viewBox=(format!("0 0 {} {}", f(width), f(height))) role="img"
            aria-labelledby="esg-history-title esg-history-desc" {
            title #esg-history-title { (lang.pick("연도별 종합 점수와 배출량", "Total and emissions by year")) }
            desc #esg-history-desc { (desc.join(". ")) }
            @for (k, s) in shown.iter().enumerate() {
                @let top = panel * k as f64;
                @let (lo, hi) = if s.bounded { (0.0, 100.0) } else { (0.0, range(s).1) };
                @let scale = if hi > lo { 90.0 / (hi - lo) } else { 0.0 };
                text.label x="0" y=(f(top + 14.0)) { (s.name) }
                line.grid x1="20" x2=(f(width - 20.0)) y1=(f(top + 120.0)) y2=(f(top + 120.0)) {}
                @for (i, v) in s.values.iter().enumerate() {
                    @let x = 20.0 + slot * i as f64 + slot * 0.2;
                    @if let Some(v) = v {
                        @let h = (v - lo).max(0.0) * scale;
                        rect.bar x=(f(x)) y=(f(top + 120.0 - h)) width=(f(slot * 0.6)) height=(f(h)) {}
                        text.value x=(f(x)) y=(f(top + 115.0 - h)) { (s.measure.show(*v)) }
                    }
                    text.axis x=(f(x)) y=(f(top + 136.0)) { (years[i]) }
                }
            }
        }
    }
}

/// A year of the history, in JSON.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct YearJson {
    pub file: String,
    pub reporting_year: Option<i64>,
    pub guideline_version: String,
    pub total: Option<f64>,
    pub grade: Option<String>,
    /// Area id and score, in the guideline's order.
    pub areas: Vec<AreaYearJson>,
    /// Scope 1 + scope 2 location-based, tCO2e.
    pub scope12_tco2e: Option<f64>,
}

/// An area's score in a year.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct AreaYearJson {
    pub id: String,
    pub score: Option<f64>,
}

/// `esg score --history --format json`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct HistoryJson {
    pub format_version: u32,
    pub firm: String,
    /// Oldest first.
    pub years: Vec<YearJson>,
}

/// The JSON model of a history.
#[must_use]
pub fn json(cards: &[Scorecard]) -> HistoryJson {
    HistoryJson {
        format_version: HISTORY_FORMAT_VERSION,
        firm: cards
            .last()
            .map(|c| c.firm.name.clone())
            .unwrap_or_default(),
        years: cards
            .iter()
            .map(|c| YearJson {
                file: c.file.clone(),
                reporting_year: c.firm.reporting_year,
                guideline_version: c.guideline.version.clone(),
                total: c.total,
                grade: c.grade.as_ref().map(|g| g.id.clone()),
                areas: c
                    .areas
                    .iter()
                    .map(|a| AreaYearJson {
                        id: a.id.clone(),
                        score: a.score,
                    })
                    .collect(),
                scope12_tco2e: c.ghg.as_ref().and_then(|g| g.total_location),
            })
            .collect(),
    }
}

/// Writes the history of `cards` (sorted) in `format`; CSV is not one of its formats.
pub fn render_history(
    format: super::Format,
    cards: &[Scorecard],
    lang: Lang,
    width: u16,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = cards.last().map_or(lang, |c| c.guideline.lang(lang));
    match format {
        super::Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &json(cards))?;
            writeln!(out)?;
            out.flush()
        }
        super::Format::Markdown => super::doc::markdown(&doc(cards, lang), out),
        super::Format::Html => super::doc::html(&doc(cards, lang), lang, out),
        super::Format::Table | super::Format::Csv => {
            super::doc::terminal(&doc(cards, lang), width, color, out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sparkline_has_a_block_a_value() {
        assert_eq!(
            sparkline(&[Some(0.0), Some(50.0), Some(100.0)], 0.0, 100.0),
            "▁▅█"
        );
        assert_eq!(sparkline(&[Some(3.0), None, Some(3.0)], 3.0, 3.0), "▄ ▄");
    }
}
