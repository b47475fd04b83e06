//! The HTML report (`esg score --format html`) and a portfolio's `index.html`: the page as people
//! get it (snapshots in Korean and English), the same numbers as the JSON scorecard, text from
//! answers files escaped wherever it appears, nothing a strict Content-Security-Policy would
//! refuse (no script, no `style` attribute, one stylesheet, nothing loaded), links that resolve,
//! and in a real headless Chromium: no console error, no request but the file, A4 pages.

use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::browser::{Browser, Size, is_a4, pdf_pages};
use crate::common::{MINI, WORKED, esg, root, scorecard_json};

/// Text that would run, load or break out of an attribute if it were not escaped.
const HOSTILE: &str = "<script>document.title='pwned'</script>\"><img src=x onerror=\"document.title='pwned'\"> &amp; 'q' </style>";

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e}"))
}

/// `esg ARGS`, which must succeed; its standard output.
fn run(args: &[&str]) -> String {
    let out = esg().args(args).output().expect("esg runs");
    assert!(
        out.status.success(),
        "esg {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The HTML report of `file` in `lang`.
fn report(file: &str, lang: &str, more: &[&str]) -> String {
    let mut args = vec!["--lang", lang, "score", file, "--format", "html"];
    args.extend(more);
    run(&args)
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect::<String>()
}

/// The text of every element `selector` finds.
fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector)).map(text).collect()
}

/// A number as the report writes it ("1,223.0", "+4.4", "53.7") read back.
fn number(s: &str) -> f64 {
    let s: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '+'))
        .collect();
    s.parse()
        .unwrap_or_else(|_| panic!("{s:?} is not a number"))
}

/// `x` as the report rounds it: one decimal.
fn one(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Parses `html` as a browser does and checks what a page served under a strict
/// Content-Security-Policy must hold: no script anywhere (no element, no `on…` attribute, no
/// `javascript:`), no `style` attribute, exactly one `<style>` whose text is the report's
/// stylesheet, nothing that loads a resource (no `src`, no link but a relative one to a file
/// beside it, no `url()` but a fragment of the page itself).
fn checked(html: &str) -> Html {
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a script element");
    assert!(!lower.contains("style=\""), "a style attribute");
    assert!(!lower.contains("<img"), "an image");
    let doc = Html::parse_document(html);
    let styles: Vec<String> = texts(&doc, "style");
    assert_eq!(styles.len(), 1, "exactly one <style>");
    assert_eq!(styles[0], esg::report::html::STYLESHEET);
    for forbidden in [
        "script",
        "img",
        "link",
        "iframe",
        "object",
        "embed",
        "base",
        "form",
        "image",
        "use",
        "foreignObject",
        "audio",
        "video",
        "source",
    ] {
        assert_eq!(
            doc.select(&sel(forbidden)).count(),
            0,
            "a <{forbidden}> element"
        );
    }
    for e in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        for (name, value) in e.value().attrs() {
            let lname = name.to_ascii_lowercase();
            assert!(
                lname != "style" && !lname.starts_with("on"),
                "<{} {name}={value:?}>",
                e.value().name()
            );
            assert!(
                !matches!(
                    lname.as_str(),
                    "src" | "srcset" | "xlink:href" | "action" | "poster"
                ),
                "<{} {name}={value:?}> loads something",
                e.value().name()
            );
            let lvalue = value.to_ascii_lowercase();
            if lname == "href" {
                assert!(
                    !lvalue.contains(':') && !lvalue.starts_with('/'),
                    "<a href={value:?}> leaves the directory"
                );
            }
            if lvalue.contains("url(") {
                assert!(
                    lvalue.starts_with("url(#"),
                    "{name}={value:?} loads something"
                );
            }
        }
    }
    assert!(
        !esg::report::html::STYLESHEET.contains("url("),
        "the stylesheet loads nothing"
    );
    doc
}

/// The page with the stylesheet left out and a line break before each element that starts a
/// block, so that a snapshot's diff says what changed.
fn readable(html: &str) -> String {
    let html = html.replace(
        esg::report::html::STYLESHEET,
        "/* report::html::STYLESHEET */",
    );
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let blocks = [
        "<head",
        "<meta",
        "<title",
        "<style",
        "<body",
        "<article",
        "<header",
        "<footer",
        "<section",
        "<h1",
        "<h2",
        "<h3",
        "<p ",
        "<p>",
        "<dl",
        "<dt",
        "<dd",
        "<div",
        "<table",
        "<caption",
        "<colgroup",
        "<thead",
        "<tbody",
        "<tfoot",
        "<tr",
        "<figure",
        "<figcaption",
        "<svg",
        "<desc",
        "<defs",
        "<text",
        "<rect",
        "<line",
        "<ul",
        "<li",
    ];
    let mut rest = html.as_str();
    while let Some(i) = rest[1..].find('<').map(|i| i + 1) {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        if blocks.iter().any(|b| tail.starts_with(b)) {
            out.push('\n');
        }
        rest = tail;
    }
    out.push_str(rest);
    out.push('\n');
    out
}

