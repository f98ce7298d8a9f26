//! The meeting's workbook as a bureau prints and files it: the totals rows'
//! cut rates are formulas whose cached results are what they give.

mod common;

use std::path::Path;
use std::str::FromStr;

use calamine::{Data, Reader, Xlsx, open_workbook};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use common::{ok, s, tally_json};

/// `huishen export --format xlsx` of the meeting `db` into `out`.
fn export_workbook(db: &Path, out: &Path) {
    ok(&["export", "--db", s(db), "--format", "xlsx", "--out", s(out)]);
}

fn dec(v: &serde_json::Value) -> Decimal {
    Decimal::from_str(v.as_str().expect("a decimal string")).unwrap()
}

/// The 审减率 of the 合计 row of `sheet`: its formula and its cached value.
fn total_rate(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> (String, Data) {
    let range = wb.worksheet_range(sheet).unwrap();
    let header = range.rows().next().unwrap();
    let col = header
        .iter()
        .position(|c| *c == Data::String("审减率".into()))
        .unwrap_or_else(|| panic!("{sheet}: no 审减率"));
    let row = range
        .rows()
        .position(|r| r[0] == Data::String("合计".into()))
        .unwrap_or_else(|| panic!("{sheet}: no 合计 row"));
    let cached = range.get((row, col)).cloned().unwrap_or(Data::Empty);
    let start = range.start().unwrap();
    let formulas = wb.worksheet_formula(sheet).unwrap();
    let formula = formulas
        .get_value((start.0 + row as u32, start.1 + col as u32))
        .cloned()
        .unwrap_or_default();
    (formula, cached)
}

const TOTALLED: [&str; 3] = ["审核结果", "部门汇总", "预算类型汇总"];

/// Issue 19, item 8: every 合计 审减率 is a formula, and what a reader
/// that does not recalculate shows (the cached result) is what the formula
/// gives: cut ÷ what the decided projects requested, or "" before anything
/// is decided (not 0).
#[test]
fn the_total_cut_rates_are_formulas_caching_what_they_give() {
    let dir = tempfile::tempdir().unwrap();

    let decided = dir.path().join("decided.db");
    ok(&["demo", "--decided", "--no-open", "--db", s(&decided)]);
    let tally = tally_json(&decided);
    let exact = (dec(&tally["cut"]) / dec(&tally["decided_requested"]))
        .to_f64()
        .unwrap();
    let out = dir.path().join("decided.xlsx");
    export_workbook(&decided, &out);
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    for sheet in TOTALLED {
        let (formula, cached) = total_rate(&mut wb, sheet);
        assert!(formula.starts_with("IF(SUMIF("), "{sheet}: {formula}");
        match cached {
            Data::Float(v) => assert!((v - exact).abs() < 1e-12, "{sheet}: {v} ≠ {exact}"),
            other => panic!("{sheet}: cached {other:?}, not the rate {exact}"),
        }
    }

    let undecided = dir.path().join("undecided.db");
    ok(&["demo", "--no-open", "--db", s(&undecided)]);
    assert_eq!(tally_json(&undecided)["cut_rate"], serde_json::Value::Null);
    let out = dir.path().join("undecided.xlsx");
    export_workbook(&undecided, &out);
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    for sheet in TOTALLED {
        let (formula, cached) = total_rate(&mut wb, sheet);
        assert!(formula.starts_with("IF(SUMIF("), "{sheet}: {formula}");
        assert!(
            matches!(&cached, Data::Empty) || matches!(&cached, Data::String(s) if s.is_empty()),
            "{sheet}: the formula gives \"\", the cell caches {cached:?}"
        );
    }
}
