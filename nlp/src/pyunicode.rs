//! Python 3.11's Unicode string predicates and `str.lower()`, which spaCy's tokenizer and lexical
//! attributes use.
//!
//! They differ from Rust's `char` methods: Python's `isspace` counts U+001C..U+001F as space and
//! not U+200B; `isalpha` is the letter categories only; `isdigit` includes superscripts; and the
//! Unicode version is 14.0. The tables come from Python itself (`scripts/gen_unicode_tables.py`).

use crate::unicode_tables as tables;
use std::borrow::Cow;

/// The Unicode version of Python's tables these predicates follow (Python 3.11).
pub const UNICODE_VERSION: &str = tables::UNICODE_VERSION;

fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let cp = c as u32;
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Python's `c.isspace()`.
#[inline]
#[must_use]
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '\t'..='\r' | '\x1c'..='\x1f' | ' ');
    }
    in_ranges(tables::IS_SPACE, c)
}

/// Python's `c.isalpha()`.
#[inline]
#[must_use]
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_ranges(tables::IS_ALPHA, c)
}

/// Python's `c.isupper()` for one character.
#[inline]
#[must_use]
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    in_ranges(tables::IS_UPPER, c)
}

/// Python's `c.isdigit()`.
#[inline]
#[must_use]
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_ranges(tables::IS_DIGIT, c)
}

/// Python's `str.isspace()` of a whole string: not empty, and every character a space.
#[must_use]
pub fn str_is_space(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_space)
}

/// The code point ranges of Python `re`'s `\s`, `\d` and `\w` (Unicode patterns).
pub(crate) fn re_class(name: char) -> &'static [(u32, u32)] {
    match name {
        's' => tables::IS_SPACE,
        'd' => tables::IS_DECIMAL,
        _ => tables::IS_WORD,
    }
}

fn lower_char(c: char, out: &mut String) {
    let cp = c as u32;
    match tables::LOWER_SINGLE.binary_search_by_key(&cp, |&(from, _)| from) {
        Ok(i) => match char::from_u32(tables::LOWER_SINGLE[i].1) {
            Some(lower) => out.push(lower),
            None => out.push(c),
        },
        Err(_) => match tables::LOWER_MULTI.iter().find(|&&(from, _)| from == cp) {
            Some(&(_, lower)) => out.push_str(lower),
            None => out.push(c),
        },
    }
}

/// Whether the capital sigma at `chars[i]` lower-cases to the final form `ς`, by Python's rule:
/// a cased letter before it and none after it, skipping case-ignorable characters.
fn is_final_sigma(chars: &[char], i: usize) -> bool {
    let before = chars[..i].iter().rev().find(|&&c| !in_ranges(tables::SIGMA_IGNORABLE, c));
    let cased_before = before.is_some_and(|&c| in_ranges(tables::SIGMA_CASED, c));
    if !cased_before {
        return false;
    }
    let after = chars[i + 1..].iter().find(|&&c| !in_ranges(tables::SIGMA_IGNORABLE, c));
    !after.is_some_and(|&c| in_ranges(tables::SIGMA_CASED, c))
}

/// Python's `s.lower()`: full lower-case mappings (`İ` gives two characters) and the final-sigma
/// rule (`ΟΔΥΣΣΕΥΣ` gives `οδυσσευς`).
///
/// ```
/// use dossier_nlp::pyunicode::lower;
/// assert_eq!(lower("Hello WORLD"), "hello world");
/// assert_eq!(lower("ΟΔΥΣΣΕΥΣ"), "οδυσσευς");
/// assert_eq!(lower("İ"), "i\u{307}");
/// ```
#[must_use]
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    if s.contains('\u{3a3}') {
        let chars: Vec<char> = s.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c == '\u{3a3}' {
                out.push(if is_final_sigma(&chars, i) { '\u{3c2}' } else { '\u{3c3}' });
            } else {
                lower_char(c, &mut out);
            }
        }
    } else {
        for c in s.chars() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                lower_char(c, &mut out);
            }
        }
    }
    out
}

/// Python's `s.lower()`, borrowing `s` when it is already lower case.
///
/// ```
/// use dossier_nlp::pyunicode::lower_cow;
/// assert_eq!(lower_cow("NATO's"), "nato's");
/// assert!(matches!(lower_cow("already"), std::borrow::Cow::Borrowed(_)));
/// ```
#[must_use]
pub fn lower_cow(s: &str) -> Cow<'_, str> {
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_uppercase()) {
        return Cow::Borrowed(s);
    }
    let lowered = lower(s);
    if lowered == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(lowered)
    }
}

/// Python's `s.isalpha()`: not empty, and every character a letter (Lu, Ll, Lt, Lm, Lo).
///
/// ```
/// use dossier_nlp::pyunicode::str_is_alpha;
/// assert!(str_is_alpha("café"));
/// assert!(!str_is_alpha("f-16"));
/// assert!(!str_is_alpha("नमस्ते")); // vowel signs are marks, not letters
/// ```
#[must_use]
pub fn str_is_alpha(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_alpha)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predicates_follow_python() {
        // Python: '\x1c'.isspace() is True, '\u200b'.isspace() is False, '\x85' and '\xa0' are space.
        assert!(is_space('\x1c'));
        assert!(is_space('\u{85}'));
        assert!(is_space('\u{a0}'));
        assert!(is_space('\u{2028}'));
        assert!(!is_space('\u{200b}'));
        assert!(!is_space('\u{feff}'));
        // '²'.isdigit() is True, '½'.isdigit() is False, 'ª'.isalpha() is True.
        assert!(is_digit('²'));
        assert!(!is_digit('½'));
        assert!(is_alpha('ª'));
        assert!(!is_alpha('\u{301}'));
        // 'ǅ'.isupper() is False (title case), 'Ⅻ'.isupper() is True but not alpha.
        assert!(!is_upper('ǅ'));
        assert!(is_upper('Ⅻ'));
        assert!(!is_alpha('Ⅻ'));
    }

    #[test]
    fn lower_follows_python() {
        assert_eq!(lower("ÀÉÎ"), "àéî");
        assert_eq!(lower("ẞ"), "ß");
        assert_eq!(lower("Σ"), "σ");
        assert_eq!(lower("ΑΣ"), "ας");
        assert_eq!(lower("ΑΣ."), "ας.");
        assert_eq!(lower("ΑΣΑ"), "ασα");
        assert_eq!(lower("ǅ"), "ǆ");
    }
}
