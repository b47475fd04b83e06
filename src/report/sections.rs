//! The sections of a report, computed once from a scorecard in one language: headline, areas, key
//! figures, GHG inventory, warnings, gaps, every indicator, and what is not applicable or not
//! answered. Each holds the words an owner reads (numbers formatted by `text::Measure`, no
//! formula, id of a question or backtick) and the model items it comes from, for the writers
//! that need the numbers themselves (CSV, JSON). Every format is one [`Writer`] of these
//! sections, called in one order by [`write`], so that the formats cannot say different things.

use super::words::{effort, status, unit_after};
use crate::scorecard::{
    AreaResult, Chosen, Finding, Gap, How, IndicatorResult, Inventory, MetricValue, Scorecard,
    SourceResult, Status, Unanswered, Warning,
};
use crate::text::{Lang, Measure, spelled, with_unit};
use crate::tr;

/// How a report is laid out.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Width of the terminal or page in columns.
    pub width: u16,
    /// Whether to use colour and bold.
    pub color: bool,
    /// How many gaps to list.
    pub top: usize,
    /// List every indicator with its answers, points and explanation.
    pub detail: bool,
}

impl Default for Style {
    fn default() -> Style {
        Style {
            width: 100,
            color: false,
            top: 5,
            detail: false,
        }
    }
}

/// One writer per format: it is handed each section in turn.
pub trait Writer {
    fn headline(&mut self, report: &Report<'_>, h: &Headline) -> std::io::Result<()>;
    fn areas(&mut self, report: &Report<'_>, areas: &[AreaLine<'_>]) -> std::io::Result<()>;
    fn figures(&mut self, report: &Report<'_>, figures: &[Figure<'_>]) -> std::io::Result<()>;
    fn ghg(&mut self, report: &Report<'_>, ghg: &Ghg<'_>) -> std::io::Result<()>;
    fn warnings(
        &mut self,
        report: &Report<'_>,
        warnings: &[WarningLine<'_>],
    ) -> std::io::Result<()>;
    fn gaps(&mut self, report: &Report<'_>, gaps: &Gaps<'_>) -> std::io::Result<()>;
    /// Every indicator: always given, shown by the formats that list them all (CSV, JSON, and
    /// the others with `--detail`).
    fn indicators(
        &mut self,
        report: &Report<'_>,
        indicators: &[IndicatorLine<'_>],
    ) -> std::io::Result<()>;
    /// The not-applicable and the unanswered indicators, each list with its heading.
    fn left_out(&mut self, report: &Report<'_>, lists: &[LeftOut<'_>]) -> std::io::Result<()>;
    fn finish(&mut self, report: &Report<'_>) -> std::io::Result<()>;
}

/// Hands every section of `report` to `w`, in the order every format follows.
pub fn write(report: &Report<'_>, w: &mut dyn Writer) -> std::io::Result<()> {
    w.headline(report, &report.headline)?;
    w.areas(report, &report.areas)?;
    w.figures(report, &report.figures)?;
    if let Some(ghg) = &report.ghg {
        w.ghg(report, ghg)?;
    }
    w.warnings(report, &report.warnings)?;
    w.gaps(report, &report.gaps)?;
    w.indicators(report, &report.indicators)?;
    w.left_out(report, &report.left_out)?;
    w.finish(report)
}

/// A report's sections.
pub struct Report<'a> {
    pub card: &'a Scorecard,
    /// The language of the words: the one asked for if the guideline has it.
    pub lang: Lang,
    pub style: Style,
    pub headline: Headline,
    pub areas: Vec<AreaLine<'a>>,
    pub figures: Vec<Figure<'a>>,
    pub ghg: Option<Ghg<'a>>,
    pub warnings: Vec<WarningLine<'a>>,
    pub gaps: Gaps<'a>,
    pub indicators: Vec<IndicatorLine<'a>>,
    /// Not applicable, then not answered; a list is left out when empty.
    pub left_out: Vec<LeftOut<'a>>,
}

