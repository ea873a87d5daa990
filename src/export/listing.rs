//! Listings for a terminal or a program: one [`Table`] that writes itself as an aligned text
//! table, as CSV or as JSON, and the tables of the command line's listings (rankings, rankings
//! by period, communities, claims, contradictions).
//!
//! Text tables clip cells to 80 characters; CSV has a header row and its cells' control
//! characters replaced (spreadsheets and terminals read CSV); JSON is pretty-printed. Rows come
//! in the order given: every builder here sorts them first, so output is deterministic.
//!
//! ```
//! use dossier::export::{Table, TableFormat};
//!
//! let table = Table::new(["actor", "score"], vec![vec!["Taliban".into(), "0.25".into()]]);
//! let mut csv = Vec::new();
//! table.write(TableFormat::Csv, &mut csv)?;
//! assert_eq!(String::from_utf8(csv).unwrap(), "actor,score\nTaliban,0.25\n");
//! let mut text = Vec::new();
//! table.write(TableFormat::Table, &mut text)?;
//! assert_eq!(String::from_utf8(text).unwrap(), "actor    score\n-------  -----\nTaliban  0.25\n");
//! # Ok::<(), std::io::Error>(())
//! ```

use std::io::{self, Write};

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;

use super::ExportError;
use crate::analysis::{ActorNetwork, Communities, Metric, PeriodScores, Ranking};
use crate::sanitize::Sanitized;
use crate::summary::clip;
use crate::traverse::{self, ClaimRecord, Contradiction};

impl std::str::FromStr for ResultsFormat {
    type Err = String;

    /// A format by its name in [`ResultsFormat::NAMES`] ("csv", "turtle", ...).
    fn from_str(name: &str) -> Result<ResultsFormat, String> {
        ResultsFormat::NAMES.iter().find(|(n, _)| *n == name).map(|(_, f)| *f).ok_or_else(|| {
            let names: Vec<&str> = ResultsFormat::NAMES.iter().map(|(n, _)| *n).collect();
            format!("unknown results format {name:?} ({})", names.join(", "))
        })
    }
}

impl std::str::FromStr for TableFormat {
    type Err = String;

    /// "table", "csv" or "json".
    ///
    /// ```
    /// use dossier::export::TableFormat;
    ///
    /// assert_eq!("csv".parse::<TableFormat>()?, TableFormat::Csv);
    /// # Ok::<(), String>(())
    /// ```
    fn from_str(name: &str) -> Result<TableFormat, String> {
        match name {
            "table" => Ok(TableFormat::Table),
            "csv" => Ok(TableFormat::Csv),
            "json" => Ok(TableFormat::Json),
            other => Err(format!("unknown table format {other:?} (table, csv, json)")),
        }
    }
}

/// How a [`Table`] is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TableFormat {
    /// Aligned columns for people (or the listing's own text).
    #[default]
    Table,
    /// CSV with a header row.
    Csv,
    /// Pretty-printed JSON.
    Json,
}

/// A listing that writes itself in each [`TableFormat`].
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// Aligned columns other than the CSV's (fewer, rounder), when set.
    text_columns: Option<(Vec<String>, Vec<Vec<String>>)>,
    /// Free text instead of aligned columns, when set.
    text: Option<String>,
    /// The JSON text; by default one object per row, keyed by the header.
    json: Option<String>,
}

impl Table {
    /// A table of these columns and rows, written the same way as text and CSV.
    pub fn new<S: Into<String>>(header: impl IntoIterator<Item = S>, rows: Vec<Vec<String>>) -> Table {
        Table { header: header.into_iter().map(Into::into).collect(), rows, text_columns: None, text: None, json: None }
    }

    /// The same table with other columns for the text table.
    #[must_use]
    pub fn with_text_columns<S: Into<String>>(
        mut self,
        header: impl IntoIterator<Item = S>,
        rows: Vec<Vec<String>>,
    ) -> Table {
        self.text_columns = Some((header.into_iter().map(Into::into).collect(), rows));
        self
    }

