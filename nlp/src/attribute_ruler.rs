//! spaCy's `AttributeRuler`: token patterns that set POS, morphology, lemmas, tags and labels.
//!
//! The ruler of `en_core_web_sm` runs after the parser: its patterns read the fine tag (`TAG`), the
//! lowercase form (`LOWER`), the dependency label (`DEP`) and `IS_SPACE`, and set `POS`, `MORPH`,
//! `LEMMA`, `TAG` and `DEP`. The semantics are those of spaCy 3.8:
//!
//! * every pattern is matched at every position of the document (across sentence boundaries), all
//!   matches kept (the Matcher has no greedy filter here);
//! * matches are applied in the order of the pattern entries (`int(match_id)`, the position of the
//!   entry in `patterns`), so for each attribute of a token the last entry that sets it wins;
//!   within one entry, matches go by start position;
//! * the entry's attributes are set on the token at `index` in the matched span (negative counts
//!   from the end);
//! * pattern values compare as strings: `""` stands for an unset tag or label (hash 0), so
//!   `{"TAG": {"NOT_IN": ["TO", ""]}}` means "tagged, but not TO".
//!
//! Matching is indexed: each pattern is filed under the tag or lowercase form its first token
//! requires (or in a short list of patterns that must be tried everywhere).

use std::collections::HashMap;
use std::path::Path;

use fancy_regex::Regex;
use serde_json::Value;

use crate::error::NlpError;
use crate::morphology::{MorphAnalysis, MorphId, Morphology};
use crate::pos::Pos;

const FILE: &str = "attribute_ruler.json";

/// What the ruler reads of one token. `tag` and `dep` are `""` when unset.
///
/// `lower` must be Python's `text.lower()` ([`crate::pyunicode::lower`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RulerInput<'a> {
    /// The token's text (`ORTH`).
    pub text: &'a str,
    /// Its lowercase form (`LOWER`).
    pub lower: &'a str,
    /// The tagger's fine tag (`TAG`).
    pub tag: &'a str,
    /// The parser's dependency label (`DEP`).
    pub dep: &'a str,
    /// Whether the text is all whitespace (`IS_SPACE`, Python's `str.isspace()`).
    pub is_space: bool,
}

/// What the ruler set on one token. Strings borrow from the ruler.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RulerOutput<'r> {
    /// Coarse POS ([`Pos::NoTag`] when no pattern set it).
    pub pos: Pos,
    /// Morphology ([`MorphId::UNSET`] when no pattern set it); see [`AttributeRuler::morphology`].
    pub morph: MorphId,
    /// Lemma, when a pattern set one; the lemmatizer leaves it alone.
    pub lemma: Option<&'r str>,
    /// The new fine tag, when a pattern set one (`""` would unset it).
    pub tag: Option<&'r str>,
    /// The new dependency label, when a pattern set one.
    pub dep: Option<&'r str>,
}

impl<'r> RulerOutput<'r> {
    /// The final fine tag: the one the ruler set, else the input's.
    pub fn tag_or<'a>(&self, input: &'a str) -> &'a str
    where
        'r: 'a,
    {
        self.tag.unwrap_or(input)
    }

    /// The final dependency label: the one the ruler set, else the input's.
    pub fn dep_or<'a>(&self, input: &'a str) -> &'a str
    where
        'r: 'a,
    {
        self.dep.unwrap_or(input)
    }
}

/// A string attribute a pattern can test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StrAttr {
    Orth,
    Lower,
    Tag,
    Dep,
}

impl StrAttr {
    fn of<'a>(self, t: &RulerInput<'a>) -> &'a str {
        match self {
            StrAttr::Orth => t.text,
            StrAttr::Lower => t.lower,
            StrAttr::Tag => t.tag,
            StrAttr::Dep => t.dep,
        }
    }
}

/// A symbol: the index of a string that some pattern mentions. Token values that no pattern
/// mentions get [`NO_SYM`].
type Sym = u32;
const NO_SYM: Sym = u32::MAX;

#[derive(Clone, Debug)]
enum Cond {
    Eq(StrAttr, Sym),
    In(StrAttr, Box<[Sym]>),
    NotIn(StrAttr, Box<[Sym]>),
    Regex(StrAttr, usize),
    IsSpace(bool),
    /// A value that can never match (e.g. `IS_SPACE: 2`).
    Never,
}

