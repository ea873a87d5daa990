//! The `dossier` command: a thin shell over the library (see `cli.rs` for the interface and
//! `commands.rs` for what each subcommand does).

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            // A closed pipe (`dossier export | head`) is not a failure.
            if error.chain().any(|e| {
                e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("dossier: {error:#}");
            ExitCode::from(1)
        }
    }
}
