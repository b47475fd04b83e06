//! `dependency-cycle`: metrics or ask-conditions depend on each other in a cycle.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::DependencyCycle,
    summary: Words {
        ko: "산식이나 질문 조건이 서로를 순환 참조합니다.",
        en: "Metrics or ask-conditions depend on each other in a cycle.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

산식이 서로를 돌아가며 읽거나, 질문의 `ask_if` 조건이 서로를 돌아가며 읽습니다.

## 왜 중요한가

자기 자신에 기대는 값은 계산할 수 없습니다. 질문할 순서도, 산식을 계산할 순서도 없습니다.

## 고치는 법

순환을 끊으십시오. 값 하나를 응답에서 바로 계산하면 됩니다.
"##,
        en: r##"## What it finds

Metrics whose formulas read each other in a circle, or questions whose `ask_if` conditions do.

## Why it matters

A value that depends on itself can never be computed; there is no order in which to ask the questions or evaluate the formulas.

## How to fix

Break the cycle: compute one of the values from the answers directly.
"##,
    },
    example: Words {
        ko: r##"```toml
[[metric]]
id = "a"
formula = "b * 2"
[[metric]]
id = "b"
formula = "a / 2"   # 잘못: a -> b -> a
```
"##,
        en: r##"```toml
[[metric]]
id = "a"
formula = "b * 2"
[[metric]]
id = "b"
formula = "a / 2"   # wrong: a -> b -> a
```
"##,
    },
};
