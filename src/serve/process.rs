//! Queries evaluated in worker processes, killed at the deadline.
//!
//! Oxigraph checks a query's cancellation token only when it reads the store: a count over a
//! cross join or a path closure goes on in memory after the token fires (measured on a
//! 2,000-document store: 3 to 5 GB and both cores, for minutes). A thread cannot be stopped
//! from outside, a process can. So when the store is on disk and the server was given a
//! [`WorkerCommand`], each query is sent to a worker process that has the store open read-only
//! (`dossier serve --query-worker`); at the deadline the worker is killed (SIGKILL), which
//! frees its memory and its core at once, and the client is answered 503. Idle workers are kept
//! for the next queries, and replaced after an update (a read-only store sees the store as it
//! was when opened).
//!
//! The exchange on the worker's standard input and output: one JSON line per request
//! ([`Job`]), answered by one JSON line ([`Outcome`]) followed by the body's bytes.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use oxhttp::model::StatusCode;
use oxigraph::model::NamedNode;
use serde::{Deserialize, Serialize};

use super::worker::{Evaluations, Late};
use super::{serialize, Failure, ServeError};
use crate::store::{QueryOptions, Store};

/// How to start a query worker: a program and its arguments, which must end up calling
/// [`query_worker`] on the store served (for `dossier`: `dossier serve --query-worker --store
/// DIR`).
///
/// ```
/// use dossier::serve::WorkerCommand;
///
/// let command = WorkerCommand { program: "dossier".into(), args: vec!["serve".into(), "--query-worker".into()] };
/// assert_eq!(command.args.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerCommand {
    /// The program.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<OsString>,
}

/// One query for a worker.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Job {
    pub(crate) query: String,
    pub(crate) default_graphs: Vec<String>,
    pub(crate) named_graphs: Vec<String>,
    pub(crate) accept: Option<String>,
    pub(crate) max_rows: usize,
}

/// A worker's answer; `length` bytes of body follow its line.
#[derive(Debug, Serialize, Deserialize)]
struct Outcome {
    status: u16,
    media: String,
    length: usize,
}

/// Idle workers kept for the next queries (more are started when queries come at once, up to
/// the evaluation places, and stopped when they finish).
const KEEP_IDLE: usize = 2;

/// A worker's answer read back: status, media type and body, or why none came.
type Answer = Result<(u16, String, Vec<u8>), String>;

/// A worker process with the store open.
struct Worker {
    child: Child,
    input: ChildStdin,
    answers: Receiver<Answer>,
    /// The store version it opened.
    version: u64,
}

impl Worker {
    fn start(command: &WorkerCommand, version: u64) -> Result<Worker, Failure> {
        let mut child = Command::new(&command.program)
            .args(&command.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| {
                Failure(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("cannot start a query worker ({}): {e}", command.program.display()),
                )
            })?;
        let (Some(input), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            return Err(Failure(StatusCode::INTERNAL_SERVER_ERROR, "a query worker has no pipes".into()));
        };
        let (sender, answers) = mpsc::channel();
        std::thread::Builder::new()
            .name("dossier worker output".into())
            .spawn(move || {
                let mut output = BufReader::new(output);
                loop {
                    let answer = read_answer(&mut output);
                    let failed = answer.is_err();
                    if sender.send(answer).is_err() || failed {
                        return;
                    }
                }
            })
            .map_err(|e| Failure(StatusCode::INTERNAL_SERVER_ERROR, format!("cannot start a thread: {e}")))?;
        Ok(Worker { child, input, answers, version })
    }

    /// Kills the process (its memory and core are free at once) and reaps it aside.
    fn kill(mut self) {
        let _ = self.child.kill();
        std::thread::spawn(move || self.child.wait());
    }

    /// Lets an idle worker end: it exits when its input closes.
    fn retire(self) {
        let Worker { mut child, input, .. } = self;
        drop(input);
        std::thread::spawn(move || child.wait());
    }
}

