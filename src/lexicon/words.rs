//! Word lists: event triggers, reporting verbs, coreferring descriptions, relational and
//! collective nouns, and the English verb morphology.
//!
//! Each list is a TSV file under `ontology/`. Triggers and reporting verbs are written as lemmas
//! and read on the dependency parse ([`TreeForm`]: "hold talks with" is the lemma `hold` with the
//! object `talks` and a `with` phrase); entries starting with `=` are nouns or fixed phrases.
//!
//! ```
//! use dossier::lexicon::WordLists;
//!
//! let words = WordLists::builtin()?;
//! let held = words.tree_triggers.candidates("held", "hold");
//! assert!(held.iter().any(|(_, t)| t.event_type.as_str() == "CONSULT"));
//! # Ok::<(), dossier::lexicon::LexiconError>(())
//! ```

use rustc_hash::FxHashMap as HashMap;

pub use super::frames::{ByHead, TreeForm};
use super::{tsv_rows, ActorKind, LexiconError, Origin};
use crate::plover::EventType;

/// The grammatical form of an inflected verb ([`Morphology::inflect`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbForm {
    /// Lemma / present ("visit"): after "will", "to", "plans to" it signals a planned event.
    Base,
    /// Third person present ("visits"), also headline present.
    Third,
    Past,
    Participle,
    Gerund,
}

/// How an event trigger finds its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frame {
    /// A verb: agent is its subject (or the `by` agent of a passive), target its object or the
    /// form's preposition.
    Active,
    /// The object of "to", "by" or "from" acts; the subject is acted on ("fell to the
    /// Taliban", "received assurances from X").
    AgentAfter,
    /// A noun: agent is the possessor or a modifier ("the U.S. troop exit", "Russia's aid") or
    /// "by X"; target the object of the form's preposition ("with", "to", "against", ...).
    Noun,
}

/// One event trigger of `ontology/events.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    /// The form's other words, which must hang below the head ("talks" of "hold talks with").
    pub words: Vec<String>,
    pub event_type: EventType,
    pub mode: Option<String>,
    pub frame: Frame,
    /// Words of which one must hang below the trigger for it to count ("host" needs "talks",
    /// "conference", ...); empty when anything goes.
    pub needs: Vec<String>,
}

/// One reporting verb of `ontology/reporting.tsv` and the modality it gives a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportingVerb {
    pub words: Vec<String>,
    pub modality: String,
    /// A speech-act noun ("assurances"): counts only when "that" follows it.
    pub noun: bool,
    /// Words of which one must follow within a few words ("call" needs "to", "on", "for").
    pub needs: Vec<String>,
    /// A nominal object is what was said ("denied involvement", "announced plans to ...").
    pub object: bool,
    /// The verb is part of what was said, with its object ("condemned the coup", "blamed X
    /// for Y").
    pub predicate: bool,
    /// Counts only with a second predicate on its object ("described it as historic", "called
    /// the deal illegal").
    pub second: bool,
}

/// A relational noun phrase of `ontology/relations.tsv` ("its embassy", "Taliban representatives").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// Lower-case words of the noun.
    pub words: Vec<String>,
    /// The type of the actor referred to; `None` when the phrase refers to the possessor itself.
    pub kind: Option<ActorKind>,
    /// Types the possessor may have.
    pub possessors: Vec<ActorKind>,
}

/// A definite description that refers back to an actor (`ontology/descriptions.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description {
    /// Lower-case words, article included ("the", "islamist", "group").
    pub words: Vec<String>,
    /// Kinds of actor it can refer to.
    pub kinds: Vec<ActorKind>,
    /// A word the antecedent's label or role must contain ("ministry"), if any.
    pub head: Option<String>,
    /// How many actors it refers to ("the two leaders": 2).
    pub count: usize,
}

/// A collective or descriptive noun of `ontology/collectives.tsv` ("troops", "the junta", "a
/// U.S. official").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collective {
    /// Lower-case words of the noun ("armed", "forces").
    pub words: Vec<String>,
    pub kind: ActorKind,
    /// Phrases of one class and owner are one actor.
    pub class: String,
    /// Whether an unowned phrase belongs to the state the article is about.
    pub state_owned: bool,
}

