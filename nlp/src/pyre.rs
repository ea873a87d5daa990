//! Python `re` patterns, read into a small syntax tree and written back for `fancy-regex` and
//! `regex` with Python's meaning.
//!
//! spaCy compiles its prefix, suffix, infix and URL patterns with Python's `re` (`re.UNICODE`).
//! Written as they are for `fancy-regex`, a few constructs would mean something else: `\d`, `\w`
//! and `\s` would use Rust's Unicode version and definitions, `$` would not match before a final
//! newline, and `[` or `&&` inside a class would start a nested class or an intersection. So the
//! patterns are parsed here (the subset of Python syntax spaCy's patterns use; anything else is
//! refused) and emitted again with every class spelled out as code point ranges from Python's own
//! tables.
//!
//! The tree also gives what the tokenizer's fast paths need: the top-level alternatives, which
//! characters a match can start or end with, how far a match can reach, and a look-around-free
//! "filter" pattern that matches wherever the real one might (a superset), for the `regex`
//! crate's linear-time engines.

use std::fmt::Write as _;

use crate::pyunicode::re_class;

/// A set of code points as sorted, disjoint, non-adjacent inclusive ranges.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Ranges(pub(crate) Vec<(u32, u32)>);

const MAX_CP: u32 = 0x10_FFFF;

impl Ranges {
    fn from_unsorted(mut ranges: Vec<(u32, u32)>) -> Self {
        ranges.sort_unstable();
        let mut out: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
        for (lo, hi) in ranges {
            match out.last_mut() {
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => out.push((lo, hi)),
            }
        }
        Ranges(out)
    }

    fn complement(&self) -> Self {
        let mut out = Vec::with_capacity(self.0.len() + 1);
        let mut next = 0u32;
        for &(lo, hi) in &self.0 {
            if lo > next {
                out.push((next, lo - 1));
            }
            next = hi.saturating_add(1);
        }
        if next <= MAX_CP {
            out.push((next, MAX_CP));
        }
        Ranges(out)
    }

    fn union(&self, other: &Ranges) -> Ranges {
        let mut all = self.0.clone();
        all.extend_from_slice(&other.0);
        Ranges::from_unsorted(all)
    }

    /// Whether `c` is in the set.
    pub(crate) fn contains(&self, c: char) -> bool {
        let cp = c as u32;
        self.0
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
}

/// A node of a parsed Python pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// Matches the empty string.
    Empty,
    /// One character of a class (a literal is a one-character class).
    Class(Ranges),
    /// `^` or `\A`: the start of the string.
    Start,
    /// `$`: the end of the string, or before a newline that ends it.
    End,
    /// `\Z`: the end of the string.
    EndOfText,
    /// A look-around assertion.
    Look { behind: bool, negate: bool, node: Box<Node> },
    /// A sequence.
    Concat(Vec<Node>),
    /// An ordered alternation.
    Alt(Vec<Node>),
    /// A repetition, `max` None for no bound.
    Repeat { node: Box<Node>, min: u32, max: Option<u32>, greedy: bool },
}

/// Why a pattern could not be read.
pub(crate) type ParseError = String;

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

