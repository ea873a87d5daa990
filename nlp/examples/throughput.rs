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
//! them), seconds, tokens per second, the CPU time of the process over the timed passes (user +
//! system, from `/proc/self/stat`), the model's loading time, the peak resident memory of the
//! process (`VmHWM` of `/proc/self/status`), and the resident memory before and after the
//! model was loaded (`VmRSS`).
//!
//! With `--digest`, the texts are analysed once more after the timing, and a hash of every
//! document's JSON, in order, is printed: it must not depend on `--threads`.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::Instant;

use dossier_nlp::Pipeline;
use rayon::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut threads = 1usize;
    let mut repeat = 1usize;
    let mut digest = false;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--threads" => threads = args.next().ok_or("--threads N")?.parse()?,
            "--repeat" => repeat = args.next().ok_or("--repeat R")?.parse()?,
            "--digest" => digest = true,
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if paths.is_empty() {
        return Err("usage: throughput [--threads N] [--repeat R] [--digest] PATH...".into());
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
    let loaded = memory("VmRSS");
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
    pool.install(|| {
        texts.iter().take(20).for_each(|t| {
            nlp.process(t);
        })
    });
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let tokens: usize = pool.install(|| {
        (0..repeat).map(|_| texts.par_iter().with_max_len(1).map(|t| nlp.process(t).len()).sum::<usize>()).sum()
    });
    let seconds = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu_before;
    println!(
        "dossier-nlp, {threads} thread(s): {} documents, {tokens} tokens, {seconds:.2} s, {:.0} tokens/s; \
         CPU {cpu:.2} s, {:.0} tokens per CPU second; model loaded in {:.0} ms; \
         peak RSS {:.1} MB ({:.1} MB before loading, {:.1} MB after)",
        texts.len() * repeat,
        tokens as f64 / seconds,
        if cpu > 0.0 { tokens as f64 / cpu } else { 0.0 },
        loading * 1e3,
        memory("VmHWM") / 1e6,
        before / 1e6,
        loaded / 1e6,
    );
    if digest {
        let docs = pool.install(|| nlp.process_batch(&texts));
        let mut hasher = std::hash::DefaultHasher::new();
        for doc in &docs {
            doc.to_json().to_string().hash(&mut hasher);
        }
        println!("output digest {:016x} ({} documents)", hasher.finish(), docs.len());
    }
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

/// User + system CPU time of the process so far, in seconds (`/proc/self/stat` counts in
/// 1/100 s on Linux; 0 where there is none).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the command name (which is in parentheses and may hold spaces).
            let rest = &s[s.rfind(')')? + 2..];
            let fields: Vec<&str> = rest.split_whitespace().collect();
            let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok());
            Some((ticks(11)? + ticks(12)?) / 100.0)
        })
        .unwrap_or(0.0)
}
