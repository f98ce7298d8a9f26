//! Finding the table: the sheet of a workbook that holds it, the header
//! row under any title and unit lines, and a second header row under it.

use crate::domain::money::{Unit, parse_amount};
use crate::domain::problem::{FileProblem, Problem, Table, TableProblem};

use super::batch::BATCH_SPECS;
use super::columns::{self, Column, Spec, map_header};
use super::indicators::INDICATOR_SPECS;
use super::lines::{is_total_word, unit_line};
use super::projects::PROJECT_SPECS;
use super::table::{self, Cell, Row, TypedKind};
use super::{Problems, clip};

/// A kind of table a workbook may hold, for finding its sheet.
pub(super) struct TableKind {
    specs: &'static [Spec],
    /// Sheet names that say what the sheet holds, as `find_sheet` compares
    /// them; the first is the one suggested.
    sheets: &'static [&'static str],
    /// What the table holds, for messages.
    table: Table,
}

pub(super) const PROJECT_TABLE: TableKind = TableKind {
    specs: PROJECT_SPECS,
    sheets: &["项目", "projects"],
    table: Table::Projects,
};
pub(super) const INDICATOR_TABLE: TableKind = TableKind {
    specs: INDICATOR_SPECS,
    sheets: &["绩效指标", "indicators"],
    table: Table::Indicators,
};
pub(super) const BATCH_TABLE: TableKind = TableKind {
    specs: BATCH_SPECS,
    sheets: &["审核结果", "decisions"],
    table: Table::Decisions,
};

pub(super) const CEILING_TABLE: TableKind = TableKind {
    specs: super::ceilings::CEILING_SPECS,
    sheets: &["控制数", "ceilings"],
    table: Table::Ceilings,
};

/// A table read from a workbook: its label for messages and its rows.
type SheetTable = (String, Vec<Row<'static>>);

/// A sheet found and read.
pub(super) struct Found {
    sheet: String,
    pub table: SheetTable,
}

/// The projects and (if `want_indicators`) the indicators of a submission
/// workbook, and the problems met finding and reading them.
pub(super) fn submission_sheets(
    book: &mut table::Book,
    file: &str,
    want_indicators: bool,
) -> (Option<SheetTable>, Option<SheetTable>, Vec<Problem>) {
    let mut problems = Vec::new();
    let names = book.sheet_names();
    let isheet = find_sheet(&names, INDICATOR_TABLE.sheets).map(str::to_string);
    let projects = match find_table(book, file, &PROJECT_TABLE, isheet.as_deref(), true) {
        Ok(t) => t,
        Err(ps) => {
            problems.extend(ps);
            None
        }
    };
    let mut indicators = None;
    if want_indicators {
        // The indicators are on the sheet named for them, else on another
        // sheet with their header, if there is one.
        let psheet = projects.as_ref().map(|f| f.sheet.as_str());
        match find_table(book, file, &INDICATOR_TABLE, psheet, false) {
            Ok(t) => indicators = t.map(|f| f.table),
            Err(ps) => problems.extend(ps),
        }
    }
    (projects.map(|f| f.table), indicators, problems)
}

/// `file [sheet]`, or the file alone for a workbook of one sheet.
fn sheet_label(file: &str, sheet: &str, many: bool) -> String {
    if many {
        format!("{file} [{}]", clip(sheet, 40))
    } else {
        file.to_string()
    }
}

/// Finds and reads the sheet that holds a table of `kind`: the sheet named
/// for it (`项目`, `绩效指标`, `审核结果`); else the one visible sheet, other
/// than `skip`, whose first rows hold its header — a cover sheet (填报说明)
/// or a hidden sheet of dropdown choices may come first; else, with
/// `fallback`, the first visible sheet, whose problems are then reported.
/// Two sheets with the header are refused: reading one would silently
/// leave the other out.
pub(super) fn find_table(
    book: &mut table::Book,
    file: &str,
    kind: &TableKind,
    skip: Option<&str>,
    fallback: bool,
) -> Result<Option<Found>, Vec<Problem>> {
    let names = book.sheet_names();
    let many = names.len() > 1;
    if let Some(s) = find_sheet(&names, kind.sheets) {
        return read_table(book, file, s, true);
    }
    let visible: Vec<String> = book
        .visible_sheets()
        .into_iter()
        .filter(|s| Some(s.as_str()) != skip)
        .collect();
    let mut found: Vec<&str> = Vec::new();
    for s in &visible {
        // A sheet that cannot be read is reported if it is read in full.
        if let Ok(rows) = book.read_sheet_head(s, file, TITLE_ROWS + 1)
            && header_at(&rows, kind.specs, file).is_some()
        {
            found.push(s);
        }
    }
    match found.as_slice() {
        [one] => read_table(book, file, one, many),
        [] if !fallback => Ok(None),
        [] => match visible.first() {
            Some(s) => read_table(book, file, s, many),
            None if names.is_empty() => {
                Err(vec![Problem::new(file, None, None, FileProblem::NoSheets)])
            }
            None => Err(vec![Problem::new(
                file,
                None,
                None,
                FileProblem::NoSheetOf {
                    table: kind.table,
                    sheets: sheet_list(&names),
                },
            )]),
        },
        [..] => Err(vec![Problem::new(
            file,
            None,
            None,
            FileProblem::SheetsAmbiguous {
                table: kind.table,
                sheets: sheet_list(&found),
                name: kind.sheets[0],
            },
        )]),
    }
}

fn read_table(
    book: &mut table::Book,
    file: &str,
    sheet: &str,
    many: bool,
) -> Result<Option<Found>, Vec<Problem>> {
    let label = sheet_label(file, sheet, many);
    match book.read_sheet(sheet, &label) {
        Ok(rows) => Ok(Some(Found {
            sheet: sheet.to_string(),
            table: (label, rows),
        })),
        Err(p) => Err(vec![p]),
    }
}

fn sheet_list(names: &[impl AsRef<str>]) -> Vec<String> {
    names.iter().map(|n| clip(n.as_ref(), 40)).collect()
}

fn find_sheet<'a>(names: &'a [String], wanted: &[&str]) -> Option<&'a str> {
    names
        .iter()
        .find(|n| {
            let n = n.trim().to_lowercase();
            wanted.iter().any(|w| n == *w)
        })
        .map(String::as_str)
}

