//! The evaluator as it was before numbers and truth values got their own paths
//! ([`Expr::eval_num`], [`Expr::eval_bool`]), kept as the reference those paths and
//! [`Expr::eval`] are compared with over many generated expressions and answers: the same
//! results, and the same answers read in the same order.

use std::borrow::Cow;
use std::cell::RefCell;

use proptest::prelude::*;

use super::*;

type R<'a> = Result<Value<'a>, Unknown>;

fn num(v: R<'_>) -> Result<f64, Unknown> {
    match v? {
        Value::Num(n) => Ok(n),
        _ => Err(Unknown::Internal),
    }
}

fn finite(n: f64) -> Result<f64, Unknown> {
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

fn both<A, B>(a: Result<A, Unknown>, b: Result<B, Unknown>) -> Result<(A, B), Unknown> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(e @ Unknown::NotApplicable(_)), _)
        | (_, Err(e @ Unknown::NotApplicable(_)))
        | (Err(e), _)
        | (_, Err(e)) => Err(e),
    }
}

fn series_question(e: &Expr) -> Option<usize> {
    match e {
        Expr::Question(q) => Some(*q),
        Expr::Extend(s, _) => series_question(s),
        _ => None,
    }
}

fn divisor_of(e: &Expr) -> Divisor {
    match e {
        Expr::Question(q) => Divisor::Question(*q),
        Expr::Metric(m) => Divisor::Metric(*m),
        Expr::Inventory(t) => Divisor::Inventory(*t),
        Expr::Call(Func::Latest | Func::Average | Func::Current, args) => {
            series_question(&args[0]).map_or(Divisor::Unnamed, Divisor::Question)
        }
        Expr::Default(a, _) => divisor_of(a),
        _ => Divisor::Unnamed,
    }
}

type SeriesOf<'a> = (Cow<'a, [(i32, f64)]>, Option<usize>);

fn series_of<'a>(e: &'a Expr, env: &'a dyn Env) -> Result<SeriesOf<'a>, Unknown> {
    match old_eval(e, env)? {
        Value::Series(s) => Ok((s, series_question(e))),
        _ => Err(Unknown::Internal),
    }
}

struct RowEnv<'r> {
    outer: &'r dyn Env,
    row: &'r [Value<'r>],
}

impl Env for RowEnv<'_> {
    fn question(&self, q: usize) -> R<'_> {
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
    fn cell(&self, column: usize) -> R<'_> {
        self.row.get(column).cloned().ok_or(Unknown::Internal)
    }
}

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
            boolean(old_eval(filter, &row_env))?
        };
        if keep {
            out.push(row);
        }
    }
    Ok(out)
}

