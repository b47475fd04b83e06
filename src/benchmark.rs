//! Benchmarks: a portfolio's quartiles of the total, each area and the GHG intensity, per sector
//! (KSIC section for `k-esg-sme`) and size band, that a consultant may pass on. The privacy rule:
//! the file holds no firm's name, file or single value. A cell (or one figure of a cell) with
//! fewer than [`MIN_FIRMS`] firms is suppressed and marked so; each quartile is the mean of two
//! firms' values on either side of it, never one firm's value by itself; no minimum or maximum is
//! kept. A firm's standing among its peers ([`Standing`]) is estimated from those quartiles.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::guideline::Guideline;
use crate::portfolio::Row;
use crate::text::Text;

/// The fewest firms a figure of a benchmark is made from.
pub const MIN_FIRMS: u64 = 5;

/// Version of the benchmark file's form.
pub const BENCHMARK_FORMAT_VERSION: u32 = 1;

/// The first quartile, the median and the third quartile of `n` firms' values.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Quartiles {
    pub n: u64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
}

/// An area's quartiles in a cell; absent (`null`) when fewer than [`MIN_FIRMS`] firms have a score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AreaQuartiles {
    pub id: String,
    pub quartiles: Option<Quartiles>,
}

/// The firms of one sector and size band (`null` for "every sector" or "every size").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Cell {
    pub sector: Option<String>,
    pub size_band: Option<String>,
    /// Fewer than `min_firms` firms: no figure is given, not even their number.
    pub suppressed: bool,
    /// How many firms have a total; absent when suppressed.
    pub firms: Option<u64>,
    pub total: Option<Quartiles>,
    pub areas: Vec<AreaQuartiles>,
    /// GHG intensity, in the unit of the guideline's intensity metric.
    pub intensity: Option<Quartiles>,
    /// The figures of the "compared with the industry" questions (absent in older files).
    #[serde(default)]
    pub figures: Vec<FigureQuartiles>,
}

/// A figure's quartiles in a cell; absent (`null`) when fewer than [`MIN_FIRMS`] firms have it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FigureQuartiles {
    /// The question that compares the figure with the industry.
    pub question: String,
    pub quartiles: Option<Quartiles>,
}

/// A figure a "compared with the industry" question compares, named by its question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FigureName {
    /// The question's id.
    pub question: String,
    /// The question as asked.
    pub prompt: Text,
    pub lower_is_better: bool,
}

/// An area of the guideline, named.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AreaName {
    pub id: String,
    pub title: Text,
}

/// A benchmark file (`benchmark.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Benchmark {
    pub format_version: u32,
    pub guideline_id: String,
    pub guideline_version: String,
    /// The fewest firms any figure is made from.
    pub min_firms: u64,
    /// The privacy rule in words.
    pub note: Text,
    pub areas: Vec<AreaName>,
    /// The intensity metric's title and unit.
    pub intensity_title: Option<Text>,
    pub intensity_unit: Option<Text>,
    /// The figures of the questions that compare a firm with its industry, which the cells give
    /// quartiles of (absent in older files).
    #[serde(default)]
    pub figures: Vec<FigureName>,
    /// Every sector and size band, each sector over all sizes, each size band over all sectors,
    /// and all firms (both `null`).
    pub cells: Vec<Cell>,
}

#[derive(Debug, Default, Clone)]
struct Values {
    total: Vec<f64>,
    areas: Vec<Vec<f64>>,
    intensity: Vec<f64>,
    /// One list per compared figure, in the order of `Builder::figures`.
    figures: Vec<Vec<f64>>,
}

/// Gathers a benchmark one portfolio row at a time.
#[derive(Debug)]
pub struct Builder {
    guideline_id: String,
    guideline_version: String,
    areas: Vec<AreaName>,
    intensity_title: Option<Text>,
    intensity_unit: Option<Text>,
    /// The compared figures: each question's index and name.
    figures: Vec<(usize, FigureName)>,
    cells: BTreeMap<(Option<String>, Option<String>), Values>,
}

