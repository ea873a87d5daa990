//! The actor network as GraphML, for Gephi, yEd and Cytoscape.
//!
//! One `<graph id="dossier" edgedefault="directed">` in the GraphML namespace, with every actor
//! of the network as a node (sorted by IRI; node id = actor IRI) and one edge per ordered pair
//! of linked actors (sorted by source then target IRI; ids `e0`, `e1`, ... in that order).
//!
//! Declared keys:
//!
//! | key id | for | `attr.name` | type | content |
//! |---|---|---|---|---|
//! | `label` | node | `label` | string | actor name |
//! | `type` | node | `type` | string | actor class in the `dos:` vocabulary (`Person`, `Country`, ...) |
//! | `degree` | node | `degree` | double | degree centrality, (in + out) / (n − 1) |
//! | `pagerank` | node | `pagerank` | double | PageRank (damping 0.85, weighted) |
//! | `betweenness` | node | `betweenness` | double | normalised betweenness of the undirected view |
//! | `weight` | edge | `weight` | double | supporting events and claims (or sources, per [`Weight`](crate::analysis::Weight)) |
//! | `sources` | edge | `sources` | int | reports behind the edge (its items' source counts added up) |
//! | `kinds` | edge | `kinds` | string | kinds of evidence with counts: `CONSULT x2, claim` |
//!
//! Every string is XML-escaped, and characters XML 1.0 forbids are dropped, so the file is
//! well-formed whatever the documents held. Scores have six decimals.
//!
//! ```
//! use dossier::analysis::ActorNetwork;
//! use dossier::export::graphml::write_graphml;
//!
//! let mut out = Vec::new();
//! write_graphml(&ActorNetwork::default(), &mut out)?;
//! assert!(String::from_utf8(out)?.contains("<graph id=\"dossier\" edgedefault=\"directed\">"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::Write;

use petgraph::visit::EdgeRef;

use super::{escape_markup, fixed, sorted_edges, sorted_nodes, ExportError};
use crate::analysis::{centrality, ActorNetwork, Metric};

const KEYS: [(&str, &str, &str); 8] = [
    ("label", "node", "string"),
    ("type", "node", "string"),
    ("degree", "node", "double"),
    ("pagerank", "node", "double"),
    ("betweenness", "node", "double"),
    ("weight", "edge", "double"),
    ("sources", "edge", "int"),
    ("kinds", "edge", "string"),
];

/// Writes the network as GraphML (see the [module docs](self)).
pub fn write_graphml(network: &ActorNetwork, mut out: impl Write) -> Result<(), ExportError> {
    let graph = &network.graph;
    let degree = centrality::compute(network, Metric::Degree)?;
    let pagerank = centrality::compute(network, Metric::PageRank)?;
    let betweenness = centrality::compute(network, Metric::Betweenness)?;
    let x = escape_markup;
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">"
    )?;
    for (id, domain, kind) in KEYS {
        writeln!(out, "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{id}\" attr.type=\"{kind}\"/>")?;
    }
    writeln!(out, "  <graph id=\"dossier\" edgedefault=\"directed\">")?;
    for n in sorted_nodes(graph) {
        let actor = &graph[n];
        let i = n.index();
        writeln!(out, "    <node id=\"{}\">", x(&actor.iri))?;
        writeln!(out, "      <data key=\"label\">{}</data>", x(&actor.label))?;
        writeln!(out, "      <data key=\"type\">{}</data>", actor.kind.class_name())?;
        writeln!(out, "      <data key=\"degree\">{}</data>", fixed(degree[i]))?;
        writeln!(out, "      <data key=\"pagerank\">{}</data>", fixed(pagerank[i]))?;
        writeln!(out, "      <data key=\"betweenness\">{}</data>", fixed(betweenness[i]))?;
        writeln!(out, "    </node>")?;
    }
    for (index, edge) in sorted_edges(graph).into_iter().enumerate() {
        let link = edge.weight();
        writeln!(
            out,
            "    <edge id=\"e{index}\" source=\"{}\" target=\"{}\">",
            x(&graph[edge.source()].iri),
            x(&graph[edge.target()].iri)
        )?;
        writeln!(out, "      <data key=\"weight\">{}</data>", fixed(link.weight()))?;
        writeln!(out, "      <data key=\"sources\">{}</data>", link.sources())?;
        writeln!(out, "      <data key=\"kinds\">{}</data>", x(&link.summary()))?;
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{ActorNode, Link};
    use crate::lexicon::ActorKind;

    #[test]
    fn strings_are_escaped() {
        let mut network = ActorNetwork::default();
        let a = network.graph.add_node(ActorNode {
            iri: "https://example.org/a?x=1&y=2".into(),
            label: "<script>alert(1)</script> \" onmouseover=\"".into(),
            kind: ActorKind::Person,
        });
        let b = network.graph.add_node(ActorNode {
            iri: "https://example.org/b".into(),
            label: "B & \u{1}C".into(),
            kind: ActorKind::Country,
        });
        let mut link = Link { weight: 1.0, items: 1, sources: 1, ..Link::default() };
        link.kinds.add("claim", 1);
        network.graph.add_edge(a, b, link);
        let mut out = Vec::new();
        write_graphml(&network, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("<node id=\"https://example.org/a?x=1&amp;y=2\">"));
        assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot; onmouseover=&quot;"));
        assert!(text.contains("<data key=\"label\">B &amp; C</data>"));
        assert!(text.contains("source=\"https://example.org/a?x=1&amp;y=2\" target=\"https://example.org/b\""));
        assert!(!text.contains("<script"));
    }
}
