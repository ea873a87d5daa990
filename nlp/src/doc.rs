//! An analysed text: tokens, sentences and entities, with offsets into the text.

use std::fmt::{self, Write as _};
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

/// Names of the labels a document's tokens refer to by number, shared by every document of a
/// pipeline.
#[derive(Debug)]
pub(crate) struct Labels {
    pub(crate) tags: Vec<String>,
    pub(crate) deps: Vec<String>,
    pub(crate) entities: Vec<String>,
    pub(crate) morphs: Vec<String>,
}

/// What a document stores of one token.
#[derive(Debug, Clone)]
pub(crate) struct TokenData {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) char_start: u32,
    pub(crate) char_end: u32,
    pub(crate) whitespace: bool,
    pub(crate) is_space: bool,
    pub(crate) tag: u16,
    pub(crate) pos: crate::Pos,
    pub(crate) morph: u32,
    pub(crate) lemma: Range<u32>,
    pub(crate) head: u32,
    pub(crate) dep: u16,
    pub(crate) sent_start: bool,
    pub(crate) ent_iob: EntityIob,
    pub(crate) ent_label: u16,
}

/// A text and its analysis, as [`crate::Pipeline::process`] returns it.
///
/// ```
/// let nlp = dossier_nlp::Pipeline::english();
/// let doc = nlp.process("Gen. Abdourahmane Tchiani seized power in Niger. ECOWAS objected.");
/// assert_eq!(doc.sentences().count(), 2);
/// let ents: Vec<_> = doc.entities().map(|e| (e.text(), e.label())).collect();
/// assert!(ents.contains(&("Abdourahmane Tchiani", "PERSON")));
/// let seized = doc.tokens().find(|t| t.text() == "seized").unwrap();
/// assert_eq!((seized.lemma(), seized.tag(), seized.dep()), ("seize", "VBD", "ROOT"));
/// ```
#[derive(Debug, Clone)]
pub struct Doc {
    pub(crate) text: String,
    pub(crate) tokens: Vec<TokenData>,
    pub(crate) lemmas: String,
    pub(crate) entities: Vec<(u32, u32, u16)>,
    pub(crate) labels: Arc<Labels>,
    /// The children of token `i` are `children[child_starts[i]..child_starts[i + 1]]`, left
    /// to right (see [`Doc::new`]).
    child_starts: Vec<u32>,
    children: Vec<u32>,
}

/// A token's place in an entity (spaCy's `ent_iob_`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum EntityIob {
    /// Begins an entity.
    #[serde(rename = "B")]
    Begin,
    /// Inside an entity, not its first token.
    #[serde(rename = "I")]
    Inside,
    /// Outside every entity.
    #[serde(rename = "O")]
    Outside,
}

impl EntityIob {
    /// `"B"`, `"I"` or `"O"`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityIob::Begin => "B",
            EntityIob::Inside => "I",
            EntityIob::Outside => "O",
        }
    }
}

impl Doc {
    /// A document from its parts; indexes the children of every token (a counting sort of the
    /// tokens by head, so that [`Token::children`] costs nothing but its own output).
    pub(crate) fn new(
        text: String,
        tokens: Vec<TokenData>,
        lemmas: String,
        entities: Vec<(u32, u32, u16)>,
        labels: Arc<Labels>,
    ) -> Doc {
        let n = tokens.len();
        let mut child_starts = vec![0u32; n + 1];
        for (i, t) in tokens.iter().enumerate() {
            if t.head as usize != i {
                child_starts[t.head as usize + 1] += 1;
            }
        }
        for i in 0..n {
            child_starts[i + 1] += child_starts[i];
        }
        let mut next = child_starts.clone();
        let mut children = vec![0u32; child_starts[n] as usize];
        for (i, t) in tokens.iter().enumerate() {
            let head = t.head as usize;
            if head != i {
                children[next[head] as usize] = i as u32;
                next[head] += 1;
            }
        }
        Doc { text, tokens, lemmas, entities, labels, child_starts, children }
    }

