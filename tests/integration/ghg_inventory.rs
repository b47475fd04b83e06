//! Every bill a firm holds, and the emissions survey: district heat by supplier or plant type in
//! every unit a bill uses, UK fuel factors, the warning for a country without fuel factors of its
//! own, an inventory from elsewhere standing instead of the activity data, and the survey columns
//! and breakdown of a portfolio. Each worked example is checked to 0.01 % against the hand
//! calculation written out beside it.

use esg::answers;
use esg::guideline::{self, BUILTIN_DEFAULT, Guideline};
use esg::score::{Options, score};
use esg::scorecard::{Chosen, Inventory, Scorecard, Unanswered, Warning};
use esg::source::Source;
use esg::text::Lang;

use crate::common::esg;

fn builtin() -> Guideline {
    guideline::load_builtin(BUILTIN_DEFAULT).unwrap()
}

/// The built-in guideline's scorecard for reporting year 2025, `body` under [answers] and
/// `extra` after it.
fn card(g: &Guideline, body: &str, extra: &str) -> Scorecard {
    let text = format!(
        "[guideline]\nid = \"{}\"\n\n[firm]\nname = \"Test\"\nreporting_year = 2025\n\n[answers]\n{body}\n{extra}",
        g.id
    );
    let a = answers::parse(&Source::new("test.toml", text), g).unwrap_or_else(|e| panic!("{e}"));
    score(
        g,
        &a,
        Options {
            unanswered: Unanswered::Zero,
        },
    )
}

fn inventory(c: &Scorecard) -> &Inventory {
    c.ghg
        .as_ref()
        .expect("the built-in guideline has an inventory")
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

fn table<'a>(inv: &'a Inventory, id: &str) -> Option<&'a esg::scorecard::FactorUsed> {
    inv.factor_tables.iter().find(|t| t.table == id)
}

