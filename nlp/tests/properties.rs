//! Property tests of the whole pipeline: for arbitrary text, [`Pipeline::process`] and
//! [`Pipeline::process_lines`] return a [`Doc`] with a valid structure (`tests/common/mod.rs`
//! checks it; `process_lines` also keeps the whole text and has no sentence over a line break):
//!
//! * token byte ranges in order, not overlapping, non-empty, on char boundaries, slicing the
//!   text to the token's text; char ranges counting the characters before; between tokens only
//!   single spaces, flagged as `whitespace()`; non-empty lemmas;
//! * one head per token, inside the document; following heads from any token reaches a root
//!   without a cycle; `children()` lists exactly the tokens whose head it is;
//! * sentences tiling the document, one root each, no head leaving its sentence;
//! * entities ordered, not overlapping, inside one sentence, never starting on whitespace, and
//!   agreeing with the tokens' IOB tags;
//! * `to_conllu` with ten tab-separated columns per token line, `to_json` that parses.
//!
//! The inputs come from a small deterministic generator (xorshift), not `proptest`: the same
//! cases run on every machine and in every run, without a dependency tree for the workspace,
//! and the generator is biased towards what the tokenizer and the networks find hard (control
//! characters, lone combining marks, emoji sequences, right-to-left scripts, `\r\n`, NBSP and
//! other Unicode spaces, very long words, URLs, abbreviations, entity-like phrases) rather than
//! uniform code points. A failing input is shrunk (chunks of characters removed while it still
//! fails) before it is reported. `DOSSIER_PROPERTY_CASES` sets the number of cases (default
//! 1,000: about four seconds in release).

mod common;

use std::panic::{self, AssertUnwindSafe};
use std::sync::LazyLock;

use dossier_nlp::Pipeline;

static NLP: LazyLock<Pipeline> = LazyLock::new(Pipeline::english);

/// xorshift64, seeded per case.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn char(&mut self) -> char {
        loop {
            let r = self.next();
            let cp = match r % 4 {
                0 => (r >> 8) % 0x80,
                1 => (r >> 8) % 0x800,
                2 => (r >> 8) % 0x1_0000,
                _ => (r >> 8) % 0x11_0000,
            } as u32;
            if let Some(c) = char::from_u32(cp) {
                return c;
            }
        }
    }
}

const WORDS: &[&str] = &[
    "the",
    "The",
    "said",
    "on",
    "Tuesday",
    "that",
    "Russia",
    "would",
    "host",
    "talks",
    "in",
    "Moscow",
    "of",
    "and",
    "a",
    "is",
    "was",
    "Kyiv",
    "capital",
    "Hamas",
    "Israel",
    "agreed",
    "to",
    "ceasefire",
    "President",
    "Biden",
    "Barack",
    "Obama",
    "New",
    "York",
    "Google",
    "Inc",
    "January",
    "2021",
    "minister",
    "forces",
    "attack",
    "it",
    "they",
    "I",
    "you",
    "nothing",
    "gonna",
    "y'",
    "all",
    "ain't",
    "U.N.",
    "EU",
    "NATO",
    "Mr.",
    "Dr.",
    "St.",
    "don't",
    "can't",
    "won't",
    "it's",
    "'s",
    "n't",
    "e.g.",
    "i.e.",
    "etc.",
    "vs.",
    "a.m.",
    "p.m.",
    "U.S.",
    "Zelenskyy",
    "al-Assad",
    "Abu",
    "Dhabi",
    "Xi",
    "Jinping",
    "Côte",
    "d'Ivoire",
    "naïve",
    "café",
    "Straße",
];

const PUNCTUATION: &[&str] = &[
    ".", ",", ";", ":", "!", "?", "'", "\"", "(", ")", "[", "]", "{", "}", "-", "--", "—", "–", "…", "...", "/", "\\",
    "@", "#", "$", "%", "&", "*", "+", "=", "<", ">", "|", "~", "`", "^", "«", "»", "“", "”", "‘", "’", "¿", "¡", "·",
    "•", "§", "°", "€", "£", "¥", "₹",
];

