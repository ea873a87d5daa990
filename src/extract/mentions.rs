//! Who a document talks about, and where: actor mentions on the parse.
//!
//! Candidates come from the named-entity recogniser (PERSON, ORG, GPE, LOC, FAC) and the
//! gazetteer; an entity is linked to the gazetteer entry whose name or alias it is, else it is a
//! discovered actor typed by its label and the words of its name ("Ministry" → government body,
//! "Forces" → military unit, "Front" → armed group, ...). Titles stay out of names ("Gen.
//! Abdourahmane Tchiani" is "Abdourahmane Tchiani"). Then, within the document:
//! - positions held ("Kremlin Press Secretary") name their holder, for documents dated in the
//!   period the gazetteer gives for them, never otherwise;
//! - acronyms introduced in parentheses ("Rapid Support Forces (RSF)") and surnames of people
//!   named in full ("Burhan") refer to the same actor;
//! - relational phrases refer to a state or a body of it ("Russian officials", "the Iranian
//!   government" are the state; "Pakistan's foreign ministry" is a body of it);
//! - a capital that acts stands for its state ("Kigali said");
//! - definite descriptions ("the group", "the bloc") refer to the nearest fitting actor before.
//!
//! Pronouns are resolved when a rule needs them ([`Cast::pronoun`]).

use std::collections::BTreeMap;
use std::ops::Range;

use dossier_nlp::Pos;
use jiff::civil::Date;
use rustc_hash::FxHashMap as HashMap;

use super::syntax::Parse;
use super::{Actor, ActorId, Mention, MentionKind};
use crate::lexicon::gazetteer::FormKind;
use crate::lexicon::{ActorKind, EntryId, Lexicon};
use crate::vocab;

/// A mention with where it lies in the parse.
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    pub(crate) mention: Mention,
    pub(crate) tokens: Range<usize>,
}

/// The actors of one document and their mentions, as the rules find them.
pub(crate) struct Cast<'l> {
    lexicon: &'l Lexicon,
    actors: BTreeMap<ActorId, Actor>,
    placed: Vec<Placed>,
    /// The mention covering each token.
    by_token: Vec<Option<u32>>,
}

/// Words that title a person and are not part of the name.
const TITLES: &[&str] = &[
    "president",
    "prime",
    "minister",
    "gen",
    "gen.",
    "general",
    "lt",
    "lt.",
    "col",
    "col.",
    "colonel",
    "maj",
    "maj.",
    "major",
    "capt",
    "capt.",
    "captain",
    "sgt",
    "sgt.",
    "adm",
    "adm.",
    "admiral",
    "field",
    "marshal",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "sir",
    "dame",
    "lord",
    "sheikh",
    "sheik",
    "king",
    "queen",
    "prince",
    "princess",
    "emir",
    "sultan",
    "pope",
    "rev",
    "rev.",
    "senator",
    "sen.",
    "sen",
    "rep.",
    "rep",
    "gov.",
    "governor",
    "mayor",
    "ambassador",
    "envoy",
    "chancellor",
    "secretary",
    "foreign",
    "defence",
    "defense",
    "interior",
    "vice",
    "deputy",
    "chief",
    "justice",
    "judge",
    "commander",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "premier",
    "ayatollah",
    "imam",
    "cardinal",
    "archbishop",
    "brig.",
    "brig",
    "brigadier",
    "lieutenant",
    "sergeant",
    "mr",
    "madam",
    "excellency",
    "hon.",
    "honourable",
    "honorable",
];

/// Entity labels that can name an actor or a place.
const ACTOR_LABELS: [&str; 5] = ["PERSON", "ORG", "GPE", "LOC", "FAC"];

impl<'l> Cast<'l> {
    /// The mention covering a token.
    pub(crate) fn at(&self, token: usize) -> Option<&Placed> {
        self.by_token.get(token).copied().flatten().map(|m| &self.placed[m as usize])
    }

    /// The actor with this id.
    pub(crate) fn actor(&self, id: &ActorId) -> &Actor {
        &self.actors[id]
    }

    pub(crate) fn kind(&self, id: &ActorId) -> ActorKind {
        self.actors[id].kind
    }

