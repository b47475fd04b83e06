//! What the command-line tests share: the `esg` binary in a fixed environment, and the test
//! guideline with its worked example.

use std::path::Path;

use assert_cmd::Command;

/// The small test guideline every CLI test scores against.
pub const MINI: &str = "tests/fixtures/guidelines/mini";
/// The worked example of `docs/scoring.md`, answered against [`MINI`].
pub const WORKED: &str = "tests/fixtures/answers/mini-worked.toml";

/// The package root, where the paths above start.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `esg` binary as a plain process, run from the package root in a fixed environment: no
/// locale, no colour, 100 columns. For what `assert_cmd` cannot drive: a pseudo-terminal, a pipe
/// closed early, a process killed mid-way.
pub fn process() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_esg"));
    cmd.current_dir(root())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("SOURCE_DATE_EPOCH", "1767225600");
    cmd
}

/// [`process`] as an `assert_cmd` command: what most tests run.
pub fn esg() -> Command {
    Command::from_std(process())
}

/// `esg ARGS`, which must succeed: its standard output.
pub fn out(args: &[&str]) -> String {
    let o = esg().args(args).output().unwrap();
    assert!(
        o.status.success(),
        "esg {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// Fails unless `json` is valid against the published schema of what `esg` writes: `scorecard`
/// (`esg score --format json`) or `portfolio-row` (a line of `esg score DIR --format json`).
pub fn assert_schema(which: &str, json: &serde_json::Value) {
    use std::sync::OnceLock;
    static SCORECARD: OnceLock<jsonschema::Validator> = OnceLock::new();
    static ROW: OnceLock<jsonschema::Validator> = OnceLock::new();
    let validator = match which {
        "scorecard" => SCORECARD.get_or_init(|| {
            jsonschema::validator_for(&esg::schema::scorecard()).expect("the schema compiles")
        }),
        "portfolio-row" => ROW.get_or_init(|| {
            jsonschema::validator_for(&esg::schema::portfolio_row()).expect("the schema compiles")
        }),
        other => panic!("no schema {other}"),
    };
    let errors: Vec<String> = validator
        .iter_errors(json)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "not a valid {which}:\n{}",
        errors.join("\n")
    );
}

/// Parses `esg score --format json` output and checks it against the scorecard schema.
pub fn scorecard_json(text: &str) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_str(text).expect("a scorecard is JSON");
    assert_schema("scorecard", &v);
    v
}

/// Parses the JSON Lines of a portfolio and checks each line against the portfolio-row schema.
pub fn portfolio_json(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("each line is JSON");
            assert_schema("portfolio-row", &v);
            v
        })
        .collect()
}

/// `esg` in a pseudo-terminal, for `esg assess`: what it printed so far, and the screen a
/// terminal shows for it (a `vt100` emulator fed every byte read).
#[cfg(unix)]
pub mod pty {
    use std::num::NonZeroU16;
    use std::path::{Path, PathBuf};
    use std::time::Duration;

    use expectrl::process::unix::WaitStatus;
    use expectrl::session::OsSession;
    use expectrl::{Eof, Expect, Needle, Regex, Session};

    pub const DOWN: &str = "\x1b[B";
    pub const ESC: &str = "\x1b";
    pub const BACKSPACE: &str = "\x7f";

    /// The test guideline's directory, as an absolute path.
    pub fn mini_dir() -> PathBuf {
        super::root().join(super::MINI)
    }

    /// The `esg` command run in `dir` with a fixed environment: no colour, 100 columns for what
    /// is not a terminal, and 2025-01-04 as today (the default reporting year is 2024).
    pub fn command(dir: &Path, args: &[&str]) -> std::process::Command {
        let mut cmd = super::process();
        cmd.args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env("COLUMNS", "100")
            .env("SOURCE_DATE_EPOCH", "1736000000");
        cmd
    }

    /// Starts `cmd` in a new pseudo-terminal of `cols` × `rows`, sized before the program starts.
    /// A size set once the program runs reaches it as a resize, which redraws the screen at a
    /// moment the test does not choose; and `expectrl` gives every new terminal 80 × 24 from its
    /// own side at a moment of its own. So the terminal is sized here after `spawn` returns, and
    /// a shell in it waits until it sees that size before it becomes the program.
    pub fn spawn_sized(cmd: std::process::Command, cols: u16, rows: u16) -> OsSession {
        let mut sh = std::process::Command::new("/bin/sh");
        sh.arg("-c")
            .arg(
                r#"i=0; while [ "$(stty size)" != "$2 $1" ] && [ $i -lt 3000 ]; do sleep 0.01; i=$((i+1)); done; shift 2; exec "$@""#,
            )
            .arg("sh")
            .arg(cols.to_string())
            .arg(rows.to_string())
            .arg(cmd.get_program())
            .args(cmd.get_args());
        if let Some(dir) = cmd.get_current_dir() {
            sh.current_dir(dir);
        }
        for (key, value) in cmd.get_envs() {
            match value {
                Some(value) => sh.env(key, value),
                None => sh.env_remove(key),
            };
        }
        let mut session = Session::spawn(sh).expect("spawn esg in a pty");
        session
            .get_process_mut()
            .set_window_size(cols, rows)
            .unwrap();
        session.set_expect_timeout(Some(Duration::from_secs(60)));
        session
    }

