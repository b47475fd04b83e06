use std::collections::HashMap;

use super::*;

/// A scope with a few questions: `n` number, `b` yes/no, `c` choice (x, y with values), `m` multi,
/// `s` and `r` series; a metric `k`; a factor `f.v`.
struct TestNames;

impl Names for TestNames {
    fn resolve(&self, name: &str) -> Option<Resolved<'_>> {
        let q = |index, ty, options: Option<Vec<&'static str>>| Resolved::Question {
            index,
            ty,
            options,
            has_values: true,
        };
        Some(match name {
            "n" => q(0, Type::Num, None),
            "b" => q(1, Type::Bool, None),
            "c" => q(2, Type::Str, Some(vec!["x", "y"])),
            "m" => q(3, Type::List, Some(vec!["p", "q", "r"])),
            "s" => q(4, Type::Series, None),
            "r" => q(5, Type::Series, None),
            "k" => Resolved::Metric(0),
            "f.v" => Resolved::Factor(2.5),
            _ => return None,
        })
    }
    fn suggest(&self, name: &str) -> Option<String> {
        crate::source::closest(name, ["n", "b", "c", "m", "s", "r", "k", "f.v", "count_q"])
            .map(str::to_owned)
    }
}

#[derive(Default)]
struct TestEnv {
    answers: HashMap<usize, Answer>,
    na: Vec<usize>,
    year: Option<i32>,
}

enum Answer {
    Num(f64),
    Bool(bool),
    Str(&'static str, f64),
    List(Vec<&'static str>),
    Series(Vec<(i32, f64)>),
}

impl Env for TestEnv {
    fn question(&self, q: usize) -> Result<Value<'_>, Unknown> {
        if self.na.contains(&q) {
            return Err(Unknown::NotApplicable(q));
        }
        match self.answers.get(&q) {
            None => Err(Unknown::Unanswered(q)),
            Some(Answer::Num(n)) => Ok(Value::Num(*n)),
            Some(Answer::Bool(b)) => Ok(Value::Bool(*b)),
            Some(Answer::Str(s, _)) => Ok(Value::Str(s)),
            Some(Answer::List(l)) => Ok(Value::List(l.clone())),
            Some(Answer::Series(s)) => Ok(Value::Series(s.into())),
        }
    }
    fn answered(&self, q: usize) -> bool {
        self.answers.contains_key(&q)
    }
    fn not_applicable(&self, q: usize) -> Result<bool, Unknown> {
        if self.na.contains(&q) {
            Ok(true)
        } else if self.answers.contains_key(&q) {
            Ok(false)
        } else {
            Err(Unknown::Unanswered(q))
        }
    }
    fn option_value(&self, q: usize) -> Result<f64, Unknown> {
        match self.answers.get(&q) {
            Some(Answer::Str(_, v)) => Ok(*v),
            _ => Err(Unknown::Unanswered(q)),
        }
    }
    fn metric(&self, _: usize) -> Result<f64, Unknown> {
        Ok(10.0)
    }
    fn reporting_year(&self) -> Option<i32> {
        self.year
    }
}

fn env() -> TestEnv {
    let mut e = TestEnv::default();
    e.answers.insert(0, Answer::Num(4.0));
    e.answers.insert(1, Answer::Bool(true));
    e.answers.insert(2, Answer::Str("y", 2.0));
    e.answers.insert(3, Answer::List(vec!["p", "r"]));
    e.answers.insert(
        4,
        Answer::Series(vec![(2022, 100.0), (2023, 90.0), (2024, 80.0)]),
    );
    e.answers.insert(
        5,
        Answer::Series(vec![(2022, 10.0), (2023, 10.0), (2024, 10.0)]),
    );
    e
}

/// Evaluates `src`, keeping only numbers and booleans (what the tests compare).
fn eval(src: &str, env: &TestEnv) -> Result<Value<'static>, Unknown> {
    let expr = compile(src, &TestNames, None).unwrap_or_else(|e| panic!("{src}: {e:?}"));
    match expr.eval(env)? {
        Value::Num(n) => Ok(Value::Num(n)),
        Value::Bool(b) => Ok(Value::Bool(b)),
        other => panic!("{src}: unexpected {other:?}"),
    }
}

fn num(src: &str) -> f64 {
    match eval(src, &env()) {
        Ok(Value::Num(n)) => n,
        other => panic!("{src}: {other:?}"),
    }
}

fn truth(src: &str) -> bool {
    match eval(src, &env()) {
        Ok(Value::Bool(b)) => b,
        other => panic!("{src}: {other:?}"),
    }
}