    /// Mentions in text order.
    pub(crate) fn placed(&self) -> &[Placed] {
        &self.placed
    }

    /// Actors and mentions, for the findings.
    pub(crate) fn finish(self) -> (BTreeMap<ActorId, Actor>, Vec<Mention>) {
        let mentions = self.placed.into_iter().map(|p| p.mention).collect();
        (self.actors, mentions)
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

    /// The actor of a gazetteer IRI, registered.
    pub(crate) fn by_iri(&mut self, iri: &str) -> Option<ActorId> {
        let entry = self.lexicon.gazetteer.by_iri(iri)?;
        Some(self.register_entry(entry))
    }

    fn register_discovered(&mut self, name: &str, kind: ActorKind) -> ActorId {
        let id = ActorId(vocab::discovered_actor(name));
        let actor = self.actors.entry(id.clone()).or_insert_with(|| Actor {
            id: id.clone(),
            kind,
            label: name.to_string(),
            aliases: Vec::new(),
            curated: false,
        });
        // A name seen as a person and as an organisation: the person wins over a default.
        if actor.kind == ActorKind::Group && kind != ActorKind::Group {
            actor.kind = kind;
        }
        id
    }

    /// Adds a surface form to an actor's names (what the text calls it).
    fn add_alias(&mut self, id: &ActorId, name: &str) {
        if let Some(actor) = self.actors.get_mut(id) {
            let name = name.trim();
            if !name.is_empty() && actor.label != name && !actor.aliases.iter().any(|a| a == name) {
                actor.aliases.push(name.to_string());
            }
        }
    }

    /// Records a mention of tokens `tokens` unless one already covers any of them.
    fn place(&mut self, parse: &Parse, tokens: Range<usize>, actor: ActorId, kind: MentionKind) -> bool {
        if tokens.is_empty() || tokens.clone().any(|t| self.by_token[t].is_some()) {
            return false;
        }
        let range = parse.bytes(tokens.clone());
        if matches!(kind, MentionKind::Name | MentionKind::Discovered | MentionKind::Description | MentionKind::Role) {
            let surface = parse.span_text(tokens.clone()).to_string();
            self.add_alias(&actor, &surface);
        }
        let index = self.placed.len() as u32;
        for t in tokens.clone() {
            self.by_token[t] = Some(index);
        }
        self.placed.push(Placed { mention: Mention { actor, range, kind }, tokens });
        true
    }

    /// The actors a noun phrase headed by `token` refers to: its mention, the mention of an
    /// apposition, a relational phrase's referent, a resolved pronoun, and those of the phrases
    /// coordinated with it ("Russia and China").
    pub(crate) fn actors_of(&mut self, parse: &Parse, token: usize) -> Vec<ActorId> {
        let mut out = Vec::new();
        for t in std::iter::once(token).chain(parse.conjuncts(token)) {
            if let Some(a) = self.actor_of_phrase(parse, t) {
                if !out.contains(&a) {
                    out.push(a);
                }
            }
        }
        out
    }

    /// The actor one noun phrase (without its conjuncts) refers to.
    pub(crate) fn actor_of_phrase(&mut self, parse: &Parse, token: usize) -> Option<ActorId> {
        if let Some(p) = self.at(token) {
            return Some(p.mention.actor.clone());
        }
        if parse.pos(token) == Pos::Pron {
            return self.pronoun(parse, token);
        }
        // "Hamas, the militant group" / "the group, Hamas": the apposition's mention.
        for c in parse.children_with(token, &["appos"]) {
            if let Some(p) = self.at(c) {
                return Some(p.mention.actor.clone());
            }
        }
        // A noun whose modifier is a mention: "the Taliban government", "Wagner mercenaries".
        if parse.is_noun(token) {
            for c in parse.children_with(token, &["compound", "poss", "nmod", "amod"]) {
                if let Some(p) = self.at(c) {
                    if p.tokens.end == token || parse.dep(c) == "poss" {
                        let actor = p.mention.actor.clone();
                        if self.kind(&actor).is_actor() && !self.relational_head(parse, token) {
                            return Some(actor);
                        }
                    }
                }
            }
        }
        None
    }

    /// The state a nationality adjective stands for when it modifies an act ("the Russian
    /// invasion": Russia), registered without a mention (an adjective is not a name).
    pub(crate) fn demonym_actor(&mut self, parse: &Parse, token: usize) -> Option<ActorId> {
        let entry = demonym_entry(parse, self.lexicon, token)?;
        Some(self.register_entry(entry))
    }

    /// Whether a noun is one of the relational words that name a distinct actor ("embassy",
    /// "ministry") rather than the possessor itself.
    fn relational_head(&self, parse: &Parse, token: usize) -> bool {
        self.lexicon.words.relations_at(&[parse.lower(token)]).iter().any(|r| r.kind.is_some())
    }

    /// The actor a personal or possessive pronoun refers to: for "he", "she", "his", "her"
    /// the nearest person mentioned before it (the subject of its sentence first, then of the
    /// previous ones); for "it", "its", "they", "their" the nearest state, organisation or
    /// group, a subject first.
    pub(crate) fn pronoun(&mut self, parse: &Parse, token: usize) -> Option<ActorId> {
        let word = parse.lower(token);
        let personal = matches!(word, "he" | "she" | "him" | "his" | "her" | "hers" | "himself" | "herself");
        let collective = matches!(word, "it" | "its" | "itself" | "they" | "them" | "their" | "theirs" | "themselves");
        if !personal && !collective {
            return None;
        }
        let fits = |kind: ActorKind| if personal { kind == ActorKind::Person } else { kind.is_collective() };
        let sentence = parse.sentence_of(token);
        for s in (sentence.saturating_sub(3)..=sentence).rev() {
            let range = parse.sentence(s);
            let end = if s == sentence { token } else { range.end };
            // Candidates before the pronoun in this sentence; a subject is preferred.
            let mut best: Option<(bool, usize, ActorId)> = None;
            for p in self.placed.iter().filter(|p| p.tokens.start >= range.start && p.tokens.end <= end) {
                let actor = &p.mention.actor;
                if !fits(self.kind(actor)) {
                    continue;
                }
                let head = phrase_head(parse, &p.tokens);
                let subject = matches!(parse.dep(head), "nsubj" | "nsubjpass");
                let candidate = (subject, p.tokens.start, actor.clone());
                let better = match &best {
                    None => true,
                    // In the pronoun's own sentence the nearest subject wins; before it, the
                    // subject of the sentence, else the nearest mention.
                    Some((bs, bstart, _)) => (subject, p.tokens.start) > (*bs, *bstart),
                };
                if better {
                    best = Some(candidate);
                }
            }
            if let Some((_, _, actor)) = best {
                return Some(actor);
            }
        }
        None
    }
}

/// The syntactic head of a token range: the token whose head lies outside it.
pub(crate) fn phrase_head(parse: &Parse, tokens: &Range<usize>) -> usize {
    tokens.clone().find(|&t| !tokens.contains(&parse.head(t)) || parse.head(t) == t).unwrap_or(tokens.start)
}

/// Finds the mentions of a document.
pub(crate) fn find<'l>(parse: &Parse, lexicon: &'l Lexicon, published: Option<Date>) -> Cast<'l> {
    let n = parse.len();
    let mut cast = Cast { lexicon, actors: BTreeMap::new(), placed: Vec::new(), by_token: vec![None; n] };
    let token_at = TokenIndex::new(parse);
    // Gazetteer forms, aligned to tokens and inside the article.
    let mut names: Vec<(Range<usize>, EntryId)> = Vec::new();
    let mut roles: Vec<(Range<usize>, EntryId)> = Vec::new();
    for m in lexicon.gazetteer.find(parse.text) {
        let Some(tokens) = token_at.span(&m.range) else { continue };
        if !tokens.clone().all(|t| parse.in_article(t)) {
            continue;
        }
        match m.form {
            FormKind::Name => names.push((tokens, m.entry)),
            FormKind::Role => roles.push((tokens, m.entry)),
            FormKind::Demonym => {}
        }
    }
    // 1. Named entities, linked to the gazetteer or discovered.
    let mut entity_spans: Vec<Range<usize>> = Vec::new();
    for entity in parse.doc.entities() {
        if !ACTOR_LABELS.contains(&entity.label()) {
            continue;
        }
        let full = entity.token_range();
        if !full.clone().all(|t| parse.in_article(t)) {
            continue;
        }
        let tokens = trim_entity(parse, full.clone(), entity.label());
        if tokens.is_empty() {
            continue;
        }
        entity_spans.push(full.clone());
        // The gazetteer name that is the entity (allowing a leading "the").
        let linked = names
            .iter()
            .find(|(r, _)| {
                *r == tokens || *r == full || (r.end == tokens.end && r.start <= tokens.start && r.start >= full.start)
            })
            .map(|(r, e)| (r.clone(), *e));
        match linked {
            Some((r, entry)) => {
                // A person's name is never read as a place or state it contains ("Michael Jordan").
                let entry_kind = lexicon.gazetteer.entry(entry).kind;
                if entity.label() == "PERSON" && entry_kind != ActorKind::Person {
                    let id = cast.register_discovered(parse.span_text(tokens.clone()), ActorKind::Person);
                    cast.place(parse, tokens, id, MentionKind::Discovered);
                } else {
                    let id = cast.register_entry(entry);
                    cast.place(parse, r, id, MentionKind::Name);
                }
            }
            None => {
                let name = parse.span_text(tokens.clone());
                if !plausible_name(parse, &tokens) {
                    continue;
                }
                // A longer name that contains a known one is its own actor ("West African Economic
                // and Monetary Union"), unless it is the known name with a title.
                let kind = discovered_kind(entity.label(), name);
                let id = cast.register_discovered(name, kind);
                cast.place(parse, tokens, id, MentionKind::Discovered);
            }
        }
    }
    // 2. Positions held, for documents dated within the period the gazetteer gives them.
    for (tokens, entry) in roles {
        if role_applies(lexicon, entry, published) {
            let id = cast.register_entry(entry);
            // "Kremlin Press Secretary Dmitry Peskov": one mention.
            let mut span = tokens.clone();
            if let Some(next) = cast.at(span.end).filter(|p| p.mention.actor == id).map(|p| p.tokens.clone()) {
                span.end = next.end;
                for t in next.clone() {
                    cast.by_token[t] = None;
                }
                if let Some(i) = cast.placed.iter().position(|p| p.tokens == next) {
                    cast.placed.remove(i);
                    reindex(&mut cast);
                }
            }
            cast.place(parse, span, id, MentionKind::Role);
        }
    }
    // 3. Gazetteer names the recogniser missed ("ECOWAS objected").
    for (tokens, entry) in &names {
        let inside_entity =
            entity_spans.iter().any(|e| e.start <= tokens.start && tokens.end <= e.end && *e != *tokens);
        if inside_entity {
            continue;
        }
        let text = parse.span_text(tokens.clone());
        let capitalised = text.chars().next().is_some_and(char::is_uppercase);
        let kind = lexicon.gazetteer.entry(*entry).kind;
        if !capitalised && kind != ActorKind::Group {
            continue;
        }
        let id = cast.register_entry(*entry);
        cast.place(parse, tokens.clone(), id, MentionKind::Name);
    }
    sort_mentions(&mut cast);
    // 4. Acronyms introduced in parentheses, then their later uses.
    acronyms(&mut cast, parse);
    // 5. Surnames of people named in full.
    surnames(&mut cast, parse);
    // 6. Relational phrases ("Russian officials", "Pakistan's foreign ministry").
    relational(&mut cast, parse, lexicon);
    // 7. Capitals that act stand for their state.
    metonyms(&mut cast, parse, lexicon);
    // 8. Definite descriptions.
    descriptions(&mut cast, parse, lexicon);
    sort_mentions(&mut cast);
    cast
}