/// What a title word of `ontology/titles.tsv` is used for; all false for other words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TitleUses {
    /// Cut off the front of a person's name ("President Joe Biden"); alone, no name.
    pub name: bool,
    /// Before capitalised proper nouns no entity covers, makes them a person ("General X").
    pub person: bool,
    /// A word of a title that ends with its holder's name ("the special envoy ... Zamir
    /// Kabulov").
    pub holder: bool,
}

/// Irregular verb forms.
#[derive(Debug, Clone, Default)]
pub struct Morphology {
    irregular: HashMap<String, (Vec<String>, Vec<String>)>,
}

impl Morphology {
    /// Parses `lemma<TAB>past forms<TAB>participles` rows (forms separated by `|`).
    pub fn parse(text: &str, origin: &Origin) -> Result<Morphology, LexiconError> {
        let mut irregular = HashMap::default();
        for (line, fields) in tsv_rows(text) {
            let [lemma, past, participle] = fields[..] else {
                return Err(LexiconError::syntax(origin, line, 1, "expected LEMMA<TAB>PAST<TAB>PARTICIPLE"));
            };
            let split = |s: &str| s.split('|').map(|f| f.trim().to_lowercase()).filter(|f| !f.is_empty()).collect();
            irregular.insert(lemma.to_lowercase(), (split(past), split(participle)));
        }
        Ok(Morphology { irregular })
    }

