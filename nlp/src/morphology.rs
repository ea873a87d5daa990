//! Morphological analyses (`token.morph`), normalized and interned as spaCy's `Morphology` does.
//!
//! spaCy stores a token's analysis as the hash of a normalized UD FEATS string: features sorted as
//! whole `Field=Value` strings (code point order), the values of one field sorted and joined by
//! commas, a repeated field keeping its last value, and `_` for the empty analysis. An unset
//! analysis (hash 0) and the empty one (`_`) both print as `""`. Here a token stores a
//! [`MorphId`], an index into a [`Morphology`] table built once when the model loads.

use std::collections::HashMap;
use std::fmt;

use crate::pos::Pos;

/// The index of an analysis in a [`Morphology`]: a token stores this, not a string.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MorphId(u32);

impl MorphId {
    /// No analysis set (spaCy's key 0; `token.has_morph()` is false).
    pub const UNSET: MorphId = MorphId(0);
    /// The empty analysis (`"_"`, set by e.g. `MORPH: "_"`).
    pub const EMPTY: MorphId = MorphId(1);

    /// The position in the table.
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    /// Whether an analysis (possibly the empty one) is set, as `token.has_morph()`.
    pub const fn is_set(self) -> bool {
        self.0 != 0
    }
}

/// A morphological analysis string that spaCy would refuse (a feature without exactly one `=`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid morphological features {features:?}: {problem}")]
pub struct MorphError {
    /// The string given.
    pub features: String,
    /// What is wrong with it.
    pub problem: &'static str,
}

/// One normalized analysis: its FEATS string and its features by field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MorphAnalysis {
    /// The normalized string as spaCy stores it: `"_"` when empty, `""` when unset.
    key: Box<str>,
    /// (field, values joined by commas), sorted as in `key`.
    fields: Box<[(Box<str>, Box<str>)]>,
}

impl MorphAnalysis {
    fn unset() -> Self {
        MorphAnalysis { key: "".into(), fields: Box::new([]) }
    }

    fn empty() -> Self {
        MorphAnalysis { key: EMPTY_MORPH.into(), fields: Box::new([]) }
    }

    /// Normalizes a UD FEATS string as `Morphology.add` does (`""` and `"_"` give the empty
    /// analysis).
    ///
    /// ```
    /// use dossier_nlp::morphology::MorphAnalysis;
    /// let m = MorphAnalysis::parse("VerbForm=Fin|Mood=Ind|PronType=Rel,Dem").unwrap();
    /// assert_eq!(m.to_string(), "Mood=Ind|PronType=Dem,Rel|VerbForm=Fin");
    /// assert_eq!(m.get("PronType"), Some("Dem,Rel"));
    /// assert_eq!(m.values("PronType").collect::<Vec<_>>(), ["Dem", "Rel"]);
    /// assert_eq!(MorphAnalysis::parse("_").unwrap().to_string(), "");
    /// ```
    pub fn parse(features: &str) -> Result<MorphAnalysis, MorphError> {
        if features.is_empty() || features == EMPTY_MORPH {
            return Ok(MorphAnalysis::empty());
        }
        let err = |problem| MorphError { features: features.to_string(), problem };
        // feats_to_dict: a dict, so a repeated field keeps its last value but its first position
        // (the order does not matter: the result is sorted).
        let mut fields: Vec<(String, String)> = Vec::new();
        for feat in features.split('|') {
            let mut parts = feat.split('=');
            let (Some(field), Some(values), None) = (parts.next(), parts.next(), parts.next()) else {
                return Err(err("each feature must be Field=Value"));
            };
            let mut values: Vec<&str> = values.split(',').collect();
            values.sort_unstable();
            let mut field = field.to_string();
            let mut joined = values.join(",");
            // normalize_attrs: a POS field takes the POS id, written back as its name.
            if field.to_uppercase() == "POS" {
                field = "POS".to_string();
                let upper = joined.to_uppercase();
                if upper.parse::<Pos>().is_ok() {
                    joined = upper;
                }
            }
            match fields.iter_mut().find(|(f, _)| *f == field) {
                Some(slot) => slot.1 = joined,
                None => fields.push((field, joined)),
            }
        }
        let mut pairs: Vec<String> = fields.iter().map(|(f, v)| format!("{f}={v}")).collect();
        pairs.sort_unstable();
        fields.sort_unstable_by(|a, b| format!("{}={}", a.0, a.1).cmp(&format!("{}={}", b.0, b.1)));
        let key = pairs.join("|");
        Ok(MorphAnalysis {
            key: key.into(),
            fields: fields.into_iter().map(|(f, v)| (f.into_boxed_str(), v.into_boxed_str())).collect(),
        })
    }

    /// The normalized FEATS string as spaCy stores it (`vocab.strings[morph.key]`): `"_"` for the
    /// empty analysis, `""` for an unset one. [`fmt::Display`] gives `str(token.morph)` instead.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The values of a field joined by commas, as in `token.morph.to_dict()`: `get("VerbForm")`.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.fields.iter().find(|(f, _)| &**f == field).map(|(_, v)| &**v)
    }

    /// The values of a field one by one, as `token.morph.get(field)` lists them.
    pub fn values<'s>(&'s self, field: &str) -> impl Iterator<Item = &'s str> + 's {
        self.get(field).into_iter().flat_map(|v| v.split(','))
    }

    /// The (field, comma-joined values) pairs, in normalized order.
    pub fn fields(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields.iter().map(|(f, v)| (&**f, &**v))
    }

    /// The number of `Field=Value` features, a field with several values counting each (`len(morph)`).
    pub fn len(&self) -> usize {
        self.fields.iter().map(|(_, v)| v.split(',').count()).sum()
    }

    /// Whether the analysis has no feature (empty or unset).
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

