//! Properties of scoring over random answers to the `mini` test guideline, for both policies on
//! unanswered indicators, checked against an independent model of the scoring rules
//! (DESIGN.md, "Scoring rules"); and readers that never panic on any input.
//!
//! Answers are generated as a small model, written out as TOML text (short and long forms,
//! evidence, notes, not-applicable) and read back with `esg::answers::parse`, as a file would be.

use std::path::Path;
use std::sync::OnceLock;

use esg::answers::Answers;
use esg::guideline::Guideline;
use esg::score::{Options, score};
use esg::scorecard::{Scorecard, Status, Unanswered};
use esg::source::Source;
use esg::text::Lang;
use proptest::prelude::*;

const EPS: f64 = 1e-9;
const POLICIES: [Unanswered; 2] = [Unanswered::Zero, Unanswered::Exclude];

fn mini() -> &'static Guideline {
    static MINI: OnceLock<Guideline> = OnceLock::new();
    MINI.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guidelines/mini");
        esg::guideline::load_dir(&dir).expect("the mini guideline loads")
    })
}

// ---------------------------------------------------------------------------------------------
// A model of one answers file

/// One answer as the file holds it.
#[derive(Debug, Clone, PartialEq)]
enum Ans<T> {
    /// The key is absent.
    Missing,
    /// Long form with a note only: still unanswered.
    Open,
    /// A value; `long` writes it as `{ value = …, evidence = […] }`.
    Value { v: T, long: bool },
    /// Marked not applicable with a reason (only where the question allows it).
    Na,
}

impl<T> Ans<T> {
    fn value(&self) -> Option<&T> {
        match self {
            Ans::Value { v, .. } => Some(v),
            _ => None,
        }
    }
}

fn val<T>(v: T) -> Ans<T> {
    Ans::Value { v, long: false }
}

type Series = Vec<(i32, f64)>;

#[derive(Debug, Clone)]
struct Model {
    has_board: Ans<bool>,
    /// 0 none, 1 short, 2 long.
    targets: Ans<usize>,
    env_checks: Ans<[bool; 4]>,
    water: Ans<Series>,
    revenue: Ans<Series>,
    policy: Ans<bool>,
    turnover: Ans<f64>,
    board_women: Ans<u32>,
}

const TARGETS: [&str; 3] = ["none", "short", "long"];
const CHECKS: [&str; 4] = ["a", "b", "c", "d"];

fn toml_series(s: &Series) -> String {
    let items: Vec<String> = s.iter().map(|(y, v)| format!("{y} = {v:?}")).collect();
    format!("{{ {} }}", items.join(", "))
}

fn line<T>(out: &mut String, id: &str, a: &Ans<T>, show: impl Fn(&T) -> String) {
    match a {
        Ans::Missing => {}
        Ans::Open => out.push_str(&format!(
            "{id} = {{ note = \"still gathering the figures\" }}\n"
        )),
        Ans::Value { v, long: false } => out.push_str(&format!("{id} = {}\n", show(v))),
        Ans::Value { v, long: true } => {
            out.push_str(&format!(
                "{id} = {{ value = {}, evidence = [\"{id}.pdf\"], note = \"checked\" }}\n",
                show(v)
            ));
        }
        Ans::Na => out.push_str(&format!(
            "[answers.{id}]\nnot_applicable = \"We do not use any.\"\n"
        )),
    }
}

impl Model {
    fn toml(&self) -> String {
        let mut out = String::from(
            "[guideline]\nid = \"mini\"\nversion = \"1.0.0\"\n\n[firm]\nname = \"Property Ltd\"\n\n[answers]\n",
        );
        // Inline entries first, then the `[answers.x]` tables, as TOML requires.
        let mut tables = String::new();
        line(&mut out, "has_board", &self.has_board, |b| b.to_string());
        line(&mut out, "targets", &self.targets, |i| {
            format!("\"{}\"", TARGETS[*i])
        });
        line(&mut out, "env_checks", &self.env_checks, |c| {
            let ticked: Vec<String> = (0..4)
                .filter(|&i| c[i])
                .map(|i| format!("\"{}\"", CHECKS[i]))
                .collect();
            format!("[{}]", ticked.join(", "))
        });
        let water = if self.water == Ans::Na {
            &mut tables
        } else {
            &mut out
        };
        line(water, "water", &self.water, toml_series);
        line(&mut out, "revenue", &self.revenue, toml_series);
        line(&mut out, "policy", &self.policy, |b| b.to_string());
        line(&mut out, "turnover", &self.turnover, |t| format!("{t:?}"));
        line(&mut out, "board_women", &self.board_women, u32::to_string);
        out.push('\n');
        out.push_str(&tables);
        out
    }

