//! `future-year`: a series value for a year after the reporting year.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::FutureYear,
    summary: Words {
        ko: "보고연도 뒤의 연도 값이 있어 계산에서 빠집니다.",
        en: "A series value for a year after the reporting year; calculations leave it out.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

`[firm] reporting_year`보다 뒤인 연도의 계열 값입니다. 예: 보고연도가 2024인데 `energy_mwh = { 2024 = 760, 2025 = 700 }`.

## 왜 중요한가

보고서는 보고연도까지를 평가합니다. 다음 해 값(계획치나 잘못 적은 연도)이 `latest`, `average`, 추세에 들어가면 아직 오지 않은 개선으로 점수를 얻게 됩니다. 그래서 그런 값은 계산에서 빼고 경고합니다.

## 고치는 법

그 연도를 지우거나, 수치가 가리키는 해가 맞다면 `reporting_year`를 그 해로 고치십시오.
"##,
        en: r##"## What it finds

A series value for a year after `[firm] reporting_year`, e.g. `energy_mwh = { 2024 = 760, 2025 = 700 }` with reporting year 2024.

## Why it matters

A report assesses the firm up to its reporting year. A later value (a plan, or a year typed wrongly) would make `latest`, `average` and trends count an improvement that has not happened yet, so such values are left out of every calculation, with this warning.

## How to fix

Remove the year, or, if the figures do describe that year, set `reporting_year` to it.
"##,
    },
    example: Words {
        ko: r##"```toml
[firm]
reporting_year = 2024

[answers]
energy_mwh = { 2023 = 812.5, 2024 = 760, 2025 = 700 }   # 2025년 값은 쓰이지 않음
```
"##,
        en: r##"```toml
[firm]
reporting_year = 2024

[answers]
energy_mwh = { 2023 = 812.5, 2024 = 760, 2025 = 700 }   # 2025 is not used
```
"##,
    },
};
