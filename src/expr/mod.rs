//! The expression language of guidelines: conditions and formulas.
//!
//! An expression is parsed ([`parse`]), then compiled against the names a guideline defines
//! ([`compile`]): names become indices, factors become constants, types are checked. Evaluation
//! ([`Expr::eval`]) asks an [`Env`] for answers and metric values and never fails: a value that
//! cannot be known (an unanswered question, a division by zero) is an [`Unknown`].

mod check;
mod eval;
pub mod parse;

use std::ops::Range;

use crate::source::Message;
use crate::text::Lang;

pub use check::{Names, Resolved, compile};

pub(crate) use eval::finite;
pub use eval::{Divisor, Env, Unknown, Value};

/// A total of the GHG inventory, named `ghg.<name>` in expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Total {
    /// Scope 1 emissions, tCO2e.
    Scope1,
    /// Scope 2 emissions, location-based, tCO2e.
    Scope2Location,
    /// Scope 2 emissions, market-based, tCO2e.
    Scope2Market,
    /// Energy used, MWh.
    EnergyMwh,
    /// Renewable energy used, MWh.
    RenewableMwh,
}

impl Total {
    /// Every total, in the order documented.
    pub const ALL: [Total; 5] = [
        Total::Scope1,
        Total::Scope2Location,
        Total::Scope2Market,
        Total::EnergyMwh,
        Total::RenewableMwh,
    ];

    /// The name after `ghg.` in expressions.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Total::Scope1 => "scope1",
            Total::Scope2Location => "scope2_location",
            Total::Scope2Market => "scope2_market",
            Total::EnergyMwh => "energy_mwh",
            Total::RenewableMwh => "renewable_mwh",
        }
    }
}

/// A fault in an expression, with its byte span in the expression text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    /// Where the fault is, in bytes from the start of the expression.
    pub span: Range<usize>,
    /// What is wrong, in Korean and English.
    pub message: Message,
    /// What kind of fault it is.
    pub kind: ExprFault,
}

/// The kind of an expression fault: bad syntax, a name nothing defines, or a type mismatch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExprFault {
    /// The text does not parse.
    Syntax,
    /// A name (question, metric, factor, option, function) that is not defined.
    UnknownName,
    /// A value of the wrong type, or a wrong number of arguments.
    Type,
}

impl ExprError {
    pub(crate) fn new(span: Range<usize>, message: Message) -> ExprError {
        ExprError {
            span,
            message,
            kind: ExprFault::Syntax,
        }
    }

    pub(crate) fn unknown(span: Range<usize>, message: Message) -> ExprError {
        ExprError {
            kind: ExprFault::UnknownName,
            ..ExprError::new(span, message)
        }
    }
}

/// The type of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// A number.
    Num,
    /// `true` or `false`.
    Bool,
    /// A string: a chosen option's id, or text.
    Str,
    /// A list of strings: the options ticked in a multi question.
    List,
    /// Numbers by year.
    Series,
    /// Rows of a table question.
    Table,
}

impl Type {
    /// The name used in messages.
    #[must_use]
    pub fn name(self, lang: Lang) -> &'static str {
        let (ko, en) = match self {
            Type::Num => ("수", "a number"),
            Type::Bool => ("참/거짓 값", "a yes/no value"),
            Type::Str => ("문자열", "a string"),
            Type::List => ("목록", "a list"),
            Type::Series => ("연도별 수치", "a series by year"),
            Type::Table => ("표", "a table of rows"),
        };
        lang.pick(ko, en)
    }
}

/// Arithmetic operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
}

/// Numeric comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
}

/// Functions over series and numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    Min,
    Max,
    Abs,
    Count,
    Latest,
    Average,
    Trend,
    /// The value of a series in the reporting year.
    Current,
}

