//! String hashing as spaCy's `StringStore` does it.
//!
//! spaCy identifies every string by a 64-bit id: MurmurHash64A of its UTF-8 bytes with seed 1
//! (`spacy.strings.hash_string`), except the strings of its symbol table (attribute names, POS
//! tags, dependency labels, ...), which have small fixed ids, and the empty string, which is 0
//! (`StringStore.add`, `spacy.strings.get_string_id`). The neural networks hash these ids, so
//! they must be exact.

use crate::fxhash::FxHashMap;
use crate::NlpError;

/// spaCy's hash of a string: MurmurHash64A of its UTF-8 bytes, seed 1.
///
/// This is `spacy.strings.hash_string`; it does not know the symbol table (see [`Symbols::id`]).
///
/// ```
/// assert_eq!(dossier_nlp::strings::hash_string("apple"), 8566208034543834098);
/// ```
#[must_use]
pub fn hash_string(string: &str) -> u64 {
    murmurhash64a(string.as_bytes(), 1)
}

/// MurmurHash64A (Austin Appleby), the 64-bit hash of the `murmurhash` package spaCy uses,
/// reading 8-byte blocks little-endian as x86 does.
fn murmurhash64a(key: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let mut h = seed ^ (key.len() as u64).wrapping_mul(M);
    let mut blocks = key.chunks_exact(8);
    for block in &mut blocks {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(block);
        let mut k = u64::from_le_bytes(bytes);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        for (i, &byte) in tail.iter().enumerate() {
            h ^= u64::from(byte) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

/// spaCy's symbol table: strings with fixed ids (`spacy.symbols.IDS`), read from the model's
/// `model.json`.
#[derive(Debug, Clone, Default)]
pub struct Symbols {
    ids: FxHashMap<String, u64>,
    /// The longest symbol in bytes: longer strings are not looked up.
    max_len: usize,
}

impl Symbols {
    /// The symbol table from its entries (string, fixed id).
    pub fn new<I, S>(entries: I) -> Self
    where
        I: IntoIterator<Item = (S, u64)>,
        S: Into<String>,
    {
        let ids: FxHashMap<String, u64> = entries.into_iter().map(|(s, id)| (s.into(), id)).collect();
        let max_len = ids.keys().map(String::len).max().unwrap_or(0);
        Symbols { ids, max_len }
    }

    /// The symbol table from the `symbols` object of the model's `model.json` (string -> id).
    ///
    /// # Errors
    /// [`NlpError::Format`] naming `model.json` if `symbols` is missing or not an object of
    /// non-negative integers.
    pub fn from_model_json(model_json: &serde_json::Value) -> Result<Self, NlpError> {
        let format = |message: String| NlpError::Format { file: "model.json".to_string(), message };
        let table = model_json
            .get("symbols")
            .and_then(serde_json::Value::as_object)
            .ok_or_else(|| format("no `symbols` object".to_string()))?;
        let mut ids = FxHashMap::default();
        for (string, id) in table {
            let id = id.as_u64().ok_or_else(|| format(format!("symbol {string:?} has no integer id")))?;
            ids.insert(string.clone(), id);
        }
        let max_len = ids.keys().map(String::len).max().unwrap_or(0);
        Ok(Symbols { ids, max_len })
    }

    /// The number of symbols.
    #[must_use]
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the table is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The id spaCy's `StringStore.add` gives a string: 0 for "", the fixed id of a symbol,
    /// else [`hash_string`].
    ///
    /// ```
    /// use dossier_nlp::strings::{hash_string, Symbols};
    /// let symbols = Symbols::new([("X", 101u64)]);
    /// assert_eq!(symbols.id("X"), 101);
    /// assert_eq!(symbols.id("x"), hash_string("x"));
    /// assert_eq!(symbols.id(""), 0);
    /// ```
    #[must_use]
    pub fn id(&self, string: &str) -> u64 {
        if string.is_empty() {
            return 0;
        }
        if string.len() <= self.max_len {
            if let Some(&id) = self.ids.get(string) {
                return id;
            }
        }
        hash_string(string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values from `spacy.strings.hash_string` (spaCy 3.8.18).
    #[test]
    fn hashes_match_spacy() {
        let cases = [
            ("apple", 8566208034543834098u64),
            ("a", 11901859001352538922),
            ("The", 5059648917813135842),
            ("hello world", 2758594965276909933),
            ("naïve", 16224804062388677344),
            ("😀", 13900606239988879105),
            ("12345678", 9871996032675327904),
            ("123456789abcdefg", 14321189609418888884),
        ];
        for (string, expected) in cases {
            assert_eq!(hash_string(string), expected, "{string:?}");
        }
    }

    #[test]
    fn symbols_take_precedence() {
        let symbols = Symbols::new([("", 0u64), ("X", 101), ("det", 415)]);
        assert_eq!(symbols.id("X"), 101);
        assert_eq!(symbols.id("det"), 415);
        assert_eq!(symbols.id(""), 0);
        assert_eq!(symbols.id("apple"), 8566208034543834098);
    }
}
