#!/usr/bin/env python3
"""Converts the CAMEO verb dictionary of PETRARCH-2 into `events.tsv` rows, typed by PLOVER.

    python3 scripts/cameo_to_events.py [--synonyms] CAMEO.2.0.txt CAMEO2PLOVER-2021.txt > ontology/events_cameo.tsv

Inputs (not shipped with dossier; see ontology/SOURCES.md for where they come from):
- CAMEO.2.0.txt: PETRARCH-2's verb dictionary (openeventdata/petrarch2, MIT): synonym sets
  (`&NAME` + `+word` lines), then verb blocks (`--- NAME [CODE] ---`, verb lines, and patterns
  `- PRE * POST [CODE] # VERB`).
- CAMEO2PLOVER-2021.txt: the PLOVER project's crosswalk (openeventdata/PLOVER, CC BY-SA 4.0),
  `CODE: TYPE, MODE, CONTEXT # text`.

What is converted (a verb without a pattern takes its own code; the block's code holds for the verb
the block is named after, not its synonyms, which PETRARCH also codes; a pattern holds
for the verb its comment names, where it was found, not for the whole synonym block as PETRARCH
reads it: the blocks are broad WordNet sets, "meditate paratroopers" would be THREATEN; the option
--synonyms gives PETRARCH's reading):
- isolated verbs with a code: `VERB` rows;
- patterns after the verb: object words and braced noun phrases (`{FINANCIAL AID}`, head last),
  prepositional phrases (`(TO BORDER)`), synonym sets (expanded), and a bare or open preposition
  (`(TO)`, `(FROM +)`, `(AGAINST ^)`) that introduces the other party (it must end the pattern);
- multi-word verbs whose verb comes first (`+BEEF_UP`).

What is dropped (counted on stderr):
- null codes (`---`) and codes whose first part is empty (`[:173]`: only the target acts);
- CAMEO 01 (public statements): PLOVER drops it;
- patterns with words before the verb (`&MILITARY *`: subject constraints the tree forms cannot
  state), with source markers (`$`, `%`), or with a bare preposition not at the end;
- verbs whose verb word comes last (`WIRE_+TAP`), and forms the crosswalk has no type for.

Mapping: the longest code prefix found in the crosswalk gives the PLOVER type and mode (`[042:043]`
takes its first code). One documented exception: CAMEO 02 (APPEAL), which the crosswalk drops, is
read as REQUEST (PLOVER: "all requests, demands, and orders"; dossier's conventions count appeals
and proposals as REQUEST), mode `appeal`.
"""

import hashlib
import itertools
import re
import sys
from collections import Counter, OrderedDict

# The inputs this file was made from (ontology/SOURCES.md): another version converts, with a warning.
PINNED = {
    "CAMEO.2.0.txt": "4a442ee42f7574651ec1c594f127353cdffbf18fa97b207ad5d8298a3cfaa08f",
    "CAMEO2PLOVER-2021.txt": "524512a777756e90f6721724d7c5cab4eac2c35178a50ad2ad09bdb3edefbe7e",
}

MAX_EXPANSIONS = 40  # forms per pattern once synonym sets are expanded

# Words that end a form as the preposition introducing the other party (src/lexicon/frames.rs).
PREPOSITIONS = {
    "with", "to", "on", "against", "between", "from", "of", "into", "for", "in", "by", "upon", "at", "over",
    "about", "toward", "towards", "among", "onto", "across", "through", "within",
}


def read_crosswalk(path):
    table = {}
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^(\d+):\s*(.*)$", line)
        if not m:
            continue
        code, rest = m.group(1), m.group(2)
        fields = [f.strip() for f in rest.split(",")]
        if len(fields) == 1:  # a cue category heading: "04: CONSULT"
            table.setdefault(code, (fields[0], ""))
            continue
        table[code] = (fields[0], fields[1].replace(" ", ""))
    return table


def plover(code, table):
    """(TYPE, MODE) of a CAMEO code, or a reason it has none."""
    if code.startswith("01"):
        return None, "CAMEO 01 (statements), dropped by PLOVER"
    if code.startswith("02"):
        return ("REQUEST", "appeal"), None
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            typ, mode = table[code[:n]]
            if typ not in PLOVER_TYPES:
                return None, f"crosswalk type {typ}"
            return (typ, mode), None
    return None, "code not in the crosswalk"


PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}


def words_of(phrase):
    """A synonym-set phrase or dictionary word as lower-case words ("ARMED_FORCES_")."""
    return [w for w in phrase.strip("_").lower().replace("_", " ").split() if w]


