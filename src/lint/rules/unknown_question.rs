//! `unknown-question`: an answer to a question the guideline does not have.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::UnknownQuestion,
    summary: Words {
        ko: "가이드라인에 없는 질문에 대한 응답입니다.",
        en: "An answer to a question the guideline does not have.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

`[answers]` 아래에 가이드라인의 질문 id가 아닌 키가 있습니다. 메시지가 가장 가까운 id를 알려 줍니다.

## 왜 중요한가

응답이 무시되고, 원래 뜻한 질문은 응답 없음으로 남아 0점이 됩니다.

## 고치는 법

id를 제안된 것으로 고치거나 응답을 지우십시오.
"##,
        en: r##"## What it finds

A key under `[answers]` that is not a question id of the guideline; the message names the closest id.

## Why it matters

The answer would be ignored, and the question it was meant for would stay unanswered and score 0.

## How to fix

Correct the id to the suggested one, or remove the answer.
"##,
    },
    example: Words {
        ko: r##"```toml
[answers]
employes = 120     # 잘못: 혹시 employees?
employees = 120    # 바름
```
"##,
        en: r##"```toml
[answers]
employes = 120     # wrong: did you mean `employees`?
employees = 120    # right
```
"##,
    },
};