/// The symbols of one token, for each string attribute.
#[derive(Clone, Copy)]
struct TokenSyms {
    orth: Sym,
    lower: Sym,
    tag: Sym,
    dep: Sym,
}

impl TokenSyms {
    fn get(&self, attr: StrAttr) -> Sym {
        match attr {
            StrAttr::Orth => self.orth,
            StrAttr::Lower => self.lower,
            StrAttr::Tag => self.tag,
            StrAttr::Dep => self.dep,
        }
    }
}

/// One compiled pattern (an entry may have several).
#[derive(Clone, Debug)]
struct Pattern {
    /// The entry it belongs to.
    entry: u32,
    /// One list of conditions per token.
    tokens: Box<[Box<[Cond]>]>,
    /// Offset of the target token from the start of the match.
    target: usize,
}

/// The attributes an entry sets.
#[derive(Clone, Debug, Default)]
struct Action {
    pos: Option<Pos>,
    morph: Option<MorphId>,
    /// `Some(None)`: the lemma becomes unset (`LEMMA: ""`).
    lemma: Option<Option<Box<str>>>,
    tag: Option<Box<str>>,
    dep: Option<Box<str>>,
}

/// spaCy's attribute ruler, loaded from `attribute_ruler.json`. Read-only once loaded.
///
/// ```
/// use dossier_nlp::attribute_ruler::{AttributeRuler, RulerInput};
/// let model = concat!(env!("CARGO_MANIFEST_DIR"), "/../models/en_core_web_sm-3.8.0");
/// let ruler = AttributeRuler::load(format!("{model}/attribute_ruler.json").as_ref())?;
/// let tokens = [RulerInput { text: "I", lower: "i", tag: "PRP", dep: "nsubj", is_space: false }];
/// let out = ruler.apply(&tokens);
/// assert_eq!(out[0].pos.as_str(), "PRON");
/// assert_eq!(ruler.morphology().get(out[0].morph).to_string(), "Case=Nom|Number=Sing|Person=1|PronType=Prs");
/// assert_eq!(out[0].lemma, Some("I"));
/// # Ok::<(), dossier_nlp::NlpError>(())
/// ```
#[derive(Debug)]
pub struct AttributeRuler {
    symbols: HashMap<Box<str>, Sym>,
    regexes: Vec<Regex>,
    patterns: Vec<Pattern>,
    actions: Vec<Action>,
    morphology: Morphology,
    /// Patterns whose first token requires a tag, by that tag's symbol.
    by_tag: Vec<Vec<u32>>,
    /// Patterns whose first token requires a lowercase form (and no tag), by its symbol.
    by_lower: Vec<Vec<u32>>,
    /// Patterns to try at every position.
    anywhere: Vec<u32>,
    /// Which string attributes any pattern tests (others need no symbol lookup).
    uses: [bool; 4],
}

fn format_err(message: impl Into<String>) -> NlpError {
    NlpError::Format { file: FILE.to_string(), message: message.into() }
}

impl AttributeRuler {
    /// Loads the ruler from `attribute_ruler.json` (as `scripts/export_spacy_model.py` writes it).
    pub fn load(path: &Path) -> Result<Self, NlpError> {
        let json = std::fs::read_to_string(path).map_err(|source| NlpError::Io { path: path.to_path_buf(), source })?;
        Self::from_json(&json)
    }

    /// Builds the ruler from the JSON text of `attribute_ruler.json`: `{"patterns": [{"patterns":
    /// [[token spec, ...], ...], "attrs": {...}, "index": n}, ...]}`, the entries as spaCy's
    /// `AttributeRuler.patterns` lists them.
    pub fn from_json(json: &str) -> Result<Self, NlpError> {
        let root: Value = serde_json::from_str(json).map_err(|e| format_err(format!("not JSON: {e}")))?;
        let entries = root
            .get("patterns")
            .and_then(Value::as_array)
            .ok_or_else(|| format_err("no \"patterns\" list at the top level"))?;
        let mut builder = Builder::default();
        for (i, entry) in entries.iter().enumerate() {
            builder.add_entry(i, entry).map_err(|m| format_err(format!("pattern entry {i}: {m}")))?;
        }
        Ok(builder.finish())
    }

