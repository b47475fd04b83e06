//! Validation of factor tables and their families, the GHG inventory (`[[emission_source]]`,
//! `[ghg]`), the choice of factors (`[factors]`) and plausibility checks (`[[check]]`).

use std::collections::HashMap;

use toml::Spanned;

use super::{Ctx, Factor, Scope, is_snake_case};
use crate::code::Code;
use crate::expr::{Expr, Type};
use crate::guideline::model::{RawEmissionSource, RawFile};
use crate::guideline::{Check, Condition, EmissionSource, FactorTable, Family};
use crate::source::{Source, closest};

/// The name expressions use for the inventory's totals; no table or family may take it.
const INVENTORY: &str = "ghg";

/// Reads every `[[factor_table]]`, groups them into families and returns the names expressions
/// may use: `table.key` and `family.key`.
pub(super) fn factor_tables(
    cx: &mut Ctx<'_>,
    files: &[(Source, RawFile)],
    question_ids: &HashMap<String, usize>,
) -> (Vec<FactorTable>, Vec<Family>, HashMap<String, Factor>) {
    let mut tables: Vec<FactorTable> = Vec::new();
    let mut families: Vec<Family> = Vec::new();
    let mut names: HashMap<String, Factor> = HashMap::new();
    // Where each table was written: file, span of its id, span of its values.
    let mut spans = Vec::new();
    for (fi, (_, file)) in files.iter().enumerate() {
        for t in &file.factor_table {
            let tid = t.id.get_ref().clone();
            if tables.iter().any(|x| x.id == tid) {
                cx.err(
                    Code::DuplicateId,
                    fi,
                    t.id.span(),
                    format!("factor table `{tid}` is defined twice"),
                );
                continue;
            }
            if question_ids.contains_key(&tid) {
                cx.err(
                    Code::DuplicateId,
                    fi,
                    t.id.span(),
                    format!("factor table `{tid}` has the id of a question"),
                );
            }
            if tid == INVENTORY {
                cx.err(Code::InvalidId,
                    fi,
                    t.id.span(),
                    "`ghg` names the inventory's totals (`ghg.scope1`, ...); give the table another id",
                );
            }
            let title = cx.text(fi, &t.title, &format!("factor table `{tid}` title"));
            let source = match &t.source {
                Some(s) if !s.get_ref().trim().is_empty() => s.get_ref().clone(),
                _ => {
                    cx.err(
                        Code::FactorUnsourced,
                        fi,
                        t.id.span(),
                        format!("factor table `{tid}` names no source"),
                    )
                    .help =
                        Some("add `source = \"…\"`: who published the factors, and where".into());
                    String::new()
                }
            };
            let year = if let Some(y) = &t.year {
                *y.get_ref()
            } else {
                cx.err(
                    Code::FactorUnsourced,
                    fi,
                    t.id.span(),
                    format!("factor table `{tid}` names no year"),
                )
                .help = Some("add `year = 2023`: the year the factors describe".into());
                0
            };
            let country = t.country.as_ref().map(|c| {
                let code = c.get_ref().trim().to_ascii_uppercase();
                if code.is_empty() || !code.chars().all(|ch| ch.is_ascii_alphabetic()) {
                    cx.err(
                        Code::InvalidValue,
                        fi,
                        c.span(),
                        format!(
                            "`{}` is not a country code; use an ISO 3166 code such as \"KR\"",
                            c.get_ref()
                        ),
                    );
                }
                code
            });
            let mut values = Vec::new();
            for (k, v) in t.values.get_ref() {
                cx.bounded(
                    fi,
                    v.span(),
                    *v.get_ref(),
                    &format!("factor `{tid}.{}`", k.get_ref()),
                );
                names.insert(
                    format!("{tid}.{}", k.get_ref()),
                    Factor::Table {
                        table: tables.len(),
                        value: *v.get_ref(),
                    },
                );
                values.push((k.get_ref().clone(), *v.get_ref()));
            }
            let family = t.family.as_ref().map(|f| {
                let fid = f.get_ref();
                if !is_snake_case(fid) {
                    cx.err(Code::InvalidId,
                        fi,
                        f.span(),
                        format!("family id `{fid}` must be snake_case"),
                    );
                }
                if fid == INVENTORY {
                    cx.err(Code::InvalidId,
                        fi,
                        f.span(),
                        "`ghg` names the inventory's totals (`ghg.scope1`, ...); give the family another id",
                    );
                }
                if let Some(i) = families.iter().position(|x| &x.id == fid) {
                    i
                } else {
                    families.push(Family {
                        id: fid.clone(),
                        keys: values.iter().map(|(k, _)| k.clone()).collect(),
                        tables: Vec::new(),
                    });
                    families.len() - 1
                }
            });
            if let Some(f) = family {
                families[f].tables.push(tables.len());
            } else if t.override_only {
                cx.err(
                    Code::FactorFamily,
                    fi,
                    t.id.span(),
                    format!("factor table `{tid}` is `override_only` but belongs to no family"),
                )
                .help = Some("add `family = \"…\"`: only a family's tables can be chosen".into());
            }
            spans.push((fi, t.id.span(), t.values.span()));
            tables.push(FactorTable {
                id: tid,
                title,
                source,
                year,
                unit: t.unit.clone(),
                basis: t.basis.clone(),
                gwp: t.gwp.clone(),
                family,
                country,
                override_only: t.override_only,
                values,
            });
        }
    }

    for (f, family) in families.iter().enumerate() {
        if tables.iter().any(|t| t.id == family.id) {
            let (fi, span, _) = spans[family.tables[0]].clone();
            cx.err(Code::FactorFamily,
                fi,
                span,
                format!(
                    "family `{}` has the id of a factor table; expressions could not tell them apart",
                    family.id
                ),
            );
        }
        let first = &tables[family.tables[0]];
        for &t in &family.tables[1..] {
            let table = &tables[t];
            let keys: Vec<&String> = table.values.iter().map(|(k, _)| k).collect();
            let want: Vec<&String> = family.keys.iter().collect();
            if keys != want {
                let missing: Vec<&str> = want
                    .iter()
                    .filter(|k| !keys.contains(k))
                    .map(|k| k.as_str())
                    .collect();
                let extra: Vec<&str> = keys
                    .iter()
                    .filter(|k| !want.contains(k))
                    .map(|k| k.as_str())
                    .collect();
                let (fi, _, span) = spans[t].clone();
                let mut msg = format!(
                    "factor table `{}` of family `{}` must have the same keys as `{}`",
                    table.id, family.id, first.id
                );
                if !missing.is_empty() {
                    msg.push_str(&format!("; missing: {}", missing.join(", ")));
                }
                if !extra.is_empty() {
                    msg.push_str(&format!("; not in `{}`: {}", first.id, extra.join(", ")));
                }
                cx.err(Code::FactorFamily, fi, span, msg);
            }
        }
        let automatic: Vec<usize> = family
            .tables
            .iter()
            .copied()
            .filter(|&t| !tables[t].override_only)
            .collect();
        if automatic.is_empty() {
            let (fi, span, _) = spans[family.tables[0]].clone();
            cx.err(
                Code::FactorFamily,
                fi,
                span,
                format!(
                    "family `{}` has no table that can be chosen without an override",
                    family.id
                ),
            )
            .help = Some("leave `override_only` off at least one table of the family".into());
        }
        for (n, &a) in automatic.iter().enumerate() {
            for &b in &automatic[..n] {
                if tables[a].country == tables[b].country && tables[a].year == tables[b].year {
                    let (fi, span, _) = spans[a].clone();
                    cx.err(Code::FactorFamily,
                        fi,
                        span,
                        format!(
                            "factor tables `{}` and `{}` of family `{}` serve the same country and year; mark one `override_only`",
                            tables[b].id, tables[a].id, family.id
                        ),
                    );
                }
            }
        }
        for (k, key) in family.keys.iter().enumerate() {
            names.insert(
                format!("{}.{key}", family.id),
                Factor::Family { family: f, key: k },
            );
        }
    }
    (tables, families, names)
}

