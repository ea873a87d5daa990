//! The build engine's window: the documents a build has handed to the store's bulk loader but
//! not yet committed, and their commit. A commit resolves the window against the store (the
//! stored source counts of its events and claims, looked up by IRI, skipping what the Bloom
//! filter of a build that began on an empty store says the store lacks; the actor definitions
//! the store lacks), ingests it in one atomic bulk load, and applies the count updates of items
//! that stored documents also report in a small transaction, at the next commit or right away.

use std::collections::HashSet;

use oxigraph::model::Quad;
use rayon::prelude::*;

use super::{BuildReport, CommitTimes, Error};
use crate::links::{self, Ledger, LinkChanges};
use crate::rdf;
use crate::resolve::Resolver;
use crate::store::{Store, StoreError};

/// The documents a build has handed to the store but not yet committed: a commit covers
/// [`WINDOW`] documents, so the store ingests a few large sorted files rather than many small
/// ones (RocksDB merges what it ingests; small frequent ingestions made it merge the same data
/// over and over).
pub(super) struct Window<'s> {
    pub(super) loader: crate::store::Loader<'s>,
    pub(super) resolver: Resolver,
    /// Actor definitions the window's documents give.
    pub(super) definitions: HashSet<oxigraph::model::Quad>,
    /// The IRIs of the documents added.
    pub(super) added: Vec<String>,
    /// Documents seen by this build, committed or not.
    pub(super) seen: HashSet<String>,
    /// The count updates of the window committed before, not yet applied (see
    /// [`Window::commit`]).
    unfinished: Option<CountUpdates>,
    /// When the window opened.
    opened: std::time::Instant,
    /// What the build has committed, when it began on an empty store.
    pub(super) committed: Option<Committed>,
    /// What the window's documents say of their items' actor pairs, when the build keeps the
    /// network's index up to date ([`crate::links`]); without it (a store whose index is not
    /// complete), the last commit rebuilds the index.
    pub(super) links: Option<Ledger>,
}

/// New source counts of stored events and claims that a committed window also reports, and the
/// window's documents, marked pending until the counts are applied.
struct CountUpdates {
    counts: Vec<(String, usize)>,
    /// The new index statements of actors whose links the store holds.
    links: Vec<Quad>,
    pending: Vec<String>,
}

/// The IRIs of the events and claims a build has committed, as a Bloom filter, kept
/// when the store was empty as the build began: what the filter lacks, the store lacks, so a
/// commit looks up only what the filter may hold (most of a window's items are new, and RocksDB
/// reads an index block per level to find a key missing). Sized from the input's bytes, about
/// ten bits per IRI (a generated article of 6.4 KB mints about a hundred), between 8 KB and
/// 64 MB: a denser corpus makes more false positives, each a lookup, never a wrong answer.
pub(super) struct Committed(fastbloom::BloomFilter);

impl Committed {
    pub(super) fn for_input(bytes: u64) -> Committed {
        let bits = usize::try_from(bytes / 6).unwrap_or(usize::MAX).clamp(1 << 16, 1 << 29);
        // Seeded: the same build looks up the same keys, run after run.
        Committed(fastbloom::BloomFilter::with_num_bits(bits).seed(&0).expected_items(bits / 10))
    }

    fn may_hold(&self, iri: &str) -> bool {
        self.0.contains(iri)
    }

    fn insert(&mut self, iri: &str) {
        self.0.insert(iri);
    }
}

