//! `version-mismatch`: the answers were made for another version of the guideline.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::VersionMismatch,
    summary: Words {
        ko: "응답이 가이드라인의 다른 판을 위한 것입니다.",
        en: "The answers were made for another version of the guideline.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

응답 파일의 `[guideline] version`이 검사하는 가이드라인의 판과 다릅니다.

## 왜 중요한가

판이 바뀌면 질문, 선택지, 수준이 달라졌을 수 있습니다. 응답은 읽히지만 일부는 뜻이 바뀌었거나 빠졌을 수 있습니다.

## 고치는 법

지금 판에 맞춰 응답을 검토하고(`esg explain`이 질문을 보여 줍니다) `version`을 고치십시오.
"##,
        en: r##"## What it finds

An answers file whose `[guideline] version` differs from the version of the guideline it is checked against.

## Why it matters

Questions, options and levels may have changed between versions; the answers still read, but some may now mean something else or be missing.

## How to fix

Review the answers against the current version (`esg explain` shows each question), then update `version`.
"##,
    },
    example: Words::same(
        r##"```toml
[guideline]
id = "k-esg-sme"
version = "1.0.0"
```
"##,
    ),
};
