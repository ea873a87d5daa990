//! The NLP pipeline on arbitrary text (the bytes made UTF-8 lossily): never panics, and the
//! document's structure holds: tokens tile the text on char boundaries with consistent
//! character offsets, one head each inside the document and no cycle, sentences with one root
//! each that no head leaves, entities inside a sentence, CoNLL-U and JSON well formed (the
//! checks of `nlp/tests/common/mod.rs`, which the property tests use too).
#![no_main]

use std::sync::LazyLock;

use dossier_nlp::Pipeline;
use libfuzzer_sys::fuzz_target;

#[path = "../../nlp/tests/common/mod.rs"]
mod common;

static NLP: LazyLock<Pipeline> = LazyLock::new(Pipeline::english);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = NLP.process(&text);
    if let Err(error) = common::check(&doc) {
        panic!("{error}\n  on {text:?}");
    }
});
