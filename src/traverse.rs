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

use std::collections::BTreeMap;

use oxigraph::model::{Literal, NamedNode, Term};

use crate::analysis::ActorNetwork;
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
    pub evidence: Vec<Evidence>,
}

/// A claim with its speaker and evidence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ClaimRecord {
    pub iri: String,
    pub claimant: Participant,
    pub content: String,
    pub date: Option<String>,
    /// For a claim the text does not date: the earliest publication date of a document that
    /// reports it (`dos:reportedOn`).
    pub reported: Option<String>,
    pub modality: String,
    pub polarity: String,
    pub sources: usize,
    pub about: Vec<Participant>,
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
        let details = store.select(
            "SELECT ?d ?file (MIN(?t) AS ?title) (MIN(?date) AS ?issued) (MIN(?p) AS ?publisher) WHERE {
               ?d dos:fileName ?file .
               OPTIONAL { ?d dct:title ?t } OPTIONAL { ?d dct:issued ?date } OPTIONAL { ?d dct:publisher ?p }
             } GROUP BY ?d ?file ORDER BY ?file",
            &[("d", iri_term(&iri))],
        )?;
        if let Some(r) = details.first() {
            found.push(DocumentRecord {
                iri,
                file_name: value(r.get("file")).unwrap_or_default(),
                title: value(r.get("title")),
                published: value(r.get("issued")),
                publisher: value(r.get("publisher")),
            });
        }
    }
    Ok(found)
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
    add_evidence(store, "sem:Event", filter, &bindings, |iri, evidence| {
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
    filter: &str,
    bindings: &[(&str, Term)],
    mut add: impl FnMut(&str, Evidence),
) -> Result<(), StoreError> {
    let projection = if bindings.is_empty() { "" } else { "?actor" };
    let query = format!(
        "SELECT ?e ?file ?sentence {projection} WHERE {{ {filter}
           ?e a {class} ; gaf:denotedBy ?m .
           ?m nif:anchorOf ?sentence ; nif:referenceContext ?d . ?d dos:fileName ?file .
         }}"
    );
    for row in store.select(&query, bindings)? {
        let evidence = Evidence {
            file_name: value(row.get("file")).unwrap_or_default(),
            sentence: value(row.get("sentence")).unwrap_or_default(),
        };
        add(&value(row.get("e")).unwrap_or_default(), evidence);
    }
    Ok(())
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
        "SELECT ?e ?speaker ?name ?content ?date ?modality ?polarity ?sources (MIN(?on) AS ?reported) {projection} WHERE {{ {filter}
           ?e a dos:Claim ; dos:claimant ?speaker ; dos:content ?content ; dos:modality ?modality ; dos:polarity ?polarity .
           ?speaker rdfs:label ?name .
           OPTIONAL {{ ?e dct:date ?date }} OPTIONAL {{ ?e dos:sourceCount ?sources }} OPTIONAL {{ ?e dos:reportedOn ?on }}
         }} GROUP BY ?e ?speaker ?name ?content ?date ?modality ?polarity ?sources {projection}"
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
    add_evidence(store, "dos:Claim", filter, &bindings, |iri, evidence| {
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

/// Counts of the main kinds of things in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub documents: usize,
    pub actors: usize,
    pub places: usize,
    pub events: usize,
    pub claims: usize,
    pub triples: usize,
}

/// Counts documents, actors, places, events, claims and quads.
pub fn counts(store: &Store) -> Result<Counts, StoreError> {
    let count = |class: &str| -> Result<usize, StoreError> {
        let rows = store.select(&format!("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {class} }}"), &[])?;
        Ok(rows.first().and_then(|r| value(r.get("n"))).and_then(|n| n.parse().ok()).unwrap_or(0))
    };
    Ok(Counts {
        documents: count("dos:Document")?,
        actors: count("dos:Actor")?,
        places: count("dos:Place")?,
        events: count("sem:Event")?,
        claims: count("dos:Claim")?,
        triples: store.len()?,
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
    for row in store.select("SELECT ?c ?p ?q WHERE { ?c a dos:Claim ; dos:position ?p . ?p dos:opposite ?q }", &[])? {
        let (Some(claim), Some(position), Some(opposite)) =
            (value(row.get("c")), value(row.get("p")), value(row.get("q")))
        else {
            continue;
        };
        by_position.entry(position).or_insert_with(|| (opposite, Vec::new())).1.push(claim);
    }
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

/// The events and claims that link two actors of a network, with their evidence.
pub fn hop(store: &Store, network: &ActorNetwork, a: NodeIndex, b: NodeIndex) -> Result<Hop, StoreError> {
    let items: std::collections::BTreeSet<&String> =
        network.links_between(a, b).into_iter().flat_map(|(_, _, link)| link.items.iter()).collect();
    let from = &network.graph[a];
    let events = events(store, Some(&from.iri))?.into_iter().filter(|e| items.contains(&e.iri)).collect();
    let claims = claims(store, Some(&from.iri))?.into_iter().filter(|c| items.contains(&c.iri)).collect();
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
