//! `invalid-rule`: an indicator's scoring rule is incomplete or reads the wrong kind of question.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::InvalidRule,
    summary: Words {
        ko: "지표의 채점 규칙이 불완전하거나 맞지 않는 종류의 질문을 읽습니다.",
        en: "An indicator's scoring rule is incomplete or reads the wrong kind of question.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

종류에 필요한 키(`question`, `expr`, `better`)가 없거나, 받지 않는 키가 있거나, 맞지 않는 종류의 질문을 읽는 규칙(`checklist`는 `multi` 질문, `trend`는 `series` 질문이 필요).

## 왜 중요한가

지표가 수준을 찾을 수 없어 채점되지 않습니다.

## 고치는 법

규칙 종류에 맞는 키를 주십시오. `docs/guideline-format.md`의 표에 있습니다.
"##,
        en: r##"## What it finds

A rule without the key its kind needs (`question`, `expr`, `better`), with a key its kind does not take, or reading a question of the wrong kind (a `checklist` needs a `multi` question, a `trend` a `series`).

## Why it matters

The indicator cannot find a level, so it could never be scored.

## How to fix

Give the rule the keys of its kind; the table in `docs/guideline-format.md` lists them.
"##,
    },
    example: Words {
        ko: r##"```toml
[indicator.rule]
kind = "checklist"
question = "has_policy"   # 잘못: yes_no 질문. checklist는 multi 질문을 읽음
```
"##,
        en: r##"```toml
[indicator.rule]
kind = "checklist"
question = "has_policy"   # wrong: a yes_no question; a checklist needs a multi question
```
"##,
    },
};
