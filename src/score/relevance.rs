//! Relevance: which questions can still count for a firm, given its answers so far (DESIGN.md
//! principle 8, "Ask only what can still count").
//!
//! What reads each question is found once per guideline (`guideline::Uses`, kept in it); for a
//! firm, [`relevant`] then decides with the three-valued evaluation of scoring whether something
//! that reads the question may still count. The questionnaire asks only relevant questions, the
//! template of `esg init --from` lists only them, and lint's `answer-not-asked` warns at an answer
//! to any other.

use crate::answers::{Answers, State};
use crate::expr::{Expr, Value};
use crate::guideline::uses::Reader;
use crate::guideline::{Guideline, Rule, Uses};
use crate::scorecard::{Finding, Missing, Status};
use crate::text::Text;

use super::facts::{Facts, Slot};
use super::indicator::evaluate;

/// Whether a question can still count for a firm, and if not, why.
#[derive(Debug, Clone, PartialEq)]
pub enum Relevance {
    /// Something that reads it may still count: it is asked.
    Relevant,
    /// Its ask-condition is false for these answers.
    NotAsked {
        /// The condition, as the guideline writes it.
        condition: String,
        /// The guideline's words for owners (`ask_if_reason`).
        reason: Option<Text>,
    },
    /// Everything that reads it is known not to count, whatever its own answer: each indicator
    /// that reads it does not apply (with why, as scoring says it), and what else reads it cannot
    /// count either.
    NoUse {
        /// The indicators that read it, by id, each with the finding that makes it not applicable.
        indicators: Vec<(String, Finding)>,
    },
    /// Nothing in the guideline reads it.
    Unread,
}

impl Relevance {
    /// Whether the question is asked.
    #[must_use]
    pub fn is_relevant(&self) -> bool {
        matches!(self, Relevance::Relevant)
    }
}

/// Which questions can still count for the firm of `answers`, one entry per question of
/// `guideline`: the one rule of what is asked, for every front end.
///
/// A question is not relevant when its ask-condition is false, or when everything that reads it is
/// known not to count with its own answer left out: an indicator that is not applicable (its
/// applicability condition false, or a question it needs not asked or marked not applicable), a
/// plausibility check whose condition is false, another question that is itself not relevant.
/// The GHG inventory, a metric nothing else reads (a key figure), the country that chooses factor
/// tables and a datapoint disclosed only (`disclosed_only`) always count. What is unknown (a profile question not yet answered) may still count:
/// the question stays relevant. Relevance decides what is asked, never how a given answer counts.
#[must_use]
pub fn relevant(guideline: &Guideline, answers: &Answers) -> Vec<Relevance> {
    let uses = guideline.uses();
    let base = Facts::without(guideline, answers, &[]);
    let n = guideline.questions.len();
    let answered = |q: usize| {
        answers
            .entries
            .get(q)
            .and_then(Option::as_ref)
            .is_some_and(|e| !matches!(e.state, State::Open))
    };
    (0..n)
        .map(|q| {
            if let Slot::NotAsked(condition) = base.slots[q] {
                return Relevance::NotAsked {
                    condition: condition.to_owned(),
                    reason: guideline.questions[q].ask_if_reason.clone(),
                };
            }
            // A datapoint disclosed as given counts by being reported, whatever reads it.
            if guideline.questions[q].disclosed_only {
                return Relevance::Relevant;
            }
            if uses.readers[q].is_empty() {
                return Relevance::Unread;
            }
            // The question's own answer, and those of the questions whose asking depends on it,
            // are left out: what matters is whether anything could count whatever they are.
            let mut blank = vec![false; n];
            blank[q] = true;
            uses.dependents[q].iter().for_each(|&x| blank[x] = true);
            let blanked;
            let facts = if (0..n).any(|x| blank[x] && answered(x)) {
                blanked = Facts::without(guideline, answers, &blank);
                &blanked
            } else {
                &base
            };
            let blank = Blank {
                g: guideline,
                uses,
                blank: &blank,
            };
            let mut why = Vec::new();
            if counts(facts, uses, &blank, q, &mut why, 0, true) {
                Relevance::Relevant
            } else {
                Relevance::NoUse { indicators: why }
            }
        })
        .collect()
}

/// Whether something that reads `q` may count under `facts`, where the questions marked in
/// `blank` (`q` and those whose asking depends on it) have no answer; when nothing does, `why`
/// gets the findings of the indicators that read it.
fn counts(
    facts: &Facts<'_>,
    uses: &Uses,
    blank: &Blank<'_>,
    q: usize,
    why: &mut Vec<(String, Finding)>,
    depth: usize,
    checks: bool,
) -> bool {
    let g = facts.guideline;
    for r in &uses.readers[q] {
        if !checks && matches!(r, Reader::Check(_)) {
            continue;
        }
        let counts = match *r {
            Reader::Inventory | Reader::Figure => true,
            Reader::Indicator(i) => match not_applicable(facts, blank, i) {
                Some(finding) => {
                    why.push((g.indicators[i].id.clone(), finding));
                    false
                }
                None => true,
            },
            Reader::Check(c) => {
                let e = &g.checks[c].warn_if.expr;
                let never = matches!(e.eval(facts), Ok(Value::Bool(false)));
                // A check that invalidates answers matters only where one of those answers
                // counts through something other than a check.
                let invalidated = &g.invalidates[c];
                !(never && blank.settled(e, Settled::Value))
                    && (invalidated.is_empty()
                        || (depth < g.questions.len()
                            && invalidated.iter().any(|&x| {
                                counts(facts, uses, blank, x, &mut Vec::new(), depth + 1, false)
                            })))
            }
            // Ask-conditions are acyclic, so this ends; the depth bound is a guard.
            Reader::AskIf(p) | Reader::Current(p) => {
                depth < g.questions.len()
                    && !matches!(facts.slots[p], Slot::NotAsked(_))
                    && counts(facts, uses, blank, p, &mut Vec::new(), depth + 1, true)
            }
        };
        if counts {
            // The first reader that counts is enough: no reason is needed then.
            return true;
        }
    }
    false
}

