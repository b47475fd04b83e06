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

/// The disclosure guideline, and `sites_note` on it with `disclosed_only` removed.
fn packages() -> (esg::guideline::Guideline, tempfile::TempDir) {
    let dir = crate::common::root().join(DISCLOSURE);
    let g = esg::guideline::load_dir(&dir).expect("the fixture loads");
    let text = std::fs::read_to_string(dir.join("guideline.toml")).expect("fixture");
    assert!(text.contains("disclosed_only = true\n"));
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        tmp.path().join("guideline.toml"),
        text.replace("disclosed_only = true\n", ""),
    )
    .expect("written");
    (g, tmp)
}

#[test]
fn a_disclosed_only_datapoint_draws_no_unused_question_warning() {
    let (_, plain) = packages();
    // Declared: the package lints clean.
    esg()
        .args(["--lang", "en", "lint", DISCLOSURE])
        .assert()
        .success()
        .stdout(predicates::str::contains("1 file checked: no problems"));
    // The same package without the declaration: read by nothing, so warned about.
    let out = esg()
        .args(["--lang", "en", "lint"])
        .arg(plain.path())
        .output()
        .expect("esg runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("warning[unused-question]: question `sites_note`"),
        "{text}"
    );
}

#[test]
fn a_disclosed_only_datapoint_is_asked_and_explained() {
    use esg::score::{Relevance, relevant};
    let (g, plain) = packages();
    let plain = esg::guideline::load_dir(plain.path()).expect("loads");
    let empty = |g: &esg::guideline::Guideline| {
        let text = format!(
            "[guideline]\nid = \"{}\"\nversion = \"1.0.0\"\n[firm]\nname = \"T\"\n[answers]\n",
            g.id
        );
        esg::answers::parse(&esg::source::Source::new("t.toml", text), g).expect("parses")
    };
    let q = g.question_index("sites_note").expect("question");
    // Nothing reads it, yet it is asked: disclosing it is its use.
    assert_eq!(relevant(&g, &empty(&g))[q], Relevance::Relevant);
    assert_eq!(relevant(&plain, &empty(&plain))[q], Relevance::Unread);

    for (lang, words) in [
        (
            "en",
            "disclosed only: asked for disclosure, scored by nothing",
        ),
        ("ko", "공시만 하는 항목"),
    ] {
        esg()
            .args([
                "--lang",
                lang,
                "explain",
                "sites_note",
                "--guideline",
                DISCLOSURE,
            ])
            .assert()
            .success()
            .stdout(predicates::str::contains(words));
    }
}

#[test]
fn metrics_show_in_every_report_with_their_small_values() {
    for (lang, title, unit) in [
        ("en", "GHG intensity", "tCO2e per EUR"),
        ("ko", "온실가스 집약도", "tCO2e/유로"),
    ] {
        for format in ["table", "markdown", "csv", "html"] {
            let out = esg()
                .args(["--lang", lang, "score", NA, "--guideline", DISCLOSURE])
                .args(["--format", format])
                .output()
                .expect("esg runs");
            assert!(out.status.success(), "{lang} {format}");
            let text = String::from_utf8_lossy(&out.stdout);
            // The metric's words and its value with the digits it has: 138 / 2,000,000.
            for words in [title, unit, "0.000069"] {
                assert!(text.contains(words), "{lang} {format}: no {words}\n{text}");
            }
            // Neither rounded to nothing, nor in exponent notation, nor with its formula.
            for wrong in ["0.00 ", "6.9e", "e-5", "scope1_t / turnover_eur"] {
                assert!(!text.contains(wrong), "{lang} {format}: {wrong}\n{text}");
            }
        }
    }
}
