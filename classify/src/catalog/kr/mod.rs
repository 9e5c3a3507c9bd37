//! Korean identifiers. Resident (RRN) and foreigner (FRN) registration
//! numbers share one layout: birth date, a digit giving sex and century
//! (1-4, 9, 0 for citizens; 5-8 for foreigners), and six more digits.

pub(super) mod brn;
pub(super) mod driver_license;
pub(super) mod frn;
pub(super) mod passport;
pub(super) mod rrn;

use super::{digit_pairs, digits_of, valid_date};

/// The sex-and-century digit of a registration number whose birth date
/// exists, `None` otherwise.
fn class_digit(s: &str) -> Option<u8> {
    let d = digits_of(s);
    if d.len() != 13 {
        return None;
    }
    let class = d[6];
    let century = match class {
        1 | 2 | 5 | 6 => 1900,
        3 | 4 | 7 | 8 => 2000,
        _ => 1800,
    };
    let [yy, mm, dd] = digit_pairs(&d);
    (valid_date(century + yy, mm, dd) && super::consistent_separators(s)).then_some(class)
}
