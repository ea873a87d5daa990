//! Actor mentions: who and what a document talks about, and where.
//!
//! Sources of mentions, per sentence:
//! - gazetteer names and aliases;
//! - positions held: "Kremlin Press Secretary Dmitry Peskov" is one mention of Peskov; "Tajik
//!   President" alone is Rakhmon; a possessive before a role ("Putin's special representative on
//!   Afghanistan") belongs to the mention;
//! - definite descriptions ("the group", "the Ministry", "the two leaders"): the nearest earlier
//!   actor of a fitting type (and head word) is the referent;
//! - unknown proper names, kept only when the context types them: a title before ("President",
//!   "Gen."), an apposition after (", a spokesman for", ", who is an expert"), a type word in the
//!   name ("Ministry", "Institute", "News Agency"), or a preceding "think-tank".
//!
//! Pronouns are resolved on demand by the event and claim rules ([`People::resolve_pronoun`]).

use std::collections::BTreeMap;
use std::ops::Range;
use std::rc::Rc;

use super::text::{lower_words, tokenize, PronounKind, Token};
use super::{Actor, ActorId, Mention, MentionKind};
use crate::corpus::Document;
use crate::lexicon::gazetteer::FormKind;
use crate::lexicon::{ActorKind, EntryId, Lexicon};
use crate::vocab;

/// The actors of one document as they are found, with their mentions in text order.
pub struct People<'l> {
    lexicon: &'l Lexicon,
    actors: BTreeMap<ActorId, Actor>,
    mentions: Vec<Mention>,
    /// Mention indexes per sentence, sorted by start.
    by_sentence: Vec<Vec<usize>>,
    /// Tokens per sentence (shared: the rules hold on to a sentence's tokens while they add
    /// mentions).
    tokens: Vec<Rc<[Token]>>,
    /// Gazetteer entries the document names somewhere (what "its embassy" may refer to).
    named: rustc_hash::FxHashSet<EntryId>,
}

impl<'l> People<'l> {
    /// The tokens of sentence `index`.
    pub(crate) fn tokens(&self, sentence: usize) -> Rc<[Token]> {
        Rc::clone(&self.tokens[sentence])
    }

