//! IN_UPI: Unified Payments Interface addresses, `name@handle`, where the
//! handle is one of the payment service providers' registered handles (a
//! bare `name@word` is too loose: it is half an email address).

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static IN_UPI: Recognizer = Recognizer {
    name: "in_upi",
    country: "IN",
    entity: "IN_UPI",
    patterns: &[Pattern {
        name: "vpa",
        score: 0.7,
        regex: r"(?x)\b[A-Za-z0-9._\-]{2,64}@
            (?:okicici|okhdfcbank|okaxis|oksbi|paytm|ptyes|ptaxis|pthdfc|ptsbi|ybl|ibl|axl|upi|apl|yapl|rapl
              |waicici|wahdfcbank|waaxis|wasbi|timecosmos|mbk|ikwik|freecharge|axisbank|icici|hdfcbank|sbi
              |kotak|barodampay|aubank|idfcbank|jupiteraxis|fbl|pingpay)\b   # name @ PSP handle",
    }],
    context: &["upi", "vpa", "payment", "gpay", "phonepe", "paytm", "bhim"],
    source: "NPCI, UPI Procedural Guidelines: virtual payment address = identifier @ PSP handle",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::IN_UPI,
            &[
                ("ravi.k@okicici", Some("ravi.k@okicici")),
                ("pay 9876543210@paytm now", Some("9876543210@paytm")),
                ("ravi@paytm.com", None),
                ("ravi@example", None),
            ],
        );
    }
}
