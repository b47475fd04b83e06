//! The lint rules: one file each, with its code, severity, summary and explanation, and for the
//! rules that only `esg lint` applies, the check itself. [`RULES`] is the one list of them.
//!
//! Most rules are found while a guideline is validated (`guideline::validate`) or an answers file
//! is read (`answers::parse`): those tag their diagnostics with a rule from here. The checks that do
//! not stop a guideline from being used run after validation, on the checked guideline.

use std::ops::Range;

use crate::code::Code;
use crate::guideline::Guideline;
use crate::guideline::model::{RawFile, RawIndicator};
use crate::source::{Diagnostic, Message, Severity, Source};
use crate::text::Lang;

pub mod answer_not_asked;
pub mod bands_gap;
pub mod bands_overlap;
pub mod choice_level_mismatch;
pub mod choice_without_options;
pub mod conflicting_answer;
pub mod dependency_cycle;
pub mod duplicate_id;
pub mod duplicate_option;
pub mod empty_area;
pub mod expression_syntax;
pub mod expression_type;
pub mod factor_family;
pub mod factor_unsourced;
pub mod future_year;
pub mod guideline_mismatch;
pub mod invalid_header;
pub mod invalid_id;
pub mod invalid_level;
pub mod invalid_question;
pub mod invalid_rule;
pub mod invalid_value;
pub mod levels_not_ordered;
pub mod missing_key;
pub mod missing_reason;
pub mod missing_recommendation;
pub mod missing_text;
pub mod na_not_allowed;
pub mod na_without_reason;
pub mod non_positive_weight;
pub mod out_of_range;
pub mod self_test_failed;
pub mod toml_syntax;
pub mod unfilled_answer;
pub mod unknown_file;
pub mod unknown_key;
pub mod unknown_option;
pub mod unknown_question;
pub mod unknown_reference;
pub mod unreachable_best_level;
pub mod unused_question;
pub mod version_mismatch;
pub mod wrong_type;

pub use answer_not_asked::RULE as ANSWER_NOT_ASKED;
pub use bands_gap::RULE as BANDS_GAP;
pub use bands_overlap::RULE as BANDS_OVERLAP;
pub use choice_level_mismatch::RULE as CHOICE_LEVEL_MISMATCH;
pub use choice_without_options::RULE as CHOICE_WITHOUT_OPTIONS;
pub use conflicting_answer::RULE as CONFLICTING_ANSWER;
pub use dependency_cycle::RULE as DEPENDENCY_CYCLE;
pub use duplicate_id::RULE as DUPLICATE_ID;
pub use duplicate_option::RULE as DUPLICATE_OPTION;
pub use empty_area::RULE as EMPTY_AREA;
pub use expression_syntax::RULE as EXPRESSION_SYNTAX;
pub use expression_type::RULE as EXPRESSION_TYPE;
pub use factor_family::RULE as FACTOR_FAMILY;
pub use factor_unsourced::RULE as FACTOR_UNSOURCED;
pub use future_year::RULE as FUTURE_YEAR;
pub use guideline_mismatch::RULE as GUIDELINE_MISMATCH;
pub use invalid_header::RULE as INVALID_HEADER;
pub use invalid_id::RULE as INVALID_ID;
pub use invalid_level::RULE as INVALID_LEVEL;
pub use invalid_question::RULE as INVALID_QUESTION;
pub use invalid_rule::RULE as INVALID_RULE;
pub use invalid_value::RULE as INVALID_VALUE;
pub use levels_not_ordered::RULE as LEVELS_NOT_ORDERED;
pub use missing_key::RULE as MISSING_KEY;
pub use missing_reason::RULE as MISSING_REASON;
pub use missing_recommendation::RULE as MISSING_RECOMMENDATION;
pub use missing_text::RULE as MISSING_TEXT;
pub use na_not_allowed::RULE as NA_NOT_ALLOWED;
pub use na_without_reason::RULE as NA_WITHOUT_REASON;
pub use non_positive_weight::RULE as NON_POSITIVE_WEIGHT;
pub use out_of_range::RULE as OUT_OF_RANGE;
pub use self_test_failed::RULE as SELF_TEST_FAILED;
pub use toml_syntax::RULE as TOML_SYNTAX;
pub use unfilled_answer::RULE as UNFILLED_ANSWER;
pub use unknown_file::RULE as UNKNOWN_FILE;
pub use unknown_key::RULE as UNKNOWN_KEY;
pub use unknown_option::RULE as UNKNOWN_OPTION;
pub use unknown_question::RULE as UNKNOWN_QUESTION;
pub use unknown_reference::RULE as UNKNOWN_REFERENCE;
pub use unreachable_best_level::RULE as UNREACHABLE_BEST_LEVEL;
pub use unused_question::RULE as UNUSED_QUESTION;
pub use version_mismatch::RULE as VERSION_MISMATCH;
pub use wrong_type::RULE as WRONG_TYPE;

