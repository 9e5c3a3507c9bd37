//! What a recognizer is: patterns with their scores, a validator, context
//! words, the specification it follows; and the defaults each recognizer's
//! file leaves out.

/// One regular expression of a recognizer and the confidence a match of it
/// alone deserves (before validation and context).
#[derive(Debug)]
pub struct Pattern {
    /// Short name shown in evidence (`nanp_formatted`).
    pub name: &'static str,
    /// The expression, written in `(?x)` mode with a comment per part.
    pub regex: &'static str,
    /// Confidence of a single match, in [0, 1].
    pub score: f64,
}

/// How a recognizer finds its candidates, for `recognizers list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Regular expressions (then the validator, if any).
    Pattern,
    /// Regular expressions for the shape, bundled dictionaries for the words.
    Dictionary,
    /// A list of exact words.
    DenyList,
}

impl Method {
    /// The name shown in listings.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Pattern => "pattern",
            Method::Dictionary => "dictionary",
            Method::DenyList => "deny list",
        }
    }
}

/// Finds the part of a candidate that is the entity (see [`Recognizer::narrow`]).
pub type Narrow = fn(&str) -> Option<std::ops::Range<usize>>;

/// A recognizer: how one entity type is found in a value.
#[derive(Debug)]
pub struct Recognizer {
    /// Unique name (`credit_card`).
    pub name: &'static str,
    /// Country whose identifier it is (ISO 3166 alpha-2, `UK` as Presidio
    /// writes it), or `global`.
    pub country: &'static str,
    /// Presidio entity name (`CREDIT_CARD`).
    pub entity: &'static str,
    /// How candidates are found.
    pub method: Method,
    /// Patterns that propose candidates; the strongest match wins.
    pub patterns: &'static [Pattern],
    /// Checks a candidate (checksum, ranges, structure); a candidate that fails
    /// is no match. `None` when the pattern is the whole definition.
    pub validator: Option<fn(&str) -> bool>,
    /// For a candidate inside longer text, in place of the validator: the
    /// part of it that is the entity, all of it or none (a name inside a
    /// run of capitalised words: `Kenji Watanabe` of `Customer Kenji
    /// Watanabe`). It must take a candidate whole exactly when the
    /// validator accepts it (a test holds PERSON to that). `None`: the
    /// validator takes a candidate or leaves it.
    pub narrow: Option<Narrow>,
    /// Whether the validator is a checksum that random digits pass only
    /// rarely. For such entities a column where most candidates fail is a
    /// column of lookalikes (order numbers), and is not reported.
    pub checksum: bool,
    /// Whether its entity is a credential (a password, an API key): `mask`
    /// keeps none of its characters, since every character kept is one an
    /// attacker no longer has to guess.
    pub secret: bool,
    /// Words that, found in a column name, raise confidence.
    pub context: &'static [&'static str],
    /// Words that, found in a column name, say its values are something else
    /// that shares the shape (`company_name` holds no person's name): they
    /// cancel the context words and lower confidence.
    pub not_context: &'static [&'static str],
    /// Share of non-null values that must match before a column is reported.
    pub min_ratio: f64,
    /// The public specification the recognizer follows.
    pub source: &'static str,
}

impl Recognizer {
    /// What a recognizer is unless its file says otherwise: patterns alone
    /// (no validator, no narrowing, no checksum), no words against it, and
    /// reported from 5 % of a column's values. A recognizer's file holds
    /// only what is particular to it, then `..Recognizer::DEFAULT`.
    pub const DEFAULT: Recognizer = Recognizer {
        name: "",
        country: "global",
        entity: "",
        method: Method::Pattern,
        patterns: &[],
        validator: None,
        narrow: None,
        checksum: false,
        secret: false,
        context: &[],
        not_context: &[],
        min_ratio: 0.05,
        source: "",
    };
}
