//! 审核意见书: what the meeting decided on one department's projects,
//! addressed to it — each project's request, decision, approved and cut
//! amounts, the comments marked for the department (the meeting's reasons
//! as its reviewers wrote them; never a comment kept inside the bureau),
//! the indicators it must revise and why; the department's totals; the
//! meeting, the date and the chair. A cut's or a cancellation's reasons
//! (the meeting's categories) follow its decision: 审减（原因：测算依据不充分）.

use std::fmt::Write as _;

use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};

use super::paper::{Cell, Paper, Writer};
use super::word::Word;
use super::{DocData, md};
use crate::domain::{Figures, Kind, Money, Revision, Stage};
use crate::export::xlsx::print::{Orientation, Page};
use crate::report::rate_text;
use crate::store::{Indicator, ProjectRow, Role};

/// One department's opinion, its facts gathered.
pub struct Opinion<'a> {
    pub department: &'a str,
    pub figures: Figures,
    pub lines: Vec<Line<'a>>,
    /// The projects whose targets it must revise.
    pub revise: Vec<Revise<'a>>,
    /// The meeting's chairs.
    pub chairs: Vec<String>,
    /// The day of the meeting's last decision (local), or of the export.
    pub date: String,
}

/// A project's line of the opinion.
pub struct Line<'a> {
    pub project: &'a ProjectRow,
    /// The decision in words: 通过, 审减, 取消, with 调整绩效目标; at a later
    /// stage the kind with its amount.
    pub decision: String,
    /// The comments for the department, oldest first.
    pub comments: Vec<&'a str>,
}

/// A project whose targets were sent back.
pub struct Revise<'a> {
    pub project: &'a ProjectRow,
    /// The indicators named, as `第1项 产出指标/数量指标/培训人次（≥100人次）`;
    /// empty: the target table as a whole.
    pub indicators: Vec<String>,
    pub reason: &'a str,
    pub revision: Revision,
}

impl<'a> Opinion<'a> {
    pub fn of(data: &'a DocData, department: &'a str, projects: &[&'a ProjectRow]) -> Opinion<'a> {
        let figures = data
            .tally
            .by_department
            .iter()
            .find(|(d, _)| d == department)
            .map(|(_, f)| *f)
            .unwrap_or_default();
        let lines = projects
            .iter()
            .map(|p| Line {
                project: p,
                decision: decision_words(p, data.stage, data.reasons.get(&p.id)),
                comments: data
                    .comments
                    .get(&*p.code)
                    .map(|cs| cs.iter().map(|c| c.body.as_str()).collect())
                    .unwrap_or_default(),
            })
            .collect();
        let revise = projects
            .iter()
            .filter_map(|p| {
                let a = p.decision.adjust.as_deref()?;
                let named: &[Indicator] = data
                    .named_indicators
                    .get(&p.id)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                Some(Revise {
                    project: p,
                    indicators: a
                        .indicators
                        .iter()
                        .map(|n| match named.iter().find(|i| i.seq == *n) {
                            Some(i) => format!(
                                "第{n}项 {}/{}/{}（{}{}）",
                                i.level1, i.level2, i.indicator, i.target, i.unit
                            ),
                            None => format!("第{n}项"),
                        })
                        .collect(),
                    reason: &a.reason,
                    revision: a.revision,
                })
            })
            .collect();
        Opinion {
            department,
            figures,
            lines,
            revise,
            chairs: chairs(data),
            date: data.meeting_day(),
        }
    }
}

/// The meeting's chairs by name.
pub(super) fn chairs(data: &DocData) -> Vec<String> {
    data.roster
        .iter()
        .filter(|r| r.role == Role::Chair)
        .map(|r| r.name.clone())
        .collect()
}

/// A project's decision as the opinion words it.
fn decision_words(p: &ProjectRow, stage: Stage, reasons: Option<&String>) -> String {
    let d = &p.decision;
    if let Some(a) = &d.stage {
        // 资金不变 has no money to show.
        let mut s = match a.kind {
            Kind::Unchanged => stage.kind_zh(a.kind).to_string(),
            _ => format!("{} {}", stage.kind_zh(a.kind), a.amount.wan_display()),
        };
        for (k, m) in &a.also {
            s += &format!("，{} {}", stage.kind_zh(*k), m.wan_display());
        }
        if a.measures.management {
            s += "；用于改进管理";
        }
        if a.measures.rules {
            s += "；用于完善制度";
        }
        return s;
    }
    let mut s = d.state.zh().to_string();
    if let Some(r) = reasons.filter(|r| !r.is_empty()) {
        s += &format!("（原因：{r}）");
    }
    if d.adjust.is_some() {
        s += "，调整绩效目标";
    }
    s
}

/// The opening: what was reviewed and what it came to.
fn summary(data: &DocData, o: &Opinion<'_>) -> String {
    let f = &o.figures;
    let c = &f.counts;
    let mut s = format!(
        "{}对你单位报送的{}个项目（申报资金{}万元）进行了审核。",
        data.title(),
        f.projects,
        f.requested.wan_display()
    );
    if data.stage.adjusts() {
        return s + "各项目的审核结果和审核意见见下表。";
    }
    let _ = write!(
        s,
        "经审核，通过{}个，审减{}个，取消项目立项{}个，调整、完善、优化绩效目标{}个；审定安排资金{}万元，审减资金{}万元，审减率{}。",
        c.approved,
        c.cut,
        c.cancelled,
        c.adjusted,
        f.approved.wan_display(),
        f.cut.wan_display(),
        rate_text(f.cut_rate())
    );
    if c.pending > 0 {
        let _ = write!(s, "尚有{}个项目待审，审核后另行反馈。", c.pending);
    }
    s
}

/// The table's columns and their widths (Excel's unit, about 95 for an
/// upright A4 page): a target review's (or an ex-ante evaluation's)
/// approved and cut amounts, or a later stage's outcome and the money it
/// adjusts — never 审定/审减 there.
fn columns(stage: Stage) -> (&'static [&'static str], &'static [f64], &'static str) {
    if stage.adjusts() {
        (
            &[
                "序号",
                "项目名称（编码）",
                "申报金额",
                "处理结果",
                "调整金额",
                "审核意见",
            ],
            &[5.0, 27.0, 10.0, 18.0, 10.0, 25.0],
            "| ---: | --- | ---: | --- | ---: | --- |",
        )
    } else {
        (
            &[
                "序号",
                "项目名称（编码）",
                "申报金额",
                "审核结果",
                "审定金额",
                "审减金额",
                "审核意见",
            ],
            &[5.0, 25.0, 10.0, 11.0, 10.0, 10.0, 24.0],
            "| ---: | --- | ---: | --- | ---: | ---: | --- |",
        )
    }
}

/// The money a later stage's decision adjusts (维持 and 资金不变 adjust none).
fn adjusted<'a>(stage: Stage, of: impl IntoIterator<Item = &'a ProjectRow>) -> Money {
    stage
        .tally(
            of.into_iter()
                .filter(|p| p.decision.state.is_decided())
                .filter_map(|p| p.decision.stage.as_deref()),
        )
        .adjusted_total()
}

