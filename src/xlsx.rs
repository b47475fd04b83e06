//! An Excel workbook (`.xlsx`) read and changed cell by cell inside its own XML.
//!
//! A workbook is a zip archive of XML parts. Reading finds the sheets, the defined names (the
//! named ranges a template's datapoints live in) and the shared strings; writing changes only the
//! `<c>` elements of the cells set, in the parts of the sheets that hold them, asks the
//! spreadsheet to recalculate on opening, and copies every other part of the archive byte for
//! byte (compressed data included). Formulas, data validation, styles, hidden sheets, drawings and
//! the defined names themselves are therefore exactly as they were: nothing is re-created by a
//! library that may drop what it does not understand.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Cursor, Read, Write};

use quick_xml::events::{BytesStart, BytesText, Event};

/// What can go wrong with a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XlsxError {
    /// Not a zip archive, or a damaged one.
    NotZip(String),
    /// A part a workbook must have is missing.
    Missing(String),
    /// A part is not well-formed XML.
    Xml { part: String, reason: String },
}

impl std::fmt::Display for XlsxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            XlsxError::NotZip(why) => write!(f, "not an xlsx workbook (zip archive): {why}"),
            XlsxError::Missing(part) => write!(f, "the workbook has no {part}"),
            XlsxError::Xml { part, reason } => write!(f, "{part} is not well-formed XML: {reason}"),
        }
    }
}

impl std::error::Error for XlsxError {}

type Result<T> = std::result::Result<T, XlsxError>;

/// A cell's value as a workbook holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    Text(String),
    Bool(bool),
    /// A date, written as the serial number spreadsheets count days by (its cell's style shows it
    /// as a date).
    Date {
        year: i32,
        month: u32,
        day: u32,
    },
    /// An error value (`#N/A`), as read.
    Error(String),
}

/// A cell's position: 1-based row and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cell {
    pub row: u32,
    pub col: u32,
}

impl Cell {
    /// Parses `D406` or `$D$406`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Cell> {
        let s = s.replace('$', "");
        let split = s.find(|c: char| c.is_ascii_digit())?;
        let (letters, digits) = s.split_at(split);
        if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        let col = letters.bytes().try_fold(0u32, |n, b| {
            n.checked_mul(26)?.checked_add(u32::from(b - b'A') + 1)
        })?;
        let row = digits.parse().ok()?;
        (row > 0 && col > 0).then_some(Cell { row, col })
    }

    /// The cell's name: `D406`.
    #[must_use]
    pub fn name(self) -> String {
        let mut letters = Vec::new();
        let mut n = self.col;
        while n > 0 {
            let r = (n - 1) % 26;
            letters.push(b'A' + r as u8);
            n = (n - 1) / 26;
        }
        letters.reverse();
        format!("{}{}", String::from_utf8_lossy(&letters), self.row)
    }
}

/// A rectangle of cells on one sheet, as a defined name refers to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Range {
    /// The sheet's index in the workbook's order.
    pub sheet: usize,
    pub first: Cell,
    pub last: Cell,
}

impl Range {
    /// Its cells, row by row.
    pub fn cells(&self) -> impl Iterator<Item = Cell> + '_ {
        (self.first.row..=self.last.row)
            .flat_map(move |row| (self.first.col..=self.last.col).map(move |col| Cell { row, col }))
    }

    /// How many rows it spans.
    #[must_use]
    pub fn rows(&self) -> u32 {
        self.last.row - self.first.row + 1
    }
}

/// A defined name of the workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinedName {
    pub name: String,
    /// What it refers to, as written (`'General Information'!$D$406:$D$505`).
    pub refers_to: String,
    /// Set when the name belongs to one sheet only.
    pub local_sheet: Option<usize>,
}

#[derive(Debug, Clone)]
struct Sheet {
    name: String,
    /// Its part in the archive: `xl/worksheets/sheet4.xml`.
    part: String,
}

/// A workbook read from its bytes, with the cells set since.
#[derive(Debug, Clone)]
pub struct Workbook {
    bytes: Vec<u8>,
    sheets: Vec<Sheet>,
    names: Vec<DefinedName>,
    shared: Vec<String>,
    edits: BTreeMap<usize, BTreeMap<Cell, Edit>>,
}

/// A cell to set: its value, or the result a formula of the template shows until the
/// spreadsheet recalculates (the formula kept).
#[derive(Debug, Clone, PartialEq)]
struct Edit {
    value: Value,
    keep_formula: bool,
}

