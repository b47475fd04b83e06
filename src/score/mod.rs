//! Scoring: `(&Guideline, &Answers) -> Scorecard`, pure, following the rules in `docs/scoring.md`.

mod facts;
mod indicator;
mod weighing;

use crate::answers::{Answers, State};
use crate::expr::Value;
use crate::ghg;
use crate::guideline::Guideline;
use crate::scorecard::{
    AnswerShown, AreaResult, Completeness, Gap, GradeRef, GuidelineRef, IndicatorResult,
    MetricValue, Scorecard, Status, Unanswered,
};
use crate::text::{Lang, number};

use facts::{Facts, Slot};
pub use indicator::show_answer;
use indicator::{Outcome, evaluate, level_ref};
use weighing::{Weighing, completeness, gain_rank};

/// Options for scoring.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// How unanswered indicators count.
    pub unanswered: Unanswered,
    /// The language of the scorecard's text.
    pub lang: Lang,
}

/// Which questions are asked given the answers so far: a question whose ask-condition is false is
/// not asked; one whose condition cannot be known yet (it reads an unanswered question) is asked.
#[must_use]
pub fn asked(guideline: &Guideline, answers: &Answers) -> Vec<bool> {
    Facts::questions(guideline, answers)
        .slots
        .iter()
        .map(|s| !matches!(s, Slot::NotAsked(_)))
        .collect()
}

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
    pub warnings: Vec<String>,
}

/// A firm's GHG totals in tCO2e, and its intensity in the unit of the guideline's intensity metric.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GhgTotals {
    pub scope1: f64,
    pub scope2_location: f64,
    pub scope2_market: f64,
    pub intensity: Option<f64>,
}

/// Scores `answers` against `guideline` for the numbers only: the same rules and arithmetic as
/// [`score`], without explanations, answers shown or ranked gaps.
#[must_use]
pub fn summarize(guideline: &Guideline, answers: &Answers, options: Options) -> Summary {
    let lang = guideline.lang(options.lang);
    let unanswered = options.unanswered;
    let facts = Facts::new(guideline, answers, lang);
    let outcomes: Vec<Outcome> = guideline
        .indicators
        .iter()
        .map(|ind| evaluate(&facts, ind, None))
        .collect();
    let w = Weighing::new(guideline, &outcomes, unanswered);
    let mut top_gap: Option<(usize, f64)> = None;
    for i in 0..guideline.indicators.len() {
        let gain = w.gain(guideline, i);
        if gain > 0.0 && top_gap.is_none_or(|(_, best)| gain_rank(gain) > gain_rank(best)) {
            top_gap = Some((i, gain));
        }
    }
    Summary {
        total: w.total,
        grade: w.total.and_then(|t| guideline.grade_index(t)),
        completeness: completeness(outcomes.iter().map(|o| o.status)),
        areas: w.area_scores,
        top_gap,
        ghg: ghg_totals(&facts),
        warnings: facts
            .factor_warnings
            .iter()
            .cloned()
            .chain(checks(&facts, lang))
            .collect(),
    }
}

fn ghg_totals(facts: &Facts<'_>) -> Option<GhgTotals> {
    let g = facts.guideline;
    if g.emission_sources.is_empty() {
        return None;
    }
    facts.inv.totals.as_ref().ok().map(|t| GhgTotals {
        scope1: t.scope1,
        scope2_location: t.scope2_location,
        scope2_market: t.scope2_market,
        intensity: g.ghg_intensity.and_then(|m| facts.metrics[m].ok()),
    })
}

/// Scores `answers` against `guideline`.
#[must_use]
pub fn score(guideline: &Guideline, answers: &Answers, options: Options) -> Scorecard {
    let lang = guideline.lang(options.lang);
    let facts = Facts::new(guideline, answers, lang);
    let outcomes: Vec<Outcome> = guideline
        .indicators
        .iter()
        .map(|ind| evaluate(&facts, ind, Some(lang)))
        .collect();
    let w = Weighing::new(guideline, &outcomes, options.unanswered);
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
                title: area.title.show(lang).to_owned(),
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
                    question: question.id.clone(),
                    prompt: question.prompt.show(lang).to_owned(),
                    answer: answers.value(q).map(|v| show_answer(question, v, lang)),
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
            title: ind.title.show(lang).to_owned(),
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
            level: o.level.map(|l| level_ref(ind, l, lang)),
            next_level: next.map(|l| level_ref(ind, l, lang)),
            gain,
            explanation: o.explanation.clone(),
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
                recommendation: ind.recommendation.show(lang).to_owned(),
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
            title: m.title.show(lang).to_owned(),
            unit: m.unit.as_ref().map(|u| u.show(lang).to_owned()),
            value: v.ok(),
        })
        .collect();

    let ghg = (!guideline.emission_sources.is_empty()).then(|| {
        ghg::section(
            guideline,
            &facts.inv,
            guideline.ghg_intensity.map(|m| metrics_list[m].clone()),
            lang,
        )
    });
    let mut warnings: Vec<String> = answers.warnings.iter().map(ToString::to_string).collect();
    warnings.extend(facts.factor_warnings.iter().cloned());
    warnings.extend(checks(&facts, lang));

    Scorecard {
        format_version: crate::scorecard::FORMAT_VERSION,
        guideline: GuidelineRef {
            id: guideline.id.clone(),
            version: guideline.version.clone(),
            title: guideline.title.show(lang).to_owned(),
        },
        firm: answers.firm.clone(),
        file: answers.file.clone(),
        lang,
        unanswered_policy: options.unanswered,
        total,
        grade: total
            .and_then(|t| guideline.grade_for(t))
            .map(|g| GradeRef {
                id: g.id.clone(),
                title: g.title.show(lang).to_owned(),
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

/// The warnings of the guideline's plausibility checks whose condition holds, each with the
/// answers and metrics it read.
fn checks(facts: &Facts<'_>, lang: Lang) -> Vec<String> {
    let g = facts.guideline;
    g.checks
        .iter()
        .filter(|c| matches!(c.warn_if.expr.eval(facts), Ok(Value::Bool(true))))
        .map(|c| {
            let mut read = Vec::new();
            c.warn_if.expr.visit_questions(&mut |q| {
                if let Slot::Answered(v) = &facts.slots[q] {
                    let shown = format!(
                        "{} = {}",
                        g.questions[q].id,
                        show_answer(&g.questions[q], v, lang)
                    );
                    if !read.contains(&shown) {
                        read.push(shown);
                    }
                }
            });
            c.warn_if.expr.visit_metrics(&mut |m| {
                if let Ok(v) = facts.metrics[m] {
                    let unit = g.metrics[m]
                        .unit
                        .as_ref()
                        .map(|u| format!(" {}", u.show(lang)))
                        .unwrap_or_default();
                    let shown = format!("{} = {}{unit}", g.metrics[m].id, number(v, 2));
                    if !read.contains(&shown) {
                        read.push(shown);
                    }
                }
            });
            if read.is_empty() {
                format!("{} [{}]", c.message.show(lang), c.id)
            } else {
                format!("{} [{}: {}]", c.message.show(lang), c.id, read.join("; "))
            }
        })
        .collect()
}
