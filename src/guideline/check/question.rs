//! Validation of `[[question]]` tables.

use std::collections::{BTreeMap, HashMap};

use crate::code::Code;
use crate::guideline::model::RawQuestion;
use crate::guideline::{Choice, Question, QuestionKind};
use crate::msg;

use super::{Ctx, is_snake_case};

pub(super) fn question(
    cx: &mut Ctx<'_>,
    fi: usize,
    q: &RawQuestion,
    area_ids: &HashMap<String, usize>,
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
    let unit = cx.opt_text(
        fi,
        q.unit.as_ref(),
        &msg!("`{id}` 질문의 단위", "question `{id}` unit"),
    );
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
    if let Some(u) = &q.unit {
        if !numeric {
            cx.err(
                Code::InvalidQuestion,
                fi,
                u.span(),
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
    for o in &q.options {
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
    Some(Question {
        id,
        kind,
        group: group.map(|g| g.get_ref().clone()),
        prompt,
        help,
        unit,
        min: q.min.as_ref().map(|m| *m.get_ref()),
        max: q.max.as_ref().map(|m| *m.get_ref()),
        allow_na: q.allow_na,
        disclosed_only: q.disclosed_only,
        ask_if: None,
        ask_if_reason,
        years,
        current: None,
        options,
        references: references(cx, fi, q.id.get_ref(), &q.references),
    })
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
