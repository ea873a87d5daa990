//! SPARQL on the seed graph: the example queries, the contract's shapes, show/path, and that
//! names from the command line cannot change a query.

use std::path::Path;

use crate::util::{dossier, ok, query_csv, root, seed_store};

fn example(name: &str) -> Vec<Vec<String>> {
    let path = root().join("examples/queries").join(name);
    let out = ok([
        Path::new("query"),
        Path::new("-f"),
        &path,
        Path::new("--format"),
        Path::new("csv"),
        Path::new("--store"),
        seed_store(),
    ]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

#[test]
fn every_example_query_runs_and_answers() {
    let mut names: Vec<String> = std::fs::read_dir(root().join("examples/queries"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".rq"))
        .collect();
    names.sort();
    assert!(names.len() >= 5, "{names:?}");
    for name in names {
        assert!(!example(&name).is_empty(), "{name} gave no rows");
    }
}

#[test]
fn actors_by_type() {
    let rows = example("actors_by_type.rq");
    let find = |actor: &str| rows.iter().find(|r| r[1] == actor).unwrap_or_else(|| panic!("{actor} missing"));
    assert_eq!(find("Taliban")[0], "ArmedGroup");
    assert_eq!(find("Taliban")[2], "5", "the Taliban are in all five documents");
    assert_eq!(find("Zamir Kabulov")[0], "Person");
    assert_eq!(find("Collective Security Treaty Organization")[0], "IntergovernmentalOrganization");
    assert_eq!(find("Kremlin")[0], "GovernmentBody");
}

#[test]
fn timeline_is_dated_and_ordered() {
    let rows = example("timeline.rq");
    let dates: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(
        rows.iter().any(|r| r[0] == "2021-07-08"
            && r[2] == "CONSULT"
            && r[3] == "Taliban"
            && r[4] == "Russia"
            && r[5] == "Moscow"),
        "{rows:?}"
    );
    // The invitation to the Moscow talks, announced in October (dated by its report: the talks'
    // own date, October 20, is in the relative clause of "talks", which dates no invitation).
    assert!(
        rows.iter().any(|r| r[0].starts_with("2021-10")
            && r[2] == "CONSULT"
            && r[3] == "Russia"
            && r[4] == "Taliban"
            && r[6] == "planned"),
        "{rows:?}"
    );
}

#[test]
fn events_of_the_taliban_have_dates() {
    let rows = example("taliban_events.rq");
    let dated: Vec<&Vec<String>> = rows.iter().filter(|r| !r[0].is_empty()).collect();
    assert!(dated.len() >= 3, "{rows:?}");
    assert!(dated.iter().all(|r| r[0].len() == 10 && r[0].starts_with("20")), "{dated:?}");
}

#[test]
fn claims_have_speakers_and_corroborated_events_have_sources() {
    let claims = example("claims_by_speaker.rq");
    assert!(claims.iter().any(|r| r[0] == "Suhail Shaheen" && r[4].contains("border crossings")), "{claims:?}");
    assert!(claims.iter().any(|r| r[0] == "Dmitry Peskov"), "{claims:?}");
    let corroborated = example("corroborated_events.rq");
    assert!(corroborated.iter().all(|r| r[2].parse::<usize>().unwrap() >= 2));
    assert!(
        corroborated.iter().any(|r| r[0] == "Russia CONSULT Taliban" && r[3].contains("004_af7d90daf64bce6f.txt")),
        "{corroborated:?}"
    );
}

#[test]
fn corroborated_events_are_one_row_per_event_not_per_label() {
    let rows = example("corroborated_events.rq");
    let events: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[4].as_str()).collect();
    assert_eq!(events.len(), rows.len(), "one row per event: {rows:?}");
    let expected = crate::util::query_rows(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sem:Event ; dos:sourceCount ?s FILTER(?s >= 2) }",
        seed_store(),
    );
    assert_eq!(rows.len().to_string(), expected[0][0]);
    // Two events may share a label (the same type between the same actors on other dates):
    // each keeps its own sources and files.
    for row in &rows {
        let files = row[3].split(", ").count();
        assert!(files >= 2 && files <= row[2].parse::<usize>().unwrap(), "{row:?}");
    }
}

