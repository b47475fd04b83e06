//! Validation of `[[question]]` tables.

use std::collections::{BTreeMap, HashMap};

use toml::Spanned;

use crate::code::Code;
use crate::guideline::model::{RawCitation, RawFile, RawQuestion, RawUnit};
use crate::guideline::{Choice, Column, Question, QuestionKind, Unit};
use crate::msg;
use crate::source::{Source, closest, names};
use crate::text::Text;

use super::inventory::cited;
use super::{Ctx, is_snake_case};

/// The package's `[[unit]]` and `[[conversion]]` tables, checked.
#[derive(Default)]
pub(super) struct Units {
    /// Each unit's id and text.
    units: Vec<(String, Text)>,
    /// (from, to, factor, source).
    conversions: Vec<(String, String, f64, Text)>,
}

impl Units {
    /// How many `to` one `from` is, and the source, from a `[[conversion]]` either way.
    fn factor(&self, from: &str, to: &str) -> Option<(f64, Text)> {
        self.conversions.iter().find_map(|(f, t, x, s)| {
            if f == from && t == to {
                Some((*x, s.clone()))
            } else if f == to && t == from {
                Some((1.0 / x, s.clone()))
            } else {
                None
            }
        })
    }
}

/// A unit id: letters, digits and a few signs (`MWh`, `m3`, `tCO2e`, `L`, `kg/yr`), no spaces.
fn is_unit_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().count() <= 32
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '/' | '.' | '%' | '³' | '²'))
}

/// A conversion factor: finite and above 0 (`invalid-value`).
fn check_factor(cx: &mut Ctx<'_>, fi: usize, f: &Spanned<f64>, what: &str) -> bool {
    let x = *f.get_ref();
    if x.is_finite() && x > 0.0 {
        return cx.bounded(
            fi,
            f.span(),
            x,
            &msg!("`{what}` 환산 계수", "the conversion factor of `{what}`"),
        );
    }
    cx.err(
        Code::InvalidValue,
        fi,
        f.span(),
        msg!(
            "`{what}` 환산 계수가 {x}입니다. 환산 계수는 0보다 큰 유한한 수여야 합니다",
            "the conversion factor of `{what}` is {x}; it must be a finite number above 0"
        ),
    );
    false
}

fn unit_id(cx: &mut Ctx<'_>, fi: usize, id: &Spanned<String>) -> bool {
    let s = id.get_ref();
    if is_unit_id(s) {
        return true;
    }
    cx.err(
        Code::InvalidId,
        fi,
        id.span(),
        msg!(
            "단위 id에는 공백 없이 글자, 숫자, `_ - / . %`만 쓸 수 있습니다(32자 이하): `{s}`",
            "unit id `{s}` may hold only letters, digits and `_ - / . %`, no spaces (at most 32)"
        ),
    );
    false
}

