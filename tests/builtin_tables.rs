//! The protocol tables (protocol.md sections 2 and 4), seen from outside the runtime, which
//! keeps them private: the built-in widgets, derived from them, visit exactly the parameters
//! protocol.md lists, in byte order, signed as it says; and the emulator, which checks requests
//! by the same tables, agrees: it takes each of them and no other widget's, requires only
//! `st.attachment`, reads the flags as flags and checks the signed ones, and knows the three
//! widgets by their `st.cmd`.

mod common;

use common::{InviteTexts, LIBRARY_PARAMS, PostTexts, SIGNED_PARAMS};
use ok_widget::encode::encode_uri_component;
use ok_widget::testing::{Emulator, EmulatorError};
use ok_widget::{
    App, Attachment, AttachmentJson, Credentials, Invite, MediatopicPost, Param, ParamValue,
    ParamVisitor, Suggest, Widget, WidgetRequest,
};

const APP_SECRET: &str = "0A1B2C3D4E5F60718293A4B5";

/// protocol.md section 2: the parameters of `WidgetMediatopicPost`, in byte order.
const PUBLISH: [&str; 9] = [
    "st.attachment",
    "st.groupId",
    "st.nohead",
    "st.popup",
    "st.redirect_uri",
    "st.return",
    "st.silent",
    "st.state",
    "st.utext",
];

/// protocol.md section 2: the parameters of `WidgetInvite` and `WidgetSuggest`, in byte order.
const FRIENDS: [&str; 10] = [
    "st.autosel",
    "st.comment",
    "st.custom_args",
    "st.nohead",
    "st.popup",
    "st.redirect_uri",
    "st.return",
    "st.state",
    "st.target",
    "st.target_only",
];

/// protocol.md section 2: the parameters that take `on` or `off`.
const FLAGS: [&str; 5] = [
    "st.nohead",
    "st.popup",
    "st.silent",
    "st.target_only",
    "st.utext",
];

/// Each parameter's name and whether it is signed, as a widget visits them.
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

