//! Cross-document resolution: identity of events and claims, corroboration counts.
//!
//! Identity is minted from content, so the same event reported by several documents gets the
//! same IRI wherever and whenever it is built: an event is its PLOVER type, agents, targets and
//! date; a claim is its speaker and normalised content; actors are gazetteer IRIs or slugs of
//! their names. What resolution adds is what no single document knows: how many distinct
//! documents back each event and claim ([`Resolver`]). It starts from the counts the store
//! already holds for the items a window touches, so building in several runs gives the same
//! counts as one build.
//!
//! Resolution also names the positions claims take ([`positions`]): two claims of one side (a
//! speaker, or the state its officials speak for) contradict each other exactly when they take
//! opposite positions (opposite relations between the same actors, or the same words with
//! opposite polarity). The graph states each position and its opposite once
//! ([`opposite_position`]), not the pairs of claims, which grow with the square of the claims:
//! the claims contradicting one are found by looking up the claims of its opposite positions.
//!
//! ```
//! use dossier::resolve::Resolver;
//!
//! let mut resolver = Resolver::default();
//! resolver.record("https://w3id.org/dossier/id/event/1", "https://w3id.org/dossier/id/doc/a");
//! resolver.record("https://w3id.org/dossier/id/event/1", "https://w3id.org/dossier/id/doc/b");
//! // One stored document already backs the event.
//! resolver.set_stored("https://w3id.org/dossier/id/event/1", 1);
//! let counts: Vec<_> = resolver.source_counts().collect();
//! assert_eq!(counts, [("https://w3id.org/dossier/id/event/1".to_string(), 1, 3)]);
//! ```

use std::collections::{BTreeMap, BTreeSet};

use smallvec::SmallVec;

use crate::extract::{Claim, Event};
use crate::plover::EventType;
use crate::time::TimeValue;
use crate::vocab;

/// The IRI of an event: a hash of its type, mode, agents, targets and date (at its precision).
/// The mode keeps apart two acts of one kind by the same actors in one document ("held military
/// exercises ... and bolstered its hardware").
pub fn event_iri(event: &Event) -> String {
    let mut agents: Vec<&str> = event.agents.iter().map(|a| a.0.as_str()).collect();
    agents.sort_unstable();
    let mut targets: Vec<&str> = event.targets.iter().map(|a| a.0.as_str()).collect();
    targets.sort_unstable();
    let date = event.date.map(date_key).unwrap_or_default();
    let agents = agents.join(" ");
    let targets = targets.join(" ");
    let mode = event.mode.as_deref().unwrap_or("");
    vocab::hashed("event", &[event.event_type.as_str(), mode, &agents, &targets, &date])
}

/// The IRI of a claim: a hash of its speaker and its normalised content.
pub fn claim_iri(claimant: &str, content: &str) -> String {
    vocab::hashed("claim", &[claimant, &normalise_content(content)])
}

/// The IRI of a claim of the findings, given the text its content range points into.
pub fn claim_iri_in(claim: &Claim, text: &str) -> String {
    claim_iri(&claim.claimant.0, &text[claim.content.clone()])
}

fn date_key(value: TimeValue) -> String {
    format!("{}/{}", value.date, value.precision.as_str())
}

/// Lower case, straight quotes, single spaces: two reports of the same words match.
pub fn normalise_content(content: &str) -> String {
    content
        .chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Collects which documents back which events and claims: the documents of a build window,
/// and how many stored documents back each item already.
///
/// The documents recorded must not be in the store yet (a build admits only new documents, a
/// merge leaves out those already stored): an item's count is then its stored count plus its
/// distinct recorded documents, and the stored sources need not be read.
///
/// ```
/// use dossier::resolve::Resolver;
///
/// let mut resolver = Resolver::default();
/// resolver.record("event/a", "doc/1");
/// resolver.record("event/a", "doc/2");
/// resolver.record("event/a", "doc/1");
/// resolver.record("event/b", "doc/2");
/// resolver.set_stored("event/a", 3);
/// let counts: Vec<_> = resolver.source_counts().collect();
/// assert_eq!(counts, [("event/a".to_string(), 3, 5), ("event/b".to_string(), 0, 1)]);
/// ```
#[derive(Debug, Default, Clone)]
pub struct Resolver {
    items: BTreeMap<ItemKey, Sources>,
    /// Each recorded document's number, in `Sources::documents`.
    documents: rustc_hash::FxHashMap<String, u32>,
}

/// An IRI as resolution holds it: one dossier minted ([`vocab::hashed`]: `id:event/` or
/// `id:claim/` and 16 hex digits) as its kind and number, 16 bytes instead of a 50- to 80-byte
/// string and its header (a window records about a million items); any other as text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum ItemKey {
    Minted(u8, u64),
    Other(Box<str>),
}