    /// All forms of a verb lemma, with their grammatical form.
    pub fn inflect(&self, lemma: &str) -> Vec<(String, VerbForm)> {
        let lemma = lemma.to_lowercase();
        let mut forms = vec![
            (lemma.clone(), VerbForm::Base),
            (third_person(&lemma), VerbForm::Third),
            (gerund(&lemma), VerbForm::Gerund),
        ];
        match self.irregular.get(&lemma) {
            Some((past, participle)) => {
                forms.extend(past.iter().map(|p| (p.clone(), VerbForm::Past)));
                forms.extend(participle.iter().map(|p| (p.clone(), VerbForm::Participle)));
            }
            // A regular past form ("visited") doubles as the participle.
            None => forms.push((regular_past(&lemma), VerbForm::Past)),
        }
        let mut seen = std::collections::HashSet::new();
        forms.retain(|f| seen.insert(f.0.clone()));
        forms
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// A short verb ending consonant-vowel-consonant doubles its last letter ("ban" -> "banned").
fn doubles_final(lemma: &str) -> bool {
    let chars: Vec<char> = lemma.chars().collect();
    let vowel_groups = chars.windows(2).filter(|w| !is_vowel(w[0]) && is_vowel(w[1])).count()
        + usize::from(chars.first().is_some_and(|c| is_vowel(*c)));
    let n = chars.len();
    n >= 3
        && vowel_groups == 1
        && !is_vowel(chars[n - 1])
        && !matches!(chars[n - 1], 'w' | 'x' | 'y')
        && is_vowel(chars[n - 2])
        && !is_vowel(chars[n - 3])
}

fn third_person(lemma: &str) -> String {
    if lemma.ends_with(['s', 'x', 'z']) || lemma.ends_with("ch") || lemma.ends_with("sh") {
        format!("{lemma}es")
    } else if let Some(stem) = lemma.strip_suffix('y').filter(|s| !s.ends_with(is_vowel)) {
        format!("{stem}ies")
    } else {
        format!("{lemma}s")
    }
}

fn regular_past(lemma: &str) -> String {
    if lemma.ends_with('e') {
        format!("{lemma}d")
    } else if let Some(stem) = lemma.strip_suffix('y').filter(|s| !s.ends_with(is_vowel)) {
        format!("{stem}ied")
    } else if doubles_final(lemma) {
        format!("{lemma}{}ed", &lemma[lemma.len() - 1..])
    } else {
        format!("{lemma}ed")
    }
}

fn gerund(lemma: &str) -> String {
    if let Some(stem) = lemma.strip_suffix("ie") {
        format!("{stem}ying")
    } else if lemma.ends_with('e') && !lemma.ends_with("ee") {
        format!("{}ing", &lemma[..lemma.len() - 1])
    } else if doubles_final(lemma) {
        format!("{lemma}{}ing", &lemma[lemma.len() - 1..])
    } else {
        format!("{lemma}ing")
    }
}

/// The word lists used by the extractor.
#[derive(Debug, Clone)]
pub struct WordLists {
    pub morphology: Morphology,
    /// The event triggers as the parse reads them, by head word.
    pub tree_triggers: ByHead<Trigger>,
    /// Triggers converted from open data (`ontology/events_cameo.tsv`), read only where no
    /// curated trigger fits.
    pub open_triggers: ByHead<Trigger>,
    /// The reporting verbs and nouns as the parse reads them, by head word.
    pub tree_reporting: ByHead<ReportingVerb>,
    descriptions: Phrases<Description>,
    relations: Phrases<Relation>,
    /// Collective nouns by their last (head) word.
    collectives: HashMap<String, Vec<Collective>>,
    /// Title words (lower-case).
    titles: HashMap<String, TitleUses>,
    /// Phrases of wrongdoing (lemmas), by their first lemma, longest first.
    wrongdoing: HashMap<String, Vec<Vec<String>>>,
    /// The open word classes the rules read (`ontology/word_classes.tsv`).
    classes: HashMap<WordClass, rustc_hash::FxHashSet<String>>,
}

impl WordLists {
    /// The shipped lists.
    pub fn builtin() -> Result<WordLists, LexiconError> {
        let builtin = |name: &'static str| Origin::Builtin(name);
        let morphology = Morphology::parse(
            include_str!("../../ontology/irregular_verbs.tsv"),
            &builtin("ontology/irregular_verbs.tsv"),
        )?;
        let mut words = WordLists {
            morphology,
            tree_triggers: ByHead::default(),
            open_triggers: ByHead::default(),
            tree_reporting: ByHead::default(),
            descriptions: Phrases::default(),
            relations: Phrases::default(),
            collectives: HashMap::default(),
            titles: HashMap::default(),
            wrongdoing: HashMap::default(),
            classes: HashMap::default(),
        };
        words.add_triggers(include_str!("../../ontology/events.tsv"), &builtin("ontology/events.tsv"))?;
        words.add_open_triggers(
            include_str!("../../ontology/events_cameo.tsv"),
            &builtin("ontology/events_cameo.tsv"),
        )?;
        words.add_reporting(include_str!("../../ontology/reporting.tsv"), &builtin("ontology/reporting.tsv"))?;
        words
            .add_descriptions(include_str!("../../ontology/descriptions.tsv"), &builtin("ontology/descriptions.tsv"))?;
        words.add_relations(include_str!("../../ontology/relations.tsv"), &builtin("ontology/relations.tsv"))?;
        words.add_collectives(include_str!("../../ontology/collectives.tsv"), &builtin("ontology/collectives.tsv"))?;
        words.add_titles(include_str!("../../ontology/titles.tsv"), &builtin("ontology/titles.tsv"))?;
        words.add_wrongdoing(include_str!("../../ontology/wrongdoing.tsv"), &builtin("ontology/wrongdoing.tsv"))?;
        words
            .add_word_classes(include_str!("../../ontology/word_classes.tsv"), &builtin("ontology/word_classes.tsv"))?;
        Ok(words)
    }

    /// Adds event triggers in the `events.tsv` format:
    /// `FORM<TAB>TYPE[<TAB>MODE[<TAB>FRAME[<TAB>NEEDS]]]`.
    pub fn add_triggers(&mut self, text: &str, origin: &Origin) -> Result<(), LexiconError> {
        self.read_triggers(text, origin, false)
    }

    /// Adds event triggers converted from open data (same format), read on the parse only where
    /// no curated trigger fits the word.
    pub fn add_open_triggers(&mut self, text: &str, origin: &Origin) -> Result<(), LexiconError> {
        self.read_triggers(text, origin, true)
    }

    fn read_triggers(&mut self, text: &str, origin: &Origin, open: bool) -> Result<(), LexiconError> {
        for (line, fields) in tsv_rows(text) {
            if fields.len() < 2 {
                return Err(LexiconError::syntax(origin, line, 1, "expected FORM<TAB>TYPE[<TAB>MODE[<TAB>FRAME]]"));
            }
            let column_of = |index: usize| fields[..index].iter().map(|f| f.len() + 1).sum::<usize>() + 1;
            let event_type: EventType = fields[1].parse().map_err(|e: crate::plover::UnknownEventType| {
                LexiconError::syntax(origin, line, column_of(1), e.to_string())
            })?;
            let mode = fields.get(2).filter(|m| !m.is_empty() && **m != "-").map(|m| m.to_string());
            let frame = match fields.get(3).copied().unwrap_or("") {
                "" | "active" => Frame::Active,
                "agent-after" => Frame::AgentAfter,
                "noun" => Frame::Noun,
                other => {
                    return Err(LexiconError::syntax(
                        origin,
                        line,
                        column_of(3),
                        format!("unknown frame {other:?} (active, agent-after or noun)"),
                    ))
                }
            };
            let frame = if fields[0].starts_with('=') && frame == Frame::Active { Frame::Noun } else { frame };
            let needs = split_words(fields.get(4).copied().unwrap_or(""));
            if let Some(tree) = TreeForm::parse(fields[0]) {
                let trigger = Trigger { words: tree.with.clone(), event_type, mode, frame, needs };
                if open {
                    self.open_triggers.push(tree, trigger);
                } else {
                    self.tree_triggers.push(tree, trigger);
                }
            }
        }
        Ok(())
    }

    /// Adds reporting verbs: `VERB<TAB>MODALITY[<TAB>OPTIONS]`, OPTIONS (separated by spaces or
    /// commas) being `noun` (a speech-act noun, needs "that" after it), `needs=w1|w2` (one of the
    /// words must follow), `object` (a nominal object is what was said), `predicate` (the verb
    /// with its object is what was said) or `as` (only with a second predicate on the object).
    pub fn add_reporting(&mut self, text: &str, origin: &Origin) -> Result<(), LexiconError> {
        for (line, fields) in tsv_rows(text) {
            if !(2..=3).contains(&fields.len()) {
                return Err(LexiconError::syntax(origin, line, 1, "expected VERB<TAB>MODALITY[<TAB>OPTIONS]"));
            }
            let (verb, modality) = (fields[0], fields[1]);
            let options = fields.get(2).copied().unwrap_or("");
            let (mut noun, mut needs, mut object, mut predicate, mut second) = (false, Vec::new(), false, false, false);
            for option in options.split([' ', ',']).filter(|o| !o.is_empty()) {
                match option {
                    "noun" => noun = true,
                    "object" => object = true,
                    "predicate" => predicate = true,
                    "as" => second = true,
                    _ => match option.strip_prefix("needs=") {
                        Some(list) => needs = split_words(list),
                        None => {
                            let column = verb.len() + modality.len() + 3;
                            return Err(LexiconError::syntax(
                                origin,
                                line,
                                column,
                                format!("unknown option {option:?} (noun, object, predicate, as or needs=WORDS)"),
                            ));
                        }
                    },
                }
            }
            if !matches!(modality, "asserted" | "promised" | "warned" | "denied" | "questioned") {
                return Err(LexiconError::syntax(
                    origin,
                    line,
                    verb.len() + 2,
                    format!("unknown modality {modality:?}"),
                ));
            }
            if let Some(tree) = TreeForm::parse(verb) {
                let entry = ReportingVerb {
                    words: tree.with.clone(),
                    modality: modality.to_string(),
                    noun: noun || tree.noun,
                    needs,
                    object,
                    predicate,
                    second,
                };
                self.tree_reporting.push(tree, entry);
            }
        }
        Ok(())
    }

    /// Adds descriptions: `PHRASE<TAB>KIND[|KIND...][<TAB>HEAD[<TAB>COUNT]]`.
    pub fn add_descriptions(&mut self, text: &str, origin: &Origin) -> Result<(), LexiconError> {
        for (line, fields) in tsv_rows(text) {
            if fields.len() < 2 {
                return Err(LexiconError::syntax(origin, line, 1, "expected PHRASE<TAB>KINDS[<TAB>HEAD[<TAB>COUNT]]"));
            }
            let mut kinds = Vec::new();
            for name in fields[1].split('|') {
                let kind = ActorKind::from_class_name(name.trim()).ok_or_else(|| {
                    LexiconError::syntax(origin, line, fields[0].len() + 2, format!("unknown actor type {name:?}"))
                })?;
                kinds.push(kind);
            }
            let head = fields.get(2).filter(|h| !h.is_empty() && **h != "-").map(|h| h.to_lowercase());
            let count = match fields.get(3) {
                Some(n) => n.parse().map_err(|_| LexiconError::syntax(origin, line, 1, format!("bad count {n:?}")))?,
                None => 1,
            };
            let words: Vec<String> = fields[0].split_whitespace().map(str::to_lowercase).collect();
            if words.is_empty() {
                continue;
            }
            self.descriptions.push(Description { words, kinds, head, count });
        }
        Ok(())
    }

    /// Adds relational nouns: `NOUN<TAB>KIND|=<TAB>POSSESSOR KINDS`.
    pub fn add_relations(&mut self, text: &str, origin: &Origin) -> Result<(), LexiconError> {
        for (line, fields) in tsv_rows(text) {
            let [noun, kind, possessors] = fields[..] else {
                return Err(LexiconError::syntax(origin, line, 1, "expected NOUN<TAB>KIND<TAB>POSSESSORS"));
            };
            let parse = |name: &str| {
                ActorKind::from_class_name(name.trim()).ok_or_else(|| {
                    LexiconError::syntax(origin, line, noun.len() + 2, format!("unknown actor type {name:?}"))
                })
            };
            let kind = if kind == "=" { None } else { Some(parse(kind)?) };
            let possessors = possessors.split('|').map(parse).collect::<Result<Vec<_>, _>>()?;
            let words: Vec<String> = noun.split_whitespace().map(str::to_lowercase).collect();
            if !words.is_empty() {
                self.relations.push(Relation { words, kind, possessors });
            }
        }
        Ok(())
    }

    /// Adds collective nouns: `NOUN<TAB>KIND<TAB>CLASS<TAB>OWNER` (OWNER `state` or `-`).
    pub fn add_collectives(&mut self, text: &str, origin: &Origin) -> Result<(), LexiconError> {
        for (line, fields) in tsv_rows(text) {
            let [noun, kind, class, owner] = fields[..] else {
                return Err(LexiconError::syntax(origin, line, 1, "expected NOUN<TAB>KIND<TAB>CLASS<TAB>OWNER"));
            };
            let kind = ActorKind::from_class_name(kind.trim()).ok_or_else(|| {
                LexiconError::syntax(origin, line, noun.len() + 2, format!("unknown actor type {kind:?}"))
            })?;
            let state_owned = match owner.trim() {
                "state" => true,
                "-" | "" => false,
                other => {
                    let column = noun.len() + fields[1].len() + class.len() + 4;
                    return Err(LexiconError::syntax(
                        origin,
                        line,
                        column,
                        format!("unknown owner {other:?} (state or -)"),
                    ));
                }
            };
            let words: Vec<String> = noun.split_whitespace().map(str::to_lowercase).collect();
            let Some(last) = words.last().cloned() else { continue };
            let entry = Collective { words, kind, class: class.trim().to_string(), state_owned };
            self.collectives.entry(last).or_default().push(entry);
        }
        Ok(())
    }

    /// Adds title words: `WORD<TAB>USES`, USES being `name`, `person` and `holder` separated by
    /// `|` (see [`TitleUses`]).
    pub fn add_titles(&mut self, text: &str, origin: &Origin) -> Result<(), LexiconError> {
        for (line, fields) in tsv_rows(text) {
            let [word, uses] = fields[..] else {
                return Err(LexiconError::syntax(origin, line, 1, "expected WORD<TAB>USES"));
            };
            let entry = self.titles.entry(word.trim().to_lowercase()).or_default();
            for used in uses.split('|').map(str::trim) {
                match used {
                    "name" => entry.name = true,
                    "person" => entry.person = true,
                    "holder" => entry.holder = true,
                    other => {
                        return Err(LexiconError::syntax(
                            origin,
                            line,
                            word.len() + 2,
                            format!("unknown use {other:?} (name, person or holder)"),
                        ))
                    }
                }
            }
        }
        Ok(())
    }

    /// Adds words of wrongdoing (`ontology/wrongdoing.tsv`): one phrase of lower-case lemmas per
    /// line.
    pub fn add_wrongdoing(&mut self, text: &str, origin: &Origin) -> Result<(), LexiconError> {
        for (line, fields) in tsv_rows(text) {
            let [phrase] = fields[..] else {
                return Err(LexiconError::syntax(origin, line, 1, "expected one phrase (lemmas separated by spaces)"));
            };
            let lemmas: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
            let Some(first) = lemmas.first().cloned() else {
                return Err(LexiconError::syntax(origin, line, 1, "empty phrase"));
            };
            let phrases = self.wrongdoing.entry(first).or_default();
            phrases.push(lemmas);
            phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
        Ok(())
    }

    /// Adds words to word classes (`ontology/word_classes.tsv`): `CLASS<TAB>WORD[|WORD...]`.
    pub fn add_word_classes(&mut self, text: &str, origin: &Origin) -> Result<(), LexiconError> {
        for (line, fields) in tsv_rows(text) {
            let [class, list] = fields[..] else {
                return Err(LexiconError::syntax(origin, line, 1, "expected CLASS<TAB>WORD[|WORD...]"));
            };
            let Some(class) = WordClass::from_name(class) else {
                let known: Vec<&str> = WordClass::ALL.iter().map(|c| c.name()).collect();
                return Err(LexiconError::syntax(
                    origin,
                    line,
                    1,
                    format!("unknown word class {class:?} (one of {})", known.join(", ")),
                ));
            };
            let words = split_words(list);
            if words.is_empty() {
                return Err(LexiconError::syntax(origin, line, class.name().len() + 2, "no words"));
            }
            self.classes.entry(class).or_default().extend(words);
        }
        Ok(())
    }

    /// Whether a lower-case word (or lemma) is of a word class.
    ///
    /// ```
    /// use dossier::lexicon::words::{WordClass, WordLists};
    ///
    /// let words = WordLists::builtin()?;
    /// assert!(words.is(WordClass::ActLightVerb, "hold"));
    /// assert!(!words.is(WordClass::ActLightVerb, "welcome"));
    /// # Ok::<(), dossier::lexicon::LexiconError>(())
    /// ```
    pub fn is(&self, class: WordClass, word: &str) -> bool {
        self.classes.get(&class).is_some_and(|words| words.contains(word))
    }

    /// The length of the phrase of wrongdoing that starts `lemmas` (lower-case), if one does.
    ///
    /// ```
    /// let words = dossier::lexicon::words::WordLists::builtin()?;
    /// assert_eq!(words.wrongdoing_at(&["responsible", "for", "the"]), Some(2));
    /// assert_eq!(words.wrongdoing_at(&["responsible", "to"]), None);
    /// # Ok::<(), dossier::lexicon::LexiconError>(())
    /// ```
    pub fn wrongdoing_at(&self, lemmas: &[&str]) -> Option<usize> {
        let phrases = self.wrongdoing.get(*lemmas.first()?)?;
        phrases.iter().find(|p| p.len() <= lemmas.len() && p.iter().zip(lemmas).all(|(a, b)| a == b)).map(Vec::len)
    }

    /// What a lower-case word is used for as a title ("president", "gen.").
    pub fn title(&self, word: &str) -> TitleUses {
        self.titles.get(word).copied().unwrap_or_default()
    }

    /// Collective nouns whose head word is `word` (lower-case), longest first.
    pub fn collectives_for(&self, word: &str) -> Vec<&Collective> {
        let mut found: Vec<&Collective> = self.collectives.get(word).into_iter().flatten().collect();
        found.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
        found
    }

    /// Relational nouns whose words start `words` (lower-case), longest first.
    pub fn relations_at(&self, words: &[&str]) -> Vec<&Relation> {
        self.relations.at(words)
    }

    /// Descriptions whose words start `words` (lower-case), longest first.
    pub fn descriptions_at(&self, words: &[&str]) -> Vec<&Description> {
        self.descriptions.at(words)
    }
}

/// A class of open-class words an extraction rule reads (`ontology/word_classes.tsv`; each
/// variant's doc is the class's meaning there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WordClass {
    /// Verbs whose object noun is the act, done by their subject ("held talks").
    ActLightVerb,
    /// Nouns of documents that act for their issuer ("a statement calling on ...").
    IssuingDocument,
    /// Participles whose `by` agent does the act they modify ("the request submitted by X").
    MakingVerb,
    /// Verbs under which an act is planned, not done ("plans to hold talks").
    PlanVerb,
    /// Verbs that tell casualties ("were killed in a clash with X").
    CasualtyVerb,
    /// Conflicts named by their place ("the Syrian war"): the name says where, not who.
    ConflictNoun,
    /// Settlements and meetings named by their place or subject ("the Gaza ceasefire").
    SettlementNoun,
    /// Nouns of forces sent or deployed ("sent troops to X").
    ForceNoun,
    /// Words that place a show of force around a state ("drills surrounding Taiwan").
    AroundWord,
    /// Purposes that name an adversary ("to fight X").
    HostilePurpose,
    /// Nouns of unarmed crowds.
    CrowdNoun,
    /// Verbs that ask for an act ("urged Peru to withdraw").
    AskingVerb,
    /// Verbs of permission ("a law that allows the army to ...").
    PermissionVerb,
    /// Nouns of statements that speak for who issued them ("the statement said").
    StatementNoun,
    /// Verbs whose subject speaks the speech-act noun they take ("issued a warning that").
    SpeechLightVerb,
    /// Verbs by which a speech-act noun comes from the actor after "from".
    ReceivingVerb,
    /// Last words of the names of positions held by one person ("Committee Chair").
    PositionWord,
    /// Last words of the names of bodies that have positions ("Committee").
    BodyWord,
    /// Words of the generic names of state bodies ("Foreign Ministry").
    GenericBodyWord,
    /// Nouns of time a preposition of cause may still govern ("for a week").
    TimeNoun,
}

impl WordClass {
    /// Every class, in file order.
    pub const ALL: [WordClass; 20] = [
        WordClass::ActLightVerb,
        WordClass::IssuingDocument,
        WordClass::MakingVerb,
        WordClass::PlanVerb,
        WordClass::CasualtyVerb,
        WordClass::ConflictNoun,
        WordClass::SettlementNoun,
        WordClass::ForceNoun,
        WordClass::AroundWord,
        WordClass::HostilePurpose,
        WordClass::CrowdNoun,
        WordClass::AskingVerb,
        WordClass::PermissionVerb,
        WordClass::StatementNoun,
        WordClass::SpeechLightVerb,
        WordClass::ReceivingVerb,
        WordClass::PositionWord,
        WordClass::BodyWord,
        WordClass::GenericBodyWord,
        WordClass::TimeNoun,
    ];

    /// The class's name in `word_classes.tsv` ("act-light-verb").
    pub fn name(self) -> &'static str {
        match self {
            WordClass::ActLightVerb => "act-light-verb",
            WordClass::IssuingDocument => "issuing-document",
            WordClass::MakingVerb => "making-verb",
            WordClass::PlanVerb => "plan-verb",
            WordClass::CasualtyVerb => "casualty-verb",
            WordClass::ConflictNoun => "conflict-noun",
            WordClass::SettlementNoun => "settlement-noun",
            WordClass::ForceNoun => "force-noun",
            WordClass::AroundWord => "around-word",
            WordClass::HostilePurpose => "hostile-purpose",
            WordClass::CrowdNoun => "crowd-noun",
            WordClass::AskingVerb => "asking-verb",
            WordClass::PermissionVerb => "permission-verb",
            WordClass::StatementNoun => "statement-noun",
            WordClass::SpeechLightVerb => "speech-light-verb",
            WordClass::ReceivingVerb => "receiving-verb",
            WordClass::PositionWord => "position-word",
            WordClass::BodyWord => "body-word",
            WordClass::GenericBodyWord => "generic-body-word",
            WordClass::TimeNoun => "time-noun",
        }
    }

    /// The class of a name in `word_classes.tsv`.
    pub fn from_name(name: &str) -> Option<WordClass> {
        WordClass::ALL.into_iter().find(|c| c.name() == name)
    }
}

fn split_words(list: &str) -> Vec<String> {
    list.split('|').map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty() && w != "-").collect()
}

