//! Centrality metrics with NetworkX semantics.
//!
//! Betweenness, closeness and eigenvector centrality come from `rustworkx-core` (checked against
//! NetworkX to 1e-13) on the undirected view. PageRank is written here: petgraph's is O(V²) per
//! iteration and does not spread the rank of dangling nodes; this one is O(E) per iteration and
//! follows `networkx.pagerank` exactly (damping 0.85, weights, dangling nodes spread uniformly,
//! stop when the L1 change is below N·1e-6).
//!
//! ```
//! use dossier::analysis::centrality::page_rank;
//! use petgraph::graph::DiGraph;
//!
//! let mut g = DiGraph::<(), f64>::new();
//! let (a, b, c) = (g.add_node(()), g.add_node(()), g.add_node(()));
//! g.add_edge(a, b, 1.0);
//! g.add_edge(b, c, 1.0);
//! let ranks = page_rank(&g, |w| *w, 0.85, 100, 1e-6);
//! assert!((ranks.iter().sum::<f64>() - 1.0).abs() < 1e-9);
//! assert!(ranks[2] > ranks[1] && ranks[1] > ranks[0]);
//! ```

use std::str::FromStr;

use petgraph::visit::{EdgeRef, IntoEdgeReferences, IntoNodeIdentifiers, NodeCount, NodeIndexable};

use super::{ActorNetwork, AnalysisError};

/// A centrality metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Metric {
    /// NetworkX `degree_centrality` of the directed network: (in + out) / (n - 1).
    Degree,
    /// NetworkX `pagerank`, directed, weighted by the number of supporting events and claims.
    PageRank,
    /// NetworkX `betweenness_centrality`, undirected view, unweighted, normalised.
    Betweenness,
    /// NetworkX `closeness_centrality`, undirected view (Wasserman–Faust for disconnected graphs).
    Closeness,
    /// NetworkX `eigenvector_centrality`, undirected view, weighted.
    Eigenvector,
}

impl Metric {
    pub const ALL: [Metric; 5] =
        [Metric::Degree, Metric::PageRank, Metric::Betweenness, Metric::Closeness, Metric::Eigenvector];

    /// The name used on the command line and in the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            Metric::Degree => "degree",
            Metric::PageRank => "pagerank",
            Metric::Betweenness => "betweenness",
            Metric::Closeness => "closeness",
            Metric::Eigenvector => "eigenvector",
        }
    }
}

impl FromStr for Metric {
    type Err = String;

    fn from_str(text: &str) -> Result<Metric, String> {
        Metric::ALL
            .into_iter()
            .find(|m| m.as_str() == text.to_ascii_lowercase())
            .ok_or_else(|| format!("unknown metric {text:?} (degree, pagerank, betweenness, closeness, eigenvector)"))
    }
}

/// Scores of every node of the network, by node index.
pub fn compute(network: &ActorNetwork, metric: Metric) -> Result<Vec<f64>, AnalysisError> {
    let n = network.graph.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    Ok(match metric {
        Metric::Degree => {
            let scale = if n > 1 { 1.0 / (n - 1) as f64 } else { 1.0 };
            network
                .graph
                .node_indices()
                .map(|v| {
                    let degree = network.graph.neighbors_directed(v, petgraph::Direction::Outgoing).count()
                        + network.graph.neighbors_directed(v, petgraph::Direction::Incoming).count();
                    degree as f64 * scale
                })
                .collect()
        }
        Metric::PageRank => page_rank(&network.graph, |link| link.weight(), 0.85, 100, 1e-6),
        Metric::Betweenness => {
            let undirected = network.undirected();
            rustworkx_core::centrality::betweenness_centrality(&undirected, false, true, 200)
                .into_iter()
                .map(|s| s.unwrap_or(0.0))
                .collect()
        }
        Metric::Closeness => {
            let undirected = network.undirected();
            rustworkx_core::centrality::closeness_centrality(&undirected, true, 200)
                .into_iter()
                .map(|s| s.unwrap_or(0.0))
                .collect()
        }
        Metric::Eigenvector => {
            let undirected = network.undirected();
            let result = rustworkx_core::centrality::eigenvector_centrality(
                &undirected,
                |e| Ok::<f64, std::convert::Infallible>(*e.weight()),
                Some(100),
                Some(1e-6),
            );
            match result {
                Ok(Some(scores)) => scores,
                _ => return Err(AnalysisError::NoConvergence(100)),
            }
        }
    })
}

