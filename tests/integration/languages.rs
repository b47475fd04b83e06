//! Guidelines in any language: a package in German and Korean (`tests/fixtures/guidelines/de-ko`,
//! German first) loads, lints clean and renders with the tool's own words in Korean for `--lang ko`
//! and in English for every other language, and the guideline's words in the language asked for,
//! else in the guideline's declared order. Malformed tags, and text in a language the guideline
//! does not declare, are reported where they are written, in both languages.

use std::path::{Path, PathBuf};

use esg::text::{Lang, Tag};

use crate::common::{assert_schema, esg, root};
use crate::serve::Served;

const DE_KO: &str = "tests/fixtures/guidelines/de-ko";
const FIRM: &str = "tests/fixtures/answers/de-ko-firm.toml";
const FORMATS: [&str; 4] = ["table", "markdown", "json", "html"];

/// The guideline's words in German, as every report of the firm shows them.
const GERMAN: &[&str] = &[
    "Testleitfaden auf Deutsch",
    "Umwelt",
    "Soziales",
    "Ausbaufähig",
    "Bieten Sie mehr Schulungen an.",
];
/// The same words in Korean.
const KOREAN: &[&str] = &[
    "독일어 시험용 가이드라인",
    "환경",
    "사회",
    "미흡",
    "교육을 늘리세요.",
];

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Out {
    let out = esg().args(args).output().expect("esg runs");
    Out {
        code: out.status.code().expect("an exit code"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8"),
    }
}

/// `esg score` of the firm against the German and Korean package.
fn score(lang: &str, format: &str) -> String {
    let out = run(&[
        "score",
        FIRM,
        "--guideline",
        DE_KO,
        "--lang",
        lang,
        "--format",
        format,
    ]);
    assert_eq!(
        out.code, 0,
        "--lang {lang} --format {format}: {}",
        out.stderr
    );
    out.stdout
}

fn hangul(t: &str) -> bool {
    t.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// What a person reads of an HTML page: its text, without the stylesheet (whose font names are
/// Korean) or tags.
fn visible(html: &str) -> String {
    let no_style: String = html
        .split("<style")
        .map(|part| part.split_once("</style>").map_or(part, |(_, rest)| rest))
        .collect();
    no_style
        .split('<')
        .map(|p| p.split_once('>').map_or("", |(_, text)| text))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of a report as a person reads it: JSON's string values, HTML's text, else as printed.
fn read(format: &str, out: &str) -> String {
    match format {
        "json" => {
            let json: serde_json::Value = serde_json::from_str(out).unwrap();
            let mut words = Vec::new();
            strings(&json, &mut words);
            words.join("\n")
        }
        "html" => visible(out),
        _ => out.to_owned(),
    }
}

fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[test]
fn a_package_in_german_and_korean_loads_and_lints_clean() {
    let g = esg::guideline::load_dir(&root().join(DE_KO)).unwrap();
    assert_eq!(
        g.languages,
        [Tag::parse("de").unwrap(), Tag::KO],
        "declared order"
    );
    let de = Lang::parse("de").unwrap();
    assert_eq!(g.areas[0].title.show(de), "Umwelt");
    assert_eq!(g.areas[0].title.show(Lang::Ko), "환경");

    let out = run(&["lint", DE_KO]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("2 files checked: no problems"),
        "the package and its self-test: {}",
        out.stdout
    );
}

#[test]
fn german_asked_for_gives_the_guideline_in_german_and_the_tool_in_english() {
    for format in FORMATS {
        let out = score("de", format);
        let text = read(format, &out);
        for w in GERMAN {
            assert!(text.contains(w), "{format}: no {w:?} in\n{text}");
        }
        assert!(!hangul(&text), "{format}: Korean in\n{text}");
        let tool = match format {
            "json" => "“Schulungsstunden aller Beschäftigten im Berichtsjahr” is not answered.",
            "html" => "ESG self-assessment report",
            _ => "Grade C (Ausbaufähig)",
        };
        assert!(text.contains(tool), "{format}: no {tool:?} in\n{text}");
    }
    let json: serde_json::Value = serde_json::from_str(&score("de", "json")).unwrap();
    assert_eq!(json["lang"], "de");
    assert_eq!(json["areas"][0]["title"], "Umwelt");
    assert_schema("scorecard", &json);
    assert!(score("de", "html").starts_with("<!DOCTYPE html><html lang=\"de\""));
}

#[test]
fn korean_asked_for_gives_everything_in_korean() {
    for format in FORMATS {
        let out = score("ko", format);
        let text = read(format, &out);
        for w in KOREAN {
            assert!(text.contains(w), "{format}: no {w:?} in\n{text}");
        }
        for w in GERMAN {
            assert!(!text.contains(w), "{format}: {w:?} in\n{text}");
        }
        if format != "json" {
            // JSON's codes (`unanswered`) are for tools; people read its titles and messages.
            for w in ["Total", "Grade", "Completeness", "answered", "effort"] {
                assert!(!text.contains(w), "{format}: {w:?} in\n{text}");
            }
        }
    }
    let json: serde_json::Value = serde_json::from_str(&score("ko", "json")).unwrap();
    assert_eq!(json["lang"], "ko");
    assert_eq!(
        json["indicators"][2]["finding"]["message"],
        "“보고 연도의 전 직원 교육 시간” 질문에 답하지 않았습니다."
    );
    assert_schema("scorecard", &json);
}

#[test]
fn a_language_the_guideline_lacks_falls_back_in_its_declared_order() {
    // French and English: the guideline's first language, German; the tool's words in English.
    // Swiss German: German.
    for format in FORMATS {
        let de = score("de", format);
        for other in ["fr", "en", "de-CH"] {
            assert_eq!(score(other, format), de, "--lang {other} --format {format}");
        }
    }
    // Korean of Korea: Korean.
    assert_eq!(score("ko-KR", "table"), score("ko", "table"));
    // The locale chooses as --lang does.
    let out = esg()
        .env("LANG", "fr_FR.UTF-8")
        .args(["score", FIRM, "--guideline", DE_KO])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), score("de", "table"));
}

#[test]
fn the_built_in_guideline_asked_in_german_reads_in_its_first_language() {
    // k-esg-sme declares ["ko", "en"]: German falls back to Korean, the tool speaks English.
    let example = "examples/service-20.toml";
    let out = run(&["score", example, "--lang", "de"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Total"), "{}", out.stdout);
    assert!(out.stdout.contains("환경"), "{}", out.stdout);
    assert_eq!(
        run(&["score", example, "--lang", "en-GB"]).stdout,
        run(&["score", example, "--lang", "en"]).stdout
    );
}

/// A copy of the package in a temporary directory with `from` replaced by `to` in its
/// `guideline.toml` (which must contain it), and the self-test left out.
fn changed(from: &str, to: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("de-ko");
    std::fs::create_dir(&pkg).unwrap();
    let text = std::fs::read_to_string(root().join(DE_KO).join("guideline.toml")).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(pkg.join("guideline.toml"), text.replacen(from, to, 1)).unwrap();
    (dir, pkg)
}

/// The 1-based line and column (in characters) where `needle` starts in the package's file.
fn position(pkg: &Path, needle: &str) -> (usize, usize) {
    let text = std::fs::read_to_string(pkg.join("guideline.toml")).unwrap();
    let (n, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle}"));
    (
        n + 1,
        line[..line.find(needle).unwrap()].chars().count() + 1,
    )
}

fn lint(pkg: &Path, lang: &str) -> Out {
    run(&["lint", pkg.to_str().unwrap(), "--lang", lang])
}

#[test]
fn a_text_without_the_language_asked_for_shows_the_next_one_and_lint_warns() {
    let (_d, pkg) = changed(
        "title = { de = \"Soziales\", ko = \"사회\" }",
        "title = { ko = \"사회\" }",
    );
    let (line, col) = position(&pkg, "{ ko = \"사회\" }");
    let out = lint(&pkg, "en");
    assert_eq!(out.code, 0, "a warning: {}", out.stdout);
    assert!(
        out.stdout
            .contains("warning[missing-text]: area `S` title has no German (de) text"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains(&format!("de-ko/guideline.toml:{line}:{col}")),
        "{line}:{col}: {}",
        out.stdout
    );
    let ko = lint(&pkg, "ko");
    assert!(
        ko.stdout
            .contains("`S` 영역의 제목에 독일어(`de`) 글이 없습니다"),
        "{}",
        ko.stdout
    );

    // German asked for: that title in Korean, the next of the guideline's languages.
    let out = run(&[
        "score",
        FIRM,
        "--guideline",
        pkg.to_str().unwrap(),
        "--lang",
        "de",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("S 사회"), "{}", out.stdout);
    assert!(out.stdout.contains("E Umwelt"), "{}", out.stdout);
}

#[test]
fn text_in_a_language_the_guideline_does_not_declare_is_an_error_where_it_is() {
    let (_d, pkg) = changed(
        "title = { de = \"Umwelt\", ko = \"환경\" }",
        "title = { de = \"Umwelt\", ko = \"환경\", fr = \"Environnement\" }",
    );
    let (line, col) = position(&pkg, "{ de = \"Umwelt\"");
    let out = lint(&pkg, "en");
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.contains(
            "error[unknown-key]: area `E` title has text in French (fr), a language the guideline does not declare"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains(&format!("de-ko/guideline.toml:{line}:{col}")),
        "{line}:{col}: {}",
        out.stdout
    );
    assert!(
        out.stdout.contains("declared now: de, ko"),
        "{}",
        out.stdout
    );
    let ko = lint(&pkg, "ko");
    assert!(
        ko.stdout.contains(
            "`E` 영역의 제목에 가이드라인이 밝히지 않은 언어 프랑스어(`fr`)의 글이 있습니다"
        ),
        "{}",
        ko.stdout
    );
    // The package cannot be scored with it.
    let out = run(&["score", FIRM, "--guideline", pkg.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(&format!("guideline.toml:{line}:{col}")),
        "{}",
        out.stderr
    );
}

#[test]
fn a_malformed_language_tag_is_an_error_where_it_is_written() {
    // In the header.
    let (_d, pkg) = changed(
        "languages = [\"de\", \"ko\"]",
        "languages = [\"de\", \"ko\", \"de_AT\"]",
    );
    let (line, col) = position(&pkg, "\"de_AT\"");
    let out = lint(&pkg, "en");
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("error[invalid-header]: `de_AT` is not a language tag"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains(&format!("de-ko/guideline.toml:{line}:{col}")),
        "{line}:{col}: {}",
        out.stdout
    );
    let ko = lint(&pkg, "ko");
    assert!(
        ko.stdout.contains("`de_AT`는 언어 태그가 아닙니다"),
        "{}",
        ko.stdout
    );

    // As the key of a text.
    let (_d, pkg) = changed(
        "title = { de = \"Umwelt\", ko = \"환경\" }",
        "title = { de = \"Umwelt\", ko = \"환경\", deutsch = \"Umwelt\" }",
    );
    let (line, col) = position(&pkg, "{ de = \"Umwelt\"");
    let out = lint(&pkg, "en");
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("error[unknown-key]: `deutsch` in area `E` title is not a language tag"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains(&format!("de-ko/guideline.toml:{line}:{col}")),
        "{line}:{col}: {}",
        out.stdout
    );
    let ko = lint(&pkg, "ko");
    assert!(
        ko.stdout
            .contains("`E` 영역의 제목의 `deutsch`는 언어 태그가 아닙니다"),
        "{}",
        ko.stdout
    );

    // One language twice, spelled in two cases.
    let (_d, pkg) = changed(
        "title = { de = \"Umwelt\", ko = \"환경\" }",
        "title = { de = \"Umwelt\", ko = \"환경\", DE = \"Natur\" }",
    );
    let out = lint(&pkg, "en");
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("error[duplicate-id]: area `E` title has German (de) text twice"),
        "{}",
        out.stdout
    );

    // On the command line.
    let out = run(&["--lang", "de_AT", "guidelines"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("`de_AT` is not a language tag"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_schemas_accept_the_german_and_korean_package_and_its_answers() {
    let validator = jsonschema::validator_for(&esg::schema::guideline()).unwrap();
    let doc: serde_json::Value = toml::from_str(
        &std::fs::read_to_string(root().join(DE_KO).join("guideline.toml")).unwrap(),
    )
    .unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // A malformed tag as a key is not.
    let mut bad = doc.clone();
    bad["area"][0]["title"]["de_AT"] = "Umwelt".into();
    assert!(!validator.is_valid(&bad));

    let g = esg::guideline::load_dir(&root().join(DE_KO)).unwrap();
    let schema = esg::schema::answers(&g, Lang::parse("de").unwrap());
    assert!(
        schema.to_string().contains("Wie viele Beschäftigte"),
        "described in German"
    );
    let validator = jsonschema::validator_for(&schema).unwrap();
    let answers: serde_json::Value =
        toml::from_str(&std::fs::read_to_string(root().join(FIRM)).unwrap()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&answers)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn serve_offers_the_guidelines_languages_and_speaks_english_in_german() {
    let (_d, path) = crate::serve::workdir("firm.toml", Some(FIRM));
    let mut s = Served::start(&["--lang", "de", "--guideline", DE_KO, path.to_str().unwrap()]);
    s.login();
    let r = s.get("/");
    assert_eq!(r.status, 200, "{}", r.body);
    let switch = r
        .body
        .split("<form class=\"lang\"")
        .nth(1)
        .and_then(|f| f.split_once("</form>"))
        .map(|(f, _)| f.to_owned())
        .expect("a language switch");
    assert!(
        switch.contains("value=\"de\" aria-pressed=\"true\">Deutsch</button>"),
        "{switch}"
    );
    assert!(
        switch.contains("value=\"ko\" aria-pressed=\"false\">한국어</button>"),
        "{switch}"
    );
    assert!(
        !switch.contains("English"),
        "only the guideline's: {switch}"
    );
    // The tool's words in English, the guideline's in German.
    let page = s.get("/f/firm.toml/q/1");
    assert_eq!(page.status, 200, "{}", page.body);
    let text = visible(&page.body);
    for w in [
        "Save and continue",
        "1 question left",
        "Gibt es eine schriftliche Energiepolitik?",
        "Umwelt",
    ] {
        assert!(text.contains(w), "{w}: {text}");
    }
    assert!(!hangul(&text.replace("한국어", "")), "{text}");
    // The page is marked as German, the language of its questions (as the HTML report is).
    assert!(page.body.contains("<html lang=\"de\""), "{}", page.body);

    // Choosing Korean on the page is remembered, spelled as a tag; anything else is Korean.
    for (chosen, cookie) in [
        ("ko", "esg-lang=ko"),
        ("DE", "esg-lang=de"),
        ("x\"><b>", "esg-lang=ko"),
    ] {
        let r = s.post("/lang", &[("lang", chosen), ("back", "/")]);
        assert_eq!(r.status, 303);
        let set = r.header("set-cookie").unwrap();
        assert!(set.starts_with(&format!("{cookie};")), "{chosen}: {set}");
    }
    let korean = s.raw(
        "GET",
        "/f/firm.toml/q/1",
        &[
            ("Host", &s.host()),
            ("Cookie", &format!("{}; esg-lang=ko", s.cookie)),
        ],
        b"",
    );
    let text = visible(&korean.body);
    for w in ["문서로 된 에너지 방침이 있습니까?", "환경", "저장"] {
        assert!(text.contains(w), "{w}: {text}");
    }
    assert!(!text.contains("Energiepolitik"), "{text}");
    assert!(!text.contains("Save"), "{text}");
}

#[test]
fn serve_over_several_guidelines_offers_the_languages_of_each() {
    let (_d, path) = crate::serve::workdir("new.toml", None);
    let mut s = Served::start(&[
        "--guideline",
        "k-esg-sme",
        "--guideline",
        DE_KO,
        path.to_str().unwrap(),
    ]);
    s.login();
    let r = s.get("/");
    assert_eq!(r.status, 200, "{}", r.body);
    let switch = r
        .body
        .split("<form class=\"lang\"")
        .nth(1)
        .and_then(|f| f.split_once("</form>"))
        .map(|(f, _)| f.to_owned())
        .expect("a language switch");
    let offered: Vec<&str> = switch
        .split("name=\"lang\" value=\"")
        .skip(1)
        .filter_map(|b| b.split('"').next())
        .collect();
    assert_eq!(
        offered,
        ["ko", "en", "de"],
        "the first guideline's, then the others': {switch}"
    );
}
