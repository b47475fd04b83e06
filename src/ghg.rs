//! The GHG inventory: choosing factor tables for a firm, computing each emission source, the
//! totals by scope, and the inventory section of the scorecard. Pure, like scoring.

use crate::expr::{Env, Total, Unknown, Value, finite};
use crate::guideline::Guideline;
use crate::scorecard::{
    Chosen, FactorUsed, Inventory, MetricValue, Missing, SourceMissing, SourceResult, Warning,
};

/// A figure of the inventory: a finite number, or why it is unknown.
fn num<E: Env + ?Sized>(e: &crate::expr::Expr, env: &E) -> Result<f64, Unknown> {
    e.eval_num(env).and_then(finite)
}

/// The table chosen for each family, by family index, and how.
pub type Choice = Vec<Option<(usize, Chosen)>>;

/// The table each family's `[factors.tables]` expression names for this firm: `None` where the
/// family has no such expression, where its value is unknown (an unanswered question), or where
/// the string names no table of the family.
#[must_use]
pub fn picked(g: &Guideline, env: &dyn Env) -> Vec<Option<usize>> {
    g.families
        .iter()
        .map(|family| {
            let c = family.choose.as_ref()?;
            match c.expr.eval(env) {
                Ok(Value::Str(s)) => family
                    .tables
                    .iter()
                    .copied()
                    .find(|&t| g.factor_tables[t].id == s.trim()),
                _ => None,
            }
        })
        .collect()
}

/// Chooses one table per factor family: the answers file's `[factors]` override, else the table
/// the firm's answer names (`picked`, from the guideline's `[factors.tables]`), else the table
/// for the firm's `country` (tables without a country serve any) whose year is the latest not
/// after `year` (the earliest if all are later; the latest if no year is given). Returns the
/// choice and a warning per family that has no fitting table or only a later one.
#[must_use]
pub fn choose(
    g: &Guideline,
    overrides: &[Option<usize>],
    picked: &[Option<usize>],
    country: Option<&str>,
    year: Option<i64>,
) -> (Choice, Vec<Warning>) {
    let mut warnings = Vec::new();
    let chosen = g
        .families
        .iter()
        .enumerate()
        .map(|(f, family)| {
            if let Some(t) = overrides.get(f).copied().flatten() {
                return Some((t, Chosen::Override));
            }
            if let Some(t) = picked.get(f).copied().flatten() {
                return Some((t, Chosen::Answer));
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
                        let t = &g.factor_tables[earliest];
                        warnings.push(Warning::FactorTableLater {
                            family: family.id.clone(),
                            year: y,
                            table: t.id.clone(),
                            table_title: t.title.clone(),
                            table_year: t.year,
                        });
                        Some(earliest)
                    }),
                None => candidates.iter().copied().max_by_key(|&t| year_of(t)),
            };
            if best.is_none() {
                warnings.push(Warning::NoFactorTable {
                    family: family.id.clone(),
                    country: country.map(str::to_owned),
                    tables: family
                        .tables
                        .iter()
                        .map(|&t| g.factor_tables[t].id.clone())
                        .collect(),
                });
            }
            best.map(|t| (t, Chosen::Matched))
        })
        .collect();
    (chosen, warnings)
}

/// An environment that records which factor families an expression read, so that a source cites
/// only the tables its figures rest on (a branch of `if` not taken reads nothing).
struct Reading<'e, E: Env + ?Sized> {
    env: &'e E,
    read: std::cell::RefCell<Vec<usize>>,
    /// The families below 64 in `read`, one bit each.
    seen: std::cell::Cell<u64>,
}

