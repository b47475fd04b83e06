//! Numbers at the edges and the consistency of data: bounded guideline numbers, no NaN or infinity
//! in any report, overflow told apart from division by zero, grades and `--fail-under` that follow
//! the total as shown, the same numbers whichever path scores a file, one trend for the rule and the
//! function, series years written once and not after the reporting year, a template nobody filled
//! in that earns nothing, and the `[guideline] id` of an answers file.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use esg::answers::Answers;
use esg::error::Error;
use esg::guideline::Guideline;
use esg::score::{Options, score, summarize};
use esg::scorecard::{Scorecard, Status, Unanswered};
use esg::source::{Diagnostic, Severity, Source};
use esg::text::Lang;
use proptest::prelude::*;

use crate::common::{MINI, WORKED, esg, root};

// ---------------------------------------------------------------------------------------------
// Helpers

/// Loads a one-file guideline package from its text.
fn load(text: &str) -> Result<Guideline, Vec<Diagnostic>> {
    match esg::guideline::load_sources(vec![Source::new("g/guideline.toml", text)], "test") {
        Ok((g, _)) => Ok(g),
        Err(Error::Invalid(d)) => Err(d),
        Err(e) => panic!("{e}"),
    }
}

fn parse(g: &Guideline, text: &str) -> Result<Answers, Vec<Diagnostic>> {
    match esg::answers::parse(&Source::new("a.toml", text), g) {
        Ok(a) => Ok(a),
        Err(Error::Invalid(d)) => Err(d),
        Err(e) => panic!("{e}"),
    }
}

fn card(g: &Guideline, text: &str, unanswered: Unanswered) -> Scorecard {
    let a = parse(g, text).unwrap_or_else(|d| panic!("{d:#?}\n{text}"));
    score(g, &a, Options { unanswered })
}

fn builtin() -> &'static Guideline {
    static G: OnceLock<Guideline> = OnceLock::new();
    G.get_or_init(|| esg::guideline::load_builtin("k-esg-sme").unwrap())
}

fn mini_text() -> String {
    std::fs::read_to_string(root().join(MINI).join("guideline.toml")).unwrap()
}

/// 1-based line and column of the first `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in the text"));
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, column)
}

/// Writes files into a new temporary directory.
fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every number of a scorecard, with where it is.
fn numbers(c: &Scorecard) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    let mut put = |name: String, v: Option<f64>| {
        if let Some(v) = v {
            out.push((name, v));
        }
    };
    put("total".into(), c.total);
    put("completeness".into(), c.completeness.ratio);
    for a in &c.areas {
        put(format!("area {}", a.id), a.score);
        put(format!("area {} weight", a.id), Some(a.weight));
        put(format!("area {} completeness", a.id), a.completeness.ratio);
    }
    for i in &c.indicators {
        put(format!("{} score", i.id), i.score);
        put(format!("{} gain", i.id), Some(i.gain));
        put(format!("{} points", i.id), i.points);
        put(format!("{} max", i.id), Some(i.max_points));
        put(format!("{} weight", i.id), Some(i.weight));
    }
    for g in &c.gaps {
        put(format!("gap {}", g.indicator), Some(g.gain));
    }
    for m in &c.metrics {
        put(format!("metric {}", m.id), m.value);
    }
    if let Some(inv) = &c.ghg {
        for s in &inv.sources {
            put(format!("{} activity", s.id), Some(s.activity));
            put(format!("{} factor", s.id), Some(s.factor));
            put(format!("{} tco2e", s.id), Some(s.tco2e));
            put(format!("{} market", s.id), Some(s.market_tco2e));
            put(format!("{} energy", s.id), s.energy_mwh);
            put(format!("{} renewable", s.id), s.renewable_mwh);
        }
        for (name, v) in [
            ("scope1", inv.scope1),
            ("scope2_location", inv.scope2_location),
            ("scope2_market", inv.scope2_market),
            ("total_location", inv.total_location),
            ("total_market", inv.total_market),
            ("energy", inv.energy_mwh),
            ("renewable", inv.renewable_mwh),
            ("renewable_share", inv.renewable_share),
            ("intensity", inv.intensity.as_ref().and_then(|m| m.value)),
        ] {
            put(name.into(), v);
        }
    }
    out
}

/// Every number of a scorecard is finite, scores and gains are within 0 to 100, and the gains
/// add up to what the total lacks.
fn assert_sane(c: &Scorecard, context: &str) {
    for (name, v) in numbers(c) {
        assert!(v.is_finite(), "{name} = {v}\n{context}");
    }
    let pct = |v: f64| (-1e-9..=100.0 + 1e-9).contains(&v);
    if let Some(t) = c.total {
        assert!(pct(t), "total {t}\n{context}");
        let gains: f64 = c.indicators.iter().map(|i| i.gain).sum();
        assert!(
            (gains - (100.0 - t)).abs() < 1e-6,
            "gains {gains} vs 100 - {t}\n{context}"
        );
    }
    for a in &c.areas {
        assert!(a.score.is_none_or(pct), "area {}\n{context}", a.id);
    }
    for i in &c.indicators {
        assert!(i.score.is_none_or(|s| (0.0..=1.0).contains(&s)), "{}", i.id);
        assert!(pct(i.gain), "{} gain {}\n{context}", i.id, i.gain);
    }
}

// ---------------------------------------------------------------------------------------------
// 1. Numbers in a guideline are finite and bounded, checked when it is loaded

/// The factor table appended to the mini guideline to check factors.
const TABLE: &str = r#"
[[factor_table]]
id = "t"
title = { ko = "표", en = "Table" }
source = "test"
year = 2024
[factor_table.values]
k = 1.5
"#;

