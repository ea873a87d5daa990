//! spaCy's four tokenizer patterns (prefix, suffix, infix, URL) as searches with Python `re`'s
//! results, fast on the common case and linear where Python's are not.
//!
//! Each search first asks cheap questions that can only rule a match out: can the text's first
//! (last, any) character begin (end, be part of) a match at all, and does a look-around-free
//! superset of the pattern match (the `regex` crate, linear time)? Only then does it run the real
//! pattern on `fancy-regex`, and then on as little text as gives the same answer:
//!
//! - prefixes: every alternative opens with `^`, so Python's answer is the first alternative, in
//!   order, that matches at 0. Alternatives that can only see a bounded number of characters are
//!   run on that many; the rest on the whole text.
//! - suffixes: every alternative closes with `$`, so every match ends at the end and Python's
//!   (leftmost) answer is the longest. Each group of alternatives is searched on its own (bounded
//!   ones on the text's tail only) and the earliest start wins. Texts ending in a newline, where
//!   Python's `$` can also match before that newline, take the whole pattern.

use fancy_regex::Regex as FancyRegex;
use regex::Regex;

use crate::pike::Program;
use crate::pyre::{self, Dollar, Node, Ranges};

/// A set of characters with a bitmap for ASCII.
#[derive(Debug, Clone)]
pub(crate) struct CharSet {
    ascii: u128,
    other: Ranges,
}

impl CharSet {
    fn new(ranges: &Ranges) -> Self {
        let mut ascii = 0u128;
        for &(lo, hi) in &ranges.0 {
            for cp in lo..=hi.min(127) {
                ascii |= 1u128 << cp;
            }
        }
        CharSet { ascii, other: ranges.clone() }
    }

    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii & (1u128 << (c as u32)) != 0
        } else {
            self.other.contains(c)
        }
    }
}

const BACKTRACK_LIMIT: usize = 100_000_000;

fn fancy(pattern: &str, what: &str) -> Result<FancyRegex, String> {
    fancy_regex::RegexBuilder::new(pattern)
        .backtrack_limit(BACKTRACK_LIMIT)
        .build()
        .map_err(|e| format!("{what}: fancy-regex refuses the translated pattern: {e}"))
}

fn plain(pattern: &str, what: &str) -> Result<Regex, String> {
    regex::RegexBuilder::new(pattern)
        .size_limit(1 << 28)
        .dfa_size_limit(1 << 28)
        .build()
        .map_err(|e| format!("{what}: regex refuses the translated pattern: {e}"))
}

fn has_look(node: &Node) -> bool {
    pyre::any_node(node, &|n| matches!(n, Node::Look { .. }))
}

fn has_end(node: &Node) -> bool {
    pyre::any_node(node, &|n| matches!(n, Node::End | Node::EndOfText))
}

fn has_start(node: &Node) -> bool {
    pyre::any_node(node, &|n| matches!(n, Node::Start))
}

fn join_exact(alternatives: &[&Node], dollar: Dollar) -> String {
    let mut out = String::new();
    for (i, alt) in alternatives.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        out.push_str("(?:");
        pyre::emit_exact(alt, dollar, &mut out);
        out.push(')');
    }
    out
}

fn join_filter(alternatives: &[&Node]) -> String {
    let mut out = String::new();
    for (i, alt) in alternatives.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        out.push_str("(?:");
        pyre::emit_filter(alt, &mut out);
        out.push(')');
    }
    out
}

/// The byte offset after the first `n` characters of `s` (or its length).
#[inline]
fn char_prefix_end(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}

/// The byte offset where the last `n` characters of `s` start (or 0).
#[inline]
fn char_suffix_start(s: &str, n: usize) -> usize {
    if n == 0 {
        return s.len();
    }
    s.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i)
}

enum PrefixGroup {
    /// Look-around-free alternatives: the `regex` crate on the whole text.
    Plain(Regex),
    /// Alternatives that see at most `chars` characters: run on that many.
    Window(FancyRegex, usize),
    /// The rest: the whole text.
    Full(FancyRegex),
}

