use std::process::ExitCode;

fn main() -> ExitCode {
    esg::cli::run()
}