impl Builder {
    #[must_use]
    pub fn new(g: &Guideline) -> Builder {
        let metric = g.ghg_intensity.and_then(|i| g.metrics.get(i));
        Builder {
            guideline_id: g.id.clone(),
            guideline_version: g.version.clone(),
            areas: g
                .areas
                .iter()
                .map(|a| AreaName {
                    id: a.id.clone(),
                    title: a.title.clone(),
                })
                .collect(),
            intensity_title: metric.map(|m| m.title.clone()),
            intensity_unit: metric.and_then(|m| m.unit.clone()),
            figures: g
                .questions
                .iter()
                .enumerate()
                .filter_map(|(i, q)| {
                    let c = q.compare.as_ref()?;
                    Some((
                        i,
                        FigureName {
                            question: q.id.clone(),
                            prompt: q.prompt.clone(),
                            lower_is_better: c.lower_is_better,
                        },
                    ))
                })
                .collect(),
            cells: BTreeMap::new(),
        }
    }

    /// Counts a scored row into its cells (a row with an error counts nowhere).
    pub fn add(&mut self, row: &Row) {
        let Some(s) = &row.scored else { return };
        let sector = s.sector.clone().filter(|x| !x.trim().is_empty());
        let band = s.size_band.clone().filter(|x| !x.trim().is_empty());
        let mut keys = vec![(None, None)];
        if sector.is_some() {
            keys.push((sector.clone(), None));
        }
        if band.is_some() {
            keys.push((None, band.clone()));
        }
        if sector.is_some() && band.is_some() {
            keys.push((sector, band));
        }
        let n_areas = self.areas.len();
        for key in keys {
            let v = self.cells.entry(key).or_default();
            v.areas.resize(n_areas, Vec::new());
            v.figures.resize(self.figures.len(), Vec::new());
            for &(q, x) in &s.figures {
                if let Some(at) = self.figures.iter().position(|(i, _)| *i == q) {
                    if x.is_finite() {
                        v.figures[at].push(x);
                    }
                }
            }
            if let Some(t) = s.total {
                v.total.push(t);
            }
            for (i, a) in s.areas.iter().enumerate().take(n_areas) {
                if let Some(x) = a.score {
                    v.areas[i].push(x);
                }
            }
            if let Some(i) = s.ghg.as_ref().and_then(|g| g.intensity) {
                if i.is_finite() {
                    v.intensity.push(i);
                }
            }
        }
    }

    /// The benchmark, with every small cell and figure suppressed.
    #[must_use]
    pub fn finish(self) -> Benchmark {
        let cells = self
            .cells
            .into_iter()
            .map(|((sector, size_band), mut v)| {
                let suppressed = (v.total.len() as u64) < MIN_FIRMS;
                if suppressed {
                    return Cell {
                        sector,
                        size_band,
                        suppressed,
                        firms: None,
                        total: None,
                        areas: Vec::new(),
                        intensity: None,
                        figures: Vec::new(),
                    };
                }
                Cell {
                    sector,
                    size_band,
                    suppressed,
                    firms: Some(v.total.len() as u64),
                    total: quartiles(&mut v.total),
                    areas: self
                        .areas
                        .iter()
                        .zip(v.areas.iter_mut())
                        .map(|(a, xs)| AreaQuartiles {
                            id: a.id.clone(),
                            quartiles: quartiles(xs),
                        })
                        .collect(),
                    intensity: quartiles(&mut v.intensity),
                    figures: self
                        .figures
                        .iter()
                        .zip(v.figures.iter_mut())
                        .map(|((_, f), xs)| FigureQuartiles {
                            question: f.question.clone(),
                            quartiles: quartiles(xs),
                        })
                        .collect(),
                }
            })
            .collect();
        Benchmark {
            format_version: BENCHMARK_FORMAT_VERSION,
            guideline_id: self.guideline_id,
            guideline_version: self.guideline_version,
            min_firms: MIN_FIRMS,
            note: Text::both(
                "회사 이름, 파일, 한 회사의 값은 담지 않습니다. 회사가 5곳보다 적은 칸과 수치는 감춥니다. \
                 사분위수는 그 위치 양쪽에 있는 두 회사 값의 평균입니다.",
                "No firm's name, file or single value. Cells and figures with fewer than five \
                 firms are suppressed. Each quartile is the mean of two firms' values, one on \
                 either side of it.",
            ),
            areas: self.areas,
            intensity_title: self.intensity_title,
            intensity_unit: self.intensity_unit,
            figures: self.figures.into_iter().map(|(_, f)| f).collect(),
            cells,
        }
    }
}

