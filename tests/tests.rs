//! Integration tests: the real `dossier` binary on the seed articles.

mod util;

mod briefing;
mod build;
mod centrality;
mod eval;
mod exports;
mod parse;
mod queries;
mod reliability;
mod scaleout;
mod serve;
mod syndication;
mod virtuoso;
