//! The briefing: one self-contained HTML page to hand over.
//!
//! [`write_briefing`] writes a single file that makes no network request at all: the CSS is
//! inline, the network picture is inline SVG rendered by Graphviz (a visible note stands in for
//! it when Graphviz is missing), there is no script and no web font, and a
//! `Content-Security-Policy` meta tag forbids loading anything. Every string taken from the
//! store (names, sentences, file names, titles) is HTML-escaped. The page reads on a laptop
//! screen (fluid width, tables that wrap or scroll inside their box) and prints (`@media print`:
//! no navigation, rows kept whole, highlights kept, the appendix on a new page).
//!
//! Sections, each an element with a fixed id:
//!
//! | id | content |
//! |---|---|
//! | `scope` | title, documents, publishers, publication date range, counts, the filter applied, the documents `D1`, `D2`, ... |
//! | `network` | the actor network picture (`figure#network-picture` with the SVG at its natural size in a scrolling `div.picture-frame`, labels legible; fitted to the page in print; or `p#network-missing`) |
//! | `actors` | the most central actors: PageRank, betweenness, degree |
//! | `timeline` | every event, dated first: date, PLOVER type and mode, agent, target, place, sources, status (planned and negated marked), evidence; one `tr.event` each, ids `event-…`, labels `E1`, `E2`, ... |
//! | `claims` | every claim: date, speaker, modality, polarity, content, subjects, sources, evidence, and how many claims contradict it (`tr.contradicted`, a link to the question in `#contradictions`); one `tr.claim` each, ids `claim-…`, labels `C1`, ...; first, in `#contradictions`, the questions on which one side took both stands, each `li` (ids `contradiction-1`, ...) with the claims of both stands (the pairs are not listed: their number is the product of the two stands' claims) |
//! | `sources` | the appendix: each document's text without page furniture (`article#doc-…`), paragraphs kept, each evidence sentence in a `<mark id="ev-DOC-BEGIN-END">` (character offsets) followed by links back to its events and claims |
//!
//! Every evidence link of a timeline row or claim (`a.evidence`, labelled with its document
//! `D1`, `D2`, ...) points to such a mark. The output is deterministic: the same store and
//! options give the same bytes (with the same Graphviz).
//!
//! ```
//! use dossier::export::html::{write_briefing, BriefingOptions};
//! use dossier::store::Store;
//!
//! let mut page = Vec::new();
//! write_briefing(&Store::memory()?, &BriefingOptions::default().without_picture(), &mut page)?;
//! let page = String::from_utf8(page)?;
//! assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<section id=\"timeline\">"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::ops::Range;
use std::path::PathBuf;

use super::dot::{render_with, ImageFormat, RenderError};
use super::picture::{network_picture, PictureOptions, PictureTop};
use super::{
    contradiction_pairs, corpus_title, date_range, escape_markup, kind_name, linked_nodes, ExportError, CLAIM_COLOUR,
    CONTRADICTION_COLOUR, QUAD_CLASSES,
};
use crate::analysis::{centrality, ActorNetwork, Metric, NetworkFilter};
use crate::corpus::clean::{clean, BlockKind};
use crate::lexicon::Boilerplate;
use crate::store::Store;
use crate::summary::display_date;
use crate::traverse::{self, ClaimRecord, DocumentRecord, EventRecord, EvidenceSpan, Participant, EVIDENCE_READ};

/// What the briefing shows.
#[derive(Debug, Clone)]
pub struct BriefingOptions {
    /// The page title; by default the corpus and its date range.
    pub title: Option<String>,
    /// Rows of the table of central actors.
    pub top_actors: usize,
    /// Which evidence the picture, the actor table, the timeline and the claims keep. The same
    /// rules as [`NetworkFilter`]: with a date window, undated events and claims are left out;
    /// with an event type, claims are.
    pub filter: NetworkFilter,
    /// The centrality that sizes the nodes of the picture.
    pub size_by: Metric,
    /// Draw only this many actors (the best by `size_by`) in the picture.
    pub picture_top: Option<usize>,
    /// The Graphviz program rendering the picture (`dot` on `PATH` by default); `None` for no
    /// picture.
    pub graphviz: Option<PathBuf>,
    /// Page furniture rules for the appendix texts.
    pub boilerplate: Boilerplate,
}

impl Default for BriefingOptions {
    fn default() -> BriefingOptions {
        BriefingOptions {
            title: None,
            top_actors: 15,
            filter: NetworkFilter::default(),
            size_by: Metric::PageRank,
            picture_top: None,
            graphviz: Some(PathBuf::from("dot")),
            boilerplate: Boilerplate::builtin(),
        }
    }
}

impl BriefingOptions {
    /// With a page title.
    #[must_use]
    pub fn with_title(mut self, title: impl Into<String>) -> BriefingOptions {
        self.title = Some(title.into());
        self
    }

    /// With a filter on the evidence shown.
    #[must_use]
    pub fn with_filter(mut self, filter: NetworkFilter) -> BriefingOptions {
        self.filter = filter;
        self
    }

    /// Nodes of the picture sized by this metric.
    #[must_use]
    pub fn with_size_by(mut self, metric: Metric) -> BriefingOptions {
        self.size_by = metric;
        self
    }

    /// Only the `n` best actors in the picture.
    #[must_use]
    pub fn with_picture_top(mut self, n: usize) -> BriefingOptions {
        self.picture_top = Some(n);
        self
    }

    /// Rendering with this Graphviz program.
    #[must_use]
    pub fn with_graphviz(mut self, program: impl Into<PathBuf>) -> BriefingOptions {
        self.graphviz = Some(program.into());
        self
    }

    /// No picture (a note says so).
    #[must_use]
    pub fn without_picture(mut self) -> BriefingOptions {
        self.graphviz = None;
        self
    }
}

/// The questions on which one side took opposite positions, each side kept to the claims shown;
/// a question with a side left empty is dropped.
fn contradictions_among(store: &Store, shown: &BTreeSet<&str>) -> Result<Vec<traverse::Contradiction>, ExportError> {
    Ok(traverse::contradictions_among(store, shown)?
        .into_iter()
        .filter_map(|mut contradiction| {
            for side in &mut contradiction.sides {
                side.claims.retain(|c| shown.contains(c.iri.as_str()));
            }
            contradiction.sides.iter().all(|side| !side.claims.is_empty()).then_some(contradiction)
        })
        .collect())
}

/// HTML-escaped text.
fn h(text: &str) -> String {
    escape_markup(text)
}

/// Element ids from IRIs: `prefix-localname`, with anything but ASCII letters, digits, `-` and
/// `_` replaced, unique within the page.
#[derive(Default)]
struct Anchors {
    given: BTreeMap<(String, String), String>,
    used: BTreeSet<String>,
}

