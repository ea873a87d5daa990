//! HTTP/1.1 over TCP with every limit of [`Limits`] enforced on the wire.
//!
//! Each admitted connection is served on a thread of its own; the accepting thread only admits
//! (against the [`Gate`]) or refuses with a 503 written without waiting. A connection reads a
//! request's line and headers by a deadline fixed when the request starts (a client that sends
//! one byte a second does not extend it), waits for the next request of a kept-alive
//! connection at most the idle timeout, reads the body by its own deadline with its size
//! checked against the body limit and reserved from the [`BodyBudget`] before it is read, and
//! writes the response by the send deadline. The whole body is read before the handler runs,
//! so the handler never waits on a client. HTTP/1.0 requests need no `Host` header.
//!
//! Requests and responses are `oxhttp::model` (the `http` crate's types), so
//! [`Endpoint::handle`](super::Endpoint::handle) does not know which server called it.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use oxhttp::model::header::{CONNECTION, CONTENT_LENGTH, EXPECT, HOST, SERVER, TRANSFER_ENCODING};
use oxhttp::model::{Body, HeaderMap, HeaderName, HeaderValue, Method, Request, Response, StatusCode, Uri, Version};

use super::limits::{BodyBudget, Gate, Limits, Refusal, Reservation};
use super::{failure, Failure};
use crate::sanitize::clean;

/// What answers a request.
pub(crate) type Handler = dyn Fn(&mut Request<Body>) -> Response<Body> + Send + Sync;

/// Most header fields in one request.
const MAX_HEADER_FIELDS: usize = 128;

/// Longest line of chunked framing (a chunk size with its extensions).
const MAX_CHUNK_LINE: usize = 1024;

/// How long a connection refused mid-request goes on reading (and dropping) what the client
/// sends, so that a client still sending its body sees the answer instead of a reset.
const LINGER: Duration = Duration::from_secs(2);

/// What every connection shares.
pub(crate) struct Shared {
    pub(crate) limits: Limits,
    pub(crate) gate: Arc<Gate>,
    pub(crate) budget: Arc<BodyBudget>,
    pub(crate) handler: Arc<Handler>,
    pub(crate) server_name: HeaderValue,
    refusals: Mutex<RefusalLog>,
}

/// Refused connections, logged at most once a second (an attacker must not flood stderr).
#[derive(Default)]
struct RefusalLog {
    last: Option<Instant>,
    unlogged: usize,
}

impl Shared {
    pub(crate) fn new(limits: Limits, handler: Arc<Handler>, server_name: &str) -> Arc<Shared> {
        Arc::new(Shared {
            gate: Gate::new(&limits),
            budget: BodyBudget::new(limits.max_body_memory),
            limits,
            handler,
            server_name: HeaderValue::from_str(server_name).unwrap_or(HeaderValue::from_static("dossier")),
            refusals: Mutex::default(),
        })
    }

    fn log_refusal(&self, peer: SocketAddr, refusal: &Refusal) {
        let mut log = self.refusals.lock().unwrap_or_else(PoisonError::into_inner);
        log.unlogged += 1;
        if log.last.is_none_or(|last| last.elapsed() >= Duration::from_secs(1)) {
            let more = match log.unlogged {
                1 => String::new(),
                n => format!(" ({} refused since the last message)", n - 1),
            };
            eprintln!("dossier: connection from {peer} refused: {refusal}{more}");
            log.last = Some(Instant::now());
            log.unlogged = 0;
        }
    }
}

/// Accepts connections on `listener` for as long as the process runs.
pub(crate) fn accept(listener: TcpListener, shared: Arc<Shared>) {
    let mut last_error: Option<Instant> = None;
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => admit(stream, &shared),
            Err(error) => {
                // Out of file descriptors, for one: say so now and then, and let some close.
                if last_error.is_none_or(|last| last.elapsed() >= Duration::from_secs(1)) {
                    eprintln!("dossier: cannot accept a connection: {error}");
                    last_error = Some(Instant::now());
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }
    }
}