#[test]
fn report_snapshots_in_korean_and_english() {
    for lang in ["ko", "en"] {
        let html = report("examples/ghg-manufacturer.toml", lang, &[]);
        let doc = checked(&html);
        let root_lang = doc
            .root_element()
            .value()
            .attr("lang")
            .expect("<html lang>");
        assert_eq!(root_lang, lang);
        insta::assert_snapshot!(format!("html-ghg-manufacturer-{lang}"), readable(&html));
    }
}

/// Every number the report shows of the total, grade, areas, GHG inventory and gaps is the JSON
/// scorecard's, rounded as reports round.
#[test]
fn report_numbers_are_the_scorecards() {
    for example in [
        "examples/ghg-manufacturer.toml",
        "examples/service-20.toml",
        "examples/listed-midsize.toml",
    ] {
        for lang in ["ko", "en"] {
            let json: Value = scorecard_json(&run(&[
                "--lang", lang, "score", example, "--format", "json",
            ]));
            let html = report(example, lang, &["--top", "10"]);
            let doc = checked(&html);
            let at = format!("{example} ({lang})");

            let total = texts(&doc, ".headline .total");
            assert_eq!(total.len(), 1, "{at}");
            assert_eq!(
                number(&total[0]),
                one(json["total"].as_f64().unwrap()),
                "{at}"
            );
            assert_eq!(
                texts(&doc, ".headline .badge"),
                vec![json["grade"]["id"].as_str().unwrap().to_owned()],
                "{at}"
            );
            assert!(
                texts(&doc, ".bands tr.reached td")[0] == json["grade"]["id"].as_str().unwrap(),
                "{at}: the band table marks the grade reached"
            );

            let rows: Vec<ElementRef<'_>> = doc.select(&sel("section.areas tbody tr")).collect();
            let areas = json["areas"].as_array().unwrap();
            assert_eq!(rows.len(), areas.len(), "{at}");
            for (row, area) in rows.iter().zip(areas) {
                let name = text(row.select(&sel("th")).next().unwrap());
                assert!(
                    name.starts_with(area["id"].as_str().unwrap()),
                    "{at}: {name}"
                );
                let score = text(row.select(&sel("td")).next().unwrap());
                match area["score"].as_f64() {
                    Some(s) => assert_eq!(number(&score), one(s), "{at}: {name}"),
                    None => assert!(!score.chars().any(|c| c.is_ascii_digit()), "{at}: {name}"),
                }
            }

            let ghg = &json["ghg"];
            let sources: Vec<&Value> = ghg["sources"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| s["activity"].as_f64() != Some(0.0))
                .collect();
            let rows: Vec<ElementRef<'_>> = doc.select(&sel("section.ghg tbody tr")).collect();
            assert_eq!(rows.len(), sources.len(), "{at}");
            for (row, source) in rows.iter().zip(&sources) {
                let cells: Vec<String> = row.select(&sel("td")).map(text).collect();
                assert_eq!(
                    number(&cells[3]),
                    one(source["tco2e"].as_f64().unwrap()),
                    "{at}: {}",
                    source["id"]
                );
                assert_eq!(cells[0], source["scope"].to_string(), "{at}");
            }
            let totals = texts(&doc, "section.ghg .totals li").join(" ");
            for key in [
                "scope1",
                "scope2_location",
                "scope2_market",
                "total_location",
            ] {
                if let Some(t) = ghg[key].as_f64() {
                    let shown = esg::text::Measure::Tonnes.show(t);
                    assert!(totals.contains(&shown), "{at}: {key} {shown} in {totals}");
                }
            }
            if !sources.is_empty() {
                let desc = texts(&doc, "#esg-ghg-desc").join("");
                let total =
                    esg::text::Measure::Tonnes.show(ghg["total_location"].as_f64().unwrap());
                assert!(
                    desc.contains(&total),
                    "{at}: the chart says the total: {desc}"
                );
            }

            let gains: Vec<f64> = texts(&doc, ".gap-table tbody td.gain")
                .iter()
                .map(|g| number(g))
                .collect();
            let expected: Vec<f64> = json["gaps"]
                .as_array()
                .unwrap()
                .iter()
                .take(10)
                .map(|g| one(g["gain"].as_f64().unwrap()))
                .collect();
            assert_eq!(gains, expected, "{at}");
            let charted = doc.select(&sel("#esg-gaps-title")).count();
            assert_eq!(charted, usize::from(!expected.is_empty()), "{at}");
        }
    }
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// The worked example of the test guideline with hostile text as the firm's name, business
/// number and contact, and as the not-applicable reason, evidence and note of one answer.
fn hostile_answers(dir: &Path) -> PathBuf {
    let path = dir.join("hostile.toml");
    let text = format!(
        "[guideline]\nid = \"mini\"\nversion = \"1.0.0\"\n\n[firm]\nname = {h}\nbusiness_number = {h}\n\
         contact = {h}\n\n[answers]\nhas_board = false\ntargets = \"short\"\n\
         env_checks = [\"a\", \"b\", \"c\"]\npolicy = true\nturnover = 15\n\
         revenue = {{ 2022 = 10, 2023 = 10, 2024 = 10 }}\n\n[answers.water]\n\
         not_applicable = {h}\nevidence = [{h}]\nnote = {h}\n",
        h = toml_str(HOSTILE)
    );
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn text_from_answers_files_is_escaped_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_answers(dir.path());
    let file = file.to_str().unwrap();
    for lang in ["ko", "en"] {
        let html = report(file, lang, &["-g", MINI, "--top", "20"]);
        let doc = checked(&html);
        // The hostile text is shown as written, as text, in each place it appears.
        let places = [
            ("title", "the page's title"),
            ("h1.firm", "the firm's name"),
            (".facts dd", "the business number and contact"),
            ("section.left-out td", "the not-applicable reason"),
        ];
        for (selector, what) in places {
            let found = texts(&doc, selector);
            assert!(
                found.iter().any(|t| t.contains(HOSTILE)),
                "{lang}: {what} ({selector}) shows the text as written: {found:?}"
            );
        }
        let footer = doc
            .root_element()
            .value()
            .attr("data-esg-footer")
            .expect("the footer attribute");
        assert!(footer.starts_with(HOSTILE), "{footer:?}");
        let everything = doc.root_element().text().collect::<String>();
        assert!(
            everything.matches(HOSTILE).count() >= 5,
            "the text kept exactly, every time"
        );
    }
}

#[test]
fn the_date_is_the_assessment_date_or_today() {
    // The worked example has no `assessed_on`: the date is today's, SOURCE_DATE_EPOCH's here.
    let html = report(WORKED, "ko", &["-g", MINI]);
    let doc = checked(&html);
    let facts = texts(&doc, ".facts dt, .facts dd").join(" ");
    assert!(facts.contains("작성일 2026-01-01"), "{facts}");
    let html = report("examples/service-20.toml", "en", &[]);
    let doc = checked(&html);
    let facts = texts(&doc, ".facts dt, .facts dd").join(" ");
    assert!(facts.contains("Assessed on 2026-02-16"), "{facts}");
    assert!(facts.contains("Reporting year 2025"), "{facts}");
    let footer = doc.root_element().value().attr("data-esg-footer").unwrap();
    assert!(footer.ends_with("Assessed on 2026-02-16"), "{footer}");
}

/// Decodes the `%XX` of a relative link.
fn decode(href: &str) -> PathBuf {
    let bytes = href.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    PathBuf::from(String::from_utf8(out).unwrap())
}

#[test]
fn portfolio_writes_an_index_linking_every_report() {
    let inputs = tempfile::tempdir().unwrap();
    let mut names = Vec::new();
    for example in ["ghg-manufacturer", "service-20", "logistics"] {
        let name = format!("{example}.toml");
        std::fs::copy(
            root().join("examples").join(&name),
            inputs.path().join(&name),
        )
        .unwrap();
        names.push(name);
    }
    // A firm whose name is hostile, in a file whose name needs escaping in a link.
    let answers = std::fs::read_to_string(root().join("examples/autoparts-120.toml")).unwrap();
    let answers = answers.replace(
        "name = \"대성오토텍(주)\"",
        &format!("name = {}", toml_str(HOSTILE)),
    );
    assert!(answers.contains("pwned"));
    let odd = "a b#1?%.toml";
    std::fs::write(inputs.path().join(odd), answers).unwrap();
    names.push(odd.to_owned());
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("out");
    run(&[
        "--lang",
        "ko",
        "score",
        inputs.path().to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
        "--format",
        "html",
    ]);
    let index = std::fs::read_to_string(out_dir.join("index.html")).expect("index.html");
    let doc = checked(&index);
    assert_eq!(doc.root_element().value().attr("lang"), Some("ko"));
    let links: Vec<(String, String)> = doc
        .select(&sel(".index-table a"))
        .map(|a| (a.value().attr("href").unwrap().to_owned(), text(a)))
        .collect();
    assert_eq!(links.len(), names.len(), "{links:?}");
    assert!(
        links.iter().any(|(_, name)| name == HOSTILE),
        "the hostile name shown as written: {links:?}"
    );
    for (href, name) in &links {
        let target = out_dir.join(decode(href));
        let page = std::fs::read_to_string(&target)
            .unwrap_or_else(|e| panic!("{href} ({name}) -> {}: {e}", target.display()));
        let report = checked(&page);
        assert_eq!(texts(&report, "h1.firm"), vec![name.clone()], "{href}");
    }
    // Every row has the total, grade, completeness and GHG totals of the summary in JSON.
    let json = crate::common::portfolio_json(&run(&[
        "score",
        inputs.path().to_str().unwrap(),
        "--format",
        "json",
    ]));
    let rows: Vec<ElementRef<'_>> = doc.select(&sel(".index-table tbody tr")).collect();
    let firms: Vec<&Value> = json.iter().filter(|r| r["kind"] == "firm").collect();
    assert_eq!(rows.len(), firms.len());
    for (row, firm) in rows.iter().zip(firms) {
        let cells: Vec<String> = row.select(&sel("td")).map(text).collect();
        let at = firm["file"].as_str().unwrap();
        assert!(cells[0].contains(firm["firm"].as_str().unwrap()), "{at}");
        assert_eq!(
            number(&cells[1]),
            one(firm["total"].as_f64().unwrap()),
            "{at}"
        );
        assert_eq!(cells[2], firm["grade"].as_str().unwrap(), "{at}");
        let ghg = &firm["ghg"];
        if ghg.is_object() {
            assert_eq!(
                number(&cells[4]),
                one(ghg["scope1_tco2e"].as_f64().unwrap()),
                "{at}"
            );
            assert_eq!(
                number(&cells[5]),
                one(ghg["scope2_location_tco2e"].as_f64().unwrap()),
                "{at}"
            );
        }
    }
    assert!(
        texts(&doc, "section.statistics h2").len() == 1,
        "the portfolio's statistics follow the table"
    );
}

/// A4 at 96 pixels per inch: 210 mm wide.
const A4: Size = Size {
    width: 794,
    height: 1123,
};

/// The report file in a real browser: it loads with no console error and asks for nothing but
/// itself; hostile text runs nothing; it prints to A4 pages. Screenshots and PDFs are kept under
/// `target/screenshots/` for people to look at.
#[test]
fn report_file_in_a_browser() {
    let Some(browser) = Browser::start_sized(A4) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut pages = Vec::new();
    for lang in ["ko", "en"] {
        let path = dir.path().join(format!("report-{lang}.html"));
        std::fs::write(&path, report("examples/ghg-manufacturer.toml", lang, &[])).unwrap();
        pages.push((format!("report-{lang}"), path));
    }
    let hostile = hostile_answers(dir.path());
    let path = dir.path().join("hostile.html");
    std::fs::write(
        &path,
        report(hostile.to_str().unwrap(), "ko", &["-g", MINI]),
    )
    .unwrap();
    pages.push(("report-hostile".to_owned(), path));
    // A long name and nothing else beside it but the year and the date.
    let long = dir.path().join("long.toml");
    std::fs::write(
        &long,
        std::fs::read_to_string(&hostile)
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with("business_number") && !l.starts_with("contact"))
            .collect::<Vec<_>>()
            .join("\n"),
    )
    .unwrap();
    let path = dir.path().join("long.html");
    std::fs::write(&path, report(long.to_str().unwrap(), "ko", &["-g", MINI])).unwrap();
    pages.push(("report-long-name".to_owned(), path));

    for (name, path) in &pages {
        browser.open_file(path);
        let url = format!("file://{}", path.canonicalize().unwrap().display());
        assert_eq!(
            browser.errors(),
            Vec::<String>::new(),
            "{name}: console errors"
        );
        let requests = browser.requests();
        assert!(
            requests.iter().all(|r| *r == url),
            "{name}: requests other than the file itself: {requests:?}"
        );
        assert_ne!(
            browser.eval("return document.title").as_str(),
            Some("pwned"),
            "{name}: a script ran"
        );
        assert_eq!(
            browser.eval("return document.querySelectorAll('script, img').length"),
            0,
            "{name}"
        );
        // Nothing wider than the page.
        let overflow = browser.eval(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
        );
        assert!(
            overflow.as_i64().unwrap_or(0) <= 0,
            "{name}: wider than A4 by {overflow}"
        );
        // The short facts beside the firm's name (the year, the date) keep to one line each,
        // however long the name; only a long one (an address) may wrap.
        let broken = browser.eval(
            "return [...document.querySelectorAll('.cover .facts dd')].filter(dd => dd.textContent.length <= 16).filter(dd => { \
               const r = document.createRange(); r.selectNodeContents(dd); \
               return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1; \
             }).map(dd => dd.textContent)",
        );
        assert_eq!(
            broken,
            serde_json::json!([]),
            "{name}: facts broken over lines"
        );
        if !name.starts_with("report-hostile") && !name.starts_with("report-long") {
            browser.screenshot_page(name);
            let pdf = browser.print_pdf(name);
            let sizes = pdf_pages(&pdf);
            assert!(sizes.len() >= 3, "{name}: {} pages", sizes.len());
            assert!(sizes.iter().all(|p| is_a4(*p)), "{name}: {sizes:?}");
        }
    }
    // The page asks for nothing when printed either.
    let requests = browser.requests();
    assert!(
        requests.iter().all(|r| r.starts_with("file://")),
        "{requests:?}"
    );
}

