//! Pushing the graph into a triplestore through the SPARQL 1.1 Graph Store HTTP Protocol.
//!
//! Each graph of the store (the default graph, then the named ones in order) is cut into
//! batches of statements, each POSTed as N-Triples to the endpoint with `?graph=IRI` (or
//! `?default`). POST adds to a graph, and the graph has no blank nodes, so sending a batch twice
//! stores its statements once: a push is idempotent. It is also resumable: an on-disk store
//! lists its quads in an order fixed by their content, so after each batch the endpoint
//! acknowledges, the number of batches done is written to a state file, and a push that stopped
//! (network down, endpoint restarted) skips them when run again.
//!
//! Triplestores without RDF 1.2 cannot take triple terms; with [`TripleTerms::Reify`] the
//! statement `claim rdf:reifies <<( s p o )>>` is sent as classic RDF reification,
//! `claim rdf:subject s ; rdf:predicate p ; rdf:object o`.
//!
//! ```
//! use dossier::push::{to_send, TripleTerms};
//! use oxigraph::model::{GraphName, NamedNode, Quad, Triple};
//!
//! let iri = |s: &str| NamedNode::new_unchecked(format!("http://example.org/{s}"));
//! let reifies = NamedNode::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies");
//! let claim = Quad::new(iri("c"), reifies, Triple::new(iri("a"), iri("p"), iri("b")), GraphName::DefaultGraph);
//! assert_eq!(to_send(&claim, TripleTerms::Keep)?.len(), 1);
//! let sent = to_send(&claim, TripleTerms::Reify)?;
//! assert_eq!(sent.len(), 3);
//! assert_eq!(sent[0].to_string(), "<http://example.org/c> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <http://example.org/a>");
//! # Ok::<(), dossier::push::PushError>(())
//! ```

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use base64::Engine;
use oxhttp::model::header::{AUTHORIZATION, CONTENT_TYPE};
use oxhttp::model::{Body, Method, Request, StatusCode};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad, Term, Triple};

use crate::store::{Store, StoreError};
use crate::vocab;

/// How RDF 1.2 triple terms are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TripleTerms {
    /// As they are, for stores with RDF 1.2.
    Keep,
    /// As classic RDF reification (`rdf:subject`, `rdf:predicate`, `rdf:object`).
    Reify,
}

/// Where and how to push.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// The Graph Store Protocol endpoint.
    pub endpoint: String,
    /// The graph that receives the store's default graph; `None` for the endpoint's default.
    pub graph: Option<String>,
    /// HTTP Basic credentials (user, password).
    pub auth: Option<(String, String)>,
    /// Statements per request.
    pub batch: usize,
    pub triple_terms: TripleTerms,
    /// How long to wait for each request.
    pub timeout: Duration,
    /// The file recording the batches done; `None` for no resuming.
    pub state: Option<PathBuf>,
    /// Ignore what the state file says and start from the first batch.
    pub restart: bool,
}

/// What a push did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct PushReport {
    /// Statements sent in this run.
    pub statements: usize,
    /// Requests sent in this run.
    pub batches: usize,
    /// Batches skipped because an earlier run had sent them.
    pub resumed: usize,
    /// Graphs pushed.
    pub graphs: usize,
    pub seconds: f64,
}

impl PushReport {
    /// What the push did, in words, for an endpoint.
    ///
    /// ```
    /// let report = dossier::push::PushReport { statements: 100, batches: 2, resumed: 1, graphs: 1, seconds: 2.0 };
    /// assert_eq!(
    ///     report.describe("http://localhost:8890/data"),
    ///     "pushed 100 statements of 1 graphs to http://localhost:8890/data in 2 requests, 2.00 s (50 statements/s) (1 batches sent by an earlier run skipped)"
    /// );
    /// ```
    pub fn describe(&self, endpoint: &str) -> String {
        let rate = if self.seconds > 0.0 { self.statements as f64 / self.seconds } else { 0.0 };
        let resumed = if self.resumed > 0 {
            format!(" ({} batches sent by an earlier run skipped)", self.resumed)
        } else {
            String::new()
        };
        format!(
            "pushed {} statements of {} graphs to {endpoint} in {} requests, {:.2} s ({rate:.0} statements/s){resumed}",
            self.statements, self.graphs, self.batches, self.seconds
        )
    }
}