/// Reads every `[[unit]]` and `[[conversion]]` of the package.
pub(super) fn package_units(cx: &mut Ctx<'_>, files: &[(Source, RawFile)]) -> Units {
    let mut out = Units::default();
    for (fi, (_, file)) in files.iter().enumerate() {
        for u in &file.unit {
            let id = u.id.get_ref().clone();
            if !unit_id(cx, fi, &u.id) {
                continue;
            }
            if out.units.iter().any(|(x, _)| *x == id) {
                cx.err(
                    Code::DuplicateId,
                    fi,
                    u.id.span(),
                    msg!(
                        "`{id}` 단위가 두 번 정의되어 있습니다",
                        "unit `{id}` is defined twice"
                    ),
                );
                continue;
            }
            let text = match &u.text {
                Some(t) => cx.text(fi, t, &msg!("`{id}` 단위의 글", "unit `{id}` text")),
                None => Text::both(&id, &id),
            };
            out.units.push((id, text));
        }
    }
    for (fi, (_, file)) in files.iter().enumerate() {
        for c in &file.conversion {
            let mut ok = true;
            for end in [&c.from, &c.to] {
                if !out.units.iter().any(|(x, _)| x == end.get_ref()) {
                    let known: Vec<&str> = out.units.iter().map(|(x, _)| x.as_str()).collect();
                    let near = closest(end.get_ref(), known.iter().copied());
                    let list = |lang| names(known.iter().copied(), ", ", lang);
                    cx.err(
                        Code::UnknownReference,
                        fi,
                        end.span(),
                        msg!(
                            "`{0}` 단위는 `[[unit]]`으로 정의되어 있지 않습니다",
                            "unit `{0}` is not defined by a [[unit]]",
                            end.get_ref()
                        ),
                    )
                    .help = Some(match near {
                        Some(n) => msg!(lang =>
                            "혹시 `{n}`인가요? 단위: {0}",
                            "did you mean `{n}`? units: {0}",
                            list(lang)
                        ),
                        None => msg!(lang => "단위: {0}", "units: {0}", list(lang)),
                    });
                    ok = false;
                }
            }
            let what = format!("{} -> {}", c.from.get_ref(), c.to.get_ref());
            ok &= check_factor(cx, fi, &c.factor, &what);
            if c.from.get_ref() == c.to.get_ref() {
                cx.err(
                    Code::InvalidValue,
                    fi,
                    c.to.span(),
                    msg!(
                        "환산의 `from`과 `to`가 같은 단위입니다",
                        "a conversion's `from` and `to` are the same unit"
                    ),
                );
                ok = false;
            }
            ok &= source_given(cx, fi, &c.source, &what);
            let from = c.from.get_ref().clone();
            let to = c.to.get_ref().clone();
            if ok && out.factor(&from, &to).is_some() {
                cx.err(
                    Code::DuplicateId,
                    fi,
                    c.from.span(),
                    msg!(
                        "`{from}`와 `{to}` 사이의 환산이 두 번 정의되어 있습니다",
                        "the conversion between `{from}` and `{to}` is defined twice"
                    ),
                );
                ok = false;
            }
            if ok {
                let source = cited(
                    cx,
                    fi,
                    &c.source,
                    &msg!("`{what}` 환산의 출처", "the source of conversion `{what}`"),
                );
                out.conversions
                    .push((from, to, *c.factor.get_ref(), source));
            }
        }
    }
    out
}

/// A source that says something (`missing-key` when blank).
fn source_given(cx: &mut Ctx<'_>, fi: usize, s: &Spanned<RawCitation>, what: &str) -> bool {
    let blank = match s.get_ref() {
        RawCitation::Plain(p) => p.trim().is_empty(),
        RawCitation::Text(t) => crate::text::Lang::ALL.iter().all(|&l| t.get(l).is_none()),
    };
    if blank {
        cx.err(
            Code::MissingKey,
            fi,
            s.span(),
            msg!(
                "`{what}` 환산의 출처가 비어 있습니다",
                "the source of conversion `{what}` is empty"
            ),
        );
    }
    !blank
}

