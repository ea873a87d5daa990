//! What each subcommand does: parse nothing, call the library, print.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use dossier::analysis::{ActorNetwork, Metric, Ranking};
use dossier::briefing::{self, Summary};
use dossier::export::{self, ExportFormat};
use dossier::lexicon::Lexicon;
use dossier::sanitize::Sanitized;
use dossier::store::Store;
use dossier::traverse;
use dossier::{Dossier, Progress};
use indicatif::{ProgressBar, ProgressStyle};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;

use crate::cli::{
    Command, ExportArg, LexiconArgs, NetworkArgs, ParseFormat, Period, QueryFormat, TableFormat, TripleTermsArg,
};
use dossier::push::{PushOptions, TripleTerms};
use dossier::serve::ServeOptions;
use dossier::Shard;
use std::time::Duration;

/// Exit code of a build that finished but skipped some inputs.
const SKIPPED: u8 = 3;

pub fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Build { paths, memory, lexicons, top, quiet, window, timings, store } => {
            let options = BuildOptions { memory, top, quiet, window, timings };
            build(&paths, &lexicons, &options, &store.store)
        }
        Command::Extract { paths, shard, output, lexicons } => extract(&paths, shard, &output, &lexicons),
        Command::Merge { parts, memory, output, lexicons, store } => {
            merge(&parts, memory, output.as_deref(), &lexicons, &store.store)
        }
        Command::Push { endpoint, graph, auth, batch, triple_terms, state, restart, timeout, store } => {
            let auth = match auth {
                Some(auth) => match auth.split_once(':') {
                    Some((user, password)) => Some((user.to_string(), password.to_string())),
                    None => bail!("--auth takes USER:PASS"),
                },
                None => None,
            };
            let state = state.unwrap_or_else(|| PathBuf::from(format!("{}.push.json", store.store.display())));
            let options = PushOptions {
                endpoint,
                graph,
                auth,
                batch,
                triple_terms: match triple_terms {
                    TripleTermsArg::Keep => TripleTerms::Keep,
                    TripleTermsArg::Reify => TripleTerms::Reify,
                },
                timeout: Duration::from_secs(timeout),
                state: Some(state),
                restart,
            };
            push(&open(&store.store)?, &options)
        }
        Command::Serve { bind, timeout, max_rows, allow_update, limits, query_worker, store } => {
            if query_worker {
                dossier::serve::query_worker(&open(&store.store)?)?;
                return Ok(ExitCode::SUCCESS);
            }
            if !(timeout > 0.0 && timeout.is_finite()) {
                bail!("--timeout takes a positive number of seconds");
            }
            let limits = limits.limits().map_err(anyhow::Error::msg)?;
            // Queries run in worker processes of this same program, killed at the deadline.
            let worker = std::env::current_exe().ok().map(|program| dossier::serve::WorkerCommand {
                program,
                args: vec!["serve".into(), "--query-worker".into(), "--store".into(), store.store.clone().into()],
            });
            let options =
                ServeOptions { timeout: Duration::from_secs_f64(timeout), max_rows, allow_update, limits, worker };
            let opened = if allow_update { Store::open(&store.store)? } else { open(&store.store)? };
            let mode = if allow_update { "read-write, SPARQL Update at /update" } else { "read-only" };
            dossier::serve::serve(opened, bind, options, || {
                eprintln!(
                    "dossier: serving {} ({mode}) at http://{bind}/ (SPARQL at http://{bind}/sparql)",
                    store.store.display()
                );
            })?;
            eprintln!("dossier: stopped");
            Ok(ExitCode::SUCCESS)
        }
        Command::Query { sparql, file, format, store } => {
            let text = match (sparql, file) {
                (Some(text), _) => text,
                (None, Some(path)) => {
                    std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?
                }
                (None, None) => bail!("give a query or --file"),
            };
            query(&open(&store.store)?, &text, format)
        }
        Command::Rank { metric, top, format, network, metric_options, write, by, store } => {
            let store = if write { Store::open(&store.store)? } else { open(&store.store)? };
            let how = Ranked { metric, options: metric_options.options() };
            rank(&store, &how, top, format, &network, write, by)
        }
        Command::Communities { resolution, seed, format, network, store } => {
            communities(&open(&store.store)?, resolution, seed, format, &network)
        }
        Command::Export { format, output, size_by, actor, depth, top, network, store } => {
            let picture = Picture { size_by, actor, depth, top };
            export(&open(&store.store)?, format, output.as_deref(), &picture, &network)
        }
        Command::Brief { output, title, size_by, network, store } => {
            let mut options = export::BriefingOptions::default().with_filter(network.filter()).with_size_by(size_by);
            if let Some(title) = title {
                options = options.with_title(title);
            }
            let file = File::create(&output).with_context(|| format!("cannot create {}", output.display()))?;
            let mut writer = BufWriter::new(file);
            export::write_briefing(&open(&store.store)?, &options, &mut writer)?;
            writer.flush()?;
            eprintln!("dossier: wrote {}", output.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { name, depth, full, network, store } => show(&open(&store.store)?, &name, depth, full, &network),
        Command::Path { from, to, all, max_len, network, store } => {
            path(&open(&store.store)?, &from, &to, all, max_len, &network)
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
            check(&open(&store.store)?)
        }
        Command::Parse { paths, format, output, nlp_model } => {
            parse(&paths, format, output.as_deref(), nlp_model.as_deref())
        }
        Command::Backup { target, store } => {
            if target.exists() {
                bail!("{} already exists: give a new folder for the backup", target.display());
            }
            let source = match Store::open(&store.store) {
                Err(dossier::store::StoreError::Locked { path }) => bail!(
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
            claims(&open(&store.store)?, actor.as_deref(), contradictions, format)
        }
        Command::Eval { gold, docs, gazetteer, verbose, min_actors, min_events, min_claims, min_dates, store } => {
            let bars = [("actors", min_actors), ("events", min_events), ("claims", min_claims), ("dates", min_dates)];
            evaluate(&gold, docs.as_deref(), &gazetteer, verbose, &bars, &store.store)
        }
    }
}

fn open(path: &Path) -> Result<Store> {
    Ok(Store::open_read_only(path)?)
}

/// Standard output, buffered; on a terminal, control characters from documents are replaced
/// (an escape sequence in an article must not clear the screen or set the window title).
fn stdout() -> BufWriter<Sanitized<io::StdoutLock<'static>>> {
    use std::io::IsTerminal;
    let out = io::stdout();
    let terminal = out.is_terminal();
    BufWriter::new(Sanitized::new(out.lock(), terminal))
}

/// A CSV writer over `out` whose cells have their control characters replaced, wherever the
/// output goes (spreadsheets and terminals read CSV).
fn csv_writer<W: Write>(out: W) -> csv::Writer<Sanitized<W>> {
    csv::Writer::from_writer(Sanitized::new(out, true))
}

/// The shipped lexicons with the user's additions.
fn lexicon(args: &LexiconArgs) -> Result<Lexicon> {
    let mut lexicon = Lexicon::builtin()?;
    for file in &args.gazetteer {
        lexicon.add_gazetteer_file(file)?;
    }
    for file in &args.triggers {
        lexicon.add_trigger_file(file)?;
    }
    for file in &args.lexicon {
        lexicon.add_file(file)?;
    }
    Ok(lexicon)
}

/// A progress bar over the files of a build or an extraction.
fn file_bar() -> ProgressBar {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos}/{len} files {wide_bar} {msg}").expect("valid template"),
    );
    bar
}

