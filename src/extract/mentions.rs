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
use crate::lexicon::WordClass;
use crate::lexicon::{ActorKind, EntryId, Lexicon, WordLists};
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
    /// Names inside a longer mention ("Kremlin" in "Kremlin Press Secretary Dmitry Peskov"):
    /// mentions of their own actors that no rule reads as an argument.
    nested: Vec<Placed>,
    /// Lower-case gazetteer names ("neighbouring countries", "refugees"): mentions only where
    /// they take part in an event or a claim.
    lazy: Vec<(Range<usize>, EntryId)>,
    /// Collective actors made so far, by (owner, class).
    collectives: HashMap<(Option<ActorId>, String), ActorId>,
    /// The document's collective phrases (found on first need).
    groups: Option<Vec<CollectivePhrase>>,
    /// The state the article is about (computed on first need).
    focus: Option<Option<ActorId>>,
    /// Capitals read as their state ("visited Moscow"), by their mention's first token: the
    /// city itself, which is where a meeting with the state takes place.
    capitals: HashMap<usize, ActorId>,
}

impl<'l> Cast<'l> {
    /// The mention covering a token.
    pub(crate) fn at(&self, token: usize) -> Option<&Placed> {
        self.by_token.get(token).copied().flatten().map(|m| &self.placed[m as usize])
    }

    /// The city of a capital that this token's mention reads as its state ("visited Moscow":
    /// Russia is visited, in Moscow).
    pub(crate) fn capital_at(&self, token: usize) -> Option<&ActorId> {
        let placed = self.at(token)?;
        self.capitals.get(&placed.tokens.start).filter(|_| placed.mention.kind == MentionKind::Metonym)
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

    /// The recogniser's names in the article that no mention covers (not bylines, credits or
    /// demonyms alone, which are left out on purpose).
    pub(crate) fn unlinked(&self, parse: &Parse) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (span, label) in entity_spans_of(parse) {
            if !span.clone().all(|t| parse.in_article(t)) || byline(parse, &span) {
                continue;
            }
            let covered =
                self.placed.iter().chain(&self.nested).any(|p| p.tokens.start < span.end && span.start < p.tokens.end);
            if covered {
                continue;
            }
            let text = parse.span_text(trim_entity(parse, &self.lexicon.words, span.clone(), label)).to_string();
            if text.chars().any(char::is_uppercase) && !out.contains(&text) {
                out.push(text);
            }
        }
        out
    }

