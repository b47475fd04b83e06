//! `answer-not-asked`: an answer to a question whose ask-condition is false.

use super::{Rule, Words};
use crate::answers::Answers;
use crate::code::Code;
use crate::guideline::Guideline;
use crate::msg;
use crate::source::{Diagnostic, Source};
use toml::de::{DeTable, DeValue};

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::AnswerNotAsked,
    summary: Words {
        ko: "질문 조건이 거짓이라 묻지 않는 질문에 대한 응답입니다.",
        en: "An answer to a question whose ask-condition is false.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

`ask_if` 조건이 파일의 다른 응답 때문에 거짓이 되는 질문에 대한 응답입니다(이사회가 없다는 기업이 이사회 질문에 답함).

## 왜 중요한가

질문을 묻지 않으므로 채점에서 이 응답은 무시됩니다. 조건이 읽는 응답이나 이 응답 중 하나가 틀렸을 가능성이 큽니다.

## 고치는 법

조건이 읽는 응답을 확인하고, 그것이 맞다면 이 응답을 지우십시오.
"##,
        en: r##"## What it finds

An answer to a question with an `ask_if` condition that the file's other answers make false (board questions answered by a firm that says it has no board).

## Why it matters

The question is not asked, so the answer is ignored when scoring; either the condition's answer or this answer is probably wrong.

## How to fix

Check the answer the condition reads; if it is right, remove this answer.
"##,
    },
    example: Words {
        ko: r##"```toml
[answers]
has_board = false
board_meetings = 4   # 묻지 않는 질문: ask_if = "has_board"
```
"##,
        en: r##"```toml
[answers]
has_board = false
board_meetings = 4   # not asked: ask_if = "has_board"
```
"##,
    },
};

/// Finds answers given to questions whose ask-condition the other answers make false.
#[must_use]
pub fn check(source: &Source, guideline: &Guideline, answers: &Answers) -> Vec<Diagnostic> {
    // The same rule as scoring: a question whose ask-condition is false is not asked.
    let asked = crate::score::asked(guideline, answers);
    let not_asked: Vec<usize> = (0..guideline.questions.len())
        .filter(|&q| !asked[q] && answers.entries[q].is_some())
        .collect();
    if not_asked.is_empty() {
        return Vec::new();
    }
    let Ok(doc) = DeTable::parse(&source.text) else {
        return Vec::new();
    };
    let Some(DeValue::Table(table)) = doc.get_ref().get("answers").map(|a| a.get_ref()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, _) in table {
        let Some(q) = guideline.question_index(key.get_ref()) else {
            continue;
        };
        if not_asked.contains(&q) {
            let cond = guideline.questions[q]
                .ask_if
                .as_ref()
                .map_or("", |c| c.source.as_str());
            out.push(
                source
                    .diagnostic(
                        RULE.code,
                        Some(key.span()),
                        msg!(
                            "`{}` 질문은 이 답변에서 묻지 않으므로(질문 조건 `{cond}`에 해당하지 않음) 이 답은 쓰이지 않습니다",
                            "`{}` is not asked (its condition `{cond}` is false for these answers), so this answer is ignored",
                            key.get_ref()
                        ),
                    )
                    .with_help(msg!(
                        "조건이 읽는 답을 확인하십시오. 그 답이 맞다면 이 답을 지우십시오",
                        "check the answers the condition reads; if they are right, remove this answer"
                    )),
            );
        }
    }
    out
}
