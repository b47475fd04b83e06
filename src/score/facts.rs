//! The facts of one answers file: what each question stands at once ask-conditions apply, the
//! factor tables chosen, the GHG inventory and the metrics; the environment expressions read.

use std::borrow::Cow;

use crate::answers::{AnswerValue, Answers, Cell, State};
use crate::expr::{Divisor as ExprDivisor, Env, Total, Unknown, Value};
use crate::ghg;
use crate::guideline::{Guideline, QuestionKind};
use crate::scorecard::{Divisor, Missing, QuestionRef, Warning};

/// Where a question stands once ask-conditions are applied.
#[derive(Debug, Clone)]
pub(super) enum Slot<'a> {
    Answered(&'a AnswerValue),
    NotApplicable(&'a str),
    NotAsked(&'a str),
    /// Answered, but a consistency check (by index) that invalidates the answer holds.
    Invalid(usize, &'a AnswerValue),
    Unanswered,
}

/// The answers as an expression environment, with what scoring derives from them.
pub(super) struct Facts<'a> {
    pub(super) guideline: &'a Guideline,
    pub(super) slots: Vec<Slot<'a>>,
    pub(super) metrics: Vec<Result<f64, Unknown>>,
    /// The inventory: factor tables chosen, sources, totals.
    pub(super) inv: ghg::Computed,
    /// Why factor tables could not be chosen as expected.
    pub(super) factor_warnings: Vec<Warning>,
    /// For each check (by index), whether it held and invalidated answers.
    pub(super) invalidating: Vec<bool>,
}

impl Facts<'_> {
    /// Why question `q` has no value, as [`Env::question`] says; `Ok` when it has one (without
    /// building the value).
    pub(super) fn has_value(&self, q: usize) -> Result<(), Unknown> {
        match &self.slots[q] {
            Slot::Answered(_) => Ok(()),
            Slot::NotApplicable(_) | Slot::NotAsked(_) => Err(Unknown::NotApplicable(q)),
            Slot::Invalid(..) => Err(Unknown::Invalid(q)),
            Slot::Unanswered => Err(Unknown::Unanswered(q)),
        }
    }
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
                AnswerValue::Series(s) => Value::Series(self.series(q, s)),
                AnswerValue::Table(rows) => {
                    let question = &self.guideline.questions[q];
                    Value::Table(
                        rows.iter()
                            .map(|row| {
                                row.iter()
                                    .zip(&question.columns)
                                    .map(|(cell, col)| match cell {
                                        Cell::Bool(b) => Value::Bool(*b),
                                        Cell::Choice(i) => Value::Str(&col.options[*i].id),
                                        Cell::Num(n) => Value::Num(*n),
                                        Cell::Text(t) => Value::Str(t),
                                    })
                                    .collect()
                            })
                            .collect(),
                    )
                }
            }),
            Slot::NotApplicable(_) | Slot::NotAsked(_) => Err(Unknown::NotApplicable(q)),
            Slot::Invalid(..) => Err(Unknown::Invalid(q)),
            Slot::Unanswered => Err(Unknown::Unanswered(q)),
        }
    }

    fn number(&self, q: usize) -> Result<f64, Unknown> {
        self.has_value(q)?;
        match self.slots[q] {
            Slot::Answered(AnswerValue::Num(n)) => Ok(*n),
            _ => Err(Unknown::Internal),
        }
    }

    fn truth(&self, q: usize) -> Result<bool, Unknown> {
        self.has_value(q)?;
        match self.slots[q] {
            Slot::Answered(AnswerValue::Bool(b)) => Ok(*b),
            _ => Err(Unknown::Internal),
        }
    }

    fn series_answer(&self, q: usize) -> Result<Cow<'_, [(i32, f64)]>, Unknown> {
        self.has_value(q)?;
        match self.slots[q] {
            Slot::Answered(AnswerValue::Series(s)) => Ok(self.series(q, s)),
            _ => Err(Unknown::Internal),
        }
    }

    fn answered(&self, q: usize) -> bool {
        matches!(self.slots[q], Slot::Answered(_))
    }

    fn not_applicable(&self, q: usize) -> Result<bool, Unknown> {
        match &self.slots[q] {
            Slot::Answered(_) => Ok(false),
            Slot::NotApplicable(_) | Slot::NotAsked(_) => Ok(true),
            Slot::Invalid(..) => Err(Unknown::Invalid(q)),
            Slot::Unanswered => Err(Unknown::Unanswered(q)),
        }
    }

    fn option_value(&self, q: usize) -> Result<f64, Unknown> {
        match &self.slots[q] {
            Slot::Answered(AnswerValue::Choice(i)) => {
                Ok(self.guideline.questions[q].options[*i].value.unwrap_or(0.0))
            }
            Slot::Answered(_) | Slot::Unanswered => Err(Unknown::Unanswered(q)),
            Slot::Invalid(..) => Err(Unknown::Invalid(q)),
            Slot::NotApplicable(_) | Slot::NotAsked(_) => Err(Unknown::NotApplicable(q)),
        }
    }

    fn metric(&self, m: usize) -> Result<f64, Unknown> {
        self.metrics
            .get(m)
            .copied()
            .unwrap_or(Err(Unknown::Internal))
    }

    fn factor(&self, family: usize, key: usize) -> Result<f64, Unknown> {
        match self.inv.chosen.get(family).copied().flatten() {
            Some((t, _)) => Ok(self.guideline.factor_tables[t].values[key].1),
            None => Err(Unknown::NoFactor(family)),
        }
    }

    fn inventory(&self, total: Total) -> Result<f64, Unknown> {
        self.inv.get(total)
    }

    fn reporting_year(&self) -> Option<i32> {
        self.inv.year.and_then(|y| i32::try_from(y).ok())
    }
}