    /// Actors and mentions, for the findings.
    pub(crate) fn finish(self) -> (BTreeMap<ActorId, Actor>, Vec<Mention>) {
        let mut mentions: Vec<Mention> = self.placed.into_iter().chain(self.nested).map(|p| p.mention).collect();
        mentions.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
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
    #[allow(dead_code)]
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
        // "a contractor known as the Wagner Group", "a group called X": the name given.
        for acl in parse.children_with(token, &["acl"]).collect::<Vec<_>>() {
            if !matches!(parse.lemma(acl), "know" | "call" | "name" | "dub") {
                continue;
            }
            let named: Vec<usize> = parse
                .prep_objects(acl, &["as"])
                .into_iter()
                .chain(parse.children_with(acl, &["oprd", "attr"]))
                .collect();
            for n in named {
                if let Some(p) = self.at(n) {
                    return Some(p.mention.actor.clone());
                }
            }
        }
        // A gazetteer description that takes part ("neighbouring countries").
        if let Some((tokens, entry)) = self.lazy.iter().find(|(r, _)| r.contains(&token)).cloned() {
            let id = self.register_entry(entry);
            self.place(parse, tokens, id.clone(), MentionKind::Name);
            sort_mentions(self);
            return Some(id);
        }
        // An unnamed group or person that takes part ("Indian troops", "the junta").
        if let Some(actor) = self.collective(parse, token) {
            return Some(actor);
        }
        // A people named by its demonym ("Palestinians", "the Israelis").
        if parse.is_noun(token) && matches!(parse.tag(token), "NNPS" | "NNS") && parse.in_article(token) {
            let entity = parse.entity_at(token).filter(|(_, label)| *label == "NORP");
            if let Some((r, _)) = entity {
                if r.end == token + 1 && r.clone().all(|t| self.at(t).is_none()) {
                    let name = parse.span_text(trim_entity(parse, &self.lexicon.words, r.clone(), "NORP")).to_string();
                    let id = self.register_discovered(&name, ActorKind::Group);
                    self.place(parse, r, id.clone(), MentionKind::Name);
                    sort_mentions(self);
                    return Some(id);
                }
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

    /// The actor an unnamed collective or descriptive phrase refers to ("Indian troops", "the
    /// rebels", "a U.S. official"), made on first need. Phrases of one class with the same owner
    /// (a demonym, a possessor, a named modifier or "of"/"from" + a name) are one actor in the
    /// document; an unowned phrase of a state-owned class ("the army") belongs to the owner of
    /// the last phrase of its class, else to the state the article is about. A named unit of the
    /// owner (the Rwanda Defence Force) is the actor its descriptions refer to. When the actor is
    /// made, every phrase of its group becomes a mention of it.
    /// Finds the document's collective phrases once (while they are being found, there are
    /// none: finding their owners may resolve pronouns).
    fn ensure_groups(&mut self, parse: &Parse) {
        if self.groups.is_none() {
            self.groups = Some(Vec::new());
            let groups = collective_phrases(self, parse);
            self.groups = Some(groups);
        }
    }

    fn collective(&mut self, parse: &Parse, token: usize) -> Option<ActorId> {
        if !parse.is_noun(token) || !parse.in_article(token) {
            return None;
        }
        self.ensure_groups(parse);
        let phrase = self.groups.as_ref()?.iter().find(|g| g.head == token)?.clone();
        let key = phrase.key.clone();
        let id = match self.collectives.get(&key) {
            Some(id) => id.clone(),
            None => {
                let holder = if phrase.kind == ActorKind::Person { self.titled_holder(parse, &phrase) } else { None };
                let id = match holder.or_else(|| self.named_unit(&key.0, phrase.kind)) {
                    Some(named) => named,
                    None => match self.gazetteer_body(&key.0, parse, &phrase) {
                        Some(entry) => self.register_entry(entry),
                        None => self.register_discovered(&phrase.label, phrase.kind),
                    },
                };
                self.collectives.insert(key.clone(), id.clone());
                id
            }
        };
        let members: Vec<(Range<usize>, usize)> = self
            .groups
            .as_ref()
            .map(|g| g.iter().filter(|p| p.key == key).map(|p| (p.span.clone(), p.head)).collect())
            .unwrap_or_default();
        for (span, member_head) in members {
            // A name inside the phrase ("a U.S. official") stays a mention of its own actor,
            // nested in the phrase's.
            let inside: Vec<usize> = self
                .placed
                .iter()
                .enumerate()
                .filter(|(_, p)| p.tokens.start < span.end && span.start < p.tokens.end)
                .map(|(i, _)| i)
                .collect();
            let nested_only = inside.iter().all(|&i| {
                let p = &self.placed[i];
                span.start <= p.tokens.start
                    && p.tokens.end <= span.end
                    && !p.tokens.contains(&member_head)
                    && matches!(p.mention.kind, MentionKind::Name | MentionKind::Discovered)
            });
            if !nested_only {
                continue;
            }
            for i in inside.into_iter().rev() {
                let p = self.placed.remove(i);
                self.nested.push(p);
            }
            reindex(self);
            self.place(parse, span, id.clone(), MentionKind::Description);
        }
        sort_mentions(self);
        Some(id)
    }

    /// The named person a definite description by position refers to ("the spokesman"): the
    /// nearest person before it who was given that position ("Force spokesman Col Ronald X",
    /// "General Y, the spokesman for the army").
    fn titled_holder(&self, parse: &Parse, phrase: &CollectivePhrase) -> Option<ActorId> {
        let noun = parse.lower(phrase.head);
        let definite = matches!(parse.lower(phrase.span.start), "the" | "this" | "that");
        let titled_here = |p: &Placed| {
            let head = phrase_head(parse, &p.tokens);
            parse.children_with(head, &["compound", "appos"]).any(|c| parse.lower(c) == noun)
                || (parse.dep(head) == "appos" && parse.lower(parse.head(head)) == noun)
        };
        if !definite {
            // The position before the name itself ("Force spokesman Col Ronald X").
            let next = self.placed.iter().find(|p| p.tokens.start >= phrase.span.end)?;
            let close = next.tokens.start <= phrase.span.end + 2;
            let actor = &next.mention.actor;
            return (close && self.kind(actor) == ActorKind::Person && titled_here(next)).then(|| actor.clone());
        }
        self.placed.iter().rev().filter(|p| p.tokens.end <= phrase.span.start).find_map(|p| {
            let actor = &p.mention.actor;
            if self.kind(actor) != ActorKind::Person {
                return None;
            }
            let a = &self.actors[actor];
            let named = std::iter::once(&a.label)
                .chain(&a.aliases)
                .any(|n| n.split_whitespace().any(|w| w.to_lowercase() == noun));
            (named || titled_here(p)).then(|| actor.clone())
        })
    }

    /// The gazetteer entry a body of an owner is ("Russian military base" finds the entry named
    /// "Russian military base in Tajikistan").
    fn gazetteer_body(&self, owner: &Option<ActorId>, parse: &Parse, phrase: &CollectivePhrase) -> Option<EntryId> {
        let owner = owner.as_ref()?;
        let gazetteer = &self.lexicon.gazetteer;
        let entry = gazetteer.entry(gazetteer.by_iri(&owner.0)?);
        let noun = parse.span_text(phrase.head + 1 - phrase.noun_words..phrase.head + 1);
        entry.demonyms.iter().find_map(|d| gazetteer.find_prefixed(&format!("{d} {noun}"), &[phrase.kind]))
    }

    /// A named actor of this kind that belongs to the owner ("Rwanda Defence Force" for
    /// Rwanda's military): its gazetteer country, or the owner's name or demonym in its name.
    fn named_unit(&self, owner: &Option<ActorId>, kind: ActorKind) -> Option<ActorId> {
        let owner = owner.as_ref()?;
        if !matches!(kind, ActorKind::MilitaryUnit | ActorKind::GovernmentBody) {
            return None;
        }
        let gazetteer = &self.lexicon.gazetteer;
        let owner_entry = gazetteer.by_iri(&owner.0)?;
        let entry = gazetteer.entry(owner_entry);
        let names: Vec<String> =
            std::iter::once(&entry.label).chain(&entry.demonyms).map(|n| n.to_lowercase()).collect();
        self.placed
            .iter()
            .map(|p| &p.mention.actor)
            .filter(|a| self.actors[*a].kind == kind)
            .find(|a| {
                let actor = &self.actors[*a];
                match gazetteer.by_iri(&a.0) {
                    Some(e) => gazetteer.country_of(e) == Some(owner_entry),
                    None => {
                        let label = actor.label.to_lowercase();
                        names.iter().any(|n| label.split(' ').any(|w| w == n))
                    }
                }
            })
            .cloned()
    }

    /// The state the article is about: the country it mentions most (the first on ties).
    fn focus_state(&mut self) -> Option<ActorId> {
        if let Some(found) = &self.focus {
            return found.clone();
        }
        let mut counts: Vec<(ActorId, usize, usize)> = Vec::new();
        for (i, p) in self.placed.iter().enumerate() {
            if self.actors[&p.mention.actor].kind != ActorKind::Country {
                continue;
            }
            match counts.iter_mut().find(|(a, _, _)| *a == p.mention.actor) {
                Some(entry) => entry.1 += 1,
                None => counts.push((p.mention.actor.clone(), 1, i)),
            }
        }
        let best = counts.into_iter().max_by_key(|(_, n, first)| (*n, std::cmp::Reverse(*first))).map(|(a, _, _)| a);
        self.focus = Some(best.clone());
        best
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
                // Told outside quotation marks, a pronoun does not refer to someone named only
                // inside a quotation ("We will speak with President X," he said. He called ...).
                if s != sentence && quoted(parse, p.tokens.start) && !quoted(parse, token) {
                    continue;
                }
                let head = phrase_head(parse, &p.tokens);
                // A subject, or the name in apposition to one ("the Prime Minister, X, welcomed").
                let subject = matches!(parse.dep(head), "nsubj" | "nsubjpass")
                    || (parse.dep(head) == "appos" && matches!(parse.dep(parse.head(head)), "nsubj" | "nsubjpass"));
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
            // An unnamed group that is a subject before the pronoun ("the coup leaders appointed
            // X after they seized power") is a candidate too, made when it wins.
            self.ensure_groups(parse);
            let group = self.groups.as_ref().and_then(|groups| {
                groups
                    .iter()
                    .filter(|g| g.span.start >= range.start && g.span.end <= end && fits(g.kind))
                    .filter(|g| self.at(g.head).is_none())
                    .filter(|g| matches!(parse.dep(g.head), "nsubj" | "nsubjpass"))
                    .map(|g| (g.span.start, g.head))
                    .next_back()
            });
            if let Some((start, head)) = group {
                if best.as_ref().is_none_or(|(bs, bstart, _)| (true, start) > (*bs, *bstart)) {
                    if let Some(actor) = self.collective(parse, head) {
                        return Some(actor);
                    }
                }
            }
            if let Some((_, _, actor)) = best {
                return Some(actor);
            }
        }
        None
    }
}

/// Whether a token stands inside quotation marks: an odd number of quotation marks before it
/// in its paragraph.
fn quoted(parse: &Parse, token: usize) -> bool {
    let start = (0..token).rev().find(|&t| parse.is_space(t) && parse.word(t).contains('\n')).unwrap_or(0);
    (start..token).filter(|&t| matches!(parse.word(t), "\"" | "“" | "”" | "``" | "''")).count() % 2 == 1
}

/// The syntactic head of a token range: the token whose head lies outside it.
pub(crate) fn phrase_head(parse: &Parse, tokens: &Range<usize>) -> usize {
    tokens.clone().find(|&t| !tokens.contains(&parse.head(t)) || parse.head(t) == t).unwrap_or(tokens.start)
}

/// Finds the mentions of a document.
pub(crate) fn find<'l>(parse: &Parse, lexicon: &'l Lexicon, published: Option<Date>) -> Cast<'l> {
    let n = parse.len();
    let mut cast = Cast {
        lexicon,
        actors: BTreeMap::new(),
        placed: Vec::new(),
        by_token: vec![None; n],
        nested: Vec::new(),
        lazy: Vec::new(),
        collectives: HashMap::default(),
        groups: None,
        focus: None,
        capitals: HashMap::default(),
    };
    let token_at = TokenIndex::new(parse);
    // Gazetteer forms, aligned to tokens and inside the article.
    let mut names: Vec<(Range<usize>, EntryId)> = Vec::new();
    let mut roles: Vec<(Range<usize>, EntryId)> = Vec::new();
    let mut demonyms: Vec<Range<usize>> = Vec::new();
    for m in lexicon.gazetteer.find(parse.text) {
        // "non-ASEAN countries", "non-Western states": the name says who they are not.
        if negated_name(parse.text, m.range.start) {
            continue;
        }
        let Some(tokens) = token_at.span(&m.range) else { continue };
        if !tokens.clone().all(|t| parse.in_article(t)) {
            continue;
        }
        match m.form {
            FormKind::Name => names.push((tokens, m.entry)),
            FormKind::Role => roles.push((tokens, m.entry)),
            FormKind::Demonym => demonyms.push(tokens),
        }
    }
    // 1. Positions held, for documents dated within the period the gazetteer gives them
    //    ("Kremlin Press Secretary", "Tajik President").
    for (tokens, entry) in roles {
        if role_applies(lexicon, entry, published) {
            let id = cast.register_entry(entry);
            cast.place(parse, tokens, id, MentionKind::Role);
        }
    }
    // 2. Named entities, linked to the gazetteer or discovered.
    let mut entity_spans: Vec<Range<usize>> = Vec::new();
    for (full, label) in entity_spans_of(parse) {
        if !full.clone().all(|t| parse.in_article(t)) || byline(parse, &full) {
            continue;
        }
        let tokens = trim_entity(parse, &lexicon.words, full.clone(), label);
        if tokens.is_empty() || negated_name(parse.text, parse.bytes(tokens.clone()).start) {
            continue;
        }
        // A position ("House Speaker", "EU High Representative", "Treasury Secretary") names its
        // holder, not an organisation: the names inside it are found on their own.
        // The body whose position it is stays a name ("Senate Foreign Relations Committee" of
        // "... Committee Chair").
        let position_word = |t: usize| {
            parse.is(WordClass::PositionWord, parse.lower(t))
                && parse.word(t).chars().next().is_some_and(char::is_uppercase)
        };
        let mut tokens = tokens;
        let mut full = full;
        if label == "ORG" {
            let cut = (tokens.start + 1..tokens.end + 1).find(|&t| t < parse.len() && position_word(t));
            if let Some(cut) = cut {
                if !parse.is(WordClass::BodyWord, parse.lower(cut - 1)) {
                    continue;
                }
                tokens.end = tokens.end.min(cut);
                full.end = full.end.min(cut);
            }
        }
        entity_spans.push(full.clone());
        // The titles before a person's name ("Force spokesman Col Ronald Rwivanga",
        // "Somalia's President Hassan Sheikh Mohamud") make a name of them too.
        let titled = if label == "PERSON" { titled_span(parse, &tokens) } else { full.clone() };
        let text = parse.span_text(tokens.clone());
        // A demonym alone ("Tajik", "Emirati") names no one.
        if demonyms.contains(&tokens) {
            continue;
        }
        // The gazetteer name that is the entity (allowing a leading "the"), one spelled alike,
        // or for a person a gazetteer person the entity ends with ("Russian Putin").
        let linked = names
            .iter()
            .find(|(r, _)| {
                *r == tokens || *r == full || (r.end == tokens.end && r.start <= tokens.start && r.start >= full.start)
            })
            .map(|(r, e)| (r.clone(), *e))
            .or_else(|| lexicon.gazetteer.find_by_spelling(text).map(|e| (tokens.clone(), e)))
            .or_else(|| {
                (label == "PERSON")
                    .then(|| {
                        names.iter().find(|(r, e)| {
                            r.end == tokens.end
                                && r.start > tokens.start
                                && lexicon.gazetteer.entry(*e).kind == ActorKind::Person
                        })
                    })
                    .flatten()
                    .map(|(_, e)| (tokens.clone(), *e))
            });
        match linked {
            Some((r, entry)) => {
                // A person's name is never read as a place or state it contains ("Michael Jordan").
                let entry_kind = lexicon.gazetteer.entry(entry).kind;
                let whole = r == tokens || r == full;
                if label == "PERSON" && entry_kind != ActorKind::Person && !whole {
                    let id = cast.register_discovered(text, ActorKind::Person);
                    cast.place(parse, tokens, id, MentionKind::Discovered);
                } else {
                    let id = cast.register_entry(entry);
                    cast.place(parse, r, id, MentionKind::Name);
                }
            }
            None => {
                if !plausible_name(parse, &lexicon.words, &tokens, label) {
                    continue;
                }
                // A headline's capitalised words are no evidence of a name ("Hasina Resigns"),
                // unless the headline is written in sentence case.
                if tokens.clone().all(|t| parse.in_headline(t)) && title_case_line(parse, tokens.start) {
                    continue;
                }
                let kind = discovered_kind(label, text);
                // A lone generic word ("the Ministry said") refers back to the body named before.
                if tokens.len() == 1 && parse.is(WordClass::GenericBodyWord, parse.lower(tokens.start)) {
                    let word = parse.lower(tokens.start).to_string();
                    let before = cast
                        .placed
                        .iter()
                        .rev()
                        .map(|p| p.mention.actor.clone())
                        .find(|a| cast.actors[a].label.to_lowercase().split(' ').any(|w| w == word));
                    if let Some(actor) = before {
                        cast.place(parse, tokens, actor, MentionKind::Description);
                        continue;
                    }
                }
                let name =
                    owned_body_name(&mut cast, parse, lexicon, &tokens, kind).unwrap_or_else(|| text.to_string());
                let id = cast.register_discovered(&name, kind);
                cast.add_alias(&id, text);
                for span in [&full, &titled] {
                    if *span != tokens {
                        // "General Abdel-Fattah Burhan": the titled form is a name of him too.
                        let titled = parse.span_text(span.clone()).to_string();
                        cast.add_alias(&id, &titled);
                    }
                }
                cast.place(parse, tokens, id, MentionKind::Discovered);
            }
        }
    }
    // A title before capitalised words the recogniser left alone: a person ("General Brice
    // Oligui Nguema").
    titled_names(&mut cast, parse);
    // 3. Gazetteer names the recogniser missed ("ECOWAS objected").
    for (tokens, entry) in &names {
        let inside_entity =
            entity_spans.iter().any(|e| e.start <= tokens.start && tokens.end <= e.end && *e != *tokens);
        if inside_entity {
            continue;
        }
        // A photo credit ("Jerome Delay/AP") names no actor of the story.
        if byline(parse, tokens) {
            continue;
        }
        let text = parse.span_text(tokens.clone());
        let kind = lexicon.gazetteer.entry(*entry).kind;
        let entry_names = {
            let e = lexicon.gazetteer.entry(*entry);
            std::iter::once(&e.label).chain(&e.aliases).any(|n| n == text)
        };
        // Written as the gazetteer writes it ("dpa"), or capitalised; a description in lower
        // case ("neighbours") is a common word even where the gazetteer writes it so.
        let capitalised =
            text.chars().next().is_some_and(char::is_uppercase) || (entry_names && kind != ActorKind::Group);
        if !capitalised {
            // A description in the gazetteer ("neighbouring countries"): a name where the state it
            // is anchored to is named too (the gazetteer's "Afghanistan's neighbours"), else only
            // where it takes part in an event or a claim.
            if kind == ActorKind::Group {
                let anchor =
                    lexicon.gazetteer.country_of(*entry).map(|c| ActorId(lexicon.gazetteer.entry(c).iri.clone()));
                let anchored = anchor.is_some_and(|a| cast.placed.iter().any(|p| p.mention.actor == a));
                if anchored {
                    let id = cast.register_entry(*entry);
                    cast.place(parse, tokens.clone(), id, MentionKind::Name);
                } else {
                    cast.lazy.push((tokens.clone(), *entry));
                }
            }
            continue;
        }
        let id = cast.register_entry(*entry);
        // A longer gazetteer name wins over the shorter mentions it contains ("China's state news
        // agency" over "China").
        let contained: Vec<usize> = cast
            .placed
            .iter()
            .enumerate()
            .filter(|(_, p)| tokens.start <= p.tokens.start && p.tokens.end <= tokens.end && p.tokens != *tokens)
            .map(|(i, _)| i)
            .collect();
        let partly = cast.placed.iter().any(|p| {
            p.tokens.start < tokens.end
                && tokens.start < p.tokens.end
                && !(tokens.start <= p.tokens.start && p.tokens.end <= tokens.end)
        });
        if !contained.is_empty() && !partly && tokens.len() > 1 {
            for i in contained.into_iter().rev() {
                cast.placed.remove(i);
            }
            reindex(&mut cast);
        }
        cast.place(parse, tokens.clone(), id, MentionKind::Name);
    }
    sort_mentions(&mut cast);
    // The agencies a dateline or a source line credits ("(dpa/MIA) -", "Source: Reuters").
    source_credits(&mut cast, parse, lexicon, &token_at);
    // A position followed by its holder's name is one mention ("Kremlin Press Secretary Dmitry
    // Peskov").
    join_roles_and_names(&mut cast, parse);
    nested_names(&mut cast, parse, &names);
    // 4. Acronyms introduced in parentheses, then their later uses.
    acronyms(&mut cast, parse);
    // 5. Shorter forms of a person's name, and surnames.
    merge_name_forms(&mut cast, parse);
    surnames(&mut cast, parse);
    // 6. Relational phrases that name the possessor itself ("Russian officials").
    relational(&mut cast, parse, lexicon);
    // 7. Capitals that act stand for their state.
    metonyms(&mut cast, parse, lexicon);
    // 8. Definite descriptions.
    descriptions(&mut cast, parse, lexicon);
    sort_mentions(&mut cast);
    // An unknown "place" that speaks is a person the recogniser mistook ("Machado said").
    speaking_places(&mut cast, parse, lexicon);
    media_services(&mut cast, parse);
    // Media a report names ("Iranian state media reported") are its sources: actors.
    let media: Vec<usize> = {
        if cast.groups.is_none() {
            cast.groups = Some(collective_phrases(&mut cast, parse));
        }
        let groups = cast.groups.as_deref().unwrap_or_default();
        groups.iter().filter(|g| g.kind == ActorKind::MediaOrganization).map(|g| g.head).collect()
    };
    for head in media {
        cast.collective(parse, head);
    }
    cast
}

