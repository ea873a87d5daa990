//! Integrity checks of a stored graph (`dossier check`): what it holds, and anything broken.
//!
//! A graph is sound when every reference resolves (mentions to documents, events and claims to
//! documents and actors, analysis results to actors), every document is whole (file name, hash,
//! text), every mention's offsets slice its document's text to its anchor, every source count
//! equals the number of documents recorded as sources, and every position a claim takes states
//! its opposite (so the claims contradicting a claim are found by lookup) while no pair of claims
//! is stored (`dos:contradicts`, which builds before issue 26 wrote). Builds write a
//! batch of documents in one transaction, so even a build killed mid-way leaves a sound graph.
//!
//! ```
//! use dossier::check::check;
//! use dossier::store::Store;
//!
//! let report = check(&Store::memory()?)?;
//! assert!(report.problems.is_empty());
//! assert_eq!(report.documents, 0);
//! # Ok::<(), dossier::store::StoreError>(())
//! ```

use oxigraph::model::Term;

use crate::store::{Store, StoreError};

/// What a check found.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct CheckReport {
    pub quads: usize,
    pub documents: usize,
    pub actors: usize,
    pub places: usize,
    pub events: usize,
    pub claims: usize,
    pub mentions: usize,
    /// Positions claims take (`dos:Position`).
    pub positions: usize,
    /// Questions on which one side took both stands (see
    /// [`traverse::contradictions`](crate::traverse::contradictions)).
    pub contradictions: usize,
    /// Distinct pairs of claims that contradict each other on those questions.
    pub contradicting_pairs: usize,
    /// Documents an interrupted build left marked `dos:PendingDocument`: the source counts of
    /// what they report are not checked, and the next build completes them.
    pub pending: usize,
    /// One line per problem, with the IRIs involved.
    pub problems: Vec<String>,
}

impl CheckReport {
    /// Whether the store is sound: no problem found.
    pub fn sound(&self) -> bool {
        self.problems.is_empty()
    }

    /// Writes the report as `dossier check` prints it: the counts, the contradictions, pending
    /// documents, then "ok" or each problem on its own line.
    ///
    /// ```
    /// let mut out = Vec::new();
    /// dossier::check::CheckReport::default().write_text(&mut out)?;
    /// assert!(String::from_utf8(out).unwrap().contains("\nok: every index reads back"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn write_text(&self, mut out: impl std::io::Write) -> std::io::Result<()> {
        writeln!(
            out,
            "{} quads: {} documents, {} actors, {} places, {} events, {} claims, {} mentions",
            self.quads, self.documents, self.actors, self.places, self.events, self.claims, self.mentions
        )?;
        writeln!(
            out,
            "{} positions taken; {} contradicting pairs of claims on {} (one side taking both stands)",
            self.positions,
            self.contradicting_pairs,
            crate::export::questions(self.contradictions)
        )?;
        if self.pending > 0 {
            writeln!(
                out,
                "note: {} documents of an interrupted build await their source counts; the next `dossier build` completes them",
                self.pending
            )?;
        }
        if self.sound() {
            writeln!(
                out,
                "ok: every index reads back and agrees, no dangling reference, every document whole, every offset slices its text, every position states its opposite"
            )
        } else {
            writeln!(out, "{} problems:", self.problems.len())?;
            for problem in &self.problems {
                writeln!(out, "  {problem}")?;
            }
            Ok(())
        }
    }
}

