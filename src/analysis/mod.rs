//! The actor network and what can be computed on it: centrality, paths, neighbourhoods.
//!
//! **The network.** Nodes are the actors of the store (places are not actors). There is a
//! directed edge agent -> target for each event with both, and claimant -> subject for each
//! claim about another actor. Parallel evidence collapses into one edge per ordered pair, whose
//! weight is the number of supporting events and claims and whose `sources` is the number of
//! distinct documents behind them. Metrics that need an undirected graph (betweenness,
//! closeness, eigenvector) use the undirected view, where the weights of a->b and b->a add up.
//!
//! ```
//! use dossier::analysis::{ActorNetwork, Metric};
//! use dossier::store::Store;
//!
//! let store = Store::memory()?;
//! let network = ActorNetwork::from_store(&store)?;
//! assert_eq!(network.graph.node_count(), 0);
//! assert!(network.rank(Metric::PageRank)?.is_empty());
//! # Ok::<(), dossier::analysis::AnalysisError>(())
//! ```

pub mod centrality;

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use oxigraph::model::Term;
use petgraph::graph::{DiGraph, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;

use crate::lexicon::ActorKind;
use crate::store::{Store, StoreError};
pub use centrality::Metric;

/// An analysis that could not be done.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AnalysisError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("eigenvector centrality did not converge in {0} iterations")]
    NoConvergence(usize),
}

/// A node of the network: one actor.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ActorNode {
    pub iri: String,
    pub label: String,
    pub kind: ActorKind,
}

/// An edge: everything that links one actor to another in one direction.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Link {
    /// Event IRIs and claim IRIs supporting the edge.
    pub items: BTreeSet<String>,
    /// Counts per kind of evidence: a PLOVER type, or "claim".
    pub kinds: BTreeMap<String, usize>,
    /// Documents behind the evidence.
    pub documents: BTreeSet<String>,
}

impl Link {
    /// Number of supporting events and claims.
    pub fn weight(&self) -> usize {
        self.items.len()
    }

    /// Number of distinct documents behind them.
    pub fn sources(&self) -> usize {
        self.documents.len()
    }

    /// "CONSULT x2, claim x1"-style summary, kinds sorted by name.
    pub fn summary(&self) -> String {
        self.kinds
            .iter()
            .map(|(k, n)| if *n > 1 { format!("{k} x{n}") } else { k.clone() })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One actor's score under a metric.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Ranking {
    pub rank: usize,
    pub iri: String,
    pub label: String,
    pub kind: ActorKind,
    pub score: f64,
}

/// The actor network, as a petgraph graph.
#[derive(Debug, Clone, Default)]
pub struct ActorNetwork {
    pub graph: DiGraph<ActorNode, Link>,
    index: HashMap<String, NodeIndex>,
}

const NODES: &str = "SELECT ?a (MIN(?name) AS ?label) (MIN(?class) AS ?type) WHERE {
  ?a a dos:Actor ; rdfs:label ?name ; a ?class .
  FILTER(?class != dos:Actor && STRSTARTS(STR(?class), STR(dos:)))
} GROUP BY ?a ORDER BY ?a";

const EVENT_EDGES: &str = "SELECT ?item ?kind ?from ?to ?doc WHERE {
  ?item a sem:Event ; sem:eventType ?type ; dos:agent ?from ; dos:target ?to ; prov:wasDerivedFrom ?doc .
  ?from a dos:Actor . ?to a dos:Actor .
  FILTER(?from != ?to)
  BIND(STRAFTER(STR(?type), STR(dos:)) AS ?kind)
}";

const CLAIM_EDGES: &str = "SELECT ?item ?kind ?from ?to ?doc WHERE {
  ?item a dos:Claim ; dos:claimant ?from ; dos:about ?to ; prov:wasDerivedFrom ?doc .
  ?from a dos:Actor . ?to a dos:Actor .
  FILTER(?from != ?to)
  BIND(\"claim\" AS ?kind)
}";

