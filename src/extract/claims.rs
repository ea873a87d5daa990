//! Claims: reported speech and quotes attributed to a speaker, read on the parse.
//!
//! What was said, and by whom, following the ways English news reports speech:
//! - a reporting verb of `ontology/reporting.tsv` ("said", "warned", "denied", "told") with a
//!   clausal complement ("X said that the talks failed"; "X urged Y to leave": "Y to leave"),
//!   coordinated complements being separate claims ("said A, and that B"; "said A and added
//!   B");
//! - a reporting verb that comments the clause it stands beside ("The talks failed, he said";
//!   "“We will respond,” said Foreign Minister X"): the rest of the sentence;
//! - speech acts with a nominal object ("denied involvement", "announced plans to ...") or whose
//!   verb is part of what was said ("condemned the coup", "blamed X for Y", "described it as
//!   historic");
//! - speech-act nouns ("assurances that ...", "its demand for ...", "a pledge to ...") whose
//!   speaker is their possessor, the actor they come from, or the subject of the verb that
//!   gives them ("provided assurances that");
//! - "according to X, ..." and "..., according to X";
//! - quotations: a claim whose content lies in a quotation extends over the whole quotation
//!   (several sentences), and a quotation that stands alone right after an attributed sentence,
//!   or continues a quotation into the next paragraph, is the same speaker's.
//!
//! The speaker is the subject of the reporting verb, resolved through coreference ("he said",
//! "the ministry said"), or shared with the verb it is coordinated with or a participle depends
//! on ("..., adding that"); "quoted X as saying" is X's; a written statement speaks for who
//! issued it ("the ministry's statement said", "a decree declaring that"). A news outlet cited
//! as the source of a report ("Reuters reported") makes no claim: that is sourcing.
//!
//! The modality comes from the reporting word (assured → promised, warned, denied, asked →
//! questioned; a "will" in what was said makes an assertion a promise); polarity is negative
//! for a denial or when the main verb of what was said is negated. The date is the reporting
//! verb's ("said on Thursday"). A claim is about the actors its content mentions, and carries
//! the relation that an event stated inside it asserts.

use std::ops::Range;

use jiff::civil::Date;

use super::mentions::{phrase_head, Cast};
use super::syntax::Parse;
use super::{ActorId, Claim, Event, MentionKind, Polarity, Status};
use crate::lexicon::frames::{word_fits, TreeForm};
use crate::lexicon::gazetteer::ActorKind;
use crate::lexicon::words::ReportingVerb;
use crate::lexicon::Lexicon;
use crate::lexicon::WordClass;
use crate::time::{find_times, Tense, TimeValue};

const QUOTES: &[&str] = &["\"", "“", "”", "‘", "’", "«", "»", "'", "``", "''"];

/// What an attribution found: speaker, content tokens, modality, and the reporting word.
#[derive(Debug, Clone)]
struct Found {
    speaker: ActorId,
    content: Range<usize>,
    modality: String,
    /// The reporting word (its sentence is the claim's evidence).
    word: usize,
    /// The claim's date, when it was fixed elsewhere (a continued quotation).
    date: Option<TimeValue>,
}

/// Finds the claims of a document.
pub(crate) fn find_claims(
    parse: &Parse,
    lexicon: &Lexicon,
    cast: &mut Cast,
    events: &[Event],
    published: Option<Date>,
) -> (Vec<Claim>, Vec<Event>) {
    let quotes = Quotes::new(parse);
    let mut found: Vec<Found> = Vec::new();
    for t in 0..parse.len() {
        if !parse.in_article(t) || parse.in_headline(t) {
            continue;
        }
        if parse.lower(t) == "according" {
            found.extend(according_to(parse, lexicon, cast, t));
        } else if parse.is_verb(t) {
            let more = reported(parse, lexicon, cast, t, (&found, &quotes));
            found.extend(more);
        } else if parse.is_noun(t) {
            found.extend(speech_noun(parse, lexicon, cast, t));
        }
    }
    for f in &mut found {
        f.content = clip(parse, quotes.extend(parse, f.content.clone(), f.word), f.word);
    }
    let continued = continued_quotes(parse, lexicon, &quotes, &found, published);
    found.extend(continued);
    // "Kabulov said Moscow will not rush, and the country believes B": a speaker's own side
    // reported in the speaker's words is the speaker's claim.
    for i in 0..found.len() {
        let f = &found[i];
        let outer = found.iter().find(|g| {
            g.content.contains(&f.word)
                && !f.content.contains(&g.word)
                && g.speaker != f.speaker
                && lexicon.gazetteer.side_of(&g.speaker.0) == f.speaker.0
        });
        if let Some(g) = outer {
            found[i].speaker = g.speaker.clone();
        }
    }
    // A claim within another of the same speaker is part of it ("..., declaring that B").
    let redundant = |i: usize| {
        let f = &found[i];
        found.iter().enumerate().any(|(j, g)| {
            j != i
                && g.speaker == f.speaker
                && g.content.start <= f.content.start
                && f.content.end <= g.content.end
                && (g.content != f.content || j < i)
        })
    };
    let keep: Vec<bool> = (0..found.len()).map(|i| !redundant(i)).collect();
    let mut claims: Vec<Claim> = Vec::new();
    let mut accusations: Vec<Event> = Vec::new();
    for (f, keep) in found.into_iter().zip(keep) {
        if !keep {
            continue;
        }
        let (word, content) = (f.word, f.content.clone());
        if let Some(claim) = make_claim(parse, lexicon, cast, events, f, published) {
            accusations.extend(accusation(parse, lexicon, cast, &claim, word, content));
            claims.push(claim);
        }
    }
    (claims, accusations)
}

