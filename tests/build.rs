//! `dossier build`: what it finds in the seeds, that it is idempotent and deterministic, and
//! that bad input is reported without stopping the rest.

use std::path::{Path, PathBuf};

use crate::util::{dossier, ok, query_csv, root, seed_copies, seed_store, seeds};

#[test]
fn finds_the_seed_actors_and_places() {
    let rows =
        query_csv("SELECT DISTINCT ?label WHERE { { ?a a dos:Actor } UNION { ?a a dos:Place } ?a rdfs:label ?label }");
    let labels: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    for wanted in [
        "Taliban",
        "Russia",
        "Russian Foreign Ministry",
        "Kremlin",
        "Collective Security Treaty Organization",
        "Tajikistan",
        "Uzbekistan",
        "Turkmenistan",
        "Afghanistan",
        "United States",
        "China",
        "Pakistan",
        "India",
        "Iran",
        "Zamir Kabulov",
        "Vladimir Putin",
        "Dmitry Peskov",
        "Suhail Shaheen",
        "Emomali Rakhmon",
        "201st Russian military base",
        "Antonio Giustozzi",
        "Royal United Services Institute",
        "Moscow",
        "Kabul",
        "Dushanbe",
    ] {
        assert!(labels.contains(&wanted), "{wanted} not found among {labels:?}");
    }
    // Credits and page furniture are not actors.
    for unwanted in ["Reuters", "TASS", "The Hindu", "Associated Press"] {
        assert!(!labels.contains(&unwanted), "{unwanted} should not be an actor");
    }
}

#[test]
fn documents_carry_dates_and_publishers() {
    let rows = query_csv(
        "SELECT ?file ?date ?publisher WHERE { ?d a dos:Document ; dos:fileName ?file .
           OPTIONAL { ?d dct:issued ?date } OPTIONAL { ?d dct:publisher ?publisher } } ORDER BY ?file",
    );
    let got: Vec<(&str, &str, &str)> = rows.iter().map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str())).collect();
    assert_eq!(
        got,
        [
            ("000_6f306d3c26989a17.txt", "2021-07-09", "Radio Azadi"),
            ("001_340efefdbb3cb629.txt", "2021-10-07", "The Hindu"),
            ("002_d093af9fcdfad0bd.txt", "2021-09-10", ""),
            ("003_6621f99e895dbda6.txt", "", ""),
            ("004_af7d90daf64bce6f.txt", "2021-10-08", ""),
        ]
    );
}

#[test]
fn prints_a_briefing_summary() {
    let out = ok([Path::new("build"), &seeds(), Path::new("--memory")]);
    let first = out.lines().next().unwrap();
    assert!(first.starts_with("dossier: 5 documents, "), "{first}");
    for section in ["Documents", "Most central actors", "by PageRank", "by betweenness", "Timeline", "Claims"] {
        assert!(
            out.lines().any(|l| l.trim_start().starts_with(section) || l.contains(section)),
            "no {section} in:\n{out}"
        );
    }
    assert!(out.contains("000_6f306d3c26989a17.txt  2021-07-09  Radio Azadi"), "{out}");
    assert!(out.contains("2021-07-08  CONSULT    Taliban -> Russia @ Moscow"), "{out}");
    assert!(out.contains("Suhail Shaheen (promised"), "{out}");
}

fn count_triples(store: &Path) -> usize {
    let out = ok([
        Path::new("query"),
        Path::new("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
        Path::new("--format"),
        Path::new("csv"),
        Path::new("--store"),
        store,
    ]);
    out.lines().nth(1).unwrap().trim().parse().unwrap()
}

fn export_nquads(store: &Path) -> String {
    ok([Path::new("export"), Path::new("--format"), Path::new("nquads"), Path::new("--store"), store])
}

#[test]
fn building_twice_changes_nothing_and_output_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("one.db"), dir.path().join("two.db"));
    ok([Path::new("build"), &seeds(), Path::new("--store"), &one, Path::new("-q")]);
    let triples = count_triples(&one);
    let first = export_nquads(&one);
    let again = dossier([Path::new("build"), &seeds(), Path::new("--store"), &one]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 documents added, 5 already in the store"));
    assert_eq!(count_triples(&one), triples);
    assert_eq!(export_nquads(&one), first, "a second build changed the graph");
    // Another store, files given one by one in another order: the same bytes.
    let mut files: Vec<_> = std::fs::read_dir(seeds()).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.reverse();
    let mut args = vec![Path::new("build").to_path_buf()];
    args.extend(files);
    args.extend([Path::new("--store").to_path_buf(), two.clone(), Path::new("-q").to_path_buf()]);
    ok(&args);
    assert_eq!(export_nquads(&two), first, "two builds of the same documents differ");
}