const SPACES: &[&str] = &[
    " ", " ", " ", "  ", "   ", "\n", "\n\n", "\r\n", "\r", "\t", " \t ", "\u{a0}", "\u{2028}", "\u{2029}", "\u{3000}",
    "\u{2009}", "\u{202f}", "\u{85}", "\u{b}", "\u{c}", "\u{1c}", "\u{1f}", " \n ",
];

const INVISIBLE: &[&str] = &[
    "\u{200b}",
    "\u{200c}",
    "\u{200d}",
    "\u{feff}",
    "\u{200e}",
    "\u{200f}",
    "\u{202a}",
    "\u{202b}",
    "\u{202e}",
    "\u{2066}",
    "\u{2069}",
    "\u{ad}",
    "\u{0}",
    "\u{7f}",
    "\u{9f}",
    "\u{fffd}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{10ffff}",
    "\u{e000}",
    "\u{f8ff}",
];

const COMBINING: &[&str] = &["\u{301}", "\u{308}", "\u{327}", "\u{20dd}", "\u{fe0f}", "\u{fe0e}", "\u{1f3fd}"];

const SCRIPTS: &[&str] = &[
    "مرحبا",
    "بالعالم",
    "الرئيس",
    "שלום",
    "עולם",
    "中文",
    "北京",
    "日本語です",
    "한국어",
    "Привет",
    "мир",
    "Москва",
    "Ελλάδα",
    "नमस्ते",
    "ภาษาไทย",
    "ᚠᛇᚻ",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "ﬁ",
    "Ǆ",
    "İstanbul",
    "ß",
    "ﬀ",
    "Ⅻ",
    "①",
    "½",
];

const EMOJI: &[&str] = &["😀", "👍🏽", "👨‍👩‍👧", "🇺🇦", "🇫🇷", "1️⃣", "❤️", "🏳️‍🌈", "🤷‍♀️", ":)", ":-(", "<3", "¯\\_(ツ)_/¯"];

const SHAPES: &[&str] = &[
    "3.5",
    "1,000",
    "$3bn",
    "10%",
    "2024-01-01",
    "12:30",
    "+44 20 7946 0958",
    "http://example.com/a?b=c&d=e",
    "www.x.org",
    "a@b.com",
    "#tag",
    "@user",
    "C++",
    "f(x)",
    "x^2",
    "3×4",
    "A-",
    "-1",
    "1/2",
    "24/7",
    "'90s",
    "rock'n'roll",
    "o'clock",
    "MP3",
    "COVID-19",
    "H2O",
    "B-52",
    "1st",
    "22nd",
];

/// One piece of text of a random kind.
fn fragment(rng: &mut Rng, out: &mut String) {
    match rng.below(20) {
        0..=6 => out.push_str(rng.pick(WORDS)),
        7..=8 => out.push_str(rng.pick(PUNCTUATION)),
        9..=10 => out.push_str(rng.pick(SPACES)),
        11 => out.push_str(rng.pick(INVISIBLE)),
        12 => out.push_str(rng.pick(COMBINING)),
        13 => out.push_str(rng.pick(SCRIPTS)),
        14 => out.push_str(rng.pick(EMOJI)),
        15 => out.push_str(rng.pick(SHAPES)),
        16 => {
            // A control character.
            let c = [rng.below(0x20) as u32, 0x7f + rng.below(0x21) as u32][rng.below(2)];
            out.extend(char::from_u32(c));
        }
        17 => {
            // A long word, sometimes with something inside.
            let len = 20 + rng.below(400);
            let unit = rng.pick(&["a", "x", "é", "中", "-", ".", "'", "ab.", "1", "😀"]);
            for _ in 0..len {
                out.push_str(unit);
            }
        }
        _ => {
            for _ in 0..1 + rng.below(6) {
                out.push(rng.char());
            }
        }
    }
}

/// A random text of up to about 60 fragments, most separated by a space.
fn text(rng: &mut Rng) -> String {
    let mut out = String::new();
    let n = rng.below(60);
    for _ in 0..n {
        fragment(rng, &mut out);
        if rng.below(3) > 0 {
            out.push(' ');
        }
    }
    out
}

