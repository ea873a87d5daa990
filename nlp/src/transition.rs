//! Greedy transition-based prediction (`spacy.TransitionBasedParser.v2` with beam width 1):
//! the network that scores a state's next transition, and the two transition systems that use
//! it, arc-eager dependency parsing ([`parse`]) and BILUO entity recognition ([`recognise`]).
//!
//! Every token vector is first projected and multiplied by each feature slot's weights once
//! (spaCy's "precomputable affine"); a state is then scored by summing the rows of the tokens it
//! looks at, adding the bias, taking the maxout, and applying the output layer. The best valid
//! transition is taken; ties go to the first, as in spaCy.

use crate::linalg::{affine, argmax, product, RowAffine};
use crate::model::{Tensor, TransitionConfig, Weights};
use crate::NlpError;

/// The scoring network of a transition system.
pub(crate) struct StepModel {
    project_w: Tensor,
    project_b: Tensor,
    lower_w: Tensor,
    lower_b: Tensor,
    lower_pad: Tensor,
    upper: RowAffine,
    features: usize,
    hidden: usize,
    pieces: usize,
    classes: usize,
    unseen: Vec<usize>,
}

impl StepModel {
    pub(crate) fn load(
        weights: &mut Weights,
        prefix: &str,
        config: &TransitionConfig,
        input: usize,
    ) -> Result<StepModel, NlpError> {
        let hidden = config.hidden_width;
        let features = config.state_features;
        let pieces = config.maxout_pieces;
        let classes = config.actions.len();
        if let Some(&bad) = config.unseen_classes.iter().find(|&&c| c >= classes) {
            return Err(NlpError::format("model.json", format!("{prefix}: unseen class {bad} out of range")));
        }
        Ok(StepModel {
            project_w: weights.take(&format!("{prefix}.project.W"), &[hidden, input])?,
            project_b: weights.take(&format!("{prefix}.project.b"), &[hidden])?,
            lower_w: weights.take(&format!("{prefix}.lower.W"), &[features, hidden, pieces, hidden])?,
            lower_b: weights.take(&format!("{prefix}.lower.b"), &[hidden, pieces])?,
            lower_pad: weights.take(&format!("{prefix}.lower.pad"), &[1, features, hidden, pieces])?,
            upper: RowAffine::new(
                weights.take(&format!("{prefix}.upper.W"), &[classes, hidden])?,
                weights.take(&format!("{prefix}.upper.b"), &[classes])?,
            ),
            features,
            hidden,
            pieces,
            classes,
            unseen: config.unseen_classes.clone(),
        })
    }

    /// Projects a document's token vectors, ready for [`StepModel::score`].
    fn precompute(&self, tokvecs: &[f32], n: usize, capacity: usize) -> Precomputed {
        let mut projected = vec![0.0; n * self.hidden];
        affine(tokvecs, n, &self.project_w, &self.project_b, &mut projected);
        let row = self.features * self.hidden * self.pieces;
        Precomputed {
            projected,
            row,
            blocks: vec![None; n.div_ceil(CACHE_BLOCK)],
            resident: Vec::new(),
            capacity: capacity.max(1),
            clock: 0,
        }
    }

    /// Scores the transitions of a state described by `work.ids` (token indexes, -1 for
    /// none) into `work.scores`.
    fn score(&self, pre: &mut Precomputed, work: &mut StepWork) {
        let width = self.hidden * self.pieces;
        let ids = &work.ids;
        let unmaxed = &mut work.unmaxed;
        unmaxed.clear();
        unmaxed.resize(width, 0.0);
        for (f, &id) in ids.iter().enumerate() {
            let feature = if id < 0 {
                &self.lower_pad[f * width..(f + 1) * width]
            } else {
                &pre.token_row(self, id as usize)[f * width..(f + 1) * width]
            };
            for (u, v) in unmaxed.iter_mut().zip(feature) {
                *u += v;
            }
        }
        for (u, b) in unmaxed.iter_mut().zip(self.lower_b.iter()) {
            *u += b;
        }
        work.hidden.resize(self.hidden, 0.0);
        // Maxout over the pieces: the first maximum wins.
        for (h, group) in work.hidden.iter_mut().zip(unmaxed.chunks_exact(self.pieces)) {
            *h = group[argmax(group)];
        }
        work.scores.resize(self.classes, 0.0);
        self.upper.apply(&work.hidden, &mut work.scores);
        if !self.unseen.is_empty() {
            let min = work.scores.iter().copied().fold(f32::INFINITY, f32::min);
            for &c in &self.unseen {
                work.scores[c] = min;
            }
        }
    }
}

