//! Where a portfolio's per-firm reports lie, one rule for the code that writes them (`batch`)
//! and the index that links to them (`html/index.rs`).

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

use super::Format;

/// The file name extension of a report format.
#[must_use]
pub fn extension(format: Format) -> &'static str {
    match format {
        Format::Table => "txt",
        Format::Json => "json",
        Format::Markdown => "md",
        Format::Csv => "csv",
        Format::Html => "html",
    }
}

/// Where the report of the answers file at `input` goes: `dir/reports/`, then one name for each
/// component of the input path as given (`.` left out), the file's name followed by the format's
/// extension (`clients/acme.toml` -> `dir/reports/clients/acme.toml.csv`).
///
/// The mapping is injective: two paths that differ (after leaving out `.`) never share a report,
/// and no report lies where another one's directory goes. Names that start with `_` are reserved:
///
/// - the root of an absolute path is `_root` (`/tmp/x.toml` -> `reports/_root/tmp/x.toml.csv`,
///   apart from `tmp/x.toml` -> `reports/tmp/x.toml.csv`), and `..` is `_up`;
/// - a real name that starts with `_` gets one more (`__/x.toml` -> `reports/___/x.toml.csv`);
/// - a directory whose name ends with the report extension is written `_d` + its name, so that it
///   cannot be the report of a file beside it (`x.csv/a.toml` and the file `x`);
/// - a path that does not end in a name (`..`) gets a last name `_file`.
///
/// Since none of these forms starts with `_` followed by what another one has there, each name can
/// be read back one way only. The summary files lie in `dir` itself, never under `reports/`.
#[must_use]
pub fn report_path(dir: &Path, input: &Path, format: Format) -> PathBuf {
    let ext = extension(format);
    let parts: Vec<Component> = input
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    let ends_in_name = matches!(parts.last(), Some(Component::Normal(_)));
    let mut out = dir.join("reports");
    for (i, c) in parts.iter().enumerate() {
        match c {
            Component::RootDir => out.push("_root"),
            Component::ParentDir => out.push("_up"),
            Component::Prefix(p) => out.push(prefix_name(p.as_os_str())),
            Component::Normal(name) => {
                let mut part = OsString::new();
                if name.as_encoded_bytes().starts_with(b"_") {
                    part.push("_");
                }
                part.push(name);
                if ends_in_name && i + 1 == parts.len() {
                    part.push(".");
                    part.push(ext);
                } else if part
                    .as_encoded_bytes()
                    .strip_suffix(ext.as_bytes())
                    .is_some_and(|rest| rest.ends_with(b"."))
                {
                    let mut marked = OsString::from("_d");
                    marked.push(&part);
                    part = marked;
                }
                out.push(part);
            }
            Component::CurDir => {}
        }
    }
    if !ends_in_name {
        out.push(format!("_file.{ext}"));
    }
    out
}

/// A Windows path prefix (`C:`, `\\server\share`) as one file name: `_p` and the prefix with every
/// character but ASCII letters and digits written `-XX` (its bytes in hex).
fn prefix_name(prefix: &std::ffi::OsStr) -> String {
    let mut out = String::from("_p");
    for &b in prefix.as_encoded_bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("-{b:02x}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_paths_mirror_inputs() {
        let d = Path::new("out");
        let p = |s: &str| report_path(d, Path::new(s), Format::Csv);
        assert_eq!(
            p("clients/acme.toml"),
            Path::new("out/reports/clients/acme.toml.csv")
        );
        assert_eq!(p("./a.toml"), Path::new("out/reports/a.toml.csv"));
        assert_eq!(p("../x/a.toml"), Path::new("out/reports/_up/x/a.toml.csv"));
        assert_eq!(p("__/x/a.toml"), Path::new("out/reports/___/x/a.toml.csv"));
        assert_eq!(
            p("/tmp/x.toml"),
            Path::new("out/reports/_root/tmp/x.toml.csv")
        );
        assert_eq!(p("tmp/x.toml"), Path::new("out/reports/tmp/x.toml.csv"));
        assert_eq!(
            p("x.csv/a.toml"),
            Path::new("out/reports/_dx.csv/a.toml.csv")
        );
        assert_eq!(p("x"), Path::new("out/reports/x.csv"));
        assert_eq!(p(".."), Path::new("out/reports/_up/_file.csv"));
        assert_ne!(p("a.toml"), p("a"));
    }
}
