//! `duplicate-id`: two items share an id.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::DuplicateId,
    summary: Words {
        ko: "두 항목이 같은 id를 씁니다.",
        en: "Two items share an id.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

영역, 등급, 질문, 지표, 산식, 계수표가 패키지 안에서(한 파일이든 여러 파일이든) 두 번 정의되었거나, 산식이나 계수표가 질문의 id를 씁니다.

## 왜 중요한가

id는 하나만 가리켜야 합니다. 응답, 식, 보고서가 id로 항목을 찾습니다. 둘이면 하나는 조용히 무시됩니다.

## 고치는 법

둘 중 하나의 이름을 바꾸거나 사본을 지우십시오.
"##,
        en: r##"## What it finds

An area, grade, question, indicator, metric or factor table defined twice in the package (in one file or across files), or a metric or factor table that takes a question's id.

## Why it matters

An id must name one thing: answers, expressions and reports find items by it. With two, one of them would be silently ignored.

## How to fix

Rename one of them, or remove the copy.
"##,
    },
    example: Words {
        ko: r##"```toml
[[question]]
id = "employees"
# ... 그리고 다른 파일에:
[[question]]
id = "employees"   # 잘못: 두 번 정의됨
```
"##,
        en: r##"```toml
[[question]]
id = "employees"
# ... and in another file:
[[question]]
id = "employees"   # wrong: defined twice
```
"##,
    },
};
