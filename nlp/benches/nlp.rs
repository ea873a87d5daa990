//! Speed of the pipeline on the seeds and dev articles of the parity fixture
//! (`tests/data/parity/texts/{seeds,dev}`: 35 news articles, 11,821 tokens), in tokens per
//! second: the whole pipeline on one thread and on a rayon pool of two (`process_batch`), then
//! each stage on one thread, from the previous stage's output.
//!
//! ```text
//! cargo bench -p dossier-nlp --bench nlp [-- FILTER]
//! ```
//!
//! `scripts/bench_nlp.sh` compares the whole pipeline with Python spaCy on the same machine.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier_nlp::{stages, Pipeline};

/// The texts, in path order.
fn texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/parity/texts");
    let mut files = Vec::new();
    for source in ["seeds", "dev"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(source))
            .expect("the parity fixture's texts")
            .map(|e| e.expect("a directory entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        files.extend(paths);
    }
    files.iter().map(|p| std::fs::read_to_string(p).expect("a UTF-8 text")).collect()
}

fn bench(c: &mut Criterion) {
    let nlp = Pipeline::english();
    let texts = texts();
    let features: Vec<_> = texts.iter().map(|t| stages::features(&nlp, t)).collect();
    let tokens: usize = features.iter().map(|f| f.len()).sum();
    let vectors: Vec<_> = features.iter().map(|f| stages::encode(&nlp, f)).collect();
    let parsed: Vec<_> = features.iter().zip(&vectors).map(|(f, v)| stages::parse(&nlp, f, v)).collect();
    let ner_vectors: Vec<_> = features.iter().map(|f| stages::ner_encode(&nlp, f)).collect();
    let two = rayon::ThreadPoolBuilder::new().num_threads(2).build().expect("a pool of two threads");

    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Elements(tokens as u64));
    group.sample_size(10).warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(10));
    group.bench_function("1 thread", |b| b.iter(|| texts.iter().map(|t| nlp.process(t).len()).sum::<usize>()));
    group.bench_function("2 threads", |b| b.iter(|| two.install(|| nlp.process_batch(&texts).len())));
    group.finish();

    let mut group = c.benchmark_group("stage");
    group.throughput(Throughput::Elements(tokens as u64));
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(6));
    group.bench_function("tokenizer + features", |b| {
        b.iter(|| texts.iter().map(|t| stages::features(&nlp, t).len()).sum::<usize>())
    });
    group.bench_function("encoder", |b| {
        b.iter(|| {
            for f in &features {
                black_box(stages::encode(&nlp, f));
            }
        })
    });
    group.bench_function("tagger", |b| {
        b.iter(|| features.iter().zip(&vectors).map(|(f, v)| stages::tag(&nlp, f, v).len()).sum::<usize>())
    });
    group.bench_function("parser", |b| {
        b.iter(|| {
            for (f, v) in features.iter().zip(&vectors) {
                black_box(stages::parse(&nlp, f, v));
            }
        })
    });
    group.bench_function("ner encoder", |b| {
        b.iter(|| {
            for f in &features {
                black_box(stages::ner_encode(&nlp, f));
            }
        })
    });
    group.bench_function("ner", |b| {
        b.iter(|| {
            features
                .iter()
                .zip(&ner_vectors)
                .zip(&parsed)
                .map(|((f, v), p)| stages::recognise(&nlp, f, v, p))
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
