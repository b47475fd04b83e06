//! The GHG inventory section of the terminal and Markdown reports: each source with its activity,
//! factor and tables, the totals by scope, energy, intensity, and every factor table cited.

use std::io::Write;

use comfy_table::{Cell, CellAlignment};

use super::table::{header, table};
use super::{Style, Target};
use crate::ghg::{significant, tonnes};
use crate::scorecard::{Chosen, FactorUsed, Inventory};
use crate::text::{Lang, number};
use crate::tr;

fn title(inv: &Inventory, lang: Lang, t: Target) -> String {
    let mut s = lang.pick("온실가스 인벤토리", "GHG inventory").to_owned();
    if let Some(y) = inv.reporting_year {
        s.push_str(&format!(" {y}"));
    }
    if let Some(c) = &inv.country {
        s.push_str(&tr!(lang, " (국가 {})", " (country {})", t.text(c)));
    }
    s
}

fn opt_tonnes(t: Option<f64>) -> String {
    t.map_or_else(|| "–".to_owned(), tonnes)
}

/// The totals, one line each.
fn totals(inv: &Inventory, lang: Lang, t: Target) -> Vec<String> {
    let mut lines = vec![
        tr!(
            lang,
            "Scope 1: {} tCO2eq · Scope 2: {} tCO2eq (위치 기준) / {} tCO2eq (시장 기준)",
            "Scope 1: {} tCO2e · Scope 2: {} tCO2e location-based / {} tCO2e market-based",
            opt_tonnes(inv.scope1),
            opt_tonnes(inv.scope2_location),
            opt_tonnes(inv.scope2_market)
        ),
        tr!(
            lang,
            "합계: {} tCO2eq (위치 기준) / {} tCO2eq (시장 기준)",
            "Total: {} tCO2e location-based / {} tCO2e market-based",
            opt_tonnes(inv.total_location),
            opt_tonnes(inv.total_market)
        ),
    ];
    if let Some(e) = inv.energy_mwh {
        lines.push(tr!(
            lang,
            "에너지: {} MWh, 재생에너지 {}",
            "Energy: {} MWh, {} renewable",
            number(e, 1),
            super::percent(inv.renewable_share)
        ));
    }
    if let Some(m) = &inv.intensity {
        lines.push(format!(
            "{}: {} {}",
            t.text(&m.title),
            m.value.map_or_else(|| "–".to_owned(), |v| number(v, 3)),
            t.text(m.unit.as_deref().unwrap_or(""))
        ));
    }
    lines
}

/// A factor per unit of activity: in kg where tonnes would need many decimals.
fn factor(f: f64, unit: &str) -> String {
    if f.abs() < 0.1 {
        format!("{} kgCO2e/{unit}", significant(f * 1000.0, 5))
    } else {
        format!("{} tCO2e/{unit}", significant(f, 5))
    }
}

fn activity(a: f64, unit: &str) -> String {
    format!("{} {unit}", number(a, if a.abs() >= 100.0 { 0 } else { 2 }))
}

fn missing(inv: &Inventory, lang: Lang, t: Target) -> Vec<String> {
    let mut lines = Vec::new();
    let zero: Vec<_> = inv
        .sources
        .iter()
        .filter(|s| s.activity == 0.0)
        .map(|s| t.text(&s.title))
        .collect();
    if !zero.is_empty() {
        lines.push(tr!(
            lang,
            "사용량 0: {}",
            "Reported as zero: {}",
            zero.join(", ")
        ));
    }
    let zero: Vec<_> = inv
        .missing
        .iter()
        .filter(|m| m.not_reported)
        .map(|m| t.text(&m.title))
        .collect();
    if !zero.is_empty() {
        lines.push(tr!(
            lang,
            "답하지 않아 0으로 본 배출원: {}",
            "Not reported, counted as zero: {}",
            zero.join(", ")
        ));
    }
    for m in inv.missing.iter().filter(|m| !m.not_reported) {
        lines.push(tr!(
            lang,
            "계산할 수 없는 배출원 — {}: {}",
            "Cannot be computed — {}: {}",
            t.text(&m.title),
            t.text(&m.reason)
        ));
    }
    lines
}

fn how(f: &FactorUsed, lang: Lang, t: Target) -> String {
    let family = || t.code(f.family.as_deref().unwrap_or(""));
    match f.chosen {
        Chosen::Named => String::new(),
        Chosen::Matched => tr!(
            lang,
            "; {} 계수 가운데 국가·보고연도에 맞아 선택",
            "; chosen from {} for the country and reporting year",
            family()
        ),
        Chosen::Override => tr!(
            lang,
            "; 답변 파일 [factors]에서 {}로 지정",
            "; named for {} in the answers file's [factors]",
            family()
        ),
    }
}

