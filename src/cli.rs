//! Command-line definition (clap derive). Doc comments are the help text.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use dossier::analysis::{Metric, MetricOptions, NetworkFilter, Weight};
use dossier::export::{ResultsFormat, TableFormat};
use dossier::Shard;

/// Turn news articles into a knowledge graph you can question.
///
/// Exit codes: 0 success; 1 failure (the message says what and where); 2 usage error;
/// 3 the build finished but some inputs were skipped (listed on stderr).
#[derive(Debug, Parser)]
#[command(name = "dossier", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Where the graph lives.
#[derive(Debug, Args, Clone)]
pub struct StoreArgs {
    /// Folder of the on-disk graph store (RocksDB).
    #[arg(long, value_name = "DIR", default_value = "dossier.db", global = true, value_hint = clap::ValueHint::DirPath)]
    pub store: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read documents, extract actors, events and claims, store the graph, print a briefing summary.
    ///
    /// PATH may be files or folders (.txt, .md, .html, .json, .jsonl with a "text" field);
    /// folders are read recursively. Documents are identified by a hash of their text: building
    /// the same documents again changes nothing.
    ///
    /// Examples:
    ///   dossier build seeds
    ///   dossier build seeds more/ --store my.db --gazetteer my_actors.ttl
    ///   dossier build article.html --memory
    #[command(verbatim_doc_comment)]
    Build {
        /// Files or folders to read.
        #[arg(required = true, value_hint = clap::ValueHint::AnyPath)]
        paths: Vec<PathBuf>,
        /// Keep the graph in memory only (nothing written to disk).
        #[arg(long)]
        memory: bool,
        #[command(flatten)]
        lexicons: LexiconArgs,
        /// Actors per centrality list in the summary.
        #[arg(long, default_value_t = 5)]
        top: usize,
        /// Print only what this build added (one line on stderr), not the summary of the store.
        #[arg(long, short)]
        quiet: bool,
        /// Documents committed to the store at a time (a commit comes at the end of the batch of
        /// 256 read documents that reaches it): fewer hold less memory and take longer; the graph
        /// is the same.
        #[arg(long, default_value_t = dossier::WINDOW, value_parser = clap::value_parser!(u32).range(1..).map(|n| n as usize))]
        window: usize,
        /// Print on stderr how long each commit took, step by step (reading and loading, stored
        /// counts, contradictions, definitions, ingestion, count updates): where a large build
        /// spends its time.
        #[arg(long)]
        timings: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Run a SPARQL query (prefixes dos:, id:, actor:, place:, sem:, prov:, nif:, gaf:, dct:,
    /// skos:, schema:, rdf:, rdfs:, xsd:, owl: are predeclared).
    ///
    /// Examples:
    ///   dossier query 'SELECT ?label WHERE { ?a a dos:Country ; rdfs:label ?label }'
    ///   dossier query -f examples/queries/timeline.rq --format csv
    ///   dossier query 'CONSTRUCT WHERE { ?e a sem:Event ; dos:agent actor:taliban }' --format turtle
    #[command(verbatim_doc_comment)]
    Query {
        /// The query text (or use --file).
        #[arg(conflicts_with = "file", required_unless_present = "file")]
        sparql: Option<String>,
        /// Read the query from a file.
        #[arg(long, short, value_name = "FILE.rq")]
        file: Option<PathBuf>,
        /// Output format: table, csv, tsv, json, xml for SELECT/ASK; turtle, ntriples, nquads,
        /// jsonld for CONSTRUCT/DESCRIBE.
        #[arg(long, default_value = "table", value_parser = results_format())]
        format: ResultsFormat,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Rank actors by centrality in the actor network.
    ///
    /// The actor network: nodes are actors (places too with --with-places); a directed edge
    /// agent -> target for each event and claimant -> subject for each claim (with places: agent
    /// -> place of an event); one edge per ordered pair, weighted by the number of supporting
    /// events and claims, or of reports (their source counts added up) with --weight sources. PageRank (damping 0.85)
    /// and degree use the directed graph; betweenness, closeness, eigenvector and Katz its
    /// undirected view, where both directions' weights add up. Scores follow NetworkX.
    ///
    /// Examples:
    ///   dossier rank
    ///   dossier rank --metric betweenness --top 5 --format csv
    ///   dossier rank --from 2021-07-01 --to 2021-10-31 --write
    ///   dossier rank --by month --top 8
    #[command(verbatim_doc_comment)]
    Rank {
        /// pagerank, betweenness, closeness, eigenvector, degree, ...
        #[arg(long, default_value = "pagerank")]
        metric: Metric,
        /// How many actors to list (0 for all).
        #[arg(long, default_value_t = 10)]
        top: usize,
        /// table, csv or json.
        #[arg(long, default_value = "table", value_parser = table_format())]
        format: TableFormat,
        #[command(flatten)]
        network: NetworkArgs,
        #[command(flatten)]
        metric_options: MetricArgs,
        /// Store the scores in the graph (named graph id:graph/analysis) so SPARQL sees them.
        #[arg(long)]
        write: bool,
        /// Scores period by period instead (actors x months).
        #[arg(long, value_enum, value_name = "PERIOD")]
        by: Option<Period>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Export the graph (RDF), the actor network (DOT, SVG, PNG, PDF, GraphML) or tables (CSV).
    ///
    /// nquads and trig hold the whole store; turtle, ntriples and jsonld the default graph
    /// (jsonld without the RDF 1.2 rdf:reifies statements, which JSON-LD cannot express).
    /// dot is the actor network for Graphviz: shape and colour by actor type (with a legend),
    /// size by --size-by, edges labelled with the evidence and its counts, wider with more
    /// sources, dashed when only claims link two actors, red for contradictions; svg, png and pdf
    /// render it with Graphviz's `dot`. csv writes nodes.csv, edges.csv, events.csv and
    /// claims.csv into -o DIR; graphml is for Gephi, yEd and Cytoscape.
    ///
    /// Examples:
    ///   dossier export --format nquads -o graph.nq
    ///   dossier export --format svg --size-by pagerank -o network.svg
    ///   dossier export --format png --actor Taliban --depth 1 -o taliban.png
    ///   dossier export --format dot --from 2021-07-01 --to 2021-07-31 --top 15
    ///   dossier export --format csv -o tables/
    #[command(verbatim_doc_comment)]
    Export {
        /// Output format (guessed from -o's extension when omitted).
        #[arg(long, value_enum)]
        format: Option<ExportArg>,
        /// Output file (folder for csv); standard output when omitted.
        #[arg(long, short, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Pictures: node size by this metric (pagerank, betweenness, degree, ...).
        #[arg(long, value_name = "METRIC")]
        size_by: Option<Metric>,
        /// Pictures: only this actor and its neighbours within --depth hops.
        #[arg(long, value_name = "NAME")]
        actor: Option<String>,
        /// Pictures: hops around --actor.
        #[arg(long, default_value_t = 1)]
        depth: usize,
        /// Pictures: only the N most central actors (by --size-by, PageRank by default).
        #[arg(long, value_name = "N")]
        top: Option<usize>,
        #[command(flatten)]
        network: NetworkArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Write the HTML briefing: one self-contained page with the scope, the network picture, the
    /// most central actors, the timeline, the claims (contradictions highlighted) and every
    /// item's evidence highlighted in the documents' text.
    ///
    /// Examples:
    ///   dossier brief -o briefing.html
    ///   dossier brief -o july.html --from 2021-07-01 --to 2021-07-31 --title "July briefing"
    #[command(verbatim_doc_comment)]
    Brief {
        /// The HTML file to write.
        #[arg(long, short, value_name = "FILE.html")]
        output: PathBuf,
        /// The page title (default: the corpus and its dates).
        #[arg(long)]
        title: Option<String>,
        /// Node size in the picture and order of the actor table.
        #[arg(long, default_value = "pagerank")]
        size_by: Metric,
        #[command(flatten)]
        network: NetworkArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Show one actor: type, aliases, events and claims with their evidence, neighbours.
    ///
    /// NAME is matched case-insensitively against labels and aliases.
    ///
    /// Examples:
    ///   dossier show Taliban
    ///   dossier show "zamir kabulov"
    #[command(verbatim_doc_comment)]
    Show {
        name: String,
        /// Also list the actors up to this many hops away, with what links them (beyond one
        /// hop: how many at each distance and the most linked; --full for all).
        #[arg(long, default_value_t = 1)]
        depth: usize,
        /// With --depth 2 or more: every neighbour, with the events and claims of the hop that
        /// reaches it and their sentences.
        #[arg(long)]
        full: bool,
        #[command(flatten)]
        network: NetworkArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Find communities of actors (Louvain, on the undirected weighted network; seeded, so the
    /// same graph always gives the same partition) and print them with their modularity.
    ///
    /// Examples:
    ///   dossier communities
    ///   dossier communities --resolution 1.5 --format csv
    #[command(verbatim_doc_comment)]
    Communities {
        /// Higher gives more, smaller communities.
        #[arg(long, default_value_t = 1.0)]
        resolution: f64,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// table, csv or json.
        #[arg(long, default_value = "table", value_parser = table_format())]
        format: TableFormat,
        #[command(flatten)]
        network: NetworkArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Check the stored graph: every key of every index read back (RocksDB verifies each block's
    /// checksum) and the indexes' counts compared, then counts, dangling references, documents
    /// whole, offsets that slice the document texts, source counts. Exits with 1 when anything is
    /// wrong; a damaged store is reported as corrupt, with the file when it is known.
    ///
    /// Examples:
    ///   dossier check
    ///   dossier check --store my.db
    ///   dossier check --repair      # a store that lost its CURRENT file
    #[command(verbatim_doc_comment)]
    Check {
        /// When the store has lost its CURRENT file, write it again naming the newest MANIFEST,
        /// then check the store (the CURRENT written is removed again if the store is not sound).
        #[arg(long)]
        repair: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Write a consistent copy of the store into DIR (which must not exist), usable as a store.
    /// It needs the store to itself: it cannot run while a build writes the store.
    ///
    /// Examples:
    ///   dossier backup backups/2021-10-08.db
    #[command(verbatim_doc_comment)]
    Backup {
        /// The folder to create.
        target: PathBuf,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Score the graph against gold annotations, as tests/data/eval/score.py does.
    ///
    /// Gold is one JSON file per document (format: tests/data/eval/GOLD_FORMAT.md). Prints a
    /// per-document table and micro precision/recall/F1 for actors, places, typed events, event
    /// pairs and claims, and how many matched events carry the gold date. Exits with 1 when a
    /// --min bar is not met.
    ///
    /// Examples:
    ///   dossier eval --gold tests/data/eval/gold-seeds --docs seeds
    ///   dossier eval --gold my-gold/ --store my.db --verbose
    #[command(verbatim_doc_comment)]
    Eval {
        /// Folder of gold JSON files.
        #[arg(long, value_name = "DIR")]
        gold: PathBuf,
        /// Build these documents in memory and score them (instead of the store).
        #[arg(long, value_name = "PATH")]
        docs: Option<PathBuf>,
        /// Extra gazetteer for --docs (may repeat).
        #[arg(long, value_name = "FILE")]
        gazetteer: Vec<PathBuf>,
        /// List what was missed and what was spurious, per document.
        #[arg(long, short)]
        verbose: bool,
        /// Lowest acceptable actors F1.
        #[arg(long, value_name = "F1")]
        min_actors: Option<f64>,
        /// Lowest acceptable events F1.
        #[arg(long, value_name = "F1")]
        min_events: Option<f64>,
        /// Lowest acceptable claims F1.
        #[arg(long, value_name = "F1")]
        min_claims: Option<f64>,
        /// Lowest acceptable share of matched events with the right date.
        #[arg(long, value_name = "SHARE")]
        min_dates: Option<f64>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Analyse documents with the English NLP core (tokens, tags, lemmas, dependency parse,
    /// entities: spaCy's en_core_web_sm 3.8.0 in Rust) and print it.
    ///
    /// Documents are read as `build` reads them (.txt, .md, .html, .json, .jsonl; folders
    /// recursively), so offsets refer to the text dossier extracts from. CoNLL-U (the default)
    /// writes `# newdoc id = FILE`, then per sentence `# sent_id` and `# text`, ten columns per
    /// token, and in MISC `SpaceAfter=No`, `TokenRange=START:END` (characters) and the entity
    /// tag (`NER=B-GPE`, `NER=O`). JSON writes one object per document per line: file, text,
    /// tokens (byte and character offsets, tag, pos, morph, lemma, head, dep), sentences,
    /// entities.
    ///
    /// Examples:
    ///   dossier parse seeds/000_6f306d3c26989a17.txt
    ///   dossier parse seeds --format json -o seeds.jsonl
    ///   dossier parse article.html --nlp-model models/en_core_web_sm-3.8.0
    #[command(verbatim_doc_comment)]
    Parse {
        /// Files or folders to read.
        #[arg(required = true, value_hint = clap::ValueHint::AnyPath)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ParseFormat::Conllu)]
        format: ParseFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Load another export of the same model architecture (a folder written by
        /// scripts/export_spacy_model.py) instead of the embedded one.
        #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
        nlp_model: Option<PathBuf>,
    },
    /// List claims: who said what, when, how, backed by how many sources; or the claims that
    /// contradict each other.
    ///
    /// Two claims contradict when one side (a speaker, or the state its officials speak for)
    /// states opposite relations between the same actors ("will invite the Taliban to talks"
    /// against "is not planning to negotiate with the Taliban"), or the same words with opposite
    /// polarity: they take opposite positions on one question.
    ///
    /// Examples:
    ///   dossier claims
    ///   dossier claims --actor "Zamir Kabulov"
    ///   dossier claims --contradictions
    #[command(verbatim_doc_comment)]
    Claims {
        /// Only the claims of this speaker or about this actor (matched as in `show`).
        #[arg(long, value_name = "NAME")]
        actor: Option<String>,
        /// List the questions on which one side took both stands instead, each with the claims
        /// of both stands (every claim of one contradicts every claim of the other). csv: one
        /// row per claim and question (question, stand, claim, date, speaker, content, files).
        #[arg(long)]
        contradictions: bool,
        /// table, csv or json.
        #[arg(long, default_value = "table", value_parser = table_format())]
        format: TableFormat,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Shortest path between two actors in the actor network, with the evidence for each hop.
    ///
    /// Examples:
    ///   dossier path Taliban Tajikistan
    ///   dossier path "Suhail Shaheen" "Emomali Rakhmon" --all --max-len 4
    #[command(verbatim_doc_comment)]
    Path {
        from: String,
        to: String,
        /// Every shortest path, not just one.
        #[arg(long)]
        all: bool,
        /// Longest path to look for, in hops.
        #[arg(long, default_value_t = 6)]
        max_len: usize,
        #[command(flatten)]
        network: NetworkArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Extract one shard of a corpus into an N-Quads file, without a store (scale-out).
    ///
    /// Documents go to shards by their content hash, so N machines that each run
    /// `extract --shard I/N` on the same corpus (any copy of it, files in any order) write
    /// disjoint parts; `dossier merge` resolves the parts into one graph, equal to what one
    /// `build` of the whole corpus gives. The default shard 1/1 is the whole corpus.
    ///
    /// Examples:
    ///   dossier extract corpus/ --shard 1/4 -o part-1.nq
    ///   dossier extract seeds -o seeds.nq
    #[command(verbatim_doc_comment)]
    Extract {
        /// Files or folders to read.
        #[arg(required = true, value_hint = clap::ValueHint::AnyPath)]
        paths: Vec<PathBuf>,
        /// Which shard to extract, I/N (1 <= I <= N).
        #[arg(long, default_value = "1/1", value_name = "I/N")]
        shard: Shard,
        /// The N-Quads file to write.
        #[arg(long, short, value_name = "FILE.nq")]
        output: PathBuf,
        #[command(flatten)]
        lexicons: LexiconArgs,
    },
    /// Merge shard graphs (from `dossier extract --shard`) into the store.
    ///
    /// Source counts of events and claims are counted again over all parts and what the store
    /// holds, and contradictions between claims of different parts are found, so the result
    /// equals one `build` of the whole corpus. Each part is committed atomically once read
    /// whole: a damaged part stores nothing. Merging a part twice changes nothing.
    ///
    /// Examples:
    ///   dossier merge part-*.nq --store news.db
    ///   dossier merge part-*.nq --memory -o merged.nq
    #[command(verbatim_doc_comment)]
    Merge {
        /// The N-Quads files to merge.
        #[arg(required = true, value_name = "PART.nq")]
        parts: Vec<PathBuf>,
        /// Merge in memory (with --output, to write the merged graph to a file: a merge in memory
        /// is lost when it ends).
        #[arg(long, requires = "output")]
        memory: bool,
        /// Also write the merged store as N-Quads to this file.
        #[arg(long, short, value_name = "FILE.nq")]
        output: Option<PathBuf>,
        #[command(flatten)]
        lexicons: LexiconArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Load the graph into a triplestore through the SPARQL 1.1 Graph Store HTTP Protocol.
    ///
    /// The default graph goes to --graph (or the endpoint's default graph), each named graph to
    /// a graph of the same name, in batches POSTed to the endpoint. Pushing is idempotent (the
    /// graph has no blank nodes, so sending a statement twice stores it once) and resumable: the
    /// batches the endpoint acknowledged are recorded in --state, and a push that stopped goes
    /// on from there. RDF 1.2 triple terms (claims that state a relation) are sent as classic
    /// RDF reification (rdf:subject/predicate/object) unless --triple-terms keep.
    ///
    /// Examples:
    ///   dossier push --endpoint http://localhost:8890/sparql-graph-crud-auth --auth dba:secret
    ///   dossier push --endpoint http://fuseki:3030/news/data --graph https://example.org/news --triple-terms keep
    #[command(verbatim_doc_comment)]
    Push {
        #[command(flatten)]
        push: PushArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Serve the graph over HTTP: a SPARQL 1.1 Protocol endpoint and a query page.
    ///
    /// /sparql answers GET and POST queries (form-encoded or application/sparql-query) in
    /// JSON, XML, CSV or TSV (SELECT, ASK) and Turtle, N-Triples, N-Quads or JSON-LD
    /// (CONSTRUCT, DESCRIBE), chosen by the Accept header or a format= parameter; without a
    /// query it describes the service. / is a page with a query editor, the example queries,
    /// the network picture and the briefing. Read-only unless --allow-update, which opens
    /// SPARQL Update at /update. Stops cleanly on SIGTERM or Ctrl-C, after the queries running.
    ///
    /// Every request is bound, so the endpoint can face a network: a query runs in a worker
    /// process, answered 503 and killed at --timeout; a client must send its headers within
    /// --header-timeout and its body within --body-timeout (neither restarts with each byte);
    /// a kept-alive connection is closed after --idle-timeout; one address holds at most
    /// --max-connections-per-client connections; bodies are limited by --max-body each and
    /// --max-body-memory together. SERVICE (federated query) is refused: the server sends no
    /// request anywhere. /briefing and /network.svg are computed once per store version.
    /// BYTES take K, M or G (KiB, MiB, GiB): --max-body 16M.
    ///
    /// Examples:
    ///   dossier serve
    ///   dossier serve --bind 0.0.0.0:7878 --timeout 10 --max-rows 100000
    ///   dossier serve --store news.db --allow-update --max-body 64M --max-body-memory 256M
    #[command(verbatim_doc_comment)]
    Serve {
        /// Address and port to listen on.
        #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR:PORT")]
        bind: std::net::SocketAddr,
        /// Seconds a query (or the briefing, or the picture) may run: then it is answered 503,
        /// whether or not its evaluation has stopped yet, and its evaluation is cancelled.
        #[arg(long, default_value = "30", value_name = "SECONDS", value_parser = seconds)]
        timeout: std::time::Duration,
        /// Most rows (or triples) a result may have; larger results are refused.
        #[arg(long, default_value_t = 100_000, value_name = "N")]
        max_rows: usize,
        /// Accept SPARQL Update at /update.
        #[arg(long)]
        allow_update: bool,
        #[command(flatten)]
        limits: ServeLimits,
        /// Run as a query worker of a server (the server starts its workers so): queries in
        /// on standard input, answers out on standard output.
        #[arg(long, hide = true)]
        query_worker: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
}

/// What a client of `dossier serve` may cost (the defaults are `Limits::default()`'s).
#[derive(Debug, Args, Clone)]
pub struct ServeLimits {
    /// Seconds a client has to send a request's line and headers, from the connection's start
    /// (or the request's first byte); a client that trickles them is cut off (408).
    #[arg(long, default_value = "10", value_name = "SECONDS", value_parser = seconds)]
    pub header_timeout: std::time::Duration,
    /// Seconds a client has to send a request's whole body, from the end of its headers (408).
    #[arg(long, default_value = "30", value_name = "SECONDS", value_parser = seconds)]
    pub body_timeout: std::time::Duration,
    /// Seconds a kept-alive connection may wait for its next request before it is closed.
    #[arg(long, default_value = "15", value_name = "SECONDS", value_parser = seconds)]
    pub idle_timeout: std::time::Duration,
    /// Seconds a client has to take a whole response; one that does not read is cut off.
    #[arg(long, default_value = "60", value_name = "SECONDS", value_parser = seconds)]
    pub send_timeout: std::time::Duration,
    /// Connections open at once, all clients together; more are answered 503 at once.
    #[arg(long, default_value_t = 512, value_name = "N", value_parser = clap::value_parser!(u32).range(1..).map(|n| n as usize))]
    pub max_connections: usize,
    /// Connections open at once from one client address; more are answered 503 at once.
    #[arg(long, default_value_t = 64, value_name = "N", value_parser = clap::value_parser!(u32).range(1..).map(|n| n as usize))]
    pub max_connections_per_client: usize,
    /// Largest request line and headers (431 beyond).
    #[arg(long, default_value = "64K", value_name = "BYTES", value_parser = bytes)]
    pub max_header_bytes: u64,
    /// Largest request body, a query or an update (413 beyond, answered before the body is
    /// read; what the client goes on sending is dropped for 2 s so that it sees the answer).
    #[arg(long, default_value = "8M", value_name = "BYTES", value_parser = bytes)]
    pub max_body: u64,
    /// Bytes of request bodies held at once, all requests together (503 beyond).
    #[arg(long, default_value = "64M", value_name = "BYTES", value_parser = bytes)]
    pub max_body_memory: u64,
    /// Queries (and briefing or picture computations) evaluated at once, each query in a
    /// worker process killed at its --timeout; a query waits for a place within its --timeout
    /// (then 503).
    #[arg(long, default_value_t = 8, value_name = "N", value_parser = clap::value_parser!(u32).range(1..).map(|n| n as usize))]
    pub max_queries: usize,
}

impl ServeLimits {
    /// The library's limits; refuses a body limit no budget could hold.
    pub fn limits(&self) -> Result<dossier::serve::Limits, String> {
        if self.max_body > self.max_body_memory {
            return Err(format!(
                "--max-body ({}) is larger than --max-body-memory ({}): no body that large could be held",
                self.max_body, self.max_body_memory
            ));
        }
        Ok(dossier::serve::Limits {
            header_timeout: self.header_timeout,
            body_timeout: self.body_timeout,
            idle_timeout: self.idle_timeout,
            send_timeout: self.send_timeout,
            max_connections: self.max_connections,
            max_connections_per_client: self.max_connections_per_client,
            max_header_bytes: usize::try_from(self.max_header_bytes).unwrap_or(usize::MAX),
            max_body_bytes: self.max_body,
            max_body_memory: self.max_body_memory,
            max_queries: self.max_queries,
        })
    }
}

impl ServeLimits {
    /// The server's options: these limits, `(timeout, max_rows, allow_update)`, and query
    /// workers started as [`query_worker`] on `store`.
    pub fn options(
        &self,
        (timeout, max_rows, allow_update): (std::time::Duration, usize, bool),
        store: &std::path::Path,
    ) -> anyhow::Result<dossier::serve::ServeOptions> {
        let (limits, worker) = (self.limits().map_err(anyhow::Error::msg)?, query_worker(store));
        Ok(dossier::serve::ServeOptions { timeout, max_rows, allow_update, limits, worker })
    }
}

/// How `dossier serve` starts its query workers: this same program, `serve --query-worker`
/// on the same store (none when the program's path is unknown: queries then run on threads).
fn query_worker(store: &std::path::Path) -> Option<dossier::serve::WorkerCommand> {
    std::env::current_exe().ok().map(|program| dossier::serve::WorkerCommand {
        program,
        args: vec!["serve".into(), "--query-worker".into(), "--store".into(), store.to_path_buf().into()],
    })
}

/// A positive number of seconds (fractions allowed).
fn seconds(text: &str) -> Result<std::time::Duration, String> {
    match text.trim().parse::<f64>() {
        Ok(s) if s > 0.0 && s.is_finite() && s < 1e9 => Ok(std::time::Duration::from_secs_f64(s)),
        _ => Err(format!("{text:?} is not a positive number of seconds")),
    }
}

/// A size in bytes: a whole number, optionally followed by K, M or G (KiB, MiB, GiB).
fn bytes(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let upper = trimmed.to_ascii_uppercase();
    let number = upper.strip_suffix('B').filter(|n| n.ends_with(['K', 'M', 'G'])).unwrap_or(&upper);
    let (digits, unit) = match number.char_indices().last() {
        Some((at, 'K')) => (&number[..at], 1u64 << 10),
        Some((at, 'M')) => (&number[..at], 1 << 20),
        Some((at, 'G')) => (&number[..at], 1 << 30),
        _ => (number, 1),
    };
    digits
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|&n| n > 0)
        .and_then(|n| n.checked_mul(unit))
        .ok_or_else(|| format!("{text:?} is not a size: give bytes, or a number with K, M or G (16M)"))
}

/// Where and how `push` sends the graph.
#[derive(Debug, Args, Clone)]
pub struct PushArgs {
    /// The Graph Store Protocol endpoint (graphs are addressed with ?graph= or ?default).
    #[arg(long, value_name = "URL")]
    pub endpoint: String,
    /// The graph that receives the default graph (default: the endpoint's default graph).
    #[arg(long, value_name = "IRI")]
    pub graph: Option<String>,
    /// HTTP Basic credentials.
    #[arg(long, value_name = "USER:PASS", value_parser = parse_credentials)]
    pub auth: Option<Credentials>,
    /// Statements per request.
    #[arg(long, default_value_t = 50_000)]
    pub batch: usize,
    /// How to send RDF 1.2 triple terms.
    #[arg(long, value_enum, default_value_t = TripleTermsArg::Reify)]
    pub triple_terms: TripleTermsArg,
    /// File recording the batches acknowledged (default: next to the store).
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Start from the first batch, whatever the state file says.
    #[arg(long)]
    pub restart: bool,
    /// Seconds to wait for each request.
    #[arg(long, default_value_t = 300)]
    pub timeout: u64,
}

impl PushArgs {
    /// The library's options; the state file is next to the store unless given.
    pub fn options(self, store: &std::path::Path) -> dossier::push::PushOptions {
        let state = self.state.unwrap_or_else(|| PathBuf::from(format!("{}.push.json", store.display())));
        dossier::push::PushOptions {
            endpoint: self.endpoint,
            graph: self.graph,
            auth: self.auth.map(|credentials| (credentials.user, credentials.password)),
            batch: self.batch,
            triple_terms: self.triple_terms.into(),
            timeout: std::time::Duration::from_secs(self.timeout),
            state: Some(state),
            restart: self.restart,
        }
    }
}

/// Extra lexicons, as for `build`.
#[derive(Debug, Args, Clone)]
pub struct LexiconArgs {
    /// Extra actors in Turtle, same vocabulary as ontology/actors.ttl (may repeat).
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,
    /// Extra event triggers, same TSV format as ontology/events.tsv (may repeat).
    #[arg(long, value_name = "FILE")]
    pub triggers: Vec<PathBuf>,
    /// Any extra lexicon, read as the ontology/ file it is named after: *.ttl, events*.tsv,
    /// reporting*.tsv, descriptions*.tsv, relations*.tsv, collectives*.tsv, titles*.tsv,
    /// wrongdoing*.tsv, word_classes*.tsv or boilerplate*.tsv (may repeat).
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
}

impl LexiconArgs {
    /// The shipped lexicons with these additions.
    pub fn lexicon(&self) -> Result<dossier::lexicon::Lexicon, dossier::lexicon::LexiconError> {
        let mut lexicon = dossier::lexicon::Lexicon::builtin()?;
        for file in &self.gazetteer {
            lexicon.add_gazetteer_file(file)?;
        }
        for file in &self.triggers {
            lexicon.add_trigger_file(file)?;
        }
        for file in &self.lexicon {
            lexicon.add_file(file)?;
        }
        Ok(lexicon)
    }
}

/// How `push` sends RDF 1.2 triple terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TripleTermsArg {
    /// As RDF 1.2 (for stores that support it).
    Keep,
    /// As classic RDF reification, for stores without RDF 1.2 (Virtuoso, Blazegraph, ...).
    Reify,
}

impl From<TripleTermsArg> for dossier::push::TripleTerms {
    fn from(arg: TripleTermsArg) -> dossier::push::TripleTerms {
        match arg {
            TripleTermsArg::Keep => dossier::push::TripleTerms::Keep,
            TripleTermsArg::Reify => dossier::push::TripleTerms::Reify,
        }
    }
}

/// HTTP Basic credentials of `push --auth`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub user: String,
    pub password: String,
}

/// `USER:PASS` (the password may hold colons; the user may not be empty).
fn parse_credentials(text: &str) -> Result<Credentials, String> {
    match text.split_once(':') {
        Some((user, password)) if !user.is_empty() => {
            Ok(Credentials { user: user.to_string(), password: password.to_string() })
        }
        _ => Err("takes USER:PASS".to_string()),
    }
}

/// `--format` of `query`: the names of [`ResultsFormat::NAMES`], listed in the help.
fn results_format() -> impl TypedValueParser<Value = ResultsFormat> {
    PossibleValuesParser::new(ResultsFormat::NAMES.map(|(name, _)| name)).try_map(|name| name.parse::<ResultsFormat>())
}

/// `--format` of the listings: table, csv or json.
fn table_format() -> impl TypedValueParser<Value = TableFormat> {
    PossibleValuesParser::new(["table", "csv", "json"]).try_map(|name| name.parse::<TableFormat>())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParseFormat {
    /// CoNLL-U, with offsets and entity tags in MISC.
    Conllu,
    /// One JSON object per document per line.
    Json,
}

impl From<ParseFormat> for dossier::nlp::ParseFormat {
    fn from(format: ParseFormat) -> dossier::nlp::ParseFormat {
        match format {
            ParseFormat::Conllu => dossier::nlp::ParseFormat::Conllu,
            ParseFormat::Json => dossier::nlp::ParseFormat::Json,
        }
    }
}

/// How a metric is computed.
#[derive(Debug, Args, Clone, Default)]
pub struct MetricArgs {
    /// Use edge weights for every metric (betweenness and closeness: path length 1/weight).
    /// Without it PageRank and eigenvector are weighted, the others not.
    #[arg(long)]
    pub weighted: bool,
    /// Degree and betweenness without NetworkX's normalisation.
    #[arg(long)]
    pub raw: bool,
    /// Betweenness estimated from K pivot sources (Brandes–Pich) instead of all: for large graphs.
    #[arg(long, value_name = "K")]
    pub sample: Option<usize>,
    /// Seed of the pivot draw (with --sample).
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Katz attenuation (must be below 1/λmax of the network).
    #[arg(long, default_value_t = 0.1)]
    pub alpha: f64,
    /// PageRank damping.
    #[arg(long, default_value_t = 0.85)]
    pub damping: f64,
}

impl MetricArgs {
    /// The library's options for `metric`: the metric's defaults
    /// ([`MetricOptions::for_metric`]: PageRank and eigenvector weighted) with what was given.
    pub fn options(&self, metric: Metric) -> MetricOptions {
        let defaults = MetricOptions::for_metric(metric);
        MetricOptions {
            weighted: self.weighted || defaults.weighted,
            normalized: !self.raw,
            damping: self.damping,
            alpha: self.alpha,
            sample: self.sample,
            seed: self.seed,
            ..defaults
        }
    }
}

/// Which evidence makes the actor network (shared by rank, show, path and export).
#[derive(Debug, Args, Clone, Default)]
pub struct NetworkArgs {
    /// Only events and claims dated on or after DATE (YYYY-MM-DD); undated ones are left out.
    #[arg(long, value_name = "DATE")]
    pub from: Option<jiff::civil::Date>,
    /// Only events and claims dated on or before DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<jiff::civil::Date>,
    /// Only events of this PLOVER type (AGREE, CONSULT, ..., ASSAULT); claims are left out.
    #[arg(long = "type", value_name = "PLOVER_TYPE")]
    pub event_type: Option<dossier::plover::EventType>,
    /// Only events and claims reported by at least N documents.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub min_sources: usize,
    /// Places as nodes too, linked to the events that happen there.
    #[arg(long)]
    pub with_places: bool,
    /// Edge weight: supporting events and claims, or reports (their source counts added up).
    #[arg(long, value_enum, default_value_t = WeightArg::Items)]
    pub weight: WeightArg,
    /// Every actor in the network: also unnamed collectives ("neighbouring countries",
    /// "diplomatic missions") and media organisations cited only as sources, which are left out
    /// of rankings and pictures by default.
    #[arg(long)]
    pub all_actors: bool,
}

impl NetworkArgs {
    /// The library's filter.
    pub fn filter(&self) -> NetworkFilter {
        NetworkFilter {
            from: self.from,
            to: self.to,
            event_type: self.event_type,
            min_sources: self.min_sources,
            with_places: self.with_places,
            weight: match self.weight {
                WeightArg::Items => Weight::Items,
                WeightArg::Sources => Weight::Sources,
            },
            all_actors: self.all_actors,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum WeightArg {
    #[default]
    Items,
    Sources,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Period {
    Month,
}

/// The checks clap cannot make alone, made before anything runs, so that usage errors exit
/// with 2 like clap's own.
pub fn check(cli: &Cli) -> Result<(), clap::Error> {
    if let Command::Export { format, output, .. } = &cli.command {
        export_format(*format, output.as_deref())?;
    }
    Ok(())
}

/// The format of `dossier export`: as given, or guessed from the output's extension; csv needs
/// an output folder.
pub fn export_format(
    format: Option<ExportArg>,
    output: Option<&std::path::Path>,
) -> Result<dossier::export::ExportFormat, clap::Error> {
    use clap::error::ErrorKind;
    use clap::CommandFactory;
    use dossier::export::ExportFormat;
    let usage = |kind: ErrorKind, message: &str| {
        let mut command = Cli::command();
        command.build();
        match command.find_subcommand_mut("export") {
            Some(export) => export.error(kind, message),
            None => command.error(kind, message),
        }
    };
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
        None => output.and_then(ExportFormat::from_extension).ok_or_else(|| {
            usage(
                ErrorKind::MissingRequiredArgument,
                "give --format (nquads, turtle, trig, ntriples, jsonld, dot, svg, png, pdf, csv, graphml); it cannot be guessed from the output name",
            )
        })?,
    };
    if format == ExportFormat::Csv && output.is_none() {
        return Err(usage(
            ErrorKind::MissingRequiredArgument,
            "--format csv writes nodes.csv, edges.csv, events.csv and claims.csv: give the folder with -o DIR",
        ));
    }
    Ok(format)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportArg {
    Nquads,
    Turtle,
    Trig,
    Ntriples,
    Jsonld,
    Dot,
    Svg,
    Png,
    Pdf,
    Csv,
    Graphml,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_suffixes_and_seconds_must_be_positive() {
        assert_eq!(bytes("512"), Ok(512));
        assert_eq!(bytes("64K"), Ok(64 << 10));
        assert_eq!(bytes("8m"), Ok(8 << 20));
        assert_eq!(bytes("1GB"), Ok(1 << 30));
        for bad in ["", "0", "-1", "1.5M", "12T", "M", "99999999999999999999G"] {
            assert!(bytes(bad).unwrap_err().contains("is not a size"), "{bad}");
        }
        assert_eq!(seconds("0.5"), Ok(std::time::Duration::from_millis(500)));
        for bad in ["0", "-3", "inf", "NaN", "soon"] {
            assert!(seconds(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_default_flags_are_the_library_defaults() {
        let cli = Cli::parse_from(["dossier", "serve"]);
        let Command::Serve { limits, .. } = cli.command else { panic!("serve") };
        assert_eq!(limits.limits().unwrap(), dossier::serve::Limits::default());
        let cli = Cli::parse_from(["dossier", "serve", "--max-body", "128M"]);
        let Command::Serve { limits, .. } = cli.command else { panic!("serve") };
        assert!(limits.limits().unwrap_err().contains("--max-body-memory"));
    }
}