/// A push that failed; what was acknowledged before stays recorded in the state file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PushError {
    #[error("{url} is not an http:// URL of a Graph Store Protocol endpoint")]
    Endpoint { url: String },
    #[error("cannot reach {url}: {cause}")]
    Connection { url: String, cause: std::io::Error },
    /// The endpoint took the connection but did not answer in time, on every attempt.
    #[error("no answer from {url} within {seconds} s ({attempts} attempts; --timeout sets the seconds)")]
    NoAnswer { url: String, seconds: u64, attempts: u32 },
    /// The state file is there but is not one `push` wrote.
    #[error("{} is not a push state file ({message}); delete it, or push with --restart to start from the first batch", path.display())]
    BadState { path: PathBuf, message: String },
    #[error("{url} refused the credentials (HTTP {status}); give --auth USER:PASS of a user allowed to write")]
    Unauthorized { url: String, status: u16 },
    #[error("{url} answered HTTP {status}: {body}")]
    Status { url: String, status: u16, body: String },
    #[error("cannot {action} the push state {}: {cause}", path.display())]
    State { action: &'static str, path: PathBuf, cause: std::io::Error },
    #[error("{quad} has a triple term that classic reification cannot express; push with --triple-terms keep to a store with RDF 1.2")]
    TripleTerm { quad: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What the state file records: the push it belongs to and how far it went.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct State {
    endpoint: String,
    graph: Option<String>,
    batch: usize,
    triple_terms: TripleTerms,
    /// Quads of the store when the push started: a store that changed starts over.
    quads: usize,
    /// Batches acknowledged, by graph (`""` for the default graph).
    done: BTreeMap<String, usize>,
}

/// The statements to send for one stored quad (its graph left out: the request names it).
pub fn to_send(quad: &Quad, triple_terms: TripleTerms) -> Result<Vec<Triple>, PushError> {
    let triple = Triple::new(quad.subject.clone(), quad.predicate.clone(), quad.object.clone());
    let Term::Triple(term) = &quad.object else { return Ok(vec![triple]) };
    if triple_terms == TripleTerms::Keep {
        return Ok(vec![triple]);
    }
    let reifies = format!("{}reifies", vocab::RDF);
    if quad.predicate.as_str() != reifies || matches!(term.object, Term::Triple(_)) {
        return Err(PushError::TripleTerm { quad: quad.to_string() });
    }
    let rdf = |local: &str| NamedNode::new_unchecked(format!("{}{local}", vocab::RDF));
    Ok(vec![
        Triple::new(quad.subject.clone(), rdf("subject"), term.subject.clone()),
        Triple::new(quad.subject.clone(), rdf("predicate"), term.predicate.clone()),
        Triple::new(quad.subject.clone(), rdf("object"), term.object.clone()),
    ])
}

/// Pushes every graph of `store` to the endpoint; `progress` gets the statements sent so far.
pub fn push(store: &Store, options: &PushOptions, progress: &dyn Fn(usize)) -> Result<PushReport, PushError> {
    if !options.endpoint.starts_with("http://") && !options.endpoint.starts_with("https://") {
        return Err(PushError::Endpoint { url: options.endpoint.clone() });
    }
    let started = Instant::now();
    let mut state = State {
        endpoint: options.endpoint.clone(),
        graph: options.graph.clone(),
        batch: options.batch.max(1),
        triple_terms: options.triple_terms,
        quads: store.len()?,
        done: BTreeMap::new(),
    };
    if let (Some(path), false) = (&options.state, options.restart) {
        if let Some(earlier) = read_state(path)? {
            if (State { done: BTreeMap::new(), ..earlier.clone() }) == state {
                state.done = earlier.done;
            }
        }
    }
    let client = oxhttp::Client::new()
        .with_global_timeout(options.timeout)
        .with_user_agent(concat!("dossier/", env!("CARGO_PKG_VERSION")))
        .expect("a valid user agent");
    let mut graphs: Vec<GraphName> = vec![GraphName::DefaultGraph];
    graphs.extend(store.named_graphs()?.into_iter().map(GraphName::NamedNode));
    let mut report = PushReport::default();
    for graph in &graphs {
        let (key, target) = match graph {
            GraphName::NamedNode(name) => (name.as_str().to_string(), Some(name.as_str().to_string())),
            _ => (String::new(), options.graph.clone()),
        };
        let url = graph_url(&options.endpoint, target.as_deref());
        let skip = state.done.get(&key).copied().unwrap_or(0);
        let mut index = 0;
        let size = state.batch;
        let mut batch: Vec<Triple> = Vec::with_capacity(size);
        let mut send = |batch: &mut Vec<Triple>, index: &mut usize| -> Result<(), PushError> {
            if *index >= skip {
                post(&client, &url, options, batch)?;
                report.statements += batch.len();
                report.batches += 1;
                progress(report.statements);
                state.done.insert(key.clone(), *index + 1);
                if let Some(path) = &options.state {
                    write_state(path, &state)?;
                }
            } else {
                report.resumed += 1;
            }
            *index += 1;
            batch.clear();
            Ok(())
        };
        let graph_ref: GraphNameRef<'_> = graph.as_ref();
        for quad in store.oxigraph().quads_for_pattern(None, None, None, Some(graph_ref)) {
            let quad = quad.map_err(StoreError::from)?;
            batch.extend(to_send(&quad, options.triple_terms)?);
            if batch.len() >= size {
                send(&mut batch, &mut index)?;
            }
        }
        if !batch.is_empty() {
            send(&mut batch, &mut index)?;
        }
        report.graphs += 1;
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// The URL addressing one graph of the endpoint (indirect identification: `?graph=` or
/// `?default`).
fn graph_url(endpoint: &str, graph: Option<&str>) -> String {
    let separator = if endpoint.contains('?') { '&' } else { '?' };
    match graph {
        Some(iri) => {
            let encoded: String = url::form_urlencoded::byte_serialize(iri.as_bytes()).collect();
            format!("{endpoint}{separator}graph={encoded}")
        }
        None => format!("{endpoint}{separator}default"),
    }
}

/// POSTs one batch as N-Triples; retries a few times on connection errors and 5xx answers.
fn post(client: &oxhttp::Client, url: &str, options: &PushOptions, batch: &[Triple]) -> Result<(), PushError> {
    let mut body = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for triple in batch {
        body.serialize_triple(triple).map_err(|cause| PushError::Connection { url: url.to_string(), cause })?;
    }
    let body = body.finish().map_err(|cause| PushError::Connection { url: url.to_string(), cause })?;
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut request =
            Request::builder().method(Method::POST).uri(url).header(CONTENT_TYPE, "application/n-triples");
        if let Some((user, password)) = &options.auth {
            let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
            request = request.header(AUTHORIZATION, format!("Basic {token}"));
        }
        let request = request.body(Body::from(body.clone())).map_err(|_| PushError::Endpoint { url: url.into() })?;
        let retry = match client.request(request) {
            Ok(response) => {
                let status = response.status();
                if status.is_success() {
                    return Ok(());
                }
                if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
                    return Err(PushError::Unauthorized { url: url.to_string(), status: status.as_u16() });
                }
                let mut text = String::new();
                let _ = response.into_body().take(2000).read_to_string(&mut text);
                let error =
                    PushError::Status { url: url.to_string(), status: status.as_u16(), body: text.trim().into() };
                if !status.is_server_error() {
                    return Err(error);
                }
                error
            }
            // A read that timed out: EAGAIN ("Resource temporarily unavailable") or ETIMEDOUT.
            Err(cause) if matches!(cause.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                PushError::NoAnswer { url: url.to_string(), seconds: options.timeout.as_secs(), attempts: attempt }
            }
            Err(cause) => PushError::Connection { url: url.to_string(), cause },
        };
        if attempt >= 3 {
            return Err(retry);
        }
        std::thread::sleep(Duration::from_millis(500 * u64::from(attempt)));
    }
}

/// The state an earlier push recorded in `path` (`None`: no file, or an empty one). A file that is
/// not a state is refused, not ignored: ignoring it would send everything again.
fn read_state(path: &Path) -> Result<Option<State>, PushError> {
    match std::fs::read(path) {
        // An empty file (`--state /dev/null`) records nothing.
        Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => Ok(None),
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| PushError::BadState { path: path.to_path_buf(), message: e.to_string() }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(cause) => Err(PushError::State { action: "read", path: path.to_path_buf(), cause }),
    }
}

/// Writes the state next to its place and renames it over, so a crash leaves the old or the new.
fn write_state(path: &Path, state: &State) -> Result<(), PushError> {
    let error = |cause| PushError::State { action: "write", path: path.to_path_buf(), cause };
    let temporary = path.with_extension("tmp");
    std::fs::write(&temporary, serde_json::to_vec_pretty(state).expect("state is JSON")).map_err(error)?;
    std::fs::rename(&temporary, path).map_err(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphs_are_addressed_indirectly() {
        assert_eq!(graph_url("http://h/store", None), "http://h/store?default");
        assert_eq!(
            graph_url("http://h/store", Some("https://w3id.org/dossier/id/graph/analysis")),
            "http://h/store?graph=https%3A%2F%2Fw3id.org%2Fdossier%2Fid%2Fgraph%2Fanalysis"
        );
        assert_eq!(graph_url("http://h/crud?x=1", None), "http://h/crud?x=1&default");
    }

    /// A push that fails half-way goes on from the first batch not acknowledged.
    #[test]
    fn a_push_that_failed_resumes_where_it_stopped() {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::{Arc, Mutex};

        let received = Arc::new(Mutex::new(Vec::<String>::new()));
        let failing = Arc::new(AtomicBool::new(true));
        let (log, fail) = (Arc::clone(&received), Arc::clone(&failing));
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let _server = oxhttp::Server::new(move |request| {
            let mut body = String::new();
            request.body_mut().read_to_string(&mut body).unwrap();
            let mut log = log.lock().unwrap();
            // The second batch fails while `failing` holds.
            let status = if fail.load(Ordering::SeqCst) && log.len() == 1 {
                StatusCode::SERVICE_UNAVAILABLE
            } else {
                log.push(body);
                StatusCode::NO_CONTENT
            };
            oxhttp::model::Response::builder().status(status).body(Body::empty()).unwrap()
        })
        .bind(([127, 0, 0, 1], port))
        .spawn()
        .unwrap();

        let store = Store::memory().unwrap();
        let labels: String = (0..10).map(|i| format!("dos:a{i} rdfs:label \"{i}\" . ")).collect();
        store.update(&format!("INSERT DATA {{ {labels} }}")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let options = PushOptions {
            endpoint: format!("http://127.0.0.1:{port}/store"),
            graph: None,
            auth: None,
            batch: 3,
            triple_terms: TripleTerms::Reify,
            timeout: Duration::from_secs(10),
            state: Some(dir.path().join("state.json")),
            restart: false,
        };
        let error = push(&store, &options, &|_| {}).unwrap_err();
        assert!(error.to_string().contains("HTTP 503"), "{error}");
        assert_eq!(received.lock().unwrap().len(), 1);

        failing.store(false, Ordering::SeqCst);
        let report = push(&store, &options, &|_| {}).unwrap();
        assert_eq!((report.resumed, report.batches, report.statements), (1, 3, 7));
        let lines: std::collections::BTreeSet<String> =
            received.lock().unwrap().iter().flat_map(|b| b.lines().map(str::to_string).collect::<Vec<_>>()).collect();
        assert_eq!(lines.len(), 10, "every statement arrived once");
        let again = push(&store, &options, &|_| {}).unwrap();
        assert_eq!((again.resumed, again.batches), (4, 0), "nothing left to send");
    }

    fn options(endpoint: String, state: Option<PathBuf>) -> PushOptions {
        PushOptions {
            endpoint,
            graph: None,
            auth: None,
            batch: 10,
            triple_terms: TripleTerms::Reify,
            timeout: Duration::from_secs(1),
            state,
            restart: false,
        }
    }

    /// Issue 24: an endpoint that takes the connection and never answers is named with the
    /// time waited, not as "Resource temporarily unavailable (os error 11)".
    #[test]
    fn r24_a_hanging_endpoint_is_no_answer_within_the_timeout() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let endpoint = format!("http://{}/store", listener.local_addr().unwrap());
        let store = Store::memory().unwrap();
        store.update("INSERT DATA { dos:a rdfs:label \"A\" }").unwrap();
        let error = push(&store, &options(endpoint.clone(), None), &|_| {}).unwrap_err().to_string();
        assert_eq!(
            error,
            format!("no answer from {endpoint}?default within 1 s (3 attempts; --timeout sets the seconds)")
        );
        drop(listener);
    }

    /// Issue 24: a state file that is not one is refused (it used to be ignored, and everything
    /// sent again); --restart starts over.
    #[test]
    fn r24_a_corrupt_state_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state.json");
        std::fs::write(&state, "{\"endpoint\": \"http://h\", \"done\": ").unwrap();
        let store = Store::memory().unwrap();
        let mut options = options("http://127.0.0.1:9/store".into(), Some(state.clone()));
        let error = push(&store, &options, &|_| {}).unwrap_err().to_string();
        assert!(
            error.starts_with(&format!("{} is not a push state file (EOF while parsing", state.display()))
                && error.ends_with("delete it, or push with --restart to start from the first batch"),
            "{error}"
        );
        // With --restart the file is not read: the push goes on (an empty store sends nothing).
        options.restart = true;
        let report = push(&store, &options, &|_| {}).unwrap();
        assert_eq!(report.batches, 0);
        // An empty file (`--state /dev/null`) records nothing, and is no error.
        options.restart = false;
        std::fs::write(&state, "").unwrap();
        assert_eq!(push(&store, &options, &|_| {}).unwrap().batches, 0);
    }

    #[test]
    fn a_bad_endpoint_is_named() {
        let options = PushOptions {
            endpoint: "localhost:8890".into(),
            graph: None,
            auth: None,
            batch: 10,
            triple_terms: TripleTerms::Reify,
            timeout: Duration::from_secs(1),
            state: None,
            restart: false,
        };
        let error = push(&Store::memory().unwrap(), &options, &|_| {}).unwrap_err();
        assert!(error.to_string().contains("localhost:8890 is not an http:// URL"), "{error}");
    }
}
