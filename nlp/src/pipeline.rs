//! The whole pipeline: text in, [`Doc`] out.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::attribute_ruler::{AttributeRuler, RulerInput, RulerOutput};
use crate::doc::{Doc, EntityIob, Labels, TokenData};
use crate::lemmatizer::Lemmatizer;
use crate::lexeme::Lexicon;
use crate::model::{ModelFiles, ModelSource, Weights};
use crate::networks::Networks;
use crate::pyunicode::lower_cow;
use crate::strings::Symbols;
use crate::tok2vec::Scratch;
use crate::tokenizer::{char_spans, Tokenizer};
use crate::NlpError;

/// spaCy's English pipeline (`en_core_web_sm` 3.8.0): tokenizer, tok2vec, tagger, parser,
/// attribute ruler, lemmatizer, NER. Loaded once, then shared read-only by any number of
/// threads; the same text always gives the same [`Doc`].
///
/// ```
/// use dossier_nlp::Pipeline;
/// let nlp = Pipeline::english();
/// let doc = nlp.process("The Taliban said on Tuesday that Russia would host talks in Moscow.");
/// let said = doc.tokens().find(|t| t.text() == "said").unwrap();
/// let subject = said.children().find(|c| c.dep() == "nsubj").unwrap();
/// assert_eq!(subject.text(), "Taliban");
/// let places: Vec<_> = doc.entities().filter(|e| e.label() == "GPE").map(|e| e.text()).collect();
/// assert_eq!(places, ["Russia", "Moscow"]);
/// ```
///
/// # Any text, in linear time
///
/// [`Pipeline::process`] takes any `&str` (control characters, lone combining marks, emoji,
/// right-to-left scripts, megabytes without a space) and never panics; the [`Doc`] it returns
/// always has tokens that tile the text, one head per token with no cycle, sentences with one
/// root each that no head leaves, and entities inside one sentence (`tests/properties.rs`,
/// `tests/long_inputs.rs` and the `nlp_process` fuzz target check this). Time and memory grow
/// linearly with the text, stage by stage:
///
/// * the tokenizer stays linear on hostile strings (`tests/tokenizer_robustness.rs`);
/// * both encoders run in blocks of 1,024 tokens (each with the few neighbours its window
///   layers reach), so their working memory does not grow with the document;
/// * the parser takes at most 7n - 1 transitions on n tokens whatever its scores (the proof is
///   in `transition.rs`; an exhaustive search finds 6n - 9 at most for 3 <= n <= 9, and the
///   cap of 16n + 16 steps is never reached). Each transition reads eight tokens' feature rows, which
///   are computed 64 tokens at a time and kept in a least-recently-used cache of 64 blocks
///   (16 MB); on a text of any length each block is computed about once;
/// * spaCy's tree post-processing makes at most twelve linear passes to find subtree edges (if
///   they do not settle, the exact edges are computed in one more linear pass, so sentences
///   always hold their heads: where spaCy's would not, and only there, the result differs
///   from spaCy's). Reattaching a decorated arc (`dobj||xcomp`) searches breadth-first below
///   its head over indexed children: a search costs the tokens it visits. The one superlinear
///   case left is spaCy's own: a search that finds nothing visits the whole subtree, so a single
///   enormous sentence full of such arcs could cost their number times its length (a
///   240,000-token sentence with 20,000 of them: 8 ms, 113 ms before the index);
/// * the entity recogniser takes exactly one transition per token;
/// * the attribute ruler's patterns have a fixed length (no operators) and are indexed by their
///   first token; its three regular expressions are anchored;
/// * the [`Doc`] indexes every token's children when it is made, so [`crate::Token::children`]
///   costs only what it returns.
///
/// Measured on one core shared with other work (`tests/long_inputs.rs`): 31,000 to 35,000
/// tokens a second whatever the length or the language (1 MB of words without punctuation,
/// 168,000 tokens: 5.0 s; a 50,000-token sentence: 1.4 s; 400,000 tokens the parser puts in one
/// sentence: 13 s), and at most about 0.9 KB allocated a token (400,000 tokens: 355 MB), which
/// that test checks stays under 2 KB. There is no limit on a text's size: to bound latency, split
/// long texts (on paragraphs, say) before processing them.
pub struct Pipeline {
    pub(crate) tokenizer: Tokenizer,
    pub(crate) lexicon: Lexicon,
    pub(crate) networks: Networks,
    ruler: AttributeRuler,
    lemmatizer: Lemmatizer,
    labels: Arc<Labels>,
    tag_ids: HashMap<String, u16>,
    dep_ids: HashMap<String, u16>,
    source: ModelSource,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pipeline({} {})", self.source.name, self.source.version)
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Runs `f` with this thread's encoder buffers.
pub(crate) fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|scratch| f(&mut scratch.borrow_mut()))
}

