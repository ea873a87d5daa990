//! The orchestrator: one value that wires the pipeline stages together over a store.
//!
//! ```
//! use dossier::Dossier;
//!
//! let dir = std::env::temp_dir().join(format!("dossier-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! std::fs::write(dir.join("a.txt"), "date 2021-07-09\n\nTaliban representatives visited Moscow on July 8.\n")?;
//! let dossier = Dossier::in_memory()?;
//! let report = dossier.build(&[dir.clone()], &|_| {})?;
//! assert_eq!(report.added(), 1);
//! let events = dossier::traverse::events(dossier.store(), None)?;
//! assert_eq!(events[0].event_type, "CONSULT");
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::analysis::{ActorNetwork, AnalysisError};
use crate::corpus::{self, CorpusError, Document};
use crate::extract::{self, Findings, Polarity};
use crate::lexicon::{Lexicon, LexiconError};
use crate::rdf;
use crate::resolve::{self, Resolver, Stance};
use crate::store::{Store, StoreError};
use crate::vocab;

/// Documents written per transaction.
const BATCH: usize = 256;

/// Errors of the library's top-level operations.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
    #[error(transparent)]
    Export(#[from] crate::export::ExportError),
}

/// What happened to one document of a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Added,
    /// Its content hash was already in the store (or earlier in the batch).
    AlreadyPresent,
}

/// One document of a build, with what was found in it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BuiltDocument {
    pub file_name: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub publisher: Option<String>,
    pub outcome: Outcome,
    pub actors: usize,
    pub events: usize,
    pub claims: usize,
}

/// The result of a build.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct BuildReport {
    pub documents: Vec<BuiltDocument>,
    /// Files or records that could not be read, with why.
    pub skipped: Vec<String>,
    /// Problems that did not stop a document (e.g. bytes replaced in invalid UTF-8).
    pub warnings: Vec<String>,
    pub quads_before: usize,
    pub quads_after: usize,
}

impl BuildReport {
    /// Number of documents added to the store.
    pub fn added(&self) -> usize {
        self.documents.iter().filter(|d| d.outcome == Outcome::Added).count()
    }
}

/// Progress of a build, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// `total` files found.
    Files { total: usize },
    /// One more file read and extracted.
    FileDone,
    /// Writing a batch to the store.
    Writing,
}

/// What reading one file gave.
enum FileOutcome {
    Read { documents: Vec<(Document, Findings)>, problems: Vec<String>, warnings: Vec<String> },
    Unreadable(CorpusError),
}

/// A knowledge graph of news documents: a store and the lexicons that fill it.
pub struct Dossier {
    store: Store,
    lexicon: Lexicon,
}

impl Dossier {
    /// Opens (or creates) a graph on disk, with the shipped lexicons.
    #[cfg(feature = "rocksdb")]
    pub fn open(path: &Path) -> Result<Dossier, Error> {
        Ok(Dossier { store: Store::open(path)?, lexicon: Lexicon::builtin()? })
    }

    /// Opens an existing graph on disk for reading only.
    #[cfg(feature = "rocksdb")]
    pub fn open_read_only(path: &Path) -> Result<Dossier, Error> {
        Ok(Dossier { store: Store::open_read_only(path)?, lexicon: Lexicon::builtin()? })
    }

    /// A graph in memory.
    pub fn in_memory() -> Result<Dossier, Error> {
        Ok(Dossier { store: Store::memory()?, lexicon: Lexicon::builtin()? })
    }

