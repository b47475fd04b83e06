//! `na-not-allowed`: a question that cannot be marked not applicable is marked so.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::NaNotAllowed,
    summary: Words {
        ko: "해당 없음으로 표시할 수 없는 질문을 해당 없음으로 표시했습니다.",
        en: "A question that cannot be marked not applicable is marked so.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

`allow_na`가 false(기본값)인 질문에 `not_applicable`이 있습니다.

## 왜 중요한가

어떤 사실은 모든 기업에 해당합니다(근로자 수, 방침이 있는지). 해당 없음으로 표시하면 필요한 지표가 점수에서 빠집니다.

## 고치는 법

질문에 답하거나, 빼서 응답 없음으로 두십시오.
"##,
        en: r##"## What it finds

`not_applicable` on a question whose `allow_na` is false (the default).

## Why it matters

Some facts apply to every firm (its number of employees, whether it has a policy); marking them not applicable would take required indicators out of the score.

## How to fix

Answer the question, or leave it out so it counts as unanswered.
"##,
    },
    example: Words {
        ko: r##"```toml
[answers.employees]
not_applicable = "밝히고 싶지 않음"   # 잘못: 답하거나, 이 답을 빼십시오
```
"##,
        en: r##"```toml
[answers.employees]
not_applicable = "We prefer not to say"   # wrong: answer it, or leave it out
```
"##,
    },
};
