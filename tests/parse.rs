//! `dossier parse`: the NLP core through the binary, on documents read as a build reads them.

use std::collections::HashMap;

use crate::util::{dossier, ok, root, seeds};

/// spaCy's analysis of the seeds (the parity fixture of the NLP crate).
fn spacy_reference() -> HashMap<String, serde_json::Value> {
    let path = root().join("nlp/tests/data/parity/reference.jsonl");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter_map(|v| v["id"].as_str().and_then(|id| id.strip_prefix("seeds/")).map(|id| (id.to_string(), v.clone())))
        .collect()
}

#[test]
fn json_output_of_the_seeds_is_spacys_analysis() {
    let out = ok(["parse".as_ref(), seeds().as_os_str(), "--format".as_ref(), "json".as_ref()]);
    let reference = spacy_reference();
    let docs: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(docs.len(), 5, "one line per seed");
    let mut tokens = 0;
    for doc in &docs {
        let file = doc["file"].as_str().unwrap();
        let spacy = &reference[file];
        assert_eq!(doc["text"], spacy["text"], "{file}: a .txt document's text is the file's text");
        let ours = doc["tokens"].as_array().unwrap();
        assert_eq!(ours.len(), spacy["tags"].as_array().unwrap().len(), "{file}: token count");
        for (i, t) in ours.iter().enumerate() {
            assert_eq!(t["char_start"], spacy["starts"][i], "{file} token {i}");
            assert_eq!(t["tag"], spacy["tags"][i], "{file} token {i} {}", t["text"]);
            assert_eq!(t["lemma"], spacy["lemmas"][i], "{file} token {i} {}", t["text"]);
            assert_eq!(t["head"], spacy["heads"][i], "{file} token {i} {}", t["text"]);
            assert_eq!(t["dep"], spacy["deps"][i], "{file} token {i} {}", t["text"]);
            // Byte offsets slice the text to the token.
            let text = doc["text"].as_str().unwrap();
            let (s, e) = (t["start"].as_u64().unwrap() as usize, t["end"].as_u64().unwrap() as usize);
            assert_eq!(&text[s..e], t["text"].as_str().unwrap());
        }
        let ents: Vec<(u64, u64, &str)> = doc["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["char_start"].as_u64().unwrap(), e["char_end"].as_u64().unwrap(), e["label"].as_str().unwrap()))
            .collect();
        let spacy_ents: Vec<(u64, u64, &str)> = spacy["ents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e[0].as_u64().unwrap(), e[1].as_u64().unwrap(), e[2].as_str().unwrap()))
            .collect();
        assert_eq!(ents, spacy_ents, "{file}: entities");
        tokens += ours.len();
    }
    assert_eq!(tokens, 2_311, "the seeds' tokens as spaCy counts them");
}

#[test]
fn conllu_has_ten_columns_offsets_and_entity_tags() {
    let seed = seeds().join("001_340efefdbb3cb629.txt");
    let out = ok(["parse".as_ref(), seed.as_os_str()]);
    let text = std::fs::read_to_string(&seed).unwrap();
    let chars: Vec<char> = text.chars().collect();
    assert!(
        out.starts_with("# newdoc id = 001_340efefdbb3cb629.txt\n# sent_id = 001_340efefdbb3cb629.txt-1\n# text = ")
    );
    let mut tokens = 0;
    let mut sentences = 0;
    let mut gpe = Vec::new();
    for line in out.lines() {
        if line.starts_with("# sent_id") {
            sentences += 1;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 10, "{line}");
        let range = cols[9].split('|').find_map(|m| m.strip_prefix("TokenRange=")).unwrap();
        let (s, e) = range.split_once(':').unwrap();
        let span: String = chars[s.parse::<usize>().unwrap()..e.parse::<usize>().unwrap()].iter().collect();
        if !span.trim().is_empty() {
            assert_eq!(cols[1], span, "{line}");
        }
        if cols[9].contains("NER=B-GPE") {
            gpe.push(cols[1].to_string());
        }
        tokens += 1;
    }
    assert!(tokens > 300 && sentences > 10, "{tokens} tokens, {sentences} sentences");
    assert!(gpe.iter().any(|w| w == "Moscow") && gpe.iter().any(|w| w == "Afghanistan"), "{gpe:?}");
}

#[test]
fn html_is_parsed_as_its_readable_text() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        "<html><head><title>Talks</title></head><body><nav>Home | World | Sport</nav>\
         <article><h1>Ukraine and Russia meet in Istanbul</h1>\
         <p>Delegations from Ukraine and Russia met in Istanbul on Friday, Turkish officials said.</p></article>\
         <footer>&copy; 2024 Example News</footer></body></html>",
    )
    .unwrap();
    let out = ok(["parse".as_ref(), page.as_os_str(), "--format".as_ref(), "json".as_ref()]);
    let doc: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let text = doc["text"].as_str().unwrap();
    assert!(text.contains("Delegations from Ukraine") && !text.contains("<p>"), "{text}");
    let ents: Vec<(&str, &str)> = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["text"].as_str().unwrap(), e["label"].as_str().unwrap()))
        .collect();
    assert!(ents.contains(&("Istanbul", "GPE")) && ents.contains(&("Friday", "DATE")), "{ents:?}");
}

#[test]
fn bad_input_is_named_and_the_rest_is_parsed() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Kenya recalled its ambassador.").unwrap();
    let missing = dir.path().join("missing.txt");
    let out = dossier(["parse".as_ref(), good.as_os_str(), missing.as_os_str()]);
    assert_eq!(out.status.code(), Some(3), "some input skipped");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("missing.txt"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("\tKenya\t"));

    let model = dir.path().join("no-model");
    std::fs::create_dir(&model).unwrap();
    let out = dossier(["parse".as_ref(), good.as_os_str(), "--nlp-model".as_ref(), model.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no-model/model.json"), "{stderr}");
}
