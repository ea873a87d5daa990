//! The English NLP core ([`dossier_nlp`]), loaded once per process and shared by every build.

use std::sync::OnceLock;

use dossier_nlp::Pipeline;

/// The embedded English pipeline (spaCy's `en_core_web_sm` 3.8.0 in Rust), loaded on first use.
///
/// ```
/// let doc = dossier::nlp::english().process("Kenya sent police officers to Haiti.");
/// assert_eq!(doc.entities().map(|e| e.label()).collect::<Vec<_>>(), ["GPE", "GPE"]);
/// ```
pub fn english() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(Pipeline::english)
}

/// How [`write_parses`] writes each document's analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseFormat {
    /// CoNLL-U: `# newdoc id = FILE`, then per sentence `# sent_id`, `# text` and ten columns
    /// per token, offsets and entity tags in MISC.
    Conllu,
    /// One JSON object per document per line, with its `file`.
    Json,
}

/// What [`write_parses`] did.
#[derive(Debug, Default)]
pub struct ParseReport {
    /// Documents analysed and written.
    pub documents: usize,
    /// Files (or parts of files) that could not be read, each with its path.
    pub problems: Vec<crate::corpus::CorpusError>,
}

/// `dossier parse`: the documents of `paths` read as a build reads them, analysed by `pipeline`
/// and written to `out` in file order. Files are read and analysed in parallel, 256 at a time.
///
/// ```
/// use dossier::nlp::{english, write_parses, ParseFormat};
///
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("a.txt"), "Kenya sent police to Haiti.")?;
/// let mut out = Vec::new();
/// let report = write_parses(&[dir.path().to_path_buf()], english(), ParseFormat::Conllu, &mut out)?;
/// assert_eq!(report.documents, 1);
/// assert!(String::from_utf8(out).unwrap().starts_with("# newdoc id = a.txt\n"));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_parses(
    paths: &[std::path::PathBuf],
    pipeline: &Pipeline,
    format: ParseFormat,
    mut out: impl std::io::Write,
) -> std::io::Result<ParseReport> {
    use rayon::prelude::*;
    let (files, problems) = crate::corpus::collect_files(paths);
    let mut report = ParseReport { documents: 0, problems };
    let boilerplate = crate::lexicon::Boilerplate::builtin();
    for chunk in files.chunks(256) {
        let analysed: Vec<_> = chunk
            .par_iter()
            .map(|path| {
                crate::corpus::read_file(path, &boilerplate).map(|contents| {
                    let docs: Vec<_> =
                        contents.documents.iter().map(|d| (d.file_name.clone(), pipeline.process(&d.text))).collect();
                    (docs, contents.problems)
                })
            })
            .collect();
        for result in analysed {
            let (docs, file_problems) = match result {
                Ok(read) => read,
                Err(problem) => {
                    report.problems.push(problem);
                    continue;
                }
            };
            report.problems.extend(file_problems);
            for (name, doc) in docs {
                report.documents += 1;
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
    Ok(report)
}
