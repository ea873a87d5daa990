//! Regression tests, named after the issue they close.

use std::collections::BTreeMap;
use std::path::Path;

use dossier::analysis::{centrality, ActorNetwork, Metric, MetricOptions, NetworkFilter};
use dossier::export::BriefingOptions;
use dossier::store::Store;
use dossier::traverse;

use crate::util::{dossier, ok, query_rows};

/// Writes documents `from..to` of a corpus where one claim and its opposite recur: Kabulov says
/// Russia will invite the Taliban to talks (cooperation), Peskov that Russia is not planning to
/// negotiate with them (conflict), each document in its own words, so every document brings a
/// claim of its own. Documents alternate between the two stands.
fn recurring_contradiction(dir: &Path, from: usize, to: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in from..to {
        let (name, text) = if i % 2 == 0 {
            (
                format!("invite-{i:05}.txt"),
                format!(
                    "Talks update {i}\n\nMOSCOW, Oct. 1, 2021. Zamir Kabulov said Russia will invite the Taliban \
                     to talks in Moscow (round {i}).\n"
                ),
            )
        } else {
            (
                format!("refuse-{i:05}.txt"),
                format!(
                    "Kremlin update {i}\n\nMOSCOW, Sept. 1, 2021. Dmitry Peskov said Russia is not planning to \
                     negotiate with the Taliban (note {i}).\n"
                ),
            )
        };
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// The stored quads, and those that say which claims contradict which: positions taken, their
/// types and opposites, and any `dos:contradicts` link.
fn quads(store: &Path) -> (usize, usize) {
    let count = |pattern: &str| -> usize {
        query_rows(&format!("SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"), store)[0][0].parse().unwrap()
    };
    let related = count("?s dos:position ?o")
        + count("?s a dos:Position")
        + count("?s dos:opposite ?o")
        + count("?s dos:contradicts ?o");
    (count("?s ?p ?o"), related)
}

/// Issue 26, "Reads at scale": contradictions stay linear. One claim and its opposite recur in
/// 500, then 1,000, then 2,000 documents built into one store in three runs (the first in
/// windows of 128): every answer counts all n/2 x n/2 contradicting pairs, while the stored
/// quads, and those about contradictions in particular, grow with the documents. Before, each
/// pair was stored both ways: 125,000, 500,000 and 2,000,000 `dos:contradicts` links.
#[test]
fn r26_contradictions_stay_linear() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.db");
    let mut measured = Vec::new();
    for (step, (from, to)) in [(0, 500), (500, 1000), (1000, 2000)].into_iter().enumerate() {
        let corpus = dir.path().join(format!("corpus-{step}"));
        recurring_contradiction(&corpus, from, to);
        let window: &[&str] = if step == 0 { &["--window", "128"] } else { &[] };
        ok([Path::new("build"), &corpus, Path::new("--store"), &store, Path::new("-q")]
            .iter()
            .map(|p| p.as_os_str())
            .chain(window.iter().map(std::ffi::OsStr::new)));
        let (n, side) = (to, to / 2);
        let pairs = side * side;
        let store_arg = store.to_str().unwrap();

        // The CLI: one question, Russia's relation to the Taliban, with all claims of both stands.
        let json: serde_json::Value =
            serde_json::from_str(&ok(["claims", "--contradictions", "--format", "json", "--store", store_arg]))
                .unwrap();
        let questions = json.as_array().unwrap();
        assert_eq!(questions.len(), 1, "n = {n}");
        for (s, (stand, speaker)) in
            [("cooperation", "Zamir Kabulov"), ("conflict", "Dmitry Peskov")].iter().enumerate()
        {
            let found = &questions[0]["sides"][s];
            assert_eq!(found["stand"], *stand);
            let claims = found["claims"].as_array().unwrap();
            assert_eq!(claims.len(), side, "n = {n}: the {stand} side");
            assert!(claims.iter().all(|c| c["claimant"]["label"] == *speaker));
        }
        let table = ok(["claims", "--contradictions", "--store", store_arg]);
        assert!(table.starts_with(&format!("{pairs} contradicting pairs of claims on 1 question\n")), "{table:.200}");
        let csv = ok(["claims", "--contradictions", "--format", "csv", "--store", store_arg]);
        assert_eq!(csv.lines().count(), 1 + n, "one row per claim and question");

        // `check`: sound, and the same count from the positions alone.
        let check = ok(["check", "--store", store_arg]);
        assert!(check.contains(&format!("{n} claims")), "{check}");
        assert!(check.contains(&format!("; {pairs} contradicting pairs of claims on 1 question ")), "{check}");
        assert!(check.contains("\nok: "), "{check}");

        // The example query: one row per claim, each contradicted by the whole other side.
        let query = crate::util::root().join("examples/queries/contradictions.rq");
        let rows = ok([
            Path::new("query"),
            Path::new("-f"),
            &query,
            Path::new("--format"),
            Path::new("csv"),
            Path::new("--store"),
            &store,
        ]);
        assert_eq!(rows.lines().count(), 1 + n);
        assert!(rows.lines().skip(1).all(|r| r.ends_with(&format!(",{side}"))), "{rows:.300}");

        measured.push(quads(&store));
    }

    // Linear: at most four contradiction statements per claim (its two positions, and each
    // position's type and opposite, shared by the claims taking it), and each doubling of the
    // documents at most doubles the store.
    let [(q500, r500), (q1000, r1000), (q2000, r2000)] = measured[..] else { unreachable!() };
    for (n, related) in [(500, r500), (1000, r1000), (2000, r2000)] {
        assert!(related >= 2 * n && related <= 4 * n + 4, "n = {n}: {measured:?}");
    }
    assert!(r2000 <= 2 * r1000 + 4 && r1000 <= 2 * r500 + 4, "{measured:?}");
    assert!(q2000 * 100 <= q1000 * 201 && q1000 * 100 <= q500 * 201, "{measured:?}");

    // The briefing counts the pairs and marks every claim, without listing the pairs.
    let page = dir.path().join("briefing.html");
    ok([Path::new("brief"), Path::new("-o"), &page, Path::new("--store"), &store]);
    let page = std::fs::read_to_string(&page).unwrap();
    // A store this large gets the bounded briefing: the 100 best-sourced claims, every one of
    // them marked contradicted, with the pairs counted among the claims shown.
    assert!(page.contains("<dt>Selection</dt><dd class=\"bounded\">A large store: the 100 best-sourced events and 100 best-sourced claims"), "{page:.2000}");
    let shown = page.lines().find(|l| l.starts_with("<dt>Shown</dt>")).expect("the shown line");
    assert!(
        shown.contains(" 100 claims, ") && shown.ends_with("contradicting pairs of claims on 1 question</dd>"),
        "{shown}"
    );
    assert_eq!(page.matches("<tr class=\"claim contradicted\"").count(), 100);
    assert_eq!(
        page.matches("<span class=\"badge contradicted\">contradicted</span> by <a href=\"#contradiction-1\">").count(),
        100
    );
    assert!(page.len() < 4_000_000, "the page grows with the claims: {} bytes", page.len());

    // The library's lookup for one claim: the whole other side.
    let store = Store::open_read_only(&store).unwrap();
    let found = traverse::contradictions(&store).unwrap();
    let kabulov = &found[0].sides[0].claims[0];
    let contradicting = traverse::contradicting(&store, &kabulov.iri).unwrap();
    assert_eq!(contradicting.len(), 1000);
    assert!(contradicting.iter().all(|c| c.claimant.label == "Dmitry Peskov"));
    assert_eq!(traverse::contradicting_pairs(&found), 1_000_000);
}

/// Issue 25: rankings are honest. A window ranks only the actors with evidence in it (not every
/// actor at the baseline score); unnamed collectives and media cited as sources stay out of
/// rankings and pictures unless `--all-actors`; an ego picture's title names its actor; exports
/// say what they wrote.
#[test]
fn r25_rankings_rank_actors_with_evidence_and_leave_collectives_out() {
    let store = crate::util::seed_store();
    let store_arg = store.to_str().unwrap();
    let rank = |args: &[&str]| -> Vec<Vec<String>> {
        let out = ok([&["rank", "--format", "csv", "--top", "0", "--store", store_arg][..], args].concat());
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
    };
    // Actors with an event or claim dated in October 2021, as SPARQL finds them (kinds that are
    // left out by default excepted).
    let active = query_rows(
        "SELECT DISTINCT ?a WHERE {
           { ?x dos:date ?d ; dos:agent|dos:target ?a . ?x dos:agent ?p ; dos:target ?q FILTER(?p != ?q) }
           UNION { ?x dct:date ?d ; dos:claimant|dos:about ?a . ?x dos:claimant ?p ; dos:about ?q FILTER(?p != ?q) }
           FILTER(?d >= \"2021-10-01\"^^xsd:date && ?d <= \"2021-10-31\"^^xsd:date)
           FILTER NOT EXISTS { ?a a dos:Group } FILTER NOT EXISTS { ?a a dos:MediaOrganization }
         } ORDER BY ?a",
        store,
    );
    let october = rank(&["--from", "2021-10-01", "--to", "2021-10-31"]);
    let mut ranked: Vec<String> = october.iter().map(|r| r[1].clone()).collect();
    ranked.sort();
    let mut expected: Vec<String> = active.into_iter().map(|r| r[0].clone()).collect();
    expected.sort();
    assert!(!ranked.is_empty());
    assert!(
        ranked.iter().all(|a| expected.contains(a)),
        "ranked without evidence in October: {ranked:?} vs {expected:?}"
    );
    // No tie at the baseline fills the table: the whole ranking has fewer actors than the store.
    let everyone = rank(&[]);
    assert!(october.len() < everyone.len() / 2, "{} of {}", october.len(), everyone.len());
    // Month by month: an actor without evidence in a month has no score for it.
    let monthly = ok(["rank", "--by", "month", "--format", "json", "--top", "0", "--store", store_arg]);
    let monthly: serde_json::Value = serde_json::from_str(&monthly).unwrap();
    let kabulov = monthly.as_array().unwrap().iter().find(|a| a["label"] == "Zamir Kabulov").unwrap();
    assert!(kabulov["scores"].get("2021-03").is_none(), "{kabulov}");
    // Collectives and media cited as sources: out by default, back with --all-actors.
    let types = |rows: &[Vec<String>]| rows.iter().map(|r| r[3].clone()).collect::<std::collections::BTreeSet<_>>();
    assert!(!types(&everyone).contains("Group"), "{everyone:?}");
    assert!(!everyone.iter().any(|r| r[2] == "neighbouring countries" || r[2] == "Russian news agencies"));
    let all = rank(&["--all-actors"]);
    assert!(types(&all).contains("Group"));
    assert!(all.iter().any(|r| r[2] == "neighbouring countries"));
    assert!(all.len() > everyone.len());
    // The picture leaves them out too, and an ego picture is titled with its actor.
    let dir = tempfile::tempdir().unwrap();
    let dot = dir.path().join("taliban.dot");
    let output = crate::util::dossier([
        "export",
        "--actor",
        "Taliban",
        "--depth",
        "1",
        "-o",
        dot.to_str().unwrap(),
        "--store",
        store_arg,
    ]);
    assert!(output.status.success());
    let text = std::fs::read_to_string(&dot).unwrap();
    assert!(text.contains("graph [label=\"Taliban and the actors 1 link away (dossier: 5 documents"), "{text}");
    assert!(!text.contains("afghanistan_neighbors"), "{text}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("wrote ") && stderr.contains("taliban.dot: a picture of "), "{stderr}");
}

/// Issue 25: a speaker against himself is a self-contradiction in every output, never a red
/// self-loop among the contradictions between speakers.
#[test]
fn r25_a_self_contradiction_is_shown_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), "Russia said it would send troops to Tajikistan.\n").unwrap();
    std::fs::write(corpus.join("b.txt"), "Russia said it would not send troops to Tajikistan.\n").unwrap();
    let store = dir.path().join("store.db");
    let store_arg = store.to_str().unwrap();
    ok(["build", corpus.to_str().unwrap(), "--store", store_arg, "--quiet"]);
    let listed = ok(["claims", "--contradictions", "--store", store_arg]);
    assert!(listed.contains("self-contradiction: Russia takes both stands"), "{listed}");
    let dot = ok(["export", "--format", "dot", "--all-actors", "--store", store_arg]);
    assert!(!dot.contains("russia\" -> \"https://w3id.org/dossier/id/actor/russia\""), "no self-loop: {dot}");
    assert!(dot.contains("(contradicts self)"), "{dot}");
    let page = dir.path().join("brief.html");
    ok(["brief", "-o", page.to_str().unwrap(), "--store", store_arg]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("Self-contradiction: Russia took both stands."), "the briefing says so");
}

