//! The few dense operations the networks need, on row-major `f32` slices.

/// `y = x · Wᵀ + b` for `n` rows: `x` is `n × i`, `w` is `o × i`, `b` has `o` values, `y` is
/// `n × o`. The product is summed first and the bias added after, as thinc does.
pub(crate) fn affine(x: &[f32], n: usize, w: &[f32], b: &[f32], y: &mut [f32]) {
    let o = b.len();
    product(x, n, w, o, y);
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
    if n == 0 || o == 0 {
        // Nothing to compute; `x` and `w` may then have any width (an empty document has none).
        return;
    }
    let i = x.len() / n;
    assert!(
        x.len() == n * i && w.len() == o * i,
        "product: {} and {} values for {n} × {i} and {o} × {i}",
        x.len(),
        w.len()
    );
    // SAFETY: the slices have the lengths the strides describe (checked above).
    unsafe {
        matrixmultiply::sgemm(
            n,
            i,
            o,
            1.0,
            x.as_ptr(),
            i as isize,
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

/// Keeps the largest of each group of `pieces` consecutive values.
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
    fn argmax_takes_the_first_of_ties() {
        assert_eq!(argmax(&[1.0, 3.0, 3.0, 2.0]), 1);
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
