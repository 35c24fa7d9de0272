//! The session binding pattern end to end, with the emulator as OK: for each widget, by redirect
//! and by postMessage, a genuine result is accepted once; the same result again is refused; the
//! result carried into another user's session is refused; a forged one is refused.
//!
//! The publish result sent by postMessage (`{"id": …}`) carries no signature (protocol.md
//! section 6): nothing tells it from a forgery, so it is never accepted, genuine or not.

use ok_widget::testing::{Emulator, Reply, UserAction};
use ok_widget::{
    AcceptError, App, Attachment, BaseUrl, Credentials, Credit, FriendsOutcome, Invite,
    MediatopicPost, MemoryReplayGuard, PublishOutcome, ResultError, Returned, StateKey, Suggest,
    VerifyResult, Widget,
};

const SECRET: &str = "0A1B2C3D4E5F60718293A4B5";
const RETURN: &str = "https://app.example/ok/return";

struct World {
    app: App,
    emulator: Emulator,
    key: StateKey,
    guard: MemoryReplayGuard,
}

fn world() -> World {
    let endpoint = BaseUrl::new("https://ok.test/dk").unwrap();
    let app_id = "512000000001".parse().unwrap();
    World {
        app: App::new(app_id, Credentials::application(SECRET).unwrap())
            .with_base_url(endpoint.clone()),
        emulator: Emulator::new(app_id, SECRET)
            .unwrap()
            .with_endpoint(endpoint),
        key: StateKey::new("a server-side key of at least sixteen bytes").unwrap(),
        guard: MemoryReplayGuard::new(100),
    }
}

type Outcome<W> = <<W as Widget>::Result as VerifyResult>::Outcome;

impl World {
    /// What OK sends back when the user does `action` in the window `widget` opens.
    fn reply<W: Widget>(&self, widget: &W, action: &UserAction) -> Reply {
        let url = self.app.sign(widget).unwrap();
        self.emulator.open(&url).unwrap().respond(action).unwrap()
    }

    /// Accepts `reply` in `session`: a redirect carries its token; a postMessage comes with
    /// the token of the page that forwards it, `page_session`'s.
    fn accept<W>(
        &self,
        session: &str,
        page_session: &str,
        reply: &Reply,
    ) -> Result<Outcome<W>, AcceptError>
    where
        W: Widget,
        W::Result: Credit,
    {
        let token = self.key.bind(page_session, W::CMD).token();
        let returned = match reply {
            Reply::Redirect(url) => Returned::Redirect(url),
            Reply::PostMessage(json) => Returned::Message {
                json,
                token: &token,
            },
        };
        self.key
            .bind(session, W::CMD)
            .accept::<W>(&self.app, &self.guard, returned)
    }

    /// The four cases, for a `reply` genuine in Alice's session; `forge` alters it.
    fn check<W>(
        &self,
        reply: &Reply,
        forge: impl Fn(&str) -> String,
        granted: impl Fn(&Outcome<W>) -> bool,
    ) where
        W: Widget,
        W::Result: Credit,
        Outcome<W>: std::fmt::Debug,
    {
        let outcome = self
            .accept::<W>("alice", "alice", reply)
            .expect("a genuine result");
        assert!(granted(&outcome), "{outcome:?}");
        assert_eq!(
            self.accept::<W>("alice", "alice", reply).unwrap_err(),
            AcceptError::Replayed
        );
        assert_eq!(
            self.accept::<W>("mallory", "alice", reply).unwrap_err(),
            AcceptError::Unbound
        );
        let forged = match reply {
            Reply::Redirect(url) => Reply::Redirect(forge(url)),
            Reply::PostMessage(json) => Reply::PostMessage(forge(json)),
        };
        assert_ne!(&forged, reply, "the forgery changes the result");
        let refused = self.accept::<W>("alice", "alice", &forged).unwrap_err();
        assert!(matches!(refused, AcceptError::Forged(_)), "{refused:?}");
    }
}

fn post() -> MediatopicPost {
    MediatopicPost::from_attachment(&Attachment::new().text("New level!")).unwrap()
}

