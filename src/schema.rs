//! JSON Schemas of the file formats, for editors (taplo, Even Better TOML) to check files while
//! they are typed, and of the JSON the tool writes (a scorecard, a portfolio's rows), for the
//! tools that read it.

use serde_json::{Map, Value, json};

use crate::answers::YEARS;
use crate::guideline::{Guideline, Question, QuestionKind, model::RawFile};
use crate::text::Lang;

/// The schema of one file of a guideline package (every file has the same shape).
#[must_use]
pub fn guideline() -> Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(RawFile)).unwrap_or_default();
    if let Some(o) = schema.as_object_mut() {
        o.insert("title".into(), json!("esg guideline package file"));
        o.insert(
            "description".into(),
            json!("One TOML file of an esg guideline package: see docs/guideline-format.md"),
        );
    }
    schema
}

/// The schema of `esg score --format json`: a scorecard. Every key is required (it is always
/// written, `null` when it has no value).
#[must_use]
pub fn scorecard() -> Value {
    let mut card = output_schema(schemars::schema_for!(crate::report::json::ScorecardJson));
    // `esg score FILE --benchmark B` adds `peers` (not required: only with a benchmark).
    let peers = output_schema(schemars::schema_for!(crate::report::peers::PeersJson));
    if let (Some(c), Value::Object(mut p)) = (card.as_object_mut(), peers) {
        let defs = p.remove("$defs");
        p.remove("$schema");
        if let Some(Value::Object(props)) = c.get_mut("properties") {
            props.insert("peers".into(), Value::Object(p));
        }
        if let (Some(Value::Object(all)), Some(Value::Object(defs))) = (c.get_mut("$defs"), defs) {
            all.extend(defs);
        }
    }
    card
}

/// The schema of `esg score --history --format json`: a firm's results by year.
#[must_use]
pub fn history() -> Value {
    output_schema(schemars::schema_for!(crate::report::history::HistoryJson))
}

/// The schema of `esg score FILE --view disclosures --format json`: one guideline's datapoints
/// (an object), or, for an answers file naming several guidelines, one per guideline (an array).
#[must_use]
pub fn disclosures() -> Value {
    let text_or_null = json!({ "type": ["string", "null"] });
    let view = json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["format_version", "view", "guideline", "firm", "file", "sections", "datapoints"],
        "properties": {
            "format_version": { "const": crate::report::disclosure::DISCLOSURES_VERSION },
            "view": { "const": "disclosures" },
            "guideline": {
                "type": "object",
                "additionalProperties": false,
                "required": ["id", "version", "title"],
                "properties": {
                    "id": { "type": "string" },
                    "version": { "type": "string" },
                    "title": { "type": "string" },
                },
            },
            "firm": {
                "type": "object",
                "additionalProperties": false,
                "required": ["name"],
                "properties": {
                    "name": { "type": "string" },
                    "business_number": { "type": "string" },
                    "reporting_year": { "type": "integer" },
                    "contact": { "type": "string" },
                    "assessed_on": { "type": "string" },
                    "identifier": { "type": "string" },
                    "identifier_scheme": { "type": "string" },
                },
            },
            "file": { "type": "string" },
            "sections": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["id", "title", "datapoints"],
                    "properties": {
                        "id": text_or_null,
                        "title": { "type": "string" },
                        "datapoints": { "type": "array", "items": { "type": "string" } },
                    },
                },
            },
            "datapoints": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": [
                        "kind", "section", "title", "references", "status", "value", "answer",
                        "unit", "reason", "omission", "evidence", "note"
                    ],
                    "properties": {
                        "kind": { "enum": ["question", "figure"] },
                        "section": text_or_null,
                        "title": { "type": "string" },
                        "references": { "type": "object", "additionalProperties": { "type": "string" } },
                        "status": {
                            "enum": ["given", "not_applicable", "not_asked", "unanswered", "not_computed"],
                        },
                        "value": {},
                        "answer": text_or_null,
                        "unit": text_or_null,
                        "reason": text_or_null,
                        "omission": text_or_null,
                        "evidence": { "type": "array", "items": { "type": "string" } },
                        "note": text_or_null,
                    },
                },
            },
        },
    });
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "esg disclosures view",
        "oneOf": [view, { "type": "array", "items": view }],
    })
}

/// The schema of a portfolio's `benchmark.json`.
#[must_use]
pub fn benchmark() -> Value {
    let mut schema = output_schema(schemars::schema_for!(crate::benchmark::Benchmark));
    // The figures of "compared with the industry" questions came later: a benchmark file written
    // before them, without the key, stays valid.
    let optional = |o: &mut Value| {
        if let Some(Value::Array(required)) = o.get_mut("required") {
            required.retain(|k| k != "figures");
        }
    };
    optional(&mut schema);
    if let Some(cell) = schema.pointer_mut("/$defs/Cell") {
        optional(cell);
    }
    schema
}