/// A parenthesised credit that opens a line (after the metadata prefix "date 2023-12-14") or
/// follows a dateline ("(MENAFN- Khaama Press) The conference ...", "Istanbul/Athens, 7 December 2023 (dpa/MIA) - Greek ...").
static CREDIT_LINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^\s*(?:date \d{4}-\d\d-\d\d\s+)?(?:\(([^()\n]{2,40})\)\s+\p{Lu}|\p{Lu}[\p{L}'.]*(?:[ /]\p{L}[\p{L}'.]*){0,5}(?:, [^()\n]{3,30}?)? \(([^()\n]{2,40})\) ?[-–—:])",
    )
    .expect("valid")
});

/// A line that lists the sources of a report ("Source: CNN; Reuters; Associated Press").
static SOURCE_LINE: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"^\s*(?i:sources?)\s*:\s*(.+?)\s*$").expect("valid"));

/// News agencies and sources a report credits, in its dateline ("(dpa/MIA) -", "(Reuters) -")
/// or in a source line ("Source: CNN; Reuters"): the report cites them, so they are actors
/// (media organisations, unless the gazetteer knows them otherwise), though the line is not
/// prose. Photo credits are not sources.
fn source_credits(cast: &mut Cast, parse: &Parse, lexicon: &Lexicon, token_at: &TokenIndex) {
    let text = parse.text;
    let mut items: Vec<(Range<usize>, bool)> = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        let start = offset;
        offset += line.len() + 1;
        if let Some(c) = CREDIT_LINE.captures(line) {
            if let Some(m) = c.get(1).or_else(|| c.get(2)) {
                split_credit(line, m.range(), &['/', ';', ','], true, start, &mut items);
            }
        } else if let Some(c) = SOURCE_LINE.captures(line) {
            if let Some(m) = c.get(1) {
                let seps: &[char] = if m.as_str().contains(';') { &[';'] } else { &[','] };
                split_credit(line, m.range(), seps, false, start, &mut items);
            }
        }
    }
    for (range, credit) in items {
        let name = &text[range.clone()];
        // A name the tokenizer kept with its dash ("MENAFN-").
        let Some(tokens) = token_at.span(&range).or_else(|| token_at.span(&(range.start..range.end + 1))) else {
            continue;
        };
        if tokens.clone().any(|t| cast.at(t).is_some()) {
            // A name the recogniser found there ("Mogadishu (HOL) -") is the agency's.
            if let Some(p) = cast.at(tokens.start).filter(|p| p.tokens == tokens) {
                let id = p.mention.actor.clone();
                if let Some(actor) = cast.actors.get_mut(&id).filter(|a| !a.curated && credit) {
                    actor.kind = ActorKind::MediaOrganization;
                }
            }
            continue;
        }
        let gazetteer = &lexicon.gazetteer;
        let id = match gazetteer.find_by_spelling(name) {
            Some(entry) => cast.register_entry(entry),
            None => {
                let kind = match discovered_kind("ORG", name) {
                    ActorKind::Group | ActorKind::Person | ActorKind::Place => ActorKind::MediaOrganization,
                    _ if credit => ActorKind::MediaOrganization,
                    kind => kind,
                };
                cast.register_discovered(name, kind)
            }
        };
        cast.place(parse, tokens, id, MentionKind::Name);
    }
    sort_mentions(cast);
}

