//! An analysis run as a value: a metric, how it is computed and which evidence it reads.
//!
//! [`AnalysisRun`] ranks the actors of a store and writes the scores into the graph
//! `id:graph/analysis`, each result carrying the parameters and the time window the run renders
//! for itself ([`AnalysisRun::parameters`], [`AnalysisRun::window`]), so what is stored always
//! says how it was computed. Writing a run again replaces its earlier results; runs with other
//! parameters or windows stay beside it.
//!
//! ```
//! use dossier::analysis::{AnalysisRun, Metric, NetworkFilter};
//! use dossier::store::Store;
//! use jiff::civil::date;
//!
//! let store = Store::memory()?;
//! let run = AnalysisRun::new(Metric::PageRank)
//!     .with_filter(NetworkFilter { from: Some(date(2021, 7, 1)), to: Some(date(2021, 10, 31)), ..NetworkFilter::default() });
//! assert_eq!(run.parameters(), "weight=items weighted damping=0.85");
//! assert_eq!(run.window(), (Some(date(2021, 7, 1)), Some(date(2021, 10, 31))));
//! let ranking = run.rank(&store)?;
//! run.write(&store, &ranking)?;
//! # Ok::<(), dossier::analysis::AnalysisError>(())
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use petgraph::graph::NodeIndex;

use super::centrality::{self, Metric, MetricOptions};
use super::{ActorNetwork, AnalysisError, NetworkFilter, Ranking, Weight};
use crate::store::{Store, StoreError};
use crate::vocab;

/// One ranking of the actor network: which metric, computed how, on which evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisRun {
    pub metric: Metric,
    /// How the metric is computed; [`MetricOptions::for_metric`] by default.
    pub options: MetricOptions,
    /// Which evidence makes the network, and the time window the scores are for.
    pub filter: NetworkFilter,
}

impl AnalysisRun {
    /// A run of `metric` with its default options on the whole network.
    ///
    /// ```
    /// use dossier::analysis::{AnalysisRun, Metric};
    ///
    /// assert!(AnalysisRun::new(Metric::PageRank).options.weighted);
    /// assert!(!AnalysisRun::new(Metric::Betweenness).options.weighted);
    /// ```
    pub fn new(metric: Metric) -> AnalysisRun {
        AnalysisRun { metric, options: MetricOptions::for_metric(metric), filter: NetworkFilter::default() }
    }

    /// The same run with these options.
    #[must_use]
    pub fn with_options(mut self, options: MetricOptions) -> AnalysisRun {
        self.options = options;
        self
    }

    /// The same run on the evidence this filter keeps.
    #[must_use]
    pub fn with_filter(mut self, filter: NetworkFilter) -> AnalysisRun {
        self.filter = filter;
        self
    }

    /// The parameters that decide the scores, as stored with them (`dos:parameters`): the edge
    /// weight, then the options the metric reads, then the filter's other conditions. Each
    /// setting the metric reads is written, defaults included.
    ///
    /// ```
    /// use dossier::analysis::{AnalysisRun, Metric, MetricOptions};
    ///
    /// let run = AnalysisRun::new(Metric::Betweenness)
    ///     .with_options(MetricOptions { normalized: false, sample: Some(100), ..MetricOptions::default() });
    /// assert_eq!(run.parameters(), "weight=items raw sample=100 seed=42");
    /// assert_eq!(AnalysisRun::new(Metric::Katz).parameters(), "weight=items alpha=0.1 beta=1");
    /// ```
    pub fn parameters(&self) -> String {
        let options = &self.options;
        let mut parts = vec![match self.filter.weight {
            Weight::Items => "weight=items".to_string(),
            Weight::Sources => "weight=sources".to_string(),
        }];
        if options.weighted {
            parts.push("weighted".into());
        }
        let normalizable =
            matches!(self.metric, Metric::Degree | Metric::InDegree | Metric::OutDegree | Metric::Betweenness);
        if normalizable && !options.normalized {
            parts.push("raw".into());
        }
        match self.metric {
            Metric::PageRank => parts.push(format!("damping={}", options.damping)),
            Metric::Katz => parts.push(format!("alpha={} beta={}", options.alpha, options.beta)),
            Metric::Betweenness => {
                if let Some(pivots) = options.sample {
                    parts.push(format!("sample={pivots} seed={}", options.seed));
                }
            }
            _ => {}
        }
        if let Some(event_type) = self.filter.event_type {
            parts.push(format!("type={event_type}"));
        }
        if self.filter.min_sources > 0 {
            parts.push(format!("min-sources={}", self.filter.min_sources));
        }
        if self.filter.with_places {
            parts.push("with-places".into());
        }
        parts.join(" ")
    }

