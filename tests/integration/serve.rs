//! `esg serve` over HTTP: the real binary on a free port, asked by a plain HTTP/1.1 client that
//! can send any Host, Origin and Cookie (what a browser would never let a test forge). The
//! security checks (secret, Host, Origin, body size, headers and Content-Security-Policy), escaping
//! of hostile answer text, saving (comments kept, the file equal to what `esg score` reads), the
//! two-tabs conflict and a directory's firm pages.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::Duration;

use crate::common::{MINI, esg, process, root};

/// A running `esg serve`, stopped when dropped.
pub struct Served {
    child: Child,
    /// The address printed, with its secret.
    pub url: String,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    pub port: u16,
    /// The session cookie, once [`Served::login`] has swapped the secret for it.
    pub cookie: String,
}

impl Served {
    /// Starts `esg serve --no-open --port 0 ARGS` (from the package root) and reads the address
    /// it prints; fails if none comes within 60 s.
    pub fn start(args: &[&str]) -> Served {
        let mut cmd = process();
        cmd.args(["serve", "--no-open", "--port", "0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("esg serve starts");
        let stdout = child.stdout.take().expect("its output");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            for line in lines.by_ref().map_while(Result::ok) {
                if let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) {
                    let _ = tx.send(url.to_owned());
                    break;
                }
            }
            for _ in lines {}
        });
        let url = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(u) => u,
            Err(_) => {
                let _ = child.kill();
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                panic!("esg serve printed no address: {err}");
            }
        };
        let base = url.split("/?").next().unwrap().to_owned();
        let port = base.rsplit(':').next().unwrap().parse().unwrap();
        Served {
            child,
            url,
            base,
            port,
            cookie: String::new(),
        }
    }

    /// The `Host` header of this server.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Presents the secret of the printed address and keeps the cookie it is swapped for.
    pub fn login(&mut self) -> &mut Served {
        let path = self.url.trim_start_matches(&self.base).to_owned();
        let r = self.raw("GET", &path, &[("Host", &self.host())], b"");
        assert_eq!(r.status, 303, "{}", r.body);
        let set = r.header("set-cookie").expect("a cookie").to_owned();
        self.cookie = set.split(';').next().unwrap().to_owned();
        self
    }

    /// A GET with the session cookie.
    pub fn get(&self, path: &str) -> Resp {
        self.raw(
            "GET",
            path,
            &[("Host", &self.host()), ("Cookie", &self.cookie)],
            b"",
        )
    }

    /// A form POST from this server's own page (cookie and Origin).
    pub fn post(&self, path: &str, form: &[(&str, &str)]) -> Resp {
        let body = encode(form);
        let origin = self.base.clone();
        self.raw(
            "POST",
            path,
            &[
                ("Host", &self.host()),
                ("Cookie", &self.cookie),
                ("Origin", &origin),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            body.as_bytes(),
        )
    }

    /// One request with exactly these headers (a missing Host is not added).
    pub fn raw(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
        request(self.port, method, path, headers, body)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A form body, percent-encoded.
pub fn encode(form: &[(&str, &str)]) -> String {
    form.iter()
        .map(|(k, v)| format!("{}={}", pct(k), pct(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn pct(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A response: status, headers (names in lower case), body as text.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of the hidden `was` field of the page's form.
    pub fn was(&self) -> String {
        let at = self
            .body
            .find("name=\"was\" value=\"")
            .expect("a form with was")
            + 18;
        self.body[at..].split('"').next().unwrap().to_owned()
    }
}

/// A plain HTTP/1.1 request on a fresh connection, read to its end (bounded by a 60 s timeout).
fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("the server listens");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Resp {
        status,
        headers,
        body,
    }
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        s = &rest[n + 2..];
    }
    out
}

/// A fresh directory holding `name`, a copy of fixture `from` (or nothing).
pub fn workdir(name: &str, from: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    if let Some(f) = from {
        std::fs::copy(root().join(f), &path).unwrap();
    }
    (dir, path)
}

/// A mini answers file with comments, for the save tests.
const COMMENTED: &str = "# Our answers, kept by hand as well.\n\
[guideline]\nid = \"mini\"\nversion = \"1.0.0\"\n\n\
[firm]\nname = \"주식회사 한빛\"\nreporting_year = 2024\n\n\
[answers]\n# the board met four times\nhas_board = true\npolicy = false # to be written\n";

fn serve_file(path: &Path) -> Served {
    let mut s = Served::start(&["--guideline", MINI, path.to_str().unwrap()]);
    s.login();
    s
}

fn firm(path: &Path) -> String {
    format!(
        "/f/{}",
        path.file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .replace(' ', "%20")
    )
}

#[test]
fn every_request_needs_the_secret() {
    let (_d, path) = workdir("a.toml", None);
    let s = Served::start(&["--guideline", MINI, path.to_str().unwrap()]);
    let host = s.host();
    // No cookie, no secret.
    let r = s.raw("GET", "/", &[("Host", &host)], b"");
    assert_eq!(r.status, 403);
    // A wrong secret, and the right one's prefix.
    let good = s.url.split("token=").nth(1).unwrap().to_owned();
    for bad in ["0".repeat(64), good[..63].to_owned(), String::new()] {
        let r = s.raw("GET", &format!("/?token={bad}"), &[("Host", &host)], b"");
        assert_eq!(r.status, 403, "token {bad}");
        assert!(r.header("set-cookie").is_none());
    }
    // A made-up cookie.
    let cookie = format!("esg-{}={}", s.port, "a".repeat(64));
    let r = s.raw("GET", "/", &[("Host", &host), ("Cookie", &cookie)], b"");
    assert_eq!(r.status, 403);
    // The secret is swapped for an HttpOnly, SameSite=Strict cookie and a clean address.
    let r = s.raw("GET", &format!("/?token={good}"), &[("Host", &host)], b"");
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/"));
    let set = r.header("set-cookie").unwrap();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    let cookie = set.split(';').next().unwrap();
    let r = s.raw("GET", "/", &[("Host", &host), ("Cookie", cookie)], b"");
    assert_eq!(r.status, 200, "{}", r.body);
    // The printed secret stays valid while the server runs (it can be opened again).
    let r = s.raw("GET", &format!("/?token={good}"), &[("Host", &host)], b"");
    assert_eq!(r.status, 303);
    // A secret sent with a POST is refused (it is only swapped on GET).
    let r = s.raw(
        "POST",
        &format!("/lang?token={good}"),
        &[("Host", &host), ("Origin", &s.base)],
        b"lang=en",
    );
    assert_eq!(r.status, 403);
}

#[test]
fn a_foreign_host_is_refused_first() {
    let (_d, path) = workdir("a.toml", None);
    let s = serve_file(&path);
    let good = s.url.split("token=").nth(1).unwrap().to_owned();
    for host in [
        "evil.example".to_owned(),
        format!("evil.example:{}", s.port),
        format!("127.0.0.1:{}", s.port + 1),
        "127.0.0.1".to_owned(),
    ] {
        // Even with a valid cookie and secret: a rebound DNS name never reaches a page.
        let r = s.raw("GET", "/", &[("Host", &host), ("Cookie", &s.cookie)], b"");
        assert_eq!(r.status, 403, "{host}");
        let r = s.raw("GET", &format!("/?token={good}"), &[("Host", &host)], b"");
        assert_eq!(r.status, 403, "{host}");
        assert!(r.header("set-cookie").is_none());
    }
    let r = s.raw("GET", "/", &[("Cookie", &s.cookie)], b"");
    assert_eq!(r.status, 403, "no Host");
    let local = format!("localhost:{}", s.port);
    let r = s.raw("GET", "/", &[("Host", &local), ("Cookie", &s.cookie)], b"");
    assert_eq!(r.status, 200);
}

#[test]
fn a_change_from_another_site_is_refused() {
    let (_d, path) = workdir("a.toml", None);
    std::fs::write(&path, COMMENTED).unwrap();
    let s = serve_file(&path);
    let page = s.get(&format!("{}/q/5", firm(&path)));
    assert_eq!(page.status, 200);
    let was = page.was();
    let body = encode(&[("was", &was), ("value", "yes")]);
    let host = s.host();
    let cases: Vec<Vec<(&str, &str)>> = vec![
        vec![("Origin", "http://evil.example")],
        vec![("Origin", "null")],
        vec![("Origin", "https://127.0.0.1")],
        vec![],
        vec![("Sec-Fetch-Site", "cross-site")],
        vec![("Sec-Fetch-Site", "same-site")],
    ];
    for extra in cases {
        let mut h = vec![
            ("Host", host.as_str()),
            ("Cookie", s.cookie.as_str()),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ];
        h.extend(extra.iter().copied());
        let r = s.raw("POST", &format!("{}/q/5", firm(&path)), &h, body.as_bytes());
        assert_eq!(r.status, 403, "{extra:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), COMMENTED);
    }
    // Without an Origin, the browser's word that the request is same-origin will do.
    let h = [
        ("Host", host.as_str()),
        ("Cookie", s.cookie.as_str()),
        ("Sec-Fetch-Site", "same-origin"),
        ("Content-Type", "application/x-www-form-urlencoded"),
    ];
    let r = s.raw("POST", &format!("{}/q/5", firm(&path)), &h, body.as_bytes());
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("policy = true")
    );
    // Other methods are not taken; GET changes nothing.
    let r = s.raw(
        "PUT",
        &format!("{}/q/5", firm(&path)),
        &[("Host", &host), ("Cookie", &s.cookie), ("Origin", &s.base)],
        body.as_bytes(),
    );
    assert_eq!(r.status, 405);
    let before = std::fs::read_to_string(&path).unwrap();
    let r = s.get(&format!("{}/q/5?was={was}&value=no&act=save", firm(&path)));
    assert_eq!(r.status, 200);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn bodies_are_bounded() {
    let (_d, path) = workdir("a.toml", None);
    std::fs::write(&path, COMMENTED).unwrap();
    let s = serve_file(&path);
    let big = "x".repeat(200 * 1024);
    let r = s.post(&format!("{}/q/6", firm(&path)), &[("note", &big)]);
    assert_eq!(r.status, 413);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), COMMENTED);
}

/// Every page a firm sees, for the header and markup checks.
fn pages(path: &Path) -> Vec<String> {
    let f = firm(path);
    let mut p = vec![
        "/".to_owned(),
        format!("{f}/"),
        format!("{f}/firm"),
        format!("{f}/review"),
        format!("{f}/report"),
    ];
    // Every kind: yes/no, choice, multi, series, number, integer.
    for q in [0, 1, 2, 3, 4, 6, 7] {
        p.push(format!("{f}/q/{q}"));
    }
    p
}

#[test]
fn every_page_has_a_strict_policy_and_no_style_attribute() {
    let (_d, path) = workdir("a.toml", None);
    std::fs::write(&path, COMMENTED).unwrap();
    let s = serve_file(&path);
    for page in pages(&path) {
        let r = s.get(&page);
        assert_eq!(r.status, 200, "{page}");
        let csp = r.header("content-security-policy").expect("a CSP");
        for part in [
            "default-src 'none'",
            "base-uri 'none'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ] {
            assert!(csp.contains(part), "{page}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"));
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|n| n.split('\'').next())
            .expect("a nonce");
        assert!(nonce.len() >= 32, "a 128-bit nonce");
        // Every inline style and script carries this response's nonce; none is without.
        for tag in ["<style", "<script"] {
            let n = r.body.matches(tag).count();
            assert!(n >= 1, "{page}: {tag}");
            assert_eq!(
                r.body.matches(&format!("{tag} nonce=\"{nonce}\"")).count(),
                n,
                "{page}: {tag} without the nonce"
            );
        }
        assert!(!r.body.contains("style=\""), "{page}: a style attribute");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert!(r.header("access-control-allow-origin").is_none());
        assert!(
            r.header("content-type")
                .is_some_and(|c| c.starts_with("text/html"))
        );
    }
    // A fresh nonce per response.
    let a = s.get("/");
    let b = s.get("/");
    assert_ne!(
        a.header("content-security-policy"),
        b.header("content-security-policy")
    );
}

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";

/// Whether `body` holds hostile text unescaped.
fn injected(body: &str) -> bool {
    body.contains("<script>alert") || body.contains("<img src=x")
}

#[test]
fn hostile_answer_text_comes_back_escaped() {
    let (_d, path) = workdir("a.toml", None);
    let s = serve_file(&path);
    let f = firm(&path);
    let r = s.get(&format!("{f}/firm"));
    let name = format!("{SCRIPT}{IMG}");
    let r = s.post(
        &format!("{f}/firm"),
        &[("was", &r.was()), ("name", &name), ("year", "2024")],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    // A note and evidence on one question, a reason on another.
    let q = s.get(&format!("{f}/q/1"));
    let evidence = format!("{IMG}\n{SCRIPT}");
    let r = s.post(
        &format!("{f}/q/1"),
        &[
            ("was", &q.was()),
            ("value", "1"),
            ("evidence", &evidence),
            ("note", &name),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let q = s.get(&format!("{f}/q/3"));
    let r = s.post(
        &format!("{f}/q/3"),
        &[("was", &q.was()), ("act", "na"), ("reason", &name)],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    // The text is kept exactly in the file...
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("<script>alert(1)</script>"), "{saved}");
    // ...and escaped on every page.
    for page in pages(&path) {
        let r = s.get(&page);
        // A question no longer asked (its answers rule it out) sends the browser on.
        assert!(r.status == 200 || r.status == 303, "{page}");
        assert!(!injected(&r.body), "{page} holds the text unescaped");
    }
    let review = s.get(&format!("{f}/review")).body;
    assert!(review.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(review.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    // Also where a typed value is shown back with an error beside it.
    let q = s.get(&format!("{f}/q/6"));
    let r = s.post(
        &format!("{f}/q/6"),
        &[("was", &q.was()), ("value", IMG), ("note", SCRIPT)],
    );
    assert_eq!(r.status, 422);
    assert!(!injected(&r.body));
}

#[test]
fn a_save_keeps_comments_and_equals_what_esg_score_reads() {
    let (_d, path) = workdir("a.toml", None);
    std::fs::write(&path, COMMENTED).unwrap();
    let s = serve_file(&path);
    let f = firm(&path);
    // The script's save: JSON back, with the new score.
    let q = s.get(&format!("{f}/q/6"));
    let body = encode(&[
        ("was", &q.was()),
        ("value", "12.5"),
        ("evidence", "HR report 2024"),
    ]);
    let r = s.raw(
        "POST",
        &format!("{f}/q/6"),
        &[
            ("Host", &s.host()),
            ("Cookie", &s.cookie),
            ("Origin", &s.base),
            ("Accept", "application/json"),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        body.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let live: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(live["ok"], true);
    // A plain form's save: redirected to the next question not answered.
    let q = s.get(&format!("{f}/q/1"));
    let r = s.post(&format!("{f}/q/1"), &[("was", &q.was()), ("value", "2")]);
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some(format!("{f}/q/2").as_str()));
    let saved = std::fs::read_to_string(&path).unwrap();
    for kept in [
        "# Our answers, kept by hand as well.",
        "# the board met four times",
        "policy = false # to be written",
    ] {
        assert!(saved.contains(kept), "{kept} lost:\n{saved}");
    }
    assert!(saved.contains("targets = \"long\""), "{saved}");
    assert!(saved.contains("HR report 2024"), "{saved}");
    // What the page shows is what `esg score` reads from the file.
    let out = esg()
        .args(["score", "--guideline", MINI, "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let card: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let total = card["total"].as_f64().expect("a total");
    let page = s.get(&format!("{f}/q/2"));
    let shown = page
        .body
        .split("id=\"live-total\">")
        .nth(1)
        .and_then(|t| t.split('<').next())
        .unwrap()
        .to_owned();
    assert_eq!(shown, esg::text::number(total, 1));
    // The report page holds the very report `esg score --format html` writes.
    let report = s.get(&format!("{f}/report"));
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
        .arg(&path)
        .output()
        .unwrap();
    let file_html = String::from_utf8(out.stdout).unwrap();
    let article = |page: &str| {
        let start = page.find("<article").expect("an article");
        let end = page.rfind("</article>").expect("its end");
        page[start..end].to_owned()
    };
    assert_eq!(article(&report.body), article(&file_html));
    // Its stylesheet is allowed by the response's nonce.
    let csp = report.header("content-security-policy").unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(report.body.contains(&format!("<style nonce=\"{nonce}\">")));
    assert!(!report.body.contains("style=\""));
}

#[test]
fn two_tabs_editing_one_answer_cannot_overwrite_each_other() {
    let (_d, path) = workdir("a.toml", None);
    std::fs::write(&path, COMMENTED).unwrap();
    let s = serve_file(&path);
    let f = firm(&path);
    let tab_a = s.get(&format!("{f}/q/6"));
    let tab_b = s.get(&format!("{f}/q/6"));
    let r = s.post(
        &format!("{f}/q/6"),
        &[("was", &tab_a.was()), ("value", "11")],
    );
    assert_eq!(r.status, 303);
    // The later save, made on what tab B saw, is refused; both answers are on the page.
    let r = s.post(
        &format!("{f}/q/6"),
        &[
            ("was", &tab_b.was()),
            ("value", "22"),
            ("note", "from tab B"),
        ],
    );
    assert_eq!(r.status, 409);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("turnover = 11"), "{saved}");
    assert!(!saved.contains("22"));
    let theirs = r
        .body
        .split("class=\"theirs\"")
        .nth(1)
        .expect("the file's answer shown");
    let theirs = theirs.split("</div>").next().unwrap();
    assert!(theirs.contains("11"), "{theirs}");
    assert!(
        r.body.contains("value=\"22\""),
        "tab B's answer kept in the form"
    );
    assert!(r.body.contains("from tab B"));
    // Saving again from the conflict page keeps tab B's answer: it was seen.
    let r = s.post(
        &format!("{f}/q/6"),
        &[("was", &r.was()), ("value", "22"), ("note", "from tab B")],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(std::fs::read_to_string(&path).unwrap().contains("22"));
    // The script's save gets 409 too.
    let r = s.raw(
        "POST",
        &format!("{f}/q/6"),
        &[
            ("Host", &s.host()),
            ("Cookie", &s.cookie),
            ("Origin", &s.base),
            ("Accept", "application/json"),
        ],
        encode(&[("was", &tab_a.was()), ("value", "33")]).as_bytes(),
    );
    assert_eq!(r.status, 409);
}

#[test]
fn typed_numbers_are_checked_as_the_terminal_checks_them() {
    let (_d, path) = workdir("a.toml", None);
    std::fs::write(&path, COMMENTED).unwrap();
    let s = serve_file(&path);
    let f = firm(&path);
    let q = s.get(&format!("{f}/q/6"));
    let r = s.post(&format!("{f}/q/6"), &[("was", &q.was()), ("value", "1,5")]);
    assert_eq!(r.status, 422);
    assert!(
        r.body
            .contains("쉼표는 12,345처럼 세 자리마다 끊을 때만 씁니다"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("value=\"1,5\""),
        "what was typed stays in the field"
    );
    let r = s.post(&format!("{f}/q/6"), &[("was", &q.was()), ("value", "120")]);
    assert_eq!(r.status, 422);
    assert!(r.body.contains("너무 큽니다"));
    let r = s.post(
        &format!("{f}/q/3"),
        &[
            ("was", &s.get(&format!("{f}/q/3")).was()),
            ("act", "na"),
            ("reason", " "),
        ],
    );
    assert_eq!(r.status, 422);
    assert!(r.body.contains("해당 없는 이유를 적어 주십시오"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), COMMENTED);
}

#[test]
fn a_directory_serves_only_its_own_answers_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("firms");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("hanbit.toml"), COMMENTED).unwrap();
    std::fs::create_dir(d.join("sub")).unwrap();
    std::fs::write(d.join("sub/inner.toml"), COMMENTED).unwrap();
    std::fs::write(dir.path().join("outside.toml"), COMMENTED).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("outside.toml"), d.join("link.toml")).unwrap();
    let mut s = Served::start(&["--guideline", MINI, d.to_str().unwrap()]);
    s.login();
    let list = s.get("/");
    assert_eq!(list.status, 200);
    assert!(list.body.contains("주식회사 한빛"));
    assert!(!list.body.contains("inner.toml") && !list.body.contains("link.toml"));
    assert_eq!(s.get("/f/hanbit.toml/").status, 200);
    for bad in [
        "/f/..%2Foutside.toml/",
        "/f/../outside.toml/",
        "/f/%2E%2E%2Foutside.toml/",
        "/f/sub%2Finner.toml/",
        "/f/sub/inner.toml/",
        "/f/link.toml/",
        "/f/link.toml/report",
        "/f/.hidden.toml/",
        "/f/hanbit.toml%00/",
        "/f/%2Fetc%2Fpasswd/",
    ] {
        assert_eq!(s.get(bad).status, 404, "{bad}");
    }
    // Adding a firm: a new file with a safe name, never over another.
    let r = s.post("/add", &[("name", "../주식회사 한빛/<x>")]);
    assert_eq!(r.status, 303, "{}", r.body);
    let to = r.header("location").unwrap().to_owned();
    let added: Vec<String> = std::fs::read_dir(&d)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".toml") && n != "hanbit.toml" && n != "link.toml")
        .collect();
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(!added[0].contains(['/', '<', '>']));
    assert_eq!(s.get(&to).status, 200);
    let again = s.post("/add", &[("name", "../주식회사 한빛/<x>")]);
    assert_eq!(again.status, 303);
    assert_ne!(again.header("location"), Some(to.as_str()));
    assert_eq!(
        std::fs::read_to_string(d.join("hanbit.toml")).unwrap(),
        COMMENTED
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("outside.toml")).unwrap(),
        COMMENTED
    );
}

#[test]
fn the_browsers_language_is_followed_and_the_choice_remembered() {
    let (_d, path) = workdir("a.toml", None);
    std::fs::write(&path, COMMENTED.replace("주식회사 한빛", "Hanbit Ltd")).unwrap();
    let s = serve_file(&path);
    let hangul = |t: &str| t.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    let english = [
        ("Host", s.host()),
        ("Cookie", s.cookie.clone()),
        ("Accept-Language", "en-US,en;q=0.9,ko;q=0.8".to_owned()),
    ];
    let h: Vec<(&str, &str)> = english.iter().map(|(k, v)| (*k, v.as_str())).collect();
    for page in pages(&path) {
        let r = s.raw("GET", &page, &h, b"");
        assert_eq!(r.status, 200, "{page}");
        assert!(r.body.contains("<html lang=\"en\""), "{page}");
        // The language switch names Korean in Korean; nothing else is Korean.
        let without_switch: String = r
            .body
            .split("<form class=\"lang\"")
            .map(|part| part.split_once("</form>").map_or(part, |(_, rest)| rest))
            .collect();
        // Text a person reads: not the stylesheet's font names, nor the script.
        let no_style: String = without_switch
            .split("<style")
            .map(|part| part.split_once("</style>").map_or(part, |(_, rest)| rest))
            .collect();
        let visible: String = no_style
            .split('<')
            .map(|p| p.split_once('>').map_or("", |(_, text)| text))
            .collect();
        assert!(
            !hangul(&visible),
            "{page}: Korean in an English page: {visible}"
        );
    }
    // The browser prefers Korean: Korean pages.
    let r = s.raw(
        "GET",
        "/",
        &[
            ("Host", &s.host()),
            ("Cookie", &s.cookie),
            ("Accept-Language", "ko-KR,ko;q=0.9,en;q=0.5"),
        ],
        b"",
    );
    assert!(r.body.contains("<html lang=\"ko\""));
    // Switching on the page is remembered over the browser's language, and brings the page back.
    let r = s.post(
        "/lang",
        &[("lang", "ko"), ("back", "/f/a.toml/q/6?from=review")],
    );
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/f/a.toml/q/6?from=review"));
    let set = r
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let cookies = format!("{}; {set}", s.cookie);
    let r = s.raw(
        "GET",
        "/",
        &[
            ("Host", &s.host()),
            ("Cookie", &cookies),
            ("Accept-Language", "en"),
        ],
        b"",
    );
    assert!(r.body.contains("<html lang=\"ko\""));
    // Only a path on this server is gone back to.
    for away in ["//evil.example/", "https://evil.example/", "\\\\evil"] {
        let r = s.post("/lang", &[("lang", "en"), ("back", away)]);
        assert_eq!(r.header("location"), Some("/"), "{away}");
    }
}