fn admit(stream: TcpStream, shared: &Arc<Shared>) {
    let Ok(peer) = stream.peer_addr() else { return };
    match shared.gate.admit(peer.ip()) {
        Ok(admitted) => {
            let shared = Arc::clone(shared);
            let spawned = std::thread::Builder::new().name(format!("dossier {peer}")).spawn(move || {
                let _admitted = admitted;
                Connection::new(stream, peer, &shared).serve();
            });
            if let Err(error) = spawned {
                eprintln!("dossier: cannot start a thread for {peer}: {error}");
            }
        }
        Err(refusal) => {
            shared.log_refusal(peer, &refusal);
            refuse(stream, &refusal, &shared.server_name);
        }
    }
}

/// Answers 503 on a connection that was not admitted, without waiting on the client.
fn refuse(stream: TcpStream, refusal: &Refusal, server_name: &HeaderValue) {
    let mut response = failure(Failure(StatusCode::SERVICE_UNAVAILABLE, refusal.to_string()));
    response.headers_mut().insert("Retry-After", HeaderValue::from_static("1"));
    let Ok(bytes) = encode(response, false, true, server_name) else { return };
    if stream.set_nonblocking(true).is_err() {
        return;
    }
    let _ = (&stream).write(&bytes);
    let _ = stream.shutdown(Shutdown::Write);
    // Take what the client already sent, so that closing does not reset the connection
    // before it reads the answer.
    let mut sink = [0; 4096];
    for _ in 0..16 {
        match (&stream).read(&mut sink) {
            Ok(n) if n > 0 => {}
            _ => break,
        }
    }
}

/// Why a connection stops reading requests.
#[derive(Debug)]
enum Stop {
    /// Close without a word: the client left, or was idle too long.
    Close,
    /// Answer this, then close.
    Answer(Failure),
}

impl From<Failure> for Stop {
    fn from(failure: Failure) -> Stop {
        Stop::Answer(failure)
    }
}

/// How the body of a request is framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Framing {
    Length(u64),
    Chunked,
}

/// A request's head, parsed.
struct Head {
    request: Request<Body>,
    framing: Framing,
    expects_continue: bool,
    keep_alive: bool,
}

/// One client connection and the bytes read from it but not used yet.
struct Connection<'a> {
    stream: TcpStream,
    peer: SocketAddr,
    shared: &'a Shared,
    started: Instant,
    buffer: Vec<u8>,
}

