//! Words for owners, formulas for authors: every condition of the built-in guideline carries its
//! reason in both languages, a package that declares itself complete must give them (`missing-reason`),
//! a reason without its condition is an error, and no text an owner reads shows code.

use esg::error::Error;
use esg::guideline::{self, BUILTIN_DEFAULT, Guideline};
use esg::lint::rules::{Package, check_package};
use esg::source::{Diagnostic, Severity, Source};
use esg::text::{Lang, Text};

use crate::common::{MINI, root};

fn builtin() -> Guideline {
    guideline::load_builtin(BUILTIN_DEFAULT)
        .unwrap_or_else(|e| panic!("the built-in guideline is invalid:\n{e}"))
}

/// The files of the built-in guideline, each passed through `edit(name, text)`.
fn builtin_sources(edit: impl Fn(&str, &str) -> String) -> Vec<Source> {
    let (sources, _tests) = guideline::builtin_sources(BUILTIN_DEFAULT).unwrap();
    sources
        .into_iter()
        .map(|s| Source::new(s.name.clone(), edit(&s.name, &s.text)))
        .collect()
}

/// Validates a package and runs the checks only `esg lint` applies: every finding.
fn lint(sources: Vec<Source>) -> Vec<Diagnostic> {
    let (files, parsed) = guideline::parse_sources(sources);
    assert!(parsed.is_empty(), "{parsed:#?}");
    let (g, mut diags) = guideline::validate(&files, "test");
    let g = g.unwrap_or_else(|| panic!("{diags:#?}"));
    diags.extend(check_package(&Package {
        files: &files,
        guideline: &g,
    }));
    diags
}

/// The test guideline with `edit` applied to its text, validated: its errors, if any.
fn mini_errors(edit: impl Fn(&str) -> String) -> Vec<Diagnostic> {
    let text = std::fs::read_to_string(root().join(MINI).join("guideline.toml")).unwrap();
    let text = edit(&text);
    match guideline::load_sources(vec![Source::new("mini/guideline.toml", text)], "test") {
        Ok(_) => Vec::new(),
        Err(Error::Invalid(d)) => d,
        Err(e) => panic!("{e}"),
    }
}

fn in_both(t: Option<&Text>) -> bool {
    t.is_some_and(|t| {
        Lang::ALL
            .iter()
            .all(|&l| t.get(l).is_some_and(|s| !s.trim().is_empty()))
    })
}

#[test]
fn every_condition_of_the_builtin_guideline_has_its_reason_in_korean_and_english() {
    let g = builtin();
    let mut conditions = 0;
    for ind in &g.indicators {
        if ind.applies_if.is_some() {
            conditions += 1;
            assert!(
                in_both(ind.applies_if_reason.as_ref()),
                "{}: applies_if without its reason in both languages",
                ind.id
            );
        }
    }
    for q in &g.questions {
        if q.ask_if.is_some() {
            conditions += 1;
            assert!(
                in_both(q.ask_if_reason.as_ref()),
                "{}: ask_if without its reason in both languages",
                q.id
            );
        }
    }
    // 24 indicators and 23 questions are conditional; a count that drops means reasons were lost
    // with their conditions, one that grows is checked above.
    assert!(conditions >= 47, "only {conditions} conditions");
}

#[test]
fn the_builtin_guideline_declares_itself_complete_so_lint_requires_every_reason() {
    // As shipped: no finding at all.
    let clean = lint(builtin_sources(|_, t| t.to_owned()));
    assert!(clean.is_empty(), "{clean:#?}");

    // One reason taken away: exactly one `missing-reason` error, at the condition it belonged to.
    let first_reason = |name: &str, text: &str| {
        if !name.ends_with("/s.toml") {
            return text.to_owned();
        }
        let line = text
            .lines()
            .find(|l| l.starts_with("applies_if_reason = "))
            .unwrap();
        text.replacen(&format!("{line}\n"), "", 1)
    };
    let found = lint(builtin_sources(first_reason));
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(
        (d.code, d.severity),
        ("missing-reason", Severity::Error),
        "{d}"
    );
    assert!(d.file.ends_with("/s.toml"), "{d}");
    assert!(d.message.contains("S-3-3"), "{d}");
    let line = d.span.clone().unwrap();
    let s = builtin_sources(first_reason)
        .into_iter()
        .find(|s| s.name.ends_with("/s.toml"))
        .unwrap();
    assert_eq!(&s.text[line], "\"employees >= 50\"");

    // Without the declaration, the same package has no finding: reasons are then optional.
    let undeclared =
        |name: &str, text: &str| first_reason(name, text).replace("\ncomplete = true\n", "\n");
    let found = lint(builtin_sources(undeclared));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_reason_without_its_condition_is_an_error_at_the_reason() {
    // The test guideline as written is valid, with both reasons.
    assert!(mini_errors(|t| t.to_owned()).is_empty());

    for (condition, key, id) in [
        ("applies_if = \"has_board\"\n", "applies_if_reason", "G-1"),
        ("ask_if = \"has_board\"\n", "ask_if_reason", "board_women"),
    ] {
        let text = std::fs::read_to_string(root().join(MINI).join("guideline.toml")).unwrap();
        // The reason follows its condition: once the condition's line is gone, the reason's
        // 1-based line number is its 0-based index in the text as written.
        let reason_line = text
            .lines()
            .position(|l| l.starts_with(&format!("{key} = ")))
            .unwrap();
        let errors = mini_errors(|t| t.replacen(condition, "", 1));
        assert_eq!(errors.len(), 1, "{errors:#?}");
        let d = &errors[0];
        assert_eq!(d.code, "missing-key", "{d}");
        assert_eq!((d.line, d.column), (reason_line, key.len() + 4), "{d}");
        assert!(d.message.contains(id) && d.message.contains(key), "{d}");
    }
}