#[test]
fn incremental_builds_merge_sources() {
    let dir = tempfile::tempdir().unwrap();
    let (split, whole) = (dir.path().join("split.db"), dir.path().join("whole.db"));
    let mut files: Vec<_> = std::fs::read_dir(seeds()).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for file in &files {
        ok([Path::new("build"), file, Path::new("--store"), &split, Path::new("-q")]);
    }
    ok([Path::new("build"), &seeds(), Path::new("--store"), &whole, Path::new("-q")]);
    assert_eq!(export_nquads(&split), export_nquads(&whole), "document-by-document build differs from one build");
}

/// Several batches of documents that corroborate each other: one thread or all, one commit or
/// three, one build or three, the same graph (source counts and contradictions included).
#[test]
fn output_depends_neither_on_threads_nor_on_how_the_corpus_is_split() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = seed_copies(dir.path(), 700);
    let build_with = |store: &Path, paths: &[PathBuf], threads: Option<&str>, options: &[&str]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"));
        command.arg("build").args(paths).arg("--store").arg(store).arg("-q").args(options);
        if let Some(threads) = threads {
            command.env("RAYON_NUM_THREADS", threads);
        }
        let output = command.output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "{stderr}");
        stderr
    };
    let build = |store: &Path, paths: &[PathBuf], threads: Option<&str>| {
        build_with(store, paths, threads, &[]);
    };
    let one_thread = dir.path().join("one-thread.db");
    build(&one_thread, std::slice::from_ref(&corpus), Some("1"));
    let expected = export_nquads(&one_thread);
    assert!(expected.contains("<https://w3id.org/dossier/ontology#sourceCount> \"140\"^^"), "copies corroborate");
    let all_threads = dir.path().join("all-threads.db");
    build(&all_threads, std::slice::from_ref(&corpus), None);
    assert_eq!(export_nquads(&all_threads), expected, "the number of threads changed the graph");
    // Three commits in one build (256, 256 and 188 documents): counts resolved across them, the count updates of one applied at the next.
    let small_windows = dir.path().join("small-windows.db");
    let stderr = build_with(&small_windows, std::slice::from_ref(&corpus), None, &["--window", "256", "--timings"]);
    assert_eq!(export_nquads(&small_windows), expected, "committing 256 documents at a time changed the graph");
    // `--timings`: a header and one row per commit, with its documents.
    let rows: Vec<Vec<&str>> = stderr
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("commit"))
        .skip(1)
        .take_while(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.iter().map(|r| r[1]).collect::<Vec<_>>(), ["256", "256", "188"], "{stderr}");
    assert!(rows.iter().all(|r| r.len() == 9 && r[2..].iter().all(|t| t.parse::<f64>().is_ok())), "{stderr}");
    // The same documents in three builds of unequal size, the last one overlapping the second.
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let split = dir.path().join("split.db");
    build(&split, &files[..300], None);
    build(&split, &files[300..650], None);
    build(&split, &files[600..], None);
    assert_eq!(export_nquads(&split), expected, "building in three runs differs from one build");
    assert!(ok([Path::new("check"), Path::new("--store"), &split]).contains("ok:"));
}

#[test]
fn bad_files_are_reported_and_the_rest_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(seeds().join("000_6f306d3c26989a17.txt"), input.join("good.txt")).unwrap();
    std::fs::write(input.join("empty.txt"), "").unwrap();
    std::fs::write(input.join("binary.txt"), b"\x00\x01\x02PNG").unwrap();
    std::fs::write(input.join("latin1.txt"), b"Officials in Kabul said the Taliban would meet Russia\xe9s envoy.\n")
        .unwrap();
    std::fs::write(input.join("broken.jsonl"), "{\"text\": \"Russia will invite the Taliban to talks.\"}\nnot json\n")
        .unwrap();
    let store = dir.path().join("db");
    let output = dossier([Path::new("build"), &input, Path::new("--store"), &store]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "exit code 3 when inputs were skipped; stderr:\n{stderr}");
    assert!(stderr.contains("empty.txt: empty file"), "{stderr}");
    assert!(stderr.contains("binary.txt: binary file"), "{stderr}");
    assert!(stderr.contains("latin1.txt: invalid UTF-8 at byte 53"), "{stderr}");
    assert!(stderr.contains("broken.jsonl:2:"), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("dossier: 3 documents"), "{stdout}");
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(dossier(["build"]).status.code(), Some(2));
    assert_eq!(dossier(["rank", "--metric", "fame"]).status.code(), Some(2));
    let missing = dossier(["query", "SELECT * WHERE { ?s ?p ?o }", "--store", "/nonexistent/store"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("there is no store at /nonexistent/store"));
}