/// Who, against what, and the result.
pub struct Headline {
    pub firm: String,
    /// Guideline title and version: "중소기업형 ESG 가이드라인 1.0.0" (its id is for JSON and CSV).
    pub guideline: String,
    /// Reporting year and date assessed, when given: "보고연도 2025 · 진단일 2026-01-15".
    pub facts: Option<String>,
    /// "종합 53.7 / 100".
    pub total: String,
    /// "등급 C (양호)".
    pub grade: String,
    /// "응답 완성도 100% (44/44 지표)".
    pub completeness: String,
    /// Said when unanswered indicators are left out of the scores.
    pub policy: Option<String>,
}

/// An area's row.
pub struct AreaLine<'a> {
    pub area: &'a AreaResult,
    /// "E 환경".
    pub name: String,
    /// The score, or "해당 없음".
    pub score: String,
    pub weight: String,
    /// "67% (2/3)".
    pub completeness: String,
}

/// A key figure: one of the guideline's metrics.
pub struct Figure<'a> {
    pub metric: &'a MetricValue,
    pub title: String,
    /// Formatted by the rule of its unit; "–" when it cannot be computed.
    pub value: String,
    /// Its unit, in the one spelling; may be empty.
    pub unit: String,
}

/// One line of the inventory.
pub struct SourceLine<'a> {
    pub source: &'a SourceResult,
    pub title: String,
    pub scope: String,
    /// "1,450 MWh".
    pub activity: String,
    /// "0.4173 tCO2e/MWh".
    pub factor: String,
    /// The factor tables it comes from, by their number in the list of tables: "[1]".
    pub tables: String,
    /// Location-based for scope 2.
    pub tco2e: String,
    /// Market-based, when it differs.
    pub market: Option<String>,
}

/// The GHG inventory.
pub struct Ghg<'a> {
    pub inventory: &'a Inventory,
    /// "온실가스 인벤토리 2025 (국가 KR)".
    pub title: String,
    /// Sources with a figure other than zero.
    pub sources: Vec<SourceLine<'a>>,
    /// The totals by scope, and energy, one line each.
    pub totals: Vec<String>,
    /// Sources reported as zero, not reported, or not computable, one line each.
    pub notes: Vec<String>,
    /// The factor tables used, numbered as the sources cite them.
    pub tables: Vec<String>,
}

/// A warning.
pub struct WarningLine<'a> {
    pub warning: &'a Warning,
    pub message: String,
}

/// A gap's row.
pub struct GapLine<'a> {
    pub gap: &'a Gap,
    /// "E-3-1 온실가스 배출량".
    pub name: String,
    /// "+16.7".
    pub gain: String,
    /// "4단계 가운데 3단계: …", or "먼저 답하기".
    pub next: String,
    pub recommendation: String,
    pub effort: String,
}

/// The gaps.
pub struct Gaps<'a> {
    /// "개선 우선순위 (전체 38개 중 상위 5개)".
    pub heading: String,
    /// Every gap, largest gain first.
    pub all: Vec<GapLine<'a>>,
    /// How many of them a report lists (`--top`).
    pub top: usize,
}

impl<'a> Gaps<'a> {
    /// The gaps a report lists.
    pub fn shown(&self) -> impl Iterator<Item = &GapLine<'a>> {
        self.all.iter().take(self.top)
    }
}

/// An indicator's row.
pub struct IndicatorLine<'a> {
    pub indicator: &'a IndicatorResult,
    /// "E-3-1 온실가스 배출량".
    pub name: String,
    pub status: String,
    /// "1/2", or "–".
    pub points: String,
    /// How it scored, the answers it read, the evidence; or why it has no level.
    pub explanation: String,
    /// Its gap, when it has one.
    pub gap: Option<&'a Gap>,
    /// The next level in words, when there is one.
    pub next: Option<String>,
}

/// An indicator listed as not applicable or unanswered.
pub struct LeftOut<'a> {
    pub status: Status,
    /// "해당 없음 (17개)".
    pub heading: String,
    pub items: Vec<LeftOutItem<'a>>,
}