    /// The mentions of sentence `index`, by start.
    pub fn in_sentence(&self, sentence: usize) -> impl Iterator<Item = &Mention> + '_ {
        self.by_sentence[sentence].iter().map(|&i| &self.mentions[i])
    }

    /// The kind of a known actor.
    pub fn kind(&self, id: &ActorId) -> ActorKind {
        self.actors[id].kind
    }

    /// The actor with this id.
    pub fn actor(&self, id: &ActorId) -> &Actor {
        &self.actors[id]
    }

    /// The country whose capital this place is, if the gazetteer says so.
    pub fn country_of_capital(&mut self, place: &ActorId) -> Option<ActorId> {
        let country = self.lexicon.gazetteer.country_with_capital(&place.0)?;
        Some(self.register_entry(country))
    }

    fn register_entry(&mut self, entry: EntryId) -> ActorId {
        let entry = self.lexicon.gazetteer.entry(entry);
        let id = ActorId(entry.iri.clone());
        self.actors.entry(id.clone()).or_insert_with(|| Actor {
            id: id.clone(),
            kind: entry.kind,
            label: entry.label.clone(),
            aliases: entry.aliases.clone(),
            curated: true,
        });
        id
    }

    /// Makes sure an actor found through the gazetteer (a capital's country) is registered.
    fn ensure(&mut self, actor: ActorId) -> ActorId {
        if !self.actors.contains_key(&actor) {
            if let Some(entry) = self.lexicon.gazetteer.by_iri(&actor.0) {
                return self.register_entry(entry);
            }
        }
        actor
    }

    fn register_discovered(&mut self, name: &str, kind: ActorKind) -> ActorId {
        let id = ActorId(vocab::discovered_actor(name));
        self.actors.entry(id.clone()).or_insert_with(|| Actor {
            id: id.clone(),
            kind,
            label: name.to_string(),
            aliases: Vec::new(),
            curated: false,
        });
        id
    }

    /// Records a mention found by a later stage (a metonym, a pronoun).
    pub fn add_mention(&mut self, sentence: usize, mention: Mention) {
        if self.by_sentence[sentence].iter().any(|&i| self.mentions[i] == mention) {
            return;
        }
        self.mentions.push(mention);
        let index = self.mentions.len() - 1;
        let list = &mut self.by_sentence[sentence];
        list.push(index);
        let mentions = &self.mentions;
        list.sort_by_key(|&i| (mentions[i].range.start, std::cmp::Reverse(mentions[i].range.end)));
    }

    /// Whether a mention lies strictly inside a longer mention of its sentence ("Afghanistan" in
    /// "Putin's special representative to Afghanistan"): not a candidate antecedent.
    pub fn nested(&self, sentence: usize, mention: &Mention) -> bool {
        self.in_sentence(sentence).any(|m| {
            m.range.start <= mention.range.start
                && mention.range.end <= m.range.end
                && m.range.len() > mention.range.len()
        })
    }

    /// The actor an anaphor at `position` of sentence `sentence` refers to: among the fitting
    /// actors mentioned before it (this sentence, then up to three earlier ones), the subject
    /// (first) of the sentence, or with `recent` the nearest. Nested mentions are passed over; a
    /// subject-like antecedent is not governed by a preposition ("a conference on Afghanistan"),
    /// and a capital in that place stands for its country ("Moscow hosted").
    pub fn antecedent(
        &self,
        sentence: usize,
        position: usize,
        fits: impl Fn(&Actor) -> bool,
        recent: bool,
    ) -> Option<ActorId> {
        for s in (0..=sentence).rev().take(4) {
            let mut candidates: Vec<ActorId> = Vec::new();
            let before = self
                .in_sentence(s)
                .filter(|m| (s < sentence || m.range.end <= position) && m.kind != MentionKind::Pronoun);
            for m in before {
                let governed = self.governed(s, m);
                if self.nested(s, m) || (!recent && governed) {
                    continue;
                }
                let country = if governed { None } else { self.capital_country(&m.actor) };
                let fitting = match &country {
                    Some(country) => self.lexicon.gazetteer.by_iri(&country.0).is_some_and(|e| {
                        let entry = self.lexicon.gazetteer.entry(e);
                        fits(&Actor {
                            id: country.clone(),
                            kind: entry.kind,
                            label: entry.label.clone(),
                            aliases: Vec::new(),
                            curated: true,
                        })
                    }),
                    None => fits(&self.actors[&m.actor]),
                };
                if fitting {
                    candidates.push(country.unwrap_or_else(|| m.actor.clone()));
                }
            }
            let pick = if recent { candidates.last() } else { candidates.first() };
            if let Some(actor) = pick {
                return Some(actor.clone());
            }
        }
        None
    }

    /// Whether a preposition (not a conjunction) stands right before a mention.
    fn governed(&self, sentence: usize, mention: &Mention) -> bool {
        let Some(tokens) = self.tokens.get(sentence) else { return false };
        tokens
            .iter()
            .rev()
            .find(|t| t.range.end <= mention.range.start)
            .is_some_and(|t| super::clause::is_preposition(&t.lower) && !super::clause::is_conjunction(&t.lower))
    }

    /// The country whose capital this actor is, if it is one (without registering it).
    fn capital_country(&self, actor: &ActorId) -> Option<ActorId> {
        if self.actors.get(actor)?.kind != ActorKind::Place {
            return None;
        }
        let gazetteer = &self.lexicon.gazetteer;
        let country = gazetteer.country_with_capital(&actor.0)?;
        Some(ActorId(gazetteer.entry(country).iri.clone()))
    }

    /// The actor a personal pronoun at `position` refers to (see [`People::antecedent`]): persons
    /// for he/she, collectives for it/they. An institution's "we" is its state's ("We received
    /// assurances", said by a ministry).
    pub fn resolve_pronoun(&mut self, pronoun: &str, sentence: usize, position: usize) -> Option<ActorId> {
        let kind = super::text::pronoun(pronoun)?;
        let fits = |actor: &Actor| match kind {
            PronounKind::Person => actor.kind == ActorKind::Person,
            PronounKind::Collective => actor.kind.is_collective(),
            PronounKind::Plural => actor.kind.is_collective() || actor.kind == ActorKind::Group,
        };
        let found = self.antecedent(sentence, position, fits, false)?;
        let found = self.ensure(found);
        if matches!(pronoun, "we" | "our" | "us")
            && matches!(self.kind(&found), ActorKind::GovernmentBody | ActorKind::Person)
        {
            if let Some(state) = self.country_of(&found) {
                return Some(state);
            }
        }
        Some(found)
    }

    /// The country of a gazetteer actor (itself for a country), registered as an actor of the
    /// document.
    pub fn country_of(&mut self, actor: &ActorId) -> Option<ActorId> {
        let entry = self.lexicon.gazetteer.by_iri(&actor.0)?;
        let country = self.lexicon.gazetteer.country_of(entry)?;
        Some(self.register_entry(country))
    }

    /// The actors and all their mentions, sorted.
    pub fn finish(self) -> (BTreeMap<ActorId, Actor>, Vec<Mention>) {
        let mut mentions = self.mentions;
        mentions.sort_by(|a, b| (a.range.start, a.range.end, &a.actor).cmp(&(b.range.start, b.range.end, &b.actor)));
        mentions.dedup();
        (self.actors, mentions)
    }
}

