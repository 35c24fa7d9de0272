//! The JSON this crate reads and writes, in one place: results (`result`, postMessage data),
//! mediatopic attachments, and the emulator's replies.
//!
//! Reading is strict RFC 8259: one value, no trailing commas or comments, no leading zeros,
//! control characters in strings refused, `\u` escapes checked (a lone surrogate is an error),
//! nesting bounded by [`MAX_DEPTH`] so hostile input cannot exhaust the stack. [`Reader`] pulls
//! one token at a time and hands out strings borrowed from the input when they have no escapes;
//! [`Value`] is a tree built on it, which keeps object members in the order received and
//! numbers as their exact text, so that what is read writes back unchanged.
//!
//! Writing is compact, with strings escaped exactly as JavaScript's `JSON.stringify` (and
//! `serde_json`) do: `"` and `\` escaped, `\b \f \n \r \t` by name, other control characters as
//! `\u00xx` in lowercase hex, everything else as it is. OK's JS SDK signs what
//! `JSON.stringify` writes, so the same bytes come out of here.
//!
//! A hand-written reader rather than `serde_json`: the runtime then builds without the serde
//! stack (most of its cold compile time), and the result reader can verify a redirect with no
//! intermediate values at all.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// How deeply arrays and objects may nest: what `serde_json` allows (its recursion limit of
/// 128 counts the level that fails), far more than any attachment or result needs.
pub(crate) const MAX_DEPTH: usize = 127;

/// Why a text is not the JSON expected, and where: line and column count from 1, the column in
/// characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    reason: &'static str,
    line: usize,
    column: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.reason, self.line, self.column
        )
    }
}

impl std::error::Error for SyntaxError {}

/// What the next value is, told by its first byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// Where the text of a string read by [`Reader::string_at`] is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum StringText {
    /// In the input, between the string's quotes, as it is: it has no escapes.
    Input(Range<usize>),
    /// Unescaped, appended to the caller's buffer, at this range of it.
    Appended(Range<usize>),
}