/// Binds `W`'s return URL to Alice's session.
fn bound_return<W: Widget>(world: &World) -> String {
    world.key.bind("alice", W::CMD).return_url(RETURN)
}

#[test]
fn publish_by_redirect() {
    let world = world();
    let widget = post().return_url(bound_return::<MediatopicPost>(&world));
    let reply = world.reply(
        &widget,
        &UserAction::Publish {
            topic_id: 67_601_141_224_721,
        },
    );
    world.check::<MediatopicPost>(
        &reply,
        |url| url.replace("67601141224721", "67601141224722"),
        |outcome| matches!(outcome, PublishOutcome::Published(topic) if topic.id() == "67601141224721"),
    );
}

#[test]
fn publish_by_post_message_is_never_accepted() {
    let world = world();
    let reply = world.reply(
        &post(),
        &UserAction::Publish {
            topic_id: 67_601_133_491_473,
        },
    );
    assert_eq!(
        reply,
        Reply::PostMessage(r#"{"id":"67601133491473"}"#.into())
    );
    for (session, page) in [("alice", "alice"), ("alice", "alice"), ("mallory", "alice")] {
        let refused = world
            .accept::<MediatopicPost>(session, page, &reply)
            .unwrap_err();
        assert!(
            matches!(
                refused,
                AcceptError::Malformed(ResultError::Unsigned) | AcceptError::Unbound
            ),
            "{refused:?}"
        );
    }
}

fn friends<W>(widget: &W, by_redirect: bool)
where
    W: Widget<Result = ok_widget::FriendsResult>,
{
    let world = world();
    let reply = world.reply(
        widget,
        &UserAction::SendToFriends {
            selected: vec![3_154_325, 435_345],
        },
    );
    assert_eq!(matches!(reply, Reply::Redirect(_)), by_redirect);
    world.check::<W>(
        &reply,
        |text| text.replace("435345", "435346"),
        |outcome| matches!(outcome, FriendsOutcome::Sent(friends) if friends.ids() == [3_154_325, 435_345]),
    );
}

#[test]
fn invite_by_redirect() {
    let world = world();
    friends(
        &Invite::new().return_url(bound_return::<Invite>(&world)),
        true,
    );
}

#[test]
fn invite_by_post_message() {
    friends(&Invite::new(), false);
}

#[test]
fn suggest_by_redirect() {
    let world = world();
    friends(
        &Suggest::new().return_url(bound_return::<Suggest>(&world)),
        true,
    );
}

#[test]
fn suggest_by_post_message() {
    friends(&Suggest::new(), false);
}

/// What nothing OK signs can stop, as SECURITY.md says: a user holding someone else's
/// invitation result can forward it from his own page with his own token, and it is credited
/// to him (once). A publication cannot be: its topic id is credited once, whoever brings it.
#[test]
fn what_the_binding_cannot_stop() {
    let world = world();
    let invite = world.reply(
        &Invite::new(),
        &UserAction::SendToFriends { selected: vec![7] },
    );
    assert!(world.accept::<Invite>("alice", "alice", &invite).is_ok());
    assert!(
        world
            .accept::<Invite>("mallory", "mallory", &invite)
            .is_ok()
    );
    assert_eq!(
        world
            .accept::<Invite>("mallory", "mallory", &invite)
            .unwrap_err(),
        AcceptError::Replayed
    );

    let widget = post().return_url(bound_return::<MediatopicPost>(&world));
    let Reply::Redirect(url) = world.reply(&widget, &UserAction::Publish { topic_id: 42 }) else {
        panic!("a redirect");
    };
    assert!(
        world
            .accept::<MediatopicPost>("alice", "alice", &Reply::Redirect(url.clone()))
            .is_ok()
    );
    let swapped = url.replace(
        &world.key.bind("alice", MediatopicPost::CMD).token(),
        &world.key.bind("mallory", MediatopicPost::CMD).token(),
    );
    assert_eq!(
        world
            .accept::<MediatopicPost>("mallory", "mallory", &Reply::Redirect(swapped))
            .unwrap_err(),
        AcceptError::Replayed
    );
}
