//! The built-in `vsme-basic` guideline and what it needs from the engine: questions with
//! `references`, a package that includes files of another (the GHG inventory of `k-esg-sme`), the
//! shared vocabulary of the two built-ins, and the disclosure view of a firm's answers.

use std::path::Path;

use serde_json::Value;

use crate::common::{esg, root};

const EXPORTER: &str = "examples/vsme/exporter-60.toml";
const SERVICE: &str = "examples/vsme/service-12.toml";

/// Writes a package of `files` (name, text) into `dir`.
fn package(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// A header including `include`, one area and one indicator reading `q`.
fn head(include: &str, q: &str) -> String {
    format!(
        r#"[guideline]
id = "inc"
version = "1.0.0"
languages = ["ko", "en"]
title = {{ ko = "가져오기", en = "Include" }}
include = [{include}]

[[area]]
id = "A"
weight = 1
title = {{ ko = "영역", en = "Area" }}

[[grade]]
id = "G"
min = 0
title = {{ ko = "등급", en = "Grade" }}

[[indicator]]
id = "A-1"
area = "A"
title = {{ ko = "지표", en = "Indicator" }}
effort = "low"
recommendation = {{ ko = "답하십시오.", en = "Answer." }}
rule = {{ kind = "bands", expr = "if(answered({q}), 1, 0)" }}
level = [
  {{ points = 0, max = 1, text = {{ ko = "없음", en = "None" }} }},
  {{ points = 1, min = 1, text = {{ ko = "있음", en = "Some" }} }},
]
"#
    )
}

const SHARED: &str = r#"[[question]]
id = "energy"
kind = "number"
group = "E"
prompt = { ko = "에너지", en = "Energy" }
unit = { ko = "MWh", en = "MWh" }
references = { vsme = "B3 para 29(a)", xbrl = "TotalEnergyConsumption" }
"#;

/// `esg lint DIR --format json`: its findings.
fn lint_json(dir: &Path) -> Vec<Value> {
    let out = esg()
        .args(["lint", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut found = Vec::new();
    collect(&v, &mut found);
    found
}

/// Every object holding a `code` and a `line`, however the report nests them.
fn collect(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Object(o) => {
            if o.contains_key("code") && o.contains_key("line") {
                out.push(v.clone());
            }
            o.values().for_each(|x| collect(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        _ => {}
    }
}

#[test]
fn an_included_file_of_another_package_is_part_of_the_package() {
    let d = tempfile::tempdir().unwrap();
    package(
        d.path(),
        &[
            ("other/guideline.toml", &head("", "energy")),
            ("other/shared.toml", SHARED),
            (
                "inc/guideline.toml",
                &head(r#""../other/shared.toml""#, "energy"),
            ),
        ],
    );
    // "other" needs its area E for the group; the including package has none, and the group is
    // left out there rather than refused.
    let found = lint_json(&d.path().join("inc"));
    assert!(found.is_empty(), "{found:#?}");
    let out = esg()
        .args(["--lang", "en", "explain", "energy", "--guideline"])
        .arg(d.path().join("inc"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("references: VSME: B3 para 29(a) · XBRL: TotalEnergyConsumption"),
        "{text}"
    );
}

#[test]
fn a_problem_in_an_included_file_is_reported_in_that_file() {
    let d = tempfile::tempdir().unwrap();
    let broken = SHARED.replace("unit = ", "unit_typo = ");
    package(
        d.path(),
        &[
            ("other/shared.toml", &broken),
            (
                "inc/guideline.toml",
                &head(r#""../other/shared.toml""#, "energy"),
            ),
        ],
    );
    let found = lint_json(&d.path().join("inc"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["code"], "unknown-key");
    assert!(
        found[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("other/shared.toml"),
        "{found:#?}"
    );
    assert_eq!(found[0]["line"], 6);
}

#[test]
fn bad_includes_are_refused_at_their_entry() {
    let cases = [
        (r#""../other/missing.toml""#, "unknown-reference"),
        (r#""../other/notes.txt""#, "invalid-header"),
        (r#""../other/guideline.toml""#, "invalid-header"),
        (r#""a.toml""#, "dependency-cycle"),
        (r#""../inc/a.toml""#, "dependency-cycle"),
        (
            r#""../other/shared.toml", "../other/shared.toml""#,
            "dependency-cycle",
        ),
    ];
    for (include, code) in cases {
        let d = tempfile::tempdir().unwrap();
        package(
            d.path(),
            &[
                ("other/guideline.toml", &head("", "energy")),
                ("other/shared.toml", SHARED),
                ("other/notes.txt", "not toml"),
                ("inc/guideline.toml", &head(include, "x")),
                (
                    "inc/a.toml",
                    "[[question]]\nid = \"x\"\nkind = \"yes_no\"\nprompt = { ko = \"엑스\", en = \"X\" }\n",
                ),
            ],
        );
        let found = lint_json(&d.path().join("inc"));
        let hit = found
            .iter()
            .find(|f| f["code"] == code)
            .unwrap_or_else(|| panic!("{include}: no {code} in {found:#?}"));
        assert!(
            hit["file"].as_str().unwrap().ends_with("guideline.toml"),
            "{hit}"
        );
        assert_eq!(hit["line"], 6, "{include}: {hit}");
        assert!(hit["column"].as_u64().unwrap() > 10, "{hit}");
    }
}

#[test]
fn references_must_have_a_name_and_a_value() {
    let d = tempfile::tempdir().unwrap();
    let bad = SHARED.replace(
        r#"references = { vsme = "B3 para 29(a)", xbrl = "TotalEnergyConsumption" }"#,
        r#"references = { "VSME ref" = "B3", xbrl = "" }"#,
    );
    package(
        d.path(),
        &[(
            "p/guideline.toml",
            &format!(
                "{}\n{}",
                head("", "energy"),
                bad.replace("group = \"E\"\n", "")
            ),
        )],
    );
    let found = lint_json(&d.path().join("p"));
    let codes: Vec<&str> = found.iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["invalid-id", "invalid-value"], "{found:#?}");
}

/// The questions of a built-in by id.
fn questions(id: &str) -> esg::guideline::Guideline {
    esg::guideline::load_builtin(id).unwrap()
}

#[test]
fn ids_shared_by_the_two_builtins_mean_the_same() {
    let k = questions("k-esg-sme");
    let v = questions("vsme-basic");
    let mut shared = Vec::new();
    for q in &v.questions {
        let Some(i) = k.question_index(&q.id) else {
            continue;
        };
        let p = &k.questions[i];
        assert_eq!(p.kind, q.kind, "{}: kind", q.id);
        assert_eq!(p.unit, q.unit, "{}: unit", q.id);
        let opts = |q: &esg::guideline::Question| -> Vec<(String, esg::text::Text)> {
            q.options
                .iter()
                .map(|o| (o.id.clone(), o.text.clone()))
                .collect()
        };
        assert_eq!(opts(p), opts(q), "{}: options", q.id);
        shared.push(q.id.clone());
    }
    // The vocabulary of docs/vocabulary.md, at least: headcount, revenue, energy by carrier
    // (through the included inventory), accidents, pay.
    for id in [
        "employees",
        "revenue",
        "sector",
        "country",
        "electricity_kwh",
        "city_gas",
        "vehicle_diesel_l",
        "accidents",
        "avg_pay_women",
        "water_m3",
        "waste_t",
    ] {
        assert!(shared.iter().any(|s| s == id), "{id} is not shared");
    }
    let doc = std::fs::read_to_string(root().join("docs/vocabulary.md")).unwrap();
    for id in &shared {
        assert!(
            doc.contains(&format!("`{id}`")),
            "docs/vocabulary.md lacks {id}"
        );
    }
}

#[test]
fn the_same_bills_give_both_guidelines_the_same_inventory() {
    // The exporter's energy answers, read against k-esg-sme alone: the inventory is the same.
    let text = std::fs::read_to_string(root().join(EXPORTER)).unwrap();
    let keep = [
        "electricity_kwh",
        "has_manufacturing_site",
        "re_certified_kwh",
        "onsite_renewable_kwh",
        "city_gas",
        "city_gas_unit",
        "lpg",
        "diesel_l",
        "kerosene_l",
        "heavy_oil_l",
        "district_heat",
        "vehicle_diesel_l",
        "vehicle_gasoline_l",
        "vehicle_lpg_l",
        "country",
        "revenue",
    ];
    let answers: String = text
        .lines()
        .filter(|l| keep.iter().any(|k| l.starts_with(&format!("{k} = "))))
        .map(|l| format!("{l}\n"))
        .collect();
    let scope = |guideline: &str| -> (f64, f64, f64) {
        let file = format!(
            "[guideline]\nid = \"{guideline}\"\n[firm]\nname = \"x\"\nreporting_year = 2025\n[answers]\n{answers}"
        );
        let out = esg()
            .args(["score", "-", "--guideline", guideline, "--format", "json"])
            .write_stdin(file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let t = &v["ghg"];
        (
            t["scope1"].as_f64().unwrap(),
            t["scope2_location"].as_f64().unwrap(),
            t["energy_mwh"].as_f64().unwrap(),
        )
    };
    let k = scope("k-esg-sme");
    let v = scope("vsme-basic");
    assert_eq!(k, v);
    assert!(k.0 > 100.0 && k.1 > 500.0, "{k:?}");
}

fn disclosures(file: &str, lang: &str, format: &str) -> String {
    let out = esg()
        .args([
            "--lang",
            lang,
            "score",
            file,
            "--guideline",
            "vsme-basic",
            "--view",
            "disclosures",
            "--format",
            format,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn disclosure_reports_of_the_examples() {
    for (name, file) in [("exporter", EXPORTER), ("service", SERVICE)] {
        for lang in ["ko", "en"] {
            insta::assert_snapshot!(
                format!("vsme-disclosures-{name}-{lang}"),
                disclosures(file, lang, "markdown")
            );
        }
    }
}

#[test]
fn the_disclosure_json_is_keyed_by_datapoint_with_references_and_reasons() {
    let v: Value = serde_json::from_str(&disclosures(SERVICE, "en", "json")).unwrap();
    assert_disclosures_schema(&v);
    assert_eq!(v["view"], "disclosures");
    let d = &v["datapoints"];
    // A value as given, with its references (the XBRL element of EFRAG's template).
    assert_eq!(d["employees"]["value"].as_f64(), Some(12.0));
    assert_eq!(d["employees"]["status"], "given");
    assert_eq!(d["employees"]["references"]["xbrl"], "NumberOfEmployees");
    assert_eq!(d["employees"]["section"], "B1");
    // A disclosed-only datapoint appears.
    assert_eq!(d["sector"]["value"], "J");
    // Marked not applicable, with the firm's reason.
    assert_eq!(d["water_m3"]["status"], "not_applicable");
    assert!(
        d["water_m3"]["reason"]
            .as_str()
            .unwrap()
            .contains("공유 오피스")
    );
    // Not asked, with the guideline's reason.
    assert_eq!(d["employee_turnover_pct"]["status"], "not_asked");
    assert!(
        d["employee_turnover_pct"]["reason"]
            .as_str()
            .unwrap()
            .contains("fewer than 50")
    );
    // Unanswered.
    assert_eq!(d["waste_t"]["status"], "unanswered");
    // A figure computed from the answers, in the section of what it reads.
    assert_eq!(d["scope1_t"]["kind"], "figure");
    assert_eq!(d["scope1_t"]["section"], "B3");
    assert_eq!(
        d["scope2_location_t"]["references"]["xbrl"],
        "GrossLocationBasedScope2GreenhouseGasEmissions"
    );
    assert_eq!(d["temporary_employees"]["section"], "B8");
    // The inventory's questions sit with B3, though their file names another guideline's area.
    assert_eq!(d["city_gas"]["section"], "B3");
    let b3 = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "B3")
        .unwrap();
    assert!(
        b3["datapoints"]
            .as_array()
            .unwrap()
            .contains(&"electricity_kwh".into())
    );
}

#[test]
fn the_disclosure_view_takes_one_file_and_no_csv() {
    esg()
        .args(["score", SERVICE, "--view", "disclosures", "--format", "csv"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("CSV"));
    esg()
        .args(["score", SERVICE, EXPORTER, "--view", "disclosures"])
        .assert()
        .failure();
}

#[test]
fn the_disclosure_page_is_self_contained() {
    let html = disclosures(EXPORTER, "ko", "html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("style=\""), "no style attribute");
    assert!(!html.contains("<script"), "no script");
    assert!(html.contains("GrossScope1GreenhouseGasEmissions"));
    assert!(
        html.contains("답하지 않음"),
        "the unanswered datapoint is named"
    );
}

#[test]
fn one_file_gives_both_reports_from_answers_given_once() {
    let out = esg()
        .args([
            "--lang",
            "en",
            "score",
            EXPORTER,
            "--guideline",
            "k-esg-sme",
            "--guideline",
            "vsme-basic",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cards: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(cards.len(), 2);
    assert_eq!(cards[0]["guideline"]["id"], "k-esg-sme");
    assert_eq!(cards[1]["guideline"]["id"], "vsme-basic");
    // Both reports score, and the one set of bills gives both the same inventory.
    assert!(cards.iter().all(|c| c["total"].is_number()));
    assert_eq!(cards[0]["ghg"]["scope1"], cards[1]["ghg"]["scope1"]);
    assert_eq!(
        cards[0]["ghg"]["scope2_location"],
        cards[1]["ghg"]["scope2_location"]
    );
    // Both disclosure views, one after the other.
    let out = esg()
        .args([
            "score",
            EXPORTER,
            "--view",
            "disclosures",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let views: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(views.len(), 2);
    assert_disclosures_schema(&Value::Array(views.clone()));
    assert_eq!(
        views[1]["datapoints"]["employees"]["value"].as_f64(),
        Some(60.0)
    );
}

/// The disclosure page in headless Chromium: no console error, no request but the file itself,
/// no script; a screenshot is kept in `target/screenshots/` for people to look at.
#[test]
fn the_disclosure_page_in_a_browser() {
    let Some(browser) = crate::browser::Browser::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for (name, file) in [("exporter", EXPORTER), ("service", SERVICE)] {
        let path = dir.path().join(format!("vsme-{name}.html"));
        std::fs::write(&path, disclosures(file, "ko", "html")).unwrap();
        browser.open_file(&path);
        let url = format!("file://{}", path.canonicalize().unwrap().display());
        assert_eq!(browser.errors(), Vec::<String>::new(), "{name}");
        let requests = browser.requests();
        assert!(
            requests.iter().all(|r| *r == url),
            "{name}: requests other than the file itself: {requests:?}"
        );
        assert_eq!(
            browser.eval("return document.querySelectorAll('script, img').length"),
            0
        );
        // One table per area that has datapoints, B1 to B11 in order.
        let headings = browser.eval(
            "return Array.from(document.querySelectorAll('h2')).map(h => h.textContent.split(' ')[0]).join(',')",
        );
        assert!(
            headings.as_str().unwrap().starts_with("B1,B2,B3"),
            "{headings}"
        );
        browser.screenshot_page(&format!("vsme-disclosures-{name}"));
    }
}

/// Fails unless `json` is valid against `esg schema disclosures`.
fn assert_disclosures_schema(json: &Value) {
    let schema: Value = serde_json::from_slice(
        &esg()
            .args(["schema", "disclosures"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(json)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "not a valid disclosures view:\n{}",
        errors.join("\n")
    );
    // The schema can fail: a datapoint with a status it does not know is refused.
    let mut wrong = json.clone();
    let first = match &mut wrong {
        Value::Array(a) => &mut a[0],
        v => v,
    };
    let id = first["datapoints"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    first["datapoints"][&id]["status"] = Value::from("maybe");
    assert!(!validator.is_valid(&wrong));
}
