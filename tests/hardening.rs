//! Issue 24, hardening: inputs that must not hang or exhaust `build`, corruption reported as
//! corruption, recovery from a lost CURRENT and from a failed bulk load, text from documents
//! that cannot drive a terminal, and an endpoint that stays up under abuse (a live `dossier
//! serve` on loopback, real sockets, bounded in count and time). Each test runs the real binary.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::serve::{http, Server};
use crate::util::{dossier, ok, seed_store, seeds};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// One seed article in a folder of its own.
fn one_seed(dir: &Path) -> PathBuf {
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    let seed = seeds().join("001_340efefdbb3cb629.txt");
    std::fs::copy(&seed, input.join("article.txt")).unwrap();
    input
}

fn build_seeds(dir: &Path) -> PathBuf {
    let store = dir.join("seeds.db");
    ok([Path::new("build"), &seeds(), Path::new("--store"), &store, Path::new("-q")]);
    store
}

/// A FIFO used to hang the build forever; a `.txt` symlink to /dev/zero (size 0) was read
/// without bound (3 GB in 13 s). Both are skipped with a message, the rest is built.
#[cfg(unix)]
#[test]
fn r24_fifos_and_devices_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let input = one_seed(dir.path());
    let fifo = input.join("pipe.txt");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::os::unix::fs::symlink("/dev/zero", input.join("zero.txt")).unwrap();
    for args in [vec![input.clone()], vec![input.join("article.txt"), fifo.clone(), input.join("zero.txt")]] {
        let mut command: Vec<PathBuf> = vec!["build".into()];
        command.extend(args);
        command.extend(["--memory".into(), "-q".into()]);
        let output = dossier(&command);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(3), "{stderr}");
        assert!(stderr.contains("pipe.txt: not a regular file (a FIFO)"), "{stderr}");
        assert!(stderr.contains("zero.txt: not a regular file (a character device)"), "{stderr}");
        assert!(stderr.contains("dossier: 1 documents added"), "{stderr}");
    }
}

/// 10,000 nested `<div>`s took 24.5 s and 100,000 did not finish (quadratic in html5ever and
/// Readability); now the page is read as plain text, with a warning.
#[test]
fn r24_deeply_nested_html_is_read_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input");
    std::fs::create_dir_all(&input).unwrap();
    let depth = 100_000;
    let page = format!(
        "<html><body>{}<p>Russia will invite the Taliban to talks in Moscow on October 20, the envoy said.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    std::fs::write(input.join("deep.html"), page).unwrap();
    let output = dossier([Path::new("build"), &input, Path::new("--memory"), Path::new("-q")]);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("deep.html: HTML elements nested 100002 deep (more than 512); read as plain text"),
        "{stderr}"
    );
    assert!(stderr.contains("dossier: 1 documents added"), "{stderr}");
}

/// A document over the per-document limit is refused with the file named; the others are built.
#[test]
fn r24_oversized_documents_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = one_seed(dir.path());
    let long = "Taliban officials met Russian envoys in Moscow on Monday. ".repeat(40_000);
    std::fs::write(input.join("long.txt"), &long).unwrap();
    let output = dossier([Path::new("build"), &input, Path::new("--memory"), Path::new("-q")]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "long.txt: the document's text is {} bytes, larger than the limit of 2097152 bytes per document",
            long.len()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("dossier: 1 documents added"), "{stderr}");
}

