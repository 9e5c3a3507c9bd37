//! Masking: how a sensitive value may appear in a report, a log line or an
//! error. Only masked text ever leaves the classifier.

/// Masks a matched value of `entity` for display: emails keep the first
/// letter of the local part and domain and the top-level domain
/// (`j***@e******.com`); everything else keeps separators and, when long
/// enough to stay unidentifiable, its last few characters (`************1111`).
pub fn mask(entity: &str, value: &str) -> String {
    if entity == "EMAIL_ADDRESS"
        && let Some((local, domain)) = value.rsplit_once('@')
    {
        let (host, tld) = domain.rsplit_once('.').unwrap_or((domain, ""));
        return format!("{}@{}.{tld}", keep_first(local), keep_first(host));
    }
    let alnum = value.chars().filter(|c| c.is_alphanumeric()).count();
    let reveal = if alnum >= 12 { 4 } else { 0 };
    let mut seen = 0;
    value
        .chars()
        .map(|c| {
            if !c.is_alphanumeric() {
                return c;
            }
            seen += 1;
            if seen > alnum - reveal { c } else { '*' }
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
        ] {
            assert_eq!(mask(entity, value), want, "{value}");
        }
    }
}