impl Anchors {
    fn of(&mut self, prefix: &str, iri: &str) -> String {
        if let Some(id) = self.given.get(&(prefix.to_string(), iri.to_string())) {
            return id.clone();
        }
        let local = iri.trim_end_matches('/').rsplit(['/', '#']).next().unwrap_or(iri);
        let clean: String =
            local.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
        let base = format!("{prefix}-{clean}");
        let mut id = base.clone();
        let mut n = 2;
        while self.used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(id.clone());
        self.given.insert((prefix.to_string(), iri.to_string()), id.clone());
        id
    }
}

/// A link from a row to the highlighted sentence.
struct EvidenceLink {
    document_label: String,
    mark: String,
    file_name: String,
    sentence: String,
}

/// An item (event or claim) as the page names it.
struct ItemRef {
    label: String,
    anchor: String,
}

/// A store with at most this many documents, events and claims gets its whole briefing: every
/// event, claim and document. A larger one gets the bounded briefing: the [`BRIEF_EVENTS`]
/// best-sourced events and [`BRIEF_CLAIMS`] claims, each with its first [`BRIEF_EVIDENCE`]
/// evidence sentences, the documents those cite, and a picture of the
/// [`super::dot::PICTURE_TOP`] most central actors; the page says so.
pub const WHOLE_BRIEFING_UP_TO: usize = 300;
/// Events a bounded briefing shows.
pub const BRIEF_EVENTS: usize = 100;
/// Claims a bounded briefing shows.
pub const BRIEF_CLAIMS: usize = 100;
/// Evidence sentences per event or claim in a bounded briefing.
pub const BRIEF_EVIDENCE: usize = 3;

/// Everything the page shows, gathered from the store.
struct Briefing {
    title: String,
    /// Every document (for the scope's figures).
    documents: Vec<DocumentRecord>,
    /// The documents listed and given in the appendix: all of them, or in a bounded briefing
    /// those the evidence shown cites.
    listed: Vec<DocumentRecord>,
    /// Whether the briefing is the whole store's (see [`WHOLE_BRIEFING_UP_TO`]).
    whole: bool,
    spans: Vec<EvidenceSpan>,
    counts: traverse::Counts,
    central: Vec<CentralActor>,
    linked_actors: usize,
    events: Vec<EventRecord>,
    claims: Vec<ClaimRecord>,
    /// The questions on which one side took both stands, restricted to the claims shown.
    contradictions: Vec<traverse::Contradiction>,
    picture: Picture,
}

struct CentralActor {
    label: String,
    kind: &'static str,
    pagerank: f64,
    betweenness: f64,
    degree: f64,
}

enum Picture {
    /// The inline SVG, the number of actors drawn and the metric sizing them.
    Svg {
        svg: String,
        actors: usize,
        /// Linked actors in all, when the picture draws only the most central.
        of: Option<usize>,
        size_by: &'static str,
    },
    Missing(String),
    Empty,
}

/// Writes the briefing page (see the [module docs](self)).
pub fn write_briefing(store: &Store, options: &BriefingOptions, mut out: impl Write) -> Result<(), ExportError> {
    let briefing = gather(store, options)?;
    let page = Page::new(store, &briefing, options)?.finish();
    out.write_all(page.as_bytes())?;
    out.flush()?;
    Ok(())
}

fn gather(store: &Store, options: &BriefingOptions) -> Result<Briefing, ExportError> {
    let documents = traverse::documents(store)?;
    let counts = traverse::counts(store)?;
    let whole = [counts.documents, counts.events, counts.claims].iter().all(|&n| n <= WHOLE_BRIEFING_UP_TO);
    let filter = &options.filter;
    let network = ActorNetwork::build(store, filter)?;
    let pagerank = centrality::compute(&network, Metric::PageRank)?;
    let betweenness =
        centrality::compute_with(&network, Metric::Betweenness, &crate::summary::betweenness_options(&network))?;
    let degree = centrality::compute(&network, Metric::Degree)?;
    let linked = linked_nodes(&network.graph);
    let mut ranked = linked.clone();
    ranked.sort_by(|a, b| {
        pagerank[b.index()]
            .total_cmp(&pagerank[a.index()])
            .then_with(|| network.graph[*a].label.cmp(&network.graph[*b].label))
            .then_with(|| network.graph[*a].iri.cmp(&network.graph[*b].iri))
    });
    let central = ranked
        .iter()
        .take(options.top_actors)
        .map(|n| CentralActor {
            label: network.graph[*n].label.clone(),
            kind: kind_name(network.graph[*n].kind),
            pagerank: pagerank[n.index()],
            betweenness: betweenness[n.index()],
            degree: degree[n.index()],
        })
        .collect();

    let (events, claims, contradictions, spans, listed) = if whole {
        let events: Vec<EventRecord> = traverse::events(store, None)?
            .into_iter()
            .filter(|e| filter.keeps(&e.event_type, e.date.as_deref(), e.precision.as_deref(), e.sources))
            .collect();
        let claims: Vec<ClaimRecord> = traverse::claims(store, None)?
            .into_iter()
            .filter(|c| filter.keeps("claim", c.date.as_deref(), None, c.sources))
            .collect();
        let shown: BTreeSet<&str> = claims.iter().map(|c| c.iri.as_str()).collect();
        let contradictions = contradictions_among(store, &shown)?;
        let items: BTreeSet<&str> =
            events.iter().map(|e| e.iri.as_str()).chain(claims.iter().map(|c| c.iri.as_str())).collect();
        let spans: Vec<EvidenceSpan> =
            traverse::evidence_spans(store)?.into_iter().filter(|s| items.contains(s.item.as_str())).collect();
        (events, claims, contradictions, spans, documents.clone())
    } else {
        let event_iris = traverse::best_sourced(store, traverse::ItemClass::Event, BRIEF_EVENTS, filter)?;
        let claim_iris = traverse::best_sourced(store, traverse::ItemClass::Claim, BRIEF_CLAIMS, filter)?;
        let events = traverse::events_with_iris(store, &event_iris)?;
        let claims = traverse::claims_with_iris(store, &claim_iris)?;
        let shown: BTreeSet<&str> = claims.iter().map(|c| c.iri.as_str()).collect();
        let contradictions = contradictions_among(store, &shown)?;
        let items: Vec<String> = event_iris.into_iter().chain(claim_iris).collect();
        let spans = traverse::evidence_spans_of(store, &items, BRIEF_EVIDENCE)?;
        let cited: BTreeSet<&str> = spans.iter().map(|s| s.document.as_str()).collect();
        let listed = documents.iter().filter(|d| cited.contains(d.iri.as_str())).cloned().collect();
        (events, claims, contradictions, spans, listed)
    };

    let title = options.title.clone().unwrap_or_else(|| {
        let corpus = corpus_title(&documents);
        format!("Briefing: {}", corpus.strip_prefix("dossier: ").unwrap_or(&corpus))
    });
    let picture = match &options.graphviz {
        _ if linked.is_empty() => Picture::Empty,
        None => Picture::Missing("The network picture was not rendered (no Graphviz program was given).".to_string()),
        Some(program) => {
            let scores = match options.size_by {
                Metric::PageRank => pagerank.clone(),
                Metric::Betweenness => betweenness.clone(),
                Metric::Degree => degree.clone(),
                other => centrality::compute(&network, other)?,
            };
            let top = match options.picture_top {
                Some(n) => PictureTop::Most(n),
                None if whole => PictureTop::All,
                None => PictureTop::Auto,
            };
            let drawn = network_picture(
                &network,
                &PictureOptions::new(corpus_title(&documents))
                    .with_scores(options.size_by, scores)
                    .with_top(top)
                    .with_contradictions(contradiction_pairs(&contradictions))
                    .without_cut_note(),
            )?;
            let dot = drawn.dot;
            match render_with(program, &String::from_utf8_lossy(&dot), ImageFormat::Svg) {
                Ok(svg) => match inline_svg(&String::from_utf8_lossy(&svg)) {
                    Some(svg) => Picture::Svg {
                        svg,
                        actors: drawn.drawn,
                        of: (drawn.drawn < linked.len()).then_some(linked.len()),
                        size_by: options.size_by.title(),
                    },
                    None => Picture::Missing("Graphviz did not produce an SVG picture.".to_string()),
                },
                Err(error @ RenderError::Missing { .. }) => Picture::Missing(error.to_string()),
                Err(error) => Picture::Missing(format!("The network picture could not be rendered: {error}")),
            }
        }
    };
    Ok(Briefing {
        title,
        documents,
        listed,
        whole,
        spans,
        counts,
        central,
        linked_actors: linked.len(),
        events,
        claims,
        contradictions,
        picture,
    })
}

