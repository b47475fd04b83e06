//! `out-of-range`: a number outside the bounds of its question.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::OutOfRange,
    summary: Words {
        ko: "질문의 범위를 벗어난 수입니다.",
        en: "A number outside the bounds of its question.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

질문의 `min`보다 작거나 `max`보다 큰 수, 1900~2100 밖의 연도(계열의 연도나 보고 연도), `02025`나 `"+2025"`처럼 평범하게 적지 않은 연도, 유한하지 않은 값.

## 왜 중요한가

범위를 벗어난 값은 거의 늘 입력 실수(다른 단위, 0 하나 더)이며, 그 값으로 계산하는 모든 산식을 왜곡합니다.

## 고치는 법

값과 단위를 확인하십시오. 메시지가 허용 범위를 알려 줍니다.
"##,
        en: r##"## What it finds

A number below the question's `min` or above its `max`, a year outside 1900 to 2100 (a series year or the reporting year), a year not written plainly (`02025`, `"+2025"`), or a value that is not a finite number.

## Why it matters

Out-of-range figures are almost always typing errors (a wrong unit, an extra zero), and they would distort every metric computed from them.

## How to fix

Check the figure and its unit; the message gives the allowed range.
"##,
    },
    example: Words {
        ko: r##"```toml
[answers]
employees = -3   # 잘못: 0 이상
```
"##,
        en: r##"```toml
[answers]
employees = -3   # wrong: at least 0
```
"##,
    },
};
