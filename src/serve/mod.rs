//! The graph over HTTP (`dossier serve`): the SPARQL 1.1 Protocol, a query page, the picture.
//!
//! Routes:
//!
//! | path            | what                                                                  |
//! |-----------------|-----------------------------------------------------------------------|
//! | `/sparql`       | SPARQL 1.1 Protocol queries: GET, POST form-encoded or `application/sparql-query`; without a query, the service description |
//! | `/update`       | SPARQL 1.1 Update (POST form-encoded or `application/sparql-update`), only with [`ServeOptions::allow_update`] |
//! | `/`             | a page with a query editor, the example queries, a results table and the picture |
//! | `/queries.json` | the example queries of `examples/queries/`                            |
//! | `/network.svg`  | the actor network drawn by Graphviz                                   |
//! | `/briefing`     | the HTML briefing                                                     |
//! | `/describe?iri=IRI` | one resource: its HTML page (actor, event, claim, document, or its statements), or its description as Turtle, N-Triples or JSON-LD ([`describe`]) |
//!
//! Results are negotiated from the `Accept` header (or a `format=` parameter): JSON, XML, CSV
//! or TSV for SELECT and ASK; Turtle, N-Triples, N-Quads, JSON-LD or RDF/XML for CONSTRUCT and
//! DESCRIBE. Every response carries `Access-Control-Allow-Origin: *`, so web tools (YASGUI)
//! can query from a browser. A query is evaluated on a worker thread and answered 503 at
//! [`ServeOptions::timeout`] whether or not it has stopped (`worker.rs`), and refused when its
//! result exceeds [`ServeOptions::max_rows`], each with a message saying which limit and how to
//! raise it. `SERVICE` (federated query) is refused: the server makes no outbound request.
//! `/briefing` and `/network.svg` are computed once per store version (`cache.rs`).
//!
//! The server (`http.rs`) answers each connection on its own thread, so queries run in
//! parallel over the one store, and binds every client by [`Limits`] (`limits.rs`): deadlines
//! for headers, bodies, idle connections and responses, connection caps in all and per client
//! address, a body size limit and a memory budget for the bodies in flight.
//!
//! [`Endpoint::handle`] is the whole server as a function from request to response:
//!
//! ```
//! use dossier::serve::{Endpoint, ServeOptions};
//! use dossier::store::Store;
//! use oxhttp::model::{Body, Request};
//!
//! let endpoint = Endpoint::new(Store::memory()?, ServeOptions::default());
//! let mut request = Request::builder()
//!     .uri("http://localhost/sparql?query=ASK%20%7B%7D")
//!     .header("Accept", "text/csv")
//!     .body(Body::empty())?;
//! let response = endpoint.handle(&mut request);
//! assert_eq!(response.status(), 200);
//! assert_eq!(response.headers()["Access-Control-Allow-Origin"], "*");
//! assert_eq!(response.into_body().to_string()?, "true");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cache;
pub mod describe;
mod http;
mod limits;
mod process;
mod worker;

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use oxhttp::model::header::{ACCEPT, CONTENT_TYPE, HOST};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{BlankNode, Literal, NamedNode, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults};

use crate::analysis::{ActorNetwork, Metric, NetworkFilter};
use crate::export;
use crate::store::{QueryOptions, Store, StoreError};
use crate::vocab;
use cache::{Cache, Origin, Page};
pub use limits::Limits;
pub use process::{query_worker, WorkerCommand};
use worker::{Evaluations, Late};

/// The page at `/`.
const PAGE: &str = include_str!("page.html");

/// The example queries offered on the page: `examples/queries/*.rq` (a test checks the list is
/// complete).
pub const EXAMPLES: &[(&str, &str)] = &[
    ("timeline", include_str!("../../examples/queries/timeline.rq")),
    ("actors_by_type", include_str!("../../examples/queries/actors_by_type.rq")),
    ("taliban_events", include_str!("../../examples/queries/taliban_events.rq")),
    ("event_actors", include_str!("../../examples/queries/event_actors.rq")),
    ("corroborated_events", include_str!("../../examples/queries/corroborated_events.rq")),
    ("claims_by_speaker", include_str!("../../examples/queries/claims_by_speaker.rq")),
    ("claims_as_relations", include_str!("../../examples/queries/claims_as_relations.rq")),
    ("contradictions", include_str!("../../examples/queries/contradictions.rq")),
    ("central_actors_window", include_str!("../../examples/queries/central_actors_window.rq")),
];

/// How the endpoint behaves.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// How long a query may run before it is cancelled.
    pub timeout: Duration,
    /// Most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) a result may have.
    pub max_rows: usize,
    /// Whether `/update` accepts SPARQL Update.
    pub allow_update: bool,
    /// What a client may cost: deadlines, connection caps, body size and memory.
    pub limits: Limits,
    /// How to start a query worker process (see [`query_worker`]): with it, and a store on
    /// disk, each query runs in a worker killed at the deadline; without, on a thread that is
    /// cancelled and abandoned at the deadline (it stops at its next read of the store).
    pub worker: Option<WorkerCommand>,
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            timeout: Duration::from_secs(30),
            max_rows: 100_000,
            allow_update: false,
            limits: Limits::default(),
            worker: None,
        }
    }
}