/// A question's `units`: each id once, text from the question or the package, a factor and its
/// source for every unit after the first (written, or from a `[[conversion]]`).
fn question_units(
    cx: &mut Ctx<'_>,
    fi: usize,
    qid: &str,
    list: &Spanned<Vec<RawUnit>>,
    package: &Units,
) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    if list.get_ref().is_empty() {
        cx.err(
            Code::InvalidQuestion,
            fi,
            list.span(),
            msg!(
                "`{qid}` 질문의 `units` 목록이 비어 있습니다",
                "question `{qid}` has an empty `units` list"
            ),
        );
        return out;
    }
    for (i, u) in list.get_ref().iter().enumerate() {
        let id = u.id.get_ref().clone();
        if !unit_id(cx, fi, &u.id) {
            continue;
        }
        if out.iter().any(|x| x.id == id) {
            cx.err(
                Code::DuplicateId,
                fi,
                u.id.span(),
                msg!(
                    "`{qid}` 질문에 `{id}` 단위가 두 번 있습니다",
                    "question `{qid}` lists unit `{id}` twice"
                ),
            );
            continue;
        }
        let text = match (&u.text, package.units.iter().find(|(x, _)| *x == id)) {
            (Some(t), _) => cx.text(
                fi,
                t,
                &msg!(
                    "`{qid}` 질문의 `{id}` 단위",
                    "unit `{id}` of question `{qid}`"
                ),
            ),
            (None, Some((_, t))) => t.clone(),
            (None, None) => Text::both(&id, &id),
        };
        if i == 0 {
            for (key, span) in [
                ("factor", u.factor.as_ref().map(Spanned::span)),
                ("source", u.source.as_ref().map(Spanned::span)),
            ] {
                if let Some(span) = span {
                    cx.err(
                        Code::InvalidQuestion,
                        fi,
                        span,
                        msg!(
                            "첫 단위는 수식이 보는 단위라 `{key}`를 쓰지 않습니다",
                            "the first unit is the one formulas see: it takes no `{key}`"
                        ),
                    );
                }
            }
            out.push(Unit {
                id,
                text,
                factor: 1.0,
                source: None,
            });
            continue;
        }
        let Some(base) = out.first().map(|b| b.id.clone()) else {
            continue;
        };
        let what = format!("{id} -> {base}");
        let (factor, source) = match (&u.factor, &u.source) {
            (Some(f), Some(s)) => {
                let ok = check_factor(cx, fi, f, &what) & source_given(cx, fi, s, &what);
                if !ok {
                    continue;
                }
                let source = cited(
                    cx,
                    fi,
                    s,
                    &msg!("`{what}` 환산의 출처", "the source of conversion `{what}`"),
                );
                (*f.get_ref(), source)
            }
            (Some(f), None) => {
                cx.err(
                    Code::MissingKey,
                    fi,
                    f.span(),
                    msg!(
                        "`{qid}` 질문의 `{id}` 단위에 환산 계수의 출처(`source`)가 없습니다",
                        "unit `{id}` of question `{qid}` has a factor but no `source`"
                    ),
                )
                .help = Some(msg!(
                    "계수가 어디서 왔는지 쓰십시오. 예: `source = \"1 GJ = 1/3.6 MWh (SI)\"`",
                    "say where the factor comes from, e.g. source = \"1 GJ = 1/3.6 MWh (SI)\""
                ));
                continue;
            }
            (None, _) => match package.factor(&id, &base) {
                Some(found) => {
                    if let Some(s) = &u.source {
                        cx.err(
                            Code::InvalidQuestion,
                            fi,
                            s.span(),
                            msg!(
                                "`source`는 `factor`와 함께 씁니다. 이 환산은 패키지의 `[[conversion]]`에서 옵니다",
                                "`source` goes with `factor`; this conversion comes from the package's [[conversion]]"
                            ),
                        );
                    }
                    found
                }
                None => {
                    cx.err(
                        Code::MissingKey,
                        fi,
                        u.id.span(),
                        msg!(
                            "`{qid}` 질문의 `{id}` 단위를 `{base}` 단위로 바꿀 환산 계수가 없습니다",
                            "unit `{id}` of question `{qid}` has no conversion to `{base}`"
                        ),
                    )
                    .help = Some(msg!(
                        "`factor`와 `source`를 쓰거나, 패키지에 `from = \"{id}\"`, `to = \"{base}\"`인 `[[conversion]]`을 더하십시오",
                        "write `factor` and `source`, or add a [[conversion]] with from = \"{id}\" and to = \"{base}\" to the package"
                    ));
                    continue;
                }
            },
        };
        out.push(Unit {
            id,
            text,
            factor,
            source: Some(source),
        });
    }
    out
}

