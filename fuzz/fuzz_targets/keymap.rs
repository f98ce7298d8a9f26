//! A user's keymap file (`Keymap::with_overrides`, what `--keymap` and
//! `huishen keymap --check` read). Nothing panics; every error names the
//! file.
#![no_main]

use huishen::keymap::Keymap;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(errors) = Keymap::with_overrides(&text, "k.toml") {
        assert!(!errors.is_empty(), "a refusal without an error");
        for e in &errors {
            assert_eq!(e.file, "k.toml", "an error naming another file: {e:?}");
        }
    }
});
