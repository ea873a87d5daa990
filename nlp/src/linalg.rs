//! The few dense operations the networks need, on row-major `f32` slices.

use crate::model::Tensor;

/// `y = x · Wᵀ + b` for `n` rows: `x` is `n × i`, `w` is `o × i`, `b` has `o` values, `y` is
/// `n × o`. The product is summed first and the bias added after, as thinc does.
pub(crate) fn affine(x: &[f32], n: usize, w: &[f32], b: &[f32], y: &mut [f32]) {
    let i = x.len().checked_div(n).unwrap_or(0);
    affine_strided(x, i, n, w, b, y);
}

/// [`affine`] on rows `stride` values apart in `x` (rows may overlap: with `stride` = `width`
/// and rows of `3 × width` values, row `r` is the window of three `width`-wide rows from row
/// `r`); the number of inputs is `w.len() / b.len()`.
pub(crate) fn affine_strided(x: &[f32], stride: usize, n: usize, w: &[f32], b: &[f32], y: &mut [f32]) {
    let o = b.len();
    let i = w.len().checked_div(o).unwrap_or(0);
    product_strided(x, stride, n, i, w, o, y);
    for row in y.chunks_exact_mut(o.max(1)) {
        for (v, bias) in row.iter_mut().zip(b) {
            *v += bias;
        }
    }
}

/// `y = x · Wᵀ` for `n` rows: `x` is `n × i`, `w` is `o × i`, `y` is `n × o`. Each output
/// value is summed in the same order whatever `n` is, so a row's result does not depend on
/// the rows computed with it.
///
/// # Panics
/// If the lengths disagree (a bug of the caller: every caller sizes `y` from `n` and the
/// model, `w` from the model): checked in every build, as `sgemm` would otherwise read or
/// write out of bounds.
pub(crate) fn product(x: &[f32], n: usize, w: &[f32], o: usize, y: &mut [f32]) {
    assert_eq!(y.len(), n * o, "product: output of {} values for {n} × {o}", y.len());
    let i = x.len().checked_div(n).unwrap_or(0);
    debug_assert_eq!(x.len(), n * i);
    product_strided(x, i, n, i, w, o, y);
}

/// [`product`] on `n` rows of `i` values, `stride` values apart in `x`.
fn product_strided(x: &[f32], stride: usize, n: usize, i: usize, w: &[f32], o: usize, y: &mut [f32]) {
    if n == 0 || o == 0 {
        // Nothing to compute; `x` and `w` may then have any width (an empty document has none).
        return;
    }
    assert!(x.len() >= (n - 1) * stride + i, "{} values hold no {n} rows of {i} every {stride}", x.len());
    assert!(w.len() == o * i && y.len() == n * o, "W has {} values, not {o} × {i}; y {}", w.len(), y.len());
    // SAFETY: the slices hold what the strides describe (asserted above).
    unsafe {
        matrixmultiply::sgemm(
            n,
            i,
            o,
            1.0,
            x.as_ptr(),
            stride as isize,
            1,
            w.as_ptr(),
            1,
            i as isize,
            0.0,
            y.as_mut_ptr(),
            o as isize,
            1,
        );
    }
}

/// An affine layer applied to one row at a time (`y = x · Wᵀ + b` with `n = 1`), to the same
/// bits as [`affine`] but without its cost for a single row (matrixmultiply packs the whole of
/// `W` on every call and computes a full tile for one row).
///
/// matrixmultiply computes each output as one chain of multiply-adds over the inputs in order,
/// from zero (in chunks of [`KC`] inputs, the chunks' sums then added in order), fused or not
/// according to the kernel it picks at run time: fused (FMA) with AVX-512 or with AVX2 and FMA,
/// separate multiply and add otherwise. [`RowAffine::apply`] does the same chains, with `W`
/// transposed so that the chains of [`LANES`] outputs run side by side in vector registers, and
/// falls back to [`affine`] where it cannot tell which kernel matrixmultiply takes (outside
/// x86-64) or where the input is wider than one chunk.
pub(crate) struct RowAffine {
    /// `W` as given (`o × i`), for the fallback.
    w: Tensor,
    b: Tensor,
    /// `Wᵀ` (`i × padded`), the outputs padded with zero columns to a multiple of [`LANES`].
    wt: Vec<f32>,
    inputs: usize,
    padded: usize,
    chains: Chains,
}

