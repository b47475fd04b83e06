//! `choice-level-mismatch`: the levels of a choice rule do not give each option exactly one level.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::ChoiceLevelMismatch,
    summary: Words {
        ko: "선택형 규칙의 수준이 선택지마다 정확히 한 수준을 주지 않습니다.",
        en: "The levels of a choice rule do not give each option exactly one level.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

규칙의 질문에 있는 선택지 중 어느 수준에도 없거나 두 수준에 있는 것이 있습니다.

## 왜 중요한가

목록에 없는 선택지를 고른 기업은 수준을 받지 못하고, 두 번 있는 선택지는 점수가 모호합니다.

## 고치는 법

질문의 모든 선택지를 정확히 한 수준의 `options`에 적으십시오.
"##,
        en: r##"## What it finds

An option of the rule's question that no level lists, or that two levels list.

## Why it matters

A firm that picks an unlisted option would get no level; an option listed twice has an ambiguous score.

## How to fix

List every option of the question in exactly one level's `options`.
"##,
    },
    example: Words {
        ko: r##"```toml
# env_targets 질문의 선택지: none, set, tracked
[[indicator.level]]
options = ["none"]
[[indicator.level]]
options = ["set"]      # 잘못: "tracked"에 해당하는 수준이 없습니다
```
"##,
        en: r##"```toml
# question env_targets has options none, set, tracked
[[indicator.level]]
options = ["none"]
[[indicator.level]]
options = ["set"]      # wrong: no level for "tracked"
```
"##,
    },
};
