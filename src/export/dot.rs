//! The actor network as a designed Graphviz picture, parts of it (ego network, top actors), and
//! rendering to SVG, PNG or PDF through Graphviz's `dot`.
//!
//! **The DOT** ([`write_dot_with`]) is a `digraph dossier` laid out left to right:
//!
//! - *title*: `graph [label]` is [`DotOptions::title`] (e.g. [`corpus_title`](super::corpus_title):
//!   the corpus and its date range) with [`DotOptions::subtitle`] on a second line;
//! - *nodes*: only actors with at least one link are drawn. Node id = actor IRI, `label` = its
//!   name (wrapped at about 20 characters), `shape` and `fillcolor` = its type (see
//!   [`style`](super::style)), `tooltip` = name, type and score. With [`DotOptions::size_by`],
//!   `fontsize`, `width` and `height` grow with the square root of the node's share of the
//!   largest score drawn;
//! - *edges*: one per ordered pair of linked actors. `label` = the kinds of evidence with counts
//!   ("CONSULT x2, claim", see [`Link::summary`]), `penwidth` = 1 + 1.25 per source beyond the
//!   first (at most 8), `color` = the PLOVER quad class with most events behind the edge (see
//!   [`QUAD_CLASSES`](super::QUAD_CLASSES)), `style=dashed` and grey when only claims support it,
//!   `tooltip` = weight, supporting items and sources;
//! - *contradictions* ([`DotOptions::contradictions`]): one red undirected edge (`dir=none`,
//!   `constraint=false`) per pair of drawn speakers whose claims contradict, labelled
//!   "contradicts" (with "xN" for N contradicting pairs of their claims), a loop when a speaker
//!   contradicts themselves;
//! - *legend*: `subgraph cluster_legend`, one node per actor type drawn (ids `legend:TYPE`) and
//!   a table node (`legend:edges`) explaining colours, dashes, widths and node size.
//!
//! Node ids and the legend's ids never collide: actor IRIs are `https:` IRIs.
//!
//! **Determinism**: nodes and edges are sorted by IRI, floats have two decimals; the same
//! network and options give byte-identical DOT.
//!
//! ```
//! use dossier::analysis::{ActorNetwork, Metric};
//! use dossier::export::dot::{write_dot_with, DotOptions};
//! use dossier::store::Store;
//!
//! let network = ActorNetwork::from_store(&Store::memory()?)?;
//! let pagerank = network.rank(Metric::PageRank)?.iter().map(|r| r.score).collect();
//! let options = DotOptions::new("dossier: 0 documents").with_size_by("PageRank", pagerank);
//! let mut dot = Vec::new();
//! write_dot_with(&network, &options, &mut dot)?;
//! assert!(String::from_utf8(dot)?.contains("label=\"dossier: 0 documents\""));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::{claims_only, dominant_class, kind_name, linked_nodes, sorted_edges, style};
use super::{CLAIM_COLOUR, CONTRADICTION_COLOUR, QUAD_CLASSES};
use crate::analysis::{ActorNetwork, Link};
use crate::lexicon::ActorKind;

/// How to draw the network.
#[derive(Debug, Clone, PartialEq)]
pub struct DotOptions {
    /// First line of the picture's title.
    pub title: String,
    /// Second line (e.g. the filters applied, see [`describe_filter`](super::describe_filter)).
    pub subtitle: Option<String>,
    /// A score per node index of the network (e.g. PageRank); nodes are drawn bigger with it.
    pub size_by: Option<Vec<f64>>,
    /// What the score is, for the legend and tooltips ("PageRank").
    pub size_label: String,
    /// Pairs of actor IRIs whose claims contradict each other, with the number of pairs of
    /// their claims that do (see [`contradiction_pairs`](super::contradiction_pairs)): red edges.
    pub contradictions: Vec<(String, String, usize)>,
    /// Whether to draw the legend.
    pub legend: bool,
    /// When set, each node links to this prefix followed by its IRI, percent-encoded (`URL`
    /// attribute; an SVG wraps the node in a link): `/describe?iri=` on `dossier serve`.
    pub node_links: Option<String>,
}

impl Default for DotOptions {
    fn default() -> DotOptions {
        DotOptions {
            title: "dossier".to_string(),
            subtitle: None,
            size_by: None,
            size_label: "score".to_string(),
            contradictions: Vec::new(),
            legend: true,
            node_links: None,
        }
    }
}

