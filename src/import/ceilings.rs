//! Reading a table of department ceilings (部门, 控制数): one department a
//! row, its ceiling in 万元 (or the header's unit), `none` to clear one.
//! Located like every other table: the sheet, a title and a unit line above
//! the header, a 合计 line passed over; every problem with file, row and
//! column.

use std::collections::HashMap;

use crate::domain::money::{Money, parse_amount};

use crate::domain::decision::CutInputError;
use crate::domain::problem::WeighProblem;

use super::Problems;
use super::cell::{Kind, RowCtx};
use super::clip;
use super::columns::{Spec, spec};
use super::lines::{is_note_line, is_total_row};
use super::locate::{Mapped, read_header};
use super::projects::DEPARTMENT_ALIASES;
use super::table::Row;

const C_DEPT: usize = 0;
const C_AMOUNT: usize = 1;

pub(super) const CEILING_SPECS: &[Spec] = &[
    spec("部门", "department", DEPARTMENT_ALIASES, true),
    Spec {
        money: true,
        ..spec(
            "控制数",
            "ceiling",
            &[
                "控制数",
                "预算控制数",
                "部门控制数",
                "控制额度",
                "支出控制数",
                "ceiling",
            ],
            true,
        )
    },
];

/// One department's ceiling as a table gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CeilingRow {
    pub department: String,
    /// `None`: the cell said `none` (or 无, 清除): clear it.
    pub amount: Option<Money>,
    /// The row, and the department's column as the file names it, for
    /// messages.
    pub row: usize,
    pub column: String,
}

pub(super) fn read_ceiling_rows(
    rows: &[Row],
    file: &str,
    problems: &mut Problems,
) -> Vec<CeilingRow> {
    let specs = CEILING_SPECS;
    let Some(Mapped { cols, body, .. }) = read_header(rows, file, specs, problems) else {
        return Vec::new();
    };
    let (Some(c_dept), Some(c_amount)) = (cols[C_DEPT].as_ref(), cols[C_AMOUNT].as_ref()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut first: HashMap<String, usize> = HashMap::new();
    for row in body {
        if is_total_row(row, c_dept) || is_note_line(row, &cols) {
            continue;
        }
        let mut cx = RowCtx::new(file, row, problems);
        let department = cx.required(c_dept, &specs[C_DEPT], Kind::Name);
        let amount = cx
            .required(c_amount, &specs[C_AMOUNT], Kind::Amount)
            .and_then(|t| {
                if matches!(t.trim().to_lowercase().as_str(), "none" | "无" | "清除") {
                    return Some(None);
                }
                match parse_amount(t, c_amount.unit) {
                    Ok(m) => Some(Some(m)),
                    Err(e) => {
                        cx.bad_amount(c_amount, t, CutInputError::Amount(e));
                        None
                    }
                }
            });
        if let Some(d) = department {
            match first.get(d) {
                Some(f) => cx.report(
                    c_dept,
                    WeighProblem::DepartmentTwice {
                        department: clip(d, 40),
                        first_row: *f,
                    },
                ),
                None => {
                    first.insert(d.to_string(), row.number);
                }
            }
        }
        if let (true, Some(department), Some(amount)) = (cx.ok, department, amount) {
            out.push(CeilingRow {
                department: department.to_string(),
                amount,
                row: row.number,
                column: c_dept.label.clone(),
            });
        }
    }
    out
}
