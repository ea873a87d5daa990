//! Scoring a graph against gold annotations: the same figures as the independent scorer
//! `tests/data/eval/score.py`, computed in Rust, so users can score their own annotated documents.
//!
//! Gold is one JSON file per document (format in `tests/data/eval/GOLD_FORMAT.md`). Matching
//! follows the scorer exactly: an entity matches a gold actor when one of its names equals one of
//! the gold actor's names once normalised (lower case, no leading article, no possessive, no
//! punctuation), one-to-one per document; events match one-to-one on document, type, agent (or
//! co-agent) and target; claims on document, speaker and at least half of the gold evidence's
//! content words present in the claim's content. Micro precision, recall and F1 over documents.
//!
//! ```
//! use dossier::eval::{normalise_name, Prf};
//!
//! assert_eq!(normalise_name("The Kremlin’s"), "kremlin");
//! let prf = Prf { tp: 3, fp: 1, fn_: 1 };
//! assert!((prf.f1() - 0.75).abs() < 1e-9);
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use oxigraph::model::Term;
use regex::Regex;

use crate::store::{Store, StoreError};
use crate::vocab::{DOS, GAF, NIF, PROV, RDFS, RDF_TYPE, SEM, SKOS};

/// Gold annotation of one document.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct GoldDocument {
    pub doc: String,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub actors: Vec<GoldActor>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    #[serde(default)]
    pub claims: Vec<GoldClaim>,
}

/// A gold actor or place.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct GoldActor {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub names: Vec<String>,
}

/// A gold event.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct GoldEvent {
    #[serde(rename = "type")]
    pub event_type: String,
    #[serde(default)]
    pub agent: Option<String>,
    #[serde(default)]
    pub co_agents: Option<Vec<String>>,
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub date_precision: Option<String>,
    #[serde(default)]
    pub evidence: String,
}

/// A gold claim.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct GoldClaim {
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub co_speakers: Option<Vec<String>>,
    #[serde(default)]
    pub evidence: String,
}

/// Why gold could not be read or scored.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}:{column}: invalid gold annotation: {message}")]
    Json { path: PathBuf, line: usize, column: usize, message: String },
    #[error("no gold files (*.json) in {0}")]
    Empty(PathBuf),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Reads every `*.json` gold file of a folder, sorted by document name.
pub fn load_gold(dir: &Path) -> Result<Vec<GoldDocument>, EvalError> {
    let io = |source| EvalError::Io { path: dir.to_path_buf(), source };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let mut gold = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|source| EvalError::Io { path: path.clone(), source })?;
        let document: GoldDocument = serde_json::from_str(&text).map_err(|e| EvalError::Json {
            path: path.clone(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        gold.push(document);
    }
    if gold.is_empty() {
        return Err(EvalError::Empty(dir.to_path_buf()));
    }
    gold.sort_by(|a, b| a.doc.cmp(&b.doc));
    Ok(gold)
}

/// Precision / recall counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Prf {
    fn add(&mut self, tp: usize, fp: usize, fn_: usize) {
        self.tp += tp;
        self.fp += fp;
        self.fn_ += fn_;
    }

    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }

    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn row(&self, name: &str) -> String {
        format!(
            "{name:<14} P {:.3}  R {:.3}  F1 {:.3}   (tp {}, fp {}, fn {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.tp,
            self.fp,
            self.fn_
        )
    }
}

/// Counts for one document (gold / system).
#[derive(Debug, Clone, serde::Serialize)]
pub struct DocumentScore {
    pub doc: String,
    pub gold_actors: usize,
    pub system_actors: usize,
    pub gold_events: usize,
    pub system_events: usize,
    pub gold_claims: usize,
    pub system_claims: usize,
}

/// The lowest acceptable figures of a [`Score`] (`None`: no bar).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Bars {
    /// Actors F1.
    pub actors: Option<f64>,
    /// Typed events F1.
    pub events: Option<f64>,
    /// Claims F1.
    pub claims: Option<f64>,
    /// Share of matched events with the right date.
    pub dates: Option<f64>,
}

/// The scores of a graph against gold.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Score {
    pub documents: Vec<DocumentScore>,
    pub actors: Prf,
    pub places: Prf,
    pub events: Prf,
    pub event_pairs: Prf,
    pub claims: Prf,
    pub dates_right: usize,
    pub dates_total: usize,
    /// Documents of the gold that the graph does not hold.
    pub missing_documents: Vec<String>,
    /// What was missed and what was spurious, per document (for `--verbose`).
    pub details: Vec<String>,
}

