//! The exported model: its files, their configuration and the trained weights.
//!
//! A model is a folder written by `scripts/export_spacy_model.py` (format described in
//! `models/en_core_web_sm-3.8.0/README.md`): `model.json` (dimensions, hash seeds, labels,
//! transition names, the symbol table), `tokenizer.json`, `lexemes.json`,
//! `attribute_ruler.json`, `lemmatizer.json` and `weights.safetensors`. The English model is
//! embedded in the crate ([`ModelFiles::english`]); [`ModelFiles::from_dir`] reads another
//! export of the same architecture.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::NlpError;

/// The format version of `model.json` this crate reads.
pub const FORMAT_VERSION: u32 = 1;

/// The six files of a model, held in memory.
///
/// ```
/// let files = dossier_nlp::ModelFiles::english();
/// assert!(files.config().unwrap().tagger.labels.iter().any(|t| t == "NNP"));
/// ```
#[derive(Clone)]
pub struct ModelFiles {
    pub(crate) model: Cow<'static, str>,
    pub(crate) tokenizer: Cow<'static, str>,
    pub(crate) lexemes: Cow<'static, str>,
    pub(crate) attribute_ruler: Cow<'static, str>,
    pub(crate) lemmatizer: Cow<'static, str>,
    pub(crate) weights: Cow<'static, [u8]>,
}

macro_rules! english_file {
    ($name:literal) => {
        include_str!(concat!("../../models/en_core_web_sm-3.8.0/", $name))
    };
}

/// Bytes aligned for `f32`, so that the weights of the embedded model can be read in place.
#[repr(C, align(4))]
struct Aligned<B: ?Sized>(B);

/// The embedded model's `weights.safetensors`: the file's header is padded to a multiple of 8
/// bytes and every tensor is `f32`, so each tensor starts aligned here.
static ENGLISH_WEIGHTS: &Aligned<[u8]> =
    &Aligned(*include_bytes!("../../models/en_core_web_sm-3.8.0/weights.safetensors"));

impl ModelFiles {
    /// spaCy's `en_core_web_sm` 3.8.0, embedded in the binary.
    pub fn english() -> ModelFiles {
        ModelFiles {
            model: Cow::Borrowed(english_file!("model.json")),
            tokenizer: Cow::Borrowed(english_file!("tokenizer.json")),
            lexemes: Cow::Borrowed(english_file!("lexemes.json")),
            attribute_ruler: Cow::Borrowed(english_file!("attribute_ruler.json")),
            lemmatizer: Cow::Borrowed(english_file!("lemmatizer.json")),
            weights: Cow::Borrowed(&ENGLISH_WEIGHTS.0),
        }
    }

    /// Reads the files of an exported model from a folder.
    ///
    /// ```
    /// let err = dossier_nlp::ModelFiles::from_dir("/nonexistent").err().unwrap();
    /// assert!(err.to_string().contains("/nonexistent/model.json"));
    /// ```
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<ModelFiles, NlpError> {
        let dir = dir.as_ref();
        let text = |name: &str| -> Result<Cow<'static, str>, NlpError> {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map(Cow::Owned).map_err(|source| NlpError::Io { path, source })
        };
        let model = text("model.json")?;
        let weights_path = dir.join("weights.safetensors");
        let weights = std::fs::read(&weights_path).map_err(|source| NlpError::Io { path: weights_path, source })?;
        Ok(ModelFiles {
            model,
            tokenizer: text("tokenizer.json")?,
            lexemes: text("lexemes.json")?,
            attribute_ruler: text("attribute_ruler.json")?,
            lemmatizer: text("lemmatizer.json")?,
            weights: Cow::Owned(weights),
        })
    }

    /// The parsed `model.json`.
    pub fn config(&self) -> Result<ModelConfig, NlpError> {
        let config: ModelConfig =
            serde_json::from_str(&self.model).map_err(|e| NlpError::format("model.json", e.to_string()))?;
        if config.format_version != FORMAT_VERSION {
            return Err(NlpError::format(
                "model.json",
                format!(
                    "format version {} (this build reads version {FORMAT_VERSION}); export the model again with scripts/export_spacy_model.py",
                    config.format_version
                ),
            ));
        }
        Ok(config)
    }
}

