//! Synthetic national and financial identifiers, one generator per catalog
//! entity, each computing its check digit from the public specification
//! (written independently of lakeaudit's validators, so each side checks the
//! other). Random serials: they identify nobody.

use crate::values::{Rng, luhn_check};

const AZ: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn digits_of(s: &str) -> Vec<u32> {
    s.bytes().filter(u8::is_ascii_digit).map(|b| u32::from(b - b'0')).collect()
}

fn dot(s: &str, weights: &[u32]) -> u32 {
    digits_of(s).iter().zip(weights).map(|(d, w)| d * w).sum()
}

/// A birth date as (year, month, day), days kept to 28 so every month has them.
fn birth(r: &mut Rng, from: u64, to: u64) -> (u64, u64, u64) {
    (r.range(from, to), r.range(1, 12), r.range(1, 28))
}

/// US ITIN: 9XX, a group in the IRS ranges, a serial.
pub fn us_itin(r: &mut Rng) -> String {
    let group = *r.pick(&[&50u64, &65, &70, &78, &88, &90, &92, &94, &99]);
    format!("9{}-{group}-{:04}", r.digits(2), r.range(1, 9999))
}

/// US passport: Next Generation (letter + 8 digits) or 9 digits.
pub fn us_passport(r: &mut Rng) -> String {
    if r.chance(0.5) { format!("{}{}", r.letters(1, b"ACEHJK"), r.digits(8)) } else { format!("5{}", r.digits(8)) }
}

/// A California-style driver license: a letter and seven digits.
pub fn us_driver_license(r: &mut Rng) -> String {
    format!("{}{}", r.letters(1, AZ), r.digits(7))
}

/// A bank account number of 10 to 12 digits.
pub fn us_bank_number(r: &mut Rng) -> String {
    let n = r.range(10, 12) as usize;
    format!("{}{}", r.range(1, 9), r.digits(n - 1))
}

/// An ABA routing number: Federal Reserve prefix, 3-7-1 check digit.
pub fn aba_routing(r: &mut Rng) -> String {
    let prefix = *r.pick(&[&1u64, &2, &11, &12, &21, &26, &31, &61, &67, &72, &80]);
    let body = format!("{prefix:02}{}", r.digits(6));
    let sum = dot(&body, &[3, 7, 1, 3, 7, 1, 3, 7]);
    format!("{body}{}", (10 - sum % 10) % 10)
}

/// A DEA registration number.
pub fn dea(r: &mut Rng) -> String {
    let body = r.digits(6);
    let d = digits_of(&body);
    let check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10;
    format!("{}{}{body}{check}", r.letters(1, b"ABFGM"), r.letters(1, AZ))
}

/// A UK National Insurance number.
pub fn uk_nino(r: &mut Rng) -> String {
    let prefix = format!("{}{}", r.letters(1, b"ACEHJKLMPRSW"), r.letters(1, b"ABCEHJLMPRSW"));
    let digits = r.digits(6);
    let suffix = r.letters(1, b"ABCD");
    if r.chance(0.5) {
        format!("{prefix}{digits}{suffix}")
    } else {
        format!("{prefix} {} {} {} {suffix}", &digits[..2], &digits[2..4], &digits[4..])
    }
}

const NIF_LETTERS: &[u8] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// A Spanish NIF (DNI number and check letter).
pub fn es_nif(r: &mut Rng) -> String {
    let n = r.range(1_000_000, 99_999_999);
    format!("{n:08}{}", char::from(NIF_LETTERS[(n % 23) as usize]))
}

/// A Spanish NIE.
pub fn es_nie(r: &mut Rng) -> String {
    let prefix = r.range(0, 2);
    let n = r.range(0, 9_999_999);
    format!(
        "{}{n:07}{}",
        char::from(b"XYZ"[prefix as usize]),
        char::from(NIF_LETTERS[((prefix * 10_000_000 + n) % 23) as usize])
    )
}

/// An Italian codice fiscale.
pub fn it_fiscal_code(r: &mut Rng) -> String {
    const ODD: [u32; 36] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, // 0-9
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23, // A-Z
    ];
    let (y, m, d) = birth(r, 1940, 2005);
    let day = if r.chance(0.5) { d } else { d + 40 };
    let body = format!(
        "{}{:02}{}{day:02}{}{:03}",
        r.letters(6, b"BCDFGLMNPRSTVZ"),
        y % 100,
        char::from(b"ABCDEHLMPRST"[m as usize - 1]),
        r.letters(1, b"ABCDEFGHILM"),
        r.range(1, 999)
    );
    let sum: u32 = body
        .bytes()
        .enumerate()
        .map(|(i, c)| {
            let (odd_index, even) = match c {
                b'0'..=b'9' => ((c - b'0') as usize, u32::from(c - b'0')),
                _ => ((c - b'A') as usize + 10, u32::from(c - b'A')),
            };
            if i % 2 == 0 { ODD[odd_index] } else { even }
        })
        .sum();
    format!("{body}{}", char::from(b'A' + (sum % 26) as u8))
}

/// An Italian partita IVA.
pub fn it_vat_code(r: &mut Rng) -> String {
    let body = format!("{}{:03}", r.digits(7), r.range(1, 100));
    format!("{body}{}", luhn_check(&body))
}

/// An Italian driving licence of the EU model.
pub fn it_driver_license(r: &mut Rng) -> String {
    format!("U1{}{}{}", r.letters(2, b"BCDFH"), r.digits(5), r.letters(1, AZ))
}

