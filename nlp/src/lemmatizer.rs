//! spaCy's English rule lemmatizer (`Lemmatizer` in `rule` mode with `EnglishLemmatizer`'s
//! `is_base_form`), with `overwrite = false`: a lemma the attribute ruler set stays.
//!
//! For a token without a lemma, in this order (spaCy 3.8, `rule_lemmatize`):
//! 1. POS unset, `EOL` or `SPACE`: the lowercase text;
//! 2. a base form (`is_base_form`: singular noun, infinitive, present non-3rd-person verb, positive
//!    adjective, `VerbForm=Inf`/`VerbForm=None`/`Degree=Pos` whatever the POS): the lowercase text;
//! 3. a POS without any table (no rules, exceptions or index; in this model everything but ADJ,
//!    ADV, NOUN, VERB and PUNCT): the text itself for `PROPN`, the lowercase text otherwise;
//! 4. otherwise the suffix rules on the lowercase text: a candidate in the index goes to the front,
//!    one that is not alphabetic (`str.isalpha()`) to the back, others are kept aside
//!    ("out of vocabulary"); exceptions are then put at the front one by one (so the last
//!    exception comes first: "better" as ADJ gives "well", not "good"); the lemma is the first
//!    candidate, else the first out-of-vocabulary one, else the text itself, case kept.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use crate::attribute_ruler::RulerOutput;
use crate::error::NlpError;
use crate::morphology::{MorphAnalysis, Morphology};
use crate::pos::Pos;
use crate::pyunicode::str_is_alpha;

const FILE: &str = "lemmatizer.json";

fn format_err(message: impl Into<String>) -> NlpError {
    NlpError::Format { file: FILE.to_string(), message: message.into() }
}

/// A lemma, without copying the token's text when it is the text or its lowercase form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lemma<'m> {
    /// The token's text, case kept.
    Text,
    /// The token's lowercase form.
    Lower,
    /// A string of the model (set by the attribute ruler, or an entry of the lemmatizer's tables).
    Model(&'m str),
    /// A string built by a suffix rule.
    Owned(String),
}

impl<'m> Lemma<'m> {
    /// The lemma as a string, given the token's text and lowercase form.
    ///
    /// ```
    /// use dossier_nlp::lemmatizer::Lemma;
    /// assert_eq!(Lemma::Lower.as_str("Talks", "talks"), "talks");
    /// assert_eq!(Lemma::Owned("talk".into()).as_str("Talks", "talks"), "talk");
    /// ```
    pub fn as_str<'a>(&'a self, text: &'a str, lower: &'a str) -> &'a str
    where
        'm: 'a,
    {
        match self {
            Lemma::Text => text,
            Lemma::Lower => lower,
            Lemma::Model(s) => s,
            Lemma::Owned(s) => s,
        }
    }

    /// The lemma as an owned string.
    pub fn into_string(self, text: &str, lower: &str) -> String {
        match self {
            Lemma::Text => text.to_string(),
            Lemma::Lower => lower.to_string(),
            Lemma::Model(s) => s.to_string(),
            Lemma::Owned(s) => s,
        }
    }
}

/// The tables of one POS.
#[derive(Clone, Debug, Default)]
struct PosTables {
    rules: Vec<(Box<str>, Box<str>)>,
    exceptions: HashMap<Box<str>, Box<[Box<str>]>>,
    index: StrSet,
}

/// A set of strings kept in one buffer, in sorted order, looked up by binary search: the
/// lemmatizer's index has 91,000 words, which as a `HashSet<Box<str>>` take an allocation each
/// and about 6 MB; here about 1.2 MB.
#[derive(Clone, Debug, Default)]
struct StrSet {
    text: String,
    /// Where each string ends in `text`; the strings are in sorted order.
    ends: Vec<u32>,
}

impl StrSet {
    fn new(mut words: Vec<&str>) -> Result<StrSet, NlpError> {
        words.sort_unstable();
        words.dedup();
        let mut set = StrSet { text: String::with_capacity(words.iter().map(|w| w.len()).sum()), ends: Vec::new() };
        set.ends.reserve_exact(words.len());
        for word in words {
            set.text.push_str(word);
            set.ends.push(u32::try_from(set.text.len()).map_err(|_| format_err("lemma_index: over 4 GB of words"))?);
        }
        Ok(set)
    }

    fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    fn word(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The set's copy of `word`, if it holds it.
    fn get(&self, word: &str) -> Option<&str> {
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.word(mid).cmp(word) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(self.word(mid)),
            }
        }
        None
    }
}

impl PosTables {
    fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.exceptions.is_empty() && self.index.is_empty()
    }
}

/// A candidate lemma: `stem` (a prefix of the lowercase form) followed by `suffix`.
#[derive(Clone, Copy)]
struct Candidate<'a, 'm> {
    stem: &'a str,
    suffix: &'m str,
    /// The index entry equal to the candidate, if any.
    in_index: Option<&'m str>,
}

impl<'a, 'm> Candidate<'a, 'm> {
    fn equals(&self, s: &str) -> bool {
        s.len() == self.stem.len() + self.suffix.len() && s.starts_with(self.stem) && s.ends_with(self.suffix)
    }

    fn same(&self, other: &Candidate<'_, '_>) -> bool {
        self.stem.len() + self.suffix.len() == other.stem.len() + other.suffix.len()
            && self.stem.chars().chain(self.suffix.chars()).eq(other.stem.chars().chain(other.suffix.chars()))
    }

    fn lemma(&self, lower: &str) -> Lemma<'m> {
        if let Some(entry) = self.in_index {
            Lemma::Model(entry)
        } else if self.suffix.is_empty() && self.stem.len() == lower.len() {
            Lemma::Lower
        } else {
            Lemma::Owned(format!("{}{}", self.stem, self.suffix))
        }
    }
}

/// One slot of the candidate list: a rule's candidate or an exception's form.
#[derive(Clone, Copy)]
enum Form<'a, 'm> {
    Rule(Candidate<'a, 'm>),
    Exception(&'m str),
}

/// The English rule lemmatizer, loaded from `lemmatizer.json`. Read-only once loaded.
///
/// ```
/// use dossier_nlp::lemmatizer::{Lemma, Lemmatizer};
/// use dossier_nlp::morphology::MorphAnalysis;
/// use dossier_nlp::pos::Pos;
/// let model = concat!(env!("CARGO_MANIFEST_DIR"), "/../models/en_core_web_sm-3.8.0");
/// let lemmatizer = Lemmatizer::load(format!("{model}/lemmatizer.json").as_ref())?;
/// let plural = MorphAnalysis::parse("Number=Plur").unwrap();
/// assert_eq!(lemmatizer.lemmatize("wolves", Pos::Noun, &plural).as_str("Wolves", "wolves"), "wolf");
/// assert_eq!(lemmatizer.lemmatize("kyiv", Pos::Propn, &plural), Lemma::Text);
/// # Ok::<(), dossier_nlp::NlpError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Lemmatizer {
    tables: Vec<PosTables>,
}

impl Lemmatizer {
    /// Loads `lemmatizer.json` (as `scripts/export_spacy_model.py` writes it).
    pub fn load(path: &Path) -> Result<Self, NlpError> {
        let json = std::fs::read_to_string(path).map_err(|source| NlpError::Io { path: path.to_path_buf(), source })?;
        Self::from_json(&json)
    }

