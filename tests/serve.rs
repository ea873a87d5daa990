//! `dossier serve` on loopback, queried by real clients: SPARQLWrapper and rdflib (Python),
//! headless Chromium on the query page, raw HTTP for the protocol's corners.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{ok, query_rows, root, seed_store};

/// A `dossier serve` process, stopped with SIGTERM when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
}

impl Server {
    /// Starts `dossier serve` on a free loopback port with `args` and waits until it answers.
    pub fn start(store: &Path, args: &[&str]) -> Server {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("serve")
            .arg("--store")
            .arg(store)
            .arg("--bind")
            .arg(format!("127.0.0.1:{port}"))
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("dossier serve starts");
        let server = Server { child, port };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "dossier serve did not listen within 30 s");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Sends SIGTERM and returns the exit status and what the server wrote on stderr.
    pub fn terminate(mut self) -> (std::process::ExitStatus, String) {
        let status = self.stop();
        let mut stderr = String::new();
        self.child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        (status, stderr)
    }

    fn stop(&mut self) -> std::process::ExitStatus {
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if started.elapsed() > Duration::from_secs(60) {
                let _ = self.child.kill();
                return self.child.wait().unwrap();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            self.stop();
        }
    }
}

/// One HTTP/1.1 request over a fresh connection; returns (status, headers, body).
pub fn http(port: u16, request: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

fn get(port: u16, path_and_query: &str, accept: &str) -> (u16, String, String) {
    http(
        port,
        &format!("GET {path_and_query} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: {accept}\r\nConnection: close\r\n\r\n"),
    )
}

fn post(port: u16, path: &str, content_type: &str, body: &str) -> (u16, String, String) {
    http(
        port,
        &format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nAccept: text/csv\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The example queries, by name.
fn examples() -> Vec<(String, String)> {
    let mut queries: Vec<(String, String)> = std::fs::read_dir(root().join("examples/queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    queries.sort();
    queries
}

/// A cell as the comparison sees it: numbers by value (clients write 0.5 and 5.0E-1 alike).
fn normalise(rows: &[Vec<String>]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|row| {
            row.iter()
                .map(|cell| match cell.parse::<f64>() {
                    Ok(x) => format!("{x:.9e}"),
                    Err(_) => cell.clone(),
                })
                .collect()
        })
        .collect()
}

fn python() -> PathBuf {
    let python = PathBuf::from(std::env::var_os("DOSSIER_PYTHON").unwrap_or_else(|| "python3".into()));
    let found = Command::new(&python)
        .args(["-c", "import SPARQLWrapper, rdflib"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        found,
        "the endpoint test needs Python with SPARQLWrapper and rdflib: `python3 -m pip install SPARQLWrapper rdflib` \
         (scripts/dev.sh and .ci/run do), or point DOSSIER_PYTHON at a Python that has them"
    );
    python
}

#[test]
fn sparqlwrapper_and_rdflib_get_the_answers_of_the_local_store() {
    let store = seed_store();
    let expected: Vec<(String, Vec<Vec<String>>)> =
        examples().into_iter().map(|(name, query)| (name, query_rows(&query, store))).collect();
    assert!(expected.iter().all(|(_, rows)| !rows.is_empty()), "every example query has answers on the seeds");
    let server = Server::start(store, &[]);
    let dir = tempfile::tempdir().unwrap();
    let queries = dir.path().join("queries.json");
    let map: serde_json::Map<String, serde_json::Value> =
        examples().into_iter().map(|(name, query)| (name, serde_json::Value::from(query))).collect();
    std::fs::write(&queries, serde_json::to_string(&map).unwrap()).unwrap();
    let output = Command::new(python())
        .arg(root().join("tests/clients/sparql_clients.py"))
        .arg(server.url("/sparql"))
        .arg(&queries)
        .output()
        .unwrap();
    assert!(output.status.success(), "the Python clients failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let answers: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for client in ["sparqlwrapper", "rdflib"] {
        for (name, rows) in &expected {
            let got: Vec<Vec<String>> = serde_json::from_value(answers[client][name].clone()).unwrap();
            assert_eq!(normalise(&got), normalise(rows), "{client} on {name}");
        }
    }
    let actors = query_rows("SELECT (COUNT(*) AS ?n) WHERE { ?a a dos:Actor ; rdfs:label ?l }", store);
    assert_eq!(answers["construct"].as_u64().unwrap().to_string(), actors[0][0], "CONSTRUCT through RDF/XML");
    assert_eq!(answers["ask"], serde_json::Value::Bool(true));
}

#[test]
fn the_protocol_corners_over_real_http() {
    let store = seed_store();
    let server = Server::start(store, &["--max-rows", "50", "--timeout", "1"]);
    let port = server.port;
    let query = "SELECT ?label WHERE { ?a a dos:Country ; rdfs:label ?label } ORDER BY ?label";
    let expected = query_rows(query, store);

    // GET, POST form and POST sparql-query give the same CSV, with CORS headers.
    let (status, head, body) = get(port, &format!("/sparql?query={}", encode(query)), "text/csv");
    assert_eq!(status, 200, "{head}\n{body}");
    assert!(
        head.contains("access-control-allow-origin: *") || head.contains("Access-Control-Allow-Origin: *"),
        "{head}"
    );
    let rows: Vec<&str> = body.lines().skip(1).collect();
    assert_eq!(rows, expected.iter().map(|r| r[0].as_str()).collect::<Vec<_>>());
    let (_, _, form) = post(port, "/sparql", "application/x-www-form-urlencoded", &format!("query={}", encode(query)));
    let (_, _, direct) = post(port, "/sparql", "application/sparql-query", query);
    assert_eq!(form, body);
    assert_eq!(direct, body);

    // Every result format a client may ask for.
    for (accept, marker) in [
        ("application/sparql-results+json", "\"bindings\""),
        ("application/sparql-results+xml", "<sparql"),
        ("text/tab-separated-values", "?label"),
    ] {
        let (status, head, body) = get(port, &format!("/sparql?query={}", encode(query)), accept);
        assert_eq!(status, 200);
        assert!(head.to_lowercase().contains(&format!("content-type: {accept}")), "{head}");
        assert!(body.contains(marker), "{accept}: {body}");
    }
    let construct = "CONSTRUCT WHERE { ?a a dos:Country ; rdfs:label ?l }";
    for (accept, marker) in [
        ("text/turtle", "rdfs:label"),
        ("application/n-triples", "<http://www.w3.org/2000/01/rdf-schema#label>"),
        ("application/n-quads", "<http://www.w3.org/2000/01/rdf-schema#label>"),
        ("application/ld+json", "\"@id\""),
        ("application/rdf+xml", "<rdf:RDF"),
    ] {
        let (status, _, body) = get(port, &format!("/sparql?query={}", encode(construct)), accept);
        assert_eq!(status, 200, "{accept}: {body}");
        assert!(body.contains(marker), "{accept}: {body}");
    }

    // The service description, the limits, read-only.
    let (status, _, body) = get(port, "/sparql", "text/turtle");
    assert_eq!(status, 200);
    assert!(body.contains("sd:") || body.contains("sparql-service-description"), "{body}");
    let (status, _, body) = get(port, &format!("/sparql?query={}", encode("SELECT * WHERE { ?s ?p ?o }")), "text/csv");
    assert_eq!(status, 400);
    assert!(body.contains("more than 50 rows") && body.contains("--max-rows"), "{body}");
    // Oxigraph checks the cancellation token at each read of the store: a count over a cross
    // product of the store with itself stops soon after the timeout.
    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let started = Instant::now();
    let (status, _, body) = get(port, &format!("/sparql?query={}", encode(slow)), "text/csv");
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("--timeout"), "{body}");
    assert!(started.elapsed() < Duration::from_secs(20), "cancelled near the 1 s timeout");
    let (status, _, body) = post(port, "/update", "application/sparql-update", "CLEAR ALL");
    assert_eq!(status, 403);
    assert!(body.contains("--allow-update"));

    // Queries run in parallel: eight clients at once all get their answers.
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let path = format!("/sparql?query={}", encode(query));
            std::thread::spawn(move || get(port, &path, "text/csv"))
        })
        .collect();
    for handle in handles {
        let (status, _, got) = handle.join().unwrap();
        assert_eq!((status, got.as_str()), (200, body_of(&expected).as_str()));
    }

    // SIGTERM: a clean stop.
    let (status, stderr) = server.terminate();
    assert!(status.success(), "{status}: {stderr}");
    assert!(stderr.contains("stopped"), "{stderr}");
}

fn body_of(rows: &[Vec<String>]) -> String {
    let mut text = String::from("label\r\n");
    for row in rows {
        text.push_str(&row[0]);
        text.push_str("\r\n");
    }
    text
}

#[test]
fn updates_are_served_only_when_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("seeds.db");
    ok([Path::new("build"), &crate::util::seeds(), Path::new("--store"), &store, Path::new("--quiet")]);
    let server = Server::start(&store, &["--allow-update"]);
    let insert = "INSERT DATA { <https://example.org/x> rdfs:label \"Inserted over HTTP\" }";
    let (status, _, body) =
        post(server.port, "/update", "application/x-www-form-urlencoded", &format!("update={}", encode(insert)));
    assert_eq!(status, 204, "{body}");
    let (_, _, body) = get(
        server.port,
        &format!("/sparql?query={}", encode("SELECT ?l WHERE { <https://example.org/x> rdfs:label ?l }")),
        "text/csv",
    );
    assert_eq!(body, "l\r\nInserted over HTTP\r\n");
    let (status, _) = server.terminate();
    assert!(status.success());
    // The update is on disk after the stop.
    let rows = query_rows("SELECT ?l WHERE { <https://example.org/x> rdfs:label ?l }", &store);
    assert_eq!(rows, [["Inserted over HTTP".to_string()]]);
}

#[test]
fn chromium_runs_an_example_query_on_the_page() {
    let store = seed_store();
    let timeline = std::fs::read_to_string(root().join("examples/queries/timeline.rq")).unwrap();
    let expected = query_rows(&timeline, store);
    let server = Server::start(store, &[]);
    let dom = crate::briefing::run_chromium_url(
        &server.url("/#example=timeline"),
        true,
        &["--dump-dom", "--virtual-time-budget=20000", "--run-all-compositor-stages-before-draw"],
    );
    let document = dom_query::Document::from(dom.as_str());
    assert_eq!(document.select("body").attr("data-state").as_deref(), Some("done"), "the query ran: {dom}");
    let rows = document.select("table#results tbody tr");
    assert_eq!(rows.length(), expected.len());
    let first: Vec<String> = rows.first().select("td").iter().map(|td| td.text().trim().to_string()).collect();
    // The page shortens IRIs with prefixes and shows ?agent and ?agentLabel as one linked cell
    // (so 9 cells for 12 variables); literals are shown as they are.
    assert_eq!(first.len(), expected[0].len() - 3);
    let links: Vec<String> =
        rows.first().select("td a").iter().map(|a| a.attr("href").unwrap_or_default().to_string()).collect();
    assert!(links.iter().all(|href| href.starts_with("/describe?iri=https%3A%2F%2F")), "{links:?}");
    assert!(links.len() >= 2, "the agent and the event are links: {links:?}");
    for (shown, value) in first.iter().zip(&expected[0]) {
        if !value.starts_with("http") {
            assert_eq!(shown, value);
        }
    }
    assert_eq!(document.select("#examples").select("option").length(), examples().len() + 1);
    // The picture and the briefing the page links to.
    let (status, head, body) = get(server.port, "/network.svg", "*/*");
    assert_eq!(status, 200, "{body}");
    assert!(head.contains("image/svg+xml") && body.contains("<svg"));
    let (status, _, body) = get(server.port, "/briefing", "text/html");
    assert_eq!(status, 200);
    assert!(body.contains("<html") && body.contains("Taliban"));
}
