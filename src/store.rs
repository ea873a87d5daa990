//! The graph store: Oxigraph, on disk (RocksDB) or in memory.
//!
//! The only module that touches Oxigraph's storage. SPARQL runs with the vocabulary's prefixes
//! predeclared (`dos:`, `sem:`, `prov:`, ...) and values from users are bound as variables,
//! never spliced into query text. A batch of documents is written in one atomic bulk load
//! ([`Store::bulk_insert`]), so a reader never sees half a document.
//!
//! ```
//! use dossier::store::Store;
//!
//! let store = Store::memory()?;
//! assert_eq!(store.len()?, 0);
//! let rows = store.select("SELECT ?x WHERE { BIND(dos:CONSULT AS ?x) }", &[])?;
//! assert_eq!(rows[0].get("x").unwrap().to_string(), "<https://w3id.org/dossier/ontology#CONSULT>");
//! # Ok::<(), dossier::store::StoreError>(())
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::{
    QueryEvaluationError, QueryResults, QuerySolution, SparqlEvaluator, SparqlSyntaxError, UpdateEvaluationError,
    Variable,
};
use oxigraph::store::{SerializerError, StorageError};

use rayon::prelude::*;

use crate::vocab;

/// A store operation that failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("cannot create the store at {path}: {source}")]
    Create { path: PathBuf, source: std::io::Error },
    #[error("cannot open the store at {path}: {source}")]
    Open { path: PathBuf, source: StorageError },
    #[error("the store at {path} is in use by another dossier process; wait for it to finish or pass another --store")]
    Locked { path: PathBuf },
    #[error("there is no store at {path}; create one with `dossier build PATH... --store {path}`")]
    Missing { path: PathBuf },
    /// RocksDB's files are there but not `CURRENT`, the file that names the live MANIFEST:
    /// opening would start a new, empty database over them.
    #[error(
        "the store at {path} has lost its CURRENT file (which names the MANIFEST RocksDB starts from); nothing was changed. {}",
        match manifest {
            Some(manifest) => format!("`dossier check --repair --store {}` points it at the newest MANIFEST ({manifest}) and checks the store; or restore a backup", path.display()),
            None => "There is no MANIFEST file either: restore a backup".to_string(),
        }
    )]
    LostCurrent { path: PathBuf, manifest: Option<String> },
    /// RocksDB found damaged data (a checksum that does not match, a truncated file, an index
    /// that disagrees with another).
    #[error("the store at {path} is corrupt{}: {message}; restore a backup, or rebuild the store from the documents", file.as_ref().map(|f| format!(" (in {})", f.display())).unwrap_or_default())]
    Corrupt { path: PathBuf, file: Option<PathBuf>, message: String },
    #[error("cannot repair the store at {path}: {message}")]
    Repair { path: PathBuf, message: String },
    #[error("storage error: {0}")]
    Storage(#[from] StorageError),
    #[error("SPARQL syntax error: {0}")]
    Syntax(#[from] SparqlSyntaxError),
    #[error("SPARQL evaluation failed: {0}")]
    Evaluation(#[from] QueryEvaluationError),
    #[error("SPARQL update failed: {0}")]
    Update(#[from] UpdateEvaluationError),
    #[error("cannot write: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot serialize: {0}")]
    Serializer(#[from] SerializerError),
}

/// The dossier graph store.
pub struct Store {
    inner: oxigraph::store::Store,
    location: Option<PathBuf>,
    #[cfg_attr(not(feature = "rocksdb"), allow(dead_code))]
    read_only: bool,
}

impl Store {
    /// Opens (or creates) a store on disk, for reading and writing.
    ///
    /// A new store is made whole beside its path and then renamed into place, so a process
    /// killed while RocksDB creates its files and column families never leaves a store that
    /// cannot be opened.
    ///
    /// A folder of RocksDB files without `CURRENT` is refused ([`StoreError::LostCurrent`]),
    /// never opened as a new store over them. Files a bulk load left behind when it failed
    /// (`bulk-*.sst`, after a full disk) are removed: only the process that holds the store for
    /// writing makes them, so once it is open they are nobody's.
    #[cfg(feature = "rocksdb")]
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if !path.join("CURRENT").exists() {
            lost_current(path)?;
            create_whole(path)?;
        }
        let inner = oxigraph::store::Store::open(path).map_err(|source| open_error(path, source))?;
        remove_stale_bulk_files(path)?;
        Ok(Store { inner, location: Some(path.to_path_buf()), read_only: false })
    }

    /// Opens an existing store on disk for reading, while another process may be writing it.
    #[cfg(feature = "rocksdb")]
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.join("CURRENT").exists() {
            lost_current(path)?;
            return Err(StoreError::Missing { path: path.to_path_buf() });
        }
        let inner = oxigraph::store::Store::open_read_only(path).map_err(|source| open_error(path, source))?;
        Ok(Store { inner, location: Some(path.to_path_buf()), read_only: true })
    }

    /// A store in memory, gone when dropped.
    pub fn memory() -> Result<Store, StoreError> {
        Ok(Store { inner: oxigraph::store::Store::new()?, location: None, read_only: false })
    }

    /// Where the store lives on disk, if it does.
    pub fn location(&self) -> Option<&Path> {
        self.location.as_deref()
    }

    /// The underlying Oxigraph store, for what this API does not cover.
    pub fn oxigraph(&self) -> &oxigraph::store::Store {
        &self.inner
    }

    /// Number of quads.
    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.inner.len()?)
    }

    /// Whether the store holds no quad.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.inner.is_empty()?)
    }

    /// Whether the document with this IRI is in the store.
    pub fn has_document(&self, document: &str) -> Result<bool, StoreError> {
        let quad = Quad::new(
            NamedNode::new_unchecked(document),
            NamedNode::new_unchecked(vocab::RDF_TYPE),
            NamedNode::new_unchecked(vocab::dos("Document")),
            GraphName::DefaultGraph,
        );
        Ok(self.inner.contains(&quad)?)
    }

    /// The stored source count (`dos:sourceCount`, the number of stored documents that report
    /// it; `dossier check` verifies it) of each of `items`, in their order (`None`: not
    /// stored). One index lookup per item, on all cores: the sources themselves are not read, so
    /// the cost does not grow with how many documents back an item.
    pub fn stored_source_counts<'a>(
        &self,
        items: impl IntoIterator<Item = &'a str>,
    ) -> Result<Vec<Option<usize>>, StoreError> {
        let count_predicate = NamedNode::new_unchecked(vocab::dos("sourceCount"));
        let items: Vec<&str> = items.into_iter().collect();
        items
            .par_iter()
            .with_min_len(4096)
            .map(|item| {
                let counts = self.inner.quads_for_pattern(
                    Some(NamedNodeRef::new_unchecked(item).into()),
                    Some(count_predicate.as_ref()),
                    None,
                    Some(GraphNameRef::DefaultGraph),
                );
                for quad in counts {
                    if let Term::Literal(count) = quad?.object {
                        if let Ok(count) = count.value().parse::<usize>() {
                            return Ok(Some(count));
                        }
                    }
                }
                Ok(None)
            })
            .collect()
    }

    /// Inserts quads with Oxigraph's bulk loader, in one atomic step (see [`Loader`]).
    pub fn bulk_insert(&self, quads: Vec<Quad>) -> Result<(), StoreError> {
        let mut loader = self.loader();
        loader.load(quads)?;
        loader.commit()
    }

    /// A bulk loader: quads handed to it are sorted into files on all cores while the caller
    /// goes on, and [`Loader::commit`] ingests them into RocksDB in one atomic step, several
    /// times faster than a transaction of the same size. A reader sees all of them or none;
    /// duplicates of stored quads are harmless. Dropped without a commit, it stores nothing.
    pub fn loader(&self) -> Loader<'_> {
        // 64 MB of sort buffer per core: 128 made a 10k build slower (70.6 s against 66.8 s)
        // and larger (1.24 GB against 1.03 GB peak). Oxigraph sorts batches of 1,000 quads per
        // megabyte and thread: LOADER_BATCH.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        Loader {
            inner: self
                .inner
                .bulk_loader()
                .with_num_threads(threads)
                .with_max_memory_size_in_megabytes(LOADER_BATCH / 1000 * threads),
            waiting: Vec::new(),
        }
    }

    /// Sets `dos:sourceCount` of each item of `counts` (replacing the earlier count), puts each
    /// statement of `replacing` in place of those of its subject, predicate and graph, and
    /// removes the `dos:PendingDocument` marks of `pending`, in one transaction.
    pub fn finish_counts(
        &self,
        counts: &[(String, usize)],
        replacing: &[Quad],
        pending: &[String],
    ) -> Result<(), StoreError> {
        let count_predicate = NamedNode::new_unchecked(vocab::dos("sourceCount"));
        let mut transaction = self.inner.start_transaction()?;
        for (item, count) in counts {
            let subject = NamedNodeRef::new_unchecked(item);
            let old: Vec<Quad> = transaction
                .quads_for_pattern(
                    Some(subject.into()),
                    Some(count_predicate.as_ref()),
                    None,
                    Some(GraphNameRef::DefaultGraph),
                )
                .collect::<Result<_, _>>()?;
            for quad in &old {
                transaction.remove(quad);
            }
            transaction.insert(&crate::rdf::source_count_quad(item, *count));
        }
        for quad in replacing {
            let old: Vec<Quad> = transaction
                .quads_for_pattern(
                    Some(quad.subject.as_ref()),
                    Some(quad.predicate.as_ref()),
                    None,
                    Some(quad.graph_name.as_ref()),
                )
                .collect::<Result<_, _>>()?;
            for old in &old {
                transaction.remove(old);
            }
            transaction.insert(quad);
        }
        for document in pending {
            transaction.remove(&crate::rdf::pending_quad(document));
        }
        transaction.commit()?;
        Ok(())
    }

    /// The documents marked `dos:PendingDocument` (by a build that was interrupted).
    pub fn pending_documents(&self) -> Result<Vec<String>, StoreError> {
        let graph = NamedNode::new_unchecked(vocab::build_graph());
        let rdf_type = NamedNode::new_unchecked(vocab::RDF_TYPE);
        let mut documents = Vec::new();
        for quad in self.inner.quads_for_pattern(None, Some(rdf_type.as_ref()), None, Some(graph.as_ref().into())) {
            if let NamedOrBlankNode::NamedNode(n) = quad?.subject {
                documents.push(n.into_string());
            }
        }
        documents.sort();
        Ok(documents)
    }

    /// The named graphs that hold quads.
    pub fn named_graphs(&self) -> Result<Vec<NamedNode>, StoreError> {
        let mut graphs = Vec::new();
        for graph in self.inner.named_graphs() {
            if let NamedOrBlankNode::NamedNode(name) = graph? {
                graphs.push(name);
            }
        }
        graphs.sort();
        Ok(graphs)
    }

    /// Whether the store holds this quad.
    pub fn contains(&self, quad: &Quad) -> Result<bool, StoreError> {
        Ok(self.inner.contains(quad)?)
    }

    /// The objects of `subject predicate ?o` in the default graph.
    pub fn objects(&self, subject: &str, predicate: &str) -> Result<Vec<Term>, StoreError> {
        self.objects_in(None, subject, predicate)
    }

    /// The objects of `subject predicate ?o` in the named graph `graph` (the default graph
    /// without it).
    pub fn objects_in(&self, graph: Option<&str>, subject: &str, predicate: &str) -> Result<Vec<Term>, StoreError> {
        self.objects_limited(graph, subject, predicate, usize::MAX)
    }

    /// The first `limit` objects of `subject predicate ?o` in the default graph, in the store's
    /// index order: a bounded read of a subject that may have very many.
    pub fn objects_up_to(&self, subject: &str, predicate: &str, limit: usize) -> Result<Vec<Term>, StoreError> {
        self.objects_limited(None, subject, predicate, limit)
    }

    fn objects_limited(
        &self,
        graph: Option<&str>,
        subject: &str,
        predicate: &str,
        limit: usize,
    ) -> Result<Vec<Term>, StoreError> {
        let (subject, predicate) = (NamedNodeRef::new_unchecked(subject), NamedNodeRef::new_unchecked(predicate));
        let graph = graph.map_or(GraphNameRef::DefaultGraph, |g| NamedNodeRef::new_unchecked(g).into());
        self.inner
            .quads_for_pattern(Some(subject.into()), Some(predicate), None, Some(graph))
            .take(limit)
            .map(|q| Ok(q?.object))
            .collect()
    }

    /// Removes one statement (nothing when it is not there).
    pub fn remove(&self, quad: &Quad) -> Result<(), StoreError> {
        self.inner.remove(quad)?;
        Ok(())
    }

    /// Adds these statements in one transaction (for a few thousand; [`Store::loader`] for a
    /// build's millions).
    pub fn insert_all(&self, quads: &[Quad]) -> Result<(), StoreError> {
        let mut transaction = self.inner.start_transaction()?;
        for quad in quads {
            transaction.insert(quad);
        }
        transaction.commit()?;
        Ok(())
    }

    /// Replaces everything in the named graph `graph` by `quads`, in one transaction.
    pub fn replace_graph(&self, graph: &str, quads: Vec<Quad>) -> Result<(), StoreError> {
        let graph = NamedNode::new_unchecked(graph);
        let mut transaction = self.inner.start_transaction()?;
        let old: Vec<Quad> =
            transaction.quads_for_pattern(None, None, None, Some(graph.as_ref().into())).collect::<Result<_, _>>()?;
        for quad in &old {
            transaction.remove(quad);
        }
        for quad in &quads {
            transaction.insert(quad);
        }
        transaction.commit()?;
        Ok(())
    }

    /// The IRIs `?s` of `?s predicate object` in the default graph.
    pub fn subjects(&self, predicate: &str, object: &Term) -> Result<Vec<String>, StoreError> {
        let predicate = NamedNodeRef::new_unchecked(predicate);
        let mut found = Vec::new();
        for quad in
            self.inner.quads_for_pattern(None, Some(predicate), Some(object.as_ref()), Some(GraphNameRef::DefaultGraph))
        {
            if let NamedOrBlankNode::NamedNode(n) = quad?.subject {
                found.push(n.into_string());
            }
        }
        Ok(found)
    }

    /// Streams the statements of `predicate` in the named graph `graph` (the default graph
    /// without it), those whose object is `object` when given, to `each` as (subject IRI,
    /// object), holding none of them: one index range
    /// read, no join, the cheapest way to visit every item of a kind (about a million
    /// statements a second). Statements with a blank subject are skipped.
    ///
    /// ```
    /// use dossier::store::Store;
    ///
    /// let store = Store::memory()?;
    /// store.update("INSERT DATA { dos:a dos:sourceCount 2 . dos:b dos:sourceCount 3 . dos:b rdfs:label \"B\" }")?;
    /// let mut seen = Vec::new();
    /// store.each_statement(None, "https://w3id.org/dossier/ontology#sourceCount", None, |subject, _count| {
    ///     seen.push(subject.to_string());
    /// })?;
    /// seen.sort();
    /// assert_eq!(seen, ["https://w3id.org/dossier/ontology#a", "https://w3id.org/dossier/ontology#b"]);
    /// # Ok::<(), dossier::store::StoreError>(())
    /// ```
    pub fn each_statement(
        &self,
        graph: Option<&str>,
        predicate: &str,
        object: Option<&Term>,
        mut each: impl FnMut(&str, Term),
    ) -> Result<(), StoreError> {
        let predicate = NamedNodeRef::new_unchecked(predicate);
        let graph = graph.map_or(GraphNameRef::DefaultGraph, |g| NamedNodeRef::new_unchecked(g).into());
        for quad in self.inner.quads_for_pattern(None, Some(predicate), object.map(Term::as_ref), Some(graph)) {
            let quad = quad?;
            if let NamedOrBlankNode::NamedNode(subject) = &quad.subject {
                each(subject.as_str(), quad.object);
            }
        }
        Ok(())
    }

    /// Replaces, in the named graph `graph`, the subjects whose statements match `identity` by
    /// `quads`, in one transaction. A subject matches when, for each (predicate, object) of
    /// `identity`, its first statement with that predicate has that object, or it has none when
    /// the object is `None`. This is how an analysis run replaces its own earlier results
    /// ([`crate::analysis::AnalysisRun::write`]) and leaves other runs' alone.
    ///
    /// ```
    /// use dossier::store::Store;
    /// use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
    ///
    /// let store = Store::memory()?;
    /// let graph = "https://example.org/g";
    /// let tag = NamedNode::new_unchecked("https://example.org/tag");
    /// let quad = |s: &str, t: &str| Quad::new(NamedNode::new_unchecked(s), tag.clone(), Literal::from(t), GraphName::NamedNode(NamedNode::new_unchecked(graph)));
    /// store.replace_subjects(graph, &[], &[quad("https://example.org/a", "x"), quad("https://example.org/b", "y")])?;
    /// let x: Option<Term> = Some(Literal::from("x").into());
    /// store.replace_subjects(graph, &[(tag.as_str().to_string(), x)], &[quad("https://example.org/c", "x")])?;
    /// assert_eq!(store.len()?, 2); // a replaced by c, b kept
    /// # Ok::<(), dossier::store::StoreError>(())
    /// ```
    pub fn replace_subjects(
        &self,
        graph: &str,
        identity: &[(String, Option<Term>)],
        quads: &[Quad],
    ) -> Result<(), StoreError> {
        let graph = NamedNode::new_unchecked(graph);
        let mut transaction = self.inner.start_transaction()?;
        let all: Vec<Quad> =
            transaction.quads_for_pattern(None, None, None, Some(graph.as_ref().into())).collect::<Result<_, _>>()?;
        let mut by_subject: std::collections::BTreeMap<String, Vec<Quad>> = std::collections::BTreeMap::new();
        for quad in all {
            by_subject.entry(quad.subject.to_string()).or_default().push(quad);
        }
        for statements in by_subject.values() {
            let same = identity.iter().all(|(predicate, object)| {
                statements.iter().find(|q| q.predicate.as_str() == predicate).map(|q| &q.object) == object.as_ref()
            });
            if same {
                for quad in statements {
                    transaction.remove(quad);
                }
            }
        }
        for quad in quads {
            transaction.insert(quad);
        }
        transaction.commit()?;
        Ok(())
    }

    /// Writes a consistent copy of an on-disk store into `target` (which must not exist yet),
    /// usable as a store of its own. On the same file system the copy shares the store's
    /// immutable files through hard links, so it is cheap.
    #[cfg(feature = "rocksdb")]
    pub fn backup(&self, target: &Path) -> Result<(), StoreError> {
        Ok(self.inner.backup(target)?)
    }

    /// Reads the store back to find damage: every quad of the subject-first indexes (default
    /// and named graphs) with every string it refers to, then every quad again through each of
    /// the other indexes (one scan per subject, per object, per predicate, and per named graph
    /// and object or predicate), comparing the counts. RocksDB verifies the checksum of every
    /// block it reads, so a damaged file met on the way is reported as [`StoreError::Corrupt`],
    /// with the file when RocksDB names it; indexes that disagree are too. Stops at the first
    /// error. Holds a count per distinct subject and object: memory grows with the store.
    ///
    /// (Oxigraph's own `validate` reads all nine indexes, but its iterators repeat an error
    /// forever, so on a damaged file it never returns.)
    ///
    /// ```
    /// use dossier::store::Store;
    ///
    /// let store = Store::memory()?;
    /// store.update("INSERT DATA { dos:a rdfs:label \"A\" . GRAPH dos:g { dos:a dos:b dos:c } }")?;
    /// assert_eq!(store.verify()?, 2);
    /// # Ok::<(), dossier::store::StoreError>(())
    /// ```
    pub fn verify(&self) -> Result<usize, StoreError> {
        use std::collections::{BTreeMap, HashMap};
        let path = self.location.clone().unwrap_or_default();
        let corrupt = |message: String| StoreError::Corrupt { path: path.clone(), file: None, message };
        let mut n_quads = 0usize;
        let mut by_predicate: BTreeMap<NamedNode, usize> = BTreeMap::new();
        let mut by_graph_predicate: HashMap<(GraphName, NamedNode), usize> = HashMap::new();
        let mut by_graph_object: HashMap<(GraphName, Term), usize> = HashMap::new();
        let mut by_subject: HashMap<NamedOrBlankNode, usize> = HashMap::new();
        let mut by_object: HashMap<Term, usize> = HashMap::new();
        for quad in self.inner.iter() {
            let quad = quad.map_err(|e| classify(&path, e))?;
            n_quads += 1;
            *by_predicate.entry(quad.predicate.clone()).or_default() += 1;
            *by_subject.entry(quad.subject).or_default() += 1;
            *by_object.entry(quad.object.clone()).or_default() += 1;
            if !quad.graph_name.is_default_graph() {
                *by_graph_predicate.entry((quad.graph_name.clone(), quad.predicate)).or_default() += 1;
                *by_graph_object.entry((quad.graph_name, quad.object)).or_default() += 1;
            }
        }
        let disagree = |what: String, expected: usize, found: usize| {
            corrupt(format!(
                "the indexes disagree: {expected} quads {what} in the subject-first index, {found} in another"
            ))
        };
        // Quads whose object is `object` (a lookup by a literal also finds literals of other
        // numeric types with the same value: those are counted under their own term).
        let count_matching =
            |quads: oxigraph::store::QuadIter<'_>, object: Option<&Term>| -> Result<usize, StoreError> {
                let mut n = 0usize;
                for quad in quads {
                    let quad = quad.map_err(|e| classify(&path, e))?;
                    n += usize::from(object.is_none_or(|object| quad.object == *object));
                }
                Ok(n)
            };
        let count = |quads: oxigraph::store::QuadIter<'_>| count_matching(quads, None);
        // In a fixed order, so that the same damage is reported the same way.
        let mut by_subject: Vec<_> = by_subject.into_iter().collect();
        by_subject.sort_by_cached_key(|(subject, _)| subject.to_string());
        for (subject, expected) in by_subject {
            let found = count(self.inner.quads_for_pattern(Some(subject.as_ref()), None, None, None))?;
            if found != expected {
                return Err(disagree(format!("with subject {subject}"), expected, found));
            }
        }
        let mut by_object: Vec<_> = by_object.into_iter().collect();
        by_object.sort_by_cached_key(|(object, _)| object.to_string());
        for (object, expected) in by_object {
            let found =
                count_matching(self.inner.quads_for_pattern(None, None, Some(object.as_ref()), None), Some(&object))?;
            if found != expected {
                return Err(disagree(format!("with object {object}"), expected, found));
            }
        }
        let mut by_graph_object: Vec<_> = by_graph_object.into_iter().collect();
        by_graph_object.sort_by_cached_key(|((graph, object), _)| (graph.to_string(), object.to_string()));
        for ((graph, object), expected) in by_graph_object {
            let lookup = self.inner.quads_for_pattern(None, None, Some(object.as_ref()), Some(graph.as_ref()));
            let found = count_matching(lookup, Some(&object))?;
            if found != expected {
                return Err(disagree(format!("in graph {graph} with object {object}"), expected, found));
            }
        }
        for (predicate, expected) in by_predicate {
            let found = count(self.inner.quads_for_pattern(None, Some(predicate.as_ref()), None, None))?;
            if found != expected {
                return Err(disagree(format!("with predicate {predicate}"), expected, found));
            }
        }
        let mut by_graph_predicate: Vec<_> = by_graph_predicate.into_iter().collect();
        by_graph_predicate.sort_by_cached_key(|((graph, predicate), _)| (graph.to_string(), predicate.clone()));
        for ((graph, predicate), expected) in by_graph_predicate {
            let found =
                count(self.inner.quads_for_pattern(None, Some(predicate.as_ref()), None, Some(graph.as_ref())))?;
            if found != expected {
                return Err(disagree(format!("in graph {graph} with predicate {predicate}"), expected, found));
            }
        }
        Ok(n_quads)
    }

    /// Makes sure everything written is on disk (nothing to do for a read-only store).
    pub fn flush(&self) -> Result<(), StoreError> {
        #[cfg(feature = "rocksdb")]
        if !self.read_only {
            self.inner.flush()?;
        }
        Ok(())
    }

    fn evaluator() -> SparqlEvaluator {
        let mut evaluator = SparqlEvaluator::new();
        for (prefix, iri) in vocab::PREFIXES {
            evaluator = evaluator.with_prefix(prefix, iri).expect("vocabulary prefixes are valid IRIs");
        }
        evaluator
    }

    /// Runs a SPARQL query (the vocabulary's prefixes predeclared), with `bindings` substituted
    /// for variables of the same name.
    pub fn query(&self, sparql: &str, bindings: &[(&str, Term)]) -> Result<QueryResults<'_>, StoreError> {
        let mut prepared = Self::evaluator().parse_query(sparql)?;
        for (name, value) in bindings {
            prepared = prepared.substitute_variable(Variable::new_unchecked(*name), value.clone());
        }
        Ok(prepared.on_store(&self.inner).execute()?)
    }

    /// Runs a SPARQL query for a protocol client: on the dataset it names (`default_graphs`
    /// replace the default graph and `named_graphs` restrict the named ones, when given, as
    /// `default-graph-uri` and `named-graph-uri` do in the SPARQL protocol), cancelled when
    /// `cancel` is.
    ///
    /// ```
    /// use dossier::store::{QueryOptions, Store};
    /// use oxigraph::sparql::{CancellationToken, QueryResults};
    ///
    /// let store = Store::memory()?;
    /// store.update("INSERT DATA { dos:a rdfs:label \"A\" . dos:b rdfs:label \"B\" }")?;
    /// let cancel = CancellationToken::new();
    /// let options = QueryOptions { cancel: Some(cancel.clone()), ..QueryOptions::default() };
    /// let QueryResults::Solutions(mut rows) = store.query_with("SELECT * WHERE { ?s ?p ?o }", &options)? else {
    ///     unreachable!()
    /// };
    /// cancel.cancel();
    /// // Evaluation checks the token at each read of the store.
    /// assert!(rows.next().unwrap().is_err());
    /// # Ok::<(), dossier::store::StoreError>(())
    /// ```
    pub fn query_with(&self, sparql: &str, options: &QueryOptions) -> Result<QueryResults<'_>, StoreError> {
        let mut evaluator = Self::evaluator();
        if let Some(cancel) = &options.cancel {
            evaluator = evaluator.with_cancellation_token(cancel.clone());
        }
        let mut prepared = evaluator.parse_query(sparql)?;
        if !options.default_graphs.is_empty() {
            prepared
                .dataset_mut()
                .set_default_graph(options.default_graphs.iter().cloned().map(GraphName::from).collect());
        }
        if !options.named_graphs.is_empty() {
            prepared
                .dataset_mut()
                .set_available_named_graphs(options.named_graphs.iter().cloned().map(NamedOrBlankNode::from).collect());
        }
        Ok(prepared.on_store(&self.inner).execute()?)
    }

    /// Runs a SELECT query and hands each row to `each` as it is computed, holding none of them:
    /// what the read side uses for queries whose answer grows with the store.
    ///
    /// ```
    /// use dossier::store::Store;
    ///
    /// let store = Store::memory()?;
    /// store.update("INSERT DATA { dos:a dos:sourceCount 2 . dos:b dos:sourceCount 3 }")?;
    /// let mut total = 0;
    /// store.select_each("SELECT ?n WHERE { ?x dos:sourceCount ?n }", &[], |row| {
    ///     if let Some(oxigraph::model::Term::Literal(n)) = row.get("n") {
    ///         total += n.value().parse::<u64>().unwrap_or(0);
    ///     }
    /// })?;
    /// assert_eq!(total, 5);
    /// # Ok::<(), dossier::store::StoreError>(())
    /// ```
    pub fn select_each(
        &self,
        sparql: &str,
        bindings: &[(&str, Term)],
        mut each: impl FnMut(&QuerySolution),
    ) -> Result<(), StoreError> {
        if let QueryResults::Solutions(solutions) = self.query(sparql, bindings)? {
            for solution in solutions {
                each(&solution?);
            }
        }
        Ok(())
    }

    /// Runs a SELECT query and collects its rows: for answers bounded by the query (a `LIMIT`,
    /// one actor's items, an aggregate); [`Store::select_each`] streams the others.
    pub fn select(&self, sparql: &str, bindings: &[(&str, Term)]) -> Result<Vec<QuerySolution>, StoreError> {
        match self.query(sparql, bindings)? {
            QueryResults::Solutions(solutions) => Ok(solutions.collect::<Result<_, _>>()?),
            _ => Ok(Vec::new()),
        }
    }

    /// Runs a SPARQL update.
    pub fn update(&self, sparql: &str) -> Result<(), StoreError> {
        Ok(Self::evaluator().parse_update(sparql)?.on_store(&self.inner).execute()?)
    }

    /// All quads, sorted: the canonical, byte-stable dump.
    pub fn sorted_quads(&self) -> Result<Vec<Quad>, StoreError> {
        let mut quads: Vec<Quad> = self.inner.iter().collect::<Result<_, _>>()?;
        quads.sort_by_cached_key(|q| q.to_string());
        Ok(quads)
    }

    /// Writes the store in an RDF format. N-Quads and TriG hold every graph but the network's
    /// index (derived data a build keeps, `id:graph/network`); Turtle, N-Triples
    /// and JSON-LD the default graph. JSON-LD cannot hold RDF 1.2 triple terms, so the
    /// `rdf:reifies` statements are left out of it.
    ///
    /// The same quads always give the same bytes. An in-memory store is written sorted; an
    /// on-disk one in the order of its index, whose keys are hashes of the terms, so that order
    /// is a function of the content alone and the quads stream without being held in memory
    /// (a store of a hundred million quads exports in constant memory). Returns how many
    /// statements it wrote.
    pub fn write(&self, format: RdfFormat, writer: impl Write) -> Result<usize, StoreError> {
        let datasets = matches!(format, RdfFormat::NQuads | RdfFormat::TriG);
        let mut serializer = RdfSerializer::from_format(format);
        if matches!(format, RdfFormat::Turtle | RdfFormat::TriG | RdfFormat::JsonLd { .. }) {
            for (prefix, iri) in vocab::PREFIXES {
                serializer = serializer.with_prefix(prefix, iri).expect("vocabulary prefixes are valid IRIs");
            }
        }
        let mut serializer = serializer.for_writer(writer);
        let quads: Box<dyn Iterator<Item = Result<Quad, StoreError>>> = if self.location.is_some() {
            Box::new(self.inner.iter().map(|q| q.map_err(StoreError::from)))
        } else {
            Box::new(self.sorted_quads()?.into_iter().map(Ok))
        };
        let mut written = 0;
        let network_graph = vocab::network_graph();
        for quad in quads {
            let quad = quad?;
            // The network's index is derived data a build keeps (`crate::links`).
            let index = matches!(&quad.graph_name, GraphName::NamedNode(g) if g.as_str() == network_graph);
            if !datasets && quad.graph_name != GraphName::DefaultGraph || index {
                continue;
            }
            if matches!(format, RdfFormat::JsonLd { .. }) && crate::rdf::has_triple_term(&quad) {
                continue;
            }
            if datasets {
                serializer.serialize_quad(&quad)?;
            } else {
                serializer.serialize_triple(quad.as_ref())?;
            }
            written += 1;
        }
        serializer.finish()?;
        Ok(written)
    }

    /// Loads an RDF file (N-Quads, Turtle, ...) into the store, in one bulk load.
    pub fn load(&self, format: RdfFormat, reader: impl std::io::Read) -> Result<(), StoreError> {
        let parser = oxigraph::io::RdfParser::from_format(format);
        let mut loader = self.inner.bulk_loader();
        loader.load_from_reader(parser, reader).map_err(|e| match e {
            oxigraph::store::LoaderError::Storage(e) => StoreError::Storage(e),
            other => StoreError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, other.to_string())),
        })?;
        loader.commit()?;
        Ok(())
    }
}

