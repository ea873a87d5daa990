//! Parity with Python spaCy: the whole pipeline on the 133 fixture documents of
//! `tests/data/parity/` (seeds, dev articles, generated news, HTML-derived text, edge cases),
//! against what spaCy 3.8.18 with en_core_web_sm 3.8.0 gave (`scripts/spacy_reference.py`).
//!
//! Bars: identical token boundaries ≥ 99.9%, tags ≥ 99.5%, head + label ≥ 99.5%, entity
//! spans + labels F1 ≥ 0.995. The figures are printed; on failure, the first differing
//! sentences too.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use dossier_nlp::{Doc, Pipeline};
use serde::Deserialize;

#[derive(Deserialize)]
struct Reference {
    id: String,
    text: String,
    starts: Vec<usize>,
    ends: Vec<usize>,
    tags: Vec<String>,
    pos: Vec<String>,
    morphs: Vec<String>,
    lemmas: Vec<String>,
    heads: Vec<usize>,
    deps: Vec<String>,
    sent_starts: Vec<u8>,
    ents: Vec<(usize, usize, String)>,
}

#[derive(Default)]
struct Tally {
    tokens_gold: usize,
    tokens_pred: usize,
    boundaries: usize,
    tags: usize,
    pos: usize,
    morphs: usize,
    lemmas: usize,
    heads: usize,
    head_labels: usize,
    sent_starts: usize,
    ents_gold: usize,
    ents_pred: usize,
    ents_ok: usize,
    sentences: usize,
    documents: usize,
    differences: Vec<String>,
}

impl Tally {
    fn add(&mut self, gold: &Reference, doc: &Doc) {
        self.documents += 1;
        self.tokens_gold += gold.starts.len();
        self.tokens_pred += doc.len();
        self.sentences += gold.sent_starts.iter().enumerate().filter(|&(i, &s)| i == 0 || s == 1).count();
        let predicted: HashMap<(usize, usize), usize> = doc.tokens().map(|t| (t.char_range(), t.i())).collect();
        let gold_span = |i: usize| (gold.starts[i], gold.ends[i]);
        let mut first_difference: Option<(usize, String)> = None;
        for g in 0..gold.starts.len() {
            let Some(&p) = predicted.get(&gold_span(g)) else {
                first_difference.get_or_insert((g, "token boundary".into()));
                continue;
            };
            self.boundaries += 1;
            let t = doc.token(p);
            let mut check = |ok: bool, counter: &mut usize, what: &str, ours: String, theirs: &str| {
                if ok {
                    *counter += 1;
                } else if first_difference.is_none() {
                    first_difference = Some((g, format!("{what}: {ours:?}, spaCy {theirs:?}")));
                }
            };
            check(t.tag() == gold.tags[g], &mut self.tags, "tag", t.tag().into(), &gold.tags[g]);
            check(t.pos().as_str() == gold.pos[g], &mut self.pos, "pos", t.pos().as_str().into(), &gold.pos[g]);
            check(t.morph() == gold.morphs[g], &mut self.morphs, "morph", t.morph().into(), &gold.morphs[g]);
            check(t.lemma() == gold.lemmas[g], &mut self.lemmas, "lemma", t.lemma().into(), &gold.lemmas[g]);
            let head_ok = t.head().char_range() == gold_span(gold.heads[g]);
            let head = t.head();
            let gold_head: String = gold
                .text
                .chars()
                .skip(gold.starts[gold.heads[g]])
                .take(gold.ends[gold.heads[g]] - gold.starts[gold.heads[g]])
                .collect();
            check(head_ok, &mut self.heads, "head", head.text().into(), &gold_head);
            check(
                head_ok && t.dep() == gold.deps[g],
                &mut self.head_labels,
                "head+dep",
                format!("{} <-{}- {}", t.text(), t.dep(), head.text()),
                &gold.deps[g],
            );
            let gold_start = g == 0 || gold.sent_starts[g] == 1;
            check(
                t.is_sent_start() == gold_start,
                &mut self.sent_starts,
                "sentence start",
                t.is_sent_start().to_string(),
                &gold_start.to_string(),
            );
        }
        let gold_ents: HashSet<(usize, usize, &str)> = gold.ents.iter().map(|(s, e, l)| (*s, *e, l.as_str())).collect();
        let ours: Vec<_> = doc.entities().map(|e| (e.char_range().0, e.char_range().1, e.label())).collect();
        self.ents_gold += gold_ents.len();
        self.ents_pred += ours.len();
        for e in &ours {
            if gold_ents.contains(e) {
                self.ents_ok += 1;
            } else if first_difference.is_none() {
                first_difference =
                    Some((0, format!("entity {:?} {:?} not spaCy's", e, &doc.text()[byte(doc, e.0)..byte(doc, e.1)])));
            }
        }
        if ours.len() != gold_ents.len() && first_difference.is_none() {
            first_difference = Some((0, format!("{} entities, spaCy {}", ours.len(), gold_ents.len())));
        }
        if let Some((g, what)) = first_difference {
            if self.differences.len() < 20 {
                let chars: Vec<char> = gold.text.chars().collect();
                let from = gold.starts.get(g).copied().unwrap_or(0).saturating_sub(60);
                let to = (gold.ends.get(g).copied().unwrap_or(0) + 60).min(chars.len());
                let context: String = chars[from..to].iter().collect();
                let mut line = String::new();
                let _ = write!(line, "{} token {g}: {what}\n    …{}…", gold.id, context.replace('\n', "⏎"));
                self.differences.push(line);
            }
        }
    }
}

