//! `dossier push` into a real Virtuoso (Debian's virtuoso-opensource, a throwaway instance on
//! loopback started by scripts/virtuoso.sh), then the example queries against Virtuoso give the
//! answers of the local store.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{dossier, query_rows, root, seed_store};

/// A Virtuoso server for one test, stopped when dropped.
struct Virtuoso {
    dir: tempfile::TempDir,
    http: u16,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Virtuoso {
    fn start() -> Virtuoso {
        let installed =
            Command::new("sh").args(["-c", "command -v virtuoso-t"]).output().is_ok_and(|o| o.status.success());
        assert!(
            installed,
            "the push test needs Virtuoso: `sudo apt-get install virtuoso-opensource` (scripts/dev.sh and .ci/run do)"
        );
        let dir = tempfile::tempdir().unwrap();
        let (http, sql) = (free_port(), free_port());
        let output = Command::new(root().join("scripts/virtuoso.sh"))
            .arg("start")
            .arg(dir.path())
            .args([http.to_string(), sql.to_string()])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "Virtuoso did not start:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        Virtuoso { dir, http }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.http)
    }

    /// Runs a SELECT over GET (Virtuoso does not answer POSTed application/sparql-query) and
    /// returns the rows' values.
    fn select(&self, query: &str) -> Vec<Vec<String>> {
        let output = Command::new("curl")
            .args([
                "-sS",
                "--fail-with-body",
                "-G",
                "-H",
                "Accept: application/sparql-results+json",
                "--data-urlencode",
            ])
            .arg(format!("query={query}"))
            .arg(self.url("/sparql"))
            .output()
            .unwrap();
        assert!(output.status.success(), "Virtuoso refused {query}:\n{}", String::from_utf8_lossy(&output.stdout));
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let vars: Vec<String> = serde_json::from_value(json["head"]["vars"].clone()).unwrap();
        json["results"]["bindings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| vars.iter().map(|v| b[v]["value"].as_str().unwrap_or("").to_string()).collect())
            .collect()
    }
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = Command::new(root().join("scripts/virtuoso.sh")).arg("stop").arg(self.dir.path()).output();
    }
}

/// The PREFIX declarations of the vocabulary: dossier predeclares them, Virtuoso does not.
fn prefixes() -> String {
    dossier::vocab::PREFIXES.iter().map(|(prefix, iri)| format!("PREFIX {prefix}: <{iri}>\n")).collect()
}

/// Values as both sides can agree on them: numbers by value, to six significant digits
/// (Virtuoso writes doubles with six: 0.106265 for 0.1062652579), and the items of a
/// GROUP_CONCAT list sorted (SPARQL leaves their order to the store).
fn normalise(mut rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    for row in &mut rows {
        for cell in row.iter_mut() {
            if let Ok(x) = cell.parse::<f64>() {
                *cell = format!("{x:.5e}");
            } else if cell.contains(", ") {
                let mut items: Vec<&str> = cell.split(", ").collect();
                items.sort_unstable();
                *cell = items.join(", ");
            }
        }
    }
    rows
}

fn push(store: &Path, virtuoso: &Virtuoso, extra: &[&str]) -> String {
    let state = store.with_extension("push.json");
    let mut args: Vec<String> = vec![
        "push".into(),
        "--endpoint".into(),
        virtuoso.url("/sparql-graph-crud-basic"),
        "--graph".into(),
        "https://w3id.org/dossier/id/graph/seeds".into(),
        "--auth".into(),
        "dossier:dossier".into(),
        "--batch".into(),
        "500".into(),
        "--state".into(),
        state.display().to_string(),
        "--store".into(),
        store.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let output = dossier(&args);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "push failed: {stderr}");
    stderr
}

#[test]
fn pushed_to_virtuoso_the_example_queries_give_the_local_answers() {
    let store = seed_store();
    let virtuoso = Virtuoso::start();
    let quads: usize =
        query_rows("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }", store)[0][0]
            .parse()
            .unwrap();

    // Wrong credentials are named as such, and nothing is stored.
    let output = dossier([
        "push",
        "--endpoint",
        &virtuoso.url("/sparql-graph-crud-basic"),
        "--graph",
        "https://w3id.org/dossier/id/graph/seeds",
        "--auth",
        "dossier:wrong",
        "--store",
        &store.display().to_string(),
        "--state",
        "/dev/null",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--auth"), "{}", String::from_utf8_lossy(&output.stderr));

    let first = push(store, &virtuoso, &["--restart"]);
    eprintln!("{first}");
    assert!(first.contains(&format!("pushed {quads} statements")) || first.contains("pushed"), "{first}");
    let stored = |v: &Virtuoso| -> usize {
        v.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/dossier/\")) }")[0][0]
            .parse()
            .unwrap()
    };
    let after_first = stored(&virtuoso);
    // Reification turns each triple term into three statements.
    let reified: usize =
        query_rows("SELECT (COUNT(*) AS ?n) WHERE { ?c rdf:reifies ?t }", store)[0][0].parse().unwrap();
    assert_eq!(after_first, quads + 2 * reified, "every statement arrived");

    // Resumable: a second run finds every batch done; idempotent: a forced re-push adds nothing.
    let second = push(store, &virtuoso, &[]);
    assert!(second.contains("pushed 0 statements") && second.contains("skipped"), "{second}");
    push(store, &virtuoso, &["--restart"]);
    assert_eq!(stored(&virtuoso), after_first);

    let queries: Vec<PathBuf> = {
        let mut q: Vec<PathBuf> = std::fs::read_dir(root().join("examples/queries"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rq"))
            .collect();
        q.sort();
        q
    };
    for path in queries {
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = normalise(query_rows(&text, store));
        assert!(!expected.is_empty(), "{}", path.display());
        // Virtuoso has no RDF 1.2: the claims' triple terms arrived as classic reification,
        // which the same query reads with rdf:subject, rdf:predicate and rdf:object.
        let remote_text =
            text.replace("rdf:reifies <<( ?x ?p ?y )>>", "rdf:subject ?x ; rdf:predicate ?p ; rdf:object ?y");
        let mut got = normalise(virtuoso.select(&format!("{}{remote_text}", prefixes())));
        // Rows that tie under ORDER BY may come in another order.
        let mut expected = expected;
        got.sort();
        expected.sort();
        assert_eq!(got, expected, "{} on Virtuoso", path.display());
    }
}
