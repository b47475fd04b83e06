//! `guideline-mismatch`: the answers are for another guideline.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::GuidelineMismatch,
    summary: Words {
        ko: "응답이 다른 가이드라인을 위한 것입니다.",
        en: "The answers are for another guideline.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

응답 파일의 `[guideline] id`가 검사하는 가이드라인과 다르거나, `--guideline` 없이 내장되지 않은 가이드라인을 가리킵니다.

## 왜 중요한가

질문 id는 가이드라인마다 다릅니다. 다른 가이드라인으로 검사하면 뜻없는 결과가 나옵니다.

## 고치는 법

파일이 가리키는 가이드라인으로 검사하거나(`--guideline`) id를 고치십시오.
"##,
        en: r##"## What it finds

An answers file whose `[guideline] id` is not the guideline it is checked against, or names a guideline that is not built in when none is given with `--guideline`.

## Why it matters

Question ids differ between guidelines; checking answers against the wrong one reports nonsense.

## How to fix

Check against the guideline the file names (`--guideline`), or correct the id.
"##,
    },
    example: Words::same(
        r##"```toml
[guideline]
id = "k-esg-sme"
```
"##,
    ),
};