    fn answers(&self) -> Answers {
        let text = self.toml();
        let source = Source::new("property.toml", text.clone());
        esg::answers::parse(&source, mini())
            .unwrap_or_else(|e| panic!("generated answers are valid:\n{text}\n{e}"))
    }
}

// ---------------------------------------------------------------------------------------------
// Generators

fn ans<T: std::fmt::Debug + Clone + 'static>(
    value: impl Strategy<Value = T> + 'static,
) -> impl Strategy<Value = Ans<T>> {
    prop_oneof![
        2 => Just(Ans::Missing),
        1 => Just(Ans::Open),
        6 => (value, prop::bool::weighted(0.2)).prop_map(|(v, long)| Ans::Value { v, long }),
    ]
}

/// Hundredths, so that band edges (10, 20) come up and values print exactly.
fn hundredths(max: u32) -> impl Strategy<Value = f64> {
    (0..=max).prop_map(|n| f64::from(n) / 100.0)
}

fn series(value: impl Strategy<Value = f64> + 'static) -> impl Strategy<Value = Series> {
    prop::collection::btree_map(2015i32..=2025, value, 0..=5).prop_map(|m| m.into_iter().collect())
}

/// Water and revenue figures: often over the same years and close to flat, so that the trend
/// of their ratio falls in every band; sometimes unrelated.
fn water_and_revenue() -> impl Strategy<Value = (Series, Series)> {
    let near = |years: &std::collections::BTreeSet<i32>, base: u32, deltas: &[i32]| -> Series {
        years
            .iter()
            .zip(deltas)
            .map(|(&y, &d)| (y, f64::from(base) * f64::from(100 + d) / 100.0))
            .collect()
    };
    let aligned = (
        prop_oneof![
            1 => prop::collection::btree_set(2015i32..=2025, 0..2),
            4 => prop::collection::btree_set(2015i32..=2025, 2..=5),
        ],
        1u32..1000,
        1u32..1000,
        prop::collection::vec(-15i32..=15, 5),
        prop::collection::vec(-15i32..=15, 5),
    )
        .prop_map(move |(years, wb, rb, wd, rd)| (near(&years, wb, &wd), near(&years, rb, &rd)));
    let revenue_value = prop_oneof![1 => Just(0.0), 5 => hundredths(1_000_000)];
    let unrelated = (series(hundredths(100_000)), series(revenue_value));
    prop_oneof![3 => aligned, 1 => unrelated]
}

/// Wraps a value in a random form: missing, open, short or long form, or (if `na`) not applicable.
fn shape<T: std::fmt::Debug + Clone>(v: T, kind: u8, long: bool, na: bool) -> Ans<T> {
    match kind {
        0 => Ans::Missing,
        1 => Ans::Open,
        2 if na => Ans::Na,
        _ => Ans::Value { v, long },
    }
}

fn model() -> impl Strategy<Value = Model> {
    let kind = || prop_oneof![2 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8), 7 => Just(3u8)];
    let pair = (
        water_and_revenue(),
        kind(),
        kind(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|((w, r), wk, rk, wl, rl)| (shape(w, wk, wl, true), shape(r, rk, rl, false)));
    let turnover = prop_oneof![1 => hundredths(10_000), 3 => hundredths(3_000), 1 => prop_oneof![Just(10.0), Just(20.0)]];
    let board_women = prop_oneof![1 => Just(0u32), 1 => 0u32..=50];
    (
        ans(any::<bool>()),
        ans(0usize..3),
        ans(any::<[bool; 4]>()),
        pair,
        ans(any::<bool>()),
        ans(turnover),
        ans(board_women),
    )
        .prop_map(
            |(has_board, targets, env_checks, (water, revenue), policy, turnover, board_women)| {
                Model {
                    has_board,
                    targets,
                    env_checks,
                    water,
                    revenue,
                    policy,
                    turnover,
                    board_women,
                }
            },
        )
}

// ---------------------------------------------------------------------------------------------
// An independent model of the scoring rules for the mini guideline

