//! Writes a synthetic portfolio of answers files for the built-in guideline, for tests and
//! benchmarks. The same seed gives the same files, byte for byte.
//!
//! ```sh
//! cargo run --release --example gen_portfolio -- --firms 100000 --seed 1 [--broken 3] DIR
//! ```
//!
//! Firms vary as real ones do: size (5 to 1,000 people), sector, listed or not, a board or not, a
//! manufacturing site or not, discharge permits, suppliers; a maturity that makes their answers
//! better or worse; some questions left unanswered, some marked not applicable with a reason, some
//! with evidence. Files go into subdirectories of 1,000 (`DIR/000/firm-000001.toml`). With
//! `--broken P`, about P percent of the files are broken on purpose, in turns: malformed TOML, a
//! value of the wrong type, an unknown question id, another guideline.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write as _;
use std::path::PathBuf;

use esg::guideline::{BUILTIN_DEFAULT, Guideline, Question, QuestionKind, load_builtin};

/// SplitMix64: a tiny, well-mixed, seedable generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const PREFIX: &[&str] = &[
    "대성",
    "한길",
    "세진",
    "온누리",
    "동양",
    "삼화",
    "미래",
    "한빛",
    "신성",
    "태평",
    "새한",
    "푸른",
    "대한",
    "서해",
    "남도",
    "우리",
    "금강",
    "백두",
    "한결",
    "다온",
];
const SUFFIX: &[&str] = &[
    "오토텍",
    "정밀",
    "산업",
    "물산",
    "로지스",
    "테크",
    "디자인",
    "푸드",
    "케미칼",
    "전자",
    "건설",
    "솔루션",
    "소재",
    "기계",
    "에너지",
];
const SECTORS: &[&str] = &[
    "C", "C", "C", "C", "F", "G", "G", "H", "I", "J", "M", "N", "other",
];
const EVIDENCE: &[&str] = &[
    "환경방침.pdf",
    "안전보건경영계획.xlsx",
    "https://example.com/esg-report",
    "이사회 의사록 2025.pdf",
    "ISO 14001 인증서.pdf",
];

struct Firm {
    employees: u64,
    sector: &'static str,
    manufacturing: bool,
    listed: bool,
    board: bool,
    /// 0 (beginner) to 1 (leading).
    maturity: f64,
    /// Share of questions left unanswered.
    skip: f64,
}

fn firm(rng: &mut Rng) -> Firm {
    // Log-uniform size: many small firms, a few large ones.
    let employees = (5.0 * 200f64.powf(rng.unit())).round() as u64;
    let sector = *rng.pick(SECTORS);
    let manufacturing = matches!(sector, "C" | "D" | "E") || rng.chance(0.1);
    let listed = employees > 150 && rng.chance(0.3);
    let board = listed || (employees > 30 && rng.chance(0.6));
    let maturity = (rng.unit() * 0.7 + if employees > 100 { 0.3 } else { 0.0 }).min(1.0);
    let skip = if rng.chance(0.6) {
        0.0
    } else {
        rng.unit() * 0.35
    };
    Firm {
        employees,
        sector,
        manufacturing,
        listed,
        board,
        maturity,
        skip,
    }
}

/// An index in 0..n leaning towards the top for mature firms.
fn level(rng: &mut Rng, n: usize, maturity: f64) -> usize {
    let x = (maturity + (rng.unit() - 0.5) * 0.6).clamp(0.0, 0.999);
    ((x * n as f64) as usize).min(n.saturating_sub(1))
}

fn number(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_owned)
}

/// A yearly amount per employee for the questions whose size follows the firm's (revenue, energy,
/// fuels, emissions), so that generated figures are plausible together: a low and a high end.
fn per_employee(id: &str, f: &Firm) -> Option<(f64, f64)> {
    let m = f.manufacturing;
    Some(match id {
        "revenue" => (1.5, 5.0),
        "electricity_kwh" if m => (20_000.0, 80_000.0),
        "electricity_kwh" => (3_000.0, 10_000.0),
        "re_certified_kwh" | "onsite_renewable_kwh" => (0.0, 300.0),
        "city_gas" if m => (8_000.0, 80_000.0),
        "city_gas" => (800.0, 6_000.0),
        "lpg" => (0.0, 50.0),
        "diesel_l" | "kerosene_l" | "heavy_oil_l" if m => (0.0, 100.0),
        "diesel_l" | "kerosene_l" | "heavy_oil_l" => (0.0, 10.0),
        "district_heat" => (0.0, 5.0),
        "vehicle_diesel_l" => (20.0, 400.0),
        "vehicle_gasoline_l" => (10.0, 200.0),
        "vehicle_lpg_l" => (0.0, 50.0),
        "energy_mwh" if m => (25.0, 100.0),
        "energy_mwh" => (4.0, 12.0),
        "ghg_tco2e" if m => (10.0, 40.0),
        "ghg_tco2e" => (1.5, 5.0),
        _ => return None,
    })
}

