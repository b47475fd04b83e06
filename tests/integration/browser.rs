//! A real headless Chromium, driven over WebDriver (the OS packages `chromium` and
//! `chromium-driver`), for the tests of what `esg` shows in a browser: its HTML reports and the
//! pages of `esg serve`.
//!
//! [`Browser::start`] gives a fresh browser (its own empty profile) or, where Chromium or its
//! driver is not installed, `None` after saying so on standard error, so that the tests of a
//! machine without a browser skip them. `.ci/run` installs both and sets `ESG_REQUIRE_BROWSER=1`,
//! which turns a missing browser into a failure. One `chromedriver` serves every test of the run;
//! at most two browsers run at once.
//!
//! Besides the WebDriver client ([`Browser::client`], fantoccini), a test can read what the page
//! wrote to the console ([`Browser::console`]), every request the browser made
//! ([`Browser::requests`]), and keep a screenshot or a printed PDF under `target/screenshots/`
//! for people to look at.

#![allow(dead_code)] // each test module uses a part of the harness

use std::future::Future;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// How many browsers may run at once (the machine has two cores).
const AT_ONCE: usize = 2;

/// A headless Chromium with its own profile, closed when dropped.
pub struct Browser {
    /// The WebDriver client: `goto`, `find`, `execute`, `screenshot`, ...
    pub client: Client,
    runtime: tokio::runtime::Runtime,
    _profile: tempfile::TempDir,
    _turn: Turn,
}

/// A page size for [`Browser::start_sized`]: the window's inner width and height in CSS pixels.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

/// A desktop window.
pub const DESKTOP: Size = Size {
    width: 1280,
    height: 900,
};
/// A phone held upright.
pub const PHONE: Size = Size {
    width: 375,
    height: 812,
};

impl Browser {
    /// A browser at desktop size, or `None` (said on standard error) if this machine has none.
    pub fn start() -> Option<Browser> {
        Browser::start_sized(DESKTOP)
    }

    /// A browser whose pages are `size` wide and high. Below 600 pixels the browser emulates a
    /// phone (touch, a device pixel ratio of 1 so that screenshots stay small): as on a real
    /// phone, a page without `<meta name="viewport" content="width=device-width">` is laid out
    /// 980 pixels wide and shrunk.
    pub fn start_sized(size: Size) -> Option<Browser> {
        let driver = driver()?;
        let turn = Turn::take();
        let profile = tempfile::tempdir().expect("a temporary profile directory");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let caps = capabilities(profile.path(), size);
        let client = runtime
            .block_on(async {
                let connector = hyper_util::client::legacy::connect::HttpConnector::new();
                ClientBuilder::new(connector)
                    .capabilities(caps)
                    .connect(&driver.url)
                    .await
            })
            .unwrap_or_else(|e| panic!("chromedriver at {} gave no browser: {e}", driver.url));
        let browser = Browser {
            client,
            runtime,
            _profile: profile,
            _turn: turn,
        };
        // Start from a blank page, with the logs of the browser's own start-up page read away.
        browser.open("about:blank");
        browser.log("browser");
        browser.log("performance");
        Some(browser)
    }

    /// Runs `work` (usually an `async` block using [`Browser::client`]) to its end.
    pub fn block_on<F: Future>(&self, work: F) -> F::Output {
        self.runtime.block_on(work)
    }

    /// Opens `url` and waits until the page has loaded.
    pub fn open(&self, url: &str) {
        self.block_on(self.client.goto(url))
            .unwrap_or_else(|e| panic!("could not open {url}: {e}"));
    }

    /// Opens a file of this machine.
    pub fn open_file(&self, path: &Path) {
        let path = path.canonicalize().expect("the file exists");
        self.open(&format!("file://{}", path.display()));
    }

    /// Runs `script` in the page (its `return` is the result).
    pub fn eval(&self, script: &str) -> Value {
        self.block_on(self.client.execute(script, vec![]))
            .unwrap_or_else(|e| panic!("the script failed: {e}\n{script}"))
    }

    /// What the pages wrote to the console since the last call (and errors the browser reported
    /// for them: a script error, a resource that failed to load, a violated security policy), as
    /// `LEVEL message` lines.
    ///
    /// Chromium hands its console to the driver as events, which a busy machine may deliver a
    /// little after the page has loaded: the log is read, then read again after a round trip to
    /// the page and a moment's pause, and both readings are returned.
    pub fn console(&self) -> Vec<String> {
        let mut entries = self.log("browser");
        self.eval("return 0");
        std::thread::sleep(Duration::from_millis(200));
        entries.extend(self.log("browser"));
        entries
            .into_iter()
            .map(|e| {
                format!(
                    "{} {}",
                    e["level"].as_str().unwrap_or("?"),
                    e["message"].as_str().unwrap_or("")
                )
            })
            .collect()
    }

    /// The console lines of level SEVERE (errors) since the last call to `console` or `errors`.
    pub fn errors(&self) -> Vec<String> {
        self.console()
            .into_iter()
            .filter(|l| l.starts_with("SEVERE"))
            .collect()
    }

