//! Reliability: a build killed at any moment leaves a sound store that a re-run completes; a
//! second writer is refused clearly; readers can read while a build writes; backups are whole;
//! bad input of every kind is reported and the rest is built.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::util::{dossier, ok, seed_copies, seeds};

fn quads(store: &Path) -> String {
    ok([Path::new("export"), Path::new("--format"), Path::new("nquads"), Path::new("--store"), store])
}

/// Documents a store holds (0 when it cannot be read yet), read while a build may write it.
fn stored_documents(store: &Path) -> usize {
    let output = dossier([
        Path::new("query"),
        Path::new("SELECT (COUNT(*) AS ?n) WHERE { ?d a dos:Document }"),
        Path::new("--format"),
        Path::new("csv"),
        Path::new("--store"),
        store,
    ]);
    let out = String::from_utf8_lossy(&output.stdout).to_string();
    out.lines().nth(1).and_then(|n| n.trim().parse().ok()).unwrap_or(0)
}

/// When a killed build is killed: at moments of the build itself, not at times, which a busy
/// machine stretches (a build that took 17 s once took 8 the next time, during the test suite).
#[derive(Debug, Clone, Copy)]
enum Kill {
    /// 50 ms after it starts: before it has opened the store (the NLP model loads first).
    AtStart,
    /// As soon as the store exists: reading and extracting, nothing committed.
    WhenTheStoreExists,
    /// As soon as a reader sees the first window's documents: between two commits.
    AfterFirstCommit,
}

#[test]
fn killed_builds_leave_a_sound_store_that_a_rerun_completes() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    let input = seed_copies(dir.path(), 768);
    let reference = dir.path().join("reference.db");
    ok([Path::new("build"), &input, Path::new("--store"), &reference, Path::new("-q")]);
    let expected = quads(&reference);
    for (round, kill) in [Kill::AtStart, Kill::WhenTheStoreExists, Kill::AfterFirstCommit].into_iter().enumerate() {
        let store = dir.path().join(format!("killed-{round}.db"));
        // Windows of 64 documents: the build commits after each batch of 256 read documents,
        // so a build of 768 commits three times, and after the first 512 documents are still to read:
        // time for a reader to see the first commit before the build ends, on a fast machine too.
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args([Path::new("build"), &input, Path::new("--store"), &store, Path::new("-q")])
            .args(["--window", "64"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut waiting = |reached: &dyn Fn() -> bool| {
            while !reached() {
                assert!(child.try_wait().unwrap().is_none(), "the build ended before the kill {kill:?}");
                std::thread::sleep(Duration::from_millis(10));
            }
        };
        match kill {
            Kill::AtStart => std::thread::sleep(Duration::from_millis(50)),
            Kill::WhenTheStoreExists => waiting(&|| store.join("CURRENT").exists()),
            Kill::AfterFirstCommit => waiting(&|| stored_documents(&store) > 0),
        }
        // The kill lands during the build, not after it.
        assert!(child.try_wait().unwrap().is_none(), "the build had finished before the kill {kill:?}");
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(9), "the kill {kill:?} did not end the build: {status}");
        if store.join("CURRENT").exists() {
            let check = dossier([Path::new("check"), Path::new("--store"), &store]);
            assert!(check.status.success(), "after the kill {kill:?}: {}", String::from_utf8_lossy(&check.stdout));
        }
        if let Kill::AfterFirstCommit = kill {
            let documents = stored_documents(&store);
            assert!(documents > 0 && documents < 300, "{documents} documents stored by a build killed between commits");
        }
        ok([Path::new("build"), &input, Path::new("--store"), &store, Path::new("-q")]);
        assert_eq!(quads(&store), expected, "re-run after the kill {kill:?} differs from a clean build");
    }
}

