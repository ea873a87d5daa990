//! The analyst's browse flow on `dossier serve`, in headless Chromium driven over the DevTools
//! protocol (`--remote-debugging-pipe`: no driver to install, nothing but loopback reachable):
//! open `/`, run the timeline example, click an agent, land on its page, follow an evidence
//! link to the sentence in its document; and click an actor in the zoomable network.

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::serve::Server;
use crate::util::{query_rows, seed_store};

/// A headless Chromium and the page it shows, spoken to over the DevTools pipe.
struct Browser {
    child: Child,
    to_browser: ChildStdin,
    messages: mpsc::Receiver<Value>,
    next_id: u64,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch() -> Browser {
        let profile = tempfile::tempdir().unwrap();
        // Chromium reads the protocol on fd 3 and writes on fd 4: the shell points them at our pipes.
        let mut child = Command::new("sh")
            .arg("-c")
            .arg("exec \"$0\" \"$@\" 3<&0 4>&1 0</dev/null 1>&2")
            .arg(crate::briefing::chromium())
            .args(crate::briefing::CHROMIUM_FLAGS)
            .args(["--window-size=1280,900", "--remote-debugging-pipe"])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Chromium starts");
        let to_browser = child.stdin.take().unwrap();
        let mut from_browser = child.stdout.take().unwrap();
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut pending = Vec::new();
            let mut chunk = [0u8; 65536];
            while let Ok(n) = from_browser.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                pending.extend_from_slice(&chunk[..n]);
                while let Some(end) = pending.iter().position(|&b| b == 0) {
                    let message: Vec<u8> = pending.drain(..=end).collect();
                    if let Ok(value) = serde_json::from_slice::<Value>(&message[..message.len() - 1]) {
                        if sender.send(value).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        let mut browser =
            Browser { child, to_browser, messages, next_id: 0, session: String::new(), _profile: profile };
        let targets = browser.call("Target.getTargets", json!({}));
        let page = targets["targetInfos"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["type"] == "page")
            .expect("Chromium opened a page")["targetId"]
            .clone();
        let attached = browser.call("Target.attachToTarget", json!({ "targetId": page, "flatten": true }));
        browser.session = attached["sessionId"].as_str().unwrap().to_string();
        browser.call("Page.enable", json!({}));
        browser
    }

    /// Sends a command (to the page once attached) and waits for its answer.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if !self.session.is_empty() {
            message["sessionId"] = Value::from(self.session.clone());
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.to_browser.write_all(&bytes).unwrap();
        self.to_browser.flush().unwrap();
        let started = Instant::now();
        loop {
            let left = Duration::from_secs(60).saturating_sub(started.elapsed());
            let answer =
                self.messages.recv_timeout(left).unwrap_or_else(|_| panic!("Chromium did not answer {method}"));
            if answer["id"] == id {
                assert!(answer.get("error").is_none(), "{method} failed: {answer}");
                return answer["result"].clone();
            }
        }
    }

    /// The value of a JavaScript expression in the page (promises awaited).
    fn eval(&mut self, expression: &str) -> Value {
        let result = self
            .call("Runtime.evaluate", json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }));
        assert!(result.get("exceptionDetails").is_none(), "{expression} threw: {result}");
        result["result"]["value"].clone()
    }

    /// Waits until `expression` is truthy; returns its value.
    fn wait_for(&mut self, expression: &str, what: &str) -> Value {
        let started = Instant::now();
        loop {
            let value =
                self.eval(&format!("(() => {{ try {{ return {expression}; }} catch (e) {{ return null; }} }})()"));
            if !(value.is_null() || value == false || value == "") {
                return value;
            }
            assert!(started.elapsed() < Duration::from_secs(60), "waited 60 s for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn navigate(&mut self, url: &str) {
        self.call("Page.navigate", json!({ "url": url }));
    }

    /// A real click (mouse moved, pressed, released) in the middle of the element `selector`
    /// finds, scrolled into view first.
    fn click(&mut self, selector: &str) {
        let selector = serde_json::to_string(selector).unwrap();
        let point = self.wait_for(
            &format!(
                "(() => {{ const e = document.querySelector({selector}); if (!e) return null;
                   e.scrollIntoView({{ block: 'center' }}); const r = e.getClientRects()[0] || e.getBoundingClientRect();
                   return r.width > 0 ? [r.left + r.width / 2, r.top + r.height / 2] : null; }})()"
            ),
            &format!("{selector} to be shown"),
        );
        let (x, y) = (point[0].as_f64().unwrap(), point[1].as_f64().unwrap());
        self.call("Input.dispatchMouseEvent", json!({ "type": "mouseMoved", "x": x, "y": y }));
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "buttons": 1, "clickCount": 1 }),
            );
        }
    }

    /// Waits for a page whose address contains `part` to have loaded.
    fn wait_for_page(&mut self, part: &str) -> String {
        let part = serde_json::to_string(part).unwrap();
        self.wait_for(
            &format!("document.readyState === 'complete' && location.href.includes({part}) && location.href"),
            &format!("a page at {part}"),
        )
        .as_str()
        .unwrap()
        .to_string()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Text with white space collapsed.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn chromium_browses_from_a_query_result_to_the_sentence_in_its_document() {
    let store = seed_store();
    let server = Server::start(store, &[]);
    let mut browser = Browser::launch();

    // The query page runs the timeline example; every agent is a link to its page.
    browser.navigate(&server.url("/#example=timeline"));
    browser.wait_for("document.body.dataset.state === 'done'", "the timeline query to run");
    let rows = browser.eval("document.querySelectorAll('table#results tbody tr').length");
    let timeline = std::fs::read_to_string(crate::util::root().join("examples/queries/timeline.rq")).unwrap();
    assert_eq!(rows.as_u64().unwrap() as usize, query_rows(&timeline, store).len());
    let agent = browser.eval(
        "(() => { const a = document.querySelector('table#results tbody tr td:nth-child(4) a');
                  return [a.textContent, a.title]; })()",
    );
    let (label, iri) = (agent[0].as_str().unwrap().to_string(), agent[1].as_str().unwrap().to_string());
    assert!(iri.starts_with("https://w3id.org/dossier/id/actor/"), "{agent}");

    // Click the agent: its page names it, its type, and lists its events with their evidence.
    browser.click("table#results tbody tr td:nth-child(4) a");
    browser.wait_for_page("/describe?iri=");
    let page = browser.wait_for(
        "document.querySelector('h1') && [document.querySelector('h1').textContent, document.querySelector('.iri code').textContent, document.querySelectorAll('#events article').length, document.querySelectorAll('ul.evidence a.source').length]",
        "the actor's page",
    );
    assert_eq!(page[0], Value::from(label.clone()), "{page}");
    assert_eq!(page[1], Value::from(iri.clone()), "{page}");
    assert!(page[2].as_u64().unwrap() >= 1, "the agent's events are listed: {page}");
    assert!(page[3].as_u64().unwrap() >= 1, "with evidence links: {page}");
    // The first event's first sentence, and the actor's own words marked in it.
    let sentence = browser.eval(
        "(() => { const li = document.querySelector('#events ul.evidence li');
                  return [li.querySelector('q').textContent, li.querySelector('a.source').getAttribute('href'),
                          li.querySelectorAll('q mark a').length]; })()",
    );
    let quoted = words(sentence[0].as_str().unwrap());
    let link = sentence[1].as_str().unwrap().to_string();
    assert!(link.contains("#char="), "{link}");
    assert!(sentence[2].as_u64().unwrap() >= 1, "the actor is marked in its sentence: {sentence}");

    // Follow the evidence link: the document's page, scrolled to the sentence, marked.
    browser.click("#events ul.evidence li a.source");
    let fragment = link.split_once('#').unwrap().1.to_string();
    browser.wait_for_page(&format!("#{fragment}"));
    let target = browser.wait_for(
        "(() => { const t = document.querySelector(':target'); if (!t) return null;
                  const mark = t.closest('mark.finding') || t; const r = mark.getBoundingClientRect();
                  return [t.id, mark.textContent, r.top >= 0 && r.top < innerHeight, !!t.closest('.text'),
                          document.querySelector('.kind').textContent]; })()",
        "the sentence to be the page's target",
    );
    assert_eq!(target[0], Value::from(fragment.clone()), "{target}");
    assert!(words(target[1].as_str().unwrap()).contains(&quoted), "{target} should hold {quoted}");
    assert_eq!(target[2], true, "the sentence is scrolled into view: {target}");
    assert_eq!(target[3], true, "inside the document's text: {target}");
    assert_eq!(target[4], "document");
    // The document's text marks every mention, each a link to its actor's page.
    let mentions = browser.eval("[...document.querySelectorAll('.text a.mention')].map(a => a.getAttribute('href'))");
    let mentions = mentions.as_array().unwrap();
    assert!(mentions.len() >= 5, "{mentions:?}");
    assert!(mentions.iter().all(|h| h.as_str().unwrap().starts_with("/describe?iri=")));
    // Nothing was fetched from outside the server.
    let origins =
        browser.eval("[...new Set(performance.getEntriesByType('resource').map(e => new URL(e.name).origin))]");
    let origin = server.url("");
    assert!(origins.as_array().unwrap().iter().all(|o| o.as_str() == Some(origin.as_str())), "{origins}");
}

