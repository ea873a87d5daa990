//! Looking actors up by a hostile name: the query never breaks, never changes the store, and
//! finds nothing unless the name is a real label or alias.
#![no_main]

use std::sync::LazyLock;

use dossier::corpus::Document;
use dossier::Dossier;
use libfuzzer_sys::fuzz_target;

static GRAPH: LazyLock<(Dossier, usize)> = LazyLock::new(|| {
    let dossier = Dossier::in_memory().expect("memory store");
    let text = "date 2021-07-09\n\nTaliban representatives visited Moscow on July 8, the Russian Foreign Ministry said.\n";
    let document = Document::from_text("seed.txt", text.into(), Default::default(), &dossier.lexicon().boilerplate);
    dossier.add_documents(vec![document]).expect("build");
    let size = dossier.store().len().expect("len");
    (dossier, size)
});

fuzz_target!(|name: &str| {
    let (dossier, size) = &*GRAPH;
    let found = dossier::traverse::find_actors(dossier.store(), name).expect("a lookup never fails");
    let known = ["taliban", "russia", "moscow", "russian foreign ministry"];
    if !found.is_empty() {
        assert!(
            found.iter().any(|a| a.label.to_lowercase() == name.trim().to_lowercase() || a.aliases.iter().any(|x| x.to_lowercase() == name.to_lowercase()))
                || known.contains(&name.to_lowercase().as_str()),
            "{name:?} found {found:?}"
        );
    }
    assert_eq!(dossier.store().len().expect("len"), *size, "a lookup changed the store");
});