/// Parses a Python `re` pattern (as compiled with `re.UNICODE`, no other flags).
pub(crate) fn parse(pattern: &str) -> Result<Node, ParseError> {
    let mut parser = Parser { chars: pattern.chars().collect(), pos: 0 };
    let node = parser.alternation()?;
    if parser.pos < parser.chars.len() {
        return Err(format!("unbalanced ')' at {}", parser.pos));
    }
    Ok(node)
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn next(&mut self) -> Result<char, ParseError> {
        let c = self.peek().ok_or("unexpected end of pattern")?;
        self.pos += 1;
        Ok(c)
    }

    fn eat(&mut self, s: &str) -> bool {
        let n = s.chars().count();
        if self.chars.len() >= self.pos + n && self.chars[self.pos..self.pos + n].iter().copied().eq(s.chars()) {
            self.pos += n;
            true
        } else {
            false
        }
    }

    fn alternation(&mut self) -> Result<Node, ParseError> {
        let mut alternatives = vec![self.concatenation()?];
        while self.peek() == Some('|') {
            self.pos += 1;
            alternatives.push(self.concatenation()?);
        }
        Ok(if alternatives.len() == 1 { alternatives.pop().unwrap_or(Node::Empty) } else { Node::Alt(alternatives) })
    }

    fn concatenation(&mut self) -> Result<Node, ParseError> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let Some(atom) = self.atom()? else { continue };
            let atom = self.quantifiers(atom)?;
            items.push(atom);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    /// One atom, or None for something that matches nothing and takes no quantifier (a flag
    /// group or a comment).
    fn atom(&mut self) -> Result<Option<Node>, ParseError> {
        let c = self.next()?;
        Ok(Some(match c {
            '(' => return self.group(),
            '[' => Node::Class(self.class()?),
            '.' => Node::Class(Ranges(vec![(0, 9), (11, MAX_CP)])),
            '^' => Node::Start,
            '$' => Node::End,
            '\\' => self.escape()?,
            '*' | '+' | '?' => return Err(format!("nothing to repeat at {}", self.pos - 1)),
            _ => literal(c),
        }))
    }

    fn group(&mut self) -> Result<Option<Node>, ParseError> {
        let (look, behind, negate) = if self.eat("?:") {
            (false, false, false)
        } else if self.eat("?=") {
            (true, false, false)
        } else if self.eat("?!") {
            (true, false, true)
        } else if self.eat("?<=") {
            (true, true, false)
        } else if self.eat("?<!") {
            (true, true, true)
        } else if self.eat("?#") {
            while self.next()? != ')' {}
            return Ok(None);
        } else if self.eat("?P<") {
            while self.next()? != '>' {}
            (false, false, false)
        } else if self.peek() == Some('?') {
            // Flags: only `u` (Unicode, which str patterns have anyway) is accepted.
            self.pos += 1;
            let mut flags = String::new();
            while let Some(f) = self.peek() {
                if f == ')' || f == ':' {
                    break;
                }
                flags.push(f);
                self.pos += 1;
            }
            if flags.chars().any(|f| f != 'u') {
                return Err(format!("unsupported flags (?{flags})"));
            }
            if self.next()? == ')' {
                return Ok(None);
            }
            (false, false, false)
        } else {
            (false, false, false)
        };
        let inner = self.alternation()?;
        if self.next()? != ')' {
            return Err("missing ')'".to_string());
        }
        Ok(Some(if look { Node::Look { behind, negate, node: Box::new(inner) } } else { inner }))
    }

    fn quantifiers(&mut self, atom: Node) -> Result<Node, ParseError> {
        let (min, max) = match self.peek() {
            Some('*') => {
                self.pos += 1;
                (0, None)
            }
            Some('+') => {
                self.pos += 1;
                (1, None)
            }
            Some('?') => {
                self.pos += 1;
                (0, Some(1))
            }
            Some('{') => match self.braces() {
                Some(bounds) => bounds,
                None => return Ok(atom),
            },
            _ => return Ok(atom),
        };
        if matches!(atom, Node::Start | Node::End | Node::EndOfText | Node::Look { .. }) {
            return Err(format!("nothing to repeat at {}", self.pos));
        }
        let greedy = if self.peek() == Some('?') {
            self.pos += 1;
            false
        } else {
            true
        };
        if matches!(self.peek(), Some('*' | '+' | '?')) {
            return Err(format!("multiple repeat (or possessive) at {}", self.pos));
        }
        if let Some(max) = max {
            if max < min {
                return Err(format!("min repeat greater than max repeat at {}", self.pos));
            }
        }
        Ok(Node::Repeat { node: Box::new(atom), min, max, greedy })
    }

    /// `{m}`, `{m,}`, `{,n}` or `{m,n}`; None (and nothing consumed) when the brace is a literal.
    fn braces(&mut self) -> Option<(u32, Option<u32>)> {
        let here = self.pos;
        self.pos += 1;
        let digits = |p: &mut Parser| {
            let mut s = String::new();
            while let Some(d) = p.peek().filter(char::is_ascii_digit) {
                s.push(d);
                p.pos += 1;
            }
            s
        };
        if self.peek() == Some('}') {
            self.pos = here;
            return None;
        }
        let lo = digits(self);
        let hi = if self.peek() == Some(',') {
            self.pos += 1;
            Some(digits(self))
        } else {
            None
        };
        if self.peek() != Some('}') {
            self.pos = here;
            return None;
        }
        self.pos += 1;
        let min = if lo.is_empty() { 0 } else { lo.parse().ok()? };
        let max = match hi {
            None => Some(min),
            Some(h) if h.is_empty() => None,
            Some(h) => Some(h.parse().ok()?),
        };
        Some((min, max))
    }

    fn hex(&mut self, n: usize) -> Result<char, ParseError> {
        let mut value = 0u32;
        for _ in 0..n {
            let d = self.next()?.to_digit(16).ok_or("bad hex escape")?;
            value = value * 16 + d;
        }
        char::from_u32(value).ok_or_else(|| format!("escape of a non-character U+{value:X}"))
    }

    /// A character escape shared by classes and the rest; None for a class escape.
    fn char_escape(&mut self, c: char, in_class: bool) -> Result<Option<char>, ParseError> {
        Ok(Some(match c {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'f' => '\x0c',
            'v' => '\x0b',
            'a' => '\x07',
            'b' if in_class => '\x08',
            'x' => self.hex(2)?,
            'u' => self.hex(4)?,
            'U' => self.hex(8)?,
            '0' => {
                let mut value = 0u32;
                for _ in 0..2 {
                    match self.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            value = value * 8 + d;
                            self.pos += 1;
                        }
                        None => break,
                    }
                }
                char::from_u32(value).ok_or("bad octal escape")?
            }
            'd' | 'D' | 'w' | 'W' | 's' | 'S' => return Ok(None),
            c if c.is_ascii_alphanumeric() => return Err(format!("unsupported escape \\{c}")),
            c => c,
        }))
    }

    fn escape(&mut self) -> Result<Node, ParseError> {
        let c = self.next()?;
        match c {
            'A' => return Ok(Node::Start),
            'Z' => return Ok(Node::EndOfText),
            _ => {}
        }
        match self.char_escape(c, false)? {
            Some(ch) => Ok(literal(ch)),
            None => Ok(Node::Class(class_escape(c))),
        }
    }

    fn class(&mut self) -> Result<Ranges, ParseError> {
        let negate = if self.peek() == Some('^') {
            self.pos += 1;
            true
        } else {
            false
        };
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        let mut first = true;
        loop {
            let c = self.next().map_err(|_| "unterminated character class".to_string())?;
            if c == ']' && !first {
                break;
            }
            first = false;
            let lo = if c == '\\' {
                let e = self.next()?;
                match self.char_escape(e, true)? {
                    Some(ch) => ch,
                    None => {
                        ranges.extend_from_slice(&class_escape(e).0);
                        if self.peek() == Some('-') && self.peek_at(1).is_some_and(|n| n != ']') {
                            return Err("bad character range".to_string());
                        }
                        continue;
                    }
                }
            } else {
                c
            };
            if self.peek() == Some('-') && self.peek_at(1).is_some_and(|n| n != ']') {
                self.pos += 1;
                let h = self.next()?;
                let hi = if h == '\\' {
                    let e = self.next()?;
                    self.char_escape(e, true)?.ok_or("bad character range")?
                } else {
                    h
                };
                if (hi as u32) < (lo as u32) {
                    return Err(format!("bad character range {lo}-{hi}"));
                }
                ranges.push((lo as u32, hi as u32));
            } else {
                ranges.push((lo as u32, lo as u32));
            }
        }
        let set = Ranges::from_unsorted(ranges);
        Ok(if negate { set.complement() } else { set })
    }
}