    /// The morphology table that the [`RulerOutput::morph`] ids index.
    pub fn morphology(&self) -> &Morphology {
        &self.morphology
    }

    /// The number of pattern entries.
    pub fn len(&self) -> usize {
        self.actions.len()
    }

    /// Whether the ruler has no pattern entry.
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }

    /// Runs the ruler over a whole document (multi-token patterns may cross sentences, as in
    /// spaCy) and returns what it set on each token, in order. The tokens' POS, morphology and
    /// lemma are taken as unset before the ruler, as they are after spaCy's tagger and parser.
    pub fn apply(&self, tokens: &[RulerInput<'_>]) -> Vec<RulerOutput<'_>> {
        let mut out = vec![RulerOutput::default(); tokens.len()];
        self.apply_into(tokens, &mut out);
        out
    }

    /// As [`AttributeRuler::apply`], writing into `out` (which must be as long as `tokens`; extra
    /// entries are left alone). Entries start from whatever `out` holds, so a caller can pass
    /// values set before the ruler.
    pub fn apply_into<'r>(&'r self, tokens: &[RulerInput<'_>], out: &mut [RulerOutput<'r>]) {
        let n = tokens.len().min(out.len());
        if n == 0 {
            return;
        }
        let syms: Vec<TokenSyms> = tokens[..n].iter().map(|t| self.token_syms(t)).collect();
        // (entry, target) of every match.
        let mut matches: Vec<(u32, u32)> = Vec::new();
        for start in 0..n {
            let s = &syms[start];
            let by_tag = self.by_tag.get(s.tag as usize).map(Vec::as_slice).unwrap_or(&[]);
            let by_lower = self.by_lower.get(s.lower as usize).map(Vec::as_slice).unwrap_or(&[]);
            for &p in by_tag.iter().chain(by_lower).chain(&self.anywhere) {
                let pattern = &self.patterns[p as usize];
                if self.matches_at(pattern, tokens, &syms, start) {
                    matches.push((pattern.entry, (start + pattern.target) as u32));
                }
            }
        }
        // spaCy sorts by (entry, match key, start, end); the order among matches of one entry
        // does not matter, as they all set the same values.
        matches.sort_unstable_by_key(|&(entry, _)| entry);
        for (entry, target) in matches {
            let action = &self.actions[entry as usize];
            let slot = &mut out[target as usize];
            if let Some(pos) = action.pos {
                slot.pos = pos;
            }
            if let Some(morph) = action.morph {
                slot.morph = morph;
            }
            if let Some(lemma) = &action.lemma {
                slot.lemma = lemma.as_deref();
            }
            if let Some(tag) = &action.tag {
                slot.tag = Some(tag);
            }
            if let Some(dep) = &action.dep {
                slot.dep = Some(dep);
            }
        }
    }

    fn sym(&self, s: &str) -> Sym {
        self.symbols.get(s).copied().unwrap_or(NO_SYM)
    }

    fn token_syms(&self, t: &RulerInput<'_>) -> TokenSyms {
        let [orth, lower, tag, dep] = self.uses;
        TokenSyms {
            orth: if orth { self.sym(t.text) } else { NO_SYM },
            lower: if lower { self.sym(t.lower) } else { NO_SYM },
            tag: if tag { self.sym(t.tag) } else { NO_SYM },
            dep: if dep { self.sym(t.dep) } else { NO_SYM },
        }
    }

    fn matches_at(&self, pattern: &Pattern, tokens: &[RulerInput<'_>], syms: &[TokenSyms], start: usize) -> bool {
        if start + pattern.tokens.len() > syms.len() {
            return false;
        }
        pattern.tokens.iter().enumerate().all(|(j, conds)| {
            let (token, s) = (&tokens[start + j], &syms[start + j]);
            conds.iter().all(|c| self.check(c, token, s))
        })
    }

    fn check(&self, cond: &Cond, token: &RulerInput<'_>, syms: &TokenSyms) -> bool {
        match cond {
            Cond::Eq(attr, sym) => syms.get(*attr) == *sym,
            Cond::In(attr, set) => {
                let s = syms.get(*attr);
                s != NO_SYM && set.contains(&s)
            }
            Cond::NotIn(attr, set) => {
                let s = syms.get(*attr);
                s == NO_SYM || !set.contains(&s)
            }
            Cond::Regex(attr, i) => self.regexes[*i].is_match(attr.of(token)).unwrap_or(false),
            Cond::IsSpace(v) => token.is_space == *v,
            Cond::Never => false,
        }
    }
}

#[derive(Default)]
struct Builder {
    symbols: HashMap<Box<str>, Sym>,
    regexes: Vec<Regex>,
    regex_ids: HashMap<String, usize>,
    patterns: Vec<Pattern>,
    actions: Vec<Action>,
    morphology: Morphology,
    uses: [bool; 4],
}

impl Builder {
    fn intern(&mut self, s: &str) -> Sym {
        if let Some(&sym) = self.symbols.get(s) {
            return sym;
        }
        let sym = self.symbols.len() as Sym;
        self.symbols.insert(s.into(), sym);
        sym
    }

    fn add_entry(&mut self, i: usize, entry: &Value) -> Result<(), String> {
        let entry_id = u32::try_from(i).map_err(|_| "too many entries".to_string())?;
        let obj = entry.as_object().ok_or("not an object")?;
        let index = match obj.get("index") {
            None => 0,
            Some(v) => v.as_i64().ok_or("\"index\" is not an integer")?,
        };
        let attrs = obj.get("attrs").and_then(Value::as_object).ok_or("no \"attrs\" object")?;
        let action = self.action(attrs)?;
        self.actions.push(action);
        let patterns = obj.get("patterns").and_then(Value::as_array).ok_or("no \"patterns\" list")?;
        for (k, pattern) in patterns.iter().enumerate() {
            let specs = pattern.as_array().ok_or_else(|| format!("pattern {k} is not a list"))?;
            if specs.is_empty() {
                return Err(format!("pattern {k} is empty"));
            }
            let len = specs.len() as i64;
            // spaCy raises E1001 when such a pattern matches; refuse it up front.
            let target = if index >= 0 { index } else { len + index };
            if !(0..len).contains(&target) {
                return Err(format!("index {index} is outside pattern {k} of {len} tokens"));
            }
            let mut tokens = Vec::with_capacity(specs.len());
            for (j, spec) in specs.iter().enumerate() {
                tokens.push(self.token_spec(spec).map_err(|m| format!("pattern {k}, token {j}: {m}"))?);
            }
            self.patterns.push(Pattern { entry: entry_id, tokens: tokens.into(), target: target as usize });
        }
        Ok(())
    }

    fn action(&mut self, attrs: &serde_json::Map<String, Value>) -> Result<Action, String> {
        let mut action = Action::default();
        let mut seen = Vec::new();
        for (name, value) in attrs {
            let upper = name.to_uppercase();
            if seen.contains(&upper) {
                return Err(format!("attribute {upper} given twice"));
            }
            seen.push(upper.clone());
            let text = value.as_str().ok_or_else(|| format!("attribute {name} is not a string"))?;
            match upper.as_str() {
                "POS" => action.pos = Some(text.parse::<Pos>().map_err(|e| e.to_string())?),
                "MORPH" => action.morph = Some(self.morphology.add(text).map_err(|e| e.to_string())?),
                "LEMMA" => action.lemma = Some((!text.is_empty()).then(|| text.into())),
                "TAG" => action.tag = Some(text.into()),
                "DEP" => action.dep = Some(text.into()),
                _ => return Err(format!("attribute {name} is not one this crate sets (POS, MORPH, LEMMA, TAG, DEP)")),
            }
        }
        Ok(action)
    }

    fn token_spec(&mut self, spec: &Value) -> Result<Box<[Cond]>, String> {
        let obj = spec.as_object().ok_or("not an object")?;
        let mut conds = Vec::new();
        for (name, value) in obj {
            let upper = name.to_uppercase();
            let attr = match upper.as_str() {
                "ORTH" | "TEXT" => StrAttr::Orth,
                "LOWER" => StrAttr::Lower,
                "TAG" => StrAttr::Tag,
                "DEP" => StrAttr::Dep,
                "IS_SPACE" => {
                    conds.push(match value {
                        Value::Bool(b) => Cond::IsSpace(*b),
                        Value::Number(n) => match n.as_i64() {
                            Some(0) => Cond::IsSpace(false),
                            Some(1) => Cond::IsSpace(true),
                            _ => Cond::Never,
                        },
                        _ => return Err("IS_SPACE takes true or false".to_string()),
                    });
                    continue;
                }
                "OP" => return Err("operators (OP) are not supported".to_string()),
                _ => {
                    return Err(format!(
                        "token attribute {name} is not supported (ORTH, TEXT, LOWER, TAG, DEP, IS_SPACE)"
                    ))
                }
            };
            self.uses[attr as usize] = true;
            match value {
                Value::String(s) => {
                    let sym = self.intern(s);
                    conds.push(Cond::Eq(attr, sym));
                }
                Value::Object(preds) => {
                    for (pred, arg) in preds {
                        conds.push(self.predicate(attr, &pred.to_uppercase(), arg)?);
                    }
                }
                _ => return Err(format!("{name} takes a string or a predicate object")),
            }
        }
        Ok(conds.into())
    }

    fn predicate(&mut self, attr: StrAttr, pred: &str, arg: &Value) -> Result<Cond, String> {
        match pred {
            "IN" | "NOT_IN" => {
                let items = arg.as_array().ok_or_else(|| format!("{pred} takes a list"))?;
                let mut set = Vec::with_capacity(items.len());
                for item in items {
                    let s = item.as_str().ok_or_else(|| format!("{pred} takes strings"))?;
                    set.push(self.intern(s));
                }
                set.sort_unstable();
                set.dedup();
                Ok(if pred == "IN" { Cond::In(attr, set.into()) } else { Cond::NotIn(attr, set.into()) })
            }
            "REGEX" => {
                let source = arg.as_str().ok_or("REGEX takes a string")?;
                if let Some(&i) = self.regex_ids.get(source) {
                    return Ok(Cond::Regex(attr, i));
                }
                let translated = python_regex_to_rust(source);
                let regex = Regex::new(&translated).map_err(|e| format!("REGEX {source:?}: {e}"))?;
                self.regexes.push(regex);
                self.regex_ids.insert(source.to_string(), self.regexes.len() - 1);
                Ok(Cond::Regex(attr, self.regexes.len() - 1))
            }
            _ => Err(format!("predicate {pred} is not supported (IN, NOT_IN, REGEX)")),
        }
    }

    fn finish(self) -> AttributeRuler {
        let n_syms = self.symbols.len();
        let mut by_tag = vec![Vec::new(); n_syms];
        let mut by_lower = vec![Vec::new(); n_syms];
        let mut anywhere = Vec::new();
        for (p, pattern) in self.patterns.iter().enumerate() {
            let p = p as u32;
            let first = &pattern.tokens[0];
            let key = |attr: StrAttr| {
                first.iter().find_map(|c| match c {
                    Cond::Eq(a, s) if *a == attr => Some(vec![*s]),
                    Cond::In(a, set) if *a == attr => Some(set.to_vec()),
                    _ => None,
                })
            };
            if let Some(syms) = key(StrAttr::Tag) {
                syms.iter().for_each(|&s| by_tag[s as usize].push(p));
            } else if let Some(syms) = key(StrAttr::Lower) {
                syms.iter().for_each(|&s| by_lower[s as usize].push(p));
            } else {
                anywhere.push(p);
            }
        }
        AttributeRuler {
            symbols: self.symbols,
            regexes: self.regexes,
            patterns: self.patterns,
            actions: self.actions,
            morphology: self.morphology,
            by_tag,
            by_lower,
            anywhere,
            uses: self.uses,
        }
    }
}

/// Rewrites the parts of a Python `re` pattern whose meaning differs in `fancy_regex`: `$`
/// (outside a class) also matches before a final newline in Python, and Python's `\Z` is `\z`.
fn python_regex_to_rust(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + 8);
    let mut chars = source.chars().peekable();
    let mut in_class = false;
    let mut class_start = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('Z') if !in_class => out.push_str("\\z"),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                class_start = true;
                out.push(c);
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                continue;
            }
            ']' if in_class && !class_start => {
                in_class = false;
                out.push(c);
            }
            '$' if !in_class => out.push_str("(?=\\n?\\z)"),
            _ => out.push(c),
        }
        class_start = false;
    }
    out
}