impl<E: Env + ?Sized> Env for Reading<'_, E> {
    fn question(&self, q: usize) -> Result<Value<'_>, Unknown> {
        self.env.question(q)
    }
    fn number(&self, q: usize) -> Result<f64, Unknown> {
        self.env.number(q)
    }
    fn truth(&self, q: usize) -> Result<bool, Unknown> {
        self.env.truth(q)
    }
    fn series_answer(&self, q: usize) -> Result<std::borrow::Cow<'_, [(i32, f64)]>, Unknown> {
        self.env.series_answer(q)
    }
    fn answered(&self, q: usize) -> bool {
        self.env.answered(q)
    }
    fn not_applicable(&self, q: usize) -> Result<bool, Unknown> {
        self.env.not_applicable(q)
    }
    fn option_value(&self, q: usize) -> Result<f64, Unknown> {
        self.env.option_value(q)
    }
    fn metric(&self, m: usize) -> Result<f64, Unknown> {
        self.env.metric(m)
    }
    fn factor(&self, family: usize, key: usize) -> Result<f64, Unknown> {
        let bit = u32::try_from(family)
            .ok()
            .and_then(|f| 1u64.checked_shl(f))
            .unwrap_or(0);
        if bit == 0 || self.seen.get() & bit == 0 {
            self.seen.set(self.seen.get() | bit);
            let mut read = self.read.borrow_mut();
            if !read.contains(&family) {
                read.push(family);
            }
        }
        self.env.factor(family, key)
    }
    fn inventory(&self, total: Total) -> Result<f64, Unknown> {
        self.env.inventory(total)
    }
    fn reporting_year(&self) -> Option<i32> {
        self.env.reporting_year()
    }
}