/// `model.json`: what the weights are and how to use them.
#[derive(Debug, Clone, Deserialize)]
pub struct ModelConfig {
    /// Version of the export format.
    pub format_version: u32,
    /// Where the model comes from.
    pub source: ModelSource,
    /// The token encoder shared by the tagger and the parser.
    pub tok2vec: Tok2VecConfig,
    /// The tagger.
    pub tagger: TaggerConfig,
    /// The dependency parser.
    pub parser: TransitionConfig,
    /// The entity recogniser (with its own encoder).
    pub ner: TransitionConfig,
    /// spaCy's symbol table: strings that have a fixed id instead of a hash.
    pub symbols: HashMap<String, u64>,
}

/// The package a model was exported from.
#[derive(Debug, Clone, Deserialize)]
pub struct ModelSource {
    /// The Python package.
    pub package: String,
    /// The model's name.
    pub name: String,
    /// The model's version.
    pub version: String,
    /// The spaCy version that exported it.
    pub spacy_version: String,
    /// The model's licence.
    pub license: Option<String>,
}

/// A `spacy.Tok2Vec.v2`: hashed embeddings of lexical attributes, then a residual CNN.
#[derive(Debug, Clone, Deserialize)]
pub struct Tok2VecConfig {
    /// The embedded attributes, in column order.
    pub features: Vec<FeatureConfig>,
    /// Output width.
    pub width: usize,
    /// Maxout pieces of every layer.
    pub maxout_pieces: usize,
    /// Number of residual window layers.
    pub depth: usize,
    /// Tokens on each side a window layer sees.
    pub window_size: usize,
    /// Zero rows around each document before the window layers.
    pub encoder_padding: usize,
}

/// One hashed-embedding table.
#[derive(Debug, Clone, Deserialize)]
pub struct FeatureConfig {
    /// The lexical attribute (`NORM`, `PREFIX`, `SUFFIX`, `SHAPE`, `SPACY`, `IS_SPACE`).
    pub attr: String,
    /// Rows of the table.
    pub rows: usize,
    /// Seed of the table's MurmurHash3.
    pub seed: u32,
}

/// The tagger's labels, in output order.
#[derive(Debug, Clone, Deserialize)]
pub struct TaggerConfig {
    /// Fine-grained tags.
    pub labels: Vec<String>,
}

/// A `spacy.TransitionBasedParser.v2`.
#[derive(Debug, Clone, Deserialize)]
pub struct TransitionConfig {
    /// Its own encoder (the NER's), if it does not share the main one.
    pub tok2vec: Option<Tok2VecConfig>,
    /// Tokens a state is described by.
    pub state_features: usize,
    /// Width of the hidden layer.
    pub hidden_width: usize,
    /// Maxout pieces of the hidden layer.
    pub maxout_pieces: usize,
    /// Transition names in output order (`S`, `D`, `L-nsubj`, `B-ORG`, `O`, ...).
    pub actions: Vec<String>,
    /// Outputs that never occurred in training.
    pub unseen_classes: Vec<usize>,
    /// The labels the transitions carry.
    pub labels: Vec<String>,
}

/// A tensor's values: read in place from a model file that is in memory for the life of the
/// program (the embedded one) where the bytes are aligned little-endian `f32`s, else a copy.
pub(crate) type Tensor = Cow<'static, [f32]>;

/// The tensors of `weights.safetensors`.
pub(crate) struct Weights {
    tensors: HashMap<String, (Vec<usize>, Tensor)>,
}

impl Weights {
    const FILE: &'static str = "weights.safetensors";