/// Why indicator `i` is not applicable whatever the blanked answers are; `None` when it is
/// applicable, may be, or is not applicable only for want of a blanked answer.
fn not_applicable(facts: &Facts<'_>, blank: &Blank<'_>, i: usize) -> Option<Finding> {
    let ind = &facts.guideline.indicators[i];
    let o = evaluate(facts, ind, true);
    if o.status != Status::NotApplicable {
        return None;
    }
    let settled = match &ind.applies_if {
        // Not applicable by its condition: false, or not applicable itself.
        Some(c) => match c.expr.eval(facts) {
            Ok(Value::Bool(true)) => rule_settled(ind, blank),
            Ok(_) => blank.settled(&c.expr, Settled::Value),
            Err(_) => blank.settled(&c.expr, Settled::NotApplicable),
        },
        None => rule_settled(ind, blank),
    };
    settled.then(|| {
        o.finding
            .map_or(Finding::Missing(Missing::Internal), |f| *f)
    })
}

/// Whether an indicator's rule, not applicable with the blanked answers left out, stays so
/// whatever they are.
fn rule_settled(ind: &crate::guideline::Indicator, blank: &Blank<'_>) -> bool {
    match &ind.rule {
        Rule::Bands { expr } => blank.settled(&expr.expr, Settled::NotApplicable),
        // The other rules read their questions directly.
        Rule::Choice { .. } | Rule::Checklist { .. } | Rule::YesNo { .. } | Rule::Trend { .. } => {
            true
        }
    }
}

/// What an evaluation with the blanked answers left out gave, whose permanence is in question.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Settled {
    /// A value (a condition found false).
    Value,
    /// Not applicable (a question not asked or marked so).
    NotApplicable,
}

/// The questions left out of an evaluation, and what reads them.
struct Blank<'a> {
    g: &'a Guideline,
    uses: &'a Uses,
    blank: &'a [bool],
}

impl Blank<'_> {
    fn is(&self, q: usize) -> bool {
        self.blank.get(q).copied().unwrap_or(false)
    }

    /// Whether `e` reads a blanked question, directly or through metrics.
    fn reads(&self, e: &Expr) -> bool {
        let mut found = false;
        e.visit_questions(&mut |q| found |= self.is(q));
        e.visit_metrics(&mut |m| {
            found |= self.uses.metric_questions[m].iter().any(|&q| self.is(q));
        });
        found
    }

    /// Whether what `e` gave with the blanked answers left out holds whatever they are.
    ///
    /// Three-valued evaluation is monotone: an unanswered question can only keep a result
    /// unknown, and a value or "not applicable" found without it stays when it is answered. Except
    /// where an unanswered question is read on purpose: `default(x, …)` and `answered(x)` turn it
    /// into a value, `extend(x, …)` into an empty series; and `and`/`or`, whose one side may decide
    /// once the other, unanswered, is known, can turn "not applicable" on one side into a value.
    fn settled(&self, e: &Expr, was: Settled) -> bool {
        if !self.reads(e) {
            return true;
        }
        match e {
            Expr::Default(a, b) => !self.reads(a) && self.settled(b, was),
            Expr::Answered(q) => !self.is(*q),
            Expr::Extend(s, v) => !self.reads(s) && self.settled(v, was),
            Expr::And(a, b) | Expr::Or(a, b) => {
                was == Settled::Value && self.settled(a, was) && self.settled(b, was)
            }
            Expr::Metric(m) => self.settled(&self.g.metrics[*m].formula.expr, was),
            Expr::Num(_)
            | Expr::Str(_)
            | Expr::Bool(_)
            | Expr::List(_)
            | Expr::Question(_)
            | Expr::TableFactor { .. }
            | Expr::FamilyFactor { .. }
            | Expr::Inventory(_)
            | Expr::NotApplicable(_)
            | Expr::OptionValue(_)
            | Expr::Cell(_) => true,
            Expr::Rows { filter, .. } | Expr::SumColumn { filter, .. } => {
                filter.as_ref().is_none_or(|f| self.settled(f, was))
            }
            Expr::Neg(a) | Expr::Not(a) => self.settled(a, was),
            Expr::Arith(_, a, b) | Expr::Cmp(_, a, b) | Expr::Equal(_, a, b) | Expr::In(a, b) => {
                self.settled(a, was) && self.settled(b, was)
            }
            Expr::If(a, b, c) => {
                self.settled(a, was) && self.settled(b, was) && self.settled(c, was)
            }
            Expr::Call(_, args) => args.iter().all(|a| self.settled(a, was)),
        }
    }
}
