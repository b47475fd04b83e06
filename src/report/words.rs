//! The words of the scorecard's data: each finding, reason and warning has a code (kebab-case,
//! what JSON and tools read) and a message in Korean and English (what people read). Messages
//! name questions by their prompts and never show a formula, an id or backticks: those are for
//! `esg explain` and JSON.
//!
//! Korean messages put a value from a file after a colon or inside quotes followed by a noun
//! (“…” 질문에), so that no particle has to follow text whose last sound is unknown.

use crate::expr::Total;
use crate::guideline::Effort;
use crate::scorecard::{
    Divisor, FileWarning, Finding, How, Missing, OptionRef, Read, ReadKind, Shown, Status, Warning,
};
use crate::text::{Lang, Measure, Text, Ui, with_unit};
use crate::tr;

/// Text of the guideline or a file, quoted: “…”.
fn quoted(s: &str) -> String {
    format!("“{s}”")
}

/// A question by its prompt, quoted.
fn prompt(q: &crate::scorecard::QuestionRef, lang: Lang) -> String {
    quoted(q.prompt.show(lang))
}

/// Yes or no.
#[must_use]
pub fn yes_no(b: bool, lang: Lang) -> &'static str {
    match (b, lang.ui()) {
        (true, Ui::Ko) => "예",
        (false, Ui::Ko) => "아니요",
        (true, Ui::En) => "yes",
        (false, Ui::En) => "no",
    }
}

/// The effort a recommendation takes.
#[must_use]
pub fn effort(e: Effort, lang: Lang) -> &'static str {
    match e {
        Effort::Low => lang.pick("낮음", "low"),
        Effort::Medium => lang.pick("보통", "medium"),
        Effort::High => lang.pick("높음", "high"),
    }
}

/// The status of an indicator or area.
#[must_use]
pub fn status(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Scored => lang.pick("채점", "scored"),
        Status::NotApplicable => lang.pick("해당 없음", "not applicable"),
        Status::Unanswered => lang.pick("미응답", "unanswered"),
    }
}

/// The same status as a code, for CSV and JSON.
#[must_use]
pub fn status_code(s: Status) -> &'static str {
    match s {
        Status::Scored => "scored",
        Status::NotApplicable => "not_applicable",
        Status::Unanswered => "unanswered",
    }
}

/// A total of the GHG inventory in words.
#[must_use]
pub fn total_words(t: Total, lang: Lang) -> &'static str {
    match t {
        Total::Scope1 => lang.pick("Scope 1 배출량", "Scope 1 emissions"),
        Total::Scope2Location => lang.pick(
            "Scope 2 배출량(위치 기준)",
            "Scope 2 emissions (location-based)",
        ),
        Total::Scope2Market => lang.pick(
            "Scope 2 배출량(시장 기준)",
            "Scope 2 emissions (market-based)",
        ),
        Total::EnergyMwh => lang.pick("에너지 사용량", "energy use"),
        Total::RenewableMwh => lang.pick("재생에너지 사용량", "renewable energy use"),
    }
}

/// The unit to show after a value whose title is `title`: the unit without the part the title
/// already says (`tCO2e per KRW 100 million` after "… per KRW 100 million of revenue" is
/// `tCO2e`; `tCO2e/억원` after "매출 1억원당 …" is `tCO2e`), so that no unit is said twice.
#[must_use]
pub fn unit_after<'a>(title: &str, unit: &'a str) -> &'a str {
    if let Some((per_what, rest)) = unit.split_once(" per ") {
        if title.contains(&format!("per {rest}")) {
            return per_what;
        }
    }
    if let Some((what, per)) = unit.split_once('/') {
        let per = per.trim();
        if !per.is_empty() && title.contains(&format!("{per}당")) {
            return what;
        }
    }
    unit
}

