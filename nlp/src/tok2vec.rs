//! The token encoder (`spacy.Tok2Vec.v2`): each token's lexical attributes are looked up in
//! hashed embedding tables, concatenated and reduced by a maxout layer, then refined by residual
//! convolutional layers that each see one more token on each side.

use crate::linalg::{affine, layer_norm, maxout};
use crate::model::{Tok2VecConfig, Weights};
use crate::NlpError;

/// An affine layer followed by maxout and layer normalisation (thinc's `Maxout` with
/// `normalize=True`).
pub(crate) struct MaxoutNorm {
    w: Vec<f32>,
    b: Vec<f32>,
    g: Vec<f32>,
    norm_b: Vec<f32>,
    outputs: usize,
    pieces: usize,
    inputs: usize,
}

impl MaxoutNorm {
    fn load(weights: &mut Weights, name: &str, outputs: usize, pieces: usize, inputs: usize) -> Result<Self, NlpError> {
        Ok(MaxoutNorm {
            w: weights.take(&format!("{name}.W"), &[outputs, pieces, inputs])?,
            b: weights.take(&format!("{name}.b"), &[outputs, pieces])?,
            g: weights.take(&format!("{name}.G"), &[outputs])?,
            norm_b: weights.take(&format!("{name}.norm_b"), &[outputs])?,
            outputs,
            pieces,
            inputs,
        })
    }

    /// `x` is `n × inputs`; returns `n × outputs` into `y`.
    fn forward(&self, x: &[f32], n: usize, y: &mut Vec<f32>, scratch: &mut Scratch) {
        debug_assert_eq!(x.len(), n * self.inputs);
        scratch.pieces.resize(n * self.outputs * self.pieces, 0.0);
        affine(x, n, &self.w, &self.b, &mut scratch.pieces);
        y.resize(n * self.outputs, 0.0);
        maxout(&scratch.pieces, self.pieces, y);
        for row in y.chunks_exact_mut(self.outputs) {
            layer_norm(row, &self.g, &self.norm_b, &mut scratch.norm);
        }
    }
}

/// Buffers reused across the layers of one call.
#[derive(Default)]
pub(crate) struct Scratch {
    pieces: Vec<f32>,
    norm: Vec<f32>,
    embedded: Vec<f32>,
    padded: Vec<f32>,
    window: Vec<f32>,
    layer_out: Vec<f32>,
}

/// One hashed embedding table (thinc's `HashEmbed`).
struct HashEmbed {
    table: Vec<f32>,
    rows: usize,
    seed: u32,
}

/// The encoder of `spacy.Tok2Vec.v2` with `MultiHashEmbed.v2` and `MaxoutWindowEncoder.v2`.
pub(crate) struct Tok2Vec {
    embeds: Vec<HashEmbed>,
    reduce: MaxoutNorm,
    encode: Vec<MaxoutNorm>,
    width: usize,
    window: usize,
    padding: usize,
}

impl Tok2Vec {
    /// Loads the encoder whose tensors are named `{prefix}.embed.*`, `{prefix}.reduce.*`,
    /// `{prefix}.encode.*`.
    pub(crate) fn load(weights: &mut Weights, prefix: &str, config: &Tok2VecConfig) -> Result<Tok2Vec, NlpError> {
        let width = config.width;
        let mut embeds = Vec::with_capacity(config.features.len());
        for (i, feature) in config.features.iter().enumerate() {
            embeds.push(HashEmbed {
                table: weights.take(&format!("{prefix}.embed.{i}.E"), &[feature.rows, width])?,
                rows: feature.rows,
                seed: feature.seed,
            });
        }
        let pieces = config.maxout_pieces;
        let reduce = MaxoutNorm::load(weights, &format!("{prefix}.reduce"), width, pieces, width * embeds.len())?;
        let window_width = width * (2 * config.window_size + 1);
        let encode = (0..config.depth)
            .map(|d| MaxoutNorm::load(weights, &format!("{prefix}.encode.{d}"), width, pieces, window_width))
            .collect::<Result<_, _>>()?;
        if config.encoder_padding < config.depth * config.window_size {
            return Err(NlpError::format(
                "model.json",
                format!("{prefix}: padding {} is narrower than the encoder's reach", config.encoder_padding),
            ));
        }
        Ok(Tok2Vec { embeds, reduce, encode, width, window: config.window_size, padding: config.encoder_padding })
    }

    /// The width of a token vector.
    pub(crate) fn width(&self) -> usize {
        self.width
    }

    /// Encodes one document. `features` holds `n` rows of `stride` attribute ids, of which the
    /// first [`Tok2Vec::columns`] are read. Returns `n × width` values.
    ///
    /// The window layers see `padding` zero rows before and after the document, which become
    /// non-zero as layers are applied, exactly as thinc's `with_array(pad=...)` batches do; so a
    /// document's vectors do not depend on the other documents of a batch. Long documents are
    /// encoded in blocks of [`BLOCK`] tokens, each with the `depth × window` neighbours on either
    /// side that its outputs depend on, so memory does not grow with the document beyond the
    /// output itself; a row's arithmetic is the same whatever the block, so the bits are too.
    pub(crate) fn encode(&self, features: &[u64], stride: usize, scratch: &mut Scratch) -> Vec<f32> {
        self.encode_in_blocks(features, stride, BLOCK, scratch)
    }

