//! The curated gazetteer: known actors and places with their names, roles and demonyms.
//!
//! Read from Turtle (`ontology/actors.ttl`, plus any `--gazetteer FILE`). Entries with the same
//! IRI merge, so a user file can add aliases to a shipped actor. Matching uses one Aho-Corasick
//! automaton over every surface form; within each kind of form (name, role, demonym) the
//! leftmost-longest valid match wins, so "Russian Foreign Ministry" is one mention, not
//! "Russian" + "Foreign Ministry", while the role "Kremlin Press Secretary" and the name
//! "Kremlin" can both be found in "Kremlin Press Secretary Dmitry Peskov".
//!
//! Case rules: a form without lower-case letters ("US", "CSTO", "U.S.") matches only as
//! written; a form starting with a capital needs a capital in the text; other forms match in
//! any case. Matches must start and end at word boundaries.
//!
//! ```
//! use dossier::lexicon::{Gazetteer, gazetteer::FormKind};
//!
//! let gazetteer = Gazetteer::builtin()?;
//! let text = "The US and the Russian Federation spoke with us.";
//! let names: Vec<&str> = gazetteer
//!     .find(text)
//!     .iter()
//!     .filter(|m| m.form == FormKind::Name)
//!     .map(|m| &text[m.range.clone()])
//!     .collect();
//! assert_eq!(names, ["US", "the Russian Federation"]);
//! # Ok::<(), dossier::lexicon::LexiconError>(())
//! ```

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode, Term};

use super::{LexiconError, Origin};
use crate::vocab;

/// The type of an actor or place, as in the contract (`dos:Person`, ..., `dos:Place`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum ActorKind {
    Person,
    Country,
    GovernmentBody,
    ArmedGroup,
    IntergovernmentalOrganization,
    MilitaryUnit,
    MediaOrganization,
    ThinkTank,
    Group,
    Place,
}

impl ActorKind {
    pub const ALL: [ActorKind; 10] = [
        ActorKind::Person,
        ActorKind::Country,
        ActorKind::GovernmentBody,
        ActorKind::ArmedGroup,
        ActorKind::IntergovernmentalOrganization,
        ActorKind::MilitaryUnit,
        ActorKind::MediaOrganization,
        ActorKind::ThinkTank,
        ActorKind::Group,
        ActorKind::Place,
    ];

    /// The local name of the class in the `dos:` namespace.
    pub fn class_name(self) -> &'static str {
        match self {
            ActorKind::Person => "Person",
            ActorKind::Country => "Country",
            ActorKind::GovernmentBody => "GovernmentBody",
            ActorKind::ArmedGroup => "ArmedGroup",
            ActorKind::IntergovernmentalOrganization => "IntergovernmentalOrganization",
            ActorKind::MilitaryUnit => "MilitaryUnit",
            ActorKind::MediaOrganization => "MediaOrganization",
            ActorKind::ThinkTank => "ThinkTank",
            ActorKind::Group => "Group",
            ActorKind::Place => "Place",
        }
    }

    /// The kind named by a class local name.
    pub fn from_class_name(name: &str) -> Option<ActorKind> {
        ActorKind::ALL.into_iter().find(|k| k.class_name() == name)
    }

    /// Places are not actors.
    pub fn is_actor(self) -> bool {
        self != ActorKind::Place
    }

    /// Organisations and states: things that can act collectively.
    pub fn is_collective(self) -> bool {
        !matches!(self, ActorKind::Person | ActorKind::Place)
    }
}

/// Index of an entry in its [`Gazetteer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryId(pub u32);

/// One actor or place of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    pub iri: String,
    pub kind: ActorKind,
    pub label: String,
    pub aliases: Vec<String>,
    pub demonyms: Vec<String>,
    pub roles: Vec<String>,
    /// For a country: its capital (read metonymically as the country when it acts).
    pub capital: Option<String>,
    /// For a place: the country it lies in.
    pub located_in: Option<String>,
    /// For a person: whom they serve.
    pub affiliation: Option<String>,
    /// For a person: the period in which their roles identify them (`dos:rolesValidFrom`,
    /// `dos:rolesValidUntil`); `None` when the roles hold at any date.
    pub roles_valid: Option<(jiff::civil::Date, jiff::civil::Date)>,
}

