//! Events: PLOVER triggers of `ontology/events.tsv` found on the dependency parse, with their
//! arguments read from the trigger's frame.
//!
//! - A verb trigger's agent is its subject (the subject it shares with a verb it is coordinated
//!   with or that controls it: "X agreed to hold talks"), or the `by` agent of a passive, whose
//!   subject is then the target; its targets are its object, the object of the form's
//!   preposition ("met with X", "imposed sanctions on X"), else of "with", "against", "on" or
//!   "into". Agent-after forms read the other way ("fell to X", "received assurances from X").
//! - A noun trigger ("talks", "strikes", "ultimatum") takes its agent from a possessor or a
//!   modifier ("Iran's strikes", "the US-UK strikes"), a `by` phrase, "between X and Y", or the
//!   subject of the verb it is the object of ("X held talks with Y", "X launched strikes on Y").
//! - Coordination spreads agents and targets; a pronoun agent is resolved ("Azerbaijan said it
//!   had captured ..." is Azerbaijan's act).
//! - Status: negated ("did not attack", "no talks"), planned (will, plans to, is to, a date after
//!   publication); a conditional ("if X attacks") or a question states no event.
//! - Date: a time expression of the trigger's own clause, resolved against the publication
//!   date, in the tense of the clause; none after publication unless the event is planned.
//!
//! An event needs an agent: acts with no agent in the text are not events.

use std::ops::Range;

use dossier_nlp::Pos;
use jiff::civil::Date;

use super::mentions::Cast;
use super::syntax::Parse;
use super::{ActorId, Event, Status};
use crate::lexicon::frames::{word_fits, TreeForm};
use crate::lexicon::gazetteer::ActorKind;
use crate::lexicon::words::{Frame, Trigger};
use crate::lexicon::Lexicon;
use crate::lexicon::WordClass;
use crate::plover::EventType;
use crate::time::{find_times, Precision, Tense, TimeValue};

/// Default prepositions introducing an event's other party when the form names none.
const TARGET_PREPS: &[&str] = &["with", "against", "on", "into", "upon"];

/// Prepositions of an act's object noun that introduce the other party ("its ambassador to X",
/// "its troops from X", "talks with X").
const NOUN_TARGET_PREPS: &[&str] = &["with", "against", "on", "into", "upon", "to", "from"];

/// Cooperative acts: said not to be done, they are refusals.
const COOPERATIVE: &[EventType] =
    &[EventType::Agree, EventType::Consult, EventType::Support, EventType::Cooperate, EventType::Aid];

/// Acts done together: with several agents and no target, the first named is the agent and the
/// others the targets ("Iran and Saudi Arabia agreed to ...").
const SYMMETRIC: &[EventType] = &[EventType::Agree, EventType::Consult, EventType::Cooperate];

/// Finds the events of a document.
pub(crate) fn find_events(parse: &Parse, lexicon: &Lexicon, cast: &mut Cast, published: Option<Date>) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    // Undated, the report still tells its week: days of the week are read around the latest full
    // date it gives ("a photo taken Jan. 16, 2024": "on Wednesday" is Jan. 17). Read once.
    let report = Report { published, week: if published.is_none() { story_week(parse) } else { None } };
    // The trigger token of each event.
    let mut heads = Vec::new();
    for t in 0..parse.len() {
        if !parse.in_article(t) || !matches!(parse.pos(t), Pos::Verb | Pos::Noun | Pos::Propn | Pos::Aux) {
            continue;
        }
        // Curated triggers first; the open-data ones only where none fits.
        let words = &lexicon.words;
        // A curated word with needed words ("host" talks, "send" troops) is an event only with
        // them: the open data does not take it back without.
        let constrained =
            words.tree_triggers.candidates(parse.lower(t), parse.lemma(t)).iter().any(|(form, trigger)| {
                !trigger.needs.is_empty() && form.with.is_empty() && form.noun != parse.is_verb(t)
            });
        let sources = if constrained {
            vec![(&words.tree_triggers, false)]
        } else {
            vec![(&words.tree_triggers, false), (&words.open_triggers, true)]
        };
        let found = sources.into_iter().find_map(|(triggers, open)| {
            let candidates = triggers.candidates(parse.lower(t), parse.lemma(t));
            let fitting: Vec<_> =
                candidates.into_iter().filter(|(form, trigger)| fits(parse, t, form, trigger)).collect();
            // A noun form whose preposition is there wins over one whose preposition is not
            // ("war on X" over "war between").
            let with_prep = fitting.iter().find(|(form, _)| form.prep.is_none() || prep_present(parse, t, form));
            with_prep.or(fitting.first()).map(|c| (*c, open))
        });
        let Some(((form, trigger), open)) = found else {
            continue;
        };
        if let Some(event) = read_event(parse, cast, t, form, trigger, report) {
            // Open-data triggers (CAMEO verb patterns) were made for a coder that codes an act
            // only between two actors: without a target they state no event.
            if open && event.targets.is_empty() {
                continue;
            }
            // A bare open verb of a verbal or diplomatic kind ("seek", "hear", "summon") names
            // that kind only in some of its senses ("seeks an independent state", "the court
            // hears arguments"): only a curated frame or a pattern with its object is trusted.
            // Bare verbs of material acts ("target", "shell") keep their sense.
            if open && form.with.is_empty() && form.prep.is_none() && !event.event_type.is_material() {
                continue;
            }
            // The content of an act already found ("agreed to resume diplomatic relations",
            // "decided to halt the attacks") is part of that act when only an open pattern names
            // it.
            if open && parse.dep(t) == "xcomp" && heads.contains(&parse.head(t)) {
                continue;
            }
            // What a request asks someone to do ("urged Peru to withdraw", "invited Peru to
            // negotiate") is asked for, not done.
            if parse.dep(t) == "xcomp"
                && parse.children_with(parse.head(t), &["dobj"]).next().is_some()
                && heads
                    .iter()
                    .zip(events.iter())
                    .any(|(&h, e)| h == parse.head(t) && e.event_type == EventType::Request)
            {
                continue;
            }
            events.push(event);
            heads.push(t);
        }
    }
    judged_acts(parse, lexicon, &mut events, &heads);
    judged_owners(parse, cast, &mut events, &heads);
    conjoined_targets(parse, &mut events, &heads);
    events
}

/// A second act of the same kind, conjoined to the first and sharing its subject, is aimed at
/// the same party when it names none ("expelled Peru's ambassador and closed two consulates").
fn conjoined_targets(parse: &Parse, events: &mut [Event], heads: &[usize]) {
    for i in 0..events.len() {
        let h = heads[i];
        if !events[i].targets.is_empty() || !parse.is_verb(h) || parse.dep(h) != "conj" {
            continue;
        }
        if parse.children_with(h, &["nsubj", "nsubjpass"]).next().is_some() {
            continue; // a subject of its own: another clause
        }
        let Some(j) = heads.iter().position(|&g| g == parse.head(h)) else {
            continue;
        };
        if events[j].event_type == events[i].event_type
            && events[j].agents == events[i].agents
            && !events[j].targets.is_empty()
        {
            events[i].targets = events[j].targets.clone();
        }
    }
}

/// Acts judged, rejected or answered ("condemned the attack", "rejected the accusations",
/// "welcomed the deal") are aimed at whoever did the judged act: a nominal act of the same
/// phrase, else the latest act of that kind told before ("Iran launched strikes ... Pakistan
/// denounced the attack").
fn judged_acts(parse: &Parse, lexicon: &Lexicon, events: &mut [Event], heads: &[usize]) {
    const JUDGING: &[EventType] =
        &[EventType::Accuse, EventType::Reject, EventType::Support, EventType::Protest, EventType::Concede];
    for i in 0..events.len() {
        if !events[i].targets.is_empty() || !JUDGING.contains(&events[i].event_type) || !parse.is_verb(heads[i]) {
            continue;
        }
        for o in parse.children_with(heads[i], &["dobj", "nsubjpass"]).collect::<Vec<_>>() {
            if !parse.is_noun(o) {
                continue;
            }
            let judged = match heads.iter().position(|&h| h == o) {
                Some(j) => Some(j),
                None => {
                    let definite = parse
                        .children_with(o, &["det"])
                        .any(|d| matches!(parse.lower(d), "the" | "this" | "that" | "these" | "those"));
                    let kind = lexicon
                        .words
                        .tree_triggers
                        .candidates(parse.lower(o), parse.lemma(o))
                        .into_iter()
                        .find(|(form, _)| form.noun)
                        .map(|(_, trigger)| trigger.event_type);
                    match kind {
                        Some(kind) if definite => (0..events.len()).rev().find(|&j| {
                            j != i && heads[j] < o && events[j].event_type == kind && !events[j].agents.is_empty()
                        }),
                        _ => None,
                    }
                }
            };
            if let Some(j) = judged {
                let targets: Vec<ActorId> =
                    events[j].agents.iter().filter(|a| !events[i].agents.contains(a)).cloned().collect();
                if !targets.is_empty() {
                    events[i].targets = targets;
                    break;
                }
            }
        }
    }
}

/// A judged or demanded thing that is no act of the text is aimed at whoever owns it: its
/// possessor or the state of its adjective ("welcomed the Turkish parliamentary vote",
/// "criticised Ghana's decision", "demanding her resignation").
fn judged_owners(parse: &Parse, cast: &mut Cast, events: &mut [Event], heads: &[usize]) {
    const JUDGING: &[EventType] = &[EventType::Accuse, EventType::Reject, EventType::Support, EventType::Request];
    for i in 0..events.len() {
        if !events[i].targets.is_empty() || !JUDGING.contains(&events[i].event_type) || !parse.is_verb(heads[i]) {
            continue;
        }
        for o in parse.children_with(heads[i], &["dobj", "nsubjpass"]).collect::<Vec<_>>() {
            if !parse.is_noun(o) || heads.contains(&o) || !cast.actors_of(parse, o).is_empty() {
                continue;
            }
            let mut owners: Vec<ActorId> = Vec::new();
            // The object's possessor, or that of a noun joined to it ("Ukraine's independence
            // and territorial integrity").
            let nouns: Vec<usize> = std::iter::once(o).chain(parse.children_with(o, &["nmod", "conj"])).collect();
            for n in nouns {
                for c in parse.children_with(n, &["poss"]).collect::<Vec<_>>() {
                    owners.extend(cast.actors_of(parse, c));
                }
            }
            if owners.is_empty() {
                owners.extend(demonym_of(parse, cast, o));
            }
            owners.retain(|a| !events[i].agents.contains(a));
            if !owners.is_empty() {
                events[i].targets = owners;
                break;
            }
        }
    }
}

