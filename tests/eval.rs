//! `dossier eval` computes the independent scorer's figures.

use std::path::{Path, PathBuf};

use crate::util::{dossier, ok, root, seed_store, seeds};

/// The figure lines of a report (everything after the per-document table).
fn figures(report: &str) -> Vec<String> {
    report
        .lines()
        .filter(|l| {
            ["actors ", "places ", "events ", "event-pairs ", "claims ", "event dates ", "summary:"]
                .iter()
                .any(|p| l.starts_with(p))
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn rust_and_python_scorers_agree_on_the_seeds() {
    let eval = root().join("tests/data/eval");
    let gold = eval.join("gold-seeds");
    let ours = ok([Path::new("eval"), Path::new("--gold"), &gold, Path::new("--store"), seed_store()]);
    let dir = tempfile::tempdir().unwrap();
    let graph = dir.path().join("graph.nq");
    ok([Path::new("export"), Path::new("-o"), &graph, Path::new("--store"), seed_store()]);
    let output = std::process::Command::new("python3")
        .arg(eval.join("score.py"))
        .arg(&graph)
        .arg(&gold)
        .output()
        .expect("python3 runs");
    let theirs = String::from_utf8(output.stdout).unwrap();
    assert_eq!(figures(&ours).len(), 7, "{ours}");
    assert_eq!(figures(&ours), figures(&theirs), "dossier eval and score.py disagree");
    // Building the documents in memory gives the same figures as scoring the store.
    let in_memory = ok([Path::new("eval"), Path::new("--gold"), &gold, Path::new("--docs"), &seeds()]);
    assert_eq!(figures(&in_memory), figures(&ours));
}

/// `dossier eval --gold <seed gold> --store <seed store> EXTRA...`.
fn eval_seeds(extra: &[&str]) -> std::process::Output {
    let gold = root().join("tests/data/eval/gold-seeds");
    let mut args: Vec<std::ffi::OsString> =
        vec!["eval".into(), "--gold".into(), gold.into(), "--store".into(), seed_store().into()];
    args.extend(extra.iter().map(Into::into));
    dossier(args)
}

/// The seeds hold what the extractor measures on them (README, Quality): the floors below are
/// the measured figures rounded down; the bars of the extraction-for-any-news work are 0.90 /
/// 0.70 / 0.80 (actors / events / claims).
#[test]
fn seed_gold_holds_its_measured_figures() {
    let output = eval_seeds(&[
        "--min-actors",
        SEED_FLOORS[0],
        "--min-events",
        SEED_FLOORS[1],
        "--min-claims",
        SEED_FLOORS[2],
        "--min-dates",
        SEED_FLOORS[3],
    ]);
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success() && !out.contains("below threshold"), "{out}");
}

/// Actors, events, claims F1 and the share of event dates right, measured on the seeds.
const SEED_FLOORS: [&str; 4] = ["0.92", "0.70", "0.87", "0.55"];

/// Measured on the 30 development articles (other situations, nobody tuned to a sentence of
/// them); the bars of the extraction-for-any-news work are actors 0.85, events 0.50, claims 0.65,
/// event dates 0.85.
const DEV_FLOORS: [&str; 4] = ["0.87", "0.51", "0.80", "0.85"];

/// The development articles as `dossier build` reads them: each file's three header lines
/// (`source:`, `retrieved-excerpt-of:`, a blank line; tests/data/eval/dev/README.md) removed.
fn dev_docs(dir: &Path) -> PathBuf {
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for entry in std::fs::read_dir(root().join("tests/data/eval/dev/docs")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let body: String = text.split_inclusive('\n').skip(3).collect();
        std::fs::write(docs.join(path.file_name().unwrap()), body).unwrap();
    }
    docs
}

#[test]
fn dev_set_holds_its_measured_figures_and_both_scorers_agree() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dev_docs(dir.path());
    let gold = root().join("tests/data/eval/dev/gold");
    let store = dir.path().join("dev.db");
    ok([Path::new("build"), &docs, Path::new("--store"), &store, Path::new("-q")]);
    let output = dossier([
        Path::new("eval"),
        Path::new("--gold"),
        &gold,
        Path::new("--store"),
        &store,
        Path::new("--min-actors"),
        Path::new(DEV_FLOORS[0]),
        Path::new("--min-events"),
        Path::new(DEV_FLOORS[1]),
        Path::new("--min-claims"),
        Path::new(DEV_FLOORS[2]),
        Path::new("--min-dates"),
        Path::new(DEV_FLOORS[3]),
    ]);
    let ours = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success() && !ours.contains("below threshold"), "{ours}");
    // 30 documents, each scored.
    assert_eq!(ours.lines().filter(|l| l.contains(".txt ")).count(), 30, "{ours}");
    let graph = dir.path().join("dev.nq");
    ok([Path::new("export"), Path::new("-o"), &graph, Path::new("--store"), &store]);
    let python = std::process::Command::new("python3")
        .arg(root().join("tests/data/eval/score.py"))
        .arg(&graph)
        .arg(&gold)
        .output()
        .expect("python3 runs");
    let theirs = String::from_utf8(python.stdout).unwrap();
    assert_eq!(figures(&ours).len(), 7, "{ours}");
    assert_eq!(figures(&ours), figures(&theirs), "dossier eval and score.py disagree on the dev set");
}

#[test]
fn bars_and_bad_gold() {
    let high = eval_seeds(&["--min-actors", "0.999"]);
    assert_eq!(high.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&high.stdout).contains("below threshold: actors"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.json"), "{\"doc\": \"x.txt\", \"actors\": [ }").unwrap();
    let bad = dossier([Path::new("eval"), Path::new("--gold"), dir.path(), Path::new("--store"), seed_store()]);
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("x.json:1:") && stderr.contains("invalid gold annotation"), "{stderr}");
}
