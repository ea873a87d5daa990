//! dossier: news articles in, a knowledge graph an analyst can question out.
//!
//! The pipeline runs one way, one module per stage:
//!
//! ```text
//! corpus ──> extract ──> resolve ──> rdf ──> store ──> analysis ──> export / summary
//! (files,    (actors,    (identity,  (quads)  (Oxigraph) (network,   (DOT, CSV, RDF,
//!  cleaning,  events,     source                          centrality) summaries)
//!  sentences) claims)     counts)
//! ```
//!
//! with `lexicon` (gazetteer and word lists from `ontology/`), `time` (dates in prose),
//! `plover` (event types) and `vocab` (IRIs) underneath, and [`Dossier`] wiring the stages
//! together. `traverse` reads the stored graph back as plain structs.
//!
//! ```
//! use dossier::{Dossier, analysis::Metric};
//!
//! let dir = std::env::temp_dir().join(format!("dossier-lib-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! std::fs::write(dir.join("a.txt"), "date 2021-10-08\n\nRussia will invite the Taliban to talks in Moscow on October 20, Zamir Kabulov said.\n")?;
//! let dossier = Dossier::in_memory()?;
//! dossier.build(&[dir.clone()], &|_| {})?;
//! let ranking = dossier.network()?.rank(Metric::PageRank)?;
//! assert_eq!(ranking[0].label, "Taliban");
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![doc(test(attr(deny(warnings))))]
#![forbid(unsafe_code)]

pub mod analysis;
pub mod check;
pub mod corpus;
mod dossier;
pub mod eval;
pub mod export;
pub mod extract;
pub mod lexicon;
pub mod links;
pub mod nlp;
pub mod plover;
pub mod push;
pub mod rdf;
pub mod resolve;
pub mod sanitize;
pub mod serve;
pub mod store;
pub mod summary;
pub mod time;
pub mod traverse;
pub mod vocab;

pub use crate::dossier::{
    BuildReport, BuiltDocument, CommitTimes, Coverage, Dossier, Error, MergeReport, Outcome, Progress, Shard,
    ShardError, WINDOW,
};
