//! Tokenizer and lexical-feature speed on text files, one thread.
//!
//! `cargo run -p dossier-nlp --release --example tokenizer_speed -- ROUNDS FILE...`
//! tokenizes every file ROUNDS times (a fresh call per file and round, as a pipeline would) and
//! prints tokens per second for the tokenizer alone and with the six feature ids.

use std::path::PathBuf;
use std::time::Instant;

use dossier_nlp::lexeme::Lexicon;
use dossier_nlp::strings::Symbols;
use dossier_nlp::tokenizer::Tokenizer;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().ok_or("usage: tokenizer_speed ROUNDS FILE...")?.parse()?;
    let texts: Vec<String> = args.map(std::fs::read_to_string).collect::<Result<_, _>>()?;
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../models/en_core_web_sm-3.8.0");
    let started = Instant::now();
    let tokenizer = Tokenizer::from_json(&std::fs::read_to_string(dir.join("tokenizer.json"))?)?;
    let model: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("model.json"))?)?;
    let lexicon =
        Lexicon::from_json(&std::fs::read_to_string(dir.join("lexemes.json"))?, Symbols::from_model_json(&model)?)?;
    println!("load: {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
    let bytes: usize = texts.iter().map(String::len).sum();
    let started = Instant::now();
    let mut n_tokens = 0usize;
    for _ in 0..rounds {
        for text in &texts {
            n_tokens += tokenizer.tokenize(text).len();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "tokenize: {n_tokens} tokens ({} docs, {:.1} MB) in {secs:.3} s: {:.0} tokens/s",
        texts.len() * rounds,
        (bytes * rounds) as f64 / 1e6,
        n_tokens as f64 / secs
    );
    let started = Instant::now();
    let mut checksum = 0u64;
    for _ in 0..rounds {
        for text in &texts {
            let tokens = tokenizer.tokenize(text);
            for row in lexicon.features(text, &tokens) {
                checksum = checksum.wrapping_add(row[0] ^ row[3]);
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!("tokenize + features: {:.0} tokens/s (checksum {checksum})", n_tokens as f64 / secs);
    Ok(())
}