fn sort_mentions(cast: &mut Cast) {
    cast.placed.sort_by_key(|p| (p.tokens.start, p.tokens.end));
    reindex(cast);
}

fn reindex(cast: &mut Cast) {
    cast.by_token.fill(None);
    for (i, p) in cast.placed.iter().enumerate() {
        for t in p.tokens.clone() {
            cast.by_token[t] = Some(i as u32);
        }
    }
}

/// Byte offsets to tokens.
struct TokenIndex {
    starts: HashMap<usize, usize>,
    ends: HashMap<usize, usize>,
}

impl TokenIndex {
    fn new(parse: &Parse) -> TokenIndex {
        let mut starts = HashMap::default();
        let mut ends = HashMap::default();
        for t in parse.doc.tokens() {
            starts.insert(t.byte_range().start, t.i());
            ends.insert(t.byte_range().end, t.i());
        }
        TokenIndex { starts, ends }
    }

    /// The tokens exactly covering a byte range, if its ends fall on token boundaries.
    fn span(&self, range: &Range<usize>) -> Option<Range<usize>> {
        let start = *self.starts.get(&range.start)?;
        let end = *self.ends.get(&range.end)?;
        (start <= end).then_some(start..end + 1)
    }
}

/// An entity's tokens without a leading article or title, or a trailing possessive.
fn trim_entity(parse: &Parse, mut tokens: Range<usize>, label: &str) -> Range<usize> {
    while tokens.start < tokens.end && matches!(parse.lower(tokens.start), "the" | "a" | "an") {
        tokens.start += 1;
    }
    while tokens.start < tokens.end && matches!(parse.lower(tokens.end - 1), "'s" | "’s" | "'" | "’") {
        tokens.end -= 1;
    }
    if label == "PERSON" {
        // Titles before the name ("Gen.", "President", "Foreign Minister"), never the whole.
        while tokens.len() > 1 && TITLES.contains(&parse.lower(tokens.start)) {
            tokens.start += 1;
        }
    }
    tokens
}