/// Every mention's offsets slice the original file text to its anchor.
#[test]
fn every_offset_slices_back_to_the_text() {
    let rows = query_csv(
        "SELECT ?file ?begin ?end ?anchor WHERE { ?m a nif:String ; nif:referenceContext ?d ; nif:beginIndex ?begin ;
           nif:endIndex ?end ; nif:anchorOf ?anchor . ?d dos:fileName ?file }",
    );
    assert!(rows.len() > 300, "{} mentions", rows.len());
    for row in rows {
        let text: Vec<char> = std::fs::read_to_string(seeds().join(&row[0])).unwrap().chars().collect();
        let (begin, end): (usize, usize) = (row[1].parse().unwrap(), row[2].parse().unwrap());
        let slice: String = text[begin..end].iter().collect();
        assert_eq!(slice, row[3], "{}:{begin}-{end}", row[0]);
    }
}

/// The independent scorer's figures on the seed gold hold the measured floors (tests/eval.rs).
#[test]
fn seed_gold_scores() {
    let dir = tempfile::tempdir().unwrap();
    let graph = dir.path().join("graph.nq");
    ok([
        Path::new("export"),
        Path::new("--format"),
        Path::new("nquads"),
        Path::new("-o"),
        &graph,
        Path::new("--store"),
        seed_store(),
    ]);
    let eval = root().join("tests/data/eval");
    let output = std::process::Command::new("python3")
        .arg(eval.join("score.py"))
        .arg(&graph)
        .arg(eval.join("gold-seeds"))
        .args(["--min-actors", "0.92", "--min-events", "0.70", "--min-claims", "0.87"])
        .output()
        .expect("python3 runs (.ci/run installs it)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "score.py below the bars:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.lines().any(|l| l.starts_with("summary: actors F1 ")), "{stdout}");
}

/// Every lexicon file extends at run time with `--lexicon`, read as the `ontology/` file it is
/// named after; a file whose name says no lexicon is refused, naming the file.
#[test]
fn build_reads_any_extra_lexicon_by_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(
        docs.join("raid.txt"),
        "date 2024-03-10\n\nOn Monday, armed vigilantes attacked Nigerian troops near the village of Kuda in Borno \
         state, residents said.\n",
    )
    .unwrap();
    let agents = |store: &Path| {
        crate::util::query_rows("SELECT ?label WHERE { ?e dos:agent ?a . ?a rdfs:label ?label }", store)
            .into_iter()
            .map(|r| r[0].clone())
            .collect::<Vec<_>>()
    };
    let plain = dir.path().join("plain.db");
    ok([Path::new("build"), &docs, Path::new("--store"), &plain, Path::new("-q")]);
    assert!(agents(&plain).is_empty(), "{:?}", agents(&plain));

    let extra = dir.path().join("collectives-local.tsv");
    std::fs::write(&extra, "vigilantes\tArmedGroup\tvigilantes\t-\n").unwrap();
    let extended = dir.path().join("extended.db");
    ok([Path::new("build"), &docs, Path::new("--store"), &extended, Path::new("-q"), Path::new("--lexicon"), &extra]);
    assert_eq!(agents(&extended).len(), 1, "{:?}", agents(&extended));
    assert!(agents(&extended)[0].to_lowercase().contains("vigilantes"), "{:?}", agents(&extended));

    let unnamed = dir.path().join("notes.tsv");
    std::fs::write(&unnamed, "vigilantes\n").unwrap();
    let refused = dossier([
        Path::new("build"),
        &docs,
        Path::new("--store"),
        &dir.path().join("x.db"),
        Path::new("--lexicon"),
        &unnamed,
    ]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        !refused.status.success() && stderr.contains("notes.tsv") && stderr.contains("word_classes*.tsv"),
        "{stderr}"
    );
}
