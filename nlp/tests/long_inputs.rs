//! Long and degenerate inputs through the whole pipeline: each must give a structurally valid
//! [`Doc`] (the properties of `tests/common/mod.rs`) with the expected shape, and allocate at
//! most about 2 KB a token at any moment. Nothing here asserts on time; the time of each case,
//! its tokens, sentences and entities, and the most memory allocated while processing it are
//! printed (`cargo test -p dossier-nlp --release --test long_inputs -- --nocapture`).
//! `DOSSIER_LONG_BYTES` (default 1,000,000) sets the size of the big cases.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use dossier_nlp::{Doc, Pipeline};

const FRENCH: &str = "Le président de la République a annoncé mardi à Paris que le gouvernement présenterait \
un projet de loi sur l'énergie avant l'été. « Nous n'avons pas le choix », a-t-il déclaré devant les \
maires réunis à l'Élysée. L'opposition a dénoncé une décision prise « sans concertation ».";

const ARABIC: &str = "أعلن الرئيس المصري يوم الثلاثاء أن القاهرة ستستضيف محادثات بين الطرفين الأسبوع المقبل. \
وقال المتحدث باسم وزارة الخارجية إن الاجتماع سيعقد في العاصمة الجديدة، مضيفاً أن الوفود ستصل يوم الأحد. \
ورحبت الأمم المتحدة بالإعلان.";

const CHINESE: &str = "中国外交部发言人星期二在北京表示，中方愿意与各方一道推动和平谈判。\
他说，双方代表将于下周在上海会面。联合国秘书长对此表示欢迎。";

const RUSSIAN: &str = "Министр иностранных дел России заявил во вторник в Москве, что переговоры продолжатся \
на следующей неделе. По его словам, делегации встретятся в Стамбуле. Представитель ООН приветствовал \
это решение.";

const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "forces",
    "would",
    "attack",
    "village",
    "near",
    "border",
    "and",
    "police",
    "have",
    "arrested",
    "three",
    "men",
    "in",
    "Kabul",
    "after",
    "talks",
    "with",
    "officials",
    "from",
    "Russia",
    "who",
    "had",
    "agreed",
    "to",
    "meet",
    "again",
    "next",
    "week",
    "despite",
    "protests",
    "by",
    "farmers",
];

/// Words from a small vocabulary, separated by single spaces, without punctuation, until the
/// text has at least `bytes` bytes.
fn words(bytes: usize, seed: u64) -> String {
    let mut out = String::with_capacity(bytes + 16);
    let mut x = seed;
    while out.len() < bytes {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.push_str(WORDS[(x % WORDS.len() as u64) as usize]);
        out.push(' ');
    }
    out.pop();
    out
}

/// One long sentence: a chain of relative clauses and coordinations, `tokens` tokens or so.
fn long_sentence(tokens: usize) -> String {
    let parts = [
        "the minister who met the officials",
        "that the police had questioned",
        "and the farmers whose fields the forces crossed",
        ", said that",
    ];
    let mut out = String::from("Yesterday");
    let mut n = 1;
    let mut k = 0;
    while n < tokens {
        let part = parts[k % parts.len()];
        out.push(' ');
        out.push_str(part);
        n += part.split(' ').count();
        k += 1;
    }
    out.push('.');
    out
}