/// How [`Store::query_with`] runs a query.
#[derive(Clone, Default)]
pub struct QueryOptions {
    /// The graphs whose union is the default graph (none: the store's default graph).
    pub default_graphs: Vec<NamedNode>,
    /// The named graphs the query may see (none: all of them).
    pub named_graphs: Vec<NamedNode>,
    /// Cancels the evaluation when cancelled.
    pub cancel: Option<oxigraph::sparql::CancellationToken>,
}

/// The quads a [`Loader`] sorts into one set of files.
pub const LOADER_BATCH: usize = 64_000;

/// A bulk load in progress ([`Store::loader`]). Quads wait until there are [`LOADER_BATCH`] of
/// them: the store then ingests sets of files of one size, not one small set per call, and the
/// caller may hand over quads in small groups to bound its own memory.
pub struct Loader<'a> {
    inner: oxigraph::store::BulkLoader<'a>,
    waiting: Vec<Quad>,
}

impl Loader<'_> {
    /// Hands quads to the loader.
    pub fn load(&mut self, quads: impl IntoIterator<Item = Quad>) -> Result<(), StoreError> {
        for quad in quads {
            self.waiting.push(quad);
            if self.waiting.len() == LOADER_BATCH {
                let batch = std::mem::replace(&mut self.waiting, Vec::with_capacity(LOADER_BATCH));
                self.inner.load_quads(batch)?;
            }
        }
        Ok(())
    }

    /// Stores everything loaded, atomically.
    pub fn commit(mut self) -> Result<(), StoreError> {
        if !self.waiting.is_empty() {
            self.inner.load_quads(std::mem::take(&mut self.waiting))?;
        }
        Ok(self.inner.commit()?)
    }
}

