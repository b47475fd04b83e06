//! The arithmetic of `docs/scoring.md`: area scores, the total, completeness and gains.

use super::indicator::Outcome;
use crate::guideline::Guideline;
use crate::scorecard::{Completeness, Status, Unanswered};

pub(super) fn completeness(statuses: impl Iterator<Item = Status>) -> Completeness {
    let (mut scored, mut na, mut unanswered) = (0, 0, 0);
    for s in statuses {
        match s {
            Status::Scored => scored += 1,
            Status::NotApplicable => na += 1,
            Status::Unanswered => unanswered += 1,
        }
    }
    let applicable = scored + unanswered;
    Completeness {
        scored,
        applicable,
        not_applicable: na,
        unanswered,
        ratio: (applicable > 0).then(|| scored as f64 / applicable as f64),
    }
}

/// Rules 2, 3 and 6 of `docs/scoring.md`: indicator outcomes weighed into area scores, the total
/// and each indicator's gain. The one implementation of the arithmetic, shared by [`score`] and
/// [`summarize`].
pub(super) struct Weighing {
    /// `s_i` per indicator; `None` when not applicable.
    pub(super) s: Vec<Option<f64>>,
    /// Whether the indicator counts in its area's sums.
    pub(super) counts: Vec<bool>,
    pub(super) area_scores: Vec<Option<f64>>,
    pub(super) area_wsum: Vec<f64>,
    pub(super) total_w: f64,
    pub(super) total: Option<f64>,
}

impl Weighing {
    pub(super) fn new(
        guideline: &Guideline,
        outcomes: &[Outcome],
        unanswered: Unanswered,
    ) -> Weighing {
        let s: Vec<Option<f64>> = guideline
            .indicators
            .iter()
            .zip(outcomes)
            .map(|(ind, o)| match o.status {
                Status::Scored => o.level.map(|l| {
                    if ind.max_points > 0.0 {
                        ind.levels[l].points / ind.max_points
                    } else {
                        1.0
                    }
                }),
                Status::Unanswered => Some(0.0),
                Status::NotApplicable => None,
            })
            .collect();
        let counts: Vec<bool> = outcomes
            .iter()
            .map(|o| match o.status {
                Status::Scored => true,
                Status::Unanswered => unanswered == Unanswered::Zero || o.invalid,
                Status::NotApplicable => false,
            })
            .collect();
        let mut area_scores = Vec::with_capacity(guideline.areas.len());
        let mut area_wsum = Vec::with_capacity(guideline.areas.len());
        for area in &guideline.areas {
            let counted = || area.indicators.iter().copied().filter(|&i| counts[i]);
            let wsum: f64 = counted().map(|i| guideline.indicators[i].weight).sum();
            let score = (counted().next().is_some() && wsum > 0.0)
                .then(|| {
                    100.0
                        * counted()
                            .map(|i| guideline.indicators[i].weight * s[i].unwrap_or(0.0))
                            .sum::<f64>()
                        / wsum
                })
                .filter(|x| sane(*x));
            area_scores.push(score);
            area_wsum.push(wsum);
        }
        let total_w: f64 = guideline
            .areas
            .iter()
            .zip(&area_scores)
            .filter(|(_, s)| s.is_some())
            .map(|(a, _)| a.weight)
            .sum();
        let total = (total_w > 0.0)
            .then(|| {
                guideline
                    .areas
                    .iter()
                    .zip(&area_scores)
                    .filter_map(|(a, s)| s.map(|s| a.weight * s))
                    .sum::<f64>()
                    / total_w
            })
            .filter(|x| sane(*x));
        Weighing {
            s,
            counts,
            area_scores,
            area_wsum,
            total_w,
            total,
        }
    }

    /// Rule 6: the points the total would rise by if indicator `i` were at its best level.
    #[inline]
    pub(super) fn gain(&self, guideline: &Guideline, i: usize) -> f64 {
        let ind = &guideline.indicators[i];
        let a = ind.area;
        if self.counts[i] && self.area_scores[a].is_some() && self.total_w > 0.0 {
            let gain = 100.0
                * (guideline.areas[a].weight / self.total_w)
                * (ind.weight / self.area_wsum[a])
                * (1.0 - self.s[i].unwrap_or(0.0));
            if sane(gain) { gain } else { 0.0 }
        } else {
            0.0
        }
    }
}

/// The last guard before a number reaches a report: a score or gain is a finite number from 0 to
/// 100 (with a little room for rounding). The bounds on weights and points that validation
/// enforces (`docs/guideline-format.md`, "Numbers") keep every score in range; this only makes
/// sure that no NaN or infinity could ever be shown or counted in a statistic.
fn sane(x: f64) -> bool {
    x.is_finite() && (-1e-9..=100.0 + 1e-9).contains(&x)
}

/// Gains that differ only by floating-point noise are ties, kept in guideline order.
pub(super) fn gain_rank(gain: f64) -> i64 {
    (gain * 1e9).round() as i64
}
