//! Events: PLOVER triggers with their arguments, date and status.
//!
//! For each trigger of `ontology/events.tsv` found in a sentence (quotation marks inside a
//! phrase are passed over: "took a 'u-turn'"), when its `NEEDS` words follow:
//! - **agent**: the subject ([`clause::subject_of`]); in the passive ("was invited by X", "has
//!   been banned ... in Russia") the actor after "by" (or the state after "in" for sanctions)
//!   and the subject becomes the target; conjoined subjects of a reciprocal event ("Moscow and
//!   New Delhi joined hands") give agent and target; with no subject in reach, the agent of the
//!   sentence's previous event, else the sentence subject;
//! - **target**: the first actor after the trigger in the same clause, skipping topics ("talks
//!   on Afghanistan"), stopping at a purpose clause ("to protect ...") or a new clause; a list
//!   ("India, China, Iran and Pakistan") gives several; with frame `agent-after` the actor after
//!   "to"/"by"/"from" is the agent ("fell to the militants"); a joint act without its own target
//!   takes the previous act's ("assistance to Tajikistan and conducted joint exercises");
//! - **place**: a place after the trigger or after "in"/"into"/"at"; a capital visited is the
//!   country as target and the city as place;
//! - **date**: the time expression nearest to the trigger (not the time of a report, "said on
//!   Thursday"); else the publication date for the present tense ("is not planning"); else, for a
//!   simple past narrated right after a dated sentence, that sentence's time (news narrates
//!   around a reference time: "reiterated on July 8 ... The Ministry said the envoy held talks");
//! - **status**: negated after a negation (a negated meeting is a REJECT: "not planning to
//!   negotiate"), planned after a future or intention marker ("will invite", "plans to host",
//!   "Russia to invite"), else occurred. An infinitive of purpose or attempt ("seeking to
//!   provide", "used to threaten") states no event.
//!
//! Nominal triggers that are the object of a reporting verb ("touted talks with the Taliban")
//! are what someone said, not events; THREATEN and ACCUSE need a target.

use std::ops::Range;

use super::actors::People;
use super::clause::{
    as_participant, is_preposition, is_topic_preposition, sentence_subject, subject_of, Clause, MEMBER_NOUNS,
};
use super::text::{ends_clause, is_future_marker, is_negation, is_place_preposition, is_verb_helper, Token};
use super::{ActorId, Event, MentionKind, Status};
use crate::corpus::{Document, SentenceKind};
use crate::lexicon::words::{Frame, Trigger, VerbForm};
use crate::lexicon::{ActorKind, Lexicon};
use crate::plover::EventType;
use crate::time::{find_times_in_tenses, Precision, Tense, TimeMention, TimeValue};

/// Words before "to" that make the next verb planned ("plans to host", "agreed to withdraw").
const FUTURE_BEFORE_TO: &[&str] = &[
    "plans",
    "plan",
    "planned",
    "planning",
    "scheduled",
    "set",
    "due",
    "expected",
    "going",
    "ready",
    "agreed",
    "agree",
    "agrees",
    "decided",
    "decides",
    "decide",
    "vowed",
    "vows",
    "pledged",
    "pledges",
    "promised",
    "promises",
    "intends",
    "intend",
    "intended",
    "wants",
    "want",
    "wanted",
    "prepared",
    "preparing",
    "prepares",
    "aims",
    "hopes",
    "hoped",
    "will",
    "would",
    "is",
    "are",
    "was",
    "were",
    "be",
    "likely",
    "about",
    "poised",
    "threatened",
    "threatens",
    "invited",
];

/// Words before "to" after which the verb happened ("began to withdraw", "forced to flee").
const OCCURRED_BEFORE_TO: &[&str] = &[
    "began",
    "begun",
    "started",
    "continued",
    "continues",
    "continue",
    "forced",
    "managed",
    "moved",
    "rushed",
    "chose",
];

