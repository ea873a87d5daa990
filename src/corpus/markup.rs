//! A linear pass over HTML markup: how deeply its elements nest, and its plain text.
//!
//! HTML parsers and Readability take time that grows with the square of the nesting depth
//! (html5ever looks through the stack of open elements at each start tag; Readability counts the
//! text under each element), so 100,000 nested `<div>`s do not finish. Before a page is parsed,
//! [`depth`] measures its nesting in one pass without building a tree; a page nested deeper than
//! [`super::MAX_HTML_DEPTH`] is read by [`plain_text`] instead, also in one pass.
//!
//! ```
//! use dossier::corpus::markup;
//!
//! let html = "<html><body><div><p>Iran sent aid.<br>Kabul welcomed it.</div></body></html>";
//! assert_eq!(markup::depth(html), 3);
//! let (text, title) = markup::plain_text(html);
//! assert_eq!(text, "Iran sent aid.\nKabul welcomed it.\n");
//! assert_eq!(title, None);
//! ```

/// Elements that never hold others.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Elements whose end tag may be left out (a new `<p>` closes the open one): not counted, so
/// that a page of unclosed paragraphs does not look deep. They cannot nest in themselves.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "rtc", "thead", "tbody", "tfoot",
    "colgroup", "caption",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];

/// Elements whose content is not text a reader sees.
const HIDDEN: &[&str] = &["head", "template", "svg", "math", "select", "object"];

/// Elements that end a block of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "body",
];

/// One piece of markup.
enum Token<'a> {
    /// A start tag: its name (lower case) and whether it ends with `/>`.
    Open(&'a str, bool),
    Close(&'a str),
    /// Text between tags, entities not yet decoded.
    Text(&'a str),
    /// The raw content of a raw-text element (`<script>`, `<title>`, ...), named.
    Raw(&'a str, &'a str),
}

/// Calls `each` on the tokens of `html` in order, in one pass.
fn tokens<'a>(html: &'a str, lower: &'a str, mut each: impl FnMut(Token<'a>)) {
    let bytes = lower.as_bytes();
    let mut at = 0;
    let find = |from: usize, needle: &str| lower[from..].find(needle).map(|i| from + i);
    while at < bytes.len() {
        if bytes[at] != b'<' {
            let end = find(at, "<").unwrap_or(bytes.len());
            each(Token::Text(&html[at..end]));
            at = end;
            continue;
        }
        let next = bytes.get(at + 1).copied().unwrap_or(0);
        if lower[at..].starts_with("<!--") {
            at = find(at + 4, "-->").map_or(bytes.len(), |i| i + 3);
        } else if next == b'!' || next == b'?' {
            at = find(at, ">").map_or(bytes.len(), |i| i + 1);
        } else if next == b'/' && bytes.get(at + 2).is_some_and(u8::is_ascii_alphabetic) {
            let name_end = name_end(bytes, at + 2);
            each(Token::Close(&lower[at + 2..name_end]));
            at = find(name_end, ">").map_or(bytes.len(), |i| i + 1);
        } else if next.is_ascii_alphabetic() {
            let name_end = name_end(bytes, at + 1);
            let name = &lower[at + 1..name_end];
            // Attributes, with quoted values that may hold '>'.
            let (mut end, mut quote) = (name_end, None);
            while end < bytes.len() {
                match (quote, bytes[end]) {
                    (None, b'>') => break,
                    (None, q @ (b'"' | b'\'')) => quote = Some(q),
                    (Some(q), c) if c == q => quote = None,
                    _ => {}
                }
                end += 1;
            }
            let self_closing = end > name_end && bytes[end - 1] == b'/';
            at = (end + 1).min(bytes.len());
            each(Token::Open(name, self_closing));
            if RAW_TEXT.contains(&name) && !self_closing {
                let close = format!("</{name}");
                let raw_end = if name == "plaintext" { bytes.len() } else { find(at, &close).unwrap_or(bytes.len()) };
                each(Token::Raw(name, &html[at..raw_end]));
                each(Token::Close(name));
                at = find(raw_end, ">").map_or(bytes.len(), |i| i + 1);
            }
        } else {
            each(Token::Text(&html[at..at + 1]));
            at += 1;
        }
    }
}

fn name_end(bytes: &[u8], from: usize) -> usize {
    let mut end = from;
    while end < bytes.len() && !matches!(bytes[end], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
        end += 1;
    }
    end
}

/// How deeply the elements of `html` nest, counted in one pass without building a tree.
///
/// Void elements and elements whose end tag may be left out (`p`, `li`, `td`, ...) are not
/// counted; `<x/>` opens an element as an HTML parser does, except inside `<svg>` and `<math>`.
pub fn depth(html: &str) -> usize {
    let lower = html.to_ascii_lowercase();
    let (mut depth, mut deepest, mut foreign) = (0usize, 0usize, 0usize);
    tokens(html, &lower, |token| match token {
        Token::Open(name, self_closing) => {
            if VOID.contains(&name) || OPTIONAL_END.contains(&name) || RAW_TEXT.contains(&name) {
                return;
            }
            if self_closing && foreign > 0 {
                return;
            }
            if name == "svg" || name == "math" {
                foreign += 1;
            }
            depth += 1;
            deepest = deepest.max(depth);
        }
        Token::Close(name) => {
            if VOID.contains(&name) || OPTIONAL_END.contains(&name) || RAW_TEXT.contains(&name) {
                return;
            }
            if name == "svg" || name == "math" {
                foreign = foreign.saturating_sub(1);
            }
            depth = depth.saturating_sub(1);
        }
        Token::Text(_) | Token::Raw(..) => {}
    });
    deepest
}

