//! Units chosen per answer (with the package's sourced conversions) and tables of rows: what
//! formulas, scores and the inventory see, the errors with their positions, and the three ways
//! of answering (`esg assess`, `esg serve`, `esg init`).

use std::path::Path;

use esg::answers::{AnswerValue, State};
use esg::guideline::Guideline;
use esg::source::Source;

use crate::common::{esg, root, scorecard_json};

/// The test package with units (and tables).
const TABLES: &str = "tests/fixtures/guidelines/tables";

fn tables() -> Guideline {
    esg::guideline::load_dir(&root().join(TABLES)).unwrap()
}

const HEAD: &str = "[guideline]\nid = \"tables\"\nversion = \"1.0.0\"\n\n\
[firm]\nname = \"Test\"\nreporting_year = 2024\n\n[answers]\n";

/// An answers file of the test package with `answers` under `[answers]`, `a.toml` or the next
/// free `aN.toml`.
fn file(dir: &Path, answers: &str) -> std::path::PathBuf {
    let mut path = dir.join("a.toml");
    let mut n = 1;
    while path.exists() {
        path = dir.join(format!("a{n}.toml"));
        n += 1;
    }
    std::fs::write(&path, format!("{HEAD}{answers}")).unwrap();
    path
}

fn score_json(path: &Path) -> serde_json::Value {
    let out = esg()
        .args([
            "score",
            "--format",
            "json",
            "--lang",
            "en",
            "--guideline",
            TABLES,
        ])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    scorecard_json(&String::from_utf8(out.stdout).unwrap())
}

fn metric(card: &serde_json::Value, id: &str) -> f64 {
    card["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("no metric {id} in {card}"))["value"]
        .as_f64()
        .unwrap()
}

#[test]
fn a_figure_in_another_unit_is_converted_for_scores_metrics_and_the_inventory() {
    let dir = tempfile::tempdir().unwrap();
    // 288 GJ = 80 MWh; 8000 L = 8 m³.
    let given = file(
        dir.path(),
        "energy = { value = 288, unit = \"GJ\" }\n\
         water = { value = { 2023 = 12000, 2024 = 8000 }, unit = \"L\" }\n",
    );
    let card = score_json(&given);
    assert!(
        (metric(&card, "energy_total") - 80.0).abs() < 1e-9,
        "{card}"
    );
    let scope2 = card["ghg"]["scope2_location"].as_f64().unwrap();
    assert!((scope2 - 40.0).abs() < 1e-9, "{}", card["ghg"]);
    // Under 100 MWh and under 10 m³: both at the top level.
    assert_eq!(card["indicators"][0]["points"], 1.0);
    assert_eq!(card["indicators"][1]["points"], 1.0);
    // The answer as given and as converted.
    let e1 = &card["indicators"][0]["answers"][0];
    assert_eq!(e1["question"], "energy");
    assert!((e1["value"].as_f64().unwrap() - 80.0).abs() < 1e-9);
    assert_eq!(e1["given"]["value"], 288.0);
    assert_eq!(e1["given"]["unit"], "GJ");
    assert_eq!(e1["answer"], "288 GJ (= 80 MWh)");
    let e2 = &card["indicators"][1]["answers"][0];
    assert_eq!(e2["given"]["unit"], "L");
    assert_eq!(e2["given"]["value"]["2024"], 8000.0);
    assert!((e2["value"]["2024"].as_f64().unwrap() - 8.0).abs() < 1e-9);

    // The same figures in the first unit score the same; their answers give no `given`.
    let plain = file(dir.path(), "energy = 80\nwater = { 2023 = 12, 2024 = 8 }\n");
    let card2 = score_json(&plain);
    assert_eq!(card2["total"], card["total"]);
    assert_eq!(
        card2["indicators"][0]["answers"][0]["given"],
        serde_json::Value::Null
    );
    assert_eq!(card2["indicators"][0]["answers"][0]["answer"], "80 MWh");

    // 150,000 kWh = 150 MWh: over 100, the lower level.
    let kwh = file(dir.path(), "energy = { value = 150000, unit = \"kWh\" }\n");
    let card3 = score_json(&kwh);
    assert!((metric(&card3, "energy_total") - 150.0).abs() < 1e-9);
    assert_eq!(card3["indicators"][0]["points"], 0.0);

    // Reports show the figure as given with its unit.
    let out = esg()
        .args([
            "score",
            "--detail",
            "--format",
            "markdown",
            "--lang",
            "ko",
            "--guideline",
            TABLES,
        ])
        .arg(&given)
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("288 GJ(= 80 MWh)"), "{md}");
}

