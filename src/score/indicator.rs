//! One indicator's outcome: not applicable, unanswered, or the level its rule gives, with the
//! words that explain it.

use super::facts::{Facts, Slot};
use crate::answers::AnswerValue;
use crate::expr::{Env, NoTrend, Unknown, Value, trend};
use crate::ghg;
use crate::guideline::{Better, Indicator, Level, Match, Question, Rule};
use crate::scorecard::{LevelRef, Status};
use crate::text::{Lang, number};
use crate::tr;

/// The outcome for one indicator before weighting.
pub(super) struct Outcome {
    pub(super) status: Status,
    pub(super) level: Option<usize>,
    pub(super) explanation: String,
}

impl Outcome {
    fn na(explanation: String) -> Outcome {
        Outcome {
            status: Status::NotApplicable,
            level: None,
            explanation,
        }
    }
    fn unanswered(explanation: String) -> Outcome {
        Outcome {
            status: Status::Unanswered,
            level: None,
            explanation,
        }
    }
}

/// The words of an explanation in `lang`; none when only the numbers are wanted.
pub(super) fn say(words: Option<Lang>, words_in: impl FnOnce(Lang) -> String) -> String {
    words.map_or_else(String::new, words_in)
}

pub(super) fn unknown_outcome(
    facts: &Facts<'_>,
    ind: &Indicator,
    why: Unknown,
    words: Option<Lang>,
) -> Outcome {
    let g = facts.guideline;
    match why {
        Unknown::Unanswered(q) => Outcome::unanswered(say(words, |lang| {
            tr!(
                lang,
                "`{}` 질문에 답하지 않았습니다.",
                "Question `{}` is not answered.",
                g.questions[q].id
            )
        })),
        Unknown::TooFewYears(q) => Outcome::unanswered(say(words, |lang| {
            tr!(
                lang,
                "`{}`에 적어도 2개 연도의 수치가 필요합니다.",
                "`{}` needs figures for at least two years.",
                g.questions[q].id
            )
        })),
        Unknown::NoFactor(_)
        | Unknown::NoReportingYear
        | Unknown::DivisionByZero(_)
        | Unknown::Overflow
        | Unknown::NoTrend(_)
        | Unknown::Internal => {
            Outcome::unanswered(say(words, |lang| ghg::reason(g, why, lang, facts.inv.year)))
        }
        Unknown::NotApplicable(q) => {
            let reason = match &facts.slots[q] {
                Slot::NotApplicable(r) => say(words, |lang| {
                    tr!(
                        lang,
                        "`{}`: 해당 없음 — {}",
                        "`{}` is not applicable: {}",
                        g.questions[q].id,
                        r
                    )
                }),
                // A question that is not asked does not apply to the firm, whatever the indicator allows.
                Slot::NotAsked(cond) => {
                    return Outcome::na(say(words, |lang| {
                        tr!(
                            lang,
                            "`{}` 질문은 `{}`일 때만 묻습니다.",
                            "`{}` is asked only when `{}`.",
                            g.questions[q].id,
                            cond
                        )
                    }));
                }
                _ => String::new(),
            };
            if ind.allow_na {
                Outcome::na(reason)
            } else {
                Outcome::unanswered(say(words, |lang| {
                    tr!(
                        lang,
                        "{} 이 지표는 해당 없음을 허용하지 않으므로 답이 필요합니다.",
                        "{} This indicator needs an answer nonetheless.",
                        reason
                    )
                }))
            }
        }
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

pub(super) fn evaluate(facts: &Facts<'_>, ind: &Indicator, words: Option<Lang>) -> Outcome {
    if let Some(cond) = &ind.applies_if {
        match cond.expr.eval(facts) {
            Ok(Value::Bool(true)) => {}
            Ok(_) => {
                return Outcome::na(say(words, |lang| {
                    tr!(
                        lang,
                        "적용 조건 `{}`에 해당하지 않습니다.",
                        "Applies only when `{}`, which does not hold for this firm.",
                        cond.source
                    )
                }));
            }
            Err(why) => return unknown_outcome(facts, ind, why, words),
        }
    }
    let g = facts.guideline;
    let question_value = |q: usize| facts.question(q);
    let (level, how) = match &ind.rule {
        Rule::Choice { question } => match question_value(*question) {
            Err(why) => return unknown_outcome(facts, ind, why, words),
            Ok(_) => {
                let Slot::Answered(AnswerValue::Choice(i)) = facts.slots[*question] else {
                    return Outcome::unanswered(String::new());
                };
                let level = ind
                    .levels
                    .iter()
                    .position(|l| matches!(&l.matcher, Match::Options(o) if o.contains(i)))
                    .unwrap_or(0);
                let text = &g.questions[*question].options[*i].text;
                (
                    level,
                    say(words, |lang| {
                        tr!(lang, "답 “{}”", "Answer “{}”", text.show(lang))
                    }),
                )
            }
        },
        Rule::YesNo { question } => match question_value(*question) {
            Err(why) => return unknown_outcome(facts, ind, why, words),
            Ok(v) => {
                let b = v == Value::Bool(true);
                let level = ind
                    .levels
                    .iter()
                    .position(|l| matches!(l.matcher, Match::Answer(a) if a == b))
                    .unwrap_or(0);
                (
                    level,
                    say(words, |lang| {
                        tr!(lang, "답 “{}”", "Answer “{}”", yes_no(b, lang))
                    }),
                )
            }
        },
        Rule::Checklist { question, items } => match question_value(*question) {
            Err(why) => return unknown_outcome(facts, ind, why, words),
            Ok(_) => {
                let Slot::Answered(AnswerValue::Multi(ticked)) = facts.slots[*question] else {
                    return Outcome::unanswered(String::new());
                };
                let met = ticked.iter().filter(|t| items.contains(t)).count();
                let level = ind
                    .levels
                    .iter()
                    .rposition(|l| matches!(l.matcher, Match::AtLeast(n) if n as usize <= met))
                    .unwrap_or(0);
                (
                    level,
                    say(words, |lang| {
                        tr!(
                            lang,
                            "{}개 항목 중 {}개 충족",
                            "{1} of {0} elements met",
                            items.len(),
                            met
                        )
                    }),
                )
            }
        },
        Rule::Bands { expr } => match expr.expr.eval(facts) {
            Err(why) => return unknown_outcome(facts, ind, why, words),
            // Evaluation gives finite numbers only; a value that is not one is never placed in a band.
            Ok(Value::Num(n)) if !n.is_finite() => {
                return unknown_outcome(facts, ind, Unknown::Overflow, words);
            }
            Ok(v) => {
                let n = if let Value::Num(n) = v { n } else { 0.0 };
                (
                    range_level(&ind.levels, n),
                    say(words, |lang| {
                        tr!(lang, "`{}` = {}", "`{}` = {}", expr.source, number(n, 2))
                    }),
                )
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
                Err(why) => return unknown_outcome(facts, ind, why, words),
            };
            let d = match per.map(series).transpose() {
                Ok(d) => d,
                Err(why) => return unknown_outcome(facts, ind, why, words),
            };
            let t = match trend(&s, d.as_deref()) {
                Ok(t) => t,
                Err(NoTrend::TooFewYears) => {
                    return unknown_outcome(facts, ind, Unknown::TooFewYears(*question), words);
                }
                Err(NoTrend::ZeroMean) => {
                    return unknown_outcome(facts, ind, Unknown::NoTrend(*question), words);
                }
                Err(NoTrend::Overflow) => {
                    return unknown_outcome(facts, ind, Unknown::Overflow, words);
                }
            };
            let trend = t.percent;
            let improvement = if *better == Better::Lower {
                -trend
            } else {
                trend
            };
            (
                range_level(&ind.levels, improvement),
                say(words, |lang| {
                    tr!(
                        lang,
                        "연평균 {}% {} ({}개 연도)",
                        "{}% a year {} over {} years",
                        number(improvement.abs(), 1),
                        if improvement >= 0.0 {
                            lang.pick("개선", "better")
                        } else {
                            lang.pick("악화", "worse")
                        },
                        t.years
                    )
                }),
            )
        }
    };
    let lv = &ind.levels[level];
    Outcome {
        status: Status::Scored,
        level: Some(level),
        explanation: say(words, |lang| {
            tr!(
                lang,
                "{0} → {2}단계 중 {1}단계 ({3}/{4}점)",
                "{0} → level {1} of {2} ({3}/{4} points)",
                how,
                level + 1,
                ind.levels.len(),
                number(lv.points, 2),
                number(ind.max_points, 2)
            )
        }),
    }
}

pub(super) fn yes_no(b: bool, lang: Lang) -> &'static str {
    match (b, lang) {
        (true, Lang::Ko) => "예",
        (false, Lang::Ko) => "아니요",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    }
}

/// An answer as a person reads it.
#[must_use]
pub fn show_answer(q: &Question, v: &AnswerValue, lang: Lang) -> String {
    let unit = q
        .unit
        .as_ref()
        .map(|u| format!(" {}", u.show(lang)))
        .unwrap_or_default();
    match v {
        AnswerValue::Bool(b) => yes_no(*b, lang).to_owned(),
        AnswerValue::Choice(i) => q.options[*i].text.show(lang).to_owned(),
        AnswerValue::Multi(items) if items.is_empty() => {
            lang.pick("해당 없음(선택 없음)", "none ticked").to_owned()
        }
        AnswerValue::Multi(items) => items
            .iter()
            .map(|i| q.options[*i].text.show(lang))
            .collect::<Vec<_>>()
            .join("; "),
        AnswerValue::Num(n) => format!("{}{unit}", number(*n, 4)),
        AnswerValue::Text(t) => t.clone(),
        AnswerValue::Series(s) => {
            let parts: Vec<String> = s
                .iter()
                .map(|(y, v)| format!("{y}: {}", number(*v, 4)))
                .collect();
            format!("{}{unit}", parts.join(", "))
        }
    }
}

pub(super) fn level_ref(ind: &Indicator, i: usize, lang: Lang) -> LevelRef {
    let l = &ind.levels[i];
    LevelRef {
        number: i + 1,
        of: ind.levels.len(),
        points: l.points,
        text: l.text.show(lang).to_owned(),
    }
}