/// How [`RowAffine`] computes its chains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chains {
    /// `acc = fma(x, w, acc)`, as matrixmultiply's FMA kernels (x86-64 with AVX-512, or AVX2 + FMA).
    Fused,
    /// `acc = acc + x * w`, as its AVX and portable kernels (x86-64 without FMA).
    Separate,
    /// Through [`affine`] (other targets, or inputs wider than [`KC`]).
    Sgemm,
}

/// Inputs matrixmultiply sums in one chain (its `S_KC`) before adding the chunk to the output.
const KC: usize = 256;
/// Outputs computed side by side.
const LANES: usize = 16;

impl RowAffine {
    /// `w` is `o × i`, `b` has `o` values.
    pub(crate) fn new(w: Tensor, b: Tensor) -> RowAffine {
        let outputs = b.len();
        let inputs = w.len().checked_div(outputs).unwrap_or(0);
        let padded = outputs.div_ceil(LANES) * LANES;
        let mut wt = vec![0.0; inputs * padded];
        for (j, row) in w.chunks_exact(inputs.max(1)).enumerate() {
            for (k, &v) in row.iter().enumerate() {
                wt[k * padded + j] = v;
            }
        }
        let chains = if inputs == 0 || inputs > KC { Chains::Sgemm } else { Self::detect() };
        RowAffine { w, b, wt, inputs, padded, chains }
    }

    #[cfg(target_arch = "x86_64")]
    fn detect() -> Chains {
        // matrixmultiply's own choice (sgemm_kernel::detect): AVX-512F, else FMA + AVX2, else AVX,
        // else its portable kernel; only the first two fuse.
        if is_x86_feature_detected!("avx512f") || (is_x86_feature_detected!("fma") && is_x86_feature_detected!("avx2"))
        {
            Chains::Fused
        } else {
            Chains::Separate
        }
    }

    #[cfg(not(target_arch = "x86_64"))]
    fn detect() -> Chains {
        Chains::Sgemm
    }

    /// `y = x · Wᵀ + b` for one row `x` of `i` values; `y` has `o` values.
    pub(crate) fn apply(&self, x: &[f32], y: &mut [f32]) {
        debug_assert_eq!(x.len(), self.inputs);
        debug_assert_eq!(y.len(), self.b.len());
        match self.chains {
            Chains::Sgemm => affine(x, 1, &self.w, &self.b, y),
            #[cfg(target_arch = "x86_64")]
            Chains::Fused => {
                // SAFETY: `detect` found FMA and AVX2 (or AVX-512F, which implies both).
                unsafe { chains_fused(x, &self.wt, self.padded, &self.b, y) }
            }
            #[cfg(not(target_arch = "x86_64"))]
            Chains::Fused => affine(x, 1, &self.w, &self.b, y),
            Chains::Separate => chains_separate(x, &self.wt, self.padded, &self.b, y),
        }
    }
}

/// The fused chains of [`RowAffine`]: `wt` is `x.len() × padded`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn chains_fused(x: &[f32], wt: &[f32], padded: usize, b: &[f32], y: &mut [f32]) {
    for (block, (y, b)) in y.chunks_mut(LANES).zip(b.chunks(LANES)).enumerate() {
        let mut acc = [0.0f32; LANES];
        for (&xk, row) in x.iter().zip(wt.chunks_exact(padded)) {
            let w: &[f32; LANES] = row[block * LANES..(block + 1) * LANES].try_into().unwrap_or(&[0.0; LANES]);
            for l in 0..LANES {
                acc[l] = xk.mul_add(w[l], acc[l]);
            }
        }
        for ((y, acc), b) in y.iter_mut().zip(acc).zip(b) {
            *y = acc + b;
        }
    }
}

/// The separate multiply-and-add chains of [`RowAffine`]: `wt` is `x.len() × padded`.
fn chains_separate(x: &[f32], wt: &[f32], padded: usize, b: &[f32], y: &mut [f32]) {
    for (block, (y, b)) in y.chunks_mut(LANES).zip(b.chunks(LANES)).enumerate() {
        let mut acc = [0.0f32; LANES];
        for (&xk, row) in x.iter().zip(wt.chunks_exact(padded)) {
            let w: &[f32; LANES] = row[block * LANES..(block + 1) * LANES].try_into().unwrap_or(&[0.0; LANES]);
            for l in 0..LANES {
                acc[l] += xk * w[l];
            }
        }
        for ((y, acc), b) in y.iter_mut().zip(acc).zip(b) {
            *y = acc + b;
        }
    }
}

