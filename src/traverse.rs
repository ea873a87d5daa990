//! Typed reading of the graph: documents, actors, events and claims as plain structs, each with
//! its evidence (document, sentence).
//!
//! Names given by users are bound as SPARQL values, never spliced into query text.
//!
//! ```
//! use dossier::store::Store;
//! use dossier::traverse;
//!
//! let store = Store::memory()?;
//! assert!(traverse::find_actors(&store, "x\" } ; DROP ALL ; #")?.is_empty());
//! assert!(traverse::events(&store, None)?.is_empty());
//! assert!(traverse::evidence_spans(&store)?.is_empty());
//! # Ok::<(), dossier::store::StoreError>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::{Literal, NamedNode, Term};

use crate::analysis::{ActorNetwork, NetworkFilter};
use crate::lexicon::ActorKind;
use crate::store::{Store, StoreError};
use crate::vocab;
use petgraph::graph::NodeIndex;

/// A document of the store.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DocumentRecord {
    pub iri: String,
    pub file_name: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub publisher: Option<String>,
}

/// An actor or place of the store.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ActorRecord {
    pub iri: String,
    pub label: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    /// Number of mentions in the corpus.
    pub mentions: usize,
    /// Files it is mentioned in.
    pub documents: Vec<String>,
}

/// Where an event or claim is stated.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Evidence {
    pub file_name: String,
    pub sentence: String,
}

/// A participant of an event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Participant {
    pub iri: String,
    pub label: String,
}

/// An event with its participants and evidence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EventRecord {
    pub iri: String,
    pub event_type: String,
    pub mode: Option<String>,
    pub date: Option<String>,
    pub precision: Option<String>,
    /// For an event the text does not date: the earliest publication date of a document that
    /// reports it (`dos:reportedOn`).
    pub reported: Option<String>,
    pub status: String,
    pub sources: usize,
    pub agents: Vec<Participant>,
    pub targets: Vec<Participant>,
    pub place: Option<Participant>,
    /// Where it is stated: the first [`MAX_EVIDENCE`] by file name (`sources` counts them all).
    pub evidence: Vec<Evidence>,
}

/// A claim with its speaker and evidence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ClaimRecord {
    pub iri: String,
    pub claimant: Participant,
    pub content: String,
    /// The date the text gives it; the earliest when documents date it differently.
    pub date: Option<String>,
    /// For a claim the text does not date: the earliest publication date of a document that
    /// reports it (`dos:reportedOn`).
    pub reported: Option<String>,
    pub modality: String,
    pub polarity: String,
    pub sources: usize,
    pub about: Vec<Participant>,
    /// Where it is stated: the first [`MAX_EVIDENCE`] by file name (`sources` counts them all).
    pub evidence: Vec<Evidence>,
}

fn value(term: Option<&Term>) -> Option<String> {
    match term? {
        Term::NamedNode(n) => Some(n.as_str().to_string()),
        Term::Literal(l) => Some(l.value().to_string()),
        other => Some(other.to_string()),
    }
}

fn iri_term(iri: &str) -> Term {
    NamedNode::new_unchecked(iri).into()
}

/// Every document, by file name.
pub fn documents(store: &Store) -> Result<Vec<DocumentRecord>, StoreError> {
    let rows = store.select(
        "SELECT ?d ?file (MIN(?t) AS ?title) (MIN(?date) AS ?issued) (MIN(?p) AS ?publisher) WHERE {
           ?d a dos:Document ; dos:fileName ?file .
           OPTIONAL { ?d dct:title ?t } OPTIONAL { ?d dct:issued ?date } OPTIONAL { ?d dct:publisher ?p }
         } GROUP BY ?d ?file ORDER BY ?file ?d",
        &[],
    )?;
    Ok(rows
        .iter()
        .map(|r| DocumentRecord {
            iri: value(r.get("d")).unwrap_or_default(),
            file_name: value(r.get("file")).unwrap_or_default(),
            title: value(r.get("title")),
            published: value(r.get("issued")),
            publisher: value(r.get("publisher")),
        })
        .collect())
}

/// The first `limit` documents by file name.
pub fn first_documents(store: &Store, limit: usize) -> Result<Vec<DocumentRecord>, StoreError> {
    let rows = store.select(
        &format!("SELECT ?d WHERE {{ ?d a dos:Document ; dos:fileName ?file }} ORDER BY ?file ?d LIMIT {limit}"),
        &[],
    )?;
    let mut found = Vec::new();
    for row in rows {
        let Some(iri) = value(row.get("d")) else { continue };
        found.extend(document(store, &iri)?);
    }
    Ok(found)
}

/// The document with this IRI, if the store holds it.
///
/// ```
/// use dossier::store::Store;
///
/// let store = Store::memory()?;
/// store.update("INSERT DATA { <https://w3id.org/dossier/id/doc/1> dos:fileName \"a.txt\" }")?;
/// let found = dossier::traverse::document(&store, "https://w3id.org/dossier/id/doc/1")?.unwrap();
/// assert_eq!(found.file_name, "a.txt");
/// # Ok::<(), dossier::store::StoreError>(())
/// ```
pub fn document(store: &Store, iri: &str) -> Result<Option<DocumentRecord>, StoreError> {
    let details = store.select(
        "SELECT ?d ?file (MIN(?t) AS ?title) (MIN(?date) AS ?issued) (MIN(?p) AS ?publisher) WHERE {
           ?d dos:fileName ?file .
           OPTIONAL { ?d dct:title ?t } OPTIONAL { ?d dct:issued ?date } OPTIONAL { ?d dct:publisher ?p }
         } GROUP BY ?d ?file ORDER BY ?file",
        &[("d", iri_term(iri))],
    )?;
    Ok(details.first().map(|r| DocumentRecord {
        iri: iri.to_string(),
        file_name: value(r.get("file")).unwrap_or_default(),
        title: value(r.get("title")),
        published: value(r.get("issued")),
        publisher: value(r.get("publisher")),
    }))
}

/// The text of a document (its `nif:isString`), the string every mention offset indexes.
pub fn document_text(store: &Store, document: &str) -> Result<Option<String>, StoreError> {
    let rows = store.select("SELECT ?d ?text WHERE { ?d nif:isString ?text } LIMIT 1", &[("d", iri_term(document))])?;
    Ok(rows.first().and_then(|r| value(r.get("text"))))
}

/// A span of a document that states an event or a claim: its `gaf:denotedBy` mention.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct EvidenceSpan {
    /// The event or claim IRI.
    pub item: String,
    /// The document IRI.
    pub document: String,
    pub file_name: String,
    /// Start of the span in the document text, in characters (`nif:beginIndex`).
    pub begin: usize,
    /// End of the span, exclusive, in characters (`nif:endIndex`).
    pub end: usize,
}

