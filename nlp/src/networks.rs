//! The trained networks of the pipeline and how one document goes through them: the shared
//! encoder, the tagger, the parser (with spaCy's post-processing of its trees) and the entity
//! recogniser with its own encoder.

use crate::linalg::{affine, argmax};
use crate::model::{ModelConfig, Tensor, Weights};
use crate::tok2vec::{Scratch, Tok2Vec};
use crate::transition::{self, ArcEager, EntityMoves, EntitySpan, StepModel};
use crate::tree;
use crate::NlpError;

/// The attribute columns the encoders read, in the order [`Networks::analyse`] expects them.
pub(crate) const FEATURE_COLUMNS: [&str; 6] = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY", "IS_SPACE"];

pub(crate) struct Networks {
    tok2vec: Tok2Vec,
    tagger_w: Tensor,
    tagger_b: Tensor,
    pub(crate) tags: Vec<String>,
    parser: StepModel,
    pub(crate) arc_eager: ArcEager,
    ner_tok2vec: Tok2Vec,
    ner: StepModel,
    pub(crate) entity_moves: EntityMoves,
}

/// The parser's analysis of one document.
pub(crate) struct Parse {
    /// Head of each token (itself for a root).
    pub(crate) heads: Vec<u32>,
    /// Dependency label of each token (index into the parser's labels).
    pub(crate) deps: Vec<u16>,
    /// Whether each token starts a sentence.
    pub(crate) sent_start: Vec<bool>,
}

/// What the networks say of one document.
pub(crate) struct Analysis {
    /// Tag index of each token.
    pub(crate) tags: Vec<u16>,
    /// Head of each token (itself for a root).
    pub(crate) heads: Vec<u32>,
    /// Dependency label of each token (index into the parser's labels).
    pub(crate) deps: Vec<u16>,
    /// Whether each token starts a sentence.
    pub(crate) sent_start: Vec<bool>,
    /// Entities, in order.
    pub(crate) entities: Vec<EntitySpan>,
}

impl Networks {
    pub(crate) fn load(config: &ModelConfig, weights: &mut Weights) -> Result<Networks, NlpError> {
        let check_columns = |name: &str, attrs: &[String]| -> Result<(), NlpError> {
            if attrs.iter().zip(FEATURE_COLUMNS).all(|(a, b)| a == b) && attrs.len() <= FEATURE_COLUMNS.len() {
                Ok(())
            } else {
                Err(NlpError::format(
                    "model.json",
                    format!("{name}: attributes {attrs:?} (this build reads a prefix of {FEATURE_COLUMNS:?})"),
                ))
            }
        };
        let attrs = |c: &crate::model::Tok2VecConfig| c.features.iter().map(|f| f.attr.clone()).collect::<Vec<_>>();
        check_columns("tok2vec", &attrs(&config.tok2vec))?;
        let tok2vec = Tok2Vec::load(weights, "tok2vec", &config.tok2vec)?;
        let width = tok2vec.width();
        let tags = config.tagger.labels.clone();
        let tagger_w = weights.take("tagger.W", &[tags.len(), width])?;
        let tagger_b = weights.take("tagger.b", &[tags.len()])?;
        if config.parser.state_features != 8 {
            return Err(NlpError::format(
                "model.json",
                format!("parser: {} state features (this build reads 8)", config.parser.state_features),
            ));
        }
        let parser = StepModel::load(weights, "parser", &config.parser, width)?;
        let arc_eager = ArcEager::new(&config.parser.actions)?;
        let ner_config =
            config.ner.tok2vec.as_ref().ok_or_else(|| NlpError::format("model.json", "ner: no tok2vec of its own"))?;
        check_columns("ner.tok2vec", &attrs(ner_config))?;
        let ner_tok2vec = Tok2Vec::load(weights, "ner.tok2vec", ner_config)?;
        if !(1..=3).contains(&config.ner.state_features) {
            return Err(NlpError::format(
                "model.json",
                format!("ner: {} state features (this build reads 1 to 3)", config.ner.state_features),
            ));
        }
        let ner = StepModel::load(weights, "ner", &config.ner, ner_tok2vec.width())?;
        let entity_moves = EntityMoves::new(&config.ner.actions)?;
        Ok(Networks { tok2vec, tagger_w, tagger_b, tags, parser, arc_eager, ner_tok2vec, ner, entity_moves })
    }

    /// Analyses one document: `features` holds a row of the six [`FEATURE_COLUMNS`] ids per
    /// token; `is_space` says which tokens are whitespace.
    pub(crate) fn analyse(&self, features: &[u64], is_space: &[bool], scratch: &mut Scratch) -> Analysis {
        let n = is_space.len();
        debug_assert_eq!(features.len(), n * FEATURE_COLUMNS.len());
        let tokvecs = self.encode(features, scratch);
        let tags = self.tag(&tokvecs, n);
        let Parse { heads, deps, sent_start } = self.parse(&tokvecs, is_space);
        // The entity recogniser has its own encoder: the shared vectors can go.
        drop(tokvecs);
        let ner_vecs = self.ner_encode(features, scratch);
        let entities = self.recognise(&ner_vecs, is_space, &sent_start);
        Analysis { tags, heads, deps, sent_start, entities }
    }

    /// The shared encoder's vectors (`n × width`) of a document's feature rows.
    pub(crate) fn encode(&self, features: &[u64], scratch: &mut Scratch) -> Vec<f32> {
        self.tok2vec.encode(features, FEATURE_COLUMNS.len(), scratch)
    }

    /// The tag index of each of `n` tokens from the shared encoder's vectors.
    pub(crate) fn tag(&self, tokvecs: &[f32], n: usize) -> Vec<u16> {
        let mut scores = vec![0.0; n * self.tags.len()];
        affine(tokvecs, n, &self.tagger_w, &self.tagger_b, &mut scores);
        scores.chunks_exact(self.tags.len().max(1)).map(|row| argmax(row) as u16).collect()
    }

    /// The dependency parse from the shared encoder's vectors, made projective again as spaCy
    /// does, with the sentence starts that follow from it.
    pub(crate) fn parse(&self, tokvecs: &[f32], is_space: &[bool]) -> Parse {
        let parse = transition::parse(&self.parser, &self.arc_eager, tokvecs, is_space.len());
        let mut heads = parse.heads;
        let mut deps: Vec<u16> = parse.labels.iter().map(|l| l.unwrap_or(self.arc_eager.root)).collect();
        let mut edges = tree::edges(&heads);
        if deps.iter().any(|&d| self.arc_eager.decoration[d as usize].is_some()) {
            tree::deprojectivize(&mut heads, &mut deps, &self.arc_eager.decoration, is_space, &edges);
            edges = tree::edges(&heads);
        }
        Parse { heads, deps, sent_start: edges.sent_start }
    }

    /// The entity recogniser's own encoder's vectors of a document's feature rows.
    pub(crate) fn ner_encode(&self, features: &[u64], scratch: &mut Scratch) -> Vec<f32> {
        self.ner_tok2vec.encode(features, FEATURE_COLUMNS.len(), scratch)
    }

    /// The entities, from the entity recogniser's vectors and the parser's sentence starts.
    pub(crate) fn recognise(&self, ner_vecs: &[f32], is_space: &[bool], sent_start: &[bool]) -> Vec<EntitySpan> {
        transition::recognise(&self.ner, &self.entity_moves, ner_vecs, is_space, sent_start)
    }
}