/// What one emission source came to.
#[derive(Debug, Clone)]
pub enum SourceState {
    /// Computed, with the factor families its figures read.
    Reported(Figures, Vec<usize>),
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
pub fn evaluate<E: Env + ?Sized>(g: &Guideline, env: &E) -> Vec<SourceState> {
    g.emission_sources
        .iter()
        .map(|s| {
            let env = &Reading {
                env,
                read: std::cell::RefCell::new(Vec::new()),
                seen: std::cell::Cell::new(0),
            };
            match source(s, env) {
                Ok(f) => SourceState::Reported(f, env.read.take()),
                Err(state) => state,
            }
        })
        .collect()
}

/// [`evaluate`] without noting the factor families each source read (every reported source has
/// an empty list): the same figures and totals, for what shows no citations (a summary row).
#[must_use]
pub fn evaluate_figures<E: Env + ?Sized>(g: &Guideline, env: &E) -> Vec<SourceState> {
    g.emission_sources
        .iter()
        .map(|s| match source(s, env) {
            Ok(f) => SourceState::Reported(f, Vec::new()),
            Err(state) => state,
        })
        .collect()
}

/// The figures of one emission source, or the state of a source that has none.
fn source<E: Env + ?Sized>(
    s: &crate::guideline::EmissionSource,
    env: &E,
) -> Result<Figures, SourceState> {
    let activity = match num(&s.activity.expr, env) {
        Ok(a) => a,
        Err(e @ (Unknown::Unanswered(q) | Unknown::NotApplicable(q)))
            if s.activity_question == Some(q) =>
        {
            return Err(SourceState::NotReported(e));
        }
        Err(e) => return Err(SourceState::Failed(e)),
    };
    let figures = || -> Result<Figures, Unknown> {
        let factor = num(&s.factor.expr, env)?;
        let market_activity = s
            .market_activity
            .as_ref()
            .map_or(Ok(activity), |c| num(&c.expr, env))?;
        let market_factor = s
            .market_factor
            .as_ref()
            .map_or(Ok(factor), |c| num(&c.expr, env))?;
        let opt =
            |c: Option<&crate::guideline::Condition>| c.map(|c| num(&c.expr, env)).transpose();
        Ok(Figures {
            activity,
            factor,
            tco2e: finite(activity * factor)?,
            market_tco2e: finite(market_activity * market_factor)?,
            energy_mwh: opt(s.energy_mwh.as_ref())?,
            renewable_mwh: opt(s.renewable_mwh.as_ref())?,
        })
    };
    figures().map_err(SourceState::Failed)
}

/// Energy use per carrier (`Guideline::carriers`), in MWh, over the sources computed.
#[must_use]
pub fn by_carrier(g: &Guideline, states: &[SourceState]) -> Vec<f64> {
    let carriers = g.carriers();
    let mut out = vec![0.0; carriers.len()];
    for (s, state) in g.emission_sources.iter().zip(states) {
        if let (SourceState::Reported(f, _), Some(c)) =
            (state, carriers.iter().position(|&c| c == s.carrier))
        {
            out[c] += f.energy_mwh.unwrap_or(0.0);
        }
    }
    out
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
            SourceState::Reported(f, _) => {
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

/// The totals of an inventory from elsewhere (`[ghg.stated]`), in tCO2e, and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct StatedTotals {
    pub scope1: f64,
    pub scope2_location: f64,
    pub scope2_market: f64,
    pub source: String,
}

/// The inventory the firm has from elsewhere, when its scope 1 and location-based scope 2 totals
/// are both given (finite, not negative); the market-based figure defaults to the location-based.
#[must_use]
pub fn stated(g: &Guideline, env: &dyn Env) -> Option<StatedTotals> {
    let st = g.ghg_stated.as_ref()?;
    let figure = |c: &crate::guideline::Condition| num(&c.expr, env).ok().filter(|x| *x >= 0.0);
    let scope1 = figure(&st.scope1)?;
    let scope2_location = figure(&st.scope2_location)?;
    let scope2_market = st
        .scope2_market
        .as_ref()
        .and_then(figure)
        .unwrap_or(scope2_location);
    let source = match st.source.expr.eval(env) {
        Ok(Value::Str(s)) => s.trim().to_owned(),
        _ => String::new(),
    };
    (scope1 + scope2_location)
        .is_finite()
        .then_some(StatedTotals {
            scope1,
            scope2_location,
            scope2_market,
            source,
        })
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
    /// The totals of the sources.
    pub totals: Result<Totals, Unknown>,
    /// An inventory from elsewhere: its scope totals stand instead of the sources'.
    pub stated: Option<StatedTotals>,
}

impl Computed {
    /// One total as expressions and reports read it: the scopes of an inventory from elsewhere
    /// when there is one, else the sources' totals; energy always from the sources.
    pub fn get(&self, t: Total) -> Result<f64, Unknown> {
        if let Some(s) = &self.stated {
            match t {
                Total::Scope1 => return Ok(s.scope1),
                Total::Scope2Location => return Ok(s.scope2_location),
                Total::Scope2Market => return Ok(s.scope2_market),
                Total::EnergyMwh | Total::RenewableMwh => {}
            }
        }
        self.totals.map(|x| x.get(t))
    }
}

/// The inventory section of the scorecard; `missing` says why a value is unknown.
#[must_use]
pub fn section(
    g: &Guideline,
    computed: &Computed,
    intensity: Option<MetricValue>,
    missing_reason: &dyn Fn(Unknown) -> Missing,
) -> Inventory {
    let Computed {
        country,
        year,
        chosen,
        sources: states,
        totals,
        stated,
    } = computed;
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
            SourceState::Reported(f, read) => {
                let mut tables = Vec::new();
                for &t in &s.tables {
                    tables.push((t, Chosen::Named));
                }
                // The families in the order the source names them, those its figures read.
                for &fam in s.families.iter().filter(|f| read.contains(f)) {
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
                    title: s.title.clone(),
                    scope: s.scope,
                    activity: f.activity,
                    unit: s.unit.clone(),
                    factor: f.factor,
                    tco2e: f.tco2e,
                    market_tco2e: f.market_tco2e,
                    energy_mwh: f.energy_mwh,
                    renewable_mwh: f.renewable_mwh,
                    tables,
                    basis: s.basis.clone(),
                });
            }
            SourceState::NotReported(e) | SourceState::Failed(e) => missing.push(SourceMissing {
                id: s.id.clone(),
                title: s.title.clone(),
                scope: s.scope,
                not_reported: matches!(state, SourceState::NotReported(_)),
                reason: missing_reason(*e),
            }),
        }
    }
    let t = totals.ok();
    let get = |x: Total| computed.get(x).ok();
    let (scope1, location, market) = (
        get(Total::Scope1),
        get(Total::Scope2Location),
        get(Total::Scope2Market),
    );
    let sum = |a: Option<f64>, b: Option<f64>| Some(a? + b?).filter(|x| x.is_finite());
    let country = country.clone();
    let factor_tables = used_tables
        .into_iter()
        .map(|(i, how)| {
            let t = &g.factor_tables[i];
            FactorUsed {
                table: t.id.clone(),
                family: t.family.map(|f| g.families[f].id.clone()),
                title: t.title.clone(),
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
        reporting_year: *year,
        sources,
        missing,
        scope1,
        scope2_location: location,
        scope2_market: market,
        total_location: sum(scope1, location),
        total_market: sum(scope1, market),
        stated_source: stated.as_ref().map(|s| s.source.clone()),
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
