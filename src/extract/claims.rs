//! Claims: reported speech and quotes, attributed to a speaker.
//!
//! Shapes recognised around a reporting verb or noun of `ontology/reporting.tsv`:
//! - `SPEAKER [, apposition,] VERB [that] CONTENT` ("Peskov said the talks failed"; "Suhail
//!   Shaheen, a spokesman for ..., said"; "Tajikistan this week announced plans to ...");
//! - `CONTENT, SPEAKER VERB [tail]` and `"QUOTE," SPEAKER VERB` (attribution after the content;
//!   the tail may be a time, "in a statement", or a subordinate clause: "..., Peskov said as the
//!   insurgents announced ...");
//! - `CONTENT, VERB SPEAKER` (inverted: ", confirmed Putin's special representative");
//! - `According to SPEAKER, CONTENT`;
//! - speech-act nouns followed by "that" ("seeking to provide assurances that ...");
//! - a participle continuing a narrated act (", urging the group to ...") is a claim of that
//!   act's agent; a participle with no subject in reach is the sentence subject's ("a joint
//!   statement calling to ...").
//!
//! A pronoun speaker ("He also said") is the nearest earlier person. Content that coordinates
//! statements ("X and that Y", "... and reiterated that Y", "X, however, Y", "X and also their
//! guarantees") gives one claim each. Titles and headlines are not read for claims: they restate
//! the article. The modality comes from the verb (assured -> promised, warned, denied, asked ->
//! questioned; "will"/"would" in the main clause of what was said makes an assertion a promise);
//! polarity is negative when the content is negated. The claim is about the actors its content
//! mentions, and reifies the relation of an event stated inside its content.

use std::ops::Range;

use super::actors::People;
use super::clause::{as_participant, sentence_subject, subject_of, Clause};
use super::text::{is_negation, lower_words, Token};
use super::{ActorId, Claim, Event, Mention, MentionKind, Polarity};
use crate::corpus::{Document, SentenceKind};
use crate::lexicon::words::{ReportingVerb, VerbForm};
use crate::lexicon::Lexicon;
use crate::time::TimeMention;

const OPENING_QUOTES: [&str; 3] = ["“", "\"", "‘"];
const CLOSING_QUOTES: [&str; 3] = ["”", "\"", "’"];
const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Words that may follow a reporting verb when the content came before it.
const TAIL_WORDS: &[&str] = &[
    "on",
    "in",
    "a",
    "an",
    "the",
    "statement",
    "interview",
    "commentary",
    "also",
    "today",
    "yesterday",
    "late",
    "earlier",
    "later",
    "last",
    "this",
    "week",
    "month",
    "night",
    "morning",
    "evening",
    "afternoon",
    "briefing",
    "told",
    "reporters",
    "journalists",
    "news",
    "conference",
    "agency",
    "agencies",
    "television",
    "tv",
    "media",
];

/// Words that open a subordinate clause after an attribution ("..., Peskov said as ...").
const SUBORDINATORS: &[&str] =
    &["as", "when", "while", "after", "before", "because", "amid", "during", "following", "since", "adding", "noting"];

/// A claim before its details are worked out.
struct Attribution {
    speaker: ActorId,
    content: Range<usize>,
    modality: String,
    date: Option<crate::time::TimeValue>,
}

/// The reporting verb or noun starting at `position`, with its length, if its conditions hold.
fn reporting_at<'l>(lexicon: &'l Lexicon, tokens: &[Token], position: usize) -> Option<&'l ReportingVerb> {
    if !tokens.get(position).is_some_and(|t| lexicon.words.starts_reporting(&t.lower)) {
        return None;
    }
    let (words, n) = lower_words::<4>(&tokens[position..]);
    lexicon.words.reporting_at(&words[..n]).into_iter().find(|verb| {
        let end = position + verb.words.len();
        if verb.noun && tokens.get(end).is_none_or(|t| t.lower != "that") {
            return false;
        }
        verb.needs.is_empty() || tokens[end..].iter().take(5).any(|t| verb.needs.contains(&t.lower))
    })
}

