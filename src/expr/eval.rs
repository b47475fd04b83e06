//! Evaluation of compiled expressions.

use std::borrow::Cow;

use super::{Arith, Cmp, Expr, Func, NoTrend, Total, trend};

/// A value during evaluation.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Num(f64),
    Bool(bool),
    Str(&'a str),
    List(Vec<&'a str>),
    Series(Cow<'a, [(i32, f64)]>),
    /// A table's rows, each with its cells in column order.
    Table(Vec<Vec<Value<'a>>>),
}

/// Why a value cannot be known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    /// The question has no answer.
    Unanswered(usize),
    /// The firm marked the question not applicable, or it was not asked.
    NotApplicable(usize),
    /// The answer cannot be trusted: a consistency check that names the question (its
    /// `invalidates`) holds, so the answer counts as unanswered and no default replaces it.
    Invalid(usize),
    /// A division by zero, and what the divisor is where it has a name.
    DivisionByZero(Divisor),
    /// A result too large for a 64-bit number (beyond about 1.8e308): the answers it reads are
    /// most likely in the wrong unit or have digits too many.
    Overflow,
    /// A series question has fewer answered years than the calculation needs.
    TooFewYears(usize),
    /// The values of a series question average 0 over the years used (a series of zeros), so it
    /// has no trend in percent.
    NoTrend(usize),
    /// No table of the factor family (by index) fits the firm's country and reporting year.
    NoFactor(usize),
    /// The calculation needs the reporting year, and the answers name none.
    NoReportingYear,
    /// A value of the wrong type, or a value asked for that does not exist: cannot happen for a
    /// checked guideline, and is reported as a fault of the tool rather than of the answers.
    Internal,
}

/// The divisor of a division by zero, where it has a name a person knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Divisor {
    /// An answer (a number, or a series through `latest`, `average` or `current`).
    Question(usize),
    /// A metric.
    Metric(usize),
    /// A total of the GHG inventory.
    Inventory(Total),
    /// Anything else: a sum, a product, a constant.
    Unnamed,
}

impl Divisor {
    /// The divisor an expression stands for.
    fn of(e: &Expr) -> Divisor {
        match e {
            Expr::Question(q) => Divisor::Question(*q),
            Expr::Metric(m) => Divisor::Metric(*m),
            Expr::Inventory(t) => Divisor::Inventory(*t),
            Expr::Call(Func::Latest | Func::Average | Func::Current, args) => {
                series_question(&args[0]).map_or(Divisor::Unnamed, Divisor::Question)
            }
            Expr::Default(a, _) => Divisor::of(a),
            _ => Divisor::Unnamed,
        }
    }
}

/// Where an expression gets the answers and metric values it reads.
pub trait Env {
    /// The answer to question `q`.
    fn question(&self, q: usize) -> Result<Value<'_>, Unknown>;
    /// Whether question `q` has an answer.
    fn answered(&self, q: usize) -> bool;
    /// Whether question `q` is not applicable: marked so by the firm, or not asked (true);
    /// answered (false); unknown while it is unanswered or its answer is set aside.
    fn not_applicable(&self, q: usize) -> Result<bool, Unknown>;
    /// The `value` of the option chosen for question `q`.
    fn option_value(&self, q: usize) -> Result<f64, Unknown>;
    /// The value of metric `m`.
    fn metric(&self, m: usize) -> Result<f64, Unknown>;
    /// The factor `key` of the table chosen for `family`.
    fn factor(&self, family: usize, _key: usize) -> Result<f64, Unknown> {
        Err(Unknown::NoFactor(family))
    }
    /// A total of the GHG inventory.
    fn inventory(&self, _total: Total) -> Result<f64, Unknown> {
        Err(Unknown::Internal)
    }
    /// The year the answers describe.
    fn reporting_year(&self) -> Option<i32> {
        None
    }
    /// A cell of the row being read (inside `count` and `sum` of a table).
    fn cell(&self, _column: usize) -> Result<Value<'_>, Unknown> {
        Err(Unknown::Internal)
    }
}

/// The environment of one row of a table: its cells, and everything else from the outer one.
struct RowEnv<'r> {
    outer: &'r dyn Env,
    row: &'r [Value<'r>],
}

impl Env for RowEnv<'_> {
    fn question(&self, q: usize) -> Result<Value<'_>, Unknown> {
        self.outer.question(q)
    }
    fn answered(&self, q: usize) -> bool {
        self.outer.answered(q)
    }
    fn not_applicable(&self, q: usize) -> Result<bool, Unknown> {
        self.outer.not_applicable(q)
    }
    fn option_value(&self, q: usize) -> Result<f64, Unknown> {
        self.outer.option_value(q)
    }
    fn metric(&self, m: usize) -> Result<f64, Unknown> {
        self.outer.metric(m)
    }
    fn factor(&self, family: usize, key: usize) -> Result<f64, Unknown> {
        self.outer.factor(family, key)
    }
    fn inventory(&self, total: Total) -> Result<f64, Unknown> {
        self.outer.inventory(total)
    }
    fn reporting_year(&self) -> Option<i32> {
        self.outer.reporting_year()
    }
    fn cell(&self, column: usize) -> Result<Value<'_>, Unknown> {
        self.row.get(column).cloned().ok_or(Unknown::Internal)
    }
}

