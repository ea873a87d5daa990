//! Reading documents: files and folders of `.txt`, `.md`, `.html`, `.json` and `.jsonl`.
//!
//! A [`Document`] keeps the text that all offsets refer to (for plain text and Markdown the file
//! text as decoded, for JSON the record's `text` field, for HTML the readable text of the page),
//! the metadata found in it (title, publisher, publication date) and its sentences. Boilerplate is
//! never deleted from the text: [`clean`] only decides which lines the extractor reads.
//!
//! ```
//! use dossier::corpus::Document;
//! use dossier::lexicon::Boilerplate;
//!
//! let text = "date 2021-07-09 By Radio Azadi\n\nTaliban representatives visited Moscow on July 8.\n\nAdvertisement\n";
//! let doc = Document::from_text("a.txt", text.to_string(), Default::default(), &Boilerplate::builtin());
//! assert_eq!(doc.publisher.as_deref(), Some("Radio Azadi"));
//! assert_eq!(doc.published.map(|d| d.to_string()).as_deref(), Some("2021-07-09"));
//! assert_eq!(doc.sentences.len(), 1);
//! ```

pub mod clean;
pub mod markup;
pub mod sentences;

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use sha2::{Digest, Sha256};

use crate::lexicon::Boilerplate;
pub use sentences::{Sentence, SentenceKind};

/// Largest file dossier reads; bigger ones are refused with a message, not loaded into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Largest document text dossier extracts from (2 MiB, about 300,000 words): extraction holds
/// the analysis of a whole document at once, about 190 MB per MB of text (BENCHMARKS.md,
/// "Hardening"), so a longer document is refused with a message rather than exhausting memory.
/// A file may hold many documents (JSON Lines) up to [`MAX_FILE_BYTES`].
pub const MAX_DOCUMENT_BYTES: usize = 2 * 1024 * 1024;

/// A document ready for extraction.
#[derive(Debug, Clone)]
pub struct Document {
    /// Content hash of the text: the document's identity.
    pub id: DocumentId,
    /// The file's base name (with `:LINE` for a record of a JSON Lines file).
    pub file_name: String,
    /// The text every offset refers to.
    pub text: String,
    pub title: Option<String>,
    pub published: Option<Date>,
    pub publisher: Option<String>,
    /// Sentences of the body (and title/headlines), in text order, boilerplate excluded.
    pub sentences: Vec<Sentence>,
}

/// Metadata known from outside the text (JSON fields, HTML meta tags); it wins over what the
/// text itself suggests.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub title: Option<String>,
    pub published: Option<Date>,
    pub publisher: Option<String>,
}

/// SHA-256 of a document's text, in hex.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocumentId(String);

impl DocumentId {
    /// The hash of `text`.
    pub fn of_text(text: &str) -> DocumentId {
        let digest = Sha256::digest(text.as_bytes());
        DocumentId(digest.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// The full hex digest.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first 16 hex digits, used in IRIs.
    pub fn short(&self) -> &str {
        &self.0[..16]
    }
}

impl fmt::Display for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Document {
    /// Builds a document from its text: finds metadata, drops boilerplate, splits sentences.
    pub fn from_text(file_name: &str, text: String, metadata: Metadata, boilerplate: &Boilerplate) -> Document {
        let cleaned = clean::clean(&text, boilerplate);
        let sentences = sentences::split(&text, &cleaned.blocks);
        Document {
            id: DocumentId::of_text(&text),
            file_name: file_name.to_string(),
            title: metadata.title.or(cleaned.title),
            published: metadata.published.or(cleaned.published),
            publisher: metadata.publisher.or(cleaned.publisher),
            text,
            sentences,
        }
    }

    /// The text of a byte range.
    pub fn slice(&self, range: &std::ops::Range<usize>) -> &str {
        &self.text[range.clone()]
    }
}

/// Why a file (or a record in it) could not be read. Always names the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CorpusError {
    #[error("{path}: cannot read: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: empty file")]
    Empty { path: PathBuf },
    #[error("{path}: binary file (NUL byte at offset {offset}), skipped")]
    Binary { path: PathBuf, offset: usize },
    #[error("{path}: {size} bytes is larger than the limit of {limit} bytes, skipped")]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error("{path}:{line}:{column}: invalid JSON: {message}")]
    Json { path: PathBuf, line: usize, column: usize, message: String },
    #[error("{path}:{line}: JSON record has no string field \"text\"")]
    NoText { path: PathBuf, line: usize },
    #[error("{path}: cannot read HTML: {message}")]
    Html { path: PathBuf, message: String },
    #[error("{path}: no text left after removing markup and boilerplate")]
    NoContent { path: PathBuf },
    #[error("{path}: not a .txt, .md, .html, .json or .jsonl file")]
    UnsupportedKind { path: PathBuf },
    /// More bytes than its metadata said, past the limit: a growing file, or a device.
    #[error("{path}: reading went past the limit of {limit} bytes (the file grows, or its reported size is wrong)")]
    Unbounded { path: PathBuf, limit: u64 },
    /// A FIFO, socket or device: reading it could block forever or never end.
    #[error("{path}: not a regular file ({kind})")]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error(
        "{path}{record}: the document's text is {size} bytes, larger than the limit of {limit} bytes per document"
    )]
    DocumentTooLarge { path: PathBuf, record: String, size: usize, limit: usize },
}

