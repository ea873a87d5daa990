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

/// `heads[i]` is token `i`'s head (itself for a root); the heads must have no cycle.
///
/// spaCy's passes give up after twelve: on a tree whose paths zigzag more than that (which
/// only reattachments can make), its edges stop short of the subtrees' real extent and its
/// sentences cut through trees, heads pointing out of them. Here the exact edges are then
/// computed instead (children before heads, in linear time), so that every head lies in its
/// token's sentence; wherever spaCy's sentences hold their heads, they are kept.
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
    let mut sent_start = starts(heads, &left);
    if !heads_within_sentences(heads, &sent_start) {
        exact_edges(heads, &mut left, &mut right);
        sent_start = starts(heads, &left);
    }
    Edges { left, right, sent_start }
}

/// The sentence starts: the left edge of every root.
fn starts(heads: &[u32], left: &[u32]) -> Vec<bool> {
    let mut sent_start = vec![false; heads.len()];
    for (i, &h) in heads.iter().enumerate() {
        if h as usize == i {
            sent_start[left[i] as usize] = true;
        }
    }
    sent_start
}

/// Whether every token's head lies in its sentence (the first token always starts one).
fn heads_within_sentences(heads: &[u32], sent_start: &[bool]) -> bool {
    let mut sentence = Vec::with_capacity(heads.len());
    let mut k = 0u32;
    for (i, &start) in sent_start.iter().enumerate() {
        if start && i > 0 {
            k += 1;
        }
        sentence.push(k);
    }
    heads.iter().enumerate().all(|(i, &h)| sentence[h as usize] == sentence[i])
}

