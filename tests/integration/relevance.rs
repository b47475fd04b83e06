//! Relevance: a question is asked only while something that reads it can still count, decided
//! once in the library (`esg::score::relevant`) and used by `esg assess`, `esg init --from` and
//! lint's `answer-not-asked`; it decides what is asked, never how an answer counts.

use esg::answers::Answers;
use esg::guideline::Guideline;
use esg::score::{Options, Relevance, relevant, score, summarize};
use esg::scorecard::Finding;
use esg::source::Source;
use esg::text::Lang;

fn builtin() -> Guideline {
    esg::guideline::load_builtin("k-esg-sme").unwrap()
}

fn parse(g: &Guideline, answers: &str) -> Answers {
    let text = format!(
        "[guideline]\nid = \"{}\"\n[firm]\nname = \"T\"\nreporting_year = 2025\n[answers]\n{answers}",
        g.id
    );
    esg::answers::parse(&Source::new("t.toml", text), g).unwrap()
}

fn of<'a>(g: &Guideline, r: &'a [Relevance], id: &str) -> &'a Relevance {
    &r[g.question_index(id).unwrap()]
}

/// The profile of a small service firm: no factory, unlisted, no board, no discharge facility,
/// no regular supplier.
const SERVICE: &str = "listed = false\nhas_board = false\nemployees = 12\nsector = \"M\"\n\
     has_manufacturing_site = false\ndischarge_permits = []\nhas_suppliers = false\n";

#[test]
fn a_service_firm_is_not_asked_what_only_items_that_do_not_apply_read() {
    let g = builtin();
    let r = relevant(&g, &parse(&g, SERVICE));
    for id in [
        "materials_t",
        "materials_vs_industry",
        "recycled_input_pct",
        "recycled_input_vs_industry",
        "water_reuse_pct",
        "water_reuse_vs_industry",
    ] {
        let Relevance::NoUse { indicators } = of(&g, &r, id) else {
            panic!("{id}: {:?}", of(&g, &r, id));
        };
        assert_eq!(indicators.len(), 1, "{id}");
        let (_, finding) = &indicators[0];
        assert!(matches!(finding, Finding::DoesNotApply { .. }), "{id}");
        // The guideline's words say why, in both languages.
        assert!(
            finding
                .message(Lang::Ko)
                .contains("공장이나 제조 설비가 없"),
            "{id}"
        );
        assert!(finding.message(Lang::En).contains("no factory"), "{id}");
    }
    // Ask-conditions still decide as before.
    assert!(matches!(
        of(&g, &r, "board_size"),
        Relevance::NotAsked {
            reason: Some(_),
            ..
        }
    ));
    assert!(matches!(
        of(&g, &r, "disabled_employees"),
        Relevance::NotAsked { .. }
    ));
    // The inventory is part of every report: fuel and energy questions stay.
    for id in [
        "electricity_kwh",
        "city_gas",
        "vehicle_diesel_l",
        "country",
        "revenue",
    ] {
        assert_eq!(of(&g, &r, id), &Relevance::Relevant, "{id}");
    }
    // A profile answer never rules out its own question.
    for id in ["has_board", "has_manufacturing_site", "sector", "employees"] {
        assert_eq!(of(&g, &r, id), &Relevance::Relevant, "{id}");
    }
}

#[test]
fn what_is_not_known_yet_may_still_count() {
    let g = builtin();
    // The sector is not answered: raw materials may still apply.
    let r = relevant(&g, &parse(&g, "has_manufacturing_site = false\n"));
    assert_eq!(of(&g, &r, "materials_t"), &Relevance::Relevant);
    // Nothing answered: every question that something reads is asked, but for ask-conditions
    // that are already false: follow-ups that only an answer given opens (the heat supplier once
    // heat is bought, the rest of a verified inventory once its Scope 1 total is given).
    let r = relevant(&g, &parse(&g, ""));
    let follow_ups = [
        "heat_supplier",
        "verified_scope2_location_t",
        "verified_scope2_market_t",
        "verified_inventory_source",
    ];
    for (q, rel) in r.iter().enumerate() {
        let id = g.questions[q].id.as_str();
        assert_eq!(
            rel.is_relevant(),
            !follow_ups.contains(&id),
            "{id}: {rel:?}"
        );
    }
}

