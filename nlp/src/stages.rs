//! The pipeline's stages one at a time, for the crate's benchmarks (`benches/nlp.rs`): each
//! function does what [`Pipeline::process`] does at that point, with the same code. Not part of
//! the API (hidden from the documentation, free to change).

use crate::networks::{Parse, FEATURE_COLUMNS};
use crate::pipeline::with_scratch;
use crate::Pipeline;

/// A document's lexical feature rows, after the tokenizer.
pub struct Features {
    rows: Vec<[u64; FEATURE_COLUMNS.len()]>,
    is_space: Vec<bool>,
}

impl Features {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the document has no token.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// One encoder's token vectors.
pub struct Vectors(Vec<f32>);

/// The parser's heads, labels and sentence starts.
pub struct Parsed(Parse);

/// Tokenizer and lexical features.
pub fn features(nlp: &Pipeline, text: &str) -> Features {
    let pieces = nlp.tokenizer.tokenize(text);
    let rows = nlp.lexicon.features(text, &pieces);
    let is_space = rows.iter().map(|f| f[5] == 1).collect();
    Features { rows, is_space }
}

/// The shared encoder (tok2vec).
pub fn encode(nlp: &Pipeline, features: &Features) -> Vectors {
    Vectors(with_scratch(|scratch| nlp.networks.encode(features.rows.as_flattened(), scratch)))
}

/// The tagger's network: a tag index per token.
pub fn tag(nlp: &Pipeline, features: &Features, vectors: &Vectors) -> Vec<u16> {
    nlp.networks.tag(&vectors.0, features.len())
}

/// The parser: transitions, then the projective tree's repair and the sentence starts.
pub fn parse(nlp: &Pipeline, features: &Features, vectors: &Vectors) -> Parsed {
    Parsed(nlp.networks.parse(&vectors.0, &features.is_space))
}

/// The entity recogniser's own encoder.
pub fn ner_encode(nlp: &Pipeline, features: &Features) -> Vectors {
    Vectors(with_scratch(|scratch| nlp.networks.ner_encode(features.rows.as_flattened(), scratch)))
}

/// The entity recogniser's transitions: the number of entities.
pub fn recognise(nlp: &Pipeline, features: &Features, ner_vectors: &Vectors, parsed: &Parsed) -> usize {
    nlp.networks.recognise(&ner_vectors.0, &features.is_space, &parsed.0.sent_start).len()
}