/// The accusation a claim makes: a clause of what was said in which another actor does wrong
/// (a word of `ontology/wrongdoing.tsv`: "the U.S. says Iran is responsible for ...", "Israel's
/// response has given rise to breaches of the convention"). Its agent is the speaker, its target
/// the wrongdoer: the clause's subject, the subject's owner ("Israel's response") or where it
/// comes from ("interference from non-ASEAN countries"), or the agent of a passive. A denial,
/// a negated clause, a question, or a wrongdoer on the speaker's own side make none.
fn accusation(
    parse: &Parse,
    lexicon: &Lexicon,
    cast: &mut Cast,
    claim: &Claim,
    word: usize,
    content: Range<usize>,
) -> Option<Event> {
    if claim.modality == "denied" || claim.modality == "questioned" || claim.polarity == Polarity::Negative {
        return None;
    }
    // The main verb of what was said.
    if content.is_empty() {
        return None;
    }
    let main = phrase_head(parse, &content);
    if !parse.is_verb(main) {
        return None;
    }
    // A word of wrongdoing within the clause.
    let lemmas: Vec<&str> = content.clone().map(|t| parse.lemma(t)).collect();
    let (at, len) = (0..lemmas.len()).find_map(|i| Some((i, lexicon.words.wrongdoing_at(&lemmas[i..])?)))?;
    let wrong = content.start + at..content.start + at + len;
    // The wrongdoer.
    let (subject, passive) = parse.subject(main)?;
    if !content.contains(&subject) {
        return None;
    }
    let mut candidates = if passive { parse.passive_agent(main).into_iter().collect() } else { vec![subject] };
    if !passive {
        candidates.extend(parse.children_with(subject, &["poss"]));
        candidates.extend(parse.prep_objects(subject, &["from", "by"]));
    }
    let speaker_side = lexicon.gazetteer.side_of(&claim.claimant.0);
    let target = candidates.into_iter().find_map(|c| {
        cast.actors_of(parse, c).into_iter().find(|a| {
            let kind = cast.kind(a);
            kind.is_actor()
                && kind != ActorKind::MediaOrganization
                && *a != claim.claimant
                && lexicon.gazetteer.side_of(&a.0) != speaker_side
        })
    })?;
    Some(Event {
        event_type: crate::plover::EventType::Accuse,
        mode: Some("allege".to_string()),
        agents: vec![claim.claimant.clone()],
        targets: vec![target],
        place: None,
        date: claim.date,
        status: Status::Occurred,
        evidence: parse.bytes(parse.sentence(parse.sentence_of(word))),
        trigger: parse.bytes(wrong),
        headline: false,
    })
}

/// The reporting entry a verb is an instance of, with its form.
fn reporting_entry<'l>(parse: &Parse, lexicon: &'l Lexicon, verb: usize) -> Option<&'l (TreeForm, ReportingVerb)> {
    let candidates = lexicon.words.tree_reporting.candidates(parse.lower(verb), parse.lemma(verb));
    candidates.into_iter().find(|(form, entry)| {
        let below = |w: &str| {
            parse.children(verb).any(|c| word_fits(w, parse.lower(c), parse.lemma(c)))
                || parse
                    .children(verb)
                    .flat_map(|c| parse.children(c))
                    .any(|g| word_fits(w, parse.lower(g), parse.lemma(g)))
        };
        !form.noun
            && form.with.iter().all(|w| below(w))
            && form.prep.as_ref().is_none_or(|p| prep_child(parse, verb, p).is_some())
            && (entry.needs.is_empty()
                || parse
                    .subtree(verb)
                    .any(|w| entry.needs.iter().any(|n| word_fits(n, parse.lower(w), parse.lemma(w)))))
            && (!entry.second || second_predicate(parse, verb).is_some())
    })
}

/// Whether a verb is a reporting verb of the lexicon.
fn is_reporting(parse: &Parse, lexicon: &Lexicon, verb: usize) -> bool {
    parse.is_verb(verb) && reporting_entry(parse, lexicon, verb).is_some()
}

/// The preposition (or particle) child of a verb with this lemma ("call for", "warn of").
fn prep_child(parse: &Parse, verb: usize, prep: &str) -> Option<usize> {
    parse.children_with(verb, &["prep", "prt", "dative", "agent"]).find(|&c| parse.lower(c) == prep)
}

/// The second predicate on a verb's object: "illegal" in "called the deal illegal", "as
/// historic" in "described it as historic".
fn second_predicate(parse: &Parse, verb: usize) -> Option<usize> {
    parse.children(verb).find(|&c| {
        parse.dep(c) == "oprd"
            || (parse.dep(c) == "prep" && parse.lower(c) == "as")
            || (parse.dep(c) == "ccomp" && parse.child_with(c, &["nsubj"]).is_some() && !parse.is_verb(c))
    })
}

/// A reporting verb with its speaker and contents.
fn reported(parse: &Parse, lexicon: &Lexicon, cast: &mut Cast, verb: usize, recent: (&[Found], &Quotes)) -> Vec<Found> {
    let Some((form, entry)) = reporting_entry(parse, lexicon, verb) else { return Vec::new() };
    let (contents, speaker) = match inverted(parse, verb) {
        Some((content, subject)) => (vec![content], speaker_phrase(parse, lexicon, cast, subject, 0)),
        None => {
            let contents = verb_contents(parse, lexicon, verb, form, entry);
            if contents.is_empty() {
                return Vec::new();
            }
            (contents, speaker_of_verb(parse, lexicon, cast, verb, Some(recent)))
        }
    };
    let Some(speaker) = speaker else { return Vec::new() };
    contents
        .into_iter()
        .map(|content| Found {
            speaker: speaker.clone(),
            content,
            modality: entry.modality.clone(),
            word: verb,
            date: None,
        })
        .collect()
}

/// "CONTENT, confirmed Putin's special representative.": an attribution after its clause with
/// the speaker after the verb, which the parser may read as its object. Returns the content
/// and the speaker's phrase.
fn inverted(parse: &Parse, verb: usize) -> Option<(Range<usize>, usize)> {
    if parse.child_with(verb, &["nsubj", "nsubjpass", "ccomp", "xcomp"]).is_some() {
        return None;
    }
    let o = parse.child_with(verb, &["dobj"]).filter(|&o| o > verb)?;
    let sentence = parse.sentence(parse.sentence_of(verb));
    let previous = (sentence.start..verb).rev().find(|&t| !parse.is_space(t))?;
    if !matches!(parse.word(previous), "," | "”" | "\"" | "''") {
        return None;
    }
    // The speaker's phrase ends the sentence.
    let rest = parse.subtree(o).end..sentence.end;
    if rest.clone().any(|t| !parse.is_space(t) && !matches!(parse.word(t), "." | "!" | "?" | "”" | "\"")) {
        return None;
    }
    let content = trim(parse, sentence.start..verb);
    (content.len() >= 3).then_some((content, o))
}