/// Every example, and a firm that raises warnings, scored against the built-in guideline.
fn cards() -> Vec<(String, esg::scorecard::Scorecard)> {
    use esg::guideline::{self, BUILTIN_DEFAULT};
    let g = guideline::load_builtin(BUILTIN_DEFAULT).unwrap();
    let warned = "[guideline]\nid = \"k-esg-sme\"\nversion = \"0.9.0\"\n\n[firm]\n\
                  name = \"경고 시험(주)\"\nreporting_year = 2025\n\n[answers]\ncountry = \"other\"\n\
                  employees = 12\nelectricity_kwh = { 2024 = 1000, 2025 = 20000000000, 2026 = 5 }\n\
                  vehicle_diesel_l = 1000\n";
    let mut files: Vec<(String, String)> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    files.push(("warned.toml".to_owned(), warned.to_owned()));
    files
        .into_iter()
        .map(|(name, text)| {
            let source = esg::source::Source::new(&name, text);
            let answers = esg::answers::parse(&source, &g).unwrap();
            let card = esg::score::score(
                &g,
                &answers,
                esg::score::Options {
                    unanswered: esg::scorecard::Unanswered::Zero,
                },
            );
            (name, card)
        })
        .collect()
}

/// The HTML report of `card`, every gap listed, and the text a reader sees in it (the page's
/// title, the body's text and the charts' descriptions), one text node per line.
fn html_and_text(card: &esg::scorecard::Scorecard, lang: esg::text::Lang) -> (String, String) {
    let style = esg::report::Style {
        width: 100,
        color: false,
        top: 1000,
        detail: false,
    };
    let mut out = Vec::new();
    esg::report::render(esg::report::Format::Html, card, lang, &style, &mut out).unwrap();
    let html = String::from_utf8(out).unwrap();
    let doc = checked(&html);
    let mut text = texts(&doc, "title").join("\n");
    for body in doc.select(&sel("body")) {
        for t in body.text() {
            text.push('\n');
            text.push_str(t);
        }
    }
    (html, text)
}

