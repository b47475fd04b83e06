//! `choice-without-options`: a choice or multi question has no options.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::ChoiceWithoutOptions,
    summary: Words {
        ko: "선택지가 없는 선택형 질문입니다.",
        en: "A choice or multi question has no options.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

`options`가 없는 `choice` 또는 `multi` 질문입니다.

## 왜 중요한가

고를 것이 없어 아무도 답할 수 없습니다.

## 고치는 법

보여 줄 순서대로 선택지를 적으십시오.
"##,
        en: r##"## What it finds

A question of kind `choice` or `multi` with no `options`.

## Why it matters

Nobody can answer it: there is nothing to choose.

## How to fix

List the options, in the order they should be shown.
"##,
    },
    example: Words::same(
        r##"```toml
[[question]]
id = "env_targets"
kind = "choice"
options = [
  { id = "none", text = { ko = "없음", en = "None" } },
  { id = "set", text = { ko = "수립", en = "Set" } },
]
```
"##,
    ),
};