    /// Uses these lexicons for later builds.
    #[must_use]
    pub fn with_lexicon(mut self, lexicon: Lexicon) -> Dossier {
        self.lexicon = lexicon;
        self
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The lexicons.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Reads files and folders, extracts and stores their documents. Bad files are reported in
    /// [`BuildReport::skipped`] and do not stop the others; documents already in the store are
    /// not added again, so building twice changes nothing.
    pub fn build(&self, paths: &[PathBuf], progress: &(dyn Fn(Progress) + Sync)) -> Result<BuildReport, Error> {
        let mut report = BuildReport { quads_before: self.store.len()?, ..BuildReport::default() };
        let (files, problems) = corpus::collect_files(paths);
        report.skipped.extend(problems.iter().map(ToString::to_string));
        progress(Progress::Files { total: files.len() });
        let mut seen = BTreeSet::new();
        for chunk in files.chunks(BATCH) {
            let read: Vec<FileOutcome> = chunk
                .par_iter()
                .map(|path| {
                    let outcome = self.read_and_extract(path);
                    progress(Progress::FileDone);
                    outcome
                })
                .collect();
            let mut batch = Vec::new();
            for outcome in read {
                match outcome {
                    FileOutcome::Read { documents, problems, warnings } => {
                        batch.extend(documents);
                        report.skipped.extend(problems);
                        report.warnings.extend(warnings);
                    }
                    FileOutcome::Unreadable(e) => report.skipped.push(e.to_string()),
                }
            }
            progress(Progress::Writing);
            self.write_batch(batch, &mut seen, &mut report)?;
        }
        self.store.flush()?;
        report.quads_after = self.store.len()?;
        Ok(report)
    }

    fn read_and_extract(&self, path: &Path) -> FileOutcome {
        match corpus::read_file(path, &self.lexicon.boilerplate) {
            Ok(contents) => FileOutcome::Read {
                problems: contents.problems.iter().map(ToString::to_string).collect(),
                warnings: contents.warnings,
                documents: contents
                    .documents
                    .into_iter()
                    .map(|d| {
                        let findings = extract::extract(&d, &self.lexicon);
                        (d, findings)
                    })
                    .collect(),
            },
            Err(e) => FileOutcome::Unreadable(e),
        }
    }

    /// Adds already-read documents (e.g. built in memory by a program).
    pub fn add_documents(&self, documents: Vec<Document>) -> Result<BuildReport, Error> {
        let mut report = BuildReport { quads_before: self.store.len()?, ..BuildReport::default() };
        let batch: Vec<(Document, Findings)> = documents
            .into_par_iter()
            .map(|d| {
                let findings = extract::extract(&d, &self.lexicon);
                (d, findings)
            })
            .collect();
        self.write_batch(batch, &mut BTreeSet::new(), &mut report)?;
        report.quads_after = self.store.len()?;
        Ok(report)
    }

    fn write_batch(
        &self,
        batch: Vec<(Document, Findings)>,
        seen: &mut BTreeSet<String>,
        report: &mut BuildReport,
    ) -> Result<(), Error> {
        let mut resolver = Resolver::default();
        let mut quads = Vec::new();
        let mut stances = Vec::new();
        for (document, findings) in batch {
            let iri = vocab::document(document.id.short());
            let present = !seen.insert(iri.clone()) || self.store.has_document(&iri)?;
            report.documents.push(BuiltDocument {
                file_name: document.file_name.clone(),
                title: document.title.clone(),
                published: document.published.map(|d| d.to_string()),
                publisher: document.publisher.clone(),
                outcome: if present { Outcome::AlreadyPresent } else { Outcome::Added },
                actors: findings.actors.len(),
                events: findings.events.len(),
                claims: findings.claims.len(),
            });
            if present {
                continue;
            }
            for event in &findings.events {
                resolver.record(&resolve::event_iri(event), &iri);
            }
            for claim in &findings.claims {
                let claim_iri = resolve::claim_iri_in(claim, &document.text);
                resolver.record(&claim_iri, &iri);
                stances.push(Stance {
                    side: self.side_of(&claim.claimant.0),
                    negative: claim.polarity == Polarity::Negative,
                    relation: claim.relation.as_ref().map(|(a, t, b)| (a.0.clone(), *t, b.0.clone())),
                    about: claim.about.iter().map(|a| a.0.clone()).collect(),
                    words: Stance::words_of(&document.text[claim.content.clone()]),
                    claim: claim_iri,
                });
            }
            quads.extend(rdf::document_quads(&document, &findings));
        }
        let known = self.store.sources_of(resolver.items().collect::<Vec<_>>())?;
        resolver.seed(known);
        let known_stances = if stances.is_empty() { Vec::new() } else { self.stored_stances()? };
        for (a, b) in resolve::contradictions(&stances, &known_stances) {
            quads.push(rdf::contradiction_quad(&a, &b));
            quads.push(rdf::contradiction_quad(&b, &a));
        }
        self.store.commit_batch(&quads, &resolver.source_counts())?;
        Ok(())
    }

    /// The side a speaker speaks for: its state when the gazetteer knows it, else itself.
    fn side_of(&self, speaker: &str) -> String {
        let gazetteer = &self.lexicon.gazetteer;
        gazetteer
            .by_iri(speaker)
            .and_then(|e| gazetteer.country_of(e))
            .map(|c| gazetteer.entry(c).iri.clone())
            .unwrap_or_else(|| speaker.to_string())
    }

    /// The stances of the claims already in the store.
    fn stored_stances(&self) -> Result<Vec<Stance>, Error> {
        let rows = self.store.select(
            "SELECT ?c ?speaker ?polarity ?content ?about ?s ?p ?o WHERE {
               ?c a dos:Claim ; dos:claimant ?speaker ; dos:polarity ?polarity ; dos:content ?content .
               OPTIONAL { ?c dos:about ?about }
               OPTIONAL { ?c rdf:reifies <<( ?s ?p ?o )>> }
             }",
            &[],
        )?;
        let mut stances: std::collections::BTreeMap<String, Stance> = std::collections::BTreeMap::new();
        for row in rows {
            let text = |name: &str| match row.get(name) {
                Some(oxigraph::model::Term::NamedNode(n)) => Some(n.as_str().to_string()),
                Some(oxigraph::model::Term::Literal(l)) => Some(l.value().to_string()),
                _ => None,
            };
            let Some(claim) = text("c") else { continue };
            let stance = stances.entry(claim.clone()).or_insert_with(|| Stance {
                side: self.side_of(&text("speaker").unwrap_or_default()),
                negative: text("polarity").as_deref() == Some("negative"),
                relation: None,
                about: BTreeSet::new(),
                words: Stance::words_of(&text("content").unwrap_or_default()),
                claim,
            });
            stance.about.extend(text("about"));
            if let (Some(s), Some(p), Some(o)) = (text("s"), text("p"), text("o")) {
                let event_type = p.strip_prefix(vocab::DOS).and_then(|local| local.to_uppercase().parse().ok());
                if let Some(event_type) = event_type {
                    stance.relation = Some((s, event_type, o));
                }
            }
        }
        Ok(stances.into_values().collect())
    }

    /// The actor named `name` (label or alias, case-insensitive), to walk from: its events,
    /// claims and neighbours.
    pub fn actor(&self, name: &str) -> Result<Option<crate::traverse::ActorView<'_>>, Error> {
        Ok(crate::traverse::ActorView::find(&self.store, name)?)
    }

    /// A shortest path between two named actors in the actor network, each hop with the events
    /// and claims that make it; `None` when either is unknown or they are not connected.
    pub fn path(&self, from: &str, to: &str) -> Result<Option<Vec<crate::traverse::Hop>>, Error> {
        let (Some(a), Some(b)) = (self.actor(from)?, self.actor(to)?) else { return Ok(None) };
        let network = self.network()?;
        let (Some(start), Some(end)) = (network.node(&a.record.iri), network.node(&b.record.iri)) else {
            return Ok(None);
        };
        match network.shortest_path(start, end) {
            Some(path) => Ok(Some(crate::traverse::hops(&self.store, &network, &path)?)),
            None => Ok(None),
        }
    }

    /// The actor network of everything in the store.
    pub fn network(&self) -> Result<ActorNetwork, Error> {
        Ok(ActorNetwork::from_store(&self.store)?)
    }
}