pub(super) fn question(
    cx: &mut Ctx<'_>,
    fi: usize,
    q: &RawQuestion,
    area_ids: &HashMap<String, usize>,
    package: &Units,
) -> Option<Question> {
    let id = q.id.get_ref().clone();
    if !is_snake_case(&id) {
        cx.err(
            Code::InvalidId,
            fi,
            q.id.span(),
            msg!(
                "질문 id는 스네이크 표기(a-z, 0-9, _, 첫 글자는 영문 소문자)여야 합니다: `{id}`",
                "question id `{id}` must be snake_case (a-z, 0-9, _; starting with a letter)"
            ),
        );
    }
    let kind = *q.kind.get_ref();
    let prompt = cx.text(
        fi,
        &q.prompt,
        &msg!("`{id}` 질문의 문구", "question `{id}` prompt"),
    );
    let help = cx.opt_text(
        fi,
        q.help.as_ref(),
        &msg!("`{id}` 질문의 도움말", "question `{id}` help"),
    );
    let ask_if_reason = cx.opt_text(
        fi,
        q.ask_if_reason.as_ref(),
        &msg!(
            "`{id}` 질문의 `ask_if_reason`",
            "question `{id}` ask_if_reason"
        ),
    );
    let mut unit = cx.opt_text(
        fi,
        q.unit.as_ref(),
        &msg!("`{id}` 질문의 단위", "question `{id}` unit"),
    );
    let units = match &q.units {
        Some(list) => question_units(cx, fi, &id, list, package),
        None => Vec::new(),
    };
    if let (Some(u), Some(_)) = (&q.unit, &q.units) {
        cx.err(
            Code::InvalidQuestion,
            fi,
            u.span(),
            msg!(
                "`unit`과 `units`를 함께 쓸 수 없습니다. 단위가 여럿이면 `units`만 쓰십시오",
                "`unit` and `units` do not go together; with several units write `units` only"
            ),
        );
    }
    if let Some(first) = units.first() {
        unit = Some(first.text.clone());
    }
    if let (Some(reason), None) = (&q.ask_if_reason, &q.ask_if) {
        cx.err(
            Code::MissingKey,
            fi,
            reason.span(),
            msg!(
                "`{id}` 질문에 `ask_if_reason`은 있지만 `ask_if`가 없습니다",
                "question `{id}` has `ask_if_reason` but no `ask_if`"
            ),
        )
        .help = Some(msg!(
            "이 이유는 조건이 거짓일 때만 보입니다: `ask_if = \"…\"`를 더하거나 이유를 지우십시오",
            "the reason is shown only when the condition is false: add `ask_if = \"…\"`, or remove the reason"
        ));
    }
    let numeric = matches!(
        kind,
        QuestionKind::Number | QuestionKind::Integer | QuestionKind::Series
    );
    for (name, bound) in [("min", &q.min), ("max", &q.max)] {
        if let Some(b) = bound {
            if !numeric {
                cx.err(
                    Code::InvalidQuestion,
                    fi,
                    b.span(),
                    msg!(
                        "`{name}` 키는 `number`, `integer`, `series` 질문에만 씁니다",
                        "`{name}` applies only to number, integer and series questions"
                    ),
                );
            } else {
                cx.bounded(
                    fi,
                    b.span(),
                    *b.get_ref(),
                    &msg!("`{id}` 질문의 `{name}`", "`{name}` of question `{id}`"),
                );
            }
        }
    }
    if let (Some(lo), Some(hi)) = (&q.min, &q.max) {
        if lo.get_ref() > hi.get_ref() {
            cx.err(
                Code::InvalidValue,
                fi,
                hi.span(),
                msg!(
                    "`max`({})가 `min`({})보다 작습니다",
                    "`max` ({}) is below `min` ({})",
                    hi.get_ref(),
                    lo.get_ref()
                ),
            );
        }
    }
    if let Some(u) = q
        .unit
        .as_ref()
        .map(Spanned::span)
        .or(q.units.as_ref().map(Spanned::span))
    {
        if !numeric {
            cx.err(
                Code::InvalidQuestion,
                fi,
                u,
                msg!(
                    "`unit` 키는 `number`, `integer`, `series` 질문에만 씁니다",
                    "`unit` applies only to number, integer and series questions"
                ),
            );
        }
    }
    let years = match &q.years {
        Some(y) if kind != QuestionKind::Series => {
            cx.err(
                Code::InvalidQuestion,
                fi,
                y.span(),
                msg!(
                    "`years` 키는 `series` 질문에만 씁니다",
                    "`years` applies only to series questions"
                ),
            );
            3
        }
        Some(y) if !(1..=20).contains(y.get_ref()) => {
            cx.err(
                Code::InvalidValue,
                fi,
                y.span(),
                msg!(
                    "`years`는 1에서 20 사이여야 합니다",
                    "`years` must be between 1 and 20"
                ),
            );
            3
        }
        Some(y) => *y.get_ref(),
        None => 3,
    };
    if let (Some(c), false) = (&q.current, kind == QuestionKind::Series) {
        cx.err(
            Code::InvalidQuestion,
            fi,
            c.span(),
            msg!(
                "`current` 키는 `series` 질문에만 씁니다",
                "`current` applies only to series questions"
            ),
        );
    }
    // A file taken from another package (`include`) names that package's areas: a group that is
    // not one of this package's is left out, and the question is placed by what reads it.
    let included = cx.files[fi].1.included;
    let group = q
        .group
        .as_ref()
        .filter(|g| !included || g.get_ref() == "profile" || area_ids.contains_key(g.get_ref()));
    if let Some(g) = group {
        if g.get_ref() != "profile" && !area_ids.contains_key(g.get_ref()) {
            cx.err(
                Code::UnknownReference,
                fi,
                g.span(),
                msg!(
                    "`{}` 묶음(`group`)은 `\"profile\"`도 아니고 영역 id도 아닙니다",
                    "group `{}` is neither \"profile\" nor an area id",
                    g.get_ref()
                ),
            );
        }
    }
    let has_options = matches!(kind, QuestionKind::Choice | QuestionKind::Multi);
    let mut options: Vec<Choice> = Vec::new();
    if has_options && q.options.is_empty() {
        cx.err(
            Code::ChoiceWithoutOptions,
            fi,
            q.kind.span(),
            msg!(
                "`{0}` 종류인 `{id}` 질문에 선택지가 없습니다",
                "{0} question `{id}` has no options",
                kind.name()
            ),
        );
    }
    if !has_options && !q.options.is_empty() {
        cx.err(
            Code::InvalidQuestion,
            fi,
            q.kind.span(),
            msg!(
                "`options` 키는 `choice`와 `multi` 질문에만 씁니다. 이 질문의 종류는 `{}`입니다",
                "`options` apply only to choice and multi questions, not {}",
                kind.name()
            ),
        );
    }
    options_of(cx, fi, &id, &q.options, &mut options);
    let columns = columns(cx, fi, &id, q);
    Some(Question {
        id,
        kind,
        group: group.map(|g| g.get_ref().clone()),
        prompt,
        help,
        unit,
        units,
        min: q.min.as_ref().map(|m| *m.get_ref()),
        max: q.max.as_ref().map(|m| *m.get_ref()),
        allow_na: q.allow_na,
        disclosed_only: q.disclosed_only,
        ask_if: None,
        ask_if_reason,
        years,
        current: None,
        options,
        columns,
        references: references(cx, fi, q.id.get_ref(), &q.references),
        compare: None,
    })
}

