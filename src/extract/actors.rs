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

use super::text::{tokenize, PronounKind, Token};
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
    /// Tokens per sentence.
    tokens: Vec<Vec<Token>>,
}

impl<'l> People<'l> {
    /// The tokens of sentence `index`.
    pub(crate) fn tokens(&self, sentence: usize) -> &[Token] {
        &self.tokens[sentence]
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
        let gazetteer = &self.lexicon.gazetteer;
        let (country, _) = gazetteer.entries().find(|(_, e)| e.capital.as_deref() == Some(place.0.as_str()))?;
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

    /// The actor a pronoun at `position` in sentence `sentence` most likely refers to: the
    /// nearest earlier mention of a fitting kind (persons for he/she, collectives for it/they),
    /// preferring the subject (first mention) of a sentence over later ones.
    pub fn resolve_pronoun(&self, kind: PronounKind, sentence: usize, position: usize) -> Option<ActorId> {
        let fits = |actor: &Actor| match kind {
            PronounKind::Person => actor.kind == ActorKind::Person,
            PronounKind::Collective => actor.kind.is_collective(),
            PronounKind::Plural => actor.kind.is_collective() || actor.kind == ActorKind::Group,
        };
        // This sentence, before the pronoun: the first fitting mention (the subject).
        let here =
            self.in_sentence(sentence).filter(|m| m.range.end <= position).find(|m| fits(&self.actors[&m.actor]));
        if let Some(m) = here {
            return Some(m.actor.clone());
        }
        for earlier in (0..sentence).rev().take(3) {
            let found =
                self.in_sentence(earlier).find(|m| fits(&self.actors[&m.actor]) && m.kind != MentionKind::Pronoun);
            if let Some(m) = found {
                return Some(m.actor.clone());
            }
        }
        None
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
    };
    let mut local_names: Vec<(String, ActorId)> = Vec::new();
    for (index, sentence) in document.sentences.iter().enumerate() {
        let range = sentence.range.clone();
        let tokens = tokenize(&document.text, range.clone());
        let forms = lexicon.gazetteer.find(&document.text[range.clone()]);
        let shift = |r: &Range<usize>| r.start + range.start..r.end + range.start;

        // Names first, then roles that extend or stand for a person.
        for form in forms.iter().filter(|f| f.form == FormKind::Name) {
            let actor = people.register_entry(form.entry);
            people.add_mention(index, Mention { actor, range: shift(&form.range), kind: MentionKind::Name });
        }
        for form in forms.iter().filter(|f| f.form == FormKind::Role) {
            let role = shift(&form.range);
            let actor = people.register_entry(form.entry);
            let mut start = role.start;
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
        people.tokens.push(tokens);
        find_descriptions(&mut people, lexicon, index);
        discover_names(&mut people, lexicon, &document.text, index, &mut local_names);
    }
    people
}

/// Whether a token lies inside an existing mention of the sentence.
fn covered(people: &People, sentence: usize, range: &Range<usize>) -> bool {
    people.in_sentence(sentence).any(|m| m.range.start < range.end && range.start < m.range.end)
}

fn find_descriptions(people: &mut People, lexicon: &Lexicon, sentence: usize) {
    let tokens = people.tokens[sentence].clone();
    let mut index = 0;
    while index < tokens.len() {
        let words: Vec<&str> = tokens[index..].iter().take(6).map(|t| t.lower.as_str()).collect();
        let Some(description) = lexicon.words.descriptions_at(&words).into_iter().next() else {
            index += 1;
            continue;
        };
        let span = tokens[index].range.start..tokens[index + description.words.len() - 1].range.end;
        let next = tokens.get(index + description.words.len());
        // "the militant group Taliban": an apposition, the name is already a mention.
        let appositive = next.is_some_and(|t| t.capitalized && covered(people, sentence, &t.range));
        if covered(people, sentence, &span) || appositive {
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
    let tokens = people.tokens[sentence].clone();
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