/// Tokens whose feature rows are computed together.
const CACHE_BLOCK: usize = 64;
/// Blocks of feature rows kept at once (for the parser, 16 × 64 × 4 KB = 4 MB: a thousand
/// tokens, more than the parser's stack reaches back in news text); a block evicted and needed
/// again is recomputed, to the same bits.
const CACHE_BLOCKS: usize = 16;

/// A document's projected token vectors and, computed on demand, each token's contribution to
/// the hidden layer for every feature slot (spaCy computes them all up front; here memory stays
/// bounded on long documents).
struct Precomputed {
    projected: Vec<f32>,
    row: usize,
    blocks: Vec<Option<(u64, Box<[f32]>)>>,
    /// The blocks computed and kept, at most `capacity` of them: the one to evict is looked
    /// for among these, not among all the document's blocks.
    resident: Vec<usize>,
    capacity: usize,
    clock: u64,
}

impl Precomputed {
    /// The feature row of a token: `features × hidden × pieces` values.
    fn token_row(&mut self, model: &StepModel, token: usize) -> &[f32] {
        let block = token / CACHE_BLOCK;
        self.clock += 1;
        let clock = self.clock;
        if self.blocks[block].is_none() {
            if self.resident.len() >= self.capacity {
                let oldest = (0..self.resident.len())
                    .min_by_key(|&k| self.blocks[self.resident[k]].as_ref().map_or(0, |(used, _)| *used));
                if let Some(k) = oldest {
                    self.blocks[self.resident.swap_remove(k)] = None;
                }
            }
            let hidden = model.hidden;
            let start = block * CACHE_BLOCK;
            let end = (start + CACHE_BLOCK).min(self.projected.len() / hidden);
            let mut rows = vec![0.0; (end - start) * self.row].into_boxed_slice();
            // The lower layer's bias is added per state, not here.
            product(&self.projected[start * hidden..end * hidden], end - start, &model.lower_w, self.row, &mut rows);
            self.blocks[block] = Some((clock, rows));
            self.resident.push(block);
        }
        match &mut self.blocks[block] {
            Some((used, rows)) => {
                *used = clock;
                let at = (token - block * CACHE_BLOCK) * self.row;
                &rows[at..at + self.row]
            }
            None => &[],
        }
    }
}

#[derive(Default)]
struct StepWork {
    unmaxed: Vec<f32>,
    hidden: Vec<f32>,
    scores: Vec<f32>,
    valid: Vec<bool>,
    ids: Vec<i32>,
}

/// The best valid class, or `None` when none is valid.
fn best_valid(scores: &[f32], valid: &[bool]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, (&s, &ok)) in scores.iter().zip(valid).enumerate() {
        if ok && best.is_none_or(|b| s > scores[b]) {
            best = Some(i);
        }
    }
    best
}

/// A transition's kind in the arc-eager system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Shift,
    Reduce,
    Left,
    Right,
    Break,
}

impl Move {
    /// Every kind, in the order of their discriminants.
    const ALL: [Move; 5] = [Move::Shift, Move::Reduce, Move::Left, Move::Right, Move::Break];
}

/// The arc-eager transitions of a parser model: each output's move and label (an index into
/// [`ArcEager::labels`]).
pub(crate) struct ArcEager {
    moves: Vec<(Move, u16)>,
    /// Dependency labels: those the transitions name (decorated ones like `nsubj||ccomp`
    /// included), the plain parts of decorated ones, and `ROOT`.
    pub(crate) labels: Vec<String>,
    /// For each label, `Some((plain, head_label))` if it is decorated.
    pub(crate) decoration: Vec<Option<(u16, u16)>>,
    /// The label of a root.
    pub(crate) root: u16,
}

