//! CSV tables: the actor network for Gephi, events and claims for spreadsheets.
//!
//! All files are UTF-8 CSV (RFC 4180: comma-separated, fields with commas, quotes or line
//! breaks double-quoted) with a header row. Lists inside a cell are joined with `"; "`;
//! evidence sentences, which may hold semicolons, are joined with a line break. Rows are
//! sorted: nodes and edges by IRI, events and claims as [`traverse`](crate::traverse) orders
//! them (by date, undated last).
//!
//! **`nodes.csv`**, one row per actor of the network (Gephi's node table):
//!
//! | column | content |
//! |---|---|
//! | `Id` | actor IRI |
//! | `Label` | actor name |
//! | `Type` | actor class in the `dos:` vocabulary (`Person`, `Country`, `ArmedGroup`, ...) |
//! | `Degree` | degree centrality, (in + out) / (n − 1) |
//! | `PageRank` | PageRank (damping 0.85, weighted), sums to 1 over the network |
//! | `Betweenness` | normalised betweenness centrality of the undirected view |
//!
//! Scores have six decimals; see [`Metric`] for their exact definitions.
//!
//! **`edges.csv`**, one row per ordered pair of linked actors (Gephi's edge table):
//!
//! | column | content |
//! |---|---|
//! | `Source`, `Target` | actor IRIs: agent → target of events, speaker → subject of claims |
//! | `Type` | always `Directed` |
//! | `Weight` | the number of supporting events and claims (or of sources, per [`Weight`](crate::analysis::Weight)) |
//! | `Sources` | the reports behind them: their source counts added up |
//! | `Label` | kinds of evidence with counts: `CONSULT x2, claim` |
//!
//! **`events.csv`**, one row per event:
//!
//! | column | content |
//! |---|---|
//! | `iri` | event IRI |
//! | `date` | `YYYY-MM-DD`, empty when undated; the first day of the period for coarser precisions |
//! | `precision` | `day`, `week`, `month` or `year` |
//! | `type` | PLOVER event type (`CONSULT`, `ASSAULT`, ...) |
//! | `mode` | PLOVER mode (`visit`, `phone`, ...), may be empty |
//! | `status` | `occurred`, `planned` or `negated` |
//! | `agents`, `targets` | actor names |
//! | `place` | place name |
//! | `sources` | number of documents reporting the event |
//! | `files` | file names of those documents |
//! | `sentence` | the sentences stating the event, one per line |
//!
//! **`claims.csv`**, one row per claim:
//!
//! | column | content |
//! |---|---|
//! | `iri` | claim IRI |
//! | `date` | `YYYY-MM-DD` when the claim was made, empty when unknown |
//! | `speaker` | name of the claimant |
//! | `modality` | `asserted`, `promised`, `warned`, `denied` or `questioned` (the reporting verb's class) |
//! | `polarity` | `positive` or `negative` |
//! | `content` | what was claimed, as written |
//! | `about` | names of the actors the claim is about |
//! | `sources` | number of documents reporting the claim |
//! | `files` | file names of those documents |
//! | `contradicted_by` | number of claims that contradict this one (of its side, taking a position opposite to one it takes) |
//! | `opposite_positions` | IRIs of those positions (`dos:position`); the claims taking them are the claims this one contradicts (the pairs are not listed: their number is the product of the two sides of a question) |

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use petgraph::visit::EdgeRef;

use super::{fixed, sorted_edges, sorted_nodes, ExportError};
use crate::analysis::{centrality, ActorNetwork, Metric};
use crate::store::Store;
use crate::traverse::{self, ClaimRecord, EventRecord, Participant};

/// Writes `nodes.csv` and `edges.csv` into `dir` (created if needed).
pub fn write_csv(network: &ActorNetwork, dir: &Path) -> Result<(), ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Write { path: dir.display().to_string(), source })?;
    to_file(&dir.join("nodes.csv"), |out| write_nodes_csv(network, out))?;
    to_file(&dir.join("edges.csv"), |out| write_edges_csv(network, out))?;
    Ok(())
}

