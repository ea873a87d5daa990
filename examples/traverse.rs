//! Walks the graph programmatically: from the Taliban to every actor within two hops, printing
//! the events and claims that link each hop, with their dates and source documents.
//!
//! ```text
//! cargo run --release --example traverse               # builds seeds/ in memory first
//! cargo run --release --example traverse -- dossier.db # reads an existing store
//! ```

use std::collections::BTreeSet;
use std::error::Error;
use std::path::PathBuf;

use dossier::{traverse, Dossier};

fn main() -> Result<(), Box<dyn Error>> {
    let dossier = match std::env::args_os().nth(1) {
        Some(path) => Dossier::open_read_only(&PathBuf::from(path))?,
        None => {
            let dossier = Dossier::in_memory()?;
            let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
            dossier.build(&[seeds], &|_| {})?;
            dossier
        }
    };
    let store = dossier.store();
    let network = dossier.network()?;
    let taliban = traverse::find_actors(store, "Taliban")?.into_iter().next().ok_or("no Taliban in the graph")?;
    let start = network.node(&taliban.iri).ok_or("the Taliban have no links")?;

    println!("Within two hops of {}:", taliban.label);
    for (node, hops) in network.neighbourhood(start, 2) {
        let actor = &network.graph[node];
        println!("\n{} ({}), {} hop{}", actor.label, actor.kind.class_name(), hops, if hops == 1 { "" } else { "s" });
        let path = network.shortest_path(start, node).unwrap_or_default();
        for pair in path.windows(2) {
            let (a, b) = (&network.graph[pair[0]], &network.graph[pair[1]]);
            let hop = traverse::hop(store, &network, pair[0], pair[1])?;
            println!("  {} — {}", a.label, b.label);
            for event in &hop.events {
                let files: BTreeSet<&str> = event.evidence.iter().map(|e| e.file_name.as_str()).collect();
                println!(
                    "    {} {} {} [{}] in {}",
                    event.date.as_deref().unwrap_or("(undated)"),
                    event.event_type,
                    dossier::summary::describe_event(event),
                    event.status,
                    files.into_iter().collect::<Vec<_>>().join(", ")
                );
            }
            for claim in &hop.claims {
                println!("    claim by {}: \"{}\"", claim.claimant.label, dossier::summary::clip(&claim.content, 90));
            }
        }
    }
    Ok(())
}