/// An Italian passport number.
pub fn it_passport(r: &mut Rng) -> String {
    format!("Y{}{}", r.letters(1, AZ), r.digits(7))
}

/// An Italian electronic identity card (CIE 3.0) number.
pub fn it_identity_card(r: &mut Rng) -> String {
    format!("C{}{}{}", r.letters(1, b"ABCDEF"), r.digits(5), r.letters(2, AZ))
}

/// A Polish PESEL.
pub fn pl_pesel(r: &mut Rng) -> String {
    let (y, m, d) = birth(r, 1930, 2015);
    let month = if y >= 2000 { m + 20 } else { m };
    let body = format!("{:02}{month:02}{d:02}{}", y % 100, r.digits(4));
    let sum = dot(&body, &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]);
    format!("{body}{}", (10 - sum % 10) % 10)
}

/// A Singapore NRIC or FIN.
pub fn sg_nric_fin(r: &mut Rng) -> String {
    let prefix = r.letters(1, b"STFGM");
    let body = r.digits(7);
    let sum = dot(&body, &[2, 7, 6, 5, 4, 3, 2]);
    let check = match prefix.as_str() {
        "S" => b"JZIHGFEDCBA"[(sum % 11) as usize],
        "T" => b"JZIHGFEDCBA"[((sum + 4) % 11) as usize],
        "F" => b"XWUTRQPNMLK"[(sum % 11) as usize],
        "G" => b"XWUTRQPNMLK"[((sum + 4) % 11) as usize],
        _ => b"XWUTRQPNJLK"[((sum + 3) % 11) as usize],
    };
    format!("{prefix}{body}{}", char::from(check))
}

/// A Singapore UEN of one of ACRA's three formats.
pub fn sg_uen(r: &mut Rng) -> String {
    match r.range(0, 2) {
        0 => {
            let body = r.digits(8);
            format!("{body}{}", char::from(b"XMKECAWLJDB"[(dot(&body, &[10, 4, 9, 3, 8, 2, 7, 1]) % 11) as usize]))
        }
        1 => {
            let body = format!("{}{}", r.range(1975, 2025), r.digits(5));
            format!("{body}{}", char::from(b"ZKCMDNERGWH"[(dot(&body, &[10, 8, 6, 4, 9, 7, 5, 3, 1]) % 11) as usize]))
        }
        _ => {
            const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWX0123456789";
            let body = format!("T{:02}{}{}", r.range(0, 25), r.pick(&["LL", "LP", "CC", "SS", "MB"]), r.digits(4));
            let sum: i64 = body
                .bytes()
                .zip([4i64, 3, 5, 3, 10, 2, 2, 5, 7])
                .map(|(c, w)| ALPHABET.iter().position(|&a| a == c).expect("in alphabet") as i64 * w)
                .sum();
            format!("{body}{}", char::from(ALPHABET[(sum - 5).rem_euclid(11) as usize]))
        }
    }
}

/// An Australian Business Number, grouped 2-3-3-3 half of the time.
pub fn au_abn(r: &mut Rng) -> String {
    loop {
        let tail = r.digits(9);
        let weights = [3, 5, 7, 9, 11, 13, 15, 17, 19];
        let rest = dot(&tail, &weights);
        // Solve for the two leading digits: 10 * (a - 1) + b + rest = 0 mod 89.
        if let Some(lead) = (10..=99u32).find(|n| (10 * (n / 10 - 1) + n % 10 + rest).is_multiple_of(89)) {
            let s = format!("{lead}{tail}");
            return if r.chance(0.5) { s } else { format!("{} {} {} {}", &s[..2], &s[2..5], &s[5..8], &s[8..]) };
        }
    }
}

/// An Australian Company Number.
pub fn au_acn(r: &mut Rng) -> String {
    let body = r.digits(8);
    format!("{body}{}", (10 - dot(&body, &[8, 7, 6, 5, 4, 3, 2, 1]) % 10) % 10)
}

/// An Australian Tax File Number.
pub fn au_tfn(r: &mut Rng) -> String {
    loop {
        let body = r.digits(8);
        let sum = dot(&body, &[1, 4, 3, 7, 5, 8, 6, 9]);
        // The last weight is 10: find the digit that makes the sum divisible by 11.
        if let Some(last) = (0..10).find(|d| (sum + 10 * d).is_multiple_of(11)) {
            return format!("{} {} {}{last}", &body[..3], &body[3..6], &body[6..]);
        }
    }
}

/// An Australian Medicare card number with its issue number.
pub fn au_medicare(r: &mut Rng) -> String {
    let body = format!("{}{}", r.range(2, 6), r.digits(7));
    let check = dot(&body, &[1, 3, 7, 9, 1, 3, 7, 9]) % 10;
    format!("{} {}{check} {}", &body[..4], &body[4..], r.range(1, 9))
}

/// An Indian PAN of an individual.
pub fn in_pan(r: &mut Rng) -> String {
    format!("{}P{}{}{}", r.letters(3, AZ), r.letters(1, AZ), r.digits(4), r.letters(1, AZ))
}

/// An Aadhaar number with its Verhoeff check digit.
pub fn in_aadhaar(r: &mut Rng) -> String {
    let body = format!("{}{}", r.range(2, 9), r.digits(10));
    let s = format!("{body}{}", verhoeff_check(&body));
    if r.chance(0.5) { s } else { format!("{} {} {}", &s[..4], &s[4..8], &s[8..]) }
}