/// One indicator of such a list.
pub struct LeftOutItem<'a> {
    pub indicator: &'a IndicatorResult,
    pub name: String,
    pub reason: String,
}

/// A percentage of completeness: `85%`, or a dash.
fn percent(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| "–".to_owned(), |r| Measure::Share.show(r))
}

/// A score, or a dash.
fn score(s: Option<f64>) -> String {
    s.map_or_else(|| "–".to_owned(), |s| Measure::Score.show(s))
}

/// A level in words: "6단계 가운데 3단계: 위반사항 공개 항목 5개 가운데 2개를 공개함".
fn level_words(l: &crate::scorecard::LevelRef, lang: Lang) -> String {
    let mut s = tr!(
        lang,
        "{}단계 가운데 {}단계",
        "level {1} of {0}",
        l.of,
        l.number
    );
    let text = l.text.show(lang).trim();
    if !text.is_empty() {
        s.push_str(": ");
        s.push_str(text);
    }
    s
}

/// A factor per unit of activity: in kg where tonnes would need many decimals.
fn factor(f: f64, unit: &str) -> String {
    if f.abs() < 0.1 {
        format!("{} kgCO2e/{unit}", Measure::Factor.show(f * 1000.0))
    } else {
        format!("{} {}/{unit}", Measure::Factor.show(f), crate::text::TCO2E)
    }
}

fn tonnes(t: Option<f64>) -> String {
    t.map_or_else(
        || "–".to_owned(),
        |t| with_unit(&Measure::Tonnes.show(t), Some(crate::text::TCO2E)),
    )
}

impl<'a> Report<'a> {
    /// The sections of `card` in `lang` (or the guideline's first language, if it lacks `lang`).
    #[must_use]
    pub fn new(card: &'a Scorecard, lang: Lang, style: Style) -> Report<'a> {
        let lang = card.guideline.lang(lang);
        let indicators = indicator_lines(card, lang);
        Report {
            card,
            lang,
            style,
            headline: headline(card, lang),
            areas: card.areas.iter().map(|a| area_line(a, lang)).collect(),
            figures: card.metrics.iter().map(|m| figure(m, lang)).collect(),
            ghg: card.ghg.as_ref().map(|i| ghg(i, lang)),
            warnings: card
                .warnings
                .iter()
                .map(|w| WarningLine {
                    warning: w,
                    message: w.message(lang),
                })
                .collect(),
            gaps: gaps(card, lang, style.top),
            left_out: left_out(&indicators, lang),
            indicators,
        }
    }

    /// A heading in this report's language.
    #[must_use]
    pub fn heading(&self, h: Heading) -> String {
        let lang = self.lang;
        match h {
            Heading::Figures => lang.pick("주요 수치", "Key figures").to_owned(),
            Heading::Warnings => tr!(
                lang,
                "주의할 점 ({}개)",
                "Warnings ({})",
                self.warnings.len()
            ),
            Heading::Indicators => lang.pick("지표별 상세", "Every indicator").to_owned(),
            Heading::FactorTables => lang.pick("사용한 계수표", "Factor tables used").to_owned(),
        }
    }
}

/// The headings [`Report::heading`] words.
#[derive(Debug, Clone, Copy)]
pub enum Heading {
    Figures,
    Warnings,
    Indicators,
    FactorTables,
}

fn headline(card: &Scorecard, lang: Lang) -> Headline {
    let c = &card.completeness;
    let mut facts = Vec::new();
    if let Some(y) = card.firm.reporting_year {
        facts.push(tr!(lang, "보고연도 {}", "Reporting year {}", y));
    }
    if let Some(d) = card
        .firm
        .assessed_on
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        facts.push(tr!(lang, "진단일 {}", "Assessed on {}", d));
    }
    let grade = card.grade.as_ref().map_or_else(
        || "–".to_owned(),
        |g| format!("{} ({})", g.id, g.title.show(lang)),
    );
    Headline {
        firm: card.firm.name.clone(),
        guideline: format!(
            "{} {}",
            card.guideline.title.show(lang),
            card.guideline.version
        ),
        facts: (!facts.is_empty()).then(|| facts.join(" · ")),
        total: tr!(lang, "종합 {} / 100", "Total {} / 100", score(card.total)),
        grade: tr!(lang, "등급 {}", "Grade {}", grade),
        completeness: tr!(
            lang,
            "응답 완성도 {} ({}/{} 지표)",
            "Completeness {} ({} of {} indicators)",
            percent(c.ratio),
            c.scored,
            c.applicable
        ),
        policy: (card.unanswered_policy == Unanswered::Exclude).then(|| {
            lang.pick(
                "(미응답 지표는 점수 계산에서 제외)",
                "(unanswered indicators left out of the scores)",
            )
            .to_owned()
        }),
    }
}

