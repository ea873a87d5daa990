//! Word-level view of a sentence: tokens with byte ranges, and the closed word classes the
//! rules look at (auxiliaries, negations, pronouns, prepositions).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

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

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*|\S").expect("valid token pattern")
});

/// Tokens of `text[range]`, with ranges in `text`. A possessive `'s` is its own token.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let slice = &text[range.clone()];
    let mut tokens = Vec::new();
    for found in TOKEN.find_iter(slice) {
        let start = range.start + found.start();
        let word = found.as_str();
        let is_word = word.chars().next().is_some_and(char::is_alphanumeric);
        let possessive = ["'s", "’s"]
            .iter()
            .find_map(|s| word.strip_suffix(s).filter(|stem| !stem.is_empty()).map(|stem| stem.len()));
        let mut push = |start: usize, end: usize| {
            let piece = &text[start..end];
            tokens.push(Token {
                range: start..end,
                lower: piece.to_lowercase().replace('’', "'"),
                is_word,
                capitalized: piece.chars().next().is_some_and(char::is_uppercase),
            });
        };
        match possessive {
            Some(stem) if is_word => {
                push(start, start + stem);
                push(start + stem, start + word.len());
            }
            _ => push(start, start + word.len()),
        }
    }
    tokens
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
}
