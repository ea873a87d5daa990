//! What each subcommand does: call the library with what `cli.rs` parsed, print the result.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use dossier::analysis::{ActorNetwork, AnalysisRun, Communities, PeriodScores};
use dossier::export::{self, ExportFormat, PictureOptions, PictureTop};
use dossier::push::PushOptions;
use dossier::sanitize::Sanitized;
use dossier::store::{Store, StoreError};
use dossier::summary::Summary;
use dossier::{traverse, Dossier, Progress};
use indicatif::{ProgressBar, ProgressStyle};
use oxigraph::io::RdfFormat;

use crate::cli::{Command, LexiconArgs, Period};

/// Exit code of a build that finished but skipped some inputs.
const SKIPPED: u8 = 3;

pub fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Build { paths, memory, lexicons, top, quiet, window, timings, store } => {
            build(&paths, &lexicons, (memory, top, quiet, window, timings), &store.store)
        }
        Command::Extract { paths, shard, output, lexicons } => {
            let started = Instant::now();
            // No store is opened: extraction needs only the lexicons.
            let dossier = Dossier::in_memory()?.with_lexicon(lexicons.lexicon()?);
            let (bar, progress) = file_bar();
            let report = dossier.extract_shard(&paths, shard, &output, &progress)?;
            bar.finish_and_clear();
            print_problems(&report);
            let done = report.describe(started.elapsed().as_secs_f64());
            eprintln!("dossier: shard {shard}: {done}; written to {}", output.display());
            Ok(skipped(report.skipped.is_empty()))
        }
        Command::Merge { parts, memory, output, lexicons, store } => {
            let started = Instant::now();
            let dossier = if memory { Dossier::in_memory()? } else { Dossier::open(&store.store)? };
            let dossier = dossier.with_lexicon(lexicons.lexicon()?);
            let report = dossier.merge(&parts)?;
            let place = if memory { "in memory".to_string() } else { format!("into {}", store.store.display()) };
            eprintln!("dossier: {} {place}", report.describe(started.elapsed().as_secs_f64()));
            if let Some(path) = output {
                write_to(Some(&path), |out| Ok(dossier.store().write(RdfFormat::NQuads, out).map(drop)?))?;
                eprintln!("dossier: wrote {}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Push { push: args, store } => push(&open(&store.store)?, &args.options(&store.store)),
        Command::Serve { bind, timeout, max_rows, allow_update, limits, query_worker, store } => {
            if query_worker {
                dossier::serve::query_worker(&open(&store.store)?)?;
                return Ok(ExitCode::SUCCESS);
            }
            let options = limits.options((timeout, max_rows, allow_update), &store.store)?;
            let opened = if allow_update { Store::open(&store.store)? } else { open(&store.store)? };
            let mode = if allow_update { "read-write, SPARQL Update at /update" } else { "read-only" };
            dossier::serve::serve(opened, bind, options, || {
                let path = store.store.display();
                eprintln!("dossier: serving {path} ({mode}) at http://{bind}/ (SPARQL at http://{bind}/sparql)");
            })?;
            eprintln!("dossier: stopped");
            Ok(ExitCode::SUCCESS)
        }
        Command::Query { sparql, file, format, store } => {
            // clap requires one of the two.
            let text = match (sparql, file) {
                (Some(text), _) => text,
                (None, path) => {
                    let path = path.unwrap_or_default();
                    std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?
                }
            };
            let store = open(&store.store)?;
            let results = store.query(&text, &[])?;
            write_to(None, |out| export::write_results(results, format, out).context("cannot write the answers"))
        }
        Command::Rank { metric, top, format, network, metric_options, write, by, store } => {
            let store = if write { Store::open(&store.store)? } else { open(&store.store)? };
            let run =
                AnalysisRun::new(metric).with_options(metric_options.options(metric)).with_filter(network.filter());
            let overall = run.rank(&store)?;
            let runs = match by {
                Some(Period::Month) => run.by_month(&store)?,
                None => vec![(run, overall.clone())],
            };
            if write {
                for (run, ranking) in &runs {
                    run.write(&store, ranking)?;
                }
                let scores: usize = runs.iter().map(|(_, ranking)| ranking.len()).sum();
                eprintln!(
                    "dossier: wrote {scores} {metric} scores into the graph {}",
                    dossier::vocab::analysis_graph()
                );
            }
            let table = match by {
                Some(Period::Month) => export::period_table(&PeriodScores::new(&overall, top, &runs)),
                None => export::ranking_table(&overall, metric, top),
            };
            write_to(None, |out| Ok(table.write(format, out)?))
        }
        Command::Communities { resolution, seed, format, network, store } => {
            let network = ActorNetwork::build(&open(&store.store)?, &network.filter())?;
            let found = Communities::of(&network, resolution, seed)?;
            let table = export::communities_table(&network, &found, resolution, seed);
            write_to(None, |out| Ok(table.write(format, out)?))
        }
        Command::Export { format, output, size_by, actor, depth, top, network, store } => {
            let format = crate::cli::export_format(format, output.as_deref())?;
            let store = open(&store.store)?;
            if format.rdf_format().is_some() {
                let mut n = 0;
                write_to(output.as_deref(), |out| Ok(export::write_rdf(&store, format, out).map(|w| n = w)?))?;
                eprintln!("dossier: {}", export::wrote(output.as_deref(), &export::rdf::statements(format, n)));
                return Ok(ExitCode::SUCCESS);
            }
            let network = ActorNetwork::build(&store, &network.filter())?;
            match (format, output) {
                (ExportFormat::Csv, Some(dir)) => {
                    let written = export::write_tables(&store, &network, &dir)?;
                    let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
                    eprintln!("dossier: wrote {}", names.join(", "));
                    Ok(ExitCode::SUCCESS)
                }
                (ExportFormat::GraphMl, output) => {
                    write_to(output.as_deref(), |out| Ok(export::write_graphml(&network, out)?))?;
                    let what = format!("{} actors, {} links", network.graph.node_count(), network.graph.edge_count());
                    eprintln!("dossier: {}", export::wrote(output.as_deref(), &what));
                    Ok(ExitCode::SUCCESS)
                }
                (format, output) => {
                    let corpus = export::corpus_title(&traverse::documents(&store)?);
                    let mut options =
                        PictureOptions::new(corpus.clone()).with_top(top.map_or(PictureTop::Auto, PictureTop::Most));
                    if let Some(metric) = size_by {
                        options = options.with_size_by(metric);
                    }
                    if let Some(name) = actor {
                        let actor = resolve_name(&store, &name)?;
                        let Some(center) = network.node(&actor.iri) else {
                            bail!("{} is not in the actor network ({})", actor.label, export::text::WHO_IS_IN)
                        };
                        options = options.with_center(center, depth);
                        options.title = export::ego_title(&actor.label, depth, &corpus);
                    }
                    // Red edges between the speakers drawn: their claims' contradictions only.
                    let drawn = export::picture_actors(&network, &options)?;
                    match traverse::speaker_pairs_up_to(&store, &drawn, traverse::PICTURE_CLAIMS)? {
                        Some(pairs) => options = options.with_contradictions(pairs),
                        None => eprintln!(
                            "dossier: contradictions not drawn: the speakers drawn have over {} claims",
                            traverse::PICTURE_CLAIMS
                        ),
                    }
                    let picture = export::network_picture(&network, &options)?;
                    if top.is_none() && picture.drawn < picture.linked {
                        eprintln!(
                            "dossier: drew the {} most central of {} linked actors (--top N for another number)",
                            picture.drawn, picture.linked
                        );
                    }
                    let bytes = match format.image_format() {
                        Some(image) => export::render(&String::from_utf8_lossy(&picture.dot), image)?,
                        None => picture.dot.clone(),
                    };
                    write_to(output.as_deref(), |out| Ok(out.write_all(&bytes)?))?;
                    eprintln!("dossier: {}", export::wrote(output.as_deref(), &picture.describe()));
                    Ok(ExitCode::SUCCESS)
                }
            }
        }
        Command::Brief { output, title, size_by, network, store } => {
            let mut options = export::BriefingOptions::default().with_filter(network.filter()).with_size_by(size_by);
            if let Some(title) = title {
                options = options.with_title(title);
            }
            let store = open(&store.store)?;
            write_to(Some(&output), |out| Ok(export::write_briefing(&store, &options, out)?))?;
            eprintln!("dossier: wrote {}", output.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { name, depth, full, network, store } => {
            let store = open(&store.store)?;
            let actor = resolve_name(&store, &name)?;
            let network = ActorNetwork::build(&store, &network.filter())?;
            write_to(None, |out| Ok(export::text::write_actor(&store, &actor, &network, (depth, full), out)?))
        }
        Command::Path { from, to, all, max_len, network, store } => {
            let store = open(&store.store)?;
            let (a, b) = (resolve_name(&store, &from)?, resolve_name(&store, &to)?);
            let network = ActorNetwork::build(&store, &network.filter())?;
            write_to(None, |out| Ok(export::text::write_between(&store, &network, (&a, &b), (max_len, all), out)?))
        }
        Command::Check { repair, store } => {
            if repair {
                if store.store.join("CURRENT").exists() {
                    eprintln!("dossier: {} has its CURRENT file: nothing to repair", store.store.display());
                } else {
                    let manifest = Store::repair_current(&store.store)?;
                    eprintln!("dossier: wrote {} naming {manifest}", store.store.join("CURRENT").display());
                }
            }
            let report = dossier::check::check(&open(&store.store)?)?;
            write_to(None, |out| Ok(report.write_text(out)?))?;
            Ok(if report.sound() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Parse { paths, format, output, nlp_model } => {
            let loaded = nlp_model.map(|dir| dossier_nlp::Pipeline::from_dir(&dir)).transpose()?;
            let pipeline = loaded.as_ref().unwrap_or_else(|| dossier::nlp::english());
            let mut report = dossier::nlp::ParseReport::default();
            write_to(output.as_deref(), |out| {
                Ok(dossier::nlp::write_parses(&paths, pipeline, format.into(), out).map(|done| report = done)?)
            })?;
            for problem in &report.problems {
                eprintln!("dossier: skipped {problem}");
            }
            if report.documents == 0 && !report.problems.is_empty() {
                bail!("no document could be read");
            }
            Ok(skipped(report.problems.is_empty()))
        }
        Command::Backup { target, store } => {
            if target.exists() {
                bail!("{} already exists: give a new folder for the backup", target.display());
            }
            let source = match Store::open(&store.store) {
                Err(StoreError::Locked { path }) => bail!(
                    "cannot back up {} while another dossier process (a build) writes it: a backup needs the store to itself; run it again when the build has finished",
                    path.display()
                ),
                other => other?,
            };
            source.backup(&target)?;
            eprintln!("dossier: backed up {} into {}", store.store.display(), target.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Claims { actor, contradictions, format, store } => {
            let store = open(&store.store)?;
            let table = if contradictions {
                export::contradictions_table(&traverse::contradictions(&store)?)
            } else {
                let speaker = match actor {
                    Some(name) => Some(resolve_name(&store, &name)?.iri),
                    None => None,
                };
                export::claims_table(&traverse::claims(&store, speaker.as_deref())?)
            };
            write_to(None, |out| Ok(table.write(format, out)?))
        }
        Command::Eval { gold, docs, gazetteer, verbose, min_actors, min_events, min_claims, min_dates, store } => {
            let bars =
                dossier::eval::Bars { actors: min_actors, events: min_events, claims: min_claims, dates: min_dates };
            let gold = dossier::eval::load_gold(&gold)?;
            let score = match docs {
                Some(docs) => {
                    let lexicon = LexiconArgs { gazetteer, triggers: Vec::new(), lexicon: Vec::new() }.lexicon()?;
                    let dossier = Dossier::in_memory()?.with_lexicon(lexicon);
                    let report = dossier.build(&[docs], &|_| {})?;
                    for skipped in &report.skipped {
                        eprintln!("dossier: skipped {skipped}");
                    }
                    dossier::eval::score(dossier.store(), &gold)?
                }
                None => dossier::eval::score(&open(&store.store)?, &gold)?,
            };
            if !score.missing_documents.is_empty() {
                eprintln!("dossier: warning: documents absent from the graph: {}", score.missing_documents.join(", "));
            }
            let mut short = Vec::new();
            write_to(None, |out| Ok(score.write_text(verbose, &bars, out).map(|found| short = found)?))?;
            Ok(if short.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
    }
}

fn open(path: &Path) -> Result<Store> {
    Ok(Store::open_read_only(path)?)
}

/// Success, or the exit code of a run that skipped some inputs.
fn skipped(nothing_skipped: bool) -> ExitCode {
    if nothing_skipped {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(SKIPPED)
    }
}

/// Runs `write` on the named file, or on standard output (buffered; on a terminal, control
/// characters from documents are replaced: an escape sequence in an article must not clear the
/// screen or set the window title), and flushes it.
fn write_to(output: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<ExitCode> {
    match output {
        Some(path) => {
            let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let mut out = BufWriter::new(file);
            write(&mut out)?;
            out.flush().with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => {
            use std::io::IsTerminal;
            let stdout = io::stdout();
            let terminal = stdout.is_terminal();
            let mut out = BufWriter::new(Sanitized::new(stdout.lock(), terminal));
            write(&mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A progress bar over the files of a build or an extraction, and what moves it.
fn file_bar() -> (ProgressBar, impl Fn(Progress) + Sync) {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos}/{len} files {wide_bar} {msg}").expect("valid template"),
    );
    let shown = bar.clone();
    (bar, move |progress| match progress {
        Progress::Files { total } => shown.set_length(total as u64),
        Progress::FileDone => shown.inc(1),
        Progress::Writing => shown.set_message("writing"),
    })
}

/// Prints what a build or an extraction could not read.
fn print_problems(report: &dossier::BuildReport) {
    for warning in &report.warnings {
        eprintln!("dossier: warning: {warning}");
    }
    for skipped in &report.skipped {
        eprintln!("dossier: skipped {skipped}");
    }
}

/// `dossier build`: the options are (memory, top, quiet, window, timings).
fn build(
    paths: &[PathBuf],
    lexicons: &LexiconArgs,
    (memory, top, quiet, window, timings): (bool, usize, bool, usize, bool),
    store: &Path,
) -> Result<ExitCode> {
    let started = Instant::now();
    let lexicon = lexicons.lexicon()?;
    let dossier = if memory { Dossier::in_memory()? } else { Dossier::open(store)? };
    let dossier = dossier.with_lexicon(lexicon).with_window(window);
    let (bar, progress) = file_bar();
    let report = dossier.build(paths, &progress)?;
    bar.finish_and_clear();
    print_problems(&report);
    let built = started.elapsed().as_secs_f64();
    let added = format!("dossier: {}", report.describe(built));
    let place = if memory { "in memory".to_string() } else { format!("in {}", store.display()) };
    if timings {
        eprint!("{}", dossier::CommitTimes::table(&report.commits));
    }
    if quiet {
        // Only what this build did: counting a large store takes a scan of it.
        eprintln!("{added}; {place}");
    } else {
        let summary = Summary::from_store(dossier.store(), top)?;
        write_to(None, |out| {
            summary.write_text(&mut *out)?;
            Ok(report.coverage(10).write_text(out)?)
        })?;
        let seconds = started.elapsed().as_secs_f64() - built;
        eprintln!("{added}; summary in {seconds:.2} s; {} {place}", summary.counts.triples_text());
    }
    Ok(skipped(report.skipped.is_empty()))
}

fn push(store: &Store, options: &PushOptions) -> Result<ExitCode> {
    let bar = ProgressBar::new(store.len()? as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos}/{len} statements {wide_bar} {per_sec}").expect("valid template"),
    );
    let report = dossier::push::push(store, options, &|sent| bar.set_position(sent as u64))?;
    bar.finish_and_clear();
    eprintln!("dossier: {}", report.describe(&options.endpoint));
    Ok(ExitCode::SUCCESS)
}

/// The actor a user means by `name`: the best-attested of those carrying the name.
fn resolve_name(store: &Store, name: &str) -> Result<traverse::ActorRecord> {
    let mut found = traverse::find_actors(store, name)?;
    found.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.iri.cmp(&b.iri)));
    if found.is_empty() {
        bail!("no actor or place named {name:?} in the store (names are matched case-insensitively against labels and aliases)");
    }
    if found.len() > 1 {
        let others: Vec<String> = found[1..].iter().map(|a| format!("{} ({})", a.label, a.kind.class_name())).collect();
        eprintln!(
            "dossier: {name:?} names {} entries; showing the most mentioned ({}); others: {}",
            found.len(),
            found[0].label,
            others.join(", ")
        );
    }
    Ok(found.remove(0))
}