def read(path):
    synsets = {}
    blocks = []  # (verbs: [(words, code)], patterns: [(text, code)])
    section = None
    current_set = None
    block = None
    for raw in open(path, encoding="latin-1"):
        line = raw.rstrip("\n")
        if line.startswith("#######"):
            section = "synsets" if "SYNONYM" in line else "verbs" if "VERB PATTERNS" in line else "other"
            continue
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        if section == "synsets":
            if body.startswith("&"):
                current_set = body.strip()
                synsets[current_set] = []
            elif body.startswith("+") and current_set:
                synsets[current_set].append(words_of(body[1:]))
        elif section == "verbs":
            m = re.match(r"^---\s+(.*?)\s+\[([^\]]*)\]\s+---", body)
            if m:
                block = {"name": m.group(1).strip().lower(), "code": m.group(2).strip(), "verbs": [], "patterns": []}
                blocks.append(block)
                continue
            if block is None:
                continue
            if body.startswith("-"):
                m = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]", body)
                if m:
                    origin = re.search(r"#\s*([A-Z][A-Z_+'-]*)", line)
                    block["patterns"].append((m.group(1), m.group(2).strip(), origin and origin.group(1)))
                continue
            # A verb line: VERB {IRREGULAR FORMS} [CODE]
            code = None
            m = re.search(r"\[([^\]]*)\]", body)
            if m:
                code = m.group(1).strip()
            verb = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", body).split()
            if verb:
                block["verbs"].append((verb[0], code))
    return synsets, blocks


def verb_words(entry):
    """Lower-case words of a verb entry with the verb first, or None (verb not first)."""
    if "_" not in entry:
        return [entry.lower().lstrip("+")]
    parts = entry.split("_")
    if not parts[0].startswith("+"):
        return None
    return [p.lower().lstrip("+") for p in parts if p]


def tokens(pattern):
    """Splits a pattern's text into items: words, {phrases}, (prepositional phrases), markers."""
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c.isspace():
            i += 1
        elif c in "{(":
            close = "}" if c == "{" else ")"
            j = pattern.find(close, i)
            if j < 0:
                return None
            out.append(pattern[i : j + 1])
            i = j + 1
        else:
            j = i
            while j < len(pattern) and not pattern[j].isspace() and pattern[j] not in "{(":
                j += 1
            out.append(pattern[i:j])
            i = j
    return out


def expand_word(word, synsets):
    """Alternatives (lists of words) for one pattern word: a synonym set or the word."""
    if word.startswith("&"):
        return synsets.get(word.rstrip("_"), synsets.get(word))
    return [words_of(word)]


def phrase_alternatives(item, synsets):
    """Alternatives for a word or a braced phrase (a list of alternatives for each word)."""
    inner = item[1:-1] if item.startswith("{") else item
    parts = inner.split()
    alts = []
    for p in parts:
        a = expand_word(p, synsets)
        if a is None:
            return None
        alts.append(a)
    return [sum(combo, []) for combo in itertools.product(*alts)]


def convert_pattern(text, synsets):
    """(list of word lists after the verb, final preposition or None) or a reason to drop it."""
    if "*" not in text:
        return None, "no verb position"
    pre, post = text.split("*", 1)
    if pre.strip():
        return None, "words before the verb (subject constraint)"
    items = tokens(post.strip())
    if items is None:
        return None, "unbalanced brackets"
    if any(i in ("$", "%") or i.startswith("$") for i in items):
        return None, "source marker ($, %)"
    items = [i for i in items if i not in ("+", "^", "_")]
    pieces = []  # list of alternatives (each a list of words)
    prep = None
    for n, item in enumerate(items):
        if item.startswith("("):
            inner = [w for w in item[1:-1].split() if w not in ("+", "^", "$", "%")]
            if any(w.startswith("$") or w.startswith("%") for w in item[1:-1].split()):
                return None, "source marker ($, %)"
            if not inner:
                return None, "empty prepositional phrase"
            p = inner[0].lower()
            if len(inner) == 1:
                if n != len(items) - 1:
                    return None, "bare preposition not at the end"
                prep = p
                continue
            rest = " ".join(inner[1:])
            alts = phrase_alternatives("{" + rest + "}" if not rest.startswith("{") else rest, synsets)
            if alts is None:
                return None, "unknown synonym set"
            pieces.append([[p] + a for a in alts])
        else:
            if item.startswith("*") or item.startswith(")"):
                return None, "unreadable item"
            alts = phrase_alternatives(item, synsets)
            if alts is None:
                return None, "unknown synonym set"
            pieces.append(alts)
    combos = []
    for combo in itertools.product(*pieces) if pieces else [()]:
        combos.append(sum(combo, []))
        if len(combos) > MAX_EXPANSIONS:
            return None, f"more than {MAX_EXPANSIONS} forms once synonym sets are expanded"
    return (combos, prep), None