/// The text of `html` a reader sees (scripts, styles, the head and forms' options left out),
/// blocks separated by blank lines and `<br>` by a line break, whitespace collapsed, and the
/// page's `<title>`. One pass, whatever the nesting.
pub fn plain_text(html: &str) -> (String, Option<String>) {
    let lower = html.to_ascii_lowercase();
    let mut text = String::new();
    let mut title: Option<String> = None;
    let mut hidden = 0usize;
    let end_block = |text: &mut String| {
        let kept = text.trim_end_matches(' ').len();
        text.truncate(kept);
        if !text.is_empty() && !text.ends_with("\n\n") {
            text.push_str(if text.ends_with('\n') { "\n" } else { "\n\n" });
        }
    };
    tokens(html, &lower, |token| match token {
        Token::Open(name, self_closing) => {
            if HIDDEN.contains(&name) && !self_closing {
                hidden += 1;
            } else if name == "br" && hidden == 0 {
                let kept = text.trim_end_matches(' ').len();
                text.truncate(kept);
                text.push('\n');
            } else if BLOCKS.contains(&name) && hidden == 0 {
                end_block(&mut text);
            }
        }
        Token::Close(name) => {
            if HIDDEN.contains(&name) {
                hidden = hidden.saturating_sub(1);
            } else if BLOCKS.contains(&name) && hidden == 0 {
                end_block(&mut text);
            }
        }
        Token::Raw("title", raw) if title.is_none() => {
            title = Some(collapse(&decode_entities(raw))).filter(|t| !t.is_empty());
        }
        Token::Raw("textarea", raw) if hidden == 0 => push_words(&mut text, &decode_entities(raw)),
        Token::Raw(..) => {}
        Token::Text(raw) if hidden == 0 => push_words(&mut text, &decode_entities(raw)),
        Token::Text(_) => {}
    });
    let body = text.trim_end();
    (if body.is_empty() { String::new() } else { format!("{body}\n") }, title)
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Appends `piece` to `text` with whitespace collapsed to single spaces (none at a line start).
fn push_words(text: &mut String, piece: &str) {
    let starts_spaced = piece.starts_with(char::is_whitespace);
    for (index, word) in piece.split_whitespace().enumerate() {
        let at_line_start = text.is_empty() || text.ends_with('\n');
        if !at_line_start && (index > 0 || starts_spaced) && !text.ends_with(' ') {
            text.push(' ');
        }
        text.push_str(word);
    }
    if piece.ends_with(char::is_whitespace) && !piece.trim().is_empty() {
        text.push(' ');
    }
}

/// Decodes the character references of text: numeric ones and the common named ones (`&amp;`,
/// `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`); others are kept as written.
fn decode_entities(raw: &str) -> std::borrow::Cow<'_, str> {
    if !raw.contains('&') {
        return raw.into();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(|c: char| !c.is_ascii_alphanumeric() && c != '#').map_or(rest.len(), |i| i + 1);
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => name.strip_prefix('#').and_then(|number| {
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => number.parse().ok(),
                };
                code.and_then(char::from_u32)
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_what_nests() {
        assert_eq!(depth("<div><div><span>x</span></div></div>"), 3);
        // Unclosed paragraphs and list items, void elements, comments, raw text: flat.
        assert_eq!(depth(&"<p>para".repeat(1000)), 0);
        assert_eq!(depth(&"<li>item<br><img src='a>b'>".repeat(1000)), 0);
        assert_eq!(depth("<!-- <div><div> --><script>if (a<b) { '<div>' }</script><div></div>"), 1);
        // `<div/>` opens a div in HTML; `<path/>` in SVG does not.
        assert_eq!(depth(&"<div/>".repeat(100)), 100);
        assert_eq!(depth(&format!("<svg>{}</svg>", "<path d='M0'/>".repeat(100))), 1);
        assert_eq!(depth(&format!("{}x{}", "<div>".repeat(100_000), "</div>".repeat(100_000))), 100_000);
    }

    #[test]
    fn plain_text_keeps_what_a_reader_sees() {
        let html = "<html><head><title>Talks &amp; aid</title><style>p { x: 1 }</style></head>\
            <body><nav>Home</nav><h1>Talks</h1><p>Russia will  invite the <b>Taliban</b>\n to talks.<p>Aid&nbsp;&#8212; &#x41;&unknown; follows.<br>More.\
            <script>var a = '<p>';</script><select><option>Pick</option></select></body></html>";
        let (text, title) = plain_text(html);
        assert_eq!(title.as_deref(), Some("Talks & aid"));
        assert_eq!(
            text,
            "Home\n\nTalks\n\nRussia will invite the Taliban to talks.\n\nAid \u{2014} A&unknown; follows.\nMore.\n"
        );
    }
}
