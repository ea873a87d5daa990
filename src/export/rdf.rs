//! RDF exports that read well where they go: Turtle for people, compacted JSON-LD for JSON-LD
//! tools, and the streamed formats (N-Quads, TriG, N-Triples) for bulk loading.
//!
//! - **Turtle**: the vocabulary's prefixes (sorted by name), statements grouped by subject
//!   (subjects sorted by IRI, `a` first, then predicates and objects sorted), an IRI written as
//!   a prefixed name when its local part is legal in Turtle without escapes (`actor:taliban`,
//!   `claim:027385b3f6ad869c`), else whole (a mention's `<https://w3id.org/dossier/id/doc/4e61…#char=3,9>`);
//!   integers bare. The default graph,
//!   held and sorted in memory.
//! - **JSON-LD**: compacted with an `@context` of the vocabulary's prefixes: keys and IRIs as
//!   compact IRIs (`"dos:agent": {"@id": "actor:taliban"}`), `rdf:type` as `@type`, one value
//!   without an array, plain strings and integers as JSON strings and numbers; one node object
//!   per subject, sorted by `@id`. The default graph without the `rdf:reifies` triple terms
//!   (JSON-LD 1.1 has no triple terms).
//! - N-Quads, TriG, N-Triples: [`Store::write`], streamed in constant memory.
//!
//! ```
//! use dossier::export::{rdf::write_rdf, ExportFormat};
//! use dossier::store::Store;
//!
//! let store = Store::memory()?;
//! store.update("INSERT DATA { actor:x a dos:Person ; rdfs:label \"X\" ; dos:n 3 }")?;
//! let mut turtle = Vec::new();
//! assert_eq!(write_rdf(&store, ExportFormat::Turtle, &mut turtle)?, 3);
//! assert!(String::from_utf8(turtle)?.contains("actor:x a dos:Person ;\n    dos:n 3 ;\n    rdfs:label \"X\" .\n"));
//! let mut json = Vec::new();
//! write_rdf(&store, ExportFormat::JsonLd, &mut json)?;
//! let json: serde_json::Value = serde_json::from_slice(&json)?;
//! assert_eq!(json["@graph"][0]["@type"], "dos:Person");
//! assert_eq!(json["@context"]["dos"], "https://w3id.org/dossier/ontology#");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::io::{self, Write};

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, Literal, Term, Triple};
use serde_json::{Map, Value};

use super::ExportFormat;
use crate::store::{Store, StoreError};
use crate::vocab;

/// What an RDF export of `n` statements wrote, in words: "1,234 triples" (quads for N-Quads
/// and TriG).
///
/// ```
/// use dossier::export::{rdf::statements, ExportFormat};
/// assert_eq!(statements(ExportFormat::NQuads, 1234), "1,234 quads");
/// assert_eq!(statements(ExportFormat::Turtle, 1), "1 triples");
/// ```
pub fn statements(format: ExportFormat, n: usize) -> String {
    let noun = if matches!(format, ExportFormat::NQuads | ExportFormat::TriG) { "quads" } else { "triples" };
    format!("{} {noun}", super::thousands(n))
}

/// Writes the store in an RDF `format` (see the module's documentation for each); returns how
/// many statements it wrote. Formats that are not RDF write nothing and return 0.
pub fn write_rdf(store: &Store, format: ExportFormat, out: impl Write) -> Result<usize, StoreError> {
    match format {
        ExportFormat::Turtle => {
            let triples = default_graph(store, true)?;
            write_turtle_triples(&triples, out)?;
            Ok(triples.len())
        }
        ExportFormat::JsonLd => {
            let triples = default_graph(store, false)?;
            write_jsonld_triples(&triples, out)?;
            Ok(triples.len())
        }
        other => match other.rdf_format() {
            Some(rdf_format) => store.write(rdf_format, out),
            None => Ok(0),
        },
    }
}

