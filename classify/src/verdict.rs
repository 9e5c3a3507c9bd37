//! Column verdicts: from a column's counts and name to scored findings.
//!
//! A finding's score starts from the mean confidence of its matches (the
//! patterns' scores, which already assume validation passed), then:
//! - a column name naming the entity adds [`CONTEXT_BOOST`] (Presidio's
//!   default context enhancement); one naming something else of the same
//!   shape (a `company_name` is no person's) subtracts it, and so does one
//!   naming a lookalike (`version`, `sku`, `ticket`) when the values are
//!   taken whole (a `ticket` column of free text holds emails all the same);
//! - a column name holding the recognizer's country code (`ph_passport_no`)
//!   adds [`COUNTRY_BONUS`], enough to settle identifiers of the same shape;
//! - coverage adds up to [`COVERAGE_BONUS`], reached when half the values match;
//! - for checksum entities, a column where nearly every candidate passes a
//!   check that random digits pass one time in ten adds [`CHECKSUM_BONUS`],
//!   and a column where most candidates fail is a column of lookalikes
//!   (order numbers) and yields nothing.
//!
//! Finally, when two entities match the same values whole (an NHS number is
//! also a well-formed phone number), only the higher-scoring one is kept.

use super::{Classifier, ColumnState, context};

/// Added when the column name names the entity; subtracted when it names a lookalike.
pub const CONTEXT_BOOST: f64 = 0.35;
/// Added, in proportion, as the share of matching values grows to one half.
pub const COVERAGE_BONUS: f64 = 0.15;
/// Added when nearly every checksum candidate is valid.
pub const CHECKSUM_BONUS: f64 = 0.15;
/// Added when the column name holds the recognizer's country code
/// (`ph_passport_no`): it settles identifiers of the same shape.
pub const COUNTRY_BONUS: f64 = 0.05;
/// Below this share of valid candidates a checksum entity is random digits.
const MIN_VALID_SHARE: f64 = 0.5;

/// One entity found in one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Presidio entity name.
    pub entity: &'static str,
    /// Recognizer that found it.
    pub recognizer: &'static str,
    /// Confidence in [0, 1].
    pub score: f64,
    /// Values with a validated match.
    pub matched: u64,
    /// Of those, values matched whole (not inside longer text).
    pub whole: u64,
    /// Values looked at that were neither null nor blank.
    pub sampled: u64,
    /// `matched / sampled`.
    pub ratio: f64,
    /// Why, in words; never a value.
    pub evidence: String,
    /// Masked examples.
    pub examples: Vec<String>,
}

/// How much evidence a finding needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// A scan's: enough matched values (each recognizer's `min_ratio`, two
    /// values at least) that a stray match does not make a column personal
    /// data.
    Column,
    /// Anonymizing every row (`--full`) or verifying a copy: no floor on
    /// how many values match (one email in a thousand values is still
    /// someone's email). The score threshold stays, and so does the
    /// lookalike test (a column where most checksum candidates fail is not
    /// that entity) for columns of whole values; in free text a valid card
    /// number among failing order numbers is still a card number.
    EveryMatch,
}

