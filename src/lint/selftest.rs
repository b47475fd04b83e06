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
//! E-3-1 = { level = 3 }                        # or a table: status, level (1 = worst), points,
//!                                              # recommendation (words the gap's advice contains)
//! ```
//!
//! `[expect] warnings = ["check-id", ...]` names plausibility and consistency checks that must
//! warn.
//!
//! Each expectation that does not hold is a `self-test-failed` diagnostic at its line.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::answers;
use crate::code::Code;
use crate::error::Error;
use crate::guideline::Guideline;
use crate::msg;
use crate::score::{Options, score};
use crate::scorecard::{IndicatorResult, Scorecard, Status, Unanswered};
use crate::source::{Diagnostic, Message, Source, closest};
use crate::text::{Lang, Ui};

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
    fn err(&mut self, code: Code, span: Range<usize>, msg: Message) -> &mut Diagnostic {
        self.out.push(self.src.diagnostic(code, Some(span), msg));
        self.out.last_mut().expect("just pushed")
    }

    fn fail(&mut self, span: Range<usize>, msg: &Message) {
        let msg = msg!(lang =>
            "자체 시험 `{0}`: {1}",
            "self-test `{0}`: {1}",
            self.name,
            msg.get(lang)
        );
        self.err(Code::SelfTestFailed, span, msg);
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
            Code::WrongType,
            v.span(),
            msg!("`{what}` 값은 표여야 합니다", "`{what}` must be a table"),
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
                        Code::WrongType,
                        v.span(),
                        if k.get_ref() == "name" {
                            msg!("`name` 값은 문자열이어야 합니다", "`name` takes a string")
                        } else {
                            msg!(
                                "`unanswered` 값은 `\"zero\"`나 `\"exclude\"`입니다",
                                "`unanswered` takes \"zero\" or \"exclude\""
                            )
                        },
                    );
                }
                (other, _) => {
                    cx.err(
                        Code::UnknownKey,
                        k.span(),
                        msg!(
                            "`[test]` 표에 없는 키 `{other}`입니다. 쓸 수 있는 키: `name`, `unanswered`",
                            "unknown key `{other}` in [test]; expected `name` or `unanswered`"
                        ),
                    );
                }
            }
        }
    }
    let Some(expect) = root.get("expect") else {
        cx.err(
            Code::MissingKey,
            0..src.text.len().min(1),
            msg!(
                "자체 시험에는 `[expect]` 표가 있어야 합니다",
                "a self-test needs an [expect] table"
            ),
        )
        .help = Some(msg!(
            "`[expect.indicators]`에 고른 지표의 상태나 수준을 쓰십시오",
            "add [expect.indicators] with the status or level of chosen indicators"
        ));
        return cx.out;
    };
    let answers = match answers::parse_with(src, g, &["test", "expect"]) {
        Ok(a) => a,
        Err(Error::Invalid(d)) => {
            cx.out.extend(d);
            return cx.out;
        }
        Err(e) => {
            let message = Message::by(|lang| e.message(lang));
            cx.out
                .push(Diagnostic::whole_file(&src.name, Code::TomlSyntax, message));
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
                        Code::WrongType,
                        v.span(),
                        msg!(
                            "`tolerance` 값은 0 이상의 유한한 수여야 합니다",
                            "`tolerance` takes a finite number of 0 or more"
                        ),
                    );
                }
            }
            "total" => match number(v.get_ref()) {
                None => {
                    cx.err(
                        Code::WrongType,
                        v.span(),
                        msg!("`total` 값은 수여야 합니다", "`total` takes a number"),
                    );
                }
                Some(want) => match card.total {
                    Some(got) if (got - want).abs() <= tolerance => {}
                    Some(got) => cx.fail(
                        v.span(),
                        &msg!(
                            "종합 점수 기대: {want}점(± {tolerance}), 실제: {0}점",
                            "expected a total of {want} (± {tolerance}), got {0}",
                            crate::text::number(got, 2)
                        ),
                    ),
                    None => cx.fail(
                        v.span(),
                        &msg!(
                            "종합 점수 기대: {want}점, 실제: 점수 없음(해당하는 영역이 없음)",
                            "expected a total of {want}, got none (no area applies)"
                        ),
                    ),
                },
            },
            "grade" => match v.get_ref().as_str() {
                None => {
                    cx.err(
                        Code::WrongType,
                        v.span(),
                        msg!(
                            "`grade` 값은 등급 id여야 합니다",
                            "`grade` takes a grade id"
                        ),
                    );
                }
                Some(want) => {
                    if !g.grades.iter().any(|gr| gr.id == want) {
                        cx.err(
                            Code::UnknownReference,
                            v.span(),
                            msg!(
                                "`{}` 가이드라인에 `{want}` 등급이 없습니다",
                                "guideline `{}` has no grade `{want}`",
                                g.id
                            ),
                        );
                    } else {
                        let got = card.grade.as_ref().map(|gr| gr.id.as_str());
                        if got != Some(want) {
                            cx.fail(
                                v.span(),
                                &msg!(lang =>
                                    "등급 기대: {want}, 실제: {0}",
                                    "expected grade {want}, got {0}",
                                    match (got, lang.ui()) {
                                        (Some(g), _) => g.to_owned(),
                                        (None, Ui::Ko) => "등급 없음".to_owned(),
                                        (None, Ui::En) => "none".to_owned(),
                                    }
                                ),
                            );
                        }
                    }
                }
            },
            "warnings" => warnings(cx, g, card, v),
            "indicators" => {
                if let Some(items) = table(cx, v, "expect.indicators") {
                    for (id, want) in items {
                        indicator(cx, g, card, id, want);
                    }
                }
            }
            other => {
                cx.err(
                    Code::UnknownKey,
                    k.span(),
                    msg!(
                        "`[expect]` 표에 없는 키 `{other}`입니다. 쓸 수 있는 키: `total`, `tolerance`, `grade`, `warnings`, `indicators`",
                        "unknown key `{other}` in [expect]; expected total, tolerance, grade, warnings or indicators"
                    ),
                );
            }
        }
    }
}

