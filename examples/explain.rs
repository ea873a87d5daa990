//! Prints what extraction finds in one file: actors with their mentions, events, claims.
//!
//! ```text
//! cargo run --release --no-default-features --example explain -- FILE
//! ```

use std::path::PathBuf;

use dossier::corpus::read_file;
use dossier::extract::extract_document;
use dossier::lexicon::Lexicon;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = PathBuf::from(std::env::args().nth(1).ok_or("usage: explain FILE")?);
    let lexicon = Lexicon::builtin()?;
    let contents = read_file(&path, &lexicon.boilerplate)?;
    for document in &contents.documents {
        let findings = extract_document(document, &lexicon);
        println!("# {} ({:?})", document.file_name, document.published);
        for actor in findings.actors.values() {
            let mentions: Vec<String> = findings
                .mentions
                .iter()
                .filter(|m| m.actor == actor.id)
                .map(|m| format!("{:?}:{}", m.kind, &document.text[m.range.clone()]))
                .collect();
            println!("ACTOR {:?} {:?} {}", actor.kind, actor.label, mentions.join(" | "));
        }
        let label = |id: &dossier::extract::ActorId| findings.actor(id).label.clone();
        for e in &findings.events {
            println!(
                "EVENT {} {:?} {:?} -> {:?} {:?} {:?} | {}",
                e.event_type.as_str(),
                e.mode,
                e.agents.iter().map(label).collect::<Vec<_>>(),
                e.targets.iter().map(label).collect::<Vec<_>>(),
                e.status,
                e.date.map(|d| d.to_string()),
                &document.text[e.trigger.clone()]
            );
        }
        for c in &findings.claims {
            println!(
                "CLAIM {} [{} {}] | {}",
                label(&c.claimant),
                c.modality,
                c.polarity.as_str(),
                &document.text[c.content.clone()]
            );
        }
    }
    Ok(())
}
