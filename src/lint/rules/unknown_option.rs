//! `unknown-option`: an answer names an option the question does not have.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::UnknownOption,
    summary: Words {
        ko: "질문에 없는 선택지를 고른 응답입니다.",
        en: "An answer names an option the question does not have.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

선택형 응답이나 다중선택 응답의 항목이 질문의 선택지 id가 아닙니다.

## 왜 중요한가

도구가 기업의 수준을 알 수 없습니다. 짐작하면 기업의 관행을 잘못 나타냅니다.

## 고치는 법

메시지가 나열하는 선택지 id 중 하나를 쓰십시오.
"##,
        en: r##"## What it finds

A choice answer, or an item of a multi answer, that is not one of the question's option ids.

## Why it matters

The tool cannot tell which level the firm is at; guessing would misstate its practice.

## How to fix

Use one of the option ids the message lists.
"##,
    },
    example: Words {
        ko: r##"```toml
[answers]
env_targets = "yes"        # 잘못: 선택지는 none, set, tracked
env_targets = "tracked"    # 바름
```
"##,
        en: r##"```toml
[answers]
env_targets = "yes"        # wrong: options are none, set, tracked
env_targets = "tracked"    # right
```
"##,
    },
};