/// A table's header row, the columns it names, and the rows below it.
pub(super) struct Mapped<'r, 't> {
    pub header: &'r Row<'t>,
    pub cols: Vec<Option<Column>>,
    pub body: &'r [Row<'t>],
}

/// The header row of a table of `specs`, its columns, and the rows below
/// it (below a second header row, if there is one); None once a problem
/// that leaves the rows unreadable is reported.
pub(super) fn read_header<'r, 't>(
    rows: &'r [Row<'t>],
    file: &str,
    specs: &[Spec],
    problems: &mut Problems,
) -> Option<Mapped<'r, 't>> {
    let (header, body, unit) = header_and_rows(rows, file, specs, problems)?;
    // A group over columns (上年情况 over 预算数, 执行数, 执行率): each named
    // as the group's, and the table below the second row.
    if let Some(both) = super::group_header::combined(header, body.first()) {
        let mut cols = map_header(&both, specs, file, unit, problems)?;
        let body = second_header(header, &body[1..], specs, &mut cols, file, problems)?;
        return Some(Mapped { header, cols, body });
    }
    let mut cols = map_header(header, specs, file, unit, problems)?;
    // A table with no amount column has no second header row to pass.
    let body = second_header(header, body, specs, &mut cols, file, problems)?;
    Some(Mapped { header, cols, body })
}

/// Splits a table into its header (the first non-empty row) and the rows
/// below; reports an empty file.
/// The header row, the rows below it, and the unit a line above the header
/// gives (`单位：元`), if any.
///
/// Submissions from a finance system usually open with a title (表名) and a
/// unit line above the header: the header is the first of the first rows
/// that names every required column; without one, the first row is taken
/// and its missing columns are reported.
fn header_and_rows<'r, 't>(
    rows: &'r [Row<'t>],
    file: &str,
    specs: &[Spec],
    problems: &mut Problems,
) -> Option<(&'r Row<'t>, &'r [Row<'t>], Option<Unit>)> {
    if rows.is_empty() {
        let wanted: Vec<&str> = specs.iter().filter(|s| s.required).map(|s| s.zh).collect();
        problems.push(Problem::new(
            file,
            None,
            None,
            FileProblem::EmptyFile { wanted },
        ));
        return None;
    }
    let at = header_at(rows, specs, file).unwrap_or(0);
    // The unit may also stand in a cell of the header row itself, to the
    // right of the headers: `单位：元`.
    let unit = rows[..=at].iter().find_map(unit_line);
    Some((&rows[at], &rows[at + 1..], unit))
}

