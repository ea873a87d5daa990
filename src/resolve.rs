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
//! Resolution also finds claims that contradict each other ([`contradictions`]): claims of one
//! side (a speaker, or the state its officials speak for) that state opposite relations between
//! the same actors, or the same words with opposite polarity.
//!
//! ```
//! use dossier::resolve::Resolver;
//!
//! let mut resolver = Resolver::default();
//! resolver.record("https://w3id.org/dossier/id/event/1", "https://w3id.org/dossier/id/doc/a");
//! resolver.record("https://w3id.org/dossier/id/event/1", "https://w3id.org/dossier/id/doc/b");
//! // One stored document already backs the event.
//! resolver.seed_counts([Some(1)]);
//! let counts: Vec<_> = resolver.source_counts().collect();
//! assert_eq!(counts, [("https://w3id.org/dossier/id/event/1".to_string(), 1, 3)]);
//! ```

use std::collections::{BTreeMap, BTreeSet};

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
/// resolver.seed_counts([Some(3), None]);
/// let counts: Vec<_> = resolver.source_counts().collect();
/// assert_eq!(counts, [("event/a".to_string(), 3, 5), ("event/b".to_string(), 0, 1)]);
/// ```
#[derive(Debug, Default, Clone)]
pub struct Resolver {
    items: BTreeMap<ItemKey, Sources>,
    /// Each recorded document's number, in `Sources::documents`.
    documents: rustc_hash::FxHashMap<String, u32>,
}

/// An item's IRI as a [`Resolver`] holds it: one dossier minted ([`vocab::hashed`]: `id:event/` or
/// `id:claim/` and 16 hex digits) as its kind and number, 16 bytes instead of a 50-byte string
/// and its header (a window records about a million items); any other as text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum ItemKey {
    Minted(u8, u64),
    Other(Box<str>),
}

/// The kinds of minted item IRIs, as [`ItemKey::Minted`] numbers them.
const ITEM_KINDS: [&str; 2] = ["event/", "claim/"];

impl ItemKey {
    fn of(iri: &str) -> ItemKey {
        let minted = iri.strip_prefix(vocab::ID).and_then(|rest| {
            ITEM_KINDS.iter().enumerate().find_map(|(kind, prefix)| {
                let hex = rest.strip_prefix(prefix)?;
                // Only the form `iri` writes back: 16 lower-case hex digits.
                if hex.len() != 16 || !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
                    return None;
                }
                u64::from_str_radix(hex, 16).ok().map(|n| ItemKey::Minted(kind as u8, n))
            })
        });
        minted.unwrap_or_else(|| ItemKey::Other(iri.into()))
    }

    fn iri(&self) -> String {
        match self {
            ItemKey::Minted(kind, n) => format!("{}{}{n:016x}", vocab::ID, ITEM_KINDS[usize::from(*kind)]),
            ItemKey::Other(iri) => iri.to_string(),
        }
    }
}

/// The sources of one item.
#[derive(Debug, Default, Clone)]
struct Sources {
    /// Documents in the store.
    stored: usize,
    /// Recorded documents (numbers; repeats possible).
    documents: Vec<u32>,
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

    /// Sets how many stored documents back each item (`dos:sourceCount` in the store): one
    /// entry per item in the order of [`Resolver::items`], `None` for an item the store lacks
    /// (what [`crate::store::Store::stored_source_counts`] answers).
    pub fn seed_counts(&mut self, stored: impl IntoIterator<Item = Option<usize>>) {
        for (sources, count) in self.items.values_mut().zip(stored) {
            sources.stored = count.unwrap_or(0);
        }
    }

    /// Each recorded item with the number of stored documents behind it (as seeded) and of all
    /// distinct documents behind it, stored and recorded, in the order of the items (a window
    /// records about a million: they are counted one at a time, not collected).
    pub fn source_counts(&self) -> impl Iterator<Item = (String, usize, usize)> + '_ {
        self.items.iter().map(|(item, sources)| {
            // Documents are numbered as they come and recorded one after the other, so the
            // list is usually increasing already.
            let distinct = if sources.documents.windows(2).all(|w| w[0] < w[1]) {
                sources.documents.len()
            } else {
                let mut documents = sources.documents.clone();
                documents.sort_unstable();
                documents.dedup();
                documents.len()
            };
            (item.iri(), sources.stored, sources.stored + distinct)
        })
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
        .filter(|w| !crate::extract::text::is_negation(w) && !FUNCTION_WORDS.contains(w))
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

/// What a claim commits its speaker's side to, for finding contradictions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stance {
    /// The claim's IRI.
    pub claim: String,
    /// The state the speaker speaks for (a minister for their country), or the speaker.
    pub side: String,
    pub negative: bool,
    /// The relation it states: (agent IRI, PLOVER type, target IRI).
    pub relation: Option<(String, EventType, String)>,
    /// The proposition it states ([`proposition_iri`]).
    pub proposition: String,
}

impl Stance {
    /// Whether two claims of one side contradict each other: they state opposite kinds of
    /// relation between the same two actors (cooperation against conflict in PLOVER's quad
    /// classes: "will invite the Taliban to talks" against "is not planning to negotiate with the
    /// Taliban"), or, stating no such relation, they state the same proposition with opposite
    /// polarity ("will attend the summit" against "will not attend the summit").
    ///
    /// Both rules compare keys, never texts, so the build finds every contradicting pair with
    /// index lookups ([`crate::store::Store`] holds claims by relation and by proposition)
    /// whatever order the documents come in.
    pub fn contradicts(&self, other: &Stance) -> bool {
        if self.side != other.side || self.claim == other.claim {
            return false;
        }
        if let (Some((a1, t1, b1)), Some((a2, t2, b2))) = (&self.relation, &other.relation) {
            if a1 == a2 && b1 == b2 {
                return cooperative(*t1) != cooperative(*t2);
            }
        }
        self.negative != other.negative && self.proposition == other.proposition
    }
}