/// What a path that is not a regular file or folder is, for messages.
fn special_kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let file_type = meta.file_type();
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
    }
    let _ = meta;
    "a special file"
}

/// What reading one file gave: documents, and problems that did not stop the rest of the file
/// (a lossily decoded byte, one bad JSON line).
#[derive(Debug, Default)]
pub struct FileContents {
    pub documents: Vec<Document>,
    pub problems: Vec<CorpusError>,
    pub warnings: Vec<String>,
}

/// The kinds of file dossier reads, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Text,
    Html,
    Json,
    JsonLines,
}

impl FileKind {
    /// The kind of a path, from its extension (case-insensitive).
    pub fn from_path(path: &Path) -> Option<FileKind> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" | "md" | "markdown" | "text" => Some(FileKind::Text),
            "html" | "htm" | "xhtml" => Some(FileKind::Html),
            "json" => Some(FileKind::Json),
            "jsonl" | "ndjson" => Some(FileKind::JsonLines),
            _ => None,
        }
    }
}

/// Expands files and folders into the readable files under them, sorted, each once.
/// Folders are walked recursively; symlinks are followed but a folder is never entered twice
/// (so symlink loops end). Files named explicitly are kept whatever their extension (and then
/// reported as unsupported if need be); files found in folders are kept only with a known extension.
/// Anything that is not a regular file (a FIFO, a socket, a device, or a symlink to one) is
/// reported and skipped, never opened: reading it could block forever or never end.
///
/// ```
/// # #[cfg(unix)] {
/// use dossier::corpus::collect_files;
///
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("a.txt"), "Iran sent aid.")?;
/// std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt"))?;
/// let (files, problems) = collect_files(&[dir.path().to_path_buf()]);
/// assert_eq!(files, [dir.path().join("a.txt")]);
/// assert!(problems[0].to_string().ends_with("zero.txt: not a regular file (a character device)"));
/// # }
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<CorpusError>) {
    let mut files = BTreeSet::new();
    let mut problems = Vec::new();
    let mut seen_dirs = BTreeSet::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut problems, &mut seen_dirs),
            Ok(meta) if meta.is_file() => {
                files.insert(path.clone());
            }
            Ok(meta) => problems.push(CorpusError::NotAFile { path: path.clone(), kind: special_kind(&meta) }),
            Err(source) => problems.push(CorpusError::Io { path: path.clone(), source }),
        }
    }
    (files.into_iter().collect(), problems)
}

fn walk(dir: &Path, files: &mut BTreeSet<PathBuf>, problems: &mut Vec<CorpusError>, seen: &mut BTreeSet<PathBuf>) {
    let canonical = match fs::canonicalize(dir) {
        Ok(canonical) => canonical,
        Err(source) => return problems.push(CorpusError::Io { path: dir.to_path_buf(), source }),
    };
    if !seen.insert(canonical) {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => return problems.push(CorpusError::Io { path: dir.to_path_buf(), source }),
    };
    let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for child in children {
        match fs::metadata(&child) {
            Ok(meta) if meta.is_dir() => walk(&child, files, problems, seen),
            Ok(_) if FileKind::from_path(&child).is_none() => {}
            Ok(meta) if meta.is_file() => {
                files.insert(child);
            }
            Ok(meta) => problems.push(CorpusError::NotAFile { path: child, kind: special_kind(&meta) }),
            Err(source) => problems.push(CorpusError::Io { path: child, source }),
        }
    }
}

