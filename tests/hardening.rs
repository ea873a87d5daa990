//! Issue 24, hardening: inputs that must not hang or exhaust `build`, corruption reported as
//! corruption, recovery from a lost CURRENT and from a failed bulk load, and text from documents
//! that cannot drive a terminal. Each test runs the real binary.

use std::path::{Path, PathBuf};

use crate::util::{dossier, ok, seeds};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// One seed article in a folder of its own.
fn one_seed(dir: &Path) -> PathBuf {
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    let seed = seeds().join("001_340efefdbb3cb629.txt");
    std::fs::copy(&seed, input.join("article.txt")).unwrap();
    input
}

fn build_seeds(dir: &Path) -> PathBuf {
    let store = dir.join("seeds.db");
    ok([Path::new("build"), &seeds(), Path::new("--store"), &store, Path::new("-q")]);
    store
}

/// A FIFO used to hang the build forever; a `.txt` symlink to /dev/zero (size 0) was read
/// without bound (3 GB in 13 s). Both are skipped with a message, the rest is built.
#[cfg(unix)]
#[test]
fn r24_fifos_and_devices_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let input = one_seed(dir.path());
    let fifo = input.join("pipe.txt");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::os::unix::fs::symlink("/dev/zero", input.join("zero.txt")).unwrap();
    for args in [vec![input.clone()], vec![input.join("article.txt"), fifo.clone(), input.join("zero.txt")]] {
        let mut command: Vec<PathBuf> = vec!["build".into()];
        command.extend(args);
        command.extend(["--memory".into(), "-q".into()]);
        let output = dossier(&command);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(3), "{stderr}");
        assert!(stderr.contains("pipe.txt: not a regular file (a FIFO)"), "{stderr}");
        assert!(stderr.contains("zero.txt: not a regular file (a character device)"), "{stderr}");
        assert!(stderr.contains("dossier: 1 documents added"), "{stderr}");
    }
}

/// 10,000 nested `<div>`s took 24.5 s and 100,000 did not finish (quadratic in html5ever and
/// Readability); now the page is read as plain text, with a warning.
#[test]
fn r24_deeply_nested_html_is_read_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input");
    std::fs::create_dir_all(&input).unwrap();
    let depth = 100_000;
    let page = format!(
        "<html><body>{}<p>Russia will invite the Taliban to talks in Moscow on October 20, the envoy said.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    std::fs::write(input.join("deep.html"), page).unwrap();
    let output = dossier([Path::new("build"), &input, Path::new("--memory"), Path::new("-q")]);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("deep.html: HTML elements nested 100002 deep (more than 512); read as plain text"),
        "{stderr}"
    );
    assert!(stderr.contains("dossier: 1 documents added"), "{stderr}");
}

/// A document over the per-document limit is refused with the file named; the others are built.
#[test]
fn r24_oversized_documents_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = one_seed(dir.path());
    let long = "Taliban officials met Russian envoys in Moscow on Monday. ".repeat(40_000);
    std::fs::write(input.join("long.txt"), &long).unwrap();
    let output = dossier([Path::new("build"), &input, Path::new("--memory"), Path::new("-q")]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "long.txt: the document's text is {} bytes, larger than the limit of 2097152 bytes per document",
            long.len()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("dossier: 1 documents added"), "{stderr}");
}

/// Random bytes in any `.sst` file: reported as corruption with the file (they used to be "in
/// use by another dossier process", or passed `check`).
#[test]
fn r24_damaged_files_are_reported_as_corruption() {
    let dir = tempfile::tempdir().unwrap();
    let store = build_seeds(dir.path());
    let mut tables: Vec<PathBuf> = std::fs::read_dir(&store)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sst"))
        .collect();
    tables.sort();
    assert!(tables.len() >= 3, "{tables:?}");
    for (index, table) in tables.iter().enumerate() {
        let copy = dir.path().join(format!("damaged-{index}.db"));
        std::fs::create_dir(&copy).unwrap();
        for entry in std::fs::read_dir(&store).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), copy.join(entry.file_name())).unwrap();
        }
        let damaged = copy.join(table.file_name().unwrap());
        let mut bytes = std::fs::read(&damaged).unwrap();
        let middle = bytes.len() / 3;
        for (offset, byte) in bytes[middle..middle + 64].iter_mut().enumerate() {
            *byte ^= 0x5A ^ (offset as u8);
        }
        std::fs::write(&damaged, bytes).unwrap();
        let check = dossier([Path::new("check"), Path::new("--store"), &copy]);
        let stderr = text(&check.stderr);
        assert_eq!(check.status.code(), Some(1), "{}: {stderr}{}", damaged.display(), text(&check.stdout));
        assert!(stderr.contains(&format!("the store at {} is corrupt", copy.display())), "{stderr}");
        assert!(stderr.contains(&format!("(in {})", damaged.display())), "{stderr}");
        assert!(!stderr.contains("in use by another"), "{stderr}");
    }
}

