//! The workbook: the summaries first (部门汇总, 预算类型汇总, at a later
//! stage 调整汇总), their charts (图表, `charts`), then 审核结果, 审核意见
//! and 审核日志.
//!
//! Amounts are real numbers in 万元 so the panel can sum and filter them;
//! they are exact decimals until the moment a cell is written (xlsx holds
//! doubles). Text always goes through `write_string`, which stores a string
//! cell: a spreadsheet shows it as text and never evaluates it, so a project
//! named `=HYPERLINK(…)` stays a name. (The csv, which has no cell types,
//! guards such text with a leading `'` instead.)
//!
//! Every sheet is set up for printing ([`print::print_setup`]): the
//! summaries each on one page where they fit (部门汇总 with the signature
//! lines under it), the long sheets one page wide; a sheet narrow enough is
//! printed upright, a wide one in landscape.

mod charts;
pub mod print;
mod sheet;

use rust_xlsxwriter::{
    ColNum, DocProperties, RowNum, Workbook, Worksheet, XlsxError, column_number_to_name,
};

pub(crate) use print::{Fit as PageFit, Page};
use sheet::wan_f64;
pub(crate) use sheet::{Layout, Sheet, Styles};

use super::{
    COL_ADJUSTED, COL_ALSO, COL_APPROVED, COL_CUT, COL_KIND, COL_RATE, COL_REQUESTED, COL_STATE,
    Cell, FIGURE_HEADERS, FigureCell, MeetingData, figure_cells, result_headers,
};
use crate::domain::{Figures, Fit, Kind, Stage, StageTally, State};
use crate::i18n::Lang;
use crate::text::clean;
use crate::words::event::EventWords;

/// A summary of at most this many rows (header, groups, total, signatures)
/// is printed on one page (an A4 page holds about 45 rows at full size,
/// so the text is shrunk to no less than about 60%); a longer one one page
/// wide, as long as it runs, its header on every page.
const ONE_PAGE_ROWS: usize = 80;

/// Builds the workbook in memory.
pub(super) fn workbook(data: &MeetingData) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut wb = Workbook::new();
    let stage = data.stage.zh();
    let meeting = data.meeting.title.trim();
    let title = if meeting.is_empty() {
        format!("{stage} 审核结果")
    } else {
        format!("{meeting} {stage} 审核结果")
    };
    wb.set_properties(&DocProperties::new().set_title(title));
    let exported_at = jiff::ZonedDateTime::now()
        .strftime("%Y-%m-%d %H:%M")
        .to_string();
    // The bureau's document is Chinese whatever the reader's language.
    let page = Page {
        title: if meeting.is_empty() { stage } else { meeting },
        exported_at: &exported_at,
        lang: Lang::Zh,
    };
    let projects = data.projects.len() as RowNum;
    let depts: Vec<(&str, &Figures)> = data
        .tally
        .by_department
        .iter()
        .map(|(d, f)| (d.as_str(), f))
        .collect();
    let c = &data.ceiling;
    let dept_fits: Vec<Option<Fit>> = data
        .tally
        .by_department
        .iter()
        .map(|(d, f)| c.department_fit(d, f))
        .collect();
    wb.push_worksheet(summary(
        ("部门汇总", "部门"),
        &depts,
        &data.tally.total,
        projects,
        &Extra {
            signed: true,
            fits: (!c.by_department.is_empty()).then_some((dept_fits, c.total_fit(&data.tally))),
            ..Extra::default()
        },
        &styles,
        &page,
    )?);
    let budgets: Vec<(&str, &Figures)> = data
        .tally
        .by_budget_type
        .iter()
        .map(|(b, f)| (b.zh(), f))
        .collect();
    let budget_fits: Vec<Option<Fit>> = data
        .tally
        .by_budget_type
        .iter()
        .map(|(b, _)| {
            c.budget_fits(&data.tally)
                .into_iter()
                .find(|(x, _)| x == b)
                .map(|(_, f)| f)
        })
        .collect();
    let any_budget = c.total.is_some() || !c.by_budget.is_empty();
    wb.push_worksheet(summary(
        ("预算类型汇总", "预算类型"),
        &budgets,
        &data.tally.total,
        projects,
        &Extra {
            fits: any_budget.then_some((budget_fits, c.total_fit(&data.tally))),
            ..Extra::default()
        },
        &styles,
        &page,
    )?);
    if let Some(st) = &data.stage_tally {
        wb.push_worksheet(kinds(st, &styles, &page)?);
    }
    breakdown_sheets(&mut wb, data, projects, &styles, &page)?;
    let cut = summary_column("审减金额（万元）");
    let mut sources = vec![
        charts::Source {
            title: "各预算类型审减金额（万元）",
            sheet: "预算类型汇总",
            rows: budgets.len(),
            col: cut,
        },
        charts::Source {
            title: "各部门审减金额（万元）",
            sheet: "部门汇总",
            rows: depts.len(),
            col: cut,
        },
    ];
    if let Some(st) = &data.stage_tally {
        sources.insert(
            0,
            charts::Source {
                title: "各调整类型金额（万元）",
                sheet: "调整汇总",
                rows: st.kinds.len(),
                col: 2,
            },
        );
    }
    wb.push_worksheet(charts::charts(&sources, &page)?);
    wb.push_worksheet(results(data, &styles, &page)?);
    wb.push_worksheet(comments(data, &styles, &page)?);
    wb.push_worksheet(log(data, &styles, &page)?);
    wb.save_to_buffer()
}

