//! `expression-syntax`: an expression cannot be parsed.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::ExpressionSyntax,
    summary: Words {
        ko: "식을 해석할 수 없습니다.",
        en: "An expression cannot be parsed.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

형식이 잘못된 식(`ask_if`, `applies_if`, `formula`, `rule.expr`): 닫히지 않은 괄호나 문자열, `==` 대신 `=`, 이어 쓴 비교, 빈 식.

## 왜 중요한가

읽을 수 없는 조건이나 산식은 계산할 수 없어, 그것이 속한 지표나 질문이 작동하지 않습니다.

## 고치는 법

표시된 열에서 식을 고치십시오. 식 언어는 `docs/guideline-format.md`에 있습니다.
"##,
        en: r##"## What it finds

An expression (`ask_if`, `applies_if`, `formula`, `rule.expr`) that is not well formed: an unclosed parenthesis or string, `=` instead of `==`, chained comparisons, an empty expression.

## Why it matters

A condition or formula that cannot be read cannot be evaluated; the indicator or question it belongs to would never work.

## How to fix

Fix the expression at the marked column. The expression language is described in `docs/guideline-format.md`.
"##,
    },
    example: Words {
        ko: r##"```toml
applies_if = "employees = 0"    # 잘못: 비교는 ==
applies_if = "employees == 0"   # 바름
```
"##,
        en: r##"```toml
applies_if = "employees = 0"    # wrong: compare with ==
applies_if = "employees == 0"   # right
```
"##,
    },
};