/// What a reporting verb says: its clausal complement (split at coordinated clauses), the
/// argument of its preposition ("called for X"), its object, or the clause it comments.
fn verb_contents(
    parse: &Parse,
    lexicon: &Lexicon,
    verb: usize,
    form: &TreeForm,
    entry: &ReportingVerb,
) -> Vec<Range<usize>> {
    let object = parse.child_with(verb, &["dobj"]);
    let clause = parse.children_with(verb, &["ccomp", "xcomp"]).find(|&c| {
        // "In response to concerns X could spill, Tajikistan announced plans": a verb with an
        // object comments no clause before it.
        !(c < verb && object.is_some() && (entry.object || entry.predicate))
    });
    if entry.predicate {
        // "condemned the coup", "blamed X for Y": the verb and what follows it.
        let Some(o) = object else { return Vec::new() };
        let range = trim(parse, verb..arguments_end(parse, verb, o));
        return if range.len() >= 2 { vec![range] } else { Vec::new() };
    }
    if let Some(c) = clause {
        let mut sub = parse.subtree(c);
        // "said Russia would do so, however, the details were still being decided": clauses
        // the parser hangs side by side from the verb are one statement.
        for other in parse.children_with(verb, &["ccomp"]).filter(|&o| o != c && (o > verb) == (c > verb)) {
            let o = parse.subtree(other);
            sub = sub.start.min(o.start)..sub.end.max(o.end);
        }
        // "X urged Y to do Z": the object belongs to what was urged; a complement before the
        // verb is what the sentence says up to the attribution ("A, but B, X says").
        let start = match object {
            Some(o) if o < c && parse.dep(c) == "xcomp" => parse.subtree(o).start,
            _ if c < verb => parse.sentence(parse.sentence_of(verb)).start,
            _ => sub.start,
        };
        return split_clause(parse, lexicon, c, start..sub.end);
    }
    if let Some(prep) = form.prep.as_deref() {
        // "called for a ceasefire", "called on X to ...", "committed to a reduction".
        if let Some(p) = prep_child(parse, verb, prep) {
            let sub = parse.subtree(p);
            let mut end = sub.end;
            for c in parse.children_with(verb, &["xcomp", "ccomp"]).filter(|&c| c > p) {
                end = end.max(parse.subtree(c).end);
            }
            let range = trim(parse, sub.start + 1..end);
            return if range.len() >= 2 { vec![range] } else { Vec::new() };
        }
    }
    if entry.object {
        if let Some(o) = object {
            let range = trim(parse, verb..arguments_end(parse, verb, o));
            return if range.len() >= 2 { vec![range] } else { Vec::new() };
        }
    }
    commented(parse, verb).into_iter().collect()
}

/// Where the arguments of a verb with object `o` end: the object and what qualifies what was
/// said about it ("X as historic", "X for Y", "X of Y", "X to Y"), not adjuncts of the telling.
fn arguments_end(parse: &Parse, verb: usize, o: usize) -> usize {
    let mut end = parse.subtree(o).end;
    for c in parse.children(verb).filter(|&c| c > o) {
        let argument = match parse.dep(c) {
            "oprd" | "ccomp" | "xcomp" | "dative" => true,
            "prep" => matches!(parse.lower(c), "as" | "for" | "of" | "to" | "over" | "on" | "against" | "into"),
            "advcl" => parse.tag(c) == "VBG" && parse.child_with(c, &["mark"]).is_none(),
            _ => false,
        };
        if argument {
            end = end.max(parse.subtree(c).end);
        }
    }
    end
}

/// A clausal complement, split where a coordinated statement begins ("said A, and that B": two
/// claims). A reporting verb coordinated inside it ("said A and reiterated that B") is
/// a claim of its own and is left out.
fn split_clause(parse: &Parse, lexicon: &Lexicon, clause: usize, range: Range<usize>) -> Vec<Range<usize>> {
    let mut points: Vec<(usize, bool)> = Vec::new();
    for c in parse.conjuncts(clause) {
        if !parse.is_verb(c) && parse.child_with(c, &["nsubj", "nsubjpass"]).is_none() {
            continue;
        }
        let reporting = is_reporting(parse, lexicon, c) && parse.child_with(c, &["ccomp"]).is_some_and(|x| x > c);
        // "said A, and that B"; "said he was ready to A and would B" (a modality of its own).
        let own_clause = parse.children_with(c, &["mark"]).any(|m| parse.lower(m) == "that")
            || (parse.child_with(c, &["nsubj", "nsubjpass", "expl"]).is_none()
                && parse.children_with(c, &["aux"]).any(|a| parse.tag(a) == "MD"));
        if reporting || own_clause {
            points.push((parse.subtree(c).start, reporting));
        }
    }
    // "said it killed two children, while Tehran claimed B": another speaker's claim ends it.
    for c in std::iter::once(clause).chain(parse.conjuncts(clause)) {
        for a in parse.children_with(c, &["advcl"]) {
            if parse.child_with(a, &["nsubj"]).is_some() && is_reporting(parse, lexicon, a) && a > c {
                points.push((parse.subtree(a).start, true));
            }
        }
    }
    points.sort_unstable();
    let mut out = Vec::new();
    let mut start = range.start;
    let mut skip = false;
    for (point, reporting) in points.into_iter().chain(std::iter::once((range.end, false))) {
        if point <= start {
            skip = reporting;
            continue;
        }
        let part = trim(parse, start..point.min(range.end));
        if !skip && part.len() >= 2 {
            out.push(part);
        }
        start = point;
        skip = reporting;
    }
    out
}

/// "The talks failed, he said", "“We will respond,” said X": the sentence around the
/// attribution; both sides when the quotation goes on after it.
fn commented(parse: &Parse, verb: usize) -> Option<Range<usize>> {
    let head = parse.head(verb);
    if head == verb || !matches!(parse.dep(verb), "parataxis" | "ccomp" | "advcl" | "conj") {
        return None;
    }
    // The attribution names its speaker, and is no subordinate clause ("after X announced").
    parse.child_with(verb, &["nsubj"])?;
    if parse.children_with(verb, &["mark"]).any(|m| parse.lower(m) != "as") {
        return None;
    }
    if parse.dep(verb) == "conj" && parse.child_with(verb, &["dobj"]).is_some() {
        return None;
    }
    let mine = parse.subtree(verb);
    let sentence = parse.sentence(parse.sentence_of(verb));
    let before = trim(parse, sentence.start..mine.start);
    let after = trim(parse, mine.end..sentence.end);
    let quoted_after = (mine.end..sentence.end)
        .find(|&t| !parse.is_space(t) && parse.word(t) != ",")
        .is_some_and(|t| matches!(parse.word(t), "\"" | "“" | "‘" | "«" | "``"));
    if before.len() >= 2 {
        if quoted_after && after.len() >= 3 {
            return Some(before.start..after.end);
        }
        return Some(before);
    }
    (after.len() >= 2 && mine.start <= sentence.start + 1).then_some(after)
}