/// The spans stating every event and claim, sorted by item, document and offsets.
pub fn evidence_spans(store: &Store) -> Result<Vec<EvidenceSpan>, StoreError> {
    let rows = store.select(
        "SELECT DISTINCT ?e ?d ?file ?begin ?end WHERE {
           { ?e a sem:Event } UNION { ?e a dos:Claim }
           ?e gaf:denotedBy ?m .
           ?m nif:referenceContext ?d ; nif:beginIndex ?begin ; nif:endIndex ?end .
           ?d dos:fileName ?file .
         }",
        &[],
    )?;
    let number = |term: Option<&Term>| value(term).and_then(|n| n.parse::<usize>().ok());
    let mut spans: Vec<EvidenceSpan> = rows
        .iter()
        .filter_map(|r| {
            Some(EvidenceSpan {
                item: value(r.get("e"))?,
                document: value(r.get("d"))?,
                file_name: value(r.get("file")).unwrap_or_default(),
                begin: number(r.get("begin"))?,
                end: number(r.get("end"))?,
            })
        })
        .collect();
    spans.sort();
    spans.dedup();
    Ok(spans)
}

/// The spans stating these events and claims, at most `per_item` each (the first in the order
/// of [`evidence_spans`], by document, then offsets, among the first [`EVIDENCE_READ`] mentions
/// of an item), sorted as it sorts them; read item by item, by index lookups, so the memory
/// follows `items`, not the store.
pub fn evidence_spans_of(store: &Store, items: &[String], per_item: usize) -> Result<Vec<EvidenceSpan>, StoreError> {
    // Index lookups from the item down, not a join: a query joining each mention to its
    // document's file name started from the file names, 110 ms an item at 100,000 documents.
    let mut files = FileNames::new(store);
    let mut spans = Vec::new();
    for item in items {
        let mut candidates: Vec<(String, usize, usize)> =
            mentions_read(store, item)?.into_iter().map(|(_, document, begin, end)| (document, begin, end)).collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut kept = 0;
        for (document, begin, end) in candidates {
            if kept == per_item {
                break;
            }
            // A span of a document without a file name is no evidence to cite.
            let Some(file_name) = files.of(&document)? else { continue };
            spans.push(EvidenceSpan { item: item.clone(), document, file_name, begin, end });
            kept += 1;
        }
    }
    spans.sort();
    Ok(spans)
}

/// Actors and places whose label or alias is `name` (case-insensitive).
pub fn find_actors(store: &Store, name: &str) -> Result<Vec<ActorRecord>, StoreError> {
    let rows = store.select(
        "SELECT DISTINCT ?a ?name WHERE {
           { ?a a dos:Actor } UNION { ?a a dos:Place }
           ?a rdfs:label|skos:altLabel ?n .
           FILTER(LCASE(STR(?n)) = LCASE(STR(?name)))
         } ORDER BY ?a",
        &[("name", Literal::new_simple_literal(name).into())],
    )?;
    rows.iter()
        .filter_map(|r| value(r.get("a")))
        .map(|iri| actor(store, &iri))
        .collect::<Result<Vec<_>, _>>()
        .map(|v| v.into_iter().flatten().collect())
}

/// The actor or place with this IRI.
pub fn actor(store: &Store, iri: &str) -> Result<Option<ActorRecord>, StoreError> {
    let bind = [("a", iri_term(iri))];
    let rows = store.select(
        "SELECT ?a ?label ?class WHERE { ?a rdfs:label ?label ; a ?class . FILTER(?class != dos:Actor && STRSTARTS(STR(?class), STR(dos:))) } ORDER BY ?label LIMIT 1",
        &bind,
    )?;
    let Some(row) = rows.first() else { return Ok(None) };
    let kind = value(row.get("class"))
        .and_then(|c| c.strip_prefix(vocab::DOS).and_then(ActorKind::from_class_name))
        .unwrap_or(ActorKind::Group);
    let aliases = store
        .select("SELECT ?a ?n WHERE { ?a skos:altLabel ?n } ORDER BY ?n", &bind)?
        .iter()
        .filter_map(|r| value(r.get("n")))
        .collect();
    let documents: Vec<String> = store
        .select("SELECT DISTINCT ?a ?file WHERE { ?a gaf:denotedBy ?m . ?m nif:referenceContext ?d . ?d dos:fileName ?file } ORDER BY ?file", &bind)?
        .iter()
        .filter_map(|r| value(r.get("file")))
        .collect();
    let mentions = store
        .select("SELECT ?a (COUNT(DISTINCT ?m) AS ?n) WHERE { ?a gaf:denotedBy ?m } GROUP BY ?a", &bind)?
        .first()
        .and_then(|r| value(r.get("n")))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    Ok(Some(ActorRecord {
        iri: iri.to_string(),
        label: value(row.get("label")).unwrap_or_default(),
        kind,
        aliases,
        mentions,
        documents,
    }))
}

/// Events, all of them or those an actor takes part in (as agent, target or place), ordered by
/// date (undated last), then type.
pub fn events(store: &Store, actor: Option<&str>) -> Result<Vec<EventRecord>, StoreError> {
    match actor {
        Some(actor) => events_selected(store, Selection::Actor(actor)),
        None => events_selected(store, Selection::All),
    }
}

/// The events with these IRIs, ordered as [`events`] orders them.
pub fn events_with_iris(store: &Store, iris: &[String]) -> Result<Vec<EventRecord>, StoreError> {
    if iris.is_empty() {
        return Ok(Vec::new());
    }
    events_selected(store, Selection::Items(iris))
}

