//! Every parameter a result arrived with, read strictly: from a query string (percent-decoding
//! checked, UTF-8 checked, duplicates refused) or from a JSON object (the crate's own strict
//! reader, [`crate::json`]), and from any map `serde` hands over.

mod de;
mod decode;

use core::fmt;
use core::ops::Range;

use super::fields::Found;
use super::{MAX_RESULT_INPUT_LEN, ResultError};
use crate::json::{self, Kind, Reader, StringText, SyntaxError};
pub(crate) use de::{Collected, deserialize_via_params};
use decode::{BadEncoding, Piece, decode_piece, raw_name};

/// The parameters of a result, in the order received, each name once.
///
/// Query values are percent-decoded (`+` is a space, as browsers and form decoders read it).
/// A JSON string is its text; a number is its text exactly as received (`12`, `1.50`); any
/// other JSON value is its compact JSON text (`[1,2]`, `true`, `{"a":1}`, members in the order
/// received).
///
/// Nothing received is dropped: a returned `state`, or a field OK adds later, is here.
///
/// ```
/// use ok_widget_runtime::ResultParams;
///
/// let params = ResultParams::from_query("code=OK&selected=%5B1%2C2%5D&state=abc+123")?;
/// assert_eq!(params.get("selected"), Some("[1,2]"));
/// assert_eq!(params.get("state"), Some("abc 123"));
/// assert_eq!(params.iter().map(|(name, _)| name).collect::<Vec<_>>(), ["code", "selected", "state"]);
/// assert!(ResultParams::from_query("code=OK&code=OK").is_err());
/// # Ok::<(), ok_widget_runtime::ResultError>(())
/// ```
#[derive(Clone, Default)]
pub struct ResultParams {
    /// The text every entry points into: one allocation for all the text of a result, however
    /// many parameters it has. A decoded query, names and values back to back; or a JSON text,
    /// read where it lies, followed by the text of the members that could not be (strings with
    /// escapes, arrays, objects). A publish result keeps the text of its `result` fields here
    /// too, after its parameters.
    text: String,
    entries: Entries,
}

/// Equal when they hold the same parameters, values and kinds in the same order, however the
/// text is laid out.
impl PartialEq for ResultParams {
    fn eq(&self, other: &Self) -> bool {
        self.view() == other.view()
    }
}

impl Eq for ResultParams {}

impl fmt::Debug for ResultParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.view(), f)
    }
}

/// The fields of a publish result's `result` JSON ([`PublishResult::result_fields`]),
/// borrowed from the result: read them as [`ResultParams`] are read.
///
/// [`PublishResult::result_fields`]: crate::PublishResult::result_fields
///
/// ```
/// use ok_widget_runtime::PublishResult;
///
/// let result = PublishResult::from_result_json(
///     r#"{"type":"error","code":12,"message":"Cancelled","extra":[1, 2]}"#,
/// )?;
/// let fields = result.result_fields();
/// assert_eq!(fields.get("code"), Some("12"));
/// assert_eq!(fields.get("extra"), Some("[1,2]"));
/// assert_eq!(fields.iter().map(|(name, _)| name).collect::<Vec<_>>(), ["type", "code", "message", "extra"]);
/// # Ok::<(), ok_widget_runtime::ResultError>(())
/// ```
#[derive(Clone, Copy)]
pub struct ResultFields<'a> {
    text: &'a str,
    entries: &'a [Entry],
}

impl<'a> ResultFields<'a> {
    /// The value of `name`, if it was received.
    #[must_use]
    pub fn get(self, name: &str) -> Option<&'a str> {
        self.get_with_kind(name).map(|(value, _)| value)
    }

    /// Every `(name, value)`, in the order received.
    #[must_use]
    pub fn iter(self) -> impl ExactSizeIterator<Item = (&'a str, &'a str)> {
        self.entries.iter().map(move |entry| {
            (
                &self.text[entry.name.range()],
                &self.text[entry.value.range()],
            )
        })
    }

    /// How many fields there are.
    #[must_use]
    pub fn len(self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.entries.is_empty()
    }

    /// The value of `name` and its kind, found in one look-up.
    pub(crate) fn get_with_kind(self, name: &str) -> Option<(&'a str, ValueKind)> {
        find(self.entries, name.as_bytes(), |span| {
            &self.text.as_bytes()[span.range()]
        })
        .map(|entry| (&self.text[entry.value.range()], entry.kind))
    }

    /// Where each of `names` is among the fields (for [`value_at`](Self::value_at)), all
    /// found in one pass.
    #[inline]
    pub(crate) fn find_each<const N: usize>(self, names: [&str; N]) -> [Option<usize>; N] {
        let mut found = [None; N];
        for (index, entry) in self.entries.iter().enumerate() {
            let name = &self.text.as_bytes()[entry.name.range()];
            // Length and first byte first: most names differ there, without a `memcmp`.
            let same = |wanted: &&str| {
                let wanted = wanted.as_bytes();
                wanted.len() == name.len() && wanted.first() == name.first() && wanted == name
            };
            if let Some(at) = names.iter().position(same) {
                found[at] = Some(index);
            }
        }
        found
    }

    /// The value and kind of the field at `index` (from [`find_each`](Self::find_each)).
    #[inline]
    pub(crate) fn value_at(self, index: usize) -> (&'a str, ValueKind) {
        let entry = self.entries[index];
        (&self.text[entry.value.range()], entry.kind)
    }
}

