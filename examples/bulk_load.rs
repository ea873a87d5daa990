//! Loads an N-Quads file into a fresh on-disk store with Oxigraph's own bulk loader and prints
//! the time: the floor that `dossier build` is measured against (`scripts/bench.sh`).
//!
//! ```text
//! cargo run --release --example bulk_load -- graph.nq /tmp/fresh-store
//! ```

use std::error::Error;
use std::time::Instant;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::store::Store;

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(target)) = (args.next(), args.next()) else {
        return Err("usage: bulk_load FILE.nq NEW_STORE_DIR".into());
    };
    if std::path::Path::new(&target).exists() {
        return Err(format!("{target} exists; the bulk loader is measured on a fresh store").into());
    }
    let started = Instant::now();
    let store = Store::open(&target)?;
    let file = std::fs::File::open(&input).map_err(|e| format!("{input}: {e}"))?;
    let mut loader = store.bulk_loader();
    loader.load_from_reader(RdfParser::from_format(RdfFormat::NQuads), std::io::BufReader::new(file))?;
    loader.commit()?;
    store.flush()?;
    let seconds = started.elapsed().as_secs_f64();
    let quads = store.len()?;
    println!("bulk_load: {quads} quads in {seconds:.2} s ({:.0} quads/s)", quads as f64 / seconds);
    Ok(())
}