/// All claims of a document.
///
/// `times` holds each sentence's time expressions.
pub(crate) fn find_claims(
    document: &Document,
    lexicon: &Lexicon,
    people: &mut People,
    events: &[Event],
    times: &[Vec<(TimeMention, bool)>],
) -> Vec<Claim> {
    let mut claims = Vec::new();
    for (index, sentence) in document.sentences.iter().enumerate() {
        if sentence.kind != SentenceKind::Body {
            continue;
        }
        let tokens = people.tokens(index);
        let times = &times[index];
        let clause = Clause::new(
            index,
            &tokens,
            people.in_sentence(index).cloned().collect(),
            times.iter().map(|(t, _)| t.range.clone()).collect(),
        );
        let sentence_events: Vec<&Event> = events.iter().filter(|e| e.evidence == sentence.range).collect();
        let quoted = quotation_spans(&tokens);
        let mut found: Vec<Attribution> = Vec::new();
        let mut taken_until = 0usize;
        let mut position = 0;
        while position < tokens.len() {
            let inside_name = clause
                .mention_at(position)
                .is_some_and(|m| matches!(m.kind, MentionKind::Name | MentionKind::Role | MentionKind::Discovered));
            let (words, n) = lower_words::<2>(&tokens[position..]);
            let according = words[..n] == ["according", "to"];
            // A verb inside a quotation is part of what was said, not an attribution.
            let inside_quote = quoted.iter().any(|q| q.contains(&position));
            let verb = if inside_name || inside_quote { None } else { reporting_at(lexicon, &tokens, position) };
            if verb.is_none() && !according {
                position += 1;
                continue;
            }
            let (length, modality, form, noun) = match verb {
                Some(v) => (v.words.len(), v.modality.clone(), v.form, v.noun),
                None => (2, "asserted".to_string(), VerbForm::Phrase, false),
            };
            let verb_start = position;
            let verb_end = position + length;
            position = verb_end;
            let here = tokens[verb_start].range.start;
            if here < taken_until {
                // Inside the content of an earlier claim: a coordinated verb ("and reiterated
                // that") or a participle continuing a narrated act (", urging ...") starts a
                // claim of its own and ends the earlier one.
                let coordinated = verb_start > 0 && tokens[verb_start - 1].lower == "and";
                let participle = form == VerbForm::Gerund && verb_start > 0 && tokens[verb_start - 1].lower == ",";
                let Some(last) = found.last_mut() else { continue };
                let speaker = if coordinated {
                    last.speaker.clone()
                } else if participle {
                    let actor = sentence_events
                        .iter()
                        .rev()
                        .find(|e| e.trigger.end <= here)
                        .and_then(|e| e.agents.first().cloned());
                    let Some(actor) = actor else { continue };
                    actor
                } else {
                    continue;
                };
                // End the earlier claim before this verb (never before its start).
                last.content.end = last.content.end.min(tokens[verb_start - 1].range.start).max(last.content.start);
                let date = last.date;
                if let Some(content) = content_after(&clause, verb_end, tokens.len()) {
                    found.push(Attribution { speaker, content, modality, date });
                }
                continue;
            }
            let attributed = if according {
                according_to(people, &clause, verb_start)
            } else if noun {
                // "provide assurances that ...": the assurer is the clause subject.
                let speaker = subject_of(people, &clause, verb_start)
                    .into_iter()
                    .next()
                    .or_else(|| sentence_subject(people, &clause, verb_start));
                speaker.zip(content_after(&clause, verb_end, tokens.len()))
            } else {
                let previous_agent = sentence_events
                    .iter()
                    .rev()
                    .find(|e| e.trigger.end <= here)
                    .and_then(|e| e.agents.first().cloned());
                attribute(people, &clause, verb_start, verb_end, form, previous_agent)
            };
            let Some((speaker, content)) = attributed else { continue };
            if words_in(&tokens, &content) < 3 {
                continue;
            }
            let date = times
                .iter()
                .filter(|(t, _)| t.range.start >= content.end || t.range.end <= content.start)
                .min_by_key(|(t, _)| t.range.start.abs_diff(here))
                .map(|(t, _)| t.value);
            taken_until = taken_until.max(content.end);
            for part in split_coordinated(&document.text, &tokens, content) {
                found.push(Attribution { speaker: speaker.clone(), content: part, modality: modality.clone(), date });
            }
        }
        for attribution in found {
            let claim = make_claim(document, lexicon, people, &clause, events, attribution, sentence.range.clone());
            if words_in(&tokens, &claim.content) >= 3 {
                claims.push(claim);
            }
        }
    }
    claims
}

