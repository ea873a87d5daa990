//! A compact adjacency (CSR, `u32` node ids) and a seeded generator, shared by the metrics written
//! here (betweenness, closeness, Louvain).
//!
//! Any petgraph graph becomes a [`Csr`]: nodes numbered `0..n` in `node_identifiers` order, the
//! arcs of each node in one slice, sorted by target, self loops dropped and parallel arcs merged
//! (keeping the shortest length), an undirected edge stored in both directions. Scores computed on
//! it go back to petgraph's numbering with [`Csr::scatter`].

use petgraph::visit::{EdgeRef, GraphProp, IntoEdgeReferences, IntoNodeIdentifiers, NodeCount, NodeIndexable};

/// Adjacency in compressed sparse rows.
#[derive(Debug, Clone)]
pub(crate) struct Csr {
    /// Row `v` is `targets[offsets[v]..offsets[v + 1]]`.
    offsets: Vec<usize>,
    targets: Vec<u32>,
    /// Arc lengths, parallel to `targets`; empty when unweighted.
    lengths: Vec<f64>,
    /// Compact id -> `NodeIndexable::to_index`.
    nodes: Vec<usize>,
    /// `NodeIndexable::node_bound` of the source graph.
    bound: usize,
    directed: bool,
}

impl Csr {
    /// Unweighted adjacency; `reverse` flips every arc of a directed graph.
    pub(crate) fn unweighted<G>(graph: G, reverse: bool) -> Csr
    where
        G: IntoEdgeReferences + IntoNodeIdentifiers + NodeIndexable + NodeCount + GraphProp,
    {
        Csr::build(graph, None::<fn(&G::EdgeWeight) -> f64>, reverse)
    }

    /// Adjacency with arc lengths (for shortest paths); parallel arcs keep the shortest.
    pub(crate) fn weighted<G, F>(graph: G, length: F, reverse: bool) -> Csr
    where
        G: IntoEdgeReferences + IntoNodeIdentifiers + NodeIndexable + NodeCount + GraphProp,
        F: FnMut(&G::EdgeWeight) -> f64,
    {
        Csr::build(graph, Some(length), reverse)
    }

