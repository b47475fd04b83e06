//! `esg diff` in words: a [`Diff`] as the sections of a [`Doc`] (terminal, Markdown, HTML) and as
//! JSON ([`DiffJson`], whose schema `esg schema diff` prints), in Korean or English. Owners read
//! indicator names, prompts and numbers, never a question id or a formula.

use std::io::Write;

use serde::Serialize;

use super::doc::{Col, Doc, Section, Table};
use crate::diff::{Change, Diff, GhgChange, GuidelineChange, IndicatorChange, Reason};
use crate::scorecard::{IndicatorResult, Scorecard, Status};
use crate::text::{Lang, Measure, TCO2E};
use crate::tr;

/// Version of the JSON form of a diff; raised when a field changes meaning or goes away.
pub const DIFF_FORMAT_VERSION: u32 = 1;

/// The formats of `esg diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// For the terminal.
    Table,
    /// Markdown.
    Markdown,
    /// JSON, versioned by `format_version`.
    Json,
    /// One self-contained HTML page.
    Html,
}

/// Writes `diff` in `format` and `lang` (the older scorecard's guideline language when it lacks
/// `lang`).
pub fn render_diff(
    format: DiffFormat,
    diff: &Diff<'_>,
    lang: Lang,
    width: u16,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = diff.new.guideline.lang(lang);
    match format {
        DiffFormat::Json => {
            let json = diff_json(diff, lang);
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)?;
            out.flush()
        }
        DiffFormat::Table => super::doc::terminal(&doc(diff, lang), width, color, out),
        DiffFormat::Markdown => super::doc::markdown(&doc(diff, lang), out),
        DiffFormat::Html => super::doc::html(&doc(diff, lang), lang, out),
    }
}

/// A change with its sign: `+5.5`, `-2`, `0`.
pub(crate) fn signed(m: Measure, d: f64) -> String {
    let shown = m.show(d.abs());
    if shown == m.show(0.0) {
        return m.show(0.0);
    }
    if d > 0.0 {
        format!("+{shown}")
    } else {
        format!("-{shown}")
    }
}

fn opt(m: Measure, v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| m.show(v))
}

fn delta(m: Measure, c: &Change) -> String {
    c.delta().map_or_else(|| "–".to_owned(), |d| signed(m, d))
}

/// What names one side of the comparison: its reporting year, else its file.
fn side(card: &Scorecard, lang: Lang) -> String {
    match card.firm.reporting_year {
        Some(y) => tr!(lang, "{}년", "{}", y),
        None => card.file.clone(),
    }
}

/// The two columns' headers: the years when both have one and they differ, else before/after.
fn headers(d: &Diff<'_>, lang: Lang) -> (String, String) {
    match (d.old.firm.reporting_year, d.new.firm.reporting_year) {
        (Some(a), Some(b)) if a != b => (side(d.old, lang), side(d.new, lang)),
        _ => (
            lang.pick("이전", "Before").to_owned(),
            lang.pick("이후", "After").to_owned(),
        ),
    }
}

fn grade(card: &Scorecard, lang: Lang) -> String {
    card.grade.as_ref().map_or_else(
        || "–".to_owned(),
        |g| format!("{} ({})", g.id, g.title.show(lang)),
    )
}

/// What a guideline revision changed in an indicator, in words.
#[must_use]
pub fn guideline_change_words(c: &GuidelineChange, lang: Lang) -> String {
    match c {
        GuidelineChange::Added => lang
            .pick(
                "새 가이드라인 버전에 추가된 지표",
                "New in this version of the guideline",
            )
            .to_owned(),
        GuidelineChange::Removed => lang
            .pick(
                "새 가이드라인 버전에서 빠진 지표",
                "No longer in this version of the guideline",
            )
            .to_owned(),
        GuidelineChange::Weight { before, after } => tr!(
            lang,
            "가이드라인 개정: 가중치 {} → {}",
            "Guideline revised: weight {} → {}",
            Measure::Points.show(*before),
            Measure::Points.show(*after)
        ),
        GuidelineChange::Levels => lang
            .pick(
                "가이드라인 개정: 단계별 기준이나 점수가 바뀜",
                "Guideline revised: its levels or their points changed",
            )
            .to_owned(),
        GuidelineChange::Rule => lang
            .pick(
                "가이드라인 개정: 채점 방식이 바뀜",
                "Guideline revised: how it is scored changed",
            )
            .to_owned(),
        GuidelineChange::Applicability => lang
            .pick(
                "가이드라인 개정: 적용 대상이 바뀜",
                "Guideline revised: which firms it applies to changed",
            )
            .to_owned(),
    }
}

