//! `ok-widget`: sign OK connect widget URLs from the command line.
//!
//! ```text
//! cargo run --example ok-widget -- sign invite --app=512000000001 --app-secret=SECRET \
//!     --return=https://app.example/ok/callback --state=abc123
//! ```
//!
//! Prints the signed URL on one line. Bad input exits non-zero with a one-line reason.

// The doc comments below are clap's `--help` text, read in a terminal, not rustdoc.
#![allow(clippy::doc_markdown)]

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use ok_widget::{
    App, AppId, AttachmentEncoding, AttachmentJson, BaseUrl, Credentials, Invite, MediatopicPost,
    RequestError, Suggest,
};

#[derive(Parser)]
#[command(
    name = "ok-widget",
    version,
    about = "Signed OK.ru connect widget URLs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the signed URL that opens a widget.
    #[command(subcommand)]
    Sign(Widget),
}

#[derive(Subcommand)]
enum Widget {
    /// WidgetMediatopicPost: publish a post.
    Publish {
        #[command(flatten)]
        app: AppArgs,
        #[command(flatten)]
        common: CommonArgs,
        /// The post as mediatopic JSON, sent as given.
        #[arg(long, value_name = "JSON")]
        attachment: String,
        /// How the attachment is sent.
        #[arg(long, value_enum, default_value_t = Encoding::Base64)]
        attachment_encoding: Encoding,
        /// st.groupId: publish into this group.
        #[arg(long, value_name = "ID")]
        group_id: Option<u64>,
        /// st.silent: close the window after publishing.
        #[arg(long, value_enum)]
        silent: Option<OnOff>,
        /// st.utext: let the user add a comment.
        #[arg(long, value_enum)]
        utext: Option<OnOff>,
    },
    /// WidgetInvite: invite friends who do not play yet.
    Invite {
        #[command(flatten)]
        app: AppArgs,
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        friends: FriendsArgs,
    },
    /// WidgetSuggest: recommend the game to friends.
    Suggest {
        #[command(flatten)]
        app: AppArgs,
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        friends: FriendsArgs,
    },
}

#[derive(Args)]
struct AppArgs {
    /// The application id (st.app).
    #[arg(long, value_name = "ID")]
    app: AppId,
    /// Sign with the application's secret key.
    #[arg(
        long,
        value_name = "S",
        required_unless_present = "access_token",
        conflicts_with = "access_token"
    )]
    app_secret: Option<String>,
    /// Send this OAuth access token and sign with its session secret key.
    #[arg(long, value_name = "T", requires = "session_secret")]
    access_token: Option<String>,
    /// The session_secret_key issued with --access-token.
    #[arg(long, value_name = "S", requires = "access_token")]
    session_secret: Option<String>,
    /// Where the widget opens (default https://connect.ok.ru/dk).
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    base_url: Option<BaseUrl>,
}

#[derive(Args)]
struct CommonArgs {
    /// st.return: where OK redirects with the result.
    #[arg(long = "return", value_name = "URL")]
    return_url: Option<String>,
    /// st.state: returned with the result, signed.
    #[arg(long)]
    state: Option<String>,
    /// st.redirect_uri: app-scheme return URL.
    #[arg(long, value_name = "URI")]
    redirect_uri: Option<String>,
    /// st.popup: centre and fit the window.
    #[arg(long, value_enum)]
    popup: Option<OnOff>,
    /// st.nohead: hide OK's header.
    #[arg(long, value_enum)]
    nohead: Option<OnOff>,
}

#[derive(Args)]
struct FriendsArgs {
    /// st.comment: the default invitation text.
    #[arg(long)]
    comment: Option<String>,
    /// st.autosel: how many friends to pre-select.
    #[arg(long, value_name = "N")]
    autosel: Option<u32>,
    /// st.custom_args: handed to the game when the friend opens it.
    #[arg(long)]
    custom_args: Option<String>,
    /// st.target: friend ids to pre-select.
    #[arg(long, value_name = "ID,ID", value_parser = parse_ids)]
    target: Option<Ids>,
    /// st.target_only: show only the --target friends.
    #[arg(long, value_enum)]
    target_only: Option<OnOff>,
}