/// The speaker of a reporting verb: its subject, or the subject it shares.
fn speaker_of_verb(
    parse: &Parse,
    lexicon: &Lexicon,
    cast: &mut Cast,
    verb: usize,
    recent: Option<(&[Found], &Quotes)>,
) -> Option<ActorId> {
    if let Some(x) = quoted_as_saying(parse, verb) {
        return speaker_phrase(parse, lexicon, cast, x, 0);
    }
    let mut v = verb;
    for _ in 0..8 {
        if let Some(s) = parse.child_with(v, &["nsubj", "nsubjpass", "csubj"]) {
            if parse.is_passive(v) {
                // "it was announced that": no speaker, unless named by "by".
                let agent = parse.passive_agent(v)?;
                return speaker_phrase(parse, lexicon, cast, agent, 0);
            }
            // "the EU's top diplomat Josep Borrell said", parsed with two subjects: the name;
            // never a word of the page header the parser joined to the first sentence.
            let subjects: Vec<usize> = parse.children_with(v, &["nsubj"]).filter(|&n| parse.in_article(n)).collect();
            let named = subjects
                .iter()
                .copied()
                .find(|&n| cast.at(n).is_some_and(|p| p.mention.kind == MentionKind::Name))
                .or(subjects.last().copied())
                .unwrap_or(s);
            // "Kristersson, who stated that": the relative pronoun's antecedent.
            if parse.dep(v) == "relcl" && matches!(parse.tag(named), "WP" | "WDT") {
                return speaker_phrase(parse, lexicon, cast, parse.head(v), 0);
            }
            if let Some(a) = recent.and_then(|(found, quotes)| last_speaker(parse, lexicon, cast, named, found, quotes))
            {
                return Some(a);
            }
            return speaker_phrase(parse, lexicon, cast, named, 0);
        }
        let head = parse.head(v);
        if head == v {
            // "In February Mohamud said": a name just before the verb, which the parser hung
            // from the phrase before it.
            let before = (0..v).rev().find(|&t| !parse.is_space(t))?;
            let p = cast.at(before)?;
            if p.tokens.end == before + 1 && parse.dep(before) == "pobj" && cast.kind(&p.mention.actor).is_actor() {
                return Some(p.mention.actor.clone());
            }
            return None;
        }
        match parse.dep(v) {
            "conj" if parse.is_verb(head) => {
                // "X said A and reiterated that B", parsed as coordinated inside A: X's.
                let mut root = head;
                while parse.dep(root) == "conj" && parse.head(root) != root {
                    root = parse.head(root);
                }
                let outer = parse.head(root);
                if is_reporting(parse, lexicon, v)
                    && parse.child_with(v, &["ccomp"]).is_some_and(|x| x > v)
                    && parse.dep(root) == "ccomp"
                    && outer != root
                    && is_reporting(parse, lexicon, outer)
                {
                    v = outer;
                } else {
                    v = head;
                }
            }
            "xcomp" if parse.is_verb(head) => v = head,
            // "..., saying that", "..., adding": a participle shares its clause's subject.
            "advcl" if parse.tag(v) == "VBG" && parse.child_with(v, &["mark"]).is_none() => v = head,
            // "a decree declaring that", "Kristersson, who stated that".
            "acl" | "relcl" => return speaker_phrase(parse, lexicon, cast, head, 0),
            _ => return None,
        }
    }
    None
}

/// "“...,” he added": a pronoun that reports speech after the quoted words of the last
/// speaker, with no narration between, refers to that speaker (whoever the quotation mentions).
fn last_speaker(
    parse: &Parse,
    lexicon: &Lexicon,
    cast: &Cast,
    pronoun: usize,
    found: &[Found],
    quotes: &Quotes,
) -> Option<ActorId> {
    let personal = match parse.lower(pronoun) {
        "he" | "she" => true,
        "it" | "they" => false,
        _ => return None,
    };
    let last = found.iter().rfind(|f| f.word < pronoun)?;
    // A person, or a name the recogniser could not type (ActorKind::Group).
    let kind = cast.kind(&last.speaker);
    let fits = if personal { matches!(kind, ActorKind::Person | ActorKind::Group) } else { kind.is_collective() };
    if !fits {
        return None;
    }
    // Between the last attribution's sentence and the pronoun's: quotations and attributions
    // only, no sentence of narration.
    let narration = (parse.sentence_of(last.word) + 1..parse.sentence_of(pronoun)).any(|s| {
        let quoted = parse.sentence(s).any(|t| quotes.inside(t));
        let reported = found.iter().any(|f| parse.sentence_of(f.word) == s);
        !quoted && !reported && !attributed(parse, lexicon, quotes, parse.sentence(s))
    });
    (!narration).then(|| last.speaker.clone())
}

/// "X was quoted as saying", "the agency quoted X as saying": X.
fn quoted_as_saying(parse: &Parse, verb: usize) -> Option<usize> {
    if parse.lemma(verb) != "say" {
        return None;
    }
    let as_ = parse.head(verb);
    if as_ == verb || parse.lower(as_) != "as" {
        return None;
    }
    let quote = parse.head(as_);
    if parse.lemma(quote) != "quote" {
        return None;
    }
    if parse.is_passive(quote) {
        parse.child_with(quote, &["nsubjpass"])
    } else {
        parse.child_with(quote, &["dobj"])
    }
}

