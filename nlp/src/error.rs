//! The crate's one error type.

use std::path::PathBuf;

/// Why a model could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum NlpError {
    /// A model file could not be read.
    #[error("cannot read model file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A model file is not what this version of the crate reads.
    #[error("invalid model file {file}: {message}")]
    Format {
        /// The file, as named in the model folder.
        file: String,
        /// What is wrong with it.
        message: String,
    },
}

impl NlpError {
    /// A [`NlpError::Format`] error.
    pub(crate) fn format(file: impl Into<String>, message: impl Into<String>) -> NlpError {
        NlpError::Format { file: file.into(), message: message.into() }
    }
}
