//! JSON Schemas of the file formats, for editors (taplo, Even Better TOML) to check files while
//! they are typed.

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

/// The schema of an answers file for `guideline`: every question id with the type, options and
/// bounds of its answer, and its prompt as the description.
#[must_use]
pub fn answers(guideline: &Guideline, lang: Lang) -> Value {
    let lang = guideline.lang(lang);
    let mut properties = Map::new();
    for q in &guideline.questions {
        properties.insert(q.id.clone(), answer(q, lang));
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": format!("esg answers for {} {}", guideline.id, guideline.version),
        "description": guideline.title.show(lang),
        "type": "object",
        "additionalProperties": false,
        "required": ["guideline", "firm"],
        "properties": {
            "guideline": {
                "type": "object",
                "additionalProperties": false,
                "required": ["id"],
                "properties": {
                    "id": { "const": guideline.id, "description": "the guideline these answers are for" },
                    "version": { "type": "string", "description": format!("the guideline version answered against (now {})", guideline.version) },
                },
            },
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
    long.insert("value".into(), value.clone());
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
    }
}
