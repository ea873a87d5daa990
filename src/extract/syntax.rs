//! The dependency parse of a document, as the extraction rules read it: per-token attributes,
//! what of the text is article body, subjects and objects of a word, coordination, negation.
//!
//! Token indexes are those of the [`dossier_nlp::Doc`]; byte ranges are ranges of the
//! document text (the parse was made from it).

use std::ops::Range;

use dossier_nlp::{Doc, Pos};

use crate::corpus::{Document, SentenceKind};
use crate::lexicon::{WordClass, WordLists};

/// One document's parse, indexed for the rules.
pub(crate) struct Parse<'a> {
    pub(crate) doc: &'a Doc,
    pub(crate) text: &'a str,
    /// The word lists the rules read the parse with.
    words: &'a WordLists,
    lower: Vec<String>,
    lemma: Vec<String>,
    /// Where each token stands: `None` outside the article (boilerplate), else the kind of the
    /// corpus sentence it lies in.
    scope: Vec<Option<SentenceKind>>,
    /// The parser's sentence of each token, and each sentence's token range.
    sentence_of: Vec<u32>,
    sentences: Vec<Range<usize>>,
    /// The named entities (tokens, label), and the one each token belongs to.
    entities: Vec<(Range<usize>, &'a str)>,
    entity_of: Vec<Option<u32>>,
}

/// Dependency labels of a clause's subject.
const SUBJECTS: [&str; 3] = ["nsubj", "nsubjpass", "csubj"];

impl<'a> Parse<'a> {
    /// Indexes `doc`, the parse of `document.text`, to be read with `words`.
    pub(crate) fn new(document: &'a Document, doc: &'a Doc, words: &'a WordLists) -> Parse<'a> {
        let n = doc.len();
        let mut lower = Vec::with_capacity(n);
        let mut lemma = Vec::with_capacity(n);
        for t in doc.tokens() {
            lower.push(t.text().to_lowercase());
            lemma.push(t.lemma().to_lowercase());
        }
        // Corpus sentences (body, title, headlines) are sorted, disjoint byte ranges.
        let mut scope = vec![None; n];
        let mut s = 0;
        for (i, t) in doc.tokens().enumerate() {
            let range = t.byte_range();
            while s < document.sentences.len() && document.sentences[s].range.end <= range.start {
                s += 1;
            }
            if let Some(sentence) = document.sentences.get(s) {
                if sentence.range.start <= range.start && range.end <= sentence.range.end {
                    scope[i] = Some(sentence.kind);
                }
            }
        }
        let mut sentence_of = vec![0u32; n];
        let mut sentences = Vec::new();
        for (k, sentence) in doc.sentences().enumerate() {
            let r = sentence.token_range();
            for i in r.clone() {
                sentence_of[i] = k as u32;
            }
            sentences.push(r);
        }
        let entities: Vec<(Range<usize>, &str)> = doc.entities().map(|e| (e.token_range(), e.label())).collect();
        let mut entity_of = vec![None; n];
        for (k, (tokens, _)) in entities.iter().enumerate() {
            for i in tokens.clone() {
                entity_of[i] = Some(k as u32);
            }
        }
        Parse { doc, text: &document.text, words, lower, lemma, scope, sentence_of, sentences, entities, entity_of }
    }

    pub(crate) fn len(&self) -> usize {
        self.doc.len()
    }

    /// The named entity a token belongs to: its tokens and label (a lookup, not a search).
    pub(crate) fn entity_at(&self, token: usize) -> Option<(Range<usize>, &'a str)> {
        let k = (*self.entity_of.get(token)?)? as usize;
        self.entities.get(k).cloned()
    }

    /// The token's text.
    pub(crate) fn word(&self, i: usize) -> &'a str {
        self.doc.token(i).text()
    }

    /// The token's text, lower-cased.
    pub(crate) fn lower(&self, i: usize) -> &str {
        &self.lower[i]
    }

    /// The token's lemma, lower-cased.
    pub(crate) fn lemma(&self, i: usize) -> &str {
        &self.lemma[i]
    }

    /// Whether the token is whitespace.
    pub(crate) fn is_space(&self, i: usize) -> bool {
        self.doc.token(i).is_space()
    }

    pub(crate) fn pos(&self, i: usize) -> Pos {
        self.doc.token(i).pos()
    }