/// Finds the actor mentions of every sentence of a document.
pub fn find_mentions<'l>(document: &Document, lexicon: &'l Lexicon) -> People<'l> {
    let mut people = People {
        lexicon,
        actors: BTreeMap::new(),
        mentions: Vec::new(),
        by_sentence: vec![Vec::new(); document.sentences.len()],
        tokens: Vec::with_capacity(document.sentences.len()),
        named: rustc_hash::FxHashSet::default(),
    };
    let forms_by_sentence: Vec<_> =
        document.sentences.iter().map(|s| lexicon.gazetteer.find(&document.text[s.range.clone()])).collect();
    people.named = forms_by_sentence.iter().flatten().filter(|f| f.form == FormKind::Name).map(|f| f.entry).collect();
    let mut local_names: Vec<(String, ActorId)> = Vec::new();
    for (index, sentence) in document.sentences.iter().enumerate() {
        let range = sentence.range.clone();
        let tokens = tokenize(&document.text, range.clone());
        let forms = &forms_by_sentence[index];
        let shift = |r: &Range<usize>| r.start + range.start..r.end + range.start;

        // Names first, then roles that extend or stand for a person.
        for form in forms.iter().filter(|f| f.form == FormKind::Name) {
            let range = shift(&form.range);
            // "UK-based think-tank": a location modifier, not the actor.
            if document.text[range.end..].starts_with("-based") {
                continue;
            }
            // "to cross into neighbouring countries as refugees": a role, not a participant.
            let before = document.text[..range.start].trim_end();
            let generic = lexicon.gazetteer.entry(form.entry).kind == ActorKind::Group;
            if generic && (before.ends_with(" as") || before.ends_with(" As")) {
                continue;
            }
            let actor = people.register_entry(form.entry);
            // Later in the article a person is named by surname alone ("Khan said").
            let entry = lexicon.gazetteer.entry(form.entry);
            if entry.kind == ActorKind::Person {
                if let Some((_, surname)) = entry.label.rsplit_once(' ') {
                    if !local_names.iter().any(|(n, _)| n == surname) {
                        local_names.push((surname.to_string(), actor.clone()));
                    }
                }
            }
            people.add_mention(index, Mention { actor, range, kind: MentionKind::Name });
        }
        for form in forms.iter().filter(|f| f.form == FormKind::Role) {
            let role = shift(&form.range);
            // "former Afghan President": not the one in office.
            let before = super::text::tail(document.text[..role.start].trim_end(), 16).to_lowercase();
            if ["former", "ex-", "then", "late", "outgoing", "previous"].iter().any(|w| before.ends_with(w)) {
                continue;
            }
            let actor = people.register_entry(form.entry);
            let mut start = role.start;
            // "Afghan President Hamid Karzai": a role followed by another person's name is theirs.
            let other_person = people.in_sentence(index).any(|m| {
                m.actor != actor
                    && m.range.start >= role.end
                    && document.text[role.end..m.range.start].trim().is_empty()
                    && people.kind(&m.actor) == ActorKind::Person
            });
            if other_person {
                continue;
            }
            // "Kremlin Press Secretary Dmitry Peskov": the role and the name are one mention.
            let named = people.by_sentence[index].iter().copied().find(|&i| {
                let m = &people.mentions[i];
                m.actor == actor
                    && m.range.start >= role.end
                    && document.text[role.end..m.range.start].trim().is_empty()
            });
            if let Some(i) = named {
                people.mentions[i].range.start = role.start;
                people.mentions[i].kind = MentionKind::Role;
                continue;
            }
            // "Putin's special representative": the possessor belongs to the description.
            if let Some(pos) = tokens.iter().position(|t| t.range.start == role.start) {
                if pos >= 2 && tokens[pos - 1].lower == "'s" {
                    let owner = tokens[pos - 2].range.clone();
                    if let Some(m) = people.in_sentence(index).find(|m| m.range.end == owner.end) {
                        start = m.range.start;
                    }
                }
            }
            people.add_mention(index, Mention { actor, range: start..role.end, kind: MentionKind::Role });
        }
        people.tokens.push(tokens.into());
        let demonyms: Vec<(Range<usize>, EntryId)> =
            forms.iter().filter(|f| f.form == FormKind::Demonym).map(|f| (shift(&f.range), f.entry)).collect();
        find_relational(&mut people, lexicon, &document.text, index, &demonyms);
        find_descriptions(&mut people, lexicon, index);
        discover_names(&mut people, lexicon, &document.text, index, &mut local_names);
    }
    people
}