/// The rows of table `table` for which `filter` holds (all of them without one).
fn rows_matching<'a>(
    table: usize,
    filter: Option<&Expr>,
    env: &'a dyn Env,
) -> Result<Vec<Vec<Value<'a>>>, Unknown> {
    let Value::Table(rows) = env.question(table)? else {
        return Err(Unknown::Internal);
    };
    let Some(filter) = filter else {
        return Ok(rows);
    };
    let mut out = Vec::new();
    for row in rows {
        let keep = {
            let row_env = RowEnv {
                outer: env,
                row: &row,
            };
            boolean(filter.eval(&row_env))?
        };
        if keep {
            out.push(row);
        }
    }
    Ok(out)
}

type R<'a> = Result<Value<'a>, Unknown>;

/// The number a value holds.
pub(crate) fn num(v: R<'_>) -> Result<f64, Unknown> {
    match v? {
        Value::Num(n) => Ok(n),
        _ => Err(Unknown::Internal),
    }
}

/// A computed number, or `Overflow` when it is too large to hold (its inputs are finite).
pub(crate) fn finite(n: f64) -> Result<f64, Unknown> {
    if n.is_finite() {
        Ok(n)
    } else {
        Err(Unknown::Overflow)
    }
}

fn boolean(v: R<'_>) -> Result<bool, Unknown> {
    match v? {
        Value::Bool(b) => Ok(b),
        _ => Err(Unknown::Internal),
    }
}

/// A series value and, when the expression is a bare question, that question's index.
type SeriesOf<'a> = (Cow<'a, [(i32, f64)]>, Option<usize>);

/// Both values, or why one is unknown; "not applicable" wins over "unanswered", as in scoring rule 1.
fn both<A, B>(a: Result<A, Unknown>, b: Result<B, Unknown>) -> Result<(A, B), Unknown> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(e @ Unknown::NotApplicable(_)), _)
        | (_, Err(e @ Unknown::NotApplicable(_)))
        | (Err(e), _)
        | (_, Err(e)) => Err(e),
    }
}

/// The question a series expression reads: the question itself, or the one `extend` extends.
fn series_question(e: &Expr) -> Option<usize> {
    match e {
        Expr::Question(q) => Some(*q),
        Expr::Extend(s, _) => series_question(s),
        _ => None,
    }
}

fn series_of<'a>(e: &'a Expr, env: &'a dyn Env) -> Result<SeriesOf<'a>, Unknown> {
    match e.eval(env)? {
        Value::Series(s) => Ok((s, series_question(e))),
        _ => Err(Unknown::Internal),
    }
}