/// The actor a speaker's noun phrase refers to; a statement or speech-act noun speaks for who
/// made it.
fn speaker_phrase(parse: &Parse, lexicon: &Lexicon, cast: &mut Cast, token: usize, depth: usize) -> Option<ActorId> {
    if cast.at(token).is_none() && is_document(parse, token) {
        return owner(parse, lexicon, cast, token, depth);
    }
    if is_media(parse, token) {
        return None; // "state media reported": sourcing, not a claim
    }
    // "Russia's chief negotiator, Mikhail Ulyanov, said": the person named in apposition.
    for c in parse.children_with(token, &["appos"]) {
        if let Some(p) = cast.at(c) {
            let actor = p.mention.actor.clone();
            if cast.kind(&actor) == ActorKind::Person {
                return Some(actor);
            }
        }
    }
    // "Inspector General of Police Japhet Koome", "the special envoy for Afghanistan Zamir
    // Kabulov": a title ending with its holder's name (not "the envoy of Vladimir Putin").
    if parse.is_noun(token) && cast.at(token).is_none() {
        let end = parse.subtree(token).end;
        if let Some(p) = cast.at(end - 1) {
            let actor = p.mention.actor.clone();
            // Before the name and its own titles, another noun of the title ("of Police", "for
            // Afghanistan"), not a preposition ("a spokesman for President X").
            let mut before = p.tokens.start;
            while before > token + 1 && lexicon.words.title(parse.lower(before - 1)).holder {
                before -= 1;
            }
            if cast.kind(&actor) == ActorKind::Person && before > token + 1 && parse.is_noun(before - 1) {
                return Some(actor);
            }
        }
        // "Putin's special representative": another person than the possessor.
        if parse
            .children_with(token, &["poss"])
            .any(|c| cast.at(c).is_some_and(|p| cast.kind(&p.mention.actor) == ActorKind::Person))
        {
            return None;
        }
    }
    if let Some(a) = cast.actor_of_phrase(parse, token) {
        return Some(a);
    }
    // "the Russian-led CSTO military alliance": a name modifying a common noun.
    if parse.is_noun(token) && cast.at(token).is_none() {
        for c in parse.children_with(token, &["nmod", "compound"]) {
            if let Some(p) = cast.at(c) {
                let actor = p.mention.actor.clone();
                if cast.kind(&actor).is_collective() {
                    return Some(actor);
                }
            }
        }
    }
    None
}

/// Whether a noun names news media ("state media", "the newspaper", "local television").
fn is_media(parse: &Parse, token: usize) -> bool {
    parse.is_noun(token)
        && (matches!(
            parse.lemma(token),
            "media" | "newspaper" | "broadcaster" | "outlet" | "daily" | "television" | "tv" | "newswire" | "tabloid"
        ) || (parse.lemma(token) == "agency"
            && parse.children(token).any(|c| matches!(parse.lemma(c), "news" | "press"))))
}

fn is_document(parse: &Parse, token: usize) -> bool {
    parse.is_noun(token) && parse.is(WordClass::StatementNoun, parse.lemma(token))
}

/// Who made a statement or a speech act named by a noun: its possessor or modifier ("the
/// ministry's statement", "the army statement"), "from/by X", "issued by X", the subject of the
/// verb that gives it ("X issued a statement"), else, for a statement, the maker of the last
/// statement named before.
fn owner(parse: &Parse, lexicon: &Lexicon, cast: &mut Cast, noun: usize, depth: usize) -> Option<ActorId> {
    if depth > 2 {
        return None;
    }
    if let Some(a) = cast.actor_of_phrase(parse, noun) {
        return Some(a);
    }
    // "a White House statement summary": a name among the noun's modifiers.
    for c in parse.children_with(noun, &["compound", "nmod", "poss"]) {
        for t in parse.subtree(c) {
            if let Some(p) = cast.at(t) {
                let actor = p.mention.actor.clone();
                if cast.kind(&actor).is_actor() {
                    return Some(actor);
                }
            }
        }
    }
    for p in parse.children_with(noun, &["prep"]) {
        if matches!(parse.lower(p), "from" | "by" | "of") {
            if let Some(o) = parse.child_with(p, &["pobj"]) {
                if let Some(a) = cast.actor_of_phrase(parse, o) {
                    return Some(a);
                }
            }
        }
    }
    for c in parse.children_with(noun, &["acl"]) {
        if let Some(agent) = parse.passive_agent(c) {
            if let Some(a) = cast.actor_of_phrase(parse, agent) {
                return Some(a);
            }
        }
    }
    let head = parse.head(noun);
    if head != noun && parse.is_verb(head) {
        if parse.dep(noun) == "dobj" && parse.is(WordClass::SpeechLightVerb, parse.lemma(head)) {
            return speaker_of_verb(parse, lexicon, cast, head, None);
        }
        if parse.dep(noun) == "dobj" && parse.is(WordClass::ReceivingVerb, parse.lemma(head)) {
            for o in parse.prep_objects(head, &["from"]) {
                if let Some(a) = cast.actor_of_phrase(parse, o) {
                    return Some(a);
                }
            }
            return None;
        }
    }
    // "In a statement, X said", "X announced in a statement that": the speaker's.
    if parse.dep(noun) == "pobj" && head != noun {
        let verb = parse.head(head);
        if matches!(parse.lower(head), "in" | "through" | "via") && verb != head && parse.is_verb(verb) {
            return speaker_of_verb(parse, lexicon, cast, verb, None);
        }
    }
    if is_document(parse, noun) && matches!(parse.dep(noun), "nsubj" | "nsubjpass") {
        // "The statement said": the last statement named before, within a few sentences.
        let sentence = parse.sentence_of(noun);
        let from = parse.sentence(sentence.saturating_sub(4)).start;
        for t in (from..noun).rev() {
            if is_document(parse, t) && parse.in_article(t) {
                if let Some(a) = owner(parse, lexicon, cast, t, depth + 1) {
                    return Some(a);
                }
            }
        }
    }
    None
}

