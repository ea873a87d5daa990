//! Exports: DOT that Graphviz accepts, CSV tables, RDF that reloads to the same graph.

use std::path::Path;
use std::process::{Command, Stdio};

use dossier::store::Store;
use oxigraph::io::RdfFormat;

use crate::util::{ok, seed_store};

#[test]
fn dot_export_is_accepted_by_graphviz() {
    let dot = ok([Path::new("export"), Path::new("--format"), Path::new("dot"), Path::new("--store"), seed_store()]);
    assert!(dot.starts_with("digraph dossier {"));
    assert!(dot.contains("label=\"Taliban\", shape=octagon"), "armed groups are octagons");
    assert!(dot.contains("CONSULT"), "edges are labelled with event types");
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Graphviz `dot` is installed (.ci/run installs graphviz)");
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), dot.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "dot -Tsvg failed: {}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("<svg"));
}

#[test]
fn nquads_export_reloads_to_the_same_graph() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("graph.nq");
    ok([Path::new("export"), Path::new("-o"), &file, Path::new("--store"), seed_store()]);
    let original = Store::open_read_only(seed_store()).unwrap();
    let reloaded = Store::memory().unwrap();
    reloaded.load(RdfFormat::NQuads, std::fs::File::open(&file).unwrap()).unwrap();
    // The same quads, not only as many: both stores written out and compared line by line.
    let lines = |store: &Store| -> Vec<String> {
        let mut out = Vec::new();
        store.write(RdfFormat::NQuads, &mut out).unwrap();
        let mut lines: Vec<String> = String::from_utf8(out).unwrap().lines().map(str::to_string).collect();
        lines.sort();
        lines
    };
    let (original_lines, reloaded_lines) = (lines(&original), lines(&reloaded));
    // Every quad but the network's index, which exports leave out (derived data a build keeps).
    let index = index_quads(&original);
    assert!(index > 0, "the build keeps the network's index");
    assert_eq!(original_lines.len(), original.len().unwrap() - index);
    assert!(original_lines == reloaded_lines, "the reloaded graph differs from the store");
    // Triple terms survive the round trip.
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("<http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies> <<("), "no rdf:reifies triple term");
}

#[test]
fn rdf_formats_parse_back() {
    let store = seed_store();
    for (format, rdf) in [("turtle", RdfFormat::Turtle), ("trig", RdfFormat::TriG), ("ntriples", RdfFormat::NTriples)] {
        let text = ok([Path::new("export"), Path::new("--format"), Path::new(format), Path::new("--store"), store]);
        let parsed = Store::memory().unwrap();
        parsed.load(rdf, text.as_bytes()).unwrap_or_else(|e| panic!("{format}: {e}"));
        assert!(parsed.len().unwrap() > 1000, "{format}");
    }
    let jsonld = ok([Path::new("export"), Path::new("--format"), Path::new("jsonld"), Path::new("--store"), store]);
    let value: serde_json::Value = serde_json::from_str(&jsonld).expect("JSON-LD is JSON");
    assert!(value.to_string().contains("Taliban"));
    assert!(!jsonld.contains("reifies"), "JSON-LD leaves out triple terms");
}

/// The statements of a store's network index (derived data a build keeps, which exports leave out).
fn index_quads(store: &Store) -> usize {
    store
        .select("SELECT ?s WHERE { GRAPH <https://w3id.org/dossier/id/graph/network> { ?s ?p ?o } }", &[])
        .unwrap()
        .len()
}

/// The default graph of the seed store, sorted (what Turtle and JSON-LD hold).
fn default_graph(store: &Store, triple_terms: bool) -> Vec<String> {
    let mut quads: Vec<String> = store
        .sorted_quads()
        .unwrap()
        .into_iter()
        .filter(|q| q.graph_name.is_default_graph())
        .filter(|q| triple_terms || !matches!(q.object, oxigraph::model::Term::Triple(_)))
        .map(|q| q.to_string())
        .collect();
    quads.sort();
    quads
}

