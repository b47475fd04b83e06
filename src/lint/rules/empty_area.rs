//! `empty-area`: an area has no indicator.

use super::Package;
use super::{Rule, Words};
use crate::code::Code;
use crate::msg;
use crate::source::Diagnostic;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::EmptyArea,
    summary: Words {
        ko: "지표가 없는 영역입니다.",
        en: "An area has no indicator.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

어떤 지표도 `area` 키로 가리키지 않는 `[[area]]`입니다.

## 왜 중요한가

지표가 없는 영역은 늘 해당 없음이라 가중치가 쓸모없고 모든 보고서에서 빈칸입니다. 대개 지표들이 영역 id를 잘못 적었습니다.

## 고치는 법

영역에 지표를 넣거나 영역을 지우십시오.
"##,
        en: r##"## What it finds

An `[[area]]` that no indicator names in its `area` key.

## Why it matters

An area without indicators is never applicable, so its weight counts for nothing and its column in every report is empty; usually its indicators name the area by a misspelt id.

## How to fix

Add indicators to the area, or remove the area.
"##,
    },
    example: Words {
        ko: r##"```toml
[[area]]
id = "S"
weight = 30
title = { ko = "사회", en = "Social" }
# ... 그리고 area = "S"인 [[indicator]]가 하나도 없음
```
"##,
        en: r##"```toml
[[area]]
id = "S"
weight = 30
title = { ko = "사회", en = "Social" }
# ... and no [[indicator]] has area = "S"
```
"##,
    },
};

/// Finds areas that no indicator names.
pub fn check(p: &Package<'_>, out: &mut Vec<Diagnostic>) {
    for (fi, (_, file)) in p.files.iter().enumerate() {
        for raw in &file.area {
            let id = raw.id.get_ref();
            let empty = p
                .guideline
                .areas
                .iter()
                .find(|a| &a.id == id)
                .is_some_and(|a| a.indicators.is_empty());
            if empty {
                out.push(
                    p.at(
                        RULE.code,
                        fi,
                        raw.id.span(),
                        msg!(
                            "`{id}` 영역에 지표가 없습니다",
                            "area `{id}` has no indicator"
                        ),
                    )
                    .with_help(msg!(
                        "`area = \"{id}\"`인 지표를 더하거나 이 영역을 지우십시오",
                        "add indicators with `area = \"{id}\"`, or remove the area"
                    )),
                );
            }
        }
    }
}
