//! `expression-type`: an expression mixes types.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::ExpressionType,
    summary: Words {
        ko: "식의 형식이 맞지 않습니다.",
        en: "An expression mixes types.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

형식은 바르지만 맞지 않는 형식의 값을 섞은 식: 숫자와 문자열의 비교, 숫자를 내는 조건, 인수 개수가 틀린 함수.

## 왜 중요한가

형식 오류는 모든 기업에서 값을 알 수 없게 만듭니다. 가이드라인을 읽을 때 형식을 검사하면 조용한 오답 대신 정확한 열에 메시지가 나옵니다.

## 고치는 법

각 연산자가 받는 형식이 되도록 식을 고치십시오. 메시지가 기대한 형식과 실제 형식을 알려 줍니다.
"##,
        en: r##"## What it finds

An expression that is well formed but combines values of the wrong types: a number compared with a string, a condition that gives a number, a function given the wrong number of arguments.

## Why it matters

A type error would make the value unknown for every firm; checking types when the guideline is read turns a silent wrong score into a message at the right column.

## How to fix

Change the expression so each operator gets the types it takes; the message says what was expected and what was found.
"##,
    },
    example: Words {
        ko: r##"```toml
applies_if = "employees"        # 잘못: 참/거짓 자리에 수
applies_if = "employees >= 50"  # 바름
```
"##,
        en: r##"```toml
applies_if = "employees"        # wrong: a number where yes/no is needed
applies_if = "employees >= 50"  # right
```
"##,
    },
};
