//! `esg init`: the commented answers template, its refusal to overwrite, and its round trip:
//! filled with example values, it scores.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use esg::guideline::{Guideline, QuestionKind};

fn mini_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guidelines/mini")
}

/// The shared harness, run in `dir`, on a fixed date.
fn esg(dir: &Path) -> Command {
    let mut cmd = crate::common::esg();
    cmd.current_dir(dir)
        // 2025-01-04: the template's reporting year is 2024.
        .env("SOURCE_DATE_EPOCH", "1736000000");
    cmd
}

fn template(guideline: &str, lang: &str) -> String {
    let out = esg(Path::new("."))
        .args(["init", "--lang", lang, "--guideline", guideline])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn template_in_english() {
    insta::assert_snapshot!(template(mini_dir().to_str().unwrap(), "en"));
}

#[test]
fn template_in_korean() {
    insta::assert_snapshot!(template(mini_dir().to_str().unwrap(), "ko"));
}

#[test]
fn init_writes_a_file_and_refuses_to_overwrite_it_without_force() {
    let dir = tempfile::tempdir().unwrap();
    esg(dir.path())
        .args(["init", "--lang", "en", "-o", "client.toml"])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "wrote the answers template to client.toml",
        ));
    let path = dir.path().join("client.toml");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("id = \"k-esg-sme\""));

    std::fs::write(&path, "# the client's own work\n").unwrap();
    esg(dir.path())
        .args(["init", "--lang", "en", "-o", "client.toml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "client.toml already exists and was left as it is; add --force to overwrite it",
        ));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "# the client's own work\n"
    );

    esg(dir.path())
        .args(["init", "--lang", "en", "-o", "client.toml", "--force"])
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
}

#[test]
fn an_unknown_guideline_is_an_input_error() {
    esg(Path::new("."))
        .args(["init", "--guideline", "no-such-guideline"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "unknown guideline `no-such-guideline`",
        ));
}

