//! Reading the projects table (项目): one project per row, with its code,
//! department, name, budget type and requested amount; 合计 lines checked
//! against the rows above them.

use std::collections::HashMap;

use crate::domain::budget::BudgetType;
use crate::domain::decision::CutInputError;
use crate::domain::lastyear::LastYearOdd;
use crate::domain::lastyear::parse_rate;
use crate::domain::money::{Money, parse_amount};
use crate::domain::problem::{CellProblem, Problem, TableProblem, WeighProblem};
use crate::domain::project::NewProject;
use crate::domain::{LastYear, Novelty, Warning};

use super::cell::{Kind, RowCtx, optional, zero_formula};
use super::columns::{CODE, Column, Spec, spec};
use super::indicators::PARALLEL_ROWS;
use super::lines::{is_note_line, is_total_row, unit_note};
use super::locate::{Mapped, read_header};
use super::table::{Cell, Row};
use super::totals::{Request, TotalLine, check_totals};
use super::{Problems, clip};

const P_CODE: usize = 0;
const P_DEPT: usize = 1;
const P_NAME: usize = 2;
const P_BUDGET: usize = 3;
const P_REQUESTED: usize = 4;
const P_SECTION: usize = 5;
const P_LAST_BUDGET: usize = 6;
const P_LAST_SPENT: usize = 7;
const P_LAST_RATE: usize = 8;
const P_NOVELTY: usize = 9;
const P_GOAL: usize = 10;

/// The names departments give their own column.
pub(super) const DEPARTMENT_ALIASES: &[&str] = &[
    "部门",
    "部门名称",
    "预算部门",
    "单位",
    "单位名称",
    "预算单位",
    "预算单位名称",
    "部门（单位）",
    "部门（单位）名称",
    "department",
    "dept",
];

pub(super) const PROJECT_SPECS: &[Spec] = &[
    spec("项目编码", "project_id", CODE, true),
    spec("部门", "department", DEPARTMENT_ALIASES, true),
    spec(
        "项目名称",
        "name",
        &["项目名称", "项目", "project_name", "project", "name"],
        true,
    ),
    spec(
        "预算类型",
        "budget_type",
        &["预算类型", "预算", "资金性质", "budget_type", "budget"],
        true,
    ),
    Spec {
        money: true,
        ..spec(
            "申报金额",
            "requested",
            &[
                "申报金额",
                "申报数",
                "申请金额",
                "申报资金",
                "申请资金",
                "申报数额",
                "requested",
                "amount",
            ],
            true,
        )
    },
    spec(
        "业务股室",
        "section",
        &["业务股室", "股室", "section"],
        false,
    ),
    Spec {
        money: true,
        ..spec(
            "上年预算",
            "last_budget",
            &[
                "上年预算",
                "上年预算数",
                "上年预算金额",
                "上年预算安排",
                "上年安排",
                "上年安排数",
                "last_budget",
                "last_year_budget",
            ],
            false,
        )
    },
    Spec {
        money: true,
        ..spec(
            "上年执行数",
            "last_spent",
            &[
                "上年执行数",
                "上年执行金额",
                "上年执行",
                "上年支出",
                "上年实际支出",
                "last_spent",
                "last_year_spent",
            ],
            false,
        )
    },
    Spec {
        rate: true,
        ..spec(
            "上年执行率",
            "last_rate",
            &[
                "上年执行率",
                "上年预算执行率",
                "执行率",
                "last_rate",
                "last_year_rate",
                "execution_rate",
            ],
            false,
        )
    },
    spec(
        "新增/延续",
        "novelty",
        &[
            "新增/延续",
            "新增或延续",
            "新增延续",
            "延续/新增",
            "新增/延续项目",
            "项目属性",
            "novelty",
            "new_or_continuing",
        ],
        false,
    ),
    // The project's annual goal, for the targets table (绩效目标表).
    spec(
        "年度目标",
        "goal",
        &["年度目标", "年度绩效目标", "总体目标", "goal"],
        false,
    ),
];

/// What a projects table says beside its projects: the odd figures that do
/// not stop the import, and how many projects were read as 延续.
#[derive(Default)]
pub(super) struct Notes {
    pub warnings: Vec<Warning>,
    pub inferred: usize,
}

/// The codes a projects table names, each with the row it is first on.
/// A file in code order (each code after the one before, as a budget
/// system exports them) needs no map to tell a code given twice: only a
/// code out of order brings one in, with every code before it. The order
/// is by length first: `2021-999-0001` comes before `2021-1000-0001`, and
/// 9 before 10, as their numbers do.
#[derive(Debug, Default)]
pub(super) struct Codes<'r> {
    /// In file order, while it is also code order.
    sorted: Vec<(&'r str, usize)>,
    map: Option<HashMap<&'r str, usize>>,
}