#[test]
fn every_number_of_a_guideline_out_of_bounds_is_an_error_at_its_place() {
    let text = format!("{}{TABLE}", mini_text());
    // (the text to change, what it becomes, the value's place in it, the rule)
    let cases: &[(&str, &str, &str, &str)] = &[
        // Area weights.
        (
            "id = \"E\"\nweight = 2",
            "id = \"E\"\nweight = 1e300",
            "1e300",
            "invalid-value",
        ),
        (
            "id = \"E\"\nweight = 2",
            "id = \"E\"\nweight = inf",
            "inf",
            "invalid-value",
        ),
        (
            "id = \"E\"\nweight = 2",
            "id = \"E\"\nweight = nan",
            "nan",
            "invalid-value",
        ),
        (
            "id = \"E\"\nweight = 2",
            "id = \"E\"\nweight = 1e-9",
            "1e-9",
            "invalid-value",
        ),
        (
            "id = \"E\"\nweight = 2",
            "id = \"E\"\nweight = 1000001",
            "1000001",
            "invalid-value",
        ),
        (
            "id = \"E\"\nweight = 2",
            "id = \"E\"\nweight = -inf",
            "-inf",
            "non-positive-weight",
        ),
        (
            "id = \"E\"\nweight = 2",
            "id = \"E\"\nweight = 0",
            "0",
            "non-positive-weight",
        ),
        // Indicator weights.
        (
            "area = \"E\"\nweight = 2",
            "area = \"E\"\nweight = 1.7e308",
            "1.7e308",
            "invalid-value",
        ),
        (
            "area = \"E\"\nweight = 2",
            "area = \"E\"\nweight = +inf",
            "+inf",
            "invalid-value",
        ),
        // Points.
        (
            "{ points = 2, options = [\"long\"]",
            "{ points = 1e7, options = [\"long\"]",
            "1e7",
            "invalid-value",
        ),
        (
            "{ points = 2, options = [\"long\"]",
            "{ points = inf, options = [\"long\"]",
            "inf",
            "invalid-value",
        ),
        (
            "{ points = 2, options = [\"long\"]",
            "{ points = nan, options = [\"long\"]",
            "nan",
            "invalid-value",
        ),
        // Band bounds.
        (
            "{ points = 0, min = 20,",
            "{ points = 0, min = nan,",
            "nan",
            "invalid-value",
        ),
        (
            "{ points = 0, min = 20,",
            "{ points = 0, min = 1e16,",
            "1e16",
            "invalid-value",
        ),
        (
            "{ points = 0, max = -2,",
            "{ points = 0, max = -inf,",
            "-inf",
            "invalid-value",
        ),
        // Grade minimums.
        ("min = 80", "min = nan", "nan", "invalid-value"),
        ("min = 80", "min = inf", "inf", "invalid-value"),
        // Question bounds.
        ("max = 100", "max = 1e300", "1e300", "invalid-value"),
        ("max = 100", "max = inf", "inf", "invalid-value"),
        // Option values.
        (
            "{ id = \"none\", text = { ko = \"없음\", en = \"None\" } }",
            "{ id = \"none\", text = { ko = \"없음\", en = \"None\" }, value = -1e20 }",
            "-1e20",
            "invalid-value",
        ),
        (
            "{ id = \"none\", text = { ko = \"없음\", en = \"None\" } }",
            "{ id = \"none\", text = { ko = \"없음\", en = \"None\" }, value = nan }",
            "nan",
            "invalid-value",
        ),
        // Factors.
        ("k = 1.5", "k = 1e300", "1e300", "invalid-value"),
        ("k = 1.5", "k = -inf", "-inf", "invalid-value"),
    ];
    assert!(load(&text).is_ok(), "the unchanged text loads");
    for (from, to, value, rule) in cases {
        assert!(text.contains(from), "{from}");
        let changed = text.replacen(from, to, 1);
        let at = changed.find(to).unwrap() + to.find(value).unwrap();
        let (line, column) = position(&changed, &changed[at..]);
        let diags = load(&changed).expect_err(to);
        assert!(
            diags.iter().any(|d| d.code == *rule
                && d.severity == Severity::Error
                && (d.line, d.column) == (line, column)),
            "{to}: expected {rule} at {line}:{column}, got {diags:#?}"
        );
    }
    // A number written in an expression is bounded too.
    let huge = format!("expr = \"turnover * 1{}\"", "0".repeat(400));
    let changed = text.replacen("expr = \"turnover\"", &huge, 1);
    let diags = load(&changed).unwrap_err();
    let (line, _) = position(&changed, &huge);
    assert!(
        diags.iter().any(|d| d.code == "expression-syntax"
            && d.line == line
            && d.message.en.contains("too large")),
        "{diags:#?}"
    );
}

#[test]
fn numbers_at_the_bounds_load_and_score_to_finite_totals() {
    let text = mini_text()
        .replacen("id = \"E\"\nweight = 2", "id = \"E\"\nweight = 1000000", 1)
        .replacen("id = \"S\"\nweight = 1", "id = \"S\"\nweight = 0.000001", 1)
        .replacen("area = \"E\"\nweight = 2", "area = \"E\"\nweight = 1e6", 1)
        .replacen(
            "{ points = 2, options = [\"long\"]",
            "{ points = 1e6, options = [\"long\"]",
            1,
        )
        .replacen("max = 100", "max = 1e15", 1);
    let g = load(&text).unwrap_or_else(|d| panic!("{d:#?}"));
    let worked = std::fs::read_to_string(root().join(WORKED)).unwrap();
    for policy in [Unanswered::Zero, Unanswered::Exclude] {
        let c = card(
            &g,
            &worked.replace("turnover = 15", "turnover = 1e15"),
            policy,
        );
        assert!(c.total.is_some());
        assert_sane(&c, "bounds");
    }
}

#[test]
fn weights_near_the_float_limit_stop_the_run_instead_of_passing_fail_under() {
    let text = mini_text()
        .replacen("id = \"E\"\nweight = 2", "id = \"E\"\nweight = 1.7e308", 1)
        .replacen("id = \"S\"\nweight = 1", "id = \"S\"\nweight = 1.7e308", 1);
    let dir = dir_with(&[("g/guideline.toml", &text)]);
    let (line, column) = position(&text, "1.7e308");
    let g = dir.path().join("g");
    let out = esg()
        .args(["score", "--fail-under", "50", "--guideline"])
        .arg(&g)
        .arg(WORKED)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("guideline.toml:{line}:{column}")),
        "{err}"
    );
    assert!(err.contains("invalid-value"), "{err}");
    assert!(stdout(&out).is_empty());
}

/// Numbers at the edges of what a guideline allows or an answer can hold.
const EXTREMES: [f64; 12] = [
    0.0,
    -0.0,
    5e-324,
    1e-300,
    0.5,
    -3.25,
    1e15,
    -1e15,
    1e300,
    -1e300,
    f64::MAX,
    f64::MIN,
];

/// A weight within the bounds: the smallest, the largest, or in between.
fn weight() -> impl Strategy<Value = f64> {
    prop_oneof![
        prop::sample::select(vec![1e-6, 1e6, 1.0, 0.1, 999_999.9]),
        1e-6..1e6f64,
    ]
}

fn extreme() -> impl Strategy<Value = f64> {
    prop_oneof![prop::sample::select(EXTREMES.to_vec()), -1e9..1e9f64]
}

/// A float as TOML writes it.
fn toml_num(x: f64) -> String {
    let s = format!("{x:?}");
    if s.contains(['.', 'e', 'n', 'i']) {
        s
    } else {
        format!("{s}.0")
    }
}

#[derive(Debug, Clone)]
struct Extreme {
    area_weights: [f64; 2],
    weights: [f64; 7],
    points: [f64; 7],
    bounds: [f64; 7],
    values: [f64; 2],
    grade: f64,
}

fn extreme_guideline() -> impl Strategy<Value = Extreme> {
    (
        [weight(), weight()],
        [
            weight(),
            weight(),
            weight(),
            weight(),
            weight(),
            weight(),
            weight(),
        ],
        prop::array::uniform7(prop::sample::select(vec![5e-324, 1e-300, 1.0, 1e6, 0.5])),
        prop::array::uniform7(prop_oneof![
            prop::sample::select(vec![-1e15, 0.0, 1e15, 5e-324]),
            -1e15..1e15f64
        ]),
        [
            prop_oneof![prop::sample::select(vec![-1e15, 1e15, 0.0]), -1e15..1e15f64],
            prop_oneof![prop::sample::select(vec![-1e15, 1e15, 0.0]), -1e15..1e15f64],
        ],
        0.0..=100.0f64,
    )
        .prop_map(
            |(area_weights, weights, points, bounds, values, grade)| Extreme {
                area_weights,
                weights,
                points,
                bounds,
                values,
                grade,
            },
        )
}

