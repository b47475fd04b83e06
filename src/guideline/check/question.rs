//! Validation of `[[question]]` tables.

use std::collections::HashMap;

use crate::code::Code;
use crate::guideline::model::RawQuestion;
use crate::guideline::{Choice, Question, QuestionKind};

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
            format!("question id `{id}` must be snake_case (a-z, 0-9, _; starting with a letter)"),
        );
    }
    let kind = *q.kind.get_ref();
    let prompt = cx.text(fi, &q.prompt, &format!("question `{id}` prompt"));
    let help = cx.opt_text(fi, q.help.as_ref(), &format!("question `{id}` help"));
    let ask_if_reason = cx.opt_text(
        fi,
        q.ask_if_reason.as_ref(),
        &format!("question `{id}` ask_if_reason"),
    );
    let unit = cx.opt_text(fi, q.unit.as_ref(), &format!("question `{id}` unit"));
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
                    format!("`{name}` applies only to number, integer and series questions"),
                );
            } else {
                cx.bounded(
                    fi,
                    b.span(),
                    *b.get_ref(),
                    &format!("`{name}` of question `{id}`"),
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
                format!("`max` ({}) is below `min` ({})", hi.get_ref(), lo.get_ref()),
            );
        }
    }
    if let Some(u) = &q.unit {
        if !numeric {
            cx.err(
                Code::InvalidQuestion,
                fi,
                u.span(),
                "`unit` applies only to number, integer and series questions",
            );
        }
    }
    let years = match &q.years {
        Some(y) if kind != QuestionKind::Series => {
            cx.err(
                Code::InvalidQuestion,
                fi,
                y.span(),
                "`years` applies only to series questions",
            );
            3
        }
        Some(y) if !(1..=20).contains(y.get_ref()) => {
            cx.err(
                Code::InvalidValue,
                fi,
                y.span(),
                "`years` must be between 1 and 20",
            );
            3
        }
        Some(y) => *y.get_ref(),
        None => 3,
    };
    if let Some(g) = &q.group {
        if g.get_ref() != "profile" && !area_ids.contains_key(g.get_ref()) {
            cx.err(
                Code::UnknownReference,
                fi,
                g.span(),
                format!(
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
            format!("{} question `{id}` has no options", kind.name()),
        );
    }
    if !has_options && !q.options.is_empty() {
        cx.err(
            Code::InvalidQuestion,
            fi,
            q.kind.span(),
            format!(
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
                format!("question `{id}` lists option `{oid}` twice"),
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
                format!("option id `{oid}` may hold only letters, digits, `_` and `-`"),
            );
        }
        let text = cx.text(fi, &o.text, &format!("option `{oid}` of question `{id}`"));
        if let Some(v) = &o.value {
            cx.bounded(
                fi,
                v.span(),
                *v.get_ref(),
                &format!("the value of option `{oid}`"),
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
        group: q.group.as_ref().map(|g| g.get_ref().clone()),
        prompt,
        help,
        unit,
        min: q.min.as_ref().map(|m| *m.get_ref()),
        max: q.max.as_ref().map(|m| *m.get_ref()),
        allow_na: q.allow_na,
        ask_if: None,
        ask_if_reason,
        years,
        options,
    })
}