impl<'a> Facts<'a> {
    /// The years of a series that calculations use: those up to the reporting year (all of them
    /// when the answers name no reporting year). Values for later years are left out, and the
    /// answers reader warns at each of them (`future-year`).
    fn up_to_reporting_year<'s>(&self, series: &'s [(i32, f64)]) -> &'s [(i32, f64)] {
        match self.inv.year {
            // Sorted by year.
            // Most often the series ends by the reporting year.
            Some(year) => match series.last() {
                Some(last) if i64::from(last.0) <= year => series,
                _ => &series[..series.partition_point(|p| i64::from(p.0) <= year)],
            },
            None => series,
        }
    }

    /// A series answer as calculations read it: the years up to the reporting year, and for the
    /// reporting year, where the firm gave no figure, the question's `current` value (a figure the
    /// profile has already, such as the headcount), as `extend` does.
    fn series<'s>(&'s self, q: usize, s: &'s [(i32, f64)]) -> Cow<'s, [(i32, f64)]> {
        let s = self.up_to_reporting_year(s);
        let (Some(c), Some(year)) = (&self.guideline.questions[q].current, self.reporting_year())
        else {
            return Cow::Borrowed(s);
        };
        if s.iter().any(|p| p.0 == year) {
            return Cow::Borrowed(s);
        }
        match c.expr.eval(self) {
            Ok(Value::Num(v)) if v.is_finite() => {
                let mut points = Vec::with_capacity(s.len() + 1);
                points.extend_from_slice(s);
                points.push((year, v));
                points.sort_by_key(|p| p.0);
                Cow::Owned(points)
            }
            _ => Cow::Borrowed(s),
        }
    }

    /// Every fact: where each question stands, the factor tables chosen, the inventory, the metrics.
    pub(super) fn new(guideline: &'a Guideline, answers: &'a Answers) -> Facts<'a> {
        Facts::without(guideline, answers, &[])
    }

    /// Every fact but which factor families each emission source read (the tables a report
    /// cites): what the numbers of a summary need.
    pub(super) fn numbers(guideline: &'a Guideline, answers: &'a Answers) -> Facts<'a> {
        Facts::build(guideline, answers, &[], false)
    }

    /// Every fact, as if the questions marked in `blank` had no answer (deciding relevance: what
    /// could still count whatever those answers are). An empty `blank` leaves out nothing.
    pub(super) fn without(
        guideline: &'a Guideline,
        answers: &'a Answers,
        blank: &[bool],
    ) -> Facts<'a> {
        Facts::build(guideline, answers, blank, true)
    }

    /// [`Facts::without`], noting the factor families each source read when `cite` is true.
    fn build(
        guideline: &'a Guideline,
        answers: &'a Answers,
        blank: &[bool],
        cite: bool,
    ) -> Facts<'a> {
        let mut facts = Facts::questions_without(guideline, answers, blank);
        // Factor tables are chosen once per answers file, then the inventory is computed.
        facts.inv.country = guideline
            .country
            .as_ref()
            .and_then(|c| match c.expr.eval(&facts) {
                Ok(Value::Str(s)) => Some(s.trim().to_ascii_uppercase()),
                _ => None,
            });
        let picked = ghg::picked(guideline, &facts);
        let (chosen, warnings) = ghg::choose(
            guideline,
            &answers.factors,
            &picked,
            facts.inv.country.as_deref(),
            facts.inv.year,
        );
        facts.inv.chosen = chosen;
        if !guideline.emission_sources.is_empty() {
            facts.factor_warnings = warnings;
        }
        facts.invalidate();
        facts.inv.sources = if cite {
            ghg::evaluate(guideline, &facts)
        } else {
            ghg::evaluate_figures(guideline, &facts)
        };
        facts.inv.totals = ghg::totals(guideline, &facts.inv.sources);
        facts.inv.stated = ghg::stated(guideline, &facts);
        for &m in &guideline.metric_order {
            let value = match guideline.metrics[m].formula.expr.eval_num(&facts) {
                Ok(n) if n.is_finite() => Ok(n),
                Ok(_) => Err(Unknown::Overflow),
                Err(e) => Err(e),
            };
            facts.metrics[m] = value;
        }
        facts
    }

    /// Where each question stands once ask-conditions apply, and nothing more: the first step of
    /// [`Facts::without`].
    fn questions_without(
        guideline: &'a Guideline,
        answers: &'a Answers,
        blank: &[bool],
    ) -> Facts<'a> {
        let mut facts = Facts {
            guideline,
            slots: vec![Slot::Unanswered; guideline.questions.len()],
            metrics: vec![Err(Unknown::Internal); guideline.metrics.len()],
            inv: ghg::Computed {
                country: None,
                year: answers.firm.reporting_year,
                chosen: Vec::new(),
                sources: Vec::new(),
                totals: Err(Unknown::Internal),
                stated: None,
            },
            factor_warnings: Vec::new(),
            invalidating: vec![false; guideline.checks.len()],
        };
        for &q in &guideline.question_order {
            let question = &guideline.questions[q];
            if let Some(cond) = &question.ask_if {
                if let Ok(false) = cond.expr.eval_bool(&facts) {
                    facts.slots[q] = Slot::NotAsked(&cond.source);
                    continue;
                }
            }
            if blank.get(q).copied().unwrap_or(false) {
                continue;
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
        facts
    }

    /// Applies the consistency checks: each check that names questions it invalidates and whose
    /// condition holds on the answers as given sets those answers aside (every check is decided
    /// on the answers before any is set aside, so the order of checks does not matter).
    fn invalidate(&mut self) {
        let g = self.guideline;
        for (c, questions) in g.invalidates.iter().enumerate() {
            self.invalidating[c] = !questions.is_empty()
                && matches!(g.checks[c].warn_if.expr.eval_bool(self), Ok(true));
        }
        for (c, questions) in g.invalidates.iter().enumerate() {
            if !self.invalidating[c] {
                continue;
            }
            for &q in questions {
                if let Slot::Answered(v) = self.slots[q] {
                    self.slots[q] = Slot::Invalid(c, v);
                }
            }
        }
    }

    /// Question `q` as findings name it.
    pub(super) fn question_ref(&self, q: usize) -> QuestionRef {
        question_ref(self.guideline, q)
    }

    /// Why a value is unknown, as data. With `for_year`, a series question without an answer is
    /// one with no figure for the reporting year (what an emission source reads).
    pub(super) fn missing(&self, why: Unknown, for_year: bool) -> Missing {
        let g = self.guideline;
        match why {
            Unknown::Unanswered(q) => match self.inv.year.filter(|_| for_year) {
                Some(year) if g.questions[q].kind == QuestionKind::Series => {
                    Missing::NoValueForYear {
                        question: self.question_ref(q),
                        year,
                    }
                }
                _ => Missing::Unanswered {
                    question: self.question_ref(q),
                },
            },
            Unknown::NotApplicable(q) => match &self.slots[q] {
                Slot::NotAsked(condition) => Missing::NotAsked {
                    question: self.question_ref(q),
                    condition: (*condition).to_owned(),
                    reason: g.questions[q].ask_if_reason.clone(),
                },
                Slot::NotApplicable(reason) => Missing::MarkedNotApplicable {
                    question: self.question_ref(q),
                    reason: (*reason).to_owned(),
                },
                Slot::Answered(_) | Slot::Invalid(..) | Slot::Unanswered => Missing::Internal,
            },
            Unknown::Invalid(q) => match &self.slots[q] {
                Slot::Invalid(c, _) => Missing::Invalid {
                    question: self.question_ref(q),
                    check: g.checks[*c].id.clone(),
                    message: g.checks[*c].message.clone(),
                },
                _ => Missing::Internal,
            },
            Unknown::TooFewYears(q) => Missing::TooFewYears {
                question: self.question_ref(q),
            },
            Unknown::NoTrend(q) => Missing::NoTrend {
                question: self.question_ref(q),
            },
            Unknown::NoFactor(f) => Missing::NoFactor {
                family: g.families[f].id.clone(),
            },
            Unknown::NoReportingYear => Missing::NoReportingYear,
            Unknown::DivisionByZero(d) => Missing::DivisionByZero {
                divisor: match d {
                    ExprDivisor::Question(q) => Divisor::Question(self.question_ref(q)),
                    ExprDivisor::Metric(m) => Divisor::Metric {
                        id: g.metrics[m].id.clone(),
                        title: g.metrics[m].title.clone(),
                    },
                    ExprDivisor::Inventory(t) => Divisor::Inventory(t),
                    ExprDivisor::Unnamed => Divisor::Unnamed,
                },
            },
            Unknown::Overflow => Missing::Overflow,
            Unknown::Internal => Missing::Internal,
        }
    }
}