impl Score {
    /// Share of matched gold events with a date that the system dates right.
    pub fn date_accuracy(&self) -> f64 {
        if self.dates_total == 0 {
            0.0
        } else {
            self.dates_right as f64 / self.dates_total as f64
        }
    }

    /// The bars this score falls short of, as "events 0.480 < 0.5", in the order actors,
    /// events, claims, dates.
    ///
    /// ```
    /// use dossier::eval::{Bars, Score};
    ///
    /// let score = Score { dates_right: 1, dates_total: 2, ..Score::default() };
    /// let bars = Bars { dates: Some(0.85), ..Bars::default() };
    /// assert_eq!(score.short_of(&bars), ["dates 0.500 < 0.85"]);
    /// ```
    pub fn short_of(&self, bars: &Bars) -> Vec<String> {
        [
            ("actors", bars.actors, self.actors.f1()),
            ("events", bars.events, self.events.f1()),
            ("claims", bars.claims, self.claims.f1()),
            ("dates", bars.dates, self.date_accuracy()),
        ]
        .into_iter()
        .filter_map(|(name, bar, got)| bar.filter(|bar| got < *bar).map(|bar| format!("{name} {got:.3} < {bar}")))
        .collect()
    }

    /// Writes [`Score::report`], then the bars it falls short of ("below threshold: ..."), and
    /// returns those.
    pub fn write_text(&self, verbose: bool, bars: &Bars, mut out: impl std::io::Write) -> std::io::Result<Vec<String>> {
        write!(out, "{}", self.report(verbose))?;
        let short = self.short_of(bars);
        if !short.is_empty() {
            writeln!(out, "below threshold: {}", short.join(", "))?;
        }
        Ok(short)
    }

    /// The report, laid out as `score.py` prints it (with the details when `verbose`).
    pub fn report(&self, verbose: bool) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{:<30} {:>8} {:>8} {:>8}   (gold / system)", "document", "actors", "events", "claims");
        for d in &self.documents {
            if verbose {
                for line in self.details.iter().filter(|l| l.starts_with(&format!("  {}:", d.doc))) {
                    let _ = writeln!(out, "{line}");
                }
            }
            let _ = writeln!(
                out,
                "{:<30} {:>3} /{:>3} {:>3} /{:>3} {:>3} /{:>3}",
                d.doc, d.gold_actors, d.system_actors, d.gold_events, d.system_events, d.gold_claims, d.system_claims
            );
        }
        let _ = writeln!(out);
        for (name, prf) in [
            ("actors", self.actors),
            ("places", self.places),
            ("events", self.events),
            ("event-pairs", self.event_pairs),
            ("claims", self.claims),
        ] {
            let _ = writeln!(out, "{}", prf.row(name));
        }
        let _ = writeln!(
            out,
            "event dates    {}/{} matched events carry the gold date",
            self.dates_right, self.dates_total
        );
        let _ = writeln!(
            out,
            "summary: actors F1 {:.3} events F1 {:.3} claims F1 {:.3}",
            self.actors.f1(),
            self.events.f1(),
            self.claims.f1()
        );
        out
    }
}

static POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\u{2019}']s$").expect("valid"));
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(the|a|an)\s+").expect("valid"));
static PUNCTUATION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\w\s]").expect("valid"));
static SPACES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+").expect("valid"));
static WORDS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[a-z0-9]+").expect("valid"));

/// A name as the scorer compares it: lower case, no possessive, no leading article, no punctuation.
pub fn normalise_name(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let lower = POSSESSIVE.replace(&lower, "");
    let lower = ARTICLE.replace(&lower, "");
    let lower = PUNCTUATION.replace_all(&lower, " ");
    SPACES.replace_all(&lower, " ").trim().to_string()
}

const STOP_WORDS: [&str; 27] = [
    "the", "a", "an", "of", "to", "and", "that", "in", "on", "for", "be", "is", "are", "was", "were", "would", "will",
    "not", "it", "its", "their", "they", "with", "by", "as", "at", "",
];

/// Content words of a text, as the scorer counts them.
pub fn content_words(text: &str) -> HashSet<String> {
    let lower = text.to_lowercase();
    WORDS.find_iter(&lower).map(|m| m.as_str().to_string()).filter(|w| !STOP_WORDS.contains(&w.as_str())).collect()
}

