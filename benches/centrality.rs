//! Benchmarks of the network metrics on a seeded random graph of 10,000 nodes and 50,000 edges.
//!
//! `cargo bench --bench centrality` first prints a report (one timed run of each, with the thread
//! count): exact betweenness, the pivot estimate's time and error against exact (max absolute
//! error, Spearman's rank correlation, overlap of the top 20) for several sample sizes, PageRank,
//! closeness and Louvain. Criterion then measures the hot functions. Set
//! `DOSSIER_BENCH_RUSTWORKX=1` to also time rustworkx-core's betweenness on the same graph.
//! `DOSSIER_BENCH_REPORT_ONLY=1` prints the report and skips Criterion's measurements;
//! `DOSSIER_BENCH_QUICK=1` leaves the (slow) exact weighted betweenness out of the report.

use std::collections::BTreeSet;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use dossier::analysis::centrality::{betweenness, closeness, page_rank, weighted_betweenness, Sources};
use dossier::analysis::community::louvain_communities;
use petgraph::graph::{DiGraph, UnGraph};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const NODES: usize = 10_000;
const EDGES: usize = 50_000;
const SEED: u64 = 2024;

/// `edges` distinct pairs of distinct nodes, weights 1-5, as directed edges a -> b.
fn random_edges(nodes: usize, edges: usize, seed: u64) -> Vec<(u32, u32, f64)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(edges);
    while out.len() < edges {
        let (a, b) = (rng.random_range(0..nodes as u32), rng.random_range(0..nodes as u32));
        if a != b && seen.insert((a.min(b), a.max(b))) {
            out.push((a, b, f64::from(rng.random_range(1..=5u32))));
        }
    }
    out
}

fn undirected(nodes: usize, edges: &[(u32, u32, f64)]) -> UnGraph<(), f64> {
    let mut g = UnGraph::with_capacity(nodes, edges.len());
    for _ in 0..nodes {
        g.add_node(());
    }
    g.extend_with_edges(edges.iter().copied());
    g
}

fn directed(nodes: usize, edges: &[(u32, u32, f64)]) -> DiGraph<(), f64> {
    let mut g = DiGraph::with_capacity(nodes, edges.len());
    for _ in 0..nodes {
        g.add_node(());
    }
    g.extend_with_edges(edges.iter().copied());
    g
}

/// Wall and CPU time of one run.
#[derive(Debug, Clone, Copy)]
struct Took {
    wall: Duration,
    cpu: f64,
}

impl std::fmt::Display for Took {
    /// "1.234 s (CPU 2.345 s)": the CPU time (all threads) tells the work apart from the contention
    /// of a shared machine.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.3} s (CPU {:.2} s)", self.wall.as_secs_f64(), self.cpu)
    }
}

/// CPU seconds of this process, user + system, from /proc (Linux; NaN elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return f64::NAN };
    let fields: Vec<&str> =
        stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    // Fields 14 and 15 of proc(5), counted after the command name: utime, stime, in 1/100 s.
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(f64::NAN);
    (ticks(11) + ticks(12)) / 100.0
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Took) {
    let (start, cpu) = (Instant::now(), cpu_seconds());
    let out = f();
    (out, Took { wall: start.elapsed(), cpu: cpu_seconds() - cpu })
}

/// Ranks 1..n, ties sharing their average rank.
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut out = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let average = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            out[k] = average;
        }
        i = j + 1;
    }
    out
}

/// Spearman's rank correlation: Pearson's on the ranks.
fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = a.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let (mut cov, mut va, mut vb) = (0.0, 0.0, 0.0);
    for (x, y) in ra.iter().zip(&rb) {
        cov += (x - ma) * (y - mb);
        va += (x - ma) * (x - ma);
        vb += (y - mb) * (y - mb);
    }
    cov / (va * vb).sqrt()
}

fn top(values: &[f64], k: usize) -> BTreeSet<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    order.into_iter().take(k).collect()
}

