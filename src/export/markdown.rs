//! The meeting summary (会审纪要) in Markdown: the figures in the words the
//! bureau's report uses, then tables by budget type and department and the
//! largest cuts. The opening paragraph and the headings are facts here
//! ([`Opening`], [`Heading`]), worded in `words/summary.rs`. At the later stages (monitoring, post-evaluation) the tables
//! follow the stage: each kind's count and amount and the money adjusted, and
//! the largest adjustments; a target review's cut and cut rate mean nothing
//! there and are not shown.

use std::collections::HashMap;
use std::fmt::Write;

use rust_decimal::Decimal;

use super::{MeetingData, state_name};
use crate::domain::stage::Kind;
use crate::domain::tally::percent_half_up;
use crate::domain::{Adjustment, BudgetType, Figures, Money, Stage, StageTally, Tally};
use crate::i18n::Lang;
use crate::report::{self, rate_text};
use crate::store::ProjectRow;
use crate::text::clean;
use crate::words::Say;
use crate::words::board::budget_name;
use crate::words::report::TableHead;

/// How many of the largest cuts the summary lists.
const TOP_CUTS: usize = 10;

pub(super) fn summary(data: &MeetingData, lang: Lang) -> String {
    let t = &data.tally;
    let f = &t.total;
    let mut s = String::new();
    let title = data.meeting.title.trim();
    let stage = Stage::parse(&data.meeting.stage).unwrap_or_default();
    let _ = writeln!(s, "# {}\n", Heading::Results(stage).say(lang));
    if !title.is_empty() {
        let _ = writeln!(s, "{}\n", Heading::Meeting(md(title)).say(lang));
    }
    let _ = writeln!(s, "{}\n", Opening::of(data, stage).say(lang));
    if let Some(st) = &data.stage_tally {
        stage_tables(&mut s, data, st, lang);
        return s;
    }

    let _ = writeln!(s, "## {}\n", Heading::ByBudgetType.say(lang));
    let budgets = report::budget_groups(t, lang);
    figures_table(&mut s, TableHead::BudgetType.word(lang), &budgets, f, lang);

    let _ = writeln!(s, "\n## {}\n", Heading::ByDepartment.say(lang));
    let depts = report::department_groups(t);
    figures_table(&mut s, TableHead::Department.word(lang), &depts, f, lang);
    weighed(&mut s, data, lang);

    let _ = writeln!(s, "\n## {}\n", Heading::LargestCuts(TOP_CUTS).say(lang));
    top_cuts(&mut s, data, lang);
    s
}

/// A heading of the summary, or the line under one that has nothing to
/// list. Worded in `words/summary.rs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Heading {
    /// The summary's title: the stage's results.
    Results(Stage),
    /// The meeting's own title (made safe for Markdown).
    Meeting(String),
    ByBudgetType,
    ByDepartment,
    /// The largest cuts, at most this many.
    LargestCuts(usize),
    /// A later stage's largest adjustments, at most this many.
    LargestAdjustments(usize),
    /// No project has been cut yet.
    NoCutYet,
    /// No project has been adjusted yet.
    NoAdjustmentYet,
}

/// What the summary's opening paragraph says, in the report's manner: the
/// figures it names and which of its sentences apply. Built once from the
/// tally; worded per language in `words/summary.rs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opening<'a> {
    /// A target review: what was asked, what the review did, what stands.
    TargetReview {
        projects: u64,
        requested: Money,
        cancelled: u64,
        adjusted: u64,
        cut: Money,
        standing: Standing,
    },
    /// An ex-ante evaluation: the evaluated projects' request, what the
    /// evaluation recommends and cuts.
    ExAnte {
        evaluated: u64,
        requested: Money,
        recommended: Money,
        cut: Money,
        rate: Option<Decimal>,
        /// Projects still to be evaluated, when there are any.
        pending: Option<u64>,
    },
    /// Mid-year monitoring or post-evaluation: each kind counted with its
    /// amount, and the money adjusted.
    Stage(&'a StageTally),
}

/// How a target review stands after the review's work.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Every project decided: what remains, approved, at what cut rate.
    Decided {
        remaining: u64,
        approved: Money,
        rate: Option<Decimal>,
    },
    /// Some projects still pending (not counted above), and what the
    /// decided ones come to, if any was decided.
    Pending {
        pending: u64,
        requested: Money,
        decided: Option<DecidedPart>,
    },
}

/// The decided part of a meeting still under way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecidedPart {
    pub projects: u64,
    pub requested: Money,
    pub approved: Money,
    pub rate: Option<Decimal>,
}