/// The names of a credit or source list, cut at its separators ("dpa/MIA", "MENAFN- Khaama
/// Press"); names that are no names (a photo credit, a date) are left out.
fn split_credit(
    line: &str,
    list: Range<usize>,
    seps: &[char],
    dash: bool,
    base: usize,
    out: &mut Vec<(Range<usize>, bool)>,
) {
    let body = &line[list.clone()];
    if body.to_lowercase().contains("photo") || body.chars().any(|c| c.is_ascii_digit()) {
        return;
    }
    let mut start = 0;
    let bytes: Vec<(usize, char)> = body.char_indices().collect();
    let cut = |from: usize, to: usize, out: &mut Vec<(Range<usize>, bool)>| {
        let piece = &body[from..to];
        let trimmed = piece.trim();
        if trimmed.is_empty() || trimmed.split_whitespace().count() > 6 {
            return;
        }
        let lead = from + (piece.len() - piece.trim_start().len());
        let abs = base + list.start + lead;
        out.push((abs..abs + trimmed.len(), dash));
    };
    for (i, (at, c)) in bytes.iter().enumerate() {
        let dash_cut = dash && *c == '-' && bytes.get(i + 1).is_none_or(|(_, n)| n.is_whitespace());
        if seps.contains(c) || dash_cut {
            cut(start, *at, out);
            start = at + c.len_utf8();
        }
    }
    cut(start, body.len(), out);
}

/// A broadcaster's service in one language is an outlet of its own ("the BBC Burmese section",
/// "VOA Persian Service"): the broadcaster's name, a language or nationality word, and
/// "service" or "section".
fn media_services(cast: &mut Cast, parse: &Parse) {
    let found: Vec<(Range<usize>, String)> = cast
        .placed
        .iter()
        .filter(|p| cast.kind(&p.mention.actor) == ActorKind::MediaOrganization)
        .filter_map(|p| {
            let (language, noun) = (p.tokens.end, p.tokens.end + 1);
            let fits = noun < parse.len()
                && parse.doc.token(language).ent_label() == Some("NORP")
                && matches!(parse.lower(noun), "service" | "section")
                && cast.at(language).is_none();
            fits.then(|| (p.tokens.start..noun + 1, parse.span_text(p.tokens.start..noun + 1).to_string()))
        })
        .collect();
    let mut replaced: Vec<ActorId> = Vec::new();
    for (tokens, name) in found {
        let Some(index) = cast.by_token[tokens.start] else { continue };
        replaced.push(cast.placed.remove(index as usize).mention.actor);
        reindex(cast);
        let id = cast.register_discovered(&name, ActorKind::MediaOrganization);
        cast.place(parse, tokens, id, MentionKind::Discovered);
    }
    sort_mentions(cast);
    // The broadcaster stays an actor where it is named on its own too.
    for id in replaced {
        if !cast.placed.iter().chain(&cast.nested).any(|p| p.mention.actor == id) {
            cast.actors.remove(&id);
        }
    }
}

/// Whether the sentence of a token is written in title case ("PM Sheikh Hasina Resigns, Leaves
/// Bangladesh"): most of its words are capitalised.
fn title_case_line(parse: &Parse, token: usize) -> bool {
    let range = parse.sentence(parse.sentence_of(token));
    let words: Vec<&str> =
        range.map(|t| parse.word(t)).filter(|w| w.chars().next().is_some_and(char::is_alphabetic)).collect();
    let capitalised = words.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    capitalised * 2 > words.len()
}

/// Discovered places that are the subject of a reporting verb are people.
fn speaking_places(cast: &mut Cast, parse: &Parse, lexicon: &Lexicon) {
    let mut speakers: Vec<ActorId> = Vec::new();
    for p in &cast.placed {
        let actor = &cast.actors[&p.mention.actor];
        if actor.curated || actor.kind != ActorKind::Place {
            continue;
        }
        let head = phrase_head(parse, &p.tokens);
        if parse.dep(head) != "nsubj" {
            continue;
        }
        let verb = parse.head(head);
        if !lexicon.words.tree_reporting.candidates(parse.lower(verb), parse.lemma(verb)).is_empty() {
            speakers.push(p.mention.actor.clone());
        }
    }
    for id in speakers {
        if let Some(actor) = cast.actors.get_mut(&id) {
            actor.kind = ActorKind::Person;
        }
    }
}

