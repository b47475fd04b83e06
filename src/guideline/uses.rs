//! What a guideline does with each question, found once from its checked form and kept in it
//! ([`Guideline::uses`]): who reads each question (indicators, checks, other questions'
//! conditions, the GHG inventory, key figures) and how each series is read (the years it spans).
//! Relevance (`score::relevant`) and the questionnaire's series years build on it.

use crate::expr::{Expr, Func};

use super::{Guideline, QuestionKind, Rule};

/// Something in a guideline that reads a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reader {
    /// An indicator, through its scoring rule or its applicability condition (directly or
    /// through metrics).
    Indicator(usize),
    /// A plausibility check.
    Check(usize),
    /// The ask-condition of another question.
    AskIf(usize),
    /// The reporting year's value of a series question (its `current`).
    Current(usize),
    /// The GHG inventory: an emission source, the country that chooses factor tables, the
    /// inventory's intensity metric. The inventory is part of every report.
    Inventory,
    /// A metric nothing else reads: a key figure of the report on its own.
    Figure,
}

/// How a series question is read, which decides the years asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SeriesUse {
    /// How many years, ending with the reporting year, the guideline reads: a trend over the
    /// series takes its `years`; as the divisor of another series' trend (`per`), that series'
    /// `years`; read for one value (`current`, `latest`, `average`, `answered`), one. The most
    /// of these; 0 when nothing reads it.
    pub span: u32,
    /// The reporting year's value comes from elsewhere: the question's `current` (a figure of the
    /// profile), or every read is `extend(series, x)`; that year is not asked.
    pub reporting_year_supplied: bool,
}

/// What a guideline does with each question: found once per guideline, from its checked form.
#[derive(Debug, Default)]
pub struct Uses {
    pub(crate) readers: Vec<Vec<Reader>>,
    /// For each metric, the questions it reads, through other metrics too.
    pub(crate) metric_questions: Vec<Vec<usize>>,
    /// For each question, the questions whose ask-condition reads it, directly or through others.
    pub(crate) dependents: Vec<Vec<usize>>,
    /// For each series question, how it is read.
    series: Vec<Option<SeriesUse>>,
}

impl Uses {
    /// The uses of every question of `g`.
    #[must_use]
    pub fn new(g: &Guideline) -> Uses {
        let n = g.questions.len();
        // The questions each metric reads, through other metrics too (metric_order puts every
        // metric after those it reads).
        let mut metric_questions: Vec<Vec<usize>> = vec![Vec::new(); g.metrics.len()];
        let mut metric_read = vec![false; g.metrics.len()];
        for &m in &g.metric_order {
            let qs = reads(&g.metrics[m].formula.expr, &metric_questions);
            g.metrics[m]
                .formula
                .expr
                .visit_metrics(&mut |x| metric_read[x] = true);
            metric_questions[m] = qs;
        }
        let mut readers: Vec<Vec<Reader>> = vec![Vec::new(); n];
        let mut add = |qs: Vec<usize>, r: Reader| {
            for q in qs {
                if !readers[q].contains(&r) {
                    readers[q].push(r);
                }
            }
        };
        for (i, ind) in g.indicators.iter().enumerate() {
            let mut qs = ind.questions.clone();
            if let Rule::Bands { expr } = &ind.rule {
                qs.extend(reads(&expr.expr, &metric_questions));
                expr.expr.visit_metrics(&mut |x| metric_read[x] = true);
            }
            if let Some(c) = &ind.applies_if {
                qs.extend(reads(&c.expr, &metric_questions));
                c.expr.visit_metrics(&mut |x| metric_read[x] = true);
            }
            add(qs, Reader::Indicator(i));
        }
        for (c, check) in g.checks.iter().enumerate() {
            add(
                reads(&check.warn_if.expr, &metric_questions),
                Reader::Check(c),
            );
            check
                .warn_if
                .expr
                .visit_metrics(&mut |x| metric_read[x] = true);
        }
        for (p, question) in g.questions.iter().enumerate() {
            if let Some(c) = &question.ask_if {
                add(reads(&c.expr, &metric_questions), Reader::AskIf(p));
                c.expr.visit_metrics(&mut |x| metric_read[x] = true);
            }
        }
        for (p, question) in g.questions.iter().enumerate() {
            if let Some(c) = &question.current {
                add(reads(&c.expr, &metric_questions), Reader::Current(p));
            }
        }
        for c in g
            .emission_sources
            .iter()
            .flat_map(crate::guideline::EmissionSource::exprs)
            .chain(&g.country)
            .chain(g.families.iter().filter_map(|f| f.choose.as_ref()))
            .chain(
                g.ghg_stated
                    .iter()
                    .flat_map(crate::guideline::Stated::exprs),
            )
            .chain(&g.ghg_sector)
            .chain(&g.ghg_size_band)
        {
            add(reads(&c.expr, &metric_questions), Reader::Inventory);
        }
        if let Some(m) = g.ghg_intensity {
            add(metric_questions[m].clone(), Reader::Inventory);
            metric_read[m] = true;
        }
        for m in 0..g.metrics.len() {
            if !metric_read[m] {
                add(metric_questions[m].clone(), Reader::Figure);
            }
        }

        // Dependents: the questions whose ask-condition reads q, and theirs in turn.
        let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
        for &p in g.question_order.iter().rev() {
            for q in 0..n {
                if readers[q].contains(&Reader::AskIf(p)) {
                    let mut more = vec![p];
                    more.extend(dependents[p].iter().copied());
                    for d in more {
                        if !dependents[q].contains(&d) {
                            dependents[q].push(d);
                        }
                    }
                }
            }
        }

        let mut series: Vec<Option<SeriesUse>> = g
            .questions
            .iter()
            .map(|q| (q.kind == QuestionKind::Series).then(SeriesUse::default))
            .collect();
        // Whether some read of the series does not supply the reporting year.
        let mut plain = vec![false; n];
        let years: Vec<u32> = g.questions.iter().map(|q| q.years).collect();
        let mut note = |q: usize, span: u32, extended: bool| {
            if let Some(Some(u)) = series.get_mut(q) {
                u.span = u.span.max(span);
                if !extended {
                    plain[q] = true;
                }
            }
        };
        for ind in &g.indicators {
            if let Rule::Trend { question, per, .. } = &ind.rule {
                note(*question, years[*question], false);
                if let Some(per) = per {
                    note(*per, years[*question], false);
                }
            }
        }
        let exprs = g
            .indicators
            .iter()
            .flat_map(|i| {
                let bands = match &i.rule {
                    Rule::Bands { expr } => Some(expr),
                    _ => None,
                };
                bands.into_iter().chain(&i.applies_if)
            })
            .chain(g.metrics.iter().map(|m| &m.formula))
            .chain(g.checks.iter().map(|c| &c.warn_if))
            .chain(g.questions.iter().filter_map(|q| q.ask_if.as_ref()))
            .chain(
                g.emission_sources
                    .iter()
                    .flat_map(crate::guideline::EmissionSource::exprs),
            )
            .chain(&g.country)
            .chain(g.families.iter().filter_map(|f| f.choose.as_ref()))
            .chain(
                g.ghg_stated
                    .iter()
                    .flat_map(crate::guideline::Stated::exprs),
            )
            .chain(&g.ghg_sector)
            .chain(&g.ghg_size_band);
        for c in exprs {
            series_reads(&c.expr, &years, &mut note);
        }
        for (q, u) in series.iter_mut().enumerate() {
            if let Some(u) = u {
                u.reporting_year_supplied =
                    g.questions[q].current.is_some() || (u.span > 0 && !plain[q]);
            }
        }
        Uses {
            readers,
            metric_questions,
            dependents,
            series,
        }
    }

