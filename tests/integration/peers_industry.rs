//! The "compared with the industry" questions answered from a benchmark
//! (`esg score FILE --benchmark B`), the figures a benchmark holds for them, and the peers in CSV.

use std::path::Path;

use crate::common::{MINI, WORKED, esg, out, scorecard_json};

/// The generated portfolio (`examples/gen_portfolio.rs --firms 40 --seed 17`).
const PORTFOLIO: &str = "tests/fixtures/progress/portfolio";
/// A firm of sector N (six firms in the portfolio, every figure given by all of them).
const FIRM_N: &str = "tests/fixtures/progress/portfolio/firm-000002.toml";
/// A firm of sector G (five firms, of which fewer than five give water use).
const FIRM_G: &str = "tests/fixtures/progress/portfolio/firm-000000.toml";

const COMPARED: [&str; 10] = [
    "materials",
    "recycled_input",
    "ghg",
    "energy",
    "renewable",
    "water",
    "water_reuse",
    "waste",
    "waste_recycling",
    "turnover",
];

/// A benchmark of the portfolio in `dir`, checked against `esg schema benchmark`.
fn benchmark(dir: &Path) -> (String, serde_json::Value) {
    let path = dir.join("benchmark.json");
    esg()
        .args([
            "score",
            PORTFOLIO,
            "-q",
            "--format",
            "csv",
            "--benchmark-out",
        ])
        .arg(&path)
        .assert()
        .success();
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&esg::schema::benchmark()).unwrap();
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "not a valid benchmark: {errors:?}");
    (path.to_str().unwrap().to_owned(), v)
}

/// A copy of `firm` in `dir` with each compared question answered as `answer` gives (`None`:
/// the line removed, the question left unanswered).
fn firm_copy(
    dir: &Path,
    firm: &str,
    name: &str,
    answer: impl Fn(&str) -> Option<String>,
) -> String {
    let text = std::fs::read_to_string(crate::common::root().join(firm)).unwrap();
    let mut lines = Vec::new();
    for line in text.lines() {
        let key = line.split(" = ").next().unwrap_or("");
        let compared = key
            .strip_suffix("_vs_industry")
            .is_some_and(|q| COMPARED.contains(&q));
        if compared {
            if let Some(a) = answer(key) {
                lines.push(format!("{key} = \"{a}\""));
            }
        } else {
            lines.push(line.to_owned());
        }
    }
    let path = dir.join(name);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path.to_str().unwrap().to_owned()
}

fn score_json(firm: &str, bench: Option<&str>) -> serde_json::Value {
    let mut args = vec!["score", firm, "--format", "json", "--lang", "en"];
    if let Some(b) = bench {
        args.extend(["--benchmark", b]);
    }
    scorecard_json(&out(&args))
}

fn points(card: &serde_json::Value, indicator: &str) -> f64 {
    card["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == indicator)
        .unwrap()["points"]
        .as_f64()
        .unwrap()
}

fn from_benchmark(card: &serde_json::Value) -> &Vec<serde_json::Value> {
    card["peers"]["from_benchmark"].as_array().unwrap()
}

fn item<'a>(card: &'a serde_json::Value, question: &str) -> Option<&'a serde_json::Value> {
    from_benchmark(card)
        .iter()
        .find(|i| i["question"] == question)
}

