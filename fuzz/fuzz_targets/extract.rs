//! The extractor on arbitrary text: never panics; every mention, event and claim range slices the
//! text; every actor referred to is known to the findings.
#![no_main]

use std::sync::LazyLock;

use dossier::corpus::Document;
use dossier::extract::extract_document;
use dossier::lexicon::Lexicon;
use libfuzzer_sys::fuzz_target;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::builtin().expect("shipped lexicons load"));

fuzz_target!(|text: &str| {
    let lexicon = &*LEXICON;
    let text = format!("date 2021-07-09\n\n{text}");
    let document = Document::from_text("f.txt", text, Default::default(), &lexicon.boilerplate);
    let findings = extract_document(&document, lexicon);
    let slices = |range: &std::ops::Range<usize>| document.text.get(range.clone()).is_some();
    for mention in &findings.mentions {
        assert!(slices(&mention.range), "mention off boundaries");
        assert!(findings.actors.contains_key(&mention.actor));
    }
    for event in &findings.events {
        assert!(slices(&event.evidence) && slices(&event.trigger));
        assert!(event.agents.iter().chain(&event.targets).all(|a| findings.actors.contains_key(a)));
    }
    for claim in &findings.claims {
        assert!(slices(&claim.evidence) && slices(&claim.content));
        assert!(findings.actors.contains_key(&claim.claimant));
    }
    // The RDF mapping accepts whatever the extractor gives.
    let _ = dossier::rdf::document_quads(&document, &findings);
});