    /// Parses a safetensors file of little-endian `F32` tensors. The tensors of a `'static` file
    /// are read in place when they can be (see [`Tensor`]).
    #[allow(clippy::ptr_arg, reason = "whether the file is borrowed for 'static is what is asked")]
    pub(crate) fn parse(file: &Cow<'static, [u8]>) -> Result<Weights, NlpError> {
        let bytes: &[u8] = file;
        let bad = |m: String| NlpError::format(Self::FILE, m);
        let header_len = bytes
            .get(..8)
            .map(|b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8])) as usize)
            .ok_or_else(|| bad("shorter than its 8-byte header length".into()))?;
        let data_start = 8usize
            .checked_add(header_len)
            .filter(|&end| end <= bytes.len())
            .ok_or_else(|| bad(format!("header length {header_len} runs past the end of the file")))?;
        let header: HashMap<String, serde_json::Value> =
            serde_json::from_slice(&bytes[8..data_start]).map_err(|e| bad(format!("header is not JSON: {e}")))?;
        let data = &bytes[data_start..];
        let mut tensors = HashMap::new();
        for (name, info) in header {
            if name == "__metadata__" {
                continue;
            }
            #[derive(Deserialize)]
            struct Info {
                dtype: String,
                shape: Vec<usize>,
                data_offsets: [usize; 2],
            }
            let info: Info = serde_json::from_value(info).map_err(|e| bad(format!("tensor {name}: {e}")))?;
            if info.dtype != "F32" {
                return Err(bad(format!("tensor {name} is {}, only F32 is read", info.dtype)));
            }
            let [start, end] = info.data_offsets;
            let count: usize = info.shape.iter().product();
            if start > end || end > data.len() || end - start != count * 4 {
                return Err(bad(format!("tensor {name}: offsets {start}..{end} do not hold shape {:?}", info.shape)));
            }
            let values = match file {
                Cow::Borrowed(file) => in_place(&file[data_start + start..data_start + end]),
                Cow::Owned(_) => None,
            };
            let values = values.unwrap_or_else(|| {
                Cow::Owned(
                    data[start..end].chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect(),
                )
            });
            tensors.insert(name, (info.shape, values));
        }
        Ok(Weights { tensors })
    }

    /// Takes a tensor out, checking its shape.
    pub(crate) fn take(&mut self, name: &str, shape: &[usize]) -> Result<Tensor, NlpError> {
        let (found, values) =
            self.tensors.remove(name).ok_or_else(|| NlpError::format(Self::FILE, format!("no tensor {name}")))?;
        if found != shape {
            return Err(NlpError::format(Self::FILE, format!("tensor {name} has shape {found:?}, expected {shape:?}")));
        }
        Ok(values)
    }
}

/// Little-endian `f32` bytes as `f32`s without a copy, if they are aligned and this target is
/// little-endian.
fn in_place(bytes: &'static [u8]) -> Option<Tensor> {
    if cfg!(target_endian = "little")
        && bytes.len().is_multiple_of(4)
        && (bytes.as_ptr() as usize).is_multiple_of(std::mem::align_of::<f32>())
    {
        // SAFETY: the pointer is aligned for f32 and valid for `len / 4` of them for 'static
        // (checked above); every bit pattern is an f32, and the bytes are little-endian, as
        // this target reads them.
        Some(Cow::Borrowed(unsafe { std::slice::from_raw_parts(bytes.as_ptr().cast::<f32>(), bytes.len() / 4) }))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_weights_are_read_in_place_and_a_copy_gives_the_same_values() {
        let files = ModelFiles::english();
        let mut borrowed = Weights::parse(&files.weights).unwrap();
        let mut owned = Weights::parse(&Cow::Owned(files.weights.to_vec())).unwrap();
        let names: Vec<String> = borrowed.tensors.keys().cloned().collect();
        assert!(names.len() > 40);
        for name in names {
            let shape = borrowed.tensors[&name].0.clone();
            let a = borrowed.take(&name, &shape).unwrap();
            let b = owned.take(&name, &shape).unwrap();
            if cfg!(target_endian = "little") {
                assert!(matches!(a, Cow::Borrowed(_)), "{name} was copied");
            }
            assert!(matches!(b, Cow::Owned(_)));
            assert!(a.iter().zip(b.iter()).all(|(x, y)| x.to_bits() == y.to_bits()) && a.len() == b.len(), "{name}");
        }
    }
}