/// `warnings = ["check-id", ...]`: each named check warns.
fn warnings(cx: &mut Cx<'_>, g: &Guideline, card: &Scorecard, v: &Spanned<DeValue<'_>>) {
    let DeValue::Array(items) = v.get_ref() else {
        cx.err(
            Code::WrongType,
            v.span(),
            msg!(
                "`warnings` 값은 점검 id의 목록입니다",
                "`warnings` takes a list of check ids"
            ),
        );
        return;
    };
    for item in items {
        let Some(id) = item.get_ref().as_str() else {
            cx.err(
                Code::WrongType,
                item.span(),
                msg!("점검 id는 문자열입니다", "a check id is a string"),
            );
            continue;
        };
        if !g.checks.iter().any(|c| c.id == id) {
            let d = cx.err(
                Code::UnknownReference,
                item.span(),
                msg!(
                    "`{}` 가이드라인에 `{id}` 점검이 없습니다",
                    "guideline `{}` has no check `{id}`",
                    g.id
                ),
            );
            if let Some(c) = closest(id, g.checks.iter().map(|c| c.id.as_str())) {
                d.help = Some(msg!("혹시 `{c}`인가요?", "did you mean `{c}`?"));
            }
            continue;
        }
        let fired = card
            .warnings
            .iter()
            .any(|w| matches!(w, crate::scorecard::Warning::Check { id: got, .. } if got == id));
        if !fired {
            cx.fail(
                item.span(),
                &msg!(
                    "`{id}` 점검의 경고를 기대했지만 경고가 없습니다",
                    "expected check `{id}` to warn; it did not"
                ),
            );
        }
    }
}

/// A status as a failed expectation says it: "scored", "not applicable", "unanswered".
fn status_name(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Scored => lang.pick("채점됨", "scored"),
        Status::NotApplicable => lang.pick("해당 없음", "not applicable"),
        Status::Unanswered => lang.pick("답하지 않음", "unanswered"),
    }
}

fn status_of(cx: &mut Cx<'_>, v: &Spanned<DeValue<'_>>) -> Option<Status> {
    match v.get_ref().as_str() {
        Some("scored") => Some(Status::Scored),
        Some("not_applicable") => Some(Status::NotApplicable),
        Some("unanswered") => Some(Status::Unanswered),
        _ => {
            cx.err(
                Code::WrongType,
                v.span(),
                msg!(
                    "상태는 `\"scored\"`, `\"not_applicable\"`, `\"unanswered\"` 가운데 하나입니다",
                    "a status is \"scored\", \"not_applicable\" or \"unanswered\""
                ),
            );
            None
        }
    }
}