/// The column of a summary sheet (部门汇总, 预算类型汇总) under `header`:
/// the group's name first, then [`FIGURE_HEADERS`].
fn summary_column(header: &str) -> ColNum {
    let i = FIGURE_HEADERS
        .iter()
        .position(|h| *h == header)
        .expect("a summary column");
    i as ColNum + 1
}

/// A long table: one page wide, as many pages as its rows need.
fn long_table<'p>(page: &'p Page<'p>) -> Layout<'p> {
    Layout {
        page,
        fit: PageFit::OneWide,
    }
}

/// A summary of `rows` rows: on one page if they fit there legibly.
fn summary_page<'p>(page: &'p Page<'p>, rows: usize) -> Layout<'p> {
    Layout {
        page,
        fit: if rows <= ONE_PAGE_ROWS {
            PageFit::OnePage
        } else {
            PageFit::OneWide
        },
    }
}

/// Sheet 审核结果: one row per project, then the totals.
fn results(data: &MeetingData, styles: &Styles, page: &Page<'_>) -> Result<Worksheet, XlsxError> {
    let headers = result_headers(data.stage);
    let mut sh = Sheet::new("审核结果", &headers, styles)?;
    for (header, width) in [
        ("部门", 14),
        ("项目名称", 22),
        ("需调整指标", 10),
        ("调整理由", 20),
        ("最新审核意见", 28),
    ] {
        sh.wrap_at(header, width);
    }
    let mut row: RowNum = 0;
    for line in &data.projects {
        row += 1;
        sh.begin_row(row)?;
        for (c, cell) in line.cells(data.stage).iter().enumerate() {
            let c = c as ColNum;
            match cell {
                Cell::Text(s) => sh.text(row, c, s, false)?,
                Cell::Money(m) => sh.money(row, c, *m)?,
                Cell::Rate(r) => sh.rate(row, c, Some(*r))?,
                Cell::Blank => {}
            }
        }
    }
    let last = row;
    let t = row + 1;
    let f = &data.tally.total;
    sh.text(t, 0, "合计", true)?;
    for c in 1..headers.len() as ColNum {
        sh.ws.write_blank(t, c, &styles.total_text)?;
    }
    if let Some(st) = &data.stage_tally {
        // The money adjusted: every kind but what post-evaluation keeps.
        let m = st.adjusted_total();
        let style = styles.money_for(m, true);
        if last >= 1 {
            let (kind, amount) = (
                column_number_to_name(COL_KIND),
                column_number_to_name(COL_ADJUSTED),
            );
            // What comes beside the main kinds (收回结余 beside 调减) counts too.
            let also = column_number_to_name(COL_ALSO);
            let formula = format!(
                "=SUMIF({kind}2:{kind}{t},\"<>{keep}\",{amount}2:{amount}{t})+SUM({also}2:{also}{t})",
                keep = Kind::Keep.zh()
            );
            sh.total_formula(
                t,
                COL_ADJUSTED,
                formula,
                m.to_wan().to_string(),
                &m.wan_display(),
                style,
            )?;
        } else {
            sh.ws
                .write_number_with_format(t, COL_ADJUSTED, wan_f64(m), style)?;
        }
    }
    sh.total_sum(t, COL_REQUESTED, FigureCell::Money(f.requested))?;
    sh.total_sum(t, COL_APPROVED, FigureCell::Money(f.approved))?;
    sh.total_sum(t, COL_CUT, FigureCell::Money(f.cut))?;
    // The tally's cut rate: cut ÷ what the decided projects requested.
    let cut_total = format!("{}{}", column_number_to_name(COL_CUT), t + 1);
    sh.total_rate(
        t,
        COL_RATE,
        f,
        (last >= 1).then(|| rate_formula(&cut_total, "", last)),
    )?;
    sh.finish(last, t, &long_table(page))
}

