//! Universal part-of-speech tags (`token.pos_`), as spaCy's `parts_of_speech` defines them.

use std::fmt;
use std::str::FromStr;

/// A coarse part-of-speech tag. [`Pos::NoTag`] is spaCy's unset value (`pos_ == ""`).
///
/// ```
/// use dossier_nlp::pos::Pos;
/// let pos: Pos = "PROPN".parse().unwrap();
/// assert_eq!(pos, Pos::Propn);
/// assert_eq!(pos.as_str(), "PROPN");
/// assert_eq!(pos.spacy_id(), 96);
/// assert_eq!(Pos::default().as_str(), "");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Pos {
    /// Not set (`""`).
    #[default]
    NoTag = 0,
    /// Adjective.
    Adj,
    /// Adposition.
    Adp,
    /// Adverb.
    Adv,
    /// Auxiliary.
    Aux,
    /// Conjunction (Universal Dependencies v1; kept for compatibility).
    Conj,
    /// Coordinating conjunction.
    Cconj,
    /// Determiner.
    Det,
    /// Interjection.
    Intj,
    /// Noun.
    Noun,
    /// Numeral.
    Num,
    /// Particle.
    Part,
    /// Pronoun.
    Pron,
    /// Proper noun.
    Propn,
    /// Punctuation.
    Punct,
    /// Subordinating conjunction.
    Sconj,
    /// Symbol.
    Sym,
    /// Verb.
    Verb,
    /// Other.
    X,
    /// End of line.
    Eol,
    /// Whitespace.
    Space,
}

impl Pos {
    /// Every value, in spaCy's order (by symbol id).
    pub const ALL: [Pos; 21] = [
        Pos::NoTag,
        Pos::Adj,
        Pos::Adp,
        Pos::Adv,
        Pos::Aux,
        Pos::Conj,
        Pos::Cconj,
        Pos::Det,
        Pos::Intj,
        Pos::Noun,
        Pos::Num,
        Pos::Part,
        Pos::Pron,
        Pos::Propn,
        Pos::Punct,
        Pos::Sconj,
        Pos::Sym,
        Pos::Verb,
        Pos::X,
        Pos::Eol,
        Pos::Space,
    ];

    /// The name spaCy gives (`token.pos_`): `"ADJ"`, …, `"SPACE"`, or `""` when unset.
    pub const fn as_str(self) -> &'static str {
        match self {
            Pos::NoTag => "",
            Pos::Adj => "ADJ",
            Pos::Adp => "ADP",
            Pos::Adv => "ADV",
            Pos::Aux => "AUX",
            Pos::Conj => "CONJ",
            Pos::Cconj => "CCONJ",
            Pos::Det => "DET",
            Pos::Intj => "INTJ",
            Pos::Noun => "NOUN",
            Pos::Num => "NUM",
            Pos::Part => "PART",
            Pos::Pron => "PRON",
            Pos::Propn => "PROPN",
            Pos::Punct => "PUNCT",
            Pos::Sconj => "SCONJ",
            Pos::Sym => "SYM",
            Pos::Verb => "VERB",
            Pos::X => "X",
            Pos::Eol => "EOL",
            Pos::Space => "SPACE",
        }
    }

    /// The lowercase name, as the lemmatizer's tables are keyed (`token.pos_.lower()`).
    pub const fn as_lower_str(self) -> &'static str {
        match self {
            Pos::NoTag => "",
            Pos::Adj => "adj",
            Pos::Adp => "adp",
            Pos::Adv => "adv",
            Pos::Aux => "aux",
            Pos::Conj => "conj",
            Pos::Cconj => "cconj",
            Pos::Det => "det",
            Pos::Intj => "intj",
            Pos::Noun => "noun",
            Pos::Num => "num",
            Pos::Part => "part",
            Pos::Pron => "pron",
            Pos::Propn => "propn",
            Pos::Punct => "punct",
            Pos::Sconj => "sconj",
            Pos::Sym => "sym",
            Pos::Verb => "verb",
            Pos::X => "x",
            Pos::Eol => "eol",
            Pos::Space => "space",
        }
    }

    /// spaCy's integer value (`token.pos`): 0 when unset, else the symbol id (ADJ = 84 … SPACE = 103).
    pub const fn spacy_id(self) -> u64 {
        match self {
            Pos::NoTag => 0,
            other => 83 + other as u64,
        }
    }

    /// A dense index in `0..21` (the order of [`Pos::ALL`]), for tables indexed by POS.
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not one of spaCy's POS names (spaCy's error E1021).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a universal part of speech: {0:?}")]
pub struct UnknownPos(pub String);

impl FromStr for Pos {
    type Err = UnknownPos;

    /// Parses exactly the names spaCy accepts for `token.pos_` (uppercase, or `""` for unset).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Pos::ALL.iter().copied().find(|p| p.as_str() == s).ok_or_else(|| UnknownPos(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_ids() {
        for (i, pos) in Pos::ALL.iter().enumerate() {
            assert_eq!(pos.index(), i);
            assert_eq!(pos.as_str().parse::<Pos>(), Ok(*pos));
            assert_eq!(pos.as_lower_str(), pos.as_str().to_lowercase());
        }
        assert_eq!(Pos::Adj.spacy_id(), 84);
        assert_eq!(Pos::Space.spacy_id(), 103);
        assert!("adj".parse::<Pos>().is_err());
        assert!("NOUNS".parse::<Pos>().is_err());
    }
}