/// Writes `nodes.csv`, `edges.csv` (of `network`), `events.csv` and `claims.csv` (of the whole
/// store) into `dir` (created if needed); returns the paths written.
pub fn write_tables(store: &Store, network: &ActorNetwork, dir: &Path) -> Result<Vec<PathBuf>, ExportError> {
    write_csv(network, dir)?;
    let events = traverse::events(store, None)?;
    let claims = traverse::claims(store, None)?;
    let contradictions = traverse::contradictions(store)?;
    to_file(&dir.join("events.csv"), |out| write_events_csv(&events, out))?;
    to_file(&dir.join("claims.csv"), |out| write_claims_csv(&claims, &contradictions, out))?;
    Ok(["nodes.csv", "edges.csv", "events.csv", "claims.csv"].iter().map(|name| dir.join(name)).collect())
}

/// Creates `path` and writes it, naming the file in errors.
fn to_file(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let name = || path.display().to_string();
    let mut out = BufWriter::new(File::create(path).map_err(|source| ExportError::Write { path: name(), source })?);
    write(&mut out).map_err(|error| match error {
        ExportError::Csv { source, .. } => ExportError::Csv { path: name(), source },
        other => other,
    })?;
    out.flush().map_err(|source| ExportError::Write { path: name(), source })
}

/// A CSV error of a stream without a name (the caller names the file).
fn unnamed(source: csv::Error) -> ExportError {
    ExportError::Csv { path: "the output".to_string(), source }
}

/// Writes the node table (see the [module docs](self)).
pub fn write_nodes_csv(network: &ActorNetwork, out: impl Write) -> Result<(), ExportError> {
    let graph = &network.graph;
    let degree = centrality::compute(network, Metric::Degree)?;
    let pagerank = centrality::compute(network, Metric::PageRank)?;
    let betweenness = centrality::compute(network, Metric::Betweenness)?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(["Id", "Label", "Type", "Degree", "PageRank", "Betweenness"]).map_err(unnamed)?;
    for n in sorted_nodes(graph) {
        let actor = &graph[n];
        let i = n.index();
        writer
            .write_record([
                actor.iri.as_str(),
                actor.label.as_str(),
                actor.kind.class_name(),
                &fixed(degree[i]),
                &fixed(pagerank[i]),
                &fixed(betweenness[i]),
            ])
            .map_err(unnamed)?;
    }
    writer.flush().map_err(|source| unnamed(source.into()))?;
    Ok(())
}

/// Writes the edge table (see the [module docs](self)).
pub fn write_edges_csv(network: &ActorNetwork, out: impl Write) -> Result<(), ExportError> {
    let graph = &network.graph;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(["Source", "Target", "Type", "Weight", "Sources", "Label"]).map_err(unnamed)?;
    for edge in sorted_edges(graph) {
        let link = edge.weight();
        writer
            .write_record([
                graph[edge.source()].iri.as_str(),
                graph[edge.target()].iri.as_str(),
                "Directed",
                &link.weight().to_string(),
                &link.sources().to_string(),
                &link.summary(),
            ])
            .map_err(unnamed)?;
    }
    writer.flush().map_err(|source| unnamed(source.into()))?;
    Ok(())
}

fn names(list: &[Participant]) -> String {
    list.iter().map(|p| p.label.as_str()).collect::<Vec<_>>().join("; ")
}

fn files(evidence: &[traverse::Evidence]) -> String {
    let files: BTreeSet<&str> = evidence.iter().map(|e| e.file_name.as_str()).collect();
    files.into_iter().collect::<Vec<_>>().join("; ")
}

/// Writes the event table (see the [module docs](self)).
pub fn write_events_csv(events: &[EventRecord], out: impl Write) -> Result<(), ExportError> {
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record([
            "iri",
            "date",
            "precision",
            "type",
            "mode",
            "status",
            "agents",
            "targets",
            "place",
            "sources",
            "files",
            "sentence",
        ])
        .map_err(unnamed)?;
    for event in events {
        let sentences: BTreeSet<&str> = event.evidence.iter().map(|e| e.sentence.as_str()).collect();
        writer
            .write_record([
                event.iri.as_str(),
                event.date.as_deref().unwrap_or(""),
                event.precision.as_deref().unwrap_or(""),
                &event.event_type,
                event.mode.as_deref().unwrap_or(""),
                &event.status,
                &names(&event.agents),
                &names(&event.targets),
                event.place.as_ref().map_or("", |p| p.label.as_str()),
                &event.sources.to_string(),
                &files(&event.evidence),
                &sentences.into_iter().collect::<Vec<_>>().join("\n"),
            ])
            .map_err(unnamed)?;
    }
    writer.flush().map_err(|source| unnamed(source.into()))?;
    Ok(())
}

