//! 会议纪要: the meeting's minutes — its name, when it sat (the first and
//! the last decision or comment), the chair, who attended (the roster
//! members who recorded anything, or the list the chair gives), the
//! figures in the report's sentences (the summary's opening, as `export
//! --format md` words it), the decisions by department, where the targets
//! sent back stand, and lines for the signatures.
//!
//! Who only looked at the screen leaves no trace in the file (opening a
//! meeting writes nothing, so that a reader never blocks a writer): the
//! chair names such attendees with `--attendees`.

use std::fmt::Write as _;

use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};

use super::opinion::chairs;
use super::paper::{Cell, Paper, Writer};
use super::word::Word;
use super::{DocData, md};
use crate::domain::{Figures, Kind, StageTally};
use crate::export::markdown::Opening;
use crate::export::xlsx::print::{Orientation, Page};
use crate::i18n::Lang;
use crate::report::{StageGroups, rate_text};
use crate::store::Role;
use crate::words::Say;

/// The minutes' facts, gathered.
pub struct Minutes {
    pub title: String,
    /// The first and last decision or comment (local, to the minute).
    pub span: Option<(String, String)>,
    pub chairs: Vec<String>,
    pub attendees: Vec<String>,
    /// The summary's opening paragraph: the report's sentences.
    pub opening: String,
    /// The table of decisions by department: its headers, a row per
    /// department (its name first), the total row.
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub total: Vec<Cell>,
    /// Where the targets sent back stand, when any were.
    pub targets: Option<String>,
    /// The day the minutes are dated: the meeting's last decision.
    pub date: String,
}

impl Minutes {
    pub fn of(data: &DocData, attendees: &[String]) -> Minutes {
        let opening =
            Opening::from_tally(&data.tally, data.stage_tally.as_ref(), data.stage).say(Lang::Zh);
        let (headers, rows, total) = match &data.stage_tally {
            Some(st) => stage_table(data, st),
            None => figures_table(data),
        };
        let c = &data.tally.total.counts;
        let targets = (data.stage_tally.is_none() && c.adjusted > 0).then(|| {
            format!(
                "会议对{}个项目提出调整、完善、优化绩效目标的意见，已通过审核意见书反馈各部门。截至纪要形成时，待部门修改{}个，部门修改稿待确认{}个，修改已确认{}个；未确认的项目暂不列入报送人大的绩效目标表。",
                c.adjusted, c.waiting, c.revised, c.confirmed
            )
        });
        Minutes {
            title: data.title(),
            span: data.span(),
            chairs: chairs(data),
            attendees: if attendees.is_empty() {
                recorded_attendees(data)
            } else {
                attendees
                    .iter()
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty())
                    .collect()
            },
            opening,
            headers,
            rows,
            total,
            targets,
            date: data.meeting_day(),
        }
    }

    fn span_text(&self) -> String {
        match &self.span {
            Some((from, to)) if from == to => from.clone(),
            Some((from, to)) if from.get(..10) == to.get(..10) => {
                format!("{from} 至 {}", to.get(11..).unwrap_or(to))
            }
            Some((from, to)) => format!("{from} 至 {to}"),
            None => "尚无审核记录".to_string(),
        }
    }

    fn names(list: &[String]) -> String {
        if list.is_empty() {
            "—".to_string()
        } else {
            list.join("、")
        }
    }

    /// The lines at the head: name, time, chair, attendees.
    fn head_lines(&self) -> [String; 4] {
        [
            format!("会议名称：{}", self.title),
            format!("会议时间：{}", self.span_text()),
            format!("主持人：{}", Self::names(&self.chairs)),
            format!("出席人员：{}", Self::names(&self.attendees)),
        ]
    }
}

/// The roster's members who recorded anything (a decision, a comment, an
/// import…), chairs first, each once, in the roster's order; observers
/// only if they recorded something.
fn recorded_attendees(data: &DocData) -> Vec<String> {
    let acted = |name: &str| data.events.iter().any(|e| e.reviewer == name);
    let mut out: Vec<String> = Vec::new();
    for chair_first in [true, false] {
        for r in &data.roster {
            if (r.role == Role::Chair) == chair_first
                && (r.role == Role::Chair || acted(&r.name))
                && !out.contains(&r.name)
            {
                out.push(r.name.clone());
            }
        }
    }
    out
}

