//! The graph's vocabulary and the one place where instance IRIs are minted.
//!
//! Term IRIs follow `ontology/dossier.ttl` and the contract (`dos:`, `sem:`, `prov:`, `nif:`,
//! `gaf:`, `dct:`, `skos:`, `schema:`). Instance IRIs are minted from content only (a slug of a
//! name, a hash of a document's text or of an event's defining fields), so building the same
//! documents twice, or on two machines, gives the same IRIs.
//!
//! ```
//! use dossier::vocab;
//!
//! assert_eq!(vocab::discovered_actor("Antonio Giustozzi"), "https://w3id.org/dossier/id/actor/antonio_giustozzi");
//! assert_eq!(vocab::mention("https://w3id.org/dossier/id/doc/0123456789abcdef", 3, 10),
//!            "https://w3id.org/dossier/id/doc/0123456789abcdef#char=3,10");
//! ```

use sha2::{Digest, Sha256};

pub const DOS: &str = "https://w3id.org/dossier/ontology#";
pub const ID: &str = "https://w3id.org/dossier/id/";
pub const SEM: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
pub const GAF: &str = "http://groundedannotationframework.org/gaf#";
pub const DCT: &str = "http://purl.org/dc/terms/";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const SCHEMA: &str = "https://schema.org/";
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";

pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub const RDF_REIFIES: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies";
pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
pub const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
pub const DOS_DEMONYM: &str = "https://w3id.org/dossier/ontology#demonym";
pub const DOS_ROLE_LABEL: &str = "https://w3id.org/dossier/ontology#roleLabel";
pub const DOS_CAPITAL: &str = "https://w3id.org/dossier/ontology#capital";
pub const DOS_LOCATED_IN: &str = "https://w3id.org/dossier/ontology#locatedIn";
pub const DOS_AFFILIATION: &str = "https://w3id.org/dossier/ontology#affiliation";
pub const DOS_ROLES_VALID_FROM: &str = "https://w3id.org/dossier/ontology#rolesValidFrom";
pub const DOS_ROLES_VALID_UNTIL: &str = "https://w3id.org/dossier/ontology#rolesValidUntil";

/// Prefix declarations used by Turtle/TriG exports and prepended to user SPARQL queries.
pub const PREFIXES: [(&str, &str); 16] = [
    ("dos", DOS),
    ("id", ID),
    ("graph", "https://w3id.org/dossier/id/graph/"),
    ("actor", "https://w3id.org/dossier/id/actor/"),
    ("place", "https://w3id.org/dossier/id/place/"),
    ("sem", SEM),
    ("prov", PROV),
    ("nif", NIF),
    ("gaf", GAF),
    ("dct", DCT),
    ("skos", SKOS),
    ("schema", SCHEMA),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("owl", OWL),
];

/// A `dos:` term.
pub fn dos(local: &str) -> String {
    format!("{DOS}{local}")
}

/// A lower-case slug of a name: letters and digits kept, runs of anything else as `_`.
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('_') && !slug.is_empty() {
            slug.push('_');
        }
    }
    while slug.ends_with('_') {
        slug.pop();
    }
    // IRIs stay ASCII: percent-encode what is not.
    slug.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b == b'_' { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// IRI of an actor found in the text (not in the gazetteer), minted from its name.
pub fn discovered_actor(name: &str) -> String {
    format!("{ID}actor/{}", slug(name))
}

/// IRI of a document, from its content hash.
pub fn document(short_hash: &str) -> String {
    format!("{ID}doc/{short_hash}")
}

/// IRI of a text span of a document (NIF/RFC 5147 style, character offsets).
pub fn mention(document_iri: &str, begin: usize, end: usize) -> String {
    format!("{document_iri}#char={begin},{end}")
}

/// IRI of an event or claim: `id:{kind}/{hash}`, the hash of its defining fields.
pub fn hashed(kind: &str, fields: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for field in fields {
        hasher.update(field.as_bytes());
        hasher.update([0x1f]);
    }
    let digest = hasher.finalize();
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("{ID}{kind}/{hex}")
}

/// IRI of the named graph holding analysis results.
pub fn analysis_graph() -> String {
    format!("{ID}graph/analysis")
}

/// IRI of the named graph of the actor network's index, which builds keep ([`crate::links`]):
/// derived data, left out of exports.
pub fn network_graph() -> String {
    format!("{ID}graph/network")
}

/// IRI of the named graph where a build marks the documents whose source counts it has not
/// finished updating (`dos:PendingDocument`); empty except after an interrupted build.
pub fn build_graph() -> String {
    format!("{ID}graph/build")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_stable() {
        assert_eq!(slug("Royal United Services Institute"), "royal_united_services_institute");
        assert_eq!(slug("  Al-Qaeda's  "), "al_qaeda_s");
        assert_eq!(slug("Erdoğan"), "erdo%C4%9Fan");
        assert_eq!(hashed("event", &["a", "b"]), hashed("event", &["a", "b"]));
        assert_ne!(hashed("event", &["ab", ""]), hashed("event", &["a", "b"]));
    }
}
