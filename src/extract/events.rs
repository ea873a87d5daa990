//! Events: PLOVER triggers with their arguments, date and status.
//!
//! For each trigger of `ontology/events.tsv` found in a sentence:
//! - **agent**: the subject, found by walking left from the trigger over auxiliaries, adverbs and
//!   collective nouns ("Taliban representatives visited"); a pronoun subject is resolved; a
//!   capital standing as subject is read as its country ("Moscow hosted"); conjoined subjects
//!   ("Moscow and New Delhi joined hands") give co-agents, or, for reciprocal events, a target;
//!   with no subject in reach, the agent of the sentence's previous event, else the first actor
//!   of the sentence not governed by a preposition;
//! - **target**: the first actor after the trigger in the same clause, skipping topics ("talks
//!   on Afghanistan"); with frame `agent-after` the actor after "to"/"by"/"from" is the agent
//!   ("fell to the militants");
//! - **place**: a place after the trigger, or after "in"/"into"/"at"; a capital visited is the
//!   country as target and the city as place;
//! - **date**: the time expression nearest to the trigger, leaving out the time of a report
//!   ("said on Thursday");
//! - **status**: negated after a negation ("not planning to negotiate" — a negated meeting is
//!   a REJECT), planned after a future or intention marker ("will invite", "plans to host",
//!   "Russia to invite"), else occurred.

use std::ops::Range;

use super::actors::People;
use super::text::{ends_clause, is_future_marker, is_negation, is_place_preposition, is_verb_helper, pronoun, Token};
use super::{ActorId, Event, Mention, MentionKind, Status};
use crate::corpus::{Document, SentenceKind};
use crate::lexicon::words::{Frame, VerbForm};
use crate::lexicon::{ActorKind, Lexicon};
use crate::plover::EventType;
use crate::time::{find_times, Tense, TimeMention};

/// Nouns that stand for a collective's people; "Taliban representatives" acts as the Taliban.
const MEMBER_NOUNS: &[&str] = &[
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
    "leadership",
];

/// Prepositions after which an actor is a topic, not a participant.
fn is_topic_preposition(lower: &str) -> bool {
    matches!(lower, "on" | "about" | "regarding" | "over" | "concerning" | "of")
}

/// Any preposition (an actor right after one is not a subject).
fn is_preposition(lower: &str) -> bool {
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

/// A sentence prepared for the argument rules.
pub(crate) struct Clause<'a> {
    pub sentence: usize,
    pub tokens: &'a [Token],
    pub mentions: Vec<Mention>,
}