/// Random bytes in any `.sst` file: reported as corruption with the file (they used to be "in
/// use by another dossier process", or passed `check`).
#[test]
fn r24_damaged_files_are_reported_as_corruption() {
    let dir = tempfile::tempdir().unwrap();
    let store = build_seeds(dir.path());
    let mut tables: Vec<PathBuf> = std::fs::read_dir(&store)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sst"))
        .collect();
    tables.sort();
    assert!(tables.len() >= 3, "{tables:?}");
    for (index, table) in tables.iter().enumerate() {
        let copy = dir.path().join(format!("damaged-{index}.db"));
        std::fs::create_dir(&copy).unwrap();
        for entry in std::fs::read_dir(&store).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), copy.join(entry.file_name())).unwrap();
        }
        let damaged = copy.join(table.file_name().unwrap());
        let mut bytes = std::fs::read(&damaged).unwrap();
        let middle = bytes.len() / 3;
        for (offset, byte) in bytes[middle..middle + 64].iter_mut().enumerate() {
            *byte ^= 0x5A ^ (offset as u8);
        }
        std::fs::write(&damaged, bytes).unwrap();
        let check = dossier([Path::new("check"), Path::new("--store"), &copy]);
        let stderr = text(&check.stderr);
        assert_eq!(check.status.code(), Some(1), "{}: {stderr}{}", damaged.display(), text(&check.stdout));
        assert!(stderr.contains(&format!("the store at {} is corrupt", copy.display())), "{stderr}");
        assert!(stderr.contains(&format!("(in {})", damaged.display())), "{stderr}");
        assert!(!stderr.contains("in use by another"), "{stderr}");
    }
}

/// A deleted CURRENT: the store is not taken for missing (a build used to write a new CURRENT
/// over it, and then fail with "Column family not found"); `check --repair` brings it back.
#[test]
fn r24_a_lost_current_is_refused_and_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let store = build_seeds(dir.path());
    let before = ok([Path::new("check"), Path::new("--store"), &store]);
    std::fs::remove_file(store.join("CURRENT")).unwrap();
    let files = |store: &Path| {
        let mut names: Vec<String> =
            std::fs::read_dir(store).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names.retain(|n| !n.starts_with("LOG"));
        names
    };
    let untouched = files(&store);
    for command in ["build", "query"] {
        let args: Vec<PathBuf> = match command {
            "build" => vec!["build".into(), seeds(), "--store".into(), store.clone()],
            _ => vec!["query".into(), "ASK {}".into(), "--store".into(), store.clone()],
        };
        let output = dossier(&args);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("has lost its CURRENT file"), "{stderr}");
        assert!(stderr.contains("`dossier check --repair --store"), "{stderr}");
        assert_eq!(files(&store), untouched, "nothing written");
    }
    let repaired = dossier([Path::new("check"), Path::new("--repair"), Path::new("--store"), &store]);
    assert!(repaired.status.success(), "{}", text(&repaired.stderr));
    assert!(text(&repaired.stderr).contains("CURRENT naming MANIFEST-"), "{}", text(&repaired.stderr));
    assert_eq!(text(&repaired.stdout), before);
    let again = ok([Path::new("build"), &seeds(), Path::new("--store"), &store, Path::new("-q")]);
    assert!(again.is_empty() || !again.contains("error"));
}

/// A bulk load that failed (a full disk) leaves `bulk-*.sst` files; the next writer removes them.
#[test]
fn r24_files_of_a_failed_bulk_load_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let store = build_seeds(dir.path());
    let stale = store.join("bulk-123456789.sst");
    std::fs::write(&stale, vec![0u8; 4096]).unwrap();
    // A reader leaves it (it may belong to a writer at work).
    ok([Path::new("check"), Path::new("--store"), &store]);
    assert!(stale.exists());
    ok([Path::new("build"), &seeds(), Path::new("--store"), &store, Path::new("-q")]);
    assert!(!stale.exists());
    ok([Path::new("check"), Path::new("--store"), &store]);
}