/// Which events or claims a listing covers.
#[derive(Clone, Copy)]
enum Selection<'a> {
    All,
    /// Those an actor (IRI) takes part in.
    Actor(&'a str),
    /// Those with these IRIs.
    Items(&'a [String]),
}

impl Selection<'_> {
    /// The graph pattern that restricts `?e`, given the pattern for an actor's items; the
    /// bindings it needs; and the projection those bindings need.
    fn restriction(self, actor_pattern: &str) -> (String, Vec<(&'static str, Term)>, &'static str) {
        match self {
            Selection::All => (String::new(), Vec::new(), ""),
            Selection::Actor(actor) => (actor_pattern.to_string(), vec![("actor", iri_term(actor))], "?actor"),
            Selection::Items(iris) => {
                let values: Vec<String> = iris
                    .iter()
                    .map(|iri| NamedNode::new(iri.as_str()).map(|n| n.to_string()).unwrap_or_default())
                    .collect();
                (format!("VALUES ?e {{ {} }}", values.join(" ")), Vec::new(), "")
            }
        }
    }
}

fn events_selected(store: &Store, selection: Selection<'_>) -> Result<Vec<EventRecord>, StoreError> {
    let (filter, bindings, projection) = selection.restriction(
        "FILTER EXISTS { { ?e dos:agent ?actor } UNION { ?e dos:target ?actor } UNION { ?e sem:hasPlace ?actor } }",
    );
    let filter = filter.as_str();
    let base = format!(
        "SELECT ?e ?type ?date ?precision ?status ?mode ?sources (MIN(?on) AS ?reported) {projection} WHERE {{ {filter}
           ?e a sem:Event ; sem:eventType ?t ; dos:status ?status .
           BIND(STRAFTER(STR(?t), STR(dos:)) AS ?type)
           OPTIONAL {{ ?e dos:date ?date }} OPTIONAL {{ ?e dos:datePrecision ?precision }} OPTIONAL {{ ?e dos:mode ?mode }}
           OPTIONAL {{ ?e dos:sourceCount ?sources }} OPTIONAL {{ ?e dos:reportedOn ?on }}
         }} GROUP BY ?e ?type ?date ?precision ?status ?mode ?sources {projection}"
    );
    let mut records: BTreeMap<String, EventRecord> = BTreeMap::new();
    for row in store.select(&base, &bindings)? {
        let iri = value(row.get("e")).unwrap_or_default();
        records.entry(iri.clone()).or_insert_with(|| EventRecord {
            iri,
            event_type: value(row.get("type")).unwrap_or_default(),
            mode: value(row.get("mode")),
            date: value(row.get("date")),
            precision: value(row.get("precision")),
            reported: value(row.get("reported")),
            status: value(row.get("status")).unwrap_or_default(),
            sources: value(row.get("sources")).and_then(|n| n.parse().ok()).unwrap_or(1),
            agents: Vec::new(),
            targets: Vec::new(),
            place: None,
            evidence: Vec::new(),
        });
    }
    let participants = format!(
        "SELECT ?e ?role ?a ?name {projection} WHERE {{ {filter}
           ?e a sem:Event .
           {{ ?e dos:agent ?a BIND(\"agent\" AS ?role) }} UNION {{ ?e dos:target ?a BIND(\"target\" AS ?role) }} UNION {{ ?e sem:hasPlace ?a BIND(\"place\" AS ?role) }}
           ?a rdfs:label ?name .
         }}"
    );
    for row in store.select(&participants, &bindings)? {
        let Some(record) = records.get_mut(&value(row.get("e")).unwrap_or_default()) else { continue };
        let participant = Participant {
            iri: value(row.get("a")).unwrap_or_default(),
            label: value(row.get("name")).unwrap_or_default(),
        };
        let list = match value(row.get("role")).as_deref() {
            Some("agent") => &mut record.agents,
            Some("target") => &mut record.targets,
            _ => {
                record.place = record.place.take().or(Some(participant));
                continue;
            }
        };
        if !list.iter().any(|p| p.iri == participant.iri) {
            list.push(participant);
        }
    }
    add_evidence(store, "sem:Event", selection, filter, &bindings, |iri, evidence| {
        if let Some(record) = records.get_mut(iri) {
            record.evidence.push(evidence);
        }
    })?;
    let mut list: Vec<EventRecord> = records.into_values().collect();
    for record in &mut list {
        record.agents.sort();
        record.targets.sort();
        record.evidence.sort();
        record.evidence.dedup();
    }
    list.sort_by(|a, b| {
        (a.date.is_none(), &a.date, &a.event_type, &a.iri).cmp(&(b.date.is_none(), &b.date, &b.event_type, &b.iri))
    });
    Ok(list)
}

fn add_evidence(
    store: &Store,
    class: &str,
    selection: Selection<'_>,
    filter: &str,
    bindings: &[(&str, Term)],
    mut add: impl FnMut(&str, Evidence),
) -> Result<(), StoreError> {
    if let Selection::Items(items) = selection {
        for item in items {
            for evidence in evidence_of(store, item)? {
                add(item, evidence);
            }
        }
        return Ok(());
    }
    let projection = if bindings.is_empty() { "" } else { "?actor" };
    let query = format!(
        "SELECT ?e ?file ?sentence {projection} WHERE {{ {filter}
           ?e a {class} ; gaf:denotedBy ?m .
           ?m nif:anchorOf ?sentence ; nif:referenceContext ?d . ?d dos:fileName ?file .
         }}"
    );
    // The first few of each item, by file and sentence, held while the rows stream: an item that
    // thousands of documents report keeps MAX_EVIDENCE of them (its `sources` says how many).
    let mut kept: BTreeMap<String, std::collections::BTreeSet<Evidence>> = BTreeMap::new();
    store.select_each(&query, bindings, |row| {
        let evidence = Evidence {
            file_name: value(row.get("file")).unwrap_or_default(),
            sentence: value(row.get("sentence")).unwrap_or_default(),
        };
        let list = kept.entry(value(row.get("e")).unwrap_or_default()).or_default();
        if list.len() < MAX_EVIDENCE || list.last().is_some_and(|last| evidence < *last) {
            list.insert(evidence);
            if list.len() > MAX_EVIDENCE {
                list.pop_last();
            }
        }
    })?;
    for (item, list) in kept {
        for evidence in list {
            add(&item, evidence);
        }
    }
    Ok(())
}

/// How many evidence sentences an event or claim record carries at most: the first by file name.
pub const MAX_EVIDENCE: usize = 10;

/// How many of an item's mentions a lookup of its evidence reads ([`evidence_spans_of`], the
/// records of [`events_with_iris`] and [`claims_with_iris`]): the first in the store's index
/// order. A claim that 50,000 documents repeat has 50,000 mentions; reading them all, with each
/// one's document and file name, took seconds an item. Below this many mentions, nothing is
/// left out.
pub const EVIDENCE_READ: usize = 1_000;

/// The least value of `subject predicate ?o` (an IRI's text or a literal's lexical form), the one
/// a SPARQL `MIN` would give among strings.
fn least(store: &Store, subject: &str, predicate: &str) -> Result<Option<String>, StoreError> {
    Ok(store.objects(subject, predicate)?.iter().filter_map(|t| value(Some(t))).min())
}

/// The document and offsets of a mention, from its IRI (`{document}#char={begin},{end}`, as
/// [`crate::vocab::mention`] makes it) or, for a mention named otherwise, from its statements.
fn mention_place(store: &Store, mention: &str) -> Result<Option<(String, usize, usize)>, StoreError> {
    if let Some((document, offsets)) = mention.rsplit_once("#char=") {
        if let Some((begin, end)) = offsets.split_once(',') {
            if let (Ok(begin), Ok(end)) = (begin.parse(), end.parse()) {
                return Ok(Some((document.to_string(), begin, end)));
            }
        }
    }
    let stated = |local: &str| least(store, mention, &format!("{}{local}", crate::vocab::NIF));
    let number = |text: Option<String>| text.and_then(|t| t.parse::<usize>().ok());
    Ok(match (stated("referenceContext")?, number(stated("beginIndex")?), number(stated("endIndex")?)) {
        (Some(document), Some(begin), Some(end)) => Some((document, begin, end)),
        _ => None,
    })
}

/// The mentions of an item, at most [`EVIDENCE_READ`], with their documents and offsets.
fn mentions_read(store: &Store, item: &str) -> Result<Vec<(String, String, usize, usize)>, StoreError> {
    let mut found = Vec::new();
    for mention in store.objects_up_to(item, &format!("{}denotedBy", crate::vocab::GAF), EVIDENCE_READ)? {
        let Term::NamedNode(mention) = mention else { continue };
        if let Some((document, begin, end)) = mention_place(store, mention.as_str())? {
            found.push((mention.into_string(), document, begin, end));
        }
    }
    Ok(found)
}

/// A document's file name (the least, should it have several), read once per document.
struct FileNames<'a> {
    store: &'a Store,
    known: BTreeMap<String, Option<String>>,
}

