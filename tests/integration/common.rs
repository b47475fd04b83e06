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

/// The `esg` binary, run from the package root in a fixed environment: no locale, no colour,
/// 100 columns.
pub fn esg() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_esg"));
    cmd.current_dir(root())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    cmd
}