/// A reason in words.
#[must_use]
pub fn reason_words(r: &Reason<'_>, lang: Lang) -> String {
    match r {
        Reason::Answers { questions } => {
            let prompts: Vec<&str> = questions.iter().map(|q| q.prompt.show(lang)).collect();
            tr!(
                lang,
                "답변이 바뀜: {}",
                "Answers changed: {}",
                prompts.join(" / ")
            )
        }
        Reason::Guideline(c) => guideline_change_words(c, lang),
        Reason::Applicability { after, .. } => if *after == Status::NotApplicable {
            lang.pick("이제 해당하지 않음", "No longer applies")
        } else {
            lang.pick("이제 해당함", "Now applies")
        }
        .to_owned(),
        Reason::Figures => lang
            .pick(
                "답변은 같지만 계산에 쓰는 수치가 바뀜(다른 답변에서 계산한 값이나 배출계수)",
                "Same answers, but a figure it is computed from changed (from other answers, or \
                 an emission factor)",
            )
            .to_owned(),
    }
}

/// A reason as a code, for JSON.
fn reason_code(r: &Reason<'_>) -> &'static str {
    match r {
        Reason::Answers { .. } => "answers_changed",
        Reason::Guideline(GuidelineChange::Added) => "indicator_added",
        Reason::Guideline(GuidelineChange::Removed) => "indicator_removed",
        Reason::Guideline(GuidelineChange::Weight { .. }) => "weight_changed",
        Reason::Guideline(GuidelineChange::Levels) => "levels_changed",
        Reason::Guideline(GuidelineChange::Rule) => "rule_changed",
        Reason::Guideline(GuidelineChange::Applicability) => "applies_if_changed",
        Reason::Applicability { .. } => "applicability_changed",
        Reason::Figures => "figures_changed",
    }
}

/// An indicator's result in a cell: "1 / 2", or its status.
fn result_cell(i: Option<&IndicatorResult>, lang: Lang) -> String {
    match i {
        None => "–".to_owned(),
        Some(i) => match (i.status, i.points) {
            (Status::Scored, Some(p)) => format!(
                "{} / {}",
                Measure::Points.show(p),
                Measure::Points.show(i.max_points)
            ),
            (s, _) => super::words::status(s, lang).to_owned(),
        },
    }
}

fn name(id: &str, title: &crate::text::Text, lang: Lang) -> String {
    format!("{id} {}", title.show(lang))
}

/// The headline lines and sections of a diff.
#[must_use]
pub fn doc(d: &Diff<'_>, lang: Lang) -> Doc {
    let (h0, h1) = headers(d, lang);
    let named = |c: &Scorecard| match c.firm.reporting_year {
        Some(_) => format!("{} ({})", side(c, lang), c.file),
        None => c.file.clone(),
    };
    let mut lines = vec![tr!(
        lang,
        "비교: {} → {}",
        "Compared: {} → {}",
        named(d.old),
        named(d.new)
    )];
    if d.guideline_changed {
        lines.push(tr!(
            lang,
            "가이드라인 버전이 다릅니다: {} {} → {} {}. 지표마다 개정으로 바뀐 점을 함께 적었습니다.",
            "Scored against different guideline versions: {} {} → {} {}; each indicator says \
             what the revision changed.",
            d.old.guideline.title.show(lang),
            d.old.guideline.version,
            d.new.guideline.title.show(lang),
            d.new.guideline.version
        ));
    } else {
        lines.push(tr!(
            lang,
            "평가 기준: {} {}",
            "Assessed against: {} {}",
            d.new.guideline.title.show(lang),
            d.new.guideline.version
        ));
    }
    lines.push(tr!(
        lang,
        "종합 점수 {} → {} ({})",
        "Total {} → {} ({})",
        opt(Measure::Score, d.total.before),
        opt(Measure::Score, d.total.after),
        delta(Measure::Score, &d.total)
    ));
    lines.push(tr!(
        lang,
        "등급 {} → {}",
        "Grade {} → {}",
        grade(d.old, lang),
        grade(d.new, lang)
    ));

    let mut sections = Vec::new();
    sections.push(Section {
        key: "areas",
        heading: lang.pick("영역별 변화", "Change by area").to_owned(),
        lines: Vec::new(),
        table: Some(Table {
            columns: vec![
                Col::text(lang.pick("영역", "Area")),
                Col::num(&h0),
                Col::num(&h1),
                Col::num(lang.pick("변화", "Change")),
            ],
            rows: d
                .areas
                .iter()
                .map(|a| {
                    vec![
                        name(a.id, a.title, lang),
                        opt(Measure::Score, a.score.before),
                        opt(Measure::Score, a.score.after),
                        delta(Measure::Score, &a.score),
                    ]
                })
                .collect(),
        }),
        chart: None,
    });
    sections.push(indicators(d, lang, &h0, &h1));
    sections.push(gaps(d, lang));
    if let Some(g) = &d.ghg {
        sections.push(ghg(g, lang, &h0, &h1));
    }
    Doc {
        kicker: lang
            .pick("ESG 진단 비교", "ESG assessment compared")
            .to_owned(),
        title: d.new.firm.name.clone(),
        lines,
        sections,
    }
}

fn indicators(d: &Diff<'_>, lang: Lang, h0: &str, h1: &str) -> Section {
    let rows: Vec<Vec<String>> = d
        .indicators
        .iter()
        .map(|c: &IndicatorChange<'_>| {
            let reasons: Vec<String> = c.reasons.iter().map(|r| reason_words(r, lang)).collect();
            vec![
                name(c.id, c.title, lang),
                result_cell(c.before, lang),
                result_cell(c.after, lang),
                delta(Measure::Points, &c.points),
                reasons.join("; "),
            ]
        })
        .collect();
    Section {
        key: "indicators",
        heading: lang
            .pick("달라진 지표", "Indicators that changed")
            .to_owned(),
        lines: if rows.is_empty() {
            vec![
                lang.pick(
                    "점수가 달라진 지표가 없습니다.",
                    "No indicator's result changed.",
                )
                .to_owned(),
            ]
        } else {
            Vec::new()
        },
        table: (!rows.is_empty()).then(|| Table {
            columns: vec![
                Col::text(lang.pick("지표", "Indicator")),
                Col::num(h0),
                Col::num(h1),
                Col::num(lang.pick("변화", "Change")),
                Col::text(lang.pick("이유", "Why")),
            ],
            rows,
        }),
        chart: None,
    }
}