/// A store of two actors and two CONSULT events between them: one dated 10 July 2021 (a day),
/// one dated "July 2021" (a month), each with its own agent so each makes its own link.
fn month_and_day_store() -> Store {
    let store = Store::memory().unwrap();
    store
        .update(
            "INSERT DATA {
               actor:russia a dos:Actor, dos:Country ; rdfs:label \"Russia\" .
               actor:qatar a dos:Actor, dos:Country ; rdfs:label \"Qatar\" .
               actor:taliban a dos:Actor, dos:ArmedGroup ; rdfs:label \"Taliban\" .
               <https://w3id.org/dossier/id/event/day> a sem:Event ; sem:eventType dos:CONSULT ; dos:status \"occurred\" ;
                 dos:agent actor:russia ; dos:target actor:taliban ; dos:sourceCount 1 ;
                 dos:date \"2021-07-10\"^^xsd:date ; dos:datePrecision \"day\" .
               <https://w3id.org/dossier/id/event/month> a sem:Event ; sem:eventType dos:CONSULT ; dos:status \"occurred\" ;
                 dos:agent actor:qatar ; dos:target actor:taliban ; dos:sourceCount 1 ;
                 dos:date \"2021-07-01\"^^xsd:date ; dos:datePrecision \"month\" .
             }",
        )
        .unwrap();
    store
}

