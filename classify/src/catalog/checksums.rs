//! The checksum kit the recognizers validate with: Luhn, Verhoeff,
//! weighted sums, digits of a candidate, dates inside identifiers.

/// Sum of `digits[i] * weights[i]` over the shorter of the two.
pub(crate) fn weighted(digits: &[u8], weights: &[u32]) -> u32 {
    digits.iter().zip(weights).map(|(&d, &w)| u32::from(d) * w).sum()
}

/// The number that `digits` spell, most significant first.
pub(crate) fn number(digits: &[u8]) -> u64 {
    digits.iter().fold(0u64, |n, &d| n.saturating_mul(10).saturating_add(u64::from(d)))
}

/// The first six digits as three two-digit numbers: the `YYMMDD` or
/// `DDMMYY` birth date that opens many national identifiers.
pub(crate) fn digit_pairs(digits: &[u8]) -> [u32; 3] {
    // Fewer than six digits give month 0, which no date has.
    let at = |i: usize| digits.get(i).map_or(0, |&d| u32::from(d));
    [0, 2, 4].map(|i| at(i) * 10 + at(i + 1))
}

/// Whether day `d` of month `m` exists in year `y` (proleptic Gregorian).
pub(crate) fn valid_date(y: u32, m: u32, d: u32) -> bool {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Verhoeff's dihedral-group check (Verhoeff 1969), check digit last.
pub(crate) fn verhoeff(digits: &[u8]) -> bool {
    const D: [[u8; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    const P: [[u8; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    let c = digits.iter().rev().enumerate().fold(0u8, |c, (i, &d)| D[c as usize][P[i % 8][d as usize] as usize]);
    !digits.is_empty() && c == 0
}

/// Whether the non-digit separators of `s` are all the same character
/// (`536-90-4399`, not `536-90.4399`).
pub(crate) fn consistent_separators(s: &str) -> bool {
    let mut seps = s.bytes().filter(|b| !b.is_ascii_alphanumeric());
    let first = seps.next();
    seps.all(|b| Some(b) == first)
}

/// Whether every digit is the same (`000000000`): test data, never issued.
pub(crate) fn repeated(digits: &[u8]) -> bool {
    digits.windows(2).all(|w| w[0] == w[1])
}

/// ASCII digits of `s`, in order, as digit values.
///
/// Validators run on every candidate, so the digits live on the stack. No
/// identifier has more than [`Digits::MAX`] digits: a longer text gives no
/// digits at all, which every length check rejects.
pub(crate) fn digits_of(s: &str) -> Digits {
    let mut d = Digits { buf: [0; Digits::MAX], len: 0 };
    for b in s.bytes().filter(u8::is_ascii_digit) {
        if d.len == Digits::MAX {
            d.len = 0;
            return d;
        }
        d.buf[d.len] = b - b'0';
        d.len += 1;
    }
    d
}

/// The digit values [`digits_of`] returns.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Digits {
    buf: [u8; Digits::MAX],
    len: usize,
}

impl Digits {
    const MAX: usize = 48;
}

impl std::ops::Deref for Digits {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl std::ops::DerefMut for Digits {
    fn deref_mut(&mut self) -> &mut [u8] {
        &mut self.buf[..self.len]
    }
}

/// Luhn (ISO/IEC 7812-1 annex B) over digit values, check digit last.
pub(crate) fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    !digits.is_empty() && sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_of_keeps_digits_and_gives_none_past_the_longest_identifier() {
        assert_eq!(&*digits_of("DE89 3704-0044"), &[8, 9, 3, 7, 0, 4, 0, 0, 4, 4]);
        assert!(digits_of(&"1".repeat(Digits::MAX + 1)).is_empty());
        assert_eq!(digits_of(&"1".repeat(Digits::MAX)).len(), Digits::MAX);
    }
}