impl Shown {
    /// The answer as a person reads it: option texts, yes or no, numbers with their units.
    #[must_use]
    pub fn words(&self, lang: Lang) -> String {
        let unit = |u: &Option<Text>| u.as_ref().map(|u| u.show(lang).to_owned());
        match self {
            Shown::YesNo { answer } => yes_no(*answer, lang).to_owned(),
            Shown::Choice { option } => option.text.show(lang).to_owned(),
            Shown::Multi { options } if options.is_empty() => {
                lang.pick("해당 없음(선택 없음)", "none ticked").to_owned()
            }
            Shown::Multi { options } => options
                .iter()
                .map(|o: &OptionRef| o.text.show(lang))
                .collect::<Vec<_>>()
                .join("; "),
            Shown::Number { value, unit: u } => {
                with_unit(&Measure::Answer.show(*value), unit(u).as_deref())
            }
            Shown::Text { text } => text.clone(),
            Shown::Series { values, unit: u } => {
                let unit = unit(u);
                values
                    .iter()
                    .map(|(y, v)| {
                        format!(
                            "{}: {}",
                            tr!(lang, "{}년", "{}", y),
                            with_unit(&Measure::Answer.show(*v), unit.as_deref())
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }
    }

    /// The answer as JSON: `true`, an option id, a list of ids, a number, text, or figures by year.
    #[must_use]
    pub fn json(&self) -> serde_json::Value {
        use serde_json::{Value, json};
        match self {
            Shown::YesNo { answer } => json!(answer),
            Shown::Choice { option } => json!(option.id),
            Shown::Multi { options } => Value::Array(options.iter().map(|o| json!(o.id)).collect()),
            Shown::Number { value, .. } => json!(value),
            Shown::Text { text } => json!(text),
            Shown::Series { values, .. } => Value::Object(
                values
                    .iter()
                    .map(|(y, v)| (y.to_string(), json!(v)))
                    .collect(),
            ),
        }
    }
}

/// The generic reason of a condition that rules something out, when the guideline gives none.
fn does_not_apply(lang: Lang) -> String {
    lang.pick(
        "이 회사에는 해당하지 않습니다.",
        "Does not apply to this firm.",
    )
    .to_owned()
}

/// The guideline's reason for owners, as a sentence.
fn reason_text(reason: Option<&Text>, lang: Lang) -> String {
    match reason
        .map(|r| r.show(lang).trim())
        .filter(|r| !r.is_empty())
    {
        Some(r) => r.to_owned(),
        None => does_not_apply(lang),
    }
}

impl Missing {
    /// The code of the reason.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Missing::Unanswered { .. } => "unanswered",
            Missing::NoValueForYear { .. } => "no-value-for-year",
            Missing::MarkedNotApplicable { .. } => "marked-not-applicable",
            Missing::NotAsked { .. } => "not-asked",
            Missing::Invalid { .. } => "invalid-answer",
            Missing::TooFewYears { .. } => "too-few-years",
            Missing::NoTrend { .. } => "no-trend",
            Missing::NoFactor { .. } => "no-factor",
            Missing::NoReportingYear => "no-reporting-year",
            Missing::DivisionByZero { .. } => "division-by-zero",
            Missing::Overflow => "overflow",
            Missing::Internal => "internal",
        }
    }

    /// The reason in words.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Missing::Unanswered { question } => tr!(
                lang,
                "{} 질문에 답하지 않았습니다.",
                "{} is not answered.",
                prompt(question, lang)
            ),
            Missing::NoValueForYear { question, year } => tr!(
                lang,
                "{} 질문에 {}년 값이 없습니다.",
                "{} has no figure for {}.",
                prompt(question, lang),
                year
            ),
            Missing::MarkedNotApplicable { question, reason } => tr!(
                lang,
                "회사가 {} 질문을 해당 없음으로 답했습니다: {}",
                "The firm answered {} as not applicable: {}",
                prompt(question, lang),
                reason
            ),
            Missing::NotAsked { reason, .. } => reason_text(reason.as_ref(), lang),
            // The check's own words are among the warnings; each indicator names the answer.
            Missing::Invalid { question, .. } => tr!(
                lang,
                "{} 질문의 답이 다른 답과 함께 참일 수 없어 점수에 넣지 않았습니다(경고 참고).",
                "{} is not counted: its answer cannot be true together with the others (see the warnings).",
                prompt(question, lang)
            ),
            Missing::TooFewYears { question } => tr!(
                lang,
                "{} 질문에 적어도 2개 연도의 수치가 필요합니다.",
                "{} needs figures for at least two years.",
                prompt(question, lang)
            ),
            Missing::NoTrend { question } => tr!(
                lang,
                "{} 질문의 값이 쓰인 연도들의 평균이 0이라(예: 모두 0) 추세를 잴 수 없습니다.",
                "{} averages 0 over the years used, so it has no trend to measure.",
                prompt(question, lang)
            ),
            Missing::NoFactor { .. } => lang
                .pick(
                    "이 회사의 국가와 보고연도에 맞는 배출계수표가 없습니다. 답변 파일의 [factors]에서 하나를 고르십시오.",
                    "No emission factor table fits the firm's country and reporting year; choose one under [factors] in the answers file.",
                )
                .to_owned(),
            Missing::NoReportingYear => lang
                .pick(
                    "보고연도가 필요합니다. 답변 파일의 [firm]에 보고연도(reporting_year)를 적으십시오.",
                    "This needs the reporting year; add reporting_year to [firm] in the answers file.",
                )
                .to_owned(),
            Missing::DivisionByZero { divisor } => match divisor {
                Divisor::Question(q) => tr!(
                    lang,
                    "0으로 나누게 되어 계산할 수 없습니다: {} 질문의 답이 0입니다.",
                    "Cannot be computed: it divides by the answer to {}, which is 0.",
                    prompt(q, lang)
                ),
                Divisor::Metric { title, .. } => tr!(
                    lang,
                    "0으로 나누게 되어 계산할 수 없습니다: {} 값이 0입니다.",
                    "Cannot be computed: it divides by {}, which is 0.",
                    quoted(title.show(lang))
                ),
                Divisor::Inventory(t) => tr!(
                    lang,
                    "0으로 나누게 되어 계산할 수 없습니다: 온실가스 인벤토리의 {} 값이 0입니다.",
                    "Cannot be computed: it divides by the GHG inventory's {}, which is 0.",
                    total_words(*t, lang)
                ),
                Divisor::Unnamed => lang
                    .pick(
                        "0으로 나누게 되어 계산할 수 없습니다. 분모가 되는 답(매출액 등)을 확인하세요.",
                        "Cannot be computed: it divides by zero; check the answer it divides by (revenue, for example).",
                    )
                    .to_owned(),
            },
            Missing::Overflow => lang
                .pick(
                    "계산 결과가 너무 커서 수로 나타낼 수 없습니다. 계산에 쓰인 답의 단위와 자릿수를 확인하세요.",
                    "The result is too large to compute; check the units and the number of digits of the answers it uses.",
                )
                .to_owned(),
            Missing::Internal => lang
                .pick(
                    "가이드라인의 계산식에 형식이 맞지 않는 값이 들어왔습니다. 도구의 결함이니 알려 주십시오.",
                    "A formula met a value of the wrong type: a fault of the tool, not of the answers; please report it.",
                )
                .to_owned(),
        }
    }

    /// The parameters, for JSON: ids and the formula's parts.
    #[must_use]
    pub fn params(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Missing::Unanswered { question }
            | Missing::TooFewYears { question }
            | Missing::NoTrend { question } => json!({ "question": question.id }),
            Missing::NoValueForYear { question, year } => {
                json!({ "question": question.id, "year": year })
            }
            Missing::MarkedNotApplicable { question, reason } => {
                json!({ "question": question.id, "reason": reason })
            }
            Missing::NotAsked {
                question,
                condition,
                ..
            } => json!({ "question": question.id, "condition": condition }),
            Missing::Invalid {
                question, check, ..
            } => json!({ "question": question.id, "check": check }),
            Missing::NoFactor { family } => json!({ "family": family }),
            Missing::DivisionByZero { divisor } => match divisor {
                Divisor::Question(q) => json!({ "divisor": { "question": q.id } }),
                Divisor::Metric { id, .. } => json!({ "divisor": { "metric": id } }),
                Divisor::Inventory(t) => json!({ "divisor": { "ghg": t.name() } }),
                Divisor::Unnamed => json!({ "divisor": null }),
            },
            Missing::NoReportingYear | Missing::Overflow | Missing::Internal => json!({}),
        }
    }
}

