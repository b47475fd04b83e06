//! `esg fill`: EFRAG's VSME Digital Template filled from the example firms' answers, read back
//! by another xlsx reader (calamine) and opened in LibreOffice; wrong templates refused; the blank
//! template never changed.

use std::collections::HashMap;

use esg::xlsx::{Cell, Value, Workbook};
use predicates::prelude::*;

use crate::common::{esg, root};
use crate::xlsx::{BLANK, bytes, calamine_cells};

const EXPORTER: &str = "examples/vsme/exporter-60.toml";
const SERVICE: &str = "examples/vsme/service-12.toml";

/// Fills the blank template for `answers` into a temporary directory: the workbook's bytes and
/// the summary printed.
fn fill(answers: &str, extra: &[&str]) -> (Vec<u8>, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("filled.xlsx");
    let run = esg()
        .args(["fill", answers, BLANK, "-o"])
        .arg(&out)
        .args(extra)
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    (
        std::fs::read(&out).unwrap(),
        String::from_utf8(run.stdout).unwrap(),
        dir,
    )
}

/// A reader of the filled workbook by named range (or 'Sheet'!A1), through calamine.
struct Read {
    book: Workbook,
    cells: HashMap<String, HashMap<Cell, Value>>,
}

impl Read {
    fn new(bytes: &[u8]) -> Read {
        Read {
            book: Workbook::read(bytes.to_vec()).unwrap(),
            cells: calamine_cells(bytes),
        }
    }

    fn at(&self, name: &str, row: u32) -> Option<Value> {
        let r = if name.contains('!') {
            self.book.parse_ref(name)
        } else {
            self.book.range(name)
        }
        .unwrap_or_else(|| panic!("{name} names no range"));
        let sheet = self.book.sheet_name(r.sheet).to_owned();
        self.cells[&sheet]
            .get(&Cell {
                row: r.first.row + row,
                col: r.first.col,
            })
            .cloned()
    }

    fn text(&self, name: &str) -> String {
        match self.at(name, 0) {
            Some(Value::Text(s)) => s,
            other => panic!("{name}: {other:?}"),
        }
    }