    fn build<G, F>(graph: G, mut length: Option<F>, reverse: bool) -> Csr
    where
        G: IntoEdgeReferences + IntoNodeIdentifiers + NodeIndexable + NodeCount + GraphProp,
        F: FnMut(&G::EdgeWeight) -> f64,
    {
        let bound = graph.node_bound();
        let nodes: Vec<usize> = graph.node_identifiers().map(|v| graph.to_index(v)).collect();
        assert!(nodes.len() < u32::MAX as usize, "more than 2^32 - 1 nodes");
        let mut compact = vec![u32::MAX; bound];
        for (id, &index) in nodes.iter().enumerate() {
            compact[index] = id as u32;
        }
        let directed = graph.is_directed();
        let weighted = length.is_some();
        let mut arcs: Vec<(u32, u32, f64)> = Vec::new();
        for edge in graph.edge_references() {
            let (mut a, mut b) = (compact[graph.to_index(edge.source())], compact[graph.to_index(edge.target())]);
            if a == b {
                continue;
            }
            if reverse {
                std::mem::swap(&mut a, &mut b);
            }
            let w = length.as_mut().map_or(1.0, |f| f(edge.weight()));
            arcs.push((a, b, w));
            if !directed {
                arcs.push((b, a, w));
            }
        }
        // Counting sort by source, then each row by (target, length) so duplicates are adjacent
        // and the shortest comes first.
        let n = nodes.len();
        let mut offsets = vec![0usize; n + 1];
        for &(a, _, _) in &arcs {
            offsets[a as usize + 1] += 1;
        }
        for v in 0..n {
            offsets[v + 1] += offsets[v];
        }
        let mut sorted = vec![(0u32, 0.0f64); arcs.len()];
        let mut next = offsets.clone();
        for &(a, b, w) in &arcs {
            sorted[next[a as usize]] = (b, w);
            next[a as usize] += 1;
        }
        let mut targets = Vec::with_capacity(sorted.len());
        let mut lengths = Vec::with_capacity(if weighted { sorted.len() } else { 0 });
        let mut new_offsets = Vec::with_capacity(n + 1);
        new_offsets.push(0);
        for v in 0..n {
            let row = &mut sorted[offsets[v]..offsets[v + 1]];
            row.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)));
            let mut last = u32::MAX;
            for &(b, w) in row.iter() {
                if b != last {
                    targets.push(b);
                    if weighted {
                        lengths.push(w);
                    }
                    last = b;
                }
            }
            new_offsets.push(targets.len());
        }
        Csr { offsets: new_offsets, targets, lengths, nodes, bound, directed }
    }

    /// Number of nodes.
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Number of arcs (an undirected edge counts twice).
    pub(crate) fn arc_count(&self) -> usize {
        self.targets.len()
    }

    /// Whether the source graph was directed.
    pub(crate) fn is_directed(&self) -> bool {
        self.directed
    }

    /// Number of arcs leaving `v`.
    #[inline]
    pub(crate) fn degree(&self, v: u32) -> usize {
        self.offsets[v as usize + 1] - self.offsets[v as usize]
    }

    /// Targets of `v`'s arcs.
    #[inline]
    pub(crate) fn neighbours(&self, v: u32) -> &[u32] {
        &self.targets[self.offsets[v as usize]..self.offsets[v as usize + 1]]
    }

    /// Targets and lengths of `v`'s arcs (a weighted adjacency only).
    #[inline]
    pub(crate) fn arcs(&self, v: u32) -> (&[u32], &[f64]) {
        let range = self.offsets[v as usize]..self.offsets[v as usize + 1];
        (&self.targets[range.clone()], &self.lengths[range])
    }

    /// The compact id of a node index, if the node exists.
    pub(crate) fn compact(&self, index: usize) -> Option<u32> {
        // Node indices are increasing in `node_identifiers` order for petgraph's graphs; fall back
        // to a scan otherwise.
        match self.nodes.binary_search(&index) {
            Ok(id) => Some(id as u32),
            Err(_) => self.nodes.iter().position(|&i| i == index).map(|id| id as u32),
        }
    }

    /// Values by compact id -> values by node index (`node_bound` long, vacant indices `fill`).
    pub(crate) fn scatter<T: Copy>(&self, values: &[T], fill: T) -> Vec<T> {
        let mut out = vec![fill; self.bound];
        for (&index, &value) in self.nodes.iter().zip(values) {
            out[index] = value;
        }
        out
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator whose stream is fixed forever, so
/// a seed means the same pivots and the same Louvain order in every version of dossier.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (Lemire's multiply-shift; the bias is below 2^-32 for our sizes).
    pub(crate) fn below(&mut self, bound: usize) -> usize {
        ((self.next_u64() as u128 * bound as u128) >> 64) as usize
    }

    /// Fisher–Yates shuffle.
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// `k` distinct values of `0..n` (a partial Fisher–Yates shuffle), in draw order.
    pub(crate) fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let k = k.min(n);
        let mut pool: Vec<usize> = (0..n).collect();
        for i in 0..k {
            let j = i + self.below(n - i);
            pool.swap(i, j);
        }
        pool.truncate(k);
        pool
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petgraph::graph::{DiGraph, UnGraph};

    #[test]
    fn rows_are_sorted_merged_and_free_of_self_loops() {
        let mut g = UnGraph::<(), f64>::new_undirected();
        let n: Vec<_> = (0..3).map(|_| g.add_node(())).collect();
        g.add_edge(n[0], n[2], 3.0);
        g.add_edge(n[0], n[1], 1.0);
        g.add_edge(n[2], n[0], 2.0);
        g.add_edge(n[1], n[1], 1.0);
        let csr = Csr::weighted(&g, |w| *w, false);
        assert_eq!(csr.arcs(0), (&[1, 2][..], &[1.0, 2.0][..]));
        assert_eq!(csr.neighbours(1), &[0]);
        assert_eq!(csr.neighbours(2), &[0]);
    }

    #[test]
    fn directed_arcs_can_be_reversed() {
        let g = DiGraph::<(), ()>::from_edges([(0, 1), (1, 2)]);
        let forward = Csr::unweighted(&g, false);
        let backward = Csr::unweighted(&g, true);
        assert_eq!((forward.neighbours(0), forward.neighbours(2)), (&[1][..], &[][..]));
        assert_eq!((backward.neighbours(0), backward.neighbours(2)), (&[][..], &[1][..]));
    }

    #[test]
    fn splitmix_stream_is_fixed() {
        // First outputs of SplitMix64 seeded with 0, as published with the algorithm.
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        let sample = SplitMix64::new(7).sample(10, 4);
        assert_eq!(sample.len(), 4);
        assert!(sample.iter().all(|&v| v < 10));
        assert_eq!(sample, SplitMix64::new(7).sample(10, 4));
    }
}
