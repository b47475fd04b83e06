//! What every request must show before it is answered, and the headers of every response.
//!
//! In order: the `Host` header must name this server (`127.0.0.1:PORT`, `localhost:PORT`), which
//! defeats DNS rebinding; the request must carry the session cookie, got by presenting the secret
//! of the printed URL (or the one-time secret of the opened URL) once, after which the browser is
//! sent to the same address without it; a POST must come from the server's own pages (its
//! `Origin` equal to the Host's origin, or, without an Origin, `Sec-Fetch-Site: same-origin`),
//! which defeats cross-site request forgery; a body is at most [`MAX_BODY`] bytes. GET never
//! changes anything. Every response says `nosniff`, may not be framed, is not cached, and HTML
//! comes with a Content-Security-Policy that allows only the page's own inline style and script,
//! by a nonce made for that response.

use std::sync::atomic::{AtomicBool, Ordering};

use axum::http::{HeaderMap, HeaderValue, Method, header};

/// The largest request body read, in bytes: a question's answer, evidence and note fit many
/// times over.
pub const MAX_BODY: usize = 64 * 1024;

/// Random bytes from the operating system, as lowercase hex.
pub fn random_hex(bytes: usize) -> std::io::Result<String> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

/// The secrets of one run of the server, 32 random bytes each.
#[derive(Debug)]
pub struct Secrets {
    /// In the printed URL; valid while the server runs.
    session: String,
    /// In the URL the browser is opened at; valid once.
    open: String,
    open_used: AtomicBool,
    /// The cookie that either secret is swapped for.
    cookie: String,
}

impl Secrets {
    pub(crate) fn new() -> std::io::Result<Secrets> {
        Ok(Secrets {
            session: random_hex(32)?,
            open: random_hex(32)?,
            open_used: AtomicBool::new(false),
            cookie: random_hex(32)?,
        })
    }

    pub(crate) fn session_token(&self) -> &str {
        &self.session
    }

    pub(crate) fn open_token(&self) -> &str {
        &self.open
    }

    /// Whether `token` is the session secret, or the one-time secret not used before (which this
    /// call uses up).
    pub(crate) fn accept_token(&self, token: &str) -> bool {
        if same(token, &self.session) {
            return true;
        }
        same(token, &self.open) && !self.open_used.swap(true, Ordering::SeqCst)
    }

    pub(crate) fn accept_cookie(&self, value: &str) -> bool {
        same(value, &self.cookie)
    }

    pub(crate) fn cookie(&self) -> &str {
        &self.cookie
    }
}

/// Compares two secrets in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The name of the session cookie: cookies are not kept apart by port, so two servers on one
/// machine each have their own.
#[must_use]
pub fn cookie_name(port: u16) -> String {
    format!("esg-{port}")
}

/// The value of cookie `name` in the request's `Cookie` headers.
#[must_use]
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Why a request is refused before it reaches a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The Host header names another server (DNS rebinding) or is missing.
    Host,
    /// No valid session cookie or secret.
    Secret,
    /// A change sent from another site's page, or with no sign of where it came from.
    Origin,
    /// A method the server does not take.
    Method,
    /// A body over [`MAX_BODY`].
    TooLarge,
}

/// Checks the Host header against the accepted values; returns it. With `port` (a server
/// listening beyond loopback), any IP address with that port is accepted too: a rebound DNS name
/// is always a name, never an address, so an address typed by a colleague is safe to accept.
pub(crate) fn host<'a>(
    headers: &'a HeaderMap,
    accepted: &[String],
    port: Option<u16>,
) -> Result<&'a str, Refusal> {
    let h = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .ok_or(Refusal::Host)?;
    if accepted.iter().any(|a| a.eq_ignore_ascii_case(h)) {
        return Ok(h);
    }
    if let Some(port) = port {
        if let Some((ip, p)) = h.rsplit_once(':') {
            let ip = ip.trim_start_matches('[').trim_end_matches(']');
            if p == port.to_string() && ip.parse::<std::net::IpAddr>().is_ok() {
                return Ok(h);
            }
        }
    }
    Err(Refusal::Host)
}

/// Checks where a change comes from: its Origin must be this server as the Host header names it;
/// without an Origin, the browser must say the request is same-origin.
pub(crate) fn origin(method: &Method, headers: &HeaderMap, host: &str) -> Result<(), Refusal> {
    if method == Method::GET || method == Method::HEAD {
        return Ok(());
    }
    if method != Method::POST {
        return Err(Refusal::Method);
    }
    match headers.get(header::ORIGIN).map(HeaderValue::to_str) {
        Some(Ok(o)) if o.eq_ignore_ascii_case(&format!("http://{host}")) => Ok(()),
        Some(_) => Err(Refusal::Origin),
        None => match headers.get("sec-fetch-site").map(HeaderValue::to_str) {
            Some(Ok("same-origin")) => Ok(()),
            _ => Err(Refusal::Origin),
        },
    }
}

