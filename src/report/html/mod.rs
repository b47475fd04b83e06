//! The HTML report: one self-contained page (its one stylesheet inline, charts as inline SVG, no
//! script, no `style` attribute, nothing loaded from anywhere) that reads well on screen and
//! prints to A4. It is one more [`Writer`] of the report's sections, so it says what the other
//! formats say; every text from a file goes through maud, which escapes it.
//!
//! For a server: [`STYLESHEET`] is the text of the page's one `<style>` element, and [`body`] the
//! report without `<html>` and `<head>`; [`document`] is the whole page.

mod index;
mod svg;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::sections::{
    self, AreaLine, Figure, Gaps, Ghg, Heading, Headline, IndicatorLine, LeftOut, Report,
    WarningLine, Writer,
};
use crate::scorecard::{Scorecard, Status};
use crate::text::{Lang, Measure, Ui};
use crate::tr;

pub use index::{Index, statistics};

/// The report's stylesheet: the text of the page's one `<style>` element. It holds no URL.
pub const STYLESHEET: &str = include_str!("report.css");

/// The report's content, without `<html>`, `<head>` or the stylesheet: one `<article
/// class="esg-report">`.
#[must_use]
pub fn body(report: &Report<'_>) -> Markup {
    let mut parts = Parts::default();
    // Writing markup into memory cannot fail.
    let _ = sections::write(report, &mut parts);
    parts.assemble(report)
}

/// The whole page: `<!DOCTYPE html>`, the language, the title, the stylesheet and [`body`].
#[must_use]
pub fn document(report: &Report<'_>) -> Markup {
    document_all(std::slice::from_ref(report))
}

/// What the foot of every printed page says before its number: "한솔푸드텍(주) · 진단일
/// 2026-03-10". The stylesheet reads it from the `data-esg-footer` attribute of `<html>` (a
/// page margin box can show only what the page's root gives it), so a page that embeds [`body`]
/// sets that attribute to this text.
#[must_use]
pub fn footer(report: &Report<'_>) -> String {
    let (label, date) = report_date(report.card, report.lang);
    format!(
        "{} · {label} {date}",
        crate::text::visible(&report.card.firm.name)
    )
}

/// One page holding several reports of one firm (one per guideline), one after another; the
/// first gives the page its title and the foot of its printed pages.
#[must_use]
pub fn document_all(reports: &[Report<'_>]) -> Markup {
    let Some(first) = reports.first() else {
        return html! {};
    };
    let lang = first.lang;
    let title = format!(
        "{} · {}",
        first.card.firm.name,
        lang.pick("ESG 자가진단 보고서", "ESG self-assessment report")
    );
    html! {
        (DOCTYPE)
        html lang=(lang.code()) data-esg-footer=(footer(first)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light";
                title { (title) }
                style { (PreEscaped(STYLESHEET)) }
            }
            body {
                @for report in reports { (body(report)) }
            }
        }
    }
}

