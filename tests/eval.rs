//! `dossier eval` computes the independent scorer's figures.

use std::path::Path;

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

#[test]
fn bars_and_bad_gold() {
    let gold = root().join("tests/data/eval/gold-seeds");
    let high = dossier([
        Path::new("eval"),
        Path::new("--gold"),
        &gold,
        Path::new("--store"),
        seed_store(),
        Path::new("--min-actors"),
        Path::new("0.999"),
    ]);
    assert_eq!(high.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&high.stdout).contains("below threshold: actors"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.json"), "{\"doc\": \"x.txt\", \"actors\": [ }").unwrap();
    let bad = dossier([Path::new("eval"), Path::new("--gold"), dir.path(), Path::new("--store"), seed_store()]);
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("x.json:1:") && stderr.contains("invalid gold annotation"), "{stderr}");
}