#[test]
fn a_benchmark_holds_each_compared_figure_only_from_five_firms() {
    let dir = tempfile::tempdir().unwrap();
    let (_, bench) = benchmark(dir.path());
    let names: Vec<&str> = bench["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["question"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = COMPARED
        .iter()
        .map(|q| format!("{q}_vs_industry"))
        .collect();
    assert_eq!(names, expected);
    let mut absent = 0;
    for c in bench["cells"].as_array().unwrap() {
        if c["suppressed"].as_bool().unwrap() {
            assert!(c["figures"].as_array().unwrap().is_empty(), "{c}");
            continue;
        }
        for f in c["figures"].as_array().unwrap() {
            match f["quartiles"].as_object() {
                Some(q) => assert!(q["n"].as_u64().unwrap() >= 5, "{c}"),
                None => absent += 1,
            }
        }
    }
    assert!(
        absent > 0,
        "some figure of some cell has fewer than five firms"
    );
    // Sector G: water use of fewer than five firms, so no quartiles of it.
    let g = bench["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["sector"] == "G" && c["size_band"].is_null())
        .unwrap();
    let water = g["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["question"] == "water_vs_industry")
        .unwrap();
    assert!(water["quartiles"].is_null(), "{g}");
}

#[test]
fn questions_left_open_are_answered_from_the_firm_s_figures_and_bring_their_points() {
    let dir = tempfile::tempdir().unwrap();
    let (bench_path, bench) = benchmark(dir.path());
    // GHG left unanswered, the others "don't know".
    let firm = firm_copy(dir.path(), FIRM_N, "open.toml", |key| {
        (key != "ghg_vs_industry").then(|| "unknown".to_owned())
    });
    let before = score_json(&firm, None);
    let after = score_json(&firm, Some(&bench_path));
    assert!(before.get("peers").is_none());
    assert_eq!(after["peers"]["benchmark"], bench_path.as_str());
    let items = from_benchmark(&after);
    assert!(items.len() >= 5, "{items:?}");
    let lower: std::collections::HashMap<&str, bool> = bench["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["question"].as_str().unwrap(),
                f["lower_is_better"].as_bool().unwrap(),
            )
        })
        .collect();
    for i in items {
        // Answered from the firm's sector, by the rule: better than the first quartile on the
        // good side, beyond the third on the bad side, else similar.
        assert_eq!(i["sector"], "N", "{i}");
        assert!(i["not_answered"].is_null(), "{i}");
        let q = &i["quartiles"];
        assert!(q["n"].as_u64().unwrap() >= 5);
        let (v, q1, q3) = (
            i["value"].as_f64().unwrap(),
            q["q1"].as_f64().unwrap(),
            q["q3"].as_f64().unwrap(),
        );
        let low = lower[i["question"].as_str().unwrap()];
        let expected = match (low, v < q1, v > q3) {
            (true, true, _) | (false, _, true) => "better",
            (true, _, true) | (false, true, _) => "worse",
            _ => "similar",
        };
        assert_eq!(i["comparison"], expected, "{i}");
        assert_eq!(i["answer"], expected, "{i}");
    }
    // The GHG intensity (left unanswered) is below the sector's first quartile: "better", one
    // point more than the middle value the question is given unanswered. Water use is beyond
    // the third quartile: "worse", one point less than "don't know".
    assert_eq!(item(&after, "ghg_vs_industry").unwrap()["answer"], "better");
    let ghg = |card: &serde_json::Value| {
        card["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "E-3-1")
            .unwrap()["points"]
            .as_f64()
    };
    assert_eq!(ghg(&before), None, "unanswered, E-3-1 is not scored");
    assert!(ghg(&after).is_some(), "answered by the benchmark, it is");
    assert_eq!(
        item(&after, "water_vs_industry").unwrap()["answer"],
        "worse"
    );
    assert_eq!(points(&after, "E-5-1"), points(&before, "E-5-1") - 1.0);
    assert_ne!(after["total"], before["total"]);
    // A question whose indicator does not apply (materials, for a firm without a factory) is
    // left alone.
    assert!(item(&after, "materials_vs_industry").is_none());
}

#[test]
fn the_firm_s_own_answer_stays() {
    let dir = tempfile::tempdir().unwrap();
    let (bench_path, _) = benchmark(dir.path());
    // The GHG intensity is better than the sector's, but the firm says "worse".
    let firm = firm_copy(dir.path(), FIRM_N, "own.toml", |key| {
        Some(
            if key == "ghg_vs_industry" {
                "worse"
            } else {
                "unknown"
            }
            .to_owned(),
        )
    });
    let before = score_json(&firm, None);
    let after = score_json(&firm, Some(&bench_path));
    assert!(item(&after, "ghg_vs_industry").is_none());
    assert!(item(&after, "water_vs_industry").is_some());
    assert_eq!(points(&after, "E-3-1"), points(&before, "E-3-1"));
}

#[test]
fn a_sector_with_too_few_firms_leaves_the_question_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let (bench_path, _) = benchmark(dir.path());
    let firm = firm_copy(dir.path(), FIRM_G, "g.toml", |_| Some("unknown".to_owned()));
    let before = score_json(&firm, None);
    let after = score_json(&firm, Some(&bench_path));
    let water = item(&after, "water_vs_industry").unwrap();
    assert_eq!(water["not_answered"], "too_few_firms");
    assert!(water["answer"].is_null() && water["quartiles"].is_null());
    assert_eq!(points(&after, "E-5-1"), points(&before, "E-5-1"));
    let words = |lang: &str| {
        out(&[
            "score",
            &firm,
            "--benchmark",
            &bench_path,
            "--format",
            "markdown",
            "--lang",
            lang,
        ])
    };
    let en = words("en");
    assert!(
        en.contains("not answered: fewer than 5 firms have the figure"),
        "{en}"
    );
    let ko = words("ko");
    assert!(
        ko.contains("답하지 않음: 그 수치를 낸 회사가 5곳보다 적음"),
        "{ko}"
    );
}

#[test]
fn a_benchmark_without_figures_answers_nothing_and_still_compares() {
    let dir = tempfile::tempdir().unwrap();
    let (bench_path, mut bench) = benchmark(dir.path());
    // A benchmark file of before the figures: no `figures`, in the file or its cells.
    bench.as_object_mut().unwrap().remove("figures");
    for c in bench["cells"].as_array_mut().unwrap() {
        c.as_object_mut().unwrap().remove("figures");
    }
    let old = dir.path().join("old.json");
    std::fs::write(&old, serde_json::to_string(&bench).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&esg::schema::benchmark()).unwrap();
    assert!(validator.is_valid(&bench), "an older benchmark stays valid");
    let firm = firm_copy(dir.path(), FIRM_N, "open.toml", |_| {
        Some("unknown".to_owned())
    });
    let before = score_json(&firm, None);
    let card = score_json(&firm, Some(old.to_str().unwrap()));
    assert!(from_benchmark(&card).is_empty());
    assert!(!card["peers"]["standings"].as_array().unwrap().is_empty());
    assert_eq!(card["total"], before["total"]);
    // The new one does answer.
    assert!(!from_benchmark(&score_json(&firm, Some(&bench_path))).is_empty());
}

#[test]
fn every_format_says_what_the_benchmark_answered() {
    let dir = tempfile::tempdir().unwrap();
    let (bench_path, _) = benchmark(dir.path());
    let firm = firm_copy(dir.path(), FIRM_N, "open.toml", |_| {
        Some("unknown".to_owned())
    });
    let card = score_json(&firm, Some(&bench_path));
    let items = from_benchmark(&card);
    assert!(!items.is_empty());
    for format in ["table", "markdown", "html"] {
        let text = out(&[
            "score",
            &firm,
            "--benchmark",
            &bench_path,
            "--format",
            format,
            "--lang",
            "en",
        ]);
        let at = text
            .find("Industry comparisons answered from the benchmark")
            .unwrap_or_else(|| panic!("{format}:\n{text}"));
        let part = &text[at..];
        assert!(
            part.contains("benchmark.json"),
            "{format} names the benchmark"
        );
        // Each answer in words (the terminal wraps its cells: checked in the others).
        if format != "table" {
            let shown = part.replace(['(', ')', '\\'], "");
            for i in items {
                let words = i["answer_text"].as_str().unwrap().replace(['(', ')'], "");
                assert!(shown.contains(&words), "{format} lacks {words}:\n{part}");
            }
        }
        assert!(part.contains("sector N"), "{format}:\n{part}");
    }
    // CSV: one row per question the benchmark answered, with the comparison in `status`.
    let csv = out(&[
        "score",
        &firm,
        "--benchmark",
        &bench_path,
        "--format",
        "csv",
        "--lang",
        "en",
    ]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let answered: Vec<(String, String)> = rows
        .iter()
        .filter(|r| &r[0] == "from_benchmark")
        .map(|r| (r[col("id")].to_owned(), r[col("status")].to_owned()))
        .collect();
    let expected: Vec<(String, String)> = items
        .iter()
        .map(|i| {
            (
                i["question"].as_str().unwrap().to_owned(),
                i["comparison"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(answered, expected);
    // In Korean, words an owner reads: no question id.
    let ko = out(&["score", &firm, "--benchmark", &bench_path, "--lang", "ko"]);
    let at = ko.find("업종 비교 질문: 벤치마크로 답함").unwrap();
    assert!(!ko[at..].contains("_vs_industry"), "{}", &ko[at..]);
    // Without a benchmark, nothing of it.
    let plain = out(&["score", &firm, "--lang", "en"]);
    assert!(!plain.contains("answered from the benchmark"));
    // The disclosures view shows what the firm disclosed, not what a benchmark answered.
    let disclosed: serde_json::Value = serde_json::from_str(&out(&[
        "score",
        &firm,
        "--benchmark",
        &bench_path,
        "--view",
        "disclosures",
        "--format",
        "json",
        "--lang",
        "en",
    ]))
    .unwrap();
    let text = disclosed.to_string();
    let at = text.find("\"ghg_vs_industry\":{").unwrap();
    assert!(
        text[at..].starts_with("\"ghg_vs_industry\":{\"answer\":\"Don't know\""),
        "{}",
        &text[at..at + 80]
    );
}

#[test]
fn the_peers_are_in_csv_too() {
    let dir = tempfile::tempdir().unwrap();
    let (bench_path, _) = benchmark(dir.path());
    let card = score_json(FIRM_N, Some(&bench_path));
    let csv = out(&[
        "score",
        FIRM_N,
        "--benchmark",
        &bench_path,
        "--format",
        "csv",
        "--lang",
        "en",
    ]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let peers: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[0] == "peers").collect();
    // A row naming the benchmark and the peers, then one per figure with the firm's value.
    assert!(peers[0][col("explanation")].contains("benchmark.json"));
    assert!(peers[0][col("explanation")].contains("firms"));
    let standings = card["peers"]["standings"].as_array().unwrap();
    assert_eq!(peers.len(), standings.len() + 1);
    for (row, s) in peers[1..].iter().zip(standings) {
        assert_eq!(&row[col("id")], s["what"].as_str().unwrap());
        let value: f64 = row[col("value")].parse().unwrap();
        assert!((value - s["value"].as_f64().unwrap()).abs() < 1e-3);
        let p = format!("{:.0}", s["percentile"].as_f64().unwrap());
        assert!(row[col("explanation")].ends_with(&p), "{row:?}");
    }
    // The report's own rows come first, each row has every column.
    assert_eq!(&rows[0][0], "summary");
    assert!(rows.iter().all(|r| r.len() == header.len()));
}

/// A copy of the small test guideline whose choice question `targets` carries `compare`.
fn guideline_with(dir: &Path, compare: &str) -> String {
    let g = dir.join("g");
    std::fs::create_dir_all(&g).unwrap();
    let text =
        std::fs::read_to_string(crate::common::root().join(MINI).join("guideline.toml")).unwrap();
    let prompt = "prompt = { ko = \"환경 목표가 있습니까?\", en = \"Does the firm have environmental targets?\" }\n";
    assert!(text.contains(prompt));
    let text = text.replacen(prompt, &format!("{prompt}compare = {compare}\n"), 1);
    std::fs::write(g.join("guideline.toml"), text).unwrap();
    g.to_str().unwrap().to_owned()
}

fn lint_errors(guideline: &str, lang: &str) -> String {
    let o = esg()
        .args(["--lang", lang, "lint", "--guideline", guideline, WORKED])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    String::from_utf8(o.stderr).unwrap()
}

#[test]
fn the_guideline_check_proves_the_compared_figure_and_options() {
    let dir = tempfile::tempdir().unwrap();
    // A figure that does not exist.
    let g = guideline_with(
        dir.path(),
        r#"{ figure = "nosuch / 2", better = "lower", options = { worse = "none", similar = "short", better = "long" } }"#,
    );
    let en = lint_errors(&g, "en");
    assert!(
        en.contains("guideline.toml:53:23") && en.contains("unknown name `nosuch`"),
        "{en}"
    );
    assert!(lint_errors(&g, "ko").contains("모르는 이름 `nosuch`"));
    // A figure that is not a number.
    let g = guideline_with(
        dir.path(),
        r#"{ figure = "has_board", better = "lower", options = { worse = "none", similar = "short", better = "long" } }"#,
    );
    let en = lint_errors(&g, "en");
    assert!(en.contains("where a number is needed"), "{en}");
    // An option the question does not have, named and by default.
    let g = guideline_with(
        dir.path(),
        r#"{ figure = "2", better = "higher", options = { worse = "none", better = "best" } }"#,
    );
    let en = lint_errors(&g, "en");
    assert!(en.contains("the question has no option `best`"), "{en}");
    assert!(
        en.contains("the question has no option `similar`; name the option that means it"),
        "{en}"
    );
    let ko = lint_errors(&g, "ko");
    assert!(ko.contains("질문에 `best` 선택지가 없습니다"), "{ko}");
    // A well-formed key passes.
    let g = guideline_with(
        dir.path(),
        r#"{ figure = "2", better = "higher", options = { worse = "none", similar = "short", better = "long" } }"#,
    );
    esg()
        .args(["lint", "--guideline", &g, WORKED])
        .assert()
        .code(predicates::function::function(|c: &i32| *c != 2));
}
