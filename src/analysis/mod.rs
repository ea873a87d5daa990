//! The actor network and what can be computed on it: centrality, paths, neighbourhoods.
//!
//! **The network.** Nodes are the actors of the store (places too with
//! [`NetworkFilter::with_places`]). There is a directed edge agent -> target for each event with
//! both, and claimant -> subject for each claim about another actor (with places: agent -> place
//! of an event, claimant -> place a claim is about). Parallel evidence collapses into one edge per
//! ordered pair, whose weight is the number of supporting events and claims, or with
//! [`Weight::Sources`] the number of distinct documents behind them. A [`NetworkFilter`] keeps
//! only the evidence dated within a window, of one PLOVER type, or backed by enough sources.
//! Metrics that need an undirected graph use the undirected view, where the weights of a->b and
//! b->a add up.
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
pub mod community;
mod csr;

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use jiff::civil::Date;
use oxigraph::model::Term;
use petgraph::graph::{DiGraph, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::lexicon::ActorKind;
use crate::plover::EventType;
use crate::store::{Store, StoreError};
pub use centrality::{Metric, MetricOptions};

/// An analysis that could not be done.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AnalysisError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("eigenvector centrality did not converge in {0} iterations")]
    NoConvergence(usize),
    #[error("Katz centrality did not converge in {iterations} iterations with alpha {alpha} (alpha must be below 1/λmax; try a smaller --alpha)")]
    KatzNoConvergence { alpha: f64, iterations: usize },
}

/// A node of the network: one actor.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ActorNode {
    pub iri: String,
    pub label: String,
    pub kind: ActorKind,
}

/// An edge: everything that links one actor to another in one direction.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Link {
    /// Event IRIs and claim IRIs supporting the edge.
    pub items: BTreeSet<String>,
    /// Counts per kind of evidence: a PLOVER type, or "claim".
    pub kinds: BTreeMap<String, usize>,
    /// Documents behind the evidence.
    pub documents: BTreeSet<String>,
    /// The edge weight the metrics use: `items` or `documents` counted, per [`Weight`].
    pub weight: f64,
}

impl Link {
    /// The edge weight the metrics use (see [`Weight`]).
    pub fn weight(&self) -> f64 {
        self.weight
    }

    /// Number of supporting events and claims.
    pub fn support(&self) -> usize {
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

/// What an edge's weight counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weight {
    /// Supporting events and claims.
    #[default]
    Items,
    /// Distinct documents behind them.
    Sources,
}

/// Which evidence makes the network.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkFilter {
    /// Only evidence dated on or after this day (undated evidence is left out when a window is set).
    pub from: Option<Date>,
    /// Only evidence dated on or before this day.
    pub to: Option<Date>,
    /// Only events of this PLOVER type (claims are then left out).
    pub event_type: Option<EventType>,
    /// Only events and claims reported by at least this many documents.
    pub min_sources: usize,
    /// Places as nodes, linked to the events that happen there and the claims about them.
    pub with_places: bool,
    pub weight: Weight,
}

impl NetworkFilter {
    /// Whether an item with this kind, date (its period's first day), precision and number of
    /// sources is kept: a dated item is in the window when its whole period is ("2018" is not
    /// in January 2018, "the week of 5 July" is in July).
    fn keeps(&self, kind: &str, date: Option<&str>, precision: Option<&str>, sources: usize) -> bool {
        if sources < self.min_sources {
            return false;
        }
        if let Some(wanted) = self.event_type {
            if kind != wanted.as_str() {
                return false;
            }
        }
        if self.from.is_some() || self.to.is_some() {
            let Some(date) = date.and_then(|d| d.get(..10)?.parse::<Date>().ok()) else { return false };
            let last = match precision {
                Some("year") => date.last_of_year(),
                Some("month") => date.last_of_month(),
                _ => date,
            };
            if self.from.is_some_and(|from| date < from) || self.to.is_some_and(|to| last > to) {
                return false;
            }
        }
        true
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
  { ?a a dos:Actor } UNION { ?a a dos:Place FILTER({places}) }
  ?a rdfs:label ?name ; a ?class .
  FILTER(?class != dos:Actor && STRSTARTS(STR(?class), STR(dos:)))
} GROUP BY ?a ORDER BY ?a";

const EVENT_EDGES: &str = "SELECT ?item ?kind ?from ?to ?doc ?date ?precision ?sources WHERE {
  ?item a sem:Event ; sem:eventType ?type ; dos:agent ?from ; prov:wasDerivedFrom ?doc .
  { ?item dos:target ?to } UNION { ?item sem:hasPlace ?to FILTER({places}) }
  OPTIONAL { ?item dos:date ?date } OPTIONAL { ?item dos:datePrecision ?precision }
  OPTIONAL { ?item dos:sourceCount ?sources }
  FILTER(?from != ?to)
  BIND(STRAFTER(STR(?type), STR(dos:)) AS ?kind)
}";