/// Token index ranges inside quotation marks (“...”, "...").
fn quotation_spans(tokens: &[Token]) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for (index, token) in tokens.iter().enumerate() {
        match (token.lower.as_str(), open) {
            ("“", _) => open = Some(index),
            ("”", Some(start)) => {
                spans.push(start + 1..index);
                open = None;
            }
            ("\"", None) => open = Some(index),
            ("\"", Some(start)) => {
                spans.push(start + 1..index);
                open = None;
            }
            _ => {}
        }
    }
    spans
}

fn words_in(tokens: &[Token], range: &Range<usize>) -> usize {
    tokens.iter().filter(|t| t.is_word && range.start <= t.range.start && t.range.end <= range.end).count()
}

fn make_claim(
    document: &Document,
    lexicon: &Lexicon,
    people: &mut People,
    clause: &Clause,
    events: &[Event],
    attribution: Attribution,
    evidence: Range<usize>,
) -> Claim {
    let Attribution { speaker: claimant, mut content, modality, date } = attribution;
    trim_content(&document.text, &mut content);
    let inside: Vec<&Token> =
        clause.tokens.iter().filter(|t| content.start <= t.range.start && t.range.end <= content.end).collect();
    let polarity = if inside.iter().any(|t| is_negation(&t.lower)) { Polarity::Negative } else { Polarity::Positive };
    let mut about: Vec<ActorId> = Vec::new();
    for mention in clause.mentions.iter().filter(|m| content.start <= m.range.start && m.range.end <= content.end) {
        if let Some(actor) = as_participant(people, clause, mention) {
            if !about.contains(&actor) && actor != claimant {
                about.push(actor);
            }
        }
    }
    // The relation an affirmed event inside the content states ("Russia will invite the
    // Taliban"); a negated one states none ("X will not attack Y" is no X-attacks-Y triple).
    let relation = events
        .iter()
        .filter(|e| {
            content.start <= e.trigger.start && e.trigger.end <= content.end && e.status != super::Status::Negated
        })
        .find_map(|e| Some((e.agents.first()?.clone(), e.event_type, e.targets.first()?.clone())));
    // "X will/would ..." in the main clause of what was said is an undertaking; a modal in an
    // embedded clause ("received assurances that they will ...") is not.
    let main_clause = inside.iter().take_while(|t| t.lower != "that");
    let modality = if modality == "asserted"
        && main_clause.into_iter().any(|t| matches!(t.lower.as_str(), "will" | "would" | "shall"))
    {
        "promised".to_string()
    } else {
        modality
    };
    let side = ActorId(lexicon.gazetteer.side_of(&claimant.0));
    Claim { claimant, side, about, content, date, polarity, modality, evidence, relation }
}

/// Whether the tokens after a reporting verb only complete the attribution: a time, "in a
/// statement", or a subordinate clause of its own ("..., Peskov said as the insurgents ...").
fn tail_only(tokens: &[Token], end: usize) -> bool {
    for token in &tokens[end..] {
        if SUBORDINATORS.contains(&token.lower.as_str()) {
            return true;
        }
        if token.is_word && !TAIL_WORDS.contains(&token.lower.as_str()) && !WEEKDAYS.contains(&token.lower.as_str()) {
            return false;
        }
    }
    true
}

/// Where the subject phrase that ends right before the verb at `verb` starts: the start of its
/// noun phrase, titles and names included ("President Vladimir Putin's special representative").
fn subject_phrase_start(clause: &Clause, verb: usize) -> Option<usize> {
    let mut index = verb;
    // Adverbs and auxiliaries between subject and verb ("also", "has").
    while index > 0 && clause.mention_at(index - 1).is_none() && clause.tokens[index - 1].is_word && index + 3 > verb {
        index -= 1;
    }
    let mention = clause.mention_at(index.checked_sub(1)?)?;
    let mut start = clause.first_token(mention);
    while start > 0 {
        let previous = &clause.tokens[start - 1];
        let joins =
            previous.is_word && (previous.capitalized || matches!(previous.lower.as_str(), "the" | "a" | "an" | "'s"));
        if !(joins || previous.lower == "'s") {
            break;
        }
        start -= 1;
    }
    Some(start)
}

