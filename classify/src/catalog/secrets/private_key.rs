//! PRIVATE_KEY: PEM-armoured private keys (RFC 7468): PKCS#1 RSA, SEC 1 EC,
//! PKCS#8 (plain and encrypted), DSA, OpenSSH and PGP secret key blocks.
//! The armour line is enough: nothing else starts that way.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static PRIVATE_KEY: Recognizer = Recognizer {
    name: "private_key",
    country: "global",
    entity: "PRIVATE_KEY",
    patterns: &[Pattern {
        name: "pem_private_key",
        score: 0.9,
        regex: r"(?x)-----BEGIN\ (?:RSA\ |EC\ |DSA\ |OPENSSH\ |ENCRYPTED\ |PGP\ )?PRIVATE\ KEY(?:\ BLOCK)?-----",
    }],
    context: &["key", "private", "pem", "ssh", "tls", "cert", "certificate"],
    min_ratio: 0.01,
    source: "RFC 7468 (textual encodings of PKIX, PKCS and CMS structures), RFC 4880 section 6.2 (PGP armor)",
    secret: true,
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::PRIVATE_KEY,
            &[
                ("-----BEGIN RSA PRIVATE KEY-----\nMIIEow...", Some("-----BEGIN RSA PRIVATE KEY-----")),
                ("-----BEGIN PRIVATE KEY-----", Some("-----BEGIN PRIVATE KEY-----")),
                ("-----BEGIN PGP PRIVATE KEY BLOCK-----", Some("-----BEGIN PGP PRIVATE KEY BLOCK-----")),
                ("-----BEGIN PUBLIC KEY-----", None),
                ("-----BEGIN CERTIFICATE-----", None),
            ],
        );
    }
}
