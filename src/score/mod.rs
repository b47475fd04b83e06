//! Scoring: `(&Guideline, &Answers) -> Scorecard`, pure, following the rules in `docs/scoring.md`.

mod facts;
mod indicator;
mod relevance;
mod weighing;

use crate::answers::{Answers, State};
use crate::expr::{Total, Value};
use crate::ghg;
use crate::guideline::{AdviceFrom, Guideline, Indicator};
use crate::scorecard::{
    AnswerShown, AreaResult, Completeness, FileWarning, Finding, Gap, GradeRef, GuidelineRef,
    IndicatorResult, MetricValue, Missing, Read, ReadKind, Scorecard, Shown, Status, Unanswered,
    Warning,
};
use crate::source::Diagnostic;
use crate::text::Text;

use facts::{Facts, Slot, question_ref};
use indicator::{Outcome, evaluate, level_ref};
pub use indicator::{show_answer, show_entry, shown, shown_entry};
use weighing::{Weighing, completeness, gain_rank};

/// Options for scoring.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// How unanswered indicators count.
    pub unanswered: Unanswered,
}

pub use crate::guideline::{SeriesUse, Uses};
pub use relevance::{Relevance, relevant};

/// The numbers of a scorecard without its words: what a portfolio summary needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// 0 to 100; absent when no area is applicable.
    pub total: Option<f64>,
    /// Index into `guideline.grades`.
    pub grade: Option<usize>,
    pub completeness: Completeness,
    /// One score per area of the guideline, in guideline order; absent when not applicable.
    pub areas: Vec<Option<f64>>,
    /// The largest gap: indicator index and gain.
    pub top_gap: Option<(usize, f64)>,
    /// The GHG totals, when the guideline has an inventory and the firm reported to it.
    pub ghg: Option<GhgTotals>,
    /// Factor-choice and plausibility warnings (not those of reading the file).
    pub warnings: Vec<Warning>,
    /// The firm's sector and size band, for a portfolio's survey (the guideline's `[ghg]`).
    pub sector: Option<String>,
    pub size_band: Option<String>,
    /// The figure of each "compared with the industry" question (`compare`) the firm has, by
    /// question index, for a benchmark.
    pub figures: Vec<(usize, f64)>,
}

/// A firm's GHG totals in tCO2e, and its intensity in the unit of the guideline's intensity metric.
#[derive(Debug, Clone, PartialEq)]
pub struct GhgTotals {
    pub scope1: f64,
    pub scope2_location: f64,
    pub scope2_market: f64,
    pub intensity: Option<f64>,
    /// Whether the scope totals are those of a verified inventory from elsewhere.
    pub verified: bool,
    /// Total energy use in MWh, when the sources give it.
    pub energy_mwh: Option<f64>,
    /// Energy use per carrier of `Guideline::carriers`, in MWh (0 for a carrier not used).
    pub energy_by_carrier: Vec<f64>,
}