fn gaps(d: &Diff<'_>, lang: Lang) -> Section {
    let mut rows = Vec::new();
    for g in &d.gaps_closed {
        rows.push(vec![
            lang.pick("해결", "Closed").to_owned(),
            name(&g.indicator, &g.title, lang),
        ]);
    }
    for g in &d.gaps_new {
        rows.push(vec![
            lang.pick("새로 생김", "New").to_owned(),
            name(&g.indicator, &g.title, lang),
        ]);
    }
    Section {
        key: "gaps",
        heading: lang
            .pick("개선 과제의 변화", "Gaps closed and new")
            .to_owned(),
        lines: vec![tr!(
            lang,
            "지난번 개선 과제 가운데 {}개를 해결했고, {}개가 새로 생겼습니다.",
            "{} of the earlier gaps closed; {} new.",
            d.gaps_closed.len(),
            d.gaps_new.len()
        )],
        table: (!rows.is_empty()).then(|| Table {
            columns: vec![
                Col::text(lang.pick("변화", "Change")),
                Col::text(lang.pick("지표", "Indicator")),
            ],
            rows,
        }),
        chart: None,
    }
}

fn ghg(g: &GhgChange<'_>, lang: Lang, h0: &str, h1: &str) -> Section {
    let t = |v: f64| Measure::Tonnes.show(v);
    let mut rows: Vec<Vec<String>> = g
        .sources
        .iter()
        .map(|s| {
            let unit = s
                .after
                .or(s.before)
                .map(|x| x.unit.show(lang).to_owned())
                .unwrap_or_default();
            let activity = |x: Option<&crate::scorecard::SourceResult>| {
                x.map_or_else(
                    || "–".to_owned(),
                    |x| crate::text::with_unit(&Measure::Activity.show(x.activity), Some(&unit)),
                )
            };
            let factor = |x: Option<&crate::scorecard::SourceResult>| {
                x.map_or_else(|| "–".to_owned(), |x| Measure::Factor.show(x.factor))
            };
            vec![
                s.title.show(lang).to_owned(),
                format!("{} → {}", activity(s.before), activity(s.after)),
                format!("{} → {}", factor(s.before), factor(s.after)),
                s.before.map_or_else(|| "–".to_owned(), |x| t(x.tco2e)),
                s.after.map_or_else(|| "–".to_owned(), |x| t(x.tco2e)),
                signed(Measure::Tonnes, s.delta),
                signed(Measure::Tonnes, s.activity_effect),
                signed(Measure::Tonnes, s.factor_effect),
            ]
        })
        .collect();
    let (a, f) = g.effects();
    let sum = |m: &Change| delta(Measure::Tonnes, m);
    for (label, c) in [
        (lang.pick("Scope 1 합계", "Scope 1 total"), &g.scope1),
        (
            lang.pick("Scope 2 합계(위치 기준)", "Scope 2 total (location-based)"),
            &g.scope2,
        ),
    ] {
        rows.push(vec![
            label.to_owned(),
            String::new(),
            String::new(),
            opt(Measure::Tonnes, c.before),
            opt(Measure::Tonnes, c.after),
            sum(c),
            String::new(),
            String::new(),
        ]);
    }
    rows.push(vec![
        lang.pick("Scope 1+2 합계", "Scope 1+2 total").to_owned(),
        String::new(),
        String::new(),
        opt(Measure::Tonnes, g.total.before),
        opt(Measure::Tonnes, g.total.after),
        sum(&g.total),
        signed(Measure::Tonnes, a),
        signed(Measure::Tonnes, f),
    ]);
    let mut lines = vec![lang
        .pick(
            "배출원마다 증감을 활동량 효과와 배출계수 효과로 나눕니다: 활동량 효과는 활동량의 변화에 \
             이전 배출계수를 곱한 값, 배출계수 효과는 배출계수의 변화에 올해 활동량을 곱한 값이며, \
             둘을 더하면 증감과 같습니다.",
            "Each source's change is split into an activity effect (the change in activity at the \
             earlier factor) and a factor effect (the change in factor at the later activity); \
             the two add up to the change.",
        )
        .to_owned()];
    if let Some(d) = g.total.delta() {
        lines.push(tr!(
            lang,
            "Scope 1+2 배출량 변화 {} {} 가운데 활동량 때문에 {} {}, 배출계수 때문에 {} {}.",
            "Of the change in scope 1+2 emissions, {} {}, activity accounts for {} {} and \
             emission factors for {} {}.",
            signed(Measure::Tonnes, d),
            TCO2E,
            signed(Measure::Tonnes, a),
            TCO2E,
            signed(Measure::Tonnes, f),
            TCO2E
        ));
    }
    if g.intensity.before.is_some() || g.intensity.after.is_some() {
        let title = g
            .after
            .intensity
            .as_ref()
            .or(g.before.intensity.as_ref())
            .map(|m| m.title.show(lang).to_owned())
            .unwrap_or_default();
        lines.push(format!(
            "{title}: {} → {} ({})",
            opt(Measure::Metric, g.intensity.before),
            opt(Measure::Metric, g.intensity.after),
            delta(Measure::Metric, &g.intensity)
        ));
    }
    Section {
        key: "ghg",
        heading: lang
            .pick("온실가스 배출량의 변화", "Change in GHG emissions")
            .to_owned(),
        lines,
        table: Some(Table {
            columns: vec![
                Col::text(lang.pick("배출원", "Source")),
                Col::num(lang.pick("활동량", "Activity")).optional(2),
                Col::num(lang.pick("배출계수", "Factor")).optional(1),
                Col::num(&format!("{h0} {TCO2E}")),
                Col::num(&format!("{h1} {TCO2E}")),
                Col::num(lang.pick("증감", "Change")),
                Col::num(lang.pick("활동량 효과", "Activity effect")),
                Col::num(lang.pick("배출계수 효과", "Factor effect")),
            ],
            rows,
        }),
        chart: None,
    }
}

