//! The attribute ruler and rule lemmatizer against spaCy 3.8's own output.
//!
//! `tests/data/ruler_cases.jsonl` was written by `scripts/spacy_ruler_cases.py`: per token, the
//! inputs of spaCy's attribute ruler (text, the tagger's tag, the parser's label, is_space) and
//! what spaCy's pipeline made of them (POS, morphology, lemma, and the tag and label when the ruler
//! changed them). POS, morphology, lemma, tag and label must all be identical.
//!
//! `DOSSIER_RULER_CASES=/path/to/cases.jsonl` checks another file of the same format (e.g. a larger
//! local one from `spacy_ruler_cases.py --all-text`) instead.

use std::path::{Path, PathBuf};
use std::time::Instant;

use dossier_nlp::attribute_ruler::{AttributeRuler, RulerInput};
use dossier_nlp::lemmatizer::Lemmatizer;
use dossier_nlp::pyunicode::lower_cow;
use serde_json::Value;

fn model_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/en_core_web_sm-3.8.0")
}

fn cases_path() -> PathBuf {
    match std::env::var_os("DOSSIER_RULER_CASES") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ruler_cases.jsonl"),
    }
}

struct Case {
    text: String,
    tag_in: String,
    dep_in: String,
    is_space: bool,
    pos: String,
    morph_key: String,
    lemma: String,
    tag_out: String,
    dep_out: String,
}

struct Doc {
    source: String,
    tokens: Vec<Case>,
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_else(|| panic!("expected a string, got {v}")).to_string()
}

fn read_cases(path: &Path) -> (Vec<Doc>, Value) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Value = serde_json::from_str(lines.next().expect("a header line")).expect("header JSON");
    assert_eq!(header["format"], "dossier-ruler-cases/1");
    let morphs: Vec<String> = header["morphs"].as_array().expect("morphs").iter().map(s).collect();
    let mut docs = Vec::new();
    for line in lines {
        let doc: Value = serde_json::from_str(line).expect("document JSON");
        let mut tokens = Vec::new();
        for row in doc["tokens"].as_array().expect("tokens") {
            let row = row.as_array().expect("token row");
            let text = s(&row[0]);
            let lemma = match &row[6] {
                Value::Number(n) if n.as_u64() == Some(0) => text.clone(),
                Value::Number(n) if n.as_u64() == Some(1) => {
                    assert!(text.is_ascii());
                    text.to_ascii_lowercase()
                }
                v => s(v),
            };
            let (tag_in, dep_in) = (s(&row[1]), s(&row[2]));
            let (tag_out, dep_out) =
                if row.len() > 7 { (s(&row[7]), s(&row[8])) } else { (tag_in.clone(), dep_in.clone()) };
            tokens.push(Case {
                is_space: row[3].as_u64() == Some(1),
                pos: s(&row[4]),
                morph_key: morphs[row[5].as_u64().expect("morph index") as usize].clone(),
                text,
                tag_in,
                dep_in,
                lemma,
                tag_out,
                dep_out,
            });
        }
        docs.push(Doc { source: s(&doc["source"]), tokens });
    }
    (docs, header)
}

#[test]
fn ruler_and_lemmatizer_match_spacy() {
    let dir = model_dir();
    let ruler = AttributeRuler::load(&dir.join("attribute_ruler.json")).expect("attribute ruler");
    let lemmatizer = Lemmatizer::load(&dir.join("lemmatizer.json")).expect("lemmatizer");
    let path = cases_path();
    let (docs, header) = read_cases(&path);

    let mut tokens = 0usize;
    let mut mismatches: Vec<String> = Vec::new();
    let mut counts = [0usize; 5]; // pos, morph, lemma, tag, dep
    let started = Instant::now();
    for doc in &docs {
        let lowers: Vec<_> = doc.tokens.iter().map(|c| lower_cow(&c.text)).collect();
        let inputs: Vec<RulerInput<'_>> = doc
            .tokens
            .iter()
            .zip(&lowers)
            .map(|(c, lower)| RulerInput { text: &c.text, lower, tag: &c.tag_in, dep: &c.dep_in, is_space: c.is_space })
            .collect();
        let out = ruler.apply(&inputs);
        for (i, (case, got)) in doc.tokens.iter().zip(&out).enumerate() {
            tokens += 1;
            let morph = ruler.morphology().get(got.morph);
            let lemma = lemmatizer.lemma_after_ruler(&lowers[i], got, ruler.morphology());
            let lemma = lemma.as_str(&case.text, &lowers[i]);
            let shown_morph = if case.morph_key == "_" { "" } else { case.morph_key.as_str() };
            let checks = [
                ("pos", got.pos.as_str(), case.pos.as_str()),
                ("morph", morph.key(), case.morph_key.as_str()),
                ("lemma", lemma, case.lemma.as_str()),
                ("tag", got.tag_or(&case.tag_in), case.tag_out.as_str()),
                ("dep", got.dep_or(&case.dep_in), case.dep_out.as_str()),
            ];
            assert_eq!(morph.to_string(), shown_morph, "Display of {:?}", morph.key());
            for (k, (what, ours, theirs)) in checks.iter().enumerate() {
                if ours != theirs {
                    counts[k] += 1;
                    if mismatches.len() < 30 {
                        mismatches.push(format!(
                            "{} token {i} {:?} (tag {:?}, dep {:?}, space {}): {what} {ours:?}, spaCy {theirs:?}",
                            doc.source, case.text, case.tag_in, case.dep_in, case.is_space
                        ));
                    }
                }
            }
        }
    }
    let elapsed = started.elapsed();
    eprintln!(
        "{}: {} documents, {tokens} tokens (spaCy {}, {}) in {:.1} ms; mismatches pos {}, morph {}, lemma {}, tag {}, dep {}",
        path.display(),
        docs.len(),
        header["spacy"],
        header["model"],
        elapsed.as_secs_f64() * 1e3,
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[4],
    );
    assert!(tokens > 0, "no tokens in {}", path.display());
    assert!(mismatches.is_empty(), "first differences from spaCy:\n{}", mismatches.join("\n"));
}
