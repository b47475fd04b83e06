//! One indicator's outcome: not applicable, unanswered, or the level its rule gives, with the
//! finding that explains it (as data; `report::words` puts it into words).

use super::facts::{Facts, Slot};
use crate::answers::AnswerValue;
use crate::expr::{Env, Expr, NoTrend, Unknown, Value, trend};
use crate::guideline::{Better, Guideline, Indicator, Level, Match, Question, Rule};
use crate::scorecard::{Finding, How, LevelRef, OptionRef, Shown, Status};
use crate::text::Lang;

/// The outcome for one indicator before weighting.
pub(super) struct Outcome {
    pub(super) status: Status,
    pub(super) level: Option<usize>,
    /// Why, as data; left out when only the numbers are wanted (boxed, so that an outcome
    /// without one is small).
    pub(super) finding: Option<Box<Finding>>,
    /// Unanswered because an answer it reads cannot be true with the others: it counts 0 under
    /// every policy, so that an impossible answer never does better than the worst true one.
    pub(super) invalid: bool,
}

impl Outcome {
    fn na(finding: Option<Box<Finding>>) -> Outcome {
        Outcome {
            status: Status::NotApplicable,
            level: None,
            finding,
            invalid: false,
        }
    }
    fn unanswered(finding: Option<Box<Finding>>) -> Outcome {
        Outcome {
            status: Status::Unanswered,
            level: None,
            finding,
            invalid: false,
        }
    }
}

/// `make()` when the finding is wanted.
fn say(detail: bool, make: impl FnOnce() -> Finding) -> Option<Box<Finding>> {
    detail.then(|| Box::new(make()))
}

pub(super) fn unknown_outcome(
    facts: &Facts<'_>,
    ind: &Indicator,
    why: Unknown,
    detail: bool,
) -> Outcome {
    let missing = || Finding::Missing(facts.missing(why, false));
    match why {
        Unknown::NotApplicable(q) => match &facts.slots[q] {
            // A question that is not asked does not apply to the firm, whatever the indicator allows.
            Slot::NotAsked(_) => Outcome::na(say(detail, missing)),
            Slot::NotApplicable(_) if ind.allow_na => Outcome::na(say(detail, missing)),
            Slot::NotApplicable(reason) => {
                Outcome::unanswered(say(detail, || Finding::NeedsAnswer {
                    question: facts.question_ref(q),
                    reason: (*reason).to_owned(),
                }))
            }
            Slot::Answered(_) | Slot::Invalid(..) | Slot::Unanswered => {
                Outcome::unanswered(say(detail, missing))
            }
        },
        Unknown::Invalid(_) => Outcome {
            invalid: true,
            ..Outcome::unanswered(say(detail, missing))
        },
        _ => Outcome::unanswered(say(detail, missing)),
    }
}

pub(super) fn range_level(levels: &[Level], value: f64) -> usize {
    levels
        .iter()
        .rposition(|l| match l.matcher {
            Match::Range { min, max } => {
                min.is_none_or(|m| value >= m) && max.is_none_or(|m| value < m)
            }
            _ => false,
        })
        .unwrap_or(0)
}

