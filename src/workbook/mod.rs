//! A framework's own workbook filled from a firm's answers: EFRAG's VSME Digital Template, whose
//! datapoints are named ranges. Where each datapoint goes is data (a map per template version,
//! `BUILT_IN`), and the workbook is changed cell by cell inside its own XML (`crate::xlsx`).
//!
//! A new version of a template is one more map file and one line in `BUILT_IN`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

use serde::Deserialize;

use crate::answers::{AnswerValue, Answers, Cell as AnswerCell, State};
use crate::guideline::Guideline;
use crate::scorecard::Scorecard;
use crate::text::{Lang, Text};
use crate::xlsx::{Cell, Range, Value, Workbook, XlsxError};

/// The maps of the templates `esg` knows, one per template version.
const BUILT_IN: &[&str] = &[include_str!("vsme-digital-template-1.3.0.toml")];

/// Where a guideline's datapoints go in one version of a template.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Map {
    pub template: Template,
    pub metadata: Metadata,
    #[serde(default)]
    pub cell: Vec<CellMap>,
    #[serde(default)]
    pub table: Vec<TableMap>,
    #[serde(default)]
    pub elsewhere: Vec<Elsewhere>,
}

/// Which template, and where its version is written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub title: String,
    pub version: String,
    pub version_cell: String,
    /// The guideline whose answers fill it.
    pub guideline: String,
    /// Where the firm gets the blank template.
    pub download: String,
}

/// Where the report's metadata goes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    pub name: String,
    pub scheme: String,
    /// The list of identifier schemes the template accepts.
    pub schemes: String,
    pub identifier: String,
    pub currency: String,
    pub currencies: String,
    /// The currency the guideline's amounts are in.
    pub amounts_in: String,
    /// The cells of the start's year, month and day.
    pub start: [String; 3],
    /// The formula cell the template shows the start date in.
    pub start_date: String,
    pub end: [String; 3],
    pub end_date: String,
    pub language: String,
    /// The list of the template's display languages (labels ending in `[tag]`).
    pub languages: String,
}

/// A cell of the template and the datapoint it holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellMap {
    pub datapoint: String,
    pub to: String,
    /// Option id (or `yes`/`no`) -> the template's label.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// The lists of codes and of labels: an option's id is a code, written as its label.
    pub codes: Option<[String; 2]>,
    /// The list whose labels hold the codes written in a text answer, one per row.
    pub codes_in_list: Option<String>,
    /// One yes/no cell per option, from the first cell on, in this order.
    #[serde(default)]
    pub flags: Vec<String>,
    /// Written when the datapoint has a value (a unit, a box ticked).
    pub constant: Option<toml::Value>,
    /// Yes when the figure is above zero.
    #[serde(default)]
    pub positive: bool,
    /// The figure times this (an amount in KRW 100 million to KRW).
    pub scale: Option<f64>,
    /// The cell holds a formula of the template: its stored result is set, the formula kept.
    #[serde(default)]
    pub result: bool,
    /// An amount of money: converted when the report is in another currency.
    #[serde(default)]
    pub money: bool,
}

/// A table question's rows in a block of the template.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableMap {
    pub datapoint: String,
    /// The template's range for the rows (its first row and how many rows fit).
    pub rows: String,
    pub columns: BTreeMap<String, ColumnMap>,
    /// Range -> text written in each row filled (the unit of a row).
    #[serde(default)]
    pub constants: BTreeMap<String, String>,
}

/// Where one column of a table goes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnMap {
    pub to: Option<String>,
    pub codes: Option<[String; 2]>,
    /// The text must be one of this list's labels (compared without case).
    pub in_list: Option<String>,
    /// The text is a code (digits, spaces allowed): written as the entry of this list that starts
    /// with it (`12 01 01` -> `12 01 01 - Non-Hazardous - Ferrous metal filings and turnings`).
    pub code_in_list: Option<String>,
    /// The text names a row of this table question: written as that row's number.
    pub row_of: Option<String>,
    /// Option id -> the column ticked for it.
    #[serde(default)]
    pub flags: BTreeMap<String, String>,
}

