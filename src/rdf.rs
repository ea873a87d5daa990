//! Mapping findings to RDF, following `ontology/dossier.ttl` and the contract.
//!
//! Everything goes to the default graph (set semantics merge what several documents say about
//! the same actor or event); analysis results (`analysis::AnalysisRun`) go to the named graph
//! `id:graph/analysis`.
//! Offsets become `nif:beginIndex`/`nif:endIndex` in Unicode characters; mentions are
//! `id:doc/<hash>#char=b,e` nodes, so every statement leads back to a document and a span.
//!
//! ```
//! use dossier::{corpus::Document, extract::extract_document, lexicon::Lexicon, rdf};
//!
//! let lexicon = Lexicon::builtin()?;
//! let doc = Document::from_text("a.txt", "Taliban representatives visited Moscow.".into(), Default::default(), &lexicon.boilerplate);
//! let quads = rdf::document_quads(&doc, &extract_document(&doc, &lexicon));
//! assert!(quads.iter().any(|q| q.predicate.as_str() == "http://semanticweb.cs.vu.nl/2009/11/sem/eventType"));
//! # Ok::<(), dossier::lexicon::LexiconError>(())
//! ```

use std::ops::Range;
use std::sync::LazyLock;

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term, Triple};

use crate::corpus::Document;
use crate::extract::{Findings, MentionKind};
use crate::resolve;
use crate::vocab::{self, DCT, DOS, GAF, NIF, PROV, RDF, RDFS, SEM, SKOS, XSD};

fn node(iri: impl Into<String>) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

fn dos(local: &str) -> NamedNode {
    node(format!("{DOS}{local}"))
}

fn typed(value: impl Into<String>, datatype: &str) -> Term {
    Literal::new_typed_literal(value, node(format!("{XSD}{datatype}"))).into()
}

fn plain(value: impl Into<String>) -> Term {
    Literal::new_simple_literal(value).into()
}

/// The terms a document's mapping writes, made once: cloning one costs an allocation, making it
/// with `format!` several, for each of the ~1,500 quads of an article.
struct Terms {
    rdf_type: NamedNode,
    dct_date: NamedNode,
    dct_issued: NamedNode,
    dct_publisher: NamedNode,
    dct_title: NamedNode,
    dos_about: NamedNode,
    dos_actor: NamedNode,
    dos_agent: NamedNode,
    dos_claim: NamedNode,
    dos_claimant: NamedNode,
    dos_content: NamedNode,
    dos_content_hash: NamedNode,
    dos_date: NamedNode,
    dos_date_precision: NamedNode,
    dos_reported_on: NamedNode,
    dos_document: NamedNode,
    dos_file_name: NamedNode,
    dos_modality: NamedNode,
    dos_mode: NamedNode,
    dos_opposite: NamedNode,
    dos_polarity: NamedNode,
    dos_position: NamedNode,
    dos_position_class: NamedNode,
    dos_proposition: NamedNode,
    dos_status: NamedNode,
    dos_target: NamedNode,
    gaf_denoted_by: NamedNode,
    nif_anchor_of: NamedNode,
    nif_begin_index: NamedNode,
    nif_end_index: NamedNode,
    nif_is_string: NamedNode,
    nif_reference_context: NamedNode,
    nif_string: NamedNode,
    prov_was_derived_from: NamedNode,
    rdf_reifies: NamedNode,
    rdfs_label: NamedNode,
    sem_event: NamedNode,
    sem_event_type: NamedNode,
    sem_has_place: NamedNode,
    skos_alt_label: NamedNode,
    xsd_date: NamedNode,
    xsd_integer: NamedNode,
}