impl<'a> Connection<'a> {
    fn new(stream: TcpStream, peer: SocketAddr, shared: &'a Shared) -> Connection<'a> {
        let _ = stream.set_nodelay(true);
        Connection { stream, peer, shared, started: Instant::now(), buffer: Vec::new() }
    }

    fn limits(&self) -> &Limits {
        &self.shared.limits
    }

    /// Serves requests until the client leaves, a limit is passed or one side asks to close.
    fn serve(mut self) {
        let mut first = true;
        loop {
            let keep_alive = match self.next_request(first) {
                Ok(None) | Err(Stop::Close) => return,
                Ok(Some((mut request, keep_alive, _reservation))) => {
                    let head_only = *request.method() == Method::HEAD;
                    let response = (self.shared.handler)(&mut request);
                    drop(request);
                    if self.respond(response, head_only, !keep_alive).is_err() {
                        return;
                    }
                    keep_alive
                }
                Err(Stop::Answer(failure)) => {
                    eprintln!("dossier: {}: {} {}", self.peer, failure.0.as_u16(), clean(&failure.1));
                    if self.respond(super::failure(failure), false, true).is_ok() {
                        self.linger();
                    }
                    return;
                }
            };
            if !keep_alive {
                let _ = self.stream.shutdown(Shutdown::Write);
                return;
            }
            first = false;
        }
    }

    /// Reads the next request whole, with the reservation its body holds; `None` when the
    /// client closed (or left a kept-alive connection idle) between requests.
    fn next_request(&mut self, first: bool) -> Result<Option<(Request<Body>, bool, Reservation)>, Stop> {
        let Some(head_length) = self.read_head(first)? else { return Ok(None) };
        let head_bytes: Vec<u8> = self.buffer.drain(..head_length).collect();
        let Head { mut request, framing, expects_continue, keep_alive } = parse_head(&head_bytes)?;
        let limits = self.limits().clone();
        let too_large = |size: u64| {
            Failure(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the request body is {size} bytes or more, over the server's limit of {} bytes (dossier serve --max-body BYTES)",
                    limits.max_body_bytes
                ),
            )
        };
        let budget = &self.shared.budget;
        let no_memory = || {
            Failure(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the server holds {} of the {} bytes it allows for request bodies in flight (dossier serve --max-body-memory BYTES); try again shortly",
                    budget.held(),
                    budget.limit()
                ),
            )
        };
        if let Framing::Length(length) = framing {
            if length > limits.max_body_bytes {
                return Err(too_large(length).into());
            }
        }
        let initial = match framing {
            Framing::Length(length) => length,
            Framing::Chunked => 0,
        };
        let mut reservation = budget.reserve(initial).ok_or_else(no_memory)?;
        if expects_continue && framing != Framing::Length(0) {
            self.write_all(b"HTTP/1.1 100 Continue\r\n\r\n").map_err(|_| Stop::Close)?;
        }
        let deadline = Instant::now() + limits.body_timeout;
        let body = match framing {
            Framing::Length(length) => {
                let mut body = Vec::with_capacity(length as usize);
                self.read_into(&mut body, length as usize, deadline)?;
                body
            }
            Framing::Chunked => {
                let mut body = Vec::new();
                loop {
                    let line = self.read_line(deadline, MAX_CHUNK_LINE)?;
                    let size = chunk_size(&line)?;
                    if size == 0 {
                        // Trailers, ignored, up to the empty line.
                        let mut trailers = 0;
                        while !self.read_line(deadline, MAX_CHUNK_LINE)?.is_empty() {
                            trailers += 1;
                            if trailers > MAX_HEADER_FIELDS {
                                return Err(Failure::bad("too many trailer fields in the chunked body").into());
                            }
                        }
                        break;
                    }
                    let total = (body.len() as u64).saturating_add(size);
                    if total > limits.max_body_bytes {
                        return Err(too_large(total).into());
                    }
                    if !reservation.grow(size) {
                        return Err(no_memory().into());
                    }
                    self.read_into(&mut body, size as usize, deadline)?;
                    if !self.read_line(deadline, 2)?.is_empty() {
                        return Err(Failure::bad("a chunk of the body is longer than its size says").into());
                    }
                }
                body
            }
        };
        *request.body_mut() = Body::from(body);
        Ok(Some((request, keep_alive, reservation)))
    }

    /// Waits for a request's line and headers and returns their length in the buffer.
    fn read_head(&mut self, first: bool) -> Result<Option<usize>, Stop> {
        let limits = self.limits().clone();
        let timed_out = || {
            Failure(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "the request's line and headers did not arrive within {} s (dossier serve --header-timeout SECONDS)",
                    limits.header_timeout.as_secs_f64()
                ),
            )
        };
        // A new connection has the header timeout from its start for its first request; a
        // kept-alive one may wait the idle timeout, then has the header timeout from the
        // first byte of the request.
        let idle_deadline =
            if first { self.started + limits.header_timeout } else { Instant::now() + limits.idle_timeout };
        let mut header_deadline = first.then_some(idle_deadline);
        let mut scanned = 0;
        loop {
            if let Some(end) = head_end(&self.buffer, scanned) {
                return Ok(Some(end));
            }
            scanned = self.buffer.len();
            if self.buffer.len() > limits.max_header_bytes {
                return Err(Failure(
                    StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                    format!(
                        "the request's line and headers are over {} bytes (dossier serve --max-header-bytes BYTES)",
                        limits.max_header_bytes
                    ),
                )
                .into());
            }
            let waiting = self.buffer.iter().all(|b| matches!(b, b'\r' | b'\n'));
            match self.fill(header_deadline.unwrap_or(idle_deadline)) {
                Ok(0) => return if waiting { Ok(None) } else { Err(Stop::Close) },
                Ok(_) => {
                    header_deadline.get_or_insert_with(|| Instant::now() + limits.header_timeout);
                }
                Err(error) if error.kind() == io::ErrorKind::TimedOut => {
                    return if waiting { Ok(None) } else { Err(timed_out().into()) };
                }
                Err(_) => return Err(Stop::Close),
            }
        }
    }

    /// Reads more bytes into the buffer, waiting at most until `deadline`; 0 at the end of
    /// the stream.
    fn fill(&mut self, deadline: Instant) -> io::Result<usize> {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut chunk = [0; 16 << 10];
        match self.stream.read(&mut chunk) {
            Ok(n) => {
                self.buffer.extend_from_slice(&chunk[..n]);
                Ok(n)
            }
            Err(error) if matches!(error.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                Err(io::ErrorKind::TimedOut.into())
            }
            Err(error) if error.kind() == io::ErrorKind::Interrupted => Ok(self.fill(deadline)?),
            Err(error) => Err(error),
        }
    }

    /// Appends `length` bytes of the body to `out`: first those buffered, then from the
    /// stream straight into `out`.
    fn read_into(&mut self, out: &mut Vec<u8>, length: usize, deadline: Instant) -> Result<(), Stop> {
        let buffered = length.min(self.buffer.len());
        out.extend(self.buffer.drain(..buffered));
        let mut missing = length - buffered;
        let mut chunk = [0; 16 << 10];
        while missing > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(self.body_timed_out());
            }
            self.stream.set_read_timeout(Some(left)).map_err(|_| Stop::Close)?;
            let want = missing.min(chunk.len());
            match self.stream.read(&mut chunk[..want]) {
                Ok(0) => return Err(Stop::Close),
                Ok(n) => {
                    out.extend_from_slice(&chunk[..n]);
                    missing -= n;
                }
                Err(error) if matches!(error.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                    return Err(self.body_timed_out());
                }
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return Err(Stop::Close),
            }
        }
        Ok(())
    }

    /// Reads one line of the body's framing (without its line end), at most `max` bytes.
    fn read_line(&mut self, deadline: Instant, max: usize) -> Result<Vec<u8>, Stop> {
        loop {
            if let Some(end) = self.buffer.iter().position(|&b| b == b'\n') {
                let mut line: Vec<u8> = self.buffer.drain(..=end).collect();
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Ok(line);
            }
            if self.buffer.len() > max {
                return Err(Failure::bad("a line of the chunked body is too long").into());
            }
            match self.fill(deadline) {
                Ok(0) => return Err(Stop::Close),
                Ok(_) => {}
                Err(error) if error.kind() == io::ErrorKind::TimedOut => return Err(self.body_timed_out()),
                Err(_) => return Err(Stop::Close),
            }
        }
    }

    fn body_timed_out(&self) -> Stop {
        Stop::Answer(Failure(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "the request body did not arrive within {} s (dossier serve --body-timeout SECONDS)",
                self.limits().body_timeout.as_secs_f64()
            ),
        ))
    }

    /// Closes the sending side and drops what the client still sends, for at most [`LINGER`].
    fn linger(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Write);
        let deadline = Instant::now() + LINGER;
        let mut sink = [0; 16 << 10];
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || self.stream.set_read_timeout(Some(left)).is_err() {
                return;
            }
            match self.stream.read(&mut sink) {
                Ok(0) => return,
                Ok(_) => {}
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return,
            }
        }
    }

    fn respond(&mut self, response: Response<Body>, head_only: bool, close: bool) -> io::Result<()> {
        let bytes = encode(response, head_only, close, &self.shared.server_name)?;
        self.write_all(&bytes)
    }

    /// Writes `bytes` by the send deadline.
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        let deadline = Instant::now() + self.limits().send_timeout;
        let mut written = 0;
        while written < bytes.len() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(io::ErrorKind::TimedOut.into());
            }
            self.stream.set_write_timeout(Some(left))?;
            match self.stream.write(&bytes[written..(written + (256 << 10)).min(bytes.len())]) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => written += n,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
        self.stream.flush()
    }
}