/// Speaker and content around a reporting verb at tokens `start..end`.
fn attribute(
    people: &mut People,
    clause: &Clause,
    start: usize,
    end: usize,
    form: VerbForm,
    previous_agent: Option<ActorId>,
) -> Option<(ActorId, Range<usize>)> {
    let tokens = clause.tokens;
    let sentence_end = tokens.len();
    if let Some(speaker) = speaker_before(people, clause, start) {
        // Attribution after the content: `CONTENT, SPEAKER VERB` or `"QUOTE," SPEAKER VERB`.
        if tail_only(tokens, end) {
            if let Some(phrase) = subject_phrase_start(clause, start).filter(|&p| p > 1) {
                if matches!(tokens[phrase - 1].lower.as_str(), "," | "”" | "\"" | "’") {
                    let comma = if tokens[phrase - 1].lower == "," { phrase - 1 } else { phrase };
                    let content =
                        quoted_or(tokens, 0, phrase).unwrap_or(tokens[0].range.start..tokens[comma - 1].range.end);
                    return Some((speaker, content));
                }
            }
        }
        let content = content_after(clause, end, sentence_end)?;
        return Some((speaker, content));
    }
    // Inverted: `CONTENT, VERB SPEAKER` (", confirmed Russia's envoy").
    if start >= 1 && tokens[start - 1].lower == "," && form != VerbForm::Gerund {
        // The head of the phrase after the verb: a possessor ("Putin's envoy") is not the speaker.
        let after = tokens[end.min(sentence_end - 1)].range.start;
        let possessor = |m: &Mention| tokens.get(clause.last_token(m) + 1).is_some_and(|t| t.lower == "'s");
        let speaker_mention = clause
            .mentions
            .iter()
            .filter(|m| m.range.start >= after)
            .find(|m| !possessor(m) && clause.mention_at(clause.first_token(m)) == Some(*m))?
            .clone();
        // The speaker ends the sentence (but for a tail): "..., said the two leaders agreed
        // that ..." is not an inverted attribution.
        if !tail_only(tokens, clause.last_token(&speaker_mention) + 1) {
            return None;
        }
        let speaker = as_participant(people, clause, &speaker_mention)?;
        let content = quoted_or(tokens, 0, start - 1).unwrap_or(tokens[0].range.start..tokens[start - 1].range.start);
        return Some((speaker, content));
    }
    // A participle with no subject of its own continues the act before it ("held talks ...,
    // urging ...") or belongs to the sentence subject ("a joint statement calling to ...").
    if form == VerbForm::Gerund {
        let speaker = previous_agent.or_else(|| sentence_subject(people, clause, start))?;
        return Some((speaker, content_after(clause, end, sentence_end)?));
    }
    None
}

/// The speaker of a reporting verb: the subject, skipping an apposition or a relative clause
/// between commas ("Suhail Shaheen, a spokesman for ..., said"; "The CSTO, which includes
/// Tajikistan, reiterated").
fn speaker_before(people: &mut People, clause: &Clause, verb: usize) -> Option<ActorId> {
    let tokens = clause.tokens;
    if verb > 0 && tokens[verb - 1].lower == "," {
        // The opening comma of the parenthesis: the first comma of the clause before the verb.
        let clause_start =
            tokens[..verb - 1].iter().rposition(|t| matches!(t.lower.as_str(), ";" | ":")).map_or(0, |i| i + 1);
        let opening = tokens[clause_start..verb - 1].iter().position(|t| t.lower == ",")? + clause_start;
        let mention =
            (clause_start..opening).rev().find_map(|i| clause.mention_at(i).filter(|m| !clause.governed(m)))?.clone();
        return as_participant(people, clause, &mention);
    }
    subject_of(people, clause, verb).into_iter().next()
}

/// `According to SPEAKER, CONTENT` (or `CONTENT, according to SPEAKER`).
fn according_to(people: &mut People, clause: &Clause, start: usize) -> Option<(ActorId, Range<usize>)> {
    let tokens = clause.tokens;
    let after = tokens[start + 2..].iter().position(|t| t.lower == ",").map(|i| i + start + 2);
    let limit = after.map_or(tokens.len(), |i| i);
    let from = tokens.get(start + 2)?.range.start;
    let mention = clause
        .mentions
        .iter()
        .rfind(|m| m.range.start >= from && m.range.end <= tokens[limit - 1].range.end && !clause.nested(m))?
        .clone();
    let speaker = as_participant(people, clause, &mention)?;
    let content = if start == 0 {
        content_after(clause, limit + 1, tokens.len())?
    } else {
        tokens[0].range.start..tokens[start - 1].range.start
    };
    Some((speaker, content))
}