fn error(src: &str) -> ExprError {
    compile(src, &TestNames, None).expect_err(src)
}

#[test]
fn arithmetic_follows_precedence() {
    assert_eq!(num("1 + 2 * 3"), 7.0);
    assert_eq!(num("(1 + 2) * 3"), 9.0);
    assert_eq!(num("-n + 10 / 4"), -1.5);
    assert_eq!(num("n * f.v"), 10.0);
    assert_eq!(num("k + 1"), 11.0);
    assert_eq!(num("1_000 * 2"), 2000.0);
}

#[test]
fn comparisons_logic_and_membership() {
    assert!(truth("n >= 4 and b"));
    assert!(truth("n < 3 or not (n == 5)"));
    assert!(truth("c == 'y'"));
    assert!(truth("c != \"x\""));
    assert!(truth("c in ['x', 'y']"));
    assert!(truth("'p' in m"));
    assert!(!truth("'q' in m"));
}

#[test]
fn functions() {
    assert_eq!(num("min(3, n, 9)"), 3.0);
    assert_eq!(num("max(3, n, 9)"), 9.0);
    assert_eq!(num("abs(-2)"), 2.0);
    assert_eq!(num("if(b, 1, 2)"), 1.0);
    assert_eq!(num("count(m)"), 2.0);
    assert!(truth("answered(n)"));
    assert_eq!(num("value(c)"), 2.0);
    assert_eq!(num("latest(s)"), 80.0);
    assert_eq!(num("average(s)"), 90.0);
    // Slope -10 a year over a mean of 90.
    assert!((num("trend(s)") - (-10.0 / 90.0 * 100.0)).abs() < 1e-9);
    assert!((num("trend(s, r)") - (-1.0 / 9.0 * 100.0)).abs() < 1e-9);
}

#[test]
fn unknown_values_propagate_but_logic_short_circuits() {
    let mut e = env();
    e.answers.remove(&0);
    assert_eq!(eval("n + 1", &e), Err(Unknown::Unanswered(0)));
    assert_eq!(eval("n > 1 and false", &e), Ok(Value::Bool(false)));
    assert_eq!(eval("n > 1 or true", &e), Ok(Value::Bool(true)));
    assert_eq!(eval("n > 1 or false", &e), Err(Unknown::Unanswered(0)));
    assert_eq!(eval("default(n, 7)", &e), Ok(Value::Num(7.0)));
    assert_eq!(eval("answered(n)", &e), Ok(Value::Bool(false)));
    e.na.push(1);
    assert_eq!(eval("b", &e), Err(Unknown::NotApplicable(1)));
    // Not applicable wins over unanswered, and a fallback does not hide it.
    assert_eq!(eval("if(b, 1, 0) + n", &e), Err(Unknown::NotApplicable(1)));
    assert_eq!(eval("n + if(b, 1, 0)", &e), Err(Unknown::NotApplicable(1)));
    assert_eq!(
        eval("default(if(b, 1, 0), 5)", &e),
        Err(Unknown::NotApplicable(1))
    );
}

#[test]
fn not_applicable_tells_marked_from_unanswered() {
    let mut e = env();
    e.answers.remove(&1);
    e.na.push(1);
    e.answers.remove(&0);
    // Marked not applicable: true, where `answered` is false.
    assert_eq!(eval("not_applicable(b)", &e), Ok(Value::Bool(true)));
    assert_eq!(eval("answered(b)", &e), Ok(Value::Bool(false)));
    assert_eq!(
        eval("answered(b) or not_applicable(b)", &e),
        Ok(Value::Bool(true))
    );
    // Answered: false.
    assert_eq!(eval("not_applicable(c)", &e), Ok(Value::Bool(false)));
    // Unanswered: unknown, like the answer itself; `default` gives it a value.
    assert_eq!(eval("not_applicable(n)", &e), Err(Unknown::Unanswered(0)));
    assert_eq!(
        eval("answered(n) or not_applicable(n)", &e),
        Err(Unknown::Unanswered(0))
    );
    assert_eq!(
        eval("default(not_applicable(n), false)", &e),
        Ok(Value::Bool(false))
    );
    assert_eq!(
        eval(
            "if(answered(n) or default(not_applicable(n), false), 1, 0)",
            &e
        ),
        Ok(Value::Num(0.0))
    );
}

