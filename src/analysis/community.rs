//! Communities of the actor network: Louvain modularity maximisation, seeded and deterministic.
//!
//! [`louvain`] partitions the undirected view of an [`ActorNetwork`] (weights of a->b and b->a
//! added) as `nx.community.louvain_communities(U, weight='weight', resolution=resolution,
//! threshold=1e-7, seed=seed)` does: local moves of single nodes in a shuffled order until none
//! gains, then the communities become the nodes of the next level, until a level improves the
//! modularity by no more than 1e-7. The shuffle comes from dossier's own seeded generator (NetworkX
//! uses Python's), so the partitions differ from NetworkX's while their quality is the same:
//! the test fixtures check that [`modularity`] equals `nx.community.modularity` to 1e-6 and that
//! Louvain's partition scores within 0.02 of NetworkX's. The algorithm is sequential, so the result
//! depends on the seed only, never on the thread count.
//!
//! ```
//! use dossier::analysis::community::louvain_communities;
//! use petgraph::graph::UnGraph;
//!
//! // Two triangles joined by one edge.
//! let g = UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0), (2, 3, 1.0)]);
//! let communities = louvain_communities(&g, |w| *w, 1.0, 42);
//! assert_eq!(communities.membership, [0, 0, 0, 1, 1, 1]);
//! assert!((communities.modularity - 5.0 / 14.0).abs() < 1e-12);
//! ```

use std::collections::BTreeMap;

use petgraph::visit::{Data, EdgeRef, IntoEdgeReferences, IntoNodeIdentifiers, NodeCount, NodeIndexable};

use super::csr::SplitMix64;
use super::ActorNetwork;

/// A partition of the nodes into communities.
///
/// ```
/// use dossier::analysis::community::Communities;
///
/// let communities = Communities { membership: vec![0, 1, 0], modularity: 0.0 };
/// assert_eq!(communities.count(), 2);
/// assert_eq!(communities.members(), [vec![0, 2], vec![1]]);
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Communities {
    /// The community of each node, by node index. Communities are numbered 0, 1, ... in the order
    /// their first node appears; a vacant index (a removed node of a `StableGraph`) has
    /// `usize::MAX`.
    pub membership: Vec<usize>,
    /// Newman's modularity of the partition, as `nx.community.modularity(U, partition,
    /// weight='weight', resolution=resolution)`.
    pub modularity: f64,
}

impl Communities {
    /// Number of communities.
    ///
    /// ```
    /// use dossier::analysis::community::Communities;
    ///
    /// assert_eq!(Communities { membership: vec![0, 0, 1, 2], modularity: 0.0 }.count(), 3);
    /// ```
    pub fn count(&self) -> usize {
        self.membership.iter().filter(|&&c| c != usize::MAX).map(|&c| c + 1).max().unwrap_or(0)
    }

    /// Node indices of each community, in community order, each sorted.
    ///
    /// ```
    /// use dossier::analysis::community::Communities;
    ///
    /// let communities = Communities { membership: vec![0, 1, 1], modularity: 0.0 };
    /// assert_eq!(communities.members(), [vec![0], vec![1, 2]]);
    /// ```
    pub fn members(&self) -> Vec<Vec<usize>> {
        let mut members = vec![Vec::new(); self.count()];
        for (node, &c) in self.membership.iter().enumerate() {
            if c != usize::MAX {
                members[c].push(node);
            }
        }
        members
    }
}

/// Louvain communities of the actor network's undirected view.
///
/// # Arguments
/// - `network`: the actor network; its undirected view is partitioned, edge weights as weights;
/// - `resolution`: NetworkX's `resolution` (1.0 is Newman's modularity; below 1 favours larger
///   communities, above 1 smaller ones);
/// - `seed`: seed of the node order.
///
/// # Returns
/// The community of each node (by node index) and the partition's modularity. An actor without
/// links is a community of its own; a network without links has modularity 0.
///
/// # Complexity
/// About O(E) per pass over the nodes; a few passes per level and a few levels in practice.
///
/// # Reference
/// Blondel, Guillaume, Lambiotte, Lefebvre, *Fast unfolding of communities in large networks*,
/// J. Stat. Mech. (2008) P10008, <https://doi.org/10.1088/1742-5468/2008/10/P10008>.
///
/// ```
/// use dossier::analysis::{community, ActorNetwork};
///
/// let communities = community::louvain(&ActorNetwork::default(), 1.0, 42);
/// assert!(communities.membership.is_empty());
/// assert_eq!(communities.modularity, 0.0);
/// ```
pub fn louvain(network: &ActorNetwork, resolution: f64, seed: u64) -> Communities {
    louvain_communities(&network.undirected(), |w| *w, resolution, seed)
}

