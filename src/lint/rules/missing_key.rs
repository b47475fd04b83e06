//! `missing-key`: a required key or table is missing.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::MissingKey,
    summary: Words {
        ko: "꼭 필요한 키나 표가 없습니다.",
        en: "A required key or table is missing.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

표에 꼭 있어야 하는 키(지표의 `effort`나 `rule`, 질문의 `kind`)가 없거나, 응답 파일에 `[guideline]`, `[firm]`, 기업의 `name`이 없습니다.

## 왜 중요한가

이것이 없으면 항목을 이해할 수 없습니다. 가이드라인을 밝히지 않은 응답 파일은 채점할 수 없고, 규칙이 없는 지표는 수준이 없습니다.

## 고치는 법

메시지가 알려 주는 키를 넣으십시오.
"##,
        en: r##"## What it finds

A key a table cannot do without (an indicator's `effort` or `rule`, a question's `kind`), or an answers file without `[guideline]`, `[firm]` or the firm's `name`.

## Why it matters

Without it the item cannot be understood: an answers file that names no guideline cannot be scored, an indicator without a rule has no level.

## How to fix

Add the key; the message names it.
"##,
    },
    example: Words {
        ko: r##"```toml
[[question]]
id = "employees"
# 잘못: kind가 없음
kind = "integer"   # 바름
prompt = { ko = "상시 근로자 수", en = "Employees" }
```
"##,
        en: r##"```toml
[[question]]
id = "employees"
# wrong: no `kind`
kind = "integer"   # right
prompt = { ko = "상시 근로자 수", en = "Employees" }
```
"##,
    },
};
