//! `esg explain` and `esg guidelines`: indicators, questions and guidelines described in full.

use std::fmt::Write as _;

use crate::guideline::{Better, Guideline, Indicator, Match, Question, QuestionKind, Rule};
use crate::text::{Lang, number, visible};
use crate::tr;

fn kind_name(k: QuestionKind, lang: Lang) -> &'static str {
    match k {
        QuestionKind::YesNo => lang.pick("예/아니요", "yes/no"),
        QuestionKind::Choice => lang.pick("하나 선택", "single choice"),
        QuestionKind::Multi => lang.pick("여러 개 선택", "multiple choice"),
        QuestionKind::Number => lang.pick("숫자", "number"),
        QuestionKind::Integer => lang.pick("정수", "whole number"),
        QuestionKind::Text => lang.pick("글", "text"),
        QuestionKind::Series => lang.pick("연도별 수치", "figures by year"),
        QuestionKind::Table => lang.pick("여러 행의 표", "a table of rows"),
    }
}

/// Text for the terminal: control characters in a guideline's text shown as visible symbols;
/// line breaks stay.
/// A question's, metric's or indicator's references on one line: `K-ESG: E-1-1 · GRI: 305-1`.
fn references(refs: &std::collections::BTreeMap<String, String>) -> String {
    let refs: Vec<String> = refs
        .iter()
        .map(|(k, v)| format!("{}: {v}", super::reference_name(k)))
        .collect();
    refs.join(" · ")
}

fn shown(s: &str) -> String {
    let lines: Vec<_> = s.split('\n').map(visible).collect();
    lines.join("\n")
}

/// One question in full: prompt, help, kind, options, bounds, conditions.
#[must_use]
pub fn explain_question(g: &Guideline, q: &Question, lang: Lang) -> String {
    shown(&question_text(g, q, lang))
}

fn question_text(g: &Guideline, q: &Question, lang: Lang) -> String {
    let lang = g.lang(lang);
    let mut s = String::new();
    let _ = writeln!(s, "{} ({})", q.prompt.show(lang), q.id);
    let _ = writeln!(
        s,
        "  {}: {}",
        lang.pick("형식", "kind"),
        kind_name(q.kind, lang)
    );
    if let Some(help) = &q.help {
        let _ = writeln!(s, "  {}: {}", lang.pick("도움말", "help"), help.show(lang));
    }
    if let Some(unit) = &q.unit {
        let _ = writeln!(s, "  {}: {}", lang.pick("단위", "unit"), unit.show(lang));
    }
    match (q.min, q.max) {
        (Some(lo), Some(hi)) => {
            let _ = writeln!(
                s,
                "  {}: {} – {}",
                lang.pick("허용 범위", "allowed"),
                number(lo, 6),
                number(hi, 6)
            );
        }
        (Some(lo), None) => {
            let _ = writeln!(
                s,
                "  {}: ≥ {}",
                lang.pick("허용 범위", "allowed"),
                number(lo, 6)
            );
        }
        (None, Some(hi)) => {
            let _ = writeln!(
                s,
                "  {}: ≤ {}",
                lang.pick("허용 범위", "allowed"),
                number(hi, 6)
            );
        }
        (None, None) => {}
    }
    if q.kind == QuestionKind::Series {
        let _ = writeln!(
            s,
            "  {}",
            tr!(
                lang,
                "최근 {}개 연도를 묻습니다",
                "asks for the last {} years",
                q.years
            )
        );
    }
    for o in &q.options {
        let _ = writeln!(s, "  - {}: {}", o.id, o.text.show(lang));
    }
    if let Some(c) = &q.ask_if {
        let _ = writeln!(
            s,
            "  {}: {}",
            lang.pick("묻는 조건", "asked when"),
            c.source
        );
        if let Some(r) = q.ask_if_reason.as_ref().map(|r| r.show(lang)) {
            let _ = writeln!(
                s,
                "  {}: {}",
                lang.pick(
                    "묻지 않을 때 보고서에 쓰는 말",
                    "report says when not asked"
                ),
                r
            );
        }
    }
    if q.disclosed_only {
        let _ = writeln!(
            s,
            "  {}",
            lang.pick(
                "공시만 하는 항목: 공시하려고 묻는 것으로, 점수에는 쓰지 않습니다",
                "disclosed only: asked for disclosure, scored by nothing"
            )
        );
    }
    if q.allow_na {
        let _ = writeln!(
            s,
            "  {}",
            lang.pick(
                "사유를 적어 '해당 없음'으로 답할 수 있습니다",
                "may be answered \"not applicable\" with a reason"
            )
        );
    }
    if !q.references.is_empty() {
        let _ = writeln!(
            s,
            "  {}: {}",
            lang.pick("참고 기준", "references"),
            references(&q.references)
        );
    }
    s
}