/// Sheet 审核结果's name as a formula on another sheet refers to it.
const RESULTS_PREFIX: &str = "审核结果!";

/// The total cut rate as a formula: `cut_total` (a cell) ÷ what the
/// decided projects requested, summed over sheet 审核结果's `projects`
/// data rows (`prefix` names that sheet from another); `""` when nothing
/// decided requested anything, as the tally has no rate then.
fn rate_formula(cut_total: &str, prefix: &str, projects: RowNum) -> String {
    let col = |c: ColNum| column_number_to_name(c);
    let (req, state) = (col(COL_REQUESTED), col(COL_STATE));
    let end = projects + 1;
    let base = format!(
        "SUMIF({prefix}{state}2:{state}{end},\"<>{pending}\",{prefix}{req}2:{req}{end})",
        pending = State::Pending.zh()
    );
    format!("=IF({base}=0,\"\",{cut_total}/{base})")
}

/// What a summary sheet has beside its groups' figures.
#[derive(Default)]
struct Extra<'a> {
    /// Lines for 评审人, 主持人 and 日期 under it.
    signed: bool,
    /// Each group's ceiling and the total's, where any is set: two more
    /// columns, 控制数 and 尚需审减.
    fits: Option<(Vec<Option<Fit>>, Option<Fit>)>,
    /// A line under the table.
    note: Option<&'a str>,
    /// No total row: the groups overlap (a project with two reasons).
    no_total: bool,
}

/// The ceiling's two columns.
const FIT_HEADERS: [&str; 2] = ["控制数（万元）", "尚需审减（万元）"];

/// Writes a fit's two cells at column `c`.
fn fit_cells(
    sh: &mut Sheet<'_>,
    row: RowNum,
    c: ColNum,
    fit: Option<Fit>,
) -> Result<(), XlsxError> {
    if let Some(f) = fit {
        sh.money(row, c, f.ceiling)?;
        sh.money(row, c + 1, f.to_cut)?;
    }
    Ok(())
}

/// The tally by reason, by section and new or continuing, each a sheet of
/// its own where the meeting has any: 审减原因汇总 (a project with two
/// reasons under both, so no total; said under the table), 股室汇总,
/// 新增延续汇总.
fn breakdown_sheets(
    wb: &mut Workbook,
    data: &MeetingData,
    projects: RowNum,
    styles: &Styles,
    page: &Page<'_>,
) -> Result<(), XlsxError> {
    let b = &data.breakdown;
    let total = &data.tally.total;
    let reasons: Vec<(&str, &Figures)> = b
        .by_reason
        .iter()
        .filter(|(_, f)| f.projects > 0)
        .map(|(r, f)| (r.as_str(), f))
        .collect();
    if !reasons.is_empty() {
        let note = crate::words::weigh::BreakdownWords::ReasonsOverlap;
        let note = crate::words::Say::say(&note, Lang::Zh);
        wb.push_worksheet(summary(
            ("审减原因汇总", "审减原因"),
            &reasons,
            total,
            projects,
            &Extra {
                note: Some(&note),
                no_total: true,
                ..Extra::default()
            },
            styles,
            page,
        )?);
    }
    if b.by_section.iter().any(|(s, _)| s.is_some()) {
        let rows: Vec<(&str, &Figures)> = b
            .by_section
            .iter()
            .map(|(s, f)| (s.as_deref().unwrap_or("未填股室"), f))
            .collect();
        wb.push_worksheet(summary(
            ("股室汇总", "业务股室"),
            &rows,
            total,
            projects,
            &Extra::default(),
            styles,
            page,
        )?);
    }
    if b.by_novelty.iter().any(|(n, _)| n.is_some()) {
        let rows: Vec<(&str, &Figures)> = b
            .by_novelty
            .iter()
            .map(|(n, f)| (n.map_or("未注明", |n| n.zh()), f))
            .collect();
        wb.push_worksheet(summary(
            ("新增延续汇总", "新增/延续"),
            &rows,
            total,
            projects,
            &Extra::default(),
            styles,
            page,
        )?);
    }
    Ok(())
}