/// The default graph's triples, sorted; without triple terms unless `triple_terms`.
fn default_graph(store: &Store, triple_terms: bool) -> Result<Vec<Triple>, StoreError> {
    let mut triples = Vec::new();
    for quad in store.oxigraph().quads_for_pattern(None, None, None, Some(oxigraph::model::GraphNameRef::DefaultGraph))
    {
        let quad = quad?;
        debug_assert!(quad.graph_name == GraphName::DefaultGraph);
        if !triple_terms && crate::rdf::has_triple_term(&quad) {
            continue;
        }
        triples.push(Triple::new(quad.subject, quad.predicate, quad.object));
    }
    triples.sort_by_cached_key(|t| t.to_string());
    Ok(triples)
}

/// The prefixes of Turtle and JSON-LD exports: the vocabulary's, and those of the instances
/// minted by hash (`doc:`, `event:`, `claim:`, `position:`, `proposition:`), sorted by name.
pub fn export_prefixes() -> Vec<(&'static str, &'static str)> {
    let mut prefixes: Vec<(&str, &str)> = vocab::PREFIXES.to_vec();
    prefixes.extend([
        ("doc", "https://w3id.org/dossier/id/doc/"),
        ("event", "https://w3id.org/dossier/id/event/"),
        ("claim", "https://w3id.org/dossier/id/claim/"),
        ("position", "https://w3id.org/dossier/id/position/"),
        ("proposition", "https://w3id.org/dossier/id/proposition/"),
    ]);
    prefixes.sort();
    prefixes
}

/// Writes triples as Turtle: prefixes sorted, grouped by subject, sorted (whatever order they
/// come in), prefixed names where legal.
pub fn write_turtle_triples(triples: &[Triple], mut out: impl Write) -> io::Result<()> {
    for (prefix, iri) in export_prefixes() {
        writeln!(out, "@prefix {prefix}: <{iri}> .")?;
    }
    // subject -> predicate -> objects, each sorted by how they are written.
    let mut grouped: BTreeMap<String, BTreeMap<(bool, String), Vec<String>>> = BTreeMap::new();
    for triple in triples {
        let subject = turtle_term(&triple.subject.clone().into());
        let predicate = if triple.predicate.as_str() == vocab::RDF_TYPE {
            (false, "a".to_string())
        } else {
            (true, turtle_iri(triple.predicate.as_str()))
        };
        grouped.entry(subject).or_default().entry(predicate).or_default().push(turtle_term(&triple.object));
    }
    for (subject, predicates) in grouped {
        writeln!(out)?;
        write!(out, "{subject}")?;
        let n = predicates.len();
        for (i, ((_, predicate), mut objects)) in predicates.into_iter().enumerate() {
            objects.sort();
            objects.dedup();
            let indent = if i == 0 { " " } else { "    " };
            let end = if i + 1 == n { " ." } else { " ;" };
            writeln!(out, "{indent}{predicate} {}{end}", objects.join(" , "))?;
        }
    }
    Ok(())
}

/// An IRI as Turtle: a prefixed name when its local part needs no escape, else `<IRI>`.
fn turtle_iri(iri: &str) -> String {
    export_prefixes()
        .into_iter()
        .filter(|(_, base)| iri.starts_with(base))
        .map(|(prefix, base)| (prefix, &iri[base.len()..]))
        .filter(|(_, local)| legal_local_name(local))
        .max_by_key(|(_, local)| std::cmp::Reverse(local.len()))
        .map(|(prefix, local)| format!("{prefix}:{local}"))
        .unwrap_or_else(|| format!("<{iri}>"))
}

/// Whether `local` is a Turtle `PN_LOCAL` without escapes: letters, digits, `_`, and `-` or `.`
/// inside (not first; `.` not last). The empty local name is legal (`dos:`).
fn legal_local_name(local: &str) -> bool {
    let chars: Vec<char> = local.chars().collect();
    let inner = |c: char| c.is_alphanumeric() || c == '_' || c == '-' || c == '.';
    match (chars.first(), chars.last()) {
        (None, _) => true,
        (Some(&first), Some(&last)) => {
            (first.is_alphanumeric() || first == '_') && last != '.' && chars.iter().all(|&c| inner(c))
        }
        _ => false,
    }
}