/// Graphviz's SVG made fit to inline: from `<svg` on (no XML prolog or doctype), without
/// comments, and without the fixed width and height (the `viewBox` stays). Its natural width
/// becomes a CSS width, so labels keep their size (11 pt) and a large picture scrolls in its
/// frame rather than shrinking to illegible; a small one fills the frame, and print fits the page.
fn inline_svg(svg: &str) -> Option<String> {
    let start = svg.find("<svg")?;
    let mut body = String::with_capacity(svg.len());
    let mut rest = &svg[start..];
    while let Some(open) = rest.find("<!--") {
        body.push_str(&rest[..open]);
        let close = rest[open..].find("-->")?;
        rest = &rest[open + close + 3..];
    }
    body.push_str(rest);
    let tag_end = body.find('>')?;
    let tag = &body[..tag_end];
    let mut cleaned_tag = String::new();
    let mut remaining = tag;
    let mut natural_width = None;
    for attribute in [" width=\"", " height=\""] {
        if let Some(at) = remaining.find(attribute) {
            let value_start = at + attribute.len();
            let value_end = remaining[value_start..].find('"')? + value_start + 1;
            if attribute == " width=\"" {
                let value = &remaining[value_start..value_end - 1];
                natural_width =
                    value.strip_suffix("pt").and_then(|pt| pt.parse::<f64>().ok()).map(|pt| pt * 96.0 / 72.0);
            }
            cleaned_tag.push_str(&remaining[..at]);
            remaining = &remaining[value_end..];
        }
    }
    cleaned_tag.push_str(remaining);
    let style = natural_width.map(|px| format!(" style=\"width:{px:.0}px\"")).unwrap_or_default();
    let cleaned_tag =
        cleaned_tag.replacen("<svg", &format!("<svg role=\"img\" aria-labelledby=\"network-caption\"{style}"), 1);
    Some(format!("{cleaned_tag}{}", &body[tag_end..]).trim_end().to_string())
}

/// The page being written.
struct Page<'a> {
    html: String,
    briefing: &'a Briefing,
    anchors: Anchors,
    document_labels: BTreeMap<String, String>,
    items: BTreeMap<String, ItemRef>,
    evidence: BTreeMap<String, Vec<EvidenceLink>>,
    appendix: String,
}