type Table = (Vec<String>, Vec<Vec<Cell>>, Vec<Cell>);

/// A target review's (or an ex-ante evaluation's) table by department.
fn figures_table(data: &DocData) -> Table {
    let headers = [
        "部门",
        "项目数",
        "申报",
        "审定",
        "审减",
        "审减率",
        "取消",
        "调整",
        "待审",
    ]
    .map(String::from)
    .to_vec();
    let cells = |name: &str, f: &Figures| {
        vec![
            Cell::text(name),
            Cell::Figure(f.projects.to_string()),
            Cell::Money(f.requested),
            Cell::Money(f.approved),
            Cell::Money(f.cut),
            Cell::Figure(rate_text(f.cut_rate())),
            Cell::Figure(f.counts.cancelled.to_string()),
            Cell::Figure(f.counts.adjusted.to_string()),
            Cell::Figure(f.counts.pending.to_string()),
        ]
    };
    let rows = data
        .tally
        .by_department
        .iter()
        .map(|(d, f)| cells(d, f))
        .collect();
    (headers, rows, cells("合计", &data.tally.total))
}

/// A later stage's table by department: each kind the meeting used, as
/// count/amount, and the money adjusted — never 审定/审减/审减率.
fn stage_table(data: &DocData, st: &StageTally) -> Table {
    let stage = st.stage;
    let kinds: Vec<Kind> = stage
        .kinds()
        .iter()
        .copied()
        .filter(|k| st.get(*k).count > 0)
        .collect();
    let mut headers: Vec<String> = vec!["部门".into(), "项目数".into(), "申报".into()];
    headers.extend(kinds.iter().map(|k| stage.kind_zh(*k).to_string()));
    headers.push("调整资金".into());
    headers.push("待审".into());
    let groups = StageGroups::of(&data.tally, stage, &data.projects);
    let cells = |name: &str, f: &Figures, g: &StageTally| {
        let mut c = vec![
            Cell::text(name),
            Cell::Figure(f.projects.to_string()),
            Cell::Money(f.requested),
        ];
        for k in &kinds {
            let kf = g.get(*k);
            c.push(Cell::Figure(if kf.count == 0 {
                String::new()
            } else if *k == Kind::Unchanged {
                format!("{}个", kf.count)
            } else {
                format!("{}个/{}", kf.count, kf.amount.wan_display())
            }));
        }
        c.push(Cell::Money(g.adjusted_total()));
        c.push(Cell::Figure(f.counts.pending.to_string()));
        c
    };
    let rows = data
        .tally
        .by_department
        .iter()
        .zip(&groups.by_department)
        .map(|((d, f), (_, g))| cells(d, f, g))
        .collect();
    (headers, rows, cells("合计", &data.tally.total, st))
}

/// The column widths of the table (Excel's unit) by its headers: the
/// department wide, amounts room for 1,234,567.89, counts narrow; turned
/// on its side when wider than an upright page's 95.
fn widths(headers: &[String]) -> (Vec<f64>, Orientation) {
    let w: Vec<f64> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| match (i, h.as_str()) {
            (0, _) => 20.0,
            (_, "项目数" | "取消" | "调整" | "待审" | "资金不变") => 6.5,
            (_, "审减率") => 9.0,
            _ => 13.0,
        })
        .collect();
    let orientation = if w.iter().sum::<f64>() > 95.0 {
        Orientation::Landscape
    } else {
        Orientation::Portrait
    };
    (w, orientation)
}

fn heading(n: usize, text: &str) -> String {
    const NUMBERS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];
    format!("{}、{text}", NUMBERS.get(n).copied().unwrap_or("…"))
}