/// Why the server could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    #[error("cannot listen on {addr}: {cause}")]
    Bind { addr: SocketAddr, cause: std::io::Error },
    #[error("cannot watch for termination signals: {0}")]
    Signals(std::io::Error),
    #[error("query worker: {0}")]
    Worker(std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A failed request: the status and what to tell the client.
#[derive(Debug, Clone)]
struct Failure(StatusCode, String);

impl Failure {
    fn bad(message: impl Into<String>) -> Failure {
        Failure(StatusCode::BAD_REQUEST, message.into())
    }
}

impl From<StoreError> for Failure {
    fn from(error: StoreError) -> Failure {
        match error {
            StoreError::Syntax(e) => Failure::bad(format!("SPARQL syntax error: {e}")),
            StoreError::Evaluation(error) => evaluation_failure(error),
            other => Failure(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
        }
    }
}

fn cancelled() -> Failure {
    Failure(StatusCode::SERVICE_UNAVAILABLE, "the query was cancelled: it ran longer than the server's timeout (dossier serve --timeout SECONDS); narrow it or raise the timeout".into())
}

/// What to answer for an evaluation error: a timeout is 503, a federated query 400.
fn evaluation_failure(error: QueryEvaluationError) -> Failure {
    match error {
        QueryEvaluationError::Cancelled => cancelled(),
        QueryEvaluationError::Service(_)
        | QueryEvaluationError::UnsupportedService(_)
        | QueryEvaluationError::UnboundService
        | QueryEvaluationError::InvalidServiceName(_) => Failure::bad(
            "SERVICE is not supported: this endpoint answers from its own store and sends no request to other endpoints",
        ),
        other => Failure(StatusCode::INTERNAL_SERVER_ERROR, format!("SPARQL evaluation failed: {other}")),
    }
}

/// What to answer when an evaluation gave no answer in time: 503, saying which limit.
fn late(late: Late, what: &str, timeout: Duration, max_queries: usize) -> Failure {
    let seconds = timeout.as_secs_f64();
    let message = match late {
        Late::Deadline if what == "query" => return cancelled(),
        Late::Deadline => format!(
            "the {what} is still being computed after {seconds} s (dossier serve --timeout SECONDS); it is kept once done: try again shortly"
        ),
        Late::Busy => format!(
            "the server is busy: {max_queries} evaluations running (dossier serve --max-queries N) left no place for this {what} within {seconds} s; try again shortly"
        ),
    };
    Failure(StatusCode::SERVICE_UNAVAILABLE, message)
}

/// The endpoint: a store and how to serve it.
pub struct Endpoint {
    store: Arc<Store>,
    options: ServeOptions,
    in_flight: AtomicUsize,
    stopping: AtomicBool,
    evaluations: Arc<Evaluations>,
    /// Changes with every update applied: the key of the cached pages.
    version: AtomicU64,
    briefing: Arc<Cache>,
    picture: Arc<Cache>,
    /// Worker processes for queries, when the store is on disk and a worker command given.
    workers: Option<process::Pool>,
}

/// Counts a request in flight while it lives.
struct InFlight<'a>(&'a AtomicUsize);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A request's parameters: from the URL's query string, and from a form-encoded body.
#[derive(Debug, Default)]
struct Params(Vec<(String, String)>);

impl Params {
    fn parse(bytes: &[u8]) -> Params {
        Params(url::form_urlencoded::parse(bytes).into_owned().collect())
    }

    fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }

    /// The one value of `name`, if given; two values are an error.
    fn one(&self, name: &str) -> Result<Option<&str>, Failure> {
        match self.all(name).as_slice() {
            [] => Ok(None),
            [value] => Ok(Some(value)),
            _ => Err(Failure::bad(format!("give the {name} parameter once"))),
        }
    }
}

impl Endpoint {
    /// An endpoint over `store`.
    pub fn new(store: Store, options: ServeOptions) -> Endpoint {
        let workers = match (&options.worker, store.location()) {
            (Some(command), Some(_)) => Some(process::Pool::new(command.clone())),
            _ => None,
        };
        Endpoint {
            workers,
            store: Arc::new(store),
            evaluations: Evaluations::new(options.limits.max_queries),
            options,
            in_flight: AtomicUsize::new(0),
            stopping: AtomicBool::new(false),
            version: AtomicU64::new(0),
            briefing: Arc::default(),
            picture: Arc::default(),
        }
    }

