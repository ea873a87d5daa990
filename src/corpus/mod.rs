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
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<CorpusError>) {
    let mut files = BTreeSet::new();
    let mut problems = Vec::new();
    let mut seen_dirs = BTreeSet::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut problems, &mut seen_dirs),
            Ok(_) => {
                files.insert(path.clone());
            }
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
            Ok(_) if FileKind::from_path(&child).is_some() => {
                files.insert(child);
            }
            Ok(_) => {}
            Err(source) => problems.push(CorpusError::Io { path: child, source }),
        }
    }
}

/// Reads one file into documents.
pub fn read_file(path: &Path, boilerplate: &Boilerplate) -> Result<FileContents, CorpusError> {
    // Known kinds only, before reading anything.
    FileKind::from_path(path).ok_or_else(|| CorpusError::UnsupportedKind { path: path.to_path_buf() })?;
    let io = |source| CorpusError::Io { path: path.to_path_buf(), source };
    let size = fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(CorpusError::TooLarge { path: path.to_path_buf(), size, limit: MAX_FILE_BYTES });
    }
    let bytes = fs::read(path).map_err(io)?;
    read_bytes(path, &bytes, boilerplate)
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
            let document = Document::from_text(&base_name, text, Metadata::default(), boilerplate);
            if document.sentences.is_empty() {
                return Err(CorpusError::NoContent { path: path.to_path_buf() });
            }
            contents.documents.push(document);
        }
        FileKind::Html => {
            let (text, metadata) = html_text(path, &text)?;
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
                match json_document(&name, record, boilerplate) {
                    Some(document) => contents.documents.push(document),
                    None => contents.problems.push(CorpusError::NoText { path: path.to_path_buf(), line: index + 1 }),
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
                        Some(document) => contents.documents.push(document),
                        None => {
                            contents.problems.push(CorpusError::NoText { path: path.to_path_buf(), line: line_number })
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

/// A document from a JSON record: `text` (required), and optionally `title`,
/// `published`/`date`/`published_at`, `publisher`/`source`/`site_name`.
fn json_document(name: &str, record: serde_json::Value, boilerplate: &Boilerplate) -> Option<Document> {
    let field = |keys: &[&str]| keys.iter().find_map(|k| record.get(*k)?.as_str().map(str::to_string));
    let text = field(&["text", "body", "content"])?;
    if text.trim().is_empty() {
        return None;
    }
    let metadata = Metadata {
        title: field(&["title", "headline"]),
        published: field(&["published", "date", "published_at", "publication_date"])
            .and_then(|d| crate::time::parse_date(&d)),
        publisher: field(&["publisher", "source", "site_name", "outlet"]),
    };
    Some(Document::from_text(name, text, metadata, boilerplate))
}

/// The readable text of an HTML page (title first, then the article's paragraphs) and its
/// metadata, through a Readability port.
fn html_text(path: &Path, html: &str) -> Result<(String, Metadata), CorpusError> {
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
