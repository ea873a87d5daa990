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
use crate::summary::{clip, describe_event, display_date, evidence_text, hanging, terminal_width};
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

/// The evidence sentences of an item under it, each wrapped to the terminal's width.
fn write_evidence(out: &mut impl Write, evidence: &[traverse::Evidence], indent: &str) -> std::io::Result<()> {
    let width = terminal_width();
    for evidence in evidence {
        writeln!(out, "{}", evidence_text(indent, &evidence.file_name, &evidence.sentence, width))?;
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

/// A claim line of `show`, for a terminal `width` columns wide: the claim's words on the same
/// line when 30 columns are left for them, else on the next.
fn claim_line(c: &ClaimRecord, width: usize) -> String {
    let head =
        format!("  {:<13} {} ({}, {}): ", c.date.as_deref().unwrap_or("-"), c.claimant.label, c.modality, c.polarity);
    let room = width.saturating_sub(head.chars().count() + 2);
    if room >= 30 {
        format!("{head}\"{}\"", clip(&c.content, room))
    } else {
        format!("{}\n      \"{}\"", head.trim_end(), clip(&c.content, width.saturating_sub(8)))
    }
}

/// How many neighbours `show --depth 2` (or more) lists without `--full`.
pub const SHOW_TOP: usize = 10;

/// Which actors the network holds, for messages about one that is not in it.
pub const WHO_IS_IN: &str =
    "places are in it only with --with-places, unnamed collectives and media cited as sources only \
     with --all-actors, and with --from/--to, --type or --min-sources only actors with evidence they keep";

/// Writes what `dossier show` prints of an actor, wrapped to the terminal's width: type,
/// aliases, mentions, its events and claims with their evidence, then the actors within `depth`
/// hops of it in `network` (at least one), each with what links it to the one before it on a
/// shortest path. Beyond one hop, without `full`, the counts at each distance and the
/// [`SHOW_TOP`] most strongly linked (most supporting items on the hop that reaches them, then
/// nearest); with `full`, all of them, each with that last hop's events and claims.
pub fn write_actor(
    store: &Store,
    actor: &ActorRecord,
    network: &ActorNetwork,
    (depth, full): (usize, bool),
    mut out: impl Write,
) -> Result<(), ExportError> {
    let width = terminal_width();
    writeln!(out, "{} ({})  <{}>", actor.label, actor.kind.class_name(), actor.iri)?;
    if !actor.aliases.is_empty() {
        writeln!(out, "{}", hanging("  also: ", &actor.aliases.join(", "), width))?;
    }
    let lead = format!("  {} mentions in {} documents: ", actor.mentions, actor.documents.len());
    writeln!(out, "{}", hanging(&lead, &actor.documents.join(", "), width))?;
    let events = traverse::events(store, Some(&actor.iri))?;
    writeln!(out, "\nEvents ({})", events.len())?;
    for e in &events {
        writeln!(out, "{}", event_line(e, "  ", true))?;
        write_evidence(&mut out, &e.evidence, "      ")?;
    }
    let claims = traverse::claims(store, Some(&actor.iri))?;
    writeln!(out, "\nClaims ({})", claims.len())?;
    for c in &claims {
        writeln!(out, "{}", claim_line(c, width))?;
        write_evidence(&mut out, &c.evidence, "      ")?;
    }
    let Some(node) = network.node(&actor.iri) else { return Ok(()) };
    let depth = depth.max(1);
    let mut neighbours = network.neighbourhood(node, depth);
    writeln!(out, "\nNeighbours within {depth} hop{} ({})", if depth > 1 { "s" } else { "" }, neighbours.len())?;
    // Beyond one hop the list grows fast: without `full`, a summary and the strongest links.
    if depth > 1 && !full {
        let mut at: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        for (_, distance) in &neighbours {
            *at.entry(*distance).or_default() += 1;
        }
        let counts: Vec<String> =
            at.iter().map(|(d, n)| format!("{n} at {d} hop{}", if *d > 1 { "s" } else { "" })).collect();
        writeln!(
            out,
            "  {}; the {} most linked below (--full: all, with the evidence of each hop)",
            counts.join(", "),
            SHOW_TOP.min(neighbours.len())
        )?;
        // The strongest first: most supporting items on the hop that reaches them, then nearest.
        let strength = |other: NodeIndex| -> usize {
            let path = network.shortest_path(node, other).unwrap_or_default();
            path.len()
                .checked_sub(2)
                .map(|i| network.links_between(path[i], path[i + 1]).iter().map(|(_, _, l)| l.support()).sum())
                .unwrap_or(0)
        };
        neighbours.sort_by_cached_key(|(other, distance)| {
            (std::cmp::Reverse(strength(*other)), *distance, network.graph[*other].label.clone())
        });
        neighbours.truncate(SHOW_TOP);
    }
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
        let line = format!(
            "  {:<30} {}  {}",
            network.graph[other].label,
            summary.join("; "),
            if distance > 1 { format!("via {}", names.join(" — ")) } else { String::new() }
        );
        writeln!(out, "{}", line.trim_end())?;
        if let (true, Some((a, b))) = (depth > 1 && full, last) {
            write_hop(&mut out, &traverse::hop(store, network, a, b)?, "      ")?;
        }
    }
    Ok(())
}

/// Writes what `dossier path` prints between actors `a` and `b`: the shortest paths of at most
/// `max_len` hops (`all`: up to 50 of them, counted; else one) as [`write_paths`], or, when
/// one of them is not in `network`, that there is no path and why ([`write_no_path`]).
pub fn write_between(
    store: &Store,
    network: &ActorNetwork,
    (a, b): (&ActorRecord, &ActorRecord),
    (max_len, all): (usize, bool),
    mut out: impl Write,
) -> Result<(), ExportError> {
    let names = (a.label.as_str(), b.label.as_str());
    let (Some(start), Some(end)) = (network.node(&a.iri), network.node(&b.iri)) else {
        let missing: Vec<&str> =
            [a, b].into_iter().filter(|x| network.node(&x.iri).is_none()).map(|x| x.label.as_str()).collect();
        return Ok(write_no_path(names, &missing, out)?);
    };
    let paths = network.all_shortest_paths(start, end, max_len, if all { 50 } else { 1 });
    write_paths(store, network, &paths, (names, max_len, all), &mut out)
}

/// Writes what `dossier path` prints when one of the two actors (`missing`, by label) is not
/// in the network: there is no path, and why ([`WHO_IS_IN`]).
///
/// ```
/// let mut out = Vec::new();
/// dossier::export::text::write_no_path(("A", "B"), &["B"], &mut out)?;
/// assert!(String::from_utf8(out).unwrap().starts_with("no path from A to B: B is not in the actor network ("));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_no_path((from, to): (&str, &str), missing: &[&str], mut out: impl Write) -> std::io::Result<()> {
    let verb = if missing.len() == 1 { "is" } else { "are" };
    writeln!(
        out,
        "no path from {from} to {to}: {} {verb} not in the actor network ({WHO_IS_IN})",
        missing.join(" and ")
    )
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