    /// Every URL the browser asked the network (or the file system) for since the last call:
    /// pages, styles, scripts, images, fonts, fetches, whether they succeeded or not. The
    /// browser's own pages (`chrome:`, `about:`) and `data:` URLs are left out.
    pub fn requests(&self) -> Vec<String> {
        self.log("performance")
            .into_iter()
            .filter_map(|e| {
                let message: Value = serde_json::from_str(e["message"].as_str()?).ok()?;
                let message = &message["message"];
                let url = message["params"]["request"]["url"].as_str()?;
                let own = ["chrome:", "chrome-untrusted:", "about:", "data:"]
                    .iter()
                    .any(|scheme| url.starts_with(scheme));
                (message["method"] == "Network.requestWillBeSent" && !own).then(|| url.to_owned())
            })
            .collect()
    }

    /// A PNG of what the window shows, kept as `target/screenshots/NAME.png`; returns its path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let png = self
            .block_on(self.client.screenshot())
            .expect("a screenshot");
        keep(&format!("{name}.png"), &png)
    }

    /// A PNG of the whole page (not only the window), kept as `target/screenshots/NAME.png`.
    pub fn screenshot_page(&self, name: &str) -> PathBuf {
        let height = self
            .eval("return Math.ceil(document.documentElement.scrollHeight)")
            .as_u64()
            .unwrap_or(900)
            .clamp(200, 20_000);
        let (width, old_height) = self
            .block_on(self.client.get_window_size())
            .expect("the window's size");
        self.block_on(self.client.set_window_size(width as u32, height as u32))
            .expect("the window resized");
        let path = self.screenshot(name);
        self.block_on(self.client.set_window_size(width as u32, old_height as u32))
            .expect("the window resized back");
        path
    }

    /// The page printed as the browser's "Save as PDF" prints it (A4 portrait, backgrounds
    /// printed), kept as `target/screenshots/NAME.pdf`; returns the PDF's bytes.
    pub fn print_pdf(&self, name: &str) -> Vec<u8> {
        let config = fantoccini::wd::PrintConfiguration::builder()
            .background(true)
            .shrink_to_fit(false)
            .build()
            .expect("a print configuration");
        let pdf = self
            .block_on(self.client.print(config))
            .expect("the page printed");
        keep(&format!("{name}.pdf"), &pdf);
        pdf
    }

    fn log(&self, kind: &str) -> Vec<Value> {
        let entries = self
            .block_on(self.client.issue_cmd(GetLog(kind.to_owned())))
            .unwrap_or_else(|e| panic!("chromedriver gave no {kind} log: {e}"));
        entries.as_array().cloned().unwrap_or_default()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let client = self.client.clone();
        let _ = self.runtime.block_on(client.close());
    }
}

/// The size of each page of a PDF that Chromium printed, in points (`/MediaBox` of each page
/// object; Chromium writes them uncompressed).
pub fn pdf_pages(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    text.split("/MediaBox")
        .skip(1)
        .filter_map(|rest| {
            let inside = rest.trim_start().strip_prefix('[')?.split(']').next()?;
            let n: Vec<f64> = inside
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            (n.len() == 4).then(|| (n[2] - n[0], n[3] - n[1]))
        })
        .collect()
}

/// Whether a page of `(width, height)` points is A4 portrait (210 x 297 mm), to within the
/// rounding Chromium applies.
pub fn is_a4((width, height): (f64, f64)) -> bool {
    (width - 595.28).abs() < 2.0 && (height - 841.89).abs() < 2.0
}

/// Writes `bytes` to `target/screenshots/NAME`, for people to look at after the tests.
fn keep(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = crate::common::root().join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("target/screenshots");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("the screenshot written");
    path
}

/// Chromium's log of one kind (`browser`: the console; `performance`: the DevTools events),
/// through chromedriver's log endpoint, which fantoccini has no call for.
#[derive(Debug)]
struct GetLog(String);

impl WebDriverCompatibleCommand for GetLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.expect("a session")
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": self.0 }).to_string()),
        )
    }
}

/// What Chromium is asked to be: headless, alone (no background connections, nothing from the
/// network that the page did not ask for), with a fresh profile, console and network logged.
fn capabilities(profile: &Path, size: Size) -> Capabilities {
    let args = vec![
        "--headless=new".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        "--disable-quic".to_owned(),
        "--no-first-run".to_owned(),
        "--no-default-browser-check".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--disable-extensions".to_owned(),
        "--hide-scrollbars".to_owned(),
        "--force-device-scale-factor=1".to_owned(),
        format!("--window-size={},{}", size.width, size.height),
        format!("--user-data-dir={}", profile.display()),
    ];
    let mut chrome = json!({ "binary": CHROMIUM, "args": args });
    if size.width < 600 {
        chrome["mobileEmulation"] = json!({
            "deviceMetrics": { "width": size.width, "height": size.height, "pixelRatio": 1.0, "touch": true },
        });
    }
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": chrome,
        "goog:loggingPrefs": { "browser": "ALL", "performance": "ALL" },
    });
    match caps {
        Value::Object(map) => map,
        _ => unreachable!(),
    }
}

