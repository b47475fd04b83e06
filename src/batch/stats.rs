//! Portfolio statistics: count per grade, mean and quartiles per area and of the total, and each
//! firm's percentile. Scores are kept as histograms at 0.01-point resolution (10,001 counters per
//! series), so the memory they take does not grow with the number of firms.

use crate::guideline::Guideline;
use std::collections::BTreeMap;

use crate::portfolio::{AreaSpread, GradeCount, Group, GroupBy, Row, Spread, Statistics};

/// The order of groups: a leading number first by value (size bands: 1-9 before 10-49), then
/// the name; the group of firms without one last.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct GroupKey {
    by: GroupBy,
    unnamed: bool,
    lead: Option<u64>,
    id: String,
}

impl GroupKey {
    fn new(by: GroupBy, id: Option<&str>) -> GroupKey {
        let id = id.unwrap_or_default().to_owned();
        let digits: String = id.chars().take_while(char::is_ascii_digit).collect();
        GroupKey {
            by,
            unnamed: id.is_empty(),
            lead: digits.parse().ok(),
            id,
        }
    }
}

/// Sums of one group.
#[derive(Debug, Clone, Default)]
struct GroupSums {
    firms: u64,
    totals: u64,
    total_sum: f64,
    with_inventory: u64,
    scope1: f64,
    location: f64,
    market: f64,
    energy: f64,
    intensities: u64,
    intensity_sum: f64,
}

/// Counters of scores 0.00 to 100.00 in steps of 0.01.
#[derive(Debug, Clone)]
struct Histogram {
    counts: Vec<u64>,
    n: u64,
    sum: f64,
}

const BINS: usize = 10_001;

fn bin(score: f64) -> usize {
    ((score * 100.0).round().max(0.0) as usize).min(BINS - 1)
}

impl Histogram {
    fn new() -> Histogram {
        Histogram {
            counts: vec![0; BINS],
            n: 0,
            sum: 0.0,
        }
    }

    fn add(&mut self, score: f64) {
        self.counts[bin(score)] += 1;
        self.n += 1;
        self.sum += score;
    }

    /// The `k`-th smallest score (0-based), at bin resolution.
    fn nth(&self, k: u64) -> f64 {
        let mut seen = 0;
        for (b, &c) in self.counts.iter().enumerate() {
            seen += c;
            if seen > k {
                return b as f64 / 100.0;
            }
        }
        100.0
    }

    /// Quantile `p` (0 to 1) with linear interpolation between order statistics (Hyndman-Fan type 7,
    /// as spreadsheets' QUARTILE.INC).
    fn quantile(&self, p: f64) -> f64 {
        let h = (self.n - 1) as f64 * p;
        let lo = h.floor() as u64;
        let a = self.nth(lo);
        let b = if (h - lo as f64) > 0.0 {
            self.nth(lo + 1)
        } else {
            a
        };
        a + (h - lo as f64) * (b - a)
    }

    fn spread(&self) -> Spread {
        if self.n == 0 {
            return Spread::default();
        }
        Spread {
            n: self.n,
            mean: Some(self.sum / self.n as f64),
            min: Some(self.quantile(0.0)),
            q1: Some(self.quantile(0.25)),
            median: Some(self.quantile(0.5)),
            q3: Some(self.quantile(0.75)),
            max: Some(self.quantile(1.0)),
        }
    }
}

/// Gathers the numbers of a portfolio, one row at a time.
#[derive(Debug, Clone)]
pub struct Portfolio {
    files: u64,
    failed: u64,
    grade_ids: Vec<String>,
    grades: Vec<u64>,
    no_grade: u64,
    total: Histogram,
    areas: Vec<Histogram>,
    /// Firms with a total at or below each bin, filled by [`Portfolio::seal`].
    cumulative: Vec<u64>,
    /// The emissions survey by sector and by size band.
    groups: BTreeMap<GroupKey, GroupSums>,
}

impl Portfolio {
    /// An empty portfolio for `guideline`.
    #[must_use]
    pub fn new(guideline: &Guideline) -> Portfolio {
        Portfolio {
            files: 0,
            failed: 0,
            grade_ids: guideline.grades.iter().map(|g| g.id.clone()).collect(),
            grades: vec![0; guideline.grades.len()],
            no_grade: 0,
            total: Histogram::new(),
            areas: vec![Histogram::new(); guideline.areas.len()],
            cumulative: Vec::new(),
            groups: BTreeMap::new(),
        }
    }