/// Words before "to" that deny the next verb ("failed to reach").
const NEGATING_BEFORE_TO: &[&str] = &["failed", "fails", "fail"];

/// Refusals before "to": the refusal is the event (a REJECT of the infinitive's object), the
/// infinitive none ("refused to recognise the Taliban").
const REFUSING_BEFORE_TO: &[&str] = &["refused", "refuses", "refuse", "declined", "declines", "decline", "rejected"];

/// Verbs that start a purpose clause after "to" ("joined hands to protect ..."), besides the
/// lexicon's own verbs.
const PURPOSE_VERBS: &[&str] = &[
    "be",
    "help",
    "ensure",
    "prevent",
    "protect",
    "enhance",
    "reach",
    "curb",
    "create",
    "provide",
    "get",
    "make",
    "avoid",
    "deal",
    "counter",
    "contain",
    "secure",
    "strengthen",
    "boost",
    "stop",
    "end",
    "form",
    "keep",
    "bring",
    "build",
    "safeguard",
    "discuss",
    "address",
    "tackle",
    "fight",
    "combat",
    "promote",
    "improve",
    "take",
    "give",
    "find",
    "firewall",
    "shield",
    "defend",
    "guard",
    "restore",
    "establish",
    "launch",
    "allow",
    "enable",
    "facilitate",
];

/// What a trigger's right-hand side gives.
struct Objects {
    targets: Vec<ActorId>,
    place: Option<ActorId>,
    /// Actors after "to", "by", "from": agents for `agent-after` frames and the passive.
    agent_phrase: Vec<ActorId>,
    /// Actors after "by" (the agent of a passive).
    by_phrase: Vec<ActorId>,
    /// States after "in" (the one that bans or designates, in the passive).
    in_state: Vec<ActorId>,
}

/// Whether the word after "to" starts a purpose clause.
fn starts_purpose(lexicon: &Lexicon, word: &str) -> bool {
    PURPOSE_VERBS.contains(&word)
        || lexicon.words.triggers_at(&[word]).iter().any(|t| t.form == VerbForm::Base)
        || lexicon.words.reporting_at(&[word]).iter().any(|t| t.form == VerbForm::Base)
}

/// Targets and place after the trigger ending at token `end` (exclusive), up to the clause end.
fn objects_after(people: &mut People, lexicon: &Lexicon, clause: &Clause, end: usize, trigger: &Trigger) -> Objects {
    let event_type = trigger.event_type;
    let mut objects = Objects {
        targets: Vec::new(),
        place: None,
        agent_phrase: Vec::new(),
        by_phrase: Vec::new(),
        in_state: Vec::new(),
    };
    let tokens = clause.tokens;
    let mut index = end;
    // A noun trigger ending in a preposition governs what follows ("conference on" a topic,
    // "fall of" a place), as does an agent-after one ("fall to" the agent); in a phrasal verb
    // ("call on", "reach out to") the preposition belongs to the verb and an object follows.
    let mut preposition: Option<&str> = tokens[..end]
        .last()
        .filter(|t| is_preposition(&t.lower) || t.lower == "into")
        .filter(|t| trigger.frame != Frame::Active || is_place_preposition(&t.lower))
        .map(|t| t.lower.as_str());
    let mut steps = 0;
    while index < tokens.len() && steps < 18 {
        steps += 1;
        let token = &tokens[index];
        if let Some(mention) = clause.mention_at(index).cloned() {
            let kind = people.kind(&mention.actor);
            let prep = preposition.unwrap_or_default();
            let after_hands = prep == "of" && index >= 2 && tokens[index - 2].lower == "hands";
            if prep == "by" {
                objects.by_phrase.extend(as_participant(people, clause, &mention));
            }
            if matches!(prep, "to" | "by" | "from") || after_hands {
                objects.agent_phrase.extend(as_participant(people, clause, &mention));
            }
            if prep == "in" && kind == ActorKind::Country {
                objects.in_state.push(mention.actor.clone());
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
                let last = clause.last_token(&mention);
                let before = index.checked_sub(1).map(|i| tokens[i].lower.as_str());
                let after = tokens.get(last + 1).map(|t| t.lower.as_str());
                // "India, China, Iran, and Pakistan": a list continues after a comma only when an
                // "and"/"or" or another comma joins the next item.
                let listed = objects.targets.is_empty()
                    || matches!(before, Some("and" | "or"))
                    || (before == Some(",") && matches!(after, Some("," | "and" | "or")));
                if !listed {
                    break;
                }
                if !objects.targets.contains(&actor) {
                    objects.targets.push(actor);
                }
            }
            index = clause.last_token(&mention) + 1;
            continue;
        }
        let next = tokens.get(index + 1).map(|t| t.lower.as_str()).unwrap_or("");
        // "refused to recognise the Taliban": what is refused is the infinitive's object.
        if index == end
            && token.lower == "to"
            && event_type == EventType::Reject
            && tokens.get(index + 1).is_some_and(|t| t.is_word)
        {
            index += 2;
            continue;
        }
        let purpose = token.lower == "to" && starts_purpose(lexicon, next);
        if purpose || ends_clause(&token.lower) || token.lower == "." || token.lower == "that" {
            break;
        }
        if is_preposition(&token.lower) {
            preposition = Some(token.lower.as_str());
        }
        index += 1;
    }
    objects
}