#[test]
fn one_writer_at_a_time_and_readers_read_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    // Enough documents that the writer is still at work when the others come (about 4 s).
    let input = seed_copies(dir.path(), 4000);
    let store = dir.path().join("busy.db");
    ok([Path::new("build"), &seeds(), Path::new("--store"), &store, Path::new("-q")]);
    let mut writer = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args([Path::new("build"), &input, Path::new("--store"), &store, Path::new("-q")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert!(writer.try_wait().unwrap().is_none(), "the writer finished before the test could compete with it");
    let second = dossier([Path::new("build"), &seeds(), Path::new("--store"), &store]);
    assert_eq!(second.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&second.stderr).contains("is in use by another dossier process"),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    // Issue 24: a backup says it cannot run during a build.
    let backup = dossier([Path::new("backup"), &dir.path().join("backup.db"), Path::new("--store"), &store]);
    assert_eq!(backup.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&backup.stderr).contains("while another dossier process (a build) writes it"),
        "{}",
        String::from_utf8_lossy(&backup.stderr)
    );
    // A reader sees whole batches only.
    let check = dossier([Path::new("check"), Path::new("--store"), &store]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    assert!(writer.wait().unwrap().success());
    let check = dossier([Path::new("check"), Path::new("--store"), &store]);
    assert!(
        String::from_utf8_lossy(&check.stdout).contains(" quads: 4005 documents,"),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(check.status.success());
}

#[test]
fn backups_are_whole_stores() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    ok([Path::new("build"), &seeds(), Path::new("--store"), &store, Path::new("-q")]);
    let copy = dir.path().join("copy.db");
    ok([Path::new("backup"), &copy, Path::new("--store"), &store]);
    assert_eq!(quads(&copy), quads(&store));
    let again = dossier([Path::new("backup"), &copy, Path::new("--store"), &store]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert!(dossier([Path::new("check"), Path::new("--store"), &copy]).status.success());
}

#[test]
fn odd_input_is_read_or_reported() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    // Broken HTML with scripts; a name with a newline; a broken symlink; a JSON record naming a
    // path (never followed).
    std::fs::write(
        input.join("broken.html"),
        "<html><body><div><p>Russia will invite the Taliban to talks in Moscow, the envoy said.<div><script>document.write('x')</script><p>Unclosed <b>tags <i>everywhere",
    )
    .unwrap();
    std::fs::write(
        input.join("two\nlines.txt"),
        "Tajikistan reinforced its border with Afghanistan, officials said.\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("missing.txt"), input.join("dangling.txt")).unwrap();
    std::fs::write(
        input.join("record.json"),
        "{\"text\": \"Iran sent aid to Afghanistan.\", \"path\": \"/etc/passwd\", \"file\": \"../../secret\"}",
    )
    .unwrap();
    let store = dir.path().join("db");
    let output = dossier([Path::new("build"), &input, Path::new("--store"), &store]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "the dangling link is reported: {stderr}");
    assert!(stderr.contains("dangling.txt"), "{stderr}");
    let files = ok([
        Path::new("query"),
        Path::new("SELECT ?f WHERE { ?d dos:fileName ?f } ORDER BY ?f"),
        Path::new("--format"),
        Path::new("csv"),
        Path::new("--store"),
        &store,
    ]);
    assert!(
        files.contains("broken.html") && files.contains("record.json") && files.contains("two\nlines.txt"),
        "{files}"
    );
    let text = quads(&store);
    assert!(!text.contains("root:x:0"), "paths named in input are never read");
    assert!(!text.contains("document.write"), "scripts are not text");
    assert!(dossier([Path::new("check"), Path::new("--store"), &store]).status.success());
}

#[test]
fn oversized_files_are_refused_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("huge.txt");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(dossier::corpus::MAX_FILE_BYTES + 1).unwrap(); // sparse: no disk used
    let output = dossier([Path::new("build"), &big, Path::new("--memory")]);
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("huge.txt") && stderr.contains("larger than the limit"), "{stderr}");
}
