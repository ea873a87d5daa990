//! The structural properties every [`Doc`] must have, whatever its text: shared by the property
//! tests, the long-input tests and the `nlp_process` fuzz target (which includes this file).
//!
//! [`check`] returns the first broken property instead of panicking, so that a caller can shrink
//! a failing input.

#![allow(dead_code)]

use dossier_nlp::{Doc, EntityIob};

/// Checks every structural property of `doc` (see the module documentation of
/// `tests/properties.rs`); the error names the first one broken.
pub fn check(doc: &Doc) -> Result<(), String> {
    check_tokens(doc)?;
    check_tree(doc)?;
    check_sentences(doc)?;
    check_entities(doc)?;
    check_exports(doc)
}

macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

/// Offsets: in order, not overlapping, on char boundaries, slicing the text to the token's text;
/// character offsets that count the characters before; nothing but one flagged space between
/// tokens; lemmas not empty.
fn check_tokens(doc: &Doc) -> Result<(), String> {
    let text = doc.text();
    let mut byte = 0;
    let mut chars = 0;
    for t in doc.tokens() {
        let r = t.byte_range();
        ensure!(r.start == byte, "token {} starts at byte {} where {} was expected", t.i(), r.start, byte);
        ensure!(r.start < r.end, "token {} is empty ({r:?})", t.i());
        ensure!(r.end <= text.len(), "token {} ends at {} past the text ({})", t.i(), r.end, text.len());
        ensure!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "token {} ({r:?}) is not on char boundaries",
            t.i()
        );
        ensure!(&text[r.clone()] == t.text(), "token {} text differs from its slice", t.i());
        let n_chars = t.text().chars().count();
        ensure!(
            t.char_range() == (chars, chars + n_chars),
            "token {}: char range {:?}, expected {:?}",
            t.i(),
            t.char_range(),
            (chars, chars + n_chars)
        );
        byte = r.end;
        chars += n_chars;
        if t.whitespace() == " " {
            ensure!(text[byte..].starts_with(' '), "token {} is flagged with a space that is not there", t.i());
            byte += 1;
            chars += 1;
        } else {
            ensure!(t.whitespace().is_empty(), "token {} has whitespace {:?}", t.i(), t.whitespace());
        }
        ensure!(!t.lemma().is_empty(), "token {} ({:?}) has an empty lemma", t.i(), t.text());
        ensure!(
            t.is_space() == t.text().chars().all(dossier_nlp::pyunicode::is_space),
            "token {} ({:?}): is_space is {}",
            t.i(),
            t.text(),
            t.is_space()
        );
    }
    ensure!(byte == text.len(), "the tokens cover {byte} bytes of {}", text.len());
    ensure!(doc.len() == doc.tokens().len(), "len and tokens() disagree");
    Ok(())
}

/// One head each, inside the document; following heads always ends at a root, without a cycle;
/// children are exactly the tokens whose head it is, in order.
fn check_tree(doc: &Doc) -> Result<(), String> {
    let n = doc.len();
    let heads: Vec<usize> = doc.tokens().map(|t| t.head().i()).collect();
    for (i, &h) in heads.iter().enumerate() {
        ensure!(h < n, "token {i} has head {h} outside the document of {n}");
    }
    // 0: not yet seen, 1: on the current path, 2: known to reach a root.
    let mut state = vec![0u8; n];
    let mut path = Vec::new();
    for start in 0..n {
        let mut i = start;
        while state[i] == 0 {
            state[i] = 1;
            path.push(i);
            if heads[i] == i {
                break;
            }
            i = heads[i];
        }
        ensure!(state[i] != 1 || heads[i] == i, "a cycle of heads through token {i}");
        for &p in &path {
            state[p] = 2;
        }
        path.clear();
    }
    let mut expected: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, &h) in heads.iter().enumerate() {
        if h != i {
            expected[h].push(i);
        }
    }
    for t in doc.tokens() {
        let children: Vec<usize> = t.children().map(|c| c.i()).collect();
        ensure!(children == expected[t.i()], "token {}: children {children:?}, expected {:?}", t.i(), expected[t.i()]);
        let lefts: Vec<usize> = t.lefts().map(|c| c.i()).collect();
        let rights: Vec<usize> = t.rights().map(|c| c.i()).collect();
        ensure!(
            lefts.iter().chain(&rights).eq(&children) && lefts.iter().all(|&c| c < t.i()),
            "token {}: lefts {lefts:?} and rights {rights:?} of children {children:?}",
            t.i()
        );
    }
    Ok(())
}