#[derive(Clone, Copy, ValueEnum)]
enum OnOff {
    On,
    Off,
}

impl From<OnOff> for bool {
    fn from(flag: OnOff) -> Self {
        matches!(flag, OnOff::On)
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Encoding {
    Base64,
    Json,
}

#[derive(Clone)]
struct Ids(Vec<u64>);

fn parse_ids(text: &str) -> Result<Ids, String> {
    text.split(',')
        .map(|id| {
            id.parse::<u64>()
                .map_err(|_| format!("`{id}` is not a decimal user id"))
        })
        .collect::<Result<_, _>>()
        .map(Ids)
}

fn parse_base_url(text: &str) -> Result<BaseUrl, RequestError> {
    BaseUrl::new(text.to_owned())
}

impl AppArgs {
    fn app(&self) -> Result<App, RequestError> {
        let credentials = match (&self.app_secret, &self.access_token, &self.session_secret) {
            (Some(secret), None, None) => Credentials::application(secret.as_str()),
            (None, Some(token), Some(secret)) => {
                Credentials::session(token.as_str(), secret.as_str())?
            }
            // clap's argument rules admit only the two cases above.
            _ => {
                return Err(RequestError::InvalidCredentials {
                    reason: "give --app-secret, or --access-token with --session-secret",
                });
            }
        };
        let app = App::new(self.app, credentials);
        Ok(match &self.base_url {
            Some(base_url) => app.with_base_url(base_url.clone()),
            None => app,
        })
    }
}

/// Sets the parameters every widget has, through the widget's own setters.
macro_rules! apply_common {
    ($widget:expr, $common:expr) => {{
        let mut widget = $widget;
        let common = $common;
        if let Some(url) = common.return_url {
            widget = widget.return_url(url);
        }
        if let Some(state) = common.state {
            widget = widget.state(state);
        }
        if let Some(uri) = common.redirect_uri {
            widget = widget.redirect_uri(uri);
        }
        if let Some(flag) = common.popup {
            widget = widget.popup(flag.into());
        }
        if let Some(flag) = common.nohead {
            widget = widget.nohead(flag.into());
        }
        widget
    }};
}

/// Invite and Suggest take the same parameters.
macro_rules! apply_friends {
    ($widget:expr, $friends:expr) => {{
        let mut widget = $widget;
        let friends = $friends;
        widget.comment = friends.comment;
        widget.autosel = friends.autosel;
        widget.custom_args = friends.custom_args;
        widget.target = friends.target.map(|ids| ids.0).unwrap_or_default();
        widget.target_only = friends.target_only.map(bool::from);
        widget
    }};
}

fn sign(widget: Widget) -> Result<String, RequestError> {
    match widget {
        Widget::Publish {
            app,
            common,
            attachment,
            attachment_encoding,
            group_id,
            silent,
            utext,
        } => {
            let encoding = match attachment_encoding {
                Encoding::Base64 => AttachmentEncoding::Base64,
                Encoding::Json => AttachmentEncoding::Json,
            };
            let attachment = AttachmentJson::from_json(attachment)?.with_encoding(encoding);
            let mut post = apply_common!(MediatopicPost::new(attachment), common);
            post.group_id = group_id;
            post.silent = silent.map(bool::from);
            post.utext = utext.map(bool::from);
            app.app()?.sign(&post)
        }
        Widget::Invite {
            app,
            common,
            friends,
        } => {
            let invite = apply_friends!(apply_common!(Invite::new(), common), friends);
            app.app()?.sign(&invite)
        }
        Widget::Suggest {
            app,
            common,
            friends,
        } => {
            let suggest = apply_friends!(apply_common!(Suggest::new(), common), friends);
            app.app()?.sign(&suggest)
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if !error.use_stderr() => {
            // --help and --version
            print!("{error}");
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            // One line: clap's first paragraph names the flag and the reason; usage follows it.
            let rendered = error.to_string();
            let reason: Vec<&str> = rendered
                .lines()
                .take_while(|line| !line.trim().is_empty())
                .map(str::trim)
                .collect();
            eprintln!("{}", reason.join(" "));
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Command::Sign(widget) => match sign(widget) {
            Ok(url) => {
                println!("{url}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        },
    }
}
