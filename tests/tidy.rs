//! Tidy checks of the source tree: the layering ARCHITECTURE.md states is the one the code has.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::util::root;

/// Every `.rs` file under `dir`, recursively.
fn sources(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The library's top-level modules and the ones each names (`crate::name`) outside comments
/// and its unit tests.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = root().join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let first = relative.components().next().unwrap().as_os_str().to_string_lossy().to_string();
        let module = first.trim_end_matches(".rs").to_string();
        if ["lib", "main", "cli", "commands"].contains(&module.as_str()) {
            continue; // the crate root and the binary use everything
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let used = graph.entry(module.clone()).or_default();
        for line in code.lines().filter(|line| !line.trim_start().starts_with("//")) {
            for (at, _) in line.match_indices("crate::") {
                let name: String = line[at + 7..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
                if !name.is_empty() && name != module {
                    used.insert(name);
                }
            }
        }
    }
    graph
}

/// Issue 23: no module of the library imports one that imports it back, directly or through
/// others (analysis -> store -> rdf -> analysis was one): the pipeline's layers import downward.
#[test]
fn modules_import_no_circle() {
    let graph = imports();
    assert!(graph.len() > 15, "modules found: {:?}", graph.keys());
    for start in graph.keys() {
        let mut seen = BTreeSet::new();
        let mut stack = vec![start.clone()];
        while let Some(module) = stack.pop() {
            for next in graph.get(&module).into_iter().flatten() {
                assert!(next != start, "{start} imports itself back through {module} ({graph:?})");
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
    }
    // The layers named in ARCHITECTURE.md: what reads the store never reaches the orchestrator,
    // and storage never reaches analysis.
    assert!(!graph["store"].contains("analysis") && !graph["rdf"].contains("analysis"));
    assert!(!graph["analysis"].contains("dossier") && !graph["traverse"].contains("export"));
}

/// Every source file starts with a `//!` line saying what it holds.
#[test]
fn every_source_file_says_what_it_holds() {
    let mut files = Vec::new();
    for dir in ["src", "nlp/src", "tests", "examples", "benches"] {
        sources(&root().join(dir), &mut files);
    }
    let silent: Vec<String> = files
        .iter()
        .filter(|file| !std::fs::read_to_string(file).unwrap().starts_with("//!"))
        .map(|file| file.display().to_string())
        .collect();
    assert!(silent.is_empty(), "files without a //! line: {silent:?}");
}
