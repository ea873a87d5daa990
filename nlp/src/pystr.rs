//! Python's `str.lower()` and `str.isalpha()`, as spaCy sees them.
//!
//! spaCy's `LOWER` attribute is `text.lower()` and its rule lemmatizer tests candidate lemmas with
//! `str.isalpha()`. Both follow the Unicode database of CPython 3.11 (Unicode 14.0), which differs
//! from the one of Rust's standard library (newer characters have case mappings in Rust, and Rust's
//! `char::is_alphabetic` is the wider Unicode `Alphabetic` property, where Python asks for the
//! letter categories L*). The tables come from Python itself (`scripts/gen_pystr_tables.py`).

use std::borrow::Cow;

#[rustfmt::skip]
#[allow(clippy::unreadable_literal)]
mod tables {
    include!("pystr_tables.rs");
}

/// The Unicode version that [`py_lower`] and [`py_isalpha`] follow.
pub const PY_UNICODE_VERSION: &str = tables::UNICODE_VERSION;

const CAPITAL_SIGMA: char = '\u{3a3}';

fn lower_of(c: char) -> Option<&'static str> {
    tables::LOWER.binary_search_by(|(k, _)| k.cmp(&c)).ok().map(|i| tables::LOWER[i].1)
}

/// `text.lower()` as CPython 3.11 computes it: full case mappings (`"İ"` becomes `"i̇"`, two
/// characters) and the final-sigma rule for `Σ`. Borrows when nothing changes.
///
/// ```
/// use dossier_nlp::pystr::py_lower;
/// assert_eq!(py_lower("NATO's"), "nato's");
/// assert_eq!(py_lower("ΟΔΥΣΣΕΥΣ"), "οδυσσευς");
/// assert!(matches!(py_lower("already"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn py_lower(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        if text.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Owned(text.to_ascii_lowercase());
        }
        return Cow::Borrowed(text);
    }
    let changes = |c: char| c.is_ascii_uppercase() || (!c.is_ascii() && (c == CAPITAL_SIGMA || lower_of(c).is_some()));
    if !text.chars().any(changes) {
        return Cow::Borrowed(text);
    }
    // Whether a capital sigma is final depends on its neighbours (cased letters, case-ignorable
    // characters); the rule is the same in CPython and Rust, so Rust's decision is taken.
    let rust_lower: Vec<char> =
        if text.contains(CAPITAL_SIGMA) { text.to_lowercase().chars().collect() } else { Vec::new() };
    let mut at = 0;
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        if c == CAPITAL_SIGMA {
            out.push(rust_lower.get(at).copied().unwrap_or('\u{3c3}'));
            at += 1;
            continue;
        }
        if !rust_lower.is_empty() {
            at += c.to_lowercase().count();
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(low) = lower_of(c) {
            out.push_str(low);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Python's `str.isalpha()` for one character: its general category is Lu, Ll, Lt, Lm or Lo.
pub fn py_char_isalpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    let u = c as u32;
    tables::ALPHA
        .binary_search_by(|&(lo, hi)| {
            if hi < u {
                std::cmp::Ordering::Less
            } else if lo > u {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Python's `str.isalpha()`: non-empty and every character a letter (Lu, Ll, Lt, Lm, Lo).
///
/// ```
/// use dossier_nlp::pystr::py_isalpha;
/// assert!(py_isalpha("café"));
/// assert!(!py_isalpha("f-16"));
/// assert!(!py_isalpha(""));
/// assert!(!py_isalpha("नमस्ते")); // vowel signs are marks (Mc, Mn), not letters
/// ```
pub fn py_isalpha(text: &str) -> bool {
    !text.is_empty() && text.chars().all(py_char_isalpha)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_ascii_and_borrowing() {
        assert_eq!(py_lower("Hello WORLD"), "hello world");
        assert!(matches!(py_lower("hello"), Cow::Borrowed(_)));
        assert!(matches!(py_lower("café"), Cow::Borrowed(_)));
        assert_eq!(py_lower("CAFÉ"), "café");
    }

    #[test]
    fn lower_special_cases() {
        // Full mapping: U+0130 lowercases to i + combining dot above.
        assert_eq!(py_lower("İstanbul"), "i\u{307}stanbul");
        // U+1E9E capital sharp s -> ß; the Roman numeral Ⅰ -> ⅰ; ǅ (title case) -> ǆ.
        assert_eq!(py_lower("\u{1e9e}\u{2160}\u{1c5}"), "ß\u{2170}\u{1c6}");
        // Final sigma, at the end of a word only.
        assert_eq!(py_lower("ΑΣ ΑΣΑ Σ"), "ας ασα σ");
        // Characters that Rust's newer Unicode lowercases but Python 3.11 does not.
        assert_eq!(py_lower("\u{a7cb}\u{1c89}A"), "\u{a7cb}\u{1c89}a");
    }

    #[test]
    fn isalpha_is_letters_only() {
        assert!(py_isalpha("abc"));
        assert!(py_isalpha("ǆß"));
        assert!(!py_isalpha("\u{2170}")); // Nl: alphabetic in Rust, not in Python
        assert!(!py_isalpha("\u{24d0}")); // circled letter: So
        assert!(!py_isalpha("a'b"));
        assert!(!py_isalpha("a1"));
        assert!(py_isalpha("\u{4f60}\u{597d}"));
    }
}