/// Equal when they hold the same fields, values and kinds in the same order.
impl PartialEq for ResultFields<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .entries
                .iter()
                .zip(other.entries)
                .all(|(mine, theirs)| {
                    mine.kind == theirs.kind
                        && self.text[mine.name.range()] == other.text[theirs.name.range()]
                        && self.text[mine.value.range()] == other.text[theirs.value.range()]
                })
    }
}

impl Eq for ResultFields<'_> {}

impl fmt::Debug for ResultFields<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Where a name or a value is in the text of [`ResultParams`].
///
/// `u32` offsets: every text is bounded by [`MAX_RESULT_INPUT_LEN`], far below 4 GiB, and
/// [`Span::new`] refuses what is not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    const EMPTY: Self = Self { start: 0, end: 0 };

    #[inline]
    fn new(range: Range<usize>) -> Result<Self, ResultError> {
        let offset = |at: usize| {
            u32::try_from(at).map_err(|_| ResultError::TooLarge {
                len: at,
                max: MAX_RESULT_INPUT_LEN,
            })
        };
        Ok(Self {
            start: offset(range.start)?,
            end: offset(range.end)?,
        })
    }

    #[inline]
    fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One parameter: where its name and value are, and what the value was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    name: Span,
    value: Span,
    kind: ValueKind,
}

impl Entry {
    const EMPTY: Self = Self {
        name: Span::EMPTY,
        value: Span::EMPTY,
        kind: ValueKind::Text,
    };

    #[inline]
    fn new(name: Range<usize>, value: Range<usize>, kind: ValueKind) -> Result<Self, ResultError> {
        Ok(Self {
            name: Span::new(name)?,
            value: Span::new(value)?,
            kind,
        })
    }
}

/// How many entries are kept without a heap allocation: a result has a handful.
const INLINE_ENTRIES: usize = 4;

/// The entries of [`ResultParams`] (or of a publish result's fields), in the order received.
#[derive(Clone, Debug, Default)]
pub(crate) struct Entries(Storage);

/// Inline up to [`INLINE_ENTRIES`], on the heap beyond.
#[derive(Clone, Debug)]
enum Storage {
    Inline {
        len: usize,
        items: [Entry; INLINE_ENTRIES],
    },
    Heap(Vec<Entry>),
}

impl Default for Storage {
    fn default() -> Self {
        Self::Inline {
            len: 0,
            items: [Entry::EMPTY; INLINE_ENTRIES],
        }
    }
}

impl Entries {
    /// Text members at `(name, value)` ranges of a text, whose names are known to be distinct
    /// and not empty (read from a form fixed in advance).
    #[inline]
    pub(crate) fn of_text_members<const N: usize>(
        members: [(Range<usize>, Range<usize>); N],
    ) -> Result<Self, ResultError> {
        let mut entries = Self::default();
        for (name, value) in members {
            entries.push(Entry::new(name, value, ValueKind::Text)?);
        }
        Ok(entries)
    }

    #[inline]
    fn as_slice(&self) -> &[Entry] {
        match &self.0 {
            Storage::Inline { len, items } => &items[..*len],
            Storage::Heap(items) => items,
        }
    }

    #[inline]
    fn push(&mut self, entry: Entry) {
        match &mut self.0 {
            Storage::Inline { len, items } => {
                if let Some(slot) = items.get_mut(*len) {
                    *slot = entry;
                    *len += 1;
                } else {
                    let mut heap = Vec::with_capacity(2 * INLINE_ENTRIES);
                    heap.extend_from_slice(items);
                    heap.push(entry);
                    self.0 = Storage::Heap(heap);
                }
            }
            Storage::Heap(items) => items.push(entry),
        }
    }
}

/// What a value was before it became text: only JSON has kinds other than text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ValueKind {
    /// A query value or a JSON string.
    Text,
    /// A JSON number.
    Number,
    /// A JSON array.
    Array,
    /// A JSON object, boolean or null.
    Other,
}

