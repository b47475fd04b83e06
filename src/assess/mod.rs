//! The questionnaire as a state machine: which question comes next given the ask-conditions and
//! the answers so far, going back, the review at the end, and progress. It never prints and never
//! scores; `esg assess` drives it from the terminal and saves after every change.

pub mod input;
mod plan;

pub use plan::{Plan, Section};

use crate::answers::{Answers, Entry, State};
use crate::guideline::Guideline;
use crate::text::Lang;

/// What the questionnaire asks now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The firm's name (a new answers file).
    FirmName,
    /// The year the figures describe (a new answers file).
    ReportingYear,
    /// A question, by index into `Guideline::questions`.
    Question(usize),
    /// The list of answers, unanswered ones first; any can be changed.
    Review,
}

/// Where a question stands in the questionnaire: `12/58 · 환경`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// 1-based number among the questions asked.
    pub number: usize,
    /// How many questions are asked, given the answers so far.
    pub total: usize,
    /// The section's title.
    pub section: String,
}

impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{} · {}", self.number, self.total, self.section)
    }
}

/// One questionnaire over one guideline and one set of answers.
#[derive(Debug)]
pub struct Session<'g> {
    guideline: &'g Guideline,
    answers: Answers,
    plan: Plan,
    asked: Vec<bool>,
    step: Step,
    history: Vec<Step>,
    /// How far into the plan the session has walked: within it, going forward replays every
    /// question; beyond it, questions already answered are passed over.
    walked: usize,
    /// A question opened from the review returns to the review.
    from_review: bool,
    this_year: i32,
}

impl<'g> Session<'g> {
    /// Starts a questionnaire. A file without a firm name starts with the firm; one with answers
    /// resumes at the first question asked and not answered; a complete one opens the review.
    /// `this_year` is the current calendar year, for the default reporting year.
    #[must_use]
    pub fn new(guideline: &'g Guideline, answers: Answers, this_year: i32) -> Session<'g> {
        let asked = asked(guideline, &answers);
        let mut s = Session {
            guideline,
            answers,
            plan: Plan::new(guideline),
            asked,
            step: Step::Review,
            history: Vec::new(),
            walked: 0,
            from_review: false,
            this_year,
        };
        s.step = if s.answers.firm.name.trim().is_empty() {
            Step::FirmName
        } else {
            s.next_from(0)
        };
        s
    }

    /// The guideline asked.
    #[must_use]
    pub fn guideline(&self) -> &'g Guideline {
        self.guideline
    }

    /// The answers so far.
    #[must_use]
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// The answers, at the end.
    #[must_use]
    pub fn into_answers(self) -> Answers {
        self.answers
    }

    /// What to ask now.
    #[must_use]
    pub fn step(&self) -> Step {
        self.step
    }

    /// Whether question `q` has a value or is marked not applicable.
    #[must_use]
    pub fn is_answered(&self, q: usize) -> bool {
        matches!(
            self.answers.entries[q].as_ref().map(|e| &e.state),
            Some(State::Value(_) | State::NotApplicable(_))
        )
    }

    /// The year a new file's figures describe by default: last calendar year.
    #[must_use]
    pub fn default_reporting_year(&self) -> i32 {
        self.this_year - 1
    }

    /// The years a series question asks, the latest first: from the firm's reporting year (or
    /// last calendar year) back, as many as the question's `years`.
    #[must_use]
    pub fn series_years(&self, q: usize) -> Vec<i32> {
        let last = self
            .answers
            .firm
            .reporting_year
            .and_then(|y| i32::try_from(y).ok())
            .unwrap_or(self.this_year - 1);
        let n = i32::try_from(self.guideline.questions[q].years).unwrap_or(3);
        (0..n).map(|i| last - i).collect()
    }

    /// The progress line of question `q`.
    #[must_use]
    pub fn progress(&self, q: usize, lang: Lang) -> Progress {
        let pos = self.plan.position(q).unwrap_or(0);
        let asked_before = self.plan.order[..pos]
            .iter()
            .filter(|&&x| self.asked[x])
            .count();
        Progress {
            number: asked_before + 1,
            total: self.plan.order.iter().filter(|&&x| self.asked[x]).count(),
            section: self.plan.sections[pos].title(self.guideline, lang),
        }
    }

    /// Sets the firm's name and moves on.
    pub fn set_firm_name(&mut self, name: &str) {
        self.answers.firm.name = name.trim().to_owned();
        self.forward(Step::ReportingYear);
    }

    /// Sets the reporting year and moves on to the first question.
    pub fn set_reporting_year(&mut self, year: i32) {
        self.answers.firm.reporting_year = Some(i64::from(year));
        let next = self.next_from(0);
        self.forward(next);
    }

