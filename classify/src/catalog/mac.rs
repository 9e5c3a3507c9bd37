//! MAC_ADDRESS: IEEE 802 48-bit MAC addresses in the colon, dash and Cisco
//! dotted notations.

use super::{Pattern, Recognizer};

pub(super) static MAC: Recognizer = Recognizer {
    name: "mac",
    country: "global",
    entity: "MAC_ADDRESS",
    patterns: &[
        Pattern {
            name: "mac_colon",
            score: 0.6,
            regex: r"(?x)\b(?:[0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}\b   # six octets, colons",
        },
        Pattern {
            name: "mac_dash",
            score: 0.6,
            regex: r"(?x)\b(?:[0-9A-Fa-f]{2}-){5}[0-9A-Fa-f]{2}\b   # six octets, dashes",
        },
        Pattern {
            name: "mac_cisco",
            score: 0.5,
            regex: r"(?x)\b(?:[0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}\b   # three groups of four, dots",
        },
    ],
    validator: Some(valid),
    context: &["mac", "macaddress", "hwaddr", "ether", "ethernet", "bssid", "device", "wifi"],
    source: "IEEE 802-2014 section 8.1 (48-bit MAC address), IETF RFC 7042 section 2.1",
    ..Recognizer::DEFAULT
};

/// The all-zero and broadcast addresses identify no device.
fn valid(s: &str) -> bool {
    let hex = || s.bytes().filter(u8::is_ascii_hexdigit);
    !hex().all(|b| b == b'0') && !hex().all(|b| b == b'f' || b == b'F')
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::MAC,
            &[
                ("02:1A:2B:3C:4D:5E", Some("02:1A:2B:3C:4D:5E")),
                ("eth0 hwaddr 02-1a-2b-3c-4d-5e up", Some("02-1a-2b-3c-4d-5e")),
                ("021a.2b3c.4d5e", Some("021a.2b3c.4d5e")),
                ("00:00:00:00:00:00", None),
                ("ff:ff:ff:ff:ff:ff", None),
                ("02:1A:2B:3C:4D", None),
                ("02:1A-2B:3C:4D:5E", None),
                ("2001:db8::8a2e:370:7334", None),
            ],
        );
    }
}
