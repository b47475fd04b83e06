//! `invalid-header`: the `[guideline]` header or the package's shape is wrong.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::InvalidHeader,
    summary: Words {
        ko: "`[guideline]` 머리 또는 패키지 구성이 잘못되었습니다.",
        en: "The `[guideline]` header or the package's shape is wrong.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

`[guideline]` 표가 없거나 두 개인 패키지, 언어 태그(`ko`, `de`, `pt-BR`, `zh-Hant`처럼 영문자 2~3자의 언어에 필요하면 문자 체계와 지역을 붙인 것)가 아니거나 두 번 적힌 언어, 언어가 하나도 없음, `[[area]]`가 없음.

## 왜 중요한가

머리는 가이드라인이 무엇이며 어떤 언어로 글이 있어야 하는지 정합니다. 다른 모든 검사가 이것에 기댑니다.

## 고치는 법

`guideline.toml`에 `[guideline]` 표를 하나만 두고, `languages`에는 언어 태그를 보여 줄 순서대로(앞의 것이 먼저 쓰입니다) 적고, 영역을 정의하십시오.
"##,
        en: r##"## What it finds

A package without a `[guideline]` table or with two, a language that is not a language tag (a language of 2 or 3 letters, then a script or region if needed: `ko`, `de`, `pt-BR`, `zh-Hant`) or is listed twice, no language at all, or no `[[area]]`.

## Why it matters

The header says what the guideline is and which languages its text must have; every other check depends on it.

## How to fix

Put exactly one `[guideline]` table in `guideline.toml`, with `languages` as language tags in fallback order (the first is used where a text lacks the one asked for), and define the areas.
"##,
    },
    example: Words {
        ko: r##"```toml
[guideline]
id = "my-guideline"
version = "1.0.0"
languages = ["ko", "en"]   # ["ko_KR"]가 아님: 로캘 이름이 아니라 언어 태그
title = { ko = "우리 가이드라인", en = "Our guideline" }
```
"##,
        en: r##"```toml
[guideline]
id = "my-guideline"
version = "1.0.0"
languages = ["ko", "en"]   # not ["ko_KR"]: a language tag, not a locale name
title = { ko = "우리 가이드라인", en = "Our guideline" }
```
"##,
    },
};
