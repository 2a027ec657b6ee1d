//! `kyra webhooks verify`: checks a captured delivery, so a tenant can debug their receiver
//! against the same rules Kyra signs with.

use std::path::Path;

use crate::webhooks::signing::{verify, verify_asymmetric, SigningKey, DEFAULT_TOLERANCE_SECS};

/// Reads the headers from a JSON object (inline or in a file) or a file of `Name: value` lines.
fn read_headers(arg: &str) -> anyhow::Result<Vec<(String, String)>> {
    let text = if arg.trim_start().starts_with('{') {
        arg.to_owned()
    } else {
        std::fs::read_to_string(Path::new(arg))
            .map_err(|e| anyhow::anyhow!("cannot read headers file {arg}: {e}"))?
    };
    if text.trim_start().starts_with('{') {
        let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text)
            .map_err(|e| anyhow::anyhow!("headers are not a JSON object: {e}"))?;
        return Ok(map
            .into_iter()
            .map(|(k, v)| {
                let value = match v {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                (k.to_ascii_lowercase(), value)
            })
            .collect());
    }
    Ok(text
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect())
}

/// Returns a human sentence on success; an error (exit 1) otherwise.
pub fn run(
    secret: Option<&str>,
    public_key: Option<&str>,
    headers: &str,
    body: &Path,
    tolerance_secs: Option<i64>,
) -> anyhow::Result<String> {
    let headers = read_headers(headers)?;
    let get = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let body = std::fs::read(body)
        .map_err(|e| anyhow::anyhow!("cannot read body file {}: {e}", body.display()))?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let (id, timestamp, signature) = (
        get("webhook-id"),
        get("webhook-timestamp"),
        get("webhook-signature"),
    );
    let result = match (secret, public_key) {
        (_, Some(public_key)) => verify_asymmetric(
            public_key,
            id,
            timestamp,
            signature,
            &body,
            now,
            tolerance_secs,
        ),
        (Some(secret), None) => verify(
            &SigningKey::parse(secret)?,
            id,
            timestamp,
            signature,
            &body,
            now,
            tolerance_secs,
        ),
        (None, None) => anyhow::bail!("give --secret (v1) or --public-key (v1a)"),
    };
    result.map_err(|e| anyhow::anyhow!("signature NOT valid: {e}"))?;
    Ok(format!(
        "signature valid: webhook-id {}",
        get("webhook-id").unwrap_or_default()
    ))
}

/// The tolerance to apply: the default unless the caller chose one or turned the check off.
pub fn tolerance(custom: Option<i64>, ignore_timestamp: bool) -> Option<i64> {
    if ignore_timestamp {
        None
    } else {
        Some(custom.unwrap_or(DEFAULT_TOLERANCE_SECS))
    }
}
