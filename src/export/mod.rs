//! Exports: RDF serialisations of the store, the actor network as a Graphviz picture, tables for
//! spreadsheets and Gephi, GraphML, and the self-contained HTML briefing.
//!
//! | format | writer | for |
//! |---|---|---|
//! | N-Quads, TriG, N-Triples | [`rdf::write_rdf`] (streamed by [`Store::write`](crate::store::Store::write)) | other RDF tools |
//! | Turtle, JSON-LD | [`rdf::write_rdf`]: Turtle grouped by subject and sorted, JSON-LD compacted with an `@context` | people reading RDF, JSON-LD tools |
//! | DOT | [`dot::write_dot_with`] | Graphviz; [`dot::render`] makes SVG, PNG or PDF of it |
//! | CSV | [`tables::write_tables`] | Gephi (`nodes.csv`, `edges.csv`), spreadsheets (`events.csv`, `claims.csv`) |
//! | GraphML | [`graphml::write_graphml`] | Gephi, yEd, Cytoscape |
//! | HTML | [`html::write_briefing`] | people: one file to hand over |
//!
//! Each submodule documents its format: DOT attributes, CSV columns, GraphML keys, the sections
//! and anchors of the briefing.
//!
//! **Everything is deterministic**: the same store gives byte-identical files. Rows, nodes and
//! edges are sorted by IRI (or by date, then IRI, for events and claims), scores are written
//! with a fixed number of decimals, and nothing depends on the clock or on hash-map order.
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

pub mod dot;
pub mod graphml;
pub mod html;
pub mod listing;
mod picture;
pub mod rdf;
pub mod tables;
pub mod text;

use std::collections::BTreeSet;
use std::io;
use std::path::Path;
use std::str::FromStr;

use petgraph::graph::{DiGraph, EdgeReference, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::analysis::{ActorNode, AnalysisError, Link, NetworkFilter};
use crate::lexicon::ActorKind;
use crate::plover::EventType;
use crate::store::StoreError;
use crate::traverse::DocumentRecord;

pub use dot::{
    ego_network, render, render_with, top_actors, write_dot, write_dot_with, DotOptions, ImageFormat, RenderError,
    PICTURE_TOP,
};
pub use graphml::write_graphml;
pub use html::{write_briefing, BriefingOptions};
pub use listing::{
    claims_table, communities_table, contradictions_table, period_table, questions, ranking_table, write_results,
    ResultsFormat, Table, TableFormat,
};
pub use picture::{network_picture, picture_actors, NetworkPicture, PictureOptions, PictureTop};
pub use rdf::{compact_jsonld, write_jsonld_triples, write_rdf, write_turtle_triples};
pub use tables::{write_claims_csv, write_csv, write_edges_csv, write_events_csv, write_nodes_csv, write_tables};

/// What `dossier export` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    NQuads,
    Turtle,
    TriG,
    NTriples,
    JsonLd,
    /// Graphviz DOT text.
    Dot,
    /// The DOT picture rendered by Graphviz.
    Svg,
    Png,
    Pdf,
    /// A folder of tables.
    Csv,
    GraphMl,
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
            "svg" => ExportFormat::Svg,
            "png" => ExportFormat::Png,
            "pdf" => ExportFormat::Pdf,
            "graphml" => ExportFormat::GraphMl,
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
            _ => return None,
        })
    }

    /// The Graphviz output format, for the rendered pictures.
    pub fn image_format(self) -> Option<ImageFormat> {
        match self {
            ExportFormat::Svg => Some(ImageFormat::Svg),
            ExportFormat::Png => Some(ImageFormat::Png),
            ExportFormat::Pdf => Some(ImageFormat::Pdf),
            _ => None,
        }
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
            "dot" | "graphviz" | "gv" => ExportFormat::Dot,
            "svg" => ExportFormat::Svg,
            "png" => ExportFormat::Png,
            "pdf" => ExportFormat::Pdf,
            "csv" => ExportFormat::Csv,
            "graphml" => ExportFormat::GraphMl,
            other => {
                return Err(format!(
                    "unknown export format {other:?} (nquads, turtle, trig, ntriples, jsonld, dot, svg, png, pdf, csv, graphml)"
                ))
            }
        })
    }
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
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("cannot write: {0}")]
    Io(#[from] io::Error),
    /// A format that does not fit what is written (CSV for the triples of a CONSTRUCT query).
    #[error("format {0}")]
    Format(String),
}

