//! `unknown-key`: a key or table that this kind of file does not have.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::UnknownKey,
    summary: Words {
        ko: "이 종류의 파일에 없는 키나 표입니다.",
        en: "A key or table that this kind of file does not have.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

표가 정의하지 않는 키입니다. 가이드라인 파일(모든 표가 모르는 키를 거부)이나 응답 파일(`[guideline]`, `[firm]`, `[answers]`, 응답의 긴 형식)에서 찾습니다.

## 왜 중요한가

모르는 키는 대개 오타입니다. 조용히 무시하면 의도한 설정이 기본값(가중치 1, 조건 없음)으로 남고 아무도 모르게 됩니다.

## 고치는 법

철자를 고치거나 키를 지우십시오. 모든 키는 `docs/guideline-format.md`와 `docs/answers.md`에 있습니다.
"##,
        en: r##"## What it finds

A key that the table does not define, in a guideline file (every table rejects unknown keys) or in an answers file (`[guideline]`, `[firm]`, `[answers]` and the long form of an answer).

## Why it matters

An unknown key is almost always a typo. Ignored silently, it would leave the intended setting at its default (a weight of 1, no condition) without anyone noticing.

## How to fix

Correct the spelling, or remove the key. `docs/guideline-format.md` and `docs/answers.md` list every key.
"##,
    },
    example: Words {
        ko: r##"```toml
[[indicator]]
id = "E-1-1"
wieght = 2      # 잘못: 모르는 키 wieght
weight = 2      # 바름
```
"##,
        en: r##"```toml
[[indicator]]
id = "E-1-1"
wieght = 2      # wrong: unknown key `wieght`
weight = 2      # right
```
"##,
    },
};
