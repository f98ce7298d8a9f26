//! A workbook as `huishen import` and `huishen apply` read it: any bytes in
//! a file named `.xlsx` (a zip container is read as a workbook, anything
//! else as text, as for a user's file). Nothing panics; a refusal names
//! the file.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = common::file("book.xlsx", data);
    let name = path.display().to_string();
    if let Err(problems) = huishen::import::read_submission(&path, None) {
        common::named(&problems, &[&name]);
    }
    if let Err(problems) = huishen::import::read_batch(&path) {
        common::named(&problems, &[&name]);
    }
});