impl ArcEager {
    pub(crate) fn new(actions: &[String]) -> Result<ArcEager, NlpError> {
        let mut labels: Vec<String> = Vec::new();
        let intern = |labels: &mut Vec<String>, label: &str| -> u16 {
            match labels.iter().position(|l| l == label) {
                Some(i) => i as u16,
                None => {
                    labels.push(label.to_string());
                    (labels.len() - 1) as u16
                }
            }
        };
        let mut moves = Vec::with_capacity(actions.len());
        for name in actions {
            let (kind, label) = name.split_once('-').unwrap_or((name, ""));
            let kind = match kind {
                "S" => Move::Shift,
                "D" => Move::Reduce,
                "L" => Move::Left,
                "R" => Move::Right,
                "B" => Move::Break,
                _ => return Err(NlpError::format("model.json", format!("parser: unknown transition {name}"))),
            };
            moves.push((kind, intern(&mut labels, label)));
        }
        let root = intern(&mut labels, "ROOT");
        let mut decoration = Vec::new();
        let mut i = 0;
        while i < labels.len() {
            let deco = match labels[i].split_once("||") {
                Some((plain, head)) => {
                    let (plain, head) = (plain.to_string(), head.to_string());
                    Some((intern(&mut labels, &plain), intern(&mut labels, &head)))
                }
                None => None,
            };
            decoration.push(deco);
            i += 1;
        }
        Ok(ArcEager { moves, labels, decoration, root })
    }
}

/// The parse of one document: each token's head (itself for a root) and label (index into
/// [`ArcEager::labels`], or `None` for a root the parser did not label).
pub(crate) struct ParseResult {
    pub(crate) heads: Vec<u32>,
    pub(crate) labels: Vec<Option<u16>>,
}

/// The state of the arc-eager parser (spaCy's `StateC`, without what a fresh document never
/// has: preset heads, preset sentence starts).
#[derive(Clone)]
struct ParserState {
    length: usize,
    heads: Vec<i32>,
    labels: Vec<u16>,
    stack: Vec<u32>,
    rebuffer: Vec<u32>,
    b_i: usize,
    unshiftable: Vec<bool>,
    sent_start: Vec<bool>,
    /// Children attached to each head, leftwards and rightwards, in the order arcs were added;
    /// a removed arc leaves -1 unless it was the last one.
    left_arcs: Vec<Vec<i32>>,
    right_arcs: Vec<Vec<i32>>,
}

impl ParserState {
    fn new(length: usize) -> ParserState {
        ParserState {
            length,
            heads: vec![-1; length],
            labels: vec![0; length],
            stack: Vec::new(),
            rebuffer: Vec::new(),
            b_i: 0,
            unshiftable: vec![false; length],
            sent_start: vec![false; length],
            left_arcs: vec![Vec::new(); length],
            right_arcs: vec![Vec::new(); length],
        }
    }

    fn s(&self, i: usize) -> i32 {
        if i >= self.stack.len() {
            -1
        } else {
            self.stack[self.stack.len() - 1 - i] as i32
        }
    }

    fn b(&self, i: usize) -> i32 {
        if i < self.rebuffer.len() {
            self.rebuffer[self.rebuffer.len() - 1 - i] as i32
        } else {
            let b = self.b_i + (i - self.rebuffer.len());
            if b >= self.length {
                -1
            } else {
                b as i32
            }
        }
    }

    fn buffer_length(&self) -> usize {
        (self.length - self.b_i) + self.rebuffer.len()
    }

    fn is_final(&self) -> bool {
        self.stack.is_empty() && self.buffer_length() == 0
    }

    fn is_sent_start(&self, word: i32) -> bool {
        word >= 0 && (word as usize) < self.length && self.sent_start[word as usize]
    }

    fn has_head(&self, word: i32) -> bool {
        self.heads[word as usize] >= 0
    }

    /// The most recent child on one side of `head`, or -1.
    fn last_child(arcs: &[Vec<i32>], head: i32) -> i32 {
        if head < 0 {
            return -1;
        }
        arcs[head as usize].iter().rev().copied().find(|&c| c != -1).unwrap_or(-1)
    }