impl ValueKind {
    /// The kind of a JSON value.
    #[inline]
    fn of(kind: Kind) -> Self {
        match kind {
            Kind::String => Self::Text,
            Kind::Number => Self::Number,
            Kind::Array => Self::Array,
            Kind::Bool | Kind::Null | Kind::Object => Self::Other,
        }
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Number => "a number",
            Self::Array => "an array",
            Self::Other => "an object, boolean or null",
        }
    }
}

impl ResultParams {
    /// Reads a query string (without the `?`): `name=value` pairs separated by `&`, empty pairs
    /// skipped, a pair without `=` taken as an empty value.
    ///
    /// # Errors
    ///
    /// [`ResultError::TooLarge`], [`ResultError::InvalidPercentEncoding`],
    /// [`ResultError::InvalidUtf8`], [`ResultError::EmptyParameterName`],
    /// [`ResultError::DuplicateParameter`].
    // `#[inline]`: the typed readers (`PublishResult::from_query`) get it inlined.
    #[inline]
    pub fn from_query(query: &str) -> Result<Self, ResultError> {
        check_len(query.len())?;
        // Decoding never lengthens text: one allocation, at its final size. It starts as a copy
        // of the query rather than zeroed: every byte is written before it is read either way,
        // and glibc's `calloc` (behind `vec![0; n]`) skips its per-thread cache, which costs
        // several times a `malloc` and a `memcpy` of this size.
        let mut text = query.as_bytes().to_vec();
        let mut entries = Entries::default();
        let len = decode_query(query, &mut text, &mut entries)?;
        text.truncate(len);
        // Each piece is UTF-8, so the whole is; the check is the one safe way to say so.
        let text = String::from_utf8(text).map_err(|_| BadEncoding::Utf8.of(""))?;
        Ok(Self { text, entries })
    }

    /// The members of a JSON object text (see [`read_object`]).
    pub(crate) fn from_json(json: &str, field: &'static str) -> Result<Self, ResultError> {
        let (mut params, entries) = Self::holding_object(json, field)?;
        params.entries = entries;
        Ok(params)
    }

    /// No parameters, but the text of a JSON object and its members as entries into it (see
    /// [`read_object`]): the fields of a publish result read from its `result` JSON alone.
    pub(crate) fn holding_object(
        json: &str,
        field: &'static str,
    ) -> Result<(Self, Entries), ResultError> {
        check_len(json.len())?;
        let mut text = json.to_owned();
        let entries = read_object(&mut text, 0..json.len(), field)?;
        let params = Self {
            text,
            entries: Entries::default(),
        };
        Ok((params, entries))
    }

    /// The members of the JSON object that the value of `name` holds, as entries into this
    /// text (which grows by the members that are not plain text in it), or `None` without
    /// `name`.
    #[inline]
    pub(crate) fn read_object_in(
        &mut self,
        name: &str,
        field: &'static str,
    ) -> Option<Result<Entries, ResultError>> {
        let json = self.entry(name)?.value.range();
        Some(read_object(&mut self.text, json, field))
    }

    /// Where the value of `name` is in this text, and the text.
    pub(crate) fn value_in_text(&self, name: &str) -> Option<(Range<usize>, &str)> {
        Some((self.entry(name)?.value.range(), &self.text))
    }

    /// `entries` read from this text (by [`read_object_in`](Self::read_object_in)).
    pub(crate) fn fields<'a>(&'a self, entries: &'a Entries) -> ResultFields<'a> {
        ResultFields {
            text: &self.text,
            entries: entries.as_slice(),
        }
    }

    /// The parameters, borrowed.
    pub(crate) fn view(&self) -> ResultFields<'_> {
        self.fields(&self.entries)
    }

    /// The value of `name`, if it was received.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.view().get(name)
    }

    /// Every `(name, value)`, in the order received.
    #[must_use]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.view().iter()
    }

    /// How many parameters there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.as_slice().len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.as_slice().is_empty()
    }

    fn entry(&self, name: &str) -> Option<Entry> {
        find(self.entries.as_slice(), name.as_bytes(), |span| {
            &self.text.as_bytes()[span.range()]
        })
    }
}

/// How long a query [`with_decoded_param`] decodes on the stack may be: a publish redirect (its
/// `result`, a returned `state`, a few parameters of the application's) is well within.
const STACK_QUERY_LEN: usize = 512;

