//! Workbooks read and filled cell by cell (`esg::xlsx`), checked against another xlsx reader
//! (calamine), EFRAG's own sample, and LibreOffice opening the filled file.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use esg::xlsx::{Cell, Value, Workbook};

use crate::common::root;

pub(crate) const BLANK: &str = "tests/fixtures/vsme/VSME-Digital-Template-1.3.0.xlsx";
const SAMPLE: &str = "tests/fixtures/vsme/VSME-Digital-Template-Sample-1.3.0.xlsx";

pub(crate) fn bytes(path: &str) -> Vec<u8> {
    std::fs::read(root().join(path)).unwrap()
}

/// A cell as calamine reads it, in `esg::xlsx`'s terms (dates as their serial numbers).
fn theirs(data: &Data) -> Option<Value> {
    match data {
        Data::Empty => None,
        Data::Int(i) => Some(Value::Number(*i as f64)),
        Data::Float(f) => Some(Value::Number(*f)),
        Data::String(s) => Some(Value::Text(s.clone())),
        Data::Bool(b) => Some(Value::Bool(*b)),
        Data::DateTime(d) => Some(Value::Number(d.as_f64())),
        Data::Error(e) => Some(Value::Error(format!("{e}"))),
        other => Some(Value::Text(other.to_string())),
    }
}

/// Every sheet as calamine reads it: sheet name -> (row, col) 1-based -> value.
pub(crate) fn calamine_cells(bytes: &[u8]) -> HashMap<String, HashMap<Cell, Value>> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let mut out = HashMap::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let mut cells = HashMap::new();
        for (r, c, data) in range.used_cells() {
            let (r0, c0) = range.start().unwrap();
            if let Some(v) = theirs(data) {
                cells.insert(
                    Cell {
                        row: r0 + r as u32 + 1,
                        col: c0 + c as u32 + 1,
                    },
                    v,
                );
            }
        }
        out.insert(name, cells);
    }
    out
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
        // Errors are spelled alike enough (`#N/A`): the reading is what is compared.
        (Value::Error(_), Value::Error(_)) => true,
        _ => a == b,
    }
}

#[test]
fn the_named_ranges_of_efrags_sample_read_as_another_reader_reads_them() {
    let sample = bytes(SAMPLE);
    let book = Workbook::read(sample.clone()).unwrap();
    let calamine = calamine_cells(&sample);
    let sheets: Vec<&str> = book.sheet_names().collect();
    let mut compared = 0;
    let mut filled = 0;
    let mut ranges = 0;
    let mut values: HashMap<usize, HashMap<Cell, Value>> = HashMap::new();
    for name in book.defined_names() {
        if name.local_sheet.is_some() || name.name.starts_with("_xlnm") {
            continue;
        }
        let Some(range) = book.range(&name.name) else {
            continue;
        };
        ranges += 1;
        let ours = values
            .entry(range.sheet)
            .or_insert_with(|| book.values(range.sheet).unwrap());
        let theirs = &calamine[sheets[range.sheet]];
        for cell in range.cells() {
            compared += 1;
            let empty = Value::Text(String::new());
            let ours = ours.get(&cell).filter(|v| **v != empty);
            let theirs = theirs.get(&cell).filter(|v| **v != empty);
            match (ours, theirs) {
                (None, None) => {}
                (Some(a), Some(b)) if same(a, b) => filled += 1,
                (a, b) => panic!(
                    "{} {}!{}: esg reads {a:?}, calamine {b:?}",
                    name.name,
                    sheets[range.sheet],
                    cell.name()
                ),
            }
        }
    }
    // The template names hundreds of datapoints, and the sample fills many of them.
    assert!(ranges > 700, "{ranges} named ranges");
    assert!(compared > 5_000, "{compared} cells compared");
    assert!(filled > 300, "{filled} filled cells agree");
    // A datapoint of the sample, read by its name.
    let entity = book
        .range("template_reporting_entity_name")
        .expect("a named range");
    let shown = book.value(entity.sheet, entity.first).unwrap();
    assert!(
        matches!(shown, Some(Value::Text(ref s)) if !s.is_empty()),
        "{shown:?}"
    );
}

/// The archive's parts: name -> (crc, compressed size, compression method).
fn parts(bytes: &[u8]) -> HashMap<String, (u32, u64, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let f = zip.by_index_raw(i).unwrap();
            (
                f.name().to_owned(),
                (
                    f.crc32(),
                    f.compressed_size(),
                    format!("{:?}", f.compression()),
                ),
            )
        })
        .collect()
}

