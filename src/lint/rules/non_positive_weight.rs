//! `non-positive-weight`: a weight that is zero or negative.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::NonPositiveWeight,
    summary: Words {
        ko: "가중치가 0이거나 음수입니다.",
        en: "A weight that is zero or negative.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

영역이나 지표의 `weight`가 0이거나 음수입니다(`-inf` 포함). 너무 크거나 작은 가중치, `nan`, `inf`는 `invalid-value`입니다.

## 왜 중요한가

가중치는 점수를 영역과 지표에 나눕니다. 0이면 항목이 총점에서 사라지고, 음수면 격차를 메울수록 점수가 내려갑니다.

## 고치는 법

0보다 큰 가중치를 주십시오. 지표를 채점에서 빼려면 지우거나 `applies_if` 조건을 다십시오.
"##,
        en: r##"## What it finds

An area or indicator whose `weight` is 0 or negative (`-inf` included). A weight too large or too small, `nan` or `inf` is `invalid-value`.

## Why it matters

Weights divide the score among areas and indicators; a zero weight hides an item from the total, and a negative one makes closing a gap lower the score.

## How to fix

Give a weight above 0. To take an indicator out of scoring, remove it or give it an `applies_if` condition.
"##,
    },
    example: Words {
        ko: r##"```toml
[[area]]
id = "E"
weight = 0    # 잘못
weight = 30   # 바름
```
"##,
        en: r##"```toml
[[area]]
id = "E"
weight = 0    # wrong
weight = 30   # right
```
"##,
    },
};