/// A speech-act noun with what it says: "assurances that ...", "a pledge to ...", "its demand
/// for ...".
fn speech_noun(parse: &Parse, lexicon: &Lexicon, cast: &mut Cast, noun: usize) -> Option<Found> {
    let candidates = lexicon.words.tree_reporting.candidates(parse.lower(noun), parse.lemma(noun));
    let (_, entry) = candidates.into_iter().find(|(form, _)| form.noun && form.with.is_empty())?;
    let head = parse.head(noun);
    // The content: a "that" clause of the noun, or of the verb that gives or receives it.
    let that_clause = |t: usize| {
        parse
            .children_with(t, &["acl", "ccomp", "relcl"])
            .find(|&c| c > noun && parse.children_with(c, &["mark"]).any(|m| parse.lower(m) == "that" && m > noun))
    };
    let clause = that_clause(noun).or_else(|| {
        (parse.dep(noun) == "dobj" && head != noun && parse.is_verb(head)).then(|| that_clause(head)).flatten()
    });
    let content = if let Some(c) = clause {
        parse.subtree(c)
    } else {
        // "a pledge to withdraw", "its demand for a surrender": the noun with its complement,
        // when it is given or held by someone.
        let complement = parse.children(noun).find(|&c| {
            c > noun
                && ((parse.dep(c) == "acl" && parse.children_with(c, &["aux"]).any(|a| parse.lower(a) == "to"))
                    || (parse.dep(c) == "prep"
                        && match parse.lower(c) {
                            "for" | "about" | "over" => true,
                            "of" => matches!(entry.modality.as_str(), "promised" | "warned"),
                            "to" => entry.modality == "promised",
                            _ => false,
                        }))
        })?;
        let _ = complement;
        let has_owner = parse.children_with(noun, &["poss"]).next().is_some()
            || (parse.dep(noun) == "dobj" && parse.is(WordClass::SpeechLightVerb, parse.lemma(head)));
        if !has_owner {
            return None;
        }
        let sub = parse.subtree(noun);
        let start = (sub.start..noun).find(|&t| !matches!(parse.dep(t), "det")).unwrap_or(noun);
        start..sub.end
    };
    let content = trim(parse, content);
    if content.len() < 2 {
        return None;
    }
    let speaker = owner(parse, lexicon, cast, noun, 0)?;
    let word = if parse.is_verb(head) { head } else { noun };
    Some(Found { speaker, content, modality: entry.modality.clone(), word, date: None })
}

/// "According to X, CONTENT" and "CONTENT, according to X".
fn according_to(parse: &Parse, lexicon: &Lexicon, cast: &mut Cast, according: usize) -> Option<Found> {
    let to = parse.children(according).find(|&c| parse.lower(c) == "to")?;
    let source = parse.child_with(to, &["pobj"])?;
    let speaker = speaker_phrase(parse, lexicon, cast, source, 0)?;
    let phrase = parse.subtree(according);
    let sentence = parse.sentence(parse.sentence_of(according));
    let before = trim(parse, sentence.start..phrase.start);
    let after = trim(parse, phrase.end..sentence.end);
    let content = if after.is_empty() {
        before
    } else if before.is_empty() {
        after
    } else {
        let head = parse.head(according);
        if head == according {
            return None;
        }
        let whole = parse.subtree(head);
        let content = if phrase.start > whole.start { whole.start..phrase.start } else { phrase.end..whole.end };
        trim(parse, content)
    };
    (content.len() >= 2).then_some(Found { speaker, content, modality: "asserted".into(), word: according, date: None })
}

/// A content kept within the paragraph of its reporting word and within the article.
fn clip(parse: &Parse, range: Range<usize>, word: usize) -> Range<usize> {
    let breaks = |t: usize| !parse.in_article(t) || (parse.is_space(t) && parse.word(t).contains('\n'));
    let mut start = range.start;
    let mut end = range.end;
    if start < word {
        if let Some(b) = (start..word).rev().find(|&t| breaks(t)) {
            start = b + 1;
        }
    }
    if word < end {
        if let Some(b) = (word.max(start)..end).find(|&t| breaks(t)) {
            end = b;
        }
    }
    trim(parse, start..end.max(start))
}

/// Drops punctuation, quotation marks, a leading "that" and a trailing conjunction from the
/// ends of a content span.
fn trim(parse: &Parse, mut range: Range<usize>) -> Range<usize> {
    let skip = |t: usize| {
        let w = parse.word(t);
        QUOTES.contains(&w) || parse.is_space(t) || matches!(w, "," | "." | ";" | ":" | "-" | "—" | "–")
    };
    while range.start < range.end && (skip(range.start) || parse.lower(range.start) == "that") {
        range.start += 1;
    }
    while range.start < range.end && (skip(range.end - 1) || parse.dep(range.end - 1) == "cc") {
        range.end -= 1;
    }
    range
}

/// Quotations of a document: the tokens between opening and closing quotation marks, within a
/// paragraph; a quotation left open at the end of a paragraph continues in the next one when
/// that one opens with a quotation mark (the English convention for quotes over paragraphs).
struct Quotes {
    regions: Vec<Quote>,
}

#[derive(Debug, Clone)]
struct Quote {
    /// The quoted tokens, marks excluded.
    inner: Range<usize>,
    /// The opening mark.
    open: usize,
    /// The quotation this one continues (in the paragraph before).
    continues: Option<usize>,
}

impl Quotes {
    fn new(parse: &Parse) -> Quotes {
        let mut regions: Vec<Quote> = Vec::new();
        let mut open: Option<usize> = None;
        let mut single: Option<usize> = None;
        // A quotation left open at the end of the previous paragraph, and whether the current
        // paragraph has had a word yet.
        let mut pending: Option<usize> = None;
        let mut paragraph_start = true;
        let mut continues: Option<usize> = None;
        for t in 0..parse.len() {
            if parse.is_space(t) {
                if parse.word(t).contains('\n') {
                    pending = None;
                    if let Some(o) = open.take() {
                        regions.push(Quote { inner: o + 1..t, open: o, continues: continues.take() });
                        pending = Some(regions.len() - 1);
                    }
                    single = None;
                    paragraph_start = true;
                }
                continue;
            }
            let first = paragraph_start;
            paragraph_start = false;
            let word = parse.word(t);
            let opening = matches!(word, "“" | "«") || (matches!(word, "\"" | "``") && open.is_none());
            let closing = matches!(word, "”" | "»" | "''") || (word == "\"" && open.is_some());
            if opening {
                continues = if first { pending } else { None };
                open = Some(t);
            } else if closing {
                if let Some(o) = open.take() {
                    regions.push(Quote { inner: o + 1..t, open: o, continues: continues.take() });
                }
            } else if word == "‘" {
                single = Some(t);
            } else if word == "’" {
                if let Some(o) = single.take() {
                    if open.is_none() {
                        regions.push(Quote { inner: o + 1..t, open: o, continues: None });
                    }
                }
            }
            if !first {
                pending = None;
            }
        }
        if let Some(o) = open {
            regions.push(Quote { inner: o + 1..parse.len(), open: o, continues: continues.take() });
        }
        regions.retain(|q| !q.inner.is_empty());
        Quotes { regions }
    }