/// PageRank with NetworkX semantics on any petgraph graph.
///
/// # Arguments
/// - `graph`: a directed graph (an undirected one counts each edge both ways);
/// - `weight`: the weight of an edge (NetworkX's `weight` attribute);
/// - `damping`: NetworkX's `alpha`, usually 0.85;
/// - `max_iterations`, `tolerance`: stop when the L1 change is below `n * tolerance`.
///
/// # Returns
/// One score per node, by `NodeIndexable::to_index`, summing to 1. If the iteration does not
/// converge the last iterate is returned (NetworkX raises instead).
///
/// # Complexity
/// O(V + E) per iteration.
pub fn page_rank<G, F>(graph: G, mut weight: F, damping: f64, max_iterations: usize, tolerance: f64) -> Vec<f64>
where
    G: IntoEdgeReferences + IntoNodeIdentifiers + NodeIndexable + NodeCount,
    F: FnMut(&<G as petgraph::visit::Data>::EdgeWeight) -> f64,
    G: petgraph::visit::Data + petgraph::visit::GraphProp,
{
    let n = graph.node_count();
    if n == 0 {
        return Vec::new();
    }
    let directed = graph.is_directed();
    let mut edges: Vec<(usize, usize, f64)> = Vec::new();
    for edge in graph.edge_references() {
        let (a, b, w) = (graph.to_index(edge.source()), graph.to_index(edge.target()), weight(edge.weight()));
        edges.push((a, b, w));
        if !directed && a != b {
            edges.push((b, a, w));
        }
    }
    let bound = graph.node_bound();
    let mut out_weight = vec![0.0; bound];
    for &(a, _, w) in &edges {
        out_weight[a] += w;
    }
    let nodes: Vec<usize> = graph.node_identifiers().map(|v| graph.to_index(v)).collect();
    let uniform = 1.0 / n as f64;
    let mut rank = vec![0.0; bound];
    for &v in &nodes {
        rank[v] = uniform;
    }
    for _ in 0..max_iterations {
        let previous = rank.clone();
        let dangling: f64 = nodes.iter().filter(|&&v| out_weight[v] == 0.0).map(|&v| previous[v]).sum();
        let base = damping * dangling * uniform + (1.0 - damping) * uniform;
        for &v in &nodes {
            rank[v] = base;
        }
        for &(a, b, w) in &edges {
            rank[b] += damping * previous[a] * w / out_weight[a];
        }
        let change: f64 = nodes.iter().map(|&v| (rank[v] - previous[v]).abs()).sum();
        if change < n as f64 * tolerance {
            break;
        }
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;
    use petgraph::graph::DiGraph;

    #[test]
    fn page_rank_matches_networkx_on_a_small_graph() {
        // networkx.pagerank(nx.DiGraph([(0,1),(0,2),(1,2),(2,0),(3,2)])) — node 3 has no in-links.
        let mut g = DiGraph::<(), f64>::new();
        let nodes: Vec<_> = (0..4).map(|_| g.add_node(())).collect();
        for (a, b) in [(0, 1), (0, 2), (1, 2), (2, 0), (3, 2)] {
            g.add_edge(nodes[a], nodes[b], 1.0);
        }
        let ranks = page_rank(&g, |w| *w, 0.85, 100, 1e-6);
        let expected = [0.3725262460913331, 0.19582365458881656, 0.39415009931985023, 0.0375];
        for (got, want) in ranks.iter().zip(expected) {
            assert!((got - want).abs() < 1e-9, "{ranks:?}");
        }
    }

    #[test]
    fn dangling_nodes_spread_uniformly() {
        // networkx.pagerank(nx.DiGraph([(0,1)])) == {0: 0.3508773619358619, 1: 0.649122638064138}
        let mut g = DiGraph::<(), f64>::new();
        let (a, b) = (g.add_node(()), g.add_node(()));
        g.add_edge(a, b, 1.0);
        let ranks = page_rank(&g, |w| *w, 0.85, 100, 1e-6);
        assert!(
            (ranks[0] - 0.3508773619358619).abs() < 1e-9 && (ranks[1] - 0.649122638064138).abs() < 1e-9,
            "{ranks:?}"
        );
    }
}