impl<'a> FileNames<'a> {
    fn new(store: &'a Store) -> Self {
        FileNames { store, known: BTreeMap::new() }
    }

    fn of(&mut self, document: &str) -> Result<Option<String>, StoreError> {
        if let Some(name) = self.known.get(document) {
            return Ok(name.clone());
        }
        let name = least(self.store, document, &crate::vocab::dos("fileName"))?;
        self.known.insert(document.to_string(), name.clone());
        Ok(name)
    }
}

/// An item's evidence sentences, the first [`MAX_EVIDENCE`] by file name and sentence among the
/// mentions read ([`EVIDENCE_READ`]), by index lookups.
fn evidence_of(store: &Store, item: &str) -> Result<Vec<Evidence>, StoreError> {
    let mut files = FileNames::new(store);
    let mut named = Vec::new();
    for (mention, document, _, _) in mentions_read(store, item)? {
        if let Some(file_name) = files.of(&document)? {
            named.push((file_name, mention));
        }
    }
    named.sort_unstable();
    // Sentences only for the mentions that can still be among the first: those whose file name
    // is at most the MAX_EVIDENCE-th one.
    let Some(last_file) = named.get(MAX_EVIDENCE.min(named.len()).saturating_sub(1)).map(|(f, _)| f.clone()) else {
        return Ok(Vec::new());
    };
    let anchor = format!("{}anchorOf", crate::vocab::NIF);
    let mut evidence = std::collections::BTreeSet::new();
    for (file_name, mention) in named.into_iter().take_while(|(f, _)| *f <= last_file) {
        for sentence in store.objects(&mention, &anchor)?.iter().filter_map(|t| value(Some(t))) {
            evidence.insert(Evidence { file_name: file_name.clone(), sentence });
        }
    }
    Ok(evidence.into_iter().take(MAX_EVIDENCE).collect())
}

/// Claims, all of them or those an actor makes or is the subject of, ordered by date (undated
/// last), then speaker.
pub fn claims(store: &Store, actor: Option<&str>) -> Result<Vec<ClaimRecord>, StoreError> {
    match actor {
        Some(actor) => claims_selected(store, Selection::Actor(actor)),
        None => claims_selected(store, Selection::All),
    }
}

/// The claims with these IRIs, ordered as [`claims`] orders them.
pub fn claims_with_iris(store: &Store, iris: &[String]) -> Result<Vec<ClaimRecord>, StoreError> {
    if iris.is_empty() {
        return Ok(Vec::new());
    }
    claims_selected(store, Selection::Items(iris))
}

fn claims_selected(store: &Store, selection: Selection<'_>) -> Result<Vec<ClaimRecord>, StoreError> {
    let (filter, bindings, projection) =
        selection.restriction("FILTER EXISTS { { ?e dos:claimant ?actor } UNION { ?e dos:about ?actor } }");
    let filter = filter.as_str();
    let base = format!(
        "SELECT ?e ?speaker ?name ?content (MIN(?d) AS ?date) ?modality ?polarity ?sources (MIN(?on) AS ?reported) {projection} WHERE {{ {filter}
           ?e a dos:Claim ; dos:claimant ?speaker ; dos:content ?content ; dos:modality ?modality ; dos:polarity ?polarity .
           ?speaker rdfs:label ?name .
           OPTIONAL {{ ?e dct:date ?d }} OPTIONAL {{ ?e dos:sourceCount ?sources }} OPTIONAL {{ ?e dos:reportedOn ?on }}
         }} GROUP BY ?e ?speaker ?name ?content ?modality ?polarity ?sources {projection}"
    );
    let mut records: BTreeMap<String, ClaimRecord> = BTreeMap::new();
    for row in store.select(&base, &bindings)? {
        let iri = value(row.get("e")).unwrap_or_default();
        records.entry(iri.clone()).or_insert_with(|| ClaimRecord {
            iri,
            claimant: Participant {
                iri: value(row.get("speaker")).unwrap_or_default(),
                label: value(row.get("name")).unwrap_or_default(),
            },
            content: value(row.get("content")).unwrap_or_default(),
            date: value(row.get("date")),
            reported: value(row.get("reported")),
            modality: value(row.get("modality")).unwrap_or_default(),
            polarity: value(row.get("polarity")).unwrap_or_default(),
            sources: value(row.get("sources")).and_then(|n| n.parse().ok()).unwrap_or(1),
            about: Vec::new(),
            evidence: Vec::new(),
        });
    }
    let about = format!(
        "SELECT ?e ?a ?name {projection} WHERE {{ {filter} ?e a dos:Claim ; dos:about ?a . ?a rdfs:label ?name . }}"
    );
    for row in store.select(&about, &bindings)? {
        if let Some(record) = records.get_mut(&value(row.get("e")).unwrap_or_default()) {
            let participant = Participant {
                iri: value(row.get("a")).unwrap_or_default(),
                label: value(row.get("name")).unwrap_or_default(),
            };
            if !record.about.iter().any(|p| p.iri == participant.iri) {
                record.about.push(participant);
            }
        }
    }
    add_evidence(store, "dos:Claim", selection, filter, &bindings, |iri, evidence| {
        if let Some(record) = records.get_mut(iri) {
            record.evidence.push(evidence);
        }
    })?;
    let mut list: Vec<ClaimRecord> = records.into_values().collect();
    for record in &mut list {
        record.about.sort();
        record.evidence.sort();
        record.evidence.dedup();
    }
    list.sort_by(|a, b| {
        (a.date.is_none(), &a.date, &a.claimant.label, &a.content).cmp(&(
            b.date.is_none(),
            &b.date,
            &b.claimant.label,
            &b.content,
        ))
    });
    Ok(list)
}

/// The two kinds of items the graph states: events and claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemClass {
    Event,
    Claim,
}

/// The IRIs of the `limit` items of a class with the most sources that `filter` keeps
/// ([`NetworkFilter::keeps`], the network's own rule: a dated item is in a window when its whole
/// period is), the latest first among equals (an item with several dates by its latest kept
/// one), then by IRI.
///
/// The items stream through a bounded set: the memory is `limit` items whatever the store holds.
///
/// ```
/// use dossier::store::Store;
/// use dossier::analysis::NetworkFilter;
/// use dossier::traverse::{best_sourced, ItemClass};
///
/// let store = Store::memory()?;
/// store.update("INSERT DATA { dos:a a dos:Claim ; dos:sourceCount 2 . dos:b a dos:Claim ; dos:sourceCount 3 .
///                             dos:c a dos:Claim ; dos:sourceCount 1 }")?;
/// let best = best_sourced(&store, ItemClass::Claim, 2, &NetworkFilter::default())?;
/// assert_eq!(best, ["https://w3id.org/dossier/ontology#b", "https://w3id.org/dossier/ontology#a"]);
/// # Ok::<(), dossier::store::StoreError>(())
/// ```
pub fn best_sourced(
    store: &Store,
    class: ItemClass,
    limit: usize,
    filter: &NetworkFilter,
) -> Result<Vec<String>, StoreError> {
    let claims = class == ItemClass::Claim;
    // The index the build keeps answers the listing of everything at once.
    if filter.from.is_none() && filter.to.is_none() && filter.event_type.is_none() && filter.min_sources <= 1 {
        if let Some(best) = crate::links::best_sourced(store, claims, limit)? {
            return Ok(best);
        }
    }
    let keys = crate::links::rank_items(store, claims, limit, |kind, date, precision, sources| {
        filter.keeps(kind, date, precision, sources)
    })?;
    Ok(keys.into_iter().map(|key| key.2).collect())
}