/// Content after a verb: skips "that", a time, "in a statement" and punctuation; ends at the
/// sentence end (or at the closing quote of a quotation that starts it).
fn content_after(clause: &Clause, from: usize, to: usize) -> Option<Range<usize>> {
    let tokens = clause.tokens;
    let word = |i: usize| tokens.get(i).map_or("", |t| t.lower.as_str());
    let mut start = from;
    while start < to {
        let skip = match word(start) {
            "that" | "," | ":" | "about" | "also" | "against" | "over" | "of" => 1,
            "on" if WEEKDAYS.contains(&word(start + 1)) => 2,
            "in" if word(start + 1) == "a"
                && matches!(word(start + 2), "statement" | "commentary" | "post" | "tweet" | "interview") =>
            {
                3
            }
            w if WEEKDAYS.contains(&w) => 1,
            _ if clause.in_time(start) => 1,
            "on" | "in" | "at" | "earlier" | "later" if start + 1 < to && clause.in_time(start + 1) => 1,
            _ if !tokens[start].is_word && !OPENING_QUOTES.contains(&word(start)) => 1,
            _ => 0,
        };
        if skip == 0 {
            break;
        }
        start += skip;
    }
    if start >= to {
        return None;
    }
    if let Some(quoted) = quoted_or(tokens, start, to) {
        return Some(quoted);
    }
    Some(tokens[start].range.start..tokens[to - 1].range.end)
}

/// The inside of a quotation that starts at token `from` and closes before `to`, if it is one.
fn quoted_or(tokens: &[Token], from: usize, to: usize) -> Option<Range<usize>> {
    if !OPENING_QUOTES.contains(&tokens.get(from)?.lower.as_str()) {
        return None;
    }
    let close = tokens[from + 1..to].iter().rposition(|t| CLOSING_QUOTES.contains(&t.lower.as_str()))? + from + 1;
    (close > from + 1).then(|| tokens[from + 1].range.start..tokens[close - 1].range.end)
}

/// Splits content that coordinates statements: "X would remain open and that Y would not",
/// "assurances that ... and also their guarantees of ...", "X, however, Y".
fn split_coordinated(text: &str, tokens: &[Token], content: Range<usize>) -> Vec<Range<usize>> {
    let inside: Vec<&Token> =
        tokens.iter().filter(|t| content.start <= t.range.start && t.range.end <= content.end).collect();
    for window in inside.windows(3) {
        let (a, b, c) = (window[0].lower.as_str(), window[1].lower.as_str(), window[2].lower.as_str());
        let determiner = |w: &str| {
            matches!(
                w,
                "their"
                    | "its"
                    | "his"
                    | "her"
                    | "the"
                    | "a"
                    | "an"
                    | "this"
                    | "that"
                    | "they"
                    | "it"
                    | "he"
                    | "she"
                    | "we"
            )
        };
        let split = match (a, b) {
            ("and", "that") => Some((window[0].range.start, window[1].range.end)),
            ("and", "also") if determiner(c) => Some((window[0].range.start, window[1].range.end)),
            (",", "however") if c == "," => Some((window[0].range.start, window[2].range.end)),
            _ => None,
        };
        let Some((cut, resume)) = split else { continue };
        let mut first = content.start..cut;
        let mut second = resume..content.end;
        trim_content(text, &mut first);
        trim_content(text, &mut second);
        // Each part must be a statement of its own, not a short aside ("Russia would do so,
        // however, the details were still being decided" stays whole).
        let words = |r: &Range<usize>| text[r.clone()].split_whitespace().count();
        if words(&first) >= 5 && words(&second) >= 5 {
            let mut parts = vec![first];
            parts.extend(split_coordinated(text, tokens, second));
            return parts;
        }
    }
    vec![content]
}