fn rule_text(g: &Guideline, ind: &Indicator, lang: Lang) -> String {
    match &ind.rule {
        Rule::Choice { question } => tr!(
            lang,
            "`{}`에서 고른 답이 단계를 정합니다.",
            "The option chosen for `{}` sets the level.",
            g.questions[*question].id
        ),
        Rule::YesNo { question } => tr!(
            lang,
            "`{}`의 예/아니요가 단계를 정합니다.",
            "The yes/no answer to `{}` sets the level.",
            g.questions[*question].id
        ),
        Rule::Checklist { question, items } => tr!(
            lang,
            "`{}`에서 체크한 항목 수({}개 중)가 단계를 정합니다.",
            "The number of elements ticked in `{}` (of {}) sets the level.",
            g.questions[*question].id,
            items.len()
        ),
        Rule::Bands { expr } => tr!(
            lang,
            "`{}`의 값이 속한 구간이 단계를 정합니다.",
            "The band that `{}` falls in sets the level.",
            expr.source
        ),
        Rule::Trend {
            question,
            per,
            better,
        } => {
            let what = match per {
                Some(p) => format!("{} / {}", g.questions[*question].id, g.questions[*p].id),
                None => g.questions[*question].id.clone(),
            };
            let dir = match better {
                Better::Lower => lang.pick("낮을수록 좋음", "lower is better"),
                Better::Higher => lang.pick("높을수록 좋음", "higher is better"),
            };
            tr!(
                lang,
                "`{}`의 연평균 개선율(%/년, {})이 단계를 정합니다.",
                "The yearly improvement of `{}` in % a year ({}) sets the level.",
                what,
                dir
            )
        }
    }
}