fn turtle_term(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => turtle_iri(n.as_str()),
        Term::BlankNode(b) => b.to_string(),
        Term::Literal(l) => turtle_literal(l),
        Term::Triple(t) => format!(
            "<<( {} {} {} )>>",
            turtle_term(&t.subject.clone().into()),
            turtle_iri(t.predicate.as_str()),
            turtle_term(&t.object)
        ),
    }
}

fn turtle_literal(literal: &Literal) -> String {
    let quoted = Literal::new_simple_literal(literal.value()).to_string();
    if let Some(language) = literal.language() {
        return format!("{quoted}@{language}");
    }
    let datatype = literal.datatype().as_str();
    if datatype == format!("{}string", vocab::XSD) {
        quoted
    } else if datatype == format!("{}integer", vocab::XSD) && canonical_integer(literal.value()).is_some() {
        literal.value().to_string()
    } else {
        format!("{quoted}^^{}", turtle_iri(datatype))
    }
}

/// The value of an integer written canonically ("3", "-12"; not "03" or "+3").
fn canonical_integer(text: &str) -> Option<i64> {
    let value: i64 = text.parse().ok()?;
    (value.to_string() == text).then_some(value)
}

/// Writes triples as compacted JSON-LD (see the module's documentation).
pub fn write_jsonld_triples(triples: &[Triple], mut out: impl Write) -> io::Result<()> {
    let mut serializer =
        RdfSerializer::from_format(RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() }).for_writer(Vec::new());
    for triple in triples {
        if matches!(triple.object, Term::Triple(_)) {
            continue;
        }
        serializer.serialize_triple(triple)?;
    }
    let expanded: Value = serde_json::from_slice(&serializer.finish()?).map_err(io::Error::other)?;
    serde_json::to_writer_pretty(&mut out, &compact_jsonld(expanded)).map_err(io::Error::other)?;
    writeln!(out)
}

/// Compacts expanded JSON-LD (an array of node objects, or an object with `@graph`) with an
/// `@context` of the vocabulary's prefixes: one node object per `@id`, sorted.
///
/// ```
/// use serde_json::json;
///
/// let expanded = json!([{ "@id": "https://w3id.org/dossier/id/actor/x",
///     "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": [{ "@id": "https://w3id.org/dossier/ontology#Person" }],
///     "http://www.w3.org/2000/01/rdf-schema#label": [{ "@value": "X" }] }]);
/// let compact = dossier::export::compact_jsonld(expanded);
/// assert_eq!(compact["@graph"][0], json!({ "@id": "actor:x", "@type": "dos:Person", "rdfs:label": "X" }));
/// ```
pub fn compact_jsonld(expanded: Value) -> Value {
    let nodes = match expanded {
        Value::Array(nodes) => nodes,
        Value::Object(mut object) => match object.remove("@graph") {
            Some(Value::Array(nodes)) => nodes,
            _ => vec![Value::Object(object)],
        },
        other => vec![other],
    };
    let mut by_id: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let mut anonymous = Vec::new();
    for node in nodes {
        let Value::Object(node) = node else { continue };
        let compacted = compact_node(node);
        match compacted.get("@id").and_then(Value::as_str).map(str::to_string) {
            Some(id) => {
                let merged = by_id.entry(id).or_default();
                for (key, value) in compacted {
                    merge(merged, key, value);
                }
            }
            None => anonymous.push(Value::Object(compacted)),
        }
    }
    let mut context = Map::new();
    for (prefix, iri) in export_prefixes() {
        context.insert(prefix.to_string(), Value::from(iri));
    }
    let mut graph: Vec<Value> = by_id.into_values().map(Value::Object).collect();
    graph.extend(anonymous);
    let mut document = Map::new();
    document.insert("@context".into(), Value::Object(context));
    document.insert("@graph".into(), Value::Array(graph));
    Value::Object(document)
}