impl Workbook {
    /// Reads a workbook's structure: its sheets, defined names and shared strings.
    pub fn read(bytes: Vec<u8>) -> Result<Workbook> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes.as_slice()))
            .map_err(|e| XlsxError::NotZip(e.to_string()))?;
        let workbook = part(&mut zip, "xl/workbook.xml")?;
        let rels = part(&mut zip, "xl/_rels/workbook.xml.rels")?;
        let targets = relationships(&rels, "xl/_rels/workbook.xml.rels")?;
        let (sheets, names) = workbook_xml(&workbook, &targets)?;
        let shared = match part(&mut zip, "xl/sharedStrings.xml") {
            Ok(text) => shared_strings(&text)?,
            Err(XlsxError::Missing(_)) => Vec::new(),
            Err(e) => return Err(e),
        };
        drop(zip);
        Ok(Workbook {
            bytes,
            sheets,
            names,
            shared,
            edits: BTreeMap::new(),
        })
    }

    /// The sheets' names, in the workbook's order.
    pub fn sheet_names(&self) -> impl Iterator<Item = &str> {
        self.sheets.iter().map(|s| s.name.as_str())
    }

    /// Every defined name.
    #[must_use]
    pub fn defined_names(&self) -> &[DefinedName] {
        &self.names
    }

    /// The range a workbook-wide defined name refers to, if it is one rectangle of one sheet.
    #[must_use]
    pub fn range(&self, name: &str) -> Option<Range> {
        let d = self
            .names
            .iter()
            .find(|d| d.name == name && d.local_sheet.is_none())?;
        self.parse_ref(&d.refers_to)
    }

    /// Parses `'Sheet name'!$A$1:$B$2` (or one cell) against this workbook's sheets.
    #[must_use]
    pub fn parse_ref(&self, refers_to: &str) -> Option<Range> {
        let (sheet, cells) = refers_to.rsplit_once('!')?;
        let sheet = sheet
            .strip_prefix('\'')
            .and_then(|s| s.strip_suffix('\''))
            .map_or_else(|| sheet.to_owned(), |s| s.replace("''", "'"));
        let index = self.sheets.iter().position(|s| s.name == sheet)?;
        let (a, b) = cells.split_once(':').unwrap_or((cells, cells));
        let (first, last) = (Cell::parse(a)?, Cell::parse(b)?);
        (first.row <= last.row && first.col <= last.col).then_some(Range {
            sheet: index,
            first,
            last,
        })
    }

    /// The values of a sheet's cells, as the workbook holds them now (cells set are not shown).
    pub fn values(&self, sheet: usize) -> Result<HashMap<Cell, Value>> {
        let part_name = &self.sheets[sheet].part;
        let mut zip = zip::ZipArchive::new(Cursor::new(self.bytes.as_slice()))
            .map_err(|e| XlsxError::NotZip(e.to_string()))?;
        let text = part(&mut zip, part_name)?;
        sheet_values(&text, part_name, &self.shared)
    }

    /// The value of one cell as the workbook holds it now.
    pub fn value(&self, sheet: usize, cell: Cell) -> Result<Option<Value>> {
        Ok(self.values(sheet)?.remove(&cell))
    }

    /// Sets a cell; it is written by [`Workbook::write`].
    pub fn set(&mut self, sheet: usize, cell: Cell, value: Value) {
        self.edits.entry(sheet).or_default().insert(
            cell,
            Edit {
                value,
                keep_formula: false,
            },
        );
    }

    /// Sets the result a formula cell shows, keeping its formula: what a reader that does not
    /// calculate (a converter reading stored results) sees before a spreadsheet recalculates.
    /// A cell without a formula is set as by [`Workbook::set`].
    pub fn set_result(&mut self, sheet: usize, cell: Cell, value: Value) {
        self.edits.entry(sheet).or_default().insert(
            cell,
            Edit {
                value,
                keep_formula: true,
            },
        );
    }

    /// The cells of a sheet that hold a formula.
    pub fn formulas(&self, sheet: usize) -> Result<HashSet<Cell>> {
        let part_name = &self.sheets[sheet].part;
        let mut zip = zip::ZipArchive::new(Cursor::new(self.bytes.as_slice()))
            .map_err(|e| XlsxError::NotZip(e.to_string()))?;
        let text = part(&mut zip, part_name)?;
        sheet_formulas(&text, part_name)
    }

    /// The sheet a range or name is on, by index.
    #[must_use]
    pub fn sheet_name(&self, sheet: usize) -> &str {
        &self.sheets[sheet].name
    }

    /// The workbook with the cells set: the sheets holding them rewritten cell by cell, the
    /// workbook part asking for a full recalculation when opened, every other part copied as it is.
    pub fn write(&self) -> Result<Vec<u8>> {
        let mut zip = zip::ZipArchive::new(Cursor::new(self.bytes.as_slice()))
            .map_err(|e| XlsxError::NotZip(e.to_string()))?;
        let changed: HashMap<&str, &BTreeMap<Cell, Edit>> = self
            .edits
            .iter()
            .map(|(&sheet, edits)| (self.sheets[sheet].part.as_str(), edits))
            .collect();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..zip.len() {
            let name = zip
                .by_index_raw(i)
                .map_err(|e| XlsxError::NotZip(e.to_string()))?
                .name()
                .to_owned();
            let new = if let Some(edits) = changed.get(name.as_str()) {
                let text = part(&mut zip, &name)?;
                Some(set_cells(&text, &name, edits)?)
            } else if name == "xl/workbook.xml" && !self.edits.is_empty() {
                Some(recalculate_on_load(&part(&mut zip, &name)?))
            } else {
                None
            };
            match new {
                Some(text) => {
                    let options = zip::write::SimpleFileOptions::default()
                        .compression_method(zip::CompressionMethod::Deflated);
                    out.start_file(name.as_str(), options)
                        .map_err(|e| XlsxError::NotZip(e.to_string()))?;
                    out.write_all(text.as_bytes())
                        .map_err(|e| XlsxError::NotZip(e.to_string()))?;
                }
                None => {
                    let file = zip
                        .by_index_raw(i)
                        .map_err(|e| XlsxError::NotZip(e.to_string()))?;
                    out.raw_copy_file(file)
                        .map_err(|e| XlsxError::NotZip(e.to_string()))?;
                }
            }
        }
        let cursor = out.finish().map_err(|e| XlsxError::NotZip(e.to_string()))?;
        Ok(cursor.into_inner())
    }
}