fn text(term: Option<&Term>) -> String {
    match term {
        Some(Term::NamedNode(n)) => n.as_str().to_string(),
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

impl ActorNetwork {
    /// Builds the network of everything in the store.
    pub fn from_store(store: &Store) -> Result<ActorNetwork, AnalysisError> {
        let mut network = ActorNetwork::default();
        for row in store.select(NODES, &[])? {
            let iri = text(row.get("a"));
            let class = text(row.get("type"));
            let kind =
                class.strip_prefix(crate::vocab::DOS).and_then(ActorKind::from_class_name).unwrap_or(ActorKind::Group);
            let index = network.graph.add_node(ActorNode { iri: iri.clone(), label: text(row.get("label")), kind });
            network.index.insert(iri, index);
        }
        let mut links: BTreeMap<(NodeIndex, NodeIndex), Link> = BTreeMap::new();
        for query in [EVENT_EDGES, CLAIM_EDGES] {
            for row in store.select(query, &[])? {
                let (Some(&from), Some(&to)) =
                    (network.index.get(&text(row.get("from"))), network.index.get(&text(row.get("to"))))
                else {
                    continue;
                };
                let link = links.entry((from, to)).or_default();
                let item = text(row.get("item"));
                if link.items.insert(item) {
                    *link.kinds.entry(text(row.get("kind"))).or_default() += 1;
                }
                link.documents.insert(text(row.get("doc")));
            }
        }
        for ((from, to), link) in links {
            network.graph.add_edge(from, to, link);
        }
        Ok(network)
    }

    /// The node of an actor IRI.
    pub fn node(&self, iri: &str) -> Option<NodeIndex> {
        self.index.get(iri).copied()
    }

    /// The undirected view: one edge per linked pair, weights of both directions added.
    pub fn undirected(&self) -> UnGraph<(), f64> {
        let mut graph = UnGraph::with_capacity(self.graph.node_count(), self.graph.edge_count());
        for _ in self.graph.node_indices() {
            graph.add_node(());
        }
        let mut weights: BTreeMap<(NodeIndex, NodeIndex), f64> = BTreeMap::new();
        for edge in self.graph.edge_references() {
            let (a, b) = (edge.source().min(edge.target()), edge.source().max(edge.target()));
            *weights.entry((a, b)).or_default() += edge.weight().weight() as f64;
        }
        for ((a, b), w) in weights {
            graph.add_edge(a, b, w);
        }
        graph
    }

    /// Actors ranked by a metric, best first (ties by label).
    pub fn rank(&self, metric: Metric) -> Result<Vec<Ranking>, AnalysisError> {
        let scores = centrality::compute(self, metric)?;
        let mut rows: Vec<Ranking> = self
            .graph
            .node_indices()
            .map(|n| {
                let node = &self.graph[n];
                Ranking {
                    rank: 0,
                    iri: node.iri.clone(),
                    label: node.label.clone(),
                    kind: node.kind,
                    score: scores[n.index()],
                }
            })
            .collect();
        rows.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.label.cmp(&b.label)));
        for (position, row) in rows.iter_mut().enumerate() {
            row.rank = position + 1;
        }
        Ok(rows)
    }

    /// A shortest path between two actors in the undirected view (fewest hops), if any.
    pub fn shortest_path(&self, from: NodeIndex, to: NodeIndex) -> Option<Vec<NodeIndex>> {
        let undirected = self.undirected();
        let mut previous: HashMap<NodeIndex, NodeIndex> = HashMap::new();
        let mut queue = VecDeque::from([from]);
        let mut seen = BTreeSet::from([from]);
        while let Some(node) = queue.pop_front() {
            if node == to {
                let mut path = vec![to];
                let mut at = to;
                while let Some(&p) = previous.get(&at) {
                    path.push(p);
                    at = p;
                }
                path.reverse();
                return Some(path);
            }
            let mut neighbours: Vec<NodeIndex> = undirected.neighbors(node).collect();
            neighbours.sort();
            for next in neighbours {
                if seen.insert(next) {
                    previous.insert(next, node);
                    queue.push_back(next);
                }
            }
        }
        None
    }

    /// The links between two actors, in both directions.
    pub fn links_between(&self, a: NodeIndex, b: NodeIndex) -> Vec<(NodeIndex, NodeIndex, &Link)> {
        let mut links = Vec::new();
        for (from, to) in [(a, b), (b, a)] {
            if let Some(edge) = self.graph.find_edge(from, to) {
                links.push((from, to, &self.graph[edge]));
            }
        }
        links
    }

    /// Actors within `depth` hops of `start` (undirected), with their distance, nearest first.
    pub fn neighbourhood(&self, start: NodeIndex, depth: usize) -> Vec<(NodeIndex, usize)> {
        let undirected = self.undirected();
        let mut distance = BTreeMap::from([(start, 0usize)]);
        let mut queue = VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            let d = distance[&node];
            if d == depth {
                continue;
            }
            for next in undirected.neighbors(node) {
                if let std::collections::btree_map::Entry::Vacant(slot) = distance.entry(next) {
                    slot.insert(d + 1);
                    queue.push_back(next);
                }
            }
        }
        let mut found: Vec<(NodeIndex, usize)> = distance.into_iter().filter(|(n, _)| *n != start).collect();
        found.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| self.graph[a.0].label.cmp(&self.graph[b.0].label)));
        found
    }
}