/// A pull reader over one JSON text.
///
/// Containers are walked with [`begin_object`](Self::begin_object) /
/// [`next_key`](Self::next_key) and [`begin_array`](Self::begin_array) /
/// [`next_item`](Self::next_item); each key or item is followed by exactly one value read
/// with [`peek`](Self::peek) and one of the value methods. [`finish`](Self::finish) checks
/// that nothing but whitespace follows the top-level value.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
    /// Whether the innermost open container has had no member yet (no `,` expected).
    first: bool,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self {
            text,
            pos: 0,
            depth: 0,
            first: true,
        }
    }

    /// An error at the current position, or at the start of the character it falls inside
    /// (a bad escape, `\é`, is found one byte into its character). Out of line: it is never on
    /// the way of valid input.
    #[cold]
    #[inline(never)]
    pub(crate) fn error(&self, reason: &'static str) -> SyntaxError {
        let mut end = self.pos.min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &self.text[..end];
        let line_start = before.rfind('\n').map_or(0, |at| at + 1);
        SyntaxError {
            reason,
            line: before.bytes().filter(|&byte| byte == b'\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }

    #[inline]
    fn byte(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    #[inline]
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.byte() {
            self.pos += 1;
        }
    }

    /// Skips whitespace and consumes `expected`, or fails with `reason`.
    #[inline]
    fn expect(&mut self, expected: u8, reason: &'static str) -> Result<(), SyntaxError> {
        self.skip_whitespace();
        if self.byte() == Some(expected) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(reason))
        }
    }

    /// The kind of the next value, without consuming it.
    #[inline]
    pub(crate) fn peek(&mut self) -> Result<Kind, SyntaxError> {
        self.skip_whitespace();
        match self.byte() {
            Some(b'n') => Ok(Kind::Null),
            Some(b't' | b'f') => Ok(Kind::Bool),
            Some(b'-' | b'0'..=b'9') => Ok(Kind::Number),
            Some(b'"') => Ok(Kind::String),
            Some(b'[') => Ok(Kind::Array),
            Some(b'{') => Ok(Kind::Object),
            None => Err(self.error("EOF while parsing a value")),
            Some(_) => Err(self.error("expected value")),
        }
    }

    fn enter(&mut self, open: u8, reason: &'static str) -> Result<(), SyntaxError> {
        self.expect(open, reason)?;
        if self.depth == MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.depth += 1;
        self.first = true;
        Ok(())
    }

    /// Whether another member or item follows in the open container (consuming the `,`), or
    /// the container ends (consuming `close`).
    #[inline]
    fn more(&mut self, close: u8, reason: &'static str) -> Result<bool, SyntaxError> {
        self.skip_whitespace();
        if self.byte() == Some(close) {
            self.pos += 1;
            self.depth -= 1;
            // The container just closed was a value of its parent, which therefore has a member.
            self.first = false;
            return Ok(false);
        }
        if self.first {
            self.first = false;
        } else {
            self.expect(b',', reason)?;
        }
        Ok(true)
    }

    /// Consumes `{`.
    pub(crate) fn begin_object(&mut self) -> Result<(), SyntaxError> {
        self.enter(b'{', "expected an object")
    }

    /// The next key of the open object and its `:`, or `None` once `}` is consumed.
    pub(crate) fn next_key(&mut self) -> Result<Option<Cow<'a, str>>, SyntaxError> {
        if !self.key_follows()? {
            return Ok(None);
        }
        let key = self.string()?;
        self.expect(b':', "expected `:`")?;
        Ok(Some(key))
    }

    /// As [`next_key`](Self::next_key), saying where the key's text is (see
    /// [`string_at`](Self::string_at)).
    #[inline]
    pub(crate) fn next_key_at(
        &mut self,
        out: &mut String,
    ) -> Result<Option<StringText>, SyntaxError> {
        if !self.key_follows()? {
            return Ok(None);
        }
        // At the key's opening quote.
        self.pos += 1;
        let key = self.quoted_at(out)?;
        self.expect(b':', "expected `:`")?;
        Ok(Some(key))
    }

    /// Whether a key follows in the open object (at its opening quote), or `}` was consumed.
    #[inline]
    fn key_follows(&mut self) -> Result<bool, SyntaxError> {
        if !self.more(b'}', "expected `,` or `}`")? {
            return Ok(false);
        }
        self.skip_whitespace();
        if self.byte() != Some(b'"') {
            return Err(self.error("key must be a string"));
        }
        Ok(true)
    }

    /// Consumes `[`.
    pub(crate) fn begin_array(&mut self) -> Result<(), SyntaxError> {
        self.enter(b'[', "expected an array")
    }

    /// Whether another item follows in the open array, or `false` once `]` is consumed.
    pub(crate) fn next_item(&mut self) -> Result<bool, SyntaxError> {
        let more = self.more(b']', "expected `,` or `]`")?;
        if more {
            // `[1,]`: a value must follow the comma.
            self.skip_whitespace();
            if self.byte() == Some(b']') {
                return Err(self.error("trailing comma"));
            }
        }
        Ok(more)
    }

    /// `null`.
    pub(crate) fn null(&mut self) -> Result<(), SyntaxError> {
        self.literal("null")
    }

    /// `true` or `false`.
    pub(crate) fn bool(&mut self) -> Result<bool, SyntaxError> {
        self.skip_whitespace();
        if self.byte() == Some(b't') {
            self.literal("true").map(|()| true)
        } else {
            self.literal("false").map(|()| false)
        }
    }

    fn literal(&mut self, word: &'static str) -> Result<(), SyntaxError> {
        self.skip_whitespace();
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.error("expected value"))
        }
    }

    /// A number, as its exact text (checked against the JSON grammar, not converted).
    pub(crate) fn number(&mut self) -> Result<&'a str, SyntaxError> {
        self.skip_whitespace();
        let start = self.pos;
        match scan_number(self.text.as_bytes(), start) {
            Ok(end) => {
                self.pos = end;
                Ok(&self.text[start..end])
            }
            Err((at, reason)) => {
                self.pos = at;
                Err(self.error(reason))
            }
        }
    }

    /// A string's text: borrowed from the input when it has no escapes.
    pub(crate) fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        self.expect(b'"', "expected a string")?;
        let start = self.pos;
        let run = self.plain_run();
        if self.byte() == Some(b'"') {
            self.pos += 1;
            return Ok(Cow::Borrowed(&self.text[start..start + run]));
        }
        let mut text = String::with_capacity(run + 16);
        text.push_str(&self.text[start..start + run]);
        self.escaped_rest(Some(&mut text))?;
        Ok(Cow::Owned(text))
    }

    /// A string, left where it is in the input when it has no escapes, its text appended to
    /// `out` otherwise.
    #[inline]
    pub(crate) fn string_at(&mut self, out: &mut String) -> Result<StringText, SyntaxError> {
        self.expect(b'"', "expected a string")?;
        self.quoted_at(out)
    }

    /// [`string_at`](Self::string_at) after the opening quote.
    #[inline]
    fn quoted_at(&mut self, out: &mut String) -> Result<StringText, SyntaxError> {
        let start = self.pos;
        let run = self.plain_run();
        if self.byte() == Some(b'"') {
            self.pos += 1;
            return Ok(StringText::Input(start..start + run));
        }
        self.string_rest_appended(start, out)
    }

    /// The rest of [`string_at`](Self::string_at) for a string with escapes, out of the way
    /// of the common case.
    #[cold]
    fn string_rest_appended(
        &mut self,
        start: usize,
        out: &mut String,
    ) -> Result<StringText, SyntaxError> {
        let appended = out.len();
        out.push_str(&self.text[start..self.pos]);
        self.escaped_rest(Some(out))?;
        Ok(StringText::Appended(appended..out.len()))
    }

    /// Where the next byte is read, in bytes from the start of the text: after
    /// [`peek`](Self::peek), where the value peeked at starts.
    #[inline]
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    /// Advances over bytes that stand for themselves; returns how many.
    #[inline]
    fn plain_run(&mut self) -> usize {
        let bytes = &self.text.as_bytes()[self.pos..];
        let run = bytes
            .iter()
            .position(|&byte| ENDS_PLAIN_RUN[usize::from(byte)])
            .unwrap_or(bytes.len());
        self.pos += run;
        run
    }

    /// The rest of a string from the current position (after a plain run), through its
    /// closing quote, appended to `out` (or only checked, without one).
    fn escaped_rest(&mut self, mut out: Option<&mut String>) -> Result<(), SyntaxError> {
        loop {
            match self.byte() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let character = self.escape()?;
                    if let Some(out) = out.as_deref_mut() {
                        out.push(character);
                    }
                }
                Some(_) => return Err(self.error("control character in string")),
                None => return Err(self.error("EOF while parsing a string")),
            }
            let start = self.pos;
            let run = self.plain_run();
            if let Some(out) = out.as_deref_mut() {
                out.push_str(&self.text[start..start + run]);
            }
        }
    }

    /// The character of one escape, the `\` already consumed.
    fn escape(&mut self) -> Result<char, SyntaxError> {
        let Some(byte) = self.byte() else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.pos += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(),
            _ => return Err(self.error("invalid escape")),
        })
    }

    /// `\uXXXX`, or a surrogate pair of two such escapes.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let unit = self.hex4()?;
        let code = match unit {
            0xD800..=0xDBFF => {
                if !self.text[self.pos..].starts_with("\\u") {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                self.pos += 2;
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                0x1_0000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error("lone trailing surrogate in hex escape")),
            _ => u32::from(unit),
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))
    }

    fn hex4(&mut self) -> Result<u16, SyntaxError> {
        let digits = self
            .text
            .as_bytes()
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.error("EOF while parsing a string"))?;
        let mut unit = 0u16;
        for &digit in digits {
            let value = match digit {
                b'0'..=b'9' => digit - b'0',
                b'a'..=b'f' => digit - b'a' + 10,
                b'A'..=b'F' => digit - b'A' + 10,
                _ => return Err(self.error("invalid escape")),
            };
            unit = unit << 4 | u16::from(value);
        }
        self.pos += 4;
        Ok(unit)
    }

    /// Reads one value of any kind and appends its compact JSON text to `out`: numbers as
    /// received, strings re-escaped as [`write_string`] does, members in the order received.
    /// A key repeated within an object is an error, as for [`Value::parse`].
    ///
    /// The text written is never longer than the text read: every character `write_string`
    /// escapes must have been escaped in valid input already, and escapes only get shorter.
    pub(crate) fn value_into(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        match self.peek()? {
            Kind::Null => {
                self.null()?;
                out.push_str("null");
            }
            Kind::Bool => out.push_str(if self.bool()? { "true" } else { "false" }),
            Kind::Number => out.push_str(self.number()?),
            Kind::String => write_string(out, &self.string()?),
            Kind::Array => {
                self.begin_array()?;
                out.push('[');
                let mut first = true;
                while self.next_item()? {
                    if !std::mem::take(&mut first) {
                        out.push(',');
                    }
                    self.value_into(out)?;
                }
                out.push(']');
            }
            Kind::Object => {
                self.begin_object()?;
                out.push('{');
                // Where each key's escaped text is in `out`: equal keys have equal escaped
                // texts, so a repeat is found without unescaping again.
                let mut keys: Vec<(usize, usize)> = Vec::new();
                while let Some(key) = self.next_key()? {
                    if !keys.is_empty() {
                        out.push(',');
                    }
                    let start = out.len();
                    write_string(out, &key);
                    let written = &out[start..];
                    if keys.iter().any(|&(from, to)| &out[from..to] == written) {
                        return Err(self.error("duplicate key"));
                    }
                    keys.push((start, out.len()));
                    out.push(':');
                    self.value_into(out)?;
                }
                out.push('}');
            }
        }
        Ok(())
    }

    /// Reads one value of any kind and drops it.
    pub(crate) fn skip_value(&mut self) -> Result<(), SyntaxError> {
        match self.peek()? {
            Kind::Null => self.null(),
            Kind::Bool => self.bool().map(drop),
            Kind::Number => self.number().map(drop),
            Kind::String => {
                self.expect(b'"', "expected a string")?;
                self.plain_run();
                self.escaped_rest(None)
            }
            Kind::Array => {
                self.begin_array()?;
                while self.next_item()? {
                    self.skip_value()?;
                }
                Ok(())
            }
            Kind::Object => {
                self.begin_object()?;
                while self.next_key()?.is_some() {
                    self.skip_value()?;
                }
                Ok(())
            }
        }
    }

    /// Checks that only whitespace follows the value read.
    pub(crate) fn finish(mut self) -> Result<(), SyntaxError> {
        self.skip_whitespace();
        if self.pos == self.text.len() {
            Ok(())
        } else {
            Err(self.error("trailing characters"))
        }
    }
}

