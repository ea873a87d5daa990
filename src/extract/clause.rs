//! A sentence seen as clauses: who is the subject of a verb, what follows it. Shared by the
//! event and claim rules.
//!
//! The subject of a verb is found by walking left from it over auxiliaries, adverbs, time
//! expressions ("Tajikistan this week announced") and member nouns ("Taliban representatives
//! visited"); a relative pronoun leads to its antecedent ("Tajikistan, which hosts ..."); a
//! personal pronoun is resolved; a capital acting is read as its country ("Moscow hosted").

use std::ops::Range;

use super::actors::People;
use super::text::{is_verb_helper, pronoun, Token};
use super::{ActorId, Mention, MentionKind};
use crate::lexicon::ActorKind;

/// Nouns that stand for a collective's people: "Taliban representatives" act as the Taliban.
pub(crate) const MEMBER_NOUNS: &[&str] = &[
    "representatives",
    "representative",
    "fighters",
    "forces",
    "troops",
    "officials",
    "official",
    "delegation",
    "delegates",
    "leaders",
    "leader",
    "leadership",
    "members",
    "soldiers",
    "militants",
    "diplomats",
    "authorities",
    "government",
    "army",
    "military",
    "advances",
    "negotiators",
    "envoys",
    "envoy",
    "spokesman",
    "spokesperson",
    "ministers",
    "minister",
    "police",
    "administration",
    "regime",
    "side",
    "units",
    "commanders",
    "commander",
    "president",
    "presidency",
];

/// Prepositions after which an actor is a topic, not a participant.
pub(crate) fn is_topic_preposition(lower: &str) -> bool {
    matches!(lower, "on" | "about" | "regarding" | "over" | "concerning" | "of")
}

/// Any preposition (an actor right after one is not a subject).
pub(crate) fn is_preposition(lower: &str) -> bool {
    matches!(
        lower,
        "in" | "into"
            | "at"
            | "on"
            | "of"
            | "to"
            | "with"
            | "from"
            | "for"
            | "about"
            | "by"
            | "against"
            | "over"
            | "across"
            | "near"
            | "within"
            | "between"
            | "among"
            | "through"
            | "toward"
            | "towards"
            | "under"
            | "after"
            | "before"
            | "since"
            | "during"
            | "including"
            | "like"
            | "than"
            | "via"
            | "per"
    )
}

/// Words that are prepositions or conjunctions; before a subject and its verb, conjunctions.
pub(crate) fn is_conjunction(lower: &str) -> bool {
    matches!(lower, "after" | "before" | "since" | "until" | "as" | "once" | "while" | "when")
}

/// A sentence prepared for the argument rules.
pub(crate) struct Clause<'a> {
    pub sentence: usize,
    pub tokens: &'a [Token],
    pub mentions: Vec<Mention>,
    /// Byte ranges of the time expressions of the sentence.
    pub times: Vec<Range<usize>>,
    /// For each token, the index in `mentions` of the longest mention covering it.
    covering: Vec<Option<u32>>,
}