/// The Verhoeff (1969) check digit for `body`: multiplication in D5,
/// permutation and inverse tables.
fn verhoeff_check(body: &str) -> usize {
    const MUL: [[usize; 10]; 10] = [
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
    const PERM: [[usize; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    const INV: [usize; 10] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];
    let mut c = 0;
    for (i, d) in digits_of(body).iter().rev().enumerate() {
        c = MUL[c][PERM[(i + 1) % 8][*d as usize]];
    }
    INV[c]
}

/// An Indian GSTIN built on a PAN.
pub fn in_gstin(r: &mut Rng) -> String {
    const B36: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let body = format!("{:02}{}{}Z", r.range(1, 37), in_pan(r), r.range(1, 9));
    let sum: usize = body
        .bytes()
        .enumerate()
        .map(|(i, c)| {
            let p = B36.iter().position(|&b| b == c).expect("base 36") * (1 + i % 2);
            p / 36 + p % 36
        })
        .sum();
    format!("{body}{}", char::from(B36[(36 - sum % 36) % 36]))
}

/// An Indian passport number.
pub fn in_passport(r: &mut Rng) -> String {
    format!("{}{}{}{}", r.letters(1, b"JKLMNPRSTUVW"), r.range(1, 9), r.digits(5), r.range(1, 9))
}

/// An Indian voter (EPIC) number.
pub fn in_voter(r: &mut Rng) -> String {
    format!("{}{}", r.letters(3, AZ), r.digits(7))
}

/// An Indian vehicle registration plate.
pub fn in_vehicle_registration(r: &mut Rng) -> String {
    let state = r.pick(&["MH", "KA", "DL", "TN", "UP", "GJ", "WB"]);
    if r.chance(0.5) {
        format!("{state}{:02}{}{}", r.range(1, 50), r.letters(2, AZ), r.digits(4))
    } else {
        format!("{state} {:02} {} {}", r.range(1, 50), r.letters(2, AZ), r.digits(4))
    }
}

/// A Finnish personal identity code.
pub fn fi_personal_identity_code(r: &mut Rng) -> String {
    let (y, m, d) = birth(r, 1940, 2020);
    let sign = if y >= 2000 { 'A' } else { '-' };
    let number = format!("{d:02}{m:02}{:02}{:03}", y % 100, r.range(2, 899));
    let n: u64 = number.parse().expect("digits");
    let check = char::from(b"0123456789ABCDEFHJKLMNPRSTUVWXY"[(n % 31) as usize]);
    format!("{}{sign}{}{check}", &number[..6], &number[6..])
}

fn kr_registration(r: &mut Rng, classes: [u64; 2]) -> String {
    let (y, m, d) = birth(r, 1950, 2019);
    let class = if y >= 2000 { classes[1] + r.range(0, 1) } else { classes[0] + r.range(0, 1) };
    let body = format!("{:02}{m:02}{d:02}{class}{}", y % 100, r.digits(5));
    let sum = dot(&body, &[2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]);
    format!("{}-{}{}", &body[..6], &body[6..], (11 - sum % 11) % 10)
}

/// A Korean resident registration number.
pub fn kr_rrn(r: &mut Rng) -> String {
    kr_registration(r, [1, 3])
}

/// A Korean foreigner registration number.
pub fn kr_frn(r: &mut Rng) -> String {
    kr_registration(r, [5, 7])
}

/// A Korean business registration number.
pub fn kr_brn(r: &mut Rng) -> String {
    let body = format!("{}{}", r.range(101, 899), r.digits(6));
    let d = digits_of(&body);
    let sum = dot(&body, &[1, 3, 7, 1, 3, 7, 1, 3, 5]) + d[8] * 5 / 10;
    format!("{}-{}-{}{}", &body[..3], &body[3..5], &body[5..], (10 - sum % 10) % 10)
}

/// A Korean driver license number.
pub fn kr_driver_license(r: &mut Rng) -> String {
    format!("{}-{}-{}-{}", r.range(11, 28), r.digits(2), r.digits(6), r.digits(2))
}

/// A Korean passport number of the 2021 format.
pub fn kr_passport(r: &mut Rng) -> String {
    format!("M{}{}{}", r.digits(3), r.letters(1, AZ), r.digits(4))
}

/// A Thai national identification number.
pub fn th_tnin(r: &mut Rng) -> String {
    let body = format!("{}{}", r.range(1, 8), r.digits(11));
    let sum = dot(&body, &[13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    format!("{body}{}", (11 - sum % 11) % 10)
}

/// A date of birth, in one of the usual layouts.
pub fn date_of_birth(r: &mut Rng) -> String {
    let (y, m, d) = birth(r, 1940, 2008);
    match r.range(0, 2) {
        0 => format!("{y}-{m:02}-{d:02}"),
        1 => format!("{d:02}/{m:02}/{y}"),
        _ => format!("{d:02}.{m:02}.{y}"),
    }
}

/// A Canadian SIN, grouped 3-3-3 half of the time.
pub fn ca_sin(r: &mut Rng) -> String {
    let body = format!("{}{}", r.pick(&[&1u64, &2, &3, &4, &5, &6, &7, &9]), r.digits(7));
    let s = format!("{body}{}", luhn_check(&body));
    if r.chance(0.5) { s } else { format!("{} {} {}", &s[..3], &s[3..6], &s[6..]) }
}

/// A Swedish personnummer, a coordination number one time in five, with
/// the century written one time in four.
pub fn se_personnummer(r: &mut Rng) -> String {
    let (y, m, d) = birth(r, 1930, 2015);
    let day = if r.chance(0.2) { d + 60 } else { d };
    let body = format!("{:02}{m:02}{day:02}{}", y % 100, r.digits(3));
    let s = format!("{body}{}", luhn_check(&body));
    let century = if r.chance(0.25) { (y / 100).to_string() } else { String::new() };
    format!("{century}{}-{}", &s[..6], &s[6..])
}

/// A Swedish organisationsnummer of a limited company (5), an economic
/// association (7), a non-profit (8) or a partnership (9).
pub fn se_organisationsnummer(r: &mut Rng) -> String {
    let body = format!("{}{}{}{}", r.pick(&[&5u64, &7, &8, &9]), r.digits(1), r.range(2, 9), r.digits(6));
    let s = format!("{body}{}", luhn_check(&body));
    format!("{}-{}", &s[..6], &s[6..])
}

/// A Nigerian NIN: ten digits and a Verhoeff check digit.
pub fn ng_nin(r: &mut Rng) -> String {
    let body = format!("{}{}", r.range(1, 9), r.digits(9));
    format!("{body}{}", verhoeff_check(&body))
}

/// A Nigerian number plate (2011 format).
pub fn ng_vehicle_registration(r: &mut Rng) -> String {
    format!("{}-{}{}", r.letters(3, AZ), r.digits(3), r.letters(2, AZ))
}

/// A Turkish T.C. Kimlik No with both check digits.
pub fn tr_national_id(r: &mut Rng) -> String {
    let body = format!("{}{}", r.range(1, 9), r.digits(8));
    let d = digits_of(&body);
    let odd = d[0] + d[2] + d[4] + d[6] + d[8];
    let even = d[1] + d[3] + d[5] + d[7];
    let tenth = (odd * 7 + 100 - even) % 10;
    let eleventh = (d.iter().sum::<u32>() + tenth) % 10;
    format!("{body}{tenth}{eleventh}")
}

/// A Chinese resident identity number (GB 11643-1999): a district's
/// address code, a birth date, a sequence, and the ISO 7064 MOD 11-2 check
/// character, each weight 2^(17 - i) mod 11.
pub fn cn_resident_id(r: &mut Rng) -> String {
    let district = r.pick(&["110105", "310104", "440305", "510107", "330106", "420111"]);
    let (y, m, d) = birth(r, 1940, 2015);
    let body = format!("{district}{y}{m:02}{d:02}{:03}", r.range(1, 999));
    let weights: Vec<u32> = (0..17).map(|i| (1u32 << (17 - i)) % 11).collect();
    let check = b"10X98765432"[(dot(&body, &weights) % 11) as usize] as char;
    format!("{body}{check}")
}

/// A Brazilian CPF: nine digits (not all one), then two check digits, each
/// the weighted sum (weights from n+1 down to 2) times 10 modulo 11, modulo
/// 10; written `123.456.789-09`.
pub fn br_cpf(r: &mut Rng) -> String {
    let body = loop {
        let body = r.digits(9);
        if body.bytes().any(|b| b != body.as_bytes()[0]) {
            break body;
        }
    };
    let check = |s: &str| {
        let n = s.len() as u32;
        let weights: Vec<u32> = (0..n).map(|i| n + 1 - i).collect();
        dot(s, &weights) * 10 % 11 % 10
    };
    let first = check(&body);
    let second = check(&format!("{body}{first}"));
    format!("{}.{}.{}-{first}{second}", &body[..3], &body[3..6], &body[6..])
}

/// A French NIR: sex, year and month of birth, a mainland département,
/// commune and order numbers, and the key 97 - (number mod 97); written in
/// its groups, `1 85 05 78 006 084 91`.
pub fn fr_nir(r: &mut Rng) -> String {
    let (y, m, _) = birth(r, 1940, 2015);
    let (sex, dept) = (r.range(1, 2), r.range(1, 95));
    let (commune, order) = (r.range(1, 999), r.range(1, 999));
    let number = format!("{sex}{:02}{m:02}{dept:02}{commune:03}{order:03}", y % 100);
    let key = 97 - number.parse::<u64>().expect("thirteen digits") % 97;
    format!(
        "{} {} {} {} {} {} {key:02}",
        &number[..1],
        &number[1..3],
        &number[3..5],
        &number[5..7],
        &number[7..10],
        &number[10..]
    )
}

/// A Dutch BSN: eight digits and a ninth that makes 9·d1 + … + 2·d8 − d9
/// divisible by 11 (drawn again when no digit does).
pub fn nl_bsn(r: &mut Rng) -> String {
    loop {
        let body = format!("{}{}", r.range(1, 9), r.digits(7));
        let sum = dot(&body, &[9, 8, 7, 6, 5, 4, 3, 2]) % 11;
        if sum < 10 {
            return format!("{body}{sum}");
        }
    }
}

/// A Romanian CNP: sex and century (1-2 for the 1900s, 5-6 for the 2000s),
/// the birth date, a county (01-46), a serial, and the check digit over the
/// weights 279146358279, modulo 11, 10 written 1.
pub fn ro_cnp(r: &mut Rng) -> String {
    let (y, m, d) = birth(r, 1940, 2015);
    let sex = if y < 2000 { 1 } else { 5 } + r.range(0, 1);
    let body = format!("{sex}{:02}{m:02}{d:02}{:02}{:03}", y % 100, r.range(1, 46), r.range(1, 999));
    let check = dot(&body, &[2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11;
    format!("{body}{}", if check == 10 { 1 } else { check })
}

/// A Norwegian fødselsnummer: the birth date, an individual number, and two
/// check digits, 11 less a weighted sum modulo 11 (a number whose check
/// would be 10 is never issued: drawn again).
pub fn no_fodselsnummer(r: &mut Rng) -> String {
    let check = |s: &str, weights: &[u32]| match 11 - dot(s, weights) % 11 {
        11 => Some(0),
        10 => None,
        k => Some(k),
    };
    loop {
        let (y, m, d) = birth(r, 1940, 2015);
        let body = format!("{d:02}{m:02}{:02}{:03}", y % 100, r.range(0, 999));
        let Some(k1) = check(&body, &[3, 7, 6, 1, 8, 9, 4, 5, 2]) else { continue };
        let Some(k2) = check(&format!("{body}{k1}"), &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) else { continue };
        return format!("{body}{k1}{k2}");
    }
}

/// A Swiss AHV number: 756, nine digits, an EAN-13 check digit, in its
/// dotted groups.
pub fn ch_ahv(r: &mut Rng) -> String {
    let body = format!("756{}", r.digits(9));
    let check = (10 - dot(&body, &[1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3]) % 10) % 10;
    format!("{}.{}.{}.{}{check}", &body[..3], &body[3..7], &body[7..11], &body[11..])
}

/// A Belgian national register number: the birth date, a serial, and the
/// key 97 - (number mod 97), a 2 before the number for the 2000s; written
/// `85.07.30-033.28`.
pub fn be_national_number(r: &mut Rng) -> String {
    let (y, m, d) = birth(r, 1940, 2015);
    let body = format!("{:02}{m:02}{d:02}{:03}", y % 100, r.range(1, 997));
    let n: u64 = body.parse().expect("nine digits");
    let key = 97 - (if y >= 2000 { 2_000_000_000 + n } else { n }) % 97;
    format!("{}.{}.{}-{}.{key:02}", &body[..2], &body[2..4], &body[4..6], &body[6..])
}

/// An Estonian isikukood: sex and century (3-4 the 1900s, 5-6 the 2000s),
/// the birth date, a serial, and the check digit of EVS 585 (a second set
/// of weights where the first gives 10, then 0).
pub fn ee_isikukood(r: &mut Rng) -> String {
    let (y, m, d) = birth(r, 1940, 2015);
    let first = if y < 2000 { 3 } else { 5 } + r.range(0, 1);
    let body = format!("{first}{:02}{m:02}{d:02}{:03}", y % 100, r.range(0, 999));
    let check = match dot(&body, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) % 11 {
        10 => dot(&body, &[3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 11 % 10,
        c => c,
    };
    format!("{body}{check}")
}

/// A Croatian OIB: ten random digits and the ISO 7064 MOD 11,10 check digit.
pub fn hr_oib(r: &mut Rng) -> String {
    let body = format!("{}{}", r.range(1, 9), r.digits(9));
    let mut t = 10;
    for d in digits_of(&body) {
        t = (t + d) % 10;
        if t == 0 {
            t = 10;
        }
        t = t * 2 % 11;
    }
    format!("{body}{}", (11 - t) % 10)
}

/// A Greek AMKA: the birth date (DDMMYY), four digits, a Luhn check digit.
pub fn gr_amka(r: &mut Rng) -> String {
    let (y, m, d) = birth(r, 1940, 2015);
    let body = format!("{d:02}{m:02}{:02}{}", y % 100, r.digits(4));
    format!("{body}{}", luhn_check(&body))
}

/// A South African identity number: birth date, sequence, citizenship, 8, Luhn.
pub fn za_id_number(r: &mut Rng) -> String {
    let (y, m, d) = birth(r, 1940, 2015);
    let citizenship = if r.chance(0.9) { 0 } else { 1 };
    let body = format!("{:02}{m:02}{d:02}{}{citizenship}8", y % 100, r.digits(4));
    format!("{body}{}", luhn_check(&body))
}

/// A Philippine TIN, with the head-office branch code half of the time.
pub fn ph_tin(r: &mut Rng) -> String {
    loop {
        let body = format!("{}{}", r.range(1, 9), r.digits(7));
        let check = dot(&body, &[9, 8, 7, 6, 5, 4, 3, 2]) % 11;
        if check < 10 {
            let tin = format!("{}-{}-{}{check}", &body[..3], &body[3..6], &body[6..]);
            return if r.chance(0.5) { tin } else { format!("{tin}-000") };
        }
    }
}

/// A German Steuer-IdNr: ten digits in which exactly one digit repeats,
/// then the ISO 7064 MOD 11,10 check digit; grouped 2-3-3-3 half the time.
pub fn de_tax_id(r: &mut Rng) -> String {
    loop {
        // Nine distinct digits in random order, one of them written twice.
        let mut pool: Vec<u32> = (0..10).collect();
        let mut body: Vec<u32> = (0..9).map(|_| pool.remove(r.range(0, pool.len() as u64 - 1) as usize)).collect();
        let twice = body[r.range(0, 8) as usize];
        body.insert(r.range(0, 9) as usize, twice);
        if body[0] == 0 {
            continue;
        }
        let check = mod_11_10(&body);
        let s: String = body.iter().chain([&check]).map(|d| char::from(b'0' + *d as u8)).collect();
        return if r.chance(0.5) { s } else { format!("{} {} {} {}", &s[..2], &s[2..5], &s[5..8], &s[8..]) };
    }
}

/// A German Rentenversicherungsnummer: area, DDMMYY, initial, serial, check.
pub fn de_social_security(r: &mut Rng) -> String {
    let (y, m, d) = birth(r, 1940, 2008);
    let letter = r.letters(1, AZ);
    let head = format!("{:02}{d:02}{m:02}{:02}", r.range(2, 89), y % 100);
    let serial = r.digits(2);
    let n = u32::from(letter.as_bytes()[0] - b'A' + 1);
    let check = digit_sum_check(&format!("{head}{n:02}{serial}"), &[2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1]);
    format!("{head}{letter}{serial}{check}")
}

/// The check digit of both German insurance numbers: the digit sums of
/// `digits[i] * weights[i]`, modulo 10.
fn digit_sum_check(digits: &str, weights: &[u32]) -> u32 {
    digits_of(digits).iter().zip(weights).map(|(d, w)| (d * w) / 10 + (d * w) % 10).sum::<u32>() % 10
}

/// A German Krankenversichertennummer: initial, eight digits, check.
pub fn de_health_insurance(r: &mut Rng) -> String {
    let letter = r.letters(1, AZ);
    let body = r.digits(8);
    let n = u32::from(letter.as_bytes()[0] - b'A' + 1);
    let check = digit_sum_check(&format!("{n:02}{body}"), &[1, 2, 1, 2, 1, 2, 1, 2, 1, 2]);
    format!("{letter}{body}{check}")
}

/// A German USt-IdNr.: DE, eight digits and the ISO 7064 MOD 11,10 check.
pub fn de_vat_id(r: &mut Rng) -> String {
    let body = format!("{}{}", r.range(1, 3), r.digits(7));
    format!("DE{body}{}", mod_11_10(&digits_of(&body)))
}

/// The ISO 7064 MOD 11,10 check digit of `body`.
fn mod_11_10(body: &[u32]) -> u32 {
    let product = body.iter().fold(10, |product, d| {
        let sum = match (d + product) % 10 {
            0 => 10,
            s => s,
        };
        sum * 2 % 11
    });
    (11 - product) % 10
}

/// A Turkish VKN: nine digits and the GİB check digit.
pub fn tr_tax_id(r: &mut Rng) -> String {
    let body = r.digits(9);
    let total: u32 = digits_of(&body)
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let t = (d + 9 - i as u32) % 10;
            if t == 9 { 9 } else { t * 2u32.pow(9 - i as u32) % 9 }
        })
        .sum();
    format!("{body}{}", (10 - total % 10) % 10)
}

/// A Nigerian BVN: 22 and nine digits.
pub fn ng_bvn(r: &mut Rng) -> String {
    format!("22{}", r.digits(9))
}

/// An Indian UPI address at a PSP handle.
pub fn in_upi(r: &mut Rng) -> String {
    let name = if r.chance(0.5) { format!("9{}", r.digits(9)) } else { format!("user.{}", r.digits(4)) };
    format!("{name}@{}", r.pick(&["okicici", "okaxis", "paytm", "ybl", "oksbi"]))
}

/// A PhilHealth PIN with its modulus 11 check digit.
pub fn ph_health_insurance(r: &mut Rng) -> String {
    loop {
        let body = format!("{:02}{}", r.range(1, 19), r.digits(9));
        let total: u32 = digits_of(&body).iter().zip(2..).map(|(d, w)| d * w).sum();
        let check = (11 - total % 11) % 11;
        if check < 10 {
            return format!("{}-{}-{check}", &body[..2], &body[2..]);
        }
    }
}

/// A UMID Common Reference Number.
pub fn ph_umid(r: &mut Rng) -> String {
    format!("{:04}-{}-{}", r.range(1, 120), r.digits(7), r.digits(1))
}

/// A Philippine passport number of either format.
pub fn ph_passport(r: &mut Rng) -> String {
    if r.chance(0.5) {
        format!("P{}{}", r.digits(7), r.letters(1, AZ))
    } else {
        format!("{}{}", r.letters(2, b"ABEFGHJKLMNPRSTUVWXYZ"), r.digits(7))
    }
}

/// A Swedish passport number.
pub fn se_passport(r: &mut Rng) -> String {
    format!("{}{}", r.range(1, 9), r.digits(7))
}

/// A Turkish plate: province, letters outside Q, W and X, digits.
pub fn tr_license_plate(r: &mut Rng) -> String {
    let letters = r.range(1, 3) as usize;
    let digits = if letters == 1 { 4 } else { r.range(2, 4) as usize };
    format!(
        "{:02} {} {}{}",
        r.range(1, 81),
        r.letters(letters, b"ABCDEFGHIJKLMNOPRSTUVYZ"),
        r.range(1, 9),
        r.digits(digits - 1)
    )
}

/// A German passport number: ICAO-safe characters and the 7-3-1 check digit.
pub fn de_passport(r: &mut Rng) -> String {
    const SAFE: &[u8] = b"CFGHJKLMNPRTVWXYZ0123456789";
    let body = format!("{}{}", r.letters(1, b"CFGHJK"), r.letters(7, SAFE));
    let sum: u32 = body
        .bytes()
        .zip([7, 3, 1].iter().cycle())
        .map(|(c, w)| w * if c.is_ascii_digit() { u32::from(c - b'0') } else { u32::from(c - b'A') + 10 })
        .sum();
    format!("{body}{}", sum % 10)
}

/// A German number plate.
pub fn de_kfz(r: &mut Rng) -> String {
    let district = r.pick(&["B", "M", "HH", "K", "F", "S", "KA", "MIL", "HB", "D"]);
    let n = r.range(1, 2) as usize;
    let letters = r.letters(n, AZ);
    let suffix = if r.chance(0.1) { r.pick(&["E", "H"]) } else { "" };
    format!("{district} {letters} {}{suffix}", r.range(1, 9999))
}

/// A South African passport number.
pub fn za_passport(r: &mut Rng) -> String {
    format!("{}{}", r.letters(1, b"ADMT"), r.digits(8))
}

/// A South African driving licence number as eNaTIS prints it.
pub fn za_driver_license(r: &mut Rng) -> String {
    format!("{}{}", r.digits(10), r.letters(2, AZ))
}

/// A SARS VAT number.
pub fn za_vat_number(r: &mut Rng) -> String {
    format!("4{}", r.digits(9))
}

/// A SARS income tax reference.
pub fn za_income_tax_number(r: &mut Rng) -> String {
    format!("{}{}", r.pick(&["0", "1", "2", "3", "9"]), r.digits(9))
}

/// ICAO 9303 check digit (weights 7, 3, 1; A = 10).
fn icao_check(s: &str) -> u32 {
    let value = |c: u8| if c.is_ascii_digit() { u32::from(c - b'0') } else { u32::from(c - b'A') + 10 };
    s.bytes().zip([7, 3, 1].iter().cycle()).map(|(c, w)| value(c) * w).sum::<u32>() % 10
}

/// A German identity card number, with its MRZ check digit half of the time.
pub fn de_id_card(r: &mut Rng) -> String {
    const SAFE: &[u8] = b"CFGHJKLMNPRTVWXYZ0123456789";
    let serial = format!("{}{}{}", r.letters(1, b"LMNPRTVWXY"), r.digits(1), r.letters(7, SAFE));
    if r.chance(0.5) { format!("{serial}{}", icao_check(&serial)) } else { serial }
}

/// A German driving licence number: authority, serial, check, issue count.
pub fn de_driver_license(r: &mut Rng) -> String {
    const ALNUM: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    format!("{}{}{}{}{}", r.letters(1, AZ), r.digits(3), r.letters(5, ALNUM), r.letters(1, b"0123456789X"), r.digits(1))
}

/// A German Steuernummer, as a Land writes it or in ELSTER's 13 digits.
pub fn de_tax_number(r: &mut Rng) -> String {
    match r.range(0, 3) {
        0 => format!("{}/{}/{}", r.range(100, 999), r.digits(3), r.digits(5)),
        1 => format!("{}/{}/{}", r.range(100, 999), r.digits(4), r.digits(4)),
        2 => format!("{}/{}", r.range(10000, 99999), r.digits(5)),
        _ => format!("{}{}0{}", r.pick(&["91", "92", "28", "11", "23", "26"]), r.digits(2), r.digits(8)),
    }
}

/// A lifelong physician number (LANR): six digits, the 4-9 check digit, a specialty.
pub fn de_lanr(r: &mut Rng) -> String {
    let body = r.digits(6);
    let sum = dot(&body, &[4, 9, 4, 9, 4, 9]);
    format!("{body}{}{:02}", (10 - sum % 10) % 10, r.range(1, 99))
}

/// A practice site number (BSNR): a KV region code and seven digits.
pub fn de_bsnr(r: &mut Rng) -> String {
    format!("{}{}", r.pick(&["01", "02", "03", "17", "20", "38", "46", "52", "71", "72", "93", "98"]), r.digits(7))
}

/// A Telematik-ID of a physician, an insured person or a hospital.
pub fn de_telematik_id(r: &mut Rng) -> String {
    match r.range(0, 2) {
        0 => format!("1-{}{}", r.range(1, 9), r.digits(12)),
        1 => format!("10-{}{}", r.letters(1, AZ), r.digits(9)),
        _ => format!("5-2-{}.{}", r.digits(9), r.digits(2)),
    }
}

/// A commercial register entry, with its court a third of the time.
pub fn de_commercial_register(r: &mut Rng) -> String {
    let entry = format!("HR{} {}", r.pick(&["A", "B"]), r.range(1, 299_999));
    if r.chance(0.3) {
        format!("Amtsgericht {}, {entry}", r.pick(&["München", "Köln", "Hamburg", "Düsseldorf", "Charlottenburg"]))
    } else {
        entry
    }
}

/// A German postcode.
pub fn de_postal_code(r: &mut Rng) -> String {
    format!("{:05}", r.range(1067, 99998))
}

/// A Philippine plate: the 2014 series mostly, older cars and motorcycles too.
pub fn ph_license_plate(r: &mut Rng) -> String {
    match r.range(0, 5) {
        0 => format!("{} {}", r.letters(3, AZ), r.range(100, 999)),
        1 => format!("{}{}", r.range(1000, 9999), r.letters(2, AZ)),
        _ => format!("{} {}", r.letters(3, AZ), r.range(1000, 9999)),
    }
}

/// A South African plate of one of the provincial series.
pub fn za_license_plate(r: &mut Rng) -> String {
    match r.range(0, 2) {
        0 => format!("{} {} {} GP", r.letters(2, AZ), r.digits(2), r.letters(2, AZ)),
        1 => format!("{} {} {}", r.letters(3, AZ), r.range(100, 999), r.pick(&["ZN", "EC", "FS", "MP", "NW", "LP"])),
        _ => format!("C{} {}-{}", r.letters(1, b"AEFJLYZ"), r.range(100, 999), r.digits(3)),
    }
}

/// An eNaTIS traffic register number: thirteen digits that fail the ID
/// number's Luhn check.
pub fn za_traffic_register_number(r: &mut Rng) -> String {
    let body = format!("{}{}", r.range(1, 9), r.digits(11));
    format!("{body}{}", (luhn_check(&body) + r.range(1, 9) as u8) % 10)
}

/// A CIPC company registration number.
pub fn za_company_registration(r: &mut Rng) -> String {
    format!("{}/{}/{}", r.range(1950, 2025), r.digits(6), r.pick(&["06", "07", "08", "09", "10", "21", "23"]))
}

/// A British passport number (2015 series).
pub fn uk_passport(r: &mut Rng) -> String {
    format!("{}{}", r.letters(2, AZ), r.digits(7))
}

/// A DVLA driver number for a made-up person.
pub fn uk_driving_licence(r: &mut Rng) -> String {
    let surname = r.pick(&["MORGA", "SMITH", "JONES", "LI999", "EVANS", "OBRIE", "PATEL", "WU999"]);
    let month = r.range(1, 12) + if r.chance(0.5) { 50 } else { 0 };
    let initials = format!("{}{}", r.letters(1, AZ), r.letters(1, b"ABCDEFGHJKLMNPRSTW9"));
    format!("{surname}{}{month:02}{:02}{}{initials}9{}", r.range(4, 9), r.range(1, 28), r.digits(1), r.letters(2, AZ))
}

/// A British plate of the 2001 format.
pub fn uk_vehicle_registration(r: &mut Rng) -> String {
    const TAG: &[u8] = b"ABCDEFGHJKLMNOPRSTUVWXY";
    let age = if r.chance(0.5) { r.range(2, 25) } else { r.range(51, 75) };
    format!("{}{age:02} {}", r.letters(2, TAG), r.letters(3, b"ABCDEFGHJKLMNOPRSTUVWXYZ"))
}

/// A British postcode.
pub fn uk_postcode(r: &mut Rng) -> String {
    let outward = r.pick(&["NW1", "SW1A", "EC1A", "M1", "B33", "CR2", "DN55", "LS6", "G2", "EH1"]);
    format!("{outward} {}{}", r.digits(1), r.letters(2, b"ABDEFGHJLNPQRSTUWXYZ"))
}

/// A National Provider Identifier: CMS's Luhn over 80840 and the digits.
pub fn us_npi(r: &mut Rng) -> String {
    let body = format!("{}{}", r.range(1, 2), r.digits(8));
    format!("{body}{}", luhn_check(&format!("80840{body}")))
}

/// A Medicare Beneficiary Identifier.
pub fn us_mbi(r: &mut Rng) -> String {
    const A: &[u8] = b"ACDEFGHJKMNPQRTUVWXY";
    const AN: &[u8] = b"ACDEFGHJKMNPQRTUVWXY0123456789";
    let mbi = format!(
        "{}{}{}{}-{}{}{}-{}{}",
        r.range(1, 9),
        r.letters(1, A),
        r.letters(1, AN),
        r.digits(1),
        r.letters(1, A),
        r.letters(1, AN),
        r.digits(1),
        r.letters(2, A),
        r.digits(2)
    );
    if r.chance(0.5) { mbi.replace('-', "") } else { mbi }
}

/// A CLIA laboratory certificate number.
pub fn us_clia(r: &mut Rng) -> String {
    format!("{:02}D{}", r.range(1, 99), r.digits(7))
}

/// A Spanish passport number.
pub fn es_passport(r: &mut Rng) -> String {
    format!("{}{}", r.letters(3, AZ), r.digits(6))
}

/// A Canadian postal code: letters D, F, I, O, Q, U never, W and Z never first.
pub fn ca_postal_code(r: &mut Rng) -> String {
    const FIRST: &[u8] = b"ABCEGHJKLMNPRSTVXY";
    const REST: &[u8] = b"ABCEGHJKLMNPRSTVWXYZ";
    format!(
        "{}{}{} {}{}{}",
        r.letters(1, FIRST),
        r.digits(1),
        r.letters(1, REST),
        r.digits(1),
        r.letters(1, REST),
        r.digits(1)
    )
}

/// A billing note naming one of the numbers of US health insurance
/// paperwork, each in its payer's or pharmacy's own numbering.
pub fn us_billing_note(r: &mut Rng) -> String {
    match r.range(0, 4) {
        0 => format!("claim # {}-{}-{} pended for review", r.pick(&["CLM", "CL"]), r.range(2019, 2026), r.digits(6)),
        1 => format!("Member ID: {}{} verified", r.letters(3, AZ), r.digits(9)),
        2 => format!("refill Rx# {}{} at the counter", r.range(1, 9), r.digits(6)),
        3 => format!("prior authorization number PA{} approved", r.digits(9)),
        _ => format!("referral no. R{} on file", r.digits(8)),
    }
}

/// An Employer Identification Number with a prefix the IRS assigns.
pub fn us_ein(r: &mut Rng) -> String {
    let prefix = r.pick(&["01", "10", "20", "27", "35", "46", "52", "61", "74", "84", "91", "98"]);
    format!("{prefix}-{}", r.digits(7))
}

/// A South African mobile number (06x, 07x, 081-084), national or +27.
pub fn za_mobile(r: &mut Rng) -> String {
    let prefix = r.pick(&["60", "71", "72", "73", "74", "76", "78", "79", "81", "82", "83", "84"]);
    let (a, b) = (r.digits(3), r.digits(4));
    if r.chance(0.5) { format!("0{prefix} {a} {b}") } else { format!("+27 {prefix} {a} {b}") }
}

/// A South African geographic number (area codes 01-05).
pub fn za_telephone(r: &mut Rng) -> String {
    let area = r.pick(&["11", "12", "21", "31", "41", "51"]);
    format!("0{area} {} {}", r.digits(3), r.digits(4))
}