    fn context(&self, ids: &mut [i32]) {
        let b0 = self.b(0);
        let s0 = self.s(0);
        ids[0] = b0;
        ids[1] = self.b(1);
        ids[2] = s0;
        ids[3] = self.s(1);
        ids[4] = self.s(2);
        ids[5] = Self::last_child(&self.left_arcs, b0);
        ids[6] = Self::last_child(&self.left_arcs, s0);
        ids[7] = Self::last_child(&self.right_arcs, s0);
    }

    fn valid(&self, kind: Move) -> bool {
        let b0 = self.b(0);
        match kind {
            Move::Shift => {
                if self.stack.is_empty() {
                    true
                } else {
                    !(self.buffer_length() < 2 || self.is_sent_start(b0) || self.unshiftable[b0 as usize])
                }
            }
            // A fresh document has no token that cannot start a sentence.
            Move::Reduce => !self.stack.is_empty(),
            Move::Left | Move::Right => !self.stack.is_empty() && self.buffer_length() > 0 && !self.is_sent_start(b0),
            Move::Break => {
                let b1 = self.b(1);
                self.buffer_length() >= 2 && b1 == b0 + 1 && !self.is_sent_start(b1)
            }
        }
    }

    fn push(&mut self) {
        let b0 = match self.rebuffer.pop() {
            Some(b) => b,
            None => {
                self.b_i += 1;
                (self.b_i - 1) as u32
            }
        };
        self.stack.push(b0);
    }

    fn add_arc(&mut self, head: i32, child: i32, label: u16) {
        let old = self.heads[child as usize];
        if old >= 0 {
            let arcs = if old > child { &mut self.left_arcs } else { &mut self.right_arcs };
            let list = &mut arcs[old as usize];
            if list.last() == Some(&child) {
                list.pop();
            } else if let Some(i) = list[..list.len().saturating_sub(1)].iter().position(|&c| c == child) {
                list[i] = -1;
            }
        }
        if head > child {
            self.left_arcs[head as usize].push(child);
        } else {
            self.right_arcs[head as usize].push(child);
        }
        self.heads[child as usize] = head;
        self.labels[child as usize] = label;
    }

    fn apply(&mut self, kind: Move, label: u16) {
        match kind {
            Move::Shift => self.push(),
            Move::Reduce => {
                let s0 = self.s(0);
                if self.has_head(s0) || self.stack.len() == 1 {
                    self.stack.pop();
                } else {
                    // Unshift: back onto the buffer, never to be shifted again.
                    self.stack.pop();
                    self.unshiftable[s0 as usize] = true;
                    self.rebuffer.push(s0 as u32);
                }
            }
            Move::Left => {
                let (b0, s0) = (self.b(0), self.s(0));
                self.add_arc(b0, s0, label);
                self.unshiftable[b0 as usize] = false;
                self.stack.pop();
            }
            Move::Right => {
                let (s0, b0) = (self.s(0), self.b(0));
                self.add_arc(s0, b0, label);
                self.push();
            }
            Move::Break => {
                let b1 = self.b(1);
                self.sent_start[b1 as usize] = true;
            }
        }
    }
}

/// Parses one document from its token vectors (`n × width`).
pub(crate) fn parse(model: &StepModel, system: &ArcEager, tokvecs: &[f32], n: usize) -> ParseResult {
    parse_with_cache(model, system, tokvecs, n, CACHE_BLOCKS)
}

