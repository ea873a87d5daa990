//! One resource of the graph, for people and for programs: `GET /describe?iri=IRI`.
//!
//! [`describe_rdf`] gives the resource's description (every statement with it as subject, and
//! those of the blank nodes it reaches) in an RDF format; [`page`] gives the HTML page of an
//! actor or place, an event, a claim, a document, or of any other IRI (its statements as a
//! table). Every IRI a page names links to its own page (`/describe?iri=...`), and every
//! evidence sentence links to its place in its document's page (`#char=BEGIN,END`, the
//! fragment of the sentence's NIF IRI), where the text shows every mention and finding marked.
//!
//! Reads are bounded: a page lists at most [`MAX_ITEMS`] events and claims (the best-sourced)
//! and [`MAX_SENTENCES`] evidence sentences of each, and a generic page [`MAX_STATEMENTS`]
//! statements; it says when it shows fewer than there are.
//!
//! ```
//! use dossier::serve::describe::{self, Page};
//! use dossier::store::Store;
//!
//! let store = Store::memory()?;
//! store.update("INSERT DATA { <https://example.org/x> rdfs:label \"X & Y\" }")?;
//! let Some(Page::Html(html)) = describe::page(&store, "https://example.org/x")? else { panic!() };
//! assert!(html.contains("X &amp; Y"));
//! assert!(describe::page(&store, "https://example.org/nothing")?.is_none());
//! # Ok::<(), dossier::store::StoreError>(())
//! ```

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;
use std::ops::Range;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Term, Triple};

use crate::export::rdf::compact_iri;
use crate::export::{escape_markup as h, kind_name, quad_class, style};
use crate::lexicon::ActorKind;
use crate::store::{Store, StoreError};
use crate::traverse::{self, ClaimRecord, EventRecord, Participant};
use crate::vocab;

/// At most this many events and this many claims on an actor's page (the best-sourced).
pub const MAX_ITEMS: usize = 200;
/// At most this many evidence sentences for each event or claim.
pub const MAX_SENTENCES: usize = 5;
/// At most this many statements on the page of another IRI, and in a description.
pub const MAX_STATEMENTS: usize = 2_000;

/// Why a description could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DescribeError {
    #[error("cannot read the description of {iri}: {source}")]
    Store { iri: String, source: StoreError },
    #[error("cannot write the description of {iri}: {source}")]
    Write { iri: String, source: std::io::Error },
}

/// What the HTML side of `/describe` answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// A page.
    Html(String),
    /// The resource is a span of a document: its place in the document's page (a path with
    /// its fragment).
    Redirect(String),
}

/// The link to the page of `iri`: `/describe?iri=...`.
///
/// ```
/// assert_eq!(dossier::serve::describe::href("https://w3id.org/dossier/id/actor/taliban"),
///            "/describe?iri=https%3A%2F%2Fw3id.org%2Fdossier%2Fid%2Factor%2Ftaliban");
/// ```
pub fn href(iri: &str) -> String {
    format!("/describe?iri={}", url::form_urlencoded::byte_serialize(iri.as_bytes()).collect::<String>())
}

/// The link to a span of a document: its page, at the span (`#char=BEGIN,END`).
fn span_href(document: &str, begin: usize, end: usize) -> String {
    format!("{}#char={begin},{end}", href(document))
}

/// The statements of `iri` as subject (and of the blank nodes they reach), sorted, at most
/// [`MAX_STATEMENTS`], in `format` with the vocabulary's prefixes (JSON-LD compacted, see
/// [`crate::export::compact_jsonld`]). `None` when the store says nothing about it.
///
/// ```
/// use dossier::serve::describe::describe_rdf;
/// use dossier::store::Store;
/// use oxigraph::io::RdfFormat;
///
/// let store = Store::memory()?;
/// store.update("INSERT DATA { <https://w3id.org/dossier/id/actor/x> rdfs:label \"X\" }")?;
/// let turtle = describe_rdf(&store, "https://w3id.org/dossier/id/actor/x", RdfFormat::Turtle)?.unwrap();
/// assert!(String::from_utf8(turtle)?.contains("actor:x rdfs:label \"X\""));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn describe_rdf(store: &Store, iri: &str, format: RdfFormat) -> Result<Option<Vec<u8>>, DescribeError> {
    let failed = |source| DescribeError::Store { iri: iri.to_string(), source };
    let triples = statements(store, iri).map_err(failed)?;
    if triples.is_empty() {
        return Ok(None);
    }
    let written = |source| DescribeError::Write { iri: iri.to_string(), source };
    match format {
        RdfFormat::Turtle => {
            let mut out = Vec::new();
            crate::export::write_turtle_triples(&triples, &mut out).map_err(written)?;
            Ok(Some(out))
        }
        RdfFormat::JsonLd { .. } => {
            let mut out = Vec::new();
            crate::export::write_jsonld_triples(&triples, &mut out).map_err(written)?;
            Ok(Some(out))
        }
        other => {
            let mut out = RdfSerializer::from_format(other).for_writer(Vec::new());
            for triple in &triples {
                out.serialize_triple(triple).map_err(written)?;
            }
            Ok(Some(out.finish().map_err(written)?))
        }
    }
}

/// The statements with `iri` as subject, and those of the blank nodes they reach, sorted.
fn statements(store: &Store, iri: &str) -> Result<Vec<Triple>, StoreError> {
    let Ok(subject) = NamedNode::new(iri) else { return Ok(Vec::new()) };
    let mut found: HashSet<Triple> = HashSet::new();
    let mut todo: Vec<NamedOrBlankNode> = vec![subject.into()];
    let mut seen: HashSet<NamedOrBlankNode> = HashSet::new();
    while let Some(node) = todo.pop() {
        if !seen.insert(node.clone()) {
            continue;
        }
        for quad in store.oxigraph().quads_for_pattern(Some(node.as_ref()), None, None, None) {
            let quad = quad.map_err(StoreError::from)?;
            if let Term::BlankNode(b) = &quad.object {
                todo.push(b.clone().into());
            }
            found.insert(Triple::new(quad.subject, quad.predicate, quad.object));
            if found.len() >= MAX_STATEMENTS {
                return Ok(sorted(found));
            }
        }
    }
    Ok(sorted(found))
}