struct Entity {
    names: BTreeSet<String>,
    place: bool,
    docs: BTreeSet<String>,
}

struct SystemEvent {
    event_type: Option<String>,
    agents: Vec<String>,
    targets: Vec<String>,
    date: Option<String>,
    docs: BTreeSet<String>,
    label: String,
}

struct SystemClaim {
    speakers: Vec<String>,
    content: String,
    docs: BTreeSet<String>,
}

/// The graph seen through the contract's vocabulary, in the scorer's order (subjects sorted as
/// N-Triples terms).
struct System {
    documents: BTreeMap<String, String>,
    entities: Vec<(String, Entity)>,
    events: Vec<SystemEvent>,
    claims: Vec<SystemClaim>,
}

fn term_value(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_string(),
        Term::Triple(t) => t.to_string(),
    }
}

fn read_system(store: &Store) -> Result<System, StoreError> {
    // s -> p -> [o], subjects in N-Triples order, objects in file order.
    let mut po: BTreeMap<String, HashMap<String, Vec<String>>> = BTreeMap::new();
    for quad in store.sorted_quads()? {
        if matches!(quad.object, Term::Triple(_)) || quad.to_string().contains("<<") {
            continue; // the scorer skips lines with triple terms
        }
        po.entry(quad.subject.to_string())
            .or_default()
            .entry(quad.predicate.as_str().to_string())
            .or_default()
            .push(term_value(&quad.object));
    }
    let subject = |key: &str| key.trim_start_matches('<').trim_end_matches('>').to_string();
    let objects = |s: &str, p: &str| -> Vec<String> {
        po.get(&format!("<{s}>")).and_then(|ps| ps.get(p)).cloned().unwrap_or_default()
    };
    let of_type = |t: &str| -> Vec<String> {
        po.iter()
            .filter(|(_, ps)| ps.get(RDF_TYPE).is_some_and(|ts| ts.iter().any(|x| x == t)))
            .map(|(s, _)| subject(s))
            .collect()
    };
    let mut documents = BTreeMap::new();
    for d in of_type(&format!("{DOS}Document")) {
        for name in objects(&d, &format!("{DOS}fileName")) {
            let base = name.rsplit('/').next().unwrap_or(&name).to_string();
            documents.insert(d.clone(), base);
        }
    }
    let mut entities = Vec::new();
    for (key, ps) in &po {
        let types: BTreeSet<&str> =
            ps.get(RDF_TYPE).into_iter().flatten().filter_map(|t| t.strip_prefix(DOS)).collect();
        if !types.contains("Actor") && !types.contains("Place") {
            continue;
        }
        let iri = subject(key);
        let names: BTreeSet<String> = objects(&iri, &format!("{RDFS}label"))
            .into_iter()
            .chain(objects(&iri, &format!("{SKOS}altLabel")))
            .collect();
        let mut docs = BTreeSet::new();
        for m in objects(&iri, &format!("{GAF}denotedBy")) {
            for context in objects(&m, &format!("{NIF}referenceContext")) {
                if let Some(doc) = documents.get(&context) {
                    docs.insert(doc.clone());
                }
            }
        }
        let place = types.contains("Place") && !types.contains("Actor");
        entities.push((iri, Entity { names, place, docs }));
    }
    let docs_of = |item: &str| -> BTreeSet<String> {
        objects(item, &format!("{PROV}wasDerivedFrom")).iter().filter_map(|d| documents.get(d).cloned()).collect()
    };
    let events = of_type(&format!("{SEM}Event"))
        .into_iter()
        .map(|e| SystemEvent {
            event_type: objects(&e, &format!("{SEM}eventType"))
                .first()
                .map(|t| t.rsplit('#').next().unwrap_or(t).to_string()),
            agents: objects(&e, &format!("{DOS}agent")),
            targets: objects(&e, &format!("{DOS}target")),
            date: objects(&e, &format!("{DOS}date")).first().cloned(),
            docs: docs_of(&e),
            label: objects(&e, &format!("{RDFS}label")).first().cloned().unwrap_or_else(|| e.clone()),
        })
        .collect();
    let claims = of_type(&format!("{DOS}Claim"))
        .into_iter()
        .map(|c| SystemClaim {
            speakers: objects(&c, &format!("{DOS}claimant")),
            content: objects(&c, &format!("{DOS}content")).join(" "),
            docs: docs_of(&c),
        })
        .collect();
    Ok(System { documents, entities, events, claims })
}