#[test]
fn turtle_and_jsonld_read_well_and_reload_to_the_same_graph() {
    let dir = tempfile::tempdir().unwrap();
    let original = Store::open_read_only(seed_store()).unwrap();
    let export = |name: &str| -> (String, String) {
        let file = dir.path().join(name);
        let output =
            crate::util::dossier([Path::new("export"), Path::new("-o"), &file, Path::new("--store"), seed_store()]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        (std::fs::read_to_string(&file).unwrap(), String::from_utf8(output.stderr).unwrap())
    };
    // Turtle: prefixes, one block per subject, blocks sorted, no escaped local names.
    let (turtle, said) = export("graph.ttl");
    let expected = default_graph(&original, true);
    let count = dossier::export::thousands(expected.len());
    assert!(said.contains(&format!("wrote {}: {count} triples", dir.path().join("graph.ttl").display())), "{said}");
    assert!(turtle.starts_with("@prefix actor: <https://w3id.org/dossier/id/actor/> ."), "{}", &turtle[..200]);
    assert!(!turtle.contains("\\/") && !turtle.contains("\\#"), "local names are not escaped");
    assert!(
        turtle.contains("\nactor:taliban a dos:ArmedGroup , dos:Actor ;")
            || turtle.contains("\nactor:taliban a dos:Actor , dos:ArmedGroup ;")
    );
    let subjects: Vec<&str> = turtle
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(' ') && !l.starts_with("@prefix"))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    let mut sorted = subjects.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(subjects, sorted, "each subject once, in order");
    let parsed = Store::memory().unwrap();
    parsed.load(RdfFormat::Turtle, turtle.as_bytes()).unwrap();
    assert_eq!(default_graph(&parsed, true), expected, "Turtle reloads to the same default graph");
    // JSON-LD: compacted with the vocabulary's prefixes.
    let (jsonld, said) = export("graph.jsonld");
    let without_triple_terms = default_graph(&original, false);
    let count = dossier::export::thousands(without_triple_terms.len());
    assert!(said.contains(&format!(": {count} triples")), "{said}");
    let value: serde_json::Value = serde_json::from_str(&jsonld).unwrap();
    assert_eq!(value["@context"]["dos"], "https://w3id.org/dossier/ontology#");
    let nodes = value["@graph"].as_array().unwrap();
    let taliban = nodes.iter().find(|n| n["@id"] == "actor:taliban").expect("compact @id");
    assert_eq!(taliban["rdfs:label"], "Taliban");
    assert!(taliban["@type"].as_array().unwrap().contains(&serde_json::Value::from("dos:ArmedGroup")));
    assert!(nodes.iter().any(|n| n["dos:agent"].is_object() || n["dos:agent"].is_array()), "readable keys");
    assert!(nodes.iter().any(|n| n["dos:sourceCount"].is_u64()), "integers are numbers");
    let parsed = Store::memory().unwrap();
    parsed.load(RdfFormat::JsonLd { profile: oxigraph::io::JsonLdProfileSet::empty() }, jsonld.as_bytes()).unwrap();
    assert_eq!(default_graph(&parsed, false), without_triple_terms, "JSON-LD expands to the same triples");
    // N-Quads reports quads, over every graph but the network's index (derived data).
    let (_, said) = export("graph.nq");
    let index = index_quads(&original);
    let quads = dossier::export::thousands(original.len().unwrap() - index);
    assert!(said.contains(&format!(": {quads} quads")), "{said}");
}

#[test]
fn csv_tables_for_gephi() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tables");
    ok([
        Path::new("export"),
        Path::new("--format"),
        Path::new("csv"),
        Path::new("-o"),
        &out,
        Path::new("--store"),
        seed_store(),
    ]);
    let mut nodes = csv::Reader::from_path(out.join("nodes.csv")).unwrap();
    assert_eq!(
        nodes.headers().unwrap().iter().collect::<Vec<_>>(),
        ["Id", "Label", "Type", "Degree", "PageRank", "Betweenness"]
    );
    let node_rows: Vec<csv::StringRecord> = nodes.records().map(|r| r.unwrap()).collect();
    assert!(node_rows.iter().all(|r| r.iter().all(|cell| !cell.starts_with("-0.000"))), "no negative zero");
    let node_ids: Vec<String> = node_rows.iter().map(|r| r[0].to_string()).collect();
    let mut edges = csv::Reader::from_path(out.join("edges.csv")).unwrap();
    assert_eq!(
        edges.headers().unwrap().iter().collect::<Vec<_>>(),
        ["Source", "Target", "Type", "Weight", "Sources", "Label"]
    );
    let edges: Vec<csv::StringRecord> = edges.records().map(|r| r.unwrap()).collect();
    assert!(edges.len() > 20);
    for edge in &edges {
        assert!(
            node_ids.contains(&edge[0].to_string()) && node_ids.contains(&edge[1].to_string()),
            "dangling edge {edge:?}"
        );
        assert!(edge[3].parse::<usize>().unwrap() >= 1);
    }
}