/// A part of the archive as text.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<String> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(XlsxError::Missing(name.to_owned()));
        }
        Err(e) => return Err(XlsxError::NotZip(e.to_string())),
    };
    let mut text = String::new();
    file.read_to_string(&mut text)
        .map_err(|e| XlsxError::NotZip(format!("{name}: {e}")))?;
    Ok(text)
}

fn xml_error(part: &str, e: impl std::fmt::Display) -> XlsxError {
    XlsxError::Xml {
        part: part.to_owned(),
        reason: e.to_string(),
    }
}

fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key || a.key.local_name().as_ref() == key)
        .and_then(|a| {
            quick_xml::escape::unescape(&String::from_utf8_lossy(&a.value))
                .ok()
                .map(std::borrow::Cow::into_owned)
        })
}

/// The targets of a relationships part, by id, as paths in the archive.
fn relationships(text: &str, part_name: &str) -> Result<HashMap<String, String>> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out = HashMap::new();
    loop {
        match reader.read_event().map_err(|e| xml_error(part_name, e))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, b"Id"), attr(&e, b"Target")) {
                    let path = match target.strip_prefix('/') {
                        Some(abs) => abs.to_owned(),
                        None => format!("xl/{target}"),
                    };
                    out.insert(id, path);
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The sheets and defined names of `xl/workbook.xml`.
fn workbook_xml(
    text: &str,
    targets: &HashMap<String, String>,
) -> Result<(Vec<Sheet>, Vec<DefinedName>)> {
    const PART: &str = "xl/workbook.xml";
    let mut reader = quick_xml::Reader::from_str(text);
    let mut sheets = Vec::new();
    let mut names = Vec::new();
    let mut open: Option<(String, Option<usize>)> = None;
    let mut refers_to = String::new();
    loop {
        match reader.read_event().map_err(|e| xml_error(PART, e))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"sheet" => {
                let name = attr(&e, b"name").unwrap_or_default();
                let part = attr(&e, b"id")
                    .and_then(|id| targets.get(&id).cloned())
                    .unwrap_or_default();
                sheets.push(Sheet { name, part });
            }
            Event::Start(e) if e.local_name().as_ref() == b"definedName" => {
                let local = attr(&e, b"localSheetId").and_then(|s| s.parse().ok());
                open = Some((attr(&e, b"name").unwrap_or_default(), local));
                refers_to.clear();
            }
            Event::Text(t) if open.is_some() => {
                refers_to.push_str(&t.decode().map_err(|e| xml_error(PART, e))?);
            }
            Event::GeneralRef(r) if open.is_some() => {
                refers_to.push_str(&entity(&r.decode().map_err(|e| xml_error(PART, e))?));
            }
            Event::End(e) if e.local_name().as_ref() == b"definedName" => {
                if let Some((name, local_sheet)) = open.take() {
                    names.push(DefinedName {
                        name,
                        refers_to: std::mem::take(&mut refers_to),
                        local_sheet,
                    });
                }
            }
            Event::Eof => return Ok((sheets, names)),
            _ => {}
        }
    }
}

