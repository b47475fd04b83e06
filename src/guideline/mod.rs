//! Guidelines: the model, loading from directories and built-ins, and validation into a checked form.
//!
//! A [`Guideline`] exists only after validation: every id is resolved to an index, every
//! expression is compiled, so scoring and the questionnaire do no name lookups.

mod check;
mod load;
pub mod model;

use std::collections::{BTreeMap, HashMap};

pub use check::validate;
pub use load::{
    BUILTIN_DEFAULT, Builtin, builtins, load_builtin, load_dir, load_sources, read_dir_sources,
    resolve,
};
pub use model::{Better, Effort, QuestionKind, RuleKind};

use crate::expr::Expr;
use crate::text::{Lang, Text};

/// A validated guideline package.
#[derive(Debug)]
pub struct Guideline {
    pub id: String,
    pub version: String,
    pub languages: Vec<Lang>,
    pub title: Text,
    pub description: Option<Text>,
    /// Where it came from: `builtin` or a directory path.
    pub origin: String,
    pub areas: Vec<Area>,
    /// Grade bands, highest `min` first.
    pub grades: Vec<Grade>,
    pub questions: Vec<Question>,
    /// Indicators in guideline order: by area, then as written.
    pub indicators: Vec<Indicator>,
    pub metrics: Vec<Metric>,
    pub factor_tables: Vec<FactorTable>,
    question_index: HashMap<String, usize>,
    /// Questions ordered so that each one's ask-condition reads only questions before it.
    pub(crate) question_order: Vec<usize>,
    /// Metrics ordered so that each formula reads only metrics before it.
    pub(crate) metric_order: Vec<usize>,
}

impl Guideline {
    /// The index of a question by id.
    #[must_use]
    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.question_index.get(id).copied()
    }

    /// An indicator by id, ignoring case.
    #[must_use]
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators
            .iter()
            .find(|i| i.id.eq_ignore_ascii_case(id))
    }

    /// The grade for a total score.
    #[must_use]
    pub fn grade_for(&self, total: f64) -> Option<&Grade> {
        self.grades.iter().find(|g| total >= g.min)
    }

    /// The language to show text in: `lang` if the guideline has it, else its first language.
    #[must_use]
    pub fn lang(&self, lang: Lang) -> Lang {
        if self.languages.contains(&lang) {
            lang
        } else {
            self.languages.first().copied().unwrap_or(lang)
        }
    }
}

/// An area (P, E, S, G) with its weight.
#[derive(Debug)]
pub struct Area {
    pub id: String,
    pub weight: f64,
    pub title: Text,
    /// Indices of its indicators.
    pub indicators: Vec<usize>,
}

/// A grade band.
#[derive(Debug)]
pub struct Grade {
    pub id: String,
    pub min: f64,
    pub title: Text,
}

/// A compiled expression with the text it came from.
#[derive(Debug)]
pub struct Condition {
    pub source: String,
    pub expr: Expr,
}

/// One fact about the firm.
#[derive(Debug)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub group: Option<String>,
    pub prompt: Text,
    pub help: Option<Text>,
    pub unit: Option<Text>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub allow_na: bool,
    pub ask_if: Option<Condition>,
    pub years: u32,
    pub options: Vec<Choice>,
}

impl Question {
    /// The index of an option by id.
    #[must_use]
    pub fn option_index(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|o| o.id == id)
    }
}

/// An option of a choice or multi question.
#[derive(Debug)]
pub struct Choice {
    pub id: String,
    pub text: Text,
    pub value: Option<f64>,
}

/// A scored item.
#[derive(Debug)]
pub struct Indicator {
    pub id: String,
    pub area: usize,
    pub weight: f64,
    pub core: bool,
    pub title: Text,
    pub description: Option<Text>,
    pub applies_if: Option<Condition>,
    pub allow_na: bool,
    pub effort: Effort,
    pub recommendation: Text,
    pub references: BTreeMap<String, String>,
    pub rule: Rule,
    /// Worst first; points strictly increasing.
    pub levels: Vec<Level>,
    pub max_points: f64,
    /// The questions the scoring rule reads, in the order they appear.
    pub questions: Vec<usize>,
}

/// How an indicator's level is found.
#[derive(Debug)]
pub enum Rule {
    Choice {
        question: usize,
    },
    Checklist {
        question: usize,
        items: Vec<usize>,
    },
    YesNo {
        question: usize,
    },
    Bands {
        expr: Condition,
    },
    Trend {
        question: usize,
        per: Option<usize>,
        better: Better,
    },
}

impl Rule {
    /// The kind of rule.
    #[must_use]
    pub fn kind(&self) -> RuleKind {
        match self {
            Rule::Choice { .. } => RuleKind::Choice,
            Rule::Checklist { .. } => RuleKind::Checklist,
            Rule::YesNo { .. } => RuleKind::YesNo,
            Rule::Bands { .. } => RuleKind::Bands,
            Rule::Trend { .. } => RuleKind::Trend,
        }
    }
}

/// One level of an indicator.
#[derive(Debug)]
pub struct Level {
    pub points: f64,
    pub text: Text,
    pub matcher: Match,
}

/// What puts a firm at a level.
#[derive(Debug)]
pub enum Match {
    Options(Vec<usize>),
    AtLeast(u32),
    Answer(bool),
    Range { min: Option<f64>, max: Option<f64> },
}

/// A derived value.
#[derive(Debug)]
pub struct Metric {
    pub id: String,
    pub title: Text,
    pub unit: Option<Text>,
    pub formula: Condition,
}

/// Versioned constants with their source.
#[derive(Debug)]
pub struct FactorTable {
    pub id: String,
    pub title: Text,
    pub source: String,
    pub year: i32,
    pub unit: Option<String>,
    pub basis: Option<String>,
    pub gwp: Option<String>,
    pub values: Vec<(String, f64)>,
}
