//! The floor for portfolio scoring: read every `*.toml` file under the given directories and parse
//! it with the `toml` crate, on all cores, and nothing else. `bench/portfolio.sh` times this beside
//! `esg score DIR --format csv` on the same files.
//!
//! ```sh
//! cargo run --release --example baseline_parse -- [--detable] DIR...
//! ```
//!
//! By default each file is parsed into a `toml::Table` (the usual way to read TOML with the crate);
//! `--detable` parses into the borrowed, spanned `toml::de::DeTable` instead (what `esg` itself
//! parses into, and the cheapest parse the crate offers).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use rayon::prelude::*;

/// The allocator `esg` itself runs with, so that only the work differs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut files = Vec::new();
    let mut detable = false;
    for d in std::env::args().skip(1) {
        if d == "--detable" {
            detable = true;
        } else {
            // The walk `esg score DIR` does, so that only the reading and parsing differ.
            files.extend(
                esg::walk::toml_files(std::path::Path::new(&d)).map(|f| f.path().to_path_buf()),
            );
        }
    }
    let (parsed, failed) = files
        .par_iter()
        .map(|p| match std::fs::read_to_string(p) {
            Ok(text) if detable => match toml::de::DeTable::parse(&text) {
                Ok(t) => (usize::from(!t.get_ref().is_empty()), 0),
                Err(_) => (0, 1),
            },
            Ok(text) => match text.parse::<toml::Table>() {
                Ok(t) => (usize::from(!t.is_empty()), 0),
                Err(_) => (0, 1),
            },
            Err(_) => (0, 1),
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!("{} files: {parsed} parsed, {failed} failed", files.len());
}