fn show_progress(bar: &ProgressBar, progress: Progress) {
    match progress {
        Progress::Files { total } => bar.set_length(total as u64),
        Progress::FileDone => bar.inc(1),
        Progress::Writing => bar.set_message("writing"),
    }
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

/// The options of `dossier build` besides its paths, lexicons and store.
struct BuildOptions {
    memory: bool,
    top: usize,
    quiet: bool,
    window: usize,
    timings: bool,
}

fn build(paths: &[PathBuf], lexicons: &LexiconArgs, options: &BuildOptions, store: &Path) -> Result<ExitCode> {
    let &BuildOptions { memory, top, quiet, window, timings } = options;
    let started = Instant::now();
    let lexicon = lexicon(lexicons)?;
    let dossier =
        if memory { Dossier::in_memory()? } else { Dossier::open(store)? }.with_lexicon(lexicon).with_window(window);
    let bar = file_bar();
    let report = dossier.build(paths, &|progress| show_progress(&bar, progress))?;
    bar.finish_and_clear();
    print_problems(&report);
    let built = started.elapsed().as_secs_f64();
    let present = report.documents.len() - report.added();
    let added = format!(
        "dossier: {} documents added{} in {built:.2} s ({} quads written)",
        report.added(),
        if present > 0 { format!(", {present} already in the store") } else { String::new() },
        report.quads_written,
    );
    let place = if memory { "in memory".to_string() } else { format!("in {}", store.display()) };
    if timings {
        print_commit_times(&report.commits);
    }
    if quiet {
        // Only what this build did: counting a large store takes a scan of it.
        eprintln!("{added}; {place}");
    } else {
        let summary = Summary::from_store(dossier.store(), top)?;
        let mut out = stdout();
        summary.write_text(&mut out)?;
        report.coverage(10).write_text(&mut out)?;
        out.flush()?;
        eprintln!(
            "{added}; summary in {:.2} s; {} triples {place}",
            started.elapsed().as_secs_f64() - built,
            summary.counts.triples
        );
    }
    Ok(if report.skipped.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(SKIPPED) })
}

/// The table of `build --timings`, on stderr: one row per commit, seconds per step.
fn print_commit_times(commits: &[dossier::CommitTimes]) {
    eprintln!(
        "{:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "commit", "documents", "loading", "deferred", "stored", "defs", "ingest", "counts", "total"
    );
    for (i, t) in commits.iter().enumerate() {
        eprintln!(
            "{:>6} {:>9} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1}",
            i + 1,
            t.documents,
            t.loading,
            t.deferred_counts,
            t.stored_counts,
            t.definitions,
            t.ingestion,
            t.counts,
            t.total()
        );
    }
}

fn extract(paths: &[PathBuf], shard: Shard, output: &Path, lexicons: &LexiconArgs) -> Result<ExitCode> {
    let started = Instant::now();
    // No store is opened: extraction needs only the lexicons.
    let dossier = Dossier::in_memory()?.with_lexicon(lexicon(lexicons)?);
    let bar = file_bar();
    let report = dossier.extract_shard(paths, shard, output, &|progress| show_progress(&bar, progress))?;
    bar.finish_and_clear();
    print_problems(&report);
    eprintln!(
        "dossier: shard {shard}: {} documents, {} quads written to {} in {:.2} s",
        report.added(),
        report.quads_written,
        output.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(if report.skipped.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(SKIPPED) })
}

fn merge(
    parts: &[PathBuf],
    memory: bool,
    output: Option<&Path>,
    lexicons: &LexiconArgs,
    store: &Path,
) -> Result<ExitCode> {
    let started = Instant::now();
    if memory && output.is_none() {
        bail!("a merge in memory is lost when it ends: give --output FILE.nq, or merge into a --store");
    }
    let dossier = if memory { Dossier::in_memory()? } else { Dossier::open(store)? }.with_lexicon(lexicon(lexicons)?);
    let report = dossier.merge(parts)?;
    let place = if memory { "in memory".to_string() } else { format!("into {}", store.display()) };
    eprintln!(
        "dossier: merged {} parts ({} documents, {} quads read) {place} in {:.2} s",
        report.parts,
        report.documents,
        report.quads_read,
        started.elapsed().as_secs_f64()
    );
    if let Some(path) = output {
        let mut writer = output_writer(Some(path))?;
        dossier.store().write(RdfFormat::NQuads, &mut writer)?;
        writer.flush()?;
        eprintln!("dossier: wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn push(store: &Store, options: &PushOptions) -> Result<ExitCode> {
    let total = store.len()?;
    let bar = ProgressBar::new(total as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos}/{len} statements {wide_bar} {per_sec}").expect("valid template"),
    );
    let report = dossier::push::push(store, options, &|sent| bar.set_position(sent as u64))?;
    bar.finish_and_clear();
    let rate = if report.seconds > 0.0 { report.statements as f64 / report.seconds } else { 0.0 };
    let resumed = if report.resumed > 0 {
        format!(" ({} batches sent by an earlier run skipped)", report.resumed)
    } else {
        String::new()
    };
    eprintln!(
        "dossier: pushed {} statements of {} graphs to {} in {} requests, {:.2} s ({rate:.0} statements/s){resumed}",
        report.statements, report.graphs, options.endpoint, report.batches, report.seconds
    );
    Ok(ExitCode::SUCCESS)
}

/// A term as a person reads it: prefixed names for known namespaces, plain literal values.
fn display(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => {
            let iri = node.as_str();
            dossier::vocab::PREFIXES
                .iter()
                .filter(|(_, ns)| iri.starts_with(ns))
                .max_by_key(|(_, ns)| ns.len())
                .and_then(|(prefix, ns)| {
                    let local = &iri[ns.len()..];
                    (!local.contains(['/', '#'])).then(|| format!("{prefix}:{local}"))
                })
                .unwrap_or_else(|| format!("<{iri}>"))
        }
        Term::Literal(literal) => literal.value().to_string(),
        other => other.to_string(),
    }
}