/// The end of a request's head (just past the empty line) in `buffer`, looking from `from`
/// back by the length of a line end so a terminator split between reads is found.
fn head_end(buffer: &[u8], from: usize) -> Option<usize> {
    // Empty lines before the request line are allowed (RFC 9112, section 2.2).
    let start = buffer.iter().position(|b| !matches!(b, b'\r' | b'\n'))?;
    let from = from.saturating_sub(3).max(start);
    let mut index = from;
    while index < buffer.len() {
        if buffer[index] == b'\n' {
            let rest = &buffer[index + 1..];
            if rest.first() == Some(&b'\n') {
                return Some(index + 2);
            }
            if rest.starts_with(b"\r\n") {
                return Some(index + 3);
            }
        }
        index += 1;
    }
    None
}

/// Parses a request's line and headers.
fn parse_head(bytes: &[u8]) -> Result<Head, Failure> {
    let mut fields = [httparse::EMPTY_HEADER; MAX_HEADER_FIELDS];
    let mut parsed = httparse::Request::new(&mut fields);
    match parsed.parse(bytes) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => return Err(Failure::bad("the request's head is incomplete")),
        Err(httparse::Error::TooManyHeaders) => {
            return Err(Failure(
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                format!("the request has more than {MAX_HEADER_FIELDS} header fields"),
            ))
        }
        Err(error) => return Err(Failure::bad(format!("the request is not HTTP/1.1: {error}"))),
    }
    let version = match parsed.version {
        Some(0) => Version::HTTP_10,
        _ => Version::HTTP_11,
    };
    let method = Method::from_bytes(parsed.method.unwrap_or_default().as_bytes())
        .map_err(|_| Failure::bad("the request's method is not valid"))?;
    let target = parsed.path.unwrap_or_default();
    let uri = Uri::try_from(target)
        .map_err(|e| Failure::bad(format!("the request target {:?} is not a valid URI: {e}", clean(target))))?;
    let mut headers = HeaderMap::with_capacity(parsed.headers.len());
    for field in parsed.headers.iter() {
        let name = HeaderName::from_bytes(field.name.as_bytes())
            .map_err(|_| Failure::bad(format!("the header name {:?} is not valid", clean(field.name))))?;
        let value = HeaderValue::from_bytes(field.value)
            .map_err(|_| Failure::bad(format!("the value of the {name} header is not valid")))?;
        headers.append(name, value);
    }
    // RFC 9112, section 3.2: HTTP/1.1 needs a Host header; HTTP/1.0 predates it.
    if version == Version::HTTP_11 && !headers.contains_key(HOST) && uri.authority().is_none() {
        return Err(Failure::bad("an HTTP/1.1 request needs a Host header"));
    }
    let framing = framing(&headers)?;
    let connection_says = |word: &str| {
        headers
            .get_all(CONNECTION)
            .iter()
            .any(|v| v.to_str().is_ok_and(|v| v.split(',').any(|token| token.trim().eq_ignore_ascii_case(word))))
    };
    let keep_alive = match version {
        Version::HTTP_10 => connection_says("keep-alive"),
        _ => !connection_says("close"),
    };
    let expects_continue = match headers.get(EXPECT) {
        None => false,
        Some(value) if value.as_bytes().eq_ignore_ascii_case(b"100-continue") => version == Version::HTTP_11,
        Some(_) => {
            return Err(Failure(StatusCode::EXPECTATION_FAILED, "only Expect: 100-continue is understood".into()));
        }
    };
    let mut request = Request::new(Body::empty());
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    *request.version_mut() = version;
    *request.headers_mut() = headers;
    Ok(Head { request, framing, expects_continue, keep_alive })
}