/// The evaluation of every expression as it was.
#[allow(clippy::too_many_lines)]
fn old_eval<'a>(e: &'a Expr, env: &'a dyn Env) -> R<'a> {
    Ok(match e {
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
            let mut points = match old_eval(s, env) {
                Ok(Value::Series(s)) => s,
                Ok(_) => return Err(Unknown::Internal),
                Err(Unknown::Unanswered(_)) => Cow::Owned(Vec::new()),
                Err(e) => return Err(e),
            };
            // The firm's own figure for the year, where it gave one, stands.
            if !points.iter().any(|p| p.0 == year) {
                let value = num(old_eval(v, env))?;
                let owned = points.to_mut();
                owned.push((year, value));
                owned.sort_by_key(|p| p.0);
            }
            Value::Series(points)
        }
        Expr::Answered(q) => Value::Bool(env.answered(*q)),
        Expr::NotApplicable(q) => Value::Bool(env.not_applicable(*q)?),
        Expr::OptionValue(q) => Value::Num(env.option_value(*q)?),
        Expr::Neg(a) => Value::Num(-num(old_eval(a, env))?),
        Expr::Not(a) => Value::Bool(!boolean(old_eval(a, env))?),
        Expr::Arith(op, a, b) => {
            let (x, y) = both(num(old_eval(a, env)), num(old_eval(b, env)))?;
            Value::Num(finite(match op {
                Arith::Add => x + y,
                Arith::Sub => x - y,
                Arith::Mul => x * y,
                Arith::Div => {
                    if y == 0.0 {
                        return Err(Unknown::DivisionByZero(divisor_of(b)));
                    }
                    x / y
                }
            })?)
        }
        Expr::Cmp(op, a, b) => {
            let (x, y) = both(num(old_eval(a, env)), num(old_eval(b, env)))?;
            Value::Bool(match op {
                Cmp::Lt => x < y,
                Cmp::Le => x <= y,
                Cmp::Gt => x > y,
                Cmp::Ge => x >= y,
            })
        }
        Expr::Equal(negate, a, b) => {
            let (x, y) = both(old_eval(a, env), old_eval(b, env))?;
            Value::Bool((x == y) != *negate)
        }
        // Three-valued logic: an unknown side does not matter when the other side decides.
        Expr::And(a, b) => match boolean(old_eval(a, env)) {
            Ok(false) => Value::Bool(false),
            Ok(true) => Value::Bool(boolean(old_eval(b, env))?),
            Err(e) => match boolean(old_eval(b, env)) {
                Ok(false) => Value::Bool(false),
                _ => return Err(e),
            },
        },
        Expr::Or(a, b) => match boolean(old_eval(a, env)) {
            Ok(true) => Value::Bool(true),
            Ok(false) => Value::Bool(boolean(old_eval(b, env))?),
            Err(e) => match boolean(old_eval(b, env)) {
                Ok(true) => Value::Bool(true),
                _ => return Err(e),
            },
        },
        Expr::In(a, b) => {
            let needle = old_eval(a, env)?;
            let Value::List(hay) = old_eval(b, env)? else {
                return Err(Unknown::Internal);
            };
            Value::Bool(matches!(needle, Value::Str(s) if hay.contains(&s)))
        }
        Expr::If(c, a, b) => {
            if boolean(old_eval(c, env))? {
                old_eval(a, env)?
            } else {
                old_eval(b, env)?
            }
        }
        // A missing answer takes the fallback; "not applicable" stays not applicable, and so
        // do a division by zero and an overflow.
        Expr::Default(a, b) => match old_eval(a, env) {
            Err(Unknown::Unanswered(_) | Unknown::TooFewYears(_)) => old_eval(b, env)?,
            other => other?,
        },
        Expr::Call(f, args) => Value::Num(finite(old_call(*f, args, env)?)?),
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

fn old_call(f: Func, args: &[Expr], env: &dyn Env) -> Result<f64, Unknown> {
    match f {
        Func::Min | Func::Max => {
            let mut acc: Option<f64> = None;
            for a in args {
                let v = num(old_eval(a, env))?;
                acc = Some(match acc {
                    None => v,
                    Some(x) if f == Func::Min => x.min(v),
                    Some(x) => x.max(v),
                });
            }
            acc.ok_or(Unknown::Internal)
        }
        Func::Abs => Ok(num(old_eval(&args[0], env))?.abs()),
        Func::Count => match old_eval(&args[0], env)? {
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

/// What one question of the generated answers holds.
#[derive(Debug, Clone)]
enum Answer {
    Unanswered,
    NotApplicable,
    Invalid,
    Num(f64),
    Bool(bool),
    Str(&'static str, Option<f64>),
    List(Vec<&'static str>),
    Series(Vec<(i32, f64)>),
    Table(Vec<Vec<TestCell>>),
}

#[derive(Debug, Clone)]
enum TestCell {
    Num(f64),
    Bool(bool),
    Str(&'static str),
}

/// Generated answers that write down every read, in order.
#[derive(Debug)]
struct Recording {
    answers: Vec<Answer>,
    metrics: Vec<Result<f64, Unknown>>,
    factors: Vec<Result<f64, Unknown>>,
    inventory: Result<f64, Unknown>,
    year: Option<i32>,
    log: RefCell<Vec<String>>,
}

impl Recording {
    fn note(&self, what: String) {
        self.log.borrow_mut().push(what);
    }
    fn take_log(&self) -> Vec<String> {
        self.log.take()
    }
}

impl Env for Recording {
    fn question(&self, q: usize) -> R<'_> {
        self.note(format!("question {q}"));
        match &self.answers[q] {
            Answer::Unanswered => Err(Unknown::Unanswered(q)),
            Answer::NotApplicable => Err(Unknown::NotApplicable(q)),
            Answer::Invalid => Err(Unknown::Invalid(q)),
            Answer::Num(n) => Ok(Value::Num(*n)),
            Answer::Bool(b) => Ok(Value::Bool(*b)),
            Answer::Str(s, _) => Ok(Value::Str(s)),
            Answer::List(l) => Ok(Value::List(l.clone())),
            Answer::Series(s) => Ok(Value::Series(Cow::Borrowed(s))),
            Answer::Table(rows) => Ok(Value::Table(
                rows.iter()
                    .map(|row| {
                        row.iter()
                            .map(|c| match c {
                                TestCell::Num(n) => Value::Num(*n),
                                TestCell::Bool(b) => Value::Bool(*b),
                                TestCell::Str(s) => Value::Str(s),
                            })
                            .collect()
                    })
                    .collect(),
            )),
        }
    }
    fn answered(&self, q: usize) -> bool {
        self.note(format!("answered {q}"));
        !matches!(
            self.answers[q],
            Answer::Unanswered | Answer::NotApplicable | Answer::Invalid
        )
    }
    fn not_applicable(&self, q: usize) -> Result<bool, Unknown> {
        self.note(format!("not_applicable {q}"));
        match self.answers[q] {
            Answer::Unanswered => Err(Unknown::Unanswered(q)),
            Answer::NotApplicable => Ok(true),
            Answer::Invalid => Err(Unknown::Invalid(q)),
            _ => Ok(false),
        }
    }
    fn option_value(&self, q: usize) -> Result<f64, Unknown> {
        self.note(format!("option_value {q}"));
        match self.answers[q] {
            Answer::Str(_, Some(v)) => Ok(v),
            Answer::NotApplicable => Err(Unknown::NotApplicable(q)),
            Answer::Invalid => Err(Unknown::Invalid(q)),
            _ => Err(Unknown::Unanswered(q)),
        }
    }
    fn metric(&self, m: usize) -> Result<f64, Unknown> {
        self.note(format!("metric {m}"));
        self.metrics[m]
    }
    fn factor(&self, family: usize, key: usize) -> Result<f64, Unknown> {
        self.note(format!("factor {family} {key}"));
        self.factors[family]
    }
    fn inventory(&self, total: Total) -> Result<f64, Unknown> {
        self.note(format!("inventory {total:?}"));
        self.inventory
    }
    fn reporting_year(&self) -> Option<i32> {
        self.note("reporting_year".to_owned());
        self.year
    }
    fn cell(&self, column: usize) -> R<'_> {
        self.note(format!("cell {column}"));
        Err(Unknown::Internal)
    }
}

const QUESTIONS: usize = 8;

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(1.0),
        Just(-2.5),
        Just(2.0),
        Just(1e308),
        Just(f64::NAN),
        -100.0..100.0f64,
    ]
}

fn word() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("x"), Just("y"), Just("p"), Just("")]
}

fn unknown() -> impl Strategy<Value = Unknown> {
    prop_oneof![
        (0..QUESTIONS).prop_map(Unknown::Unanswered),
        (0..QUESTIONS).prop_map(Unknown::NotApplicable),
        (0..QUESTIONS).prop_map(Unknown::TooFewYears),
        Just(Unknown::NoFactor(1)),
        Just(Unknown::Overflow),
        Just(Unknown::DivisionByZero(Divisor::Unnamed)),
    ]
}

fn known_or(n: impl Strategy<Value = f64>) -> impl Strategy<Value = Result<f64, Unknown>> {
    prop_oneof![3 => n.prop_map(Ok), 1 => unknown().prop_map(Err)]
}

fn series() -> impl Strategy<Value = Vec<(i32, f64)>> {
    proptest::collection::btree_map(2020..2027i32, number(), 0..5)
        .prop_map(|m| m.into_iter().collect())
}

fn cell() -> impl Strategy<Value = TestCell> {
    prop_oneof![
        number().prop_map(TestCell::Num),
        any::<bool>().prop_map(TestCell::Bool),
        word().prop_map(TestCell::Str),
    ]
}

/// The answer to question `q`: each question holds one type (as in a guideline), or has no value.
fn answer(q: usize) -> BoxedStrategy<Answer> {
    let typed = match q {
        0 | 1 => number().prop_map(Answer::Num).boxed(),
        2 => any::<bool>().prop_map(Answer::Bool).boxed(),
        3 => (word(), proptest::option::of(number()))
            .prop_map(|(s, v)| Answer::Str(s, v))
            .boxed(),
        4 => proptest::collection::vec(word(), 0..3)
            .prop_map(Answer::List)
            .boxed(),
        5 | 6 => series().prop_map(Answer::Series).boxed(),
        _ => proptest::collection::vec(proptest::collection::vec(cell(), 0..3), 0..3)
            .prop_map(Answer::Table)
            .boxed(),
    };
    prop_oneof![
        6 => typed,
        1 => Just(Answer::Unanswered),
        1 => Just(Answer::NotApplicable),
        1 => Just(Answer::Invalid),
    ]
    .boxed()
}

fn recording() -> impl Strategy<Value = Recording> {
    (
        (0..QUESTIONS).map(answer).collect::<Vec<_>>(),
        proptest::collection::vec(known_or(number()), 2),
        proptest::collection::vec(known_or(number()), 2),
        known_or(number()),
        proptest::option::of(2019..2027i32),
    )
        .prop_map(|(answers, metrics, factors, inventory, year)| Recording {
            answers,
            metrics,
            factors,
            inventory,
            year,
            log: RefCell::new(Vec::new()),
        })
}

fn b(e: Expr) -> Box<Expr> {
    Box::new(e)
}

/// Expressions of every shape, typed or not: a compiled guideline has only typed ones, but the
/// paths must agree on every tree.
fn expr() -> impl Strategy<Value = Expr> {
    let q = 0..QUESTIONS;
    let leaf = prop_oneof![
        1 => number().prop_map(Expr::Num),
        1 => word().prop_map(|s| Expr::Str(s.into())),
        1 => any::<bool>().prop_map(Expr::Bool),
        1 => proptest::collection::vec(word(), 0..3)
            .prop_map(|l| Expr::List(l.into_iter().map(Into::into).collect())),
        4 => q.clone().prop_map(Expr::Question),
        1 => (0..2usize).prop_map(Expr::Metric),
        1 => number().prop_map(|value| Expr::TableFactor { table: 0, value }),
        1 => (0..2usize).prop_map(|family| Expr::FamilyFactor { family, key: 0 }),
        1 => Just(Expr::Inventory(Total::Scope1)),
        1 => q.clone().prop_map(Expr::Answered),
        1 => q.clone().prop_map(Expr::NotApplicable),
        1 => q.clone().prop_map(Expr::OptionValue),
        1 => (0..3usize).prop_map(Expr::Cell),
        1 => q.clone().prop_map(|table| Expr::Rows {
            table,
            filter: None
        }),
        1 => (q.clone(), 0..3usize).prop_map(|(table, column)| Expr::SumColumn {
            table,
            column,
            filter: None
        }),
    ];
    leaf.prop_recursive(5, 64, 3, move |inner| {
        let func = prop_oneof![
            Just(Func::Min),
            Just(Func::Max),
            Just(Func::Abs),
            Just(Func::Count),
            Just(Func::Latest),
            Just(Func::Average),
            Just(Func::Trend),
            Just(Func::Current),
        ];
        let arith = prop_oneof![
            Just(Arith::Add),
            Just(Arith::Sub),
            Just(Arith::Mul),
            Just(Arith::Div)
        ];
        let cmp = prop_oneof![Just(Cmp::Lt), Just(Cmp::Le), Just(Cmp::Gt), Just(Cmp::Ge)];
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(s, v)| Expr::Extend(b(s), b(v))),
            inner.clone().prop_map(|a| Expr::Neg(b(a))),
            inner.clone().prop_map(|a| Expr::Not(b(a))),
            (arith, inner.clone(), inner.clone()).prop_map(|(o, x, y)| Expr::Arith(o, b(x), b(y))),
            (cmp, inner.clone(), inner.clone()).prop_map(|(o, x, y)| Expr::Cmp(o, b(x), b(y))),
            (any::<bool>(), inner.clone(), inner.clone()).prop_map(|(n, x, y)| Expr::Equal(
                n,
                b(x),
                b(y)
            )),
            (inner.clone(), inner.clone()).prop_map(|(x, y)| Expr::And(b(x), b(y))),
            (inner.clone(), inner.clone()).prop_map(|(x, y)| Expr::Or(b(x), b(y))),
            (inner.clone(), inner.clone()).prop_map(|(x, y)| Expr::In(b(x), b(y))),
            (inner.clone(), inner.clone(), inner.clone()).prop_map(|(c, x, y)| Expr::If(
                b(c),
                b(x),
                b(y)
            )),
            (inner.clone(), inner.clone()).prop_map(|(x, y)| Expr::Default(b(x), b(y))),
            (func, proptest::collection::vec(inner.clone(), 1..3))
                .prop_map(|(f, args)| Expr::Call(f, args)),
            (0..QUESTIONS, inner.clone()).prop_map(|(table, f)| Expr::Rows {
                table,
                filter: Some(b(f))
            }),
            (0..QUESTIONS, 0..3usize, inner).prop_map(|(table, column, f)| Expr::SumColumn {
                table,
                column,
                filter: Some(b(f))
            }),
        ]
    })
}

