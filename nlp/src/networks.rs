//! The trained networks of the pipeline and how one document goes through them: the shared
//! encoder, the tagger, the parser (with spaCy's post-processing of its trees) and the entity
//! recogniser with its own encoder.

use crate::linalg::{affine, argmax};
use crate::model::{ModelConfig, Weights};
use crate::tok2vec::{Scratch, Tok2Vec};
use crate::transition::{self, ArcEager, EntityMoves, EntitySpan, StepModel};
use crate::tree;
use crate::NlpError;

/// The attribute columns the encoders read, in the order [`Networks::analyse`] expects them.
pub(crate) const FEATURE_COLUMNS: [&str; 6] = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY", "IS_SPACE"];

pub(crate) struct Networks {
    tok2vec: Tok2Vec,
    tagger_w: Vec<f32>,
    tagger_b: Vec<f32>,
    pub(crate) tags: Vec<String>,
    parser: StepModel,
    pub(crate) arc_eager: ArcEager,
    ner_tok2vec: Tok2Vec,
    ner: StepModel,
    pub(crate) entity_moves: EntityMoves,
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
        let ner_config = config
            .ner
            .tok2vec
            .as_ref()
            .ok_or_else(|| NlpError::format("model.json", "ner: no tok2vec of its own"))?;
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
        let stride = FEATURE_COLUMNS.len();
        debug_assert_eq!(features.len(), n * stride);
        let tokvecs = self.tok2vec.encode(features, stride, scratch);
        let mut scores = vec![0.0; n * self.tags.len()];
        affine(&tokvecs, n, &self.tagger_w, &self.tagger_b, &mut scores);
        let tags = scores.chunks_exact(self.tags.len().max(1)).map(|row| argmax(row) as u16).collect();
        let parse = transition::parse(&self.parser, &self.arc_eager, &tokvecs, n);
        let mut heads = parse.heads;
        let mut deps: Vec<u16> = parse.labels.iter().map(|l| l.unwrap_or(self.arc_eager.root)).collect();
        let mut edges = tree::edges(&heads);
        if deps.iter().any(|&d| self.arc_eager.decoration[d as usize].is_some()) {
            tree::deprojectivize(&mut heads, &mut deps, &self.arc_eager.decoration, is_space, &edges);
            edges = tree::edges(&heads);
        }
        let sent_start = edges.sent_start;
        let ner_vecs = self.ner_tok2vec.encode(features, stride, scratch);
        let entities = transition::recognise(&self.ner, &self.entity_moves, &ner_vecs, is_space, &sent_start);
        Analysis { tags, heads, deps, sent_start, entities }
    }
}

/// Development harness (temporary).
#[doc(hidden)]
pub struct DevHarness;

impl DevHarness {
    pub fn run(path: &str) {
        let files = crate::ModelFiles::english();
        let config = files.config().unwrap();
        let mut weights = Weights::parse(&files.weights).unwrap();
        let nets = Networks::load(&config, &mut weights).unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let (mut tok, mut tag_ok, mut head_ok, mut dep_ok, mut sent_ok) = (0, 0, 0, 0, 0);
        let (mut ents_gold, mut ents_pred, mut ents_ok) = (0, 0, 0);
        let mut scratch = Scratch::default();
        let start = std::time::Instant::now();
        for line in text.lines() {
            let rec: serde_json::Value = serde_json::from_str(line).unwrap();
            let feats: Vec<u64> = rec["feats"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|r| r.as_array().unwrap().iter().map(|v| v.as_str().unwrap().parse::<u64>().unwrap()))
                .collect();
            let n = rec["words"].as_array().unwrap().len();
            let is_space: Vec<bool> = (0..n).map(|i| feats[i * 6 + 5] == 1).collect();
            let a = nets.analyse(&feats, &is_space, &mut scratch);
            let mut first_bad = None;
            for i in 0..n {
                tok += 1;
                let t = nets.tags[a.tags[i] as usize].as_str();
                if t == rec["tags"][i].as_str().unwrap() {
                    tag_ok += 1;
                }
                if a.heads[i] as u64 == rec["heads"][i].as_u64().unwrap() {
                    head_ok += 1;
                    let d = nets.arc_eager.labels[a.deps[i] as usize].as_str();
                    if d == rec["deps"][i].as_str().unwrap() {
                        dep_ok += 1;
                    } else if first_bad.is_none() {
                        first_bad = Some(i);
                    }
                } else if first_bad.is_none() {
                    first_bad = Some(i);
                }
                if (i == 0 || a.sent_start[i]) == (rec["sent_starts"][i].as_u64().unwrap() == 1) {
                    sent_ok += 1;
                }
            }
            let gold: Vec<(u64, u64, String)> = rec["ents"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| (e[0].as_u64().unwrap(), e[1].as_u64().unwrap(), e[2].as_str().unwrap().to_string()))
                .collect();
            ents_gold += gold.len();
            ents_pred += a.entities.len();
            for e in &a.entities {
                let key = (e.start as u64, e.end as u64, nets.entity_moves.labels[e.label as usize].clone());
                if gold.contains(&key) {
                    ents_ok += 1;
                }
            }
            if let Some(i) = first_bad {
                let words = rec["words"].as_array().unwrap();
                eprintln!(
                    "{}: first parse difference at token {i} {:?}: head {} dep {} vs spaCy {} {}",
                    rec["id"], words[i], a.heads[i], nets.arc_eager.labels[a.deps[i] as usize], rec["heads"][i], rec["deps"][i]
                );
            }
        }
        let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        eprintln!(
            "{tok} tokens in {:.2}s: tags {:.3}% heads {:.3}% head+dep {:.3}% sent {:.3}%; ents gold {ents_gold} pred {ents_pred} ok {ents_ok}",
            start.elapsed().as_secs_f64(),
            pct(tag_ok, tok),
            pct(head_ok, tok),
            pct(dep_ok, tok),
            pct(sent_ok, tok)
        );
    }
}