#[test]
fn claims_reify_relations_as_triple_terms() {
    let rows = example("claims_as_relations.rq");
    assert!(rows.iter().any(|r| r[1] == "Russia" && r[2] == "consult" && r[3] == "Taliban"), "{rows:?}");
}

#[test]
fn event_actors_come_with_evidence() {
    let rows = example("event_actors.rq");
    assert!(
        rows.iter().any(|r| r[0] == "Taliban CONSULT Russia"
            && r[1] == "agent"
            && r[2] == "Taliban"
            && r[3].starts_with("Taliban representatives visited Moscow")),
        "{rows:?}"
    );
}

#[test]
fn query_formats() {
    let store = seed_store().to_str().unwrap();
    let q = "SELECT ?label WHERE { actor:taliban rdfs:label ?label }";
    let table = ok(["query", q, "--store", store]);
    assert_eq!(table.lines().collect::<Vec<_>>(), ["label", "-------", "Taliban"]);
    assert!(ok(["query", q, "--format", "json", "--store", store]).contains("\"value\":\"Taliban\""));
    assert!(ok(["query", q, "--format", "tsv", "--store", store]).contains("\"Taliban\""));
    assert!(ok(["query", q, "--format", "xml", "--store", store]).contains("<literal>Taliban</literal>"));
    let construct = ok(["query", "CONSTRUCT WHERE { actor:taliban a ?t }", "--format", "turtle", "--store", store]);
    assert!(construct.contains("actor:taliban a ") && construct.contains("dos:ArmedGroup"), "{construct}");
    assert_eq!(ok(["query", "ASK { actor:taliban a dos:ArmedGroup }", "--store", store]).trim(), "true");
    let bad = dossier(["query", "SELECT ?x WHERE { ?x", "--store", store]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("SPARQL syntax error"));
}

#[test]
fn rank_lists_central_actors() {
    let store = seed_store().to_str().unwrap();
    let table = ok(["rank", "--store", store, "--top", "3"]);
    assert!(table.lines().nth(2).unwrap().contains("Taliban"), "{table}");
    let csv = ok(["rank", "--metric", "betweenness", "--format", "csv", "--top", "0", "--store", store]);
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "rank,iri,label,type,betweenness");
    assert!(rows.len() > 30);
    let json: serde_json::Value =
        serde_json::from_str(&ok(["rank", "--metric", "degree", "--format", "json", "--store", store])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 10);
}

#[test]
fn show_and_path_explain_with_evidence() {
    let store = seed_store().to_str().unwrap();
    let show = ok(["show", "zamir kabulov", "--store", store]);
    assert!(show.starts_with("Zamir Kabulov (Person)"), "{show}");
    assert!(show.contains("Events ("), "{show}");
    assert!(show.contains("Claims ("), "{show}");
    assert!(show.contains("Neighbours within 1 hop ("), "{show}");
    assert!(show.contains("004_af7d90daf64bce6f.txt: \""), "{show}");
    let path = ok(["path", "Suhail Shaheen", "Tajikistan", "--store", store]);
    assert!(path.starts_with("Suhail Shaheen — "), "{path}");
    assert!(path.contains(".txt: \""), "{path}");
}

