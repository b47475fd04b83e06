//! `esg serve` in a real browser (headless Chromium, [`crate::browser`]): a Korean questionnaire
//! filled from start to end as an owner fills it (the profile, going back, not applicable with a
//! reason, skipping, evidence and a note), resumed after a reload and after the server restarts,
//! its report equal to `esg score` of the saved file; hostile text in every field runs nothing;
//! and screenshots of the form at phone width and of the report under `target/screenshots/`.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::json;

use crate::browser::{Browser, PHONE};
use crate::common::{MINI, esg};
use crate::serve::Served;

const HOSTILE: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>";

fn path_now(b: &Browser) -> String {
    b.eval("return location.pathname")
        .as_str()
        .unwrap()
        .to_owned()
}

fn text_of(b: &Browser, css: &str) -> String {
    b.eval(&format!(
        "var e = document.querySelector({css:?}); return e ? e.textContent : null"
    ))
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// Clicks the element and waits until the next page has loaded (bounded: 30 s).
fn click_and_wait(b: &Browser, css: &str) {
    b.eval("window.__before = 1; return 0");
    b.block_on(async {
        b.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"))
            .click()
            .await
    })
    .unwrap_or_else(|e| panic!("could not click {css}: {e}"));
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let done =
            b.eval("return window.__before === undefined && document.readyState === 'complete'");
        if done == json!(true) {
            return;
        }
        assert!(Instant::now() < deadline, "no page after clicking {css}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Clicks without expecting a new page (a radio, a checkbox, a summary).
fn click(b: &Browser, css: &str) {
    b.block_on(async { b.client.find(Locator::Css(css)).await?.click().await })
        .unwrap_or_else(|e| panic!("could not click {css}: {e}"));
}

/// Types into a field as a person does (its old text removed first).
fn type_in(b: &Browser, css: &str, text: &str) {
    b.block_on(async {
        let e = b.client.find(Locator::Css(css)).await?;
        e.clear().await?;
        e.send_keys(text).await
    })
    .unwrap_or_else(|e| panic!("could not type into {css}: {e}"));
}

/// Nothing hostile ran: no alert open, no element made from answer text.
fn nothing_ran(b: &Browser, page: &str) {
    let alert = b.block_on(b.client.get_alert_text());
    assert!(alert.is_err(), "{page}: an alert is open: {alert:?}");
    let injected = b.eval(
        "return document.querySelectorAll('img[src=\"x\"], img[onerror], main script, main iframe').length",
    );
    assert_eq!(injected, json!(0), "{page}: an element was injected");
    let errors = b.errors();
    assert!(errors.is_empty(), "{page}: {errors:?}");
}

fn question_number(path: &str) -> Option<usize> {
    path.rsplit_once("/q/").and_then(|(_, n)| n.parse().ok())
}

/// The score `esg score` gives the file, as the page writes it.
fn score_of(path: &std::path::Path) -> String {
    let out = esg()
        .args(["score", "--guideline", MINI, "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let card: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    esg::text::number(card["total"].as_f64().unwrap(), 1)
}

#[test]
fn a_korean_questionnaire_from_start_to_end_then_resumed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hanbit.toml");
    let served = Served::start(&["--guideline", MINI, file.to_str().unwrap()]);
    let Some(b) = Browser::start() else {
        return;
    };
    b.open(&served.url);
    // The secret is gone from the address once swapped for the cookie.
    let href = b.eval("return location.href");
    assert!(!href.as_str().unwrap().contains("token"), "{href}");
    // The browser speaks English; the owner switches to Korean, and it is remembered.
    click_and_wait(&b, "form.lang button[value=ko]");
    assert_eq!(b.eval("return document.documentElement.lang"), json!("ko"));
    assert!(text_of(&b, "h1").contains("ESG 자가진단"));
    assert!(text_of(&b, "ol.tasks").contains("시작 전"));
    click_and_wait(&b, "a.button.primary");
    assert!(path_now(&b).ends_with("/firm"));
    type_in(&b, "#name", &format!("주식회사 한빛 {HOSTILE}"));
    type_in(&b, "#year", "2024");
    click_and_wait(&b, "button.primary");
    nothing_ran(&b, "after the firm");

    let mut went_back = false;
    let mut seen = Vec::new();
    for _ in 0..30 {
        let path = path_now(&b);
        let Some(q) = question_number(&path) else {
            break;
        };
        seen.push(q);
        assert_eq!(b.eval("return document.documentElement.lang"), json!("ko"));
        assert!(
            text_of(&b, ".progress").contains("남은 질문"),
            "progress shown"
        );
        match q {
            // The profile: yes, there is a board.
            0 => click(&b, "input[name=value][value=yes]"),
            // Revenue by year: the years the guideline reads.
            4 => {
                let years = b.eval(
                    "return Array.from(document.querySelectorAll('.field.year input')).map(e => e.name)",
                );
                let years: Vec<String> = serde_json::from_value(years).unwrap();
                assert!(!years.is_empty());
                for (i, y) in years.iter().enumerate() {
                    type_in(&b, &format!("input[name={y}]"), &format!("{}", 10 + i));
                }
            }
            // A choice, saved by the page's script as soon as it is picked: the score moves.
            1 => {
                let before = text_of(&b, "#live-total");
                click(&b, "input[name=value][value='2']");
                let deadline = Instant::now() + Duration::from_secs(20);
                while text_of(&b, "#save-status").is_empty() {
                    assert!(Instant::now() < deadline, "the answer was not saved live");
                    std::thread::sleep(Duration::from_millis(50));
                }
                assert_eq!(text_of(&b, "#save-status"), "저장했습니다.");
                assert!(
                    std::fs::read_to_string(&file)
                        .unwrap()
                        .contains("targets = \"long\"")
                );
                assert_ne!(text_of(&b, "#live-total"), before, "the score was updated");
                assert_eq!(text_of(&b, "#live-total"), score_of(&file));
            }
            2 => {
                click(&b, "input[name=opt][value='0']");
                click(&b, "input[name=opt][value='1']");
            }
            // Not applicable, with a reason.
            3 => {
                click(&b, "details.more:last-of-type summary");
                type_in(&b, "#reason", &format!("공장이 없음 {HOSTILE}"));
                click_and_wait(&b, "button[value=na]");
                continue;
            }
            // Skipped, to answer later.
            5 => {
                click_and_wait(&b, "a.button:not(.primary):not(.back)");
                continue;
            }
            // A number, with evidence (one a line) and a note.
            6 => {
                type_in(&b, "#value", "12.5");
                click(&b, "details.more summary");
                type_in(&b, "#evidence", &format!("인사 기록 2024\n{HOSTILE}"));
                type_in(&b, "#note", &format!("퇴사 3명 {HOSTILE}"));
                b.screenshot("serve-question");
            }
            7 => {
                if !went_back {
                    // Back to the question before: its answer, evidence and note as saved.
                    went_back = true;
                    click_and_wait(&b, "a.button.back");
                    assert_eq!(question_number(&path_now(&b)), Some(6), "{seen:?}");
                    assert_eq!(
                        b.eval("return document.querySelector('#value').value"),
                        json!("12.5")
                    );
                    let evidence = b.eval("return document.querySelector('#evidence').value");
                    assert!(
                        evidence.as_str().unwrap().starts_with("인사 기록 2024\n"),
                        "{evidence}"
                    );
                    nothing_ran(&b, "back");
                    b.open(&format!("{}{}", served.base, path));
                    continue;
                }
                type_in(&b, "#value", "2");
            }
            other => panic!("question {other} is not in the mini guideline"),
        }
        click_and_wait(&b, "button[value=save]");
        nothing_ran(&b, &path);
    }
    assert!(path_now(&b).ends_with("/review"), "{}", path_now(&b));
    assert!(went_back);
    // The review lists the skipped question first.
    assert!(text_of(&b, "h2").contains("답하지 않은 질문"));
    nothing_ran(&b, "review");
    let saved = std::fs::read_to_string(&file).unwrap();
    for part in [
        "has_board = true",
        "targets = \"long\"",
        "env_checks = [\"a\", \"b\"]",
        "not_applicable",
        "인사 기록 2024",
        "퇴사 3명",
        "board_women = 2",
    ] {
        assert!(saved.contains(part), "{part} not saved:\n{saved}");
    }
    assert!(
        !saved.contains("policy"),
        "the skipped question stays unanswered"
    );

    // A reload resumes at the question skipped.
    b.open(&format!("{}/", served.base));
    assert!(text_of(&b, "ol.tasks").contains("작성 중"));
    click_and_wait(&b, "a.button.primary");
    assert_eq!(question_number(&path_now(&b)), Some(5));

    // The report is the one `esg score` gives the saved file.
    b.open(&format!("{}/f/hanbit.toml/report", served.base));
    nothing_ran(&b, "report");
    let shown = text_of(&b, "article.esg-report");
    assert!(shown.contains(&score_of(&file)), "{shown}");
    b.screenshot_page("serve-report");
    let pdf = b.print_pdf("serve-report");
    assert!(
        crate::browser::pdf_pages(&pdf)
            .into_iter()
            .all(crate::browser::is_a4)
    );
    let out = esg()
        .args([
            "score",
            "--lang",
            "ko",
            "--guideline",
            MINI,
            "--format",
            "html",
        ])
        .arg(&file)
        .output()
        .unwrap();
    let written = dir.path().join("report.html");
    std::fs::write(&written, &out.stdout).unwrap();
    b.open_file(&written);
    assert_eq!(
        text_of(&b, "article.esg-report"),
        shown,
        "the page's report is esg score's"
    );

    // A restarted server resumes where the firm left off.
    let port = served.port;
    drop(served);
    let served = Served::start(&["--guideline", MINI, file.to_str().unwrap()]);
    assert_ne!(served.port, 0);
    let _ = port;
    b.open(&served.url);
    assert_eq!(b.eval("return document.documentElement.lang"), json!("ko"));
    click_and_wait(&b, "a.button.primary");
    assert_eq!(question_number(&path_now(&b)), Some(5));
    nothing_ran(&b, "after restart");
}

#[test]
fn the_form_at_phone_width() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    std::fs::write(
        &file,
        "[guideline]\nid = \"mini\"\nversion = \"1.0.0\"\n\n[firm]\nname = \"주식회사 한빛정밀\"\nreporting_year = 2024\n\n[answers]\nhas_board = true\n",
    )
    .unwrap();
    let served = Served::start(&["--lang", "ko", "--guideline", MINI, file.to_str().unwrap()]);
    let Some(b) = Browser::start_sized(PHONE) else {
        return;
    };
    b.open(&served.url);
    b.screenshot_page("serve-home-phone");
    b.open(&format!("{}/f/a.toml/q/1", served.base));
    // Nothing wider than the phone.
    let wide = b.eval("return document.documentElement.scrollWidth");
    assert!(wide.as_u64().unwrap() <= 375, "the page is {wide} px wide");
    b.screenshot_page("serve-question-phone");
    b.open(&format!("{}/f/a.toml/q/4", served.base));
    b.screenshot_page("serve-series-phone");
    let wide = b.eval("return document.documentElement.scrollWidth");
    assert!(wide.as_u64().unwrap() <= 375, "the page is {wide} px wide");
    nothing_ran(&b, "phone");
    // Nothing was asked of any other server.
    let requests = b.requests();
    assert!(
        requests.iter().all(|r| r.starts_with(&served.base)),
        "{requests:?}"
    );
}

#[test]
fn a_consultants_folder() {
    let dir = tempfile::tempdir().unwrap();
    let firms = dir.path().join("clients");
    std::fs::create_dir(&firms).unwrap();
    for f in ["autoparts-120", "ghg-manufacturer", "service-20"] {
        std::fs::copy(
            crate::common::root().join(format!("examples/{f}.toml")),
            firms.join(format!("{f}.toml")),
        )
        .unwrap();
    }
    let served = Served::start(&["--lang", "ko", firms.to_str().unwrap()]);
    let Some(b) = Browser::start() else {
        return;
    };
    b.open(&served.url);
    let rows = b.eval("return document.querySelectorAll('table.firms tbody tr').length");
    assert_eq!(rows, json!(3));
    b.screenshot_page("serve-folder");
    type_in(&b, "#name", &format!("새 고객사 {HOSTILE}"));
    click_and_wait(&b, "form.add button");
    nothing_ran(&b, "a firm added");
    assert!(text_of(&b, "h1").contains("새 고객사"));
    let files = std::fs::read_dir(&firms).unwrap().count();
    assert_eq!(files, 4);
    b.open(&format!("{}/", served.base));
    assert_eq!(
        b.eval("return document.querySelectorAll('table.firms tbody tr').length"),
        json!(4)
    );
    nothing_ran(&b, "the folder");
}