    /// The time window the scores are for (`dos:windowStart`, `dos:windowEnd`).
    pub fn window(&self) -> (Option<Date>, Option<Date>) {
        (self.filter.from, self.filter.to)
    }

    /// The actors of the store's network under this run, best first.
    pub fn rank(&self, store: &Store) -> Result<Vec<Ranking>, AnalysisError> {
        self.rank_network(&ActorNetwork::build(store, &self.filter)?)
    }

    /// The actors of a network already built (with this run's filter), best first.
    pub fn rank_network(&self, network: &ActorNetwork) -> Result<Vec<Ranking>, AnalysisError> {
        network.rank_with(self.metric, &self.options)
    }

    /// The statements recording `rankings` in the graph `id:graph/analysis`: one
    /// `dos:AnalysisResult` per actor with `dos:forActor`, `dos:metric`, `dos:score`, `dos:rank`,
    /// `dos:parameters` and the time window (`dos:windowStart`, `dos:windowEnd`) when there is
    /// one. The result IRIs are minted from metric, parameters, window and actor, so writing the
    /// same ranking twice changes nothing.
    pub fn quads(&self, rankings: &[Ranking]) -> Vec<Quad> {
        let graph = GraphName::NamedNode(NamedNode::new_unchecked(vocab::analysis_graph()));
        let (metric, parameters) = (self.metric.as_str(), self.parameters());
        let (from, to) = self.window();
        let day = |date: Option<Date>| date.map(|d| d.to_string()).unwrap_or_default();
        let (start, end) = (day(from), day(to));
        let mut quads = Vec::with_capacity(rankings.len() * 8);
        for ranking in rankings {
            let result =
                NamedNode::new_unchecked(vocab::hashed("analysis", &[metric, &parameters, &start, &end, &ranking.iri]));
            let mut add = |predicate: &str, object: Term| {
                quads.push(Quad::new(result.clone(), NamedNode::new_unchecked(predicate), object, graph.clone()))
            };
            add(vocab::RDF_TYPE, NamedNode::new_unchecked(vocab::dos("AnalysisResult")).into());
            add(&vocab::dos("forActor"), NamedNode::new_unchecked(ranking.iri.clone()).into());
            for (predicate, object) in self.identity() {
                if let Some(object) = object {
                    add(&predicate, object);
                }
            }
            add(&vocab::dos("score"), typed(format!("{:e}", ranking.score), "double"));
            add(&vocab::dos("rank"), typed(ranking.rank.to_string(), "integer"));
        }
        quads
    }

    /// What tells this run's results from others': metric, parameters and window, as
    /// (predicate, object) with `None` for a statement the results do not make.
    fn identity(&self) -> [(String, Option<Term>); 4] {
        let (from, to) = self.window();
        let date = |day: Option<Date>| day.map(|d| typed(d.to_string(), "date"));
        [
            (vocab::dos("metric"), Some(Literal::new_simple_literal(self.metric.as_str()).into())),
            (vocab::dos("parameters"), Some(Literal::new_simple_literal(self.parameters()).into())),
            (vocab::dos("windowStart"), date(from)),
            (vocab::dos("windowEnd"), date(to)),
        ]
    }

