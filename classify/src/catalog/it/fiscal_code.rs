//! IT_FISCAL_CODE: the codice fiscale of persons: surname and name
//! consonants, birth year, month letter, day (+40 for women), municipality
//! code and a check letter. Digits may be replaced by letters (omocodia)
//! when two people would otherwise share a code.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static IT_FISCAL_CODE: Recognizer = Recognizer {
    name: "it_fiscal_code",
    country: "IT",
    entity: "IT_FISCAL_CODE",
    patterns: &[Pattern {
        name: "codice_fiscale",
        score: 0.5,
        regex: r"(?x)
            \b[A-Z]{6}          # surname and name
            [0-9LMNPQRSTUV]{2}        # year (digits, or omocodia letters)
            [ABCDEHLMPRST]            # month
            [0-9LMNPQRSTUV]{2}        # day, +40 for women
            [A-Z][0-9LMNPQRSTUV]{3}   # municipality (Belfiore code)
            [A-Z]\b             # check letter",
    }],
    validator: Some(valid),
    checksum: true,
    context: &["fiscale", "codice", "cf", "codicefiscale", "fiscal", "tax"],
    min_ratio: 0.01,
    source: "Decreto ministeriale 23/12/1976 (codice fiscale), check character tables of its annex",
    ..Recognizer::DEFAULT
};

/// Value of a character at an odd (1st, 3rd...) position; digits count as
/// the letter of the same index.
const ODD: [u32; 26] = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

fn valid(s: &str) -> bool {
    let index = |c: u8| u32::from(if c.is_ascii_digit() { c - b'0' } else { c.to_ascii_uppercase() - b'A' });
    let b = s.as_bytes();
    if b.len() != 16 || !b.iter().all(u8::is_ascii_alphanumeric) || !b[15].is_ascii_alphabetic() {
        return false;
    }
    let sum: u32 =
        b[..15].iter().enumerate().map(|(i, &c)| if i % 2 == 0 { ODD[index(c) as usize] } else { index(c) }).sum();
    u32::from(b[15].to_ascii_uppercase() - b'A') == sum % 26
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::IT_FISCAL_CODE,
            &[
                ("RSSMRA85T10A562S", Some("RSSMRA85T10A562S")),
                ("cf: RSSMRA85T10A562S.", Some("RSSMRA85T10A562S")),
                ("RSSMRA85T10A562T", None),
                ("RSSMRA85Z10A562S", None),
            ],
        );
    }
}