impl Pipeline {
    /// The embedded English model.
    ///
    /// # Panics
    /// Never for a build of this crate: the embedded files are checked by its tests.
    pub fn english() -> Pipeline {
        match Pipeline::load(&ModelFiles::english()) {
            Ok(pipeline) => pipeline,
            Err(e) => panic!("the embedded English model does not load: {e}"),
        }
    }

    /// A pipeline from an export made by `scripts/export_spacy_model.py` (same architecture).
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Pipeline, NlpError> {
        Pipeline::load(&ModelFiles::from_dir(dir)?)
    }

    /// A pipeline from model files in memory.
    pub fn load(files: &ModelFiles) -> Result<Pipeline, NlpError> {
        let config = files.config()?;
        let model_json: serde_json::Value =
            serde_json::from_str(&files.model).map_err(|e| NlpError::format("model.json", e.to_string()))?;
        let symbols = Symbols::from_model_json(&model_json)?;
        let tokenizer = Tokenizer::from_json(&files.tokenizer)?;
        let lexicon = Lexicon::from_json(&files.lexemes, symbols)?;
        let mut weights = Weights::parse(&files.weights)?;
        let networks = Networks::load(&config, &mut weights)?;
        let ruler = AttributeRuler::from_json(&files.attribute_ruler)?;
        let lemmatizer = Lemmatizer::from_json(&files.lemmatizer)?;
        // Label tables: the networks' labels plus any tag or label the ruler can set.
        let (ruler_tags, ruler_deps) = ruler_sets(&files.attribute_ruler)?;
        let mut tags = networks.tags.clone();
        let mut deps = networks.arc_eager.labels.clone();
        for tag in ruler_tags {
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        for dep in ruler_deps {
            if !deps.contains(&dep) {
                deps.push(dep);
            }
        }
        let morphs = ruler.morphology().iter().map(|(_, m)| m.to_string()).collect();
        let tag_ids = tags.iter().enumerate().map(|(i, t)| (t.clone(), i as u16)).collect();
        let dep_ids = deps.iter().enumerate().map(|(i, d)| (d.clone(), i as u16)).collect();
        let labels = Arc::new(Labels { tags, deps, entities: networks.entity_moves.labels.clone(), morphs });
        Ok(Pipeline {
            tokenizer,
            lexicon,
            networks,
            ruler,
            lemmatizer,
            labels,
            tag_ids,
            dep_ids,
            source: config.source,
        })
    }

    /// Where the model comes from.
    pub fn source(&self) -> &ModelSource {
        &self.source
    }

    /// Analyses a text.
    pub fn process(&self, text: &str) -> Doc {
        with_scratch(|scratch| self.process_with(text, scratch))
    }

    /// Analyses a text in which a line break always ends a sentence, so that a headline, a
    /// dateline, a byline or a caption without final punctuation is never parsed as one
    /// sentence with the paragraph after it. The text is analysed whole; the sentences that
    /// run over a line break are analysed again line by line (blank lines staying with the
    /// line before them). Offsets are into the whole text.
    ///
    /// ```
    /// let nlp = dossier_nlp::Pipeline::english();
    /// let text = "Russia says it will not negotiate\n\nThe Kremlin said on Friday it had no plans.\n";
    /// let doc = nlp.process_lines(text);
    /// assert_eq!(doc.text(), text);
    /// let sentences: Vec<_> = doc.sentences().map(|s| s.text().trim()).collect();
    /// assert_eq!(sentences, ["Russia says it will not negotiate", "The Kremlin said on Friday it had no plans."]);
    /// assert_eq!(doc.tokens().find(|t| t.text() == "said").unwrap().dep(), "ROOT");
    /// ```
    pub fn process_lines(&self, text: &str) -> Doc {
        let whole = self.process(text);
        // Whether a sentence's words (its whitespace tokens aside) run over a line break.
        let runs_over = |range: std::ops::Range<usize>| {
            let words: Vec<usize> = range.filter(|&i| !whole.tokens[i].is_space).collect();
            match (words.first(), words.last()) {
                (Some(&a), Some(&b)) => {
                    text[whole.tokens[a].start as usize..whole.tokens[b].end as usize].contains('\n')
                }
                _ => false,
            }
        };
        let sentences: Vec<std::ops::Range<usize>> = whole.sentences().map(|s| s.token_range()).collect();
        if !sentences.iter().any(|s| runs_over(s.clone())) {
            return whole;
        }
        let mut pieces: Vec<Doc> = Vec::new();
        for sentence in sentences {
            if !runs_over(sentence.clone()) {
                pieces.push(whole.slice(sentence));
                continue;
            }
            let start = whole.tokens[sentence.start].start as usize;
            let end = whole.tokens.get(sentence.end).map_or(text.len(), |t| t.start as usize);
            // Lines with their line breaks, blank lines joined to the line before.
            let mut lines: Vec<std::ops::Range<usize>> = Vec::new();
            let mut at = start;
            for line in text[start..end].split_inclusive('\n') {
                let next = at + line.len();
                match lines.last_mut() {
                    Some(last) if line.trim().is_empty() => last.end = next,
                    _ => lines.push(at..next),
                }
                at = next;
            }
            pieces.extend(lines.into_iter().map(|line| self.process(&text[line])));
        }
        Doc::concat(pieces).unwrap_or(whole)
    }

    /// Analyses texts in parallel (on rayon's pool); the documents come back in order and are
    /// the same as [`Pipeline::process`] gives one by one.
    ///
    /// ```
    /// let nlp = dossier_nlp::Pipeline::english();
    /// let docs = nlp.process_batch(&["Kyiv is the capital.", "", "Hamas and Israel agreed."]);
    /// assert_eq!(docs.iter().map(|d| d.len()).collect::<Vec<_>>(), [5, 0, 5]);
    /// ```
    pub fn process_batch<T: AsRef<str> + Sync>(&self, texts: &[T]) -> Vec<Doc> {
        texts.par_iter().map(|t| self.process(t.as_ref())).collect()
    }

    fn process_with(&self, text: &str, scratch: &mut Scratch) -> Doc {
        let pieces = self.tokenizer.tokenize(text);
        let features = self.lexicon.features(text, &pieces);
        let is_space: Vec<bool> = features.iter().map(|f| f[5] == 1).collect();
        let analysis = self.networks.analyse(features.as_flattened(), &is_space, scratch);
        drop(features);
        let n = pieces.len();
        let words: Vec<&str> = pieces.iter().map(|p| p.text(text)).collect();
        let lowers: Vec<_> = words.iter().map(|w| lower_cow(w)).collect();
        let deps = &self.networks.arc_eager.labels;
        let inputs: Vec<RulerInput<'_>> = (0..n)
            .map(|i| RulerInput {
                text: words[i],
                lower: &lowers[i],
                tag: &self.networks.tags[analysis.tags[i] as usize],
                dep: &deps[analysis.deps[i] as usize],
                is_space: is_space[i],
            })
            .collect();
        let mut ruled = vec![RulerOutput::default(); n];
        self.ruler.apply_into(&inputs, &mut ruled);
        let mut tokens = Vec::with_capacity(n);
        let mut lemmas = String::with_capacity(text.len());
        let chars = char_spans(text, &pieces);
        for i in 0..n {
            let piece = &pieces[i];
            let lemma = self.lemmatizer.lemma_after_ruler(&lowers[i], &ruled[i], self.ruler.morphology());
            let from = lemmas.len() as u32;
            lemmas.push_str(lemma.as_str(words[i], &lowers[i]));
            let tag = ruled[i].tag_or(inputs[i].tag);
            let dep = ruled[i].dep_or(inputs[i].dep);
            tokens.push(TokenData {
                start: piece.start as u32,
                end: piece.end as u32,
                char_start: chars[i].0 as u32,
                char_end: chars[i].1 as u32,
                whitespace: piece.space_after,
                is_space: is_space[i],
                tag: self.tag_ids.get(tag).copied().unwrap_or(analysis.tags[i]),
                pos: ruled[i].pos,
                morph: ruled[i].morph.index() as u32,
                lemma: from..lemmas.len() as u32,
                head: analysis.heads[i],
                dep: self.dep_ids.get(dep).copied().unwrap_or(analysis.deps[i]),
                sent_start: analysis.sent_start[i],
                ent_iob: EntityIob::Outside,
                ent_label: 0,
            });
        }
        let mut entities = Vec::with_capacity(analysis.entities.len());
        for e in &analysis.entities {
            for (k, t) in tokens[e.start as usize..e.end as usize].iter_mut().enumerate() {
                t.ent_iob = if k == 0 { EntityIob::Begin } else { EntityIob::Inside };
                t.ent_label = e.label;
            }
            entities.push((e.start, e.end, e.label));
        }
        Doc::new(text.to_string(), tokens, lemmas, entities, Arc::clone(&self.labels))
    }
}

/// The tags and dependency labels the attribute ruler's patterns can set.
fn ruler_sets(json: &str) -> Result<(Vec<String>, Vec<String>), NlpError> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| NlpError::format("attribute_ruler.json", e.to_string()))?;
    let mut tags = Vec::new();
    let mut deps = Vec::new();
    for pattern in value["patterns"].as_array().into_iter().flatten() {
        for (key, list) in [("TAG", &mut tags), ("DEP", &mut deps)] {
            if let Some(v) = pattern["attrs"][key].as_str() {
                if !list.iter().any(|x: &String| x == v) {
                    list.push(v.to_string());
                }
            }
        }
    }
    Ok((tags, deps))
}
