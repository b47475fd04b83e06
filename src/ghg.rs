//! The GHG inventory: choosing factor tables for a firm, computing each emission source, the
//! totals by scope, and the inventory section of the scorecard. Pure, like scoring.

use crate::expr::{Divisor, Env, Total, Unknown, Value, finite};
use crate::guideline::{Guideline, QuestionKind};
use crate::scorecard::{Chosen, FactorUsed, Inventory, SourceMissing, SourceResult};
use crate::text::{Lang, number};
use crate::tr;

/// A figure of the inventory: a finite number, or why it is unknown.
fn num(v: Result<Value<'_>, Unknown>) -> Result<f64, Unknown> {
    crate::expr::num(v).and_then(finite)
}

/// The table chosen for each family, by family index, and how.
pub type Choice = Vec<Option<(usize, Chosen)>>;

/// Chooses one table per factor family: the answers file's `[factors]` override, else the table
/// for the firm's `country` (tables without a country serve any) whose year is the latest not
/// after `year` (the earliest if all are later; the latest if no year is given). Returns the
/// choice and a warning per family that has no fitting table or only a later one.
#[must_use]
pub fn choose(
    g: &Guideline,
    overrides: &[Option<usize>],
    country: Option<&str>,
    year: Option<i64>,
    lang: Lang,
) -> (Choice, Vec<String>) {
    let mut warnings = Vec::new();
    let chosen = g
        .families
        .iter()
        .enumerate()
        .map(|(f, family)| {
            if let Some(t) = overrides.get(f).copied().flatten() {
                return Some((t, Chosen::Override));
            }
            let automatic = || {
                family
                    .tables
                    .iter()
                    .copied()
                    .filter(|&t| !g.factor_tables[t].override_only)
            };
            let for_country: Vec<usize> = automatic()
                .filter(|&t| match (&g.factor_tables[t].country, country) {
                    (Some(c), Some(want)) => c.eq_ignore_ascii_case(want),
                    _ => false,
                })
                .collect();
            let candidates: Vec<usize> = if for_country.is_empty() {
                automatic()
                    .filter(|&t| g.factor_tables[t].country.is_none())
                    .collect()
            } else {
                for_country
            };
            let year_of = |t: usize| i64::from(g.factor_tables[t].year);
            let best = match year {
                Some(y) => candidates
                    .iter()
                    .copied()
                    .filter(|&t| year_of(t) <= y)
                    .max_by_key(|&t| year_of(t))
                    .or_else(|| {
                        let earliest = candidates.iter().copied().min_by_key(|&t| year_of(t))?;
                        warnings.push(tr!(
                            lang,
                            "`{}` 계수표 가운데 {}년 이전 것이 없어 {} ({}년)을 씁니다.",
                            "No `{}` factor table for {} or earlier; using {} ({}).",
                            family.id,
                            y,
                            g.factor_tables[earliest].id,
                            g.factor_tables[earliest].year
                        ));
                        Some(earliest)
                    }),
                None => candidates.iter().copied().max_by_key(|&t| year_of(t)),
            };
            if best.is_none() {
                let tables: Vec<&str> = family
                    .tables
                    .iter()
                    .map(|&t| g.factor_tables[t].id.as_str())
                    .collect();
                warnings.push(tr!(
                    lang,
                    "국가 {1}에 맞는 `{0}` 계수표가 없습니다. 답변 파일의 [factors]에 `{0} = \"…\"`로 하나를 고르십시오 ({2}).",
                    "No `{0}` factor table fits country {1}; choose one in the answers file's [factors] as `{0} = \"…\"` ({2}).",
                    family.id,
                    country.unwrap_or("–"),
                    tables.join(", ")
                ));
            }
            best.map(|t| (t, Chosen::Matched))
        })
        .collect();
    (chosen, warnings)
}

/// What one emission source came to.
#[derive(Debug, Clone)]
pub enum SourceState {
    /// Computed.
    Reported(Figures),
    /// The firm gave no activity (or the activity does not apply): the source counts as zero.
    NotReported(Unknown),
    /// The activity is known but the emissions are not: the totals are unknown.
    Failed(Unknown),
}

/// The figures of a computed source.
#[derive(Debug, Clone, Copy)]
pub struct Figures {
    pub activity: f64,
    pub factor: f64,
    pub tco2e: f64,
    pub market_tco2e: f64,
    pub energy_mwh: Option<f64>,
    pub renewable_mwh: Option<f64>,
}