/// Reads one file into documents.
///
/// Only regular files are opened (a FIFO would block the open forever), and at most
/// [`MAX_FILE_BYTES`] + 1 bytes are read whatever the file's metadata says (a symlink to
/// `/dev/zero` reports a size of 0 and never ends).
pub fn read_file(path: &Path, boilerplate: &Boilerplate) -> Result<FileContents, CorpusError> {
    // Known kinds only, before reading anything.
    FileKind::from_path(path).ok_or_else(|| CorpusError::UnsupportedKind { path: path.to_path_buf() })?;
    let io = |source| CorpusError::Io { path: path.to_path_buf(), source };
    let meta = fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(CorpusError::NotAFile { path: path.to_path_buf(), kind: special_kind(&meta) });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(CorpusError::TooLarge { path: path.to_path_buf(), size: meta.len(), limit: MAX_FILE_BYTES });
    }
    let file = fs::File::open(path).map_err(io)?;
    let bytes = read_bounded(path, file, meta.len(), MAX_FILE_BYTES)?;
    read_bytes(path, &bytes, boilerplate)
}

/// Reads at most `limit` bytes from `reader` (a file of `expected` bytes, as its metadata says):
/// more is refused, whatever the metadata said.
fn read_bounded(path: &Path, reader: impl std::io::Read, expected: u64, limit: u64) -> Result<Vec<u8>, CorpusError> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(expected.min(limit) as usize);
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| CorpusError::Io { path: path.to_path_buf(), source })?;
    if bytes.len() as u64 > limit {
        return Err(CorpusError::Unbounded { path: path.to_path_buf(), limit });
    }
    Ok(bytes)
}

/// Reads the bytes of a file named `path` (its extension gives the kind; it is not opened) into
/// documents.
pub fn read_bytes(path: &Path, bytes: &[u8], boilerplate: &Boilerplate) -> Result<FileContents, CorpusError> {
    let kind = FileKind::from_path(path).ok_or_else(|| CorpusError::UnsupportedKind { path: path.to_path_buf() })?;
    let mut contents = FileContents::default();
    let text = decode(path, bytes, &mut contents.warnings)?;
    let base_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match kind {
        FileKind::Text => {
            check_document_size(path, "", &text)?;
            let document = Document::from_text(&base_name, text, Metadata::default(), boilerplate);
            if document.sentences.is_empty() {
                return Err(CorpusError::NoContent { path: path.to_path_buf() });
            }
            contents.documents.push(document);
        }
        FileKind::Html => {
            let (text, metadata) = html_text(path, &text, &mut contents.warnings)?;
            check_document_size(path, "", &text)?;
            let document = Document::from_text(&base_name, text, metadata, boilerplate);
            if document.sentences.is_empty() {
                return Err(CorpusError::NoContent { path: path.to_path_buf() });
            }
            contents.documents.push(document);
        }
        FileKind::Json => {
            let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| CorpusError::Json {
                path: path.to_path_buf(),
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
            })?;
            let records = match value {
                serde_json::Value::Array(items) => items,
                other => vec![other],
            };
            let many = records.len() > 1;
            for (index, record) in records.into_iter().enumerate() {
                let name = if many { format!("{base_name}#{}", index + 1) } else { base_name.clone() };
                let record_name = if many { format!("#{}", index + 1) } else { String::new() };
                match json_document(&name, record, boilerplate) {
                    Ok(document) => contents.documents.push(document),
                    Err(size) => contents.problems.push(json_problem(path, record_name, index + 1, size)),
                }
            }
        }
        FileKind::JsonLines => {
            for (index, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let line_number = index + 1;
                match serde_json::from_str::<serde_json::Value>(line) {
                    Ok(record) => match json_document(&format!("{base_name}:{line_number}"), record, boilerplate) {
                        Ok(document) => contents.documents.push(document),
                        Err(size) => {
                            contents.problems.push(json_problem(path, format!(":{line_number}"), line_number, size))
                        }
                    },
                    Err(e) => contents.problems.push(CorpusError::Json {
                        path: path.to_path_buf(),
                        line: line_number,
                        column: e.column(),
                        message: e.to_string(),
                    }),
                }
            }
        }
    }
    Ok(contents)
}