    /// One document from the analyses of consecutive pieces of a text, in order: offsets,
    /// heads, lemmas and entities are shifted to the whole text, and each piece starts a
    /// sentence. `None` for no pieces.
    pub(crate) fn concat(pieces: Vec<Doc>) -> Option<Doc> {
        let labels = pieces.first()?.labels.clone();
        let mut text = String::with_capacity(pieces.iter().map(|d| d.text.len()).sum());
        let mut tokens: Vec<TokenData> = Vec::with_capacity(pieces.iter().map(|d| d.tokens.len()).sum());
        let mut lemmas = String::new();
        let mut entities = Vec::new();
        let mut chars = 0u32;
        for piece in pieces {
            let (bytes, first, lemma_base) = (text.len() as u32, tokens.len() as u32, lemmas.len() as u32);
            for (i, t) in piece.tokens.iter().enumerate() {
                let mut t = t.clone();
                t.start += bytes;
                t.end += bytes;
                t.char_start += chars;
                t.char_end += chars;
                t.head += first;
                t.lemma = t.lemma.start + lemma_base..t.lemma.end + lemma_base;
                if i == 0 {
                    t.sent_start = true;
                }
                tokens.push(t);
            }
            entities.extend(piece.entities.iter().map(|&(start, end, label)| (start + first, end + first, label)));
            lemmas.push_str(&piece.lemmas);
            chars += piece.text.chars().count() as u32;
            text.push_str(&piece.text);
        }
        Some(Doc::new(text, tokens, lemmas, entities, labels))
    }

    /// The part of the document that tokens `tokens` make up, as a document of its own (the
    /// text from the first token's start to the next token's start, or the end). Heads must
    /// stay inside the range, as they do for a range of whole sentences; entities are cut to
    /// it.
    pub(crate) fn slice(&self, tokens: Range<usize>) -> Doc {
        let bytes = self.tokens[tokens.start].start as usize
            ..self.tokens.get(tokens.end).map_or(self.text.len(), |t| t.start as usize);
        let (byte_base, char_base) = (bytes.start as u32, self.tokens[tokens.start].char_start);
        let mut lemmas = String::new();
        let mut out: Vec<TokenData> = Vec::with_capacity(tokens.len());
        for (k, i) in tokens.clone().enumerate() {
            let mut t = self.tokens[i].clone();
            t.start -= byte_base;
            t.end -= byte_base;
            t.char_start -= char_base;
            t.char_end -= char_base;
            t.head = (t.head as usize).clamp(tokens.start, tokens.end - 1) as u32 - tokens.start as u32;
            let lemma = &self.lemmas[t.lemma.start as usize..t.lemma.end as usize];
            t.lemma = lemmas.len() as u32..(lemmas.len() + lemma.len()) as u32;
            lemmas.push_str(lemma);
            if k == 0 && t.ent_iob == EntityIob::Inside {
                t.ent_iob = EntityIob::Begin;
            }
            out.push(t);
        }
        let (first, end) = (tokens.start as u32, tokens.end as u32);
        let entities = self
            .entities
            .iter()
            .filter(|&&(s, e, _)| s < end && e > first)
            .map(|&(s, e, label)| (s.max(first) - first, e.min(end) - first, label))
            .collect();
        Doc::new(self.text[bytes].to_string(), out, lemmas, entities, self.labels.clone())
    }