pub(super) fn evaluate(facts: &Facts<'_>, ind: &Indicator, detail: bool) -> Outcome {
    if let Some(cond) = &ind.applies_if {
        match cond.expr.eval(facts) {
            Ok(Value::Bool(true)) => {}
            Ok(_) => {
                return Outcome::na(say(detail, || Finding::DoesNotApply {
                    condition: cond.source.clone(),
                    reason: ind.applies_if_reason.clone(),
                }));
            }
            Err(why) => return unknown_outcome(facts, ind, why, detail),
        }
    }
    let g = facts.guideline;
    let question_value = |q: usize| facts.question(q);
    let (level, how): (usize, Option<How>) = match &ind.rule {
        Rule::Choice { question } => match facts.has_value(*question) {
            Err(why) => return unknown_outcome(facts, ind, why, detail),
            Ok(()) => {
                let Slot::Answered(AnswerValue::Choice(i)) = facts.slots[*question] else {
                    return Outcome::unanswered(None);
                };
                let level = ind
                    .levels
                    .iter()
                    .position(|l| matches!(&l.matcher, Match::Options(o) if o.contains(i)))
                    .unwrap_or(0);
                let how = detail.then(|| How::Choice {
                    question: facts.question_ref(*question),
                    option: option_ref(&g.questions[*question], *i),
                });
                (level, how)
            }
        },
        Rule::YesNo { question } => match question_value(*question) {
            Err(why) => return unknown_outcome(facts, ind, why, detail),
            Ok(v) => {
                let b = v == Value::Bool(true);
                let level = ind
                    .levels
                    .iter()
                    .position(|l| matches!(l.matcher, Match::Answer(a) if a == b))
                    .unwrap_or(0);
                let how = detail.then(|| How::YesNo {
                    question: facts.question_ref(*question),
                    answer: b,
                });
                (level, how)
            }
        },
        Rule::Checklist { question, items } => match facts.has_value(*question) {
            Err(why) => return unknown_outcome(facts, ind, why, detail),
            Ok(()) => {
                let Slot::Answered(AnswerValue::Multi(ticked)) = facts.slots[*question] else {
                    return Outcome::unanswered(None);
                };
                let met = ticked.iter().filter(|t| items.contains(t)).count();
                let level = ind
                    .levels
                    .iter()
                    .rposition(|l| matches!(l.matcher, Match::AtLeast(n) if n as usize <= met))
                    .unwrap_or(0);
                let how = detail.then(|| How::Checklist {
                    question: facts.question_ref(*question),
                    met,
                    of: items.len(),
                });
                (level, how)
            }
        },
        Rule::Bands { expr } => match expr.expr.eval(facts) {
            Err(why) => return unknown_outcome(facts, ind, why, detail),
            // Evaluation gives finite numbers only; a value that is not one is never placed in a band.
            Ok(Value::Num(n)) if !n.is_finite() => {
                return unknown_outcome(facts, ind, Unknown::Overflow, detail);
            }
            Ok(v) => {
                let n = if let Value::Num(n) = v { n } else { 0.0 };
                let how = detail.then(|| How::Bands {
                    expression: expr.source.clone(),
                    value: n,
                    unit: unit_of(g, &expr.expr),
                });
                (range_level(&ind.levels, n), how)
            }
        },
        Rule::Trend {
            question,
            per,
            better,
        } => {
            let series = |q: usize| match facts.question(q) {
                Ok(Value::Series(s)) => Ok(s),
                Ok(_) => Err(Unknown::Internal),
                Err(e) => Err(e),
            };
            let s = match series(*question) {
                Ok(s) => s,
                Err(why) => return unknown_outcome(facts, ind, why, detail),
            };
            let d = match per.map(series).transpose() {
                Ok(d) => d,
                Err(why) => return unknown_outcome(facts, ind, why, detail),
            };
            let t = match trend(&s, d.as_deref()) {
                Ok(t) => t,
                Err(NoTrend::TooFewYears) => {
                    return unknown_outcome(facts, ind, Unknown::TooFewYears(*question), detail);
                }
                Err(NoTrend::ZeroMean) => {
                    return unknown_outcome(facts, ind, Unknown::NoTrend(*question), detail);
                }
                Err(NoTrend::Overflow) => {
                    return unknown_outcome(facts, ind, Unknown::Overflow, detail);
                }
            };
            let trend = t.percent;
            let improvement = if *better == Better::Lower {
                -trend
            } else {
                trend
            };
            let how = detail.then(|| {
                // The years the trend used: those of the series (with `per`, those both have).
                let years: Vec<i32> = s
                    .iter()
                    .map(|p| p.0)
                    .filter(|y| {
                        d.as_deref()
                            .is_none_or(|per| per.iter().any(|p| p.0 == *y && p.1 != 0.0))
                    })
                    .collect();
                How::Trend {
                    question: facts.question_ref(*question),
                    per: per.map(|p| facts.question_ref(p)),
                    improvement,
                    first_year: years.first().copied().unwrap_or(0),
                    last_year: years.last().copied().unwrap_or(0),
                    years: t.years,
                }
            });
            (range_level(&ind.levels, improvement), how)
        }
    };
    Outcome {
        invalid: false,
        status: Status::Scored,
        level: Some(level),
        finding: how.map(|how| {
            Box::new(Finding::Scored {
                how,
                level: level_ref(ind, level),
                max_points: ind.max_points,
            })
        }),
    }
}

