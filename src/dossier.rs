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

use std::collections::{BTreeSet, HashSet};
#[cfg(feature = "rocksdb")]
use std::path::Path;
use std::path::PathBuf;
use std::sync::mpsc::SyncSender;

use oxigraph::model::NamedNode;
use rayon::prelude::*;

use crate::analysis::{ActorNetwork, AnalysisError};
use crate::corpus::{self, CorpusError, Document, FileContents};
use crate::extract::{self, Findings};
use crate::lexicon::{Lexicon, LexiconError};
use crate::rdf;
use crate::resolve::{self, Resolver};
use crate::store::{Store, StoreError};
use crate::vocab;
use window::{Committed, Window};

mod shard;
mod window;
pub use shard::{MergeReport, Shard, ShardError};

/// Documents extracted and handed to the store at a time.
pub const BATCH: usize = 256;

/// Documents mapped to RDF at a time (in parallel) before their quads go to the loader.
const GRAPH_GROUP: usize = 16;

/// Documents committed to the store at a time (see `window::Window`).
pub const WINDOW: usize = 16384;

/// Files read in parallel at a time (a JSON Lines file may hold many documents).
const FILE_GROUP: usize = 64;

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
    #[error("cannot read {}: {cause}", path.display())]
    Read { path: PathBuf, cause: std::io::Error },
    #[error("cannot write {}: {cause}", path.display())]
    Write { path: PathBuf, cause: std::io::Error },
    #[error("{}: {message}", path.display())]
    Part { path: PathBuf, message: String },
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
    /// Names the entity recogniser found that no rule linked or typed.
    pub unlinked: Vec<String>,
}

/// The result of a build.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct BuildReport {
    pub documents: Vec<BuiltDocument>,
    /// Files or records that could not be read, with why.
    pub skipped: Vec<String>,
    /// Problems that did not stop a document (e.g. bytes replaced in invalid UTF-8).
    pub warnings: Vec<String>,
    /// Quads handed to the store (some of which it may already have held).
    pub quads_written: usize,
    /// How long each commit took, step by step (`dossier build --timings` prints them).
    pub commits: Vec<CommitTimes>,
}

/// The time (seconds) one commit of a build took, step by step, from the window's opening to
/// its ingestion: where a large build spends its time.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct CommitTimes {
    /// Documents the commit added.
    pub documents: usize,
    /// From the window's opening to the commit: receiving the read and extracted documents,
    /// mapping them to RDF and handing the quads to the bulk loader (which sorts them).
    pub loading: f64,
    /// Applying the source-count updates the commit before deferred.
    pub deferred_counts: f64,
    /// Reading the stored source counts of the window's events and claims, and handing the
    /// counts of those the store lacks to the loader.
    pub stored_counts: f64,
    /// Finding which of the window's actor definitions the store lacks.
    pub definitions: f64,
    /// The bulk loader's last batches and the atomic ingestion into the store.
    pub ingestion: f64,
    /// Applying this commit's source-count updates right away (after the last window, or in
    /// memory).
    pub counts: f64,
}

impl CommitTimes {
    /// All the steps.
    pub fn total(&self) -> f64 {
        self.loading + self.deferred_counts + self.stored_counts + self.definitions + self.ingestion + self.counts
    }

    /// The table of `build --timings`: one row per commit, seconds per step.
    ///
    /// ```
    /// use dossier::CommitTimes;
    ///
    /// let table = CommitTimes::table(&[CommitTimes { documents: 5, loading: 0.25, ..CommitTimes::default() }]);
    /// assert_eq!(table.lines().count(), 2);
    /// assert!(table.lines().nth(1).unwrap().starts_with("     1         5       0.2"));
    /// ```
    pub fn table(commits: &[CommitTimes]) -> String {
        let mut table = format!(
            "{:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}\n",
            "commit", "documents", "loading", "deferred", "stored", "defs", "ingest", "counts", "total"
        );
        for (i, t) in commits.iter().enumerate() {
            table.push_str(&format!(
                "{:>6} {:>9} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1}\n",
                i + 1,
                t.documents,
                t.loading,
                t.deferred_counts,
                t.stored_counts,
                t.definitions,
                t.ingestion,
                t.counts,
                t.total()
            ));
        }
        table
    }
}