/// The value of the parameter `name` of `query`, decoded as [`ResultParams::from_query`]
/// decodes it, with the same checks and errors for every parameter, into a stack buffer (or,
/// beyond [`STACK_QUERY_LEN`] bytes, one allocation), and handed to `read`: for a result read
/// and verified in one step, whose text is not kept (`PublishResult::parse_and_verify`).
///
/// # Errors
///
/// What [`ResultParams::from_query`] reports, [`ResultError::MissingField`] naming `name`
/// without it, or what `read` reports.
#[inline]
pub(crate) fn with_decoded_param<T>(
    query: &str,
    name: &'static str,
    read: impl FnOnce(&str) -> Result<T, ResultError>,
) -> Result<T, ResultError> {
    check_len(query.len())?;
    let mut stack = [0u8; STACK_QUERY_LEN];
    let mut heap = Vec::new();
    let out = if let Some(out) = stack.get_mut(..query.len()) {
        out
    } else {
        heap.extend_from_slice(query.as_bytes());
        &mut heap[..]
    };
    let mut entries = Entries::default();
    let len = decode_query(query, out, &mut entries)?;
    // Each piece is UTF-8, so the whole is; the check is the one safe way to say so.
    let text = core::str::from_utf8(&out[..len]).map_err(|_| BadEncoding::Utf8.of(""))?;
    let entry = find(entries.as_slice(), name.as_bytes(), |span| {
        &text.as_bytes()[span.range()]
    })
    .ok_or(ResultError::MissingField { field: name })?;
    read(&text[entry.value.range()])
}

/// How many members besides the wanted ones [`plain_fields`] keeps track of (to refuse a
/// repeat); an object with more goes to the general reader.
const PLAIN_OTHER_MEMBERS: usize = 8;

/// The value and kind of each of `wanted` in the JSON object `json`, into `found` (which starts
/// empty), read in one pass when it is in the common form of [`json::plain_flat_object`] and
/// has at most [`PLAIN_OTHER_MEMBERS`] other members; `None` otherwise, for the caller to read it with
/// [`read_object`]. What it finds, and what it refuses (an empty or a repeated name, the first
/// one in the text), are what [`read_object`] and [`ResultFields::find_each`] come to: a
/// property test holds the two to it.
///
/// It is [`read_object`] without the entries, for a reader that wants a few fields and keeps
/// nothing: each name is compared with the wanted ones as it is read.
#[inline]
pub(crate) fn plain_fields<'t, const N: usize>(
    json: &'t str,
    wanted: [&str; N],
    found: &mut [Found<'t>; N],
) -> Option<Result<(), ResultError>> {
    let mut others: [&[u8]; PLAIN_OTHER_MEMBERS] = [&[]; PLAIN_OTHER_MEMBERS];
    let mut other_count = 0;
    let mut refused = None;
    let bytes = json.as_bytes();
    json::plain_flat_object(json, |name, kind, value| {
        let name = &bytes[name];
        let repeated = if let Some(at) = wanted.iter().position(|wanted| wanted.as_bytes() == name)
        {
            let repeated = found[at].is_some();
            found[at] = Some((&json[value], ValueKind::of(kind)));
            repeated
        } else {
            let repeated = others[..other_count].contains(&name);
            let Some(slot) = others.get_mut(other_count) else {
                return false;
            };
            *slot = name;
            other_count += 1;
            repeated
        };
        if refused.is_none() {
            if name.is_empty() {
                refused = Some(ResultError::EmptyParameterName);
            } else if repeated {
                refused = Some(ResultError::DuplicateParameter {
                    name: String::from_utf8_lossy(name).into_owned(),
                });
            }
        }
        true
    })?;
    Some(match refused {
        Some(error) => Err(error),
        None => Ok(()),
    })
}

/// Decodes `query` into `out` (at least as long as `query`: decoding never lengthens), names
/// and values back to back, each piece checked as it is decoded (see [`decode_piece`]), and
/// each name checked once (see [`check_name`]). Each pair's entry (ranges of `out`) is pushed to
/// `entries`, filled in place so that the list is copied nowhere. Returns the decoded length.
/// The caller has checked the length ([`check_len`]).
///
/// One decoder for both owners of the text: [`ResultParams::from_query`] (a `Vec`) and the
/// one-step publish verification (a stack buffer, [`with_decoded_param`]).
#[inline]
fn decode_query(query: &str, out: &mut [u8], entries: &mut Entries) -> Result<usize, ResultError> {
    let mut written = 0;
    let mut at = 0;
    while at < query.len() {
        if query.as_bytes()[at] == b'&' {
            // An empty pair.
            at += 1;
            continue;
        }
        let name_start = written;
        let (name_end, value_start) = decode_piece(out, written, query, at, Piece::Name)
            .map_err(|bad| bad.of(raw_name(query, at)))?;
        let (mut pair_end, mut value_end) = (name_end, value_start);
        if query.as_bytes().get(name_end) == Some(&b'=') {
            (pair_end, value_end) =
                decode_piece(out, value_start, query, name_end + 1, Piece::Value).map_err(
                    |bad| bad.of(&String::from_utf8_lossy(&out[name_start..value_start])),
                )?;
        }
        let entry = Entry::new(
            name_start..value_start,
            value_start..value_end,
            ValueKind::Text,
        )?;
        check_name(entries.as_slice(), entry, |span| &out[span.range()])?;
        entries.push(entry);
        written = value_end;
        at = pair_end + 1;
    }
    Ok(written)
}