fn sorted(triples: HashSet<Triple>) -> Vec<Triple> {
    let mut list: Vec<Triple> = triples.into_iter().collect();
    list.sort_by_cached_key(|t| t.to_string());
    list
}

/// The HTML page of `iri`; `None` when the store says nothing about it.
pub fn page(store: &Store, iri: &str) -> Result<Option<Page>, StoreError> {
    if let Some((document, fragment)) = iri.split_once("#char=") {
        if store.has_document(document)? {
            return Ok(Some(Page::Redirect(format!("{}#char={fragment}", href(document)))));
        }
    }
    let classes: BTreeSet<String> = store
        .objects(iri, vocab::RDF_TYPE)?
        .into_iter()
        .filter_map(|t| match t {
            Term::NamedNode(n) => Some(n.into_string()),
            _ => None,
        })
        .collect();
    let is = |class: String| classes.contains(&class);
    let html = if is(vocab::dos("Document")) {
        document_page(store, iri)?
    } else if is(format!("{}Event", vocab::SEM)) {
        event_page(store, iri)?
    } else if is(vocab::dos("Claim")) {
        claim_page(store, iri)?
    } else if is(vocab::dos("Actor")) || is(vocab::dos("Place")) {
        actor_page(store, iri)?
    } else {
        None
    };
    match html {
        Some(html) => Ok(Some(Page::Html(html))),
        None => generic_page(store, iri).map(|p| p.map(Page::Html)),
    }
}

/// A page's head and header; `finish` closes it.
fn start(title: &str, kind: &str, iri: &str) -> String {
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; style-src 'unsafe-inline'\">\n",
    );
    let _ =
        write!(html, "<title>{} ({}) · dossier</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n", h(title), h(kind));
    html.push_str(
        "<header><a class=\"home\" href=\"/\">dossier</a> <a href=\"/briefing\">Briefing</a></header>\n<main>\n",
    );
    let _ = writeln!(html, "<p class=\"kind\">{}</p>\n<h1>{}</h1>", h(kind), h(title));
    let rdf: Vec<String> = [("Turtle", "turtle"), ("N-Triples", "ntriples"), ("JSON-LD", "jsonld")]
        .iter()
        .map(|(name, format)| format!("<a href=\"{}&amp;format={format}\">{name}</a>", h(&href(iri))))
        .collect();
    let _ = writeln!(html, "<p class=\"iri\"><code>{}</code> · as {}</p>", h(iri), rdf.join(", "));
    html
}

fn finish(mut html: String) -> String {
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

/// A link to the page of `iri` showing `label`.
fn link(iri: &str, label: &str) -> String {
    format!("<a href=\"{}\">{}</a>", h(&href(iri)), h(label))
}

fn links(list: &[Participant]) -> String {
    list.iter().map(|p| link(&p.iri, &p.label)).collect::<Vec<_>>().join(", ")
}

/// A sentence stating an item: its NIF span and text.
#[derive(Debug, Clone)]
struct Sentence {
    document: String,
    file_name: String,
    begin: usize,
    end: usize,
    text: String,
}

/// The first [`MAX_SENTENCES`] sentences stating `item` (by document, then offset).
fn sentences(store: &Store, item: &str) -> Result<Vec<Sentence>, StoreError> {
    let spans = traverse::evidence_spans_of(store, &[item.to_string()], MAX_SENTENCES)?;
    let mut found = Vec::new();
    for span in spans {
        let mention = vocab::mention(&span.document, span.begin, span.end);
        let text = store
            .objects(&mention, &format!("{}anchorOf", vocab::NIF))?
            .into_iter()
            .find_map(|t| match t {
                Term::Literal(l) => Some(l.value().to_string()),
                _ => None,
            })
            .unwrap_or_default();
        found.push(Sentence {
            document: span.document,
            file_name: span.file_name,
            begin: span.begin,
            end: span.end,
            text,
        });
    }
    Ok(found)
}

/// The mentions of actors and places in a document: (actor, begin, end) in characters, in text
/// order.
fn mentions_in(store: &Store, document: &str) -> Result<Vec<(String, usize, usize)>, StoreError> {
    let mut found = Vec::new();
    store.select_each(
        "SELECT ?a ?b ?e ?d WHERE {
           ?m nif:referenceContext ?d ; nif:beginIndex ?b ; nif:endIndex ?e .
           ?a gaf:denotedBy ?m .
           FILTER NOT EXISTS { ?a a sem:Event } FILTER NOT EXISTS { ?a a dos:Claim }
         }",
        &[("d", NamedNode::new_unchecked(document).into())],
        |row| {
            let number = |name: &str| match row.get(name) {
                Some(Term::Literal(l)) => l.value().parse::<usize>().ok(),
                _ => None,
            };
            if let (Some(Term::NamedNode(actor)), Some(b), Some(e)) = (row.get("a"), number("b"), number("e")) {
                found.push((actor.as_str().to_string(), b, e));
            }
        },
    )?;
    // In text order, the longer of two spans starting together first.
    found.sort_by(|a, b| (a.1, std::cmp::Reverse(a.2), &a.0).cmp(&(b.1, std::cmp::Reverse(b.2), &b.0)));
    found.dedup();
    Ok(found)
}