/// Index of the largest value; the first one on ties (as numpy's `argmax`).
pub(crate) fn argmax(values: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate().skip(1) {
        if v > values[best] {
            best = i;
        }
    }
    best
}

/// Keeps the largest of each output's `pieces` values, the first on ties, when each row of `x`
/// holds its pieces one after the other (`pieces × outputs` values, piece by piece) and `y` has
/// `outputs` values a row: the same values as [`maxout`] on the pieces side by side.
pub(crate) fn maxout_planar(x: &[f32], pieces: usize, outputs: usize, y: &mut [f32]) {
    debug_assert_eq!(x.len() * outputs, y.len() * pieces * outputs);
    if outputs == 0 || pieces == 0 {
        return;
    }
    for (row, out) in x.chunks_exact(pieces * outputs).zip(y.chunks_exact_mut(outputs)) {
        out.copy_from_slice(&row[..outputs]);
        for piece in row[outputs..].chunks_exact(outputs) {
            for (best, &v) in out.iter_mut().zip(piece) {
                *best = if v > *best { v } else { *best };
            }
        }
    }
}

/// Keeps the largest of each group of `pieces` consecutive values.
#[cfg(test)]
pub(crate) fn maxout(x: &[f32], pieces: usize, y: &mut [f32]) {
    debug_assert_eq!(x.len(), y.len() * pieces);
    for (out, group) in y.iter_mut().zip(x.chunks_exact(pieces)) {
        let mut best = group[0];
        for &v in &group[1..] {
            if v > best {
                best = v;
            }
        }
        *out = best;
    }
}