    /// The text the document was made from.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether the document has no token.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Token `i`.
    ///
    /// # Panics
    /// If `i >= self.len()`.
    pub fn token(&self, i: usize) -> Token<'_> {
        assert!(i < self.tokens.len(), "token {i} of a document of {}", self.tokens.len());
        Token { doc: self, i }
    }

    /// The tokens in order.
    pub fn tokens(&self) -> impl ExactSizeIterator<Item = Token<'_>> + DoubleEndedIterator + '_ {
        (0..self.tokens.len()).map(move |i| Token { doc: self, i })
    }

    /// The sentences in order (spaCy's `doc.sents`: they follow the dependency trees, one root
    /// each).
    pub fn sentences(&self) -> impl Iterator<Item = Sentence<'_>> + '_ {
        let mut start = 0;
        let n = self.tokens.len();
        (1..=n).filter_map(move |i| {
            if i == n || self.tokens[i].sent_start {
                let s = Sentence { doc: self, tokens: start..i };
                start = i;
                Some(s)
            } else {
                None
            }
        })
    }

    /// The named entities in order.
    pub fn entities(&self) -> impl ExactSizeIterator<Item = Entity<'_>> + '_ {
        self.entities.iter().map(move |&(start, end, label)| Entity {
            doc: self,
            tokens: start as usize..end as usize,
            label,
        })
    }

    /// The document in CoNLL-U: one block per sentence (`# sent_id`, `# text`), ten columns
    /// per token, and in MISC `SpaceAfter=No` where no whitespace follows, `TokenRange=start:end`
    /// (character offsets into the text) and the entity tag (`NER=B-GPE`, `NER=I-GPE`, `NER=O`).
    /// Whitespace tokens are kept, written as `_SP` with their characters escaped (`\n`,
    /// `\t`, `\s` for a space).
    ///
    /// ```
    /// let doc = dossier_nlp::Pipeline::english().process("Kabul fell.");
    /// let conllu = doc.to_conllu("d1");
    /// assert!(conllu.starts_with("# sent_id = d1-1\n# text = Kabul fell.\n1\tKabul\tKabul\tPROPN\tNNP\t"));
    /// assert!(conllu.contains("\tSpaceAfter=No|TokenRange=6:10|NER=O\n"));
    /// ```
    pub fn to_conllu(&self, doc_id: &str) -> String {
        let mut out = String::new();
        for (s, sentence) in self.sentences().enumerate() {
            let _ = writeln!(out, "# sent_id = {doc_id}-{}", s + 1);
            let _ = writeln!(out, "# text = {}", one_line(sentence.text()));
            let first = sentence.tokens.start;
            for token in sentence.tokens() {
                let head = if token.head().i == token.i { 0 } else { token.head().i - first + 1 };
                let mut misc = String::new();
                if !token.data().whitespace {
                    misc.push_str("SpaceAfter=No|");
                }
                let (cs, ce) = token.char_range();
                let _ = write!(misc, "TokenRange={cs}:{ce}|NER={}", token.ent_iob().as_str());
                if let Some(label) = token.ent_label() {
                    let _ = write!(misc, "-{label}");
                }
                let morph = token.morph();
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{}",
                    token.i - first + 1,
                    conllu_field(token.text()),
                    conllu_field(token.lemma()),
                    token.pos().as_str(),
                    token.tag(),
                    if morph.is_empty() { "_" } else { morph },
                    head,
                    if head == 0 { "root" } else { token.dep() },
                    misc
                );
            }
            out.push('\n');
        }
        out
    }

    /// The document as a JSON value: text, tokens (with offsets in bytes and characters,
    /// whitespace, tag, pos, morph, lemma, head, dep, sentence start, entity tag), sentences
    /// and entities.
    pub fn to_json(&self) -> serde_json::Value {
        let tokens: Vec<_> = self
            .tokens()
            .map(|t| {
                let (cs, ce) = t.char_range();
                serde_json::json!({
                    "i": t.i,
                    "text": t.text(),
                    "start": t.data().start,
                    "end": t.data().end,
                    "char_start": cs,
                    "char_end": ce,
                    "whitespace": t.whitespace(),
                    "tag": t.tag(),
                    "pos": t.pos().as_str(),
                    "morph": t.morph(),
                    "lemma": t.lemma(),
                    "head": t.head().i,
                    "dep": t.dep(),
                    "sent_start": t.is_sent_start(),
                    "ent_iob": t.ent_iob(),
                    "ent_type": t.ent_label(),
                })
            })
            .collect();
        let sentences: Vec<_> = self
            .sentences()
            .map(|s| serde_json::json!({"start": s.tokens.start, "end": s.tokens.end, "text": s.text()}))
            .collect();
        let entities: Vec<_> = self
            .entities()
            .map(|e| {
                let (cs, ce) = e.char_range();
                serde_json::json!({
                    "start": e.tokens.start, "end": e.tokens.end,
                    "char_start": cs, "char_end": ce,
                    "label": e.label(), "text": e.text(),
                })
            })
            .collect();
        serde_json::json!({"text": self.text, "tokens": tokens, "sentences": sentences, "entities": entities})
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn conllu_field(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ' ' => out.push_str("\\s"),
            c if c.is_whitespace() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    if out.is_empty() {
        out.push('_');
    }
    out
}

/// One token of a [`Doc`].
#[derive(Clone, Copy)]
pub struct Token<'d> {
    doc: &'d Doc,
    i: usize,
}