/// Louvain communities of any petgraph graph, its edges taken as undirected.
///
/// Equals `nx.community.louvain_communities(G, weight='weight', resolution=resolution,
/// threshold=1e-7)` up to the random node order (dossier's seeded generator, not Python's). A
/// directed edge counts as an undirected one, so a->b and b->a add up; a self loop counts
/// once towards the edge weight and twice towards its node's degree, as in NetworkX.
///
/// # Arguments
/// - `graph`: any petgraph graph;
/// - `weight`: an edge's weight, non-negative;
/// - `resolution`, `seed`: as in [`louvain`].
///
/// # Returns
/// The community of each node by `NodeIndexable::to_index` (numbered by first appearance in node
/// order; `usize::MAX` at vacant indices) and the modularity of the partition.
///
/// # Complexity
/// About O(E) per pass over the nodes, O(V + E) memory.
///
/// # Reference
/// Blondel et al. (2008), <https://doi.org/10.1088/1742-5468/2008/10/P10008>.
///
/// ```
/// use dossier::analysis::community::louvain_communities;
/// use petgraph::graph::UnGraph;
///
/// let g = UnGraph::<(), f64>::from_edges([(0, 1, 5.0), (2, 3, 5.0), (1, 2, 1.0)]);
/// let communities = louvain_communities(&g, |w| *w, 1.0, 7);
/// assert_eq!(communities.membership, [0, 0, 1, 1]);
/// ```
pub fn louvain_communities<G, F>(graph: G, weight: F, resolution: f64, seed: u64) -> Communities
where
    G: IntoEdgeReferences + IntoNodeIdentifiers + NodeIndexable + NodeCount,
    F: FnMut(&<G as Data>::EdgeWeight) -> f64,
{
    let (level, nodes, bound) = Level::from_graph(graph, weight);
    let membership = run_louvain(&level, resolution, seed);
    let modularity = level.modularity(&membership, resolution);
    let mut out = vec![usize::MAX; bound];
    for (&index, &c) in nodes.iter().zip(&membership) {
        out[index] = c as usize;
    }
    Communities { membership: out, modularity }
}

/// Newman's modularity of a partition, NetworkX semantics.
///
/// Equals `nx.community.modularity(G, partition, weight='weight', resolution=resolution)` on an
/// undirected graph: the sum over communities of L_c / m - resolution * (K_c / 2m)², with L_c the
/// weight of the edges inside c, K_c the weighted degree of its nodes and m the total edge weight.
/// Edges are taken as undirected, as in [`louvain_communities`].
///
/// # Arguments
/// - `graph`: any petgraph graph;
/// - `weight`: an edge's weight;
/// - `membership`: a community label per node, by `NodeIndexable::to_index` (any labels; entries
///   at vacant indices are ignored);
/// - `resolution`: NetworkX's `resolution`.
///
/// # Returns
/// The modularity, between -1/2 and 1; 0 for a graph without edges (NetworkX divides by zero).
///
/// # Complexity
/// O(V + E + C log C) for C communities.
///
/// # Reference
/// Newman, *Modularity and community structure in networks*, PNAS 103(23), 2006,
/// <https://doi.org/10.1073/pnas.0601602103>.
///
/// ```
/// use dossier::analysis::community::modularity;
/// use petgraph::graph::UnGraph;
///
/// // nx.community.modularity(nx.barbell_graph(3, 0), [{0, 1, 2}, {3, 4, 5}]) == 0.35714285714285715
/// let g = UnGraph::<(), ()>::from_edges([(0, 1), (0, 2), (1, 2), (3, 4), (3, 5), (4, 5), (2, 3)]);
/// let q = modularity(&g, |_| 1.0, &[7, 7, 7, 9, 9, 9], 1.0);
/// assert!((q - 0.35714285714285715).abs() < 1e-12);
/// ```
pub fn modularity<G, F>(graph: G, weight: F, membership: &[usize], resolution: f64) -> f64
where
    G: IntoEdgeReferences + IntoNodeIdentifiers + NodeIndexable + NodeCount,
    F: FnMut(&<G as Data>::EdgeWeight) -> f64,
{
    let (level, nodes, _) = Level::from_graph(graph, weight);
    let mut labels: BTreeMap<usize, u32> = BTreeMap::new();
    let compact: Vec<u32> = nodes
        .iter()
        .map(|&index| {
            let next = labels.len() as u32;
            *labels.entry(membership[index]).or_insert(next)
        })
        .collect();
    level.modularity(&compact, resolution)
}