/// Whether a form's preposition hangs below the head, or for a noun below the verb that
/// governs it ("carried out strikes in Iraq, likely against militants").
fn prep_present(parse: &Parse, head: usize, form: &TreeForm) -> bool {
    form.prep.as_deref().is_some_and(|prep| {
        phrase_words(parse, head).iter().any(|&w| parse.lower(w) == prep && parse.pos(w) == Pos::Adp)
            || (form.noun && governing_verb(parse, head).is_some_and(|v| !parse.prep_objects(v, &[prep]).is_empty()))
    })
}

/// Whether the token can head this form: a verb for verb forms, a noun for noun forms, with
/// the form's other words below it and one of its needed words near.
fn fits(parse: &Parse, head: usize, form: &TreeForm, trigger: &Trigger) -> bool {
    let is_verb = parse.is_verb(head);
    if form.noun == is_verb || (!form.noun && parse.pos(head) == Pos::Aux) {
        return false;
    }
    // A press or news conference is where things are said, not a meeting of parties (unless
    // held jointly).
    if form.noun && trigger.event_type == EventType::Consult {
        let modifiers: Vec<&str> = parse.children_with(head, &["compound", "amod"]).map(|c| parse.lemma(c)).collect();
        if modifiers.iter().any(|m| matches!(*m, "press" | "news" | "media")) && !modifiers.contains(&"joint") {
            return false;
        }
    }
    // A verb used as a modifier ("the attacked convoy") or inside a name is no act.
    if parse
        .doc
        .token(head)
        .ent_label()
        .is_some_and(|l| matches!(l, "ORG" | "PERSON" | "GPE" | "FAC" | "LOC" | "WORK_OF_ART" | "LAW" | "EVENT"))
    {
        return false;
    }
    // "sent troops fleeing": a cause, not a deployment.
    if is_verb && parse.lemma(head) == "send" && parse.children(head).any(|c| parse.tag(c) == "VBG") {
        return false;
    }
    // "seized on the talks", "pounced upon the remark": making use of something, no capture.
    if is_verb && trigger.event_type == EventType::Assault && form.prep.is_none() && form.with.is_empty() {
        let on = parse.children_with(head, &["prep"]).any(|p| matches!(parse.lower(p), "on" | "upon"));
        if on && parse.children_with(head, &["dobj"]).next().is_none() {
            return false;
        }
    }
    let below = phrase_words(parse, head);
    for word in &form.with {
        if !below.iter().any(|&w| word_fits(word, parse.lower(w), parse.lemma(w))) {
            return false;
        }
    }
    if let Some(prep) = &form.prep {
        // The preposition must be there, unless a noun form's argument is elsewhere
        // ("the talks, which were held with ...": keep it strict for verbs only).
        let has = below.iter().any(|&w| parse.lower(w) == prep.as_str() && parse.pos(w) == Pos::Adp);
        // A noun whose agent follows the preposition needs it ("the fall of Kabul to X", not
        // "free fall").
        if !has && (!form.noun || trigger.frame == Frame::AgentAfter) {
            return false;
        }
    }
    if !trigger.needs.is_empty() {
        let near = parse.subtree(head);
        if !near.clone().any(|w| trigger.needs.iter().any(|n| word_fits(n, parse.lower(w), parse.lemma(w)))) {
            return false;
        }
    }
    true
}

/// The words of a head's own phrase: its children and their objects and modifiers, not the
/// words of embedded clauses.
fn phrase_words(parse: &Parse, head: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for c in parse.children(head) {
        if matches!(parse.dep(c), "ccomp" | "advcl" | "conj" | "relcl" | "parataxis" | "csubj" | "nsubj" | "nsubjpass")
        {
            continue;
        }
        out.push(c);
        for g in parse.children(c) {
            // What something is called ("calling it a reason for hope") is a name, not a
            // preposition of the act.
            if parse.dep(c) == "oprd" && parse.dep(g) == "prep" {
                continue;
            }
            if matches!(parse.dep(g), "pobj" | "compound" | "amod" | "det" | "prep" | "dobj" | "prt" | "pcomp") {
                out.push(g);
                for gg in parse.children_with(g, &["pobj", "compound", "amod"]) {
                    out.push(gg);
                }
            }
        }
    }
    out
}

fn read_event(
    parse: &Parse,
    cast: &mut Cast,
    head: usize,
    form: &TreeForm,
    trigger: &Trigger,
    report: Report,
) -> Option<Event> {
    let published = report.published;
    if conditional_or_question(parse, head) {
        return None;
    }
    let (mut agents, mut targets, clause_verb) = if form.noun {
        noun_arguments(parse, cast, head, form, trigger.event_type)
    } else {
        verb_arguments(parse, cast, head, form, trigger.frame)
    };
    agents.retain(|a| cast.kind(a).is_actor() && cast.kind(a) != ActorKind::MediaOrganization);
    agents.dedup();
    targets.retain(|t| !agents.contains(t) && cast.kind(t) != ActorKind::MediaOrganization);
    targets.dedup();
    if agents.is_empty() {
        return None;
    }
    // "X can start negotiations", "a measure that lets authorities suspend rights": an act said
    // to be possible or permitted is not stated as done.
    if merely_possible(parse, clause_verb.unwrap_or(head)) || requested(parse, head, clause_verb) {
        return None;
    }
    // Forces sent are what is mobilized, not whom against: "sent 1,000 soldiers to Mozambique to
    // fight the militants" is aimed at the militants.
    if trigger.event_type == EventType::Mobilize && !form.noun {
        let sent: Vec<ActorId> = parse
            .children_with(head, &["dobj"])
            .filter(|&o| parse.is(WordClass::ForceNoun, parse.lemma(o)))
            .flat_map(|o| cast.actors_of(parse, o))
            .collect();
        targets.retain(|t| !sent.contains(t));
        // "bolstered its hardware at its military base": the base reinforced.
        let mut at: Vec<usize> = parse.prep_objects(head, &["at"]);
        for o in parse.children_with(head, &["dobj"]).collect::<Vec<_>>() {
            at.extend(parse.prep_objects(o, &["at"]));
        }
        for o in at {
            let bases = cast.actors_of(parse, o);
            targets.extend(bases.into_iter().filter(|b| cast.kind(b) == ActorKind::MilitaryUnit));
        }
        for purpose in parse.children_with(head, &["advcl", "xcomp"]).collect::<Vec<_>>() {
            if parse.is(WordClass::HostilePurpose, parse.lemma(purpose)) {
                for o in parse.children_with(purpose, &["dobj"]).collect::<Vec<_>>() {
                    targets.extend(cast.actors_of(parse, o).into_iter().filter(|t| !agents.contains(t)));
                }
            }
        }
    }
    // A show of force around a state is aimed at it: "drills in six locations surrounding
    // Taiwan", "exercises off the coast of X", "troops massed near X".
    if trigger.event_type == EventType::Mobilize && targets.is_empty() {
        let scope = parse.subtree(clause_verb.unwrap_or(head));
        let around: Vec<usize> = scope
            .clone()
            .filter(|&t| {
                parse.is(WordClass::AroundWord, parse.lemma(t)) && parse.sentence_of(t) == parse.sentence_of(head)
            })
            .flat_map(|t| parse.children_with(t, &["pobj", "dobj"]).collect::<Vec<_>>())
            .collect();
        for o in around {
            let found = cast.actors_of(parse, o);
            targets.extend(found.into_iter().filter(|t| !agents.contains(t) && cast.kind(t).is_actor()));
        }
        targets.dedup();
    }
    let symmetric = SYMMETRIC.contains(&trigger.event_type) || trigger.mode.as_deref() == Some("ceasefire");
    if targets.is_empty() && agents.len() > 1 && symmetric {
        targets = agents.split_off(1);
    }
    let place = place_of(parse, cast, head, clause_verb, trigger.event_type);
    let status = status_of(parse, head, clause_verb);
    let tense = if status == Status::Planned { Tense::Future } else { Tense::Past };
    let mut date = date_of(parse, head, clause_verb, report, tense);
    let mut status = status;
    // An act told in the present ("X is traveling to Y", "X sends troops") is the day's news.
    if date.is_none() && status == Status::Occurred && !form.noun && present_tense(parse, head) {
        date = published.map(|d| TimeValue { date: d, precision: Precision::Day });
    }
    if let (Some(d), Some(p)) = (&date, published) {
        if d.date > p && status == Status::Occurred {
            // A date after publication: the act is announced, not done.
            if planned_wording(parse, clause_verb.unwrap_or(head)) || scheduled(parse, head) {
                status = Status::Planned;
            } else {
                date = None;
            }
        }
    }
    // Crowds that storm or attack are rioting: a protest, not a military assault.
    let riot = trigger.event_type == EventType::Assault
        && !form.noun
        && parse.subject(head).is_some_and(|(s, passive)| !passive && parse.is(WordClass::CrowdNoun, parse.lemma(s)));
    // Cooperation said not to be done is refused: "will never recognize X", "is not planning to
    // negotiate with X" (PLOVER REJECT). A denied hostile act stays a negated act.
    let (event_type, mode) = if status == Status::Negated && COOPERATIVE.contains(&trigger.event_type) {
        status = Status::Occurred;
        (EventType::Reject, None)
    } else if riot {
        (EventType::Protest, Some("riot".to_string()))
    } else if invited_to_act(parse, head, form) {
        (EventType::Request, None)
    } else {
        (trigger.event_type, trigger.mode.clone())
    };
    let sentence = parse.sentence_of(head);
    let evidence = parse.bytes(parse.sentence(sentence));
    let trigger_range = trigger_span(parse, head, form);
    Some(Event {
        event_type,
        mode,
        agents,
        targets,
        place,
        date,
        status,
        evidence,
        trigger: trigger_range,
        headline: parse.in_headline(head),
    })
}

fn trigger_span(parse: &Parse, head: usize, _form: &TreeForm) -> Range<usize> {
    parse.bytes(head..head + 1)
}