impl Opening<'_> {
    /// The opening of `data` at `stage`: a later stage's kinds when it has
    /// them, else the ex-ante or target-review figures.
    fn of(data: &MeetingData, stage: Stage) -> Opening<'_> {
        Opening::from_tally(&data.tally, data.stage_tally.as_ref(), stage)
    }

    /// The same from the tally and, at a later stage, its figures per kind
    /// (the minutes say what the summary says).
    pub(super) fn from_tally<'t>(
        tally: &Tally,
        stage_tally: Option<&'t StageTally>,
        stage: Stage,
    ) -> Opening<'t> {
        let f = &tally.total;
        let c = &f.counts;
        if let Some(st) = stage_tally {
            return Opening::Stage(st);
        }
        if stage == Stage::ExAnte {
            return Opening::ExAnte {
                evaluated: f.decided,
                requested: f.decided_requested,
                recommended: f.approved,
                cut: f.cut,
                rate: f.cut_rate(),
                pending: (c.pending > 0).then_some(c.pending),
            };
        }
        let standing = if c.pending == 0 {
            Standing::Decided {
                remaining: f.remaining(),
                approved: f.approved,
                rate: f.cut_rate(),
            }
        } else {
            Standing::Pending {
                pending: c.pending,
                requested: f.requested - f.decided_requested,
                decided: (f.decided > 0).then(|| DecidedPart {
                    projects: f.decided,
                    requested: f.decided_requested,
                    approved: f.approved,
                    rate: f.cut_rate(),
                }),
            }
        };
        Opening::TargetReview {
            projects: f.projects,
            requested: f.requested,
            cancelled: c.cancelled,
            adjusted: c.adjusted,
            cut: f.cut,
            standing,
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
        by_dept.entry(&*p.department).or_default().push(a);
    }
    let group_tally = |list: Option<&Vec<&Adjustment>>| {
        stage.tally(list.map(Vec::as_slice).unwrap_or_default().iter().copied())
    };

    let _ = writeln!(s, "## {}\n", Heading::ByBudgetType.say(lang));
    let budgets: Vec<(String, &Figures, StageTally)> = t
        .by_budget_type
        .iter()
        .map(|(b, f)| {
            (
                budget_name(*b, lang).to_string(),
                f,
                group_tally(by_budget.get(b)),
            )
        })
        .collect();
    kinds_table(
        s,
        TableHead::BudgetType.word(lang),
        &budgets,
        (&t.total, total),
        lang,
    );

    let _ = writeln!(s, "\n## {}\n", Heading::ByDepartment.say(lang));
    let depts: Vec<(String, &Figures, StageTally)> = t
        .by_department
        .iter()
        .map(|(d, f)| (d.clone(), f, group_tally(by_dept.get(d.as_str()))))
        .collect();
    kinds_table(
        s,
        TableHead::Department.word(lang),
        &depts,
        (&t.total, total),
        lang,
    );

    let _ = writeln!(
        s,
        "\n## {}\n",
        Heading::LargestAdjustments(TOP_CUTS).say(lang)
    );
    let mut largest: Vec<(usize, &ProjectRow, &Adjustment)> = decided()
        .filter(|(_, a)| a.kind != Kind::Keep)
        .enumerate()
        .map(|(i, (p, a))| (i, p, &**a))
        .collect();
    largest.sort_by(|a, b| b.2.amount.cmp(&a.2.amount).then(a.0.cmp(&b.0)));
    if largest.is_empty() {
        let _ = writeln!(s, "{}", Heading::NoAdjustmentYet.say(lang));
        return;
    }
    let merges = stage.kinds().contains(&Kind::Merge);
    let mut heads = vec![
        TableHead::Code.word(lang),
        TableHead::Project.word(lang),
        TableHead::Department.word(lang),
        TableHead::Kind.word(lang),
        TableHead::Amount.word(lang),
    ];
    if merges {
        heads.push(TableHead::MergedInto.word(lang));
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
    crate::words::board::kind_name(stage, kind, lang).to_string()
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
    let mut heads: Vec<String> = vec![
        TableHead::Projects.word(lang).to_string(),
        TableHead::Requested.word(lang).to_string(),
    ];
    for &kind in stage.kinds() {
        heads.push(Column::KindCount(stage, kind).say(lang));
        heads.push(Column::KindAmount(stage, kind).say(lang));
    }
    heads.push(Column::Adjusted(stage).say(lang));
    heads.push(TableHead::Pending.word(lang).to_string());
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
    let rows = rows
        .iter()
        .map(|(name, f, st)| (name.as_str(), cells(f, st)));
    group_table(s, group, &heads, rows, cells(total.0, total.1), lang);
}

/// A column heading of a later stage's table that is more than a label.
/// Worded in `words/summary.rs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// How many projects of a kind.
    KindCount(Stage, Kind),
    /// The amount of a kind.
    KindAmount(Stage, Kind),
    /// The money adjusted in all (维持 not counted, where the stage has it).
    Adjusted(Stage),
}

