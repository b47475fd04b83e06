//! Validation of `[[indicator]]` tables and their scoring rules.

use std::collections::HashMap;

use toml::Spanned;

use crate::code::Code;
use crate::expr::Type;
use crate::guideline::model::{RawIndicator, RawRule};
use crate::guideline::{Advice, Indicator, QuestionKind, Rule, RuleKind};
use crate::msg;
use crate::source::closest;
use crate::text::Lang;

use super::levels::levels;
use super::{Ctx, Scope};

pub(super) fn question_ref(
    cx: &mut Ctx<'_>,
    fi: usize,
    rule: &Spanned<RawRule>,
    scope: &Scope<'_>,
    want: &[QuestionKind],
) -> Option<usize> {
    let kind = *rule.get_ref().kind.get_ref();
    let Some(name) = &rule.get_ref().question else {
        cx.err(
            Code::InvalidRule,
            fi,
            rule.span(),
            msg!(
                "`{0}` 규칙에는 읽을 질문을 정하는 `question` 키가 있어야 합니다",
                "a `{0}` rule needs `question = \"…\"`",
                kind.name()
            ),
        );
        return None;
    };
    let Some(&q) = scope.question_ids.get(name.get_ref()) else {
        let d = cx.err(
            Code::UnknownReference,
            fi,
            name.span(),
            msg!(
                "모르는 질문 `{}`입니다",
                "unknown question `{}`",
                name.get_ref()
            ),
        );
        if let Some(s) = closest(
            name.get_ref(),
            scope.question_ids.keys().map(String::as_str),
        ) {
            d.help = Some(super::did_you_mean(s));
        }
        return None;
    };
    let qk = scope.questions[q].kind;
    if !want.contains(&qk) {
        let wanted = |lang: Lang| {
            let names: Vec<String> = want
                .iter()
                .map(|k| crate::tr!(lang, "`{}`", "{}", k.name()))
                .collect();
            names.join(lang.pick(", ", " or "))
        };
        cx.err(
            Code::InvalidRule,
            fi,
            name.span(),
            msg!(lang =>
                "`{0}` 규칙은 {1} 질문을 읽습니다. `{2}` 질문의 종류는 `{3}`입니다",
                "a `{0}` rule needs a {1} question; `{2}` is {3}",
                kind.name(),
                wanted(lang),
                name.get_ref(),
                qk.name()
            ),
        );
        return None;
    }
    Some(q)
}

