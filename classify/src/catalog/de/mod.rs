//! German identifiers.

pub(super) mod commercial_register;
pub(super) mod driver_license;
pub(super) mod health_insurance;
pub(super) mod id_card;
pub(super) mod license_plate;
pub(super) mod passport;
pub(super) mod physician;
pub(super) mod postal_code;
pub(super) mod social_security;
pub(super) mod tax_id;
pub(super) mod tax_number;
pub(super) mod telematik_id;
pub(super) mod vat_id;

/// A letter's position in the alphabet as two digits (`A` = 01 ... `Z` =
/// 26), how both German insurance numbers fold their letter into the check.
fn letter_digits(letter: u8) -> [u8; 2] {
    let n = letter.to_ascii_uppercase().saturating_sub(b'A') + 1;
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

/// ICAO Doc 9303 check digit of `chars` (digits and capital letters), as
/// German passports and identity cards carry it.
fn icao_check(chars: &[u8]) -> u8 {
    let value = |c: u8| match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A'..=b'Z' => u32::from(c - b'A') + 10,
        _ => 0,
    };
    (chars.iter().zip([7, 3, 1].iter().cycle()).map(|(&c, w)| value(c) * w).sum::<u32>() % 10) as u8
}
