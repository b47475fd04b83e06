//! Benchmarks of the core: validating the built-in guideline, reading an answers file, scoring it,
//! and rendering the report. Run with `cargo bench --bench score`.

use esg::answers;
use esg::guideline::{self, BUILTIN_DEFAULT};
use esg::report::{Format, Style, render};
use esg::score::{Options, score};
use esg::scorecard::Unanswered;
use esg::source::Source;
use esg::text::Lang;

const EXAMPLE: &str = include_str!("../examples/autoparts-120.toml");

fn main() {
    divan::main();
}

fn options() -> Options {
    Options {
        unanswered: Unanswered::Zero,
    }
}

#[divan::bench]
fn load_builtin_guideline() -> guideline::Guideline {
    guideline::load_builtin(BUILTIN_DEFAULT).unwrap()
}

#[divan::bench]
fn parse_answers(bencher: divan::Bencher) {
    let g = guideline::load_builtin(BUILTIN_DEFAULT).unwrap();
    let source = Source::new("autoparts-120.toml", EXAMPLE);
    bencher.bench_local(|| answers::parse(divan::black_box(&source), &g).unwrap());
}

#[divan::bench]
fn score_one_file(bencher: divan::Bencher) {
    let g = guideline::load_builtin(BUILTIN_DEFAULT).unwrap();
    let a = answers::parse(&Source::new("autoparts-120.toml", EXAMPLE), &g).unwrap();
    bencher.bench_local(|| score(&g, divan::black_box(&a), options()));
}

#[divan::bench]
fn parse_score_and_render_json(bencher: divan::Bencher) {
    let g = guideline::load_builtin(BUILTIN_DEFAULT).unwrap();
    let source = Source::new("autoparts-120.toml", EXAMPLE);
    let mut out = Vec::with_capacity(64 * 1024);
    bencher.bench_local(|| {
        out.clear();
        let a = answers::parse(divan::black_box(&source), &g).unwrap();
        let card = score(&g, &a, options());
        render(Format::Json, &card, Lang::Ko, &Style::default(), &mut out).unwrap();
    });
}

#[divan::bench]
fn summarize_one_file(bencher: divan::Bencher) {
    let g = guideline::load_builtin(BUILTIN_DEFAULT).unwrap();
    let a = answers::parse(&Source::new("autoparts-120.toml", EXAMPLE), &g).unwrap();
    bencher.bench_local(|| esg::score::summarize(&g, divan::black_box(&a), options()));
}