/// Whether a PLOVER type is cooperation (verbal or material) rather than conflict.
pub(crate) fn cooperative(event_type: EventType) -> bool {
    event_type.quad_class().ends_with("cooperation")
}

/// The pairs of contradicting claims (each pair once, sorted) among `new` and between `new` and
/// `known`. Claims are grouped by side and proposition and by side and related actors, so only
/// claims that could contradict each other are compared: the cost follows the number of
/// candidate pairs, not the square of the number of claims.
pub fn contradictions(new: &[Stance], known: &[Stance]) -> Vec<(String, String)> {
    contradicting_pairs(new, known, true)
}

/// The pairs of contradicting claims (each pair once, sorted) between `new` and `known` only,
/// as [`contradictions`] finds them: for a caller that has the pairs among `new` already and
/// compares them with the known claims a part at a time.
pub fn contradictions_between(new: &[Stance], known: &[Stance]) -> Vec<(String, String)> {
    contradicting_pairs(new, known, false)
}

fn contradicting_pairs(new: &[Stance], known: &[Stance], among_new: bool) -> Vec<(String, String)> {
    use std::collections::HashMap;
    // Indexed: the claims `new` is compared with (with `among_new`, the new ones first).
    let all: Vec<&Stance> = if among_new { new.iter().chain(known).collect() } else { known.iter().collect() };
    let mut by_proposition: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    let mut by_actors: HashMap<(&str, &str, &str), Vec<usize>> = HashMap::new();
    for (i, stance) in all.iter().enumerate() {
        by_proposition.entry((&stance.side, &stance.proposition)).or_default().push(i);
        if let Some((agent, _, target)) = &stance.relation {
            by_actors.entry((&stance.side, agent, target)).or_default().push(i);
        }
    }
    let mut pairs = BTreeSet::new();
    for (i, a) in new.iter().enumerate() {
        let mut candidates: Vec<usize> =
            by_proposition.get(&(a.side.as_str(), a.proposition.as_str())).cloned().unwrap_or_default();
        if let Some((agent, _, target)) = &a.relation {
            candidates.extend(by_actors.get(&(a.side.as_str(), agent.as_str(), target.as_str())).into_iter().flatten());
        }
        for j in candidates {
            // Each pair of new claims once; new against known always.
            if among_new && j <= i && j < new.len() {
                continue;
            }
            let b = all[j];
            if a.contradicts(b) {
                let (x, y) = if a.claim < b.claim { (&a.claim, &b.claim) } else { (&b.claim, &a.claim) };
                pairs.insert((x.clone(), y.clone()));
            }
        }
    }
    pairs.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stance(
        claim: &str,
        side: &str,
        negative: bool,
        relation: Option<(&str, EventType, &str)>,
        text: &str,
    ) -> Stance {
        Stance {
            claim: claim.into(),
            side: side.into(),
            negative,
            relation: relation.map(|(a, t, b)| (a.to_string(), t, b.to_string())),
            proposition: proposition_iri(text),
        }
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
        let invite = stance(
            "c1",
            "russia",
            false,
            Some(("russia", EventType::Consult, "taliban")),
            "Russia will invite the Taliban",
        );
        let refuse = stance(
            "c2",
            "russia",
            true,
            Some(("russia", EventType::Reject, "taliban")),
            "Russia is not planning to negotiate",
        );
        let other_side = stance(
            "c3",
            "usa",
            true,
            Some(("russia", EventType::Reject, "taliban")),
            "Russia is not planning to negotiate",
        );
        assert!(invite.contradicts(&refuse));
        assert!(!invite.contradicts(&other_side), "different sides do not contradict each other");
        assert_eq!(
            contradictions(std::slice::from_ref(&refuse), &[invite.clone(), other_side]),
            vec![("c1".into(), "c2".into())]
        );
    }

    #[test]
    fn same_words_opposite_polarity_contradict() {
        let yes = stance("c1", "iran", false, None, "Iran will attend the summit in Kabul");
        let no = stance("c2", "iran", true, None, "Iran will not attend the summit in Kabul");
        let unrelated = stance("c3", "iran", true, None, "the border stays closed to refugees");
        let other_side = stance("c4", "iraq", true, None, "Iran will not attend the summit in Kabul");
        assert!(yes.contradicts(&no));
        assert!(!yes.contradicts(&unrelated));
        assert!(!yes.contradicts(&other_side), "a denial by another side is disagreement, not contradiction");
    }

    #[test]
    fn contradictions_between_leave_out_pairs_among_the_new() {
        let yes = stance("c1", "iran", false, None, "Iran will attend the summit in Kabul");
        let no = stance("c2", "iran", true, None, "Iran will not attend the summit in Kabul");
        let stored = stance("c0", "iran", true, None, "Iran would not attend the summit in Kabul");
        let new = [yes, no];
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(contradictions(&new, std::slice::from_ref(&stored)), [pair("c0", "c1"), pair("c1", "c2")]);
        assert_eq!(contradictions_between(&new, std::slice::from_ref(&stored)), [pair("c0", "c1")]);
        assert_eq!(contradictions_between(&new, &[]), []);
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