    /// Writes `rankings` into the graph `id:graph/analysis` in place of this run's earlier
    /// results (same metric, parameters and window), in one transaction.
    pub fn write(&self, store: &Store, rankings: &[Ranking]) -> Result<(), StoreError> {
        store.replace_subjects(&vocab::analysis_graph(), &self.identity(), &self.quads(rankings))
    }

    /// The months the dated evidence of the store spans within the run's window (first days, in
    /// order): those of events dated to a day or a month, and of claims.
    pub fn months(&self, store: &Store) -> Result<Vec<Date>, StoreError> {
        let mut months = BTreeSet::new();
        store.select_each(
            "SELECT DISTINCT ?date WHERE {
               { ?x a sem:Event ; dos:date ?date OPTIONAL { ?x dos:datePrecision ?p } } UNION { ?x a dos:Claim ; dct:date ?date }
               FILTER(!BOUND(?p) || ?p != \"year\")
             }",
            &[],
            |row| {
                let Some(Term::Literal(literal)) = row.get("date") else { return };
                let Some(date) = literal.value().get(..10).and_then(|d| d.parse::<Date>().ok()) else { return };
                if self.filter.from.is_none_or(|from| date >= from) && self.filter.to.is_none_or(|to| date <= to) {
                    months.insert(date.first_of_month());
                }
            },
        )?;
        Ok(months.into_iter().collect())
    }

    /// The run month by month: for each month of [`AnalysisRun::months`], the run on that month
    /// alone and its ranking.
    ///
    /// ```
    /// use dossier::analysis::{AnalysisRun, Metric};
    /// use dossier::store::Store;
    ///
    /// let store = Store::memory()?;
    /// assert!(AnalysisRun::new(Metric::Degree).by_month(&store)?.is_empty());
    /// # Ok::<(), dossier::analysis::AnalysisError>(())
    /// ```
    pub fn by_month(&self, store: &Store) -> Result<Vec<(AnalysisRun, Vec<Ranking>)>, AnalysisError> {
        let mut runs = Vec::new();
        for first in self.months(store)? {
            let filter = NetworkFilter { from: Some(first), to: Some(first.last_of_month()), ..self.filter.clone() };
            let monthly = self.clone().with_filter(filter);
            let ranking = monthly.rank(store)?;
            runs.push((monthly, ranking));
        }
        Ok(runs)
    }
}

/// A typed literal of an XSD datatype.
fn typed(value: String, datatype: &str) -> Term {
    Literal::new_typed_literal(value, NamedNode::new_unchecked(format!("{}{datatype}", vocab::XSD))).into()
}

/// The communities of the network's linked actors (Louvain, seeded), each with its members best
/// first by PageRank (ties by label), communities in the order of their Louvain number. Actors
/// without links, communities of one, are left out.
#[derive(Debug, Clone)]
pub struct Communities {
    /// Newman's modularity of the partition.
    pub modularity: f64,
    /// The members of each community.
    pub groups: Vec<Vec<NodeIndex>>,
    /// PageRank of every node (by node index), which orders the members.
    pub pagerank: Vec<f64>,
}

impl Communities {
    /// Finds the communities of a network.
    ///
    /// ```
    /// use dossier::analysis::{ActorNetwork, Communities};
    ///
    /// let found = Communities::of(&ActorNetwork::default(), 1.0, 42)?;
    /// assert!(found.groups.is_empty());
    /// # Ok::<(), dossier::analysis::AnalysisError>(())
    /// ```
    pub fn of(network: &ActorNetwork, resolution: f64, seed: u64) -> Result<Communities, AnalysisError> {
        let found = super::community::louvain(network, resolution, seed);
        let pagerank = centrality::compute(network, Metric::PageRank)?;
        let mut groups: BTreeMap<usize, Vec<NodeIndex>> = BTreeMap::new();
        for node in network.graph.node_indices() {
            if network.graph.neighbors_undirected(node).next().is_some() {
                groups.entry(found.membership[node.index()]).or_default().push(node);
            }
        }
        let mut groups: Vec<Vec<NodeIndex>> = groups.into_values().collect();
        for members in &mut groups {
            members.sort_by(|a, b| {
                pagerank[b.index()]
                    .total_cmp(&pagerank[a.index()])
                    .then_with(|| network.graph[*a].label.cmp(&network.graph[*b].label))
            });
        }
        Ok(Communities { modularity: found.modularity, groups, pagerank })
    }
}

