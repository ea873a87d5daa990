//! The actor network and what can be computed on it: centrality, paths, neighbourhoods.
//!
//! **The network.** Nodes are the actors of the store (places too with
//! [`NetworkFilter::with_places`]), but for unnamed collectives and media organisations in no
//! event unless [`NetworkFilter::all_actors`]; with a window, a type or a source count, only
//! those with evidence it keeps. There is a directed edge agent -> target for each event with
//! both, and claimant -> subject for each claim about another actor (with places: agent -> place
//! of an event, claimant -> place a claim is about). Parallel evidence collapses into one edge per
//! ordered pair, whose weight is the number of supporting events and claims, or with
//! [`Weight::Sources`] the number of reports behind them (their `dos:sourceCount`s added up).
//! A [`NetworkFilter`] keeps only the evidence dated within a window (a claim that documents
//! date differently by its earliest date), of one PLOVER type, or backed by enough sources.
//! Metrics that need an undirected graph use the undirected view, where the weights of a->b and
//! b->a add up.
//!
//! **Cost.** The network is read from the links the build keeps ([`crate::links`]): one
//! statement per actor, so time and memory follow the linked pairs, however many items and
//! documents back them. A filter with a window or a source count, and a store without a
//! complete index, read the evidence instead: one row per item and actor pair, streamed into
//! per-pair counts, nothing per document (an item's documents are its source count) and nothing
//! held per item (tested on 2,000 copies of one event and one claim).
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
mod run;

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::Arc;

use jiff::civil::Date;
use oxigraph::model::Term;
use petgraph::graph::{DiGraph, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::lexicon::ActorKind;
use crate::plover::EventType;
use crate::store::{Store, StoreError};
pub use centrality::{Metric, MetricOptions};
pub use run::{AnalysisRun, Communities, PeriodScores};

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

/// An edge: everything that links one actor to another in one direction, as counts.
///
/// A link holds no list of items or documents, so its size does not grow with the evidence: an
/// event that three thousand documents report adds one to `items` and three thousand to
/// `sources`. [`crate::traverse::hop`] reads the items themselves when they are wanted.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Link {
    /// Number of events and claims supporting the edge.
    pub items: usize,
    /// Counts per kind of evidence: a PLOVER type, or "claim".
    pub kinds: KindCounts,
    /// Reports behind the evidence: the sum of its items' source counts (`dos:sourceCount`, the
    /// documents that state each item). A document that states two of the items counts twice.
    pub sources: usize,
    /// The edge weight the metrics use: `items` or `sources`, per [`Weight`].
    pub weight: f64,
}

impl Link {
    /// The edge weight the metrics use (see [`Weight`]).
    pub fn weight(&self) -> f64 {
        self.weight
    }

    /// Number of supporting events and claims.
    pub fn support(&self) -> usize {
        self.items
    }

    /// Number of reports behind them (each item's source count, added up).
    pub fn sources(&self) -> usize {
        self.sources
    }

    /// "CONSULT x2, claim x1"-style summary, kinds sorted by name.
    pub fn summary(&self) -> String {
        self.kinds
            .iter()
            .map(|(k, n)| if n > 1 { format!("{k} x{n}") } else { k.to_string() })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// How many items of each kind support a link (a PLOVER type, or "claim"), sorted by kind.
///
/// A link has one or two kinds, and a network of 100,000 documents has 837,355 links: a sorted
/// vector of names shared between links (`Arc<str>`) keeps them in a few dozen bytes, where a map
/// of owned strings took a B-tree node each (BENCHMARKS.md, "A network in bounded memory").
///
/// ```
/// use dossier::analysis::KindCounts;
///
/// let mut kinds = KindCounts::default();
/// kinds.add("claim", 2);
/// kinds.add("CONSULT", 1);
/// kinds.add("claim", 1);
/// assert_eq!(kinds.iter().collect::<Vec<_>>(), [("CONSULT", 1), ("claim", 3)]);
/// assert_eq!(kinds.get("claim"), Some(3));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KindCounts(Vec<(Arc<str>, usize)>);

impl KindCounts {
    /// Adds `n` items of `kind`.
    pub fn add(&mut self, kind: &str, n: usize) {
        self.add_shared(kind, n, || Arc::from(kind));
    }

    /// Adds `n` items of `kind`, taking the name from `name` only when the kind is new here.
    fn add_shared(&mut self, kind: &str, n: usize, name: impl FnOnce() -> Arc<str>) {
        match self.0.binary_search_by(|(k, _)| (**k).cmp(kind)) {
            Ok(i) => self.0[i].1 += n,
            Err(i) => {
                self.0.reserve_exact(1);
                self.0.insert(i, (name(), n));
            }
        }
    }

    /// Each kind and its count, sorted by kind.
    pub fn iter(&self) -> impl Iterator<Item = (&str, usize)> + '_ {
        self.0.iter().map(|(k, n)| (&**k, *n))
    }

    /// The kinds, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.0.iter().map(|(k, _)| &**k)
    }

