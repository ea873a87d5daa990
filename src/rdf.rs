//! Mapping findings to RDF, following `ontology/dossier.ttl` and the contract.
//!
//! Everything goes to the default graph (set semantics merge what several documents say about
//! the same actor or event); analysis results go to the named graph `id:graph/analysis`.
//! Offsets become `nif:beginIndex`/`nif:endIndex` in Unicode characters; mentions are
//! `id:doc/<hash>#char=b,e` nodes, so every statement leads back to a document and a span.
//!
//! ```
//! use dossier::{corpus::Document, extract::extract, lexicon::Lexicon, rdf};
//!
//! let lexicon = Lexicon::builtin()?;
//! let doc = Document::from_text("a.txt", "Taliban representatives visited Moscow.".into(), Default::default(), &lexicon.boilerplate);
//! let quads = rdf::document_quads(&doc, &extract(&doc, &lexicon));
//! assert!(quads.iter().any(|q| q.predicate.as_str() == "http://semanticweb.cs.vu.nl/2009/11/sem/eventType"));
//! # Ok::<(), dossier::lexicon::LexiconError>(())
//! ```

use std::ops::Range;

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
}

impl CharIndex<'_> {
    fn of(&self, byte: usize) -> usize {
        if self.ascii {
            byte
        } else {
            self.text[..byte].chars().count()
        }
    }
}

/// The quads one document contributes: the document, its actors and mentions, its events and
/// claims (without the cross-document `dos:sourceCount`, see [`source_count_quad`]).
pub fn document_quads(document: &Document, findings: &Findings) -> Vec<Quad> {
    let graph = document_graph(document, findings);
    let mut quads = graph.definitions;
    quads.extend(graph.statements);
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
    let mut definitions = Out(Vec::new());
    let mut out = Out(Vec::new());
    let doc = node(vocab::document(document.id.short()));
    let chars = CharIndex { text: &document.text, ascii: document.text.is_ascii() };
    let rdf_type = || node(vocab::RDF_TYPE);

    out.add(&doc, rdf_type(), dos("Document"));
    out.add(&doc, dos("fileName"), plain(document.file_name.clone()));
    out.add(&doc, dos("contentHash"), plain(document.id.as_str()));
    // The NIF context string: every mention's offsets index it.
    out.add(&doc, node(format!("{NIF}isString")), plain(document.text.clone()));
    if let Some(title) = &document.title {
        out.add(&doc, node(format!("{DCT}title")), plain(title.clone()));
    }
    if let Some(date) = document.published {
        out.add(&doc, node(format!("{DCT}issued")), typed(date.to_string(), "date"));
    }
    if let Some(publisher) = &document.publisher {
        out.add(&doc, node(format!("{DCT}publisher")), plain(publisher.clone()));
    }

    // A span several findings point to (a sentence with two events, say) is described once.
    let mut described = std::collections::HashSet::new();
    let mut mention = |out: &mut Out, range: &Range<usize>| -> NamedNode {
        let (begin, end) = (chars.of(range.start), chars.of(range.end));
        let m = node(vocab::mention(doc.as_str(), begin, end));
        if !described.insert((begin, end)) {
            return m;
        }
        out.add(&m, rdf_type(), node(format!("{NIF}String")));
        out.add(&m, node(format!("{NIF}referenceContext")), doc.clone());
        out.add(&m, node(format!("{NIF}beginIndex")), typed(begin.to_string(), "integer"));
        out.add(&m, node(format!("{NIF}endIndex")), typed(end.to_string(), "integer"));
        out.add(&m, node(format!("{NIF}anchorOf")), plain(&document.text[range.clone()]));
        m
    };

    for actor in findings.actors.values() {
        let a = node(actor.id.0.clone());
        if actor.kind.is_actor() {
            definitions.add(&a, rdf_type(), dos("Actor"));
        }
        definitions.add(&a, rdf_type(), dos(actor.kind.class_name()));
        definitions.add(&a, node(format!("{RDFS}label")), plain(actor.label.clone()));
        for alias in &actor.aliases {
            definitions.add(&a, node(format!("{SKOS}altLabel")), plain(alias.clone()));
        }
    }
    for m in &findings.mentions {
        let span = mention(&mut out, &m.range);
        out.add(&node(m.actor.0.clone()), node(format!("{GAF}denotedBy")), span.clone());
        if m.kind == MentionKind::Discovered {
            // Other spellings seen in the text ("Giustozzi") are aliases of a discovered actor.
            let text = &document.text[m.range.clone()];
            if text != findings.actor(&m.actor).label {
                definitions.add(&node(m.actor.0.clone()), node(format!("{SKOS}altLabel")), plain(text));
            }
        }
    }

    for event in &findings.events {
        let e = node(resolve::event_iri(event));
        out.add(&e, rdf_type(), node(format!("{SEM}Event")));
        out.add(&e, node(format!("{SEM}eventType")), dos(event.event_type.as_str()));
        let names = |ids: &[crate::extract::ActorId]| {
            ids.iter().map(|a| findings.actor(a).label.as_str()).collect::<Vec<_>>().join(", ")
        };
        let mut label = format!("{} {}", names(&event.agents), event.event_type);
        if !event.targets.is_empty() {
            label.push(' ');
            label.push_str(&names(&event.targets));
        }
        out.add(&e, node(format!("{RDFS}label")), plain(label));
        if let Some(mode) = &event.mode {
            out.add(&e, dos("mode"), plain(mode.clone()));
        }
        for agent in &event.agents {
            out.add(&e, dos("agent"), node(agent.0.clone()));
        }
        for target in &event.targets {
            out.add(&e, dos("target"), node(target.0.clone()));
        }
        if let Some(place) = &event.place {
            out.add(&e, node(format!("{SEM}hasPlace")), node(place.0.clone()));
        }
        if let Some(date) = event.date {
            out.add(&e, dos("date"), typed(date.date.to_string(), "date"));
            out.add(&e, dos("datePrecision"), plain(date.precision.as_str()));
        }
        out.add(&e, dos("status"), plain(event.status.as_str()));
        out.add(&e, node(format!("{PROV}wasDerivedFrom")), doc.clone());
        let span = mention(&mut out, &event.evidence);
        out.add(&e, node(format!("{GAF}denotedBy")), span);
    }

    for claim in &findings.claims {
        let c = node(resolve::claim_iri_in(claim, &document.text));
        out.add(&c, rdf_type(), dos("Claim"));
        out.add(&c, dos("claimant"), node(claim.claimant.0.clone()));
        for about in &claim.about {
            out.add(&c, dos("about"), node(about.0.clone()));
        }
        let content = &document.text[claim.content.clone()];
        out.add(&c, dos("content"), plain(content));
        let proposition = resolve::proposition_iri(content);
        for position in resolve::positions_of(claim, &proposition) {
            out.add(&c, dos("position"), node(position));
        }
        out.add(&c, dos("proposition"), node(proposition));
        if let Some(date) = claim.date {
            out.add(&c, node(format!("{DCT}date")), typed(date.date.to_string(), "date"));
        }
        out.add(&c, dos("polarity"), plain(claim.polarity.as_str()));
        out.add(&c, dos("modality"), plain(claim.modality.clone()));
        out.add(&c, node(format!("{PROV}wasDerivedFrom")), doc.clone());
        let span = mention(&mut out, &claim.evidence);
        out.add(&c, node(format!("{GAF}denotedBy")), span);
        if let Some((agent, event_type, target)) = &claim.relation {
            let triple = Triple::new(node(agent.0.clone()), dos(event_type.relation_name()), node(target.0.clone()));
            out.add(&c, node(format!("{RDF}reifies")), Term::from(triple));
        }
    }
    DocumentGraph { definitions: definitions.0, statements: out.0 }
}

