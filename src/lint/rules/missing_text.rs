//! `missing-text`: text is missing in a language the guideline declares.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::MissingText,
    summary: Words {
        ko: "가이드라인이 선언한 언어의 글이 없습니다.",
        en: "Text is missing in a language the guideline declares.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

제목, 질문, 도움말, 단위, 선택지, 수준 설명, 권고에 가이드라인의 `languages` 중 한 언어의 글이 없습니다(빈 문자열도 없는 것으로 봅니다).

## 왜 중요한가

도구는 사용자의 언어로 가이드라인을 보여 줍니다. 글이 없으면 그 글만 가이드라인이 밝힌 순서에서 다음 언어로 보여 주므로, 보고서 중간에서 언어가 바뀝니다. 가이드라인은 쓸 수 있으므로 오류가 아니라 주의입니다.

## 고치는 법

선언한 모든 언어로 글을 넣으십시오. 아직 옮기지 않은 언어라면 `languages`에서 빼십시오.
"##,
        en: r##"## What it finds

A title, prompt, help, unit, option, level text or recommendation without text in one of the guideline's `languages` (an empty string counts as missing).

## Why it matters

The tool shows the guideline in the user's language; a missing text falls back to the next of the guideline's languages, so the report switches language in the middle. The guideline can still be used, so this is a warning, not an error.

## How to fix

Add the text in every declared language, or leave a language not yet translated out of `languages`.
"##,
    },
    example: Words {
        ko: r##"```toml
title = { ko = "환경경영 목표" }                                   # 잘못: en이 없음
title = { ko = "환경경영 목표", en = "Environmental targets" }   # 바름
```
"##,
        en: r##"```toml
title = { ko = "환경경영 목표" }                                   # wrong: no en
title = { ko = "환경경영 목표", en = "Environmental targets" }   # right
```
"##,
    },
};
