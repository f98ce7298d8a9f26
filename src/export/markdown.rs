//! The meeting summary (会审纪要) in Markdown: the figures in the words the
//! bureau's report uses, then tables by budget type and department and the
//! largest cuts.

use std::fmt::Write;

use super::{MeetingData, state_name, wan_trimmed};
use crate::domain::tally::percent_half_up;
use crate::domain::{Figures, Money};
use crate::i18n::Lang;
use crate::text::clean;

/// How many of the largest cuts the summary lists.
const TOP_CUTS: usize = 10;

pub(super) fn summary(data: &MeetingData, lang: Lang) -> String {
    let t = &data.tally;
    let f = &t.total;
    let mut s = String::new();
    let title = data.meeting.title.trim();
    let heading = lang.t("绩效目标会审结果", "Performance target review: results");
    let _ = writeln!(s, "# {heading}\n");
    if !title.is_empty() {
        let _ = writeln!(s, "{}{}\n", lang.t("会审：", "Meeting: "), md(title));
    }
    let _ = writeln!(s, "{}\n", sentences(f, lang));

    let _ = writeln!(
        s,
        "## {}\n",
        lang.t("按预算类型（万元）", "By budget type (万元)")
    );
    let budgets: Vec<(String, &Figures)> = t
        .by_budget_type
        .iter()
        .map(|(b, f)| (lang.t(b.zh(), b.en()).to_string(), f))
        .collect();
    figures_table(&mut s, lang.t("预算类型", "Budget type"), &budgets, f, lang);

    let _ = writeln!(
        s,
        "\n## {}\n",
        lang.t("按部门（万元）", "By department (万元)")
    );
    let depts: Vec<(String, &Figures)> = t
        .by_department
        .iter()
        .map(|(d, f)| (d.clone(), f))
        .collect();
    figures_table(&mut s, lang.t("部门", "Department"), &depts, f, lang);

    let _ = writeln!(
        s,
        "\n## {}\n",
        match lang {
            Lang::Zh => format!("审减金额最大的{TOP_CUTS}个项目（万元）"),
            Lang::En => format!("The {TOP_CUTS} largest cuts (万元)"),
        }
    );
    top_cuts(&mut s, data, lang);
    s
}

/// The opening paragraph: what was asked, what the review did, what remains.
fn sentences(f: &Figures, lang: Lang) -> String {
    let c = &f.counts;
    let pending_requested = f.requested - f.decided_requested;
    let rate = f
        .cut_rate()
        .map(|r| format!("{r}%"))
        .unwrap_or_else(|| "—".into());
    match lang {
        Lang::Zh => {
            let mut s = format!(
                "经统计，部门申报项目{}个，涉及资金{}万元。通过绩效目标审核，取消项目立项{}个，进一步调整、完善、优化项目绩效目标{}个，审减财政资金{}万元。",
                f.projects,
                wan_trimmed(f.requested),
                c.cancelled,
                c.adjusted,
                wan_trimmed(f.cut)
            );
            if c.pending == 0 {
                let _ = write!(
                    s,
                    "审核后保留项目{}个，审定安排资金{}万元，审减率{rate}。",
                    f.remaining(),
                    wan_trimmed(f.approved)
                );
            } else {
                let _ = write!(
                    s,
                    "尚有{}个项目待审，涉及资金{}万元，未计入以上审核数据。",
                    c.pending,
                    wan_trimmed(pending_requested)
                );
                if f.decided > 0 {
                    let _ = write!(
                        s,
                        "已审项目{}个，申报资金{}万元，审定安排资金{}万元，审减率{rate}。",
                        f.decided,
                        wan_trimmed(f.decided_requested),
                        wan_trimmed(f.approved)
                    );
                }
            }
            s
        }
        Lang::En => {
            let mut s = format!(
                "Departments submitted {} projects requesting {} 万元. In the performance target review, {} projects were cancelled, the performance targets of {} projects were sent back to be adjusted, completed and improved, and {} 万元 of fiscal funds was cut.",
                f.projects,
                wan_trimmed(f.requested),
                c.cancelled,
                c.adjusted,
                wan_trimmed(f.cut)
            );
            if c.pending == 0 {
                let _ = write!(
                    s,
                    " {} projects remain, with {} 万元 approved; the cut rate is {rate}.",
                    f.remaining(),
                    wan_trimmed(f.approved)
                );
            } else {
                let _ = write!(
                    s,
                    " {} projects requesting {} 万元 are still pending and not counted above.",
                    c.pending,
                    wan_trimmed(pending_requested)
                );
                if f.decided > 0 {
                    let _ = write!(
                        s,
                        " Of the {} decided projects, which requested {} 万元, {} 万元 is approved; the cut rate is {rate}.",
                        f.decided,
                        wan_trimmed(f.decided_requested),
                        wan_trimmed(f.approved)
                    );
                }
            }
            s
        }
    }
}