/// Runs the pipeline on `text` and checks the result; a panic is an error too.
fn failure(text: &str) -> Option<String> {
    let both = || {
        common::check(&NLP.process(text))?;
        // Line by line: the same structure, the whole text, and no sentence over a line break.
        let lines = NLP.process_lines(text);
        common::check(&lines)?;
        if lines.text() != text {
            return Err("process_lines changed the text".to_string());
        }
        for sentence in lines.sentences() {
            let words: Vec<_> = sentence.tokens().filter(|t| !t.is_space()).collect();
            if let (Some(a), Some(b)) = (words.first(), words.last()) {
                if text[a.byte_range().start..b.byte_range().end].contains('\n') {
                    return Err(format!("process_lines: sentence {:?} runs over a line break", sentence.text()));
                }
            }
        }
        Ok(())
    };
    match panic::catch_unwind(AssertUnwindSafe(both)) {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(e),
        Err(payload) => Some(format!(
            "panic: {}",
            payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("?")
        )),
    }
}

/// Removes chunks of characters from a failing text while it still fails.
fn shrink(text: &str) -> String {
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let mut chars: Vec<char> = text.chars().collect();
    let mut chunk = chars.len().div_ceil(2).max(1);
    loop {
        let mut i = 0;
        while i < chars.len() {
            let mut candidate = chars.clone();
            candidate.drain(i..(i + chunk).min(chars.len()));
            if failure(&candidate.iter().collect::<String>()).is_some() {
                chars = candidate;
            } else {
                i += chunk;
            }
        }
        if chunk == 1 {
            break;
        }
        chunk = chunk.div_ceil(2);
    }
    panic::set_hook(hook);
    chars.into_iter().collect()
}

fn assert_valid(text: &str) {
    if let Some(error) = failure(text) {
        let small = shrink(text);
        let small_error = failure(&small).unwrap_or_default();
        panic!("{error}\n  on {text:?}\n  shrunk to {small:?}: {small_error}");
    }
}

#[test]
fn small_cases() {
    for text in [
        "",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\u{a0}",
        "\u{301}",
        " \u{301}",
        "\u{301}a",
        "a  b",
        " a",
        "a ",
        "\t\ta",
        ".",
        "...",
        "'",
        "\"\"",
        "\u{0}",
        "\u{feff}Hello",
        "U.S.",
        "Mr. Smith went to Washington. He left.",
        "Barack Obama\n\nBarack Obama",
        "مرحبا بالعالم",
        "👨‍👩‍👧 👍🏽",
        "a\r\nb\r\n\r\nc",
    ] {
        assert_valid(text);
    }
}

#[test]
fn random_texts() {
    let cases: usize = std::env::var("DOSSIER_PROPERTY_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000);
    let mut bytes = 0;
    for case in 0..cases {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (case as u64).wrapping_mul(0xbf58_476d_1ce4_e5b9));
        let text = text(&mut rng);
        bytes += text.len();
        assert_valid(&text);
    }
    eprintln!("{cases} texts, {bytes} bytes");
}

#[test]
fn batches_agree_with_one_by_one() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let texts: Vec<String> = (0..40).map(|_| text(&mut rng)).collect();
    let batch = NLP.process_batch(&texts);
    assert_eq!(batch.len(), texts.len());
    for (doc, text) in batch.iter().zip(&texts) {
        assert_eq!(doc.to_json(), NLP.process(text).to_json(), "{text:?}");
    }
}

/// The inputs the `nlp_process` fuzz target found failing (`tests/data/fuzz/nlp_process-*`),
/// read as the target reads them: bytes made UTF-8 lossily.
///
/// * `nlp_process-empty.txt`: the empty text panicked in builds with debug assertions (the
///   matrix product checked the model's width against an empty input's); the product now
///   returns before any check when there is nothing to compute, and checks the widths in every
///   build, as the unchecked `sgemm` after it needs them.
#[test]
fn fuzz_regressions() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("nlp_process-")) {
            let bytes = std::fs::read(&path).unwrap();
            assert_valid(&String::from_utf8_lossy(&bytes));
            seen += 1;
        }
    }
    assert!(seen > 0, "no regression inputs in {}", dir.display());
}
