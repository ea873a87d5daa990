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

/// What a picture draws: the view of the network, the scores, how many actors have links, and
/// the top kept.
struct Selection {
    view: ActorNetwork,
    scores: Vec<f64>,
    linked: usize,
    top: Option<usize>,
    /// The links between the actors kept, before the strongest were chosen.
    all_links: usize,
}

/// How many links per actor drawn a cut picture keeps (the strongest, by weight).
pub const PICTURE_LINKS_PER_ACTOR: usize = 4;

/// A weight as a totally ordered key (weights are finite and not negative).
fn ordered_float(weight: f64) -> u64 {
    weight.max(0.0).to_bits()
}

fn select(network: &ActorNetwork, options: &PictureOptions) -> Result<Selection, ExportError> {
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
    let mut view = match top {
        Some(n) => top_actors(&view, &scores, n),
        None => view,
    };
    // A cut picture keeps its strongest links: past a few per actor, Graphviz takes minutes and
    // the lines hide each other (the 50 most central actors of 20,000 generated articles are
    // linked 1,443 times).
    let all_links = view.graph.edge_count();
    let most = PICTURE_LINKS_PER_ACTOR * linked_actors(&view).max(1);
    if top.is_some() && all_links > most {
        let mut edges: Vec<_> = view
            .graph
            .edge_indices()
            .map(|e| {
                let (a, b) = view.graph.edge_endpoints(e).unwrap_or((NodeIndex::new(0), NodeIndex::new(0)));
                (
                    std::cmp::Reverse(ordered_float(view.graph[e].weight)),
                    view.graph[a].iri.clone(),
                    view.graph[b].iri.clone(),
                    e,
                )
            })
            .collect();
        edges.sort();
        let kept: std::collections::HashSet<_> = edges.into_iter().take(most).map(|(_, _, _, e)| e).collect();
        view.graph.retain_edges(|_, e| kept.contains(&e));
    }
    Ok(Selection { view, scores, linked, top, all_links })
}

/// The IRIs of the actors a picture with these options draws: whose speakers' contradictions
/// to look up ([`crate::traverse::speaker_pairs_up_to`]) before drawing.
///
/// ```
/// use dossier::analysis::ActorNetwork;
/// use dossier::export::{picture_actors, PictureOptions};
///
/// assert!(picture_actors(&ActorNetwork::default(), &PictureOptions::new("t"))?.is_empty());
/// # Ok::<(), dossier::export::ExportError>(())
/// ```
pub fn picture_actors(network: &ActorNetwork, options: &PictureOptions) -> Result<Vec<String>, ExportError> {
    let view = select(network, options)?.view;
    Ok(view.graph.node_weights().map(|a| a.iri.clone()).collect())
}

/// Assembles the picture of `network` (see the [module docs](self)): the ego network around
/// the center if any, then the most central actors per [`PictureTop`], titled, its subtitle the
/// network's filter in words (and how many actors were kept when a large network was cut).
pub fn network_picture(network: &ActorNetwork, options: &PictureOptions) -> Result<NetworkPicture, ExportError> {
    let metric = options.size_by.unwrap_or(Metric::PageRank);
    let Selection { view, scores, linked, top, all_links } = select(network, options)?;
    let drawn = linked_actors(&view);
    let mut subtitle = describe_filter(&network.filter);
    if options.note_cut && options.top == PictureTop::Auto && drawn < linked {
        if !subtitle.is_empty() {
            subtitle.push_str("; ");
        }
        subtitle.push_str(&format!("the {drawn} most central of {linked} actors by {}", metric.title()));
    }
    if view.graph.edge_count() < all_links {
        if !subtitle.is_empty() {
            subtitle.push_str("; ");
        }
        subtitle.push_str(&format!("the {} strongest of {all_links} links", view.graph.edge_count()));
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
