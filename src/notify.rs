//! Alerts delivered where people look: `scan --webhook URL` posts each
//! scan's alerts, once the scan is published, as one JSON document with a
//! `text` field that Slack, Mattermost and Teams workflow webhooks show as
//! it is. The payload holds what the report holds (dataset, column, entity
//! type, finding id, masked object names, percentages), never a raw value.
//! A webhook URL is a secret (Slack's carries its token in the path): it is
//! named by its host only.

use crate::error::{Error, Result};
use crate::pipeline::ScanSummary;
use std::time::Duration;

/// Attempts per delivery.
const ATTEMPTS: u32 = 3;
/// How long one attempt may take.
const TIMEOUT: Duration = Duration::from_secs(10);
/// The wait before the second attempt; doubled before each next one.
const BACKOFF: Duration = Duration::from_millis(500);

/// The document posted for one scan.
pub fn payload(s: &ScanSummary) -> serde_json::Value {
    let scan = &s.scan;
    let mut text = format!(
        "lakeaudit: {} alert{} in scan {} of {}",
        s.alerts.len(),
        if s.alerts.len() == 1 { "" } else { "s" },
        scan.scan_id,
        scan.source
    );
    for a in &s.alerts {
        text.push_str(&format!(
            "\n• {} {}: {}",
            a.kind,
            crate::source::dataset_name(&scan.source, &a.dataset),
            a.detail
        ));
    }
    serde_json::json!({
        "text": text,
        "source": scan.source,
        "scan_id": scan.scan_id,
        "status": scan.status,
        "objects_failed": scan.objects_failed,
        "findings": s.exposures.len(),
        "alerts": s.alerts,
    })
}

/// The host a URL names, for messages (the rest may be a secret).
fn host(url: &str) -> String {
    url::Url::parse(url).ok().and_then(|u| u.host_str().map(str::to_owned)).unwrap_or_else(|| "the webhook".into())
}

/// Posts `payload` to `url`: up to `ATTEMPTS` times while the answer is
/// a failure that may pass (no answer within `TIMEOUT`, a 5xx, a 429).
pub async fn post(url: &str, payload: &serde_json::Value) -> Result<()> {
    let to = host(url);
    let failed = |why: String| Error::Usage(format!("the webhook at {to} was not notified: {why}"));
    let client = reqwest::Client::builder().timeout(TIMEOUT).build().map_err(|e| failed(e.to_string()))?;
    let body = serde_json::to_vec(payload).expect("serializable");
    let mut wait = BACKOFF;
    let mut last = String::new();
    for attempt in 1..=ATTEMPTS {
        if attempt > 1 {
            tokio::time::sleep(wait).await;
            wait *= 2;
        }
        let sent =
            client.post(url).header(reqwest::header::CONTENT_TYPE, "application/json").body(body.clone()).send().await;
        match sent {
            Ok(r) if r.status().is_success() => return Ok(()),
            Ok(r) if r.status().is_server_error() || r.status() == reqwest::StatusCode::TOO_MANY_REQUESTS => {
                last = format!("it answered {}", r.status());
            }
            Ok(r) => return Err(failed(format!("it answered {}", r.status()))),
            // The error's text names the URL: it is left out.
            Err(e) if e.is_timeout() => last = format!("no answer in {} s", TIMEOUT.as_secs()),
            Err(e) if e.is_connect() => last = "unable to connect".into(),
            Err(_) => last = "the request failed".into(),
        }
    }
    Err(failed(format!("{last}, {ATTEMPTS} attempts")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_webhook_is_named_by_its_host_only() {
        assert_eq!(super::host("https://hooks.slack.com/services/T0/B0/secret"), "hooks.slack.com");
        assert_eq!(super::host("not a url"), "the webhook");
    }
}
