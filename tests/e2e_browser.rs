//! The demo site (`examples/demo_site.rs`) in a real browser: headless Chromium driven through
//! chromedriver (the W3C `WebDriver` protocol), everything on 127.0.0.1.
//!
//! Share → confirm → the page shows the verified topic id (redirect path); Invite → cancel →
//! "cancelled" (postMessage path); Suggest → send → verified friends (postMessage path, signed);
//! a forged result sent to the return handler → rejected. A PNG screenshot of each step goes to
//! `target/e2e/`.
//!
//! Ignored by default (it needs Debian's `chromium` and `chromium-driver`); `.ci/run` installs
//! them and runs it with `cargo test --test e2e_browser -- --ignored`. Every wait has a
//! deadline, and the server, chromedriver and the browser are stopped on every exit, failure
//! included.

use std::io::{BufRead as _, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// How long any one thing may take: a page to show an element, the server to start.
const WAIT: Duration = Duration::from_secs(20);
/// The key of an element reference in the W3C protocol.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// `target/<profile>/examples/demo_site`, built by `cargo test` along with the tests (or here).
fn demo_site_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(Path::parent).unwrap();
    let path = profile_dir
        .join("examples")
        .join(format!("demo_site{}", std::env::consts::EXE_SUFFIX));
    if !path.exists() {
        let status = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--example", "demo_site"])
            .status()
            .unwrap();
        assert!(status.success(), "cargo build --example demo_site");
    }
    path
}

/// `target/e2e/`, where the screenshots go.
fn e2e_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    // target/<profile>/deps/<test> → target/e2e
    let target = exe.ancestors().nth(3).unwrap();
    let dir = target.join("e2e");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A free loopback port, for chromedriver (which cannot report the one it picked).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Everything the test started; stopped in this order when dropped, even by a panic.
struct Processes {
    site: Option<Child>,
    driver: Option<Child>,
    session: Option<(ureq::Agent, String)>,
    profile: Option<PathBuf>,
}

impl Drop for Processes {
    fn drop(&mut self) {
        // Closing the session makes chromedriver quit Chromium.
        if let Some((agent, session)) = self.session.take() {
            let _ = agent.delete(&session).call();
        }
        for child in [self.driver.take(), self.site.take()].into_iter().flatten() {
            let mut child = child;
            let _ = child.kill();
            let _ = child.wait();
        }
        if let Some(profile) = self.profile.take() {
            let _ = std::fs::remove_dir_all(profile);
        }
    }
}

/// Starts the demo site on an OS-assigned port and reads the address it prints.
fn start_site(processes: &mut Processes) -> String {
    let mut child = Command::new(demo_site_binary())
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    processes.site = Some(child);
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = sender.send(line);
    });
    let line = receiver
        .recv_timeout(WAIT)
        .expect("the demo site prints its address");
    let start = line.find("http://127.0.0.1:").expect("a loopback address");
    let url = line[start..].split_whitespace().next().unwrap();
    url.trim_end_matches('/').to_owned()
}

/// Starts chromedriver and a Chromium session through it.
fn start_browser(processes: &mut Processes) -> Browser {
    let port = free_port();
    let log = e2e_dir().join("chromedriver.log");
    processes.driver = Some(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (Debian package chromium-driver)"),
    );
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .http_status_as_error(false)
        .build()
        .into();
    let driver = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + WAIT;
    while agent.get(format!("{driver}/status")).call().is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        thread::sleep(Duration::from_millis(100));
    }

    let profile = std::env::temp_dir().join(format!("ok-widget-e2e-{}", std::process::id()));
    processes.profile = Some(profile.clone());
    let capabilities = json!({ "capabilities": { "alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=900,700",
                format!("--user-data-dir={}", profile.display()),
            ],
        },
    }}});
    let created = request(
        &agent,
        "POST",
        &format!("{driver}/session"),
        Some(&capabilities),
    );
    let session = format!(
        "{driver}/session/{}",
        created["sessionId"].as_str().expect("a session id")
    );
    processes.session = Some((agent.clone(), session.clone()));
    let browser = Browser { agent, session };
    browser.call(
        "POST",
        "/timeouts",
        Some(&json!({ "pageLoad": 20_000, "script": 10_000, "implicit": 0 })),
    );
    browser
}

/// One command to chromedriver; its `value`, or the error it answered as `Err`.
fn try_request(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    body: Option<&Value>,
) -> Result<Value, Value> {
    let response = match (method, body) {
        ("POST", body) => agent
            .post(url)
            .content_type("application/json")
            .send(body.unwrap_or(&json!({})).to_string()),
        ("DELETE", _) => agent.delete(url).call(),
        _ => agent.get(url).call(),
    };
    let mut response = response.map_err(|error| json!({ "transport": error.to_string() }))?;
    let ok = response.status().is_success();
    let text = response
        .body_mut()
        .read_to_string()
        .map_err(|error| json!({ "body": error.to_string() }))?;
    let value: Value = serde_json::from_str(&text).map_err(|_| json!({ "not json": text }))?;
    if ok {
        Ok(value.get("value").cloned().unwrap_or(value))
    } else {
        Err(value)
    }
}

fn request(agent: &ureq::Agent, method: &str, url: &str, body: Option<&Value>) -> Value {
    try_request(agent, method, url, body).unwrap_or_else(|error| panic!("{method} {url}: {error}"))
}

struct Browser {
    agent: ureq::Agent,
    session: String,
}

