//! Cross-document resolution: identity of events and claims, corroboration counts.
//!
//! Identity is minted from content, so the same event reported by several documents gets the
//! same IRI wherever and whenever it is built: an event is its PLOVER type, agents, targets and
//! date; a claim is its speaker and normalised content; actors are gazetteer IRIs or slugs of
//! their names. What resolution adds is what no single document knows: how many distinct
//! documents back each event and claim ([`Resolver`]). It starts from what the store already
//! holds for the items a batch touches, so building in several runs gives the same counts as
//! one build.
//!
//! ```
//! use dossier::resolve::Resolver;
//!
//! let mut resolver = Resolver::default();
//! resolver.record("https://w3id.org/dossier/id/event/1", "https://w3id.org/dossier/id/doc/a");
//! resolver.record("https://w3id.org/dossier/id/event/1", "https://w3id.org/dossier/id/doc/b");
//! resolver.seed([("https://w3id.org/dossier/id/event/1".to_string(), "https://w3id.org/dossier/id/doc/c".to_string())]);
//! assert_eq!(resolver.source_counts(), vec![("https://w3id.org/dossier/id/event/1".to_string(), 3)]);
//! ```

use std::collections::{BTreeMap, BTreeSet};

use crate::extract::{Claim, Event};
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

/// Collects which documents back which events and claims.
#[derive(Debug, Default, Clone)]
pub struct Resolver {
    sources: BTreeMap<String, BTreeSet<String>>,
}

impl Resolver {
    /// Records that document `document` reports item `item` (an event or claim IRI).
    pub fn record(&mut self, item: &str, document: &str) {
        self.sources.entry(item.to_string()).or_default().insert(document.to_string());
    }

    /// The items recorded so far (to ask the store what it already knows of them).
    pub fn items(&self) -> impl Iterator<Item = &str> {
        self.sources.keys().map(String::as_str)
    }

    /// Adds (item, document) pairs already in the store.
    pub fn seed(&mut self, known: impl IntoIterator<Item = (String, String)>) {
        for (item, document) in known {
            if let Some(set) = self.sources.get_mut(&item) {
                set.insert(document);
            }
        }
    }

    /// The number of distinct documents behind each recorded item, sorted by item.
    pub fn source_counts(&self) -> Vec<(String, usize)> {
        self.sources.iter().map(|(item, docs)| (item.clone(), docs.len())).collect()
    }
}
