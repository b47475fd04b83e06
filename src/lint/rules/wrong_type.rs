//! `wrong-type`: a value of the wrong type.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::WrongType,
    summary: Words {
        ko: "값의 형식이 맞지 않습니다.",
        en: "A value of the wrong type.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

키가 받지 않는 형식의 값: 숫자 자리에 문자열, 예/아니오 질문에 숫자, 목록 자리에 표, 정해진 값에 없는 값(`kind = "multiple"`).

## 왜 중요한가

형식이 틀린 값은 쓸 수 없습니다. 뜻을 짐작하면 기업이 말하지 않은 것으로 점수를 매기게 됩니다.

## 고치는 법

키가 받는 형식으로 쓰십시오. 메시지가 어떤 형식인지 알려 줍니다.
"##,
        en: r##"## What it finds

A value whose type the key does not take: a string where a number is needed, a number for a yes/no question, a table where a list is needed, an unknown value of a fixed set (`kind = "multiple"`).

## Why it matters

A value of the wrong type cannot be used; guessing what was meant would score the firm on something it did not say.

## How to fix

Write the value in the type the key takes; the message says which.
"##,
    },
    example: Words {
        ko: r##"```toml
[answers]
has_env_policy = "yes"   # 잘못: 예/아니오 질문에는 true나 false
has_env_policy = true    # 바름
```
"##,
        en: r##"```toml
[answers]
has_env_policy = "yes"   # wrong: a yes/no question takes true or false
has_env_policy = true    # right
```
"##,
    },
};