    /// Adds the counts of `other`, moving its names.
    fn absorb(&mut self, other: KindCounts) {
        for (name, n) in other.0 {
            let kind = name.clone();
            self.add_shared(&kind, n, || name);
        }
    }

    /// The count of one kind.
    pub fn get(&self, kind: &str) -> Option<usize> {
        self.iter().find(|(k, _)| *k == kind).map(|(_, n)| n)
    }

    /// Whether no kind is counted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<K: AsRef<str>> FromIterator<(K, usize)> for KindCounts {
    fn from_iter<I: IntoIterator<Item = (K, usize)>>(iter: I) -> Self {
        let mut kinds = KindCounts::default();
        for (kind, n) in iter {
            kinds.add(kind.as_ref(), n);
        }
        kinds
    }
}

impl Serialize for KindCounts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// What an edge's weight counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weight {
    /// Supporting events and claims.
    #[default]
    Items,
    /// Reports behind them (the items' source counts added up).
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
    /// Every actor a node, vague collectives and media cited as sources too. Without it (the
    /// default) the network leaves out `dos:Group` actors (unnamed collectives: "neighbouring
    /// countries", "diplomatic missions") and media organisations that take part in no event
    /// (outlets a text cites as its source), which would otherwise take central places they
    /// do not hold.
    pub all_actors: bool,
}

impl NetworkFilter {
    /// Whether the filter looks at dates (a `from` or `to` is set).
    fn dated(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    /// Whether the filter keeps only part of the evidence (a window, a type, a source count):
    /// then only actors with kept evidence are nodes.
    fn narrows(&self) -> bool {
        self.dated() || self.event_type.is_some() || self.min_sources > 0
    }
}

impl NetworkFilter {
    /// Whether an item with this kind, date (its period's first day), precision and number of
    /// sources is kept: a dated item is in the window when its whole period is ("2018" is not
    /// in January 2018, "the week of 5 July" is in July).
    ///
    /// ```
    /// use dossier::analysis::NetworkFilter;
    ///
    /// let filter = NetworkFilter { min_sources: 2, ..NetworkFilter::default() };
    /// assert!(filter.keeps("CONSULT", Some("2021-10-20"), Some("day"), 3));
    /// assert!(!filter.keeps("claim", None, None, 1));
    /// ```
    pub fn keeps(&self, kind: &str, date: Option<&str>, precision: Option<&str>, sources: usize) -> bool {
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
    /// The filter the network was built with (what [`crate::traverse::hop`] keeps).
    pub filter: NetworkFilter,
}

/// Every actor (and place, with `places`), sorted by IRI, with its label and class: the least
/// of each when there are several, as SPARQL's `MIN` would give. Read by index lookups, one actor
/// at a time: a grouped, sorted SPARQL query over 55,036 actors took 10 s and 450 MB at 100,000
/// documents, decoding every IRI it compared.
fn actors(store: &Store, places: bool) -> Result<Vec<(String, String, ActorKind)>, StoreError> {
    let mut iris = Vec::new();
    let classes = if places { &["Actor", "Place"][..] } else { &["Actor"][..] };
    for class in classes {
        let class: Term = oxigraph::model::NamedNode::new_unchecked(crate::vocab::dos(class)).into();
        store.each_statement(None, crate::vocab::RDF_TYPE, Some(&class), |iri, _| iris.push(iri.to_string()))?;
    }
    iris.sort_unstable();
    iris.dedup();
    let generic = crate::vocab::dos("Actor");
    let mut actors = Vec::with_capacity(iris.len());
    for iri in iris {
        let label = store.objects(&iri, crate::vocab::RDFS_LABEL)?.into_iter().filter_map(|t| match t {
            Term::Literal(l) => Some(l.destruct().0),
            _ => None,
        });
        let Some(label) = label.min() else { continue };
        let class = store.objects(&iri, crate::vocab::RDF_TYPE)?.into_iter().filter_map(|t| match t {
            Term::NamedNode(n) if n.as_str() != generic && n.as_str().starts_with(crate::vocab::DOS) => {
                Some(n.into_string())
            }
            _ => None,
        });
        let Some(class) = class.min() else { continue };
        let kind =
            class.strip_prefix(crate::vocab::DOS).and_then(ActorKind::from_class_name).unwrap_or(ActorKind::Group);
        actors.push((iri, label, kind));
    }
    Ok(actors)
}

/// One row per event, agent and target (or place): no document, no date, so an event reported
/// by thousands of documents is one row, and rows stream into per-pair counts.
const EVENT_EDGES: &str = "SELECT ?item ?type ?from ?to ?sources WHERE {
  ?item a sem:Event ; sem:eventType ?type ; dos:agent ?from .
  { ?item dos:target ?to } UNION { ?item sem:hasPlace ?to FILTER({places}) }
  OPTIONAL { ?item dos:sourceCount ?sources }
  FILTER(?from != ?to)
}";

/// One row per claim and actor it is about.
const CLAIM_EDGES: &str = "SELECT ?item ?from ?to ?sources WHERE {
  ?item a dos:Claim ; dos:claimant ?from ; dos:about ?to .
  OPTIONAL { ?item dos:sourceCount ?sources }
  FILTER(?from != ?to)
}";