    fn number(&self, name: &str) -> f64 {
        match self.at(name, 0) {
            Some(Value::Number(n)) => n,
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn the_exporters_workbook_holds_its_answers_with_the_templates_labels_and_units() {
    let (out, summary, _dir) = fill(
        EXPORTER,
        &["--identifier", "5299001ABCDEF1234567", "--scheme", "lei"],
    );
    let r = Read::new(&out);
    // Metadata: name, identifier with the template's own spelling of its scheme, currency,
    // period as numbers (the template builds its dates from them).
    assert_eq!(r.text("template_reporting_entity_name"), "(주)대원하이드로");
    assert_eq!(r.text("template_reporting_entity_identifier_scheme"), "LEI");
    assert_eq!(
        r.text("template_reporting_entity_identifier"),
        "5299001ABCDEF1234567"
    );
    assert_eq!(r.text("template_currency"), "KRW");
    for (cell, n) in [
        ("D6", 2025.0),
        ("D7", 1.0),
        ("D8", 1.0),
        ("D10", 2025.0),
        ("D11", 12.0),
        ("D12", 31.0),
    ] {
        assert_eq!(
            r.number(&format!("'General Information'!{cell}")),
            n,
            "{cell}"
        );
    }
    assert_eq!(r.text("template_reporting_period_startdate"), "2025-01-01");
    assert_eq!(r.text("template_reporting_period_enddate"), "2025-12-31");
    assert_eq!(
        r.text("template_selected_display_language"),
        "English - Official [en]"
    );
    // Enumerations with exactly the template's labels.
    assert_eq!(
        r.text("BasisForPreparation"),
        "Option A (Basic Module only)"
    );
    assert_eq!(
        r.text("BasisForReporting"),
        "Sustainability report prepared on an individual basis"
    );
    assert_eq!(r.text("TypeOfNumberOfEmployees"), "Headcount");
    assert_eq!(
        r.text("CountryOfPrimaryOperationsAndLocationOfSignificantAssets"),
        "Korea (the Republic of)"
    );
    assert_eq!(
        r.text("NaceSectorClassificationCodes"),
        "NACE C - 28.12 Manufacture of fluid power equipment"
    );
    assert_eq!(
        r.text("UndertakingsLegalForm"),
        "other (please specify the legal form in the row below)"
    );
    // Korean text as typed.
    assert_eq!(
        r.text("OtherUndertakingsLegalForm"),
        "주식회사 (joint-stock company)"
    );
    // Numbers as numbers: KRW 100 million to KRW; the reporting year of a series.
    assert_eq!(r.number("Turnover"), 182.0e8);
    assert_eq!(r.number("NumberOfEmployees"), 60.0);
    assert_eq!(r.number("NumberOfPermanentContractEmployees"), 54.0);
    assert_eq!(r.number("NumberOfFemaleEmployees"), 11.0);
    assert_eq!(r.number("NumberOfMaleEmployees"), 49.0);
    assert_eq!(
        r.number("EnergyConsumptionFromElectricity_NonRenewableEnergyMember"),
        1240.0
    );
    assert_eq!(
        r.number("NumberOfRecordableWorkRelatedAccidentsInTheReportingPeriod"),
        2.0
    );
    assert_eq!(r.number("TotalAmountOfWaterWithdrawnFromAllSites"), 8600.0);
    // Yes/no as the template's booleans or its YES/NO list.
    assert_eq!(
        r.at("'Governance Disclosures'!H5", 0),
        Some(Value::Bool(false))
    );
    assert_eq!(
        r.text(
            "EmployeesReceivePayEqualOrAboveMinimumWageDeterminedByNationalLawOrCollectiveAgreement"
        ),
        "YES"
    );
    assert_eq!(r.text("UndertakingAppliesCircularEconomyPrinciples"), "YES");
    // A ticked list as one box per issue, in the template's order.
    let issues: Vec<Option<Value>> = (0..10)
        .map(|i| {
            let b = &r.book;
            let range = b
                .range("SustainabilityIssueAddressedByPracticePolicyAndOrFutureInitiative")
                .unwrap();
            r.cells[b.sheet_name(range.sheet)]
                .get(&Cell {
                    row: range.first.row,
                    col: range.first.col + i,
                })
                .cloned()
        })
        .collect();
    let ticked: Vec<bool> = issues
        .iter()
        .map(|v| v == &Some(Value::Bool(true)))
        .collect();
    assert_eq!(
        ticked,
        [
            true, true, false, false, false, true, false, false, false, true
        ]
    );
    // Tables row by row, countries by the template's names.
    assert_eq!(r.text("AddressOfSite"), "주촌면 골든루트로 00 (본사·공장)");
    assert_eq!(
        r.at("AddressOfSite", 1),
        Some(Value::Text(
            "강서구 녹산산단321로 00 (수출 포장 창고)".into()
        ))
    );
    assert_eq!(r.at("AddressOfSite", 2), None);
    assert_eq!(r.text("CountryOfSite"), "Korea (the Republic of)");
    // Waste by type: the template's own entry for each code (its leading spaces kept), the unit
    // of each row, the amounts.
    assert_eq!(
        r.text("TypeOfWasteAxis"),
        "    12 01 01 - Non-Hazardous - Ferrous metal filings and turnings"
    );
    assert_eq!(
        r.text("WasteDivertedToRecycleOrReuseMass_unit"),
        "metric tonnes (t)"
    );
    assert_eq!(r.number("WasteDivertedToRecycleOrReuseMass"), 118.0);
    assert_eq!(
        r.at("WasteDirectedToDisposalMass", 4),
        Some(Value::Number(35.0))
    );
    assert_eq!(r.at("TypeOfWasteAxis", 5), None);
    assert_eq!(r.text("PostalCodeOfSite"), "50969");
    // Scope 1 and 2 as computed by the shared GHG inventory: the same figures the report shows.
    let json = esg()
        .args([
            "score",
            EXPORTER,
            "--guideline",
            "vsme-basic",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let card: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let metric = |id: &str| {
        card["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == id)
            .and_then(|m| m["value"].as_f64())
            .unwrap()
    };
    assert!((r.number("GrossScope1GreenhouseGasEmissions") - metric("scope1_t")).abs() < 1e-9);
    assert!(
        (r.number("GrossLocationBasedScope2GreenhouseGasEmissions") - metric("scope2_location_t"))
            .abs()
            < 1e-9
    );
    // The summary: what came from the K-ESG answers, what is empty, what is left to the firm.
    assert!(
        summary.contains("From answers given for SME-type ESG guideline"),
        "{summary}"
    );
    assert!(
        summary.contains("What was the balance-sheet total"),
        "{summary}"
    );
    assert!(summary.contains("먼지 (dust)"), "{summary}");
    assert!(summary.contains("Fuel Converter"), "{summary}");
    assert!(
        !summary.contains("Still needed by EFRAG's converter"),
        "{summary}"
    );
}

#[test]
fn only_the_cells_of_datapoints_change_and_the_blank_template_stays_as_it_was() {
    let before = bytes(BLANK);
    let (out, _, _dir) = fill(SERVICE, &[]);
    assert_eq!(bytes(BLANK), before, "the blank template was changed");
    // The defined names are exactly the template's.
    let a = Workbook::read(before.clone()).unwrap();
    let b = Workbook::read(out.clone()).unwrap();
    assert_eq!(a.defined_names(), b.defined_names());
    // Every cell that held a formula still does.
    for sheet in 0..a.sheet_names().count() {
        assert_eq!(
            a.formulas(sheet).unwrap(),
            b.formulas(sheet).unwrap(),
            "sheet {sheet}"
        );
    }
    // Cells not written are as they were.
    let (ca, cb) = (calamine_cells(&before), calamine_cells(&out));
    let sheet = "Enumeration Lists";
    assert_eq!(ca[sheet], cb[sheet]);
}

#[test]
fn a_workbook_that_is_not_the_template_or_of_another_version_is_refused_with_where_to_get_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.xlsx");
    // Another version.
    let mut book = Workbook::read(bytes(BLANK)).unwrap();
    let v = book.range("template_reporting_template_version").unwrap();
    book.set(v.sheet, v.first, Value::Text("1.1.1".into()));
    let old = dir.path().join("old.xlsx");
    std::fs::write(&old, book.write().unwrap()).unwrap();
    esg()
        .args(["fill", EXPORTER])
        .arg(&old)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("version 1.1.1")
                .and(predicate::str::contains("1.3.0"))
                .and(predicate::str::contains("github.com/EFRAG-EU")),
        );
    assert!(!out.exists());
    // Not a workbook.
    esg()
        .args(["fill", EXPORTER, EXPORTER, "-o"])
        .arg(&out)
        .args(["--lang", "ko"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("엑셀 통합 문서(.xlsx)가 아닙니다"));
    assert!(!out.exists());
    // The output would replace the template.
    let copy = dir.path().join("blank.xlsx");
    std::fs::write(&copy, bytes(BLANK)).unwrap();
    esg()
        .args(["fill", EXPORTER])
        .arg(&copy)
        .arg("-o")
        .arg(&copy)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("overwrite"));
    assert_eq!(std::fs::read(&copy).unwrap(), bytes(BLANK));
    // A display language the template does not offer.
    esg()
        .args(["fill", EXPORTER, BLANK, "--template-language", "ko", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("offers no display language")
                .and(predicate::str::contains("de")),
        );
    assert!(!out.exists());
    // Answers without the VSME guideline.
    esg()
        .args(["fill", "examples/autoparts-120.toml", BLANK, "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("vsme-basic"));
    assert!(!out.exists());
}

#[test]
fn the_metadata_the_converter_needs_is_asked_for_when_missing() {
    let (out, summary, _dir) = fill(SERVICE, &["--template-language", "de", "--lang", "ko"]);
    assert!(
        summary.contains("EFRAG 변환기가 꼭 읽어야 하는데 아직 없는 정보"),
        "{summary}"
    );
    assert!(summary.contains("--identifier"), "{summary}");
    let r = Read::new(&out);
    assert!(
        r.text("template_selected_display_language")
            .ends_with("[de]")
    );
    // A period given: a fiscal year, written as the template's year, month and day cells.
    let (out, summary, _dir) = fill(
        SERVICE,
        &[
            "--period-start",
            "2025-04-01",
            "--period-end",
            "2026-03-31",
            "--identifier",
            "123456789",
            "--scheme",
            "DUNS",
        ],
    );
    assert!(!summary.contains("Still needed"), "{summary}");
    let r = Read::new(&out);
    assert_eq!(r.number("'General Information'!D7"), 4.0);
    assert_eq!(r.number("'General Information'!D10"), 2026.0);
    assert_eq!(
        r.text("template_reporting_entity_identifier_scheme"),
        "DUNS"
    );
    // A scheme the template does not know is refused in the summary, with those it knows.
    let (_, summary, _dir) = fill(
        SERVICE,
        &["--identifier", "615-81-00000", "--scheme", "BRN"],
    );
    assert!(summary.contains("LEI, DUNS, EU ID, PermID"), "{summary}");
    esg()
        .args([
            "fill",
            SERVICE,
            BLANK,
            "-o",
            "/tmp/never.xlsx",
            "--period-start",
            "2025-02-30",
            "--period-end",
            "2025-12-31",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a date"));
}

#[test]
fn hostile_text_goes_in_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("hostile.toml");
    let source = std::fs::read_to_string(root().join(SERVICE)).unwrap();
    let hostile = "=HYPERLINK(\"http://x\")\u{1}<b>&\u{202e}";
    let source = source.replacen(
        "name = \"(주)코드브릿지\"",
        &format!("name = {}", toml::Value::String(hostile.into())),
        1,
    );
    std::fs::write(&answers, source).unwrap();
    let out = dir.path().join("out.xlsx");
    esg()
        .args(["fill"])
        .arg(&answers)
        .args([BLANK, "-o"])
        .arg(&out)
        .assert()
        .success();
    let bytes = std::fs::read(&out).unwrap();
    let r = Read::new(&bytes);
    assert_eq!(r.text("template_reporting_entity_name"), hostile);
    let book = Workbook::read(bytes).unwrap();
    let name = book.range("template_reporting_entity_name").unwrap();
    assert!(!book.formulas(name.sheet).unwrap().contains(&name.first));
}

#[test]
fn every_vsme_datapoint_with_an_xbrl_element_has_a_place_and_every_label_is_the_templates() {
    let maps = esg::workbook::maps();
    let g = esg::guideline::load_builtin("vsme-basic").unwrap();
    let blank = Workbook::read(bytes(BLANK)).unwrap();
    let sheet_xml: String = {
        use std::io::Read as _;
        let raw = bytes(BLANK);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(raw)).unwrap();
        let mut all = String::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            if f.name().starts_with("xl/worksheets/") {
                f.read_to_string(&mut all).unwrap();
            }
        }
        all
    };
    let lists = calamine_cells(&bytes(BLANK));
    let enumerations: Vec<&Value> = lists["Enumeration Lists"].values().collect();
    for map in &maps {
        let placed: Vec<&str> = map
            .cell
            .iter()
            .map(|c| c.datapoint.as_str())
            .chain(map.table.iter().map(|t| t.datapoint.as_str()))
            .chain(
                map.elsewhere
                    .iter()
                    .flat_map(|e| e.datapoints.iter().map(String::as_str)),
            )
            .collect();
        let with_element = g
            .questions
            .iter()
            .map(|q| (&q.id, &q.references))
            .chain(g.metrics.iter().map(|m| (&m.id, &m.references)));
        for (id, refs) in with_element {
            if refs.contains_key("xbrl") {
                assert!(
                    placed.contains(&id.as_str()),
                    "{id} has no place in the map"
                );
            }
        }
        for id in &placed {
            assert!(
                g.question_index(id).is_some() || g.metrics.iter().any(|m| m.id == *id),
                "{id} is not a datapoint of vsme-basic"
            );
        }
        // Amounts and energy go in the template's units: won and MWh, from the guideline's units.
        for c in &map.cell {
            if c.constant.is_some() || c.positive {
                continue;
            }
            let unit = g
                .question_index(&c.datapoint)
                .and_then(|q| g.questions[q].unit.as_ref())
                .or_else(|| {
                    g.metrics
                        .iter()
                        .find(|m| m.id == c.datapoint)
                        .and_then(|m| m.unit.as_ref())
                })
                .map(|u| u.show(esg::text::Lang::En).to_owned());
            let expected = match unit.as_deref() {
                Some("KRW 100 million") => Some(1e8),
                Some("KRW 10,000") => Some(1e4),
                Some("kWh") => Some(1e-3),
                _ => None,
            };
            assert_eq!(c.scale, expected, "{}: {unit:?}", c.datapoint);
        }
        for c in &map.cell {
            let r = if c.to.contains('!') {
                blank.parse_ref(&c.to)
            } else {
                blank.range(&c.to)
            };
            let r = r.unwrap_or_else(|| panic!("{} names no range of the template", c.to));
            let formula = blank.formulas(r.sheet).unwrap().contains(&r.first);
            assert_eq!(
                formula, c.result,
                "{}: a formula cell is only set as a result",
                c.to
            );
            for label in c.labels.values() {
                let in_lists = enumerations.contains(&&Value::Text(label.clone()));
                let in_validation =
                    sheet_xml.contains(&quick_xml::escape::escape(label).into_owned());
                assert!(
                    in_lists || in_validation,
                    "{label} is not one of the template's labels"
                );
            }
        }
    }
}

#[test]
fn libreoffice_opens_the_filled_workbook_and_its_own_checks_pass() {
    let (out, _, _dir) = fill(EXPORTER, &["--identifier", "5299001ABCDEF1234567"]);
    let Some(saved) = crate::xlsx::through_libreoffice(&out, true) else {
        return;
    };
    let r = Read::new(&saved);
    // Recalculated by the spreadsheet: the template's own formulas over what esg wrote.
    assert_eq!(r.text("template_reporting_period_startdate"), "2025-01-01");
    assert_eq!(r.text("'General Information'!F3"), "OK");
    assert_eq!(r.text("'General Information'!F4"), "OK");
    assert_eq!(
        r.number("EnergyConsumptionFromElectricity_TotalRenewableAndNonRenewableEnergyMember"),
        1240.0
    );
    assert_eq!(
        r.text("OtherUndertakingsLegalForm"),
        "주식회사 (joint-stock company)"
    );
}

#[test]
fn the_summary_reads_in_korean_and_english() {
    for lang in ["ko", "en"] {
        let (_, summary, dir) = fill(EXPORTER, &["--lang", lang]);
        let summary = summary.replace(
            &dir.path().join("filled.xlsx").display().to_string(),
            "[OUT]",
        );
        insta::assert_snapshot!(format!("fill_summary_{lang}"), summary);
    }
}

#[test]
fn the_identifier_kept_in_the_answers_file_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.toml");
    let source = std::fs::read_to_string(root().join(SERVICE))
        .unwrap()
        .replacen(
            "[firm]\n",
            "[firm]\nidentifier = \"123456789\"\nidentifier_scheme = \"DUNS\"\n",
            1,
        );
    std::fs::write(&answers, source).unwrap();
    let (out, summary, _d) = fill(answers.to_str().unwrap(), &[]);
    assert!(!summary.contains("identifier"), "{summary}");
    let r = Read::new(&out);
    assert_eq!(r.text("template_reporting_entity_identifier"), "123456789");
    assert_eq!(
        r.text("template_reporting_entity_identifier_scheme"),
        "DUNS"
    );
}

#[cfg(unix)]
#[test]
fn on_a_terminal_the_identifier_is_asked_once_and_kept_in_the_answers_file() {
    use expectrl::{Eof, Expect};
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.toml");
    let before = std::fs::read_to_string(root().join(SERVICE)).unwrap();
    std::fs::write(&answers, &before).unwrap();
    let blank = root().join(BLANK);
    let mut p = crate::common::pty::spawn_sized(
        crate::common::pty::command(
            dir.path(),
            &[
                "fill",
                "--lang",
                "en",
                "a.toml",
                blank.to_str().unwrap(),
                "-o",
                "out.xlsx",
            ],
        ),
        120,
        40,
    );
    p.expect("identifier scheme").unwrap();
    p.send("LEI\r").unwrap();
    p.expect("Identifier:").unwrap();
    p.send("5299001ABCDEF1234567\r").unwrap();
    p.expect("datapoints filled").unwrap();
    p.expect(Eof).unwrap();
    let after = std::fs::read_to_string(&answers).unwrap();
    assert!(
        after.contains("identifier = \"5299001ABCDEF1234567\""),
        "{after}"
    );
    assert!(after.contains("identifier_scheme = \"LEI\""), "{after}");
    // Everything else in the file, comments included, is as it was.
    let removed: String = after
        .lines()
        .filter(|l| !l.starts_with("identifier"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(removed, before);
    let r = Read::new(&std::fs::read(dir.path().join("out.xlsx")).unwrap());
    assert_eq!(
        r.text("template_reporting_entity_identifier"),
        "5299001ABCDEF1234567"
    );
}

/// Every range a map names, as rectangles: where a fill may write.
fn targets(map: &esg::workbook::Map, book: &Workbook) -> Vec<esg::xlsx::Range> {
    let resolve = |to: &str| {
        if to.contains('!') {
            book.parse_ref(to)
        } else {
            book.range(to)
        }
        .unwrap_or_else(|| panic!("{to} names no range"))
    };
    let m = &map.metadata;
    let mut names: Vec<&str> = vec![
        &m.name,
        &m.scheme,
        &m.identifier,
        &m.currency,
        &m.start_date,
        &m.end_date,
        &m.language,
    ];
    names.extend(m.start.iter().chain(&m.end).map(String::as_str));
    let mut out: Vec<esg::xlsx::Range> = names.into_iter().map(resolve).collect();
    for c in &map.cell {
        let mut r = resolve(&c.to);
        // Ticked boxes run to the right of the first.
        if !c.flags.is_empty() {
            r.last.col = r.first.col + c.flags.len() as u32 - 1;
        }
        out.push(r);
    }
    for t in &map.table {
        for col in t.columns.values() {
            out.extend(col.to.as_deref().map(resolve));
            out.extend(col.flags.values().map(|to| resolve(to)));
        }
        out.extend(t.constants.keys().map(|to| resolve(to)));
    }
    out
}

#[test]
fn every_answered_datapoint_reads_back_from_its_range_and_nothing_else_changed() {
    let g = esg::guideline::load_builtin("vsme-basic").unwrap();
    let k = esg::guideline::load_builtin("k-esg-sme").unwrap();
    let map = esg::workbook::maps().remove(0);
    let blank = Workbook::read(bytes(BLANK)).unwrap();
    let before = calamine_cells(&bytes(BLANK));
    let allowed = targets(&map, &blank);
    for example in [EXPORTER, SERVICE] {
        let source = esg::input::read_file(&root().join(example)).unwrap();
        let answers = esg::answers::parse_among(&source, &g, &[&k]).unwrap();
        let card = esg::score::score(&g, &answers, esg::score::Options::default());
        let (out, _, _dir) = fill(example, &["--identifier", "5299001ABCDEF1234567"]);
        let r = Read::new(&out);
        let year = answers.firm.reporting_year.unwrap() as i32;
        let mut checked = 0;
        for c in &map.cell {
            if c.constant.is_some()
                || c.positive
                || !c.flags.is_empty()
                || c.codes_in_list.is_some()
            {
                continue;
            }
            let expected = match g.question_index(&c.datapoint) {
                Some(q) => match answers.entries[q].as_ref().map(|e| &e.state) {
                    Some(esg::answers::State::Value(v)) => match v {
                        esg::answers::AnswerValue::Num(n) => {
                            Some(Value::Number(n * c.scale.unwrap_or(1.0)))
                        }
                        esg::answers::AnswerValue::Series(s) => s
                            .iter()
                            .find(|(y, _)| *y == year)
                            .map(|(_, n)| Value::Number(n * c.scale.unwrap_or(1.0))),
                        esg::answers::AnswerValue::Text(t) => Some(Value::Text(t.clone())),
                        esg::answers::AnswerValue::Bool(b) => Some(
                            c.labels
                                .get(if *b { "yes" } else { "no" })
                                .map_or(Value::Bool(*b), |l| Value::Text(l.clone())),
                        ),
                        esg::answers::AnswerValue::Choice(i) => {
                            let id = &g.questions[q].options[*i].id;
                            if c.codes.is_some() {
                                // Checked by name in the exporter's test; here: some label is there.
                                assert!(matches!(r.at(&c.to, 0), Some(Value::Text(_))), "{}", c.to);
                                checked += 1;
                                continue;
                            }
                            c.labels.get(id).map(|l| Value::Text(l.clone()))
                        }
                        _ => None,
                    },
                    _ => None,
                },
                None => card
                    .metrics
                    .iter()
                    .find(|m| m.id == c.datapoint)
                    .and_then(|m| m.value)
                    .map(|v| Value::Number(v * c.scale.unwrap_or(1.0))),
            };
            let Some(expected) = expected else { continue };
            let got = r.at(&c.to, 0);
            match (&expected, &got) {
                (Value::Number(a), Some(Value::Number(b))) => {
                    assert!(
                        (a - b).abs() <= 1e-9 * a.abs().max(1.0),
                        "{example} {}: {a} vs {b}",
                        c.to
                    )
                }
                _ => assert_eq!(got.as_ref(), Some(&expected), "{example} {}", c.to),
            }
            checked += 1;
        }
        assert!(
            checked >= 20,
            "{example}: only {checked} datapoints checked"
        );
        // Tables: each answered row's text and number cells in their column ranges.
        for t in &map.table {
            let Some(q) = g.question_index(&t.datapoint) else {
                continue;
            };
            let Some(esg::answers::State::Value(esg::answers::AnswerValue::Table(rows))) =
                answers.entries[q].as_ref().map(|e| &e.state)
            else {
                continue;
            };
            for (i, row) in rows.iter().enumerate() {
                for (column, m) in &t.columns {
                    let ci = g.questions[q].column_index(column).unwrap();
                    let (Some(to), None, None, None, None) =
                        (&m.to, &m.codes, &m.in_list, &m.row_of, &m.code_in_list)
                    else {
                        continue;
                    };
                    let expected = match &row[ci] {
                        esg::answers::Cell::Text(s) => Value::Text(s.clone()),
                        esg::answers::Cell::Num(n) => Value::Number(*n),
                        _ => continue,
                    };
                    assert_eq!(r.at(to, i as u32), Some(expected), "{example} {to} row {i}");
                }
            }
        }
        // Nothing outside the map's ranges changed (formula results the spreadsheet shows are
        // recalculated by it when opened, so only cells without a formula are compared).
        let after = calamine_cells(&out);
        for (sheet, cells) in &before {
            let index = blank.sheet_names().position(|s| s == sheet).unwrap();
            let formulas = blank.formulas(index).unwrap();
            let keys: std::collections::BTreeSet<&Cell> =
                cells.keys().chain(after[sheet].keys()).collect();
            for cell in keys {
                if cells.get(cell) == after[sheet].get(cell) || formulas.contains(cell) {
                    continue;
                }
                let inside = allowed.iter().any(|r| {
                    r.sheet == index
                        && (r.first.row..=r.last.row).contains(&cell.row)
                        && (r.first.col..=r.last.col).contains(&cell.col)
                });
                assert!(
                    inside,
                    "{example}: {sheet}!{} changed outside the map",
                    cell.name()
                );
            }
        }
    }
}

#[test]
fn amounts_can_be_written_in_another_currency_at_a_stated_rate() {
    let (out, _, _dir) = fill(EXPORTER, &["--currency", "eur", "--exchange-rate", "1470"]);
    let r = Read::new(&out);
    assert_eq!(r.text("template_currency"), "EUR");
    assert_eq!(r.number("Turnover"), 12_380_952.38);
    // Figures that are not money stay as they are.
    assert_eq!(r.number("NumberOfEmployees"), 60.0);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o.xlsx");
    esg()
        .args([
            "fill",
            EXPORTER,
            BLANK,
            "--currency",
            "XYZ",
            "--exchange-rate",
            "2",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ISO 4217"));
    esg()
        .args([
            "fill",
            EXPORTER,
            BLANK,
            "--currency",
            "EUR",
            "--exchange-rate=-3",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("exchange rate"));
    assert!(!out.exists());
}