/// A number-typed expression of at most `depth` levels, as a compiled guideline has.
fn num_expr(depth: u32) -> BoxedStrategy<Expr> {
    let leaf = prop_oneof![
        number().prop_map(Expr::Num),
        (0..2usize).prop_map(Expr::Question),
        (0..2usize).prop_map(Expr::Metric),
        number().prop_map(|value| Expr::TableFactor { table: 0, value }),
        (0..2usize).prop_map(|family| Expr::FamilyFactor { family, key: 0 }),
        Just(Expr::Inventory(Total::Scope1)),
        Just(Expr::OptionValue(3)),
        Just(Expr::Call(Func::Count, vec![Expr::Question(4)])),
        (5..7usize).prop_map(|q| Expr::Call(Func::Latest, vec![Expr::Question(q)])),
        (5..7usize).prop_map(|q| Expr::Call(Func::Average, vec![Expr::Question(q)])),
        (5..7usize).prop_map(|q| Expr::Call(Func::Current, vec![Expr::Question(q)])),
        (5..7usize, proptest::option::of(5..7usize)).prop_map(|(q, per)| Expr::Call(
            Func::Trend,
            std::iter::once(q).chain(per).map(Expr::Question).collect()
        )),
        Just(Expr::Rows {
            table: 7,
            filter: None
        }),
    ];
    if depth == 0 {
        return leaf.boxed();
    }
    let num = || num_expr(depth - 1);
    let arith = prop_oneof![
        Just(Arith::Add),
        Just(Arith::Sub),
        Just(Arith::Mul),
        Just(Arith::Div)
    ];
    prop_oneof![
        2 => leaf,
        1 => num().prop_map(|a| Expr::Neg(b(a))),
        3 => (arith, num(), num()).prop_map(|(o, x, y)| Expr::Arith(o, b(x), b(y))),
        2 => (bool_expr(depth - 1), num(), num()).prop_map(|(c, x, y)| Expr::If(b(c), b(x), b(y))),
        2 => (num(), num()).prop_map(|(x, y)| Expr::Default(b(x), b(y))),
        1 => (prop_oneof![Just(Func::Min), Just(Func::Max)], proptest::collection::vec(num(), 1..3))
            .prop_map(|(f, args)| Expr::Call(f, args)),
        1 => num().prop_map(|a| Expr::Call(Func::Abs, vec![a])),
        2 => (
            prop_oneof![Just(Func::Latest), Just(Func::Average), Just(Func::Current), Just(Func::Trend)],
            series_expr(depth - 1),
        )
            .prop_map(|(f, s)| Expr::Call(f, vec![s])),
        1 => (0..3usize, bool_expr(depth - 1)).prop_map(|(column, f)| Expr::SumColumn {
            table: 7,
            column,
            filter: Some(b(f))
        }),
    ]
    .boxed()
}