/// What the inventory and check tables add to a guideline.
pub(super) struct Extras {
    pub country: Option<Condition>,
    pub sources: Vec<EmissionSource>,
    pub intensity: Option<usize>,
    pub checks: Vec<Check>,
}

/// Rejects an expression that reads metrics or inventory totals where only answers and factors
/// are known.
fn answers_only(cx: &mut Ctx<'_>, fi: usize, src: &Spanned<String>, expr: &Expr, what: &str) {
    let mut metric = false;
    expr.visit_metrics(&mut |_| metric = true);
    if metric || expr.reads_inventory() {
        cx.err(
            Code::ExpressionType,
            fi,
            src.span(),
            format!("{what} reads only answers and factors, not metrics or `ghg.` totals"),
        )
        .help = Some("metrics are computed from the inventory, after it".into());
    }
}

pub(super) fn extras(
    cx: &mut Ctx<'_>,
    scope: &Scope<'_>,
    metric_ids: &HashMap<String, usize>,
    tables: &[FactorTable],
) -> Extras {
    let mut out = Extras {
        country: None,
        sources: Vec::new(),
        intensity: None,
        checks: Vec::new(),
    };
    let files = cx.files;
    let mut seen_factors = false;
    let mut seen_ghg = false;
    for (fi, (_, file)) in files.iter().enumerate() {
        if let Some(f) = &file.factors {
            if seen_factors {
                cx.err(
                    Code::DuplicateId,
                    fi,
                    f.span(),
                    "a second [factors] table; a package has one",
                );
            }
            seen_factors = true;
            if let Some(src) = &f.get_ref().country {
                if let Some(c) = cx.condition(fi, scope, src, Type::Str) {
                    answers_only(cx, fi, src, &c.expr, "the country expression");
                    out.country = Some(c);
                }
            }
        }
        if let Some(g) = &file.ghg {
            if seen_ghg {
                cx.err(
                    Code::DuplicateId,
                    fi,
                    g.span(),
                    "a second [ghg] table; a package has one",
                );
            }
            seen_ghg = true;
            if let Some(m) = &g.get_ref().intensity {
                match metric_ids.get(m.get_ref()) {
                    Some(&i) => out.intensity = Some(i),
                    None => {
                        let d = cx.err(
                            Code::UnknownReference,
                            fi,
                            m.span(),
                            format!("`intensity` names unknown metric `{}`", m.get_ref()),
                        );
                        if let Some(c) = closest(m.get_ref(), metric_ids.keys().map(String::as_str))
                        {
                            d.help = Some(format!("did you mean `{c}`?"));
                        }
                    }
                }
            }
        }
        for raw in &file.emission_source {
            if let Some(source) = emission_source(cx, fi, scope, raw, tables) {
                if out.sources.iter().any(|s| s.id == source.id) {
                    cx.err(
                        Code::DuplicateId,
                        fi,
                        raw.id.span(),
                        format!("emission source `{}` is defined twice", source.id),
                    );
                    continue;
                }
                out.sources.push(source);
            }
        }
        for raw in &file.check {
            let id = raw.id.get_ref().clone();
            if out.checks.iter().any(|c| c.id == id) {
                cx.err(
                    Code::DuplicateId,
                    fi,
                    raw.id.span(),
                    format!("check `{id}` is defined twice"),
                );
                continue;
            }
            let message = cx.text(fi, &raw.message, &format!("check `{id}` message"));
            if let Some(warn_if) = cx.condition(fi, scope, &raw.warn_if, Type::Bool) {
                out.checks.push(Check {
                    id,
                    warn_if,
                    message,
                });
            }
        }
    }
    if out.intensity.is_some() && out.sources.is_empty() {
        cx.err(
            Code::InvalidValue,
            0,
            0..0,
            "[ghg] names an intensity metric, but the package has no [[emission_source]]",
        );
    }
    out
}

