//! Helpers shared by the integration tests: running the binary, a seed store built once.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed articles.
pub fn seeds() -> PathBuf {
    root().join("seeds")
}

/// A corpus of `copies` distinct documents made from the seeds (each copy gets its own line, so
/// its own content hash, while its events and claims are those of its seed: every copy of a
/// seed corroborates the others).
pub fn seed_copies(dir: &Path, copies: usize) -> PathBuf {
    let out = dir.join("corpus");
    std::fs::create_dir_all(&out).unwrap();
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(seeds()).unwrap().map(|e| e.unwrap().path()).collect();
    seeds.sort();
    for i in 0..copies {
        let seed = &seeds[i % seeds.len()];
        let text = std::fs::read_to_string(seed).unwrap();
        std::fs::write(out.join(format!("{i:05}.txt")), format!("{text}\n\nThis is copy number {i} of the article.\n"))
            .unwrap();
    }
    out
}

/// Runs `dossier ARGS...` and returns its output.
pub fn dossier<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).output().expect("the dossier binary runs")
}

/// Runs `dossier ARGS...`, asserts success, returns standard output.
pub fn ok<I, S>(args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let output = dossier(args);
    assert!(
        output.status.success(),
        "dossier failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// A store built from the seeds once for all tests that only read it.
pub fn seed_store() -> &'static Path {
    static STORE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = STORE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = dir.path().join("seeds.db");
        ok([Path::new("build"), &seeds(), Path::new("--store"), &store, Path::new("--quiet")]);
        // Scores for the example query over the analysis graph.
        ok([
            Path::new("rank"),
            Path::new("--from"),
            Path::new("2021-07-01"),
            Path::new("--to"),
            Path::new("2021-10-31"),
            Path::new("--write"),
            Path::new("--store"),
            &store,
        ]);
        (dir, store)
    });
    path
}

/// Runs a query on the seed store and returns the CSV rows (header dropped).
pub fn query_csv(query: &str) -> Vec<Vec<String>> {
    query_rows(query, seed_store())
}

/// Runs a query with `dossier query` on a store and returns the CSV rows (header dropped).
pub fn query_rows(query: &str, store: &Path) -> Vec<Vec<String>> {
    let out = ok([
        Path::new("query"),
        Path::new(query),
        Path::new("--format"),
        Path::new("csv"),
        Path::new("--store"),
        store,
    ]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    reader.records().map(|r| r.expect("CSV row").iter().map(str::to_string).collect()).collect()
}
