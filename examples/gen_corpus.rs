//! A deterministic generator of news-like articles for benchmarks: the same seed gives the same
//! bytes.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --docs 10000 --seed 7 -o /tmp/corpus-10k
//! ```
//!
//! Articles are 300 to 1,500 words, dated over 2019-2024, in three layouts (plain text with a
//! dateline, byline and ads; HTML pages with navigation, scripts and a comment footer; JSON Lines
//! records, 100 to a file). They mention the gazetteer's actors and places and many generated
//! unknown people, and state events of every PLOVER type (from `ontology/events.tsv`), reported
//! speech and quotations, among background sentences.
//!
//! With `--syndicated`, documents are wire copy as news agencies spread it: each retells one of
//! `--stories N` stories (default 5,000) picked with a heavy-tailed (Zipf, s = 1) frequency, so
//! the most popular story is in about a tenth of the documents and most stories in a handful.
//! A story is a fixed dated lead and a few paragraphs of events and reported speech; a document
//! keeps the lead and the first paragraphs of its story (word for word, as syndication does),
//! adds one of 500 recurring background statements (again Zipf-distributed: "Dmitry Peskov said
//! that ..." repeated across stories) and a few fresh sentences of its own, under its own
//! publisher. The same events and claims therefore recur in thousands of documents.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --docs 20000 --seed 7 --syndicated -o /tmp/wire-20k
//! ```

use std::error::Error;
use std::fmt::Write as _;
use std::path::PathBuf;

use dossier::lexicon::words::VerbForm;
use dossier::lexicon::{ActorKind, Lexicon};

/// SplitMix64: small, fast, good enough for text generation, identical everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const FIRST: &[&str] = &[
    "Farid",
    "Amina",
    "Rustam",
    "Olga",
    "Javed",
    "Saida",
    "Timur",
    "Nadia",
    "Karim",
    "Elena",
    "Bakhtiyor",
    "Zarina",
    "Ivan",
    "Leila",
    "Dilshod",
    "Mariam",
    "Anwar",
    "Svetlana",
    "Hamid",
    "Gulnara",
    "Sergei",
    "Parisa",
    "Aziz",
    "Natalia",
    "Omar",
    "Shirin",
    "Viktor",
    "Fatima",
    "Daniyar",
    "Irina",
    "Yusuf",
    "Madina",
    "Alexei",
    "Soraya",
    "Jamshid",
    "Tatiana",
];
const LAST: &[&str] = &[
    "Nazari",
    "Rahimov",
    "Karimova",
    "Sokolov",
    "Haidari",
    "Yusupov",
    "Petrova",
    "Qaderi",
    "Tursunov",
    "Ivanova",
    "Ahmadi",
    "Sharipov",
    "Volkov",
    "Mirzaei",
    "Nurmatov",
    "Kuznetsova",
    "Popal",
    "Abdullaev",
    "Morozov",
    "Safi",
    "Ergashev",
    "Orlova",
    "Wardak",
    "Kholmatov",
    "Lebedev",
    "Stanekzai",
    "Davletov",
    "Fedorova",
    "Hotak",
    "Ismoilov",
];
const ROLES: &[&str] = &[
    "a spokesman for the ministry",
    "a senior official",
    "a regional analyst",
    "a military commander",
    "an expert on Central Asia",
    "a border guard commander",
    "a senior diplomat",
    "a researcher at a Moscow think-tank",
];
const PUBLISHERS: &[&str] =
    &["Radio Azadi", "The Hindu", "Dawn", "Eurasianet", "The Frontier Post", "Reuters", "AFP", "TASS"];