impl DotOptions {
    /// Options with a title, a legend, no sizing and no contradictions.
    #[must_use]
    pub fn new(title: impl Into<String>) -> DotOptions {
        DotOptions { title: title.into(), ..DotOptions::default() }
    }

    /// With a second title line.
    #[must_use]
    pub fn with_subtitle(mut self, subtitle: impl Into<String>) -> DotOptions {
        let subtitle = subtitle.into();
        self.subtitle = (!subtitle.is_empty()).then_some(subtitle);
        self
    }

    /// Nodes sized by a score per node index, named `label` in the legend.
    #[must_use]
    pub fn with_size_by(mut self, label: impl Into<String>, scores: Vec<f64>) -> DotOptions {
        self.size_label = label.into();
        self.size_by = Some(scores);
        self
    }

    /// Red edges between these pairs of actor IRIs, labelled with their numbers of contradicting
    /// pairs of claims.
    #[must_use]
    pub fn with_contradictions(mut self, pairs: Vec<(String, String, usize)>) -> DotOptions {
        self.contradictions = pairs;
        self
    }

    /// Each node a link to `prefix` followed by its percent-encoded IRI.
    #[must_use]
    pub fn with_node_links(mut self, prefix: impl Into<String>) -> DotOptions {
        self.node_links = Some(prefix.into());
        self
    }

    /// Without the legend.
    #[must_use]
    pub fn without_legend(mut self) -> DotOptions {
        self.legend = false;
        self
    }
}

/// A DOT string literal (newlines become spaces, so text cannot break out of it).
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

/// A DOT string literal of several centred lines.
fn quoted_lines<S: AsRef<str>>(lines: &[S]) -> String {
    let inner: Vec<String> = lines.iter().map(|l| quoted(l.as_ref())).map(|q| q[1..q.len() - 1].to_string()).collect();
    format!("\"{}\"", inner.join("\\n"))
}

/// Breaks text into lines of about `width` characters at spaces (or after ", " for summaries).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Writes the actor network as Graphviz DOT with a title only (see [`write_dot_with`]).
pub fn write_dot(network: &ActorNetwork, title: &str, out: impl Write) -> io::Result<()> {
    write_dot_with(network, &DotOptions::new(title), out)
}

