//! `missing-recommendation`: an indicator has no recommendation.

use super::Package;
use super::{Rule, Words};
use crate::code::Code;
use crate::msg;
use crate::source::Diagnostic;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::MissingRecommendation,
    summary: Words {
        ko: "권고가 없는 지표입니다.",
        en: "An indicator has no recommendation.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

`recommendation`이 없는 지표입니다.

## 왜 중요한가

격차 목록은 최고 수준에 못 미친 지표마다 다음에 할 일을 알려 줍니다. 권고가 없으면 격차만 보입니다.

## 고치는 법

선언한 모든 언어로 짧고 구체적인 권고와 그 `effort`를 넣으십시오.
"##,
        en: r##"## What it finds

An indicator without `recommendation`.

## Why it matters

The gaps list tells the firm what to do next for each indicator below its best level; without a recommendation it shows only the gap.

## How to fix

Add a short, concrete recommendation in every declared language, and its `effort`.
"##,
    },
    example: Words::same(
        r##"```toml
[[indicator]]
id = "E-1-1"
effort = "low"
recommendation = { ko = "환경경영 목표를 문서로 정하십시오.", en = "Write down environmental targets." }
```
"##,
    ),
};

/// Finds indicators without a `recommendation`.
pub fn check(p: &Package<'_>, out: &mut Vec<Diagnostic>) {
    for (fi, raw) in p.raw_indicators() {
        if raw.recommendation.is_none() {
            out.push(
                p.at(
                    RULE.code,
                    fi,
                    raw.id.span(),
                    msg!(
                        "`{}` 지표에 권고가 없습니다",
                        "indicator `{}` has no recommendation",
                        raw.id.get_ref()
                    ),
                )
                .with_help(msg!(
                    "다음 수준에 오르려면 무엇을 하면 되는지 권고를 더하십시오: `recommendation = {{ ko = \"…\", en = \"…\" }}`",
                    "add `recommendation = {{ ko = \"…\", en = \"…\" }}`: what to do to reach the next level"
                )),
            );
        }
    }
}