fn read_answer(output: &mut impl BufRead) -> Answer {
    let mut line = String::new();
    match output.read_line(&mut line) {
        Ok(0) => return Err("the query worker ended".into()),
        Ok(_) => {}
        Err(e) => return Err(format!("cannot read the query worker's answer: {e}")),
    }
    let outcome: Outcome =
        serde_json::from_str(&line).map_err(|e| format!("the query worker's answer is not understood: {e}"))?;
    let mut body = vec![0; outcome.length];
    output.read_exact(&mut body).map_err(|e| format!("the query worker's answer is cut short: {e}"))?;
    Ok((outcome.status, outcome.media, body))
}

/// The worker processes of an endpoint.
pub(crate) struct Pool {
    command: WorkerCommand,
    idle: Mutex<Vec<Worker>>,
}

impl Pool {
    pub(crate) fn new(command: WorkerCommand) -> Pool {
        Pool { command, idle: Mutex::new(Vec::new()) }
    }

    /// Starts one worker ahead, so the first query does not wait for it.
    pub(crate) fn warm(&self, version: u64) {
        if let Ok(worker) = Worker::start(&self.command, version) {
            self.idle.lock().unwrap_or_else(PoisonError::into_inner).push(worker);
        }
    }

    /// Evaluates `job` in a worker of store `version`, within one of the `evaluations` places,
    /// by `deadline`: past it the worker is killed.
    pub(crate) fn run(
        &self,
        job: &Job,
        version: u64,
        deadline: Instant,
        evaluations: &Arc<Evaluations>,
    ) -> Result<Result<(&'static str, Vec<u8>), Failure>, Late> {
        let _place = evaluations.acquire(deadline)?;
        let worker = {
            let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
            // Workers that opened the store before an update see the store as it was.
            let (current, stale): (Vec<Worker>, Vec<Worker>) = idle.drain(..).partition(|w| w.version == version);
            *idle = current;
            stale.into_iter().for_each(Worker::retire);
            idle.pop()
        };
        let mut worker = match worker {
            Some(worker) => worker,
            None => match Worker::start(&self.command, version) {
                Ok(worker) => worker,
                Err(failure) => return Ok(Err(failure)),
            },
        };
        let mut line = match serde_json::to_vec(job) {
            Ok(line) => line,
            Err(e) => return Ok(Err(Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))),
        };
        line.push(b'\n');
        if let Err(e) = worker.input.write_all(&line).and_then(|()| worker.input.flush()) {
            worker.kill();
            return Ok(Err(Failure(StatusCode::INTERNAL_SERVER_ERROR, format!("the query worker is gone: {e}"))));
        }
        match worker.answers.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(Ok((status, media, body))) => {
                let answer = match status {
                    200 => Ok((media_type(&media), body)),
                    _ => Err(Failure(
                        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                        String::from_utf8_lossy(&body).into_owned(),
                    )),
                };
                let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
                if idle.len() < KEEP_IDLE {
                    idle.push(worker);
                } else {
                    drop(idle);
                    worker.retire();
                }
                Ok(answer)
            }
            Ok(Err(message)) => {
                worker.kill();
                Ok(Err(Failure(StatusCode::INTERNAL_SERVER_ERROR, message)))
            }
            Err(_) => {
                worker.kill();
                Err(Late::Deadline)
            }
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        let idle = std::mem::take(&mut *self.idle.lock().unwrap_or_else(PoisonError::into_inner));
        idle.into_iter().for_each(Worker::retire);
    }
}

/// The media type the worker named, as one of the server's own (`'static`) names.
fn media_type(media: &str) -> &'static str {
    super::RESULT_FORMATS
        .iter()
        .map(|(name, _)| *name)
        .chain(super::GRAPH_FORMATS.iter().map(|(name, _)| *name))
        .find(|name| *name == media)
        .unwrap_or("application/octet-stream")
}