fn parse_with_cache(model: &StepModel, system: &ArcEager, tokvecs: &[f32], n: usize, cache: usize) -> ParseResult {
    let mut state = ParserState::new(n);
    if n > 0 {
        let mut pre = model.precompute(tokvecs, n, cache);
        let mut work = StepWork { ids: vec![-1; model.features], ..StepWork::default() };
        // Whatever the scores, the parse ends within 7n - 1 transitions (there is always a
        // valid one until the state is final, and at most that many can follow each other):
        // * every token leaves the stack for good once, by Left or by a plain Reduce, so
        //   Left + Reduce = n; it enters it (Shift or Right) once from the buffer and once more
        //   after each unshift, so pushes = pops = n + U, where U counts unshifts;
        // * an unshifted token has no head and is marked unshiftable; Right would give it a
        //   head for good, Shift onto an empty stack puts it at the bottom, from where it
        //   cannot be unshifted again, and Shift onto a stack needs the mark cleared, which only
        //   a Left with it as b0 does: so U <= n + Left <= 2n;
        // * Break marks a token that is not yet marked a sentence start: at most n - 1.
        // Total: 2 (n + U) + Break <= 7n - 1. (`longest_parses` below searches all the
        // transition sequences for n <= 6: the longest has 6n - 9 for n >= 3.) The cap is
        // therefore never reached; it stays as a guard should the transition system change.
        let mut budget = 16 * n + 16;
        while !state.is_final() {
            if budget == 0 {
                break;
            }
            budget -= 1;
            state.context(&mut work.ids);
            model.score(&mut pre, &mut work);
            work.valid.clear();
            // Validity depends on the kind of move only: five answers for the 106 moves.
            let by_kind = Move::ALL.map(|kind| state.valid(kind));
            work.valid.extend(system.moves.iter().map(|&(kind, _)| by_kind[kind as usize]));
            match best_valid(&work.scores, &work.valid) {
                Some(best) => {
                    let (kind, label) = system.moves[best];
                    state.apply(kind, label);
                }
                None => break,
            }
        }
    }
    let heads = (0..n).map(|i| if state.heads[i] >= 0 { state.heads[i] as u32 } else { i as u32 }).collect();
    let labels = (0..n).map(|i| if state.heads[i] >= 0 { Some(state.labels[i]) } else { None }).collect();
    ParseResult { heads, labels }
}

/// A BILUO transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Biluo {
    Begin,
    In,
    Last,
    Unit,
    Out,
}

/// The BILUO transitions of an entity model: each output's move and label (index into
/// [`EntityMoves::labels`]; label 0 is the empty label, which no valid transition carries).
pub(crate) struct EntityMoves {
    moves: Vec<(Biluo, u16)>,
    /// Entity labels; index 0 is the empty label.
    pub(crate) labels: Vec<String>,
}

impl EntityMoves {
    pub(crate) fn new(actions: &[String]) -> Result<EntityMoves, NlpError> {
        let mut labels = vec![String::new()];
        let mut moves = Vec::with_capacity(actions.len());
        for name in actions {
            let (kind, label) = name.split_once('-').unwrap_or((name, ""));
            let kind = match kind {
                "B" => Biluo::Begin,
                "I" => Biluo::In,
                "L" => Biluo::Last,
                "U" => Biluo::Unit,
                "O" => Biluo::Out,
                _ => return Err(NlpError::format("model.json", format!("ner: unknown transition {name}"))),
            };
            let id = match labels.iter().position(|l| l == label) {
                Some(i) => i,
                None => {
                    labels.push(label.to_string());
                    labels.len() - 1
                }
            };
            moves.push((kind, id as u16));
        }
        Ok(EntityMoves { moves, labels })
    }
}

/// An entity found by [`recognise`]: tokens `start..end` and a label index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EntitySpan {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) label: u16,
}