/// A deleted CURRENT: the store is not taken for missing (a build used to write a new CURRENT
/// over it, and then fail with "Column family not found"); `check --repair` brings it back.
#[test]
fn r24_a_lost_current_is_refused_and_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let store = build_seeds(dir.path());
    let before = ok([Path::new("check"), Path::new("--store"), &store]);
    std::fs::remove_file(store.join("CURRENT")).unwrap();
    let files = |store: &Path| {
        let mut names: Vec<String> =
            std::fs::read_dir(store).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names.retain(|n| !n.starts_with("LOG"));
        names
    };
    let untouched = files(&store);
    for command in ["build", "query"] {
        let args: Vec<PathBuf> = match command {
            "build" => vec!["build".into(), seeds(), "--store".into(), store.clone()],
            _ => vec!["query".into(), "ASK {}".into(), "--store".into(), store.clone()],
        };
        let output = dossier(&args);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("has lost its CURRENT file"), "{stderr}");
        assert!(stderr.contains("`dossier check --repair --store"), "{stderr}");
        assert_eq!(files(&store), untouched, "nothing written");
    }
    let repaired = dossier([Path::new("check"), Path::new("--repair"), Path::new("--store"), &store]);
    assert!(repaired.status.success(), "{}", text(&repaired.stderr));
    assert!(text(&repaired.stderr).contains("CURRENT naming MANIFEST-"), "{}", text(&repaired.stderr));
    assert_eq!(text(&repaired.stdout), before);
    let again = ok([Path::new("build"), &seeds(), Path::new("--store"), &store, Path::new("-q")]);
    assert!(again.is_empty() || !again.contains("error"));
}

/// A bulk load that failed (a full disk) leaves `bulk-*.sst` files; the next writer removes them.
#[test]
fn r24_files_of_a_failed_bulk_load_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let store = build_seeds(dir.path());
    let stale = store.join("bulk-123456789.sst");
    std::fs::write(&stale, vec![0u8; 4096]).unwrap();
    // A reader leaves it (it may belong to a writer at work).
    ok([Path::new("check"), Path::new("--store"), &store]);
    assert!(stale.exists());
    ok([Path::new("build"), &seeds(), Path::new("--store"), &store, Path::new("-q")]);
    assert!(!stale.exists());
    ok([Path::new("check"), Path::new("--store"), &store]);
}

/// Escape sequences in a document do not reach CSV or TSV output (nor a terminal: the same
/// writer, unit-tested in `sanitize.rs`).
#[test]
fn r24_control_characters_are_replaced_in_csv_and_tsv() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(
        input.join("escape.txt"),
        "Kremlin spokesman Dmitry Peskov said on Monday that Russia will invite the Taliban \x1b[2J\x1b]0;pwned\x07 ok to talks in Moscow.\n",
    )
    .unwrap();
    let store = dir.path().join("escape.db");
    ok([Path::new("build"), &input, Path::new("--store"), &store, Path::new("-q")]);
    let claims = ok([Path::new("claims"), Path::new("--format"), Path::new("csv"), Path::new("--store"), &store]);
    assert!(claims.contains("␛[2J␛]0;pwned␇ ok"), "{claims}");
    let query = "SELECT ?t WHERE { ?d nif:isString ?t }";
    for format in ["csv", "tsv"] {
        let rows = ok([
            Path::new("query"),
            Path::new(query),
            Path::new("--format"),
            Path::new(format),
            Path::new("--store"),
            &store,
        ]);
        assert!(rows.contains("␛[2J␛]0;pwned␇ ok"), "{rows}");
        assert!(!rows.contains('\x1b') && !rows.contains('\x07'), "{rows:?}");
    }
    // On a terminal (a pseudo-terminal made by util-linux's `script`, where it is installed):
    // `claims` and `show` print the pictures, not the escapes.
    if std::process::Command::new("script").arg("--version").output().is_ok_and(|o| o.status.success()) {
        for args in
            [format!("claims --store {}", store.display()), format!("show 'Dmitry Peskov' --store {}", store.display())]
        {
            let command = format!("{} {args}", env!("CARGO_BIN_EXE_dossier"));
            let output = std::process::Command::new("script").args(["-qec", &command, "/dev/null"]).output().unwrap();
            let shown = text(&output.stdout);
            assert!(output.status.success(), "{shown}");
            assert!(shown.contains("␛[2J") && !shown.contains("\x1b[2J"), "{shown:?}");
        }
    }
    // JSON escapes them itself.
    let json = ok([
        Path::new("query"),
        Path::new(query),
        Path::new("--format"),
        Path::new("json"),
        Path::new("--store"),
        &store,
    ]);
    assert!(json.contains("\\u001B[2J") || json.contains("\\u001b[2J"), "{json}");
}