/// Datapoints the template holds in another shape, and what the firm does instead.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Elsewhere {
    pub datapoints: Vec<String>,
    pub why: BTreeMap<String, String>,
    /// A datapoint of the guideline in the template's shape: when it is written, these are too
    /// (the template adds them up from it).
    pub filled_by: Option<String>,
}

impl Elsewhere {
    fn why(&self) -> Text {
        let get = |k: &str| self.why.get(k).map_or("", String::as_str);
        Text::both(get("ko"), get("en"))
    }
}

/// Every map `esg` knows.
#[must_use]
pub fn maps() -> Vec<Map> {
    BUILT_IN
        .iter()
        .map(|text| toml::from_str(text).expect("a built-in template map is valid"))
        .collect()
}

/// What stops a fill.
#[derive(Debug, Clone, PartialEq)]
pub enum FillError {
    /// Not a workbook at all.
    NotWorkbook(XlsxError),
    /// A workbook, but not the template (no version where the template keeps it).
    NotTemplate { title: String, download: String },
    /// The template in a version `esg` has no map for.
    UnknownVersion {
        title: String,
        found: String,
        known: Vec<String>,
        download: String,
    },
    /// The template lacks a range the map names (a changed or damaged copy).
    MissingRange {
        title: String,
        version: String,
        name: String,
        download: String,
    },
    /// A display language the template does not offer.
    Language { asked: String, offered: Vec<String> },
    /// A currency not in the template's list of ISO 4217 codes.
    Currency { asked: String },
}

impl FillError {
    /// The message, in `lang`.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FillError::NotWorkbook(e) => crate::tr!(
                lang,
                "엑셀 통합 문서(.xlsx)가 아닙니다: {}",
                "not an Excel workbook (.xlsx): {}",
                e
            ),
            FillError::NotTemplate { title, download } => crate::tr!(
                lang,
                "{title} 서식이 아닙니다(서식의 버전 칸이 없습니다). 빈 서식은 {download} 에서 받으십시오.",
                "not a {title} (the template's version cell is missing); download the blank template from {download}",
                title = title,
                download = download
            ),
            FillError::UnknownVersion {
                title,
                found,
                known,
                download,
            } => crate::tr!(
                lang,
                "{title} 버전 {found}은(는) 이 도구가 채울 줄 아는 버전({known})이 아닙니다. {known} 버전을 {download} 에서 받으십시오.",
                "{title} version {found} is not one this tool can fill ({known}); download version {known} from {download}",
                title = title,
                found = crate::text::visible(found),
                known = known.join(", "),
                download = download
            ),
            FillError::MissingRange {
                title,
                version,
                name,
                download,
            } => crate::tr!(
                lang,
                "{title} {version}에 있어야 할 이름 붙은 범위 {name}이(가) 없습니다. 다른 프로그램으로 저장하면서 망가졌을 수 있습니다. 빈 서식을 {download} 에서 다시 받으십시오.",
                "the {title} {version} lacks its named range {name} (saving it in another program may have broken it); download the blank template again from {download}",
                title = title,
                version = version,
                name = name,
                download = download
            ),
            FillError::Currency { asked } => crate::tr!(
                lang,
                "'{}'은(는) 서식의 통화 목록(ISO 4217 코드: EUR, KRW, USD 등)에 없습니다",
                "'{}' is not in the template's list of currencies (ISO 4217 codes: EUR, KRW, USD, ...)",
                crate::text::visible(asked)
            ),
            FillError::Language { asked, offered } => crate::tr!(
                lang,
                "서식에 '{asked}' 표시 언어가 없습니다. 고를 수 있는 언어: {offered}",
                "the template offers no display language '{asked}'; it offers {offered}",
                asked = crate::text::visible(asked),
                offered = offered.join(", ")
            ),
        }
    }
}

/// A template read and recognised.
pub struct Opened {
    workbook: Workbook,
    map: Map,
}

impl Opened {
    /// The map the template's version chose.
    #[must_use]
    pub fn map(&self) -> &Map {
        &self.map
    }
}

