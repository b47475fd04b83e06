//! Command-line cases as data: `tests/cmd/*.trycmd` hold commands with their exact output and exit
//! code, run as a user runs them from the package root (no locale, no colour, 100 columns).

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .register_bin("esg", std::path::PathBuf::from(env!("CARGO_BIN_EXE_esg")))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("LC_ALL", "C.UTF-8")
        .case("tests/cmd/*.trycmd");
}
