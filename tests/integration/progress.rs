//! Progress and peers: `esg diff` across two years and across two guideline versions.

use crate::common::{MINI, WORKED, esg, out, root};

const Y2022: &str = "tests/fixtures/progress/firm-2022.toml";
const Y2023: &str = "tests/fixtures/progress/firm-2023.toml";
const MINI2: &str = "tests/fixtures/guidelines/mini-2";

/// `esg diff --format json`, checked against `esg schema diff`.
fn diff_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out(&all)).unwrap();
    let validator = jsonschema::validator_for(&esg::schema::diff()).unwrap();
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "not a valid diff: {errors:?}");
    v
}

fn indicator<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("{id} is not among the changes"))
}

fn codes(i: &serde_json::Value) -> Vec<&str> {
    i["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect()
}

#[test]
fn a_lower_grid_factor_not_the_firm_cuts_scope_2() {
    let v = diff_json(&[Y2022, Y2023, "--lang", "en"]);
    let ghg = &v["ghg"];
    let sources = ghg["sources"].as_array().unwrap();
    let elec = sources.iter().find(|s| s["id"] == "electricity").unwrap();
    // The same electricity both years: the whole change is the factor's.
    assert_eq!(elec["activity"]["delta"], 0.0);
    assert_eq!(elec["activity_effect"], 0.0);
    let factor_effect = elec["factor_effect"].as_f64().unwrap();
    assert!(factor_effect < -1.0, "{elec}");
    assert!(ghg["scope2_location"]["delta"].as_f64().unwrap() < -1.0);
    // The decomposition adds up for every source, and over the inventory.
    for s in sources {
        let d = s["tco2e"]["delta"].as_f64().unwrap();
        let sum = s["activity_effect"].as_f64().unwrap() + s["factor_effect"].as_f64().unwrap();
        assert!((d - sum).abs() < 1e-9, "{s}");
    }
    let total = ghg["total_location"]["delta"].as_f64().unwrap();
    let sum = ghg["activity_effect"].as_f64().unwrap() + ghg["factor_effect"].as_f64().unwrap();
    assert!((total - sum).abs() < 1e-9);
    // City gas fell by the firm's own effort: activity.
    let gas = sources.iter().find(|s| s["id"] == "city_gas").unwrap();
    assert!(gas["activity_effect"].as_f64().unwrap() < -1.0);
    // The targets indicator rose because its answer changed, and says which.
    let e = indicator(&v, "E-1-1");
    assert_eq!(codes(e), ["answers_changed"]);
    assert_eq!(e["reasons"][0]["questions"][0], "env_targets");
    assert!(e["points"]["delta"].as_f64().unwrap() > 0.0);
    assert!(!v["guideline_changed"].as_bool().unwrap());
}

#[test]
fn the_formats_of_a_diff_say_the_same_numbers() {
    let v = diff_json(&[Y2022, Y2023, "--lang", "en"]);
    let scope2 = v["ghg"]["scope2_location"]["delta"].as_f64().unwrap();
    let shown = format!("-{:.1}", scope2.abs());
    let e = v["areas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "E")
        .unwrap();
    let area = format!("+{:.1}", e["score"]["delta"].as_f64().unwrap());
    for format in ["table", "markdown", "html"] {
        let text = out(&["diff", Y2022, Y2023, "--lang", "en", "--format", format]);
        assert!(text.contains(&shown), "{format} lacks {shown}:\n{text}");
        assert!(
            text.contains(&area),
            "{format} lacks the area's change {area}"
        );
        assert!(text.contains("Environmental targets"), "{format}");
        assert!(text.contains("Factor effect"), "{format}");
    }
    let html = out(&["diff", Y2022, Y2023, "--format", "html"]);
    assert!(!html.contains("style=") && !html.contains("<script"));
}

#[test]
fn a_korean_diff_names_no_question_id() {
    let text = out(&["diff", Y2022, Y2023, "--lang", "ko"]);
    assert!(text.contains("답변이 바뀜"), "{text}");
    assert!(text.contains("배출계수 효과"));
    for id in ["env_targets", "electricity_kwh", "city_gas", "`"] {
        assert!(!text.contains(id), "{id} in:\n{text}");
    }
}

#[test]
fn a_diff_across_guideline_versions_says_what_the_revision_changed() {
    let new = tempfile::tempdir().unwrap();
    let path = new.path().join("revised.toml");
    let text = std::fs::read_to_string(root().join(WORKED))
        .unwrap()
        .replace("version = \"1.0.0\"", "version = \"2.0.0\"");
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap();
    let v = diff_json(&[WORKED, path, "-g", MINI, "-g", MINI2, "--lang", "en"]);
    assert!(v["guideline_changed"].as_bool().unwrap());
    assert_eq!(v["before"]["guideline_version"], "1.0.0");
    assert_eq!(v["after"]["guideline_version"], "2.0.0");
    assert_eq!(codes(indicator(&v, "E-2")), ["weight_changed"]);
    // The same turnover answer scores lower under the stricter levels.
    let s2 = indicator(&v, "S-2");
    assert_eq!(codes(s2), ["levels_changed"]);
    assert_eq!(s2["points"]["delta"], -1.0);
    assert_eq!(codes(indicator(&v, "G-2")), ["indicator_added"]);
    assert_eq!(codes(indicator(&v, "G-1")), ["indicator_removed"]);
    // Indicators the revision left alone, with the same answers, are not listed.
    assert!(
        v["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["id"] != "E-1")
    );
    let words = out(&[
        "diff", WORKED, path, "-g", MINI, "-g", MINI2, "--lang", "ko",
    ]);
    assert!(words.contains("가이드라인 개정: 가중치 2 → 3"), "{words}");
    assert!(words.contains("1.0.0 → 시험용 가이드라인 2.0.0"), "{words}");
}

#[test]
fn the_same_file_twice_changes_nothing() {
    let v = diff_json(&[WORKED, WORKED, "-g", MINI]);
    assert_eq!(v["total"]["delta"], 0.0);
    assert!(v["indicators"].as_array().unwrap().is_empty());
    assert!(v["gaps_closed"].as_array().unwrap().is_empty());
    assert!(v["gaps_new"].as_array().unwrap().is_empty());
}

const PORTFOLIO: &str = "tests/fixtures/progress/portfolio";

/// A benchmark of the generated portfolio (`examples/gen_portfolio.rs --firms 40 --seed 17`),
/// written by a portfolio run with `--benchmark-out`, checked against `esg schema benchmark`.
fn benchmark(dir: &std::path::Path) -> (String, serde_json::Value) {
    esg()
        .args([
            "score",
            PORTFOLIO,
            "-q",
            "--format",
            "csv",
            "--benchmark-out",
        ])
        .arg(dir.join("benchmark.json"))
        .assert()
        .success();
    let text = std::fs::read_to_string(dir.join("benchmark.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&esg::schema::benchmark()).unwrap();
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "not a valid benchmark: {errors:?}");
    (text, v)
}

#[test]
fn a_benchmark_holds_no_firm_and_suppresses_small_cells() {
    let dir = tempfile::tempdir().unwrap();
    let (text, v) = benchmark(dir.path());
    // No name, business number or file of any firm.
    for entry in std::fs::read_dir(root().join(PORTFOLIO)).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        assert!(!text.contains(&stem), "{stem} in the benchmark");
        let answers: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
        let firm = &answers["firm"];
        for key in ["name", "business_number"] {
            let value = firm[key].as_str().unwrap();
            assert!(!text.contains(value), "{value} in the benchmark");
        }
    }
    // No single value: no minimum or maximum, every figure from five firms or more, and a
    // suppressed cell without any number, not even how many firms it has.
    for word in ["min\"", "max\"", "mean\"", "\"value\""] {
        assert!(!text.contains(word), "{word} in the benchmark");
    }
    let cells = v["cells"].as_array().unwrap();
    let mut suppressed = 0;
    for c in cells {
        if c["suppressed"].as_bool().unwrap() {
            suppressed += 1;
            assert!(c["firms"].is_null() && c["total"].is_null() && c["intensity"].is_null());
            assert!(c["areas"].as_array().unwrap().is_empty());
            continue;
        }
        assert!(c["firms"].as_u64().unwrap() >= 5, "{c}");
        let figures = std::iter::once(&c["total"])
            .chain(std::iter::once(&c["intensity"]))
            .chain(
                c["areas"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| &a["quartiles"]),
            );
        for q in figures.filter(|q| !q.is_null()) {
            assert!(q["n"].as_u64().unwrap() >= 5, "{c}");
        }
    }
    assert!(suppressed > 0, "the portfolio has small cells");
    // All firms, and a sector with one firm only (suppressed) are there.
    let all = cells
        .iter()
        .find(|c| c["sector"].is_null() && c["size_band"].is_null())
        .unwrap();
    assert_eq!(all["firms"], 40);
    let other = cells
        .iter()
        .find(|c| c["sector"] == "other" && c["size_band"].is_null())
        .unwrap();
    assert!(other["suppressed"].as_bool().unwrap());
}

#[test]
fn a_firm_scored_against_a_benchmark_sees_its_peers_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let (_, bench) = benchmark(dir.path());
    let bench_path = dir.path().join("benchmark.json");
    let bench_path = bench_path.to_str().unwrap();
    // A firm of sector N with 86 people: its sector and size band have fewer than five firms, so
    // its peers are sector N of all sizes.
    let firm = format!("{PORTFOLIO}/firm-000002.toml");
    let json = out(&[
        "score",
        &firm,
        "--benchmark",
        bench_path,
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    crate::common::assert_schema("scorecard", &v);
    let peers = &v["peers"];
    let cell = bench["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["sector"] == peers["sector"] && c["size_band"] == peers["size_band"])
        .unwrap();
    assert_eq!(peers["firms"], cell["firms"]);
    assert_eq!(
        (peers["sector"].as_str(), peers["size_band"].as_str()),
        (Some("N"), None)
    );
    let standings = peers["standings"].as_array().unwrap();
    let whats: Vec<&str> = standings
        .iter()
        .map(|s| s["what"].as_str().unwrap())
        .collect();
    assert_eq!(whats[0], "total");
    assert!(whats.contains(&"intensity"), "{whats:?}");
    for s in standings {
        let p = s["percentile"].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&p));
    }
    assert_eq!(standings[0]["value"], v["total"]);
    // The same percentiles, rounded, in the terminal, Markdown and HTML.
    let shown: Vec<String> = standings
        .iter()
        .map(|s| format!("{:.0}", s["percentile"].as_f64().unwrap()))
        .collect();
    for format in ["table", "markdown", "html"] {
        let text = out(&[
            "score",
            &firm,
            "--benchmark",
            bench_path,
            "--format",
            format,
            "--lang",
            "en",
        ]);
        assert!(text.contains("Among peers"), "{format}");
        let part = &text[text.find("Among peers").unwrap()..];
        for p in &shown {
            assert!(
                part.contains(p.as_str()),
                "{format} lacks percentile {p}:\n{part}"
            );
        }
    }
    let ko = out(&["score", &firm, "--benchmark", bench_path, "--lang", "ko"]);
    assert!(ko.contains("같은 업종·규모의 회사와 비교"));
}

const Y2024: &str = "tests/fixtures/progress/firm-2024.toml";

#[test]
fn a_three_year_history_shows_the_trend_in_every_format() {
    // Given in any order, shown oldest first.
    let json = out(&[
        "score",
        "--history",
        Y2024,
        Y2022,
        Y2023,
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let validator = jsonschema::validator_for(&esg::schema::history()).unwrap();
    assert!(validator.is_valid(&v), "not a valid history: {v}");
    let years = v["years"].as_array().unwrap();
    let shown: Vec<i64> = years
        .iter()
        .map(|y| y["reporting_year"].as_i64().unwrap())
        .collect();
    assert_eq!(shown, [2022, 2023, 2024]);
    let mut tonnes = Vec::new();
    for (year, file) in years.iter().zip([Y2022, Y2023, Y2024]) {
        let card: serde_json::Value =
            serde_json::from_str(&out(&["score", file, "--format", "json"])).unwrap();
        assert_eq!(year["total"], card["total"], "{file}");
        let t = year["scope12_tco2e"].as_f64().unwrap();
        assert_eq!(Some(t), card["ghg"]["total_location"].as_f64(), "{file}");
        tonnes.push(format!("{t:.1}"));
    }
    // Emissions fell every year: the sparkline runs from the highest block to the lowest.
    let table = out(&["score", "--history", Y2022, Y2023, Y2024, "--lang", "en"]);
    let line = table
        .lines()
        .find(|l| l.starts_with("Scope 1+2 emissions"))
        .unwrap();
    assert!(line.contains("█▅▁"), "{line}");
    for format in ["table", "markdown", "html"] {
        let text = out(&[
            "score",
            "--history",
            Y2022,
            Y2023,
            Y2024,
            "--format",
            format,
        ]);
        for t in &tonnes {
            assert!(text.contains(t.as_str()), "{format} lacks {t}");
        }
    }
    let html = out(&[
        "score",
        "--history",
        Y2022,
        Y2023,
        Y2024,
        "--format",
        "html",
    ]);
    assert!(html.contains("<svg") && !html.contains("style=") && !html.contains("<script"));
}

#[test]
fn a_history_refuses_files_of_another_firm() {
    let other = format!("{PORTFOLIO}/firm-000001.toml");
    esg()
        .args(["score", "--history", Y2022, &other, "--lang", "ko"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("다른 회사의 파일입니다"));
}
