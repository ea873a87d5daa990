//! Issue 26, reads at scale: one event and one claim recur in 2,000 documents, as wire copy
//! does. The network, the summary, the contradiction and the briefing must be right, and what
//! they hold must not grow with the number of documents behind an item (asserted on the
//! structure of the answers: one link per pair counted, not 2,000 rows; ten evidence sentences
//! per item; a briefing citing a bounded number of documents). `scripts/bench_reads.sh`
//! measures time and peak memory on 20,000 and 100,000 documents.

use std::path::Path;
use std::sync::OnceLock;

use dossier::analysis::{ActorNetwork, NetworkFilter, Weight};
use dossier::store::Store;

use crate::util::{ok, query_rows};

/// How many documents repeat the event and the claim.
const COPIES: usize = 2000;

const EVENT: &str = "Russia sent aid to Afghanistan on Friday.";
const CLAIM: &str = "Dmitry Peskov said that Russia would not send troops to Afghanistan.";

/// The store of the syndicated corpus, built once (with the summary, kept for the tests).
fn store() -> &'static (tempfile::TempDir, std::path::PathBuf, String) {
    static STORE: OnceLock<(tempfile::TempDir, std::path::PathBuf, String)> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("wire");
        std::fs::create_dir_all(&corpus).unwrap();
        for file in 0..COPIES / 100 {
            let mut lines = String::new();
            for n in file * 100..(file + 1) * 100 {
                let text = format!(
                    "Wire copy {n}\n\n{EVENT} {CLAIM} Local traders in district {n} have complained about rising prices."
                );
                let record = serde_json::json!({
                    "title": format!("Wire copy {n}"), "published": "2021-03-12", "publisher": "Reuters", "text": text,
                });
                lines.push_str(&format!("{record}\n"));
            }
            std::fs::write(corpus.join(format!("wire-{file:02}.jsonl")), lines).unwrap();
        }
        let reversal = serde_json::json!({
            "title": "Peskov", "published": "2021-03-20", "publisher": "TASS",
            "text": "Peskov reverses\n\nDmitry Peskov said that Russia would send troops to Afghanistan.",
        });
        std::fs::write(corpus.join("reversal.jsonl"), format!("{reversal}\n")).unwrap();
        let store = dir.path().join("wire.db");
        let summary = ok([Path::new("build"), &corpus, Path::new("--store"), &store]);
        (dir, store, summary)
    })
}

fn network(filter: &NetworkFilter) -> ActorNetwork {
    let store = Store::open_read_only(&store().1).unwrap();
    ActorNetwork::build(&store, filter).unwrap()
}

fn link<'a>(network: &'a ActorNetwork, from: &str, to: &str) -> &'a dossier::analysis::Link {
    let actor = |name: &str| network.node(&format!("https://w3id.org/dossier/id/actor/{name}")).unwrap();
    let edge = network.graph.find_edge(actor(from), actor(to)).unwrap_or_else(|| panic!("no link {from} -> {to}"));
    &network.graph[edge]
}