/// Words that may stand between a possessor and a relational noun ("its key military bases",
/// "Russia's largest international military base").
const FILLERS: &[&str] = &[
    "key",
    "new",
    "main",
    "own",
    "largest",
    "biggest",
    "only",
    "remaining",
    "top",
    "senior",
    "international",
    "local",
    "two",
    "several",
];

/// Who a relational noun phrase belongs to.
enum Possessor {
    Pronoun,
    /// A demonym ("Russian"), with where it is written.
    Entry(EntryId, Range<usize>),
    Actor(ActorId),
}

/// Relational noun phrases (`ontology/relations.tsv`): "its embassy", "their allies", "a Russian
/// military base", "the Tajik presidency", "Taliban representatives". A phrase for the possessor
/// itself ("its representatives") is a mention of the possessor; otherwise the gazetteer is asked
/// for an actor of the right type named after the possessor ("Russian" + "military base" ->
/// "Russian military base in Tajikistan"), and one is minted when it has none ("Tajik presidency").
fn find_relational(
    people: &mut People,
    lexicon: &Lexicon,
    text: &str,
    sentence: usize,
    demonyms: &[(Range<usize>, EntryId)],
) {
    let tokens = Rc::clone(&people.tokens[sentence]);
    let mut index = 0;
    while index < tokens.len() {
        let token = &tokens[index];
        let name_here = people
            .in_sentence(sentence)
            .find(|m| m.range.end == token.range.end && matches!(m.kind, MentionKind::Name | MentionKind::Discovered))
            .cloned();
        let (possessor, mut noun, start) = if matches!(token.lower.as_str(), "its" | "their") {
            (Possessor::Pronoun, index + 1, token.range.start)
        } else if let Some((range, entry)) =
            demonyms.iter().find(|(r, _)| r.start == token.range.start).filter(|_| name_here.is_none())
        {
            let after = tokens.iter().position(|t| t.range.start >= range.end).unwrap_or(tokens.len());
            (Possessor::Entry(*entry, range.clone()), after, range.start)
        } else if let Some(m) = name_here {
            if tokens.get(index + 1).is_some_and(|t| t.lower == "'s") {
                (Possessor::Actor(m.actor.clone()), index + 2, m.range.start)
            } else {
                (Possessor::Actor(m.actor.clone()), index + 1, m.range.start)
            }
        } else {
            index += 1;
            continue;
        };
        let mut skipped = 0;
        while skipped < 2 && tokens.get(noun).is_some_and(|t| FILLERS.contains(&t.lower.as_str())) {
            noun += 1;
            skipped += 1;
        }
        let (words, n) = lower_words::<3>(&tokens[noun.min(tokens.len())..]);
        let Some(relation) = lexicon.words.relations_at(&words[..n]).into_iter().next() else {
            index += 1;
            continue;
        };
        // A bare name before a noun only makes a phrase for the possessor itself ("Taliban
        // representatives"); "Russia embassy" is not English.
        let possessive =
            !matches!(possessor, Possessor::Actor(_)) || tokens.get(index + 1).is_some_and(|t| t.lower == "'s");
        let end = noun + relation.words.len();
        let span = start..tokens[end - 1].range.end;
        let named = people.in_sentence(sentence).any(|m| {
            matches!(m.kind, MentionKind::Name | MentionKind::Role)
                && m.range.start < span.end
                && span.start < m.range.end
                && m.range.end > tokens[noun].range.start
        });
        if named || (relation.kind.is_some() && !possessive) {
            index += 1;
            continue;
        }
        let fits = |a: &Actor| relation.possessors.contains(&a.kind);
        let owner = match &possessor {
            Possessor::Pronoun => {
                people.antecedent(sentence, span.start, fits, relation.kind.is_none()).map(|a| people.ensure(a))
            }
            Possessor::Entry(entry, _) => Some(people.register_entry(*entry)),
            Possessor::Actor(actor) => Some(actor.clone()).filter(|a| fits(&people.actors[a])),
        };
        let Some(owner) = owner else {
            index = end;
            continue;
        };
        let actor = match relation.kind {
            None => owner,
            Some(kind) => {
                let noun_text = relation.words.join(" ");
                let written = match &possessor {
                    Possessor::Entry(_, range) => Some(text[range.clone()].to_string()),
                    _ => None,
                };
                // "its embassy" refers to an embassy the document names; "a Russian military
                // base" or "Russia's embassy" may introduce one.
                let introduce = !matches!(possessor, Possessor::Pronoun);
                let Some(actor) =
                    related_actor(people, lexicon, &owner, written.as_deref(), &noun_text, kind, introduce)
                else {
                    index = end;
                    continue;
                };
                actor
            }
        };
        people.add_mention(sentence, Mention { actor, range: span, kind: MentionKind::Description });
        index = end;
    }
}