impl BuildReport {
    /// What the build did, in words: "5 documents added, 2 already in the store in 0.31 s (3034
    /// quads written)", given the seconds it took.
    ///
    /// ```
    /// assert_eq!(dossier::BuildReport::default().describe(1.5), "0 documents added in 1.50 s (0 quads written)");
    /// ```
    pub fn describe(&self, seconds: f64) -> String {
        let present = self.documents.len() - self.added();
        let already = if present > 0 { format!(", {present} already in the store") } else { String::new() };
        format!("{} documents added{already} in {seconds:.2} s ({} quads written)", self.added(), self.quads_written)
    }

    /// Number of documents added to the store.
    pub fn added(&self) -> usize {
        self.documents.iter().filter(|d| d.outcome == Outcome::Added).count()
    }

    /// What extraction missed in the documents this build added: those with no event and no
    /// claim, and the names the entity recogniser found that nothing linked or typed, most
    /// frequent first (at most `top`).
    pub fn coverage(&self, top: usize) -> Coverage {
        let added = || self.documents.iter().filter(|d| d.outcome == Outcome::Added);
        let without_items: Vec<String> =
            added().filter(|d| d.events == 0 && d.claims == 0).map(|d| d.file_name.clone()).collect();
        let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for d in added() {
            for name in &d.unlinked {
                *counts.entry(name.as_str()).or_default() += 1;
            }
        }
        let distinct_unlinked = counts.len();
        let mut unlinked: Vec<(String, usize)> = counts.into_iter().map(|(n, c)| (n.to_string(), c)).collect();
        unlinked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        unlinked.truncate(top);
        Coverage { documents: added().count(), without_items, distinct_unlinked, unlinked }
    }
}

/// What extraction missed in a build ([`BuildReport::coverage`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Coverage {
    /// Documents added.
    pub documents: usize,
    /// Files of the added documents with no event and no claim.
    pub without_items: Vec<String>,
    /// Distinct names the recogniser found that nothing linked or typed.
    pub distinct_unlinked: usize,
    /// The most frequent of them, with the number of documents naming them.
    pub unlinked: Vec<(String, usize)>,
}

