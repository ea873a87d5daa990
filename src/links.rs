//! The actor network as the build keeps it: for each actor, its links to other actors (and
//! places), with the number of events and claims behind each and the reports behind those.
//!
//! Reading the network from the evidence means visiting every event and claim of the store,
//! several index lookups each (about 40 s of CPU for the million items of 20,000 generated
//! articles): the evidence grows with the documents. The links grow with the actor pairs, so
//! the build keeps them, as it keeps the source counts: each window's commit adds what its
//! documents change to the links of the actors they touch, and readers read one statement per
//! actor ([`each_link`]) instead of every item.
//!
//! **The index.** In the named graph `id:graph/network`, each actor with links has one
//! statement `actor dos:links "…"` whose literal lists its links, one a line, sorted:
//! `TO<TAB>KIND<TAB>ROLE<TAB>ITEMS<TAB>SOURCES`, where KIND is a PLOVER type or `claim`, ROLE
//! `target` (an event's target, the actor a claim is about) or `place` (an event's place),
//! ITEMS the events or claims from the actor to TO of that kind, and SOURCES the sum of their
//! `dos:sourceCount`s. The graph's own `dos:networkIndex` statement says the index is complete;
//! a store without it (built by an older version, loaded from a dump, or after an interrupted
//! build) is read from the evidence, and its next build rebuilds the index ([`rebuild`]). The
//! index is derived data: exports leave the graph out.
//!
//! **How a commit changes a link.** An item's links are the pairs of its sources (agents,
//! speakers) and destinations (targets and places, actors spoken about): the union of what all
//! its documents say. When a window brings an item whose stored count is `s` and new count
//! `c`, each pair the store already had gains `c - s` sources, each new pair one item and `c`
//! sources ([`Ledger::change`]).
//!
//! ```
//! use dossier::links::{decode, encode, LinkKey, Role};
//!
//! let mut links = decode("actor:b\tCONSULT\ttarget\t2\t7\n");
//! links.entry(LinkKey { to: "actor:c".into(), kind: "claim".into(), role: Role::Target }).or_default().items += 1;
//! assert_eq!(encode(&links), "actor:b\tCONSULT\ttarget\t2\t7\nactor:c\tclaim\ttarget\t1\t0\n");
//! ```

use std::collections::BTreeMap;

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use crate::resolve::ItemKey;
use crate::store::{Store, StoreError};
use crate::vocab;

/// The version of the index's format: a store whose `dos:networkIndex` differs is rebuilt.
pub const INDEX_VERSION: u32 = 1;

/// What a link leads to: an event's target (or the actor a claim is about), or an event's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Target,
    Place,
}

impl Role {
    fn as_str(self) -> &'static str {
        match self {
            Role::Target => "target",
            Role::Place => "place",
        }
    }
}

/// One link of an actor: where it leads, what kind of evidence, in which role.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LinkKey {
    pub to: String,
    /// A PLOVER type's name, or `claim`.
    pub kind: String,
    pub role: Role,
}

/// What backs a link: the events or claims, and the reports behind them (their source counts
/// added up).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkCounts {
    pub items: u64,
    pub sources: u64,
}

/// An actor's links.
pub type Links = BTreeMap<LinkKey, LinkCounts>;

/// The links of an actor as its index literal says them; lines that do not parse are skipped.
pub fn decode(text: &str) -> Links {
    lines(text)
        .map(|(link, counts)| {
            (LinkKey { to: link.to.to_string(), kind: link.kind.to_string(), role: link.role }, counts)
        })
        .collect()
}

/// One link of an actor as its index line gives it, borrowed from the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkLine<'a> {
    pub to: &'a str,
    /// A PLOVER type's name, or `claim`.
    pub kind: &'a str,
    pub role: Role,
}

/// The links of an index literal, line by line, without copying them: a hub's literal can list
/// hundreds of thousands (malformed lines are skipped).
fn lines(text: &str) -> impl Iterator<Item = (LinkLine<'_>, LinkCounts)> {
    text.lines().filter_map(|line| {
        let mut fields = line.split('\t');
        let (Some(to), Some(kind), Some(role), Some(items), Some(sources)) =
            (fields.next(), fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return None;
        };
        let role = match role {
            "target" => Role::Target,
            "place" => Role::Place,
            _ => return None,
        };
        let (Ok(items), Ok(sources)) = (items.parse(), sources.parse()) else { return None };
        Some((LinkLine { to, kind, role }, LinkCounts { items, sources }))
    })
}