/// The schema of a line of `esg score DIR --format json` (JSON Lines): a firm's row, or the
/// portfolio's statistics that close the output.
#[must_use]
pub fn portfolio_row() -> Value {
    output_schema(schemars::schema_for!(crate::report::PortfolioLine))
}

/// The schema of `esg diff --format json`: what changed between two scorecards of one firm.
#[must_use]
pub fn diff() -> Value {
    output_schema(schemars::schema_for!(crate::report::diff::DiffJson))
}

/// A schema of output that says exactly what the writers write: every property of every object
/// is required (a key is never left out) and no other property is allowed. (An object made of a
/// reference and more properties, such as a tagged line of JSON Lines, allows the properties of
/// both; the object it refers to then allows more than its own.)
fn output_schema(schema: schemars::Schema) -> Value {
    fn composed(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                if o.contains_key("properties") {
                    if let Some(r) = o.get("$ref").and_then(Value::as_str) {
                        out.push(r.trim_start_matches("#/$defs/").to_owned());
                    }
                }
                o.values().for_each(|x| composed(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| composed(x, out)),
            _ => {}
        }
    }
    fn close(v: &mut Value, open: &[String], name: Option<&str>) {
        match v {
            Value::Object(o) => {
                if let Some(Value::Object(props)) = o.get("properties") {
                    let keys: Vec<Value> = props.keys().map(|k| json!(k)).collect();
                    o.insert("required".into(), Value::Array(keys));
                    if !name.is_some_and(|n| open.iter().any(|x| x == n)) {
                        o.insert("unevaluatedProperties".into(), json!(false));
                    }
                }
                for (k, x) in o.iter_mut() {
                    if k == "$defs" {
                        if let Value::Object(defs) = x {
                            for (n, d) in defs.iter_mut() {
                                close(d, open, Some(n));
                            }
                        }
                    } else if k != "properties" {
                        close(x, open, None);
                    } else if let Value::Object(props) = x {
                        props.values_mut().for_each(|p| close(p, open, None));
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| close(x, open, None)),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(schema).unwrap_or_default();
    let mut open = Vec::new();
    composed(&v, &mut open);
    close(&mut v, &open, None);
    v
}

/// The schema of an answers file for `guideline`: every question id with the type, options and
/// bounds of its answer, and its prompt as the description.
#[must_use]
pub fn answers(guideline: &Guideline, lang: Lang) -> Value {
    answers_for(&[guideline], lang)
}

/// The schema of an answers file for several guidelines at once (`[[guideline]]`): the questions
/// of all, a question they share described as the first of them asks it. With one guideline, the
/// file may name it with `[guideline]` or `[[guideline]]`.
#[must_use]
pub fn answers_for(guidelines: &[&Guideline], lang: Lang) -> Value {
    let mut properties = Map::new();
    for guideline in guidelines {
        let lang = guideline.lang(lang);
        for q in &guideline.questions {
            if !properties.contains_key(&q.id) {
                properties.insert(q.id.clone(), answer(q, lang));
            }
        }
    }
    let ids: Vec<&str> = guidelines.iter().map(|g| g.id.as_str()).collect();
    let head = |id: Value| {
        json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["id"],
            "properties": {
                "id": id,
                "version": { "type": "string", "description": "the guideline version answered against" },
            },
        })
    };
    let one = |g: &Guideline| json!({ "const": g.id, "description": format!("the guideline these answers are for (now version {})", g.version) });
    let header = match guidelines {
        [g] => json!({
            "anyOf": [
                head(one(g)),
                { "type": "array", "minItems": 1, "maxItems": 1, "items": head(one(g)) },
            ]
        }),
        _ => json!({
            "type": "array",
            "minItems": 1,
            "uniqueItems": true,
            "items": head(json!({ "enum": ids, "description": "one of the guidelines these answers are for" })),
        }),
    };
    let lang = guidelines.first().map_or(lang, |g| g.lang(lang));
    let title = guidelines
        .iter()
        .map(|g| format!("{} {}", g.id, g.version))
        .collect::<Vec<_>>()
        .join(", ");
    let description = guidelines
        .iter()
        .map(|g| g.title.show(lang))
        .collect::<Vec<_>>()
        .join("; ");
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": format!("esg answers for {title}"),
        "description": description,
        "type": "object",
        "additionalProperties": false,
        "required": ["guideline", "firm"],
        "properties": {
            "guideline": header,
            "firm": {
                "type": "object",
                "additionalProperties": false,
                "required": ["name"],
                "properties": {
                    "name": { "type": "string", "minLength": 1 },
                    "business_number": { "type": "string" },
                    "reporting_year": { "type": "integer", "minimum": YEARS.start(), "maximum": YEARS.end() },
                    "contact": { "type": "string" },
                    "assessed_on": { "type": "string" },
                    "identifier": { "type": "string" },
                    "identifier_scheme": { "type": "string" },
                },
            },
            "answers": {
                "type": "object",
                "additionalProperties": false,
                "properties": properties,
            },
        },
    })
}