/// Sentences tile the document, each with exactly one root, and no head leaves its sentence;
/// `is_sent_start` marks their first tokens.
fn check_sentences(doc: &Doc) -> Result<(), String> {
    let mut next = 0;
    let mut starts = vec![false; doc.len()];
    for s in doc.sentences() {
        let r = s.token_range();
        ensure!(r.start == next && r.start < r.end, "sentence {r:?} does not follow token {next}");
        starts[r.start] = true;
        let roots: Vec<usize> = s.tokens().filter(|t| t.head().i() == t.i()).map(|t| t.i()).collect();
        ensure!(roots.len() == 1, "sentence {r:?} has roots {roots:?}");
        ensure!(s.root().i() == roots[0], "sentence {r:?}: root() is not its root");
        for t in s.tokens() {
            ensure!(r.contains(&t.head().i()), "token {} of sentence {r:?} has head {}", t.i(), t.head().i());
        }
        let bytes = s.byte_range();
        ensure!(s.text() == &doc.text()[bytes], "sentence {r:?}: text differs from its byte range");
        next = r.end;
    }
    ensure!(next == doc.len(), "the sentences end at token {next} of {}", doc.len());
    for t in doc.tokens() {
        ensure!(t.is_sent_start() == starts[t.i()], "token {}: is_sent_start is {}", t.i(), t.is_sent_start());
    }
    Ok(())
}

/// Entities: ordered, not empty, not overlapping, each inside one sentence, never starting on
/// whitespace; the tokens' IOB tags and labels agree with them.
fn check_entities(doc: &Doc) -> Result<(), String> {
    let mut sentence_of = vec![0; doc.len()];
    for (k, s) in doc.sentences().enumerate() {
        for i in s.token_range() {
            sentence_of[i] = k;
        }
    }
    let mut iob = vec![(EntityIob::Outside, None); doc.len()];
    let mut end = 0;
    for e in doc.entities() {
        let r = e.token_range();
        ensure!(r.start >= end && r.start < r.end && r.end <= doc.len(), "entity {r:?} after token {end}");
        ensure!(sentence_of[r.start] == sentence_of[r.end - 1], "entity {r:?} crosses a sentence boundary");
        ensure!(!doc.token(r.start).is_space(), "entity {r:?} starts on whitespace");
        ensure!(!e.label().is_empty(), "entity {r:?} has no label");
        let first = doc.token(r.start);
        let last = doc.token(r.end - 1);
        ensure!(e.char_range() == (first.char_range().0, last.char_range().1), "entity {r:?}: char range");
        ensure!(e.text() == &doc.text()[e.byte_range()], "entity {r:?}: text");
        for i in r.clone() {
            iob[i] = (if i == r.start { EntityIob::Begin } else { EntityIob::Inside }, Some(e.label()));
        }
        end = r.end;
    }
    for t in doc.tokens() {
        ensure!((t.ent_iob(), t.ent_label()) == iob[t.i()], "token {}: entity tag", t.i());
    }
    Ok(())
}

/// CoNLL-U: ten tab-separated columns per token line, one line per token, consistent heads;
/// JSON: serialises and parses back to the same value.
fn check_exports(doc: &Doc) -> Result<(), String> {
    let conllu = doc.to_conllu("doc");
    let mut token_lines = 0;
    let mut in_sentence = 0;
    for line in conllu.split('\n') {
        if line.is_empty() {
            in_sentence = 0;
            continue;
        }
        if line.starts_with('#') {
            ensure!(in_sentence == 0, "a comment line inside a sentence: {line:?}");
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        ensure!(columns.len() == 10, "a CoNLL-U line of {} columns: {line:?}", columns.len());
        ensure!(columns.iter().all(|c| !c.is_empty()), "an empty CoNLL-U column: {line:?}");
        in_sentence += 1;
        ensure!(columns[0] == in_sentence.to_string(), "CoNLL-U id {} where {in_sentence} was expected", columns[0]);
        ensure!(columns[6].parse::<usize>().is_ok(), "CoNLL-U head {:?}", columns[6]);
        token_lines += 1;
    }
    ensure!(token_lines == doc.len(), "{token_lines} CoNLL-U token lines for {} tokens", doc.len());
    let json = doc.to_json();
    let text = serde_json::to_string(&json).map_err(|e| format!("to_json does not serialise: {e}"))?;
    if doc.len() <= 10_000 {
        let back: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("to_json does not parse: {e}"))?;
        ensure!(back == json, "to_json does not survive a round trip");
    } else {
        // Without a second tree of values in memory.
        serde_json::from_str::<serde::de::IgnoredAny>(&text).map_err(|e| format!("to_json does not parse: {e}"))?;
    }
    ensure!(json["tokens"].as_array().map(Vec::len) == Some(doc.len()), "to_json has not one token per token");
    Ok(())
}
