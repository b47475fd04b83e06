//! Progress and peers: `esg diff` across two years and across two guideline versions.

use crate::common::{MINI, WORKED, esg, root};

const Y2022: &str = "tests/fixtures/progress/firm-2022.toml";
const Y2023: &str = "tests/fixtures/progress/firm-2023.toml";
const MINI2: &str = "tests/fixtures/guidelines/mini-2";

fn out(args: &[&str]) -> String {
    let o = esg().args(args).output().unwrap();
    assert!(
        o.status.success(),
        "esg {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

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
