//! Lines that are not rows of a table: a unit line (`单位：元`) above or
//! below it, a department's heading, a note, a form's signatures, a 合计
//! line.

use crate::domain::money::{Unit, parse_amount};
use crate::domain::problem::{Problem, TableProblem};

use super::columns::Column;
use super::table::{Cell, Row};

/// `单位：元`, `单位:万元`, `金额单位：万元` in a line above the header (or a
/// note below the table).
pub(super) fn unit_line(row: &Row) -> Option<Unit> {
    row.cells.iter().find_map(|(_, cell)| {
        let text = cell.text()?;
        let (_, after) = text.split_once("单位")?;
        let after = after.trim_start_matches([':', '：', ' ', '\u{3000}', '（', '(']);
        // `金额单位为元。`
        let after = after.strip_prefix(['为', '是']).unwrap_or(after);
        let word: String = after
            .chars()
            .take_while(|c| {
                !matches!(
                    c,
                    ')' | '）' | ' ' | '\u{3000}' | ',' | '，' | ';' | '；' | '。' | '、'
                )
            })
            .collect();
        Unit::from_label(&word)
    })
}

/// A note under the table (`注：金额单位为元`) that gives the amounts another
/// unit than their column `col` has: read, not passed over.
pub(super) fn unit_note(file: &str, row: &Row, col: &Column) -> Option<Problem> {
    let said = unit_line(row).filter(|u| *u != col.unit)?;
    Some(Problem::new(
        file,
        Some(row.number),
        None,
        TableProblem::UnitNote {
            said,
            column: col.label.clone(),
            unit: col.unit,
        },
    ))
}

/// A line that is not a row of the table: nothing in a column read (a
/// department's heading `一、市教育局` or a note under 序号, a template's
/// numbered empty line), or nothing but `label：text` cells (`注：…`,
/// `填表人：张三`, `审核人：李四`, as a form's foot has them).
pub(super) fn is_note_line(row: &Row, cols: &[Option<Column>]) -> bool {
    let read = |i: usize| cols.iter().flatten().any(|c| c.index == i);
    if !row.cells.iter().any(|(i, _)| read(*i)) {
        return true;
    }
    row.cells.iter().all(|(_, c)| {
        c.text().is_some_and(|t| {
            t.split_once(['：', ':'])
                .is_some_and(|(label, _)| !label.trim().is_empty() && label.chars().count() <= 10)
                && parse_amount(t, Unit::Wan).is_err()
        })
    })
}

/// A 合计 line, not a project or a decision: nothing where the code goes and
/// a total word where the name goes, or 合计 where the code goes (as most
/// budget sheets and the workbook `huishen export` writes have it).
pub(super) fn is_total_row(row: &Row, code: &Column) -> bool {
    let code = row.get(code.index);
    (code.is_none() || code.and_then(Cell::text).is_some_and(is_total_word)) && is_total_line(row)
}

/// A 合计 / 总计 / 小计 line at the foot of a submission.
fn is_total_line(row: &Row) -> bool {
    row.cells
        .iter()
        .any(|(_, c)| c.text().is_some_and(is_total_word))
}

pub(super) fn is_total_word(text: &str) -> bool {
    let word = |t: &str| {
        matches!(
            t.trim_end_matches(['：', ':']),
            "合计" | "总计" | "小计" | "共计" | "total" | "Total" | "TOTAL"
        )
    };
    // Every row's code is looked at: only one with a blank in it is copied.
    if !text.chars().any(char::is_whitespace) {
        return word(text);
    }
    word(
        &text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>(),
    )
}