/// Creates an empty store at `path` (absent or an empty directory) by making it in a sibling
/// directory and renaming it there; anything else at `path` is left for the open to report.
#[cfg(feature = "rocksdb")]
fn create_whole(path: &Path) -> Result<(), StoreError> {
    let empty_dir = path.is_dir() && std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_none());
    if path.exists() && !empty_dir {
        return Ok(());
    }
    let name = path.file_name().map_or_else(|| "store".into(), |n| n.to_string_lossy().into_owned());
    let staging = path.with_file_name(format!(".{name}.creating-{}", std::process::id()));
    let io = |source: std::io::Error| StoreError::Create { path: path.to_path_buf(), source };
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(io)?;
    }
    drop(oxigraph::store::Store::open(&staging).map_err(|source| open_error(&staging, source))?);
    match std::fs::rename(&staging, path) {
        Ok(()) => Ok(()),
        // Another process created the store meanwhile: use theirs.
        Err(_) if path.join("CURRENT").exists() => std::fs::remove_dir_all(&staging).map_err(io),
        Err(source) => {
            let _ = std::fs::remove_dir_all(&staging);
            Err(io(source))
        }
    }
}

/// Whether `path` holds RocksDB's files but not `CURRENT`: then [`StoreError::LostCurrent`].
#[cfg(feature = "rocksdb")]
fn lost_current(path: &Path) -> Result<(), StoreError> {
    let Ok(entries) = std::fs::read_dir(path) else { return Ok(()) };
    let names: Vec<String> =
        entries.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    let rocksdb_files = names.iter().any(|n| {
        n.starts_with("MANIFEST-")
            || n.starts_with("OPTIONS-")
            || n == "IDENTITY"
            || n.ends_with(".sst")
            || n.ends_with(".log")
    });
    if rocksdb_files {
        return Err(StoreError::LostCurrent { path: path.to_path_buf(), manifest: newest_manifest(path)? });
    }
    Ok(())
}

