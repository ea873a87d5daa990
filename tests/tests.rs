//! Integration tests: the real `dossier` binary on the seed articles.

mod util;

mod briefing;
mod browse;
mod build;
mod centrality;
mod eval;
mod exports;
mod hardening;
mod parse;
mod queries;
mod regression;
mod reliability;
mod scaleout;
mod serve;
mod syndication;
mod tidy;
mod virtuoso;
