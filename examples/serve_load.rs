//! Load benchmark of `esg serve`: CLIENTS concurrent clients on loopback, each saving answers as
//! the page's script does (a form POST asking for JSON: the file re-read, the answer checked, the
//! file written atomically, the firm re-scored, the new score sent back), and the time of each
//! save from request to response. Reported: p50, p90, p99 and the slowest, and saves per second.
//!
//!     cargo run --release --example serve_load                  # 50 clients, 40 saves each
//!     CLIENTS=50 SAVES=100 cargo run --release --example serve_load
//!     SHARED=1 cargo run --release --example serve_load         # every client on one firm's file
//!     THINK_MS=250 cargo run --release --example serve_load     # each client pauses between saves
//!
//! With no pause (the default) every client saves again as soon as its answer comes back: the
//! server is saturated, and a save waits behind the others (queueing). THINK_MS paces each client
//! as a person (far faster than one) would.
//!
//! Each client has its own firm (a copy of examples/autoparts-120.toml in a directory served as a
//! portfolio), as a consultant's firms are; with SHARED=1 all clients save to one file, one after
//! the other (saves to one file are serialized). The run is bounded: at most CLIENTS x SAVES
//! saves, and it stops after LIMIT seconds (default 120) whatever is left.
#![allow(clippy::print_stdout)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use esg::web::{Config, Server, Target};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One keep-alive connection to the server.
struct Conn {
    reader: BufReader<TcpStream>,
    host: String,
    cookie: String,
}

impl Conn {
    fn new(port: u16, cookie: &str) -> Conn {
        let s = TcpStream::connect(("127.0.0.1", port)).expect("the server listens");
        s.set_nodelay(true).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        Conn {
            reader: BufReader::new(s),
            host: format!("127.0.0.1:{port}"),
            cookie: cookie.to_owned(),
        }
    }

    /// Sends one request and reads its response: (status, headers, body).
    fn send(&mut self, method: &str, path: &str, extra: &str, body: &str) -> (u16, String, String) {
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\nOrigin: http://{}\r\n{extra}Content-Length: {}\r\n\r\n",
            self.host,
            self.cookie,
            self.host,
            body.len()
        );
        let s = self.reader.get_mut();
        s.write_all(head.as_bytes()).unwrap();
        s.write_all(body.as_bytes()).unwrap();
        let mut status = String::new();
        self.reader.read_line(&mut status).unwrap();
        let code = status
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let mut headers = String::new();
        let mut length = 0;
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
            headers.push_str(&line);
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).unwrap();
        (code, headers, String::from_utf8_lossy(&body).into_owned())
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let clients = env("CLIENTS", 50).clamp(1, 500);
    let saves = env("SAVES", 40).clamp(1, 10_000);
    let limit = Duration::from_secs(env("LIMIT", 120) as u64);
    let shared = std::env::var_os("SHARED").is_some_and(|v| v == "1");
    let think = Duration::from_millis(env("THINK_MS", 0) as u64);

    let dir = tempfile::tempdir().unwrap();
    let example =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/autoparts-120.toml");
    let files = if shared { 1 } else { clients };
    for i in 0..files {
        std::fs::copy(&example, dir.path().join(format!("firm-{i:03}.toml"))).unwrap();
    }
    let guideline = esg::guideline::load_builtin("k-esg-sme").expect("the built-in guideline");
    let q = guideline
        .questions
        .iter()
        .position(|x| x.id == "permanent_employees")
        .expect("a number question");

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let server = runtime
        .block_on(Server::bind(Config {
            target: Target::Dir(dir.path().to_path_buf()),
            guideline,
            also: Vec::new(),
            host: "127.0.0.1".to_owned(),
            port: 0,
            lang: Some(esg::text::Lang::Ko),
            this_year: 2026,
        }))
        .expect("the server binds");
    let port = server.local_addr().unwrap().port();
    let url = server.url();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = std::thread::spawn(move || {
        runtime
            .block_on(server.run(async {
                let _ = stopped.await;
            }))
            .unwrap();
    });

    // The secret swapped for the cookie, once.
    let token_path = url.split_once(&format!(":{port}")).unwrap().1.to_owned();
    let mut login = Conn::new(port, "");
    let (code, headers, _) = login.send("GET", &token_path, "", "");
    assert_eq!(code, 303, "login");
    let cookie = headers
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .expect("a cookie")
        .to_owned();

    let start = Arc::new(Barrier::new(clients));
    let began = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|c| {
            let cookie = cookie.clone();
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                let file = format!("firm-{:03}.toml", if shared { 0 } else { c });
                let path = format!("/f/{file}/q/{q}");
                let mut conn = Conn::new(port, &cookie);
                let mut times = Vec::with_capacity(saves);
                let mut conflicts = 0;
                let page = |conn: &mut Conn| {
                    let (code, _, body) = conn.send("GET", &path, "", "");
                    assert_eq!(code, 200, "{body}");
                    let at = body.find("name=\"was\" value=\"").unwrap() + 18;
                    body[at..].split('"').next().unwrap().to_owned()
                };
                let mut was = page(&mut conn);
                start.wait();
                for i in 0..saves {
                    if began.elapsed() > limit {
                        break;
                    }
                    if !think.is_zero() {
                        // Clients start out of step, as people do.
                        let jitter = think.mul_f64(((c * 37 + i * 11) % 100) as f64 / 100.0);
                        std::thread::sleep(if i == 0 { jitter } else { think });
                    }
                    let body = format!("was={was}&value={}&act=save", 90 + (c + i) % 20);
                    let t = Instant::now();
                    let (code, _, reply) = conn.send(
                        "POST",
                        &path,
                        "Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                        &body,
                    );
                    let took = t.elapsed();
                    match code {
                        200 => {
                            times.push(took);
                            let v: serde_json::Value = serde_json::from_str(&reply).unwrap();
                            was = v["was"].as_str().unwrap().to_owned();
                        }
                        // Another client saved the same answer first (SHARED=1): read it again.
                        409 => {
                            conflicts += 1;
                            was = page(&mut conn);
                        }
                        other => panic!("save answered {other}: {reply}"),
                    }
                }
                (times, conflicts)
            })
        })
        .collect();
    let mut times = Vec::new();
    let mut conflicts = 0;
    for w in workers {
        let (t, c) = w.join().unwrap();
        times.extend(t);
        conflicts += c;
    }
    let wall = began.elapsed();
    let _ = stop.send(());
    running.join().unwrap();
    times.sort();
    println!(
        "esg serve, {clients} clients on loopback{}{}, {} saves (each: read, check, atomic write, re-score) in {:.2} s = {:.0} saves/s",
        if shared {
            ", one shared file"
        } else {
            ", one file each"
        },
        if think.is_zero() {
            String::new()
        } else {
            format!(", {} ms between saves", think.as_millis())
        },
        times.len(),
        wall.as_secs_f64(),
        times.len() as f64 / wall.as_secs_f64()
    );
    println!(
        "p50 {}  p90 {}  p99 {}  max {}{}",
        ms(percentile(&times, 50.0)),
        ms(percentile(&times, 90.0)),
        ms(percentile(&times, 99.0)),
        ms(times.last().copied().unwrap_or_default()),
        if conflicts > 0 {
            format!("  ({conflicts} saves refused as conflicts and retried)")
        } else {
            String::new()
        }
    );
}