    /// A content that lies in a quotation covers the whole quotation (the sentences quoted
    /// before or after the attribution).
    fn extend(&self, parse: &Parse, content: Range<usize>, word: usize) -> Range<usize> {
        let mut out = content.clone();
        for q in &self.regions {
            if q.inner.contains(&word) {
                continue; // a speech reported inside a quotation is the quotation's part
            }
            let overlaps = q.inner.start < content.end && content.start < q.inner.end;
            let words = q.inner.clone().filter(|&t| !parse.is_space(t)).count();
            // Only quotations that stand as sentences, not a quoted word of the narration.
            if overlaps && words >= 3 && (self.starts_sentence(parse, q) || q.inner.end >= content.end) {
                let inner = trim(parse, q.inner.clone());
                out = out.start.min(inner.start)..out.end.max(inner.end);
            }
        }
        out
    }

    /// Whether a token lies in a quotation.
    fn inside(&self, t: usize) -> bool {
        self.regions.iter().any(|q| q.inner.contains(&t))
    }

    /// Whether a quotation opens its sentence.
    fn starts_sentence(&self, parse: &Parse, q: &Quote) -> bool {
        let sentence = parse.sentence(parse.sentence_of(q.open));
        // From the sentence's start, or from a line break the parser ran over.
        let start = (sentence.start..q.open)
            .rfind(|&t| parse.is_space(t) && parse.word(t).contains('\n'))
            .map_or(sentence.start, |t| t + 1);
        (start..q.open).all(|t| parse.is_space(t) || matches!(parse.word(t), "-" | "—" | "–" | ":"))
    }
}

/// Quotations with no speaker of their own: a quotation continuing one into a new paragraph,
/// or a quoted sentence right after an attributed one ("“We will respond,” he said. “This is
/// not over.”"), is the same speaker's.
fn continued_quotes(
    parse: &Parse,
    lexicon: &Lexicon,
    quotes: &Quotes,
    found: &[Found],
    published: Option<Date>,
) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    // The speaker and claim of each quotation, once known.
    let mut owner: Vec<Option<Found>> = vec![None; quotes.regions.len()];
    // Of several claims, the attribution of the narration rather than a speech quoted in it.
    let outermost = |f: &&Found| (!quotes.inside(f.word), f.content.len());
    for (i, q) in quotes.regions.iter().enumerate() {
        let covered = found
            .iter()
            .filter(|f| f.content.start < q.inner.end && q.inner.start < f.content.end)
            .max_by_key(outermost);
        if let Some(f) = covered {
            owner[i] = Some(f.clone());
            continue;
        }
        if !parse.in_article(q.open) || parse.in_headline(q.open) || !quotes.starts_sentence(parse, q) {
            continue;
        }
        let words = q.inner.clone().filter(|&t| !parse.is_space(t)).count();
        if words < 4 {
            continue;
        }
        // A quotation with an attribution of its own (in its sentences, from its opening on) is
        // someone's already.
        let first = parse.sentence_of(q.open);
        let last = parse.sentence_of(q.inner.end.saturating_sub(1).max(q.inner.start));
        let end = parse.sentence(last).end;
        if found.iter().chain(out.iter()).any(|f| (q.open..end).contains(&f.word))
            || attributed(parse, lexicon, quotes, q.open..end)
        {
            continue;
        }
        let before = q.continues.and_then(|p| owner[p].clone()).or_else(|| {
            // The claim of the sentence right before (or of the quotation's own sentence, before
            // it opens), or a quotation continued there.
            let previous = first.saturating_sub(1);
            found
                .iter()
                .chain(out.iter())
                .filter(|f| f.word < q.open)
                .filter(|f| {
                    (previous..=first).contains(&parse.sentence_of(f.word))
                        || parse.sentence_of(f.content.end - 1) == previous
                })
                .max_by_key(outermost)
                .cloned()
        });
        let Some(before) = before else { continue };
        let content = trim(parse, q.inner.clone());
        if content.len() < 3 {
            continue;
        }
        let date = before.date.or_else(|| claim_date(parse, before.word, &before.content, published));
        let claim = Found { content, word: q.open, date, ..before };
        owner[i] = Some(claim.clone());
        out.push(claim);
    }
    out
}

/// Whether tokens attribute speech outside quotation marks (a reporting verb with its subject,
/// "according to"), whoever the speaker.
fn attributed(parse: &Parse, lexicon: &Lexicon, quotes: &Quotes, tokens: Range<usize>) -> bool {
    tokens.into_iter().any(|t| {
        !quotes.inside(t)
            && ((parse.is_verb(t)
                && parse.child_with(t, &["nsubj", "nsubjpass"]).is_some()
                && is_reporting(parse, lexicon, t))
                || parse.lower(t) == "according")
    })
}

fn make_claim(
    parse: &Parse,
    lexicon: &Lexicon,
    cast: &mut Cast,
    events: &[Event],
    found: Found,
    published: Option<Date>,
) -> Option<Claim> {
    let Found { speaker, content, modality, word, date } = found;
    let kind = cast.kind(&speaker);
    if !kind.is_actor() || kind == ActorKind::MediaOrganization {
        return None;
    }
    let bytes = parse.bytes(content.clone());
    // Polarity: a denial, or the content's main verb negated.
    let main = (!content.is_empty()).then(|| phrase_head(parse, &content));
    let negated = main.is_some_and(|m| parse.is_negated(m));
    let polarity = if negated || modality == "denied" { Polarity::Negative } else { Polarity::Positive };
    // "X said Y will ..." is an undertaking.
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
    let date = date.or_else(|| claim_date(parse, word, &content, published));
    let side = ActorId(lexicon.gazetteer.side_of(&speaker.0));
    let evidence = parse.bytes(parse.sentence(parse.sentence_of(word)));
    Some(Claim { claimant: speaker, side, about, content: bytes, date, polarity, modality, evidence, relation })
}

