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

/// `dossier eval --gold <seed gold> --store <seed store> EXTRA...`.
fn eval_seeds(extra: &[&str]) -> std::process::Output {
    let gold = root().join("tests/data/eval/gold-seeds");
    let mut args: Vec<std::ffi::OsString> =
        vec!["eval".into(), "--gold".into(), gold.into(), "--store".into(), seed_store().into()];
    args.extend(extra.iter().map(Into::into));
    dossier(args)
}

/// The bars of the extraction-quality work: actors F1 >= 0.92, events F1 >= 0.75, claims F1 >=
/// 0.80, event dates >= 85% right.
#[test]
fn seed_gold_meets_the_bars() {
    let output =
        eval_seeds(&["--min-actors", "0.92", "--min-events", "0.75", "--min-claims", "0.80", "--min-dates", "0.85"]);
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success() && !out.contains("below threshold"), "{out}");
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
