//! spaCy's rule tokenizer (`spacy/tokenizer.pyx`), with the same tokens on every input.
//!
//! The algorithm, as spaCy 3.8 runs it:
//!
//! 1. The text is cut into chunks at changes between space and non-space characters (Python's
//!    `str.isspace`). A single `' '` after a chunk is not a token: it is that token's trailing
//!    whitespace. Every other run of space characters (two spaces, a newline, a tab...) is a
//!    chunk, and so a token, of its own.
//! 2. A chunk that is a special case (`don't`, `U.S.`, `:)`...) becomes the special case's tokens.
//! 3. Otherwise prefixes and suffixes are split off its ends, one at a time from both ends,
//!    stopping early when what is left (or what is left without the prefix or suffix just found)
//!    is a special case.
//! 4. What remains is a special case, a URL (one token), or is cut at its infixes.
//! 5. A last pass finds special cases that step 2-4 could not see because they contain affixes
//!    (`a.m.` inside `(a.m.)`) and replaces their tokens, unless whitespace inside the match makes
//!    its text differ from the special case.
//!
//! Python `re` semantics are kept by translating the patterns (the private module `pyre`).

use std::collections::HashMap;

use serde::Deserialize;

use crate::affixes::{InfixFinder, PrefixSearch, SuffixSearch, UrlMatch};
use crate::fxhash::FxHashMap;
use crate::pyunicode::is_space;
use crate::NlpError;

/// One token: a span of the text, whether a single space follows it, and the NORM a special case
/// gave it.
///
/// Offsets are bytes into the tokenized text; the token's text is `&text[token.start..token.end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'t> {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// Whether one `' '` follows the token and belongs to it (spaCy's `whitespace_`, `SPACY`).
    pub space_after: bool,
    /// The NORM set by the special case that made the token, if it set one.
    pub norm: Option<&'t str>,
}

impl Token<'_> {
    /// The token's text in `text` (the text it was made from).
    #[must_use]
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// The character offsets (spaCy's `token.idx` and `token.idx + len(token)`) of tokens of `text`,
/// from their byte offsets, in one pass.
///
/// ```
/// use dossier_nlp::tokenizer::{char_spans, Token};
/// let text = "né à Zürich";
/// let tokens = [
///     Token { start: 0, end: 3, space_after: true, norm: None },
///     Token { start: 4, end: 6, space_after: true, norm: None },
///     Token { start: 7, end: 14, space_after: false, norm: None },
/// ];
/// assert_eq!(char_spans(text, &tokens), [(0, 2), (3, 4), (5, 11)]);
/// ```
#[must_use]
pub fn char_spans(text: &str, tokens: &[Token<'_>]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(tokens.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    let mut advance = |to: usize| {
        let to = to.min(text.len());
        if to > byte {
            chars += text.get(byte..to).map_or(0, |s| s.chars().count());
            byte = to;
        }
        chars
    };
    for t in tokens {
        let start = advance(t.start);
        let end = advance(t.end);
        out.push((start, end));
    }
    out
}

/// A piece of a chunk: byte span relative to the chunk, and a special case's norm.
#[derive(Debug, Clone, Copy)]
struct Piece<'t> {
    start: usize,
    end: usize,
    norm: Option<&'t str>,
}

/// One token of a special case: its text's byte length and its NORM.
#[derive(Debug, Clone)]
struct SpecialToken {
    len: usize,
    norm: Option<String>,
}

#[derive(Deserialize)]
struct SpecialTokenJson {
    orth: String,
    norm: Option<String>,
}

#[derive(Deserialize)]
struct TokenizerJson {
    prefix: Option<String>,
    suffix: Option<String>,
    infix: Option<String>,
    token_match: Option<String>,
    url_match: Option<String>,
    faster_heuristics: Option<bool>,
    special_cases: HashMap<String, Vec<SpecialTokenJson>>,
}