fn factor_lines(inv: &Inventory, lang: Lang, t: Target) -> Vec<String> {
    inv.factor_tables
        .iter()
        .map(|f| {
            let mut line = format!(
                "{} — {} ({}). {}",
                t.text(&f.table),
                t.text(&f.title),
                f.year,
                t.text(&f.source)
            );
            if let Some(b) = &f.basis {
                line.push_str(&tr!(lang, ". 기준: {}", ". Basis: {}", t.text(b)));
            }
            if let Some(g) = &f.gwp {
                line.push_str(&tr!(lang, ". GWP: {}", ". GWP: {}", t.text(g)));
            }
            line.push_str(&how(f, lang, t));
            line
        })
        .collect()
}

/// The section for the terminal report.
pub fn table_section(
    inv: &Inventory,
    style: &Style,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let t = Target::Terminal;
    writeln!(out)?;
    writeln!(out, "{}", title(inv, lang, t))?;
    if inv.sources.iter().any(|s| s.activity != 0.0) {
        let mut table = table(style);
        table.set_header(header(
            &[
                lang.pick("배출원", "Source"),
                "Scope",
                lang.pick("활동량", "Activity"),
                lang.pick("배출계수 (출처 계수표)", "Factor (tables)"),
                "tCO2e",
            ],
            style,
        ));
        for s in inv.sources.iter().filter(|s| s.activity != 0.0) {
            let mut amount = tonnes(s.tco2e);
            if s.scope == 2 && (s.market_tco2e - s.tco2e).abs() > f64::EPSILON {
                amount.push_str(&tr!(
                    lang,
                    "\n(시장 기준 {})",
                    "\n(market {})",
                    tonnes(s.market_tco2e)
                ));
            }
            let unit = t.text(&s.unit);
            let tables: Vec<_> = s.tables.iter().map(|x| t.text(x)).collect();
            table.add_row(vec![
                Cell::new(t.text(&s.title)),
                Cell::new(s.scope).set_alignment(CellAlignment::Center),
                Cell::new(activity(s.activity, &unit)).set_alignment(CellAlignment::Right),
                Cell::new(format!(
                    "{}\n{}",
                    factor(s.factor, &unit),
                    tables.join(", ")
                )),
                Cell::new(amount).set_alignment(CellAlignment::Right),
            ]);
        }
        writeln!(out, "{table}")?;
    }
    for line in totals(inv, lang, t)
        .into_iter()
        .chain(missing(inv, lang, t))
    {
        writeln!(out, "{line}")?;
    }
    if !inv.factor_tables.is_empty() {
        writeln!(
            out,
            "{}",
            lang.pick("사용한 계수표:", "Factor tables used:")
        )?;
        for line in factor_lines(inv, lang, t) {
            writeln!(out, "  - {line}")?;
        }
    }
    Ok(())
}

/// The section for the Markdown report.
pub fn markdown_section(inv: &Inventory, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let t = Target::Markdown;
    writeln!(out)?;
    writeln!(out, "## {}", title(inv, lang, t))?;
    writeln!(out)?;
    if inv.sources.iter().any(|s| s.activity != 0.0) {
        writeln!(
            out,
            "| {} | Scope | {} | {} | {} | tCO2e |",
            lang.pick("배출원", "Source"),
            lang.pick("활동량", "Activity"),
            lang.pick("배출계수", "Factor"),
            lang.pick("계수표", "Tables")
        )?;
        writeln!(out, "|---|---:|---:|---:|---|---:|")?;
        for s in inv.sources.iter().filter(|s| s.activity != 0.0) {
            let unit = t.text(&s.unit);
            let tables: Vec<_> = s.tables.iter().map(|x| t.text(x)).collect();
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                t.text(&s.title),
                s.scope,
                activity(s.activity, &unit),
                factor(s.factor, &unit),
                tables.join(", "),
                tonnes(s.tco2e)
            )?;
        }
        writeln!(out)?;
    }
    for line in totals(inv, lang, t)
        .into_iter()
        .chain(missing(inv, lang, t))
    {
        writeln!(out, "- {line}")?;
    }
    if !inv.factor_tables.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            lang.pick("사용한 계수표:", "Factor tables used:")
        )?;
        writeln!(out)?;
        for line in factor_lines(inv, lang, t) {
            writeln!(out, "- {line}")?;
        }
    }
    Ok(())
}