/// Reads a template and finds the map of its version.
pub fn open(bytes: Vec<u8>) -> Result<Opened, FillError> {
    let workbook = Workbook::read(bytes).map_err(FillError::NotWorkbook)?;
    let mut maps = maps();
    let first = &maps[0].template;
    let (title, download) = (first.title.clone(), first.download.clone());
    let version = maps
        .iter()
        .find_map(|m| workbook.range(&m.template.version_cell))
        .and_then(|r| workbook.value(r.sheet, r.first).ok().flatten());
    let found = match version {
        Some(Value::Text(v)) => v.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(FillError::NotTemplate { title, download }),
    };
    let Some(at) = maps.iter().position(|m| m.template.version == found) else {
        return Err(FillError::UnknownVersion {
            title,
            found,
            known: maps.iter().map(|m| m.template.version.clone()).collect(),
            download,
        });
    };
    let map = maps.swap_remove(at);
    Ok(Opened { workbook, map })
}

/// The report's metadata, as the firm gives it beyond its answers.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// The identifier's scheme (as the firm typed it) and the identifier.
    pub identifier: Option<(String, String)>,
    /// The reporting period's first and last day; else the reporting year.
    pub period: Option<(Date, Date)>,
    /// The template's display language, as a tag (`en`).
    pub language: String,
    /// The report's currency when not the answers' own: its ISO code and how many units of the
    /// answers' currency one unit of it is worth (`EUR`, 1,470 KRW).
    pub currency: Option<(String, f64)>,
}

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Reads `2025-01-31`, checking the day exists.
    #[must_use]
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1000..=9999).contains(&year) && (1..=days).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// How one datapoint of the guideline stands in the filled workbook.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Written; `shared` names another guideline of the file that asks the same question.
    Filled { shared: Option<Text> },
    /// Partly written: some of its values are not among the template's labels.
    Partly { left: Vec<String> },
    /// No value yet: unanswered, or a figure not computed from the answers given.
    Empty,
    /// Does not apply to the firm: marked not applicable, or not asked of it.
    NotApplicable,
    /// The template holds it in another shape: what the firm does instead.
    Elsewhere(Text),
}

/// One datapoint of the summary.
#[derive(Debug, Clone)]
pub struct Datapoint {
    pub id: String,
    pub title: Text,
    pub status: Status,
}

/// Metadata the converter needs that is still missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Identifier,
    Period,
}

/// The filled workbook and what it holds.
pub struct Filled {
    pub bytes: Vec<u8>,
    pub datapoints: Vec<Datapoint>,
    pub missing: Vec<Missing>,
    /// The identifier scheme as the template spells it, when one was given but is not in the
    /// template's list: the schemes it offers.
    pub bad_scheme: Option<Vec<String>>,
}

/// Everything one fill reads.
pub struct Request<'a> {
    pub guideline: &'a Guideline,
    pub answers: &'a Answers,
    pub card: &'a Scorecard,
    /// The other guidelines the answers file names.
    pub companions: &'a [&'a Guideline],
    pub meta: Meta,
}

/// A value of a datapoint: a question's answer or a figure.
enum Found<'a> {
    Answer(&'a AnswerValue),
    Figure(f64),
}

struct Filler<'a> {
    wb: Workbook,
    formulas: HashMap<usize, HashSet<Cell>>,
    /// The template's values of each sheet a list is read from, read once.
    values: HashMap<usize, HashMap<Cell, Value>>,
    lists: HashMap<String, Rc<Vec<String>>>,
    title: String,
    version: String,
    download: String,
    req: &'a Request<'a>,
    year: Option<i32>,
    /// Values that did not fit the template, per datapoint.
    left: BTreeMap<String, Vec<String>>,
    written: HashSet<String>,
}

/// Fills the template for the firm.
pub fn fill(opened: Opened, req: &Request<'_>) -> Result<Filled, FillError> {
    let Opened { workbook, map } = opened;
    let year = req
        .answers
        .firm
        .reporting_year
        .and_then(|y| i32::try_from(y).ok());
    let mut f = Filler {
        wb: workbook,
        formulas: HashMap::new(),
        values: HashMap::new(),
        lists: HashMap::new(),
        title: map.template.title.clone(),
        version: map.template.version.clone(),
        download: map.template.download.clone(),
        req,
        year,
        left: BTreeMap::new(),
        written: HashSet::new(),
    };
    let (missing, bad_scheme) = f.metadata(&map.metadata)?;
    for c in &map.cell {
        f.cell(c)?;
    }
    for t in &map.table {
        f.table(t)?;
    }
    let datapoints = f.summary(&map);
    let bytes = f.wb.write().map_err(FillError::NotWorkbook)?;
    Ok(Filled {
        bytes,
        datapoints,
        missing,
        bad_scheme,
    })
}