/// One side of the comparison, in JSON.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct SideJson {
    pub file: String,
    pub reporting_year: Option<i64>,
    pub guideline_id: String,
    pub guideline_version: String,
    pub total: Option<f64>,
    /// The grade's id.
    pub grade: Option<String>,
}

/// A number before and after, and the change when both are known.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ChangeJson {
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub delta: Option<f64>,
}

impl From<&Change> for ChangeJson {
    fn from(c: &Change) -> ChangeJson {
        ChangeJson {
            before: c.before,
            after: c.after,
            delta: c.delta(),
        }
    }
}

/// An area's change.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct AreaJson {
    pub id: String,
    pub title: String,
    pub score: ChangeJson,
}

/// An indicator's result on one side.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ResultJson {
    /// `scored`, `not_applicable` or `unanswered`.
    pub status: String,
    pub points: Option<f64>,
    pub max_points: f64,
}

/// A reason as a code, its words, and what it names.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ReasonJson {
    /// `answers_changed`, `indicator_added`, `indicator_removed`, `weight_changed`,
    /// `levels_changed`, `rule_changed`, `applies_if_changed`, `applicability_changed`,
    /// `figures_changed`.
    pub code: String,
    pub message: String,
    /// The ids of the questions whose answers changed.
    pub questions: Vec<String>,
}

