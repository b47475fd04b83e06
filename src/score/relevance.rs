//! Relevance: which questions can still count for a firm, given its answers so far (DESIGN.md
//! principle 8, "Ask only what can still count").
//!
//! What reads each question is found once per guideline ([`Uses`], kept in the guideline); for a
//! firm, [`relevant`] then decides with the three-valued evaluation of scoring whether something
//! that reads the question may still count. The questionnaire asks only relevant questions, the
//! template of `esg init --from` lists only them, and lint's `answer-not-asked` warns at an answer
//! to any other.

use crate::answers::{Answers, State};
use crate::expr::{Expr, Func, Value};
use crate::guideline::{Guideline, QuestionKind, Rule};
use crate::scorecard::{Finding, Missing, Status};
use crate::text::Text;

use super::facts::{Facts, Slot};
use super::indicator::evaluate;

/// Something in a guideline that reads a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reader {
    /// An indicator, through its scoring rule or its applicability condition (directly or
    /// through metrics).
    Indicator(usize),
    /// A plausibility check.
    Check(usize),
    /// The ask-condition of another question.
    AskIf(usize),
    /// The reporting year's value of a series question (its `current`).
    Current(usize),
    /// The GHG inventory: an emission source, the country that chooses factor tables, the
    /// inventory's intensity metric. The inventory is part of every report.
    Inventory,
    /// A metric nothing else reads: a key figure of the report on its own.
    Figure,
}

/// How a series question is read, which decides the years asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SeriesUse {
    /// How many years, ending with the reporting year, the guideline reads: a trend over the
    /// series takes its `years`; as the divisor of another series' trend (`per`), that series'
    /// `years`; read for one value (`current`, `latest`, `average`, `answered`), one. The most
    /// of these; 0 when nothing reads it.
    pub span: u32,
    /// The reporting year's value comes from elsewhere: the question's `current` (a figure of the
    /// profile), or every read is `extend(series, x)`; that year is not asked.
    pub reporting_year_supplied: bool,
}

/// What a guideline does with each question: found once per guideline, from its checked form.
#[derive(Debug, Default)]
pub struct Uses {
    readers: Vec<Vec<Reader>>,
    /// For each metric, the questions it reads, through other metrics too.
    metric_questions: Vec<Vec<usize>>,
    /// For each question, the questions whose ask-condition reads it, directly or through others.
    dependents: Vec<Vec<usize>>,
    /// For each series question, how it is read.
    series: Vec<Option<SeriesUse>>,
}