/// spaCy's tokenizer for one model, built from the model's `tokenizer.json`.
///
/// Read-only once built: share one across threads.
///
/// ```no_run
/// # fn main() -> Result<(), dossier_nlp::NlpError> {
/// let json = std::fs::read_to_string("models/en_core_web_sm-3.8.0/tokenizer.json").unwrap();
/// let tokenizer = dossier_nlp::tokenizer::Tokenizer::from_json(&json)?;
/// let text = "They don't live in the U.S. anymore.";
/// let words: Vec<&str> = tokenizer.tokenize(text).iter().map(|t| t.text(text)).collect();
/// assert_eq!(words, ["They", "do", "n't", "live", "in", "the", "U.S.", "anymore", "."]);
/// # Ok(())
/// # }
/// ```
pub struct Tokenizer {
    prefix: Option<PrefixSearch>,
    suffix: Option<SuffixSearch>,
    infix: Option<InfixFinder>,
    url: Option<UrlMatch>,
    specials: FxHashMap<String, Vec<SpecialToken>>,
    /// The longest special case, in bytes: longer strings need no look-up.
    max_special_len: usize,
    /// The final pass's patterns: each a special case's tokens without special cases, indexed
    /// by their first token's text.
    matcher: FxHashMap<String, Vec<Vec<String>>>,
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokenizer")
            .field("special_cases", &self.specials.len())
            .field("matcher_patterns", &self.matcher.values().map(Vec::len).sum::<usize>())
            .finish_non_exhaustive()
    }
}

fn format_error(message: String) -> NlpError {
    NlpError::Format { file: "tokenizer.json".to_string(), message }
}

impl Tokenizer {
    /// Builds the tokenizer from the text of the model's `tokenizer.json`.
    ///
    /// # Errors
    /// [`NlpError::Format`] naming `tokenizer.json` if it is not valid JSON of the expected
    /// shape, a pattern uses Python regex syntax this crate does not support, a special case's
    /// tokens do not spell the special case, or `token_match` is set (en_core_web_sm has none).
    pub fn from_json(json: &str) -> Result<Tokenizer, NlpError> {
        let data: TokenizerJson = serde_json::from_str(json).map_err(|e| format_error(e.to_string()))?;
        if data.token_match.is_some() {
            return Err(format_error("token_match is not supported".to_string()));
        }
        let prefix = data.prefix.as_deref().map(PrefixSearch::new).transpose().map_err(format_error)?;
        let suffix = data.suffix.as_deref().map(SuffixSearch::new).transpose().map_err(format_error)?;
        let infix = data.infix.as_deref().map(InfixFinder::new).transpose().map_err(format_error)?;
        let url = data.url_match.as_deref().map(UrlMatch::new).transpose().map_err(format_error)?;
        let mut specials = FxHashMap::default();
        let mut max_special_len = 0;
        for (string, tokens) in &data.special_cases {
            let spelled: String = tokens.iter().map(|t| t.orth.as_str()).collect();
            if spelled != *string || tokens.iter().any(|t| t.orth.is_empty()) {
                return Err(format_error(format!("special case {string:?} is spelled {spelled:?} by its tokens")));
            }
            let tokens = tokens
                .iter()
                .map(|t| SpecialToken { len: t.orth.len(), norm: t.norm.clone().filter(|n| !n.is_empty()) })
                .collect();
            max_special_len = max_special_len.max(string.len());
            specials.insert(string.clone(), tokens);
        }
        let mut tokenizer =
            Tokenizer { prefix, suffix, infix, url, specials, max_special_len, matcher: FxHashMap::default() };
        // spaCy adds a special case to its final matcher pass when faster_heuristics is off, or
        // when it has a prefix, an infix, a suffix or a space.
        let faster = data.faster_heuristics.unwrap_or(true);
        let mut keys: Vec<&String> = data.special_cases.keys().collect();
        keys.sort();
        let mut matcher: FxHashMap<String, Vec<Vec<String>>> = FxHashMap::default();
        let mut infixes = Vec::new();
        for key in keys {
            let needs_matcher = !faster
                || tokenizer.prefix_len(key) > 0
                || tokenizer.suffix_chars(key) > 0
                || {
                    tokenizer.find_infixes(key, &mut infixes);
                    !infixes.is_empty()
                }
                || key.contains(' ');
            if !needs_matcher {
                continue;
            }
            let pattern: Vec<String> =
                tokenizer.tokenize_affixes(key, false).iter().map(|t| key[t.start..t.end].to_string()).collect();
            if let Some(first) = pattern.first() {
                let entry = matcher.entry(first.clone()).or_default();
                if !entry.contains(&pattern) {
                    entry.push(pattern);
                }
            }
        }
        tokenizer.matcher = matcher;
        Ok(tokenizer)
    }