impl Browser {
    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        request(
            &self.agent,
            method,
            &format!("{}{path}", self.session),
            body,
        )
    }

    fn try_call(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, Value> {
        try_request(
            &self.agent,
            method,
            &format!("{}{path}", self.session),
            body,
        )
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", Some(&json!({ "url": url })));
    }

    /// The element `css` selects, waiting for it to appear.
    fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let found = self.try_call(
                "POST",
                "/element",
                Some(&json!({ "using": "css selector", "value": css })),
            );
            if let Ok(element) = found {
                return element[ELEMENT]
                    .as_str()
                    .unwrap_or_else(|| panic!("an element: {element}"))
                    .to_owned();
            }
            assert!(Instant::now() < deadline, "no element `{css}`");
            thread::sleep(Duration::from_millis(100));
        }
    }

    fn click(&self, css: &str) {
        let element = self.find(css);
        self.call("POST", &format!("/element/{element}/click"), None);
    }

    /// Clicks a button that makes its window close; the window may be gone before the click
    /// returns.
    fn click_closing(&self, css: &str) {
        let element = self.find(css);
        let _ = self.try_call("POST", &format!("/element/{element}/click"), None);
    }

    fn window(&self) -> String {
        self.call("GET", "/window", None)
            .as_str()
            .unwrap()
            .to_owned()
    }

    fn switch_to(&self, handle: &str) {
        self.call("POST", "/window", Some(&json!({ "handle": handle })));
    }

    fn handles(&self) -> Vec<String> {
        self.call("GET", "/window/handles", None)
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect()
    }

    /// Clicks `css`, waits for the popup it opens, and switches to it.
    fn click_to_popup(&self, css: &str) {
        let before = self.handles();
        self.click(css);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(popup) = self
                .handles()
                .into_iter()
                .find(|handle| !before.contains(handle))
            {
                self.switch_to(&popup);
                return;
            }
            assert!(Instant::now() < deadline, "`{css}` opened no popup");
            thread::sleep(Duration::from_millis(100));
        }
    }

    fn is_selected(&self, css: &str) -> bool {
        let element = self.find(css);
        self.call("GET", &format!("/element/{element}/selected"), None) == json!(true)
    }

    /// Waits until the outcome box leaves `pending`; its status and text.
    fn outcome(&self, previous: &str) -> (String, String) {
        let deadline = Instant::now() + WAIT;
        loop {
            let shown = self.call(
                "POST",
                "/execute/sync",
                Some(&json!({
                    "script": "const box = document.getElementById('outcome'); \
                               return [box.dataset.status, box.textContent];",
                    "args": [],
                })),
            );
            let status = shown[0].as_str().unwrap_or_default().to_owned();
            let text = shown[1].as_str().unwrap_or_default().to_owned();
            if status != "pending" && text != previous {
                return (status, text);
            }
            assert!(
                Instant::now() < deadline,
                "the page still shows `{status}: {text}`"
            );
            thread::sleep(Duration::from_millis(100));
        }
    }

    fn screenshot(&self, name: &str) {
        let data = self.call("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().unwrap())
            .unwrap();
        assert!(png.starts_with(b"\x89PNG"), "{name} is a PNG");
        std::fs::write(e2e_dir().join(name), png).unwrap();
    }
}

#[test]
#[ignore = "needs Debian's chromium and chromium-driver; .ci/run installs them and runs it"]
fn the_demo_site_works_in_headless_chromium() {
    let mut processes = Processes {
        site: None,
        driver: None,
        session: None,
        profile: None,
    };
    let site = start_site(&mut processes);
    let browser = start_browser(&mut processes);

    browser.go(&format!("{site}/"));
    browser.find("#share");
    let main = browser.window();
    browser.screenshot("01-home.png");

    // Share, result by redirect: confirm in OK's window, the page shows the verified topic.
    assert!(browser.is_selected("#via-redirect"));
    browser.click_to_popup("#share");
    browser.find("#confirm");
    browser.screenshot("02-share-confirm.png");
    browser.click_closing("#confirm");
    browser.switch_to(&main);
    let (status, text) = browser.outcome("No widget opened yet.");
    browser.screenshot("03-share-verified.png");
    assert_eq!(status, "verified", "{text}");
    assert!(
        text.contains("published topic 67601141224721 (by redirect"),
        "{text}"
    );

    // Invite, result by postMessage: cancel, the page shows "cancelled".
    browser.click("#via-postmessage");
    assert!(browser.is_selected("#via-postmessage"));
    browser.click_to_popup("#invite");
    browser.find("#cancel");
    browser.screenshot("04-invite-dialog.png");
    browser.click_closing("#cancel");
    browser.switch_to(&main);
    let (status, text) = browser.outcome(&text);
    browser.screenshot("05-invite-cancelled.png");
    assert_eq!(status, "cancelled", "{text}");
    assert!(text.contains("cancelled (by postMessage)"), "{text}");

    // Suggest, by postMessage, signed with the session secret: the server verifies `sig`.
    browser.click_to_popup("#suggest");
    browser.click_closing("#confirm");
    browser.switch_to(&main);
    let (status, text) = browser.outcome(&text);
    browser.screenshot("06-suggest-verified.png");
    assert_eq!(status, "verified", "{text}");
    assert!(
        text.contains("sent to friends [575123456790] (by postMessage"),
        "{text}"
    );

    // A forged publish result sent to the return handler is rejected.
    browser.click("#forge");
    let (status, text) = browser.outcome(&text);
    browser.screenshot("07-forged-rejected.png");
    assert_eq!(status, "rejected", "{text}");
    assert!(text.contains("`result.signature` does not match"), "{text}");

    drop(processes);
}