/// Counts of the main kinds of things in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub documents: usize,
    pub actors: usize,
    pub places: usize,
    pub events: usize,
    pub claims: usize,
    /// The statements of the graph (every graph but the network's index), counted in a store
    /// of at most [`COUNTED_DOCUMENTS`] documents (a count is a scan of the store: 13 s for the
    /// 32 million statements of 20,000 generated articles).
    pub triples: Option<usize>,
}

/// The most documents of a store whose statements [`counts`] counts (about 1.6 million
/// statements of generated articles, under a second).
pub const COUNTED_DOCUMENTS: usize = 1000;

impl Counts {
    /// "1234 triples", or "triples not counted" in a larger store.
    ///
    /// ```
    /// use dossier::traverse::Counts;
    ///
    /// let counts = Counts { documents: 1, actors: 2, places: 0, events: 1, claims: 0, triples: Some(40) };
    /// assert_eq!(counts.triples_text(), "40 triples");
    /// ```
    pub fn triples_text(&self) -> String {
        match self.triples {
            Some(n) => format!("{n} triples"),
            None => "triples not counted".to_string(),
        }
    }
}

/// Counts documents, actors, places, events, claims and, in a store of at most
/// [`COUNTED_DOCUMENTS`] documents, statements.
pub fn counts(store: &Store) -> Result<Counts, StoreError> {
    let count = |class: &str| -> Result<usize, StoreError> {
        // A type statement is stored once per subject: COUNT(*) counts them while streaming,
        // where COUNT(DISTINCT) would hold every subject.
        let rows = store.select(&format!("SELECT (COUNT(*) AS ?n) WHERE {{ ?x a {class} }}"), &[])?;
        Ok(rows.first().and_then(|r| value(r.get("n"))).and_then(|n| n.parse().ok()).unwrap_or(0))
    };
    let documents = count("dos:Document")?;
    // Counted in SPARQL, which counts without decoding a term; the index is derived data.
    let triples = if documents <= COUNTED_DOCUMENTS {
        let rows = store.select(
            &format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{}>) }} }}",
                vocab::network_graph()
            ),
            &[],
        )?;
        rows.first().and_then(|r| value(r.get("n"))).and_then(|n| n.parse().ok())
    } else {
        None
    };
    Ok(Counts {
        documents,
        actors: count("dos:Actor")?,
        places: count("dos:Place")?,
        events: count("sem:Event")?,
        claims: count("dos:Claim")?,
        triples,
    })
}

/// A question on which one side (a speaker, or the state its officials speak for) took both
/// stands: the claims taking one position and those taking the opposite one
/// (`dos:position`, `dos:opposite`). Every claim of one side contradicts every claim of the
/// other; the graph stores the positions, never the pairs, whose number is the product of the
/// sides' sizes ([`Contradiction::pairs`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Contradiction {
    /// The two sides: the affirming or cooperative stand first.
    pub sides: [Side; 2],
}

/// One side of a [`Contradiction`]: a position and the claims taking it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Side {
    /// The position's IRI (`id:position/HASH/STAND`).
    pub position: String,
    /// Its stand: `affirmed`, `denied`, `cooperation` or `conflict`.
    pub stand: String,
    /// The claims taking it, ordered as [`claims`] orders them.
    pub claims: Vec<ClaimRecord>,
}

impl Contradiction {
    /// The question both sides answer: the positions' IRI without the stand.
    pub fn question(&self) -> &str {
        let position = &self.sides[0].position;
        position.rsplit_once('/').map_or(position.as_str(), |(question, _)| question)
    }

    /// The pairs of contradicting claims it makes: one claim of each side.
    pub fn pairs(&self) -> usize {
        self.sides[0].claims.len() * self.sides[1].claims.len()
    }

    /// The speakers who take both stands: each contradicts himself (shown as such, not as one
    /// speaker's contradiction of another), sorted by IRI.
    ///
    /// ```
    /// use dossier::{Dossier, corpus::{Document, Metadata}, traverse};
    ///
    /// let dossier = Dossier::in_memory()?;
    /// let texts = ["Russia said it would send troops to Tajikistan.", "Russia said it would not send troops to Tajikistan."];
    /// let boilerplate = &dossier.lexicon().boilerplate;
    /// let documents = texts.iter().enumerate().map(|(i, t)| Document::from_text(&format!("{i}.txt"), t.to_string(), Metadata::default(), boilerplate)).collect();
    /// dossier.add_documents(documents)?;
    /// let found = traverse::contradictions(dossier.store())?;
    /// assert_eq!(found[0].self_contradicting().iter().map(|p| p.label.as_str()).collect::<Vec<_>>(), ["Russia"]);
    /// # Ok::<(), dossier::Error>(())
    /// ```
    pub fn self_contradicting(&self) -> Vec<&Participant> {
        let first: BTreeMap<&str, &Participant> =
            self.sides[0].claims.iter().map(|c| (c.claimant.iri.as_str(), &c.claimant)).collect();
        let both: BTreeMap<&str, &Participant> = self.sides[1]
            .claims
            .iter()
            .filter_map(|c| first.get(c.claimant.iri.as_str()).map(|p| (c.claimant.iri.as_str(), *p)))
            .collect();
        both.into_values().collect()
    }
}

/// The questions on which one side took opposite positions, each with the claims of both
/// positions (see [`Contradiction`]), ordered by their earliest claim. One lookup of the
/// positions claims take and their opposites; the answer holds each contradicted claim once per
/// question it takes a stand on (at most two), so it grows with the claims, not their pairs.
///
/// ```
/// use dossier::{Dossier, corpus::{Document, Metadata}, traverse};
///
/// let dossier = Dossier::in_memory()?;
/// let texts = ["Russia said it would send troops to Tajikistan.", "Russia said it would not send troops to Tajikistan."];
/// let boilerplate = &dossier.lexicon().boilerplate;
/// let documents = texts.iter().enumerate().map(|(i, t)| Document::from_text(&format!("{i}.txt"), t.to_string(), Metadata::default(), boilerplate)).collect();
/// dossier.add_documents(documents)?;
/// let found = traverse::contradictions(dossier.store())?;
/// assert_eq!(found.len(), 1);
/// assert_eq!([found[0].sides[0].stand.as_str(), found[0].sides[1].stand.as_str()], ["affirmed", "denied"]);
/// assert_eq!(traverse::contradicting_pairs(&found), 1);
/// # Ok::<(), dossier::Error>(())
/// ```
pub fn contradictions(store: &Store) -> Result<Vec<Contradiction>, StoreError> {
    // Each position taken, with its opposite and the claims taking it.
    let mut by_position: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    store.select_each(
        "SELECT ?c ?p ?q WHERE { ?c a dos:Claim ; dos:position ?p . ?p dos:opposite ?q }",
        &[],
        |row| {
            let (Some(claim), Some(position), Some(opposite)) =
                (value(row.get("c")), value(row.get("p")), value(row.get("q")))
            else {
                return;
            };
            by_position.entry(position).or_insert_with(|| (opposite, Vec::new())).1.push(claim);
        },
    )?;
    contradictions_by_position(store, by_position)
}