def pattern_verbs(origin, verbs, synonyms):
    """The verbs a pattern holds for: the verb its comment names (where the pattern was found),
    or, with --synonyms or when the comment names no verb of the block, every verb of the block
    (PETRARCH's reading)."""
    every = [vw for vw, _ in verbs]
    if synonyms or not origin:
        return every
    words = [w for w in origin.lower().replace("+", "").split("_") if w]
    for vw in every:
        if vw == words:
            return [vw]
    # An inflected origin ("RULED_OUT" for "RULE_OUT", "THREW" for "THROW"): same particles and
    # a shared stem.
    for vw in every:
        if vw[1:] == words[1:] and len(vw[0]) >= 3 and words[0][:3] == vw[0][:3]:
            if words[0].startswith(vw[0].rstrip("e")) or vw[0].startswith(words[0][: len(vw[0]) - 1]):
                return [vw]
    return every


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    synonyms = "--synonyms" in sys.argv
    cameo, crosswalk = args[0], args[1]
    for path, name in ((cameo, "CAMEO.2.0.txt"), (crosswalk, "CAMEO2PLOVER-2021.txt")):
        digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
        if digest != PINNED[name]:
            print(f"warning: {path} is not the pinned {name} (sha256 {digest})", file=sys.stderr)
    table = read_crosswalk(crosswalk)
    synsets, blocks = read(cameo)
    rows = OrderedDict()
    dropped = Counter()
    patterns_in = 0
    for block in blocks:
        verbs = []
        for entry, code in block["verbs"]:
            vw = verb_words(entry)
            if vw is None:
                dropped["verb word not first (WIRE_+TAP)"] += 1
                continue
            verbs.append((vw, code))
        for vw, code in verbs:
            if code is None and not synonyms and "_".join(vw) != block["name"]:
                # The block's code is the isolated reading of the verb the block is named after;
                # its WordNet synonyms ("GO_SOMEWHERE [040]": go, leave, travel, tour) state an
                # event only with a code of their own.
                dropped["isolated synonym without a code of its own"] += 1
                continue
            code = code if code is not None else block["code"]
            first = code.split(":")[0].strip()
            if not first or first == "---":
                continue  # an isolated verb that states no event
            typed, why = plover(first, table)
            if typed is None:
                dropped["isolated verb: " + why] += 1
                continue
            form = " ".join(vw)
            rows.setdefault((form, typed[0]), typed[1])
        for text, code, origin in block["patterns"]:
            patterns_in += 1
            first = code.split(":")[0].strip()
            if first == "---":
                dropped["null code (---)"] += 1
                continue
            if not first:
                dropped["first code empty ([:173], target acts)"] += 1
                continue
            typed, why = plover(first, table)
            if typed is None:
                dropped[why] += 1
                continue
            converted, why = convert_pattern(text, synsets)
            if converted is None:
                dropped[why] += 1
                continue
            combos, prep = converted
            for vw in pattern_verbs(origin, verbs, synonyms):
                for words in combos:
                    form = vw + words + ([prep] if prep else [])
                    # A form whose last content word reads as a preposition would lose it.
                    if not prep and len(form) > 1 and form[-1] in PREPOSITIONS and len(words) > 0:
                        pass
                    rows.setdefault((" ".join(form), typed[0]), typed[1])
    # One type per form: the first (the dictionary's own order) wins.
    seen = {}
    for (form, typ), mode in rows.items():
        if form not in seen:
            seen[form] = (typ, mode)
    print("# Event triggers converted from the CAMEO verb dictionary of PETRARCH-2 (MIT) with the PLOVER")
    print("# crosswalk CAMEO2PLOVER-2021 (CC BY-SA 4.0) by scripts/cameo_to_events.py: do not edit by hand.")
    print("# Loaded after ontology/events.tsv: a curated form that fits a word wins. This file is a")
    print("# derived work of the crosswalk and is shared under CC BY-SA 4.0 (see ontology/SOURCES.md).")
    print("# PETRARCH-2 CAMEO.2.0.txt: Copyright (c) 2015 Open Event Data Alliance, MIT licence.")
    print("# CAMEO2PLOVER-2021.txt: Philip Schrodt, PLOVER project, CC BY-SA 4.0; changed: converted, 02 read as REQUEST.")
    print("# FORM<TAB>TYPE<TAB>MODE (events.tsv format)")
    for form, (typ, mode) in seen.items():
        print(f"{form}\t{typ}\t{mode or '-'}")
    print(f"patterns read: {patterns_in}; rows written: {len(seen)}", file=sys.stderr)
    for why, n in dropped.most_common():
        print(f"dropped {n:5d}: {why}", file=sys.stderr)


if __name__ == "__main__":
    main()