    fn encode_in_blocks(&self, features: &[u64], stride: usize, block: usize, scratch: &mut Scratch) -> Vec<f32> {
        let n = features.len().checked_div(stride).unwrap_or(0);
        let width = self.width;
        let mut out = vec![0.0; n * width];
        let halo = self.encode.len() * self.window;
        let total = n + 2 * self.padding;
        let mut block_start = 0;
        while block_start < n {
            let block_end = (block_start + block).min(n);
            // Rows of the padded sequence this block needs: its own and the halo.
            let lo = (block_start + self.padding).saturating_sub(halo);
            let hi = (block_end + self.padding + halo).min(total);
            let first_token = lo.max(self.padding) - self.padding;
            let last_token = hi.min(n + self.padding) - self.padding;
            let rows = self.encode_rows(features, stride, first_token..last_token, lo, hi, scratch);
            let from = (block_start + self.padding - lo) * width;
            out[block_start * width..block_end * width]
                .copy_from_slice(&rows[from..from + (block_end - block_start) * width]);
            block_start = block_end;
        }
        out
    }

    /// Runs the layers over rows `lo..hi` of the padded sequence (tokens `tokens` among them)
    /// and returns those rows; rows within `depth × window` of a cut that is not the
    /// sequence's edge are wrong and must be discarded by the caller.
    fn encode_rows<'s>(
        &self,
        features: &[u64],
        stride: usize,
        tokens: std::ops::Range<usize>,
        lo: usize,
        hi: usize,
        scratch: &'s mut Scratch,
    ) -> &'s [f32] {
        let width = self.width;
        let columns = self.embeds.len();
        let concat = columns * width;
        let count = tokens.len();
        let mut embedded = std::mem::take(&mut scratch.embedded);
        embedded.clear();
        embedded.resize(count * concat, 0.0);
        for (t, row) in features[tokens.start * stride..tokens.end * stride].chunks_exact(stride).enumerate() {
            for (c, embed) in self.embeds.iter().enumerate() {
                let out = &mut embedded[t * concat + c * width..t * concat + (c + 1) * width];
                for key in murmur3_x86_128_u64(row[c], embed.seed) {
                    let r = key as usize % embed.rows;
                    for (o, v) in out.iter_mut().zip(&embed.table[r * width..(r + 1) * width]) {
                        *o += v;
                    }
                }
            }
        }
        let rows = hi - lo;
        let mut padded = std::mem::take(&mut scratch.padded);
        padded.clear();
        padded.resize(rows * width, 0.0);
        let mut layer_out = std::mem::take(&mut scratch.layer_out);
        self.reduce.forward(&embedded, count, &mut layer_out, scratch);
        scratch.embedded = embedded;
        let at = tokens.start + self.padding - lo;
        padded[at * width..(at + count) * width].copy_from_slice(&layer_out[..count * width]);
        // Residual window layers.
        let span = 2 * self.window + 1;
        let mut window = std::mem::take(&mut scratch.window);
        for layer in &self.encode {
            window.clear();
            window.resize(rows * span * width, 0.0);
            for r in 0..rows {
                for k in 0..span {
                    let source = r as isize + k as isize - self.window as isize;
                    if source >= 0 && (source as usize) < rows {
                        let s = source as usize;
                        let dst = (r * span + k) * width;
                        window[dst..dst + width].copy_from_slice(&padded[s * width..(s + 1) * width]);
                    }
                }
            }
            layer.forward(&window, rows, &mut layer_out, scratch);
            for (x, y) in padded.iter_mut().zip(&layer_out) {
                *x += y;
            }
        }
        scratch.window = window;
        scratch.layer_out = layer_out;
        scratch.padded = padded;
        &scratch.padded[..rows * width]
    }
}

/// Tokens encoded at once: bounds the encoder's working memory (about 5 KB a token).
pub(crate) const BLOCK: usize = 1024;

/// thinc's `MurmurHash3_x86_128_uint64`: four 32-bit keys of a 64-bit id (the 128-bit hash
/// of its eight bytes, as thinc's fast path computes it).
pub(crate) fn murmur3_x86_128_u64(value: u64, seed: u32) -> [u32; 4] {
    let mut h1 = value;
    h1 = h1.wrapping_mul(0x87c3_7b91_1142_53d5);
    h1 = h1.rotate_left(31);
    h1 = h1.wrapping_mul(0x4cf5_ad43_2745_937f);
    h1 ^= u64::from(seed);
    h1 ^= 8;
    let mut h2 = u64::from(seed);
    h2 ^= 8;
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    [h1 as u32, (h1 >> 32) as u32, h2 as u32, (h2 >> 32) as u32]
}

fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_give_the_same_bits_as_one_pass() {
        let files = crate::ModelFiles::english();
        let config = files.config().unwrap();
        let mut weights = Weights::parse(&files.weights).unwrap();
        let encoder = Tok2Vec::load(&mut weights, "tok2vec", &config.tok2vec).unwrap();
        let n = 50;
        let features: Vec<u64> = (0..n * 6).map(|k| (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) % 7_000).collect();
        let mut scratch = Scratch::default();
        let whole = encoder.encode_in_blocks(&features, 6, n, &mut scratch);
        for block in [1, 3, 7, 16, 49] {
            let parts = encoder.encode_in_blocks(&features, 6, block, &mut scratch);
            assert!(parts.iter().zip(&whole).all(|(a, b)| a.to_bits() == b.to_bits()), "block {block}");
        }
    }

    #[test]
    fn murmur_keys_match_thinc() {
        // thinc: NumpyOps().hash(numpy.asarray([1, 123456789], dtype="uint64"), 8)
        assert_eq!(murmur3_x86_128_u64(1, 8), THINC_1_SEED_8);
        assert_eq!(murmur3_x86_128_u64(123_456_789, 8), THINC_123456789_SEED_8);
    }

    const THINC_1_SEED_8: [u32; 4] = [1_161_550_108, 2_247_783_286, 1_742_325_162, 1_224_191_281];
    const THINC_123456789_SEED_8: [u32; 4] = [847_689_176, 3_235_222_800, 1_271_533_764, 557_866_904];
}
