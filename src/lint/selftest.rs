//! Guideline self-tests: answers with the outcome they must give, kept in a package's `tests/`.
//!
//! A test file is an answers file (`[guideline]`, `[firm]`, `[answers]`) with two more tables:
//!
//! ```toml
//! [test]
//! name = "An owner-run firm without a board"   # shown in failures
//! unanswered = "zero"                          # optional: zero | exclude
//!
//! [expect]
//! total = 41.5          # optional, with `tolerance` (default 0.05)
//! grade = "C"           # optional
//! [expect.indicators]
//! G-1-1 = "not_applicable"                     # a status: scored | not_applicable | unanswered
//! E-3-1 = { level = 3 }                        # or a table: status, level (1 = worst), points
//! ```
//!
//! Each expectation that does not hold is a `self-test-failed` diagnostic at its line.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::rules;
use crate::answers;
use crate::error::Error;
use crate::guideline::Guideline;
use crate::score::{Options, score};
use crate::scorecard::{IndicatorResult, Scorecard, Status, Unanswered};
use crate::source::{Diagnostic, Source, closest};

/// Default tolerance of an expected total, in points.
pub const TOLERANCE: f64 = 0.05;

/// Runs every self-test of `guideline`, returning its problems and failed expectations.
#[must_use]
pub fn run(guideline: &Guideline, tests: &[Source]) -> Vec<Diagnostic> {
    tests.iter().flat_map(|t| run_one(guideline, t)).collect()
}

struct Cx<'a> {
    src: &'a Source,
    name: String,
    out: Vec<Diagnostic>,
}

impl Cx<'_> {
    fn err(&mut self, rule: &super::Rule, span: Range<usize>, msg: String) -> &mut Diagnostic {
        self.out
            .push(self.src.diagnostic(Some(span), msg).rule(rule));
        self.out.last_mut().expect("just pushed")
    }

    fn fail(&mut self, span: Range<usize>, msg: String) {
        let msg = format!("self-test `{}`: {msg}", self.name);
        self.err(&rules::SELF_TEST_FAILED, span, msg);
    }
}

fn number(v: &DeValue<'_>) -> Option<f64> {
    match v {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|n| n as f64),
        DeValue::Float(f) => f.as_str().parse().ok(),
        _ => None,
    }
}

fn table<'a, 'b>(
    cx: &mut Cx<'_>,
    v: &'b Spanned<DeValue<'a>>,
    what: &str,
) -> Option<&'b DeTable<'a>> {
    if let DeValue::Table(t) = v.get_ref() {
        Some(t)
    } else {
        cx.err(
            &rules::WRONG_TYPE,
            v.span(),
            format!("`{what}` must be a table"),
        );
        None
    }
}

fn run_one(g: &Guideline, src: &Source) -> Vec<Diagnostic> {
    let doc = match DeTable::parse(&src.text) {
        Ok(d) => d,
        Err(e) => return vec![crate::source::toml_error(src, &e)],
    };
    let root = doc.get_ref();
    let file_name = src.name.rsplit('/').next().unwrap_or(&src.name).to_owned();
    let mut cx = Cx {
        src,
        name: file_name,
        out: Vec::new(),
    };
    let mut unanswered = Unanswered::Zero;
    if let Some(t) = root.get("test").and_then(|v| table(&mut cx, v, "test")) {
        for (k, v) in t {
            match (k.get_ref().as_ref(), v.get_ref()) {
                ("name", DeValue::String(s)) => cx.name = s.to_string(),
                ("unanswered", DeValue::String(s)) if s == "zero" => {}
                ("unanswered", DeValue::String(s)) if s == "exclude" => {
                    unanswered = Unanswered::Exclude;
                }
                ("name" | "unanswered", _) => {
                    cx.err(
                        &rules::WRONG_TYPE,
                        v.span(),
                        format!(
                            "`{}` takes {}",
                            k.get_ref(),
                            if k.get_ref() == "name" {
                                "a string"
                            } else {
                                "\"zero\" or \"exclude\""
                            }
                        ),
                    );
                }
                (other, _) => {
                    cx.err(
                        &rules::UNKNOWN_KEY,
                        k.span(),
                        format!("unknown key `{other}` in [test]; expected `name` or `unanswered`"),
                    );
                }
            }
        }
    }
    let Some(expect) = root.get("expect") else {
        cx.err(
            &rules::MISSING_KEY,
            0..src.text.len().min(1),
            "a self-test needs an [expect] table".into(),
        )
        .help =
            Some("add [expect.indicators] with the status or level of chosen indicators".into());
        return cx.out;
    };
    let answers = match answers::parse_with(src, g, &["test", "expect"]) {
        Ok(a) => a,
        Err(Error::Invalid(d)) => {
            cx.out.extend(d);
            return cx.out;
        }
        Err(e) => {
            cx.out
                .push(Diagnostic::whole_file(&src.name, e.to_string()).rule(&rules::TOML_SYNTAX));
            return cx.out;
        }
    };
    let card = score(g, &answers, Options { unanswered });
    if let Some(t) = table(&mut cx, expect, "expect") {
        check_expect(&mut cx, g, &card, t);
    }
    cx.out
}

