//! Reading the projects table (项目): one project per row, with its code,
//! department, name, budget type and requested amount; 合计 lines checked
//! against the rows above them.

use std::collections::{HashMap, HashSet};

use crate::domain::Reason;
use crate::domain::budget::BudgetType;
use crate::domain::lastyear::LastYearOdd;
use crate::domain::lastyear::parse_rate;
use crate::domain::money::{Money, Unit, parse_amount};
use crate::domain::project::{NewProject, Problem};
use crate::domain::{LastYear, Novelty, Warning};

use super::cell::{Kind, RowCtx, formula_shown, optional, zero_formula};
use super::columns::{CODE, Column, Spec, spec};
use super::lines::{is_note_line, is_total_row, unit_note};
use super::locate::{Mapped, read_header};
use super::table::{Cell, Row};
use super::{Problems, quote};

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
];

/// What a projects table says beside its projects: the odd figures that do
/// not stop the import, and how many projects were read as 延续.
#[derive(Default)]
pub(super) struct Notes {
    pub warnings: Vec<Warning>,
    pub inferred: usize,
}

/// The projects, and every code the file names (None if the header is
/// unreadable, so indicators cannot be checked against it); what else the
/// table says goes into `noted`.
pub(super) fn read_projects<'r>(
    rows: &'r [Row<'_>],
    file: &'r str,
    problems: &mut Problems,
    noted: &mut Notes,
) -> (Vec<NewProject>, Option<HashSet<&'r str>>) {
    let inferred = &mut noted.inferred;
    let specs = PROJECT_SPECS;
    let Some(Mapped { header, cols, body }) = read_header(rows, file, specs, problems) else {
        return (Vec::new(), None);
    };
    let col = |i: usize| cols[i].as_ref();
    let (Some(c_code), Some(c_dept), Some(c_name), Some(c_budget), Some(c_req)) = (
        col(P_CODE),
        col(P_DEPT),
        col(P_NAME),
        col(P_BUDGET),
        col(P_REQUESTED),
    ) else {
        return (Vec::new(), None);
    };
    let mut out = Vec::new();
    let mut first_row: HashMap<&str, usize> = HashMap::new();
    // Each total line, what it says, and how many projects were above it.
    let mut totals: Vec<(&Row, Option<&str>, usize)> = Vec::new();
    let mut notes = 0usize;
    for row in body {
        // A 合计 line (no code and a total where the name goes, or 合计
        // where the code goes, as most budget sheets and our own workbook
        // write it) is not a project; its figure is checked against the rows.
        if is_total_row(row, c_code) {
            let stated = row.get(c_req.index).and_then(Cell::text);
            totals.push((row, stated, out.len()));
            continue;
        }
        if is_note_line(row, &cols) {
            notes += 1;
            // `注：金额单位为元` under the table is read, not passed over.
            if let Some(p) = unit_note(file, row, c_req) {
                problems.push(p);
            }
            continue;
        }
        let mut cx = RowCtx::new(file, row, problems);
        let code = cx.required(c_code, &specs[P_CODE], Kind::Code);
        if let Some(code) = code {
            match first_row.get(code) {
                Some(first) => cx.report(
                    c_code,
                    format!("duplicate project code {code}, first on row {first}"),
                    format!("项目编码 {code} 重复，首次出现在第 {first} 行"),
                ),
                None => {
                    first_row.insert(code, row.number);
                }
            }
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
                        format!(
                            "unknown budget type {}; write one of {}",
                            quote(t),
                            BudgetType::accepted_names()
                        ),
                        format!(
                            "无法识别的预算类型 {}；请填写{}",
                            quote(t),
                            BudgetType::accepted_names_zh()
                        ),
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
                    let (f, f_zh) = formula_shown(zero_formula(row, c_req));
                    cx.report(
                        c_req,
                        format!(
                            "the cell is a formula{f} whose saved value is 0; if the file was \
                             written by a program, open it in Excel or WPS and save it so the \
                             formulas are calculated; if the request really is 0, type 0"
                        ),
                        format!(
                            "单元格是公式{f_zh}，保存的结果为 0；如文件由程序生成，请用 Excel 或 WPS \
                             打开并保存，使公式得到计算；如申报金额确为 0，请直接填写 0"
                        ),
                    );
                    None
                }
                Ok(m) => Some(m),
                Err(e) => {
                    cx.bad_amount(c_req, t, &e);
                    None
                }
            });
        let section = optional(cx.text(col(P_SECTION), Kind::Name));
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
                    cx.report(
                        c,
                        format!(
                            "{} is neither new nor continuing; write 新增 or 延续 (new, continuing)",
                            quote(t)
                        ),
                        format!("{} 不是新增或延续；请填写 新增 或 延续", quote(t)),
                    );
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
                cx.report(
                    c,
                    format!("the project is 新增 (new) but {b} gives last year's budget; a new project had none: clear one of the two"),
                    format!("项目填为新增，但 {b} 有上年预算；新增项目上年没有预算：请删去其中之一"),
                );
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
                last: last.unwrap_or_default(),
                novelty,
                source_row: row.number,
            });
        }
    }
    if body.len() == totals.len() + notes {
        problems.push(Problem::new(
            file,
            Some(header.number),
            None,
            "no projects below the header row",
            "表头行下面没有项目",
        ));
    }
    // Totals are checked only when every project was read.
    if out.len() == first_row.len() {
        check_totals(file, c_req, &out, totals, problems);
    }
    (out, Some(first_row.into_keys().collect()))
}

