//! `ok-widget`: sign OK connect widget URLs, verify the results OK sends back and inspect a
//! widget URL, from the command line.
//!
//! ```text
//! cargo run --example ok-widget -- sign invite --app=512000000001 --app-secret=SECRET \
//!     --return=https://app.example/ok/callback --state=abc123
//! cargo run --example ok-widget -- verify publish --app-secret=SECRET \
//!     'https://app.example/ok/callback?result=%7B%22type%22...'
//! cargo run --example ok-widget -- verify invite --app-secret=SECRET 'code=OK&selected=[1]&sig=...'
//! cargo run --example ok-widget -- inspect --app-secret=SECRET 'https://connect.ok.ru/dk?st.cmd=...'
//! ```
//!
//! Every command takes the credentials as one of four pairings; any other is a usage error
//! (exit 2):
//!
//! | flags | signs with | sent after `st.signature` |
//! |---|---|---|
//! | `--app-secret=S` | the application secret key | nothing |
//! | `--access-token=T --session-secret=S` | the session secret key issued with the token | `st.access_token` |
//! | `--access-token=T --app-secret=S` | md5(T + S) | `st.access_token` |
//! | `--session-key=K --session-secret=S` | the session secret key of a game inside OK | `st.session_key` |
//!
//! `sign` prints the signed URL on one line; a value OK would refuse is refused with the
//! library's message. `verify` prints the outcome and exits 0 only when the result is verified.
//! `inspect` lists a widget URL's parameters (`st.attachment` decoded), says which credentials
//! it calls for, and checks its signature with the ones given, explaining a mismatch; it exits 0
//! when the signature matches, or, given no credentials, when the URL has a well-formed
//! `st.signature`. Anything refused exits 1 with a one-line reason.
//!
//! # Secrets are never printed
//!
//! The secrets are the application secret key, the session secret key, the secret md5(T + S)
//! derived from `--access-token` with `--app-secret`, and, except in `sign` (whose URL is meant
//! to carry them), the access token and the session key. As implemented:
//!
//! * An empty credential value (`--app-secret=`, as an unset environment variable gives) is
//!   refused (exit 1, naming the flag) before clap parses the command line.
//! * Secrets of 8 bytes or more are looked for. A shorter one cannot be told apart from ordinary
//!   text (a toy secret `S` would be every `S` printed), so it is accepted, signs and verifies,
//!   but is not looked for; no OK key or token is that short.
//! * A secret's forms are: as given, and in base64 (standard and URL-safe alphabets) at each of
//!   the three byte offsets it can have within encoded data; and each of those percent-encoded
//!   (`encodeURIComponent`).
//! * `sign` refuses (exit 1; the message names the flag of the value and of the secret, never a
//!   value) a URL whose base URL or any parameter value but `st.access_token` / `st.session_key`
//!   (signed or not, the attachment as sent included) holds a secret in any of these forms, and
//!   an attachment whose JSON holds one in a string once its escapes are decoded.
//! * Every line any command prints, clap's errors included, has each form of each secret
//!   replaced by a placeholder such as `<app secret>`.
//! * `inspect` never shows the value of `st.access_token` or `st.session_key`, and hides that
//!   value wherever else it appears (when 8 bytes or longer). It shows `st.attachment` decoded
//!   from base64; an attachment whose JSON holds a secret (in any of these forms, or escaped in
//!   a string) is hidden whole: as sent, percent-encoded and decoded.

// The doc comments below are clap's `--help` text, read in a terminal, not rustdoc.
#![allow(clippy::doc_markdown)]

use std::process::ExitCode;
use std::sync::{Mutex, PoisonError};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use ok_widget::encode::encode_uri_component;
use ok_widget::{
    App, AppId, AttachmentEncoding, AttachmentJson, BaseUrl, Credentials, CredentialsKind,
    FriendsOutcome, FriendsResult, FriendsSignatureRule, Invite, MediatopicPost, OkError,
    PublishOutcome, PublishResult, RequestCheckError, RequestError, ResultError, Signature,
    Suggest, Widget as _, WidgetRequest,
};

// ---- Secrets: hidden in every form ----

