//! `unknown-reference`: a reference to a question, metric, factor, area or option that does not exist.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::UnknownReference,
    summary: Words {
        ko: "없는 질문, 산식, 계수, 영역, 선택지를 가리킵니다.",
        en: "A reference to a question, metric, factor, area or option that does not exist.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

아무것도 정의하지 않은 이름: 규칙의 `question`, `per`, `items`, 수준의 `options`, 지표의 `area`, 질문의 `group`, 자체 시험의 지표, 식 안의 모든 이름(질문, 산식, 계수 `table.key`, 선택지, 함수).

## 왜 중요한가

가리키는 것이 없는 참조는 계산할 수 없어 지표나 조건이 작동하지 않습니다. 대개 오타이며, 메시지가 가장 가까운 이름을 제안합니다.

## 고치는 법

이름을 고치거나(제안 참고) 그 이름의 항목을 정의하십시오.
"##,
        en: r##"## What it finds

A name that nothing defines: in a rule's `question`, `per` or `items`, a level's `options`, an indicator's `area`, a question's `group`, a self-test's indicator, or anywhere in an expression (a question, metric, factor `table.key`, option or function).

## Why it matters

A reference that points nowhere cannot be evaluated; the indicator or condition would never work. It is usually a typo, and the message suggests the closest name.

## How to fix

Correct the name (see the suggestion), or define what it names.
"##,
    },
    example: Words {
        ko: r##"```toml
[indicator.rule]
kind = "yes_no"
question = "has_env_polcy"   # 잘못: 혹시 has_env_policy?
```
"##,
        en: r##"```toml
[indicator.rule]
kind = "yes_no"
question = "has_env_polcy"   # wrong: did you mean `has_env_policy`?
```
"##,
    },
};