#[test]
fn bounds_hold_on_the_converted_figure() {
    let dir = tempfile::tempdir().unwrap();
    // max = 1000 MWh: 3000 GJ (833 MWh) is within, 3000 MWh and 4000 GJ are not.
    let ok = file(dir.path(), "energy = { value = 3000, unit = \"GJ\" }\n");
    esg()
        .args(["score", "--guideline", TABLES])
        .arg(&ok)
        .assert()
        .success();
    let bad = file(dir.path(), "energy = { value = 4000, unit = \"GJ\" }\n");
    let out = esg()
        .args(["score", "--lang", "en", "--guideline", TABLES])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("out-of-range")
            && err.contains("a1.toml:10:20")
            && err.contains("4000 GJ (= 1,111.11 MWh)"),
        "{err}"
    );
}

#[test]
fn an_unknown_unit_is_an_error_at_its_place_naming_the_units_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(
        dir.path(),
        "energy = { value = 288, unit = \"Gcal\" }\nwater = { value = { 2024 = 1 }, unit = 3 }\n",
    );
    for (lang, words) in [
        (
            "en",
            [
                "`Gcal` is not a unit of `energy`",
                "units allowed: \"MWh\", \"GJ\", \"kWh\"",
            ],
        ),
        (
            "ko",
            [
                "`energy` 질문에 `Gcal` 단위는 없습니다",
                "쓸 수 있는 단위: `\"MWh\"`, `\"GJ\"`, `\"kWh\"`",
            ],
        ),
    ] {
        let out = esg()
            .args(["score", "--lang", lang, "--guideline", TABLES])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        for w in words {
            assert!(err.contains(w), "{lang}: {w}\n{err}");
        }
        // Both problems at once, each at its own position.
        assert!(err.contains("a.toml:10:32"), "{err}");
        assert!(err.contains("a.toml:11:40"), "{err}");
    }
    // A question with one unit takes no `unit`.
    let mini = dir.path().join("m.toml");
    std::fs::write(
        &mini,
        "[guideline]\nid = \"mini\"\nversion = \"1.0.0\"\n[firm]\nname = \"X\"\n[answers]\n\
         turnover = { value = 5, unit = \"%\" }\n",
    )
    .unwrap();
    let out = esg()
        .args(["score", "--lang", "en", "--guideline", crate::common::MINI])
        .arg(&mini)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("`turnover` takes no choice of unit"), "{err}");
}