/// Shape and fill colour of an actor type in pictures.
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

/// The name of an actor type for readers: "armed group", "intergovernmental organisation".
pub fn kind_name(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "person",
        ActorKind::Country => "country",
        ActorKind::GovernmentBody => "government body",
        ActorKind::ArmedGroup => "armed group",
        ActorKind::IntergovernmentalOrganization => "intergovernmental organisation",
        ActorKind::MilitaryUnit => "military unit",
        ActorKind::MediaOrganization => "media organisation",
        ActorKind::ThinkTank => "think tank",
        ActorKind::Group => "group",
        ActorKind::Place => "place",
    }
}

/// PLOVER's four quad classes, in the order pictures list them, with their colours.
pub const QUAD_CLASSES: [(&str, &str); 4] = [
    ("verbal cooperation", "#3b78b0"),
    ("material cooperation", "#2e8b57"),
    ("verbal conflict", "#d08a1e"),
    ("material conflict", "#7b4f9d"),
];

/// Colour of edges supported only by claims.
pub const CLAIM_COLOUR: &str = "#7a7a7a";

/// Colour of contradictions.
pub const CONTRADICTION_COLOUR: &str = "#d62728";

/// The quad class of an evidence kind ("CONSULT" -> "verbal cooperation"), `None` for "claim".
pub fn quad_class(kind: &str) -> Option<&'static str> {
    kind.parse::<EventType>().ok().map(EventType::quad_class)
}

/// The quad class with most events behind a link (ties go to the first of [`QUAD_CLASSES`]),
/// `None` when only claims support it.
pub fn dominant_class(link: &Link) -> Option<&'static str> {
    let mut counts = [0usize; 4];
    for (kind, n) in link.kinds.iter() {
        if let Some(class) = quad_class(kind) {
            if let Some(i) = QUAD_CLASSES.iter().position(|(name, _)| *name == class) {
                counts[i] += n;
            }
        }
    }
    let best = (0..4).filter(|&i| counts[i] > 0).max_by(|&a, &b| counts[a].cmp(&counts[b]).then(b.cmp(&a)))?;
    Some(QUAD_CLASSES[best].0)
}

/// A count with thousands separated by commas: "3,077".
///
/// ```
/// assert_eq!(dossier::export::thousands(3077), "3,077");
/// assert_eq!(dossier::export::thousands(12), "12");
/// ```
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What an export reports on stderr: "wrote graph.ttl: 3,077 triples", or "wrote 3,077 triples
/// to standard output" when there is no file.
///
/// ```
/// use std::path::Path;
/// assert_eq!(dossier::export::wrote(Some(Path::new("graph.ttl")), "3,077 triples"), "wrote graph.ttl: 3,077 triples");
/// assert_eq!(dossier::export::wrote(None, "12 actors"), "wrote 12 actors to standard output");
/// ```
pub fn wrote(output: Option<&Path>, what: &str) -> String {
    match output {
        Some(path) => format!("wrote {}: {what}", path.display()),
        None => format!("wrote {what} to standard output"),
    }
}

/// Whether only claims support a link (no event).
pub fn claims_only(link: &Link) -> bool {
    link.kinds.keys().all(|k| k == "claim")
}

/// The title of an ego picture: its actor, how far it reaches, then the corpus.
///
/// ```
/// assert_eq!(dossier::export::ego_title("Taliban", 1, "dossier: 5 documents"),
///            "Taliban and the actors 1 link away (dossier: 5 documents)");
/// assert_eq!(dossier::export::ego_title("Taliban", 2, "dossier: 5 documents"),
///            "Taliban and the actors up to 2 links away (dossier: 5 documents)");
/// ```
pub fn ego_title(actor: &str, depth: usize, corpus: &str) -> String {
    match depth {
        0 => format!("{actor} ({corpus})"),
        1 => format!("{actor} and the actors 1 link away ({corpus})"),
        n => format!("{actor} and the actors up to {n} links away ({corpus})"),
    }
}

