//! Guidelines: the model, loading from directories and built-ins, and validation into a checked form.
//!
//! A [`Guideline`] exists only after validation: every id is resolved to an index, every
//! expression is compiled, so scoring and the questionnaire do no name lookups.

mod check;
mod load;
pub mod model;
pub mod placement;
pub(crate) mod uses;

use std::collections::{BTreeMap, HashMap};

pub use check::validate;
pub use load::{
    BUILTIN_DEFAULT, Builtin, builtin_sources, builtins, load_builtin, load_dir, load_sources,
    parse_sources, read_dir_sources, resolve,
};
pub use model::{Better, Effort, QuestionKind, RuleKind};
pub use uses::{SeriesUse, Uses};

use crate::expr::Expr;
use crate::text::{Lang, Text};

pub use crate::limits;

/// A validated guideline package.
#[derive(Debug)]
pub struct Guideline {
    pub id: String,
    pub version: String,
    pub languages: Vec<crate::text::Tag>,
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
    /// Families of factor tables, of which one table is chosen per firm.
    pub families: Vec<Family>,
    /// The expression giving the firm's country, for choosing factor tables.
    pub country: Option<Condition>,
    /// The lines of the GHG inventory.
    pub emission_sources: Vec<EmissionSource>,
    /// The metric reported as the inventory's intensity.
    pub ghg_intensity: Option<usize>,
    /// An inventory from elsewhere (`[ghg.stated]`), used instead of the sources when given.
    pub ghg_stated: Option<Stated>,
    /// The firm's sector and size band for a portfolio's survey (`[ghg] sector`, `size_band`).
    pub ghg_sector: Option<Condition>,
    pub ghg_size_band: Option<Condition>,
    /// Plausibility checks.
    pub checks: Vec<Check>,
    /// For each check (by index), the questions whose answers it invalidates when it holds.
    pub invalidates: Vec<Vec<usize>>,
    question_index: HashMap<String, usize>,
    /// Questions ordered so that each one's ask-condition reads only questions before it.
    pub(crate) question_order: Vec<usize>,
    /// Metrics ordered so that each formula reads only metrics before it.
    pub(crate) metric_order: Vec<usize>,
    /// What reads each question, found the first time relevance is asked for.
    pub(crate) uses: std::sync::OnceLock<Uses>,
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

    /// An indicator by id, ignoring case and punctuation: `e311` and `E3-1` find `E-3-1`.
    #[must_use]
    pub fn indicator_loose(&self, code: &str) -> Option<&Indicator> {
        let key = loose(code);
        let mut found = self.indicators.iter().filter(|i| loose(&i.id) == key);
        match (found.next(), found.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }

    /// The indicator code or question id closest to `code`, for "did you mean".
    #[must_use]
    pub fn suggest(&self, code: &str) -> Option<&str> {
        let lower = code.to_lowercase();
        let names = self
            .indicators
            .iter()
            .map(|i| i.id.as_str())
            .chain(self.questions.iter().map(|q| q.id.as_str()));
        names
            .map(|n| {
                (
                    strsim::jaro_winkler(&lower, &n.to_lowercase())
                        .max(strsim::jaro_winkler(&loose(code), &loose(n))),
                    n,
                )
            })
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, n)| n)
    }

    /// The index of a factor family by id.
    #[must_use]
    pub fn family_index(&self, id: &str) -> Option<usize> {
        self.families.iter().position(|f| f.id == id)
    }

    /// The area each question and figure belongs in (`placement.rs`).
    #[must_use]
    pub fn placement(&self) -> placement::Placement {
        placement::placement(self)
    }

    /// What the guideline does with each question (who reads it, how a series is read), found
    /// once per guideline.
    #[must_use]
    pub fn uses(&self) -> &Uses {
        self.uses.get_or_init(|| Uses::new(self))
    }

    /// For each question, whether anything reads it: a scoring rule, a condition, a formula, an
    /// emission source, the country expression or a plausibility check.
    #[must_use]
    pub fn questions_read(&self) -> Vec<bool> {
        let mut used = vec![false; self.questions.len()];
        let mut mark = |q: usize| used[q] = true;
        let mut conditions: Vec<&Condition> = Vec::new();
        for ind in &self.indicators {
            ind.questions.iter().for_each(|&q| mark(q));
            conditions.extend(&ind.applies_if);
        }
        conditions.extend(self.questions.iter().filter_map(|q| q.ask_if.as_ref()));
        conditions.extend(self.metrics.iter().map(|m| &m.formula));
        conditions.extend(self.emission_sources.iter().flat_map(EmissionSource::exprs));
        conditions.extend(&self.country);
        conditions.extend(self.families.iter().filter_map(|f| f.choose.as_ref()));
        conditions.extend(self.ghg_stated.iter().flat_map(Stated::exprs));
        conditions.extend(&self.ghg_sector);
        conditions.extend(&self.ghg_size_band);
        conditions.extend(self.checks.iter().map(|c| &c.warn_if));
        conditions.extend(
            self.indicators
                .iter()
                .flat_map(|i| i.advice.iter().map(|a| &a.when)),
        );
        for c in conditions {
            c.expr.visit_questions(&mut mark);
        }
        used
    }

    /// The energy carriers of the inventory's sources, each once, in the order of the sources.
    #[must_use]
    pub fn carriers(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for s in &self.emission_sources {
            if !out.contains(&s.carrier.as_str()) {
                out.push(&s.carrier);
            }
        }
        out
    }

    /// The grade for a total score: the band with the highest `min` not above the total as a
    /// report shows it (`text::rounded` to `text::SCORE_DECIMALS`), so that "Total 50 · Grade C"
    /// holds even when the arithmetic gives 49.99999999999999.
    #[must_use]
    pub fn grade_for(&self, total: f64) -> Option<&Grade> {
        self.grade_index(total).map(|i| &self.grades[i])
    }

    /// The index in `grades` of [`Guideline::grade_for`].
    #[must_use]
    pub fn grade_index(&self, total: f64) -> Option<usize> {
        let shown = crate::text::rounded(total, crate::text::SCORE_DECIMALS);
        self.grades.iter().position(|g| shown >= g.min)
    }

    /// The language to show text in: `lang` if the guideline has it, else its first language.
    #[must_use]
    pub fn lang(&self, lang: Lang) -> Lang {
        lang.or_first_of(&self.languages)
    }
}

