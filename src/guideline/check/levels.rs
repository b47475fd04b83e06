//! Validation of an indicator's levels against its rule.

use std::collections::HashSet;

use toml::Spanned;

use crate::code::Code;
use crate::guideline::model::{RawIndicator, RawLevel};
use crate::guideline::{Level, Match, Rule, RuleKind, limits};
use crate::msg;
use crate::source::closest;

use super::{Ctx, Scope};

pub(super) fn levels(
    cx: &mut Ctx<'_>,
    fi: usize,
    raw: &RawIndicator,
    rule: Option<&Rule>,
    scope: &Scope<'_>,
) -> Option<Vec<Level>> {
    let id = raw.id.get_ref();
    let kind = *raw.rule.get_ref().kind.get_ref();
    if raw.level.len() < 2 {
        cx.err(
            Code::InvalidLevel,
            fi,
            raw.id.span(),
            msg!(
                "`{id}` 지표에는 수준(`[[indicator.level]]`)이 적어도 둘 있어야 합니다",
                "indicator `{id}` needs at least two levels ([[indicator.level]])"
            ),
        );
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    let mut seen_options: HashSet<usize> = HashSet::new();
    for (n, lv) in raw.level.iter().enumerate() {
        let l: &RawLevel = lv.get_ref();
        let number = n + 1;
        let text = cx.text(
            fi,
            &l.text,
            &msg!(
                "`{id}` 지표의 수준 {number}",
                "level {number} of indicator `{id}`"
            ),
        );
        let points = *l.points.get_ref();
        if points < 0.0 {
            cx.err(
                Code::InvalidLevel,
                fi,
                l.points.span(),
                msg!(
                    "수준의 점수는 0 이상이어야 합니다",
                    "level points must be 0 or more"
                ),
            );
            ok = false;
        } else if !limits::POINTS.contains(&points) {
            cx.err(
                Code::InvalidValue,
                fi,
                l.points.span(),
                msg!(
                    "수준 {number}의 점수가 {0}점입니다. 점수는 0에서 {1} 사이의 수입니다",
                    "level {number} has {0} points; points are a number from 0 to {1}",
                    limits::written(points),
                    limits::show(*limits::POINTS.end())
                ),
            );
            ok = false;
        }
        if let Some(prev) = out.last().map(|p: &Level| p.points) {
            if points <= prev {
                cx.err(
                    Code::LevelsNotOrdered,
                    fi,
                    l.points.span(),
                    msg!(
                        "수준 {number}의 점수({points}점)가 앞 수준({prev}점)보다 크지 않습니다. 수준은 가장 낮은 것부터 쓰십시오",
                        "level {number} has {points} points, not more than the level before ({prev}); list levels worst first"
                    ),
                )
                .help = Some(msg!(
                    "수준은 가장 낮은 것부터 가장 높은 것 순서로, 점수가 계속 커지게 씁니다",
                    "levels are ordered from worst to best with strictly increasing points"
                ));
                ok = false;
            }
        }
        let keys = [
            (
                "options",
                l.options
                    .as_ref()
                    .and_then(|o| o.first())
                    .map(Spanned::span)
                    .or_else(|| l.options.as_ref().map(|_| lv.span())),
            ),
            ("at_least", l.at_least.as_ref().map(Spanned::span)),
            ("answer", l.answer.as_ref().map(Spanned::span)),
            ("min", l.min.as_ref().map(Spanned::span)),
            ("max", l.max.as_ref().map(Spanned::span)),
        ];
        let allowed: &[&str] = match kind {
            RuleKind::Choice => &["options"],
            RuleKind::Checklist => &["at_least"],
            RuleKind::YesNo => &["answer"],
            RuleKind::Bands | RuleKind::Trend => &["min", "max"],
        };
        for (key, span) in keys {
            if let Some(span) = span {
                if !allowed.contains(&key) {
                    cx.err(
                        Code::InvalidLevel,
                        fi,
                        span,
                        msg!(
                            "`{key}` 키는 `{}` 규칙의 수준에 쓰지 않습니다",
                            "`{key}` does not apply to a level of a `{}` rule",
                            kind.name()
                        ),
                    );
                    ok = false;
                }
            }
        }
        let matcher = match kind {
            RuleKind::Choice => {
                let mut idx = Vec::new();
                match (l.options.as_ref(), rule) {
                    (None, _) => {
                        cx.err(
                            Code::InvalidLevel,
                            fi,
                            lv.span(),
                            msg!(
                                "`choice` 규칙의 수준에는 선택지를 나열하는 `options` 키가 있어야 합니다",
                                "a level of a `choice` rule needs `options = [...]`"
                            ),
                        );
                        ok = false;
                    }
                    (Some(opts), Some(Rule::Choice { question })) => {
                        let q = &scope.questions[*question];
                        for o in opts {
                            match q.option_index(o.get_ref()) {
                                Some(i) if !seen_options.insert(i) => {
                                    cx.err(
                                        Code::ChoiceLevelMismatch,
                                        fi,
                                        o.span(),
                                        msg!(
                                            "`{}` 선택지는 이미 다른 수준을 줍니다",
                                            "option `{}` already gives another level",
                                            o.get_ref()
                                        ),
                                    );
                                    ok = false;
                                }
                                Some(i) => idx.push(i),
                                None => {
                                    let d = cx.err(
                                        Code::UnknownReference,
                                        fi,
                                        o.span(),
                                        msg!(
                                            "`{}` 질문에 `{}` 선택지가 없습니다",
                                            "question `{}` has no option `{}`",
                                            q.id,
                                            o.get_ref()
                                        ),
                                    );
                                    if let Some(s) = closest(
                                        o.get_ref(),
                                        q.options.iter().map(|x| x.id.as_str()),
                                    ) {
                                        d.help = Some(super::did_you_mean(s));
                                    }
                                    ok = false;
                                }
                            }
                        }
                    }
                    _ => {}
                }
                Match::Options(idx)
            }
            RuleKind::Checklist => {
                if let Some(a) = &l.at_least {
                    Match::AtLeast(*a.get_ref())
                } else {
                    cx.err(
                        Code::InvalidLevel,
                        fi,
                        lv.span(),
                        msg!(
                            "`checklist` 규칙의 수준에는 `at_least = N`이 있어야 합니다",
                            "a level of a `checklist` rule needs `at_least = N`"
                        ),
                    );
                    ok = false;
                    Match::AtLeast(0)
                }
            }
            RuleKind::YesNo => {
                if let Some(a) = &l.answer {
                    Match::Answer(*a.get_ref())
                } else {
                    cx.err(
                        Code::InvalidLevel,
                        fi,
                        lv.span(),
                        msg!(
                            "`yes_no` 규칙의 수준에는 `answer = true`나 `answer = false`가 있어야 합니다",
                            "a level of a `yes_no` rule needs `answer = true` or `false`"
                        ),
                    );
                    ok = false;
                    Match::Answer(false)
                }
            }
            RuleKind::Bands | RuleKind::Trend => {
                for (key, bound) in [("min", &l.min), ("max", &l.max)] {
                    if let Some(b) = bound {
                        let what = msg!("수준 {number}의 `{key}`", "`{key}` of level {number}");
                        ok &= cx.bounded(fi, b.span(), *b.get_ref(), &what);
                    }
                }
                let min = l.min.as_ref().map(|m| *m.get_ref());
                let max = l.max.as_ref().map(|m| *m.get_ref());
                if let (Some(lo), Some(hi)) = (min, max) {
                    if lo >= hi {
                        cx.err(
                            Code::InvalidLevel,
                            fi,
                            lv.span(),
                            msg!(
                                "빈 구간입니다: `min`({lo})이 `max`({hi})보다 작지 않습니다",
                                "this band is empty: min {lo} is not below max {hi}"
                            ),
                        );
                        ok = false;
                    }
                }
                Match::Range { min, max }
            }
        };
        let recommendation = cx.opt_text(
            fi,
            l.recommendation.as_ref(),
            &msg!(
                "`{id}` 지표 수준 {number}의 권고",
                "recommendation of level {number} of indicator `{id}`"
            ),
        );
        out.push(Level {
            points,
            text,
            matcher,
            recommendation,
        });
    }
    if let (RuleKind::Choice, Some(Rule::Choice { question })) = (kind, rule) {
        let q = &scope.questions[*question];
        let missing: Vec<&str> = (0..q.options.len())
            .filter(|i| !seen_options.contains(i))
            .map(|i| q.options[i].id.as_str())
            .collect();
        if !missing.is_empty() {
            cx.err(
                Code::ChoiceLevelMismatch,
                fi,
                raw.rule.span(),
                msg!(lang =>
                    "`{id}` 지표: `{1}` 질문의 선택지 {0}에 해당하는 수준이 없습니다",
                    "indicator `{id}`: no level for option(s) {0} of question `{1}`",
                    crate::source::names(missing.iter().copied(), ", ", lang),
                    q.id
                ),
            )
            .help = Some(msg!(
                "질문의 선택지마다 꼭 한 수준을 주어야 합니다",
                "every option of the question must give exactly one level"
            ));
            ok = false;
        }
    }
    ok.then_some(out)
}