impl How {
    /// The scoring rule that gave the level.
    #[must_use]
    pub fn rule(&self) -> &'static str {
        match self {
            How::Choice { .. } => "choice",
            How::YesNo { .. } => "yes_no",
            How::Checklist { .. } => "checklist",
            How::Bands { .. } => "bands",
            How::Trend { .. } => "trend",
        }
    }

    /// What the rule read, in words; empty for a band value without a unit (the answers it read
    /// say more than a sum of points).
    #[must_use]
    pub fn words(&self, lang: Lang) -> String {
        match self {
            How::Choice { option, .. } => {
                tr!(lang, "답: {}", "Answer: {}", quoted(option.text.show(lang)))
            }
            How::YesNo { answer, .. } => {
                tr!(lang, "답: {}", "Answer: {}", yes_no(*answer, lang))
            }
            How::Checklist { met, of, .. } => tr!(
                lang,
                "{}개 항목 가운데 {}개 충족",
                "{1} of {0} elements met",
                of,
                met
            ),
            How::Bands { value, unit, .. } => match unit {
                Some(u) => {
                    let u = u.show(lang);
                    tr!(
                        lang,
                        "값: {}",
                        "Value: {}",
                        with_unit(&Measure::of_unit(u).show(*value), Some(u))
                    )
                }
                None => String::new(),
            },
            How::Trend {
                improvement,
                first_year,
                last_year,
                years,
                ..
            } => {
                let change = Measure::Percent.show(improvement.abs());
                let years_span = if first_year == last_year {
                    tr!(lang, "{}년", "{}", first_year)
                } else {
                    tr!(lang, "{}–{}년", "{}–{}", first_year, last_year)
                };
                if *improvement >= 0.0 {
                    tr!(
                        lang,
                        "연평균 {}% 개선 ({}, {}개 연도)",
                        "{}% a year better over {} ({} years)",
                        change,
                        years_span,
                        years
                    )
                } else {
                    tr!(
                        lang,
                        "연평균 {}% 악화 ({}, {}개 연도)",
                        "{}% a year worse over {} ({} years)",
                        change,
                        years_span,
                        years
                    )
                }
            }
        }
    }
}