fn level_condition(g: &Guideline, ind: &Indicator, m: &Match, lang: Lang) -> String {
    let range = |min: &Option<f64>, max: &Option<f64>| match (min, max) {
        (Some(a), Some(b)) => format!("{} ≤ x < {}", number(*a, 6), number(*b, 6)),
        (Some(a), None) => format!("x ≥ {}", number(*a, 6)),
        (None, Some(b)) => format!("x < {}", number(*b, 6)),
        (None, None) => lang.pick("모든 값", "any value").to_owned(),
    };
    match (m, &ind.rule) {
        (Match::Options(opts), Rule::Choice { question }) => opts
            .iter()
            .map(|&o| g.questions[*question].options[o].id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        (Match::AtLeast(n), _) => tr!(lang, "{}개 이상", "at least {}", n),
        (Match::Answer(b), _) => if *b {
            lang.pick("예", "yes")
        } else {
            lang.pick("아니요", "no")
        }
        .to_owned(),
        (Match::Range { min, max }, _) => range(min, max),
        _ => String::new(),
    }
}

/// One figure (a metric) in full: its title, unit, formula and references.
#[must_use]
pub fn explain_metric(g: &Guideline, m: &crate::guideline::Metric, lang: Lang) -> String {
    let lang = g.lang(lang);
    let mut s = String::new();
    let _ = writeln!(s, "{} ({})", m.title.show(lang), m.id);
    let _ = writeln!(
        s,
        "  {}: {}",
        lang.pick("형식", "kind"),
        lang.pick("답으로 계산하는 수치", "a figure computed from the answers")
    );
    if let Some(unit) = &m.unit {
        let _ = writeln!(s, "  {}: {}", lang.pick("단위", "unit"), unit.show(lang));
    }
    let _ = writeln!(
        s,
        "  {}: {}",
        lang.pick("계산식", "formula"),
        m.formula.source
    );
    if !m.references.is_empty() {
        let _ = writeln!(
            s,
            "  {}: {}",
            lang.pick("참고 기준", "references"),
            references(&m.references)
        );
    }
    shown(&s)
}

/// One indicator in full: questions, levels, how it is scored, the recommendation, references.
#[must_use]
pub fn explain_indicator(g: &Guideline, ind: &Indicator, lang: Lang) -> String {
    shown(&indicator_text(g, ind, lang))
}

fn indicator_text(g: &Guideline, ind: &Indicator, lang: Lang) -> String {
    let lang = g.lang(lang);
    let area = &g.areas[ind.area];
    let mut s = String::new();
    let _ = writeln!(s, "{} {}", ind.id, ind.title.show(lang));
    let mut facts = vec![
        format!(
            "{}: {} {}",
            lang.pick("영역", "area"),
            area.id,
            area.title.show(lang)
        ),
        format!(
            "{}: {}",
            lang.pick("가중치", "weight"),
            number(ind.weight, 2)
        ),
        format!(
            "{}: {}",
            lang.pick("노력", "effort"),
            super::words::effort(ind.effort, lang)
        ),
    ];
    if ind.core {
        facts.push(lang.pick("핵심 지표", "core indicator").to_owned());
    }
    let _ = writeln!(s, "{}", facts.join(" · "));
    if let Some(d) = &ind.description {
        let _ = writeln!(s, "\n{}", d.show(lang));
    }
    if let Some(c) = &ind.applies_if {
        let _ = writeln!(
            s,
            "\n{}: {}",
            lang.pick("적용 조건", "Applies when"),
            c.source
        );
        if let Some(r) = ind.applies_if_reason.as_ref().map(|r| r.show(lang)) {
            let _ = writeln!(
                s,
                "{}: {}",
                lang.pick(
                    "해당하지 않을 때 보고서에 쓰는 말",
                    "When it does not apply, the report says"
                ),
                r
            );
        }
    }
    let _ = writeln!(s, "\n{}", lang.pick("질문", "Questions"));
    for &q in &ind.questions {
        for line in question_text(g, &g.questions[q], lang).lines() {
            let _ = writeln!(s, "  {line}");
        }
    }
    let _ = writeln!(s, "\n{}", lang.pick("채점 방법", "How it is scored"));
    let _ = writeln!(s, "  {}", rule_text(g, ind, lang));
    let _ = writeln!(
        s,
        "  {}",
        lang.pick(
            "지표 점수 = 받은 점수 / 최고 단계 점수.",
            "Indicator score = points of the level reached / points of the best level."
        )
    );
    let _ = writeln!(s, "\n{}", lang.pick("단계", "Levels"));
    for (n, l) in ind.levels.iter().enumerate() {
        let _ = writeln!(
            s,
            "  {}. [{}] {} — {}",
            n + 1,
            level_condition(g, ind, &l.matcher, lang),
            tr!(lang, "{}점", "{} pts", number(l.points, 2)),
            l.text.show(lang)
        );
    }
    let _ = writeln!(s, "\n{}", lang.pick("권고", "Recommendation"));
    let _ = writeln!(s, "  {}", ind.recommendation.show(lang));
    // Recommendations that replace it: on a condition (tried first, in order), then per level.
    for a in &ind.advice {
        let _ = writeln!(
            s,
            "  {} {}: {}",
            lang.pick("조건", "When"),
            a.when.source,
            a.recommendation.show(lang)
        );
    }
    for (n, l) in ind.levels.iter().enumerate() {
        if let Some(r) = &l.recommendation {
            let _ = writeln!(
                s,
                "  {}: {}",
                tr!(lang, "{}단계인 회사", "At level {}", n + 1),
                r.show(lang)
            );
        }
    }
    if !ind.references.is_empty() {
        let _ = writeln!(s, "\n{}", lang.pick("참고 기준", "References"));
        let _ = writeln!(s, "  {}", references(&ind.references));
    }
    s
}

/// The list printed by `esg guidelines`.
#[must_use]
pub fn list_guidelines(items: &[(&Guideline, bool)], lang: Lang) -> String {
    shown(&guideline_list(items, lang))
}

fn guideline_list(items: &[(&Guideline, bool)], lang: Lang) -> String {
    let mut s = String::new();
    for (g, default) in items {
        let l = g.lang(lang);
        let _ = writeln!(
            s,
            "{}{} {} — {} ({})",
            g.id,
            if *default {
                lang.pick(" (기본)", " (default)")
            } else {
                ""
            },
            g.version,
            g.title.show(l),
            tr!(
                lang,
                "영역 {}개, 지표 {}개, 질문 {}개",
                "{} areas, {} indicators, {} questions",
                g.areas.len(),
                g.indicators.len(),
                g.questions.len()
            )
        );
    }
    s
}
