//! `invalid-question`: a question has keys that its kind does not take.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::InvalidQuestion,
    summary: Words {
        ko: "질문의 종류에 맞지 않는 키가 있습니다.",
        en: "A question has keys that its kind does not take.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

수·정수·연도별 계열이 아닌 질문의 `min`, `max`, `unit`, 계열이 아닌 질문의 `years`, 선택형·다중선택형이 아닌 질문의 `options`.

## 왜 중요한가

키가 무시되어 질문이 작성자의 뜻대로 동작하지 않습니다(범위 없는 수, 아무도 보지 않는 단위).

## 고치는 법

키를 지우거나 질문의 `kind`를 바꾸십시오.
"##,
        en: r##"## What it finds

`min`, `max` or `unit` on a question that is not a number, integer or series; `years` on one that is not a series; `options` on one that is not a choice or multi question.

## Why it matters

The key would be ignored, so the question would not behave as its author thought (an unbounded number, a unit nobody sees).

## How to fix

Remove the key, or change the question's `kind`.
"##,
    },
    example: Words {
        ko: r##"```toml
[[question]]
id = "has_policy"
kind = "yes_no"
unit = { ko = "건", en = "items" }   # 잘못: 예/아니오 질문에는 단위가 없음
```
"##,
        en: r##"```toml
[[question]]
id = "has_policy"
kind = "yes_no"
unit = { ko = "건", en = "items" }   # wrong: a yes/no question has no unit
```
"##,
    },
};
