#!/usr/bin/env python3
"""NetworkX reference values for dossier's network metrics (src/analysis/centrality.rs, community.rs).

    python3 scripts/reference_centrality.py [--from-export DIR]

Writes into tests/data/centrality/, for two graphs:

- ``seed``: the actor network of seeds/. Its node and edge lists are committed
  (``seed_nodes.csv``, ``seed_edges.csv``) so the fixture does not move when the extractor changes.
  ``--from-export DIR`` refreshes them first from the CSV tables of a seed build:

      cargo run --release -- build seeds --store /tmp/seeds.db
      cargo run --release -- export --format csv -o /tmp/seeds --store /tmp/seeds.db
      python3 scripts/reference_centrality.py --from-export /tmp/seeds

- ``random``: a directed graph of 500 nodes and 2,000 edges with integer weights 1-5, no self loops,
  no parallel edges (a->b and b->a may both exist), drawn with ``random.Random(RANDOM_SEED)`` and
  written to ``random_edges.csv``.

and ``<graph>.json`` with, per node id, the NetworkX value of every metric. Each case names the
NetworkX call that produced it and the options dossier's ``MetricOptions`` needs to reproduce it.
Like dossier, the metrics of the undirected view run on ``U``: one edge per linked pair, weights of
a->b and b->a added, and ``distance = 1 / weight`` for the weighted shortest-path metrics.

Deterministic: same inputs, same NetworkX, same bytes. Needs networkx (3.6 was used).
"""
import argparse
import csv
import json
import os
import random
import sys

import networkx as nx

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "centrality")
RANDOM_SEED = 20241104
RANDOM_NODES, RANDOM_EDGES = 500, 2000
TOL, MAX_ITER = 1e-6, 1000
LOUVAIN_SEED = 42


def read_seed(directory):
    with open(os.path.join(directory, "seed_nodes.csv"), newline="") as f:
        nodes = [row["Id"] for row in csv.DictReader(f)]
    with open(os.path.join(directory, "seed_edges.csv"), newline="") as f:
        edges = [(row["Source"], row["Target"], float(row["Weight"])) for row in csv.DictReader(f)]
    return nodes, edges


