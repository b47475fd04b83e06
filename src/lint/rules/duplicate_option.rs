//! `duplicate-option`: a question lists the same option id twice.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::DuplicateOption,
    summary: Words {
        ko: "한 질문에 같은 선택지 id가 두 번 있습니다.",
        en: "A question lists the same option id twice.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

한 질문의 두 선택지가 같은 `id`를 씁니다.

## 왜 중요한가

응답은 선택지를 id로 가리킵니다. 둘이면 두 번째 것은 고를 수 없고 그 글도 보이지 않습니다.

## 고치는 법

선택지마다 다른 id를 주십시오.
"##,
        en: r##"## What it finds

Two options of one question with the same `id`.

## Why it matters

The answer names the option by id; with two, the second could never be chosen and its text would never be shown.

## How to fix

Give each option its own id.
"##,
    },
    example: Words {
        ko: r##"```toml
options = [
  { id = "yes", text = { ko = "예", en = "Yes" } },
  { id = "yes", text = { ko = "부분적으로", en = "Partly" } },   # 잘못
]
```
"##,
        en: r##"```toml
options = [
  { id = "yes", text = { ko = "예", en = "Yes" } },
  { id = "yes", text = { ko = "부분적으로", en = "Partly" } },   # wrong
]
```
"##,
    },
};