/// The actor of type `kind` that `noun` names for `owner`: a gazetteer entry if one fits (with
/// `introduce`, also one the document has not named yet), else, with `introduce`, one minted
/// from the owner's demonym (or name) and the noun.
fn related_actor(
    people: &mut People,
    lexicon: &Lexicon,
    owner: &ActorId,
    written: Option<&str>,
    noun: &str,
    kind: ActorKind,
    introduce: bool,
) -> Option<ActorId> {
    let gazetteer = &lexicon.gazetteer;
    let entry = gazetteer.by_iri(&owner.0).map(|e| gazetteer.entry(e));
    let mut qualifiers: Vec<String> = written.map(str::to_string).into_iter().collect();
    if let Some(entry) = entry {
        qualifiers.extend(entry.demonyms.iter().cloned());
        qualifiers.push(entry.label.clone());
        qualifiers.extend(entry.aliases.iter().cloned());
        qualifiers.push(format!("{}'s", entry.label));
    } else {
        qualifiers.push(people.actors[owner].label.clone());
    }
    let singular = match noun.strip_suffix("ies") {
        Some(stem) => Some(format!("{stem}y")),
        None => noun.strip_suffix('s').map(str::to_string),
    };
    for qualifier in &qualifiers {
        for form in std::iter::once(noun.to_string()).chain(singular.clone()) {
            if let Some(found) = gazetteer.find_prefixed(&format!("{qualifier} {form}"), &[kind]) {
                let named = people.named.contains(&found);
                return (introduce || named).then(|| people.register_entry(found));
            }
        }
    }
    let qualifier = qualifiers.first().cloned().unwrap_or_default();
    introduce.then(|| people.register_discovered(&format!("{qualifier} {noun}"), kind))
}

/// Whether a token lies inside an existing mention of the sentence.
fn covered(people: &People, sentence: usize, range: &Range<usize>) -> bool {
    people.in_sentence(sentence).any(|m| m.range.start < range.end && range.start < m.range.end)
}

fn find_descriptions(people: &mut People, lexicon: &Lexicon, sentence: usize) {
    let tokens = Rc::clone(&people.tokens[sentence]);
    let mut index = 0;
    while index < tokens.len() {
        if tokens[index].lower == "the"
            && matches!(tokens.get(index + 1).map(|t| t.lower.as_str()), Some("former" | "latter"))
        {
            let span = tokens[index].range.start..tokens[index + 1].range.end;
            let latter = tokens[index + 1].lower == "latter";
            // "the former seized power", "the latter's": a reference; "the former Soviet
            // republics", "the former president": an adjective.
            let reference = tokens.get(index + 2).is_none_or(|t| {
                !t.is_word
                    || t.lower == "'s"
                    || (!t.capitalized && t.lower.ends_with("ed"))
                    || matches!(
                        t.lower.as_str(),
                        "is" | "was"
                            | "has"
                            | "had"
                            | "will"
                            | "would"
                            | "can"
                            | "could"
                            | "may"
                            | "might"
                            | "must"
                            | "should"
                            | "does"
                            | "did"
                            | "also"
                            | "remains"
                            | "said"
                    )
            });
            if reference {
                if let Some(actor) = former_or_latter(people, sentence, span.start, latter) {
                    people.add_mention(sentence, Mention { actor, range: span, kind: MentionKind::Description });
                }
            }
            index += 2;
            continue;
        }
        if !lexicon.words.starts_description(&tokens[index].lower) {
            index += 1;
            continue;
        }
        let (words, n) = lower_words::<6>(&tokens[index..]);
        let Some(description) = lexicon.words.descriptions_at(&words[..n]).into_iter().next() else {
            index += 1;
            continue;
        };
        let span = tokens[index].range.start..tokens[index + description.words.len() - 1].range.end;
        let next = tokens.get(index + description.words.len());
        // "the militant group Taliban": an apposition, the name is already a mention.
        let appositive = next.is_some_and(|t| t.capitalized && covered(people, sentence, &t.range));
        // "the representative of the Taliban": a new person, not one mentioned before.
        let restricted = next.is_some_and(|t| t.lower == "of");
        if covered(people, sentence, &span) || appositive || restricted {
            index += description.words.len();
            continue;
        }
        let referents = antecedents(people, sentence, span.start, description);
        for actor in referents {
            people.add_mention(sentence, Mention { actor, range: span.clone(), kind: MentionKind::Description });
        }
        index += description.words.len();
    }
}