/// Sheets 部门汇总 and 预算类型汇总 (and the breakdown's): the tally's
/// groups, then the total.
fn summary(
    (name, group): (&str, &str),
    rows: &[(&str, &Figures)],
    total: &Figures,
    projects: RowNum,
    extra: &Extra<'_>,
    styles: &Styles,
    page: &Page<'_>,
) -> Result<Worksheet, XlsxError> {
    let signed = extra.signed;
    let mut headers = vec![group];
    headers.extend(FIGURE_HEADERS);
    if extra.fits.is_some() {
        headers.extend(FIT_HEADERS);
    }
    let fit_col = FIGURE_HEADERS.len() as ColNum + 1;
    let mut sh = Sheet::new(name, &headers, styles)?;
    sh.wrap_at(group, 20);
    if signed {
        sh.sign_below();
    }
    let mut row: RowNum = 0;
    for (label, f) in rows {
        row += 1;
        sh.begin_row(row)?;
        sh.text(row, 0, label, false)?;
        for (i, cell) in figure_cells(f).into_iter().enumerate() {
            let c = i as ColNum + 1;
            match cell {
                FigureCell::Count(n) => sh.count(row, c, n)?,
                FigureCell::Money(m) => sh.money(row, c, m)?,
                FigureCell::Rate(r) => sh.rate(row, c, r)?,
            }
        }
        if let Some((fits, _)) = &extra.fits {
            fit_cells(
                &mut sh,
                row,
                fit_col,
                fits.get(row as usize - 1).copied().flatten(),
            )?;
        }
    }
    let last = row;
    if extra.no_total {
        let printed = rows.len() + 3;
        // Written as it is, not measured: a sentence under the table, not
        // a cell of its first column.
        if let Some(n) = extra.note {
            sh.ws.write_string(last + 2, 0, n)?;
        }
        return sh.finish(last, last, &summary_page(page, printed));
    }
    let t = row + 1;
    sh.text(t, 0, "合计", true)?;
    if let Some((_, total_fit)) = &extra.fits {
        fit_cells(&mut sh, t, fit_col, *total_fit)?;
    }
    for (i, cell) in figure_cells(total).into_iter().enumerate() {
        let c = i as ColNum + 1;
        match cell {
            // The rate's base (what the decided projects requested) is not a
            // column here: it is summed from sheet 审核结果, as there.
            FigureCell::Rate(_) => {
                let cut_total = format!("{}{}", column_number_to_name(c - 1), t + 1);
                let formula =
                    (projects >= 1).then(|| rate_formula(&cut_total, RESULTS_PREFIX, projects));
                sh.total_rate(t, c, total, formula)?;
            }
            other => sh.total_sum(t, c, other)?,
        }
    }
    // Header, groups, total, and the gap and line of the signatures.
    let printed = rows.len() + 2 + if signed { 3 } else { 0 };
    sh.finish(last, t, &summary_page(page, printed))
}

