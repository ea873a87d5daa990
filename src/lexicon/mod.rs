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
pub use words::{
    Collective, Description, Morphology, Relation, ReportingVerb, TitleUses, Trigger, WordClass, WordLists,
};

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

    /// Adds any lexicon file, read as the `ontology/` file it is named after: a `.ttl` file is a
    /// gazetteer; `events*.tsv`, `reporting*.tsv`, `descriptions*.tsv`, `relations*.tsv`,
    /// `collectives*.tsv`, `titles*.tsv`, `wrongdoing*.tsv`, `word_classes*.tsv` and
    /// `boilerplate*.tsv` add to that list. Another name is refused, saying which names work.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("dossier-doc-lexicon-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// let file = dir.join("word_classes_extra.tsv");
    /// std::fs::write(&file, "act-light-verb\tspearhead\n")?;
    /// let mut lexicon = dossier::lexicon::Lexicon::builtin()?;
    /// lexicon.add_file(&file)?;
    /// assert!(lexicon.words.is(dossier::lexicon::WordClass::ActLightVerb, "spearhead"));
    /// assert!(lexicon.add_file(&dir.join("notes.tsv")).unwrap_err().to_string().contains("word_classes"));
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_file(&mut self, path: &Path) -> Result<(), LexiconError> {
        let origin = Origin::File(path.to_path_buf());
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_lowercase();
        let kind = if name.ends_with(".ttl") {
            Some("ttl")
        } else if name.ends_with(".tsv") {
            FILE_KINDS.iter().copied().find(|kind| name.starts_with(kind))
        } else {
            None
        };
        let Some(kind) = kind else {
            return Err(LexiconError::Entry {
                origin,
                subject: "file name".to_string(),
                message: format!(
                    "cannot tell which lexicon this is: name it after its ontology/ counterpart (*.ttl, or {}*.tsv)",
                    FILE_KINDS.join("*.tsv, ")
                ),
            });
        };
        let text =
            std::fs::read_to_string(path).map_err(|source| LexiconError::Io { origin: origin.clone(), source })?;
        match kind {
            "ttl" => self.gazetteer.add_turtle(&text, &origin),
            "events" => self.words.add_triggers(&text, &origin),
            "reporting" => self.words.add_reporting(&text, &origin),
            "descriptions" => self.words.add_descriptions(&text, &origin),
            "relations" => self.words.add_relations(&text, &origin),
            "collectives" => self.words.add_collectives(&text, &origin),
            "titles" => self.words.add_titles(&text, &origin),
            "wrongdoing" => self.words.add_wrongdoing(&text, &origin),
            "word_classes" => self.words.add_word_classes(&text, &origin),
            _ => self.boilerplate.extend(&text, &origin),
        }
    }
}

/// The TSV lexicons [`Lexicon::add_file`] extends, by the start of their file name.
const FILE_KINDS: [&str; 9] = [
    "events",
    "reporting",
    "descriptions",
    "relations",
    "collectives",
    "titles",
    "wrongdoing",
    "word_classes",
    "boilerplate",
];

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

/// The patterns of a rules file, by kind.
type BoilerplatePatterns = (Vec<String>, Vec<String>);

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
        let (drop, footer) = Self::patterns(text, origin)?;
        Self::compile(drop, footer, origin)
    }

    /// Adds the rules of a file in the `boilerplate.tsv` format to these.
    pub fn extend(&mut self, text: &str, origin: &Origin) -> Result<(), LexiconError> {
        let (mut drop, mut footer) = Self::patterns(text, origin)?;
        drop.extend(self.drop.patterns().iter().cloned());
        footer.extend(self.footer.patterns().iter().cloned());
        *self = Self::compile(drop, footer, origin)?;
        Ok(())
    }

    fn compile(drop: Vec<String>, footer: Vec<String>, origin: &Origin) -> Result<Boilerplate, LexiconError> {
        let set = |patterns: Vec<String>| {
            RegexSet::new(patterns).map_err(|e| LexiconError::syntax(origin, 0, 0, e.to_string()))
        };
        Ok(Boilerplate { drop: set(drop)?, footer: set(footer)? })
    }

    fn patterns(text: &str, origin: &Origin) -> Result<BoilerplatePatterns, LexiconError> {
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
        Ok((drop, footer))
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
    fn every_lexicon_file_extends_by_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let mut lexicon = Lexicon::builtin().unwrap();
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path
        };
        lexicon.add_file(&write("word_classes.tsv", "casualty-verb\tbehead\n")).unwrap();
        assert!(lexicon.words.is(WordClass::CasualtyVerb, "behead"));
        lexicon.add_file(&write("boilerplate-site.tsv", "drop\t^Read more on our app$\n")).unwrap();
        assert!(lexicon.boilerplate.is_boilerplate("Read more on our app"));
        assert!(lexicon.boilerplate.is_boilerplate("Advertisement"), "the shipped rules stay");
        lexicon.add_file(&write("collectives-local.tsv", "vigilantes\tArmedGroup\tvigilantes\t-\n")).unwrap();
        let error = lexicon.add_file(&write("word_classes2.tsv", "light-verbs\thold\n")).unwrap_err().to_string();
        assert!(error.contains("word_classes2.tsv:1:1") && error.contains("unknown word class"), "{error}");
        let error = lexicon.add_file(&write("mine.tsv", "x\n")).unwrap_err().to_string();
        assert!(error.contains("mine.tsv") && error.contains("collectives*.tsv"), "{error}");
    }

    #[test]
    fn bad_rules_name_file_and_line() {
        let origin = Origin::File("rules.tsv".into());
        let error = Boilerplate::parse("# ok\ndrop\t(unclosed\n", &origin).unwrap_err().to_string();
        assert!(error.starts_with("rules.tsv:2:6: bad pattern"), "{error}");
    }
}