impl<'a> Page<'a> {
    fn new(store: &Store, briefing: &'a Briefing, options: &BriefingOptions) -> Result<Page<'a>, ExportError> {
        let mut page = Page {
            html: String::new(),
            briefing,
            anchors: Anchors::default(),
            document_labels: BTreeMap::new(),
            items: BTreeMap::new(),
            evidence: BTreeMap::new(),
            appendix: String::new(),
        };
        for (i, document) in briefing.listed.iter().enumerate() {
            page.document_labels.insert(document.iri.clone(), format!("D{}", i + 1));
        }
        for (i, event) in briefing.events.iter().enumerate() {
            let anchor = page.anchors.of("event", &event.iri);
            page.items.insert(event.iri.clone(), ItemRef { label: format!("E{}", i + 1), anchor });
        }
        for (i, claim) in briefing.claims.iter().enumerate() {
            let anchor = page.anchors.of("claim", &claim.iri);
            page.items.insert(claim.iri.clone(), ItemRef { label: format!("C{}", i + 1), anchor });
        }
        page.appendix = page.write_appendix(store, &briefing.spans, &options.boilerplate)?;
        Ok(page)
    }

    fn push(&mut self, text: &str) {
        self.html.push_str(text);
    }

    fn finish(mut self) -> String {
        let briefing = self.briefing;
        self.push("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        self.push("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        self.push(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
        );
        self.push("<meta name=\"generator\" content=\"dossier\">\n");
        self.push(&format!("<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n", h(&briefing.title)));
        self.push(&format!("<header id=\"top\">\n<h1>{}</h1>\n", h(&briefing.title)));
        self.push(&format!(
            "<p class=\"lede\">Who the actors are, what happened when, who claimed what, and the sentences that say so: \
             {} events and {} claims from {} documents, each linked to its evidence.</p>\n</header>\n",
            briefing.events.len(),
            briefing.claims.len(),
            briefing.documents.len()
        ));
        self.push(
            "<nav id=\"contents\" aria-label=\"Contents\"><ol>\
             <li><a href=\"#scope\">Scope</a></li>\
             <li><a href=\"#network\">Network</a></li>\
             <li><a href=\"#actors\">Central actors</a></li>\
             <li><a href=\"#timeline\">Timeline</a></li>\
             <li><a href=\"#claims\">Claims</a></li>\
             <li><a href=\"#sources\">Sources</a></li>\
             </ol></nav>\n<main>\n",
        );
        self.scope();
        self.network();
        self.actors();
        self.timeline();
        self.claims();
        let appendix = std::mem::take(&mut self.appendix);
        self.push(&appendix);
        self.push(&format!(
            "</main>\n<footer><p>Generated by dossier {} from a graph of {}. \
             <a href=\"#top\">Back to top</a></p></footer>\n</body>\n</html>\n",
            env!("CARGO_PKG_VERSION"),
            briefing.counts.triples_text()
        ));
        self.html
    }

    fn scope(&mut self) {
        let briefing = self.briefing;
        let documents = &briefing.documents;
        self.push("<section id=\"scope\">\n<h2>Scope</h2>\n<dl class=\"facts\">\n");
        let publishers: BTreeSet<&str> = documents.iter().filter_map(|d| d.publisher.as_deref()).collect();
        let without_publisher = documents.iter().filter(|d| d.publisher.is_none()).count();
        let undated = documents.iter().filter(|d| d.published.is_none()).count();
        self.push(&format!("<dt>Documents</dt><dd>{}</dd>\n", documents.len()));
        let mut publisher_text = publishers.iter().map(|p| h(p)).collect::<Vec<_>>().join(", ");
        if without_publisher > 0 {
            if !publisher_text.is_empty() {
                publisher_text.push_str("; ");
            }
            publisher_text.push_str(&format!("{without_publisher} without a named publisher"));
        }
        self.push(&format!("<dt>Publishers</dt><dd>{publisher_text}</dd>\n"));
        let mut dates = match date_range(documents) {
            Some((first, last)) if first != last => format!("{} to {}", h(first), h(last)),
            Some((only, _)) => h(only),
            None => "unknown".to_string(),
        };
        if undated > 0 {
            dates.push_str(&format!(" ({undated} undated)"));
        }
        self.push(&format!("<dt>Published</dt><dd>{dates}</dd>\n"));
        let c = &briefing.counts;
        self.push(&format!(
            "<dt>In the graph</dt><dd>{} actors, {} places, {} events, {} claims</dd>\n",
            c.actors, c.places, c.events, c.claims
        ));
        self.push(&format!(
            "<dt>Shown</dt><dd>{} events, {} claims, {} contradicting pairs of claims on {} question{}</dd>\n",
            briefing.events.len(),
            briefing.claims.len(),
            traverse::contradicting_pairs(&briefing.contradictions),
            briefing.contradictions.len(),
            if briefing.contradictions.len() == 1 { "" } else { "s" }
        ));
        if !briefing.whole {
            self.push(&format!(
                "<dt>Selection</dt><dd class=\"bounded\">A large store: the {BRIEF_EVENTS} best-sourced events and \
                 {BRIEF_CLAIMS} best-sourced claims, each with its first {BRIEF_EVIDENCE} evidence sentences (among the first \
                 {EVIDENCE_READ} mentions of an item stated more often), and the {} documents they cite. <code>dossier export --format csv</code> lists everything.</dd>\n",
                briefing.listed.len()
            ));
        }
        self.push("</dl>\n");
        self.push(
            "<div class=\"table-wrap\"><table class=\"documents\">\n<thead><tr><th scope=\"col\">Doc</th>\
             <th scope=\"col\">Published</th><th scope=\"col\">Publisher</th><th scope=\"col\">Title</th>\
             <th scope=\"col\">File</th></tr></thead>\n<tbody>\n",
        );
        for document in &briefing.listed {
            let label = self.document_labels[&document.iri].clone();
            let anchor = self.anchors.of("doc", &document.iri);
            self.push(&format!(
                "<tr><td><a href=\"#{anchor}\">{label}</a></td><td class=\"date\">{}</td><td>{}</td><td>{}</td><td class=\"file\">{}</td></tr>\n",
                document.published.as_deref().map(nowrap).unwrap_or_else(|| "<span class=\"none\">undated</span>".into()),
                document.publisher.as_deref().map(h).unwrap_or_else(|| "<span class=\"none\">unknown</span>".into()),
                document.title.as_deref().map(h).unwrap_or_default(),
                h(&document.file_name)
            ));
        }
        self.push("</tbody>\n</table></div>\n</section>\n");
    }

    fn network(&mut self) {
        let briefing = self.briefing;
        self.push("<section id=\"network\">\n<h2>Network</h2>\n");
        match &briefing.picture {
            Picture::Svg { svg, actors, of, size_by } => {
                self.push("<figure id=\"network-picture\">\n<div class=\"picture-frame\" tabindex=\"0\">");
                self.push(svg);
                self.push("</div>");
                let drawn = match of {
                    Some(all) => format!("The {actors} most central ({size_by}) of {all} actors"),
                    None => format!("{actors} actors"),
                };
                self.push(&format!(
                    "\n<figcaption id=\"network-caption\">{drawn} linked by at least one event or claim. \
                     An arrow goes from the agent of an event to its target, or from a speaker to the actor a claim is about; \
                     its colour is the PLOVER class of most of its events \
                     (<span style=\"color:{}\">verbal cooperation</span>, <span style=\"color:{}\">material cooperation</span>, \
                     <span style=\"color:{}\">verbal conflict</span>, <span style=\"color:{}\">material conflict</span>), \
                     dashed grey (<span style=\"color:{CLAIM_COLOUR}\">- -</span>) when only claims link them, \
                     and it is wider with more sources. Red lines (<span style=\"color:{CONTRADICTION_COLOUR}\">&#9472;&#9472;</span>) \
                     join speakers whose claims contradict each other. Node size: {size_by}.</figcaption>\n</figure>\n",
                    QUAD_CLASSES[0].1, QUAD_CLASSES[1].1, QUAD_CLASSES[2].1, QUAD_CLASSES[3].1
                ));
            }
            Picture::Missing(why) => {
                let why = h(why);
                self.push(&format!(
                    "<p class=\"missing\" id=\"network-missing\"><strong>No picture of the network.</strong> {why}</p>\n"
                ));
            }
            Picture::Empty => {
                self.push(
                    "<p class=\"missing\" id=\"network-missing\">No two actors are linked by the evidence shown.</p>\n",
                );
            }
        }
        self.push("</section>\n");
    }

    fn actors(&mut self) {
        let briefing = self.briefing;
        self.push("<section id=\"actors\">\n<h2>Central actors</h2>\n");
        if briefing.central.is_empty() {
            self.push("<p class=\"none\">No linked actors.</p>\n</section>\n");
            return;
        }
        self.push(&format!(
            "<p class=\"note\">The {} most central of the {} linked actors, by PageRank (who the evidence points to, \
             weighted by how much of it), with betweenness (how much they bridge others) and degree (share of the other \
             actors they are directly linked to).</p>\n",
            briefing.central.len(),
            briefing.linked_actors
        ));
        self.push(
            "<div class=\"table-wrap\"><table class=\"actors\">\n<thead><tr><th scope=\"col\">#</th>\
             <th scope=\"col\">Actor</th><th scope=\"col\">Type</th><th scope=\"col\" class=\"num\">PageRank</th>\
             <th scope=\"col\" class=\"num\">Betweenness</th><th scope=\"col\" class=\"num\">Degree</th></tr></thead>\n<tbody>\n",
        );
        let best = briefing.central.first().map_or(0.0, |a| a.pagerank);
        for (i, actor) in briefing.central.iter().enumerate() {
            let share = if best > 0.0 { 100.0 * actor.pagerank / best } else { 0.0 };
            self.push(&format!(
                "<tr class=\"actor\"><td>{}</td><td>{}</td><td>{}</td>\
                 <td class=\"num\"><span class=\"bar\" style=\"width:{share:.0}%\"></span>{:.3}</td>\
                 <td class=\"num\">{:.3}</td><td class=\"num\">{:.3}</td></tr>\n",
                i + 1,
                h(&actor.label),
                actor.kind,
                finite(actor.pagerank),
                finite(actor.betweenness),
                finite(actor.degree)
            ));
        }
        self.push("</tbody>\n</table></div>\n</section>\n");
    }

    fn timeline(&mut self) {
        let briefing = self.briefing;
        self.push("<section id=\"timeline\">\n<h2>Timeline</h2>\n");
        let undated = briefing.events.iter().filter(|e| e.date.is_none()).count();
        self.push(&format!(
            "<p class=\"note\">{} events, {} of them dated, in date order; then {undated} undated events. \
             <span class=\"badge planned\">planned</span> events had not happened when reported, \
             <span class=\"badge negated\">negated</span> ones are reported as not happening. \
             The links in the last column open the sentences that state the event.</p>\n",
            briefing.events.len(),
            briefing.events.len() - undated
        ));
        self.push(
            "<div class=\"table-wrap\"><table class=\"timeline\">\n<thead><tr><th scope=\"col\">#</th>\
             <th scope=\"col\">Date</th><th scope=\"col\">Type</th><th scope=\"col\">Agent</th>\
             <th scope=\"col\">Target</th><th scope=\"col\">Place</th><th scope=\"col\" class=\"num\">Sources</th>\
             <th scope=\"col\">Status</th><th scope=\"col\">Evidence</th></tr></thead>\n",
        );
        let mut in_undated = false;
        self.push("<tbody>\n");
        for event in &briefing.events {
            if event.date.is_none() && !in_undated {
                in_undated = true;
                self.push("</tbody>\n<tbody class=\"undated\">\n<tr class=\"group\"><th colspan=\"9\" scope=\"rowgroup\">Undated events</th></tr>\n");
            }
            let item = &self.items[&event.iri];
            let (label, anchor) = (item.label.clone(), item.anchor.clone());
            let class = quad_class_css(&event.event_type);
            let status = match event.status.as_str() {
                "occurred" => "<span class=\"status-occurred\">occurred</span>".to_string(),
                other => format!("<span class=\"badge {0}\">{0}</span>", h(other)),
            };
            let mode = event
                .mode
                .as_deref()
                .map(|m| format!(" <span class=\"mode\">{}</span>", h(&m.replace('_', " "))))
                .unwrap_or_default();
            let date = match &event.date {
                Some(date) => {
                    let shown = display_date(Some(date), event.precision.as_deref());
                    match shown.strip_prefix("wk ") {
                        Some(day) => format!("week of <span class=\"nw\">{}</span>", h(day)),
                        None => nowrap(&shown),
                    }
                }
                None => "<span class=\"none\">undated</span>".to_string(),
            };
            let links = self.evidence_links(&event.iri);
            self.push(&format!(
                "<tr class=\"event status-{}\" id=\"{anchor}\"><td class=\"label\">{label}</td><td class=\"date\">{date}</td>\
                 <td><span class=\"etype {class}\">{}</span>{mode}</td><td>{}</td><td>{}</td><td>{}</td>\
                 <td class=\"num{}\">{}</td><td>{status}</td><td class=\"links\">{links}</td></tr>\n",
                css_word(&event.status),
                h(&event.event_type),
                names(&event.agents),
                names(&event.targets),
                event.place.as_ref().map(|p| h(&p.label)).unwrap_or_default(),
                if event.sources > 1 { " corroborated" } else { "" },
                event.sources,
            ));
        }
        self.push("</tbody>\n</table></div>\n</section>\n");
    }

    fn claims(&mut self) {
        let briefing = self.briefing;
        self.push("<section id=\"claims\">\n<h2>Claims</h2>\n");
        // Each contradicted claim: how many claims contradict it, and the question (its first).
        let counts = traverse::contradicted_counts(&briefing.contradictions);
        let mut question_of: BTreeMap<&str, usize> = BTreeMap::new();
        for (q, contradiction) in briefing.contradictions.iter().enumerate() {
            for claim in contradiction.sides.iter().flat_map(|side| &side.claims) {
                question_of.entry(&claim.iri).or_insert(q + 1);
            }
        }
        self.push(&format!(
            "<p class=\"note\">{} claims: who said what, when (if the text says), how (modality) and whether they \
             affirmed or denied it (polarity). Sources counts the documents reporting the claim. \
             Claims that contradict another one are marked <span class=\"badge contradicted\">contradicted</span>.</p>\n",
            briefing.claims.len()
        ));
        self.push("<div id=\"contradictions\">\n");
        if briefing.contradictions.is_empty() {
            self.push("<p class=\"none\">No contradictions between the claims shown.</p>\n");
        } else {
            self.push(&format!(
                "<h3>Contradictions ({} pairs of claims on {} question{})</h3>\n\
                 <p class=\"note\">On each question one side took both stands: every claim of one stand \
                 contradicts every claim of the other.</p>\n<ul class=\"contradictions\">\n",
                traverse::contradicting_pairs(&briefing.contradictions),
                briefing.contradictions.len(),
                if briefing.contradictions.len() == 1 { "" } else { "s" }
            ));
            for (q, contradiction) in briefing.contradictions.iter().enumerate() {
                let stand = |page: &Page<'_>, side: &traverse::Side| {
                    let claims: Vec<String> = side
                        .claims
                        .iter()
                        .map(|claim| {
                            let item = &page.items[&claim.iri];
                            format!(
                                "<a href=\"#{}\">{}</a> {} ({}): &ldquo;{}&rdquo;",
                                item.anchor,
                                item.label,
                                h(&claim.claimant.label),
                                h(claim.date.as_deref().unwrap_or("undated")),
                                h(&crate::summary::clip(&claim.content, 140))
                            )
                        })
                        .collect();
                    format!("<span class=\"stand\">{}</span> {}", h(&side.stand), claims.join("; "))
                };
                // One speaker on both stands contradicts himself: said so, apart from the others.
                let own: Vec<String> = contradiction.self_contradicting().iter().map(|p| h(&p.label)).collect();
                let own = if own.is_empty() {
                    String::new()
                } else {
                    format!(
                        " <span class=\"self-contradiction\">Self-contradiction: {} took both stands.</span>",
                        own.join(", ")
                    )
                };
                let line = format!(
                    "<li id=\"contradiction-{}\">{} <span class=\"versus\">contradicts</span> {}{own}</li>\n",
                    q + 1,
                    stand(self, &contradiction.sides[0]),
                    stand(self, &contradiction.sides[1])
                );
                self.push(&line);
            }
            self.push("</ul>\n");
        }
        self.push("</div>\n");
        self.push(
            "<div class=\"table-wrap\"><table class=\"claims\">\n<thead><tr><th scope=\"col\">#</th>\
             <th scope=\"col\">Date</th><th scope=\"col\">Speaker</th><th scope=\"col\">Claim</th>\
             <th scope=\"col\">Modality</th><th scope=\"col\">Polarity</th><th scope=\"col\" class=\"num\">Sources</th>\
             <th scope=\"col\">Evidence</th></tr></thead>\n<tbody>\n",
        );
        for claim in &briefing.claims {
            let item = &self.items[&claim.iri];
            let (label, anchor) = (item.label.clone(), item.anchor.clone());
            let others = counts.get(claim.iri.as_str()).copied().unwrap_or(0);
            let mut text = format!("<q>{}</q>", h(&claim.content));
            if !claim.about.is_empty() {
                text.push_str(&format!("<span class=\"about\">about {}</span>", names(&claim.about)));
            }
            if others > 0 {
                let question = question_of.get(claim.iri.as_str()).copied().unwrap_or(1);
                text.push_str(&format!(
                    "<span class=\"contradicted-by\"><span class=\"badge contradicted\">contradicted</span> by \
                     <a href=\"#contradiction-{question}\">{others} claim{}</a></span>",
                    if others == 1 { "" } else { "s" }
                ));
            }
            let polarity = match claim.polarity.as_str() {
                "negative" => "<span class=\"badge negative\">negative</span>".to_string(),
                other => h(other),
            };
            let links = self.evidence_links(&claim.iri);
            self.push(&format!(
                "<tr class=\"claim{}\" id=\"{anchor}\"><td class=\"label\">{label}</td><td class=\"date\">{}</td>\
                 <td>{}</td><td>{text}</td><td>{}</td><td>{polarity}</td><td class=\"num{}\">{}</td>\
                 <td class=\"links\">{links}</td></tr>\n",
                if others == 0 { "" } else { " contradicted" },
                claim.date.as_deref().map(nowrap).unwrap_or_else(|| "<span class=\"none\">undated</span>".into()),
                h(&claim.claimant.label),
                h(&claim.modality),
                if claim.sources > 1 { " corroborated" } else { "" },
                claim.sources,
            ));
        }
        self.push("</tbody>\n</table></div>\n</section>\n");
    }

    /// The evidence links of an item: one per highlighted sentence, labelled with its document.
    fn evidence_links(&self, item: &str) -> String {
        match self.evidence.get(item) {
            Some(links) if !links.is_empty() => links
                .iter()
                .map(|link| {
                    format!(
                        "<a class=\"evidence\" href=\"#{}\" title=\"{}: {}\">{}</a>",
                        link.mark,
                        h(&link.file_name),
                        h(&link.sentence),
                        link.document_label
                    )
                })
                .collect::<Vec<_>>()
                .join(" "),
            _ => "<span class=\"none\">no evidence span</span>".to_string(),
        }
    }

    /// The appendix: each document's kept text, evidence highlighted. Fills `self.evidence`.
    fn write_appendix(
        &mut self,
        store: &Store,
        spans: &[EvidenceSpan],
        boilerplate: &Boilerplate,
    ) -> Result<String, ExportError> {
        let briefing = self.briefing;
        let mut html = String::new();
        html.push_str("<section id=\"sources\">\n<h2>Sources</h2>\n");
        html.push_str(
            "<p class=\"note\">The text of each document without page furniture (advertising, captions, bylines, \
             share buttons). Highlighted sentences are the evidence of the events and claims above; the links after \
             each lead back to them.</p>\n",
        );
        let mut by_document: BTreeMap<&str, Vec<&EvidenceSpan>> = BTreeMap::new();
        for span in spans {
            by_document.entry(span.document.as_str()).or_default().push(span);
        }
        for document in &briefing.listed {
            let anchor = self.anchors.of("doc", &document.iri);
            let label = self.document_labels[&document.iri].clone();
            html.push_str(&format!("<article class=\"document\" id=\"{anchor}\">\n"));
            html.push_str(&format!(
                "<h3><span class=\"label\">{label}</span> {}</h3>\n",
                h(document.title.as_deref().unwrap_or(&document.file_name))
            ));
            html.push_str(&format!(
                "<p class=\"meta\">{} &middot; {} &middot; <span class=\"file\">{}</span></p>\n",
                h(document.published.as_deref().unwrap_or("undated")),
                h(document.publisher.as_deref().unwrap_or("publisher unknown")),
                h(&document.file_name)
            ));
            let Some(text) = traverse::document_text(store, &document.iri)? else {
                html.push_str("<p class=\"missing\">The store does not hold this document's text.</p>\n</article>\n");
                continue;
            };
            let spans = by_document.get(document.iri.as_str()).cloned().unwrap_or_default();
            self.document_text(&mut html, &text, &label, &spans, boilerplate);
            html.push_str("</article>\n");
        }
        html.push_str("</section>\n");
        Ok(html)
    }

    /// One document's kept text as paragraphs, with the evidence spans marked.
    fn document_text(
        &mut self,
        html: &mut String,
        text: &str,
        document_label: &str,
        spans: &[&EvidenceSpan],
        boilerplate: &Boilerplate,
    ) {
        // Character offsets to byte offsets.
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        let mut marks: BTreeMap<(usize, usize), Mark> = BTreeMap::new();
        for span in spans {
            let (Some(&start), Some(&end)) = (bytes.get(span.begin), bytes.get(span.end)) else { continue };
            if start >= end {
                continue;
            }
            let mark = marks.entry((start, end)).or_insert_with(|| Mark {
                id: self.anchors.of("ev", &format!("{}-{}-{}", local_name(&span.document), span.begin, span.end)),
                items: Vec::new(),
            });
            if let Some(item) = self.items.get(&span.item) {
                mark.items.push((item.label.clone(), item.anchor.clone()));
            }
            self.evidence.entry(span.item.clone()).or_default().push(EvidenceLink {
                document_label: document_label.to_string(),
                mark: mark.id.clone(),
                file_name: span.file_name.clone(),
                sentence: crate::summary::clip(&text[start..end], 240),
            });
        }
        for mark in marks.values_mut() {
            mark.items.sort_by_key(|a| item_order(&a.0));
            mark.items.dedup();
        }
        // Paragraphs: the kept blocks, and any evidence outside them (so every mark is shown).
        let mut pieces: Vec<(Range<usize>, BlockKind, bool)> =
            clean(text, boilerplate).blocks.into_iter().map(|b| (b.range, b.kind, false)).collect();
        pieces.extend(marks.keys().map(|&(start, end)| (start..end, BlockKind::Paragraph, true)));
        pieces.sort_by_key(|(range, _, is_span)| (range.start, *is_span));
        let mut paragraphs: Vec<(Range<usize>, BlockKind)> = Vec::new();
        for (range, kind, _) in pieces {
            match paragraphs.last_mut() {
                Some((last, _)) if range.start < last.end => last.end = last.end.max(range.end),
                _ => paragraphs.push((range, kind)),
            }
        }
        for (range, kind) in paragraphs {
            let class = match kind {
                BlockKind::Title => " class=\"doc-title\"",
                BlockKind::Headline => " class=\"doc-headline\"",
                BlockKind::Paragraph => "",
            };
            html.push_str(&format!("<p{class}>"));
            let inside: Vec<(Range<usize>, &Mark)> = marks
                .iter()
                .filter(|((start, end), _)| *start >= range.start && *end <= range.end)
                .map(|(&(start, end), mark)| (start..end, mark))
                .collect();
            write_marked(html, text, range, &inside);
            html.push_str("</p>\n");
        }
        if marks.is_empty() {
            html.push_str("<p class=\"none\">(No event or claim shown comes from this document.)</p>\n");
        }
    }
}

/// A highlighted evidence span.
struct Mark {
    id: String,
    /// (label, anchor) of the events and claims it states.
    items: Vec<(String, String)>,
}

/// Events (E1, E2, ...) before claims (C1, ...), then by number.
fn item_order(label: &str) -> (bool, usize) {
    let mut chars = label.chars();
    let is_claim = chars.next() != Some('E');
    (is_claim, chars.as_str().parse().unwrap_or(0))
}

/// Writes `text[range]` with the marks in it: each span a `<mark>` (nested where spans start
/// together, cut where they overlap), its id on its first piece, links back after its end.
fn write_marked(html: &mut String, text: &str, range: Range<usize>, marks: &[(Range<usize>, &Mark)]) {
    let mut points: BTreeSet<usize> = BTreeSet::from([range.start, range.end]);
    for (r, _) in marks {
        points.insert(r.start);
        points.insert(r.end);
    }
    let points: Vec<usize> = points.into_iter().collect();
    for window in points.windows(2) {
        let (a, b) = (window[0], window[1]);
        let piece = h(&text[a..b]);
        let covering: Vec<&(Range<usize>, &Mark)> = marks.iter().filter(|(r, _)| r.start <= a && r.end >= b).collect();
        if covering.is_empty() {
            html.push_str(&piece);
        } else {
            let starting: Vec<&Mark> = covering.iter().filter(|(r, _)| r.start == a).map(|(_, m)| *m).collect();
            if starting.is_empty() {
                html.push_str(&format!("<mark>{piece}</mark>"));
            } else {
                for mark in &starting {
                    let labels: Vec<&str> = mark.items.iter().map(|(label, _)| label.as_str()).collect();
                    html.push_str(&format!("<mark id=\"{}\" title=\"Evidence for {}\">", mark.id, labels.join(", ")));
                }
                html.push_str(&piece);
                html.push_str(&"</mark>".repeat(starting.len()));
            }
        }
        for (r, mark) in marks {
            if r.end == b && !mark.items.is_empty() {
                let links: Vec<String> = mark
                    .items
                    .iter()
                    .map(|(label, anchor)| format!("<a class=\"back\" href=\"#{anchor}\">{label}</a>"))
                    .collect();
                html.push_str(&format!("<sup class=\"refs\">{}</sup>", links.join(" ")));
            }
        }
    }
}

/// Escaped text that does not break across lines (dates: "2021-10-08").
fn nowrap(text: &str) -> String {
    format!("<span class=\"nw\">{}</span>", h(text))
}

fn local_name(iri: &str) -> &str {
    iri.rsplit(['/', '#']).next().unwrap_or(iri)
}

fn names(list: &[Participant]) -> String {
    list.iter().map(|p| h(&p.label)).collect::<Vec<_>>().join(", ")
}

fn finite(score: f64) -> f64 {
    if score.is_finite() {
        score
    } else {
        0.0
    }
}

/// A CSS class word from a value: lower-case ASCII letters and digits, others as `-`.
fn css_word(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}

/// The CSS class of an event type's quad class ("q-verbal-cooperation").
fn quad_class_css(event_type: &str) -> String {
    super::quad_class(event_type).map(|class| format!("q-{}", css_word(class))).unwrap_or_default()
}

const CSS: &str = r#":root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; --paper: #ffffff; --tint: #f5f6f8;
  --mark: #fff1a8; --mark-strong: #ffd54a; --red: #c62828; --planned: #1f5fa8; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 78rem; padding: 1.5rem clamp(1rem, 3vw, 2.5rem) 3rem; color: var(--ink);
  background: var(--paper); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .4rem; }
