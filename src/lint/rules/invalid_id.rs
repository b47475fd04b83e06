//! `invalid-id`: an id does not follow the naming rules.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::InvalidId,
    summary: Words {
        ko: "id가 이름 규칙에 맞지 않습니다.",
        en: "An id does not follow the naming rules.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

kebab-case가 아닌 가이드라인 id, snake_case가 아닌 질문·지표 산식 id, 글자·숫자·`_`·`-` 밖의 문자가 든 선택지 id.

## 왜 중요한가

id는 응답 파일, 식, 명령줄에서 직접 입력합니다. 한 가지 철자 규칙이 입력하기 쉽고 헷갈리지 않게 합니다.

## 고치는 법

id를 바꾸십시오. 가이드라인은 `kebab-case`, 질문과 산식은 `snake_case`입니다.
"##,
        en: r##"## What it finds

A guideline id that is not kebab-case, a question or metric id that is not snake_case, an option id with characters other than letters, digits, `_` and `-`.

## Why it matters

Ids are typed in answers files, expressions and on the command line; one spelling rule keeps them typeable and unambiguous.

## How to fix

Rename the id: `kebab-case` for guidelines, `snake_case` for questions and metrics.
"##,
    },
    example: Words {
        ko: r##"```toml
[[question]]
id = "Has Board"   # 잘못
id = "has_board"   # 바름
```
"##,
        en: r##"```toml
[[question]]
id = "Has Board"   # wrong
id = "has_board"   # right
```
"##,
    },
};
