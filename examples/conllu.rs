//! Prints the parse of a text as CoNLL-U (a debugging aid for the extraction rules):
//! `cargo run --release --no-default-features --example conllu -- "Somali forces killed 40 fighters."`

fn main() {
    let text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    let doc = dossier::nlp::english().process(&text);
    print!("{}", doc.to_conllu("text"));
}