/// A lint rule: its code, how serious its findings are, and what it is about.
#[derive(Debug)]
pub struct Rule {
    /// The code of the problem the rule finds; it fixes the severity of every finding.
    pub code: Code,
    /// One line: what the rule finds.
    pub summary: Words,
    /// In full, with the headings "What it finds", "Why it matters", "How to fix".
    pub explanation: Words,
    /// A short example of what the rule finds (TOML), its comments in each language.
    pub example: Words,
}

impl Rule {
    /// The severity of every finding of this rule.
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// The explanation in `lang`, followed by the example under its own heading.
    #[must_use]
    pub fn explain(&self, lang: Lang) -> String {
        format!(
            "{}\n## {}\n\n{}",
            self.explanation.pick(lang),
            lang.pick("예시", "Example"),
            self.example.pick(lang)
        )
    }
}

/// Fixed text in Korean and English.
#[derive(Debug)]
pub struct Words {
    pub ko: &'static str,
    pub en: &'static str,
}

impl Words {
    /// The same text in every language: an example with no words of its own to translate.
    #[must_use]
    pub const fn same(text: &'static str) -> Words {
        Words { ko: text, en: text }
    }

    /// The text in `lang`.
    #[must_use]
    pub fn pick(&self, lang: Lang) -> &'static str {
        lang.pick(self.ko, self.en)
    }
}

/// Every rule, in the order `esg lint` documents them: files first, then guidelines, then answers.
pub static RULES: &[&Rule] = &[
    // Any TOML file.
    &TOML_SYNTAX,
    &UNKNOWN_KEY,
    &WRONG_TYPE,
    &MISSING_KEY,
    &UNKNOWN_FILE,
    // Guideline packages.
    &INVALID_HEADER,
    &INVALID_ID,
    &DUPLICATE_ID,
    &UNKNOWN_REFERENCE,
    &EXPRESSION_SYNTAX,
    &EXPRESSION_TYPE,
    &DEPENDENCY_CYCLE,
    &NON_POSITIVE_WEIGHT,
    &INVALID_VALUE,
    &EMPTY_AREA,
    &INVALID_QUESTION,
    &CHOICE_WITHOUT_OPTIONS,
    &DUPLICATE_OPTION,
    &INVALID_RULE,
    &INVALID_LEVEL,
    &LEVELS_NOT_ORDERED,
    &CHOICE_LEVEL_MISMATCH,
    &BANDS_OVERLAP,
    &BANDS_GAP,
    &UNREACHABLE_BEST_LEVEL,
    &MISSING_TEXT,
    &UNUSED_QUESTION,
    &MISSING_RECOMMENDATION,
    &MISSING_REASON,
    &FACTOR_FAMILY,
    &FACTOR_UNSOURCED,
    &SELF_TEST_FAILED,
    // Answers files.
    &UNKNOWN_QUESTION,
    &UNKNOWN_OPTION,
    &OUT_OF_RANGE,
    &UNFILLED_ANSWER,
    &NA_WITHOUT_REASON,
    &NA_NOT_ALLOWED,
    &CONFLICTING_ANSWER,
    &ANSWER_NOT_ASKED,
    &FUTURE_YEAR,
    &GUIDELINE_MISMATCH,
    &VERSION_MISMATCH,
];

/// A rule by its code as printed (`unknown-key`).
#[must_use]
pub fn find(code: &str) -> Option<&'static Rule> {
    Code::parse(code).map(of)
}

/// The rule of a code.
#[must_use]
pub fn of(code: Code) -> &'static Rule {
    RULES
        .iter()
        .copied()
        .find(|r| r.code == code)
        .expect("every code has a rule")
}

/// A validated guideline with the files it was read from, for the checks that need positions.
pub struct Package<'a> {
    pub files: &'a [(Source, RawFile)],
    pub guideline: &'a Guideline,
}

impl Package<'_> {
    /// A diagnostic of `rule` at a span of file `file`.
    #[must_use]
    pub fn at(&self, code: Code, file: usize, span: Range<usize>, msg: Message) -> Diagnostic {
        self.files[file].0.diagnostic(code, Some(span), msg)
    }

    /// Every raw indicator with the index of its file.
    pub fn raw_indicators(&self) -> impl Iterator<Item = (usize, &RawIndicator)> {
        self.files
            .iter()
            .enumerate()
            .flat_map(|(fi, (_, f))| f.indicator.iter().map(move |i| (fi, i)))
    }
}

/// Runs the checks that only `esg lint` applies to a validated guideline.
#[must_use]
pub fn check_package(package: &Package<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    empty_area::check(package, &mut out);
    bands_overlap::check(package, &mut out);
    bands_gap::check(package, &mut out);
    unreachable_best_level::check(package, &mut out);
    unused_question::check(package, &mut out);
    missing_recommendation::check(package, &mut out);
    missing_reason::check(package, &mut out);
    out
}
