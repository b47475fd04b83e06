//! The questionnaire as a state machine: which question comes next given the ask-conditions and
//! the answers so far, going back, the review at the end, and progress. It never prints and never
//! scores; `esg assess` drives it from the terminal and saves after every change.

pub mod input;
mod plan;

pub use plan::{Plan, Section};

use crate::answers::{Answers, Entry, State};
use crate::guideline::{Guideline, QuestionKind};
use crate::text::{Lang, Ui};

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

/// Where a question stands in the questionnaire: `12/58 · 환경`, and what is left to plan with,
/// `남은 질문 23개 · 약 9분` ([`Progress::remaining`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// 1-based number among the questions asked.
    pub number: usize,
    /// How many questions are asked, given the answers so far.
    pub total: usize,
    /// The section's title.
    pub section: String,
    /// The questions left that still apply, and the time they take.
    pub remaining: Remaining,
}

impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{} · {}", self.number, self.total, self.section)
    }
}

/// The questions still relevant and not answered, with an estimate of the minutes they take
/// ([`seconds`]): `남은 질문 23개 · 약 9분`, `23 questions left · about 9 min`. The count shrinks
/// as answers rule questions out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Remaining {
    /// Questions left.
    pub left: usize,
    /// The estimated time they take, in seconds.
    pub seconds: u32,
    /// The language it is said in.
    pub lang: Lang,
}

impl Remaining {
    /// The estimate in whole minutes, rounded up, so that any question left shows a minute.
    #[must_use]
    pub fn minutes(&self) -> u32 {
        self.seconds.div_ceil(60)
    }
}

impl std::fmt::Display for Remaining {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lang = self.lang;
        let text = match (self.left, lang.ui()) {
            (0, _) => lang.pick("남은 질문 없음", "no questions left").to_owned(),
            (1, Ui::En) => format!("1 question left · about {} min", self.minutes()),
            _ => crate::tr!(
                lang,
                "남은 질문 {}개 · 약 {}분",
                "{} questions left · about {} min",
                self.left,
                self.minutes()
            ),
        };
        f.write_str(&text)
    }
}

/// The estimated time one question takes an owner who has the figures at hand, in seconds: 10
/// for yes or no, 20 for one choice, 30 for a list to tick, 45 for a number or a text (a figure to
/// look up), 30 for each year of a series.
#[must_use]
pub fn seconds(kind: QuestionKind, years: usize) -> u32 {
    match kind {
        QuestionKind::YesNo => 10,
        QuestionKind::Choice => 20,
        QuestionKind::Multi => 30,
        QuestionKind::Number | QuestionKind::Integer | QuestionKind::Text => 45,
        QuestionKind::Series => 30 * u32::try_from(years.min(100)).unwrap_or(100),
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

    /// The years a series question asks, the latest first: those the guideline needs
    /// ([`years_needed`]), back from the firm's reporting year (or last calendar year).
    #[must_use]
    pub fn series_years(&self, q: usize) -> Vec<i32> {
        years_needed(self.guideline, q, self.reporting_year())
    }

    /// Which years a series question asks and why, in a sentence for its prompt: the years a
    /// trend needs, the reporting year's value taken from other answers, or the one year used.
    #[must_use]
    pub fn series_note(&self, q: usize, lang: Lang) -> String {
        series_note(self.guideline, q, self.reporting_year(), lang)
    }

    /// The firm's reporting year, or last calendar year.
    fn reporting_year(&self) -> i32 {
        self.answers
            .firm
            .reporting_year
            .and_then(|y| i32::try_from(y).ok())
            .unwrap_or(self.this_year - 1)
    }

    /// The progress line of question `q`: its number among the questions asked, its section, and
    /// the questions left that still apply with the minutes they take.
    #[must_use]
    pub fn progress(&self, q: usize, lang: Lang) -> Progress {
        let pos = self.plan.position(q).unwrap_or(0);
        let asked_before = self.plan.order[..pos]
            .iter()
            .filter(|&&x| self.asked[x])
            .count();
        let open = self.unanswered();
        let seconds = open
            .iter()
            .map(|&x| seconds(self.guideline.questions[x].kind, self.series_years(x).len()))
            .sum();
        Progress {
            number: asked_before + 1,
            total: self.plan.order.iter().filter(|&&x| self.asked[x]).count(),
            section: self.plan.sections[pos].title(self.guideline, lang),
            remaining: Remaining {
                left: open.len(),
                seconds,
                lang,
            },
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

/// The years series question `q` needs, the latest first, for a firm reporting on `year`: the
/// question's `years` ending with `year` when a trend is taken over it, else `year` alone; without
/// `year` where its value comes from other answers (the question's `current`, or `extend` in every
/// formula that reads it). Never empty: where every year needed comes from elsewhere, the
/// reporting year is asked all the same (a figure given stands).
#[must_use]
pub fn years_needed(g: &Guideline, q: usize, year: i32) -> Vec<i32> {
    let question = &g.questions[q];
    let Some(used) = g.uses().series(q) else {
        return Vec::new();
    };
    // A series nothing reads (never asked) falls back on its `years`.
    let span = if used.span == 0 {
        question.years
    } else {
        used.span
    };
    let span = i32::try_from(span).unwrap_or(3);
    let skip = usize::from(used.reporting_year_supplied);
    let years: Vec<i32> = (0..span).map(|i| year - i).skip(skip).collect();
    if years.is_empty() { vec![year] } else { years }
}

/// The sentence of [`Session::series_note`].
#[must_use]
pub fn series_note(g: &Guideline, q: usize, year: i32, lang: Lang) -> String {
    let Some(used) = g.uses().series(q) else {
        return String::new();
    };
    let asked = years_needed(g, q, year);
    let span = if used.span == 0 {
        g.questions[q].years
    } else {
        used.span
    };
    let (first, last) = (
        asked.last().copied().unwrap_or(year),
        asked.first().copied().unwrap_or(year),
    );
    let range = |a: i32, b: i32| {
        if a == b {
            crate::tr!(lang, "{}년", "{}", a)
        } else {
            crate::tr!(lang, "{}~{}년", "{}–{}", a, b)
        }
    };
    if span <= 1 {
        return crate::tr!(
            lang,
            "{} 값만 씁니다.",
            "Only the figure for {} is used.",
            range(last, last)
        );
    }
    let (ko, en) = if used.reporting_year_supplied && !asked.contains(&year) {
        (
            format!(
                "추세는 {}의 {span}개 연도로 봅니다. {} 값은 앞서 답한 내용에서 가져오므로 {}만 묻습니다.",
                range(first, year),
                range(year, year),
                range(first, last)
            ),
            format!(
                "The trend is taken over {span} years, {}; the figure for {} comes from other answers, so only {} {} asked.",
                range(first, year),
                range(year, year),
                range(first, last),
                if asked.len() == 1 { "is" } else { "are" }
            ),
        )
    } else {
        (
            format!(
                "추세를 보려고 {}의 {span}개 연도를 묻습니다.",
                range(first, last)
            ),
            format!(
                "The trend is taken over {span} years, so {} are asked.",
                range(first, last)
            ),
        )
    };
    lang.pick(&ko, &en).to_owned()
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