/// Runs a query worker on `store`: reads [`Job`]s from standard input, one JSON line each,
/// and answers each on standard output, until the input ends. `dossier serve --query-worker`
/// calls it; the server starts it through a [`WorkerCommand`].
pub fn query_worker(store: &Store) -> Result<(), ServeError> {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let stdout = std::io::stdout();
    let mut output = stdout.lock();
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line).map_err(ServeError::Worker)? == 0 {
            return Ok(());
        }
        let answer = match serde_json::from_str::<Job>(&line) {
            Ok(job) => evaluate(store, job),
            Err(e) => Err(Failure(StatusCode::INTERNAL_SERVER_ERROR, format!("a query worker got a bad job: {e}"))),
        };
        let (status, media, body) = match answer {
            Ok((media, body)) => (200, media.to_string(), body),
            Err(Failure(status, message)) => (status.as_u16(), String::new(), message.into_bytes()),
        };
        let outcome = Outcome { status, media, length: body.len() };
        let mut head = serde_json::to_vec(&outcome).map_err(|e| ServeError::Worker(e.into()))?;
        head.push(b'\n');
        output
            .write_all(&head)
            .and_then(|()| output.write_all(&body))
            .and_then(|()| output.flush())
            .map_err(ServeError::Worker)?;
    }
}

fn evaluate(store: &Store, job: Job) -> Result<(&'static str, Vec<u8>), Failure> {
    let iris = |names: &[String]| -> Result<Vec<NamedNode>, Failure> {
        names
            .iter()
            .map(|iri| NamedNode::new(iri).map_err(|e| Failure::bad(format!("{iri:?} is not an IRI: {e}"))))
            .collect()
    };
    let options = QueryOptions {
        default_graphs: iris(&job.default_graphs)?,
        named_graphs: iris(&job.named_graphs)?,
        cancel: None,
    };
    serialize(store.query_with(&job.query, &options)?, job.accept.as_deref(), job.max_rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(query: &str) -> Job {
        Job {
            query: query.into(),
            default_graphs: Vec::new(),
            named_graphs: Vec::new(),
            accept: Some("text/csv".into()),
            max_rows: 10,
        }
    }

    #[test]
    fn a_worker_evaluates_a_job_as_the_server_would() {
        let store = Store::memory().unwrap();
        store.update("INSERT DATA { dos:a rdfs:label \"A\" }").unwrap();
        let (media, body) = evaluate(&store, job("SELECT ?l WHERE { ?x rdfs:label ?l }")).unwrap();
        assert_eq!((media, body.as_slice()), ("text/csv", b"l\r\nA\r\n".as_slice()));
        let failure = evaluate(&store, job("SELEC")).unwrap_err();
        assert_eq!(failure.0, StatusCode::BAD_REQUEST);
        let service = evaluate(&store, job("SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }"));
        assert!(service.unwrap_err().1.contains("SERVICE is not supported"));
        let graphs = Job { default_graphs: vec!["not an iri".into()], ..job("ASK {}") };
        assert_eq!(evaluate(&store, graphs).unwrap_err().0, StatusCode::BAD_REQUEST);
    }

    #[test]
    fn answers_are_read_whole_or_refused() {
        let mut good: &[u8] = b"{\"status\":200,\"media\":\"text/csv\",\"length\":3}\nabc{\"status\":400,\"media\":\"\",\"length\":2}\nno";
        assert_eq!(read_answer(&mut good).unwrap(), (200, "text/csv".to_string(), b"abc".to_vec()));
        assert_eq!(read_answer(&mut good).unwrap(), (400, String::new(), b"no".to_vec()));
        assert!(read_answer(&mut good).unwrap_err().contains("ended"));
        let mut short: &[u8] = b"{\"status\":200,\"media\":\"text/csv\",\"length\":30}\nabc";
        assert!(read_answer(&mut short).unwrap_err().contains("cut short"));
        let mut garbage: &[u8] = b"panicked at ...\n";
        assert!(read_answer(&mut garbage).unwrap_err().contains("not understood"));
        assert_eq!(media_type("text/csv"), "text/csv");
        assert_eq!(media_type("text/turtle"), "text/turtle");
        assert_eq!(media_type("evil/type"), "application/octet-stream");
    }
}