impl Uses {
    /// The uses of every question of `g`.
    #[must_use]
    pub fn new(g: &Guideline) -> Uses {
        let n = g.questions.len();
        // The questions each metric reads, through other metrics too (metric_order puts every
        // metric after those it reads).
        let mut metric_questions: Vec<Vec<usize>> = vec![Vec::new(); g.metrics.len()];
        let mut metric_read = vec![false; g.metrics.len()];
        for &m in &g.metric_order {
            let qs = reads(&g.metrics[m].formula.expr, &metric_questions);
            g.metrics[m]
                .formula
                .expr
                .visit_metrics(&mut |x| metric_read[x] = true);
            metric_questions[m] = qs;
        }
        let mut readers: Vec<Vec<Reader>> = vec![Vec::new(); n];
        let mut add = |qs: Vec<usize>, r: Reader| {
            for q in qs {
                if !readers[q].contains(&r) {
                    readers[q].push(r);
                }
            }
        };
        for (i, ind) in g.indicators.iter().enumerate() {
            let mut qs = ind.questions.clone();
            if let Rule::Bands { expr } = &ind.rule {
                qs.extend(reads(&expr.expr, &metric_questions));
                expr.expr.visit_metrics(&mut |x| metric_read[x] = true);
            }
            if let Some(c) = &ind.applies_if {
                qs.extend(reads(&c.expr, &metric_questions));
                c.expr.visit_metrics(&mut |x| metric_read[x] = true);
            }
            add(qs, Reader::Indicator(i));
        }
        for (c, check) in g.checks.iter().enumerate() {
            add(
                reads(&check.warn_if.expr, &metric_questions),
                Reader::Check(c),
            );
            check
                .warn_if
                .expr
                .visit_metrics(&mut |x| metric_read[x] = true);
        }
        for (p, question) in g.questions.iter().enumerate() {
            if let Some(c) = &question.ask_if {
                add(reads(&c.expr, &metric_questions), Reader::AskIf(p));
                c.expr.visit_metrics(&mut |x| metric_read[x] = true);
            }
        }
        for (p, question) in g.questions.iter().enumerate() {
            if let Some(c) = &question.current {
                add(reads(&c.expr, &metric_questions), Reader::Current(p));
            }
        }
        for c in g
            .emission_sources
            .iter()
            .flat_map(crate::guideline::EmissionSource::exprs)
            .chain(&g.country)
            .chain(g.families.iter().filter_map(|f| f.choose.as_ref()))
            .chain(
                g.ghg_stated
                    .iter()
                    .flat_map(crate::guideline::Stated::exprs),
            )
            .chain(&g.ghg_sector)
            .chain(&g.ghg_size_band)
        {
            add(reads(&c.expr, &metric_questions), Reader::Inventory);
        }
        if let Some(m) = g.ghg_intensity {
            add(metric_questions[m].clone(), Reader::Inventory);
            metric_read[m] = true;
        }
        for m in 0..g.metrics.len() {
            if !metric_read[m] {
                add(metric_questions[m].clone(), Reader::Figure);
            }
        }

        // Dependents: the questions whose ask-condition reads q, and theirs in turn.
        let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
        for &p in g.question_order.iter().rev() {
            for q in 0..n {
                if readers[q].contains(&Reader::AskIf(p)) {
                    let mut more = vec![p];
                    more.extend(dependents[p].iter().copied());
                    for d in more {
                        if !dependents[q].contains(&d) {
                            dependents[q].push(d);
                        }
                    }
                }
            }
        }

        let mut series: Vec<Option<SeriesUse>> = g
            .questions
            .iter()
            .map(|q| (q.kind == QuestionKind::Series).then(SeriesUse::default))
            .collect();
        // Whether some read of the series does not supply the reporting year.
        let mut plain = vec![false; n];
        let years: Vec<u32> = g.questions.iter().map(|q| q.years).collect();
        let mut note = |q: usize, span: u32, extended: bool| {
            if let Some(Some(u)) = series.get_mut(q) {
                u.span = u.span.max(span);
                if !extended {
                    plain[q] = true;
                }
            }
        };
        for ind in &g.indicators {
            if let Rule::Trend { question, per, .. } = &ind.rule {
                note(*question, years[*question], false);
                if let Some(per) = per {
                    note(*per, years[*question], false);
                }
            }
        }
        let exprs = g
            .indicators
            .iter()
            .flat_map(|i| {
                let bands = match &i.rule {
                    Rule::Bands { expr } => Some(expr),
                    _ => None,
                };
                bands.into_iter().chain(&i.applies_if)
            })
            .chain(g.metrics.iter().map(|m| &m.formula))
            .chain(g.checks.iter().map(|c| &c.warn_if))
            .chain(g.questions.iter().filter_map(|q| q.ask_if.as_ref()))
            .chain(
                g.emission_sources
                    .iter()
                    .flat_map(crate::guideline::EmissionSource::exprs),
            )
            .chain(&g.country)
            .chain(g.families.iter().filter_map(|f| f.choose.as_ref()))
            .chain(
                g.ghg_stated
                    .iter()
                    .flat_map(crate::guideline::Stated::exprs),
            )
            .chain(&g.ghg_sector)
            .chain(&g.ghg_size_band);
        for c in exprs {
            series_reads(&c.expr, &years, &mut note);
        }
        for (q, u) in series.iter_mut().enumerate() {
            if let Some(u) = u {
                u.reporting_year_supplied =
                    g.questions[q].current.is_some() || (u.span > 0 && !plain[q]);
            }
        }
        Uses {
            readers,
            metric_questions,
            dependents,
            series,
        }
    }

