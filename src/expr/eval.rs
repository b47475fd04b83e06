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
    /// The answer to question `q` as a number: [`Env::question`] for a number, `Internal` for
    /// a value of another type. An environment may answer it without building the value.
    fn number(&self, q: usize) -> Result<f64, Unknown> {
        num(self.question(q))
    }
    /// The answer to question `q` as `true` or `false`: [`Env::question`] for a yes/no value,
    /// `Internal` for a value of another type. An environment may answer it without building
    /// the value.
    fn truth(&self, q: usize) -> Result<bool, Unknown> {
        boolean(self.question(q))
    }
    /// The answer to question `q` as a series: [`Env::question`] for a series, `Internal` for a
    /// value of another type. An environment may answer it without building the value.
    fn series_answer(&self, q: usize) -> Result<Cow<'_, [(i32, f64)]>, Unknown> {
        match self.question(q)? {
            Value::Series(s) => Ok(s),
            _ => Err(Unknown::Internal),
        }
    }
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
struct RowEnv<'r, E: Env + ?Sized> {
    outer: &'r E,
    row: &'r [Value<'r>],
}

impl<E: Env + ?Sized> Env for RowEnv<'_, E> {
    fn question(&self, q: usize) -> Result<Value<'_>, Unknown> {
        self.outer.question(q)
    }
    fn number(&self, q: usize) -> Result<f64, Unknown> {
        self.outer.number(q)
    }
    fn truth(&self, q: usize) -> Result<bool, Unknown> {
        self.outer.truth(q)
    }
    fn series_answer(&self, q: usize) -> Result<Cow<'_, [(i32, f64)]>, Unknown> {
        self.outer.series_answer(q)
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
fn rows_matching<'a, E: Env + ?Sized>(
    table: usize,
    filter: Option<&Expr>,
    env: &'a E,
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
            filter.eval_bool(&row_env as &dyn Env)?
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

fn series_of<'a, E: Env + ?Sized>(e: &'a Expr, env: &'a E) -> Result<SeriesOf<'a>, Unknown> {
    if let Expr::Question(q) = e {
        return Ok((env.series_answer(*q)?, Some(*q)));
    }
    match e.eval(env)? {
        Value::Series(s) => Ok((s, series_question(e))),
        _ => Err(Unknown::Internal),
    }
}

