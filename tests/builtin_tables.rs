//! The built-in widgets cover their tables: with every parameter set, each one visits exactly
//! the names of its widget's table, signed exactly as the table says. (The derive already
//! rejects a name outside the table; this catches one left out.)

use ok_widget::table::{self, WidgetSpec};
use ok_widget::{
    AttachmentJson, Invite, MediatopicPost, Param, ParamValue, ParamVisitor, Suggest, Widget,
};

#[derive(Default)]
struct Names(Vec<(&'static str, bool)>);

impl ParamVisitor for Names {
    fn visit<V: ParamValue + ?Sized>(&mut self, param: Param, _: &V) {
        self.0.push((param.name(), param.is_signed()));
    }

    fn missing(&mut self, param: Param) {
        panic!("`{}` is missing", param.name());
    }
}

fn visited<W: Widget>(widget: &W) -> Vec<(&'static str, bool)> {
    let mut names = Names::default();
    widget.visit_params(&mut names);
    names.0
}

fn table(cmd: &str) -> Vec<(&'static str, bool)> {
    let spec: &WidgetSpec = table::known_widget(cmd).expect("a known widget");
    spec.params
        .iter()
        .map(|param| (param.name, param.signed))
        .collect()
}

#[test]
fn mediatopic_post_has_every_parameter_of_its_table() {
    let post = MediatopicPost::new(AttachmentJson::from_json(r#"{"media":[]}"#).unwrap())
        .return_url("r")
        .state("s")
        .redirect_uri("u")
        .group_id(1)
        .popup(true)
        .silent(true)
        .utext(true)
        .nohead(true);
    assert_eq!(MediatopicPost::CMD, table::MEDIATOPIC_POST);
    assert_eq!(visited(&post), table(MediatopicPost::CMD));
}

/// `$widget` with every parameter set, through its own setters (Invite and Suggest share them).
macro_rules! every_friends_param {
    ($widget:ident) => {
        $widget::new()
            .return_url("r")
            .state("s")
            .redirect_uri("u")
            .comment("c")
            .autosel(1)
            .custom_args("a")
            .target([1])
            .target_only(true)
            .popup(true)
            .nohead(true)
    };
}

#[test]
fn invite_and_suggest_have_every_parameter_of_their_tables() {
    let invite = every_friends_param!(Invite);
    assert_eq!(Invite::CMD, table::INVITE);
    assert_eq!(visited(&invite), table(Invite::CMD));

    let suggest = every_friends_param!(Suggest);
    assert_eq!(Suggest::CMD, table::SUGGEST);
    assert_eq!(visited(&suggest), table(Suggest::CMD));
}
