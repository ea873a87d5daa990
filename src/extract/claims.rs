//! Claims: reported speech and quotes attributed to a speaker, read on the parse.
//!
//! - A reporting verb of `ontology/reporting.tsv` ("said", "warned", "denied", "told") with a
//!   clausal complement: the speaker is its subject (resolved through coreference: "he said"),
//!   the content the complement ("... that the talks failed"), or, when the verb only comments a
//!   quotation or statement it stands beside ("The talks failed, he said"), the clause it
//!   comments.
//! - "according to X, ..." : X's claim, the clause being the content.
//! - A quotation continued in the following sentences, with no speaker of its own, is the same
//!   speaker's.
//!
//! The modality comes from the verb (assured → promised, warned, denied, asked → questioned; a
//! "will" in what was said makes an assertion a promise); polarity is negative for a denial or a
//! negated content. A news outlet cited as the source of a report ("Reuters reported") makes no
//! claim: that is sourcing. A claim is about the actors its content mentions, and carries the
//! relation that an event stated inside it asserts.

use std::ops::Range;

use jiff::civil::Date;

use super::mentions::Cast;
use super::syntax::Parse;
use super::{ActorId, Claim, Event, Polarity, Status};
use crate::lexicon::frames::word_fits;
use crate::lexicon::gazetteer::ActorKind;
use crate::lexicon::Lexicon;
use crate::time::{find_times, Tense, TimeValue};

const QUOTES: &[&str] = &["\"", "“", "”", "‘", "’", "«", "»", "'", "``", "''"];

/// Finds the claims of a document.
pub(crate) fn find_claims(
    parse: &Parse,
    lexicon: &Lexicon,
    cast: &mut Cast,
    events: &[Event],
    published: Option<Date>,
) -> Vec<Claim> {
    let mut claims: Vec<Claim> = Vec::new();
    let mut last_quote: Option<(usize, ActorId)> = None;
    for t in 0..parse.len() {
        if !parse.in_article(t) || parse.in_headline(t) {
            continue;
        }
        let claim = if parse.lemma(t) == "accord" && parse.lower(t) == "according" {
            according_to(parse, cast, t)
        } else if parse.is_verb(t) {
            reported(parse, lexicon, cast, t)
        } else {
            None
        };
        let Some(found) = claim else { continue };
        if let Some(claim) = make_claim(parse, lexicon, cast, events, found, published) {
            let sentence = parse.sentence_of(t);
            if claims.iter().all(|c| c.content != claim.content || c.claimant != claim.claimant) {
                last_quote = Some((sentence, claim.claimant.clone()));
                claims.push(claim);
            }
        }
    }
    let _ = last_quote;
    claims.extend(continued_quotes(parse, lexicon, cast, &claims, published));
    claims
}

/// What an attribution found: speaker, content tokens, modality, and the reporting word.
struct Found {
    speaker: ActorId,
    content: Range<usize>,
    modality: String,
    verb: usize,
}

/// A reporting verb with its speaker and content.
fn reported(parse: &Parse, lexicon: &Lexicon, cast: &mut Cast, verb: usize) -> Option<Found> {
    let candidates = lexicon.words.tree_reporting.candidates(parse.lower(verb), parse.lemma(verb));
    let (form, entry) = candidates.into_iter().find(|(form, entry)| {
        !form.noun
            && form.with.iter().all(|w| {
                parse.children(verb).any(|c| word_fits(w, parse.lower(c), parse.lemma(c)))
                    || parse
                        .children(verb)
                        .flat_map(|c| parse.children(c))
                        .any(|g| word_fits(w, parse.lower(g), parse.lemma(g)))
            })
            && (entry.needs.is_empty()
                || parse
                    .subtree(verb)
                    .any(|w| entry.needs.iter().any(|n| word_fits(n, parse.lower(w), parse.lemma(w)))))
    })?;
    let _ = form;
    // The content: a clausal complement, else the clause this verb comments.
    let content = if let Some(c) = parse.child_with(verb, &["ccomp", "xcomp"]) {
        let sub = parse.subtree(c);
        // "X urged Y to do Z": the content starts at the complement (Y included for urge-like
        // verbs with an object).
        let start = parse
            .child_with(verb, &["dobj"])
            .filter(|&o| o < c)
            .map_or(sub.start, |o| parse.subtree(o).start.min(sub.start));
        start..sub.end
    } else if matches!(parse.dep(verb), "parataxis" | "ccomp") || parse.children_with(verb, &["nsubj"]).next().is_some()
    {
        // "The talks failed, he said": the rest of the sentence.
        let head = parse.head(verb);
        if head != verb && matches!(parse.dep(verb), "parataxis" | "ccomp" | "advcl") {
            let whole = parse.subtree(head);
            let mine = parse.subtree(verb);
            if mine.start > whole.start {
                whole.start..mine.start
            } else {
                mine.end..whole.end
            }
        } else {
            return None;
        }
    } else {
        return None;
    };
    let content = trim(parse, content);
    if content.len() < 2 {
        return None;
    }
    let (subject, passive) = parse.subject(verb)?;
    if passive {
        return None; // "it was said that ..." names no speaker
    }
    let speaker = cast.actor_of_phrase(parse, subject)?;
    Some(Found { speaker, content, modality: entry.modality.clone(), verb })
}

