//! Prints each document's events with their trigger words, agents and targets (a debugging aid
//! for the event rules): `cargo run --release --no-default-features --example events_debug -- FILE...`

use dossier::corpus::Document;
use dossier::extract::extract_document;
use dossier::lexicon::Lexicon;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lexicon = Lexicon::builtin()?;
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        let name = std::path::Path::new(&path).file_name().and_then(|n| n.to_str()).unwrap_or("doc.txt");
        let doc = Document::from_text(name, text, Default::default(), &lexicon.boilerplate);
        let findings = extract_document(&doc, &lexicon);
        println!("===== {name}");
        for e in &findings.events {
            let label = |ids: &[dossier::extract::ActorId]| {
                ids.iter().map(|a| findings.actor(a).label.clone()).collect::<Vec<_>>().join(", ")
            };
            println!(
                "{:9} [{}] {} -> {} ({:?}, {}) | {}",
                e.event_type.as_str(),
                &doc.text[e.trigger.clone()],
                label(&e.agents),
                label(&e.targets),
                e.status,
                e.date.map(|d| d.date.to_string()).unwrap_or_default(),
                doc.text[e.evidence.clone()].chars().take(140).collect::<String>().replace('\n', " ")
            );
        }
    }
    Ok(())
}