/// The [`contradictions`] between claims of `claims` only (both sides among them): looked up
/// from each claim's positions, whatever the store holds besides.
///
/// ```
/// use dossier::{Dossier, corpus::{Document, Metadata}, traverse};
///
/// let dossier = Dossier::in_memory()?;
/// let texts = ["Russia said it would send troops to Tajikistan.", "Russia said it would not send troops to Tajikistan."];
/// let boilerplate = &dossier.lexicon().boilerplate;
/// let documents = texts.iter().enumerate().map(|(i, t)| Document::from_text(&format!("{i}.txt"), t.to_string(), Metadata::default(), boilerplate)).collect();
/// dossier.add_documents(documents)?;
/// let all = traverse::contradictions(dossier.store())?;
/// let claims: std::collections::BTreeSet<&str> = all[0].sides.iter().flat_map(|s| s.claims.iter().map(|c| c.iri.as_str())).collect();
/// assert_eq!(traverse::contradictions_among(dossier.store(), &claims)?, all);
/// let one: std::collections::BTreeSet<&str> = claims.iter().take(1).copied().collect();
/// assert!(traverse::contradictions_among(dossier.store(), &one)?.is_empty());
/// # Ok::<(), dossier::Error>(())
/// ```
pub fn contradictions_among(store: &Store, claims: &BTreeSet<&str>) -> Result<Vec<Contradiction>, StoreError> {
    let (position, opposite) = (vocab::dos("position"), vocab::dos("opposite"));
    let mut by_position: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for claim in claims {
        for taken in store.objects(claim, &position)? {
            let Term::NamedNode(taken) = taken else { continue };
            for other in store.objects(taken.as_str(), &opposite)? {
                let Term::NamedNode(other) = other else { continue };
                by_position
                    .entry(taken.as_str().to_string())
                    .or_insert_with(|| (other.into_string(), Vec::new()))
                    .1
                    .push(claim.to_string());
            }
        }
    }
    contradictions_by_position(store, by_position)
}

/// Two speakers (IRIs, in order) and how many pairs of their claims contradict each other.
pub type SpeakerPair = (String, String, usize);

/// How many claims of the speakers a picture draws [`speaker_pairs_up_to`] reads by default
/// (about 5 s): past it, a picture draws no contradiction and says so.
pub const PICTURE_CLAIMS: usize = 20_000;

/// The [`speaker_pairs`] of the contradictions between claims of `speakers` (IRIs; the
/// speakers a picture draws), or `None` when they have more than `max_claims` claims (counted
/// first, without reading them): looked up from each speaker's claims and their positions,
/// reading no claim's record, so the cost follows those speakers' claims, not the store.
///
/// ```
/// use dossier::{Dossier, corpus::{Document, Metadata}, traverse};
///
/// let dossier = Dossier::in_memory()?;
/// let texts = ["Russia said it would send troops to Tajikistan.", "Russia said it would not send troops to Tajikistan."];
/// let boilerplate = &dossier.lexicon().boilerplate;
/// let documents = texts.iter().enumerate().map(|(i, t)| Document::from_text(&format!("{i}.txt"), t.to_string(), Metadata::default(), boilerplate)).collect();
/// dossier.add_documents(documents)?;
/// let all = traverse::speaker_pairs(&traverse::contradictions(dossier.store())?);
/// let speakers: Vec<String> = all.iter().flat_map(|(a, b, _)| [a.clone(), b.clone()]).collect();
/// assert_eq!(traverse::speaker_pairs_up_to(dossier.store(), &speakers, 10)?, Some(all));
/// assert_eq!(traverse::speaker_pairs_up_to(dossier.store(), &speakers, 1)?, None, "two claims");
/// # Ok::<(), dossier::Error>(())
/// ```
pub fn speaker_pairs_up_to(
    store: &Store,
    speakers: &[String],
    max_claims: usize,
) -> Result<Option<Vec<SpeakerPair>>, StoreError> {
    let speakers: BTreeSet<&str> = speakers.iter().map(String::as_str).collect();
    if speakers.is_empty() {
        return Ok(Some(Vec::new()));
    }
    // IRIs of the store, written as terms (N-Triples syntax escapes what an IRI cannot hold).
    let values: Vec<String> = speakers.iter().map(|s| NamedNode::new_unchecked(*s).to_string()).collect();
    let rows = store.select(
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {} }} ?c dos:claimant ?a }}", values.join(" ")),
        &[],
    )?;
    let claims: usize = rows.first().and_then(|r| value(r.get("n"))).and_then(|n| n.parse().ok()).unwrap_or(0);
    if claims > max_claims {
        return Ok(None);
    }
    let (claimant, position, opposite) = (vocab::dos("claimant"), vocab::dos("position"), vocab::dos("opposite"));
    // Each position the speakers' claims take: its opposite, and how many claims of each speaker.
    let mut by_position: BTreeMap<String, (Option<String>, BTreeMap<&str, usize>)> = BTreeMap::new();
    for &speaker in &speakers {
        for claim in store.subjects(&claimant, &Term::NamedNode(NamedNode::new_unchecked(speaker)))? {
            for taken in store.objects(&claim, &position)? {
                let Term::NamedNode(taken) = taken else { continue };
                if !by_position.contains_key(taken.as_str()) {
                    let other = store.objects(taken.as_str(), &opposite)?.into_iter().find_map(|t| match t {
                        Term::NamedNode(n) => Some(n.into_string()),
                        _ => None,
                    });
                    by_position.insert(taken.as_str().to_string(), (other, BTreeMap::new()));
                }
                if let Some((_, claims)) = by_position.get_mut(taken.as_str()) {
                    *claims.entry(speaker).or_default() += 1;
                }
            }
        }
    }
    let mut pairs: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (taken, (other, a)) in &by_position {
        let Some(other) = other else { continue };
        // Each question once, from the position that leads.
        let Some((back, b)) = by_position.get(other) else { continue };
        if back.as_deref() != Some(taken.as_str()) || !leads(taken, other) {
            continue;
        }
        for (x, n) in a {
            for (y, m) in b {
                let key = if x <= y { (x.to_string(), y.to_string()) } else { (y.to_string(), x.to_string()) };
                *pairs.entry(key).or_default() += n * m;
            }
        }
    }
    Ok(Some(pairs.into_iter().map(|((a, b), n)| (a, b, n)).collect()))
}