const BACKGROUND: &[&str] = &[
    "The situation along the border has remained tense for months.",
    "Analysts say the region faces a difficult winter as food prices rise.",
    "Trade across the frontier has fallen sharply since the summer.",
    "Officials have repeatedly stressed the need for regional stability.",
    "Thousands of families have crossed the mountains in recent weeks.",
    "The talks are seen as a test of the new government's intentions.",
    "Drug trafficking along the northern routes remains a major concern.",
    "Several aid organisations have scaled back their work in the provinces.",
    "The issue is expected to dominate the agenda of the next summit.",
    "Energy supplies to the region were disrupted twice this year.",
];
/// Subjects and predicates of generated background sentences (no actor in them).
const SUBJECTS: &[&str] = &[
    "Local traders",
    "Many residents",
    "Diplomats in the capital",
    "Observers",
    "Aid workers",
    "Farmers in the valley",
    "Families displaced by the fighting",
    "Road builders",
    "Teachers and doctors",
    "Truck drivers at the crossing",
    "Regional experts",
    "Students",
];
const PREDICATES: &[&str] = &[
    "have complained about rising prices and long queues at the markets",
    "expect the coming months to bring little change",
    "say the roads to the north are often closed by snow in winter",
    "have waited for weeks for news of their relatives",
    "describe the mood in the city as calm but uncertain",
    "point to the shortage of fuel and medicine",
    "worry that the economy will not recover soon",
    "were not paid for several months last year",
    "say that security has improved in some districts and worsened in others",
    "have started to return to their villages after the harvest",
];
const PLACE_LINES: &[&str] = &[
    "Prices in {P} have nearly doubled since the spring.",
    "The road from {P} to the border was reopened after repairs.",
    "Shops in {P} reopened this week after a long closure.",
    "Schools in {P} remain closed because of the cold.",
    "Flights to {P} were suspended for several days.",
];
const REPORTING: &[&str] = &["said", "told reporters", "stated", "warned", "added", "confirmed", "insisted", "noted"];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// Event templates per PLOVER type: a verb lemma (inflected with the lexicon's own morphology),
/// then the rest of the clause with `{B}` (another actor) and `{P}` (a place). Written as a
/// reporter would, so some of them are phrased in ways the trigger lexicon does not cover.
const TEMPLATES: &[(&str, &str, &str)] = &[
    ("AGREE", "sign", "an agreement with {B}"),
    ("AGREE", "reach", "a deal with {B} on border security"),
    ("AGREE", "give", "assurances to {B} that the border would stay calm"),
    ("AGREE", "accept", "a proposal from {B}"),
    ("CONSULT", "hold", "talks with {B} in {P}"),
    ("CONSULT", "meet", "{B} in {P}"),
    ("CONSULT", "visit", "{P}"),
    ("CONSULT", "speak", "by phone with {B}"),
    ("CONSULT", "host", "a delegation from {B}"),
    ("CONSULT", "invite", "{B} to a conference in {P}"),
    ("SUPPORT", "praise", "{B} for its role in the talks"),
    ("SUPPORT", "endorse", "the plan put forward by {B}"),
    ("SUPPORT", "welcome", "the decision of {B}"),
    ("CONCEDE", "ease", "restrictions on {B}"),
    ("CONCEDE", "reverse", "course on {B}"),
    ("COOPERATE", "cooperate", "with {B} on counter-terrorism"),
    ("COOPERATE", "join", "forces with {B}"),
    ("AID", "send", "aid to {B}"),
    ("AID", "deliver", "aid to {B} in {P}"),
    ("AID", "step", "up its military assistance to {B}"),
    ("RETREAT", "withdraw", "its troops from {P}"),
    ("RETREAT", "pull", "out of {P}"),
    ("REQUEST", "urge", "{B} to respect the ceasefire"),
    ("REQUEST", "call", "on {B} to release the prisoners"),
    ("REQUEST", "ask", "{B} for help with refugees"),
    ("ACCUSE", "accuse", "{B} of supplying weapons to the militants"),
    ("ACCUSE", "blame", "{B} for the attack in {P}"),
    ("ACCUSE", "condemn", "{B} over the shelling"),
    ("REJECT", "reject", "the demands of {B}"),
    ("REJECT", "rule", "out talks with {B}"),
    ("THREATEN", "threaten", "{B} with retaliation"),
    ("PROTEST", "protest", "against {B} in {P}"),
    ("PROTEST", "boycott", "the summit hosted by {B}"),
    ("SANCTION", "impose", "sanctions on {B}"),
    ("SANCTION", "expel", "diplomats of {B}"),
    ("SANCTION", "suspend", "cooperation with {B}"),
    ("MOBILIZE", "deploy", "troops to {P}"),
    ("MOBILIZE", "hold", "military exercises near {P}"),
    ("MOBILIZE", "reinforce", "its positions in {P}"),
    ("COERCE", "arrest", "supporters of {B} in {P}"),
    ("COERCE", "detain", "members of {B}"),
    ("ASSAULT", "attack", "{B} in {P}"),
    ("ASSAULT", "seize", "{P}"),
    ("ASSAULT", "bomb", "positions of {B} near {P}"),
];