fn check_expect(cx: &mut Cx<'_>, g: &Guideline, card: &Scorecard, t: &DeTable<'_>) {
    let tolerance = t
        .get("tolerance")
        .and_then(|v| number(v.get_ref()))
        .unwrap_or(TOLERANCE);
    for (k, v) in t {
        match k.get_ref().as_ref() {
            "tolerance" => {
                // `inf` would make the expectation one that cannot fail; `nan`, one that always does.
                if number(v.get_ref()).is_none_or(|n| !(n >= 0.0 && n.is_finite())) {
                    cx.err(
                        &rules::WRONG_TYPE,
                        v.span(),
                        "`tolerance` takes a finite number of 0 or more".into(),
                    );
                }
            }
            "total" => match number(v.get_ref()) {
                None => {
                    cx.err(
                        &rules::WRONG_TYPE,
                        v.span(),
                        "`total` takes a number".into(),
                    );
                }
                Some(want) => match card.total {
                    Some(got) if (got - want).abs() <= tolerance => {}
                    Some(got) => cx.fail(
                        v.span(),
                        format!(
                            "expected a total of {want} (± {tolerance}), got {}",
                            crate::text::number(got, 2)
                        ),
                    ),
                    None => cx.fail(
                        v.span(),
                        format!("expected a total of {want}, got none (no area applies)"),
                    ),
                },
            },
            "grade" => match v.get_ref().as_str() {
                None => {
                    cx.err(
                        &rules::WRONG_TYPE,
                        v.span(),
                        "`grade` takes a grade id".into(),
                    );
                }
                Some(want) => {
                    if !g.grades.iter().any(|gr| gr.id == want) {
                        cx.err(
                            &rules::UNKNOWN_REFERENCE,
                            v.span(),
                            format!("guideline `{}` has no grade `{want}`", g.id),
                        );
                    } else {
                        let got = card.grade.as_ref().map_or("none", |gr| gr.id.as_str());
                        if got != want {
                            cx.fail(v.span(), format!("expected grade {want}, got {got}"));
                        }
                    }
                }
            },
            "indicators" => {
                if let Some(items) = table(cx, v, "expect.indicators") {
                    for (id, want) in items {
                        indicator(cx, g, card, id, want);
                    }
                }
            }
            other => {
                cx.err(
                    &rules::UNKNOWN_KEY,
                    k.span(),
                    format!("unknown key `{other}` in [expect]; expected total, tolerance, grade or indicators"),
                );
            }
        }
    }
}

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Scored => "scored",
        Status::NotApplicable => "not_applicable",
        Status::Unanswered => "unanswered",
    }
}

fn status_of(cx: &mut Cx<'_>, v: &Spanned<DeValue<'_>>) -> Option<Status> {
    match v.get_ref().as_str() {
        Some("scored") => Some(Status::Scored),
        Some("not_applicable") => Some(Status::NotApplicable),
        Some("unanswered") => Some(Status::Unanswered),
        _ => {
            cx.err(
                &rules::WRONG_TYPE,
                v.span(),
                "a status is \"scored\", \"not_applicable\" or \"unanswered\"".into(),
            );
            None
        }
    }
}

fn got(r: &IndicatorResult) -> String {
    match (&r.status, &r.level) {
        (Status::Scored, Some(l)) => format!(
            "scored at level {} of {} ({} points)",
            l.number,
            l.of,
            crate::text::number(l.points, 2)
        ),
        (s, _) => status_name(*s).replace('_', " "),
    }
}

fn indicator(
    cx: &mut Cx<'_>,
    g: &Guideline,
    card: &Scorecard,
    id: &Spanned<std::borrow::Cow<'_, str>>,
    want: &Spanned<DeValue<'_>>,
) {
    let Some(result) = card
        .indicators
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(id.get_ref()))
    else {
        let d = cx.err(
            &rules::UNKNOWN_REFERENCE,
            id.span(),
            format!("guideline `{}` has no indicator `{}`", g.id, id.get_ref()),
        );
        if let Some(c) = closest(id.get_ref(), g.indicators.iter().map(|i| i.id.as_str())) {
            d.help = Some(format!("did you mean `{c}`?"));
        }
        return;
    };
    let (status, level, points) = match want.get_ref() {
        DeValue::String(_) => (status_of(cx, want), None, None),
        DeValue::Table(t) => {
            let mut expected = (None, None, None);
            for (k, v) in t {
                match k.get_ref().as_ref() {
                    "status" => expected.0 = status_of(cx, v),
                    "level" => match v.get_ref() {
                        DeValue::Integer(_) => {
                            expected.1 = number(v.get_ref()).map(|n| (n as usize, v.span()));
                        }
                        _ => {
                            cx.err(
                                &rules::WRONG_TYPE,
                                v.span(),
                                "`level` takes a level number (1 = worst)".into(),
                            );
                        }
                    },
                    "points" => match number(v.get_ref()) {
                        Some(n) => expected.2 = Some((n, v.span())),
                        None => {
                            cx.err(
                                &rules::WRONG_TYPE,
                                v.span(),
                                "`points` takes a number".into(),
                            );
                        }
                    },
                    other => {
                        cx.err(
                            &rules::UNKNOWN_KEY,
                            k.span(),
                            format!(
                                "unknown key `{other}`; an expectation has status, level or points"
                            ),
                        );
                    }
                }
            }
            expected
        }
        _ => {
            cx.err(
                &rules::WRONG_TYPE,
                want.span(),
                "an expectation is a status such as \"scored\", or a table such as { level = 2 }"
                    .into(),
            );
            return;
        }
    };
    let ind = &result.id;
    if let Some(s) = status {
        if s != result.status {
            cx.fail(
                want.span(),
                format!(
                    "{ind}: expected {}, got {}",
                    status_name(s).replace('_', " "),
                    got(result)
                ),
            );
            return;
        }
    }
    if let Some((n, span)) = level {
        if result.level.as_ref().map(|l| l.number) != Some(n) {
            cx.fail(
                span,
                format!("{ind}: expected level {n}, got {}", got(result)),
            );
            return;
        }
    }
    if let Some((p, span)) = points {
        if result.points.is_none_or(|got| (got - p).abs() > 1e-9) {
            cx.fail(
                span,
                format!("{ind}: expected {p} points, got {}", got(result)),
            );
        }
    }
}
