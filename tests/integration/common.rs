//! What the command-line tests share: the `esg` binary in a fixed environment, and the test
//! guideline with its worked example.

use std::path::Path;

use assert_cmd::Command;

/// The small test guideline every CLI test scores against.
pub const MINI: &str = "tests/fixtures/guidelines/mini";
/// The worked example of `docs/scoring.md`, answered against [`MINI`].
pub const WORKED: &str = "tests/fixtures/answers/mini-worked.toml";

/// The package root, where the paths above start.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `esg` binary as a plain process, run from the package root in a fixed environment: no
/// locale, no colour, 100 columns. For what `assert_cmd` cannot drive: a pseudo-terminal, a pipe
/// closed early, a process killed mid-way.
pub fn process() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_esg"));
    cmd.current_dir(root())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    cmd
}

/// [`process`] as an `assert_cmd` command: what most tests run.
pub fn esg() -> Command {
    Command::from_std(process())
}

/// Fails unless `json` is valid against the published schema of what `esg` writes: `scorecard`
/// (`esg score --format json`) or `portfolio-row` (a line of `esg score DIR --format json`).
pub fn assert_schema(which: &str, json: &serde_json::Value) {
    use std::sync::OnceLock;
    static SCORECARD: OnceLock<jsonschema::Validator> = OnceLock::new();
    static ROW: OnceLock<jsonschema::Validator> = OnceLock::new();
    let validator = match which {
        "scorecard" => SCORECARD.get_or_init(|| {
            jsonschema::validator_for(&esg::schema::scorecard()).expect("the schema compiles")
        }),
        "portfolio-row" => ROW.get_or_init(|| {
            jsonschema::validator_for(&esg::schema::portfolio_row()).expect("the schema compiles")
        }),
        other => panic!("no schema {other}"),
    };
    let errors: Vec<String> = validator
        .iter_errors(json)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "not a valid {which}:\n{}",
        errors.join("\n")
    );
}

/// Parses `esg score --format json` output and checks it against the scorecard schema.
pub fn scorecard_json(text: &str) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_str(text).expect("a scorecard is JSON");
    assert_schema("scorecard", &v);
    v
}

/// Parses the JSON Lines of a portfolio and checks each line against the portfolio-row schema.
pub fn portfolio_json(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("each line is JSON");
            assert_schema("portfolio-row", &v);
            v
        })
        .collect()
}