const EMPTY_MORPH: &str = "_";

impl fmt::Display for MorphAnalysis {
    /// `str(token.morph)`: the normalized string, or `""` when empty or unset.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if &*self.key == EMPTY_MORPH {
            Ok(())
        } else {
            f.write_str(&self.key)
        }
    }
}

/// The table of analyses a model uses. Built once at load, then read-only (`Send + Sync`).
///
/// ```
/// use dossier_nlp::morphology::{MorphId, Morphology};
/// let mut table = Morphology::new();
/// let id = table.add("Number=Sing|Case=Nom").unwrap();
/// assert_eq!(table.add("Case=Nom|Number=Sing").unwrap(), id);
/// assert_eq!(table.get(id).to_string(), "Case=Nom|Number=Sing");
/// assert_eq!(table.add("_").unwrap(), MorphId::EMPTY);
/// assert_eq!(table.get(MorphId::UNSET).to_string(), "");
/// ```
#[derive(Clone, Debug)]
pub struct Morphology {
    analyses: Vec<MorphAnalysis>,
    by_key: HashMap<Box<str>, MorphId>,
}

impl Default for Morphology {
    fn default() -> Self {
        Self::new()
    }
}

impl Morphology {
    /// A table holding only [`MorphId::UNSET`] and [`MorphId::EMPTY`].
    pub fn new() -> Self {
        let mut by_key = HashMap::new();
        by_key.insert(EMPTY_MORPH.into(), MorphId::EMPTY);
        Morphology { analyses: vec![MorphAnalysis::unset(), MorphAnalysis::empty()], by_key }
    }

    /// Normalizes a FEATS string and returns its id, adding it if new.
    pub fn add(&mut self, features: &str) -> Result<MorphId, MorphError> {
        if let Some(&id) = self.by_key.get(features) {
            return Ok(id);
        }
        let analysis = MorphAnalysis::parse(features)?;
        if let Some(&id) = self.by_key.get(analysis.key()) {
            return Ok(id);
        }
        let id = MorphId(
            u32::try_from(self.analyses.len())
                .map_err(|_| MorphError { features: features.to_string(), problem: "too many analyses" })?,
        );
        self.by_key.insert(analysis.key.clone(), id);
        self.analyses.push(analysis);
        Ok(id)
    }

    /// The id of a FEATS string (normalized first) if the table has it.
    pub fn id(&self, features: &str) -> Option<MorphId> {
        if let Some(&id) = self.by_key.get(features) {
            return Some(id);
        }
        let analysis = MorphAnalysis::parse(features).ok()?;
        self.by_key.get(analysis.key()).copied()
    }

    /// The analysis of an id; an id from another table gives the unset analysis, as spaCy does
    /// for an unknown key.
    pub fn get(&self, id: MorphId) -> &MorphAnalysis {
        self.analyses.get(id.index()).unwrap_or(&self.analyses[0])
    }

    /// The number of analyses, the unset and empty ones included.
    pub fn len(&self) -> usize {
        self.analyses.len()
    }

    /// Always false: the table holds at least the unset and empty analyses.
    pub fn is_empty(&self) -> bool {
        self.analyses.is_empty()
    }

    /// Every (id, analysis), in id order.
    pub fn iter(&self) -> impl Iterator<Item = (MorphId, &MorphAnalysis)> {
        self.analyses.iter().enumerate().map(|(i, a)| (MorphId(i as u32), a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_matches_spacy() {
        let cases = [
            ("", "_", ""),
            ("_", "_", ""),
            ("PunctType=Peri", "PunctType=Peri", "PunctType=Peri"),
            ("VerbForm=Fin|Tense=Pres", "Tense=Pres|VerbForm=Fin", "Tense=Pres|VerbForm=Fin"),
            // Sorted as whole strings: "NumType" < "Number" ('T' < 'b').
            ("Number=Sing|NumType=Card", "NumType=Card|Number=Sing", "NumType=Card|Number=Sing"),
            ("PronType=Rel,Dem|Case=Nom", "Case=Nom|PronType=Dem,Rel", "Case=Nom|PronType=Dem,Rel"),
            ("Number=Sing|Number=Plur", "Number=Plur", "Number=Plur"),
            ("pos=noun|Number=Sing", "Number=Sing|POS=NOUN", "Number=Sing|POS=NOUN"),
        ];
        for (input, key, shown) in cases {
            let m = MorphAnalysis::parse(input).unwrap();
            assert_eq!(m.key(), key, "{input}");
            assert_eq!(m.to_string(), shown, "{input}");
        }
        assert!(MorphAnalysis::parse("Number").is_err());
        assert!(MorphAnalysis::parse("A=b=c").is_err());
    }

    #[test]
    fn lookups() {
        let m = MorphAnalysis::parse("Case=Nom|Number=Sing|Person=1|PronType=Prs").unwrap();
        assert_eq!(m.get("Person"), Some("1"));
        assert_eq!(m.get("Tense"), None);
        assert_eq!(m.len(), 4);
        assert_eq!(MorphAnalysis::parse("A=x,y").unwrap().len(), 2);
    }

    #[test]
    fn interning() {
        let mut t = Morphology::new();
        assert_eq!(t.add("").unwrap(), MorphId::EMPTY);
        let a = t.add("Degree=Pos").unwrap();
        assert_eq!(a.index(), 2);
        assert_eq!(t.id("Degree=Pos"), Some(a));
        assert_eq!(t.id("Degree=Cmp"), None);
        assert_eq!(t.get(MorphId(99)).key(), "");
        assert!(!MorphId::UNSET.is_set() && MorphId::EMPTY.is_set());
    }
}