/// The shortest secret looked for in the output: every OK key and token is longer, and a
/// shorter one could not be told apart from ordinary text (a toy secret `S` would be every `S`
/// printed).
const MIN_LEN: usize = 8;

/// The credential flags, the placeholder of each, and whether its value is meant for the URL.
const CREDENTIAL_FLAGS: [(&str, &str, bool); 4] = [
    ("--app-secret", "<app secret>", false),
    ("--session-secret", "<session secret>", false),
    ("--access-token", "<access token>", true),
    ("--session-key", "<session key>", true),
];

/// The parameters that carry who signed, after `st.signature`.
const IDENTITIES: [&str; 2] = ["st.access_token", "st.session_key"];

/// One form of a secret: its text, what is printed instead, and where it came from.
struct Form {
    text: String,
    shown: &'static str,
    given_by: &'static str,
}

/// Every form to hide, longest first (so that a form containing another is replaced whole).
static FORMS: Mutex<Vec<Form>> = Mutex::new(Vec::new());

/// Hides each of `texts` as it is.
fn hide_exactly(
    texts: impl IntoIterator<Item = String>,
    shown: &'static str,
    given_by: &'static str,
) {
    let mut forms = FORMS.lock().unwrap_or_else(PoisonError::into_inner);
    forms.extend(texts.into_iter().map(|text| Form {
        text,
        shown,
        given_by,
    }));
    forms.sort_by_key(|form| std::cmp::Reverse(form.text.len()));
}

/// Hides `secret` in every form: as given, base64 at each offset, and each of those
/// percent-encoded.
fn hide(secret: &str, shown: &'static str, given_by: &'static str) {
    let mut forms = vec![secret.to_owned()];
    let bytes = secret.as_bytes();
    for offset in 0..3 {
        // The whole 3-byte groups from `offset`: their base64 appears unchanged in the base64
        // of any data holding the secret at a position where they start a group.
        let whole = &bytes[offset..][..(bytes.len() - offset) / 3 * 3];
        let standard = STANDARD.encode(whole);
        forms.push(standard.replace('+', "-").replace('/', "_"));
        forms.push(standard);
    }
    let encoded: Vec<String> = forms
        .iter()
        .map(|form| encode_uri_component(form))
        .collect();
    forms.extend(encoded);
    hide_exactly(forms, shown, given_by);
}

/// The flag that gave the first secret `text` holds, in any form.
fn secret_in(text: &str) -> Option<&'static str> {
    let forms = FORMS.lock().unwrap_or_else(PoisonError::into_inner);
    forms
        .iter()
        .find(|form| text.contains(&form.text))
        .map(|form| form.given_by)
}

/// `text` with every form of every secret replaced by its placeholder.
fn redact(text: &str) -> String {
    let forms = FORMS.lock().unwrap_or_else(PoisonError::into_inner);
    let mut text = text.to_owned();
    for form in forms.iter() {
        if text.contains(&form.text) {
            text = text.replace(&form.text, form.shown);
        }
    }
    text
}

// Every line this program prints goes through `redact`: these shadow std's macros.
macro_rules! println {
    ($($arg:tt)*) => { std::println!("{}", redact(&format!($($arg)*))) };
}
macro_rules! eprintln {
    ($($arg:tt)*) => { std::eprintln!("{}", redact(&format!($($arg)*))) };
}

/// Reads the credential flags from the raw arguments, before clap (whose errors are printed
/// too): refuses an empty value and hides every secret of [`MIN_LEN`] bytes or more.
fn register_secrets(args: &[String]) -> Result<(), String> {
    let signing = args.first().is_some_and(|command| command == "sign");
    let mut given = Vec::new();
    for (at, arg) in args
        .iter()
        .take_while(|arg| arg.as_str() != "--")
        .enumerate()
    {
        for (flag, shown, identity) in CREDENTIAL_FLAGS {
            let value = match arg.strip_prefix(flag) {
                // `--flag value`: clap takes the next argument unless it is another flag.
                Some("") => args
                    .get(at + 1)
                    .map(String::as_str)
                    .filter(|next| !next.starts_with("--")),
                Some(rest) => rest.strip_prefix('='),
                None => None,
            };
            let Some(value) = value else { continue };
            if value.is_empty() {
                return Err(format!(
                    "{flag} is empty (an unset environment variable?): anyone can compute a \
                     signature over an empty secret"
                ));
            }
            if value.len() >= MIN_LEN && !(signing && identity) {
                hide(value, shown, flag);
            }
            given.push((flag, value));
        }
    }
    let value = |flag| {
        given
            .iter()
            .find_map(|&(name, value)| (name == flag).then_some(value))
    };
    if let (Some(token), Some(secret)) = (value("--access-token"), value("--app-secret")) {
        let derived = Credentials::application(secret)
            .map_err(|error| error.to_string())?
            .sign(&[token]);
        hide(
            &derived.to_string(),
            "<derived secret>",
            "--access-token and --app-secret (md5 of the two)",
        );
    }
    Ok(())
}