#[test]
fn every_vocabulary_term_used_is_declared_in_the_ontology() {
    let ontology = Store::memory().unwrap();
    ontology
        .load(RdfFormat::Turtle, std::fs::File::open(crate::util::root().join("ontology/dossier.ttl")).unwrap())
        .unwrap();
    let declared: std::collections::BTreeSet<String> = ontology
        .select("SELECT DISTINCT ?t WHERE { ?t rdfs:label ?l FILTER(STRSTARTS(STR(?t), STR(dos:))) }", &[])
        .unwrap()
        .iter()
        .map(|r| r.get("t").unwrap().to_string())
        .collect();
    let graph = Store::open_read_only(seed_store()).unwrap();
    let used = graph
        .select(
            "SELECT DISTINCT ?t WHERE { { ?s ?t ?o } UNION { ?s a ?t } UNION { ?s sem:eventType ?t } FILTER(isIRI(?t) && STRSTARTS(STR(?t), STR(dos:))) }",
            &[],
        )
        .unwrap();
    assert!(used.len() > 20);
    for row in used {
        let term = row.get("t").unwrap().to_string();
        assert!(declared.contains(&term), "{term} is used but not declared in ontology/dossier.ttl");
    }
}

#[test]
fn pictures_tables_and_the_briefing_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store();
    for (format, magic) in [("svg", &b"<?xml"[..]), ("png", &b"\x89PNG"[..]), ("pdf", &b"%PDF"[..])] {
        let file = dir.path().join(format!("net.{format}"));
        ok([
            Path::new("export"),
            Path::new("--size-by"),
            Path::new("pagerank"),
            Path::new("-o"),
            &file,
            Path::new("--store"),
            store,
        ]);
        assert!(std::fs::read(&file).unwrap().starts_with(magic), "{format} guessed from the extension");
    }
    let ego = ok([
        Path::new("export"),
        Path::new("--format"),
        Path::new("dot"),
        Path::new("--actor"),
        Path::new("Suhail Shaheen"),
        Path::new("--store"),
        store,
    ]);
    assert!(ego.contains("suhail_shaheen") && !ego.contains("emomali_rakhmon\" ["), "an ego network of one hop");
    let top = ok([
        Path::new("export"),
        Path::new("--format"),
        Path::new("dot"),
        Path::new("--top"),
        Path::new("5"),
        Path::new("--from"),
        Path::new("2021-07-01"),
        Path::new("--store"),
        store,
    ]);
    assert!(top.contains("from 2021-07-01"), "the filter is in the picture's subtitle");
    let tables = dir.path().join("tables");
    ok([
        Path::new("export"),
        Path::new("--format"),
        Path::new("csv"),
        Path::new("-o"),
        &tables,
        Path::new("--store"),
        store,
    ]);
    for name in ["nodes.csv", "edges.csv", "events.csv", "claims.csv"] {
        assert!(tables.join(name).exists(), "{name}");
    }
    let graphml = ok([Path::new("export"), Path::new("--format"), Path::new("graphml"), Path::new("--store"), store]);
    assert!(graphml.contains("<graphml") && graphml.contains("Taliban"));
    let page = dir.path().join("briefing.html");
    ok([
        Path::new("brief"),
        Path::new("-o"),
        &page,
        Path::new("--title"),
        Path::new("Seed <briefing>"),
        Path::new("--store"),
        store,
    ]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("Seed &lt;briefing&gt;") && html.contains("<svg"),
        "a titled, self-contained page with its picture"
    );
    // Self-contained: nothing in the page runs or loads (checked on the parsed page, so that
    // Graphviz's `xmlns="http://www.w3.org/2000/svg"` is told from a resource).
    crate::briefing::assert_inert(&dom_query::Document::from(html.as_str()));
}