/// The quartiles of `xs` (sorted here), each the mean of the two firms' values on either side of
/// its position `(n - 1) * p` (when a firm stands exactly there, the two next to it): never one
/// firm's value by itself; `None` for fewer than [`MIN_FIRMS`] values.
fn quartiles(xs: &mut [f64]) -> Option<Quartiles> {
    let n = xs.len();
    if (n as u64) < MIN_FIRMS {
        return None;
    }
    xs.sort_by(f64::total_cmp);
    let q = |p: f64| {
        let h = (n - 1) as f64 * p;
        let (lo, hi) = if h.fract() == 0.0 {
            // A firm stands exactly at the position: the firms on either side of it.
            let at = h as usize;
            (at.saturating_sub(1), (at + 1).min(n - 1))
        } else {
            (h.floor() as usize, h.ceil() as usize)
        };
        f64::midpoint(xs[lo], xs[hi])
    };
    Some(Quartiles {
        n: n as u64,
        q1: q(0.25),
        median: q(0.5),
        q3: q(0.75),
    })
}

impl Benchmark {
    /// The narrowest cell that holds the firm's peers and is not suppressed: its sector and size
    /// band, else its sector, else its size band, else all firms.
    #[must_use]
    pub fn peers(&self, sector: Option<&str>, size_band: Option<&str>) -> Option<&Cell> {
        let find = |s: Option<&str>, b: Option<&str>| {
            self.cells
                .iter()
                .find(|c| !c.suppressed && c.sector.as_deref() == s && c.size_band.as_deref() == b)
        };
        let mut tries = Vec::new();
        if sector.is_some() && size_band.is_some() {
            tries.push((sector, size_band));
        }
        if sector.is_some() {
            tries.push((sector, None));
        }
        if size_band.is_some() {
            tries.push((None, size_band));
        }
        tries.push((None, None));
        tries.into_iter().find_map(|(s, b)| find(s, b))
    }
}

/// Where a value stands among peers' quartiles: the share of peers estimated to have a lower
/// value, 0 to 100, by straight lines through 25 at the first quartile, 50 at the median and 75
/// at the third, reaching 0 and 100 one and a half interquartile ranges beyond them (within
/// `bounds`, the values possible).
#[must_use]
pub fn percentile(value: f64, q: &Quartiles, bounds: (f64, f64)) -> f64 {
    let iqr = q.q3 - q.q1;
    let lo = (q.q1 - 1.5 * iqr).max(bounds.0).min(q.q1);
    let hi = (q.q3 + 1.5 * iqr).min(bounds.1).max(q.q3);
    let points = [
        (lo, 0.0),
        (q.q1, 25.0),
        (q.median, 50.0),
        (q.q3, 75.0),
        (hi, 100.0),
    ];
    if value <= lo {
        return if value < lo || lo < q.q1 { 0.0 } else { 25.0 };
    }
    if value >= hi {
        return if value > hi || hi > q.q3 { 100.0 } else { 75.0 };
    }
    for w in points.windows(2) {
        let ((x0, p0), (x1, p1)) = (w[0], w[1]);
        if value <= x1 {
            if x1 - x0 <= f64::EPSILON {
                return p1;
            }
            return p0 + (value - x0) / (x1 - x0) * (p1 - p0);
        }
    }
    100.0
}

/// One figure of a firm among its peers.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// `total`, an area's id, or `intensity`.
    pub what: String,
    pub title: Text,
    pub value: f64,
    pub quartiles: Quartiles,
    /// The estimated share of peers below, 0 to 100.
    pub percentile: f64,
    /// Whether a lower value is better (intensity).
    pub lower_is_better: bool,
}

/// A firm among the peers of a benchmark.
#[derive(Debug, Clone, PartialEq)]
pub struct Peers {
    /// The benchmark file, as named.
    pub file: String,
    pub sector: Option<String>,
    pub size_band: Option<String>,
    /// How many firms the peers' cell holds.
    pub firms: u64,
    pub standings: Vec<Standing>,
    /// The questions comparing the firm with its industry that the benchmark answered, or could
    /// not.
    pub industry: Vec<Industry>,
}

