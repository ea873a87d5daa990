//! The picture of the actor network, assembled once for `dossier export`, `dossier serve`'s
//! `/network.svg` and the HTML briefing: which actors are drawn (an ego network, the most
//! central), how nodes are sized, the title and subtitle, the contradictions drawn in red.
//!
//! ```
//! use dossier::analysis::ActorNetwork;
//! use dossier::export::{network_picture, PictureOptions};
//!
//! let picture = network_picture(&ActorNetwork::default(), &PictureOptions::new("dossier: 0 documents"))?;
//! assert!(String::from_utf8_lossy(&picture.dot).starts_with("digraph dossier {"));
//! assert_eq!((picture.drawn, picture.linked, picture.links), (0, 0, 0));
//! # Ok::<(), dossier::export::ExportError>(())
//! ```

use petgraph::graph::NodeIndex;

use super::dot::{ego_network, top_actors, write_dot_with, DotOptions, PICTURE_TOP};
use super::{describe_filter, linked_actors, ExportError};
use crate::analysis::{centrality, ActorNetwork, Metric};

/// How many actors a picture draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PictureTop {
    /// The [`PICTURE_TOP`] most central when more actors are linked (and the picture is not an
    /// ego network); all otherwise.
    #[default]
    Auto,
    /// Every linked actor.
    All,
    /// The `n` most central.
    Most(usize),
}

/// What a picture of the network shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PictureOptions {
    /// The title (usually [`super::corpus_title`]).
    pub title: String,
    /// Node size by this metric; without it nodes are sized (by PageRank) only when the picture
    /// keeps the most central actors.
    pub size_by: Option<Metric>,
    /// Scores of `size_by` already computed (one per node index), to save computing them again.
    pub scores: Option<Vec<f64>>,
    /// Only this actor and its neighbours within this many hops.
    pub center: Option<(NodeIndex, usize)>,
    pub top: PictureTop,
    /// Pairs of speakers whose claims contradict each other ([`crate::traverse::speaker_pairs`]),
    /// drawn in red between the actors drawn.
    pub contradictions: Vec<(String, String, usize)>,
    /// Whether the subtitle says how many actors were kept of how many (pages that say it
    /// elsewhere leave it out).
    pub note_cut: bool,
    /// Each node a link to this prefix followed by its IRI (percent-encoded), as
    /// [`DotOptions::with_node_links`] (`dossier serve` links to `/describe?iri=`).
    pub node_links: Option<String>,
}

impl PictureOptions {
    /// A picture of every linked actor (the most central of a large network), unsized, without
    /// contradictions.
    pub fn new(title: impl Into<String>) -> PictureOptions {
        PictureOptions {
            title: title.into(),
            size_by: None,
            scores: None,
            center: None,
            top: PictureTop::Auto,
            contradictions: Vec::new(),
            note_cut: true,
            node_links: None,
        }
    }

    /// Nodes sized by `metric`.
    #[must_use]
    pub fn with_size_by(mut self, metric: Metric) -> PictureOptions {
        self.size_by = Some(metric);
        self
    }

    /// Nodes sized by `metric`, whose scores (one per node index) are already known.
    #[must_use]
    pub fn with_scores(mut self, metric: Metric, scores: Vec<f64>) -> PictureOptions {
        self.size_by = Some(metric);
        self.scores = Some(scores);
        self
    }

    /// Only `center` and its neighbours within `depth` hops.
    #[must_use]
    pub fn with_center(mut self, center: NodeIndex, depth: usize) -> PictureOptions {
        self.center = Some((center, depth));
        self
    }

    #[must_use]
    pub fn with_top(mut self, top: PictureTop) -> PictureOptions {
        self.top = top;
        self
    }

    #[must_use]
    pub fn with_contradictions(mut self, pairs: Vec<(String, String, usize)>) -> PictureOptions {
        self.contradictions = pairs;
        self
    }

    /// Each node a link to `prefix` followed by its IRI.
    #[must_use]
    pub fn with_node_links(mut self, prefix: impl Into<String>) -> PictureOptions {
        self.node_links = Some(prefix.into());
        self
    }

    /// No word in the subtitle about how many actors were kept.
    #[must_use]
    pub fn without_cut_note(mut self) -> PictureOptions {
        self.note_cut = false;
        self
    }
}

/// A picture of the network, as DOT.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkPicture {
    /// The DOT text ([`super::dot`]); [`super::render`] draws it.
    pub dot: Vec<u8>,
    /// Linked actors drawn.
    pub drawn: usize,
    /// Linked actors of the network (of the ego network for a picture around an actor).
    pub linked: usize,
    /// Links between the actors drawn.
    pub links: usize,
}

impl NetworkPicture {
    /// What the picture shows, for a message: "a picture of 12 actors, 30 links".
    pub fn describe(&self) -> String {
        format!("a picture of {} actors, {} links", self.drawn, self.links)
    }
}

/// Assembles the picture of `network` (see the [module docs](self)): the ego network around
/// the center if any, then the most central actors per [`PictureTop`], titled, its subtitle the
/// network's filter in words (and how many actors were kept when a large network was cut).
pub fn network_picture(network: &ActorNetwork, options: &PictureOptions) -> Result<NetworkPicture, ExportError> {
    let metric = options.size_by.unwrap_or(Metric::PageRank);
    let scores = match &options.scores {
        Some(scores) => scores.clone(),
        None => centrality::compute(network, metric)?,
    };
    let view = match options.center {
        Some((center, depth)) => ego_network(network, center, depth),
        None => network.clone(),
    };
    let linked = linked_actors(&view);
    let top = match options.top {
        PictureTop::Auto if options.center.is_none() && linked > PICTURE_TOP => Some(PICTURE_TOP),
        PictureTop::Auto | PictureTop::All => None,
        PictureTop::Most(n) => Some(n),
    };
    let view = match top {
        Some(n) => top_actors(&view, &scores, n),
        None => view,
    };
    let drawn = linked_actors(&view);
    let mut subtitle = describe_filter(&network.filter);
    if options.note_cut && options.top == PictureTop::Auto && drawn < linked {
        if !subtitle.is_empty() {
            subtitle.push_str("; ");
        }
        subtitle.push_str(&format!("the {drawn} most central of {linked} actors by {}", metric.title()));
    }
    let mut dot_options = DotOptions::new(options.title.clone()).with_contradictions(options.contradictions.clone());
    if !subtitle.is_empty() {
        dot_options = dot_options.with_subtitle(subtitle);
    }
    if let Some(prefix) = &options.node_links {
        dot_options = dot_options.with_node_links(prefix.clone());
    }
    if options.size_by.is_some() || top.is_some() {
        dot_options = dot_options.with_size_by(metric.title(), scores);
    }
    let mut dot = Vec::new();
    write_dot_with(&view, &dot_options, &mut dot)?;
    Ok(NetworkPicture { dot, drawn, linked, links: view.graph.edge_count() })
}
