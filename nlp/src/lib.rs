//! An English NLP pipeline in Rust that gives the same analyses as spaCy 3.8's `en_core_web_sm`
//! 3.8.0, from the same trained weights: tokens with offsets, fine tags, coarse POS, morphology,
//! lemmas, a labelled dependency tree per sentence, and named entities.
//!
//! The pipeline is spaCy's: a rule tokenizer (`tokenizer`), lexical features (`lexeme`), a shared
//! convolutional token encoder (`tok2vec`), a tagger, a greedy arc-eager transition parser,
//! the attribute ruler and rule lemmatizer, and a greedy BILUO transition NER with its own
//! encoder.
//!
//! Underneath: `strings` gives spaCy's string ids (MurmurHash64A, symbol table), and `pyunicode`
//! Python's Unicode predicates and `str.lower()`, which spaCy's rules depend on.

mod affixes;
pub mod attribute_ruler;
mod doc;
pub mod error;
mod fxhash;
pub mod lemmatizer;
pub mod lexeme;
mod linalg;
pub mod model;
pub mod morphology;
mod networks;
mod pike;
mod pipeline;
pub mod pos;
mod pyre;
pub mod pyunicode;
#[doc(hidden)]
pub mod stages;
pub mod strings;
mod tok2vec;
pub mod tokenizer;
mod transition;
mod tree;
#[rustfmt::skip]
mod unicode_tables;

pub use doc::{Doc, Entity, EntityIob, Sentence, Token};
pub use error::NlpError;
pub use model::ModelFiles;
pub use pipeline::Pipeline;
pub use pos::Pos;