#[test]
fn hostile_names_change_nothing() {
    let store = seed_store().to_str().unwrap();
    let before = query_csv("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }");
    for name in ["x\" } ; DROP ALL ; #", "\\u0000", "Taliban\") } UNION { ?a ?b ?c", "'; DELETE WHERE { ?s ?p ?o } #"] {
        let output = dossier(["show", name, "--store", store]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("no actor or place named"), "{name}");
    }
    assert_eq!(query_csv("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), before);
}

#[test]
fn claims_and_contradictions() {
    let store = seed_store().to_str().unwrap();
    let list = ok(["claims", "--actor", "Suhail Shaheen", "--format", "csv", "--store", store]);
    let mut reader = csv::Reader::from_reader(list.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert!(rows.len() >= 4, "{list}");
    assert!(rows.iter().all(|r| &r[1] == "Suhail Shaheen"));
    assert!(rows.iter().any(|r| r[4].contains("border crossings") && &r[2] == "promised"), "{list}");
    // Kabulov's invitation to talks (October) against Peskov's refusal to negotiate (September),
    // found across documents: one question, Russia's relation to the Taliban, both stands taken.
    let json: serde_json::Value =
        serde_json::from_str(&ok(["claims", "--contradictions", "--format", "json", "--store", store])).unwrap();
    let questions = json.as_array().unwrap();
    let speakers = |question: &serde_json::Value, side: usize| -> Vec<String> {
        let claims = question["sides"][side]["claims"].as_array().unwrap();
        claims.iter().map(|c| c["claimant"]["label"].as_str().unwrap().to_string()).collect()
    };
    let russia = questions
        .iter()
        .find(|q| speakers(q, 0).contains(&"Zamir Kabulov".to_string()))
        .unwrap_or_else(|| panic!("{json:#}"));
    assert_eq!([&russia["sides"][0]["stand"], &russia["sides"][1]["stand"]], ["cooperation", "conflict"], "{json:#}");
    assert!(speakers(russia, 1).contains(&"Dmitry Peskov".to_string()), "{json:#}");
    // The pairs the seeds held as dos:contradicts links before they were looked up (two).
    let pairs: usize = questions
        .iter()
        .map(|q| q["sides"][0]["claims"].as_array().unwrap().len() * q["sides"][1]["claims"].as_array().unwrap().len())
        .sum();
    assert_eq!(pairs, 2, "{json:#}");
    let table = ok(["claims", "--contradictions", "--store", store]);
    assert!(table.starts_with("2 contradicting pairs of claims on 1 question\n"), "{table}");
    let stored = query_csv("SELECT (COUNT(*) AS ?n) WHERE { ?a dos:contradicts ?b }");
    assert_eq!(stored[0][0], "0", "no pair of claims is stored");
    // Every contradicted claim with its reason in the graph: the example query gives one row per
    // claim and question, with its stand and how many claims take the opposite one.
    let reasons = example("contradictions.rq");
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    let kabulov: Vec<&Vec<String>> = reasons.iter().filter(|r| r[2] == "Zamir Kabulov").collect();
    assert_eq!(kabulov.len(), 2, "{reasons:?}");
    assert!(kabulov.iter().all(|r| [r[1].as_str(), &r[4], &r[5]] == ["cooperation", "conflict", "1"]), "{reasons:?}");
    let peskov = reasons.iter().find(|r| r[2] == "Dmitry Peskov").unwrap();
    assert_eq!([peskov[1].as_str(), &peskov[4], &peskov[5]], ["conflict", "cooperation", "2"], "{reasons:?}");
    // `check` counts the same from the positions.
    assert!(ok(["check", "--store", store]).contains("2 contradicting pairs of claims on 1 question "));
}

#[test]
fn written_scores_answer_sparql() {
    let rows = example("central_actors_window.rq");
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert!(rows.iter().any(|r| r[0] == "Taliban") && rows.iter().any(|r| r[0] == "Russia"), "{rows:?}");
    assert_eq!(rows.iter().map(|r| r[3].as_str()).collect::<Vec<_>>(), ["1", "2", "3", "4", "5"]);
    // The same scores as `rank` prints for the window.
    let store = seed_store().to_str().unwrap();
    let csv_out =
        ok(["rank", "--from", "2021-07-01", "--to", "2021-10-31", "--format", "csv", "--top", "5", "--store", store]);
    let printed: Vec<String> = csv_out.lines().skip(1).map(|l| l.split(',').nth(2).unwrap().to_string()).collect();
    assert_eq!(printed, rows.iter().map(|r| r[0].clone()).collect::<Vec<_>>());
}

#[test]
fn rank_by_month_and_filters() {
    let store = seed_store().to_str().unwrap();
    let monthly = ok(["rank", "--by", "month", "--format", "csv", "--top", "3", "--store", store]);
    let header = monthly.lines().next().unwrap();
    assert_eq!(header, "actor,2021-03,2021-07,2021-09,2021-10", "{monthly}");
    assert!(monthly.lines().nth(1).unwrap().starts_with("Taliban,"), "{monthly}");
    // Filters narrow the network: only CONSULT events, only corroborated evidence.
    let consult: serde_json::Value =
        serde_json::from_str(&ok(["rank", "--type", "CONSULT", "--format", "json", "--top", "0", "--store", store]))
            .unwrap();
    let all: serde_json::Value =
        serde_json::from_str(&ok(["rank", "--format", "json", "--top", "0", "--store", store])).unwrap();
    let score = |v: &serde_json::Value, name: &str| {
        v.as_array().unwrap().iter().find(|r| r["label"] == name).map(|r| r["score"].as_f64().unwrap())
    };
    // Shaheen is linked by claims only: ranked on everything, not among CONSULT's actors.
    assert!(score(&all, "Suhail Shaheen").is_some());
    assert_eq!(score(&consult, "Suhail Shaheen"), None, "only actors with CONSULT events are ranked");
    assert!(score(&consult, "Russia").is_some());
    let corroborated = ok(["path", "Suhail Shaheen", "Taliban", "--min-sources", "2", "--store", store]);
    assert!(corroborated.starts_with("no path"), "{corroborated}");
    let places = ok(["rank", "--with-places", "--format", "csv", "--top", "0", "--store", store]);
    assert!(places.contains(",Moscow,Place,"), "{places}");
}

#[test]
fn show_depth_and_every_shortest_path() {
    let store = seed_store().to_str().unwrap();
    let show = ok(["show", "Suhail Shaheen", "--depth", "2", "--full", "--store", store]);
    assert!(show.contains("Neighbours within 2 hops"), "{show}");
    assert!(show.contains("via Suhail Shaheen — Taliban — "), "{show}");
    // Without --full, --depth 2 is summarised: counts per distance and the ten most linked.
    let summary = ok(["show", "Zamir Kabulov", "--depth", "2", "--store", store]);
    let section = &summary[summary.find("Neighbours within 2 hops (").unwrap()..];
    let total: usize = section["Neighbours within 2 hops (".len()..].split(')').next().unwrap().parse().unwrap();
    assert!(total > 10, "{section}");
    assert!(section.lines().nth(1).unwrap().contains(" at 1 hop, ") && section.contains("--full"), "{section}");
    assert_eq!(section.lines().count(), 2 + 10, "{section}");
    assert!(section.lines().nth(2).unwrap().trim_start().starts_with("Taliban "), "the most linked first: {section}");
    let full = ok(["show", "Zamir Kabulov", "--depth", "2", "--full", "--store", store]);
    assert!(full.lines().count() > summary.lines().count() + total);
    let paths = ok(["path", "Suhail Shaheen", "Emomali Rakhmon", "--all", "--max-len", "4", "--store", store]);
    assert!(paths.lines().next().unwrap().ends_with("shortest paths of 3 hops"), "{paths}");
    assert!(paths.contains("Vladimir Putin — Emomali Rakhmon"), "{paths}");
    let none = ok(["path", "Suhail Shaheen", "Emomali Rakhmon", "--max-len", "2", "--store", store]);
    assert!(none.starts_with("no path of at most 2 hops"), "{none}");
}

#[test]
fn show_fits_the_terminal_and_cuts_no_word() {
    let store = seed_store().to_str().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["show", "Zamir Kabulov", "--store", store])
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    // Every sentence is whole: wrapped between words, never "…".
    let sentences = crate::util::query_rows(
        "SELECT DISTINCT ?s WHERE { ?c dos:claimant actor:zamir_kabulov ; gaf:denotedBy ?m . ?m nif:anchorOf ?s }",
        seed_store(),
    );
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for sentence in &sentences {
        let sentence = sentence[0].split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(joined.contains(&sentence), "{sentence} not whole in:\n{text}");
    }
    for line in text.lines().filter(|l| !l.starts_with("  -  ") && !l.starts_with("  20")) {
        assert!(line.chars().count() <= 80 || !line.contains(' '), "longer than 80 columns: {line}");
    }
    // Claim lines end on a whole word.
    for line in text.lines().filter(|l| l.ends_with("…\"")) {
        assert!(line.chars().count() <= 80, "{line}");
        let before = line.trim_end_matches("…\"").rsplit(' ').next().unwrap();
        let content = crate::util::query_rows(
            "SELECT ?c WHERE { { ?x dos:claimant actor:zamir_kabulov } UNION { ?x dos:about actor:zamir_kabulov } ?x dos:content ?c }",
            seed_store(),
        );
        assert!(
            content.iter().any(|c| c[0].split_whitespace().any(|w| w.trim_end_matches([',', ';', ':']) == before)),
            "{line}"
        );
    }
}

#[test]
fn the_library_walks_the_graph() {
    let dossier = dossier::Dossier::open_read_only(seed_store()).unwrap();
    let taliban = dossier.actor("taliban").unwrap().expect("the Taliban are in the graph");
    assert!(taliban
        .events()
        .unwrap()
        .iter()
        .any(|e| e.event_type == "CONSULT" && e.date.as_deref() == Some("2021-07-08")));
    assert!(taliban.claims().unwrap().iter().any(|c| c.claimant.label == "Suhail Shaheen"));
    let near = taliban.neighbours(2).unwrap();
    let russia = near.iter().find(|n| n.actor.label == "Russia").unwrap();
    assert_eq!(russia.distance, 1);
    assert!(!russia.via.events.is_empty() && russia.via.events[0].evidence.iter().all(|e| !e.sentence.is_empty()));
    let hops = dossier.path("Suhail Shaheen", "Emomali Rakhmon").unwrap().unwrap();
    assert_eq!(hops.len(), 3);
    assert_eq!(hops[0].from.label, "Suhail Shaheen");
    assert_eq!(hops[2].to.label, "Emomali Rakhmon");
}

#[test]
fn communities_and_metric_options() {
    let store = seed_store().to_str().unwrap();
    let table = ok(["communities", "--store", store]);
    assert!(table.lines().next().unwrap().contains("communities, modularity 0.2055"), "{table}");
    assert_eq!(table, ok(["communities", "--store", store]), "seeded: the same partition every time");
    let csv_out = ok(["communities", "--format", "csv", "--store", store]);
    assert!(csv_out.starts_with("community,iri,label,type,pagerank"));
    for metric in ["in-degree", "out-degree", "katz", "closeness", "eigenvector"] {
        let out = ok(["rank", "--metric", metric, "--top", "3", "--store", store]);
        assert_eq!(out.lines().count(), 5, "{metric}: {out}");
    }
    let sampled = ok(["rank", "--metric", "betweenness", "--sample", "10", "--format", "csv", "--store", store]);
    let again = ok(["rank", "--metric", "betweenness", "--sample", "10", "--format", "csv", "--store", store]);
    assert_eq!(sampled, again, "a sample is seeded");
    let diverging = dossier(["rank", "--metric", "katz", "--alpha", "0.9", "--store", store]);
    assert_eq!(diverging.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&diverging.stderr).contains("with alpha 0.9"));
}
