//! The meeting summary (会审纪要) in Markdown: the figures in the words the
//! bureau's report uses, then tables by budget type and department and the
//! largest cuts. At the later stages (monitoring, post-evaluation) the tables
//! follow the stage: each kind's count and amount and the money adjusted, and
//! the largest adjustments; a target review's cut and cut rate mean nothing
//! there and are not shown.

use std::collections::HashMap;
use std::fmt::Write;

use super::{MeetingData, state_name, wan_trimmed};
use crate::domain::stage::Kind;
use crate::domain::tally::percent_half_up;
use crate::domain::{Adjustment, BudgetType, Figures, Money, Stage, StageTally};
use crate::i18n::Lang;
use crate::store::ProjectRow;
use crate::text::clean;

/// How many of the largest cuts the summary lists.
const TOP_CUTS: usize = 10;

pub(super) fn summary(data: &MeetingData, lang: Lang) -> String {
    let t = &data.tally;
    let f = &t.total;
    let mut s = String::new();
    let title = data.meeting.title.trim();
    let stage = Stage::parse(&data.meeting.stage).unwrap_or_default();
    let heading = match stage {
        Stage::TargetReview => lang
            .t("绩效目标会审结果", "Performance target review: results")
            .to_string(),
        st => match lang {
            Lang::Zh => format!("{}结果", st.zh()),
            Lang::En => format!("{}: results", st.en()),
        },
    };
    let _ = writeln!(s, "# {heading}\n");
    if !title.is_empty() {
        let _ = writeln!(s, "{}{}\n", lang.t("会审：", "Meeting: "), md(title));
    }
    if let Some(st) = &data.stage_tally {
        let _ = writeln!(s, "{}\n", stage_sentences(st, lang));
        stage_tables(&mut s, data, st, lang);
        return s;
    }
    let opening = match stage {
        Stage::ExAnte => ex_ante_sentences(f, lang),
        _ => sentences(f, lang),
    };
    let _ = writeln!(s, "{opening}\n");

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

/// The opening of an ex-ante evaluation (事前绩效评估), as the report words it.
fn ex_ante_sentences(f: &Figures, lang: Lang) -> String {
    let rate = f
        .cut_rate()
        .map(|r| format!("{r}%"))
        .unwrap_or_else(|| "—".into());
    let mut s = match lang {
        Lang::Zh => format!(
            "经统计，开展评估的{}个项目单位申报总金额为{}万元，评估建议安排{}万元，审减资金{}万元，审减率达{rate}。",
            f.decided,
            wan_trimmed(f.decided_requested),
            wan_trimmed(f.approved),
            wan_trimmed(f.cut)
        ),
        Lang::En => format!(
            "The {} evaluated projects requested {} 万元 in all; the evaluation recommends {} 万元, cutting {} 万元, a cut rate of {rate}.",
            f.decided,
            wan_trimmed(f.decided_requested),
            wan_trimmed(f.approved),
            wan_trimmed(f.cut)
        ),
    };
    if f.counts.pending > 0 {
        let _ = write!(
            s,
            "{}",
            match lang {
                Lang::Zh => format!("尚有{}个项目待评估。", f.counts.pending),
                Lang::En => format!(" {} projects are still to be evaluated.", f.counts.pending),
            }
        );
    }
    s
}

/// The opening of mid-year monitoring or post-evaluation: each kind counted
/// with its amount, in the report's words.
fn stage_sentences(t: &StageTally, lang: Lang) -> String {
    let k = |kind| t.get(kind);
    let w = |kind| wan_trimmed(t.get(kind).amount);
    match (t.stage, lang) {
        (Stage::Monitoring, Lang::Zh) => format!(
            "经统计，调整项目资金{}万元（其中调增当年预算项目{}个，增加资金{}万元；调减当年预算项目{}个，调减资金{}万元；取消项目{}个，取消资金{}万元；收回当年不实施项目{}个，收回资金{}万元；调减下一年度项目{}个，调减下年预算{}万元）。",
            wan_trimmed(t.adjusted_total()),
            k(Kind::Increase).count,
            w(Kind::Increase),
            k(Kind::Decrease).count,
            w(Kind::Decrease),
            k(Kind::Cancel).count,
            w(Kind::Cancel),
            k(Kind::Recall).count,
            w(Kind::Recall),
            k(Kind::NextYearCut).count,
            w(Kind::NextYearCut),
        ),
        (Stage::PostEvaluation, Lang::Zh) => format!(
            "经统计，评价结果用于收回结余资金{}万元；维持下年预算项目{}个，维持额度{}万元；增加下年预算项目{}个，增加资金{}万元；调减下年度预算项目{}个，调减资金{}万元；合并下年度项目预算{}个，合并资金{}万元；取消下年度预算项目{}个，取消资金{}万元。",
            w(Kind::Recover),
            k(Kind::Keep).count,
            w(Kind::Keep),
            k(Kind::Increase).count,
            w(Kind::Increase),
            k(Kind::Reduce).count,
            w(Kind::Reduce),
            k(Kind::Merge).count,
            w(Kind::Merge),
            k(Kind::Cancel).count,
            w(Kind::Cancel),
        ),
        (_, _) => {
            let parts: Vec<String> = t
                .kinds
                .iter()
                .map(|f| {
                    format!(
                        "{}: {} projects, {} 万元",
                        f.kind.en(),
                        f.count,
                        wan_trimmed(f.amount)
                    )
                })
                .collect();
            format!(
                "Adjusted {} 万元 in all ({}).",
                wan_trimmed(t.adjusted_total()),
                parts.join("; ")
            )
        }
    }
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

/// The tables of a later stage: by budget type and by department, each
/// kind's count and amount and the money adjusted (without 维持), then the
/// largest adjustments. The total rows are the stage's tally
/// ([`crate::store::Store::stage_tally`]); the groups are the same
/// [`Stage::tally`] over each group's decided projects.
fn stage_tables(s: &mut String, data: &MeetingData, total: &StageTally, lang: Lang) {
    let t = &data.tally;
    let stage = total.stage;
    let decided = || {
        data.projects
            .iter()
            .map(|l| &l.row)
            .filter(|p| p.decision.state.is_decided())
            .filter_map(|p| p.decision.stage.as_ref().map(|a| (p, a)))
    };
    let mut by_budget: HashMap<BudgetType, Vec<&Adjustment>> = HashMap::new();
    let mut by_dept: HashMap<&str, Vec<&Adjustment>> = HashMap::new();
    for (p, a) in decided() {
        by_budget.entry(p.budget_type).or_default().push(a);
        by_dept.entry(p.department.as_str()).or_default().push(a);
    }
    let group_tally = |list: Option<&Vec<&Adjustment>>| {
        stage.tally(list.map(Vec::as_slice).unwrap_or_default().iter().copied())
    };

    let _ = writeln!(
        s,
        "## {}\n",
        lang.t("按预算类型（万元）", "By budget type (万元)")
    );
    let budgets: Vec<(String, &Figures, StageTally)> = t
        .by_budget_type
        .iter()
        .map(|(b, f)| {
            (
                lang.t(b.zh(), b.en()).to_string(),
                f,
                group_tally(by_budget.get(b)),
            )
        })
        .collect();
    kinds_table(
        s,
        lang.t("预算类型", "Budget type"),
        &budgets,
        (&t.total, total),
        lang,
    );

    let _ = writeln!(
        s,
        "\n## {}\n",
        lang.t("按部门（万元）", "By department (万元)")
    );
    let depts: Vec<(String, &Figures, StageTally)> = t
        .by_department
        .iter()
        .map(|(d, f)| (d.clone(), f, group_tally(by_dept.get(d.as_str()))))
        .collect();
    kinds_table(
        s,
        lang.t("部门", "Department"),
        &depts,
        (&t.total, total),
        lang,
    );

    let _ = writeln!(
        s,
        "\n## {}\n",
        match lang {
            Lang::Zh => format!("调整金额最大的{TOP_CUTS}个项目（万元）"),
            Lang::En => format!("The {TOP_CUTS} largest adjustments (万元)"),
        }
    );
    let mut largest: Vec<(usize, &ProjectRow, &Adjustment)> = decided()
        .filter(|(_, a)| a.kind != Kind::Keep)
        .enumerate()
        .map(|(i, (p, a))| (i, p, &**a))
        .collect();
    largest.sort_by(|a, b| b.2.amount.cmp(&a.2.amount).then(a.0.cmp(&b.0)));
    if largest.is_empty() {
        let _ = writeln!(
            s,
            "{}",
            lang.t("（尚无调整项目）", "(no project has been adjusted yet)")
        );
        return;
    }
    let merges = stage.kinds().contains(&Kind::Merge);
    let mut heads = vec![
        lang.t("项目编码", "Code"),
        lang.t("项目名称", "Project"),
        lang.t("部门", "Department"),
        lang.t("调整类型", "Kind"),
        lang.t("调整金额", "Amount"),
    ];
    if merges {
        heads.push(lang.t("合并至", "Merged into"));
    }
    let _ = writeln!(s, "| # | {} |", heads.join(" | "));
    let _ = writeln!(
        s,
        "| ---: | --- | --- | --- | --- | ---: |{}",
        if merges { " --- |" } else { "" }
    );
    for (n, (_, p, a)) in largest.iter().take(TOP_CUTS).enumerate() {
        let mut cells = vec![
            md(&p.code),
            md(&p.name),
            md(&p.department),
            kind_name(stage, a.kind, lang),
            a.amount.wan_display(),
        ];
        if merges {
            cells.push(a.merged_into.as_deref().map(md).unwrap_or_default());
        }
        let _ = writeln!(s, "| {} | {} |", n + 1, cells.join(" | "));
    }
}

/// A kind's name at `stage` in the reader's language.
fn kind_name(stage: Stage, kind: Kind, lang: Lang) -> String {
    match lang {
        Lang::Zh => stage.kind_zh(kind).to_string(),
        Lang::En => kind.en().to_string(),
    }
}

/// `next-year cut` → `Next-year cut`, for a header.
fn capitalized(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A later stage's table: per group the projects, the request, each kind's
/// count and amount, the money adjusted (维持 not counted) and the pending.
fn kinds_table(
    s: &mut String,
    group: &str,
    rows: &[(String, &Figures, StageTally)],
    total: (&Figures, &StageTally),
    lang: Lang,
) {
    let stage = total.1.stage;
    let keeps = stage.kinds().contains(&Kind::Keep);
    let mut heads: Vec<String> = vec![
        lang.t("项目数", "Projects").to_string(),
        lang.t("申报", "Requested").to_string(),
    ];
    for &k in stage.kinds() {
        let name = kind_name(stage, k, lang);
        heads.push(match lang {
            Lang::Zh => format!("{name}（个）"),
            Lang::En => format!("{} (n)", capitalized(&name)),
        });
        heads.push(match lang {
            Lang::Zh => format!("{name}（万元）"),
            Lang::En => format!("{} (万元)", capitalized(&name)),
        });
    }
    heads.push(
        match (keeps, lang) {
            (true, Lang::Zh) => "调整合计（不含维持）",
            (false, Lang::Zh) => "调整合计",
            (true, Lang::En) => "Adjusted (without keep)",
            (false, Lang::En) => "Adjusted",
        }
        .to_string(),
    );
    heads.push(lang.t("待审", "Pending").to_string());
    let _ = writeln!(s, "| {group} | {} |", heads.join(" | "));
    let _ = writeln!(s, "| --- |{}", " ---: |".repeat(heads.len()));
    let cells = |f: &Figures, st: &StageTally| {
        let mut c = vec![f.projects.to_string(), f.requested.wan_display()];
        for &k in stage.kinds() {
            let kf = st.get(k);
            c.push(kf.count.to_string());
            c.push(kf.amount.wan_display());
        }
        c.push(st.adjusted_total().wan_display());
        c.push(f.counts.pending.to_string());
        c
    };
    for (name, f, st) in rows {
        let _ = writeln!(s, "| {} | {} |", md(name), cells(f, st).join(" | "));
    }
    let bold: Vec<String> = cells(total.0, total.1)
        .iter()
        .map(|c| format!("**{c}**"))
        .collect();
    let _ = writeln!(
        s,
        "| **{}** | {} |",
        lang.t("合计", "Total"),
        bold.join(" | ")
    );
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