/// "dossier: 5 documents, 2021-07-09 to 2021-10-08": the corpus and the range of its
/// publication dates, the title pictures and briefings carry.
pub fn corpus_title(documents: &[DocumentRecord]) -> String {
    let noun = if documents.len() == 1 { "document" } else { "documents" };
    match date_range(documents) {
        Some((first, last)) if first != last => format!("dossier: {} {noun}, {first} to {last}", documents.len()),
        Some((only, _)) => format!("dossier: {} {noun}, {only}", documents.len()),
        None => format!("dossier: {} {noun}", documents.len()),
    }
}

/// The first and last publication dates of documents, if any is dated.
pub fn date_range(documents: &[DocumentRecord]) -> Option<(&str, &str)> {
    let dates: BTreeSet<&str> = documents.iter().filter_map(|d| d.published.as_deref()).collect();
    Some((dates.first()?, dates.last()?))
}

/// What a network filter keeps, in words ("CONSULT events, 2021-07-01 to 2021-09-30, at least
/// 2 sources"); empty for the default filter.
pub fn describe_filter(filter: &NetworkFilter) -> String {
    let mut parts = Vec::new();
    if let Some(event_type) = filter.event_type {
        parts.push(format!("{event_type} events only"));
    }
    match (filter.from, filter.to) {
        (Some(from), Some(to)) => parts.push(format!("{from} to {to}")),
        (Some(from), None) => parts.push(format!("from {from}")),
        (None, Some(to)) => parts.push(format!("until {to}")),
        (None, None) => {}
    }
    if filter.min_sources > 1 {
        parts.push(format!("at least {} sources", filter.min_sources));
    }
    if filter.with_places {
        parts.push("places as nodes".to_string());
    }
    parts.join(", ")
}

/// The pairs of speakers whose claims contradict each other, from
/// [`traverse::contradictions`](crate::traverse::contradictions), each with the number of pairs
/// of their claims that contradict each other on a question: each pair of speakers ordered by
/// IRI, sorted (a speaker contradicting themselves gives a pair of equals). Counted from the
/// sides of each question, so the cost follows the speakers, not the pairs of claims.
///
/// ```
/// use dossier::export::contradiction_pairs;
///
/// assert!(contradiction_pairs(&[]).is_empty());
/// ```
pub fn contradiction_pairs(contradictions: &[crate::traverse::Contradiction]) -> Vec<(String, String, usize)> {
    crate::traverse::speaker_pairs(contradictions)
}

/// How many actors of a network have at least one link.
///
/// ```
/// use dossier::analysis::ActorNetwork;
///
/// assert_eq!(dossier::export::linked_actors(&ActorNetwork::default()), 0);
/// ```
pub fn linked_actors(network: &crate::analysis::ActorNetwork) -> usize {
    linked_nodes(&network.graph).len()
}

/// Nodes with at least one edge, sorted by IRI.
pub(crate) fn linked_nodes(graph: &DiGraph<ActorNode, Link>) -> Vec<NodeIndex> {
    let mut nodes: Vec<NodeIndex> =
        graph.node_indices().filter(|&n| graph.neighbors_undirected(n).next().is_some()).collect();
    nodes.sort_by(|a, b| graph[*a].iri.cmp(&graph[*b].iri));
    nodes
}

/// Every node, sorted by IRI.
pub(crate) fn sorted_nodes(graph: &DiGraph<ActorNode, Link>) -> Vec<NodeIndex> {
    let mut nodes: Vec<NodeIndex> = graph.node_indices().collect();
    nodes.sort_by(|a, b| graph[*a].iri.cmp(&graph[*b].iri));
    nodes
}