/// An entry of a word list that is a phrase of lower-case words.
trait Phrase {
    fn words(&self) -> &[String];
}

macro_rules! phrase {
    ($($entry:ty),*) => {
        $(impl Phrase for $entry {
            fn words(&self) -> &[String] {
                &self.words
            }
        })*
    };
}
phrase!(Description, Relation);

/// The phrases of a word list, keyed by their first word and, when they have more, their
/// second: a lookup compares only phrases that may match ("the" starts 55 descriptions).
#[derive(Debug, Clone)]
struct Phrases<T> {
    by_first: HashMap<String, FirstWord<T>>,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases { by_first: HashMap::default() }
    }
}

/// The phrases that start with one word.
#[derive(Debug, Clone)]
struct FirstWord<T> {
    /// Phrases of two words or more, by their second word, longest first.
    longer: HashMap<String, Vec<T>>,
    /// The word alone.
    alone: Vec<T>,
}

impl<T: Phrase> Phrases<T> {
    /// Adds a phrase (of at least one word) after those of its length or longer.
    fn push(&mut self, entry: T) {
        let words = entry.words();
        let first = self
            .by_first
            .entry(words[0].clone())
            .or_insert_with(|| FirstWord { longer: HashMap::default(), alone: Vec::new() });
        match words.get(1) {
            None => first.alone.push(entry),
            Some(second) => {
                let list = first.longer.entry(second.clone()).or_default();
                let at = list.partition_point(|e| e.words().len() >= entry.words().len());
                list.insert(at, entry);
            }
        }
    }