/// Maximum one-to-one matching of gold to system items (augmenting paths, in the scorer's
/// order); returns (gold index, system index) pairs.
fn best_match(n_gold: usize, n_system: usize, fits: impl Fn(usize, usize) -> bool) -> Vec<(usize, usize)> {
    let candidates: Vec<Vec<usize>> = (0..n_gold).map(|g| (0..n_system).filter(|&s| fits(g, s)).collect()).collect();
    let mut owner: Vec<Option<usize>> = vec![None; n_system];
    // Insertion order of the scorer's dict, so the same pairs come out.
    let mut order: Vec<usize> = Vec::new();
    fn augment(
        g: usize,
        candidates: &[Vec<usize>],
        owner: &mut [Option<usize>],
        seen: &mut [bool],
        order: &mut Vec<usize>,
    ) -> bool {
        for &s in &candidates[g] {
            if seen[s] {
                continue;
            }
            seen[s] = true;
            let free = match owner[s] {
                None => true,
                Some(other) => augment(other, candidates, owner, seen, order),
            };
            if free {
                if owner[s].is_none() {
                    order.push(s);
                }
                owner[s] = Some(g);
                return true;
            }
        }
        false
    }
    for g in 0..n_gold {
        let mut seen = vec![false; n_system];
        augment(g, &candidates, &mut owner, &mut seen, &mut order);
    }
    order.into_iter().filter_map(|s| owner[s].map(|g| (g, s))).collect()
}

fn same_date(gold: &GoldEvent, system: Option<&str>) -> bool {
    let (Some(want), Some(got)) = (gold.date.as_deref(), system) else { return false };
    let prefix = |s: &str, n: usize| s.get(..n).map(str::to_string).unwrap_or_else(|| s.to_string());
    match gold.date_precision.as_deref().unwrap_or("day") {
        "year" => prefix(got, 4) == prefix(want, 4),
        "month" => prefix(got, 7) == prefix(want, 7),
        "week" => {
            let parse = |s: &str| s.get(..10).and_then(|d| d.parse::<jiff::civil::Date>().ok());
            match (parse(got), parse(want)) {
                (Some(a), Some(b)) => (a - b).get_days().abs() <= 6,
                _ => false,
            }
        }
        _ => prefix(got, 10) == prefix(want, 10),
    }
}