/// When it was said: a time expression attached to the reporting word ("said on Thursday"), or
/// to the verb it is coordinated with or depends on.
fn claim_date(parse: &Parse, word: usize, content: &Range<usize>, published: Option<Date>) -> Option<TimeValue> {
    let mut v = word;
    for _ in 0..4 {
        for c in parse.children(v) {
            if !matches!(parse.dep(c), "npadvmod" | "prep" | "advmod" | "tmod") {
                continue;
            }
            let sub = parse.subtree(c);
            // Not a date of what was said ("announced in a statement that X would start on May 5").
            if sub.start < content.end && content.start < sub.end {
                continue;
            }
            if sub.clone().all(|t| parse.in_article(t) || parse.is_space(t))
                && sub.clone().any(|t| parse.doc.token(t).ent_label() == Some("DATE"))
            {
                let text = parse.span_text(sub);
                if let Some(found) = find_times(text, published, Tense::Past).into_iter().next() {
                    return Some(found.value);
                }
            }
        }
        let head = parse.head(v);
        if head == v || !matches!(parse.dep(v), "conj" | "advcl" | "xcomp" | "dobj" | "pobj" | "prep") {
            return None;
        }
        v = head;
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::corpus::Document;
    use crate::extract::extract_document;
    use crate::lexicon::Lexicon;

    /// (speaker label, modality, polarity, content) of the claims of a text.
    fn claims(text: &str) -> Vec<(String, String, String, String)> {
        let lexicon = Lexicon::builtin().unwrap();
        // A first paragraph of narration: the parser joins the header line to the first one.
        let text = format!("date 2023-03-09\n\nThe day began quietly.\n\n{text}\n");
        let document = Document::from_text("t.txt", text, Default::default(), &lexicon.boilerplate);
        let findings = extract_document(&document, &lexicon);
        findings
            .claims
            .iter()
            .map(|c| {
                (
                    findings.actor(&c.claimant).label.clone(),
                    c.modality.clone(),
                    c.polarity.as_str().to_string(),
                    document.text[c.content.clone()].to_string(),
                )
            })
            .collect()
    }

    fn said<'a>(found: &'a [(String, String, String, String)], content: &str) -> Option<&'a str> {
        found.iter().find(|c| c.3 == content).map(|c| c.0.as_str())
    }

    #[test]
    fn coordinated_statements_are_separate_claims() {
        let found = claims(
            "Emmanuel Macron said the talks had failed, and that France would recall its ambassador from Algeria.",
        );
        assert_eq!(said(&found, "the talks had failed"), Some("Emmanuel Macron"), "{found:?}");
        assert_eq!(said(&found, "France would recall its ambassador from Algeria"), Some("Emmanuel Macron"));
    }

    #[test]
    fn speech_acts_with_a_nominal_object() {
        let found = claims("Iran denied any involvement in the attack. Kenya condemned the killing of the protesters.");
        let denial = found.iter().find(|c| c.3 == "denied any involvement in the attack").expect("denial");
        assert_eq!((denial.0.as_str(), denial.1.as_str(), denial.2.as_str()), ("Iran", "denied", "negative"));
        assert_eq!(said(&found, "condemned the killing of the protesters"), Some("Kenya"), "{found:?}");
    }

    #[test]
    fn a_verb_with_an_object_comments_no_clause_before_it() {
        let found = claims(
            "In response to concerns the unrest could spread, Tajikistan announced plans to reinforce its border.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].3, "announced plans to reinforce its border");
    }

    #[test]
    fn speech_act_nouns_speak_for_who_gives_them() {
        let found = claims("The Taliban gave assurances that their fighters would not cross the border.");
        let claim = found.iter().find(|c| c.3 == "their fighters would not cross the border").expect("claim");
        assert_eq!((claim.0.as_str(), claim.1.as_str()), ("Taliban", "promised"));
    }

    #[test]
    fn quotations_over_sentences_and_paragraphs_keep_their_speaker() {
        let found = claims(
            "“We will not give up. Our soldiers are ready,” Vladimir Putin said.\n\n“The West has made its choice.”",
        );
        assert_eq!(said(&found, "We will not give up. Our soldiers are ready"), Some("Vladimir Putin"), "{found:?}");
        assert_eq!(said(&found, "The West has made its choice"), Some("Vladimir Putin"));
    }

    #[test]
    fn inverted_attributions_name_the_speaker_after_the_verb() {
        let found = claims("Russia will host the talks in October, confirmed Sergei Lavrov.");
        assert_eq!(said(&found, "Russia will host the talks in October"), Some("Sergei Lavrov"), "{found:?}");
    }

    #[test]
    fn a_reporting_pronoun_after_quoted_words_is_the_last_speaker() {
        let found = claims(
            "According to Serbian President Aleksandar Vucic, the attack happened because Albin Kurti refused to talk.\n\n\
             “Serbia will never give up,” he said.",
        );
        assert_eq!(said(&found, "Serbia will never give up"), Some("Aleksandar Vucic"), "{found:?}");
    }

    #[test]
    fn named_holders_of_titles_speak() {
        let found = claims(
            "Russia's chief negotiator, Mikhail Ulyanov, said the talks would resume. \
             Inspector General of Police Japhet Koome stated that the officers had arrived in Haiti. \
             State media reported that the president had resigned.",
        );
        assert_eq!(said(&found, "the talks would resume"), Some("Mikhail Ulyanov"), "{found:?}");
        assert_eq!(said(&found, "the officers had arrived in Haiti"), Some("Japhet Koome"));
        assert_eq!(said(&found, "the president had resigned"), None);
    }

    #[test]
    fn titles_name_their_holder_not_the_person_they_serve() {
        let found = claims(
            "A spokesman for President Joe Biden said the talks would resume. \
             The Kremlin's special envoy for Afghanistan Zamir Kabulov said Russia would host the talks. \
             Putin's special representative said the Taliban were invited.",
        );
        assert_eq!(said(&found, "Russia would host the talks"), Some("Zamir Kabulov"), "{found:?}");
        // The spokesman speaks (a described source), never the president he serves.
        assert_ne!(said(&found, "the talks would resume"), Some("Joe Biden"));
        assert_ne!(said(&found, "the Taliban were invited"), Some("Vladimir Putin"));
    }

    #[test]
    fn another_speaker_ends_a_statement() {
        let found = claims("Pakistan said the strike killed two children, while Iran claimed it hit militant bases.");
        assert_eq!(said(&found, "the strike killed two children"), Some("Pakistan"), "{found:?}");
        assert_eq!(said(&found, "it hit militant bases"), Some("Iran"));
    }
}
