//! Spanish identifiers. NIF (DNI) and NIE share the same check letter: the
//! number modulo 23 indexes a fixed alphabet.

pub(super) mod nie;
pub(super) mod nif;
pub(super) mod passport;

/// Whether `letter` is the check letter of `n` (Real Decreto 1553/2005, art. 11).
fn check_letter(n: u64, letter: u8) -> bool {
    b"TRWAGMYFPDXBNJZSQVHLCKE"[(n % 23) as usize] == letter.to_ascii_uppercase()
}
