//! Reading the indicators table (绩效指标): one performance indicator per
//! row, under a project the projects table names.

use crate::domain::problem::CellProblem;
use crate::domain::project::NewIndicator;

use super::Problems;
use super::cell::{Kind, RowCtx};
use super::columns::{CODE, Column, Spec, spec};
use super::lines::is_note_line;
use super::locate::{Mapped, read_header};
use super::projects::Codes;
use super::table::Row;

const I_CODE: usize = 0;
const I_L1: usize = 1;
const I_L2: usize = 2;
const I_IND: usize = 3;
const I_TARGET: usize = 4;
const I_UNIT: usize = 5;

pub(super) const INDICATOR_SPECS: &[Spec] = &[
    spec("项目编码", "project_id", CODE, true),
    spec("一级指标", "level1", &["一级指标", "level1"], true),
    spec("二级指标", "level2", &["二级指标", "level2"], true),
    spec(
        "三级指标",
        "indicator",
        &["三级指标", "指标名称", "indicator", "level3"],
        true,
    ),
    spec("指标值", "target", &["指标值", "目标值", "target"], false),
    // In this file 单位 is the unit of measure, not the department.
    spec("计量单位", "unit", &["计量单位", "单位", "unit"], false),
];

pub(super) fn read_indicators(
    rows: &[Row],
    file: &str,
    known: Option<&Codes<'_>>,
    problems: &mut Problems,
) -> Vec<NewIndicator> {
    let specs = INDICATOR_SPECS;
    let Some(Mapped { cols, body, .. }) = read_header(rows, file, specs, problems) else {
        return Vec::new();
    };
    let cols = &cols;
    // Many rows are checked in two halves on two threads, each with its
    // own problems, put together in row order: the same problems, capped
    // the same way, as one pass.
    if body.len() < PARALLEL_ROWS {
        return read_indicator_rows(body, cols, file, known, problems);
    }
    let (first, second) = body.split_at(body.len() / 2);
    let mut second_problems = Problems::default();
    let (mut out, rest) = std::thread::scope(|s| {
        let job = s.spawn(|| read_indicator_rows(second, cols, file, known, &mut second_problems));
        let out = read_indicator_rows(first, cols, file, known, problems);
        (
            out,
            job.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
        )
    });
    problems.append(second_problems);
    out.extend(rest);
    out
}

/// Below this many rows, a second thread costs more than it saves.
pub(super) const PARALLEL_ROWS: usize = 20_000;

/// The indicators of rows under a mapped header.
pub(super) fn read_indicator_rows(
    body: &[Row],
    cols: &[Option<Column>],
    file: &str,
    known: Option<&Codes<'_>>,
    problems: &mut Problems,
) -> Vec<NewIndicator> {
    let specs = INDICATOR_SPECS;
    let col = |i: usize| cols[i].as_ref();
    let (Some(c_code), Some(c_l1), Some(c_l2), Some(c_ind)) =
        (col(I_CODE), col(I_L1), col(I_L2), col(I_IND))
    else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(body.len());
    // The code of the row before, when it was known: a file lists a
    // project's indicators together.
    let mut last_known: Option<&str> = None;
    for row in body {
        if is_note_line(row, cols) {
            continue;
        }
        let mut cx = RowCtx::new(file, row, problems);
        let code = cx.required(c_code, &specs[I_CODE], Kind::Code);
        if let (Some(code), Some(known)) = (code, known)
            && last_known != Some(code)
        {
            if known.contains(code) {
                last_known = Some(code);
            } else {
                cx.report(
                    c_code,
                    CellProblem::IndicatorUnknownProject {
                        code: code.to_string(),
                    },
                );
            }
        }
        let level1 = cx.required(c_l1, &specs[I_L1], Kind::Name);
        let level2 = cx.required(c_l2, &specs[I_L2], Kind::Name);
        let indicator = cx.required(c_ind, &specs[I_IND], Kind::Name);
        let target = cx.text(col(I_TARGET), Kind::Name);
        let unit = cx.text(col(I_UNIT), Kind::Name);
        if let (true, Some(code), Some(level1), Some(level2), Some(indicator)) =
            (cx.ok, code, level1, level2, indicator)
        {
            out.push(NewIndicator {
                project_code: code.to_string(),
                level1: level1.to_string(),
                level2: level2.to_string(),
                indicator: indicator.to_string(),
                target: target.unwrap_or("").to_string(),
                unit: unit.unwrap_or("").to_string(),
                source_row: row.number,
            });
        }
    }
    out
}