/// Prints rows as an aligned table.
fn print_table(out: &mut impl Write, header: &[String], rows: &[Vec<String>]) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count().min(80));
        }
    }
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                let c = briefing::clip(c, 80);
                format!("{c}{}", " ".repeat(w.saturating_sub(c.chars().count())))
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(out, "{}", line(header))?;
    writeln!(out, "{}", widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "))?;
    for row in rows {
        writeln!(out, "{}", line(row))?;
    }
    Ok(())
}

/// The results format for SELECT and ASK answers; `None` for the human table.
fn results_format(format: QueryFormat) -> Result<Option<QueryResultsFormat>> {
    Ok(Some(match format {
        QueryFormat::Table => return Ok(None),
        QueryFormat::Csv => QueryResultsFormat::Csv,
        QueryFormat::Tsv => QueryResultsFormat::Tsv,
        QueryFormat::Json => QueryResultsFormat::Json,
        QueryFormat::Xml => QueryResultsFormat::Xml,
        other => bail!("--format {other:?} is for CONSTRUCT or DESCRIBE queries; use table, csv, tsv, json or xml"),
    }))
}

fn query(store: &Store, text: &str, format: QueryFormat) -> Result<ExitCode> {
    let results = store.query(text, &[])?;
    let mut out = stdout();
    match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let rows: Vec<_> = solutions.collect::<Result<_, _>>().context("query evaluation failed")?;
            let Some(results_format) = results_format(format)? else {
                let header: Vec<String> = variables.iter().map(|v| v.as_str().to_string()).collect();
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| variables.iter().map(|v| r.get(v).map(display).unwrap_or_default()).collect())
                    .collect();
                print_table(&mut out, &header, &cells)?;
                out.flush()?;
                return Ok(ExitCode::SUCCESS);
            };
            let mut serializer = QueryResultsSerializer::from_format(results_format).serialize_solutions_to_writer(
                Sanitized::new(&mut out, matches!(format, QueryFormat::Csv | QueryFormat::Tsv)),
                variables,
            )?;
            for row in &rows {
                serializer.serialize(row)?;
            }
            serializer.finish()?.flush()?;
        }
        QueryResults::Boolean(value) => match results_format(format)? {
            Some(results_format) => {
                QueryResultsSerializer::from_format(results_format).serialize_boolean_to_writer(&mut out, value)?;
            }
            None => writeln!(out, "{value}")?,
        },
        QueryResults::Graph(triples) => {
            let rdf_format = match format {
                QueryFormat::Table | QueryFormat::Turtle => RdfFormat::Turtle,
                QueryFormat::Ntriples => RdfFormat::NTriples,
                QueryFormat::Nquads => RdfFormat::NQuads,
                QueryFormat::Jsonld => RdfFormat::JsonLd { profile: oxigraph::io::JsonLdProfileSet::empty() },
                other => {
                    bail!("--format {other:?} is for SELECT or ASK queries; use turtle, ntriples, nquads or jsonld")
                }
            };
            let mut serializer = RdfSerializer::from_format(rdf_format);
            if rdf_format == RdfFormat::Turtle {
                for (prefix, iri) in dossier::vocab::PREFIXES {
                    serializer = serializer.with_prefix(prefix, iri)?;
                }
            }
            let mut writer = serializer.for_writer(&mut out);
            for triple in triples {
                writer.serialize_triple(&triple.context("query evaluation failed")?)?;
            }
            writer.finish()?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The parameters of a ranking, as written next to its scores.
fn parameters(how: &Ranked, args: &NetworkArgs) -> String {
    let mut parts = vec![format!("weight={:?}", args.weight).to_lowercase()];
    let options = how.options.unwrap_or_default();
    match how.metric {
        Metric::PageRank => parts.push(format!("damping={}", options.damping)),
        Metric::Katz => parts.push(format!("alpha={}", options.alpha)),
        _ => {}
    }
    if options.weighted {
        parts.push("weighted".into());
    }
    if !options.normalized {
        parts.push("raw".into());
    }
    if let Some(k) = options.sample {
        parts.push(format!("sample={k} seed={}", options.seed));
    }
    if let Some(t) = args.event_type {
        parts.push(format!("type={t}"));
    }
    if args.min_sources > 0 {
        parts.push(format!("min-sources={}", args.min_sources));
    }
    if args.with_places {
        parts.push("with-places".into());
    }
    parts.join(" ")
}

/// A metric and its options.
#[derive(Clone)]
struct Ranked {
    metric: Metric,
    options: Option<dossier::analysis::MetricOptions>,
}

impl Ranked {
    fn rank(&self, network: &ActorNetwork) -> Result<Vec<Ranking>> {
        Ok(match &self.options {
            Some(options) => network.rank_with(self.metric, options)?,
            None => network.rank(self.metric)?,
        })
    }
}

fn rank(
    store: &Store,
    how: &Ranked,
    top: usize,
    format: TableFormat,
    args: &NetworkArgs,
    write: bool,
    by: Option<Period>,
) -> Result<ExitCode> {
    let filter = args.filter();
    let metric = how.metric;
    let mut out = stdout();
    if let Some(Period::Month) = by {
        return rank_by_month(store, how, top, format, args, write);
    }
    let network = ActorNetwork::build(store, &filter)?;
    let all: Vec<Ranking> = how.rank(&network)?;
    if write {
        let quads =
            dossier::rdf::analysis_quads(&all, metric.as_str(), &parameters(how, args), (filter.from, filter.to));
        let window = (filter.from.map(|d| d.to_string()), filter.to.map(|d| d.to_string()));
        store.replace_analysis(metric.as_str(), &parameters(how, args), window, &quads)?;
        eprintln!(
            "dossier: wrote {} {} scores into the graph {}",
            all.len(),
            metric.as_str(),
            dossier::vocab::analysis_graph()
        );
    }
    let rows: Vec<&Ranking> = all.iter().take(if top == 0 { usize::MAX } else { top }).collect();
    match format {
        TableFormat::Table => {
            let header = ["rank", "actor", "type", metric.as_str()].map(String::from);
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.rank.to_string(),
                        r.label.clone(),
                        r.kind.class_name().to_string(),
                        format!("{:.6}", r.score),
                    ]
                })
                .collect();
            print_table(&mut out, &header, &cells)?;
        }
        TableFormat::Csv => {
            let mut writer = csv_writer(&mut out);
            writer.write_record(["rank", "iri", "label", "type", metric.as_str()])?;
            for r in &rows {
                writer.write_record([
                    r.rank.to_string(),
                    r.iri.clone(),
                    r.label.clone(),
                    r.kind.class_name().to_string(),
                    format!("{}", r.score),
                ])?;
            }
            writer.flush()?;
        }
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The months the dated evidence of the store spans (first days), in order.
fn months(store: &Store, args: &NetworkArgs) -> Result<Vec<jiff::civil::Date>> {
    let rows = store.select(
        "SELECT DISTINCT ?date WHERE {
           { ?x a sem:Event ; dos:date ?date OPTIONAL { ?x dos:datePrecision ?p } } UNION { ?x a dos:Claim ; dct:date ?date }
           FILTER(!BOUND(?p) || ?p != \"year\")
         }",
        &[],
    )?;
    let mut months: std::collections::BTreeSet<jiff::civil::Date> = std::collections::BTreeSet::new();
    for row in rows {
        if let Some(oxigraph::model::Term::Literal(l)) = row.get("date") {
            if let Ok(date) = l.value().parse::<jiff::civil::Date>() {
                let in_window = args.from.is_none_or(|f| date >= f) && args.to.is_none_or(|t| date <= t);
                if in_window {
                    months.insert(date.first_of_month());
                }
            }
        }
    }
    Ok(months.into_iter().collect())
}