/// Sheet 调整汇总 (later stages): each kind's count and amount in the
/// report's order, then the money adjusted in all.
fn kinds(st: &StageTally, styles: &Styles, page: &Page<'_>) -> Result<Worksheet, XlsxError> {
    let mut sh = Sheet::new("调整汇总", &["调整类型", "项目数", "金额（万元）"], styles)?;
    let mut row: RowNum = 0;
    for k in &st.kinds {
        row += 1;
        sh.begin_row(row)?;
        sh.text(row, 0, st.stage.kind_zh(k.kind), false)?;
        sh.count(row, 1, k.count)?;
        sh.money(row, 2, k.amount)?;
    }
    let last = row;
    let t = row + 1;
    let keeps = st.stage == Stage::PostEvaluation;
    sh.text(
        t,
        0,
        if keeps {
            "合计（不含维持）"
        } else {
            "合计"
        },
        true,
    )?;
    let m = st.adjusted_total();
    let count: u64 = st
        .kinds
        .iter()
        .filter(|k| k.kind != Kind::Keep)
        .map(|k| k.count)
        .sum();
    let (n, a) = (count.to_string(), m.to_wan().to_string());
    let keep = Kind::Keep.zh();
    sh.total_formula(
        t,
        1,
        format!("=SUMIF(A2:A{t},\"<>{keep}\",B2:B{t})"),
        n.clone(),
        &n,
        &styles.total_count,
    )?;
    sh.total_formula(
        t,
        2,
        format!("=SUMIF(A2:A{t},\"<>{keep}\",C2:C{t})"),
        a,
        &m.wan_display(),
        styles.money_for(m, true),
    )?;
    sh.finish(last, t, &summary_page(page, st.kinds.len() + 2))
}

/// Sheet 审核意见: every comment, oldest first.
fn comments(data: &MeetingData, styles: &Styles, page: &Page<'_>) -> Result<Worksheet, XlsxError> {
    let mut sh = Sheet::new(
        "审核意见",
        &["项目编码", "项目名称", "评审人", "时间", "用于", "意见"],
        styles,
    )?;
    sh.wrap_at("项目名称", 24);
    sh.wrap_at("意见", 56);
    let mut row: RowNum = 0;
    // The bureau's own record: a comment kept inside it is marked so.
    for (code, name, c) in &data.comments {
        row += 1;
        sh.begin_row(row)?;
        let scope = if c.internal { "内部" } else { "反馈部门" }.to_string();
        for (col, s) in [code, name, &c.author, &c.at, &scope, &c.body]
            .into_iter()
            .enumerate()
        {
            sh.text(row, col as ColNum, s, false)?;
        }
    }
    sh.finish(row, row, &long_table(page))
}

/// Sheet 审核日志: the event log, oldest first, in the words the screen's
/// history uses ([`EventWords`]): the operation, the decision before and
/// after, and what a comment, roster change or ceiling said. Like the rest
/// of the workbook, in Chinese.
fn log(data: &MeetingData, styles: &Styles, page: &Page<'_>) -> Result<Worksheet, XlsxError> {
    let mut sh = Sheet::new(
        "审核日志",
        &[
            "时间",
            "评审人",
            "系统用户",
            "操作",
            "项目编码",
            "原状态",
            "新状态",
            "说明",
        ],
        styles,
    )?;
    let mut row: RowNum = 0;
    // A cut is worded with its amount, as on the screen and in the log.
    let requested: std::collections::HashMap<&str, crate::domain::Money> = data
        .projects
        .iter()
        .map(|p| (&*p.row.code, p.row.requested))
        .collect();
    for e in &data.events {
        row += 1;
        sh.begin_row(row)?;
        let req = e.project.as_deref().and_then(|c| requested.get(c)).copied();
        let w = EventWords::of(e, req, data.stage, Lang::Zh);
        let cells = [
            clean(&e.at).into_owned(),
            clean(&e.reviewer).into_owned(),
            clean(&e.os_user).into_owned(),
            w.label,
            w.project.unwrap_or_default(),
            w.old.unwrap_or_default(),
            w.new.unwrap_or_default(),
            w.note.unwrap_or_default(),
        ];
        for (col, s) in cells.iter().enumerate() {
            if !s.is_empty() {
                sh.text(row, col as ColNum, s, false)?;
            }
        }
    }
    sh.finish(row, row, &long_table(page))
}

#[cfg(test)]
mod tests {
    use super::sheet::rate_fraction;
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn amounts_become_the_nearest_double() {
        assert_eq!(wan_f64("27.00".parse().unwrap()), 27.0);
        assert_eq!(wan_f64("0.000001".parse().unwrap()), 0.000001);
        assert_eq!(wan_f64("347740".parse().unwrap()), 347740.0);
        assert_eq!(rate_fraction(Decimal::new(3370, 2)).to_string(), "0.337");
    }
}