/// The kinds of minted IRIs, as [`ItemKey::Minted`] numbers them: what comes between `id:` and
/// the hex digits, and after them.
const ITEM_KINDS: [(&str, &str); 2] = [("event/", ""), ("claim/", "")];

impl ItemKey {
    pub(crate) fn of(iri: &str) -> ItemKey {
        let minted = iri.strip_prefix(vocab::ID).and_then(|rest| {
            ITEM_KINDS.iter().enumerate().find_map(|(kind, (prefix, suffix))| {
                let hex = rest.strip_prefix(prefix)?.strip_suffix(suffix)?;
                // Only the form `iri` writes back: 16 lower-case hex digits.
                if hex.len() != 16 || !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
                    return None;
                }
                u64::from_str_radix(hex, 16).ok().map(|n| ItemKey::Minted(kind as u8, n))
            })
        });
        minted.unwrap_or_else(|| ItemKey::Other(iri.into()))
    }

    pub(crate) fn iri(&self) -> String {
        match self {
            ItemKey::Minted(kind, n) => {
                let (prefix, suffix) = ITEM_KINDS[usize::from(*kind)];
                format!("{}{prefix}{n:016x}{suffix}", vocab::ID)
            }
            ItemKey::Other(iri) => iri.to_string(),
        }
    }
}

/// The sources of one item.
#[derive(Debug, Default, Clone)]
struct Sources {
    /// Documents in the store.
    stored: usize,
    /// Recorded documents (numbers; repeats possible). Most items have one or two, held inline.
    documents: SmallVec<[u32; 2]>,
}

impl Resolver {
    /// Records that document `document` (not in the store) reports item `item` (an event or
    /// claim IRI).
    pub fn record(&mut self, item: &str, document: &str) {
        let next = self.documents.len() as u32;
        let number = match self.documents.get(document) {
            Some(&number) => number,
            None => *self.documents.entry(document.to_string()).or_insert(next),
        };
        let sources = self.items.entry(ItemKey::of(item)).or_default();
        if sources.documents.last() != Some(&number) {
            sources.documents.push(number);
        }
    }

    /// The items recorded so far (to ask the store what it already knows of them).
    pub fn items(&self) -> impl Iterator<Item = String> + '_ {
        self.items.keys().map(ItemKey::iri)
    }

    /// Up to `n` of the items recorded, in the order of [`Resolver::items`], from the first after
    /// `after` (from the first of all without it): the items a chunk at a time, to look them up
    /// in the store and [`Resolver::set_stored`] what it knows, without holding every IRI at once.
    ///
    /// ```
    /// use dossier::resolve::Resolver;
    ///
    /// let mut resolver = Resolver::default();
    /// for item in ["event/a", "event/b", "event/c"] {
    ///     resolver.record(item, "doc/1");
    /// }
    /// assert_eq!(resolver.items_after(None, 2), ["event/a", "event/b"]);
    /// assert_eq!(resolver.items_after(Some("event/b"), 2), ["event/c"]);
    /// ```
    pub fn items_after(&self, after: Option<&str>, n: usize) -> Vec<String> {
        use std::ops::Bound;
        let start = match after {
            Some(iri) => Bound::Excluded(ItemKey::of(iri)),
            None => Bound::Unbounded,
        };
        self.items.range((start, Bound::Unbounded)).take(n).map(|(key, _)| key.iri()).collect()
    }

    /// Sets how many stored documents back `item` already (its `dos:sourceCount` in the store,
    /// as [`crate::store::Store::stored_source_counts`] answers); an item not recorded is left
    /// alone, and an item never set counts none.
    pub fn set_stored(&mut self, item: &str, count: usize) {
        if let Some(sources) = self.items.get_mut(&ItemKey::of(item)) {
            sources.stored = count;
        }
    }

    /// Each recorded item with the number of stored documents behind it (as set) and of all
    /// distinct documents behind it, stored and recorded, in the order of the items (a window
    /// records about a million: they are counted one at a time, not collected).
    pub fn source_counts(&self) -> impl Iterator<Item = (String, usize, usize)> + '_ {
        self.items.iter().map(|(item, sources)| sources.count(item))
    }

    /// [`Resolver::source_counts`], consuming the resolver: what has been counted is freed as the
    /// counts are read, so a window's commit never holds its million items and their count
    /// statements at once.
    pub fn into_source_counts(self) -> impl Iterator<Item = (String, usize, usize)> {
        self.items.into_iter().map(|(item, sources)| sources.count(&item))
    }
}