/// Whether an entity's text can be a name: not only digits, symbols or lower-case words, and
/// not an abbreviation alone ("Gen.").
fn plausible_name(parse: &Parse, tokens: &Range<usize>) -> bool {
    let text = parse.span_text(tokens.clone());
    let has_upper = text.chars().any(char::is_uppercase);
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if !has_upper || letters < 2 {
        return false;
    }
    if tokens.len() == 1 && (TITLES.contains(&parse.lower(tokens.start)) || text.ends_with('.') && letters <= 4) {
        return false;
    }
    true
}

/// The type of an actor the text names but the gazetteer does not know, from its entity label
/// and the words of its name.
pub(crate) fn discovered_kind(label: &str, name: &str) -> ActorKind {
    match label {
        "PERSON" => return ActorKind::Person,
        "GPE" | "LOC" | "FAC" => return ActorKind::Place,
        _ => {}
    }
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    if has(&[
        "news",
        "times",
        "post",
        "tv",
        "television",
        "radio",
        "press",
        "herald",
        "tribune",
        "journal",
        "gazette",
        "broadcasting",
        "broadcaster",
        "newspaper",
        "daily",
        "reuters",
        "afp",
        "bbc",
        "cnn",
        "xinhua",
        "tass",
        "irna",
        "ria",
        "interfax",
        "aljazeera",
        "telegraph",
        "guardian",
        "observer",
        "chronicle",
        "wire",
    ]) {
        return ActorKind::MediaOrganization;
    }
    if has(&[
        "institute",
        "institution",
        "foundation",
        "centre",
        "center",
        "university",
        "think",
        "tank",
        "watch",
        "crisis",
        "research",
        "studies",
        "amnesty",
    ]) {
        return ActorKind::ThinkTank;
    }
    if has(&[
        "front",
        "movement",
        "brigades",
        "militia",
        "militias",
        "liberation",
        "jihad",
        "mujahideen",
        "rebels",
        "insurgents",
        "fighters",
        "jamaat",
        "ansar",
        "hezbollah",
        "hamas",
        "taliban",
        "shabaab",
        "qaeda",
        "tigers",
    ]) {
        return ActorKind::ArmedGroup;
    }
    if has(&[
        "army",
        "forces",
        "force",
        "military",
        "navy",
        "naval",
        "guard",
        "guards",
        "police",
        "command",
        "troops",
        "battalion",
        "regiment",
        "division",
        "corps",
        "gendarmerie",
        "brigade",
        "squadron",
        "fleet",
        "coastguard",
    ]) {
        return ActorKind::MilitaryUnit;
    }
    if has(&[
        "union",
        "organization",
        "organisation",
        "nations",
        "community",
        "alliance",
        "bank",
        "fund",
        "league",
        "cooperation",
        "bloc",
        "opec",
        "treaty",
    ]) {
        return ActorKind::IntergovernmentalOrganization;
    }
    if has(&[
        "ministry",
        "ministries",
        "government",
        "council",
        "parliament",
        "assembly",
        "senate",
        "congress",
        "court",
        "commission",
        "presidency",
        "office",
        "department",
        "agency",
        "authority",
        "authorities",
        "cabinet",
        "administration",
        "embassy",
        "consulate",
        "secretariat",
        "bureau",
        "service",
        "committee",
        "tribunal",
        "kremlin",
        "house",
        "palace",
        "junta",
        "party",
        "state",
    ]) {
        return ActorKind::GovernmentBody;
    }
    ActorKind::Group
}