/// The HTML report says what the shared sections say, as the other formats do: warnings, key
/// figures with their values, every gap with its next level and what to do, the reasons of what
/// is left out, the GHG inventory's sources and notes, and every indicator.
#[test]
fn the_page_says_what_every_format_says() {
    use esg::text::Lang;
    let mut warnings = 0;
    for (name, card) in cards() {
        for lang in Lang::ALL {
            let (_, text) = html_and_text(&card, lang);
            let style = esg::report::Style {
                top: 1000,
                ..esg::report::Style::default()
            };
            let report = esg::report::Report::new(&card, lang, style);
            let mut items: Vec<(&str, String)> = Vec::new();
            for w in &report.warnings {
                items.push(("warning", w.message.clone()));
            }
            warnings += report.warnings.len();
            for f in &report.figures {
                items.push(("figure", f.title.clone()));
                items.push(("figure value", f.value.clone()));
            }
            for g in &report.gaps.all {
                items.push(("gap", g.name.clone()));
                items.push(("gain", g.gain.clone()));
                items.push(("next level", g.next.clone()));
                items.push(("recommendation", g.recommendation.clone()));
            }
            for list in &report.left_out {
                items.push(("list", list.heading.clone()));
                for i in &list.items {
                    items.push(("reason", i.reason.clone()));
                }
            }
            if let Some(ghg) = &report.ghg {
                items.push(("GHG title", ghg.title.clone()));
                items.extend(ghg.notes.iter().map(|n| ("GHG note", n.clone())));
                items.extend(ghg.totals.iter().map(|n| ("GHG total", n.clone())));
                items.extend(ghg.tables.iter().map(|n| ("factor table", n.clone())));
                for s in &ghg.sources {
                    items.push(("GHG source", s.title.clone()));
                    items.push(("activity", s.activity.clone()));
                }
            }
            for i in &report.indicators {
                items.push(("indicator", i.explanation.clone()));
                items.push(("points", i.points.clone()));
            }
            let h = &report.headline;
            items.push(("guideline", h.guideline.clone()));
            items.push(("firm", h.firm.clone()));
            items.extend(h.policy.iter().map(|p| ("policy", p.clone())));
            for (what, item) in items.iter().filter(|(_, i)| !i.is_empty()) {
                assert!(
                    text.contains(item.as_str()),
                    "{name} {lang:?}: the page lacks {what} {item:?}"
                );
            }
        }
    }
    assert!(
        warnings >= 8,
        "the warned firm raises warnings of every kind"
    );
}

