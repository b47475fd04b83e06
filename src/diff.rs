//! What changed between two scorecards of one firm (`esg diff`): the total, the grade, each area
//! and each indicator with the reasons as typed values (answers changed, the guideline changed,
//! applicability changed, or a figure it reads changed), the gaps closed and new, and the GHG
//! inventory by source with each change split into an activity effect and a factor effect.
//!
//! Data only, no sentences: `report::diff` puts it into words. The two scorecards may come from
//! two versions of a guideline; indicators, areas and sources are matched by id.

use crate::guideline::{Guideline, Indicator, Match, Rule};
use crate::scorecard::{
    AreaResult, Gap, IndicatorResult, Inventory, QuestionRef, Scorecard, SourceResult, Status,
};
use crate::text::Text;

/// A number before and after; either may be unknown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    pub before: Option<f64>,
    pub after: Option<f64>,
}

impl Change {
    #[must_use]
    pub fn new(before: Option<f64>, after: Option<f64>) -> Change {
        Change { before, after }
    }

    /// After minus before, when both are known.
    #[must_use]
    pub fn delta(&self) -> Option<f64> {
        Some(self.after? - self.before?)
    }

    /// Whether the value moved (or became known or unknown).
    #[must_use]
    pub fn moved(&self) -> bool {
        match (self.before, self.after) {
            (Some(a), Some(b)) => (a - b).abs() > 1e-9,
            (None, None) => false,
            _ => true,
        }
    }
}

/// What a new version of a guideline changed in one indicator.
#[derive(Debug, Clone, PartialEq)]
pub enum GuidelineChange {
    /// The indicator is new in this version.
    Added,
    /// The indicator is gone from this version.
    Removed,
    /// Its weight within its area.
    Weight { before: f64, after: f64 },
    /// Its levels: their number, points, wording or what puts a firm at each.
    Levels,
    /// Its scoring rule: the kind, the questions it reads or its formula.
    Rule,
    /// When it applies.
    Applicability,
}

/// Why an indicator's result changed.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason<'a> {
    /// Answers to questions it reads changed.
    Answers { questions: Vec<&'a QuestionRef> },
    /// The guideline changed it.
    Guideline(GuidelineChange),
    /// It applies to the firm now and did not before, or the reverse.
    Applicability { before: Status, after: Status },
    /// A figure it reads changed while no answer of its own did: a figure computed from other
    /// answers, or an emission factor of another year.
    Figures,
}

/// One area before and after.
#[derive(Debug, Clone)]
pub struct AreaChange<'a> {
    pub id: &'a str,
    pub title: &'a Text,
    pub before: Option<&'a AreaResult>,
    pub after: Option<&'a AreaResult>,
    pub score: Change,
}

/// One indicator before and after, with why it changed.
#[derive(Debug, Clone)]
pub struct IndicatorChange<'a> {
    pub id: &'a str,
    pub area: &'a str,
    pub title: &'a Text,
    pub before: Option<&'a IndicatorResult>,
    pub after: Option<&'a IndicatorResult>,
    pub points: Change,
    pub reasons: Vec<Reason<'a>>,
}

/// One emission source before and after. `delta = activity_effect + factor_effect` exactly: the
/// activity effect is the change in activity at last year's factor, `(A1 - A0) * F0`, and the
/// factor effect the rest, `A1 * F1 - A1 * F0` (the change in factor at this year's activity).
/// A source reported in one year only has all of its change as activity.
#[derive(Debug, Clone)]
pub struct SourceChange<'a> {
    pub id: &'a str,
    pub title: &'a Text,
    pub scope: u8,
    pub before: Option<&'a SourceResult>,
    pub after: Option<&'a SourceResult>,
    /// tCO2e, location-based.
    pub delta: f64,
    pub activity_effect: f64,
    pub factor_effect: f64,
}

/// The GHG inventory before and after.
#[derive(Debug, Clone)]
pub struct GhgChange<'a> {
    pub before: &'a Inventory,
    pub after: &'a Inventory,
    /// Sources with a figure in either year, in the order of the newer inventory, then the
    /// ones it no longer has.
    pub sources: Vec<SourceChange<'a>>,
    pub scope1: Change,
    pub scope2: Change,
    pub total: Change,
    pub intensity: Change,
}

impl GhgChange<'_> {
    /// The sums of the activity and factor effects over the sources.
    #[must_use]
    pub fn effects(&self) -> (f64, f64) {
        self.sources.iter().fold((0.0, 0.0), |(a, f), s| {
            (a + s.activity_effect, f + s.factor_effect)
        })
    }
}

/// Everything that changed from `old` to `new`.
#[derive(Debug, Clone)]
pub struct Diff<'a> {
    pub old: &'a Scorecard,
    pub new: &'a Scorecard,
    /// Whether the two were scored against different guidelines or versions of one.
    pub guideline_changed: bool,
    pub total: Change,
    pub areas: Vec<AreaChange<'a>>,
    /// The indicators whose points, status or guideline definition changed, in the newer
    /// guideline's order, then the removed ones.
    pub indicators: Vec<IndicatorChange<'a>>,
    /// Last year's gaps that are no longer gaps (the indicator reached its best level or stopped
    /// applying), in last year's order.
    pub gaps_closed: Vec<&'a Gap>,
    /// This year's gaps that were not gaps before, in this year's order.
    pub gaps_new: Vec<&'a Gap>,
    pub ghg: Option<GhgChange<'a>>,
}