/// Which surface form of an entry matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FormKind {
    /// Label or alias.
    Name,
    /// A position held ("Kremlin Press Secretary").
    Role,
    /// An adjective or demonym ("Russian").
    Demonym,
}

/// A gazetteer form found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormMatch {
    pub range: Range<usize>,
    pub entry: EntryId,
    pub form: FormKind,
}

#[derive(Debug, Clone)]
struct Pattern {
    entry: EntryId,
    form: FormKind,
    text: String,
}

/// The set of known actors and the automaton that finds them.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    entries: Vec<ActorEntry>,
    by_iri: HashMap<String, EntryId>,
    patterns: Vec<Pattern>,
    automaton: Option<AhoCorasick>,
    /// The country each entry belongs to, when known (see [`Gazetteer::country_of`]).
    countries: Vec<Option<EntryId>>,
    /// The first country (in entry order) whose capital each place IRI is.
    capitals: HashMap<String, EntryId>,
    /// Entries by the spelling-blind key of each of their names ([`name_key`]); `None` when two
    /// entries share a key.
    keys: HashMap<String, Option<EntryId>>,
}

impl Gazetteer {
    /// The shipped gazetteer: the curated `ontology/actors.ttl`, then the generated world
    /// gazetteer `ontology/world.ttl` (countries, territories, capitals and large cities, regions,
    /// intergovernmental organisations, armed groups; made by `scripts/build_world_gazetteer.py`,
    /// sources in `ontology/SOURCES.md`), whose entries for the same entities carry the curated
    /// IRIs and so merge into them.
    pub fn builtin() -> Result<Gazetteer, LexiconError> {
        let mut gazetteer = Gazetteer::empty();
        gazetteer.add_turtle(include_str!("../../ontology/actors.ttl"), &Origin::Builtin("ontology/actors.ttl"))?;
        gazetteer.add_turtle(include_str!("../../ontology/world.ttl"), &Origin::Builtin("ontology/world.ttl"))?;
        Ok(gazetteer)
    }