/// Escape sequences in a document do not reach CSV or TSV output (nor a terminal: the same
/// writer, unit-tested in `sanitize.rs`).
#[test]
fn r24_control_characters_are_replaced_in_csv_and_tsv() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(
        input.join("escape.txt"),
        "Kremlin spokesman Dmitry Peskov said on Monday that Russia will invite the Taliban \x1b[2J\x1b]0;pwned\x07 ok to talks in Moscow.\n",
    )
    .unwrap();
    let store = dir.path().join("escape.db");
    ok([Path::new("build"), &input, Path::new("--store"), &store, Path::new("-q")]);
    let claims = ok([Path::new("claims"), Path::new("--format"), Path::new("csv"), Path::new("--store"), &store]);
    assert!(claims.contains("␛[2J␛]0;pwned␇ ok"), "{claims}");
    let query = "SELECT ?t WHERE { ?d nif:isString ?t }";
    for format in ["csv", "tsv"] {
        let rows = ok([
            Path::new("query"),
            Path::new(query),
            Path::new("--format"),
            Path::new(format),
            Path::new("--store"),
            &store,
        ]);
        assert!(rows.contains("␛[2J␛]0;pwned␇ ok"), "{rows}");
        assert!(!rows.contains('\x1b') && !rows.contains('\x07'), "{rows:?}");
    }
    // On a terminal (a pseudo-terminal made by util-linux's `script`, where it is installed):
    // `claims` and `show` print the pictures, not the escapes.
    if std::process::Command::new("script").arg("--version").output().is_ok_and(|o| o.status.success()) {
        for args in
            [format!("claims --store {}", store.display()), format!("show 'Dmitry Peskov' --store {}", store.display())]
        {
            let command = format!("{} {args}", env!("CARGO_BIN_EXE_dossier"));
            let output = std::process::Command::new("script").args(["-qec", &command, "/dev/null"]).output().unwrap();
            let shown = text(&output.stdout);
            assert!(output.status.success(), "{shown}");
            assert!(shown.contains("␛[2J") && !shown.contains("\x1b[2J"), "{shown:?}");
        }
    }
    // JSON escapes them itself.
    let json = ok([
        Path::new("query"),
        Path::new(query),
        Path::new("--format"),
        Path::new("json"),
        Path::new("--store"),
        &store,
    ]);
    assert!(json.contains("\\u001B[2J") || json.contains("\\u001b[2J"), "{json}");
}

/// A TCP connection to the loopback `port` from the source address `source` (127.0.0.2 is
/// another client to the server, on the same machine).
#[allow(unsafe_code)]
fn connect_from(source: Ipv4Addr, port: u16) -> TcpStream {
    use std::os::fd::FromRawFd;
    let address = |ip: Ipv4Addr, port: u16| libc::sockaddr_in {
        sin_family: libc::AF_INET as libc::sa_family_t,
        sin_port: port.to_be(),
        sin_addr: libc::in_addr { s_addr: u32::from(ip).to_be() },
        sin_zero: [0; 8],
    };
    let length = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
    // SAFETY: plain socket calls on a descriptor this function owns until it is handed to
    // TcpStream, with addresses that live across the calls.
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0);
        assert!(fd >= 0, "socket: {}", std::io::Error::last_os_error());
        let stream = TcpStream::from_raw_fd(fd);
        let local = address(source, 0);
        let bound = libc::bind(fd, (&local as *const libc::sockaddr_in).cast(), length);
        assert_eq!(bound, 0, "bind {source}: {}", std::io::Error::last_os_error());
        let remote = address(Ipv4Addr::LOCALHOST, port);
        let connected = libc::connect(fd, (&remote as *const libc::sockaddr_in).cast(), length);
        assert_eq!(connected, 0, "connect: {}", std::io::Error::last_os_error());
        stream
    }
}

/// Sends `request` on `stream` and reads the answer to its end: (status, whole answer).
fn exchange(mut stream: TcpStream, request: &str) -> (u16, String) {
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, answer)
}

fn get(path_and_query: &str) -> String {
    format!("GET {path_and_query} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/csv\r\nConnection: close\r\n\r\n")
}

fn sparql(query: &str) -> String {
    let encoded: String = query
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    get(&format!("/sparql?query={encoded}"))
}