/// NetworkX's `threshold`: stop when a level gains no more modularity than this.
const THRESHOLD: f64 = 1e-7;
/// Passes over the nodes per level, at most (a guard against float ties; never reached in tests).
const MAX_PASSES: usize = 10_000;

/// A weighted undirected graph of one Louvain level, adjacency in compressed rows.
#[derive(Debug, Clone)]
struct Level {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
    /// Self-loop weight of each node (for an aggregated node: the weight inside its community).
    loops: Vec<f64>,
    /// Weighted degree: the row's weights plus twice the self loop.
    degree: Vec<f64>,
    /// Total edge weight m (self loops once), summed in edge order as NetworkX's `G.size`.
    total: f64,
}

impl Level {
    /// The level of a petgraph graph, its nodes' indices (in compact order) and `node_bound`.
    fn from_graph<G, F>(graph: G, mut weight: F) -> (Level, Vec<usize>, usize)
    where
        G: IntoEdgeReferences + IntoNodeIdentifiers + NodeIndexable + NodeCount,
        F: FnMut(&<G as Data>::EdgeWeight) -> f64,
    {
        let bound = graph.node_bound();
        let nodes: Vec<usize> = graph.node_identifiers().map(|v| graph.to_index(v)).collect();
        let mut compact = vec![u32::MAX; bound];
        for (id, &index) in nodes.iter().enumerate() {
            compact[index] = id as u32;
        }
        let n = nodes.len();
        let mut loops = vec![0.0; n];
        let mut rows: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n];
        let mut total = 0.0;
        for edge in graph.edge_references() {
            let (a, b) = (compact[graph.to_index(edge.source())], compact[graph.to_index(edge.target())]);
            let w = weight(edge.weight());
            total += w;
            if a == b {
                loops[a as usize] += w;
            } else {
                rows[a as usize].push((b, w));
                rows[b as usize].push((a, w));
            }
        }
        let mut level =
            Level { offsets: vec![0], targets: Vec::new(), weights: Vec::new(), loops, degree: vec![0.0; n], total };
        for (v, mut row) in rows.into_iter().enumerate() {
            row.sort_by_key(|&(t, _)| t);
            let mut degree = 2.0 * level.loops[v];
            for (i, &(t, w)) in row.iter().enumerate() {
                degree += w;
                if i > 0 && row[i - 1].0 == t {
                    *level.weights.last_mut().expect("a previous arc") += w;
                } else {
                    level.targets.push(t);
                    level.weights.push(w);
                }
            }
            level.degree[v] = degree;
            level.offsets.push(level.targets.len());
        }
        (level, nodes, bound)
    }

    fn len(&self) -> usize {
        self.loops.len()
    }

    fn row(&self, v: usize) -> (&[u32], &[f64]) {
        let range = self.offsets[v]..self.offsets[v + 1];
        (&self.targets[range.clone()], &self.weights[range])
    }

    /// Modularity of a partition given as compact community ids (NetworkX's formula).
    fn modularity(&self, community: &[u32], resolution: f64) -> f64 {
        let degree_sum: f64 = self.degree.iter().sum();
        if degree_sum == 0.0 {
            return 0.0;
        }
        let m = degree_sum / 2.0;
        let count = community.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
        let (mut inside, mut degrees) = (vec![0.0; count], vec![0.0; count]);
        for v in 0..self.len() {
            let c = community[v] as usize;
            inside[c] += self.loops[v];
            degrees[c] += self.degree[v];
            let (targets, weights) = self.row(v);
            for (&t, &w) in targets.iter().zip(weights) {
                if (t as usize) > v && community[t as usize] as usize == c {
                    inside[c] += w;
                }
            }
        }
        let norm = 1.0 / (degree_sum * degree_sum);
        inside.iter().zip(&degrees).map(|(l, k)| l / m - resolution * k * k * norm).sum()
    }

    /// One level of local moves (NetworkX's `_one_level`): the community of each node, numbered
    /// by first appearance, their count, and whether any node moved.
    fn local_moves(&self, resolution: f64, rng: &mut SplitMix64) -> (Vec<u32>, usize, bool) {
        let n = self.len();
        let m = self.total;
        let mut community: Vec<u32> = (0..n as u32).collect();
        let mut community_degree = self.degree.clone();
        let mut order: Vec<u32> = (0..n as u32).collect();
        rng.shuffle(&mut order);
        let mut to_community = vec![0.0; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut is_touched = vec![false; n];
        let mut improved = false;
        for _ in 0..MAX_PASSES {
            let mut moves = 0;
            for &u in &order {
                let u = u as usize;
                let (targets, weights) = self.row(u);
                for (&t, &w) in targets.iter().zip(weights) {
                    let c = community[t as usize];
                    if !is_touched[c as usize] {
                        is_touched[c as usize] = true;
                        touched.push(c);
                    }
                    to_community[c as usize] += w;
                }
                let current = community[u];
                let degree = self.degree[u];
                community_degree[current as usize] -= degree;
                let remove_cost = -to_community[current as usize] / m
                    + resolution * community_degree[current as usize] * degree / (2.0 * m * m);
                let (mut best, mut best_gain) = (current, 0.0);
                for &c in &touched {
                    let gain = remove_cost + to_community[c as usize] / m
                        - resolution * community_degree[c as usize] * degree / (2.0 * m * m);
                    if gain > best_gain {
                        best_gain = gain;
                        best = c;
                    }
                }
                community_degree[best as usize] += degree;
                if best != current {
                    community[u] = best;
                    moves += 1;
                    improved = true;
                }
                for &c in &touched {
                    to_community[c as usize] = 0.0;
                    is_touched[c as usize] = false;
                }
                touched.clear();
            }
            if moves == 0 {
                break;
            }
        }
        let count = renumber(&mut community);
        (community, count, improved)
    }

    /// The next level: one node per community, inside weights as self loops.
    fn aggregate(&self, community: &[u32], count: usize) -> Level {
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (v, &c) in community.iter().enumerate() {
            members[c as usize].push(v);
        }
        let mut next = Level {
            offsets: vec![0],
            targets: Vec::new(),
            weights: Vec::new(),
            loops: vec![0.0; count],
            degree: vec![0.0; count],
            total: self.total,
        };
        let mut to_community = vec![0.0; count];
        let mut touched: Vec<u32> = Vec::new();
        let mut is_touched = vec![false; count];
        for (c, nodes) in members.iter().enumerate() {
            for &v in nodes {
                next.loops[c] += self.loops[v];
                next.degree[c] += self.degree[v];
                let (targets, weights) = self.row(v);
                for (&t, &w) in targets.iter().zip(weights) {
                    let d = community[t as usize];
                    if d as usize == c {
                        if t as usize > v {
                            next.loops[c] += w;
                        }
                    } else {
                        if !is_touched[d as usize] {
                            is_touched[d as usize] = true;
                            touched.push(d);
                        }
                        to_community[d as usize] += w;
                    }
                }
            }
            touched.sort_unstable();
            for &d in &touched {
                next.targets.push(d);
                next.weights.push(to_community[d as usize]);
                to_community[d as usize] = 0.0;
                is_touched[d as usize] = false;
            }
            touched.clear();
            next.offsets.push(next.targets.len());
        }
        next
    }
}

