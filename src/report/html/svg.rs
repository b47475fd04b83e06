//! The report's charts as inline SVG: horizontal bars only, coloured through classes of the
//! stylesheet and `fill`/`stroke` attributes (never a `style` attribute), each with `role="img"`,
//! a `<title>` and a `<desc>` that say its numbers in words. A table with the same numbers follows
//! every chart in the report, so nothing is shown only as a picture.

use maud::{Markup, html};
use unicode_width::UnicodeWidthChar;

use super::super::sections::{AreaLine, Gaps, Ghg, Report};
use crate::scorecard::GradeRef;
use crate::text::{Lang, Measure, TCO2E, with_unit};
use crate::tr;

/// The width of every chart's drawing, in its own units (the page scales it).
const WIDTH: f64 = 680.0;

/// A coordinate or length, with one decimal.
fn n(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0")
        .map_or_else(|| s.clone(), str::to_owned)
}

/// `s` cut with `…` to about `px` units of 12-unit text (a Korean syllable is about 12 wide, a
/// Latin letter about 7).
fn fit(s: &str, px: f64) -> String {
    let width = |c: char| {
        if c.width().unwrap_or(1) >= 2 {
            12.0
        } else {
            6.8
        }
    };
    let total: f64 = s.chars().map(width).sum();
    if total <= px {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 7.0;
    for c in s.chars() {
        used += width(c);
        if used > px {
            break;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// An area's points toward the total: earned and available, with the weights of the areas that
/// have a score (the total is their weighted mean).
pub(super) struct AreaPoints {
    pub earned: Option<f64>,
    pub available: Option<f64>,
}

/// Each area's points toward the total.
pub(super) fn area_points(areas: &[AreaLine<'_>]) -> Vec<AreaPoints> {
    let total_w: f64 = areas
        .iter()
        .filter(|a| a.area.score.is_some())
        .map(|a| a.area.weight)
        .sum();
    areas
        .iter()
        .map(|a| match a.area.score {
            Some(s) if total_w > 0.0 => AreaPoints {
                earned: Some(s * a.area.weight / total_w),
                available: Some(100.0 * a.area.weight / total_w),
            },
            _ => AreaPoints {
                earned: None,
                available: None,
            },
        })
        .collect()
}

/// The grade bands as ranges of 0 to 100, lowest first: (min, upper, index from the lowest).
fn bands(grades: &[GradeRef]) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let mut upper = 100.0;
    for g in grades {
        let min = g.min.clamp(0.0, 100.0);
        if min < upper {
            out.push((min, upper));
        }
        upper = min;
    }
    out.reverse();
    out
}

/// The areas against their weights: per area a track as long as the points it can give the
/// total, the grade bands on it in shades (darker is lower), and a bar of the points earned.
pub(super) fn areas(r: &Report<'_>, areas: &[AreaLine<'_>], points: &[AreaPoints]) -> Markup {
    let lang = r.lang;
    let row = 38.0;
    let top = 6.0;
    let height = top + row * areas.len() as f64 + 14.0;
    let x0 = 170.0;
    let span = 400.0;
    let most = points
        .iter()
        .filter_map(|p| p.available)
        .fold(0.0_f64, f64::max);
    let bands = bands(&r.card.guideline.grades);
    let title = lang.pick(
        "영역별 점수: 종합 점수 100점 가운데 각 영역이 얻은 점수",
        "Areas: the points each area gives of the total of 100",
    );
    let desc: Vec<String> = areas
        .iter()
        .zip(points)
        .map(|(a, p)| match (a.area.score, p.earned, p.available) {
            (Some(s), Some(e), Some(m)) => tr!(
                lang,
                "{}: {}점 (100점 만점), 가중치 {}, 종합 점수에 {}점 / {}점",
                "{}: {} of 100, weight {}, {} of {} points of the total",
                a.name,
                Measure::Score.show(s),
                a.weight,
                Measure::Gain.show(e),
                Measure::Gain.show(m)
            ),
            _ => format!("{}: {}", a.name, a.score),
        })
        .collect();
    html! {
        svg.chart viewBox=(format!("0 0 {} {}", n(WIDTH), n(height))) role="img"
            aria-labelledby="esg-areas-title esg-areas-desc" {
            title #esg-areas-title { (title) }
            desc #esg-areas-desc { (desc.join(". ")) }
            @for (i, (a, p)) in areas.iter().zip(points).enumerate() {
                @let y = top + row * i as f64;
                text.label x="0" y=(n(y + 14.0)) { (fit(&a.name, x0 - 12.0)) }
                text.sub x="0" y=(n(y + 28.0)) {
                    (tr!(lang, "가중치 {} · {}점", "weight {} · score {}", a.weight, a.score))
                }
                @match (a.area.score, p.earned, p.available) {
                    (Some(score), Some(earned), Some(available)) if most > 0.0 => {
                        @let len = span * available / most;
                        @for (k, (lo, hi)) in bands.iter().enumerate() {
                            rect class=(format!("band-{}", k.min(4))) x=(n(x0 + len * lo / 100.0))
                                y=(n(y + 3.0)) width=(n(len * (hi - lo) / 100.0)) height="26" {}
                        }
                        @for (lo, _) in bands.iter().skip(1) {
                            line.band-edge x1=(n(x0 + len * lo / 100.0)) x2=(n(x0 + len * lo / 100.0))
                                y1=(n(y + 3.0)) y2=(n(y + 29.0)) {}
                        }
                        rect.bar x=(n(x0)) y=(n(y + 9.5))
                            width=(n(len * score.clamp(0.0, 100.0) / 100.0)) height="13" {}
                        rect.track x=(n(x0)) y=(n(y + 3.0)) width=(n(len)) height="26" {}
                        text.value x=(n(x0 + len + 10.0)) y=(n(y + 20.5)) {
                            (Measure::Gain.show(earned))
                            tspan.sub { " / " (Measure::Gain.show(available)) }
                        }
                    }
                    _ => {
                        text.sub x=(n(x0)) y=(n(y + 20.5)) { (a.score) }
                    }
                }
            }
            text.axis x=(n(x0)) y=(n(height - 2.0)) {
                (lang.pick(
                    "막대: 얻은 점수 · 칸: 이 영역이 줄 수 있는 점수와 등급 구간",
                    "bar: points earned · box: points the area can give, with the grade bands"
                ))
            }
        }
    }
}

/// The GHG inventory: the total by scope as one stacked bar, then each source, on one scale.
pub(super) fn ghg(r: &Report<'_>, g: &Ghg<'_>) -> Option<Markup> {
    let lang = r.lang;
    let inv = g.inventory;
    if g.sources.is_empty() {
        return None;
    }
    let s1 = inv.scope1.unwrap_or(0.0);
    let s2 = inv.scope2_location.unwrap_or(0.0);
    let total = s1 + s2;
    let most = g
        .sources
        .iter()
        .map(|s| s.source.tco2e)
        .fold(total, f64::max);
    if most <= 0.0 {
        return None;
    }
    let x0 = 215.0;
    let span = 350.0;
    let row = 30.0;
    let head = 44.0;
    let scale = |t: f64| span * t.max(0.0) / most;
    let title = tr!(
        lang,
        "{}: Scope와 배출원별 배출량 (tCO2e)",
        "{}: emissions by scope and source (tCO2e)",
        g.title
    );
    let mut desc = vec![tr!(
        lang,
        "합계(위치 기준) {} tCO2e: Scope 1 {}, Scope 2 {}",
        "Total (location-based) {} tCO2e: Scope 1 {}, Scope 2 {}",
        Measure::Tonnes.show(total),
        Measure::Tonnes.show(s1),
        Measure::Tonnes.show(s2)
    )];
    desc.extend(g.sources.iter().map(|s| {
        format!(
            "{} (Scope {}): {} tCO2e",
            s.title,
            s.scope,
            Measure::Tonnes.show(s.source.tco2e)
        )
    }));
    let total_label = lang.pick("합계 (위치 기준)", "Total (location-based)");
    // Each scope's heading, then its sources, one below the other.
    let mut y = 6.0 + head;
    let mut headings = Vec::new();
    let mut rows = Vec::new();
    for sc in [1u8, 2] {
        let of_scope: Vec<_> = g.sources.iter().filter(|s| s.source.scope == sc).collect();
        if of_scope.is_empty() {
            continue;
        }
        headings.push((sc, y));
        y += 22.0;
        for s in of_scope {
            rows.push((s, y));
            y += row;
        }
    }
    let height = y + 6.0;
    let top = 6.0;
    Some(html! {
        svg.chart viewBox=(format!("0 0 {} {}", n(WIDTH), n(height))) role="img"
            aria-labelledby="esg-ghg-title esg-ghg-desc" {
            title #esg-ghg-title { (title) }
            desc #esg-ghg-desc { (desc.join(". ")) }
            defs {
                pattern #esg-hatch width="6" height="6" patternUnits="userSpaceOnUse"
                    patternTransform="rotate(45)" {
                    line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"
                        stroke-opacity="0.55" {}
                }
            }
            text.label x="0" y=(n(top + 18.0)) { (total_label) }
            rect.scope-1 x=(n(x0)) y=(n(top + 4.0)) width=(n(scale(s1))) height="20" {}
            rect.scope-2 x=(n(x0 + scale(s1))) y=(n(top + 4.0)) width=(n(scale(s2))) height="20" {}
            rect x=(n(x0 + scale(s1))) y=(n(top + 4.0)) width=(n(scale(s2))) height="20"
                fill="url(#esg-hatch)" {}
            text.value x=(n(x0 + scale(total) + 8.0)) y=(n(top + 19.0)) {
                (with_unit(&Measure::Tonnes.show(total), Some(TCO2E)))
            }
            line.grid x1="0" x2=(n(WIDTH)) y1=(n(top + head - 8.0)) y2=(n(top + head - 8.0)) {}
            @for (sc, hy) in &headings {
                text.sub x="0" y=(n(hy + 14.0)) { "Scope " (sc) }
            }
            @for (s, ry) in &rows {
                @let w = scale(s.source.tco2e);
                text x="12" y=(n(ry + 17.0)) { (fit(&s.title, x0 - 24.0)) }
                rect class=(format!("scope-{}", s.source.scope)) x=(n(x0)) y=(n(ry + 4.0))
                    width=(n(w)) height="18" {}
                @if s.source.scope == 2 {
                    rect x=(n(x0)) y=(n(ry + 4.0)) width=(n(w)) height="18"
                        fill="url(#esg-hatch)" {}
                }
                text.value x=(n(x0 + w + 8.0)) y=(n(ry + 18.0)) {
                    (Measure::Tonnes.show(s.source.tco2e))
                }
            }
        }
    })
}

/// The gaps shown, largest gain first, as bars of the points each would add to the total.
pub(super) fn gaps(lang: Lang, gaps: &Gaps<'_>) -> Option<Markup> {
    let shown: Vec<_> = gaps.shown().collect();
    let most = shown.iter().map(|g| g.gap.gain).fold(0.0_f64, f64::max);
    if shown.is_empty() || most <= 0.0 {
        return None;
    }
    let x0 = 290.0;
    let span = 310.0;
    let row = 28.0;
    let height = 6.0 + row * shown.len() as f64 + 4.0;
    let title = lang.pick(
        "개선 우선순위: 지표를 개선하면 종합 점수가 오르는 폭",
        "Top gaps: how much the total would rise with each indicator at its best level",
    );
    let desc: Vec<String> = shown
        .iter()
        .map(|g| format!("{}. {}: {}", g.gap.rank, g.name, g.gain))
        .collect();
    Some(html! {
        svg.chart viewBox=(format!("0 0 {} {}", n(WIDTH), n(height))) role="img"
            aria-labelledby="esg-gaps-title esg-gaps-desc" {
            title #esg-gaps-title { (title) }
            desc #esg-gaps-desc { (desc.join(". ")) }
            @for (i, g) in shown.iter().enumerate() {
                @let y = 6.0 + row * i as f64;
                text.sub x="0" y=(n(y + 17.0)) { (g.gap.rank) "." }
                text x="22" y=(n(y + 17.0)) { (fit(&g.name, x0 - 34.0)) }
                rect.gain-bar x=(n(x0)) y=(n(y + 4.0)) width=(n(span * g.gap.gain / most))
                    height="18" {}
                text.value x=(n(x0 + span * g.gap.gain / most + 8.0)) y=(n(y + 18.0)) { (g.gain) }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_cut_to_fit() {
        assert_eq!(fit("E-3-1", 100.0), "E-3-1");
        let cut = fit("E-3-1 온실가스 배출량 감축 목표와 실적", 120.0);
        assert!(cut.ends_with('…') && cut.starts_with("E-3-1"), "{cut}");
    }

    #[test]
    fn bands_cover_zero_to_hundred_lowest_first() {
        let g = |id: &str, min: f64| GradeRef {
            id: id.to_owned(),
            title: crate::text::Text::both(id, id),
            min,
        };
        let b = bands(&[g("A", 80.0), g("B", 50.0), g("C", 0.0)]);
        assert_eq!(b, vec![(0.0, 50.0), (50.0, 80.0), (80.0, 100.0)]);
    }
}
