//! The demo site (`examples/demo_site.rs`) in a real browser: headless Chromium driven through
//! chromedriver (the W3C `WebDriver` protocol), everything on 127.0.0.1.
//!
//! Each widget (Share, Invite, Suggest) by redirect and by postMessage, through the companion
//! script: the page shows the server's verdict (a publish by postMessage is refused as
//! unsigned). A page of another origin posting a forged result to the opener, and the page
//! itself posting one, are ignored. Forged results (both modes), a replayed result (both modes)
//! and another session's result (both modes) are refused; a popup opened without a click is
//! blocked and the page says so. A PNG screenshot of each step goes to `target/e2e/`.
//!
//! Ignored by default (it needs Debian's `chromium` and `chromium-driver`); `.ci/run` installs
//! them and runs it with `cargo test --test e2e_browser -- --ignored`. Every wait has a
//! deadline, and the server, the other origin's server, chromedriver and the browser are
//! stopped on every exit, failure included.

mod common;

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
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
#[derive(Default)]
struct Processes {
    site: Option<Child>,
    other_origin: Option<OtherOrigin>,
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
        if let Some(other) = self.other_origin.take() {
            other.stop.store(true, Ordering::Relaxed);
            let _ = other.thread.join();
        }
        if let Some(profile) = self.profile.take() {
            let _ = std::fs::remove_dir_all(profile);
        }
    }
}

/// A page of another origin (another loopback port) that posts a forged "sent" result to the
/// window that opened it, with target `*`.
const OTHER_ORIGIN_PAGE: &str = r"<!doctype html><meta charset=utf-8><title>Another site</title>
<h1>Another origin</h1><p id=posted>Posting…</p>
<script>
const forged = JSON.stringify({ code: 'OK', selected: [575123456789], sig: '0123456789abcdef0123456789abcdef' });
window.opener.postMessage(forged, '*');
document.getElementById('posted').textContent = 'Posted a forged result to the opener: ' + forged;
</script>";

/// A server of [`OTHER_ORIGIN_PAGE`], on a thread that polls a stop flag.
struct OtherOrigin {
    stop: Arc<AtomicBool>,
    thread: thread::JoinHandle<()>,
}

/// Starts the other origin's server; its URL.
fn start_other_origin(processes: &mut Processes) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    listener.set_nonblocking(true).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    let thread = thread::spawn(move || {
        while !stopped.load(Ordering::Relaxed) {
            let Ok((mut stream, _)) = listener.accept() else {
                thread::sleep(Duration::from_millis(20));
                continue;
            };
            let _ = stream.set_nonblocking(false);
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut request = [0; 4096];
            let _ = stream.read(&mut request);
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{OTHER_ORIGIN_PAGE}",
                OTHER_ORIGIN_PAGE.len()
            );
        }
    });
    processes.other_origin = Some(OtherOrigin { stop, thread });
    url
}