/// What an indicator got, as a failed expectation says it.
fn got(r: &IndicatorResult, lang: Lang) -> String {
    match (&r.status, &r.level) {
        (Status::Scored, Some(l)) => crate::tr!(
            lang,
            "채점됨, 수준 {0}/{1}, {2}점",
            "scored at level {0} of {1} ({2} points)",
            l.number,
            l.of,
            crate::text::number(l.points, 2)
        ),
        (s, _) => status_name(*s, lang).to_owned(),
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
            Code::UnknownReference,
            id.span(),
            msg!(
                "`{}` 가이드라인에 `{}` 지표가 없습니다",
                "guideline `{}` has no indicator `{}`",
                g.id,
                id.get_ref()
            ),
        );
        if let Some(c) = closest(id.get_ref(), g.indicators.iter().map(|i| i.id.as_str())) {
            d.help = Some(msg!("혹시 `{c}`인가요?", "did you mean `{c}`?"));
        }
        return;
    };
    let mut advice: Option<(String, Range<usize>)> = None;
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
                                Code::WrongType,
                                v.span(),
                                msg!(
                                    "`level` 값은 수준의 번호(1이 가장 낮음)입니다",
                                    "`level` takes a level number (1 = worst)"
                                ),
                            );
                        }
                    },
                    "points" => match number(v.get_ref()) {
                        Some(n) => expected.2 = Some((n, v.span())),
                        None => {
                            cx.err(
                                Code::WrongType,
                                v.span(),
                                msg!("`points` 값은 수여야 합니다", "`points` takes a number"),
                            );
                        }
                    },
                    "recommendation" => match v.get_ref().as_str() {
                        Some(words) => advice = Some((words.to_owned(), v.span())),
                        None => {
                            cx.err(
                                Code::WrongType,
                                v.span(),
                                msg!(
                                    "`recommendation` 값은 권고에 들어 있어야 할 말(문자열)입니다",
                                    "`recommendation` takes words the recommendation contains (a string)"
                                ),
                            );
                        }
                    },
                    other => {
                        cx.err(
                            Code::UnknownKey,
                            k.span(),
                            msg!(
                                "없는 키 `{other}`입니다. 기대에 쓸 수 있는 키: `status`, `level`, `points`, `recommendation`",
                                "unknown key `{other}`; an expectation has status, level, points or recommendation"
                            ),
                        );
                    }
                }
            }
            expected
        }
        _ => {
            cx.err(
                Code::WrongType,
                want.span(),
                msg!(
                    "기대는 `\"scored\"` 같은 상태이거나 `{{ level = 2 }}` 같은 표입니다",
                    "an expectation is a status such as \"scored\", or a table such as {{ level = 2 }}"
                ),
            );
            return;
        }
    };
    let ind = &result.id;
    if let Some(s) = status {
        if s != result.status {
            cx.fail(
                want.span(),
                &msg!(lang =>
                    "`{ind}` 기대: {0}, 실제: {1}",
                    "{ind}: expected {0}, got {1}",
                    status_name(s, lang),
                    got(result, lang)
                ),
            );
            return;
        }
    }
    if let Some((n, span)) = level {
        if result.level.as_ref().map(|l| l.number) != Some(n) {
            cx.fail(
                span,
                &msg!(lang =>
                    "`{ind}` 기대: 수준 {n}, 실제: {0}",
                    "{ind}: expected level {n}, got {0}",
                    got(result, lang)
                ),
            );
            return;
        }
    }
    if let Some((p, span)) = points {
        if result.points.is_none_or(|got| (got - p).abs() > 1e-9) {
            cx.fail(
                span,
                &msg!(lang =>
                    "`{ind}` 기대: {p}점, 실제: {0}",
                    "{ind}: expected {p} points, got {0}",
                    got(result, lang)
                ),
            );
            return;
        }
    }
    if let Some((words, span)) = advice {
        // The recommendation a firm is given is its gap's; at the best level there is none.
        let given = card.gaps.iter().find(|gap| gap.indicator == *ind);
        let holds = given.is_some_and(|gap| {
            gap.recommendation
                .entries()
                .any(|(_, t)| t.contains(&words))
        });
        if !holds {
            cx.fail(
                span,
                &msg!(lang =>
                    "`{ind}` 기대: 권고에 \"{words}\"가 들어 있음, 실제: {0}",
                    "{ind}: expected a recommendation containing \"{words}\", got {0}",
                    match given {
                        Some(gap) => format!("\"{}\"", gap.recommendation.show(lang)),
                        None => lang.pick("권고 없음(최고 수준)", "none (best level)").to_owned(),
                    }
                ),
            );
        }
    }
}