    /// The same table written as this text instead of aligned columns.
    #[must_use]
    pub fn with_text(mut self, text: String) -> Table {
        self.text = Some(text);
        self
    }

    /// The same table written as JSON of this value (pretty-printed, fields in their order).
    #[must_use]
    pub fn with_json(mut self, value: &impl serde::Serialize) -> Table {
        // Records of strings and numbers always serialise; were one not to, the rows stand in.
        self.json = serde_json::to_string_pretty(value).ok();
        self
    }

    /// Writes the table in `format`.
    pub fn write(&self, format: TableFormat, mut out: impl Write) -> io::Result<()> {
        match format {
            TableFormat::Table => match (&self.text, &self.text_columns) {
                (Some(text), _) => out.write_all(text.as_bytes()),
                (None, Some((header, rows))) => write_aligned(&mut out, header, rows),
                (None, None) => write_aligned(&mut out, &self.header, &self.rows),
            },
            TableFormat::Csv => {
                let mut writer = csv::Writer::from_writer(Sanitized::new(&mut out, true));
                writer.write_record(&self.header)?;
                for row in &self.rows {
                    writer.write_record(row)?;
                }
                writer.flush()
            }
            TableFormat::Json => {
                match &self.json {
                    Some(json) => out.write_all(json.as_bytes())?,
                    None => {
                        let rows: Vec<serde_json::Map<String, serde_json::Value>> = self
                            .rows
                            .iter()
                            .map(|row| self.header.iter().cloned().zip(row.iter().cloned().map(Into::into)).collect())
                            .collect();
                        serde_json::to_writer_pretty(&mut out, &rows)?;
                    }
                }
                writeln!(out)
            }
        }
    }
}