/// Agents and targets of a verb trigger, and the verb whose clause dates it.
fn verb_arguments(
    parse: &Parse,
    cast: &mut Cast,
    verb: usize,
    form: &TreeForm,
    frame: Frame,
) -> (Vec<ActorId>, Vec<ActorId>, Option<usize>) {
    let mut agents = Vec::new();
    let mut targets = Vec::new();
    // A past participle modifying a noun is passive: "forces backed by Russia" (Russia backs
    // the forces).
    let passive = parse.is_passive(verb) || (parse.dep(verb) == "acl" && parse.tag(verb) == "VBN");
    let subject = parse.subject(verb);
    // The objects: direct, dative, and the preposition's.
    let mut objects: Vec<usize> = parse.children_with(verb, &["dobj", "dative", "attr", "oprd"]).collect();
    // A particle verb's object can hang from the particle's preposition ("pull out of X").
    let prep_objects = |preps: &[&str]| -> Vec<usize> {
        let mut out = parse.prep_objects(verb, preps);
        for o in parse.children_with(verb, &["dobj"]) {
            out.extend(parse.prep_objects(o, preps));
        }
        out
    };
    match frame {
        Frame::AgentAfter => {
            let preps: Vec<&str> = form.prep.as_deref().map(|p| vec![p]).unwrap_or_else(|| vec!["to", "from", "by"]);
            for o in prep_objects(&preps) {
                agents.extend(cast.actors_of(parse, o));
            }
            if let Some((s, _)) = subject {
                targets.extend(cast.actors_of(parse, s));
            }
        }
        _ => {
            if passive {
                if let Some(by) = parse.passive_agent(verb) {
                    agents.extend(cast.actors_of(parse, by));
                }
                if let Some((s, _)) = subject {
                    targets.extend(cast.actors_of(parse, s));
                }
            } else if let Some((s, _)) = subject {
                agents.extend(cast.actors_of(parse, s));
                // "X issued a decree designating ...", "X released a statement calling on ...":
                // a document acts for whoever issued it.
                if agents.is_empty()
                    && parse.dep(verb) == "acl"
                    && s == parse.head(verb)
                    && parse.is(WordClass::IssuingDocument, parse.lemma(s))
                {
                    if let Some((issuer, false)) = parse.subject(parse.head(s)).filter(|_| parse.is_verb(parse.head(s)))
                    {
                        agents.extend(cast.actors_of(parse, issuer));
                    }
                }
            }
            // "the group Israel is fighting against": a preposition without its object in a
            // relative clause has the modified noun as object.
            if parse.dep(verb) == "relcl" {
                let preps: Vec<&str> = form.prep.as_deref().map(|p| vec![p]).unwrap_or_else(|| TARGET_PREPS.to_vec());
                let stranded = parse.children_with(verb, &["prep"]).any(|p| {
                    preps.contains(&parse.lemma(p)) && parse.children_with(p, &["pobj", "pcomp"]).next().is_none()
                });
                if stranded {
                    objects.push(parse.head(verb));
                }
            }
            match &form.prep {
                Some(p) => objects.extend(prep_objects(&[p.as_str()])),
                None => {
                    if objects.iter().all(|&o| cast.actors_of(parse, o).is_empty()) {
                        objects.extend(prep_objects(TARGET_PREPS));
                    }
                }
            }
            for o in objects {
                // "a contractor that the EU accuses of ...": a relative pronoun object stands for
                // the noun the clause modifies.
                let o = if parse.dep(verb) == "relcl" && matches!(parse.lower(o), "that" | "which" | "who" | "whom") {
                    parse.head(verb)
                } else {
                    o
                };
                // The object may be the act's own noun ("held talks with X"): its preposition.
                let found = cast.actors_of(parse, o);
                if found.is_empty() && parse.is_noun(o) {
                    // "recalled its ambassador to X", "withdrew its troops from X".
                    for po in parse.prep_objects(o, NOUN_TARGET_PREPS) {
                        targets.extend(cast.actors_of(parse, po));
                    }
                    // "expelled the Russian ambassador": the state of the adjective.
                    targets.extend(demonym_of(parse, cast, o));
                    if form.prep.is_none() {
                        for po in parse.prep_objects(o, &["between"]) {
                            targets.extend(cast.actors_of(parse, po));
                        }
                    }
                } else {
                    targets.extend(found);
                }
            }
        }
    }
    (agents, targets, Some(verb))
}

/// Agents and targets of a noun trigger, and the verb whose clause dates it.
fn noun_arguments(
    parse: &Parse,
    cast: &mut Cast,
    noun: usize,
    form: &TreeForm,
    trigger_type: EventType,
) -> (Vec<ActorId>, Vec<ActorId>, Option<usize>) {
    let mut agents = Vec::new();
    let mut targets = Vec::new();
    // The verb the noun is the object (or subject) of.
    let governor = governing_verb(parse, noun);
    // "talks between X and Y": the first is the agent, the others the targets.
    let between = parse.prep_objects(noun, &["between", "among"]);
    if let Some(&first) = between.first() {
        let all = cast.actors_of(parse, first);
        if let Some((a, rest)) = all.split_first() {
            agents.push(a.clone());
            targets.extend(rest.iter().cloned());
        }
    }
    // Possessor or modifier: "Iran's strikes", "US-UK strikes", "the Russian offensive".
    for c in parse.children_with(noun, &["poss", "compound", "amod", "nmod"]) {
        if c > noun {
            continue;
        }
        // "the Syrian conflict", "the Mozambique insurgency", "the Lebanon ceasefire agreement":
        // a name or adjective before a conflict or a settlement says where, not who.
        if parse.dep(c) != "poss" && !hyphen_pair_child(parse, c) {
            let lemma = parse.lemma(noun);
            // Only a country or place is a setting: "the G20 summit" is the G20's.
            let settlement = parse.dep(c) == "compound" && parse.is(WordClass::SettlementNoun, lemma) && {
                let named = cast.actors_of(parse, c);
                named.iter().all(|a| matches!(cast.kind(a), ActorKind::Country | ActorKind::Place))
            };
            if parse.is(WordClass::ConflictNoun, lemma) || settlement {
                continue;
            }
        }
        // "the US-UK strikes", "the Israel-Hezbollah ceasefire": both names of a hyphenated
        // pair, the first before the other.
        for pair in parse.children_with(c, &["compound", "amod", "nmod"]) {
            if hyphen_between(parse, pair, c) {
                agents.extend(cast.actors_of(parse, pair));
            }
        }
        let found = cast.actors_of(parse, c);
        if found.is_empty() {
            // "the Russian invasion", "Israeli strikes": the state of the adjective.
            agents.extend(cast.demonym_actor(parse, c));
        }
        agents.extend(found);
    }
    // "strikes by X".
    for by in parse.prep_objects(noun, &["by"]) {
        agents.extend(cast.actors_of(parse, by));
    }
    // "the request submitted by X", "strikes carried out by X": a participle of making.
    for acl in parse.children_with(noun, &["acl"]) {
        if parse.is(WordClass::MakingVerb, parse.lemma(acl)) {
            if let Some(by) = parse.passive_agent(acl) {
                agents.extend(cast.actors_of(parse, by));
            }
        }
    }
    // "X held talks", "X launched strikes", "X imposed sanctions": the light verb's subject.
    if agents.is_empty() {
        if let Some(v) = governor {
            // "At the meeting, X said ...", "during talks in Geneva, X ...": who speaks or acts
            // at a meeting takes part in it.
            let at_meeting = trigger_type == EventType::Consult
                && parse.dep(noun) == "pobj"
                && matches!(parse.lemma(parse.head(noun)), "at" | "during")
                && parse.head(parse.head(noun)) == v;
            if (parse.is(WordClass::ActLightVerb, parse.lemma(v)) && object_of(parse, noun, v)) || at_meeting {
                if let Some((s, passive)) = parse.subject(v) {
                    if !passive {
                        agents.extend(cast.actors_of(parse, s));
                    }
                }
            }
        }
    }
    // "20 soldiers were killed in a clash with Chinese troops": whoever the fight was with
    // struck the ones it killed.
    if agents.is_empty() && trigger_type == EventType::Assault {
        if let Some((opponents, victims)) = casualties_of_fight(parse, cast, noun) {
            return (opponents, victims, governor);
        }
    }
    // Targets: the form's preposition, else the usual ones, on the noun or its light verb.
    let preps: Vec<&str> = match &form.prep {
        Some(p) => vec![p.as_str()],
        None => TARGET_PREPS.to_vec(),
    };
    let mut objects = parse.prep_objects(noun, &preps);
    if objects.is_empty() {
        if let Some(v) = governor {
            objects = parse.prep_objects(v, &preps);
        }
    }
    for o in objects {
        let found = cast.actors_of(parse, o);
        if found.is_empty() {
            // "a ban on Russian oil", "strikes on Iranian positions".
            targets.extend(demonym_of(parse, cast, o));
        }
        targets.extend(found);
    }
    // "accusations that blamed Indian soldiers", "strikes that killed three soldiers": the
    // object of a relative clause that tells the act.
    if targets.is_empty() && matches!(trigger_type, EventType::Accuse | EventType::Assault) {
        for r in parse.children_with(noun, &["relcl"]).collect::<Vec<_>>() {
            let relative_subject =
                parse.children_with(r, &["nsubj"]).any(|s| matches!(parse.lower(s), "that" | "which"));
            if relative_subject {
                for o in parse.children_with(r, &["dobj"]).collect::<Vec<_>>() {
                    targets.extend(cast.actors_of(parse, o).into_iter().filter(|t| !agents.contains(t)));
                }
            }
        }
    }
    (agents, targets, governor)
}

/// The two sides of a fight that casualties fell in ("soldiers were killed in a clash with
/// X", "died during fighting with X"): the opponents and the fallen, when both are named.
fn casualties_of_fight(parse: &Parse, cast: &mut Cast, noun: usize) -> Option<(Vec<ActorId>, Vec<ActorId>)> {
    if parse.dep(noun) != "pobj" {
        return None;
    }
    let prep = parse.head(noun);
    let verb = parse.head(prep);
    if !matches!(parse.lower(prep), "in" | "during")
        || verb == prep
        || !parse.is(WordClass::CasualtyVerb, parse.lemma(verb))
    {
        return None;
    }
    // "were killed" (passive) or "died": the subject is who fell.
    let (fallen, passive) = parse.subject(verb)?;
    if !passive && parse.lemma(verb) != "die" {
        return None;
    }
    let opponents: Vec<ActorId> =
        parse.prep_objects(noun, &["with"]).into_iter().flat_map(|o| cast.actors_of(parse, o)).collect();
    let victims = cast.actors_of(parse, fallen);
    (!opponents.is_empty() && !victims.is_empty()).then_some((opponents, victims))
}

