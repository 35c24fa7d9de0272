//! `ok-widget`: sign OK connect widget URLs from the command line.
//!
//! ```text
//! cargo run --example ok-widget -- sign invite --app=512000000001 --app-secret=SECRET \
//!     --return=https://app.example/ok/callback --state=abc123
//! ```
//!
//! Prints the signed URL on one line. Bad input exits non-zero with a one-line reason.
//!
//! ```text
//! cargo run --example ok-widget -- verify publish --app-secret=SECRET \
//!     'https://app.example/ok/callback?result=%7B%22type%22...'
//! cargo run --example ok-widget -- verify invite --app-secret=SECRET 'code=OK&selected=[1]&sig=...'
//! cargo run --example ok-widget -- inspect 'https://connect.ok.ru/dk?st.cmd=...' --app-secret=SECRET
//! ```
//!
//! `verify` prints the verified outcome and exits 0 only when the result is verified; anything
//! else (an error OK reported, a malformed or forged result) exits 1 with the reason.
//! `inspect` decodes a widget URL, lists its parameters and recomputes its signature,
//! explaining a mismatch. Secrets are never printed: every line goes through `redact`, and
//! `inspect` and `verify` hide the access token too.

// The doc comments below are clap's `--help` text, read in a terminal, not rustdoc.
#![allow(clippy::doc_markdown)]

use std::process::ExitCode;
use std::sync::OnceLock;

use clap::{Args, Parser, Subcommand, ValueEnum};
use ok_widget::{
    App, AppId, AttachmentEncoding, AttachmentJson, BaseUrl, Credentials, FriendsOutcome,
    FriendsResult, FriendsSignatureRule, Invite, MediatopicPost, PublishOutcome, PublishResult,
    RequestCheckError, RequestError, ResultError, Signature, Suggest, WidgetRequest,
};

/// The secrets given on the command line (and, except for `sign`, whose URL must carry it, the
/// access token), with what stands for each in the output.
///
/// Only values of at least [`RECOGNISABLE`] bytes: a real key is 24-32 characters, while
/// replacing every `S` of the output for a toy secret `S` would garble it (and refuse URLs whose
/// base64 happens to contain an `S`).
static REDACTED: OnceLock<Vec<(String, &'static str)>> = OnceLock::new();

/// The shortest value treated as a secret to redact.
const RECOGNISABLE: usize = 8;

/// Reads the secret flags from the raw arguments, before clap (whose errors are printed too).
fn collect_secrets() -> Vec<(String, &'static str)> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let signing = args.first().is_some_and(|command| command == "sign");
    let mut secrets = Vec::new();
    for (i, arg) in args.iter().enumerate() {
        for (flag, shown) in [
            ("--app-secret", "<app secret>"),
            ("--session-secret", "<session secret>"),
            ("--access-token", "<token>"),
        ] {
            if signing && flag == "--access-token" {
                continue;
            }
            let value = match arg.strip_prefix(flag) {
                Some("") => args.get(i + 1).cloned(),
                Some(rest) => rest.strip_prefix('=').map(str::to_owned),
                None => None,
            };
            if let Some(value) = value.filter(|value| value.len() >= RECOGNISABLE) {
                // As it would appear inside a URL, too.
                let encoded = ok_widget::encode::encode_uri_component(&value);
                if encoded != value {
                    secrets.push((encoded, shown));
                }
                secrets.push((value, shown));
            }
        }
    }
    // Longest first, so that a secret containing another is replaced whole.
    secrets.sort_by_key(|(secret, _)| std::cmp::Reverse(secret.len()));
    secrets
}

/// `text` with every secret replaced by its placeholder.
fn redact(text: &str) -> String {
    let mut text = text.to_owned();
    for (secret, shown) in REDACTED.get().map_or(&[][..], Vec::as_slice) {
        if text.contains(secret.as_str()) {
            text = text.replace(secret.as_str(), shown);
        }
    }
    text
}

/// Whether a parameter value of the signed `url` holds a secret given on the command line
/// (`st.access_token` is meant to carry the token).
fn carries_a_secret(url: &str) -> bool {
    WidgetRequest::parse(url).is_ok_and(|request| {
        request
            .params()
            .iter()
            .any(|(name, value)| name != "st.access_token" && redact(value) != value)
    })
}

// Every line this program prints goes through `redact`: the macros below shadow std's.
macro_rules! println {
    ($($arg:tt)*) => { std::println!("{}", redact(&format!($($arg)*))) };
}
macro_rules! eprintln {
    ($($arg:tt)*) => { std::eprintln!("{}", redact(&format!($($arg)*))) };
}
macro_rules! print {
    ($($arg:tt)*) => { std::print!("{}", redact(&format!($($arg)*))) };
}
macro_rules! eprint {
    ($($arg:tt)*) => { std::eprint!("{}", redact(&format!($($arg)*))) };
}

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
    Inspect {
        /// The widget URL (https://connect.ok.ru/dk?st.cmd=...).
        url: String,
        /// Check the signature with the application's secret key.
        #[arg(long, value_name = "S", conflicts_with = "access_token")]
        app_secret: Option<String>,
        /// Check the signature as made for this OAuth access token...
        #[arg(long, value_name = "T", requires = "session_secret")]
        access_token: Option<String>,
        /// ...with this session secret key.
        #[arg(long, value_name = "S", requires = "access_token")]
        session_secret: Option<String>,
    },
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
    #[command(flatten)]
    rule: RuleArg,
    /// The redirect URL, its query string, or the postMessage JSON.
    input: String,
}