/// Adds a compacted value under `key`, making an array when the key is already there.
fn merge(node: &mut Map<String, Value>, key: String, value: Value) {
    match node.remove(&key) {
        None => {
            node.insert(key, value);
        }
        Some(existing) if key == "@id" => {
            node.insert(key, existing);
        }
        Some(existing) => {
            let mut list = match existing {
                Value::Array(list) => list,
                one => vec![one],
            };
            match value {
                Value::Array(more) => list.extend(more),
                one => list.push(one),
            }
            node.insert(key, Value::Array(list));
        }
    }
}

/// A compact IRI (`dos:agent`) for an absolute IRI under one of [`export_prefixes`], else the
/// IRI whole.
pub(crate) fn compact_iri(iri: &str) -> String {
    export_prefixes()
        .into_iter()
        .filter(|(_, base)| iri.starts_with(base) && iri.len() > base.len() && !iri[base.len()..].starts_with("//"))
        .max_by_key(|(_, base)| base.len())
        .map(|(prefix, base)| format!("{prefix}:{}", &iri[base.len()..]))
        .unwrap_or_else(|| iri.to_string())
}

fn compact_node(node: Map<String, Value>) -> Map<String, Value> {
    let mut compacted = Map::new();
    for (key, value) in node {
        match key.as_str() {
            "@id" => {
                let id = value.as_str().map(compact_iri).map(Value::from).unwrap_or(value);
                compacted.insert(key, id);
            }
            _ if key == vocab::RDF_TYPE || key == "@type" => {
                let types: Vec<Value> = match value {
                    Value::Array(list) => list,
                    one => vec![one],
                }
                .into_iter()
                .map(|t| match t {
                    Value::Object(mut o) => o.remove("@id").unwrap_or(Value::Object(o)),
                    other => other,
                })
                .map(|t| t.as_str().map(compact_iri).map(Value::from).unwrap_or(t))
                .collect();
                merge(&mut compacted, "@type".into(), single(types));
            }
            _ if key.starts_with('@') => {
                compacted.insert(key, value);
            }
            _ => {
                let values: Vec<Value> = match value {
                    Value::Array(list) => list,
                    one => vec![one],
                }
                .into_iter()
                .map(compact_value)
                .collect();
                merge(&mut compacted, compact_iri(&key), single(values));
            }
        }
    }
    compacted
}

fn single(mut values: Vec<Value>) -> Value {
    if values.len() == 1 {
        values.remove(0)
    } else {
        Value::Array(values)
    }
}