/// What a Korean page shows an owner has no English word and no backtick, apart from units and
/// names (as the other formats: `sections.rs`) and the firm's own words. (The warned firm's
/// file warnings name the file's own keys, in every format.)
#[test]
fn korean_pages_have_no_english() {
    const ALLOWED: &[&str] = &[
        "tCO2e", "kgCO2e", "MWh", "kWh", "GWh", "TWh", "Nm³", "Scope", "K-ESG", "kcal",
    ];
    for (name, card) in cards().into_iter().filter(|(n, _)| n != "warned.toml") {
        let (_, mut text) = html_and_text(&card, esg::text::Lang::Ko);
        let mut own = vec![card.firm.name.clone()];
        own.extend(card.firm.contact.clone());
        for i in &card.indicators {
            for a in &i.answers {
                own.extend(a.not_applicable.clone());
                own.extend(a.evidence.iter().cloned());
                if let Some(esg::scorecard::Shown::Text { text }) = &a.value {
                    own.push(text.clone());
                }
            }
        }
        own.sort_by_key(|s| std::cmp::Reverse(s.len()));
        for o in own.iter().filter(|o| !o.is_empty()) {
            text = text.replace(o.as_str(), " ");
        }
        assert!(!text.contains('`'), "{name}: a backtick");
        let english: Vec<&str> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '³' || c == '_'))
            .filter(|w| !ALLOWED.contains(w))
            .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 3)
            .filter(|w| w.chars().any(|c| c.is_ascii_lowercase()))
            .collect();
        assert!(english.is_empty(), "{name}: English in Korean: {english:?}");
    }
}

/// The page checker itself finds what it looks for.
#[test]
#[should_panic(expected = "a style attribute")]
fn the_checker_finds_a_style_attribute() {
    let page = format!(
        "<!DOCTYPE html><html><head><style>{}</style></head><body><p style=\"color:red\">x</p></body></html>",
        esg::report::html::STYLESHEET
    );
    checked(&page);
}

#[test]
#[should_panic(expected = "onmouseover")]
fn the_checker_finds_an_event_handler() {
    let page = format!(
        "<!DOCTYPE html><html><head><style>{}</style></head><body><p onmouseover=\"x()\">x</p></body></html>",
        esg::report::html::STYLESHEET
    );
    checked(&page);
}

#[test]
#[should_panic(expected = "loads something")]
fn the_checker_finds_a_load() {
    let page = format!(
        "<!DOCTYPE html><html><head><style>{}</style></head><body><svg><rect fill=\"url(https://evil.example/x)\"></rect></svg></body></html>",
        esg::report::html::STYLESHEET
    );
    checked(&page);
}