/// Compares `old` (scored against `old_g`) with `new` (scored against `new_g`).
#[must_use]
pub fn compare<'a>(
    old_g: &Guideline,
    old: &'a Scorecard,
    new_g: &Guideline,
    new: &'a Scorecard,
) -> Diff<'a> {
    let guideline_changed =
        old.guideline.id != new.guideline.id || old.guideline.version != new.guideline.version;
    let areas = areas(old, new);
    let indicators = indicators(old_g, old, new_g, new, guideline_changed);
    let gaps_closed = old
        .gaps
        .iter()
        .filter(|g| {
            new.indicators.iter().any(|i| i.id == g.indicator)
                && !new.gaps.iter().any(|n| n.indicator == g.indicator)
        })
        .collect();
    let gaps_new = new
        .gaps
        .iter()
        .filter(|g| !old.gaps.iter().any(|o| o.indicator == g.indicator))
        .collect();
    let ghg = match (&old.ghg, &new.ghg) {
        (Some(a), Some(b)) => Some(ghg(a, b)),
        _ => None,
    };
    Diff {
        old,
        new,
        guideline_changed,
        total: Change::new(old.total, new.total),
        areas,
        indicators,
        gaps_closed,
        gaps_new,
        ghg,
    }
}

fn areas<'a>(old: &'a Scorecard, new: &'a Scorecard) -> Vec<AreaChange<'a>> {
    let mut out: Vec<AreaChange<'a>> = new
        .areas
        .iter()
        .map(|a| {
            let before = old.areas.iter().find(|o| o.id == a.id);
            AreaChange {
                id: &a.id,
                title: &a.title,
                before,
                after: Some(a),
                score: Change::new(before.and_then(|b| b.score), a.score),
            }
        })
        .collect();
    for a in &old.areas {
        if !new.areas.iter().any(|n| n.id == a.id) {
            out.push(AreaChange {
                id: &a.id,
                title: &a.title,
                before: Some(a),
                after: None,
                score: Change::new(a.score, None),
            });
        }
    }
    out
}

fn indicators<'a>(
    old_g: &Guideline,
    old: &'a Scorecard,
    new_g: &Guideline,
    new: &'a Scorecard,
    guideline_changed: bool,
) -> Vec<IndicatorChange<'a>> {
    let mut out = Vec::new();
    for after in &new.indicators {
        let before = old.indicators.iter().find(|o| o.id == after.id);
        let mut reasons = Vec::new();
        match before {
            None => reasons.push(Reason::Guideline(GuidelineChange::Added)),
            Some(before) => {
                if guideline_changed {
                    let a = old_g.indicators.iter().find(|i| i.id == after.id);
                    let b = new_g.indicators.iter().find(|i| i.id == after.id);
                    if let (Some(a), Some(b)) = (a, b) {
                        reasons.extend(
                            definition_changes(old_g, a, new_g, b)
                                .into_iter()
                                .map(Reason::Guideline),
                        );
                    }
                }
                let questions = answers_changed(before, after);
                if !questions.is_empty() {
                    reasons.push(Reason::Answers { questions });
                }
                let na = |s: Status| s == Status::NotApplicable;
                if na(before.status) != na(after.status) {
                    reasons.push(Reason::Applicability {
                        before: before.status,
                        after: after.status,
                    });
                }
            }
        }
        let points = Change::new(before.and_then(|b| b.points), after.points);
        let status_moved = before.is_some_and(|b| b.status != after.status);
        if (points.moved() || status_moved) && reasons.is_empty() {
            reasons.push(Reason::Figures);
        }
        if reasons.is_empty() {
            continue;
        }
        // Answers changed without moving the result are not a change of the score.
        if !points.moved()
            && !status_moved
            && reasons.iter().all(|r| matches!(r, Reason::Answers { .. }))
        {
            continue;
        }
        out.push(IndicatorChange {
            id: &after.id,
            area: &after.area,
            title: &after.title,
            before,
            after: Some(after),
            points,
            reasons,
        });
    }
    for before in &old.indicators {
        if !new.indicators.iter().any(|n| n.id == before.id) {
            out.push(IndicatorChange {
                id: &before.id,
                area: &before.area,
                title: &before.title,
                before: Some(before),
                after: None,
                points: Change::new(before.points, None),
                reasons: vec![Reason::Guideline(GuidelineChange::Removed)],
            });
        }
    }
    out
}

/// The questions an indicator reads whose answer differs, by id (in the newer order).
fn answers_changed<'a>(
    before: &'a IndicatorResult,
    after: &'a IndicatorResult,
) -> Vec<&'a QuestionRef> {
    let mut out = Vec::new();
    for a in &after.answers {
        let old = before
            .answers
            .iter()
            .find(|b| b.question.id == a.question.id);
        let same = old.is_some_and(|b| b.value == a.value && b.not_applicable == a.not_applicable);
        if !same {
            out.push(&a.question);
        }
    }
    for b in &before.answers {
        if !after.answers.iter().any(|a| a.question.id == b.question.id) && b.value.is_some() {
            out.push(&b.question);
        }
    }
    out
}