    /// How series question `q` is read; `None` for a question that is not a series.
    #[must_use]
    pub fn series(&self, q: usize) -> Option<SeriesUse> {
        self.series.get(q).copied().flatten()
    }
}

/// The questions an expression reads, directly or through the metrics it reads.
fn reads(e: &Expr, metric_questions: &[Vec<usize>]) -> Vec<usize> {
    let mut out = Vec::new();
    e.visit_questions(&mut |q| out.push(q));
    e.visit_metrics(&mut |m| out.extend(metric_questions[m].iter().copied()));
    out.sort_unstable();
    out.dedup();
    out
}

/// The series question a series expression reads: the question, or the one `extend` extends.
fn series_question(e: &Expr) -> Option<usize> {
    match e {
        Expr::Question(q) => Some(*q),
        Expr::Extend(s, _) => series_question(s),
        _ => None,
    }
}

/// Calls `note(q, span, extended)` for every read of a series question in `e`: the years the read
/// needs (`years` gives each question's), and whether it is `extend(q, x)` (the reporting year's
/// value from `x`).
fn series_reads(e: &Expr, years: &[u32], note: &mut impl FnMut(usize, u32, bool)) {
    fn arg(a: &Expr, span: u32, years: &[u32], note: &mut impl FnMut(usize, u32, bool)) {
        match a {
            Expr::Question(q) => note(*q, span, false),
            Expr::Extend(s, v) => {
                if let Expr::Question(q) = &**s {
                    note(*q, span, true);
                } else {
                    arg(s, span, years, note);
                }
                series_reads(v, years, note);
            }
            other => series_reads(other, years, note),
        }
    }
    match e {
        // trend(series) and trend(series, per): both over the years of the first.
        Expr::Call(Func::Trend, args) => {
            let span = args
                .first()
                .and_then(series_question)
                .map_or(0, |q| years[q]);
            args.iter().for_each(|a| arg(a, span, years, note));
        }
        Expr::Call(Func::Current | Func::Latest | Func::Average, args) => {
            args.iter().for_each(|a| arg(a, 1, years, note));
        }
        Expr::Call(_, args) => args.iter().for_each(|a| series_reads(a, years, note)),
        Expr::Answered(q) | Expr::NotApplicable(q) => note(*q, 1, false),
        // A series read any other way: all its years.
        Expr::Question(q) => note(*q, years[*q], false),
        Expr::Extend(..) => {
            let span = series_question(e).map_or(0, |q| years[q]);
            arg(e, span, years, note);
        }
        Expr::Num(_)
        | Expr::Str(_)
        | Expr::Bool(_)
        | Expr::List(_)
        | Expr::Metric(_)
        | Expr::TableFactor { .. }
        | Expr::FamilyFactor { .. }
        | Expr::Inventory(_)
        | Expr::OptionValue(_)
        | Expr::Cell(_) => {}
        // A table: its rows are read; a series read by the condition, as anywhere.
        Expr::Rows { table, filter } | Expr::SumColumn { table, filter, .. } => {
            note(*table, years[*table], false);
            if let Some(f) = filter {
                series_reads(f, years, note);
            }
        }
        Expr::Neg(a) | Expr::Not(a) => series_reads(a, years, note),
        Expr::Arith(_, a, b)
        | Expr::Cmp(_, a, b)
        | Expr::Equal(_, a, b)
        | Expr::And(a, b)
        | Expr::Or(a, b)
        | Expr::In(a, b)
        | Expr::Default(a, b) => {
            series_reads(a, years, note);
            series_reads(b, years, note);
        }
        Expr::If(a, b, c) => {
            series_reads(a, years, note);
            series_reads(b, years, note);
            series_reads(c, years, note);
        }
    }
}