/// Whether a gazetteer position names its holder in a document of this date.
fn role_applies(lexicon: &Lexicon, entry: EntryId, published: Option<Date>) -> bool {
    match lexicon.gazetteer.entry(entry).roles_valid {
        None => true,
        Some((from, until)) => published.is_some_and(|d| from <= d && d <= until),
    }
}

/// "the Rapid Support Forces (RSF)": RSF is a name of that actor here, and later mentions of
/// RSF are mentions of it.
fn acronyms(cast: &mut Cast, parse: &Parse) {
    let mut found: Vec<(String, ActorId)> = Vec::new();
    for p in cast.placed.clone() {
        let open = p.tokens.end;
        if open + 2 >= parse.len() || parse.word(open) != "(" || parse.word(open + 2) != ")" {
            continue;
        }
        let inner = parse.word(open + 1);
        let letters: Vec<char> = inner.chars().filter(|c| c.is_alphabetic()).collect();
        if !(2..=8).contains(&letters.len()) || !letters.iter().all(|c| c.is_uppercase()) {
            continue;
        }
        // The acronym's first letter is the name's first word's initial.
        let name = parse.span_text(p.tokens.clone());
        if !name.chars().next().is_some_and(|c| c.to_uppercase().next() == Some(letters[0])) {
            continue;
        }
        cast.add_alias(&p.mention.actor, inner);
        if cast.at(open + 1).is_none() {
            cast.place(parse, open + 1..open + 2, p.mention.actor.clone(), MentionKind::Name);
        }
        found.push((inner.to_string(), p.mention.actor.clone()));
    }
    if found.is_empty() {
        return;
    }
    for t in 0..parse.len() {
        if cast.at(t).is_some() || !parse.in_article(t) {
            continue;
        }
        if let Some((_, actor)) = found.iter().find(|(a, _)| a == parse.word(t)) {
            cast.place(parse, t..t + 1, actor.clone(), MentionKind::Name);
        }
    }
}