/// A copy of the test package with `extra` appended to its file, linted.
fn lint_with(extra: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(TABLES).join("guideline.toml")).unwrap();
    std::fs::write(
        dir.path().join("guideline.toml"),
        format!("{text}\n{extra}"),
    )
    .unwrap();
    let out = esg()
        .args(["lint", "--lang", "en"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    format!(
        "{}{}",
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap()
    )
}

#[test]
fn units_and_conversions_of_a_package_are_checked_with_positions() {
    let lines = std::fs::read_to_string(root().join(TABLES).join("guideline.toml"))
        .unwrap()
        .lines()
        .count();
    // A factor of 0, a unit never defined, no conversion, a factor without a source.
    let out = lint_with(
        "[[conversion]]\nfrom = \"GJ\"\nto = \"Gcal\"\nfactor = 0\nsource = \"x\"\n\n\
         [[question]]\nid = \"heat\"\nkind = \"number\"\nprompt = { ko = \"열\", en = \"Heat\" }\n\
         units = [{ id = \"GJ\" }, { id = \"kWh\" }, { id = \"MWh\", factor = 3.6 }, { id = \"bad unit\" }]\n\
         unit = { ko = \"GJ\", en = \"GJ\" }\n",
    );
    let at = |line: usize| format!("guideline.toml:{}:", lines + 1 + line);
    for (what, line) in [
        ("unit `Gcal` is not defined by a [[unit]]", 3),
        ("the conversion factor of `GJ -> Gcal` is 0", 4),
        (
            "unit `kWh` of question `heat` has no conversion to `GJ`",
            11,
        ),
        (
            "unit `MWh` of question `heat` has a factor but no `source`",
            11,
        ),
        ("unit id `bad unit` may hold only", 11),
        ("`unit` and `units` do not go together", 12),
    ] {
        assert!(out.contains(what), "{what}\n{out}");
        assert!(out.contains(&at(line)), "{what} at {}\n{out}", at(line));
    }
}

#[test]
fn the_answers_file_keeps_the_unit_it_was_written_in() {
    let g = tables();
    let q = g.question_index("energy").unwrap();
    let text = format!("{HEAD}# from the bills\nenergy = 80 # MWh\n");
    let mut doc = esg::answers_edit::AnswersDoc::parse(&Source::new("a.toml", text)).unwrap();
    let entry = esg::answers::Given::entry(&g.questions[q], 1, AnswerValue::Num(288.0));
    doc.set(&g.questions[q], Some(&entry));
    let out = doc.to_string();
    assert!(out.contains("# from the bills"), "{out}");
    assert!(
        out.contains("value = 288") && out.contains("unit = \"GJ\""),
        "{out}"
    );
    let a = esg::answers::parse(&Source::new("a.toml", out.clone()), &g).unwrap();
    let e = a.entries[q].as_ref().unwrap();
    assert!(matches!(e.state, State::Value(AnswerValue::Num(n)) if (n - 80.0).abs() < 1e-9));
    assert_eq!(e.given.as_ref().map(|g| g.unit), Some(1));
    // Back to the first unit: the short form again.
    doc.set(
        &g.questions[q],
        Some(&esg::answers::Entry::value(AnswerValue::Num(70.0))),
    );
    let out = doc.to_string();
    assert!(
        out.contains("energy = 70 # MWh") && !out.contains("unit ="),
        "{out}"
    );
}

#[test]
fn the_template_says_how_to_give_another_unit_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = esg()
        .args(["init", "--lang", "en", "--guideline", TABLES, "-o"])
        .arg(dir.path().join("t.toml"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = std::fs::read_to_string(dir.path().join("t.toml")).unwrap();
    assert!(
        t.contains("in another unit: energy = { value = …, unit = \"GJ\" }"),
        "{t}"
    );
    assert!(
        t.contains("\"kWh\"  1 kWh = 0.001 MWh (1 MWh = 1000 kWh (SI))"),
        "{t}"
    );
    // Filled in with another unit, it reads back converted.
    let filled = t.replace("name = \"\"", "name = \"Filled\"").replace(
        "# energy = \"?\"",
        "energy = { value = 360, unit = \"GJ\" }",
    );
    std::fs::write(dir.path().join("t.toml"), filled).unwrap();
    let card = score_json(&dir.path().join("t.toml"));
    assert!(
        (metric(&card, "energy_total") - 100.0).abs() < 1e-9,
        "{card}"
    );
}

#[cfg(unix)]
#[test]
fn assess_asks_the_unit_then_the_figure_in_it_and_a_table_row_by_row() {
    use expectrl::{Eof, Expect, Regex};
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), HEAD).unwrap();
    let g = root().join(TABLES);
    let mut p = crate::common::pty::spawn_sized(
        crate::common::pty::command(
            dir.path(),
            &[
                "assess",
                "--lang",
                "en",
                "--guideline",
                g.to_str().unwrap(),
                "--answers",
                "a.toml",
            ],
        ),
        120,
        40,
    );
    let answer = |p: &mut expectrl::session::OsSession, needle: &str, keys: &str| {
        if let Err(e) = p.expect(needle) {
            panic!("waiting for {needle:?}: {e}");
        }
        p.expect(Regex("Esc (menu|메뉴)")).unwrap();
        p.send(keys).unwrap();
    };
    answer(&mut p, "Energy used in the year — in which unit?", "GJ\r");
    // The bounds in the unit chosen: 1000 MWh = 3,600 GJ.
    answer(&mut p, "(GJ, 0 – 3,600)", "288\r");
    answer(&mut p, "Water use by year — in which unit?", "L\r");
    // Only the reporting year is read (`latest(water)`).
    answer(&mut p, "2024 (L, at least 0)", "8000\r");
    // A table: two rows, each column asked in turn, then whether to add another.
    answer(&mut p, "Sites — add a row?", "Yes\r");
    answer(&mut p, "Row 1 · Site name", "Main plant\r");
    answer(&mut p, "Row 1 · Country", "Korea\r");
    answer(&mut p, "Row 1 · Area", "1.2\r");
    answer(&mut p, "Row 1 · Environmental certification", "Yes\r");
    answer(&mut p, "Sites — 1 row so far. Add another row?", "Yes\r");
    answer(&mut p, "Row 2 · Site name", "Berlin office\r");
    // `<` goes back to the column before.
    answer(&mut p, "Row 2 · Country", "<");
    answer(&mut p, "Row 2 · Site name", "\r");
    answer(&mut p, "Row 2 · Country", "Germany\r");
    answer(&mut p, "Row 2 · Area", "0.1\r");
    answer(&mut p, "Row 2 · Environmental certification", "No\r");
    answer(&mut p, "Sites — 2 rows so far. Add another row?", "No\r");
    p.expect("Review: 3 of 3 questions answered.").unwrap();
    p.expect("Finish and show the report").unwrap();
    p.send("\r").unwrap();
    let out = p.expect(Eof).expect("esg ends");
    let out = String::from_utf8_lossy(out.as_bytes()).replace('\r', "");
    assert!(out.contains("Answers saved in a.toml."), "{out}");
    let saved = std::fs::read_to_string(dir.path().join("a.toml")).unwrap();
    assert!(
        saved.contains("unit = \"GJ\"") && saved.contains("value = 288"),
        "{saved}"
    );
    assert!(saved.contains("unit = \"L\""), "{saved}");
    assert!(
        saved.contains(
            "name = \"Berlin office\", country = \"DE\", area_ha = 0.1, certified = false"
        ),
        "{saved}"
    );
    let card = score_json(&dir.path().join("a.toml"));
    assert!(
        (metric(&card, "energy_total") - 80.0).abs() < 1e-9,
        "{card}"
    );
    assert_eq!(metric(&card, "site_count"), 2.0);
    assert_eq!(card["total"], 100.0);
}

