//! A corpus's graph as N-Quads without a store (what `dossier extract --shard 1/1` writes):
//! builds without RocksDB, so extraction can be scored quickly against gold annotations.
//!
//! ```text
//! cargo run --release --no-default-features --example extract_nq -- OUT.nq PATH...
//! python3 tests/data/eval/score.py OUT.nq tests/data/eval/dev/gold
//! ```

use std::path::PathBuf;

use dossier::{Dossier, Shard};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1).map(PathBuf::from);
    let output = args.next().ok_or("usage: extract_nq OUT.nq PATH...")?;
    let paths: Vec<PathBuf> = args.collect();
    if paths.is_empty() {
        return Err("usage: extract_nq OUT.nq PATH...".into());
    }
    let report = Dossier::in_memory()?.extract_shard(&paths, Shard::ALL, &output, &|_| {})?;
    for skipped in &report.skipped {
        eprintln!("skipped {skipped}");
    }
    eprintln!("{} documents, {} quads written to {}", report.added(), report.quads_written, output.display());
    Ok(())
}