fn value(rng: &mut Rng, q: &Question, f: &Firm) -> String {
    let scaled =
        per_employee(&q.id, f).map(|(lo, hi)| f.employees as f64 * (lo + (hi - lo) * rng.unit()));
    let span = |rng: &mut Rng| -> f64 {
        if let Some(x) = scaled {
            return x;
        }
        match (q.min, q.max) {
            (Some(lo), Some(hi)) if hi <= 100.0 => lo + (hi - lo) * rng.unit(),
            (lo, Some(hi)) => {
                let lo = lo.unwrap_or(0.0);
                lo + (hi.min(lo + 10.0 * f.employees as f64) - lo) * rng.unit()
            }
            (lo, None) => lo.unwrap_or(0.0) + f.employees as f64 * (1.0 + 50.0 * rng.unit()),
        }
    };
    match q.kind {
        QuestionKind::Table => "[]".to_owned(),
        QuestionKind::YesNo => rng.chance(0.2 + 0.7 * f.maturity).to_string(),
        QuestionKind::Choice => {
            let i = level(rng, q.options.len(), f.maturity);
            format!("{:?}", q.options[i].id)
        }
        QuestionKind::Multi => {
            let ticked: Vec<String> = q
                .options
                .iter()
                .filter(|_| rng.chance(0.15 + 0.8 * f.maturity))
                .map(|o| format!("{:?}", o.id))
                .collect();
            format!("[{}]", ticked.join(", "))
        }
        QuestionKind::Integer => {
            let hi = q.max.unwrap_or(f.employees as f64).min(f.employees as f64);
            let lo = q.min.unwrap_or(0.0).min(hi);
            format!("{}", (lo + (hi - lo) * rng.unit()).round() as i64)
        }
        QuestionKind::Number => number(span(rng)),
        QuestionKind::Text => format!("{:?}", "담당자 검토 완료"),
        QuestionKind::Series => {
            let years = q.years.clamp(2, 5) as i32;
            let mut x = span(rng).max(1.0);
            // Mature firms improve (values fall) a little each year; others drift up.
            let drift = if rng.chance(f.maturity) { 0.95 } else { 1.04 };
            // A stated emissions figure covers past years only: the reporting year's comes from
            // the inventory, and a made-up one would contradict it.
            let last = if q.id == "ghg_tco2e" { 2025 } else { 2026 };
            let points: Vec<String> = (last - years..last)
                .map(|y| {
                    x = (x * drift * (0.97 + 0.06 * rng.unit())).max(0.0);
                    if let Some(hi) = q.max {
                        x = x.min(hi);
                    }
                    format!("{y} = {}", number(x))
                })
                .collect();
            format!("{{ {} }}", points.join(", "))
        }
    }
}