fn literal(c: char) -> Node {
    Node::Class(Ranges(vec![(c as u32, c as u32)]))
}

fn class_escape(c: char) -> Ranges {
    let base = Ranges(re_class(c.to_ascii_lowercase()).to_vec());
    if c.is_ascii_uppercase() {
        base.complement()
    } else {
        base
    }
}

/// How `$` is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dollar {
    /// Python's meaning: the end, or before a final newline.
    Python,
    /// The end of the text only (right for texts that do not end with a newline).
    EndOfText,
}

fn push_cp(out: &mut String, cp: u32) {
    let _ = write!(out, "\\x{{{cp:X}}}");
}

fn emit_class(ranges: &Ranges, out: &mut String) {
    // Surrogates cannot occur in Rust strings, and regex refuses them in classes.
    let mut clipped: Vec<(u32, u32)> = Vec::with_capacity(ranges.0.len());
    for &(lo, hi) in &ranges.0 {
        if hi < 0xD800 || lo > 0xDFFF {
            clipped.push((lo, hi));
        } else {
            if lo < 0xD800 {
                clipped.push((lo, 0xD7FF));
            }
            if hi > 0xDFFF {
                clipped.push((0xE000, hi));
            }
        }
    }
    if clipped.is_empty() {
        out.push_str("[^\\x{0}-\\x{10FFFF}]");
        return;
    }
    if clipped.len() == 1 && clipped[0].0 == clipped[0].1 {
        let cp = clipped[0].0;
        match char::from_u32(cp) {
            Some(c) if c.is_ascii_alphanumeric() => out.push(c),
            _ => push_cp(out, cp),
        }
        return;
    }
    out.push('[');
    for (lo, hi) in clipped {
        push_cp(out, lo);
        if hi != lo {
            out.push('-');
            push_cp(out, hi);
        }
    }
    out.push(']');
}

