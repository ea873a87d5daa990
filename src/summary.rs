//! The summary printed after a build (the text one; the HTML briefing is
//! [`crate::export::html`]): what was read, what was found, who is central,
//! what happened when, and who claimed what.
//!
//! ```
//! use dossier::summary::Summary;
//! use dossier::store::Store;
//!
//! let store = Store::memory()?;
//! let summary = Summary::from_store(&store, 5)?;
//! let mut text = Vec::new();
//! summary.write_text(&mut text)?;
//! assert!(String::from_utf8(text)?.starts_with("dossier: 0 documents"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::{self, Write};

use crate::analysis::{ActorNetwork, AnalysisError, Metric, MetricOptions, NetworkFilter, Ranking};
use crate::traverse::{self, ClaimRecord, Counts, DocumentRecord, EventRecord, Participant};

/// How many documents, events and claims the summary lists at most: all of them for a handful
/// of articles, the best-sourced ones for a large store (the counts line says how many there are;
/// `dossier export --format csv` lists everything).
pub const SHOWN_DOCUMENTS: usize = 25;
pub const SHOWN_EVENTS: usize = 60;
pub const SHOWN_CLAIMS: usize = 50;

/// Networks of more actors than this get a betweenness estimated from [`BETWEENNESS_PIVOTS`]
/// pivots in the summary and the briefing: exact betweenness costs actors x links.
pub const EXACT_BETWEENNESS_UP_TO: usize = 2000;
/// Pivots of the estimated betweenness (seeded: the same answer every time).
pub const BETWEENNESS_PIVOTS: usize = 64;

/// The betweenness options of a summary: exact for a network of at most
/// [`EXACT_BETWEENNESS_UP_TO`] actors, else estimated from [`BETWEENNESS_PIVOTS`] pivots.
///
/// ```
/// use dossier::analysis::ActorNetwork;
/// use dossier::summary::betweenness_options;
///
/// assert_eq!(betweenness_options(&ActorNetwork::default()).sample, None);
/// ```
pub fn betweenness_options(network: &ActorNetwork) -> MetricOptions {
    let sample = (network.graph.node_count() > EXACT_BETWEENNESS_UP_TO).then_some(BETWEENNESS_PIVOTS);
    MetricOptions { sample, ..MetricOptions::default() }
}

/// Everything the summary shows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Summary {
    pub counts: Counts,
    /// The first documents by file name (at most [`SHOWN_DOCUMENTS`]).
    pub documents: Vec<DocumentRecord>,
    pub top_pagerank: Vec<Ranking>,
    pub top_betweenness: Vec<Ranking>,
    /// The pivots betweenness was estimated from, when the network was too large for exact.
    pub betweenness_pivots: Option<usize>,
    /// Dated events among the best-sourced (at most [`SHOWN_EVENTS`]), by date.
    pub timeline: Vec<EventRecord>,
    /// Undated events among the best-sourced.
    pub undated_events: usize,
    /// The best-sourced claims (at most [`SHOWN_CLAIMS`]), by date.
    pub claims: Vec<ClaimRecord>,
}

impl Summary {
    /// Gathers the summary of a store, with the `top` most central actors per metric.
    pub fn from_store(store: &crate::store::Store, top: usize) -> Result<Summary, AnalysisError> {
        let network = ActorNetwork::from_store(store)?;
        let connected =
            |rows: Vec<Ranking>| -> Vec<Ranking> { rows.into_iter().filter(|r| r.score > 0.0).take(top).collect() };
        let events = traverse::events_with_iris(
            store,
            &traverse::best_sourced(store, traverse::ItemClass::Event, SHOWN_EVENTS, &NetworkFilter::default())?,
        )?;
        let undated_events = events.iter().filter(|e| e.date.is_none() && e.reported.is_none()).count();
        Ok(Summary {
            counts: traverse::counts(store)?,
            documents: traverse::first_documents(store, SHOWN_DOCUMENTS)?,
            top_pagerank: network.rank(Metric::PageRank)?.into_iter().take(top).collect(),
            top_betweenness: connected(network.rank_with(Metric::Betweenness, &betweenness_options(&network))?),
            betweenness_pivots: betweenness_options(&network).sample,
            timeline: {
                // Undated events are placed by when they were reported.
                let mut dated: Vec<EventRecord> =
                    events.into_iter().filter(|e| e.date.is_some() || e.reported.is_some()).collect();
                dated.sort_by(|a, b| {
                    a.date.as_ref().or(a.reported.as_ref()).cmp(&b.date.as_ref().or(b.reported.as_ref()))
                });
                dated
            },
            undated_events,
            claims: traverse::claims_with_iris(
                store,
                &traverse::best_sourced(store, traverse::ItemClass::Claim, SHOWN_CLAIMS, &NetworkFilter::default())?,
            )?,
        })
    }

