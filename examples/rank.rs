//! Ranks the actors of the seed articles by several centrality metrics, month by month, and
//! writes the scores back into the graph so SPARQL can ask for them.
//!
//! ```text
//! cargo run --release --example rank
//! ```

use std::error::Error;
use std::path::PathBuf;

use dossier::analysis::{ActorNetwork, AnalysisRun, Metric, NetworkFilter};
use dossier::Dossier;
use jiff::civil::date;

fn main() -> Result<(), Box<dyn Error>> {
    let dossier = Dossier::in_memory()?;
    dossier.build(&[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")], &|_| {})?;
    let store = dossier.store();

    // The whole corpus, three metrics side by side.
    let network = dossier.network()?;
    for metric in [Metric::PageRank, Metric::Betweenness, Metric::Degree] {
        let top: Vec<String> =
            network.rank(metric)?.iter().take(3).map(|r| format!("{} {:.3}", r.label, r.score)).collect();
        println!("{:<12} {}", metric.as_str(), top.join(", "));
    }

    // Month by month: who mattered when.
    for month in 7..=10 {
        let first = date(2021, month, 1);
        let filter = NetworkFilter { from: Some(first), to: Some(first.last_of_month()), ..Default::default() };
        let network = ActorNetwork::build(store, &filter)?;
        if network.graph.edge_count() == 0 {
            println!("2021-{month:02}      (no dated evidence)");
            continue;
        }
        let ranking = network.rank(Metric::PageRank)?;
        println!("2021-{month:02}      {} {:.3}", ranking[0].label, ranking[0].score);
    }

    // Written back, the scores answer SPARQL: the run stores its parameters and window with them.
    let filter = NetworkFilter { from: Some(date(2021, 7, 1)), to: Some(date(2021, 10, 31)), ..Default::default() };
    let run = AnalysisRun::new(Metric::PageRank).with_filter(filter);
    run.write(store, &run.rank(store)?)?;
    println!("stored: pagerank, {}", run.parameters());
    let query = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/queries/central_actors_window.rq"),
    )?;
    let value = |term: Option<&oxigraph::model::Term>| match term {
        Some(oxigraph::model::Term::Literal(l)) => l.value().to_string(),
        other => other.map(|t| t.to_string()).unwrap_or_default(),
    };
    for row in store.select(&query, &[])? {
        println!("{}. {} ({})", value(row.get("rank")), value(row.get("actor")), value(row.get("type")));
    }
    Ok(())
}
