//! `missing-reason`: in a package that declares itself complete, a condition without its reason.

use super::Package;
use super::{Rule, Words};
use crate::code::Code;
use crate::msg;
use crate::source::Diagnostic;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::MissingReason,
    summary: Words {
        ko: "완성을 선언한 가이드라인에서 조건에 이유 문구가 없습니다.",
        en: "A condition has no reason in a package that declares itself complete.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

`[guideline]`에 `complete = true`를 적은 패키지에서 `applies_if_reason`이 없는 지표의 `applies_if`, `ask_if_reason`이 없는 질문의 `ask_if`입니다.

## 왜 중요한가

조건이 거짓이면 지표는 평가에서 빠지고 질문은 묻지 않습니다. 보고서는 그 까닭을 기업에 알려야 하는데, 이유 문구가 없으면 사람이 읽을 말 대신 조건식만 남습니다. `complete = true`는 기업이 읽는 글을 모두 갖췄다는 약속이므로, 빠진 이유는 그 약속을 깹니다.

## 고치는 법

조건마다 그 조건이 거짓일 때의 사정을 짧은 문장으로, 선언한 모든 언어로 적으십시오. 조건이 검사하는 것을 빠짐없이 말하고, 질문 id나 식은 쓰지 마십시오. 질문의 이유는 그 질문이 필요한 지표가 해당하지 않는 까닭으로도 쓰이므로 원인으로 적으십시오(“이사회가 없어 해당하지 않습니다.”).
"##,
        en: r##"## What it finds

In a package whose `[guideline]` says `complete = true`: an indicator's `applies_if` without `applies_if_reason`, or a question's `ask_if` without `ask_if_reason`.

## Why it matters

When the condition is false the indicator is left out and the question is not asked, and the report has to tell the firm why. Without a reason it can only show the formula, which an owner cannot read. `complete = true` promises that every text an owner reads is written; a missing reason breaks that promise.

## How to fix

Beside each condition, say in a short sentence, in every declared language, what is the case when it is false: cover everything the condition tests, and name no question id or formula. A question's reason is also shown for every indicator that needs the question, so write it as the cause ("Does not apply: the firm has no board of directors.").
"##,
    },
    example: Words::same(
        r##"```toml
[guideline]
complete = true

[[indicator]]
id = "E-5-2"
applies_if = "has_manufacturing_site"
applies_if_reason = { ko = "공장이나 제조 설비가 없어 해당하지 않습니다.", en = "Does not apply: the firm has no factory or manufacturing equipment." }
```
"##,
    ),
};

/// In a package that declares itself complete, finds every `applies_if` and `ask_if` without its
/// reason.
pub fn check(p: &Package<'_>, out: &mut Vec<Diagnostic>) {
    let complete = p
        .files
        .iter()
        .filter_map(|(_, f)| f.guideline.as_ref())
        .any(|h| h.get_ref().complete);
    if !complete {
        return;
    }
    for (fi, (_, file)) in p.files.iter().enumerate() {
        for q in &file.question {
            if let (Some(cond), None) = (&q.ask_if, &q.ask_if_reason) {
                out.push(
                    p.at(
                        RULE.code,
                        fi,
                        cond.span(),
                        msg!(
                            "`{}` 질문에 `ask_if`는 있지만 `ask_if_reason`이 없습니다",
                            "question `{}` has `ask_if` but no `ask_if_reason`",
                            q.id.get_ref()
                        ),
                    )
                    .with_help(msg!(
                        "완성을 선언한 패키지입니다: 질문을 묻지 않는 까닭을 기업이 읽을 말로 `ask_if_reason = {{ ko = \"…\", en = \"…\" }}`에 적으십시오",
                        "the package declares itself complete: add `ask_if_reason = {{ ko = \"…\", en = \"…\" }}`, why the question is not asked, in words an owner reads"
                    )),
                );
            }
        }
        for ind in &file.indicator {
            if let (Some(cond), None) = (&ind.applies_if, &ind.applies_if_reason) {
                out.push(
                    p.at(
                        RULE.code,
                        fi,
                        cond.span(),
                        msg!(
                            "`{}` 지표에 `applies_if`는 있지만 `applies_if_reason`이 없습니다",
                            "indicator `{}` has `applies_if` but no `applies_if_reason`",
                            ind.id.get_ref()
                        ),
                    )
                    .with_help(msg!(
                        "완성을 선언한 패키지입니다: 지표가 해당하지 않는 까닭을 기업이 읽을 말로 `applies_if_reason = {{ ko = \"…\", en = \"…\" }}`에 적으십시오",
                        "the package declares itself complete: add `applies_if_reason = {{ ko = \"…\", en = \"…\" }}`, why the indicator does not apply, in words an owner reads"
                    )),
                );
            }
        }
    }
}
