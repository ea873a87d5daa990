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
    #[cfg(feature = "rocksdb")]
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if !path.join("CURRENT").exists() {
            create_whole(path)?;
        }
        let inner = oxigraph::store::Store::open(path).map_err(|source| open_error(path, source))?;
        Ok(Store { inner, location: Some(path.to_path_buf()), read_only: false })
    }

    /// Opens an existing store on disk for reading, while another process may be writing it.
    #[cfg(feature = "rocksdb")]
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.join("CURRENT").exists() {
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

    /// Sets `dos:sourceCount` of each item of `counts` (replacing the earlier count) and removes
    /// the `dos:PendingDocument` marks of `pending`, in one transaction.
    pub fn finish_counts(&self, counts: &[(String, usize)], pending: &[String]) -> Result<(), StoreError> {
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
        let (subject, predicate) = (NamedNodeRef::new_unchecked(subject), NamedNodeRef::new_unchecked(predicate));
        self.inner
            .quads_for_pattern(Some(subject.into()), Some(predicate), None, Some(GraphNameRef::DefaultGraph))
            .map(|q| Ok(q?.object))
            .collect()
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

    /// Replaces the content of a named graph.
    pub fn replace_graph(&self, graph: &str, quads: &[Quad]) -> Result<(), StoreError> {
        let graph = NamedNode::new_unchecked(graph);
        let mut transaction = self.inner.start_transaction()?;
        transaction.clear_graph(graph.as_ref())?;
        for quad in quads {
            transaction.insert(quad);
        }
        transaction.commit()?;
        Ok(())
    }

    /// Replaces, in the analysis graph, the results of one metric with one set of parameters and
    /// one window by `quads` (from [`crate::rdf::analysis_quads`]), in one transaction.
    pub fn replace_analysis(
        &self,
        metric: &str,
        parameters: &str,
        window: (Option<String>, Option<String>),
        quads: &[Quad],
    ) -> Result<(), StoreError> {
        let graph = NamedNode::new_unchecked(vocab::analysis_graph());
        let value_of = |quads: &[Quad], local: &str| -> Option<String> {
            quads.iter().find(|q| q.predicate.as_str() == vocab::dos(local)).and_then(|q| match &q.object {
                Term::Literal(l) => Some(l.value().to_string()),
                _ => None,
            })
        };
        let mut transaction = self.inner.start_transaction()?;
        let all: Vec<Quad> =
            transaction.quads_for_pattern(None, None, None, Some(graph.as_ref().into())).collect::<Result<_, _>>()?;
        let mut by_subject: std::collections::BTreeMap<String, Vec<Quad>> = std::collections::BTreeMap::new();
        for quad in all {
            by_subject.entry(quad.subject.to_string()).or_default().push(quad);
        }
        for statements in by_subject.values() {
            let same = value_of(statements, "metric").as_deref() == Some(metric)
                && value_of(statements, "parameters").as_deref() == Some(parameters)
                && value_of(statements, "windowStart") == window.0
                && value_of(statements, "windowEnd") == window.1;
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

    /// Writes the store in an RDF format. N-Quads and TriG hold every graph; Turtle, N-Triples
    /// and JSON-LD the default graph. JSON-LD cannot hold RDF 1.2 triple terms, so the
    /// `rdf:reifies` statements are left out of it.
    ///
    /// The same quads always give the same bytes. An in-memory store is written sorted; an
    /// on-disk one in the order of its index, whose keys are hashes of the terms, so that order
    /// is a function of the content alone and the quads stream without being held in memory
    /// (a store of a hundred million quads exports in constant memory).
    pub fn write(&self, format: RdfFormat, writer: impl Write) -> Result<(), StoreError> {
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
        for quad in quads {
            let quad = quad?;
            if !datasets && quad.graph_name != GraphName::DefaultGraph {
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
        }
        serializer.finish()?;
        Ok(())
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

#[cfg(feature = "rocksdb")]
fn open_error(path: &Path, source: StorageError) -> StoreError {
    let message = source.to_string();
    if message.contains("lock") || message.contains("LOCK") {
        StoreError::Locked { path: path.to_path_buf() }
    } else {
        StoreError::Open { path: path.to_path_buf(), source }
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