/// A query Oxigraph does not stop when cancelled (the product of two path closures, 26,643
/// rows each on the seeds, counted in memory: it checks its cancellation token only when it
/// reads the store) and a cross join of the store with itself three times: each is answered
/// 503 at the 1 s deadline while a cheap query still answers, and its worker process is
/// killed (before, the first ran on for minutes on a thread, both cores busy).
#[test]
fn r24_a_runaway_query_is_answered_503_at_its_deadline_while_a_cheap_one_answers() {
    let server = Server::start(seed_store(), &["--timeout", "1"]);
    let port = server.port;
    let runaways: Vec<_> = [
        "SELECT (COUNT(*) AS ?n) WHERE { ?s (<http://x/p>|!<http://x/p>)* ?o . ?x (<http://x/p>|!<http://x/p>)* ?y }",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    ]
    .into_iter()
    .map(|query| {
        std::thread::spawn(move || {
            let started = Instant::now();
            let (status, head, body) = http(port, &sparql(query));
            (status, format!("{head}\n\n{body}"), started.elapsed())
        })
    })
    .collect();
    std::thread::sleep(Duration::from_millis(200));
    let (status, _, body) = http(port, &sparql("SELECT (COUNT(*) AS ?n) WHERE { ?d a dos:Document }"));
    assert_eq!((status, body.as_str()), (200, "n\r\n5\r\n"));
    for runaway in runaways {
        let (status, head, elapsed) = runaway.join().unwrap();
        assert_eq!(status, 503, "{head}");
        assert!(head.contains("--timeout"), "{head}");
        assert!(elapsed < Duration::from_secs(10), "answered at the 1 s deadline, not when it stops: {elapsed:?}");
    }
    let (status, _, body) = http(port, &sparql("SELECT * WHERE { ?s ?p ?o } LIMIT 1"));
    assert_eq!(status, 200, "{body}");
    // The runaways were evaluated in worker processes, killed at the deadline: nothing of the
    // server burns CPU any more (the product of two closures would for minutes).
    let busy = cpu_ticks_of_tree(server.pid());
    std::thread::sleep(Duration::from_secs(2));
    let spent = cpu_ticks_of_tree(server.pid()) - busy;
    assert!(spent < 60, "{spent} ticks of CPU in 2 s after the answers");
}

/// CPU ticks (user and system) used so far by process `pid` and its children alive.
fn cpu_ticks_of_tree(pid: u32) -> i64 {
    let ticks = |pid: &str| -> i64 {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let fields: Vec<&str> =
            stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
        fields.get(11).and_then(|f| f.parse::<i64>().ok()).unwrap_or(0)
            + fields.get(12).and_then(|f| f.parse::<i64>().ok()).unwrap_or(0)
    };
    let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
    ticks(&pid.to_string()) + children.split_whitespace().map(ticks).sum::<i64>()
}

