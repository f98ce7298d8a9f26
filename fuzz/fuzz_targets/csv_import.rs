//! A projects file as `huishen import` reads it (`import::read_submission`):
//! any bytes, in any encoding the reader takes (UTF-8, UTF-16 with a BOM,
//! GB18030/GBK). Nothing panics; a refusal names the file; what is read
//! has no control characters in its codes.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = common::file("projects.csv", data);
    let name = path.display().to_string();
    match huishen::import::read_submission(&path, None) {
        Ok(sub) => {
            for p in &sub.projects {
                assert!(!p.code.chars().any(char::is_control), "{p:?}");
                assert!(p.requested.fen() >= 0, "{p:?}");
            }
        }
        Err(problems) => common::named(&problems, &[&name]),
    }
});
