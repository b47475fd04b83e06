//! `conflicting-answer`: an answer says two things at once.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::ConflictingAnswer,
    summary: Words {
        ko: "응답이 두 가지를 동시에 말합니다.",
        en: "An answer says two things at once.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

`value`와 `not_applicable`이 함께 있는 응답, 같은 선택지를 두 번 적은 다중선택 응답, 또는 같은 연도를 두 번 적은 계열 응답(예: `02025`와 `2025`; 두 번째 키에서 알립니다)입니다.

## 왜 중요한가

하나만 참일 수 있습니다. 도구가 기업 대신 고르지 않습니다. 같은 연도의 두 값 가운데 하나를 조용히 고르면 원단위 같은 지표가 백 배까지 틀어질 수 있습니다.

## 고치는 법

참인 쪽만 남기십시오.
"##,
        en: r##"## What it finds

An answer with both a `value` and `not_applicable`, a multi answer that lists one option twice, or a series that gives one year twice (e.g. as `02025` and `2025`; reported at the second key).

## Why it matters

Only one can be true; the tool will not pick one for the firm. Silently taking one of two values for a year could put an intensity off by a factor of a hundred.

## How to fix

Keep the one that is true.
"##,
    },
    example: Words {
        ko: r##"```toml
[answers.env_targets]
value = "set"
not_applicable = "아직 목표가 없음"   # 잘못: 하나만 남기십시오
```
"##,
        en: r##"```toml
[answers.env_targets]
value = "set"
not_applicable = "No targets yet"   # wrong: keep one
```
"##,
    },
};