const CLAIM_EDGES: &str = "SELECT ?item ?kind ?from ?to ?doc ?date ?precision ?sources WHERE {
  ?item a dos:Claim ; dos:claimant ?from ; dos:about ?to ; prov:wasDerivedFrom ?doc .
  OPTIONAL { ?item dct:date ?date } OPTIONAL { ?item dos:sourceCount ?sources }
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
        ActorNetwork::build(store, &NetworkFilter::default())
    }

    /// Builds the network of the evidence a filter keeps.
    pub fn build(store: &Store, filter: &NetworkFilter) -> Result<ActorNetwork, AnalysisError> {
        // A boolean of ours, not a user's value: spliced into the query text.
        let places = |query: &str| query.replace("{places}", if filter.with_places { "true" } else { "false" });
        let mut network = ActorNetwork::default();
        for row in store.select(&places(NODES), &[])? {
            let iri = text(row.get("a"));
            let class = text(row.get("type"));
            let kind =
                class.strip_prefix(crate::vocab::DOS).and_then(ActorKind::from_class_name).unwrap_or(ActorKind::Group);
            let index = network.graph.add_node(ActorNode { iri: iri.clone(), label: text(row.get("label")), kind });
            network.index.insert(iri, index);
        }
        let mut links: BTreeMap<(NodeIndex, NodeIndex), Link> = BTreeMap::new();
        for query in [EVENT_EDGES, CLAIM_EDGES] {
            if query == CLAIM_EDGES && filter.event_type.is_some() {
                continue;
            }
            for row in store.select(&places(query), &[])? {
                let (Some(&from), Some(&to)) =
                    (network.index.get(&text(row.get("from"))), network.index.get(&text(row.get("to"))))
                else {
                    continue;
                };
                let kind = text(row.get("kind"));
                let date = row.get("date").map(|t| text(Some(t)));
                let precision = row.get("precision").map(|t| text(Some(t)));
                let sources = row.get("sources").map(|t| text(Some(t))).and_then(|s| s.parse().ok()).unwrap_or(1);
                if !filter.keeps(&kind, date.as_deref(), precision.as_deref(), sources) {
                    continue;
                }
                let link = links.entry((from, to)).or_default();
                if link.items.insert(text(row.get("item"))) {
                    *link.kinds.entry(kind).or_default() += 1;
                }
                link.documents.insert(text(row.get("doc")));
            }
        }
        for ((from, to), mut link) in links {
            link.weight = match filter.weight {
                Weight::Items => link.items.len() as f64,
                Weight::Sources => link.documents.len() as f64,
            };
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
            *weights.entry((a, b)).or_default() += edge.weight().weight();
        }
        for ((a, b), w) in weights {
            graph.add_edge(a, b, w);
        }
        graph
    }

    /// Actors ranked by a metric with its default options, best first (ties by label).
    pub fn rank(&self, metric: Metric) -> Result<Vec<Ranking>, AnalysisError> {
        Ok(self.ranking(centrality::compute(self, metric)?))
    }

    /// Actors ranked by a metric with these options, best first (ties by label).
    pub fn rank_with(&self, metric: Metric, options: &MetricOptions) -> Result<Vec<Ranking>, AnalysisError> {
        Ok(self.ranking(centrality::compute_with(self, metric, options)?))
    }

    /// Actors ordered by scores (one per node index), best first, ties by label.
    pub fn ranking(&self, scores: Vec<f64>) -> Vec<Ranking> {
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
        rows
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

    /// Every shortest path (fewest hops, undirected view) between two actors, at most `limit`
    /// of them, sorted by the labels along the way; none when the shortest is longer than
    /// `max_len` hops.
    pub fn all_shortest_paths(
        &self,
        from: NodeIndex,
        to: NodeIndex,
        max_len: usize,
        limit: usize,
    ) -> Vec<Vec<NodeIndex>> {
        let undirected = self.undirected();
        let mut distance: HashMap<NodeIndex, usize> = HashMap::from([(from, 0)]);
        let mut parents: HashMap<NodeIndex, Vec<NodeIndex>> = HashMap::new();
        let mut queue = VecDeque::from([from]);
        while let Some(node) = queue.pop_front() {
            let d = distance[&node];
            if d >= max_len || distance.get(&to).is_some_and(|&t| d >= t) {
                continue;
            }
            for next in undirected.neighbors(node) {
                match distance.get(&next) {
                    None => {
                        distance.insert(next, d + 1);
                        parents.entry(next).or_default().push(node);
                        queue.push_back(next);
                    }
                    Some(&e) if e == d + 1 => parents.entry(next).or_default().push(node),
                    _ => {}
                }
            }
        }
        if !distance.contains_key(&to) {
            return Vec::new();
        }
        let mut paths: Vec<Vec<NodeIndex>> = Vec::new();
        let mut stack: Vec<Vec<NodeIndex>> = vec![vec![to]];
        while let Some(partial) = stack.pop() {
            let head = *partial.last().expect("never empty");
            if head == from {
                let mut path = partial.clone();
                path.reverse();
                paths.push(path);
                continue;
            }
            for parent in parents.get(&head).into_iter().flatten() {
                let mut longer = partial.clone();
                longer.push(*parent);
                stack.push(longer);
            }
        }
        paths.sort_by_key(|p| p.iter().map(|n| self.graph[*n].label.clone()).collect::<Vec<_>>());
        paths.truncate(limit);
        paths
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