/// Computes every emission source against `env`, which must already answer factor look-ups.
#[must_use]
pub fn evaluate(g: &Guideline, env: &dyn Env) -> Vec<SourceState> {
    g.emission_sources
        .iter()
        .map(|s| {
            let activity = match num(s.activity.expr.eval(env)) {
                Ok(a) => a,
                Err(e @ (Unknown::Unanswered(q) | Unknown::NotApplicable(q)))
                    if s.activity_question == Some(q) =>
                {
                    return SourceState::NotReported(e);
                }
                Err(e) => return SourceState::Failed(e),
            };
            let figures = || -> Result<Figures, Unknown> {
                let factor = num(s.factor.expr.eval(env))?;
                let market_activity = s
                    .market_activity
                    .as_ref()
                    .map_or(Ok(activity), |c| num(c.expr.eval(env)))?;
                let market_factor = s
                    .market_factor
                    .as_ref()
                    .map_or(Ok(factor), |c| num(c.expr.eval(env)))?;
                let opt = |c: Option<&crate::guideline::Condition>| {
                    c.map(|c| num(c.expr.eval(env))).transpose()
                };
                Ok(Figures {
                    activity,
                    factor,
                    tco2e: finite(activity * factor)?,
                    market_tco2e: finite(market_activity * market_factor)?,
                    energy_mwh: opt(s.energy_mwh.as_ref())?,
                    renewable_mwh: opt(s.renewable_mwh.as_ref())?,
                })
            };
            match figures() {
                Ok(f) => SourceState::Reported(f),
                Err(e) => SourceState::Failed(e),
            }
        })
        .collect()
}

/// The totals of the inventory.
#[derive(Debug, Clone, Copy, Default)]
pub struct Totals {
    pub scope1: f64,
    pub scope2_location: f64,
    pub scope2_market: f64,
    pub energy_mwh: f64,
    pub renewable_mwh: f64,
}

impl Totals {
    /// One total.
    #[must_use]
    pub fn get(&self, t: Total) -> f64 {
        match t {
            Total::Scope1 => self.scope1,
            Total::Scope2Location => self.scope2_location,
            Total::Scope2Market => self.scope2_market,
            Total::EnergyMwh => self.energy_mwh,
            Total::RenewableMwh => self.renewable_mwh,
        }
    }
}

/// Adds up the sources. Unknown when no source is reported, or when one cannot be computed.
pub fn totals(g: &Guideline, states: &[SourceState]) -> Result<Totals, Unknown> {
    let mut t = Totals::default();
    let mut any = false;
    let mut first_missing = None;
    for (s, state) in g.emission_sources.iter().zip(states) {
        match state {
            SourceState::Failed(e) => return Err(*e),
            SourceState::NotReported(e) => {
                first_missing.get_or_insert(*e);
            }
            SourceState::Reported(f) => {
                any = true;
                if s.scope == 1 {
                    t.scope1 += f.tco2e;
                } else {
                    t.scope2_location += f.tco2e;
                    t.scope2_market += f.market_tco2e;
                }
                t.energy_mwh += f.energy_mwh.unwrap_or(0.0);
                t.renewable_mwh += f.renewable_mwh.unwrap_or(0.0);
            }
        }
    }
    if !any {
        return Err(first_missing.unwrap_or(Unknown::Internal));
    }
    // Each figure is finite; their sums, and the totals over both scopes, must be too.
    let sums = [
        t.scope1,
        t.scope2_location,
        t.scope2_market,
        t.energy_mwh,
        t.renewable_mwh,
        t.scope1 + t.scope2_location,
        t.scope1 + t.scope2_market,
    ];
    if sums.iter().all(|x| x.is_finite()) {
        Ok(t)
    } else {
        Err(Unknown::Overflow)
    }
}