/// The one chromedriver of this test run.
struct Driver {
    url: String,
    _process: Mutex<Child>,
}

/// Starts chromedriver once; `None` if Chromium or chromedriver is missing and no browser is
/// required.
#[allow(clippy::print_stderr)] // the note that the browser tests are skipped
fn driver() -> Option<&'static Driver> {
    static DRIVER: OnceLock<Option<Driver>> = OnceLock::new();
    DRIVER
        .get_or_init(|| {
            let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER]
                .into_iter()
                .filter(|p| !Path::new(p).exists())
                .collect();
            if !missing.is_empty() {
                let required = std::env::var_os("ESG_REQUIRE_BROWSER").is_some_and(|v| v == "1");
                assert!(
                    !required,
                    "ESG_REQUIRE_BROWSER=1 but {} is not installed (Debian: chromium chromium-driver)",
                    missing.join(" and ")
                );
                eprintln!(
                    "browser tests skipped: {} not installed (Debian packages chromium and chromium-driver)",
                    missing.join(" and ")
                );
                return None;
            }
            Some(start_driver())
        })
        .as_ref()
}

fn start_driver() -> Driver {
    let mut child = Command::new(CHROMEDRIVER)
        .args(["--port=0", "--allowed-ips=127.0.0.1"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    // chromedriver says "... was started successfully on port N." once it listens.
    let stdout = child.stdout.take().expect("chromedriver's output");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = std::io::BufReader::new(stdout).lines();
        for line in lines.by_ref().map_while(Result::ok) {
            if let Some(port) = line
                .split("started successfully on port ")
                .nth(1)
                .and_then(|rest| rest.trim_end_matches('.').trim().parse::<u16>().ok())
            {
                let _ = tx.send(port);
                break;
            }
        }
        // Keep reading so that chromedriver never blocks on a full pipe.
        for _ in lines {}
    });
    let port = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("chromedriver said which port it listens on");
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver never listened");
        std::thread::sleep(Duration::from_millis(50));
    }
    Driver {
        url,
        _process: Mutex::new(child),
    }
}

/// A turn to run a browser: at most [`AT_ONCE`] at a time.
struct Turn;

static RUNNING: Mutex<usize> = Mutex::new(0);
static FREED: Condvar = Condvar::new();

impl Turn {
    fn take() -> Turn {
        let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        while *running >= AT_ONCE {
            running = FREED.wait(running).unwrap_or_else(|e| e.into_inner());
        }
        *running += 1;
        Turn
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        *running -= 1;
        FREED.notify_one();
    }
}

// The harness's own checks: what it reports is what the page did.

/// A page that logs an error and asks for an image from elsewhere is seen doing both; a quiet
/// local page is seen doing neither.
#[test]
fn the_harness_sees_console_errors_and_requests() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let quiet = dir.path().join("quiet.html");
    std::fs::write(
        &quiet,
        "<!doctype html><html lang=ko><meta charset=utf-8><title>조용한 쪽</title><p>안녕하세요</p>",
    )
    .unwrap();
    let noisy = dir.path().join("noisy.html");
    std::fs::write(
        &noisy,
        "<!doctype html><meta charset=utf-8><title>noisy</title>\
         <img src=\"http://esg-test.invalid/pixel.png\" alt=\"\">\
         <script>console.error('deliberate failure')</script>",
    )
    .unwrap();

    browser.open_file(&quiet);
    assert_eq!(browser.eval("return document.title"), json!("조용한 쪽"));
    assert!(browser.errors().is_empty());
    let requests = browser.requests();
    assert!(
        requests.iter().all(|r| r.starts_with("file://")),
        "{requests:?}"
    );

    browser.open_file(&noisy);
    let mut errors = String::new();
    for _ in 0..50 {
        errors.push_str(&browser.errors().join("\n"));
        if errors.contains("deliberate failure") {
            break;
        }
    }
    assert!(errors.contains("deliberate failure"), "{errors}");
    let requests = browser.requests();
    assert!(
        requests.iter().any(|r| r.contains("esg-test.invalid")),
        "{requests:?}"
    );
}

/// Printing gives an A4 PDF, and a screenshot is a PNG, both kept under target/screenshots.
#[test]
fn the_harness_prints_and_takes_screenshots() {
    let Some(browser) = Browser::start_sized(PHONE) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        "<!doctype html><meta charset=utf-8>\
         <meta name=viewport content=\"width=device-width, initial-scale=1\">\
         <title>t</title><p>인쇄 시험</p>",
    )
    .unwrap();
    browser.open_file(&page);
    assert_eq!(browser.eval("return window.innerWidth"), json!(PHONE.width));
    let pdf = browser.print_pdf("harness-selftest");
    assert!(pdf.starts_with(b"%PDF-"));
    let pages = pdf_pages(&pdf);
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert!(pages.iter().all(|&page| is_a4(page)), "{pages:?}");
    let png = std::fs::read(browser.screenshot("harness-selftest")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
}