    /// Builds the lemmatizer from the JSON text of `lemmatizer.json`: `{"mode": "rule",
    /// "lemma_rules": {pos: [[old, new], ...]}, "lemma_exc": {pos: {word: [lemma, ...]}},
    /// "lemma_index": {pos: [word, ...]}}`, keyed by lowercase POS. Tables under a key that is no
    /// lowercase POS name are never consulted (as in spaCy) and are skipped.
    pub fn from_json(json: &str) -> Result<Self, NlpError> {
        let root: Value = serde_json::from_str(json).map_err(|e| format_err(format!("not JSON: {e}")))?;
        match root.get("mode").and_then(Value::as_str) {
            Some("rule") => {}
            Some(other) => return Err(format_err(format!("mode {other:?}: only \"rule\" is supported"))),
            None => return Err(format_err("no \"mode\"")),
        }
        let mut tables = vec![PosTables::default(); Pos::ALL.len()];
        let section = |name: &str, required: bool| -> Result<Vec<(usize, &Value)>, NlpError> {
            let Some(value) = root.get(name) else {
                return if required { Err(format_err(format!("no \"{name}\" table"))) } else { Ok(Vec::new()) };
            };
            let obj = value.as_object().ok_or_else(|| format_err(format!("\"{name}\" is not an object")))?;
            Ok(obj
                .iter()
                .filter_map(|(key, v)| Pos::ALL.iter().find(|p| p.as_lower_str() == key).map(|p| (p.index(), v)))
                .collect())
        };
        for (pos, rules) in section("lemma_rules", true)? {
            let list = rules.as_array().ok_or_else(|| format_err("lemma_rules: a table is not a list"))?;
            for rule in list {
                let pair =
                    rule.as_array().filter(|p| p.len() == 2).and_then(|p| Some((p[0].as_str()?, p[1].as_str()?)));
                let (old, new) = pair
                    .ok_or_else(|| format_err(format!("lemma_rules: {rule} is not an [old, new] pair of strings")))?;
                tables[pos].rules.push((old.into(), new.into()));
            }
        }
        for (pos, exc) in section("lemma_exc", false)? {
            let map = exc.as_object().ok_or_else(|| format_err("lemma_exc: a table is not an object"))?;
            for (word, forms) in map {
                let forms = forms
                    .as_array()
                    .and_then(|f| f.iter().map(|s| s.as_str().map(Box::from)).collect::<Option<Vec<Box<str>>>>())
                    .ok_or_else(|| format_err(format!("lemma_exc: the forms of {word:?} are not a list of strings")))?;
                tables[pos].exceptions.insert(word.as_str().into(), forms.into());
            }
        }
        for (pos, index) in section("lemma_index", false)? {
            let words: Vec<&str> = match index {
                Value::Array(list) => list
                    .iter()
                    .map(Value::as_str)
                    .collect::<Option<_>>()
                    .ok_or_else(|| format_err("lemma_index: a table holds a non-string"))?,
                Value::Object(map) => map.keys().map(String::as_str).collect(),
                _ => return Err(format_err("lemma_index: a table is not a list")),
            };
            tables[pos].index = StrSet::new(words)?;
        }
        Ok(Lemmatizer { tables })
    }