    /// Records the answer to the current question (`None` clears it, keeping evidence and note)
    /// and moves on. Returns the question changed.
    pub fn answer(&mut self, state: Option<State>) -> Option<usize> {
        let Step::Question(q) = self.step else {
            return None;
        };
        self.set_state(q, state);
        self.advance(q);
        Some(q)
    }

    /// Records an answer to question `q` without moving on (a series, year by year).
    pub fn set_state(&mut self, q: usize, state: Option<State>) {
        let slot = &mut self.answers.entries[q];
        match (slot.as_mut(), state) {
            (Some(e), Some(s)) => e.state = s,
            (None, Some(s)) => {
                *slot = Some(Entry {
                    state: s,
                    evidence: Vec::new(),
                    note: None,
                });
            }
            (Some(e), None) if e.evidence.is_empty() && e.note.is_none() => *slot = None,
            (Some(e), None) => e.state = State::Open,
            (None, None) => {}
        }
        self.asked = asked(self.guideline, &self.answers);
    }

    /// Leaves the current question as it is and moves on.
    pub fn skip(&mut self) {
        if let Step::Question(q) = self.step {
            self.advance(q);
        }
    }

    /// Sets the evidence and note of question `q`, keeping its answer.
    pub fn set_extras(&mut self, q: usize, evidence: Vec<String>, note: Option<String>) {
        let slot = &mut self.answers.entries[q];
        match slot {
            Some(e) => {
                e.evidence = evidence;
                e.note = note;
                if e.evidence.is_empty() && e.note.is_none() && e.state == State::Open {
                    *slot = None;
                }
            }
            None if evidence.is_empty() && note.is_none() => {}
            None => {
                *slot = Some(Entry {
                    state: State::Open,
                    evidence,
                    note,
                });
            }
        }
    }

    /// Returns to the previous step: the one before in this session, or, in a resumed session, the
    /// question asked before this one. `false` when there is none.
    pub fn back(&mut self) -> bool {
        while let Some(prev) = self.history.pop() {
            if let Step::Question(q) = prev {
                if !self.asked[q] {
                    continue;
                }
            }
            self.from_review = false;
            self.step = prev;
            return true;
        }
        let before = match self.step {
            Step::Question(q) => self.plan.position(q).unwrap_or(0),
            Step::Review => self.plan.order.len(),
            Step::FirmName | Step::ReportingYear => return false,
        };
        let prev = self.plan.order[..before]
            .iter()
            .rev()
            .find(|&&q| self.asked[q]);
        match prev {
            Some(&q) => {
                self.from_review = false;
                self.step = Step::Question(q);
                true
            }
            None => false,
        }
    }

    /// Opens question `q` from the review; answering it returns to the review.
    pub fn edit(&mut self, q: usize) {
        self.history.push(self.step);
        self.step = Step::Question(q);
        self.from_review = true;
    }

    /// Opens the review.
    pub fn review(&mut self) {
        if self.step != Step::Review {
            self.forward(Step::Review);
        }
    }

    /// The questions asked, unanswered ones first, each group in asking order.
    #[must_use]
    pub fn review_list(&self) -> Vec<usize> {
        let asked: Vec<usize> = self
            .plan
            .order
            .iter()
            .copied()
            .filter(|&q| self.asked[q])
            .collect();
        let (mut open, done): (Vec<usize>, Vec<usize>) =
            asked.into_iter().partition(|&q| !self.is_answered(q));
        open.extend(done);
        open
    }

    /// The questions asked and not answered, in asking order.
    #[must_use]
    pub fn unanswered(&self) -> Vec<usize> {
        self.plan
            .order
            .iter()
            .copied()
            .filter(|&q| self.asked[q] && !self.is_answered(q))
            .collect()
    }

    fn forward(&mut self, next: Step) {
        self.history.push(self.step);
        self.step = next;
    }

    fn advance(&mut self, q: usize) {
        if self.from_review {
            self.from_review = false;
            self.forward(Step::Review);
            return;
        }
        let pos = self.plan.position(q).map_or(0, |p| p + 1);
        let next = self.next_from(pos);
        self.forward(next);
    }

    /// The first question at or after plan position `pos` that is asked and either within the
    /// part already walked through or not yet answered; the review when there is none.
    fn next_from(&mut self, pos: usize) -> Step {
        for p in pos..self.plan.order.len() {
            let q = self.plan.order[p];
            if self.asked[q] && (p < self.walked || !self.is_answered(q)) {
                self.walked = self.walked.max(p + 1);
                return Step::Question(q);
            }
        }
        self.walked = self.plan.order.len();
        Step::Review
    }
}

/// Which questions are asked given the answers so far: those still relevant
/// ([`crate::score::relevant`]).
fn asked(guideline: &Guideline, answers: &Answers) -> Vec<bool> {
    crate::score::relevant(guideline, answers)
        .iter()
        .map(crate::score::Relevance::is_relevant)
        .collect()
}

#[cfg(test)]
mod tests;