/// The contradictions of claims grouped by the position they take (with its opposite).
fn contradictions_by_position(
    store: &Store,
    by_position: BTreeMap<String, (String, Vec<String>)>,
) -> Result<Vec<Contradiction>, StoreError> {
    let mut questions: Vec<[&str; 2]> = Vec::new();
    for (position, (opposite, _)) in &by_position {
        let Some((other, _)) = by_position.get(opposite) else { continue };
        // Each question once, from the position that leads.
        if other == position && leads(position, opposite) {
            questions.push([position.as_str(), opposite.as_str()]);
        }
    }
    let mut involved: Vec<String> =
        questions.iter().flatten().flat_map(|p| by_position[*p].1.iter().cloned()).collect();
    involved.sort_unstable();
    involved.dedup();
    let records = claims_with_iris(store, &involved)?;
    let rank: BTreeMap<&str, usize> = records.iter().enumerate().map(|(i, r)| (r.iri.as_str(), i)).collect();
    let mut found: Vec<(usize, Contradiction)> = questions
        .into_iter()
        .map(|question| {
            let side = |position: &str| {
                let mut claims: Vec<usize> =
                    by_position[position].1.iter().filter_map(|c| rank.get(c.as_str()).copied()).collect();
                claims.sort_unstable();
                claims.dedup();
                let stand = position.rsplit_once('/').map_or("", |(_, stand)| stand).to_string();
                (
                    claims.first().copied(),
                    Side {
                        position: position.to_string(),
                        stand,
                        claims: claims.into_iter().map(|i| records[i].clone()).collect(),
                    },
                )
            };
            let ((first_a, a), (first_b, b)) = (side(question[0]), side(question[1]));
            (first_a.min(first_b).unwrap_or(usize::MAX), Contradiction { sides: [a, b] })
        })
        .filter(|(_, c)| c.sides.iter().all(|s| !s.claims.is_empty()))
        .collect();
    found.sort_by(|(x, a), (y, b)| x.cmp(y).then_with(|| a.sides[0].position.cmp(&b.sides[0].position)));
    Ok(found.into_iter().map(|(_, c)| c).collect())
}

/// Whether `position` is the side of its question to list first: the affirming or cooperative
/// stand, or for other forms the smaller IRI.
pub(crate) fn leads(position: &str, opposite: &str) -> bool {
    let stand = |p: &str| p.rsplit_once('/').map_or("", |(_, stand)| stand).to_string();
    match (stand(position).as_str(), stand(opposite).as_str()) {
        ("affirmed" | "cooperation", _) => true,
        (_, "affirmed" | "cooperation") => false,
        _ => position < opposite,
    }
}

/// The number of distinct pairs of claims that contradict each other in `contradictions`: half
/// the sum of [`contradicted_counts`], computed from the sides, never by listing the pairs.
pub fn contradicting_pairs(contradictions: &[Contradiction]) -> usize {
    contradicted_counts(contradictions).values().sum::<usize>() / 2
}

/// How many distinct claims contradict each contradicted claim of `contradictions` (by IRI):
/// the sizes of the opposite sides of the questions it takes a stand on, less the claims on the
/// opposite side of both when it takes a stand on two (a proposition and a relation), counted
/// once. Linear in the claims of `contradictions`.
pub fn contradicted_counts(contradictions: &[Contradiction]) -> BTreeMap<String, usize> {
    let questions: Vec<[Vec<&str>; 2]> = contradictions
        .iter()
        .map(|c| c.sides.each_ref().map(|side| side.claims.iter().map(|claim| claim.iri.as_str()).collect()))
        .collect();
    count_contradicted(&questions).into_iter().map(|(claim, n)| (claim.to_string(), n)).collect()
}

/// [`contradicted_counts`] of questions given as the claim IRIs of their two sides (each claim
/// once per side).
pub(crate) fn count_contradicted<'a>(questions: &[[Vec<&'a str>; 2]]) -> BTreeMap<&'a str, usize> {
    // A claim takes at most two positions, so it is on a side of at most two questions.
    let mut sides_of: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for (q, sides) in questions.iter().enumerate() {
        for (s, claims) in sides.iter().enumerate() {
            for claim in claims {
                sides_of.entry(claim).or_default().push((q, s));
            }
        }
    }
    // For each two questions sharing claims, how many of those are on each pair of sides.
    let mut shared: BTreeMap<(usize, usize), [[usize; 2]; 2]> = BTreeMap::new();
    for sides in sides_of.values() {
        if let [(q1, s1), (q2, s2)] = sides[..] {
            shared.entry((q1, q2)).or_default()[s1][s2] += 1;
        }
    }
    let opposite = |q: usize, s: usize| questions[q][1 - s].len();
    sides_of
        .into_iter()
        .map(|(claim, sides)| {
            let count = match sides[..] {
                [(q1, s1), (q2, s2)] => opposite(q1, s1) + opposite(q2, s2) - shared[&(q1, q2)][1 - s1][1 - s2],
                _ => sides.iter().map(|&(q, s)| opposite(q, s)).sum(),
            };
            (claim, count)
        })
        .collect()
}

/// The claims that contradict the claim `claim` (an IRI), ordered as [`claims`] orders them:
/// those taking a position opposite to one it takes. One index lookup per position.
///
/// ```
/// use dossier::store::Store;
///
/// let store = Store::memory()?;
/// assert!(dossier::traverse::contradicting(&store, "https://w3id.org/dossier/id/claim/0000000000000000")?.is_empty());
/// # Ok::<(), dossier::store::StoreError>(())
/// ```
pub fn contradicting(store: &Store, claim: &str) -> Result<Vec<ClaimRecord>, StoreError> {
    let rows = store.select(
        // ?claim is projected: a bound value must be in scope to be substituted.
        "SELECT DISTINCT ?other ?claim WHERE { ?claim dos:position ?p . ?p dos:opposite ?q . ?other dos:position ?q }",
        &[("claim", iri_term(claim))],
    )?;
    let others: Vec<String> = rows.iter().filter_map(|row| value(row.get("other"))).collect();
    claims_with_iris(store, &others)
}

/// The pairs of speakers whose claims contradict each other, with how many pairs of their claims
/// do: each pair of speakers ordered by IRI, sorted.
pub fn speaker_pairs(contradictions: &[Contradiction]) -> Vec<(String, String, usize)> {
    let mut pairs: BTreeMap<(String, String), usize> = BTreeMap::new();
    for contradiction in contradictions {
        fn speakers(side: &Side) -> BTreeMap<&str, usize> {
            let mut claims: BTreeMap<&str, usize> = BTreeMap::new();
            for claim in &side.claims {
                *claims.entry(claim.claimant.iri.as_str()).or_default() += 1;
            }
            claims
        }
        let (a, b) = (speakers(&contradiction.sides[0]), speakers(&contradiction.sides[1]));
        for (x, n) in &a {
            for (y, m) in &b {
                let key = if x <= y { (x.to_string(), y.to_string()) } else { (y.to_string(), x.to_string()) };
                *pairs.entry(key).or_default() += n * m;
            }
        }
    }
    pairs.into_iter().map(|((a, b), n)| (a, b, n)).collect()
}

/// What links two neighbouring actors: the events and claims between them, both ways.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Hop {
    pub from: Participant,
    pub to: Participant,
    pub events: Vec<EventRecord>,
    pub claims: Vec<ClaimRecord>,
}

/// An actor near another, with how far it is and the hop that reaches it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Neighbour {
    pub actor: Participant,
    pub kind: ActorKind,
    pub distance: usize,
    /// The last hop of a shortest path from the starting actor.
    pub via: Hop,
}

