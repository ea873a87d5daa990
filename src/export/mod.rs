//! Exports: RDF serialisations of the store, the actor network as Graphviz DOT, and CSV tables
//! for spreadsheets and Gephi.
//!
//! All outputs are deterministic: the same store gives byte-identical files.
//!
//! **DOT** (`dossier export --format dot`): a `digraph` of the actors that have at least one
//! link. Node `label` is the actor's name, `shape` and `fillcolor` its type (see [`style`]); edge
//! `label` lists the kinds of evidence with counts ("CONSULT x2, claim"), `penwidth` grows with
//! the number of distinct sources, and `tooltip` gives weight and sources. Node ids are the actor
//! IRIs.
//!
//! **CSV** (`--format csv -o DIR`): `nodes.csv` with columns
//! `Id,Label,Type,Degree,PageRank,Betweenness` (Id = actor IRI; Gephi reads Id and Label) and
//! `edges.csv` with `Source,Target,Type,Weight,Sources,Label` (Type is always `Directed`, Weight
//! the number of supporting events and claims, Sources the number of documents, Label the kinds
//! of evidence).
//!
//! ```
//! use dossier::analysis::ActorNetwork;
//! use dossier::export::write_dot;
//!
//! let mut dot = Vec::new();
//! write_dot(&ActorNetwork::default(), "empty", &mut dot)?;
//! assert!(String::from_utf8(dot).unwrap().starts_with("digraph dossier {"));
//! # Ok::<(), std::io::Error>(())
//! ```

use std::io::{self, Write};
use std::path::Path;
use std::str::FromStr;

use petgraph::visit::EdgeRef;

use crate::analysis::{centrality, ActorNetwork, AnalysisError, Metric};
use crate::lexicon::ActorKind;

/// What `dossier export` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    NQuads,
    Turtle,
    TriG,
    NTriples,
    JsonLd,
    Dot,
    Csv,
}

impl ExportFormat {
    /// The format of an output path, from its extension.
    pub fn from_extension(path: &Path) -> Option<ExportFormat> {
        Some(match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "nq" | "nquads" => ExportFormat::NQuads,
            "ttl" => ExportFormat::Turtle,
            "trig" => ExportFormat::TriG,
            "nt" => ExportFormat::NTriples,
            "jsonld" => ExportFormat::JsonLd,
            "dot" | "gv" => ExportFormat::Dot,
            _ => return None,
        })
    }

    /// The Oxigraph RDF format, for the RDF serialisations.
    pub fn rdf_format(self) -> Option<oxigraph::io::RdfFormat> {
        use oxigraph::io::{JsonLdProfileSet, RdfFormat};
        Some(match self {
            ExportFormat::NQuads => RdfFormat::NQuads,
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::TriG => RdfFormat::TriG,
            ExportFormat::NTriples => RdfFormat::NTriples,
            ExportFormat::JsonLd => RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() },
            ExportFormat::Dot | ExportFormat::Csv => return None,
        })
    }
}

impl FromStr for ExportFormat {
    type Err = String;

    fn from_str(text: &str) -> Result<ExportFormat, String> {
        Ok(match text.to_ascii_lowercase().as_str() {
            "nquads" | "nq" => ExportFormat::NQuads,
            "turtle" | "ttl" => ExportFormat::Turtle,
            "trig" => ExportFormat::TriG,
            "ntriples" | "nt" => ExportFormat::NTriples,
            "jsonld" | "json-ld" => ExportFormat::JsonLd,
            "dot" | "graphviz" => ExportFormat::Dot,
            "csv" => ExportFormat::Csv,
            other => {
                return Err(format!(
                    "unknown export format {other:?} (nquads, turtle, trig, ntriples, jsonld, dot, csv)"
                ))
            }
        })
    }
}

/// Shape and fill colour of an actor type in DOT pictures.
pub fn style(kind: ActorKind) -> (&'static str, &'static str) {
    match kind {
        ActorKind::Person => ("ellipse", "#f6d8ae"),
        ActorKind::Country => ("box", "#a8c8e8"),
        ActorKind::GovernmentBody => ("component", "#c6dbef"),
        ActorKind::ArmedGroup => ("octagon", "#f4a6a6"),
        ActorKind::IntergovernmentalOrganization => ("hexagon", "#b9e3c6"),
        ActorKind::MilitaryUnit => ("diamond", "#d9c3e6"),
        ActorKind::MediaOrganization => ("note", "#eeeeee"),
        ActorKind::ThinkTank => ("tab", "#fff2b3"),
        ActorKind::Group => ("ellipse", "#dddddd"),
        ActorKind::Place => ("house", "#ffffff"),
    }
}

/// A DOT string literal.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            other => out.push(other),
        }
    }
    out.push('"');
    out
}