/// The text an XML entity reference stands for (`amp` -> `&`, `#39` -> `'`).
fn entity(name: &str) -> String {
    match name {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        _ => name
            .strip_prefix("#x")
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
            .and_then(char::from_u32)
            .map_or_else(|| format!("&{name};"), String::from),
    }
}

/// The text inside an element, entity references resolved, until its end.
fn text_until_end(reader: &mut quick_xml::Reader<&[u8]>, end: &[u8], part: &str) -> Result<String> {
    let mut out = String::new();
    let mut depth = 0usize;
    loop {
        match reader.read_event().map_err(|e| xml_error(part, e))? {
            Event::Start(e) => {
                // Phonetic runs (`<rPh>`) are reading aids, not the text.
                if e.local_name().as_ref() == b"rPh" {
                    reader
                        .read_to_end(e.name())
                        .map_err(|e| xml_error(part, e))?;
                } else {
                    depth += 1;
                }
            }
            // XML reads a line end as one line feed, whatever the file has.
            Event::Text(t) => out.push_str(
                &t.decode()
                    .map_err(|e| xml_error(part, e))?
                    .replace("\r\n", "\n")
                    .replace('\r', "\n"),
            ),
            Event::CData(t) => out.push_str(&String::from_utf8_lossy(&t)),
            Event::GeneralRef(r) => {
                out.push_str(&entity(&r.decode().map_err(|e| xml_error(part, e))?))
            }
            Event::End(e) => {
                if depth == 0 && e.local_name().as_ref() == end {
                    return Ok(unescape_excel(&out));
                }
                depth = depth.saturating_sub(1);
            }
            Event::Eof => return Ok(unescape_excel(&out)),
            _ => {}
        }
    }
}

