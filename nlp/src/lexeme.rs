//! The lexical attributes the networks read: NORM, PREFIX, SUFFIX, SHAPE, SPACY and IS_SPACE,
//! as spaCy's vocabulary computes them (`spacy/lang/lex_attrs.py`, `vocab.pyx`).
//!
//! - NORM: the NORM a special case gave the token; else the model's `lexeme_norm` table
//!   (keyed by the word's string id); else spaCy's base norms (`’` -> `'`, `£` -> `$`...); else
//!   Python's `str.lower()` of the word.
//! - PREFIX: the first character; SUFFIX: the last three characters.
//! - SHAPE: `word_shape`: letters become `X`/`x`, digits `d`, anything else stays, and a run of
//!   one shape character is cut after four; `LONG` for words of 100 characters or more.
//! - SPACY: whether a space follows; IS_SPACE: whether the word is all space characters.
//!
//! Every string attribute is given as the id spaCy's `StringStore.add` gives it
//! ([`Symbols::id`]).

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Deserialize;

use crate::fxhash::FxHashMap;
use crate::pyunicode;
use crate::strings::Symbols;
use crate::tokenizer::Token;
use crate::NlpError;

/// The order of the columns of [`Lexicon::features`], as `doc.to_array` takes attribute names.
pub const FEATURE_NAMES: [&str; 6] = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY", "IS_SPACE"];

#[derive(Deserialize)]
struct LexemesJson {
    lexeme_norm: HashMap<String, String>,
    base_norms: HashMap<String, String>,
}

/// The model's lexical tables (`lexemes.json`) and symbol table.
#[derive(Debug, Clone)]
pub struct Lexicon {
    symbols: Symbols,
    lexeme_norm: FxHashMap<u64, String>,
    base_norms: FxHashMap<String, String>,
}

impl Lexicon {
    /// The lexicon from the text of the model's `lexemes.json` and its symbol table.
    ///
    /// # Errors
    /// [`NlpError::Format`] naming `lexemes.json` if it is not valid JSON with `lexeme_norm`
    /// (decimal string ids to norms) and `base_norms` (words to norms).
    pub fn from_json(lexemes_json: &str, symbols: Symbols) -> Result<Lexicon, NlpError> {
        let format = |message: String| NlpError::Format { file: "lexemes.json".to_string(), message };
        let data: LexemesJson = serde_json::from_str(lexemes_json).map_err(|e| format(e.to_string()))?;
        let mut lexeme_norm = FxHashMap::default();
        for (key, norm) in data.lexeme_norm {
            let id: u64 = key.parse().map_err(|_| format(format!("lexeme_norm key {key:?} is not a decimal id")))?;
            lexeme_norm.insert(id, norm);
        }
        Ok(Lexicon { symbols, lexeme_norm, base_norms: data.base_norms.into_iter().collect() })
    }

    /// The symbol table the ids are made with.
    #[must_use]
    pub fn symbols(&self) -> &Symbols {
        &self.symbols
    }

    /// The NORM of a word outside any special case (the lexeme's norm).
    ///
    /// ```no_run
    /// # fn main() -> Result<(), dossier_nlp::NlpError> {
    /// # let lexicon: dossier_nlp::lexeme::Lexicon = todo!();
    /// assert_eq!(lexicon.word_norm("Colour"), "color");
    /// assert_eq!(lexicon.word_norm("’"), "'");
    /// assert_eq!(lexicon.word_norm("Hello"), "hello");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn word_norm<'a>(&'a self, word: &str) -> Cow<'a, str> {
        if let Some(norm) = self.lexeme_norm.get(&self.symbols.id(word)) {
            return Cow::Borrowed(norm);
        }
        if let Some(norm) = self.base_norms.get(word) {
            return Cow::Borrowed(norm);
        }
        Cow::Owned(pyunicode::lower(word))
    }

    /// The NORM of a token of `text` (`token.norm_`): the special case's NORM if it set one,
    /// else [`Lexicon::word_norm`].
    #[must_use]
    pub fn norm<'a>(&'a self, text: &str, token: &Token<'a>) -> Cow<'a, str> {
        match token.norm {
            Some(norm) => Cow::Borrowed(norm),
            None => self.word_norm(token.text(text)),
        }
    }

    /// The ids of the word's NORM (without special case), PREFIX, SUFFIX, SHAPE and its IS_SPACE.
    fn word_features(&self, word: &str) -> [u64; 5] {
        [
            self.symbols.id(&self.word_norm(word)),
            self.symbols.id(prefix(word)),
            self.symbols.id(suffix(word)),
            self.symbols.id(&shape(word)),
            u64::from(pyunicode::str_is_space(word)),
        ]
    }

    /// Per token of `text`, the six ids `doc.to_array(["NORM", "PREFIX", "SUFFIX", "SHAPE",
    /// "SPACY", "IS_SPACE"])` gives (see [`FEATURE_NAMES`]).
    #[must_use]
    pub fn features(&self, text: &str, tokens: &[Token<'_>]) -> Vec<[u64; 6]> {
        let mut memo: FxHashMap<&str, [u64; 5]> = FxHashMap::default();
        tokens
            .iter()
            .map(|token| {
                let word = token.text(text);
                let f = *memo.entry(word).or_insert_with(|| self.word_features(word));
                let norm = match token.norm {
                    Some(norm) => self.symbols.id(norm),
                    None => f[0],
                };
                [norm, f[1], f[2], f[3], u64::from(token.space_after), f[4]]
            })
            .collect()
    }
}

