//! `bands-overlap`: two bands of a bands or trend rule overlap.

use super::Package;
use super::{Rule, Words};
use crate::code::Code;
use crate::guideline::RuleKind;
use crate::msg;
use crate::source::Diagnostic;

/// The rule.
pub static RULE: Rule = Rule {
    code: Code::BandsOverlap,
    summary: Words {
        ko: "구간 규칙의 두 구간이 겹칩니다.",
        en: "Two bands of a bands or trend rule overlap.",
    },
    explanation: Words {
        ko: r##"## 무엇을 찾나

`bands`나 `trend` 규칙의 두 수준의 `[min, max)` 범위가 값을 공유합니다.

## 왜 중요한가

겹치는 값은 두 수준에 모두 맞아 조용히 더 좋은 수준을 받습니다. 낮은 수준의 설명은 해당하지 않는 기업을 묘사하게 됩니다.

## 고치는 법

앞 구간이 끝나는 곳에서 다음 구간을 시작하십시오. 한 구간의 `max`가 다음 구간의 `min`과 같아야 합니다.
"##,
        en: r##"## What it finds

Two levels of a `bands` or `trend` rule whose `[min, max)` ranges share values.

## Why it matters

A value in the overlap matches both levels and silently gets the better one; the lower level's text then describes firms it never applies to.

## How to fix

Make each band start where the one before ends: `max` of one equal to `min` of the next.
"##,
    },
    example: Words {
        ko: r##"```toml
[[indicator.level]]
points = 0
min = 50
[[indicator.level]]
points = 1
max = 60   # 잘못: 50~60이 두 구간에 다 듭니다. max = 50으로
```
"##,
        en: r##"```toml
[[indicator.level]]
points = 0
min = 50
[[indicator.level]]
points = 1
max = 60   # wrong: 50 to 60 is in both bands; use max = 50
```
"##,
    },
};

/// The `[min, max)` band of each level of a bands or trend rule, with the level's position.
pub(super) fn bands(raw: &crate::guideline::model::RawIndicator) -> Option<Vec<(f64, f64, usize)>> {
    let kind = *raw.rule.get_ref().kind.get_ref();
    if !matches!(kind, RuleKind::Bands | RuleKind::Trend) {
        return None;
    }
    Some(
        raw.level
            .iter()
            .enumerate()
            .map(|(n, l)| {
                let l = l.get_ref();
                let lo = l.min.as_ref().map_or(f64::NEG_INFINITY, |m| *m.get_ref());
                let hi = l.max.as_ref().map_or(f64::INFINITY, |m| *m.get_ref());
                (lo, hi, n)
            })
            .collect(),
    )
}

/// Where a level's band is written: its `min`, else its `max`, else the level.
pub(super) fn bound_span(
    raw: &crate::guideline::model::RawIndicator,
    level: usize,
) -> std::ops::Range<usize> {
    let l = &raw.level[level];
    let r = l.get_ref();
    r.min
        .as_ref()
        .or(r.max.as_ref())
        .map_or_else(|| l.span(), toml::Spanned::span)
}

pub(super) fn show(x: f64) -> String {
    if x.is_infinite() {
        if x < 0.0 { "-∞".into() } else { "∞".into() }
    } else {
        crate::text::number(x, 2)
    }
}

/// Finds two levels whose bands share values.
pub fn check(p: &Package<'_>, out: &mut Vec<Diagnostic>) {
    for (fi, raw) in p.raw_indicators() {
        let Some(bands) = bands(raw) else { continue };
        for (i, a) in bands.iter().enumerate() {
            for b in &bands[i + 1..] {
                let lo = a.0.max(b.0);
                let hi = a.1.min(b.1);
                if lo < hi {
                    out.push(
                        p.at(
                            RULE.code,
                            fi,
                            bound_span(raw, b.2),
                            msg!(
                                "`{}` 지표: 수준 {}의 구간이 수준 {}의 구간과 {}에서 {}까지 겹칩니다",
                                "indicator `{}`: level {} overlaps level {} from {} to {}",
                                raw.id.get_ref(),
                                b.2 + 1,
                                a.2 + 1,
                                show(lo),
                                show(hi)
                            ),
                        )
                        .with_help(msg!(
                            "겹친 곳의 값은 두 수준에 다 맞아 더 높은 수준이 됩니다. 각 구간이 앞 구간이 끝나는 곳에서 시작하게 하십시오",
                            "a value there matches both levels and gets the better one; let each band start where the one before ends"
                        )),
                    );
                }
            }
        }
    }
}