#[derive(Debug, Clone, Copy, PartialEq)]
enum Outcome {
    Scored(f64),
    Unanswered,
    NotApplicable,
}

/// The least-squares slope over the years divided by the mean, in % a year (docs/guideline-format.md).
fn trend(points: &[(i32, f64)]) -> Option<f64> {
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| f64::from(p.0)).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points
        .iter()
        .map(|p| (f64::from(p.0) - mean_x).powi(2))
        .sum();
    let sxy: f64 = points
        .iter()
        .map(|p| (f64::from(p.0) - mean_x) * (p.1 - mean_y))
        .sum();
    (sxx != 0.0 && mean_y != 0.0).then(|| sxy / sxx / mean_y.abs() * 100.0)
}

/// Indicators of mini in guideline order: (id, area index, weight).
const INDICATORS: [(&str, usize, f64); 6] = [
    ("E-1", 0, 1.0),
    ("E-2", 0, 2.0),
    ("E-3", 0, 1.0),
    ("S-1", 1, 1.0),
    ("S-2", 1, 1.0),
    ("G-1", 2, 1.0),
];
const AREA_WEIGHTS: [f64; 3] = [2.0, 1.0, 1.0];

fn outcomes(m: &Model) -> [Outcome; 6] {
    use Outcome::{NotApplicable, Scored, Unanswered};
    let e1 = m
        .targets
        .value()
        .map_or(Unanswered, |&i| Scored(i as f64 / 2.0));
    let e2 = m.env_checks.value().map_or(Unanswered, |c| {
        let n = c.iter().filter(|&&t| t).count();
        Scored(if n >= 4 {
            1.0
        } else if n >= 2 {
            0.5
        } else {
            0.0
        })
    });
    let e3 = match (&m.water, &m.revenue) {
        (Ans::Na, _) => NotApplicable,
        (Ans::Value { v: water, .. }, Ans::Value { v: revenue, .. }) => {
            let ratio: Vec<(i32, f64)> = water
                .iter()
                .filter_map(|&(y, w)| {
                    revenue
                        .iter()
                        .find(|r| r.0 == y && r.1 != 0.0)
                        .map(|r| (y, w / r.1))
                })
                .collect();
            match (ratio.len() >= 2).then(|| trend(&ratio)).flatten() {
                None => Unanswered,
                Some(t) => {
                    let better = -t;
                    Scored(if better >= 2.0 {
                        1.0
                    } else if better >= -2.0 {
                        0.5
                    } else {
                        0.0
                    })
                }
            }
        }
        _ => Unanswered,
    };
    let s1 = m
        .policy
        .value()
        .map_or(Unanswered, |&b| Scored(if b { 1.0 } else { 0.0 }));
    let s2 = m.turnover.value().map_or(Unanswered, |&t| {
        Scored(if t >= 20.0 {
            0.0
        } else if t >= 10.0 {
            0.5
        } else {
            1.0
        })
    });
    let g1 = match m.has_board.value() {
        None => Unanswered,
        Some(false) => NotApplicable,
        Some(true) => m
            .board_women
            .value()
            .map_or(Unanswered, |&n| Scored(if n >= 1 { 1.0 } else { 0.0 })),
    };
    [e1, e2, e3, s1, s2, g1]
}

/// Area scores and the total by the rules: weighted means over what counts.
fn expected(outcomes: &[Outcome; 6], policy: Unanswered) -> ([Option<f64>; 3], Option<f64>) {
    let mut areas = [None; 3];
    for (a, slot) in areas.iter_mut().enumerate() {
        let counted: Vec<(f64, f64)> = INDICATORS
            .iter()
            .zip(outcomes)
            .filter(|((_, area, _), _)| *area == a)
            .filter_map(|((_, _, w), o)| match o {
                Outcome::Scored(s) => Some((*w, *s)),
                Outcome::Unanswered if policy == Unanswered::Zero => Some((*w, 0.0)),
                _ => None,
            })
            .collect();
        let wsum: f64 = counted.iter().map(|c| c.0).sum();
        if !counted.is_empty() {
            *slot = Some(100.0 * counted.iter().map(|(w, s)| w * s).sum::<f64>() / wsum);
        }
    }
    let wsum: f64 = areas
        .iter()
        .zip(AREA_WEIGHTS)
        .filter(|(a, _)| a.is_some())
        .map(|(_, w)| w)
        .sum();
    let total = (wsum > 0.0).then(|| {
        areas
            .iter()
            .zip(AREA_WEIGHTS)
            .filter_map(|(a, w)| a.map(|a| a * w))
            .sum::<f64>()
            / wsum
    });
    (areas, total)
}