/// Writes the actor network as a designed Graphviz picture (see the [module docs](self)).
pub fn write_dot_with(network: &ActorNetwork, options: &DotOptions, mut out: impl Write) -> io::Result<()> {
    let graph = &network.graph;
    let nodes = linked_nodes(graph);
    let drawn: BTreeMap<&str, NodeIndex> = nodes.iter().map(|&n| (graph[n].iri.as_str(), n)).collect();
    let score = |n: NodeIndex| -> f64 {
        let value = options.size_by.as_ref().and_then(|scores| scores.get(n.index()).copied()).unwrap_or(0.0);
        if value.is_finite() && value > 0.0 {
            value
        } else {
            0.0
        }
    };
    let max_score = nodes.iter().map(|&n| score(n)).fold(0.0, f64::max);

    writeln!(out, "digraph dossier {{")?;
    let mut title = vec![options.title.clone()];
    title.extend(options.subtitle.clone());
    writeln!(
        out,
        "  graph [label={}, labelloc=t, fontname=\"Helvetica\", fontsize=20, rankdir=LR, nodesep=0.25, ranksep=1.1, \
         pad=0.3, outputorder=edgesfirst, bgcolor=\"white\", tooltip={}];",
        quoted_lines(&title),
        quoted(&options.title)
    )?;
    writeln!(out, "  node [fontname=\"Helvetica\", fontsize=11, style=filled, color=\"#555555\", penwidth=0.8];")?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9, fontcolor=\"#444444\", arrowsize=0.7];")?;

    // Contradictions between two drawn actors are red edges; one speaker against himself is a
    // red border on his node, never a self-loop.
    let mut contradictions: BTreeMap<(NodeIndex, NodeIndex), usize> = BTreeMap::new();
    let mut against_themselves: BTreeMap<NodeIndex, usize> = BTreeMap::new();
    for (a, b, n) in &options.contradictions {
        // Only between actors drawn: the others are outside the picture's scope.
        let (Some(&a), Some(&b)) = (drawn.get(a.as_str()), drawn.get(b.as_str())) else { continue };
        if a == b {
            *against_themselves.entry(a).or_default() += n;
            continue;
        }
        let key = if graph[a].iri <= graph[b].iri { (a, b) } else { (b, a) };
        *contradictions.entry(key).or_default() += n;
    }

    for &node in &nodes {
        let actor = &graph[node];
        let (shape, colour) = style(actor.kind);
        let mut tooltip = format!("{} ({})", actor.label, kind_name(actor.kind));
        let mut label = wrap(&actor.label, 20);
        let mut extra = String::new();
        if let Some(&n) = against_themselves.get(&node) {
            let times = if n > 1 { format!(" x{n}") } else { String::new() };
            label.push(format!("(contradicts self{times})"));
            tooltip.push_str(&format!("; {n} pairs of its own claims contradict each other"));
            extra.push_str(&format!(", color={}, penwidth=2.50", quoted(CONTRADICTION_COLOUR)));
        }
        if let Some(prefix) = &options.node_links {
            let encoded: String = url::form_urlencoded::byte_serialize(actor.iri.as_bytes()).collect();
            extra.push_str(&format!(", URL={}, target=\"_top\"", quoted(&format!("{prefix}{encoded}"))));
        }
        let mut size = String::new();
        if options.size_by.is_some() {
            let value = score(node);
            tooltip.push_str(&format!(", {} {value:.4}", options.size_label));
            let share = if max_score > 0.0 { (value / max_score).sqrt() } else { 0.0 };
            size = format!(
                ", fontsize={:.2}, width={:.2}, height={:.2}",
                10.0 + 12.0 * share,
                0.75 + 1.5 * share,
                0.4 + 0.6 * share
            );
        }
        writeln!(
            out,
            "  {} [label={}, shape={shape}, fillcolor={}, tooltip={}{size}{extra}];",
            quoted(&actor.iri),
            quoted_lines(&label),
            quoted(colour),
            quoted(&tooltip)
        )?;
    }

    let mut classes: BTreeSet<&str> = BTreeSet::new();
    let mut any_claims_only = false;
    for edge in sorted_edges(graph) {
        let link = edge.weight();
        let only_claims = claims_only(link);
        any_claims_only |= only_claims;
        let colour = match dominant_class(link) {
            Some(class) => {
                classes.insert(class);
                QUAD_CLASSES.iter().find(|(name, _)| *name == class).map_or(CLAIM_COLOUR, |(_, c)| c)
            }
            None => CLAIM_COLOUR,
        };
        writeln!(
            out,
            "  {} -> {} [label={}, penwidth={:.2}, color={}, tooltip={}{}];",
            quoted(&graph[edge.source()].iri),
            quoted(&graph[edge.target()].iri),
            quoted_lines(&edge_label(link)),
            pen_width(link.sources()),
            quoted(colour),
            quoted(&format!(
                "{} -> {}: {}; weight {}, {} items, {} sources",
                graph[edge.source()].label,
                graph[edge.target()].label,
                link.summary(),
                link.weight(),
                link.support(),
                link.sources()
            )),
            if only_claims { ", style=dashed" } else { "" }
        )?;
    }

    let mut contradictions: Vec<_> = contradictions.into_iter().collect();
    contradictions.sort_by(|((a1, b1), _), ((a2, b2), _)| {
        (&graph[*a1].iri, &graph[*b1].iri).cmp(&(&graph[*a2].iri, &graph[*b2].iri))
    });
    for ((a, b), n) in &contradictions {
        let label = if *n > 1 { format!("contradicts x{n}") } else { "contradicts".to_string() };
        writeln!(
            out,
            "  {} -> {} [label={}, dir=none, constraint=false, color={c}, fontcolor={c}, penwidth=2.50, tooltip={}];",
            quoted(&graph[*a].iri),
            quoted(&graph[*b].iri),
            quoted(&label),
            quoted(&format!("claims of {} and {} contradict each other", graph[*a].label, graph[*b].label)),
            c = quoted(CONTRADICTION_COLOUR),
        )?;
    }

    if options.legend && !nodes.is_empty() {
        let kinds: BTreeSet<ActorKind> = nodes.iter().map(|&n| graph[n].kind).collect();
        let present = Present {
            kinds: ActorKind::ALL.into_iter().filter(|k| kinds.contains(k)).collect(),
            classes: QUAD_CLASSES.iter().filter(|(name, _)| classes.contains(name)).copied().collect(),
            claims_only: any_claims_only,
            contradictions: !contradictions.is_empty() || !against_themselves.is_empty(),
            size_label: options.size_by.as_ref().map(|_| options.size_label.as_str()),
        };
        write_legend(&present, &mut out)?;
    }
    writeln!(out, "}}")
}