/// Renumbers community ids by first appearance; returns their count.
fn renumber(community: &mut [u32]) -> usize {
    let mut new_id = vec![u32::MAX; community.len()];
    let mut count = 0;
    for c in community.iter_mut() {
        if new_id[*c as usize] == u32::MAX {
            new_id[*c as usize] = count;
            count += 1;
        }
        *c = new_id[*c as usize];
    }
    count as usize
}

/// Louvain levels until none improves the modularity by more than [`THRESHOLD`] (NetworkX's
/// `louvain_partitions`); the community of each node of `level`, numbered by first appearance.
fn run_louvain(level: &Level, resolution: f64, seed: u64) -> Vec<u32> {
    let n = level.len();
    let mut membership: Vec<u32> = (0..n as u32).collect();
    if level.total == 0.0 {
        return membership;
    }
    let mut rng = SplitMix64::new(seed);
    let mut quality = level.modularity(&membership, resolution);
    let mut current: Option<Level> = None;
    loop {
        let graph = current.as_ref().unwrap_or(level);
        let (community, count, improved) = graph.local_moves(resolution, &mut rng);
        if !improved {
            break;
        }
        for c in membership.iter_mut() {
            *c = community[*c as usize];
        }
        let new_quality = graph.modularity(&community, resolution);
        if new_quality - quality <= THRESHOLD {
            break;
        }
        quality = new_quality;
        current = Some(graph.aggregate(&community, count));
    }
    renumber(&mut membership);
    membership
}