    pub(crate) fn tag(&self, i: usize) -> &'a str {
        self.doc.token(i).tag()
    }

    pub(crate) fn dep(&self, i: usize) -> &'a str {
        self.doc.token(i).dep()
    }

    /// The token's head (itself for a root).
    pub(crate) fn head(&self, i: usize) -> usize {
        self.doc.token(i).head().i()
    }

    /// The token's children, left to right.
    pub(crate) fn children(&self, i: usize) -> impl Iterator<Item = usize> + 'a {
        self.doc.token(i).children().map(|t| t.i())
    }

    /// The children with one of these labels.
    pub(crate) fn children_with<'s>(&'s self, i: usize, deps: &'s [&'s str]) -> impl Iterator<Item = usize> + 's {
        self.children(i).filter(move |&c| deps.contains(&self.dep(c)))
    }

    /// The first child with one of these labels.
    pub(crate) fn child_with(&self, i: usize, deps: &[&str]) -> Option<usize> {
        self.children(i).find(|&c| deps.contains(&self.dep(c)))
    }

    /// Byte range of the tokens `range`.
    pub(crate) fn bytes(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            let at = self.doc.token(range.start.min(self.len().saturating_sub(1))).byte_range().start;
            return at..at;
        }
        self.doc.token(range.start).byte_range().start..self.doc.token(range.end - 1).byte_range().end
    }

    /// The text of the tokens `range`.
    pub(crate) fn span_text(&self, range: Range<usize>) -> &'a str {
        &self.text[self.bytes(range)]
    }

    /// Whether the token lies in the article (not in page furniture).
    pub(crate) fn in_article(&self, i: usize) -> bool {
        self.scope[i].is_some()
    }

    /// Whether the token lies in a title or headline.
    pub(crate) fn in_headline(&self, i: usize) -> bool {
        matches!(self.scope[i], Some(SentenceKind::Title | SentenceKind::Headline))
    }

    /// The index of the token's sentence.
    pub(crate) fn sentence_of(&self, i: usize) -> usize {
        self.sentence_of[i] as usize
    }

    /// The token range of sentence `s`.
    pub(crate) fn sentence(&self, s: usize) -> Range<usize> {
        self.sentences[s].clone()
    }

    /// The tokens of the subtree of `i`, as a range (the parser's trees are projective).
    pub(crate) fn subtree(&self, i: usize) -> Range<usize> {
        let mut lo = i;
        let mut hi = i;
        let mut stack = vec![i];
        while let Some(t) = stack.pop() {
            lo = lo.min(t);
            hi = hi.max(t);
            stack.extend(self.children(t));
        }
        lo..hi + 1
    }

    /// Whether `ancestor` dominates `i` (or is it).
    #[allow(dead_code)]
    pub(crate) fn dominates(&self, ancestor: usize, mut i: usize) -> bool {
        for _ in 0..self.len() {
            if i == ancestor {
                return true;
            }
            let h = self.head(i);
            if h == i {
                return false;
            }
            i = h;
        }
        false
    }

    /// Tokens coordinated with `i` ("Russia, China and Iran": from "Russia", the other two).
    pub(crate) fn conjuncts(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = self.children_with(i, &["conj"]).collect();
        while let Some(c) = stack.pop() {
            out.push(c);
            stack.extend(self.children_with(c, &["conj"]));
        }
        out.sort_unstable();
        out
    }

    pub(crate) fn is_verb(&self, i: usize) -> bool {
        matches!(self.pos(i), Pos::Verb | Pos::Aux)
    }

    pub(crate) fn is_noun(&self, i: usize) -> bool {
        matches!(self.pos(i), Pos::Noun | Pos::Propn)
    }

    /// The subject of a verb: its own, else the one it shares with the verb it is coordinated
    /// with or that controls it ("X met Y and signed ...", "X agreed to hold talks"). Returns the
    /// subject token and whether the verb is passive.
    pub(crate) fn subject(&self, verb: usize) -> Option<(usize, bool)> {
        let mut v = verb;
        for _ in 0..8 {
            if let Some(s) = self.child_with(v, &SUBJECTS) {
                // "the militants, who launched ...": a relative pronoun stands for the noun the
                // clause modifies.
                if self.dep(v) == "relcl" && matches!(self.lower(s), "who" | "which" | "that") {
                    return Some((self.antecedent(v, s), self.is_passive(verb)));
                }
                return Some((s, self.is_passive(verb)));
            }
            match self.dep(v) {
                // Shares the subject of the verb it is coordinated with or that controls it.
                "conj" | "xcomp" if self.is_verb(self.head(v)) => v = self.head(v),
                // A gerund after "by", "after", "before", "while", "without" ("X responded by
                // tightening ...") and a participle clause ("..., raising concerns") have the
                // subject of the clause they depend on.
                "pcomp" if self.tag(v) == "VBG" => {
                    let prep = self.head(v);
                    let h = self.head(prep);
                    let adverbial =
                        matches!(self.lemma(prep), "by" | "after" | "before" | "while" | "without" | "upon" | "on");
                    if !(adverbial && self.dep(prep) == "prep" && self.is_verb(h)) {
                        return None;
                    }
                    v = h;
                }
                "advcl"
                    if self.tag(v) == "VBG"
                        && self.child_with(v, &["mark"]).is_none()
                        && self.is_verb(self.head(v)) =>
                {
                    v = self.head(v)
                }
                // "X's decision to exclude ...", "its plan to build ...": an infinitive under a
                // possessed noun has the possessor as subject.
                "acl" if self.tag(v) == "VB" && self.child_with(self.head(v), &["poss"]).is_some() => {
                    return Some((self.child_with(self.head(v), &["poss"])?, self.is_passive(verb)));
                }
                // A participle modifying a noun: the noun is its subject ("forces loyal to ...").
                "acl" => return Some((self.head(v), self.is_passive(verb) || self.tag(v) == "VBN")),
                "relcl" => {
                    // "the group, which attacked ..." : the relative pronoun's antecedent.
                    return Some((self.head(v), self.is_passive(verb)));
                }
                _ => return None,
            }
        }
        None
    }

    /// The noun a relative clause stands for: the noun it modifies, or, after a comma, the whole
    /// coordination that noun ends ("X and Y, who held talks": X and Y held them).
    fn antecedent(&self, clause: usize, pronoun: usize) -> usize {
        let mut noun = self.head(clause);
        if pronoun > 0 && self.word(pronoun - 1) == "," {
            while self.dep(noun) == "conj" && self.head(noun) < noun {
                noun = self.head(noun);
            }
        }
        noun
    }

    /// Whether a lower-case word or lemma is of a word class of the lexicon
    /// (`ontology/word_classes.tsv`).
    pub(crate) fn is(&self, class: WordClass, word: &str) -> bool {
        self.words.is(class, word)
    }

    /// Whether the verb is passive ("was attacked").
    pub(crate) fn is_passive(&self, verb: usize) -> bool {
        self.children(verb).any(|c| matches!(self.dep(c), "auxpass" | "nsubjpass"))
    }

    /// The agent of a passive verb ("attacked by X": X).
    pub(crate) fn passive_agent(&self, verb: usize) -> Option<usize> {
        let by = self.child_with(verb, &["agent"])?;
        self.child_with(by, &["pobj"])
    }

    /// The objects of a preposition attached to `head` whose lemma is one of `preps`. A
    /// preposition the parser hangs from an adverb of the head is the head's ("strikes, likely
    /// against militants", "talks, mainly with Iran"), except a partner's ("together with X",
    /// "along with X" adds a doer, not an object).
    pub(crate) fn prep_objects(&self, head: usize, preps: &[&str]) -> Vec<usize> {
        let adverbs = self.children_with(head, &["advmod"]).filter(|&a| {
            self.pos(a) == Pos::Adv && !matches!(self.lower(a), "together" | "along" | "alongside" | "apart" | "away")
        });
        let holders = std::iter::once(head).chain(adverbs).collect::<Vec<_>>();
        let mut out = Vec::new();
        for holder in holders {
            for p in self.children_with(holder, &["prep", "agent", "dative"]) {
                if preps.contains(&self.lemma(p)) {
                    out.extend(self.children_with(p, &["pobj", "pcomp"]));
                }
            }
        }
        out
    }

    /// Whether the word, or an auxiliary or negation attached to it, denies it ("did not meet",
    /// "never met", "no talks").
    pub(crate) fn is_negated(&self, i: usize) -> bool {
        self.children(i).any(|c| {
            self.dep(c) == "neg" || (self.dep(c) == "det" && self.lower(c) == "no") || self.lower(c) == "never"
        })
    }

    /// The auxiliaries of a verb, lower-cased ("will", "would", "has").
    pub(crate) fn auxiliaries(&self, verb: usize) -> impl Iterator<Item = &str> + '_ {
        self.children_with(verb, &["aux", "auxpass"]).map(|c| self.lower(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Boilerplate;

    fn parse(text: &str) -> (Document, Doc) {
        let document = Document::from_text("t.txt", text.to_string(), Default::default(), &Boilerplate::builtin());
        let doc = crate::nlp::english().process(&document.text);
        (document, doc)
    }

    #[test]
    fn subjects_are_shared_by_coordinated_and_controlled_verbs() {
        let (document, doc) = parse("Russia met Iran and signed a deal. China agreed to hold talks with India.\n");
        let words = WordLists::builtin().unwrap();
        let p = Parse::new(&document, &doc, &words);
        let find = |w: &str| (0..p.len()).find(|&i| p.word(i) == w).unwrap();
        assert_eq!(p.subject(find("signed")).map(|(s, _)| p.word(s)), Some("Russia"));
        assert_eq!(p.subject(find("hold")).map(|(s, _)| p.word(s)), Some("China"));
        assert!(p.in_article(find("China")));
    }
}