#[test]
fn r26_recurring_items_are_counted_once_with_their_sources() {
    let rows = query_rows(
        "SELECT ?type ?n WHERE { ?e sem:eventType ?type ; dos:agent actor:russia ; dos:target actor:afghanistan ; dos:sourceCount ?n }",
        &store().1,
    );
    assert_eq!(rows, [["https://w3id.org/dossier/ontology#AID".to_string(), COPIES.to_string()]]);
    let claims = query_rows(
        "SELECT ?n WHERE { ?c dos:claimant actor:dmitry_peskov ; dos:polarity \"negative\" ; dos:sourceCount ?n }",
        &store().1,
    );
    assert_eq!(claims, [[COPIES.to_string()]]);

    // One link per ordered pair, counted: one event behind Russia -> Afghanistan, reported 2,000 times.
    let items = network(&NetworkFilter::default());
    let aid = link(&items, "russia", "afghanistan");
    assert_eq!((aid.items, aid.sources(), aid.weight), (1, COPIES, 1.0));
    assert_eq!(aid.summary(), "AID");
    // The speaker's two claims (2,000 reports and the reversal) behind each actor they are about.
    let about = link(&items, "dmitry_peskov", "afghanistan");
    assert_eq!((about.items, about.sources()), (2, COPIES + 1));
    assert_eq!(about.summary(), "claim x2");
    // The links the build keeps are those of the evidence (a source count of one reads it).
    let edges = |network: &ActorNetwork| {
        let mut edges: Vec<(String, String, dossier::analysis::Link)> = network
            .graph
            .edge_indices()
            .map(|e| {
                let (a, b) = network.graph.edge_endpoints(e).unwrap();
                (network.graph[a].iri.clone(), network.graph[b].iri.clone(), network.graph[e].clone())
            })
            .collect();
        edges.sort_by(|x, y| (&x.0, &x.1).cmp(&(&y.0, &y.1)));
        edges
    };
    let from_evidence = network(&NetworkFilter { min_sources: 1, ..NetworkFilter::default() });
    assert_eq!(edges(&items), edges(&from_evidence));
    let sources = network(&NetworkFilter { weight: Weight::Sources, ..NetworkFilter::default() });
    assert_eq!(link(&sources, "russia", "afghanistan").weight, COPIES as f64);
    let window = network(&NetworkFilter {
        from: "2021-03-01".parse().ok(),
        to: "2021-03-31".parse().ok(),
        ..NetworkFilter::default()
    });
    assert_eq!(link(&window, "russia", "afghanistan").items, 1);
    let later = network(&NetworkFilter { from: "2021-04-01".parse().ok(), ..NetworkFilter::default() });
    assert_eq!(later.graph.edge_count(), 0, "nothing is dated after March");
}

#[test]
fn r26_summary_and_contradiction_of_recurring_items() {
    let summary = &store().2;
    assert!(summary.contains(&format!("{} documents", COPIES + 1)), "{summary}");
    let aid = summary.lines().find(|l| l.contains("AID")).expect("the event is on the timeline");
    assert!(aid.contains("Russia -> Afghanistan") && aid.contains(&format!("[{COPIES} sources]")), "{aid}");
    let claim = summary.lines().find(|l| l.contains("would not send troops")).expect("the claim is listed");
    assert!(claim.contains(&format!("[{COPIES} sources]")), "{claim}");
    assert!(summary.contains("1. Afghanistan"), "{summary}");

    let store_path = &store().1;
    let contradictions = ok([Path::new("claims"), Path::new("--contradictions"), Path::new("--store"), store_path]);
    assert!(contradictions.starts_with("1 contradicting pairs of claims on 1 question"), "{contradictions}");
    // The claim of 2,000 documents lists its first ten, not all of them.
    let listed = contradictions.lines().find(|l| l.contains("would not send troops")).unwrap();
    assert_eq!(listed.matches("wire-").count(), dossier::traverse::MAX_EVIDENCE, "{listed}");
}

#[test]
fn r26_answers_stay_bounded() {
    let store_path = &store().1;
    // `show` gives each event its first ten sentences.
    let shown = ok([Path::new("show"), Path::new("Russia"), Path::new("--store"), store_path]);
    let evidence = shown.lines().filter(|l| l.contains(EVENT)).count();
    assert_eq!(evidence, dossier::traverse::MAX_EVIDENCE, "{shown}");
    // `path` reads only the items between the two actors.
    let path = ok([Path::new("path"), Path::new("Russia"), Path::new("Afghanistan"), Path::new("--store"), store_path]);
    assert!(path.contains("AID"), "{path}");

    // The briefing of a large store is the bounded one: the best-sourced items, each with three
    // evidence sentences, and only the documents these cite.
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("briefing.html");
    ok([Path::new("brief"), Path::new("-o"), &page, Path::new("--store"), store_path]);
    let html = std::fs::read_to_string(&page).unwrap();
    let items = html.matches("<tr class=\"event").count() + html.matches("<tr class=\"claim").count();
    let documents = html.matches("<article class=\"document\"").count();
    assert!(items >= 3, "the event, the claim and its reversal are shown");
    assert!(documents <= items * dossier::export::html::BRIEF_EVIDENCE, "{documents} documents for {items} items");
    assert!(html.contains("id=\"claim-") && html.contains("class=\"bounded\""));
    assert!(html.len() < 2_000_000, "a briefing of {} bytes", html.len());
}
