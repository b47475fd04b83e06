//! `invalid-value`: a number outside what the key allows.

use crate::lint::{Rule, Words};
use crate::source::Severity;

/// The rule.
pub static RULE: Rule = Rule {
    code: "invalid-value",
    severity: Severity::Error,
    summary: Words {
        ko: "키가 허용하는 범위를 벗어난 수입니다.",
        en: "A number outside what the key allows.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

0~100 밖에서 시작하는 등급, `min`보다 작은 질문의 `max`, 유한하지 않은 범위나 계수, 1~20 밖의 `years`.

## 왜 중요한가

이런 값은 항목을 쓸 수 없거나 뜻없게 만듭니다. 어떤 총점도 닿을 수 없는 등급, 어떤 응답도 맞출 수 없는 질문이 됩니다.

## 고치는 법

메시지가 알려 주는 범위의 값을 쓰십시오.
"##,
        en: r##"## What it finds

A grade band starting outside 0 to 100, a question's `max` below its `min`, bounds or factors that are not finite numbers, `years` outside 1 to 20.

## Why it matters

Such a value makes the item unusable or meaningless: a grade that no total can reach, a question no answer can satisfy.

## How to fix

Use a value in the range the message gives.
"##,
    },
    example: r##"```toml
[[grade]]
id = "A"
min = 120   # wrong: totals run from 0 to 100
min = 80    # right
```
"##,
};
