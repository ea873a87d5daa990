//! Every metric against NetworkX: the fixtures of `scripts/reference_centrality.py`.
//!
//! `tests/data/centrality/{seed,random}.json` hold, per node, NetworkX's value of each metric on
//! the seed network and on a seeded random graph (500 nodes, 2,000 weighted edges), with the
//! NetworkX call and the options that reproduce it. Scores must agree to 1e-6 (relative above 1).

use std::collections::HashMap;

use dossier::analysis::centrality::{self, betweenness, compute_with, weighted_betweenness, MetricOptions, Sources};
use dossier::analysis::community::{louvain, modularity};
use dossier::analysis::{ActorNetwork, ActorNode, AnalysisError, Link, Metric};
use dossier::lexicon::ActorKind;
use petgraph::graph::NodeIndex;
use serde_json::Value;

use crate::util::root;

struct Fixture {
    data: Value,
    network: ActorNetwork,
    index: HashMap<String, NodeIndex>,
}

/// The fixture `name` and its network, nodes in the fixture's order, edges from its CSV.
fn fixture(name: &str) -> Fixture {
    let dir = root().join("tests/data/centrality");
    let data: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap()).unwrap();
    let mut network = ActorNetwork::default();
    let mut index = HashMap::new();
    for id in data["nodes"].as_array().unwrap() {
        let id = id.as_str().unwrap().to_string();
        let node = network.graph.add_node(ActorNode { iri: id.clone(), label: id.clone(), kind: ActorKind::Group });
        index.insert(id, node);
    }
    let mut reader = csv::Reader::from_path(dir.join(format!("{name}_edges.csv"))).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (source, target, weight) = (column("Source"), column("Target"), column("Weight"));
    for record in reader.records() {
        let record = record.unwrap();
        let weight: f64 = record[weight].parse().unwrap();
        network.graph.add_edge(index[&record[source]], index[&record[target]], Link { weight, ..Link::default() });
    }
    assert_eq!(network.graph.edge_count() as u64, data["edges"].as_u64().unwrap());
    assert_eq!(network.undirected().edge_count() as u64, data["undirected_edges"].as_u64().unwrap());
    Fixture { data, network, index }
}

fn agrees(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-6 * want.abs().max(1.0)
}

/// Checks every case of a fixture; returns the number of values compared.
fn check_cases(name: &str) -> usize {
    let f = fixture(name);
    let mut compared = 0;
    let mut failures = Vec::new();
    for case in f.data["cases"].as_array().unwrap() {
        let options = &case["options"];
        let metric: Metric = options["metric"].as_str().unwrap().parse().unwrap();
        let flag = |key: &str, default: bool| options.get(key).and_then(Value::as_bool).unwrap_or(default);
        let number = |key: &str, default: f64| options.get(key).and_then(Value::as_f64).unwrap_or(default);
        let opts = MetricOptions {
            weighted: flag("weighted", false),
            normalized: flag("normalized", true),
            alpha: number("alpha", 0.1),
            beta: number("beta", 1.0),
            ..MetricOptions::default()
        };
        let scores = match options.get("pivots") {
            // NetworkX's own pivot draw, replayed: compares the estimator, not the random draw.
            Some(pivots) => {
                let pivots: Vec<usize> =
                    pivots.as_array().unwrap().iter().map(|p| f.index[p.as_str().unwrap()].index()).collect();
                let undirected = f.network.undirected();
                let sources = Sources::Given(pivots);
                if opts.weighted {
                    weighted_betweenness(&undirected, |w| 1.0 / *w, opts.normalized, &sources)
                } else {
                    betweenness(&undirected, opts.normalized, &sources)
                }
            }
            None => compute_with(&f.network, metric, &opts).unwrap(),
        };
        let values = case["values"].as_object().unwrap();
        assert_eq!(values.len(), scores.len(), "{name} {}", case["name"]);
        for (id, want) in values {
            let (got, want) = (scores[f.index[id].index()], want.as_f64().unwrap());
            compared += 1;
            if !agrees(got, want) {
                failures.push(format!("{name} / {} / {id}: dossier {got}, NetworkX {want}", case["name"]));
            }
        }
    }
    assert!(failures.is_empty(), "{} values differ from NetworkX:\n{}", failures.len(), failures.join("\n"));
    compared
}

#[test]
fn every_metric_matches_networkx_on_the_seed_network() {
    assert_eq!(check_cases("seed"), 22 * 38);
}

#[test]
fn every_metric_matches_networkx_on_a_random_graph() {
    assert_eq!(check_cases("random"), 22 * 500);
}