fn card(answers: &Answers, policy: Unanswered) -> Scorecard {
    score(mini(), answers, Options { unanswered: policy })
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < EPS,
        (None, None) => true,
        _ => false,
    }
}

fn area_scores(c: &Scorecard) -> Vec<Option<f64>> {
    c.areas.iter().map(|a| a.score).collect()
}

fn status_of(o: Outcome) -> Status {
    match o {
        Outcome::Scored(_) => Status::Scored,
        Outcome::Unanswered => Status::Unanswered,
        Outcome::NotApplicable => Status::NotApplicable,
    }
}

// ---------------------------------------------------------------------------------------------
// Improvements: one answer raised to a better level

#[derive(Debug, Clone)]
enum Better {
    /// targets: worse index, better index.
    Targets(usize, usize),
    /// env_checks: ticks, and one more to tick.
    Checks([bool; 4], usize),
    /// policy false -> true.
    Policy,
    /// turnover: two values, the lower is better.
    Turnover(f64, f64),
    /// board_women with a board: two counts, the higher is better.
    BoardWomen(u32, u32),
}

fn better() -> impl Strategy<Value = Better> {
    prop_oneof![
        (0usize..3, 0usize..3)
            .prop_filter("two different levels", |(a, b)| a != b)
            .prop_map(|(a, b)| Better::Targets(a.min(b), a.max(b))),
        (any::<[bool; 4]>(), 0usize..4).prop_map(|(c, k)| Better::Checks(c, k)),
        Just(Better::Policy),
        (hundredths(10_000), hundredths(10_000)).prop_map(|(a, b)| Better::Turnover(a, b)),
        (0u32..=50, 0u32..=50).prop_map(|(a, b)| Better::BoardWomen(a, b)),
    ]
}

/// The model before and after the improvement.
fn apply(base: &Model, b: &Better) -> (Model, Model) {
    let (mut before, mut after) = (base.clone(), base.clone());
    match *b {
        Better::Targets(lo, hi) => {
            before.targets = val(lo);
            after.targets = val(hi);
        }
        Better::Checks(mut c, k) => {
            c[k] = false;
            before.env_checks = val(c);
            c[k] = true;
            after.env_checks = val(c);
        }
        Better::Policy => {
            before.policy = val(false);
            after.policy = val(true);
        }
        Better::Turnover(a, b) => {
            before.turnover = val(a.max(b));
            after.turnover = val(a.min(b));
        }
        Better::BoardWomen(a, b) => {
            before.has_board = val(true);
            after.has_board = val(true);
            before.board_women = val(a.min(b));
            after.board_women = val(a.max(b));
        }
    }
    (before, after)
}

// ---------------------------------------------------------------------------------------------
// Properties

