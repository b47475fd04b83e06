//! `unreachable-best-level`: no answer can reach the indicator's best level.

use super::Package;
use super::{Rule, Words};
use crate::code::Code;
use crate::expr::Expr;
use crate::guideline::{Match, Rule as Scoring};
use crate::msg;
use crate::source::Diagnostic;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::UnreachableBestLevel,
    summary: Words {
        ko: "어떤 응답으로도 지표의 가장 높은 수준에 닿을 수 없습니다.",
        en: "No answer can reach the indicator's best level.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

아무것도 맞출 수 없는 최고 수준: 점검 항목 수보다 많은 항목을 요구하는 수준, 선택지가 없는 선택형 수준, 읽는 질문의 범위를 완전히 벗어난 구간.

## 왜 중요한가

지표의 만점은 최고 수준의 점수입니다. 아무도 닿을 수 없으면 모든 기업에 메울 수 없는 격차가 남고 총점이 100 아래로 묶입니다.

## 고치는 법

최고 수준의 요구를 충족할 수 있는 만큼 낮추거나 질문의 범위를 넓히십시오.
"##,
        en: r##"## What it finds

A best level that nothing can match: a checklist level needing more items than the checklist has, a choice level with no options, a band wholly outside the bounds of the question it reads.

## Why it matters

The indicator's maximum is the best level's points; if no firm can reach it, every firm keeps a gap it cannot close and the total is capped below 100.

## How to fix

Lower the best level's requirement to what can be met, or widen the question's bounds.
"##,
    },
    example: Words {
        ko: r##"```toml
[indicator.rule]
kind = "checklist"
question = "safety_measures"   # 선택지 4개
[[indicator.level]]
points = 2
at_least = 5   # 잘못: 4개까지만 고를 수 있음
```
"##,
        en: r##"```toml
[indicator.rule]
kind = "checklist"
question = "safety_measures"   # 4 options
[[indicator.level]]
points = 2
at_least = 5   # wrong: only 4 items can be ticked
```
"##,
    },
};

/// Finds indicators whose best level no answer can match.
pub fn check(p: &Package<'_>, out: &mut Vec<Diagnostic>) {
    for (fi, raw) in p.raw_indicators() {
        let Some(ind) = p.guideline.indicator(raw.id.get_ref()) else {
            continue;
        };
        let (Some(best), Some(span)) = (ind.levels.last(), raw.level.last().map(|l| l.span()))
        else {
            continue;
        };
        let why = match (&ind.rule, &best.matcher) {
            (Scoring::Checklist { items, .. }, Match::AtLeast(n)) if *n as usize > items.len() => {
                let items = items.len();
                Some(msg!(
                    "그 수준에는 항목이 {n}개 이상 필요한데 점검표의 항목은 {items}개입니다",
                    "it needs at least {n} items, and the checklist has {items}"
                ))
            }
            (Scoring::Choice { .. }, Match::Options(o)) if o.is_empty() => Some(msg!(
                "그 수준에 선택지가 하나도 없습니다",
                "it lists no option"
            )),
            (Scoring::Bands { expr }, Match::Range { min, max }) => match expr.expr {
                Expr::Question(q) => {
                    let question = &p.guideline.questions[q];
                    let above = matches!((min, question.max), (Some(lo), Some(qmax)) if *lo > qmax);
                    let below =
                        matches!((max, question.min), (Some(hi), Some(qmin)) if *hi <= qmin);
                    (above || below).then(|| {
                        msg!(
                            "그 구간이 `{}` 질문의 범위({}~{}) 밖에 있습니다",
                            "its band lies outside the bounds of question `{}` ({} to {})",
                            question.id,
                            question
                                .min
                                .map_or("-∞".into(), |v| crate::text::number(v, 2)),
                            question
                                .max
                                .map_or("∞".into(), |v| crate::text::number(v, 2)),
                        )
                    })
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(why) = why {
            out.push(
                p.at(
                    RULE.code,
                    fi,
                    span,
                    msg!(lang =>
                        "`{0}` 지표: 어떤 답으로도 가장 높은 수준에 닿을 수 없습니다. {1}",
                        "indicator `{0}`: no answer can reach its best level: {1}",
                        ind.id,
                        why.get(lang)
                    ),
                )
                .with_help(msg!(
                    "모든 기업에 메울 수 없는 격차가 남습니다. 가장 높은 수준에 닿을 수 있게 하십시오",
                    "every firm would keep a gap it cannot close; make the best level reachable"
                )),
            );
        }
    }
}
