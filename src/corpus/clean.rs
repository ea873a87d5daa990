//! Telling the article from the page: metadata lines, boilerplate, duplicated captions.
//!
//! Works line by line on the original text and returns byte ranges ([`Block`]s) of what the
//! extractor should read; nothing is rewritten, so offsets stay those of the file.
//!
//! Rules, in order, for each non-blank line:
//! 1. a footer line (see `ontology/boilerplate.tsv`) after some body text ends the article;
//! 2. metadata lines give the publication date and publisher and are not read as prose
//!    ("date 2021-07-09 By Radio Azadi", "October 07, 2021 09:31 pm | Updated ... IST",
//!    "Published September 10th, 2021 at 13:24 IST"); a `date YYYY-MM-DD` prefix followed by
//!    prose keeps the prose;
//! 3. boilerplate lines are dropped (ads, image credits, bylines, share widgets, embeds);
//! 4. a short line repeated on the next line is a photo caption printed twice: both go; a line
//!    repeated later, or that the next paragraph starts with, is a duplicate: it goes;
//! 5. the first remaining line without final punctuation, before any paragraph, is the title;
//!    later short lines without final punctuation are headlines; the rest are paragraphs.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use crate::lexicon::Boilerplate;
use crate::time;

/// What a kept range of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Title,
    Headline,
    Paragraph,
}

/// A kept line (or the prose part of one), as a byte range of the document text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub range: Range<usize>,
    pub kind: BlockKind,
}

/// The result of cleaning a text.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub blocks: Vec<Block>,
    pub title: Option<String>,
    pub published: Option<Date>,
    pub publisher: Option<String>,
}

static DATE_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:date):?\s+(\d{4}-\d{2}-\d{2})(?:[T ][\d:.+Z-]+)?\s*").expect("valid"));
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?(?: \(([A-Z][A-Za-z&.]*(?: [A-Z][A-Za-z&.]*){0,3})\))? ?[-–—:] +(\p{Lu}|“|")"#)
        .expect("valid")
});
/// A dateline with the date: "Istanbul/Athens, 7 December 2023 (dpa/MIA) - Greek and ...".
static DATED_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^[A-Z][\p{L}'.-]+(?:[ /][A-Z][\p{L}'.-]+){0,4}, ([^()\-–—:]{6,30}?) ?(?:\(([^)]{1,40})\) ?)?[-–—:] +(\p{Lu}|“|")"#)
        .expect("valid")
});
const WEEKDAY_NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
static BY_PUBLISHER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:by)\s+([A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,5})\s*$").expect("valid"));
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)(published|updated|last updated|posted|first published)(?-u:\b)\s*(on|at|:)?\s*").expect("valid")
});
static PUBLISHER_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?i:registered user of|subscribers? of|a subscriber to)|©\s*(?:\d{4}\s+)?|(?i:copyright)\s+(?:©\s*)?(?:\d{4}\s+)?)\s*((?:The\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4})")
        .expect("valid")
});

