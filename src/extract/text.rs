//! Word-level view of a sentence: tokens with byte ranges, and the closed word classes the
//! rules look at (auxiliaries, negations, pronouns, prepositions).

use std::ops::Range;

/// A word or punctuation mark of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the document text.
    pub range: Range<usize>,
    /// Lower-cased text, with typographic apostrophes made straight.
    pub lower: String,
    pub is_word: bool,
    /// Starts with an upper-case letter.
    pub capitalized: bool,
}

/// Tokens of `text[range]`, with ranges in `text`. A possessive `'s` is its own token.
///
/// A token is an abbreviation of single letters with stops ("U.S.", "e.g."), a word or number
/// with inner hyphens, apostrophes and stops ("al-Qaeda", "don't", "3.5"), or any other single
/// non-space character. Written by hand rather than as a regex: it runs on every sentence and
/// is among the hottest loops of extraction.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let slice = &text[range.clone()];
    let mut tokens = Vec::with_capacity(slice.len() / 5 + 1);
    let mut position = 0;
    while position < slice.len() {
        let c = char_at(slice, position);
        if c.is_whitespace() {
            position += c.len_utf8();
            continue;
        }
        let length =
            abbreviation_length(slice, position).or_else(|| word_length(slice, position)).unwrap_or(c.len_utf8());
        let start = range.start + position;
        let word = &slice.as_bytes()[position..position + length];
        position += length;
        let is_word = c.is_alphanumeric();
        let mut push = |start: usize, end: usize| {
            let piece = &text[start..end];
            let capitalized = char_at(text, start).is_uppercase();
            tokens.push(Token { range: start..end, lower: lower_case(piece), is_word, capitalized });
        };
        // A possessive "'s" (or "’s") after a word is a token of its own.
        let stem = [b"'s".as_slice(), "’s".as_bytes()]
            .iter()
            .find(|suffix| word.len() > suffix.len() && word.ends_with(suffix))
            .map(|suffix| word.len() - suffix.len());
        match stem {
            Some(stem) if is_word => {
                push(start, start + stem);
                push(start + stem, start + word.len());
            }
            _ => push(start, start + word.len()),
        }
    }
    tokens
}

/// The lower-case words of the first `N` (or fewer) tokens, without allocating: a buffer and
/// how much of it is filled (`let (words, n) = lower_words::<4>(tokens); &words[..n]`).
pub fn lower_words<const N: usize>(tokens: &[Token]) -> ([&str; N], usize) {
    let mut words = [""; N];
    let n = tokens.len().min(N);
    for (word, token) in words.iter_mut().zip(tokens) {
        *word = token.lower.as_str();
    }
    (words, n)
}

/// Lower case with typographic apostrophes made straight.
fn lower_case(piece: &str) -> String {
    if piece.is_ascii() {
        piece.to_ascii_lowercase()
    } else {
        piece.to_lowercase().replace('’', "'")
    }
}

/// The character starting at byte `at` of `s` (a boundary, before the end); ASCII without
/// decoding, since almost all of a news text is.
#[inline]
fn char_at(s: &str, at: usize) -> char {
    match s.as_bytes()[at] {
        byte @ 0..=0x7f => char::from(byte),
        _ => s[at..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER),
    }
}

/// The character starting at byte `at` of `s`, if `at` is before the end.
#[inline]
fn char_from(s: &str, at: usize) -> Option<char> {
    (at < s.len()).then(|| char_at(s, at))
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphabetic() || c.is_numeric()
    }
}

/// Length of "U.S." or "e.g." at byte `from` of `s`: two or more single letters each followed
/// by a stop.
fn abbreviation_length(s: &str, from: usize) -> Option<usize> {
    let mut length = 0;
    let mut letters = 0;
    while let Some(letter) = char_from(s, from + length).filter(|c| c.is_alphabetic()) {
        if char_from(s, from + length + letter.len_utf8()) != Some('.') {
            break;
        }
        length += letter.len_utf8() + 1;
        letters += 1;
    }
    (letters >= 2).then_some(length)
}

/// Length of a word or number at byte `from` of `s`, with inner joiners ("al-Qaeda", "3.5").
fn word_length(s: &str, from: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let run = |mut at: usize| -> usize {
        while let Some(&byte) = bytes.get(at) {
            if byte.is_ascii_alphanumeric() {
                at += 1;
            } else if byte >= 0x80 && is_word_char(char_at(s, at)) {
                at += char_at(s, at).len_utf8();
            } else {
                break;
            }
        }
        at
    };
    let mut end = run(from);
    if end == from {
        return None;
    }
    while let Some(joiner @ ('-' | '\'' | '’' | '.')) = char_from(s, end) {
        match char_from(s, end + joiner.len_utf8()) {
            Some(next) if is_word_char(next) => end = run(end + joiner.len_utf8()),
            _ => break,
        }
    }
    Some(end - from)
}