/// A table of groups under `heads`: a row per group, then a bold total row.
fn group_table<'a>(
    s: &mut String,
    group: &str,
    heads: &[impl AsRef<str>],
    rows: impl Iterator<Item = (&'a str, Vec<String>)>,
    total: Vec<String>,
    lang: Lang,
) {
    let heads: Vec<&str> = heads.iter().map(AsRef::as_ref).collect();
    let _ = writeln!(s, "| {group} | {} |", heads.join(" | "));
    let _ = writeln!(s, "| --- |{}", " ---: |".repeat(heads.len()));
    for (name, cells) in rows {
        let _ = writeln!(s, "| {} | {} |", md(name), cells.join(" | "));
    }
    let bold: Vec<String> = total.iter().map(|c| format!("**{c}**")).collect();
    let _ = writeln!(
        s,
        "| **{}** | {} |",
        TableHead::Total.word(lang),
        bold.join(" | ")
    );
}

/// What the panel weighed: each department's ceiling, the cut by reason
/// in the report's sentences, new and continuing, the sections.
fn weighed(s: &mut String, data: &MeetingData, lang: Lang) {
    use crate::words::weigh::{BreakdownWords, SummaryWords, novelty_label};
    let t = &data.tally;
    let fits: Vec<(&str, crate::domain::Fit)> = t
        .by_department
        .iter()
        .filter_map(|(d, f)| {
            data.ceiling
                .department_fit(d, f)
                .map(|fit| (d.as_str(), fit))
        })
        .collect();
    if !fits.is_empty() {
        let _ = writeln!(s, "\n## {}\n", SummaryWords::Ceilings.say(lang));
        let _ = writeln!(s, "| {} |", SummaryWords::CeilingHeads.say(lang));
        let _ = writeln!(s, "| --- | ---: | ---: | ---: |");
        for (d, fit) in &fits {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                md(d),
                fit.ceiling.wan_display(),
                fit.projected.wan_display(),
                fit.to_cut.wan_display()
            );
        }
    }
    let b = &data.breakdown;
    let used: Vec<&(String, Figures)> =
        b.by_reason.iter().filter(|(_, f)| f.projects > 0).collect();
    if !used.is_empty() {
        let _ = writeln!(s, "\n## {}\n", SummaryWords::ByReason.say(lang));
        for (r, f) in used {
            let line = SummaryWords::Reason {
                name: md(r),
                projects: f.projects,
                cancelled: f.counts.cancelled,
                cut: f.cut,
            };
            let _ = writeln!(s, "- {}", line.say(lang));
        }
        let _ = writeln!(s, "\n{}", SummaryWords::ReasonsOverlap.say(lang));
    }
    if b.by_novelty.iter().any(|(n, _)| n.is_some()) {
        let _ = writeln!(s, "\n## {}\n", SummaryWords::ByNovelty.say(lang));
        let rows: Vec<(String, &Figures)> = b
            .by_novelty
            .iter()
            .map(|(n, f)| (novelty_label(*n, lang).to_string(), f))
            .collect();
        figures_table(s, TableHead::Novelty.word(lang), &rows, &t.total, lang);
    }
    if b.by_section.iter().any(|(n, _)| n.is_some()) {
        let _ = writeln!(s, "\n## {}\n", SummaryWords::BySection.say(lang));
        let rows: Vec<(String, &Figures)> = b
            .by_section
            .iter()
            .map(|(n, f)| {
                let name = n
                    .clone()
                    .unwrap_or_else(|| BreakdownWords::NoSection.say(lang));
                (name, f)
            })
            .collect();
        figures_table(s, TableHead::Section.word(lang), &rows, &t.total, lang);
    }
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
        TableHead::Projects.word(lang),
        TableHead::Requested.word(lang),
        TableHead::Approved.word(lang),
        TableHead::Cut.word(lang),
        TableHead::CutRate.word(lang),
        TableHead::Cancelled.word(lang),
        TableHead::Adjusted.word(lang),
        TableHead::Pending.word(lang),
    ];
    let cells = |f: &Figures| {
        vec![
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
    let rows = rows.iter().map(|(name, f)| (name.as_str(), cells(f)));
    group_table(s, group, &heads, rows, cells(total), lang);
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
        let _ = writeln!(s, "{}", Heading::NoCutYet.say(lang));
        return;
    }
    let heads = [
        TableHead::Code.word(lang),
        TableHead::Project.word(lang),
        TableHead::Department.word(lang),
        TableHead::Requested.word(lang),
        TableHead::Approved.word(lang),
        TableHead::Cut.word(lang),
        TableHead::CutRate.word(lang),
        TableHead::Decision.word(lang),
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
pub(super) fn md(text: &str) -> String {
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