impl Sources {
    /// What [`Resolver::source_counts`] says of the item `item` these are the sources of.
    fn count(&self, item: &ItemKey) -> (String, usize, usize) {
        (item.iri(), self.stored, self.stored + self.distinct())
    }

    /// The number of distinct documents recorded.
    fn distinct(&self) -> usize {
        // Documents are numbered as they come and recorded one after the other, so the list is
        // usually increasing already.
        if self.documents.windows(2).all(|w| w[0] < w[1]) {
            self.documents.len()
        } else {
            let mut documents = self.documents.clone();
            documents.sort_unstable();
            documents.dedup();
            documents.len()
        }
    }
}

/// The IRI of the proposition a claim's content states, whatever its polarity and speaker: a
/// hash of its content words, stemmed, without function words and negations. "Iran will attend
/// the summit" and "Iran would not attend the summit" state the same proposition; two claims of
/// one side about one proposition with opposite polarity contradict each other.
///
/// ```
/// use dossier::resolve::proposition_iri;
///
/// assert_eq!(proposition_iri("Iran will attend the summit"), proposition_iri("Iran won't attend the summits"));
/// assert_ne!(proposition_iri("Iran will attend the summit"), proposition_iri("Iran will host the summit"));
/// ```
pub fn proposition_iri(content: &str) -> String {
    let words: BTreeSet<String> = proposition_words(content);
    let joined = words.into_iter().collect::<Vec<_>>().join(" ");
    vocab::hashed("proposition", &[&joined])
}

/// The stemmed content words of a claim (see [`proposition_iri`]).
fn proposition_words(content: &str) -> BTreeSet<String> {
    const FUNCTION_WORDS: [&str; 44] = [
        "the", "a", "an", "of", "to", "and", "that", "in", "on", "for", "be", "is", "are", "was", "were", "been",
        "being", "would", "will", "shall", "should", "can", "could", "may", "might", "must", "do", "does", "did",
        "has", "have", "had", "it", "its", "their", "they", "with", "by", "as", "at", "this", "these", "those", "s",
    ];
    normalise_content(content)
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
        .filter(|w| !is_negation(w) && !FUNCTION_WORDS.contains(w))
        .map(|w| stem(w.strip_suffix("n't").unwrap_or(w)))
        .filter(|w| !w.is_empty() && !FUNCTION_WORDS.contains(&w.as_str()))
        .collect()
}

/// A light suffix stripper, enough to equate "invites", "invited", "inviting" and "invite".
fn stem(word: &str) -> String {
    let mut stem = word.strip_suffix("'s").unwrap_or(word);
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(rest) = stem.strip_suffix(suffix) {
            if rest.chars().count() >= 3 {
                stem = rest;
                break;
            }
        }
    }
    let mut stem = stem.strip_suffix('e').filter(|r| r.chars().count() >= 3).unwrap_or(stem).to_string();
    // "planned", "planning" -> "plann" -> "plan"
    let bytes = stem.as_bytes();
    if bytes.len() >= 4
        && bytes[bytes.len() - 1] == bytes[bytes.len() - 2]
        && !b"aeiouls".contains(&bytes[bytes.len() - 1])
    {
        stem.pop();
    }
    stem
}