/// A code with case and punctuation removed, for forgiving look-ups.
fn loose(code: &str) -> String {
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
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
    /// The unit formulas see: the only one, or the first of `units`.
    pub unit: Option<Text>,
    /// The units an answer may be given in (`units` in the guideline), the first being `unit`;
    /// empty for a question with one unit or none.
    pub units: Vec<Unit>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub allow_na: bool,
    /// Disclosed as given, scored by nothing (`disclosed_only` in the guideline): asked whenever
    /// its `ask_if` allows, though nothing may read it.
    pub disclosed_only: bool,
    pub ask_if: Option<Condition>,
    /// Why the question is not asked when `ask_if` is false, for owners.
    pub ask_if_reason: Option<Text>,
    pub years: u32,
    /// Series only: the reporting year's value when the series gives none (`current` in the
    /// guideline), over answers that are not series.
    pub current: Option<Condition>,
    pub options: Vec<Choice>,
    /// Table only: its columns.
    pub columns: Vec<Column>,
    /// Where the datapoint is defined elsewhere, by free keys (a framework's paragraph, a
    /// taxonomy element), as the guideline writes them.
    pub references: BTreeMap<String, String>,
    /// Choice only: the figure the question compares with the industry (`compare`).
    pub compare: Option<Compare>,
}

/// What a "compared with the industry" question compares: a benchmark holding the firm's sector
/// answers it from this figure.
#[derive(Debug)]
pub struct Compare {
    /// The firm's figure (a number).
    pub figure: Condition,
    pub lower_is_better: bool,
    /// The options (indices) that say worse, similar and better than the industry.
    pub worse: usize,
    pub similar: usize,
    pub better: usize,
    /// The option that says "don't know", which a benchmark may answer too.
    pub unknown: Option<usize>,
}

/// The most rows a table answer may hold.
pub const MAX_ROWS: usize = 1000;

/// A column of a table question: its cells are answered as a question of its kind would be.
#[derive(Debug)]
pub struct Column {
    pub id: String,
    /// Yes/no, choice, number, integer or text.
    pub kind: QuestionKind,
    pub prompt: Text,
    pub help: Option<Text>,
    pub unit: Option<Text>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub options: Vec<Choice>,
}

impl Question {
    /// The index of an option by id.
    #[must_use]
    pub fn option_index(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|o| o.id == id)
    }

    /// The index of a column by id (a table question's).
    #[must_use]
    pub fn column_index(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.id == id)
    }

    /// The index of a unit by id, among those the question accepts.
    #[must_use]
    pub fn unit_index(&self, id: &str) -> Option<usize> {
        self.units.iter().position(|u| u.id == id)
    }
}

/// A unit a question accepts, and how to convert it to the question's first unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub id: String,
    pub text: Text,
    /// How many of the first unit one of this unit is (1 for the first).
    pub factor: f64,
    /// Where the factor comes from (none for the first unit).
    pub source: Option<Text>,
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
    /// Why the indicator does not apply when `applies_if` is false, for owners.
    pub applies_if_reason: Option<Text>,
    pub allow_na: bool,
    pub effort: Effort,
    pub recommendation: Text,
    /// Recommendations on a condition over the answers, tried in order before any other.
    pub advice: Vec<Advice>,
    pub references: BTreeMap<String, String>,
    pub rule: Rule,
    /// Worst first; points strictly increasing.
    pub levels: Vec<Level>,
    pub max_points: f64,
    /// The questions the scoring rule reads, in the order they appear.
    pub questions: Vec<usize>,
}