impl<'a> Filler<'a> {
    fn range(&self, to: &str) -> Result<Range, FillError> {
        let found = if to.contains('!') {
            self.wb.parse_ref(to)
        } else {
            self.wb.range(to)
        };
        found.ok_or_else(|| FillError::MissingRange {
            title: self.title.clone(),
            version: self.version.clone(),
            name: to.to_owned(),
            download: self.download.clone(),
        })
    }

    /// A list of the template, its labels in order and exactly as written (leading spaces
    /// included: a value must be the list's own to pass its validation).
    fn list(&mut self, name: &str) -> Result<Rc<Vec<String>>, FillError> {
        if let Some(l) = self.lists.get(name) {
            return Ok(Rc::clone(l));
        }
        let r = self.range(name)?;
        if !self.values.contains_key(&r.sheet) {
            let values = self.wb.values(r.sheet).map_err(FillError::NotWorkbook)?;
            self.values.insert(r.sheet, values);
        }
        let values = &self.values[&r.sheet];
        let labels: Rc<Vec<String>> = Rc::new(
            r.cells()
                .map(|c| match values.get(&c) {
                    Some(Value::Text(s)) => s.clone(),
                    Some(Value::Number(n)) => n.to_string(),
                    _ => String::new(),
                })
                .collect(),
        );
        self.lists.insert(name.to_owned(), Rc::clone(&labels));
        Ok(labels)
    }

    fn is_formula(&mut self, sheet: usize, cell: Cell) -> Result<bool, FillError> {
        if !self.formulas.contains_key(&sheet) {
            let set = self.wb.formulas(sheet).map_err(FillError::NotWorkbook)?;
            self.formulas.insert(sheet, set);
        }
        Ok(self.formulas[&sheet].contains(&cell))
    }

    /// Writes a value, never over a formula of the template unless its result is meant.
    fn put(
        &mut self,
        sheet: usize,
        cell: Cell,
        value: Value,
        result: bool,
    ) -> Result<(), FillError> {
        if self.is_formula(sheet, cell)? {
            if result {
                self.wb.set_result(sheet, cell, value);
            }
        } else if !result {
            self.wb.set(sheet, cell, value);
        }
        Ok(())
    }

