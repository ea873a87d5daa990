//! The data the pipeline reads: gazetteer, trigger lexicons, boilerplate rules.
//!
//! Everything here comes from files under `ontology/` (compiled in as defaults, so the binary
//! works from any directory) and can be extended at run time without recompiling: extra
//! gazetteers with `--gazetteer FILE.ttl`, extra event triggers with `--triggers FILE.tsv`.
//! Loading errors name the file, line and column.
//!
//! ```
//! use dossier::lexicon::Lexicon;
//!
//! let lexicon = Lexicon::builtin()?;
//! let taliban = lexicon.gazetteer.find_by_name("the Taliban movement").unwrap();
//! assert_eq!(lexicon.gazetteer.entry(taliban).label, "Taliban");
//! # Ok::<(), dossier::lexicon::LexiconError>(())
//! ```

pub mod frames;
pub mod gazetteer;
pub mod words;

use std::path::{Path, PathBuf};

use regex::RegexSet;

pub use gazetteer::{ActorEntry, ActorKind, EntryId, Gazetteer};
pub use words::{Collective, Description, Morphology, Relation, ReportingVerb, TitleUses, Trigger, WordLists};

/// Where a lexicon came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Builtin(&'static str),
    File(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Builtin(name) => write!(f, "{name} (built in)"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A lexicon file that could not be read or parsed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LexiconError {
    #[error("{origin}: cannot read: {source}")]
    Io { origin: Origin, source: std::io::Error },
    #[error("{origin}:{line}:{column}: {message}")]
    Syntax { origin: Origin, line: usize, column: usize, message: String },
    #[error("{origin}: {subject}: {message}")]
    Entry { origin: Origin, subject: String, message: String },
}

impl LexiconError {
    fn syntax(origin: &Origin, line: usize, column: usize, message: impl Into<String>) -> LexiconError {
        LexiconError::Syntax { origin: origin.clone(), line, column, message: message.into() }
    }
}

/// All the data the extractor needs.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub gazetteer: Gazetteer,
    pub words: WordLists,
    pub boilerplate: Boilerplate,
}

impl Lexicon {
    /// The lexicons shipped in `ontology/`.
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        Ok(Lexicon {
            gazetteer: Gazetteer::builtin()?,
            words: WordLists::builtin()?,
            boilerplate: Boilerplate::try_builtin()?,
        })
    }

    /// Adds the actors of a Turtle gazetteer file (same vocabulary as `ontology/actors.ttl`).
    pub fn add_gazetteer_file(&mut self, path: &Path) -> Result<(), LexiconError> {
        let origin = Origin::File(path.to_path_buf());
        let text =
            std::fs::read_to_string(path).map_err(|source| LexiconError::Io { origin: origin.clone(), source })?;
        self.gazetteer.add_turtle(&text, &origin)
    }

    /// Adds event triggers from a TSV file (same format as `ontology/events.tsv`).
    pub fn add_trigger_file(&mut self, path: &Path) -> Result<(), LexiconError> {
        let origin = Origin::File(path.to_path_buf());
        let text =
            std::fs::read_to_string(path).map_err(|source| LexiconError::Io { origin: origin.clone(), source })?;
        self.words.add_triggers(&text, &origin)
    }
}

/// Reads `KEY<TAB>VALUE...` lines, skipping blanks and `#` comments; yields (line number, fields).
pub(crate) fn tsv_rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(index, line)| {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            return None;
        }
        Some((index + 1, line.split('\t').map(str::trim).collect()))
    })
}

/// Line rules that tell page furniture from article text (`ontology/boilerplate.tsv`).
#[derive(Debug, Clone)]
pub struct Boilerplate {
    drop: RegexSet,
    footer: RegexSet,
}

impl Boilerplate {
    /// The shipped rules.
    ///
    /// # Panics
    /// Never in a released build: a test checks that the shipped file parses.
    pub fn builtin() -> Boilerplate {
        Self::try_builtin().expect("ontology/boilerplate.tsv is valid")
    }

    fn try_builtin() -> Result<Boilerplate, LexiconError> {
        Boilerplate::parse(include_str!("../../ontology/boilerplate.tsv"), &Origin::Builtin("ontology/boilerplate.tsv"))
    }

    /// Parses rules in the `boilerplate.tsv` format.
    pub fn parse(text: &str, origin: &Origin) -> Result<Boilerplate, LexiconError> {
        let mut drop = Vec::new();
        let mut footer = Vec::new();
        for (line, fields) in tsv_rows(text) {
            let [kind, pattern] = fields[..] else {
                return Err(LexiconError::syntax(origin, line, 1, "expected KIND<TAB>PATTERN"));
            };
            if let Err(e) = regex::Regex::new(pattern) {
                return Err(LexiconError::syntax(origin, line, kind.len() + 2, format!("bad pattern: {e}")));
            }
            let pattern = ascii_word_boundaries(pattern);
            match kind {
                "drop" => drop.push(pattern),
                "footer" => footer.push(pattern),
                other => {
                    return Err(LexiconError::syntax(
                        origin,
                        line,
                        1,
                        format!("unknown kind {other:?} (drop or footer)"),
                    ))
                }
            }
        }
        let set = |patterns: Vec<String>| {
            RegexSet::new(patterns).map_err(|e| LexiconError::syntax(origin, 0, 0, e.to_string()))
        };
        Ok(Boilerplate { drop: set(drop)?, footer: set(footer)? })
    }

    /// Whether a trimmed line is page furniture.
    pub fn is_boilerplate(&self, line: &str) -> bool {
        self.drop.is_match(line)
    }

    /// Whether a trimmed line starts the page footer.
    pub fn is_footer(&self, line: &str) -> bool {
        self.footer.is_match(line)
    }
}

/// Rewrites a regex so that its word boundaries (`\b`, `\B`) are ASCII ones. Unicode word
/// boundaries keep the regex crate's fast DFA from searching text that holds any non-ASCII
/// character (a typographic quote is enough), which made rules several times slower; ASCII
/// boundaries differ only next to non-ASCII letters.
///
/// ```
/// assert_eq!(dossier::lexicon::ascii_word_boundaries(r"\bby\b [\b]"), r"(?-u:\b)by(?-u:\b) [\b]");
/// ```
pub fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(b @ ('b' | 'B')) if !in_class => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    out.push(')');
                }
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            '[' => {
                in_class = true;
                out.push(c);
            }
            ']' => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lexicons_load() {
        let lexicon = Lexicon::builtin().unwrap();
        assert!(lexicon.gazetteer.len() > 100);
        assert!(lexicon.boilerplate.is_boilerplate("Advertisement"));
        assert!(lexicon.boilerplate.is_footer("Post a Comment"));
    }

    #[test]
    fn bad_rules_name_file_and_line() {
        let origin = Origin::File("rules.tsv".into());
        let error = Boilerplate::parse("# ok\ndrop\t(unclosed\n", &origin).unwrap_err().to_string();
        assert!(error.starts_with("rules.tsv:2:6: bad pattern"), "{error}");
    }
}