/// Writes `node` for `fancy-regex` with Python's meaning.
pub(crate) fn emit_exact(node: &Node, dollar: Dollar, out: &mut String) {
    match node {
        Node::Empty => out.push_str("(?:)"),
        Node::Class(r) => emit_class(r, out),
        Node::Start => out.push_str("\\A"),
        Node::End => out.push_str(match dollar {
            Dollar::Python => "(?=\\n?\\z)",
            Dollar::EndOfText => "\\z",
        }),
        Node::EndOfText => out.push_str("\\z"),
        Node::Look { behind, negate, node } => {
            out.push_str(match (behind, negate) {
                (false, false) => "(?=",
                (false, true) => "(?!",
                (true, false) => "(?<=",
                (true, true) => "(?<!",
            });
            emit_exact(node, dollar, out);
            out.push(')');
        }
        Node::Concat(items) => {
            for item in items {
                let group = matches!(item, Node::Alt(_));
                if group {
                    out.push_str("(?:");
                }
                emit_exact(item, dollar, out);
                if group {
                    out.push(')');
                }
            }
        }
        Node::Alt(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                emit_exact(item, dollar, out);
            }
        }
        Node::Repeat { node, min, max, greedy } => {
            out.push_str("(?:");
            emit_exact(node, dollar, out);
            out.push(')');
            match max {
                Some(max) => {
                    let _ = write!(out, "{{{min},{max}}}");
                }
                None => {
                    let _ = write!(out, "{{{min},}}");
                }
            }
            if !greedy {
                out.push('?');
            }
        }
    }
}

/// Writes a look-around-free pattern for `regex` that matches somewhere in every text where
/// `alternative` (one top-level alternative) does: a positive look-behind that opens it and a
/// positive look-ahead that closes it become part of the match, other look-arounds are dropped.
/// `$` becomes an optional newline and the end of the text, which matches wherever Python's `$`
/// does.
pub(crate) fn emit_filter(alternative: &Node, out: &mut String) {
    match alternative {
        Node::Concat(items) => {
            let last = items.len().saturating_sub(1);
            for (i, item) in items.iter().enumerate() {
                match item {
                    Node::Look { behind, negate: false, node } if (*behind && i == 0) || (!*behind && i == last) => {
                        out.push_str("(?:");
                        emit_filter_inner(node, out);
                        out.push(')');
                    }
                    _ => {
                        out.push_str("(?:");
                        emit_filter_inner(item, out);
                        out.push(')');
                    }
                }
            }
        }
        other => emit_filter_inner(other, out),
    }
}

fn emit_filter_inner(node: &Node, out: &mut String) {
    match node {
        Node::Look { .. } => out.push_str("(?:)"),
        Node::End => out.push_str("\\n?\\z"),
        Node::Concat(items) => {
            for item in items {
                out.push_str("(?:");
                emit_filter_inner(item, out);
                out.push(')');
            }
        }
        Node::Alt(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                out.push_str("(?:");
                emit_filter_inner(item, out);
                out.push(')');
            }
        }
        Node::Repeat { node, min, max, greedy } => {
            out.push_str("(?:");
            emit_filter_inner(node, out);
            out.push(')');
            match max {
                Some(max) => {
                    let _ = write!(out, "{{{min},{max}}}");
                }
                None => {
                    let _ = write!(out, "{{{min},}}");
                }
            }
            if !greedy {
                out.push('?');
            }
        }
        other => emit_exact(other, Dollar::EndOfText, out),
    }
}

/// The top-level alternatives of a pattern.
pub(crate) fn alternatives(node: &Node) -> Vec<&Node> {
    match node {
        Node::Alt(items) => items.iter().collect(),
        other => vec![other],
    }
}

/// The most characters a match of `node` can span together with what its look-arounds inspect,
/// or None if unbounded.
pub(crate) fn extent(node: &Node) -> Option<usize> {
    match node {
        Node::Empty | Node::Start | Node::End | Node::EndOfText => Some(0),
        Node::Class(_) => Some(1),
        Node::Look { node, .. } => extent(node),
        Node::Concat(items) => items.iter().try_fold(0usize, |acc, item| Some(acc + extent(item)?)),
        Node::Alt(items) => items.iter().try_fold(0usize, |acc, item| Some(acc.max(extent(item)?))),
        Node::Repeat { node, max, .. } => Some(extent(node)? * (*max)? as usize),
    }
}