fn byte(doc: &Doc, char_offset: usize) -> usize {
    doc.text().char_indices().nth(char_offset).map_or(doc.text().len(), |(b, _)| b)
}

#[test]
fn the_pipeline_gives_spacys_analyses() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/parity/reference.jsonl");
    let text = std::fs::read_to_string(path).expect("the committed reference");
    let references: Vec<Reference> = text.lines().map(|l| serde_json::from_str(l).expect("a reference line")).collect();
    let nlp = Pipeline::english();
    let texts: Vec<&str> = references.iter().map(|r| r.text.as_str()).collect();
    let docs = nlp.process_batch(&texts);
    let mut tally = Tally::default();
    for (reference, doc) in references.iter().zip(&docs) {
        tally.add(reference, doc);
    }
    let pct = |n: usize| 100.0 * n as f64 / tally.tokens_gold.max(1) as f64;
    let precision = tally.ents_ok as f64 / tally.ents_pred.max(1) as f64;
    let recall = tally.ents_ok as f64 / tally.ents_gold.max(1) as f64;
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    println!(
        "parity on {} documents, {} sentences, {} tokens (spaCy) / {} (ours): boundaries {:.3}%, tags {:.3}%, \
         pos {:.3}%, morph {:.3}%, lemmas {:.3}%, heads {:.3}%, head+label {:.3}%, sentence starts {:.3}%; \
         entities {} / {} (spaCy), F1 {:.4}",
        tally.documents,
        tally.sentences,
        tally.tokens_gold,
        tally.tokens_pred,
        pct(tally.boundaries),
        pct(tally.tags),
        pct(tally.pos),
        pct(tally.morphs),
        pct(tally.lemmas),
        pct(tally.heads),
        pct(tally.head_labels),
        pct(tally.sent_starts),
        tally.ents_pred,
        tally.ents_gold,
        f1
    );
    for d in &tally.differences {
        println!("  {d}");
    }
    assert!(tally.sentences >= 2000, "the fixture must hold at least 2,000 sentences");
    let boundary_rate = tally.boundaries as f64 / tally.tokens_gold.max(tally.tokens_pred) as f64;
    assert!(boundary_rate >= 0.999, "token boundaries {:.4}% < 99.9%", 100.0 * boundary_rate);
    assert!(pct(tally.tags) >= 99.5, "tags {:.3}% < 99.5%", pct(tally.tags));
    assert!(pct(tally.head_labels) >= 99.5, "head+label {:.3}% < 99.5%", pct(tally.head_labels));
    assert!(f1 >= 0.995, "entity F1 {f1:.4} < 0.995");
}