impl<'r> Codes<'r> {
    /// Notes `code` on `row`; the row it was first on if it was seen before.
    pub fn seen(&mut self, code: &'r str, row: usize) -> Option<usize> {
        let map = match &mut self.map {
            Some(map) => map,
            None => match self.sorted.last() {
                Some(&(last, _)) if code_order(code, last).is_le() => self
                    .map
                    .insert(std::mem::take(&mut self.sorted).into_iter().collect()),
                _ => {
                    self.sorted.push((code, row));
                    return None;
                }
            },
        };
        match map.get(code) {
            Some(&first) => Some(first),
            None => {
                map.insert(code, row);
                None
            }
        }
    }

    /// Every code, with the row it is first on.
    fn iter(&self) -> Box<dyn Iterator<Item = (&'r str, usize)> + '_> {
        match &self.map {
            Some(map) => Box::new(map.iter().map(|(&c, &r)| (c, r))),
            None => Box::new(self.sorted.iter().copied()),
        }
    }

    /// Whether a code of `later` (read from rows after these) is one of
    /// these.
    fn shares_any(&self, later: &Codes<'_>) -> bool {
        match (
            &self.map,
            self.sorted.last(),
            &later.map,
            later.sorted.first(),
        ) {
            (None, Some(&(last, _)), None, Some(&(first, _)))
                if code_order(last, first).is_lt() =>
            {
                false
            }
            _ => later.iter().any(|(c, _)| self.contains(c)),
        }
    }

    /// These codes and then those of `later`, which are none of these: as
    /// if `later`'s had been seen one by one after these.
    fn then(mut self, later: Codes<'r>) -> Codes<'r> {
        if self.map.is_none() && later.map.is_none() {
            match (self.sorted.last(), later.sorted.first()) {
                (Some(&(last, _)), Some(&(first, _))) if code_order(last, first).is_gt() => {}
                _ => {
                    self.sorted.extend(later.sorted);
                    return self;
                }
            }
        }
        let mut map = self
            .map
            .take()
            .unwrap_or_else(|| self.sorted.drain(..).collect());
        map.extend(later.iter());
        Codes {
            sorted: Vec::new(),
            map: Some(map),
        }
    }

    pub fn contains(&self, code: &str) -> bool {
        match &self.map {
            Some(map) => map.contains_key(code),
            None => self
                .sorted
                .binary_search_by(|&(c, _)| code_order(c, code))
                .is_ok(),
        }
    }
}

/// Shorter codes first, codes of one length as text.
fn code_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// The projects, and every code the file names (None if the header is
/// unreadable, so indicators cannot be checked against it); what else the
/// table says goes into `noted`. Many rows are read in two halves on two
/// threads and put together in row order: the same projects, problems and
/// notes as one pass.
pub(super) fn read_projects<'r>(
    rows: &'r [Row<'_>],
    file: &'r str,
    problems: &mut Problems,
    noted: &mut Notes,
) -> (Vec<NewProject>, Option<Codes<'r>>) {
    read_projects_in_halves_from(rows, file, problems, noted, PARALLEL_ROWS)
}

/// [`read_projects`], in two halves from `parallel_rows` rows on.
pub(super) fn read_projects_in_halves_from<'r>(
    rows: &'r [Row<'_>],
    file: &'r str,
    problems: &mut Problems,
    noted: &mut Notes,
    parallel_rows: usize,
) -> (Vec<NewProject>, Option<Codes<'r>>) {
    let specs = PROJECT_SPECS;
    let Some(Mapped { header, cols, body }) = read_header(rows, file, specs, problems) else {
        return (Vec::new(), None);
    };
    let Some(table) = Table::of(&cols, file) else {
        return (Vec::new(), None);
    };
    let read = if body.len() < parallel_rows {
        table.read(body, Codes::default())
    } else {
        let (first, second) = body.split_at(body.len() / 2);
        let (a, b) = std::thread::scope(|s| {
            let job = s.spawn(|| table.read(second, Codes::default()));
            let a = table.read(first, Codes::default());
            (
                a,
                job.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
            )
        });
        // A code of the second half that the first has too is a repeat one
        // pass tells on its row: that half is read again after the first.
        if a.codes.shares_any(&b.codes) {
            table.read(body, Codes::default())
        } else {
            a.then(b)
        }
    };
    let Read {
        out,
        codes,
        requests,
        totals,
        notes,
        noted: found,
        problems: found_problems,
    } = read;
    problems.append(found_problems);
    noted.warnings.extend(found.warnings);
    noted.inferred += found.inferred;
    if body.len() == totals.len() + notes {
        problems.push(Problem::new(
            file,
            Some(header.number),
            None,
            TableProblem::NoProjects,
        ));
    }
    check_totals(file, table.c_req, &requests, &totals, problems);
    // The 合计 lines were checked last: their problems go where they stand.
    problems.sort_by_row();
    (out, Some(codes))
}

