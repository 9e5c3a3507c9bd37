//! IP_ADDRESS: IPv4 in dotted-quad form and IPv6 in any RFC 5952 / RFC 4291
//! text form, accepted exactly as the standard library's parser accepts it.

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
        // `::` alone and clock times are not addresses; a real one has hex digits.
        ipv6(s).is_some_and(|hex_digits| hex_digits >= 3)
    } else {
        s != "0.0.0.0" && s != "255.255.255.255"
    }
}

/// The hex digits of `s` if it is an IPv6 address as the standard
/// library's parser reads one. A text without a dot (no IPv4 tail, most
/// addresses) is read here (see [`groups`]): the parser, which
/// tries each group as the start of an IPv4 tail, cost more than the rest
/// of an address's classification.
fn ipv6(s: &str) -> Option<usize> {
    // Eight groups have seven colons, six groups and an IPv4 tail six;
    // fewer need a `::`. Counting settles a MAC address or a clock time at
    // a fraction of the cost of reading it.
    let dotted = s.contains('.');
    if s.bytes().filter(|&b| b == b':').count() != 7 - usize::from(dotted) && !s.contains("::") {
        return None;
    }
    if dotted {
        return s.parse::<Ipv6Addr>().is_ok().then(|| s.bytes().filter(u8::is_ascii_hexdigit).count());
    }
    let (groups, elided, hex_digits) = groups(s.as_bytes())?;
    (if elided { groups <= 7 } else { groups == 8 }).then_some(hex_digits)
}

/// `s` read as groups of one to four hex digits between separators, a
/// single colon between two groups or one `::` anywhere: how many groups,
/// whether there was a `::`, and how many hex digits; `None` if it is
/// something else.
fn groups(s: &[u8]) -> Option<(usize, bool, usize)> {
    let (mut groups, mut elided, mut hex_digits) = (0, false, 0);
    let mut i = 0;
    while i < s.len() {
        let len = s[i..].iter().take(5).take_while(|b| b.is_ascii_hexdigit()).count();
        if len > 4 {
            return None;
        }
        (groups, hex_digits, i) = (groups + usize::from(len > 0), hex_digits + len, i + len);
        match &s[i..] {
            [] => break,
            [b':', b':', ..] if !elided => (elided, i) = (true, i + 2),
            [b':', next, ..] if len > 0 && next.is_ascii_hexdigit() => i += 1,
            _ => return None,
        }
    }
    Some((groups, elided, hex_digits))
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
                // A key, a port or a prefix length beside the address.
                ("ip:203.0.113.5", Some("203.0.113.5")),
                ("x-forwarded-for:203.0.113.5", Some("203.0.113.5")),
                ("connect 10.1.2.3:443 ok", Some("10.1.2.3")),
                ("net 203.0.113.0/24", Some("203.0.113.0")),
                ("host/198.51.100.7", Some("198.51.100.7")),
                ("route 2001:db8::1/64", Some("2001:db8::1")),
                // A version behind its key.
                ("(Windows NT 6.0; rv:1.9.1.20) Gecko/20100101", None),
            ],
        );
    }

    /// The validator as first written, on the standard library's parser:
    /// the reference of the one-pass one.
    fn valid_as_first_written(s: &str) -> bool {
        if s.contains(':') {
            let colons = s.bytes().filter(|&b| b == b':').count();
            if colons != 7 && !s.contains("::") && !(colons == 6 && s.contains('.')) {
                return false;
            }
            s.parse::<std::net::Ipv6Addr>().is_ok() && s.bytes().filter(u8::is_ascii_hexdigit).count() >= 3
        } else {
            s != "0.0.0.0" && s != "255.255.255.255"
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4000, failure_persistence: None, ..Default::default() })]
        /// The validator says what it said when it asked the parser.
        #[test]
        fn valid_is_as_first_written(
            s in "(:{0,3}([0-9a-fA-F]{0,5}|g|0{5}):{1,3}){0,9}([0-9a-fA-F]{0,5}|1\\.2\\.3\\.4)|[0-9a-f:.]{0,40}|([0-9A-F]{2}:){5}[0-9A-F]{2}|[0-9.]{0,16}|\\PC{0,12}",
        ) {
            proptest::prop_assert_eq!(super::valid(&s), valid_as_first_written(&s), "{}", s);
        }

        /// The one-pass check says what the standard library's parser says.
        #[test]
        fn ipv6_is_what_the_parser_reads(
            s in "(:{0,3}([0-9a-fA-F]{0,5}|g|0{5}):{1,3}){0,9}([0-9a-fA-F]{0,5}|1\\.2\\.3\\.4)|[0-9a-f:.]{0,40}|\\PC{0,12}",
        ) {
            proptest::prop_assert_eq!(super::ipv6(&s).is_some(), s.parse::<std::net::Ipv6Addr>().is_ok(), "{}", s);
        }

        /// The same on addresses built group by group: up to ten groups,
        /// with or without a `::` somewhere among them, with or without an
        /// IPv4 tail (or a decoy of one) in place of the last two.
        #[test]
        fn ipv6_built_of_groups_is_what_the_parser_reads(
            mut groups in proptest::collection::vec("[0-9a-fA-F]{1,4}", 0..11),
            elided in proptest::option::of(0usize..11),
            tail in proptest::option::of("192\\.0\\.2\\.33|1\\.2\\.3|1\\.2\\.3\\.4\\.5|256\\.1\\.1\\.1"),
        ) {
            groups.extend(tail);
            let s = match elided {
                Some(at) => {
                    let at = at.min(groups.len());
                    format!("{}::{}", groups[..at].join(":"), groups[at..].join(":"))
                }
                None => groups.join(":"),
            };
            proptest::prop_assert_eq!(super::ipv6(&s).is_some(), s.parse::<std::net::Ipv6Addr>().is_ok(), "{}", s);
        }
    }
}