/// The past tense of a verb lemma, from the lexicon's morphology (irregular forms included).
fn past_tense(lexicon: &Lexicon, lemma: &str) -> String {
    lexicon
        .words
        .morphology
        .inflect(lemma)
        .into_iter()
        .find(|(_, form)| *form == VerbForm::Past)
        .map_or_else(|| format!("{lemma}ed"), |(past, _)| past)
}

struct World {
    actors: Vec<String>,
    people: Vec<String>,
    places: Vec<String>,
    /// (type, past-tense verb, rest of the clause).
    events: Vec<(&'static str, String, &'static str)>,
}

impl World {
    fn load() -> Result<World, Box<dyn Error>> {
        let lexicon = Lexicon::builtin()?;
        let mut actors = Vec::new();
        let mut people = Vec::new();
        let mut places = Vec::new();
        for (_, entry) in lexicon.gazetteer.entries() {
            match entry.kind {
                ActorKind::Place => places.push(entry.label.clone()),
                ActorKind::Person => people.push(entry.label.clone()),
                ActorKind::Group => {}
                _ => actors.push(entry.label.clone()),
            }
        }
        let events = TEMPLATES.iter().map(|(t, lemma, rest)| (*t, past_tense(&lexicon, lemma), *rest)).collect();
        Ok(World { actors, people, places, events })
    }
}

fn unknown_person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

fn date_phrase(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!("on {}", rng.pick(WEEKDAYS)),
        1 => format!("on {} {}", rng.pick(MONTHS), 1 + rng.below(28)),
        2 => format!("in {}", rng.pick(MONTHS)),
        _ => "this week".to_string(),
    }
}

/// One event sentence: agent, verb, the rest of the clause, sometimes a time.
fn event_sentence(rng: &mut Rng, world: &World) -> String {
    let (_, verb, rest) = rng.pick(&world.events);
    let agent = if rng.chance(70) { rng.pick(&world.actors).clone() } else { rng.pick(&world.people).clone() };
    let mut target = rng.pick(&world.actors);
    while *target == agent {
        target = rng.pick(&world.actors);
    }
    let rest = rest.replace("{B}", target).replace("{P}", rng.pick(&world.places).as_str());
    let mut sentence = format!("{agent} {verb} {rest}");
    if rng.chance(60) {
        write!(sentence, " {}", date_phrase(rng)).expect("string");
    }
    sentence.push('.');
    sentence
}

/// A sentence of reported speech or a quotation.
fn claim_sentence(rng: &mut Rng, world: &World, speakers: &[String]) -> String {
    let speaker = rng.pick(speakers).clone();
    let inner = event_sentence(rng, world);
    let inner = inner.trim_end_matches('.');
    let verb = rng.pick(REPORTING);
    match rng.below(3) {
        0 => format!("{speaker} {verb} that {}.", lowercase_first(inner)),
        1 => format!("“{inner},” {speaker} {verb}."),
        _ => format!("According to {speaker}, {}.", lowercase_first(inner)),
    }
}

fn lowercase_first(text: &str) -> String {
    // Names keep their capitals; only a leading article is lowered.
    text.strip_prefix("The ").map_or(text.to_string(), |rest| format!("the {rest}"))
}