/// The `compare` key of choice question `q` (index `qi`): its figure a number that does not read
/// the question itself, its options options of the question.
pub(super) fn compare(
    cx: &mut Ctx<'_>,
    fi: usize,
    qi: usize,
    raw: &RawQuestion,
    scope: &super::Scope<'_>,
) -> Option<crate::guideline::Compare> {
    let c = raw.compare.as_ref()?;
    let q = &scope.questions[qi];
    if q.kind != QuestionKind::Choice {
        cx.err(
            Code::InvalidValue,
            fi,
            c.span(),
            msg!(
                "`compare` 키는 `choice` 질문에만 씁니다",
                "`compare` applies only to choice questions"
            ),
        );
        return None;
    }
    let figure = cx.condition(fi, scope, &c.get_ref().figure, crate::expr::Type::Num);
    let mut itself = false;
    if let Some(f) = &figure {
        f.expr.visit_questions(&mut |x| itself |= x == qi);
    }
    if itself {
        cx.err(
            Code::DependencyCycle,
            fi,
            c.get_ref().figure.span(),
            msg!(
                "`compare`의 수치가 이 질문 자신을 읽습니다",
                "the `compare` figure reads the question itself"
            ),
        );
        return None;
    }
    let named = c.get_ref().options.as_ref().map(Spanned::get_ref);
    let mut option = |given: Option<&Spanned<String>>, default: &str, required: bool| {
        let Some(given) = given else {
            let found = q.option_index(default);
            if found.is_none() && required {
                cx.err(
                    Code::UnknownReference,
                    fi,
                    c.span(),
                    msg!(
                        "`compare`: 질문에 `{default}` 선택지가 없습니다. `options`에서 그 뜻의 선택지를 지정하십시오",
                        "`compare`: the question has no option `{default}`; name the option that means it in `options`"
                    ),
                );
            }
            return (found, found.is_some() || !required);
        };
        let id = given.get_ref();
        let found = q.option_index(id);
        if found.is_none() {
            cx.err(
                Code::UnknownReference,
                fi,
                given.span(),
                msg!(
                    "`compare`: 질문에 `{id}` 선택지가 없습니다",
                    "`compare`: the question has no option `{id}`"
                ),
            );
        }
        (found, found.is_some())
    };
    let (worse, ok_w) = option(named.and_then(|n| n.worse.as_ref()), "worse", true);
    let (similar, ok_s) = option(named.and_then(|n| n.similar.as_ref()), "similar", true);
    let (better, ok_b) = option(named.and_then(|n| n.better.as_ref()), "better", true);
    let (unknown, ok_u) = option(named.and_then(|n| n.unknown.as_ref()), "unknown", false);
    if !(ok_w && ok_s && ok_b && ok_u) {
        return None;
    }
    Some(crate::guideline::Compare {
        figure: figure?,
        lower_is_better: *c.get_ref().better.get_ref() == crate::guideline::model::Better::Lower,
        worse: worse?,
        similar: similar?,
        better: better?,
        unknown,
    })
}

