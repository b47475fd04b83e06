//! The shipped examples: each scores, its report is what the story says, and the README's commands work.

use std::path::{Path, PathBuf};

use esg::answers;
use esg::guideline::{self, BUILTIN_DEFAULT, Guideline};
use esg::report::{Format, Style, render};
use esg::score::{Options, score};
use esg::scorecard::{Scorecard, Status, Unanswered};
use esg::text::Lang;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The examples: those of `k-esg-sme` in `examples/`, those of other guidelines in a folder each
/// (`examples/vsme/`), as paths relative to `examples/`.
fn examples() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["", "vsme"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(root().join("examples").join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .map(|p| Path::new(dir).join(p.file_name().unwrap()))
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

fn scorecard(g: &Guideline, name: &str) -> Scorecard {
    let source = esg::input::read_file(&root().join("examples").join(name)).unwrap();
    let a = answers::parse(&source, g).unwrap_or_else(|e| panic!("{name}:\n{e}"));
    score(
        g,
        &a,
        Options {
            unanswered: Unanswered::Zero,
        },
    )
}

fn report(card: &Scorecard, lang: Lang) -> String {
    let mut out = Vec::new();
    render(Format::Table, card, lang, &Style::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The built-in guidelines an example names, in the file's order.
fn guidelines_of(name: &str) -> Vec<Guideline> {
    let source = esg::input::read_file(&root().join("examples").join(name)).unwrap();
    let mut ids = answers::guideline_ids(&source);
    if ids.is_empty() {
        ids.push(BUILTIN_DEFAULT.to_owned());
    }
    ids.iter()
        .map(|id| guideline::load_builtin(id).unwrap())
        .collect()
}

#[test]
fn at_least_four_examples_and_each_scores() {
    let files = examples();
    assert!(files.len() >= 4, "{files:?}");
    for f in &files {
        let name = f.to_str().unwrap();
        for g in guidelines_of(name) {
            let card = scorecard(&g, name);
            assert!(card.total.is_some(), "{name} has no total");
            assert!(card.warnings.is_empty(), "{name}: {:?}", card.warnings);
        }
    }
}

#[test]
fn example_reports() {
    for f in examples() {
        let file = f.to_str().unwrap().to_owned();
        let name = file.trim_end_matches(".toml").replace('/', "-");
        let all = guidelines_of(&file);
        for g in &all {
            // A file for several guidelines has a report for each.
            let name = if all.len() > 1 {
                format!("{name}-{}", g.id)
            } else {
                name.clone()
            };
            for lang in Lang::ALL {
                let card = scorecard(g, &file);
                insta::assert_snapshot!(format!("{name}-{lang}"), report(&card, lang));
            }
        }
    }
}

#[test]
fn the_owner_run_service_firm_is_not_scored_on_board_matters() {
    let g = guideline::load_builtin(BUILTIN_DEFAULT).unwrap();
    let card = scorecard(&g, "service-20.toml");
    let governance: Vec<_> = card.indicators.iter().filter(|i| i.area == "G").collect();
    let na = governance
        .iter()
        .filter(|i| i.status == Status::NotApplicable)
        .count();
    assert!(
        na * 4 >= governance.len() * 3,
        "only {na} of {} G indicators not applicable",
        governance.len()
    );
    for code in ["G-1-2", "G-2-1", "G-3-1"] {
        let i = card.indicators.iter().find(|i| i.id == code).unwrap();
        assert_eq!(i.status, Status::NotApplicable, "{code}");
        assert!(
            !i.finding.message(Lang::En).is_empty(),
            "{code} says why it is not applicable"
        );
    }
}

#[test]
fn the_manufacturer_s_top_gaps_are_its_board_and_environment() {
    let g = guideline::load_builtin(BUILTIN_DEFAULT).unwrap();
    let card = scorecard(&g, "autoparts-120.toml");
    let top: Vec<&str> = card.gaps.iter().take(8).map(|g| g.area.as_str()).collect();
    // The board it must have (few items, each weighing more) first, then the environment.
    assert_eq!(
        top,
        ["G", "G", "G", "E", "E", "E", "E", "E"],
        "{:?}",
        card.gaps
            .iter()
            .take(3)
            .map(|g| &g.indicator)
            .collect::<Vec<_>>()
    );
    let lowest = card
        .areas
        .iter()
        .filter(|a| a.score.is_some())
        .min_by(|a, b| a.score.partial_cmp(&b.score).unwrap());
    assert_eq!(lowest.unwrap().id, "E");
}

#[test]
fn the_listed_company_is_scored_on_governance() {
    let g = guideline::load_builtin(BUILTIN_DEFAULT).unwrap();
    let card = scorecard(&g, "listed-midsize.toml");
    let na = card
        .indicators
        .iter()
        .filter(|i| i.area == "G" && i.status == Status::NotApplicable)
        .count();
    assert_eq!(na, 0);
}

#[test]
fn one_example_is_only_partly_answered() {
    let g = guideline::load_builtin(BUILTIN_DEFAULT).unwrap();
    let partial = examples().iter().any(|f| {
        let card = scorecard(&g, f.file_name().unwrap().to_str().unwrap());
        card.completeness.unanswered > 0
    });
    assert!(partial);
}

/// Every `cargo run --release -- ARGS` line in the README runs and succeeds.
#[test]
fn readme_run_commands_work() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let commands: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.trim().strip_prefix("cargo run --release -- "))
        .collect();
    assert!(!commands.is_empty(), "the README has a run command");
    for args in commands {
        let out = crate::common::esg()
            .args(args.split_whitespace())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("100"),
            "{args} prints a report"
        );
    }
    assert!(
        readme.contains("\ncargo test\n"),
        "the README names the test command"
    );
}