def refresh_seed(export):
    """Copies an export's tables, keeping the node columns that do not depend on metrics."""
    with open(os.path.join(export, "nodes.csv"), newline="") as f:
        rows = [[row["Id"], row["Label"], row["Type"]] for row in csv.DictReader(f)]
    with open(os.path.join(HERE, "seed_nodes.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["Id", "Label", "Type"])
        writer.writerows(rows)
    with open(os.path.join(export, "edges.csv"), newline="") as f:
        text = f.read()
    with open(os.path.join(HERE, "seed_edges.csv"), "w", newline="") as f:
        f.write(text)


def make_random():
    rng = random.Random(RANDOM_SEED)
    nodes = [str(i) for i in range(RANDOM_NODES)]
    seen, edges = set(), []
    while len(edges) < RANDOM_EDGES:
        a, b = rng.randrange(RANDOM_NODES), rng.randrange(RANDOM_NODES)
        if a == b or (a, b) in seen:
            continue
        seen.add((a, b))
        edges.append((str(a), str(b), float(rng.randint(1, 5))))
    with open(os.path.join(HERE, "random_edges.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["Source", "Target", "Weight"])
        writer.writerows([(a, b, int(w)) for a, b, w in edges])
    return nodes, edges


def views(nodes, edges):
    """The directed network G and its undirected view U (weights of both directions added)."""
    g = nx.DiGraph()
    g.add_nodes_from(nodes)
    g.add_weighted_edges_from(edges)
    u = nx.Graph()
    u.add_nodes_from(nodes)
    for a, b, w in edges:
        if u.has_edge(a, b):
            u[a][b]["weight"] += w
        else:
            u.add_edge(a, b, weight=w)
    for a, b, data in u.edges(data=True):
        data["distance"] = 1.0 / data["weight"]
    return g, u


def katz_alpha(u, weight):
    """The largest of 0.1, 0.05, 0.02, 0.01, ... below 0.9 / lambda_max (so the iteration converges)."""
    lam = max(abs(x) for x in nx.adjacency_spectrum(u, weight=weight)) if u.number_of_edges() else 0.0
    for alpha in [0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001]:
        if alpha * lam < 0.9:
            return alpha, lam
    raise SystemExit("no alpha converges")


def case(name, call, values, **options):
    return {"name": name, "networkx": call, "options": options, "values": {str(k): float(v) for k, v in values.items()}}


def cases(g, u, pivots_k):
    out = []
    for weighted in (False, True):
        suffix, w = (" weighted", "weight") if weighted else ("", None)
        if weighted:
            degree = dict(g.degree(weight="weight"))
            in_degree, out_degree = dict(g.in_degree(weight="weight")), dict(g.out_degree(weight="weight"))
            calls = ["G.degree(weight='weight')", "G.in_degree(weight='weight')", "G.out_degree(weight='weight')"]
        else:
            degree, in_degree, out_degree = nx.degree_centrality(g), nx.in_degree_centrality(g), nx.out_degree_centrality(g)
            calls = ["nx.degree_centrality(G)", "nx.in_degree_centrality(G)", "nx.out_degree_centrality(G)"]
        for metric, call, values in zip(["degree", "in-degree", "out-degree"], calls, [degree, in_degree, out_degree]):
            out.append(case(metric + suffix, call, values, metric=metric, weighted=weighted))
        out.append(
            case(
                "pagerank" + suffix,
                f"nx.pagerank(G, alpha=0.85, weight={w!r})",
                nx.pagerank(g, alpha=0.85, weight=w),
                metric="pagerank",
                weighted=weighted,
            )
        )
        d = "distance" if weighted else None
        for normalized in (True, False):
            out.append(
                case(
                    "betweenness" + suffix + ("" if normalized else " raw"),
                    f"nx.betweenness_centrality(U, normalized={normalized}, weight={d!r})",
                    nx.betweenness_centrality(u, normalized=normalized, weight=d),
                    metric="betweenness",
                    weighted=weighted,
                    normalized=normalized,
                )
            )
            # NetworkX draws its pivots with random.Random(seed).sample(list(U), k): record them, so
            # the sampled estimator (not the draw) is compared.
            pivots = random.Random(LOUVAIN_SEED).sample(list(u.nodes()), pivots_k)
            out.append(
                case(
                    "betweenness sampled" + suffix + ("" if normalized else " raw"),
                    f"nx.betweenness_centrality(U, k={pivots_k}, normalized={normalized}, weight={d!r}, "
                    f"seed={LOUVAIN_SEED})",
                    nx.betweenness_centrality(u, k=pivots_k, normalized=normalized, weight=d, seed=LOUVAIN_SEED),
                    metric="betweenness",
                    weighted=weighted,
                    normalized=normalized,
                    pivots=pivots,
                )
            )
        out.append(
            case(
                "closeness" + suffix,
                f"nx.closeness_centrality(U, distance={d!r})",
                nx.closeness_centrality(u, distance=d),
                metric="closeness",
                weighted=weighted,
            )
        )
        out.append(
            case(
                "eigenvector" + suffix,
                f"nx.eigenvector_centrality(U, max_iter={MAX_ITER}, tol={TOL}, weight={w!r})",
                nx.eigenvector_centrality(u, max_iter=MAX_ITER, tol=TOL, weight=w),
                metric="eigenvector",
                weighted=weighted,
            )
        )
        alpha, lam = katz_alpha(u, w)
        out.append(
            case(
                "katz" + suffix,
                f"nx.katz_centrality(U, alpha={alpha}, beta=1.0, max_iter={MAX_ITER}, tol={TOL}, normalized=True, "
                f"weight={w!r})  # lambda_max = {lam:.6f}",
                nx.katz_centrality(u, alpha=alpha, beta=1.0, max_iter=MAX_ITER, tol=TOL, normalized=True, weight=w),
                metric="katz",
                weighted=weighted,
                alpha=alpha,
                beta=1.0,
            )
        )
    return out


def communities(u):
    """Partitions of U with their NetworkX modularity, and Louvain's figure to compare with."""
    louvain = nx.community.louvain_communities(u, weight="weight", resolution=1.0, seed=LOUVAIN_SEED)
    partitions = {
        f"louvain_communities(U, weight='weight', seed={LOUVAIN_SEED})": louvain,
        "greedy_modularity_communities(U, weight='weight')": nx.community.greedy_modularity_communities(
            u, weight="weight"
        ),
        "connected_components(U)": list(nx.connected_components(u)),
        "singletons": [{v} for v in u],
        "all in one": [set(u)],
    }
    rows = []
    for name, partition in partitions.items():
        membership = {}
        for index, community in enumerate(sorted(sorted(c) for c in partition)):
            for v in community:
                membership[v] = index
        for resolution in (1.0, 0.5):
            rows.append(
                {
                    "partition": name,
                    "resolution": resolution,
                    "modularity": nx.community.modularity(u, partition, weight="weight", resolution=resolution),
                    "membership": {str(v): membership[v] for v in u},
                }
            )
    return {
        "louvain_seed": LOUVAIN_SEED,
        "louvain_modularity": nx.community.modularity(u, louvain, weight="weight"),
        "louvain_communities": len(louvain),
        "partitions": rows,
    }


def fixture(name, nodes, edges, pivots_k):
    g, u = views(nodes, edges)
    data = {
        "graph": name,
        "generator": "scripts/reference_centrality.py",
        "networkx": nx.__version__,
        "nodes": nodes,
        "edges": len(edges),
        "undirected_edges": u.number_of_edges(),
        "cases": cases(g, u, pivots_k),
        "communities": communities(u),
    }
    path = os.path.join(HERE, f"{name}.json")
    with open(path, "w") as f:
        json.dump(data, f, indent=1, sort_keys=False)
        f.write("\n")
    lam = [c for c in data["cases"] if c["name"].startswith("katz")]
    print(
        f"{path}: {len(nodes)} nodes, {len(edges)} edges ({u.number_of_edges()} undirected), "
        f"{len(data['cases'])} cases, louvain Q={data['communities']['louvain_modularity']:.6f}, "
        + ", ".join(f"{c['name']} alpha={c['options']['alpha']}" for c in lam),
        file=sys.stderr,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--from-export", metavar="DIR", help="refresh seed_nodes.csv/seed_edges.csv from an export")
    args = parser.parse_args()
    os.makedirs(HERE, exist_ok=True)
    if args.from_export:
        refresh_seed(args.from_export)
    fixture("seed", *read_seed(HERE), pivots_k=10)
    fixture("random", *make_random(), pivots_k=50)


if __name__ == "__main__":
    main()