fn area_line(a: &AreaResult, lang: Lang) -> AreaLine<'_> {
    AreaLine {
        area: a,
        name: format!("{} {}", a.id, a.title.show(lang)),
        score: if a.status == Status::NotApplicable {
            status(a.status, lang).to_owned()
        } else {
            score(a.score)
        },
        weight: Measure::Points.show(a.weight),
        completeness: format!(
            "{} ({}/{})",
            percent(a.completeness.ratio),
            a.completeness.scored,
            a.completeness.applicable
        ),
    }
}

fn figure(m: &MetricValue, lang: Lang) -> Figure<'_> {
    let title = m.title.show(lang);
    let unit = m
        .unit
        .as_ref()
        .map(|u| spelled(u.show(lang)).into_owned())
        .unwrap_or_default();
    Figure {
        metric: m,
        title: title.to_owned(),
        value: m
            .value
            .map_or_else(|| "–".to_owned(), |v| Measure::of_unit(&unit).show(v)),
        // Not said twice: "… per KRW 100 million of revenue" is followed by "tCO2e".
        unit: unit_after(title, &unit).to_owned(),
    }
}

fn ghg(inv: &Inventory, lang: Lang) -> Ghg<'_> {
    let mut title = lang.pick("온실가스 인벤토리", "GHG inventory").to_owned();
    if let Some(y) = inv.reporting_year {
        title.push_str(&format!(" {y}"));
    }
    if let Some(c) = &inv.country {
        title.push_str(&tr!(lang, " (국가 {})", " (country {})", c));
    }
    let cite = |ids: &[String]| -> String {
        ids.iter()
            .filter_map(|id| inv.factor_tables.iter().position(|f| &f.table == id))
            .map(|n| format!("[{}]", n + 1))
            .collect::<Vec<_>>()
            .join("")
    };
    let sources = inv
        .sources
        .iter()
        .filter(|s| s.activity != 0.0)
        .map(|s| {
            let unit = s.unit.show(lang);
            let market = (s.scope == 2 && (s.market_tco2e - s.tco2e).abs() > f64::EPSILON)
                .then(|| Measure::Tonnes.show(s.market_tco2e));
            SourceLine {
                source: s,
                title: s.title.show(lang).to_owned(),
                scope: s.scope.to_string(),
                activity: with_unit(&Measure::Activity.show(s.activity), Some(unit)),
                factor: factor(s.factor, unit),
                tables: cite(&s.tables),
                tco2e: Measure::Tonnes.show(s.tco2e),
                market,
            }
        })
        .collect();
    let mut totals = vec![
        tr!(
            lang,
            "Scope 1: {} · Scope 2: {} (위치 기준) / {} (시장 기준)",
            "Scope 1: {} · Scope 2: {} location-based / {} market-based",
            tonnes(inv.scope1),
            tonnes(inv.scope2_location),
            tonnes(inv.scope2_market)
        ),
        tr!(
            lang,
            "합계: {} (위치 기준) / {} (시장 기준)",
            "Total: {} location-based / {} market-based",
            tonnes(inv.total_location),
            tonnes(inv.total_market)
        ),
    ];
    if let Some(e) = inv.energy_mwh {
        totals.push(tr!(
            lang,
            "에너지: {}, 재생에너지 {}",
            "Energy: {}, {} renewable",
            with_unit(&Measure::Energy.show(e), Some("MWh")),
            // In percent with one decimal, as the key figures show the renewable share.
            inv.renewable_share.map_or_else(
                || "–".to_owned(),
                |r| with_unit(&Measure::Percent.show(r * 100.0), Some("%"))
            )
        ));
    }
    let mut notes = Vec::new();
    if let Some(source) = &inv.stated_source {
        let source = crate::text::visible(source.trim());
        let source = if source.is_empty() {
            lang.pick("출처를 적지 않음", "no source given").to_owned()
        } else {
            source.into_owned()
        };
        notes.push(tr!(
            lang,
            "Scope 1·2 배출량은 회사가 입력한 검증된 인벤토리의 값입니다(출처: {}). 사용량으로 계산한 아래 배출원의 합계 대신 쓰였고, 배출원은 에너지 사용량을 계산하는 데만 쓰였습니다.",
            "Scope 1 and 2 emissions are those of the firm's verified inventory (source: {}). They are used instead of the sum of the sources computed from activity data, which give the energy use only.",
            source
        ));
    }
    let zero: Vec<&str> = inv
        .sources
        .iter()
        .filter(|s| s.activity == 0.0)
        .map(|s| s.title.show(lang))
        .collect();
    if !zero.is_empty() {
        notes.push(tr!(
            lang,
            "사용량 0: {}",
            "Reported as zero: {}",
            zero.join(", ")
        ));
    }
    let not_reported: Vec<&str> = inv
        .missing
        .iter()
        .filter(|m| m.not_reported)
        .map(|m| m.title.show(lang))
        .collect();
    if !not_reported.is_empty() {
        notes.push(tr!(
            lang,
            "답하지 않아 0으로 본 배출원: {}",
            "Not reported, counted as zero: {}",
            not_reported.join(", ")
        ));
    }
    for m in inv.missing.iter().filter(|m| !m.not_reported) {
        notes.push(tr!(
            lang,
            "계산할 수 없는 배출원 — {}: {}",
            "Cannot be computed — {}: {}",
            m.title.show(lang),
            m.reason.message(lang)
        ));
    }
    let tables = inv
        .factor_tables
        .iter()
        .enumerate()
        .map(|(n, f)| {
            let mut line = format!("[{}] {} ({})", n + 1, f.title.show(lang), f.year);
            let source = f.source.show(lang).trim();
            if !source.is_empty() {
                line.push_str(&format!(". {}", source.trim_end_matches('.')));
            }
            if let Some(b) = f.basis.as_ref().map(|b| b.show(lang).trim()) {
                line.push_str(&tr!(
                    lang,
                    ". 기준: {}",
                    ". Basis: {}",
                    b.trim_end_matches('.')
                ));
            }
            if let Some(g) = f.gwp.as_ref().map(|g| g.show(lang).trim()) {
                line.push_str(&format!(". GWP: {}", g.trim_end_matches('.')));
            }
            match f.chosen {
                Chosen::Named => {}
                Chosen::Matched => line.push_str(lang.pick(
                    ". 이 회사의 국가와 보고연도에 맞아 골랐습니다",
                    ". Chosen for the firm's country and reporting year",
                )),
                Chosen::Override => line.push_str(lang.pick(
                    ". 답변 파일에서 지정했습니다",
                    ". Named in the answers file",
                )),
                Chosen::Answer => line.push_str(lang.pick(
                    ". 회사의 답(공급자나 설비 종류)에 따라 골랐습니다",
                    ". Chosen by the firm's answer (its supplier or plant type)",
                )),
            }
            line.push('.');
            line
        })
        .collect();
    Ghg {
        inventory: inv,
        title,
        sources,
        totals,
        notes,
        tables,
    }
}