/// The strings of a JSON text, keys included, with their escapes decoded.
fn json_strings(value: &serde_json::Value) -> Vec<&str> {
    match value {
        serde_json::Value::String(text) => vec![text],
        serde_json::Value::Array(items) => items.iter().flat_map(json_strings).collect(),
        serde_json::Value::Object(members) => members
            .iter()
            .flat_map(|(key, value)| std::iter::once(key.as_str()).chain(json_strings(value)))
            .collect(),
        _ => Vec::new(),
    }
}

/// The flag that gave a secret `json` holds: in its text, or in a string once decoded.
fn secret_in_json(json: &str) -> Option<&'static str> {
    secret_in(json).or_else(|| {
        let value = serde_json::from_str(json).ok()?;
        json_strings(&value).into_iter().find_map(secret_in)
    })
}

// ---- The command line ----

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
    /// Verify a result OK sent back; exit 0 only when it is verified.
    #[command(subcommand)]
    Verify(ResultKind),
    /// Decode a widget URL, list its parameters and check its signature.
    #[command(mut_group("CredentialArgs", |group| group.required(false)))]
    Inspect {
        /// The widget URL (https://connect.ok.ru/dk?st.cmd=...).
        url: String,
        #[command(flatten)]
        credentials: CredentialArgs,
    },
}

/// Who signs: `--app-secret`; `--access-token` with `--session-secret` or `--app-secret`;
/// `--session-key` with `--session-secret`.
#[derive(Args)]
#[group(required = true, multiple = true)]
struct CredentialArgs {
    /// The application's secret key: alone, or with --access-token (then md5(T + S) signs).
    #[arg(
        long,
        value_name = "S",
        group = "secret",
        conflicts_with = "session_key"
    )]
    app_secret: Option<String>,
    /// An OAuth access token, sent as st.access_token: with --session-secret or --app-secret.
    #[arg(long, value_name = "T", group = "identity", requires = "secret")]
    access_token: Option<String>,
    /// The session key of a game launched inside OK, sent as st.session_key: with
    /// --session-secret.
    #[arg(
        long,
        value_name = "K",
        group = "identity",
        requires = "session_secret"
    )]
    session_key: Option<String>,
    /// The session_secret_key issued with --access-token or --session-key.
    #[arg(long, value_name = "S", group = "secret", requires = "identity")]
    session_secret: Option<String>,
}

impl CredentialArgs {
    /// The credentials of the pairing given, or `None` if none is (clap refuses any other).
    fn credentials(&self) -> Result<Option<Credentials>, String> {
        let credentials = match (
            self.app_secret.as_deref(),
            self.access_token.as_deref(),
            self.session_key.as_deref(),
            self.session_secret.as_deref(),
        ) {
            (Some(secret), None, None, None) => Credentials::application(secret),
            (Some(secret), Some(token), None, None) => {
                Credentials::oauth_application(token, secret)
            }
            (None, Some(token), None, Some(secret)) => Credentials::session(token, secret),
            (None, None, Some(key), Some(secret)) => Credentials::ok_session(key, secret),
            _ => return Ok(None),
        };
        credentials.map(Some).map_err(|error| error.to_string())
    }

    fn required(&self) -> Result<Credentials, String> {
        self.credentials()?
            .ok_or_else(|| "credentials are required".to_owned())
    }
}

/// `on` or `off`, as a flag of the widget.
fn on_off() -> impl TypedValueParser<Value = bool> {
    PossibleValuesParser::new(["on", "off"]).map(|flag| flag == "on")
}

