//! The GHG inventory: published worked examples (the Korean ETS methodology for fuels and
//! electricity, IPCC 2006 defaults) reproduced within 0.01 %, each conversion (units, calorific
//! values, GWP sets), the choice of factor tables by country, reporting year and override, and the
//! warnings and errors for bad activity data.

use esg::answers::{self, Answers};
use esg::guideline::{self, BUILTIN_DEFAULT, Guideline};
use esg::score::{Options, score};
use esg::scorecard::{Chosen, Finding, Inventory, Missing, Scorecard, Unanswered, Warning};
use esg::source::Source;
use esg::text::Lang;

fn builtin() -> Guideline {
    guideline::load_builtin(BUILTIN_DEFAULT).unwrap()
}

/// Answers against the built-in guideline for reporting year `year`, with `body` under [answers]
/// and `extra` after it (e.g. a [factors] table).
fn answers(g: &Guideline, year: i32, body: &str, extra: &str) -> Result<Answers, esg::Error> {
    let text = format!(
        "[guideline]\nid = \"{}\"\n\n[firm]\nname = \"Test\"\nreporting_year = {year}\n\n[answers]\n{body}\n{extra}",
        g.id
    );
    answers::parse(&Source::new("test.toml", text), g)
}

fn card(g: &Guideline, year: i32, body: &str, extra: &str) -> Scorecard {
    let a = answers(g, year, body, extra).unwrap_or_else(|e| panic!("{e}"));
    score(
        g,
        &a,
        Options {
            unanswered: Unanswered::Zero,
        },
    )
}

fn inventory(g: &Guideline, year: i32, body: &str, extra: &str) -> (Inventory, Vec<Warning>) {
    let c = card(g, year, body, extra);
    (
        c.ghg.expect("the built-in guideline has an inventory"),
        c.warnings,
    )
}

/// `actual` is within 0.01 % of `expected`.
fn close(actual: f64, expected: f64) {
    let rel = ((actual - expected) / expected).abs();
    assert!(
        rel <= 1e-4,
        "{actual} is not within 0.01 % of {expected} ({:.5} %)",
        rel * 100.0
    );
}

fn source<'a>(inv: &'a Inventory, id: &str) -> &'a esg::scorecard::SourceResult {
    inv.sources
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no source {id}: {:?}", inv.missing))
}

// ---------------------------------------------------------------------------------------------
// Published worked examples

