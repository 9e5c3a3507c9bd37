//! BR_CPF: the Brazilian individual taxpayer number (Cadastro de Pessoas
//! Físicas), which Brazilians give for nearly everything: nine digits and
//! two check digits, each a weighted sum modulo 11, written
//! `123.456.789-09` or bare.

use crate::catalog::{Pattern, Recognizer, digits_of, repeated, weighted};

pub(in crate::catalog) static BR_CPF: Recognizer = Recognizer {
    name: "br_cpf",
    country: "BR",
    entity: "BR_CPF",
    patterns: &[
        Pattern { name: "cpf_formatted", score: 0.6, regex: r"(?x)\b\d{3}\.\d{3}\.\d{3}-\d{2}\b   # 123.456.789-09" },
        Pattern {
            name: "cpf_digits",
            score: 0.1,
            regex: r"(?x)\b\d{11}\b   # eleven digits, bare: a column name or a nearby word must say CPF",
        },
    ],
    validator: Some(valid),
    checksum: true,
    context: &["cpf", "cadastro", "contribuinte", "fisica", "física"],
    min_ratio: 0.01,
    source: "Receita Federal do Brasil, CPF check digits (modulo 11, weights 10..2 and 11..2)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    // A check digit over the first `n` digits, weights n+1 down to 2.
    let check = |n: usize| (weighted(&d[..n], &[11, 10, 9, 8, 7, 6, 5, 4, 3, 2][10 - n..]) * 10 % 11 % 10) as u8;
    d.len() == 11 && !repeated(&d) && check(9) == d[9] && check(10) == d[10]
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::BR_CPF,
            &[
                ("529.982.247-25", Some("529.982.247-25")),
                ("CPF 529.982.247-25", Some("529.982.247-25")),
                ("52998224725", Some("52998224725")),
                ("529.982.247-26", None),
                ("111.111.111-11", None),
                ("529.982.247-2", None),
            ],
        );
    }
}