/// The bytes that end a plain run of a string: `"`, `\\` and control characters. A table: one
/// load per byte, and nothing for the next byte to wait on.
const ENDS_PLAIN_RUN: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = true;
        byte += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// Where the number that starts at `at` in `bytes` ends, checked against the JSON grammar, or
/// where and why it is not one: the one place the number grammar is written.
fn scan_number(bytes: &[u8], mut at: usize) -> Result<usize, (usize, &'static str)> {
    let digit = |at: usize| matches!(bytes.get(at), Some(b'0'..=b'9'));
    let digits = |mut at: usize| {
        while digit(at) {
            at += 1;
        }
        at
    };
    let required_digits = |at: usize| match digits(at) {
        end if end == at => Err((at, "invalid number")),
        end => Ok(end),
    };
    if bytes.get(at) == Some(&b'-') {
        at += 1;
    }
    match bytes.get(at) {
        Some(b'0') => {
            at += 1;
            if digit(at) {
                return Err((at, "invalid number: leading zero"));
            }
        }
        Some(b'1'..=b'9') => at = digits(at + 1),
        _ => return Err((at, "invalid number")),
    }
    if bytes.get(at) == Some(&b'.') {
        at = required_digits(at + 1)?;
    }
    if let Some(b'e' | b'E') = bytes.get(at) {
        at += 1;
        if let Some(b'+' | b'-') = bytes.get(at) {
            at += 1;
        }
        at = required_digits(at)?;
    }
    Ok(at)
}