/// The unit of a bands expression that is a single metric with a unit. (A single question's
/// answer is shown with the answers read.)
fn unit_of(g: &Guideline, e: &Expr) -> Option<crate::text::Text> {
    match e {
        Expr::Metric(m) => g.metrics[*m].unit.clone(),
        _ => None,
    }
}

fn option_ref(q: &Question, i: usize) -> OptionRef {
    OptionRef {
        id: q.options[i].id.clone(),
        text: q.options[i].text.clone(),
    }
}

/// An answer as data a person can read: option texts and units with the values.
#[must_use]
pub fn shown(q: &Question, v: &AnswerValue) -> Shown {
    match v {
        AnswerValue::Bool(b) => Shown::YesNo { answer: *b },
        AnswerValue::Choice(i) => Shown::Choice {
            option: option_ref(q, *i),
        },
        AnswerValue::Multi(items) => Shown::Multi {
            options: items.iter().map(|&i| option_ref(q, i)).collect(),
        },
        AnswerValue::Num(n) => Shown::Number {
            value: *n,
            unit: q.unit.clone(),
        },
        AnswerValue::Text(t) => Shown::Text { text: t.clone() },
        AnswerValue::Series(s) => Shown::Series {
            values: s.clone(),
            unit: q.unit.clone(),
        },
        AnswerValue::Table(rows) => Shown::Table {
            columns: q
                .columns
                .iter()
                .map(|c| crate::scorecard::QuestionRef {
                    id: c.id.clone(),
                    prompt: c.prompt.clone(),
                    references: std::collections::BTreeMap::new(),
                })
                .collect(),
            rows: rows
                .iter()
                .map(|row| {
                    row.iter()
                        .zip(&q.columns)
                        .map(|(cell, col)| match cell {
                            crate::answers::Cell::Bool(b) => Shown::YesNo { answer: *b },
                            crate::answers::Cell::Choice(i) => Shown::Choice {
                                option: OptionRef {
                                    id: col.options[*i].id.clone(),
                                    text: col.options[*i].text.clone(),
                                },
                            },
                            crate::answers::Cell::Num(n) => Shown::Number {
                                value: *n,
                                unit: col.unit.clone(),
                            },
                            crate::answers::Cell::Text(t) => Shown::Text { text: t.clone() },
                        })
                        .collect()
                })
                .collect(),
        },
    }
}

/// A question's entry as data a person can read: as [`shown`], and for a figure given in another
/// unit than the question's first, that figure as written beside the converted one.
#[must_use]
pub fn shown_entry(q: &Question, e: &crate::answers::Entry) -> Option<Shown> {
    let crate::answers::State::Value(v) = &e.state else {
        return None;
    };
    let converted = shown(q, v);
    match &e.given {
        Some(g) if g.unit > 0 && g.unit < q.units.len() => {
            let unit = Some(q.units[g.unit].text.clone());
            let given = match &g.value {
                AnswerValue::Num(n) => Shown::Number { value: *n, unit },
                AnswerValue::Series(s) => Shown::Series {
                    values: s.clone(),
                    unit,
                },
                _ => return Some(converted),
            };
            Some(Shown::Converted {
                given: Box::new(given),
                value: Box::new(converted),
            })
        }
        _ => Some(converted),
    }
}

/// A question's entry as a person reads it (the figure as given, with its unit), if answered.
#[must_use]
pub fn show_entry(q: &Question, e: &crate::answers::Entry, lang: Lang) -> Option<String> {
    shown_entry(q, e).map(|s| s.words(lang))
}

/// An answer as a person reads it.
#[must_use]
pub fn show_answer(q: &Question, v: &AnswerValue, lang: Lang) -> String {
    shown(q, v).words(lang)
}

pub(super) fn level_ref(ind: &Indicator, i: usize) -> LevelRef {
    let l = &ind.levels[i];
    LevelRef {
        number: i + 1,
        of: ind.levels.len(),
        points: l.points,
        text: l.text.clone(),
    }
}