fn check_warnings(c: &Scorecard) -> Vec<&str> {
    c.warnings
        .iter()
        .filter_map(|w| match w {
            Warning::Check { id, .. } => Some(id.as_str()),
            _ => None,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// District heat and steam

/// A supplier's own factor, in Gcal: 500 Gcal from Korea District Heating Corp.'s Daegu branch.
///   500 Gcal x 4.1868 GJ/Gcal = 2,093.4 GJ = 2.0934 TJ
///   factor (AR5): 48,249 + 2.5138 x 28 + 0.3705 x 265 = 48,417.5689 kgCO2e/TJ
///   2.0934 TJ x 48,417.5689 kg/TJ = 101,357.34 kg = 101.35734 tCO2e
#[test]
fn heat_from_a_supplier_with_its_own_factor_in_gcal() {
    let g = builtin();
    let c = card(
        &g,
        "district_heat = 500\ndistrict_heat_unit = \"gcal\"\nheat_supplier = \"kdhc_2024_daegu\"",
        "",
    );
    let inv = inventory(&c);
    close(inv.scope2_location.unwrap(), 101.357_34);
    close(inv.scope2_market.unwrap(), 101.357_34);
    let heat = inv
        .sources
        .iter()
        .find(|s| s.id == "district_heat")
        .unwrap();
    close(heat.activity, 2093.4);
    close(heat.energy_mwh.unwrap(), 2093.4 / 3.6);
    // The report names the supplier's table, chosen by the firm's answer.
    let t = table(inv, "kdhc_2024_daegu").expect("the Daegu table is cited");
    assert_eq!(t.chosen, Chosen::Answer);
    assert!(t.title.show(Lang::En).contains("Daegu"), "{:?}", t.title);
    assert!(t.title.show(Lang::Ko).contains("대구"), "{:?}", t.title);
    assert!(table(inv, "gir_heat_average").is_none());
}

/// A GIR default, in MWh: 1,200 MWh of heat from a heat-only plant.
///   1,200 MWh x 3.6 GJ/MWh = 4,320 GJ = 4.32 TJ
///   factor (AR5): 56,373 + 1.278 x 28 + 0.166 x 265 = 56,452.774 kgCO2e/TJ
///   4.32 TJ x 56,452.774 kg/TJ = 243,875.98 kg = 243.87598 tCO2e
#[test]
fn heat_from_a_heat_only_plant_in_mwh() {
    let g = builtin();
    let c = card(
        &g,
        "district_heat = 1200\ndistrict_heat_unit = \"mwh\"\nheat_supplier = \"gir_heat_only\"",
        "",
    );
    let inv = inventory(&c);
    close(inv.scope2_location.unwrap(), 243.875_98);
    close(inv.energy_mwh.unwrap(), 1200.0);
    assert_eq!(
        table(inv, "gir_heat_only").map(|t| t.chosen),
        Some(Chosen::Answer)
    );
}

/// Every unit of a heat bill gives the same emissions for the same heat: 1 Gcal = 1,000 Mcal =
/// 4.1868 GJ = 0.0041868 TJ = 1.163 MWh (1 kcal = 4.1868 kJ).
#[test]
fn every_unit_of_a_heat_bill_agrees() {
    let g = builtin();
    let of = |amount: f64, unit: &str| {
        let c = card(
            &g,
            &format!("district_heat = {amount}\ndistrict_heat_unit = \"{unit}\""),
            "",
        );
        inventory(&c).scope2_location.unwrap()
    };
    let gcal = of(100.0, "gcal");
    close(of(100_000.0, "mcal"), gcal);
    close(of(418.68, "gj"), gcal);
    close(of(0.418_68, "tj"), gcal);
    close(of(116.3, "mwh"), gcal);
    // Without a supplier, the GIR average at AR5: 59,510 + 1.832 x 28 + 0.440 x 265
    // = 59,677.896 kg/TJ; 100 Gcal = 0.41868 TJ -> 24.98593 tCO2e.
    close(gcal, 24.985_93);
}

/// The GIR defaults' published totals are built with SAR GWPs; named, SAR reproduces them:
/// heat-only 56,373 + 1.278 x 21 + 0.166 x 310 = 56,451.3 (published 56,452), CHP 60,973.3
/// (60,974), average 59,684.9 (59,685) kgCO2e/TJ.
#[test]
fn gir_heat_totals_reproduce_with_sar() {
    let g = builtin();
    for (supplier, published) in [
        ("gir_heat_only", 56_452.0),
        ("gir_heat_chp", 60_974.0),
        ("gir_heat_average", 59_685.0),
    ] {
        // 1 TJ of heat.
        let c = card(
            &g,
            &format!(
                "district_heat = 1\ndistrict_heat_unit = \"tj\"\nheat_supplier = \"{supplier}\""
            ),
            "[factors]\ngwp = \"gwp_sar\"",
        );
        close(inventory(&c).scope2_location.unwrap() * 1000.0, published);
    }
}

// ---------------------------------------------------------------------------------------------
// Fuels outside Korea

/// A UK firm's diesel vans and gas boiler, with the DESNZ 2023 factors:
///   diesel (average biofuel blend): 10,000 L x 2.512064 kgCO2e/L = 25,120.64 kg
///   natural gas billed in kWh (gross): 50,000 kWh x 0.182929 kgCO2e/kWh = 9,146.45 kg
///   Scope 1 = 34,267.09 kg = 34.26709 tCO2e
#[test]
fn a_uk_firm_uses_the_desnz_fuel_factors() {
    let g = builtin();
    let c = card(
        &g,
        "country = \"GB\"\nvehicle_diesel_l = 10000\ncity_gas = 50000\ncity_gas_unit = \"kwh\"",
        "",
    );
    let inv = inventory(&c);
    close(inv.scope1.unwrap(), 34.267_09);
    let diesel = inv
        .sources
        .iter()
        .find(|s| s.id == "vehicle_diesel")
        .unwrap();
    close(diesel.factor * 1000.0, 2.512_064);
    assert_eq!(
        table(inv, "uk_fuel_desnz_2023").map(|t| t.chosen),
        Some(Chosen::Matched)
    );
    // The IPCC defaults are not behind a UK figure, so they are not cited.
    assert!(table(inv, "ipcc_stationary").is_none(), "{inv:?}");
    assert!(table(inv, "ipcc_mobile").is_none(), "{inv:?}");
    assert!(check_warnings(&c).is_empty(), "{:?}", c.warnings);
    // Per m³ of gas: 1,000 m³ x 2.038390 kgCO2e/m³ = 2.03839 tCO2e.
    let c = card(
        &g,
        "country = \"GB\"\ncity_gas = 1000\ncity_gas_unit = \"nm3\"",
        "",
    );
    close(inventory(&c).scope1.unwrap(), 2.038_39);
}

/// A firm whose country has no fuel factors of its own gets the Korean method and a warning in
/// both languages; a Korean or a UK firm gets none, nor does a firm abroad that burns no fuel.
#[test]
fn a_country_without_fuel_factors_of_its_own_is_warned() {
    let g = builtin();
    let body = "country = \"US\"\nvehicle_diesel_l = 1000";
    let c = card(&g, body, "");
    assert_eq!(check_warnings(&c), ["fuel-factors-other-country"]);
    let w = c
        .warnings
        .iter()
        .find(|w| matches!(w, Warning::Check { .. }))
        .unwrap();
    let (ko, en) = (w.message(Lang::Ko), w.message(Lang::En));
    assert!(ko.contains("대한민국") && ko.contains("IPCC"), "{ko}");
    assert!(!ko.chars().any(|ch| ch.is_ascii_lowercase()), "{ko}");
    assert!(en.contains("Korean net calorific values"), "{en}");
    // Computed all the same, with the Korean method: 1,000 L x 35.3 MJ/L x (74,100 + 3.9 x 28 +
    // 3.9 x 265) kg/TJ = 2,656.1 kgCO2e.
    close(inventory(&c).scope1.unwrap() * 1000.0, 2656.08);
    // Its US table has no diesel factor: the Korean calorific values and IPCC defaults stand in.
    assert!(table(inventory(&c), "kr_ncv_2022").is_some());
    assert!(table(inventory(&c), "ipcc_mobile").is_some());

    // A US firm's petrol has a US factor (EPA, CO2 only): 1,000 L x 8.887 kg/gal / 3.785411784
    // L/gal = 2,347.697 kg; no warning for it.
    let c = card(&g, "country = \"US\"\nvehicle_gasoline_l = 1000", "");
    close(inventory(&c).scope1.unwrap() * 1000.0, 2347.697);
    assert!(table(inventory(&c), "us_fuel_epa_2024").is_some());

    for body in [
        "country = \"KR\"\nvehicle_diesel_l = 1000",
        "country = \"GB\"\nvehicle_diesel_l = 1000",
        "country = \"US\"\nvehicle_diesel_l = 0",
        "country = \"US\"\nvehicle_gasoline_l = 1000",
    ] {
        let c = card(&g, body, "");
        assert!(
            !check_warnings(&c).contains(&"fuel-factors-other-country"),
            "{body}: {:?}",
            c.warnings
        );
    }
    // Heat bought abroad is computed with a Korean factor, and said so.
    let c = card(
        &g,
        "country = \"other\"\ndistrict_heat = 10\ndistrict_heat_unit = \"gj\"",
        "[factors]\ngrid = \"uk_grid_2023\"",
    );
    assert_eq!(check_warnings(&c), ["heat-factors-other-country"]);
}

// ---------------------------------------------------------------------------------------------
// An inventory from elsewhere

const VERIFIED: &str = "ghg_verification = [\"verifier_named\"]\n\
    vehicle_diesel_l = 1000\nelectricity_kwh = { 2025 = 100000 }\n\
    verified_scope1_t = 12.5\nverified_scope2_location_t = 40\nverified_scope2_market_t = 35\n\
    verified_inventory_source = \"ABC supply-chain platform, verified 2025\"";

#[test]
fn a_verified_inventory_stands_instead_of_the_activity_data() {
    let g = builtin();
    let c = card(&g, VERIFIED, "");
    let inv = inventory(&c);
    assert_eq!(
        (inv.scope1, inv.scope2_location, inv.scope2_market),
        (Some(12.5), Some(40.0), Some(35.0))
    );
    assert_eq!(inv.total_location, Some(52.5));
    assert_eq!(
        inv.stated_source.as_deref(),
        Some("ABC supply-chain platform, verified 2025")
    );
    // The activity data still give the energy use: 100 MWh of electricity and 1,000 L x 35.3
    // MJ/L / 3,600 of diesel.
    close(inv.energy_mwh.unwrap(), 100.0 + 35.3 * 1000.0 / 3600.0);
    // The metrics read the verified totals.
    let metric = |id: &str| c.metrics.iter().find(|m| m.id == id).unwrap().value;
    assert_eq!(metric("ghg_total_t"), Some(52.5));

    // Without the location-based Scope 2 the activity data stand.
    let partial = VERIFIED.replace("verified_scope2_location_t = 40\n", "");
    let c = card(&g, &partial, "");
    assert!(inventory(&c).stated_source.is_none());
    close(
        inventory(&c).scope2_location.unwrap(),
        100.0 * 0.4173, // 100 MWh x the 2023 grid factor
    );
}

#[test]
fn every_report_says_the_inventory_comes_from_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("verified.toml");
    std::fs::write(
        &path,
        format!(
            "[guideline]\nid = \"k-esg-sme\"\n\n[firm]\nname = \"Verified\"\nreporting_year = 2025\n\n[answers]\n{VERIFIED}\n"
        ),
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let run = |args: &[&str]| {
        let out = esg().args(args).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let en = run(&["--lang", "en", "score", path]);
    assert!(en.contains("verified inventory (source: ABC"), "{en}");
    let ko = run(&["--lang", "ko", "score", path, "--format", "markdown"]);
    assert!(ko.contains("검증된 인벤토리의 값입니다"), "{ko}");
    let csv = run(&["--lang", "en", "score", path, "--format", "csv"]);
    assert!(csv.contains("verified inventory"), "{csv}");
    let json = crate::common::scorecard_json(&run(&["score", path, "--format", "json"]));
    assert_eq!(
        json["ghg"]["stated_source"],
        "ABC supply-chain platform, verified 2025"
    );
    assert_eq!(json["ghg"]["scope1"], 12.5);
}

// ---------------------------------------------------------------------------------------------
// The emissions survey

fn firm(name: &str, body: &str) -> String {
    format!(
        "[guideline]\nid = \"k-esg-sme\"\n\n[firm]\nname = \"{name}\"\nreporting_year = 2025\n\n[answers]\n{body}\n"
    )
}

/// Three firms: two manufacturers of different sizes and a small transport firm (one with a
/// verified inventory), and the columns and breakdown an emissions survey needs.
#[test]
fn the_survey_columns_and_breakdown() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "a.toml",
            firm(
                "A",
                "sector = \"C\"\nemployees = 8\nrevenue = { 2025 = 10 }\n\
                 electricity_kwh = { 2025 = 200000 }\ncity_gas = 1000\ncity_gas_unit = \"nm3\"",
            ),
        ),
        (
            "b.toml",
            firm(
                "B",
                &format!("sector = \"C\"\nemployees = 120\nrevenue = {{ 2025 = 100 }}\n{VERIFIED}"),
            ),
        ),
        (
            "c.toml",
            firm(
                "C",
                "sector = \"H\"\nemployees = 30\nrevenue = { 2025 = 20 }\n\
                 vehicle_diesel_l = 20000",
            ),
        ),
    ];
    for (name, text) in &files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let out = dir.path().join("out");
    let status = esg()
        .args(["--lang", "en", "score"])
        .arg(dir.path())
        .args(["--format", "csv", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        status.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );

    let read = |name: &str| {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let head: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|x| x.unwrap().iter().map(str::to_owned).collect())
            .collect();
        (head, rows)
    };
    let (head, rows) = read("summary.csv");
    for col in [
        "sector",
        "size_band",
        "scope1_tco2e",
        "scope2_location_tco2e",
        "scope2_market_tco2e",
        "ghg_intensity",
        "ghg_basis",
        "energy_mwh",
        "energy_electricity_mwh",
        "energy_city_gas_mwh",
        "energy_diesel_mwh",
        "energy_district_heat_mwh",
    ] {
        assert!(head.iter().any(|h| h == col), "no column {col}: {head:?}");
    }
    let cell = |row: &[String], col: &str| {
        let i = head.iter().position(|h| h == col).unwrap();
        row[i].clone()
    };
    let a = &rows[0];
    assert_eq!(cell(a, "sector"), "C");
    assert_eq!(cell(a, "size_band"), "1-9");
    assert_eq!(cell(a, "ghg_basis"), "computed");
    // 200 MWh of electricity; 1,000 Nm³ x 38.5 MJ / 3,600 = 10.7 MWh of city gas.
    assert_eq!(cell(a, "energy_electricity_mwh"), "200");
    assert_eq!(cell(a, "energy_city_gas_mwh"), "10.7");
    assert_eq!(cell(a, "energy_mwh"), "210.7");
    let b = &rows[1];
    assert_eq!(cell(b, "size_band"), "50-299");
    assert_eq!(cell(b, "ghg_basis"), "verified");
    assert_eq!(cell(b, "scope1_tco2e"), "12.5");
    let c = &rows[2];
    assert_eq!(
        (cell(c, "sector"), cell(c, "size_band")),
        ("H".into(), "10-49".into())
    );
    // Vehicle diesel counts under diesel: 20,000 L x 35.3 MJ / 3,600 = 196.1 MWh.
    assert_eq!(cell(c, "energy_diesel_mwh"), "196.1");

    // The statistics by sector and size band.
    let (head, rows) = read("statistics.csv");
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let group = |by: &str, id: &str| {
        rows.iter()
            .find(|r| r[col("measure")] == by && r[col("id")] == id)
            .unwrap_or_else(|| panic!("no group {by} {id}: {rows:?}"))
    };
    let c_sector = group("sector", "C");
    assert_eq!(c_sector[col("count")], "2");
    assert_eq!(c_sector[col("with_ghg")], "2");
    // A's scope 1 (city gas, 2.1620 tCO2e) plus B's verified 12.5.
    let a_scope1 = 1000.0 * 38.5 * (56100.0 + 5.0 * 28.0 + 0.1 * 265.0) / 1e9;
    assert_eq!(
        c_sector[col("scope1_tco2e")],
        format!("{:.1}", a_scope1 + 12.5)
    );
    assert_eq!(group("sector", "H")[col("count")], "1");
    // Size bands in order of size.
    let bands: Vec<&str> = rows
        .iter()
        .filter(|r| r[col("measure")] == "size_band")
        .map(|r| r[col("id")].as_str())
        .collect();
    assert_eq!(bands, ["1-9", "10-49", "50-299"]);

    // JSON Lines: the same, and the statistics' groups.
    let out = esg()
        .args(["score"])
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[1]["ghg"]["basis"], "verified");
    assert_eq!(lines[0]["size_band"], "1-9");
    let carriers = lines[2]["ghg"]["energy_by_carrier"].as_array().unwrap();
    assert!(
        carriers
            .iter()
            .any(|c| c["carrier"] == "diesel" && c["mwh"].as_f64().unwrap() > 196.0),
        "{carriers:?}"
    );
    let stats = &lines[3];
    assert_eq!(stats["kind"], "portfolio");
    let groups = stats["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 5, "{groups:?}");
    assert!(
        groups
            .iter()
            .any(|g| g["by"] == "size_band" && g["id"] == "1-9" && g["firms"] == 1)
    );
}

// ---------------------------------------------------------------------------------------------
// Validation of the new keys

fn load(extra: &str) -> Result<Guideline, String> {
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
id = "gj"
kind = "number"
prompt = { en = "GJ" }

[[question]]
id = "supplier"
kind = "choice"
prompt = { en = "Supplier" }
options = [
  { id = "heat_a", text = { en = "A" } },
  { id = "heat_b", text = { en = "B" } },
]

[[factor_table]]
id = "heat_a"
family = "heat"
title = { en = "A" }
source = "S"
year = 2022
values = { co2 = 50000 }

[[factor_table]]
id = "heat_b"
family = "heat"
override_only = true
title = { en = "B" }
source = "S"
year = 2024
values = { co2 = 30000 }

[[emission_source]]
id = "heat"
title = { en = "Heat" }
scope = 2
unit = { en = "GJ" }
activity = "gj"
factor = "heat.co2 / 1000000"
"#;
    guideline::load_sources(
        vec![Source::new("g.toml", format!("{base}{extra}"))],
        "test",
    )
    .map(|(g, _)| g)
    .map_err(|e| e.to_string())
}

#[test]
fn a_table_chosen_by_an_answer_and_a_stated_inventory_are_checked() {
    // Well formed: the answer chooses the table, even an `override_only` one.
    let g = load(
        "[factors]\ntables = { heat = \"supplier\" }\n\n[ghg]\n[ghg.stated]\nscope1 = \"gj\"\nscope2_location = \"gj\"\nsource = '\"x\"'\n",
    )
    .unwrap();
    let text =
        "[guideline]\nid = \"t\"\n[firm]\nname = \"F\"\n[answers]\ngj = 1000\nsupplier = \"heat_b\"\n"
            .to_owned();
    let a = answers::parse(&Source::new("a.toml", text), &g).unwrap();
    let c = score(&g, &a, Options::default());
    // With the stated inventory both scopes are 1,000; without it, 1,000 GJ x 30,000 kg/TJ.
    let inv = inventory(&c);
    assert_eq!(inv.scope2_location, Some(1000.0));
    close(inv.sources[0].factor, 0.03);
    let b = inv
        .factor_tables
        .iter()
        .find(|t| t.table == "heat_b")
        .unwrap();
    assert_eq!(b.chosen, Chosen::Answer);

    // An unknown family, an option that is no table of the family, a number where a string is
    // needed: errors at their lines.
    let e = load("[factors]\ntables = { hat = \"supplier\" }\n").unwrap_err();
    assert!(e.contains("unknown family `hat`"), "{e}");
    let e = load(
        "[[question]]\nid = \"other\"\nkind = \"choice\"\nprompt = { en = \"O\" }\noptions = [{ id = \"heat_c\", text = { en = \"C\" } }]\n\n[factors]\ntables = { heat = \"other\" }\n",
    )
    .unwrap_err();
    assert!(e.contains("not tables of the family: other.heat_c"), "{e}");
    let e = load("[factors]\ntables = { heat = \"gj\" }\n").unwrap_err();
    assert!(e.contains("g.toml:"), "{e}");
    let e = load(
        "[ghg]\n[ghg.stated]\nscope1 = \"supplier\"\nscope2_location = \"gj\"\nsource = '\"x\"'\n",
    )
    .unwrap_err();
    assert!(e.contains("g.toml:"), "{e}");
}