#[cfg(test)]
mod tests {
    use super::*;
    use petgraph::graph::{DiGraph, UnGraph};

    /// Two 4-cliques joined by a path through node 8, weights 1.
    fn two_cliques() -> UnGraph<(), f64> {
        let mut edges = Vec::new();
        for base in [0u32, 4] {
            for a in base..base + 4 {
                for b in a + 1..base + 4 {
                    edges.push((a, b, 1.0));
                }
            }
        }
        edges.extend([(3, 8, 1.0), (8, 4, 1.0)]);
        UnGraph::from_edges(edges)
    }

    #[test]
    fn finds_the_cliques() {
        let g = two_cliques();
        let communities = louvain_communities(&g, |w| *w, 1.0, 42);
        assert_eq!(communities.membership[..8], [0, 0, 0, 0, 1, 1, 1, 1]);
        assert_eq!(communities.count(), 2);
        let q = modularity(&g, |w| *w, &communities.membership, 1.0);
        assert!((q - communities.modularity).abs() < 1e-15);
    }

    #[test]
    fn same_seed_same_partition_and_every_seed_is_good() {
        let g = two_cliques();
        let a = louvain_communities(&g, |w| *w, 1.0, 1);
        assert_eq!(a, louvain_communities(&g, |w| *w, 1.0, 1));
        for seed in 0..20 {
            let other = louvain_communities(&g, |w| *w, 1.0, seed);
            assert!(other.modularity >= a.modularity - 1e-12, "seed {seed}: {other:?}");
        }
    }

    #[test]
    fn modularity_matches_networkx() {
        // nx.community.modularity(G, [{0,1,2,3}, {4,5,6,7,8}], weight='weight', resolution=r) on
        // two_cliques() with edge (3, 8) weighing 3 and a self loop of weight 2 on node 0:
        // r=1 -> 0.33179012345679015, r=0.5 -> 0.5825617283950617
        let mut g = two_cliques();
        let e = g.find_edge(3.into(), 8.into()).unwrap();
        g[e] = 3.0;
        g.add_edge(0.into(), 0.into(), 2.0);
        let membership = [0, 0, 0, 0, 1, 1, 1, 1, 1];
        assert!((modularity(&g, |w| *w, &membership, 1.0) - 0.33179012345679015).abs() < 1e-12);
        assert!((modularity(&g, |w| *w, &membership, 0.5) - 0.5825617283950617).abs() < 1e-12);
    }

    #[test]
    fn directed_edges_add_up_as_in_the_undirected_view() {
        let d = DiGraph::<(), f64>::from_edges([(0, 1, 1.0), (1, 0, 2.0), (1, 2, 1.0)]);
        let u = UnGraph::<(), f64>::from_edges([(0, 1, 3.0), (1, 2, 1.0)]);
        for membership in [[0, 0, 1], [0, 1, 1], [0, 1, 2]] {
            let (qd, qu) = (modularity(&d, |w| *w, &membership, 1.0), modularity(&u, |w| *w, &membership, 1.0));
            assert!((qd - qu).abs() < 1e-15);
        }
    }

    #[test]
    fn isolated_nodes_and_empty_graphs() {
        let mut g = two_cliques();
        g.add_node(());
        let communities = louvain_communities(&g, |w| *w, 1.0, 42);
        assert_eq!(communities.membership[9], 2);
        let empty = UnGraph::<(), f64>::from_edges(std::iter::empty::<(u32, u32, f64)>());
        assert_eq!(louvain_communities(&empty, |w| *w, 1.0, 42).membership, Vec::<usize>::new());
        let mut lonely = UnGraph::<(), f64>::default();
        lonely.add_node(());
        lonely.add_node(());
        let communities = louvain_communities(&lonely, |w| *w, 1.0, 42);
        assert_eq!((communities.membership, communities.modularity), (vec![0, 1], 0.0));
    }
}
