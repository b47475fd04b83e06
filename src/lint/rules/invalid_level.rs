//! `invalid-level`: a level is missing what its rule needs, or an indicator has fewer than two levels.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::InvalidLevel,
    summary: Words {
        ko: "수준에 규칙이 요구하는 것이 없거나, 지표의 수준이 둘보다 적습니다.",
        en: "A level is missing what its rule needs, or an indicator has fewer than two levels.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

`[[indicator.level]]`가 둘보다 적은 지표, 규칙 종류가 요구하는 키(`options`, `at_least`, `answer`)가 없거나 받지 않는 키가 있는 수준, 음수 점수, `min`이 `max`보다 작지 않은 구간.

## 왜 중요한가

맞출 수 없는 수준이나 수준이 하나인 지표로는 더 나은 관행과 못한 관행을 가를 수 없습니다.

## 고치는 법

모든 수준에 규칙 종류의 키와 0 이상의 점수를 주고, 지표마다 수준을 둘 이상 두십시오.
"##,
        en: r##"## What it finds

An indicator with fewer than two `[[indicator.level]]`; a level without the key its rule kind needs (`options`, `at_least`, `answer`) or with one it does not take; negative points; a band whose `min` is not below its `max`.

## Why it matters

A level that cannot be matched, or an indicator with one level, cannot tell a better practice from a worse one.

## How to fix

Give every level the key of its rule kind, points of 0 or more, and at least two levels per indicator.
"##,
    },
    example: Words {
        ko: r##"```toml
[[indicator.level]]
points = 0
text = { ko = "없음", en = "None" }
answer = false          # yes_no 규칙의 수준에는 answer가 있어야 함
```
"##,
        en: r##"```toml
[[indicator.level]]
points = 0
text = { ko = "없음", en = "None" }
answer = false          # a yes_no rule's level needs `answer`
```
"##,
    },
};