/// The firm of `card` (of `sector` and `size_band`) among the peers of `b`; `None` when the
/// benchmark has no cell for it that is not suppressed.
#[must_use]
pub fn standing(
    b: &Benchmark,
    file: &str,
    card: &crate::scorecard::Scorecard,
    sector: Option<&str>,
    size_band: Option<&str>,
) -> Option<Peers> {
    let cell = b.peers(sector, size_band)?;
    let mut standings = Vec::new();
    if let (Some(t), Some(q)) = (card.total, cell.total) {
        standings.push(Standing {
            what: "total".to_owned(),
            title: Text::both("종합 점수", "Total"),
            value: t,
            quartiles: q,
            percentile: percentile(t, &q, (0.0, 100.0)),
            lower_is_better: false,
        });
    }
    for a in &card.areas {
        let q = cell
            .areas
            .iter()
            .find(|x| x.id == a.id)
            .and_then(|x| x.quartiles);
        if let (Some(s), Some(q)) = (a.score, q) {
            standings.push(Standing {
                what: a.id.clone(),
                title: a.title.clone(),
                value: s,
                quartiles: q,
                percentile: percentile(s, &q, (0.0, 100.0)),
                lower_is_better: false,
            });
        }
    }
    let intensity = card.ghg.as_ref().and_then(|g| g.intensity.as_ref());
    if let (Some(m), Some(q)) = (intensity, cell.intensity) {
        if let Some(v) = m.value {
            standings.push(Standing {
                what: "intensity".to_owned(),
                title: m.title.clone(),
                value: v,
                quartiles: q,
                percentile: percentile(v, &q, (0.0, f64::INFINITY)),
                lower_is_better: true,
            });
        }
    }
    Some(Peers {
        file: file.to_owned(),
        sector: cell.sector.clone(),
        size_band: cell.size_band.clone(),
        firms: cell.firms.unwrap_or(0),
        standings,
        industry: Vec::new(),
    })
}

/// How a firm's figure compares with its industry's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    Worse,
    Similar,
    Better,
}

/// Better than the peers' first quartile on the good side, beyond the third on the bad side, or
/// else similar.
#[must_use]
pub fn compare(value: f64, q: &Quartiles, lower_is_better: bool) -> Comparison {
    let (good, bad) = if lower_is_better {
        (value < q.q1, value > q.q3)
    } else {
        (value > q.q3, value < q.q1)
    };
    if good {
        Comparison::Better
    } else if bad {
        Comparison::Worse
    } else {
        Comparison::Similar
    }
}

/// What a benchmark did with a question that compares the firm with its industry.
#[derive(Debug, Clone, PartialEq)]
pub enum IndustryOutcome {
    /// Answered with `option` from the quartiles of the firm's sector (and size band).
    Answered {
        comparison: Comparison,
        option: String,
        option_text: Text,
        quartiles: Quartiles,
        sector: String,
        size_band: Option<String>,
    },
    /// Left as it was: fewer than [`MIN_FIRMS`] firms of the sector have the figure.
    TooFewFirms { sector: String },
}

/// A question comparing the firm with its industry, which the firm left open or answered "don't
/// know", and whose figure it has.
#[derive(Debug, Clone, PartialEq)]
pub struct Industry {
    pub question: String,
    pub prompt: Text,
    /// The firm's figure.
    pub value: f64,
    pub outcome: IndustryOutcome,
}

