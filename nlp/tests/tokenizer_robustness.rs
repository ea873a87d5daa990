//! The tokenizer on hostile input: it must not panic, must cover the text exactly, and must stay
//! fast on long strings without spaces. Set `DOSSIER_ROBUSTNESS_BYTES` (default 100,000) for
//! bigger inputs; the time of each case is printed (`-- --nocapture`).

use std::path::PathBuf;
use std::time::Instant;

use dossier_nlp::tokenizer::{Token, Tokenizer};

fn tokenizer() -> Tokenizer {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../models/en_core_web_sm-3.8.0/tokenizer.json");
    Tokenizer::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Tokens are in order, not empty, on character boundaries, and together with their single
/// trailing spaces spell the text.
fn check_cover(text: &str, tokens: &[Token<'_>]) {
    let mut pos = 0;
    for t in tokens {
        assert_eq!(t.start, pos, "gap or overlap at {pos}");
        assert!(t.end > t.start && text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        pos = t.end;
        if t.space_after {
            assert_eq!(&text[pos..pos + 1], " ");
            pos += 1;
        }
    }
    assert_eq!(pos, text.len());
}

/// A small deterministic generator (xorshift), to need no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn char(&mut self) -> char {
        loop {
            let r = self.next();
            let cp = match r % 4 {
                0 => (r >> 8) % 0x80,
                1 => (r >> 8) % 0x3000,
                2 => (r >> 8) % 0x1_0000,
                _ => (r >> 8) % 0x11_0000,
            } as u32;
            if let Some(c) = char::from_u32(cp) {
                return c;
            }
        }
    }
}

#[test]
fn hostile_inputs() {
    let n: usize = std::env::var("DOSSIER_ROBUSTNESS_BYTES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let tok = tokenizer();
    let repeat = |unit: &str| unit.repeat(n / unit.len().max(1));
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let random: String = (0..n / 3).map(|_| rng.char()).collect();
    let random_no_space: String = random.chars().filter(|&c| !dossier_nlp::pyunicode::is_space(c)).collect();
    let cases: Vec<(&str, String)> = vec![
        ("letters", repeat("a")),
        ("close brackets", repeat(")")),
        ("open and close", format!("{}x{}", "(".repeat(n / 2), ")".repeat(n / 2))),
        ("quotes", repeat("'")),
        ("dots", repeat(".")),
        ("dots inside", format!("a{}a", repeat("."))),
        ("ellipses inside", format!("a{}a", repeat("…"))),
        ("hyphens inside", format!("a{}a", repeat("-"))),
        ("hyphenated", repeat("a-")),
        ("numbers", repeat("1+")),
        ("abbreviations", repeat("U.S.")),
        ("url", format!("http://example.com/{}", repeat("a/"))),
        ("at signs", repeat("a@")),
        ("colons", repeat("a:")),
        ("emoji", repeat("😀")),
        ("combining", repeat("e\u{301}")),
        ("newlines", repeat("\n")),
        ("mixed spaces", repeat(" \t\u{a0}\u{2028}")),
        ("words", repeat("don't (a.m.) U.S.-led $3.5bn, ")),
        ("random", random),
        ("random without spaces", random_no_space),
        ("controls", (0u8..32).map(char::from).collect::<String>().repeat(n / 32)),
    ];
    for (name, text) in &cases {
        let started = Instant::now();
        let tokens = tok.tokenize(text);
        let secs = started.elapsed().as_secs_f64();
        check_cover(text, &tokens);
        eprintln!("{name:>22}: {:>8} bytes, {:>7} tokens, {secs:.3} s", text.len(), tokens.len());
    }
    for s in ["", " ", "\u{0}", "\u{10FFFF}", "'", "\n\n", "a\u{301}", "\u{feff}"] {
        check_cover(s, &tok.tokenize(s));
    }
}