/// Status from the words before the trigger at `trigger`; `None` when the trigger is an
/// infinitive of purpose or attempt ("seeking to provide", "used to threaten"), which states no
/// event.
fn status_before(clause: &Clause, trigger: usize, form: VerbForm, kind: SentenceKind) -> Option<Status> {
    let tokens = clause.tokens;
    let window = &tokens[trigger.saturating_sub(5)..trigger];
    let clause_start = window.iter().rposition(|t| t.lower == "," || ends_clause(&t.lower)).map_or(0, |i| i + 1);
    let window = &window[clause_start..];
    let words: Vec<&str> = window.iter().map(|t| t.lower.as_str()).collect();
    let negated = words.iter().any(|w| is_negation(w))
        || words.windows(3).any(|w| w == ["stopped", "short", "of"] || w == ["stop", "short", "of"]);
    let passive = words.iter().any(|w| matches!(*w, "be" | "been" | "being"));
    let mut planned = false;
    if trigger >= 1 && tokens[trigger - 1].lower == "to" {
        let before = trigger.checked_sub(2).map(|i| (tokens[i].lower.as_str(), clause.mention_at(i).is_some()));
        match before {
            Some((word, _)) if FUTURE_BEFORE_TO.contains(&word) => planned = true,
            Some((word, _)) if OCCURRED_BEFORE_TO.contains(&word) => {}
            Some((word, _)) if NEGATING_BEFORE_TO.contains(&word) => return Some(Status::Negated),
            Some((word, _)) if REFUSING_BEFORE_TO.contains(&word) => return None,
            // "Russia to invite Taliban": a headline's future.
            Some((_, true)) if kind != SentenceKind::Body => planned = true,
            None if kind != SentenceKind::Body => planned = true,
            _ => return None,
        }
    }
    if negated {
        return Some(Status::Negated);
    }
    let future = words.iter().any(|w| is_future_marker(w));
    if planned || (future && (matches!(form, VerbForm::Base | VerbForm::Phrase) || passive)) {
        return Some(Status::Planned);
    }
    Some(Status::Occurred)
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
    let [past, found] = find_times_in_tenses(text, document.published, [Tense::Past, tense]);
    found
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

/// The trigger starting at token `position`, if any: the longest entry whose words match the
/// tokens from there (quotation marks passed over) and whose NEEDS words stand within a few
/// words after it or, for a relative clause ("talks that it plans to host"), before it. Returns
/// the trigger and the index one past its last token.
fn trigger_at<'l>(lexicon: &'l Lexicon, tokens: &[Token], position: usize) -> Option<(&'l Trigger, usize)> {
    let quote = |t: &Token| matches!(t.lower.as_str(), "'" | "\"" | "“" | "”" | "‘");
    let first = tokens[position..].iter().find(|t| !quote(t))?;
    if !lexicon.words.starts_trigger(&first.lower) {
        return None;
    }
    let indexes: Vec<usize> = (position..tokens.len()).filter(|&i| !quote(&tokens[i])).take(8).collect();
    let words: Vec<&str> = indexes.iter().map(|&i| tokens[i].lower.as_str()).collect();
    // A verb form right after a determiner is a noun ("the ban", "its support").
    let after_determiner = position > 0
        && matches!(
            tokens[position - 1].lower.as_str(),
            "the"
                | "a"
                | "an"
                | "this"
                | "that"
                | "these"
                | "those"
                | "its"
                | "their"
                | "his"
                | "her"
                | "our"
                | "any"
                | "no"
                | "'s"
        );
    for trigger in lexicon.words.triggers_at(&words) {
        if after_determiner && matches!(trigger.form, VerbForm::Base | VerbForm::Third) {
            continue;
        }
        let end = indexes[trigger.words.len() - 1] + 1;
        if trigger.needs.is_empty() {
            return Some((trigger, end));
        }
        let ahead = tokens[end..].iter().take(8).take_while(|t| !ends_clause(&t.lower) && t.lower != ".");
        let behind = tokens[position.saturating_sub(6)..position].iter();
        if ahead.chain(behind).any(|t| trigger.needs.contains(&t.lower)) {
            return Some((trigger, end));
        }
    }
    None
}