    /// The phrases whose words start `words`, longest first (in the order added among phrases of
    /// one length).
    fn at(&self, words: &[&str]) -> Vec<&T> {
        let Some(first) = words.first().and_then(|w| self.by_first.get(*w)) else { return Vec::new() };
        let longer = words.get(1).and_then(|second| first.longer.get(*second)).into_iter().flatten();
        let tail_fits =
            |e: &&T| e.words().len() <= words.len() && e.words()[2..].iter().zip(&words[2..]).all(|(a, b)| a == b);
        longer.filter(tail_fits).chain(&first.alone).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(lemma: &str) -> Vec<String> {
        let m = Morphology::parse("hold\theld\theld\nmeet\tmet\tmet\n", &Origin::Builtin("t")).unwrap();
        m.inflect(lemma).into_iter().map(|f| f.0).collect()
    }

    #[test]
    fn regular_and_irregular_inflection() {
        assert_eq!(forms("visit"), ["visit", "visits", "visiting", "visited"]);
        assert_eq!(forms("invite"), ["invite", "invites", "inviting", "invited"]);
        assert_eq!(forms("ban"), ["ban", "bans", "banning", "banned"]);
        assert_eq!(forms("deny"), ["deny", "denies", "denying", "denied"]);
        assert_eq!(forms("reach"), ["reach", "reaches", "reaching", "reached"]);
        assert_eq!(forms("hold"), ["hold", "holds", "holding", "held"]);
        assert_eq!(forms("stay"), ["stay", "stays", "staying", "stayed"]);
    }

    #[test]
    fn shipped_lists_parse_and_match() {
        let words = WordLists::builtin().unwrap();
        assert!(!words.tree_reporting.candidates("said", "say").is_empty());
        assert!(words.title("gen.").name && words.title("president").holder && !words.title("kabul").name);
        assert_eq!(words.tree_reporting.candidates("assured", "assure")[0].1.modality, "promised");
        assert!(!words.descriptions_at(&["the", "group"]).is_empty());
    }

    /// Found by the `lexicons` fuzz target: an empty fixed phrase ("=") panicked.
    #[test]
    fn every_word_class_ships_with_words() {
        let words = WordLists::builtin().unwrap();
        for class in WordClass::ALL {
            assert!(words.classes.get(&class).is_some_and(|w| !w.is_empty()), "{} is empty", class.name());
            assert_eq!(WordClass::from_name(class.name()), Some(class));
        }
    }

    #[test]
    fn fuzz_empty_fixed_phrase_is_ignored() {
        let mut words = WordLists::builtin().unwrap();
        words.add_reporting("=\tasserted\n", &Origin::File("f.tsv".into())).unwrap();
        words.add_triggers("=\tCONSULT\n", &Origin::File("f.tsv".into())).unwrap();
    }

    #[test]
    fn bad_rows_are_located() {
        let mut words = WordLists::builtin().unwrap();
        let error =
            words.add_triggers("visit\tCONSULTING\n", &Origin::File("mine.tsv".into())).unwrap_err().to_string();
        assert!(error.starts_with("mine.tsv:1:7: unknown PLOVER event type"), "{error}");
    }
}