#[derive(Args)]
struct RuleArg {
    /// How `sig` is computed. OK does not publish it; (a) is this library's inference.
    /// a: "code=" + code + "selected=" + selected; b: every parameter but sig, sorted;
    /// c: "selected=" + selected.
    #[arg(long, value_enum, default_value_t = Rule::A)]
    rule: Rule,
}

#[derive(Clone, Copy, ValueEnum)]
enum Rule {
    A,
    B,
    C,
}

impl From<Rule> for FriendsSignatureRule {
    fn from(rule: Rule) -> Self {
        match rule {
            Rule::A => Self::CodeAndSelected,
            Rule::B => Self::AllParameters,
            Rule::C => Self::SelectedOnly,
        }
    }
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
    Invite(FriendsWidgetArgs),
    /// WidgetSuggest: recommend the game to friends.
    Suggest(FriendsWidgetArgs),
}

/// What `sign invite` and `sign suggest` take: the two widgets have the same parameters.
#[derive(Args)]
struct FriendsWidgetArgs {
    #[command(flatten)]
    app: AppArgs,
    #[command(flatten)]
    common: CommonArgs,
    #[command(flatten)]
    friends: FriendsArgs,
}

#[derive(Args)]
struct AppArgs {
    /// The application id (st.app).
    #[arg(long, value_name = "ID")]
    app: AppId,
    #[command(flatten)]
    credentials: CredentialArgs,
    /// Where the widget opens (default https://connect.ok.ru/dk).
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    base_url: Option<BaseUrl>,
}