/// The evidence of an item: each sentence with the mentions of `highlight` in it marked, and a
/// link to its place in its document.
fn evidence_list(
    store: &Store,
    item: &str,
    sources: usize,
    highlight: &BTreeSet<&str>,
    cache: &mut BTreeMap<String, Vec<(String, usize, usize)>>,
) -> Result<String, StoreError> {
    let sentences = sentences(store, item)?;
    let mut html = String::from("<ul class=\"evidence\">");
    for sentence in &sentences {
        if !cache.contains_key(&sentence.document) {
            cache.insert(sentence.document.clone(), mentions_in(store, &sentence.document)?);
        }
        let marks: Vec<(Range<usize>, String)> = cache[&sentence.document]
            .iter()
            .filter(|(actor, b, e)| highlight.contains(actor.as_str()) && *b >= sentence.begin && *e <= sentence.end)
            .map(|(actor, b, e)| (b - sentence.begin..e - sentence.begin, actor.clone()))
            .collect();
        let _ = write!(
            html,
            "<li><q>{}</q> <a class=\"source\" href=\"{}\">{}</a></li>",
            marked_sentence(&sentence.text, &marks),
            h(&span_href(&sentence.document, sentence.begin, sentence.end)),
            h(&sentence.file_name)
        );
    }
    if sources > sentences.len() {
        let _ = write!(html, "<li class=\"more\">{} sources in all; the first {} shown</li>", sources, sentences.len());
    }
    html.push_str("</ul>");
    Ok(html)
}

/// A sentence with character ranges marked (the first of overlapping ones wins).
fn marked_sentence(text: &str, marks: &[(Range<usize>, String)]) -> String {
    let bytes = char_bytes(text);
    let mut html = String::new();
    let mut at = 0;
    let mut sorted: Vec<&(Range<usize>, String)> = marks.iter().collect();
    sorted.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    for (range, actor) in sorted {
        let (Some(&start), Some(&end)) = (bytes.get(range.start), bytes.get(range.end)) else { continue };
        if start < at || start >= end {
            continue;
        }
        html.push_str(&h(&text[at..start]));
        let _ = write!(html, "<mark><a href=\"{}\">{}</a></mark>", h(&href(actor)), h(&text[start..end]));
        at = end;
    }
    html.push_str(&h(text.get(at..).unwrap_or_default()));
    html.trim().to_string()
}

/// The byte offset of each character of `text`, and its length at the end.
fn char_bytes(text: &str) -> Vec<usize> {
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    bytes
}

/// The date an item is listed under: its own, or "reported DATE", or "undated".
fn date_text(date: Option<&str>, reported: Option<&str>) -> String {
    match (date, reported) {
        (Some(date), _) => h(date),
        (None, Some(reported)) => format!("<span class=\"muted\">reported {}</span>", h(reported)),
        (None, None) => "<span class=\"muted\">undated</span>".into(),
    }
}

fn event_type_cell(event: &EventRecord) -> String {
    let class = quad_class(&event.event_type).unwrap_or("");
    format!("<span class=\"type\" title=\"{}\">{}</span>", h(class), h(&event.event_type))
}

/// The page of an actor or place: type, names, events, claims, documents.
fn actor_page(store: &Store, iri: &str) -> Result<Option<String>, StoreError> {
    let Some(actor) = traverse::actor(store, iri)? else { return Ok(None) };
    let mut html = start(&actor.label, kind_name(actor.kind), iri);
    let (_, colour) = style(actor.kind);
    let _ = writeln!(
        html,
        "<dl class=\"facts\"><dt>Type</dt><dd><span class=\"swatch\" style=\"background:{colour}\"></span>{}</dd>",
        h(kind_name(actor.kind))
    );
    let aliases: Vec<String> = actor.aliases.iter().filter(|a| **a != actor.label).map(|a| h(a)).collect();
    let _ = writeln!(
        html,
        "<dt>Also called</dt><dd>{}</dd>",
        if aliases.is_empty() { "—".into() } else { aliases.join(", ") }
    );
    let _ = writeln!(html, "<dt>Mentions</dt><dd>{} in {} documents</dd></dl>", actor.mentions, actor.documents.len());
    let highlight: BTreeSet<&str> = BTreeSet::from([iri]);
    let mut cache = BTreeMap::new();

    let mut events = traverse::events(store, Some(iri))?;
    let n_events = events.len();
    events.sort_by_key(|e| std::cmp::Reverse(e.sources));
    events.truncate(MAX_ITEMS);
    events.sort_by(|a, b| {
        (a.date.is_none(), &a.date, &a.event_type, &a.iri).cmp(&(b.date.is_none(), &b.date, &b.event_type, &b.iri))
    });
    let _ = writeln!(html, "<section id=\"events\"><h2>Events ({n_events})</h2>");
    if n_events > events.len() {
        let _ = writeln!(html, "<p class=\"muted\">The {} best-sourced shown.</p>", events.len());
    }
    if events.is_empty() {
        html.push_str("<p class=\"muted\">No event names this actor.</p>\n");
    }
    for event in &events {
        let role = if event.agents.iter().any(|p| p.iri == iri) {
            "agent"
        } else if event.targets.iter().any(|p| p.iri == iri) {
            "target"
        } else {
            "place"
        };
        let counterparts: Vec<Participant> = match role {
            "agent" => event.targets.clone(),
            "target" => event.agents.clone(),
            _ => event.agents.iter().chain(&event.targets).cloned().collect(),
        };
        let arrow = match role {
            "agent" => "→",
            "target" => "←",
            _ => "@",
        };
        let _ = write!(
            html,
            "<article class=\"item event\"><p class=\"head\">{} {} <a class=\"item-link\" href=\"{}\">{}</a> {arrow} {}",
            date_text(event.date.as_deref(), event.reported.as_deref()),
            event_type_cell(event),
            h(&href(&event.iri)),
            h(role),
            if counterparts.is_empty() { "<span class=\"muted\">no counterpart</span>".into() } else { links(&counterparts) },
        );
        if let Some(place) = event.place.as_ref().filter(|p| p.iri != iri) {
            let _ = write!(html, " @ {}", link(&place.iri, &place.label));
        }
        let _ = writeln!(
            html,
            " <span class=\"status status-{}\">{}</span> <span class=\"sources\">{} source{}</span></p>",
            h(&event.status),
            h(&event.status),
            event.sources,
            if event.sources == 1 { "" } else { "s" }
        );
        html.push_str(&evidence_list(store, &event.iri, event.sources, &highlight, &mut cache)?);
        html.push_str("</article>\n");
    }
    html.push_str("</section>\n");

    let claims = traverse::claims(store, Some(iri))?;
    let (mut said, mut about): (Vec<ClaimRecord>, Vec<ClaimRecord>) =
        claims.into_iter().partition(|c| c.claimant.iri == iri);
    for (id, title, list) in [("claims", "Claims it makes", &mut said), ("claims-about", "Claims about it", &mut about)]
    {
        let n = list.len();
        list.sort_by_key(|c| std::cmp::Reverse(c.sources));
        list.truncate(MAX_ITEMS);
        list.sort_by(|a, b| (a.date.is_none(), &a.date, &a.iri).cmp(&(b.date.is_none(), &b.date, &b.iri)));
        let _ = writeln!(html, "<section id=\"{id}\"><h2>{title} ({n})</h2>");
        if n > list.len() {
            let _ = writeln!(html, "<p class=\"muted\">The {} best-sourced shown.</p>", list.len());
        }
        if list.is_empty() {
            html.push_str("<p class=\"muted\">None.</p>\n");
        }
        for claim in list.iter() {
            html.push_str(&claim_block(store, claim, &highlight, &mut cache)?);
        }
        html.push_str("</section>\n");
    }
    html.push_str(&documents_section(store, iri)?);
    Ok(Some(finish(html)))
}

