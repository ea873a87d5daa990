//! Extraction throughput on a folder of documents: reads every file into memory first, then
//! times cleaning + sentence splitting + extraction (and, separately, mapping to RDF) with one
//! thread and with all threads. Prints MB/s and documents/s (`scripts/bench.sh` runs it).
//! `--extract-only` leaves the RDF passes out.
//!
//! ```text
//! cargo run --release --example throughput -- /tmp/corpus-10k
//! ```

use std::error::Error;
use std::path::PathBuf;
use std::time::Instant;

use dossier::corpus;
use dossier::extract::extract_document;
use dossier::lexicon::Lexicon;
use dossier::rdf;
use rayon::prelude::*;

/// The allocator of the `dossier` binary (see `src/main.rs`), so that the figures are the build's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let extract_only = args.iter().any(|a| a == "--extract-only");
    let paths: Vec<PathBuf> = args.iter().filter(|a| *a != "--extract-only").map(PathBuf::from).collect();
    if paths.is_empty() {
        return Err("usage: throughput [--extract-only] DIR_OR_FILE...".into());
    }
    let lexicon = Lexicon::builtin()?;
    let (files, problems) = corpus::collect_files(&paths);
    if let Some(problem) = problems.first() {
        return Err(problem.to_string().into());
    }
    let inputs: Vec<(PathBuf, Vec<u8>)> =
        files.into_iter().map(|p| std::fs::read(&p).map(|b| (p, b))).collect::<Result<_, _>>()?;
    let bytes: usize = inputs.iter().map(|(_, b)| b.len()).sum();
    let run = |threads: usize, with_rdf: bool| -> Result<(f64, usize, usize), Box<dyn Error + Send + Sync>> {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
        let started = Instant::now();
        let (documents, quads) = pool.install(|| {
            inputs
                .par_iter()
                .map(|(path, bytes)| {
                    let Ok(contents) = corpus::read_bytes(path, bytes, &lexicon.boilerplate) else { return (0, 0) };
                    let mut quads = 0;
                    for document in &contents.documents {
                        let findings = extract_document(document, &lexicon);
                        if with_rdf {
                            quads += rdf::document_quads(document, &findings).len();
                        }
                    }
                    (contents.documents.len(), quads)
                })
                .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
        });
        Ok((started.elapsed().as_secs_f64(), documents, quads))
    };
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("throughput: {} files, {:.1} MB", inputs.len(), bytes as f64 / 1e6);
    let passes: &[(usize, bool)] =
        if extract_only { &[(1, false), (all, false)] } else { &[(1, false), (all, false), (1, true), (all, true)] };
    for &(threads, with_rdf) in passes {
        let (seconds, documents, quads) = run(threads, with_rdf).map_err(|e| e.to_string())?;
        let what = if with_rdf { "extract + RDF" } else { "extract" };
        println!(
            "  {what:<14} {threads} thread(s): {seconds:.2} s, {:.1} MB/s, {:.0} docs/s{}",
            bytes as f64 / 1e6 / seconds,
            documents as f64 / seconds,
            if with_rdf { format!(", {quads} quads") } else { String::new() }
        );
    }
    Ok(())
}