/// The event rows of the HTML briefing's timeline, by their date cell.
fn timeline_dates(store: &Store, filter: &NetworkFilter) -> Vec<String> {
    let mut page = Vec::new();
    let options = BriefingOptions::default().with_filter(filter.clone()).without_picture();
    dossier::export::write_briefing(store, &options, &mut page).unwrap();
    let dom = dom_query::Document::from(String::from_utf8(page).unwrap().as_str());
    dom.select("#timeline tr.event td.date").iter().map(|cell| cell.text().to_string()).collect()
}

/// Issue 23: the HTML briefing kept items with `NetworkFilter`'s rules but without their date
/// precision, so with `--from/--to` an event dated "July 2021" was in the timeline of 1-15 July
/// while the picture (the network) left it out. Both now ask `NetworkFilter::keeps`, and so
/// does the bounded listing of a large store (`traverse::best_sourced`).
#[test]
fn r23_the_briefing_keeps_what_the_network_keeps() {
    let store = month_and_day_store();
    let first_half = NetworkFilter {
        from: Some(jiff::civil::date(2021, 7, 1)),
        to: Some(jiff::civil::date(2021, 7, 15)),
        ..NetworkFilter::default()
    };
    let network = ActorNetwork::build(&store, &first_half).unwrap();
    let linked: Vec<&str> = network
        .graph
        .edge_indices()
        .map(|e| network.graph[network.graph.edge_endpoints(e).unwrap().0].label.as_str())
        .collect();
    assert_eq!(linked, ["Russia"], "the network keeps the day, not the month");
    assert_eq!(timeline_dates(&store, &first_half), ["2021-07-10"], "the timeline keeps what the network keeps");
    let best = traverse::best_sourced(&store, traverse::ItemClass::Event, 10, &first_half).unwrap();
    assert_eq!(best, ["https://w3id.org/dossier/id/event/day"]);

    // A window holding the whole month keeps both, everywhere.
    let july = NetworkFilter { to: Some(jiff::civil::date(2021, 7, 31)), ..first_half };
    assert_eq!(ActorNetwork::build(&store, &july).unwrap().graph.edge_count(), 2);
    let mut dates = timeline_dates(&store, &july);
    dates.sort();
    assert_eq!(dates, ["2021-07", "2021-07-10"]);
    assert_eq!(traverse::best_sourced(&store, traverse::ItemClass::Event, 10, &july).unwrap().len(), 2);
}