fn check_communities(name: &str) {
    let f = fixture(name);
    let communities = &f.data["communities"];
    let undirected = f.network.undirected();
    for row in communities["partitions"].as_array().unwrap() {
        let mut membership = vec![usize::MAX; f.network.graph.node_count()];
        for (id, c) in row["membership"].as_object().unwrap() {
            membership[f.index[id].index()] = c.as_u64().unwrap() as usize;
        }
        let resolution = row["resolution"].as_f64().unwrap();
        let (got, want) =
            (modularity(&undirected, |w| *w, &membership, resolution), row["modularity"].as_f64().unwrap());
        assert!(agrees(got, want), "{name} {} at {resolution}: dossier {got}, NetworkX {want}", row["partition"]);
    }
    let ours = louvain(&f.network, 1.0, 42);
    let networkx = communities["louvain_modularity"].as_f64().unwrap();
    assert!(
        ours.modularity >= networkx - 0.02,
        "{name}: Louvain modularity {} vs NetworkX {networkx}",
        ours.modularity
    );
    let recomputed = modularity(&undirected, |w| *w, &ours.membership, 1.0);
    assert!((recomputed - ours.modularity).abs() < 1e-12);
    // Numbered by first appearance in node order.
    let mut next = 0;
    for &c in &ours.membership {
        assert!(c <= next);
        next = next.max(c + 1);
    }
}

#[test]
fn louvain_and_modularity_match_networkx_on_the_seed_network() {
    check_communities("seed");
}

#[test]
fn louvain_and_modularity_match_networkx_on_a_random_graph() {
    check_communities("random");
}

#[test]
fn compute_keeps_the_historical_defaults() {
    let f = fixture("random");
    let case = |name: &str| {
        let case = f.data["cases"].as_array().unwrap().iter().find(|c| c["name"] == name).unwrap();
        let values = case["values"].as_object().unwrap();
        move |scores: Vec<f64>, index: &HashMap<String, NodeIndex>| {
            values.iter().all(|(id, want)| agrees(scores[index[id].index()], want.as_f64().unwrap()))
        }
    };
    for (metric, name) in [
        (Metric::Degree, "degree"),
        (Metric::PageRank, "pagerank weighted"),
        (Metric::Betweenness, "betweenness"),
        (Metric::Closeness, "closeness"),
        (Metric::Eigenvector, "eigenvector weighted"),
        (Metric::Katz, "katz"),
    ] {
        assert!(case(name)(centrality::compute(&f.network, metric).unwrap(), &f.index), "{metric}");
    }
}

#[test]
fn katz_with_too_large_an_alpha_is_an_error() {
    let f = fixture("random");
    let options = MetricOptions { alpha: 0.5, ..MetricOptions::default() };
    assert!(matches!(
        compute_with(&f.network, Metric::Katz, &options),
        Err(AnalysisError::KatzNoConvergence { iterations: 1000, .. })
    ));
}

#[test]
fn sampled_betweenness_is_seeded_and_close_to_exact() {
    let f = fixture("random");
    let exact = compute_with(&f.network, Metric::Betweenness, &MetricOptions::default()).unwrap();
    let options = MetricOptions { sample: Some(250), seed: 7, ..MetricOptions::default() };
    let a = compute_with(&f.network, Metric::Betweenness, &options).unwrap();
    assert_eq!(a, compute_with(&f.network, Metric::Betweenness, &options).unwrap());
    let worst = exact.iter().zip(&a).map(|(e, s)| (e - s).abs()).fold(0.0, f64::max);
    let largest = exact.iter().copied().fold(0.0, f64::max);
    assert!(worst < 0.25 * largest, "max error {worst} against a largest score of {largest}");
    let all = MetricOptions { sample: Some(500), ..MetricOptions::default() };
    assert_eq!(compute_with(&f.network, Metric::Betweenness, &all).unwrap(), exact);
}

#[test]
fn scores_are_the_same_bits_whatever_the_thread_count() {
    let f = fixture("random");
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| {
            [(false, None), (true, None), (false, Some(100)), (true, Some(100))]
                .into_iter()
                .flat_map(|(weighted, sample)| {
                    let options = MetricOptions { weighted, sample, ..MetricOptions::default() };
                    [Metric::Betweenness, Metric::Closeness]
                        .map(|metric| compute_with(&f.network, metric, &options).unwrap())
                })
                .map(|scores| scores.iter().map(|s| s.to_bits()).collect::<Vec<u64>>())
                .collect::<Vec<_>>()
        })
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(5));
}