/// Starts the demo site on an OS-assigned port and reads the address it prints.
fn start_site(processes: &mut Processes) -> String {
    let mut child = Command::new(common::example("demo_site"))
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
            // chromedriver turns Chromium's popup blocker off by default; the test needs it on
            // (a popup opened without a click must be blocked, and the page must say so).
            "excludeSwitches": ["disable-popup-blocking"],
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

    /// Navigates to a URL whose page may close its window before the command returns.
    fn go_closing(&self, url: &str) {
        let _ = self.try_call("POST", "/url", Some(&json!({ "url": url })));
    }

    fn back(&self) {
        self.call("POST", "/back", None);
    }

    fn delete_cookie(&self, name: &str) {
        self.call("DELETE", &format!("/cookie/{name}"), None);
    }

    /// Runs `script` in the current window with `args`; its value.
    fn execute(&self, script: &str, args: &Value) -> Value {
        let body = json!({ "script": script, "args": args });
        self.call("POST", "/execute/sync", Some(&body))
    }

    /// Runs `script`, which passes its value to its last argument, and waits for it (at most
    /// the session's script timeout).
    fn execute_async(&self, script: &str, args: &Value) -> Value {
        let body = json!({ "script": script, "args": args });
        self.call("POST", "/execute/async", Some(&body))
    }

    /// Waits until `script` returns `true` in the current window.
    fn wait_for(&self, script: &str) {
        let deadline = Instant::now() + WAIT;
        while self.execute(script, &json!([])) != json!(true) {
            assert!(Instant::now() < deadline, "still false: {script}");
            thread::sleep(Duration::from_millis(100));
        }
    }

    /// How many verdicts the page has listed.
    fn verdicts(&self) -> usize {
        let count = self.execute(
            "return document.querySelectorAll('#log li').length;",
            &json!([]),
        );
        usize::try_from(count.as_u64().unwrap()).unwrap()
    }

    /// The verdict box: its status and text.
    fn shown(&self) -> (String, String) {
        let shown = self.execute(
            "const box = document.getElementById('verdict'); \
             return [box.dataset.status, box.textContent];",
            &json!([]),
        );
        let text = |index: usize| shown[index].as_str().unwrap_or_default().to_owned();
        (text(0), text(1))
    }

    /// Waits for the page to list a verdict after the first `before`; what the box shows.
    fn verdict_after(&self, before: usize) -> (String, String) {
        let deadline = Instant::now() + WAIT;
        while self.verdicts() <= before {
            let (status, text) = self.shown();
            assert!(
                Instant::now() < deadline,
                "no verdict; the page shows `{status}: {text}`"
            );
            thread::sleep(Duration::from_millis(100));
        }
        self.shown()
    }

    /// Clicks `button` (the page in window `main`), in OK's window clicks the friends `toggle`
    /// (ids) and confirms, and waits for the verdict; screenshots of the dialog and of the
    /// verdict.
    fn confirmed(
        &self,
        main: &str,
        (button, toggle): (&str, &[u64]),
        dialog: &str,
        verdict: &str,
    ) -> (String, String) {
        let before = self.verdicts();
        self.click_to_popup(button);
        self.find("#confirm");
        for id in toggle {
            self.click(&format!("input[name=selected][value='{id}']"));
        }
        self.screenshot(dialog);
        self.click_closing("#confirm");
        self.switch_to(main);
        let shown = self.verdict_after(before);
        self.screenshot(verdict);
        shown
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

/// A verdict box's status and text, as owned strings for `assert_eq!`.
fn expect(status: &str, text: &str) -> (String, String) {
    (status.to_owned(), text.to_owned())
}

/// Relays `message` with `token` to the invite relay from the page, as the companion would,
/// and shows the verdict. `token` `null`: the page's own, from `/api/open`. The token used.
const RELAY_INVITE: &str = r"
const [message, given, done] = arguments;
(async () => {
  const json = { 'content-type': 'application/json' };
  const opened = await (await fetch('/api/open', {
    method: 'POST', headers: json, body: JSON.stringify({ widget: 'invite', via: 'postmessage' }),
  })).json();
  const token = given || opened.token;
  const response = await fetch(opened.relay, {
    method: 'POST', headers: json, body: JSON.stringify({ result: message, token }),
  });
  showVerdict({ status: response.status, ok: response.ok, body: await response.text() });
  done(token);
})().catch((error) => done('error: ' + error));
";

#[test]
#[ignore = "needs Debian's chromium and chromium-driver; .ci/run installs them and runs it"]
fn the_demo_site_works_in_headless_chromium() {
    let mut processes = Processes::default();
    let site = start_site(&mut processes);
    let other_origin = start_other_origin(&mut processes);
    let browser = start_browser(&mut processes);

    browser.go(&format!("{site}/"));
    browser.find("#share");
    let main = browser.window();
    browser.screenshot("01-home.png");

    each_widget_by_redirect(&browser, &main);
    let invite = each_widget_by_postmessage(&browser, &main, &other_origin);
    forged(&browser);
    let (return_url, token) = replayed(&browser, &main, &site, &invite);
    unbound(&browser, &site, &return_url, &invite, &token);
    popup_blocked(&browser);

    drop(processes);
}

/// Each widget by redirect: OK's window goes to the return handler, whose page tells this one.
fn each_widget_by_redirect(browser: &Browser, main: &str) {
    assert!(browser.is_selected("#via-redirect"));
    for (widget, first, expected) in [
        ("share", 2, "published topic 67601141224721"),
        ("invite", 4, "sent to 3 friends"),
        ("suggest", 6, "sent to 1 friends"),
    ] {
        let shown = browser.confirmed(
            main,
            (&format!("#{widget}"), &[]),
            &format!("{first:02}-{widget}-redirect-dialog.png"),
            &format!("{:02}-{widget}-redirect-verified.png", first + 1),
        );
        assert_eq!(shown, expect("accepted", expected), "{widget}");
    }
}

/// Each widget by postMessage, through the companion. The test keeps what OK's window posts
/// (it is served from the site's origin), as an attacker keeps their own results, and returns
/// the invite, to replay it below.
fn each_widget_by_postmessage(browser: &Browser, main: &str, other_origin: &str) -> String {
    browser.click("#via-postmessage");
    assert!(browser.is_selected("#via-postmessage"));
    browser.execute(
        "window.captured = []; addEventListener('message', (event) => { \
         if (event.origin === location.origin && event.source !== window \
             && typeof event.data === 'string') captured.push(event.data); });",
        &json!([]),
    );
    let shown = browser.confirmed(
        main,
        ("#share", &[]),
        "08-share-postmessage-dialog.png",
        "09-share-postmessage-unsigned.png",
    );
    assert_eq!(shown, expect("refused", "Refused (400): unsigned result"));

    // Invite. While OK's window is open, a page of another origin in that window posts a forged
    // result to this page, and this page posts one to itself: both are ignored, the page still
    // waits; then the user goes back to OK's window and sends. (Not to the same friends as by
    // redirect: the same friends invited again in the same session are credited once.)
    let before = browser.verdicts();
    browser.click_to_popup("#invite");
    browser.find("#confirm");
    browser.screenshot("10-invite-postmessage-dialog.png");
    let popup = browser.window();
    browser.go(other_origin);
    browser.wait_for(
        "return document.getElementById('posted').textContent.startsWith('Posted a forged');",
    );
    browser.screenshot("11-other-origin-page.png");
    browser.switch_to(main);
    browser.execute(
        "window.postMessage(JSON.stringify({ code: 'OK', selected: [575123456789], \
         sig: '0123456789abcdef0123456789abcdef' }), '*');",
        &json!([]),
    );
    thread::sleep(Duration::from_millis(1500));
    assert_eq!(browser.verdicts(), before, "a message was taken");
    assert_eq!(browser.shown().0, "pending");
    browser.screenshot("12-other-origin-ignored.png");
    browser.switch_to(&popup);
    browser.back();
    browser.find("#confirm");
    browser.click("input[name=selected][value='575123456789']");
    browser.click_closing("#confirm");
    browser.switch_to(main);
    let shown = browser.verdict_after(before);
    browser.screenshot("13-invite-postmessage-verified.png");
    assert_eq!(shown, expect("accepted", "sent to 2 friends"));

    let shown = browser.confirmed(
        main,
        ("#suggest", &[575_123_456_791]),
        "14-suggest-postmessage-dialog.png",
        "15-suggest-postmessage-verified.png",
    );
    assert_eq!(shown, expect("accepted", "sent to 2 friends"));

    let captured = browser.execute("return captured;", &json!([]));
    let captured: Vec<&str> = captured
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(captured.len(), 3, "{captured:?}");
    let invite = captured[1];
    assert!(
        invite.starts_with(r#"{"code":"OK","selected":[575123456790,"#),
        "{invite}"
    );
    invite.to_owned()
}

/// Forged results, by the page's own control: to the return handler, then to the relay.
fn forged(browser: &Browser) {
    for (via, name) in [
        ("redirect", "16-forged-redirect.png"),
        ("postmessage", "17-forged-postmessage.png"),
    ] {
        browser.click(&format!("#via-{via}"));
        let before = browser.verdicts();
        browser.click("#forge");
        let shown = browser.verdict_after(before);
        browser.screenshot(name);
        assert_eq!(
            shown,
            expect("refused", "Refused (403): forged result"),
            "{via}"
        );
    }
}

/// Replayed results, refused; the return URL replayed and the session's token, for the next
/// step. By postMessage: the invite OK posted, relayed again with this session's token.
fn replayed(browser: &Browser, main: &str, site: &str, invite: &str) -> (String, Value) {
    let before = browser.verdicts();
    let first_token = browser.execute_async(RELAY_INVITE, &json!([invite, null]));
    let shown = browser.verdict_after(before);
    browser.screenshot("18-replayed-postmessage.png");
    assert_eq!(shown, expect("refused", "Refused (403): replayed result"));

    // Replayed by redirect: a copy of OK's answer is kept (the form sent by a script, the
    // redirect followed, the return page read: the first use, accepted), then OK's window is
    // sent to the same URL again.
    browser.click("#via-redirect");
    let before = browser.verdicts();
    browser.click_to_popup("#share");
    browser.find("#confirm");
    let copy = browser.execute_async(
        "const done = arguments[arguments.length - 1]; \
         const form = document.querySelector('form'); \
         const body = new URLSearchParams(new FormData(form)); body.set('action', 'confirm'); \
         fetch(form.getAttribute('action'), { method: 'POST', body }).then( \
           async (response) => done([response.url, response.status, await response.text()]), \
           (error) => done(['error: ' + error]));",
        &json!([]),
    );
    let return_url = copy[0].as_str().unwrap().to_owned();
    assert!(
        return_url.starts_with(&format!("{site}/ok/return/share?ok_binding=")),
        "{copy}"
    );
    assert_eq!(copy[1], json!(200), "{copy}");
    assert!(
        copy[2].as_str().unwrap().contains(">published topic "),
        "{copy}"
    );
    browser.go_closing(&return_url);
    browser.switch_to(main);
    let shown = browser.verdict_after(before);
    browser.screenshot("19-replayed-redirect.png");
    assert_eq!(shown, expect("refused", "Refused (403): replayed result"));

    (return_url, first_token)
}

/// Another session: the cookie deleted, the page loaded again. The return URL and the token
/// of the first session are refused in it: in an iframe of the page (the companion's iframe
/// mode), and by the relay.
fn unbound(browser: &Browser, site: &str, return_url: &str, invite: &str, first_token: &Value) {
    browser.delete_cookie("demo_session");
    browser.go(&format!("{site}/"));
    browser.find("#share");
    let before = browser.verdicts();
    browser.execute_async(
        "const [url, done] = arguments; \
         import('/ok-widget.js').then((companion) => companion.openWidget(url, { iframe: document.body })) \
           .then((verdict) => { showVerdict(verdict); done(verdict.status); }, (error) => done(String(error)));",
        &json!([return_url]),
    );
    let shown = browser.verdict_after(before);
    browser.screenshot("20-unbound-redirect.png");
    assert_eq!(
        shown,
        expect("refused", "Refused (403): not bound to this session")
    );
    let before = browser.verdicts();
    browser.execute_async(RELAY_INVITE, &json!([invite, first_token]));
    let shown = browser.verdict_after(before);
    browser.screenshot("21-unbound-postmessage.png");
    assert_eq!(
        shown,
        expect("refused", "Refused (403): not bound to this session")
    );
}

/// A widget opened without a click: Chromium blocks the popup, and the page says so.
fn popup_blocked(browser: &Browser) {
    let windows = browser.handles().len();
    let before = browser.verdicts();
    browser.execute("demoOpen('invite');", &json!([]));
    let shown = browser.verdict_after(before);
    browser.screenshot("22-popup-blocked.png");
    assert_eq!(
        shown,
        expect(
            "failed",
            "No verdict: the browser blocked the widget popup: open it from a click handler"
        )
    );
    assert_eq!(browser.handles().len(), windows);
}