/// The state of a nationality adjective modifying a noun ("the Russian ambassador": Russia).
fn demonym_of(parse: &Parse, cast: &mut Cast, noun: usize) -> Option<ActorId> {
    let adjective = parse.children_with(noun, &["amod", "compound"]).find(|&c| c < noun)?;
    cast.demonym_actor(parse, adjective)
}

/// Whether a modifier has a hyphenated partner ("Israel-Hezbollah ceasefire").
fn hyphen_pair_child(parse: &Parse, c: usize) -> bool {
    parse.children_with(c, &["compound", "amod", "nmod"]).any(|pair| hyphen_between(parse, pair, c))
}

/// Whether `a` and `b` are written as one hyphenated pair ("Israel-Hezbollah").
fn hyphen_between(parse: &Parse, a: usize, b: usize) -> bool {
    a + 2 == b
        && parse.word(a + 1) == "-"
        && parse.doc.token(a).whitespace().is_empty()
        && parse.doc.token(a + 1).whitespace().is_empty()
}

/// Whether a noun is what a verb does: its object or passive subject ("held talks", "talks were
/// held", "held a round of talks", "took part in talks", "carried out strikes and raids"), not a
/// noun of an adjunct ("launched strikes in response to the visit").
fn object_of(parse: &Parse, noun: usize, verb: usize) -> bool {
    let mut t = noun;
    for _ in 0..4 {
        while parse.dep(t) == "conj" && parse.head(t) != t {
            t = parse.head(t);
        }
        if parse.head(t) == verb {
            return matches!(parse.dep(t), "dobj" | "nsubjpass" | "attr" | "oprd");
        }
        // "a round of talks", "part in talks": the object's own preposition.
        if parse.dep(t) != "pobj" {
            return false;
        }
        let prep = parse.head(t);
        if !matches!(parse.lemma(prep), "of" | "in") || parse.head(prep) == prep {
            return false;
        }
        t = parse.head(prep);
        // "engaged in a shootout", "participated in talks": the verb's own preposition.
        if t == verb {
            return parse.lemma(prep) == "in";
        }
    }
    false
}

/// The verb a noun is an argument of ("held [talks]", "[talks] were held").
fn governing_verb(parse: &Parse, noun: usize) -> Option<usize> {
    let mut t = noun;
    for _ in 0..3 {
        let h = parse.head(t);
        if h == t {
            return None;
        }
        if parse.is_verb(h) {
            return Some(h);
        }
        if !matches!(parse.dep(t), "pobj" | "prep" | "conj" | "appos" | "compound") {
            return None;
        }
        t = h;
    }
    None
}

/// "if X attacks", "unless ...", "whether ...", a question: no event is stated.
fn conditional_or_question(parse: &Parse, head: usize) -> bool {
    let mut t = head;
    for _ in 0..6 {
        if parse.children_with(t, &["mark"]).any(|m| matches!(parse.lower(m), "if" | "unless" | "whether")) {
            return true;
        }
        let h = parse.head(t);
        if h == t || !matches!(parse.dep(t), "xcomp" | "conj" | "dobj" | "pobj" | "prep" | "advcl" | "ccomp") {
            break;
        }
        if parse.dep(t) == "ccomp" {
            break; // a reported act keeps its own status
        }
        t = h;
    }
    let sentence = parse.sentence(parse.sentence_of(head));
    sentence.clone().last().is_some_and(|last| parse.word(last) == "?")
}

/// Whether an invitation asks for an act rather than to a meeting: "invited X to negotiate the
/// terms" (a request), unlike "invited X to take part in talks" or "to the conference".
fn invited_to_act(parse: &Parse, head: usize, form: &TreeForm) -> bool {
    !form.noun
        && parse.lemma(head) == "invite"
        && parse.children_with(head, &["xcomp"]).any(|x| {
            parse.is_verb(x) && !matches!(parse.lemma(x), "take" | "attend" | "participate" | "join" | "visit")
        })
}

/// Whether the act is only asked for ("called on the Taliban not to launch offensives", "called
/// for a peace deal between the parties", "urged Peru to withdraw"): the asking is the event.
fn requested(parse: &Parse, head: usize, clause_verb: Option<usize>) -> bool {
    let asked_verb = |verb: usize| {
        let mut t = verb;
        while parse.dep(t) == "conj" && parse.head(t) != t {
            t = parse.head(t);
        }
        parse.dep(t) == "xcomp" && parse.is(WordClass::AskingVerb, parse.lemma(parse.head(t)))
    };
    if parse.is_verb(head) {
        return asked_verb(head);
    }
    // A noun asked for: "called for a deal", "demanded the release of", "urged X to launch talks".
    let Some(v) = clause_verb else { return false };
    if asked_verb(v) {
        return true;
    }
    if !parse.is(WordClass::AskingVerb, parse.lemma(v)) {
        return false;
    }
    let mut t = head;
    while parse.dep(t) == "conj" && parse.head(t) != t {
        t = parse.head(t);
    }
    match parse.dep(t) {
        "dobj" => parse.head(t) == v,
        "pobj" => parse.lower(parse.head(t)) == "for" && parse.head(parse.head(t)) == v,
        _ => false,
    }
}

/// Modals of possibility and verbs of permission.
const POSSIBILITY_MODALS: &[&str] = &["can", "could", "may", "might"];

/// Whether a verb states only that its act can happen: under a modal of possibility ("X can
/// start talks", "X could attack") or a verb of permission ("a law that allows the army to
/// deploy", "lets authorities suspend rights"). A negated possibility ("cannot") is left to the
/// negation.
fn merely_possible(parse: &Parse, verb: usize) -> bool {
    // "before the IMF can provide support": a subordinate clause of time or purpose expects it.
    if !parse.is_verb(verb) || parse.is_negated(verb) || parse.child_with(verb, &["mark"]).is_some() {
        return false;
    }
    let mut t = verb;
    for _ in 0..3 {
        if parse.auxiliaries(t).any(|a| POSSIBILITY_MODALS.contains(&a)) {
            return true;
        }
        let h = parse.head(t);
        if h == t {
            return false;
        }
        match parse.dep(t) {
            "conj" => t = h,
            "xcomp" | "ccomp" if parse.is(WordClass::PermissionVerb, parse.lemma(h)) => return true,
            // "could be used to launch attacks": the possibility of the verb it completes.
            "xcomp" => t = h,
            _ => return false,
        }
    }
    false
}

/// Whether the act is negated or planned.
fn status_of(parse: &Parse, head: usize, clause_verb: Option<usize>) -> Status {
    let verb = clause_verb.unwrap_or(head);
    if parse.is_negated(head) || parse.is_negated(verb) {
        return Status::Negated;
    }
    // Negated control verb: "refused to", "did not agree to hold talks".
    let mut t = verb;
    for _ in 0..3 {
        if parse.dep(t) != "xcomp" {
            break;
        }
        let h = parse.head(t);
        if parse.is_negated(h) {
            return Status::Negated;
        }
        t = h;
    }
    if planned_wording(parse, verb) {
        return Status::Planned;
    }
    Status::Occurred
}

/// "will meet", "is to visit", "plans to hold", "is set to sign", "is expected to attend".
fn planned_wording(parse: &Parse, verb: usize) -> bool {
    if parse.auxiliaries(verb).any(|a| matches!(a, "will" | "shall" | "'ll" | "wo")) {
        return true;
    }
    // "to" + infinitive under a planning verb or "be": "plans to", "is to", "is set to".
    let mut t = verb;
    for _ in 0..3 {
        if parse.dep(t) != "xcomp" {
            break;
        }
        let h = parse.head(t);
        if parse.is(WordClass::PlanVerb, parse.lemma(h)) || parse.lemma(h) == "be" {
            return true;
        }
        if parse.auxiliaries(h).any(|a| matches!(a, "will" | "shall")) {
            return true;
        }
        t = h;
    }
    // A noun act the governor plans: "plans for talks".
    false
}

/// The place of an act: the object of "in", "at" or "near" on the trigger or its verb that is
/// a place.
fn place_of(
    parse: &Parse,
    cast: &mut Cast,
    head: usize,
    verb: Option<usize>,
    event_type: EventType,
) -> Option<ActorId> {
    for h in std::iter::once(head).chain(verb) {
        for o in parse.prep_objects(h, &["in", "at", "near", "inside", "outside"]) {
            if let Some(p) = cast.at(o).map(|p| p.mention.actor.clone()) {
                if cast.kind(&p) == ActorKind::Place {
                    return Some(p);
                }
            }
        }
    }
    // A capital visited or travelled to for a meeting, read as its state, is also where the
    // meeting happens ("visited Moscow", "travelled to Beijing for talks").
    if event_type != EventType::Consult {
        return None;
    }
    for h in std::iter::once(head).chain(verb) {
        let mut objects: Vec<usize> = parse.children_with(h, &["dobj"]).collect();
        objects.extend(parse.prep_objects(h, &["to"]));
        for o in objects {
            if let Some(city) = cast.capital_at(o) {
                return Some(city.clone());
            }
        }
    }
    None
}