/// The `dos:sourceCount` statement of an event or claim.
pub fn source_count_quad(item: &str, count: usize) -> Quad {
    Quad::new(node(item), dos("sourceCount"), typed(count.to_string(), "integer"), GraphName::DefaultGraph)
}

/// The statements recording a ranking in the graph `id:graph/analysis`: one `dos:AnalysisResult`
/// per actor with `dos:forActor`, `dos:metric`, `dos:score`, `dos:rank`, `dos:parameters` and the
/// time window (`dos:windowStart`, `dos:windowEnd`) when there is one. The result IRIs are minted
/// from metric, parameters, window and actor, so writing the same ranking twice changes nothing.
pub fn analysis_quads(
    rankings: &[crate::analysis::Ranking],
    metric: &str,
    parameters: &str,
    window: (Option<jiff::civil::Date>, Option<jiff::civil::Date>),
) -> Vec<Quad> {
    let graph = GraphName::NamedNode(node(vocab::analysis_graph()));
    let (start, end) =
        (window.0.map(|d| d.to_string()).unwrap_or_default(), window.1.map(|d| d.to_string()).unwrap_or_default());
    let mut quads = Vec::new();
    for ranking in rankings {
        let result = node(vocab::hashed("analysis", &[metric, parameters, &start, &end, &ranking.iri]));
        let mut add = |predicate: NamedNode, object: Term| {
            quads.push(Quad::new(result.clone(), predicate, object, graph.clone()))
        };
        add(node(vocab::RDF_TYPE), dos("AnalysisResult").into());
        add(dos("forActor"), node(ranking.iri.clone()).into());
        add(dos("metric"), plain(metric));
        add(dos("score"), typed(format!("{:e}", ranking.score), "double"));
        add(dos("rank"), typed(ranking.rank.to_string(), "integer"));
        add(dos("parameters"), plain(parameters));
        if let Some(start) = window.0 {
            add(dos("windowStart"), typed(start.to_string(), "date"));
        }
        if let Some(end) = window.1 {
            add(dos("windowEnd"), typed(end.to_string(), "date"));
        }
    }
    quads
}

/// The mark of a document whose source counts a build has yet to update:
/// `<doc> a dos:PendingDocument` in the graph `id:graph/build`.
pub fn pending_quad(document: &str) -> Quad {
    Quad::new(node(document), node(vocab::RDF_TYPE), dos("PendingDocument"), node(vocab::build_graph()))
}

/// `a dos:contradicts b`.
pub fn contradiction_quad(a: &str, b: &str) -> Quad {
    Quad::new(node(a), dos("contradicts"), node(b), GraphName::DefaultGraph)
}

/// Whether a quad holds an RDF 1.2 triple term (JSON-LD cannot write those).
pub fn has_triple_term(quad: &Quad) -> bool {
    matches!(quad.object, Term::Triple(_))
}