fn rate_text(r: Option<rust_decimal::Decimal>) -> String {
    r.map(|r| format!("{r}%")).unwrap_or_else(|| "—".into())
}

/// A table of the tally's groups with a bold total row.
fn figures_table(
    s: &mut String,
    group: &str,
    rows: &[(String, &Figures)],
    total: &Figures,
    lang: Lang,
) {
    let heads = [
        lang.t("项目数", "Projects"),
        lang.t("申报", "Requested"),
        lang.t("审定", "Approved"),
        lang.t("审减", "Cut"),
        lang.t("审减率", "Cut rate"),
        lang.t("取消", "Cancelled"),
        lang.t("调整", "Adjusted"),
        lang.t("待审", "Pending"),
    ];
    let _ = writeln!(s, "| {group} | {} |", heads.join(" | "));
    let _ = writeln!(s, "| --- |{}", " ---: |".repeat(heads.len()));
    let cells = |f: &Figures| {
        [
            f.projects.to_string(),
            f.requested.wan_display(),
            f.approved.wan_display(),
            f.cut.wan_display(),
            rate_text(f.cut_rate()),
            f.counts.cancelled.to_string(),
            f.counts.adjusted.to_string(),
            f.counts.pending.to_string(),
        ]
    };
    for (name, f) in rows {
        let _ = writeln!(s, "| {} | {} |", md(name), cells(f).join(" | "));
    }
    let bold: Vec<String> = cells(total).iter().map(|c| format!("**{c}**")).collect();
    let _ = writeln!(
        s,
        "| **{}** | {} |",
        lang.t("合计", "Total"),
        bold.join(" | ")
    );
}

/// The decided projects with the largest cuts, largest first; ties in
/// submission order.
fn top_cuts(s: &mut String, data: &MeetingData, lang: Lang) {
    let mut cuts: Vec<(usize, Money)> = data
        .projects
        .iter()
        .enumerate()
        .map(|(i, l)| (i, l.row.decision.cut(l.row.requested)))
        .filter(|(_, cut)| !cut.is_zero())
        .collect();
    cuts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if cuts.is_empty() {
        let _ = writeln!(
            s,
            "{}",
            lang.t("（尚无审减项目）", "(no project has been cut yet)")
        );
        return;
    }
    let heads = [
        lang.t("项目编码", "Code"),
        lang.t("项目名称", "Project"),
        lang.t("部门", "Department"),
        lang.t("申报", "Requested"),
        lang.t("审定", "Approved"),
        lang.t("审减", "Cut"),
        lang.t("审减率", "Cut rate"),
        lang.t("审核结果", "Decision"),
    ];
    let _ = writeln!(s, "| # | {} |", heads.join(" | "));
    let _ = writeln!(
        s,
        "| ---: | --- | --- | --- |{}",
        " ---: |".repeat(4) + " --- |"
    );
    for (n, (i, cut)) in cuts.iter().take(TOP_CUTS).enumerate() {
        let p = &data.projects[*i].row;
        let cells = [
            md(&p.code),
            md(&p.name),
            md(&p.department),
            p.requested.wan_display(),
            p.decision.approved.wan_display(),
            cut.wan_display(),
            rate_text(percent_half_up(*cut, p.requested)),
            state_name(p.decision.state, lang).to_string(),
        ];
        let _ = writeln!(s, "| {} | {} |", n + 1, cells.join(" | "));
    }
}

/// Data made safe inside Markdown text and table cells: no control
/// characters, no line breaks, Markdown's own characters escaped.
fn md(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut out = String::with_capacity(flat.len());
    for c in clean(&flat).chars() {
        if matches!(
            c,
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_cannot_break_a_table() {
        assert_eq!(md("a|b\nc"), "a\\|b c");
        assert_eq!(md("**粗**"), "\\*\\*粗\\*\\*");
        assert_eq!(md("党史学习教育专项经费"), "党史学习教育专项经费");
    }
}