/// The events and claims that link two actors of a network (in either direction, kept by the
/// network's filter), with their evidence: read from the two actors' items, so the cost follows
/// the link, not the store.
pub fn hop(store: &Store, network: &ActorNetwork, a: NodeIndex, b: NodeIndex) -> Result<Hop, StoreError> {
    let (from, to) = (&network.graph[a], &network.graph[b]);
    let filter = &network.filter;
    let bindings = [("a", iri_term(&from.iri)), ("b", iri_term(&to.iri))];
    let places = if filter.with_places { "true" } else { "false" };
    let mut event_iris = Vec::new();
    store.select_each(
        &format!(
            "SELECT DISTINCT ?e ?a ?b WHERE {{
               {{ ?e dos:agent ?a . {{ ?e dos:target ?b }} UNION {{ ?e sem:hasPlace ?b FILTER({places}) }} }}
               UNION {{ ?e dos:agent ?b . {{ ?e dos:target ?a }} UNION {{ ?e sem:hasPlace ?a FILTER({places}) }} }}
               ?e a sem:Event .
             }}"
        ),
        &bindings,
        |row| event_iris.extend(value(row.get("e"))),
    )?;
    let mut claim_iris = Vec::new();
    if filter.event_type.is_none() {
        store.select_each(
            "SELECT DISTINCT ?e ?a ?b WHERE {
               { ?e dos:claimant ?a ; dos:about ?b } UNION { ?e dos:claimant ?b ; dos:about ?a }
               ?e a dos:Claim .
             }",
            &bindings,
            |row| claim_iris.extend(value(row.get("e"))),
        )?;
    }
    let events = events_with_iris(store, &event_iris)?
        .into_iter()
        .filter(|e| filter.keeps(&e.event_type, e.date.as_deref(), e.precision.as_deref(), e.sources))
        .collect();
    let claims = claims_with_iris(store, &claim_iris)?
        .into_iter()
        .filter(|c| filter.keeps("claim", c.date.as_deref(), None, c.sources))
        .collect();
    let participant =
        |n: NodeIndex| Participant { iri: network.graph[n].iri.clone(), label: network.graph[n].label.clone() };
    Ok(Hop { from: participant(a), to: participant(b), events, claims })
}

/// The hops of a path of nodes.
pub fn hops(store: &Store, network: &ActorNetwork, path: &[NodeIndex]) -> Result<Vec<Hop>, StoreError> {
    path.windows(2).map(|pair| hop(store, network, pair[0], pair[1])).collect()
}

/// An actor of the graph, to walk from.
///
/// ```
/// use dossier::Dossier;
///
/// let dossier = Dossier::in_memory()?;
/// assert!(dossier.actor("Taliban")?.is_none());
/// # Ok::<(), dossier::Error>(())
/// ```
pub struct ActorView<'s> {
    store: &'s Store,
    pub record: ActorRecord,
}

impl<'s> ActorView<'s> {
    /// The actor named `name` (label or alias, case-insensitive); the most mentioned when several
    /// carry the name.
    pub fn find(store: &'s Store, name: &str) -> Result<Option<ActorView<'s>>, StoreError> {
        let mut found = find_actors(store, name)?;
        found.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.iri.cmp(&b.iri)));
        Ok(found.into_iter().next().map(|record| ActorView { store, record }))
    }

    /// Its events (as agent, target or place), dated ones first, with their evidence.
    pub fn events(&self) -> Result<Vec<EventRecord>, StoreError> {
        events(self.store, Some(&self.record.iri))
    }

    /// Its claims, made or about it, with their evidence.
    pub fn claims(&self) -> Result<Vec<ClaimRecord>, StoreError> {
        claims(self.store, Some(&self.record.iri))
    }

    /// The actors within `depth` hops in the actor network, nearest first, each with the hop
    /// that reaches it.
    pub fn neighbours(&self, depth: usize) -> Result<Vec<Neighbour>, crate::analysis::AnalysisError> {
        let network = ActorNetwork::from_store(self.store)?;
        let Some(start) = network.node(&self.record.iri) else { return Ok(Vec::new()) };
        let mut found = Vec::new();
        for (node, distance) in network.neighbourhood(start, depth) {
            let path = network.shortest_path(start, node).unwrap_or_default();
            let via = match path.len() {
                0 | 1 => continue,
                n => hop(self.store, &network, path[n - 2], path[n - 1])?,
            };
            let actor = &network.graph[node];
            found.push(Neighbour {
                actor: Participant { iri: actor.iri.clone(), label: actor.label.clone() },
                kind: actor.kind,
                distance,
                via,
            });
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mention_is_placed_by_its_iri_or_by_its_statements() {
        let store = Store::memory().unwrap();
        let document = "https://w3id.org/dossier/id/doc/abc";
        assert_eq!(
            mention_place(&store, &crate::vocab::mention(document, 12, 40)).unwrap(),
            Some((document.to_string(), 12, 40))
        );
        store
            .update(&format!(
                "INSERT DATA {{ <https://example.org/m> nif:referenceContext <{document}> ; nif:beginIndex 3 ; nif:endIndex 9 }}"
            ))
            .unwrap();
        assert_eq!(mention_place(&store, "https://example.org/m").unwrap(), Some((document.to_string(), 3, 9)));
        assert_eq!(mention_place(&store, "https://example.org/m#char=x,1").unwrap(), None, "neither parsed nor stated");
    }

    #[test]
    fn evidence_by_lookup_is_the_first_by_file_name_and_sentence() {
        let store = Store::memory().unwrap();
        let mut data = String::new();
        for (n, file) in ["c.txt", "a.txt", "b.txt"].iter().enumerate() {
            let document = format!("https://w3id.org/dossier/id/doc/{n}");
            let mention = crate::vocab::mention(&document, 0, 10);
            data.push_str(&format!(
                "<{document}> dos:fileName \"{file}\" . <https://example.org/e> gaf:denotedBy <{mention}> . \
                 <{mention}> nif:anchorOf \"Sentence {n}.\" ; nif:referenceContext <{document}> .\n"
            ));
        }
        // A mention in a document without a file name is no evidence.
        data.push_str(
            "<https://example.org/e> gaf:denotedBy <https://w3id.org/dossier/id/doc/9#char=0,5> . \
             <https://w3id.org/dossier/id/doc/9#char=0,5> nif:anchorOf \"Unnamed.\" .\n",
        );
        store.update(&format!("INSERT DATA {{ {data} }}")).unwrap();
        let found = evidence_of(&store, "https://example.org/e").unwrap();
        let files: Vec<&str> = found.iter().map(|e| e.file_name.as_str()).collect();
        assert_eq!(files, ["a.txt", "b.txt", "c.txt"]);
        assert_eq!(found[0].sentence, "Sentence 1.");
        let spans = evidence_spans_of(&store, &["https://example.org/e".to_string()], 2).unwrap();
        let files: Vec<&str> = spans.iter().map(|s| s.file_name.as_str()).collect();
        assert_eq!(files, ["c.txt", "a.txt"], "the first by document IRI, then offsets");
    }
}