/// A second header row right under the header, as a two-row header has
/// it: `申报金额（万元）` over `合计 | 财政拨款 | 其他资金`, the other headers
/// merged down over both rows (or empty below). It holds only text, and
/// only under amount columns (or columns not read). The amount is read
/// from the sub-column headed 合计 (小计, 总计); an amount split into parts
/// with no total is refused. Returns the rows below it (all of `body` if
/// there is no second header row), or None once a problem is reported.
fn second_header<'r, 't>(
    header: &Row,
    body: &'r [Row<'t>],
    specs: &[Spec],
    cols: &mut [Option<Column>],
    file: &str,
    problems: &mut Problems,
) -> Option<&'r [Row<'t>]> {
    let Some(next) = body.first().filter(|r| r.number == header.number + 1) else {
        return Some(body);
    };
    // A cell shown from a merged header cell above.
    let from_header = |c: &Cell| matches!(c, Cell::Typed(t) if t.merged.is_some());
    // The columns an amount header spans: up to the next header cell.
    let span = |index: usize| {
        let end = header
            .cells
            .iter()
            .map(|(c, _)| *c)
            .find(|c| *c > index)
            .unwrap_or(usize::MAX);
        index..end
    };
    let money: Vec<usize> = specs
        .iter()
        .zip(cols.iter())
        .enumerate()
        .filter(|(_, (s, c))| s.money && c.is_some())
        .map(|(i, _)| i)
        .collect();
    let in_money = |index: usize| {
        money
            .iter()
            .filter_map(|&si| cols[si].as_ref())
            .any(|c| span(c.index).contains(&index))
    };
    let mapped = |index: usize| cols.iter().flatten().any(|c| c.index == index);
    let mut under_money = false;
    for (index, cell) in &next.cells {
        if from_header(cell) {
            continue;
        }
        let Some(text) = cell.text() else {
            return Some(body);
        };
        let number = matches!(cell, Cell::Typed(t) if t.kind != TypedKind::Text)
            || parse_amount(text, Unit::Wan).is_ok();
        if number || (mapped(*index) && !in_money(*index)) {
            return Some(body);
        }
        under_money |= in_money(*index);
    }
    if !under_money {
        return Some(body);
    }
    let mut ok = true;
    for si in money {
        let Some(c) = cols[si].as_mut() else { continue };
        let parts: Vec<(usize, &str)> = next
            .cells
            .iter()
            .filter(|(i, cell)| span(c.index).contains(i) && !from_header(cell))
            .filter_map(|(i, cell)| cell.text().map(|t| (*i, t)))
            .collect();
        if parts.is_empty() {
            continue;
        }
        let totals: Vec<&(usize, &str)> = parts
            .iter()
            .filter(|(_, t)| is_total_word(&columns::split_header(t).0))
            .collect();
        match totals.as_slice() {
            [(index, text)] => {
                let head = header.get(c.index).and_then(Cell::text).unwrap_or("");
                let unit_of = |t: &str| {
                    columns::split_header(t)
                        .1
                        .and_then(|u| Unit::from_label(&u))
                };
                let label = columns::label(&format!("{head} {text}"), *index);
                // `合计（元）` under a header without a unit gives the unit.
                match (unit_of(head), unit_of(text)) {
                    (Some(h), Some(u)) if h != u => {
                        ok = false;
                        problems.push(Problem::new(
                            file,
                            Some(next.number),
                            Some(label.clone()),
                            TableProblem::SubHeaderUnitConflict {
                                header: h,
                                total: u,
                            },
                        ));
                    }
                    (None, Some(u)) => c.unit = u,
                    _ => {}
                }
                c.label = label;
                c.index = *index;
            }
            _ => {
                ok = false;
                let names: Vec<String> = parts.iter().map(|(_, t)| clip(t, 20)).collect();
                problems.push(Problem::new(
                    file,
                    Some(next.number),
                    Some(c.label.clone()),
                    TableProblem::SplitWithoutTotal {
                        column: c.label.clone(),
                        parts: names,
                    },
                ));
            }
        }
    }
    ok.then(|| &body[1..])
}

/// Where the header is: the first of the first rows that names every
/// required column of `specs`.
pub(super) fn header_at(rows: &[Row], specs: &[Spec], file: &str) -> Option<usize> {
    rows.iter()
        .take(TITLE_ROWS + 1)
        .position(|r| map_header(r, specs, file, None, &mut Problems::default()).is_some())
}

/// How many rows of title may stand above the header.
pub(super) const TITLE_ROWS: usize = 10;