/// A project's row of the table.
fn row_cells(n: usize, l: &Line<'_>, stage: Stage) -> Vec<Cell> {
    let p = l.project;
    let d = &p.decision;
    let decided = d.state.is_decided();
    let money_if = |yes: bool, m: Money| if yes { Cell::Money(m) } else { Cell::Blank };
    let mut cells = vec![
        Cell::text(n.to_string()),
        Cell::text(format!("{}（{}）", p.name, p.code)),
        Cell::Money(p.requested),
        Cell::text(l.decision.clone()),
    ];
    if stage.adjusts() {
        cells.push(money_if(decided, adjusted(stage, [p])));
    } else {
        cells.push(money_if(decided, d.approved));
        cells.push(money_if(decided, d.cut(p.requested)));
    }
    cells.push(Cell::text(l.comments.join("；")));
    cells
}

fn total_cells(o: &Opinion<'_>, stage: Stage) -> Vec<Cell> {
    let f = &o.figures;
    let mut cells = vec![
        Cell::text("合计"),
        Cell::text(format!("{} 个项目", f.projects)),
        Cell::Money(f.requested),
        Cell::Blank,
    ];
    if stage.adjusts() {
        cells.push(Cell::Money(adjusted(
            stage,
            o.lines.iter().map(|l| l.project),
        )));
    } else {
        cells.push(Cell::Money(f.approved));
        cells.push(Cell::Money(f.cut));
    }
    cells.push(Cell::Blank);
    cells
}

fn revise_text(n: usize, r: &Revise<'_>) -> String {
    let which = if r.indicators.is_empty() {
        "绩效目标表整体".to_string()
    } else {
        r.indicators.join("、")
    };
    let state = match r.revision {
        Revision::Waiting => "请修改后报送",
        Revision::Revised => "修改稿已收到，待确认",
        Revision::Confirmed => "修改已确认",
    };
    format!(
        "{n}. {}（{}）：需调整 {which}。理由：{}。（{state}）",
        r.project.name, r.project.code, r.reason
    )
}

fn title(o: &Opinion<'_>, stage: Stage) -> String {
    match stage {
        Stage::Monitoring => format!("关于{}项目绩效监控结果的处理意见", o.department),
        Stage::PostEvaluation => format!("关于{}项目绩效评价结果应用的意见", o.department),
        Stage::ExAnte => format!("关于{}项目事前绩效评估的审核意见", o.department),
        Stage::TargetReview => format!("关于{}项目预算及绩效目标的审核意见", o.department),
    }
}

