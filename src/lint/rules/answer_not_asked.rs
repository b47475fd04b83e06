//! `answer-not-asked`: an answer to a question the questionnaire does not ask the firm: its
//! ask-condition is false, or nothing that reads it can count.

use super::{Rule, Words};
use crate::answers::{Answers, State};
use crate::code::Code;
use crate::guideline::Guideline;
use crate::msg;
use crate::score::Relevance;
use crate::scorecard::Finding;
use crate::source::{Diagnostic, Source};
use crate::text::{Lang, Text};
use toml::de::{DeTable, DeValue};

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::AnswerNotAsked,
    summary: Words {
        ko: "이 회사에 묻지 않는 질문에 대한 응답입니다(질문 조건이 거짓이거나, 그 답을 읽는 항목이 모두 해당하지 않음).",
        en: "An answer to a question the firm is not asked: its ask-condition is false, or nothing that reads it applies.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

`esg assess`가 이 회사에 묻지 않는 질문에 대한 응답입니다. 질문은 그 답을 읽는 무언가가 아직 점수나 보고서에 쓰일 수 있을 때만 묻습니다. 그래서 다음 두 경우에 묻지 않습니다.

- `ask_if` 조건이 파일의 다른 응답 때문에 거짓입니다(이사회가 없다는 기업이 이사회 질문에 답함).
- 그 답을 읽는 지표가 모두 해당하지 않습니다(제조 설비가 없는 서비스 기업이 원부자재 사용량에 답함). 지표의 `applies_if` 조건이 거짓이거나, 지표에 필요한 다른 질문이 해당 없음으로 답해졌거나 묻지 않는 질문이면 그렇습니다. 온실가스 인벤토리와 주요 수치는 언제나 보고서에 쓰이므로, 그것이 읽는 질문은 이 경우에 들지 않습니다.

메시지는 가이드라인이 적어 둔 이유(`ask_if_reason`, `applies_if_reason`)로 왜 묻지 않는지를 말합니다.

여러 가이드라인에 함께 답하는 파일(`[[guideline]]`)에서는 그 질문이 있는 가이드라인 어느 것도 묻지 않을 때만 주의를 줍니다. 한 가이드라인이 묻지 않는 답이라도 다른 가이드라인이 읽을 수 있기 때문입니다.

## 왜 중요한가

이 응답은 채점에 아무 영향이 없습니다. 조건이 읽는 응답이나 이 응답 중 하나가 틀렸을 가능성이 큽니다.

## 고치는 법

메시지가 말하는 응답(이사회 여부, 제조 설비 여부 등)을 확인하고, 그것이 맞다면 이 응답을 지우십시오. 해당 없음으로 표시한 응답은 이 경우(질문 조건이 거짓인 경우 말고는) 주의를 주지 않습니다.
"##,
        en: r##"## What it finds

An answer to a question `esg assess` does not ask this firm. A question is asked only while something that reads it can still count, so it is not asked when:

- its `ask_if` condition is false for the file's other answers (board questions answered by a firm that says it has no board);
- every indicator that reads it does not apply (raw-material use answered by a service firm without a factory): the indicator's `applies_if` is false, or another question it needs is marked not applicable or not asked. The GHG inventory and the key figures are part of every report, so what they read is never in this case.

The message says why in the guideline's own words (`ask_if_reason`, `applies_if_reason`).

In a file that answers several guidelines (`[[guideline]]`), an answer is warned about only when none of the guidelines that have its question asks for it: what one guideline does not ask, another may read.

## Why it matters

The answer changes nothing in the score; either the answers that rule it out or this answer is probably wrong.

## How to fix

Check the answers the message names (whether the firm has a board, a factory, ...); if they are right, remove this answer. An answer marked not applicable is warned about only when the ask-condition is false.
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

/// Finds answers given to questions that are not relevant for the firm ([`crate::score::relevant`],
/// the rule of what the questionnaire asks): an ask-condition the other answers make false, or
/// nothing that reads the question able to count (every indicator that reads it not applicable).
#[must_use]
pub fn check(source: &Source, guideline: &Guideline, answers: &Answers) -> Vec<Diagnostic> {
    check_among(source, &[(guideline, answers)])
}

/// Whether the answer to question `q` is one the firm is not asked for.
fn is_flagged(answers: &Answers, relevance: &[Relevance], q: usize) -> bool {
    let state = answers.entries[q].as_ref().map(|e| &e.state);
    match &relevance[q] {
        Relevance::Relevant => false,
        // Any answer to a question not asked, as before; for a question nothing can use, only a
        // value: marking it not applicable says the same as relevance does.
        Relevance::NotAsked { .. } => state.is_some(),
        Relevance::NoUse { .. } | Relevance::Unread => matches!(state, Some(State::Value(_))),
    }
}

/// As [`check`], for a file answering several guidelines, each read from it: an answer is
/// flagged only when no guideline that has its question asks it (an answer one guideline does
/// not need may be one another reads), with the reason of each guideline that does not.
#[must_use]
pub fn check_among(source: &Source, read: &[(&Guideline, &Answers)]) -> Vec<Diagnostic> {
    let relevance: Vec<Vec<Relevance>> = read
        .iter()
        .map(|(g, a)| crate::score::relevant(g, a))
        .collect();
    let asked_by_any = |id: &str| {
        read.iter().zip(&relevance).any(|((g, a), rel)| {
            g.question_index(id)
                .is_some_and(|q| a.entries[q].is_some() && !is_flagged(a, rel, q))
        })
    };
    let mut out = Vec::new();
    for ((guideline, answers), relevance) in read.iter().zip(&relevance) {
        out.extend(flag(source, guideline, answers, relevance, &asked_by_any));
    }
    out
}

fn flag(
    source: &Source,
    guideline: &Guideline,
    answers: &Answers,
    relevance: &[Relevance],
    asked_elsewhere: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let flagged = |q: usize| is_flagged(answers, relevance, q);
    if !(0..guideline.questions.len()).any(flagged) {
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
        let id = key.get_ref();
        if !flagged(q) || asked_elsewhere(id) {
            continue;
        }
        let (message, help) = match &relevance[q] {
            Relevance::NotAsked { condition, reason } => (
                msg!(lang => "`{}` 질문은 이 답변에서 묻지 않으므로 이 답은 쓰이지 않습니다. {}",
                    "`{}` is not asked for these answers, so this answer is ignored. {}",
                    id, why_not_asked(condition, reason.as_ref(), guideline, lang)),
                msg!(
                    "조건이 읽는 답을 확인하십시오. 그 답이 맞다면 이 답을 지우십시오",
                    "check the answers the condition reads; if they are right, remove this answer"
                ),
            ),
            Relevance::NoUse { indicators } => (
                msg!(lang => "`{}` 질문의 답은 이 답변에서 점수에 쓰이지 않습니다. 이 답을 읽는 항목이 모두 해당하지 않습니다. {}",
                    "`{}` counts for nothing with these answers, so this answer is ignored: nothing that reads it applies. {}",
                    id, why_no_use(indicators, guideline, lang)),
                msg!(
                    "그 항목들을 해당하지 않게 만든 답을 확인하십시오. 그 답이 맞다면 이 답을 지우십시오",
                    "check the answers that make those items not apply; if they are right, remove this answer"
                ),
            ),
            Relevance::Unread | Relevance::Relevant => (
                msg!(
                    "가이드라인의 어떤 항목도 `{}` 질문을 읽지 않으므로 이 답은 쓰이지 않습니다",
                    "nothing in the guideline reads `{}`, so this answer is ignored",
                    id
                ),
                msg!("이 답을 지우십시오", "remove this answer"),
            ),
        };
        out.push(
            source
                .diagnostic(RULE.code, Some(key.span()), message)
                .with_help(help),
        );
    }
    out
}

/// Why a question is not asked, in words: the guideline's reason, else its condition.
fn why_not_asked(condition: &str, reason: Option<&Text>, g: &Guideline, lang: Lang) -> String {
    match reason {
        Some(r) => r.show(g.lang(lang)).to_owned(),
        None => crate::tr!(
            lang,
            "질문 조건 `{}`에 해당하지 않습니다.",
            "Its condition `{}` is false.",
            condition
        ),
    }
}

/// Why nothing that reads a question counts: each indicator that reads it, with why it does not
/// apply, as the report says it.
fn why_no_use(indicators: &[(String, Finding)], g: &Guideline, lang: Lang) -> String {
    indicators
        .iter()
        .map(|(id, finding)| {
            let title = g
                .indicator(id)
                .map(|i| i.title.show(g.lang(lang)).to_owned())
                .unwrap_or_default();
            format!("{id} {title}: {}", finding.message(lang))
        })
        .collect::<Vec<_>>()
        .join(" ")
}