/// Decodes bytes as UTF-8 (a leading BOM dropped). Binary files are refused; invalid UTF-8 is
/// replaced with U+FFFD and reported with the byte offset of the first bad sequence.
fn decode(path: &Path, bytes: &[u8], warnings: &mut Vec<String>) -> Result<String, CorpusError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(CorpusError::Empty { path: path.to_path_buf() });
    }
    if let Some(offset) = bytes.iter().take(8192).position(|&b| b == 0) {
        return Err(CorpusError::Binary { path: path.to_path_buf(), offset });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            warnings.push(format!(
                "{}: invalid UTF-8 at byte {}; undecodable bytes replaced with U+FFFD",
                path.display(),
                e.valid_up_to()
            ));
            Ok(String::from_utf8_lossy(bytes).into_owned())
        }
    }
}

/// Refuses a document text longer than [`MAX_DOCUMENT_BYTES`]; `record` locates it in its file.
fn check_document_size(path: &Path, record: &str, text: &str) -> Result<(), CorpusError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(CorpusError::DocumentTooLarge {
            path: path.to_path_buf(),
            record: record.to_string(),
            size: text.len(),
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    Ok(())
}

/// Why a JSON record gave no document: no text (`None`), or a text of this many bytes, too long.
fn json_problem(path: &Path, record: String, line: usize, size: Option<usize>) -> CorpusError {
    match size {
        None => CorpusError::NoText { path: path.to_path_buf(), line },
        Some(size) => {
            CorpusError::DocumentTooLarge { path: path.to_path_buf(), record, size, limit: MAX_DOCUMENT_BYTES }
        }
    }
}

/// A document from a JSON record: `text` (required), and optionally `title`,
/// `published`/`date`/`published_at`, `publisher`/`source`/`site_name`. `Err(None)`: no text;
/// `Err(Some(size))`: a text of `size` bytes, more than [`MAX_DOCUMENT_BYTES`].
fn json_document(name: &str, record: serde_json::Value, boilerplate: &Boilerplate) -> Result<Document, Option<usize>> {
    let field = |keys: &[&str]| keys.iter().find_map(|k| record.get(*k)?.as_str().map(str::to_string));
    let text = field(&["text", "body", "content"]).ok_or(None)?;
    if text.trim().is_empty() {
        return Err(None);
    }
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(Some(text.len()));
    }
    let metadata = Metadata {
        title: field(&["title", "headline"]),
        published: field(&["published", "date", "published_at", "publication_date"])
            .and_then(|d| crate::time::parse_date(&d)),
        publisher: field(&["publisher", "source", "site_name", "outlet"]),
    };
    Ok(Document::from_text(name, text, metadata, boilerplate))
}

/// Deepest element nesting (as [`markup::depth`] counts it) an HTML page is parsed and read with
/// article detection (Readability) at. Parsing and Readability take time that grows with the
/// square of the nesting (10,000 nested `<div>`s took 24.5 s); browsers stop nesting at 512 too.
/// A deeper page is read as plain text ([`markup::plain_text`]), with a warning, in linear time.
pub const MAX_HTML_DEPTH: usize = 512;