/// The entry named `name`, the text of a span given by `text_of`.
#[inline]
fn find<'t>(entries: &[Entry], name: &[u8], text_of: impl Fn(Span) -> &'t [u8]) -> Option<Entry> {
    entries
        .iter()
        .copied()
        .find(|entry| text_of(entry.name) == name)
}

/// Checks the name of `entry`, about to be added to `entries`: the one place where names are
/// checked, for every channel.
#[inline]
fn check_name<'t>(
    entries: &[Entry],
    entry: Entry,
    text_of: impl Fn(Span) -> &'t [u8],
) -> Result<(), ResultError> {
    let name = text_of(entry.name);
    if name.is_empty() {
        return Err(ResultError::EmptyParameterName);
    }
    if find(entries, name, text_of).is_some() {
        return Err(ResultError::DuplicateParameter {
            // Names are checked UTF-8 before they get here: nothing is replaced.
            name: String::from_utf8_lossy(name).into_owned(),
        });
    }
    Ok(())
}

/// Reads the JSON object at `json` in `text` with the crate's strict reader, into entries
/// pointing into `text`: a string without escapes, a number (its exact text), `true`, `false`
/// and `null` stay where they are; a string with escapes (unescaped) and an array or object
/// (compact JSON) are written after the end of `text`. Nothing is allocated unless something
/// is written.
///
/// A repeated member is refused once the whole text is read, so that malformed JSON is
/// reported as such wherever a repeat stands. `field` names the JSON in errors.
#[inline]
fn read_object(
    text: &mut String,
    json: Range<usize>,
    field: &'static str,
) -> Result<Entries, ResultError> {
    match read_plain_object(text, json.clone()) {
        Some(read) => read,
        None => read_any_object(text, json, field),
    }
}

/// [`read_object`] for every form of object.
#[inline(never)]
fn read_any_object(
    text: &mut String,
    json: Range<usize>,
    field: &'static str,
) -> Result<Entries, ResultError> {
    let invalid = |error: SyntaxError| ResultError::InvalidJson {
        field,
        reason: error.to_string(),
    };
    // Written text lands at `end` and beyond once appended.
    let end = text.len();
    let mut written = String::new();
    let mut entries = Entries::default();
    let mut refused = None;
    let mut reader = Reader::new(&text[json.clone()]);
    let in_json = |range: Range<usize>| json.start + range.start..json.start + range.end;
    let located = |string: StringText| match string {
        StringText::Input(range) => in_json(range),
        StringText::Appended(range) => end + range.start..end + range.end,
    };
    reader.begin_object().map_err(invalid)?;
    while let Some(name) = reader.next_key_at(&mut written).map_err(invalid)? {
        let name = located(name);
        let kind = reader.peek().map_err(invalid)?;
        let value = match kind {
            Kind::String => located(reader.string_at(&mut written).map_err(invalid)?),
            Kind::Number | Kind::Bool | Kind::Null => {
                let start = reader.position();
                match kind {
                    Kind::Number => reader.number().map(drop),
                    Kind::Bool => reader.bool().map(drop),
                    _ => reader.null(),
                }
                .map_err(invalid)?;
                in_json(start..reader.position())
            }
            Kind::Array | Kind::Object => {
                let start = written.len();
                reader.value_into(&mut written).map_err(invalid)?;
                end + start..end + written.len()
            }
        };
        let entry = Entry::new(name, value, ValueKind::of(kind))?;
        if refused.is_none() {
            let text_of = |span: Span| {
                let range = span.range();
                if range.start < end {
                    &text.as_bytes()[range]
                } else {
                    &written.as_bytes()[range.start - end..range.end - end]
                }
            };
            refused = check_name(entries.as_slice(), entry, text_of).err();
        }
        entries.push(entry);
    }
    reader.finish().map_err(invalid)?;
    if let Some(error) = refused {
        return Err(error);
    }
    text.push_str(&written);
    Ok(entries)
}