    /// The tokens of `text`, as spaCy's `nlp.tokenizer(text)` gives them.
    ///
    /// Never fails: any string, including the empty one, has a tokenization.
    #[must_use]
    pub fn tokenize<'t>(&'t self, text: &str) -> Vec<Token<'t>> {
        let mut tokens = self.tokenize_affixes(text, true);
        self.apply_special_matcher(text, &mut tokens);
        tokens
    }

    fn special(&self, s: &str) -> Option<&[SpecialToken]> {
        if s.len() > self.max_special_len {
            return None;
        }
        self.specials.get(s).map(Vec::as_slice)
    }

    fn prefix_len(&self, s: &str) -> usize {
        self.prefix.as_ref().map_or(0, |p| p.find(s))
    }

    fn suffix_chars(&self, s: &str) -> usize {
        self.suffix.as_ref().map_or(0, |p| p.find_chars(s))
    }

    fn find_infixes(&self, s: &str, out: &mut Vec<(usize, usize)>) {
        match &self.infix {
            Some(infix) => infix.find_all(s, out),
            None => out.clear(),
        }
    }

    /// Steps 1 to 4: whitespace, special cases, affixes, URLs and infixes
    /// (`Tokenizer._tokenize_affixes`).
    fn tokenize_affixes<'t>(&'t self, text: &str, with_specials: bool) -> Vec<Token<'t>> {
        let mut tokens: Vec<Token<'t>> = Vec::with_capacity(text.len() / 5 + 1);
        let Some(first) = text.chars().next() else {
            return tokens;
        };
        // The pieces of each distinct chunk, for chunks seen again in the same text.
        let mut cache: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
        let mut pieces: Vec<Piece<'t>> = Vec::new();
        let mut scratch = Scratch::default();
        let mut in_space = is_space(first);
        let mut start = 0;
        let mut push_chunk = |tokens: &mut Vec<Token<'t>>, chunk_start: usize, chunk_end: usize| {
            let chunk = &text[chunk_start..chunk_end];
            let (from, to) = match cache.get(chunk) {
                Some(&range) => range,
                None => {
                    let from = pieces.len();
                    self.tokenize_chunk(chunk, with_specials, &mut pieces, &mut scratch);
                    let range = (from, pieces.len());
                    cache.insert(chunk, range);
                    range
                }
            };
            tokens.extend(pieces[from..to].iter().map(|p| Token {
                start: chunk_start + p.start,
                end: chunk_start + p.end,
                space_after: false,
                norm: p.norm,
            }));
        };
        for (i, c) in text.char_indices() {
            if is_space(c) != in_space {
                if start < i {
                    push_chunk(&mut tokens, start, i);
                }
                if c == ' ' {
                    if let Some(last) = tokens.last_mut() {
                        last.space_after = true;
                    }
                    start = i + 1;
                } else {
                    start = i;
                }
                in_space = !in_space;
            }
        }
        if start < text.len() {
            push_chunk(&mut tokens, start, text.len());
        }
        tokens
    }

    /// The pieces of one chunk (`_try_specials_and_cache`, `_split_affixes`, `_attach_tokens`).
    fn tokenize_chunk<'t>(&'t self, chunk: &str, with_specials: bool, out: &mut Vec<Piece<'t>>, scratch: &mut Scratch) {
        if with_specials {
            if let Some(special) = self.special(chunk) {
                push_special(out, 0, special);
                return;
            }
        }
        // Split affixes off [lo, hi), remembering them as byte spans.
        scratch.prefixes.clear();
        scratch.suffixes.clear();
        let (mut lo, mut hi) = (0usize, chunk.len());
        let mut last_size = usize::MAX;
        while lo < hi && hi - lo != last_size {
            let s = &chunk[lo..hi];
            // (The whole chunk was looked up already.)
            if with_specials && s.len() != chunk.len() && self.special(s).is_some() {
                break;
            }
            last_size = hi - lo;
            let pre = self.prefix_len(s);
            if pre != 0 {
                let minus_pre = &s[pre..];
                if !minus_pre.is_empty() && with_specials && self.special(minus_pre).is_some() {
                    scratch.prefixes.push((lo, lo + pre));
                    lo += pre;
                    break;
                }
            }
            // Python slices the suffix off the whole string by the match's length in characters.
            let suf_chars = self.suffix_chars(&s[pre..]);
            let suf = if suf_chars == 0 {
                0
            } else {
                s.len() - s.char_indices().rev().nth(suf_chars - 1).map_or(0, |(i, _)| i)
            };
            if suf != 0 {
                let minus_suf = &s[..s.len() - suf];
                if !minus_suf.is_empty() && with_specials && self.special(minus_suf).is_some() {
                    scratch.suffixes.push((hi - suf, hi));
                    hi -= suf;
                    break;
                }
            }
            if pre != 0 && suf != 0 && pre + suf <= s.len() {
                scratch.prefixes.push((lo, lo + pre));
                scratch.suffixes.push((hi - suf, hi));
                lo += pre;
                hi -= suf;
            } else if pre != 0 {
                scratch.prefixes.push((lo, lo + pre));
                lo += pre;
            } else if suf != 0 {
                scratch.suffixes.push((hi - suf, hi));
                hi -= suf;
            }
        }
        // Attach: prefixes, the middle, suffixes in reverse.
        out.extend(scratch.prefixes.iter().map(|&(start, end)| Piece { start, end, norm: None }));
        if lo < hi {
            let s = &chunk[lo..hi];
            match with_specials.then(|| self.special(s)).flatten() {
                Some(special) => push_special(out, lo, special),
                None => {
                    if self.url.as_ref().is_some_and(|u| u.is_match(s)) {
                        out.push(Piece { start: lo, end: hi, norm: None });
                    } else {
                        self.split_infixes(s, lo, out, &mut scratch.infixes);
                    }
                }
            }
        }
        out.extend(scratch.suffixes.iter().rev().map(|&(start, end)| Piece { start, end, norm: None }));
    }

    fn split_infixes(&self, s: &str, offset: usize, out: &mut Vec<Piece<'_>>, infixes: &mut Vec<(usize, usize)>) {
        self.find_infixes(s, infixes);
        let mut start = 0;
        for &(infix_start, infix_end) in infixes.iter() {
            // spaCy skips an infix at the very start (it stays part of the first token).
            if infix_start == 0 {
                continue;
            }
            if infix_start != start {
                out.push(Piece { start: offset + start, end: offset + infix_start, norm: None });
            }
            if infix_start != infix_end {
                out.push(Piece { start: offset + infix_start, end: offset + infix_end, norm: None });
            }
            start = infix_end;
        }
        if start < s.len() {
            out.push(Piece { start: offset + start, end: offset + s.len(), norm: None });
        }
    }

    /// Step 5 (`_apply_special_cases`): special cases matched on token texts across affix splits.
    fn apply_special_matcher<'t>(&'t self, text: &str, tokens: &mut Vec<Token<'t>>) {
        if self.matcher.is_empty() {
            return;
        }
        let token_text = |t: &Token<'_>| &text[t.start..t.end];
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for i in 0..tokens.len() {
            let Some(patterns) = self.matcher.get(token_text(&tokens[i])) else {
                continue;
            };
            for pattern in patterns {
                let end = i + pattern.len();
                if end <= tokens.len() && pattern.iter().zip(&tokens[i..end]).all(|(p, t)| p.as_str() == token_text(t))
                {
                    spans.push((i, end));
                }
            }
        }
        if spans.is_empty() {
            return;
        }
        // Longest first, then leftmost; a span is kept unless its first or last token is
        // already covered by a span seen before it (kept or not).
        spans.sort_unstable_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
        spans.dedup();
        let mut seen = vec![false; tokens.len()];
        let mut kept: Vec<(usize, usize)> = Vec::new();
        for &(start, end) in &spans {
            if !seen[start] && !seen[end - 1] {
                kept.push((start, end));
            }
            for flag in &mut seen[start..end] {
                *flag = true;
            }
        }
        kept.sort_unstable();
        let mut out: Vec<Token<'t>> = Vec::with_capacity(tokens.len());
        let mut next_span = kept.iter().peekable();
        let mut i = 0;
        while i < tokens.len() {
            match next_span.peek() {
                Some(&&(start, end)) if start == i => {
                    next_span.next();
                    let span_text = &text[tokens[start].start..tokens[end - 1].end];
                    match self.specials.get(span_text) {
                        Some(special) if !special.is_empty() => {
                            let mut pos = tokens[start].start;
                            for t in special {
                                out.push(Token {
                                    start: pos,
                                    end: pos + t.len,
                                    space_after: false,
                                    norm: t.norm.as_deref(),
                                });
                                pos += t.len;
                            }
                            if let Some(last) = out.last_mut() {
                                last.space_after = tokens[end - 1].space_after;
                            }
                        }
                        _ => out.extend_from_slice(&tokens[start..end]),
                    }
                    i = end;
                }
                _ => {
                    out.push(tokens[i]);
                    i += 1;
                }
            }
        }
        *tokens = out;
    }
}