/// A compiled, type-checked expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Num(f64),
    Str(Box<str>),
    Bool(bool),
    List(Box<[Box<str>]>),
    Question(usize),
    Metric(usize),
    /// A factor of a table named directly (`table.key`): a constant, with the table it came from.
    TableFactor {
        table: usize,
        value: f64,
    },
    /// A factor of a family (`family.key`), looked up in the table chosen for the firm.
    FamilyFactor {
        family: usize,
        key: usize,
    },
    /// A total of the GHG inventory (`ghg.scope1`, ...).
    Inventory(Total),
    /// A series with one more point, for the reporting year: `extend(series, value)`.
    Extend(Box<Expr>, Box<Expr>),
    Answered(usize),
    /// `not_applicable(q)`: true when q is marked not applicable or not asked, false when it is
    /// answered, unknown while it is unanswered.
    NotApplicable(usize),
    OptionValue(usize),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    Arith(Arith, Box<Expr>, Box<Expr>),
    Cmp(Cmp, Box<Expr>, Box<Expr>),
    Equal(bool, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    In(Box<Expr>, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    Default(Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
    /// `count(t)` and `count(t, cond)`: the rows of table question `table` (for which `filter`
    /// holds).
    Rows {
        table: usize,
        filter: Option<Box<Expr>>,
    },
    /// `sum(t.col)` and `sum(t.col, cond)`: the sum of a number column over the rows (for which
    /// `filter` holds).
    SumColumn {
        table: usize,
        column: usize,
        filter: Option<Box<Expr>>,
    },
    /// A cell of the row being read, by column, inside `count` and `sum` of a table.
    Cell(usize),
}

impl Expr {
    /// Calls `f` with every question this expression reads.
    pub fn visit_questions(&self, f: &mut impl FnMut(usize)) {
        self.walk(&mut |e| {
            if let Expr::Question(q)
            | Expr::Answered(q)
            | Expr::NotApplicable(q)
            | Expr::OptionValue(q)
            | Expr::Rows { table: q, .. }
            | Expr::SumColumn { table: q, .. } = e
            {
                f(*q);
            }
        });
    }

    /// Calls `f` with every factor table named directly (`table.key`).
    pub fn visit_tables(&self, f: &mut impl FnMut(usize)) {
        self.walk(&mut |e| {
            if let Expr::TableFactor { table, .. } = e {
                f(*table);
            }
        });
    }

    /// Calls `f` with every factor family this expression reads.
    pub fn visit_families(&self, f: &mut impl FnMut(usize)) {
        self.walk(&mut |e| {
            if let Expr::FamilyFactor { family, .. } = e {
                f(*family);
            }
        });
    }

    /// Whether the expression reads a total of the GHG inventory.
    #[must_use]
    pub fn reads_inventory(&self) -> bool {
        let mut found = false;
        self.walk(&mut |e| found |= matches!(e, Expr::Inventory(_)));
        found
    }

    /// Calls `f` with every metric this expression reads.
    pub fn visit_metrics(&self, f: &mut impl FnMut(usize)) {
        self.walk(&mut |e| {
            if let Expr::Metric(m) = e {
                f(*m);
            }
        });
    }

    fn walk(&self, f: &mut impl FnMut(&Expr)) {
        f(self);
        match self {
            Expr::Num(_)
            | Expr::Str(_)
            | Expr::Bool(_)
            | Expr::List(_)
            | Expr::Question(_)
            | Expr::Metric(_)
            | Expr::TableFactor { .. }
            | Expr::FamilyFactor { .. }
            | Expr::Inventory(_)
            | Expr::Answered(_)
            | Expr::NotApplicable(_)
            | Expr::OptionValue(_)
            | Expr::Cell(_) => {}
            Expr::Rows { filter, .. } | Expr::SumColumn { filter, .. } => {
                if let Some(x) = filter {
                    x.walk(f);
                }
            }
            Expr::Neg(a) | Expr::Not(a) => a.walk(f),
            Expr::Arith(_, a, b)
            | Expr::Cmp(_, a, b)
            | Expr::Equal(_, a, b)
            | Expr::And(a, b)
            | Expr::Or(a, b)
            | Expr::In(a, b)
            | Expr::Extend(a, b)
            | Expr::Default(a, b) => {
                a.walk(f);
                b.walk(f);
            }
            Expr::If(a, b, c) => {
                a.walk(f);
                b.walk(f);
                c.walk(f);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.walk(f)),
        }
    }
}

/// A trend: the change of a series in percent per year, and how many years it rests on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trend {
    /// The least-squares slope over the years used, divided by the mean of the values, in % a year.
    pub percent: f64,
    /// The years used.
    pub years: usize,
}

/// Why a series has no trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoTrend {
    /// Fewer than two years are left to compute it from.
    TooFewYears,
    /// The values used average 0 (a series of zeros): a change in percent of 0 has no meaning.
    ZeroMean,
    /// The figures are too large to compute with.
    Overflow,
}

/// The trend of `series`, or of its ratio to `per` (e.g. water per revenue): the one
/// implementation behind the `trend` scoring rule and the `trend(series[, per])` function.
///
/// With `per`, each year of `series` is divided by the same year of `per`; a year that `per` has
/// no value for, or whose `per` value is 0, has no ratio and is left out. The trend then needs at
/// least two years left.
pub fn trend(series: &[(i32, f64)], per: Option<&[(i32, f64)]>) -> Result<Trend, NoTrend> {
    // The ratios of a series of a few years are kept on the stack.
    let mut few = [(0, 0.0); 8];
    let many: Vec<(i32, f64)>;
    let points: &[(i32, f64)] = match per {
        None => series,
        Some(per) => {
            let ratios = series.iter().filter_map(|&(year, v)| {
                per.iter()
                    .find(|p| p.0 == year && p.1 != 0.0)
                    .map(|p| (year, v / p.1))
            });
            if series.len() <= few.len() {
                let mut n = 0;
                for r in ratios {
                    few[n] = r;
                    n += 1;
                }
                &few[..n]
            } else {
                many = ratios.collect();
                &many
            }
        }
    };
    if points.len() < 2 {
        return Err(NoTrend::TooFewYears);
    }
    if points.iter().any(|p| !p.1.is_finite()) {
        return Err(NoTrend::Overflow);
    }
    match trend_percent(points) {
        Some(percent) if percent.is_finite() => Ok(Trend {
            percent,
            years: points.len(),
        }),
        Some(_) => Err(NoTrend::Overflow),
        None if points.iter().all(|p| p.1 == 0.0) => Err(NoTrend::ZeroMean),
        None => {
            // The mean is 0 (values of both signs), or too large to compute.
            let sum: f64 = points.iter().map(|p| p.1).sum();
            if sum.is_finite() {
                Err(NoTrend::ZeroMean)
            } else {
                Err(NoTrend::Overflow)
            }
        }
    }
}

/// Trend of a series in percent per year: the least-squares slope over the years given,
/// divided by the mean of the values. `None` with fewer than two points, a zero mean, or a mean
/// too large to compute.
#[must_use]
pub fn trend_percent(points: &[(i32, f64)]) -> Option<f64> {
    if points.len() < 2 {
        return None;
    }
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| f64::from(p.0)).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points
        .iter()
        .map(|p| (f64::from(p.0) - mean_x).powi(2))
        .sum();
    let sxy: f64 = points
        .iter()
        .map(|p| (f64::from(p.0) - mean_x) * (p.1 - mean_y))
        .sum();
    if sxx == 0.0 || mean_y == 0.0 || !mean_y.is_finite() {
        return None;
    }
    Some(sxy / sxx / mean_y.abs() * 100.0)
}

#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;
