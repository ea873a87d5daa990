//! Claims: reported speech and quotes, attributed to a speaker.
//!
//! Shapes recognised around a reporting verb of `ontology/reporting.tsv`:
//! - `SPEAKER [, apposition,] VERB [that] CONTENT` ("Peskov said the talks failed");
//! - `CONTENT, SPEAKER VERB` and `"QUOTE," SPEAKER VERB` (attribution after the content);
//! - `CONTENT, VERB SPEAKER` (inverted: ", confirmed the special representative");
//! - `According to SPEAKER, CONTENT`.
//!
//! A pronoun speaker ("He also said") is the nearest earlier person. Content that coordinates
//! two statements ("X and that Y", "... and reiterated that Y") gives two claims. The modality
//! comes from the verb (assured -> promised, warned, denied, asked -> questioned); polarity is
//! negative when the content is negated. The claim is about the actors its content mentions, and
//! reifies the relation of an event stated inside its content.

use std::ops::Range;

use super::actors::People;
use super::events::{as_participant, sentence_times, subject_of, Clause};
use super::text::{is_negation, pronoun, Token};
use super::{ActorId, Claim, Event, Mention, MentionKind, Polarity};
use crate::corpus::Document;
use crate::lexicon::Lexicon;

const OPENING_QUOTES: [&str; 3] = ["“", "\"", "‘"];
const CLOSING_QUOTES: [&str; 3] = ["”", "\"", "’"];

/// A claim before its details are worked out.
struct Attribution {
    speaker: ActorId,
    content: Range<usize>,
    modality: String,
    date: Option<crate::time::TimeValue>,
}

/// All claims of a document.
pub fn find_claims(document: &Document, lexicon: &Lexicon, people: &mut People, events: &[Event]) -> Vec<Claim> {
    let mut claims = Vec::new();
    for (index, sentence) in document.sentences.iter().enumerate() {
        let tokens = people.tokens(index).to_vec();
        let clause =
            Clause { sentence: index, tokens: &tokens, mentions: people.in_sentence(index).cloned().collect() };
        let times = sentence_times(document, lexicon, &tokens, &sentence.range, sentence.kind);
        let mut found: Vec<Attribution> = Vec::new();
        let mut taken_until = 0usize;
        let mut position = 0;
        while position < tokens.len() {
            let words: Vec<&str> = tokens[position..].iter().take(4).map(|t| t.lower.as_str()).collect();
            let according = words.len() >= 2 && words[0] == "according" && words[1] == "to";
            let verb = lexicon.words.reporting_at(&words).into_iter().next();
            if verb.is_none() && !according {
                position += 1;
                continue;
            }
            let (length, modality) = match verb {
                Some(v) => (v.words.len(), v.modality.clone()),
                None => (2, "asserted".to_string()),
            };
            let verb_start = position;
            let verb_end = position + length;
            position = verb_end;
            if tokens[verb_start].range.start < taken_until {
                // Inside the content of an earlier claim: only a coordinated verb ("and
                // reiterated that") starts a new claim by the same speaker.
                let coordinated = verb_start > 0 && tokens[verb_start - 1].lower == "and";
                let Some(last) = found.last_mut().filter(|_| coordinated) else { continue };
                last.content.end = last.content.end.min(tokens[verb_start - 1].range.start);
                let (speaker, date) = (last.speaker.clone(), last.date);
                if let Some(content) = content_after(&tokens, verb_end, tokens.len()) {
                    found.push(Attribution { speaker, content, modality, date });
                }
                continue;
            }
            let Some((speaker, content)) = (if according {
                according_to(people, &clause, verb_start)
            } else {
                attribute(people, &clause, verb_start, verb_end)
            }) else {
                continue;
            };
            if words_in(&tokens, &content) < 3 {
                continue;
            }
            let date = times
                .iter()
                .filter(|(t, _)| t.range.start >= content.end || t.range.end <= content.start)
                .min_by_key(|(t, _)| t.range.start.abs_diff(tokens[verb_start].range.start))
                .map(|(t, _)| t.value);
            taken_until = taken_until.max(content.end);
            for part in split_coordinated(&document.text, &tokens, content) {
                found.push(Attribution { speaker: speaker.clone(), content: part, modality: modality.clone(), date });
            }
        }
        for attribution in found {
            let claim = make_claim(document, people, &clause, events, attribution, sentence.range.clone());
            claims.push(claim);
        }
    }
    claims.retain(|c| c.content.len() > 2);
    claims
}