/// Python's `prefix_search(text)` for a pattern of `^`-anchored alternatives.
pub(crate) struct PrefixSearch {
    first: Option<CharSet>,
    filter: Option<Regex>,
    groups: Vec<PrefixGroup>,
    /// The whole pattern, when not every alternative is anchored.
    whole: Option<FancyRegex>,
}

impl PrefixSearch {
    pub(crate) fn new(pattern: &str) -> Result<Self, String> {
        let node = pyre::parse(pattern).map_err(|e| format!("prefix pattern: {e}"))?;
        let alts = pyre::alternatives(&node);
        let (first, nullable) = pyre::edge_chars(&node, false);
        let first = (!nullable).then(|| CharSet::new(&first));
        if !alts.iter().all(|a| pyre::starts_anchored(a)) || alts.iter().any(|a| has_end(a)) {
            let mut exact = String::new();
            pyre::emit_exact(&node, Dollar::Python, &mut exact);
            return Ok(PrefixSearch { first, filter: None, groups: Vec::new(), whole: Some(fancy(&exact, "prefix")?) });
        }
        let filter = Some(plain(&join_filter(&alts), "prefix filter")?);
        // Consecutive alternatives of one kind share a group; groups run in order.
        let mut groups = Vec::new();
        let mut i = 0;
        while i < alts.len() {
            let kind = |a: &Node| -> u8 {
                if !has_look(a) {
                    0
                } else if pyre::extent(a).is_some() {
                    1
                } else {
                    2
                }
            };
            let k = kind(alts[i]);
            let mut j = i;
            while j < alts.len() && kind(alts[j]) == k {
                j += 1;
            }
            let run = &alts[i..j];
            let exact = join_exact(run, Dollar::EndOfText);
            groups.push(match k {
                0 => PrefixGroup::Plain(plain(&exact, "prefix")?),
                1 => {
                    let chars = run.iter().filter_map(|a| pyre::extent(a)).max().unwrap_or(0);
                    PrefixGroup::Window(fancy(&exact, "prefix")?, chars)
                }
                _ => PrefixGroup::Full(fancy(&exact, "prefix")?),
            });
            i = j;
        }
        Ok(PrefixSearch { first, filter, groups, whole: None })
    }

    /// The byte length of the prefix of `s`, 0 if none.
    pub(crate) fn find(&self, s: &str) -> usize {
        let Some(c) = s.chars().next() else {
            return 0;
        };
        if let Some(first) = &self.first {
            if !first.contains(c) {
                return 0;
            }
        }
        if let Some(whole) = &self.whole {
            return match whole.find(s) {
                Ok(Some(m)) => m.end() - m.start(),
                _ => 0,
            };
        }
        if let Some(filter) = &self.filter {
            if !filter.is_match(s) {
                return 0;
            }
        }
        for group in &self.groups {
            let found = match group {
                PrefixGroup::Plain(re) => re.find(s).map(|m| m.end()),
                PrefixGroup::Window(re, chars) => {
                    let window = &s[..char_prefix_end(s, *chars)];
                    re.find(window).ok().flatten().map(|m| m.end())
                }
                PrefixGroup::Full(re) => re.find(s).ok().flatten().map(|m| m.end()),
            };
            if let Some(end) = found {
                return end;
            }
        }
        0
    }
}

/// Python's `suffix_search(text)`.
pub(crate) struct SuffixSearch {
    last: Option<CharSet>,
    filter: Option<Regex>,
    plain: Option<Regex>,
    window: Option<(FancyRegex, usize)>,
    full: Option<FancyRegex>,
    /// The whole pattern with Python's `$`: for texts ending in a newline, or when not every
    /// alternative is anchored at the end.
    python: FancyRegex,
    split: bool,
}

