//! `unused-question`: a question that nothing uses.

use super::Package;
use super::{Rule, Words};
use crate::code::Code;
use crate::msg;
use crate::source::Diagnostic;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::UnusedQuestion,
    summary: Words {
        ko: "아무것도 쓰지 않는 질문입니다.",
        en: "A question that nothing uses.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

어떤 지표 규칙, 조건(`applies_if`, `ask_if`), 산식도 읽지 않는 질문입니다.

## 왜 중요한가

아무것도 바꾸지 않는 사실을 기업에 묻는 셈입니다. 설문 시간만 들고, 대개 지표가 다른 질문을 읽고 있다는 신호입니다.

## 고치는 법

질문을 지표, 조건, 산식에 쓰거나 지우십시오. 점수 없이 공시만 하는 항목이라면 질문에 `disclosed_only = true`를 적으십시오. 그러면 이 경고가 나지 않습니다.
"##,
        en: r##"## What it finds

A question that no indicator rule, condition (`applies_if`, `ask_if`) or metric formula reads.

## Why it matters

The firm is asked for a fact that changes nothing: time lost in the questionnaire, and often a sign that an indicator reads the wrong question.

## How to fix

Use the question in an indicator, condition or metric, or remove it. A datapoint that is disclosed but not scored says so with `disclosed_only = true` on the question, and draws no warning.
"##,
    },
    example: Words {
        ko: r##"```toml
[[question]]
id = "has_env_team"       # 묻기는 하지만 어느 규칙, 조건, 산식도 읽지 않음
kind = "yes_no"
```
"##,
        en: r##"```toml
[[question]]
id = "has_env_team"       # asked, but no rule, condition or formula names it
kind = "yes_no"
```
"##,
    },
};

/// Finds questions that no rule, condition or formula reads.
pub fn check(p: &Package<'_>, out: &mut Vec<Diagnostic>) {
    let g = p.guideline;
    let used = g.questions_read();
    for (fi, (_, file)) in p.files.iter().enumerate() {
        for raw in &file.question {
            let id = raw.id.get_ref();
            // A datapoint declared disclosed only is used by being reported.
            if g.question_index(id)
                .is_some_and(|q| !used[q] && !g.questions[q].disclosed_only)
            {
                out.push(
                    p.at(
                        RULE.code,
                        fi,
                        raw.id.span(),
                        msg!(
                            "`{id}` 질문을 읽는 지표, 조건, 산식, 배출원이 없습니다",
                            "question `{id}` is not read by any indicator, condition, formula or emission source"
                        ),
                    )
                    .with_help(msg!(
                        "규칙, `applies_if`나 `ask_if`, 산식에서 쓰거나 이 질문을 지우십시오",
                        "use it in a rule, an `applies_if`/`ask_if` or a formula, or remove it"
                    )),
                );
            }
        }
    }
}