/// `rank --by month`: each actor's score month by month, for the actors best ranked overall.
fn rank_by_month(
    store: &Store,
    how: &Ranked,
    top: usize,
    format: TableFormat,
    args: &NetworkArgs,
    write: bool,
) -> Result<ExitCode> {
    let filter = args.filter();
    let metric = how.metric;
    let overall = how.rank(&ActorNetwork::build(store, &filter)?)?;
    let chosen: Vec<&Ranking> = overall.iter().take(if top == 0 { usize::MAX } else { top }).collect();
    let mut columns: Vec<(String, std::collections::HashMap<String, f64>)> = Vec::new();
    for first in months(store, args)? {
        let last = first.last_of_month();
        let monthly = dossier::analysis::NetworkFilter { from: Some(first), to: Some(last), ..filter.clone() };
        let ranking = how.rank(&ActorNetwork::build(store, &monthly)?)?;
        if write {
            let quads = dossier::rdf::analysis_quads(
                &ranking,
                metric.as_str(),
                &parameters(how, args),
                (Some(first), Some(last)),
            );
            store.replace_analysis(
                metric.as_str(),
                &parameters(how, args),
                (Some(first.to_string()), Some(last.to_string())),
                &quads,
            )?;
        }
        let label = format!("{:04}-{:02}", first.year(), first.month());
        columns.push((label, ranking.into_iter().map(|r| (r.iri, r.score)).collect()));
    }
    let mut out = stdout();
    let header: Vec<String> = ["actor".to_string()].into_iter().chain(columns.iter().map(|(m, _)| m.clone())).collect();
    let cells: Vec<Vec<String>> = chosen
        .iter()
        .map(|r| {
            std::iter::once(r.label.clone())
                .chain(
                    columns.iter().map(|(_, scores)| scores.get(&r.iri).map_or("-".to_string(), |s| format!("{s:.4}"))),
                )
                .collect()
        })
        .collect();
    match format {
        TableFormat::Table => print_table(&mut out, &header, &cells)?,
        TableFormat::Csv => {
            let mut writer = csv_writer(&mut out);
            writer.write_record(&header)?;
            for row in &cells {
                writer.write_record(row)?;
            }
            writer.flush()?;
        }
        TableFormat::Json => {
            let json: Vec<serde_json::Value> = chosen
                .iter()
                .map(|r| {
                    let scores: serde_json::Map<String, serde_json::Value> = columns
                        .iter()
                        .filter_map(|(m, s)| Some((m.clone(), serde_json::json!(s.get(&r.iri)?))))
                        .collect();
                    serde_json::json!({ "iri": r.iri, "label": r.label, "scores": scores })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &json)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Picture options of `dossier export`.
struct Picture {
    size_by: Option<Metric>,
    actor: Option<String>,
    depth: usize,
    top: Option<usize>,
}

fn export(
    store: &Store,
    format: Option<ExportArg>,
    output: Option<&Path>,
    picture: &Picture,
    args: &NetworkArgs,
) -> Result<ExitCode> {
    let format = match format {
        Some(arg) => match arg {
            ExportArg::Nquads => ExportFormat::NQuads,
            ExportArg::Turtle => ExportFormat::Turtle,
            ExportArg::Trig => ExportFormat::TriG,
            ExportArg::Ntriples => ExportFormat::NTriples,
            ExportArg::Jsonld => ExportFormat::JsonLd,
            ExportArg::Dot => ExportFormat::Dot,
            ExportArg::Svg => ExportFormat::Svg,
            ExportArg::Png => ExportFormat::Png,
            ExportArg::Pdf => ExportFormat::Pdf,
            ExportArg::Csv => ExportFormat::Csv,
            ExportArg::Graphml => ExportFormat::GraphMl,
        },
        None => match output.and_then(ExportFormat::from_extension) {
            Some(format) => format,
            None => bail!(
                "give --format (nquads, turtle, trig, ntriples, jsonld, dot, svg, png, pdf, csv, graphml); it cannot be guessed from the output name"
            ),
        },
    };
    if format.rdf_format().is_some() {
        let mut writer = output_writer(output)?;
        let n = export::write_rdf(store, format, &mut writer)?;
        writer.flush()?;
        let noun = if matches!(format, ExportFormat::NQuads | ExportFormat::TriG) { "quads" } else { "triples" };
        eprintln!("dossier: {}", export::wrote(output, &format!("{} {noun}", export::thousands(n))));
        return Ok(ExitCode::SUCCESS);
    }
    let filter = args.filter();
    let network = ActorNetwork::build(store, &filter)?;
    match format {
        ExportFormat::Csv => {
            let Some(dir) = output else {
                bail!(
                    "--format csv writes nodes.csv, edges.csv, events.csv and claims.csv: give the folder with -o DIR"
                )
            };
            let written = export::write_tables(store, &network, dir)?;
            let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
            eprintln!("dossier: wrote {}", names.join(", "));
        }
        ExportFormat::GraphMl => {
            let mut writer = output_writer(output)?;
            export::write_graphml(&network, &mut writer)?;
            writer.flush()?;
            let (nodes, links) = (network.graph.node_count(), network.graph.edge_count());
            eprintln!("dossier: {}", export::wrote(output, &format!("{nodes} actors, {links} links")));
        }
        _ => {
            let metric = picture.size_by.unwrap_or(Metric::PageRank);
            let scores = dossier::analysis::centrality::compute(&network, metric)?;
            let mut view = network.clone();
            let mut title = export::corpus_title(&traverse::documents(store)?);
            if let Some(name) = &picture.actor {
                let actor = resolve_name(store, name)?;
                let Some(center) = network.node(&actor.iri) else {
                    bail!("{} is not in the actor network ({WHO_IS_IN})", actor.label)
                };
                view = export::ego_network(&view, center, picture.depth);
                title = export::ego_title(&actor.label, picture.depth, &title);
            }
            // A picture of more actors than this is unreadable: by default it keeps the most
            // central, and its subtitle says so.
            let linked = export::linked_actors(&view);
            let top = match picture.top {
                None if picture.actor.is_none() && linked > export::PICTURE_TOP => Some(export::PICTURE_TOP),
                chosen => chosen,
            };
            if let Some(n) = top {
                view = export::top_actors(&view, &scores, n);
            }
            let mut options = export::DotOptions::new(title).with_contradictions(traverse::contradicting_speakers(
                store,
                &view
                    .graph
                    .node_indices()
                    .filter(|&n| view.graph.neighbors_undirected(n).next().is_some())
                    .map(|n| view.graph[n].iri.clone())
                    .collect::<Vec<_>>(),
            )?);
            let mut subtitle = export::describe_filter(&filter);
            if picture.top.is_none() && top.is_some() {
                let drawn = export::linked_actors(&view);
                if !subtitle.is_empty() {
                    subtitle.push_str("; ");
                }
                subtitle
                    .push_str(&format!("the {drawn} most central of {linked} actors by {} (--top N)", metric.as_str()));
            }
            if !subtitle.is_empty() {
                options = options.with_subtitle(subtitle);
            }
            if picture.size_by.is_some() || top.is_some() {
                options = options.with_size_by(metric.as_str(), scores);
            }
            let mut dot = Vec::new();
            export::write_dot_with(&view, &options, &mut dot)?;
            let bytes = match format.image_format() {
                Some(image) => export::render(&String::from_utf8_lossy(&dot), image)?,
                None => dot,
            };
            let mut writer = output_writer(output)?;
            writer.write_all(&bytes)?;
            writer.flush()?;
            let (nodes, links) = (export::linked_actors(&view), view.graph.edge_count());
            eprintln!("dossier: {}", export::wrote(output, &format!("a picture of {nodes} actors, {links} links")));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The named file, or standard output.
/// `dossier parse`: documents read as a build reads them, analysed by the NLP core, written as
/// CoNLL-U or JSON Lines in file order. Files are read and analysed in parallel, a few hundred
/// at a time.
fn parse(paths: &[PathBuf], format: ParseFormat, output: Option<&Path>, model: Option<&Path>) -> Result<ExitCode> {
    use rayon::prelude::*;
    let nlp = match model {
        Some(dir) => dossier_nlp::Pipeline::from_dir(dir)?,
        None => dossier_nlp::Pipeline::english(),
    };
    let (files, mut problems) = dossier::corpus::collect_files(paths);
    let boilerplate = dossier::lexicon::Boilerplate::builtin();
    let mut out = output_writer(output)?;
    let mut documents = 0usize;
    for chunk in files.chunks(256) {
        let analysed: Vec<_> = chunk
            .par_iter()
            .map(|path| {
                dossier::corpus::read_file(path, &boilerplate).map(|contents| {
                    let docs: Vec<_> =
                        contents.documents.iter().map(|d| (d.file_name.clone(), nlp.process(&d.text))).collect();
                    (docs, contents.problems)
                })
            })
            .collect();
        for result in analysed {
            let (docs, file_problems) = match result {
                Ok(read) => read,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            problems.extend(file_problems);
            for (name, doc) in docs {
                documents += 1;
                match format {
                    ParseFormat::Conllu => {
                        writeln!(out, "# newdoc id = {name}")?;
                        out.write_all(doc.to_conllu(&name).as_bytes())?;
                    }
                    ParseFormat::Json => {
                        let mut value = doc.to_json();
                        value["file"] = name.into();
                        serde_json::to_writer(&mut out, &value)?;
                        writeln!(out)?;
                    }
                }
            }
        }
    }
    out.flush()?;
    for problem in &problems {
        eprintln!("dossier: skipped {problem}");
    }
    if documents == 0 && !problems.is_empty() {
        bail!("no document could be read");
    }
    Ok(if problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(SKIPPED) })
}

fn output_writer(output: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match output {
        Some(path) => {
            Box::new(BufWriter::new(File::create(path).with_context(|| format!("cannot create {}", path.display()))?))
        }
        None => Box::new(stdout()),
    })
}

fn evaluate(
    gold_dir: &Path,
    docs: Option<&Path>,
    gazetteers: &[PathBuf],
    verbose: bool,
    bars: &[(&str, Option<f64>)],
    store: &Path,
) -> Result<ExitCode> {
    let gold = dossier::eval::load_gold(gold_dir)?;
    let score = match docs {
        Some(docs) => {
            let mut lexicon = Lexicon::builtin()?;
            for file in gazetteers {
                lexicon.add_gazetteer_file(file)?;
            }
            let dossier = Dossier::in_memory()?.with_lexicon(lexicon);
            let report = dossier.build(&[docs.to_path_buf()], &|_| {})?;
            for skipped in &report.skipped {
                eprintln!("dossier: skipped {skipped}");
            }
            dossier::eval::score(dossier.store(), &gold)?
        }
        None => dossier::eval::score(&open(store)?, &gold)?,
    };
    if !score.missing_documents.is_empty() {
        eprintln!("dossier: warning: documents absent from the graph: {}", score.missing_documents.join(", "));
    }
    let mut out = stdout();
    write!(out, "{}", score.report(verbose))?;
    let got = |name: &str| match name {
        "actors" => score.actors.f1(),
        "events" => score.events.f1(),
        "claims" => score.claims.f1(),
        _ => score.date_accuracy(),
    };
    let short: Vec<String> = bars
        .iter()
        .filter_map(|(name, bar)| bar.filter(|b| got(name) < *b).map(|b| format!("{name} {:.3} < {b}", got(name))))
        .collect();
    if !short.is_empty() {
        writeln!(out, "below threshold: {}", short.join(", "))?;
    }
    out.flush()?;
    Ok(if short.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn communities(store: &Store, resolution: f64, seed: u64, format: TableFormat, args: &NetworkArgs) -> Result<ExitCode> {
    let network = ActorNetwork::build(store, &args.filter())?;
    let found = dossier::analysis::community::louvain(&network, resolution, seed);
    let pagerank = dossier::analysis::centrality::compute(&network, Metric::PageRank)?;
    let mut groups: std::collections::BTreeMap<usize, Vec<petgraph::graph::NodeIndex>> =
        std::collections::BTreeMap::new();
    for node in network.graph.node_indices() {
        // Actors without links are communities of one: leave them out.
        if network.graph.neighbors_undirected(node).next().is_some() {
            groups.entry(found.membership[node.index()]).or_default().push(node);
        }
    }
    for members in groups.values_mut() {
        members.sort_by(|a, b| {
            pagerank[b.index()]
                .total_cmp(&pagerank[a.index()])
                .then_with(|| network.graph[*a].label.cmp(&network.graph[*b].label))
        });
    }
    let mut out = stdout();
    match format {
        TableFormat::Table => {
            writeln!(
                out,
                "{} communities, modularity {:.4} (Louvain, resolution {resolution}, seed {seed})",
                groups.len(),
                found.modularity
            )?;
            for (number, members) in groups.values().enumerate() {
                let names: Vec<&str> = members.iter().map(|n| network.graph[*n].label.as_str()).collect();
                writeln!(out, "\n{}. {} actors: {}", number + 1, names.len(), names.join(", "))?;
            }
        }
        TableFormat::Csv => {
            let mut writer = csv_writer(&mut out);
            writer.write_record(["community", "iri", "label", "type", "pagerank"])?;
            for (number, members) in groups.values().enumerate() {
                for node in members {
                    let actor = &network.graph[*node];
                    writer.write_record([
                        (number + 1).to_string(),
                        actor.iri.clone(),
                        actor.label.clone(),
                        actor.kind.class_name().into(),
                        format!("{}", pagerank[node.index()]),
                    ])?;
                }
            }
            writer.flush()?;
        }
        TableFormat::Json => {
            let json: Vec<serde_json::Value> = groups
                .values()
                .map(|members| serde_json::json!(members.iter().map(|n| &network.graph[*n]).collect::<Vec<_>>()))
                .collect();
            serde_json::to_writer_pretty(
                &mut out,
                &serde_json::json!({ "modularity": found.modularity, "communities": json }),
            )?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn check(store: &Store) -> Result<ExitCode> {
    let report = dossier::check::check(store)?;
    let mut out = stdout();
    writeln!(
        out,
        "{} quads: {} documents, {} actors, {} places, {} events, {} claims, {} mentions",
        report.quads, report.documents, report.actors, report.places, report.events, report.claims, report.mentions
    )?;
    writeln!(
        out,
        "{} positions taken; {} contradicting pairs of claims on {} (one side taking both stands)",
        report.positions,
        report.contradicting_pairs,
        questions(report.contradictions)
    )?;
    if report.pending > 0 {
        writeln!(
            out,
            "note: {} documents of an interrupted build await their source counts; the next `dossier build` completes them",
            report.pending
        )?;
    }
    if report.problems.is_empty() {
        writeln!(
            out,
            "ok: every index reads back and agrees, no dangling reference, every document whole, every offset slices its text, every position states its opposite"
        )?;
    } else {
        writeln!(out, "{} problems:", report.problems.len())?;
        for problem in &report.problems {
            writeln!(out, "  {problem}")?;
        }
    }
    out.flush()?;
    Ok(if report.problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// "1 question", "2 questions".
fn questions(n: usize) -> String {
    if n == 1 {
        "1 question".to_string()
    } else {
        format!("{n} questions")
    }
}

fn claims(store: &Store, actor: Option<&str>, contradictions: bool, format: TableFormat) -> Result<ExitCode> {
    let mut out = stdout();
    let files = |c: &traverse::ClaimRecord| {
        let mut files: Vec<&str> = c.evidence.iter().map(|e| e.file_name.as_str()).collect();
        files.dedup();
        files.join(" ")
    };
    let row = |c: &traverse::ClaimRecord| {
        vec![
            c.date.clone().or_else(|| c.reported.as_ref().map(|r| format!("~{r}"))).unwrap_or_default(),
            c.claimant.label.clone(),
            c.modality.clone(),
            c.polarity.clone(),
            c.content.clone(),
            c.sources.to_string(),
            files(c),
        ]
    };
    if contradictions {
        let found = traverse::contradictions(store)?;
        match format {
            TableFormat::Json => {
                serde_json::to_writer_pretty(&mut out, &found)?;
                writeln!(out)?;
            }
            TableFormat::Csv => {
                let mut writer = csv_writer(&mut out);
                writer.write_record(["question", "stand", "claim", "date", "speaker", "content", "files"])?;
                for contradiction in &found {
                    for side in &contradiction.sides {
                        for claim in &side.claims {
                            let c = row(claim);
                            writer.write_record([
                                contradiction.question(),
                                &side.stand,
                                &claim.iri,
                                &c[0],
                                &c[1],
                                &c[4],
                                &c[6],
                            ])?;
                        }
                    }
                }
                writer.flush()?;
            }
            TableFormat::Table => {
                writeln!(
                    out,
                    "{} contradicting pairs of claims on {}",
                    traverse::contradicting_pairs(&found),
                    questions(found.len())
                )?;
                for contradiction in &found {
                    let [a, b] = &contradiction.sides;
                    writeln!(out)?;
                    writeln!(
                        out,
                        "{}: {} ({} claims) against {} ({} claims)",
                        contradiction.question(),
                        a.stand,
                        a.claims.len(),
                        b.stand,
                        b.claims.len()
                    )?;
                    for speaker in contradiction.self_contradicting() {
                        writeln!(out, "  self-contradiction: {} takes both stands", speaker.label)?;
                    }
                    for (mark, side) in [("  ", a), ("x ", b)] {
                        for c in &side.claims {
                            writeln!(
                                out,
                                "{mark}{} {} ({}, {}): \"{}\"  [{}]",
                                c.date.as_deref().unwrap_or("-"),
                                c.claimant.label,
                                c.modality,
                                c.polarity,
                                briefing::clip(&c.content, 100),
                                files(c)
                            )?;
                        }
                    }
                }
            }
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let filter = match actor {
        Some(name) => Some(resolve_name(store, name)?.iri),
        None => None,
    };
    let list = traverse::claims(store, filter.as_deref())?;
    match format {
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &list)?;
            writeln!(out)?;
        }
        TableFormat::Csv => {
            let mut writer = csv_writer(&mut out);
            writer.write_record(["date", "speaker", "modality", "polarity", "content", "sources", "files"])?;
            for c in &list {
                writer.write_record(row(c))?;
            }
            writer.flush()?;
        }
        TableFormat::Table => {
            let header = ["date", "speaker", "modality", "polarity", "content", "sources", "files"].map(String::from);
            let cells: Vec<Vec<String>> = list.iter().map(row).collect();
            print_table(&mut out, &header, &cells)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The actor a user means by `name`: the best-attested of those carrying the name.
fn resolve_name(store: &Store, name: &str) -> Result<traverse::ActorRecord> {
    let mut found = traverse::find_actors(store, name)?;
    found.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.iri.cmp(&b.iri)));
    match found.len() {
        0 => bail!("no actor or place named {name:?} in the store (names are matched case-insensitively against labels and aliases)"),
        1 => {}
        _ => eprintln!(
            "dossier: {name:?} names {} entries; showing the most mentioned ({}); others: {}",
            found.len(),
            found[0].label,
            found[1..].iter().map(|a| format!("{} ({})", a.label, a.kind.class_name())).collect::<Vec<_>>().join(", ")
        ),
    }
    Ok(found.remove(0))
}

/// Prints the events and claims of a hop with their evidence sentences.
fn print_hop(out: &mut impl Write, hop: &traverse::Hop, indent: &str) -> io::Result<()> {
    let width = briefing::terminal_width();
    for e in &hop.events {
        writeln!(
            out,
            "{indent}{:<13} {:<9} {}  [{}]",
            briefing::display_date(e.date.as_deref(), e.precision.as_deref()),
            e.event_type,
            briefing::describe_event(e),
            e.status
        )?;
        for evidence in &e.evidence {
            let indent = format!("{indent}    ");
            writeln!(out, "{}", briefing::evidence_text(&indent, &evidence.file_name, &evidence.sentence, width))?;
        }
    }
    for c in &hop.claims {
        writeln!(
            out,
            "{indent}{:<13} claim     {} ({}): \"{}\"",
            c.date.as_deref().unwrap_or("-"),
            c.claimant.label,
            c.modality,
            briefing::clip(&c.content, 110)
        )?;
        for evidence in &c.evidence {
            let indent = format!("{indent}    ");
            writeln!(out, "{}", briefing::evidence_text(&indent, &evidence.file_name, &evidence.sentence, width))?;
        }
    }
    Ok(())
}

fn show(store: &Store, name: &str, depth: usize, full: bool, args: &NetworkArgs) -> Result<ExitCode> {
    let width = briefing::terminal_width();
    let actor = resolve_name(store, name)?;
    let mut out = stdout();
    writeln!(out, "{} ({})  <{}>", actor.label, actor.kind.class_name(), actor.iri)?;
    if !actor.aliases.is_empty() {
        writeln!(out, "{}", briefing::hanging("  also: ", &actor.aliases.join(", "), width))?;
    }
    let lead = format!("  {} mentions in {} documents: ", actor.mentions, actor.documents.len());
    writeln!(out, "{}", briefing::hanging(&lead, &actor.documents.join(", "), width))?;
    let events = traverse::events(store, Some(&actor.iri))?;
    writeln!(out, "\nEvents ({})", events.len())?;
    for e in &events {
        writeln!(
            out,
            "  {:<13} {:<9} {}  [{}{}]",
            briefing::display_date(e.date.as_deref(), e.precision.as_deref()),
            e.event_type,
            briefing::describe_event(e),
            e.status,
            if e.sources > 1 { format!(", {} sources", e.sources) } else { String::new() }
        )?;
        for evidence in &e.evidence {
            writeln!(out, "{}", briefing::evidence_text("      ", &evidence.file_name, &evidence.sentence, width))?;
        }
    }
    let claims = traverse::claims(store, Some(&actor.iri))?;
    writeln!(out, "\nClaims ({})", claims.len())?;
    for c in &claims {
        let head = format!(
            "  {:<13} {} ({}, {}): ",
            c.date.as_deref().unwrap_or("-"),
            c.claimant.label,
            c.modality,
            c.polarity
        );
        // The words on the same line when 30 columns are left for them, else on the next.
        let room = width.saturating_sub(head.chars().count() + 2);
        if room >= 30 {
            writeln!(out, "{head}\"{}\"", briefing::clip(&c.content, room))?;
        } else {
            writeln!(out, "{}", head.trim_end())?;
            writeln!(out, "      \"{}\"", briefing::clip(&c.content, width.saturating_sub(8)))?;
        }
        for evidence in &c.evidence {
            writeln!(out, "{}", briefing::evidence_text("      ", &evidence.file_name, &evidence.sentence, width))?;
        }
    }
    let network = ActorNetwork::build(store, &args.filter())?;
    if let Some(node) = network.node(&actor.iri) {
        let neighbours = network.neighbourhood(node, depth.max(1));
        writeln!(
            out,
            "\nNeighbours within {} hop{} ({})",
            depth.max(1),
            if depth > 1 { "s" } else { "" },
            neighbours.len()
        )?;
        // Beyond one hop the list grows fast: without --full, a summary and the strongest links.
        let summarised = depth > 1 && !full;
        let mut neighbours = neighbours;
        if summarised {
            let mut at: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
            for (_, distance) in &neighbours {
                *at.entry(*distance).or_default() += 1;
            }
            let counts: Vec<String> =
                at.iter().map(|(d, n)| format!("{n} at {d} hop{}", if *d > 1 { "s" } else { "" })).collect();
            writeln!(
                out,
                "  {}; the {} most linked below (--full: all, with the evidence of each hop)",
                counts.join(", "),
                SHOW_TOP.min(neighbours.len())
            )?;
            // The strongest first: most supporting items on the hop that reaches them, then nearest.
            let strength = |other: petgraph::graph::NodeIndex| -> usize {
                let path = network.shortest_path(node, other).unwrap_or_default();
                path.len()
                    .checked_sub(2)
                    .map(|i| network.links_between(path[i], path[i + 1]).iter().map(|(_, _, l)| l.support()).sum())
                    .unwrap_or(0)
            };
            neighbours.sort_by_cached_key(|(other, distance)| {
                (std::cmp::Reverse(strength(*other)), *distance, network.graph[*other].label.clone())
            });
            neighbours.truncate(SHOW_TOP);
        }
        for (other, distance) in neighbours {
            let path = network.shortest_path(node, other).unwrap_or_default();
            let names: Vec<&str> = path.iter().map(|n| network.graph[*n].label.as_str()).collect();
            let last = path.len().checked_sub(2).map(|i| (path[i], path[i + 1]));
            let summary: Vec<String> = last
                .map(|(a, b)| {
                    network
                        .links_between(a, b)
                        .iter()
                        .map(|(from, _, link)| {
                            format!(
                                "{} {} ({} sources)",
                                if *from == a { "->" } else { "<-" },
                                link.summary(),
                                link.sources()
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let line = format!(
                "  {:<30} {}  {}",
                network.graph[other].label,
                summary.join("; "),
                if distance > 1 { format!("via {}", names.join(" — ")) } else { String::new() }
            );
            writeln!(out, "{}", line.trim_end())?;
            if depth > 1 && full {
                if let Some((a, b)) = last {
                    print_hop(&mut out, &traverse::hop(store, &network, a, b)?, "      ")?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// How many neighbours `show --depth 2` (or more) lists without `--full`.
const SHOW_TOP: usize = 10;

/// Which actors the network holds, for messages about one that is not in it.
const WHO_IS_IN: &str =
    "places are in it only with --with-places, unnamed collectives and media cited as sources only \
     with --all-actors, and with --from/--to, --type or --min-sources only actors with evidence they keep";

fn path(store: &Store, from: &str, to: &str, all: bool, max_len: usize, args: &NetworkArgs) -> Result<ExitCode> {
    let (a, b) = (resolve_name(store, from)?, resolve_name(store, to)?);
    let network = ActorNetwork::build(store, &args.filter())?;
    let (Some(start), Some(end)) = (network.node(&a.iri), network.node(&b.iri)) else {
        let missing: Vec<&str> =
            [&a, &b].into_iter().filter(|x| network.node(&x.iri).is_none()).map(|x| x.label.as_str()).collect();
        let verb = if missing.len() == 1 { "is" } else { "are" };
        println!(
            "no path from {} to {}: {} {verb} not in the actor network ({WHO_IS_IN})",
            a.label,
            b.label,
            missing.join(" and ")
        );
        return Ok(ExitCode::SUCCESS);
    };
    let paths = network.all_shortest_paths(start, end, max_len, if all { 50 } else { 1 });
    let mut out = stdout();
    if paths.is_empty() {
        writeln!(out, "no path of at most {max_len} hops between {} and {}", a.label, b.label)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    if all {
        writeln!(out, "{} shortest paths of {} hops", paths.len(), paths[0].len() - 1)?;
    }
    for (number, hops) in paths.iter().enumerate() {
        let names: Vec<&str> = hops.iter().map(|n| network.graph[*n].label.as_str()).collect();
        if number > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{} ({} hops)", names.join(" — "), hops.len() - 1)?;
        for hop in traverse::hops(store, &network, hops)? {
            writeln!(out, "\n{} — {}", hop.from.label, hop.to.label)?;
            print_hop(&mut out, &hop, "  ")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
