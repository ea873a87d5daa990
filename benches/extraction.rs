//! Benchmarks of the extraction hot path on the five seed articles (real news prose):
//! reading (boilerplate removal, metadata, sentence splitting), the NLP core's line-aware parse,
//! the extraction rules on a given parse, both together, and the mapping to RDF. Criterion
//! reports each as time and MB/s over the five.
//!
//! ```text
//! cargo bench --bench extraction
//! ```
//!
//! `scripts/bench.sh` gives the end-to-end figures (throughput on generated corpora, build,
//! load, queries); this bench is for watching the functions that dominate the profile.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier::corpus::{self, Document};
use dossier::extract::{extract, extract_document, parse_text};
use dossier::lexicon::Lexicon;
use dossier::rdf;

/// The allocator of the `dossier` binary (see `src/main.rs`), so that the figures are the build's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The seed files, read once.
fn seed_files() -> Vec<(PathBuf, Vec<u8>)> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let (files, problems) = corpus::collect_files(&[folder]);
    assert!(problems.is_empty(), "seeds unreadable: {problems:?}");
    files.into_iter().map(|p| (p.clone(), std::fs::read(&p).expect("seed file readable"))).collect()
}

fn extraction(c: &mut Criterion) {
    let lexicon = Lexicon::builtin().expect("built-in lexicon loads");
    let files = seed_files();
    let bytes: u64 = files.iter().map(|(_, b)| b.len() as u64).sum();
    let documents: Vec<Document> = files
        .iter()
        .flat_map(|(path, b)| corpus::read_bytes(path, b, &lexicon.boilerplate).expect("seed reads").documents)
        .collect();
    let nlp = dossier::nlp::english();
    let parses: Vec<_> = documents.iter().map(|d| nlp.process_lines(&parse_text(d))).collect();
    let findings: Vec<_> = documents.iter().zip(&parses).map(|(d, p)| extract(d, p, &lexicon)).collect();

    let mut group = c.benchmark_group("seeds");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("read (clean, metadata, sentences)", |b| {
        b.iter(|| {
            for (path, content) in &files {
                black_box(corpus::read_bytes(path, content, &lexicon.boilerplate).ok());
            }
        })
    });
    group.bench_function("parse (NLP core, line-aware)", |b| {
        b.iter(|| {
            for document in &documents {
                black_box(nlp.process_lines(&parse_text(document)));
            }
        })
    });
    group.bench_function("extract rules (on a given parse)", |b| {
        b.iter(|| {
            for (document, parse) in documents.iter().zip(&parses) {
                black_box(extract(document, parse, &lexicon));
            }
        })
    });
    group.bench_function("extract_document (parse + rules)", |b| {
        b.iter(|| {
            for document in &documents {
                black_box(extract_document(document, &lexicon));
            }
        })
    });
    group.bench_function("document_graph (RDF mapping)", |b| {
        b.iter(|| {
            for (document, found) in documents.iter().zip(&findings) {
                black_box(rdf::document_graph(document, found));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
