//! Scoring: `(&Guideline, &Answers) -> Scorecard`, pure, following the rules in `docs/scoring.md`.

use crate::answers::{AnswerValue, Answers, State};
use crate::expr::{Env, Total, Unknown, Value, trend_percent};
use crate::ghg;
use crate::guideline::{Better, Guideline, Indicator, Level, Match, Question, Rule};
use crate::scorecard::{
    AnswerShown, AreaResult, Completeness, Gap, GradeRef, GuidelineRef, IndicatorResult, LevelRef,
    MetricValue, Scorecard, Status, Unanswered,
};
use crate::text::{Lang, number};
use crate::tr;

/// Options for scoring.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// How unanswered indicators count.
    pub unanswered: Unanswered,
    /// The language of the scorecard's text.
    pub lang: Lang,
}

/// Where a question stands once ask-conditions are applied.
#[derive(Debug, Clone)]
enum Slot<'a> {
    Answered(&'a AnswerValue),
    NotApplicable(&'a str),
    NotAsked(&'a str),
    Unanswered,
}

struct Facts<'a> {
    guideline: &'a Guideline,
    slots: Vec<Slot<'a>>,
    metrics: Vec<Result<f64, Unknown>>,
    /// The inventory: factor tables chosen, sources, totals.
    inv: ghg::Computed,
    /// Why factor tables could not be chosen as expected.
    factor_warnings: Vec<String>,
}

impl Env for Facts<'_> {
    fn question(&self, q: usize) -> Result<Value<'_>, Unknown> {
        match &self.slots[q] {
            Slot::Answered(v) => Ok(match v {
                AnswerValue::Bool(b) => Value::Bool(*b),
                AnswerValue::Choice(i) => Value::Str(&self.guideline.questions[q].options[*i].id),
                AnswerValue::Multi(items) => Value::List(
                    items
                        .iter()
                        .map(|i| self.guideline.questions[q].options[*i].id.as_str())
                        .collect(),
                ),
                AnswerValue::Num(n) => Value::Num(*n),
                AnswerValue::Text(t) => Value::Str(t),
                AnswerValue::Series(s) => Value::Series(s.into()),
            }),
            Slot::NotApplicable(_) | Slot::NotAsked(_) => Err(Unknown::NotApplicable(q)),
            Slot::Unanswered => Err(Unknown::Unanswered(q)),
        }
    }

    fn answered(&self, q: usize) -> bool {
        matches!(self.slots[q], Slot::Answered(_))
    }

    fn option_value(&self, q: usize) -> Result<f64, Unknown> {
        match &self.slots[q] {
            Slot::Answered(AnswerValue::Choice(i)) => {
                Ok(self.guideline.questions[q].options[*i].value.unwrap_or(0.0))
            }
            Slot::Answered(_) | Slot::Unanswered => Err(Unknown::Unanswered(q)),
            Slot::NotApplicable(_) | Slot::NotAsked(_) => Err(Unknown::NotApplicable(q)),
        }
    }

    fn metric(&self, m: usize) -> Result<f64, Unknown> {
        self.metrics
            .get(m)
            .copied()
            .unwrap_or(Err(Unknown::DivisionByZero))
    }

    fn factor(&self, family: usize, key: usize) -> Result<f64, Unknown> {
        match self.inv.chosen.get(family).copied().flatten() {
            Some((t, _)) => Ok(self.guideline.factor_tables[t].values[key].1),
            None => Err(Unknown::NoFactor(family)),
        }
    }

    fn inventory(&self, total: Total) -> Result<f64, Unknown> {
        self.inv.totals.map(|t| t.get(total))
    }

    fn reporting_year(&self) -> Option<i32> {
        self.inv.year.and_then(|y| i32::try_from(y).ok())
    }
}

impl<'a> Facts<'a> {
    fn new(guideline: &'a Guideline, answers: &'a Answers, lang: Lang) -> Facts<'a> {
        let mut facts = Facts {
            guideline,
            slots: vec![Slot::Unanswered; guideline.questions.len()],
            metrics: vec![Err(Unknown::DivisionByZero); guideline.metrics.len()],
            inv: ghg::Computed {
                country: None,
                year: answers.firm.reporting_year,
                chosen: Vec::new(),
                sources: Vec::new(),
                totals: Err(Unknown::DivisionByZero),
            },
            factor_warnings: Vec::new(),
        };
        for &q in &guideline.question_order {
            let question = &guideline.questions[q];
            if let Some(cond) = &question.ask_if {
                if let Ok(Value::Bool(false)) = cond.expr.eval(&facts) {
                    facts.slots[q] = Slot::NotAsked(&cond.source);
                    continue;
                }
            }
            facts.slots[q] = match answers
                .entries
                .get(q)
                .and_then(Option::as_ref)
                .map(|e| &e.state)
            {
                Some(State::Value(v)) => Slot::Answered(v),
                Some(State::NotApplicable(reason)) => Slot::NotApplicable(reason),
                Some(State::Open) | None => Slot::Unanswered,
            };
        }
        // Factor tables are chosen once per answers file, then the inventory is computed.
        facts.inv.country = guideline
            .country
            .as_ref()
            .and_then(|c| match c.expr.eval(&facts) {
                Ok(Value::Str(s)) => Some(s.trim().to_ascii_uppercase()),
                _ => None,
            });
        let (chosen, warnings) = ghg::choose(
            guideline,
            &answers.factors,
            facts.inv.country.as_deref(),
            facts.inv.year,
            lang,
        );
        facts.inv.chosen = chosen;
        if !guideline.emission_sources.is_empty() {
            facts.factor_warnings = warnings;
        }
        facts.inv.sources = ghg::evaluate(guideline, &facts);
        facts.inv.totals = ghg::totals(guideline, &facts.inv.sources);
        for &m in &guideline.metric_order {
            let value = match guideline.metrics[m].formula.expr.eval(&facts) {
                Ok(Value::Num(n)) if n.is_finite() => Ok(n),
                Ok(_) => Err(Unknown::DivisionByZero),
                Err(e) => Err(e),
            };
            facts.metrics[m] = value;
        }
        facts
    }
}