/// Cleans `text` with the given boilerplate rules.
pub fn clean(text: &str, rules: &Boilerplate) -> Cleaned {
    let mut cleaned = Cleaned::default();
    let mut updated: Option<Date> = None;
    let mut candidates: Vec<Range<usize>> = Vec::new();
    let mut furniture: Vec<Range<usize>> = Vec::new();
    let mut seen_body = false;
    let mut in_footer = false;

    for line in trimmed_lines(text) {
        let content = &text[line.clone()];
        if in_footer {
            furniture.push(line);
            continue;
        }
        if seen_body && rules.is_footer(content) {
            in_footer = true;
            furniture.push(line);
            continue;
        }
        if let Some(rest) = metadata_line(content, &mut cleaned, &mut updated) {
            if let Some(offset) = rest {
                let start = line.start + offset;
                if start < line.end {
                    candidates.push(start..line.end);
                    seen_body = true;
                }
            }
            continue;
        }
        if rules.is_boilerplate(content) || rules.is_footer(content) {
            furniture.push(line);
            continue;
        }
        seen_body |= ends_sentence(content) || !at_most_words(content, 40);
        // "TASHKENT (Reuters) - Uzbekistan's ...", "ISLAMABAD: Prime Minister ...": a dateline
        // opens the lead; the prose starts after it, and a wire agency named there published it.
        let mut line = line;
        if let Some(dateline) = DATED_DATELINE.captures(content) {
            if let Some(date) = time::parse_date(&dateline[1]) {
                cleaned.published.get_or_insert(date);
                if let Some(agency) = dateline.get(2) {
                    cleaned.publisher.get_or_insert_with(|| agency.as_str().trim().to_string());
                }
                line.start += dateline.get(3).map_or(0, |m| m.start());
                candidates.push(line);
                continue;
            }
        }
        if let Some(dateline) = DATELINE.captures(content) {
            if let Some(agency) = dateline.get(1) {
                cleaned.publisher.get_or_insert_with(|| agency.as_str().trim().to_string());
            }
            line.start += dateline.get(2).map_or(0, |m| m.start());
        }
        candidates.push(line);
    }

    if cleaned.published.is_none() {
        cleaned.published = updated;
    }
    if cleaned.publisher.is_none() {
        cleaned.publisher = furniture
            .iter()
            .find_map(|range| PUBLISHER_CUE.captures(&text[range.clone()]).map(|c| c[1].trim().to_string()));
    }

    let kept = drop_duplicates(text, &candidates);
    let mut before_paragraphs = true;
    for range in kept {
        let content = &text[range.clone()];
        let headline = !ends_sentence(content) && at_most_words(content, 30);
        let kind = if headline && before_paragraphs && cleaned.title.is_none() {
            cleaned.title = Some(content.to_string());
            BlockKind::Title
        } else if headline {
            BlockKind::Headline
        } else {
            before_paragraphs = false;
            BlockKind::Paragraph
        };
        cleaned.blocks.push(Block { range, kind });
    }
    cleaned
}

/// Recognises a metadata line. Returns `None` if the line is not metadata, `Some(None)` if the
/// whole line is metadata, `Some(Some(offset))` if prose starts at `offset` within the line.
fn metadata_line(line: &str, cleaned: &mut Cleaned, updated: &mut Option<Date>) -> Option<Option<usize>> {
    if let Some(captures) = DATE_PREFIX.captures(line) {
        if cleaned.published.is_none() {
            cleaned.published = time::parse_date(&captures[1]);
        }
        let rest_start = captures.get(0).map_or(line.len(), |m| m.end());
        let rest = &line[rest_start..];
        if let Some(by) = BY_PUBLISHER.captures(rest) {
            cleaned.publisher.get_or_insert_with(|| by[1].to_string());
            return Some(None);
        }
        return Some(Some(rest_start));
    }
    if let Some(stamp) = STAMP.captures(line) {
        let rest = &line[stamp.get(0).map_or(0, |m| m.end())..];
        if at_most_words(line, 16) {
            if let Some(date) = time::parse_date(rest) {
                let published =
                    stamp[1].to_ascii_lowercase().contains("publish") || stamp[1].eq_ignore_ascii_case("posted");
                if published {
                    cleaned.published.get_or_insert(date);
                } else {
                    updated.get_or_insert(date);
                }
                return Some(None);
            }
        }
    }
    // A dateline: a line that starts with a date and carries little else ("July 9, 2021",
    // "October 07, 2021 09:31 pm | Updated 09:31 pm IST - Moscow").
    if at_most_words(line, 16) && !ends_sentence(line) || at_most_words(line, 5) {
        let found = time::find_times(line, None, time::Tense::Past);
        if let Some(first) = found.first() {
            // Only the day of the week before it ("Sunday December 4, 2022").
            let leading = line[..first.range.start].trim().trim_end_matches(',');
            let weekday = WEEKDAY_NAMES.iter().any(|d| leading.eq_ignore_ascii_case(d));
            if (leading.is_empty() || weekday) && first.value.precision == time::Precision::Day {
                cleaned.published.get_or_insert(first.value.date);
                return Some(None);
            }
        }
    }
    None
}