impl Expr {
    /// Evaluates the expression. Type errors cannot happen for a compiled expression.
    pub fn eval<'a>(&'a self, env: &'a dyn Env) -> R<'a> {
        Ok(match self {
            Expr::Num(n) => Value::Num(*n),
            Expr::Str(s) => Value::Str(s),
            Expr::Bool(b) => Value::Bool(*b),
            Expr::List(items) => Value::List(items.iter().map(|s| &**s).collect()),
            Expr::Question(q) => env.question(*q)?,
            Expr::Metric(m) => Value::Num(env.metric(*m)?),
            Expr::TableFactor { value, .. } => Value::Num(*value),
            Expr::FamilyFactor { family, key } => Value::Num(env.factor(*family, *key)?),
            Expr::Inventory(t) => Value::Num(env.inventory(*t)?),
            Expr::Extend(s, v) => {
                let year = env.reporting_year().ok_or(Unknown::NoReportingYear)?;
                // An unanswered series is extended from nothing: this year's figure alone.
                let mut points = match s.eval(env) {
                    Ok(Value::Series(s)) => s,
                    Ok(_) => return Err(Unknown::Internal),
                    Err(Unknown::Unanswered(_)) => Cow::Owned(Vec::new()),
                    Err(e) => return Err(e),
                };
                // The firm's own figure for the year, where it gave one, stands.
                if !points.iter().any(|p| p.0 == year) {
                    let value = num(v.eval(env))?;
                    let owned = points.to_mut();
                    owned.push((year, value));
                    owned.sort_by_key(|p| p.0);
                }
                Value::Series(points)
            }
            Expr::Answered(q) => Value::Bool(env.answered(*q)),
            Expr::NotApplicable(q) => Value::Bool(env.not_applicable(*q)?),
            Expr::OptionValue(q) => Value::Num(env.option_value(*q)?),
            Expr::Neg(a) => Value::Num(-num(a.eval(env))?),
            Expr::Not(a) => Value::Bool(!boolean(a.eval(env))?),
            Expr::Arith(op, a, b) => {
                let (x, y) = both(num(a.eval(env)), num(b.eval(env)))?;
                Value::Num(finite(match op {
                    Arith::Add => x + y,
                    Arith::Sub => x - y,
                    Arith::Mul => x * y,
                    Arith::Div => {
                        if y == 0.0 {
                            return Err(Unknown::DivisionByZero(Divisor::of(b)));
                        }
                        x / y
                    }
                })?)
            }
            Expr::Cmp(op, a, b) => {
                let (x, y) = both(num(a.eval(env)), num(b.eval(env)))?;
                Value::Bool(match op {
                    Cmp::Lt => x < y,
                    Cmp::Le => x <= y,
                    Cmp::Gt => x > y,
                    Cmp::Ge => x >= y,
                })
            }
            Expr::Equal(negate, a, b) => {
                let (x, y) = both(a.eval(env), b.eval(env))?;
                Value::Bool((x == y) != *negate)
            }
            // Three-valued logic: an unknown side does not matter when the other side decides.
            Expr::And(a, b) => match boolean(a.eval(env)) {
                Ok(false) => Value::Bool(false),
                Ok(true) => Value::Bool(boolean(b.eval(env))?),
                Err(e) => match boolean(b.eval(env)) {
                    Ok(false) => Value::Bool(false),
                    _ => return Err(e),
                },
            },
            Expr::Or(a, b) => match boolean(a.eval(env)) {
                Ok(true) => Value::Bool(true),
                Ok(false) => Value::Bool(boolean(b.eval(env))?),
                Err(e) => match boolean(b.eval(env)) {
                    Ok(true) => Value::Bool(true),
                    _ => return Err(e),
                },
            },
            Expr::In(a, b) => {
                let needle = a.eval(env)?;
                let Value::List(hay) = b.eval(env)? else {
                    return Err(Unknown::Internal);
                };
                Value::Bool(matches!(needle, Value::Str(s) if hay.contains(&s)))
            }
            Expr::If(c, a, b) => {
                if boolean(c.eval(env))? {
                    a.eval(env)?
                } else {
                    b.eval(env)?
                }
            }
            // A missing answer takes the fallback; "not applicable" stays not applicable, and so
            // do a division by zero and an overflow.
            Expr::Default(a, b) => match a.eval(env) {
                Err(Unknown::Unanswered(_) | Unknown::TooFewYears(_)) => b.eval(env)?,
                other => other?,
            },
            Expr::Call(f, args) => Value::Num(finite(call(*f, args, env)?)?),
            Expr::Rows { table, filter } => {
                Value::Num(rows_matching(*table, filter.as_deref(), env)?.len() as f64)
            }
            Expr::SumColumn {
                table,
                column,
                filter,
            } => {
                let mut sum = 0.0;
                for row in rows_matching(*table, filter.as_deref(), env)? {
                    match row.get(*column) {
                        Some(Value::Num(n)) => sum += n,
                        _ => return Err(Unknown::Internal),
                    }
                }
                Value::Num(finite(sum)?)
            }
            Expr::Cell(c) => env.cell(*c)?,
        })
    }
}

fn call(f: Func, args: &[Expr], env: &dyn Env) -> Result<f64, Unknown> {
    match f {
        Func::Min | Func::Max => {
            let mut acc: Option<f64> = None;
            for a in args {
                let v = num(a.eval(env))?;
                acc = Some(match acc {
                    None => v,
                    Some(x) if f == Func::Min => x.min(v),
                    Some(x) => x.max(v),
                });
            }
            acc.ok_or(Unknown::Internal)
        }
        Func::Abs => Ok(num(args[0].eval(env))?.abs()),
        Func::Count => match args[0].eval(env)? {
            Value::List(l) => Ok(l.len() as f64),
            _ => Err(Unknown::Internal),
        },
        Func::Current => {
            let (s, q) = series_of(&args[0], env)?;
            let year = env.reporting_year().ok_or(Unknown::NoReportingYear)?;
            s.iter()
                .find(|p| p.0 == year)
                .map(|p| p.1)
                .ok_or(q.map_or(Unknown::Internal, Unknown::Unanswered))
        }
        Func::Latest | Func::Average => {
            let (s, q) = series_of(&args[0], env)?;
            if s.is_empty() {
                return Err(q.map_or(Unknown::Internal, Unknown::TooFewYears));
            }
            if f == Func::Latest {
                Ok(s.iter().max_by_key(|p| p.0).map_or(0.0, |p| p.1))
            } else {
                finite(s.iter().map(|p| p.1).sum::<f64>() / s.len() as f64)
            }
        }
        Func::Trend => {
            let (s, q) = series_of(&args[0], env)?;
            let per = match args.get(1) {
                Some(per) => Some(series_of(per, env)?.0),
                None => None,
            };
            match trend(&s, per.as_deref()) {
                Ok(t) => Ok(t.percent),
                Err(NoTrend::TooFewYears) => Err(q.map_or(Unknown::Internal, Unknown::TooFewYears)),
                Err(NoTrend::ZeroMean) => Err(q.map_or(Unknown::Internal, Unknown::NoTrend)),
                Err(NoTrend::Overflow) => Err(Unknown::Overflow),
            }
        }
    }
}
