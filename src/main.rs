//! The `dossier` command: a thin shell over the library (see `cli.rs` for the interface and
//! `commands.rs` for what each subcommand does).

#![forbid(unsafe_code)]

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than the system allocator: extraction and the bulk loader make many small
/// allocations from many threads, where glibc's per-thread arenas fragment (measured on a 10,000
/// document build: see BENCHMARKS.md). Built with mimalloc's `override` feature, so that C's
/// malloc and free are mimalloc's too: Oxigraph frees RocksDB's C-allocated error messages with
/// Rust's allocator (`CString::from_raw`), which must therefore be the one C allocates with;
/// without the override, opening a locked store crashed (`tests/reliability.rs` covers it).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    if let Err(usage) = cli::check(&cli) {
        usage.exit(); // exit code 2, as for clap's own usage errors
    }
    match commands::run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            // A closed pipe (`dossier export | head`) is not a failure.
            if error.chain().any(|e| {
                e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            // The message may quote a file name or a document: no escape sequence reaches the
            // terminal through it.
            eprintln!("dossier: {}", dossier::sanitize::clean(&format!("{error:#}")));
            ExitCode::from(1)
        }
    }
}