    /// The lemma of a token that has none yet, from its lowercase form (Python's `text.lower()`,
    /// [`crate::pyunicode::lower`]), POS and morphology. The text itself is needed only to read a
    /// [`Lemma::Text`] result.
    pub fn lemmatize<'m>(&'m self, lower: &str, pos: Pos, morph: &MorphAnalysis) -> Lemma<'m> {
        if matches!(pos, Pos::NoTag | Pos::Eol | Pos::Space) || is_base_form(pos, morph) {
            return Lemma::Lower;
        }
        let tables = &self.tables[pos.index()];
        if tables.is_empty() {
            return if pos == Pos::Propn { Lemma::Text } else { Lemma::Lower };
        }
        let mut forms: Vec<Form<'_, 'm>> = Vec::new();
        let mut oov: Option<Candidate<'_, 'm>> = None;
        let mut buf = String::new();
        for (old, new) in &tables.rules {
            let Some(stem) = lower.strip_suffix(&**old) else { continue };
            if stem.is_empty() && new.is_empty() {
                continue;
            }
            let mut candidate = Candidate { stem, suffix: new, in_index: None };
            candidate.in_index = if new.is_empty() {
                tables.index.get(stem)
            } else {
                buf.clear();
                buf.push_str(stem);
                buf.push_str(new);
                tables.index.get(buf.as_str())
            };
            if candidate.in_index.is_some() {
                forms.insert(0, Form::Rule(candidate));
            } else if !is_alpha(&candidate) {
                forms.push(Form::Rule(candidate));
            } else if oov.is_none() {
                oov = Some(candidate);
            }
        }
        // dict.fromkeys: drop repeated candidates, keeping the first.
        let mut unique: Vec<Form<'_, 'm>> = Vec::with_capacity(forms.len());
        for form in forms {
            let Form::Rule(c) = form else { continue };
            if !unique.iter().any(|u| matches!(u, Form::Rule(d) if d.same(&c))) {
                unique.push(form);
            }
        }
        let mut forms = unique;
        if let Some(exceptions) = tables.exceptions.get(lower) {
            for exc in exceptions.iter() {
                let present = forms.iter().any(|f| match f {
                    Form::Rule(c) => c.equals(exc),
                    Form::Exception(e) => **e == **exc,
                });
                if !present {
                    forms.insert(0, Form::Exception(exc));
                }
            }
        }
        match forms.first() {
            Some(Form::Exception(e)) => Lemma::Model(e),
            Some(Form::Rule(c)) => c.lemma(lower),
            None => match oov {
                Some(c) => c.lemma(lower),
                None => Lemma::Text,
            },
        }
    }

    /// The lemma after the attribute ruler: the ruler's when it set one (spaCy's lemmatizer runs
    /// with `overwrite = false`), else [`Lemmatizer::lemmatize`] with the POS and morphology the
    /// ruler set.
    pub fn lemma_after_ruler<'m>(&'m self, lower: &str, ruled: &RulerOutput<'m>, morphology: &Morphology) -> Lemma<'m> {
        match ruled.lemma {
            Some(lemma) => Lemma::Model(lemma),
            None => self.lemmatize(lower, ruled.pos, morphology.get(ruled.morph)),
        }
    }
}

fn is_alpha(c: &Candidate<'_, '_>) -> bool {
    if c.suffix.is_empty() {
        str_is_alpha(c.stem)
    } else {
        (c.stem.is_empty() || str_is_alpha(c.stem)) && str_is_alpha(c.suffix)
    }
}

