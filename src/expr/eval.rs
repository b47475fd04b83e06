//! Evaluation of compiled expressions.

use std::borrow::Cow;

use super::{Arith, Cmp, Expr, Func, Total, trend_percent};

/// A value during evaluation.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Num(f64),
    Bool(bool),
    Str(&'a str),
    List(Vec<&'a str>),
    Series(Cow<'a, [(i32, f64)]>),
}

/// Why a value cannot be known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    /// The question has no answer.
    Unanswered(usize),
    /// The firm marked the question not applicable, or it was not asked.
    NotApplicable(usize),
    /// A division by zero.
    DivisionByZero,
    /// A series question has fewer answered years than the calculation needs.
    TooFewYears(usize),
    /// No table of the factor family (by index) fits the firm's country and reporting year.
    NoFactor(usize),
    /// The calculation needs the reporting year, and the answers name none.
    NoReportingYear,
}

/// Where an expression gets the answers and metric values it reads.
pub trait Env {
    /// The answer to question `q`.
    fn question(&self, q: usize) -> Result<Value<'_>, Unknown>;
    /// Whether question `q` has an answer.
    fn answered(&self, q: usize) -> bool;
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
        Err(Unknown::DivisionByZero)
    }
    /// The year the answers describe.
    fn reporting_year(&self) -> Option<i32> {
        None
    }
}

type R<'a> = Result<Value<'a>, Unknown>;

fn num(v: R<'_>) -> Result<f64, Unknown> {
    match v? {
        Value::Num(n) => Ok(n),
        _ => Err(Unknown::DivisionByZero),
    }
}

fn boolean(v: R<'_>) -> Result<bool, Unknown> {
    match v? {
        Value::Bool(b) => Ok(b),
        _ => Err(Unknown::DivisionByZero),
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

fn series_of<'a>(e: &'a Expr, env: &'a dyn Env) -> Result<SeriesOf<'a>, Unknown> {
    let q = match e {
        Expr::Question(q) => Some(*q),
        Expr::Extend(s, _) => match &**s {
            Expr::Question(q) => Some(*q),
            _ => None,
        },
        _ => None,
    };
    match e.eval(env)? {
        Value::Series(s) => Ok((s, q)),
        _ => Err(Unknown::DivisionByZero),
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
                    Ok(_) => return Err(Unknown::DivisionByZero),
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
            Expr::OptionValue(q) => Value::Num(env.option_value(*q)?),
            Expr::Neg(a) => Value::Num(-num(a.eval(env))?),
            Expr::Not(a) => Value::Bool(!boolean(a.eval(env))?),
            Expr::Arith(op, a, b) => {
                let (x, y) = both(num(a.eval(env)), num(b.eval(env)))?;
                Value::Num(match op {
                    Arith::Add => x + y,
                    Arith::Sub => x - y,
                    Arith::Mul => x * y,
                    Arith::Div => {
                        if y == 0.0 {
                            return Err(Unknown::DivisionByZero);
                        }
                        x / y
                    }
                })
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
                    return Err(Unknown::DivisionByZero);
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
            // A missing answer takes the fallback; "not applicable" stays not applicable.
            Expr::Default(a, b) => match a.eval(env) {
                Err(Unknown::Unanswered(_) | Unknown::TooFewYears(_)) => b.eval(env)?,
                other => other?,
            },
            Expr::Call(f, args) => Value::Num(call(*f, args, env)?),
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
            acc.ok_or(Unknown::DivisionByZero)
        }
        Func::Abs => Ok(num(args[0].eval(env))?.abs()),
        Func::Count => match args[0].eval(env)? {
            Value::List(l) => Ok(l.len() as f64),
            _ => Err(Unknown::DivisionByZero),
        },
        Func::Current => {
            let (s, q) = series_of(&args[0], env)?;
            let year = env.reporting_year().ok_or(Unknown::NoReportingYear)?;
            s.iter()
                .find(|p| p.0 == year)
                .map(|p| p.1)
                .ok_or(q.map_or(Unknown::DivisionByZero, Unknown::Unanswered))
        }
        Func::Latest | Func::Average => {
            let (s, q) = series_of(&args[0], env)?;
            if s.is_empty() {
                return Err(q.map_or(Unknown::DivisionByZero, Unknown::TooFewYears));
            }
            if f == Func::Latest {
                Ok(s.iter().max_by_key(|p| p.0).map_or(0.0, |p| p.1))
            } else {
                Ok(s.iter().map(|p| p.1).sum::<f64>() / s.len() as f64)
            }
        }
        Func::Trend => {
            let (s, q) = series_of(&args[0], env)?;
            let too_few = q.map_or(Unknown::DivisionByZero, Unknown::TooFewYears);
            let points: Vec<(i32, f64)> = if let Some(per) = args.get(1) {
                let (d, _) = series_of(per, env)?;
                let mut out = Vec::with_capacity(s.len());
                for &(year, v) in s.iter() {
                    if let Some(&(_, base)) = d.iter().find(|p| p.0 == year) {
                        if base == 0.0 {
                            return Err(Unknown::DivisionByZero);
                        }
                        out.push((year, v / base));
                    }
                }
                out
            } else {
                s.to_vec()
            };
            if points.len() < 2 {
                return Err(too_few);
            }
            trend_percent(&points).ok_or(Unknown::DivisionByZero)
        }
    }
}