/// The Content-Security-Policy of an HTML response whose inline `<style>` and `<script>` carry
/// `nonce`: nothing else runs or loads, forms post only here, and no other site may frame it.
#[must_use]
pub fn csp(nonce: &str) -> String {
    format!(
        "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; \
         img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; \
         object-src 'none'; frame-ancestors 'none'"
    )
}

/// Sets the headers every response carries; `nonce` for HTML.
pub(crate) fn harden(headers: &mut HeaderMap, nonce: Option<&str>) {
    let set = |h: &mut HeaderMap, k: &'static str, v: &str| {
        if let Ok(v) = HeaderValue::from_str(v) {
            h.insert(k, v);
        }
    };
    set(headers, "x-content-type-options", "nosniff");
    set(headers, "x-frame-options", "DENY");
    set(headers, "cache-control", "no-store");
    // Referer stays on this server only (never `no-referrer`: it is a fallback for checking).
    set(headers, "referrer-policy", "same-origin");
    set(headers, "cross-origin-opener-policy", "same-origin");
    set(headers, "cross-origin-resource-policy", "same-origin");
    match nonce {
        Some(n) => set(headers, "content-security-policy", &csp(n)),
        None => set(
            headers,
            "content-security-policy",
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn the_one_time_secret_works_once_and_the_session_secret_always() {
        let s = Secrets::new().unwrap();
        let open = s.open_token().to_owned();
        assert!(s.accept_token(&open));
        assert!(!s.accept_token(&open));
        let session = s.session_token().to_owned();
        assert!(s.accept_token(&session));
        assert!(s.accept_token(&session));
        assert!(!s.accept_token(""));
        assert!(!s.accept_token(&session[1..]));
        assert_eq!(s.session_token().len(), 64);
    }

    #[test]
    fn a_change_must_come_from_this_server() {
        let host = "127.0.0.1:8080";
        let post = Method::POST;
        let ok = headers(&[("origin", "http://127.0.0.1:8080")]);
        assert_eq!(origin(&post, &ok, host), Ok(()));
        let foreign = headers(&[("origin", "http://evil.example")]);
        assert_eq!(origin(&post, &foreign, host), Err(Refusal::Origin));
        let null = headers(&[("origin", "null")]);
        assert_eq!(origin(&post, &null, host), Err(Refusal::Origin));
        assert_eq!(origin(&post, &HeaderMap::new(), host), Err(Refusal::Origin));
        let fetch = headers(&[("sec-fetch-site", "same-origin")]);
        assert_eq!(origin(&post, &fetch, host), Ok(()));
        let cross = headers(&[("sec-fetch-site", "cross-site")]);
        assert_eq!(origin(&post, &cross, host), Err(Refusal::Origin));
        assert_eq!(origin(&Method::GET, &foreign, host), Ok(()));
        assert_eq!(origin(&Method::DELETE, &ok, host), Err(Refusal::Method));
    }

    #[test]
    fn only_this_servers_names_pass_the_host_check() {
        let accepted = vec!["127.0.0.1:8080".to_owned(), "localhost:8080".to_owned()];
        let h = headers(&[("host", "localhost:8080")]);
        assert_eq!(host(&h, &accepted, None), Ok("localhost:8080"));
        for bad in [
            "evil.example",
            "evil.example:8080",
            "127.0.0.1:8081",
            "127.0.0.1",
            "192.168.0.5:8080",
        ] {
            let h = headers(&[("host", bad)]);
            assert_eq!(host(&h, &accepted, None), Err(Refusal::Host), "{bad}");
        }
        assert_eq!(host(&HeaderMap::new(), &accepted, None), Err(Refusal::Host));
        // Listening beyond loopback: an address with the port passes, a name still does not.
        for good in ["192.168.0.5:8080", "[fe80::1]:8080", "10.0.0.2:8080"] {
            let h = headers(&[("host", good)]);
            assert_eq!(host(&h, &accepted, Some(8080)), Ok(good));
        }
        for bad in [
            "evil.example:8080",
            "192.168.0.5:8081",
            "192.168.0.5",
            "1.2.3.4.nip.io:8080",
        ] {
            let h = headers(&[("host", bad)]);
            assert_eq!(host(&h, &accepted, Some(8080)), Err(Refusal::Host), "{bad}");
        }
    }

    #[test]
    fn cookies_are_read_by_name() {
        let h = headers(&[("cookie", "a=1; esg-8080=abc; b=2")]);
        assert_eq!(cookie(&h, "esg-8080"), Some("abc"));
        assert_eq!(cookie(&h, "esg-8081"), None);
    }
}
