//! Scale-out: the graph of one shard of a corpus ([`Dossier::extract_shard`]) and the merge of
//! shard graphs into one store ([`Dossier::merge`]).
//!
//! Extraction is a pure function of a document and the lexicons, and IRIs are minted from
//! content, so the graphs of disjoint shards merge by union. What a union lacks is what no shard
//! knows alone: how many documents, over all shards, back an event or a claim. A shard's graph
//! carries the counts of its own documents; the merge drops them and counts again across all
//! parts and the store, with the machinery of a build, so extracting N shards and merging them gives the graph one
//! `build` of the whole corpus gives, whatever N. Contradictions need no resolving: a claim
//! states its positions and each position its opposite, the same in every shard, so the claims
//! of different shards that contradict each other are found in the union by lookup.
//!
//! ```
//! use dossier::{Dossier, Shard};
//!
//! let dir = std::env::temp_dir().join(format!("dossier-shard-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! std::fs::write(dir.join("a.txt"), "date 2021-07-09\n\nTaliban representatives visited Moscow on July 8.\n")?;
//! std::fs::write(dir.join("b.txt"), "date 2021-07-10\n\nTaliban representatives visited Moscow on July 8, officials said.\n")?;
//! let dossier = Dossier::in_memory()?;
//! let mut parts = Vec::new();
//! for i in 1..=2 {
//!     let part = dir.join(format!("part-{i}.nq"));
//!     let shard: Shard = format!("{i}/2").parse()?;
//!     dossier.extract_shard(&[dir.clone()], shard, &part, &|_| {})?;
//!     parts.push(part);
//! }
//! let merged = dossier.merge(&parts)?;
//! assert_eq!(merged.documents, 2);
//! // The visit is reported by both documents, whichever shard each fell in.
//! let rows = dossier.store().select("SELECT ?n WHERE { ?e a sem:Event ; dos:sourceCount ?n }", &[])?;
//! assert_eq!(rows[0].get("n").unwrap().to_string(), "\"2\"^^<http://www.w3.org/2001/XMLSchema#integer>");
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term};
use rayon::prelude::*;

use super::window::Window;
use super::{BuildReport, Delivery, Dossier, Error, Progress};
use crate::corpus::{self, DocumentId};
use crate::rdf;
use crate::resolve::Resolver;
use crate::vocab;

/// One shard of a corpus: `index` of `count` (1-based, written `I/N`). A document belongs to
/// the shard its content hash falls in, so the shards of a corpus are disjoint and cover it,
/// wherever its files are and however they are split.
///
/// ```
/// use dossier::Shard;
///
/// let shard: Shard = "2/4".parse()?;
/// assert_eq!((shard.index(), shard.count()), (2, 4));
/// assert!("0/4".parse::<Shard>().is_err());
/// # Ok::<(), dossier::ShardError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    index: u64,
    count: u64,
}

/// A shard written other than `I/N` with 1 <= I <= N.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a shard is written I/N with 1 <= I <= N (e.g. 2/4), not {0:?}")]
pub struct ShardError(String);

impl Shard {
    /// The whole corpus.
    pub const ALL: Shard = Shard { index: 1, count: 1 };

    /// Which shard this is, from 1.
    pub fn index(&self) -> u64 {
        self.index
    }

    /// How many shards the corpus is cut into.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Whether the document with this content hash belongs to the shard.
    pub fn contains(&self, id: &DocumentId) -> bool {
        // The first 64 bits of a SHA-256 digest: uniform, so shards come out the same size.
        let bits = u64::from_str_radix(id.short(), 16).unwrap_or(0);
        bits % self.count == self.index - 1
    }
}

impl FromStr for Shard {
    type Err = ShardError;