impl Extreme {
    fn text(&self) -> String {
        let exprs = [
            "n * m",
            "n / m + value(c)",
            "average(s) * latest(r)",
            "",
            "trend(s, r) + k + j",
            "default(n, 0) - m * 1000000000000000",
            "",
        ];
        let mut t = format!(
            r#"[guideline]
id = "edges"
version = "1.0.0"
languages = ["en"]
title = {{ en = "Edges" }}

[[area]]
id = "A"
weight = {}
title = {{ en = "A" }}

[[area]]
id = "B"
weight = {}
title = {{ en = "B" }}

[[grade]]
id = "H"
min = {}
title = {{ en = "High" }}

[[grade]]
id = "L"
min = 0
title = {{ en = "Low" }}

[[question]]
id = "n"
kind = "number"
prompt = {{ en = "n" }}

[[question]]
id = "m"
kind = "number"
prompt = {{ en = "m" }}

[[question]]
id = "s"
kind = "series"
prompt = {{ en = "s" }}

[[question]]
id = "r"
kind = "series"
prompt = {{ en = "r" }}

[[question]]
id = "c"
kind = "choice"
prompt = {{ en = "c" }}
options = [
  {{ id = "x", text = {{ en = "x" }}, value = {} }},
  {{ id = "y", text = {{ en = "y" }}, value = {} }},
]

[[metric]]
id = "k"
title = {{ en = "k" }}
formula = "n * m * 1000000000000000"

[[metric]]
id = "j"
title = {{ en = "j" }}
formula = "k / n"
"#,
            toml_num(self.area_weights[0]),
            toml_num(self.area_weights[1]),
            toml_num(self.grade),
            toml_num(self.values[0]),
            toml_num(self.values[1]),
        );
        for (i, expr) in exprs.iter().enumerate() {
            let rule = match i {
                3 => {
                    r#"{ kind = "trend", question = "s", per = "r", better = "lower" }"#.to_owned()
                }
                6 => r#"{ kind = "choice", question = "c" }"#.to_owned(),
                _ => format!(r#"{{ kind = "bands", expr = "{expr}" }}"#),
            };
            let (low, high) = match i {
                6 => (
                    r#"options = ["x"]"#.to_owned(),
                    r#"options = ["y"]"#.to_owned(),
                ),
                _ => (
                    format!("max = {}", toml_num(self.bounds[i])),
                    format!("min = {}", toml_num(self.bounds[i])),
                ),
            };
            t.push_str(&format!(
                r#"
[[indicator]]
id = "I-{i}"
area = "{}"
weight = {}
title = {{ en = "I{i}" }}
effort = "low"
recommendation = {{ en = "Do better." }}
rule = {rule}
level = [
  {{ points = 0, {low}, text = {{ en = "low" }} }},
  {{ points = {}, {high}, text = {{ en = "high" }} }},
]
"#,
                if i % 2 == 0 { "A" } else { "B" },
                toml_num(self.weights[i]),
                toml_num(self.points[i]),
            ));
        }
        t
    }
}

#[derive(Debug, Clone)]
struct ExtremeAnswers {
    n: Option<f64>,
    m: Option<f64>,
    s: Vec<(i32, f64)>,
    r: Vec<(i32, f64)>,
    c: Option<bool>,
    year: Option<i32>,
}

fn series() -> impl Strategy<Value = Vec<(i32, f64)>> {
    prop::collection::btree_map(2020..=2026i32, extreme(), 0..5)
        .prop_map(|m| m.into_iter().collect())
}

fn extreme_answers() -> impl Strategy<Value = ExtremeAnswers> {
    (
        prop::option::weighted(0.9, extreme()),
        prop::option::weighted(0.9, extreme()),
        series(),
        series(),
        prop::option::of(any::<bool>()),
        prop::option::of(2022..=2026i32),
    )
        .prop_map(|(n, m, s, r, c, year)| ExtremeAnswers {
            n,
            m,
            s,
            r,
            c,
            year,
        })
}

impl ExtremeAnswers {
    fn text(&self) -> String {
        let mut t = String::from("[guideline]\nid = \"edges\"\n\n[firm]\nname = \"Edge Ltd\"\n");
        if let Some(y) = self.year {
            t.push_str(&format!("reporting_year = {y}\n"));
        }
        t.push_str("\n[answers]\n");
        for (id, v) in [("n", self.n), ("m", self.m)] {
            if let Some(v) = v {
                t.push_str(&format!("{id} = {}\n", toml_num(v)));
            }
        }
        for (id, s) in [("s", &self.s), ("r", &self.r)] {
            if !s.is_empty() {
                let parts: Vec<String> = s
                    .iter()
                    .map(|(y, v)| format!("{y} = {}", toml_num(*v)))
                    .collect();
                t.push_str(&format!("{id} = {{ {} }}\n", parts.join(", ")));
            }
        }
        if let Some(c) = self.c {
            t.push_str(&format!("c = \"{}\"\n", if c { "y" } else { "x" }));
        }
        t
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// No NaN or infinity reaches a scorecard or a portfolio row, whatever numbers within the
    /// bounds a guideline holds and whatever finite numbers the answers give.
    #[test]
    fn extreme_numbers_never_reach_a_report(g in extreme_guideline(), a in extreme_answers()) {
        let gt = g.text();
        let guideline = load(&gt).unwrap_or_else(|d| panic!("{d:#?}\n{gt}"));
        let at = a.text();
        for policy in [Unanswered::Zero, Unanswered::Exclude] {
            let c = card(&guideline, &at, policy);
            let context = format!("{gt}\n{at}");
            assert_sane(&c, &context);
            let answers = parse(&guideline, &at).unwrap();
            let s = summarize(&guideline, &answers, Options { unanswered: policy });
            prop_assert_eq!(s.total.map(f64::to_bits), c.total.map(f64::to_bits));
            prop_assert!(s.areas.iter().flatten().all(|x| x.is_finite()));
            prop_assert!(s.top_gap.is_none_or(|(_, g)| g.is_finite()));
            // Anything unknown says why, and overflow is not called a division by zero.
            for i in &c.indicators {
                if i.status == Status::Unanswered {
                    prop_assert!(!i.finding.message(Lang::En).is_empty(), "{}", i.id);
                }
            }
        }
    }

    /// The built-in guideline with amounts at the limit of a 64-bit number: the inventory and
    /// everything read from it stay finite, or unknown with a reason.
    #[test]
    fn the_builtin_inventory_never_overflows_into_a_report(
        amounts in prop::collection::vec(prop::sample::select(vec![0.0, 1e-300, 1.0, 1e15, 1e300, f64::MAX]), 12),
        revenue in prop::sample::select(vec![5e-324, 1e-300, 1.0, 1e300, f64::MAX]),
    ) {
        let g = builtin();
        let ids = ["electricity_kwh", "diesel_l", "kerosene_l", "heavy_oil_l", "lpg", "city_gas",
            "district_heat", "vehicle_diesel_l", "vehicle_gasoline_l", "vehicle_lpg",
            "renewable_kwh", "water_m3"];
        let mut t = String::from("[guideline]\nid = \"k-esg-sme\"\n\n[firm]\nname = \"Edge Ltd\"\nreporting_year = 2025\n\n[answers]\n");
        for (id, v) in ids.iter().zip(&amounts) {
            let Some(q) = g.question_index(id) else { continue };
            let q = &g.questions[q];
            if q.max.is_some_and(|m| *v > m) {
                continue;
            }
            match q.kind {
                esg::guideline::QuestionKind::Series => {
                    t.push_str(&format!("{id} = {{ 2024 = {}, 2025 = {} }}\n", toml_num(*v), toml_num(*v)));
                }
                esg::guideline::QuestionKind::Number => t.push_str(&format!("{id} = {}\n", toml_num(*v))),
                _ => {}
            }
        }
        t.push_str(&format!("revenue = {{ 2024 = {0}, 2025 = {0} }}\n", toml_num(revenue)));
        let c = card(g, &t, Unanswered::Zero);
        assert_sane(&c, &t);
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Overflow is its own reason; a division by zero names its divisor

/// A guideline whose indicators divide by answers, a metric and a sum, and multiply.
const DIVIDES: &str = r#"[guideline]
id = "divides"
version = "1.0.0"
languages = ["ko", "en"]
title = { ko = "나눗셈", en = "Divisions" }

[[area]]
id = "E"
weight = 1
title = { ko = "환경", en = "Environment" }

[[grade]]
id = "A"
min = 0
title = { ko = "가", en = "A" }

[[question]]
id = "energy"
kind = "number"
min = 0
prompt = { ko = "에너지 사용량", en = "Energy used last year" }

[[question]]
id = "revenue"
kind = "number"
min = 0
prompt = { ko = "매출액", en = "Revenue last year" }

[[question]]
id = "sales"
kind = "series"
min = 0
prompt = { ko = "연도별 판매량", en = "Units sold by year" }

[[metric]]
id = "staff"
title = { ko = "인원 환산", en = "Staff equivalent" }
formula = "revenue * 2"

"#;

fn divides() -> Guideline {
    let mut t = DIVIDES.to_owned();
    for (i, expr) in [
        "energy / revenue",
        "energy / staff",
        "energy / (revenue - 1)",
        "energy / latest(sales)",
        "energy * energy",
    ]
    .iter()
    .enumerate()
    {
        t.push_str(&format!(
            r#"
[[indicator]]
id = "E-{i}"
area = "E"
title = {{ ko = "지표", en = "Indicator" }}
effort = "low"
recommendation = {{ ko = "하세요.", en = "Do it." }}
rule = {{ kind = "bands", expr = "{expr}" }}
level = [
  {{ points = 0, min = 1, text = {{ ko = "높음", en = "High" }} }},
  {{ points = 1, max = 1, text = {{ ko = "낮음", en = "Low" }} }},
]
"#
        ));
    }
    load(&t).unwrap_or_else(|d| panic!("{d:#?}"))
}

fn explanations(g: &Guideline, answers: &str, lang: Lang) -> Vec<String> {
    let text =
        format!("[guideline]\nid = \"divides\"\n\n[firm]\nname = \"D\"\n\n[answers]\n{answers}");
    let a = parse(g, &text).unwrap_or_else(|d| panic!("{d:#?}"));
    score(
        g,
        &a,
        Options {
            unanswered: Unanswered::Zero,
        },
    )
    .indicators
    .into_iter()
    .map(|i| i.finding.message(lang))
    .collect()
}

#[test]
fn a_division_by_zero_names_its_divisor_in_words() {
    let g = divides();
    let e = explanations(
        &g,
        "energy = 5\nrevenue = 0\nsales = { 2024 = 0 }\n",
        Lang::En,
    );
    assert_eq!(
        e[0],
        "Cannot be computed: it divides by the answer to “Revenue last year”, which is 0."
    );
    assert_eq!(
        e[1],
        "Cannot be computed: it divides by “Staff equivalent”, which is 0."
    );
    assert!(
        e[3].contains("“Units sold by year”, which is 0"),
        "{}",
        e[3]
    );
    let e = explanations(&g, "energy = 5\nrevenue = 1\n", Lang::En);
    assert!(
        e[2].starts_with("Cannot be computed: it divides by zero; check the answer it divides by"),
        "{}",
        e[2]
    );
    let ko = explanations(&g, "energy = 5\nrevenue = 0\n", Lang::Ko);
    assert_eq!(
        ko[0],
        "0으로 나누게 되어 계산할 수 없습니다: “매출액” 질문의 답이 0입니다."
    );
}

#[test]
fn overflow_is_not_called_a_division_by_zero() {
    let g = divides();
    for lang in [Lang::En, Lang::Ko] {
        let e = explanations(&g, "energy = 1e300\nrevenue = 1e-300\n", lang);
        for (i, why) in e.iter().enumerate().filter(|(i, _)| [0, 4].contains(i)) {
            assert!(
                why.contains(lang.pick("너무 커서", "too large")),
                "E-{i}: {why}"
            );
            assert!(!why.contains(lang.pick("0으로", "zero")), "E-{i}: {why}");
        }
    }
    // The reproduction: diesel at 1e308 litres in the built-in guideline. The inventory says the
    // figure is too large, in every report format.
    let dir = dir_with(&[(
        "d.toml",
        "[guideline]\nid = \"k-esg-sme\"\n\n[firm]\nname = \"D\"\nreporting_year = 2025\n\n[answers]\ndiesel_l = 1e308\n",
    )]);
    let out = esg()
        .args(["score", "--format", "json"])
        .arg(dir.path().join("d.toml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let card = crate::common::scorecard_json(&stdout(&out));
    let diesel = card["ghg"]["missing"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "diesel")
        .unwrap();
    assert_eq!(diesel["reason"]["code"], "overflow", "{diesel}");
    assert!(
        diesel["reason"]["message"]
            .as_str()
            .unwrap()
            .contains("too large"),
        "{diesel}"
    );
    assert!(!stdout(&out).contains("divides by zero"));
    assert!(card["ghg"]["scope1"].is_null());
}

// ---------------------------------------------------------------------------------------------
// 3. Grades and --fail-under follow the total as shown

/// One area, indicators of weights 0.7 and 0.6 at half their points: the exact total is 50, the
/// arithmetic gives 49.99999999999999. A third indicator is left unanswered.
const BOUNDARY: &str = r#"[guideline]
id = "boundary"
version = "1.0.0"
languages = ["en"]
title = { en = "Boundary" }

[[area]]
id = "E"
weight = 3
title = { en = "Environment" }

[[grade]]
id = "C"
min = 50
title = { en = "Fair" }

[[grade]]
id = "D"
min = 0
title = { en = "Weak" }

[[question]]
id = "a"
kind = "choice"
prompt = { en = "a" }
options = [{ id = "no", text = { en = "No" } }, { id = "half", text = { en = "Half" } }, { id = "all", text = { en = "All" } }]

[[question]]
id = "b"
kind = "choice"
prompt = { en = "b" }
options = [{ id = "no", text = { en = "No" } }, { id = "half", text = { en = "Half" } }, { id = "all", text = { en = "All" } }]

[[question]]
id = "c"
kind = "yes_no"
prompt = { en = "c" }
"#;

fn boundary_indicator(id: &str, weight: f64, question: &str) -> String {
    format!(
        r#"
[[indicator]]
id = "{id}"
area = "E"
weight = {weight}
title = {{ en = "{id}" }}
effort = "low"
recommendation = {{ en = "Do it." }}
rule = {{ kind = "choice", question = "{question}" }}
level = [
  {{ points = 0, options = ["no"], text = {{ en = "No" }} }},
  {{ points = 1, options = ["half"], text = {{ en = "Half" }} }},
  {{ points = 2, options = ["all"], text = {{ en = "All" }} }},
]
"#
    )
}

fn boundary_dir() -> tempfile::TempDir {
    let mut g = BOUNDARY.to_owned();
    g.push_str(&boundary_indicator("E-1", 0.7, "a"));
    g.push_str(&boundary_indicator("E-2", 0.6, "b"));
    g.push_str(
        r#"
[[indicator]]
id = "E-3"
area = "E"
title = { en = "E-3" }
effort = "low"
recommendation = { en = "Do it." }
rule = { kind = "yes_no", question = "c" }
level = [
  { points = 0, answer = false, text = { en = "No" } },
  { points = 1, answer = true, text = { en = "Yes" } },
]
"#,
    );
    let answers = "[guideline]\nid = \"boundary\"\n\n[firm]\nname = \"On the line\"\n\n[answers]\na = \"half\"\nb = \"half\"\n";
    dir_with(&[
        ("g/guideline.toml", &g),
        ("firms/line.toml", answers),
        (
            "firms/other.toml",
            &answers.replace("b = \"half\"", "b = \"all\""),
        ),
    ])
}

#[test]
fn a_total_exactly_on_a_grade_boundary_gets_that_grade_everywhere() {
    let dir = boundary_dir();
    let g = dir.path().join("g");
    let file = dir.path().join("firms/line.toml");
    let guideline = esg::guideline::load_dir(&g).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let c = card(&guideline, &text, Unanswered::Exclude);
    // The arithmetic is a hair below 50; the report shows 50, and grades it C.
    assert!(c.total.unwrap() < 50.0, "{:?}", c.total);
    assert_eq!(c.grade.as_ref().unwrap().id, "C");
    let s = summarize(
        &guideline,
        &parse(&guideline, &text).unwrap(),
        Options {
            unanswered: Unanswered::Exclude,
        },
    );
    assert_eq!(s.grade, Some(0), "the summary grades it C too");

    let run = |args: &[&str]| {
        esg()
            .args(["score", "--unanswered", "exclude", "--guideline"])
            .arg(&g)
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&[file.to_str().unwrap()]);
    assert!(
        stdout(&out).contains("Total 50 / 100 · Grade C (Fair)"),
        "{}",
        stdout(&out)
    );
    let out = run(&["--format", "json", file.to_str().unwrap()]);
    let json = crate::common::scorecard_json(&stdout(&out));
    assert_eq!(json["grade"]["id"], "C");
    // As it reaches 50, it passes --fail-under 50.
    let out = run(&["--fail-under", "50", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // In a portfolio: the row, the grade count and --fail-under agree with the file alone.
    let firms = dir.path().join("firms");
    let out = run(&[
        "--format",
        "json",
        "--fail-under",
        "50",
        firms.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = crate::common::portfolio_json(&stdout(&out));
    let line = rows.iter().find(|r| r["firm"] == "On the line").unwrap();
    assert_eq!(line["grade"], "C");
    assert_eq!(
        line["total"].as_f64(),
        c.total,
        "the row holds the exact total"
    );
    let stats = rows.iter().find(|r| r["kind"] == "portfolio").unwrap();
    let c_count = stats["grades"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == "C")
        .unwrap();
    assert_eq!(c_count["count"], 2, "{stats}");
    // The CSV row shows the total as the grade judged it.
    let out = run(&["--format", "csv", firms.to_str().unwrap()]);
    let mut csv = csv::Reader::from_reader(out.stdout.as_slice());
    let head = csv.headers().unwrap().clone();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let row = csv
        .records()
        .map(Result::unwrap)
        .find(|r| &r[col("firm")] == "On the line")
        .unwrap();
    assert_eq!((&row[col("total")], &row[col("grade")]), ("50", "C"));
}

#[test]
fn fail_under_compares_the_total_as_shown_and_never_contradicts_itself() {
    // The worked example with turnover 25: S = 50, T = (2 * 37.5 + 50) / 3 = 41.666…, shown 41.7.
    let worked = std::fs::read_to_string(root().join(WORKED)).unwrap();
    let dir = dir_with(&[
        ("a.toml", &worked.replace("turnover = 15", "turnover = 25")),
        (
            "b/a.toml",
            &worked.replace("turnover = 15", "turnover = 25"),
        ),
        (
            "b/c.toml",
            &worked.replace("turnover = 15", "turnover = 25"),
        ),
    ]);
    let file = dir.path().join("a.toml");
    let run = |min: &str, path: &Path| {
        esg()
            .args(["score", "--guideline", MINI, "--fail-under", min])
            .arg(path)
            .output()
            .unwrap()
    };
    let out = run("41.7", &file);
    assert!(
        stdout(&out).contains("Total 41.7 / 100"),
        "{}",
        stdout(&out)
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run("41.71", &file);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim(),
        "total 41.7 is below --fail-under 41.71"
    );
    let out = run("41.65", &file);
    assert_eq!(out.status.code(), Some(0));
    // A portfolio counts firms the same way, and shows the threshold as given.
    let dir_b = dir.path().join("b");
    assert_eq!(run("41.7", &dir_b).status.code(), Some(0));
    let out = run("41.75", &dir_b);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("2 firms are below --fail-under 41.75"),
        "{}",
        stderr(&out)
    );
    // Whatever the threshold, a message never says a total is below the same number.
    for min in [
        "41.6", "41.66", "41.67", "41.7", "41.74", "41.76", "45.3", "0.05",
    ] {
        let out = run(min, &file);
        let err = stderr(&out);
        if let Some(rest) = err.trim().strip_prefix("total ") {
            let (shown, given) = rest.split_once(" is below --fail-under ").unwrap();
            assert_ne!(shown, given, "{err}");
            assert!(
                shown.parse::<f64>().unwrap() < given.parse::<f64>().unwrap(),
                "{err}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Same inputs, same numbers, byte for byte, whichever path scores them

/// SplitMix64: a small seedable generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A random answers file for the built-in guideline, with figures of many digits.
fn random_answers(rng: &mut Rng, g: &Guideline, n: usize) -> String {
    use esg::guideline::QuestionKind as K;
    let mut t = format!(
        "[guideline]\nid = \"k-esg-sme\"\n\n[firm]\nname = \"Firm {n}\"\nreporting_year = 2025\n\n[answers]\n"
    );
    for q in &g.questions {
        if rng.unit() < 0.15 {
            continue;
        }
        let lo = q.min.unwrap_or(0.0);
        let hi = q.max.unwrap_or(lo + 10f64.powi(1 + rng.below(6) as i32));
        let num = |rng: &mut Rng| {
            let x = lo + rng.unit() * (hi - lo);
            if q.kind == K::Integer {
                x.floor().max(lo).to_string()
            } else {
                format!("{x:?}")
            }
        };
        let value = match q.kind {
            K::Table => "[]".to_owned(),
            K::YesNo => (rng.unit() < 0.5).to_string(),
            K::Choice => format!("{:?}", q.options[rng.below(q.options.len())].id),
            K::Multi => {
                let ids: Vec<String> = q
                    .options
                    .iter()
                    .filter(|_| rng.unit() < 0.5)
                    .map(|o| format!("{:?}", o.id))
                    .collect();
                format!("[{}]", ids.join(", "))
            }
            K::Number | K::Integer => num(rng),
            K::Text => "\"text\"".to_owned(),
            K::Series => {
                let mut parts = Vec::new();
                for y in 2021..=2025 {
                    if rng.unit() < 0.8 {
                        parts.push(format!("{y} = {}", num(rng)));
                    }
                }
                format!("{{ {} }}", parts.join(", "))
            }
        };
        t.push_str(&format!("{} = {value}\n", q.id));
    }
    t
}

fn bits(x: Option<f64>) -> Option<u64> {
    x.map(f64::to_bits)
}

fn json_bits(v: &serde_json::Value) -> Option<u64> {
    v.as_f64().map(f64::to_bits)
}

#[test]
fn a_portfolio_row_holds_exactly_the_numbers_of_the_file_scored_alone() {
    let g = builtin();
    let mut rng = Rng(20_260_310);
    let files: Vec<(String, String)> = (0..300)
        .map(|n| (format!("f/{n:03}.toml"), random_answers(&mut rng, g, n)))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = dir_with(&refs);
    let cards: Vec<(PathBuf, Scorecard)> = files
        .iter()
        .map(|(p, t)| (dir.path().join(p), card(g, t, Unanswered::Zero)))
        .collect();

    // The library: a portfolio row against the scorecard of the same file, for both policies.
    for unanswered in [Unanswered::Zero, Unanswered::Exclude] {
        let batch = esg::batch::Batch {
            guideline: g,
            unanswered,
            reports: None,
        };
        for (path, text) in files.iter().map(|(p, t)| (dir.path().join(p), t)) {
            let row = batch.score_file(&path);
            let s = row.scored.unwrap_or_else(|| panic!("{:?}", row.error));
            let c = card(g, text, unanswered);
            assert_eq!(bits(s.total), bits(c.total), "{}", path.display());
            assert_eq!(s.grade, c.grade.map(|g| g.id));
            assert_eq!(bits(s.completeness), bits(c.completeness.ratio));
            for (row_area, area) in s.areas.iter().zip(&c.areas) {
                assert_eq!(bits(row_area.score), bits(area.score), "{}", area.id);
            }
            assert_eq!(
                s.top_gap.map(|t| (t.indicator, t.gain.to_bits())),
                c.gaps
                    .first()
                    .map(|t| (t.indicator.clone(), t.gain.to_bits()))
            );
            let inv = c.ghg.as_ref().unwrap();
            let ghg = s.ghg.map(|h| {
                [
                    h.scope1_tco2e,
                    h.scope2_location_tco2e,
                    h.scope2_market_tco2e,
                ]
                .map(f64::to_bits)
            });
            let want = inv.scope1.map(|s1| {
                [s1, inv.scope2_location.unwrap(), inv.scope2_market.unwrap()].map(f64::to_bits)
            });
            assert_eq!(ghg, want, "{}", path.display());
        }
    }

    // The command line: the JSON Lines rows of `esg score DIR` against the library...
    let out = esg()
        .args(["score", "--format", "json"])
        .arg(dir.path().join("f"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<serde_json::Value> = crate::common::portfolio_json(&stdout(&out))
        .into_iter()
        .filter(|r| r["kind"] == "firm")
        .collect();
    assert_eq!(rows.len(), cards.len());
    for (row, (path, c)) in rows.iter().zip(&cards) {
        assert_eq!(Path::new(row["file"].as_str().unwrap()), path);
        let area_bits: Vec<Option<u64>> = row["areas"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| json_bits(&a["score"]))
            .collect();
        let want: Vec<Option<u64>> = c.areas.iter().map(|a| bits(a.score)).collect();
        assert_eq!(json_bits(&row["total"]), bits(c.total), "{row}");
        assert_eq!(area_bits, want, "{row}");
        assert_eq!(json_bits(&row["completeness"]), bits(c.completeness.ratio));
        let inv = c.ghg.as_ref().unwrap();
        let ghg = &row["ghg"];
        assert_eq!(json_bits(&ghg["scope1_tco2e"]), bits(inv.scope1), "{row}");
        assert_eq!(
            json_bits(&ghg["scope2_location_tco2e"]),
            bits(inv.scope2_location)
        );
        assert_eq!(
            json_bits(&ghg["scope2_market_tco2e"]),
            bits(inv.scope2_market)
        );
        assert_eq!(
            json_bits(&ghg["intensity"]),
            bits(inv.intensity.as_ref().and_then(|m| m.value)),
            "{row}"
        );
        assert_eq!(
            row["top_gap"]["gain"].as_f64().map(f64::to_bits),
            c.gaps.first().map(|g| g.gain.to_bits())
        );
    }

    // ...and against `esg score FILE` for some of the files, number for number as written.
    for (row, (path, _)) in rows.iter().zip(&cards).step_by(30) {
        let out = esg()
            .args(["score", "--format", "json"])
            .arg(path)
            .output()
            .unwrap();
        let alone = crate::common::scorecard_json(&stdout(&out));
        assert_eq!(row["total"].to_string(), alone["total"].to_string());
        assert_eq!(row["grade"], alone["grade"]["id"]);
        assert_eq!(
            row["completeness"].to_string(),
            alone["completeness"]["ratio"].to_string()
        );
        for (a, b) in row["areas"]
            .as_array()
            .unwrap()
            .iter()
            .zip(alone["areas"].as_array().unwrap())
        {
            assert_eq!(a["score"].to_string(), b["score"].to_string());
        }
        assert_eq!(
            row["ghg"]["scope1_tco2e"].to_string(),
            alone["ghg"]["scope1"].to_string()
        );
        assert_eq!(
            row["ghg"]["scope2_market_tco2e"].to_string(),
            alone["ghg"]["scope2_market"].to_string()
        );
        assert_eq!(
            row["ghg"]["intensity"].to_string(),
            alone["ghg"]["intensity"]["value"].to_string()
        );
    }
}

/// The rows of a portfolio wait in a spool file as JSON until the percentiles are known; read back
/// with serde_json's default float parser, about half of them came out one bit off. The binary
/// must be built with `float_roundtrip`. Test builds always have it (the `jsonschema`
/// dev-dependency turns it on), so the test above cannot see it missing: this one reads the
/// manifest.
#[test]
fn the_binary_reads_rows_back_with_exact_floats() {
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(root().join("Cargo.toml")).unwrap()).unwrap();
    let features = manifest["dependencies"]["serde_json"]["features"]
        .as_array()
        .expect("serde_json is declared with features");
    assert!(
        features
            .iter()
            .any(|f| f.as_str() == Some("float_roundtrip")),
        "{features:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// 5. The trend rule and trend(x, per) are one implementation

/// A guideline reading one series through every function, the trend rule and a ratio.
const SERIES: &str = r#"[guideline]
id = "series"
version = "1.0.0"
languages = ["en"]
title = { en = "Series" }

[[area]]
id = "E"
weight = 1
title = { en = "Environment" }

[[grade]]
id = "A"
min = 0
title = { en = "A" }

[[question]]
id = "w"
kind = "series"
prompt = { en = "Water by year" }

[[question]]
id = "r"
kind = "series"
prompt = { en = "Revenue by year" }
"#;

/// Levels on a figure: below -2, -2 to 2, 2 or more.
const THREE: &str = r#"level = [
  { points = 0, max = -2, text = { en = "low" } },
  { points = 1, min = -2, max = 2, text = { en = "middle" } },
  { points = 2, min = 2, text = { en = "high" } },
]"#;

fn series_guideline() -> Guideline {
    let mut t = SERIES.to_owned();
    let rules = [
        ("L", r#"{ kind = "bands", expr = "latest(w)" }"#),
        ("A", r#"{ kind = "bands", expr = "average(w)" }"#),
        (
            "T",
            r#"{ kind = "trend", question = "w", better = "higher" }"#,
        ),
        ("F", r#"{ kind = "bands", expr = "trend(w)" }"#),
        (
            "TP",
            r#"{ kind = "trend", question = "w", per = "r", better = "higher" }"#,
        ),
        ("FP", r#"{ kind = "bands", expr = "trend(w, r)" }"#),
        (
            "TL",
            r#"{ kind = "trend", question = "w", per = "r", better = "lower" }"#,
        ),
        ("FL", r#"{ kind = "bands", expr = "-trend(w, r)" }"#),
    ];
    for (id, rule) in rules {
        t.push_str(&format!(
            "\n[[indicator]]\nid = \"{id}\"\narea = \"E\"\ntitle = {{ en = \"{id}\" }}\neffort = \"low\"\nrecommendation = {{ en = \"Do it.\" }}\nrule = {rule}\n{THREE}\n"
        ));
    }
    load(&t).unwrap_or_else(|d| panic!("{d:#?}"))
}

fn series_answers(year: Option<i32>, answers: &str) -> String {
    let year = year.map_or(String::new(), |y| format!("reporting_year = {y}\n"));
    format!("[guideline]\nid = \"series\"\n\n[firm]\nname = \"S\"\n{year}\n[answers]\n{answers}")
}

fn trend_series() -> impl Strategy<Value = Vec<(i32, f64)>> {
    prop::collection::btree_map(
        2019..=2024i32,
        prop_oneof![
            Just(0.0),
            Just(0.0),
            Just(5.0),
            1.0..1000.0f64,
            prop::sample::select(vec![1e-300, 1e300, f64::MAX])
        ],
        0..6,
    )
    .prop_map(|m| m.into_iter().collect())
}

fn written(id: &str, s: &[(i32, f64)]) -> String {
    if s.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = s
        .iter()
        .map(|(y, v)| format!("{y} = {}", toml_num(*v)))
        .collect();
    format!("{id} = {{ {} }}\n", parts.join(", "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// On the same data, zero divisors and zero series included, the trend rule and the bands
    /// rule on `trend(…)` reach the same state and level.
    #[test]
    fn the_trend_rule_and_the_trend_function_agree(w in trend_series(), r in trend_series()) {
        static G: OnceLock<Guideline> = OnceLock::new();
        let g = G.get_or_init(series_guideline);
        let text = series_answers(Some(2024), &format!("{}{}", written("w", &w), written("r", &r)));
        let c = card(g, &text, Unanswered::Zero);
        let get = |id: &str| c.indicators.iter().find(|i| i.id == id).unwrap();
        for (rule, function) in [("T", "F"), ("TP", "FP"), ("TL", "FL")] {
            let (a, b) = (get(rule), get(function));
            prop_assert_eq!(a.status, b.status, "{}: {} / {}\n{}", rule, a.finding.message(Lang::En), b.finding.message(Lang::En), text);
            prop_assert_eq!(a.points, b.points, "{}: {} / {}\n{}", rule, a.finding.message(Lang::En), b.finding.message(Lang::En), text);
        }
    }
}

#[test]
fn a_zero_divisor_leaves_its_year_out_of_both_trends() {
    let g = series_guideline();
    // 2023's revenue is 0: the ratio has 2022 and 2024 only, 10 then 5 a unit: falling.
    let text = series_answers(
        Some(2024),
        "w = { 2022 = 100, 2023 = 70, 2024 = 50 }\nr = { 2022 = 10, 2023 = 0, 2024 = 10 }\n",
    );
    let c = card(&g, &text, Unanswered::Zero);
    for id in ["TP", "FP", "TL", "FL"] {
        let i = c.indicators.iter().find(|i| i.id == id).unwrap();
        assert_eq!(
            i.status,
            Status::Scored,
            "{id}: {}",
            i.finding.message(Lang::En)
        );
    }
    let tp = c.indicators.iter().find(|i| i.id == "TP").unwrap();
    let why = tp.finding.message(Lang::En);
    assert!(why.contains("(2 years)"), "{why}");
    assert_eq!(tp.points, Some(0.0));
    // A series of zeros has no trend: no level at all, with the reason, in both.
    let text = series_answers(Some(2024), "w = { 2022 = 0, 2023 = 0, 2024 = 0 }\n");
    let c = card(&g, &text, Unanswered::Zero);
    for id in ["T", "F"] {
        let i = c.indicators.iter().find(|i| i.id == id).unwrap();
        assert_eq!(i.status, Status::Unanswered, "{id}");
        let why = i.finding.message(Lang::En);
        assert!(why.contains("averages 0"), "{id}: {why}");
    }
}

// ---------------------------------------------------------------------------------------------
// 6. A series names each year once, plainly; years after the reporting year are not used

#[test]
fn a_year_given_twice_is_an_error_at_the_second_key() {
    let g = series_guideline();
    for (answers, second) in [
        ("w = { 02025 = 1, 2025 = 100 }\n", "2025 = 100"),
        ("w = { \"+2025\" = 1, 2025 = 100 }\n", "2025 = 100"),
        ("w = { \"2025.0\" = 1 }\n", "\"2025.0\""),
    ] {
        let text = series_answers(Some(2025), answers);
        let diags = parse(&g, &text).unwrap_err();
        let (line, column) = position(&text, second);
        assert!(
            diags.iter().any(|d| (d.line, d.column) == (line, column)),
            "{answers}: nothing at {line}:{column}: {diags:#?}"
        );
    }
    let text = series_answers(Some(2025), "w = { 02025 = 1, 2025 = 100 }\n");
    let diags = parse(&g, &text).unwrap_err();
    let first = position(&text, "02025");
    let second = position(&text, "2025 = 100");
    // The year written with a leading zero: written as 2025, please.
    let d = diags.iter().find(|d| (d.line, d.column) == first).unwrap();
    assert_eq!(d.code, "out-of-range");
    assert!(
        d.help
            .as_ref()
            .unwrap()
            .en
            .contains("write the year as 2025"),
        "{d:?}"
    );
    // The second 2025: given twice, and where the first one is.
    let d = diags.iter().find(|d| (d.line, d.column) == second).unwrap();
    assert_eq!(d.code, "conflicting-answer");
    assert!(
        d.message.en.contains(&format!(
            "given twice (first at line {}, column {})",
            first.0, first.1
        )),
        "{d:?}"
    );
    // Lint says the same as score, from the command line too.
    let dir = dir_with(&[(
        "a.toml",
        &text
            .replace("\"series\"", "\"mini\"")
            .replace("w = ", "revenue = "),
    )]);
    for cmd in ["score", "lint"] {
        let out = esg()
            .args([cmd, "--guideline", MINI])
            .arg(dir.path().join("a.toml"))
            .output()
            .unwrap();
        let err = format!("{}{}", stderr(&out), stdout(&out));
        assert_ne!(out.status.code(), Some(0), "{cmd}: {err}");
        assert!(err.contains("conflicting-answer"), "{cmd}: {err}");
        assert!(err.contains("is given twice"), "{cmd}: {err}");
    }
}

#[test]
fn values_after_the_reporting_year_are_left_out_with_a_warning_at_their_key() {
    let g = series_guideline();
    let base =
        "w = { 2022 = 100, 2023 = 100, 2024 = 100 }\nr = { 2022 = 10, 2023 = 10, 2024 = 10 }\n";
    // A 2025 value that would make every figure look far better, and one in a long form.
    let later = "w = { 2022 = 100, 2023 = 100, 2024 = 100, 2025 = 100000 }\nr = { value = { 2022 = 10, 2023 = 10, 2024 = 10, 2026 = 1 } }\n";
    let plain = card(&g, &series_answers(Some(2024), base), Unanswered::Zero);
    let text = series_answers(Some(2024), later);
    let with_later = card(&g, &text, Unanswered::Zero);
    let levels = |c: &Scorecard| -> Vec<(String, Status, Option<f64>)> {
        c.indicators
            .iter()
            .map(|i| (i.id.clone(), i.status, i.points))
            .collect()
    };
    assert_eq!(levels(&with_later), levels(&plain));
    assert_eq!(bits(with_later.total), bits(plain.total));
    // Without a reporting year, every year counts.
    let no_year = card(&g, &series_answers(None, later), Unanswered::Zero);
    assert_ne!(levels(&no_year), levels(&plain));

    // The warning, at each later key, from the reader, `esg score` and `esg lint`.
    let a = parse(&g, &text).unwrap();
    let at: Vec<(usize, usize)> = a
        .warnings
        .iter()
        .filter(|d| d.code == "future-year")
        .map(|d| (d.line, d.column))
        .collect();
    assert_eq!(
        at,
        vec![position(&text, "2025 ="), position(&text, "2026 =")]
    );
    let mini = std::fs::read_to_string(root().join(WORKED))
        .unwrap()
        .replace("[firm]\n", "[firm]\nreporting_year = 2023\n");
    let dir = dir_with(&[("a.toml", &mini)]);
    let (line, column) = position(&mini, "2024 = 10");
    for cmd in ["score", "lint"] {
        let out = esg()
            .args([cmd, "--guideline", MINI])
            .arg(dir.path().join("a.toml"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{cmd}: {}", stderr(&out));
        let all = format!("{}{}", stderr(&out), stdout(&out));
        assert!(
            all.contains(
                "2024 is after the reporting year 2023: the 2024 value of `revenue` is not used"
            ),
            "{cmd}: {all}"
        );
        assert!(
            all.contains(&format!("a.toml:{line}:{column}")),
            "{cmd}: {all}"
        );
        if cmd == "lint" {
            assert!(all.contains("warning[future-year]"), "{all}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 7. A template nobody filled in earns nothing

/// The template of `esg init` with every `# id = …` line uncommented as it is, and a firm name.
fn uncommented_template(guideline: &str) -> (String, usize) {
    let out = esg()
        .env("SOURCE_DATE_EPOCH", "1736000000")
        .args(["init", "--lang", "en", "--guideline", guideline])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut lines = 0;
    let text: String = stdout(&out)
        .lines()
        .map(|l| {
            let answer = l.strip_prefix("# ").filter(|rest| {
                rest.split_once(" = ").is_some_and(|(id, _)| {
                    !id.is_empty()
                        && id
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                })
            });
            match answer {
                Some(rest)
                    if !rest.starts_with("business_number")
                        && !rest.starts_with("contact")
                        && !rest.starts_with("assessed_on")
                        && !rest.starts_with("identifier") =>
                {
                    lines += 1;
                    format!("{rest}\n")
                }
                _ if l.starts_with("name = \"\"") => "name = \"Unfilled Ltd\"\n".to_owned(),
                _ => format!("{l}\n"),
            }
        })
        .collect();
    (text, lines)
}

#[test]
fn the_template_uncommented_as_it_is_scores_nothing_and_says_what_to_fill_in() {
    for (guideline, questions) in [
        (
            MINI,
            esg::guideline::load_dir(&root().join(MINI))
                .unwrap()
                .questions
                .len(),
        ),
        ("k-esg-sme", builtin().questions.len()),
    ] {
        let (text, lines) = uncommented_template(guideline);
        assert_eq!(lines, questions, "one line per question");
        let dir = dir_with(&[("t.toml", &text)]);
        for cmd in ["score", "lint"] {
            let out = esg()
                .args([cmd, "--format", "json", "--guideline", guideline])
                .arg(dir.path().join("t.toml"))
                .output()
                .unwrap();
            let all = format!("{}{}", stdout(&out), stderr(&out));
            assert_ne!(out.status.code(), Some(0), "{cmd} {guideline}");
            // No score at all: every answer line is reported, each with what to write.
            assert!(!all.contains("\"total\""), "{cmd} {guideline}");
            assert!(all.contains("unfilled-answer"), "{cmd}: {all}");
            assert!(
                all.contains("is still the template's placeholder"),
                "{cmd}: {all}"
            );
        }
        // Through the library: one unfilled-answer error per question, nothing else.
        let g = if guideline == MINI {
            esg::guideline::load_dir(&root().join(MINI)).unwrap()
        } else {
            esg::guideline::load_builtin(guideline).unwrap()
        };
        // (Beyond the first 100, problems are counted, not built.)
        let diags = parse(&g, &text).unwrap_err();
        assert!(
            diags
                .iter()
                .all(|d| d.code == "unfilled-answer" || d.omitted.is_some()),
            "{diags:#?}"
        );
        assert_eq!(esg::source::totals(&diags).errors, questions);
    }
}

#[test]
fn a_template_line_filled_in_is_an_answer() {
    let (text, _) = uncommented_template(MINI);
    let filled = text
        .replace("has_board = \"?\"", "has_board = true")
        .replace("targets = \"?\"", "targets = \"long\"")
        .replace(
            "revenue = { 2022 = \"?\", 2023 = \"?\", 2024 = \"?\" }",
            "revenue = { 2023 = 5, 2024 = \"?\" }",
        );
    let g = esg::guideline::load_dir(&root().join(MINI)).unwrap();
    let diags = parse(&g, &filled).unwrap_err();
    // The filled lines are not reported; the year left at "?" is, at its value.
    assert!(!diags.iter().any(|d| d.message.en.contains("`has_board`")));
    assert!(!diags.iter().any(|d| d.message.en.contains("`targets`")));
    let year = diags
        .iter()
        .find(|d| d.message.en.contains("the 2024 value of `revenue`"))
        .unwrap();
    assert_eq!((year.line, year.column), position(&filled, "\"?\" }"));
}

// ---------------------------------------------------------------------------------------------
// 8. The `[guideline] id` of an answers file

#[test]
fn an_empty_guideline_id_is_the_same_error_for_score_and_lint() {
    let worked = std::fs::read_to_string(root().join(WORKED)).unwrap();
    let text = worked.replace("id = \"mini\"", "id = \"\"");
    let dir = dir_with(&[("a.toml", &text)]);
    let (line, column) = position(&text, "\"\"\nversion");
    for cmd in ["score", "lint"] {
        let out = esg()
            .args([cmd, "--guideline", MINI])
            .arg(dir.path().join("a.toml"))
            .output()
            .unwrap();
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert_ne!(out.status.code(), Some(0), "{cmd}: {all}");
        assert!(all.contains("the guideline `id` is empty"), "{cmd}: {all}");
        assert!(
            all.contains(&format!("a.toml:{line}:{column}")),
            "{cmd}: {all}"
        );
    }
    // Without --guideline too: the default guideline is loaded, and the empty id reported.
    for cmd in ["score", "lint"] {
        let out = esg()
            .arg(cmd)
            .arg(dir.path().join("a.toml"))
            .output()
            .unwrap();
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(all.contains("the guideline `id` is empty"), "{cmd}: {all}");
    }
}

#[test]
fn the_hint_for_another_guideline_names_something_that_works() {
    let worked = std::fs::read_to_string(root().join(WORKED)).unwrap();
    let dir = dir_with(&[
        ("mini.toml", &worked),
        (
            "builtin.toml",
            &worked.replace("id = \"mini\"", "id = \"k-esg-sme\""),
        ),
    ]);
    // Answers for `mini`, which is not built in, scored against the built-in guideline: the hint
    // names the package directory, not `--guideline mini` (which would fail).
    let out = esg()
        .args(["score", "--guideline", "k-esg-sme"])
        .arg(dir.path().join("mini.toml"))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(
        err.contains("the directory of the `mini` guideline package"),
        "{err}"
    );
    assert!(!err.contains("--guideline mini,"), "{err}");
    // Answers for the built-in guideline scored against `mini`: `--guideline k-esg-sme`, which works.
    let file = dir.path().join("builtin.toml");
    let out = esg()
        .args(["score", "--guideline", MINI])
        .arg(&file)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(
        err.contains("score them with --guideline k-esg-sme"),
        "{err}"
    );
    let out = esg()
        .args(["lint", "--guideline", "k-esg-sme"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        !stdout(&out).contains("guideline-mismatch")
            && !stderr(&out).contains("guideline-mismatch"),
        "the hint's command finds no mismatch"
    );
}
