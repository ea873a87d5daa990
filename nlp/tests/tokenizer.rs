//! The tokenizer and lexical features against spaCy's own output.
//!
//! `tests/data/spacy_tokenizer_cases.jsonl` was written by `scripts/spacy_tokenizer_cases.py
//! fixture` (spaCy 3.8.18, en_core_web_sm 3.8.0). Set `DOSSIER_TOKENIZER_CASES` to the path of a
//! file written by `scripts/spacy_tokenizer_cases.py large` to run the large comparison instead.

use std::path::PathBuf;

use dossier_nlp::lexeme::{self, Lexicon};
use dossier_nlp::strings::Symbols;
use dossier_nlp::tokenizer::{char_spans, Tokenizer};

fn model_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../models/en_core_web_sm-3.8.0")
}

fn load() -> (Tokenizer, Lexicon) {
    let dir = model_dir();
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let tokenizer = Tokenizer::from_json(&read("tokenizer.json")).unwrap();
    let model: serde_json::Value = serde_json::from_str(&read("model.json")).unwrap();
    let symbols = Symbols::from_model_json(&model).unwrap();
    let lexicon = Lexicon::from_json(&read("lexemes.json"), symbols).unwrap();
    (tokenizer, lexicon)
}

/// One token as the fixture has it, with byte offsets.
#[derive(Debug, PartialEq)]
struct Expected {
    start: usize,
    end: usize,
    features: [u64; 6],
    norm: String,
    lower: String,
    shape: String,
}

fn expected_tokens(text: &str, tokens: &[serde_json::Value]) -> Vec<Expected> {
    // Python offsets count characters.
    let mut byte_at: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    byte_at.push(text.len());
    tokens
        .iter()
        .map(|t| {
            let t = t.as_array().unwrap();
            let int = |i: usize| t[i].as_u64().unwrap();
            let start = byte_at[int(0) as usize];
            let end = byte_at[int(1) as usize];
            let word = &text[start..end];
            let lower = t[9].as_str().map_or_else(|| word.to_string(), str::to_string);
            let norm = t[8].as_str().map_or_else(|| lower.clone(), str::to_string);
            Expected {
                start,
                end,
                features: [int(3), int(4), int(5), int(6), int(2), int(7)],
                norm,
                lower,
                shape: t[10].as_str().unwrap().to_string(),
            }
        })
        .collect()
}

#[test]
fn matches_spacy() {
    let path = std::env::var_os("DOSSIER_TOKENIZER_CASES")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/spacy_tokenizer_cases.jsonl"));
    let data = std::fs::read_to_string(&path).unwrap();
    let (tokenizer, lexicon) = load();
    let (mut n_texts, mut n_tokens, mut n_bad_texts) = (0usize, 0usize, 0usize);
    let mut report = String::new();
    for line in data.lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = record["text"].as_str().unwrap();
        let expected = expected_tokens(text, record["tokens"].as_array().unwrap());
        let tokens = tokenizer.tokenize(text);
        let python_spans: Vec<(usize, usize)> = record["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t[0].as_u64().unwrap() as usize, t[1].as_u64().unwrap() as usize))
            .collect();
        let same_char_spans = char_spans(text, &tokens) == python_spans;
        let features = lexicon.features(text, &tokens);
        let actual: Vec<Expected> = tokens
            .iter()
            .zip(&features)
            .map(|(t, f)| Expected {
                start: t.start,
                end: t.end,
                features: *f,
                norm: lexicon.norm(text, t).into_owned(),
                lower: lexeme::lower(t.text(text)),
                shape: lexeme::shape(t.text(text)),
            })
            .collect();
        n_texts += 1;
        n_tokens += expected.len();
        if actual != expected || !same_char_spans {
            n_bad_texts += 1;
            if n_bad_texts <= 10 {
                let at =
                    actual.iter().zip(&expected).position(|(a, e)| a != e).unwrap_or(actual.len().min(expected.len()));
                let show = |v: &[Expected]| -> Vec<String> {
                    v.iter()
                        .skip(at.saturating_sub(2))
                        .take(5)
                        .map(|t| {
                            format!(
                                "{:?} {:?} norm={:?} shape={:?}",
                                &text[t.start..t.end],
                                t.features,
                                t.norm,
                                t.shape
                            )
                        })
                        .collect()
                };
                report.push_str(&format!(
                    "text {:?}\n  first difference at token {at}\n  spaCy: {:#?}\n  ours:  {:#?}\n",
                    text.chars().take(200).collect::<String>(),
                    show(&expected),
                    show(&actual)
                ));
            }
        }
    }
    eprintln!("{n_texts} texts, {n_tokens} tokens compared, {n_bad_texts} texts differ");
    assert!(n_bad_texts == 0, "{n_bad_texts} of {n_texts} texts differ from spaCy:\n{report}");
}
