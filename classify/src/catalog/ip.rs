//! IP_ADDRESS: IPv4 in dotted-quad form and IPv6 in any RFC 5952 / RFC 4291
//! text form, the latter validated by the standard library's parser.

use super::{Pattern, Recognizer};
use std::net::Ipv6Addr;

pub(super) static IP: Recognizer = Recognizer {
    name: "ip",
    country: "global",
    entity: "IP_ADDRESS",
    patterns: &[
        Pattern {
            name: "ipv4",
            score: 0.6,
            regex: r"(?x)
                \b(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}   # three octets and dots
                (?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\b            # last octet",
        },
        Pattern {
            name: "ipv6",
            score: 0.6,
            regex: r"(?x)
                (?:[0-9A-Fa-f]{1,4}|:)?:                  # first group, or the start of '::'
                (?:[0-9A-Fa-f]{0,4}:){1,7}                # middle groups
                (?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?  # embedded IPv4 or last group",
        },
    ],
    validator: Some(valid),
    context: &[
        "ip",
        "ipaddress",
        "ipv4",
        "ipv6",
        "address",
        "addr",
        "host",
        "client",
        "remote",
        "source",
        "src",
        "dst",
    ],
    min_ratio: 0.01,
    source: "RFC 791 (IPv4 dotted quad), RFC 4291 section 2.2 and RFC 5952 (IPv6 text forms)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    if s.contains(':') {
        // Eight groups, or fewer with `::` (six and an IPv4 address at the
        // end): a MAC address's six is settled before parsing.
        let colons = s.bytes().filter(|&b| b == b':').count();
        if colons != 7 && !s.contains("::") && !(colons == 6 && s.contains('.')) {
            return false;
        }
        // `::` alone and clock times are not addresses; a real one has hex digits.
        s.parse::<Ipv6Addr>().is_ok() && s.bytes().filter(u8::is_ascii_hexdigit).count() >= 3
    } else {
        s != "0.0.0.0" && s != "255.255.255.255"
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::IP,
            &[
                ("203.0.113.42", Some("203.0.113.42")),
                ("client 198.51.100.7 connected", Some("198.51.100.7")),
                ("2001:db8::8a2e:370:7334", Some("2001:db8::8a2e:370:7334")),
                ("fe80::1", Some("fe80::1")),
                ("::ffff:192.0.2.128", Some("::ffff:192.0.2.128")),
                ("256.1.1.1", None),
                ("1.2.3.4.5", None),
                ("v1.2.3.4", None),
                ("10:11:12", None),
                ("00:1A:2B:3C:4D:5E", None),
                ("2026-11-23T10:11:12Z", None),
                ("::", None),
                // Issue 15: IPv4 in sentences with other dots, IPv6 glued to
                // longer tokens.
                ("Login from 10.1.2.3 failed.", Some("10.1.2.3")),
                ("wonder. src=26.130.53.149", Some("26.130.53.149")),
                ("fe80::1text", None),
                ("gggg:hhhh::1234", None),
            ],
        );
    }
}
