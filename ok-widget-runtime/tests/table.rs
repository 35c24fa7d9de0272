//! The protocol tables are consistent with each other and with protocol.md sections 2 and 4:
//! the derive relies on every property checked here.

use ok_widget_runtime::table::{
    self, KNOWN_WIDGETS, ParamSpec, RESERVED_PARAMS, SIGNED_PARAMS, ValueKind,
};

fn all_params() -> impl Iterator<Item = (&'static str, &'static ParamSpec)> {
    KNOWN_WIDGETS
        .iter()
        .flat_map(|widget| widget.params.iter().map(move |param| (widget.cmd, param)))
}

fn assert_strictly_ascending(what: &str, names: &[&str]) {
    for pair in names.windows(2) {
        assert!(
            pair[0].as_bytes() < pair[1].as_bytes(),
            "{what}: `{}` must come before `{}` in ascending byte order, with no duplicates",
            pair[1],
            pair[0]
        );
    }
}

#[test]
fn every_table_is_sorted_by_byte_order_without_duplicates() {
    for widget in &KNOWN_WIDGETS {
        let names: Vec<&str> = widget.params.iter().map(|param| param.name).collect();
        assert_strictly_ascending(widget.cmd, &names);
    }
    assert_strictly_ascending("SIGNED_PARAMS", &SIGNED_PARAMS);
    assert_strictly_ascending("RESERVED_PARAMS", &RESERVED_PARAMS);
}

#[test]
fn the_signed_column_agrees_with_signed_params() {
    for (cmd, param) in all_params() {
        assert_eq!(
            param.signed,
            SIGNED_PARAMS.contains(&param.name),
            "{cmd}: `{}` is signed in its table exactly when it is in SIGNED_PARAMS",
            param.name
        );
        assert_eq!(param.signed, table::is_always_signed(param.name));
    }
    for name in SIGNED_PARAMS {
        assert!(
            all_params().any(|(_, param)| param.name == name && param.signed),
            "`{name}` is in SIGNED_PARAMS but no widget's table signs it"
        );
    }
}

#[test]
fn no_table_has_a_name_the_library_writes_itself() {
    for (cmd, param) in all_params() {
        assert!(!table::is_reserved(param.name), "{cmd}: `{}`", param.name);
    }
    for name in RESERVED_PARAMS {
        assert!(table::is_reserved(name));
        assert!(!table::is_always_signed(name));
    }
}

#[test]
fn every_name_is_st_and_url_safe() {
    for name in all_params()
        .map(|(_, param)| param.name)
        .chain(RESERVED_PARAMS)
    {
        let stem = name
            .strip_prefix("st.")
            .unwrap_or_else(|| panic!("`{name}`"));
        assert!(!stem.is_empty());
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_'),
            "`{name}` would need percent-encoding"
        );
    }
}

#[test]
fn flags_and_required_parameters_are_protocol_md_section_2() {
    let mut flags: Vec<&str> = all_params()
        .filter(|(_, param)| param.kind == ValueKind::Flag)
        .map(|(_, param)| param.name)
        .collect();
    flags.sort_unstable();
    flags.dedup();
    assert_eq!(
        flags,
        [
            "st.nohead",
            "st.popup",
            "st.silent",
            "st.target_only",
            "st.utext"
        ]
    );
    let required: Vec<(&str, &str)> = all_params()
        .filter(|(_, param)| param.required)
        .map(|(cmd, param)| (cmd, param.name))
        .collect();
    assert_eq!(required, [(table::MEDIATOPIC_POST, "st.attachment")]);
}

#[test]
fn widgets_are_found_by_cmd() {
    for widget in &KNOWN_WIDGETS {
        assert_eq!(table::known_widget(widget.cmd), Some(widget));
        for param in widget.params {
            assert_eq!(widget.param(param.name), Some(param));
        }
        assert_eq!(widget.param("st.cmd"), None);
    }
    let cmds: Vec<&str> = KNOWN_WIDGETS.iter().map(|widget| widget.cmd).collect();
    assert_eq!(
        cmds,
        [table::MEDIATOPIC_POST, table::INVITE, table::SUGGEST]
    );
    assert_eq!(table::known_widget("WidgetInvit"), None);
}

#[test]
fn the_common_kinds_are_those_of_every_table() {
    for (cmd, param) in all_params() {
        if let Some(kind) = table::common_kind(param.name) {
            assert_eq!(param.kind, kind, "{cmd}: `{}`", param.name);
        }
    }
    for name in ["st.return", "st.redirect_uri", "st.state"] {
        assert!(table::common_kind(name).is_some(), "`{name}`");
        for widget in &KNOWN_WIDGETS {
            assert!(widget.param(name).is_some(), "{}: `{name}`", widget.cmd);
        }
    }
    assert_eq!(table::common_kind("st.comment"), None);
    assert_eq!(table::common_kind("st.attachment"), None);
}