/// Reads `text` when it is an object in its most common form, handing each member to
/// `member` as `(key, kind of value, value)`, each a range of `text`; `None` when it is not in
/// that form, or when `member` says to stop: read it with [`Reader`] then, which reads every
/// form and says what is wrong. Repeated keys are the caller's to refuse.
///
/// The common form, as OK and browsers write results: `{`, `"key":value` pairs separated by
/// `,`, `}` and the end of the text, no whitespace anywhere; keys and string values without
/// escapes (a string's range is its text between the quotes); other values numbers or `true`,
/// `false`, `null` (their range is their text). What this accepts, [`Reader`] reads to the
/// same members; it exists because it does so in a fraction of the instructions.
pub(crate) fn plain_flat_object(
    text: &str,
    mut member: impl FnMut(Range<usize>, Kind, Range<usize>) -> bool,
) -> Option<()> {
    /// A string without escapes or control characters that starts at `at`: its text's range.
    fn plain_string(bytes: &[u8], at: usize) -> Option<Range<usize>> {
        if bytes.get(at) != Some(&b'"') {
            return None;
        }
        let start = at + 1;
        // Eight bytes at a time (ids and signatures are long runs), the last few one by one.
        let mut end = start;
        while let Some(chunk) = bytes.get(end..).and_then(<[u8]>::first_chunk::<8>) {
            let plain = leading_plain(u64::from_le_bytes(*chunk));
            end += plain;
            if plain < 8 {
                return (bytes[end] == b'"').then_some(start..end);
            }
        }
        end += bytes[end..]
            .iter()
            .position(|&byte| ENDS_PLAIN_RUN[usize::from(byte)])?;
        (bytes[end] == b'"').then_some(start..end)
    }
    let bytes = text.as_bytes();
    if bytes.first() != Some(&b'{') {
        return None;
    }
    let mut at = 1;
    if bytes.get(at) == Some(&b'}') {
        return (at + 1 == bytes.len()).then_some(());
    }
    loop {
        let key = plain_string(bytes, at)?;
        at = key.end + 1;
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        at += 1;
        let start = at;
        let (kind, value) = match *bytes.get(at)? {
            b'"' => {
                let value = plain_string(bytes, at)?;
                at = value.end + 1;
                (Kind::String, value)
            }
            b'-' | b'0'..=b'9' => {
                at = scan_number(bytes, at).ok()?;
                (Kind::Number, start..at)
            }
            first @ (b't' | b'f' | b'n') => {
                let (word, kind): (&[u8], _) = match first {
                    b't' => (b"true", Kind::Bool),
                    b'f' => (b"false", Kind::Bool),
                    _ => (b"null", Kind::Null),
                };
                if !bytes[at..].starts_with(word) {
                    return None;
                }
                at += word.len();
                (kind, start..at)
            }
            _ => return None,
        };
        if !member(key, kind, value) {
            return None;
        }
        match bytes.get(at) {
            Some(b',') => at += 1,
            Some(b'}') => return (at + 1 == bytes.len()).then_some(()),
            _ => return None,
        }
    }
}

/// How many of the eight bytes of `word` (the first byte lowest) come before the first `"`,
/// `\\` or control character: [`ENDS_PLAIN_RUN`] for eight bytes at once.
fn leading_plain(word: u64) -> usize {
    const fn repeat(byte: u8) -> u64 {
        u64::from_ne_bytes([byte; 8])
    }
    // The top bit of each byte below `limit` (at most 0x80) set, possibly with some bytes above
    // the lowest such byte too (a borrow carries into them): the lowest set bit is exact.
    let below = |word: u64, limit: u8| word.wrapping_sub(repeat(limit)) & !word & repeat(0x80);
    let stops = below(word ^ repeat(b'"'), 1) | below(word ^ repeat(b'\\'), 1) | below(word, 0x20);
    (stops.trailing_zeros() / 8) as usize
}

/// Checks that `text` is one JSON value.
pub(crate) fn check(text: &str) -> Result<(), SyntaxError> {
    let mut reader = Reader::new(text);
    reader.skip_value()?;
    reader.finish()
}

/// Appends `text` as a JSON string, escaped as `JSON.stringify` escapes it.
pub(crate) fn write_string(out: &mut String, text: &str) {
    out.push('"');
    let mut plain_start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escape: &str = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0C => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x00..=0x1F => "",
            _ => continue,
        };
        out.push_str(&text[plain_start..at]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0F)]));
        } else {
            out.push_str(escape);
        }
        plain_start = at + 1;
    }
    out.push_str(&text[plain_start..]);
    out.push('"');
}

/// A JSON value as read: object members in the order received (each key once), numbers as
/// their exact text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    /// The number's text, checked against the JSON grammar.
    Number(String),
    String(String),
    Array(Vec<Value>),
    Object(Members),
}

/// The members of an object, in order, each key once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Members(pub(crate) Vec<(String, Value)>);

impl Members {
    /// The value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        self.0
            .iter()
            .find_map(|(name, value)| (name == key).then_some(value))
    }

    /// Takes the value of `key` out.
    pub(crate) fn remove(&mut self, key: &str) -> Option<Value> {
        let at = self.0.iter().position(|(name, _)| name == key)?;
        Some(self.0.remove(at).1)
    }
}

impl Value {
    /// Reads one JSON text. A key repeated within an object is an error: which of the two
    /// values was meant cannot be known.
    pub(crate) fn parse(text: &str) -> Result<Self, SyntaxError> {
        let mut reader = Reader::new(text);
        let value = Self::read(&mut reader)?;
        reader.finish()?;
        Ok(value)
    }

    fn read(reader: &mut Reader<'_>) -> Result<Self, SyntaxError> {
        Ok(match reader.peek()? {
            Kind::Null => {
                reader.null()?;
                Self::Null
            }
            Kind::Bool => Self::Bool(reader.bool()?),
            Kind::Number => Self::Number(reader.number()?.to_owned()),
            Kind::String => Self::String(reader.string()?.into_owned()),
            Kind::Array => {
                reader.begin_array()?;
                let mut items = Vec::new();
                while reader.next_item()? {
                    items.push(Self::read(reader)?);
                }
                Self::Array(items)
            }
            Kind::Object => {
                reader.begin_object()?;
                let mut members = Members::default();
                while let Some(key) = reader.next_key()? {
                    if members.get(&key).is_some() {
                        return Err(reader.error("duplicate key"));
                    }
                    let value = Self::read(reader)?;
                    members.0.push((key.into_owned(), value));
                }
                Self::Object(members)
            }
        })
    }

