//! Prints the claims of a file and, for sentences containing a substring, their parse:
//! `claims_debug FILE [SUBSTRING]`, or `claims_debug - "TEXT"`.

use std::path::Path;

use dossier::corpus::{read_file, Document};
use dossier::extract::extract_document;
use dossier::lexicon::Lexicon;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lexicon = Lexicon::builtin()?;
    let (document, needle) = if args[0] == "-" {
        let text = format!("date 2021-07-09\n\n{}\n", args[1]);
        (Document::from_text("t.txt", text, Default::default(), &lexicon.boilerplate), Some(String::new()))
    } else {
        let mut docs = read_file(Path::new(&args[0]), &lexicon.boilerplate)?.documents;
        (docs.remove(0), args.get(1).cloned())
    };
    if std::env::var("SENTENCES").is_ok() {
        for s in &document.sentences {
            println!("{:?} {:?}", s.kind, &document.text[s.range.clone()]);
        }
    }
    if let Some(needle) = needle {
        let doc = dossier::nlp::english().process_lines(&document.text);
        for s in doc.sentences() {
            if !s.text().contains(&needle) {
                continue;
            }
            println!("--- {}", s.text().trim());
            for t in s.tokens() {
                if t.is_space() {
                    continue;
                }
                println!(
                    "  {:>3} {:<16} {:<12} {:<5} {:<10} -> {:>3} {} {}",
                    t.i(),
                    t.text(),
                    t.lemma(),
                    t.tag(),
                    t.dep(),
                    t.head().i(),
                    t.head().text(),
                    t.ent_label().unwrap_or("")
                );
            }
        }
    }
    let findings = extract_document(&document, &lexicon);
    if std::env::var("MENTIONS").is_ok() {
        for m in &findings.mentions {
            println!(
                "MENTION {:?} {:?} -> {}",
                m.kind,
                &document.text[m.range.clone()],
                findings.actor(&m.actor).label
            );
        }
    }
    for c in &findings.claims {
        println!(
            "CLAIM {} [{}/{}] {:?} | {}",
            findings.actor(&c.claimant).label,
            c.modality,
            c.polarity.as_str(),
            c.date.map(|d| d.date.to_string()),
            &document.text[c.content.clone()]
        );
    }
    Ok(())
}
