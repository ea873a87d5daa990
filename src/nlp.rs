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
