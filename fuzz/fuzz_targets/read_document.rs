//! Reading and cleaning a document of any kind: never panics, every sentence slices the text.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use dossier::lexicon::Boilerplate;
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<Boilerplate> = LazyLock::new(Boilerplate::builtin);

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let name = ["a.txt", "a.md", "a.html", "a.json", "a.jsonl"][usize::from(selector) % 5];
    if let Ok(contents) = dossier::corpus::read_bytes(Path::new(name), bytes, &RULES) {
        for document in &contents.documents {
            for sentence in &document.sentences {
                assert!(document.text.get(sentence.range.clone()).is_some(), "sentence off char boundaries");
            }
        }
    }
});