/// Zipf-distributed choice among `n` ranks (rank 0 the most frequent), by inverse CDF.
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, exponent: f64) -> Zipf {
        let mut total = 0.0;
        let cumulative = (1..=n)
            .map(|rank| {
                total += 1.0 / (rank as f64).powf(exponent);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let wanted = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        self.cumulative.partition_point(|&c| c < wanted).min(self.cumulative.len() - 1)
    }
}

/// Settings of the syndicated mode.
struct Syndication {
    seed: u64,
    stories: Zipf,
    statements: Zipf,
}

/// A story as the wire sends it: date, headline, paragraphs in order.
struct Story {
    date: String,
    title: String,
    paragraphs: Vec<String>,
}

/// Another generator for each numbered thing of a seed, so a story is the same in every document.
fn rng_for(seed: u64, kind: u64, number: usize) -> Rng {
    let mut rng =
        Rng(seed ^ kind.wrapping_mul(0xA24B_AED4_963E_E407) ^ (number as u64).wrapping_mul(0x9FB2_1C65_1E98_DF25));
    rng.next();
    rng
}

fn story(world: &World, seed: u64, number: usize) -> Story {
    let mut rng = rng_for(seed, 1, number);
    let date = format!("{:04}-{:02}-{:02}", 2019 + rng.below(6), 1 + rng.below(12), 1 + rng.below(28));
    let speakers: Vec<String> = (0..2).map(|_| rng.pick(&world.people).clone()).collect();
    let mut paragraphs = vec![event_sentence(&mut rng, world)];
    for _ in 0..3 + rng.below(4) {
        let sentence =
            if rng.chance(50) { event_sentence(&mut rng, world) } else { claim_sentence(&mut rng, world, &speakers) };
        let context = format!("{} {}.", rng.pick(SUBJECTS), rng.pick(PREDICATES));
        paragraphs.push(format!("{sentence} {context}"));
    }
    let title = paragraphs[0].trim_end_matches('.').to_string();
    Story { date, title, paragraphs }
}

/// A statement repeated across stories: reported speech of a known person.
fn statement(world: &World, seed: u64, number: usize) -> String {
    let mut rng = rng_for(seed, 2, number);
    let speaker = rng.pick(&world.people).clone();
    claim_sentence(&mut rng, world, &[speaker])
}

/// A syndicated article: its story's lead and first paragraphs word for word, a recurring
/// statement, and a few sentences of its own.
fn syndicated_article(rng: &mut Rng, world: &World, syndication: &Syndication) -> Article {
    let story = story(world, syndication.seed, syndication.stories.sample(rng));
    let kept = 2 + rng.below(story.paragraphs.len() - 1);
    let mut paragraphs: Vec<String> = story.paragraphs[..kept].to_vec();
    paragraphs.push(statement(world, syndication.seed, syndication.statements.sample(rng)));
    for _ in 0..2 + rng.below(4) {
        let sentence = match rng.below(4) {
            0 => rng.pick(BACKGROUND).to_string(),
            1 => rng.pick(PLACE_LINES).replace("{P}", rng.pick(&world.places).as_str()),
            _ => format!("{} {}.", rng.pick(SUBJECTS), rng.pick(PREDICATES)),
        };
        paragraphs.push(sentence);
    }
    Article { title: story.title, date: story.date, publisher: rng.pick(PUBLISHERS).to_string(), paragraphs }
}

struct Article {
    title: String,
    date: String,
    publisher: String,
    paragraphs: Vec<String>,
}

fn article(rng: &mut Rng, world: &World) -> Article {
    let year = 2019 + rng.below(6);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let date = format!("{year:04}-{month:02}-{day:02}");
    let words_wanted = 300 + rng.below(1201);
    let mut speakers: Vec<String> = (0..3).map(|_| rng.pick(&world.people).clone()).collect();
    let unknown: Vec<String> = (0..2).map(|_| unknown_person(rng)).collect();
    speakers.extend(unknown.iter().cloned());
    let mut paragraphs = Vec::new();
    let mut words = 0;
    // Introduce the unknown people with a role, as news does.
    for person in &unknown {
        let role = rng.pick(ROLES);
        let line = format!("{person}, {role}, said {}", lowercase_first(&event_sentence(rng, world)));
        words += line.split_whitespace().count();
        paragraphs.push(line);
    }
    while words < words_wanted {
        let sentences = 1 + rng.below(3);
        let mut paragraph = String::new();
        for _ in 0..sentences {
            let sentence = match rng.below(20) {
                0..=4 => event_sentence(rng, world),
                5..=8 => claim_sentence(rng, world, &speakers),
                9..=10 => rng.pick(BACKGROUND).to_string(),
                11..=12 => rng.pick(PLACE_LINES).replace("{P}", rng.pick(&world.places).as_str()),
                _ => format!("{} {}.", rng.pick(SUBJECTS), rng.pick(PREDICATES)),
            };
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(&sentence);
        }
        words += paragraph.split_whitespace().count();
        paragraphs.push(paragraph);
    }
    let title = event_sentence(rng, world).trim_end_matches('.').to_string();
    Article { title, date, publisher: rng.pick(PUBLISHERS).to_string(), paragraphs }
}

fn as_text(article: &Article, rng: &mut Rng) -> String {
    let mut out = format!("{}\n\ndate {} By {}\n\n", article.title, article.date, article.publisher);
    for (i, paragraph) in article.paragraphs.iter().enumerate() {
        out.push_str(paragraph);
        out.push_str("\n\n");
        if i % 6 == 5 && rng.chance(50) {
            out.push_str("Advertisement\n\n");
        }
    }
    out.push_str("Post a Comment\n\nComments have to be in English, and in full sentences.\n");
    out
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn as_html(article: &Article) -> String {
    let mut out = format!(
        "<!doctype html><html><head><title>{}</title><meta property=\"og:site_name\" content=\"{}\">\
         <meta property=\"article:published_time\" content=\"{}T08:00:00Z\"><script>window.dataLayer=[];</script></head><body>\
         <nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a> | <a href=\"/asia\">Asia</a></nav>\
         <header><p>Sign in to read more</p></header><article><h1>{}</h1>",
        escape_html(&article.title),
        escape_html(&article.publisher),
        article.date,
        escape_html(&article.title)
    );
    for paragraph in &article.paragraphs {
        write!(out, "<p>{}</p>", escape_html(paragraph)).expect("string");
    }
    out.push_str("</article><aside><h3>Related stories</h3><ul><li>More news</li></ul></aside>");
    out.push_str("<footer><p>Comments have to be in English.</p><p>© Example Media</p></footer></body></html>\n");
    out
}

fn as_json(article: &Article) -> String {
    let record = serde_json::json!({
        "title": article.title,
        "published": article.date,
        "publisher": article.publisher,
        "text": format!("{}\n\n{}", article.title, article.paragraphs.join("\n\n")),
    });
    record.to_string()
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut docs = 1000usize;
    let mut seed = 1u64;
    let mut out = PathBuf::from("corpus");
    let mut syndicated = false;
    let mut stories = 5000usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--docs" => docs = value()?.parse()?,
            "--seed" => seed = value()?.parse()?,
            "-o" | "--out" => out = PathBuf::from(value()?),
            "--syndicated" => syndicated = true,
            "--stories" => stories = value()?.parse::<usize>()?.max(1),
            other => {
                return Err(format!(
                    "unknown argument {other:?} (--docs N --seed S [--syndicated [--stories N]] -o DIR)"
                )
                .into())
            }
        }
    }
    std::fs::create_dir_all(&out)?;
    let world = World::load()?;
    let mut rng = Rng(seed);
    let syndication =
        syndicated.then(|| Syndication { seed, stories: Zipf::new(stories, 1.0), statements: Zipf::new(500, 1.0) });
    let mut jsonl = String::new();
    let mut records = 0usize;
    let mut bytes = 0usize;
    for index in 0..docs {
        let article = match &syndication {
            Some(syndication) => syndicated_article(&mut rng, &world, syndication),
            None => article(&mut rng, &world),
        };
        match index % 3 {
            0 => {
                let text = as_text(&article, &mut rng);
                bytes += text.len();
                std::fs::write(out.join(format!("{index:07}.txt")), text)?;
            }
            1 => {
                let html = as_html(&article);
                bytes += html.len();
                std::fs::write(out.join(format!("{index:07}.html")), html)?;
            }
            _ => {
                let line = as_json(&article);
                bytes += line.len();
                jsonl.push_str(&line);
                jsonl.push('\n');
                records += 1;
                if records == 100 {
                    std::fs::write(out.join(format!("{index:07}.jsonl")), std::mem::take(&mut jsonl))?;
                    records = 0;
                }
            }
        }
    }
    if !jsonl.is_empty() {
        std::fs::write(out.join(format!("{docs:07}.jsonl")), jsonl)?;
    }
    eprintln!("gen_corpus: {docs} articles, {:.1} MB, in {}", bytes as f64 / 1e6, out.display());
    Ok(())
}
