//! Swedish identifiers. Both are ten digits closed by a Luhn check digit;
//! the middle pair tells them apart: a birth month (01-12) in a
//! personnummer, 20 or more in an organisationsnummer.

pub(super) mod organisationsnummer;
pub(super) mod passport;
pub(super) mod personnummer;