impl<'a> Clause<'a> {
    pub fn new(sentence: usize, tokens: &'a [Token], mentions: Vec<Mention>, times: Vec<Range<usize>>) -> Clause<'a> {
        // Asked for every token by every rule: found once. Of equally long mentions the most
        // specific kind, and of those the last (as `Iterator::max_by_key` picks).
        let covering = tokens
            .iter()
            .map(|token| {
                let token = &token.range;
                (0..mentions.len())
                    .filter(|&i| mentions[i].range.start <= token.start && token.end <= mentions[i].range.end)
                    .max_by_key(|&i| (mentions[i].range.len(), std::cmp::Reverse(mentions[i].kind)))
                    .map(|i| i as u32)
            })
            .collect();
        Clause { sentence, tokens, mentions, times, covering }
    }

    /// The longest mention covering token `index`.
    pub fn mention_at(&self, index: usize) -> Option<&Mention> {
        self.covering[index].map(|i| &self.mentions[i as usize])
    }

    /// Index of the first token of a mention.
    pub fn first_token(&self, mention: &Mention) -> usize {
        self.tokens.iter().position(|t| t.range.start >= mention.range.start).unwrap_or(0)
    }

    /// Index of the last token of a mention.
    pub fn last_token(&self, mention: &Mention) -> usize {
        self.tokens.iter().rposition(|t| t.range.end <= mention.range.end).unwrap_or(0)
    }

    /// Whether the token before the mention is a preposition.
    pub fn governed(&self, mention: &Mention) -> bool {
        let first = self.first_token(mention);
        first > 0 && is_preposition(&self.tokens[first - 1].lower)
    }

    /// Whether token `index` lies in a time expression.
    pub fn in_time(&self, index: usize) -> bool {
        let token = &self.tokens[index].range;
        self.times.iter().any(|t| t.start <= token.start && token.end <= t.end)
    }

    /// Whether a mention lies inside a longer one ("Afghanistan" in "envoy to Afghanistan").
    pub fn nested(&self, mention: &Mention) -> bool {
        self.mentions.iter().any(|m| {
            m.range.start <= mention.range.start
                && mention.range.end <= m.range.end
                && m.range.len() > mention.range.len()
        })
    }
}

/// Reads an actor where a participant is expected: a capital acting stands for its country.
pub(crate) fn as_participant(people: &mut People, clause: &Clause, mention: &Mention) -> Option<ActorId> {
    if people.kind(&mention.actor) != ActorKind::Place {
        return Some(mention.actor.clone());
    }
    let country = people.country_of_capital(&mention.actor)?;
    people.add_mention(
        clause.sentence,
        Mention { actor: country.clone(), range: mention.range.clone(), kind: MentionKind::Metonym },
    );
    Some(country)
}

/// The actors of a subject phrase ending with `mention`, conjoined ones included ("Moscow and New
/// Delhi", "Russia, the United States, China and Pakistan"), in text order.
fn conjoined(people: &mut People, clause: &Clause, mention: &Mention) -> Vec<ActorId> {
    let mut subjects: Vec<ActorId> = as_participant(people, clause, mention).into_iter().collect();
    // "the two leaders": one phrase, several actors.
    for other in clause.mentions.iter().filter(|m| m.range == mention.range && m.actor != mention.actor) {
        if !subjects.contains(&other.actor) {
            subjects.push(other.actor.clone());
        }
    }
    let mut first = clause.first_token(mention);
    // The list must close with "and": "X, Y and Z" is a list, "the Taliban, Peskov" is not.
    let closes = first >= 2 && matches!(clause.tokens[first - 1].lower.as_str(), "and" | "&" | "or");
    while closes && first >= 2 && matches!(clause.tokens[first - 1].lower.as_str(), "and" | "," | "&" | "or") {
        let mut before = first - 2;
        if clause.tokens[first - 1].lower == "and" && before > 0 && clause.tokens[before].lower == "," {
            before -= 1;
        }
        let Some(other) = clause.mention_at(before).cloned() else { break };
        if let Some(actor) = as_participant(people, clause, &other) {
            if !subjects.contains(&actor) {
                subjects.insert(0, actor);
            }
        }
        first = clause.first_token(&other);
    }
    subjects
}

/// The subject of the verb starting at token `verb`, if one is in reach (empty otherwise).
pub(crate) fn subject_of(people: &mut People, clause: &Clause, verb: usize) -> Vec<ActorId> {
    let mut index = verb;
    while index > 0 {
        index -= 1;
        let token = &clause.tokens[index];
        if let Some(mention) = clause.mention_at(index).cloned() {
            let first = clause.first_token(&mention);
            // "after Taliban took over": a conjunction opening the clause, not a preposition.
            let opener = first > 0 && is_conjunction(&clause.tokens[first - 1].lower);
            if clause.governed(&mention) && clause.tokens[first - 1].lower != "of" && !opener {
                return Vec::new();
            }
            return conjoined(people, clause, &mention);
        }
        if clause.in_time(index) {
            continue;
        }
        // "Tajikistan, which hosts ...": the antecedent of the relative pronoun.
        if matches!(token.lower.as_str(), "which" | "who" | "that") {
            let mut before = index;
            while before > 0 && matches!(clause.tokens[before - 1].lower.as_str(), ",") {
                before -= 1;
            }
            return match before.checked_sub(1).and_then(|i| clause.mention_at(i)).cloned() {
                Some(mention) => as_participant(people, clause, &mention).into_iter().collect(),
                None => Vec::new(),
            };
        }
        if pronoun(&token.lower).is_some() {
            if matches!(token.lower.as_str(), "his" | "her" | "its" | "their" | "our" | "him" | "them" | "us") {
                return Vec::new();
            }
            let Some(actor) = people.resolve_pronoun(&token.lower, clause.sentence, token.range.start) else {
                return Vec::new();
            };
            people.add_mention(
                clause.sentence,
                Mention { actor: actor.clone(), range: token.range.clone(), kind: MentionKind::Pronoun },
            );
            return vec![actor];
        }
        let helper =
            is_verb_helper(&token.lower) || MEMBER_NOUNS.contains(&token.lower.as_str()) || token.lower == "'s";
        if !helper {
            // "the United States and its allies withdrew": the named first conjunct acts.
            let conjunct = (index.saturating_sub(3)..index).rev().find(|&i| clause.tokens[i].lower == "and");
            if let Some(and) = conjunct.filter(|&i| i > 0) {
                let between_ok = clause.tokens[and + 1..index].iter().all(|t| {
                    matches!(t.lower.as_str(), "its" | "their" | "his" | "her" | "the" | "other" | "several" | "some")
                });
                if let Some(mention) = clause.mention_at(and - 1).cloned().filter(|_| between_ok) {
                    return conjoined(people, clause, &mention);
                }
            }
            return Vec::new();
        }
    }
    Vec::new()
}

/// The first actor of the sentence before token `before` that no preposition governs and no
/// longer mention contains: the sentence's grammatical subject in most news sentences.
pub(crate) fn sentence_subject(people: &mut People, clause: &Clause, before: usize) -> Option<ActorId> {
    let limit = clause.tokens.get(before).map_or(usize::MAX, |t| t.range.start);
    let mention = clause
        .mentions
        .iter()
        .filter(|m| m.range.end <= limit)
        .find(|m| !clause.governed(m) && !clause.nested(m))
        .cloned()?;
    as_participant(people, clause, &mention)
}