#[test]
fn marking_a_figure_not_applicable_rules_out_its_comparison_but_not_itself() {
    let g = builtin();
    let r = relevant(
        &g,
        &parse(
            &g,
            "water_m3 = { not_applicable = \"shared office, no meter\" }\n",
        ),
    );
    assert_eq!(of(&g, &r, "water_m3"), &Relevance::Relevant);
    let Relevance::NoUse { indicators } = of(&g, &r, "water_vs_industry") else {
        panic!("{:?}", of(&g, &r, "water_vs_industry"));
    };
    assert_eq!(indicators[0].0, "E-5-1");
    assert!(
        indicators[0]
            .1
            .message(Lang::En)
            .contains("shared office, no meter")
    );
}

/// The example files, each also with answers left out in many ways (a firm part-way through).
fn partial_files(g: &Guideline) -> Vec<(String, Answers)> {
    let mut out = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(crate::common::root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    names.sort();
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let full = esg::answers::parse(&Source::new(&name, text.clone()), g).unwrap();
        let mut bases = vec![(name.clone(), full)];
        // The same answers after the profile changed: no factory, a service sector, water marked
        // not applicable; what depended on them is now answered but no longer counts.
        let changed = text
            .replace(
                "has_manufacturing_site = true",
                "has_manufacturing_site = false",
            )
            .replace("sector = \"C\"", "sector = \"M\"")
            .replace(
                "water_m3 = {",
                "water_m3 = { not_applicable = \"moved\" }\nwas_water = {",
            );
        let changed = changed
            .lines()
            .filter(|l| !l.starts_with("was_water"))
            .collect::<Vec<_>>()
            .join("\n");
        if changed != text {
            let a = esg::answers::parse(&Source::new(&name, changed), g).unwrap();
            bases.push((format!("{name} with its profile changed"), a));
        }
        for (name, base) in bases {
            out.push((name.clone(), base.clone()));
            for k in 2..=5 {
                for offset in 0..k {
                    let mut a = base.clone();
                    for (q, e) in a.entries.iter_mut().enumerate() {
                        if (q * 7 + offset) % k == 0 {
                            *e = None;
                        }
                    }
                    out.push((format!("{name} without every {k}th from {offset}"), a));
                }
            }
        }
    }
    out
}

/// Leaving out every answer to a question that is not relevant changes no number of the
/// scorecard: relevance decides what is asked, never how an answer counts.
#[test]
fn answers_to_questions_not_relevant_change_no_score() {
    let g = builtin();
    let mut dropped = 0;
    let files = partial_files(&g);
    assert!(
        files
            .iter()
            .filter(|(n, _)| n.contains("profile changed"))
            .count()
            >= 4
    );
    for (name, a) in files {
        let r = relevant(&g, &a);
        let mut lean = a.clone();
        for (q, rel) in r.iter().enumerate() {
            if !rel.is_relevant() && lean.entries[q].is_some() {
                lean.entries[q] = None;
                dropped += 1;
            }
        }
        let o = Options::default();
        assert_eq!(summarize(&g, &a, o), summarize(&g, &lean, o), "{name}");
        let (full, less) = (score(&g, &a, o), score(&g, &lean, o));
        for (x, y) in full.indicators.iter().zip(&less.indicators) {
            assert_eq!(
                (x.status, x.points, x.score),
                (y.status, y.points, y.score),
                "{name}: {}",
                x.id
            );
        }
        assert_eq!(
            full.metrics.iter().map(|m| m.value).collect::<Vec<_>>(),
            less.metrics.iter().map(|m| m.value).collect::<Vec<_>>(),
            "{name}"
        );
    }
    // The property is not empty: answers were left out.
    assert!(dropped > 0);
}

/// The same on the small test guideline and its worked example.
#[test]
fn relevance_on_the_mini_guideline() {
    let g = esg::guideline::load_dir(&crate::common::root().join(crate::common::MINI)).unwrap();
    let text = std::fs::read_to_string(crate::common::root().join(crate::common::WORKED)).unwrap();
    let a = esg::answers::parse(&Source::new("w.toml", text), &g).unwrap();
    let r = relevant(&g, &a);
    let mut lean = a.clone();
    for (q, rel) in r.iter().enumerate() {
        if !rel.is_relevant() {
            lean.entries[q] = None;
        }
    }
    let o = Options::default();
    assert_eq!(summarize(&g, &a, o), summarize(&g, &lean, o));
    // Water marked not applicable: the trend per revenue does not apply, and revenue, read by
    // nothing else, no longer counts.
    let na = parse_mini(
        &g,
        "water = { not_applicable = \"office\" }\nrevenue = { 2024 = 1 }\n",
    );
    let r = relevant(&g, &na);
    assert!(matches!(of(&g, &r, "revenue"), Relevance::NoUse { .. }));
    assert_eq!(of(&g, &r, "water"), &Relevance::Relevant);
}