/// The columns a projects table is read by.
struct Table<'c, 'f> {
    cols: &'c [Option<Column>],
    file: &'f str,
    c_code: &'c Column,
    c_dept: &'c Column,
    c_name: &'c Column,
    c_budget: &'c Column,
    c_req: &'c Column,
}

/// What reading a run of a projects table's rows found.
struct Read<'r, 't> {
    out: Vec<NewProject>,
    codes: Codes<'r>,
    // Each project row's request (or its row, if it could not be read),
    // and each total line with how many project rows stand above it.
    requests: Vec<Request>,
    totals: Vec<TotalLine<'r, 't>>,
    notes: usize,
    noted: Notes,
    problems: Problems,
}

impl<'r, 't> Read<'r, 't> {
    /// This run and then `later`, the rows after it, as one run would
    /// have read them both; no code of `later` is one of this run's.
    fn then(mut self, later: Read<'r, 't>) -> Read<'r, 't> {
        let above = self.requests.len();
        self.out.reserve_exact(later.out.len());
        self.totals.extend(later.totals.into_iter().map(|mut t| {
            t.at += above;
            t
        }));
        self.requests.extend(later.requests);
        self.out.extend(later.out);
        self.notes += later.notes;
        self.noted.warnings.extend(later.noted.warnings);
        self.noted.inferred += later.noted.inferred;
        self.problems.append(later.problems);
        self.codes = self.codes.then(later.codes);
        self
    }
}

impl<'c, 'f> Table<'c, 'f> {
    fn of(cols: &'c [Option<Column>], file: &'f str) -> Option<Table<'c, 'f>> {
        let col = |i: usize| cols[i].as_ref();
        Some(Table {
            cols,
            file,
            c_code: col(P_CODE)?,
            c_dept: col(P_DEPT)?,
            c_name: col(P_NAME)?,
            c_budget: col(P_BUDGET)?,
            c_req: col(P_REQUESTED)?,
        })
    }