impl Clause<'_> {
    /// The longest mention covering token `index`.
    pub fn mention_at(&self, index: usize) -> Option<&Mention> {
        let token = &self.tokens[index].range;
        self.mentions
            .iter()
            .filter(|m| m.range.start <= token.start && token.end <= m.range.end)
            .max_by_key(|m| (m.range.len(), std::cmp::Reverse(m.kind)))
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

/// The subject of the verb starting at token `verb`: the actors of the nearest subject noun
/// phrase to the left (conjoined subjects included), if one is in reach.
pub(crate) fn subject_of(people: &mut People, clause: &Clause, verb: usize) -> Vec<ActorId> {
    let mut index = verb;
    while index > 0 {
        index -= 1;
        let token = &clause.tokens[index];
        if let Some(mention) = clause.mention_at(index).cloned() {
            if clause.governed(&mention)
                && !matches!(clause.tokens[clause.first_token(&mention) - 1].lower.as_str(), "of")
            {
                return Vec::new();
            }
            let mut subjects = Vec::new();
            let mut first = clause.first_token(&mention);
            subjects.extend(as_participant(people, clause, &mention));
            // "Moscow and New Delhi", "Iran and Russia", "Russia, the United States, China and Pakistan"
            while first >= 2 && matches!(clause.tokens[first - 1].lower.as_str(), "and" | "," | "&") {
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
            // "the militants" in "both Iran and Russia": drop "both"
            return subjects;
        }
        if let Some(kind) = pronoun(&token.lower) {
            if matches!(token.lower.as_str(), "his" | "her" | "its" | "their" | "our" | "him" | "them") {
                return Vec::new();
            }
            return people.resolve_pronoun(kind, clause.sentence, token.range.start).into_iter().collect();
        }
        let helper =
            is_verb_helper(&token.lower) || MEMBER_NOUNS.contains(&token.lower.as_str()) || token.lower == "'s";
        if !helper {
            return Vec::new();
        }
    }
    Vec::new()
}

/// The first actor of the sentence before `before` that no preposition governs: the sentence's
/// grammatical subject in most news sentences.
pub(crate) fn sentence_subject(people: &mut People, clause: &Clause, before: usize) -> Option<ActorId> {
    let limit = clause.tokens[before].range.start;
    let mention = clause.mentions.iter().filter(|m| m.range.end <= limit).find(|m| !clause.governed(m)).cloned()?;
    as_participant(people, clause, &mention)
}

struct Objects {
    targets: Vec<ActorId>,
    place: Option<ActorId>,
    /// Actors after "to", "by", "from": agents for `agent-after` frames.
    after_agent_preposition: Vec<ActorId>,
}

/// Targets and place after the trigger ending at token `end` (exclusive), up to the clause end.
fn objects_after(people: &mut People, clause: &Clause, end: usize, event_type: EventType) -> Objects {
    let mut objects = Objects { targets: Vec::new(), place: None, after_agent_preposition: Vec::new() };
    let mut index = end;
    // A trigger ending in a preposition ("fall to", "reach out to") governs what follows.
    let mut preposition: Option<String> = clause.tokens[..end]
        .last()
        .filter(|t| matches!(t.lower.as_str(), "to" | "by" | "from" | "into" | "of" | "with"))
        .map(|t| t.lower.clone());
    let mut steps = 0;
    while index < clause.tokens.len() && steps < 16 {
        steps += 1;
        let token = &clause.tokens[index];
        if let Some(mention) = clause.mention_at(index).cloned() {
            let kind = people.kind(&mention.actor);
            let prep = preposition.as_deref().unwrap_or("");
            if matches!(prep, "to" | "by" | "from")
                || (prep == "of" && index >= 2 && clause.tokens[index - 2].lower == "hands")
            {
                if let Some(actor) = as_participant(people, clause, &mention) {
                    objects.after_agent_preposition.push(actor);
                }
            }
            if kind == ActorKind::Place || is_place_preposition(prep) {
                if objects.place.is_none() {
                    // A capital visited or invited to: the country is the target, the city the place.
                    if prep.is_empty() && event_type == EventType::Consult && objects.targets.is_empty() {
                        if let Some(country) = people.country_of_capital(&mention.actor) {
                            objects.targets.push(country);
                        }
                    }
                    objects.place = Some(mention.actor.clone());
                }
            } else if !is_topic_preposition(prep) || (prep == "of" && objects.targets.is_empty()) {
                let actor = mention.actor.clone();
                let listed = objects.targets.is_empty()
                    || index >= 1 && matches!(clause.tokens[index - 1].lower.as_str(), "and" | ",");
                if listed && !objects.targets.contains(&actor) {
                    objects.targets.push(actor);
                }
            }
            index = clause.last_token(&mention) + 1;
            continue;
        }
        if ends_clause(&token.lower)
            || token.lower == "."
            || token.lower == "that"
            || (token.lower == "," && steps > 1 && preposition.is_none())
        {
            break;
        }
        if is_preposition(&token.lower) {
            preposition = Some(token.lower.clone());
        } else if token.is_word
            && !matches!(token.lower.as_str(), "the" | "a" | "an" | "and" | "its" | "their" | "his" | "her")
            && preposition.is_some()
            && steps > 3
        {
            // Far from the preposition: a new phrase starts.
        }
        index += 1;
    }
    objects
}

/// The status of a trigger from the words before it.
fn status_before(tokens: &[Token], trigger: usize, form: VerbForm, kind: SentenceKind) -> Status {
    let window = &tokens[trigger.saturating_sub(5)..trigger];
    // Stop at the start of the clause.
    let clause_start = window.iter().rposition(|t| t.lower == "," || ends_clause(&t.lower)).map_or(0, |i| i + 1);
    let window = &window[clause_start..];
    let words: Vec<&str> = window.iter().map(|t| t.lower.as_str()).collect();
    if words.iter().any(|w| is_negation(w))
        || words.windows(3).any(|w| w == ["stopped", "short", "of"] || w == ["stop", "short", "of"])
    {
        return Status::Negated;
    }
    let future = words.iter().any(|w| is_future_marker(w));
    let infinitive_in_headline = kind != SentenceKind::Body && words.last() == Some(&"to");
    if (future && matches!(form, VerbForm::Base | VerbForm::Phrase)) || infinitive_in_headline {
        return Status::Planned;
    }
    Status::Occurred
}

/// Whether the sentence speaks of the future (for dating "on Thursday", "October 20").
fn tense_of(tokens: &[Token], kind: SentenceKind) -> Tense {
    let future = tokens
        .iter()
        .any(|t| matches!(t.lower.as_str(), "will" | "'ll" | "shall" | "scheduled" | "upcoming" | "plans" | "next"));
    if future || (kind != SentenceKind::Body && tokens.iter().any(|t| t.lower == "to")) {
        Tense::Future
    } else {
        Tense::Past
    }
}

/// The time expressions of a sentence, with those that date a report ("said on Thursday")
/// marked.
pub(crate) fn sentence_times(
    document: &Document,
    lexicon: &Lexicon,
    tokens: &[Token],
    range: &Range<usize>,
    kind: SentenceKind,
) -> Vec<(TimeMention, bool)> {
    let tense = tense_of(tokens, kind);
    let text = &document.text[range.clone()];
    // A report is always in the past ("said on Thursday"), whatever the reported words say.
    let past = find_times(text, document.published, Tense::Past);
    find_times(text, document.published, tense)
        .into_iter()
        .map(|mut t| {
            let past_value = past.iter().find(|p| p.range == t.range).map(|p| p.value);
            t.range = t.range.start + range.start..t.range.end + range.start;
            let first = tokens.iter().position(|tok| tok.range.start >= t.range.start).unwrap_or(0);
            let reported = (1..=3).any(|back| {
                first >= back && {
                    let words: Vec<&str> = tokens[first - back..first]
                        .iter()
                        .map(|t| t.lower.as_str())
                        .filter(|w| *w != "on" && *w != ",")
                        .collect();
                    !words.is_empty() && !lexicon.words.reporting_at(&words).is_empty()
                }
            });
            if reported {
                t.value = past_value.unwrap_or(t.value);
            }
            (t, reported)
        })
        .collect()
}

/// All events of a document, one per trigger (see [`merge_within_document`]).
pub fn find_events(document: &Document, lexicon: &Lexicon, people: &mut People) -> Vec<Event> {
    let mut events = Vec::new();
    for (index, sentence) in document.sentences.iter().enumerate() {
        let tokens = people.tokens(index).to_vec();
        let clause =
            Clause { sentence: index, tokens: &tokens, mentions: people.in_sentence(index).cloned().collect() };
        let times = sentence_times(document, lexicon, &tokens, &sentence.range, sentence.kind);
        let mut last_agent: Option<Vec<ActorId>> = None;
        let mut position = 0;
        while position < tokens.len() {
            let words: Vec<&str> = tokens[position..].iter().take(8).map(|t| t.lower.as_str()).collect();
            let inside_name = clause
                .mention_at(position)
                .is_some_and(|m| matches!(m.kind, MentionKind::Name | MentionKind::Discovered));
            let Some(trigger) = lexicon.words.triggers_at(&words).into_iter().next().filter(|_| !inside_name) else {
                position += 1;
                continue;
            };
            let end = position + trigger.words.len();
            let span = tokens[position].range.start..tokens[end - 1].range.end;
            let objects = objects_after(people, &clause, end, trigger.event_type);
            let mut targets = objects.targets.clone();
            let mut agents = match trigger.frame {
                Frame::AgentAfter => objects.after_agent_preposition.iter().take(1).cloned().collect(),
                Frame::Noun => noun_agent(people, &clause, position),
                Frame::Active => subject_of(people, &clause, position),
            };
            if trigger.frame == Frame::AgentAfter {
                // What fell, or who received: the subject is acted on.
                targets = subject_of(people, &clause, position)
                    .into_iter()
                    .filter(|a| people.kind(a) != ActorKind::Place)
                    .collect();
                targets.retain(|t| !agents.contains(t));
            }
            if agents.is_empty() && trigger.frame != Frame::AgentAfter {
                agents = last_agent
                    .clone()
                    .unwrap_or_else(|| sentence_subject(people, &clause, position).into_iter().collect());
            }
            let reciprocal = matches!(trigger.event_type, EventType::Cooperate | EventType::Consult | EventType::Agree);
            if reciprocal && agents.len() > 1 && targets.is_empty() {
                targets = agents.split_off(1);
            }
            targets.retain(|t| !agents.contains(t));
            position = end;
            if agents.is_empty() {
                continue;
            }
            last_agent = Some(agents.clone());
            let mut event_type = trigger.event_type;
            let mut status = status_before(&tokens, position - trigger.words.len(), trigger.form, sentence.kind);
            if status == Status::Negated && event_type == EventType::Consult {
                // Declining to meet or negotiate is itself an act: a rejection.
                event_type = EventType::Reject;
                status = Status::Occurred;
            }
            let date = times
                .iter()
                .filter(|(_, reported)| !reported)
                .min_by_key(|(t, _)| distance(&t.range, &span))
                .map(|(t, _)| t.value);
            events.push(Event {
                event_type,
                mode: trigger.mode.clone(),
                agents,
                targets,
                place: objects.place,
                date,
                status,
                evidence: sentence.range.clone(),
                trigger: span,
            });
        }
    }
    events
}

/// The agent of a nominal trigger: a modifier or possessor right before it ("the U.S. troop
/// exit", "Russia's aid"), else nothing (the caller falls back to the sentence subject).
fn noun_agent(people: &mut People, clause: &Clause, trigger: usize) -> Vec<ActorId> {
    let mut index = trigger;
    while index > 0 {
        index -= 1;
        let token = &clause.tokens[index];
        if let Some(mention) = clause.mention_at(index).cloned() {
            return as_participant(people, clause, &mention).into_iter().collect();
        }
        if !(token.lower == "'s"
            || matches!(
                token.lower.as_str(),
                "military"
                    | "humanitarian"
                    | "joint"
                    | "troop"
                    | "new"
                    | "international"
                    | "recent"
                    | "latest"
                    | "a"
                    | "an"
            ))
        {
            break;
        }
    }
    subject_of(people, clause, trigger)
}

fn distance(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// Merges the events of one document that state the same thing (same type, agents, targets and
/// compatible dates; in one sentence, a target-less statement of the same act joins the other):
/// one event per real-world event per document, with the first evidence.
pub fn merge_within_document(events: Vec<Event>) -> Vec<Event> {
    let mut merged: Vec<Event> = Vec::new();
    for event in events {
        let mut agents = event.agents.clone();
        agents.sort();
        let mut targets = event.targets.clone();
        targets.sort();
        let same = merged.iter_mut().find(|m| {
            let mut ma = m.agents.clone();
            ma.sort();
            let mut mt = m.targets.clone();
            mt.sort();
            // In one sentence, a target-less mention of the same act completes the other ("will
            // invite the Taliban to talks that it plans to host in Moscow").
            let same_sentence = m.evidence == event.evidence && (mt.is_empty() || targets.is_empty());
            m.event_type == event.event_type
                && ma == agents
                && (mt == targets || same_sentence)
                && (m.date == event.date || m.date.is_none() || event.date.is_none())
        });
        match same {
            Some(existing) => {
                if existing.targets.is_empty() {
                    existing.targets = event.targets;
                }
                existing.date = existing.date.or(event.date);
                existing.place = existing.place.take().or(event.place);
                existing.mode = existing.mode.take().or(event.mode);
                if existing.status == Status::Occurred && event.status == Status::Planned {
                    existing.status = Status::Planned;
                }
            }
            None => merged.push(event),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;

    fn events(text: &str, published: &str) -> Vec<String> {
        let lexicon = Lexicon::builtin().unwrap();
        let text = format!("date {published}\n\n{text}\n");
        let doc = Document::from_text("t.txt", text, Default::default(), &lexicon.boilerplate);
        let findings = extract(&doc, &lexicon);
        let label = |ids: &[ActorId]| ids.iter().map(|a| findings.actor(a).label.clone()).collect::<Vec<_>>().join("+");
        findings
            .events
            .iter()
            .map(|e| {
                format!(
                    "{} {}->{} at {} on {} ({})",
                    e.event_type,
                    label(&e.agents),
                    label(&e.targets),
                    e.place.as_ref().map_or("-".to_string(), |p| findings.actor(p).label.clone()),
                    e.date.map_or("-".to_string(), |d| d.to_string()),
                    e.status.as_str()
                )
            })
            .collect()
    }

    #[test]
    fn visit_to_a_capital() {
        assert_eq!(
            events("Taliban representatives visited Moscow on July 8.", "2021-07-09"),
            ["CONSULT Taliban->Russia at Moscow on 2021-07-08 (occurred)"]
        );
    }

    #[test]
    fn planned_and_negated() {
        assert_eq!(
            events("Russia will invite representatives of the Taliban to talks that it plans to host in Moscow on October 20.", "2021-10-07"),
            ["CONSULT Russia->Taliban at Moscow on 2021-10-20 (planned)"]
        );
        assert_eq!(
            events("The Russian Federation is not planning to negotiate with the Taliban.", "2021-09-10"),
            ["REJECT Russia->Taliban at - on - (occurred)"]
        );
    }

    #[test]
    fn agent_after_and_conjoined_subjects() {
        assert_eq!(
            events("Several districts have fallen to the Taliban.", "2021-07-09"),
            ["ASSAULT Taliban-> at - on - (occurred)"]
        );
        assert_eq!(
            events("Earlier this week, Moscow and New Delhi joined hands to protect Central Asia.", "2021-09-10"),
            ["COOPERATE Russia->India at Central Asia on week of 2021-09-06 (occurred)"]
        );
    }
}