/// The index literal of an actor's links (one line each, in key order).
pub fn encode(links: &Links) -> String {
    let mut text = String::new();
    for (key, counts) in links {
        use std::fmt::Write;
        let _ = writeln!(text, "{}\t{}\t{}\t{}\t{}", key.to, key.kind, key.role.as_str(), counts.items, counts.sources);
    }
    text
}

fn index_graph() -> NamedNode {
    NamedNode::new_unchecked(vocab::network_graph())
}

fn links_predicate() -> NamedNode {
    NamedNode::new_unchecked(vocab::dos("links"))
}

/// The statement that says the index is complete.
fn marker() -> Quad {
    let graph = index_graph();
    Quad::new(
        graph.clone(),
        NamedNode::new_unchecked(vocab::dos("networkIndex")),
        Literal::new_typed_literal(
            INDEX_VERSION.to_string(),
            NamedNode::new_unchecked(format!("{}integer", vocab::XSD)),
        ),
        GraphName::NamedNode(graph),
    )
}

fn links_quad(actor: &str, links: &Links) -> Quad {
    Quad::new(
        NamedNode::new_unchecked(actor),
        links_predicate(),
        Literal::new_simple_literal(encode(links)),
        GraphName::NamedNode(index_graph()),
    )
}

/// Whether a statement belongs to the index (which exports leave out).
pub fn in_index(quad: &Quad) -> bool {
    matches!(&quad.graph_name, GraphName::NamedNode(g) if g.as_str() == vocab::network_graph())
}

/// Whether the store holds a complete index of its links (of this version).
pub fn indexed(store: &Store) -> Result<bool, StoreError> {
    store.contains(&marker())
}

