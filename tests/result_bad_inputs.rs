//! Malformed results, each refused with the error that names what is wrong; none panics.
// The table is one long function on purpose: one row per input, read top to bottom.
#![allow(clippy::too_many_lines)]

use ok_widget::{
    Credentials, FriendsResult, PublishResult, RawResult, ResultError, Signature,
    UnverifiedPublishMessage, WidgetResult as _,
};

const SECRET: &str = "0A1B2C3D4E5F60718293A4B5";
/// Well-formed, but not the signature of anything here.
const SIG: &str = "0123456789abcdef0123456789abcdef";

#[derive(Clone, Copy, Debug)]
enum Parser {
    /// `PublishResult::parse`, then `verify`.
    Publish,
    /// `UnverifiedPublishMessage::parse`.
    Message,
    /// `FriendsResult::parse`, then `verify`.
    Friends,
    /// `RawResult::parse`: how every result is read, before its fields.
    Raw,
}

impl Parser {
    fn run(self, input: &str) -> Result<(), ResultError> {
        let credentials = Credentials::application(SECRET).unwrap();
        match self {
            Self::Publish => PublishResult::parse(input)?.verify(&credentials).map(drop),
            Self::Message => UnverifiedPublishMessage::parse(input).map(drop),
            Self::Friends => FriendsResult::parse(input)?.verify(&credentials).map(drop),
            Self::Raw => RawResult::parse(input).map(drop),
        }
    }
}

/// Equal, except that the explanation of the JSON reader (or of a field's value) is compared
/// only as far as the expected one goes, often not at all, and that of the signature parser not
/// at all: the variant and the field are.
fn same(expected: &ResultError, actual: &ResultError) -> bool {
    use ResultError::{InvalidField, InvalidJson, MalformedSignature};
    match (expected, actual) {
        (InvalidJson { .. }, InvalidJson { .. }) | (InvalidField { .. }, InvalidField { .. }) => {
            actual.to_string().starts_with(&expected.to_string())
        }
        (MalformedSignature { field: a, .. }, MalformedSignature { field: b, .. }) => a == b,
        _ => expected == actual,
    }
}

fn missing(field: &'static str) -> ResultError {
    ResultError::MissingField { field }
}
fn invalid(field: &'static str) -> ResultError {
    ResultError::InvalidField {
        field,
        reason: String::new(),
    }
}
fn json(field: &'static str) -> ResultError {
    ResultError::InvalidJson {
        field,
        reason: String::new(),
    }
}
fn malformed(field: &'static str) -> ResultError {
    ResultError::MalformedSignature {
        field,
        error: "".parse::<Signature>().unwrap_err(),
    }
}
fn duplicate(name: &str) -> ResultError {
    ResultError::DuplicateParameter { name: name.into() }
}
/// A name twice in a JSON object: refused by the JSON reader, which names it.
fn json_duplicate(field: &'static str, name: &str) -> ResultError {
    ResultError::InvalidJson {
        field,
        reason: duplicate(name).to_string(),
    }
}
fn bad_percent(parameter: &str) -> ResultError {
    ResultError::InvalidPercentEncoding {
        parameter: parameter.into(),
    }
}
fn bad_utf8(parameter: &str) -> ResultError {
    ResultError::InvalidUtf8 {
        parameter: parameter.into(),
    }
}

