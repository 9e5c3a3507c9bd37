//! Masking: how a sensitive value may appear in a report, a log line or an
//! error. Only masked text ever leaves the classifier.

/// Secrets whose first four characters name the vendor and key type
/// (`AKIA`, `ghp_`, `xoxb`, `sk_l`, `AIza`, `eyJh`): only those may show.
const PREFIXED_SECRETS: &[&str] =
    &["AWS_ACCESS_KEY", "GITHUB_TOKEN", "SLACK_TOKEN", "STRIPE_KEY", "GOOGLE_API_KEY", "JWT"];
/// Secrets of which no character may show.
const BARE_SECRETS: &[&str] = &["AWS_SECRET_KEY", "PASSWORD", "PRIVATE_KEY"];
/// Words rather than codes: each keeps its initial, no more (a surname's
/// last letters narrow it down better than a card's last digits do).
const WORDS: &[&str] = &["PERSON", "LOCATION"];

/// Masks a matched value of `entity` for display: emails keep the first
/// letter of the local part and domain and the top-level domain
/// (`j***@e******.com`); names and addresses keep each word's initial
/// (`K**** W*******`); secrets keep at most their public type prefix and
/// never a character of the key; everything else keeps separators and, when
/// long enough to stay unidentifiable, its last few characters
/// (`************1111`).
pub fn mask(entity: &str, value: &str) -> String {
    if PREFIXED_SECRETS.contains(&entity) || BARE_SECRETS.contains(&entity) {
        let keep = if PREFIXED_SECRETS.contains(&entity) && value.len() >= 20 { 4 } else { 0 };
        return value
            .chars()
            .enumerate()
            .map(|(i, c)| if i < keep || !c.is_ascii_alphanumeric() { c } else { '*' })
            .collect();
    }
    if WORDS.contains(&entity) {
        return value.split(' ').map(keep_first).collect::<Vec<_>>().join(" ");
    }
    if entity == "EMAIL_ADDRESS"
        && let Some((local, domain)) = value.rsplit_once('@')
    {
        let (host, tld) = domain.rsplit_once('.').unwrap_or((domain, ""));
        return format!("{}@{}.{tld}", keep_first(local), keep_first(host));
    }
    let alnum = value.chars().filter(|c| c.is_alphanumeric()).count();
    keep_ends(value, '*', 0, if alnum >= 12 { 4 } else { 0 })
}

/// Letters and digits become `with`, but the first `first` and the last
/// `last` of them; separators stay, so the shape shows (`**** **** 1111`).
pub fn keep_ends(value: &str, with: char, first: usize, last: usize) -> String {
    let total = value.chars().filter(|c| c.is_alphanumeric()).count();
    let mut seen = 0;
    value
        .chars()
        .map(|c| {
            if !c.is_alphanumeric() {
                return c;
            }
            seen += 1;
            if seen <= first || seen > total.saturating_sub(last) { c } else { with }
        })
        .collect()
}

fn keep_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| std::iter::once(c).chain(chars.map(|_| '*')).collect())
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn table() {
        for (entity, value, want) in [
            ("EMAIL_ADDRESS", "jane@example.com", "j***@e******.com"),
            ("CREDIT_CARD", "4111111111111111", "************1111"),
            ("CREDIT_CARD", "4111 1111 1111 1111", "**** **** **** 1111"),
            ("US_SSN", "536-90-4399", "***-**-****"),
            ("IP_ADDRESS", "203.0.113.42", "***.*.***.**"),
            ("PHONE_NUMBER", "+44 20 7946 0958", "+** ** **** 0958"),
            ("UK_NHS", "", ""),
            ("AWS_ACCESS_KEY", "AKIAIOSFODNN7EXAMPLE", "AKIA****************"),
            ("GITHUB_TOKEN", "ghp_R4nd0mT0k3nV4lu3F0rT3st1ngOnly0000Zq", "ghp_************************************"),
            ("AWS_SECRET_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "*************/*******/******************"),
            ("PASSWORD", "postgres://app:pw@", "********://***:**@"),
            ("PERSON", "Kenji Watanabe", "K**** W*******"),
            ("LOCATION", "221B Baker Street", "2*** B**** S*****"),
        ] {
            assert_eq!(mask(entity, value), want, "{value}");
        }
    }
}