/// The date of an act: a time expression of its own clause (the trigger's phrase, or the
/// clause of the verb it depends on), not of clauses embedded in it.
fn date_of(parse: &Parse, head: usize, verb: Option<usize>, report: Report, tense: Tense) -> Option<TimeValue> {
    let Report { published, week } = report;
    let mut roots = vec![head];
    roots.extend(verb);
    let clause = verb.unwrap_or(head);
    // The act's own clause.
    if let Some(found) = clause_date(parse, &roots, published, week, tense) {
        return Some(found);
    }
    // A verb it is coordinated with ("resigned and left the country on Monday").
    let mut coordinated: Vec<usize> = parse.conjuncts(clause);
    let mut t = clause;
    while parse.dep(t) == "conj" && parse.head(t) != t {
        t = parse.head(t);
        coordinated.push(t);
        coordinated.extend(parse.conjuncts(t));
    }
    coordinated.retain(|&c| c != clause && parse.is_verb(c));
    if let Some(found) = clause_date(parse, &coordinated, published, week, tense) {
        return Some(found);
    }
    // A clause of "when" on a time is of that time ("soured in 2020 when Ankara suspended ...",
    // "on Monday, when the troops crossed ...").
    if let Some(time) = when_time(parse, t) {
        if let Some(found) = clause_date(parse, &[time], published, week, tense) {
            return Some(found);
        }
    }
    // A noun act that is the subject of its verb is dated by the verb's clause ("the ban takes
    // effect on March 15"; a date told in the simple present is a schedule, read forward).
    if parse.is_noun(head) && matches!(parse.dep(head), "nsubj" | "nsubjpass") && parse.is_verb(parse.head(head)) {
        let governor = parse.head(head);
        let tense = if scheduled(parse, head) { Tense::Future } else { tense };
        if let Some(found) = clause_date(parse, &[governor], published, week, tense) {
            return Some(found);
        }
    }
    // The clause it is said or planned in ("announced on Friday that they had agreed", "the
    // announcement last month to impose tariffs").
    // A clause of "after"/"before" is another day than its governor's: only a measured distance
    // ("a day after", "two weeks before") dates it from there.
    let mut t = clause;
    let mut shift_days: i64 = 0;
    for _ in 0..3 {
        if !matches!(parse.dep(t), "ccomp" | "xcomp" | "acl" | "advcl" | "conj" | "pcomp" | "pobj" | "prep") {
            break;
        }
        let h = parse.head(t);
        if h == t {
            break;
        }
        if let Some(sign) = relative_sign(parse, t) {
            match measured_days(parse, t).or_else(|| same_day(parse, t).then_some(0)) {
                Some(days) => shift_days += sign * days,
                None => break,
            }
        }
        t = h;
        if let Some(found) = clause_date(parse, &[t], published, week, tense) {
            if shift_days == 0 {
                return Some(found);
            }
            if found.precision != Precision::Day {
                break;
            }
            return found.date.checked_add(jiff::Span::new().days(shift_days)).ok().map(TimeValue::day);
        }
    }
    // Told in the present ("welcomes", "is traveling", "is reported to have fled"): the day of
    // the report.
    if tense == Tense::Past && (present_tense(parse, clause) || (t != clause && present_tense(parse, t))) {
        return published.map(TimeValue::day);
    }
    // Taken up by the next sentence ("... mediated indirect talks. Those talks ended in June").
    let nouns: Vec<&str> = std::iter::once(head)
        .chain(verb)
        .flat_map(|h| std::iter::once(h).chain(parse.children_with(h, &["dobj"]).collect::<Vec<_>>()))
        .filter(|&n| parse.is_noun(n))
        .map(|n| parse.lemma(n))
        .collect();
    let next = parse.sentence_of(clause) + 1;
    if nouns.is_empty() || parse.len() == 0 || next > parse.sentence_of(parse.len() - 1) {
        return None;
    }
    let taken_up = parse.sentence(next).find(|&n| {
        nouns.contains(&parse.lemma(n))
            && matches!(parse.dep(n), "nsubj" | "nsubjpass")
            && parse
                .children_with(n, &["det"])
                .any(|d| matches!(parse.lower(d), "the" | "those" | "these" | "that" | "this"))
    });
    if let Some(found) = taken_up.and_then(|n| clause_date(parse, &[parse.head(n)], published, week, tense)) {
        return Some(found);
    }
    // Named by its day a few sentences on ("... signed a declaration. ... Thursday's declaration
    // envisages ..."): a weekday owning the same act is its day.
    let last = parse.sentence_of(parse.len() - 1).min(next + 2);
    (next..=last).flat_map(|s| parse.sentence(s)).find_map(|n| {
        if !nouns.contains(&parse.lemma(n)) {
            return None;
        }
        // The parser may read the noun as a compound of the next word ("declaration envisages").
        let owned = if parse.dep(n) == "compound" { parse.head(n) } else { n };
        let day = parse.children_with(owned, &["poss"]).find(|&d| WEEKDAYS.contains(&parse.lower(d)))?;
        clause_date(parse, &[day], published, week, tense)
    })
}

/// The time a relative clause of "when" describes ("in 2020 when ...", "the day when ..." is no
/// time expression): the date token it hangs from.
fn when_time(parse: &Parse, clause: usize) -> Option<usize> {
    let time = parse.head(clause);
    let when = parse.children_with(clause, &["advmod"]).any(|m| parse.lower(m) == "when");
    let dated = matches!(parse.doc.token(time).ent_label(), Some("DATE" | "TIME"));
    (parse.dep(clause) == "relcl" && time != clause && when && dated).then_some(time)
}

/// -1 for a clause of "after" (its act is before its governor's), 1 for one of "before".
fn relative_sign(parse: &Parse, clause: usize) -> Option<i64> {
    let marker = parse
        .children_with(clause, &["mark"])
        .map(|m| parse.lower(m))
        .chain((parse.dep(clause) == "pcomp").then(|| parse.lower(parse.head(clause))));
    for word in marker {
        match word {
            "after" => return Some(-1),
            "before" => return Some(1),
            _ => {}
        }
    }
    None
}

/// Whether a clause says it is of its governor's day ("earlier in the day", "later that day",
/// "the same day").
fn same_day(parse: &Parse, clause: usize) -> bool {
    parse.subtree(clause).any(|t| {
        parse.lemma(t) == "day"
            && parse
                .children(t)
                .any(|c| matches!((parse.dep(c), parse.lower(c)), ("det", "the" | "that") | ("amod", "same")))
    })
}

/// The days of a measure on a clause ("a day after", "two weeks before", "48 hours after").
fn measured_days(parse: &Parse, clause: usize) -> Option<i64> {
    let measure = parse.children_with(clause, &["npadvmod"]).next().or_else(|| {
        // "a day after Iran launched ...": the measure may hang from the marker.
        let head = parse.head(clause);
        (parse.dep(clause) == "pcomp").then(|| parse.children_with(head, &["npadvmod"]).next()).flatten()
    })?;
    let unit = match parse.lemma(measure) {
        "day" => 1,
        "week" => 7,
        _ => return None,
    };
    let count =
        parse.children(measure).find(|&c| matches!(parse.dep(c), "det" | "nummod")).map_or(Some(1), |c| match parse
            .lower(c)
        {
            "a" | "an" | "one" => Some(1),
            "two" => Some(2),
            "three" => Some(3),
            "four" => Some(4),
            "five" => Some(5),
            "six" => Some(6),
            "seven" => Some(7),
            w => w.parse::<i64>().ok(),
        })?;
    Some(unit * count)
}

/// When a report was published, and for an undated one the week its days of the week fall in.
#[derive(Debug, Clone, Copy)]
struct Report {
    published: Option<Date>,
    week: Option<Date>,
}

/// For an undated report, the anchor for days of the week: three days after the latest full date
/// (with its year) that the article gives, so that a weekday resolves to the nearest such day
/// around that date (the report's days lie around the dates it gives, before or after).
fn story_week(parse: &Parse) -> Option<Date> {
    let mut latest: Option<Date> = None;
    for e in parse.doc.entities().filter(|e| e.label() == "DATE") {
        let r = e.token_range();
        if !r.clone().all(|t| parse.in_article(t)) {
            continue;
        }
        let text = &parse.text[parse.bytes(r)];
        for found in find_times(text, None, Tense::Past) {
            if found.value.precision == Precision::Day && latest.is_none_or(|l| found.value.date > l) {
                latest = Some(found.value.date);
            }
        }
    }
    latest.and_then(|d| d.checked_add(jiff::Span::new().days(3)).ok())
}

/// Whether a noun act is the subject of a verb in the simple present ("the ban takes effect"): a
/// date there is the schedule of the act.
fn scheduled(parse: &Parse, head: usize) -> bool {
    let verb = parse.head(head);
    parse.is_noun(head)
        && matches!(parse.dep(head), "nsubj" | "nsubjpass")
        && verb != head
        && matches!(parse.tag(verb), "VBZ" | "VBP")
        && present_tense(parse, verb)
}

/// Whether a verb is told in the present ("welcomes", "is traveling", "is reported").
fn present_tense(parse: &Parse, verb: usize) -> bool {
    if !parse.is_verb(verb)
        || parse.auxiliaries(verb).any(|a| {
            matches!(a, "will" | "would" | "shall" | "could" | "may" | "might" | "should" | "has" | "have" | "had")
        })
    {
        return false;
    }
    match parse.tag(verb) {
        "VBZ" | "VBP" => true,
        "VBG" | "VBN" => parse.auxiliaries(verb).any(|a| matches!(a, "is" | "are" | "am")),
        _ => false,
    }
}

#[cfg(test)]
mod relative_date_tests {
    use super::tests_support::*;
    use crate::corpus::Document;
    use crate::extract::extract_document;
    use crate::lexicon::Lexicon;

    fn dated(events: &[Row], agent: &str) -> Option<String> {
        events.iter().find(|e| e.0 == "SANCTION" && e.1.iter().any(|a| a == agent)).and_then(|e| e.4.clone())
    }

    #[test]
    fn the_time_of_the_cause_an_act_answers_is_not_the_acts() {
        // Published Sunday 2024-03-10: "on Friday" is the 8th, "last Sunday" the 3rd.
        let events = events_of("Chile on Friday imposed sanctions on Peru over an attack on its embassy last Sunday.");
        assert_eq!(dated(&events, "Chile").as_deref(), Some("2024-03-08"), "{events:?}");
        let events = events_of("Chile imposed sanctions on Peru for a week.");
        assert_eq!(dated(&events, "Chile"), None, "{events:?}");
    }

    #[test]
    fn an_act_told_in_the_present_progressive_is_of_the_report_day() {
        let events = events_of("China is increasing activity all around Taiwan.");
        let act = events.iter().find(|e| e.0 == "MOBILIZE").expect("a show of force");
        assert_eq!((act.2.as_slice(), act.4.as_deref()), (&["Taiwan".to_string()][..], Some("2024-03-10")));
    }

