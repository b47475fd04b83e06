//! Benchmark of `esg lint` on the built-in guideline: parse, validate, the lint-only checks and
//! the self-tests. Run with `cargo bench --bench lint`.

use esg::guideline::BUILTIN_DEFAULT;
use esg::lint;

fn main() {
    divan::main();
}

#[divan::bench]
fn lint_builtin_guideline() -> usize {
    lint::lint_builtin(BUILTIN_DEFAULT)
        .unwrap()
        .diagnostics
        .len()
}

#[divan::bench]
fn lint_one_answers_file(bencher: divan::Bencher) {
    let g = esg::guideline::load_builtin(BUILTIN_DEFAULT).unwrap();
    let source = esg::source::Source::new(
        "autoparts-120.toml",
        include_str!("../examples/autoparts-120.toml"),
    );
    bencher.bench_local(|| lint::lint_answers(&source, &g).len());
}