/// The analysis behind a [`RulerOutput::morph`] id, for callers that keep only the ruler.
impl AttributeRuler {
    /// Shorthand for `self.morphology().get(id)`.
    pub fn morph(&self, id: MorphId) -> &MorphAnalysis {
        self.morphology.get(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok<'a>(text: &'a str, lower: &'a str, tag: &'a str, dep: &'a str) -> RulerInput<'a> {
        RulerInput { text, lower, tag, dep, is_space: text.chars().all(char::is_whitespace) }
    }

    const RULES: &str = r#"{"patterns": [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}, "index": 0},
        {"patterns": [[{"TAG": "NN", "LOWER": "nothing"}]], "attrs": {"POS": "PRON"}, "index": 0},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": -1},
        {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
        {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux"]}}]], "attrs": {"POS": "AUX"}},
        {"patterns": [[{"IS_SPACE": true, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
        {"patterns": [[{"IS_SPACE": true}]], "attrs": {"TAG": "_SP", "POS": "SPACE", "MORPH": "_"}}
    ]}"#;

    #[test]
    fn later_entries_win_and_keep_earlier_attributes() {
        let r = AttributeRuler::from_json(RULES).unwrap();
        let out = r.apply(&[tok("Nothing", "nothing", "NN", "nsubj")]);
        assert_eq!(out[0].pos, Pos::Pron);
        assert_eq!(r.morph(out[0].morph).to_string(), "Number=Sing");
    }

    #[test]
    fn multi_token_patterns_and_indexes() {
        let r = AttributeRuler::from_json(RULES).unwrap();
        let toks = [tok("Gon", "gon", "VBG", "ROOT"), tok("na", "na", "TO", "aux"), tok("Y'", "y'", "", "")];
        let out = r.apply(&toks);
        assert_eq!(out[0].lemma, None);
        assert_eq!(out[1].lemma, Some("to"));
        // TO is excluded from the AUX rule; an unset tag ("") too.
        assert_eq!(out[1].pos, Pos::NoTag);
        let out = r.apply(&[tok("y", "y", "PRP", ""), tok("all", "all", "DT", "")]);
        assert_eq!(out[0].lemma, Some("you"));
        let out = r.apply(&[tok("y", "y", "PRP", ""), tok("all", "all", "", "aux")]);
        assert_eq!(out[1].pos, Pos::NoTag);
        let out = r.apply(&[tok("will", "will", "MD", "aux")]);
        assert_eq!(out[0].pos, Pos::Aux);
    }

    #[test]
    fn whitespace_tokens() {
        let r = AttributeRuler::from_json(RULES).unwrap();
        let out = r.apply(&[tok("\n", "\n", "NN", "dep"), tok(" ", " ", "_SP", "")]);
        assert_eq!(out[0].tag, Some("_SP"));
        assert_eq!(out[0].pos, Pos::Space);
        assert_eq!(out[0].morph, MorphId::EMPTY);
        assert_eq!(out[0].dep, Some("dep"));
        assert_eq!(out[1].dep, None);
    }

    #[test]
    fn bad_files_are_format_errors() {
        for bad in [
            "[]",
            r#"{"patterns": [{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "noun"}}]}"#,
            r#"{"patterns": [{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}, "index": 1}]}"#,
            r#"{"patterns": [{"patterns": [[{"TAG": "NN", "OP": "?"}]], "attrs": {}}]}"#,
            r#"{"patterns": [{"patterns": [[{"TAG": "NN"}]], "attrs": {"MORPH": "Number"}}]}"#,
            r#"{"patterns": [{"patterns": [[{"LOWER": {"REGEX": "("}}]], "attrs": {}}]}"#,
        ] {
            match AttributeRuler::from_json(bad) {
                Err(NlpError::Format { file, .. }) => assert_eq!(file, FILE),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    #[test]
    fn python_dollar() {
        let re = Regex::new(&python_regex_to_rust("^n'?t$")).unwrap();
        assert!(re.is_match("n't").unwrap());
        assert!(re.is_match("nt\n").unwrap());
        assert!(!re.is_match("nt\n\n").unwrap());
        assert_eq!(python_regex_to_rust(r"[$]\$a\Z"), r"[$]\$a\z");
        assert_eq!(python_regex_to_rust(r"[]$]$"), r"[]$](?=\n?\z)");
    }
}