#[derive(Subcommand)]
enum Widget {
    /// WidgetMediatopicPost: publish a post.
    Publish(PublishArgs),
    /// WidgetInvite: invite friends who do not play yet.
    Invite(FriendsArgs),
    /// WidgetSuggest: recommend the game to friends.
    Suggest(FriendsArgs),
}

#[derive(Args)]
struct PublishArgs {
    #[command(flatten)]
    app: AppArgs,
    #[command(flatten)]
    common: CommonArgs,
    /// The post as mediatopic JSON, sent as given; @FILE reads it from FILE.
    #[arg(long, value_name = "JSON")]
    attachment: String,
    /// How st.attachment is sent.
    #[arg(
            long,
            value_name = "ENCODING",
            default_value = "base64",
            value_parser = PossibleValuesParser::new(["base64", "json"]).map(|encoding| match encoding.as_str() {
                "json" => AttachmentEncoding::Json,
                _ => AttachmentEncoding::Base64,
            })
        )]
    attachment_encoding: AttachmentEncoding,
    /// st.groupId: publish into this group.
    #[arg(long, value_name = "ID")]
    group_id: Option<u64>,
    /// st.silent: close the window after publishing.
    #[arg(long, value_parser = on_off())]
    silent: Option<bool>,
    /// st.utext: let the user add a comment.
    #[arg(long, value_parser = on_off())]
    utext: Option<bool>,
}

#[derive(Args)]
struct AppArgs {
    /// The application id (st.app).
    #[arg(long, value_name = "ID")]
    app: AppId,
    #[command(flatten)]
    credentials: CredentialArgs,
    /// Where the widget opens (default https://connect.ok.ru/dk).
    #[arg(long, value_name = "URL", value_parser = |url: &str| BaseUrl::new(url.to_owned()))]
    base_url: Option<BaseUrl>,
}

/// The parameters every widget has.
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
    #[arg(long, value_parser = on_off())]
    popup: Option<bool>,
    /// st.nohead: hide OK's header.
    #[arg(long, value_parser = on_off())]
    nohead: Option<bool>,
}

/// What `sign invite` and `sign suggest` take: the two widgets have the same parameters.
#[derive(Args)]
struct FriendsArgs {
    #[command(flatten)]
    app: AppArgs,
    #[command(flatten)]
    common: CommonArgs,
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
    #[arg(long, value_name = "ID,ID", value_delimiter = ',')]
    target: Vec<u64>,
    /// st.target_only: show only the --target friends.
    #[arg(long, value_parser = on_off())]
    target_only: Option<bool>,
}

#[derive(Subcommand)]
enum ResultKind {
    /// WidgetMediatopicPost: the redirect URL, its query, or the `result` JSON.
    Publish {
        #[command(flatten)]
        credentials: CredentialArgs,
        /// The redirect URL, its query string, or the `result` JSON.
        input: String,
    },
    /// WidgetInvite: the redirect URL, its query, or the postMessage JSON.
    Invite(FriendsResultArgs),
    /// WidgetSuggest: the redirect URL, its query, or the postMessage JSON.
    Suggest(FriendsResultArgs),
}