/// The minutes as a workbook: one sheet, A4 (turned for a later stage's
/// wide table), signed at its foot.
pub fn workbook(m: &Minutes) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&DocProperties::new().set_title(format!("{} 会议纪要", m.title)));
    let exported_at = super::now_minutes();
    let page = Page {
        title: &m.title,
        exported_at: &exported_at,
        lang: Lang::Zh,
    };
    let (w, orientation) = widths(&m.headers);
    let mut p = Paper::new("会议纪要", &w)?;
    lay_out(&mut p, m)?;
    wb.push_worksheet(p.finish_turned(&page, orientation)?);
    wb.save_to_buffer()
}

/// The minutes as a Word document.
pub fn docx(m: &Minutes) -> Result<Vec<u8>, String> {
    let (w, orientation) = widths(&m.headers);
    let mut word = Word::new(&w, orientation, &m.title, &super::now_minutes());
    let Ok(()) = lay_out(&mut word, m);
    word.finish()
}

/// The minutes, on a worksheet or in a Word document.
fn lay_out<W: Writer>(p: &mut W, m: &Minutes) -> Result<(), W::Error> {
    p.title(&format!("{} 会议纪要", m.title))?;
    p.gap();
    for line in m.head_lines() {
        p.para(&line)?;
    }
    let mut n = 0;
    p.heading(&heading(n, "基本情况"))?;
    p.para(&format!("　　{}", m.opening))?;
    n += 1;
    p.heading(&heading(n, "分部门审核结果（金额单位：万元）"))?;
    let heads: Vec<&str> = m.headers.iter().map(String::as_str).collect();
    p.table(&heads, &m.rows, Some(m.total.to_vec()))?;
    if let Some(t) = &m.targets {
        n += 1;
        p.gap();
        p.heading(&heading(n, "绩效目标调整"))?;
        p.para(&format!("　　{t}"))?;
    }
    p.gap();
    p.para(&format!("日期：{}", m.date))?;
    p.gap();
    p.signatures(&["主持人（签字）：", "记录人（签字）："])?;
    p.para("出席人员（签字）：")?;
    for three in m.attendees.chunks(3) {
        let labels: Vec<String> = three.iter().map(|a| format!("{a}：")).collect();
        let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
        p.signatures(&labels)?;
    }
    Ok(())
}

/// The minutes in Markdown.
pub fn markdown(m: &Minutes) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {} 会议纪要\n", md(&m.title));
    for line in m.head_lines() {
        let _ = writeln!(s, "{}  ", md(&line));
    }
    s.push('\n');
    let mut n = 0;
    let _ = writeln!(s, "## {}\n", heading(n, "基本情况"));
    let _ = writeln!(s, "{}\n", md(&m.opening));
    n += 1;
    let _ = writeln!(s, "## {}\n", heading(n, "分部门审核结果（金额单位：万元）"));
    let _ = writeln!(s, "| {} |", m.headers.join(" | "));
    let _ = writeln!(s, "| --- |{}", " ---: |".repeat(m.headers.len() - 1));
    let cell = |c: &Cell| match c {
        Cell::Text(t) | Cell::Figure(t) => md(t),
        Cell::Money(v) => v.wan_display(),
        Cell::Blank | Cell::Above => String::new(),
    };
    for r in &m.rows {
        let cells: Vec<String> = r.iter().map(cell).collect();
        let _ = writeln!(s, "| {} |", cells.join(" | "));
    }
    let total: Vec<String> = m.total.iter().map(|c| format!("**{}**", cell(c))).collect();
    let _ = writeln!(s, "| {} |\n", total.join(" | "));
    if let Some(t) = &m.targets {
        n += 1;
        let _ = writeln!(s, "## {}\n", heading(n, "绩效目标调整"));
        let _ = writeln!(s, "{}\n", md(t));
    }
    let _ = writeln!(s, "日期：{}\n", m.date);
    let _ = writeln!(
        s,
        "主持人（签字）：________________　　记录人（签字）：________________\n"
    );
    let _ = writeln!(s, "出席人员（签字）：\n");
    for a in &m.attendees {
        let _ = writeln!(s, "- {}：________________", md(a));
    }
    s
}