impl Coverage {
    /// The coverage as a few lines of text.
    pub fn write_text(&self, mut out: impl std::io::Write) -> std::io::Result<()> {
        if self.documents == 0 {
            return Ok(());
        }
        writeln!(out, "\nCoverage")?;
        let listed: Vec<&str> = self.without_items.iter().take(5).map(String::as_str).collect();
        writeln!(
            out,
            "  {} of {} documents with no event or claim{}{}",
            self.without_items.len(),
            self.documents,
            if listed.is_empty() { String::new() } else { format!(": {}", listed.join(", ")) },
            if self.without_items.len() > listed.len() { ", ..." } else { "" }
        )?;
        if self.distinct_unlinked > 0 {
            let names: Vec<String> =
                self.unlinked.iter().map(|(n, c)| if *c > 1 { format!("{n} ({c})") } else { n.clone() }).collect();
            writeln!(
                out,
                "  {} names the entity recogniser found were not linked or typed{}",
                self.distinct_unlinked,
                if names.is_empty() { String::new() } else { format!(": {}", names.join(", ")) }
            )?;
        }
        Ok(())
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

/// One document read, extracted and mapped to RDF, ready for the writer: everything that
/// depends on the document alone, computed in parallel.
struct Prepared {
    iri: String,
    summary: BuiltDocument,
    document: Document,
    findings: Findings,
    /// The events and claims it reports.
    items: Vec<String>,
}

/// What the reading stage hands the writer, in file order.
enum Delivery {
    /// Files that could not be read (or records of them), and warnings.
    Problems {
        skipped: Vec<String>,
        warnings: Vec<String>,
    },
    Batch(Vec<Prepared>),
}

/// A knowledge graph of news documents: a store and the lexicons that fill it.
pub struct Dossier {
    store: Store,
    lexicon: Lexicon,
    /// Documents committed at a time.
    window: usize,
}

impl Dossier {
    /// Opens (or creates) a graph on disk, with the shipped lexicons.
    #[cfg(feature = "rocksdb")]
    pub fn open(path: &Path) -> Result<Dossier, Error> {
        Ok(Dossier { store: Store::open(path)?, lexicon: Lexicon::builtin()?, window: WINDOW })
    }

    /// Opens an existing graph on disk for reading only.
    #[cfg(feature = "rocksdb")]
    pub fn open_read_only(path: &Path) -> Result<Dossier, Error> {
        Ok(Dossier { store: Store::open_read_only(path)?, lexicon: Lexicon::builtin()?, window: WINDOW })
    }

    /// A graph in memory.
    pub fn in_memory() -> Result<Dossier, Error> {
        Ok(Dossier { store: Store::memory()?, lexicon: Lexicon::builtin()?, window: WINDOW })
    }

    /// Uses these lexicons for later builds.
    #[must_use]
    pub fn with_lexicon(mut self, lexicon: Lexicon) -> Dossier {
        self.lexicon = lexicon;
        self
    }

    /// Commits `documents` documents at a time in later builds (default [`WINDOW`]; at least
    /// one). A smaller window holds less memory and costs time (RocksDB ingests and compacts
    /// more, smaller files); the graph is the same whatever the window.
    ///
    /// ```
    /// # use dossier::Dossier;
    /// let dossier = Dossier::in_memory()?.with_window(1024);
    /// let report = dossier.build(&["seeds".into()], &|_| {})?;
    /// assert_eq!(report.added(), 5);
    /// # Ok::<(), dossier::Error>(())
    /// ```
    #[must_use]
    pub fn with_window(mut self, documents: usize) -> Dossier {
        self.window = documents.max(1);
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
    ///
    /// Reading and extraction run on all cores, a batch of [`BATCH`] documents ahead of the
    /// writer, which hands each batch to the bulk loader and commits a window of documents at a
    /// time ([`Dossier::with_window`]). Dossier's own memory follows the window, not the corpus
    /// (RocksDB's grows with the store: BENCHMARKS.md). The result does not depend on the
    /// number of threads, the window, nor on how the documents are split over several builds.
    pub fn build(&self, paths: &[PathBuf], progress: &(dyn Fn(Progress) + Sync)) -> Result<BuildReport, Error> {
        self.finish_interrupted_build()?;
        let mut report = BuildReport::default();
        let (files, problems) = corpus::collect_files(paths);
        report.skipped.extend(problems.iter().map(ToString::to_string));
        progress(Progress::Files { total: files.len() });
        let committed = if self.store.is_empty()? {
            let bytes = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
            Some(Committed::for_input(bytes))
        } else {
            None
        };
        std::thread::scope(|scope| -> Result<(), Error> {
            let mut window = Window::first(&self.store, committed)?;
            // One batch waits while the next is prepared: the writer never starves, memory holds
            // at most three batches.
            let (sender, receiver) = std::sync::mpsc::sync_channel::<Delivery>(1);
            scope.spawn(move || self.read_and_prepare(&files, &|_| true, progress, &sender));
            for delivery in receiver {
                match delivery {
                    Delivery::Problems { skipped, warnings } => {
                        report.skipped.extend(skipped);
                        report.warnings.extend(warnings);
                    }
                    Delivery::Batch(batch) => {
                        progress(Progress::Writing);
                        // An error drops the receiver, which stops the reading thread.
                        self.write_batch(batch, &mut window, &mut report)?;
                        if window.added.len() >= self.window {
                            window = window.commit(&self.store, &mut report, false)?;
                        }
                    }
                }
            }
            window.commit(&self.store, &mut report, true)?;
            Ok(())
        })?;
        self.store.flush()?;
        Ok(report)
    }

    /// The reading stage: reads files a group at a time in parallel, keeps the documents `keep`
    /// accepts, cuts them into batches and prepares each batch in parallel. Stops when the
    /// writer hangs up.
    fn read_and_prepare(
        &self,
        files: &[PathBuf],
        keep: &(dyn Fn(&Document) -> bool + Sync),
        progress: &(dyn Fn(Progress) + Sync),
        out: &SyncSender<Delivery>,
    ) {
        let mut queue: Vec<Document> = Vec::new();
        let send_batches = |queue: &mut Vec<Document>, all: bool| -> bool {
            while queue.len() >= BATCH || (all && !queue.is_empty()) {
                let rest = queue.split_off(queue.len().min(BATCH));
                let batch = std::mem::replace(queue, rest);
                let prepared = batch.into_par_iter().map(|d| self.prepare(d)).collect();
                if out.send(Delivery::Batch(prepared)).is_err() {
                    return false;
                }
            }
            true
        };
        for group in files.chunks(FILE_GROUP) {
            let read: Vec<Result<FileContents, CorpusError>> = group
                .par_iter()
                .map(|path| {
                    let contents = corpus::read_file(path, &self.lexicon.boilerplate);
                    progress(Progress::FileDone);
                    contents
                })
                .collect();
            let (mut skipped, mut warnings) = (Vec::new(), Vec::new());
            for contents in read {
                match contents {
                    Ok(contents) => {
                        skipped.extend(contents.problems.iter().map(ToString::to_string));
                        warnings.extend(contents.warnings);
                        queue.extend(contents.documents.into_iter().filter(|d| keep(d)));
                    }
                    Err(e) => skipped.push(e.to_string()),
                }
            }
            if (!skipped.is_empty() || !warnings.is_empty())
                && out.send(Delivery::Problems { skipped, warnings }).is_err()
            {
                return;
            }
            if !send_batches(&mut queue, false) {
                return;
            }
        }
        send_batches(&mut queue, true);
    }

    /// Extracts a document and maps it to RDF.
    fn prepare(&self, document: Document) -> Prepared {
        let findings = extract::extract_document(&document, &self.lexicon);
        let iri = vocab::document(document.id.short());
        let mut items: Vec<String> = findings.events.iter().map(resolve::event_iri).collect();
        items.extend(findings.claims.iter().map(|c| resolve::claim_iri_in(c, &document.text)));
        let summary = BuiltDocument {
            file_name: document.file_name.clone(),
            title: document.title.clone(),
            published: document.published.map(|d| d.to_string()),
            publisher: document.publisher.clone(),
            outcome: Outcome::Added,
            actors: findings.actors.len(),
            events: findings.events.len(),
            claims: findings.claims.len(),
            unlinked: findings.unlinked.clone(),
        };
        Prepared { iri, summary, document, findings, items }
    }

    /// Adds already-read documents (e.g. built in memory by a program).
    pub fn add_documents(&self, documents: Vec<Document>) -> Result<BuildReport, Error> {
        self.finish_interrupted_build()?;
        let mut report = BuildReport::default();
        let committed = if self.store.is_empty()? {
            Some(Committed::for_input(documents.iter().map(|d| d.text.len() as u64).sum()))
        } else {
            None
        };
        let mut window = Window::first(&self.store, committed)?;
        let mut documents = documents;
        while !documents.is_empty() {
            let rest = documents.split_off(documents.len().min(BATCH.min(self.window)));
            let batch = std::mem::replace(&mut documents, rest);
            let prepared = batch.into_par_iter().map(|d| self.prepare(d)).collect();
            self.write_batch(prepared, &mut window, &mut report)?;
            if window.added.len() >= self.window {
                window = window.commit(&self.store, &mut report, false)?;
            }
        }
        window.commit(&self.store, &mut report, true)?;
        Ok(report)
    }

    /// Sorts a batch into the documents new to the store and to this build (returned, their
    /// items recorded in `resolver`) and the others; the
    /// report gets every document with its outcome.
    fn admit(
        &self,
        batch: Vec<Prepared>,
        seen: &mut HashSet<String>,
        resolver: &mut Resolver,
        report: &mut BuildReport,
    ) -> Result<Vec<Prepared>, Error> {
        let mut kept = Vec::new();
        for prepared in batch {
            let present = !seen.insert(prepared.iri.clone()) || self.store.has_document(&prepared.iri)?;
            let outcome = if present { Outcome::AlreadyPresent } else { Outcome::Added };
            report.documents.push(BuiltDocument { outcome, ..prepared.summary.clone() });
            if present {
                continue;
            }
            for item in &prepared.items {
                resolver.record(item, &prepared.iri);
            }
            kept.push(prepared);
        }
        Ok(kept)
    }

    /// Adds a batch to the open window: records what its documents report and hands their
    /// quads to the bulk loader. Documents already stored, or seen earlier in this build, are
    /// skipped.
    fn write_batch(
        &self,
        batch: Vec<Prepared>,
        window: &mut Window<'_>,
        report: &mut BuildReport,
    ) -> Result<(), Error> {
        let kept = self.admit(batch, &mut window.seen, &mut window.resolver, report)?;
        window.added.extend(kept.iter().map(|p| p.iri.clone()));
        // The quads, made here rather than by the reading stage and a few documents at a time:
        // they take ten times the memory of the documents and findings (a whole batch's made a
        // transient of about 250 MB).
        for group in kept.chunks(GRAPH_GROUP) {
            let graphs: Vec<rdf::DocumentGraph> =
                group.par_iter().map(|p| rdf::document_graph(&p.document, &p.findings)).collect();
            for graph in graphs {
                report.quads_written += graph.statements.len();
                if let Some(ledger) = &mut window.links {
                    for quad in &graph.statements {
                        ledger.record(quad);
                    }
                }
                window.loader.load(graph.statements)?;
                window.definitions.extend(graph.definitions);
            }
        }
        Ok(())
    }

    /// Completes a build that was interrupted between storing a batch and updating the source
    /// counts it changed: recounts the sources of every event and claim of the marked documents.
    fn finish_interrupted_build(&self) -> Result<(), Error> {
        let pending = self.store.pending_documents()?;
        if pending.is_empty() {
            return Ok(());
        }
        let derived = format!("{}wasDerivedFrom", vocab::PROV);
        let mut items = BTreeSet::new();
        for document in &pending {
            items.extend(self.store.subjects(&derived, &NamedNode::new_unchecked(document.as_str()).into())?);
        }
        let mut counts = Vec::new();
        for item in items {
            let sources = self.store.objects(&item, &derived)?.len();
            counts.push((item, sources));
        }
        // The links the interrupted commit changed cannot be told apart: the index is rebuilt at
        // the end of this build.
        crate::links::invalidate(&self.store)?;
        self.store.finish_counts(&counts, &[], &pending)?;
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Metadata;

    fn document(dossier: &Dossier, name: &str, text: &str) -> Document {
        Document::from_text(name, text.to_string(), Metadata::default(), &dossier.lexicon.boilerplate)
    }

    fn counts(store: &Store) -> Vec<(String, String)> {
        store
            .select("SELECT ?e ?n WHERE { ?e dos:sourceCount ?n } ORDER BY ?e", &[])
            .unwrap()
            .iter()
            .map(|r| (r.get("e").unwrap().to_string(), r.get("n").unwrap().to_string()))
            .collect()
    }

    /// Committing one or two documents at a time gives the graph of one commit: counts,
    /// positions, no pending marks left (on disk, where each commit applies the count
    /// updates of the one before: `tests/build.rs`).
    #[test]
    fn the_window_does_not_change_the_graph() {
        let texts = [
            "date 2021-07-09\n\nTaliban representatives visited Moscow on July 8.\n",
            "date 2021-07-10\n\nTaliban representatives visited Moscow on July 8, officials said.\n",
            "date 2021-07-11\n\nRussia said it would send troops to Tajikistan.\n",
            "date 2021-07-12\n\nRussia said it would not send troops to Tajikistan.\n",
            "date 2021-07-13\n\nTaliban representatives visited Moscow on July 8, Russia said.\n",
        ];
        let graph = |window: usize| {
            let dossier = Dossier::in_memory().unwrap().with_window(window);
            let documents = texts.iter().enumerate().map(|(i, t)| document(&dossier, &format!("{i}.txt"), t)).collect();
            dossier.add_documents(documents).unwrap();
            assert!(dossier.store().pending_documents().unwrap().is_empty());
            dossier.store().sorted_quads().unwrap()
        };
        let whole = graph(WINDOW);
        let text: Vec<String> = whole.iter().map(ToString::to_string).collect();
        assert!(text.iter().any(|q| q.contains("sourceCount> \"3\"")), "three reports of the visit");
        // Send troops or not: both positions of one question taken, each stating its opposite.
        let opposites: BTreeSet<(String, String)> = whole
            .iter()
            .filter(|q| q.predicate.as_str() == vocab::dos("opposite"))
            .map(|q| (q.subject.to_string(), q.object.to_string()))
            .collect();
        assert!(opposites.iter().any(|(p, q)| opposites.contains(&(q.clone(), p.clone()))), "{opposites:?}");
        assert!(!text.iter().any(|q| q.contains("#contradicts>")), "no pair of claims is stored");
        assert_eq!(graph(1), whole);
        assert_eq!(graph(2), whole);
        // The network's index a build keeps is the one rebuilt from the evidence.
        let index: Vec<&oxigraph::model::Quad> = whole.iter().filter(|q| crate::links::in_index(q)).collect();
        assert!(index.iter().any(|q| q.to_string().contains("\\t1\\t3\\n")), "{index:?}");
        let rebuilt = {
            let dossier = Dossier::in_memory().unwrap().with_window(1);
            let documents = texts.iter().enumerate().map(|(i, t)| document(&dossier, &format!("{i}.txt"), t)).collect();
            dossier.add_documents(documents).unwrap();
            crate::links::rebuild(dossier.store()).unwrap();
            let once = dossier.store().sorted_quads().unwrap();
            // Written an actor a transaction, the rebuilt index is the same.
            crate::links::rebuild_in_batches(dossier.store(), 1).unwrap();
            assert_eq!(dossier.store().sorted_quads().unwrap(), once);
            once
        };
        assert_eq!(rebuilt, whole);
    }

    /// A build killed between storing a batch and updating the counts it changes leaves the
    /// batch marked pending; `check` says so without calling it broken, and the next build
    /// completes the counts.
    #[test]
    fn an_interrupted_build_is_completed_by_the_next() {
        let dossier = Dossier::in_memory().unwrap();
        let a = document(&dossier, "a.txt", "date 2021-07-09\n\nTaliban representatives visited Moscow on July 8.\n");
        let b = document(
            &dossier,
            "b.txt",
            "date 2021-07-10\n\nTaliban representatives visited Moscow on July 8, officials said.\n",
        );
        dossier.add_documents(vec![a]).unwrap();
        dossier.add_documents(vec![b.clone()]).unwrap();
        let complete = counts(dossier.store());
        assert!(complete.iter().any(|(_, n)| n.starts_with("\"2\"")), "the second report corroborates the first");

        // What an interruption leaves: b's quads stored, its mark set, the old counts.
        let b_iri = vocab::document(b.id.short());
        let stale: Vec<(String, usize)> =
            complete.iter().map(|(e, _)| (e.trim_matches(['<', '>']).to_string(), 1)).collect();
        dossier.store().finish_counts(&stale, &[], &[]).unwrap();
        dossier.store().bulk_insert(vec![rdf::pending_quad(&b_iri)]).unwrap();
        let report = crate::check::check(dossier.store()).unwrap();
        assert_eq!(report.pending, 1);
        assert!(report.problems.is_empty(), "{:?}", report.problems);

        dossier.add_documents(Vec::new()).unwrap();
        assert_eq!(counts(dossier.store()), complete);
        assert!(dossier.store().pending_documents().unwrap().is_empty());
    }
}