/// Which questions are asked given the answers so far: a question whose ask-condition is false is
/// not asked; one whose condition cannot be known yet (it reads an unanswered question) is asked.
#[must_use]
pub fn asked(guideline: &Guideline, answers: &Answers) -> Vec<bool> {
    Facts::new(guideline, answers, Lang::En)
        .slots
        .iter()
        .map(|s| !matches!(s, Slot::NotAsked(_)))
        .collect()
}

/// The outcome for one indicator before weighting.
struct Outcome {
    status: Status,
    level: Option<usize>,
    explanation: String,
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
fn say(words: Option<Lang>, words_in: impl FnOnce(Lang) -> String) -> String {
    words.map_or_else(String::new, words_in)
}

fn unknown_outcome(
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
        Unknown::NoFactor(_) | Unknown::NoReportingYear => {
            Outcome::unanswered(say(words, |lang| ghg::reason(g, why, lang, facts.inv.year)))
        }
        Unknown::DivisionByZero => Outcome::unanswered(say(words, |lang| {
            lang.pick(
                "계산식이 0으로 나누게 됩니다. 분모가 되는 답(매출액 등)을 확인하세요.",
                "The formula divides by zero; check the answer it divides by (revenue, for example).",
            )
            .to_owned()
        })),
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

fn range_level(levels: &[Level], value: f64) -> usize {
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

fn evaluate(facts: &Facts<'_>, ind: &Indicator, words: Option<Lang>) -> Outcome {
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
                Ok(_) => Err(Unknown::Unanswered(q)),
                Err(e) => Err(e),
            };
            let s = match series(*question) {
                Ok(s) => s,
                Err(why) => return unknown_outcome(facts, ind, why, words),
            };
            let points: Vec<(i32, f64)> = match per {
                None => s.to_vec(),
                Some(p) => {
                    let d = match series(*p) {
                        Ok(d) => d,
                        Err(why) => return unknown_outcome(facts, ind, why, words),
                    };
                    s.iter()
                        .filter_map(|&(y, v)| {
                            d.iter()
                                .find(|x| x.0 == y && x.1 != 0.0)
                                .map(|x| (y, v / x.1))
                        })
                        .collect()
                }
            };
            if points.len() < 2 {
                return unknown_outcome(facts, ind, Unknown::TooFewYears(*question), words);
            }
            let Some(trend) = trend_percent(&points) else {
                return unknown_outcome(facts, ind, Unknown::DivisionByZero, words);
            };
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
                        points.len()
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

fn yes_no(b: bool, lang: Lang) -> &'static str {
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

fn level_ref(ind: &Indicator, i: usize, lang: Lang) -> LevelRef {
    let l = &ind.levels[i];
    LevelRef {
        number: i + 1,
        of: ind.levels.len(),
        points: l.points,
        text: l.text.show(lang).to_owned(),
    }
}

fn completeness(statuses: impl Iterator<Item = Status>) -> Completeness {
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
struct Weighing {
    /// `s_i` per indicator; `None` when not applicable.
    s: Vec<Option<f64>>,
    /// Whether the indicator counts in its area's sums.
    counts: Vec<bool>,
    area_scores: Vec<Option<f64>>,
    area_wsum: Vec<f64>,
    total_w: f64,
    total: Option<f64>,
}

impl Weighing {
    fn new(guideline: &Guideline, outcomes: &[Outcome], unanswered: Unanswered) -> Weighing {
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
                Status::Unanswered => unanswered == Unanswered::Zero,
                Status::NotApplicable => false,
            })
            .collect();
        let mut area_scores = Vec::with_capacity(guideline.areas.len());
        let mut area_wsum = Vec::with_capacity(guideline.areas.len());
        for area in &guideline.areas {
            let counted = || area.indicators.iter().copied().filter(|&i| counts[i]);
            let wsum: f64 = counted().map(|i| guideline.indicators[i].weight).sum();
            let score = (counted().next().is_some() && wsum > 0.0).then(|| {
                100.0
                    * counted()
                        .map(|i| guideline.indicators[i].weight * s[i].unwrap_or(0.0))
                        .sum::<f64>()
                    / wsum
            });
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
        let total = (total_w > 0.0).then(|| {
            guideline
                .areas
                .iter()
                .zip(&area_scores)
                .filter_map(|(a, s)| s.map(|s| a.weight * s))
                .sum::<f64>()
                / total_w
        });
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
    fn gain(&self, guideline: &Guideline, i: usize) -> f64 {
        let ind = &guideline.indicators[i];
        let a = ind.area;
        if self.counts[i] && self.area_scores[a].is_some() && self.total_w > 0.0 {
            100.0
                * (guideline.areas[a].weight / self.total_w)
                * (ind.weight / self.area_wsum[a])
                * (1.0 - self.s[i].unwrap_or(0.0))
        } else {
            0.0
        }
    }
}

/// Gains that differ only by floating-point noise are ties, kept in guideline order.
fn gain_rank(gain: f64) -> i64 {
    (gain * 1e9).round() as i64
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
        grade: w
            .total
            .and_then(|t| guideline.grades.iter().position(|g| t >= g.min)),
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