/// A claim as listed on a page: speaker, words, polarity, what contradicts it, evidence.
fn claim_block(
    store: &Store,
    claim: &ClaimRecord,
    highlight: &BTreeSet<&str>,
    cache: &mut BTreeMap<String, Vec<(String, usize, usize)>>,
) -> Result<String, StoreError> {
    let mut html = String::new();
    let _ = write!(
        html,
        "<article class=\"item claim\"><p class=\"head\">{} {} <a class=\"item-link\" href=\"{}\">said</a> <q class=\"content\">{}</q> <span class=\"polarity polarity-{}\">{}</span> <span class=\"muted\">{}</span>",
        date_text(claim.date.as_deref(), claim.reported.as_deref()),
        link(&claim.claimant.iri, &claim.claimant.label),
        h(&href(&claim.iri)),
        h(&claim.content),
        h(&claim.polarity),
        h(&claim.polarity),
        h(&claim.modality),
    );
    if !claim.about.is_empty() {
        let _ = write!(html, " about {}", links(&claim.about));
    }
    let _ = writeln!(
        html,
        " <span class=\"sources\">{} source{}</span></p>",
        claim.sources,
        if claim.sources == 1 { "" } else { "s" }
    );
    html.push_str(&contradictions_of(store, claim)?);
    html.push_str(&evidence_list(store, &claim.iri, claim.sources, highlight, cache)?);
    html.push_str("</article>\n");
    Ok(html)
}

/// What contradicts a claim: the same speaker's opposite words as a self-contradiction, others'
/// as contradictions.
fn contradictions_of(store: &Store, claim: &ClaimRecord) -> Result<String, StoreError> {
    let others = traverse::contradicting(store, &claim.iri)?;
    if others.is_empty() {
        return Ok(String::new());
    }
    let (own, theirs): (Vec<&ClaimRecord>, Vec<&ClaimRecord>) =
        others.iter().partition(|c| c.claimant.iri == claim.claimant.iri);
    let mut html = String::from("<ul class=\"contradictions\">");
    for other in own {
        let _ = write!(
            html,
            "<li class=\"self\"><strong>Self-contradiction:</strong> {} also said <a href=\"{}\"><q>{}</q></a> ({})</li>",
            h(&claim.claimant.label),
            h(&href(&other.iri)),
            h(&other.content),
            date_text(other.date.as_deref(), other.reported.as_deref())
        );
    }
    for other in theirs {
        let _ = write!(
            html,
            "<li class=\"against\"><strong>Contradicted by</strong> {}: <a href=\"{}\"><q>{}</q></a> ({})</li>",
            link(&other.claimant.iri, &other.claimant.label),
            h(&href(&other.iri)),
            h(&other.content),
            date_text(other.date.as_deref(), other.reported.as_deref())
        );
    }
    html.push_str("</ul>\n");
    Ok(html)
}

/// The documents that mention an actor, linked (at most [`MAX_ITEMS`], by file name).
fn documents_section(store: &Store, iri: &str) -> Result<String, StoreError> {
    let rows = store.select(
        &format!(
            "SELECT DISTINCT ?a ?d ?file WHERE {{ ?a gaf:denotedBy ?m . ?m nif:referenceContext ?d . ?d dos:fileName ?file }} ORDER BY ?file LIMIT {}",
            MAX_ITEMS + 1
        ),
        &[("a", NamedNode::new_unchecked(iri).into())],
    )?;
    let mut html = String::from("<section id=\"documents\"><h2>Documents</h2><ul class=\"documents\">");
    for row in rows.iter().take(MAX_ITEMS) {
        if let (Some(Term::NamedNode(d)), Some(Term::Literal(file))) = (row.get("d"), row.get("file")) {
            let _ = write!(html, "<li>{}</li>", link(d.as_str(), file.value()));
        }
    }
    if rows.len() > MAX_ITEMS {
        let _ = write!(html, "<li class=\"more\">and more</li>");
    }
    html.push_str("</ul></section>\n");
    Ok(html)
}