fn push_special<'t>(out: &mut Vec<Piece<'t>>, offset: usize, special: &'t [SpecialToken]) {
    let mut pos = offset;
    for t in special {
        out.push(Piece { start: pos, end: pos + t.len, norm: t.norm.as_deref() });
        pos += t.len;
    }
}

/// Buffers reused across the chunks of one call.
#[derive(Default)]
struct Scratch {
    prefixes: Vec<(usize, usize)>,
    suffixes: Vec<(usize, usize)>,
    infixes: Vec<(usize, usize)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model_tokenizer() -> Tokenizer {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../models/en_core_web_sm-3.8.0/tokenizer.json");
        let json = std::fs::read_to_string(path).unwrap();
        Tokenizer::from_json(&json).unwrap()
    }

    fn words(tokenizer: &Tokenizer, text: &str) -> Vec<String> {
        tokenizer.tokenize(text).iter().map(|t| t.text(text).to_string()).collect()
    }

    #[test]
    fn splits_like_spacy() {
        let tok = model_tokenizer();
        assert_eq!(
            words(&tok, "They don't live in the U.S. anymore."),
            ["They", "do", "n't", "live", "in", "the", "U.S.", "anymore", "."]
        );
        assert_eq!(words(&tok, "(a.m.)"), ["(", "a.m.", ")"]);
        assert_eq!(words(&tok, "  a  b "), ["  ", "a", " ", "b"]);
        assert!(tok.tokenize("").is_empty());
    }

    #[test]
    fn special_norms_are_kept() {
        let tok = model_tokenizer();
        let text = "'cause";
        let tokens = tok.tokenize(text);
        assert_eq!(tokens.len(), 1);
        assert_eq!(tokens[0].norm, Some("because"));
    }

    #[test]
    fn tokenizer_is_shareable() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Tokenizer>();
    }
}