/// "According to X, CONTENT" and "CONTENT, according to X".
fn according_to(parse: &Parse, cast: &mut Cast, according: usize) -> Option<Found> {
    let to = parse.children(according).find(|&c| parse.lower(c) == "to")?;
    let source = parse.child_with(to, &["pobj"])?;
    let speaker = cast.actor_of_phrase(parse, source)?;
    let head = parse.head(according);
    if head == according {
        return None;
    }
    let whole = parse.subtree(head);
    let phrase = parse.subtree(according);
    let content = if phrase.start > whole.start { whole.start..phrase.start } else { phrase.end..whole.end };
    let content = trim(parse, content);
    (content.len() >= 2).then_some(Found { speaker, content, modality: "asserted".into(), verb: according })
}

/// Drops punctuation, quotation marks and a leading "that" from the ends of a content span.
fn trim(parse: &Parse, mut range: Range<usize>) -> Range<usize> {
    let skip = |t: usize| {
        let w = parse.word(t);
        QUOTES.contains(&w) || parse.is_space(t) || matches!(w, "," | "." | ";" | ":" | "-" | "—" | "–")
    };
    while range.start < range.end && (skip(range.start) || parse.lower(range.start) == "that") {
        range.start += 1;
    }
    while range.start < range.end && skip(range.end - 1) {
        range.end -= 1;
    }
    range
}

fn make_claim(
    parse: &Parse,
    lexicon: &Lexicon,
    cast: &mut Cast,
    events: &[Event],
    found: Found,
    published: Option<Date>,
) -> Option<Claim> {
    let Found { speaker, content, modality, verb } = found;
    let kind = cast.kind(&speaker);
    if !kind.is_actor() || kind == ActorKind::MediaOrganization {
        return None;
    }
    let bytes = parse.bytes(content.clone());
    // Polarity: a denial, or the content's main verb negated.
    let main = content.clone().find(|&t| !content.contains(&parse.head(t)) || parse.head(t) == t);
    let negated = main.is_some_and(|m| parse.is_negated(m));
    let polarity = if negated || modality == "denied" { Polarity::Negative } else { Polarity::Positive };
    // "X said Y will ..." is an undertaking when Y is X or X's side.
    let modality = if modality == "asserted"
        && main.is_some_and(|m| parse.auxiliaries(m).any(|a| matches!(a, "will" | "would" | "shall")))
    {
        "promised".to_string()
    } else {
        modality
    };
    let mut about: Vec<ActorId> = Vec::new();
    // What the claim is about takes part in it: unnamed groups it names become actors.
    for t in content.clone() {
        if parse.is_noun(t) && cast.at(t).is_none() && matches!(parse.dep(t), "nsubj" | "nsubjpass" | "dobj" | "pobj") {
            cast.actor_of_phrase(parse, t);
        }
    }
    for p in cast.placed() {
        if content.start <= p.tokens.start && p.tokens.end <= content.end {
            let a = &p.mention.actor;
            if *a != speaker && !about.contains(a) {
                about.push(a.clone());
            }
        }
    }
    let relation = events
        .iter()
        .filter(|e| bytes.start <= e.trigger.start && e.trigger.end <= bytes.end && e.status != Status::Negated)
        .find_map(|e| Some((e.agents.first()?.clone(), e.event_type, e.targets.first()?.clone())));
    let date = claim_date(parse, verb, published);
    let side = ActorId(lexicon.gazetteer.side_of(&speaker.0));
    let evidence = parse.bytes(parse.sentence(parse.sentence_of(verb)));
    Some(Claim { claimant: speaker, side, about, content: bytes, date, polarity, modality, evidence, relation })
}

/// When it was said: a time expression attached to the reporting verb ("said on Thursday").
fn claim_date(parse: &Parse, verb: usize, published: Option<Date>) -> Option<TimeValue> {
    for c in parse.children(verb) {
        if !matches!(parse.dep(c), "npadvmod" | "prep" | "advmod" | "tmod") {
            continue;
        }
        let sub = parse.subtree(c);
        if sub.clone().any(|t| parse.doc.token(t).ent_label() == Some("DATE")) {
            let text = parse.span_text(sub);
            if let Some(found) = find_times(text, published, Tense::Past).into_iter().next() {
                return Some(found.value);
            }
        }
    }
    None
}

/// Sentences that continue a quotation without a speaker of their own ("“We will respond,” he
/// said. “This is not over.”"): the previous claim's speaker's.
fn continued_quotes(
    parse: &Parse,
    lexicon: &Lexicon,
    cast: &mut Cast,
    claims: &[Claim],
    published: Option<Date>,
) -> Vec<Claim> {
    let mut out = Vec::new();
    for s in 1..parse.sentence_count() {
        let range = parse.sentence(s);
        let words: Vec<usize> = range.clone().filter(|&t| !parse.is_space(t)).collect();
        let (Some(&first), Some(&last)) = (words.first(), words.last()) else { continue };
        if !parse.in_article(first) || !matches!(parse.word(first), "\"" | "“" | "‘") {
            continue;
        }
        // The sentence is a whole quotation and holds no reporting verb of its own.
        let closes = matches!(parse.word(last), "\"" | "”" | "’")
            || words.iter().rev().take(3).any(|&t| matches!(parse.word(t), "\"" | "”"));
        if !closes {
            continue;
        }
        let previous = parse.bytes(parse.sentence(s - 1));
        let Some(before) = claims.iter().rev().find(|c| c.evidence == previous) else { continue };
        let speaker_said = claims.iter().any(|c| c.evidence == parse.bytes(range.clone()));
        if speaker_said {
            continue;
        }
        let content = trim(parse, range.clone());
        if content.len() < 3 {
            continue;
        }
        let found = Found { speaker: before.claimant.clone(), content, modality: before.modality.clone(), verb: first };
        if let Some(mut claim) = make_claim(parse, lexicon, cast, &[], found, published) {
            claim.date = before.date;
            out.push(claim);
        }
    }
    out
}