    /// The store served.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Answers one request.
    pub fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        if self.stopping.load(Ordering::SeqCst) {
            return failure(Failure(StatusCode::SERVICE_UNAVAILABLE, "the server is shutting down".into()));
        }
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        let _counted = InFlight(&self.in_flight);
        let path = request.uri().path().to_string();
        let result = match (request.method().clone(), path.as_str()) {
            (Method::OPTIONS, _) => Ok(preflight()),
            (Method::GET | Method::HEAD, "/") => Ok(ok("text/html; charset=utf-8", page())),
            (Method::GET | Method::HEAD, "/queries.json") => Ok(examples()),
            (Method::GET | Method::HEAD, "/network.svg") => self.picture(),
            (Method::GET | Method::HEAD, "/briefing") => self.briefing(),
            (Method::GET | Method::HEAD, "/describe") => self.describe(request),
            (Method::GET | Method::HEAD | Method::POST, "/sparql") => self.sparql(request),
            (Method::POST, "/update") => self.update(request),
            (_, "/sparql" | "/update" | "/" | "/queries.json" | "/network.svg" | "/briefing" | "/describe") => {
                Err(Failure(StatusCode::METHOD_NOT_ALLOWED, format!("{} is not allowed here", request.method())))
            }
            (_, path) => Err(Failure(StatusCode::NOT_FOUND, format!("nothing at {path}: try /sparql or /"))),
        };
        result.unwrap_or_else(failure)
    }

    /// Refuses new requests from now on and waits (up to `wait`) for those running to end;
    /// returns how many were still running.
    pub fn stop(&self, wait: Duration) -> usize {
        self.stopping.store(true, Ordering::SeqCst);
        let started = Instant::now();
        while self.in_flight.load(Ordering::SeqCst) > 0 && started.elapsed() < wait {
            std::thread::sleep(Duration::from_millis(10));
        }
        self.in_flight.load(Ordering::SeqCst)
    }

    fn sparql(&self, request: &mut Request<Body>) -> Result<Response<Body>, Failure> {
        let mut params = Params::parse(request.uri().query().unwrap_or("").as_bytes());
        let mut query = None;
        if *request.method() == Method::POST {
            let body = read_body(request, self.options.limits.max_body_bytes)?;
            match media_type(request).as_deref() {
                Some("application/x-www-form-urlencoded") => params.0.extend(Params::parse(&body).0),
                Some("application/sparql-query") => {
                    query = Some(String::from_utf8(body).map_err(|_| Failure::bad("the query is not UTF-8"))?)
                }
                Some("application/sparql-update") => {
                    return Err(Failure::bad("SPARQL Update goes to /update, not /sparql"));
                }
                other => {
                    return Err(Failure(
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        format!(
                            "POST a query as application/x-www-form-urlencoded or application/sparql-query, not {}",
                            other.unwrap_or("a body without a Content-Type")
                        ),
                    ))
                }
            }
        }
        if query.is_none() {
            query = params.one("query")?.map(str::to_string);
        }
        if params.one("update")?.is_some() {
            return Err(Failure::bad("SPARQL Update goes to /update, not /sparql"));
        }
        let accept = params
            .one("format")?
            .or(params.one("output")?)
            .map(format_parameter)
            .or_else(|| request.headers().get(ACCEPT).and_then(|v| v.to_str().ok()).map(str::to_string));
        let Some(query) = query else {
            return self.service_description(request, accept.as_deref());
        };
        let iris = |name: &str| -> Result<Vec<NamedNode>, Failure> {
            params
                .all(name)
                .into_iter()
                .map(|iri| NamedNode::new(iri).map_err(|e| Failure::bad(format!("{name} {iri:?} is not an IRI: {e}"))))
                .collect()
        };
        let (default_graphs, named_graphs) = (iris("default-graph-uri")?, iris("named-graph-uri")?);
        let (max_rows, deadline) = (self.options.max_rows, Instant::now() + self.options.timeout);
        let late = |l| late(l, "query", self.options.timeout, self.options.limits.max_queries);
        let (media, body) = if let Some(workers) = &self.workers {
            // In a worker process, killed at the deadline.
            let names = |graphs: Vec<NamedNode>| graphs.into_iter().map(NamedNode::into_string).collect();
            let job = process::Job {
                query,
                default_graphs: names(default_graphs),
                named_graphs: names(named_graphs),
                accept,
                max_rows,
            };
            workers.run(&job, self.version.load(Ordering::SeqCst), deadline, &self.evaluations).map_err(late)??
        } else {
            // On a worker thread: at the deadline the token is fired and the client told,
            // whether or not the evaluation has noticed the token yet.
            let cancel = CancellationToken::new();
            let options = QueryOptions { default_graphs, named_graphs, cancel: Some(cancel.clone()) };
            let store = Arc::clone(&self.store);
            self.evaluations
                .run(deadline, &cancel, move || {
                    serialize(store.query_with(&query, &options)?, accept.as_deref(), max_rows)
                })
                .map_err(late)??
        };
        Ok(ok(media, body))
    }

    fn update(&self, request: &mut Request<Body>) -> Result<Response<Body>, Failure> {
        if !self.options.allow_update {
            return Err(Failure(
                StatusCode::FORBIDDEN,
                "this endpoint is read-only; start it with `dossier serve --allow-update` to accept SPARQL Update"
                    .into(),
            ));
        }
        let body = read_body(request, self.options.limits.max_body_bytes)?;
        let update = match media_type(request).as_deref() {
            Some("application/x-www-form-urlencoded") => Params::parse(&body)
                .one("update")?
                .map(str::to_string)
                .ok_or_else(|| Failure::bad("the form has no update parameter"))?,
            Some("application/sparql-update") => {
                String::from_utf8(body).map_err(|_| Failure::bad("the update is not UTF-8"))?
            }
            other => {
                return Err(Failure(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!(
                        "POST an update as application/x-www-form-urlencoded or application/sparql-update, not {}",
                        other.unwrap_or("a body without a Content-Type")
                    ),
                ))
            }
        };
        self.store.update(&update)?;
        if self.workers.is_some() {
            // Worker processes started from now on open the store with this update.
            self.store.flush()?;
        }
        // The cached pages (and the workers) were made from the store before this update.
        self.version.fetch_add(1, Ordering::SeqCst);
        Ok(Response::builder()
            .status(StatusCode::NO_CONTENT)
            .header("Access-Control-Allow-Origin", "*")
            .body(Body::empty())
            .expect("valid response"))
    }

    /// The SPARQL 1.1 Service Description of the endpoint, in the negotiated RDF format.
    fn service_description(&self, request: &Request<Body>, accept: Option<&str>) -> Result<Response<Body>, Failure> {
        const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
        const FORMATS: &str = "http://www.w3.org/ns/formats/";
        let (media, format) = negotiate(accept, GRAPH_FORMATS)?;
        let host = request.headers().get(HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
        let iri = |s: String| NamedNode::new_unchecked(s);
        let (service, dataset, graph) = (
            BlankNode::new_unchecked("service"),
            BlankNode::new_unchecked("dataset"),
            BlankNode::new_unchecked("default"),
        );
        let mut triples = vec![
            Triple::new(service.clone(), iri(vocab::RDF_TYPE.into()), iri(format!("{SD}Service"))),
            Triple::new(service.clone(), iri(format!("{SD}endpoint")), iri(format!("http://{host}/sparql"))),
            Triple::new(service.clone(), iri(format!("{SD}supportedLanguage")), iri(format!("{SD}SPARQL11Query"))),
            Triple::new(service.clone(), iri(format!("{SD}defaultDataset")), dataset.clone()),
            Triple::new(dataset.clone(), iri(vocab::RDF_TYPE.into()), iri(format!("{SD}Dataset"))),
            Triple::new(dataset.clone(), iri(format!("{SD}defaultGraph")), graph.clone()),
            Triple::new(graph.clone(), iri(vocab::RDF_TYPE.into()), iri(format!("{SD}Graph"))),
            Triple::new(graph, iri("http://rdfs.org/ns/void#triples".into()), Literal::from(self.store.len()? as i64)),
        ];
        if self.options.allow_update {
            triples.push(Triple::new(
                service.clone(),
                iri(format!("{SD}supportedLanguage")),
                iri(format!("{SD}SPARQL11Update")),
            ));
        }
        for name in [
            "SPARQL_Results_JSON",
            "SPARQL_Results_XML",
            "SPARQL_Results_CSV",
            "SPARQL_Results_TSV",
            "Turtle",
            "N-Triples",
            "N-Quads",
            "JSON-LD",
            "RDF_XML",
        ] {
            triples.push(Triple::new(
                service.clone(),
                iri(format!("{SD}resultFormat")),
                iri(format!("{FORMATS}{name}")),
            ));
        }
        for named in self.store.named_graphs()? {
            let entry = BlankNode::default();
            triples.push(Triple::new(dataset.clone(), iri(format!("{SD}namedGraph")), entry.clone()));
            triples.push(Triple::new(entry, iri(format!("{SD}name")), named));
        }
        let mut out = prefixed(format).for_writer(Vec::new());
        for triple in &triples {
            out.serialize_triple(triple).map_err(|e| Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        }
        let body = out.finish().map_err(|e| Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        Ok(ok(media, body))
    }

    /// The actor network drawn by Graphviz ([`export::network_picture`]), its nodes sized by
    /// PageRank; once per store version.
    fn picture(&self) -> Result<Response<Body>, Failure> {
        self.cached(&self.picture, "picture", picture)
    }

    /// One resource: its page, or its description in the negotiated RDF format.
    fn describe(&self, request: &Request<Body>) -> Result<Response<Body>, Failure> {
        let params = Params::parse(request.uri().query().unwrap_or("").as_bytes());
        let Some(iri) = params.one("iri")? else {
            return Err(Failure::bad("give the resource to describe: /describe?iri=IRI"));
        };
        NamedNode::new(iri).map_err(|e| Failure::bad(format!("iri {iri:?} is not an IRI: {e}")))?;
        let accept = params
            .one("format")?
            .map(|f| if f.eq_ignore_ascii_case("html") { "text/html".to_string() } else { format_parameter(f) })
            .or_else(|| request.headers().get(ACCEPT).and_then(|v| v.to_str().ok()).map(str::to_string));
        let unknown = || Failure(StatusCode::NOT_FOUND, format!("the store says nothing about {iri}"));
        let (media, format) = negotiate(accept.as_deref(), DESCRIBE_FORMATS)?;
        let internal = |e: &dyn std::fmt::Display| Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
        match format {
            None => match describe::page(&self.store, iri)? {
                Some(describe::Page::Html(html)) => Ok(ok(media, html.into_bytes())),
                Some(describe::Page::Redirect(location)) => Ok(Response::builder()
                    .status(StatusCode::SEE_OTHER)
                    .header("Location", HeaderValue::from_str(&location).map_err(|e| internal(&e))?)
                    .header("Access-Control-Allow-Origin", "*")
                    .body(Body::empty())
                    .expect("valid response")),
                None => Err(unknown()),
            },
            Some(format) => match describe::describe_rdf(&self.store, iri, format).map_err(|e| internal(&e))? {
                Some(body) => Ok(ok(media, body)),
                None => Err(unknown()),
            },
        }
    }

    /// The HTML briefing; once per store version.
    fn briefing(&self) -> Result<Response<Body>, Failure> {
        self.cached(&self.briefing, "briefing", |store| {
            let mut page = Vec::new();
            export::write_briefing(store, &export::BriefingOptions::default(), &mut page)
                .map_err(|e| Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
            Ok(("text/html; charset=utf-8", page))
        })
    }

    /// The page `make` computes from the store, kept in `cache` for the store's version and
    /// computed on a worker within the query timeout. The `Cache-Status` header (RFC 9211)
    /// says whether it was kept (`hit`) or computed for this request.
    fn cached(
        &self,
        cache: &Arc<Cache>,
        what: &str,
        make: impl FnOnce(&Store) -> Page + Send + 'static,
    ) -> Result<Response<Body>, Failure> {
        let store = Arc::clone(&self.store);
        let version = self.version.load(Ordering::SeqCst);
        let deadline = Instant::now() + self.options.timeout;
        let (page, origin) = cache
            .get(version, deadline, &self.evaluations, move || make(&store))
            .map_err(|l| late(l, what, self.options.timeout, self.options.limits.max_queries))?;
        let (media, body) = page.as_ref().clone()?;
        let mut response = ok(media, body);
        let status = match origin {
            Origin::Hit => "dossier; hit",
            Origin::Computed => "dossier; fwd=miss; stored",
        };
        response.headers_mut().insert("Cache-Status", HeaderValue::from_static(status));
        Ok(response)
    }
}

/// The actor network drawn by Graphviz, its nodes sized by PageRank.
fn picture(store: &Store) -> Page {
    let internal = |e: &dyn std::fmt::Display| Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    let network = ActorNetwork::build(store, &NetworkFilter::default()).map_err(|e| internal(&e))?;
    let documents = crate::traverse::documents(store)?;
    // The most central actors of a large network (PictureTop::Auto), as `dossier export` draws,
    // with red edges between the speakers drawn.
    let options = export::PictureOptions::new(export::corpus_title(&documents))
        .with_size_by(Metric::PageRank)
        .with_node_links("/describe?iri=");
    let drawn = export::picture_actors(&network, &options).map_err(|e| internal(&e))?;
    // Past PICTURE_CLAIMS claims of the speakers drawn, no red edges (as `dossier export`).
    let pairs = crate::traverse::speaker_pairs_up_to(store, &drawn, crate::traverse::PICTURE_CLAIMS)?;
    let options = options.with_contradictions(pairs.unwrap_or_default());
    let picture = export::network_picture(&network, &options).map_err(|e| internal(&e))?;
    match export::render(&String::from_utf8_lossy(&picture.dot), export::ImageFormat::Svg) {
        Ok(svg) => Ok(("image/svg+xml", svg)),
        Err(error) => Err(Failure(StatusCode::SERVICE_UNAVAILABLE, format!("the picture cannot be drawn: {error}"))),
    }
}

/// Writes results in the negotiated format, counting rows against `max` (on the worker: the
/// rows are computed as they are written).
fn serialize(results: QueryResults<'_>, accept: Option<&str>, max: usize) -> Result<(&'static str, Vec<u8>), Failure> {
    let too_many = || {
        Failure::bad(format!(
            "the result has more than {max} rows, the server's limit (dossier serve --max-rows N); add a LIMIT or narrow the query"
        ))
    };
    let evaluation = evaluation_failure;
    let written = |e: std::io::Error| Failure(StatusCode::INTERNAL_SERVER_ERROR, format!("cannot write: {e}"));
    match results {
        QueryResults::Solutions(solutions) => {
            let (media, format) = negotiate(accept, RESULT_FORMATS)?;
            let mut out = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(Vec::new(), solutions.variables().to_vec())
                .map_err(written)?;
            for (n, solution) in solutions.enumerate() {
                if n >= max {
                    return Err(too_many());
                }
                out.serialize(&solution.map_err(evaluation)?).map_err(written)?;
            }
            Ok((media, out.finish().map_err(written)?))
        }
        QueryResults::Boolean(value) => {
            let (media, format) = negotiate(accept, RESULT_FORMATS)?;
            let body = QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(Vec::new(), value)
                .map_err(written)?;
            Ok((media, body))
        }
        QueryResults::Graph(triples) => {
            let (media, format) = negotiate(accept, GRAPH_FORMATS)?;
            let mut out = prefixed(format).for_writer(Vec::new());
            for (n, triple) in triples.enumerate() {
                if n >= max {
                    return Err(too_many());
                }
                out.serialize_triple(&triple.map_err(evaluation)?).map_err(written)?;
            }
            Ok((media, out.finish().map_err(written)?))
        }
    }
}

/// Result formats of SELECT and ASK, by media type; the first is the default.
const RESULT_FORMATS: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
];

/// Result formats of CONSTRUCT and DESCRIBE (and of the service description).
const GRAPH_FORMATS: &[(&str, RdfFormat)] = &[
    ("text/turtle", RdfFormat::Turtle),
    ("application/x-turtle", RdfFormat::Turtle),
    ("application/n-triples", RdfFormat::NTriples),
    ("text/plain", RdfFormat::NTriples),
    ("application/n-quads", RdfFormat::NQuads),
    ("application/ld+json", RdfFormat::JsonLd { profile: oxigraph::io::JsonLdProfileSet::empty() }),
    ("application/json", RdfFormat::JsonLd { profile: oxigraph::io::JsonLdProfileSet::empty() }),
    ("application/rdf+xml", RdfFormat::RdfXml),
    ("application/xml", RdfFormat::RdfXml),
];

/// What `/describe` answers in: the HTML page (`None`) or an RDF description.
const DESCRIBE_FORMATS: &[(&str, Option<RdfFormat>)] = &[
    ("text/html", None),
    ("application/xhtml+xml", None),
    ("text/turtle", Some(RdfFormat::Turtle)),
    ("application/x-turtle", Some(RdfFormat::Turtle)),
    ("application/n-triples", Some(RdfFormat::NTriples)),
    ("text/plain", Some(RdfFormat::NTriples)),
    ("application/ld+json", Some(RdfFormat::JsonLd { profile: oxigraph::io::JsonLdProfileSet::empty() })),
    ("application/json", Some(RdfFormat::JsonLd { profile: oxigraph::io::JsonLdProfileSet::empty() })),
];

/// The media type a `format=` (or `output=`) parameter names: a short name or a media type.
fn format_parameter(value: &str) -> String {
    let media = match value.to_ascii_lowercase().as_str() {
        "json" | "srj" => "application/sparql-results+json",
        "xml" | "srx" => "application/sparql-results+xml",
        "csv" => "text/csv",
        "tsv" => "text/tab-separated-values",
        "turtle" | "ttl" => "text/turtle",
        "ntriples" | "nt" => "application/n-triples",
        "nquads" | "nq" => "application/n-quads",
        "jsonld" | "json-ld" => "application/ld+json",
        "rdfxml" | "rdf" => "application/rdf+xml",
        _ => return value.to_string(),
    };
    // A short name stands for a format of either kind: JSON results or JSON-LD, for example.
    match media {
        "application/sparql-results+json" => "application/sparql-results+json, application/ld+json;q=0.9".into(),
        "application/sparql-results+xml" => "application/sparql-results+xml, application/rdf+xml;q=0.9".into(),
        other => other.to_string(),
    }
}

/// Picks the format the `Accept` header prefers among `offered` (RFC 9110: the most specific
/// range that matches gives a type its quality; ties go to the server's order). No header, or
/// an empty one, takes the first offered.
fn negotiate<T: Copy>(accept: Option<&str>, offered: &[(&'static str, T)]) -> Result<(&'static str, T), Failure> {
    let accept = accept.map(str::trim).filter(|a| !a.is_empty());
    let Some(accept) = accept else { return Ok(offered[0]) };
    let ranges: Vec<(String, f32)> = accept
        .split(',')
        .filter_map(|range| {
            let mut parts = range.split(';');
            let media = parts.next()?.trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (!media.is_empty()).then_some((media, q))
        })
        .collect();
    let quality = |media: &str| -> f32 {
        let kind = media.split('/').next().unwrap_or("");
        let mut best: Option<(u8, f32)> = None;
        for (range, q) in &ranges {
            let specificity = if range == media {
                3
            } else if range.strip_suffix("/*") == Some(kind) {
                2
            } else if range == "*/*" {
                1
            } else {
                continue;
            };
            if best.is_none_or(|(s, _)| specificity > s) {
                best = Some((specificity, *q));
            }
        }
        best.map_or(0.0, |(_, q)| q)
    };
    let mut chosen: Option<((&'static str, T), f32)> = None;
    for &(media, format) in offered {
        let q = quality(media);
        if q > 0.0 && chosen.is_none_or(|(_, best)| q > best) {
            chosen = Some(((media, format), q));
        }
    }
    chosen.map(|(c, _)| c).ok_or_else(|| {
        let names: Vec<&str> = offered.iter().map(|(m, _)| *m).collect();
        Failure(
            StatusCode::NOT_ACCEPTABLE,
            format!("cannot answer in {accept}; this result comes in {}", names.join(", ")),
        )
    })
}

/// An RDF serializer with the vocabulary's prefixes where the format has prefixes.
fn prefixed(format: RdfFormat) -> RdfSerializer {
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(format, RdfFormat::Turtle | RdfFormat::TriG | RdfFormat::RdfXml | RdfFormat::JsonLd { .. }) {
        for (prefix, iri) in vocab::PREFIXES {
            serializer = serializer.with_prefix(prefix, iri).expect("vocabulary prefixes are valid IRIs");
        }
    }
    serializer
}

/// The media type of the request body, without parameters.
fn media_type(request: &Request<Body>) -> Option<String> {
    let value = request.headers().get(CONTENT_TYPE)?.to_str().ok()?;
    Some(value.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
}

/// The request's body, refused over `max` bytes (the server has checked it on the wire
/// already; this holds for callers of [`Endpoint::handle`] too).
fn read_body(request: &mut Request<Body>, max: u64) -> Result<Vec<u8>, Failure> {
    let mut body = Vec::new();
    request
        .body_mut()
        .take(max.saturating_add(1))
        .read_to_end(&mut body)
        .map_err(|e| Failure::bad(format!("cannot read the request body: {e}")))?;
    if body.len() as u64 > max {
        return Err(Failure(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is over the server's limit of {max} bytes (dossier serve --max-body BYTES)"),
        ));
    }
    Ok(body)
}

/// The page, with the vocabulary's prefixes for its display of IRIs.
fn page() -> Vec<u8> {
    let prefixes: serde_json::Map<String, serde_json::Value> =
        vocab::PREFIXES.iter().map(|(prefix, iri)| (prefix.to_string(), serde_json::Value::from(*iri))).collect();
    PAGE.replace("{{PREFIXES}}", &serde_json::Value::Object(prefixes).to_string()).into_bytes()
}

fn examples() -> Response<Body> {
    let list: Vec<serde_json::Value> = EXAMPLES
        .iter()
        .map(|(name, query)| {
            let about: Vec<&str> = query.lines().map_while(|l| l.strip_prefix('#')).map(str::trim).collect();
            serde_json::json!({ "name": name, "about": about.join(" "), "query": query })
        })
        .collect();
    ok("application/json", serde_json::to_vec(&list).expect("JSON of strings"))
}

fn ok(media: &str, body: Vec<u8>) -> Response<Body> {
    Response::builder()
        .status(StatusCode::OK)
        .header(CONTENT_TYPE, HeaderValue::from_str(media).expect("media types are ASCII"))
        .header("Access-Control-Allow-Origin", "*")
        .header("Vary", "Accept")
        .body(Body::from(body))
        .expect("valid response")
}

fn failure(Failure(status, message): Failure) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, "text/plain; charset=utf-8")
        .header("Access-Control-Allow-Origin", "*")
        .body(Body::from(format!("{message}\n")))
        .expect("valid response")
}

/// The answer to a CORS preflight request.
fn preflight() -> Response<Body> {
    Response::builder()
        .status(StatusCode::NO_CONTENT)
        .header("Access-Control-Allow-Origin", "*")
        .header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        .header("Access-Control-Allow-Headers", "Accept, Content-Type, Authorization")
        .header("Access-Control-Max-Age", "86400")
        .body(Body::empty())
        .expect("valid response")
}

/// Serves `store` on `bind` until the process gets SIGTERM, SIGINT or SIGHUP; then refuses new
/// requests, lets those running finish (at most the query timeout), flushes the store and
/// returns. `ready` is called once the server listens. Each request is logged on stderr.
/// Every connection is bound by [`ServeOptions::limits`].
pub fn serve(store: Store, bind: SocketAddr, options: ServeOptions, ready: impl FnOnce()) -> Result<(), ServeError> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]).map_err(ServeError::Signals)?;
    let grace = options.timeout + Duration::from_secs(5);
    let endpoint = Arc::new(Endpoint::new(store, options));
    if let Some(workers) = &endpoint.workers {
        workers.warm(0);
    }
    let handler = Arc::clone(&endpoint);
    let handler: Arc<http::Handler> = Arc::new(move |request: &mut Request<Body>| {
        let started = Instant::now();
        let response = handler.handle(request);
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(
            stderr,
            "dossier: {} {} {} {:.1} ms",
            request.method(),
            request.uri().path(),
            response.status().as_u16(),
            started.elapsed().as_secs_f64() * 1e3
        );
        response
    });
    let listener = std::net::TcpListener::bind(bind).map_err(|cause| ServeError::Bind { addr: bind, cause })?;
    let shared =
        http::Shared::new(endpoint.options.limits.clone(), handler, concat!("dossier/", env!("CARGO_PKG_VERSION")));
    std::thread::Builder::new()
        .name("dossier accept".into())
        .spawn(move || http::accept(listener, shared))
        .map_err(|cause| ServeError::Bind { addr: bind, cause })?;
    ready();
    if let Some(signal) = signals.forever().next() {
        eprintln!("dossier: signal {signal}: finishing the requests running, then stopping");
    }
    let left = endpoint.stop(grace);
    if left > 0 {
        eprintln!("dossier: {left} requests were still running after {} s; stopping anyway", grace.as_secs());
    }
    endpoint.store().flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: &str, uri: &str, headers: &[(&str, &str)], body: &str) -> Request<Body> {
        let mut builder = Request::builder().method(method).uri(format!("http://localhost{uri}"));
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(Body::from(body.to_string())).unwrap()
    }

    fn endpoint(options: ServeOptions) -> Endpoint {
        let store = Store::memory().unwrap();
        store
            .update("INSERT DATA { dos:a rdfs:label \"A\" . dos:b rdfs:label \"B\" . dos:c rdfs:label \"C\" }")
            .unwrap();
        Endpoint::new(store, options)
    }

    fn answer(endpoint: &Endpoint, mut request: Request<Body>) -> (u16, String, String) {
        let response = endpoint.handle(&mut request);
        let status = response.status().as_u16();
        let media = response.headers().get(CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        (status, media, response.into_body().to_string().unwrap())
    }

    #[test]
    fn the_example_list_holds_every_query_of_the_examples_folder() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/queries");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rq"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let mut listed: Vec<String> = EXAMPLES.iter().map(|(name, _)| name.to_string()).collect();
        listed.sort();
        assert_eq!(listed, files, "add the new query to serve::EXAMPLES");
    }

    #[test]
    fn results_follow_the_accept_header_and_the_format_parameter() {
        let endpoint = endpoint(ServeOptions::default());
        let q = "/sparql?query=SELECT%20%3Fl%20WHERE%20%7B%20%3Fx%20rdfs%3Alabel%20%3Fl%20%7D%20ORDER%20BY%20%3Fl";
        let (status, media, body) = answer(&endpoint, request("GET", q, &[("Accept", "text/csv")], ""));
        assert_eq!((status, media.as_str(), body.as_str()), (200, "text/csv", "l\r\nA\r\nB\r\nC\r\n"));
        let (_, media, body) = answer(&endpoint, request("GET", q, &[], ""));
        assert_eq!(media, "application/sparql-results+json");
        assert!(body.contains("\"value\":\"A\""), "{body}");
        let (_, media, _) =
            answer(&endpoint, request("GET", &format!("{q}&format=tsv"), &[("Accept", "text/csv")], ""));
        assert_eq!(media, "text/tab-separated-values");
        let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        let (_, media, _) = answer(&endpoint, request("GET", q, &[("Accept", browser)], ""));
        assert_eq!(media, "application/xml");
        let (status, _, body) = answer(&endpoint, request("GET", q, &[("Accept", "image/png")], ""));
        assert_eq!(status, 406);
        assert!(body.contains("text/csv"), "{body}");
        let construct = "CONSTRUCT WHERE { ?x rdfs:label ?l }";
        let (status, media, body) = answer(
            &endpoint,
            request(
                "POST",
                "/sparql",
                &[("Content-Type", "application/sparql-query"), ("Accept", "application/n-triples")],
                construct,
            ),
        );
        assert_eq!((status, media.as_str(), body.lines().count()), (200, "application/n-triples", 3));
    }

    #[test]
    fn form_posts_updates_and_errors_say_what_to_do() {
        let endpoint = endpoint(ServeOptions { max_rows: 2, ..ServeOptions::default() });
        let form = [("Content-Type", "application/x-www-form-urlencoded")];
        let (status, _, body) =
            answer(&endpoint, request("POST", "/sparql", &form, "query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D"));
        assert_eq!(status, 200);
        assert!(body.contains("true"));
        let (status, _, body) = answer(
            &endpoint,
            request("POST", "/sparql", &form, "query=SELECT%20*%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D"),
        );
        assert_eq!(status, 400);
        assert!(body.contains("more than 2 rows") && body.contains("--max-rows"), "{body}");
        let (status, _, body) = answer(&endpoint, request("GET", "/sparql?query=SELEC", &[], ""));
        assert_eq!(status, 400);
        assert!(body.contains("syntax"), "{body}");
        let (status, _, body) = answer(&endpoint, request("POST", "/update", &form, "update=CLEAR%20ALL"));
        assert_eq!(status, 403);
        assert!(body.contains("--allow-update"), "{body}");
        assert_eq!(endpoint.store().len().unwrap(), 3, "nothing changed");
        let (status, _, _) = answer(&endpoint, request("GET", "/nowhere", &[], ""));
        assert_eq!(status, 404);
        let (status, _, _) = answer(&endpoint, request("DELETE", "/sparql", &[], ""));
        assert_eq!(status, 405);

        let writable = self::endpoint(ServeOptions { allow_update: true, ..ServeOptions::default() });
        let update = [("Content-Type", "application/sparql-update")];
        let (status, _, _) =
            answer(&writable, request("POST", "/update", &update, "DELETE DATA { dos:a rdfs:label \"A\" }"));
        assert_eq!(status, 204);
        assert_eq!(writable.store().len().unwrap(), 2);
    }

    #[test]
    fn a_query_past_the_timeout_is_cancelled_with_a_clear_error() {
        let options = ServeOptions { timeout: Duration::from_millis(100), ..ServeOptions::default() };
        let endpoint = endpoint(options);
        let labels: String = (0..2000).map(|i| format!("dos:s{i} rdfs:label \"{i}\" . ")).collect();
        endpoint.store().update(&format!("INSERT DATA {{ {labels} }}")).unwrap();
        // 2,000^3 rows to count. Oxigraph checks the token at each read of the store, so the
        // count stops within one row of the outer pattern (2,000^2 rows) after the timeout.
        let query = "SELECT (COUNT(*) AS ?n) WHERE { ?a rdfs:label ?x . ?b rdfs:label ?y . ?c rdfs:label ?z }";
        let started = Instant::now();
        let (status, _, body) =
            answer(&endpoint, request("POST", "/sparql", &[("Content-Type", "application/sparql-query")], query));
        assert_eq!(status, 503, "{body}");
        assert!(body.contains("--timeout"), "{body}");
        assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
    }

    #[test]
    fn cors_preflight_and_service_description() {
        let endpoint = endpoint(ServeOptions::default());
        let mut preflight = request("OPTIONS", "/sparql", &[("Access-Control-Request-Method", "POST")], "");
        let response = endpoint.handle(&mut preflight);
        assert_eq!(response.status(), 204);
        assert!(response.headers()["Access-Control-Allow-Methods"].to_str().unwrap().contains("POST"));
        let (status, media, body) = answer(&endpoint, request("GET", "/sparql", &[("Accept", "text/turtle")], ""));
        assert_eq!((status, media.as_str()), (200, "text/turtle"));
        assert!(body.contains("SPARQL11Query") && body.contains("http://localhost/sparql"), "{body}");
        assert!(!body.contains("SPARQL11Update"));
        let (_, media, body) = answer(&endpoint, request("GET", "/queries.json", &[], ""));
        assert_eq!(media, "application/json");
        let list: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
        assert_eq!(list.len(), EXAMPLES.len());
        assert!(list[0]["query"].as_str().unwrap().contains("SELECT"));
    }

    #[test]
    fn federated_queries_are_refused_with_400() {
        let endpoint = endpoint(ServeOptions::default());
        for query in [
            "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
            "SELECT * WHERE { ?x rdfs:label ?l OPTIONAL { SERVICE SILENT <http://example.org/s> { ?x ?p ?o } } }",
            "SELECT * WHERE { BIND(<http://example.org/s> AS ?e) SERVICE ?e { ?s ?p ?o } }",
        ] {
            let (status, _, body) =
                answer(&endpoint, request("POST", "/sparql", &[("Content-Type", "application/sparql-query")], query));
            if status == 200 {
                // SERVICE SILENT may give no rows instead; it never reaches out either way.
                assert!(query.contains("SILENT"), "{query}: {body}");
            } else {
                assert_eq!(status, 400, "{query}: {body}");
                assert!(body.contains("SERVICE is not supported"), "{body}");
            }
        }
    }

    #[test]
    fn the_briefing_is_kept_until_an_update_changes_the_store() {
        let endpoint = endpoint(ServeOptions { allow_update: true, ..ServeOptions::default() });
        let cache_status = |endpoint: &Endpoint| {
            let response = endpoint.handle(&mut request("GET", "/briefing", &[], ""));
            assert_eq!(response.status(), 200);
            response.headers()["Cache-Status"].to_str().unwrap().to_string()
        };
        assert_eq!(cache_status(&endpoint), "dossier; fwd=miss; stored");
        assert_eq!(cache_status(&endpoint), "dossier; hit");
        let update = [("Content-Type", "application/sparql-update")];
        let (status, _, _) =
            answer(&endpoint, request("POST", "/update", &update, "INSERT DATA { dos:d rdfs:label \"D\" }"));
        assert_eq!(status, 204);
        assert_eq!(cache_status(&endpoint), "dossier; fwd=miss; stored");
        // A failed update changes nothing: the page is still kept.
        let (status, _, _) = answer(&endpoint, request("POST", "/update", &update, "INSERT DATA { oops"));
        assert_eq!(status, 400);
        assert_eq!(cache_status(&endpoint), "dossier; hit");
    }

    #[test]
    fn stopping_refuses_new_requests() {
        let endpoint = endpoint(ServeOptions::default());
        assert_eq!(endpoint.stop(Duration::from_millis(10)), 0);
        let (status, _, body) = answer(&endpoint, request("GET", "/", &[], ""));
        assert_eq!(status, 503);
        assert!(body.contains("shutting down"));
    }
}
