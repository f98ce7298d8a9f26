//! 项目支出绩效目标表: the performance targets of the projects the meeting
//! kept, as they go with the budget to the People's Congress and are
//! published with it ("将预算绩效目标随同部门预算一同报市人大"): per
//! project its approved amount (预算金额), its annual goal (年度目标) and
//! each indicator (一级/二级/三级指标, 指标值, 计量单位) as revised and
//! confirmed. A project whose targets were sent back and are not yet
//! confirmed is listed as such, without targets: never with the old ones.
//! Cancelled projects are not kept; pending ones are not decided yet, and
//! the document says how many it leaves out.

use std::fmt::Write as _;

use rust_xlsxwriter::{ColNum, DocProperties, RowNum, Workbook, XlsxError};

use super::paper::{Cell, Writer};
use super::word::Word;
use super::{DocData, md};
use crate::domain::{Money, Revision, State};
use crate::export::xlsx::print::Orientation;
use crate::export::xlsx::{Layout, Page, PageFit as Fit, Sheet, Styles};
use crate::store::{Indicator, ProjectRow};

/// A kept project's line in the table: its indicators in force, or why it
/// has none to show.
pub enum Targets<'a> {
    /// The indicators in force; `revised`: those of a confirmed revision.
    InForce {
        indicators: &'a [Indicator],
        revised: bool,
    },
    /// Sent back and not yet confirmed: where the revision stands.
    Waiting(Revision),
}

/// The projects a targets table lists (decided, not cancelled), each with
/// its targets.
pub fn kept<'a>(
    data: &'a DocData,
    projects: &[&'a ProjectRow],
) -> Vec<(&'a ProjectRow, Targets<'a>)> {
    projects
        .iter()
        .filter(|p| p.decision.state.is_decided() && p.decision.state != State::Cancelled)
        .map(|p| {
            let t = match p.decision.adjust.as_deref() {
                Some(a) if a.revision != Revision::Confirmed => Targets::Waiting(a.revision),
                a => Targets::InForce {
                    indicators: data.in_force.get(&p.id).map(Vec::as_slice).unwrap_or(&[]),
                    revised: a.is_some_and(|a| a.in_force.is_some()),
                },
            };
            (*p, t)
        })
        .collect()
}

/// What a waiting project's row says in place of its targets.
pub fn waiting_text(r: Revision) -> &'static str {
    match r {
        Revision::Waiting => "绩效目标已退回修改，待部门修改后确认，暂不列示",
        Revision::Revised => "部门修改稿已报，待财政局确认，暂不列示",
        Revision::Confirmed => "",
    }
}

/// How many of `data`'s projects are still pending (not listed).
fn pending(projects: &[&ProjectRow]) -> usize {
    projects
        .iter()
        .filter(|p| !p.decision.state.is_decided())
        .count()
}

/// The table's columns.
const HEADERS: [&str; 10] = [
    "部门",
    "项目编码",
    "项目名称",
    "预算金额（万元）",
    "年度目标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "计量单位",
];

/// The table of `groups` (a department each) as a workbook, one sheet,
/// landscape, one page wide, its header on every page.
pub fn workbook(data: &DocData, groups: &[(&str, Vec<&ProjectRow>)]) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut wb = Workbook::new();
    let title = data.title();
    wb.set_properties(&DocProperties::new().set_title(format!("{title} 项目支出绩效目标表")));
    let exported_at = super::now_minutes();
    let page = Page {
        title: &title,
        exported_at: &exported_at,
        lang: crate::i18n::Lang::Zh,
    };
    let mut sh = Sheet::new("绩效目标表", &HEADERS, &styles)?;
    for (h, w) in [
        ("部门", 12),
        ("项目名称", 20),
        ("年度目标", 30),
        ("三级指标", 20),
        ("指标值", 10),
    ] {
        sh.wrap_at(h, w);
    }
    let mut row: RowNum = 0;
    let mut total = Money::ZERO;
    let mut listed = 0u64;
    let mut left_out = 0;
    for (dept, projects) in groups {
        left_out += pending(projects);
        for (p, t) in kept(data, projects) {
            listed += 1;
            total += p.decision.approved;
            // The project's cells stand beside its indicators, merged down
            // the rows they take.
            let first = row + 1;
            let last = match &t {
                Targets::InForce { indicators, .. } if !indicators.is_empty() => {
                    first + indicators.len() as RowNum - 1
                }
                _ => first,
            };
            for r in first..=last {
                sh.begin_row(r)?;
            }
            match t {
                Targets::Waiting(r) => sh.note_across(first, 5, 9, waiting_text(r))?,
                Targets::InForce { indicators, .. } => {
                    for (k, i) in indicators.iter().enumerate() {
                        let r = first + k as RowNum;
                        for (c, s) in [&i.level1, &i.level2, &i.indicator, &i.target, &i.unit]
                            .into_iter()
                            .enumerate()
                        {
                            sh.text(r, 5 + c as ColNum, s, false)?;
                        }
                    }
                }
            }
            sh.text_down(first, last, 0, dept)?;
            sh.text_down(first, last, 1, &p.code)?;
            sh.text_down(first, last, 2, &p.name)?;
            sh.money_down(first, last, 3, p.decision.approved)?;
            sh.text_down(first, last, 4, data.goal(p))?;
            row = last;
        }
    }
    let last = row;
    let t = row + 1;
    sh.text(t, 0, "合计", true)?;
    sh.text(t, 2, &format!("{listed} 个项目"), true)?;
    sh.total_sum(t, 3, crate::export::FigureCell::Money(total))?;
    if left_out > 0 {
        sh.text(t, 4, &format!("另有 {left_out} 个项目待审，未列入"), true)?;
    }
    let ws = sh.finish(
        last,
        t,
        &Layout {
            page: &page,
            fit: Fit::OneWide,
        },
    )?;
    wb.push_worksheet(ws);
    wb.save_to_buffer()
}

