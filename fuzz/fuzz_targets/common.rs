//! What the file targets share: a file to hand the readers, and the
//! promise every refusal keeps.

use std::path::PathBuf;
use std::sync::OnceLock;

use huishen::domain::Problem;

/// Writes `data` to a file called `name` in a folder of this process's own
/// (the readers take paths: the encoding and the kind of file are found
/// from the bytes, as for a user's file) and returns its path.
pub fn file(name: &str, data: &[u8]) -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("huishen-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("a folder for the inputs");
        d
    });
    let path = dir.join(name);
    std::fs::write(&path, data).expect("write the input");
    path
}

/// A refusal lists at least one problem, each naming one of `files`.
pub fn named(problems: &[Problem], files: &[&str]) {
    assert!(!problems.is_empty(), "a refusal without a problem");
    for p in problems {
        assert!(
            files.iter().any(|f| p.file.starts_with(f)),
            "a problem naming another file: {p:?}"
        );
    }
}