/// Keeps the first of repeated lines, drops a short line printed twice in a row (a caption and
/// its copy), and drops a line that the next kept line starts with (a standfirst repeating the
/// lead).
fn drop_duplicates(text: &str, candidates: &[Range<usize>]) -> Vec<Range<usize>> {
    let normal: Vec<&str> =
        candidates.iter().map(|range| text[range.clone()].trim().trim_end_matches(['.', '!', '?', ':'])).collect();
    let mut kept = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut index = 0;
    while index < candidates.len() {
        let line = &candidates[index];
        let this = normal[index];
        let next = normal.get(index + 1).copied();
        if next == Some(this) && at_most_words(this, 20) {
            // A caption printed twice: skip both (and any further copies).
            let mut skip = index + 1;
            while normal.get(skip) == Some(&this) {
                skip += 1;
            }
            seen.insert(this);
            index = skip;
            continue;
        }
        let repeats_next = next.is_some_and(|n| n.len() > this.len() && restates(this, n));
        if !repeats_next && seen.insert(this) {
            kept.push(line.clone());
        }
        index += 1;
    }
    kept
}

/// Whether `line` restates the start of the longer `next` (a standfirst repeating the lead, maybe
/// shortened at its end: "... announced their new govt." before "... announced their new
/// caretaker government in Afghanistan."): the first eight words or more, and at least three
/// quarters of `line`'s words, are the same.
fn restates(line: &str, next: &str) -> bool {
    fn words(s: &str) -> impl Iterator<Item = &str> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
    }
    let same = |x: &str, y: &str| x.chars().flat_map(char::to_lowercase).eq(y.chars().flat_map(char::to_lowercase));
    let length = words(line).count();
    let common = words(line).zip(words(next)).take_while(|(x, y)| same(x, y)).count();
    (length >= 6 && common == length) || (common >= 8 && common * 4 >= length * 3)
}

/// Byte ranges of the non-blank lines, trimmed of surrounding whitespace.
fn trimmed_lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').filter_map(move |raw| {
        let line_start = start;
        start += raw.len();
        let leading = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        (!trimmed.is_empty()).then(|| line_start + leading..line_start + leading + trimmed.len())
    })
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', '!', '?', '"', '”', '’', '\'', ')', ':', ';'])
}

