//! German identifiers.

pub(super) mod health_insurance;
pub(super) mod license_plate;
pub(super) mod passport;
pub(super) mod social_security;
pub(super) mod tax_id;
pub(super) mod vat_id;

/// A letter's position in the alphabet as two digits (`A` = 01 ... `Z` =
/// 26), how both German insurance numbers fold their letter into the check.
fn letter_digits(letter: u8) -> [u8; 2] {
    let n = letter.to_ascii_uppercase() - b'A' + 1;
    [n / 10, n % 10]
}

/// Sum of the digit sums of `d[i] * w[i]` (the "Quersumme" of each product).
fn cross_sum(d: &[u8], weights: &[u32]) -> u32 {
    d.iter().zip(weights).map(|(&x, &w)| u32::from(x) * w).map(|p| p / 10 + p % 10).sum()
}

/// ISO/IEC 7064 MOD 11,10: the check digit for `body`.
fn mod_11_10(body: &[u8]) -> u8 {
    let product = body.iter().fold(10u32, |product, &x| {
        let sum = (u32::from(x) + product) % 10;
        (if sum == 0 { 10 } else { sum }) * 2 % 11
    });
    ((11 - product) % 10) as u8
}