/// Writes rows as aligned columns under a header and a rule, cells clipped to 80 characters.
fn write_aligned(out: &mut impl Write, header: &[String], rows: &[Vec<String>]) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(width) = widths.get_mut(i) {
                *width = (*width).max(cell.chars().count().min(80));
            }
        }
    }
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| {
                let cell = clip(cell, 80);
                format!("{cell}{}", " ".repeat(width.saturating_sub(cell.chars().count())))
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(out, "{}", line(header))?;
    writeln!(out, "{}", widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "))?;
    for row in rows {
        writeln!(out, "{}", line(row))?;
    }
    Ok(())
}

/// The `top` first rows of a ranking (all with 0; `dossier rank`): rank, actor, type and score
/// (six decimals) as text; rank, IRI, label, type and the full score as CSV; the [`Ranking`]s as
/// JSON.
///
/// ```
/// use dossier::analysis::{Metric, Ranking};
/// use dossier::export::{ranking_table, TableFormat};
/// use dossier::lexicon::ActorKind;
///
/// let rows = [Ranking { rank: 1, iri: "https://example.org/a".into(), label: "A".into(), kind: ActorKind::Person, score: 0.5 }];
/// let mut csv = Vec::new();
/// ranking_table(&rows, Metric::PageRank, 10).write(TableFormat::Csv, &mut csv)?;
/// assert_eq!(String::from_utf8(csv).unwrap(), "rank,iri,label,type,pagerank\n1,https://example.org/a,A,Person,0.5\n");
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn ranking_table(rows: &[Ranking], metric: Metric, top: usize) -> Table {
    let rows = &rows[..rows.len().min(if top == 0 { usize::MAX } else { top })];
    let name = metric.as_str();
    let csv_rows = rows
        .iter()
        .map(|r| {
            vec![
                r.rank.to_string(),
                r.iri.clone(),
                r.label.clone(),
                r.kind.class_name().to_string(),
                r.score.to_string(),
            ]
        })
        .collect();
    let text_rows = rows
        .iter()
        .map(|r| vec![r.rank.to_string(), r.label.clone(), r.kind.class_name().to_string(), format!("{:.6}", r.score)])
        .collect();
    Table::new(["rank", "iri", "label", "type", name], csv_rows)
        .with_text_columns(["rank", "actor", "type", name], text_rows)
        .with_json(&rows)
}

/// Scores period by period (`dossier rank --by month`): one row per actor, one column per
/// period (four decimals, "-" where the actor has no score); as JSON one object per actor with
/// its IRI, label and scores by period.
pub fn period_table(scores: &PeriodScores) -> Table {
    let header: Vec<String> = std::iter::once("actor".to_string()).chain(scores.periods.iter().cloned()).collect();
    let rows = scores
        .actors
        .iter()
        .map(|actor| {
            std::iter::once(actor.label.clone())
                .chain(
                    scores
                        .scores
                        .iter()
                        .map(|period| period.get(&actor.iri).map_or("-".to_string(), |score| format!("{score:.4}"))),
                )
                .collect()
        })
        .collect();
    let json: Vec<serde_json::Value> = scores
        .actors
        .iter()
        .map(|actor| {
            let by_period: serde_json::Map<String, serde_json::Value> = scores
                .periods
                .iter()
                .zip(&scores.scores)
                .filter_map(|(period, scores)| Some((period.clone(), serde_json::json!(scores.get(&actor.iri)?))))
                .collect();
            serde_json::json!({ "iri": actor.iri, "label": actor.label, "scores": by_period })
        })
        .collect();
    Table::new(header, rows).with_json(&json)
}

/// Communities (`dossier communities`): as text the count, the modularity and each community's
/// members; as CSV one row per member (community number, IRI, label, type, PageRank); as JSON
/// the modularity and each community's members.
pub fn communities_table(network: &ActorNetwork, found: &Communities, resolution: f64, seed: u64) -> Table {
    let mut text = format!(
        "{} communities, modularity {:.4} (Louvain, resolution {resolution}, seed {seed})\n",
        found.groups.len(),
        found.modularity
    );
    let mut rows = Vec::new();
    for (number, members) in found.groups.iter().enumerate() {
        let names: Vec<&str> = members.iter().map(|n| network.graph[*n].label.as_str()).collect();
        text.push_str(&format!("\n{}. {} actors: {}\n", number + 1, names.len(), names.join(", ")));
        for node in members {
            let actor = &network.graph[*node];
            rows.push(vec![
                (number + 1).to_string(),
                actor.iri.clone(),
                actor.label.clone(),
                actor.kind.class_name().into(),
                found.pagerank[node.index()].to_string(),
            ]);
        }
    }
    let communities: Vec<serde_json::Value> = found
        .groups
        .iter()
        .map(|members| serde_json::json!(members.iter().map(|n| &network.graph[*n]).collect::<Vec<_>>()))
        .collect();
    Table::new(["community", "iri", "label", "type", "pagerank"], rows)
        .with_text(text)
        .with_json(&serde_json::json!({ "modularity": found.modularity, "communities": communities }))
}

/// The files a claim is stated in, in order, each once.
fn files(claim: &ClaimRecord) -> String {
    let mut files: Vec<&str> = claim.evidence.iter().map(|e| e.file_name.as_str()).collect();
    files.dedup();
    files.join(" ")
}

/// A claim's date, or "~" and the date it was reported on.
fn claim_date(claim: &ClaimRecord) -> String {
    claim.date.clone().or_else(|| claim.reported.as_ref().map(|r| format!("~{r}"))).unwrap_or_default()
}

/// Claims (`dossier claims`): date, speaker, modality, polarity, content, sources and files;
/// the [`ClaimRecord`]s as JSON.
pub fn claims_table(claims: &[ClaimRecord]) -> Table {
    let rows = claims
        .iter()
        .map(|c| {
            vec![
                claim_date(c),
                c.claimant.label.clone(),
                c.modality.clone(),
                c.polarity.clone(),
                c.content.clone(),
                c.sources.to_string(),
                files(c),
            ]
        })
        .collect();
    Table::new(["date", "speaker", "modality", "polarity", "content", "sources", "files"], rows).with_json(&claims)
}

/// Contradictions (`dossier claims --contradictions`): as text the number of contradicting
/// pairs, then each question with its two stands and their claims (the second stand marked
/// `x`); as CSV one row per claim and question; the [`Contradiction`]s as JSON.
pub fn contradictions_table(found: &[Contradiction]) -> Table {
    let mut text = format!(
        "{} contradicting pairs of claims on {}\n",
        traverse::contradicting_pairs(found),
        questions(found.len())
    );
    let mut rows = Vec::new();
    for contradiction in found {
        let [a, b] = &contradiction.sides;
        text.push_str(&format!(
            "\n{}: {} ({} claims) against {} ({} claims)\n",
            contradiction.question(),
            a.stand,
            a.claims.len(),
            b.stand,
            b.claims.len()
        ));
        for speaker in contradiction.self_contradicting() {
            text.push_str(&format!("  self-contradiction: {} takes both stands\n", speaker.label));
        }
        for (mark, side) in [("  ", a), ("x ", b)] {
            for c in &side.claims {
                text.push_str(&format!(
                    "{mark}{} {} ({}, {}): \"{}\"  [{}]\n",
                    c.date.as_deref().unwrap_or("-"),
                    c.claimant.label,
                    c.modality,
                    c.polarity,
                    clip(&c.content, 100),
                    files(c)
                ));
            }
        }
        for side in &contradiction.sides {
            for claim in &side.claims {
                rows.push(vec![
                    contradiction.question().to_string(),
                    side.stand.clone(),
                    claim.iri.clone(),
                    claim_date(claim),
                    claim.claimant.label.clone(),
                    claim.content.clone(),
                    files(claim),
                ]);
            }
        }
    }
    Table::new(["question", "stand", "claim", "date", "speaker", "content", "files"], rows)
        .with_text(text)
        .with_json(&found)
}

/// How the answers of a SPARQL query are written: a text [`Table`] or a results format for
/// SELECT and ASK, an RDF format for CONSTRUCT and DESCRIBE (the text table writes those as
/// Turtle).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
    Turtle,
    NTriples,
    NQuads,
    JsonLd,
}

