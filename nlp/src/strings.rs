//! String hashing as spaCy's `StringStore` does it.