fn part_text(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// Fills a few datapoints of the blank template: Korean text, a number, a date, a table's rows.
fn filled() -> (Vec<u8>, Workbook) {
    let blank = bytes(BLANK);
    let mut book = Workbook::read(blank).unwrap();
    let name = book.range("template_reporting_entity_name").unwrap();
    book.set(
        name.sheet,
        name.first,
        Value::Text("한빛정밀(주) <EU> & Co".into()),
    );
    let turnover = book.range("Turnover").unwrap();
    book.set(turnover.sheet, turnover.first, Value::Number(12_345_678.5));
    let sites = book.range("AddressOfSite").unwrap();
    let mut rows = sites.cells();
    for address in ["경기도 화성시 1", "Wrocław, Poland"] {
        let cell = rows.next().unwrap();
        book.set(sites.sheet, cell, Value::Text(address.into()));
    }
    let bytes = book.write().unwrap();
    (bytes, book)
}

#[test]
fn a_filled_template_holds_the_values_and_everything_else_as_it_was() {
    let blank = bytes(BLANK);
    let (out, book) = filled();
    // Read back by another reader.
    let calamine = calamine_cells(&out);
    let sheets: Vec<&str> = book.sheet_names().collect();
    let at = |name: &str, i: usize| {
        let r = book.range(name).unwrap();
        let cell = r.cells().nth(i).unwrap();
        calamine[sheets[r.sheet]].get(&cell).cloned()
    };
    assert_eq!(
        at("template_reporting_entity_name", 0),
        Some(Value::Text("한빛정밀(주) <EU> & Co".into()))
    );
    assert_eq!(at("Turnover", 0), Some(Value::Number(12_345_678.5)));
    assert_eq!(
        at("AddressOfSite", 0),
        Some(Value::Text("경기도 화성시 1".into()))
    );
    assert_eq!(
        at("AddressOfSite", 1),
        Some(Value::Text("Wrocław, Poland".into()))
    );
    assert_eq!(at("AddressOfSite", 2), None);

    // Every part but the sheets written and the workbook part is the same, byte for byte.
    let before = parts(&blank);
    let after = parts(&out);
    assert_eq!(
        before.keys().collect::<std::collections::BTreeSet<_>>(),
        after.keys().collect::<std::collections::BTreeSet<_>>()
    );
    let changed: Vec<&String> = before
        .iter()
        .filter(|(name, p)| after[*name] != **p)
        .map(|(name, _)| name)
        .collect();
    let mut changed: Vec<&str> = changed.iter().map(|s| s.as_str()).collect();
    changed.sort_unstable();
    assert_eq!(
        changed,
        ["xl/workbook.xml", "xl/worksheets/sheet4.xml"],
        "{changed:?}"
    );
    // The workbook part differs only in asking for a recalculation when opened: the defined
    // names are as they were.
    let wb_before = part_text(&blank, "xl/workbook.xml");
    let wb_after = part_text(&out, "xl/workbook.xml");
    assert_eq!(wb_after.replacen(" fullCalcOnLoad=\"1\"", "", 1), wb_before);
    let reread = Workbook::read(out.clone()).unwrap();
    assert_eq!(reread.defined_names(), book.defined_names());
    // In the sheet, only the cells set changed: the rest of its XML is as it was.
    let sheet_before = part_text(&blank, "xl/worksheets/sheet4.xml");
    let sheet_after = part_text(&out, "xl/worksheets/sheet4.xml");
    assert!(sheet_after.len() > sheet_before.len());
    let common_prefix = sheet_before
        .bytes()
        .zip(sheet_after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    assert!(sheet_before[..common_prefix].contains("<sheetData>") || common_prefix > 1000);
}

/// `bytes` opened and saved again by LibreOffice (headless), recalculating every formula as it
/// loads them when `recalculate` (as Excel does for a workbook asking for it; LibreOffice's own
/// default is to ask). `None` when LibreOffice is not installed.
#[allow(clippy::print_stderr)]
pub(crate) fn through_libreoffice(bytes: &[u8], recalculate: bool) -> Option<Vec<u8>> {
    if std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("LibreOffice (soffice) is not installed: the spreadsheet test is skipped");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let input = d.join("filled.xlsx");
    std::fs::write(&input, bytes).unwrap();
    if recalculate {
        let user = d.join("profile").join("user");
        std::fs::create_dir_all(&user).unwrap();
        std::fs::write(
            user.join("registrymodifications.xcu"),
            r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
        )
        .unwrap();
    }
    let converted = d.join("converted");
    let run = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            d.join("profile").display()
        ))
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&converted)
        .arg(&input)
        .output()
        .expect("soffice runs");
    assert!(run.status.success(), "{run:?}");
    Some(std::fs::read(converted.join("filled.xlsx")).expect("LibreOffice wrote the workbook"))
}

#[test]
fn libreoffice_opens_the_filled_template_and_reads_its_cells() {
    let (out, book) = filled();
    let Some(saved) = through_libreoffice(&out, false) else {
        return;
    };
    // What LibreOffice read from the file esg wrote, as it saves it again.
    let again = Workbook::read(saved).unwrap();
    let value = |b: &Workbook, name: &str| {
        let r = b.range(name).unwrap();
        b.value(r.sheet, r.first).unwrap()
    };
    assert_eq!(
        value(&again, "template_reporting_entity_name"),
        Some(Value::Text("한빛정밀(주) <EU> & Co".into()))
    );
    assert_eq!(value(&again, "Turnover"), Some(Value::Number(12_345_678.5)));
    assert!(again.range("AddressOfSite").is_some());
    assert_eq!(again.sheet_names().count(), book.sheet_names().count());
}