/// "CONSULT x5, REJECT, REQUEST x2, SANCTION" as lines of at most three kinds.
fn edge_label(link: &Link) -> Vec<String> {
    let parts: Vec<String> =
        link.kinds.iter().map(|(k, n)| if n > 1 { format!("{k} x{n}") } else { k.to_string() }).collect();
    parts.chunks(3).map(|chunk| chunk.join(", ")).collect()
}

/// Edge width for a number of sources.
fn pen_width(sources: usize) -> f64 {
    (1.0 + 1.25 * sources.saturating_sub(1) as f64).min(8.0)
}

/// What the legend explains: what the picture holds.
struct Present<'a> {
    kinds: Vec<ActorKind>,
    classes: Vec<(&'static str, &'static str)>,
    claims_only: bool,
    contradictions: bool,
    size_label: Option<&'a str>,
}

fn write_legend(present: &Present<'_>, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "  subgraph cluster_legend {{")?;
    writeln!(
        out,
        "    graph [label=\"Legend\", fontsize=12, labeljust=l, style=\"rounded,filled\", fillcolor=\"#f7f7f7\", color=\"#bbbbbb\", tooltip=\"Legend\"];"
    )?;
    for kind in &present.kinds {
        let (shape, colour) = style(*kind);
        writeln!(
            out,
            "    {} [label={}, shape={shape}, fillcolor={}, fontsize=10, width=0.6, height=0.3, tooltip={}];",
            quoted(&format!("legend:{}", kind.class_name())),
            quoted_lines(&wrap(kind_name(*kind), 16)),
            quoted(colour),
            quoted(kind_name(*kind))
        )?;
    }
    let mut rows = String::new();
    let row = |rows: &mut String, sample: String, text: &str| {
        rows.push_str(&format!("<tr><td align=\"left\">{sample}</td><td align=\"left\">{text}</td></tr>"));
    };
    for (class, colour) in &present.classes {
        row(&mut rows, format!("<font color=\"{colour}\">&#9472;&#9472;&#9472;&#9472;</font>"), class);
    }
    if present.claims_only {
        row(&mut rows, format!("<font color=\"{CLAIM_COLOUR}\">- - - -</font>"), "claims only");
    }
    if present.contradictions {
        row(
            &mut rows,
            format!("<font color=\"{CONTRADICTION_COLOUR}\"><b>&#9472;&#9472;&#9472;&#9472;</b></font>"),
            "contradicting claims",
        );
    }
    rows.push_str("<tr><td align=\"left\" colspan=\"2\">edge width: number of sources</td></tr>");
    if let Some(label) = present.size_label {
        let label: String = label.chars().filter(|c| c.is_alphanumeric() || *c == ' ').collect();
        rows.push_str(&format!("<tr><td align=\"left\" colspan=\"2\">node size: {label}</td></tr>"));
    }
    writeln!(
        out,
        "    \"legend:edges\" [shape=plain, style=\"\", fontsize=10, label=<<table border=\"0\" cellborder=\"0\" cellspacing=\"1\">{rows}</table>>];"
    )?;
    writeln!(out, "  }}")
}

/// The part of a network within `depth` hops of `center` (undirected, see
/// [`ActorNetwork::neighbourhood`]): the same nodes, with only the edges between two of those
/// actors, so only they are drawn. Node indices are kept, so scores computed on the whole
/// network (for [`DotOptions::size_by`]) still apply.
///
/// ```
/// use dossier::analysis::ActorNetwork;
/// use dossier::export::dot::ego_network;
/// # use dossier::analysis::{ActorNode, Link};
/// # use dossier::lexicon::ActorKind;
///
/// let mut network = ActorNetwork::default();
/// # let node = |iri: &str| ActorNode { iri: iri.into(), label: iri.into(), kind: ActorKind::Country };
/// let (a, b, c) = (network.graph.add_node(node("a")), network.graph.add_node(node("b")), network.graph.add_node(node("c")));
/// network.graph.add_edge(a, b, Link::default());
/// network.graph.add_edge(b, c, Link::default());
/// let ego = ego_network(&network, a, 1);
/// assert_eq!((ego.graph.node_count(), ego.graph.edge_count()), (3, 1));
/// ```
pub fn ego_network(network: &ActorNetwork, center: NodeIndex, depth: usize) -> ActorNetwork {
    let mut keep = vec![false; network.graph.node_count()];
    if let Some(slot) = keep.get_mut(center.index()) {
        *slot = true;
    }
    for (node, _) in network.neighbourhood(center, depth) {
        keep[node.index()] = true;
    }
    keeping(network, &keep)
}