/// One of the two opposite positions a side can take on a question: a proposition affirmed
/// or denied, or a kind of relation (cooperation or conflict, PLOVER's quad classes) between two
/// actors. Its IRI is `id:position/<hash of the side and the question>/<stand>`, so the
/// opposite position is the same IRI with the other stand ([`opposite_position`]); claims
/// taking opposite positions contradict each other ([`contradict`]). A claim states its
/// positions in the graph (`dos:position`), and each position its opposite (`dos:opposite`), so
/// the claims that contradict one are found with one index lookup per position it takes,
/// whatever the store holds besides; the pairs themselves are never stored (there are as many
/// as the product of the claims on the two sides of a question).
///
/// ```
/// use dossier::plover::EventType;
/// use dossier::resolve::{opposite_position, positions, proposition_iri};
///
/// let invite = positions("russia", false, Some(("russia", EventType::Consult, "taliban")), &proposition_iri("Russia will invite the Taliban"));
/// let refuse = positions("russia", true, Some(("russia", EventType::Reject, "taliban")), &proposition_iri("Russia will not talk to the Taliban"));
/// assert!(invite[0].ends_with("/affirmed") && invite[1].ends_with("/cooperation"));
/// assert_eq!(opposite_position(&invite[1]).as_deref(), Some(refuse[1].as_str()));
/// ```
pub fn positions(
    side: &str,
    negative: bool,
    relation: Option<(&str, EventType, &str)>,
    proposition: &str,
) -> Vec<String> {
    let stand = if negative { STANDS[0].1 } else { STANDS[0].0 };
    let mut positions = vec![format!("{}/{stand}", vocab::hashed("position", &["proposition", side, proposition]))];
    if let Some((agent, event_type, target)) = relation {
        let stand = if cooperative(event_type) { STANDS[1].0 } else { STANDS[1].1 };
        positions.push(format!("{}/{stand}", vocab::hashed("position", &["relation", side, agent, target])));
    }
    positions
}

/// The positions a claim of the findings takes, given the proposition its content states.
pub fn positions_of(claim: &Claim, proposition: &str) -> Vec<String> {
    let relation = claim.relation.as_ref().map(|(a, t, b)| (a.0.as_str(), *t, b.0.as_str()));
    positions(&claim.side.0, claim.polarity == crate::extract::Polarity::Negative, relation, proposition)
}

/// The pairs of opposite stands a position IRI ends with: on a proposition, on a relation.
const STANDS: [(&str, &str); 2] = [("affirmed", "denied"), ("cooperation", "conflict")];

/// The position opposite to `position` (an IRI [`positions`] made): the same question, the
/// other stand; `None` for an IRI of another form.
pub fn opposite_position(position: &str) -> Option<String> {
    let (question, stand) = position.rsplit_once('/')?;
    STANDS.iter().find_map(|&(a, b)| match stand {
        s if s == a => Some(format!("{question}/{b}")),
        s if s == b => Some(format!("{question}/{a}")),
        _ => None,
    })
}

/// Whether two claims taking the positions `a` and `b` (IRIs [`positions`] made) contradict each
/// other: one side (a speaker, or the state its officials speak for) states opposite kinds of
/// relation between the same two actors (cooperation against conflict: "will invite the Taliban
/// to talks" against "is attacking the Taliban"), or the same proposition with opposite polarity
/// ("will attend the summit" against "will not attend the summit"). It compares positions, never
/// texts.
///
/// ```
/// use dossier::resolve::{contradict, positions, proposition_iri};
///
/// let yes = positions("iran", false, None, &proposition_iri("Iran will attend the summit"));
/// let no = positions("iran", true, None, &proposition_iri("Iran will not attend the summit"));
/// let other_side = positions("iraq", true, None, &proposition_iri("Iran will not attend the summit"));
/// assert!(contradict(&yes, &no));
/// assert!(!contradict(&yes, &other_side) && !contradict(&yes, &yes));
/// ```
pub fn contradict(a: &[String], b: &[String]) -> bool {
    a.iter().filter_map(|p| opposite_position(p)).any(|opposite| b.contains(&opposite))
}