/// Trims spaces, commas, quote marks and a final full stop from a content range.
fn trim_content(text: &str, range: &mut Range<usize>) {
    let junk = |c: char| c.is_whitespace() || matches!(c, ',' | '.' | '“' | '”' | '"' | '‘' | '’' | ';' | ':');
    if range.end <= range.start {
        range.end = range.start;
        return;
    }
    let slice = &text[range.clone()];
    let start_trim = slice.len() - slice.trim_start_matches(junk).len();
    let end_trim = slice.len() - slice.trim_end_matches(junk).len();
    if start_trim + end_trim >= slice.len() {
        range.end = range.start;
        return;
    }
    range.start += start_trim;
    range.end -= end_trim;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;

    fn claims(text: &str) -> Vec<String> {
        let lexicon = Lexicon::builtin().unwrap();
        let text = format!("date 2021-07-09\n\n{text}\n");
        let doc = Document::from_text("t.txt", text, Default::default(), &lexicon.boilerplate);
        let findings = extract(&doc, &lexicon);
        findings
            .claims
            .iter()
            .map(|c| {
                format!(
                    "{} [{}|{}|{}]: {}",
                    findings.actor(&c.claimant).label,
                    c.modality,
                    c.polarity.as_str(),
                    c.date.map_or("-".into(), |d| d.to_string()),
                    &doc.text[c.content.clone()]
                )
            })
            .collect()
    }

    #[test]
    fn speaker_first_with_apposition_and_pronoun() {
        let got = claims("Suhail Shaheen, a spokesman for the Taliban, said the delegation discussed drug trafficking and reiterated that Afghan territory would not be used against neighbors. He also said all border crossings would remain open and that fighters would not target diplomats.");
        assert_eq!(
            got,
            [
                "Suhail Shaheen [asserted|positive|-]: the delegation discussed drug trafficking",
                "Suhail Shaheen [promised|negative|-]: Afghan territory would not be used against neighbors",
                "Suhail Shaheen [promised|positive|-]: all border crossings would remain open",
                "Suhail Shaheen [promised|negative|-]: fighters would not target diplomats",
            ]
        );
    }

    #[test]
    fn relative_clauses_and_times_between_subject_and_verb() {
        assert_eq!(
            claims("The CSTO, which includes Tajikistan, reiterated on July 8 that it was ready to act."),
            ["Collective Security Treaty Organization [asserted|positive|2021-07-08]: it was ready to act"]
        );
        assert_eq!(
            claims("Uzbekistan this week announced plans to reinforce its border."),
            ["Uzbekistan [asserted|positive|week of 2021-07-05]: plans to reinforce its border"]
        );
    }

    #[test]
    fn quote_first_and_inverted() {
        let got = claims(
            "The Russian Foreign Ministry met the Taliban. “We received assurances from the Taliban that they will not attack,” the Ministry said on Thursday.",
        );
        assert_eq!(
            got,
            ["Russian Foreign Ministry [asserted|negative|2021-07-08]: We received assurances from the Taliban that they will not attack"]
        );
        let got = claims("Russia will invite the Taliban to talks on 20 October, confirmed Russian Vladimir Putin's special representative on Afghanistan.");
        assert_eq!(got, ["Zamir Kabulov [promised|positive|-]: Russia will invite the Taliban to talks on 20 October"]);
        let got = claims("Turkey will host the talks on Monday, President Recep Tayyip Erdogan’s spokesman said on Friday as the fighting went on.");
        assert!(got[0].ends_with("Turkey will host the talks on Monday"), "{got:?}");
    }

    #[test]
    fn according_to_nouns_and_participles() {
        let got = claims("According to a report by The Frontier Post, a fresh batch of “Utyos” machine guns entered service with the base.");
        assert_eq!(got, ["The Frontier Post [asserted|positive|-]: a fresh batch of “Utyos” machine guns entered service with the base"]);
        let got = claims("Iranian officials visited Kabul seeking to give assurances that the border would stay open.");
        assert_eq!(got, ["Iran [promised|positive|-]: the border would stay open"]);
        let got = claims("The Kremlin envoy Zamir Kabulov held talks with a Taliban delegation, urging the group to free the hostages.");
        assert_eq!(got, ["Zamir Kabulov [asserted|positive|-]: the group to free the hostages"]);
    }

    #[test]
    fn surnames_and_verbs_inside_quotes() {
        let got = claims(
            "Prime Minister Imran Khan spoke on Monday. “We guarantee the security of our border,” Khan told reporters.",
        );
        assert_eq!(got, ["Imran Khan [asserted|positive|-]: We guarantee the security of our border"]);
    }

    #[test]
    fn contrast_splits_and_headlines_do_not_count() {
        let got = claims("Kabulov also said Moscow will not exclude new sanctions, however, at this stage, the country believes it is not expedient to rush.");
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[1].ends_with("at this stage, the country believes it is not expedient to rush"), "{got:?}");
        assert!(claims("Russia says it will talk to the Taliban\n\nNothing else happened.").is_empty());
    }
}