/// How many actors a picture of a large network draws by default: the most central (`dossier
/// export` without `--top`, the briefing of a large store, `serve`'s `/network.svg`).
pub const PICTURE_TOP: usize = 50;

/// The `n` linked actors with the best scores (a score per node index; ties by name, then IRI)
/// and the edges between them. Node indices are kept, as for [`ego_network`].
pub fn top_actors(network: &ActorNetwork, scores: &[f64], n: usize) -> ActorNetwork {
    let graph = &network.graph;
    let score = |node: NodeIndex| scores.get(node.index()).copied().filter(|s| s.is_finite()).unwrap_or(0.0);
    let mut ranked = linked_nodes(graph);
    ranked.sort_by(|a, b| {
        score(*b)
            .total_cmp(&score(*a))
            .then_with(|| graph[*a].label.cmp(&graph[*b].label))
            .then_with(|| graph[*a].iri.cmp(&graph[*b].iri))
    });
    let mut keep = vec![false; graph.node_count()];
    for node in ranked.into_iter().take(n) {
        keep[node.index()] = true;
    }
    keeping(network, &keep)
}

/// A copy of the network with only the edges between kept nodes.
fn keeping(network: &ActorNetwork, keep: &[bool]) -> ActorNetwork {
    let mut part = network.clone();
    part.graph.retain_edges(|graph, edge| {
        graph.edge_endpoints(edge).is_some_and(|(a, b)| keep[a.index()] && keep[b.index()])
    });
    part
}

/// What Graphviz renders the DOT to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Svg,
    Png,
    Pdf,
}

impl ImageFormat {
    /// The `-T` name.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageFormat::Svg => "svg",
            ImageFormat::Png => "png",
            ImageFormat::Pdf => "pdf",
        }
    }
}

impl fmt::Display for ImageFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Graphviz could not render a picture.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    #[error(
        "Graphviz is not installed (`{program}` was not found), so the picture cannot be rendered. Install it: \
         `sudo apt-get install graphviz` on Debian/Ubuntu, `brew install graphviz` on macOS \
         (other systems: https://graphviz.org/download/). `--format dot` writes the DOT text without it."
    )]
    Missing { program: PathBuf },
    #[error("cannot run Graphviz `{program}`: {source}")]
    Run { program: PathBuf, source: io::Error },
    #[error("Graphviz `{program} -T{format}` failed ({status}): {stderr}")]
    Failed { program: PathBuf, format: ImageFormat, status: std::process::ExitStatus, stderr: String },
}

/// Renders DOT with Graphviz's `dot` (found on `PATH`) to SVG, PNG or PDF.
///
/// When `dot` is missing the error says how to install Graphviz.
pub fn render(dot: &str, format: ImageFormat) -> Result<Vec<u8>, RenderError> {
    render_with(Path::new("dot"), dot, format)
}