/// "the former" / "the latter": the first or the last of the two actors mentioned most recently
/// (this sentence first, then the previous one).
fn former_or_latter(people: &People, sentence: usize, position: usize, latter: bool) -> Option<ActorId> {
    for s in (0..=sentence).rev().take(2) {
        let mut seen: Vec<ActorId> = Vec::new();
        for m in people.in_sentence(s).filter(|m| s < sentence || m.range.end <= position) {
            let kind = people.kind(&m.actor);
            if kind.is_actor() && !people.nested(s, m) && !seen.contains(&m.actor) {
                seen.push(m.actor.clone());
            }
        }
        if seen.len() >= 2 {
            return if latter { seen.last().cloned() } else { seen.get(seen.len() - 2).cloned() };
        }
    }
    None
}

/// The nearest earlier actors (this sentence before `position`, then earlier sentences) that a
/// description can refer to.
fn antecedents(
    people: &People,
    sentence: usize,
    position: usize,
    description: &crate::lexicon::Description,
) -> Vec<ActorId> {
    let head_fits = |actor: &Actor| {
        let Some(head) = &description.head else { return true };
        let entry_roles = people
            .lexicon
            .gazetteer
            .by_iri(&actor.id.0)
            .map(|e| people.lexicon.gazetteer.entry(e).roles.clone())
            .unwrap_or_default();
        std::iter::once(&actor.label)
            .chain(&actor.aliases)
            .chain(&entry_roles)
            .any(|n| n.to_lowercase().contains(head.as_str()))
    };
    let mut found: Vec<ActorId> = Vec::new();
    for s in (0..=sentence).rev() {
        let mut candidates: Vec<&Mention> =
            people.in_sentence(s).filter(|m| s < sentence || m.range.end <= position).collect();
        candidates.sort_by_key(|m| std::cmp::Reverse(m.range.start));
        for m in candidates {
            let actor = &people.actors[&m.actor];
            if description.kinds.contains(&actor.kind) && head_fits(actor) && !found.contains(&m.actor) {
                found.push(m.actor.clone());
                if found.len() == description.count {
                    return found;
                }
            }
        }
    }
    if found.len() == description.count {
        found
    } else {
        Vec::new()
    }
}

/// Title words that mark the following capitalised words as a person's name.
const PERSON_TITLES: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "mr",
    "mr.",
    "ms",
    "ms.",
    "mrs",
    "mrs.",
    "dr",
    "dr.",
    "gen",
    "gen.",
    "general",
    "commander",
    "envoy",
    "ambassador",
    "expert",
    "analyst",
    "chief",
    "leader",
    "premier",
    "chancellor",
    "king",
    "prince",
    "sheikh",
    "mullah",
    "maulvi",
    "senator",
    "sen.",
    "rep.",
    "col.",
    "colonel",
    "lt.",
    "maj.",
    "major",
    "professor",
    "prof.",
    "director",
    "deputy",
    "governor",
    "mayor",
    "judge",
    "official",
    "commentator",
    "researcher",
    "journalist",
    "correspondent",
    "representative",
    "negotiator",
    "adviser",
    "advisor",
];

/// Words after a name and a comma that make it a person ("X, a spokesman for ...").
const PERSON_APPOSITIONS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "expert",
    "analyst",
    "official",
    "minister",
    "envoy",
    "commander",
    "leader",
    "director",
    "professor",
    "researcher",
    "ambassador",
    "president",
    "head",
    "chief",
    "member",
    "deputy",
    "adviser",
    "advisor",
    "fellow",
    "scholar",
    "journalist",
    "diplomat",
    "representative",
    "who",
    "senior",
    "former",
    "founder",
];

/// Last words of organisation names and the type they give.
fn type_from_head(word: &str) -> Option<ActorKind> {
    Some(match word {
        "ministry" | "council" | "committee" | "department" | "parliament" | "government" | "assembly" | "senate"
        | "presidency" | "embassy" | "commission" | "office" | "administration" | "cabinet" | "court" | "police"
        | "service" => ActorKind::GovernmentBody,
        "institute" | "institution" | "centre" | "center" | "foundation" | "forum" | "club" | "university"
        | "academy" | "council on" => ActorKind::ThinkTank,
        "news" | "post" | "times" | "press" | "herald" | "tribune" | "journal" | "tv" | "television" | "radio"
        | "gazette" | "daily" | "agency" | "broadcasting" | "telegraph" | "guardian" => ActorKind::MediaOrganization,
        "army" | "forces" | "brigade" | "division" | "regiment" | "battalion" | "corps" | "base" | "fleet"
        | "command" | "guard" => ActorKind::MilitaryUnit,
        "front" | "movement" | "network" | "brigades" | "militia" | "mujahideen" | "emirate" => ActorKind::ArmedGroup,
        "organization" | "organisation" | "union" | "alliance" | "bloc" | "nations" | "community" => {
            ActorKind::IntergovernmentalOrganization
        }
        "party" | "association" | "federation" | "coalition" | "group" | "society" => ActorKind::Group,
        _ => return None,
    })
}

