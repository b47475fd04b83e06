//! The lean summary used for portfolios gives exactly the numbers of the full scorecard.

use std::path::Path;

use esg::answers;
use esg::guideline::{self, BUILTIN_DEFAULT};
use esg::score::{Options, score, summarize};
use esg::scorecard::Unanswered;

#[test]
fn summary_matches_the_scorecard_for_every_example_and_policy() {
    let g = guideline::load_builtin(BUILTIN_DEFAULT).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let source = esg::input::read_file(&path).unwrap();
        let a = answers::parse(&source, &g).unwrap();
        for policy in [Unanswered::Zero, Unanswered::Exclude] {
            let options = Options { unanswered: policy };
            let card = score(&g, &a, options);
            let s = summarize(&g, &a, options);
            let name = path.display();
            assert_eq!(s.total, card.total, "{name}");
            assert_eq!(
                s.grade.map(|i| g.grades[i].id.clone()),
                card.grade.map(|gr| gr.id),
                "{name}"
            );
            assert_eq!(s.completeness, card.completeness, "{name}");
            let areas: Vec<Option<f64>> = card.areas.iter().map(|a| a.score).collect();
            assert_eq!(s.areas, areas, "{name}");
            let top = card
                .gaps
                .first()
                .map(|gap| (gap.indicator.clone(), gap.gain));
            assert_eq!(
                s.top_gap
                    .map(|(i, gain)| (g.indicators[i].id.clone(), gain)),
                top,
                "{name}"
            );
            let ghg = card
                .ghg
                .as_ref()
                .and_then(|inv| Some((inv.scope1?, inv.scope2_location?, inv.scope2_market?)));
            assert_eq!(
                s.ghg
                    .map(|t| (t.scope1, t.scope2_location, t.scope2_market)),
                ghg,
                "{name}"
            );
            // Warnings of the scorecard = the file's own warnings + the summary's.
            assert_eq!(
                card.warnings.len(),
                a.warnings.len() + s.warnings.len(),
                "{name}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 8, "{checked}");
}