/// A series-typed expression: a series question, extended or not.
fn series_expr(depth: u32) -> BoxedStrategy<Expr> {
    let q = (5..7usize).prop_map(Expr::Question);
    if depth == 0 {
        return q.boxed();
    }
    prop_oneof![
        q,
        (series_expr(depth - 1), num_expr(depth - 1)).prop_map(|(s, v)| Expr::Extend(b(s), b(v))),
    ]
    .boxed()
}

/// A yes/no-typed expression of at most `depth` levels.
fn bool_expr(depth: u32) -> BoxedStrategy<Expr> {
    let leaf = prop_oneof![
        any::<bool>().prop_map(Expr::Bool),
        Just(Expr::Question(2)),
        (0..QUESTIONS).prop_map(Expr::Answered),
        (0..QUESTIONS).prop_map(Expr::NotApplicable),
        proptest::collection::vec(word(), 0..3).prop_map(|l| Expr::In(
            b(Expr::Question(3)),
            b(Expr::List(l.into_iter().map(Into::into).collect()))
        )),
        word().prop_map(|w| Expr::In(b(Expr::Str(w.into())), b(Expr::Question(4)))),
        (any::<bool>(), word()).prop_map(|(n, w)| Expr::Equal(
            n,
            b(Expr::Question(3)),
            b(Expr::Str(w.into()))
        )),
    ];
    if depth == 0 {
        return leaf.boxed();
    }
    let boolean = || bool_expr(depth - 1);
    let num = || num_expr(depth - 1);
    let cmp = prop_oneof![Just(Cmp::Lt), Just(Cmp::Le), Just(Cmp::Gt), Just(Cmp::Ge)];
    prop_oneof![
        2 => leaf,
        1 => boolean().prop_map(|a| Expr::Not(b(a))),
        3 => (cmp, num(), num()).prop_map(|(o, x, y)| Expr::Cmp(o, b(x), b(y))),
        3 => (any::<bool>(), num(), num()).prop_map(|(n, x, y)| Expr::Equal(n, b(x), b(y))),
        1 => (any::<bool>(), boolean(), boolean()).prop_map(|(n, x, y)| Expr::Equal(n, b(x), b(y))),
        2 => (boolean(), boolean()).prop_map(|(x, y)| Expr::And(b(x), b(y))),
        2 => (boolean(), boolean()).prop_map(|(x, y)| Expr::Or(b(x), b(y))),
        1 => (boolean(), boolean(), boolean()).prop_map(|(c, x, y)| Expr::If(b(c), b(x), b(y))),
        1 => (boolean(), boolean()).prop_map(|(x, y)| Expr::Default(b(x), b(y))),
    ]
    .boxed()
}