/// Checks each 合计 line (its row, what it says, and how many projects
/// were above it) against the projects `out` read.
///
/// Exactness: a total that disagrees with its rows is a problem, not a
/// rounding to smooth over.
/// A 小计 under a group of projects (a department) adds up the projects
/// between it and the total line before it, or, standing over its group,
/// those down to the next; 合计 adds up all of them, wherever it stands.
fn check_totals(
    file: &str,
    c_req: &Column,
    out: &[NewProject],
    totals: Vec<(&Row, Option<&str>, usize)>,
    problems: &mut Problems,
) {
    let sum: Money = out.iter().map(|p| p.requested).sum();
    let shown = |m: Money| match c_req.unit {
        Unit::Wan => m.wan_string(),
        Unit::Yuan => format!("{}", rust_decimal::Decimal::new(m.fen(), 2)),
    };
    let sum_text = shown(sum);
    let group = |from: usize, to: usize| -> Option<Money> {
        (to > from).then(|| out[from..to].iter().map(|p| p.requested).sum())
    };
    let at: Vec<usize> = totals.iter().map(|(_, _, at)| *at).collect();
    for (k, (row, stated, here)) in totals.into_iter().enumerate() {
        let Some(text) = stated else { continue };
        let above = group(if k == 0 { 0 } else { at[k - 1] }, here);
        let below = group(here, at.get(k + 1).copied().unwrap_or(out.len()));
        let groups = at.len() > 1;
        match parse_amount(text, c_req.unit) {
            Ok(m) if m == sum => {}
            Ok(m) if groups && (Some(m) == above || Some(m) == below) => {}
            // A total formula saved as 0 (or not at all) says nothing.
            _ if zero_formula(row, c_req).is_some() => {
                let (f, f_zh) = formula_shown(zero_formula(row, c_req));
                problems.push(Problem::new(
                    file,
                    Some(row.number),
                    Some(c_req.label.clone()),
                    format!(
                        "the total line is a formula{f} whose saved value is {}, but the \
                         projects add up to {sum_text}: the file was written by a program \
                         and never calculated; open it in Excel or WPS, save it, and \
                         import it again",
                        if text.is_empty() { "none" } else { "0" }
                    ),
                    format!(
                        "合计行是公式{f_zh}，保存的结果为{}，但各项目申报金额相加为 {sum_text}：\
                         文件由程序生成，从未计算过；请用 Excel 或 WPS 打开并保存后再导入",
                        if text.is_empty() { "空" } else { " 0" }
                    ),
                ));
            }
            Ok(_) if groups => {
                let mut parts = vec![format!("{sum_text} in all")];
                let mut parts_zh = vec![format!("全部相加为 {sum_text}")];
                if let Some(a) = above {
                    parts.push(format!("{} since the total line above", shown(a)));
                    parts_zh.push(format!("自上一合计行以来为 {}", shown(a)));
                }
                if let Some(b) = below {
                    parts.push(format!("{} down to the next", shown(b)));
                    parts_zh.push(format!("到下一合计行为 {}", shown(b)));
                }
                problems.push(Problem::new(
                    file,
                    Some(row.number),
                    Some(c_req.label.clone()),
                    format!(
                        "the total line says {} but the projects add up to {}",
                        quote(text),
                        parts.join(", ")
                    ),
                    format!(
                        "合计行为 {}，但各项目申报金额{}",
                        quote(text),
                        parts_zh.join("，")
                    ),
                ));
            }
            Ok(m) => problems.push(Problem::new(
                file,
                Some(row.number),
                Some(c_req.label.clone()),
                format!(
                    "the total line says {} but the projects add up to {} ({})",
                    quote(text),
                    sum_text,
                    if m > sum { "more" } else { "less" }
                ),
                format!(
                    "合计行为 {}，但各项目申报金额相加为 {}（合计行{}）",
                    quote(text),
                    sum_text,
                    if m > sum { "多了" } else { "少了" }
                ),
            )),
            Err(e) => problems.push(Problem::new(
                file,
                Some(row.number),
                Some(c_req.label.clone()),
                format!("bad amount {} in the total line: {e}", quote(text)),
                format!("合计行的金额 {} 有误：{}", quote(text), e.zh()),
            )),
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
                    cx.bad_amount(c, t, &e);
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
                    use crate::words::{Lang, Say};
                    // Worded where the screen's words are, until import
                    // problems carry facts of their own.
                    cx.report(
                        c,
                        format!("bad rate {}: {}", quote(t), e.say(Lang::En)),
                        format!("执行率 {} 有误：{}", quote(t), e.say(Lang::Zh)),
                    );
                    ok = false;
                }
            },
        }
    }
    (ok && !y.is_empty()).then_some(y)
}