/// The recogniser's entities that can name actors or places, repaired: cut at line breaks,
/// extended over name parts it left out, split where it ran two names together ("Bessent and
/// Greer").
fn entity_spans_of(parse: &Parse) -> Vec<(Range<usize>, &'static str)> {
    let mut out: Vec<(Range<usize>, &'static str)> = Vec::new();
    for entity in parse.doc.entities() {
        let label: &'static str = match entity.label() {
            "PERSON" => "PERSON",
            "ORG" => "ORG",
            "GPE" => "GPE",
            "LOC" => "LOC",
            "FAC" => "FAC",
            _ => continue,
        };
        let r = repair_span(parse, entity.token_range(), label);
        if r.is_empty() {
            continue;
        }
        if label == "PERSON" {
            // Two people joined by "and" or "&".
            let mut start = r.start;
            for t in r.clone() {
                if matches!(parse.lower(t), "and" | "&") {
                    if t > start {
                        out.push((start..t, label));
                    }
                    start = t + 1;
                }
            }
            if start < r.end {
                out.push((start..r.end, label));
            }
        } else if matches!(label, "GPE" | "LOC") {
            // "Gulane, Darusalam": two places.
            let mut start = r.start;
            for t in r.clone() {
                if parse.word(t) == "," {
                    if t > start {
                        out.push((start..t, label));
                    }
                    start = t + 1;
                }
            }
            if start < r.end {
                out.push((start..r.end, label));
            }
        } else {
            out.push((r, label));
        }
    }
    // A person entity directly followed by another of the same name ("Aung San" "Suu Kyi").
    let mut merged: Vec<(Range<usize>, &'static str)> = Vec::new();
    for (r, label) in out {
        if let Some((last, last_label)) = merged.last_mut() {
            if *last_label == "PERSON"
                && label == "PERSON"
                && last.end == r.start
                && parse.doc.token(r.start - 1).whitespace() == " "
                && (r.contains(&parse.head(last.end - 1)) || last.contains(&parse.head(r.end - 1)))
            {
                last.end = r.end;
                continue;
            }
        }
        merged.push((r, label));
    }
    // Repairs may have run a span into the next one: the earlier keeps it. Spans start in
    // order and the kept ones are disjoint, so only the last kept can overlap.
    let mut kept: Vec<(Range<usize>, &'static str)> = Vec::new();
    for (r, label) in merged {
        if kept.last().is_none_or(|(o, _)| o.end <= r.start || r.end <= o.start) {
            kept.push((r, label));
        }
    }
    kept
}

/// Gazetteer names inside a role or relational mention of someone else ("Kremlin" in "Kremlin
/// Press Secretary Dmitry Peskov", "Taliban" in "spokesman for the Taliban's political office")
/// are mentions of their own actors too.
fn nested_names(cast: &mut Cast, parse: &Parse, names: &[(Range<usize>, EntryId)]) {
    let outer: Vec<(Range<usize>, ActorId)> = cast
        .placed
        .iter()
        .filter(|p| matches!(p.mention.kind, MentionKind::Role))
        .map(|p| (p.tokens.clone(), p.mention.actor.clone()))
        .collect();
    for (tokens, actor) in outer {
        for (r, entry) in names {
            if tokens.start <= r.start && r.end <= tokens.end && *r != tokens {
                let id = cast.register_entry(*entry);
                if id == actor || cast.nested.iter().any(|n| n.tokens == *r) {
                    continue;
                }
                let range = parse.bytes(r.clone());
                cast.nested
                    .push(Placed { mention: Mention { actor: id, range, kind: MentionKind::Name }, tokens: r.clone() });
            }
        }
    }
}

/// A role mention directly followed by a mention of the same person become one mention.
fn join_roles_and_names(cast: &mut Cast, parse: &Parse) {
    let mut i = 0;
    while i + 1 < cast.placed.len() {
        let (a, b) = (&cast.placed[i], &cast.placed[i + 1]);
        let adjacent =
            a.tokens.end == b.tokens.start || (a.tokens.end + 1 == b.tokens.start && parse.word(a.tokens.end) == ",");
        if a.mention.actor == b.mention.actor && a.mention.kind == MentionKind::Role && adjacent {
            let tokens = a.tokens.start..b.tokens.end;
            let range = parse.bytes(tokens.clone());
            let surface = parse.span_text(tokens.clone()).to_string();
            let actor = a.mention.actor.clone();
            cast.placed[i] =
                Placed { mention: Mention { actor: actor.clone(), range, kind: MentionKind::Role }, tokens };
            cast.placed.remove(i + 1);
            cast.add_alias(&actor, &surface);
        }
        i += 1;
    }
    reindex(cast);
}

/// A generic body's name ("Foreign Ministry", "Parliament") is qualified by the state that owns
/// it: a possessor or demonym before it ("Iran's Foreign Ministry"), else the state the article
/// is about; a distinctive name is kept as it is.
fn owned_body_name(
    cast: &mut Cast,
    parse: &Parse,
    lexicon: &Lexicon,
    tokens: &Range<usize>,
    kind: ActorKind,
) -> Option<String> {
    if !matches!(kind, ActorKind::GovernmentBody | ActorKind::MilitaryUnit) {
        return None;
    }
    let words: Vec<&str> = tokens.clone().map(|t| parse.lower(t)).collect();
    let generic = words.iter().all(|w| parse.is(WordClass::GenericBodyWord, w));
    if !generic {
        return None;
    }
    let head = phrase_head(parse, tokens);
    let mut owner: Option<ActorId> = None;
    for c in parse.children(head) {
        if c >= tokens.start {
            continue;
        }
        if matches!(parse.dep(c), "poss" | "compound" | "amod" | "nmod") {
            if let Some(p) = cast.at(c) {
                owner = Some(p.mention.actor.clone());
            } else if let Some(entry) = demonym_entry(parse, lexicon, c) {
                owner = Some(cast.register_entry(entry));
            }
        }
    }
    let owner = owner.or_else(|| cast.focus_state())?;
    let demonym = lexicon
        .gazetteer
        .by_iri(&owner.0)
        .and_then(|e| lexicon.gazetteer.entry(e).demonyms.first().cloned())
        .unwrap_or_else(|| cast.actor(&owner).label.clone());
    Some(format!("{demonym} {}", title_case(&parse.span_text(tokens.clone()).to_lowercase())))
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

/// An entity span cut at a line break (the recogniser sometimes runs a name into the next
/// line: "Associated Press\n\nQuote") and extended over the proper nouns of the same name that
/// it left out ("Min Aung" + "Hlaing"), and an organisation over "of" + a place or name it
/// belongs to ("United Socialist Party of Venezuela").
fn repair_span(parse: &Parse, tokens: Range<usize>, label: &str) -> Range<usize> {
    let mut r = tokens.clone();
    if let Some(cut) = r.clone().find(|&t| parse.is_space(t) && parse.word(t).contains('\n')) {
        r.end = cut;
    }
    while r.end > r.start && parse.is_space(r.end - 1) {
        r.end -= 1;
    }
    if r.is_empty() {
        return r;
    }
    let sentence = parse.sentence(parse.sentence_of(r.start));
    if matches!(label, "PERSON" | "ORG") {
        // Proper nouns of the same flat name: attached to a token of the span, or its head.
        while r.end < sentence.end
            && parse.pos(r.end) == dossier_nlp::Pos::Propn
            && parse.doc.token(r.end).ent_label().is_none()
            && parse.doc.token(r.end - 1).whitespace() == " "
            && parse.word(r.end).chars().next().is_some_and(char::is_uppercase)
            && !(label == "ORG" && parse.is(WordClass::PositionWord, parse.lower(r.end)))
            && (r.contains(&parse.head(r.end))
                || r.clone().any(|t| parse.head(t) == r.end)
                || (parse.head(r.end - 1) == parse.head(r.end) && parse.dep(r.end - 1) == "compound"))
        {
            r.end += 1;
        }
    }
    if label == "PERSON" {
        // Lower-case particles inside a name ("Ursula von der Leyen", "Osama bin Laden").
        const PARTICLES: &[&str] = &[
            "von", "van", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "al", "el", "bin", "ibn",
            "bint", "ben", "dos", "das", "y",
        ];
        loop {
            let mut k = r.end;
            while k < sentence.end && PARTICLES.contains(&parse.word(k)) && parse.doc.token(k - 1).whitespace() == " " {
                k += 1;
            }
            if k > r.end
                && k < sentence.end
                && parse.word(k).chars().next().is_some_and(char::is_uppercase)
                && parse.is_noun(k)
            {
                r.end = k + 1;
            } else {
                break;
            }
        }
        // A name the recogniser ended on a particle ("Ursula von der" + "Leyen").
        if PARTICLES.contains(&parse.word(r.end - 1))
            && r.end < sentence.end
            && parse.word(r.end).chars().next().is_some_and(char::is_uppercase)
        {
            r.end += 1;
        }
        while r.len() > 1 && PARTICLES.contains(&parse.word(r.end - 1)) {
            r.end -= 1;
        }
    }
    if label == "ORG" && r.end + 1 < sentence.end && parse.lower(r.end) == "of" && r.contains(&parse.head(r.end)) {
        let next = r.end + 1;
        if let Some((e, _)) =
            parse.entity_at(next).filter(|(e, label)| e.start == next && matches!(*label, "GPE" | "ORG" | "LOC"))
        {
            r.end = e.end;
        }
    }
    r
}

/// Whether an entity is part of a byline, a photo credit or a dateline ("Reporting by ...",
/// "(Writing by ...; Editing by ...)", "Vahid Salemi/AP", "WASHINGTON/JERUSALEM"): not an
/// actor of the story.
fn byline(parse: &Parse, tokens: &Range<usize>) -> bool {
    let text = parse.span_text(tokens.clone());
    if text.contains('/') || matches!(text, "Writing" | "Reporting" | "Editing" | "Photo" | "Photos") {
        return true;
    }
    // The words before it on its line.
    let mut t = tokens.start;
    let mut seen = 0;
    while t > 0 && seen < 12 {
        t -= 1;
        if parse.is_space(t) && parse.word(t).contains('\n') {
            break;
        }
        seen += 1;
        let w = parse.lower(t);
        if w == "by" && t > 0 {
            let before = parse.lower(t - 1);
            if matches!(
                before,
                "writing" | "reporting" | "editing" | "compiled" | "photo" | "photos" | "photograph" | "additional"
            ) {
                return true;
            }
            // A line that starts with "By": the author.
            if t == 0 || (parse.is_space(t - 1) && parse.word(t - 1).contains('\n')) {
                return true;
            }
        }
        if matches!(w, "photo" | "photograph" | "credit" | "caption")
            && t + 1 < parse.len()
            && matches!(parse.word(t + 1), ":" | "/")
        {
            return true;
        }
    }
    // "Vahid Salemi / AP" split into tokens; "AP Photo"; a name after a photographer's
    // ("Jerome Delay/AP").
    let after_person = tokens.start >= 2
        && parse.word(tokens.start - 1) == "/"
        && parse.doc.token(tokens.start - 2).ent_label() == Some("PERSON")
        && parse.word(tokens.start - 2).chars().next().is_some_and(char::is_uppercase);
    after_person
        || tokens.end < parse.len() && (parse.word(tokens.end) == "/" || parse.lower(tokens.end).starts_with("photo"))
}

/// A person's name with the titles and possessor before it in its phrase ("Force spokesman Col
/// Ronald Rwivanga", "Somalia's President Hassan Sheikh Mohamud"), on one line.
fn titled_span(parse: &Parse, name: &Range<usize>) -> Range<usize> {
    let head = phrase_head(parse, name);
    let mut start = name.start;
    for c in parse.children(head) {
        if c >= name.start || !matches!(parse.dep(c), "compound" | "poss" | "amod" | "nmod") {
            continue;
        }
        let sub = parse.subtree(c);
        if sub.end != start && (sub.end..start).any(|t| !matches!(parse.dep(t), "compound" | "punct" | "amod")) {
            continue;
        }
        if sub.clone().any(|t| parse.is_space(t) || parse.word(t) == ",") {
            continue;
        }
        start = start.min(sub.start);
    }
    start..name.end
}

/// "General Brice Oligui Nguema", "President Ruto": a title followed by capitalised proper
/// nouns that are no entity is a person.
fn titled_names(cast: &mut Cast, parse: &Parse) {
    let mut t = 0;
    while t + 1 < parse.len() {
        if !parse.in_article(t) || !cast.lexicon.words.title(parse.lower(t)).person || parse.in_headline(t) {
            t += 1;
            continue;
        }
        let start = t + 1;
        let mut end = start;
        let name_word = |i: usize| {
            i < parse.len()
                && parse.pos(i) == dossier_nlp::Pos::Propn
                && parse.word(i).chars().next().is_some_and(char::is_uppercase)
                && cast.at(i).is_none()
                && parse.doc.token(i).ent_label().is_none()
                && !cast.lexicon.words.title(parse.lower(i)).person
        };
        while name_word(end) {
            end += 1;
            // A hyphenated name ("Waker-Uz-Zaman"): a hyphen with no space on either side.
            if end + 1 < parse.len()
                && parse.word(end) == "-"
                && parse.doc.token(end - 1).whitespace().is_empty()
                && parse.doc.token(end).whitespace().is_empty()
                && name_word(end + 1)
            {
                end += 1;
            }
        }
        // At least two words, or one after a title that only precedes names ("Mr Burhan").
        let needs =
            if matches!(parse.lower(t), "mr" | "mr." | "mrs" | "mrs." | "ms" | "ms." | "dr" | "dr.") { 1 } else { 2 };
        if end - start >= needs {
            let text = parse.span_text(start..end).to_string();
            let id = cast.register_discovered(&text, ActorKind::Person);
            let titled = parse.span_text(t..end).to_string();
            cast.add_alias(&id, &titled);
            cast.place(parse, start..end, id, MentionKind::Discovered);
            t = end;
        } else {
            t += 1;
        }
    }
}

/// People named by a shorter form of a name given in full ("Bagheri Kani", "Aung San" for
/// "Ali Bagheri Kani", "Aung San Suu Kyi"): one person, the full name's.
fn merge_name_forms(cast: &mut Cast, parse: &Parse) {
    let persons: Vec<(ActorId, Vec<String>)> = cast
        .actors
        .values()
        .filter(|a| a.kind == ActorKind::Person)
        .map(|a| (a.id.clone(), a.label.split_whitespace().map(str::to_lowercase).collect()))
        .collect();
    let mut remap: HashMap<ActorId, ActorId> = HashMap::default();
    for (short, short_words) in &persons {
        if cast.actors[short].curated {
            continue;
        }
        let longer: Vec<&ActorId> = persons
            .iter()
            .filter(|(id, words)| {
                id != short
                    && words.len() > short_words.len()
                    && (words.ends_with(short_words)
                        || (short_words.len() >= 2 && words.starts_with(short_words))
                        // "Wang" for "Wang Yi": a family name written first.
                        || (short_words.len() == 1 && words.len() == 2 && words.starts_with(short_words)))
            })
            .map(|(id, _)| id)
            .collect();
        if let [full] = longer[..] {
            remap.insert(short.clone(), full.clone());
        }
    }
    if remap.is_empty() {
        return;
    }
    for p in &mut cast.placed {
        if let Some(full) = remap.get(&p.mention.actor) {
            p.mention.actor = full.clone();
            p.mention.kind = MentionKind::Name;
        }
    }
    for (short, full) in &remap {
        if let Some(actor) = cast.actors.remove(short) {
            let names: Vec<String> = std::iter::once(actor.label).chain(actor.aliases).collect();
            for name in names {
                cast.add_alias(full, &name);
            }
        }
    }
    let _ = parse;
}

/// An entity's tokens without a leading article or title, or a trailing possessive.
fn trim_entity(parse: &Parse, words: &WordLists, mut tokens: Range<usize>, label: &str) -> Range<usize> {
    let quote = |w: &str| matches!(w, "\"" | "“" | "”" | "'" | "‘" | "’" | "(" | ")" | "[" | "]" | "«" | "»");
    while tokens.start < tokens.end
        && (matches!(parse.lower(tokens.start), "the" | "a" | "an") || quote(parse.word(tokens.start)))
    {
        tokens.start += 1;
    }
    while tokens.start < tokens.end && quote(parse.word(tokens.end - 1)) {
        tokens.end -= 1;
    }
    while tokens.start < tokens.end && matches!(parse.lower(tokens.end - 1), "'s" | "’s" | "'" | "’") {
        tokens.end -= 1;
    }
    if label == "PERSON" {
        // Titles before the name ("Gen.", "President", "Foreign Minister"), never the whole.
        while tokens.len() > 1 && words.title(parse.lower(tokens.start)).name {
            tokens.start += 1;
        }
    }
    tokens
}

/// Whether an entity's text can be a name: not only digits, symbols or lower-case words, not an
/// abbreviation alone ("Gen."), not a lone generic word ("Ministry", "State"), not an unknown
/// short acronym ("GMT", "IG": known ones are in the gazetteer or introduced in parentheses),
/// not a conference, treaty or credit line the recogniser took for an organisation.
fn plausible_name(parse: &Parse, words: &WordLists, tokens: &Range<usize>, label: &str) -> bool {
    let text = parse.span_text(tokens.clone());
    let has_upper = text.chars().any(char::is_uppercase);
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if !has_upper || letters < 2 {
        return false;
    }
    let first = parse.lower(tokens.start);
    let last = parse.lower(tokens.end - 1);
    if tokens.len() == 1 {
        if words.title(first).name
            || (text.ends_with('.') && letters <= 4)
            || matches!(first, "state" | "house" | "the")
        {
            return false;
        }
        // An unknown short acronym counts only where it acts or is cited ("CNN reports", "told
        // PTI"), not as a modifier ("4 a.m. GMT", "Police IG Koome").
        let upper = text.chars().filter(|c| c.is_uppercase()).count();
        let after_number = tokens.start > 0 && parse.pos(tokens.start - 1) == Pos::Num;
        let argument = !after_number
            && matches!(
                parse.dep(tokens.start),
                "nsubj" | "nsubjpass" | "pobj" | "dobj" | "poss" | "conj" | "appos" | "ROOT"
            );
        if label != "PERSON" && letters <= 3 && upper == letters && !argument {
            return false;
        }
    }
    let not_organisation = matches!(
        last,
        "conference" | "summit" | "meeting" | "forum" | "games" | "olympics" | "talks" | "photo" | "photos"
    ) || matches!(
        first,
        "convention" | "treaty" | "protocol" | "accord" | "agreement" | "declaration" | "resolution"
    );
    !(label == "ORG" && not_organisation)
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

/// A collective or descriptive phrase of the document and the group it belongs to.
#[derive(Debug, Clone)]
struct CollectivePhrase {
    head: usize,
    /// Words of the collective noun ("armed forces": 2).
    noun_words: usize,
    span: Range<usize>,
    key: (Option<ActorId>, String),
    kind: ActorKind,
    label: String,
}

/// Every collective phrase of the document, in text order, with its group key.
fn collective_phrases(cast: &mut Cast, parse: &Parse) -> Vec<CollectivePhrase> {
    let lexicon = cast.lexicon;
    let mut out: Vec<CollectivePhrase> = Vec::new();
    for token in 0..parse.len() {
        if !parse.in_article(token) || !parse.is_noun(token) || cast.at(token).is_some() {
            continue;
        }
        let entries = lexicon.words.collectives_for(parse.lower(token));
        let Some(entry) = entries.iter().find(|c| {
            let n = c.words.len();
            n == 1 || (token + 1 >= n && (token + 1 - n..token).enumerate().all(|(k, t)| parse.lower(t) == c.words[k]))
        }) else {
            continue;
        };
        let first_word = token + 1 - entry.words.len();
        // "the two leaders" refers back to people named before: no group of its own.
        let definite_number = parse.children(token).any(|c| parse.dep(c) == "nummod")
            && parse.children(token).any(|c| parse.dep(c) == "det" && parse.lower(c) == "the");
        if definite_number {
            continue;
        }
        // The phrase: determiners, numbers, modifiers and possessors on its left.
        let mut start = first_word;
        for c in parse.children(token) {
            if c < start
                && matches!(parse.dep(c), "det" | "amod" | "compound" | "nummod" | "poss" | "nmod" | "quantmod")
                && !parse.is_verb(c)
            {
                start = start.min(parse.subtree(c).start);
            }
        }
        // Not over a date ("date 2024-06-17 Officials") or a verb.
        while let Some(cut) =
            (start..first_word).find(|&t| parse.doc.token(t).ent_label() == Some("DATE") || parse.is_verb(t))
        {
            start = cut + 1;
        }
        // Not across a line break ("Map\n\nForce spokesman").
        while let Some(cut) = (start..first_word).find(|&t| parse.is_space(t)) {
            start = cut + 1;
        }
        let mut owner: Option<ActorId> = None;
        let mut end = token + 1;
        let mut modifiers: Vec<usize> = Vec::new();
        for c in parse.children(token) {
            if c < first_word && matches!(parse.dep(c), "amod" | "compound" | "poss" | "nmod") {
                modifiers.push(c);
                modifiers.extend(parse.children_with(c, &["compound", "amod", "poss", "nmod"]).filter(|&g| g < c));
            }
        }
        for c in modifiers {
            {
                if let Some(p) = cast.at(c) {
                    if cast.kind(&p.mention.actor).is_actor() || cast.kind(&p.mention.actor) == ActorKind::Place {
                        owner = Some(p.mention.actor.clone());
                    }
                } else if let Some(e) = demonym_entry(parse, lexicon, c) {
                    owner = Some(cast.register_entry(e));
                } else if parse.pos(c) == Pos::Pron && parse.dep(c) == "poss" {
                    owner = cast.pronoun(parse, c);
                }
            }
        }
        if owner.is_none() {
            for p in parse.children_with(token, &["prep"]) {
                if !matches!(parse.lower(p), "of" | "from") {
                    continue;
                }
                for o in parse.children_with(p, &["pobj"]) {
                    if let Some(m) = cast.at(o) {
                        owner = Some(m.mention.actor.clone());
                        end = parse.subtree(p).end;
                    }
                }
            }
        }
        if owner.is_none() && entry.kind == ActorKind::Group {
            // "officials from more than 90 states": a group said by where its members come from.
            for p in parse.children_with(token, &["prep"]) {
                let plural = parse.children_with(p, &["pobj"]).any(|o| matches!(parse.tag(o), "NNS" | "NNPS"));
                if matches!(parse.lower(p), "of" | "from") && plural && p == token + 1 {
                    end = end.max(parse.subtree(p).end);
                }
            }
        }
        // A place owner is its state ("Kabul's government" is Afghanistan's).
        if let Some(o) = owner.clone() {
            if cast.kind(&o) == ActorKind::Place {
                let state = lexicon.gazetteer.by_iri(&o.0).and_then(|e| lexicon.gazetteer.country_of(e));
                if let Some(c) = state {
                    owner = Some(cast.register_entry(c));
                }
            }
        }
        let explicit = owner.is_some();
        if !explicit && !entry.state_owned {
            // "The Syrian rebels ... the rebels": an unowned phrase is the last owned one of its
            // class, when there is one.
            owner = out.iter().rev().find(|p| p.key.1 == entry.class).and_then(|p| p.key.0.clone());
        }
        if !explicit && entry.state_owned {
            // The owner of the last phrase of the class, else the state the article is about.
            owner = out
                .iter()
                .rev()
                .find(|p| p.key.1 == entry.class)
                .map(|p| p.key.0.clone())
                .unwrap_or_else(|| cast.focus_state());
        }
        let words: Vec<usize> = (start..end)
            .filter(|&t| {
                !matches!(parse.dep(t), "det" | "nummod" | "quantmod") && parse.pos(t) != Pos::Num && !parse.is_space(t)
            })
            .collect();
        let surface = match (words.first(), words.last()) {
            (Some(&a), Some(&b)) => parse.span_text(a..b + 1).to_string(),
            _ => parse.word(token).to_string(),
        };
        let label = match (&owner, explicit) {
            (Some(state), false) => {
                let demonym = lexicon
                    .gazetteer
                    .by_iri(&state.0)
                    .and_then(|e| lexicon.gazetteer.entry(e).demonyms.first().cloned())
                    .unwrap_or_else(|| cast.actors[state].label.clone());
                format!("{demonym} {}", parse.span_text(first_word..token + 1))
            }
            _ => surface,
        };
        out.push(CollectivePhrase {
            head: token,
            noun_words: entry.words.len(),
            span: start..end,
            key: (owner, entry.class.clone()),
            kind: entry.kind,
            label,
        });
    }
    out
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
        if name.chars().next().is_none_or(|c| c.to_uppercase().next() != Some(letters[0])) {
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
                if p.tokens.len() == 1
                    && p.mention.kind == MentionKind::Discovered
                    && !cast.actors[&p.mention.actor].curated
                {
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
    let used: std::collections::BTreeSet<ActorId> =
        cast.placed.iter().chain(&cast.nested).map(|p| p.mention.actor.clone()).collect();
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
        // Counted people of a state ("two Somali officials") are those people, not the state
        // they serve (counted fighters of a group are the group's force in the field).
        let counted = parse.children_with(t, &["nummod"]).next().is_some();
        let of_state = possessor.as_ref().is_some_and(|(a, _)| cast.kind(a) == ActorKind::Country);
        if relation.kind.is_none() && counted && of_state {
            continue;
        }
        // "militants from al Shabaab", "officials of the ministry".
        let mut after: Option<Range<usize>> = None;
        if possessor.is_none() && relation.kind.is_none() {
            for prep in parse.children_with(t, &["prep"]) {
                if !matches!(parse.lower(prep), "of" | "from") {
                    continue;
                }
                if let Some(o) = parse.children_with(prep, &["pobj"]).next() {
                    if let Some(p) = cast.at(o) {
                        possessor = Some((p.mention.actor.clone(), t));
                        after = Some(start..parse.subtree(prep).end);
                    }
                }
            }
        }
        let Some((owner, from)) = possessor else { continue };
        let owner_kind = cast.kind(&owner);
        if !relation.possessors.contains(&owner_kind) {
            continue;
        }
        if let Some(phrase) = after {
            let surface = parse.span_text(phrase).to_string();
            if cast.place(parse, start..t + 1, owner.clone(), MentionKind::Role) {
                cast.add_alias(&owner, &surface);
            }
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
                if cast.at(from).is_some_and(|p| p.tokens.end > start) {
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

/// Whether the name starting at byte `start` is written after "non-" ("non-ASEAN countries"):
/// it then names who the phrase is not.
fn negated_name(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches(['-', '\u{2010}', '\u{2011}', '\u{2013}']);
    before.len() < start
        && before.len() >= 3
        && before.is_char_boundary(before.len() - 3)
        && before[before.len() - 3..].eq_ignore_ascii_case("non")
        && !before[..before.len() - 3].chars().next_back().is_some_and(char::is_alphanumeric)
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
            let city = std::mem::replace(&mut cast.placed[index].mention.actor, id);
            cast.capitals.insert(cast.placed[index].tokens.start, city);
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

#[cfg(test)]
mod tests {
    use crate::corpus::Document;
    use crate::extract::extract_document;
    use crate::lexicon::Lexicon;

    /// The actors of a text published on 2024-03-10: (label, names) of each.
    fn actors_of(text: &str) -> Vec<(String, Vec<String>)> {
        let lexicon = Lexicon::builtin().unwrap();
        let text = format!("date 2024-03-10\n\n{text}\n");
        let doc = Document::from_text("t.txt", text, Default::default(), &lexicon.boilerplate);
        let findings = extract_document(&doc, &lexicon);
        findings
            .actors
            .values()
            .filter(|a| findings.mentions.iter().any(|m| m.actor == a.id))
            .map(|a| (a.label.clone(), a.aliases.clone()))
            .collect()
    }

    fn named(actors: &[(String, Vec<String>)], name: &str) -> bool {
        actors.iter().any(|(l, a)| l == name || a.iter().any(|x| x == name))
    }

    #[test]
    fn photo_credits_name_no_actor() {
        let actors = actors_of("Chilean troops patrol the border near Arica (Maria Lopez/AP)\n\nChile sent troops.");
        assert!(!named(&actors, "Associated Press"), "{actors:?}");
    }

    #[test]
    fn dateline_and_source_credits_are_sources() {
        let actors = actors_of(
            "Lima/Santiago, 4 March 2024 (EFE/Andina) - Chile and Peru signed a trade deal.\n\nSource: \
             Reuters; Peruvian Trade Monitor",
        );
        for name in ["EFE", "Andina", "Reuters", "Peruvian Trade Monitor"] {
            assert!(named(&actors, name), "{name}: {actors:?}");
        }
    }

    #[test]
    fn a_position_is_no_organisation() {
        let actors = actors_of(
            "Australian Treasury Secretary Jim Brown met Peru's trade minister.\n\nChile's Senate Finance Committee \
             Chair Luis Soto said on Monday that Peru must act.",
        );
        assert!(actors.iter().all(|(l, _)| !l.contains("Secretary") && !l.contains("Chair")), "{actors:?}");
        assert!(named(&actors, "Senate Finance Committee") && named(&actors, "Luis Soto"), "{actors:?}");
    }

    #[test]
    fn the_spokesman_is_the_person_given_that_position() {
        let actors = actors_of(
            "Colonel Juan Perez, the spokesman for the Chilean army, said troops had crossed the river.\n\n\
             The spokesman said the operation would continue.",
        );
        let perez = actors.iter().find(|(l, _)| l == "Juan Perez").expect("Juan Perez");
        assert!(perez.1.iter().any(|a| a == "The spokesman"), "{actors:?}");
        assert!(actors.iter().all(|(l, _)| l != "spokesman"), "{actors:?}");
    }

    #[test]
    fn a_sentence_case_closing_line_has_names() {
        let actors =
            actors_of("Chile and Peru signed a deal.\n\nTalks were led by the mediator Juan Perez in Lima and");
        assert!(named(&actors, "Juan Perez"), "{actors:?}");
    }

    #[test]
    fn an_unowned_phrase_is_the_owned_one_of_its_class_before() {
        let actors = actors_of(
            "Peruvian rebels attacked an army post near Cusco on Monday. Later the rebels seized the town hall.",
        );
        let rebels: Vec<_> = actors.iter().filter(|(l, _)| l.to_lowercase().contains("rebels")).collect();
        assert_eq!(rebels.len(), 1, "{actors:?}");
    }

    #[test]
    fn state_media_are_sources() {
        let actors = actors_of("Peruvian state media reported that the president had left Lima.");
        assert!(named(&actors, "Peruvian state media"), "{actors:?}");
    }

    #[test]
    fn a_group_said_by_where_its_members_come_from() {
        let actors = actors_of("Officials from more than 40 countries met in Lima to discuss the drought.");
        assert!(named(&actors, "Officials from more than 40 countries"), "{actors:?}");
    }

    #[test]
    fn a_broadcasters_language_service_is_an_outlet() {
        let actors = actors_of("A Peruvian minister told the BBC Spanish service that the talks had failed.");
        assert!(named(&actors, "BBC Spanish service"), "{actors:?}");
        assert!(!named(&actors, "BBC"), "{actors:?}");
    }

    #[test]
    fn counted_officials_are_people_not_their_state() {
        let actors = actors_of("Two Peruvian officials said the border with Chile would close on Monday.");
        let peru = actors.iter().find(|(l, _)| l == "Peru");
        assert!(peru.is_none_or(|(_, a)| !a.iter().any(|x| x.contains("officials"))), "{actors:?}");
    }

    #[test]
    fn a_name_inside_a_collective_phrase_is_nested() {
        let actors = actors_of("A U.S. official said U.S. troops had left the base in Peru on Monday.");
        assert!(named(&actors, "A U.S. official"), "{actors:?}");
        assert!(named(&actors, "United States"), "{actors:?}");
    }

    #[test]
    fn a_lower_case_description_needs_its_anchor() {
        let actors = actors_of("Chile and Peru, two neighbours, signed a trade agreement on Monday.");
        assert!(actors.iter().all(|(l, _)| !l.contains("neighbo")), "{actors:?}");
    }
}