/// A result as text, so that NaN compares equal to itself.
fn shown<T: std::fmt::Debug>(r: &Result<T, Unknown>) -> String {
    format!("{r:?}")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    #[test]
    fn every_path_evaluates_as_the_reference_did(e in expr(), env in recording()) {
        let want = old_eval(&e, &env);
        let want_log = env.take_log();

        let got = e.eval(&env);
        prop_assert_eq!(shown(&got), shown(&want), "eval of {:?} with {:?}", e, env);
        prop_assert_eq!(env.take_log(), want_log.clone(), "reads of eval of {:?}", e);

        let got = e.eval_num(&env);
        prop_assert_eq!(shown(&got), shown(&num(want.clone())), "eval_num of {:?} with {:?}", e, env);
        prop_assert_eq!(env.take_log(), want_log.clone(), "reads of eval_num of {:?}", e);

        let got = e.eval_bool(&env);
        prop_assert_eq!(shown(&got), shown(&boolean(want)), "eval_bool of {:?} with {:?}", e, env);
        prop_assert_eq!(env.take_log(), want_log, "reads of eval_bool of {:?}", e);
    }

    #[test]
    fn typed_expressions_evaluate_as_the_reference_did(
        e in prop_oneof![num_expr(4), bool_expr(4)],
        env in recording(),
    ) {
        let want = old_eval(&e, &env);
        let want_log = env.take_log();
        let got = e.eval(&env);
        prop_assert_eq!(shown(&got), shown(&want), "eval of {:?} with {:?}", e, env);
        prop_assert_eq!(env.take_log(), want_log.clone(), "reads of eval of {:?}", e);
        let got = e.eval_num(&env);
        prop_assert_eq!(shown(&got), shown(&num(want.clone())), "eval_num of {:?} with {:?}", e, env);
        prop_assert_eq!(env.take_log(), want_log.clone(), "reads of eval_num of {:?}", e);
        let got = e.eval_bool(&env);
        prop_assert_eq!(shown(&got), shown(&boolean(want)), "eval_bool of {:?} with {:?}", e, env);
        prop_assert_eq!(env.take_log(), want_log, "reads of eval_bool of {:?}", e);
    }

    #[test]
    fn trend_is_the_reference_trend(s in series(), per in proptest::option::of(series())) {
        let points: Vec<(i32, f64)> = match &per {
            None => s.clone(),
            Some(per) => s
                .iter()
                .filter_map(|&(year, v)| {
                    per.iter()
                        .find(|p| p.0 == year && p.1 != 0.0)
                        .map(|p| (year, v / p.1))
                })
                .collect(),
        };
        let got = trend(&s, per.as_deref());
        // The reference: what `trend` computed before it stopped copying a series without `per`.
        if points.len() >= 2 && points.iter().all(|p| p.1.is_finite()) {
            if let Ok(t) = got {
                prop_assert_eq!(Some(t.percent), trend_percent(&points));
                prop_assert_eq!(t.years, points.len());
            }
        } else {
            prop_assert!(got.is_err());
        }
    }
}