/// Later uses of a person's surname (or of the name with a title: "Mr Burhan").
fn surnames(cast: &mut Cast, parse: &Parse) {
    let mut by_surname: HashMap<String, Option<ActorId>> = HashMap::default();
    for p in &cast.placed {
        let actor = cast.actor(&p.mention.actor);
        if actor.kind != ActorKind::Person || p.tokens.len() < 2 {
            continue;
        }
        let last = parse.word(p.tokens.end - 1).to_string();
        let slot = by_surname.entry(last).or_insert_with(|| Some(p.mention.actor.clone()));
        if slot.as_ref() != Some(&p.mention.actor) {
            *slot = None; // two people share it: ambiguous
        }
    }
    if by_surname.is_empty() {
        return;
    }
    let mut t = 0;
    while t < parse.len() {
        let taken = cast.at(t).map(|p| p.tokens.clone());
        if let Some(r) = taken {
            // A single-token discovered person who is a known surname: the full person.
            let p = cast.at(t).cloned();
            if let Some(p) = p {
                if p.tokens.len() == 1 && p.mention.kind == MentionKind::Discovered {
                    if let Some(Some(full)) = by_surname.get(parse.word(t)) {
                        if *full != p.mention.actor && cast.kind(full) == ActorKind::Person {
                            let index = cast.by_token[t].unwrap_or(0) as usize;
                            cast.placed[index].mention.actor = full.clone();
                            cast.placed[index].mention.kind = MentionKind::Name;
                        }
                    }
                }
            }
            t = r.end;
            continue;
        }
        if parse.in_article(t) && parse.pos(t) == Pos::Propn {
            if let Some(Some(actor)) = by_surname.get(parse.word(t)).cloned() {
                cast.place(parse, t..t + 1, actor, MentionKind::Name);
            }
        }
        t += 1;
    }
    // Persons found only by surname no longer stand alone.
    let used: std::collections::BTreeSet<ActorId> = cast.placed.iter().map(|p| p.mention.actor.clone()).collect();
    cast.actors.retain(|id, _| used.contains(id));
}