/// Whether the trigger at `position` is in the passive ("was invited", "has been banned").
fn passive(tokens: &[Token], position: usize, form: VerbForm) -> bool {
    if !matches!(form, VerbForm::Past | VerbForm::Participle) {
        return false;
    }
    tokens[..position]
        .iter()
        .rev()
        .take(3)
        .take_while(|t| t.is_word)
        .any(|t| matches!(t.lower.as_str(), "is" | "are" | "was" | "were" | "been" | "being" | "be"))
}

/// Whether a nominal trigger is the object of a reporting or attitude verb ("touted talks").
fn reported_noun(lexicon: &Lexicon, tokens: &[Token], position: usize) -> bool {
    let mut index = position;
    let mut steps = 0;
    while index > 0 && steps < 3 {
        index -= 1;
        steps += 1;
        let word = tokens[index].lower.as_str();
        if matches!(word, "the" | "a" | "an" | "new" | "further" | "more" | "direct" | "international" | "peace") {
            continue;
        }
        return !lexicon.words.reporting_at(&[word]).is_empty()
            || matches!(word, "welcomed" | "proposed" | "supported" | "rejected" | "praised" | "backed" | "opposed");
    }
    false
}

/// Whether the clause before the trigger is in the present tense ("is not planning", "says").
fn present_tense(tokens: &[Token], position: usize, form: VerbForm, kind: SentenceKind) -> bool {
    let before = &tokens[position.saturating_sub(6)..position];
    let be_present = before.iter().any(|t| matches!(t.lower.as_str(), "is" | "are" | "am"));
    let perfect_or_past =
        before.iter().any(|t| matches!(t.lower.as_str(), "has" | "have" | "had" | "was" | "were" | "did"));
    kind == SentenceKind::Body && !perfect_or_past && (be_present || form == VerbForm::Third)
}

/// Whether a sentence narrates in the simple past without moving away from the reference time
/// (no past perfect, no "since", "previously", "in recent years").
fn narrates_at_reference_time(tokens: &[Token]) -> bool {
    !tokens.iter().any(|t| {
        matches!(
            t.lower.as_str(),
            "had"
                | "since"
                | "previously"
                | "earlier"
                | "ever"
                | "already"
                | "recent"
                | "years"
                | "once"
                | "formerly"
                | "originally"
                | "later"
                | "will"
                | "would"
                | "has"
                | "have"
        )
    })
}