fn gaps(card: &Scorecard, lang: Lang, top: usize) -> Gaps<'_> {
    let all: Vec<GapLine<'_>> = card
        .gaps
        .iter()
        .map(|g| GapLine {
            gap: g,
            name: format!("{} {}", g.indicator, g.title.show(lang)),
            gain: format!("+{}", Measure::Gain.show(g.gain)),
            next: next_words(g.status, g.next_level.as_ref(), lang),
            recommendation: g.recommendation.show(lang).trim().to_owned(),
            effort: effort(g.effort, lang).to_owned(),
        })
        .collect();
    Gaps {
        heading: tr!(
            lang,
            "개선 우선순위 (전체 {}개 중 상위 {}개)",
            "Top gaps ({} in all, {} shown)",
            all.len(),
            all.len().min(top)
        ),
        top: top.min(all.len()),
        all,
    }
}

/// What the next step is: the next level in words, or answering first.
fn next_words(s: Status, next: Option<&crate::scorecard::LevelRef>, lang: Lang) -> String {
    match (s, next) {
        (Status::Unanswered, _) => lang.pick("먼저 답하기", "answer it first").to_owned(),
        (_, Some(n)) => level_words(n, lang),
        (_, None) => String::new(),
    }
}

/// How an indicator scored in words, with the answers it read and their evidence.
fn explanation(i: &IndicatorResult, lang: Lang) -> String {
    let mut s = i.finding.message(lang);
    let reads_answers = matches!(
        &i.finding,
        Finding::Scored {
            how: How::Checklist { .. } | How::Bands { .. } | How::Trend { .. },
            ..
        }
    );
    if reads_answers {
        let read: Vec<String> = i
            .answers
            .iter()
            .filter_map(|a| {
                a.value
                    .as_ref()
                    .map(|v| format!("“{}”: {}", a.question.prompt.show(lang), v.words(lang)))
            })
            .collect();
        if !read.is_empty() {
            if !s.ends_with(['.', '?', '!']) {
                s.push('.');
            }
            s.push_str(&tr!(
                lang,
                " 읽은 답: {}",
                " Answers read: {}",
                read.join("; ")
            ));
        }
    }
    let evidence: Vec<&str> = i
        .answers
        .iter()
        .flat_map(|a| a.evidence.iter().map(String::as_str))
        .collect();
    if !evidence.is_empty() {
        if !s.ends_with(['.', '?', '!']) {
            s.push('.');
        }
        s.push_str(&tr!(
            lang,
            " 근거 자료: {}",
            " Evidence: {}",
            evidence.join(", ")
        ));
    }
    s
}

