//! `unknown-file`: a file that is neither an answers file nor part of a guideline package.

use super::{Rule, Words};
use crate::code::Code;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::UnknownFile,
    summary: Words {
        ko: "응답 파일도 아니고 가이드라인 패키지의 파일도 아닙니다.",
        en: "A file is neither an answers file nor part of a guideline package.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

`esg lint`에 주어졌거나 디렉터리에서 찾은 `.toml` 파일 가운데 `[firm]`이나 `[answers]` 표가 없고(또는 `--as guideline`으로 가이드라인 파일로 읽게 했는데), 그 위의 어느 디렉터리에도 `guideline.toml`이 없는 파일입니다. 빈 파일도 여기에 해당합니다.

## 왜 중요한가

무엇을 기준으로 검사할지 알 수 없으므로 이 파일은 검사되지 않았습니다. 오타가 있는 응답 파일이거나 패키지 밖으로 옮겨진 가이드라인 파일일 수 있습니다. 다른 경로는 계속 검사됩니다.

## 고치는 법

응답 파일이면 `[firm]`과 `[answers]` 표를 쓰거나(`esg init`이 틀을 만듭니다) `--as answers`로 검사하십시오. 가이드라인 파일이면 `guideline.toml`이 있는 패키지 디렉터리 안에 두십시오. 둘 다 아니면 검사할 경로에서 빼십시오.
"##,
        en: r##"## What it finds

A `.toml` file given to `esg lint`, or found in a directory, that has no `[firm]` or `[answers]` table (or that `--as guideline` says to read as a guideline file), and with no `guideline.toml` in any directory above it. An empty file is one.

## Why it matters

Lint cannot tell what to check it against, so the file was not checked. It may be an answers file with a typo in its tables, or a guideline file moved out of its package. The other paths are still checked.

## How to fix

For an answers file, give it its `[firm]` and `[answers]` tables (`esg init` writes a template), or check it with `--as answers`. For a guideline file, put it in its package directory, the one with `guideline.toml`. Otherwise, leave it out of the paths to check.
"##,
    },
    example: Words {
        ko: r##"```toml
# 패키지 밖의 notes.toml: [firm]도 [answers]도 없음
reviewed = true
```
"##,
        en: r##"```toml
# notes.toml, outside any package: neither [firm] nor [answers]
reviewed = true
```
"##,
    },
};