#[test]
fn division_by_zero_is_unknown_not_infinite_and_names_its_divisor() {
    assert_eq!(
        eval("1 / (n - 4)", &env()),
        Err(Unknown::DivisionByZero(Divisor::Unnamed))
    );
    let mut e = env();
    e.answers.insert(0, Answer::Num(0.0));
    assert_eq!(
        eval("1 / n", &e),
        Err(Unknown::DivisionByZero(Divisor::Question(0)))
    );
    e.answers
        .insert(5, Answer::Series(vec![(2023, 1.0), (2024, 0.0)]));
    assert_eq!(
        eval("1 / latest(r)", &e),
        Err(Unknown::DivisionByZero(Divisor::Question(5)))
    );
    assert_eq!(
        eval("1 / default(latest(r), 1)", &e),
        Err(Unknown::DivisionByZero(Divisor::Question(5)))
    );
    // Division by zero is not hidden by `default`.
    assert_eq!(
        eval("default(1 / n, 7)", &e),
        Err(Unknown::DivisionByZero(Divisor::Question(0)))
    );
}

#[test]
fn overflow_is_unknown_and_not_a_division_by_zero() {
    let mut e = env();
    e.answers.insert(0, Answer::Num(1e308));
    for src in [
        "n * 10",
        "n + n",
        "-n - n",
        "n / 0.1",
        "average(s) * n",
        "max(n * n, 1)",
    ] {
        assert_eq!(eval(src, &e), Err(Unknown::Overflow), "{src}");
    }
    // Finite results of large inputs stay known.
    assert_eq!(eval("n / 10", &e), Ok(Value::Num(1e307)));
    e.answers.insert(
        4,
        Answer::Series(vec![(2022, 1.7e308), (2023, 1.7e308), (2024, 1.7e308)]),
    );
    assert_eq!(eval("average(s)", &e), Err(Unknown::Overflow));
    assert_eq!(eval("trend(s)", &e), Err(Unknown::Overflow));
    assert_eq!(eval("latest(s)", &e), Ok(Value::Num(1.7e308)));
}

#[test]
fn a_series_of_zeros_has_no_trend() {
    let mut e = env();
    e.answers
        .insert(4, Answer::Series(vec![(2022, 0.0), (2023, 0.0)]));
    assert_eq!(eval("trend(s)", &e), Err(Unknown::NoTrend(4)));
    assert_eq!(eval("trend(s, r)", &e), Err(Unknown::NoTrend(4)));
    // Not an unanswered question: `default` keeps it unknown.
    assert_eq!(eval("default(trend(s), 5)", &e), Err(Unknown::NoTrend(4)));
    // A constant series other than zero is flat.
    e.answers
        .insert(4, Answer::Series(vec![(2022, 3.0), (2023, 3.0)]));
    assert_eq!(eval("trend(s)", &e), Ok(Value::Num(0.0)));
}

#[test]
fn trend_needs_two_years() {
    let mut e = env();
    e.answers.insert(4, Answer::Series(vec![(2024, 5.0)]));
    assert_eq!(eval("trend(s)", &e), Err(Unknown::TooFewYears(4)));
}

#[test]
fn faults_point_at_their_span() {
    let e = error("n + nn");
    assert_eq!(e.span, 4..6);
    assert!(
        e.message.en.contains("unknown name `nn`"),
        "{}",
        e.message.en
    );
    assert!(
        e.message.en.contains("did you mean `n`"),
        "{}",
        e.message.en
    );

    let e = error("b and");
    assert_eq!(e.span, 5..5);
    assert!(
        e.message.en.contains("expected a value"),
        "{}",
        e.message.en
    );

    let e = error("n + b");
    assert_eq!(e.span, 4..5);
    assert!(
        e.message.en.contains("expected a number"),
        "{}",
        e.message.en
    );

    let e = error("c == 'z'");
    assert_eq!(e.span, 5..8);
    assert!(e.message.en.contains("no option \"z\""), "{}", e.message.en);

    let e = error("cout(m)");
    assert!(
        e.message
            .en
            .contains("unknown function `cout`; did you mean `count`"),
        "{}",
        e.message.en
    );

    assert!(error("n = 1").message.en.contains("compare with `==`"));
    assert!(error("1 < n < 3").message.en.contains("do not chain"));
    assert!(error("'open").message.en.contains("never closed"));
    assert!(error("").message.en.contains("empty"));
    assert!(error("s + 1").message.en.contains("expected a number"));
    assert!(error("min()").message.en.contains("at least 1"));
    assert!(error("answered(1)").message.en.contains("id of a question"));
    assert!(
        error("not_applicable(1)")
            .message
            .en
            .contains("id of a question")
    );
    assert!(error("not_applicable(n, b)").message.en.contains("1"));
    assert!(
        error("not_applicable(n) + 1")
            .message
            .en
            .contains("expected a number")
    );
    let huge = format!("n * 1{}", "0".repeat(400));
    let e = error(&huge);
    assert_eq!(e.span, 4..huge.len());
    assert!(e.message.en.contains("too large"), "{}", e.message.en);
    assert!(
        error("n * 2_000_000_000_000_000")
            .message
            .en
            .contains("too large")
    );
}