/// The name of the newest `MANIFEST-NNNNNN` file in a store folder (the highest number).
#[cfg(feature = "rocksdb")]
fn newest_manifest(path: &Path) -> Result<Option<String>, StoreError> {
    let mut newest: Option<(u64, String)> = None;
    for entry in std::fs::read_dir(path)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let Some(number) = name.strip_prefix("MANIFEST-").and_then(|n| n.parse::<u64>().ok()) else { continue };
        if newest.as_ref().is_none_or(|(best, _)| number > *best) {
            newest = Some((number, name));
        }
    }
    Ok(newest.map(|(_, name)| name))
}

#[cfg(feature = "rocksdb")]
impl Store {
    /// Rewrites the lost `CURRENT` file of a store folder to name its newest MANIFEST (what
    /// `CURRENT` holds: the file name and a line feed), then opens the store read-only and reads every
    /// key of every index ([`Store::verify`]). If that fails, the written `CURRENT` is removed again
    /// and the folder is as it was. Returns the MANIFEST chosen.
    ///
    /// ```no_run
    /// use dossier::store::Store;
    ///
    /// let manifest = Store::repair_current("dossier.db".as_ref())?;
    /// println!("CURRENT now names {manifest}");
    /// # Ok::<(), dossier::store::StoreError>(())
    /// ```
    pub fn repair_current(path: &Path) -> Result<String, StoreError> {
        if path.join("CURRENT").exists() {
            return Err(StoreError::Repair {
                path: path.to_path_buf(),
                message: "CURRENT is there: nothing to repair".into(),
            });
        }
        let Some(manifest) = newest_manifest(path)? else {
            return Err(StoreError::Repair {
                path: path.to_path_buf(),
                message: "no MANIFEST file to point CURRENT at; restore a backup".into(),
            });
        };
        let staging = path.join("CURRENT.dossier-repair");
        std::fs::write(&staging, format!("{manifest}\n"))?;
        std::fs::File::open(&staging)?.sync_all()?;
        std::fs::rename(&staging, path.join("CURRENT"))?;
        let verified = Store::open_read_only(path).and_then(|store| store.verify().map(drop));
        if let Err(error) = verified {
            let _ = std::fs::remove_file(path.join("CURRENT"));
            return Err(StoreError::Repair {
                path: path.to_path_buf(),
                message: format!(
                    "{manifest} does not give a sound store ({error}); CURRENT removed again, restore a backup"
                ),
            });
        }
        Ok(manifest)
    }
}