/// The page of an event.
fn event_page(store: &Store, iri: &str) -> Result<Option<String>, StoreError> {
    let Some(event) = traverse::events_with_iris(store, &[iri.to_string()])?.into_iter().next() else {
        return Ok(None);
    };
    let agents = if event.agents.is_empty() {
        "?".to_string()
    } else {
        event.agents.iter().map(|p| p.label.clone()).collect::<Vec<_>>().join(", ")
    };
    let targets: Vec<String> = event.targets.iter().map(|p| p.label.clone()).collect();
    let title = format!("{agents} {} {}", event.event_type, targets.join(", ")).trim().to_string();
    let mut html = start(&title, "event", iri);
    html.push_str("<dl class=\"facts\">");
    let _ = write!(
        html,
        "<dt>Type</dt><dd>{} <span class=\"muted\">{}</span></dd>",
        event_type_cell(&event),
        h(quad_class(&event.event_type).unwrap_or(""))
    );
    if let Some(mode) = &event.mode {
        let _ = write!(html, "<dt>Mode</dt><dd>{}</dd>", h(mode));
    }
    let precision =
        event.precision.as_deref().map(|p| format!(" <span class=\"muted\">({})</span>", h(p))).unwrap_or_default();
    let _ = write!(
        html,
        "<dt>Date</dt><dd>{}{precision}</dd>",
        date_text(event.date.as_deref(), event.reported.as_deref())
    );
    let _ = write!(html, "<dt>Status</dt><dd><span class=\"status status-{0}\">{0}</span></dd>", h(&event.status));
    let _ = write!(html, "<dt>Agents</dt><dd>{}</dd>", or_dash(links(&event.agents)));
    let _ = write!(html, "<dt>Targets</dt><dd>{}</dd>", or_dash(links(&event.targets)));
    if let Some(place) = &event.place {
        let _ = write!(html, "<dt>Place</dt><dd>{}</dd>", link(&place.iri, &place.label));
    }
    let _ = writeln!(html, "<dt>Sources</dt><dd>{}</dd></dl>", event.sources);
    let highlight: BTreeSet<&str> =
        event.agents.iter().chain(&event.targets).chain(&event.place).map(|p| p.iri.as_str()).collect();
    html.push_str("<section id=\"evidence\"><h2>Evidence</h2>");
    html.push_str(&evidence_list(store, iri, event.sources, &highlight, &mut BTreeMap::new())?);
    html.push_str("</section>\n");
    Ok(Some(finish(html)))
}

fn or_dash(text: String) -> String {
    if text.is_empty() {
        "—".into()
    } else {
        text
    }
}

/// The page of a claim.
fn claim_page(store: &Store, iri: &str) -> Result<Option<String>, StoreError> {
    let Some(claim) = traverse::claims_with_iris(store, &[iri.to_string()])?.into_iter().next() else {
        return Ok(None);
    };
    let title = format!("{}: “{}”", claim.claimant.label, crate::summary::clip(&claim.content, 80));
    let mut html = start(&title, "claim", iri);
    html.push_str("<dl class=\"facts\">");
    let _ = write!(html, "<dt>Speaker</dt><dd>{}</dd>", link(&claim.claimant.iri, &claim.claimant.label));
    let _ = write!(html, "<dt>Words</dt><dd><q class=\"content\">{}</q></dd>", h(&claim.content));
    let _ =
        write!(html, "<dt>Polarity</dt><dd><span class=\"polarity polarity-{0}\">{0}</span></dd>", h(&claim.polarity));
    let _ = write!(html, "<dt>Modality</dt><dd>{}</dd>", h(&claim.modality));
    let _ = write!(html, "<dt>Date</dt><dd>{}</dd>", date_text(claim.date.as_deref(), claim.reported.as_deref()));
    let _ = write!(html, "<dt>About</dt><dd>{}</dd>", or_dash(links(&claim.about)));
    let _ = writeln!(html, "<dt>Sources</dt><dd>{}</dd></dl>", claim.sources);
    let contradictions = contradictions_of(store, &claim)?;
    let _ = writeln!(
        html,
        "<section id=\"contradictions\"><h2>Contradictions</h2>{}</section>",
        if contradictions.is_empty() {
            "<p class=\"muted\">No claim takes the opposite position.</p>".into()
        } else {
            contradictions
        }
    );
    let highlight: BTreeSet<&str> =
        std::iter::once(&claim.claimant).chain(&claim.about).map(|p| p.iri.as_str()).collect();
    html.push_str("<section id=\"evidence\"><h2>Evidence</h2>");
    html.push_str(&evidence_list(store, iri, claim.sources, &highlight, &mut BTreeMap::new())?);
    html.push_str("</section>\n");
    Ok(Some(finish(html)))
}

/// A finding stated in a document: an event or claim, its span, and how the page names it.
struct Finding {
    item: String,
    label: String,
    begin: usize,
    end: usize,
}