/// Whether a PLOVER type is cooperation (verbal or material) rather than conflict.
pub(crate) fn cooperative(event_type: EventType) -> bool {
    event_type.quad_class().ends_with("cooperation")
}

/// Words that negate ("not", "never", "don't").
fn is_negation(lower: &str) -> bool {
    matches!(lower, "not" | "never" | "no" | "neither" | "nor" | "cannot") || lower.ends_with("n't")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taken(side: &str, negative: bool, relation: Option<(&str, EventType, &str)>, text: &str) -> Vec<String> {
        positions(side, negative, relation, &proposition_iri(text))
    }

    #[test]
    fn item_keys_give_back_their_iris() {
        for iri in [
            vocab::hashed("event", &["a"]),
            vocab::hashed("claim", &["b"]),
            format!("{}event/00000000000000ff", vocab::ID),
            format!("{}event/00000000000000FF", vocab::ID),
            format!("{}event/123", vocab::ID),
            format!("{}actor/Iran", vocab::ID),
            "event/a".to_string(),
        ] {
            assert_eq!(ItemKey::of(&iri).iri(), iri);
        }
        assert!(matches!(ItemKey::of(&vocab::hashed("claim", &["b"])), ItemKey::Minted(1, _)));
    }

    #[test]
    fn opposite_relations_of_one_side_contradict() {
        let invite =
            taken("russia", false, Some(("russia", EventType::Consult, "taliban")), "Russia will invite the Taliban");
        let refuse = taken(
            "russia",
            true,
            Some(("russia", EventType::Reject, "taliban")),
            "Russia is not planning to negotiate",
        );
        let other_side =
            taken("usa", true, Some(("russia", EventType::Reject, "taliban")), "Russia is not planning to negotiate");
        assert!(contradict(&invite, &refuse) && contradict(&refuse, &invite));
        assert!(!contradict(&invite, &other_side), "different sides do not contradict each other");
    }

    #[test]
    fn same_words_opposite_polarity_contradict() {
        let yes = taken("iran", false, None, "Iran will attend the summit in Kabul");
        let no = taken("iran", true, None, "Iran will not attend the summit in Kabul");
        let again = taken("iran", false, None, "Iran would attend the summit in Kabul");
        let unrelated = taken("iran", true, None, "the border stays closed to refugees");
        let other_side = taken("iraq", true, None, "Iran will not attend the summit in Kabul");
        assert!(contradict(&yes, &no));
        assert!(contradict(&again, &no), "claims of other words on one proposition take the same position");
        assert!(!contradict(&yes, &again) && !contradict(&yes, &yes));
        assert!(!contradict(&yes, &unrelated));
        assert!(!contradict(&yes, &other_side), "a denial by another side is disagreement, not contradiction");
    }

    #[test]
    fn positions_come_in_opposite_pairs() {
        let relation = Some(("russia", EventType::Assault, "taliban"));
        let taken = positions("russia", true, relation, &proposition_iri("Russia will strike the Taliban"));
        assert_eq!(taken.len(), 2);
        assert!(taken[0].starts_with(&format!("{}position/", vocab::ID)) && taken[0].ends_with("/denied"));
        assert!(taken[1].ends_with("/conflict"));
        for position in &taken {
            let opposite = opposite_position(position).unwrap();
            assert_ne!(&opposite, position);
            assert_eq!(opposite_position(&opposite).as_ref(), Some(position));
        }
        assert_eq!(opposite_position("https://w3id.org/dossier/id/actor/iran"), None);
    }

    #[test]
    fn propositions_ignore_inflection_negation_and_function_words() {
        let key = proposition_iri("Russia is planning to negotiate with the Taliban");
        assert_eq!(key, proposition_iri("Russia is not planning to negotiate with the Taliban"));
        assert_eq!(key, proposition_iri("Russia planned to negotiate with the Taliban"));
        assert_eq!(key, proposition_iri("Russia plans to negotiate with Taliban"));
        assert_ne!(key, proposition_iri("Russia plans to negotiate with Iran"));
    }
}