/// How the body is framed: `Transfer-Encoding: chunked`, a `Content-Length`, or no body.
fn framing(headers: &HeaderMap) -> Result<Framing, Failure> {
    let lengths: Vec<&HeaderValue> = headers.get_all(CONTENT_LENGTH).iter().collect();
    let encodings: Vec<&HeaderValue> = headers.get_all(TRANSFER_ENCODING).iter().collect();
    if !encodings.is_empty() {
        if !lengths.is_empty() {
            return Err(Failure::bad("give Transfer-Encoding or Content-Length, not both"));
        }
        let codings: Vec<String> = encodings
            .iter()
            .flat_map(|v| v.to_str().unwrap_or("?").split(','))
            .map(|c| c.trim().to_ascii_lowercase())
            .collect();
        return if codings == ["chunked"] {
            Ok(Framing::Chunked)
        } else {
            Err(Failure(
                StatusCode::NOT_IMPLEMENTED,
                format!(
                    "Transfer-Encoding {} is not supported; send the body plain or chunked",
                    clean(&codings.join(", "))
                ),
            ))
        };
    }
    let mut length = None;
    for value in lengths {
        let parsed = value
            .to_str()
            .ok()
            .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|v| v.parse::<u64>().ok())
            .ok_or_else(|| Failure::bad("the Content-Length is not a number"))?;
        if length.is_some_and(|l| l != parsed) {
            return Err(Failure::bad("the request gives two different Content-Lengths"));
        }
        length = Some(parsed);
    }
    Ok(Framing::Length(length.unwrap_or(0)))
}

