//! Embeds every guideline package under `guidelines/` into the binary.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The `*.toml` files of a package, in path order, found as `esg::walk` finds them when a package
/// is loaded from its directory: links to directories not followed, hidden entries left out.
fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b"."));
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if !entry.file_type().is_dir()
            && path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
            && path.is_file()
        {
            out.push(entry.into_path());
        }
    }
}

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let guidelines = root.join("guidelines");
    println!("cargo:rerun-if-changed=guidelines");
    let mut code = String::from(
        "/// Guideline packages embedded at build time.\npub static BUILTINS: &[Builtin] = &[\n",
    );
    let mut packages: Vec<PathBuf> = std::fs::read_dir(&guidelines)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join("guideline.toml").is_file())
                .collect()
        })
        .unwrap_or_default();
    packages.sort();
    for package in packages {
        let id = package
            .file_name()
            .and_then(|n| n.to_str())
            .expect("package directory names are UTF-8");
        let mut files = Vec::new();
        toml_files(&package, &mut files);
        writeln!(code, "    Builtin {{ id: {id:?}, files: &[").unwrap();
        for file in files {
            let rel = file
                .strip_prefix(&package)
                .expect("under the package")
                .to_string_lossy()
                .replace('\\', "/");
            writeln!(
                code,
                "        ({rel:?}, include_str!({:?})),",
                file.display().to_string()
            )
            .unwrap();
        }
        code.push_str("    ] },\n");
    }
    code.push_str("];\n");
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtins.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