    /// How series question `q` is read; `None` for a question that is not a series.
    #[must_use]
    pub fn series(&self, q: usize) -> Option<SeriesUse> {
        self.series.get(q).copied().flatten()
    }
}

/// The questions an expression reads, directly or through the metrics it reads.
fn reads(e: &Expr, metric_questions: &[Vec<usize>]) -> Vec<usize> {
    let mut out = Vec::new();
    e.visit_questions(&mut |q| out.push(q));
    e.visit_metrics(&mut |m| out.extend(metric_questions[m].iter().copied()));
    out.sort_unstable();
    out.dedup();
    out
}

/// The series question a series expression reads: the question, or the one `extend` extends.
fn series_question(e: &Expr) -> Option<usize> {
    match e {
        Expr::Question(q) => Some(*q),
        Expr::Extend(s, _) => series_question(s),
        _ => None,
    }
}

/// Calls `note(q, span, extended)` for every read of a series question in `e`: the years the read
/// needs (`years` gives each question's), and whether it is `extend(q, x)` (the reporting year's
/// value from `x`).
fn series_reads(e: &Expr, years: &[u32], note: &mut impl FnMut(usize, u32, bool)) {
    fn arg(a: &Expr, span: u32, years: &[u32], note: &mut impl FnMut(usize, u32, bool)) {
        match a {
            Expr::Question(q) => note(*q, span, false),
            Expr::Extend(s, v) => {
                if let Expr::Question(q) = &**s {
                    note(*q, span, true);
                } else {
                    arg(s, span, years, note);
                }
                series_reads(v, years, note);
            }
            other => series_reads(other, years, note),
        }
    }
    match e {
        // trend(series) and trend(series, per): both over the years of the first.
        Expr::Call(Func::Trend, args) => {
            let span = args
                .first()
                .and_then(series_question)
                .map_or(0, |q| years[q]);
            args.iter().for_each(|a| arg(a, span, years, note));
        }
        Expr::Call(Func::Current | Func::Latest | Func::Average, args) => {
            args.iter().for_each(|a| arg(a, 1, years, note));
        }
        Expr::Call(_, args) => args.iter().for_each(|a| series_reads(a, years, note)),
        Expr::Answered(q) | Expr::NotApplicable(q) => note(*q, 1, false),
        // A series read any other way: all its years.
        Expr::Question(q) => note(*q, years[*q], false),
        Expr::Extend(..) => {
            let span = series_question(e).map_or(0, |q| years[q]);
            arg(e, span, years, note);
        }
        Expr::Num(_)
        | Expr::Str(_)
        | Expr::Bool(_)
        | Expr::List(_)
        | Expr::Metric(_)
        | Expr::TableFactor { .. }
        | Expr::FamilyFactor { .. }
        | Expr::Inventory(_)
        | Expr::OptionValue(_) => {}
        Expr::Neg(a) | Expr::Not(a) => series_reads(a, years, note),
        Expr::Arith(_, a, b)
        | Expr::Cmp(_, a, b)
        | Expr::Equal(_, a, b)
        | Expr::And(a, b)
        | Expr::Or(a, b)
        | Expr::In(a, b)
        | Expr::Default(a, b) => {
            series_reads(a, years, note);
            series_reads(b, years, note);
        }
        Expr::If(a, b, c) => {
            series_reads(a, years, note);
            series_reads(b, years, note);
            series_reads(c, years, note);
        }
    }
}

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
    settled.then(|| o.finding.unwrap_or(Finding::Missing(Missing::Internal)))
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
            | Expr::OptionValue(_) => true,
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