/// A client that sends one header line every 250 ms used to hold its connection for as long
/// as it kept sending; now the headers have 1 s in all, the body 1 s, and an idle kept-alive
/// connection is closed after 1 s. Meanwhile another request is answered at once.
#[test]
fn r24_slow_clients_are_cut_off_at_their_deadlines() {
    let server = Server::start(seed_store(), &["--header-timeout", "1", "--body-timeout", "1", "--idle-timeout", "1"]);
    let port = server.port;
    let mut slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let started = Instant::now();
    slow.write_all(b"GET /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n").unwrap();
    let mut lines = 0;
    while lines < 40 && slow.write_all(format!("X-Trickle-{lines}: y\r\n").as_bytes()).is_ok() {
        lines += 1;
        if lines == 2 {
            let (status, _, _) = http(port, &get("/queries.json"));
            assert_eq!(status, 200, "another client is served while one trickles");
        }
        std::thread::sleep(Duration::from_millis(250));
        if started.elapsed() > Duration::from_secs(6) {
            break;
        }
    }
    let mut answer = String::new();
    let _ = slow.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("did not arrive within 1 s (dossier serve --header-timeout SECONDS)"), "{answer}");
    assert!(lines < 20, "cut off after about 1 s of trickling, not after {lines} lines");

    // A body that stops coming.
    let mut stalled = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stalled
        .write_all(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK")
        .unwrap();
    let (status, answer) = exchange(stalled, "");
    assert_eq!(status, 408, "{answer}");
    assert!(answer.contains("--body-timeout"), "{answer}");

    // A kept-alive connection left idle after its request is closed.
    let idle = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let started = Instant::now();
    let (status, answer) = exchange(idle, "GET /queries.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assert_eq!(status, 200);
    assert_eq!(answer.matches("HTTP/1.1 ").count(), 1);
    assert!(started.elapsed() < Duration::from_secs(30), "closed after the 1 s idle timeout");
}

/// 200 idle connections from one address: past the 64 a client may hold, each is answered 503
/// at once, and another client (127.0.0.2) is answered as if nothing happened. Past the
/// global cap, every new connection is answered 503 at once.
#[test]
fn r24_idle_connections_of_one_client_do_not_lock_out_another() {
    // Idle connections are closed after --header-timeout: long enough here to hold them all.
    let server = Server::start(seed_store(), &["--header-timeout", "120"]);
    let port = server.port;
    let opened: Vec<TcpStream> = (0..200).map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let (status, answer) = exchange(
        connect_from(Ipv4Addr::new(127, 0, 0, 2), port),
        &sparql("SELECT (COUNT(*) AS ?n) WHERE { ?d a dos:Document }"),
    );
    assert_eq!(status, 200, "{answer}");
    assert!(answer.ends_with("n\r\n5\r\n"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    let mut idle = Vec::new();
    let mut refused = 0;
    for mut stream in opened {
        stream.set_read_timeout(Some(Duration::from_millis(20))).unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        let answer = String::from_utf8_lossy(&answer);
        if answer.starts_with("HTTP/1.1 503") {
            assert!(
                answer.contains("127.0.0.1 holds 64 connections already")
                    && answer.contains("(dossier serve --max-connections-per-client N)"),
                "{answer}"
            );
            refused += 1;
        } else {
            assert!(answer.is_empty(), "{answer}");
            idle.push(stream);
        }
    }
    assert_eq!((idle.len(), refused), (64, 136));
    drop(idle);
    drop(server);

    let server = Server::start(seed_store(), &["--max-connections", "20", "--max-connections-per-client", "1000"]);
    // Server::start's own probe may still be open for a moment.
    std::thread::sleep(Duration::from_millis(300));
    let held: Vec<TcpStream> = (0..20).map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(300));
    let (status, answer) = exchange(connect_from(Ipv4Addr::new(127, 0, 0, 3), server.port), "");
    assert_eq!(status, 503, "{answer}");
    assert!(answer.contains("maximum of 20 connections (dossier serve --max-connections N)"), "{answer}");
    drop(held);
}

/// A 60 MB body used to be read whole (8 at once: 810 MB). Now a body over --max-body is
/// refused before it is read (413), and bodies in flight together are held to
/// --max-body-memory (503 beyond).
#[test]
fn r24_request_bodies_are_limited_one_by_one_and_together() {
    let server = Server::start(seed_store(), &["--max-body", "1M", "--max-body-memory", "1M"]);
    let port = server.port;
    let post = |length: usize| {
        format!("POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\nAccept: text/csv\r\nContent-Length: {length}\r\n\r\n")
    };
    let (status, answer) = exchange(TcpStream::connect(("127.0.0.1", port)).unwrap(), &post(60_000_000));
    assert_eq!(status, 413, "{answer}");
    assert!(answer.contains("over the server's limit of 1048576 bytes (dossier serve --max-body BYTES)"), "{answer}");
    // One client holds the whole budget while its body trickles...
    let mut holder = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let query = "ASK { ?s ?p ?o }";
    let padded = format!("{query}{}", " ".repeat((1 << 20) - query.len()));
    holder.write_all(post(padded.len()).as_bytes()).unwrap();
    holder.write_all(&padded.as_bytes()[..1000]).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    // ...so another is refused...
    let (status, answer) =
        exchange(TcpStream::connect(("127.0.0.1", port)).unwrap(), &format!("{}{query}", post(query.len())));
    assert_eq!(status, 503, "{answer}");
    assert!(
        answer.contains("bytes it allows for request bodies in flight (dossier serve --max-body-memory BYTES)"),
        "{answer}"
    );
    // ...until the first is done.
    let (status, answer) = exchange(holder, &padded[1000..]);
    assert_eq!(status, 200, "{answer}");
    let (status, answer) =
        exchange(TcpStream::connect(("127.0.0.1", port)).unwrap(), &format!("{}{query}", post(query.len())));
    assert_eq!(status, 200, "{answer}");
    assert!(answer.ends_with("true"), "{answer}");
}

/// SERVICE used to answer 500; HTTP/1.0 without Host, 400.
#[test]
fn r24_service_is_refused_and_http_1_0_without_host_is_served() {
    let server = Server::start(seed_store(), &[]);
    let (status, _, body) =
        http(server.port, &sparql("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"));
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("SERVICE is not supported"), "{body}");
    let (status, head, body) = http(server.port, "GET /sparql?query=ASK%7B%7D HTTP/1.0\r\nAccept: text/csv\r\n\r\n");
    assert_eq!((status, body.as_str()), (200, "true"), "{head}");
    let (status, _, body) = http(server.port, "GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 400);
    assert!(body.contains("HTTP/1.1 request needs a Host header"), "{body}");
}

/// `/briefing` and `/network.svg` are computed once per store version: the second request is
/// served from the cache (`Cache-Status: dossier; hit`), an update makes them computed again.
#[test]
fn r24_briefing_and_picture_are_computed_once_per_store_version() {
    let dir = tempfile::tempdir().unwrap();
    let store = build_seeds(dir.path());
    let server = Server::start(&store, &["--allow-update"]);
    let cache_status = |path: &str| {
        let (status, head, body) = http(server.port, &get(path));
        assert_eq!(status, 200, "{path}: {head}");
        let line = head.lines().find_map(|l| l.strip_prefix("cache-status: ")).unwrap_or("none").to_string();
        (line, body)
    };
    for path in ["/briefing", "/network.svg"] {
        let (first, page) = cache_status(path);
        assert_eq!(first, "dossier; fwd=miss; stored", "{path}");
        let (second, again) = cache_status(path);
        assert_eq!(second, "dossier; hit", "{path}");
        assert_eq!(page, again);
    }
    let insert =
        "INSERT DATA { <https://w3id.org/dossier/id/actor/zz> a dos:Actor, dos:Country ; rdfs:label \"Zedland\" }";
    let (status, _, body) = http(
        server.port,
        &format!(
            "POST /update HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-update\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{insert}",
            insert.len()
        ),
    );
    assert_eq!(status, 204, "{body}");
    for path in ["/briefing", "/network.svg"] {
        assert_eq!(cache_status(path).0, "dossier; fwd=miss; stored", "{path} after the update");
        assert_eq!(cache_status(path).0, "dossier; hit", "{path}");
    }
}

/// Every limit is stated in `serve --help` with its default, and can be set.
#[test]
fn r24_serve_help_states_every_limit() {
    let help = ok(["serve", "--help"]);
    let (_, options) = help.split_once("\nOptions:").expect("an Options section");
    for (flag, default) in [
        ("--timeout", "30"),
        ("--max-rows", "100000"),
        ("--header-timeout", "10"),
        ("--body-timeout", "30"),
        ("--idle-timeout", "15"),
        ("--send-timeout", "60"),
        ("--max-connections", "512"),
        ("--max-connections-per-client", "64"),
        ("--max-header-bytes", "64K"),
        ("--max-body", "8M"),
        ("--max-body-memory", "64M"),
        ("--max-queries", "8"),
    ] {
        let lines: Vec<&str> = options.lines().collect();
        let start = lines
            .iter()
            .position(|l| l.trim_start().starts_with(&format!("{flag} <")))
            .unwrap_or_else(|| panic!("{flag} is not in serve --help:\n{help}"));
        let entry: Vec<&str> =
            lines[start + 1..].iter().copied().take_while(|l| !l.trim_start().starts_with('-')).collect();
        let entry = entry.join("\n");
        assert!(entry.contains(&format!("[default: {default}]")), "{flag}: {entry}");
    }
    let refused = dossier(["serve", "--max-body", "1G"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("--max-body-memory"), "{}", text(&refused.stderr));
    let refused = dossier(["serve", "--max-body", "lots"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("is not a size"), "{}", text(&refused.stderr));
}

/// An error naming a hostile file name does not carry its escape sequence to the terminal.
#[test]
fn r24_error_messages_do_not_carry_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("x\x1b[2J\x1b]0;pwned\x07.db");
    let output = dossier([Path::new("query"), Path::new("ASK {}"), Path::new("--store"), &store]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("x␛[2J␛]0;pwned␇.db"), "{stderr:?}");
    assert!(!stderr.contains('\x1b') && !stderr.contains('\x07'), "{stderr:?}");
}
