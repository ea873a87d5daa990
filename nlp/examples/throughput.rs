//! Words per second of the whole pipeline (tokenizer, tagger, parser, attribute ruler,
//! lemmatizer, NER) on text files, and the process's peak memory.
//!
//! ```text
//! cargo run -p dossier-nlp --release --example throughput -- [--threads N] [--repeat R] PATH...
//! ```
//!
//! PATHs are `.txt` files or folders searched recursively. The texts are processed `R` times
//! (default 1) on a rayon pool of `N` threads (default 1), one document per task, after one
//! warm-up pass over the first 20 texts. Prints documents, tokens ("words", as spaCy counts
//! them), seconds, tokens per second, the model's loading time and the peak resident memory
//! (`VmHWM`), and the resident memory before the model was loaded.

use std::path::{Path, PathBuf};
use std::time::Instant;

use dossier_nlp::Pipeline;
use rayon::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut threads = 1usize;
    let mut repeat = 1usize;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--threads" => threads = args.next().ok_or("--threads N")?.parse()?,
            "--repeat" => repeat = args.next().ok_or("--repeat R")?.parse()?,
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if paths.is_empty() {
        return Err("usage: throughput [--threads N] [--repeat R] PATH...".into());
    }
    let mut files = Vec::new();
    for path in &paths {
        collect(path, &mut files)?;
    }
    files.sort();
    let texts: Vec<String> = files.iter().map(std::fs::read_to_string).collect::<Result<_, _>>()?;
    let before = memory("VmRSS");
    let started = Instant::now();
    let nlp = Pipeline::english();
    let loading = started.elapsed().as_secs_f64();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
    pool.install(|| {
        texts.iter().take(20).for_each(|t| {
            nlp.process(t);
        })
    });
    let started = Instant::now();
    let tokens: usize = pool.install(|| {
        (0..repeat).map(|_| texts.par_iter().with_max_len(1).map(|t| nlp.process(t).len()).sum::<usize>()).sum()
    });
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "dossier-nlp, {threads} thread(s): {} documents, {tokens} tokens, {seconds:.2} s, {:.0} tokens/s; \
         model loaded in {:.0} ms; peak RSS {:.1} MB ({:.1} MB before loading)",
        texts.len() * repeat,
        tokens as f64 / seconds,
        loading * 1e3,
        memory("VmHWM") / 1e6,
        before / 1e6,
    );
    Ok(())
}

fn collect(path: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        for entry in std::fs::read_dir(path)? {
            collect(&entry?.path(), files)?;
        }
    } else if path.extension().is_some_and(|e| e == "txt") || path.is_file() && path.extension().is_none() {
        files.push(path.to_path_buf());
    }
    Ok(())
}

/// A line of `/proc/self/status` in bytes (0 where there is none).
fn memory(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        })
        .map_or(0.0, |kb| kb * 1024.0)
}