/// Relational phrases: a noun from `relations.tsv` with a possessor that is a mention, a
/// demonym or a pronoun. "=" nouns refer to the possessor ("Russian officials" → Russia); the
/// others to an actor of their kind named by the phrase ("Pakistan's foreign ministry").
fn relational(cast: &mut Cast, parse: &Parse, lexicon: &Lexicon) {
    for t in 0..parse.len() {
        if !parse.in_article(t) || !parse.is_noun(t) || cast.at(t).is_some() {
            continue;
        }
        // The relational noun may be a compound ("foreign ministry"): look it up from its first
        // compound modifier.
        let mut start = t;
        while start > 0
            && parse.head(start - 1) == t
            && parse.dep(start - 1) == "compound"
            && cast.at(start - 1).is_none()
        {
            start -= 1;
        }
        let words: Vec<&str> = (start..=t).map(|i| parse.lower(i)).collect();
        let relations = lexicon.words.relations_at(&words);
        let Some(relation) = relations.iter().find(|r| r.words.len() == words.len()) else { continue };
        // The possessor: a mention before the noun in its phrase, or a demonym.
        let mut possessor: Option<(ActorId, usize)> = None;
        for c in parse.children(t) {
            if c >= start || !matches!(parse.dep(c), "poss" | "compound" | "amod" | "nmod") {
                continue;
            }
            if let Some(p) = cast.at(c) {
                possessor = Some((p.mention.actor.clone(), p.tokens.start));
            } else if let Some(entry) = demonym_entry(parse, lexicon, c) {
                possessor = Some((cast.register_entry(entry), c));
            } else if parse.pos(c) == Pos::Pron && parse.dep(c) == "poss" {
                if let Some(a) = cast.pronoun(parse, c) {
                    possessor = Some((a, c));
                }
            }
        }
        let Some((owner, from)) = possessor else { continue };
        let owner_kind = cast.kind(&owner);
        if !relation.possessors.contains(&owner_kind) {
            continue;
        }
        // The phrase: from the possessor (or the article before it) to the noun.
        let mut begin = from.min(start);
        if let Some(p) = cast.at(begin) {
            begin = p.tokens.start;
        }
        let span = begin..t + 1;
        match relation.kind {
            None => {
                // The possessor itself ("Russian officials", "the Taliban's representatives").
                if cast.at(from).is_some() && !cast.at(from).is_some_and(|p| p.tokens.end <= start) {
                    continue;
                }
                let free = span.clone().filter(|&i| cast.at(i).is_none()).collect::<Vec<_>>();
                if let (Some(&a), Some(&b)) = (free.first(), free.last()) {
                    cast.place(parse, a..b + 1, owner, MentionKind::Role);
                }
            }
            Some(kind) => {
                if span.clone().any(|i| cast.at(i).is_some()) {
                    // Keep the possessor's own mention; the body gets the rest of the phrase.
                    let owner_tokens = cast.at(from).map(|p| p.tokens.clone()).unwrap_or(from..from + 1);
                    let name = phrase_name(parse, lexicon, &owner, owner_kind, cast, start..t + 1);
                    let id = cast.register_discovered(&name, kind);
                    let rest = owner_tokens.end.max(start)..t + 1;
                    let surface = parse.span_text(span.clone()).to_string();
                    cast.add_alias(&id, &surface);
                    cast.place(parse, rest, id, MentionKind::Role);
                } else {
                    let name = phrase_name(parse, lexicon, &owner, owner_kind, cast, start..t + 1);
                    let id = cast.register_discovered(&name, kind);
                    cast.place(parse, span, id, MentionKind::Role);
                }
            }
        }
    }
}