    #[test]
    fn those_killed_in_a_clash_were_struck_by_whom_it_was_with() {
        let events = events_of("Twenty Indian soldiers were killed on Friday in a clash with Chinese troops.");
        let clash = events.iter().find(|e| e.0 == "ASSAULT").expect("a clash");
        assert_eq!(clash.4.as_deref(), Some("2024-03-08"), "{events:?}");
        assert!(
            clash.1.iter().any(|a| a.contains("Chinese")) && clash.2.iter().any(|t| t.contains("Indian")),
            "{events:?}"
        );
    }

    #[test]
    fn a_preposition_hung_from_an_adverb_is_the_acts() {
        let events = events_of("The U.S. carried out strikes in Iraq, likely against Iran-backed militants.");
        let strike = events.iter().find(|e| e.0 == "ASSAULT").expect("a strike");
        assert!(strike.2.iter().any(|t| t.contains("militants")), "{events:?}");
        // "together with" adds a doer, not an object.
        let events = events_of("Russia, together with China, imposed sanctions on Lithuania.");
        let sanction = events.iter().find(|e| e.0 == "SANCTION").expect("a sanction");
        assert!(!sanction.2.iter().any(|t| t == "China"), "{events:?}");
    }

    #[test]
    fn a_measured_after_dates_from_its_governor_an_unmeasured_one_does_not() {
        let events = events_of(
            "Chile recalled its ambassador to Peru on Wednesday, a day after Peru expelled Chilean diplomats.",
        );
        assert_eq!(dated(&events, "Peru").as_deref(), Some("2024-03-05"), "{events:?}");
        let events =
            events_of("Chile recalled its ambassador to Peru on Wednesday after Peru expelled Chilean diplomats.");
        assert_eq!(dated(&events, "Peru"), None, "{events:?}");
    }

    #[test]
    fn a_clause_of_when_on_a_time_is_of_that_time() {
        let events = events_of("Relations between the neighbours soured in 2019 when Peru expelled Chilean diplomats.");
        assert_eq!(dated(&events, "Peru").as_deref(), Some("2019-01-01"), "{events:?}");
    }

    #[test]
    fn an_act_taken_up_by_the_next_sentence_takes_its_date() {
        let events = events_of("Chile held talks with Peru in Lima. The talks ended in February without an agreement.");
        let talks = events.iter().find(|e| e.0 == "CONSULT").expect("a CONSULT event");
        assert_eq!(talks.4.as_deref(), Some("2024-02-01"), "{events:?}");
    }

    #[test]
    fn an_act_named_by_its_weekday_later_takes_that_day() {
        let events = events_of(
            "Chile imposed sanctions on Peru. Lima called the move hostile. Officials met in Lima. Tuesday's sanctions target copper exports.",
        );
        assert_eq!(dated(&events, "Chile").as_deref(), Some("2024-03-05"), "{events:?}");
    }

    #[test]
    fn a_noun_act_subject_of_a_present_verb_is_scheduled() {
        let events = events_of("Prices may rise once a Chilean ban on Peruvian copper takes effect on March 15.");
        let ban = events.iter().find(|e| e.0 == "SANCTION").expect("a SANCTION event");
        assert_eq!((ban.3, ban.4.as_deref()), (crate::extract::Status::Planned, Some("2024-03-15")), "{events:?}");
    }

    #[test]
    fn the_weekend_is_its_saturday() {
        // Published on Sunday 2024-03-10.
        let events = events_of("Chilean and Peruvian ministers held talks in Lima over the weekend.");
        let talks = events.iter().find(|e| e.0 == "CONSULT").expect("a CONSULT event");
        assert_eq!(talks.4.as_deref(), Some("2024-03-09"), "{events:?}");
    }

    #[test]
    fn an_undated_report_reads_weekdays_around_its_dates() {
        let lexicon = Lexicon::builtin().unwrap();
        let text = "Envoy recalled\n\nA protest in Lima, Peru, on March 12, 2024.\n\nChile recalled its ambassador to Peru on Wednesday.\n";
        let doc = Document::from_text("t.txt", text.to_string(), Default::default(), &lexicon.boilerplate);
        let findings = extract_document(&doc, &lexicon);
        let recall = findings.events.iter().find(|e| e.event_type.as_str() == "SANCTION").expect("a SANCTION event");
        assert_eq!(recall.date.map(|d| d.date.to_string()).as_deref(), Some("2024-03-13"));
    }
}