/// Finds the entities of one document from the NER's token vectors. `is_space` and
/// `sent_start` (the parser's sentence starts) constrain where entities may begin and end.
pub(crate) fn recognise(
    model: &StepModel,
    system: &EntityMoves,
    tokvecs: &[f32],
    is_space: &[bool],
    sent_start: &[bool],
) -> Vec<EntitySpan> {
    let n = is_space.len();
    let mut entities: Vec<EntitySpan> = Vec::new();
    if n == 0 {
        return entities;
    }
    let mut pre = model.precompute(tokvecs, n, CACHE_BLOCKS);
    let mut work = StepWork { ids: vec![-1; model.features], ..StepWork::default() };
    // The entity being read: its first token and label.
    let mut open: Option<(u32, u16)> = None;
    for b0 in 0..n {
        // Features: the next token, the open entity's first token, the token before.
        let entity_start = open.map_or(-1, |(start, _)| start as i32);
        let ids = &mut work.ids;
        ids.fill(-1);
        ids[0] = b0 as i32;
        if model.features > 1 {
            ids[1] = entity_start;
        }
        if model.features > 2 && entity_start >= 0 {
            ids[2] = b0 as i32 - 1;
        }
        model.score(&mut pre, &mut work);
        let has_next = b0 + 1 < n;
        let next_starts_sentence = has_next && sent_start[b0 + 1];
        work.valid.clear();
        work.valid.extend(system.moves.iter().map(|&(kind, label)| match kind {
            Biluo::Begin => open.is_none() && has_next && label != 0 && !next_starts_sentence && !is_space[b0],
            Biluo::In => open.is_some_and(|(_, l)| l == label) && has_next && label != 0 && !next_starts_sentence,
            Biluo::Last => label != 0 && open.is_some_and(|(_, l)| l == label),
            Biluo::Unit => label != 0 && open.is_none() && !is_space[b0],
            Biluo::Out => open.is_none(),
        }));
        let Some(best) = best_valid(&work.scores, &work.valid) else { break };
        let (kind, label) = system.moves[best];
        match kind {
            Biluo::Begin => open = Some((b0 as u32, label)),
            Biluo::In | Biluo::Out => {}
            Biluo::Last => {
                if let Some((start, label)) = open.take() {
                    entities.push(EntitySpan { start, end: b0 as u32 + 1, label });
                }
            }
            Biluo::Unit => entities.push(EntitySpan { start: b0 as u32, end: b0 as u32 + 1, label }),
        }
    }
    entities
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ModelFiles;

    #[test]
    fn an_evicted_block_is_recomputed_to_the_same_parse() {
        let files = ModelFiles::english();
        let config = files.config().unwrap();
        let mut weights = Weights::parse(&files.weights).unwrap();
        let model = StepModel::load(&mut weights, "parser", &config.parser, 96).unwrap();
        let system = ArcEager::new(&config.parser.actions).unwrap();
        let n = 700;
        let tokvecs: Vec<f32> = (0..n * 96).map(|k| ((k * 7919 % 1009) as f32 - 504.0) / 300.0).collect();
        let all = parse_with_cache(&model, &system, &tokvecs, n, 64);
        let few = parse_with_cache(&model, &system, &tokvecs, n, 2);
        assert_eq!(all.heads, few.heads);
        assert_eq!(all.labels, few.labels);
    }

    /// The longest sequence of valid transitions from a fresh state of `n` tokens, whatever
    /// the scores (exhaustive search over the states; labels do not affect validity).
    fn longest_parse(n: usize) -> usize {
        use std::collections::HashMap;
        type Key = (Vec<u32>, Vec<u32>, usize, Vec<bool>, Vec<bool>, Vec<bool>);
        fn key(s: &ParserState) -> Key {
            let has_head = s.heads.iter().map(|&h| h >= 0).collect();
            (s.stack.clone(), s.rebuffer.clone(), s.b_i, has_head, s.unshiftable.clone(), s.sent_start.clone())
        }
        // None while a state is being explored: meeting it again would be a cycle.
        fn longest(s: &ParserState, memo: &mut HashMap<Key, Option<usize>>) -> usize {
            if s.is_final() {
                return 0;
            }
            let k = key(s);
            match memo.get(&k) {
                Some(Some(v)) => return *v,
                Some(None) => panic!("a cycle of transitions"),
                None => {}
            }
            memo.insert(k.clone(), None);
            let mut best = None;
            for kind in [Move::Shift, Move::Reduce, Move::Left, Move::Right, Move::Break] {
                if s.valid(kind) {
                    let mut next = s.clone();
                    next.apply(kind, 0);
                    let len = 1 + longest(&next, memo);
                    best = Some(best.map_or(len, |b: usize| b.max(len)));
                }
            }
            let best = best.expect("a state that is not final has a valid transition");
            memo.insert(k, Some(best));
            best
        }
        longest(&ParserState::new(n), &mut HashMap::new())
    }

    /// The parser's step cap (16n + 16) is above the bound proved in `parse_with_cache`
    /// (7n - 1), which is above the longest parse there is. For n = 7, 8, 9 the search (a
    /// minute in release) gives 33, 39, 45: still 6n - 9.
    #[test]
    fn longest_parses() {
        let longest: Vec<usize> = (1..=6).map(longest_parse).collect();
        assert_eq!(longest, [2, 5, 9, 15, 21, 27]);
        for (n, &l) in (1..).zip(&longest) {
            assert!(l < 7 * n && 7 * n - 1 < 16 * n + 16);
        }
    }
}