fn value(term: Option<&Term>) -> String {
    match term {
        Some(Term::NamedNode(n)) => n.as_str().to_string(),
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// Queries whose every row is a problem, with how to describe it.
const DANGLING: &[(&str, &str)] = &[
    (
        // Not `FILTER NOT EXISTS { ?m nif:referenceContext ?d . ?d a dos:Document }`: Oxigraph plans that
        // inner pattern from `?d a dos:Document`, once per mention (minutes at 4,000 documents).
        "SELECT ?x ?m WHERE { ?x gaf:denotedBy ?m OPTIONAL { ?m nif:referenceContext ?d . ?d a dos:Document } FILTER(!BOUND(?d)) }",
        "mention without a stored document",
    ),
    (
        "SELECT ?x ?m WHERE { ?x prov:wasDerivedFrom ?m FILTER NOT EXISTS { ?m a dos:Document } }",
        "derived from a document that is not stored",
    ),
    (
        "SELECT ?x ?m WHERE { { ?x dos:agent ?m } UNION { ?x dos:target ?m } UNION { ?x dos:claimant ?m } UNION { ?x dos:about ?m } UNION { ?x sem:hasPlace ?m } FILTER NOT EXISTS { ?m rdfs:label ?l } }",
        "participant that is not a known actor or place",
    ),
    (
        "SELECT ?x ?m WHERE { GRAPH graph:analysis { ?x dos:forActor ?m } FILTER NOT EXISTS { ?m rdfs:label ?l } }",
        "analysis result for an unknown actor",
    ),
    (
        "SELECT ?x ?m WHERE { ?x a dos:Document . FILTER NOT EXISTS { ?x dos:fileName ?f ; dos:contentHash ?h ; nif:isString ?t } BIND(\"\" AS ?m) }",
        "document without its file name, hash or text",
    ),
    (
        "SELECT ?x ?m WHERE { { ?x a sem:Event } UNION { ?x a dos:Claim } FILTER NOT EXISTS { ?x prov:wasDerivedFrom ?d } BIND(\"\" AS ?m) }",
        "event or claim without a source document",
    ),
];

/// The members of a class. `COUNT(*)`: a statement is stored once in the default graph, and
/// `COUNT(DISTINCT ?x)` held every member in a set (millions of mentions at 100,000 documents).
fn count(store: &Store, class: &str) -> Result<usize, StoreError> {
    let rows = store.select(&format!("SELECT (COUNT(*) AS ?n) WHERE {{ ?x a {class} }}"), &[])?;
    Ok(rows.first().map(|r| value(r.get("n"))).and_then(|n| n.parse().ok()).unwrap_or(0))
}

/// Checks a stored graph: first that every key of every index reads back and the indexes agree
/// ([`Store::verify`]; a damaged store is [`StoreError::Corrupt`]), then the graph itself.
pub fn check(store: &Store) -> Result<CheckReport, StoreError> {
    store.verify()?;
    let mut report = CheckReport {
        quads: store.len()?,
        documents: count(store, "dos:Document")?,
        actors: count(store, "dos:Actor")?,
        places: count(store, "dos:Place")?,
        events: count(store, "sem:Event")?,
        claims: count(store, "dos:Claim")?,
        mentions: count(store, "nif:String")?,
        pending: store.pending_documents()?.len(),
        ..CheckReport::default()
    };
    for (query, what) in DANGLING {
        for row in store.select(query, &[])? {
            let (x, m) = (value(row.get("x")), value(row.get("m")));
            report.problems.push(if m.is_empty() { format!("{what}: <{x}>") } else { format!("{what}: <{x}> -> {m}") });
        }
    }
    mentions_slice_their_texts(store, &mut report)?;
    source_counts(store, &mut report)?;
    positions(store, &mut report)?;
    report.problems.sort();
    report.problems.dedup();
    Ok(report)
}

/// Every mention slices its document's text to its anchor: one document at a time, its text and
/// its mentions (holding every text took 3 GB at 100,000 documents).
fn mentions_slice_their_texts(store: &Store, report: &mut CheckReport) -> Result<(), StoreError> {
    let mut documents = Vec::new();
    store.select_each("SELECT ?d WHERE { ?d a dos:Document }", &[], |row| {
        if let Some(Term::NamedNode(d)) = row.get("d") {
            documents.push(d.clone());
        }
    })?;
    for document in documents {
        let texts = store.objects(document.as_str(), &format!("{}isString", crate::vocab::NIF))?;
        let Some(text) = texts.iter().find_map(|t| match t {
            Term::Literal(l) => Some(l.value().chars().collect::<Vec<char>>()),
            _ => None,
        }) else {
            continue;
        };
        let mentions = format!(
            "SELECT ?m ?b ?e ?a WHERE {{ ?m nif:referenceContext {document} ; a nif:String ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?a }}"
        );
        store.select_each(&mentions, &[], |row| {
            let (begin, end) = (value(row.get("b")).parse::<usize>().ok(), value(row.get("e")).parse::<usize>().ok());
            let slice: Option<String> = match (begin, end) {
                (Some(b), Some(e)) if b <= e && e <= text.len() => Some(text[b..e].iter().collect()),
                _ => None,
            };
            if slice.as_deref() != Some(value(row.get("a")).as_str()) {
                report.problems.push(format!(
                    "mention offsets do not slice the document text to the anchor: <{}>",
                    value(row.get("m"))
                ));
            }
        })?;
    }
    Ok(())
}

/// Every source count equals the number of documents recorded as the item's sources, except for
/// an item a pending document reports (the next build completes its count). Item by item, by
/// lookups: grouping every item's documents in one query held them all.
fn source_counts(store: &Store, report: &mut CheckReport) -> Result<(), StoreError> {
    let pending: std::collections::BTreeSet<String> = store.pending_documents()?.into_iter().collect();
    let derived_from = format!("{}wasDerivedFrom", crate::vocab::PROV);
    let mut failure = None;
    store.select_each("SELECT ?x ?c WHERE { ?x dos:sourceCount ?c }", &[], |row| {
        if failure.is_some() {
            return;
        }
        let (Some(Term::NamedNode(item)), Some(Term::Literal(recorded))) = (row.get("x"), row.get("c")) else { return };
        let documents = match store.objects(item.as_str(), &derived_from) {
            Ok(found) => found,
            Err(e) => {
                failure = Some(e);
                return;
            }
        };
        let documents: std::collections::BTreeSet<String> = documents.iter().map(|t| value(Some(t))).collect();
        if documents.is_empty() || documents.iter().any(|d| pending.contains(d)) {
            return;
        }
        if recorded.value().parse::<usize>().ok() != Some(documents.len()) {
            report.problems.push(format!(
                "source count differs from its documents: <{}> -> {} recorded, {} documents",
                item.as_str(),
                recorded.value(),
                documents.len()
            ));
        }
    })?;
    failure.map_or(Ok(()), Err)
}

/// Every position a claim takes is a `dos:Position` stating its opposite (`dos:opposite`: the
/// same question, the other stand, [`crate::resolve::opposite_position`]) and nothing else as
/// one; every stated opposite belongs to a position some claim takes; no `dos:contradicts` link
/// is stored. Counts the positions, the questions on which one side took both stands and the
/// pairs of claims they make, from the positions alone (linear in the claims).
fn positions(store: &Store, report: &mut CheckReport) -> Result<(), StoreError> {
    use std::collections::{BTreeMap, BTreeSet};
    let mut taken: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in store.select("SELECT ?c ?p WHERE { ?c dos:position ?p }", &[])? {
        taken.entry(value(row.get("p"))).or_default().push(value(row.get("c")));
    }
    let mut stated: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in store.select("SELECT ?p ?q WHERE { ?p dos:opposite ?q }", &[])? {
        stated.entry(value(row.get("p"))).or_default().push(value(row.get("q")));
    }
    let typed: BTreeSet<String> =
        store.select("SELECT ?p WHERE { ?p a dos:Position }", &[])?.iter().map(|r| value(r.get("p"))).collect();
    let problems = &mut report.problems;
    for position in taken.keys() {
        let expected = crate::resolve::opposite_position(position);
        match (stated.get(position).map(Vec::as_slice), &expected) {
            (_, None) => problems.push(format!("position of no known form: <{position}>")),
            (None, _) => problems.push(format!("position without its opposite (dos:opposite): <{position}>")),
            (Some([opposite]), Some(expected)) if opposite == expected => {}
            (Some(opposites), _) => {
                problems.push(format!("position with a wrong opposite: <{position}> -> {}", opposites.join(" ")))
            }
        }
        if !typed.contains(position) {
            problems.push(format!("position not typed dos:Position: <{position}>"));
        }
    }
    for position in stated.keys().chain(&typed).filter(|p| !taken.contains_key(*p)) {
        problems.push(format!("position no claim takes: <{position}>"));
    }
    let links = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?a dos:contradicts ?b }", &[])?;
    let links: usize = links.first().map(|r| value(r.get("n"))).and_then(|n| n.parse().ok()).unwrap_or(0);
    if links > 0 {
        problems.push(format!(
            "stored dos:contradicts links: {links} (written by a build before contradictions were looked up \
             from positions; rebuild the store)"
        ));
    }
    let mut questions: Vec<[Vec<&str>; 2]> = Vec::new();
    for (position, claims) in &taken {
        let Some(opposite) = crate::resolve::opposite_position(position) else { continue };
        if let Some(opposing) = taken.get(&opposite) {
            if crate::traverse::leads(position, &opposite) {
                fn side(claims: &[String]) -> Vec<&str> {
                    let side: BTreeSet<&str> = claims.iter().map(String::as_str).collect();
                    side.into_iter().collect()
                }
                questions.push([side(claims), side(opposing)]);
            }
        }
    }
    report.positions = taken.len();
    report.contradictions = questions.len();
    report.contradicting_pairs = crate::traverse::count_contradicted(&questions).values().sum::<usize>() / 2;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sound document with one mention and one event, then one broken thing of each kind.
    #[test]
    fn each_kind_of_problem_is_reported_once() {
        let store = Store::memory().unwrap();
        store
            .update(
                r#"INSERT DATA {
                dos:doc a dos:Document ; dos:fileName "a.txt" ; dos:contentHash "h" ; nif:isString "Iran sent aid." .
                dos:iran a dos:Actor ; rdfs:label "Iran" ; gaf:denotedBy dos:m1 .
                dos:m1 a nif:String ; nif:referenceContext dos:doc ; nif:beginIndex 0 ; nif:endIndex 4 ; nif:anchorOf "Iran" .
                dos:aid a sem:Event ; dos:agent dos:iran ; prov:wasDerivedFrom dos:doc ; dos:sourceCount 1 .
            }"#,
            )
            .unwrap();
        assert_eq!(check(&store).unwrap().problems, Vec::<String>::new());
        store
            .update(
                r#"INSERT DATA {
                dos:iran gaf:denotedBy dos:m2 .
                dos:m2 a nif:String ; nif:referenceContext dos:gone ; nif:beginIndex 0 ; nif:endIndex 4 ; nif:anchorOf "Iran" .
                dos:m3 a nif:String ; nif:referenceContext dos:doc ; nif:beginIndex 5 ; nif:endIndex 9 ; nif:anchorOf "Iran" .
                dos:aid dos:target dos:nobody .
                dos:talks a sem:Event ; dos:sourceCount 2 ; prov:wasDerivedFrom dos:doc .
                dos:yes dos:position <https://w3id.org/dossier/id/position/1/affirmed> .
                <https://w3id.org/dossier/id/position/1/affirmed> a dos:Position ;
                    dos:opposite <https://w3id.org/dossier/id/position/1/denied> .
                dos:no dos:position <https://w3id.org/dossier/id/position/1/denied> .
                <https://w3id.org/dossier/id/position/1/denied> dos:opposite <https://w3id.org/dossier/id/position/1/conflict> .
                dos:maybe dos:position <https://w3id.org/dossier/id/position/2/conflict> .
                <https://w3id.org/dossier/id/position/3/affirmed> a dos:Position .
                dos:yes dos:contradicts dos:other .
            }"#,
            )
            .unwrap();
        let report = check(&store).unwrap();
        let ns = crate::vocab::DOS;
        let id = format!("{}position/", crate::vocab::ID);
        assert_eq!(
            report.problems,
            [
                format!("mention offsets do not slice the document text to the anchor: <{ns}m3>"),
                format!("mention without a stored document: <{ns}iran> -> {ns}m2"),
                format!("participant that is not a known actor or place: <{ns}aid> -> {ns}nobody"),
                format!("position no claim takes: <{id}3/affirmed>"),
                format!("position not typed dos:Position: <{id}1/denied>"),
                format!("position not typed dos:Position: <{id}2/conflict>"),
                format!("position with a wrong opposite: <{id}1/denied> -> {id}1/conflict"),
                format!("position without its opposite (dos:opposite): <{id}2/conflict>"),
                format!("source count differs from its documents: <{ns}talks> -> 2 recorded, 1 documents"),
                "stored dos:contradicts links: 1 (written by a build before contradictions were looked up from \
                 positions; rebuild the store)"
                    .to_string(),
            ]
        );
        // The counts come from the positions: yes against no.
        assert_eq!((report.positions, report.contradictions, report.contradicting_pairs), (3, 1, 1));
    }
}