    /// Writes the summary as aligned plain text.
    pub fn write_text(&self, mut out: impl Write) -> io::Result<()> {
        let c = &self.counts;
        writeln!(out, "{}", counts_line(c))?;
        if !self.documents.is_empty() {
            writeln!(out, "\nDocuments")?;
            let width = self.documents.iter().map(|d| d.file_name.chars().count()).max().unwrap_or(0);
            for d in &self.documents {
                writeln!(
                    out,
                    "  {:<width$}  {:<10}  {:<14}  {}",
                    d.file_name,
                    d.published.as_deref().unwrap_or("(no date)"),
                    d.publisher.as_deref().unwrap_or("(no publisher)"),
                    d.title.as_deref().map(|t| format!("\"{}\"", clip(t, 70))).unwrap_or_default()
                )?;
            }
            if self.documents.len() < c.documents {
                writeln!(out, "  (and {} more)", c.documents - self.documents.len())?;
            }
        }
        if !self.top_pagerank.is_empty() {
            writeln!(out, "\nMost central actors")?;
            match self.betweenness_pivots {
                Some(pivots) => writeln!(out, "  {:<38}  by betweenness ({pivots} pivots)", "by PageRank")?,
                None => writeln!(out, "  {:<38}  by betweenness", "by PageRank")?,
            }
            let rows = self.top_pagerank.len().max(self.top_betweenness.len());
            for i in 0..rows {
                let cell = |list: &[Ranking]| {
                    list.get(i)
                        .map(|r| format!("{:>2}. {:<26} {:.3}", r.rank, clip(&r.label, 26), r.score))
                        .unwrap_or_default()
                };
                writeln!(out, "  {:<38}  {}", cell(&self.top_pagerank), cell(&self.top_betweenness))?;
            }
        }
        if !self.timeline.is_empty() {
            writeln!(out, "\nTimeline")?;
            for e in &self.timeline {
                writeln!(
                    out,
                    "  {:<10}  {:<9}  {}{}",
                    match (&e.date, &e.reported) {
                        (None, Some(reported)) => format!("~{reported}"),
                        _ => display_date(e.date.as_deref(), e.precision.as_deref()),
                    },
                    e.event_type,
                    describe_event(e),
                    notes(&e.status, e.sources)
                )?;
            }
            let shown = self.timeline.len() + self.undated_events;
            if shown < c.events {
                writeln!(
                    out,
                    "  (the {shown} best-sourced of {} events{}; `dossier export --format csv` lists all)",
                    c.events,
                    if self.undated_events > 0 {
                        format!(", {} of them undated", self.undated_events)
                    } else {
                        String::new()
                    }
                )?;
            } else if self.undated_events > 0 {
                writeln!(out, "  (and {} undated events)", self.undated_events)?;
            }
        }
        if !self.claims.is_empty() {
            writeln!(out, "\nClaims")?;
            for claim in &self.claims {
                let mut how = claim.modality.clone();
                if claim.polarity == "negative" {
                    how.push_str(", negative");
                }
                writeln!(
                    out,
                    "  {:<10}  {} ({how}): \"{}\"{}",
                    claim
                        .date
                        .clone()
                        .or_else(|| claim.reported.as_ref().map(|r| format!("~{r}")))
                        .unwrap_or_else(|| "-".into()),
                    claim.claimant.label,
                    clip(&claim.content, 110),
                    if claim.sources > 1 { format!(" [{} sources]", claim.sources) } else { String::new() }
                )?;
            }
            if self.claims.len() < c.claims {
                writeln!(out, "  (the {} best-sourced of {} claims)", self.claims.len(), c.claims)?;
            }
        }
        Ok(())
    }
}

/// The first line of the summary: what the store holds.
pub fn counts_line(c: &Counts) -> String {
    format!(
        "dossier: {} documents, {} actors, {} places, {} events, {} claims, {}",
        c.documents,
        c.actors,
        c.places,
        c.events,
        c.claims,
        c.triples_text()
    )
}