/// An indicator's change.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct IndicatorJson {
    pub id: String,
    pub area: String,
    pub title: String,
    pub before: Option<ResultJson>,
    pub after: Option<ResultJson>,
    pub points: ChangeJson,
    pub reasons: Vec<ReasonJson>,
}

/// A gap closed or new.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct GapJson {
    pub indicator: String,
    pub title: String,
}

/// An emission source's change: `delta = activity_effect + factor_effect`, with
/// `activity_effect = (A1 - A0) * F0` and `factor_effect = A1 * (F1 - F0)`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct SourceJson {
    pub id: String,
    pub title: String,
    pub scope: u8,
    pub activity: ChangeJson,
    pub factor: ChangeJson,
    pub tco2e: ChangeJson,
    pub activity_effect: f64,
    pub factor_effect: f64,
}

/// The GHG inventory's change (location-based scope 2).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct GhgJson {
    pub sources: Vec<SourceJson>,
    pub scope1: ChangeJson,
    pub scope2_location: ChangeJson,
    pub total_location: ChangeJson,
    pub intensity: ChangeJson,
    pub activity_effect: f64,
    pub factor_effect: f64,
}

/// `esg diff --format json`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct DiffJson {
    pub format_version: u32,
    /// The language of `title` and `message` fields.
    pub lang: String,
    pub firm: String,
    pub before: SideJson,
    pub after: SideJson,
    pub guideline_changed: bool,
    pub total: ChangeJson,
    pub areas: Vec<AreaJson>,
    /// The indicators whose result or definition changed.
    pub indicators: Vec<IndicatorJson>,
    pub gaps_closed: Vec<GapJson>,
    pub gaps_new: Vec<GapJson>,
    pub ghg: Option<GhgJson>,
}