/// The edges of every subtree, exactly: each token's edges are passed to its head once all of
/// its children have passed theirs (a token in a cycle would never pass them on).
fn exact_edges(heads: &[u32], left: &mut [u32], right: &mut [u32]) {
    let n = heads.len();
    let mut waiting = vec![0u32; n];
    for (i, &h) in heads.iter().enumerate() {
        if h as usize != i {
            waiting[h as usize] += 1;
        }
    }
    for (i, l) in left.iter_mut().enumerate() {
        *l = i as u32;
    }
    for (i, r) in right.iter_mut().enumerate() {
        *r = i as u32;
    }
    let mut ready: Vec<usize> = (0..n).filter(|&i| waiting[i] == 0).collect();
    while let Some(child) = ready.pop() {
        let head = heads[child] as usize;
        if head == child {
            continue;
        }
        left[head] = left[head].min(left[child]);
        right[head] = right[head].max(right[child]);
        waiting[head] -= 1;
        if waiting[head] == 0 {
            ready.push(head);
        }
    }
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
    for (i, &starts_here) in starts.iter().enumerate() {
        if (i > 0 && starts_here) || i == n - 1 {
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
///
/// The children are indexed once (and a reattached token added to its new head's list), so
/// a search costs the part of the tree it visits, not the width of the subtrees' edges, and
/// nothing is reset between searches but what the last one marked.
pub(crate) fn deprojectivize(
    heads: &mut [u32],
    labels: &mut [u16],
    decoration: &[Option<(u16, u16)>],
    is_space: &[bool],
    edges: &Edges,
) {
    let n = heads.len();
    let children = Children::new(heads);
    // Tokens reattached to each head, in order (they join no other list, as each token is
    // reattached at most once).
    let mut gained: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut seen = vec![false; n];
    let mut marked: Vec<usize> = Vec::new();
    let mut queue: Vec<usize> = Vec::new();
    let mut next: Vec<usize> = Vec::new();
    for i in 0..n {
        let Some((plain, head_label)) = decoration.get(labels[i] as usize).copied().flatten() else {
            continue;
        };
        let head = heads[i] as usize;
        for &m in &marked {
            seen[m] = false;
        }
        marked.clear();
        queue.clear();
        queue.push(head);
        let mut found = None;
        'search: while !queue.is_empty() {
            next.clear();
            for &q in &queue {
                let (left, right) = (edges.left[q] as usize, edges.right[q] as usize);
                for child in merged(children.of(q), &gained[q]) {
                    let child = child as usize;
                    if child < left || child > right || heads[child] as usize != q {
                        continue;
                    }
                    if is_space[child] || child == i || seen[child] {
                        continue;
                    }
                    seen[child] = true;
                    marked.push(child);
                    if labels[child] == head_label {
                        found = Some(child);
                        break 'search;
                    }
                    next.push(child);
                }
            }
            std::mem::swap(&mut queue, &mut next);
        }
        if let Some(new_head) = found {
            heads[i] = new_head as u32;
            let list = &mut gained[new_head];
            let at = list.partition_point(|&c| (c as usize) < i);
            list.insert(at, i as u32);
        }
        labels[i] = plain;
    }
}

/// The tokens whose head is each token, left to right (roots are not their own children).
struct Children {
    starts: Vec<u32>,
    children: Vec<u32>,
}

impl Children {
    fn new(heads: &[u32]) -> Children {
        let n = heads.len();
        let mut starts = vec![0u32; n + 1];
        for (i, &h) in heads.iter().enumerate() {
            if h as usize != i {
                starts[h as usize + 1] += 1;
            }
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let mut fill = starts.clone();
        let mut children = vec![0u32; starts[n] as usize];
        for (i, &h) in heads.iter().enumerate() {
            let h = h as usize;
            if h != i {
                children[fill[h] as usize] = i as u32;
                fill[h] += 1;
            }
        }
        Children { starts, children }
    }

    fn of(&self, token: usize) -> &[u32] {
        &self.children[self.starts[token] as usize..self.starts[token + 1] as usize]
    }
}

/// Two ascending lists merged into one ascending sequence.
fn merged<'a>(a: &'a [u32], b: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || match (a.get(i), b.get(j)) {
        (Some(&x), Some(&y)) if x <= y => {
            i += 1;
            Some(x)
        }
        (_, Some(&y)) => {
            j += 1;
            Some(y)
        }
        (Some(&x), None) => {
            i += 1;
            Some(x)
        }
        (None, None) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// spaCy's edges, passes and all, without the exact fallback.
    fn spacy_edges(heads: &[u32]) -> (Vec<u32>, Vec<u32>, bool) {
        let mut left: Vec<u32> = (0..heads.len() as u32).collect();
        let mut right = left.clone();
        let mut within = false;
        for _ in 0..12 {
            within = pass(heads, &mut left, &mut right);
            if within {
                break;
            }
        }
        (left, right, within)
    }

    #[test]
    fn projective_trees_keep_spacys_edges() {
        // Two sentences: "a b c" (b the root) and "d e" (e the root).
        let heads = [1, 1, 1, 4, 4];
        let e = edges(&heads);
        assert_eq!((e.left.clone(), e.right.clone()), {
            let (l, r, _) = spacy_edges(&heads);
            (l, r)
        });
        assert_eq!(e.sent_start, [true, false, false, true, false]);
    }

    /// A tree whose one path zigzags 0 → 100 → 1 → 99 → ... → 50, then a one-token sentence:
    /// spaCy's twelve passes do not reach token 0 from the root, its sentences would cut the
    /// tree; the exact edges give the two sentences.
    #[test]
    fn a_zigzag_tree_gets_exact_edges() {
        let n = 102;
        let mut order = Vec::new();
        let (mut lo, mut hi) = (0u32, 100u32);
        while lo <= hi {
            order.push(lo);
            if lo != hi {
                order.push(hi);
            }
            lo += 1;
            hi -= 1;
        }
        let mut heads: Vec<u32> = (0..n as u32).collect();
        for pair in order.windows(2) {
            heads[pair[0] as usize] = pair[1];
        }
        let root = *order.last().unwrap() as usize;
        assert_eq!(heads[root] as usize, root);
        let (left, _, within) = spacy_edges(&heads);
        assert!(!within && left[root] > 0);
        let e = edges(&heads);
        assert_eq!((e.left[root], e.right[root]), (0, 100));
        let starts: Vec<usize> = (0..n).filter(|&i| e.sent_start[i]).collect();
        assert_eq!(starts, [0, 101]);
        assert!(heads_within_sentences(&heads, &e.sent_start));
    }

    /// The search of `deprojectivize` as spaCy writes it: children found by scanning the
    /// subtree edges.
    fn deprojectivize_by_scanning(
        heads: &mut [u32],
        labels: &mut [u16],
        decoration: &[Option<(u16, u16)>],
        is_space: &[bool],
        edges: &Edges,
    ) {
        let n = heads.len();
        for i in 0..n {
            let Some((plain, head_label)) = decoration.get(labels[i] as usize).copied().flatten() else {
                continue;
            };
            let head = heads[i] as usize;
            let mut seen = vec![false; n];
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

    #[test]
    fn indexed_search_reattaches_as_scanning_does() {
        // Labels 0..3 plain; 4 = "0||1", 5 = "2||3", 6 = "1||0".
        let decoration = [None, None, None, None, Some((0, 1)), Some((2, 3)), Some((1, 0))];
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        let mut moved = 0;
        for _ in 0..2_000 {
            let n = 1 + next(40) as usize;
            // Random forests without cycles: each token's head is itself or a token of a
            // random permutation placed before it.
            let mut order: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                order.swap(i, next(i as u64 + 1) as usize);
            }
            let mut heads: Vec<u32> = (0..n as u32).collect();
            for k in 1..n {
                if next(8) > 0 {
                    heads[order[k]] = order[next(k as u64) as usize] as u32;
                }
            }
            let labels: Vec<u16> = (0..n).map(|_| next(7) as u16).collect();
            let is_space: Vec<bool> = (0..n).map(|_| next(10) == 0).collect();
            let e = edges(&heads);
            let (mut h1, mut l1) = (heads.clone(), labels.clone());
            let (mut h2, mut l2) = (heads.clone(), labels.clone());
            deprojectivize(&mut h1, &mut l1, &decoration, &is_space, &e);
            deprojectivize_by_scanning(&mut h2, &mut l2, &decoration, &is_space, &e);
            assert_eq!((&h1, &l1), (&h2, &l2), "heads {heads:?} labels {labels:?}");
            moved += h1.iter().zip(&heads).filter(|(a, b)| a != b).count();
        }
        assert!(moved > 1_000, "{moved} reattachments");
    }
}
