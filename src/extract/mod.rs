//! Extraction: a pure function from a [`Document`] and a [`Lexicon`] to [`Findings`].
//!
//! Per document, in order:
//! 1. actor mentions ([`actors`]): gazetteer names, positions held ("Kremlin Press Secretary
//!    Dmitry Peskov", "Putin's special representative on Afghanistan"), capitals read as their
//!    country when they act ("Moscow hosted"), coreferring descriptions ("the group", "the
//!    Ministry"), and unknown proper names typed by their context ("spokesman for", "Institute");
//! 2. time expressions ([`crate::time`]) resolved against the publication date;
//! 3. events ([`events`]): PLOVER triggers with agent, target, place, date, mode and status;
//! 4. claims ([`claims`]): reported speech and quotes with speaker, content, modality, polarity.
//!
//! Nothing here touches RDF or the store; offsets are byte ranges of `Document::text`.
//!
//! ```
//! use dossier::corpus::Document;
//! use dossier::extract::extract_document;
//! use dossier::lexicon::Lexicon;
//!
//! let lexicon = Lexicon::builtin()?;
//! let text = "date 2021-07-09 By Radio Azadi\n\nTaliban representatives visited Moscow on July 8.\n";
//! let doc = Document::from_text("a.txt", text.into(), Default::default(), &lexicon.boilerplate);
//! let findings = extract_document(&doc, &lexicon);
//! let event = &findings.events[0];
//! assert_eq!(event.event_type.as_str(), "CONSULT");
//! assert_eq!(findings.actor(&event.agents[0]).label, "Taliban");
//! assert_eq!(event.date.unwrap().date.to_string(), "2021-07-08");
//! # Ok::<(), dossier::lexicon::LexiconError>(())
//! ```

pub mod claims;
pub mod events;
pub(crate) mod mentions;
pub(crate) mod syntax;

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use crate::corpus::{Document, DocumentId};
use crate::lexicon::{ActorKind, Lexicon};
use crate::plover::EventType;
use crate::time::TimeValue;

/// The identity of an actor or place: its IRI (from the gazetteer, or minted from its name for
/// an actor found in the text).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct ActorId(pub String);

impl fmt::Display for ActorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An actor or place as known to one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: ActorId,
    pub kind: ActorKind,
    pub label: String,
    /// Other names (gazetteer aliases, or other spellings seen in the text).
    pub aliases: Vec<String>,
    /// Whether it comes from the gazetteer (else it was discovered in the text).
    pub curated: bool,
}

/// How a mention refers to its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionKind {
    /// A name or alias ("Taliban", "Zamir Kabulov").
    Name,
    /// A position held, possibly with the name ("Kremlin Press Secretary Dmitry Peskov").
    Role,
    /// A capital standing for its country ("Moscow hosted ...").
    Metonym,
    /// A definite description resolved by coreference ("the group", "the Ministry").
    Description,
    /// A pronoun resolved by coreference ("he said").
    Pronoun,
    /// An unknown proper name found by its context.
    Discovered,
}

/// A stretch of text that refers to an actor or place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub actor: ActorId,
    pub range: Range<usize>,
    pub kind: MentionKind,
}

/// Whether an event happened, is planned, or is said not to have happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Occurred,
    Planned,
    Negated,
}

impl Status {
    /// The graph literal.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Occurred => "occurred",
            Status::Planned => "planned",
            Status::Negated => "negated",
        }
    }
}

/// A PLOVER event stated in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub event_type: EventType,
    pub mode: Option<String>,
    pub agents: Vec<ActorId>,
    pub targets: Vec<ActorId>,
    pub place: Option<ActorId>,
    pub date: Option<TimeValue>,
    pub status: Status,
    /// The sentence that states it.
    pub evidence: Range<usize>,
    /// The trigger words.
    pub trigger: Range<usize>,
    /// Stated in a title or headline (which restate the body).
    pub headline: bool,
}

/// Positive or negative statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    Positive,
    Negative,
}

impl Polarity {
    /// The graph literal.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Positive => "positive",
            Polarity::Negative => "negative",
        }
    }
}