fn indicator_lines(card: &Scorecard, lang: Lang) -> Vec<IndicatorLine<'_>> {
    card.indicators
        .iter()
        .map(|i| IndicatorLine {
            indicator: i,
            name: format!("{} {}", i.id, i.title.show(lang)),
            status: status(i.status, lang).to_owned(),
            points: i.points.map_or_else(
                || "–".to_owned(),
                |p| {
                    format!(
                        "{}/{}",
                        Measure::Points.show(p),
                        Measure::Points.show(i.max_points)
                    )
                },
            ),
            explanation: explanation(i, lang),
            gap: card.gaps.iter().find(|g| g.indicator == i.id),
            next: match (i.status, &i.next_level) {
                (Status::Scored, None) => None,
                (s, n) => Some(next_words(s, n.as_ref(), lang)).filter(|n| !n.is_empty()),
            },
        })
        .collect()
}

fn left_out<'a>(indicators: &[IndicatorLine<'a>], lang: Lang) -> Vec<LeftOut<'a>> {
    [Status::NotApplicable, Status::Unanswered]
        .into_iter()
        .filter_map(|s| {
            let items: Vec<LeftOutItem<'a>> = indicators
                .iter()
                .filter(|l| l.indicator.status == s)
                .map(|l| LeftOutItem {
                    indicator: l.indicator,
                    name: l.name.clone(),
                    reason: l.indicator.finding.message(lang),
                })
                .collect();
            let heading = match s {
                Status::NotApplicable => {
                    tr!(lang, "해당 없음 ({}개)", "Not applicable ({})", items.len())
                }
                _ => tr!(lang, "미응답 ({}개)", "Not answered ({})", items.len()),
            };
            (!items.is_empty()).then_some(LeftOut {
                status: s,
                heading,
                items,
            })
        })
        .collect()
}