impl<'d> Token<'d> {
    fn data(&self) -> &'d TokenData {
        &self.doc.tokens[self.i]
    }

    /// Its index in the document.
    pub fn i(&self) -> usize {
        self.i
    }

    /// Its text.
    pub fn text(&self) -> &'d str {
        &self.doc.text[self.byte_range()]
    }

    /// Its byte offsets into the document's text.
    pub fn byte_range(&self) -> Range<usize> {
        self.data().start as usize..self.data().end as usize
    }

    /// Its character offsets into the document's text (spaCy's `idx` and `idx + len`).
    pub fn char_range(&self) -> (usize, usize) {
        (self.data().char_start as usize, self.data().char_end as usize)
    }

    /// `" "` if a space follows it (that space is not a token), else `""`.
    pub fn whitespace(&self) -> &'static str {
        if self.data().whitespace {
            " "
        } else {
            ""
        }
    }

    /// Whether it is whitespace.
    pub fn is_space(&self) -> bool {
        self.data().is_space
    }

    /// Its Penn Treebank tag (spaCy's `tag_`).
    pub fn tag(&self) -> &'d str {
        &self.doc.labels.tags[self.data().tag as usize]
    }

    /// Its universal part of speech (spaCy's `pos_`).
    pub fn pos(&self) -> crate::Pos {
        self.data().pos
    }

    /// Its morphological features, as spaCy writes them (`Number=Sing|Person=3`), or `""`.
    pub fn morph(&self) -> &'d str {
        &self.doc.labels.morphs[self.data().morph as usize]
    }

    /// Its lemma.
    pub fn lemma(&self) -> &'d str {
        let r = &self.data().lemma;
        &self.doc.lemmas[r.start as usize..r.end as usize]
    }

    /// Its syntactic head (itself for the root of a sentence).
    pub fn head(&self) -> Token<'d> {
        Token { doc: self.doc, i: self.data().head as usize }
    }

    /// Its dependency label (`ROOT` for a root).
    pub fn dep(&self) -> &'d str {
        &self.doc.labels.deps[self.data().dep as usize]
    }

    /// Its children in the dependency tree, left to right (spaCy's `children`). Indexed when the
    /// document is made: the cost is that of the children alone.
    pub fn children(&self) -> impl ExactSizeIterator<Item = Token<'d>> + DoubleEndedIterator + 'd {
        let doc = self.doc;
        self.child_indexes().iter().map(move |&i| Token { doc, i: i as usize })
    }

    /// Its children before it, left to right (spaCy's `lefts`).
    pub fn lefts(&self) -> impl ExactSizeIterator<Item = Token<'d>> + DoubleEndedIterator + 'd {
        let doc = self.doc;
        let all = self.child_indexes();
        let split = all.partition_point(|&c| (c as usize) < self.i);
        all[..split].iter().map(move |&i| Token { doc, i: i as usize })
    }

    /// Its children after it, left to right (spaCy's `rights`).
    pub fn rights(&self) -> impl ExactSizeIterator<Item = Token<'d>> + DoubleEndedIterator + 'd {
        let doc = self.doc;
        let all = self.child_indexes();
        let split = all.partition_point(|&c| (c as usize) < self.i);
        all[split..].iter().map(move |&i| Token { doc, i: i as usize })
    }

    fn child_indexes(&self) -> &'d [u32] {
        let doc = self.doc;
        &doc.children[doc.child_starts[self.i] as usize..doc.child_starts[self.i + 1] as usize]
    }

    /// Whether it starts a sentence.
    pub fn is_sent_start(&self) -> bool {
        self.i == 0 || self.data().sent_start
    }

    /// Its place in an entity.
    pub fn ent_iob(&self) -> EntityIob {
        self.data().ent_iob
    }

    /// The label of the entity it belongs to.
    pub fn ent_label(&self) -> Option<&'d str> {
        (self.data().ent_iob != EntityIob::Outside)
            .then(|| self.doc.labels.entities[self.data().ent_label as usize].as_str())
    }
}