/// 256 cases by default, so that the suite stays fast; `PROPTEST_CASES=10000` digs deeper.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn scores_are_within_0_and_100(m in model()) {
        let answers = m.answers();
        for policy in POLICIES {
            let c = card(&answers, policy);
            for a in &c.areas {
                if let Some(s) = a.score {
                    prop_assert!((0.0..=100.0).contains(&s), "{policy:?}: area {} scores {s}", a.id);
                }
                prop_assert_eq!(a.score.is_none(), a.status != Status::Scored, "{:?}: area {}", policy, a.id);
            }
            if let Some(t) = c.total {
                prop_assert!((0.0..=100.0).contains(&t), "{policy:?}: total {t}");
            }
            prop_assert_eq!(c.total.is_some(), c.grade.is_some());
            for i in &c.indicators {
                prop_assert!(i.gain >= 0.0 && i.gain <= 100.0, "{policy:?}: gain of {} is {}", i.id, i.gain);
                if let Some(s) = i.score {
                    prop_assert!((0.0..=1.0).contains(&s), "{policy:?}: score of {} is {s}", i.id);
                }
            }
        }
    }

    #[test]
    fn scores_follow_the_rules(m in model()) {
        let answers = m.answers();
        let want = outcomes(&m);
        for policy in POLICIES {
            let c = card(&answers, policy);
            for (i, o) in c.indicators.iter().zip(want) {
                prop_assert_eq!(i.status, status_of(o), "{:?}: status of {}", policy, i.id);
                if let Outcome::Scored(s) = o {
                    prop_assert!(same(i.score, Some(s)), "{policy:?}: {} scores {:?}, want {s}", i.id, i.score);
                }
            }
            let (areas, total) = expected(&want, policy);
            for (got, want) in area_scores(&c).iter().zip(areas) {
                prop_assert!(same(*got, want), "{policy:?}: area score {got:?}, want {want:?}");
            }
            prop_assert!(same(c.total, total), "{policy:?}: total {:?}, want {total:?}", c.total);

            // Completeness: scored / applicable.
            let scored = want.iter().filter(|o| matches!(o, Outcome::Scored(_))).count();
            let na = want.iter().filter(|o| **o == Outcome::NotApplicable).count();
            prop_assert_eq!(c.completeness.scored, scored);
            prop_assert_eq!(c.completeness.applicable, 6 - na);
            prop_assert_eq!(c.completeness.not_applicable, na);
            prop_assert!(same(c.completeness.ratio, (na < 6).then(|| scored as f64 / (6 - na) as f64)));
        }
    }

    #[test]
    fn gains_add_up_to_what_is_missing(m in model()) {
        let answers = m.answers();
        for policy in POLICIES {
            let c = card(&answers, policy);
            let sum: f64 = c.indicators.iter().map(|i| i.gain).sum();
            match c.total {
                Some(t) => prop_assert!((sum - (100.0 - t)).abs() < EPS, "{policy:?}: gains {sum}, total {t}"),
                None => prop_assert_eq!(sum, 0.0),
            }
            for i in &c.indicators {
                match i.status {
                    Status::NotApplicable => prop_assert_eq!(i.gain, 0.0, "{} is not applicable", &i.id),
                    Status::Unanswered if policy == Unanswered::Exclude => {
                        prop_assert_eq!(i.gain, 0.0, "{} is unanswered and left out", &i.id);
                    }
                    _ => {}
                }
            }
            if policy == Unanswered::Exclude {
                let scored: f64 = c.indicators.iter().filter(|i| i.status == Status::Scored).map(|i| i.gain).sum();
                if let Some(t) = c.total {
                    prop_assert!((scored - (100.0 - t)).abs() < EPS);
                }
            }
        }
    }

    #[test]
    fn gaps_are_ranked_by_gain_then_guideline_order(m in model()) {
        let answers = m.answers();
        for policy in POLICIES {
            let c = card(&answers, policy);
            let with_gain: Vec<&str> = c.indicators.iter().filter(|i| i.gain > 0.0).map(|i| i.id.as_str()).collect();
            prop_assert_eq!(c.gaps.len(), with_gain.len());
            let position = |id: &str| c.indicators.iter().position(|i| i.id == id).unwrap();
            for (n, g) in c.gaps.iter().enumerate() {
                prop_assert_eq!(g.rank, n + 1);
                prop_assert!(with_gain.contains(&g.indicator.as_str()));
            }
            for w in c.gaps.windows(2) {
                let (a, b) = (&w[0], &w[1]);
                prop_assert!(a.gain > b.gain - EPS, "{policy:?}: {} (+{}) before {} (+{})", a.indicator, a.gain, b.indicator, b.gain);
                if (a.gain - b.gain).abs() < EPS {
                    prop_assert!(position(&a.indicator) < position(&b.indicator), "ties in guideline order");
                }
            }
        }
    }

    #[test]
    fn a_better_answer_never_lowers_a_score(m in model(), b in better()) {
        let (before, after) = apply(&m, &b);
        let (before, after) = (before.answers(), after.answers());
        for policy in POLICIES {
            let (x, y) = (card(&before, policy), card(&after, policy));
            for (a, (s0, s1)) in x.areas.iter().zip(area_scores(&x).into_iter().zip(area_scores(&y))) {
                prop_assert_eq!(s0.is_some(), s1.is_some(), "{:?} {:?}: area {} changes applicability", policy, b, a.id);
                if let (Some(s0), Some(s1)) = (s0, s1) {
                    prop_assert!(s1 >= s0 - EPS, "{policy:?} {b:?}: area {} falls from {s0} to {s1}", a.id);
                }
            }
            if let (Some(t0), Some(t1)) = (x.total, y.total) {
                prop_assert!(t1 >= t0 - EPS, "{policy:?} {b:?}: total falls from {t0} to {t1}");
            }
            prop_assert_eq!(x.total.is_some(), y.total.is_some());
        }
    }

    #[test]
    fn water_not_applicable_leaves_e3_out_of_both_sums(m in model()) {
        let mut m = m;
        m.water = Ans::Na;
        let answers = m.answers();
        let o = outcomes(&m);
        for policy in POLICIES {
            let c = card(&answers, policy);
            let e3 = c.indicators.iter().find(|i| i.id == "E-3").unwrap();
            prop_assert_eq!(e3.status, Status::NotApplicable);
            let why = e3.finding.message(Lang::En);
            prop_assert!(why.contains("We do not use any."), "the firm's reason is shown: {}", why);
            // E = 100 * (1 * s1 + 2 * s2) / (sum of the weights counted), over E-1 and E-2 only.
            let mut num = 0.0;
            let mut den = 0.0;
            for (w, out) in [(1.0, o[0]), (2.0, o[1])] {
                match out {
                    Outcome::Scored(s) => { num += w * s; den += w; }
                    Outcome::Unanswered if policy == Unanswered::Zero => den += w,
                    _ => {}
                }
            }
            let want = (den > 0.0).then(|| 100.0 * num / den);
            prop_assert!(same(c.areas[0].score, want), "{policy:?}: E = {:?}, want {want:?}", c.areas[0].score);
            prop_assert_eq!(c.areas[0].completeness.not_applicable, 1);
            prop_assert_eq!(c.areas[0].completeness.applicable, 2);
        }
    }

    #[test]
    fn no_board_leaves_governance_out_of_the_total(m in model()) {
        let mut m = m;
        m.has_board = val(false);
        let answers = m.answers();
        for policy in POLICIES {
            let c = card(&answers, policy);
            let g1 = c.indicators.iter().find(|i| i.id == "G-1").unwrap();
            prop_assert_eq!(g1.status, Status::NotApplicable);
            prop_assert_eq!(g1.gain, 0.0);
            prop_assert_eq!(c.areas[2].status, Status::NotApplicable);
            prop_assert_eq!(c.areas[2].score, None);
            // T = (2 E + 1 S) / 3 over the areas that have a score.
            let parts: Vec<(f64, f64)> =
                [(2.0, c.areas[0].score), (1.0, c.areas[1].score)].into_iter().filter_map(|(w, s)| s.map(|s| (w, s))).collect();
            let den: f64 = parts.iter().map(|p| p.0).sum();
            let want = (den > 0.0).then(|| parts.iter().map(|(w, s)| w * s).sum::<f64>() / den);
            prop_assert!(same(c.total, want), "{policy:?}: total {:?}, want {want:?}", c.total);
        }
    }

    #[test]
    fn scoring_is_deterministic(m in model()) {
        let a1 = m.answers();
        let a2 = m.answers();
        for policy in POLICIES {
            let json = |c| serde_json::to_string(&esg::report::json::document(&c, Lang::En)).unwrap();
            let j1 = json(card(&a1, policy));
            let j2 = json(card(&a1, policy));
            let j3 = json(card(&a2, policy));
            prop_assert_eq!(&j1, &j2);
            prop_assert_eq!(&j1, &j3);
            for lang in [Lang::Ko, Lang::En] {
                let mut out1 = Vec::new();
                let mut out2 = Vec::new();
                let style = esg::report::Style::default();
                let c = score(mini(), &a1, Options { unanswered: policy });
                for format in [esg::report::Format::Table, esg::report::Format::Json, esg::report::Format::Markdown] {
                    out1.clear();
                    out2.clear();
                    esg::report::render(format, &c, lang, &style, &mut out1).unwrap();
                    esg::report::render(format, &c, lang, &style, &mut out2).unwrap();
                    prop_assert_eq!(&out1, &out2);
                    prop_assert!(std::str::from_utf8(&out1).is_ok());
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Readers never panic

    #[test]
    fn answers_reader_never_panics_on_toml_like_text(
        lines in prop::collection::vec(toml_like_line(), 0..12),
    ) {
        let text = lines.concat();
        let _ = esg::answers::parse(&Source::new("fuzz.toml", text), mini());
    }

    #[test]
    fn answers_reader_never_panics_on_any_text(text in any::<String>()) {
        let _ = esg::answers::parse(&Source::new("fuzz.toml", text), mini());
    }

    #[test]
    fn input_reader_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        match esg::input::read_stream("<fuzz>", bytes.as_slice()) {
            Ok(source) => {
                let _ = esg::answers::parse(&source, mini());
            }
            Err(e) => prop_assert!(e.to_string().starts_with("<fuzz>: "), "{e}"),
        }
    }

    #[test]
    fn expression_parser_never_panics(src in expression_like()) {
        let _ = esg::expr::parse::parse(&src);
    }
}

/// Lines that are mostly valid TOML and often valid answers, to reach deep into the reader.
fn toml_like_line() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("has_board"),
        Just("targets"),
        Just("env_checks"),
        Just("water"),
        Just("revenue"),
        Just("policy"),
        Just("turnover"),
        Just("board_women"),
        Just("turnovr"),
        Just("value"),
        Just("not_applicable"),
        Just("evidence"),
        Just("note"),
        Just("id"),
        Just("name"),
        Just("2024"),
        Just("reporting_year"),
        Just("version"),
    ];
    let value = prop_oneof![
        Just("true".to_owned()),
        Just("false".to_owned()),
        Just("\"short\"".to_owned()),
        Just("\"\"".to_owned()),
        Just("\"mini\"".to_owned()),
        Just("[\"a\", \"b\", \"a\"]".to_owned()),
        Just("[]".to_owned()),
        Just("[1, 2]".to_owned()),
        Just("{ 2023 = 1, 2024 = 2 }".to_owned()),
        Just("{ 1800 = 1 }".to_owned()),
        Just("{ value = 3 }".to_owned()),
        Just("{ not_applicable = \"x\" }".to_owned()),
        Just("{ note = \"n\", evidence = \"e\" }".to_owned()),
        Just("nan".to_owned()),
        Just("-inf".to_owned()),
        Just("1e308".to_owned()),
        Just("9223372036854775807".to_owned()),
        Just("1979-05-27".to_owned()),
        Just("0x10".to_owned()),
        Just("1_000".to_owned()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| format!("{f:?}")),
        "\"[^\"\\\\\n]{0,8}\"",
    ];
    prop_oneof![
        1 => prop_oneof![Just("[guideline]\n"), Just("[firm]\n"), Just("[answers]\n"), Just("[answers.water]\n"), Just("[answers.policy]\n"), Just("[x]\n")]
            .prop_map(str::to_owned),
        5 => (key, value).prop_map(|(k, v)| format!("{k} = {v}\n")),
        1 => "[ -~]{0,20}\n",
    ]
}