/// Every edge, sorted by (source IRI, target IRI).
pub(crate) fn sorted_edges(graph: &DiGraph<ActorNode, Link>) -> Vec<EdgeReference<'_, Link>> {
    let mut edges: Vec<_> = graph.edge_references().collect();
    edges.sort_by(|a, b| {
        (&graph[a.source()].iri, &graph[a.target()].iri).cmp(&(&graph[b.source()].iri, &graph[b.target()].iri))
    });
    edges
}

/// A score with six decimals, 0 for a score that is not a number.
pub(crate) fn fixed(score: f64) -> String {
    let text = format!("{:.6}", if score.is_finite() { score } else { 0.0 });
    // A score that rounds to zero is zero, whatever its sign: never "-0.000000".
    match text.strip_prefix('-') {
        Some(digits) if digits.bytes().all(|b| b == b'0' || b == b'.') => digits.to_string(),
        _ => text,
    }
}

/// Drops the characters XML 1.0 forbids (C0 controls other than tab, newline and carriage
/// return; U+FFFE, U+FFFF) and writes the rest with `&`, `<`, `>`, `"` and `'` escaped: safe in
/// XML and HTML text and in quoted attribute values.
pub(crate) fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(
            escape_markup("<script>alert(1)</script> \" onmouseover=\"x\" & 'y'\u{1}\u{ffff}\n"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &quot; onmouseover=&quot;x&quot; &amp; &#39;y&#39;\n"
        );
    }

    #[test]
    fn fixed_scores_have_no_negative_zero() {
        assert_eq!(fixed(-0.0), "0.000000");
        assert_eq!(fixed(-1e-12), "0.000000");
        assert_eq!(fixed(-0.5), "-0.500000");
        assert_eq!(fixed(f64::NAN), "0.000000");
    }

    #[test]
    fn formats_from_names_and_extensions() {
        assert_eq!("SVG".parse::<ExportFormat>().unwrap(), ExportFormat::Svg);
        assert_eq!("graphml".parse::<ExportFormat>().unwrap(), ExportFormat::GraphMl);
        assert_eq!(ExportFormat::from_extension(Path::new("net.pdf")), Some(ExportFormat::Pdf));
        assert_eq!(ExportFormat::from_extension(Path::new("net.graphml")), Some(ExportFormat::GraphMl));
        assert_eq!(ExportFormat::Png.image_format(), Some(ImageFormat::Png));
        assert_eq!(ExportFormat::Dot.image_format(), None);
        assert!("xls".parse::<ExportFormat>().unwrap_err().contains("graphml"));
    }

    #[test]
    fn dominant_class_counts_events_and_ignores_claims() {
        let mut link = Link::default();
        link.kinds.add("claim", 5);
        assert_eq!(dominant_class(&link), None);
        assert!(claims_only(&link));
        link.kinds.add("CONSULT", 1);
        link.kinds.add("ASSAULT", 2);
        assert_eq!(dominant_class(&link), Some("material conflict"));
        link.kinds.add("AGREE", 1);
        assert_eq!(dominant_class(&link), Some("verbal cooperation"), "ties go to the first class");
        assert!(!claims_only(&link));
    }

    #[test]
    fn corpus_titles_give_the_date_range() {
        let doc = |date: Option<&str>| DocumentRecord {
            iri: String::new(),
            file_name: String::new(),
            title: None,
            published: date.map(str::to_string),
            publisher: None,
        };
        assert_eq!(corpus_title(&[]), "dossier: 0 documents");
        assert_eq!(corpus_title(&[doc(Some("2021-10-08")), doc(None)]), "dossier: 2 documents, 2021-10-08");
        assert_eq!(
            corpus_title(&[doc(Some("2021-10-08")), doc(Some("2021-07-09"))]),
            "dossier: 2 documents, 2021-07-09 to 2021-10-08"
        );
    }

    #[test]
    fn filters_in_words() {
        assert_eq!(describe_filter(&NetworkFilter::default()), "");
        let filter = NetworkFilter {
            event_type: Some(EventType::Consult),
            from: Some("2021-07-01".parse().unwrap()),
            min_sources: 2,
            ..NetworkFilter::default()
        };
        assert_eq!(describe_filter(&filter), "CONSULT events only, from 2021-07-01, at least 2 sources");
    }
}