static TERMS: LazyLock<Terms> = LazyLock::new(|| Terms {
    rdf_type: node(vocab::RDF_TYPE),
    dct_date: node(format!("{DCT}date")),
    dct_issued: node(format!("{DCT}issued")),
    dct_publisher: node(format!("{DCT}publisher")),
    dct_title: node(format!("{DCT}title")),
    dos_about: node(format!("{DOS}about")),
    dos_actor: node(format!("{DOS}Actor")),
    dos_agent: node(format!("{DOS}agent")),
    dos_claim: node(format!("{DOS}Claim")),
    dos_claimant: node(format!("{DOS}claimant")),
    dos_content: node(format!("{DOS}content")),
    dos_content_hash: node(format!("{DOS}contentHash")),
    dos_date: node(format!("{DOS}date")),
    dos_date_precision: node(format!("{DOS}datePrecision")),
    dos_reported_on: node(format!("{DOS}reportedOn")),
    dos_document: node(format!("{DOS}Document")),
    dos_file_name: node(format!("{DOS}fileName")),
    dos_modality: node(format!("{DOS}modality")),
    dos_mode: node(format!("{DOS}mode")),
    dos_opposite: node(format!("{DOS}opposite")),
    dos_polarity: node(format!("{DOS}polarity")),
    dos_position: node(format!("{DOS}position")),
    dos_position_class: node(format!("{DOS}Position")),
    dos_proposition: node(format!("{DOS}proposition")),
    dos_status: node(format!("{DOS}status")),
    dos_target: node(format!("{DOS}target")),
    gaf_denoted_by: node(format!("{GAF}denotedBy")),
    nif_anchor_of: node(format!("{NIF}anchorOf")),
    nif_begin_index: node(format!("{NIF}beginIndex")),
    nif_end_index: node(format!("{NIF}endIndex")),
    nif_is_string: node(format!("{NIF}isString")),
    nif_reference_context: node(format!("{NIF}referenceContext")),
    nif_string: node(format!("{NIF}String")),
    prov_was_derived_from: node(format!("{PROV}wasDerivedFrom")),
    rdf_reifies: node(format!("{RDF}reifies")),
    rdfs_label: node(format!("{RDFS}label")),
    sem_event: node(format!("{SEM}Event")),
    sem_event_type: node(format!("{SEM}eventType")),
    sem_has_place: node(format!("{SEM}hasPlace")),
    skos_alt_label: node(format!("{SKOS}altLabel")),
    xsd_date: node(format!("{XSD}date")),
    xsd_integer: node(format!("{XSD}integer")),
});

/// Collects default-graph quads.
struct Out(Vec<Quad>);

impl Out {
    fn add(&mut self, subject: &NamedNode, predicate: NamedNode, object: impl Into<Term>) {
        self.0.push(Quad::new(subject.clone(), predicate, object, GraphName::DefaultGraph));
    }
}

/// Character offsets of byte offsets in a text (NIF counts Unicode scalar values).
struct CharIndex<'a> {
    text: &'a str,
    ascii: bool,
    /// The last offset asked for, as (byte, char): offsets mostly come in text order, so each
    /// count starts there rather than at the start of the text.
    last: std::cell::Cell<(usize, usize)>,
}

impl CharIndex<'_> {
    fn new(text: &str) -> CharIndex<'_> {
        CharIndex { text, ascii: text.is_ascii(), last: std::cell::Cell::new((0, 0)) }
    }

    fn of(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let (from_byte, from_char) = match self.last.get() {
            (b, c) if b <= byte => (b, c),
            _ => (0, 0),
        };
        let char = from_char + self.text[from_byte..byte].chars().count();
        self.last.set((byte, char));
        char
    }
}

/// The quads one document contributes: the document, its actors and mentions, its events and
/// claims (without the cross-document `dos:sourceCount`, see [`source_count_quad`]).
pub fn document_quads(document: &Document, findings: &Findings) -> Vec<Quad> {
    let graph = document_graph(document, findings);
    let mut quads = graph.statements;
    quads.extend(graph.definitions);
    quads
}

/// A document's quads in two parts: what defines its actors (types, labels, aliases), which many
/// documents repeat and a build writes once, and everything else, which is the document's own.
#[derive(Debug, Clone, Default)]
pub struct DocumentGraph {
    pub definitions: Vec<Quad>,
    pub statements: Vec<Quad>,
}

