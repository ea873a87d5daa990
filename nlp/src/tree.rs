//! What spaCy does to a parse once the transitions are done: the edges of each subtree,
//! sentence starts (the left edge of every root), and the reattachment of arcs whose labels
//! carry the pseudo-projective decoration `label||head_label`.

/// Left and right edges of every token's subtree, computed as spaCy's
/// `set_children_from_heads` does (it retries up to eleven times when a parse is
/// non-projective), and the sentence starts that follow from them.
pub(crate) struct Edges {
    pub(crate) left: Vec<u32>,
    pub(crate) right: Vec<u32>,
    pub(crate) sent_start: Vec<bool>,
}

/// `heads[i]` is token `i`'s head (itself for a root).
pub(crate) fn edges(heads: &[u32]) -> Edges {
    let n = heads.len();
    let mut left: Vec<u32> = (0..n as u32).collect();
    let mut right = left.clone();
    let mut loop_count = 0;
    loop {
        let within = pass(heads, &mut left, &mut right);
        if within || loop_count > 10 {
            break;
        }
        loop_count += 1;
    }
    let mut sent_start = vec![false; n];
    for (i, &h) in heads.iter().enumerate() {
        if h as usize == i {
            sent_start[left[i] as usize] = true;
        }
    }
    Edges { left, right, sent_start }
}

/// One adjustment of the edges; true when every head lies in its token's sentence.
fn pass(heads: &[u32], left: &mut [u32], right: &mut [u32]) -> bool {
    let n = heads.len();
    let mut widen = |child: usize| {
        let head = heads[child] as usize;
        if left[child] < left[head] {
            left[head] = left[child];
        }
        if right[child] > right[head] {
            right[head] = right[child];
        }
    };
    for i in 0..n {
        widen(i);
    }
    for i in (0..n).rev() {
        widen(i);
    }
    let mut starts = vec![false; n];
    for (i, &h) in heads.iter().enumerate() {
        if h as usize == i {
            starts[left[i] as usize] = true;
        }
    }
    let mut sent_start = 0;
    for (i, &start) in starts.iter().enumerate() {
        if (i > 0 && start) || i == n - 1 {
            let sent_end = i;
            for &head in &heads[sent_start..sent_end] {
                let head = head as usize;
                if head < sent_start || head > sent_end {
                    return false;
                }
            }
            sent_start = i;
        }
    }
    true
}

/// Reattaches every token whose label is decorated (`dobj||xcomp`): its new head is the first
/// token labelled with the part after `||` found breadth-first below its current head
/// (children left to right, whitespace tokens and the token itself skipped), or its current
/// head if there is none; its label becomes the part before `||`. Tokens are taken in order and
/// each sees the labels and heads of those before it as already changed; children are read, as
/// spaCy reads them, within the subtree edges computed before any reattachment.
///
/// `decoration[label]` is `Some((plain, head_label))` for a decorated label.
pub(crate) fn deprojectivize(
    heads: &mut [u32],
    labels: &mut [u16],
    decoration: &[Option<(u16, u16)>],
    is_space: &[bool],
    edges: &Edges,
) {
    let n = heads.len();
    let mut seen = vec![false; n];
    for i in 0..n {
        let Some((plain, head_label)) = decoration.get(labels[i] as usize).copied().flatten() else {
            continue;
        };
        let head = heads[i] as usize;
        seen.fill(false);
        let mut queue = vec![head];
        let mut found = None;
        'search: while !queue.is_empty() {
            let mut next = Vec::new();
            for &q in &queue {
                let lefts = edges.left[q] as usize..q;
                let rights = q + 1..=edges.right[q] as usize;
                for child in lefts.chain(rights) {
                    if heads[child] as usize != q || is_space[child] || child == i || seen[child] {
                        continue;
                    }
                    seen[child] = true;
                    if labels[child] == head_label {
                        found = Some(child);
                        break 'search;
                    }
                    next.push(child);
                }
            }
            queue = next;
        }
        heads[i] = found.unwrap_or(head) as u32;
        labels[i] = plain;
    }
}
