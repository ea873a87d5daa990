"""Queries a live SPARQL endpoint with two independent clients and prints what they got.

    python3 tests/clients/sparql_clients.py ENDPOINT QUERIES.json

QUERIES.json maps a name to a query. For each query, Python's SPARQLWrapper (JSON results)
and rdflib's SPARQLStore (XML results, parsed into rdflib terms) run it against ENDPOINT.
Printed on stdout as JSON: {"sparqlwrapper": {name: rows}, "rdflib": {name: rows},
"construct": N, "ask": bool}, each row a list of cell strings (IRIs and lexical forms, "" for
unbound), so the caller compares them with its own answers. The CONSTRUCT and ASK entries
check graph results (RDF/XML, SPARQLWrapper's default) and boolean results.
"""

import json
import sys

from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper, XML


def wrapper_rows(endpoint, query):
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    result = client.query().convert()
    names = result["head"]["vars"]
    return [[b.get(n, {}).get("value", "") for n in names] for b in result["results"]["bindings"]]


def rdflib_rows(store, query):
    rows = []
    for row in store.query(query):
        rows.append(["" if term is None else str(term) for term in row])
    return rows


def main():
    endpoint, queries_file = sys.argv[1], sys.argv[2]
    with open(queries_file, encoding="utf-8") as f:
        queries = json.load(f)
    store = SPARQLStore(endpoint, returnFormat="xml")
    out = {"sparqlwrapper": {}, "rdflib": {}}
    for name, query in queries.items():
        out["sparqlwrapper"][name] = wrapper_rows(endpoint, query)
        out["rdflib"][name] = rdflib_rows(store, query)

    construct = SPARQLWrapper(endpoint)
    construct.setQuery(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a a <https://w3id.org/dossier/ontology#Actor> ; rdfs:label ?l }"
    )
    out["construct"] = len(construct.query().convert())  # an rdflib Graph parsed from RDF/XML

    ask = SPARQLWrapper(endpoint)
    ask.setQuery("ASK { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> }")
    ask.setReturnFormat(XML)
    document = ask.query().convert()
    out["ask"] = document.getElementsByTagName("boolean")[0].firstChild.data == "true"
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
