//! `scan --webhook URL`: once the scan is published, its alerts are posted
//! as JSON to a real HTTP server on 127.0.0.1 (a thread here), retried when
//! the server fails, with no raw value and without printing the URL's
//! secret.

use super::{code, scan, testdata};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// A server that answers each request with the next status of `answers`
/// (200 once they run out) and keeps each request's body.
pub(super) fn server(answers: Vec<u16>) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/services/T000/B000/secret-token", listener.local_addr().unwrap());
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let kept = bodies.clone();
    std::thread::spawn(move || {
        let mut answers = answers.into_iter();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            kept.lock().unwrap().push(String::from_utf8(body).unwrap());
            let status = answers.next().unwrap_or(200);
            let _ = write!(stream, "HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        }
    });
    (url, bodies)
}

#[test]
fn alerts_are_posted_once_published_and_retried() {
    let dir = tempfile::tempdir().unwrap();
    let (lake, report) = (dir.path().join("lake"), dir.path().join("report"));
    super::copy_dir(&testdata().join("lake/customers"), &lake.join("customers"));
    let (url, bodies) = server(vec![500]);
    // The first scan sets the baseline: no alert, nothing posted.
    assert_eq!(code(&scan(&lake, &report, &["--webhook", &url])), 0);
    assert!(bodies.lock().unwrap().is_empty());
    // New personal data: posted, the first attempt failing.
    super::copy_dir(&testdata().join("lake/payments"), &lake.join("payments"));
    let out = scan(&lake, &report, &["--webhook", &url]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code(&out), 0, "{stderr}");
    assert!(!stderr.contains("not notified"), "{stderr}");
    let bodies = bodies.lock().unwrap().clone();
    assert_eq!(bodies.len(), 2, "one failure, one retry: {bodies:?}");
    assert_eq!(bodies[0], bodies[1]);
    let posted: serde_json::Value = serde_json::from_str(&bodies[1]).unwrap();
    let text = posted["text"].as_str().unwrap();
    assert!(
        text.starts_with("lakeaudit: 4 alerts in scan ")
            && text.contains("\n• new_pii payments: card_number holds CREDIT_CARD"),
        "{text}"
    );
    let ids = super::query(&report, "select distinct finding_id from findings where \"column\" = 'card_number'");
    let card = posted["alerts"].as_array().unwrap().iter().find(|a| a["column"] == "card_number").unwrap();
    assert_eq!(card["finding_id"], ids[0]["finding_id"]);
    let leaked: Vec<String> =
        super::report::planted_values().into_iter().filter(|v| super::report::contains_token(&bodies[1], v)).collect();
    assert!(leaked.is_empty(), "{leaked:?}");
}

#[test]
fn an_unreachable_webhook_is_one_line_and_the_scan_stands() {
    let dir = tempfile::tempdir().unwrap();
    let (lake, report) = (dir.path().join("lake"), dir.path().join("report"));
    super::copy_dir(&testdata().join("lake/customers"), &lake.join("customers"));
    assert_eq!(code(&scan(&lake, &report, &[])), 0);
    super::copy_dir(&testdata().join("lake/payments"), &lake.join("payments"));
    // A port nothing listens on (bound, then closed).
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/hooks/secret-token");
    let out = scan(&lake, &report, &["--webhook", &url, "--fail-on", "new-pii"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code(&out), 1, "the gate decides the exit code: {stderr}");
    assert!(stderr.contains("the webhook at 127.0.0.1 was not notified: unable to connect, 3 attempts"), "{stderr}");
    assert!(!stderr.contains("secret-token"), "{stderr}");
}