    fn from_str(s: &str) -> Result<Shard, ShardError> {
        let error = || ShardError(s.to_string());
        let (index, count) = s.split_once('/').ok_or_else(error)?;
        let index: u64 = index.trim().parse().map_err(|_| error())?;
        let count: u64 = count.trim().parse().map_err(|_| error())?;
        if index == 0 || index > count {
            return Err(error());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct MergeReport {
    /// Part files merged.
    pub parts: usize,
    /// Documents the parts hold (some may have been in the store already).
    pub documents: usize,
    /// Quads read from the parts.
    pub quads_read: usize,
    /// Quads handed to the store, with the counts resolved again.
    pub quads_written: usize,
}

impl MergeReport {
    /// What the merge did, in words, given the seconds it took.
    ///
    /// ```
    /// let report = dossier::MergeReport { parts: 2, documents: 5, quads_read: 3000, quads_written: 2900 };
    /// assert_eq!(report.describe(1.0), "merged 2 parts (5 documents, 3000 quads read) in 1.00 s");
    /// ```
    pub fn describe(&self, seconds: f64) -> String {
        format!(
            "merged {} parts ({} documents, {} quads read) in {seconds:.2} s",
            self.parts, self.documents, self.quads_read
        )
    }
}

/// A 128-bit fingerprint of a quad, to remember what was written in 16 bytes rather than the
/// quad (two SipHash keys: a collision among a billion quads has odds of about 10^-21).
fn fingerprint(quad: &Quad) -> u128 {
    use std::hash::{Hash, Hasher};
    let mut halves = [0u64; 2];
    for (key, half) in halves.iter_mut().enumerate() {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        key.hash(&mut hasher);
        quad.hash(&mut hasher);
        *half = hasher.finish();
    }
    (u128::from(halves[0]) << 64) | u128::from(halves[1])
}

impl Dossier {
    /// Extracts the documents of one shard of the corpus under `paths` and writes their graph
    /// to `output` as N-Quads: every document's statements, then the source counts among the
    /// shard's own documents, then the actor definitions. The store is
    /// only read: documents it already holds are left out, as a build leaves them. With
    /// [`Shard::ALL`] the file holds exactly the graph a build of the corpus into an empty store
    /// gives. The same input gives the same bytes whatever the number of
    /// threads.
    pub fn extract_shard(
        &self,
        paths: &[PathBuf],
        shard: Shard,
        output: &Path,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<BuildReport, Error> {
        let write_error = |cause: std::io::Error| Error::Write { path: output.to_path_buf(), cause };
        let file = File::create(output).map_err(write_error)?;
        let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(BufWriter::new(file));
        let mut report = BuildReport::default();
        let (files, problems) = corpus::collect_files(paths);
        report.skipped.extend(problems.iter().map(ToString::to_string));
        progress(Progress::Files { total: files.len() });
        let mut resolver = Resolver::default();
        let position_prefix = format!("{}position/", vocab::ID);
        let mut definitions: HashSet<Quad> = HashSet::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut written: HashSet<u128> = HashSet::new();
        std::thread::scope(|scope| -> Result<(), Error> {
            let (sender, receiver) = std::sync::mpsc::sync_channel::<Delivery>(1);
            let keep = move |d: &corpus::Document| shard.contains(&d.id);
            scope.spawn(move || self.read_and_prepare(&files, &keep, progress, &sender));
            for delivery in receiver {
                let batch = match delivery {
                    Delivery::Problems { skipped, warnings } => {
                        report.skipped.extend(skipped);
                        report.warnings.extend(warnings);
                        continue;
                    }
                    Delivery::Batch(batch) => batch,
                };
                progress(Progress::Writing);
                let kept = self.admit(batch, &mut seen, &mut resolver, &mut report)?;
                let graphs: Vec<rdf::DocumentGraph> =
                    kept.par_iter().map(|p| rdf::document_graph(&p.document, &p.findings)).collect();
                for (graph, prepared) in graphs.into_iter().zip(&kept) {
                    // What a document states about an event, a claim or a position, another may
                    // state too: those statements are written once (a store would keep one of each
                    // anyway).
                    let items: HashSet<&str> = prepared.items.iter().map(String::as_str).collect();
                    for quad in &graph.statements {
                        let shared = matches!(&quad.subject, NamedOrBlankNode::NamedNode(s)
                            if items.contains(s.as_str()) || s.as_str().starts_with(&position_prefix));
                        if shared && !written.insert(fingerprint(quad)) {
                            continue;
                        }
                        serializer.serialize_quad(quad).map_err(write_error)?;
                        report.quads_written += 1;
                    }
                    definitions.extend(graph.definitions);
                }
            }
            Ok(())
        })?;
        // In the order of the IRIs (the resolver holds them in an order of its own).
        let mut counts: Vec<(String, usize)> =
            resolver.into_source_counts().map(|(item, _, count)| (item, count)).collect();
        counts.sort_unstable();
        let mut resolved: Vec<Quad> = counts.iter().map(|(item, count)| rdf::source_count_quad(item, *count)).collect();
        let mut definitions: Vec<Quad> = definitions.into_iter().collect();
        definitions.sort_by_cached_key(ToString::to_string);
        resolved.extend(definitions);
        for quad in &resolved {
            serializer.serialize_quad(quad).map_err(write_error)?;
        }
        report.quads_written += resolved.len();
        serializer.finish().map_err(write_error)?.flush().map_err(write_error)?;
        Ok(report)
    }

    /// Merges shard graphs (N-Quads written by [`Dossier::extract_shard`], or exported from
    /// another store) into the store, resolving across the parts and what the store holds: the
    /// source count of every event and claim counts its documents in all of them. Counts in the
    /// parts are ignored (they are recomputed), as are the marks of unfinished builds and the
    /// `dos:contradicts` links of parts written before contradictions were looked up rather
    /// than stored. Claims of different parts that contradict each other need no resolving:
    /// they take opposite positions, which every part states the same way.
    ///
    /// Each part is committed in one atomic step after it has been read whole, so a part that
    /// cannot be read (the error names the file and the line) stores nothing, and the parts
    /// merged before it stay consistent. Merging a part twice changes nothing.
    pub fn merge(&self, parts: &[PathBuf]) -> Result<MergeReport, Error> {
        self.finish_interrupted_build()?;
        let mut report = MergeReport::default();
        for part in parts {
            let window = self.read_part(part, &mut report)?;
            let mut build = BuildReport::default();
            window.commit(&self.store, &mut build, true)?;
            report.quads_written += build.quads_written;
            report.parts += 1;
        }
        self.store.flush()?;
        Ok(report)
    }

    /// Reads one part into a window ready to commit: its quads handed to the bulk loader, its
    /// documents and which document backs which item.
    fn read_part(&self, part: &Path, report: &mut MergeReport) -> Result<Window<'_>, Error> {
        let file = File::open(part).map_err(|cause| Error::Read { path: part.to_path_buf(), cause })?;
        let derived = format!("{}wasDerivedFrom", vocab::PROV);
        let (source_count, contradicts) = (vocab::dos("sourceCount"), vocab::dos("contradicts"));
        let document_class = vocab::dos("Document");
        let (build_graph, network_graph) = (vocab::build_graph(), vocab::network_graph());
        let mut window = Window::first(&self.store, None)?;
        let mut stored_documents: HashMap<String, bool> = HashMap::new();
        let parser = RdfParser::from_format(RdfFormat::NQuads).for_reader(BufReader::new(file));
        for quad in parser {
            let quad = quad.map_err(|e| Error::Part { path: part.to_path_buf(), message: e.to_string() })?;
            report.quads_read += 1;
            let predicate = quad.predicate.as_str();
            let in_build_graph = matches!(&quad.graph_name, GraphName::NamedNode(g) if g.as_str() == build_graph || g.as_str() == network_graph);
            if predicate == source_count || predicate == contradicts || in_build_graph {
                continue;
            }
            if quad.graph_name.is_default_graph() {
                if let NamedOrBlankNode::NamedNode(subject) = &quad.subject {
                    let object = &quad.object;
                    if predicate == derived {
                        if let Term::NamedNode(document) = object {
                            // A document already stored is counted in the stored counts.
                            let stored = match stored_documents.get(document.as_str()) {
                                Some(&stored) => stored,
                                None => {
                                    let stored = self.store.has_document(document.as_str())?;
                                    stored_documents.insert(document.as_str().to_string(), stored);
                                    stored
                                }
                            };
                            if !stored {
                                window.resolver.record(subject.as_str(), document.as_str());
                            }
                        }
                    } else if predicate == vocab::RDF_TYPE
                        && matches!(object, Term::NamedNode(c) if c.as_str() == document_class)
                    {
                        window.added.push(subject.as_str().to_string());
                    }
                }
            }
            if let Some(ledger) = &mut window.links {
                ledger.record(&quad);
            }
            window.loader.load([quad])?;
        }
        window.added.sort_unstable();
        window.added.dedup();
        report.documents += window.added.len();
        Ok(window)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_cover_the_corpus_once() {
        assert_eq!("3/8".parse::<Shard>().unwrap().to_string(), "3/8");
        for bad in ["", "1", "0/2", "3/2", "a/2", "1/0", "-1/2"] {
            let error = bad.parse::<Shard>().unwrap_err();
            assert!(error.to_string().contains("I/N"), "{bad}: {error}");
        }
        let shards: Vec<Shard> = (1..=4).map(|i| format!("{i}/4").parse().unwrap()).collect();
        let mut sizes = [0usize; 4];
        for n in 0..2000 {
            let id = DocumentId::of_text(&format!("document {n}"));
            let owners: Vec<usize> = (0..4).filter(|&i| shards[i].contains(&id)).collect();
            assert_eq!(owners.len(), 1, "each document in exactly one shard");
            sizes[owners[0]] += 1;
            assert!(Shard::ALL.contains(&id));
        }
        assert!(sizes.iter().all(|&s| (400..600).contains(&s)), "shards about even: {sizes:?}");
    }
}