/// Text built from the tokens of the expression language, nested at random.
fn expression_like() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("has_board".to_owned()),
        Just("turnover".to_owned()),
        Just("1.5".to_owned()),
        Just("\"a\"".to_owned()),
        Just("'b".to_owned()),
        Just("1.2.3".to_owned()),
        Just("é".to_owned()),
        Just("=".to_owned()),
        Just("".to_owned()),
        Just("kr_grid.electricity".to_owned()),
        "[ -~]{0,6}",
    ];
    leaf.prop_recursive(6, 64, 4, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop_oneof![
                    Just(" and "),
                    Just(" or "),
                    Just(" + "),
                    Just(" / "),
                    Just(" < "),
                    Just(" in "),
                    Just(" == ")
                ],
                inner.clone()
            )
                .prop_map(|(a, op, b)| format!("{a}{op}{b}")),
            inner.clone().prop_map(|a| format!("not {a}")),
            inner.clone().prop_map(|a| format!("-({a})")),
            prop::collection::vec(inner.clone(), 0..3)
                .prop_map(|v| format!("max({})", v.join(", "))),
            prop::collection::vec(inner, 0..3).prop_map(|v| format!("[{}]", v.join(", "))),
        ]
    })
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for (open, close) in [
        ("(", ")"),
        ("[", "]"),
        ("max(", ")"),
        ("-", ""),
        ("not ", ""),
    ] {
        let src = format!("{}1{}", open.repeat(600), close.repeat(600));
        assert!(src.len() <= 4096);
        let e = esg::expr::parse::parse(&src);
        assert!(e.is_err(), "{open}…{close} nested 600 deep is refused");
    }
    let long = "1 + ".repeat(2000) + "1";
    assert!(
        esg::expr::parse::parse(&long).is_err(),
        "an expression over 4,096 characters is refused"
    );
}