/// The size of a chunk from its line (hexadecimal, extensions after `;` ignored).
fn chunk_size(line: &[u8]) -> Result<u64, Failure> {
    let text = std::str::from_utf8(line).unwrap_or("");
    let digits = text.split(';').next().unwrap_or("").trim();
    if digits.is_empty() || digits.len() > 15 {
        return Err(Failure::bad("a chunk size of the body is not valid"));
    }
    u64::from_str_radix(digits, 16).map_err(|_| Failure::bad("a chunk size of the body is not valid"))
}

/// The bytes of a response: status line, headers (with `Server`, `Content-Length` and, when
/// the connection ends, `Connection: close`) and the body unless `head_only`.
fn encode(response: Response<Body>, head_only: bool, close: bool, server_name: &HeaderValue) -> io::Result<Vec<u8>> {
    let (parts, body) = response.into_parts();
    let body = body.to_vec()?;
    let status = parts.status;
    let mut out = Vec::with_capacity(body.len() + 512);
    write!(out, "HTTP/1.1 {} {}\r\n", status.as_str(), status.canonical_reason().unwrap_or(""))?;
    let mut headers = parts.headers;
    headers.entry(SERVER).or_insert_with(|| server_name.clone());
    headers.remove(CONTENT_LENGTH);
    headers.remove(TRANSFER_ENCODING);
    if close {
        headers.insert(CONNECTION, HeaderValue::from_static("close"));
    }
    for (name, value) in &headers {
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    if !(status.is_informational() || status == StatusCode::NO_CONTENT || status == StatusCode::NOT_MODIFIED) {
        write!(out, "content-length: {}\r\n", body.len())?;
    }
    out.extend_from_slice(b"\r\n");
    if !head_only {
        out.extend_from_slice(&body);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(text: &str) -> Result<Head, Failure> {
        parse_head(text.as_bytes())
    }

    #[test]
    fn heads_end_at_the_empty_line_whatever_the_line_ends_and_the_reads() {
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a\r\n\r\nrest", 0), Some(27));
        assert_eq!(head_end(b"GET / HTTP/1.0\n\nrest", 0), Some(16));
        assert_eq!(head_end(b"\r\n\r\nGET / HTTP/1.0\r\n\r\n", 0), Some(22));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a\r\n", 0), None);
        // The terminator split across two reads is found when looking from the second.
        let whole = b"GET / HTTP/1.1\r\nHost: a\r\n\r\n";
        assert_eq!(head_end(whole, 25), Some(27));
    }

    #[test]
    fn http_1_0_needs_no_host_and_http_1_1_does() {
        let old = head("GET /sparql?query=ASK%7B%7D HTTP/1.0\r\n\r\n").unwrap();
        assert_eq!(old.request.version(), Version::HTTP_10);
        assert_eq!(old.request.uri().path(), "/sparql");
        assert!(!old.keep_alive, "HTTP/1.0 closes unless asked");
        assert!(head("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").unwrap().keep_alive);
        let missing = head("GET / HTTP/1.1\r\n\r\n").err().unwrap();
        assert_eq!(missing.0, StatusCode::BAD_REQUEST);
        assert!(missing.1.contains("Host"), "{}", missing.1);
        let new = head("GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        assert!(new.keep_alive);
        assert!(!head("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap().keep_alive);
    }

    #[test]
    fn bodies_are_framed_by_length_or_chunks_and_nothing_else() {
        let framing_of = |extra: &str| head(&format!("POST / HTTP/1.1\r\nHost: x\r\n{extra}\r\n")).map(|h| h.framing);
        assert_eq!(framing_of("").unwrap(), Framing::Length(0));
        assert_eq!(framing_of("Content-Length: 12\r\n").unwrap(), Framing::Length(12));
        assert_eq!(framing_of("Transfer-Encoding: chunked\r\n").unwrap(), Framing::Chunked);
        assert_eq!(framing_of("Transfer-Encoding: gzip\r\n").unwrap_err().0, StatusCode::NOT_IMPLEMENTED);
        assert_eq!(
            framing_of("Transfer-Encoding: chunked\r\nContent-Length: 3\r\n").unwrap_err().0,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(framing_of("Content-Length: -1\r\n").unwrap_err().0, StatusCode::BAD_REQUEST);
        assert_eq!(framing_of("Content-Length: 1\r\nContent-Length: 2\r\n").unwrap_err().0, StatusCode::BAD_REQUEST);
        assert_eq!(framing_of("Expect: nothing\r\n").unwrap_err().0, StatusCode::EXPECTATION_FAILED);
        assert!(head("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n").unwrap().expects_continue);
        assert_eq!(chunk_size(b"1a;name=value").unwrap(), 26);
        assert!(chunk_size(b"").is_err() && chunk_size(b"zz").is_err() && chunk_size(b"ffffffffffffffffff").is_err());
        let garbage = head("\x16\x03\x01 hello\r\n\r\n").err().unwrap();
        assert_eq!(garbage.0, StatusCode::BAD_REQUEST);
    }

    #[test]
    fn responses_carry_their_length_and_say_when_the_connection_closes() {
        let response = failure(Failure(StatusCode::NOT_FOUND, "nothing here".into()));
        let bytes = encode(response, false, true, &HeaderValue::from_static("dossier/test")).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("HTTP/1.1 404 Not Found\r\n"), "{text}");
        assert!(text.contains("connection: close\r\n") && text.contains("server: dossier/test\r\n"), "{text}");
        assert!(text.contains("content-length: 13\r\n") && text.ends_with("\r\n\r\nnothing here\n"), "{text}");
        let head =
            encode(failure(Failure(StatusCode::NOT_FOUND, "x".into())), true, false, &HeaderValue::from_static("d"))
                .unwrap();
        let text = String::from_utf8(head).unwrap();
        assert!(text.ends_with("content-length: 2\r\n\r\n") && !text.contains("connection"), "{text}");
    }

    /// A server of `limits` answering every request with its body, on a loopback port.
    fn echo(limits: Limits) -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let handler: Arc<Handler> = Arc::new(|request: &mut Request<Body>| {
            let mut body = Vec::new();
            request.body_mut().read_to_end(&mut body).unwrap();
            Response::new(Body::from(body))
        });
        let shared = Shared::new(limits, handler, "dossier/test");
        std::thread::spawn(move || accept(listener, shared));
        addr
    }

    fn exchange(addr: SocketAddr, request: &[u8]) -> String {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        stream.write_all(request).unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    }

    #[test]
    fn pipelined_and_chunked_requests_over_one_connection() {
        let addr = echo(Limits::default());
        let answer = exchange(
            addr,
            b"POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloPOST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nTrailer: t\r\n\r\nGET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        assert_eq!(answer.matches("HTTP/1.1 200 OK").count(), 3, "{answer}");
        assert!(answer.contains("\r\n\r\nhelloHTTP/1.1") && answer.contains("\r\n\r\nabcdeHTTP/1.1"), "{answer}");
        assert!(answer.ends_with("content-length: 0\r\n\r\n"), "{answer}");
    }

    #[test]
    fn bodies_over_the_limit_or_the_budget_are_refused_before_they_are_read() {
        let addr = echo(Limits { max_body_bytes: 10, max_body_memory: 10, ..Limits::default() });
        let answer = exchange(addr, b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n");
        assert!(answer.starts_with("HTTP/1.1 413") && answer.contains("--max-body BYTES"), "{answer}");
        let answer = exchange(addr, b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n");
        assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
        // One request holds the whole budget while its body trickles: the next is refused.
        let mut holder = TcpStream::connect(addr).unwrap();
        holder.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12").unwrap();
        std::thread::sleep(Duration::from_millis(200));
        let answer = exchange(addr, b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
        assert!(answer.starts_with("HTTP/1.1 503") && answer.contains("--max-body-memory"), "{answer}");
        holder.write_all(b"34567890").unwrap();
        holder.shutdown(Shutdown::Write).unwrap();
        let mut got = String::new();
        holder.read_to_string(&mut got).unwrap();
        assert!(got.starts_with("HTTP/1.1 200") && got.ends_with("1234567890"), "{got}");
        // Given back: the same request now passes.
        let answer =
            exchange(addr, b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
        assert!(answer.starts_with("HTTP/1.1 200") && answer.ends_with("hello"), "{answer}");
    }

    #[test]
    fn a_trickled_head_is_cut_at_its_deadline_and_an_idle_connection_is_closed() {
        let limits = Limits {
            header_timeout: Duration::from_millis(300),
            idle_timeout: Duration::from_millis(300),
            ..Limits::default()
        };
        let addr = echo(limits);
        let mut slow = TcpStream::connect(addr).unwrap();
        slow.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let started = Instant::now();
        slow.write_all(b"GET / HTTP/1.1\r\n").unwrap();
        // One header line every 100 ms: each byte would restart a per-read timeout.
        let mut cut = false;
        for n in 0..50 {
            std::thread::sleep(Duration::from_millis(100));
            if slow.write_all(format!("X-{n}: y\r\n").as_bytes()).is_err() {
                cut = true;
                break;
            }
        }
        let mut answer = String::new();
        let _ = slow.read_to_string(&mut answer);
        assert!(answer.starts_with("HTTP/1.1 408") && answer.contains("--header-timeout"), "{cut} {answer}");
        assert!(started.elapsed() < Duration::from_secs(4), "{:?}", started.elapsed());
        // A kept-alive connection left idle is closed without a word.
        let mut idle = TcpStream::connect(addr).unwrap();
        idle.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        idle.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut answer = Vec::new();
        let _ = idle.read_to_end(&mut answer);
        let answer = String::from_utf8_lossy(&answer);
        assert_eq!(answer.matches("HTTP/1.1").count(), 1, "{answer}");
        assert!(answer.ends_with("content-length: 0\r\n\r\n"), "{answer}");
    }
}
