//! Whether a Python pattern matches at the start of a text, in time linear in the text (a Pike
//! VM over [`crate::pyre`]'s tree, look-arounds evaluated per position and remembered).
//!
//! `fancy-regex` backtracks with a bounded stack, so on texts of a few hundred thousand
//! characters some patterns (spaCy's URL pattern among them) fail with a stack overflow where
//! Python's `re` finds the match. When only the yes/no answer matters (`url_match`), this gives
//! the same answer as Python: a backtracking match succeeds exactly when some path through the
//! pattern matches, whichever path it would have tried first.

use std::collections::HashMap;

use crate::pyre::{Node, Ranges};

#[derive(Debug, Clone)]
enum Inst {
    Class(usize),
    Split(usize, usize),
    Jmp(usize),
    Start,
    /// Python's `$`.
    End,
    EndOfText,
    Look(usize),
    Match,
}

#[derive(Debug, Clone)]
struct Look {
    behind: bool,
    negate: bool,
    /// For look-behinds: the fixed width in characters.
    width: usize,
    program: Program,
}

/// A compiled pattern.
#[derive(Debug, Clone, Default)]
pub(crate) struct Program {
    insts: Vec<Inst>,
    classes: Vec<Ranges>,
    looks: Vec<Look>,
}

/// The fixed width in characters of a look-behind body (Python requires one).
fn fixed_width(node: &Node) -> Option<usize> {
    match node {
        Node::Empty | Node::Start | Node::End | Node::EndOfText | Node::Look { .. } => Some(0),
        Node::Class(_) => Some(1),
        Node::Concat(items) => items.iter().try_fold(0, |acc, item| Some(acc + fixed_width(item)?)),
        Node::Alt(items) => {
            let first = fixed_width(items.first()?)?;
            items.iter().all(|i| fixed_width(i) == Some(first)).then_some(first)
        }
        Node::Repeat { node, min, max, .. } => {
            let w = fixed_width(node)?;
            (*max == Some(*min) || w == 0).then_some(w * *min as usize)
        }
    }
}

impl Program {
    /// Compiles `node`.
    pub(crate) fn new(node: &Node) -> Result<Program, String> {
        let mut program = Program::default();
        program.compile(node)?;
        program.insts.push(Inst::Match);
        Ok(program)
    }