/// A value object or node reference, compacted: `{"@id": "actor:x"}`, `"text"`, `3`,
/// `{"@value": "2021-10-07", "@type": "xsd:date"}`.
fn compact_value(value: Value) -> Value {
    let Value::Object(mut object) = value else { return value };
    if let Some(Value::String(id)) = object.get("@id") {
        let id = compact_iri(id);
        object.insert("@id".into(), Value::from(id));
        return Value::Object(object);
    }
    let datatype = object.get("@type").and_then(Value::as_str).map(str::to_string);
    let text = object.get("@value").and_then(Value::as_str).map(str::to_string);
    match (text, datatype) {
        (Some(text), None) if !object.contains_key("@language") => Value::from(text),
        (Some(text), Some(datatype)) if datatype == format!("{}integer", vocab::XSD) => {
            match canonical_integer(&text) {
                Some(n) => Value::from(n),
                None => {
                    object.insert("@type".into(), Value::from(compact_iri(&datatype)));
                    Value::Object(object)
                }
            }
        }
        (Some(text), Some(datatype)) if datatype == format!("{}string", vocab::XSD) => Value::from(text),
        (_, Some(datatype)) => {
            object.insert("@type".into(), Value::from(compact_iri(&datatype)));
            Value::Object(object)
        }
        _ => Value::Object(object),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_names_are_prefixed_only_where_legal() {
        assert_eq!(turtle_iri("https://w3id.org/dossier/id/actor/taliban"), "actor:taliban");
        assert_eq!(turtle_iri("https://w3id.org/dossier/ontology#CONSULT"), "dos:CONSULT");
        assert_eq!(
            turtle_iri("https://w3id.org/dossier/id/doc/4e61#char=1,2"),
            "<https://w3id.org/dossier/id/doc/4e61#char=1,2>"
        );
        assert_eq!(turtle_iri("https://w3id.org/dossier/id/doc/4e61"), "doc:4e61");
        assert_eq!(turtle_iri("https://w3id.org/dossier/id/graph/analysis"), "graph:analysis");
        assert_eq!(turtle_iri("https://w3id.org/dossier/id/actor/al_qaeda_s"), "actor:al_qaeda_s");
        assert_eq!(
            turtle_iri("https://w3id.org/dossier/id/actor/erdo%C4%9Fan"),
            "<https://w3id.org/dossier/id/actor/erdo%C4%9Fan>"
        );
        assert!(!legal_local_name("a."));
        assert!(!legal_local_name("-a"));
        assert!(legal_local_name("a.b-c"));
    }

    #[test]
    fn turtle_is_grouped_sorted_and_parses_back_to_the_same_triples() {
        let store = Store::memory().unwrap();
        store
            .update(
                "INSERT DATA { actor:b rdfs:label \"B \\\"quoted\\\"\"@en ; a dos:Person . actor:a dos:n 3 ; dos:d \"2021-10-07\"^^xsd:date ;
                 dos:knows actor:b , actor:a . <https://w3id.org/dossier/id/doc/1#char=0,3> nif:anchorOf \"x\" .
                 id:claim\\/1 rdf:reifies <<( actor:a dos:consult actor:b )>> }",
            )
            .unwrap();
        let mut out = Vec::new();
        assert_eq!(write_rdf(&store, ExportFormat::Turtle, &mut out).unwrap(), 8);
        let text = String::from_utf8(out).unwrap();
        let a = text.find("\nactor:a ").unwrap();
        let b = text.find("\nactor:b ").unwrap();
        assert!(a < b, "{text}");
        assert!(
            text.contains(
                "actor:a dos:d \"2021-10-07\"^^xsd:date ;\n    dos:knows actor:a , actor:b ;\n    dos:n 3 .\n"
            ),
            "{text}"
        );
        assert!(text.contains("actor:b a dos:Person ;\n"), "{text}");
        assert!(text.contains("<<( actor:a dos:consult actor:b )>>"), "{text}");
        let back = Store::memory().unwrap();
        back.load(RdfFormat::Turtle, text.as_bytes()).unwrap();
        assert_eq!(back.sorted_quads().unwrap(), store.sorted_quads().unwrap());
    }

    #[test]
    fn jsonld_is_compacted_and_expands_back_to_the_same_triples() {
        let store = Store::memory().unwrap();
        store
            .update(
                "INSERT DATA { actor:a a dos:Person , dos:Actor ; rdfs:label \"A\" ; dos:n 3 ; dos:d \"2021-10-07\"^^xsd:date ;
                 dos:knows actor:b ; skos:altLabel \"a\"@en . }",
            )
            .unwrap();
        let mut out = Vec::new();
        write_rdf(&store, ExportFormat::JsonLd, &mut out).unwrap();
        let json: Value = serde_json::from_slice(&out).unwrap();
        let node = &json["@graph"][0];
        assert_eq!(node["@id"], "actor:a");
        assert_eq!(node["@type"], serde_json::json!(["dos:Actor", "dos:Person"]));
        assert_eq!(node["dos:n"], 3);
        assert_eq!(node["rdfs:label"], "A");
        assert_eq!(node["dos:knows"], serde_json::json!({ "@id": "actor:b" }));
        assert_eq!(node["dos:d"], serde_json::json!({ "@value": "2021-10-07", "@type": "xsd:date" }));
        let back = Store::memory().unwrap();
        back.load(RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() }, out.as_slice()).unwrap();
        assert_eq!(back.sorted_quads().unwrap(), store.sorted_quads().unwrap());
    }
}