impl Expr {
    /// Evaluates the expression. Type errors cannot happen for a compiled expression.
    pub fn eval<'a, E: Env + ?Sized>(&'a self, env: &'a E) -> R<'a> {
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
                let points = match s.eval(env) {
                    Ok(Value::Series(s)) => s,
                    Ok(_) => return Err(Unknown::Internal),
                    Err(Unknown::Unanswered(_)) => Cow::Owned(Vec::new()),
                    Err(e) => return Err(e),
                };
                // The firm's own figure for the year, where it gave one, stands.
                if points.iter().any(|p| p.0 == year) {
                    Value::Series(points)
                } else {
                    let value = v.eval_num(env)?;
                    let mut owned = match points {
                        Cow::Owned(v) => v,
                        Cow::Borrowed(s) => {
                            let mut v = Vec::with_capacity(s.len() + 1);
                            v.extend_from_slice(s);
                            v
                        }
                    };
                    owned.push((year, value));
                    owned.sort_by_key(|p| p.0);
                    Value::Series(Cow::Owned(owned))
                }
            }
            Expr::Answered(q) => Value::Bool(env.answered(*q)),
            Expr::NotApplicable(q) => Value::Bool(env.not_applicable(*q)?),
            Expr::OptionValue(q) => Value::Num(env.option_value(*q)?),
            Expr::Neg(_)
            | Expr::Arith(..)
            | Expr::Call(..)
            | Expr::Rows { .. }
            | Expr::SumColumn { .. } => Value::Num(self.eval_num(env)?),
            Expr::Not(_)
            | Expr::Cmp(..)
            | Expr::Equal(..)
            | Expr::And(..)
            | Expr::Or(..)
            | Expr::In(..) => Value::Bool(self.eval_bool(env)?),
            Expr::If(c, a, b) => {
                if c.eval_bool(env)? {
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
            Expr::Cell(c) => env.cell(*c)?,
        })
    }

    /// Whether [`Expr::eval`] gives a number whenever it gives a value, by the shape of the
    /// expression alone.
    fn gives_number(&self) -> bool {
        matches!(
            self,
            Expr::Num(_)
                | Expr::Metric(_)
                | Expr::TableFactor { .. }
                | Expr::FamilyFactor { .. }
                | Expr::Inventory(_)
                | Expr::OptionValue(_)
                | Expr::Neg(_)
                | Expr::Arith(..)
                | Expr::Call(..)
                | Expr::Rows { .. }
                | Expr::SumColumn { .. }
        )
    }

    /// [`Expr::eval_num`], with a number, a factor, a metric or a question worked out where it
    /// stands rather than in a call of its own (most operands are one of those).
    #[inline(always)]
    fn operand<E: Env + ?Sized>(&self, env: &E) -> Result<f64, Unknown> {
        match self {
            Expr::Num(n) | Expr::TableFactor { value: n, .. } => Ok(*n),
            Expr::Question(q) => env.number(*q),
            Expr::Metric(m) => env.metric(*m),
            Expr::FamilyFactor { family, key } => env.factor(*family, *key),
            _ => self.eval_num(env),
        }
    }

    /// Evaluates the expression for a number: the same as [`Expr::eval`] followed by taking the
    /// number (a value of another type is `Internal`), with the same answers read in the same
    /// order, but without building a [`Value`] at each node.
    pub(crate) fn eval_num<E: Env + ?Sized>(&self, env: &E) -> Result<f64, Unknown> {
        match self {
            Expr::Num(n) | Expr::TableFactor { value: n, .. } => Ok(*n),
            Expr::Question(q) => env.number(*q),
            Expr::Metric(m) => env.metric(*m),
            Expr::FamilyFactor { family, key } => env.factor(*family, *key),
            Expr::Inventory(t) => env.inventory(*t),
            Expr::OptionValue(q) => env.option_value(*q),
            Expr::Neg(a) => Ok(-a.operand(env)?),
            Expr::Arith(op, a, b) => {
                let (x, y) = both(a.operand(env), b.operand(env))?;
                finite(match op {
                    Arith::Add => x + y,
                    Arith::Sub => x - y,
                    Arith::Mul => x * y,
                    Arith::Div => {
                        if y == 0.0 {
                            return Err(Unknown::DivisionByZero(Divisor::of(b)));
                        }
                        x / y
                    }
                })
            }
            Expr::If(c, a, b) => {
                if c.eval_bool(env)? {
                    a.operand(env)
                } else {
                    b.operand(env)
                }
            }
            Expr::Default(a, b) => match a.eval_num(env) {
                Err(Unknown::Unanswered(_) | Unknown::TooFewYears(_)) => b.eval_num(env),
                other => other,
            },
            Expr::Call(f, args) => finite(call(*f, args, env)?),
            Expr::Rows { table, filter } => {
                Ok(rows_matching(*table, filter.as_deref(), env)?.len() as f64)
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
                finite(sum)
            }
            Expr::Str(_)
            | Expr::Bool(_)
            | Expr::List(_)
            | Expr::Extend(..)
            | Expr::Answered(_)
            | Expr::NotApplicable(_)
            | Expr::Not(_)
            | Expr::Cmp(..)
            | Expr::Equal(..)
            | Expr::And(..)
            | Expr::Or(..)
            | Expr::In(..)
            | Expr::Cell(_) => num(self.eval(env)),
        }
    }

    /// Evaluates the expression for `true` or `false`: the same as [`Expr::eval`] followed by
    /// taking the truth value (a value of another type is `Internal`), with the same answers read
    /// in the same order, but without building a [`Value`] at each node.
    pub(crate) fn eval_bool<E: Env + ?Sized>(&self, env: &E) -> Result<bool, Unknown> {
        match self {
            Expr::Bool(b) => Ok(*b),
            Expr::Question(q) => env.truth(*q),
            Expr::Answered(q) => Ok(env.answered(*q)),
            Expr::NotApplicable(q) => env.not_applicable(*q),
            Expr::Not(a) => Ok(!a.eval_bool(env)?),
            Expr::Cmp(op, a, b) => {
                let (x, y) = both(a.operand(env), b.operand(env))?;
                Ok(match op {
                    Cmp::Lt => x < y,
                    Cmp::Le => x <= y,
                    Cmp::Gt => x > y,
                    Cmp::Ge => x >= y,
                })
            }
            Expr::Equal(negate, a, b) => {
                // A number, or an option written out, is compared without building it as a value.
                let same = if b.gives_number() {
                    if a.gives_number() {
                        let (x, y) = both(a.operand(env), b.operand(env))?;
                        x == y
                    } else {
                        let (x, y) = both(a.eval(env), b.operand(env))?;
                        matches!(x, Value::Num(n) if n == y)
                    }
                } else if let Expr::Str(text) = &**b {
                    matches!(a.eval(env)?, Value::Str(s) if s == &**text)
                } else {
                    let (x, y) = both(a.eval(env), b.eval(env))?;
                    x == y
                };
                Ok(same != *negate)
            }
            // Three-valued logic: an unknown side does not matter when the other side decides.
            Expr::And(a, b) => match a.eval_bool(env) {
                Ok(false) => Ok(false),
                Ok(true) => b.eval_bool(env),
                Err(e) => match b.eval_bool(env) {
                    Ok(false) => Ok(false),
                    _ => Err(e),
                },
            },
            Expr::Or(a, b) => match a.eval_bool(env) {
                Ok(true) => Ok(true),
                Ok(false) => b.eval_bool(env),
                Err(e) => match b.eval_bool(env) {
                    Ok(true) => Ok(true),
                    _ => Err(e),
                },
            },
            Expr::In(a, b) => {
                let needle = a.eval(env)?;
                // A list written out is searched where it stands.
                if let Expr::List(items) = &**b {
                    return Ok(matches!(needle, Value::Str(s) if items.iter().any(|i| **i == *s)));
                }
                let Value::List(hay) = b.eval(env)? else {
                    return Err(Unknown::Internal);
                };
                Ok(matches!(needle, Value::Str(s) if hay.contains(&s)))
            }
            Expr::If(c, a, b) => {
                if c.eval_bool(env)? {
                    a.eval_bool(env)
                } else {
                    b.eval_bool(env)
                }
            }
            Expr::Default(a, b) => match a.eval_bool(env) {
                Err(Unknown::Unanswered(_) | Unknown::TooFewYears(_)) => b.eval_bool(env),
                other => other,
            },
            Expr::Num(_)
            | Expr::Str(_)
            | Expr::List(_)
            | Expr::Metric(_)
            | Expr::TableFactor { .. }
            | Expr::FamilyFactor { .. }
            | Expr::Inventory(_)
            | Expr::Extend(..)
            | Expr::OptionValue(_)
            | Expr::Neg(_)
            | Expr::Arith(..)
            | Expr::Call(..)
            | Expr::Rows { .. }
            | Expr::SumColumn { .. }
            | Expr::Cell(_) => boolean(self.eval(env)),
        }
    }
}

#[inline(never)]
fn call<E: Env + ?Sized>(f: Func, args: &[Expr], env: &E) -> Result<f64, Unknown> {
    match f {
        Func::Min | Func::Max => {
            let mut acc: Option<f64> = None;
            for a in args {
                let v = a.eval_num(env)?;
                acc = Some(match acc {
                    None => v,
                    Some(x) if f == Func::Min => x.min(v),
                    Some(x) => x.max(v),
                });
            }
            acc.ok_or(Unknown::Internal)
        }
        Func::Abs => Ok(args[0].eval_num(env)?.abs()),
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
