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

use std::error::Error;
use std::fmt::Write as _;
use std::path::PathBuf;

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

/// Past-tense verb forms per PLOVER type, read from the shipped trigger lexicon.
fn verbs_by_type() -> Vec<(String, Vec<String>)> {
    let lexicon_text = include_str!("../ontology/events.tsv");
    let mut by_type: Vec<(String, Vec<String>)> = Vec::new();
    for line in lexicon_text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 2
            || fields[0].starts_with('=')
            || fields.get(3).is_some_and(|f| !f.is_empty() && *f != "active")
        {
            continue;
        }
        let mut words: Vec<String> = fields[0].split_whitespace().map(str::to_string).collect();
        let verb = &words[0];
        words[0] = if verb.ends_with('e') {
            format!("{verb}d")
        } else if verb.ends_with('y') && !verb.ends_with("ay") && !verb.ends_with("ey") {
            format!("{}ied", &verb[..verb.len() - 1])
        } else {
            format!("{verb}ed")
        };
        let phrase = words.join(" ");
        match by_type.iter_mut().find(|(t, _)| t == fields[1]) {
            Some((_, list)) => list.push(phrase),
            None => by_type.push((fields[1].to_string(), vec![phrase])),
        }
    }
    by_type
}

struct World {
    actors: Vec<String>,
    people: Vec<String>,
    places: Vec<String>,
    verbs: Vec<(String, Vec<String>)>,
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
        Ok(World { actors, people, places, verbs: verbs_by_type() })
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

/// One event sentence: agent, verb, target, place, time.
fn event_sentence(rng: &mut Rng, world: &World) -> String {
    let (_, verbs) = rng.pick(&world.verbs);
    let verb = rng.pick(verbs);
    let agent = if rng.chance(70) { rng.pick(&world.actors).clone() } else { rng.pick(&world.people).clone() };
    let target = rng.pick(&world.actors);
    let place = rng.pick(&world.places);
    let mut sentence = format!("{agent} {verb} {target}");
    if rng.chance(50) {
        write!(sentence, " in {place}").expect("string");
    }
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
            let sentence = match rng.below(10) {
                0..=3 => event_sentence(rng, world),
                4..=6 => claim_sentence(rng, world, &speakers),
                _ => rng.pick(BACKGROUND).to_string(),
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
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--docs" => docs = value()?.parse()?,
            "--seed" => seed = value()?.parse()?,
            "-o" | "--out" => out = PathBuf::from(value()?),
            other => return Err(format!("unknown argument {other:?} (--docs N --seed S -o DIR)").into()),
        }
    }
    std::fs::create_dir_all(&out)?;
    let world = World::load()?;
    let mut rng = Rng(seed);
    let mut jsonl = String::new();
    let mut records = 0usize;
    let mut bytes = 0usize;
    for index in 0..docs {
        let article = article(&mut rng, &world);
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
