//! Text from documents made safe to show: control characters replaced on the way out.
//!
//! A document may hold terminal escape sequences (`ESC [2J` clears the screen, `ESC ]0;...BEL`
//! sets the window title) or carriage returns that overwrite what was printed. [`Sanitized`]
//! wraps a writer and replaces every C0 control character but line feed and tab with its
//! Unicode control picture (`ESC` becomes `␛`, U+241B), DEL with `␡`, a carriage return not
//! followed by a line feed with `␍`, and the C1 controls (U+0080 to U+009F, which some terminals
//! also obey) with U+FFFD. The binary writes through it on a terminal, and always in CSV and TSV.
//!
//! ```
//! use std::io::Write;
//! use dossier::sanitize::Sanitized;
//!
//! let mut out = Sanitized::new(Vec::new(), true);
//! write!(out, "Putin said \"\x1b[2J\x1b]0;pwned\x07 ok\" on Monday.\r\n")?;
//! out.flush()?;
//! assert_eq!(String::from_utf8(out.into_inner()?).unwrap(), "Putin said \"␛[2J␛]0;pwned␇ ok\" on Monday.\r\n");
//! # Ok::<(), std::io::Error>(())
//! ```

use std::io::{self, Write};

/// A writer that replaces control characters (see the module documentation), or passes
/// everything through when not `active`.
pub struct Sanitized<W: Write> {
    inner: W,
    active: bool,
    /// A byte held back until the next one tells what it starts: `\r` (a line end if `\n`
    /// follows) or 0xC2 (a C1 control if 0x80..=0x9F follows).
    held: Option<u8>,
}

impl<W: Write> Sanitized<W> {
    /// Wraps `inner`; with `active` false, bytes pass through unchanged.
    pub fn new(inner: W, active: bool) -> Sanitized<W> {
        Sanitized { inner, active, held: None }
    }

    /// Writes what is held back and returns the inner writer.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.release()?;
        Ok(self.inner)
    }

    fn release(&mut self) -> io::Result<()> {
        match self.held.take() {
            Some(b'\r') => self.inner.write_all("\u{240D}".as_bytes()),
            Some(byte) => self.inner.write_all(&[byte]),
            None => Ok(()),
        }
    }
}

/// The visible stand-in for a control byte (below 0x20, or DEL).
fn picture(byte: u8) -> char {
    if byte == 0x7F {
        '\u{2421}'
    } else {
        char::from_u32(0x2400 + u32::from(byte)).unwrap_or('\u{FFFD}')
    }
}

impl<W: Write> Write for Sanitized<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.active {
            return self.inner.write(buf);
        }
        let mut clean_from = 0;
        for (index, &byte) in buf.iter().enumerate() {
            match self.held.take() {
                Some(b'\r') if byte == b'\n' => {
                    self.inner.write_all(b"\r")?;
                }
                Some(0xC2) if (0x80..=0x9F).contains(&byte) => {
                    self.inner.write_all("\u{FFFD}".as_bytes())?;
                    clean_from = index + 1;
                    continue;
                }
                Some(held) => {
                    self.held = Some(held);
                    self.release()?;
                }
                None => {}
            }
            let unsafe_byte = (byte < 0x20 && byte != b'\n' && byte != b'\t') || byte == 0x7F || byte == 0xC2;
            if !unsafe_byte {
                continue;
            }
            self.inner.write_all(&buf[clean_from..index])?;
            clean_from = index + 1;
            match byte {
                b'\r' | 0xC2 => self.held = Some(byte),
                _ => {
                    let mut utf8 = [0; 4];
                    self.inner.write_all(picture(byte).encode_utf8(&mut utf8).as_bytes())?;
                }
            }
        }
        self.inner.write_all(&buf[clean_from..])?;
        Ok(buf.len())
    }

    /// Writes a held byte too (a carriage return as `␍`): flush at the end of the output.
    fn flush(&mut self) -> io::Result<()> {
        self.release()?;
        self.inner.flush()
    }
}

/// `text` with its control characters replaced as [`Sanitized`] does.
///
/// ```
/// assert_eq!(dossier::sanitize::clean("a\x1b[31mb\u{9b}c"), "a␛[31mb\u{FFFD}c");
/// ```
pub fn clean(text: &str) -> String {
    let mut out = Sanitized::new(Vec::new(), true);
    out.write_all(text.as_bytes()).expect("writing to a Vec never fails");
    String::from_utf8(out.into_inner().expect("writing to a Vec never fails")).expect("only whole characters replaced")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Split at every byte, the output is the same: held bytes cross write boundaries.
    #[test]
    fn controls_are_replaced_across_writes() {
        let text = "x\x1b]0;t\x07\r\ny\rz\u{85}é\u{9f}\x7f\tend\r";
        let expected = "x␛]0;t␇\r\ny␍z\u{FFFD}é\u{FFFD}␡\tend␍";
        assert_eq!(clean(text), expected);
        let mut out = Sanitized::new(Vec::new(), true);
        for byte in text.as_bytes() {
            assert_eq!(out.write(std::slice::from_ref(byte)).unwrap(), 1);
        }
        assert_eq!(String::from_utf8(out.into_inner().unwrap()).unwrap(), expected);
        let mut passthrough = Sanitized::new(Vec::new(), false);
        passthrough.write_all(text.as_bytes()).unwrap();
        assert_eq!(passthrough.into_inner().unwrap(), text.as_bytes());
    }
}