/// All events of a document, one per trigger (see [`merge_within_document`]).
///
/// `times` holds each sentence's time expressions ([`sentence_times`]).
pub(crate) fn find_events(
    document: &Document,
    lexicon: &Lexicon,
    people: &mut People,
    times: &[Vec<(TimeMention, bool)>],
) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    let mut reference: Option<TimeValue> = None;
    for (index, sentence) in document.sentences.iter().enumerate() {
        let tokens = people.tokens(index);
        let times = &times[index];
        let clause = Clause::new(
            index,
            &tokens,
            people.in_sentence(index).cloned().collect(),
            times.iter().map(|(t, _)| t.range.clone()).collect(),
        );
        let sentence_events = events.len();
        let mut fallbacks: Vec<Option<TimeValue>> = Vec::new();
        // A question asserts nothing ("Why is Russia inviting the Taliban?").
        let question = document.text[sentence.range.clone()].trim_end().ends_with('?');
        let mut position = if question { tokens.len() } else { 0 };
        let mut last_trigger_end: Option<usize> = None;
        while position < tokens.len() {
            let inside_name = clause
                .mention_at(position)
                .is_some_and(|m| matches!(m.kind, MentionKind::Name | MentionKind::Discovered | MentionKind::Role));
            let Some((trigger, end)) = trigger_at(lexicon, &tokens, position).filter(|_| !inside_name) else {
                position += 1;
                continue;
            };
            let start = position;
            position = end;
            if trigger.frame == Frame::Noun && reported_noun(lexicon, &tokens, start) {
                continue;
            }
            // "hosted talks with", "held a phone call with": the noun is the verb's object, one act.
            let light = trigger.frame == Frame::Noun
                && last_trigger_end.is_some_and(|e| {
                    tokens[e..start].iter().all(|t| {
                        matches!(
                            t.lower.as_str(),
                            "the"
                                | "a"
                                | "an"
                                | "international"
                                | "new"
                                | "further"
                                | "direct"
                                | "peace"
                                | "bilateral"
                                | "trilateral"
                                | "multilateral"
                                | "high-level"
                        )
                    })
                });
            last_trigger_end = Some(end);
            if light {
                continue;
            }
            let Some(mut status) = status_before(&clause, start, trigger.form, sentence.kind) else { continue };
            let span = tokens[start].range.start..tokens[end - 1].range.end;
            let objects = objects_after(people, lexicon, &clause, end, trigger);
            let mut targets = objects.targets.clone();
            let is_passive = trigger.frame == Frame::Active && passive(&tokens, start, trigger.form);
            let mut agents: Vec<ActorId> = match trigger.frame {
                Frame::AgentAfter => objects.agent_phrase.iter().take(1).cloned().collect(),
                _ if is_passive => {
                    let state = matches!(trigger.event_type, EventType::Sanction | EventType::Coerce);
                    let by = objects.by_phrase.iter().take(1).cloned();
                    by.chain(objects.in_state.iter().take(usize::from(state)).cloned()).take(1).collect()
                }
                Frame::Noun => noun_agent(people, &clause, start),
                Frame::Active => subject_of(people, &clause, start),
            };
            if trigger.frame == Frame::AgentAfter || is_passive {
                // What fell, who was invited or banned: the subject is acted on.
                let subject = subject_of(people, &clause, start);
                targets = subject.into_iter().filter(|a| people.kind(a) != ActorKind::Place).collect();
                targets.retain(|t| !agents.contains(t));
            }
            // A noun in a prepositional phrase ("after protests against ...") has no agent to borrow.
            let in_phrase = trigger.frame == Frame::Noun
                && start > 0
                && matches!(
                    tokens[start - 1].lower.as_str(),
                    "after" | "amid" | "despite" | "following" | "before" | "over"
                );
            // "diplomatic staff deployed in the country": a participle describing a noun, whose
            // subject is that noun, not the sentence's.
            let participle = matches!(trigger.form, VerbForm::Past | VerbForm::Participle)
                && start > 0
                && tokens[start - 1].is_word
                && clause.mention_at(start - 1).is_none()
                && !is_verb_helper(&tokens[start - 1].lower)
                && !matches!(tokens[start - 1].lower.as_str(), "and" | "or" | "but" | "then")
                && tokens.get(end).is_none_or(|t| is_preposition(&t.lower) || !t.is_word);
            if agents.is_empty() && trigger.frame != Frame::AgentAfter && !is_passive && !in_phrase && !participle {
                let previous = events[sentence_events..].last().map(|e| e.agents.clone());
                agents = previous.unwrap_or_else(|| sentence_subject(people, &clause, start).into_iter().collect());
            }
            // "Taliban advances have sent Afghan troops fleeing": the causer is what they flee.
            if trigger.form == VerbForm::Gerund && targets.is_empty() {
                let causative = (start.saturating_sub(8)..start).rev().find(|&i| {
                    matches!(
                        tokens[i].lower.as_str(),
                        "sent" | "send" | "sends" | "forced" | "forces" | "drove" | "drives" | "prompted"
                    )
                });
                if let Some(verb) = causative {
                    targets = subject_of(people, &clause, verb);
                }
            }
            let reciprocal = matches!(trigger.event_type, EventType::Cooperate | EventType::Consult | EventType::Agree);
            if reciprocal && agents.len() > 1 && trigger.frame == Frame::Active && !is_passive {
                targets = agents.split_off(1);
            }
            // "stepped up its assistance to Tajikistan and conducted joint exercises": the
            // partner of a joint act is the previous act's.
            let joint = tokens[start..end].iter().any(|t| t.lower == "joint")
                || tokens[..start].last().is_some_and(|t| t.lower == "joint");
            if joint && targets.is_empty() {
                if let Some(previous) = events[sentence_events..].iter().rev().find(|e| e.agents == agents) {
                    targets = previous.targets.clone();
                }
            }
            targets.retain(|t| !agents.contains(t));
            let place = objects.place.filter(|p| !agents.contains(p));
            if agents.is_empty()
                || (matches!(trigger.event_type, EventType::Threaten | EventType::Accuse) && targets.is_empty())
            {
                continue;
            }
            // "ready to mobilize if the situation deteriorated": a condition, not an event.
            let conditional = tokens[end..].iter().take(12).any(|t| matches!(t.lower.as_str(), "if" | "unless"));
            if conditional && status == Status::Planned {
                continue;
            }
            let mut event_type = trigger.event_type;
            if status == Status::Negated && event_type == EventType::Consult {
                // Declining to meet or negotiate is itself an act: a rejection.
                event_type = EventType::Reject;
                status = Status::Occurred;
            }
            // Dated after the sentence is read (see below); meanwhile, what the fallbacks need.
            let fallback = if present_tense(&tokens, start, trigger.form, sentence.kind) {
                document.published.map(TimeValue::day)
            } else if status == Status::Occurred
                && trigger.form == VerbForm::Past
                && narrates_at_reference_time(&tokens)
            {
                reference
            } else {
                None
            };
            fallbacks.push(fallback);
            events.push(Event {
                event_type,
                mode: trigger.mode.clone(),
                agents,
                targets,
                place,
                date: None,
                status,
                evidence: sentence.range.clone(),
                trigger: span,
                headline: sentence.kind != SentenceKind::Body,
            });
        }
        date_events(&mut events[sentence_events..], times, &fallbacks);
        if sentence.kind == SentenceKind::Body {
            // The sentence's last time is the reference time of the next ones; a sentence
            // without one keeps it while it narrates at that time, and a shift ("since then",
            // "had", "will") ends it.
            reference = match times.last() {
                Some((t, _)) => Some(t.value)
                    .filter(|t| t.precision != Precision::Year && document.published.is_none_or(|p| t.date <= p)),
                None if narrates_at_reference_time(&tokens) => reference,
                None => None,
            };
        }
    }
    events
}