/// PREFIX: the first character of `word` ("" for "").
#[must_use]
pub fn prefix(word: &str) -> &str {
    match word.chars().next() {
        Some(c) => &word[..c.len_utf8()],
        None => "",
    }
}

/// SUFFIX: the last three characters of `word` (all of it if shorter).
///
/// ```
/// assert_eq!(dossier_nlp::lexeme::suffix("naïve"), "ïve");
/// assert_eq!(dossier_nlp::lexeme::suffix("to"), "to");
/// ```
#[must_use]
pub fn suffix(word: &str) -> &str {
    let start = word.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
    &word[start..]
}

/// LOWER: Python's `word.lower()`.
#[must_use]
pub fn lower(word: &str) -> String {
    pyunicode::lower(word)
}

/// SHAPE: spaCy's `word_shape`.
///
/// ```
/// use dossier_nlp::lexeme::shape;
/// assert_eq!(shape("Apple"), "Xxxxx");
/// assert_eq!(shape("C3PO-2000"), "XdXX-dddd");
/// assert_eq!(shape("U.S."), "X.X.");
/// ```
#[must_use]
pub fn shape(word: &str) -> String {
    let mut n_chars = 0;
    for _ in word.chars() {
        n_chars += 1;
        if n_chars >= 100 {
            return "LONG".to_string();
        }
    }
    let mut out = String::with_capacity(word.len());
    let mut last: Option<char> = None;
    let mut run = 0;
    for c in word.chars() {
        let shape_char = if pyunicode::is_alpha(c) {
            if pyunicode::is_upper(c) {
                'X'
            } else {
                'x'
            }
        } else if pyunicode::is_digit(c) {
            'd'
        } else {
            c
        };
        if Some(shape_char) == last {
            run += 1;
        } else {
            run = 0;
            last = Some(shape_char);
        }
        if run < 4 {
            out.push(shape_char);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_follow_spacy() {
        assert_eq!(shape("Hello"), "Xxxxx");
        assert_eq!(shape("HELLO"), "XXXX");
        assert_eq!(shape("hellooooo"), "xxxx");
        assert_eq!(shape("1,000.5"), "d,ddd.d");
        assert_eq!(shape("²"), "d");
        assert_eq!(shape("ǅemal"), "xxxx");
        assert_eq!(shape("😀😀😀😀😀"), "😀😀😀😀");
        assert_eq!(shape(&"a".repeat(99)), "xxxx");
        assert_eq!(shape(&"a".repeat(100)), "LONG");
        assert_eq!(shape(""), "");
    }

    #[test]
    fn affixes_by_characters() {
        assert_eq!(prefix("été"), "é");
        assert_eq!(suffix("résumé"), "umé");
        assert_eq!(suffix("😀"), "😀");
    }

    fn model_lexicon() -> Lexicon {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../models/en_core_web_sm-3.8.0/");
        let model: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(format!("{dir}model.json")).unwrap()).unwrap();
        let symbols = Symbols::from_model_json(&model).unwrap();
        Lexicon::from_json(&std::fs::read_to_string(format!("{dir}lexemes.json")).unwrap(), symbols).unwrap()
    }

    /// Values from spaCy 3.8.18 with en_core_web_sm 3.8.0: `nlp.vocab[w].norm_` and
    /// `doc.to_array` ids.
    #[test]
    fn norms_follow_spacy() {
        let lexicon = model_lexicon();
        assert_eq!(lexicon.word_norm("Hello"), "hello");
        assert_eq!(lexicon.word_norm("’"), "'");
        assert_eq!(lexicon.word_norm("£"), "$");
        assert_eq!(lexicon.word_norm("ΟΔΥΣΣΕΥΣ"), "οδυσσευς");
        // A symbol: "X" has the fixed id 101 as a PREFIX.
        assert_eq!(lexicon.symbols().id(prefix("Xavier")), 101);
    }
}