/// The system allocator, counting the bytes allocated now and at most since [`Counting::reset`]:
/// what processing one text takes, whatever the allocator keeps of earlier cases.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on unchanged to the system allocator, which upholds
// `GlobalAlloc`'s contract; the counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's `layout` is valid for `alloc`, as `GlobalAlloc::alloc` requires.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        // SAFETY: `p` was allocated by `System` (through `alloc`/`realloc` above) with `layout`.
        unsafe { System.dealloc(p, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        // SAFETY: `p` was allocated by `System` with `layout`; `size` is the caller's valid new size.
        let q = unsafe { System.realloc(p, layout, size) };
        if !q.is_null() {
            if size >= layout.size() {
                let now = NOW.fetch_add(size - layout.size(), Ordering::Relaxed) + size - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                NOW.fetch_sub(layout.size() - size, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

impl Counting {
    /// Starts a measurement; returns the bytes allocated now.
    fn reset() -> usize {
        let now = NOW.load(Ordering::Relaxed);
        PEAK.store(now, Ordering::Relaxed);
        now
    }

    /// The most allocated since `reset`, above what was allocated then.
    fn peak_since(base: usize) -> usize {
        PEAK.load(Ordering::Relaxed).saturating_sub(base)
    }
}

fn run(nlp: &Pipeline, name: &str, text: &str) -> Doc {
    let base = Counting::reset();
    let started = Instant::now();
    let doc = nlp.process(text);
    let secs = started.elapsed().as_secs_f64();
    let peak = Counting::peak_since(base) as f64 / 1e6;
    if let Err(e) = common::check(&doc) {
        panic!("{name}: {e}");
    }
    eprintln!(
        "{name:>26}: {:>9} bytes {:>8} tokens {:>7} sentences {:>6} entities {secs:>7.3} s  peak {:>7.1} MB",
        text.len(),
        doc.len(),
        doc.sentences().count(),
        doc.entities().len(),
        peak
    );
    // Memory, unlike time, is deterministic: about 0.9 KB a token is needed; feature rows kept
    // for every token (4 KB each) or an encoder not working in blocks (5 KB) would fail here.
    let bound = 16e6 + 2_000.0 * doc.len() as f64 + 16.0 * text.len() as f64;
    assert!(peak * 1e6 <= bound, "{name}: {peak:.1} MB allocated at most, above {:.1} MB", bound / 1e6);
    doc
}

#[test]
fn long_and_degenerate_inputs() {
    let bytes: usize = std::env::var("DOSSIER_LONG_BYTES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let nlp = Pipeline::english();

    let doc = run(&nlp, "empty", "");
    assert!(doc.is_empty() && doc.sentences().count() == 0 && doc.entities().len() == 0);
    assert_eq!(doc.to_conllu("x"), "");

    let spaces = " \t\n\u{a0}\r\n\u{2028}  \u{3000}".repeat(bytes / 100);
    let doc = run(&nlp, "only whitespace", &spaces);
    assert!(doc.tokens().all(|t| t.is_space()));
    assert_eq!(doc.entities().len(), 0);

    let doc = run(&nlp, "200,000 newlines", &"\n".repeat(200_000));
    assert!(!doc.is_empty() && doc.tokens().all(|t| t.is_space()));

    let lines = "x\n".repeat(200_000);
    let doc = run(&nlp, "200,000 lines", &lines);
    assert_eq!(doc.len(), 400_000);

    let text = words(bytes, 0x9e37_79b9_7f4a_7c15);
    let doc = run(&nlp, "1 MB of words, no punct.", &text);
    assert_eq!(doc.len(), text.split(' ').count());

    let text = long_sentence(50_000);
    let doc = run(&nlp, "a 50,000-token sentence", &text);
    assert!(doc.len() >= 50_000);

    let text = "a".repeat(bytes);
    let doc = run(&nlp, "1 MB of one letter", &text);
    assert_eq!(doc.len(), 1);

    let text = "Kabul,said.the-minister/3.5%(forces)".repeat(bytes / 36);
    let doc = run(&nlp, "1 MB without whitespace", &text);
    assert!(doc.len() > 1);

    for (name, paragraph) in [("French", FRENCH), ("Arabic", ARABIC), ("Chinese", CHINESE), ("Russian", RUSSIAN)] {
        let doc = run(&nlp, name, paragraph);
        assert!(doc.sentences().count() >= 1);
        run(&nlp, &format!("{name}, 1,000 times"), &[paragraph; 1000].join("\n\n"));
    }
}