/// protocol.md's list, each name signed exactly when it is one of the four signed ones.
fn signed_as_the_protocol_says(names: &[&'static str]) -> Vec<(&'static str, bool)> {
    names
        .iter()
        .map(|&name| (name, SIGNED_PARAMS.contains(&name)))
        .collect()
}

fn app() -> App {
    App::new(
        "512000000001".parse().unwrap(),
        Credentials::application(APP_SECRET).unwrap(),
    )
}

fn post_json(text: &str) -> AttachmentJson {
    AttachmentJson::from_attachment(&Attachment::new().text(text)).unwrap()
}

/// `$widget` with every parameter set, through its own setters (Invite and Suggest share them).
macro_rules! every_friends_param {
    ($widget:ident) => {
        $widget::new()
            .return_url("https://app.example/cb")
            .state("s")
            .redirect_uri("okwidget://widgetinvite")
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
fn the_built_in_widgets_visit_protocol_md_s_parameters_signed_as_it_says() {
    let post = MediatopicPost::new(post_json("hi"))
        .return_url("https://app.example/cb")
        .state("s")
        .redirect_uri("okwidget://widgetinvite")
        .group_id(1)
        .popup(true)
        .silent(true)
        .utext(true)
        .nohead(true);
    let invite = every_friends_param!(Invite);
    let suggest = every_friends_param!(Suggest);
    let widgets = [
        (MediatopicPost::CMD, visited(&post), app().sign(&post)),
        (Invite::CMD, visited(&invite), app().sign(&invite)),
        (Suggest::CMD, visited(&suggest), app().sign(&suggest)),
    ];
    let cmds: Vec<&str> = widgets.iter().map(|(cmd, ..)| *cmd).collect();
    assert_eq!(
        cmds,
        ["WidgetMediatopicPost", "WidgetInvite", "WidgetSuggest"]
    );
    for (cmd, names, url) in widgets {
        let table = if cmd == MediatopicPost::CMD {
            &PUBLISH[..]
        } else {
            &FRIENDS[..]
        };
        assert_eq!(names, signed_as_the_protocol_says(table), "{cmd}");
        // What OK reads back from the URL: the same parameters, signed the same.
        let request = WidgetRequest::parse(&url.unwrap()).unwrap();
        for (name, signed) in names {
            assert!(request.params().get(name).is_some(), "{cmd}: {name}");
            assert_eq!(request.is_signed(name), signed, "{cmd}: {name}");
            // Names that go into the URL as they are, none of them the library's own.
            assert!(name.starts_with("st.") && encode_uri_component(name) == name);
            assert!(!LIBRARY_PARAMS.contains(&name), "{cmd}: {name}");
        }
    }
}

/// Valid text for each parameter of protocol.md section 2, and another valid one.
fn values(name: &str) -> (String, String) {
    let (one, other) = match name {
        "st.attachment" => return (post_json("one").wire_text(), post_json("two").wire_text()),
        "st.autosel" => ("2", "3"),
        "st.groupId" => ("50000618108749", "1"),
        "st.redirect_uri" => ("okwidget://widgetinvite", "ok1://x"),
        "st.return" => ("https://app.example/cb", "https://app.example/other"),
        "st.target" => ("1,2", "3"),
        flag if FLAGS.contains(&flag) => ("on", "off"),
        _ => ("text", "other text"),
    };
    (one.to_owned(), other.to_owned())
}

/// The signed URL of the widget `post` or not with `params` as text.
fn signed(post: bool, params: &[(&'static str, &str)]) -> String {
    if post {
        app().sign(&PostTexts::of(params)).unwrap()
    } else {
        app().sign(&InviteTexts::of(params)).unwrap()
    }
}

/// `all` with the parameter `changed` given `value`, or left out.
fn replaced<'a>(
    all: &'a [(&'static str, String)],
    changed: &str,
    value: Option<&'a str>,
) -> Vec<(&'static str, &'a str)> {
    all.iter()
        .filter_map(|(name, original)| {
            if *name == changed {
                value.map(|value| (*name, value))
            } else {
                Some((*name, original.as_str()))
            }
        })
        .collect()
}

#[test]
fn the_emulator_checks_requests_by_the_same_tables() {
    let emulator = Emulator::new("512000000001".parse().unwrap(), APP_SECRET).unwrap();
    for (post, table, others) in [
        (true, &PUBLISH[..], &FRIENDS[..]),
        (false, &FRIENDS, &PUBLISH),
    ] {
        let all: Vec<(&'static str, String)> =
            table.iter().map(|&name| (name, values(name).0)).collect();
        let with = |changed, value| replaced(&all, changed, value);
        let url = signed(post, &with("", None));
        assert!(emulator.open(&url).is_ok(), "{url}");
        for &name in table {
            // Only st.attachment is required.
            let without = emulator.open(&signed(post, &with(name, None)));
            if name == "st.attachment" {
                let error = without.unwrap_err();
                assert_eq!(error.error(), &EmulatorError::MissingParameter { name });
            } else {
                assert!(without.is_ok(), "without {name}");
            }
            // A flag is `on` or `off` (unsigned: the signed URL is changed).
            if FLAGS.contains(&name) {
                let yes = url.replace(&format!("&{name}=on&"), &format!("&{name}=yes&"));
                let error = emulator.open(&yes).unwrap_err();
                assert!(
                    matches!(error.error(), EmulatorError::InvalidValue(invalid) if invalid.name == name),
                    "{error}"
                );
            }
            // Another value after signing: refused exactly when the parameter is signed.
            let (one, other) = values(name);
            let changed = url.replace(
                &format!("&{name}={}&", encode_uri_component(&one)),
                &format!("&{name}={}&", encode_uri_component(&other)),
            );
            assert_ne!(changed, url, "{name}");
            match emulator.open(&changed) {
                Ok(_) => assert!(!SIGNED_PARAMS.contains(&name), "{name} changed unnoticed"),
                Err(rejection) => assert!(
                    SIGNED_PARAMS.contains(&name)
                        && matches!(rejection.error(), EmulatorError::BadSignature { .. }),
                    "{name}: {rejection}"
                ),
            }
        }
        // The other widgets' parameters are not this one's.
        for &name in others.iter().filter(|name| !table.contains(name)) {
            let mut params = with("", None);
            let value = values(name).0;
            params.push((name, &value));
            let error = emulator.open(&signed(post, &params)).unwrap_err();
            assert_eq!(
                error.error(),
                &EmulatorError::UnknownParameter {
                    name: name.to_owned()
                }
            );
        }
    }
    // Widgets are known by their exact `st.cmd`.
    let invite = app().sign(&Invite::new()).unwrap();
    let suggest = invite.replace("WidgetInvite", "WidgetSuggest");
    assert_eq!(emulator.open(&suggest).unwrap().cmd(), "WidgetSuggest");
    let near_miss = invite.replace("WidgetInvite", "WidgetInvit");
    assert_eq!(
        emulator.open(&near_miss).unwrap_err().error(),
        &EmulatorError::UnknownWidget {
            cmd: "WidgetInvit".into()
        }
    );
}