/// The page of a document: its facts, and its text with every mention and finding marked.
fn document_page(store: &Store, iri: &str) -> Result<Option<String>, StoreError> {
    let Some(record) = traverse::document(store, iri)? else {
        return Ok(None);
    };
    let title = record.title.clone().unwrap_or_else(|| record.file_name.clone());
    let mut html = start(&title, "document", iri);
    let _ = writeln!(
        html,
        "<dl class=\"facts\"><dt>File</dt><dd>{}</dd><dt>Published</dt><dd>{}</dd><dt>Publisher</dt><dd>{}</dd></dl>",
        h(&record.file_name),
        h(record.published.as_deref().unwrap_or("undated")),
        h(record.publisher.as_deref().unwrap_or("unknown"))
    );
    let Some(text) = traverse::document_text(store, iri)? else {
        html.push_str("<p class=\"muted\">The store does not hold this document's text.</p>\n");
        return Ok(Some(finish(html)));
    };
    let mentions = mentions_in(store, iri)?;
    let mut findings = Vec::new();
    store.select_each(
        "SELECT ?x ?label ?t ?b ?e ?d WHERE {
           ?m nif:referenceContext ?d ; nif:beginIndex ?b ; nif:endIndex ?e .
           ?x gaf:denotedBy ?m .
           { ?x a sem:Event ; sem:eventType ?type BIND(STRAFTER(STR(?type), STR(dos:)) AS ?t) } UNION { ?x a dos:Claim BIND(\"claim\" AS ?t) }
           OPTIONAL { ?x rdfs:label ?label }
         }",
        &[("d", NamedNode::new_unchecked(iri).into())],
        |row| {
            let text_of = |name: &str| match row.get(name) {
                Some(Term::Literal(l)) => Some(l.value().to_string()),
                Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
                _ => None,
            };
            let number = |name: &str| text_of(name).and_then(|n| n.parse::<usize>().ok());
            if let (Some(item), Some(kind), Some(begin), Some(end)) = (text_of("x"), text_of("t"), number("b"), number("e")) {
                let label = match text_of("label") {
                    Some(label) if kind != "claim" => label,
                    _ => kind,
                };
                findings.push(Finding { item, label, begin, end });
            }
        },
    )?;
    findings.sort_by(|a, b| (a.begin, a.end, &a.item).cmp(&(b.begin, b.end, &b.item)));
    findings.dedup_by(|a, b| a.item == b.item && a.begin == b.begin && a.end == b.end);
    let labels = actor_labels(store, &mentions)?;
    let _ = writeln!(
        html,
        "<p class=\"muted\">{} mentions of actors and places, {} events and claims stated; each evidence sentence is marked and numbered.</p>",
        mentions.len(),
        findings.iter().map(|f| &f.item).collect::<BTreeSet<_>>().len()
    );
    html.push_str("<div class=\"text\">");
    html.push_str(&marked_document(&text, &findings, &mentions, &labels));
    html.push_str("</div>\n");
    Ok(Some(finish(html)))
}

/// The labels and kinds of the actors mentioned.
fn actor_labels(
    store: &Store,
    mentions: &[(String, usize, usize)],
) -> Result<BTreeMap<String, (String, ActorKind)>, StoreError> {
    let mut labels = BTreeMap::new();
    for (actor, _, _) in mentions {
        if labels.contains_key(actor) {
            continue;
        }
        if let Some(record) = traverse::actor(store, actor)? {
            labels.insert(actor.clone(), (record.label, record.kind));
        }
    }
    Ok(labels)
}

/// A document's text with the findings' sentences marked (`<mark id="char=B,E">`, overlapping
/// ones merged into one mark, with an anchor for each) and the mentions linked to their actors.
fn marked_document(
    text: &str,
    findings: &[Finding],
    mentions: &[(String, usize, usize)],
    labels: &BTreeMap<String, (String, ActorKind)>,
) -> String {
    let bytes = char_bytes(text);
    let byte = |c: usize| bytes.get(c).copied();
    // Groups of overlapping findings: (byte range, members).
    let mut groups: Vec<(Range<usize>, Vec<&Finding>)> = Vec::new();
    for finding in findings {
        let (Some(start), Some(end)) = (byte(finding.begin), byte(finding.end)) else { continue };
        if start >= end {
            continue;
        }
        match groups.last_mut() {
            Some((range, members)) if start < range.end => {
                range.end = range.end.max(end);
                members.push(finding);
            }
            _ => groups.push((start..end, vec![finding])),
        }
    }
    let mentions: Vec<(Range<usize>, &str)> = mentions
        .iter()
        .filter_map(|(actor, b, e)| Some((byte(*b)?..byte(*e)?, actor.as_str())))
        .filter(|(r, _)| r.start < r.end)
        .collect();
    let mut html = String::new();
    let mut at = 0;
    let numbers: BTreeMap<&str, usize> = {
        let mut seen = BTreeMap::new();
        for finding in findings {
            let next = seen.len() + 1;
            seen.entry(finding.item.as_str()).or_insert(next);
        }
        seen
    };
    for (range, members) in &groups {
        // The mark ends with the sentence's last word, its numbers right after it.
        let range = &(range.start..range.start + text[range.clone()].trim_end().len());
        write_mentions(&mut html, text, at..range.start, &mentions, labels);
        let first = members[0];
        let titles: Vec<String> =
            members.iter().map(|f| f.label.clone()).collect::<BTreeSet<_>>().into_iter().collect();
        let _ = write!(
            html,
            "<mark class=\"finding\" id=\"char={},{}\" title=\"{}\">",
            first.begin,
            first.end,
            h(&titles.join("; "))
        );
        let mut anchors: BTreeSet<(usize, String)> = BTreeSet::new();
        for member in &members[1..] {
            if (member.begin, member.end) != (first.begin, first.end) {
                if let Some(start) = byte(member.begin) {
                    anchors.insert((start, format!("char={},{}", member.begin, member.end)));
                }
            }
        }
        let mut inner_at = range.start;
        for (start, id) in &anchors {
            write_mentions(&mut html, text, inner_at..*start, &mentions, labels);
            let _ = write!(html, "<span class=\"anchor\" id=\"{id}\"></span>");
            inner_at = *start;
        }
        write_mentions(&mut html, text, inner_at..range.end, &mentions, labels);
        html.push_str("</mark><sup class=\"refs\">");
        let mut listed = BTreeSet::new();
        for member in members {
            if listed.insert(member.item.as_str()) {
                let _ = write!(
                    html,
                    "<a href=\"{}\" title=\"{}\">{}</a>",
                    h(&href(&member.item)),
                    h(&member.label),
                    numbers.get(member.item.as_str()).copied().unwrap_or(0)
                );
            }
        }
        html.push_str("</sup>");
        at = range.end;
    }
    write_mentions(&mut html, text, at..text.len(), &mentions, labels);
    html
}

/// `text[range]` with the mentions inside it linked to their actors (clipped to the range; the
/// first of overlapping mentions wins).
fn write_mentions(
    html: &mut String,
    text: &str,
    range: Range<usize>,
    mentions: &[(Range<usize>, &str)],
    labels: &BTreeMap<String, (String, ActorKind)>,
) {
    let mut at = range.start;
    for (mention, actor) in mentions {
        let start = mention.start.max(range.start);
        let end = mention.end.min(range.end);
        if start < at || start >= end {
            continue;
        }
        html.push_str(&h(&text[at..start]));
        let (title, kind) = labels.get(*actor).map(|(l, k)| (l.as_str(), *k)).unwrap_or((actor, ActorKind::Group));
        let _ = write!(
            html,
            "<a class=\"mention\" style=\"border-color:{}\" href=\"{}\" title=\"{} ({})\">{}</a>",
            style(kind).1,
            h(&href(actor)),
            h(title),
            kind_name(kind),
            h(&text[start..end])
        );
        at = end;
    }
    if at < range.end {
        html.push_str(&h(&text[at..range.end]));
    }
}

/// The page of any other IRI: its statements, each IRI linked.
fn generic_page(store: &Store, iri: &str) -> Result<Option<String>, StoreError> {
    let triples = statements(store, iri)?;
    let Ok(node) = NamedNode::new(iri) else { return Ok(None) };
    let incoming: Vec<Triple> = store
        .oxigraph()
        .quads_for_pattern(None, None, Some(node.as_ref().into()), None)
        .take(MAX_STATEMENTS)
        .map(|q| q.map(|q| Triple::new(q.subject, q.predicate, q.object)).map_err(StoreError::from))
        .collect::<Result<HashSet<_>, _>>()
        .map(sorted)?;
    if triples.is_empty() && incoming.is_empty() {
        return Ok(None);
    }
    let label = triples
        .iter()
        .find(|t| t.predicate.as_str() == vocab::RDFS_LABEL)
        .and_then(|t| match &t.object {
            Term::Literal(l) => Some(l.value().to_string()),
            _ => None,
        })
        .unwrap_or_else(|| compact_iri(iri));
    let mut html = start(&label, "resource", iri);
    html.push_str("<table class=\"statements\"><thead><tr><th>property</th><th>value</th></tr></thead><tbody>");
    for triple in &triples {
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}</td></tr>",
            term_html(&triple.predicate.clone().into()),
            term_html(&triple.object)
        );
    }
    html.push_str("</tbody></table>\n");
    if !incoming.is_empty() {
        html.push_str("<h2>Referenced by</h2><table class=\"statements\"><thead><tr><th>subject</th><th>property</th></tr></thead><tbody>");
        for triple in &incoming {
            let subject: Term = triple.subject.clone().into();
            let _ = write!(
                html,
                "<tr><td>{}</td><td>{}</td></tr>",
                term_html(&subject),
                term_html(&triple.predicate.clone().into())
            );
        }
        html.push_str("</tbody></table>\n");
    }
    Ok(Some(finish(html)))
}

