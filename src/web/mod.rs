//! `esg serve`: the questionnaire and the report in a browser, on a local web server.
//!
//! The parts: [`security`] checks every request before anything else (the Host header, the secret,
//! the Origin of a change, the size of a body) and sets the headers of every response (a strict
//! Content-Security-Policy with a fresh nonce); [`store`] reads and writes answers files (the same
//! comment-keeping atomic writer as `esg assess`, re-reading the file before each change and
//! refusing a change made on top of one it did not see); [`app`] maps each request to a page or a
//! save; [`pages`] holds the maud templates and [`assets`] the stylesheet and the small script.
//! The library never prints: [`Server::bind`] returns the address, the command prints it.

mod app;
mod assets;
mod pages;
pub mod security;
mod store;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use crate::guideline::Guideline;
use crate::text::Lang;

/// What is served: one firm's answers file, or a directory of them (a consultant's portfolio).
#[derive(Debug, Clone)]
pub enum Target {
    /// One answers file, created when the firm's name is first saved.
    File(PathBuf),
    /// A directory whose `*.toml` files are firms' answers files.
    Dir(PathBuf),
}

/// How the server is started.
#[derive(Debug)]
pub struct Config {
    pub target: Target,
    pub guideline: Guideline,
    /// The other guidelines a file's answers are for (`[[guideline]]`), asked after `guideline`,
    /// each from a page of its own; what they share with those before is answered already.
    pub also: Vec<Guideline>,
    /// The address to listen on (`127.0.0.1` unless the user says otherwise).
    pub host: String,
    /// 0 for a free port.
    pub port: u16,
    /// The language chosen on the command line, if any; else the browser's.
    pub lang: Option<Lang>,
    /// The current calendar year, for the default reporting year.
    pub this_year: i32,
}

/// The state every request sees.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) config: Config,
    pub(crate) secrets: security::Secrets,
    /// The `Host` header values accepted (`127.0.0.1:PORT`, `localhost:PORT`, ...).
    pub(crate) hosts: Vec<String>,
    pub(crate) port: u16,
    pub(crate) locks: store::Locks,
}

/// A bound server, not yet running.
impl State {
    /// The guideline a firm's pages ask: the first, or one of `also`.
    pub(crate) fn guideline_of(&self, firm: &app::Firm) -> &Guideline {
        firm.guideline
            .checked_sub(1)
            .and_then(|i| self.config.also.get(i))
            .unwrap_or(&self.config.guideline)
    }

    /// Every guideline served, in order.
    pub(crate) fn guidelines(&self) -> Vec<&Guideline> {
        std::iter::once(&self.config.guideline)
            .chain(&self.config.also)
            .collect()
    }
}

#[derive(Debug)]
pub struct Server {
    listener: tokio::net::TcpListener,
    state: Arc<State>,
}

impl Server {
    /// Binds the listening socket (inside a tokio runtime) and makes the secrets.
    pub async fn bind(config: Config) -> std::io::Result<Server> {
        let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await?;
        let port = listener.local_addr()?.port();
        let mut hosts = vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ];
        let own = if config.host.contains(':') && !config.host.starts_with('[') {
            format!("[{}]:{port}", config.host)
        } else {
            format!("{}:{port}", config.host)
        };
        if !hosts.contains(&own) {
            hosts.push(own);
        }
        let secrets = security::Secrets::new()?;
        Ok(Server {
            listener,
            state: Arc::new(State {
                config,
                secrets,
                hosts,
                port,
                locks: store::Locks::default(),
            }),
        })
    }

    /// The address listened on.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The URL to print: it carries the session's secret, which stays valid while the server runs.
    #[must_use]
    pub fn url(&self) -> String {
        format!(
            "{}/?token={}",
            self.base(),
            self.state.secrets.session_token()
        )
    }

    /// The URL to open in the browser: a one-time secret, swapped for a cookie on first use.
    #[must_use]
    pub fn open_url(&self) -> String {
        format!("{}/?token={}", self.base(), self.state.secrets.open_token())
    }

    fn base(&self) -> String {
        let host = &self.state.config.host;
        let host = if host == "0.0.0.0" || host == "::" {
            "127.0.0.1"
        } else {
            host
        };
        if host.contains(':') && !host.starts_with('[') {
            format!("http://[{host}]:{}", self.state.port)
        } else {
            format!("http://{host}:{}", self.state.port)
        }
    }

    /// Serves until `shutdown` completes, then lets requests under way finish.
    pub async fn run(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let state = self.state;
        let router = axum::Router::new()
            .fallback(move |req: axum::extract::Request| {
                let state = Arc::clone(&state);
                async move { app::handle(state, req).await }
            })
            // Bodies are read with their own limit ([`security::MAX_BODY`]).
            .layer(axum::extract::DefaultBodyLimit::disable());
        axum::serve(self.listener, router)
            .with_graceful_shutdown(shutdown)
            .await
    }
}

/// Whether an address given to `--host` keeps the server on this machine.
#[must_use]
pub fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}
