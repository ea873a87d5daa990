//! Lexicon entries read on the dependency parse: a head word and the words that must hang from
//! it, indexed by the head's lemma.
//!
//! A form of `events.tsv` or `reporting.tsv` becomes a [`TreeForm`]: for a verb form ("hold
//! talks with"), the first word is the head verb's lemma; for a noun form ("=phone call with"),
//! the head is the last word before a final preposition. The other words ("talks", "phone") must
//! be found below the head (its object, particle, compound, modifiers, prepositions and their
//! objects); a final preposition ("with") names where the other party is. Articles and
//! possessive pronouns in a form are ignored ("reach an agreement" = "reach agreement").

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

/// Words that end a form as the preposition introducing an argument.
const PREPOSITIONS: &[&str] = &[
    "with", "to", "on", "against", "between", "from", "of", "into", "for", "in", "by", "upon", "at", "over", "about",
    "toward", "towards", "among", "onto", "across", "through", "within",
];

/// Words of a form that stand for no word of the text.
const IGNORED: &[&str] = &["a", "an", "the", "its", "their", "his", "her", "one's"];

/// A form as the parse sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeForm {
    /// The head word (lower-case, as written in the form).
    pub head: String,
    /// Whether the head is a noun (`=` forms), else a verb.
    pub noun: bool,
    /// Other words that must hang below the head.
    pub with: Vec<String>,
    /// The preposition that introduces the other party, if the form ends with one.
    pub prep: Option<String>,
}

impl TreeForm {
    /// Reads a lexicon form: `hold talks with`, `=phone call with`, `call on`.
    pub fn parse(form: &str) -> Option<TreeForm> {
        let (noun, body) = match form.strip_prefix('=') {
            Some(rest) => (true, rest),
            None => (false, form),
        };
        let mut words: Vec<String> =
            body.split_whitespace().map(str::to_lowercase).filter(|w| !IGNORED.contains(&w.as_str())).collect();
        if words.is_empty() {
            return None;
        }
        let mut prep = None;
        if words.len() > 1 && PREPOSITIONS.contains(&words[words.len() - 1].as_str()) {
            prep = words.pop();
        }
        let head = if noun { words.pop()? } else { words.remove(0) };
        Some(TreeForm { head, noun, with: words, prep })
    }

    /// The number of words the form asks for (more specific forms win).
    pub fn weight(&self) -> usize {
        1 + self.with.len() + usize::from(self.prep.is_some())
    }
}

/// Whether a word of the text (its lower-case form and lemma) is a word of a form: the same
/// word, its lemma, or a plural of it ("talks" ~ "talk", "sanctions" ~ "sanction").
pub fn word_fits(form_word: &str, lower: &str, lemma: &str) -> bool {
    form_word == lower || form_word == lemma || singular(form_word) == lemma || singular(form_word) == singular(lower)
}

/// A crude singular of an English plural, enough to compare lexicon words with lemmas
/// ("parties" → "party", "talks" → "talk", "press" stays).
pub fn singular(word: &str) -> Cow<'_, str> {
    if word.len() > 4 {
        if let Some(stem) = word.strip_suffix("ies") {
            return Cow::Owned(format!("{stem}y"));
        }
    }
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") && !word.ends_with("is")
    {
        return Cow::Borrowed(&word[..word.len() - 1]);
    }
    Cow::Borrowed(word)
}

/// Entries indexed by their head word and its singular.
#[derive(Debug, Clone)]
pub struct ByHead<T> {
    entries: Vec<(TreeForm, T)>,
    index: HashMap<String, Vec<usize>>,
}

impl<T> Default for ByHead<T> {
    fn default() -> Self {
        ByHead { entries: Vec::new(), index: HashMap::default() }
    }
}

impl<T> ByHead<T> {
    pub fn push(&mut self, form: TreeForm, value: T) {
        let i = self.entries.len();
        for key in [form.head.clone(), singular(&form.head).to_string()] {
            let list = self.index.entry(key).or_default();
            if !list.contains(&i) {
                list.push(i);
            }
        }
        self.entries.push((form, value));
    }

    /// Entries whose head may be a token with this lower-case form and lemma, most specific
    /// first.
    pub fn candidates(&self, lower: &str, lemma: &str) -> Vec<&(TreeForm, T)> {
        let mut ids: Vec<usize> = Vec::new();
        let single = singular(lower);
        for key in [lemma, lower, single.as_ref()] {
            if let Some(list) = self.index.get(key) {
                for &i in list {
                    if !ids.contains(&i) && word_fits(&self.entries[i].0.head, lower, lemma) {
                        ids.push(i);
                    }
                }
            }
        }
        ids.sort_by_key(|&i| (std::cmp::Reverse(self.entries[i].0.weight()), i));
        ids.into_iter().map(|i| &self.entries[i]).collect()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_split_into_head_words_and_preposition() {
        let f = TreeForm::parse("hold talks with").unwrap();
        assert_eq!(
            (f.head.as_str(), f.noun, f.with.clone(), f.prep.as_deref()),
            ("hold", false, vec!["talks".to_string()], Some("with"))
        );
        let f = TreeForm::parse("=phone call with").unwrap();
        assert_eq!((f.head.as_str(), f.noun, f.with.clone()), ("call", true, vec!["phone".to_string()]));
        let f = TreeForm::parse("reach an agreement").unwrap();
        assert_eq!(f.with, ["agreement"]);
        assert!(TreeForm::parse("=").is_none());
    }

    #[test]
    fn plural_words_fit_lemmas() {
        assert!(word_fits("talks", "talks", "talk"));
        assert!(word_fits("sanctions", "sanctions", "sanction"));
        assert!(!word_fits("talks", "walks", "walk"));
    }
}