fn names(list: &[Participant]) -> String {
    list.iter().map(|p| p.label.as_str()).collect::<Vec<_>>().join(", ")
}

/// "Taliban -> Russia @ Moscow".
pub fn describe_event(e: &EventRecord) -> String {
    let mut text = names(&e.agents);
    if !e.targets.is_empty() {
        text.push_str(" -> ");
        text.push_str(&names(&e.targets));
    }
    if let Some(place) = &e.place {
        text.push_str(" @ ");
        text.push_str(&place.label);
    }
    text
}

fn notes(status: &str, sources: usize) -> String {
    let mut notes = Vec::new();
    if status != "occurred" {
        notes.push(status.to_string());
    }
    if sources > 1 {
        notes.push(format!("{sources} sources"));
    }
    if notes.is_empty() {
        String::new()
    } else {
        format!("  [{}]", notes.join(", "))
    }
}

/// A date at its precision: "2021-07-08", "week of 2021-07-05" shortened to "wk 2021-07-05",
/// "2021-03", "2018".
pub fn display_date(date: Option<&str>, precision: Option<&str>) -> String {
    let Some(date) = date else { return "-".into() };
    match precision {
        Some("year") => date.get(..4).unwrap_or(date).to_string(),
        Some("month") => date.get(..7).unwrap_or(date).to_string(),
        Some("week") => format!("wk {date}"),
        _ => date.to_string(),
    }
}

/// Text in lines of at most `width` characters, broken between words (a word longer than a
/// line stands alone on its line, whole): nothing is cut mid-word.
///
/// ```
/// use dossier::summary::wrap;
/// assert_eq!(wrap("Russia will invite the Taliban to talks", 16), ["Russia will", "invite the", "Taliban to talks"]);
/// assert_eq!(wrap("a  supercalifragilistic b", 5), ["a", "supercalifragilistic", "b"]);
/// ```
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// An evidence sentence for a terminal `width` columns wide: `indent`, the file, then the
/// sentence in quotes, wrapped between words, continued under its first word.
///
/// ```
/// let text = dossier::summary::evidence_text("  ", "a.txt", "Russia will invite the Taliban to talks.", 50);
/// assert_eq!(text, "  a.txt: \"Russia will invite the Taliban to\n          talks.\"");
/// ```
pub fn evidence_text(indent: &str, file_name: &str, sentence: &str, width: usize) -> String {
    hanging(&format!("{indent}{file_name}: \""), &format!("{}\"", sentence.trim()), width)
}

/// `lead`, then `text` wrapped between words to `width` columns, its lines after the first
/// indented under its start (at least 30 columns of text a line).
///
/// ```
/// assert_eq!(dossier::summary::hanging("  also: ", "Kabulov, the envoy, the representative", 30),
///            "  also: Kabulov, the envoy, the\n        representative");
/// ```
pub fn hanging(lead: &str, text: &str, width: usize) -> String {
    let hang = " ".repeat(lead.chars().count());
    let room = width.saturating_sub(hang.chars().count()).max(30);
    let mut out = lead.to_string();
    for (i, line) in wrap(text, room).iter().enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(&hang);
        }
        out.push_str(line);
    }
    out
}

/// The width to wrap terminal output at: `$COLUMNS`, else the terminal's width, else 100
/// (output to a file or a pipe), kept between 60 and 200.
pub fn terminal_width() -> usize {
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .or_else(|| console::Term::stdout().size_checked().map(|(_, columns)| columns as usize))
        .unwrap_or(100);
    width.clamp(60, 200)
}

/// Shortens text to at most `max` characters with an ellipsis, cut between words (mid-word only
/// when one word fills the whole width).
///
/// ```
/// use dossier::summary::clip;
/// assert_eq!(clip("Russia will invite the Taliban", 20), "Russia will invite…");
/// assert_eq!(clip("short", 20), "short");
/// ```
pub fn clip(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        text
    } else {
        let mut clipped: String = text.chars().take(max.saturating_sub(1)).collect();
        let next_is_space = text.chars().nth(max.saturating_sub(1)) == Some(' ');
        if !next_is_space {
            if let Some(space) = clipped.rfind(' ').filter(|&at| at > 0) {
                clipped.truncate(space);
            }
        }
        let trimmed = clipped.trim_end_matches([' ', ',', ';', ':']).len();
        clipped.truncate(trimmed);
        clipped.push('…');
        clipped
    }
}
