//! UUID: RFC 9562 universally unique identifiers in their text form. A UUID
//! identifies a record, not a person, unless something else ties it to
//! one: the recognizer is off unless configuration enables it
//! (`[classify] enabled = ["UUID"]`), as Presidio leaves it out of its
//! defaults.

use super::{Pattern, Recognizer};

pub(super) static UUID: Recognizer = Recognizer {
    name: "uuid",
    country: "global",
    entity: "UUID",
    patterns: &[Pattern {
        name: "uuid",
        score: 0.6,
        regex: r"(?x)\b
            [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-   # time low, time mid
            [1-8][0-9a-fA-F]{3}-             # version 1-8
            [89abAB][0-9a-fA-F]{3}-          # variant 10xx
            [0-9a-fA-F]{12}\b          # node",
    }],
    context: &["uuid", "guid", "id"],
    source: "IETF RFC 9562 section 4 (UUID format, version and variant fields)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::{Classifier, ClassifySettings};

    #[test]
    fn off_unless_enabled() {
        let off = Classifier::new(ClassifySettings::default()).unwrap();
        assert!(off.slot_of("UUID").is_none());
        let settings = ClassifySettings { enabled: vec!["UUID".into()], ..Default::default() };
        let on = Classifier::new(settings).unwrap();
        let slot = on.slot_of("UUID").unwrap();
        let found = |v: &str| on.analyze(v, 1 << slot).first().map(|m| m.text(v).to_owned());
        assert_eq!(
            found("req 123e4567-e89b-12d3-a456-426614174000 ok").as_deref(),
            Some("123e4567-e89b-12d3-a456-426614174000")
        );
        assert_eq!(found("123e4567-e89b-02d3-a456-426614174000"), None, "version 0");
        assert_eq!(found("123e4567-e89b-12d3-c456-426614174000"), None, "variant 110x");
    }
}
