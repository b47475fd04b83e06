use std::process::ExitCode;

/// mimalloc rather than the system allocator: a portfolio's files are read into many small values
/// and their rows freed on the thread that writes the summary, where it costs less
/// (docs/performance.md). Its memory is committed as used (`.cargo/config.toml`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    esg::cli::run()
}