/// What changed in an indicator's definition between two guidelines.
fn definition_changes(
    old_g: &Guideline,
    a: &Indicator,
    new_g: &Guideline,
    b: &Indicator,
) -> Vec<GuidelineChange> {
    let mut out = Vec::new();
    if (a.weight - b.weight).abs() > 1e-12 {
        out.push(GuidelineChange::Weight {
            before: a.weight,
            after: b.weight,
        });
    }
    if rule_words(old_g, &a.rule) != rule_words(new_g, &b.rule) {
        out.push(GuidelineChange::Rule);
    }
    if levels_words(old_g, a) != levels_words(new_g, b) {
        out.push(GuidelineChange::Levels);
    }
    let cond = |i: &Indicator| i.applies_if.as_ref().map(|c| c.source.trim().to_owned());
    if cond(a) != cond(b) {
        out.push(GuidelineChange::Applicability);
    }
    out
}

/// A rule as comparable text: its kind, the ids of the questions it reads, its formula.
fn rule_words(g: &Guideline, rule: &Rule) -> String {
    let q = |i: usize| g.questions.get(i).map_or("", |q| q.id.as_str());
    match rule {
        Rule::Choice { question } => format!("choice {}", q(*question)),
        Rule::YesNo { question } => format!("yes_no {}", q(*question)),
        Rule::Checklist { question, items } => {
            let items: Vec<&str> = items
                .iter()
                .map(|&i| {
                    g.questions[*question]
                        .options
                        .get(i)
                        .map_or("", |o| o.id.as_str())
                })
                .collect();
            format!("checklist {} {}", q(*question), items.join(","))
        }
        Rule::Bands { expr } => format!("bands {}", expr.source.trim()),
        Rule::Trend {
            question,
            per,
            better,
        } => format!(
            "trend {} {} {better:?}",
            q(*question),
            per.map_or("", |p| q(p))
        ),
    }
}

/// An indicator's levels as comparable text: points, what matches, and the words.
fn levels_words(g: &Guideline, ind: &Indicator) -> Vec<String> {
    let options = |question: Option<usize>, ids: &[usize]| -> String {
        let opts = question.map(|q| &g.questions[q].options);
        ids.iter()
            .map(|&i| {
                opts.and_then(|o| o.get(i))
                    .map_or_else(|| i.to_string(), |o| o.id.clone())
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let question = match &ind.rule {
        Rule::Choice { question } => Some(*question),
        _ => None,
    };
    ind.levels
        .iter()
        .map(|l| {
            let m = match &l.matcher {
                Match::Options(ids) => format!("options {}", options(question, ids)),
                Match::AtLeast(n) => format!("at_least {n}"),
                Match::Answer(b) => format!("answer {b}"),
                Match::Range { min, max } => format!("range {min:?} {max:?}"),
            };
            format!("{} {m} {:?}", l.points, l.text)
        })
        .collect()
}

fn ghg<'a>(old: &'a Inventory, new: &'a Inventory) -> GhgChange<'a> {
    let mut sources = Vec::new();
    for s in &new.sources {
        let before = old.sources.iter().find(|o| o.id == s.id);
        sources.push(source_change(s, before, Some(s)));
    }
    for s in &old.sources {
        if !new.sources.iter().any(|n| n.id == s.id) {
            sources.push(source_change(s, Some(s), None));
        }
    }
    GhgChange {
        before: old,
        after: new,
        sources,
        scope1: Change::new(old.scope1, new.scope1),
        scope2: Change::new(old.scope2_location, new.scope2_location),
        total: Change::new(old.total_location, new.total_location),
        intensity: Change::new(
            old.intensity.as_ref().and_then(|m| m.value),
            new.intensity.as_ref().and_then(|m| m.value),
        ),
    }
}

fn source_change<'a>(
    shown: &'a SourceResult,
    before: Option<&'a SourceResult>,
    after: Option<&'a SourceResult>,
) -> SourceChange<'a> {
    let t0 = before.map_or(0.0, |s| s.tco2e);
    let t1 = after.map_or(0.0, |s| s.tco2e);
    let delta = t1 - t0;
    let activity_effect = match (before, after) {
        (Some(b), Some(a)) => (a.activity - b.activity) * b.factor,
        _ => delta,
    };
    SourceChange {
        id: &shown.id,
        title: &shown.title,
        scope: shown.scope,
        before,
        after,
        delta,
        activity_effect,
        factor_effect: delta - activity_effect,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_knows_its_delta_and_whether_it_moved() {
        let c = Change::new(Some(40.0), Some(52.5));
        assert_eq!(c.delta(), Some(12.5));
        assert!(c.moved());
        assert!(!Change::new(Some(1.0), Some(1.0)).moved());
        assert!(Change::new(None, Some(1.0)).moved());
        assert_eq!(Change::new(None, Some(1.0)).delta(), None);
    }
}
