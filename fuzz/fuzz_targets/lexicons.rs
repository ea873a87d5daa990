//! The gazetteer and word-list loaders on arbitrary input: errors, never panics.
#![no_main]

use dossier::lexicon::{Boilerplate, Gazetteer, Origin, WordLists};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let origin = Origin::File("fuzz".into());
    match selector % 6 {
        0 => {
            let mut gazetteer = Gazetteer::empty();
            if gazetteer.add_turtle(text, &origin).is_ok() {
                let _ = gazetteer.find(text);
            }
        }
        1 => {
            let _ = Boilerplate::parse(text, &origin);
        }
        kind => {
            let mut words = WordLists::builtin().expect("shipped lists load");
            let _ = match kind {
                2 => words.add_triggers(text, &origin),
                3 => words.add_reporting(text, &origin),
                4 => words.add_descriptions(text, &origin),
                _ => words.add_relations(text, &origin),
            };
        }
    }
});