/// What `verify invite` and `verify suggest` take.
#[derive(Args)]
struct FriendsResultArgs {
    #[command(flatten)]
    credentials: CredentialArgs,
    /// How `sig` is computed. OK does not publish it; (a) is this library's inference.
    /// a: "code=" + code + "selected=" + selected; b: every parameter but sig, sorted;
    /// c: "selected=" + selected.
    #[arg(
        long,
        default_value = "a",
        value_parser = PossibleValuesParser::new(["a", "b", "c"]).map(|rule| match rule.as_str() {
            "b" => FriendsSignatureRule::AllParameters,
            "c" => FriendsSignatureRule::SelectedOnly,
            _ => FriendsSignatureRule::CodeAndSelected,
        })
    )]
    rule: FriendsSignatureRule,
    /// The redirect URL, its query string, or the postMessage JSON.
    input: String,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    if let Err(reason) = register_secrets(&args) {
        eprintln!("error: {reason}");
        return ExitCode::FAILURE;
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if !error.use_stderr() => {
            // --help and --version
            println!("{}", error.to_string().trim_end());
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            // One line: clap's first paragraph names the flag and the reason; usage follows.
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
    let outcome = match cli.command {
        Command::Sign(widget) => sign(widget),
        Command::Verify(kind) => verify(kind),
        Command::Inspect { url, credentials } => inspect(&url, &credentials),
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(reason) => {
            eprintln!("error: {reason}");
            ExitCode::FAILURE
        }
    }
}

// ---- sign ----

/// Sets the parameters every widget has.
macro_rules! set_common {
    ($widget:ident, $common:expr) => {{
        let common: CommonArgs = $common;
        $widget.return_url = common.return_url;
        $widget.state = common.state;
        $widget.redirect_uri = common.redirect_uri;
        $widget.popup = common.popup;
        $widget.nohead = common.nohead;
    }};
}

/// Invite and Suggest take the same parameters.
macro_rules! sign_friends {
    ($widget:ident, $args:expr) => {{
        let args: FriendsArgs = $args;
        let mut widget = $widget::new();
        set_common!(widget, args.common);
        widget.comment = args.comment;
        widget.autosel = args.autosel;
        widget.custom_args = args.custom_args;
        widget.target = args.target;
        widget.target_only = args.target_only;
        sign_with(&args.app, &widget)
    }};
}

fn sign_with<W: ok_widget::Widget>(app: &AppArgs, widget: &W) -> Result<String, String> {
    let mut signer = App::new(app.app, app.credentials.required()?);
    if let Some(base_url) = &app.base_url {
        signer = signer.with_base_url(base_url.clone());
    }
    signer.sign(widget).map_err(|error| error.to_string())
}

/// Prints the signed URL, unless a value in it would show a secret.
fn sign(widget: Widget) -> Result<bool, String> {
    let url = match widget {
        Widget::Publish(args) => {
            let json = match args.attachment.strip_prefix('@') {
                Some(path) => std::fs::read_to_string(path)
                    .map_err(|error| format!("--attachment=@{path}: {error}"))?,
                None => args.attachment,
            };
            if let Some(secret) = secret_in_json(&json) {
                return Err(holds("--attachment", secret));
            }
            let json = AttachmentJson::from_json(json)
                .map_err(|error| RequestError::from(error).to_string())?;
            let mut post = MediatopicPost::new(json.with_encoding(args.attachment_encoding));
            set_common!(post, args.common);
            post.group_id = args.group_id;
            post.silent = args.silent;
            post.utext = args.utext;
            sign_with(&args.app, &post)?
        }
        Widget::Invite(args) => sign_friends!(Invite, args)?,
        Widget::Suggest(args) => sign_friends!(Suggest, args)?,
    };
    // What is printed is checked, not what was given: every value as the URL carries it.
    let request = WidgetRequest::parse(&url).map_err(|error| error.to_string())?;
    if let Some(secret) = secret_in(request.base_url()) {
        return Err(holds("--base-url", secret));
    }
    for (name, value) in request.params().iter() {
        if let Some(secret) = secret_in(value).filter(|_| !IDENTITIES.contains(&name)) {
            let flag = match name.trim_start_matches("st.") {
                "groupId" => "group-id".to_owned(),
                other => other.replace('_', "-"),
            };
            return Err(holds(&format!("--{flag}"), secret));
        }
    }
    println!("{url}");
    Ok(true)
}

fn holds(flag: &str, secret: &str) -> String {
    format!(
        "the value of {flag} holds the secret given with {secret}: the URL would show it to \
         anyone who sees it"
    )
}

// ---- verify ----

/// Verifies a result: the outcome on stdout, `true` only for a verified success.
fn verify(kind: ResultKind) -> Result<bool, String> {
    let verified = match kind {
        ResultKind::Publish { credentials, input } => {
            verify_publish(&input, &credentials.required()?)
        }
        ResultKind::Invite(args) | ResultKind::Suggest(args) => {
            verify_friends(&args.input, &args.credentials.required()?, args.rule)
        }
    };
    Ok(verified.unwrap_or_else(|error| {
        eprintln!("not verified: {error}");
        false
    }))
}

/// An error OK reported: unsigned, so not verified, and nothing to act on.
fn reported(what: &str, error: &OkError) -> bool {
    println!("not verified: OK reports {what}: {error} (error results carry no signature)");
    false
}

fn verify_publish(input: &str, credentials: &Credentials) -> Result<bool, ResultError> {
    Ok(match PublishResult::parse(input)?.verify(credentials)? {
        PublishOutcome::Published(topic) => {
            println!("verified: topic {} was published", topic.id());
            true
        }
        PublishOutcome::NotApproved => {
            println!(
                "not verified: OK returned topic id 0: the application is not approved for \
                 publishing yet, no topic was created"
            );
            false
        }
        PublishOutcome::Cancelled(error) => reported("the user cancelled", &error),
        PublishOutcome::BadRequestSignature(error) => {
            reported("a bad request signature (st.signature)", &error)
        }
        PublishOutcome::Failed(error) => reported("an error", &error),
    })
}

fn verify_friends(
    input: &str,
    credentials: &Credentials,
    rule: FriendsSignatureRule,
) -> Result<bool, ResultError> {
    let result = FriendsResult::parse(input)?;
    let outcome = result.verify_with(rule, credentials).inspect_err(|error| {
        if matches!(error, ResultError::SignatureMismatch { .. }) {
            // Say which rule would have matched: OK does not publish the rule.
            eprintln!("sig checked by every candidate rule:");
            for check in result.diagnose(credentials).unwrap_or_default() {
                let verdict = match (&check.source, check.matches) {
                    (None, _) => "n/a",
                    (Some(_), true) => "matches",
                    (Some(_), false) => "no match",
                };
                eprintln!("  {verdict:<9} {}", check.rule);
            }
        }
    })?;
    Ok(match outcome {
        FriendsOutcome::Sent(friends) => {
            let ids: Vec<String> = friends.ids().iter().map(u64::to_string).collect();
            println!(
                "verified: sent to [{}] (sig rule {rule}; OK does not publish the rule)",
                ids.join(",")
            );
            true
        }
        FriendsOutcome::Cancelled(error) => reported("the user cancelled", &error),
        FriendsOutcome::BadRequestSignature(error) => {
            reported("a bad request signature (st.signature)", &error)
        }
        FriendsOutcome::Failed(error) => reported("an error", &error),
    })
}

// ---- inspect ----

/// The text of an `st.attachment` value: the JSON its base64 encodes, or the value itself.
fn attachment_text(value: &str) -> String {
    STANDARD
        .decode(value)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_else(|| value.to_owned())
}

/// What the secret signing `kind` is.
fn secret_of(kind: CredentialsKind) -> &'static str {
    match kind {
        CredentialsKind::Application => "the application secret key",
        CredentialsKind::OAuthApplication => "md5(access token + application secret key)",
        CredentialsKind::OkSession => "the session secret key of the game inside OK",
        _ => "the session secret key",
    }
}