/// Capitalised words that do not start a name by themselves.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "for",
    "of",
    "to",
    "and",
    "but",
    "or",
    "as",
    "by",
    "with",
    "from",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "his",
    "her",
    "their",
    "our",
    "there",
    "here",
    "when",
    "while",
    "after",
    "before",
    "since",
    "however",
    "meanwhile",
    "notably",
    "additionally",
    "although",
    "though",
    "earlier",
    "later",
    "last",
    "next",
    "why",
    "what",
    "who",
    "how",
    "where",
    "will",
    "would",
    "ever",
    "unlike",
    "according",
    "also",
    "both",
    "all",
    "some",
    "many",
    "several",
    "most",
    "more",
    "such",
    "other",
    "previously",
    "recently",
    "back",
    "yes",
    "no",
    "image",
    "photo",
    "read",
    "mr",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "islamist",
    "islamic",
    "soviet",
    "western",
    "eastern",
    "northern",
    "southern",
    "central",
    "former",
    "ex",
    "new",
    "international",
    "breaking",
];

fn discover_names(
    people: &mut People,
    lexicon: &Lexicon,
    text: &str,
    sentence: usize,
    local_names: &mut Vec<(String, ActorId)>,
) {
    let tokens = Rc::clone(&people.tokens[sentence]);
    let mut index = 0;
    while index < tokens.len() {
        let token = &tokens[index];
        if !token.is_word
            || !token.capitalized
            || covered(people, sentence, &token.range)
            || NOT_NAMES.contains(&token.lower.as_str())
        {
            index += 1;
            continue;
        }
        // A run of capitalised words, allowing "of", "for", "al", "bin" inside.
        let mut end = index;
        while end + 1 < tokens.len() {
            let next = &tokens[end + 1];
            let joins =
                matches!(next.lower.as_str(), "of" | "for" | "al" | "bin" | "ibn" | "de" | "von" | "van" | "on")
                    && tokens.get(end + 2).is_some_and(|t| t.capitalized && t.is_word);
            if next.is_word && (next.capitalized || joins) && !covered(people, sentence, &next.range) {
                end += 1;
            } else {
                break;
            }
        }
        let run = &tokens[index..=end];
        let span = run[0].range.start..run[run.len() - 1].range.end;
        let name = text[span.clone()].to_string();
        index = end + 1;

        // A name found earlier in the document, possibly after a capitalised sentence opener
        // ("Then Quartermain left").
        let known = (0..run.len()).find_map(|skip| {
            let start = run[skip].range.start;
            let rest = &text[start..span.end];
            local_names.iter().find(|(n, _)| n == rest).map(|(_, actor)| (start, actor.clone()))
        });
        if let Some((start, actor)) = known {
            people.add_mention(sentence, Mention { actor, range: start..span.end, kind: MentionKind::Discovered });
            continue;
        }
        let kind = type_by_context(lexicon, &tokens, run, index - run.len());
        let Some(kind) = kind else { continue };
        let actor = people.register_discovered(&name, kind);
        if kind == ActorKind::Person && run.len() >= 2 {
            let surname = text[run[run.len() - 1].range.clone()].to_string();
            local_names.push((surname, actor.clone()));
        }
        local_names.push((name, actor.clone()));
        people.add_mention(sentence, Mention { actor, range: span, kind: MentionKind::Discovered });
    }
}