fn term_html(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => link(n.as_str(), &compact_iri(n.as_str())),
        Term::Literal(l) => h(l.value()),
        Term::BlankNode(b) => h(&b.to_string()),
        Term::Triple(t) => format!(
            "&lt;&lt;( {} {} {} )&gt;&gt;",
            term_html(&t.subject.clone().into()),
            term_html(&t.predicate.clone().into()),
            term_html(&t.object)
        ),
    }
}

const CSS: &str = r#":root { --ink: #1d2430; --muted: #5b6577; --line: #d7dce4; --accent: #2456a6; --bad: #a62424; --mark: #fff1a8; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f6f7f9; }
header { padding: .7em 1.5em; background: #fff; border-bottom: 1px solid var(--line); }
header a { margin-right: 1em; color: var(--accent); text-decoration: none; }
header a.home { font-weight: 700; color: var(--ink); }
main { max-width: 1100px; margin: 0 auto; padding: 1em 1.5em 3em; }
a { color: var(--accent); }
h1 { margin: .1em 0 .2em; font-size: 1.6em; }
h2 { margin-top: 1.6em; font-size: 1.2em; border-bottom: 1px solid var(--line); padding-bottom: .2em; }
.kind { margin: 0; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; font-size: .8em; }
.iri { color: var(--muted); font-size: .85em; word-break: break-all; }
.muted { color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; background: #fff; border: 1px solid var(--line); padding: .6em 1em; border-radius: 4px; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
.swatch { display: inline-block; width: .9em; height: .9em; border: 1px solid #999; margin-right: .4em; vertical-align: -.1em; }
.item { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: .5em .9em; margin: .6em 0; }
.item .head { margin: 0 0 .3em; }
.type { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 600; }
.status, .polarity, .sources { font-size: .85em; padding: 0 .4em; border-radius: 3px; background: #eef1f5; }
.status-planned { background: #dfe9f7; } .status-negated, .polarity-negative { background: #f7dfdf; }
ul.evidence { margin: .2em 0; padding-left: 1.2em; }
ul.evidence li { margin: .2em 0; }
ul.evidence q { quotes: "“" "”"; }
ul.evidence .source { font-size: .85em; margin-left: .3em; }
mark { background: var(--mark); }
mark a { color: inherit; }
ul.contradictions { margin: .2em 0; padding-left: 1.2em; }
li.against strong { color: var(--bad); }
li.self strong { color: #8a4b00; }
.text { white-space: pre-wrap; background: #fff; border: 1px solid var(--line); padding: 1em 1.2em; border-radius: 4px; line-height: 1.65; }
.text a.mention { color: inherit; text-decoration: none; border-bottom: 2px solid; }
.text mark.finding { background: #fff6c8; }
.text mark.finding:target, .text .anchor:target + * { background: #ffd54a; outline: 2px solid #e0a800; }
sup.refs a { margin-left: .15em; font-size: .8em; }
table.statements { border-collapse: collapse; width: 100%; background: #fff; font-size: 14px; }
table.statements td, table.statements th { border: 1px solid var(--line); padding: .25em .5em; text-align: left; vertical-align: top; word-break: break-word; }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_documents_nest_mentions_in_findings_and_anchor_every_span() {
        let text = "Russia met the Taliban. Then Iran spoke.";
        let findings = [
            Finding { item: "e1".into(), label: "CONSULT".into(), begin: 0, end: 23 },
            Finding { item: "c1".into(), label: "claim".into(), begin: 0, end: 23 },
            Finding { item: "c2".into(), label: "claim".into(), begin: 15, end: 40 },
        ];
        let mentions =
            vec![("a:russia".to_string(), 0, 6), ("a:taliban".to_string(), 15, 22), ("a:iran".to_string(), 29, 33)];
        let html = marked_document(text, &findings, &mentions, &BTreeMap::new());
        assert!(html.starts_with("<mark class=\"finding\" id=\"char=0,23\""), "{html}");
        assert!(html.contains("<span class=\"anchor\" id=\"char=15,40\"></span>"), "{html}");
        assert_eq!(html.matches("class=\"mention\"").count(), 3, "{html}");
        assert_eq!(html.matches("<mark").count(), 1, "overlapping findings are one mark: {html}");
        let plain: String = {
            let mut out = String::new();
            let mut inside = false;
            for c in html.split("</sup>").map(|p| p.split("<sup").next().unwrap()).collect::<String>().chars() {
                match c {
                    '<' => inside = true,
                    '>' => inside = false,
                    c if !inside => out.push(c),
                    _ => {}
                }
            }
            out
        };
        assert_eq!(plain, text, "the text is whole");
    }

    #[test]
    fn sentences_mark_mentions_by_characters_and_escape() {
        let html = marked_sentence("Erdoğan <met> Putin", &[(0..7, "a:e".into()), (14..19, "a:p".into())]);
        assert_eq!(
            html,
            "<mark><a href=\"/describe?iri=a%3Ae\">Erdoğan</a></mark> &lt;met&gt; <mark><a href=\"/describe?iri=a%3Ap\">Putin</a></mark>"
        );
    }

    /// `/describe` through the endpoint: each representation by `Accept` or `format=`, and
    /// the errors.
    #[test]
    fn describe_negotiates_html_turtle_ntriples_and_jsonld() {
        use crate::serve::{Endpoint, ServeOptions};
        use oxhttp::model::{Body, Request};
        let store = Store::memory().unwrap();
        store
            .update("INSERT DATA { actor:x a dos:Actor, dos:Person ; rdfs:label \"X\" . <https://w3id.org/dossier/id/doc/1> a dos:Document ; dos:fileName \"a.txt\" ; nif:isString \"X spoke.\" }")
            .unwrap();
        let endpoint = Endpoint::new(store, ServeOptions::default());
        let get = |query: &str, accept: &str| {
            let mut request = Request::builder()
                .uri(format!("http://localhost/describe{query}"))
                .header("Accept", accept)
                .body(Body::empty())
                .unwrap();
            let response = endpoint.handle(&mut request);
            let status = response.status().as_u16();
            let media =
                response.headers().get("Content-Type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
            let location = response.headers().get("Location").map(|v| v.to_str().unwrap().to_string());
            (status, media, location, response.into_body().to_string().unwrap())
        };
        let x = "?iri=https%3A%2F%2Fw3id.org%2Fdossier%2Fid%2Factor%2Fx";
        let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        let (status, media, _, body) = get(x, browser);
        assert_eq!((status, media.as_str()), (200, "text/html"));
        assert!(body.contains("<h1>X</h1>") && body.contains("person"), "{body}");
        let (_, media, _, body) = get(x, "text/turtle");
        assert_eq!(media, "text/turtle");
        assert!(body.contains("actor:x a dos:Actor , dos:Person ;"), "{body}");
        let (_, media, _, body) = get(x, "application/n-triples");
        assert_eq!(media, "application/n-triples");
        assert_eq!(body.lines().count(), 3, "{body}");
        let (_, media, _, body) = get(&format!("{x}&format=jsonld"), browser);
        assert_eq!(media, "application/ld+json");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["@graph"][0]["@id"], "actor:x");
        let (status, _, location, _) =
            get("?iri=https%3A%2F%2Fw3id.org%2Fdossier%2Fid%2Fdoc%2F1%23char%3D0%2C1", browser);
        assert_eq!(status, 303);
        assert_eq!(location.unwrap(), format!("{}#char=0,1", href("https://w3id.org/dossier/id/doc/1")));
        let (status, _, _, body) = get("?iri=https%3A%2F%2Fexample.org%2Fnone", browser);
        assert_eq!(status, 404);
        assert!(body.contains("https://example.org/none"), "{body}");
        let (status, _, _, body) = get("?iri=not%20an%20iri", browser);
        assert_eq!(status, 400);
        assert!(body.contains("not an IRI"), "{body}");
        let (status, _, _, body) = get("", browser);
        assert_eq!(status, 400);
        assert!(body.contains("/describe?iri=IRI"), "{body}");
        let (status, _, _, _) = get(x, "image/png");
        assert_eq!(status, 406);
    }

    #[test]
    fn generic_pages_link_every_iri_and_mentions_redirect() {
        let store = Store::memory().unwrap();
        store
            .update("INSERT DATA { dos:x rdfs:label \"X\" ; dos:about dos:y . <https://w3id.org/dossier/id/doc/1> a dos:Document ; dos:fileName \"a.txt\" ; nif:isString \"Hello\" }")
            .unwrap();
        let Some(Page::Html(html)) = page(&store, &vocab::dos("x")).unwrap() else { panic!() };
        assert!(html.contains(&h(&href(&vocab::dos("y")))), "{html}");
        assert!(html.contains(">dos:about<"), "{html}");
        let redirect = page(&store, "https://w3id.org/dossier/id/doc/1#char=0,5").unwrap();
        assert_eq!(redirect, Some(Page::Redirect(format!("{}#char=0,5", href("https://w3id.org/dossier/id/doc/1")))));
        let Some(Page::Html(html)) = page(&store, "https://w3id.org/dossier/id/doc/1").unwrap() else { panic!() };
        assert!(html.contains("<div class=\"text\">Hello</div>"), "{html}");
        let turtle = describe_rdf(&store, &vocab::dos("x"), RdfFormat::Turtle).unwrap().unwrap();
        let turtle = String::from_utf8(turtle).unwrap();
        assert!(turtle.contains("dos:x dos:about dos:y ;"), "{turtle}");
        assert!(describe_rdf(&store, &vocab::dos("nothing"), RdfFormat::NTriples).unwrap().is_none());
    }
}