/// Each actor's scores month by month, for the actors best ranked over the whole window.
#[derive(Debug, Clone)]
pub struct PeriodScores {
    /// The months, as `YYYY-MM`.
    pub periods: Vec<String>,
    /// The actors shown, best ranked overall first.
    pub actors: Vec<Ranking>,
    /// Score of each actor (by IRI) in each period, aligned with `periods`.
    pub scores: Vec<HashMap<String, f64>>,
}

impl PeriodScores {
    /// The `top` best ranked actors of `overall` (all with 0) and their scores in each run.
    pub fn new(overall: &[Ranking], top: usize, runs: &[(AnalysisRun, Vec<Ranking>)]) -> PeriodScores {
        let take = if top == 0 { usize::MAX } else { top };
        PeriodScores {
            periods: runs
                .iter()
                .map(|(run, _)| {
                    run.filter.from.map(|d| format!("{:04}-{:02}", d.year(), d.month())).unwrap_or_default()
                })
                .collect(),
            actors: overall.iter().take(take).cloned().collect(),
            scores: runs
                .iter()
                .map(|(_, ranking)| ranking.iter().map(|r| (r.iri.clone(), r.score)).collect())
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_name_every_setting_the_metric_reads() {
        assert_eq!(AnalysisRun::new(Metric::PageRank).parameters(), "weight=items weighted damping=0.85");
        let damped = AnalysisRun::new(Metric::PageRank)
            .with_options(MetricOptions { damping: 0.9, ..MetricOptions::for_metric(Metric::PageRank) });
        assert_eq!(damped.parameters(), "weight=items weighted damping=0.9");
        assert_eq!(AnalysisRun::new(Metric::Degree).parameters(), "weight=items");
        let filtered = AnalysisRun::new(Metric::Closeness).with_filter(NetworkFilter {
            event_type: Some(crate::plover::EventType::Consult),
            min_sources: 2,
            with_places: true,
            weight: Weight::Sources,
            ..NetworkFilter::default()
        });
        assert_eq!(filtered.parameters(), "weight=sources type=CONSULT min-sources=2 with-places");
    }

    #[test]
    fn writing_a_run_again_replaces_only_its_own_results() {
        let store = Store::memory().unwrap();
        let ranking = |score: f64| {
            vec![Ranking {
                rank: 1,
                iri: "https://w3id.org/dossier/id/actor/a".into(),
                label: "A".into(),
                kind: crate::lexicon::ActorKind::Person,
                score,
            }]
        };
        let july = NetworkFilter {
            from: Some(jiff::civil::date(2021, 7, 1)),
            to: Some(jiff::civil::date(2021, 7, 31)),
            ..NetworkFilter::default()
        };
        let whole = AnalysisRun::new(Metric::PageRank);
        let monthly = AnalysisRun::new(Metric::PageRank).with_filter(july);
        whole.write(&store, &ranking(0.5)).unwrap();
        monthly.write(&store, &ranking(0.25)).unwrap();
        whole.write(&store, &ranking(0.75)).unwrap();
        let scores: Vec<String> = store
            .select("SELECT ?score WHERE { GRAPH graph:analysis { ?r dos:score ?score } } ORDER BY ?score", &[])
            .unwrap()
            .iter()
            .map(|row| match row.get("score") {
                Some(Term::Literal(l)) => l.value().to_string(),
                other => panic!("{other:?}"),
            })
            .collect();
        // The month's result and the whole run's second writing; the first writing was replaced.
        assert_eq!(scores, ["0.25", "0.75"]);
    }
}