/// Dates the events of one sentence: each time expression (not the time of a report) belongs to
/// the trigger nearest to it ("has reached out to the Taliban and hosted its representatives in
/// July 2021": July dates the hosting only), and carries over to the events after that one in
/// the sentence ("hosted a conference in March at which they released a statement calling on
/// ..."). An event before any dated one takes its fallback: the publication date for the present
/// tense, or the reference time of narration, unless the sentence has times of its own.
fn date_events(events: &mut [Event], times: &[(TimeMention, bool)], fallbacks: &[Option<TimeValue>]) {
    let own: Vec<&TimeMention> = times.iter().filter(|(_, reported)| !reported).map(|(t, _)| t).collect();
    let mut explicit: Vec<Option<(usize, TimeValue)>> = vec![None; events.len()];
    for time in &own {
        let nearest = (0..events.len()).min_by_key(|&i| distance(&time.range, &events[i].trigger));
        if let Some(i) = nearest {
            let d = distance(&time.range, &events[i].trigger);
            if explicit[i].is_none_or(|(best, _)| d < best) {
                explicit[i] = Some((d, time.value));
            }
        }
    }
    let mut earlier: Option<TimeValue> = None;
    for (i, event) in events.iter_mut().enumerate() {
        let fallback = fallbacks[i].filter(|_| own.is_empty());
        event.date = explicit[i].map(|(_, value)| value).or(earlier).or(fallback);
        if event.date.is_some() {
            earlier = event.date;
        }
    }
}