/// The readable text of an HTML page (title first, then the article's paragraphs) and its
/// metadata, through a Readability port; a page nested deeper than [`MAX_HTML_DEPTH`] gives all
/// its text, read in one linear pass, and a warning.
fn html_text(path: &Path, html: &str, warnings: &mut Vec<String>) -> Result<(String, Metadata), CorpusError> {
    let depth = markup::depth(html);
    if depth > MAX_HTML_DEPTH {
        warnings.push(format!(
            "{}: HTML elements nested {depth} deep (more than {MAX_HTML_DEPTH}); read as plain text, without telling the article from the rest of the page",
            path.display()
        ));
        let (text, title) = markup::plain_text(html);
        let text = match &title {
            Some(title) => format!("{title}\n\n{text}"),
            None => text,
        };
        return Ok((text, Metadata { title, ..Metadata::default() }));
    }
    let config = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let error =
        |e: dom_smoothie::ReadabilityError| CorpusError::Html { path: path.to_path_buf(), message: e.to_string() };
    let mut readability = dom_smoothie::Readability::new(html, None, Some(config)).map_err(error)?;
    let article = readability.parse().map_err(error)?;
    let title = Some(article.title.trim().to_string()).filter(|t| !t.is_empty());
    let mut text = String::new();
    if let Some(title) = &title {
        text.push_str(title);
        text.push_str("\n\n");
    }
    text.push_str(article.text_content.trim());
    text.push('\n');
    let metadata = Metadata {
        title,
        published: article.published_time.as_deref().and_then(crate::time::parse_date),
        publisher: article.site_name.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
    };
    Ok((text, metadata))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("dossier-corpus-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn bad_files_give_clear_errors() {
        let dir = temp_dir("bad");
        fs::write(dir.join("empty.txt"), "").unwrap();
        fs::write(dir.join("binary.txt"), b"abc\0def").unwrap();
        fs::write(dir.join("latin1.txt"), b"Caf\xe9 owners in Kabul said the Taliban came.\n").unwrap();
        let rules = Boilerplate::builtin();
        let empty = read_file(&dir.join("empty.txt"), &rules).unwrap_err().to_string();
        assert!(empty.contains("empty.txt") && empty.contains("empty file"), "{empty}");
        let binary = read_file(&dir.join("binary.txt"), &rules).unwrap_err().to_string();
        assert!(binary.contains("binary file") && binary.contains("offset 3"), "{binary}");
        let latin = read_file(&dir.join("latin1.txt"), &rules).unwrap();
        assert_eq!(latin.documents.len(), 1);
        assert!(latin.warnings[0].contains("invalid UTF-8 at byte 3"), "{:?}", latin.warnings);
    }

    /// Issue 24: a FIFO or a symlink to a device is skipped with a message, never opened; a
    /// reader that never ends is cut at the limit.
    #[cfg(unix)]
    #[test]
    fn r24_special_files_are_skipped_and_reads_are_bounded() {
        let dir = temp_dir("special");
        fs::write(dir.join("a.txt"), "Iran sent aid.").unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.join("zero.txt")).unwrap();
        let fifo = dir.join("pipe.txt");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let (files, problems) = collect_files(std::slice::from_ref(&dir));
        assert_eq!(files, [dir.join("a.txt")]);
        let messages: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            messages,
            [
                format!("{}: not a regular file (a FIFO)", fifo.display()),
                format!("{}: not a regular file (a character device)", dir.join("zero.txt").display()),
            ]
        );
        // Named explicitly, or read directly: the same.
        let (files, problems) = collect_files(std::slice::from_ref(&fifo));
        assert!(files.is_empty() && problems.len() == 1);
        let error = read_file(&fifo, &Boilerplate::builtin()).unwrap_err().to_string();
        assert!(error.ends_with("pipe.txt: not a regular file (a FIFO)"), "{error}");
        // Whatever the metadata says (0 bytes), an endless reader stops at the limit.
        let endless = read_bounded(Path::new("zero.txt"), std::io::repeat(0), 0, 1000).unwrap_err().to_string();
        assert_eq!(
            endless,
            "zero.txt: reading went past the limit of 1000 bytes (the file grows, or its reported size is wrong)"
        );
        assert_eq!(read_bounded(Path::new("a"), &b"12345"[..], 5, 5).unwrap(), b"12345");
    }

    /// Issue 24: a document text over the limit is refused, naming the file and the record; the
    /// other records of the file are read.
    #[test]
    fn r24_documents_over_the_size_limit_are_refused() {
        let dir = temp_dir("large");
        let long = "Iran sent aid to Kabul on Monday. ".repeat(MAX_DOCUMENT_BYTES / 34 + 1);
        fs::write(dir.join("long.txt"), &long).unwrap();
        let error = read_file(&dir.join("long.txt"), &Boilerplate::builtin()).unwrap_err().to_string();
        assert!(
            error.ends_with(&format!(
                "long.txt: the document's text is {} bytes, larger than the limit of {MAX_DOCUMENT_BYTES} bytes per document",
                long.len()
            )),
            "{error}"
        );
        let lines =
            format!("{}\n{}\n", serde_json::json!({ "text": long }), serde_json::json!({ "text": "Iran sent aid." }));
        fs::write(dir.join("feed.jsonl"), lines).unwrap();
        let contents = read_file(&dir.join("feed.jsonl"), &Boilerplate::builtin()).unwrap();
        assert_eq!(contents.documents.len(), 1);
        let problem = contents.problems[0].to_string();
        assert!(problem.contains("feed.jsonl:1: the document's text is"), "{problem}");
    }

    /// Issue 24: a page nested deeper than the limit is read as plain text (in linear time), with a
    /// warning; its text is all there, in order.
    #[test]
    fn r24_deeply_nested_html_is_read_as_plain_text() {
        let depth = MAX_HTML_DEPTH * 4;
        let html = format!(
            "<html><head><title>Deep page</title><script>var x = 1;</script></head><body>{}<p>Russia will invite the Taliban to talks.</p><p>The envoy said aid would follow.<br>Officials welcomed it.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let contents = read_bytes(Path::new("deep.html"), html.as_bytes(), &Boilerplate::builtin()).unwrap();
        assert_eq!(
            contents.warnings,
            [format!("deep.html: HTML elements nested {} deep (more than {MAX_HTML_DEPTH}); read as plain text, without telling the article from the rest of the page", depth + 2)]
        );
        let doc = &contents.documents[0];
        assert_eq!(doc.title.as_deref(), Some("Deep page"));
        assert_eq!(
            doc.text,
            "Deep page\n\nRussia will invite the Taliban to talks.\n\nThe envoy said aid would follow.\nOfficials welcomed it.\n"
        );
        // A page within the limit still goes through article detection, without a warning.
        let shallow = html.replace(&"<div>".repeat(depth), "<div>").replace(&"</div>".repeat(depth), "</div>");
        let contents = read_bytes(Path::new("page.html"), shallow.as_bytes(), &Boilerplate::builtin()).unwrap();
        assert!(contents.warnings.is_empty(), "{:?}", contents.warnings);
        assert!(contents.documents[0].text.contains("Russia will invite the Taliban to talks."));
    }

    #[test]
    fn json_lines_keep_going_past_a_bad_line() {
        let dir = temp_dir("jsonl");
        let path = dir.join("feed.jsonl");
        fs::write(
            &path,
            "{\"text\": \"Russia will invite the Taliban to talks.\", \"published\": \"2021-10-07\"}\n{oops\n{\"title\": \"no text\"}\n",
        )
        .unwrap();
        let contents = read_file(&path, &Boilerplate::builtin()).unwrap();
        assert_eq!(contents.documents.len(), 1);
        assert_eq!(contents.documents[0].file_name, "feed.jsonl:1");
        assert_eq!(contents.documents[0].published.unwrap().to_string(), "2021-10-07");
        let messages: Vec<String> = contents.problems.iter().map(|p| p.to_string()).collect();
        assert!(messages[0].contains("feed.jsonl:2:"), "{messages:?}");
        assert!(messages[1].contains("feed.jsonl:3: JSON record has no string field"), "{messages:?}");
    }

    #[test]
    fn folders_are_walked_in_order_and_loops_end() {
        let dir = temp_dir("walk");
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::write(dir.join("b.txt"), "x").unwrap();
        fs::write(dir.join("sub/a.md"), "x").unwrap();
        fs::write(dir.join("ignored.png"), "x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&dir, dir.join("sub/loop")).unwrap();
        let (files, problems) = collect_files(std::slice::from_ref(&dir));
        assert!(problems.is_empty(), "{problems:?}");
        let names: Vec<_> =
            files.iter().map(|f| f.strip_prefix(&dir).unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["b.txt", "sub/a.md"]);
    }

    #[test]
    fn html_pages_give_their_article_text() {
        let dir = temp_dir("html");
        let path = dir.join("page.html");
        fs::write(
            &path,
            "<html><head><title>Talks in Moscow</title><meta property=\"og:site_name\" content=\"Daily Planet\">\
             <meta property=\"article:published_time\" content=\"2021-10-07T10:00:00Z\"></head>\
             <body><nav>Home | World</nav><article><h1>Talks in Moscow</h1><p>Russia will invite the Taliban to talks in Moscow on October 20, \
             the Kremlin's envoy said on Thursday. The talks will involve China, Iran and Pakistan.</p>\
             <p>The envoy said aid would follow. Officials in Kabul welcomed the move.</p></article>\
             <footer>Copyright Daily Planet</footer><script>alert(1)</script></body></html>",
        )
        .unwrap();
        let contents = read_file(&path, &Boilerplate::builtin()).unwrap();
        let doc = &contents.documents[0];
        assert_eq!(doc.title.as_deref(), Some("Talks in Moscow"));
        assert_eq!(doc.publisher.as_deref(), Some("Daily Planet"));
        assert_eq!(doc.published.unwrap().to_string(), "2021-10-07");
        assert!(doc.text.contains("Russia will invite the Taliban"));
        assert!(!doc.text.contains("alert(1)"));
    }
}
