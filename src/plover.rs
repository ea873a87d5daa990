//! The PLOVER event ontology: the 16 event types and their quad classes.
//!
//! ```
//! use dossier::plover::EventType;
//!
//! let consult: EventType = "CONSULT".parse()?;
//! assert_eq!(consult.quad_class(), "verbal cooperation");
//! assert_eq!(consult.relation_name(), "consult");
//! # Ok::<(), dossier::plover::UnknownEventType>(())
//! ```

use std::fmt;
use std::str::FromStr;

/// A PLOVER event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl EventType {
    pub const ALL: [EventType; 16] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
    ];

    /// Whether the act is material (force, coercion, deployment, withdrawal, sanctions, aid)
    /// rather than verbal or diplomatic (meeting, agreeing, asking, accusing ...).
    pub fn is_material(self) -> bool {
        matches!(
            self,
            EventType::Assault
                | EventType::Coerce
                | EventType::Mobilize
                | EventType::Retreat
                | EventType::Sanction
                | EventType::Aid
        )
    }

    /// The upper-case PLOVER name, also the local name of the `dos:` individual.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    /// The lower-case name of the `dos:` property relating agent to target (`dos:consult`).
    pub fn relation_name(self) -> &'static str {
        match self {
            EventType::Agree => "agree",
            EventType::Consult => "consult",
            EventType::Support => "support",
            EventType::Concede => "concede",
            EventType::Cooperate => "cooperate",
            EventType::Aid => "aid",
            EventType::Retreat => "retreat",
            EventType::Request => "request",
            EventType::Accuse => "accuse",
            EventType::Reject => "reject",
            EventType::Threaten => "threaten",
            EventType::Protest => "protest",
            EventType::Sanction => "sanction",
            EventType::Mobilize => "mobilize",
            EventType::Coerce => "coerce",
            EventType::Assault => "assault",
        }
    }

    /// PLOVER's quad class.
    pub fn quad_class(self) -> &'static str {
        match self {
            EventType::Agree | EventType::Consult | EventType::Support | EventType::Concede => "verbal cooperation",
            EventType::Cooperate | EventType::Aid | EventType::Retreat => "material cooperation",
            EventType::Request | EventType::Accuse | EventType::Reject | EventType::Threaten => "verbal conflict",
            _ => "material conflict",
        }
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not one of the 16 PLOVER types.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown PLOVER event type {0:?} (expected one of AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT)")]
pub struct UnknownEventType(pub String);

impl FromStr for EventType {
    type Err = UnknownEventType;

    fn from_str(text: &str) -> Result<EventType, UnknownEventType> {
        let upper = text.trim().to_ascii_uppercase();
        EventType::ALL.into_iter().find(|t| t.as_str() == upper).ok_or(UnknownEventType(text.to_string()))
    }
}