/// An example answer for a question other than the template's placeholder: the top of the
/// range, the last option, every option, rising series.
fn example(q: &esg::guideline::Question, placeholder: &str) -> String {
    let mid = match (q.min, q.max) {
        (Some(lo), Some(hi)) => (lo + hi) / 2.0,
        (Some(lo), None) => lo + 40.0,
        (None, Some(hi)) => hi - 1.0,
        (None, None) => 40.0,
    };
    // Counts of people are small, so that they fit within one another (permanent employees
    // among employees, women among managers): impossible answers would earn nothing.
    let mid = if q.kind == QuestionKind::Integer {
        (q.min.unwrap_or(0.0) + 1.0).min(q.max.unwrap_or(f64::MAX))
    } else {
        mid
    };
    match q.kind {
        QuestionKind::Table => "[]".into(),
        QuestionKind::YesNo => "true".into(),
        QuestionKind::Choice => format!("{:?}", q.options.last().unwrap().id),
        QuestionKind::Multi => {
            let ids: Vec<String> = q.options.iter().map(|o| format!("{:?}", o.id)).collect();
            format!("[{}]", ids.join(", "))
        }
        QuestionKind::Number | QuestionKind::Integer => mid.to_string(),
        QuestionKind::Text => "\"An example\"".into(),
        QuestionKind::Series => {
            let t: toml::Table = toml::from_str(&format!("x = {placeholder}")).unwrap();
            let years = t["x"].as_table().unwrap();
            let parts: Vec<String> = years
                .keys()
                .enumerate()
                .map(|(i, y)| format!("{y} = {}", mid + i as f64))
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
    }
}

/// Fills every question of a template: uncomments its `# id = …` line with an example value, and
/// marks every other question that allows it not applicable.
fn fill(g: &Guideline, template: &str) -> String {
    let mut out = String::new();
    let mut filled = 0;
    let mut na = 0;
    let mut may_be_na = 0;
    for line in template.lines() {
        if line == "name = \"\"                           # required: the firm's name" {
            out.push_str("name = \"Example Ltd\"\n");
            continue;
        }
        let q = line
            .strip_prefix("# ")
            .and_then(|rest| rest.split_once(" = "))
            .and_then(|(id, value)| g.question_index(id).map(|q| (q, value)));
        match q {
            Some((q, placeholder)) => {
                let question = &g.questions[q];
                filled += 1;
                may_be_na += usize::from(question.allow_na);
                if question.allow_na && may_be_na % 2 == 1 {
                    na += 1;
                    out.push_str(&format!(
                        "{} = {{ not_applicable = \"Not for us\" }}\n",
                        question.id
                    ));
                } else {
                    out.push_str(&format!(
                        "{} = {}\n",
                        question.id,
                        example(question, placeholder)
                    ));
                }
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    assert_eq!(filled, g.questions.len(), "every question has one line");
    assert!(na > 0 || g.questions.iter().all(|q| !q.allow_na));
    out
}

fn round_trip(g: &Guideline, guideline_arg: &str) {
    let dir = tempfile::tempdir().unwrap();
    esg(dir.path())
        .args([
            "init",
            "--lang",
            "en",
            "--guideline",
            guideline_arg,
            "-o",
            "t.toml",
        ])
        .assert()
        .success();
    let template = std::fs::read_to_string(dir.path().join("t.toml")).unwrap();
    let mut filled = fill(g, &template);
    // The comments of the template are still there.
    assert!(filled.contains("# How to answer:"));
    // The examples choose the last option, "another country" for the built-in guideline, whose
    // help says to name the factor tables then: the inventory (and this year's total energy,
    // which the template does not ask again) needs them.
    if !g.families.is_empty() {
        filled.push_str("\n[factors]\n");
        for f in &g.families {
            let table = &g.factor_tables[f.tables[0]].id;
            filled.push_str(&format!("{} = \"{table}\"\n", f.id));
        }
    }
    std::fs::write(dir.path().join("t.toml"), &filled).unwrap();
    let out = esg(dir.path())
        .args([
            "score",
            "t.toml",
            "--format",
            "json",
            "--guideline",
            guideline_arg,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{filled}",
        String::from_utf8_lossy(&out.stderr)
    );
    let card = crate::common::scorecard_json(&String::from_utf8(out.stdout).unwrap());
    assert!(card["total"].as_f64().is_some(), "{card}");
    let completeness = &card["completeness"];
    assert!(
        completeness["scored"].as_u64().unwrap() > 0,
        "{completeness}"
    );
    // Every question answered: nothing applicable is left unanswered.
    assert_eq!(completeness["unanswered"], 0, "{completeness}");
}

#[test]
fn the_mini_template_filled_with_examples_scores() {
    let g = esg::guideline::load_dir(&mini_dir()).unwrap();
    round_trip(&g, mini_dir().to_str().unwrap());
}

#[test]
fn the_built_in_template_filled_with_examples_scores() {
    let g = esg::guideline::load_builtin("k-esg-sme").unwrap();
    round_trip(&g, "k-esg-sme");
}

#[test]
fn the_template_as_written_names_the_one_thing_missing() {
    let dir = tempfile::tempdir().unwrap();
    esg(dir.path())
        .args(["init", "--lang", "en", "-o", "t.toml"])
        .assert()
        .success();
    esg(dir.path())
        .args(["score", "t.toml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("t.toml:15:8"))
        .stderr(predicates::str::contains("the firm's `name` is empty"));
}

/// Guideline text with line breaks and control characters cannot end a comment of the template
/// and slip answers (or anything else) into it.
#[test]
fn guideline_text_cannot_break_out_of_the_templates_comments() {
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("mini");
    std::fs::create_dir(&package).unwrap();
    for entry in std::fs::read_dir(mini_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, package.join(path.file_name().unwrap())).unwrap();
        }
    }
    let file = package.join("guideline.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let hostile = text
        .replace(
            r#"en = "Short-term targets""#,
            r#"en = "Short-term\nhas_board = true\r\n[answers]\u001b[2J""#,
        )
        .replace(
            r#"en = "Does the firm have a board of directors?""#,
            r#"en = "Board?\npolicy = true""#,
        )
        .replace(r#"en = "m3""#, r#"en = "m3\nturnover = 5""#);
    assert_ne!(hostile, text, "the fixture still holds the texts replaced");
    std::fs::write(&file, hostile).unwrap();

    let out = esg(dir.path())
        .args(["init", "--lang", "en", "--guideline", "mini"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let template = String::from_utf8(out.stdout).unwrap();
    assert!(
        template.contains("Short-term␊has_board = true␍"),
        "{template}"
    );
    let doc: toml::Table = template.parse().expect("the template is valid TOML");
    let answers = doc.get("answers").and_then(toml::Value::as_table);
    assert!(
        answers.is_none_or(toml::Table::is_empty),
        "the template answers nothing: {answers:?}"
    );
    assert!(!template.contains('\u{1b}'));
}

/// A small service firm part-way through: its answers and a comment of its own.
const PARTIAL: &str = "# 온누리디자인: first call, 3 March\n\
[guideline]\nid = \"k-esg-sme\"\nversion = \"1.0.0\"\n\n\
[firm]\nname = \"Onnuri Design\"\nreporting_year = 2024\n\n\
[answers]\nlisted = false\nhas_board = false   # the owner decides alone\nemployees = 12\n\
revenue = { 2022 = 14.2, 2023 = 16.8, 2024 = 17.5 }\nsector = \"M\"\nhas_manufacturing_site = false\n\
discharge_permits = []\nhas_suppliers = false\ncountry = \"KR\"\nenv_targets = \"policy\"\n\n\
[answers.water_m3]\nnot_applicable = \"shared office, no meter\"\n";

/// `esg init --from`: the firm's file as it is, then only the questions still open that can
/// count for it, in asking order; filled in, it scores with nothing applicable left unanswered.
#[test]
fn init_from_a_partial_file_asks_only_what_is_left_and_filled_in_scores() {
    let g = esg::guideline::load_builtin("k-esg-sme").unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("client.toml"), PARTIAL).unwrap();
    esg(dir.path())
        .args([
            "init",
            "--lang",
            "en",
            "--from",
            "client.toml",
            "-o",
            "rest.toml",
        ])
        .assert()
        .success();
    let rest = std::fs::read_to_string(dir.path().join("rest.toml")).unwrap();
    // The file's own lines are all there, in their order, comments kept.
    let mut at = 0;
    for line in PARTIAL.lines().filter(|l| !l.is_empty()) {
        let found = rest[at..]
            .find(line)
            .unwrap_or_else(|| panic!("{line}\n{rest}"));
        at += found + line.len();
    }
    // The questions offered are exactly those still relevant and unanswered, in asking order.
    let partial =
        esg::answers::parse(&esg::source::Source::new("c", PARTIAL.to_owned()), &g).unwrap();
    let relevance = esg::score::relevant(&g, &partial);
    let offered: Vec<usize> = rest
        .lines()
        .filter_map(|l| l.strip_prefix("# ")?.split_once(" = "))
        .filter_map(|(id, _)| g.question_index(id))
        .collect();
    let mut expected: Vec<usize> = (0..g.questions.len())
        .filter(|&q| relevance[q].is_relevant() && partial.entries[q].is_none())
        .collect();
    expected.sort_by_key(|&q| offered.iter().position(|&x| x == q));
    assert_eq!(offered, expected);
    // Of the 112 questions, 11 are answered and 35 are not asked or can no longer count for this
    // firm.
    assert_eq!(offered.len(), 66);
    for id in [
        "materials_t",
        "water_reuse_pct",
        "water_vs_industry",
        "board_size",
        "listed",
    ] {
        assert!(!rest.contains(&format!("# {id} = ")), "{id}");
    }
    // This year's headcount is the profile's: only earlier years are asked, and why is said.
    assert!(
        rest.contains("# headcount = { 2020 = \"?\", 2021 = \"?\", 2022 = \"?\", 2023 = \"?\" }")
    );
    assert!(rest.contains("the figure for 2024 comes from other answers"));
    assert!(rest.contains(&format!("# {} questions left (about ", offered.len())));

    // Filled in, it scores, with nothing applicable left unanswered.
    let mut filled = String::new();
    for line in rest.lines() {
        match line
            .strip_prefix("# ")
            .and_then(|l| l.split_once(" = "))
            .and_then(|(id, p)| g.question_index(id).map(|q| (q, p)))
        {
            Some((q, placeholder)) => {
                let question = &g.questions[q];
                filled.push_str(&format!(
                    "{} = {}\n",
                    question.id,
                    example(question, placeholder)
                ));
            }
            None => {
                filled.push_str(line);
                filled.push('\n');
            }
        }
    }
    std::fs::write(dir.path().join("rest.toml"), &filled).unwrap();
    let out = esg(dir.path())
        .args(["score", "rest.toml", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let card = crate::common::scorecard_json(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(
        card["completeness"]["unanswered"], 0,
        "{}",
        card["completeness"]
    );
    // And nothing is left to ask.
    let again = esg(dir.path())
        .args(["init", "--lang", "ko", "--from", "rest.toml"])
        .output()
        .unwrap();
    let again = String::from_utf8(again.stdout).unwrap();
    // Except the follow-ups that answers just given open: the heat supplier once heat is bought,
    // the rest of a verified inventory once its Scope 1 total is given.
    let follow_ups = [
        "heat_supplier",
        "verified_scope2_location_t",
        "verified_scope2_market_t",
        "verified_inventory_source",
    ];
    let left: Vec<&str> = again
        .lines()
        .filter_map(|l| l.strip_prefix("# ")?.split_once(" = "))
        .map(|(id, _)| id)
        .filter(|id| g.question_index(id).is_some())
        .collect();
    assert!(
        again.contains("남은 질문이 없습니다.") || left.iter().all(|id| follow_ups.contains(id)),
        "{again}"
    );
}

/// `--from` keeps every answer and comment of a real file, says where an entry kept without a
/// value takes its answer, refuses to overwrite a file, and gives the same template when run on
/// its own output.
#[test]
fn init_from_keeps_the_file_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let example = crate::common::root().join("examples/service-20.toml");
    let original = std::fs::read_to_string(&example).unwrap();
    std::fs::write(dir.path().join("s.toml"), &original).unwrap();
    let first = esg(dir.path())
        .args(["init", "--lang", "ko", "--from", "s.toml"])
        .output()
        .unwrap();
    assert!(first.status.success());
    let first = String::from_utf8(first.stdout).unwrap();
    for line in original.lines() {
        assert!(first.contains(line), "{line}");
    }
    // The evidence and note of the greenhouse-gas figure are in the file: no second key.
    assert!(!first.contains("# ghg_tco2e = "));
    assert!(first.contains("이 질문은 파일에 근거 자료나 메모가 이미 있습니다."));
    // The same scores as the file it came from.
    std::fs::write(dir.path().join("t.toml"), &first).unwrap();
    let json = |name: &str| {
        let out = esg(dir.path())
            .args(["score", name, "--format", "json"])
            .output()
            .unwrap();
        let mut card = crate::common::scorecard_json(&String::from_utf8(out.stdout).unwrap());
        card["file"] = serde_json::Value::Null;
        card
    };
    assert_eq!(json("s.toml"), json("t.toml"));
    // Run on its own output, the template is the same.
    let second = esg(dir.path())
        .args(["init", "--lang", "ko", "--from", "t.toml"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(second.stdout).unwrap(), first);
    // An existing output file is left as it is.
    esg(dir.path())
        .args(["init", "--lang", "en", "--from", "s.toml", "-o", "t.toml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "t.toml already exists and was left as it is; add --force to overwrite it",
        ));
    // A broken file is reported, not turned into a template.
    std::fs::write(
        dir.path().join("bad.toml"),
        "[answers]\nemployees = \"many\"\n",
    )
    .unwrap();
    esg(dir.path())
        .args(["init", "--lang", "en", "--from", "bad.toml"])
        .assert()
        .code(2);
}
