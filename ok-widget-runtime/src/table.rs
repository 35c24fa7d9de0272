//! The protocol tables of `protocol.md` sections 2 and 4: which parameters each widget accepts,
//! which are signed, required or flags.
//!
// Compiled here, in the derive (which checks every `#[derive(OkWidget)]` against it) and in the
// emulator, through symbolic links: plain `core` Rust, no imports, every item usable by each.

/// How a parameter's value is written on the wire (the derive checks a field's type by it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// Free text, sent as given (`st.state`, `st.comment`, `st.custom_args`).
    Text,
    /// An absolute `http`/`https` URL (`st.return`).
    ReturnUrl,
    /// An absolute URI with a scheme, such as `okwidget://widgetinvite` (`st.redirect_uri`).
    RedirectUri,
    /// `on` / `off` (`st.popup`, `st.silent`, `st.utext`, `st.nohead`, `st.target_only`).
    Flag,
    /// A count: a decimal integer (`st.autosel`).
    Integer,
    /// A positive decimal 64-bit id (`st.groupId`).
    Id,
    /// Comma-separated positive decimal ids (`st.target`: `1,2,3`).
    IdList,
    /// The mediatopic attachment: JSON text or its base64 (`st.attachment`).
    Attachment,
}

/// One parameter of a widget's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamSpec {
    /// The query name, such as `st.return`.
    pub name: &'static str,
    /// Whether the widget fails without it.
    pub required: bool,
    /// Whether it is part of `st.signature`'s source.
    pub signed: bool,
    /// What its value looks like.
    pub kind: ValueKind,
}

/// What a widget sends back (protocol.md section 6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultKind {
    /// `result={"type":"success","id","signature"}`, signed `md5("id=" + id + secret)`.
    Publish,
    /// `code`, `selected`, `sig` (invite and suggest).
    Friends,
}

/// The parameter table of one widget (`st.cmd`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WidgetSpec {
    /// The `st.cmd` value.
    pub cmd: &'static str,
    /// Every parameter the widget accepts, in ascending byte order of name.
    pub params: &'static [ParamSpec],
    /// What it sends back.
    pub result: ResultKind,
}

impl WidgetSpec {
    /// The parameter named `name`, if this widget accepts it.
    #[must_use]
    pub fn param(&self, name: &str) -> Option<&'static ParamSpec> {
        self.params.iter().find(|param| param.name == name)
    }
}

const fn param(name: &'static str, required: bool, signed: bool, kind: ValueKind) -> ParamSpec {
    ParamSpec {
        name,
        required,
        signed,
        kind,
    }
}

/// `st.cmd` of the publishing widget.
pub const MEDIATOPIC_POST: &str = "WidgetMediatopicPost";

const PUBLISH_PARAMS: &[ParamSpec] = &[
    param("st.attachment", true, true, ValueKind::Attachment),
    param("st.groupId", false, false, ValueKind::Id),
    param("st.nohead", false, false, ValueKind::Flag),
    param("st.popup", false, false, ValueKind::Flag),
    param("st.redirect_uri", false, true, ValueKind::RedirectUri),
    param("st.return", false, true, ValueKind::ReturnUrl),
    param("st.silent", false, false, ValueKind::Flag),
    param("st.state", false, true, ValueKind::Text),
    param("st.utext", false, false, ValueKind::Flag),
];

// WidgetInvite and WidgetSuggest take the same parameters.
const FRIENDS_PARAMS: &[ParamSpec] = &[
    param("st.autosel", false, false, ValueKind::Integer),
    param("st.comment", false, false, ValueKind::Text),
    param("st.custom_args", false, false, ValueKind::Text),
    param("st.nohead", false, false, ValueKind::Flag),
    param("st.popup", false, false, ValueKind::Flag),
    param("st.redirect_uri", false, true, ValueKind::RedirectUri),
    param("st.return", false, true, ValueKind::ReturnUrl),
    param("st.state", false, true, ValueKind::Text),
    param("st.target", false, false, ValueKind::IdList),
    param("st.target_only", false, false, ValueKind::Flag),
];

/// The widgets whose parameters OK documents (protocol.md section 2).
pub const KNOWN_WIDGETS: [WidgetSpec; 3] = [
    WidgetSpec {
        cmd: MEDIATOPIC_POST,
        params: PUBLISH_PARAMS,
        result: ResultKind::Publish,
    },
    WidgetSpec {
        cmd: "WidgetInvite",
        params: FRIENDS_PARAMS,
        result: ResultKind::Friends,
    },
    WidgetSpec {
        cmd: "WidgetSuggest",
        params: FRIENDS_PARAMS,
        result: ResultKind::Friends,
    },
];

/// The table of a known widget, by its `st.cmd`.
#[must_use]
pub fn known_widget(cmd: &str) -> Option<&'static WidgetSpec> {
    KNOWN_WIDGETS.iter().find(|widget| widget.cmd == cmd)
}

/// Whether `name` is one of the four parameters that are always signed (protocol.md section 4).
#[must_use]
pub fn is_always_signed(name: &str) -> bool {
    ["st.attachment", "st.redirect_uri", "st.return", "st.state"].contains(&name)
}

/// Whether `name` is written by the library itself: no field may map to one of them.
#[must_use]
pub fn is_reserved(name: &str) -> bool {
    [
        "st.access_token",
        "st.app",
        "st.cmd",
        "st.session_key",
        "st.signature",
    ]
    .contains(&name)
}

/// The kind of the parameter `name`, the same in every widget OK documents that takes it: OK
/// reads a name the same way in every widget, documented or not (protocol.md section 2).
/// `None` for a name none of them takes.
#[must_use]
pub const fn kind_of(name: &str) -> Option<ValueKind> {
    let tables = [PUBLISH_PARAMS, FRIENDS_PARAMS];
    let mut table = 0;
    while table < tables.len() {
        let mut at = 0;
        while at < tables[table].len() {
            if same(tables[table][at].name, name) {
                return Some(tables[table][at].kind);
            }
            at += 1;
        }
        table += 1;
    }
    None
}

/// `a == b`, in a `const fn`.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut at = 0;
    while at < a.len() {
        if a[at] != b[at] {
            return false;
        }
        at += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_has_one_kind_in_every_table() {
        for widget in KNOWN_WIDGETS {
            for param in widget.params {
                assert_eq!(kind_of(param.name), Some(param.kind), "{}", param.name);
            }
        }
        assert_eq!(kind_of("st.level"), None);
    }
}