/// Hands each link of the index to `each` (its source actor, key and counts), actor by actor;
/// returns `false`, handing nothing, when the store has no complete index.
///
/// ```
/// use dossier::{Dossier, corpus::{Document, Metadata}, links};
///
/// let dossier = Dossier::in_memory()?;
/// let boilerplate = &dossier.lexicon().boilerplate;
/// let text = "Russia and the Taliban held talks in Moscow on July 8, 2021.";
/// let document = Document::from_text("a.txt", text.to_string(), Metadata::default(), boilerplate);
/// dossier.add_documents(vec![document])?;
/// let mut found = Vec::new();
/// assert!(links::each_link(dossier.store(), |from, link, counts| found.push((from.to_string(), link.kind.to_string(), counts.items)))?);
/// assert!(found.iter().any(|(_, kind, items)| kind == "CONSULT" && *items == 1), "{found:?}");
/// # Ok::<(), dossier::Error>(())
/// ```
pub fn each_link(store: &Store, mut each: impl FnMut(&str, LinkLine<'_>, LinkCounts)) -> Result<bool, StoreError> {
    if !indexed(store)? {
        return Ok(false);
    }
    let graph = vocab::network_graph();
    store.each_statement(Some(&graph), &vocab::dos("links"), None, |actor, object| {
        if let Term::Literal(text) = object {
            for (link, counts) in lines(text.value()) {
                each(actor, link, counts);
            }
        }
    })?;
    Ok(true)
}

/// Removes the index's completeness mark: the next build rebuilds it, readers read the evidence.
pub fn invalidate(store: &Store) -> Result<(), StoreError> {
    store.remove(&marker())
}

/// What a window's documents say of the pairs of each item they report: the item's kind, its
/// sources (agents, speakers) and destinations, as interned numbers, about 60 bytes an item.
#[derive(Debug, Default)]
pub struct Ledger {
    names: Vec<String>,
    numbers: FxHashMap<String, u32>,
    kinds: Vec<String>,
    items: FxHashMap<ItemKey, ItemPairs>,
}

#[derive(Debug, Default)]
struct ItemPairs {
    /// Index into the kinds, `u16::MAX` until known.
    kind: u16,
    from: SmallVec<[u32; 2]>,
    to: SmallVec<[(u32, Role); 2]>,
    /// The latest date the window's documents give the item (`dos:date` of an event, `dct:date`
    /// of a claim).
    date: Option<Box<str>>,
}

/// The changes a window makes to the links, by source actor (interned numbers of the ledger),
/// and the best-sourced of the events and claims it touches.
#[derive(Debug, Default)]
pub struct LinkChanges {
    by_actor: BTreeMap<u32, BTreeMap<(u32, u16, Role), LinkCounts>>,
    best: [Ranked; 2],
}

/// How the best-sourced listing orders items, best first: most sources, latest date, IRI.
pub type RankKey = (std::cmp::Reverse<u64>, std::cmp::Reverse<Option<String>>, String);

/// The best `BEST_KEPT` keys offered, one per item (its best).
#[derive(Debug, Default)]
struct Ranked {
    keys: std::collections::BTreeSet<RankKey>,
    held: FxHashMap<String, RankKey>,
}

impl Ranked {
    fn offer(&mut self, key: RankKey, limit: usize) {
        if limit == 0 || self.keys.len() == limit && self.keys.last().is_some_and(|worst| key >= *worst) {
            return;
        }
        if let Some(previous) = self.held.get(&key.2) {
            if key >= *previous {
                return;
            }
            self.keys.remove(previous);
        }
        self.held.insert(key.2.clone(), key.clone());
        self.keys.insert(key);
        if self.keys.len() > limit {
            if let Some(dropped) = self.keys.pop_last() {
                self.held.remove(&dropped.2);
            }
        }
    }
}

/// How many of the best-sourced events, and of the claims, the index keeps in order: the
/// summary shows 60 and 50, the briefing 100 and 100.
pub const BEST_KEPT: usize = 500;

/// The item classes of the best-sourced lists: events, claims.
const CLASSES: [&str; 2] = ["events", "claims"];

fn best_subject(class: usize) -> String {
    format!("{}/best-sourced-{}", vocab::network_graph(), CLASSES[class])
}

fn encode_ranked(keys: &[RankKey]) -> String {
    let mut text = String::new();
    for (std::cmp::Reverse(sources), std::cmp::Reverse(date), iri) in keys {
        use std::fmt::Write;
        let _ = writeln!(text, "{sources}\t{}\t{iri}", date.as_deref().unwrap_or(""));
    }
    text
}

fn decode_ranked(text: &str) -> Vec<RankKey> {
    text.lines()
        .filter_map(|line| {
            let mut fields = line.splitn(3, '\t');
            let sources = fields.next()?.parse().ok()?;
            let date = fields.next()?;
            let iri = fields.next()?;
            let date = (!date.is_empty()).then(|| date.to_string());
            Some((std::cmp::Reverse(sources), std::cmp::Reverse(date), iri.to_string()))
        })
        .collect()
}

fn best_quad(class: usize, keys: &[RankKey]) -> Quad {
    Quad::new(
        NamedNode::new_unchecked(best_subject(class)),
        NamedNode::new_unchecked(vocab::dos("bestSourced")),
        Literal::new_simple_literal(encode_ranked(keys)),
        GraphName::NamedNode(index_graph()),
    )
}

/// The IRIs of the `limit` events (or claims) with the most sources, the latest first among
/// equals, then by IRI, as the index keeps them; `None` when the store has no complete index or
/// `limit` is over [`BEST_KEPT`].
pub fn best_sourced(store: &Store, claims: bool, limit: usize) -> Result<Option<Vec<String>>, StoreError> {
    if limit > BEST_KEPT || !indexed(store)? {
        return Ok(None);
    }
    let class = usize::from(claims);
    let stored = store.objects_in(Some(&vocab::network_graph()), &best_subject(class), &vocab::dos("bestSourced"))?;
    let keys = match stored.first() {
        Some(Term::Literal(text)) => decode_ranked(text.value()),
        _ => Vec::new(),
    };
    Ok(Some(keys.into_iter().take(limit).map(|key| key.2).collect()))
}

impl Ledger {
    fn number(&mut self, name: &str) -> u32 {
        if let Some(&n) = self.numbers.get(name) {
            return n;
        }
        let n = self.names.len() as u32;
        self.names.push(name.to_string());
        self.numbers.insert(name.to_string(), n);
        n
    }

    fn kind_number(&mut self, kind: &str) -> u16 {
        match self.kinds.iter().position(|k| k == kind) {
            Some(n) => n as u16,
            None => {
                self.kinds.push(kind.to_string());
                (self.kinds.len() - 1) as u16
            }
        }
    }

    fn item(&mut self, subject: &str) -> &mut ItemPairs {
        self.items.entry(ItemKey::of(subject)).or_insert_with(|| ItemPairs { kind: u16::MAX, ..ItemPairs::default() })
    }

    /// Notes what a default-graph statement says of an item's pairs (other statements are
    /// ignored).
    pub fn record(&mut self, quad: &Quad) {
        if !quad.graph_name.is_default_graph() {
            return;
        }
        let oxigraph::model::NamedOrBlankNode::NamedNode(subject) = &quad.subject else { return };
        let object = match &quad.object {
            Term::NamedNode(object) => object,
            Term::Literal(date) => {
                let predicate = quad.predicate.as_str();
                if predicate == DOS_DATE || predicate == DCT_DATE {
                    // Documents have dates too: only minted events and claims are items.
                    if matches!(ItemKey::of(subject.as_str()), ItemKey::Minted(..)) {
                        let item = self.item(subject.as_str());
                        if item.date.as_deref().is_none_or(|d| d < date.value()) {
                            item.date = Some(date.value().into());
                        }
                    }
                }
                return;
            }
            _ => return,
        };
        let Some(local) = quad.predicate.as_str().strip_prefix(vocab::DOS) else {
            if quad.predicate.as_str() == SEM_EVENT_TYPE {
                if let Some(kind) = object.as_str().strip_prefix(vocab::DOS) {
                    let kind = self.kind_number(kind);
                    self.item(subject.as_str()).kind = kind;
                }
            } else if quad.predicate.as_str() == SEM_HAS_PLACE {
                let to = self.number(object.as_str());
                push_new(&mut self.item(subject.as_str()).to, (to, Role::Place));
            }
            return;
        };
        match local {
            "agent" | "claimant" => {
                let from = self.number(object.as_str());
                let claim = (local == "claimant").then(|| self.kind_number("claim"));
                let item = self.item(subject.as_str());
                push_new(&mut item.from, from);
                if let Some(kind) = claim {
                    item.kind = kind;
                }
            }
            "target" | "about" => {
                let to = self.number(object.as_str());
                push_new(&mut self.item(subject.as_str()).to, (to, Role::Target));
            }
            _ => {}
        }
    }

    /// Adds to `changes` what item `item` changes in the links: it had `stored` sources in the
    /// store (and then the pairs the store gives it, read here) and has `count` now.
    pub fn change(
        &mut self,
        store: &Store,
        item: &str,
        stored: usize,
        count: usize,
        changes: &mut LinkChanges,
    ) -> Result<(), StoreError> {
        let key = ItemKey::of(item);
        let Some(pairs) = self.items.get(&key) else { return Ok(()) };
        if pairs.kind == u16::MAX {
            return Ok(());
        }
        let kind = pairs.kind;
        let (mut from, mut to) = (pairs.from.clone(), pairs.to.clone());
        let claim = self.kinds[usize::from(kind)] == "claim";
        let mut date = pairs.date.as_deref().map(str::to_string);
        // A claim's stored documents may date it later than the window's (an event's date is
        // part of its IRI).
        if claim && stored > 0 {
            for term in store.objects(item, DCT_DATE)? {
                if let Term::Literal(d) = term {
                    if date.as_deref().is_none_or(|latest| latest < d.value()) {
                        date = Some(d.value().to_string());
                    }
                }
            }
        }
        changes.best[usize::from(claim)]
            .offer((std::cmp::Reverse(count as u64), std::cmp::Reverse(date), item.to_string()), BEST_KEPT);
        let mut old_from: SmallVec<[u32; 2]> = SmallVec::new();
        let mut old_to: SmallVec<[(u32, Role); 2]> = SmallVec::new();
        if stored > 0 {
            let names = |predicate: &str| -> Result<Vec<String>, StoreError> {
                Ok(store
                    .objects(item, predicate)?
                    .into_iter()
                    .filter_map(|t| match t {
                        Term::NamedNode(n) => Some(n.into_string()),
                        _ => None,
                    })
                    .collect())
            };
            for name in names(&vocab::dos(if claim { "claimant" } else { "agent" }))? {
                let n = self.number(&name);
                push_new(&mut old_from, n);
            }
            for name in names(&vocab::dos(if claim { "about" } else { "target" }))? {
                let n = self.number(&name);
                push_new(&mut old_to, (n, Role::Target));
            }
            if !claim {
                for name in names(SEM_HAS_PLACE)? {
                    let n = self.number(&name);
                    push_new(&mut old_to, (n, Role::Place));
                }
            }
            for &f in &old_from {
                push_new(&mut from, f);
            }
            for &t in &old_to {
                push_new(&mut to, t);
            }
        }
        let (stored, count) = (stored as u64, count as u64);
        for &f in &from {
            for &(t, role) in &to {
                if f == t {
                    continue;
                }
                let counts = changes.by_actor.entry(f).or_default().entry((t, kind, role)).or_default();
                if old_from.contains(&f) && old_to.contains(&(t, role)) {
                    counts.sources += count - stored.min(count);
                } else {
                    counts.items += 1;
                    counts.sources += count;
                }
            }
        }
        Ok(())
    }

    /// The statements that apply `changes`: the links of actors that have none stored yet (to
    /// load), and the new links of the others (to replace theirs). Reads the stored links of
    /// each actor changed.
    pub fn statements(&self, store: &Store, changes: LinkChanges) -> Result<(Vec<Quad>, Vec<Quad>), StoreError> {
        let (mut new, mut replacing) = (Vec::new(), Vec::new());
        let graph = vocab::network_graph();
        let predicate = vocab::dos("links");
        for (actor, changed) in changes.by_actor {
            let actor = &self.names[actor as usize];
            let stored = store.objects_in(Some(&graph), actor, &predicate)?;
            let mut links = match stored.first() {
                Some(Term::Literal(text)) => decode(text.value()),
                _ => Links::new(),
            };
            for ((to, kind, role), delta) in changed {
                let key =
                    LinkKey { to: self.names[to as usize].clone(), kind: self.kinds[usize::from(kind)].clone(), role };
                let counts = links.entry(key).or_default();
                counts.items += delta.items;
                counts.sources += delta.sources;
            }
            let quad = links_quad(actor, &links);
            if stored.is_empty() {
                new.push(quad);
            } else {
                replacing.push(quad);
            }
        }
        for (class, offered) in changes.best.into_iter().enumerate() {
            let stored = store.objects_in(Some(&graph), &best_subject(class), &vocab::dos("bestSourced"))?;
            let mut ranked = Ranked::default();
            if let Some(Term::Literal(text)) = stored.first() {
                for key in decode_ranked(text.value()) {
                    ranked.offer(key, BEST_KEPT);
                }
            }
            for key in offered.keys {
                ranked.offer(key, BEST_KEPT);
            }
            let keys: Vec<RankKey> = ranked.keys.into_iter().collect();
            let quad = best_quad(class, &keys);
            if stored.is_empty() {
                new.push(quad);
            } else {
                replacing.push(quad);
            }
        }
        if !indexed(store)? {
            new.push(marker());
        }
        Ok((new, replacing))
    }
}

const DOS_DATE: &str = "https://w3id.org/dossier/ontology#date";
const DCT_DATE: &str = "http://purl.org/dc/terms/date";
const SEM_EVENT_TYPE: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/eventType";
const SEM_HAS_PLACE: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace";

fn push_new<T: PartialEq + Copy, const N: usize>(list: &mut SmallVec<[T; N]>, value: T)
where
    [T; N]: smallvec::Array<Item = T>,
{
    if !list.contains(&value) {
        list.push(value);
    }
}

/// The pairs of one source actor (`{from}`, its IRI spliced in): its events' (agent to target,
/// then agent to place) and its claims' (speaker to each actor it is about), counted per
/// destination and kind by SPARQL: what [`rebuild`] writes for that actor.
const ALL_LINKS: [(&str, Role); 3] = [
    (
        "SELECT ?to ?kind (COUNT(*) AS ?items) (SUM(?n) AS ?sources) WHERE {
  ?item dos:agent {from} ; a sem:Event ; sem:eventType ?kind ; dos:target ?to .
  OPTIONAL { ?item dos:sourceCount ?count } BIND(COALESCE(?count, 1) AS ?n) FILTER(?to != {from})
} GROUP BY ?to ?kind",
        Role::Target,
    ),
    (
        "SELECT ?to ?kind (COUNT(*) AS ?items) (SUM(?n) AS ?sources) WHERE {
  ?item dos:agent {from} ; a sem:Event ; sem:eventType ?kind ; sem:hasPlace ?to .
  OPTIONAL { ?item dos:sourceCount ?count } BIND(COALESCE(?count, 1) AS ?n) FILTER(?to != {from})
} GROUP BY ?to ?kind",
        Role::Place,
    ),
    (
        "SELECT ?to (\"claim\" AS ?kind) (COUNT(*) AS ?items) (SUM(?n) AS ?sources) WHERE {
  ?item dos:claimant {from} ; a dos:Claim ; dos:about ?to .
  OPTIONAL { ?item dos:sourceCount ?count } BIND(COALESCE(?count, 1) AS ?n) FILTER(?to != {from})
} GROUP BY ?to",
        Role::Target,
    ),
];