fn parse_mini(g: &Guideline, answers: &str) -> Answers {
    let text = format!("[guideline]\nid = \"mini\"\n[firm]\nname = \"T\"\n[answers]\n{answers}");
    esg::answers::parse(&Source::new("t.toml", text), g).unwrap()
}

/// Lint's `answer-not-asked` says in words, in both languages, why an answer is not used.
#[test]
fn lint_says_why_an_answer_counts_for_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    std::fs::write(
        &path,
        format!(
            "[guideline]\nid = \"k-esg-sme\"\n[firm]\nname = \"T\"\nreporting_year = 2025\n\
             [answers]\n{SERVICE}materials_t = {{ 2024 = 1, 2025 = 2 }}\nboard_size = 3\n"
        ),
    )
    .unwrap();
    for (lang, words) in [
        (
            "en",
            [
                "`materials_t` counts for nothing with these answers",
                "E-2-1 Raw material use: Does not apply: the firm has no factory",
                "`board_size` is not asked for these answers, so this answer is ignored. Does not apply: the firm has no board",
            ],
        ),
        (
            "ko",
            [
                "`materials_t` 질문의 답은 이 답변에서 점수에 쓰이지 않습니다",
                "E-2-1 원부자재 사용량: 공장이나 제조 설비가 없고",
                "`board_size` 질문은 이 답변에서 묻지 않으므로 이 답은 쓰이지 않습니다. 이사회가 없거나",
            ],
        ),
    ] {
        let out = crate::common::esg()
            .args(["lint", "--lang", lang])
            .arg(&path)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        for w in words {
            assert!(text.contains(w), "{w}\n{text}");
        }
        assert_eq!(text.matches("answer-not-asked").count(), 2, "{text}");
    }
}

/// The reporting year's headcount is the profile's: a series given for earlier years only scores
/// as one that repeats it, and a figure given for that year stands.
#[test]
fn the_profile_headcount_stands_for_the_reporting_year() {
    let g = builtin();
    let profile = "employees = 20\ntraining_spend = { 2023 = 420, 2024 = 560, 2025 = 900 }\n\
                   training_vs_industry = \"better\"\n";
    let earlier = parse(
        &g,
        &format!("{profile}headcount = {{ 2021 = 13, 2022 = 15, 2023 = 16, 2024 = 18 }}\n"),
    );
    let full = parse(
        &g,
        &format!(
            "{profile}headcount = {{ 2021 = 13, 2022 = 15, 2023 = 16, 2024 = 18, 2025 = 20 }}\n"
        ),
    );
    let other = parse(
        &g,
        &format!(
            "{profile}headcount = {{ 2021 = 13, 2022 = 15, 2023 = 16, 2024 = 18, 2025 = 40 }}\n"
        ),
    );
    let o = Options::default();
    let points = |a: &Answers| {
        let card = score(&g, a, o);
        ["S-2-1", "S-2-4"].map(|id| {
            let i = card.indicators.iter().find(|i| i.id == id).unwrap();
            (i.status, i.points)
        })
    };
    assert_eq!(points(&earlier), points(&full));
    assert_eq!(summarize(&g, &earlier, o), summarize(&g, &full, o));
    // The firm's own figure for the year stands.
    assert_ne!(points(&other), points(&full));
    // Not answered at all, the series stays unanswered.
    let none = parse(&g, profile);
    let card = score(&g, &none, o);
    let s21 = card.indicators.iter().find(|i| i.id == "S-2-1").unwrap();
    assert_eq!(s21.status, esg::scorecard::Status::Unanswered);
}