    /// Reads `body`, rows of the table, after rows that named `codes`.
    fn read<'r, 't>(&self, body: &'r [Row<'t>], mut codes: Codes<'r>) -> Read<'r, 't>
    where
        'f: 'r,
    {
        let Table {
            cols,
            file,
            c_code,
            c_dept,
            c_name,
            c_budget,
            c_req,
        } = *self;
        let specs = PROJECT_SPECS;
        let col = |i: usize| cols[i].as_ref();
        let mut found = Problems::default();
        let problems = &mut found;
        let mut noted = Notes::default();
        let inferred = &mut noted.inferred;
        // Room for a project a row: no copy of what is read as they grow.
        let mut out = Vec::with_capacity(body.len());
        let mut requests: Vec<Request> = Vec::with_capacity(body.len());
        let mut totals: Vec<TotalLine> = Vec::new();
        let mut notes = 0usize;
        for row in body {
            // A 合计 line (no code and a total where the name goes, or 合计
            // where the code goes, as most budget sheets and our own workbook
            // write it) is not a project; its figure is checked against the rows.
            if is_total_row(row, c_code) {
                let stated = row.get(c_req.index).and_then(Cell::text);
                totals.push(TotalLine {
                    row,
                    stated,
                    at: requests.len(),
                });
                continue;
            }
            if is_note_line(row, cols) {
                notes += 1;
                // `注：金额单位为元` under the table is read, not passed over.
                if let Some(p) = unit_note(file, row, c_req) {
                    problems.push(p);
                }
                continue;
            }
            let mut cx = RowCtx::new(file, row, problems);
            let code = cx.required(c_code, &specs[P_CODE], Kind::Code);
            if let Some(code) = code
                && let Some(first) = codes.seen(code, row.number)
            {
                cx.report(
                    c_code,
                    CellProblem::DuplicateCode {
                        code: code.to_string(),
                        first_row: first,
                    },
                );
            }
            let department = cx.required(c_dept, &specs[P_DEPT], Kind::Name);
            let name = cx.required(c_name, &specs[P_NAME], Kind::Name);
            let budget = cx
                .required(c_budget, &specs[P_BUDGET], Kind::Value)
                .and_then(|t| match BudgetType::parse(t) {
                    Some(b) => Some(b),
                    None => {
                        cx.report(
                            c_budget,
                            CellProblem::UnknownBudgetType { text: clip(t, 40) },
                        );
                        None
                    }
                });
            let requested = cx
                .required(c_req, &specs[P_REQUESTED], Kind::Amount)
                .and_then(|t| match parse_amount(t, c_req.unit) {
                    // A request of 0 from a formula: a program that writes
                    // formulas without calculating them saves 0.
                    Ok(m) if m == Money::ZERO && zero_formula(row, c_req).is_some() => {
                        cx.report(
                            c_req,
                            CellProblem::FormulaZero {
                                formula: zero_formula(row, c_req).map(str::to_string),
                            },
                        );
                        None
                    }
                    Ok(m) => Some(m),
                    Err(e) => {
                        cx.bad_amount(c_req, t, CutInputError::Amount(e));
                        None
                    }
                });
            requests.push(requested.ok_or(row.number));
            let section = optional(cx.text(col(P_SECTION), Kind::Name));
            let goal = cx
                .text(col(P_GOAL), Kind::Comment)
                .unwrap_or("")
                .to_string();
            let last = read_last_year(
                &mut cx,
                col(P_LAST_BUDGET),
                col(P_LAST_SPENT),
                col(P_LAST_RATE),
            );
            let stated = cx
                .text(col(P_NOVELTY), Kind::Value)
                .filter(|t| !t.is_empty())
                .and_then(|t| match Novelty::parse(t) {
                    Some(n) => Some(n),
                    None => {
                        let c = col(P_NOVELTY).expect("the cell was read from it");
                        cx.report(c, WeighProblem::NotNovelty { text: clip(t, 40) });
                        None
                    }
                });
            // 延续 when last year's budget is given and the file says nothing;
            // 新增 only where the file says so. A new project with last year's
            // budget contradicts itself: which is right cannot be told.
            let novelty = match (stated, &last) {
                (Some(Novelty::New), Some(y)) if y.budget.is_some_and(|b| !b.is_zero()) => {
                    let c = col(P_NOVELTY).expect("the cell was read from it");
                    let b = col(P_LAST_BUDGET)
                        .map(|c| c.label.clone())
                        .unwrap_or_default();
                    cx.report(c, WeighProblem::NewWithLastYearBudget { budget_column: b });
                    None
                }
                (Some(n), _) => Some(n),
                (None, Some(y)) if y.budget.is_some_and(|b| !b.is_zero()) => {
                    *inferred += 1;
                    Some(Novelty::Continuing)
                }
                (None, _) => None,
            };
            if let (
                true,
                Some(code),
                Some(department),
                Some(name),
                Some(budget_type),
                Some(requested),
            ) = (cx.ok, code, department, name, budget, requested)
            {
                if let Some(y) = &last {
                    for odd in y.odd() {
                        let at = match odd {
                            LastYearOdd::SpentOverBudget { .. } => col(P_LAST_SPENT),
                            _ => col(P_LAST_RATE).or(col(P_LAST_SPENT)),
                        };
                        noted.warnings.push(Warning {
                            file: file.to_string(),
                            row: row.number,
                            column: at.map(|c| c.label.clone()),
                            odd,
                        });
                    }
                }
                out.push(NewProject {
                    code: code.to_string(),
                    department: department.to_string(),
                    name: name.to_string(),
                    budget_type,
                    section,
                    requested,
                    goal,
                    last: last.unwrap_or_default(),
                    novelty,
                    source_row: row.number,
                });
            }
        }
        Read {
            out,
            codes,
            requests,
            totals,
            notes,
            noted,
            problems: found,
        }
    }
}

/// Last year's figures of a row: its budget and spending (in their
/// columns' units), its rate (by the header's unit, or a `%` in the cell);
/// `None` when the row gives none, or when a cell is refused (reported).
fn read_last_year(
    cx: &mut RowCtx<'_, '_>,
    budget: Option<&Column>,
    spent: Option<&Column>,
    rate: Option<&Column>,
) -> Option<LastYear> {
    let mut y = LastYear::default();
    let mut ok = true;
    for (c, slot) in [(budget, &mut y.budget), (spent, &mut y.spent)] {
        let Some(c) = c else { continue };
        match cx.text(Some(c), Kind::Amount) {
            None => ok = false,
            Some("") => {}
            Some(t) => match parse_amount(t, c.unit) {
                Ok(m) => *slot = Some(m),
                Err(e) => {
                    cx.bad_amount(c, t, CutInputError::Amount(e));
                    ok = false;
                }
            },
        }
    }
    if let Some(c) = rate {
        match cx.text(Some(c), Kind::Value) {
            None => ok = false,
            Some("") => {}
            Some(t) => match parse_rate(t, c.rate_unit) {
                Ok(r) => y.rate = Some(r),
                Err(e) => {
                    cx.report(
                        c,
                        WeighProblem::BadRate {
                            text: clip(t, 40),
                            error: e,
                        },
                    );
                    ok = false;
                }
            },
        }
    }
    (ok && !y.is_empty()).then_some(y)
}
