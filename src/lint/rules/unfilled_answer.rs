//! `unfilled-answer`: an answer still holds the template's placeholder.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::UnfilledAnswer,
    summary: Words {
        ko: "응답이 아직 양식의 자리표시 \"?\"입니다.",
        en: "An answer still holds the template's placeholder \"?\".",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

`esg init` 양식의 `# id = "?"` 줄에서 `#`만 지우고 값을 적지 않은 응답입니다(계열은 연도별 값 `"?"`).

## 왜 중요한가

자리표시는 답이 아닙니다. 그대로 채점하면 아무도 답하지 않은 양식이 "제재 없음", "사용량 0" 같은 답으로 점수를 얻게 됩니다. 그래서 채우지 않은 양식은 점수를 받지 못하고 채울 곳을 알려 줍니다.

## 고치는 법

`"?"` 자리에 답을 적으십시오(메시지가 어떤 값을 적는지 알려 줍니다). 아직 답할 수 없으면 줄 맨 앞에 `#`을 다시 붙여 답하지 않은 채로 두십시오.
"##,
        en: r##"## What it finds

An answer whose line of the `esg init` template, `# id = "?"`, was uncommented without writing the answer (for a series, a year whose value is still `"?"`).

## Why it matters

A placeholder is not an answer. Scored as it stands, a template nobody filled in would earn points for answers such as "no sanction" or "zero use" that nobody gave; so an unfilled template earns nothing and says where to fill it in.

## How to fix

Write the answer in place of `"?"` (the message says what kind of value). If you cannot answer yet, put the `#` back at the start of the line to leave the question unanswered.
"##,
    },
    example: Words {
        ko: r##"```toml
[answers]
employees = "?"   # 잘못: 아직 자리표시
employees = 42    # 바름
```
"##,
        en: r##"```toml
[answers]
employees = "?"   # wrong: still the placeholder
employees = 42    # right
```
"##,
    },
};