/// The type of an unknown name from what surrounds it, or `None` if nothing says.
fn type_by_context(lexicon: &Lexicon, tokens: &[Token], run: &[Token], start: usize) -> Option<ActorKind> {
    let last = run.last()?.lower.as_str();
    if let Some(kind) = type_from_head(last) {
        if run.len() >= 2 {
            return Some(kind);
        }
    }
    let before = |back: usize| start.checked_sub(back).and_then(|i| tokens.get(i)).map(|t| t.lower.as_str());
    // "-based think-tank Royal United Services Institute"
    if matches!(before(1), Some("think-tank") | Some("tank")) {
        return Some(ActorKind::ThinkTank);
    }
    let looks_personal = (1..=3).contains(&run.len())
        && run.iter().all(|t| t.lower.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\''));
    if !looks_personal {
        return None;
    }
    if before(1).is_some_and(|w| PERSON_TITLES.contains(&w)) {
        return Some(ActorKind::Person);
    }
    let after = start + run.len();
    let next = |ahead: usize| tokens.get(after + ahead).map(|t| t.lower.as_str());
    if next(0) == Some(",") {
        let apposition = (1..=4).filter_map(next).any(|w| PERSON_APPOSITIONS.contains(&w));
        if apposition && run.len() >= 2 {
            return Some(ActorKind::Person);
        }
    }
    // "Antonio Giustozzi said": two or three capitalised words as the subject of a reporting verb.
    let verb_words: Vec<&str> = (0..3).filter_map(next).collect();
    if run.len() >= 2 && !verb_words.is_empty() && !lexicon.words.reporting_at(&verb_words).is_empty() {
        return Some(ActorKind::Person);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;

    fn mentions(text: &str) -> Vec<(String, String, MentionKind)> {
        let lexicon = Lexicon::builtin().unwrap();
        let doc = Document::from_text("t.txt", text.to_string(), Default::default(), &lexicon.boilerplate);
        let people = find_mentions(&doc, &lexicon);
        let (actors, mentions) = people.finish();
        mentions.into_iter().map(|m| (doc.text[m.range].to_string(), actors[&m.actor].label.clone(), m.kind)).collect()
    }

    #[test]
    fn roles_join_names_and_possessives() {
        let found = mentions(
            "Kremlin Press Secretary Dmitry Peskov said so. Putin’s special representative on Afghanistan agreed.",
        );
        assert!(
            found.contains(&(
                "Kremlin Press Secretary Dmitry Peskov".into(),
                "Dmitry Peskov".into(),
                MentionKind::Role
            )),
            "{found:?}"
        );
        assert!(found.contains(&("Kremlin".into(), "Kremlin".into(), MentionKind::Name)), "{found:?}");
        assert!(
            found.contains(&(
                "Putin’s special representative on Afghanistan".into(),
                "Zamir Kabulov".into(),
                MentionKind::Role
            )),
            "{found:?}"
        );
    }

    #[test]
    fn descriptions_find_their_antecedents() {
        let found = mentions("The Russian Foreign Ministry met the Taliban. The group agreed, the Ministry said.");
        assert!(found.contains(&("The group".into(), "Taliban".into(), MentionKind::Description)), "{found:?}");
        assert!(
            found.contains(&("the Ministry".into(), "Russian Foreign Ministry".into(), MentionKind::Description)),
            "{found:?}"
        );
    }

    #[test]
    fn relational_phrases() {
        let found = mentions(
            "Uzbekistan hosts a Russian military base. The Kyrgyz parliament said the Taliban representatives left.",
        );
        let has = |text: &str, label: &str| {
            found.iter().any(|m| m.0 == text && m.1 == label && m.2 == MentionKind::Description)
        };
        assert!(has("Russian military base", "201st Russian military base"), "{found:?}");
        assert!(has("Kyrgyz parliament", "Kyrgyz parliament"), "{found:?}");
        assert!(has("Taliban representatives", "Taliban"), "{found:?}");
        // A pronoun's relational phrase only refers to what the document names.
        let found = mentions("Russia kept its embassy open. Russia's embassy in Kabul stayed open.");
        assert!(found.iter().any(|m| m.0 == "its embassy" && m.1 == "Russian Embassy in Kabul"), "{found:?}");
        let found = mentions("Iran kept its embassy open.");
        assert!(!found.iter().any(|m| m.0 == "its embassy"), "{found:?}");
    }

    #[test]
    fn roles_alone_and_groups_of_people() {
        let found = mentions("Putin called the Tajik President on Thursday. The two leaders discussed Afghanistan. The former Afghan President Hamid Karzai stayed.");
        assert!(found.contains(&("Tajik President".into(), "Emomali Rakhmon".into(), MentionKind::Role)), "{found:?}");
        assert!(
            found.contains(&("The two leaders".into(), "Vladimir Putin".into(), MentionKind::Description)),
            "{found:?}"
        );
        assert!(
            found.contains(&("The two leaders".into(), "Emomali Rakhmon".into(), MentionKind::Description)),
            "{found:?}"
        );
        assert!(!found.iter().any(|m| m.1 == "Ashraf Ghani"), "a former president is not the one in office: {found:?}");
    }

    #[test]
    fn unknown_names_need_a_typing_context() {
        let found = mentions("Jane Quartermain, a spokeswoman for the alliance, said talks went well. Then Quartermain left. Notably Fluffy Words appeared.");
        assert!(
            found.contains(&("Jane Quartermain".into(), "Jane Quartermain".into(), MentionKind::Discovered)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Quartermain".into(), "Jane Quartermain".into(), MentionKind::Discovered)),
            "{found:?}"
        );
        assert!(!found.iter().any(|m| m.0.contains("Fluffy")), "{found:?}");
        let found = mentions("The Ruritanian Defence Council said it would act. Officials at the Lisbon-based think-tank Atlantic Policy Lab agreed.");
        assert!(found.iter().any(|m| m.1 == "Ruritanian Defence Council"), "{found:?}");
        assert!(found.iter().any(|m| m.1 == "Atlantic Policy Lab"), "{found:?}");
    }
}
