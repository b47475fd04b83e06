//! `factor-unsourced`: a factor table names no source or no year.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::FactorUnsourced,
    summary: Words {
        ko: "출처나 연도가 없는 계수표입니다.",
        en: "A factor table names no source or no year.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

`source`나 `year`가 없는 `[[factor_table]]`입니다.

## 왜 중요한가

배출계수와 같은 상수는 해마다, 발행처마다 달라집니다. 출처 없는 계수로 계산한 값은 검증도 갱신도 할 수 없습니다.

## 고치는 법

`source`(발행처와 문서)와 `year`(계수가 나타내는 해)를 넣으십시오.
"##,
        en: r##"## What it finds

A `[[factor_table]]` without `source` or `year`.

## Why it matters

Emission factors and other constants change from year to year and by publisher; a figure computed from an unsourced factor cannot be checked or updated.

## How to fix

Add `source` (who published the factors, and where) and `year` (the year they describe).
"##,
    },
    example: Words::same(
        r##"```toml
[[factor_table]]
id = "kr_grid"
source = { ko = "기후에너지환경부, 국가 온실가스 배출계수", en = "Ministry of Climate, Energy and Environment, national GHG emission factors" }
year = 2023
```
"##,
    ),
};