fn emission_source(
    cx: &mut Ctx<'_>,
    fi: usize,
    scope: &Scope<'_>,
    raw: &RawEmissionSource,
    tables: &[FactorTable],
) -> Option<EmissionSource> {
    let id = raw.id.get_ref().clone();
    if !is_snake_case(&id) {
        cx.err(
            Code::InvalidId,
            fi,
            raw.id.span(),
            format!("emission source id `{id}` must be snake_case"),
        );
    }
    let sc = *raw.scope.get_ref();
    if !matches!(sc, 1 | 2) {
        cx.err(
            Code::InvalidValue,
            fi,
            raw.scope.span(),
            format!("scope {sc}: an emission source is scope 1 (direct) or 2 (purchased energy)"),
        );
    }
    let title = cx.text(fi, &raw.title, &format!("emission source `{id}` title"));
    let unit = cx.text(fi, &raw.unit, &format!("emission source `{id}` unit"));
    let basis = cx.opt_text(
        fi,
        raw.basis.as_ref(),
        &format!("emission source `{id}` basis"),
    );
    for (key, field) in [
        ("market_activity", &raw.market_activity),
        ("market_factor", &raw.market_factor),
    ] {
        if let (1, Some(f)) = (sc, field) {
            cx.err(
                Code::InvalidValue,
                fi,
                f.span(),
                format!("`{key}` applies to scope 2 only: scope 1 has one method"),
            );
        }
    }
    let mut ok = true;
    let mut one = |cx: &mut Ctx<'_>, src: Option<&Spanned<String>>, what: &str| {
        let src = src?;
        let c = cx.condition(fi, scope, src, Type::Num);
        match &c {
            Some(c) => answers_only(cx, fi, src, &c.expr, &format!("`{what}` of `{id}`")),
            None => ok = false,
        }
        c
    };
    let activity = one(cx, Some(&raw.activity), "activity");
    let factor = one(cx, Some(&raw.factor), "factor");
    let market_activity = one(cx, raw.market_activity.as_ref(), "market_activity");
    let market_factor = one(cx, raw.market_factor.as_ref(), "market_factor");
    let energy_mwh = one(cx, raw.energy_mwh.as_ref(), "energy_mwh");
    let renewable_mwh = one(cx, raw.renewable_mwh.as_ref(), "renewable_mwh");
    if !ok {
        return None;
    }
    let activity = activity?;
    let mut activity_question = None;
    activity.expr.visit_questions(&mut |q| {
        activity_question.get_or_insert(q);
    });
    let mut source = EmissionSource {
        id,
        title,
        scope: sc,
        activity,
        activity_question,
        unit,
        factor: factor?,
        market_activity,
        market_factor,
        energy_mwh,
        renewable_mwh,
        basis,
        tables: Vec::new(),
        families: Vec::new(),
    };
    let (mut used_tables, mut used_families) = (Vec::new(), Vec::new());
    for c in source.exprs() {
        c.expr.visit_tables(&mut |t| {
            if !used_tables.contains(&t) {
                used_tables.push(t);
            }
        });
        c.expr.visit_families(&mut |f| {
            if !used_families.contains(&f) {
                used_families.push(f);
            }
        });
    }
    if used_tables.is_empty() && used_families.is_empty() {
        cx.err(
            Code::FactorUnsourced,
            fi,
            raw.factor.span(),
            format!(
                "emission source `{}` names no factor table; every factor cites its source",
                source.id
            ),
        )
        .help = Some("write the factor as `table.key` or `family.key`".into());
    }
    debug_assert!(used_tables.iter().all(|&t| t < tables.len()));
    source.tables = used_tables;
    source.families = used_families;
    Some(source)
}