fn success(id: &str, signature: &str) -> String {
    format!(r#"{{"type":"success","id":{id},"signature":{signature}}}"#)
}

fn table() -> Vec<(Parser, String, ResultError)> {
    use Parser::{Friends, Message, Publish, Raw};
    let q = |s: &str| s.to_owned();
    let too_long = "a".repeat(ok_widget::MAX_INPUT_LEN + 1);
    let too_large = |len| ResultError::TooLarge { len };
    vec![
        // Size, URL and query syntax.
        (Publish, too_long.clone(), too_large(too_long.len())),
        (
            Friends,
            format!("code=OK&x={}", &too_long[10..]),
            too_large(too_long.len()),
        ),
        (
            Message,
            format!("{{\"id\":\"{}\"}}", &too_long[9..]),
            too_large(too_long.len()),
        ),
        (
            Raw,
            format!("https://app.example/cb?a={}", &too_long[25..]),
            too_large(too_long.len()),
        ),
        (
            Publish,
            q("https://app.example/ok/callback"),
            ResultError::NoQuery,
        ),
        (
            Publish,
            q("https://app.example/ok/callback#result=x"),
            ResultError::NoQuery,
        ),
        (
            Friends,
            q("ok512000000001://WidgetInvite"),
            ResultError::NoQuery,
        ),
        (Raw, q("=1"), ResultError::EmptyParameterName),
        (Friends, q("code=OK&=x"), ResultError::EmptyParameterName),
        (Publish, q("result=%ZZ"), bad_percent("result")),
        (Publish, q("result=%7"), bad_percent("result")),
        (Friends, q("code=OK%"), bad_percent("code")),
        (Raw, q("res%ult=1"), bad_percent("res%ult")),
        (Publish, q("result=%FF"), bad_utf8("result")),
        (Friends, q("co%E9de=OK"), bad_utf8("co%E9de")),
        (Raw, q("a=%C3%28"), bad_utf8("a")),
        (Raw, q("a=1&b=2&a=3"), duplicate("a")),
        (Raw, q("a=1&%61=3"), duplicate("a")),
        (
            Publish,
            q("result=%7B%7D&result=%7B%7D"),
            duplicate("result"),
        ),
        (Friends, q("code=OK&code=CANCELLED"), duplicate("code")),
        (
            Friends,
            q("https://app.example/cb?sig=1&code=OK&sig=2"),
            duplicate("sig"),
        ),
        // Publish: the `result` JSON.
        (Publish, q("result=%7B"), json("result")),
        (Publish, q("result=%5B1%2C2%5D"), json("result")),
        (Publish, q("result=null"), json("result")),
        (
            Publish,
            format!("{} trailing", success("\"1\"", &format!("\"{SIG}\""))),
            json("result"),
        ),
        (
            Publish,
            q(r#"{"type":"success","id":"1","id":"2"}"#),
            json_duplicate("result", "id"),
        ),
        (
            Publish,
            q(r#"{"id":"67601133491473"}"#),
            ResultError::Unsigned,
        ),
        (Publish, q(r#"{"message":"hi"}"#), missing("result.type")),
        (Publish, q(r#"{"type":"done"}"#), invalid("result.type")),
        (Publish, q(r#"{"type":1}"#), invalid("result.type")),
        (
            Publish,
            format!(r#"{{"type":"success","signature":"{SIG}"}}"#),
            missing("result.id"),
        ),
        (
            Publish,
            success("\"12a\"", &format!("\"{SIG}\"")),
            invalid("result.id"),
        ),
        (
            Publish,
            success("\"\"", &format!("\"{SIG}\"")),
            invalid("result.id"),
        ),
        (
            Publish,
            success("\"-1\"", &format!("\"{SIG}\"")),
            invalid("result.id"),
        ),
        (
            Publish,
            success("[1]", &format!("\"{SIG}\"")),
            invalid("result.id"),
        ),
        (
            Publish,
            q(r#"{"type":"success","id":"1"}"#),
            missing("result.signature"),
        ),
        (
            Publish,
            success("\"1\"", &format!("\"{}\"", SIG.to_ascii_uppercase())),
            malformed("result.signature"),
        ),
        (
            Publish,
            success("\"1\"", &format!("\"{}\"", &SIG[1..])),
            malformed("result.signature"),
        ),
        (
            Publish,
            success("\"1\"", &format!("\"{SIG}0\"")),
            malformed("result.signature"),
        ),
        (
            Publish,
            success("\"1\"", &format!("\"{}g\"", &SIG[1..])),
            malformed("result.signature"),
        ),
        (
            Publish,
            success("\"1\"", "12345"),
            invalid("result.signature"),
        ),
        (
            Publish,
            success("\"1\"", &format!("\"{SIG}\"")),
            ResultError::SignatureMismatch {
                field: "result.signature",
            },
        ),
        (
            Publish,
            q(r#"{"type":"error","message":"x"}"#),
            missing("result.code"),
        ),
        (
            Publish,
            q(r#"{"type":"error","code":[12]}"#),
            invalid("result.code"),
        ),
        (
            Publish,
            q(r#"{"type":"error","code":12,"message":5}"#),
            invalid("result.message"),
        ),
        // Publish: the postMessage.
        (Message, q("{}"), missing("id")),
        (Message, q("[]"), json("message")),
        (Message, q(r#"{"id":"1""#), json("message")),
        (Message, q(r#"{"id":"x"}"#), invalid("id")),
        (Message, q(r#"{"id":{"a":1}}"#), invalid("id")),
        (
            Message,
            q(r#"{"id":"1","id":"1"}"#),
            json_duplicate("message", "id"),
        ),
        (
            Message,
            q(r#"{"id":"1","\u0069d":"1"}"#),
            json_duplicate("message", "id"),
        ),
        // Invite and suggest.
        (Friends, format!("selected=[1]&sig={SIG}"), missing("code")),
        (Friends, format!("code=OK&sig={SIG}"), missing("selected")),
        (Friends, q("code=OK&selected=[1]"), missing("sig")),
        (
            Friends,
            format!("code=OK&selected=1,2&sig={SIG}"),
            invalid("selected"),
        ),
        (
            Friends,
            format!("code=OK&selected=[1,x]&sig={SIG}"),
            invalid("selected"),
        ),
        (
            Friends,
            format!("code=OK&selected=[1,,2]&sig={SIG}"),
            invalid("selected"),
        ),
        (
            Friends,
            format!("code=OK&selected=[%2B1]&sig={SIG}"),
            invalid("selected"),
        ),
        (
            Friends,
            format!("code=OK&selected=[99999999999999999999]&sig={SIG}"),
            invalid("selected"),
        ),
        (Friends, q("code=OK&selected=[1]&sig=XYZ"), malformed("sig")),
        (
            Friends,
            format!("code=OK&selected=[1]&sig={}", SIG.to_ascii_uppercase()),
            malformed("sig"),
        ),
        (Friends, q("code=CANCELLED&sig=zz"), malformed("sig")),
        (
            Friends,
            format!("code=OK&selected=[1]&sig={SIG}"),
            ResultError::SignatureMismatch { field: "sig" },
        ),
        (Friends, q(r#"{"code":1}"#), invalid("code")),
        (
            Friends,
            format!(r#"{{"code":"OK","selected":5,"sig":"{SIG}"}}"#),
            invalid("selected"),
        ),
        (
            Friends,
            format!(r#"{{"code":"OK","selected":[1.5],"sig":"{SIG}"}}"#),
            invalid("selected"),
        ),
        (
            Friends,
            format!(r#"{{"code":"OK","selected":[1],"sig":"{SIG}","code":"OK"}}"#),
            json_duplicate("message", "code"),
        ),
        (
            Friends,
            format!(r#"{{"code":"CANCELLED","error_code":{{}},"sig":"{SIG}"}}"#),
            invalid("error_code"),
        ),
        (Friends, q(r#"{"code":"OK""#), json("message")),
        (Friends, q("{}"), missing("code")),
        (Raw, q(r#"{"a":1,"a":2}"#), json_duplicate("message", "a")),
        (Raw, q(r#"{"a":1"#), json("message")),
    ]
}

#[test]
fn every_malformed_input_is_refused_with_its_error() {
    let table = table();
    assert!(table.len() >= 30, "{} rows", table.len());
    let mut failures = Vec::new();
    for (parser, input, expected) in &table {
        let outcome = std::panic::catch_unwind(|| parser.run(input));
        match outcome {
            Err(_) => failures.push(format!("{parser:?} panicked on {input:.80}")),
            Ok(Ok(())) => failures.push(format!("{parser:?} accepted {input:.80}")),
            Ok(Err(actual)) if !same(expected, &actual) => failures.push(format!(
                "{parser:?} on {input:.80}:\n    expected {expected:?}\n    got      {actual:?}"
            )),
            Ok(Err(actual)) => {
                // Every refusal explains itself in one line, and never shows a secret.
                let message = actual.to_string();
                assert!(!message.is_empty() && !message.contains('\n'));
                assert!(!message.contains(SECRET));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A redirect to `st.return` carries the publish result as `result` (protocol.md section 6);
/// one without it is not a publish result, whatever other parameters it has.
#[test]
fn a_publish_redirect_without_result_is_refused_for_it() {
    let flat = "https://app.example/ok/callback?type=success&id=67601141224721\
                &signature=445bc6329107a1c6ebc63741f3738bda";
    for input in ["", "state=abc", flat] {
        assert_eq!(
            Parser::Publish.run(input),
            Err(missing("result")),
            "{input}"
        );
    }
}