/// Sums as numpy sums a contiguous `float32` row (pairwise, eight accumulators).
pub(crate) fn numpy_sum(x: &[f32]) -> f32 {
    let n = x.len();
    if n < 8 {
        let mut res = 0.0f32;
        for &v in x {
            res += v;
        }
        res
    } else if n <= 128 {
        let mut r = [0.0f32; 8];
        r.copy_from_slice(&x[..8]);
        let mut i = 8;
        while i < n - n % 8 {
            for j in 0..8 {
                r[j] += x[i + j];
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        while i < n {
            res += x[i];
            i += 1;
        }
        res
    } else {
        let mut half = n / 2;
        half -= half % 8;
        numpy_sum(&x[..half]) + numpy_sum(&x[half..])
    }
}

/// thinc's `LayerNorm` on one row: `(x - mean) / sqrt(var + 1e-8) * g + b`.
pub(crate) fn layer_norm(row: &mut [f32], g: &[f32], b: &[f32], scratch: &mut Vec<f32>) {
    let n = row.len() as f32;
    let mean = numpy_sum(row) / n;
    scratch.clear();
    scratch.extend(row.iter().map(|&v| (v - mean) * (v - mean)));
    let var = numpy_sum(scratch) / n + 1e-8;
    let scale = var.powf(-0.5);
    for ((v, g), b) in row.iter_mut().zip(g).zip(b) {
        let xhat = (*v - mean) * scale;
        *v = xhat * g + b;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affine_is_x_times_w_transposed_plus_b() {
        // x: 2×3, w: 2×3 (two outputs)
        let x = [1.0, 2.0, 3.0, 0.0, -1.0, 0.5];
        let w = [1.0, 0.0, 1.0, 0.5, 0.5, 0.5];
        let b = [0.25, -1.0];
        let mut y = [0.0; 4];
        affine(&x, 2, &w, &b, &mut y);
        assert_eq!(y, [4.25, 2.0, 0.75, -1.25]);
    }

    #[test]
    fn a_row_has_the_same_bits_whatever_rows_are_computed_with_it() {
        let (n, i, o) = (300, 96, 1024);
        let value = |k: usize| ((k * 7919 % 1000) as f32 - 500.0) / 337.0;
        let x: Vec<f32> = (0..n * i).map(value).collect();
        let w: Vec<f32> = (0..o * i).map(|k| value(k + 13)).collect();
        let mut all = vec![0.0; n * o];
        product(&x, n, &w, o, &mut all);
        for (start, len) in [(0, 1), (17, 5), (64, 64), (299, 1), (100, 200)] {
            let mut part = vec![0.0; len * o];
            product(&x[start * i..(start + len) * i], len, &w, o, &mut part);
            assert!(part.iter().zip(&all[start * o..]).all(|(a, b)| a.to_bits() == b.to_bits()), "rows {start}+{len}");
        }
    }

    #[test]
    fn row_affine_gives_the_bits_of_affine() {
        let value = |k: usize| ((k * 7919 % 1000) as f32 - 500.0) / 337.0;
        for (i, o) in [(64, 106), (64, 74), (3, 1), (17, 33), (256, 20), (300, 7)] {
            let w: Vec<f32> = (0..o * i).map(|k| value(k + 13)).collect();
            let b: Vec<f32> = (0..o).map(|k| value(k * 3 + 1)).collect();
            let layer = RowAffine::new(w.clone().into(), b.clone().into());
            for row in 0..20 {
                let x: Vec<f32> = (0..i).map(|k| value(k * 31 + row * 7)).collect();
                let (mut want, mut got) = (vec![0.0; o], vec![0.0; o]);
                affine(&x, 1, &w, &b, &mut want);
                layer.apply(&x, &mut got);
                assert!(want.iter().zip(&got).all(|(a, b)| a.to_bits() == b.to_bits()), "{i}×{o}, row {row}");
            }
        }
    }

    #[test]
    fn both_kinds_of_chains_are_the_chains_they_say() {
        let value = |k: usize| ((k * 7919 % 1000) as f32 - 500.0) / 337.0;
        let (i, o) = (64, 37);
        let w: Vec<f32> = (0..o * i).map(|k| value(k + 5)).collect();
        let b: Vec<f32> = (0..o).map(|k| value(k * 3 + 1)).collect();
        let layer = RowAffine::new(w.clone().into(), b.clone().into());
        let x: Vec<f32> = (0..i).map(|k| value(k * 31)).collect();
        let chain = |fused: bool| -> Vec<f32> {
            (0..o)
                .map(|j| {
                    let mut acc = 0.0f32;
                    for k in 0..i {
                        acc = if fused { x[k].mul_add(w[j * i + k], acc) } else { acc + x[k] * w[j * i + k] };
                    }
                    acc + b[j]
                })
                .collect()
        };
        let same = |a: &[f32], b: &[f32]| a.iter().zip(b).all(|(a, b)| a.to_bits() == b.to_bits());
        let mut y = vec![0.0; o];
        chains_separate(&x, &layer.wt, layer.padded, &b, &mut y);
        assert!(same(&y, &chain(false)));
        #[cfg(target_arch = "x86_64")]
        if is_x86_feature_detected!("fma") && is_x86_feature_detected!("avx2") {
            // SAFETY: the features were just detected.
            unsafe { chains_fused(&x, &layer.wt, layer.padded, &b, &mut y) };
            assert!(same(&y, &chain(true)));
        }
    }

    #[test]
    fn argmax_takes_the_first_of_ties() {
        assert_eq!(argmax(&[1.0, 3.0, 3.0, 2.0]), 1);
    }

    #[test]
    fn maxout_planar_is_maxout_with_the_pieces_apart() {
        let side_by_side = [1.0, 5.0, 2.0, -3.0, -1.0, -2.0, 0.0, -0.0, 0.0, 7.0, 7.0, 1.0];
        let (pieces, outputs) = (3, 2);
        let mut planar = Vec::new();
        for row in side_by_side.chunks_exact(pieces * outputs) {
            for p in 0..pieces {
                planar.extend((0..outputs).map(|o| row[o * pieces + p]));
            }
        }
        let (mut want, mut got) = ([0.0f32; 4], [0.0f32; 4]);
        maxout(&side_by_side, pieces, &mut want);
        maxout_planar(&planar, pieces, outputs, &mut got);
        assert_eq!(want.map(f32::to_bits), got.map(f32::to_bits));
    }

    #[test]
    fn maxout_keeps_the_best_piece() {
        let mut y = [0.0; 2];
        maxout(&[1.0, 5.0, 2.0, -3.0, -1.0, -2.0], 3, &mut y);
        assert_eq!(y, [5.0, -1.0]);
    }

    #[test]
    fn layer_norm_centres_and_scales() {
        let mut row = [1.0, 2.0, 3.0, 4.0];
        layer_norm(&mut row, &[1.0; 4], &[0.0; 4], &mut Vec::new());
        let mean: f32 = row.iter().sum::<f32>() / 4.0;
        let var: f32 = row.iter().map(|v| v * v).sum::<f32>() / 4.0;
        assert!(mean.abs() < 1e-6 && (var - 1.0).abs() < 1e-5, "{row:?}");
    }
}