/// The secret that signs: the application's, or a session's.
#[derive(Args)]
struct CredentialArgs {
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

impl CredentialArgs {
    fn credentials(&self) -> Result<Credentials, RequestError> {
        credentials(
            self.app_secret.as_deref(),
            self.access_token.as_deref(),
            self.session_secret.as_deref(),
        )?
        // clap's argument rules make one of the two kinds present.
        .ok_or(RequestError::InvalidCredentials {
            reason: "give --app-secret, or --access-token with --session-secret",
        })
    }
}

/// The credentials given, if any.
fn credentials(
    app_secret: Option<&str>,
    access_token: Option<&str>,
    session_secret: Option<&str>,
) -> Result<Option<Credentials>, RequestError> {
    match (app_secret, access_token, session_secret) {
        (Some(secret), None, None) => Ok(Some(Credentials::application(secret))),
        (None, Some(token), Some(secret)) => Credentials::session(token, secret).map(Some),
        (None, None, None) => Ok(None),
        _ => Err(RequestError::InvalidCredentials {
            reason: "give --app-secret, or --access-token with --session-secret",
        }),
    }
}

impl AppArgs {
    fn app(&self) -> Result<App, RequestError> {
        let app = App::new(self.app, self.credentials.credentials()?);
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
        Widget::Invite(FriendsWidgetArgs {
            app,
            common,
            friends,
        }) => {
            let invite = apply_friends!(apply_common!(Invite::new(), common), friends);
            app.app()?.sign(&invite)
        }
        Widget::Suggest(FriendsWidgetArgs {
            app,
            common,
            friends,
        }) => {
            let suggest = apply_friends!(apply_common!(Suggest::new(), common), friends);
            app.app()?.sign(&suggest)
        }
    }
}

fn main() -> ExitCode {
    REDACTED.get_or_init(collect_secrets);
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
            Ok(url) if carries_a_secret(&url) => {
                eprintln!(
                    "error: a parameter value contains the secret key: the URL would show it to anyone who sees it"
                );
                ExitCode::FAILURE
            }
            Ok(url) => {
                println!("{url}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        },
        Command::Verify(kind) => verify(&kind),
        Command::Inspect {
            url,
            app_secret,
            access_token,
            session_secret,
        } => match credentials(
            app_secret.as_deref(),
            access_token.as_deref(),
            session_secret.as_deref(),
        ) {
            Ok(credentials) => inspect(&url, credentials.as_ref()),
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        },
    }
}

/// Verifies a result: the outcome on stdout, exit 0 only for a verified success.
fn verify(kind: &ResultKind) -> ExitCode {
    let (credentials, input, rule) = match kind {
        ResultKind::Publish { credentials, input } => (credentials, input, None),
        ResultKind::Invite(FriendsResultArgs {
            credentials,
            rule,
            input,
        })
        | ResultKind::Suggest(FriendsResultArgs {
            credentials,
            rule,
            input,
        }) => (
            credentials,
            input,
            Some(FriendsSignatureRule::from(rule.rule)),
        ),
    };
    let credentials = match credentials.credentials() {
        Ok(credentials) => credentials,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let verified = match rule {
        None => verify_publish(input, &credentials),
        Some(rule) => verify_friends(input, &credentials, rule),
    };
    match verified {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("not verified: {error}");
            ExitCode::FAILURE
        }
    }
}

/// An error OK reported: unsigned, so not verified, and nothing to act on.
fn reported(what: &str, error: &ok_widget::OkError) -> bool {
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
                "not verified: OK returned topic id 0: the application is not approved for publishing yet, no topic was created"
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
    let outcome = match result.verify_with(rule, credentials) {
        Ok(outcome) => outcome,
        Err(error @ ResultError::SignatureMismatch { .. }) => {
            // Say which rule would have matched: OK does not publish the rule.
            if let Ok(diagnosis) = result.diagnose(credentials) {
                eprint!("sig checked by every candidate rule:\n{diagnosis}");
            }
            return Err(error);
        }
        Err(error) => return Err(error),
    };
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

/// The signed parameters of `request`, sorted by name as the source is; empty ones too if
/// `include_empty` (as OK's JS SDK signs them).
fn signed_pairs(request: &WidgetRequest, include_empty: bool) -> Vec<(&str, &str)> {
    let mut pairs: Vec<(&str, &str)> = request
        .params()
        .iter()
        .filter(|(name, value)| request.is_signed(name) && (include_empty || !value.is_empty()))
        .collect();
    pairs.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    pairs
}

fn print_request(request: &WidgetRequest) {
    let cmd = request.cmd().unwrap_or_default();
    println!("base URL: {}", request.base_url());
    match request.widget_spec() {
        Some(_) => println!("widget:   {cmd} (documented by OK)"),
        None => println!(
            "widget:   {cmd:?} (not one OK documents: only st.attachment, st.redirect_uri, st.return and st.state are known to be signed)"
        ),
    }
    println!("parameters, decoded:");
    for (name, value) in request.params().iter() {
        if name == "st.access_token" {
            println!("  {name} = <token>  [sent, never signed]");
        } else if request.is_signed(name) {
            println!("  {name} = {value}  [signed]");
            if value.is_empty() {
                println!("    (empty: counts as absent and is not signed; OK's JS SDK signs it)");
            }
        } else {
            println!("  {name} = {value}");
        }
    }
}

/// Decodes a widget URL and checks its signature; exit 0 only when it matches.
fn inspect(url: &str, credentials: Option<&Credentials>) -> ExitCode {
    let request = match WidgetRequest::parse(url) {
        Ok(request) => request,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    print_request(&request);
    let source = request.signature_source();
    println!("signature source (the secret follows it): {source}");
    let received = match request.signature() {
        Ok(signature) => signature,
        Err(error) => {
            println!("st.signature: {error}");
            return ExitCode::FAILURE;
        }
    };
    let Some(credentials) = credentials else {
        println!(
            "give --app-secret, or --access-token with --session-secret, to check st.signature"
        );
        return ExitCode::SUCCESS;
    };
    let kind = match credentials.access_token() {
        None => "the application secret key",
        Some(_) => "the session secret key",
    };
    match request.verify(credentials) {
        Ok(()) => {
            println!("st.signature: matches (md5 of the source + {kind})");
            ExitCode::SUCCESS
        }
        Err(RequestCheckError::SignatureMismatch) => {
            let expected = source.sign(credentials);
            println!(
                "st.signature: does NOT match: recomputed {expected} with {kind}, the URL has {received}"
            );
            explain_mismatch(&request, source.as_str(), received, credentials);
            ExitCode::FAILURE
        }
        Err(error) => {
            let matches = source.sign(credentials) == received;
            if matches {
                println!("st.signature: matches the secret given, but OK will refuse it: {error}");
            } else {
                println!("st.signature: does NOT match; why: {error}");
            }
            ExitCode::FAILURE
        }
    }
}

/// Tries the signing mistakes seen in the wild, each with the same secret.
fn explain_mismatch(
    request: &WidgetRequest,
    source: &str,
    received: Signature,
    credentials: &Credentials,
) {
    let mut all: Vec<(&str, &str)> = request
        .params()
        .iter()
        .filter(|(name, _)| !ok_widget::table::is_reserved(name))
        .collect();
    all.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let variants: [(&str, String); 4] = [
        (
            "values percent-encoded (the source takes raw values)",
            concat(
                &signed_pairs(request, false),
                ok_widget::encode::encode_uri_component,
            ),
        ),
        (
            "`st.returnUrl=` written for `st.return=` (a typo in OK's documentation)",
            source.replacen("st.return=", "st.returnUrl=", 1),
        ),
        (
            "empty values signed (as OK's JS SDK does)",
            concat(&signed_pairs(request, true), str::to_owned),
        ),
        (
            "unsigned parameters signed too",
            concat(&all, str::to_owned),
        ),
    ];
    let mut explained = false;
    for (mistake, variant) in variants {
        if variant != source && credentials.sign_source(&[variant.as_bytes()]) == received {
            println!("why: the URL's signature matches with {mistake}: source {variant}");
            explained = true;
        }
    }
    if !explained {
        println!(
            "why: no known signing mistake explains it: the URL was signed with another secret, or altered after signing"
        );
    }
}

/// `name=value` pairs concatenated, each value through `value`.
fn concat(pairs: &[(&str, &str)], value: impl Fn(&str) -> String) -> String {
    let mut source = String::new();
    for (name, raw) in pairs {
        source.push_str(name);
        source.push('=');
        source.push_str(&value(raw));
    }
    source
}