#[test]
fn serve_saves_a_figure_in_the_unit_chosen() {
    use crate::serve::Served;
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), "");
    let mut s = Served::start(&["--guideline", TABLES, path.to_str().unwrap()]);
    s.login();
    let q = tables().question_index("energy").unwrap();
    let page = s.get(&format!("/f/a.toml/q/{q}"));
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("name=\"unit\""), "{}", page.body);
    let r = s.post(
        &format!("/f/a.toml/q/{q}"),
        &[("was", &page.was()), ("value", "288"), ("unit", "1")],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(
        saved.contains("energy = { value = 288, unit = \"GJ\" }"),
        "{saved}"
    );
    // The form shows the figure as written, in its unit.
    let page = s.get(&format!("/f/a.toml/q/{q}"));
    assert!(page.body.contains("value=\"288\""), "{}", page.body);
    assert!(
        page.body.contains("<option value=\"1\" selected>"),
        "{}",
        page.body
    );
    // Out of bounds in that unit: refused, nothing written.
    let r = s.post(
        &format!("/f/a.toml/q/{q}"),
        &[("was", &page.was()), ("value", "4000"), ("unit", "1")],
    );
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), saved);
}

const SITES: &str = "sites = [\n\
  { name = \"Main plant\", country = \"KR\", area_ha = 1.2, certified = true },\n\
  { name = \"Busan depot\", country = \"KR\", area_ha = 0.5, certified = false },\n\
  { name = \"Berlin office\", country = \"DE\", area_ha = 0.1, certified = true },\n\
]\n";