/// `EnglishLemmatizer.is_base_form`: whether the token is uninflected, so its lemma is its
/// lowercase form.
pub fn is_base_form(pos: Pos, morph: &MorphAnalysis) -> bool {
    let verb_form = morph.get("VerbForm");
    let degree = morph.get("Degree");
    (pos == Pos::Noun && morph.get("Number") == Some("Sing"))
        || (pos == Pos::Verb && verb_form == Some("Inf"))
        || (pos == Pos::Verb
            && verb_form == Some("Fin")
            && morph.get("Tense") == Some("Pres")
            && morph.get("Number").is_none())
        || (pos == Pos::Adj && degree == Some("Pos"))
        || verb_form == Some("Inf")
        || verb_form == Some("None")
        || degree == Some("Pos")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLES: &str = r#"{"mode": "rule",
        "lemma_rules": {"noun": [["s", ""], ["ves", "f"], ["ies", "y"]], "adj": [["er", ""], ["er", "e"]],
                        "adv": [["", ""]], "punct": [["\u201c", "\""]], "verb": [["ed", "e"], ["ed", ""]]},
        "lemma_exc": {"adj": {"better": ["good", "well"]}, "noun": {"axes": ["ax", "axis"]}},
        "lemma_index": {"noun": ["wolf", "knife"], "adj": ["nice", "big"], "adv": ["fast"], "verb": ["hope"]}}"#;

    fn m(s: &str) -> MorphAnalysis {
        MorphAnalysis::parse(s).unwrap()
    }

    fn lemma(l: &Lemmatizer, text: &str, pos: Pos, morph: &str) -> String {
        let lower = crate::pyunicode::lower_cow(text);
        l.lemmatize(&lower, pos, &m(morph)).as_str(text, &lower).to_string()
    }

    #[test]
    fn branches() {
        let l = Lemmatizer::from_json(TABLES).unwrap();
        // unset POS, SPACE: lowercase
        assert_eq!(lemma(&l, "Hello", Pos::NoTag, ""), "hello");
        assert_eq!(lemma(&l, "\n", Pos::Space, "_"), "\n");
        // base forms
        assert_eq!(lemma(&l, "Wolves", Pos::Noun, "Number=Sing"), "wolves");
        assert_eq!(lemma(&l, "BIGGER", Pos::Adj, "Degree=Pos"), "bigger");
        assert_eq!(lemma(&l, "Runs", Pos::Verb, "Tense=Pres|VerbForm=Fin"), "runs");
        assert_eq!(lemma(&l, "Well", Pos::Adv, "Degree=Pos"), "well");
        // no tables: PROPN keeps its case
        assert_eq!(lemma(&l, "Kyiv", Pos::Propn, "Number=Sing"), "Kyiv");
        assert_eq!(lemma(&l, "They", Pos::Pron, ""), "they");
        // rules: index first, then non-alphabetic, then out of vocabulary
        assert_eq!(lemma(&l, "Wolves", Pos::Noun, "Number=Plur"), "wolf");
        assert_eq!(lemma(&l, "Cities", Pos::Noun, "Number=Plur"), "citie");
        assert_eq!(lemma(&l, "F-16s", Pos::Noun, "Number=Plur"), "f-16");
        assert_eq!(lemma(&l, "Hoped", Pos::Verb, "Tense=Past|VerbForm=Fin"), "hope");
        assert_eq!(lemma(&l, "nicer", Pos::Adj, "Degree=Cmp"), "nice");
        // exceptions go to the front, the last one first
        assert_eq!(lemma(&l, "better", Pos::Adj, "Degree=Cmp"), "well");
        assert_eq!(lemma(&l, "Axes", Pos::Noun, "Number=Plur"), "axis");
        // nothing applies: the text, case kept
        assert_eq!(lemma(&l, "Data", Pos::Noun, "Number=Plur"), "Data");
        assert_eq!(lemma(&l, "\u{201c}", Pos::Punct, "PunctSide=Ini|PunctType=Quot"), "\"");
        assert_eq!(lemma(&l, "!", Pos::Punct, ""), "!");
        // the empty rule of adverbs keeps the lowercase form
        assert_eq!(lemma(&l, "FAST", Pos::Adv, ""), "fast");
        assert_eq!(lemma(&l, "Quickly", Pos::Adv, ""), "quickly");
        // a suffix that is the whole word gives an empty candidate, skipped
        assert_eq!(lemma(&l, "S", Pos::Noun, "Number=Plur"), "S");
    }

    #[test]
    fn borrowing() {
        let l = Lemmatizer::from_json(TABLES).unwrap();
        assert_eq!(l.lemmatize("quickly", Pos::Adv, &m("")), Lemma::Lower);
        assert_eq!(l.lemmatize("wolves", Pos::Noun, &m("Number=Plur")), Lemma::Model("wolf"));
    }

    #[test]
    fn a_str_set_finds_its_words_and_only_them() {
        let set = StrSet::new(vec!["wolf", "", "a", "ab", "wolf", "abc", "b", "zz"]).unwrap();
        for word in ["", "a", "ab", "abc", "b", "wolf", "zz"] {
            assert_eq!(set.get(word), Some(word));
        }
        for word in ["aa", "abcd", "c", "wol", "wolves", "zzz"] {
            assert_eq!(set.get(word), None);
        }
        assert!(StrSet::new(Vec::new()).unwrap().get("a").is_none());
    }

    #[test]
    fn shareable() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Lemmatizer>();
        send_sync::<crate::attribute_ruler::AttributeRuler>();
    }

    #[test]
    fn bad_files_are_format_errors() {
        for bad in [
            r#"{"mode": "lookup", "lemma_rules": {}}"#,
            r#"{"mode": "rule"}"#,
            r#"{"mode": "rule", "lemma_rules": {"noun": [["s"]]}}"#,
            r#"{"mode": "rule", "lemma_rules": {}, "lemma_exc": {"noun": {"axes": "axis"}}}"#,
        ] {
            match Lemmatizer::from_json(bad) {
                Err(NlpError::Format { file, .. }) => assert_eq!(file, FILE),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }
}