/// A time expression of the clauses of these heads (their subtrees without embedded clauses).
/// Days of the week in an undated report are read against `week` ([`story_week`]).
fn clause_date(
    parse: &Parse,
    roots: &[usize],
    published: Option<Date>,
    week: Option<Date>,
    tense: Tense,
) -> Option<TimeValue> {
    for &root in roots {
        for t in clause_tokens(parse, root) {
            let label = parse.doc.token(t).ent_label();
            // A time that names a day ("late Monday") dates as well as a date does.
            let timed = label == Some("TIME") && WEEKDAYS.contains(&parse.lower(t));
            if !(label == Some("DATE") || timed) || !parse.in_article(t) {
                continue;
            }
            // The whole entity the token belongs to, with the preposition before it, which
            // reads a bare month or year ("in June", "since 2013").
            let (mut tokens, _) = parse.entity_at(t)?;
            // A day number the recogniser left out ("8 December" tagged from "December").
            while tokens.start > 0
                && parse.tag(tokens.start - 1) == "CD"
                && parse.dep(tokens.start - 1) == "nummod"
                && tokens.contains(&parse.head(tokens.start - 1))
            {
                tokens.start -= 1;
            }
            let start = match tokens.start.checked_sub(1) {
                Some(p) if parse.pos(p) == Pos::Adp && parse.sentence_of(p) == parse.sentence_of(t) => p,
                _ => tokens.start,
            };
            let range = parse.bytes(start..tokens.end);
            let text = &parse.text[range];
            let lower = text.to_lowercase();
            let anchor = match published {
                None if WEEKDAYS.iter().any(|d| lower.contains(d)) => week,
                _ => published,
            };
            let tense = if published.is_none() && anchor.is_some() { Tense::Past } else { tense };
            if let Some(found) = find_times(text, anchor, tense).into_iter().next() {
                return Some(found.value);
            }
            // "(over) the weekend": its Saturday, the last one before the report (the next one
            // for a planned act).
            if lower.split(|c: char| !c.is_alphabetic()).any(|w| w == "weekend") {
                if let Some(day) = anchor {
                    let back = i64::from((day.weekday().to_monday_zero_offset() + 2) % 7);
                    let forward = (7 - back) % 7;
                    let shift = if tense == Tense::Future { forward } else { -back };
                    return day.checked_add(jiff::Span::new().days(shift)).ok().map(TimeValue::day);
                }
            }
        }
    }
    None
}

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// The tokens of a head's own clause: its subtree without embedded clauses, and without the
/// cause or antecedent it answers ("strikes for a drone attack last Sunday", "sanctions over the
/// invasion in 2022": those times are the other act's).
fn clause_tokens(parse: &Parse, head: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack = vec![head];
    while let Some(t) = stack.pop() {
        out.push(t);
        for c in parse.children(t) {
            if matches!(parse.dep(c), "ccomp" | "advcl" | "relcl" | "parataxis" | "conj" | "csubj" | "acl" | "xcomp") {
                continue;
            }
            if parse.dep(c) == "prep" && matches!(parse.lower(c), "for" | "over" | "after" | "following") {
                let timeless = parse.children_with(c, &["pobj"]).all(|o| {
                    parse.is_noun(o)
                        && parse.doc.token(o).ent_label().is_none()
                        && !parse.is(WordClass::TimeNoun, parse.lemma(o))
                });
                if timeless && parse.children_with(c, &["pobj"]).next().is_some() {
                    continue;
                }
            }
            stack.push(c);
        }
    }
    out.sort_unstable();
    out
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
mod tests_support {
    use crate::corpus::Document;
    use crate::extract::{extract_document, Status};
    use crate::lexicon::Lexicon;

    pub(super) type Row = (String, Vec<String>, Vec<String>, Status, Option<String>);

    /// The events of a text published on Sunday 2024-03-10: type, agents, targets, status, date.
    pub(super) fn events_of(text: &str) -> Vec<Row> {
        let lexicon = Lexicon::builtin().unwrap();
        let text = format!("date 2024-03-10\n\n{text}\n");
        let doc = Document::from_text("t.txt", text, Default::default(), &lexicon.boilerplate);
        let findings = extract_document(&doc, &lexicon);
        let label = |ids: &[crate::extract::ActorId]| ids.iter().map(|a| findings.actor(a).label.clone()).collect();
        findings
            .events
            .iter()
            .map(|e| {
                (
                    e.event_type.as_str().to_string(),
                    label(&e.agents),
                    label(&e.targets),
                    e.status,
                    e.date.map(|d| d.date.to_string()),
                )
            })
            .collect()
    }

    pub(super) fn has(events: &[Row], kind: &str, agent: &str) -> bool {
        events.iter().any(|(k, a, _, _, _)| k == kind && a.iter().any(|x| x == agent))
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::*;

    #[test]
    fn a_capital_visited_is_the_state_met_and_the_place_of_the_visit() {
        let lexicon = crate::lexicon::Lexicon::builtin().unwrap();
        let text = "date 2024-03-10\n\nA Hamas delegation visited Cairo on Monday. Israel threatened Beirut.\n";
        let doc = crate::corpus::Document::from_text("t.txt", text.into(), Default::default(), &lexicon.boilerplate);
        let findings = crate::extract::extract_document(&doc, &lexicon);
        let label = |a: &crate::extract::ActorId| findings.actor(a).label.clone();
        let visit = findings.events.iter().find(|e| e.event_type.as_str() == "CONSULT").expect("a visit");
        assert_eq!(visit.targets.iter().map(label).collect::<Vec<_>>(), ["Egypt"]);
        assert_eq!(visit.place.as_ref().map(label).as_deref(), Some("Cairo"));
        // Only meetings happen where the capital is: a threat to the state is made elsewhere.
        assert!(findings.events.iter().filter(|e| e.event_type.as_str() != "CONSULT").all(|e| e.place.is_none()));
    }

    #[test]
    fn a_participle_with_by_names_the_agent() {
        let events = events_of("Militias backed by Iran attacked a convoy near the border.");
        assert!(has(&events, "SUPPORT", "Iran"), "{events:?}");
    }

    #[test]
    fn a_bare_open_verb_states_only_a_material_act() {
        let events = events_of("The rebels, who seek an independent Patagonia, attacked Chile.");
        assert!(!events.iter().any(|e| e.0 == "AGREE"), "{events:?}");
        assert!(has(&events, "ASSAULT", "rebels"), "{events:?}");
        let events = events_of("Chile targeted Peru with missiles on Monday.");
        assert!(has(&events, "ASSAULT", "Chile"), "{events:?}");
    }

    #[test]
    fn the_content_of_an_agreement_named_by_an_open_pattern_is_no_act_of_its_own() {
        let events = events_of("Chile and Peru agreed to resume diplomatic relations with Bolivia.");
        assert!(events.iter().any(|e| e.0 == "AGREE"), "{events:?}");
        assert!(!events.iter().any(|e| e.0 == "SUPPORT"), "{events:?}");
    }

    #[test]
    fn a_conjoined_act_of_the_same_kind_shares_its_target() {
        let events = events_of("Chile expelled the Peruvian ambassador and closed two consulates on Monday.");
        let sanctions: Vec<_> = events.iter().filter(|e| e.0 == "SANCTION").collect();
        assert!(!sanctions.is_empty() && sanctions.iter().all(|e| e.2 == ["Peru"]), "{events:?}");
    }

    #[test]
    fn an_act_asked_for_is_not_done() {
        let events = events_of("Chile invited Peru to negotiate the terms of the treaty.");
        assert!(has(&events, "REQUEST", "Chile"), "{events:?}");
        assert!(!events.iter().any(|e| e.0 == "CONSULT"), "{events:?}");
    }

    #[test]
    fn symmetric_acts_have_the_first_named_as_agent() {
        let events = events_of("Chile and Peru signed a trade agreement on Monday.");
        let agree = events.iter().find(|e| e.0 == "AGREE").expect("an AGREE event");
        assert_eq!(agree.1, ["Chile"]);
        assert_eq!(agree.2, ["Peru"]);
        assert_eq!(agree.4.as_deref(), Some("2024-03-04"));
    }

    #[test]
    fn the_object_nouns_party_is_the_target() {
        let events = events_of("Chile recalled its ambassador to Peru on Wednesday.");
        let sanction = events.iter().find(|e| e.0 == "SANCTION").expect("a SANCTION event");
        assert_eq!(
            (sanction.1.as_slice(), sanction.2.as_slice()),
            (&["Chile".to_string()][..], &["Peru".to_string()][..])
        );
    }

    #[test]
    fn nominal_acts_take_a_demonym_as_agent_and_their_date_with_its_preposition() {
        let events = events_of("The Iraqi invasion of Kuwait began in August 1990.");
        let assault = events.iter().find(|e| e.0 == "ASSAULT").expect("an ASSAULT event");
        assert_eq!(
            (assault.1.as_slice(), assault.2.as_slice()),
            (&["Iraq".to_string()][..], &["Kuwait".to_string()][..])
        );
        assert_eq!(assault.4.as_deref(), Some("1990-08-01"));
    }

    #[test]
    fn cooperation_said_not_to_happen_is_a_refusal() {
        let events = events_of("Argentina is not planning to negotiate with Chile.");
        assert!(has(&events, "REJECT", "Argentina"), "{events:?}");
        assert!(!has(&events, "CONSULT", "Argentina"), "{events:?}");
    }

    #[test]
    fn who_welcomes_an_agreement_is_not_its_party() {
        let events = events_of("Canada welcomed the agreement.");
        assert!(!has(&events, "AGREE", "Canada"), "{events:?}");
        assert!(has(&events, "SUPPORT", "Canada"), "{events:?}");
    }

    #[test]
    fn open_data_triggers_need_a_target() {
        // "rush aid" comes from the CAMEO dictionary only: without a party it states nothing.
        let events = events_of("Norway rushed aid.");
        assert!(events.is_empty(), "{events:?}");
    }
}

#[cfg(test)]
mod more_tests {
    use super::tests_support::*;

    #[test]
    fn a_press_conference_is_no_meeting() {
        let events = events_of("Kenya's president said at a press conference that talks would continue.");
        assert!(!events.iter().any(|e| e.0 == "CONSULT" && e.1.iter().any(|a| a.contains("Kenya"))), "{events:?}");
    }

    #[test]
    fn a_stranded_preposition_takes_the_modified_noun() {
        let events = events_of("Chile condemned Peru, the country Bolivia is fighting against.");
        let assault = events.iter().find(|e| e.0 == "ASSAULT").expect("an ASSAULT event");
        assert_eq!(assault.1, ["Bolivia"]);
    }

    #[test]
    fn a_hyphenated_pair_acts_together() {
        let events = events_of("The Chile-Peru ceasefire held on Sunday.");
        let retreat = events.iter().find(|e| e.0 == "RETREAT").expect("a RETREAT event");
        assert_eq!(
            (retreat.1.as_slice(), retreat.2.as_slice()),
            (&["Chile".to_string()][..], &["Peru".to_string()][..])
        );
    }

    #[test]
    fn a_noun_act_in_an_adjunct_is_not_the_light_verbs() {
        let events = events_of("Chile launched a campaign in response to the visit.");
        assert!(!events.iter().any(|e| e.0 == "CONSULT" && e.1 == ["Chile"]), "{events:?}");
    }
}

#[cfg(test)]
mod argument_tests {
    use super::tests_support::*;

    #[test]
    fn an_expelled_envoy_names_the_state_by_its_adjective() {
        let events = events_of("Chile expelled the Peruvian ambassador on Monday.");
        let sanction = events.iter().find(|e| e.0 == "SANCTION").expect("a SANCTION event");
        assert_eq!(
            (sanction.1.as_slice(), sanction.2.as_slice()),
            (&["Chile".to_string()][..], &["Peru".to_string()][..])
        );
    }

    #[test]
    fn a_gerund_after_by_shares_the_subject() {
        let events = events_of("Norway responded by imposing sanctions on Iran.");
        assert!(has(&events, "SANCTION", "Norway"), "{events:?}");
    }

    #[test]
    fn a_request_submitted_by_x_is_xs() {
        let events = events_of("The court examined the request submitted by Bolivia last week.");
        assert!(has(&events, "REQUEST", "Bolivia"), "{events:?}");
    }
}

#[cfg(test)]
mod date_tests {
    use super::tests_support::*;

    #[test]
    fn coordinated_verbs_share_their_date() {
        let events = events_of("Peru's president resigned and left the country on Friday.");
        assert!(events.iter().any(|e| e.0 == "RETREAT" && e.4.as_deref() == Some("2024-03-08")), "{events:?}");
    }

    #[test]
    fn an_act_told_in_the_present_is_the_days_news() {
        let events = events_of("Chile is sending troops to the border with Peru.");
        assert!(events.iter().any(|e| e.0 == "MOBILIZE" && e.4.as_deref() == Some("2024-03-10")), "{events:?}");
    }

    #[test]
    fn an_act_reported_as_done_takes_the_reports_date() {
        let events = events_of("Chile announced on Friday that it had expelled the Peruvian ambassador.");
        assert!(events.iter().any(|e| e.0 == "SANCTION" && e.4.as_deref() == Some("2024-03-08")), "{events:?}");
        let events = events_of("The rebels announced on the morning of 8 March that they had captured Homs.");
        assert!(events.iter().any(|e| e.0 == "ASSAULT" && e.4.as_deref() == Some("2024-03-08")), "{events:?}");
    }
}

#[cfg(test)]
mod judged_tests {
    use super::tests_support::*;

    #[test]
    fn a_judged_act_is_aimed_at_its_doer() {
        let events = events_of("Chile launched strikes on rebel camps on Monday. Peru condemned the attack.");
        let accuse = events.iter().find(|e| e.0 == "ACCUSE").expect("an ACCUSE event");
        assert_eq!((accuse.1.as_slice(), accuse.2.as_slice()), (&["Peru".to_string()][..], &["Chile".to_string()][..]));
    }

    #[test]
    fn a_noun_form_with_its_preposition_wins() {
        let events = events_of("Bolivia's war on Paraguay lasted three years.");
        let assault = events.iter().find(|e| e.0 == "ASSAULT").expect("an ASSAULT event");
        assert_eq!(assault.2, ["Paraguay"]);
    }
}

#[cfg(test)]
mod possibility_tests {
    use super::tests_support::*;

    #[test]
    fn an_act_said_to_be_possible_or_permitted_is_no_event() {
        let events = events_of("Chile can start negotiations with Peru at any time.");
        assert!(!has(&events, "CONSULT", "Chile"), "{events:?}");
        let events = events_of("The decree lets Bolivia's army deploy troops in the capital.");
        assert!(!events.iter().any(|e| e.0 == "MOBILIZE"), "{events:?}");
    }

    #[test]
    fn a_subordinate_clause_keeps_an_expected_act() {
        let events = events_of("Peru must pass reforms before the World Bank can provide financial support to Peru.");
        assert!(events.iter().any(|e| e.0 == "AID"), "{events:?}");
    }

    #[test]
    fn a_conflict_named_by_its_country_has_no_agent_there() {
        let events = events_of("The Peruvian conflict has displaced thousands of people.");
        assert!(!has(&events, "ASSAULT", "Peru"), "{events:?}");
    }

    #[test]
    fn seizing_on_something_is_no_capture() {
        let events = events_of("Argentina seized on the remarks of the Chilean minister.");
        assert!(!events.iter().any(|e| e.0 == "ASSAULT"), "{events:?}");
    }
}

#[cfg(test)]
mod lexicon_tests {
    use super::tests_support::*;

    #[test]
    fn a_warning_of_what_will_be_done_is_a_threat() {
        let events = events_of("Chile warned that it would respond forcefully to any incursion.");
        assert!(has(&events, "THREATEN", "Chile"), "{events:?}");
        let events = events_of("Chile warned about the risks of the storm.");
        assert!(!has(&events, "THREATEN", "Chile"), "{events:?}");
    }

    #[test]
    fn joining_an_alliance_is_cooperation() {
        let events = events_of("Chile joined NATO in April 2023.");
        assert!(has(&events, "COOPERATE", "Chile"), "{events:?}");
    }
}

#[cfg(test)]
mod pronoun_tests {
    use super::tests_support::*;

    #[test]
    fn a_pronoun_outside_quotes_skips_names_inside_them() {
        let events = events_of(
            "Gabriel Boric spoke to reporters on Monday. \"We will meet President Luis Arce soon.\" He urged Peru to show restraint.",
        );
        assert!(!has(&events, "REQUEST", "Luis Arce"), "{events:?}");
    }
}

#[cfg(test)]
mod light_verb_and_purpose_tests {
    use super::tests_support::*;

    #[test]
    fn engaging_in_a_fight_is_doing_it() {
        let events = events_of("Bolivian rebels engaged in a firefight with Peru near the border.");
        assert!(events.iter().any(|e| e.0 == "ASSAULT" && e.2.iter().any(|t| t == "Peru")), "{events:?}");
    }

    #[test]
    fn forces_sent_to_fight_someone_are_aimed_at_them() {
        let events = events_of("Chile sent 500 soldiers to Peru to fight the Shining Path.");
        let mobilize = events.iter().find(|e| e.0 == "MOBILIZE").expect("a MOBILIZE event");
        assert!(mobilize.2.iter().any(|t| t.contains("Shining Path")), "{events:?}");
        assert!(!mobilize.2.iter().any(|t| t.contains("soldiers") || t.contains("army")), "{events:?}");
    }
}

#[cfg(test)]
mod judged_owner_tests {
    use super::tests_support::*;

    #[test]
    fn a_judged_thing_is_aimed_at_its_owner() {
        let events = events_of("The Peruvian court ruling was welcomed by Chile.");
        assert!(events.iter().any(|e| e.0 == "SUPPORT" && e.1 == ["Chile"] && e.2 == ["Peru"]), "{events:?}");
        let events = events_of("Chile criticised Bolivia's decision.");
        assert!(events.iter().any(|e| e.0 == "ACCUSE" && e.2 == ["Bolivia"]), "{events:?}");
    }
}

#[cfg(test)]
mod relative_clause_tests {
    use super::tests_support::*;

    #[test]
    fn a_relative_pronoun_stands_for_its_noun() {
        let events = events_of("Peru sent troops against the Shining Path, which attacked a convoy in 2017.");
        assert!(has(&events, "ASSAULT", "Shining Path"), "{events:?}");
        let events = events_of("Bolivia hired the Shining Path, which Peru accuses of smuggling.");
        assert!(
            events.iter().any(|e| e.0 == "ACCUSE" && e.1 == ["Peru"] && e.2.iter().any(|t| t.contains("Shining Path"))),
            "{events:?}"
        );
    }
}

#[cfg(test)]
mod crowd_and_lexicon_tests {
    use super::tests_support::*;

    #[test]
    fn crowds_storming_a_building_protest() {
        let events = events_of("Protesters stormed the Peruvian parliament on Monday.");
        assert!(has(&events, "PROTEST", "protesters") || events.iter().any(|e| e.0 == "PROTEST"), "{events:?}");
        assert!(!events.iter().any(|e| e.0 == "ASSAULT"), "{events:?}");
    }

    #[test]
    fn saying_another_actor_does_wrong_is_an_accusation() {
        let events = events_of("Peru said Chile had violated the treaty. Bolivia says Chile's response gave rise to breaches of the convention.");
        assert!(events.iter().any(|e| e.0 == "ACCUSE" && e.1 == ["Peru"] && e.2 == ["Chile"]), "{events:?}");
        assert!(events.iter().any(|e| e.0 == "ACCUSE" && e.1 == ["Bolivia"] && e.2 == ["Chile"]), "{events:?}");
        // Not when denied, negated, or aimed at the speaker's own side.
        for text in [
            "Peru said Chile had not violated the treaty.",
            "Peru denied that Chile had violated the treaty.",
            "Peru said it would respond forcefully to any violation by Chile.",
        ] {
            let events = events_of(text);
            assert!(!events.iter().any(|e| e.0 == "ACCUSE"), "{text}: {events:?}");
        }
    }

    #[test]
    fn a_name_after_non_is_who_a_phrase_is_not() {
        let events = events_of("Peru said interference from non-ASEAN countries had also been a factor.");
        assert!(!events.iter().any(|e| e.2.iter().any(|t| t == "ASEAN")), "{events:?}");
    }

    #[test]
    fn a_relative_clause_after_a_coordination_is_said_of_all_of_it() {
        let events = events_of("Peter Breuer and Masahiro Nozaki, who held talks with Peru, left on Friday.");
        assert!(events.iter().any(|e| e.0 == "CONSULT" && e.1.len() == 2), "{events:?}");
    }

    #[test]
    fn drills_around_a_state_are_aimed_at_it() {
        let events = events_of("Chile announced drills in six locations surrounding Peru.");
        assert!(events.iter().any(|e| e.0 == "MOBILIZE" && e.2 == ["Peru"]), "{events:?}");
        let events = events_of("Chile held drills in Argentina.");
        assert!(!events.iter().any(|e| e.0 == "MOBILIZE" && !e.2.is_empty()), "{events:?}");
    }

    #[test]
    fn calling_something_a_reason_for_hope_is_no_request() {
        let events = events_of("Peru welcomed the agreement, calling it a reason for hope.");
        assert!(!events.iter().any(|e| e.0 == "REQUEST"), "{events:?}");
        assert!(has(&events, "SUPPORT", "Peru"), "{events:?}");
    }

    #[test]
    fn calling_something_illegal_is_an_accusation() {
        let events = events_of("Peru called the agreement illegal.");
        assert!(has(&events, "ACCUSE", "Peru"), "{events:?}");
    }

    #[test]
    fn a_demand_for_someones_resignation_is_aimed_at_them() {
        let events = events_of("Chile demanded Bolivia's withdrawal from the talks.");
        assert!(events.iter().any(|e| e.0 == "REQUEST" && e.2 == ["Bolivia"]), "{events:?}");
    }

    #[test]
    fn what_could_be_used_to_attack_is_no_attack() {
        let events = events_of("Officials fear that Peru could be used to launch attacks on Chile.");
        assert!(!events.iter().any(|e| e.0 == "ASSAULT"), "{events:?}");
    }
}

#[cfg(test)]
mod request_content_tests {
    use super::tests_support::*;

    #[test]
    fn what_is_asked_for_is_not_done() {
        let events = events_of("Chile called on Peru not to launch any offensives in the spring.");
        assert!(!events.iter().any(|e| e.0 == "ASSAULT"), "{events:?}");
        let events = events_of("Chile called for a peace deal between Peru and Bolivia.");
        assert!(!events.iter().any(|e| e.0 == "AGREE"), "{events:?}");
    }

    #[test]
    fn sending_someone_fleeing_is_no_deployment() {
        let events = events_of("Peruvian advances have sent hundreds of Bolivian troops fleeing into Chile.");
        assert!(!events.iter().any(|e| e.0 == "MOBILIZE"), "{events:?}");
    }
}

#[cfg(test)]
mod constrained_word_tests {
    use super::tests_support::*;

    #[test]
    fn a_curated_word_without_its_needed_words_is_no_event() {
        let events = events_of("Bolivia, which hosts a Peruvian military base, fears unrest.");
        assert!(!events.iter().any(|e| e.0 == "CONSULT"), "{events:?}");
    }

    #[test]
    fn reinforcing_at_a_base_aims_at_the_base() {
        let events = events_of("Peru has bolstered its hardware at its military base in Bolivia.");
        let mobilize = events.iter().find(|e| e.0 == "MOBILIZE").expect("a MOBILIZE event");
        assert!(!mobilize.2.is_empty(), "{events:?}");
    }
}

#[cfg(test)]
mod apposition_pronoun_tests {
    use super::tests_support::*;

    #[test]
    fn a_name_in_apposition_to_a_subject_is_a_pronouns_antecedent() {
        let events = events_of(
            "Luis Arce said that the Prime Minister of Peru, Gabriel Boric, welcomed the mission while expressing his support for Chile.",
        );
        assert!(!events.iter().any(|e| e.0 == "SUPPORT" && e.1 == ["Luis Arce"]), "{events:?}");
    }
}

#[cfg(test)]
mod suspension_tests {
    use super::tests_support::*;

    #[test]
    fn suspending_a_deal_is_a_refusal_and_an_armistice_a_ceasefire() {
        let events = events_of("Peru suspended a trade deal with Chile in 2020.");
        assert!(events.iter().any(|e| e.0 == "REJECT" && e.2 == ["Chile"]), "{events:?}");
        let events = events_of("Peru and Bolivia decided to begin a temporary armistice.");
        assert!(has(&events, "RETREAT", "Peru"), "{events:?}");
    }
}

#[cfg(test)]
mod hiring_tests {
    use super::tests_support::*;

    #[test]
    fn hiring_a_contractor_known_by_a_name_is_cooperation_with_it() {
        let events = events_of("Bolivia hired a private military contractor known as the Wagner Group.");
        assert!(
            events.iter().any(|e| e.0 == "COOPERATE" && e.1 == ["Bolivia"] && e.2.iter().any(|t| t.contains("Wagner"))),
            "{events:?}"
        );
    }
}

#[cfg(test)]
mod joined_owner_tests {
    use super::tests_support::*;

    #[test]
    fn an_endorsed_sovereignty_is_aimed_at_its_owner() {
        let events = events_of("Chile on Sunday endorsed Peru’s independence and territorial integrity.");
        assert!(events.iter().any(|e| e.0 == "SUPPORT" && e.2 == ["Peru"]), "{events:?}");
    }
}

#[cfg(test)]
mod relative_clause_target_tests {
    use super::tests_support::*;

    #[test]
    fn a_nominal_act_takes_the_object_of_its_relative_clause() {
        let events = events_of("Lima rebutted the Bolivian accusations that blamed Peru for the clash.");
        assert!(events.iter().any(|e| e.0 == "ACCUSE" && e.1 == ["Bolivia"] && e.2 == ["Peru"]), "{events:?}");
    }
}

#[cfg(test)]
mod invitation_tests {
    use super::tests_support::*;

    #[test]
    fn an_invitation_to_act_is_a_request_and_to_talks_a_meeting() {
        let events = events_of("Chile invited Peru to negotiate the terms of the treaty.");
        assert!(has(&events, "REQUEST", "Chile"), "{events:?}");
        let events = events_of("Chile will invite Peru to take part in talks on the border.");
        assert!(has(&events, "CONSULT", "Chile"), "{events:?}");
    }
}
