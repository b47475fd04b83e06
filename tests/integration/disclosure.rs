//! A disclosure framework on the engine: datapoints that earn completeness credit when answered
//! or rightly marked not applicable (`not_applicable(q)`), datapoints disclosed but not scored,
//! and metrics in every report with small values printed with the digits they have.

use serde_json::Value;

use crate::common::esg;

/// The disclosure test guideline.
const DISCLOSURE: &str = "tests/fixtures/guidelines/disclosure";
/// A firm that discloses everything and marks pollutants not applicable, with a reason.
const NA: &str = "tests/fixtures/answers/disclosure-na.toml";

/// The JSON scorecard of `answers` (a path, or `-` for `stdin`).
fn card(answers: &str, stdin: &str) -> Value {
    let out = esg()
        .args([
            "--lang",
            "en",
            "score",
            answers,
            "--guideline",
            DISCLOSURE,
            "--format",
            "json",
        ])
        .write_stdin(stdin)
        .output()
        .expect("esg runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn indicator<'a>(card: &'a Value, id: &str) -> &'a Value {
    card["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["id"] == id)
        .expect("the indicator")
}

/// The answers of [`NA`] with the pollutants line replaced by `pollutants`.
fn with_pollutants(pollutants: &str) -> String {
    let text = std::fs::read_to_string(crate::common::root().join(NA)).expect("fixture");
    text.lines()
        .map(|l| {
            if l.starts_with("pollutants_t") {
                pollutants.to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_datapoint_marked_not_applicable_earns_completeness_credit() {
    // Marked not applicable with a reason: full credit, and the indicator is scored.
    let e1 = indicator(&card(NA, ""), "E-1").clone();
    assert_eq!(e1["status"], "scored", "{e1}");
    assert_eq!(e1["finding"]["params"]["value"], 3.0, "{e1}");
    assert_eq!(e1["points"], 2.0);

    // Answered with a value: the same credit.
    let answered = card("-", &with_pollutants("pollutants_t = 0.4"));
    assert_eq!(
        indicator(&answered, "E-1")["finding"]["params"]["value"],
        3.0
    );

    // Left unanswered: `not_applicable` is unknown, so the indicator waits for the answer rather
    // than counting the datapoint as missing or present.
    let open = card("-", &with_pollutants(""));
    let e1 = indicator(&open, "E-1");
    assert_eq!(e1["status"], "unanswered", "{e1}");
    assert_eq!(e1["finding"]["params"]["question"], "pollutants_t", "{e1}");
}
