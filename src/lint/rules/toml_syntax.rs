//! `toml-syntax`: the file is not valid TOML.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::TomlSyntax,
    summary: Words {
        ko: "TOML 문법에 맞지 않는 파일입니다.",
        en: "The file is not valid TOML.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

TOML로 읽을 수 없는 텍스트: 닫히지 않은 문자열이나 표 머리, 빠진 `=`, 한 표 안에서 두 번 정의된 키.

## 왜 중요한가

파일을 읽을 수 있어야 나머지를 검사할 수 있습니다. 편집기, CI, `esg` 모두 여기서 멈춥니다.

## 고치는 법

표시된 위치의 텍스트를 고치십시오. TOML을 지원하는 편집기(taplo, Even Better TOML)는 입력하는 동안 오류를 보여 줍니다.
"##,
        en: r##"## What it finds

Text that TOML cannot read: an unclosed string or table header, a missing `=`, a key defined twice in one table.

## Why it matters

Nothing else in the file can be checked until it parses; every tool that reads it (editors, CI, `esg`) stops here.

## How to fix

Fix the text at the marked position. An editor with TOML support (taplo, Even Better TOML) shows the fault while you type.
"##,
    },
    example: Words {
        ko: r##"```toml
# 잘못: 문자열이 닫히지 않음
title = { ko = "환경, en = "Environment" }
# 바름
title = { ko = "환경", en = "Environment" }
```
"##,
        en: r##"```toml
# wrong: the string is never closed
title = { ko = "환경, en = "Environment" }
# right
title = { ko = "환경", en = "Environment" }
```
"##,
    },
};