fn answers_file(rng: &mut Rng, g: &Guideline, n: usize) -> String {
    let f = firm(rng);
    let mut out = String::with_capacity(4096);
    let name = format!("{}{}(주)", rng.pick(PREFIX), rng.pick(SUFFIX));
    let _ = writeln!(
        out,
        "# 합성 포트폴리오 {n}: 직원 {}명, 업종 {}",
        f.employees, f.sector
    );
    let _ = writeln!(
        out,
        "\n[guideline]\nid = {:?}\nversion = {:?}",
        g.id, g.version
    );
    let _ = writeln!(out, "\n[firm]\nname = {name:?}");
    let _ = writeln!(
        out,
        "business_number = \"{:03}-{:02}-{:05}\"",
        100 + n % 900,
        81 + n % 7,
        n % 100_000
    );
    let _ = writeln!(out, "reporting_year = 2025\n\n[answers]");
    for q in &g.questions {
        let profile = match q.id.as_str() {
            "listed" => Some(f.listed.to_string()),
            "has_board" => Some(f.board.to_string()),
            "employees" => Some(f.employees.to_string()),
            "sector" => Some(format!("{:?}", f.sector)),
            "has_manufacturing_site" => Some(f.manufacturing.to_string()),
            "discharge_permits" if !f.manufacturing => Some("[]".to_owned()),
            "has_suppliers" => Some((f.manufacturing || rng.chance(0.5)).to_string()),
            // Korean SMEs, with a few sites abroad.
            "country" => Some(format!(
                "{:?}",
                if rng.chance(0.97) {
                    "KR"
                } else {
                    *rng.pick(&["GB", "US"])
                }
            )),
            // Units as Korean bills state them.
            "city_gas_unit" => Some("\"mj\"".to_owned()),
            "lpg_unit" => Some("\"kg\"".to_owned()),
            "district_heat_unit" => Some("\"gcal\"".to_owned()),
            _ => None,
        };
        if let Some(v) = profile {
            let _ = writeln!(out, "{} = {v}", q.id);
            continue;
        }
        if rng.chance(f.skip) {
            continue;
        }
        if q.allow_na && rng.chance(0.03) {
            let _ = writeln!(
                out,
                "{} = {{ not_applicable = \"해당 업무가 없음\" }}",
                q.id
            );
            continue;
        }
        let v = value(rng, q, &f);
        if rng.chance(0.05) {
            let doc = rng.pick(EVIDENCE);
            let _ = writeln!(out, "{} = {{ value = {v}, evidence = [{doc:?}] }}", q.id);
        } else {
            let _ = writeln!(out, "{} = {v}", q.id);
        }
    }
    out
}

fn break_file(rng: &mut Rng, text: String, kind: usize) -> String {
    match kind % 4 {
        // Malformed TOML: an unterminated string somewhere in the answers.
        0 => {
            let lines: Vec<&str> = text.lines().collect();
            let at = lines.len() / 2 + rng.below(lines.len() / 3);
            let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
            out[at] = format!(
                "{} = \"not closed",
                lines[at].split(' ').next().unwrap_or("x")
            );
            out.join("\n") + "\n"
        }
        1 => text.replacen("employees = ", "employees = \"many\" # ", 1),
        2 => text.replacen("[answers]\n", "[answers]\nemploees = 12\n", 1),
        _ => text.replacen("id = \"k-esg-sme\"", "id = \"vsme-basic\"", 1),
    }
}

fn main() -> std::process::ExitCode {
    let mut firms = 1000usize;
    let mut seed = 1u64;
    let mut broken = 0.0f64;
    let mut dir: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen_portfolio [--firms N] [--seed S] [--broken PERCENT] DIR";
    while let Some(a) = args.next() {
        let mut val = |name: &str| {
            args.next()
                .unwrap_or_else(|| panic!("{name} needs a value\n{usage}"))
        };
        match a.as_str() {
            "--firms" => firms = val("--firms").parse().expect("--firms N"),
            "--seed" => seed = val("--seed").parse().expect("--seed S"),
            "--broken" => broken = val("--broken").parse().expect("--broken PERCENT"),
            "-h" | "--help" => {
                println!("{usage}");
                return std::process::ExitCode::SUCCESS;
            }
            _ if dir.is_none() && !a.starts_with('-') => dir = Some(PathBuf::from(a)),
            _ => {
                eprintln!("unexpected argument `{a}`\n{usage}");
                return std::process::ExitCode::from(2);
            }
        }
    }
    let Some(dir) = dir else {
        eprintln!("{usage}");
        return std::process::ExitCode::from(2);
    };
    let g = load_builtin(BUILTIN_DEFAULT).expect("the built-in guideline loads");
    let mut rng = Rng(seed);
    let mut broken_count = 0;
    for n in 0..firms {
        let sub = dir.join(format!("{:03}", n / 1000));
        if n % 1000 == 0 {
            std::fs::create_dir_all(&sub).expect("create the output directory");
        }
        let mut text = answers_file(&mut rng, &g, n);
        if broken > 0.0 && rng.chance(broken / 100.0) {
            text = break_file(&mut rng, text, broken_count);
            broken_count += 1;
        }
        std::fs::write(sub.join(format!("firm-{n:06}.toml")), text).expect("write a file");
    }
    eprintln!(
        "wrote {firms} answers files ({broken_count} broken on purpose) to {}",
        dir.display()
    );
    std::process::ExitCode::SUCCESS
}
