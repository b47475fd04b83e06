//! `bands-gap`: the bands of a bands or trend rule leave a gap.

use super::Package;
use super::bands_overlap::{bands, show};
use super::{Rule, Words};
use crate::code::Code;
use crate::msg;
use crate::source::Diagnostic;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::BandsGap,
    summary: Words {
        ko: "구간 규칙의 구간 사이에 빈틈이 있습니다.",
        en: "The bands of a bands or trend rule leave a gap.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

가장 낮은 구간과 가장 높은 구간 사이에 어느 구간도 덮지 않는 값이 있습니다.

## 왜 중요한가

빈틈의 값은 어떤 수준에도 맞지 않아 크기와 상관없이 가장 낮은 수준으로 떨어집니다. 빈틈에 든 기업은 아무것도 하지 않은 것처럼 채점됩니다.

## 고치는 법

빈틈을 메우십시오. 각 구간이 앞 구간이 끝나는 곳에서 시작하게 하면 됩니다.
"##,
        en: r##"## What it finds

Values between the lowest and the highest band that no band covers.

## Why it matters

A value in the gap matches no level and falls to the worst one, whatever its size: a firm just inside the gap is scored as if it did nothing.

## How to fix

Close the gap: let each band start exactly where the one before ends.
"##,
    },
    example: Words {
        ko: r##"```toml
[[indicator.level]]
points = 0
max = 10
[[indicator.level]]
points = 1
min = 20   # 잘못: 10~20은 어느 구간에도 없습니다. min = 10으로
```
"##,
        en: r##"```toml
[[indicator.level]]
points = 0
max = 10
[[indicator.level]]
points = 1
min = 20   # wrong: 10 to 20 is in no band; use min = 10
```
"##,
    },
};

/// Finds values between the lowest and the highest band that no band covers.
pub fn check(p: &Package<'_>, out: &mut Vec<Diagnostic>) {
    for (fi, raw) in p.raw_indicators() {
        let Some(mut bands) = bands(raw) else {
            continue;
        };
        bands.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut reach = f64::NEG_INFINITY;
        for (n, &(lo, hi, level)) in bands.iter().enumerate() {
            if n > 0 && lo > reach {
                out.push(
                    p.at(
                        RULE.code,
                        fi,
                        super::bands_overlap::bound_span(raw, level),
                        msg!(
                            "`{}` 지표: {}에서 {} 사이의 값에 해당하는 수준이 없습니다",
                            "indicator `{}`: no level covers {} to {}",
                            raw.id.get_ref(),
                            show(reach),
                            show(lo)
                        ),
                    )
                    .with_help(msg!(
                        "빈틈의 값은 가장 낮은 수준이 됩니다. 각 구간이 앞 구간이 끝나는 곳에서 시작하게 하십시오",
                        "a value in the gap falls to the worst level; let each band start where the one before ends"
                    )),
                );
            }
            reach = reach.max(hi);
        }
    }
}
