//! `factor-family`: the factor tables of a family cannot be chosen between reliably.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::FactorFamily,
    summary: Words {
        ko: "계수표 묶음(family)에서 쓸 표를 확실히 고를 수 없습니다.",
        en: "The factor tables of a family cannot be chosen between reliably.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

같은 `family`에 속한 `[[factor_table]]`들의 키가 서로 다르거나, 같은 나라와 연도를 맡은 표가 둘이거나, 덮어쓰기 없이 고를 수 있는 표가 하나도 없거나, `override_only` 표가 어느 묶음에도 속하지 않거나, 묶음 id가 계수표 id와 같은 경우입니다.

## 왜 중요한가

식은 `grid.electricity`처럼 묶음 이름으로 계수를 읽고, 어떤 표를 쓸지는 회사의 나라와 보고 연도로 채점할 때 정합니다. 표마다 키가 다르면 어떤 회사에서는 값이 없고, 후보가 둘이면 결과가 파일 순서에 따라 달라집니다.

## 고치는 법

묶음의 모든 표에 같은 키를 두고, 나라와 연도가 겹치는 표 하나에는 `override_only = true`를 붙이십시오.
"##,
        en: r##"## What it finds

Factor tables of one `family` whose keys differ; two tables serving the same country and year; a
family with no table that can be chosen without an override; an `override_only` table in no family;
a family whose id is also a factor table's id.

## Why it matters

Expressions read a family (`grid.electricity`), and the table is chosen when scoring, by the firm's
country and reporting year. Tables with different keys leave some firms without a value; two
candidates make the result depend on file order.

## How to fix

Give every table of the family the same keys, and mark one of two overlapping tables
`override_only = true`.
"##,
    },
    example: Words::same(
        r##"```toml
[[factor_table]]
id = "kr_grid_2023"
family = "grid"
country = "KR"
year = 2023
source = "…"
values = { electricity = 0.4173 }
```
"##,
    ),
};