    fn found(&self, id: &str) -> Option<Found<'a>> {
        let req: &'a Request<'a> = self.req;
        let g = req.guideline;
        if let Some(q) = g.question_index(id) {
            return match req.answers.entries.get(q).and_then(Option::as_ref) {
                Some(e) => match &e.state {
                    State::Value(v) => Some(Found::Answer(v)),
                    _ => None,
                },
                None => None,
            };
        }
        req.card
            .metrics
            .iter()
            .find(|m| m.id == id)
            .and_then(|m| m.value)
            .map(Found::Figure)
    }

    /// A series' figure for the reporting year (else its latest).
    fn of_year(&self, series: &[(i32, f64)]) -> Option<f64> {
        match self.year {
            Some(y) => series.iter().find(|(year, _)| *year == y).map(|p| p.1),
            None => series.last().map(|p| p.1),
        }
    }

    fn number(&self, found: &Found<'_>) -> Option<f64> {
        match found {
            Found::Figure(v) | Found::Answer(AnswerValue::Num(v)) => Some(*v),
            Found::Answer(AnswerValue::Series(s)) => self.of_year(s),
            _ => None,
        }
    }

    fn leave(&mut self, datapoint: &str, what: String) {
        self.left
            .entry(datapoint.to_owned())
            .or_default()
            .push(what);
    }

    fn option_id(&self, datapoint: &str, index: usize) -> Option<String> {
        let q = self.req.guideline.question_index(datapoint)?;
        self.req.guideline.questions[q]
            .options
            .get(index)
            .map(|o| o.id.clone())
    }

    /// The label a code stands for, through the template's two parallel lists.
    fn code_label(&mut self, lists: &[String; 2], code: &str) -> Result<Option<String>, FillError> {
        let codes = self.list(&lists[0])?;
        let labels = self.list(&lists[1])?;
        Ok(codes
            .iter()
            .position(|c| c.trim().eq_ignore_ascii_case(code.trim()))
            .and_then(|i| labels.get(i))
            .filter(|l| !l.trim().is_empty())
            .cloned())
    }

    fn cell(&mut self, c: &CellMap) -> Result<(), FillError> {
        let Some(found) = self.found(&c.datapoint) else {
            return Ok(());
        };
        let r = self.range(&c.to)?;
        let (sheet, at) = (r.sheet, r.first);
        let value = if let Some(constant) = &c.constant {
            match constant {
                toml::Value::Boolean(b) => Some(Value::Bool(*b)),
                toml::Value::String(s) => Some(Value::Text(s.clone())),
                other => Some(Value::Text(other.to_string())),
            }
        } else if c.positive {
            self.number(&found).map(|n| Value::Bool(n > 0.0))
        } else if !c.flags.is_empty() {
            let Found::Answer(AnswerValue::Multi(ticked)) = found else {
                return Ok(());
            };
            let ticked: Vec<String> = ticked
                .iter()
                .filter_map(|&i| self.option_id(&c.datapoint, i))
                .collect();
            for (i, option) in c.flags.iter().enumerate() {
                let cell = Cell {
                    row: at.row,
                    col: at.col + u32::try_from(i).unwrap_or(u32::MAX - at.col),
                };
                self.put(sheet, cell, Value::Bool(ticked.contains(option)), c.result)?;
            }
            self.written.insert(c.datapoint.clone());
            return Ok(());
        } else if let Some(list) = &c.codes_in_list {
            let Found::Answer(AnswerValue::Text(text)) = found else {
                return Ok(());
            };
            let labels = self.list(list)?;
            let mut row = 0u32;
            for code in codes_in(text) {
                let label = labels
                    .iter()
                    .find(|l| l.contains(&format!(" - {code} ")))
                    .cloned();
                match label {
                    Some(label) if row < r.rows() => {
                        let cell = Cell {
                            row: at.row + row,
                            col: at.col,
                        };
                        self.put(sheet, cell, Value::Text(label), c.result)?;
                        row += 1;
                    }
                    _ => self.leave(&c.datapoint, code),
                }
            }
            if row > 0 {
                self.written.insert(c.datapoint.clone());
            }
            return Ok(());
        } else {
            match &found {
                Found::Answer(AnswerValue::Choice(i)) => {
                    let id = self.option_id(&c.datapoint, *i).unwrap_or_default();
                    if let Some(lists) = &c.codes {
                        match self.code_label(lists, &id)? {
                            Some(label) => Some(Value::Text(label)),
                            None => {
                                self.leave(&c.datapoint, id);
                                None
                            }
                        }
                    } else {
                        c.labels.get(&id).map(|l| Value::Text(l.clone()))
                    }
                }
                Found::Answer(AnswerValue::Bool(b)) => {
                    let key = if *b { "yes" } else { "no" };
                    Some(
                        c.labels
                            .get(key)
                            .map_or(Value::Bool(*b), |l| Value::Text(l.clone())),
                    )
                }
                Found::Answer(AnswerValue::Text(s)) => Some(Value::Text(s.clone())),
                _ => self.number(&found).map(|n| {
                    let amount = n * c.scale.unwrap_or(1.0);
                    match (&self.req.meta.currency, c.money) {
                        // Converted amounts to the cent.
                        (Some((_, rate)), true) => {
                            Value::Number((amount / rate * 100.0).round() / 100.0)
                        }
                        _ => Value::Number(amount),
                    }
                }),
            }
        };
        if let Some(v) = value {
            self.put(sheet, at, v, c.result)?;
            self.written.insert(c.datapoint.clone());
        }
        Ok(())
    }

    fn table(&mut self, t: &TableMap) -> Result<(), FillError> {
        let Some(Found::Answer(AnswerValue::Table(rows))) = self.found(&t.datapoint) else {
            return Ok(());
        };
        let g = self.req.guideline;
        let Some(q) = g.question_index(&t.datapoint) else {
            return Ok(());
        };
        let question = &g.questions[q];
        let block = self.range(&t.rows)?;
        let fit = usize::try_from(block.rows()).unwrap_or(usize::MAX);
        if rows.len() > fit {
            self.leave(&t.datapoint, format!("{} > {fit}", rows.len()));
        }
        for (i, row) in rows.iter().take(fit).enumerate() {
            let offset = u32::try_from(i).unwrap_or(0);
            for (to, text) in &t.constants {
                let r = self.range(to)?;
                let cell = Cell {
                    row: r.first.row + offset,
                    col: r.first.col,
                };
                self.put(r.sheet, cell, Value::Text(text.clone()), false)?;
            }
            for (column_id, m) in &t.columns {
                let Some(ci) = question.column_index(column_id) else {
                    continue;
                };
                let column = &question.columns[ci];
                let Some(value) = row.get(ci) else { continue };
                if !m.flags.is_empty() {
                    let chosen = match value {
                        AnswerCell::Choice(k) => column.options.get(*k).map(|o| o.id.clone()),
                        _ => None,
                    };
                    for (option, to) in &m.flags {
                        let r = self.range(to)?;
                        let cell = Cell {
                            row: r.first.row + offset,
                            col: r.first.col,
                        };
                        self.put(
                            r.sheet,
                            cell,
                            Value::Bool(chosen.as_deref() == Some(option)),
                            false,
                        )?;
                    }
                    continue;
                }
                let Some(to) = &m.to else { continue };
                let r = self.range(to)?;
                let cell = Cell {
                    row: r.first.row + offset,
                    col: r.first.col,
                };
                let written = match value {
                    AnswerCell::Choice(k) => {
                        let id = column
                            .options
                            .get(*k)
                            .map(|o| o.id.clone())
                            .unwrap_or_default();
                        match &m.codes {
                            Some(lists) => self.code_label(lists, &id)?.ok_or(id),
                            None => Ok(column.options[*k].text.show(Lang::En).to_owned()),
                        }
                        .map(Value::Text)
                    }
                    AnswerCell::Text(s) => {
                        if let Some(list) = &m.in_list {
                            let labels = self.list(list)?;
                            labels
                                .iter()
                                .find(|l| l.trim().to_lowercase() == s.trim().to_lowercase())
                                .cloned()
                                .map(Value::Text)
                                .ok_or_else(|| s.clone())
                        } else if let Some(list) = &m.code_in_list {
                            let labels = self.list(list)?;
                            let digits = |t: &str| {
                                t.chars().filter(char::is_ascii_digit).collect::<String>()
                            };
                            let wanted = digits(s);
                            labels
                                .iter()
                                .find(|l| {
                                    !wanted.is_empty()
                                        && l.split_once(" - ")
                                            .is_some_and(|(code, _)| digits(code) == wanted)
                                })
                                .cloned()
                                .map(Value::Text)
                                .ok_or_else(|| s.clone())
                        } else if let Some(other) = &m.row_of {
                            self.row_number(other, s)
                                .map(Value::Number)
                                .ok_or_else(|| s.clone())
                        } else {
                            Ok(Value::Text(s.clone()))
                        }
                    }
                    AnswerCell::Num(n) => Ok(Value::Number(*n)),
                    AnswerCell::Bool(b) => Ok(Value::Bool(*b)),
                };
                match written {
                    Ok(v) => self.put(r.sheet, cell, v, false)?,
                    Err(what) => self.leave(&t.datapoint, what),
                }
            }
        }
        if !rows.is_empty() {
            self.written.insert(t.datapoint.clone());
        }
        Ok(())
    }

    /// The number (from 1) of the row of table question `table` that `text` names: a row with a
    /// text cell equal to it, without case.
    fn row_number(&self, table: &str, text: &str) -> Option<f64> {
        let Some(Found::Answer(AnswerValue::Table(rows))) = self.found(table) else {
            return None;
        };
        let wanted = text.trim().to_lowercase();
        rows.iter()
            .position(|row| {
                row.iter()
                    .any(|c| matches!(c, AnswerCell::Text(s) if s.trim().to_lowercase() == wanted))
            })
            .map(|i| (i + 1) as f64)
    }

    fn metadata(&mut self, m: &Metadata) -> Result<(Vec<Missing>, Option<Vec<String>>), FillError> {
        let req = self.req;
        let mut missing = Vec::new();
        let mut bad_scheme = None;
        // The display language first: an unknown one stops the fill before anything is written.
        let offered: Vec<(String, String)> = self
            .list(&m.languages)?
            .iter()
            .filter_map(|label| {
                let tag = label
                    .rsplit_once('[')?
                    .1
                    .strip_suffix(']')?
                    .trim()
                    .to_owned();
                Some((tag, label.clone()))
            })
            .collect();
        let asked = req.meta.language.trim();
        let Some((_, label)) = offered.iter().find(|(t, _)| t.eq_ignore_ascii_case(asked)) else {
            return Err(FillError::Language {
                asked: asked.to_owned(),
                offered: offered.into_iter().map(|(t, _)| t).collect(),
            });
        };
        let r = self.range(&m.language)?;
        self.put(r.sheet, r.first, Value::Text(label.clone()), false)?;

        let name = req.answers.firm.name.trim();
        if !name.is_empty() {
            let r = self.range(&m.name)?;
            self.put(r.sheet, r.first, Value::Text(name.to_owned()), false)?;
        }
        match &req.meta.identifier {
            Some((scheme, id)) => {
                let schemes = self.list(&m.schemes)?;
                let norm = |s: &str| {
                    s.chars()
                        .filter(|c| c.is_alphanumeric())
                        .collect::<String>()
                        .to_lowercase()
                };
                match schemes
                    .iter()
                    .find(|s| !s.is_empty() && norm(s) == norm(scheme))
                {
                    Some(label) => {
                        let r = self.range(&m.scheme)?;
                        self.put(r.sheet, r.first, Value::Text(label.clone()), false)?;
                        let r = self.range(&m.identifier)?;
                        self.put(r.sheet, r.first, Value::Text(id.trim().to_owned()), false)?;
                    }
                    None => {
                        bad_scheme = Some(
                            schemes
                                .iter()
                                .map(|s| s.trim().to_owned())
                                .filter(|s| !s.is_empty())
                                .collect(),
                        );
                        missing.push(Missing::Identifier);
                    }
                }
            }
            None => missing.push(Missing::Identifier),
        }
        let currencies = self.list(&m.currencies)?;
        let currency = req
            .meta
            .currency
            .as_ref()
            .map_or(m.amounts_in.as_str(), |(code, _)| code.as_str());
        match currencies
            .iter()
            .find(|c| c.trim().eq_ignore_ascii_case(currency))
        {
            Some(code) => {
                let r = self.range(&m.currency)?;
                self.put(r.sheet, r.first, Value::Text(code.clone()), false)?;
            }
            None => {
                return Err(FillError::Currency {
                    asked: currency.to_owned(),
                });
            }
        }
        let period = req.meta.period.or_else(|| {
            self.year.map(|year| {
                (
                    Date {
                        year,
                        month: 1,
                        day: 1,
                    },
                    Date {
                        year,
                        month: 12,
                        day: 31,
                    },
                )
            })
        });
        match period {
            Some((start, end)) => {
                for (cells, text_cell, date) in
                    [(&m.start, &m.start_date, start), (&m.end, &m.end_date, end)]
                {
                    let parts = [
                        f64::from(date.year),
                        f64::from(date.month),
                        f64::from(date.day),
                    ];
                    for (to, n) in cells.iter().zip(parts) {
                        let r = self.range(to)?;
                        self.put(r.sheet, r.first, Value::Number(n), false)?;
                    }
                    let r = self.range(text_cell)?;
                    self.put(r.sheet, r.first, Value::Text(date.to_string()), true)?;
                }
            }
            None => missing.push(Missing::Period),
        }
        Ok((missing, bad_scheme))
    }

    /// Every datapoint of the guideline that the template has a place for or names, in the
    /// guideline's order: questions, then figures.
    fn summary(&self, map: &Map) -> Vec<Datapoint> {
        let g = self.req.guideline;
        let placed: HashSet<&str> = map
            .cell
            .iter()
            .map(|c| c.datapoint.as_str())
            .chain(map.table.iter().map(|t| t.datapoint.as_str()))
            .collect();
        let elsewhere: HashMap<&str, &Elsewhere> = map
            .elsewhere
            .iter()
            .flat_map(|e| e.datapoints.iter().map(move |d| (d.as_str(), e)))
            .collect();
        let items = g
            .questions
            .iter()
            .map(|q| (q.id.as_str(), &q.prompt))
            .chain(g.metrics.iter().map(|m| (m.id.as_str(), &m.title)));
        let relevance = crate::score::relevant(g, self.req.answers);
        let applies = |id: &str| match g.question_index(id) {
            Some(q) => {
                !matches!(
                    relevance[q],
                    crate::score::Relevance::NotAsked { .. }
                        | crate::score::Relevance::NoUse { .. }
                ) && !matches!(
                    self.req
                        .answers
                        .entries
                        .get(q)
                        .and_then(Option::as_ref)
                        .map(|e| &e.state),
                    Some(State::NotApplicable(_))
                )
            }
            // A figure: it applies when the firm's answers give it.
            None => self.found(id).is_some(),
        };
        let mut out = Vec::new();
        for (id, title) in items {
            let status = if let Some(e) = elsewhere.get(id) {
                if e.filled_by
                    .as_ref()
                    .is_some_and(|d| self.written.contains(d))
                {
                    Status::Filled { shared: None }
                } else if applies(id) {
                    Status::Elsewhere(e.why())
                } else {
                    Status::NotApplicable
                }
            } else if !placed.contains(id) {
                continue;
            } else if let Some(left) = self.left.get(id) {
                Status::Partly { left: left.clone() }
            } else if self.written.contains(id) {
                let shared = g.question_index(id).and_then(|_| {
                    self.req
                        .companions
                        .iter()
                        .find(|c| c.question_index(id).is_some())
                        .map(|c| c.title.clone())
                });
                Status::Filled { shared }
            } else if applies(id) {
                Status::Empty
            } else {
                Status::NotApplicable
            };
            out.push(Datapoint {
                id: id.to_owned(),
                title: title.clone(),
                status,
            });
        }
        out
    }
}