    /// Appends the compact JSON text.
    pub(crate) fn write(&self, out: &mut String) {
        match self {
            Self::Null => out.push_str("null"),
            Self::Bool(true) => out.push_str("true"),
            Self::Bool(false) => out.push_str("false"),
            Self::Number(number) => out.push_str(number),
            Self::String(text) => write_string(out, text),
            Self::Array(items) => {
                out.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Self::Object(members) => {
                write_members(out, members.0.iter().map(|(k, v)| (k.as_str(), v)));
            }
        }
    }
}

/// Appends `{"key":value,...}` in the order given.
pub(crate) fn write_members<'v>(
    out: &mut String,
    members: impl IntoIterator<Item = (&'v str, &'v Value)>,
) {
    out.push('{');
    for (index, (key, value)) in members.into_iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        write_string(out, key);
        out.push(':');
        value.write(out);
    }
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(text: &str) -> String {
        let mut out = String::new();
        Value::parse(text).unwrap().write(&mut out);
        let mut streamed = String::new();
        let mut reader = Reader::new(text);
        reader.value_into(&mut streamed).unwrap();
        reader.finish().unwrap();
        assert_eq!(streamed, out, "{text}");
        out
    }

    #[test]
    fn values_write_back_compact_and_unchanged() {
        for (text, compact) in [
            ("null", "null"),
            (" true ", "true"),
            ("false", "false"),
            ("0", "0"),
            ("-0", "-0"),
            ("12.50e+3", "12.50e+3"),
            ("-1E-7", "-1E-7"),
            ("18446744073709551616", "18446744073709551616"),
            (r#""a\"b\\c\/d""#, r#""a\"b\\c/d""#),
            (r#""\u00e9\u0041\ud83d\ude00""#, "\"éA😀\""),
            (
                r#""\b\f\n\r\t\u0001\u001f\u007f""#,
                "\"\\b\\f\\n\\r\\t\\u0001\\u001f\u{7f}\"",
            ),
            (" [ 1 , [ ] , { } , \"x\" ] ", r#"[1,[],{},"x"]"#),
            (
                r#"{ "z" : 1, "a" : { "m" : [true, null] } }"#,
                r#"{"z":1,"a":{"m":[true,null]}}"#,
            ),
        ] {
            assert_eq!(roundtrip(text), compact, "{text}");
        }
    }

    #[test]
    fn strict_grammar() {
        for bad in [
            "",
            " ",
            "nul",
            "tru",
            "01",
            "-",
            "1.",
            ".5",
            "1e",
            "1e+",
            "+1",
            "0x1",
            "[1,]",
            "[,1]",
            "[1 2]",
            "{\"a\":1,}",
            "{,}",
            "{\"a\" 1}",
            "{a:1}",
            "{\"a\":}",
            "[",
            "{",
            "\"abc",
            "\"a\nb\"",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "1 2",
            "[] x",
            "{\"a\":1,\"a\":2}",
            "{\"a\":{\"b\":1,\"b\":2}}",
            "[{\"x\":1},{\"y\":[],\"\\u0079\":1}]",
            "NaN",
            "Infinity",
            "'a'",
        ] {
            assert!(Value::parse(bad).is_err(), "{bad:?} must be refused");
            let mut reader = Reader::new(bad);
            let streamed = reader
                .value_into(&mut String::new())
                .and_then(|()| reader.finish());
            assert!(streamed.is_err(), "{bad:?} must be refused by value_into");
        }
        // Duplicates are refused by the tree, not by the plain reader.
        assert!(check("{\"a\":1,\"a\":2}").is_ok());
        assert!(check("[1,]").is_err());
    }

    #[test]
    fn nesting_is_bounded() {
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(Value::parse(&ok).is_ok());
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(
            Value::parse(&deep).unwrap_err().reason,
            "recursion limit exceeded"
        );
        let hostile = "[".repeat(100_000);
        assert!(check(&hostile).is_err());
    }

    #[test]
    fn errors_say_where() {
        let error = Value::parse("{\n  \"a\": 1,\n  \"b\" 2\n}").unwrap_err();
        assert_eq!(error.to_string(), "expected `:` at line 3 column 7");
        let error = Value::parse("[\"Привет\" x]").unwrap_err();
        assert_eq!(error.to_string(), "expected `,` or `]` at line 1 column 11");
        // Found by the differential test: a backslash before a character of more than one
        // byte was reported one byte into that character, and slicing there panicked.
        for text in ["\"\\é\"", "\"\\😀\"", "[\"ok\",\"\\\u{2028}\"]"] {
            assert!(check(text).is_err(), "{text}");
            let mut streamed = String::new();
            assert!(
                Reader::new(text).value_into(&mut streamed).is_err(),
                "{text}"
            );
        }
        let error = Value::parse("\"\\é\"").unwrap_err();
        assert_eq!(error.to_string(), "invalid escape at line 1 column 3");
        let error = Value::parse("[\"ok\",\n \"\\😀\"]").unwrap_err();
        assert_eq!(error.to_string(), "invalid escape at line 2 column 4");
    }

    #[test]
    fn strings_are_borrowed_without_escapes() {
        let mut reader = Reader::new(r#"["plain","esc\"aped"]"#);
        reader.begin_array().unwrap();
        assert!(reader.next_item().unwrap());
        assert!(matches!(reader.string().unwrap(), Cow::Borrowed("plain")));
        assert!(reader.next_item().unwrap());
        assert!(matches!(reader.string().unwrap(), Cow::Owned(text) if text == "esc\"aped"));
        assert!(!reader.next_item().unwrap());
        reader.finish().unwrap();
    }

    #[test]
    fn strings_say_where_their_text_is() {
        let text = r#"{ "plain" : "esc\"aped", "k\u0031": 10 }"#;
        let mut reader = Reader::new(text);
        let mut out = String::from("kept");
        reader.begin_object().unwrap();
        assert_eq!(
            reader.next_key_at(&mut out).unwrap(),
            Some(StringText::Input(3..8))
        );
        assert_eq!(&text[3..8], "plain");
        assert_eq!(
            reader.string_at(&mut out).unwrap(),
            StringText::Appended(4..12)
        );
        assert_eq!(
            reader.next_key_at(&mut out).unwrap(),
            Some(StringText::Appended(12..14))
        );
        assert_eq!(out, "keptesc\"apedk1");
        assert_eq!(reader.peek().unwrap(), Kind::Number);
        let start = reader.position();
        assert_eq!(reader.number().unwrap(), "10");
        assert_eq!(&text[start..reader.position()], "10");
        assert_eq!(reader.next_key_at(&mut out).unwrap(), None);
        reader.finish().unwrap();
    }

    #[test]
    fn plain_runs_end_at_the_first_quote_backslash_or_control_character() {
        for byte in 0..=u8::MAX {
            let stops = byte == b'"' || byte == b'\\' || byte < 0x20;
            assert_eq!(ENDS_PLAIN_RUN[usize::from(byte)], stops, "{byte:#x}");
            for at in 0..8 {
                let mut word = [b'x'; 8];
                word[at] = byte;
                let expected = if stops { at } else { 8 };
                assert_eq!(
                    leading_plain(u64::from_le_bytes(word)),
                    expected,
                    "{byte:#x} at {at}"
                );
            }
        }
        assert_eq!(leading_plain(u64::from_le_bytes([0; 8])), 0);
        assert_eq!(leading_plain(u64::from_le_bytes(*b"\xff\x80\x7f !#[\"")), 7);
        // Strings of every length, plain to the end or not.
        for len in 0..20 {
            let plain = "é".repeat(len / 2) + &"a".repeat(len % 2);
            for tail in ["\"", "\\n\"", "\n"] {
                let text = format!("\"{plain}{tail}");
                let mut reader = Reader::new(&text);
                reader.pos = 1;
                assert_eq!(reader.plain_run(), plain.len(), "{text:?}");
                assert_eq!(reader.pos, 1 + plain.len(), "{text:?}");
            }
        }
    }

    /// Every character below 0x80 and some beyond, escaped as `JSON.stringify` does.
    #[test]
    fn strings_are_escaped_as_json_stringify_does() {
        let mut out = String::new();
        write_string(&mut out, "\u{0}\u{1f} \"\\/\u{7f}é\u{2028}😀");
        assert_eq!(out, "\"\\u0000\\u001f \\\"\\\\/\u{7f}é\u{2028}😀\"");
        for byte in 0u8..0x80 {
            let text = char::from(byte).to_string();
            let mut out = String::new();
            write_string(&mut out, &text);
            assert_eq!(
                Value::parse(&out).unwrap(),
                Value::String(text),
                "{byte:#x}"
            );
        }
    }

    /// The reader and the writer against `serde_json`, the reference: the same texts accepted,
    /// the same values read, the same strings written.
    mod against_serde_json {
        use proptest::prelude::*;
        use proptest::sample::{Index, select};

        use super::*;

        /// Any text: every character, with the ASCII ones (controls, quotes, backslash)
        /// weighted up.
        fn unicode_text() -> impl Strategy<Value = String> {
            let character = prop_oneof![any::<char>(), (0u8..0x80).prop_map(char::from)];
            proptest::collection::vec(character, 0..32).prop_map(String::from_iter)
        }

        /// A piece of a string's text as written in JSON: plain characters (a raw control
        /// character, quote or backslash among them), every short escape, `\u` escapes of any
        /// unit (lone surrogates included) and surrogate pairs.
        fn string_piece() -> impl Strategy<Value = String> {
            prop_oneof![
                4 => "[a-zA-Z0-9 é]{1,4}",
                1 => any::<char>().prop_map(String::from),
                1 => select(&[r#"\""#, r"\\", r"\/", r"\b", r"\f", r"\n", r"\r", r"\t"][..])
                    .prop_map(str::to_owned),
                1 => any::<u16>().prop_map(|unit| format!("\\u{unit:04x}")),
                1 => (0xD800u16..0xDC00, 0xDC00u16..0xE000)
                    .prop_map(|(high, low)| format!("\\u{high:04X}\\u{low:04x}")),
            ]
        }

        fn string_text() -> impl Strategy<Value = String> {
            proptest::collection::vec(string_piece(), 0..5)
                .prop_map(|pieces| format!("\"{}\"", pieces.concat()))
        }

        /// Numbers of the grammar, within `f64`'s range (beyond it `serde_json` refuses what
        /// this reader keeps as text).
        fn number_text() -> impl Strategy<Value = String> {
            "-?(0|[1-9][0-9]{0,20})(\\.[0-9]{1,6})?([eE][+-]?[0-9]{1,2})?"
        }

        fn whitespace() -> impl Strategy<Value = String> {
            prop_oneof![3 => Just(String::new()), 1 => "[ \t\n\r]{1,2}"]
        }

        /// JSON texts from the grammar, with whitespace between tokens; keys often repeat.
        fn json_text() -> impl Strategy<Value = String> {
            let leaf = prop_oneof![
                Just("null".to_owned()),
                Just("true".to_owned()),
                Just("false".to_owned()),
                number_text(),
                string_text(),
            ];
            leaf.prop_recursive(4, 24, 4, |inner| {
                let key = prop_oneof![
                    string_text(),
                    select(&[r#""a""#, r#""b""#][..]).prop_map(str::to_owned),
                ];
                let item = (whitespace(), inner.clone(), whitespace())
                    .prop_map(|(before, value, after)| format!("{before}{value}{after}"));
                let member = (key, whitespace(), inner)
                    .prop_map(|(key, space, value)| format!("{key}{space}:{value}"));
                prop_oneof![
                    proptest::collection::vec(item, 0..4)
                        .prop_map(|items| format!("[{}]", items.join(","))),
                    proptest::collection::vec(member, 0..4)
                        .prop_map(|members| format!("{{{}}}", members.join(","))),
                ]
            })
        }

        /// A character a damaged text may gain: mostly ones that mean something to a reader.
        fn stray_char() -> impl Strategy<Value = char> {
            prop_oneof![
                3 => select(
                    &[
                        '"', '\\', ',', ':', '[', ']', '{', '}', '0', '7', '-', '+', '.', 'e', 'u',
                        'n', ' ', '\n', '\u{0}', '\u{1f}', 'x', 'é',
                    ][..]
                ),
                1 => any::<char>(),
            ]
        }

        /// A grammar text, sometimes damaged: characters dropped or inserted anywhere.
        fn damaged_json_text() -> impl Strategy<Value = String> {
            let edit = (any::<Index>(), proptest::option::of(stray_char()));
            (
                (whitespace(), json_text(), whitespace()),
                proptest::collection::vec(edit, 0..3),
            )
                .prop_map(|((before, text, after), edits)| {
                    let mut chars: Vec<char> = format!("{before}{text}{after}").chars().collect();
                    for (at, insert) in edits {
                        match insert {
                            Some(stray) => chars.insert(at.index(chars.len() + 1), stray),
                            None if chars.is_empty() => {}
                            None => drop(chars.remove(at.index(chars.len()))),
                        }
                    }
                    chars.into_iter().collect()
                })
        }

        /// Whether `ours` and `theirs` are the same value: numbers equal as `serde_json` reads
        /// them (exactly, with its `float_roundtrip`), strings and keys character for character.
        fn same(ours: &Value, theirs: &serde_json::Value) -> bool {
            match (ours, theirs) {
                (Value::Null, serde_json::Value::Null) => true,
                (Value::Bool(ours), serde_json::Value::Bool(theirs)) => ours == theirs,
                (Value::Number(text), serde_json::Value::Number(number)) => {
                    if let Some(integer) = number.as_u64() {
                        text.parse() == Ok(integer)
                    } else if let Some(integer) = number.as_i64() {
                        text.parse() == Ok(integer)
                    } else {
                        let ours: Option<f64> = text.parse().ok();
                        // `to_bits`: the sign of zero counts.
                        ours.map(f64::to_bits) == number.as_f64().map(f64::to_bits)
                    }
                }
                (Value::String(ours), serde_json::Value::String(theirs)) => ours == theirs,
                (Value::Array(ours), serde_json::Value::Array(theirs)) => {
                    ours.len() == theirs.len()
                        && ours
                            .iter()
                            .zip(theirs)
                            .all(|(ours, theirs)| same(ours, theirs))
                }
                (Value::Object(ours), serde_json::Value::Object(theirs)) => {
                    ours.0.len() == theirs.len()
                        && ours.0.iter().all(|(key, ours)| {
                            theirs.get(key).is_some_and(|theirs| same(ours, theirs))
                        })
                }
                _ => false,
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(1024))]

            #[test]
            fn strings_are_written_as_serde_json_writes_them(text in unicode_text()) {
                let mut ours = String::new();
                write_string(&mut ours, &text);
                prop_assert_eq!(&ours, &serde_json::to_string(&text).unwrap());
                prop_assert_eq!(Value::parse(&ours), Ok(Value::String(text)));
            }

            #[test]
            fn texts_are_accepted_and_read_as_serde_json_does(text in damaged_json_text()) {
                let theirs = serde_json::from_str::<serde_json::Value>(&text);
                if let Err(error) = &theirs {
                    // A stray digit can push a number beyond `f64`: kept here, refused there.
                    prop_assume!(!error.to_string().starts_with("number out of range"));
                }
                let checked = check(&text);
                prop_assert_eq!(
                    checked.is_ok(),
                    theirs.is_ok(),
                    "{:?}: ours {:?}, serde_json {:?}",
                    text,
                    checked,
                    theirs
                );
                // The tree reader accepts what the plain check does, but for repeated keys.
                let tree = Value::parse(&text);
                match (&tree, &checked) {
                    (Ok(_), Ok(())) | (Err(_), Err(_)) => {}
                    (Err(error), Ok(())) => prop_assert_eq!(error.reason, "duplicate key"),
                    (Ok(_), Err(error)) => prop_assert!(false, "{:?}: only check refuses: {}", text, error),
                }
                if let (Ok(tree), Ok(theirs)) = (&tree, &theirs) {
                    prop_assert!(same(tree, theirs), "{:?}: ours {:?}, serde_json {:?}", text, tree, theirs);
                    // Streaming writes what the tree writes.
                    let mut written = String::new();
                    tree.write(&mut written);
                    let mut streamed = String::new();
                    let mut reader = Reader::new(&text);
                    reader.value_into(&mut streamed).unwrap();
                    reader.finish().unwrap();
                    prop_assert_eq!(streamed, written);
                }
            }
        }

        /// The depth bound is `serde_json`'s, for arrays and objects alike.
        #[test]
        fn nesting_is_bounded_where_serde_json_bounds_it() {
            for depth in [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1] {
                for (open, close) in [("[", "]"), (r#"{"a":"#, "}")] {
                    let text = open.repeat(depth) + "0" + &close.repeat(depth);
                    let theirs = serde_json::from_str::<serde_json::Value>(&text);
                    assert_eq!(check(&text).is_ok(), theirs.is_ok(), "{depth} {open}");
                }
            }
        }
    }
}

/// A [`Value`] through any `serde` format: how the result readers' `Deserialize` takes an array
/// or object value from a framework's extractor.
mod serde_impls {
    use std::fmt;

    use serde::de::{self, MapAccess, SeqAccess, Visitor};
    use serde::ser::{SerializeMap as _, SerializeSeq as _};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{Members, Value};

    /// Numbers go out as the narrowest of `u64`, `i64` and `f64` that holds their text (`-0` as
    /// the `f64` negative zero, as `serde_json` reads it); a number no `f64` holds exactly (more
    /// than 17 significant digits, say) loses precision here, and only here: the crate's own
    /// JSON text keeps it as written. A number beyond `f64`'s range (`1e400`) is an error, not
    /// an infinity that a format would write as something else (`serde_json` writes `null`).
    impl Serialize for Value {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Self::Null => serializer.serialize_unit(),
                Self::Bool(value) => serializer.serialize_bool(*value),
                Self::Number(text) => {
                    if let Ok(value) = text.parse::<u64>() {
                        serializer.serialize_u64(value)
                    } else if let Some(value) = text.parse::<i64>().ok().filter(|&value| value != 0)
                    {
                        serializer.serialize_i64(value)
                    } else {
                        // The JSON grammar is a subset of what `f64::from_str` reads.
                        let value = text.parse::<f64>().map_err(serde::ser::Error::custom)?;
                        if !value.is_finite() {
                            return Err(serde::ser::Error::custom(format_args!(
                                "the number {text} is beyond the range of f64"
                            )));
                        }
                        serializer.serialize_f64(value)
                    }
                }
                Self::String(text) => serializer.serialize_str(text),
                Self::Array(items) => {
                    let mut seq = serializer.serialize_seq(Some(items.len()))?;
                    for item in items {
                        seq.serialize_element(item)?;
                    }
                    seq.end()
                }
                Self::Object(members) => members.serialize(serializer),
            }
        }
    }

    impl Serialize for Members {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(Some(self.0.len()))?;
            for (key, value) in &self.0 {
                map.serialize_entry(key, value)?;
            }
            map.end()
        }
    }

    /// Refuses a repeated key and a non-finite float, as the text reader does.
    impl<'de> Deserialize<'de> for Value {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(ValueVisitor)
        }
    }

    struct ValueVisitor;

    impl<'de> Visitor<'de> for ValueVisitor {
        type Value = Value;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any JSON value")
        }

        fn visit_bool<E: de::Error>(self, value: bool) -> Result<Value, E> {
            Ok(Value::Bool(value))
        }

        fn visit_i64<E: de::Error>(self, value: i64) -> Result<Value, E> {
            Ok(Value::Number(value.to_string()))
        }

        fn visit_u64<E: de::Error>(self, value: u64) -> Result<Value, E> {
            Ok(Value::Number(value.to_string()))
        }

        fn visit_f64<E: de::Error>(self, value: f64) -> Result<Value, E> {
            if value.is_finite() {
                // `Debug` is the shortest text that reads back to the same `f64`, and it is
                // JSON (`1.0`, `1e100`, `-0.5`).
                Ok(Value::Number(format!("{value:?}")))
            } else {
                Err(E::custom("a JSON number must be finite"))
            }
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<Value, E> {
            Ok(Value::String(value.to_owned()))
        }

        fn visit_string<E: de::Error>(self, value: String) -> Result<Value, E> {
            Ok(Value::String(value))
        }

        fn visit_none<E: de::Error>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }

        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
            Value::deserialize(deserializer)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
            while let Some(item) = seq.next_element()? {
                items.push(item);
            }
            Ok(Value::Array(items))
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
            let mut members = Members::default();
            while let Some(key) = map.next_key::<String>()? {
                if members.get(&key).is_some() {
                    return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
                }
                let value = map.next_value()?;
                members.0.push((key, value));
            }
            Ok(Value::Object(members))
        }
    }

    #[cfg(test)]
    mod tests {
        use super::super::Value;

        #[test]
        fn values_go_through_serde_json_unchanged() {
            let text = r#"{"type":"music","n":[1,-2,0.5,1e100,true,null],"s":"a\"b"}"#;
            let ours = Value::parse(text).unwrap();
            // A float goes out as an `f64`, which serde_json writes in its own form.
            assert_eq!(
                serde_json::to_string(&ours).unwrap(),
                text.replace("1e100", "1e+100")
            );
            let back: Value = serde_json::from_str(text).unwrap();
            let mut written = String::new();
            back.write(&mut written);
            assert_eq!(
                written,
                r#"{"type":"music","n":[1,-2,0.5,1e100,true,null],"s":"a\"b"}"#
            );
            assert!(serde_json::from_str::<Value>(r#"{"a":1,"a":2}"#).is_err());
        }

        #[test]
        fn numbers_go_out_as_serde_json_reads_their_text() {
            for text in [
                "0",
                "-0",
                "-0.0",
                "18446744073709551615",
                "18446744073709551616",
                "-9223372036854775808",
                "-9223372036854775809",
                "1.50",
                "1E-400",
                "123456789012345678901234567890",
            ] {
                let ours = Value::parse(text).unwrap();
                let oracle: serde_json::Value = serde_json::from_str(text).unwrap();
                let through_serde = serde_json::to_value(&ours).unwrap();
                assert_eq!(through_serde, oracle, "{text}");
                // `==` on serde_json numbers does not see the sign of zero.
                assert_eq!(through_serde.to_string(), oracle.to_string(), "{text}");
            }
            for text in ["1e400", "-1e400", "1e99999"] {
                let ours = Value::parse(text).unwrap();
                assert!(serde_json::from_str::<serde_json::Value>(text).is_err());
                let error = serde_json::to_string(&ours).unwrap_err();
                assert_eq!(
                    error.to_string(),
                    format!("the number {text} is beyond the range of f64")
                );
            }
        }
    }
}