/// Renders DOT with the given Graphviz program (a path, or a name looked up on `PATH`).
pub fn render_with(program: &Path, dot: &str, format: ImageFormat) -> Result<Vec<u8>, RenderError> {
    let mut child = Command::new(program)
        .arg(format!("-T{}", format.as_str()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| match source.kind() {
            io::ErrorKind::NotFound => RenderError::Missing { program: program.to_path_buf() },
            _ => RenderError::Run { program: program.to_path_buf(), source },
        })?;
    let run_error = |source: io::Error| RenderError::Run { program: program.to_path_buf(), source };
    let mut stdin = child.stdin.take().expect("piped stdin");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    // Feed and drain at once: a big graph fills the pipes both ways.
    let (written, image, errors) = std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            let result = stdin.write_all(dot.as_bytes());
            drop(stdin);
            result
        });
        let error_reader = scope.spawn(move || {
            let mut text = Vec::new();
            stderr.read_to_end(&mut text).map(|_| text)
        });
        let mut image = Vec::new();
        let read = stdout.read_to_end(&mut image).map(|_| image);
        (writer.join().expect("writer thread"), read, error_reader.join().expect("stderr thread"))
    });
    let status = child.wait().map_err(run_error)?;
    let stderr = String::from_utf8_lossy(&errors.unwrap_or_default()).trim().to_string();
    if !status.success() {
        return Err(RenderError::Failed { program: program.to_path_buf(), format, status, stderr });
    }
    written.map_err(run_error)?;
    image.map_err(run_error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ActorNode;

    fn network() -> ActorNetwork {
        let mut network = ActorNetwork::default();
        let mut node = |iri: &str, label: &str, kind| {
            network.graph.add_node(ActorNode { iri: format!("https://example.org/{iri}"), label: label.into(), kind })
        };
        let russia = node("russia", "Russia", ActorKind::Country);
        let taliban = node("taliban", "Taliban \"T\" \\ <b>", ActorKind::ArmedGroup);
        let envoy = node("envoy", "Zamir Kabulov, special representative of the president", ActorKind::Person);
        let spokesman = node("spokesman", "Dmitry Peskov", ActorKind::Person);
        let _alone = node("alone", "Alone", ActorKind::ThinkTank);
        let link = |kinds: &[(&str, usize)], documents: &[&str]| Link {
            items: kinds.len(),
            kinds: kinds.iter().map(|(k, n)| (k.to_string(), *n)).collect(),
            sources: documents.len(),
            weight: kinds.iter().map(|(_, n)| *n as f64).sum(),
        };
        network.graph.add_edge(russia, taliban, link(&[("CONSULT", 2), ("claim", 1)], &["d1", "d2", "d3"]));
        network.graph.add_edge(envoy, taliban, link(&[("claim", 2)], &["d1"]));
        network.graph.add_edge(taliban, russia, link(&[("ASSAULT", 1)], &["d2"]));
        network.graph.add_edge(spokesman, russia, link(&[("claim", 1)], &["d2"]));
        network
    }

    fn dot(network: &ActorNetwork, options: &DotOptions) -> String {
        let mut out = Vec::new();
        write_dot_with(network, options, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn designed_picture() {
        let network = network();
        let options = DotOptions::new("dossier: 3 documents, 2021-07-09 to 2021-10-08")
            .with_subtitle("CONSULT events only")
            .with_size_by("PageRank", vec![0.4, 0.3, 0.1, 0.05, 0.15])
            .with_contradictions(vec![
                ("https://example.org/envoy".into(), "https://example.org/spokesman".into(), 2),
                ("https://example.org/alone".into(), "https://example.org/russia".into(), 1),
            ]);
        let text = dot(&network, &options);
        assert!(text.contains("label=\"dossier: 3 documents, 2021-07-09 to 2021-10-08\\nCONSULT events only\""));
        // Escaped labels, wrapped names, sizes relative to the largest score drawn.
        assert!(text.contains("label=\"Taliban \\\"T\\\" \\\\ <b>\", shape=octagon"), "{text}");
        assert!(text.contains("label=\"Zamir Kabulov,\\nspecial\\nrepresentative of\\nthe president\""), "{text}");
        assert!(text.contains("label=\"Russia\", shape=box, fillcolor=\"#a8c8e8\", tooltip=\"Russia (country), PageRank 0.4000\", fontsize=22.00, width=2.25, height=1.00"));
        // Nodes without links are not drawn, nor their contradictions.
        assert!(!text.contains("example.org/alone"));
        // Edges: kinds with counts, width by sources, colour by quad class, dashes for claims only.
        assert!(text.contains("\"https://example.org/russia\" -> \"https://example.org/taliban\" [label=\"CONSULT x2, claim\", penwidth=3.50, color=\"#3b78b0\""));
        assert!(text.contains("\"https://example.org/envoy\" -> \"https://example.org/taliban\" [label=\"claim x2\", penwidth=1.00, color=\"#7a7a7a\""));
        assert!(text.contains("style=dashed];"));
        assert!(text.contains("[label=\"contradicts x2\", dir=none, constraint=false, color=\"#d62728\""));
        // The legend lists the types drawn, in the fixed order, and what edges mean.
        let legend = &text[text.find("subgraph cluster_legend").unwrap()..];
        let person = legend.find("legend:Person").unwrap();
        assert!(legend.find("legend:Country").unwrap() < legend.find("legend:ArmedGroup").unwrap());
        assert!(person < legend.find("legend:Country").unwrap());
        assert!(!legend.contains("legend:ThinkTank"));
        for text in
            ["verbal cooperation", "material conflict", "claims only", "contradicting claims", "node size: PageRank"]
        {
            assert!(legend.contains(text), "legend lacks {text}");
        }
        assert!(!legend.contains("verbal conflict"));
        // Deterministic.
        assert_eq!(text, dot(&network, &options));
    }

    #[test]
    fn a_speaker_against_himself_is_a_red_border_not_a_self_loop_and_nodes_link_to_pages() {
        let options = DotOptions::new("x")
            .with_contradictions(vec![
                ("https://example.org/envoy".into(), "https://example.org/envoy".into(), 3),
                ("https://example.org/envoy".into(), "https://example.org/spokesman".into(), 1),
            ])
            .with_node_links("/describe?iri=");
        let text = dot(&network(), &options);
        assert!(!text.contains("\"https://example.org/envoy\" -> \"https://example.org/envoy\""), "{text}");
        assert!(text.contains("(contradicts self x3)\", shape=ellipse"), "{text}");
        assert!(
            text.contains("color=\"#d62728\", penwidth=2.50, URL=\"/describe?iri=https%3A%2F%2Fexample.org%2Fenvoy\""),
            "{text}"
        );
        assert_eq!(text.matches("label=\"contradicts\"").count(), 1, "{text}");
    }

    #[test]
    fn empty_network_and_no_legend() {
        let text = dot(&ActorNetwork::default(), &DotOptions::new("nothing"));
        assert!(!text.contains("cluster_legend"));
        assert!(text.ends_with("}\n"));
        let text = dot(&network(), &DotOptions::new("x").without_legend());
        assert!(!text.contains("cluster_legend"));
        assert!(!text.contains("fontsize=22"), "no sizing without scores");
    }

    #[test]
    fn ego_networks_and_top_actors_keep_node_indices() {
        let network = network();
        let envoy = network.graph.node_indices().find(|&n| network.graph[n].iri.ends_with("/envoy")).unwrap();
        let ego = ego_network(&network, envoy, 1);
        assert_eq!(ego.graph.node_count(), network.graph.node_count());
        assert_eq!(ego.graph.edge_count(), 1, "only envoy -> taliban");
        assert_eq!(ego.graph[envoy].iri, "https://example.org/envoy");
        assert_eq!(ego_network(&network, envoy, 2).graph.edge_count(), 3, "taliban <-> russia joins");
        assert_eq!(ego_network(&network, envoy, 0).graph.edge_count(), 0);

        let scores = [0.4, 0.3, 0.1, 0.2, 0.9];
        let top = top_actors(&network, &scores, 2);
        let text = dot(&top, &DotOptions::new("top"));
        assert!(text.contains("example.org/russia\" ->") && text.contains("example.org/taliban\" ->"));
        assert!(!text.contains("example.org/envoy"), "third by score");
        assert!(!text.contains("example.org/alone"), "best score, but no link");
        assert_eq!(top_actors(&network, &scores, 3).graph.edge_count(), 3);
    }

    #[test]
    fn missing_graphviz_says_how_to_install_it() {
        let error = render_with(Path::new("/nonexistent/dot"), "digraph {}", ImageFormat::Svg).unwrap_err();
        let message = error.to_string();
        assert!(matches!(error, RenderError::Missing { .. }));
        assert!(message.contains("sudo apt-get install graphviz"), "{message}");
        assert!(message.contains("brew install graphviz"), "{message}");
    }

    #[test]
    fn wrapping() {
        assert_eq!(wrap("Russia", 20), ["Russia"]);
        assert_eq!(wrap("", 20), [""]);
        assert_eq!(wrap("Collective Security Treaty Organization", 20), ["Collective Security", "Treaty Organization"]);
        assert_eq!(quoted_lines(&["a\"b", "c"]), "\"a\\\"b\\nc\"");
    }
}