fn words_in(tokens: &[Token], range: &Range<usize>) -> usize {
    tokens.iter().filter(|t| t.is_word && range.start <= t.range.start && t.range.end <= range.end).count()
}

fn make_claim(
    document: &Document,
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
    let relation = events
        .iter()
        .filter(|e| content.start <= e.trigger.start && e.trigger.end <= content.end)
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
    Claim { claimant, about, content, date, polarity, modality, evidence, relation }
}

/// Speaker and content around a reporting verb at tokens `start..end`.
fn attribute(people: &mut People, clause: &Clause, start: usize, end: usize) -> Option<(ActorId, Range<usize>)> {
    let tokens = clause.tokens;
    let sentence_end = tokens.len();
    // Attribution after the content: `CONTENT, SPEAKER VERB` or `"QUOTE," SPEAKER VERB`.
    let rest_is_tail = tokens[end..].iter().all(|t| {
        !t.is_word
            || matches!(
                t.lower.as_str(),
                "on" | "in"
                    | "a"
                    | "statement"
                    | "thursday"
                    | "friday"
                    | "monday"
                    | "tuesday"
                    | "wednesday"
                    | "saturday"
                    | "sunday"
                    | "also"
                    | "today"
                    | "yesterday"
                    | "late"
                    | "earlier"
            )
    });
    if let Some(speaker) = speaker_before(people, clause, start) {
        let speaker_first = first_token_of_subject(clause, start);
        let comma_before =
            speaker_first.checked_sub(1).filter(|&i| matches!(tokens[i].lower.as_str(), "," | "”" | "\"" | "’"));
        if rest_is_tail && speaker_first > 1 {
            if let Some(comma) = comma_before {
                let content_end = tokens[comma].range.start;
                let content = quoted_or(tokens, 0, comma).unwrap_or(tokens[0].range.start..content_end);
                return Some((speaker, content));
            }
        }
        let content = content_after(tokens, end, sentence_end)?;
        return Some((speaker, content));
    }
    // Inverted: `CONTENT, VERB SPEAKER` (", confirmed Russia's envoy").
    if start >= 1 && tokens[start - 1].lower == "," {
        // The head of the phrase after the verb: a possessor ("Putin's envoy") is not the speaker.
        let after = tokens[end.min(sentence_end - 1)].range.start;
        let possessor = |m: &Mention| tokens.get(clause.last_token(m) + 1).is_some_and(|t| t.lower == "'s");
        let speaker_mention = clause
            .mentions
            .iter()
            .filter(|m| m.range.start >= after)
            .find(|m| !possessor(m) && clause.mention_at(clause.first_token(m)) == Some(*m))?
            .clone();
        let speaker = as_participant(people, clause, &speaker_mention)?;
        let content = quoted_or(tokens, 0, start - 1).unwrap_or(tokens[0].range.start..tokens[start - 1].range.start);
        return Some((speaker, content));
    }
    None
}

/// The speaker of a reporting verb: the subject, skipping an apposition between commas
/// ("Suhail Shaheen, a spokesman for ..., said").
fn speaker_before(people: &mut People, clause: &Clause, verb: usize) -> Option<ActorId> {
    let tokens = clause.tokens;
    if verb > 0 && tokens[verb - 1].lower == "," {
        // The first actor of the sentence followed by a comma, before the verb.
        let mention = clause
            .mentions
            .iter()
            .filter(|m| m.range.end <= tokens[verb - 1].range.start)
            .find(|m| {
                let last = clause.last_token(m);
                tokens.get(last + 1).is_some_and(|t| t.lower == ",") && !clause.governed(m)
            })?
            .clone();
        return as_participant(people, clause, &mention);
    }
    let subjects = subject_of(people, clause, verb);
    if let Some(first) = subjects.into_iter().next() {
        // Record the pronoun as a mention of its referent.
        if let Some(token) = tokens[..verb].iter().rev().find(|t| pronoun(&t.lower).is_some()) {
            if !clause.mentions.iter().any(|m| m.range.start <= token.range.start && token.range.end <= m.range.end)
                && tokens[..verb].iter().rev().take(4).any(|t| t == token)
            {
                people.add_mention(
                    clause.sentence,
                    Mention { actor: first.clone(), range: token.range.clone(), kind: MentionKind::Pronoun },
                );
            }
        }
        return Some(first);
    }
    None
}