pub(super) fn indicator(
    cx: &mut Ctx<'_>,
    fi: usize,
    raw: &RawIndicator,
    scope: &Scope<'_>,
    area_ids: &HashMap<String, usize>,
) -> Option<Indicator> {
    let id = raw.id.get_ref().clone();
    let area = if let Some(&a) = area_ids.get(raw.area.get_ref()) {
        Some(a)
    } else {
        let d = cx.err(
            Code::UnknownReference,
            fi,
            raw.area.span(),
            msg!(
                "`{id}` 지표가 가리키는 영역이 없습니다: `{}`",
                "indicator `{id}` names unknown area `{}`",
                raw.area.get_ref()
            ),
        );
        let mut known: Vec<&str> = area_ids.keys().map(String::as_str).collect();
        known.sort_unstable();
        d.help = Some(msg!(lang =>
            "영역: {}",
            "the areas are: {}",
            crate::source::names(known.iter().copied(), ", ", lang)
        ));
        None
    };
    let weight = raw.weight.as_ref().map_or(1.0, |w| *w.get_ref());
    if let Some(w) = &raw.weight {
        cx.weight(fi, w, &msg!("`{id}` 지표", "indicator `{id}`"));
    }
    let title = cx.text(
        fi,
        &raw.title,
        &msg!("`{id}` 지표의 제목", "indicator `{id}` title"),
    );
    let description = cx.opt_text(
        fi,
        raw.description.as_ref(),
        &msg!("`{id}` 지표의 설명", "indicator `{id}` description"),
    );
    let applies_if_reason = cx.opt_text(
        fi,
        raw.applies_if_reason.as_ref(),
        &msg!(
            "`{id}` 지표의 `applies_if_reason`",
            "indicator `{id}` applies_if_reason"
        ),
    );
    if let (Some(reason), None) = (&raw.applies_if_reason, &raw.applies_if) {
        cx.err(
            Code::MissingKey,
            fi,
            reason.span(),
            msg!(
                "`{id}` 지표에 `applies_if_reason`은 있지만 `applies_if`가 없습니다",
                "indicator `{id}` has `applies_if_reason` but no `applies_if`"
            ),
        )
        .help = Some(msg!(
            "이 이유는 조건이 거짓일 때만 보입니다: `applies_if = \"…\"`를 더하거나 이유를 지우십시오",
            "the reason is shown only when the condition is false: add `applies_if = \"…\"`, or remove the reason"
        ));
    }
    let recommendation = raw
        .recommendation
        .as_ref()
        .map(|t| {
            cx.text(
                fi,
                t,
                &msg!("`{id}` 지표의 권고", "indicator `{id}` recommendation"),
            )
        })
        .unwrap_or_default();
    let applies_if = raw
        .applies_if
        .as_ref()
        .and_then(|src| cx.condition(fi, scope, src, Type::Bool));
    let advice: Vec<Advice> = raw
        .advice
        .iter()
        .filter_map(|a| {
            let recommendation = cx.text(
                fi,
                &a.recommendation,
                &msg!(
                    "`{id}` 지표의 조건부 권고",
                    "indicator `{id}` advice recommendation"
                ),
            );
            cx.condition(fi, scope, &a.when, Type::Bool)
                .map(|when| Advice {
                    when,
                    recommendation,
                })
        })
        .collect();

    let r = raw.rule.get_ref();
    let kind = *r.kind.get_ref();
    let allowed: &[&str] = match kind {
        RuleKind::Choice | RuleKind::YesNo => &["question"],
        RuleKind::Checklist => &["question", "items"],
        RuleKind::Bands => &["expr"],
        RuleKind::Trend => &["question", "per", "better"],
    };
    let present = [
        ("question", r.question.as_ref().map(Spanned::span)),
        ("expr", r.expr.as_ref().map(Spanned::span)),
        (
            "items",
            r.items.as_ref().and_then(|i| i.first()).map(Spanned::span),
        ),
        ("per", r.per.as_ref().map(Spanned::span)),
        ("better", r.better.as_ref().map(Spanned::span)),
    ];
    for (key, span) in present {
        if let Some(span) = span {
            if !allowed.contains(&key) {
                cx.err(
                    Code::InvalidRule,
                    fi,
                    span,
                    msg!(
                        "`{key}` 키는 `{}` 규칙에 쓰지 않습니다",
                        "`{key}` does not apply to a `{}` rule",
                        kind.name()
                    ),
                );
            }
        }
    }
    let rule = match kind {
        RuleKind::Choice => question_ref(cx, fi, &raw.rule, scope, &[QuestionKind::Choice])
            .map(|question| Rule::Choice { question }),
        RuleKind::YesNo => question_ref(cx, fi, &raw.rule, scope, &[QuestionKind::YesNo])
            .map(|question| Rule::YesNo { question }),
        RuleKind::Checklist => {
            question_ref(cx, fi, &raw.rule, scope, &[QuestionKind::Multi]).map(|question| {
                let q = &scope.questions[question];
                let items = match &r.items {
                    None => (0..q.options.len()).collect(),
                    Some(items) => items
                        .iter()
                        .filter_map(|it| {
                            let found = q.option_index(it.get_ref());
                            if found.is_none() {
                                cx.err(
                                    Code::UnknownReference,
                                    fi,
                                    it.span(),
                                    msg!(
                                        "`{}` 질문에 `{}` 선택지가 없습니다",
                                        "question `{}` has no option `{}`",
                                        q.id,
                                        it.get_ref()
                                    ),
                                );
                            }
                            found
                        })
                        .collect(),
                };
                Rule::Checklist { question, items }
            })
        }
        RuleKind::Bands => match &r.expr {
            None => {
                cx.err(
                    Code::InvalidRule,
                    fi,
                    raw.rule.span(),
                    msg!(
                        "`bands` 규칙에는 식을 쓰는 `expr` 키가 있어야 합니다",
                        "a `bands` rule needs `expr = \"…\"`"
                    ),
                );
                None
            }
            Some(src) => cx
                .condition(fi, scope, src, Type::Num)
                .map(|expr| Rule::Bands { expr }),
        },
        RuleKind::Trend => {
            let question = question_ref(cx, fi, &raw.rule, scope, &[QuestionKind::Series]);
            let per = r
                .per
                .as_ref()
                .and_then(|p| match scope.question_ids.get(p.get_ref()) {
                    Some(&q) if scope.questions[q].kind == QuestionKind::Series => Some(q),
                    Some(_) => {
                        cx.err(
                            Code::InvalidRule,
                            fi,
                            p.span(),
                            msg!(
                                "`per`는 `series` 질문을 읽습니다. `{}` 질문은 `series`가 아닙니다",
                                "`per` needs a series question; `{}` is not one",
                                p.get_ref()
                            ),
                        );
                        None
                    }
                    None => {
                        cx.err(
                            Code::UnknownReference,
                            fi,
                            p.span(),
                            msg!(
                                "모르는 질문 `{}`입니다",
                                "unknown question `{}`",
                                p.get_ref()
                            ),
                        );
                        None
                    }
                });
            let better = if let Some(b) = &r.better {
                Some(*b.get_ref())
            } else {
                cx.err(
                    Code::InvalidRule,
                    fi,
                    raw.rule.span(),
                    msg!(
                        "`trend` 규칙에는 `better = \"lower\"`나 `better = \"higher\"`가 있어야 합니다",
                        "a `trend` rule needs `better = \"lower\"` or `\"higher\"`"
                    ),
                );
                None
            };
            match (question, better) {
                (Some(question), Some(better)) => Some(Rule::Trend {
                    question,
                    per,
                    better,
                }),
                _ => None,
            }
        }
    };

    let levels = levels(cx, fi, raw, rule.as_ref(), scope);
    let rule = rule?;
    let area = area?;
    let levels = levels?;
    let mut questions = Vec::new();
    match &rule {
        Rule::Choice { question } | Rule::YesNo { question } | Rule::Checklist { question, .. } => {
            questions.push(*question)
        }
        Rule::Trend { question, per, .. } => {
            questions.push(*question);
            questions.extend(per);
        }
        Rule::Bands { expr } => expr.expr.visit_questions(&mut |q| {
            if !questions.contains(&q) {
                questions.push(q);
            }
        }),
    }
    let max_points = levels.last().map_or(0.0, |l| l.points);
    Some(Indicator {
        id,
        area,
        weight,
        core: raw.core,
        title,
        description,
        applies_if,
        applies_if_reason,
        allow_na: raw.allow_na.unwrap_or(true),
        effort: raw.effort,
        recommendation,
        advice,
        references: raw.references.clone(),
        rule,
        levels,
        max_points,
        questions,
    })
}