/// How much index text a [`rebuild`] writes per transaction.
const REBUILD_BATCH_BYTES: usize = 16 << 20;

/// Rebuilds the index from the evidence: the links of every actor, then the mark that the index
/// is complete. Actor by actor (one grouped query per role, the actor's IRI in it), written in
/// transactions of about 16 MB of index text, the mark in the last: its memory is one actor's
/// links and one batch, not every pair of the store (all pairs at once took 1.6 GiB at 100,000
/// documents). Interrupted, it leaves no mark, so readers read the evidence and the next build
/// rebuilds again. Returns the number of actors with links.
pub fn rebuild(store: &Store) -> Result<usize, StoreError> {
    rebuild_in_batches(store, REBUILD_BATCH_BYTES)
}

/// [`rebuild`], writing a transaction whenever `batch_limit` bytes of index text are waiting.
pub(crate) fn rebuild_in_batches(store: &Store, batch_limit: usize) -> Result<usize, StoreError> {
    // The old index goes, its mark with it, in one step.
    store.replace_graph(&vocab::network_graph(), Vec::new())?;
    // Whoever can be a link's source: the agents of events, the speakers of claims.
    let mut sources = std::collections::BTreeSet::new();
    store.select_each(
        "SELECT DISTINCT ?from WHERE { { ?item dos:agent ?from } UNION { ?item dos:claimant ?from } }",
        &[],
        |row| {
            if let Some(Term::NamedNode(n)) = row.get("from") {
                sources.insert(n.as_str().to_string());
            }
        },
    )?;
    let (mut batch, mut batch_bytes, mut actors) = (Vec::new(), 0, 0);
    for from in sources {
        let spliced = NamedNode::new_unchecked(from.as_str()).to_string();
        let mut links = Links::new();
        for (query, role) in ALL_LINKS {
            store.select_each(&query.replace("{from}", &spliced), &[], |row| {
                let number = |name: &str| match row.get(name) {
                    Some(Term::Literal(l)) => l.value().parse::<u64>().ok(),
                    _ => None,
                };
                let Some(Term::NamedNode(to)) = row.get("to") else { return };
                let kind = match row.get("kind") {
                    Some(Term::NamedNode(n)) => match n.as_str().strip_prefix(vocab::DOS) {
                        Some(kind) => kind.to_string(),
                        None => return,
                    },
                    Some(Term::Literal(l)) => l.value().to_string(),
                    _ => return,
                };
                let counts =
                    LinkCounts { items: number("items").unwrap_or(0), sources: number("sources").unwrap_or(0) };
                links.insert(LinkKey { to: to.as_str().to_string(), kind, role }, counts);
            })?;
        }
        if links.is_empty() {
            continue;
        }
        actors += 1;
        let quad = links_quad(&from, &links);
        batch_bytes += match &quad.object {
            Term::Literal(l) => l.value().len(),
            _ => 0,
        };
        batch.push(quad);
        if batch_bytes >= batch_limit {
            store.insert_all(&std::mem::take(&mut batch))?;
            batch_bytes = 0;
        }
    }
    for class in 0..CLASSES.len() {
        let keys = rank_items(store, class == 1, BEST_KEPT, |_, _, _, _| true)?;
        batch.push(best_quad(class, &keys));
    }
    batch.push(marker());
    store.insert_all(&batch)?;
    Ok(actors)
}