/// Writes one page of several reports to `out`.
pub(super) fn write_all(
    reports: &[Report<'_>],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    out.write_all(document_all(reports).into_string().as_bytes())?;
    out.flush()
}

/// Writes the whole page of `report` to `out`.
pub(super) fn write(report: &Report<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(document(report).into_string().as_bytes())?;
    out.flush()
}

/// The date a report names: the day the firm assessed itself, if its file says, else today
/// (from `SOURCE_DATE_EPOCH` when it is set, for reproducible output), with its label.
#[must_use]
pub fn report_date(card: &Scorecard, lang: Lang) -> (&'static str, String) {
    match card
        .firm
        .assessed_on
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => (lang.pick("진단일", "Assessed on"), d.to_owned()),
        None => (lang.pick("작성일", "Report date"), today()),
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`, or the date of `SOURCE_DATE_EPOCH` when it is set.
#[must_use]
pub fn today() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        });
    let (y, m, d) = civil(secs.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    // Both fit: 1 <= d <= 31, 1 <= m <= 12.
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

/// The sections as markup, collected as [`sections::write`] hands them over, and put in the
/// page's order by [`Parts::assemble`] (the lists of what was left out before the appendix of
/// every indicator).
#[derive(Default)]
struct Parts {
    headline: Option<Markup>,
    areas: Option<Markup>,
    figures: Option<Markup>,
    ghg: Option<Markup>,
    warnings: Option<Markup>,
    gaps: Option<Markup>,
    indicators: Option<Markup>,
    left_out: Option<Markup>,
}

impl Parts {
    fn assemble(self, r: &Report<'_>) -> Markup {
        let (label, date) = report_date(r.card, r.lang);
        html! {
            article.esg-report {
                (self.headline.unwrap_or_default())
                (self.areas.unwrap_or_default())
                (self.figures.unwrap_or_default())
                (self.ghg.unwrap_or_default())
                (self.warnings.unwrap_or_default())
                (self.gaps.unwrap_or_default())
                (self.left_out.unwrap_or_default())
                (self.indicators.unwrap_or_default())
                footer.report-foot {
                    span { (r.card.firm.name) " · " (label) " " (date) }
                    span.page-note { (r.headline.guideline) }
                }
            }
        }
    }
}

/// A number of indicators: "17개 지표", "17 indicators".
fn indicators(n: usize, lang: Lang) -> String {
    match (lang.ui(), n) {
        (Ui::Ko, n) => format!("{n}개 지표"),
        (Ui::En, 1) => "1 indicator".to_owned(),
        (Ui::En, n) => format!("{n} indicators"),
    }
}

/// The range of a grade band in words, from its minimum and the next band's.
fn band_range(min: f64, upper: Option<f64>, lang: Lang) -> String {
    let min = Measure::Score.show(min);
    match upper {
        None => tr!(lang, "{} 이상", "{} and above", min),
        Some(u) => tr!(
            lang,
            "{} 이상 {} 미만",
            "{} to under {}",
            min,
            Measure::Score.show(u)
        ),
    }
}

/// An indicator's name split into its code and title, for a table cell.
fn name_cell(id: &str, name: &str) -> Markup {
    let title = name.strip_prefix(id).map_or(name, str::trim_start);
    html! {
        span.code { (id) }
        (title)
    }
}

impl Writer for Parts {
    fn headline(&mut self, r: &Report<'_>, h: &Headline) -> std::io::Result<()> {
        let lang = r.lang;
        let card = r.card;
        let c = &card.completeness;
        let (date_label, date) = report_date(card, lang);
        let grades = &card.guideline.grades;
        let reached = card.grade.as_ref().map(|g| g.id.as_str());
        self.headline = Some(html! {
            header.cover {
                div {
                    p.kicker { (lang.pick("ESG 경영 자가진단 보고서", "ESG self-assessment report")) }
                    h1.firm { (h.firm) }
                }
                dl.facts {
                    @if let Some(b) = card.firm.business_number.as_deref().filter(|b| !b.trim().is_empty()) {
                        dt { (lang.pick("사업자등록번호", "Business number")) }
                        dd { (b) }
                    }
                    @if let Some(y) = card.firm.reporting_year {
                        dt { (lang.pick("보고연도", "Reporting year")) }
                        dd { (y) }
                    }
                    dt { (date_label) }
                    dd { (date) }
                    @if let Some(contact) = card.firm.contact.as_deref().filter(|b| !b.trim().is_empty()) {
                        dt { (lang.pick("연락처", "Contact")) }
                        dd { (contact) }
                    }
                }
            }
            p.guideline {
                (lang.pick("평가 기준", "Assessed against")) ": " strong { (h.guideline) }
            }
            section.headline aria-label=(lang.pick("종합 결과", "Result")) {
                dl.keys {
                    div.key-total {
                        dt { (lang.pick("종합 점수", "Total score")) }
                        dd {
                            span.total { (card.total.map_or_else(|| "–".to_owned(), |t| Measure::Score.show(t))) }
                            span.out-of { "/ 100" }
                        }
                    }
                    div {
                        dt { (lang.pick("등급", "Grade")) }
                        dd.big {
                            @match &card.grade {
                                Some(g) => { span.badge { (g.id) } (g.title.show(lang)) }
                                None => { "–" }
                            }
                        }
                    }
                    div {
                        dt { (lang.pick("응답 완성도", "Completeness")) }
                        dd {
                            span.big { (c.ratio.map_or_else(|| "–".to_owned(), |r| Measure::Share.show(r))) }
                            " "
                            span.small {
                                (tr!(lang, "{}/{} 지표 응답", "{} of {} indicators answered", c.scored, c.applicable))
                            }
                        }
                    }
                    div {
                        dt { (lang.pick("해당 없음", "Not applicable")) }
                        dd { span.big { (indicators(c.not_applicable, lang)) } }
                    }
                }
                @if !grades.is_empty() {
                    table.bands {
                        caption { (lang.pick("등급 기준 (종합 점수)", "Grade bands (total score)")) }
                        thead {
                            tr {
                                th { (lang.pick("등급", "Grade")) }
                                th { (lang.pick("수준", "Level")) }
                                th.num { (lang.pick("점수 구간", "Score")) }
                            }
                        }
                        tbody {
                            @for (i, g) in grades.iter().enumerate() {
                                @let upper = i.checked_sub(1).map(|j| grades[j].min);
                                @let is_reached = reached == Some(g.id.as_str());
                                tr class=[is_reached.then_some("reached")] {
                                    td { (g.id) }
                                    td {
                                        (g.title.show(lang))
                                        @if is_reached {
                                            " " span.marker { (lang.pick("◀ 현재", "◀ this firm")) }
                                        }
                                    }
                                    td.num { (band_range(g.min, upper, lang)) }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(p) = &h.policy {
                p.policy { (p) }
            }
            p.disclaimer {
                (lang.pick(
                    "이 보고서는 회사가 스스로 답한 자가진단 결과이며, 제3자의 검증을 받지 않았습니다.",
                    "This report is a self-assessment from the firm's own answers; it has not been verified by a third party."
                ))
            }
        });
        Ok(())
    }

    fn areas(&mut self, r: &Report<'_>, areas: &[AreaLine<'_>]) -> std::io::Result<()> {
        let lang = r.lang;
        let points = svg::area_points(areas);
        let earned: f64 = points.iter().filter_map(|p| p.earned).sum();
        let weights: f64 = areas.iter().map(|a| a.area.weight).sum();
        self.areas = Some(html! {
            section.areas {
                h2 { (lang.pick("영역별 결과", "Results by area")) }
                figure.chart {
                    (svg::areas(r, areas, &points))
                }
                div.table-wrap {
                    table.data {
                        thead {
                            tr {
                                th { (lang.pick("영역", "Area")) }
                                th.num { (lang.pick("점수 (100점 만점)", "Score (of 100)")) }
                                th.num { (lang.pick("가중치", "Weight")) }
                                th.num { (lang.pick("종합 점수 기여", "Points of the total")) }
                                th.num { (lang.pick("완성도", "Complete")) }
                                th.num { (lang.pick("해당 없음", "N/A")) }
                            }
                        }
                        tbody {
                            @for (a, p) in areas.iter().zip(&points) {
                                tr {
                                    th scope="row" { (a.name) }
                                    td.num { (a.score) }
                                    td.num { (a.weight) }
                                    td.num {
                                        @match (p.earned, p.available) {
                                            (Some(e), Some(m)) => { (Measure::Gain.show(e)) " / " (Measure::Gain.show(m)) }
                                            _ => { "–" }
                                        }
                                    }
                                    td.num { (a.completeness) }
                                    td.num { (a.area.completeness.not_applicable) }
                                }
                            }
                        }
                        @if let Some(total) = r.card.total {
                            tfoot {
                                tr {
                                    th scope="row" { (lang.pick("종합", "Total")) }
                                    td.num { (Measure::Score.show(total)) }
                                    td.num { (Measure::Points.show(weights)) }
                                    td.num { (Measure::Gain.show(earned)) " / 100" }
                                    td.num { (r.card.completeness.ratio.map_or_else(|| "–".to_owned(), |x| Measure::Share.show(x))) }
                                    td.num { (r.card.completeness.not_applicable) }
                                }
                            }
                        }
                    }
                }
            }
        });
        Ok(())
    }

    fn figures(&mut self, r: &Report<'_>, figures: &[Figure<'_>]) -> std::io::Result<()> {
        if figures.is_empty() {
            return Ok(());
        }
        self.figures = Some(html! {
            section.figures {
                h2 { (r.heading(Heading::Figures)) }
                dl.figure-grid {
                    @for f in figures {
                        div.figure {
                            dt { (f.title) }
                            dd {
                                span.value { (f.value) }
                                @if !f.unit.is_empty() {
                                    " " span.unit { (f.unit) }
                                }
                            }
                        }
                    }
                }
            }
        });
        Ok(())
    }

    fn ghg(&mut self, r: &Report<'_>, ghg: &Ghg<'_>) -> std::io::Result<()> {
        let lang = r.lang;
        let chart = svg::ghg(r, ghg);
        self.ghg = Some(html! {
            section.ghg.new-page {
                h2 { (ghg.title) }
                @if let Some(chart) = chart {
                    figure.chart {
                        (chart)
                        figcaption {
                            ul.legend {
                                li { span.swatch.scope-1 {} (lang.pick("Scope 1: 직접 배출 (연료 연소 등)", "Scope 1: direct (fuel burnt and the like)")) }
                                li { span.swatch.scope-2 {} (lang.pick("Scope 2: 구입한 전기·열 (빗금)", "Scope 2: electricity and heat bought (hatched)")) }
                            }
                        }
                    }
                }
                @if !ghg.sources.is_empty() {
                    div.table-wrap {
                        table.data {
                            thead {
                                tr {
                                    th { (lang.pick("배출원", "Source")) }
                                    th.num { "Scope" }
                                    th.num { (lang.pick("활동량", "Activity")) }
                                    th.num { (lang.pick("배출계수 [계수표]", "Factor [tables]")) }
                                    th.num { (crate::text::TCO2E) }
                                    th.num { (lang.pick("시장 기준", "Market-based")) }
                                }
                            }
                            tbody {
                                @for s in &ghg.sources {
                                    tr {
                                        th scope="row" { (s.title) }
                                        td.num { (s.scope) }
                                        td.num { (s.activity) }
                                        td.num { (s.factor) " " (s.tables) }
                                        td.num { (s.tco2e) }
                                        td.num { (s.market.as_deref().unwrap_or("")) }
                                    }
                                }
                            }
                        }
                    }
                }
                ul.totals {
                    @for line in &ghg.totals {
                        li { (line) }
                    }
                }
                @if !ghg.notes.is_empty() {
                    ul.notes {
                        @for line in &ghg.notes {
                            li { (line) }
                        }
                    }
                }
                @if !ghg.tables.is_empty() {
                    h3 { (r.heading(Heading::FactorTables)) }
                    ul.sources-list {
                        @for t in &ghg.tables {
                            li { (t) }
                        }
                    }
                }
            }
        });
        Ok(())
    }

    fn warnings(&mut self, r: &Report<'_>, warnings: &[WarningLine<'_>]) -> std::io::Result<()> {
        if warnings.is_empty() {
            return Ok(());
        }
        self.warnings = Some(html! {
            section.warnings-section {
                h2 { (r.heading(Heading::Warnings)) }
                ul.warnings {
                    @for w in warnings {
                        li { (w.message) }
                    }
                }
            }
        });
        Ok(())
    }

    fn gaps(&mut self, r: &Report<'_>, gaps: &Gaps<'_>) -> std::io::Result<()> {
        if gaps.all.is_empty() {
            return Ok(());
        }
        let lang = r.lang;
        let chart = svg::gaps(lang, gaps);
        self.gaps = Some(html! {
            section.gaps.new-page {
                h2 { (gaps.heading) }
                p.muted {
                    (lang.pick(
                        "지표를 가장 높은 단계로 올렸을 때 종합 점수가 오르는 폭이 큰 순서입니다.",
                        "Ranked by how much the total would rise with the indicator at its best level."
                    ))
                }
                @if let Some(chart) = chart {
                    figure.chart { (chart) }
                }
                div.table-wrap {
                    table.data.gap-table {
                        colgroup {
                            col.c-rank; col.c-name; col.c-gain; col.c-next; col.c-todo; col.c-effort;
                        }
                        thead {
                            tr {
                                th.rank { "#" }
                                th { (lang.pick("지표", "Indicator")) }
                                th.num { (lang.pick("+점수", "Gain")) }
                                th { (lang.pick("다음 단계", "Next level")) }
                                th { (lang.pick("할 일", "What to do")) }
                                th { (lang.pick("노력", "Effort")) }
                            }
                        }
                        tbody {
                            @for l in gaps.shown() {
                                tr {
                                    td.rank.num { (l.gap.rank) }
                                    th scope="row" { (name_cell(&l.gap.indicator, &l.name)) }
                                    td.num.gain { (l.gain) }
                                    td { (l.next) }
                                    td { (l.recommendation) }
                                    td { span.pill { (l.effort) } }
                                }
                            }
                        }
                    }
                }
            }
        });
        Ok(())
    }

    fn indicators(&mut self, r: &Report<'_>, lines: &[IndicatorLine<'_>]) -> std::io::Result<()> {
        let lang = r.lang;
        let areas: Vec<(&str, &str)> = r
            .areas
            .iter()
            .map(|a| (a.area.id.as_str(), a.name.as_str()))
            .collect();
        self.indicators = Some(html! {
            section.appendix.new-page {
                h2 { (lang.pick("부록: 지표별 상세", "Appendix: every indicator")) }
                p.muted {
                    (lang.pick(
                        "모든 지표의 상태와 점수, 읽은 답과 근거 자료입니다.",
                        "Each indicator's status and points, with the answers read and the evidence."
                    ))
                }
                @for (id, name) in &areas {
                    @let of_area: Vec<&IndicatorLine<'_>> = lines.iter().filter(|l| l.indicator.area == *id).collect();
                    @if !of_area.is_empty() {
                        h3 { (name) }
                        div.table-wrap {
                            table.data.appendix-table {
                                colgroup { col.c-name; col.c-status; col.c-points; col.c-text; }
                                thead {
                                    tr {
                                        th { (lang.pick("지표", "Indicator")) }
                                        th { (lang.pick("상태", "Status")) }
                                        th.num { (lang.pick("점수", "Points")) }
                                        th { (lang.pick("설명", "Explanation")) }
                                    }
                                }
                                tbody {
                                    @for l in of_area {
                                        tr {
                                            th scope="row" { (name_cell(&l.indicator.id, &l.name)) }
                                            td { span.pill { (l.status) } }
                                            td.num { (l.points) }
                                            td.explanation { (l.explanation) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        });
        Ok(())
    }

    fn left_out(&mut self, r: &Report<'_>, lists: &[LeftOut<'_>]) -> std::io::Result<()> {
        if lists.is_empty() {
            return Ok(());
        }
        let lang = r.lang;
        self.left_out = Some(html! {
            @for list in lists {
                section.left-out {
                    h2 { (list.heading) }
                    @if list.status == Status::NotApplicable {
                        p.muted {
                            (lang.pick(
                                "아래 지표는 이 회사에 해당하지 않아 점수 계산에서 빠졌습니다.",
                                "These indicators do not apply to this firm and are left out of the scores."
                            ))
                        }
                    }
                    div.table-wrap {
                        table.data.left-out-table {
                            colgroup { col.c-name; col.c-text; }
                            thead {
                                tr {
                                    th { (lang.pick("지표", "Indicator")) }
                                    th { (lang.pick("사유", "Reason")) }
                                }
                            }
                            tbody {
                                @for i in &list.items {
                                    tr {
                                        th scope="row" { (name_cell(&i.indicator.id, &i.name)) }
                                        td { (i.reason) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        });
        Ok(())
    }

    fn finish(&mut self, _: &Report<'_>) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::civil;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(20_513), (2026, 3, 1));
        assert_eq!(civil(11_016), (2000, 2, 29));
        assert_eq!(civil(-1), (1969, 12, 31));
    }

    #[test]
    fn the_stylesheet_loads_nothing() {
        let css = super::STYLESHEET;
        assert!(!css.contains("url("), "no URL in the stylesheet");
        assert!(!css.contains("@import"));
        assert!(!css.contains("</"));
    }
}