    fn compile(&mut self, node: &Node) -> Result<(), String> {
        match node {
            Node::Empty => {}
            Node::Class(r) => {
                self.classes.push(r.clone());
                self.insts.push(Inst::Class(self.classes.len() - 1));
            }
            Node::Start => self.insts.push(Inst::Start),
            Node::End => self.insts.push(Inst::End),
            Node::EndOfText => self.insts.push(Inst::EndOfText),
            Node::Look { behind, negate, node } => {
                let width = if *behind { fixed_width(node).ok_or("look-behind without a fixed width")? } else { 0 };
                let program = Program::new(node)?;
                self.looks.push(Look { behind: *behind, negate: *negate, width, program });
                self.insts.push(Inst::Look(self.looks.len() - 1));
            }
            Node::Concat(items) => {
                for item in items {
                    self.compile(item)?;
                }
            }
            Node::Alt(items) => {
                let mut jumps = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    if i + 1 < items.len() {
                        let split = self.insts.len();
                        self.insts.push(Inst::Split(split + 1, 0));
                        self.compile(item)?;
                        jumps.push(self.insts.len());
                        self.insts.push(Inst::Jmp(0));
                        let next = self.insts.len();
                        self.insts[split] = Inst::Split(split + 1, next);
                    } else {
                        self.compile(item)?;
                    }
                }
                let end = self.insts.len();
                for j in jumps {
                    self.insts[j] = Inst::Jmp(end);
                }
            }
            Node::Repeat { node, min, max, .. } => {
                for _ in 0..*min {
                    self.compile(node)?;
                }
                match max {
                    None => {
                        let split = self.insts.len();
                        self.insts.push(Inst::Split(split + 1, 0));
                        self.compile(node)?;
                        self.insts.push(Inst::Jmp(split));
                        let out = self.insts.len();
                        self.insts[split] = Inst::Split(split + 1, out);
                    }
                    Some(max) => {
                        let mut splits = Vec::new();
                        for _ in *min..*max {
                            splits.push(self.insts.len());
                            self.insts.push(Inst::Split(0, 0));
                            self.compile(node)?;
                        }
                        let out = self.insts.len();
                        for s in splits {
                            self.insts[s] = Inst::Split(s + 1, out);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Whether the pattern matches `text` at its start (Python's `re.match` is not None).
    pub(crate) fn matches_at_start(&self, text: &str) -> bool {
        let mut memo = HashMap::new();
        self.run(text, 0, None, &mut memo)
    }

    /// Runs from byte `start`; with `stop` Some(e), only a match ending exactly at e counts.
    fn run(&self, text: &str, start: usize, stop: Option<usize>, memo: &mut HashMap<(usize, usize), bool>) -> bool {
        let n = self.insts.len();
        let mut current = ThreadSet::new(n);
        let mut next = ThreadSet::new(n);
        let mut stack = Vec::new();
        let mut pos = start;
        if self.add(&mut current, 0, pos, text, stop, memo, &mut stack) {
            return true;
        }
        loop {
            let Some(c) = text[pos..].chars().next() else {
                return false;
            };
            if stop.is_some_and(|e| pos >= e) || current.dense.is_empty() {
                return false;
            }
            let after = pos + c.len_utf8();
            next.clear();
            for i in 0..current.dense.len() {
                let pc = current.dense[i];
                if let Inst::Class(k) = self.insts[pc] {
                    if self.classes[k].contains(c) && self.add(&mut next, pc + 1, after, text, stop, memo, &mut stack) {
                        return true;
                    }
                }
            }
            std::mem::swap(&mut current, &mut next);
            pos = after;
        }
    }

    /// Adds the threads reachable from `pc` at `pos`; true if one reaches a match.
    #[allow(clippy::too_many_arguments)]
    fn add(
        &self,
        set: &mut ThreadSet,
        pc: usize,
        pos: usize,
        text: &str,
        stop: Option<usize>,
        memo: &mut HashMap<(usize, usize), bool>,
        stack: &mut Vec<usize>,
    ) -> bool {
        stack.clear();
        stack.push(pc);
        while let Some(pc) = stack.pop() {
            if !set.insert(pc) {
                continue;
            }
            match self.insts[pc] {
                Inst::Class(_) => {}
                Inst::Split(a, b) => {
                    stack.push(b);
                    stack.push(a);
                }
                Inst::Jmp(t) => stack.push(t),
                Inst::Start => {
                    if pos == 0 {
                        stack.push(pc + 1);
                    }
                }
                Inst::End => {
                    if pos == text.len() || (pos + 1 == text.len() && text.as_bytes()[pos] == b'\n') {
                        stack.push(pc + 1);
                    }
                }
                Inst::EndOfText => {
                    if pos == text.len() {
                        stack.push(pc + 1);
                    }
                }
                Inst::Look(k) => {
                    if self.look(k, pos, text, memo) {
                        stack.push(pc + 1);
                    }
                }
                Inst::Match => {
                    if stop.is_none_or(|e| e == pos) {
                        return true;
                    }
                }
            }
        }
        false
    }

    fn look(&self, k: usize, pos: usize, text: &str, memo: &mut HashMap<(usize, usize), bool>) -> bool {
        let key = (k, pos);
        if let Some(&v) = memo.get(&key) {
            return v;
        }
        let look = &self.looks[k];
        let mut inner = HashMap::new();
        let found = if look.behind {
            let from = if look.width == 0 {
                Some(pos)
            } else {
                text[..pos].char_indices().rev().nth(look.width - 1).map(|(i, _)| i)
            };
            match from {
                Some(from) => look.program.run(text, from, Some(pos), &mut inner),
                None => false,
            }
        } else {
            look.program.run(text, pos, None, &mut inner)
        };
        let result = found != look.negate;
        memo.insert(key, result);
        result
    }
}

/// A sparse set of instruction indices.
struct ThreadSet {
    dense: Vec<usize>,
    sparse: Vec<usize>,
}

impl ThreadSet {
    fn new(n: usize) -> Self {
        ThreadSet { dense: Vec::with_capacity(n), sparse: vec![0; n] }
    }

    fn insert(&mut self, pc: usize) -> bool {
        let i = self.sparse[pc];
        if i < self.dense.len() && self.dense[i] == pc {
            return false;
        }
        self.sparse[pc] = self.dense.len();
        self.dense.push(pc);
        true
    }

    fn clear(&mut self) {
        self.dense.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pyre::parse;

    fn m(pattern: &str, text: &str) -> bool {
        Program::new(&parse(pattern).unwrap()).unwrap().matches_at_start(text)
    }

    #[test]
    fn matches_like_python() {
        assert!(m("a+b", "aaab"));
        assert!(!m("a+b", "xaab"));
        assert!(m("(?:ab|a)c$", "ac"));
        assert!(m("a$", "a\n"));
        assert!(!m("a\\Z", "a\n"));
        assert!(m("(?!10\\.)\\d+\\.\\d+", "11.5"));
        assert!(!m("(?!10\\.)\\d+\\.\\d+$", "10.5"));
        assert!(m("a(?<=[a-z])b", "ab"));
        assert!(!m("1(?<=[a-z])b", "1b"));
        assert!(m("x{2,3}y", "xxxy"));
        assert!(!m("x{2,3}y", "xxxxy"));
        assert!(m("(?:a*)*b", "aaab"));
    }
}
