//! `levels-not-ordered`: levels are not listed worst first with increasing points.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::LevelsNotOrdered,
    summary: Words {
        ko: "수준이 낮은 것부터 점수가 커지는 순서가 아닙니다.",
        en: "Levels are not listed worst first with increasing points.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

앞 수준보다 점수가 크지 않은 수준입니다.

## 왜 중요한가

가장 높은 수준의 점수가 지표의 만점이고, 한 단계 위 수준이 격차의 권고가 됩니다. 같은 점수면 두 관행의 값이 같아집니다. 순서에 뜻이 있습니다.

## 고치는 법

낮은 수준부터 높은 수준으로, 점수가 매번 커지게 적으십시오.
"##,
        en: r##"## What it finds

A level whose points are not more than those of the level before it.

## Why it matters

The best level's points are the indicator's maximum, the next level up is what a gap recommends, and ties make two practices worth the same: the order carries meaning.

## How to fix

List levels from worst to best, each with more points than the one before.
"##,
    },
    example: Words {
        ko: r##"```toml
[[indicator.level]]
points = 2
[[indicator.level]]
points = 1   # 잘못: 앞 수준보다 낮음
```
"##,
        en: r##"```toml
[[indicator.level]]
points = 2
[[indicator.level]]
points = 1   # wrong: lower than the level before
```
"##,
    },
};