/// `current` is for series, and reads answers that are not series.
#[test]
fn current_is_checked_when_the_guideline_is_loaded() {
    let mini = crate::common::root().join(crate::common::MINI);
    let base = std::fs::read_to_string(mini.join("guideline.toml")).unwrap();
    for (key, after, words) in [
        (
            "current = \"turnover\"\n",
            "id = \"policy\"\n",
            "`current` applies only to series questions",
        ),
        (
            "current = \"latest(revenue)\"\n",
            "id = \"water\"\n",
            "`current` reads only answers that are not series",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        assert!(base.contains(after));
        let text = base.replacen(after, &format!("{after}{key}"), 1);
        std::fs::write(dir.path().join("guideline.toml"), text).unwrap();
        let out = crate::common::esg()
            .args(["lint", "--lang", "en"])
            .arg(dir.path())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(words), "{text}");
        assert_eq!(out.status.code(), Some(1), "{text}");
    }
    // A number from the profile is accepted.
    let dir = tempfile::tempdir().unwrap();
    let text = base.replacen(
        "id = \"water\"\n",
        "id = \"water\"\ncurrent = \"turnover\"\n",
        1,
    );
    std::fs::write(dir.path().join("guideline.toml"), text).unwrap();
    crate::common::esg()
        .args(["lint", "--lang", "en"])
        .arg(dir.path())
        .assert()
        .success();
}

/// `esg assess` in a pseudo-terminal, as an owner sees relevance: what is left and how long it
/// takes, the count shrinking as profile answers rule questions out, and series asking only the
/// years the guideline needs, saying why.
#[cfg(unix)]
mod terminal {
    use crate::common::pty::Pty;

    const ESC: &str = "\x1b";

    /// The number in `남은 질문 N개` of the next progress line.
    fn left(p: &mut Pty) -> usize {
        p.expect_regex("남은 질문 [0-9]+개 · 약 [0-9]+분");
        let seen = p.seen();
        let at = seen.rfind("남은 질문 ").expect("a progress line") + "남은 질문 ".len();
        seen[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap()
    }

    /// Saves and quits from a question's menu, or from the review when `from_review`; returns
    /// what was printed.
    fn quit(p: &mut Pty, from_review: bool) -> String {
        if from_review {
            // The list is long: typing filters it to the one choice.
            p.answer("고칠 질문을 고르거나 끝내십시오", "저장하고 끝내기\r");
        } else {
            p.prompt();
            p.send(ESC);
            p.answer("메뉴:", "저장하고 끝내기\r");
        }
        let (out, code) = p.finish();
        assert_eq!(code, 0, "{out}");
        out
    }

    #[test]
    fn profile_answers_shrink_what_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = Pty::spawn(dir.path(), &["assess", "--lang", "ko"], 120, 40);
        p.answer("회사 이름:", "온누리디자인\r");
        p.answer("지금 답: 2024", "\r");
        p.expect("[1/");
        let all = left(&mut p);
        p.answer("증권시장", "아니요\r");
        // Unlisted: the four shareholder questions and the listed-company board structures go.
        let unlisted = left(&mut p);
        assert!(unlisted < all - 5 - 4, "{unlisted}");
        // Capital under KRW 1 billion: no board is required, so its question and the board
        // questions go too.
        p.answer("회사의 자본금은 얼마입니까?", "1\r");
        let no_board = left(&mut p);
        assert!(no_board < unlisted - 6, "{no_board}");
        p.answer("상시 근로자는 몇 명입니까?", "12\r");
        // Under 50 people: the disabled-employment question goes.
        assert_eq!(left(&mut p), no_board - 2);
        let out = quit(&mut p, false);
        assert!(!out.contains("listed"), "{out}");
    }