/// Index of the first token of the subject phrase that ends right before `verb`.
fn first_token_of_subject(clause: &Clause, verb: usize) -> usize {
    let mut index = verb;
    while index > 0 {
        index -= 1;
        if let Some(m) = clause.mention_at(index) {
            return clause.first_token(m);
        }
        if pronoun(&clause.tokens[index].lower).is_some() {
            return index;
        }
    }
    0
}

/// `According to SPEAKER, CONTENT` (or `CONTENT, according to SPEAKER`).
fn according_to(people: &mut People, clause: &Clause, start: usize) -> Option<(ActorId, Range<usize>)> {
    let tokens = clause.tokens;
    let after = tokens[start + 2..].iter().position(|t| t.lower == ",").map(|i| i + start + 2);
    let limit = after.map_or(tokens.len(), |i| i);
    let from = tokens.get(start + 2)?.range.start;
    let mention =
        clause.mentions.iter().rfind(|m| m.range.start >= from && m.range.end <= tokens[limit - 1].range.end)?.clone();
    let speaker = as_participant(people, clause, &mention)?;
    let content = if start == 0 {
        content_after(tokens, limit + 1, tokens.len())?
    } else {
        tokens[0].range.start..tokens[start - 1].range.start
    };
    Some((speaker, content))
}

/// Content after a verb: skips "that", a time expression and punctuation; ends at the sentence.
fn content_after(tokens: &[Token], from: usize, to: usize) -> Option<Range<usize>> {
    const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let word = |i: usize| tokens.get(i).map_or("", |t| t.lower.as_str());
    let mut start = from;
    while start < to {
        let skip = match word(start) {
            "that" | "," | ":" | "about" | "also" => 1,
            "on" if WEEKDAYS.contains(&word(start + 1)) => 2,
            "in" if word(start + 1) == "a"
                && matches!(word(start + 2), "statement" | "commentary" | "post" | "tweet" | "interview") =>
            {
                3
            }
            w if WEEKDAYS.contains(&w) => 1,
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

/// The inside of a quotation that spans tokens `from..to`, if it is one.
fn quoted_or(tokens: &[Token], from: usize, to: usize) -> Option<Range<usize>> {
    let open = tokens[from..to].iter().position(|t| OPENING_QUOTES.contains(&t.lower.as_str()))? + from;
    let close = tokens[open + 1..to].iter().rposition(|t| CLOSING_QUOTES.contains(&t.lower.as_str()))? + open + 1;
    (close > open + 1).then(|| tokens[open + 1].range.start..tokens[close - 1].range.end)
}

/// Splits content that coordinates two statements ("X would remain open and that Y would not",
/// "assurances that ... and also their guarantees").
fn split_coordinated(text: &str, tokens: &[Token], content: Range<usize>) -> Vec<Range<usize>> {
    let inside: Vec<&Token> =
        tokens.iter().filter(|t| content.start <= t.range.start && t.range.end <= content.end).collect();
    for window in inside.windows(2) {
        let pair = (window[0].lower.as_str(), window[1].lower.as_str());
        if matches!(pair, ("and", "that") | ("and", "also")) {
            let mut first = content.start..window[0].range.start;
            let mut second = window[1].range.end..content.end;
            trim_content(text, &mut first);
            trim_content(text, &mut second);
            if first.len() > 10 && second.len() > 10 {
                return vec![first, second];
            }
        }
    }
    vec![content]
}

/// Trims spaces, commas, quote marks and a final full stop from a content range.
fn trim_content(text: &str, range: &mut Range<usize>) {
    let junk = |c: char| c.is_whitespace() || matches!(c, ',' | '.' | '“' | '”' | '"' | '‘' | '’' | ';' | ':');
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
    fn quote_first_and_inverted() {
        let got = claims("The Russian Foreign Ministry met the Taliban. “We received assurances from the Taliban that they will not attack,” the Ministry said on Thursday.");
        assert_eq!(got, ["Russian Foreign Ministry [asserted|negative|2021-07-08]: We received assurances from the Taliban that they will not attack"]);
        let got = claims("Russia will invite the Taliban to talks on 20 October, confirmed Russian Vladimir Putin's special representative on Afghanistan.");
        assert_eq!(got, ["Zamir Kabulov [promised|positive|-]: Russia will invite the Taliban to talks on 20 October"]);
    }

    #[test]
    fn according_to() {
        let got = claims(
            "According to a report by The Frontier Post, a fresh batch of machine guns entered service with the base.",
        );
        assert_eq!(
            got,
            ["The Frontier Post [asserted|positive|-]: a fresh batch of machine guns entered service with the base"]
        );
    }
}