h2 { font-size: 1.4rem; margin: 2.4rem 0 .6rem; padding-bottom: .25rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
p { margin: .5rem 0; }
a { color: #1a56a8; }
.lede { color: var(--muted); max-width: 52rem; }
nav ol { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; list-style: none; margin: 1rem 0; padding: .6rem .9rem;
  background: var(--tint); border-radius: 6px; }
.note { color: var(--muted); font-size: .92rem; max-width: 60rem; }
.none { color: var(--muted); font-style: italic; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.2rem; margin: .8rem 0 1.2rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.table-wrap { max-width: 100%; overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--rule);
  overflow-wrap: break-word; }
thead th { background: var(--tint); border-bottom: 2px solid var(--rule); white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafafb; }
tr.group th { background: var(--tint); font-weight: 600; padding-top: .8rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date, td.label { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.label { color: var(--muted); }
td.file, .file { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .82rem;
  overflow-wrap: anywhere; }
td.corroborated { font-weight: 700; }
.bar { display: inline-block; height: .55rem; margin-right: .4rem; background: #9db8d9; border-radius: 2px;
  vertical-align: middle; max-width: 5rem; }
.etype { font-weight: 600; letter-spacing: .02em; }
.q-verbal-cooperation { color: #3b78b0; } .q-material-cooperation { color: #2e8b57; }
.q-verbal-conflict { color: #b06f0c; } .q-material-conflict { color: #7b4f9d; }
.mode { color: var(--muted); font-size: .85em; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .78rem; font-weight: 600;
  text-transform: uppercase; letter-spacing: .03em; border: 1px solid currentColor; }
.badge.planned { color: var(--planned); background: #e8f0fb; }
.badge.negated, .badge.negative { color: #8a1c1c; background: #fbeaea; }
.badge.contradicted { color: #fff; background: var(--red); border-color: var(--red); }
.status-occurred { color: var(--muted); }
tr.status-planned td { font-style: italic; }
tr.status-negated .etype { text-decoration: line-through; }
tr.contradicted { box-shadow: inset 4px 0 0 var(--red); }
tr.contradicted td:first-child { padding-left: .8rem; }
.contradicted-by { display: block; margin-top: .3rem; font-size: .85rem; color: var(--red); }
.about { display: block; color: var(--muted); font-size: .85rem; }
q { quotes: "\201C" "\201D"; }
ul.contradictions { padding-left: 1.2rem; }
ul.contradictions li { margin: .35rem 0; border-left: 4px solid var(--red); padding-left: .6rem; list-style: none; }
ul.contradictions .stand { font-weight: 600; }
.self-contradiction { font-weight: 600; color: #8a4b00; }
.versus { color: var(--red); font-weight: 700; text-transform: uppercase; font-size: .78rem; margin: 0 .3rem; }
td.links a { margin-right: .3rem; white-space: nowrap; }
figure { margin: 1rem 0; }
.picture-frame { overflow: auto; max-height: 90vh; border: 1px solid var(--rule); border-radius: 6px; background: #fff; }
.picture-frame svg { display: block; min-width: 100%; max-width: none; height: auto; }
figcaption { color: var(--muted); font-size: .88rem; margin-top: .5rem; max-width: 60rem; }
.missing { padding: .8rem 1rem; border: 1px dashed #b0b0b0; border-radius: 6px; background: #fffbe6; }
article.document { margin: 1.5rem 0 2rem; padding: 0 0 1rem; border-bottom: 1px solid var(--rule); max-width: 48rem; }
article.document h3 .label, h3 .label { color: var(--muted); font-weight: 600; margin-right: .3rem; }
.meta { color: var(--muted); font-size: .88rem; }
p.doc-title { font-weight: 700; font-size: 1.05rem; }
p.doc-headline { font-weight: 600; }
mark { background: var(--mark); padding: 0 .1rem; border-radius: 2px; }
mark mark { background: transparent; padding: 0; }
mark:target, tr:target { background: var(--mark-strong); }
mark:target { outline: 2px solid #e0a800; }
:target { scroll-margin-top: 1rem; }
sup.refs { font-size: .7rem; margin-left: .1rem; }
sup.refs a { text-decoration: none; margin-right: .15rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); }
@media (max-width: 40rem) { dl.facts { grid-template-columns: 1fr; } h1 { font-size: 1.5rem; } }
.nw { white-space: nowrap; }
@media (max-width: 60rem), print {
  table { font-size: .75rem; }
  th, td { padding: .25rem .25rem; }
  thead th, td.date { white-space: normal; }
  td.links a { white-space: normal; }
}
@page { margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav, footer a { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  tr, figure, li, article.document p { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  thead { display: table-header-group; }
  .picture-frame { overflow: visible; max-height: none; border: none; }
  .picture-frame svg { width: 100% !important; max-height: 24cm; }
  #sources { break-before: page; }
  article.document { max-width: none; }
  mark, .badge, .bar, tr.contradicted, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(id: &str, items: &[(&str, &str)]) -> Mark {
        Mark { id: id.into(), items: items.iter().map(|(l, a)| (l.to_string(), a.to_string())).collect() }
    }

    #[test]
    fn overlapping_and_shared_marks() {
        let text = "Alpha beta gamma delta.";
        let (a, b, c) = (0..10, 6..16, 0..5);
        let (ma, mb, mc) = (mark("ev-a", &[("E1", "event-1")]), mark("ev-b", &[("C2", "claim-2")]), mark("ev-c", &[]));
        let mut html = String::new();
        write_marked(&mut html, text, 0..text.len(), &[(c, &mc), (a, &ma), (b, &mb)]);
        assert_eq!(
            html,
            "<mark id=\"ev-c\" title=\"Evidence for \"><mark id=\"ev-a\" title=\"Evidence for E1\">Alpha</mark></mark>\
             <mark> </mark><mark id=\"ev-b\" title=\"Evidence for C2\">beta</mark>\
             <sup class=\"refs\"><a class=\"back\" href=\"#event-1\">E1</a></sup><mark> gamma</mark>\
             <sup class=\"refs\"><a class=\"back\" href=\"#claim-2\">C2</a></sup> delta."
        );
    }

    #[test]
    fn marked_text_is_escaped() {
        let text = "x <script>alert(1)</script> \" onmouseover=\"y";
        let mut html = String::new();
        write_marked(&mut html, text, 0..text.len(), &[((2..10), &mark("ev-1", &[("E1", "event-1")]))]);
        assert!(html.starts_with("x <mark id=\"ev-1\" title=\"Evidence for E1\">&lt;script&gt;</mark>"));
        assert!(html.ends_with("alert(1)&lt;/script&gt; &quot; onmouseover=&quot;y"));
    }

    #[test]
    fn anchors_are_safe_and_unique() {
        let mut anchors = Anchors::default();
        assert_eq!(anchors.of("event", "https://w3id.org/dossier/id/event/0a1b"), "event-0a1b");
        assert_eq!(anchors.of("event", "https://w3id.org/dossier/id/event/0a1b"), "event-0a1b");
        assert_eq!(anchors.of("event", "https://example.org/x/0a1b"), "event-0a1b-2");
        assert_eq!(anchors.of("actor", "https://example.org/\"><b>"), "actor-___b_");
    }

    #[test]
    fn svg_is_made_inline() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<!-- made -->\n<svg width=\"100pt\" height=\"50pt\"\n viewBox=\"0 0 100 50\" xmlns=\"http://www.w3.org/2000/svg\">\n<!-- a -- b -->\n<g id=\"graph0\"></g>\n</svg>\n";
        assert_eq!(
            inline_svg(svg).unwrap(),
            "<svg role=\"img\" aria-labelledby=\"network-caption\" style=\"width:133px\"\n viewBox=\"0 0 100 50\" xmlns=\"http://www.w3.org/2000/svg\">\n\n<g id=\"graph0\"></g>\n</svg>"
        );
    }
}