/// The quads of a document, split as [`DocumentGraph`] says.
pub fn document_graph(document: &Document, findings: &Findings) -> DocumentGraph {
    // Sized up front: an article has about 1,500 quads, and growing the vector copied them
    // again and again (an eighth of the mapping's time).
    let mut definitions = Out(Vec::with_capacity(4 * findings.actors.len()));
    let statements = 8
        + 6 * findings.mentions.len()
        + 18 * findings.events.len()
        + 20 * findings.claims.len()
        + findings.claims.iter().map(|c| c.about.len()).sum::<usize>();
    let mut out = Out(Vec::with_capacity(statements));
    let doc = node(vocab::document(document.id.short()));
    let chars = CharIndex::new(&document.text);
    let t = &*TERMS;

    out.add(&doc, t.rdf_type.clone(), t.dos_document.clone());
    out.add(&doc, t.dos_file_name.clone(), plain(document.file_name.clone()));
    out.add(&doc, t.dos_content_hash.clone(), plain(document.id.as_str()));
    // The NIF context string: every mention's offsets index it.
    out.add(&doc, t.nif_is_string.clone(), plain(document.text.clone()));
    if let Some(title) = &document.title {
        out.add(&doc, t.dct_title.clone(), plain(title.clone()));
    }
    if let Some(date) = document.published {
        out.add(&doc, t.dct_issued.clone(), Literal::new_typed_literal(date.to_string(), t.xsd_date.clone()));
    }
    if let Some(publisher) = &document.publisher {
        out.add(&doc, t.dct_publisher.clone(), plain(publisher.clone()));
    }

    // A span several findings point to (a sentence with two events, say) is described once.
    let mut described = std::collections::HashSet::new();
    let mut mention = |out: &mut Out, range: &Range<usize>| -> NamedNode {
        let (begin, end) = (chars.of(range.start), chars.of(range.end));
        let m = node(vocab::mention(doc.as_str(), begin, end));
        if !described.insert((begin, end)) {
            return m;
        }
        out.add(&m, t.rdf_type.clone(), t.nif_string.clone());
        out.add(&m, t.nif_reference_context.clone(), doc.clone());
        out.add(&m, t.nif_begin_index.clone(), Literal::new_typed_literal(begin.to_string(), t.xsd_integer.clone()));
        out.add(&m, t.nif_end_index.clone(), Literal::new_typed_literal(end.to_string(), t.xsd_integer.clone()));
        out.add(&m, t.nif_anchor_of.clone(), plain(&document.text[range.clone()]));
        m
    };

    for actor in findings.actors.values() {
        let a = node(actor.id.0.clone());
        if actor.kind.is_actor() {
            definitions.add(&a, t.rdf_type.clone(), t.dos_actor.clone());
        }
        definitions.add(&a, t.rdf_type.clone(), dos(actor.kind.class_name()));
        definitions.add(&a, t.rdfs_label.clone(), plain(actor.label.clone()));
        for alias in &actor.aliases {
            definitions.add(&a, t.skos_alt_label.clone(), plain(alias.clone()));
        }
    }
    for m in &findings.mentions {
        let span = mention(&mut out, &m.range);
        out.add(&node(m.actor.0.clone()), t.gaf_denoted_by.clone(), span.clone());
        if m.kind == MentionKind::Discovered {
            // Other spellings seen in the text ("Giustozzi") are aliases of a discovered actor.
            let text = &document.text[m.range.clone()];
            if text != findings.actor(&m.actor).label {
                definitions.add(&node(m.actor.0.clone()), t.skos_alt_label.clone(), plain(text));
            }
        }
    }

    for event in &findings.events {
        let e = node(resolve::event_iri(event));
        out.add(&e, t.rdf_type.clone(), t.sem_event.clone());
        out.add(&e, t.sem_event_type.clone(), dos(event.event_type.as_str()));
        let names = |ids: &[crate::extract::ActorId]| {
            ids.iter().map(|a| findings.actor(a).label.as_str()).collect::<Vec<_>>().join(", ")
        };
        let mut label = format!("{} {}", names(&event.agents), event.event_type);
        if !event.targets.is_empty() {
            label.push(' ');
            label.push_str(&names(&event.targets));
        }
        out.add(&e, t.rdfs_label.clone(), plain(label));
        if let Some(mode) = &event.mode {
            out.add(&e, t.dos_mode.clone(), plain(mode.clone()));
        }
        for agent in &event.agents {
            out.add(&e, t.dos_agent.clone(), node(agent.0.clone()));
        }
        for target in &event.targets {
            out.add(&e, t.dos_target.clone(), node(target.0.clone()));
        }
        if let Some(place) = &event.place {
            out.add(&e, t.sem_has_place.clone(), node(place.0.clone()));
        }
        if let Some(date) = event.date {
            out.add(&e, t.dos_date.clone(), Literal::new_typed_literal(date.date.to_string(), t.xsd_date.clone()));
            out.add(&e, t.dos_date_precision.clone(), plain(date.precision.as_str()));
        } else if let Some(published) = document.published {
            // Undated in the text: when it was reported.
            out.add(
                &e,
                t.dos_reported_on.clone(),
                Literal::new_typed_literal(published.to_string(), t.xsd_date.clone()),
            );
        }
        out.add(&e, t.dos_status.clone(), plain(event.status.as_str()));
        out.add(&e, t.prov_was_derived_from.clone(), doc.clone());
        let span = mention(&mut out, &event.evidence);
        out.add(&e, t.gaf_denoted_by.clone(), span);
    }

    for claim in &findings.claims {
        let c = node(resolve::claim_iri_in(claim, &document.text));
        out.add(&c, t.rdf_type.clone(), t.dos_claim.clone());
        out.add(&c, t.dos_claimant.clone(), node(claim.claimant.0.clone()));
        for about in &claim.about {
            out.add(&c, t.dos_about.clone(), node(about.0.clone()));
        }
        let content = &document.text[claim.content.clone()];
        out.add(&c, t.dos_content.clone(), plain(content));
        let proposition = resolve::proposition_iri(content);
        for position in resolve::positions_of(claim, &proposition) {
            // The position and its opposite, stated by every claim taking it (set semantics
            // keep one copy): what claims contradict this one is a lookup, and no statement
            // links two claims, so the graph grows with the claims, not with their pairs.
            let position = node(position);
            out.add(&c, t.dos_position.clone(), position.clone());
            out.add(&position, t.rdf_type.clone(), t.dos_position_class.clone());
            if let Some(opposite) = resolve::opposite_position(position.as_str()) {
                out.add(&position, t.dos_opposite.clone(), node(opposite));
            }
        }
        out.add(&c, t.dos_proposition.clone(), node(proposition));
        if let Some(date) = claim.date {
            out.add(&c, t.dct_date.clone(), Literal::new_typed_literal(date.date.to_string(), t.xsd_date.clone()));
        } else if let Some(published) = document.published {
            out.add(
                &c,
                t.dos_reported_on.clone(),
                Literal::new_typed_literal(published.to_string(), t.xsd_date.clone()),
            );
        }
        out.add(&c, t.dos_polarity.clone(), plain(claim.polarity.as_str()));
        out.add(&c, t.dos_modality.clone(), plain(claim.modality.clone()));
        out.add(&c, t.prov_was_derived_from.clone(), doc.clone());
        let span = mention(&mut out, &claim.evidence);
        out.add(&c, t.gaf_denoted_by.clone(), span);
        if let Some((agent, event_type, target)) = &claim.relation {
            let triple = Triple::new(node(agent.0.clone()), dos(event_type.relation_name()), node(target.0.clone()));
            out.add(&c, t.rdf_reifies.clone(), Term::from(triple));
        }
    }
    DocumentGraph { definitions: definitions.0, statements: out.0 }
}

/// The `dos:sourceCount` statement of an event or claim.
pub fn source_count_quad(item: &str, count: usize) -> Quad {
    Quad::new(node(item), dos("sourceCount"), typed(count.to_string(), "integer"), GraphName::DefaultGraph)
}

/// The mark of a document whose source counts a build has yet to update:
/// `<doc> a dos:PendingDocument` in the graph `id:graph/build`.
pub fn pending_quad(document: &str) -> Quad {
    Quad::new(node(document), node(vocab::RDF_TYPE), dos("PendingDocument"), node(vocab::build_graph()))
}

/// Whether a quad holds an RDF 1.2 triple term (JSON-LD cannot write those).
pub fn has_triple_term(quad: &Quad) -> bool {
    matches!(quad.object, Term::Triple(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_offsets_in_any_order() {
        let text = "“Kabul,” he said — Moscow’s envoy. Done.";
        let index = CharIndex::new(text);
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        for &byte in bytes.iter().chain(bytes.iter().rev()).chain(bytes.iter().step_by(3)) {
            assert_eq!(index.of(byte), text[..byte].chars().count(), "byte {byte}");
        }
    }
}