/// Classification codes written in a text: `25.62`, `C 25.62`, `47.2`, `01` (two digits, then
/// optionally a dot and one or two digits), in order, each once.
fn codes_in(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit()
            && (i == 0 || !bytes[i - 1].is_ascii_digit() && bytes[i - 1] != b'.');
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        let mut end = j;
        if j - i == 2 && j + 1 < bytes.len() && bytes[j] == b'.' && bytes[j + 1].is_ascii_digit() {
            let mut k = j + 1;
            while k < bytes.len() && bytes[k].is_ascii_digit() {
                k += 1;
            }
            if k - j - 1 <= 2 {
                end = k;
            }
        }
        if j - i == 2 {
            let code = text[i..end].to_owned();
            if !out.contains(&code) {
                out.push(code);
            }
        }
        i = end.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_maps_read() {
        let maps = maps();
        assert!(!maps.is_empty());
        assert!(maps.iter().all(|m| m.template.guideline == "vsme-basic"));
    }

    #[test]
    fn codes_are_found_in_free_text() {
        assert_eq!(codes_in("C 25.62 기계가공, 28.41"), ["25.62", "28.41"]);
        assert_eq!(codes_in("47.2; 47.2 and 01"), ["47.2", "01"]);
        assert_eq!(codes_in("2025 and 123.45"), Vec::<String>::new());
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(
            Date::parse("2024-02-29"),
            Some(Date {
                year: 2024,
                month: 2,
                day: 29
            })
        );
        assert_eq!(Date::parse("2025-02-29"), None);
        assert_eq!(Date::parse("2025-13-01"), None);
        assert_eq!(Date::parse("25-01-01"), None);
        assert_eq!(Date::parse("2025-04-01").unwrap().to_string(), "2025-04-01");
    }
}