impl ResultsFormat {
    /// Every format with its name, as `dossier query --format` takes it.
    pub const NAMES: [(&'static str, ResultsFormat); 9] = [
        ("table", ResultsFormat::Table),
        ("csv", ResultsFormat::Csv),
        ("tsv", ResultsFormat::Tsv),
        ("json", ResultsFormat::Json),
        ("xml", ResultsFormat::Xml),
        ("turtle", ResultsFormat::Turtle),
        ("ntriples", ResultsFormat::NTriples),
        ("nquads", ResultsFormat::NQuads),
        ("jsonld", ResultsFormat::JsonLd),
    ];

    /// The results format of SELECT and ASK answers; `Ok(None)` for the text table.
    fn solutions(self) -> Result<Option<QueryResultsFormat>, ExportError> {
        Ok(Some(match self {
            ResultsFormat::Table => return Ok(None),
            ResultsFormat::Csv => QueryResultsFormat::Csv,
            ResultsFormat::Tsv => QueryResultsFormat::Tsv,
            ResultsFormat::Json => QueryResultsFormat::Json,
            ResultsFormat::Xml => QueryResultsFormat::Xml,
            other => {
                return Err(ExportError::Format(format!(
                    "{other:?} is for CONSTRUCT or DESCRIBE queries; use table, csv, tsv, json or xml"
                )))
            }
        }))
    }

    /// The RDF format of CONSTRUCT and DESCRIBE answers.
    fn graph(self) -> Result<RdfFormat, ExportError> {
        Ok(match self {
            ResultsFormat::Table | ResultsFormat::Turtle => RdfFormat::Turtle,
            ResultsFormat::NTriples => RdfFormat::NTriples,
            ResultsFormat::NQuads => RdfFormat::NQuads,
            ResultsFormat::JsonLd => RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() },
            other => {
                return Err(ExportError::Format(format!(
                    "{other:?} is for SELECT or ASK queries; use turtle, ntriples, nquads or jsonld"
                )))
            }
        })
    }
}