impl Finding {
    /// The code of the finding.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Finding::Scored { .. } => "scored",
            Finding::DoesNotApply { .. } => "does-not-apply",
            Finding::NeedsAnswer { .. } => "not-applicable-refused",
            Finding::Missing(m) => m.code(),
        }
    }

    /// The finding in words: the level reached and how, or why there is none.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Finding::Scored {
                how,
                level,
                max_points,
            } => {
                let mut s = tr!(
                    lang,
                    "{}단계 가운데 {}단계 ({}/{}점)",
                    "Level {1} of {0} ({2} of {3} points)",
                    level.of,
                    level.number,
                    Measure::Points.show(level.points),
                    Measure::Points.show(*max_points)
                );
                let text = level.text.show(lang).trim();
                if !text.is_empty() {
                    s.push_str(": ");
                    s.push_str(text);
                }
                let how = how.words(lang);
                if !how.is_empty() {
                    if !s.ends_with(['.', '?', '!']) {
                        s.push('.');
                    }
                    s.push(' ');
                    s.push_str(&how);
                }
                s
            }
            Finding::DoesNotApply { reason, .. } => reason_text(reason.as_ref(), lang),
            Finding::NeedsAnswer { question, reason } => tr!(
                lang,
                "{} 질문에 해당 없음으로 답했지만 이 지표에는 답이 필요합니다. 회사가 적은 사유: {}",
                "{} was answered as not applicable, but this indicator needs an answer. The firm's reason: {}",
                prompt(question, lang),
                reason
            ),
            Finding::Missing(m) => m.message(lang),
        }
    }

    /// The parameters, for JSON: the rule, the values read, the formula, ids.
    #[must_use]
    pub fn params(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Finding::Scored {
                how,
                level,
                max_points,
            } => {
                let mut p = match how {
                    How::Choice { question, option } => {
                        json!({ "question": question.id, "option": option.id })
                    }
                    How::YesNo { question, answer } => {
                        json!({ "question": question.id, "answer": answer })
                    }
                    How::Checklist { question, met, of } => {
                        json!({ "question": question.id, "met": met, "of": of })
                    }
                    How::Bands {
                        expression, value, ..
                    } => {
                        json!({ "expression": expression, "value": value })
                    }
                    How::Trend {
                        question,
                        per,
                        improvement,
                        first_year,
                        last_year,
                        years,
                    } => json!({
                        "question": question.id,
                        "per": per.as_ref().map(|p| p.id.clone()),
                        "improvement_pct": improvement,
                        "first_year": first_year,
                        "last_year": last_year,
                        "years": years,
                    }),
                };
                p["rule"] = json!(how.rule());
                p["level"] = json!(level.number);
                p["levels"] = json!(level.of);
                p["points"] = json!(level.points);
                p["max_points"] = json!(max_points);
                p
            }
            Finding::DoesNotApply { condition, .. } => json!({ "condition": condition }),
            Finding::NeedsAnswer { question, reason } => {
                json!({ "question": question.id, "reason": reason })
            }
            Finding::Missing(m) => m.params(),
        }
    }
}

impl Read {
    /// What was read, in words: the question's prompt or the metric's title, and its value.
    #[must_use]
    pub fn words(&self, lang: Lang) -> String {
        let title = self.title.show(lang);
        let value = match &self.value {
            Shown::Number { value, unit } => {
                let unit = unit.as_ref().map(|u| u.show(lang)).unwrap_or("");
                let unit = crate::text::spelled(unit);
                let shown_unit = unit_after(title, &unit);
                with_unit(&Measure::of_unit(&unit).show(*value), Some(shown_unit))
            }
            other => other.words(lang),
        };
        match self.kind {
            ReadKind::Question => format!("{}: {value}", quoted(title)),
            ReadKind::Metric => format!("{title}: {value}"),
        }
    }
}