/// The options of a question (or a table's column, named `id`), each once, with valid ids.
fn options_of(
    cx: &mut Ctx<'_>,
    fi: usize,
    id: &str,
    raw: &[crate::guideline::model::RawOption],
    options: &mut Vec<Choice>,
) {
    for o in raw {
        let oid = o.id.get_ref().clone();
        if options.iter().any(|x| x.id == oid) {
            cx.err(
                Code::DuplicateOption,
                fi,
                o.id.span(),
                msg!(
                    "`{id}` 질문에 `{oid}` 선택지가 두 번 있습니다",
                    "question `{id}` lists option `{oid}` twice"
                ),
            );
            continue;
        }
        if oid.is_empty()
            || !oid
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            cx.err(
                Code::InvalidId,
                fi,
                o.id.span(),
                msg!(
                    "선택지 id에는 영문자, 숫자, `_`, `-`만 쓸 수 있습니다: `{oid}`",
                    "option id `{oid}` may hold only letters, digits, `_` and `-`"
                ),
            );
        }
        let text = cx.text(
            fi,
            &o.text,
            &msg!(
                "`{id}` 질문의 `{oid}` 선택지",
                "option `{oid}` of question `{id}`"
            ),
        );
        if let Some(v) = &o.value {
            cx.bounded(
                fi,
                v.span(),
                *v.get_ref(),
                &msg!("`{oid}` 선택지의 값", "the value of option `{oid}`"),
            );
        }
        options.push(Choice {
            id: oid,
            text,
            value: o.value.as_ref().map(|v| *v.get_ref()),
        });
    }
}