#[test]
fn expected_type_is_enforced() {
    let e = compile("n + 1", &TestNames, Some(Type::Bool)).unwrap_err();
    assert!(
        e.message.en.contains("where a yes/no value is needed"),
        "{}",
        e.message.en
    );
}

#[test]
fn depth_and_length_are_bounded() {
    let deep = format!("{}1{}", "(".repeat(200), ")".repeat(200));
    assert!(error(&deep).message.en.contains("nests deeper"));
    let negs = format!("{}1", "-".repeat(200));
    assert!(error(&negs).message.en.contains("nests deeper"));
    let long = format!("1{}", " + 1".repeat(2000));
    assert!(error(&long).message.en.contains("longer than"));
}

#[test]
fn trend_per_leaves_out_years_whose_divisor_is_zero_or_missing() {
    let s = [(2021, 5.0), (2022, 100.0), (2023, 90.0), (2024, 80.0)];
    let per = [(2022, 10.0), (2023, 0.0), (2024, 10.0)];
    // 2021 has no divisor, 2023 a zero one: 10 and 8 a unit, over 2022 and 2024.
    let t = trend(&s, Some(&per)).unwrap();
    assert_eq!(t.years, 2);
    assert_eq!(Some(t.percent), trend_percent(&[(2022, 10.0), (2024, 8.0)]));
    // The function of the expression language gives the same figure.
    let mut e = env();
    e.answers.insert(4, Answer::Series(s.to_vec()));
    e.answers.insert(5, Answer::Series(per.to_vec()));
    assert_eq!(eval("trend(s, r)", &e), Ok(Value::Num(t.percent)));
    // One year left is too few.
    let per = [(2022, 10.0), (2023, 0.0), (2024, 0.0)];
    assert_eq!(trend(&s, Some(&per)), Err(NoTrend::TooFewYears));
    e.answers.insert(5, Answer::Series(per.to_vec()));
    assert_eq!(eval("trend(s, r)", &e), Err(Unknown::TooFewYears(4)));
}

#[test]
fn trend_percent_is_slope_over_mean() {
    assert_eq!(trend_percent(&[(2020, 1.0)]), None);
    assert_eq!(trend_percent(&[(2020, 0.0), (2021, 0.0)]), None);
    let t = trend_percent(&[(2020, 100.0), (2022, 120.0)]).unwrap();
    assert!((t - 10.0 / 110.0 * 100.0).abs() < 1e-9);
}

#[test]
fn current_and_extend_use_the_reporting_year() {
    let mut e = env();
    assert_eq!(eval("current(s)", &e), Err(Unknown::NoReportingYear));
    e.year = Some(2023);
    assert_eq!(eval("current(s)", &e), Ok(Value::Num(90.0)));
    e.year = Some(2025);
    assert_eq!(eval("current(s)", &e), Err(Unknown::Unanswered(4)));
    // A missing year is filled in; 100, 90, 80, 70 falls by 10 a year.
    assert_eq!(eval("latest(extend(s, 70))", &e), Ok(Value::Num(70.0)));
    assert_eq!(eval("average(extend(s, 70))", &e), Ok(Value::Num(85.0)));
    // A year the series has stands: the extra value is not even evaluated.
    e.year = Some(2024);
    assert_eq!(eval("latest(extend(s, 1 / 0))", &e), Ok(Value::Num(80.0)));
    // An unanswered series is extended from nothing.
    e.answers.remove(&4);
    assert_eq!(eval("latest(extend(s, 5))", &e), Ok(Value::Num(5.0)));
    assert_eq!(
        eval("trend(extend(s, 5))", &e),
        Err(Unknown::TooFewYears(4))
    );
}

#[test]
fn extend_takes_a_series_and_a_number() {
    let err = compile("extend(n, 1)", &TestNames, None).unwrap_err();
    assert!(err.message.en.contains("a series by year"), "{err:?}");
    let err = compile("latest(extend(s))", &TestNames, None).unwrap_err();
    assert!(err.message.en.contains("takes 2 argument"), "{err:?}");
}