    /// A running `esg` in a pseudo-terminal of a given size.
    pub struct Pty {
        session: OsSession,
        seen: Vec<u8>,
        screen: vt100::Parser,
    }

    fn size(n: u16) -> NonZeroU16 {
        NonZeroU16::new(n).expect("a size is not 0")
    }

    impl Pty {
        /// Starts `esg` with `args` in `dir`, in a terminal of `cols` × `rows`. Every wait is
        /// generous: the machine may be busy.
        pub fn spawn(dir: &Path, args: &[&str], cols: u16, rows: u16) -> Pty {
            let session = spawn_sized(command(dir, args), cols, rows);
            Pty {
                session,
                seen: Vec::new(),
                screen: vt100::Parser::new(size(rows), size(cols), 0),
            }
        }

        /// `esg assess` of the test guideline on `a.toml` in `dir`, in `lang`.
        pub fn mini(dir: &Path, lang: &str, cols: u16, rows: u16) -> Pty {
            let g = mini_dir();
            Pty::spawn(
                dir,
                &[
                    "assess",
                    "--lang",
                    lang,
                    "--guideline",
                    g.to_str().unwrap(),
                    "--answers",
                    "a.toml",
                ],
                cols,
                rows,
            )
        }

        fn wait<N: Needle>(&mut self, needle: N, what: &str) {
            match self.session.expect(needle) {
                Ok(found) => {
                    self.seen.extend_from_slice(found.before());
                    self.screen.process(found.before());
                    // The whole match (the others are its groups).
                    if let Some(m) = found.matches().next() {
                        self.seen.extend_from_slice(m);
                        self.screen.process(m);
                    }
                }
                Err(e) => panic!(
                    "waiting for {what:?}: {e}\n--- screen:\n{}\n--- printed:\n{}",
                    self.screen(),
                    self.seen()
                ),
            }
        }

        /// Waits until `needle` is printed.
        pub fn expect(&mut self, needle: &str) {
            self.wait(needle, needle);
        }

        /// Waits until a match of the regular expression `re` is printed.
        pub fn expect_regex(&mut self, re: &str) {
            self.wait(Regex(re), re);
        }

        /// Waits until the prompt's key hints are printed: the prompt takes keys.
        pub fn prompt(&mut self) {
            self.expect_regex("Esc (menu|메뉴|cancel|취소|back|마지막|질문으로)");
        }

        pub fn send(&mut self, keys: &str) {
            self.session.send(keys).unwrap();
        }

        /// Waits for `needle`, then for the prompt after it, then types `keys`.
        pub fn answer(&mut self, needle: &str, keys: &str) {
            self.expect(needle);
            self.prompt();
            self.send(keys);
        }

        /// Resizes the terminal (the program gets SIGWINCH) and its emulated screen.
        pub fn resize(&mut self, cols: u16, rows: u16) {
            self.screen.screen_mut().set_size(size(rows), size(cols));
            self.session
                .get_process_mut()
                .set_window_size(cols, rows)
                .unwrap();
        }

        /// The rows of the screen as a terminal shows them now.
        pub fn screen(&self) -> String {
            self.screen.screen().contents()
        }

        /// The screen's rows, each as shown.
        pub fn rows(&self) -> Vec<String> {
            let (_, cols) = self.screen.screen().size();
            self.screen.screen().rows(0, cols.get()).collect()
        }

        /// How many rows of the screen ran past its last column and went on in the next row
        /// (text the program did not wrap itself, cut wherever the edge fell).
        pub fn overflowing_rows(&self) -> usize {
            let (rows, _) = self.screen.screen().size();
            (0..rows.get())
                .filter(|&r| self.screen.screen().row_wrapped(r))
                .count()
        }

        /// Everything printed so far, without carriage returns.
        pub fn seen(&self) -> String {
            String::from_utf8_lossy(&self.seen).replace('\r', "")
        }

        /// Reads to the end; everything printed (without carriage returns) and the exit code.
        pub fn finish(&mut self) -> (String, i32) {
            let rest = self.session.expect(Eof).expect("esg ends");
            self.seen.extend_from_slice(rest.as_bytes());
            self.screen.process(rest.as_bytes());
            let code = match self.session.get_process().wait().unwrap() {
                WaitStatus::Exited(_, code) => code,
                other => panic!("esg did not exit normally: {other:?}"),
            };
            (self.seen(), code)
        }
    }
}