/// The scores of `dossier rank --format csv` (all actors), by IRI.
fn cli_scores(store: &Path, extra: &[&str]) -> BTreeMap<String, f64> {
    let mut args = vec!["rank", "--format", "csv", "--top", "0", "--store", store.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = ok(args);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    reader.records().map(|r| r.unwrap()).map(|r| (r[1].to_string(), r[4].parse().unwrap())).collect()
}

/// Issue 23: `rank --metric pagerank --damping 0.9` (or `--raw`, `--sample`, `--alpha`) switched
/// PageRank to unweighted without a word, against `--weighted`'s help ("without it PageRank and
/// eigenvector are weighted"), and the stored parameters did not say so. Now every option keeps
/// the metric's defaults for what it does not set, and the stored parameters name the weights.
#[test]
fn r23_pagerank_options_keep_its_weights() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("seeds.db");
    ok([Path::new("build"), &crate::util::seeds(), Path::new("--store"), &store, Path::new("-q")]);
    let network = ActorNetwork::from_store(&Store::open_read_only(&store).unwrap()).unwrap();
    let by_iri = |scores: Vec<f64>| -> BTreeMap<String, f64> {
        network.graph.node_indices().map(|n| (network.graph[n].iri.clone(), scores[n.index()])).collect()
    };
    let damped = |weighted: bool| {
        let options = MetricOptions { weighted, damping: 0.9, ..MetricOptions::default() };
        by_iri(centrality::compute_with(&network, Metric::PageRank, &options).unwrap())
    };
    let (weighted, unweighted) = (damped(true), damped(false));
    let gap = weighted.iter().map(|(iri, w)| (w - unweighted[iri]).abs()).fold(0.0, f64::max);
    assert!(gap > 1e-3, "the seed network's weights change PageRank (largest difference {gap})");

    let close = |a: &BTreeMap<String, f64>, b: &BTreeMap<String, f64>| {
        a.len() == b.len() && a.iter().all(|(iri, x)| (x - b[iri]).abs() < 1e-12)
    };
    assert!(close(&cli_scores(&store, &["--damping", "0.9"]), &weighted), "--damping keeps the weights");
    let default = by_iri(centrality::compute(&network, Metric::PageRank).unwrap());
    for options in [&["--raw"][..], &["--sample", "3"], &["--alpha", "0.05"]] {
        assert!(close(&cli_scores(&store, options), &default), "{options:?} does not change PageRank");
    }

    ok(["rank", "--damping", "0.9", "--write", "--store", store.to_str().unwrap()]);
    let parameters = query_rows("SELECT DISTINCT ?p WHERE { GRAPH graph:analysis { ?r dos:parameters ?p } }", &store);
    assert_eq!(parameters, [["weight=items weighted damping=0.9"]]);
}

/// Issue 23: usage errors exit with 2, as README promises, not 1: values clap checks itself
/// (`--auth`, `--timeout`), an option another needs (`merge --memory` without `-o`), and what is
/// checked before anything runs (an export format that cannot be guessed, CSV without a folder).
#[test]
fn r23_usage_errors_exit_with_2() {
    for (args, says) in [
        (&["push", "--endpoint", "http://127.0.0.1:9/data", "--auth", "nocolon"][..], "takes USER:PASS"),
        (&["serve", "--timeout", "0"], "is not a positive number of seconds"),
        (&["serve", "--timeout", "NaN"], "is not a positive number of seconds"),
        (&["merge", "part.nq", "--memory"], "--output"),
        (&["export", "-o", "graph.unknown"], "give --format"),
        (&["export", "--format", "csv"], "give the folder with -o DIR"),
        (&["rank", "--metric", "fame"], "unknown metric"),
    ] {
        let output = dossier(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}