impl fmt::Debug for Token<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}/{}", self.text(), self.i, self.tag())
    }
}

/// A sentence of a [`Doc`].
#[derive(Clone)]
pub struct Sentence<'d> {
    doc: &'d Doc,
    tokens: Range<usize>,
}

impl<'d> Sentence<'d> {
    /// Its token indexes.
    pub fn token_range(&self) -> Range<usize> {
        self.tokens.clone()
    }

    /// Its tokens.
    pub fn tokens(&self) -> impl ExactSizeIterator<Item = Token<'d>> + 'd {
        let doc = self.doc;
        self.tokens.clone().map(move |i| Token { doc, i })
    }

    /// Its byte offsets into the document's text (first token's start to last token's end).
    pub fn byte_range(&self) -> Range<usize> {
        span_bytes(self.doc, &self.tokens)
    }

    /// Its text.
    pub fn text(&self) -> &'d str {
        &self.doc.text[self.byte_range()]
    }

    /// Its root: the first token that is its own head.
    pub fn root(&self) -> Token<'d> {
        let i = self.tokens.clone().find(|&i| self.doc.tokens[i].head as usize == i).unwrap_or(self.tokens.start);
        Token { doc: self.doc, i }
    }
}

/// A named entity of a [`Doc`].
#[derive(Clone)]
pub struct Entity<'d> {
    doc: &'d Doc,
    tokens: Range<usize>,
    label: u16,
}

impl<'d> Entity<'d> {
    /// Its label (`PERSON`, `ORG`, `GPE`, `NORP`, `LOC`, `FAC`, `DATE`, ...).
    pub fn label(&self) -> &'d str {
        &self.doc.labels.entities[self.label as usize]
    }

    /// Its token indexes.
    pub fn token_range(&self) -> Range<usize> {
        self.tokens.clone()
    }

    /// Its tokens.
    pub fn tokens(&self) -> impl ExactSizeIterator<Item = Token<'d>> + 'd {
        let doc = self.doc;
        self.tokens.clone().map(move |i| Token { doc, i })
    }

    /// Its byte offsets into the document's text.
    pub fn byte_range(&self) -> Range<usize> {
        span_bytes(self.doc, &self.tokens)
    }

    /// Its character offsets into the document's text.
    pub fn char_range(&self) -> (usize, usize) {
        let first = &self.doc.tokens[self.tokens.start];
        let last = &self.doc.tokens[self.tokens.end - 1];
        (first.char_start as usize, last.char_end as usize)
    }

    /// Its text.
    pub fn text(&self) -> &'d str {
        &self.doc.text[self.byte_range()]
    }
}

fn span_bytes(doc: &Doc, tokens: &Range<usize>) -> Range<usize> {
    if tokens.is_empty() {
        return 0..0;
    }
    doc.tokens[tokens.start].start as usize..doc.tokens[tokens.end - 1].end as usize
}
