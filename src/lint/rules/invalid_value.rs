//! `invalid-value`: a number outside what the key allows.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::InvalidValue,
    summary: Words {
        ko: "키가 허용하는 범위를 벗어난 수입니다.",
        en: "A number outside what the key allows.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

0~100 밖에서 시작하는 등급, `min`보다 작은 질문의 `max`, 1~20 밖의 `years`, 그리고 계산에 쓰이는 수가 허용 범위를 벗어난 경우: 0.000001~1,000,000 밖의 가중치, 1,000,000을 넘는 수준 점수, 크기가 10^15를 넘거나 유한하지 않은(`inf`, `nan`) 질문·수준의 범위, 선택지 `value`, 계수. 응답 파일에서는 빈 `[guideline] id`와 빈 회사 이름.

## 왜 중요한가

이런 값은 항목을 쓸 수 없거나 뜻없게 만듭니다. 어떤 총점도 닿을 수 없는 등급, 어떤 응답도 맞출 수 없는 질문이 됩니다. 너무 크거나 유한하지 않은 가중치와 점수는 합계를 무한대나 정의되지 않은 값으로 만들어, 보고서에 `inf` 총점과 A 등급이 찍히고 `--fail-under`가 통과하게 됩니다.

## 고치는 법

메시지가 알려 주는 범위의 값을 쓰십시오.
"##,
        en: r##"## What it finds

A grade band starting outside 0 to 100, a question's `max` below its `min`, `years` outside 1 to 20, and numbers that scoring computes with outside their bounds: a weight outside 0.000001 to 1,000,000, level points above 1,000,000, a question's or level's bound, an option's `value` or a factor larger than 10^15 in size or not a finite number (`inf`, `nan`). In an answers file: an empty `[guideline] id` or firm name.

## Why it matters

Such a value makes the item unusable or meaningless: a grade that no total can reach, a question no answer can satisfy. Weights and points too large or not finite turn sums into infinity or NaN: a report would show a total of `inf` with grade A, and `--fail-under` would pass.

## How to fix

Use a value in the range the message gives.
"##,
    },
    example: Words {
        ko: r##"```toml
[[grade]]
id = "A"
min = 120   # 잘못: 종합 점수는 0~100
min = 80    # 바름

[[area]]
id = "E"
weight = 1e300   # 잘못: 최대 1,000,000
weight = 30      # 바름
```
"##,
        en: r##"```toml
[[grade]]
id = "A"
min = 120   # wrong: totals run from 0 to 100
min = 80    # right

[[area]]
id = "E"
weight = 1e300   # wrong: at most 1,000,000
weight = 30      # right
```
"##,
    },
};