/// The agent of a nominal trigger: a modifier or possessor right before it ("the U.S. troop
/// exit", "Russia's aid"), else the subject of its clause.
fn noun_agent(people: &mut People, clause: &Clause, trigger: usize) -> Vec<ActorId> {
    let mut index = trigger;
    while index > 0 {
        index -= 1;
        let token = &clause.tokens[index];
        if let Some(mention) = clause.mention_at(index).cloned() {
            return as_participant(people, clause, &mention).into_iter().collect();
        }
        let modifier = token.lower == "'s"
            || MEMBER_NOUNS.contains(&token.lower.as_str())
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
            );
        if !modifier {
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
    // The same actors, whatever their order.
    fn same_actors(a: &[ActorId], b: &[ActorId]) -> bool {
        if a.len() != b.len() || a == b {
            return a == b;
        }
        let (mut a, mut b): (Vec<&ActorId>, Vec<&ActorId>) = (a.iter().collect(), b.iter().collect());
        a.sort_unstable();
        b.sort_unstable();
        a == b
    }
    let mut merged: Vec<Event> = Vec::new();
    for event in events {
        let same = merged.iter_mut().find(|m| {
            // In one sentence, a target-less mention of the same act completes the other ("will
            // invite the Taliban to talks that it plans to host in Moscow"); so does a headline's.
            let partial = m.targets.is_empty() || event.targets.is_empty();
            let same_sentence = (m.evidence == event.evidence || m.headline || event.headline) && partial;
            // Two acts of one kind with different modes ("reached out to" and "hosted") are two.
            let modes = m.mode.is_none() || event.mode.is_none() || m.mode == event.mode;
            m.event_type == event.event_type
                && modes
                && (m.date == event.date || m.date.is_none() || event.date.is_none())
                && same_actors(&m.agents, &event.agents)
                && (same_sentence || same_actors(&m.targets, &event.targets))
        });
        match same {
            Some(existing) => {
                if existing.targets.is_empty() {
                    existing.targets = event.targets;
                }
                // The body states it better than a headline.
                if existing.headline && !event.headline {
                    existing.evidence = event.evidence;
                    existing.trigger = event.trigger;
                    existing.headline = false;
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
            events(
                "Russia will invite representatives of the Taliban to talks that it plans to host in Moscow on October 20.",
                "2021-10-07"
            ),
            ["CONSULT Russia->Taliban at Moscow on 2021-10-20 (planned)"]
        );
        assert_eq!(
            events(
                "The Russian Federation is not planning to negotiate with the Taliban, a spokesman said.",
                "2021-09-10"
            ),
            ["REJECT Russia->Taliban at - on 2021-09-10 (occurred)"],
            "a present-tense statement is dated by its publication"
        );
    }

    #[test]
    fn agent_after_and_conjoined_subjects() {
        assert_eq!(
            events("Several districts have fallen to the Taliban.", "2021-07-09"),
            ["ASSAULT Taliban-> at - on - (occurred)"]
        );
        assert_eq!(
            events(
                "Earlier this week, Moscow and New Delhi joined hands to protect Central Asia from Iran.",
                "2021-09-10"
            ),
            ["COOPERATE Russia->India at - on week of 2021-09-06 (occurred)"]
        );
    }

    #[test]
    fn passive_voice_and_lists() {
        assert_eq!(
            events("The representatives of the Taliban will be invited by Russia to the talks.", "2021-10-08"),
            ["CONSULT Russia->Taliban at - on - (planned)"]
        );
        assert_eq!(
            events("Pakistan hosted talks with India, China, Iran, and Turkey, officials said.", "2021-10-08"),
            ["CONSULT Pakistan->India+China+Iran+Turkey at - on - (occurred)"]
        );
        assert_eq!(
            events("The Taliban has been banned as a terrorist organization in Russia since 2003.", "2021-10-08")[0],
            "SANCTION Russia->Taliban at - on 2003 (occurred)"
        );
    }

    #[test]
    fn purposes_attempts_and_reported_talks_are_not_events() {
        assert!(events("Iranian envoys came seeking to provide assurances to Turkey.", "2021-07-09").is_empty());
        assert!(events("Putin previously touted talks with the Taliban.", "2021-07-09").is_empty());
        assert!(events("Qatar, which hosts a US military base, issued a statement.", "2021-07-09").is_empty());
    }

    #[test]
    fn reference_time_carries_to_the_next_sentence() {
        assert_eq!(
            events("The CSTO reiterated on July 8 that it was ready. Pakistan held talks with India.", "2021-07-09"),
            ["CONSULT Pakistan->India at - on 2021-07-08 (occurred)"]
        );
        assert_eq!(
            events("The CSTO met on July 8. Since then, Pakistan held talks with India.", "2021-07-09")[1],
            "CONSULT Pakistan->India at - on - (occurred)"
        );
    }

    #[test]
    fn refusals_and_the_two_leaders() {
        assert_eq!(
            events("India has refused to recognise the Taliban government.", "2021-09-21"),
            ["REJECT India->Taliban at - on - (occurred)"],
            "the refused recognition is not an event of its own"
        );
        assert_eq!(
            events(
                "Prime Minister Imran Khan called Vladimir Putin. Later the two leaders agreed on a plan.",
                "2021-09-21"
            )
            .last()
            .unwrap(),
            "AGREE Imran Khan->Vladimir Putin at - on - (occurred)"
        );
    }

    #[test]
    fn quotes_inside_phrases_and_the_latter() {
        assert_eq!(
            events("Soon the Taliban took a 'u-turn' on the ban.", "2021-07-09"),
            ["CONCEDE Taliban-> at - on - (occurred)"]
        );
        assert_eq!(
            events(
                "Russia stepped up its military assistance to Tajikistan and conducted joint exercises.",
                "2021-07-09"
            ),
            ["AID Russia->Tajikistan at - on - (occurred)", "MOBILIZE Russia->Tajikistan at - on - (occurred)"]
        );
    }
}