thread_local! {
    /// How many times this thread has scored an answers file (made its facts), for tests that
    /// check that no file is scored twice.
    static SCORINGS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many answers files this thread has scored so far (each call of [`score`], [`summarize`]
/// or [`score_and_summarize`] counts once): tests use it to check that a portfolio's row and its
/// firm's report come from one scoring.
#[doc(hidden)]
#[must_use]
pub fn scorings_on_this_thread() -> u64 {
    SCORINGS.with(std::cell::Cell::get)
}

/// The facts of `answers` and the outcome of every indicator: the one scoring that a summary
/// row and a scorecard are both made from.
fn assess<'a>(
    guideline: &'a Guideline,
    answers: &'a Answers,
    explain: bool,
) -> (Facts<'a>, Vec<Outcome>) {
    SCORINGS.with(|c| c.set(c.get() + 1));
    // The factor tables each emission source read are cited by a scorecard only.
    let facts = if explain {
        Facts::new(guideline, answers)
    } else {
        Facts::numbers(guideline, answers)
    };
    let outcomes: Vec<Outcome> = guideline
        .indicators
        .iter()
        .map(|ind| evaluate(&facts, ind, explain))
        .collect();
    (facts, outcomes)
}

/// Scores `answers` against `guideline` for the numbers only: the same rules and arithmetic as
/// [`score`], without explanations, answers shown or ranked gaps.
#[must_use]
pub fn summarize(guideline: &Guideline, answers: &Answers, options: Options) -> Summary {
    let (facts, outcomes) = assess(guideline, answers, false);
    let w = Weighing::new(guideline, &outcomes, options.unanswered);
    summary_of(&facts, &outcomes, &w, true)
}

/// [`summarize`] without the warnings (`Summary::warnings` is empty): the same numbers, for a
/// summary that does not show warnings (the consistency checks are then evaluated only where
/// they set answers aside, which scoring needs).
#[must_use]
pub fn summarize_numbers(guideline: &Guideline, answers: &Answers, options: Options) -> Summary {
    let (facts, outcomes) = assess(guideline, answers, false);
    let w = Weighing::new(guideline, &outcomes, options.unanswered);
    summary_of(&facts, &outcomes, &w, false)
}

/// Scores `answers` once into both its full scorecard and the numbers of its summary row: what a
/// portfolio with each firm's report needs, for the price of one [`score`].
#[must_use]
pub fn score_and_summarize(
    guideline: &Guideline,
    answers: &Answers,
    options: Options,
) -> (Scorecard, Summary) {
    let (facts, outcomes) = assess(guideline, answers, true);
    let w = Weighing::new(guideline, &outcomes, options.unanswered);
    let summary = summary_of(&facts, &outcomes, &w, true);
    (scorecard(answers, &facts, &outcomes, w, options), summary)
}

/// A summary row's numbers from one scoring, with its warnings when `warnings` is true.
fn summary_of(facts: &Facts<'_>, outcomes: &[Outcome], w: &Weighing, warnings: bool) -> Summary {
    let guideline = facts.guideline;
    // The largest gain, with its rank (ties keep guideline order).
    let mut top: Option<(usize, f64, i64)> = None;
    for i in 0..guideline.indicators.len() {
        let gain = w.gain(guideline, i);
        if gain > 0.0 {
            let rank = gain_rank(gain);
            if top.is_none_or(|(_, _, best)| rank > best) {
                top = Some((i, gain, rank));
            }
        }
    }
    let top_gap = top.map(|(i, gain, _)| (i, gain));
    Summary {
        total: w.total,
        grade: w.total.and_then(|t| guideline.grade_index(t)),
        completeness: completeness(outcomes.iter().map(|o| o.status)),
        areas: w.area_scores.clone(),
        top_gap,
        ghg: ghg_totals(facts),
        sector: label(facts, guideline.ghg_sector.as_ref()),
        size_band: label(facts, guideline.ghg_size_band.as_ref()),
        figures: figures(facts, outcomes),
        warnings: if warnings {
            facts
                .factor_warnings
                .iter()
                .cloned()
                .chain(checks(facts))
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// A string an expression of the guideline gives for the firm (its sector, its size band).
fn label(facts: &Facts<'_>, c: Option<&crate::guideline::Condition>) -> Option<String> {
    match c?.expr.eval(facts) {
        Ok(Value::Str(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    }
}

/// The firm's figure of each question that compares one with the industry, where it has one and
/// an indicator reading the question applies to the firm.
fn figures(facts: &Facts<'_>, outcomes: &[Outcome]) -> Vec<(usize, f64)> {
    let g = facts.guideline;
    g.questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.compare.is_some())
        .filter(|&(i, _)| {
            g.uses().readers[i].iter().any(|r| {
                matches!(r, crate::guideline::uses::Reader::Indicator(x)
                    if outcomes[*x].status != Status::NotApplicable)
            })
        })
        .filter_map(|(i, q)| match q.compare.as_ref()?.figure.expr.eval(facts) {
            Ok(Value::Num(n)) if n.is_finite() => Some((i, n)),
            _ => None,
        })
        .collect()
}

fn ghg_totals(facts: &Facts<'_>) -> Option<GhgTotals> {
    let g = facts.guideline;
    if g.emission_sources.is_empty() {
        return None;
    }
    let get = |t| facts.inv.get(t).ok();
    Some(GhgTotals {
        scope1: get(Total::Scope1)?,
        scope2_location: get(Total::Scope2Location)?,
        scope2_market: get(Total::Scope2Market)?,
        intensity: g.ghg_intensity.and_then(|m| facts.metrics[m].ok()),
        verified: facts.inv.stated.is_some(),
        energy_mwh: get(Total::EnergyMwh),
        energy_by_carrier: ghg::by_carrier(g, &facts.inv.sources),
    })
}

/// Scores `answers` against `guideline`.
#[must_use]
pub fn score(guideline: &Guideline, answers: &Answers, options: Options) -> Scorecard {
    let (facts, outcomes) = assess(guideline, answers, true);
    let w = Weighing::new(guideline, &outcomes, options.unanswered);
    scorecard(answers, &facts, &outcomes, w, options)
}

/// The scorecard from one scoring.
fn scorecard(
    answers: &Answers,
    facts: &Facts<'_>,
    outcomes: &[Outcome],
    w: Weighing,
    options: Options,
) -> Scorecard {
    let guideline = facts.guideline;
    let total = w.total;

    // Areas.
    let areas: Vec<AreaResult> = guideline
        .areas
        .iter()
        .zip(&w.area_scores)
        .map(|(area, &score)| {
            let comp = completeness(area.indicators.iter().map(|&i| outcomes[i].status));
            let status = if score.is_some() {
                Status::Scored
            } else if comp.applicable > 0 {
                Status::Unanswered
            } else {
                Status::NotApplicable
            };
            AreaResult {
                id: area.id.clone(),
                title: area.title.clone(),
                weight: area.weight,
                status,
                score,
                completeness: comp,
            }
        })
        .collect();

    // Indicators and gains.
    let mut indicators = Vec::with_capacity(guideline.indicators.len());
    for (i, ind) in guideline.indicators.iter().enumerate() {
        let o = &outcomes[i];
        let a = ind.area;
        let gain = w.gain(guideline, i);
        let next = match (o.status, o.level) {
            (Status::Scored, Some(l)) if l + 1 < ind.levels.len() => Some(l + 1),
            (Status::Unanswered, _) => None,
            _ => None,
        };
        let answers_shown = ind
            .questions
            .iter()
            .map(|&q| {
                let question = &guideline.questions[q];
                let entry = answers.entries.get(q).and_then(Option::as_ref);
                AnswerShown {
                    question: question_ref(guideline, q),
                    value: entry.and_then(|e| indicator::shown_entry(question, e)),
                    not_applicable: entry.and_then(|e| match &e.state {
                        State::NotApplicable(r) => Some(r.clone()),
                        _ => None,
                    }),
                    evidence: entry.map(|e| e.evidence.clone()).unwrap_or_default(),
                    note: entry.and_then(|e| e.note.clone()),
                }
            })
            .collect();
        indicators.push(IndicatorResult {
            id: ind.id.clone(),
            area: guideline.areas[a].id.clone(),
            title: ind.title.clone(),
            core: ind.core,
            weight: ind.weight,
            status: o.status,
            points: o.level.map(|l| ind.levels[l].points),
            max_points: ind.max_points,
            score: if o.status == Status::Scored {
                w.s[i]
            } else {
                None
            },
            level: o.level.map(|l| level_ref(ind, l)),
            next_level: next.map(|l| level_ref(ind, l)),
            gain,
            finding: o
                .finding
                .as_deref()
                .cloned()
                .unwrap_or(Finding::Missing(Missing::Internal)),
            answers: answers_shown,
        });
    }

    let mut order: Vec<usize> = (0..indicators.len())
        .filter(|&i| indicators[i].gain > 0.0)
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(gain_rank(indicators[i].gain)));
    let gaps = order
        .iter()
        .enumerate()
        .map(|(rank, &i)| {
            let r = &indicators[i];
            let ind = &guideline.indicators[i];
            Gap {
                rank: rank + 1,
                indicator: r.id.clone(),
                area: r.area.clone(),
                title: r.title.clone(),
                status: r.status,
                gain: r.gain,
                level: r.level.clone(),
                next_level: r.next_level.clone(),
                recommendation: ind
                    .recommendation_from(advice_for(facts, ind, outcomes[i].level))
                    .clone(),
                effort: ind.effort,
            }
        })
        .collect();

    let metrics_list: Vec<MetricValue> = guideline
        .metrics
        .iter()
        .zip(&facts.metrics)
        .map(|(m, v)| MetricValue {
            id: m.id.clone(),
            title: m.title.clone(),
            unit: m.unit.clone(),
            value: v.ok(),
        })
        .collect();

    let ghg = (!guideline.emission_sources.is_empty()).then(|| {
        ghg::section(
            guideline,
            &facts.inv,
            guideline.ghg_intensity.map(|m| metrics_list[m].clone()),
            &|why| facts.missing(why, true),
        )
    });
    let mut warnings: Vec<Warning> = answers.warnings.iter().map(file_warning).collect();
    warnings.extend(facts.factor_warnings.iter().cloned());
    warnings.extend(checks(facts));

    Scorecard {
        guideline: GuidelineRef {
            id: guideline.id.clone(),
            version: guideline.version.clone(),
            title: guideline.title.clone(),
            languages: guideline.languages.clone(),
            grades: guideline
                .grades
                .iter()
                .map(|g| GradeRef {
                    id: g.id.clone(),
                    title: g.title.clone(),
                    min: g.min,
                })
                .collect(),
        },
        firm: answers.firm.clone(),
        file: answers.file.clone(),
        unanswered_policy: options.unanswered,
        total,
        grade: total
            .and_then(|t| guideline.grade_for(t))
            .map(|g| GradeRef {
                id: g.id.clone(),
                title: g.title.clone(),
                min: g.min,
            }),
        completeness: completeness(outcomes.iter().map(|o| o.status)),
        areas,
        gaps,
        indicators,
        metrics: metrics_list,
        ghg,
        warnings,
    }
}

/// Which recommendation fits the firm: the first `[[indicator.advice]]` whose condition holds,
/// else the recommendation of the level the firm is at, else the indicator's own.
fn advice_for(facts: &Facts<'_>, ind: &Indicator, level: Option<usize>) -> AdviceFrom {
    if let Some(i) = ind
        .advice
        .iter()
        .position(|a| matches!(a.when.expr.eval(facts), Ok(Value::Bool(true))))
    {
        return AdviceFrom::Advice(i);
    }
    match level {
        Some(l) if ind.levels[l].recommendation.is_some() => AdviceFrom::Level(l),
        _ => AdviceFrom::Indicator,
    }
}

/// A warning of reading the answers file as data: its rule code, position and words.
#[must_use]
pub fn file_warning(d: &Diagnostic) -> Warning {
    Warning::File(FileWarning {
        code: d.code.to_string(),
        file: d.file.clone(),
        line: d.line,
        column: d.column,
        message: Text::both(&d.message.ko, &d.message.en),
        help: d.help.as_ref().map(|h| Text::both(&h.ko, &h.en)),
    })
}

/// The warnings of the guideline's plausibility checks whose condition holds, each with the
/// answers and metrics it read.
fn checks(facts: &Facts<'_>) -> Vec<Warning> {
    let g = facts.guideline;
    g.checks
        .iter()
        .enumerate()
        // A check that invalidated answers held on them; they no longer give it a value.
        .filter(|(i, c)| {
            facts.invalidating[*i] || matches!(c.warn_if.expr.eval(facts), Ok(Value::Bool(true)))
        })
        .map(|(_, c)| {
            let mut read: Vec<Read> = Vec::new();
            c.warn_if.expr.visit_questions(&mut |q| {
                if let Slot::Answered(v) | Slot::Invalid(_, v) = &facts.slots[q] {
                    let id = &g.questions[q].id;
                    if !read
                        .iter()
                        .any(|r| r.kind == ReadKind::Question && &r.id == id)
                    {
                        read.push(Read {
                            kind: ReadKind::Question,
                            id: id.clone(),
                            title: g.questions[q].prompt.clone(),
                            value: shown(&g.questions[q], v),
                        });
                    }
                }
            });
            c.warn_if.expr.visit_metrics(&mut |m| {
                if let Ok(v) = facts.metrics[m] {
                    let id = &g.metrics[m].id;
                    if !read
                        .iter()
                        .any(|r| r.kind == ReadKind::Metric && &r.id == id)
                    {
                        read.push(Read {
                            kind: ReadKind::Metric,
                            id: id.clone(),
                            title: g.metrics[m].title.clone(),
                            value: Shown::Number {
                                value: v,
                                unit: g.metrics[m].unit.clone(),
                            },
                        });
                    }
                }
            });
            Warning::Check {
                id: c.id.clone(),
                message: c.message.clone(),
                read,
            }
        })
        .collect()
}