impl SuffixSearch {
    pub(crate) fn new(pattern: &str) -> Result<Self, String> {
        let node = pyre::parse(pattern).map_err(|e| format!("suffix pattern: {e}"))?;
        let alts = pyre::alternatives(&node);
        let mut exact = String::new();
        pyre::emit_exact(&node, Dollar::Python, &mut exact);
        let python = fancy(&exact, "suffix")?;
        let (last, nullable) = pyre::edge_chars(&node, true);
        let last = (!nullable).then(|| CharSet::new(&last));
        let split = alts.iter().all(|a| pyre::ends_anchored(a));
        let filter = Some(plain(&join_filter(&alts), "suffix filter")?);
        if !split {
            return Ok(SuffixSearch { last, filter, plain: None, window: None, full: None, python, split });
        }
        let plain_alts: Vec<&Node> = alts.iter().copied().filter(|a| !has_look(a)).collect();
        let window_alts: Vec<&Node> =
            alts.iter().copied().filter(|a| has_look(a) && pyre::extent(a).is_some() && !has_start(a)).collect();
        let full_alts: Vec<&Node> =
            alts.iter().copied().filter(|a| has_look(a) && (pyre::extent(a).is_none() || has_start(a))).collect();
        let plain_re = if plain_alts.is_empty() {
            None
        } else {
            Some(plain(&join_exact(&plain_alts, Dollar::EndOfText), "suffix")?)
        };
        let window = if window_alts.is_empty() {
            None
        } else {
            let chars = window_alts.iter().filter_map(|a| pyre::extent(a)).max().unwrap_or(0);
            Some((fancy(&join_exact(&window_alts, Dollar::EndOfText), "suffix")?, chars))
        };
        let full = if full_alts.is_empty() {
            None
        } else {
            Some(fancy(&join_exact(&full_alts, Dollar::EndOfText), "suffix")?)
        };
        Ok(SuffixSearch { last, filter, plain: plain_re, window, full, python, split })
    }

    /// The length in characters of the suffix of `s` (`match.end() - match.start()`), 0 if none.
    pub(crate) fn find_chars(&self, s: &str) -> usize {
        let Some(c) = s.chars().next_back() else {
            return 0;
        };
        if let Some(last) = &self.last {
            // Python's `$` can also match before a final newline.
            let before_newline = if c == '\n' { s[..s.len() - 1].chars().next_back() } else { None };
            if !last.contains(c) && !before_newline.is_some_and(|b| last.contains(b)) {
                return 0;
            }
        }
        if let Some(filter) = &self.filter {
            if !filter.is_match(s) {
                return 0;
            }
        }
        if c == '\n' || !self.split {
            return match self.python.find(s) {
                Ok(Some(m)) => s[m.start()..m.end()].chars().count(),
                _ => 0,
            };
        }
        let mut start = usize::MAX;
        if let Some(re) = &self.plain {
            if let Some(m) = re.find(s) {
                start = start.min(m.start());
            }
        }
        if let Some((re, chars)) = &self.window {
            let from = char_suffix_start(s, *chars);
            if from < start {
                if let Ok(Some(m)) = re.find(&s[from..]) {
                    start = start.min(from + m.start());
                }
            }
        }
        if let Some(re) = &self.full {
            if let Ok(Some(m)) = re.find(s) {
                start = start.min(m.start());
            }
        }
        if start == usize::MAX {
            0
        } else {
            s[start..].chars().count()
        }
    }
}

/// Python's `infix_finditer(text)`.
pub(crate) struct InfixFinder {
    first: Option<CharSet>,
    filter: Regex,
    exact: FancyRegex,
}

impl InfixFinder {
    pub(crate) fn new(pattern: &str) -> Result<Self, String> {
        let node = pyre::parse(pattern).map_err(|e| format!("infix pattern: {e}"))?;
        let alts = pyre::alternatives(&node);
        let (first, nullable) = pyre::edge_chars(&node, false);
        let first = (!nullable).then(|| CharSet::new(&first));
        let filter = plain(&join_filter(&alts), "infix filter")?;
        let mut exact = String::new();
        pyre::emit_exact(&node, Dollar::Python, &mut exact);
        Ok(InfixFinder { first, filter, exact: fancy(&exact, "infix")? })
    }