    /// A gazetteer without entries.
    pub fn empty() -> Gazetteer {
        Gazetteer {
            entries: Vec::new(),
            by_iri: HashMap::default(),
            patterns: Vec::new(),
            automaton: None,
            countries: Vec::new(),
            capitals: HashMap::default(),
            keys: HashMap::default(),
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry with this id.
    pub fn entry(&self, id: EntryId) -> &ActorEntry {
        &self.entries[id.0 as usize]
    }

    /// All entries with their ids.
    pub fn entries(&self) -> impl Iterator<Item = (EntryId, &ActorEntry)> {
        self.entries.iter().enumerate().map(|(i, e)| (EntryId(i as u32), e))
    }

    /// The entry with this IRI.
    pub fn by_iri(&self, iri: &str) -> Option<EntryId> {
        self.by_iri.get(iri).copied()
    }

    /// The country an entry belongs to: itself for a country; for others the country it is
    /// affiliated with or located in, or whose name or demonym its label carries ("Russian
    /// Foreign Ministry" -> Russia).
    pub fn country_of(&self, id: EntryId) -> Option<EntryId> {
        self.countries.get(id.0 as usize).copied().flatten()
    }

    /// The side an actor speaks for, by IRI: the state of a gazetteer entry that has one (a
    /// minister speaks for their country), else the actor itself. Claims of one side that take
    /// opposite positions contradict each other ([`crate::resolve::positions`]).
    ///
    /// ```
    /// use dossier::lexicon::Gazetteer;
    ///
    /// let gazetteer = Gazetteer::builtin()?;
    /// let russia = gazetteer.entry(gazetteer.by_iri("https://w3id.org/dossier/id/actor/russia").unwrap());
    /// assert_eq!(gazetteer.side_of(&russia.iri), russia.iri);
    /// assert_eq!(gazetteer.side_of("https://w3id.org/dossier/id/actor/someone"), "https://w3id.org/dossier/id/actor/someone");
    /// # Ok::<(), dossier::lexicon::LexiconError>(())
    /// ```
    pub fn side_of(&self, iri: &str) -> String {
        self.by_iri(iri)
            .and_then(|e| self.country_of(e))
            .map(|c| self.entry(c).iri.clone())
            .unwrap_or_else(|| iri.to_string())
    }

    /// The entry of `kind` whose label or an alias starts with `prefix` as whole words
    /// (case-insensitive), the shortest such label first: "Russian military base" finds the
    /// entry with the alias "Russian military base in Tajikistan".
    pub fn find_prefixed(&self, prefix: &str, kinds: &[ActorKind]) -> Option<EntryId> {
        let prefix = prefix.to_lowercase().replace('’', "'");
        let fits = |name: &str| {
            let name = name.to_lowercase().replace('’', "'");
            name == prefix || name.strip_prefix(&prefix).is_some_and(|rest| rest.starts_with(' '))
        };
        self.entries()
            .filter(|(_, e)| kinds.contains(&e.kind))
            .filter(|(_, e)| std::iter::once(&e.label).chain(&e.aliases).any(|n| fits(n)))
            .min_by_key(|(_, e)| e.label.len())
            .map(|(id, _)| id)
    }

    /// The first entry whose capital is the place `place` (an IRI): the country a capital stands
    /// for when it acts ("Moscow hosted the talks").
    pub fn country_with_capital(&self, place: &str) -> Option<EntryId> {
        self.capitals.get(place).copied()
    }

    fn compute_countries(&self) -> Vec<Option<EntryId>> {
        let countries: Vec<(EntryId, Vec<String>)> = self
            .entries()
            .filter(|(_, e)| e.kind == ActorKind::Country)
            .map(|(id, e)| {
                (id, std::iter::once(&e.label).chain(&e.aliases).chain(&e.demonyms).map(|n| n.to_lowercase()).collect())
            })
            .collect();
        let words_contain = |text: &str, name: &str| {
            let text = format!(" {} ", text.to_lowercase().replace(['\'', '’'], " "));
            text.contains(&format!(" {name} "))
        };
        let direct = |entry: &ActorEntry| -> Option<EntryId> {
            if entry.kind == ActorKind::Country {
                return self.by_iri(&entry.iri);
            }
            let linked =
                [&entry.affiliation, &entry.located_in].into_iter().flatten().filter_map(|iri| self.by_iri(iri));
            for id in linked {
                if self.entry(id).kind == ActorKind::Country {
                    return Some(id);
                }
            }
            let own_names = || std::iter::once(&entry.label).chain(&entry.aliases);
            countries
                .iter()
                .find(|(_, names)| own_names().any(|own| names.iter().any(|n| words_contain(own, n))))
                .map(|(id, _)| *id)
        };
        let mut result: Vec<Option<EntryId>> = self.entries.iter().map(direct).collect();
        // One more step through affiliations ("Kabulov" -> Russian Foreign Ministry -> Russia).
        for (index, entry) in self.entries.iter().enumerate() {
            if result[index].is_none() {
                result[index] = [&entry.affiliation, &entry.located_in]
                    .into_iter()
                    .flatten()
                    .filter_map(|iri| self.by_iri(iri))
                    .find_map(|id| result[id.0 as usize]);
            }
        }
        result
    }

    /// The entry one of whose names is spelled like `name`, ignoring case, diacritics, hyphens,
    /// an article, the Arabic article "al"/"el" and doubled letters ("al Shabaab" finds
    /// "Al-Shabab", "Turkiye" finds "Türkiye"); `None` when no entry or several do.
    ///
    /// ```
    /// let gazetteer = dossier::lexicon::Gazetteer::builtin()?;
    /// let russia = gazetteer.find_by_spelling("the Russian Federation").unwrap();
    /// assert_eq!(gazetteer.entry(russia).label, "Russia");
    /// # Ok::<(), dossier::lexicon::LexiconError>(())
    /// ```
    pub fn find_by_spelling(&self, name: &str) -> Option<EntryId> {
        self.keys.get(&name_key(name)).copied().flatten()
    }

    /// The entry with this label or alias (case-insensitive, exact).
    pub fn find_by_name(&self, name: &str) -> Option<EntryId> {
        let wanted = name.trim().to_lowercase();
        self.entries()
            .find(|(_, e)| e.label.to_lowercase() == wanted || e.aliases.iter().any(|a| a.to_lowercase() == wanted))
            .map(|(id, _)| id)
    }

    /// Adds (or merges into existing entries) the actors described in a Turtle text.
    pub fn add_turtle(&mut self, text: &str, origin: &Origin) -> Result<(), LexiconError> {
        let mut subjects: BTreeMap<String, Vec<(String, Term)>> = BTreeMap::new();
        for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes()) {
            let quad = quad.map_err(|e| {
                let (line, column) =
                    e.location().map_or((0, 0), |l| (l.start.line as usize + 1, l.start.column as usize + 1));
                LexiconError::syntax(origin, line, column, e.to_string())
            })?;
            let NamedOrBlankNode::NamedNode(subject) = quad.subject else { continue };
            subjects.entry(subject.into_string()).or_default().push((quad.predicate.into_string(), quad.object));
        }
        for (iri, properties) in subjects {
            let error = |message: String| LexiconError::Entry { origin: origin.clone(), subject: iri.clone(), message };
            let literal = |term: &Term| match term {
                Term::Literal(l) => Some(l.value().trim().to_string()),
                _ => None,
            };
            let node = |term: &Term| match term {
                Term::NamedNode(n) => Some(n.as_str().to_string()),
                _ => None,
            };
            let mut kinds = Vec::new();
            let mut labels = Vec::new();
            let mut entry = ActorEntry {
                iri: iri.clone(),
                kind: ActorKind::Group,
                label: String::new(),
                aliases: Vec::new(),
                demonyms: Vec::new(),
                roles: Vec::new(),
                capital: None,
                located_in: None,
                affiliation: None,
                roles_valid: None,
            };
            let (mut valid_from, mut valid_until) = (None, None);
            for (predicate, object) in &properties {
                match predicate.as_str() {
                    vocab::RDF_TYPE => {
                        if let Some(kind) = node(object)
                            .as_deref()
                            .and_then(|c| c.strip_prefix(vocab::DOS))
                            .and_then(ActorKind::from_class_name)
                        {
                            kinds.push(kind);
                        }
                    }
                    vocab::RDFS_LABEL => labels.extend(literal(object)),
                    vocab::SKOS_ALT_LABEL => entry.aliases.extend(literal(object)),
                    vocab::DOS_DEMONYM => entry.demonyms.extend(literal(object)),
                    vocab::DOS_ROLE_LABEL => entry.roles.extend(literal(object)),
                    vocab::DOS_CAPITAL => entry.capital = node(object),
                    vocab::DOS_LOCATED_IN => entry.located_in = node(object),
                    vocab::DOS_AFFILIATION => entry.affiliation = node(object),
                    vocab::DOS_ROLES_VALID_FROM | vocab::DOS_ROLES_VALID_UNTIL => {
                        let date =
                            literal(object).and_then(|d| d.parse::<jiff::civil::Date>().ok()).ok_or_else(|| {
                                error(format!("{predicate} needs an xsd:date literal (YYYY-MM-DD), found {object}"))
                            })?;
                        if predicate == vocab::DOS_ROLES_VALID_FROM {
                            valid_from = Some(date);
                        } else {
                            valid_until = Some(date);
                        }
                    }
                    _ => {}
                }
            }
            entry.roles_valid = match (valid_from, valid_until) {
                (None, None) => None,
                (from, until) => {
                    Some((from.unwrap_or(jiff::civil::Date::MIN), until.unwrap_or(jiff::civil::Date::MAX)))
                }
            };
            if let Some(existing) = self.by_iri.get(&iri).copied() {
                let target = &mut self.entries[existing.0 as usize];
                merge_unique(&mut target.aliases, labels.into_iter().chain(entry.aliases));
                merge_unique(&mut target.demonyms, entry.demonyms);
                merge_unique(&mut target.roles, entry.roles);
                target.capital = target.capital.take().or(entry.capital);
                target.located_in = target.located_in.take().or(entry.located_in);
                target.affiliation = target.affiliation.take().or(entry.affiliation);
                target.roles_valid = target.roles_valid.take().or(entry.roles_valid);
                continue;
            }
            if kinds.is_empty() && labels.is_empty() {
                continue; // a node the file only points to (e.g. the object of dos:capital)
            }
            let [kind] = kinds[..] else {
                return Err(error(format!(
                    "needs exactly one dossier type (dos:Person, dos:Country, ..., dos:Place), found {}",
                    kinds.len()
                )));
            };
            labels.sort();
            let Some(label) = labels.first().cloned() else {
                return Err(error("needs an rdfs:label".into()));
            };
            entry.kind = kind;
            entry.label = label;
            let extra_labels = labels.into_iter().skip(1);
            let aliases = std::mem::take(&mut entry.aliases);
            merge_unique(&mut entry.aliases, extra_labels.chain(aliases));
            entry.aliases.retain(|a| *a != entry.label);
            self.by_iri.insert(iri.clone(), EntryId(self.entries.len() as u32));
            self.entries.push(entry);
        }
        self.rebuild();
        Ok(())
    }

    fn rebuild(&mut self) {
        let mut patterns = Vec::new();
        for (id, entry) in self.entries() {
            let names = std::iter::once(&entry.label).chain(&entry.aliases).map(|t| (FormKind::Name, t));
            let roles = entry.roles.iter().map(|t| (FormKind::Role, t));
            let demonyms = entry.demonyms.iter().map(|t| (FormKind::Demonym, t));
            for (form, text) in names.chain(roles).chain(demonyms) {
                for variant in apostrophe_variants(text) {
                    patterns.push(Pattern { entry: id, form, text: variant });
                }
            }
        }
        self.countries = self.compute_countries();
        let mut capitals = HashMap::default();
        for (id, entry) in self.entries() {
            if let Some(capital) = &entry.capital {
                capitals.entry(capital.clone()).or_insert(id);
            }
        }
        self.capitals = capitals;
        let mut keys: HashMap<String, Option<EntryId>> = HashMap::default();
        for (id, entry) in self.entries() {
            for name in std::iter::once(&entry.label).chain(&entry.aliases) {
                let key = name_key(name);
                if key.len() < 3 {
                    continue;
                }
                let slot = keys.entry(key).or_insert(Some(id));
                if *slot != Some(id) {
                    *slot = None;
                }
            }
        }
        self.keys = keys;
        self.automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            // A contiguous NFA: 0.3 MB for the shipped thousand forms, where a full DFA takes 6.3 MB
            // (and grows with a user's gazetteer), more than a core's cache holds: the DFA runs
            // fewer instructions but waits on memory (extraction 8% slower on a 512 KB L2).
            // Overlapping search needs the standard match semantics.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(patterns.iter().map(|p| p.text.as_str()))
            .ok();
        self.patterns = patterns;
    }

    /// Every gazetteer form in `text`: within each form kind, leftmost-longest and
    /// non-overlapping; forms of different kinds may overlap. Sorted by start.
    pub fn find(&self, text: &str) -> Vec<FormMatch> {
        let Some(automaton) = &self.automaton else { return Vec::new() };
        let mut candidates: Vec<FormMatch> = automaton
            .find_overlapping_iter(text)
            .filter_map(|m| {
                let pattern = &self.patterns[m.pattern().as_usize()];
                let range = m.range();
                (at_word_boundaries(text, &range) && case_fits(&pattern.text, &text[range.clone()]))
                    .then_some(FormMatch { range, entry: pattern.entry, form: pattern.form })
            })
            .collect();
        candidates.sort_by_key(|m| (m.form, m.range.start, std::cmp::Reverse(m.range.end), m.entry));
        let mut kept: Vec<FormMatch> = Vec::new();
        for candidate in candidates {
            // The matches kept of one form do not overlap and come in order of start, so in
            // order of end too: only the last can reach past this start. (Looking through all
            // of them made a 4 MB document spend 16 times what a 1 MB one did here.)
            let clash = kept.last().is_some_and(|k| k.form == candidate.form && k.range.end > candidate.range.start);
            if !clash {
                kept.push(candidate);
            }
        }
        kept.sort_by_key(|m| (m.range.start, m.form));
        kept
    }
}

fn merge_unique(target: &mut Vec<String>, extra: impl IntoIterator<Item = String>) {
    for item in extra {
        if !target.contains(&item) {
            target.push(item);
        }
    }
}

/// The form as written and, if it has an apostrophe, with the typographic one too.
fn apostrophe_variants(text: &str) -> Vec<String> {
    let mut variants = vec![text.to_string()];
    if text.contains('\'') {
        variants.push(text.replace('\'', "’"));
    } else if text.contains('’') {
        variants.push(text.replace('’', "'"));
    }
    variants
}

fn at_word_boundaries(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let first = text[range.clone()].chars().next();
    let last = text[range.clone()].chars().next_back();
    let joins = |outside: Option<char>, inside: Option<char>| matches!((outside, inside), (Some(o), Some(i)) if o.is_alphanumeric() && i.is_alphanumeric());
    !joins(before, first) && !joins(after, last)
}

fn case_fits(pattern: &str, found: &str) -> bool {
    if !pattern.chars().any(char::is_lowercase) {
        return pattern == found;
    }
    match (pattern.chars().next(), found.chars().next()) {
        (Some(p), Some(f)) if p.is_uppercase() => f.is_uppercase(),
        _ => true,
    }
}

/// A name's key for spelling-blind lookup: lower case, Latin letters without diacritics, no
/// article or "al"/"el" particle, no punctuation or spaces, no doubled letters.
pub fn name_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut words: Vec<String> = Vec::new();
    for raw in lower.split(|c: char| c.is_whitespace() || c == '-' || c == '\'' || c == '’' || c == '.') {
        let word: String = raw.chars().filter_map(fold_letter).collect();
        if word.is_empty() || (words.is_empty() && word == "the") || word == "al" || word == "el" {
            continue;
        }
        words.push(word);
    }
    let mut key = String::new();
    for c in words.concat().chars() {
        if !key.ends_with(c) {
            key.push(c);
        }
    }
    key
}