    /// Counts one row in.
    pub fn add(&mut self, row: &Row) {
        self.files += 1;
        let Some(scored) = &row.scored else {
            self.failed += 1;
            return;
        };
        match scored
            .grade
            .as_ref()
            .and_then(|g| self.grade_ids.iter().position(|id| id == g))
        {
            Some(g) => self.grades[g] += 1,
            None => self.no_grade += 1,
        }
        if let Some(t) = scored.total {
            self.total.add(t);
        }
        for (h, a) in self.areas.iter_mut().zip(&scored.areas) {
            if let Some(s) = a.score {
                h.add(s);
            }
        }
        for (by, id) in [
            (GroupBy::Sector, scored.sector.as_deref()),
            (GroupBy::SizeBand, scored.size_band.as_deref()),
        ] {
            let g = self.groups.entry(GroupKey::new(by, id)).or_default();
            g.firms += 1;
            if let Some(t) = scored.total {
                g.totals += 1;
                g.total_sum += t;
            }
            if let Some(ghg) = &scored.ghg {
                g.with_inventory += 1;
                g.scope1 += ghg.scope1_tco2e;
                g.location += ghg.scope2_location_tco2e;
                g.market += ghg.scope2_market_tco2e;
                g.energy += ghg.energy_mwh.unwrap_or(0.0);
                if let Some(i) = ghg.intensity {
                    g.intensities += 1;
                    g.intensity_sum += i;
                }
            }
        }
    }

    /// Ends the gathering: from now on [`Portfolio::percentile`] answers.
    pub fn seal(&mut self) {
        let mut seen = 0;
        self.cumulative = self
            .total
            .counts
            .iter()
            .map(|&c| {
                seen += c;
                seen
            })
            .collect();
    }

    /// The percentile rank of a total within the portfolio: the share of firms with a lower total,
    /// counting firms with the same total (to 0.01 points) as half below, 0 to 100.
    #[must_use]
    pub fn percentile(&self, total: f64) -> Option<f64> {
        if self.total.n == 0 || self.cumulative.is_empty() {
            return None;
        }
        let b = bin(total);
        let below = if b == 0 { 0 } else { self.cumulative[b - 1] };
        let equal = self.cumulative[b] - below;
        Some(100.0 * (below as f64 + equal as f64 / 2.0) / self.total.n as f64)
    }

    /// The statistics.
    #[must_use]
    pub fn statistics(&self, guideline: &Guideline) -> Statistics {
        let mut grades: Vec<GradeCount> = guideline
            .grades
            .iter()
            .zip(&self.grades)
            .map(|(g, &count)| GradeCount {
                id: g.id.clone(),
                title: Some(g.title.clone()),
                count,
            })
            .collect();
        grades.push(GradeCount {
            id: String::new(),
            title: None,
            count: self.no_grade,
        });
        Statistics {
            files: self.files,
            scored: self.files - self.failed,
            failed: self.failed,
            grades,
            total: self.total.spread(),
            areas: guideline
                .areas
                .iter()
                .zip(&self.areas)
                .map(|(a, h)| AreaSpread {
                    id: a.id.clone(),
                    title: a.title.clone(),
                    spread: h.spread(),
                })
                .collect(),
            groups: self
                .groups
                .iter()
                // A dimension the guideline does not name (every firm without one) is left out.
                .filter(|(k, _)| {
                    self.groups
                        .keys()
                        .any(|other| other.by == k.by && !other.unnamed)
                })
                .map(|(k, g)| {
                    let mean = |sum: f64, n: u64| (n > 0).then(|| sum / n as f64);
                    Group {
                        by: k.by,
                        id: k.id.clone(),
                        firms: g.firms,
                        total_mean: mean(g.total_sum, g.totals),
                        with_inventory: g.with_inventory,
                        scope1_tco2e: g.scope1,
                        scope2_location_tco2e: g.location,
                        scope2_market_tco2e: g.market,
                        energy_mwh: g.energy,
                        intensity_mean: mean(g.intensity_sum, g.intensities),
                    }
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hist(values: &[f64]) -> Histogram {
        let mut h = Histogram::new();
        for &v in values {
            h.add(v);
        }
        h
    }

    #[test]
    fn quartiles_match_spreadsheet_quartile_inc() {
        // QUARTILE.INC({10, 20, 30, 40, 55.5}, 1..3) = 20, 30, 40.
        let h = hist(&[40.0, 10.0, 55.5, 30.0, 20.0]);
        let s = h.spread();
        assert_eq!(
            (s.min, s.q1, s.median, s.q3, s.max),
            (Some(10.0), Some(20.0), Some(30.0), Some(40.0), Some(55.5))
        );
        assert!((s.mean.unwrap() - 31.1).abs() < 1e-9);
        // Interpolated: QUARTILE.INC({1, 2, 3, 4}, 1) = 1.75, median 2.5.
        let s = hist(&[1.0, 2.0, 3.0, 4.0]).spread();
        assert!((s.q1.unwrap() - 1.75).abs() < 1e-9, "{s:?}");
        assert!((s.median.unwrap() - 2.5).abs() < 1e-9, "{s:?}");
    }

    #[test]
    fn empty_spread_has_no_numbers() {
        assert_eq!(Histogram::new().spread(), Spread::default());
    }
}