    /// The byte spans of the infixes of `s`, in order, into `out` (cleared first).
    pub(crate) fn find_all(&self, s: &str, out: &mut Vec<(usize, usize)>) {
        out.clear();
        if let Some(first) = &self.first {
            if !s.chars().any(|c| first.contains(c)) {
                return;
            }
        }
        if !self.filter.is_match(s) {
            return;
        }
        for m in self.exact.find_iter(s) {
            match m {
                Ok(m) => out.push((m.start(), m.end())),
                Err(_) => break,
            }
        }
    }
}

/// Python's `url_match(text)` (a match at the start).
pub(crate) struct UrlMatch {
    filter: Regex,
    exact: FancyRegex,
    python: FancyRegex,
    /// For texts too long for fancy-regex's backtracking stack.
    linear: Program,
}

impl UrlMatch {
    pub(crate) fn new(pattern: &str) -> Result<Self, String> {
        let node = pyre::parse(pattern).map_err(|e| format!("url_match pattern: {e}"))?;
        let alts = pyre::alternatives(&node);
        let anchored = |alts: &[&Node], dollar: Dollar| format!("\\A(?:{})", join_exact(alts, dollar));
        let filter = plain(&format!("\\A(?:{})", join_filter(&alts)), "url_match filter")?;
        Ok(UrlMatch {
            filter,
            exact: fancy(&anchored(&alts, Dollar::EndOfText), "url_match")?,
            python: fancy(&anchored(&alts, Dollar::Python), "url_match")?,
            linear: Program::new(&node).map_err(|e| format!("url_match pattern: {e}"))?,
        })
    }

    /// Whether the pattern matches at the start of `s`.
    pub(crate) fn is_match(&self, s: &str) -> bool {
        if !self.filter.is_match(s) {
            return false;
        }
        let exact = if s.ends_with('\n') { &self.python } else { &self.exact };
        match exact.find(s) {
            Ok(found) => found.is_some(),
            Err(_) => self.linear.matches_at_start(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patterns() -> serde_json::Value {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../models/en_core_web_sm-3.8.0/tokenizer.json");
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    /// The linear URL matcher agrees with fancy-regex wherever fancy-regex answers, and answers
    /// where it overflows (Python's `re` matches all the long ones here).
    #[test]
    fn url_linear_fallback_agrees() {
        let u = UrlMatch::new(patterns()["url_match"].as_str().unwrap()).unwrap();
        let short = [
            "http://example.com",
            "https://www.bbc.co.uk/news?x=1#y",
            "example.com",
            "a.b",
            "10.0.0.1",
            "8.8.8.8",
            "http://127.0.0.1:8080/",
            "http://192.168.1.1",
            "172.16.0.1",
            "172.32.0.1",
            "1.2.3.4:80/x",
            "user:pw@host.org",
            "x@y.co",
            "müller.de",
            "例子.测试",
            "www",
            "http://",
            "a..b.com",
            "e.g.",
            "U.S.",
            "3.5bn",
            "1,000",
            "http://x.org/y.",
            "ftp://ftp.example.org/pub/file.tar.gz",
            "169.254.1.1",
            "10.1",
        ];
        for s in short {
            let fancy = matches!(u.exact.find(s), Ok(Some(_)));
            assert_eq!(u.linear.matches_at_start(s), fancy, "{s:?}");
        }
        let n = 1_000_000;
        for s in [
            format!("http://example.com/{}", "a/".repeat(n / 2)),
            format!("http://1.1.1.1/{}", "a".repeat(n)),
            format!("{}@1.1.1.1", "a".repeat(n)),
            format!("{}://1.1.1.1", "a".repeat(n)),
        ] {
            assert!(u.is_match(&s));
        }
        assert!(!u.is_match(&format!("http://10.1.1.1/{}", "a".repeat(n))));
    }
}
