//! `na-without-reason`: an answer is marked not applicable without a reason.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::NaWithoutReason,
    summary: Words {
        ko: "이유 없이 해당 없음으로 표시한 응답입니다.",
        en: "An answer is marked not applicable without a reason.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

`not_applicable = ""`이거나 `not_applicable`의 값이 문자열이 아닙니다.

## 왜 중요한가

해당 없음은 지표를 점수에서 뺍니다. 검토자(구매 기업, 심사자)가 받아들이려면 이유가 필요합니다.

## 고치는 법

이유를 한 문장으로 쓰십시오.
"##,
        en: r##"## What it finds

`not_applicable = ""`, or a value for `not_applicable` that is not a string.

## Why it matters

Not applicable takes an indicator out of the score; a reviewer (a buyer, an auditor) needs the reason to accept that.

## How to fix

Say why, in a sentence.
"##,
    },
    example: Words {
        ko: r##"```toml
[answers.board_independence]
not_applicable = "이사회가 없습니다. 대표가 직접 경영합니다."
```
"##,
        en: r##"```toml
[answers.board_independence]
not_applicable = "We have no board: the firm is run by its owner."
```
"##,
    },
};
