//! `conflicting-answer`: an answer says two things at once.

use crate::lint::{Rule, Words};
use crate::source::Severity;

/// The rule.
pub static RULE: Rule = Rule {
    code: "conflicting-answer",
    severity: Severity::Error,
    summary: Words {
        ko: "응답이 두 가지를 동시에 말합니다.",
        en: "An answer says two things at once.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

`value`와 `not_applicable`이 함께 있는 응답, 또는 같은 선택지를 두 번 적은 다중선택 응답입니다.

## 왜 중요한가

하나만 참일 수 있습니다. 도구가 기업 대신 고르지 않습니다.

## 고치는 법

참인 쪽만 남기십시오.
"##,
        en: r##"## What it finds

An answer with both a `value` and `not_applicable`, or a multi answer that lists one option twice.

## Why it matters

Only one can be true; the tool will not pick one for the firm.

## How to fix

Keep the one that is true.
"##,
    },
    example: r##"```toml
[answers.env_targets]
value = "set"
not_applicable = "No targets yet"   # wrong: keep one
```
"##,
};