/// Question `q` of `g` as findings name it.
pub(super) fn question_ref(g: &Guideline, q: usize) -> QuestionRef {
    QuestionRef {
        id: g.questions[q].id.clone(),
        prompt: g.questions[q].prompt.clone(),
        references: g.questions[q].references.clone(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::source::Source;

    /// Calls `f` with every example and fixture answers file that reads under a built-in
    /// guideline.
    fn each_answers(mut f: impl FnMut(&Path, &Guideline, &Answers)) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let files: Vec<PathBuf> = ["examples", "tests/fixtures"]
            .iter()
            .flat_map(|d| crate::walk::toml_files(&root.join(d)))
            .map(|f| f.path().to_path_buf())
            .collect();
        for b in crate::guideline::builtins() {
            let g = crate::guideline::load_builtin(b.id).unwrap();
            for path in &files {
                let text = std::fs::read_to_string(path).unwrap();
                if let Ok(answers) = crate::answers::parse(&Source::new("a.toml", text), &g) {
                    f(path, &g, &answers);
                }
            }
        }
    }

    /// The facts a summary's numbers are made from are every fact but the factor tables each
    /// emission source read.
    #[test]
    fn facts_for_numbers_are_the_facts_without_citations() {
        let mut reported = 0;
        each_answers(|path, g, answers| {
            let full = Facts::new(g, answers);
            let numbers = Facts::numbers(g, answers);
            let at = path.display();
            assert_eq!(
                format!("{:?}", numbers.slots),
                format!("{:?}", full.slots),
                "{at}"
            );
            assert_eq!(numbers.metrics, full.metrics, "{at}");
            assert_eq!(numbers.invalidating, full.invalidating, "{at}");
            assert_eq!(numbers.factor_warnings, full.factor_warnings, "{at}");
            assert_eq!(numbers.inv.chosen, full.inv.chosen, "{at}");
            assert_eq!(numbers.inv.stated, full.inv.stated, "{at}");
            assert_eq!(
                format!("{:?}", numbers.inv.totals),
                format!("{:?}", full.inv.totals),
                "{at}"
            );
            assert_eq!(numbers.inv.sources.len(), full.inv.sources.len());
            for (n, f) in numbers.inv.sources.iter().zip(&full.inv.sources) {
                match (n, f) {
                    (ghg::SourceState::Reported(x, none), ghg::SourceState::Reported(y, _)) => {
                        assert_eq!(format!("{x:?}"), format!("{y:?}"), "{at}");
                        assert!(none.is_empty());
                        reported += 1;
                    }
                    _ => assert_eq!(format!("{n:?}"), format!("{f:?}"), "{at}"),
                }
            }
        });
        assert!(reported > 10, "{reported}");
    }

    /// Reading an answer as a number, as yes/no or as a series gives what reading it as a value
    /// does, for every question of every example and fixture answers file that reads under a
    /// built-in guideline.
    #[test]
    fn number_and_truth_are_the_answer_read_as_a_value() {
        let (mut numbers, mut truths, mut serieses) = (0, 0, 0);
        each_answers(|path, g, answers| {
            let facts = Facts::new(g, answers);
            for q in 0..g.questions.len() {
                let value = facts.question(q);
                let number = match &value {
                    Ok(Value::Num(n)) => Ok(*n),
                    Ok(_) => Err(Unknown::Internal),
                    Err(e) => Err(*e),
                };
                let truth = match &value {
                    Ok(Value::Bool(b)) => Ok(*b),
                    Ok(_) => Err(Unknown::Internal),
                    Err(e) => Err(*e),
                };
                let series = match &value {
                    Ok(Value::Series(s)) => Ok(s.to_vec()),
                    Ok(_) => Err(Unknown::Internal),
                    Err(e) => Err(*e),
                };
                numbers += usize::from(number.is_ok());
                truths += usize::from(truth.is_ok());
                serieses += usize::from(series.is_ok());
                assert_eq!(
                    facts.series_answer(q).map(|s| s.to_vec()),
                    series,
                    "{} {}",
                    path.display(),
                    q
                );
                assert_eq!(facts.number(q), number, "{} {}", path.display(), q);
                assert_eq!(facts.truth(q), truth, "{} {}", path.display(), q);
            }
        });
        assert!(
            numbers > 100 && truths > 100 && serieses > 100,
            "{numbers} {truths} {serieses}"
        );
    }
}