fn indicator<'c>(card: &'c serde_json::Value, id: &str) -> &'c serde_json::Value {
    card["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
}

#[test]
fn counts_sums_and_filters_over_rows() {
    let dir = tempfile::tempdir().unwrap();
    let card = score_json(&file(dir.path(), SITES));
    assert_eq!(metric(&card, "site_count"), 3.0);
    assert!((metric(&card, "area_kr") - 1.7).abs() < 1e-9, "{card}");
    assert!((metric(&card, "area_total") - 1.8).abs() < 1e-9, "{card}");
    // count(sites, sites.certified) = 2: the top level.
    let e3 = indicator(&card, "E-3");
    assert_eq!(e3["points"], 1.0);
    // The rows themselves in JSON, and the count in words.
    let rows = &e3["answers"][0]["value"];
    assert_eq!(rows[2]["name"], "Berlin office");
    assert_eq!(rows[2]["country"], "DE");
    assert_eq!(rows[0]["area_ha"], 1.2);
    let words = e3["answers"][0]["answer"].as_str().unwrap();
    assert!(
        words.starts_with("3 rows: Main plant · Korea · 1.2 ha · yes;"),
        "{words}"
    );

    // No rows: answered, counts and sums to 0.
    let none = score_json(&file(dir.path(), "sites = []\n"));
    assert_eq!(metric(&none, "site_count"), 0.0);
    assert_eq!(metric(&none, "area_kr"), 0.0);
    assert_eq!(indicator(&none, "E-3")["points"], 0.0);
    // Unanswered: unknown, so the indicator is unanswered.
    let open = score_json(&file(dir.path(), "energy = 1\n"));
    assert_eq!(indicator(&open, "E-3")["status"], "unanswered");
    // Marked not applicable: the indicator does not apply.
    let na = score_json(&file(
        dir.path(),
        "sites = { not_applicable = \"We have one office, rented.\" }\n",
    ));
    assert_eq!(indicator(&na, "E-3")["status"], "not_applicable");
}

#[test]
fn every_bad_cell_is_an_error_at_its_own_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(
        dir.path(),
        "sites = [\n\
  { name = \"Main plant\", country = \"FR\", area_ha = -1, certified = \"yes\" },\n\
  { name = 3, contry = \"DE\", area_ha = 0.1, certified = false },\n\
  \"row\",\n\
]\n",
    );
    let out = esg()
        .args(["score", "--lang", "en", "--guideline", TABLES])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    for (at, what) in [
        (
            "a.toml:11:34",
            "row 1 of `sites`: `FR` is not an option of `country`",
        ),
        (
            "a.toml:11:50",
            "row 1 of `sites`: -1 ha is below the smallest value allowed for `area_ha` (0)",
        ),
        (
            "a.toml:11:66",
            "row 1 of `sites`: `certified` expects true or false, found a string",
        ),
        ("a.toml:12:1", "row 2 of `sites` has no country"),
        (
            "a.toml:12:10",
            "row 2 of `sites`: `name` expects text in quotes, found a whole number",
        ),
        ("a.toml:12:13", "`sites` has no column `contry`"),
        ("a.toml:13:1", "row 3 of `sites` must be a table"),
    ] {
        assert!(err.contains(&format!("{at}: {what}")), "{at} {what}\n{err}");
    }
    assert!(err.contains("did you mean `country`?"), "{err}");
    // In Korean too.
    let out = esg()
        .args(["score", "--lang", "ko", "--guideline", TABLES])
        .arg(&path)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("`sites` 표 1행: `country` 열에 `FR` 선택지는 없습니다"),
        "{err}"
    );

    // Rows are bounded.
    let many: String = (0..1001)
        .map(|i| {
            format!("{{ name = \"s{i}\", country = \"KR\", area_ha = 1, certified = true }},\n")
        })
        .collect();
    let big = file(dir.path(), &format!("sites = [\n{many}]\n"));
    let out = esg()
        .args(["score", "--lang", "en", "--guideline", TABLES])
        .arg(&big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("`sites` has 1001 rows; a table holds at most 1000"),
        "{err}"
    );
}