/// Scores the graph in `store` against `gold`.
pub fn score(store: &Store, gold: &[GoldDocument]) -> Result<Score, EvalError> {
    let system = read_system(store)?;
    // Gold id -> normalised names over every document.
    let mut gold_names: BTreeMap<String, HashSet<String>> = BTreeMap::new();
    for document in gold {
        for actor in &document.actors {
            let names = gold_names.entry(actor.id.clone()).or_default();
            names.extend(actor.names.iter().map(|n| normalise_name(n)));
            names.insert(normalise_name(&actor.id.replace('_', " ")));
        }
    }
    let entity_ids: HashMap<&str, BTreeSet<String>> = system
        .entities
        .iter()
        .map(|(iri, e)| {
            let names: HashSet<String> = e.names.iter().map(|n| normalise_name(n)).collect();
            let ids = gold_names.iter().filter(|(_, g)| !g.is_disjoint(&names)).map(|(id, _)| id.clone()).collect();
            (iri.as_str(), ids)
        })
        .collect();
    let ids_of = |iris: &[String]| -> BTreeSet<String> {
        iris.iter().flat_map(|iri| entity_ids.get(iri.as_str()).cloned().unwrap_or_default()).collect()
    };
    let names_of = |iri: &str| -> String {
        system
            .entities
            .iter()
            .find(|(i, _)| i == iri)
            .map(|(_, e)| e.names.iter().take(2).cloned().collect::<Vec<_>>().join(" / "))
            .unwrap_or_default()
    };

    let present: BTreeSet<&String> = system.documents.values().collect();
    let mut score = Score {
        documents: Vec::new(),
        actors: Prf::default(),
        places: Prf::default(),
        events: Prf::default(),
        event_pairs: Prf::default(),
        claims: Prf::default(),
        dates_right: 0,
        dates_total: 0,
        missing_documents: gold.iter().filter(|g| !present.contains(&g.doc)).map(|g| g.doc.clone()).collect(),
        details: Vec::new(),
    };
    for document in gold {
        let doc = &document.doc;
        let gold_types: BTreeMap<&str, &str> =
            document.actors.iter().map(|a| (a.id.as_str(), a.kind.as_str())).collect();
        let all_gold: BTreeSet<String> = gold_types.keys().map(|k| k.to_string()).collect();
        for (kind, place_kind) in [("actor", false), ("place", true)] {
            let want: BTreeSet<String> = gold_types
                .iter()
                .filter(|(_, t)| (**t == "Place") == place_kind)
                .map(|(id, _)| id.to_string())
                .collect();
            let candidates: Vec<&String> = system
                .entities
                .iter()
                .filter(|(_, e)| e.docs.contains(doc) && e.place == place_kind)
                .map(|(iri, _)| iri)
                .collect();
            let ids: Vec<&BTreeSet<String>> = candidates.iter().map(|iri| &entity_ids[iri.as_str()]).collect();
            let wanted: Vec<&String> = want.iter().collect();
            let pairs = best_match(wanted.len(), candidates.len(), |g, s| ids[s].contains(wanted[g]));
            let matched: BTreeSet<usize> = pairs.iter().map(|(_, s)| *s).collect();
            let spurious: Vec<usize> = (0..candidates.len())
                .filter(|j| !matched.contains(j) && (!ids[*j].is_disjoint(&want) || ids[*j].is_disjoint(&all_gold)))
                .collect();
            let prf = if place_kind { &mut score.places } else { &mut score.actors };
            prf.add(pairs.len(), spurious.len(), want.len() - pairs.len());
            let found: BTreeSet<usize> = pairs.iter().map(|(g, _)| *g).collect();
            let missed: Vec<&str> =
                (0..wanted.len()).filter(|g| !found.contains(g)).map(|g| wanted[g].as_str()).collect();
            if !missed.is_empty() {
                score.details.push(format!("  {doc}: missed {kind}s {missed:?}"));
            }
            if !spurious.is_empty() {
                let names: Vec<String> = spurious.iter().map(|&j| names_of(candidates[j])).collect();
                score.details.push(format!("  {doc}: spurious {kind}s {names:?}"));
            }
        }

        let system_events: Vec<&SystemEvent> = system.events.iter().filter(|e| e.docs.contains(doc)).collect();
        let event_ids: Vec<(BTreeSet<String>, BTreeSet<String>)> =
            system_events.iter().map(|e| (ids_of(&e.agents), ids_of(&e.targets))).collect();
        let args_ok = |g: &GoldEvent, s: usize| {
            let agents: BTreeSet<String> = g.agent.iter().chain(g.co_agents.iter().flatten()).cloned().collect();
            if !agents.is_empty() && agents.is_disjoint(&event_ids[s].0) {
                return false;
            }
            g.target.as_ref().is_none_or(|t| event_ids[s].1.contains(t))
        };
        let typed_ok = |g: &GoldEvent, s: usize| {
            system_events[s].event_type.as_deref() == Some(g.event_type.as_str()) && args_ok(g, s)
        };
        let gold_events = &document.events;
        let matched = best_match(gold_events.len(), system_events.len(), |g, s| typed_ok(&gold_events[g], s));
        score.events.add(matched.len(), system_events.len() - matched.len(), gold_events.len() - matched.len());
        let untyped = best_match(gold_events.len(), system_events.len(), |g, s| args_ok(&gold_events[g], s));
        score.event_pairs.add(untyped.len(), system_events.len() - untyped.len(), gold_events.len() - untyped.len());
        for (g, _) in &matched {
            let gold_event = &gold_events[*g];
            if gold_event.date.is_some() {
                score.dates_total += 1;
                let right = (0..system_events.len())
                    .any(|s| typed_ok(gold_event, s) && same_date(gold_event, system_events[s].date.as_deref()));
                score.dates_right += usize::from(right);
                if !right {
                    score.details.push(format!(
                        "  {doc}: wrong date for {} {:?} (gold {})",
                        gold_event.event_type,
                        gold_event.evidence,
                        gold_event.date.as_deref().unwrap_or("-")
                    ));
                }
            }
        }
        let found: BTreeSet<usize> = matched.iter().map(|(g, _)| *g).collect();
        for (g, event) in gold_events.iter().enumerate().filter(|(g, _)| !found.contains(g)) {
            let _ = g;
            score.details.push(format!(
                "  {doc}: missed event {} {}->{} {:?}",
                event.event_type,
                event.agent.as_deref().unwrap_or("-"),
                event.target.as_deref().unwrap_or("-"),
                event.evidence
            ));
        }
        let used: BTreeSet<usize> = matched.iter().map(|(_, s)| *s).collect();
        for (s, event) in system_events.iter().enumerate().filter(|(s, _)| !used.contains(s)) {
            let _ = s;
            score.details.push(format!(
                "  {doc}: spurious event {} ({})",
                event.label,
                event.date.as_deref().unwrap_or("undated")
            ));
        }

        let system_claims: Vec<(BTreeSet<String>, HashSet<String>, &SystemClaim)> = system
            .claims
            .iter()
            .filter(|c| c.docs.contains(doc))
            .map(|c| (ids_of(&c.speakers), content_words(&c.content), c))
            .collect();
        let claim_ok = |g: &GoldClaim, s: usize| {
            let speakers: BTreeSet<String> = g.speaker.iter().chain(g.co_speakers.iter().flatten()).cloned().collect();
            if !speakers.is_empty() && speakers.is_disjoint(&system_claims[s].0) {
                return false;
            }
            let words = content_words(&g.evidence);
            !words.is_empty() && words.intersection(&system_claims[s].1).count() as f64 / words.len() as f64 >= 0.5
        };
        let gold_claims = &document.claims;
        let matched = best_match(gold_claims.len(), system_claims.len(), |g, s| claim_ok(&gold_claims[g], s));
        score.claims.add(matched.len(), system_claims.len() - matched.len(), gold_claims.len() - matched.len());
        let found: BTreeSet<usize> = matched.iter().map(|(g, _)| *g).collect();
        for claim in gold_claims.iter().enumerate().filter(|(g, _)| !found.contains(g)).map(|(_, c)| c) {
            score.details.push(format!(
                "  {doc}: missed claim by {} {:?}",
                claim.speaker.as_deref().unwrap_or("-"),
                claim.evidence
            ));
        }
        let used: BTreeSet<usize> = matched.iter().map(|(_, s)| *s).collect();
        for (_, _, claim) in system_claims.iter().enumerate().filter(|(s, _)| !used.contains(s)).map(|(_, c)| c) {
            score.details.push(format!(
                "  {doc}: spurious claim by {:?} {:?}",
                claim.speakers.iter().map(|s| names_of(s)).collect::<Vec<_>>(),
                claim.content
            ));
        }

        score.documents.push(DocumentScore {
            doc: doc.clone(),
            gold_actors: document.actors.len(),
            system_actors: system.entities.iter().filter(|(_, e)| e.docs.contains(doc)).count(),
            gold_events: gold_events.len(),
            system_events: system_events.len(),
            gold_claims: gold_claims.len(),
            system_claims: system_claims.len(),
        });
    }
    Ok(score)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise_like_the_scorer() {
        assert_eq!(normalise_name("  The Taliban’s "), "taliban");
        assert_eq!(normalise_name("U.S."), "u s");
        assert_eq!(normalise_name("the extremists' groups"), "extremists groups");
        assert_eq!(
            normalise_name("Russia's largest international military base"),
            "russia s largest international military base"
        );
    }

    #[test]
    fn matching_is_maximal() {
        // gold 0 fits system 0 and 1; gold 1 fits system 0 only: both can be matched.
        let pairs = best_match(2, 2, |g, s| (g, s) != (1, 1));
        assert_eq!(pairs.len(), 2);
        assert!(pairs.contains(&(1, 0)) && pairs.contains(&(0, 1)));
    }

    #[test]
    fn dates_compare_at_gold_precision() {
        let event = |date: &str, precision: &str| GoldEvent {
            event_type: "CONSULT".into(),
            agent: None,
            co_agents: None,
            target: None,
            date: Some(date.into()),
            date_precision: Some(precision.into()),
            evidence: String::new(),
        };
        assert!(same_date(&event("2021-07-05", "week"), Some("2021-07-09")));
        assert!(!same_date(&event("2021-07-05", "week"), Some("2021-07-12")));
        assert!(same_date(&event("2021-03-01", "month"), Some("2021-03-28")));
        assert!(same_date(&event("2018-01-01", "year"), Some("2018-06-01")));
        assert!(!same_date(&event("2021-07-08", "day"), Some("2021-07-09")));
    }
}
