//! `self-test-failed`: a guideline self-test's expectation does not hold.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::SelfTestFailed,
    summary: Words {
        ko: "가이드라인 자체 시험의 기대가 맞지 않습니다.",
        en: "A guideline self-test's expectation does not hold.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

패키지 `tests/`의 시험 사례를 채점했을 때 지표의 상태, 수준, 점수, 권고(개선 과제에 들어 있어야 할 말), 또는 총점(허용 오차 안), 등급, 경고해야 할 점검이 기대와 다릅니다.

## 왜 중요한가

자체 시험은 가이드라인의 뜻을 고정합니다. 규칙, 수준, 조건을 바꿔 채점 결과가 달라지면 기업이 보기 전에 시험 줄에 나타납니다.

## 고치는 법

의도한 변경이면 기대를 고치고, 아니면 가이드라인을 고치십시오. 시험 형식은 `docs/guideline-format.md`에 있습니다.
"##,
        en: r##"## What it finds

A test case under the package's `tests/` whose answers, when scored, do not give the expected status, level, points or recommendation (words its gap must contain) of an indicator, the expected total (within its tolerance), the expected grade, or a warning of a check it expects.

## Why it matters

Self-tests pin what the guideline means: a change to a rule, a level or a condition that alters a scored outcome shows up here, at the test's line, before firms see it.

## How to fix

If the change was intended, update the expectation; if not, fix the guideline. The test format is in `docs/guideline-format.md`.
"##,
    },
    example: Words {
        ko: r##"```toml
[expect.indicators]
G-1-1 = "not_applicable"   # 대표가 직접 경영하는 회사가 이사회 항목으로 채점되면 실패
```
"##,
        en: r##"```toml
[expect.indicators]
G-1-1 = "not_applicable"   # fails if an owner-run firm is scored on board items
```
"##,
    },
};