#[test]
fn table_expressions_are_checked_with_positions() {
    for (formula, what) in [
        (
            "sum(sites.name)",
            "`sum` adds a number column; this column is a string",
        ),
        (
            "sum(sites.area)",
            "the table has no column `area`; did you mean `area_ha`?",
        ),
        (
            "sites.area_ha + 1",
            "a table's column is read only inside count(table, condition)",
        ),
        (
            "count(sites, sites.country == 'FR')",
            "question `sites.country` has no option \"FR\"",
        ),
        (
            "count(sites, sites.area_ha)",
            "expected a yes/no value here, found a number",
        ),
        (
            "sum(energy)",
            "`sum` takes a number column of a table question",
        ),
    ] {
        let out = lint_with(&format!(
            "[[metric]]\nid = \"bad\"\ntitle = {{ ko = \"나쁨\", en = \"Bad\" }}\nformula = \"{}\"\n",
            formula.replace('\'', "\\\"")
        ));
        assert!(out.contains(what), "{formula}: {what}\n{out}");
    }
    // Columns are checked as questions are.
    let out = lint_with(
        "[[question]]\nid = \"waste\"\nkind = \"table\"\nprompt = { ko = \"폐기물\", en = \"Waste\" }\n\
         min = 0\n\n[[question.column]]\nid = \"Type\"\nkind = \"series\"\nprompt = { ko = \"종류\", en = \"Type\" }\n\
         options = [{ id = \"a\", text = { ko = \"가\", en = \"A\" } }]\n",
    );
    for what in [
        "`min` applies only to number, integer and series questions",
        "column id `Type` must be snake_case",
        "a column is yes_no, choice, number, integer or text, not series",
        "`options` apply only to choice columns",
    ] {
        assert!(out.contains(what), "{what}\n{out}");
    }
}

#[test]
fn the_template_shows_one_example_row_that_reads_back_once_filled() {
    let dir = tempfile::tempdir().unwrap();
    let out = esg()
        .args(["init", "--lang", "en", "--guideline", TABLES, "-o"])
        .arg(dir.path().join("t.toml"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let t = std::fs::read_to_string(dir.path().join("t.toml")).unwrap();
    let example =
        "# sites = [{ name = \"?\", country = \"?\", area_ha = \"?\", certified = \"?\" }]";
    assert!(t.contains(example), "{t}");
    assert!(
        t.contains("#      country — Country: one of \"KR\", \"DE\""),
        "{t}"
    );
    // Uncommented as it is: an unfilled answer at each cell.
    let left = t
        .replace("name = \"\"", "name = \"Filled\"")
        .replace(example, &example[2..]);
    std::fs::write(dir.path().join("t.toml"), &left).unwrap();
    let out = esg()
        .args(["score", "--lang", "en", "--guideline", TABLES])
        .arg(dir.path().join("t.toml"))
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("row 1 of `sites`: `country` is still the template's placeholder"),
        "{err}"
    );
    // Filled in, it reads back.
    let filled = left.replace(
        &example[2..],
        "sites = [{ name = \"Main plant\", country = \"KR\", area_ha = 2, certified = true }]",
    );
    std::fs::write(dir.path().join("t.toml"), filled).unwrap();
    let card = score_json(&dir.path().join("t.toml"));
    assert_eq!(metric(&card, "area_kr"), 2.0);
}

#[test]
fn serve_adds_and_removes_rows_without_a_script() {
    use crate::serve::Served;
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), "# kept\n");
    let mut s = Served::start(&["--guideline", TABLES, path.to_str().unwrap()]);
    s.login();
    let q = tables().question_index("sites").unwrap();
    let url = format!("/f/a.toml/q/{q}");
    let page = s.get(&url);
    assert_eq!(page.status, 200, "{}", page.body);
    // No script saves a table as it is typed: the form is sent by its buttons.
    assert!(!page.body.contains("data-live=\"1\""), "{}", page.body);
    let row0 = [
        ("r0c0", "Main <plant>"),
        ("r0c1", "0"),
        ("r0c2", "1.2"),
        ("r0c3", "yes"),
    ];
    let mut form = vec![
        ("was", page.was()),
        ("rows", "0".into()),
        ("act", "add".into()),
    ];
    form.extend(row0.iter().map(|(k, v)| (*k, (*v).to_owned())));
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = s.post(&url, &pairs);
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("location"), Some(url.as_str()));
    // The page shows the row (escaped) and a new one.
    let page = s.get(&url);
    assert!(
        page.body.contains("value=\"Main &lt;plant&gt;\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("name=\"r1c0\""), "{}", page.body);
    let row1 = [
        ("r1c0", "Berlin office"),
        ("r1c1", "1"),
        ("r1c2", "0.1"),
        ("r1c3", "no"),
    ];
    let was = page.was();
    let mut form: Vec<(&str, &str)> = vec![("was", &was), ("rows", "1"), ("act", "save")];
    form.extend(row0);
    form.extend(row1);
    let r = s.post(&url, &form);
    assert_eq!(r.status, 303, "{}", r.body);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("# kept"), "{saved}");
    let a = esg::answers::parse(&Source::new("a.toml", saved.clone()), &tables()).unwrap();
    match a.value(q) {
        Some(AnswerValue::Table(rows)) => assert_eq!(rows.len(), 2, "{saved}"),
        other => panic!("{other:?}\n{saved}"),
    }
    // A half-filled new row is refused with what is missing; nothing is written.
    let was = s.get(&url).was();
    let row1 = [
        ("r1c0", "Berlin office"),
        ("r1c1", "1"),
        ("r1c2", "0.1"),
        ("r1c3", "no"),
    ];
    let mut form: Vec<(&str, &str)> = vec![("was", &was), ("rows", "2"), ("act", "save")];
    form.extend(row0);
    form.extend(row1);
    form.push(("r2c0", "Half"));
    let r = s.post(&url, &form);
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(
        r.body.contains("3행 · 국가: 값을 적으십시오."),
        "{}",
        r.body
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), saved);
    // Removing the first row.
    form.pop();
    form.push(("del0", "1"));
    let r = s.post(&url, &form);
    assert_eq!(r.status, 303, "{}", r.body);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(
        !saved.contains("Main") && saved.contains("Berlin office"),
        "{saved}"
    );
}