impl FileWarning {
    /// Where the warning is, in words: the file, and its line when known.
    #[must_use]
    pub fn place(&self, lang: Lang) -> String {
        if self.line > 0 {
            tr!(lang, "{} {}번째 줄", "{}, line {}", self.file, self.line)
        } else {
            self.file.clone()
        }
    }
}

impl Warning {
    /// The code of the warning: the lint rule of a file's warning, else what the warning is.
    #[must_use]
    pub fn code(&self) -> &str {
        match self {
            Warning::File(f) => &f.code,
            Warning::FactorTableLater { .. } => "factor-table-later",
            Warning::NoFactorTable { .. } => "no-factor-table",
            Warning::Check { .. } => "plausibility-check",
        }
    }

    /// The warning in words.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Warning::File(f) => {
                let mut s = format!("{}: {}", f.place(lang), f.message.show(lang));
                if let Some(help) = f.help.as_ref().map(|h| h.show(lang)) {
                    if !help.is_empty() {
                        s.push_str(&tr!(lang, " (도움말: {})", " (help: {})", help));
                    }
                }
                s
            }
            Warning::FactorTableLater {
                year,
                table_title,
                table_year,
                ..
            } => tr!(
                lang,
                "{}년 또는 그 이전의 배출계수표가 없어 가장 이른 표를 씁니다: {} ({}년)",
                "No emission factor table for {} or earlier; using the earliest: {} ({}).",
                year,
                table_title.show(lang),
                table_year
            ),
            Warning::NoFactorTable {
                family,
                country,
                tables,
            } => tr!(
                lang,
                "국가 {}에 맞는 배출계수표가 없어 온실가스 배출량을 계산하지 못했습니다. 답변 파일의 [factors]에 {} = \"…\" 형식으로 다음 가운데 하나를 적으십시오: {}",
                "No emission factor table fits country {}, so the emissions cannot be computed; name one in the answers file's [factors] as {} = \"…\": {}",
                country.as_deref().unwrap_or("–"),
                family,
                tables.join(", ")
            ),
            Warning::Check { message, read, .. } => {
                let mut s = message.show(lang).trim().to_owned();
                if !read.is_empty() {
                    let read: Vec<String> = read.iter().map(|r| r.words(lang)).collect();
                    s.push_str(&tr!(
                        lang,
                        " (읽은 값: {})",
                        " (values read: {})",
                        read.join("; ")
                    ));
                }
                s
            }
        }
    }

    /// The parameters, for JSON.
    #[must_use]
    pub fn params(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            // Its position is in the warning's own fields, its help in the message.
            Warning::File(_) => json!({}),
            Warning::FactorTableLater {
                family,
                year,
                table,
                table_year,
                ..
            } => json!({
                "family": family,
                "year": year,
                "table": table,
                "table_year": table_year,
            }),
            Warning::NoFactorTable {
                family,
                country,
                tables,
            } => json!({ "family": family, "country": country, "tables": tables }),
            Warning::Check { read, .. } => json!({
                "read": read
                    .iter()
                    .map(|r| json!({
                        "kind": r.kind,
                        "id": r.id,
                        "value": r.value.json(),
                    }))
                    .collect::<Vec<_>>(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_not_said_twice() {
        assert_eq!(
            unit_after(
                "GHG intensity per KRW 100 million of revenue",
                "tCO2e per KRW 100 million"
            ),
            "tCO2e"
        );
        assert_eq!(
            unit_after("매출 1억원당 온실가스 배출량", "tCO2e/억원"),
            "tCO2e"
        );
        assert_eq!(unit_after("Energy", "MWh"), "MWh");
    }

    #[test]
    fn a_generic_reason_has_no_formula() {
        let f = Finding::DoesNotApply {
            condition: "has_board".into(),
            reason: None,
        };
        assert_eq!(f.message(Lang::Ko), "이 회사에는 해당하지 않습니다.");
        assert_eq!(f.message(Lang::En), "Does not apply to this firm.");
        let f = Finding::DoesNotApply {
            condition: "has_board".into(),
            reason: Some(Text::both(
                "이사회가 없어 해당하지 않습니다.",
                "The firm has no board.",
            )),
        };
        assert_eq!(f.message(Lang::Ko), "이사회가 없어 해당하지 않습니다.");
        assert_eq!(f.code(), "does-not-apply");
        assert_eq!(f.params()["condition"], "has_board");
    }

    #[test]
    fn korean_counts_have_no_space() {
        let s = Shown::Number {
            value: 0.0,
            unit: Some(Text::both("명", "people")),
        };
        assert_eq!(s.words(Lang::Ko), "0명");
        assert_eq!(s.words(Lang::En), "0 people");
    }
}