/// An attributed statement: who said what, when, how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub claimant: ActorId,
    /// The side the claimant speaks for ([`crate::lexicon::Gazetteer::side_of`]).
    pub side: ActorId,
    pub about: Vec<ActorId>,
    /// The said part, quotation marks excluded.
    pub content: Range<usize>,
    pub date: Option<TimeValue>,
    pub polarity: Polarity,
    /// asserted | promised | warned | denied | questioned
    pub modality: String,
    /// The sentence that reports it.
    pub evidence: Range<usize>,
    /// The relation it states between two actors, when it is a simple one.
    pub relation: Option<(ActorId, EventType, ActorId)>,
}

/// Everything extracted from one document.
#[derive(Debug, Clone)]
pub struct Findings {
    pub document: DocumentId,
    pub actors: BTreeMap<ActorId, Actor>,
    pub mentions: Vec<Mention>,
    pub events: Vec<Event>,
    pub claims: Vec<Claim>,
    /// Names the entity recogniser found in the article (people, organisations, places) that no
    /// rule linked or typed: what an analyst may want to add to the gazetteer.
    pub unlinked: Vec<String>,
}

impl Findings {
    /// The actor with this id.
    ///
    /// # Panics
    /// If the id is not one of this document's actors (every id in the findings is).
    pub fn actor(&self, id: &ActorId) -> &Actor {
        &self.actors[id]
    }
}

/// Extracts actors, events and claims from a document and its parse (the NLP core's analysis
/// of `document.text`: [`crate::nlp::english`]`().process(&document.text)`).
pub fn extract(document: &Document, parse: &dossier_nlp::Doc, lexicon: &Lexicon) -> Findings {
    let parse = syntax::Parse::new(document, parse, &lexicon.words);
    let mut cast = mentions::find(&parse, lexicon, document.published);
    let mut events = events::find_events(&parse, lexicon, &mut cast, document.published);
    let (claims, accusations) = claims::find_claims(&parse, lexicon, &mut cast, &events, document.published);
    events.extend(accusations);
    let events = events::merge_within_document(events);
    let unlinked = cast.unlinked(&parse);
    let (actors, mentions) = cast.finish();
    Findings { document: document.id.clone(), actors, mentions, events, claims, unlinked }
}

/// [`extract`] with the document parsed by the embedded English pipeline.
pub fn extract_document(document: &Document, lexicon: &Lexicon) -> Findings {
    // Line by line: a headline, dateline or byline is never one sentence with the paragraph
    // after it (the corpus reads lines as blocks too).
    let parse = crate::nlp::english().process_lines(&parse_text(document));
    extract(document, &parse, lexicon)
}

/// The text the NLP core reads: the document's text with a leading metadata prefix ("date
/// 2024-03-10") blanked, byte for byte, so that offsets are unchanged and the first sentence is
/// not parsed as one with it ("date 2024-03-10 Chile and Peru signed ..." made "Peru" part of
/// another phrase).
pub fn parse_text(document: &Document) -> std::borrow::Cow<'_, str> {
    let start = document.sentences.first().map_or(0, |s| s.range.start);
    // Only a metadata prefix ("date 2024-03-10"), not bylines, which mentions read.
    let prefix = document.text.trim_start();
    let skipped = document.text.len() - prefix.len();
    let is_date = prefix.len() >= 15
        && prefix.starts_with("date ")
        && prefix.as_bytes()[5..15].iter().all(|b| b.is_ascii_digit() || *b == b'-');
    let start = if is_date { (skipped + 15).min(start) } else { 0 };
    let head = &document.text[..start];
    if head.trim().is_empty() {
        return std::borrow::Cow::Borrowed(&document.text);
    }
    let mut text = String::with_capacity(document.text.len());
    for c in head.chars() {
        if c == '\n' {
            text.push('\n');
        } else {
            text.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    text.push_str(&document.text[start..]);
    std::borrow::Cow::Owned(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `extract` fuzz target: truncating a claim before a coordinated verb that
    /// stood before the claim's start sliced backwards.
    #[test]
    fn fuzz_claim_truncation_never_slices_backwards() {
        let lexicon = Lexicon::builtin().unwrap();
        let bytes = include_bytes!("../../tests/data/fuzz/extract-begin-after-end.txt");
        let text = format!("date 2021-07-09\n\n{}", String::from_utf8_lossy(bytes));
        let document = Document::from_text("f.txt", text, Default::default(), &lexicon.boilerplate);
        let findings = extract_document(&document, &lexicon);
        for claim in &findings.claims {
            assert!(claim.content.start <= claim.content.end && document.text.get(claim.content.clone()).is_some());
        }
    }
}