/// Why a value is unknown, in words.
#[must_use]
pub fn reason(g: &Guideline, why: Unknown, lang: Lang, year: Option<i64>) -> String {
    match why {
        Unknown::Unanswered(q) => match year.filter(|_| g.questions[q].kind == QuestionKind::Series) {
            Some(y) => tr!(
                lang,
                "`{}`: {}년 값이 없습니다.",
                "`{}` has no answer for {}.",
                g.questions[q].id,
                y
            ),
            None => tr!(
                lang,
                "`{}` 질문에 답하지 않았습니다.",
                "Question `{}` is not answered.",
                g.questions[q].id
            ),
        },
        Unknown::NotApplicable(q) => tr!(
            lang,
            "`{}`: 해당 없음",
            "`{}` is not applicable.",
            g.questions[q].id
        ),
        Unknown::TooFewYears(q) => tr!(
            lang,
            "`{}`에 적어도 2개 연도의 수치가 필요합니다.",
            "`{}` needs figures for at least two years.",
            g.questions[q].id
        ),
        Unknown::NoFactor(f) => tr!(
            lang,
            "이 회사의 국가와 보고연도에 맞는 `{0}` 계수표가 없습니다. 답변 파일의 [factors]에서 `{0}`을(를) 고르십시오.",
            "No `{0}` factor table fits the firm's country and reporting year; choose one under [factors] in the answers file.",
            g.families[f].id
        ),
        Unknown::NoReportingYear => lang
            .pick(
                "보고연도가 필요합니다. 답변 파일의 [firm]에 reporting_year를 적으십시오.",
                "This needs the reporting year; add `reporting_year` to [firm] in the answers file.",
            )
            .to_owned(),
        Unknown::DivisionByZero(d) => match d {
            Divisor::Question(q) => tr!(
                lang,
                "계산식이 0으로 나누게 됩니다: “{}”의 답이 0입니다.",
                "The formula divides by zero: the answer to “{}” is 0.",
                g.questions[q].prompt.show(lang)
            ),
            Divisor::Metric(m) => tr!(
                lang,
                "계산식이 0으로 나누게 됩니다: {}이(가) 0입니다.",
                "The formula divides by zero: {} is 0.",
                g.metrics[m].title.show(lang)
            ),
            Divisor::Inventory(t) => tr!(
                lang,
                "계산식이 0으로 나누게 됩니다: 온실가스 인벤토리의 {}이(가) 0입니다.",
                "The formula divides by zero: the GHG inventory's {} is 0.",
                total_words(t, lang)
            ),
            Divisor::Unnamed => lang
                .pick(
                    "계산식이 0으로 나누게 됩니다. 분모가 되는 답(매출액 등)을 확인하세요.",
                    "The formula divides by zero; check the answer it divides by (revenue, for example).",
                )
                .to_owned(),
        },
        Unknown::Overflow => lang
            .pick(
                "계산 결과가 너무 커서 수로 나타낼 수 없습니다. 계산에 쓰인 답의 단위와 자릿수를 확인하세요.",
                "The result is too large to compute; check the units and the number of digits of the answers it uses.",
            )
            .to_owned(),
        Unknown::NoTrend(q) => tr!(
            lang,
            "`{}`의 값이 쓰인 연도들의 평균이 0이라(예: 모두 0) 추세를 잴 수 없습니다.",
            "`{}` averages 0 over the years used, so it has no trend to measure.",
            g.questions[q].id
        ),
        Unknown::Internal => lang
            .pick(
                "가이드라인의 계산식에 형식이 맞지 않는 값이 들어왔습니다. 도구의 결함이니 알려 주십시오.",
                "A formula met a value of the wrong type: a fault of the tool, not of the answers; please report it.",
            )
            .to_owned(),
    }
}