/// Writes the actor network as Graphviz DOT.
pub fn write_dot(network: &ActorNetwork, title: &str, mut out: impl Write) -> io::Result<()> {
    let graph = &network.graph;
    writeln!(out, "digraph dossier {{")?;
    writeln!(
        out,
        "  graph [label={}, labelloc=t, fontname=\"Helvetica\", fontsize=16, rankdir=LR, overlap=false, splines=true];",
        quoted(title)
    )?;
    writeln!(out, "  node [fontname=\"Helvetica\", fontsize=11, style=filled, color=\"#555555\"];")?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#666666\", arrowsize=0.7];")?;
    let mut nodes: Vec<_> = graph.node_indices().filter(|&n| graph.neighbors_undirected(n).next().is_some()).collect();
    nodes.sort_by(|a, b| graph[*a].iri.cmp(&graph[*b].iri));
    for node in nodes {
        let actor = &graph[node];
        let (shape, colour) = style(actor.kind);
        writeln!(
            out,
            "  {} [label={}, shape={shape}, fillcolor={}, tooltip={}];",
            quoted(&actor.iri),
            quoted(&actor.label),
            quoted(colour),
            quoted(actor.kind.class_name())
        )?;
    }
    let mut edges: Vec<_> = graph.edge_references().collect();
    edges.sort_by(|a, b| {
        (&graph[a.source()].iri, &graph[a.target()].iri).cmp(&(&graph[b.source()].iri, &graph[b.target()].iri))
    });
    for edge in edges {
        let link = edge.weight();
        let width = 1.0 + (link.sources() as f64).ln_1p();
        let claims_only = link.kinds.keys().all(|k| k == "claim");
        writeln!(
            out,
            "  {} -> {} [label={}, penwidth={width:.2}, tooltip={}{}];",
            quoted(&graph[edge.source()].iri),
            quoted(&graph[edge.target()].iri),
            quoted(&link.summary()),
            quoted(&format!("weight {}, sources {}", link.weight(), link.sources())),
            if claims_only { ", style=dashed" } else { "" }
        )?;
    }
    writeln!(out, "}}")
}

/// An export that failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    #[error("cannot write {path}: {source}")]
    Write { path: String, source: io::Error },
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
    #[error("cannot write CSV {path}: {source}")]
    Csv { path: String, source: csv::Error },
}

/// Writes `nodes.csv` and `edges.csv` into `dir` (created if needed).
pub fn write_csv(network: &ActorNetwork, dir: &Path) -> Result<(), ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Write { path: dir.display().to_string(), source })?;
    let graph = &network.graph;
    let degree = centrality::compute(network, Metric::Degree)?;
    let pagerank = centrality::compute(network, Metric::PageRank)?;
    let betweenness = centrality::compute(network, Metric::Betweenness)?;
    let nodes_path = dir.join("nodes.csv");
    let csv_error = |path: &Path| {
        let path = path.display().to_string();
        move |source: csv::Error| ExportError::Csv { path: path.clone(), source }
    };
    let mut nodes = csv::Writer::from_path(&nodes_path).map_err(csv_error(&nodes_path))?;
    nodes.write_record(["Id", "Label", "Type", "Degree", "PageRank", "Betweenness"]).map_err(csv_error(&nodes_path))?;
    let mut order: Vec<_> = graph.node_indices().collect();
    order.sort_by(|a, b| graph[*a].iri.cmp(&graph[*b].iri));
    for n in order {
        let actor = &graph[n];
        let i = n.index();
        nodes
            .write_record([
                actor.iri.as_str(),
                actor.label.as_str(),
                actor.kind.class_name(),
                &format!("{:.6}", degree[i]),
                &format!("{:.6}", pagerank[i]),
                &format!("{:.6}", betweenness[i]),
            ])
            .map_err(csv_error(&nodes_path))?;
    }
    nodes.flush().map_err(|source| ExportError::Write { path: nodes_path.display().to_string(), source })?;
    let edges_path = dir.join("edges.csv");
    let mut edges = csv::Writer::from_path(&edges_path).map_err(csv_error(&edges_path))?;
    edges.write_record(["Source", "Target", "Type", "Weight", "Sources", "Label"]).map_err(csv_error(&edges_path))?;
    let mut list: Vec<_> = graph.edge_references().collect();
    list.sort_by(|a, b| {
        (&graph[a.source()].iri, &graph[a.target()].iri).cmp(&(&graph[b.source()].iri, &graph[b.target()].iri))
    });
    for edge in list {
        let link = edge.weight();
        edges
            .write_record([
                graph[edge.source()].iri.as_str(),
                graph[edge.target()].iri.as_str(),
                "Directed",
                &link.weight().to_string(),
                &link.sources().to_string(),
                &link.summary(),
            ])
            .map_err(csv_error(&edges_path))?;
    }
    edges.flush().map_err(|source| ExportError::Write { path: edges_path.display().to_string(), source })?;
    Ok(())
}