/// A table question's columns (and, for any other question, an error at a column it has).
fn columns(cx: &mut Ctx<'_>, fi: usize, id: &str, q: &RawQuestion) -> Vec<Column> {
    let kind = *q.kind.get_ref();
    let mut out: Vec<Column> = Vec::new();
    if kind != QuestionKind::Table {
        if let Some(c) = q.column.first() {
            cx.err(
                Code::InvalidQuestion,
                fi,
                c.id.span(),
                msg!(
                    "열(`[[question.column]]`)은 `table` 질문에만 씁니다. `{id}` 질문의 종류는 `{0}`입니다",
                    "columns ([[question.column]]) apply only to table questions; `{id}` is {0}",
                    kind.name()
                ),
            );
        }
        return out;
    }
    if q.column.is_empty() {
        cx.err(
            Code::InvalidQuestion,
            fi,
            q.kind.span(),
            msg!(
                "`{id}` 표 질문에 열(`[[question.column]]`)이 없습니다",
                "table question `{id}` has no columns ([[question.column]])"
            ),
        );
    }
    for c in &q.column {
        let cid = c.id.get_ref().clone();
        if !is_snake_case(&cid) {
            cx.err(
                Code::InvalidId,
                fi,
                c.id.span(),
                msg!(
                    "열 id는 스네이크 표기(a-z, 0-9, _, 첫 글자는 영문 소문자)여야 합니다: `{cid}`",
                    "column id `{cid}` must be snake_case (a-z, 0-9, _; starting with a letter)"
                ),
            );
        }
        if out.iter().any(|x| x.id == cid) {
            cx.err(
                Code::DuplicateId,
                fi,
                c.id.span(),
                msg!(
                    "`{id}` 표에 `{cid}` 열이 두 번 있습니다",
                    "table `{id}` has column `{cid}` twice"
                ),
            );
            continue;
        }
        let ckind = *c.kind.get_ref();
        if !matches!(
            ckind,
            QuestionKind::YesNo
                | QuestionKind::Choice
                | QuestionKind::Number
                | QuestionKind::Integer
                | QuestionKind::Text
        ) {
            cx.err(
                Code::InvalidQuestion,
                fi,
                c.kind.span(),
                msg!(
                    "열의 종류는 `yes_no`, `choice`, `number`, `integer`, `text` 가운데 하나입니다. `{0}`은 쓸 수 없습니다",
                    "a column is yes_no, choice, number, integer or text, not {0}",
                    ckind.name()
                ),
            );
        }
        let what = format!("{id}.{cid}");
        let prompt = cx.text(
            fi,
            &c.prompt,
            &msg!("`{what}` 열의 문구", "column `{what}` prompt"),
        );
        let help = cx.opt_text(
            fi,
            c.help.as_ref(),
            &msg!("`{what}` 열의 도움말", "column `{what}` help"),
        );
        let numeric = matches!(ckind, QuestionKind::Number | QuestionKind::Integer);
        let unit = cx.opt_text(
            fi,
            c.unit.as_ref(),
            &msg!("`{what}` 열의 단위", "column `{what}` unit"),
        );
        let spans = [
            ("unit", c.unit.as_ref().map(Spanned::span)),
            ("min", c.min.as_ref().map(Spanned::span)),
            ("max", c.max.as_ref().map(Spanned::span)),
        ];
        for (name, span) in spans {
            if let (Some(span), false) = (span, numeric) {
                cx.err(
                    Code::InvalidQuestion,
                    fi,
                    span,
                    msg!(
                        "`{name}` 키는 `number`, `integer` 열에만 씁니다",
                        "`{name}` applies only to number and integer columns"
                    ),
                );
            }
        }
        for b in [&c.min, &c.max].into_iter().flatten() {
            cx.bounded(
                fi,
                b.span(),
                *b.get_ref(),
                &msg!("`{what}` 열의 범위", "a bound of column `{what}`"),
            );
        }
        if let (Some(lo), Some(hi)) = (&c.min, &c.max) {
            if lo.get_ref() > hi.get_ref() {
                cx.err(
                    Code::InvalidValue,
                    fi,
                    hi.span(),
                    msg!(
                        "`max`({})가 `min`({})보다 작습니다",
                        "`max` ({}) is below `min` ({})",
                        hi.get_ref(),
                        lo.get_ref()
                    ),
                );
            }
        }
        let mut options = Vec::new();
        match (ckind == QuestionKind::Choice, c.options.is_empty()) {
            (true, true) => {
                cx.err(
                    Code::ChoiceWithoutOptions,
                    fi,
                    c.kind.span(),
                    msg!(
                        "`choice` 종류인 `{what}` 열에 선택지가 없습니다",
                        "choice column `{what}` has no options"
                    ),
                );
            }
            (false, false) => {
                cx.err(
                    Code::InvalidQuestion,
                    fi,
                    c.kind.span(),
                    msg!(
                        "`options` 키는 `choice` 열에만 씁니다",
                        "`options` apply only to choice columns"
                    ),
                );
            }
            _ => options_of(cx, fi, &what, &c.options, &mut options),
        }
        out.push(Column {
            id: cid,
            kind: ckind,
            prompt,
            help,
            unit,
            min: c.min.as_ref().map(|m| *m.get_ref()),
            max: c.max.as_ref().map(|m| *m.get_ref()),
            options,
        });
    }
    out
}

/// A question's or metric's `references`, checked: each key a lowercase name (`vsme`, `xbrl`,
/// `gri-2021`), each value a non-empty line of text.
pub(super) fn references(
    cx: &mut Ctx<'_>,
    fi: usize,
    id: &str,
    raw: &BTreeMap<toml::Spanned<String>, toml::Spanned<String>>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (key, value) in raw {
        let k = key.get_ref();
        let good_key = k.starts_with(|c: char| c.is_ascii_lowercase())
            && k.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !good_key {
            cx.err(
                Code::InvalidId,
                fi,
                key.span(),
                msg!(
                    "`{id}`의 참조 이름 `{k}`은 영문 소문자로 시작하고 a-z, 0-9, _, -만 써야 합니다",
                    "reference name `{k}` of `{id}` must start with a lowercase letter and use only a-z, 0-9, _ and -"
                ),
            );
            continue;
        }
        let v = value.get_ref();
        if v.trim().is_empty() || v.chars().any(char::is_control) {
            cx.err(
                Code::InvalidValue,
                fi,
                value.span(),
                msg!(
                    "`{id}`의 `{k}` 참조는 비어 있지 않은 한 줄이어야 합니다",
                    "reference `{k}` of `{id}` must be one line of text, not empty"
                ),
            );
            continue;
        }
        out.insert(k.clone(), v.clone());
    }
    out
}
