//! Rule codes and severities: every problem `esg` finds in a file has a [`Code`], which names the
//! problem (kebab-case when printed, as `esg explain CODE` and `esg lint` show it) and fixes how
//! serious it is.
//!
//! This module imports nothing of the crate, so that every layer may use it: reading answers,
//! validating guidelines, source positions and the lint rules, which keep each code's summary,
//! explanation and lint-only check (`lint::rules`).

use serde::Serialize;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the file from being used.
    Error,
    /// Worth fixing; the file is still used.
    Warning,
}

/// Defines [`Code`] from one table: variant, printed form, severity.
macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident = $text:literal, $severity:ident;)*) => {
        /// The code of a kind of problem in an input file.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum Code {
            $($(#[$doc])* #[serde(rename = $text)] $name,)*
        }

        impl Code {
            /// Every code, in the order `esg lint` documents them: files first, then
            /// guidelines, then answers.
            pub const ALL: &[Code] = &[$(Code::$name),*];

            /// The code as printed: kebab-case, naming the problem.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => $text,)*
                }
            }

            /// How serious every problem with this code is.
            #[must_use]
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$name => Severity::$severity,)*
                }
            }
        }
    };
}

codes! {
    // Any TOML file.
    /// Not valid TOML.
    TomlSyntax = "toml-syntax", Error;
    /// A key or table this kind of file does not have.
    UnknownKey = "unknown-key", Error;
    /// A value of the wrong type.
    WrongType = "wrong-type", Error;
    /// A required key or table is missing.
    MissingKey = "missing-key", Error;
    /// Neither an answers file nor part of a guideline package.
    UnknownFile = "unknown-file", Error;
    // Guideline packages.
    /// The `[guideline]` header is missing, repeated or wrong.
    InvalidHeader = "invalid-header", Error;
    /// An id that does not follow its naming rule.
    InvalidId = "invalid-id", Error;
    /// The same id defined twice.
    DuplicateId = "duplicate-id", Error;
    /// A name that refers to nothing.
    UnknownReference = "unknown-reference", Error;
    /// An expression that cannot be parsed.
    ExpressionSyntax = "expression-syntax", Error;
    /// An expression whose types do not fit.
    ExpressionType = "expression-type", Error;
    /// Metrics or ask-conditions that depend on each other in a cycle.
    DependencyCycle = "dependency-cycle", Error;
    /// A weight of 0 or less.
    NonPositiveWeight = "non-positive-weight", Error;
    /// A number outside what it may be.
    InvalidValue = "invalid-value", Error;
    /// An area with no indicator.
    EmptyArea = "empty-area", Error;
    /// A question whose keys do not fit its kind.
    InvalidQuestion = "invalid-question", Error;
    /// A choice or multi question without options.
    ChoiceWithoutOptions = "choice-without-options", Error;
    /// An option listed twice.
    DuplicateOption = "duplicate-option", Error;
    /// A scoring rule that is incomplete or does not fit its question.
    InvalidRule = "invalid-rule", Error;
    /// A level that does not fit its rule.
    InvalidLevel = "invalid-level", Error;
    /// Levels not ordered worst first with rising points.
    LevelsNotOrdered = "levels-not-ordered", Error;
    /// A choice rule's levels do not match the question's options one to one.
    ChoiceLevelMismatch = "choice-level-mismatch", Error;
    /// Bands that overlap.
    BandsOverlap = "bands-overlap", Error;
    /// Bands that leave a gap.
    BandsGap = "bands-gap", Error;
    /// A best level no answer can reach.
    UnreachableBestLevel = "unreachable-best-level", Error;
    /// Text missing in a language the guideline declares.
    MissingText = "missing-text", Warning;
    /// A question nothing reads.
    UnusedQuestion = "unused-question", Warning;
    /// An indicator without a recommendation.
    MissingRecommendation = "missing-recommendation", Warning;
    /// In a package that declares itself complete, a condition without its reason in words.
    MissingReason = "missing-reason", Error;
    /// Factor tables and families that do not fit together.
    FactorFamily = "factor-family", Error;
    /// A factor without its source or year.
    FactorUnsourced = "factor-unsourced", Error;
    /// A self-test whose expectation does not hold.
    SelfTestFailed = "self-test-failed", Error;
    // Answers files.
    /// An answer to a question the guideline does not have.
    UnknownQuestion = "unknown-question", Error;
    /// An option the question does not have.
    UnknownOption = "unknown-option", Error;
    /// A number outside the question's bounds.
    OutOfRange = "out-of-range", Error;
    /// An answer left at the template's placeholder.
    UnfilledAnswer = "unfilled-answer", Error;
    /// Not applicable without a reason.
    NaWithoutReason = "na-without-reason", Error;
    /// Not applicable where the question does not allow it.
    NaNotAllowed = "na-not-allowed", Error;
    /// Answers that contradict each other.
    ConflictingAnswer = "conflicting-answer", Error;
    /// An answer to a question that is not asked.
    AnswerNotAsked = "answer-not-asked", Warning;
    /// A value for a year after the reporting year.
    FutureYear = "future-year", Warning;
    /// Answers for another guideline.
    GuidelineMismatch = "guideline-mismatch", Error;
    /// Answers for another version of the guideline.
    VersionMismatch = "version-mismatch", Warning;
}

impl Code {
    /// The code printed as `text`, if there is one.
    #[must_use]
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_print_and_parse_back() {
        for &c in Code::ALL {
            assert_eq!(Code::parse(c.as_str()), Some(c));
            assert_eq!(c.to_string(), c.as_str());
            assert_eq!(
                serde_json::to_value(c).unwrap(),
                serde_json::Value::from(c.as_str())
            );
        }
        assert_eq!(Code::parse("no-such-code"), None);
    }
}