/// [`read_object`] for an object in the common form of [`json::plain_flat_object`], every
/// member read where it lies; `None` if it is not in that form.
#[inline]
fn read_plain_object(text: &str, json: Range<usize>) -> Option<Result<Entries, ResultError>> {
    let mut entries = Entries::default();
    let mut refused = None;
    let in_json = |range: Range<usize>| json.start + range.start..json.start + range.end;
    json::plain_flat_object(&text[json.clone()], |name, kind, value| {
        // Beyond `u32`: let the general reader say so.
        let Ok(entry) = Entry::new(in_json(name), in_json(value), ValueKind::of(kind)) else {
            return false;
        };
        if refused.is_none() {
            let text_of = |span: Span| &text.as_bytes()[span.range()];
            refused = check_name(entries.as_slice(), entry, text_of).err();
        }
        entries.push(entry);
        true
    })?;
    Some(match refused {
        Some(error) => Err(error),
        None => Ok(entries),
    })
}

pub(crate) fn check_len(len: usize) -> Result<(), ResultError> {
    if len > MAX_RESULT_INPUT_LEN {
        Err(ResultError::TooLarge {
            len,
            max: MAX_RESULT_INPUT_LEN,
        })
    } else {
        Ok(())
    }
}

/// Where a result's parameters are, once the form of the input is known.
pub(crate) enum Input<'a> {
    /// A query string, without `?`.
    Query(&'a str),
    /// A JSON object text (a postMessage, or the `result` JSON of a publish redirect).
    Json(&'a str),
}

impl<'a> Input<'a> {
    /// Tells a redirect URL, a query string and a JSON text apart.
    ///
    /// * Text starting with `{` is JSON.
    /// * Text starting with a URL scheme (`https://`, `ok512000000001://`) is a URL: its query
    ///   is read, its fragment ignored.
    /// * Anything else is a query string, with or without a leading `?`.
    pub(crate) fn classify(input: &'a str) -> Result<Self, ResultError> {
        check_len(input.len())?;
        let text = input.trim_ascii();
        if text.starts_with('{') {
            Ok(Self::Json(text))
        } else if has_scheme(text) {
            query_of_url(text).map(Self::Query)
        } else {
            Ok(Self::Query(text.strip_prefix('?').unwrap_or(text)))
        }
    }
}

/// The query of a URL: after the first `?`, up to the fragment.
pub(crate) fn query_of_url(url: &str) -> Result<&str, ResultError> {
    check_len(url.len())?;
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    url.split_once('?')
        .map(|(_, query)| query)
        .ok_or(ResultError::NoQuery)
}

/// `scheme://` at the start, scheme as in RFC 3986: a letter, then letters, digits, `+-.`.
///
/// The scheme's characters are read up to the first other one, which must start `://`: a
/// query (`result=…`) is told apart within its first name, never searched through.
fn has_scheme(text: &str) -> bool {
    let bytes = text.as_bytes();
    let scheme = bytes
        .iter()
        .position(|&byte| !(byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'-' | b'.')))
        .unwrap_or(bytes.len());
    bytes.first().is_some_and(u8::is_ascii_alphabetic) && bytes[scheme..].starts_with(b"://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_members_keep_their_text() {
        let json = r#"{"s":"a\"b\u00e9","n":1.50,"big":18446744073709551616,"t":true,"z":null,
            "a":[1, 2.0 ,"x"],"o":{"z":1,"a":{"m":-0}}}"#;
        let params = ResultParams::from_json(json, "message").unwrap();
        let kinds: Vec<_> = ["s", "n", "big", "t", "z", "a", "o"]
            .iter()
            .map(|name| params.view().get_with_kind(name).unwrap())
            .collect();
        assert_eq!(
            kinds,
            [
                ("a\"bé", ValueKind::Text),
                ("1.50", ValueKind::Number),
                ("18446744073709551616", ValueKind::Number),
                ("true", ValueKind::Other),
                ("null", ValueKind::Other),
                (r#"[1,2.0,"x"]"#, ValueKind::Array),
                (r#"{"z":1,"a":{"m":-0}}"#, ValueKind::Other),
            ]
        );
        // What could not be read in place was written once, after the JSON text.
        assert_eq!(
            &params.text[json.len()..],
            r#"a"bé[1,2.0,"x"]{"z":1,"a":{"m":-0}}"#
        );
    }

    /// The members read from `json` by one of the two object readers, or the error.
    fn read_with(
        read: impl Fn(&mut String, Range<usize>) -> Result<Entries, ResultError>,
        json: &str,
    ) -> Result<Vec<(String, String, ValueKind)>, ResultError> {
        let mut text = format!("pre{json}");
        let entries = read(&mut text, 3..3 + json.len())?;
        let params = ResultParams {
            text,
            entries: Entries::default(),
        };
        let fields = params.fields(&entries);
        Ok(fields
            .entries
            .iter()
            .map(|entry| {
                let name = &fields.text[entry.name.range()];
                let (value, kind) = fields.get_with_kind(name).unwrap();
                (name.to_owned(), value.to_owned(), kind)
            })
            .collect())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// What the common-form reader accepts, the general reader reads to the same members
        /// (or refuses for the same repeated name); what the general reader refuses, the
        /// common-form reader does not accept.
        #[test]
        fn the_common_form_reads_as_the_general_reader_does(
            members in proptest::collection::vec(
                (
                    proptest::sample::select(&["\"a\"", "\"b\"", "\"id\"", "\"\"", "\"a\\\"\"", "\"\\u0061\"", "\"é\"", "a", "\"\t\""][..]),
                    proptest::sample::select(&[":", ":", ":", " :", ": ", ""][..]),
                    proptest::sample::select(&[
                        "\"x\"", "\"\"", "\"x\\ny\"", "\"\x01\"", "\"67601141224721\"", "\"a120adb6e1883758ca7f67f859808732\"",
                        "1", "-0", "0", "01", "1.", "1.5e+3", "-12.50E-7", "1e", "-", "--1", "+1", "18446744073709551616",
                        "true", "false", "null", "nul", "tru", "truex", "[]", "[1,\"a\"]", "{}", "{\"k\":1}", "x", "",
                    ][..]),
                    proptest::sample::select(&[",", ",", ",", " ,", ", ", "", ",,"][..]),
                ),
                0..5,
            ),
            open in proptest::sample::select(&["{", "{", "{", " {", "{ ", "", "["][..]),
            close in proptest::sample::select(&["}", "}", "}", "} ", " }", "", "}}", "}x"][..]),
            // Half the objects with their punctuation as OK writes it, so that the common
            // form is met often.
            tidy: bool,
        ) {
            let mut json = if tidy { "{" } else { open }.to_owned();
            for (index, (key, colon, value, comma)) in members.iter().enumerate() {
                if index > 0 {
                    json.push_str(if tidy { "," } else { comma });
                }
                json.push_str(key);
                json.push_str(if tidy { ":" } else { colon });
                json.push_str(value);
            }
            json.push_str(if tidy { "}" } else { close });
            let general = read_with(|text, json| read_any_object(text, json, "result"), &json);
            // `NoQuery` stands for "not in the common form".
            let plain = |text: &mut String, json| {
                read_plain_object(text, json).unwrap_or(Err(ResultError::NoQuery))
            };
            match read_with(plain, &json) {
                // Not in the common form: left to the general reader.
                Err(ResultError::NoQuery) => {}
                fast => proptest::prop_assert_eq!(fast, general, "{}", json),
            }
        }
    }

    #[test]
    fn the_common_form_is_what_ok_sends() {
        for json in [
            r#"{"type":"success","id":"67601141224721","signature":"a120adb6e1883758ca7f67f859808732"}"#,
            r#"{"type":"error","code":12,"message":"Operation was cancelled by user"}"#,
            r#"{"code":"OK","later":true,"n":null,"x":-1.5e3}"#,
            "{}",
        ] {
            assert!(read_plain_object(json, 0..json.len()).is_some(), "{json}");
        }
        for json in [
            r#"{ "type":"success"}"#,
            r#"{"message":"a\"b"}"#,
            r#"{"selected":[1,2]}"#,
            r#"{"a":1}  "#,
            r#"{"a":01}"#,
        ] {
            assert!(read_plain_object(json, 0..json.len()).is_none(), "{json}");
        }
    }

    #[test]
    fn plain_json_members_are_read_in_place() {
        let json = r#"{"type":"success","id":"67601141224721","n":-1.5e3,"ok":true}"#;
        let params = ResultParams::from_json(json, "result").unwrap();
        assert_eq!(params.text, json);
        assert_eq!(
            params.text.capacity(),
            json.len(),
            "one allocation, never regrown"
        );
        assert_eq!(params.get("n"), Some("-1.5e3"));
    }

    #[test]
    fn json_errors_name_the_field_and_say_where() {
        for (json, reason) in [
            ("[1]", "expected an object at line 1 column 1"),
            (r#"{"a":1"#, "expected `,` or `}` at line 1 column 7"),
            (
                r#"{"a":{"b":1,"b":2}}"#,
                "duplicate key at line 1 column 17",
            ),
            (
                r#"{"a":01}"#,
                "invalid number: leading zero at line 1 column 7",
            ),
        ] {
            assert_eq!(
                ResultParams::from_json(json, "result"),
                Err(ResultError::InvalidJson {
                    field: "result",
                    reason: reason.into()
                }),
                "{json}"
            );
        }
        // A repeated member is reported only if the text is JSON.
        assert_eq!(
            ResultParams::from_json(r#"{"a":1,"a":2}"#, "result"),
            Err(ResultError::DuplicateParameter { name: "a".into() })
        );
        assert!(matches!(
            ResultParams::from_json(r#"{"a":1,"a":2,}"#, "result"),
            Err(ResultError::InvalidJson { .. })
        ));
        assert_eq!(
            ResultParams::from_json(r#"{"":1}"#, "result"),
            Err(ResultError::EmptyParameterName)
        );
    }

    #[test]
    fn many_parameters_move_to_the_heap_in_order() {
        let query: Vec<String> = (0..3 * INLINE_ENTRIES)
            .map(|i| format!("p{i}={i}"))
            .collect();
        let params = ResultParams::from_query(&query.join("&")).unwrap();
        assert_eq!(params.len(), 3 * INLINE_ENTRIES);
        assert!(matches!(params.entries.0, Storage::Heap(_)));
        for (i, (name, value)) in params.iter().enumerate() {
            assert_eq!(
                (name, value),
                (format!("p{i}").as_str(), i.to_string().as_str())
            );
        }
        let few = ResultParams::from_query("a=1&b=2").unwrap();
        assert!(matches!(few.entries.0, Storage::Inline { len: 2, .. }));
        let mut same = few.clone();
        same.entries = Entries(Storage::Heap(few.entries.as_slice().to_vec()));
        assert_eq!(same, few, "equal whatever the storage");
        assert_eq!(
            ResultParams::from_query(&format!("{}&p3=again", query.join("&"))),
            Err(ResultError::DuplicateParameter { name: "p3".into() })
        );
    }

    #[test]
    fn query_errors_name_the_parameter() {
        assert_eq!(
            ResultParams::from_query("ok=1&na%D0me=%AF"),
            Err(ResultError::InvalidUtf8 {
                parameter: "na%D0me".into()
            })
        );
        // Each piece on its own: a name and a value that would make a character together
        // are both refused.
        assert_eq!(
            ResultParams::from_query("%D0=%AF"),
            Err(ResultError::InvalidUtf8 {
                parameter: "%D0".into()
            })
        );
        assert_eq!(
            ResultParams::from_query("name=%AF"),
            Err(ResultError::InvalidUtf8 {
                parameter: "name".into()
            })
        );
        let long = "n".repeat(100);
        assert_eq!(
            ResultParams::from_query(&format!("{long}=%")),
            Err(ResultError::InvalidPercentEncoding {
                parameter: format!("{}...", "n".repeat(64))
            })
        );
    }

    #[test]
    fn input_forms_are_told_apart() {
        let query = |input| match Input::classify(input).unwrap() {
            Input::Query(query) => query,
            Input::Json(_) => panic!("{input} is not JSON"),
        };
        assert_eq!(query("https://a.example/cb?x=1#frag"), "x=1");
        assert_eq!(query("ok512000000001://WidgetInvite?code=OK"), "code=OK");
        assert_eq!(query("?x=1"), "x=1");
        assert_eq!(query("x=1"), "x=1");
        assert_eq!(
            query("result=https://a.example/?q"),
            "result=https://a.example/?q"
        );
        assert!(matches!(
            Input::classify(" {\"id\":\"1\"} "),
            Ok(Input::Json("{\"id\":\"1\"}"))
        ));
        assert!(matches!(
            Input::classify("https://a.example/cb"),
            Err(ResultError::NoQuery)
        ));
    }

    /// `has_scheme` reads the scheme's characters and stops at the first other one; the rule
    /// as written (the text before the first `://` is a scheme) must come to the same.
    #[test]
    fn a_scheme_is_found_without_searching_the_text() {
        let by_rule = |text: &str| {
            text.split_once("://").is_some_and(|(scheme, _)| {
                let mut chars = scheme.chars();
                chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                    && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            })
        };
        let pieces = [
            "a", "Z", "1", "+", ".", "-", ":", "/", "//", "://", "?", "=", "я", "%", "",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|text| pieces.iter().map(move |piece| format!("{text}{piece}")))
                .collect();
            texts.extend(longer);
            texts.sort();
            texts.dedup();
        }
        for text in &texts {
            assert_eq!(has_scheme(text), by_rule(text), "{text:?}");
        }
        assert!(has_scheme("ok512000000001://WidgetInvite?code=OK"));
        assert!(!has_scheme("result=https://a.example/"));
    }
}