    #[test]
    fn series_ask_only_the_years_needed_and_say_why() {
        let dir = tempfile::tempdir().unwrap();
        // The example service firm with every question that can count for it answered, but its
        // total energy of earlier years and its headcount series.
        let mut text =
            std::fs::read_to_string(crate::common::root().join("examples/service-20.toml"))
                .unwrap();
        text = text.replace(
            "headcount = { 2021 = 13, 2022 = 15, 2023 = 16, 2024 = 18, 2025 = 20 }\n",
            "",
        );
        text = text.replace(
            "has_suppliers = false\n",
            "has_suppliers = false\ncountry = \"KR\"\nscope3_identified = \"none\"\n\
             scope3_measured = \"none\"\nscope3_verified = \"none\"\nghg_verification = []\n\
             re_certified_kwh = 0\nonsite_renewable_kwh = 0\ncity_gas = 0\ncity_gas_unit = \"mj\"\n\
             lpg = 0\nlpg_unit = \"kg\"\ndiesel_l = 0\nkerosene_l = 0\nheavy_oil_l = 0\n\
             district_heat = 0\ndistrict_heat_unit = \"gcal\"\nvehicle_diesel_l = 0\n\
             vehicle_gasoline_l = 0\nvehicle_lpg_l = 0\n",
        );
        text = text.replace(
            "[answers.ghg_tco2e]\n",
            "[answers.ghg_tco2e]\nvalue = { 2023 = 17.2, 2024 = 16.7, 2025 = 16.2 }\n",
        );
        std::fs::write(dir.path().join("a.toml"), text).unwrap();
        let mut p = Pty::spawn(
            dir.path(),
            &["assess", "--lang", "ko", "--answers", "a.toml"],
            120,
            40,
        );
        // Two questions are left, and the progress line says so.
        p.expect_regex("· 환경\\] 남은 질문 2개 · 약 [0-9]+분");
        p.expect("2025년 값은 앞서 답한 내용에서 가져오므로 2023~2024년만 묻습니다.");
        p.answer("2024 (MWh", "150\r");
        p.answer("2023 (MWh", "160\r");
        p.expect_regex("· 사회\\] 남은 질문 1개 · 약 [0-9]+분");
        p.expect("2025년 값은 앞서 답한 내용에서 가져오므로 2021~2024년만 묻습니다.");
        for (year, n) in [(2024, 18), (2023, 16), (2022, 15), (2021, 13)] {
            p.answer(&format!("{year} (명"), &format!("{n}\r"));
        }
        p.expect("검토:");
        let out = quit(&mut p, true);
        // The reporting year was never asked for either.
        assert!(!out.contains("2025 (MWh"), "{out}");
        assert!(!out.contains("2025 (명"), "{out}");
        let saved = std::fs::read_to_string(dir.path().join("a.toml")).unwrap();
        assert!(
            saved.contains("energy_mwh = { 2023 = 160, 2024 = 150 }"),
            "{saved}"
        );
        assert!(
            saved.contains("headcount = { 2021 = 13, 2022 = 15, 2023 = 16, 2024 = 18 }"),
            "{saved}"
        );
        // Scored as before: the profile's headcount stands for 2025.
        let out = crate::common::esg()
            .current_dir(dir.path())
            .args(["score", "a.toml", "--format", "json"])
            .output()
            .unwrap();
        let card = crate::common::scorecard_json(&String::from_utf8(out.stdout).unwrap());
        let s21 = card["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "S-2-1")
            .unwrap();
        assert_eq!(s21["status"], "scored", "{s21}");
    }
}

/// The unit of a fuel or heat bill is asked only of a firm that uses some: with 0, no unit can
/// change a figure, and the inventory is the same with or without one.
#[test]
fn a_bill_unit_is_asked_only_when_there_is_an_amount() {
    let g = builtin();
    let units = [
        ("city_gas", "city_gas_unit", "\"mj\""),
        ("lpg", "lpg_unit", "\"l\""),
        ("district_heat", "district_heat_unit", "\"gcal\""),
    ];
    for (amount, unit, value) in units {
        // Not said yet: the unit may still count.
        let r = relevant(&g, &parse(&g, SERVICE));
        assert!(of(&g, &r, unit).is_relevant(), "{unit}");
        // Some used: asked.
        let r = relevant(&g, &parse(&g, &format!("{SERVICE}{amount} = 1200\n")));
        assert!(of(&g, &r, unit).is_relevant(), "{unit}");
        // None used: not asked, and scoring is the same without the unit as with it.
        let zero = format!("{SERVICE}{amount} = 0\n");
        let r = relevant(&g, &parse(&g, &zero));
        assert!(
            matches!(of(&g, &r, unit), Relevance::NotAsked { .. }),
            "{unit}"
        );
        let without = score(&g, &parse(&g, &zero), Options::default());
        let with = score(
            &g,
            &parse(&g, &format!("{zero}{unit} = {value}\n")),
            Options::default(),
        );
        assert_eq!(without.total, with.total, "{unit}");
        let ghg = |c: &esg::scorecard::Scorecard| {
            serde_json::to_string(&c.ghg.as_ref().map(|i| (i.scope1, i.energy_mwh))).unwrap()
        };
        assert_eq!(ghg(&without), ghg(&with), "{unit}");
    }
}