fn side_json(c: &Scorecard) -> SideJson {
    SideJson {
        file: c.file.clone(),
        reporting_year: c.firm.reporting_year,
        guideline_id: c.guideline.id.clone(),
        guideline_version: c.guideline.version.clone(),
        total: c.total,
        grade: c.grade.as_ref().map(|g| g.id.clone()),
    }
}

fn result_json(i: &IndicatorResult) -> ResultJson {
    ResultJson {
        status: super::words::status_code(i.status).to_owned(),
        points: i.points,
        max_points: i.max_points,
    }
}

/// The JSON model of a diff.
#[must_use]
pub fn diff_json(d: &Diff<'_>, lang: Lang) -> DiffJson {
    let gap = |g: &&crate::scorecard::Gap| GapJson {
        indicator: g.indicator.clone(),
        title: g.title.show(lang).to_owned(),
    };
    DiffJson {
        format_version: DIFF_FORMAT_VERSION,
        lang: lang.code().to_owned(),
        firm: d.new.firm.name.clone(),
        before: side_json(d.old),
        after: side_json(d.new),
        guideline_changed: d.guideline_changed,
        total: (&d.total).into(),
        areas: d
            .areas
            .iter()
            .map(|a| AreaJson {
                id: a.id.to_owned(),
                title: a.title.show(lang).to_owned(),
                score: (&a.score).into(),
            })
            .collect(),
        indicators: d
            .indicators
            .iter()
            .map(|c| IndicatorJson {
                id: c.id.to_owned(),
                area: c.area.to_owned(),
                title: c.title.show(lang).to_owned(),
                before: c.before.map(result_json),
                after: c.after.map(result_json),
                points: (&c.points).into(),
                reasons: c
                    .reasons
                    .iter()
                    .map(|r| ReasonJson {
                        code: reason_code(r).to_owned(),
                        message: reason_words(r, lang),
                        questions: match r {
                            Reason::Answers { questions } => {
                                questions.iter().map(|q| q.id.clone()).collect()
                            }
                            _ => Vec::new(),
                        },
                    })
                    .collect(),
            })
            .collect(),
        gaps_closed: d.gaps_closed.iter().map(gap).collect(),
        gaps_new: d.gaps_new.iter().map(gap).collect(),
        ghg: d.ghg.as_ref().map(|g| {
            let (a, f) = g.effects();
            GhgJson {
                sources: g
                    .sources
                    .iter()
                    .map(|s| SourceJson {
                        id: s.id.to_owned(),
                        title: s.title.show(lang).to_owned(),
                        scope: s.scope,
                        activity: (&Change::new(
                            s.before.map(|x| x.activity),
                            s.after.map(|x| x.activity),
                        ))
                            .into(),
                        factor: (&Change::new(
                            s.before.map(|x| x.factor),
                            s.after.map(|x| x.factor),
                        ))
                            .into(),
                        tco2e: ChangeJson {
                            before: s.before.map(|x| x.tco2e),
                            after: s.after.map(|x| x.tco2e),
                            delta: Some(s.delta),
                        },
                        activity_effect: s.activity_effect,
                        factor_effect: s.factor_effect,
                    })
                    .collect(),
                scope1: (&g.scope1).into(),
                scope2_location: (&g.scope2).into(),
                total_location: (&g.total).into(),
                intensity: (&g.intensity).into(),
                activity_effect: a,
                factor_effect: f,
            }
        }),
    }
}