fn closing(o: &Opinion<'_>) -> String {
    format!(
        "主持人：{}　　日期：{}",
        if o.chairs.is_empty() {
            "—".to_string()
        } else {
            o.chairs.join("、")
        },
        o.date
    )
}

/// The opinion as a workbook: one sheet, A4 upright.
pub fn workbook(data: &DocData, o: &Opinion<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&DocProperties::new().set_title(title(o, data.stage)));
    let exported_at = super::now_minutes();
    let meeting = data.title();
    let page = Page {
        title: &meeting,
        exported_at: &exported_at,
        lang: crate::i18n::Lang::Zh,
    };
    let (_, widths, _) = columns(data.stage);
    let mut p = Paper::new("审核意见书", widths)?;
    lay_out(&mut p, data, o)?;
    wb.push_worksheet(p.finish(&page)?);
    wb.save_to_buffer()
}

/// The opinion as a Word document, A4 upright.
pub fn docx(data: &DocData, o: &Opinion<'_>) -> Result<Vec<u8>, String> {
    let (_, widths, _) = columns(data.stage);
    let mut w = Word::new(
        widths,
        Orientation::Portrait,
        &data.title(),
        &super::now_minutes(),
    );
    let Ok(()) = lay_out(&mut w, data, o);
    w.finish()
}

/// The opinion, on a worksheet or in a Word document.
fn lay_out<W: Writer>(p: &mut W, data: &DocData, o: &Opinion<'_>) -> Result<(), W::Error> {
    let (headers, _, _) = columns(data.stage);
    p.title(&title(o, data.stage))?;
    p.gap();
    p.para(&format!("{}：", o.department))?;
    p.para(&format!("　　{}", summary(data, o)))?;
    p.heading("一、项目审核结果（金额单位：万元）")?;
    let rows: Vec<Vec<Cell>> = o
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| row_cells(i + 1, l, data.stage))
        .collect();
    p.table(headers, &rows, Some(total_cells(o, data.stage)))?;
    p.gap();
    // A later stage sets no targets to revise.
    if !data.stage.adjusts() {
        p.heading("二、需调整的绩效目标")?;
        if o.revise.is_empty() {
            p.para("　　无。")?;
        } else {
            p.para("　　以下项目的绩效目标请按审核意见调整、完善、优化，修改稿报财政局确认：")?;
            for (i, r) in o.revise.iter().enumerate() {
                p.para(&format!("　　{}", revise_text(i + 1, r)))?;
            }
        }
    }
    p.gap();
    p.para(&format!("会审：{}", data.title()))?;
    p.para(&closing(o))?;
    p.gap();
    p.signatures(&["主持人（签字）：", "财政局（盖章）："])
}

/// The opinion in Markdown.
pub fn markdown(data: &DocData, o: &Opinion<'_>) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", md(&title(o, data.stage)));
    let _ = writeln!(s, "{}：\n", md(o.department));
    let _ = writeln!(s, "　　{}\n", md(&summary(data, o)));
    let _ = writeln!(s, "## 一、项目审核结果（金额单位：万元）\n");
    let (headers, _, rule) = columns(data.stage);
    let _ = writeln!(s, "| {} |", headers.join(" | "));
    let _ = writeln!(s, "{rule}");
    let cell = |c: &Cell| match c {
        Cell::Text(t) | Cell::Figure(t) => md(t),
        Cell::Money(m) => m.wan_display(),
        Cell::Blank | Cell::Above => String::new(),
    };
    for (i, l) in o.lines.iter().enumerate() {
        let cells: Vec<String> = row_cells(i + 1, l, data.stage).iter().map(cell).collect();
        let _ = writeln!(s, "| {} |", cells.join(" | "));
    }
    let total: Vec<String> = total_cells(o, data.stage)
        .iter()
        .map(|c| format!("**{}**", cell(c)).replace("****", ""))
        .collect();
    let _ = writeln!(s, "| {} |\n", total.join(" | "));
    if !data.stage.adjusts() {
        let _ = writeln!(s, "## 二、需调整的绩效目标\n");
        if o.revise.is_empty() {
            let _ = writeln!(s, "无。\n");
        } else {
            let _ = writeln!(
                s,
                "以下项目的绩效目标请按审核意见调整、完善、优化，修改稿报财政局确认：\n"
            );
            for (i, r) in o.revise.iter().enumerate() {
                let _ = writeln!(s, "{}\n", md(&revise_text(i + 1, r)));
            }
        }
    }
    let _ = writeln!(s, "会审：{}\n", md(&data.title()));
    let _ = writeln!(s, "{}\n", md(&closing(o)));
    let _ = writeln!(
        s,
        "主持人（签字）：________________　　财政局（盖章）：________________"
    );
    s
}