/// Whether `text` has at most `limit` words (separated by white space); reads no further.
fn at_most_words(text: &str, limit: usize) -> bool {
    text.split_whitespace().nth(limit).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str) -> (Cleaned, Vec<String>) {
        let cleaned = clean(text, &Boilerplate::builtin());
        let lines = cleaned.blocks.iter().map(|b| text[b.range.clone()].to_string()).collect();
        (cleaned, lines)
    }

    #[test]
    fn date_and_publisher_line() {
        let (cleaned, lines) = kept(" date 2021-07-09 By Radio Azadi\n\nJuly 9, 2021\n\nThe talks began.\n\nWith reporting by AFP, AP, Reuters, and TASS\n");
        assert_eq!(cleaned.published.unwrap().to_string(), "2021-07-09");
        assert_eq!(cleaned.publisher.as_deref(), Some("Radio Azadi"));
        assert_eq!(lines, ["The talks began."]);
    }

    #[test]
    fn date_prefix_followed_by_prose_keeps_the_prose() {
        let (cleaned, lines) = kept(" date 2021-10-08 The envoy said on October 7 that talks would follow.\n");
        assert_eq!(cleaned.published.unwrap().to_string(), "2021-10-08");
        assert_eq!(lines, ["The envoy said on October 7 that talks would follow."]);
    }

    #[test]
    fn dateline_title_captions_and_comment_footer() {
        let text = "Moscow invites Taliban to talks\n\nPutin discusses Afghan situation\n\nOctober 07, 2021 09:31 pm | Updated 09:31 pm IST - Moscow\n\n\
                    A soldier in Kabul.\n\nA soldier in Kabul.\n\nRussia will invite the Taliban.\n\n0 / 0\nSign in to unlock member-only benefits!\n  • Access 10 free stories every month\n\
                    Comments\n\nIf you are already a registered user of The Daily Planet and logged in, you may continue.\n";
        let (cleaned, lines) = kept(text);
        assert_eq!(cleaned.title.as_deref(), Some("Moscow invites Taliban to talks"));
        assert_eq!(cleaned.published.unwrap().to_string(), "2021-10-07");
        assert_eq!(cleaned.publisher.as_deref(), Some("The Daily Planet"));
        assert_eq!(
            lines,
            ["Moscow invites Taliban to talks", "Putin discusses Afghan situation", "Russia will invite the Taliban."]
        );
        assert_eq!(cleaned.blocks[1].kind, BlockKind::Headline);
    }

    #[test]
    fn stamps_ads_bylines_and_image_credits() {
        let text = "Updated September 10th, 2021 at 13:24 IST\n\nRussia says it will not negotiate\n\nThe Kremlin said so.\n\nReported by: Jane Roe\nImage: AP  | Image:self\nAdvertisement\n\n\
                    The talks failed.\n\nImage: AP\n\nAdvertisement\n\nPublished September 9th, 2021 at 13:24 IST\n";
        let (cleaned, lines) = kept(text);
        assert_eq!(cleaned.published.unwrap().to_string(), "2021-09-09", "Published wins over Updated");
        assert_eq!(lines, ["Russia says it will not negotiate", "The Kremlin said so.", "The talks failed."]);
    }

    #[test]
    fn standfirst_repeating_the_lead_is_dropped() {
        let text = "Russia to invite Taliban to talks\nRussia will invite the Taliban to take part in talks on Afghanistan, said the envoy\n\
                    Russia will invite the Taliban to take part in talks on Afghanistan, said the envoy. This comes as concerns grow.\n(SAM)\nPost a Comment\nanything after the footer.\n";
        let (_, lines) = kept(text);
        assert_eq!(lines, ["Russia to invite Taliban to talks", "Russia will invite the Taliban to take part in talks on Afghanistan, said the envoy. This comes as concerns grow."]);
    }

    #[test]
    fn a_standfirst_shortening_the_lead_is_dropped() {
        let text = "Talks fail\n\nThe ministry is not planning to negotiate with the rebels, its spokesman said as fighting resumed in the north.\n\n\
                    The ministry is not planning to negotiate with the rebels, its spokesman said as fighting resumed in the northern provinces on Friday.\n";
        let (_, lines) = kept(text);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[1].ends_with("on Friday."));
    }

    #[test]
    fn datelines_open_the_lead() {
        let (cleaned, lines) = kept("Talks in Tashkent\n\nTASHKENT (Reuters) - Uzbekistan met the Taliban.\n\nISLAMABAD: Pakistan agreed.\n\nUS-Russia talks: Both sides met.\n");
        assert_eq!(
            lines,
            [
                "Talks in Tashkent",
                "Uzbekistan met the Taliban.",
                "Pakistan agreed.",
                "US-Russia talks: Both sides met."
            ]
        );
        assert_eq!(cleaned.publisher.as_deref(), Some("Reuters"));
    }

    #[test]
    fn a_date_line_with_its_weekday_and_a_dateline_with_a_colon_give_the_publication_date() {
        let (cleaned, _) = kept("Leaders meet\n\nMonday March 4, 2019\n\nThe two premiers met on Monday.\n");
        assert_eq!(cleaned.published.unwrap().to_string(), "2019-03-04");
        let (cleaned, lines) = kept("Leaders meet\n\nLisbon, March 4, 2019: The two premiers met on Monday.\n");
        assert_eq!(lines, ["Leaders meet", "The two premiers met on Monday."]);
        assert_eq!(cleaned.published.unwrap().to_string(), "2019-03-04");
    }

    #[test]
    fn dated_datelines_give_the_publication_date() {
        let (cleaned, lines) =
            kept("Leaders meet\n\nLisbon/Madrid, 4 March 2019 (Lusa/EFE) - The two premiers met on Monday.\n");
        assert_eq!(lines, ["Leaders meet", "The two premiers met on Monday."]);
        assert_eq!(cleaned.published.unwrap().to_string(), "2019-03-04");
        assert_eq!(cleaned.publisher.as_deref(), Some("Lusa/EFE"));
    }

    #[test]
    fn embedded_tweets_are_furniture() {
        let text = "The envoy spoke.\n\n#BREAKING Russia to invite Taliban to talks pic.twitter.com/9Pze8J9Oot — AFP News Agency (@AFP) October 7, 2021\n\nHe said more.\n";
        let (cleaned, lines) = kept(text);
        assert_eq!(lines, ["The envoy spoke.", "He said more."]);
        assert_eq!(cleaned.publisher, None);
    }
}