impl<'s> Window<'s> {
    /// A first window, with the Bloom filter of what the build commits when it began on an
    /// empty store. The build keeps the network's index up to date when the store is empty or
    /// its index complete.
    pub(super) fn first(store: &'s Store, committed: Option<Committed>) -> Result<Window<'s>, Error> {
        let links = (store.is_empty()? || links::indexed(store)?).then(Ledger::default);
        Ok(Window { committed, links, ..Window::new(store) })
    }

    pub(super) fn new(store: &'s Store) -> Window<'s> {
        Window {
            loader: store.loader(),
            resolver: Resolver::default(),
            definitions: HashSet::new(),
            added: Vec::new(),
            seen: HashSet::new(),
            unfinished: None,
            opened: std::time::Instant::now(),
            committed: None,
            links: None,
        }
    }

    /// Resolves a window against the store and commits it: the source counts of what its
    /// documents report, the links of actors the store has none for ([`crate::links`]) and the
    /// actor definitions the store lacks join its quads in one atomic bulk load; then the counts
    /// of events and claims that stored documents also report, and the links of actors the
    /// store has some for, are updated in one transaction. Until that transaction
    /// commits, the window's documents are marked `dos:PendingDocument`, so an interruption
    /// between the two steps is completed by the next build. Returns a fresh window.
    ///
    /// On disk, the transaction waits for the next commit (before anything reads counts),
    /// unless this is the `last`: right after an ingestion RocksDB stops writes until it has
    /// compacted the hundreds of files it just took in, one core working and the other idle
    /// (69 s of a 383 s 33k build); by the next commit that compaction has run alongside the
    /// next window's loading.
    pub(super) fn commit(self, store: &'s Store, report: &mut BuildReport, last: bool) -> Result<Window<'s>, Error> {
        let mut window = self;
        let mut times = CommitTimes { loading: window.opened.elapsed().as_secs_f64(), ..CommitTimes::default() };
        let mut step = std::time::Instant::now();
        let mut lap = || std::mem::replace(&mut step, std::time::Instant::now()).elapsed().as_secs_f64();
        if let Some(CountUpdates { counts, links, pending }) = window.unfinished.take() {
            store.finish_counts(&counts, &links, &pending)?;
        }
        times.deferred_counts = lap();
        if window.added.is_empty() {
            let kept = window.links.is_some();
            let Window { loader, seen, unfinished, committed, links, .. } = window;
            // An in-memory store admits one writer at a time: the loader goes before the rebuild.
            drop(loader);
            if last && !kept {
                links::rebuild(store)?;
            }
            return Ok(Window { seen, unfinished, committed, links, ..Window::new(store) });
        }
        times.documents = window.added.len();
        let mut extra = Vec::new();
        // Counts: items no stored document reports get theirs in the bulk load; the others are
        // updated in the transaction that follows.
        // A window has about a million items: nothing here holds a second copy of each (a set
        // of the corroborated ones took 80 MB at 100k), and the count quads go to the loader one
        // at a time (collected, they took 300 MB at the peak of a build).
        // The resolver's items a chunk at a time, looked up by IRI (of those the Bloom filter may
        // hold, when there is one: what it lacks, the store lacks).
        let mut after: Option<String> = None;
        loop {
            let chunk = window.resolver.items_after(after.as_deref(), 65_536);
            let Some(last_item) = chunk.last().cloned() else { break };
            let asked: Vec<&str> = match &window.committed {
                Some(committed) => chunk.iter().map(String::as_str).filter(|item| committed.may_hold(item)).collect(),
                None => chunk.iter().map(String::as_str).collect(),
            };
            let counts = store.stored_source_counts(asked.iter().copied())?;
            for (item, count) in asked.into_iter().zip(counts) {
                if let Some(count) = count {
                    window.resolver.set_stored(item, count);
                }
            }
            if let Some(committed) = &mut window.committed {
                for item in &chunk {
                    committed.insert(item);
                }
            }
            after = Some(last_item);
        }
        times.stored_counts = lap();
        let mut updates = Vec::new();
        let mut changes = LinkChanges::default();
        // The resolver is freed as its counts go to the loader, which holds them while it sorts.
        for (item, stored, count) in std::mem::take(&mut window.resolver).into_source_counts() {
            if let Some(ledger) = &mut window.links {
                ledger.change(store, &item, stored, count, &mut changes)?;
            }
            if stored > 0 {
                updates.push((item, count));
            } else {
                report.quads_written += 1;
                window.loader.load([rdf::source_count_quad(&item, count)])?;
            }
        }
        let mut replacing_links = Vec::new();
        let kept = window.links.is_some();
        if let Some(ledger) = window.links.take() {
            let (new, replacing) = ledger.statements(store, changes)?;
            report.quads_written += new.len();
            window.loader.load(new)?;
            replacing_links = replacing;
        }
        times.stored_counts += lap();
        let missing: Vec<Option<Quad>> = std::mem::take(&mut window.definitions)
            .into_par_iter()
            .map(|quad| Ok((!store.contains(&quad)?).then_some(quad)))
            .collect::<Result<_, StoreError>>()?;
        extra.extend(missing.into_iter().flatten());
        times.definitions = lap();
        let pending = if updates.is_empty() && replacing_links.is_empty() {
            Vec::new()
        } else {
            std::mem::take(&mut window.added)
        };
        extra.extend(pending.iter().map(|d| rdf::pending_quad(d)));
        report.quads_written += extra.len();
        // Destructured, so that what the window no longer needs is freed before the commit.
        let Window { mut loader, seen, resolver, definitions, added, committed, .. } = window;
        drop((resolver, definitions, added));
        loader.load(extra)?;
        loader.commit()?;
        times.ingestion = lap();
        let mut unfinished =
            (!pending.is_empty()).then_some(CountUpdates { counts: updates, links: replacing_links, pending });
        // In memory nothing is compacted, and a transaction would wait for the next window's
        // loader (one writer at a time).
        if last || store.location().is_none() {
            if let Some(CountUpdates { counts, links, pending }) = unfinished.take() {
                store.finish_counts(&counts, &links, &pending)?;
            }
        }
        if last && !kept {
            links::rebuild(store)?;
        }
        times.counts = lap();
        report.commits.push(times);
        Ok(Window { seen, unfinished, committed, links: kept.then(Ledger::default), ..Window::new(store) })
    }
}
