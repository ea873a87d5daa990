//! Sentence splitting with byte offsets into the original text.
//!
//! Paragraphs go through `sentencex` (Wikimedia's rule-based segmenter, which knows "Mr.",
//! "U.S." and "Oct. 20"); titles and headlines are one sentence each. A quotation that runs over
//! several sentences and is attributed after it closes (`"A. B. C," he said.`) is kept as one
//! sentence, so the attribution reaches the whole quote.

use std::ops::Range;

use super::clean::{Block, BlockKind};

/// Where a sentence stands in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SentenceKind {
    Title,
    Headline,
    Body,
}

/// One sentence: a byte range of the document text, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub range: Range<usize>,
    pub kind: SentenceKind,
}

/// Splits the kept blocks of `text` into sentences.
pub fn split(text: &str, blocks: &[Block]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    for block in blocks {
        let kind = match block.kind {
            BlockKind::Title => SentenceKind::Title,
            BlockKind::Headline => SentenceKind::Headline,
            BlockKind::Paragraph => SentenceKind::Body,
        };
        if kind != SentenceKind::Body {
            sentences.push(Sentence { range: block.range.clone(), kind });
            continue;
        }
        let paragraph = &text[block.range.clone()];
        let mut pieces: Vec<Range<usize>> = Vec::new();
        for boundary in sentencex::get_sentence_boundaries("en", paragraph) {
            let piece = &paragraph[boundary.start_byte..boundary.end_byte];
            let leading = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if trimmed.is_empty() {
                continue;
            }
            let start = block.range.start + boundary.start_byte + leading;
            pieces.push(start..start + trimmed.len());
        }
        for range in join_open_quotes(text, pieces) {
            sentences.push(Sentence { range, kind });
        }
    }
    sentences
}

/// Joins sentences while a double quotation mark opened in them is still open.
fn join_open_quotes(text: &str, pieces: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut joined: Vec<Range<usize>> = Vec::new();
    let mut open = false;
    for piece in pieces {
        let balance = quote_balance(&text[piece.clone()]);
        match joined.last_mut() {
            Some(last) if open => {
                last.end = piece.end;
                open = quote_balance(&text[last.clone()]) != 0;
            }
            _ => {
                open = balance != 0;
                joined.push(piece);
            }
        }
    }
    joined
}

/// Opening minus closing double quotes (straight quotes count as toggles).
fn quote_balance(sentence: &str) -> i32 {
    let curly = sentence.matches('“').count() as i32 - sentence.matches('”').count() as i32;
    let straight = sentence.matches('"').count() as i32 % 2;
    curly + straight
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let blocks = vec![Block { range: 0..text.len(), kind: BlockKind::Paragraph }];
        split(text, &blocks).into_iter().map(|s| &text[s.range]).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("Mr. Putin met Gen. Smith on Oct. 20 in the U.S. capital. Then he left."),
            ["Mr. Putin met Gen. Smith on Oct. 20 in the U.S. capital.", "Then he left."]
        );
    }

    #[test]
    fn quotes_spanning_sentences_stay_whole() {
        assert_eq!(
            sentences("\"A threat can emanate from there. We have talked about this. This is drug trafficking,\" Peskov said. Next."),
            ["\"A threat can emanate from there. We have talked about this. This is drug trafficking,\" Peskov said.", "Next."]
        );
        assert_eq!(
            sentences("“We received assurances. They will not attack,” the Ministry said. Next."),
            ["“We received assurances. They will not attack,” the Ministry said.", "Next."]
        );
    }

    #[test]
    fn offsets_slice_back() {
        let text = "  First one.   Second one?  ";
        let blocks = vec![Block { range: 2..26, kind: BlockKind::Paragraph }];
        for s in split(text, &blocks) {
            assert_eq!(text[s.range.clone()].trim(), &text[s.range]);
        }
    }
}
