//! Cleaning and sentence splitting of arbitrary text: sentences are ordered, disjoint, trimmed
//! and on character boundaries.
#![no_main]

use std::sync::LazyLock;

use dossier::corpus::Document;
use dossier::lexicon::Boilerplate;
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<Boilerplate> = LazyLock::new(Boilerplate::builtin);

fuzz_target!(|text: &str| {
    let document = Document::from_text("f.txt", text.to_string(), Default::default(), &RULES);
    let mut end = 0;
    for sentence in &document.sentences {
        let slice = document.text.get(sentence.range.clone()).expect("sentence on char boundaries");
        assert!(sentence.range.start >= end, "sentences overlap or go back");
        assert_eq!(slice.trim(), slice, "sentence not trimmed");
        end = sentence.range.end;
    }
});