#[test]
fn text_in_cells_is_shown_safely_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(
        dir.path(),
        "sites = [{ name = \"<script>alert(1)</script> | =cmd\\u001b[31m\", country = \"KR\", area_ha = 1, certified = true }]\n",
    );
    let run = |format: &str| {
        let out = esg()
            .args([
                "score",
                "--detail",
                "--lang",
                "en",
                "--format",
                format,
                "--guideline",
                TABLES,
            ])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let html = run("html");
    assert!(!html.contains("<script>alert(1)"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    let md = run("markdown");
    assert!(
        md.contains("\\<script\\>") || md.contains("&lt;script&gt;"),
        "{md}"
    );
    assert!(md.contains("\\|"), "{md}");
    assert!(!md.contains('\u{1b}'), "{md}");
    let table = run("table");
    assert!(!table.contains('\u{1b}'), "{table}");
    assert!(table.contains('␛'), "{table}");
}

#[test]
fn the_answers_schema_knows_units_and_rows() {
    let s = esg::schema::answers(&tables(), esg::text::Lang::En);
    let answers = &s["properties"]["answers"]["properties"];
    // The figure alone is in the first unit and bounded; with a unit, it is bounded once
    // converted, so the schema leaves its bounds to esg.
    let energy = &answers["energy"]["anyOf"];
    assert_eq!(energy[0]["maximum"], 1000.0);
    let long = &energy[1]["properties"];
    assert_eq!(
        long["unit"]["enum"],
        serde_json::json!(["MWh", "GJ", "kWh"])
    );
    assert!(long["value"].get("maximum").is_none(), "{long}");
    let sites = &answers["sites"]["anyOf"][0];
    assert_eq!(sites["type"], "array");
    assert_eq!(sites["maxItems"], 1000);
    assert_eq!(
        sites["items"]["properties"]["country"]["enum"],
        serde_json::json!(["KR", "DE"])
    );
}
