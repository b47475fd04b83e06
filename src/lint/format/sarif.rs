//! SARIF 2.1.0: every rule with its explanation, and every finding with its region; columns are
//! counted in Unicode code points (`columnKind`), so Korean text lines up.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Item, items};
use crate::lint::Report;
use crate::lint::rules::RULES;
use crate::source::Severity;
use crate::text::Lang;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A file name as a URI reference: forward slashes, and every byte other than an unreserved
/// character (RFC 3986: letters, digits, `-`, `.`, `_`, `~`) or a `/` percent-encoded, so that a
/// name holding `#`, `?`, `%`, `:`, a space or Korean reads back as the same path.
fn uri(file: &str) -> String {
    let mut out = String::with_capacity(file.len());
    for b in file.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub(super) fn render(report: &Report, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code.as_str(),
                "name": r.code.as_str(),
                "shortDescription": { "text": r.summary.pick(lang) },
                "fullDescription": { "text": r.summary.pick(lang) },
                "help": { "text": r.explain(lang), "markdown": r.explain(lang) },
                "defaultConfiguration": { "level": level(r.severity()) },
            })
        })
        .collect();
    let mut notifications = Vec::new();
    let results: Vec<Value> = items(report)
        .into_iter()
        .filter_map(|item| match item {
            Item::Finding(d) => Some(d),
            Item::More { file, at, omitted } => {
                let mut physical = json!({ "artifactLocation": { "uri": uri(file) } });
                if at.0 > 0 {
                    physical["region"] = json!({ "startLine": at.0, "startColumn": at.1 });
                }
                notifications.push(json!({
                    "level": "note",
                    "message": { "text": omitted.message(lang) },
                    "locations": [{ "physicalLocation": physical }],
                }));
                None
            }
        })
        .map(|d| {
            let mut physical = json!({ "artifactLocation": { "uri": uri(&d.file) } });
            if d.line > 0 {
                physical["region"] = json!({
                    "startLine": d.line,
                    "startColumn": d.column,
                    "endLine": d.line,
                    "endColumn": d.end_column(),
                });
            }
            let mut text = d.message_text(lang).into_owned();
            if let Some(help) = d.help_text(lang) {
                text.push_str(lang.pick("\n도움말: ", "\nhelp: "));
                text.push_str(&help);
            }
            let mut result = json!({
                "ruleId": d.code.as_str(),
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [{ "physicalLocation": physical }],
            });
            if let Some(i) = RULES.iter().position(|r| r.code == d.code) {
                result["ruleIndex"] = json!(i);
            }
            result
        })
        .collect();
    let artifacts: Vec<Value> = report
        .files
        .iter()
        .map(|f| json!({ "location": { "uri": uri(f) } }))
        .collect();
    let mut run = json!({
        "tool": { "driver": {
            "name": "esg",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        }},
        "columnKind": "unicodeCodePoints",
        "language": lang.pick("ko-KR", "en-US"),
        "artifacts": artifacts,
        "results": results,
    });
    if !notifications.is_empty() {
        // Findings beyond the first of each file are counted, not listed: said once per file.
        run["invocations"] = json!([{
            "executionSuccessful": true,
            "toolExecutionNotifications": notifications,
        }]);
    }
    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [run],
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn file_names_become_uri_references_that_read_back_as_the_same_path() {
        assert_eq!(
            uri("guidelines/k-esg-sme/e.toml"),
            "guidelines/k-esg-sme/e.toml"
        );
        assert_eq!(uri("a b/c#1?.toml"), "a%20b/c%231%3F.toml");
        assert_eq!(uri("100%.toml"), "100%25.toml");
        assert_eq!(uri("C:\\x\\y.toml"), "C%3A/x/y.toml");
        assert_eq!(uri("한.toml"), "%ED%95%9C.toml");
    }
}
