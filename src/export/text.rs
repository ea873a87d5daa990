//! Plain-text reports for a terminal: one actor with its evidence and neighbours (`dossier
//! show`), the shortest paths between two actors with each hop's evidence (`dossier path`).
//!
//! Lines are for people, not programs: dates as the text gives them ("2021-07", "2021"), long
//! contents and sentences clipped, evidence indented under its item. The order is the store's
//! listing order (events and claims by date, neighbours by distance, then IRI), so the same
//! store prints the same report.
//!
//! ```
//! use dossier::analysis::ActorNetwork;
//! use dossier::export::text::write_paths;
//! use dossier::store::Store;
//!
//! let store = Store::memory()?;
//! let mut out = Vec::new();
//! write_paths(&store, &ActorNetwork::default(), &[], (("A", "B"), 6, false), &mut out)?;
//! assert_eq!(String::from_utf8(out).unwrap(), "no path of at most 6 hops between A and B\n");
//! # Ok::<(), dossier::export::ExportError>(())
//! ```

use std::io::Write;

use petgraph::graph::NodeIndex;

use super::ExportError;
use crate::analysis::ActorNetwork;
use crate::store::Store;
use crate::summary::{clip, describe_event, display_date};
use crate::traverse::{self, ActorRecord, ClaimRecord, EventRecord, Hop};

/// An event line: date, type, who did what to whom, status (and sources with `sources`).
fn event_line(e: &EventRecord, indent: &str, sources: bool) -> String {
    let more = if sources && e.sources > 1 { format!(", {} sources", e.sources) } else { String::new() };
    format!(
        "{indent}{:<13} {:<9} {}  [{}{more}]",
        display_date(e.date.as_deref(), e.precision.as_deref()),
        e.event_type,
        describe_event(e),
        e.status
    )
}

/// The evidence sentences of an item, one line each under it.
fn write_evidence(out: &mut impl Write, evidence: &[traverse::Evidence], indent: &str) -> std::io::Result<()> {
    for evidence in evidence {
        writeln!(out, "{indent}{}: \"{}\"", evidence.file_name, clip(&evidence.sentence, 140))?;
    }
    Ok(())
}

/// The events and claims of a hop with their evidence sentences.
fn write_hop(out: &mut impl Write, hop: &Hop, indent: &str) -> std::io::Result<()> {
    let deeper = format!("{indent}    ");
    for e in &hop.events {
        writeln!(out, "{}", event_line(e, indent, false))?;
        write_evidence(out, &e.evidence, &deeper)?;
    }
    for c in &hop.claims {
        writeln!(
            out,
            "{indent}{:<13} claim     {} ({}): \"{}\"",
            c.date.as_deref().unwrap_or("-"),
            c.claimant.label,
            c.modality,
            clip(&c.content, 110)
        )?;
        write_evidence(out, &c.evidence, &deeper)?;
    }
    Ok(())
}

/// A claim line of `show`.
fn claim_line(c: &ClaimRecord) -> String {
    format!(
        "  {:<13} {} ({}, {}): \"{}\"",
        c.date.as_deref().unwrap_or("-"),
        c.claimant.label,
        c.modality,
        c.polarity,
        clip(&c.content, 120)
    )
}

/// Writes what `dossier show` prints of an actor: type, aliases, mentions, its events and claims
/// with their evidence, then the actors within `depth` hops of it in `network` (at least one),
/// each with what links it to the one before it on a shortest path and, beyond one hop, that
/// last hop's events and claims.
pub fn write_actor(
    store: &Store,
    actor: &ActorRecord,
    network: &ActorNetwork,
    depth: usize,
    mut out: impl Write,
) -> Result<(), ExportError> {
    writeln!(out, "{} ({})  <{}>", actor.label, actor.kind.class_name(), actor.iri)?;
    if !actor.aliases.is_empty() {
        writeln!(out, "  also: {}", actor.aliases.join(", "))?;
    }
    writeln!(
        out,
        "  {} mentions in {} documents: {}",
        actor.mentions,
        actor.documents.len(),
        actor.documents.join(", ")
    )?;
    let events = traverse::events(store, Some(&actor.iri))?;
    writeln!(out, "\nEvents ({})", events.len())?;
    for e in &events {
        writeln!(out, "{}", event_line(e, "  ", true))?;
        write_evidence(&mut out, &e.evidence, "      ")?;
    }
    let claims = traverse::claims(store, Some(&actor.iri))?;
    writeln!(out, "\nClaims ({})", claims.len())?;
    for c in &claims {
        writeln!(out, "{}", claim_line(c))?;
        write_evidence(&mut out, &c.evidence, "      ")?;
    }
    let Some(node) = network.node(&actor.iri) else { return Ok(()) };
    let depth = depth.max(1);
    let neighbours = network.neighbourhood(node, depth);
    writeln!(out, "\nNeighbours within {depth} hop{} ({})", if depth > 1 { "s" } else { "" }, neighbours.len())?;
    for (other, distance) in neighbours {
        let path = network.shortest_path(node, other).unwrap_or_default();
        let names: Vec<&str> = path.iter().map(|n| network.graph[*n].label.as_str()).collect();
        let last = path.len().checked_sub(2).map(|i| (path[i], path[i + 1]));
        let summary: Vec<String> = last
            .map(|(a, b)| {
                network
                    .links_between(a, b)
                    .iter()
                    .map(|(from, _, link)| {
                        let arrow = if *from == a { "->" } else { "<-" };
                        format!("{arrow} {} ({} sources)", link.summary(), link.sources())
                    })
                    .collect()
            })
            .unwrap_or_default();
        writeln!(
            out,
            "  {:<30} {}  {}",
            network.graph[other].label,
            summary.join("; "),
            if distance > 1 { format!("via {}", names.join(" — ")) } else { String::new() }
        )?;
        if let (true, Some((a, b))) = (depth > 1, last) {
            write_hop(&mut out, &traverse::hop(store, network, a, b)?, "      ")?;
        }
    }
    Ok(())
}

/// Writes what `dossier path` prints: each path (of nodes of `network`) with its hops' events,
/// claims and evidence; `names` are the two actors' labels, for the line saying no path of at
/// most `max_len` hops was found. With `count`, a first line counts the paths.
pub fn write_paths(
    store: &Store,
    network: &ActorNetwork,
    paths: &[Vec<NodeIndex>],
    (names, max_len, count): ((&str, &str), usize, bool),
    mut out: impl Write,
) -> Result<(), ExportError> {
    let Some(first) = paths.first() else {
        writeln!(out, "no path of at most {max_len} hops between {} and {}", names.0, names.1)?;
        return Ok(());
    };
    if count {
        writeln!(out, "{} shortest paths of {} hops", paths.len(), first.len() - 1)?;
    }
    for (number, nodes) in paths.iter().enumerate() {
        let labels: Vec<&str> = nodes.iter().map(|n| network.graph[*n].label.as_str()).collect();
        if number > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{} ({} hops)", labels.join(" — "), nodes.len() - 1)?;
        for hop in traverse::hops(store, network, nodes)? {
            writeln!(out, "\n{} — {}", hop.from.label, hop.to.label)?;
            write_hop(&mut out, &hop, "  ")?;
        }
    }
    Ok(())
}