/// The schema of one answer: the value itself, or the long form with evidence, note, or a reason
/// for not applicable.
fn answer(q: &Question, lang: Lang) -> Value {
    let value = value(q);
    let mut long = Map::new();
    if q.units.is_empty() {
        long.insert("value".into(), value.clone());
    } else {
        // A figure in another unit is bounded once converted: the long form's value is not.
        let mut unbounded = value.clone();
        strip_bounds(&mut unbounded);
        long.insert("value".into(), unbounded);
    }
    if q.allow_na {
        long.insert(
            "not_applicable".into(),
            json!({ "type": "string", "minLength": 1, "description": "why the question does not apply" }),
        );
    }
    long.insert(
        "evidence".into(),
        json!({ "anyOf": [{ "type": "string" }, { "type": "array", "items": { "type": "string" } }] }),
    );
    long.insert("note".into(), json!({ "type": "string" }));
    if !q.units.is_empty() {
        let ids: Vec<&str> = q.units.iter().map(|u| u.id.as_str()).collect();
        long.insert("unit".into(), json!({ "type": "string", "enum": ids }));
    }
    let mut description = q.prompt.show(lang).to_owned();
    if let Some(unit) = &q.unit {
        description.push_str(&format!(" [{}]", unit.show(lang)));
    }
    json!({
        "description": description,
        "anyOf": [
            value,
            { "type": "object", "additionalProperties": false, "properties": long },
        ],
    })
}

/// `v` without `minimum` and `maximum`, at any depth.
fn strip_bounds(v: &mut Value) {
    match v {
        Value::Object(o) => {
            o.remove("minimum");
            o.remove("maximum");
            o.values_mut().for_each(strip_bounds);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_bounds),
        _ => {}
    }
}

fn bounds(q: &Question, mut v: Value) -> Value {
    if let Some(min) = q.min {
        v["minimum"] = json!(min);
    }
    if let Some(max) = q.max {
        v["maximum"] = json!(max);
    }
    v
}

fn value(q: &Question) -> Value {
    let ids: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
    match q.kind {
        QuestionKind::YesNo => json!({ "type": "boolean" }),
        QuestionKind::Choice => json!({ "type": "string", "enum": ids }),
        QuestionKind::Multi => {
            json!({ "type": "array", "uniqueItems": true, "items": { "type": "string", "enum": ids } })
        }
        QuestionKind::Number => bounds(q, json!({ "type": "number" })),
        QuestionKind::Integer => bounds(q, json!({ "type": "integer" })),
        // Any text but the template's placeholder left in place.
        QuestionKind::Text => json!({ "type": "string", "not": { "pattern": "^\\s*\\?\\s*$" } }),
        QuestionKind::Series => json!({
            "type": "object",
            "propertyNames": { "pattern": "^(19[0-9][0-9]|20[0-9][0-9]|2100)$" },
            "additionalProperties": bounds(q, json!({ "type": "number" })),
        }),
        QuestionKind::Table => {
            let mut cells = serde_json::Map::new();
            for c in &q.columns {
                let ids: Vec<&str> = c.options.iter().map(|o| o.id.as_str()).collect();
                let mut v = match c.kind {
                    QuestionKind::YesNo => json!({ "type": "boolean" }),
                    QuestionKind::Choice => json!({ "type": "string", "enum": ids }),
                    QuestionKind::Number => json!({ "type": "number" }),
                    QuestionKind::Integer => json!({ "type": "integer" }),
                    _ => json!({ "type": "string" }),
                };
                if let Some(min) = c.min {
                    v["minimum"] = json!(min);
                }
                if let Some(max) = c.max {
                    v["maximum"] = json!(max);
                }
                cells.insert(c.id.clone(), v);
            }
            let required: Vec<&str> = q.columns.iter().map(|c| c.id.as_str()).collect();
            json!({
                "type": "array",
                "maxItems": crate::guideline::MAX_ROWS,
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": required,
                    "properties": cells,
                },
            })
        }
    }
}