/// The same in Markdown: a heading, then a table per department.
pub fn markdown(data: &DocData, groups: &[(&str, Vec<&ProjectRow>)]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {} 项目支出绩效目标表\n", md(&data.title()));
    let _ = writeln!(
        s,
        "本表列示会审保留项目的预算金额和经审核、修改并确认的绩效目标；绩效目标退回修改尚未确认的项目注明，不列示原目标。金额单位：万元。\n"
    );
    let mut left_out = 0;
    for (dept, projects) in groups {
        left_out += pending(projects);
        let kept = kept(data, projects);
        if kept.is_empty() {
            continue;
        }
        let amount = kept
            .iter()
            .fold(Money::ZERO, |a, (p, _)| a + p.decision.approved);
        let _ = writeln!(
            s,
            "## {}（{} 个项目，预算金额 {} 万元）\n",
            md(dept),
            kept.len(),
            amount.wan_display()
        );
        let _ = writeln!(
            s,
            "| 项目名称 | 预算金额 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 计量单位 |"
        );
        let _ = writeln!(s, "| --- | ---: | --- | --- | --- | --- | --- | --- |");
        for (p, t) in kept {
            let head = [
                format!("{}（{}）", md(&p.name), md(&p.code)),
                p.decision.approved.wan_display(),
                md(data.goal(p)),
            ];
            match t {
                Targets::Waiting(r) => {
                    let _ = writeln!(
                        s,
                        "| {} | {} | {} | {} | | | | |",
                        head[0],
                        head[1],
                        head[2],
                        waiting_text(r)
                    );
                }
                Targets::InForce { indicators: [], .. } => {
                    let _ = writeln!(s, "| {} | {} | {} | | | | | |", head[0], head[1], head[2]);
                }
                Targets::InForce { indicators, .. } => {
                    for (k, i) in indicators.iter().enumerate() {
                        let lead = if k == 0 {
                            head.clone()
                        } else {
                            Default::default()
                        };
                        let _ = writeln!(
                            s,
                            "| {} | {} | {} | {} | {} | {} | {} | {} |",
                            lead[0],
                            lead[1],
                            lead[2],
                            md(&i.level1),
                            md(&i.level2),
                            md(&i.indicator),
                            md(&i.target),
                            md(&i.unit)
                        );
                    }
                }
            }
        }
        s.push('\n');
    }
    if left_out > 0 {
        let _ = writeln!(s, "另有 {left_out} 个项目待审，未列入本表。");
    }
    s
}

/// The same as a Word document, on its side: a table per department.
pub fn docx(data: &DocData, groups: &[(&str, Vec<&ProjectRow>)]) -> Result<Vec<u8>, String> {
    let headers = [
        "项目名称",
        "预算金额",
        "年度目标",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "计量单位",
    ];
    let widths = [22.0, 9.0, 34.0, 10.0, 14.0, 20.0, 10.0, 8.0];
    let mut w = Word::new(
        &widths,
        Orientation::Landscape,
        &data.title(),
        &super::now_minutes(),
    );
    let Ok(()) = (|| -> Result<(), std::convert::Infallible> {
        w.title(&format!("{} 项目支出绩效目标表", data.title()))?;
        w.para(
            "本表列示会审保留项目的预算金额和经审核、修改并确认的绩效目标；绩效目标退回修改尚未确认的项目注明，不列示原目标。金额单位：万元。",
        )?;
        let mut left_out = 0;
        for (dept, projects) in groups {
            left_out += pending(projects);
            let kept = kept(data, projects);
            if kept.is_empty() {
                continue;
            }
            let amount = kept
                .iter()
                .fold(Money::ZERO, |a, (p, _)| a + p.decision.approved);
            w.heading(&format!(
                "{dept}（{} 个项目，预算金额 {} 万元）",
                kept.len(),
                amount.wan_display()
            ))?;
            let mut rows: Vec<Vec<Cell>> = Vec::new();
            for (p, t) in kept {
                // The code on a line of its own, so that it never breaks.
                let lead = vec![
                    Cell::text(format!("{}\n（{}）", p.name, p.code)),
                    Cell::Money(p.decision.approved),
                    Cell::text(data.goal(p)),
                ];
                match t {
                    Targets::Waiting(r) => {
                        let mut row = lead;
                        row.push(Cell::text(waiting_text(r)));
                        rows.push(row);
                    }
                    Targets::InForce { indicators: [], .. } => rows.push(lead),
                    Targets::InForce { indicators, .. } => {
                        for (k, i) in indicators.iter().enumerate() {
                            let mut row = if k == 0 {
                                lead.clone()
                            } else {
                                vec![Cell::Above, Cell::Above, Cell::Above]
                            };
                            for s in [&i.level1, &i.level2, &i.indicator, &i.target, &i.unit] {
                                row.push(Cell::text(s.clone()));
                            }
                            rows.push(row);
                        }
                    }
                }
            }
            w.table(&headers, &rows, None)?;
        }
        if left_out > 0 {
            w.para(&format!("另有 {left_out} 个项目待审，未列入本表。"))?;
        }
        Ok(())
    })();
    w.finish()
}