/// The `limit` events (or claims) with the most sources among those `keep` keeps (given the
/// kind, one of the item's dates, its precision and its source count, at least 1), the latest
/// first among equals (an item with several dates by its latest kept one), then by IRI; read
/// from the evidence, each item in turn, through a bounded set: the memory is `limit` items
/// whatever the store holds.
pub fn rank_items(
    store: &Store,
    claims: bool,
    limit: usize,
    keep: impl Fn(&str, Option<&str>, Option<&str>, usize) -> bool,
) -> Result<Vec<RankKey>, StoreError> {
    let mut ranked = Ranked::default();
    let query = if claims {
        "SELECT ?e ?n ?d WHERE { ?e a dos:Claim OPTIONAL { ?e dos:sourceCount ?n } OPTIONAL { ?e dct:date ?d } }"
    } else {
        "SELECT ?e ?n ?d ?p ?t WHERE { ?e a sem:Event OPTIONAL { ?e sem:eventType ?t } OPTIONAL { ?e dos:sourceCount ?n } OPTIONAL { ?e dos:date ?d OPTIONAL { ?e dos:datePrecision ?p } } }"
    };
    store.select_each(query, &[], |row| {
        let value = |name: &str| match row.get(name) {
            Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
            Some(Term::Literal(l)) => Some(l.value().to_string()),
            _ => None,
        };
        let Some(iri) = value("e") else { return };
        let sources: u64 = value("n").and_then(|n| n.parse().ok()).unwrap_or(0);
        let date = value("d");
        let kind = if claims {
            Some("claim".to_string())
        } else {
            value("t").and_then(|t| t.strip_prefix(vocab::DOS).map(str::to_string))
        };
        let precision = value("p");
        if !keep(kind.as_deref().unwrap_or_default(), date.as_deref(), precision.as_deref(), sources.max(1) as usize) {
            return;
        }
        ranked.offer((std::cmp::Reverse(sources), std::cmp::Reverse(date), iri), limit);
    })?;
    Ok(ranked.keys.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;

    fn quad(s: &str, p: &str, o: &str) -> Quad {
        Quad::new(
            NamedNode::new_unchecked(s),
            NamedNode::new_unchecked(p),
            NamedNode::new_unchecked(o),
            GraphName::DefaultGraph,
        )
    }

    #[test]
    fn links_encode_and_decode_back() {
        let mut links = Links::new();
        links.insert(
            LinkKey { to: "b".into(), kind: "ASSAULT".into(), role: Role::Place },
            LinkCounts { items: 2, sources: 9 },
        );
        links.insert(
            LinkKey { to: "a".into(), kind: "claim".into(), role: Role::Target },
            LinkCounts { items: 1, sources: 1 },
        );
        assert_eq!(decode(&encode(&links)), links);
        assert_eq!(decode("garbage\nb\tX\tnowhere\t1\t1\n"), Links::new());
    }

    #[test]
    fn a_corroborated_item_adds_sources_to_its_stored_pairs_and_an_item_to_new_ones() {
        let store = Store::memory().unwrap();
        let e = "https://w3id.org/dossier/id/event/00000000000000aa";
        let dos = |l: &str| vocab::dos(l);
        store.bulk_insert(vec![quad(e, &dos("agent"), "urn:a"), quad(e, &dos("target"), "urn:b")]).unwrap();
        let mut ledger = Ledger::default();
        for q in [
            quad(e, SEM_EVENT_TYPE, &dos("CONSULT")),
            quad(e, &dos("agent"), "urn:a"),
            quad(e, &dos("target"), "urn:b"),
            quad(e, SEM_HAS_PLACE, "urn:p"),
        ] {
            ledger.record(&q);
        }
        let mut changes = LinkChanges::default();
        // Three stored reports, two new ones.
        ledger.change(&store, e, 3, 5, &mut changes).unwrap();
        let (new, replacing) = ledger.statements(&store, changes).unwrap();
        assert!(replacing.is_empty());
        let Term::Literal(text) = &new[0].object else { panic!("{new:?}") };
        assert_eq!(text.value(), "urn:b\tCONSULT\ttarget\t0\t2\nurn:p\tCONSULT\tplace\t1\t5\n");
        assert_eq!(new.last(), Some(&marker()));
        // The event is the best-sourced of the events, with its five reports.
        let Term::Literal(best) = &new[1].object else { panic!("{new:?}") };
        assert_eq!(best.value(), format!("5\t\t{e}\n"));
    }
}