/// Whether `node` contains a node for which `pred` holds.
pub(crate) fn any_node(node: &Node, pred: &dyn Fn(&Node) -> bool) -> bool {
    if pred(node) {
        return true;
    }
    match node {
        Node::Look { node, .. } | Node::Repeat { node, .. } => any_node(node, pred),
        Node::Concat(items) | Node::Alt(items) => items.iter().any(|i| any_node(i, pred)),
        _ => false,
    }
}

/// Whether the alternative opens with `^` (so can only match at the start).
pub(crate) fn starts_anchored(alternative: &Node) -> bool {
    match alternative {
        Node::Start => true,
        Node::Concat(items) => items.first().is_some_and(starts_anchored),
        _ => false,
    }
}

/// Whether the alternative closes with `$` (so every match ends at the end of the text, or
/// before a final newline).
pub(crate) fn ends_anchored(alternative: &Node) -> bool {
    match alternative {
        Node::End => true,
        Node::Concat(items) => items.last().is_some_and(ends_anchored),
        _ => false,
    }
}

/// The characters the first (`from_end` false) or last consumed character of a match can be,
/// and whether a match can be empty. Look-arounds and anchors consume nothing.
pub(crate) fn edge_chars(node: &Node, from_end: bool) -> (Ranges, bool) {
    match node {
        Node::Empty | Node::Start | Node::End | Node::EndOfText | Node::Look { .. } => (Ranges::default(), true),
        Node::Class(r) => (r.clone(), false),
        Node::Concat(items) => {
            let mut set = Ranges::default();
            let ordered: Vec<&Node> = if from_end { items.iter().rev().collect() } else { items.iter().collect() };
            for item in ordered {
                let (s, nullable) = edge_chars(item, from_end);
                set = set.union(&s);
                if !nullable {
                    return (set, false);
                }
            }
            (set, true)
        }
        Node::Alt(items) => {
            let mut set = Ranges::default();
            let mut any_nullable = false;
            for item in items {
                let (s, nullable) = edge_chars(item, from_end);
                set = set.union(&s);
                any_nullable |= nullable;
            }
            (set, any_nullable)
        }
        Node::Repeat { node, min, .. } => {
            let (s, nullable) = edge_chars(node, from_end);
            (s, nullable || *min == 0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(p: &str) -> String {
        let mut out = String::new();
        emit_exact(&parse(p).unwrap(), Dollar::Python, &mut out);
        out
    }

    #[test]
    fn parses_classes_like_python() {
        // `[` inside a class is a literal in Python; `]` first is a literal; `-` at the edges too.
        assert_eq!(exact("[[a]"), "[\\x{5B}\\x{61}]");
        assert_eq!(exact("[]a]"), "[\\x{5D}\\x{61}]");
        assert_eq!(exact("[-a-]"), "[\\x{2D}\\x{61}]");
        assert_eq!(exact("[&&~~]"), "[\\x{26}\\x{7E}]");
        assert_eq!(exact("a$"), "a(?=\\n?\\z)");
        assert_eq!(exact("\\U0001F600"), "\\x{1F600}");
        assert_eq!(exact("(?u)^a{2,}"), "\\A(?:a){2,}");
        assert_eq!(exact("x{,3}y{}"), "(?:x){0,3}y\\x{7B}\\x{7D}");
    }

    #[test]
    fn refuses_what_it_does_not_know() {
        assert!(parse("(?i)a").is_err());
        assert!(parse("\\1").is_err());
        assert!(parse("\\bword").is_err());
        assert!(parse("a**").is_err());
        assert!(parse("(a").is_err());
    }

    #[test]
    fn filter_inlines_edge_lookarounds() {
        let node = parse("(?<=[0-9])[+](?=[0-9])").unwrap();
        let mut out = String::new();
        emit_filter(&node, &mut out);
        let re = regex::Regex::new(&out).unwrap();
        assert!(re.is_match("1+2"));
        assert!(!re.is_match("a+2"));
        let node = parse("^\\+(?![0-9])").unwrap();
        let mut out = String::new();
        emit_filter(&node, &mut out);
        assert!(regex::Regex::new(&out).unwrap().is_match("+1"));
    }

    #[test]
    fn extents_and_edges() {
        let node = parse("(?<=[0-9])(?:km|m)$").unwrap();
        assert_eq!(extent(&node), Some(3));
        let (last, nullable) = edge_chars(&node, true);
        assert!(!nullable);
        assert!(last.contains('m'));
        assert!(!last.contains('k'));
        assert_eq!(extent(&parse("\\.\\.+").unwrap()), None);
    }
}