/// A term as a person reads it: prefixed names for the vocabulary's namespaces
/// ([`crate::vocab::PREFIXES`]), plain literal values.
///
/// ```
/// use dossier::export::listing::display_term;
/// use oxigraph::model::{Literal, NamedNode, Term};
///
/// let taliban: Term = NamedNode::new_unchecked("https://w3id.org/dossier/id/actor/taliban").into();
/// assert_eq!(display_term(&taliban), "actor:taliban");
/// assert_eq!(display_term(&Literal::from(3).into()), "3");
/// ```
pub fn display_term(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => {
            let iri = node.as_str();
            crate::vocab::PREFIXES
                .iter()
                .filter(|(_, ns)| iri.starts_with(ns))
                .max_by_key(|(_, ns)| ns.len())
                .and_then(|(prefix, ns)| {
                    let local = &iri[ns.len()..];
                    (!local.contains(['/', '#'])).then(|| format!("{prefix}:{local}"))
                })
                .unwrap_or_else(|| format!("<{iri}>"))
        }
        Term::Literal(literal) => literal.value().to_string(),
        other => other.to_string(),
    }
}

/// Writes the answers of a query in `format`: solutions as a text table (terms as
/// [`display_term`] gives them) or a SPARQL results format (control characters of CSV and TSV
/// cells replaced), a boolean as `true`/`false` or a results format, triples in an RDF format
/// (Turtle with the vocabulary's prefixes). A format for the other kind of query is an
/// [`ExportError::Format`].
pub fn write_results(results: QueryResults<'_>, format: ResultsFormat, mut out: impl Write) -> Result<(), ExportError> {
    match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let rows: Vec<_> = solutions.collect::<Result<_, _>>().map_err(crate::store::StoreError::from)?;
            let Some(results_format) = format.solutions()? else {
                let header: Vec<String> = variables.iter().map(|v| v.as_str().to_string()).collect();
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| variables.iter().map(|v| r.get(v).map(display_term).unwrap_or_default()).collect())
                    .collect();
                return Ok(Table::new(header, cells).write(TableFormat::Table, out)?);
            };
            let sanitize = matches!(format, ResultsFormat::Csv | ResultsFormat::Tsv);
            let mut serializer = QueryResultsSerializer::from_format(results_format)
                .serialize_solutions_to_writer(Sanitized::new(&mut out, sanitize), variables)?;
            for row in &rows {
                serializer.serialize(row)?;
            }
            serializer.finish()?.flush()?;
        }
        QueryResults::Boolean(value) => match format.solutions()? {
            Some(results_format) => {
                QueryResultsSerializer::from_format(results_format).serialize_boolean_to_writer(&mut out, value)?;
            }
            None => writeln!(out, "{value}")?,
        },
        QueryResults::Graph(triples) => {
            let rdf_format = format.graph()?;
            let mut serializer = RdfSerializer::from_format(rdf_format);
            if rdf_format == RdfFormat::Turtle {
                for (prefix, iri) in crate::vocab::PREFIXES {
                    serializer = serializer.with_prefix(prefix, iri).map_err(|e| ExportError::Format(e.to_string()))?;
                }
            }
            let mut writer = serializer.for_writer(&mut out);
            for triple in triples {
                writer.serialize_triple(&triple.map_err(crate::store::StoreError::from)?)?;
            }
            writer.finish()?;
        }
    }
    Ok(())
}

/// "1 question", "2 questions".
///
/// ```
/// assert_eq!(dossier::export::questions(2), "2 questions");
/// ```
pub fn questions(n: usize) -> String {
    if n == 1 {
        "1 question".to_string()
    } else {
        format!("{n} questions")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cells_are_clipped_and_csv_cells_sanitised() {
        let long = "word ".repeat(30);
        let table = Table::new(["a", "b"], vec![vec![long.clone(), "x\u{1b}[2J".into()]]);
        let mut text = Vec::new();
        table.write(TableFormat::Table, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(text.lines().all(|line| line.chars().count() <= 80 + 2 + 6), "{text}");
        let mut csv = Vec::new();
        table.write(TableFormat::Csv, &mut csv).unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert!(!csv.contains('\u{1b}') && csv.contains(long.trim_end()), "{csv}");
        let mut json = Vec::new();
        table.write(TableFormat::Json, &mut json).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(value[0]["b"], "x\u{1b}[2J");
    }
}
