//! A decision batch as `huishen apply` reads it (`import::read_batch`, a
//! target review's words), and the same text with a later stage's words
//! (`import::batch_from_csv_text_for`, post-evaluation). Nothing panics; a
//! refusal names the file; a share to cut is never above 100%; what is
//! read has no control characters in its codes.
#![no_main]

mod common;

use huishen::domain::{BatchRow, CutInput, Stage};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fn check(rows: &[BatchRow]) {
    for r in rows {
        assert!(!r.project_code.chars().any(char::is_control), "{r:?}");
        if let Some(CutInput::Percent(p)) = &r.amount {
            assert!(*p <= Decimal::ONE_HUNDRED, "a cut of {p}%: {r:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let path = common::file("batch.csv", data);
    let name = path.display().to_string();
    match huishen::import::read_batch(&path) {
        Ok(rows) => check(&rows),
        Err(problems) => common::named(&problems, &[&name]),
    }
    let text = String::from_utf8_lossy(data);
    match huishen::import::batch_from_csv_text_for("b.csv", &text, Stage::PostEvaluation) {
        Ok(rows) => check(&rows),
        Err(problems) => common::named(&problems, &["b.csv"]),
    }
});