#[test]
fn chromium_zooms_the_network_and_opens_an_actor_from_it() {
    let server = Server::start(seed_store(), &[]);
    let mut browser = Browser::launch();
    browser.navigate(&server.url("/"));
    browser.wait_for("document.body.dataset.network === 'ready'", "the network picture");
    let before = browser.eval("document.querySelector('#network svg').getAttribute('viewBox')");
    browser.click("#zoom-in");
    let after = browser.eval("document.querySelector('#network svg').getAttribute('viewBox')");
    assert_ne!(before, after, "zoomed in");
    let width = |v: &Value| v.as_str().unwrap().split(' ').nth(2).unwrap().parse::<f64>().unwrap();
    assert!(width(&after) < width(&before), "{before} -> {after}");
    browser.click("#zoom-reset");
    assert_eq!(browser.eval("document.querySelector('#network svg').getAttribute('viewBox')"), before);
    // A node is a link to its actor's page.
    let node = browser.eval(
        "(() => { const a = [...document.querySelectorAll('#network svg g.node a')][0];
                  return a.getAttribute('href') || a.getAttribute('xlink:href'); })()",
    );
    let href = node.as_str().unwrap().to_string();
    assert!(href.starts_with("/describe?iri="), "{href}");
    browser.click("#network svg g.node a");
    browser.wait_for_page("/describe?iri=");
    let kind = browser
        .wait_for("document.querySelector('.kind') && document.querySelector('.kind').textContent", "the actor's page");
    assert_ne!(kind, "resource", "an actor's page, not a generic one");
    assert!(browser.eval("location.pathname + location.search").as_str().unwrap() == href);
}

#[test]
fn chromium_shows_the_briefing_picture_with_legible_labels() {
    let server = Server::start(seed_store(), &[]);
    let mut browser = Browser::launch();
    browser.navigate(&server.url("/briefing"));
    browser.wait_for_page("/briefing");
    // Node labels are drawn at 11 pt or more (about 14 px): the picture keeps its natural size
    // in a frame that scrolls, rather than shrinking to the page's width.
    let sizes = browser.eval(
        "[...document.querySelectorAll('#network-picture .picture-frame svg g.node text')].map(t => t.getBoundingClientRect().height)",
    );
    let sizes: Vec<f64> = sizes.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    assert!(sizes.len() >= 10, "{sizes:?}");
    assert!(sizes.iter().all(|&h| h >= 12.0), "label heights in pixels: {sizes:?}");
    let frame = browser.eval(
        "(() => { const f = document.querySelector('.picture-frame'); return [f.scrollWidth > f.clientWidth, getComputedStyle(f).overflow]; })()",
    );
    assert_eq!(frame[1], "auto", "{frame}");
    // No script on the briefing: it works as a file too.
    assert_eq!(browser.eval("document.scripts.length"), 0);
}