/// Excel's escapes in cell text: `_x000D_` for a character XML cannot hold as it is (a carriage
/// return, a control character), `_x005F_` for an underscore that would start such an escape.
fn unescape_excel(s: &str) -> String {
    if !s.contains("_x") {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let code = tail
            .get(2..6)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()) && tail.get(6..7) == Some("_"))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                out.push(c);
                rest = &tail[7..];
            }
            None => {
                out.push_str("_x");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Text as a cell holds it: XML's escapes, and Excel's for what XML cannot hold (control
/// characters, a carriage return) and for an underscore that would read as such an escape.
fn escape_cell_text(s: &str) -> String {
    let looks_escaped = |t: &str| {
        t.len() >= 7
            && t.starts_with("_x")
            && t.as_bytes()[2..6].iter().all(u8::is_ascii_hexdigit)
            && t.as_bytes()[6] == b'_'
    };
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        match c {
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{7f}' | '\u{fffe}' | '\u{ffff}') => {
                out.push_str(&format!("_x{:04X}_", c as u32));
            }
            '_' if looks_escaped(&s[i..]) => out.push_str("_x005F_"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The shared strings, in order.
fn shared_strings(text: &str) -> Result<Vec<String>> {
    const PART: &str = "xl/sharedStrings.xml";
    let mut reader = quick_xml::Reader::from_reader(text.as_bytes());
    let mut out = Vec::new();
    loop {
        match reader.read_event().map_err(|e| xml_error(PART, e))? {
            Event::Start(e) if e.local_name().as_ref() == b"si" => {
                out.push(text_until_end(&mut reader, b"si", PART)?);
            }
            Event::Empty(e) if e.local_name().as_ref() == b"si" => out.push(String::new()),
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The values of a sheet's cells.
fn sheet_values(text: &str, part: &str, shared: &[String]) -> Result<HashMap<Cell, Value>> {
    let mut reader = quick_xml::Reader::from_reader(text.as_bytes());
    let mut out = HashMap::new();
    loop {
        match reader.read_event().map_err(|e| xml_error(part, e))? {
            Event::Start(e) if e.local_name().as_ref() == b"c" => {
                let Some(cell) = attr(&e, b"r").as_deref().and_then(Cell::parse) else {
                    continue;
                };
                let kind = attr(&e, b"t").unwrap_or_default();
                let mut raw = None;
                let mut inline = None;
                loop {
                    match reader.read_event().map_err(|e| xml_error(part, e))? {
                        Event::Start(c) if c.local_name().as_ref() == b"v" => {
                            raw = Some(text_until_end(&mut reader, b"v", part)?);
                        }
                        Event::Start(c) if c.local_name().as_ref() == b"is" => {
                            inline = Some(text_until_end(&mut reader, b"is", part)?);
                        }
                        Event::End(c) if c.local_name().as_ref() == b"c" => break,
                        Event::Eof => break,
                        _ => {}
                    }
                }
                let value = match (kind.as_str(), raw, inline) {
                    ("inlineStr", _, Some(s)) => Some(Value::Text(s)),
                    ("s", Some(i), _) => i
                        .trim()
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| shared.get(i))
                        .map(|s| Value::Text(s.clone())),
                    ("str", Some(s), _) => Some(Value::Text(s)),
                    ("b", Some(b), _) => Some(Value::Bool(b.trim() == "1")),
                    ("e", Some(e), _) => Some(Value::Error(e)),
                    (_, Some(n), _) => n.trim().parse().ok().map(Value::Number),
                    _ => None,
                };
                if let Some(v) = value {
                    out.insert(cell, v);
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The cells of a sheet that hold a formula (`<f>`, shared formulas included).
fn sheet_formulas(text: &str, part: &str) -> Result<HashSet<Cell>> {
    let mut reader = quick_xml::Reader::from_reader(text.as_bytes());
    let mut out = HashSet::new();
    let mut current = None;
    loop {
        match reader.read_event().map_err(|e| xml_error(part, e))? {
            Event::Start(e) if e.local_name().as_ref() == b"c" => {
                current = attr(&e, b"r").as_deref().and_then(Cell::parse);
            }
            Event::End(e) if e.local_name().as_ref() == b"c" => current = None,
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"f" => {
                if let Some(c) = current {
                    out.insert(c);
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The serial number spreadsheets give a date: days since 1899-12-30.
#[must_use]
pub fn date_serial(year: i32, month: u32, day: u32) -> f64 {
    // Days from 1970-01-01 (the civil-from-days algorithm in reverse), then the offset to 1899-12-30.
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    (days + 25_569) as f64
}

/// `<calcPr fullCalcOnLoad="1">`: the spreadsheet recomputes every formula (the template's
/// checks over the cells set) when the file is opened.
fn recalculate_on_load(text: &str) -> String {
    let Some(at) = text.find("<calcPr") else {
        return text.to_owned();
    };
    let end = text[at..].find('>').map_or(text.len(), |e| at + e);
    if text[at..end].contains("fullCalcOnLoad") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 24);
    out.push_str(&text[..at + "<calcPr".len()]);
    out.push_str(" fullCalcOnLoad=\"1\"");
    out.push_str(&text[at + "<calcPr".len()..]);
    out
}

/// One new `<c>` element for an edit: its value, or its formula (`formula`, as read) with the
/// value as the formula's stored result.
fn edit_xml(cell: Cell, style: Option<&str>, edit: &Edit, formula: Option<&str>) -> String {
    let Some(f) = formula.filter(|_| edit.keep_formula) else {
        return cell_xml(cell, style, &edit.value);
    };
    let style = style.map_or_else(String::new, |s| format!(" s=\"{s}\""));
    let r = cell.name();
    match &edit.value {
        Value::Number(n) => format!("<c r=\"{r}\"{style}>{f}<v>{n}</v></c>"),
        Value::Date { year, month, day } => format!(
            "<c r=\"{r}\"{style}>{f}<v>{}</v></c>",
            date_serial(*year, *month, *day)
        ),
        Value::Bool(b) => format!("<c r=\"{r}\"{style} t=\"b\">{f}<v>{}</v></c>", u8::from(*b)),
        Value::Text(s) => format!(
            "<c r=\"{r}\"{style} t=\"str\">{f}<v>{}</v></c>",
            escape_cell_text(s)
        ),
        Value::Error(e) => format!(
            "<c r=\"{r}\"{style} t=\"e\">{f}<v>{}</v></c>",
            quick_xml::escape::escape(e)
        ),
    }
}

/// One new `<c>` element: the value, in the style the cell had.
fn cell_xml(cell: Cell, style: Option<&str>, value: &Value) -> String {
    let style = style.map_or_else(String::new, |s| format!(" s=\"{s}\""));
    let r = cell.name();
    let escaped = |s: &str| quick_xml::escape::escape(s).into_owned();
    match value {
        Value::Number(n) => format!("<c r=\"{r}\"{style}><v>{n}</v></c>"),
        Value::Date { year, month, day } => format!(
            "<c r=\"{r}\"{style}><v>{}</v></c>",
            date_serial(*year, *month, *day)
        ),
        Value::Bool(b) => format!("<c r=\"{r}\"{style} t=\"b\"><v>{}</v></c>", u8::from(*b)),
        Value::Text(s) => format!(
            "<c r=\"{r}\"{style} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
            escape_cell_text(s)
        ),
        Value::Error(e) => format!("<c r=\"{r}\"{style} t=\"e\"><v>{}</v></c>", escaped(e)),
    }
}

/// A sheet's XML with `edits` applied: each edited cell's `<c>` replaced (keeping its style) or
/// inserted in column order, rows inserted in row order; everything else written as read.
fn set_cells(text: &str, part: &str, edits: &BTreeMap<Cell, Edit>) -> Result<String> {
    let mut by_row: BTreeMap<u32, BTreeMap<u32, &Edit>> = BTreeMap::new();
    for (cell, value) in edits {
        by_row.entry(cell.row).or_default().insert(cell.col, value);
    }
    let mut reader = quick_xml::Reader::from_reader(text.as_bytes());
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(text.len() + 4096));
    let raw = |w: &mut quick_xml::Writer<Vec<u8>>, s: &str| -> Result<()> {
        w.write_event(Event::Text(BytesText::from_escaped(s)))
            .map_err(|e| xml_error(part, e))
    };
    let write = |w: &mut quick_xml::Writer<Vec<u8>>, e: Event<'_>| -> Result<()> {
        w.write_event(e).map_err(|e| xml_error(part, e))
    };
    // Rows not in the sheet yet, before row `before` (all, for `None`).
    let new_rows = |w: &mut quick_xml::Writer<Vec<u8>>,
                    by_row: &mut BTreeMap<u32, BTreeMap<u32, &Edit>>,
                    before: Option<u32>|
     -> Result<()> {
        let rows: Vec<u32> = by_row
            .keys()
            .copied()
            .filter(|&r| before.is_none_or(|b| r < b))
            .collect();
        for r in rows {
            let cells = by_row.remove(&r).unwrap_or_default();
            let mut s = format!("<row r=\"{r}\">");
            for (col, value) in cells {
                s.push_str(&cell_xml(Cell { row: r, col }, None, &value.value));
            }
            s.push_str("</row>");
            raw(w, &s)?;
        }
        Ok(())
    };
    // The row being copied, with the cells still to set in it.
    let mut row: Option<(u32, BTreeMap<u32, &Edit>)> = None;
    loop {
        let event = reader.read_event().map_err(|e| xml_error(part, e))?;
        match event {
            Event::Start(ref e) if e.local_name().as_ref() == b"row" => {
                let r: u32 = attr(e, b"r").and_then(|r| r.parse().ok()).unwrap_or(0);
                new_rows(&mut writer, &mut by_row, Some(r))?;
                row = by_row.remove(&r).map(|cells| (r, cells));
                write(&mut writer, event)?;
            }
            Event::Empty(ref e) if e.local_name().as_ref() == b"row" => {
                let r: u32 = attr(e, b"r").and_then(|r| r.parse().ok()).unwrap_or(0);
                new_rows(&mut writer, &mut by_row, Some(r))?;
                match by_row.remove(&r) {
                    Some(cells) => {
                        // `<row r="5" .../>` becomes `<row r="5" ...>cells</row>`.
                        write(&mut writer, Event::Start(e.to_owned()))?;
                        for (col, value) in cells {
                            raw(
                                &mut writer,
                                &cell_xml(Cell { row: r, col }, None, &value.value),
                            )?;
                        }
                        write(
                            &mut writer,
                            Event::End(quick_xml::events::BytesEnd::new(
                                String::from_utf8_lossy(e.name().as_ref()).into_owned(),
                            )),
                        )?;
                    }
                    None => write(&mut writer, event)?,
                }
            }
            Event::Start(ref e) | Event::Empty(ref e)
                if e.local_name().as_ref() == b"c" && row.is_some() =>
            {
                let is_start = matches!(event, Event::Start(_));
                let cell = attr(e, b"r").as_deref().and_then(Cell::parse);
                let (r, pending) = row.as_mut().expect("in a row");
                let col = cell.map_or(u32::MAX, |c| c.col);
                // Cells to set that come before this one.
                let before: Vec<u32> = pending.range(..col).map(|(&c, _)| c).collect();
                for c in before {
                    let value = pending.remove(&c).expect("listed");
                    raw(
                        &mut writer,
                        &cell_xml(Cell { row: *r, col: c }, None, &value.value),
                    )?;
                }
                if let Some(value) = pending.remove(&col) {
                    let style = attr(e, b"s");
                    let formula = if is_start {
                        formula_of_cell(&mut reader, part)?
                    } else {
                        None
                    };
                    raw(
                        &mut writer,
                        &edit_xml(
                            Cell { row: *r, col },
                            style.as_deref(),
                            value,
                            formula.as_deref(),
                        ),
                    )?;
                } else {
                    write(&mut writer, event)?;
                }
            }
            Event::End(ref e) if e.local_name().as_ref() == b"row" => {
                if let Some((r, pending)) = row.take() {
                    for (col, value) in pending {
                        raw(
                            &mut writer,
                            &cell_xml(Cell { row: r, col }, None, &value.value),
                        )?;
                    }
                }
                write(&mut writer, event)?;
            }
            Event::End(ref e) if e.local_name().as_ref() == b"sheetData" => {
                new_rows(&mut writer, &mut by_row, None)?;
                write(&mut writer, event)?;
            }
            Event::Empty(ref e) if e.local_name().as_ref() == b"sheetData" => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                write(&mut writer, Event::Start(e.to_owned()))?;
                new_rows(&mut writer, &mut by_row, None)?;
                write(
                    &mut writer,
                    Event::End(quick_xml::events::BytesEnd::new(name)),
                )?;
            }
            Event::Eof => break,
            _ => write(&mut writer, event)?,
        }
    }
    String::from_utf8(writer.into_inner()).map_err(|e| xml_error(part, e))
}

/// Reads the rest of a `<c>` element and gives its `<f>` element as written, if it has one.
fn formula_of_cell(reader: &mut quick_xml::Reader<&[u8]>, part: &str) -> Result<Option<String>> {
    let mut formula: Option<quick_xml::Writer<Vec<u8>>> = None;
    let mut depth = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| xml_error(part, e))?;
        match &event {
            Event::Start(e) if e.local_name().as_ref() == b"f" && depth == 0 => {
                let mut w = quick_xml::Writer::new(Vec::new());
                w.write_event(event.clone())
                    .map_err(|e| xml_error(part, e))?;
                formula = Some(w);
                depth = 1;
                continue;
            }
            Event::Empty(e) if e.local_name().as_ref() == b"f" && depth == 0 => {
                let mut w = quick_xml::Writer::new(Vec::new());
                w.write_event(event.clone())
                    .map_err(|e| xml_error(part, e))?;
                formula = Some(w);
                continue;
            }
            Event::End(e) if e.local_name().as_ref() == b"c" && depth == 0 => break,
            Event::Eof => break,
            _ => {}
        }
        if depth > 0 {
            let w = formula.as_mut().expect("open formula");
            w.write_event(event.clone())
                .map_err(|e| xml_error(part, e))?;
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                _ => {}
            }
        }
    }
    Ok(formula.map(|w| String::from_utf8_lossy(&w.into_inner()).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_round_trip() {
        for (name, row, col) in [
            ("A1", 1, 1),
            ("Z9", 9, 26),
            ("AA10", 10, 27),
            ("XFD1048576", 1_048_576, 16_384),
        ] {
            let cell = Cell::parse(name).unwrap();
            assert_eq!((cell.row, cell.col), (row, col));
            assert_eq!(cell.name(), name);
        }
        assert_eq!(Cell::parse("$D$406"), Some(Cell { row: 406, col: 4 }));
        assert_eq!(Cell::parse("D0"), None);
        assert_eq!(Cell::parse("406"), None);
        assert_eq!(Cell::parse("d4"), None);
    }

    #[test]
    fn hostile_text_survives_a_round_trip() {
        for text in [
            "a\u{1}b\rc",
            "_x0041_ is not A",
            "tab\tand\nline",
            "<&>",
            "끝_x",
        ] {
            let xml = format!("<si><t>{}</t></si>", escape_cell_text(text));
            let mut reader = quick_xml::Reader::from_reader(xml.as_bytes());
            let _ = reader.read_event().unwrap();
            assert_eq!(
                text_until_end(&mut reader, b"si", "t").unwrap(),
                text,
                "{xml}"
            );
        }
    }

    #[test]
    fn dates_count_days_as_spreadsheets_do() {
        assert_eq!(date_serial(1900, 3, 1), 61.0);
        assert_eq!(date_serial(2025, 1, 1), 45658.0);
        assert_eq!(date_serial(2025, 12, 31), 46022.0);
    }

    #[test]
    fn cells_are_replaced_in_place_and_inserted_in_order() {
        let xml = r#"<?xml version="1.0"?><worksheet><sheetData><row r="2"><c r="B2" s="7" t="s"><v>0</v></c><c r="D2"/></row><row r="5" spans="1:3"/></sheetData></worksheet>"#;
        let set = |value| Edit {
            value,
            keep_formula: false,
        };
        let mut edits = BTreeMap::new();
        edits.insert(Cell { row: 2, col: 2 }, set(Value::Number(1.5)));
        edits.insert(
            Cell { row: 2, col: 3 },
            set(Value::Text("a<b & 한글".into())),
        );
        edits.insert(Cell { row: 1, col: 1 }, set(Value::Bool(true)));
        edits.insert(
            Cell { row: 5, col: 1 },
            set(Value::Date {
                year: 2025,
                month: 1,
                day: 1,
            }),
        );
        edits.insert(Cell { row: 9, col: 2 }, set(Value::Number(3.0)));
        let out = set_cells(xml, "sheet.xml", &edits).unwrap();
        assert_eq!(
            out,
            r#"<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="b"><v>1</v></c></row><row r="2"><c r="B2" s="7"><v>1.5</v></c><c r="C2" t="inlineStr"><is><t xml:space="preserve">a&lt;b &amp; 한글</t></is></c><c r="D2"/></row><row r="5" spans="1:3"><c r="A5"><v>45658</v></c></row><row r="9"><c r="B9"><v>3</v></c></row></sheetData></worksheet>"#
        );
        let values = sheet_values(&out, "sheet.xml", &[]).unwrap();
        assert_eq!(
            values[&Cell { row: 2, col: 3 }],
            Value::Text("a<b & 한글".into())
        );
        assert_eq!(values[&Cell { row: 2, col: 2 }], Value::Number(1.5));
    }

    #[test]
    fn a_formula_keeps_its_text_and_gets_a_stored_result() {
        let xml = r#"<worksheet><sheetData><row r="9"><c r="D9" s="3" t="str"><f>IF(D6="","-",D6&amp;"-01")</f><v>-</v></c><c r="E9"><f t="shared" si="0"/><v>1</v></c></row></sheetData></worksheet>"#;
        let mut edits = BTreeMap::new();
        let result = |value| Edit {
            value,
            keep_formula: true,
        };
        edits.insert(
            Cell { row: 9, col: 4 },
            result(Value::Text("2025-01-01".into())),
        );
        edits.insert(Cell { row: 9, col: 5 }, result(Value::Number(2.0)));
        let out = set_cells(xml, "sheet.xml", &edits).unwrap();
        assert_eq!(
            out,
            r#"<worksheet><sheetData><row r="9"><c r="D9" s="3" t="str"><f>IF(D6="","-",D6&amp;"-01")</f><v>2025-01-01</v></c><c r="E9"><f t="shared" si="0"/><v>2</v></c></row></sheetData></worksheet>"#
        );
        let formulas = sheet_formulas(&out, "sheet.xml").unwrap();
        assert_eq!(formulas.len(), 2);
    }
}