/// One timed run of everything, printed: the figures issue 4 asks for.
fn report(_: &mut Criterion) {
    let edges = random_edges(NODES, EDGES, SEED);
    let (u, d) = (undirected(NODES, &edges), directed(NODES, &edges));
    println!(
        "\n== dossier centrality report: random graph, {NODES} nodes, {EDGES} edges (seed {SEED}), {} rayon threads ==",
        rayon::current_num_threads()
    );
    let (exact, t) = timed(|| betweenness(&u, true, &Sources::All));
    println!("exact betweenness (unweighted, undirected): {t}");
    let largest = exact.iter().copied().fold(0.0, f64::max);
    let top_exact = top(&exact, 20);
    for pivots in [100, 200, 500, 1000, 2000] {
        let (sampled, t) = timed(|| betweenness(&u, true, &Sources::Sample { pivots, seed: 42 }));
        let max_error = exact.iter().zip(&sampled).map(|(e, s)| (e - s).abs()).fold(0.0, f64::max);
        let overlap = top(&sampled, 20).intersection(&top_exact).count();
        println!(
            "sampled betweenness, {pivots:>4} pivots: {t}, max abs error {max_error:.2e} ({:.1}% of the largest \
             score {largest:.2e}), Spearman {:.4}, top-20 overlap {overlap}/20",
            100.0 * max_error / largest,
            spearman(&exact, &sampled),
        );
    }
    let (_, t) = timed(|| page_rank(&d, |w| *w, 0.85, 100, 1e-6));
    println!("PageRank (weighted, directed): {:.1} ms", t.wall.as_secs_f64() * 1e3);
    let (_, t) = timed(|| closeness(&u));
    println!("closeness (unweighted): {t}");
    let (communities, t) = timed(|| louvain_communities(&u, |w| *w, 1.0, 42));
    println!(
        "Louvain: {:.1} ms, {} communities, modularity {:.4}",
        t.wall.as_secs_f64() * 1e3,
        communities.count(),
        communities.modularity
    );
    if std::env::var_os("DOSSIER_BENCH_QUICK").is_none() {
        let (_, t) = timed(|| weighted_betweenness(&u, |w| 1.0 / *w, true, &Sources::All));
        println!("exact betweenness (weighted, distance 1/w): {t}");
    }
    if std::env::var_os("DOSSIER_BENCH_RUSTWORKX").is_some() {
        let (theirs, t) = timed(|| rustworkx_core::centrality::betweenness_centrality(&u, false, true, 50));
        let max_difference = exact.iter().zip(&theirs).map(|(a, b)| (a - b.unwrap()).abs()).fold(0.0, f64::max);
        println!("rustworkx-core betweenness (same graph): {t}, max difference to ours {max_difference:.1e}");
    }
    println!();
}

fn hot_functions(c: &mut Criterion) {
    if std::env::var_os("DOSSIER_BENCH_REPORT_ONLY").is_some() {
        return;
    }
    let edges = random_edges(NODES, EDGES, SEED);
    let (u, d) = (undirected(NODES, &edges), directed(NODES, &edges));
    let mut fast = c.benchmark_group("10k/50k");
    fast.bench_function("page_rank", |b| b.iter(|| page_rank(black_box(&d), |w| *w, 0.85, 100, 1e-6)));
    fast.bench_function("louvain", |b| b.iter(|| louvain_communities(black_box(&u), |w| *w, 1.0, 42)));
    fast.finish();
    let mut slow = c.benchmark_group("10k/50k slow");
    slow.sample_size(10).measurement_time(Duration::from_secs(30));
    slow.bench_function("betweenness 500 pivots", |b| {
        b.iter(|| betweenness(black_box(&u), true, &Sources::Sample { pivots: 500, seed: 42 }))
    });
    slow.bench_function("betweenness exact", |b| b.iter(|| betweenness(black_box(&u), true, &Sources::All)));
    slow.finish();
    let small_edges = random_edges(2_000, 10_000, SEED);
    let small = undirected(2_000, &small_edges);
    let mut small_group = c.benchmark_group("2k/10k");
    small_group.sample_size(10);
    small_group.bench_function("weighted betweenness exact", |b| {
        b.iter(|| weighted_betweenness(black_box(&small), |w| 1.0 / *w, true, &Sources::All))
    });
    small_group.bench_function("closeness", |b| b.iter(|| closeness(black_box(&small))));
    small_group.finish();
}

criterion_group!(benches, report, hot_functions);
criterion_main!(benches);