/// An inventory total in words.
fn total_words(t: Total, lang: Lang) -> &'static str {
    match t {
        Total::Scope1 => lang.pick("Scope 1 배출량", "Scope 1 emissions"),
        Total::Scope2Location => lang.pick(
            "Scope 2 배출량(지역 기준)",
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

/// What the inventory came to for one answers file.
#[derive(Debug, Clone)]
pub struct Computed {
    /// The firm's country, for choosing factor tables.
    pub country: Option<String>,
    pub year: Option<i64>,
    /// The factor table chosen for each family.
    pub chosen: Choice,
    pub sources: Vec<SourceState>,
    pub totals: Result<Totals, Unknown>,
}

/// The inventory section of the scorecard.
#[must_use]
pub fn section(
    g: &Guideline,
    computed: &Computed,
    intensity: Option<crate::scorecard::MetricValue>,
    lang: Lang,
) -> Inventory {
    let Computed {
        country,
        year,
        chosen,
        sources: states,
        totals,
    } = computed;
    let year = *year;
    let mut sources = Vec::new();
    let mut missing = Vec::new();
    let mut used_tables: Vec<(usize, Chosen)> = Vec::new();
    let mut use_table = |t: usize, how: Chosen| {
        if !used_tables.iter().any(|u| u.0 == t) {
            used_tables.push((t, how));
        }
    };
    for (s, state) in g.emission_sources.iter().zip(states) {
        match state {
            SourceState::Reported(f) => {
                let mut tables = Vec::new();
                for &t in &s.tables {
                    tables.push((t, Chosen::Named));
                }
                for &fam in &s.families {
                    if let Some(c) = chosen[fam] {
                        tables.push(c);
                    }
                }
                // Only the tables behind a figure are cited.
                if f.activity != 0.0 {
                    for &(t, how) in &tables {
                        use_table(t, how);
                    }
                }
                let tables = tables
                    .iter()
                    .map(|&(t, _)| g.factor_tables[t].id.clone())
                    .collect();
                sources.push(SourceResult {
                    id: s.id.clone(),
                    title: s.title.show(lang).to_owned(),
                    scope: s.scope,
                    activity: f.activity,
                    unit: s.unit.show(lang).to_owned(),
                    factor: f.factor,
                    tco2e: f.tco2e,
                    market_tco2e: f.market_tco2e,
                    energy_mwh: f.energy_mwh,
                    renewable_mwh: f.renewable_mwh,
                    tables,
                    basis: s.basis.as_ref().map(|b| b.show(lang).to_owned()),
                });
            }
            SourceState::NotReported(e) | SourceState::Failed(e) => missing.push(SourceMissing {
                id: s.id.clone(),
                title: s.title.show(lang).to_owned(),
                scope: s.scope,
                not_reported: matches!(state, SourceState::NotReported(_)),
                reason: reason(g, *e, lang, year),
            }),
        }
    }
    let t = totals.ok();
    let country = country.clone();
    let factor_tables = used_tables
        .into_iter()
        .map(|(i, how)| {
            let t = &g.factor_tables[i];
            FactorUsed {
                table: t.id.clone(),
                family: t.family.map(|f| g.families[f].id.clone()),
                title: t.title.show(lang).to_owned(),
                source: t.source.clone(),
                year: t.year,
                country: t.country.clone(),
                unit: t.unit.clone(),
                basis: t.basis.clone(),
                gwp: t.gwp.clone(),
                chosen: how,
            }
        })
        .collect();
    Inventory {
        country,
        reporting_year: year,
        sources,
        missing,
        scope1: t.map(|t| t.scope1),
        scope2_location: t.map(|t| t.scope2_location),
        scope2_market: t.map(|t| t.scope2_market),
        total_location: t.map(|t| t.scope1 + t.scope2_location),
        total_market: t.map(|t| t.scope1 + t.scope2_market),
        energy_mwh: t.map(|t| t.energy_mwh),
        renewable_mwh: t.map(|t| t.renewable_mwh),
        renewable_share: t
            .filter(|t| t.energy_mwh > 0.0)
            .map(|t| t.renewable_mwh / t.energy_mwh)
            .filter(|s| s.is_finite()),
        intensity,
        factor_tables,
    }
}

/// tCO2e for display, with the digits a reader needs.
#[must_use]
pub fn tonnes(t: f64) -> String {
    number(t, if t.abs() < 10.0 { 3 } else { 1 })
}

/// A number with `digits` significant digits (at least the whole part), for factors.
#[must_use]
pub fn significant(x: f64, digits: i32) -> String {
    if x == 0.0 || !x.is_finite() {
        return number(x, 0);
    }
    let magnitude = x.abs().log10().floor() as i32;
    let decimals = usize::try_from((digits - 1 - magnitude).max(0)).unwrap_or(0);
    number(x, decimals)
}

#[cfg(test)]
mod tests {
    use super::significant;

    #[test]
    fn factors_keep_five_significant_digits() {
        assert_eq!(significant(0.4173, 5), "0.4173");
        assert_eq!(significant(2.624_307_9, 5), "2.6243");
        assert_eq!(significant(0.002_184_4, 5), "0.0021844");
        assert_eq!(significant(59_685.0, 5), "59,685");
        assert_eq!(significant(0.0, 5), "0");
    }
}