/// Removes the `bulk-*.sst` files a failed bulk load left in a store folder opened for writing.
#[cfg(feature = "rocksdb")]
fn remove_stale_bulk_files(path: &Path) -> Result<(), StoreError> {
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// The store file a RocksDB message names (`... in /path/000012.sst offset 0 size 4096`).
fn file_in_message(message: &str) -> Option<PathBuf> {
    message
        .split_whitespace()
        .map(|word| word.trim_end_matches([',', ':', ';', ')']))
        .find(|word| word.ends_with(".sst") || word.ends_with(".log") || word.contains("MANIFEST-"))
        .map(PathBuf::from)
}

/// A storage error as what the user must do about it: corruption is reported as corruption,
/// with the file it is in when RocksDB says.
fn classify(path: &Path, source: StorageError) -> StoreError {
    match source {
        StorageError::Corruption(error) => {
            let message = error.to_string();
            StoreError::Corrupt { path: path.to_path_buf(), file: file_in_message(&message), message }
        }
        other => StoreError::Storage(other),
    }
}

#[cfg(feature = "rocksdb")]
fn open_error(path: &Path, source: StorageError) -> StoreError {
    // RocksDB's words when another process holds the store: "IO error: While lock file:
    // PATH/LOCK: Resource temporarily unavailable". Other errors may say "lock" too ("block
    // checksum mismatch"), so nothing looser than this is taken for a lock.
    let message = source.to_string();
    if message.contains("While lock file") || message.contains("/LOCK: Resource temporarily unavailable") {
        return StoreError::Locked { path: path.to_path_buf() };
    }
    match classify(path, source) {
        StoreError::Storage(source) => StoreError::Open { path: path.to_path_buf(), source },
        other => other,
    }
}

#[cfg(all(test, feature = "rocksdb"))]
mod tests {
    use super::*;

    /// A new store is made beside its path and renamed into place: nothing is left behind, and
    /// an empty directory given as the path becomes the store.
    #[test]
    fn new_stores_are_created_whole() {
        let dir = tempfile::tempdir().unwrap();
        for path in [dir.path().join("new.db"), dir.path().join("empty")] {
            if path.ends_with("empty") {
                std::fs::create_dir(&path).unwrap();
            }
            drop(Store::open(&path).unwrap());
            assert!(path.join("CURRENT").exists());
            drop(Store::open_read_only(&path).unwrap());
        }
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 2, "{left:?}");
        // A file where the store should be is reported, not replaced.
        let file = dir.path().join("file.db");
        std::fs::write(&file, "not a store").unwrap();
        assert!(Store::open(&file).is_err());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a store");
    }
}