/// The last `bytes` bytes of `text` or fewer, cut at a character boundary: the words just before
/// a position, without copying what lies further back.
pub fn tail(text: &str, bytes: usize) -> &str {
    let mut start = text.len().saturating_sub(bytes);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

/// Whether a lower-case token negates ("not", "n't", "never", "no").
pub fn is_negation(lower: &str) -> bool {
    matches!(lower, "not" | "never" | "no" | "neither" | "nor" | "cannot") || lower.ends_with("n't")
}

/// Words that may stand between a subject and its verb without ending the subject.
pub fn is_verb_helper(lower: &str) -> bool {
    matches!(
        lower,
        "will"
            | "would"
            | "shall"
            | "should"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "has"
            | "have"
            | "had"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "do"
            | "does"
            | "did"
            | "also"
            | "not"
            | "never"
            | "already"
            | "still"
            | "now"
            | "then"
            | "later"
            | "reportedly"
            | "previously"
            | "recently"
            | "earlier"
            | "again"
            | "just"
            | "soon"
            | "finally"
            | "officially"
            | "publicly"
            | "repeatedly"
            | "ultimately"
            | "to"
            | "plans"
            | "planned"
            | "plan"
            | "planning"
            | "intends"
            | "intend"
            | "intended"
            | "wants"
            | "wanted"
            | "seeks"
            | "sought"
            | "seeking"
            | "ready"
            | "going"
            | "set"
            | "expected"
            | "scheduled"
            | "due"
            | "able"
            | "trying"
            | "tried"
            | "continues"
            | "continued"
            | "further"
            | "both"
            | "jointly"
            | "together"
            | "quickly"
            | "formally"
            | "first"
    ) || lower.ends_with("n't")
        || lower.ends_with("ly") && lower.len() > 4
}

/// Words that mark the planned or hypothetical future of the next verb.
pub fn is_future_marker(lower: &str) -> bool {
    matches!(
        lower,
        "will"
            | "would"
            | "shall"
            | "'ll"
            | "plans"
            | "plan"
            | "planned"
            | "planning"
            | "intends"
            | "scheduled"
            | "to"
            | "going"
            | "upcoming"
            | "set"
            | "expected"
            | "due"
            | "ready"
    )
}

/// Personal pronouns that can stand for an actor, with whether they need a person.
pub fn pronoun(lower: &str) -> Option<PronounKind> {
    match lower {
        "he" | "she" | "him" | "her" | "his" => Some(PronounKind::Person),
        "it" | "its" => Some(PronounKind::Collective),
        "they" | "their" | "them" | "we" | "our" => Some(PronounKind::Plural),
        _ => None,
    }
}

/// What a pronoun can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PronounKind {
    Person,
    Collective,
    Plural,
}

/// Prepositions that introduce a location.
pub fn is_place_preposition(lower: &str) -> bool {
    matches!(lower, "in" | "into" | "at" | "inside" | "across" | "near" | "within" | "throughout")
}

/// Words that end a clause for the purpose of finding a verb's arguments.
pub fn ends_clause(lower: &str) -> bool {
    matches!(
        lower,
        ";" | ":"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "while"
            | "whereas"
            | "although"
            | "though"
            | "because"
            | "but"
            | "however"
            | "after"
            | "before"
            | "since"
            | "when"
            | "where"
            | "if"
            | "unless"
            | "as"
            | "—"
            | "–"
            | "("
            | ")"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_offsets_and_split_possessives() {
        let text = "xx The Taliban’s U.S.-backed foes wouldn't talk.";
        let tokens = tokenize(text, 3..text.len());
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.range.clone()]).collect();
        assert_eq!(words, ["The", "Taliban", "’s", "U.S.", "-", "backed", "foes", "wouldn't", "talk", "."]);
        assert_eq!(tokens[2].lower, "'s");
        assert!(is_negation(&tokens[7].lower));
    }

    #[test]
    fn lower_words_fill_a_buffer_up_to_its_size() {
        let text = "Russia Said THAT it";
        let tokens = tokenize(text, 0..text.len());
        let (words, n) = lower_words::<2>(&tokens);
        assert_eq!(&words[..n], ["russia", "said"]);
        let (words, n) = lower_words::<8>(&tokens);
        assert_eq!(&words[..n], ["russia", "said", "that", "it"]);
        assert_eq!(lower_words::<3>(&[]).1, 0);
    }

    /// The hand-written tokenizer splits as the regular expression it replaced does.
    #[test]
    fn tokenizer_matches_its_regex_definition() {
        let definition = regex::Regex::new(r"(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*|\S").unwrap();
        for text in [
            "Mr. Lavrov met U.S. envoys in Doha on Oct. 20, 2021, at 3.5 p.m.",
            "“We will not,” said al-Qaeda’s leader -- and e.g. the U.N.’s 2nd envoy...",
            "Erdoğan's Türkiye; Ṭālibān? A.B.C.D. x.y x. .x 1-2-3 - ' ’ ... -a a-",
            "",
            "   ",
        ] {
            let ours: Vec<String> =
                tokenize(text, 0..text.len()).iter().map(|t| text[t.range.clone()].to_string()).collect();
            let expected: Vec<String> = definition
                .find_iter(text)
                .flat_map(|m| {
                    let word = m.as_str();
                    match ["'s", "’s"].iter().find_map(|s| word.strip_suffix(s).filter(|w| !w.is_empty())) {
                        Some(stem) if word.chars().next().is_some_and(char::is_alphanumeric) => {
                            vec![stem.to_string(), word[stem.len()..].to_string()]
                        }
                        _ => vec![word.to_string()],
                    }
                })
                .collect();
            assert_eq!(ours, expected, "{text}");
        }
    }
}