/// Answers, in `answers`, the questions of `g` that compare the firm with its industry and that
/// the firm left unanswered or answered "don't know", from its `figures` (by question index) and
/// the quartiles of its sector in `b`: the narrowest cell of its sector (and size band) that
/// gives them. An explicit answer is never overridden; a firm without a sector gets none, and a
/// question that counts for nothing (`score::relevant`) is left alone.
pub fn answer_industry(
    b: &Benchmark,
    g: &Guideline,
    answers: &mut crate::answers::Answers,
    figures: &[(usize, f64)],
    sector: Option<&str>,
    size_band: Option<&str>,
) -> Vec<Industry> {
    use crate::answers::{AnswerValue, Entry, State};
    let Some(sector) = sector else {
        return Vec::new();
    };
    // A question nothing counts for (its indicators do not apply) is left alone.
    let relevance = crate::score::relevant(g, answers);
    let mut out = Vec::new();
    for &(qi, value) in figures {
        if !matches!(relevance.get(qi), Some(crate::score::Relevance::Relevant)) {
            continue;
        }
        let (Some(q), Some(c)) = (
            g.questions.get(qi),
            g.questions.get(qi).and_then(|q| q.compare.as_ref()),
        ) else {
            continue;
        };
        let open = match answers.entries.get(qi) {
            Some(None) => true,
            Some(Some(e)) => match &e.state {
                State::Open => true,
                State::Value(AnswerValue::Choice(k)) => Some(*k) == c.unknown,
                _ => false,
            },
            None => false,
        };
        // A benchmark that does not hold the figure (an older file) answers nothing.
        if !open || !b.figures.iter().any(|f| f.question == q.id) {
            continue;
        }
        let quartiles_in = |band: Option<&str>| {
            let cell = b.cells.iter().find(|x| {
                !x.suppressed
                    && x.sector.as_deref() == Some(sector)
                    && x.size_band.as_deref() == band
            })?;
            let q = cell
                .figures
                .iter()
                .find(|f| f.question == q.id)?
                .quartiles?;
            Some((q, band.map(str::to_owned)))
        };
        let found = size_band
            .and_then(|band| quartiles_in(Some(band)))
            .or_else(|| quartiles_in(None));
        let outcome = match found {
            None => IndustryOutcome::TooFewFirms {
                sector: sector.to_owned(),
            },
            Some((quartiles, band)) => {
                let comparison = compare(value, &quartiles, c.lower_is_better);
                let option = match comparison {
                    Comparison::Worse => c.worse,
                    Comparison::Similar => c.similar,
                    Comparison::Better => c.better,
                };
                let chosen = State::Value(AnswerValue::Choice(option));
                match answers.entries.get_mut(qi) {
                    Some(Some(e)) => e.state = chosen,
                    Some(slot) => *slot = Some(Entry::value(AnswerValue::Choice(option))),
                    None => {}
                }
                IndustryOutcome::Answered {
                    comparison,
                    option: q.options[option].id.clone(),
                    option_text: q.options[option].text.clone(),
                    quartiles,
                    sector: sector.to_owned(),
                    size_band: band,
                }
            }
        };
        out.push(Industry {
            question: q.id.clone(),
            prompt: q.prompt.clone(),
            value,
            outcome,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_are_means_of_two_firms_and_need_five() {
        assert_eq!(quartiles(&mut [1.0, 2.0, 3.0, 4.0]), None);
        let q = quartiles(&mut [50.0, 10.0, 30.0, 20.0, 40.0]).unwrap();
        assert_eq!((q.q1, q.median, q.q3), (20.0, 30.0, 40.0));
        let q = quartiles(&mut [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]).unwrap();
        assert_eq!((q.q1, q.median, q.q3), (2.5, 3.5, 4.5));
    }

    #[test]
    fn percentiles_pass_through_the_quartiles_and_stay_in_range() {
        let q = Quartiles {
            n: 9,
            q1: 40.0,
            median: 50.0,
            q3: 60.0,
        };
        let p = |v| percentile(v, &q, (0.0, 100.0));
        assert_eq!(p(40.0), 25.0);
        assert_eq!(p(50.0), 50.0);
        assert_eq!(p(55.0), 62.5);
        assert_eq!(p(0.0), 0.0);
        assert_eq!(p(100.0), 100.0);
        assert_eq!(compare(39.0, &q, false), Comparison::Worse);
        assert_eq!(compare(40.0, &q, false), Comparison::Similar);
        assert_eq!(compare(61.0, &q, false), Comparison::Better);
        assert_eq!(compare(39.0, &q, true), Comparison::Better);
        assert_eq!(compare(61.0, &q, true), Comparison::Worse);
        let mut last = -1.0;
        for v in 0..=100 {
            let x = p(f64::from(v));
            assert!(x >= last && (0.0..=100.0).contains(&x));
            last = x;
        }
    }
}