/// Writes the claim table (see the [module docs](self)); `contradictions` as
/// [`traverse::contradictions`] gives them.
pub fn write_claims_csv(
    claims: &[ClaimRecord],
    contradictions: &[traverse::Contradiction],
    out: impl Write,
) -> Result<(), ExportError> {
    let counts = traverse::contradicted_counts(contradictions);
    let mut opposite: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for contradiction in contradictions {
        for (side, other) in [(0, 1), (1, 0)] {
            for claim in &contradiction.sides[side].claims {
                opposite.entry(&claim.iri).or_default().insert(&contradiction.sides[other].position);
            }
        }
    }
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record([
            "iri",
            "date",
            "speaker",
            "modality",
            "polarity",
            "content",
            "about",
            "sources",
            "files",
            "contradicted_by",
            "opposite_positions",
        ])
        .map_err(unnamed)?;
    for claim in claims {
        let positions = opposite.get(claim.iri.as_str()).map(|set| set.iter().copied().collect::<Vec<_>>());
        writer
            .write_record([
                claim.iri.as_str(),
                claim.date.as_deref().unwrap_or(""),
                &claim.claimant.label,
                &claim.modality,
                &claim.polarity,
                &claim.content,
                &names(&claim.about),
                &claim.sources.to_string(),
                &files(&claim.evidence),
                &counts.get(&claim.iri).copied().unwrap_or(0).to_string(),
                &positions.unwrap_or_default().join("; "),
            ])
            .map_err(unnamed)?;
    }
    writer.flush().map_err(|source| unnamed(source.into()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::traverse::Evidence;

    fn participant(label: &str) -> Participant {
        Participant { iri: format!("https://example.org/{label}"), label: label.into() }
    }

    fn claim(iri: &str, content: &str) -> ClaimRecord {
        ClaimRecord {
            iri: iri.into(),
            claimant: participant("Peskov"),
            content: content.into(),
            date: None,
            reported: None,
            modality: "asserted".into(),
            polarity: "negative".into(),
            sources: 1,
            about: vec![participant("Russia"), participant("Taliban")],
            evidence: vec![Evidence { file_name: "b.txt".into(), sentence: "He said, \"no\".".into() }],
        }
    }

    #[test]
    fn events_and_claims_read_back() {
        let event = EventRecord {
            iri: "https://example.org/e1".into(),
            event_type: "CONSULT".into(),
            mode: None,
            date: Some("2021-10-20".into()),
            precision: Some("day".into()),
            reported: None,
            status: "planned".into(),
            sources: 2,
            agents: vec![participant("Russia")],
            targets: vec![participant("Taliban"), participant("India")],
            place: Some(participant("Moscow")),
            evidence: vec![
                Evidence { file_name: "a.txt".into(), sentence: "Talks; in Moscow, \"soon\".".into() },
                Evidence { file_name: "b.txt".into(), sentence: "Talks on Oct. 20.".into() },
            ],
        };
        let mut out = Vec::new();
        write_events_csv(&[event], &mut out).unwrap();
        let mut reader = csv::Reader::from_reader(out.as_slice());
        assert_eq!(reader.headers().unwrap().len(), 12);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(&rows[0][7], "Taliban; India");
        assert_eq!(&rows[0][10], "a.txt; b.txt");
        assert_eq!(&rows[0][11], "Talks on Oct. 20.\nTalks; in Moscow, \"soon\".");

        let (a, b) = (claim("https://example.org/c1", "not, \"ever\""), claim("https://example.org/c2", "yes"));
        let mut out = Vec::new();
        let side = |position: &str, stand: &str, claims: Vec<ClaimRecord>| traverse::Side {
            position: position.to_string(),
            stand: stand.to_string(),
            claims,
        };
        let contradiction = traverse::Contradiction {
            sides: [
                side("https://example.org/position/q/denied", "denied", vec![a.clone()]),
                side("https://example.org/position/q/affirmed", "affirmed", vec![b.clone()]),
            ],
        };
        write_claims_csv(&[a, b], &[contradiction], &mut out).unwrap();
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(headers[9..], ["contradicted_by", "opposite_positions"]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(&rows[0][5], "not, \"ever\"");
        assert_eq!((&rows[0][9], &rows[0][10]), ("1", "https://example.org/position/q/affirmed"));
        assert_eq!((&rows[1][9], &rows[1][10]), ("1", "https://example.org/position/q/denied"));
        assert_eq!(&rows[1][6], "Russia; Taliban");
    }
}