/// The name of a body of a state: the gazetteer's if it knows "<Demonym> <noun>" ("Russian
/// Foreign Ministry"), else "<Demonym> <noun>" with the state's first demonym, or the state's
/// name with the noun.
fn phrase_name(
    parse: &Parse,
    lexicon: &Lexicon,
    owner: &ActorId,
    owner_kind: ActorKind,
    cast: &Cast,
    noun: Range<usize>,
) -> String {
    let noun_text = title_case(parse.span_text(noun));
    let owner_label = cast.actor(owner).label.clone();
    if owner_kind == ActorKind::Country {
        if let Some(entry) = lexicon.gazetteer.by_iri(&owner.0) {
            if let Some(demonym) = lexicon.gazetteer.entry(entry).demonyms.first() {
                return format!("{demonym} {noun_text}");
            }
        }
    }
    format!("{owner_label} {noun_text}")
}

fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The gazetteer entry a demonym token stands for ("Russian" → Russia).
fn demonym_entry(parse: &Parse, lexicon: &Lexicon, token: usize) -> Option<EntryId> {
    let range = parse.bytes(token..token + 1);
    lexicon
        .gazetteer
        .find(&parse.text[range.clone()])
        .into_iter()
        .find(|m| m.form == FormKind::Demonym && m.range == (0..range.len()))
        .map(|m| m.entry)
}

/// A capital that acts, speaks or is addressed stands for its state ("Kigali said", "talks
/// between Moscow and Kyiv"); a capital named as a location stays a place.
fn metonyms(cast: &mut Cast, parse: &Parse, lexicon: &Lexicon) {
    for index in 0..cast.placed.len() {
        let p = &cast.placed[index];
        if cast.kind(&p.mention.actor) != ActorKind::Place {
            continue;
        }
        let Some(country) = lexicon.gazetteer.country_with_capital(&p.mention.actor.0) else { continue };
        let head = phrase_head(parse, &p.tokens);
        let acting = |t: usize| -> bool {
            match parse.dep(t) {
                "nsubj" | "nsubjpass" | "poss" | "dobj" => true,
                "pobj" => {
                    let prep = parse.head(t);
                    matches!(parse.lemma(prep), "between" | "with" | "by" | "against" | "from")
                        || (parse.lemma(prep) == "to" && !parse.is_verb(parse.head(prep)))
                }
                _ => false,
            }
        };
        let mut t = head;
        // A conjunct acts as the first conjunct does.
        while parse.dep(t) == "conj" {
            t = parse.head(t);
        }
        if acting(t) {
            let id = cast.register_entry(country);
            cast.placed[index].mention.actor = id;
            cast.placed[index].mention.kind = MentionKind::Metonym;
        }
    }
}

/// "the group", "the bloc", "the ministry": the nearest fitting actor mentioned before.
fn descriptions(cast: &mut Cast, parse: &Parse, lexicon: &Lexicon) {
    let mut t = 0;
    while t < parse.len() {
        if !parse.in_article(t) || cast.at(t).is_some() || !matches!(parse.lower(t), "the" | "this" | "that") {
            t += 1;
            continue;
        }
        let words: Vec<&str> = (t..(t + 5).min(parse.len())).map(|i| parse.lower(i)).collect();
        let found = lexicon.words.descriptions_at(&words);
        let Some(description) = found.first() else {
            t += 1;
            continue;
        };
        let span = t..t + description.words.len();
        if span.clone().any(|i| cast.at(i).is_some()) || description.count != 1 {
            t += 1;
            continue;
        }
        let referent = cast
            .placed
            .iter()
            .rev()
            .filter(|p| p.tokens.end <= t && parse.sentence_of(p.tokens.start) + 3 >= parse.sentence_of(t))
            .find(|p| {
                let actor = cast.actor(&p.mention.actor);
                description.kinds.contains(&actor.kind)
                    && description.head.as_ref().is_none_or(|h| {
                        actor.label.to_lowercase().contains(h.as_str())
                            || actor.aliases.iter().any(|a| a.to_lowercase().contains(h.as_str()))
                    })
            })
            .map(|p| p.mention.actor.clone());
        if let Some(actor) = referent {
            cast.place(parse, span.clone(), actor, MentionKind::Description);
        }
        t = span.end;
    }
}