fn text(term: Option<&Term>) -> String {
    match term {
        Some(Term::NamedNode(n)) => n.as_str().to_string(),
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn named(term: Option<&Term>) -> Option<&str> {
    match term {
        Some(Term::NamedNode(n)) => Some(n.as_str()),
        _ => None,
    }
}

/// The date an item is placed at, and its precision: an event's `dos:date`, a claim's earliest
/// `dct:date` (documents may date one claim differently). Read with index lookups, only when a
/// filter has a window.
fn item_date(store: &Store, item: &str, claim: bool) -> Result<(Option<String>, Option<String>), StoreError> {
    let date_predicate = if claim { "http://purl.org/dc/terms/date" } else { "https://w3id.org/dossier/ontology#date" };
    let date = store.objects(item, date_predicate)?.iter().map(|t| text(Some(t))).min();
    let precision = if claim {
        None
    } else {
        store.objects(item, "https://w3id.org/dossier/ontology#datePrecision")?.first().map(|t| text(Some(t)))
    };
    Ok((date, precision))
}

/// Links as they are counted: one entry per piece of evidence read, sorted and merged by pair
/// whenever the entries double, so that memory stays within about twice the distinct pairs
/// whatever the order of the evidence (837,355 pairs at 100,000 documents).
#[derive(Default)]
struct Tally {
    entries: Vec<((NodeIndex, NodeIndex), Link)>,
    merged: usize,
}

impl Tally {
    /// Below this many entries, no merge.
    const FIRST_MERGE: usize = 1 << 16;

    fn add(&mut self, pair: (NodeIndex, NodeIndex), link: Link) {
        self.entries.push((pair, link));
        if self.entries.len() >= (2 * self.merged).max(Self::FIRST_MERGE) {
            self.merge();
        }
    }

    fn merge(&mut self) {
        self.entries.sort_unstable_by_key(|(pair, _)| *pair);
        self.entries.dedup_by(|(pair, later), (kept_pair, kept)| {
            if pair != kept_pair {
                return false;
            }
            kept.items += later.items;
            kept.sources += later.sources;
            kept.kinds.absorb(std::mem::take(&mut later.kinds));
            true
        });
        self.entries.shrink_to_fit();
        self.merged = self.entries.len();
    }

    /// One link per pair, sorted by pair.
    fn into_links(mut self) -> Vec<((NodeIndex, NodeIndex), Link)> {
        self.merge();
        self.entries
    }
}

/// Which actors are nodes (by provisional index): without [`NetworkFilter::all_actors`], no
/// unnamed collective (`dos:Group`) and no media organisation that takes part in no event; with
/// a filter that [narrows](NetworkFilter::narrows) the evidence, only actors with kept evidence
/// among those (so a window ranks the actors active in it, not every actor at the baseline).
fn kept_nodes(
    graph: &DiGraph<ActorNode, Link>,
    links: &[((NodeIndex, NodeIndex), Link)],
    filter: &NetworkFilter,
) -> Vec<bool> {
    let mut in_events = vec![false; graph.node_count()];
    for ((from, to), link) in links {
        if link.kinds.keys().any(|k| k != "claim") {
            in_events[from.index()] = true;
            in_events[to.index()] = true;
        }
    }
    let mut keep: Vec<bool> = graph
        .node_indices()
        .map(|n| {
            filter.all_actors
                || match graph[n].kind {
                    ActorKind::Group => false,
                    ActorKind::MediaOrganization => in_events[n.index()],
                    _ => true,
                }
        })
        .collect();
    if filter.narrows() {
        let mut linked = vec![false; graph.node_count()];
        for ((from, to), _) in links {
            if keep[from.index()] && keep[to.index()] {
                linked[from.index()] = true;
                linked[to.index()] = true;
            }
        }
        for (k, l) in keep.iter_mut().zip(linked) {
            *k &= l;
        }
    }
    keep
}

impl ActorNetwork {
    /// Builds the network of everything in the store.
    pub fn from_store(store: &Store) -> Result<ActorNetwork, AnalysisError> {
        ActorNetwork::build(store, &NetworkFilter::default())
    }

    /// Builds the network of the evidence a filter keeps, over the actors it keeps (see
    /// [`NetworkFilter::all_actors`]; with a window, type or source count, only actors with
    /// evidence kept).
    ///
    /// ```
    /// use dossier::analysis::{ActorNetwork, NetworkFilter};
    /// use dossier::store::Store;
    ///
    /// let store = Store::memory()?;
    /// store.update("INSERT DATA {
    ///   actor:a a dos:Actor, dos:Country ; rdfs:label \"A\" . actor:b a dos:Actor, dos:Country ; rdfs:label \"B\" .
    ///   actor:n a dos:Actor, dos:Group ; rdfs:label \"neighbours\" . actor:c a dos:Actor, dos:Country ; rdfs:label \"C\" .
    ///   id:e1 a sem:Event ; sem:eventType dos:CONSULT ; dos:agent actor:a ; dos:target actor:b ; dos:date \"2021-07-01\"^^xsd:date .
    ///   id:e2 a sem:Event ; sem:eventType dos:CONSULT ; dos:agent actor:n ; dos:target actor:a ; dos:date \"2021-07-01\"^^xsd:date }")?;
    /// let labels = |n: &ActorNetwork| n.graph.node_weights().map(|a| a.label.clone()).collect::<Vec<_>>();
    /// assert_eq!(labels(&ActorNetwork::build(&store, &NetworkFilter::default())?), ["A", "B", "C"]);
    /// let all = NetworkFilter { all_actors: true, ..NetworkFilter::default() };
    /// assert_eq!(labels(&ActorNetwork::build(&store, &all)?), ["A", "B", "C", "neighbours"]);
    /// let july = NetworkFilter { from: "2021-07-01".parse().ok(), ..NetworkFilter::default() };
    /// assert_eq!(labels(&ActorNetwork::build(&store, &july)?), ["A", "B"], "C has no evidence in July");
    /// # Ok::<(), dossier::analysis::AnalysisError>(())
    /// ```
    pub fn build(store: &Store, filter: &NetworkFilter) -> Result<ActorNetwork, AnalysisError> {
        // A boolean of ours, not a user's value: spliced into the query text.
        let places = |query: &str| query.replace("{places}", if filter.with_places { "true" } else { "false" });
        // Every actor first (provisional indices); the nodes kept are chosen once the links are known.
        let mut network = ActorNetwork::default();
        for (iri, label, kind) in actors(store, filter.with_places)? {
            let index = network.graph.add_node(ActorNode { iri: iri.clone(), label, kind });
            network.index.insert(iri, index);
        }
        // Kind names shared by every link (a handful of PLOVER types and "claim").
        let mut names: BTreeMap<String, Arc<str>> = BTreeMap::new();
        let mut count = |link: &mut Link, kind: &str, n: usize| {
            link.kinds.add_shared(kind, n, || match names.get(kind) {
                Some(name) => name.clone(),
                None => names.entry(kind.to_string()).or_insert_with(|| Arc::from(kind)).clone(),
            });
        };
        let mut tally = Tally::default();
        let mut failure: Option<StoreError> = None;
        // The index the build keeps answers whatever needs no date and no per-item source count.
        let indexed = !filter.dated()
            && filter.min_sources == 0
            && crate::links::each_link(store, |from, line, counts| {
                if line.role == crate::links::Role::Place && !filter.with_places {
                    return;
                }
                if filter.event_type.is_some_and(|wanted| line.kind != wanted.as_str()) {
                    return;
                }
                let (Some(&from), Some(&to)) = (network.index.get(from), network.index.get(line.to)) else {
                    return;
                };
                if from == to {
                    return;
                }
                let mut link =
                    Link { items: counts.items as usize, sources: counts.sources as usize, ..Link::default() };
                count(&mut link, line.kind, counts.items as usize);
                tally.add((from, to), link);
            })?;
        for query in [EVENT_EDGES, CLAIM_EDGES] {
            if indexed {
                break;
            }
            let claim = query == CLAIM_EDGES;
            if claim && filter.event_type.is_some() {
                continue;
            }
            store.select_each(&places(query), &[], |row| {
                if failure.is_some() {
                    return;
                }
                let (Some(&from), Some(&to)) = (
                    named(row.get("from")).and_then(|iri| network.index.get(iri)),
                    named(row.get("to")).and_then(|iri| network.index.get(iri)),
                ) else {
                    return;
                };
                let kind = if claim {
                    "claim"
                } else {
                    named(row.get("type")).and_then(|t| t.strip_prefix(crate::vocab::DOS)).unwrap_or_default()
                };
                let sources = text(row.get("sources")).parse().unwrap_or(1);
                let (date, precision) = match (filter.dated(), named(row.get("item"))) {
                    (true, Some(item)) => match item_date(store, item, claim) {
                        Ok(found) => found,
                        Err(e) => {
                            failure = Some(e);
                            return;
                        }
                    },
                    _ => (None, None),
                };
                if !filter.keeps(kind, date.as_deref(), precision.as_deref(), sources) {
                    return;
                }
                let mut link = Link { items: 1, sources, ..Link::default() };
                count(&mut link, kind, 1);
                tally.add((from, to), link);
            })?;
            if let Some(e) = failure.take() {
                return Err(e.into());
            }
        }
        let links = tally.into_links();
        let keep = kept_nodes(&network.graph, &links, filter);
        let kept_count = keep.iter().filter(|k| **k).count();
        let mut kept = ActorNetwork { filter: filter.clone(), ..ActorNetwork::default() };
        kept.graph = DiGraph::with_capacity(kept_count, links.len());
        let mut renumbered: Vec<Option<NodeIndex>> = vec![None; network.graph.node_count()];
        for node in network.graph.node_indices().filter(|n| keep[n.index()]) {
            let actor = network.graph[node].clone();
            let index = kept.graph.add_node(actor);
            kept.index.insert(kept.graph[index].iri.clone(), index);
            renumbered[node.index()] = Some(index);
        }
        drop(network);
        for ((from, to), mut link) in links {
            let (Some(from), Some(to)) = (renumbered[from.index()], renumbered[to.index()]) else { continue };
            link.weight = match filter.weight {
                Weight::Items => link.items as f64,
                Weight::Sources => link.sources as f64,
            };
            kept.graph.add_edge(from, to, link);
        }
        kept.graph.shrink_to_fit();
        Ok(kept)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tally_merges_pairs_whatever_the_order_and_the_number() {
        // Past FIRST_MERGE entries the tally merges as it goes: 3 × 50,000 pieces of evidence on
        // 1,000 pairs, in an order that revisits every pair, sum up as a map would sum them.
        let pair = |i: usize| (NodeIndex::new(i % 1_000), NodeIndex::new((i * 7) % 1_000));
        let mut tally = Tally::default();
        type Sums = (usize, usize, BTreeMap<&'static str, usize>);
        let mut expected: BTreeMap<(NodeIndex, NodeIndex), Sums> = BTreeMap::new();
        for i in 0..150_000 {
            let kind = ["claim", "CONSULT", "ASSAULT"][i % 3];
            let mut link = Link { items: 1, sources: i % 5, ..Link::default() };
            link.kinds.add(kind, 1);
            tally.add(pair(i), link);
            let entry = expected.entry(pair(i)).or_default();
            entry.0 += 1;
            entry.1 += i % 5;
            *entry.2.entry(kind).or_default() += 1;
            if i == Tally::FIRST_MERGE {
                assert_eq!((tally.merged, tally.entries.len()), (1_000, 1_001), "merged at the threshold");
            }
        }
        let links = tally.into_links();
        assert_eq!(links.len(), expected.len());
        for ((pair, link), (expected_pair, (items, sources, kinds))) in links.iter().zip(&expected) {
            assert_eq!(pair, expected_pair);
            assert_eq!((link.items, link.sources), (*items, *sources));
            assert_eq!(link.kinds.iter().collect::<Vec<_>>(), kinds.iter().map(|(k, n)| (*k, *n)).collect::<Vec<_>>());
        }
    }

    #[test]
    fn kind_counts_share_names_and_serialize_as_a_map() {
        let mut kinds = KindCounts::default();
        let shared: Arc<str> = Arc::from("CONSULT");
        kinds.add_shared("CONSULT", 2, || shared.clone());
        let mut other = KindCounts::default();
        other.add("claim", 1);
        other.add("CONSULT", 1);
        kinds.absorb(other);
        assert_eq!(kinds.iter().collect::<Vec<_>>(), [("CONSULT", 3), ("claim", 1)]);
        assert_eq!(Arc::strong_count(&shared), 2, "the first name is kept, the absorbed one dropped");
        assert_eq!(serde_json::to_string(&kinds).unwrap(), r#"{"CONSULT":3,"claim":1}"#);
        assert!(KindCounts::default().is_empty());
    }

    #[test]
    fn the_filter_keeps_sources_types_and_whole_periods() {
        let filter =
            NetworkFilter { from: Some(jiff::civil::date(2021, 7, 1)), min_sources: 2, ..NetworkFilter::default() };
        assert!(filter.keeps("CONSULT", Some("2021-10-20"), Some("day"), 2));
        assert!(!filter.keeps("CONSULT", Some("2021-10-20"), Some("day"), 1));
        assert!(!filter.keeps("CONSULT", None, None, 3), "undated items are out when a window is set");
        assert!(!filter.keeps("claim", Some("2021-06-30"), None, 3));
        let only_consult = NetworkFilter { event_type: Some(EventType::Consult), ..NetworkFilter::default() };
        assert!(!only_consult.keeps("claim", None, None, 1));
        assert!(only_consult.keeps("CONSULT", None, None, 1));
        // A period is in a window only whole: July 2021 is not within 1-15 July, 2021 not within July.
        let first_half = NetworkFilter {
            from: Some(jiff::civil::date(2021, 7, 1)),
            to: Some(jiff::civil::date(2021, 7, 15)),
            ..NetworkFilter::default()
        };
        assert!(first_half.keeps("CONSULT", Some("2021-07-10"), Some("day"), 1));
        assert!(!first_half.keeps("CONSULT", Some("2021-07-01"), Some("month"), 1));
        let july = NetworkFilter { to: Some(jiff::civil::date(2021, 7, 31)), ..first_half.clone() };
        assert!(july.keeps("CONSULT", Some("2021-07-01"), Some("month"), 1));
        assert!(!july.keeps("CONSULT", Some("2021-01-01"), Some("year"), 1));
    }
}
