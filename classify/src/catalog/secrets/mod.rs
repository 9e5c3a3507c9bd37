//! Secrets, which PII scanners ignore and data lakes leak all the same: cloud
//! and SaaS credentials in config dumps and logs, tokens in request logs,
//! key blocks and passwords in connection strings. Found the way secret
//! scanners do: a vendor's fixed prefix and length, then the entropy a
//! random key has and a placeholder (`xxxx`, `<your key>`) has not.

pub(super) mod aws_access_key;
pub(super) mod aws_secret_key;
pub(super) mod github_token;
pub(super) mod google_api_key;
pub(super) mod jwt;
pub(super) mod password;
pub(super) mod private_key;
pub(super) mod slack_token;
pub(super) mod stripe_key;

/// Shannon entropy of `s` in bits per character.
pub(crate) fn entropy(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in s.bytes() {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    counts.iter().filter(|&&c| c > 0).map(|&c| -(f64::from(c) / n) * (f64::from(c) / n).log2()).sum()
}

/// Whether the random part of a key looks random: enough distinct symbols
/// and not a run of one character (`AKIAXXXXXXXXXXXXXXXX`).
fn random_enough(s: &str, min_bits: f64) -> bool {
    entropy(s) >= min_bits
}

#[cfg(test)]
mod tests {
    use super::entropy;

    #[test]
    fn entropy_table() {
        assert_eq!(entropy("aaaa"), 0.0);
        assert!((entropy("abcd") - 2.0).abs() < 1e-9);
        assert!(entropy("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") > 4.0);
    }
}
