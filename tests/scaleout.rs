//! Scale-out: `extract --shard I/N` then `merge` gives the graph of one `build`, for N = 1, 2, 4.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::util::{dossier, ok, query_rows, seed_copies, seeds};

/// The lines of an N-Quads file, sorted: the graph, whatever order it was written in.
fn sorted_lines(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines: Vec<String> = text.lines().filter(|l| !l.is_empty()).map(str::to_string).collect();
    lines.sort();
    lines
}

/// The store exported as N-Quads to `out`, its lines sorted.
fn exported(store: &Path, out: &Path) -> Vec<String> {
    ok([
        Path::new("export"),
        Path::new("--format"),
        Path::new("nquads"),
        Path::new("-o"),
        out,
        Path::new("--store"),
        store,
    ]);
    sorted_lines(out)
}

/// Asserts two sorted graphs are equal, showing a few differences when not.
fn assert_same(got: &[String], expected: &[String], what: &str) {
    let missing: Vec<&String> = expected.iter().filter(|l| got.binary_search(l).is_err()).take(3).collect();
    let extra: Vec<&String> = got.iter().filter(|l| expected.binary_search(l).is_err()).take(3).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what} differs from one build ({} quads against {}): missing {missing:#?}, extra {extra:#?}",
        got.len(),
        expected.len()
    );
}

/// The seeds and twelve copies of them (each copy corroborates its seed's events and claims,
/// so merging must count sources across shards).
fn corpus(dir: &Path) -> PathBuf {
    let corpus = seed_copies(dir, 12);
    for entry in std::fs::read_dir(seeds()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
    }
    corpus
}

fn extract_parts(corpus: &Path, dir: &Path, n: usize) -> Vec<PathBuf> {
    (1..=n)
        .map(|i| {
            let part = dir.join(format!("part-{i}-of-{n}.nq"));
            let shard = format!("{i}/{n}");
            ok([Path::new("extract"), corpus, Path::new("--shard"), Path::new(&shard), Path::new("-o"), &part]);
            part
        })
        .collect()
}

#[test]
fn shards_merged_equal_one_build() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path());
    let store = dir.path().join("full.db");
    ok([Path::new("build"), &corpus, Path::new("--store"), &store, Path::new("--quiet")]);
    let full_nq = dir.path().join("full.nq");
    ok([
        Path::new("export"),
        Path::new("--format"),
        Path::new("nquads"),
        Path::new("-o"),
        &full_nq,
        Path::new("--store"),
        &store,
    ]);
    let full = sorted_lines(&full_nq);
    assert!(full.iter().any(|l| l.contains("sourceCount> \"3\"")), "the corpus has corroborated items");
    assert!(full.iter().any(|l| l.contains("#opposite>")), "the corpus has positions");
    assert!(!full.iter().any(|l| l.contains("#contradicts>")), "no pair of claims is stored");

    for n in [1, 2, 4] {
        let parts = extract_parts(&corpus, dir.path(), n);
        // The shards are disjoint and cover the corpus.
        let documents: Vec<BTreeSet<String>> = parts
            .iter()
            .map(|p| sorted_lines(p).into_iter().filter(|l| l.contains("ontology#Document> .")).collect())
            .collect();
        assert_eq!(documents.iter().map(BTreeSet::len).sum::<usize>(), 17, "N = {n}: every document in one shard");
        if n == 1 {
            assert_same(&sorted_lines(&parts[0]), &full, "the whole corpus as one shard");
        }
        let merged = dir.path().join(format!("merged-{n}.nq"));
        let mut args: Vec<&Path> = vec![Path::new("merge")];
        args.extend(parts.iter().rev().map(PathBuf::as_path));
        args.extend([Path::new("--memory"), Path::new("-o"), &merged]);
        ok(args);
        assert_same(&sorted_lines(&merged), &full, &format!("{n} shards merged"));
    }

    // Merging into an on-disk store that already holds part of the corpus, and merging a part
    // twice, still gives the build's graph.
    let parts = extract_parts(&corpus, dir.path(), 2);
    let merged_store = dir.path().join("merged.db");
    for part in [&parts[0], &parts[1], &parts[0]] {
        ok([Path::new("merge"), part, Path::new("--store"), &merged_store]);
    }
    assert_same(&exported(&merged_store, &dir.path().join("merged-store.nq")), &full, "a store merged part by part");
    let check = ok([Path::new("check"), Path::new("--store"), &merged_store]);
    assert!(check.contains("no problems") || !check.contains("problem"), "{check}");
}

#[test]
fn extraction_gives_the_same_bytes_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path());
    let outputs: Vec<Vec<u8>> = ["1", "4"]
        .iter()
        .map(|threads| {
            let out = dir.path().join(format!("t{threads}.nq"));
            let status = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
                .args([Path::new("extract"), &corpus, Path::new("--shard"), Path::new("2/3"), Path::new("-o"), &out])
                .env("RAYON_NUM_THREADS", threads)
                .output()
                .unwrap();
            assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
            std::fs::read(&out).unwrap()
        })
        .collect();
    assert!(!outputs[0].is_empty());
    assert!(outputs[0] == outputs[1], "one thread and four write the same bytes");
}

#[test]
fn a_damaged_part_is_named_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let parts = extract_parts(&seeds(), dir.path(), 2);
    let damaged = dir.path().join("damaged.nq");
    let text = std::fs::read_to_string(&parts[1]).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(3, "<https://example.org/s> <https://example.org/p> \"unterminated .");
    std::fs::write(&damaged, lines.join("\n")).unwrap();

    let store = dir.path().join("s.db");
    ok([Path::new("merge"), &parts[0], Path::new("--store"), &store]);
    let count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let before = query_rows(count, &store);
    let output = dossier([Path::new("merge"), &damaged, Path::new("--store"), &store]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("damaged.nq") && stderr.contains("line 4"), "{stderr}");
    let after = query_rows(count, &store);
    assert_eq!(before, after, "the damaged part stored nothing, the first part is intact");

    let output =
        dossier([Path::new("extract"), &seeds(), Path::new("--shard"), Path::new("3/2"), Path::new("-o"), &damaged]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("1 <= I <= N"));
}