/// The findings for a column, strongest first.
pub fn findings(classifier: &Classifier, state: &ColumnState, column: &str, evidence: Evidence) -> Vec<Finding> {
    let informative = state.informative();
    if informative == 0 {
        return Vec::new();
    }
    let tokens = context::tokens(column);
    let lookalike = context::lookalike(&tokens);
    let mut scored: Vec<(usize, Finding)> = Vec::new();
    for (slot, (rec, st)) in classifier.recognizers().iter().zip(&state.entities).enumerate() {
        let def = *rec;
        let Some(base) = st.mean_score() else {
            continue;
        };
        let ratio = st.matched as f64 / informative as f64;
        let valid_share = st.matched as f64 / st.candidates.max(1) as f64;
        let few = ratio < def.min_ratio || (st.matched < 2 && ratio < 0.5);
        // Lookalikes are columns of identifiers that fail the checksum
        // (order numbers); in free text the failing candidates are other
        // numbers beside the real ones, and a copy must not keep those.
        let free_text = 2 * st.whole < st.matched;
        let failing = def.checksum && valid_share < MIN_VALID_SHARE;
        if (few && evidence == Evidence::Column) || (failing && (evidence == Evidence::Column || !free_text)) {
            continue;
        }
        let mut score = base;
        let mut why = Vec::new();
        let best = st.by_pattern.iter().enumerate().max_by_key(|(_, n)| **n).map_or(0, |(i, _)| i);
        why.push(format!(
            "{}/{} values matched pattern {} ({} whole, mean score {base:.2})",
            st.matched, informative, def.patterns[best].name, st.whole
        ));
        if st.nearby > 0 {
            why.push(format!("{} had a context word nearby (+{CONTEXT_BOOST} each)", st.nearby));
        }
        if let Some(word) = context::find(&tokens, def.not_context) {
            score -= CONTEXT_BOOST;
            why.push(format!("column name has '{word}', not {} (-{CONTEXT_BOOST})", def.entity));
        } else if let Some(word) = context::find(&tokens, def.context) {
            score += CONTEXT_BOOST;
            why.push(format!("column name has '{word}' (+{CONTEXT_BOOST})"));
        } else if let Some(word) = lookalike.filter(|_| !free_text) {
            // A `ticket_id` of identifiers is a lookalike; a `ticket` of free
            // text holding email addresses is not.
            score -= CONTEXT_BOOST;
            why.push(format!("column name has '{word}' (-{CONTEXT_BOOST})"));
        }
        if def.country != "global" && tokens.iter().any(|t| t.eq_ignore_ascii_case(def.country)) {
            score += COUNTRY_BONUS;
            why.push(format!("column name names {} (+{COUNTRY_BONUS})", def.country));
        }
        let coverage = COVERAGE_BONUS * (ratio / 0.5).min(1.0);
        score += coverage;
        why.push(format!("coverage {:.1}% (+{coverage:.2})", ratio * 100.0));
        if def.checksum && st.matched >= 5 && valid_share >= 0.9 {
            score += CHECKSUM_BONUS;
            why.push(format!("{:.0}% of candidates pass the checksum (+{CHECKSUM_BONUS})", valid_share * 100.0));
        }
        let score = score.clamp(0.0, 1.0);
        if score < classifier.settings().threshold(def.entity) {
            continue;
        }
        let finding = Finding {
            entity: def.entity,
            recognizer: def.name,
            score: (score * 1000.0).round() / 1000.0,
            matched: st.matched,
            whole: st.whole,
            sampled: informative,
            ratio,
            evidence: why.join("; "),
            examples: st.examples.clone(),
        };
        scored.push((slot, finding));
    }
    let kept: Vec<bool> = scored
        .iter()
        .map(|(slot, f)| {
            !scored.iter().any(|(other, g)| {
                other != slot && g.score > f.score && state.overlap(*slot, *other) as f64 >= 0.8 * f.matched as f64
            })
        })
        .collect();
    let mut out: Vec<Finding> = scored.into_iter().zip(kept).filter_map(|((_, f), keep)| keep.then_some(f)).collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entity.cmp(b.entity)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClassifySettings;

    fn verdict(column: &str, values: &[String]) -> Vec<(&'static str, f64)> {
        let c = Classifier::new(ClassifySettings::default()).unwrap();
        let mut s = c.new_state();
        for v in values {
            c.observe(v, &mut s);
        }
        findings(&c, &s, column, Evidence::Column).into_iter().map(|f| (f.entity, f.score)).collect()
    }

    fn entities(column: &str, values: &[String]) -> Vec<&'static str> {
        verdict(column, values).into_iter().map(|(e, _)| e).collect()
    }

    fn repeat(v: &[&str], n: usize) -> Vec<String> {
        v.iter().cycle().take(n).map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_country_code_in_the_column_name_settles_same_shaped_identifiers() {
        let values = repeat(&["YA1234567", "YB7654321", "YA5550123"], 30);
        assert_eq!(entities("ph_passport_no", &values), ["PH_PASSPORT"]);
        assert_eq!(entities("it_passport_no", &values), ["IT_PASSPORT"]);
    }

    #[test]
    fn dates_in_free_text_are_birth_dates_only_next_to_a_birth_word() {
        let mut with_word = repeat(&["called about the invoice, nothing to add"], 60);
        with_word.extend(repeat(&["patient dob 1985-04-12, allergic to nuts", "new patient, born 03/11/1979"], 40));
        assert_eq!(entities("notes", &with_word), ["DATE_TIME"]);
        let mut without = repeat(&["called about the invoice, nothing to add"], 60);
        without.extend(repeat(&["delivered 2026-04-12, signed at the door", "ticket closed 03/11/2026"], 40));
        assert!(entities("notes", &without).is_empty());
    }

    #[test]
    fn birth_dates_in_us_and_written_forms_under_a_birth_date_column() {
        let values = repeat(&["5-20-2021", "05/21/21", "5-May-2021", "12/31/1990", "1985-04-12"], 50);
        assert_eq!(entities("birth_date", &values), ["DATE_TIME"]);
        assert!(entities("shipped", &values).is_empty());
    }

    #[test]
    fn support_tickets_holding_emails_are_no_lookalikes() {
        // `ticket` names a lookalike for identifiers, not for free text.
        let mut values = repeat(&["printer jammed again, please help"], 90);
        values.extend(repeat(&["reply to jane.doe@example.com when fixed"], 10));
        assert_eq!(entities("ticket", &values), ["EMAIL_ADDRESS"]);
        let ids = repeat(&["4111111111111111", "5555555555554444"], 50);
        assert!(verdict("ticket_no", &ids).iter().all(|(_, s)| *s < verdict("card", &ids)[0].1));
    }

    #[test]
    fn five_percent_emails_in_free_text_is_an_email_column() {
        let mut values = repeat(&["the parcel arrived late, customer unhappy"], 95);
        values.extend(repeat(&["please reply to jane.doe@example.com asap", "cc bob@example.org"], 5));
        assert_eq!(entities("notes", &values), ["EMAIL_ADDRESS"]);
    }

    #[test]
    fn order_numbers_failing_luhn_are_not_cards() {
        let values: Vec<String> = (0..200u64).map(|i| format!("{}", 4_000_000_000_000_000 + i * 7919)).collect();
        assert_eq!(entities("order_no", &values), Vec::<&str>::new());
    }

    #[test]
    fn nhs_numbers_are_not_also_phone_numbers() {
        let values = repeat(&["943 476 5919", "401 023 2137", "450 557 3214"], 60);
        assert_eq!(entities("nhs_number", &values), ["UK_NHS"]);
        assert_eq!(entities("patient_ref", &values), ["UK_NHS"]);
    }

    #[test]
    fn version_strings_are_not_ip_addresses() {
        let values = repeat(&["1.2.3.4", "10.0.12.7", "2.14.0.1"], 50);
        assert_eq!(entities("app_version", &values), Vec::<&str>::new());
        assert_eq!(entities("client_ip", &values), ["IP_ADDRESS"]);
    }

    #[test]
    fn bare_digits_need_a_column_name() {
        let values = repeat(&["2125550143", "3125550199", "4155550100"], 30);
        assert_eq!(entities("phone", &values), ["PHONE_NUMBER"]);
        assert_eq!(entities("amount", &values), Vec::<&str>::new());
    }

    #[test]
    fn scores_stay_in_unit_interval_and_name_raises_them() {
        let values = repeat(&["jane@example.com"], 100);
        let (with, without) = (verdict("email", &values)[0].1, verdict("col7", &values)[0].1);
        assert!(with <= 1.0 && without < with, "{with} {without}");
    }

    #[test]
    fn a_single_match_in_a_large_column_is_noise() {
        let mut values = repeat(&["nothing to see"], 999);
        values.push("jane@example.com".into());
        assert_eq!(entities("notes", &values), Vec::<&str>::new());
    }
}