/// A letter without its diacritic; `None` for anything that is not a letter or digit.
fn fold_letter(c: char) -> Option<char> {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ł' | 'ľ' | 'ĺ' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' | 'ŕ' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c if c.is_alphanumeric() => c,
        _ => return None,
    };
    Some(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
        @prefix dos: <https://w3id.org/dossier/ontology#> .
        @prefix actor: <https://w3id.org/dossier/id/actor/> .
        @prefix place: <https://w3id.org/dossier/id/place/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        actor:russia a dos:Country ; rdfs:label "Russia" ; skos:altLabel "Russian Federation" ; dos:demonym "Russian" ; dos:capital place:moscow .
        actor:russian_mfa a dos:GovernmentBody ; rdfs:label "Russian Foreign Ministry" ; skos:altLabel "Russia's Foreign Ministry" .
        actor:kremlin a dos:GovernmentBody ; rdfs:label "Kremlin" .
        actor:dmitry_peskov a dos:Person ; rdfs:label "Dmitry Peskov" ; skos:altLabel "Peskov" ; dos:roleLabel "Kremlin Press Secretary" .
        actor:united_states a dos:Country ; rdfs:label "United States" ; skos:altLabel "US", "U.S." .
        place:moscow a dos:Place ; rdfs:label "Moscow" ; dos:locatedIn actor:russia .
    "#;

    fn sample() -> Gazetteer {
        let mut g = Gazetteer::empty();
        g.add_turtle(SAMPLE, &Origin::Builtin("sample")).unwrap();
        g
    }

    fn found(g: &Gazetteer, text: &str) -> Vec<(String, FormKind, String)> {
        g.find(text)
            .into_iter()
            .map(|m| (text[m.range.clone()].to_string(), m.form, g.entry(m.entry).label.clone()))
            .collect()
    }

    #[test]
    fn leftmost_longest_within_a_kind_overlap_across_kinds() {
        let g = sample();
        let got = found(&g, "Kremlin Press Secretary Dmitry Peskov said the Russian Foreign Ministry agreed.");
        assert_eq!(
            got,
            [
                ("Kremlin".into(), FormKind::Name, "Kremlin".into()),
                ("Kremlin Press Secretary".into(), FormKind::Role, "Dmitry Peskov".into()),
                ("Dmitry Peskov".into(), FormKind::Name, "Dmitry Peskov".into()),
                ("Russian Foreign Ministry".into(), FormKind::Name, "Russian Foreign Ministry".into()),
                ("Russian".into(), FormKind::Demonym, "Russia".into()),
            ]
        );
    }

    #[test]
    fn case_and_boundaries() {
        let g = sample();
        let names =
            |t: &str| found(&g, t).into_iter().filter(|m| m.1 == FormKind::Name).map(|m| m.0).collect::<Vec<_>>();
        assert_eq!(names("tell us about the US and the U.S. army"), ["US", "U.S."]);
        assert_eq!(names("Russians and Russia’s Foreign Ministry"), ["Russia’s Foreign Ministry"]);
        assert_eq!(names("the moscow-based group in Moscow"), ["Moscow"]);
    }

    #[test]
    fn builtin_finds_world_actors_and_types_them() {
        let g = Gazetteer::builtin().unwrap();
        let text = "Israel and Hamas traded fire as ECOWAS met; Türkiye, the DRC and North Korea \
                    spoke, and Kyiv was shelled. Nigerien and Nigerian troops met in Papua New Guinea.";
        let got = found(&g, text);
        let has = |surface: &str, form: FormKind, label: &str, kind: ActorKind| {
            let hit = got.iter().any(|(s, f, l)| s == surface && *f == form && l == label);
            let id = g.find_by_name(label).or_else(|| g.entries().find(|(_, e)| e.label == label).map(|(i, _)| i));
            assert!(hit, "{surface:?} not found as {label:?} in {got:?}");
            assert_eq!(g.entry(id.unwrap()).kind, kind, "{label}");
        };
        has("Israel", FormKind::Name, "Israel", ActorKind::Country);
        has("Hamas", FormKind::Name, "Hamas", ActorKind::ArmedGroup);
        has("ECOWAS", FormKind::Name, "ECOWAS", ActorKind::IntergovernmentalOrganization);
        has("Türkiye", FormKind::Name, "Turkey", ActorKind::Country);
        has("DRC", FormKind::Name, "Democratic Republic of the Congo", ActorKind::Country);
        has("North Korea", FormKind::Name, "North Korea", ActorKind::Country);
        has("Kyiv", FormKind::Name, "Kyiv", ActorKind::Place);
        has("Nigerien", FormKind::Demonym, "Niger", ActorKind::Country);
        has("Nigerian", FormKind::Demonym, "Nigeria", ActorKind::Country);
        has("Papua New Guinea", FormKind::Name, "Papua New Guinea", ActorKind::Country);
        // Leftmost-longest: no "Guinea" inside "Papua New Guinea", no "Korea" inside "North Korea".
        assert!(!got.iter().any(|(s, _, _)| s == "Guinea" || s == "Korea"), "{got:?}");
        // Curated entries keep their IRIs and absorb the world file's forms.
        let turkey = g.by_iri("https://w3id.org/dossier/id/actor/turkey").unwrap();
        assert_eq!(g.entry(turkey).label, "Turkey");
        assert!(g.entry(turkey).aliases.iter().any(|a| a == "Türkiye"));
        let kyiv = g.find_by_name("Kiev").unwrap();
        let ukraine = g.country_of(kyiv).unwrap();
        assert_eq!(g.entry(ukraine).label, "Ukraine");
        assert_eq!(g.country_with_capital(&g.entry(kyiv).iri), Some(ukraine));
    }

    #[test]
    fn user_files_merge_by_iri_and_errors_are_located() {
        let mut g = sample();
        g.add_turtle(
            "@prefix skos: <http://www.w3.org/2004/02/skos/core#> . <https://w3id.org/dossier/id/actor/russia> skos:altLabel \"RF\" .",
            &Origin::Builtin("extra"),
        )
        .unwrap();
        let russia = g.by_iri("https://w3id.org/dossier/id/actor/russia").unwrap();
        assert!(g.entry(russia).aliases.contains(&"RF".to_string()));
        let error = g
            .add_turtle(
                "@prefix dos: <http://x/#> .\n<http://x/a> dos:b \"unterminated .",
                &Origin::File("mine.ttl".into()),
            )
            .unwrap_err();
        assert!(error.to_string().starts_with("mine.ttl:2:"), "{error}");
        let untyped = g
            .add_turtle(
                "<https://x/a> <http://www.w3.org/2000/01/rdf-schema#label> \"A\" .",
                &Origin::File("mine.ttl".into()),
            )
            .unwrap_err();
        assert!(untyped.to_string().contains("needs exactly one dossier type"), "{untyped}");
    }
}