/// Decodes a widget URL and checks its signature; `true` when it matches, or when there are no
/// credentials to check it with.
fn inspect(url: &str, credentials: &CredentialArgs) -> Result<bool, String> {
    let credentials = credentials.credentials()?;
    let request = WidgetRequest::parse(url).map_err(|error| error.to_string())?;
    // The URL's own token or session key, and an attachment holding a secret, are hidden too.
    let identity = request.identity();
    if let Some((name, value)) = identity.filter(|(_, value)| value.len() >= MIN_LEN) {
        hide(value, "<hidden>", name);
    }
    let attachment = request.params().get("st.attachment").map(|value| {
        let text = attachment_text(value);
        if secret_in_json(&text).is_some() {
            let hidden = [encode_uri_component(value), value.to_owned(), text.clone()];
            hide_exactly(hidden, "<attachment holding a secret>", "st.attachment");
        }
        text
    });

    let cmd = request.cmd().unwrap_or_default();
    println!("base URL: {}", request.base_url());
    if [MediatopicPost::CMD, Invite::CMD, Suggest::CMD].contains(&cmd) {
        println!("widget:   {cmd} (documented by OK)");
    } else {
        println!(
            "widget:   {cmd:?} (not one OK documents: only st.attachment, st.redirect_uri, \
             st.return and st.state are known to be signed)"
        );
    }
    println!("parameters, decoded:");
    for (name, value) in request.params().iter() {
        if IDENTITIES.contains(&name) {
            println!("  {name} = <hidden>  [sent after the signature, never signed]");
        } else if request.is_signed(name) {
            println!("  {name} = {value}  [signed]");
            if value.is_empty() {
                println!("    (empty: counts as absent and is not signed; OK's JS SDK signs it)");
            }
        } else {
            println!("  {name} = {value}");
        }
        if let Some(text) = attachment
            .as_ref()
            .filter(|text| name == "st.attachment" && *text != value)
        {
            println!("    decoded from base64: {text}");
        }
    }
    let source = request.signature_source();
    println!("signature source (the secret follows it): {source}");
    let calls_for = match identity {
        None => "the application secret key (--app-secret)",
        Some(("st.access_token", _)) => {
            "the session secret key issued with st.access_token (--access-token with \
             --session-secret), or md5(token + application secret key) (--access-token with \
             --app-secret)"
        }
        Some(_) => {
            "the session secret key issued with st.session_key, for a game inside OK \
             (--session-key with --session-secret)"
        }
    };
    println!("signed with: {calls_for}");
    let received = match request.signature() {
        Ok(signature) => signature,
        Err(error) => {
            println!("st.signature: {error}");
            return Ok(false);
        }
    };
    let Some(credentials) = credentials else {
        println!("give credentials (--app-secret, ...) to check st.signature");
        return Ok(true);
    };
    let expected = source.sign(&credentials);
    match request.verify(&credentials) {
        Ok(()) => {
            let secret = secret_of(credentials.kind());
            println!("st.signature: matches (md5 of the source + {secret})");
            return Ok(true);
        }
        Err(RequestCheckError::SignatureMismatch) => {
            println!(
                "st.signature: does NOT match: recomputed {expected} with {}, the URL has \
                 {received}",
                secret_of(credentials.kind())
            );
            explain_mismatch(&request, source.as_str(), &credentials, received);
        }
        Err(error) if expected == received => {
            println!("st.signature: matches the secret given, but OK will refuse it: {error}");
        }
        Err(error) => println!("st.signature: does NOT match; why: {error}"),
    }
    Ok(false)
}