/// A recommendation for the firms whose answers meet a condition.
#[derive(Debug)]
pub struct Advice {
    pub when: Condition,
    pub recommendation: Text,
}

/// Which of an indicator's recommendations a firm is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdviceFrom {
    /// The `[[indicator.advice]]` at this index, whose condition holds.
    Advice(usize),
    /// The recommendation of the level the firm is at.
    Level(usize),
    /// The indicator's own recommendation.
    Indicator,
}

impl Indicator {
    /// The recommendation that [`AdviceFrom`] names.
    #[must_use]
    pub fn recommendation_from(&self, from: AdviceFrom) -> &Text {
        match from {
            AdviceFrom::Advice(i) => &self.advice[i].recommendation,
            AdviceFrom::Level(l) => self.levels[l]
                .recommendation
                .as_ref()
                .unwrap_or(&self.recommendation),
            AdviceFrom::Indicator => &self.recommendation,
        }
    }
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
    /// What a firm at this level should do next, where it differs from the indicator's.
    pub recommendation: Option<Text>,
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
    /// Where the figure is defined elsewhere, by free keys, as for questions.
    pub references: BTreeMap<String, String>,
}

/// Versioned constants with their source.
#[derive(Debug)]
pub struct FactorTable {
    pub id: String,
    pub title: Text,
    /// Who published the factors, and where; a citation written as one string has it in every
    /// language.
    pub source: Text,
    pub year: i32,
    pub unit: Option<String>,
    /// What the figures include.
    pub basis: Option<Text>,
    /// The GWP set behind CO2e figures.
    pub gwp: Option<Text>,
    /// The family it belongs to, by index.
    pub family: Option<usize>,
    /// The country it serves (ISO 3166 code, upper case); `None` serves any country.
    pub country: Option<String>,
    /// Chosen only when an answers file names it.
    pub override_only: bool,
    /// Sorted by key.
    pub values: Vec<(String, f64)>,
}

/// Factor tables that answer the same keys for different countries, years or methods; one is
/// chosen per firm.
#[derive(Debug)]
pub struct Family {
    pub id: String,
    /// Its keys, sorted: the same in every table of the family.
    pub keys: Vec<String>,
    /// Its tables, by index.
    pub tables: Vec<usize>,
    /// The guideline's `[factors.tables]` expression for the family: a string naming the table
    /// to use (usually an answer whose options are the family's tables).
    pub choose: Option<Condition>,
}

/// One line of the GHG inventory: an activity times a factor.
#[derive(Debug)]
pub struct EmissionSource {
    pub id: String,
    pub title: Text,
    /// 1 (direct) or 2 (purchased energy).
    pub scope: u8,
    /// The amount, in `unit`.
    pub activity: Condition,
    /// The first question the activity reads: when it has no answer, the firm has not reported
    /// the source (it counts as zero); any other unknown leaves the totals unknown.
    pub activity_question: Option<usize>,
    pub unit: Text,
    /// tCO2e per unit of activity.
    pub factor: Condition,
    /// Scope 2: the activity counted by the market-based method (default: `activity`).
    pub market_activity: Option<Condition>,
    /// Scope 2: the market-based factor (default: `factor`).
    pub market_factor: Option<Condition>,
    /// The energy content of the activity, MWh.
    pub energy_mwh: Option<Condition>,
    /// The renewable part of that energy, MWh.
    pub renewable_mwh: Option<Condition>,
    pub basis: Option<Text>,
    /// The energy carrier it counts under in a portfolio's survey (its id unless named).
    pub carrier: String,
    /// Factor tables named directly in its expressions.
    pub tables: Vec<usize>,
    /// Factor families its expressions read.
    pub families: Vec<usize>,
}

impl EmissionSource {
    /// Every expression of the source.
    pub fn exprs(&self) -> impl Iterator<Item = &Condition> {
        [Some(&self.activity), Some(&self.factor)]
            .into_iter()
            .chain([
                self.market_activity.as_ref(),
                self.market_factor.as_ref(),
                self.energy_mwh.as_ref(),
                self.renewable_mwh.as_ref(),
            ])
            .flatten()
    }
}

/// `[ghg.stated]`: the totals of an inventory from elsewhere, and where it comes from.
#[derive(Debug)]
pub struct Stated {
    pub scope1: Condition,
    pub scope2_location: Condition,
    pub scope2_market: Option<Condition>,
    pub source: Condition,
}

impl Stated {
    /// Every expression it holds.
    pub fn exprs(&self) -> impl Iterator<Item = &Condition> {
        [
            Some(&self.scope1),
            Some(&self.scope2_location),
            self.scope2_market.as_ref(),
            Some(&self.source),
        ]
        .into_iter()
        .flatten()
    }
}

/// A plausibility check: a warning when `warn_if` holds.
#[derive(Debug)]
pub struct Check {
    pub id: String,
    pub warn_if: Condition,
    pub message: Text,
}