/// 15,000 MWh of Korean grid electricity at the ETS factor 0.4781 -> 7,171.5 tCO2eq.
#[test]
fn k1_grid_electricity_at_the_ets_factor() {
    let g = builtin();
    let (inv, warnings) = inventory(
        &g,
        2025,
        "electricity_kwh = { 2025 = 15000000 }",
        "[factors]\ngrid = \"kr_grid_ets\"",
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    close(inv.scope2_location.unwrap(), 7171.5);
    let used = inv
        .factor_tables
        .iter()
        .find(|f| f.table == "kr_grid_ets")
        .unwrap();
    assert_eq!(used.chosen, Chosen::Override);
    assert_eq!(
        used.gwp.as_ref().and_then(|g| g.get(Lang::En)),
        Some("SAR (CH4 21, N2O 310)")
    );
}

/// A guideline of the engine alone, for the examples stated as CO2 only with an oxidation factor.
fn co2_only() -> Guideline {
    let text = r#"
[guideline]
id = "co2-only"
version = "1.0.0"
languages = ["en"]
title = { en = "CO2 only" }

[[area]]
id = "E"
weight = 1
title = { en = "Environment" }

[[question]]
id = "gas_nm3"
kind = "number"
prompt = { en = "City gas" }
min = 0

[[question]]
id = "diesel_l"
kind = "number"
prompt = { en = "Diesel" }
min = 0

[[question]]
id = "done"
kind = "yes_no"
prompt = { en = "Done?" }

[[indicator]]
id = "E-1"
area = "E"
title = { en = "Done" }
effort = "low"
recommendation = { en = "Do it." }
rule = { kind = "yes_no", question = "done" }
[[indicator.level]]
points = 0
text = { en = "No" }
answer = false
[[indicator.level]]
points = 1
text = { en = "Yes" }
answer = true

[[factor_table]]
id = "wincl_gas"
title = { en = "Korean fixed combustion, gaseous fuel" }
source = "WinCL fixed-combustion methodology"
year = 2022
values = { ncv_tj_per_nm3 = 0.0000389, co2_kg_per_tj = 56100, oxidation = 0.995 }

[[factor_table]]
id = "d2"
title = { en = "Korean NCV and IPCC CO2" }
source = "Energy Act annex 2022; IPCC 2006"
year = 2022
values = { diesel_mj_per_l = 35.3, diesel_co2 = 74100 }

[[emission_source]]
id = "city_gas"
title = { en = "City gas" }
scope = 1
unit = { en = "Nm3" }
activity = "gas_nm3"
factor = "wincl_gas.ncv_tj_per_nm3 * wincl_gas.co2_kg_per_tj * wincl_gas.oxidation / 1000"

[[emission_source]]
id = "diesel"
title = { en = "Diesel" }
scope = 1
unit = { en = "L" }
activity = "diesel_l"
factor = "d2.diesel_mj_per_l * d2.diesel_co2 / 1000000000"
"#;
    let (g, diags) =
        guideline::load_sources(vec![Source::new("guideline.toml", text)], "test").unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    g
}

/// 2,500,000 Nm3 of city gas x 0.0000389 TJ/Nm3 x 56,100 kgCO2/TJ x 0.995 -> 5,428,446.38 kgCO2.
#[test]
fn k5_city_gas_co2_with_oxidation() {
    let g = co2_only();
    let a = answers::parse(
        &Source::new(
            "k5.toml",
            "[guideline]\nid = \"co2-only\"\n[firm]\nname = \"K5\"\n[answers]\ngas_nm3 = 2500000\ndone = true\n",
        ),
        &g,
    )
    .unwrap();
    let c = score(
        &g,
        &a,
        Options {
            unanswered: Unanswered::Zero,
        },
    );
    let inv = c.ghg.unwrap();
    close(inv.scope1.unwrap() * 1000.0, 5_428_446.38);
    assert_eq!(inv.factor_tables.len(), 1);
    assert_eq!(inv.factor_tables[0].chosen, Chosen::Named);
}

/// 1,000 L of diesel, stationary: 2,615.7 kgCO2, and 2,624.3 kgCO2e with CH4 3 and N2O 0.6
/// kg/TJ at AR5 (the built-in guideline, a firm with a manufacturing site).
#[test]
fn d2_stationary_diesel() {
    let g = co2_only();
    let a = answers::parse(
        &Source::new(
            "d2.toml",
            "[guideline]\nid = \"co2-only\"\n[firm]\nname = \"D2\"\n[answers]\ndiesel_l = 1000\n",
        ),
        &g,
    )
    .unwrap();
    let c = score(
        &g,
        &a,
        Options {
            unanswered: Unanswered::Zero,
        },
    );
    close(c.ghg.unwrap().scope1.unwrap() * 1000.0, 2615.7);

    let g = builtin();
    let (inv, _) = inventory(
        &g,
        2025,
        "has_manufacturing_site = true\ndiesel_l = 1000",
        "",
    );
    close(inv.scope1.unwrap() * 1000.0, 2624.3);
    close(
        source(&inv, "diesel").energy_mwh.unwrap(),
        35.3 * 1000.0 / 3600.0,
    );
}

/// The derived per-unit factors of the reference (Korean 2022 NCV x IPCC 2006 factors at AR5).
/// Its city-gas figure uses 38.9 MJ/Nm3, the 2017 edition's value: it is reproduced with that
/// edition named, and the 2022 edition (38.5 MJ/Nm3) gives 38.5 x (56,100 + 5 x 28 + 0.1 x 265)
/// / 1e6 = 2.16626 kgCO2e/Nm3.
#[test]
fn derived_per_unit_factors() {
    let g = builtin();
    let body = "has_manufacturing_site = false\n\
        vehicle_diesel_l = 1\nvehicle_gasoline_l = 1\nkerosene_l = 1\n\
        city_gas = 1\ncity_gas_unit = \"nm3\"";
    let (inv, _) = inventory(&g, 2025, body, "");
    close(source(&inv, "vehicle_diesel").factor * 1000.0, 2.6561);
    close(source(&inv, "vehicle_gasoline").factor * 1000.0, 2.1708);
    close(source(&inv, "kerosene").factor * 1000.0, 2.4668);
    close(source(&inv, "city_gas").factor * 1000.0, 2.16626);
    let (old, _) = inventory(&g, 2025, body, "[factors]\nncv = \"kr_ncv_2017\"");
    close(source(&old, "city_gas").factor * 1000.0, 2.1888);
}

// ---------------------------------------------------------------------------------------------
// Conversions

#[test]
fn city_gas_billed_in_mj_is_converted_with_the_gross_calorific_value() {
    let g = builtin();
    // The 2022 edition: gross 42.7, net 38.5 MJ/Nm3.
    let (mj, _) = inventory(&g, 2025, "city_gas = 427000\ncity_gas_unit = \"mj\"", "");
    let (nm3, _) = inventory(&g, 2025, "city_gas = 10000\ncity_gas_unit = \"nm3\"", "");
    let (kwh, _) = inventory(&g, 2025, "city_gas = 427000\ncity_gas_unit = \"kwh\"", "");
    close(source(&mj, "city_gas").activity, 10000.0);
    close(source(&kwh, "city_gas").activity, 36000.0);
    close(mj.scope1.unwrap(), nm3.scope1.unwrap());
    // Energy on the net calorific value: 10,000 Nm3 x 38.5 MJ / 3,600.
    close(mj.energy_mwh.unwrap(), 10000.0 * 38.5 / 3600.0);
    // The 2017 edition, named: gross 43.1, net 38.9 MJ/Nm3.
    let (old, _) = inventory(
        &g,
        2025,
        "city_gas = 431000\ncity_gas_unit = \"mj\"",
        "[factors]\nncv = \"kr_ncv_2017\"",
    );
    close(source(&old, "city_gas").activity, 10000.0);
    close(old.energy_mwh.unwrap(), 10000.0 * 38.9 / 3600.0);
    // A reporting year before 2022 takes the 2017 edition by itself.
    let (y2021, _) = inventory(&g, 2021, "city_gas = 431000\ncity_gas_unit = \"mj\"", "");
    close(source(&y2021, "city_gas").activity, 10000.0);
}

#[test]
fn lpg_in_litres_is_converted_with_its_density() {
    let g = builtin();
    let (l, _) = inventory(&g, 2025, "lpg = 1000\nlpg_unit = \"l\"", "");
    let (kg, _) = inventory(&g, 2025, "lpg = 508\nlpg_unit = \"kg\"", "");
    close(source(&l, "lpg").activity, 508.0);
    close(l.scope1.unwrap(), kg.scope1.unwrap());
    let (car, _) = inventory(&g, 2025, "vehicle_lpg_l = 1000", "");
    close(source(&car, "vehicle_lpg").activity, 584.0);
}

#[test]
fn district_heat_in_gcal_and_gj() {
    let g = builtin();
    let (gcal, _) = inventory(
        &g,
        2025,
        "district_heat = 100\ndistrict_heat_unit = \"gcal\"",
        "",
    );
    let (gj, _) = inventory(
        &g,
        2025,
        "district_heat = 418.68\ndistrict_heat_unit = \"gj\"",
        "",
    );
    close(gcal.scope2_location.unwrap(), gj.scope2_location.unwrap());
    // 100 Gcal = 0.41868 TJ x the GIR average at AR5: 59,510 + 1.832 x 28 + 0.440 x 265
    // = 59,677.896 kgCO2e/TJ; 1 Gcal = 1.163 MWh.
    close(gcal.scope2_location.unwrap(), 0.41868 * 59.677896);
    close(gcal.energy_mwh.unwrap(), 116.3);
}

#[test]
fn gwp_sets_change_the_non_co2_part_only() {
    let g = builtin();
    let body = "has_manufacturing_site = true\ndiesel_l = 1000";
    let per_set = |set: &str, ch4: f64, n2o: f64| {
        let (inv, _) = inventory(&g, 2025, body, &format!("[factors]\ngwp = \"{set}\""));
        let expected = 35.3 * (74100.0 + 3.0 * ch4 + 0.6 * n2o) / 1e6;
        close(inv.scope1.unwrap(), expected);
        assert!(inv.factor_tables.iter().any(|f| f.table == set));
    };
    per_set("gwp_sar", 21.0, 310.0);
    per_set("gwp_ar4", 25.0, 298.0);
    per_set("gwp_ar5", 28.0, 265.0);
    per_set("gwp_ar6", 27.9, 273.0);
}

#[test]
fn kwh_become_mwh_and_renewables_count_in_energy_not_emissions() {
    let g = builtin();
    let (inv, _) = inventory(
        &g,
        2025,
        "electricity_kwh = { 2025 = 1000000 }\nre_certified_kwh = 250000\nonsite_renewable_kwh = 100000",
        "",
    );
    let e = source(&inv, "electricity");
    close(e.activity, 1000.0);
    close(inv.scope2_location.unwrap(), 1000.0 * 0.4173);
    close(inv.scope2_market.unwrap(), 750.0 * 0.4173);
    close(inv.energy_mwh.unwrap(), 1100.0);
    close(inv.renewable_share.unwrap(), 350.0 / 1100.0);
}

// ---------------------------------------------------------------------------------------------
// Choosing factor tables

fn grid_table(inv: &Inventory) -> (&str, Chosen) {
    let f = inv
        .factor_tables
        .iter()
        .find(|f| f.family.as_deref() == Some("grid"))
        .expect("a grid table");
    (f.table.as_str(), f.chosen)
}

#[test]
fn the_grid_factor_follows_the_reporting_year() {
    let g = builtin();
    for (year, table) in [
        (2021, "kr_grid_2021"),
        (2022, "kr_grid_2022"),
        (2023, "kr_grid_2023"),
        (2026, "kr_grid_2023"),
    ] {
        let body = format!("electricity_kwh = {{ {year} = 1000000 }}");
        let (inv, warnings) = inventory(&g, year, &body, "");
        assert_eq!(grid_table(&inv), (table, Chosen::Matched), "{year}");
        assert!(warnings.is_empty(), "{year}: {warnings:?}");
    }
    // Before every table: the earliest, with a warning.
    let (inv, warnings) = inventory(&g, 2015, "electricity_kwh = { 2015 = 1000000 }", "");
    assert_eq!(grid_table(&inv).0, "kr_grid_2021");
    assert!(
        warnings
            .iter()
            .any(|w| w.message(Lang::En).contains("2015")),
        "{warnings:?}"
    );
}

#[test]
fn the_grid_factor_follows_the_country() {
    let g = builtin();
    let body = |c: &str| format!("country = \"{c}\"\nelectricity_kwh = {{ 2023 = 1000000 }}");
    let (uk, _) = inventory(&g, 2023, &body("GB"), "");
    assert_eq!(grid_table(&uk).0, "uk_grid_2023");
    close(uk.scope2_location.unwrap(), 207.074289);
    assert_eq!(uk.country.as_deref(), Some("GB"));
    let (us, _) = inventory(&g, 2023, &body("US"), "");
    assert_eq!(grid_table(&us).0, "us_grid_egrid2022");
    close(us.scope2_location.unwrap(), 375.294);
    let (uk22, _) = inventory(
        &g,
        2022,
        "country = \"GB\"\nelectricity_kwh = { 2022 = 1000000 }",
        "",
    );
    close(uk22.scope2_location.unwrap(), 193.38);
}

#[test]
fn a_country_without_a_grid_table_warns_and_leaves_the_totals_unknown() {
    let g = builtin();
    let body = "country = \"other\"\nghg_vs_industry = \"similar\"\n\
        electricity_kwh = { 2025 = 1000000 }\nvehicle_diesel_l = 1000";
    let c = card(&g, 2025, body, "");
    let inv = c.ghg.as_ref().unwrap();
    assert!(inv.scope2_location.is_none() && inv.total_location.is_none());
    let missing = inv.missing.iter().find(|m| m.id == "electricity").unwrap();
    assert!(!missing.not_reported);
    assert!(
        missing.reason.message(Lang::En).contains("[factors]"),
        "{:?}",
        missing.reason
    );
    assert!(
        c.warnings.iter().any(|w| matches!(
            w,
            Warning::NoFactorTable { family, .. } if family == "grid"
        ) && w.message(Lang::En).contains("[factors]")),
        "{:?}",
        c.warnings
    );
    let e31 = c.indicators.iter().find(|i| i.id == "E-3-1").unwrap();
    assert_eq!(
        e31.finding,
        Finding::Missing(Missing::NoFactor {
            family: "grid".into()
        })
    );

    // Naming a table in [factors] resolves it; the fuel still has no factors of its own country.
    let (inv, warnings) = inventory(&g, 2025, body, "[factors]\ngrid = \"uk_grid_2023\"");
    assert!(
        matches!(&warnings[..], [Warning::Check { id, .. }] if id == "fuel-factors-other-country"),
        "{warnings:?}"
    );
    assert_eq!(grid_table(&inv), ("uk_grid_2023", Chosen::Override));
}

#[test]
fn an_unknown_override_is_an_error_at_its_position() {
    let g = builtin();
    let err = answers(
        &g,
        2025,
        "electricity_kwh = { 2025 = 1 }",
        "[factors]\ngrid = \"kr_grid_2032\"\ngwq = \"gwp_ar5\"",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("test.toml:11:8"), "{err}");
    assert!(
        err.contains("did you mean `kr_grid_2023`?")
            || err.contains("did you mean `kr_grid_2022`?"),
        "{err}"
    );
    assert!(err.contains("test.toml:12:1"), "{err}");
    assert!(err.contains("unknown factor family `gwq`"), "{err}");
    let err = answers(&g, 2025, "", "[factors]\ngrid = \"gwp_ar5\"")
        .unwrap_err()
        .to_string();
    assert!(err.contains("not a factor table of family `grid`"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Bad activity data

#[test]
fn negative_activity_is_an_error() {
    let g = builtin();
    let err = answers(&g, 2025, "diesel_l = -5", "")
        .unwrap_err()
        .to_string();
    assert!(err.contains("test.toml:9:12"), "{err}");
    assert!(err.contains("below the smallest value"), "{err}");
}

#[test]
fn implausible_magnitudes_warn() {
    let g = builtin();
    let warned = |body: &str, id: &str| {
        let c = card(&g, 2025, body, "");
        assert!(
            c.warnings
                .iter()
                .any(|w| matches!(w, Warning::Check { id: check, .. } if check == id)),
            "{id}: {:?}",
            c.warnings
        );
    };
    warned(
        "electricity_kwh = { 2025 = 20000000000 }",
        "electricity-magnitude",
    );
    warned(
        "electricity_kwh = { 2025 = 100000 }\nre_certified_kwh = 200000",
        "renewable-above-electricity",
    );
    // An MJ figure typed as Nm3: 43 million "Nm3" on KRW 1 billion of revenue.
    warned(
        "revenue = { 2025 = 10 }\ncity_gas = 43100000\ncity_gas_unit = \"nm3\"",
        "city-gas-unit",
    );
    warned(
        "revenue = { 2025 = 1 }\nvehicle_diesel_l = 1000000",
        "intensity-range",
    );
    warned(
        "electricity_kwh = { 2025 = 1000000 }\nghg_tco2e = { 2025 = 2000 }",
        "stated-vs-computed",
    );
    // The same figures in the right unit do not warn.
    let c = card(
        &g,
        2025,
        "revenue = { 2025 = 10 }\ncity_gas = 43100000\ncity_gas_unit = \"mj\"",
        "",
    );
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
}

#[test]
fn an_amount_without_its_unit_leaves_the_totals_unknown() {
    let g = builtin();
    let (inv, _) = inventory(
        &g,
        2025,
        "city_gas = 1000\nelectricity_kwh = { 2025 = 1000 }",
        "",
    );
    assert!(inv.scope1.is_none());
    let m = inv.missing.iter().find(|m| m.id == "city_gas").unwrap();
    assert!(
        !m.not_reported && m.reason.params()["question"] == "city_gas_unit",
        "{m:?}"
    );
}

#[test]
fn unanswered_sources_count_as_zero_and_are_listed() {
    let g = builtin();
    let (inv, _) = inventory(&g, 2025, "vehicle_diesel_l = 1000", "");
    assert_eq!(inv.scope2_location, Some(0.0));
    let m = inv.missing.iter().find(|m| m.id == "electricity").unwrap();
    assert!(m.not_reported);
    // Nothing answered: no totals at all.
    let (inv, _) = inventory(&g, 2025, "", "");
    assert!(inv.sources.is_empty() && inv.scope1.is_none());
}

// ---------------------------------------------------------------------------------------------
// Indicators

#[test]
fn e31_takes_the_computed_year_when_the_firm_gives_none() {
    let g = builtin();
    // Earlier years 1,000 t on revenue 100; this year computed ~835 t on the same revenue: improving.
    let body = "revenue = { 2023 = 100, 2024 = 100, 2025 = 100 }\n\
        ghg_tco2e = { 2023 = 1000, 2024 = 1000 }\nghg_vs_industry = \"similar\"\n\
        electricity_kwh = { 2025 = 2000000 }";
    let c = card(&g, 2025, body, "");
    let e31 = c.indicators.iter().find(|i| i.id == "E-3-1").unwrap();
    assert_eq!(e31.points, Some(3.0), "{:?}", e31.finding);
    // With its own 2025 figure, the firm's figure stands: flat, so "stable".
    let own = body.replace("2024 = 1000 }", "2024 = 1000, 2025 = 1000 }");
    let c = card(&g, 2025, &own, "");
    let e31 = c.indicators.iter().find(|i| i.id == "E-3-1").unwrap();
    assert_eq!(e31.points, Some(2.0), "{:?}", e31.finding);
}

#[test]
fn e42_takes_the_computed_renewable_share() {
    let g = builtin();
    let body = "renewable_pct = { 2023 = 10, 2024 = 12 }\nrenewable_vs_industry = \"similar\"\n\
        electricity_kwh = { 2025 = 1000000 }\nre_certified_kwh = 200000";
    let c = card(&g, 2025, body, "");
    let e42 = c.indicators.iter().find(|i| i.id == "E-4-2").unwrap();
    // 10, 12, 20 %: improving.
    assert_eq!(e42.points, Some(3.0), "{:?}", e42.finding);
}

// ---------------------------------------------------------------------------------------------
// Guideline checks of the new tables

/// Loads the `co2_only`-style guideline with `extra` appended and returns the error text.
fn load_error(extra: &str) -> String {
    let base = r#"
[guideline]
id = "t"
version = "1.0.0"
languages = ["en"]
title = { en = "T" }

[[area]]
id = "E"
weight = 1
title = { en = "E" }

[[question]]
id = "kwh"
kind = "number"
prompt = { en = "kWh" }

[[metric]]
id = "twice"
title = { en = "Twice" }
formula = "kwh * 2"

[[factor_table]]
id = "grid_a"
family = "grid"
country = "KR"
title = { en = "A" }
source = "S"
year = 2022
values = { electricity = 0.4 }
"#;
    let text = format!("{base}{extra}");
    match guideline::load_sources(vec![Source::new("g.toml", text)], "test") {
        Ok(_) => panic!("loads:\n{extra}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn guideline_faults_in_factor_families_and_sources_are_errors_with_positions() {
    let e = load_error(
        "[[factor_table]]\nid = \"grid_b\"\nfamily = \"grid\"\ncountry = \"KR\"\ntitle = { en = \"B\" }\nsource = \"S\"\nyear = 2023\nvalues = { electric = 0.4 }\n",
    );
    assert!(
        e.contains("must have the same keys as `grid_a`; missing: electricity"),
        "{e}"
    );
    assert!(e.contains("g.toml:"), "{e}");

    let e = load_error(
        "[[factor_table]]\nid = \"grid_b\"\nfamily = \"grid\"\ncountry = \"KR\"\ntitle = { en = \"B\" }\nsource = \"S\"\nyear = 2022\nvalues = { electricity = 0.5 }\n",
    );
    assert!(e.contains("serve the same country and year"), "{e}");

    let src = |activity: &str, factor: &str, scope: u8| {
        format!(
            "[[emission_source]]\nid = \"power\"\ntitle = {{ en = \"P\" }}\nscope = {scope}\nunit = {{ en = \"MWh\" }}\nactivity = \"{activity}\"\nfactor = \"{factor}\"\n"
        )
    };
    let e = load_error(&src("kwh / 1000", "grid.electrcity", 2));
    assert!(e.contains("unknown name `grid.electrcity`"), "{e}");
    assert!(e.contains("did you mean `grid.electricity`?"), "{e}");
    let e = load_error(&src("twice", "grid.electricity", 2));
    assert!(e.contains("reads only answers and factors"), "{e}");
    let e = load_error(&src("kwh", "grid.electricity", 3));
    assert!(e.contains("scope 3"), "{e}");
    let e = load_error(&src("kwh", "0.4", 2));
    assert!(e.contains("names no factor table"), "{e}");

    let e = load_error(
        "[[factor_table]]\nid = \"lone\"\noverride_only = true\ntitle = { en = \"L\" }\nsource = \"S\"\nyear = 2022\nvalues = { x = 1 }\n",
    );
    assert!(e.contains("belongs to no family"), "{e}");
    let e = load_error("[factors]\ncountry = \"twice\"\n");
    assert!(e.contains("gives a number where a string is needed"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// The command line

use crate::common::esg;

#[test]
fn cli_report_shows_the_inventory_with_factors_and_sources() {
    let out = esg()
        .args(["--lang", "en", "score", "examples/ghg-manufacturer.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for want in [
        "GHG inventory 2025 (country KR)",
        "City gas (natural gas)",
        "2.1619 kgCO2e/Nm³",
        "Scope 1: 1,221.9 tCO2e",
        "Factor tables used:",
        "[1] Korean grid factor 2023",
        "Ministry of Climate, Energy and Environment",
        "2006 IPCC Guidelines",
        "GWP: AR5",
        "Reported as zero: District heat and steam",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    let md = esg()
        .args([
            "--lang",
            "ko",
            "score",
            "examples/ghg-manufacturer.toml",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("## 온실가스 인벤토리 2025 (국가 KR)"), "{md}");
    assert!(
        md.contains(
            "| 도시가스 (LNG) | 1 | 503,044 Nm³ | 2.1619 kgCO2e/Nm³ \\[2\\]\\[3\\]\\[4\\]\\[5\\] |"
        ),
        "{md}"
    );
}

#[test]
fn cli_json_carries_the_inventory_totals() {
    let out = esg()
        .args(["score", "examples/logistics.toml", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v = crate::common::scorecard_json(&String::from_utf8(out.stdout).unwrap());
    let ghg = &v["ghg"];
    close(
        ghg["scope1"].as_f64().unwrap(),
        958_000.0 * 35.3 * 75_242.7 / 1e9,
    );
    close(ghg["scope2_location"].as_f64().unwrap(), 571.0 * 0.4173);
    close(ghg["scope2_market"].as_f64().unwrap(), 451.0 * 0.4173);
    assert_eq!(ghg["factor_tables"][0]["chosen"], "matched");
    assert!(ghg["intensity"]["value"].as_f64().unwrap() > 0.0);
}

#[test]
fn cli_bad_activity_data_is_an_input_error_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(
        &file,
        "[guideline]\nid = \"k-esg-sme\"\n[firm]\nname = \"X\"\nreporting_year = 2025\n[answers]\nvehicle_diesel_l = -300\n[factors]\ngrid = \"kr_grid_2030\"\n",
    )
    .unwrap();
    let out = esg()
        .args(["--lang", "en", "score"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bad.toml:7:20"), "{err}");
    assert!(err.contains("bad.toml:9:8"), "{err}");
    assert!(out.stdout.is_empty());
}