/// Tries the signing mistakes seen in the wild, each with the same secret.
fn explain_mismatch(
    request: &WidgetRequest,
    source: &str,
    credentials: &Credentials,
    received: Signature,
) {
    // `name=value` of `pairs` sorted by name, each value through `value`.
    fn source_of<'a>(
        pairs: impl Iterator<Item = (&'a str, &'a str)>,
        value: impl Fn(&str) -> String,
    ) -> String {
        let mut pairs: Vec<_> = pairs.collect();
        pairs.sort_unstable();
        let mut source = String::new();
        for (name, raw) in pairs {
            source.push_str(name);
            source.push('=');
            source.push_str(&value(raw));
        }
        source
    }
    let params = || request.params().iter();
    let signed = |(name, _): &(&str, &str)| request.is_signed(name);
    let written = [
        "st.cmd",
        "st.app",
        "st.signature",
        IDENTITIES[0],
        IDENTITIES[1],
    ];
    let variants = [
        (
            "values percent-encoded (the source takes raw values)",
            source_of(
                params().filter(|pair| signed(pair) && !pair.1.is_empty()),
                encode_uri_component,
            ),
        ),
        (
            "`st.returnUrl=` written for `st.return=` (a typo in OK's documentation)",
            source.replacen("st.return=", "st.returnUrl=", 1),
        ),
        (
            "empty values signed (as OK's JS SDK does)",
            source_of(params().filter(signed), str::to_owned),
        ),
        (
            "unsigned parameters signed too",
            source_of(
                params().filter(|(name, _)| !written.contains(name)),
                str::to_owned,
            ),
        ),
    ];
    let mut explained = false;
    for (mistake, variant) in variants {
        if variant != source && credentials.sign(&[&variant]) == received {
            println!("why: the URL's signature matches with {mistake}: source {variant}");
            explained = true;
        }
    }
    if !explained {
        println!(
            "why: no known signing mistake explains it: the URL was signed with another secret, \
             or altered after signing"
        );
    }
}
