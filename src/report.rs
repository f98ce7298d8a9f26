//! The tally as plain text, for `huishen tally`.

use rust_decimal::Decimal;

use crate::domain::tally::{Figures, Tally};
use crate::domain::{BudgetType, Ceiling, Fit};
use crate::i18n::Lang;
use crate::text::{DecimalColumn, clean, pad_left, pad_right, width};
use crate::words::board::{budget_name, kind_name};
use crate::words::report::TallyLabel;

/// A cut rate as every output writes it: `33.70%`, or `—` without a base.
pub fn rate_text(r: Option<Decimal>) -> String {
    r.map(|r| format!("{r}%")).unwrap_or_else(|| "—".into())
}

fn rate(f: &Figures) -> String {
    rate_text(f.cut_rate())
}

/// The overall figures, a few lines.
pub fn summary(t: &Tally, lang: Lang) -> String {
    let f = &t.total;
    let c = &f.counts;
    let mut s = String::new();
    let line = |label: &str, value: String| format!("{} {value}\n", pad_right(label, 12));
    s += &line(
        TallyLabel::Projects.word(lang),
        format!(
            "{}  ({} {} / {} {})",
            f.projects,
            TallyLabel::Decided.word(lang),
            f.decided,
            TallyLabel::Pending.word(lang),
            c.pending
        ),
    );
    s += &line(
        TallyLabel::Requested.word(lang),
        format!("{} 万元", f.requested.wan_display()),
    );
    s += &line(
        TallyLabel::Approved.word(lang),
        format!("{} 万元", f.approved.wan_display()),
    );
    s += &line(
        TallyLabel::Cut.word(lang),
        format!("{} 万元", f.cut.wan_display()),
    );
    s += &line(TallyLabel::CutRate.word(lang), rate(f));
    s += &line(
        TallyLabel::Decisions.word(lang),
        format!(
            "{} {} · {} {} · {} {} · {} {} · {} {}",
            TallyLabel::Passed.word(lang),
            c.approved,
            TallyLabel::HeadCut.word(lang),
            c.cut,
            TallyLabel::Cancelled.word(lang),
            c.cancelled,
            TallyLabel::Adjusted.word(lang),
            c.adjusted,
            TallyLabel::Remaining.word(lang),
            f.remaining()
        ),
    );
    s
}

/// The columns of a tally table, after the name: projects, requested,
/// approved, cut, rate, cancelled, adjusted, pending. One layout for
/// `huishen tally` and the screen's tally panel.
pub fn figure_heads(lang: Lang) -> [&'static str; 8] {
    [
        TallyLabel::HeadProjects.word(lang),
        TallyLabel::HeadRequested.word(lang),
        TallyLabel::HeadApproved.word(lang),
        TallyLabel::HeadCut.word(lang),
        TallyLabel::HeadRate.word(lang),
        TallyLabel::HeadCancelled.word(lang),
        TallyLabel::HeadAdjusted.word(lang),
        TallyLabel::HeadPending.word(lang),
    ]
}

/// A group's figures as the table's cells.
pub fn figure_cells(f: &Figures) -> [String; 8] {
    [
        f.projects.to_string(),
        f.requested.wan_display(),
        f.approved.wan_display(),
        f.cut.wan_display(),
        rate(f),
        f.counts.cancelled.to_string(),
        f.counts.adjusted.to_string(),
        f.counts.pending.to_string(),
    ]
}

/// How wide a tally table's columns are, and where the amounts' points
/// line up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Widths {
    pub cells: [usize; 8],
    /// The amounts (requested, approved, cut), aligned at the point.
    pub money: DecimalColumn,
}

/// Each column as wide as its heading or the widest figure any group of a
/// meeting with these totals can have: no count exceeds its projects, no
/// amount its request (so the columns keep their width as decisions come
/// in), no rate "100.00%"; the amounts as many decimals as the widest of
/// `groups` (and the total) has, so none is cut.
pub fn figure_widths(total: &Figures, groups: &[&Figures], lang: Lang) -> Widths {
    let mut money = DecimalColumn::default();
    for f in groups.iter().copied().chain([total]) {
        for m in [f.requested, f.approved, f.cut] {
            money.take_text(&m.wan_display());
        }
    }
    let projects = total.projects.to_string();
    let amount = " ".repeat(money.width());
    let widest = [
        &projects, &amount, &amount, &amount, "100.00%", &projects, &projects, &projects,
    ];
    let mut cells = [0; 8];
    for ((w, h), f) in cells.iter_mut().zip(figure_heads(lang)).zip(widest) {
        *w = width(h).max(width(f));
    }
    Widths { cells, money }
}

/// One line of a tally table: the name padded (or cut) to `name_w`, then
/// each cell right-aligned to its column, the amounts at their points.
pub fn figure_line<S: AsRef<str>>(
    name: &str,
    cells: &[S; 8],
    name_w: usize,
    widths: &Widths,
) -> String {
    let mut line = pad_right(&clean(name), name_w);
    for (i, (cell, w)) in cells.iter().zip(widths.cells).enumerate() {
        line.push(' ');
        if (1..=3).contains(&i) && cell.as_ref().contains('.') {
            line += &widths.money.cell(cell.as_ref(), w);
        } else {
            line += &pad_left(cell.as_ref(), w);
        }
    }
    line
}

/// A table of figures per group, columns aligned by display width.
pub fn table(title: &str, rows: &[(String, &Figures)], total: &Figures, lang: Lang) -> String {
    let name_w = rows
        .iter()
        .map(|(n, _)| width(n))
        .max()
        .unwrap_or(0)
        .clamp(8, 30);
    let groups: Vec<&Figures> = rows.iter().map(|(_, f)| *f).collect();
    let widths = figure_widths(total, &groups, lang);
    let mut s = format!("{title}\n");
    s += &figure_line("", &figure_heads(lang), name_w, &widths);
    s += "\n";
    for (name, f) in rows {
        s += &figure_line(name, &figure_cells(f), name_w, &widths);
        s += "\n";
    }
    s
}

/// The tally's groups by budget type, each named in the reader's language.
pub fn budget_groups(t: &Tally, lang: Lang) -> Vec<(String, &Figures)> {
    t.by_budget_type
        .iter()
        .map(|(b, f)| (budget_name(*b, lang).to_string(), f))
        .collect()
}

/// The tally's groups by department.
pub fn department_groups(t: &Tally) -> Vec<(String, &Figures)> {
    t.by_department
        .iter()
        .map(|(d, f)| (d.clone(), f))
        .collect()
}

/// The whole tally: summary, by budget type, by department.
pub fn full(t: &Tally, lang: Lang) -> String {
    let budgets = budget_groups(t, lang);
    let depts = department_groups(t);
    format!(
        "{}\n{}\n{}",
        summary(t, lang),
        table(TallyLabel::ByBudget.word(lang), &budgets, &t.total, lang),
        table(TallyLabel::ByDepartment.word(lang), &depts, &t.total, lang)
    )
}

/// The ceiling's lines for `huishen tally`: each ceiling, what the meeting
/// is heading for, and how much must still be cut. Empty without a ceiling.
pub fn ceiling(c: &Ceiling, t: &Tally, lang: Lang) -> String {
    let mut s = String::new();
    if c.is_empty() {
        return s;
    }
    s += &format!("\n{}\n", TallyLabel::Ceilings.word(lang));
    let line = |name: &str, f: &Fit| {
        format!(
            "{} {} {:>14}  {} {:>14}  {} {:>14}\n",
            pad_right(name, 16),
            TallyLabel::Ceiling.word(lang),
            f.ceiling.wan_display(),
            TallyLabel::Projected.word(lang),
            f.projected.wan_display(),
            TallyLabel::StillToCut.word(lang),
            f.to_cut.wan_display()
        )
    };
    if let Some(f) = c.total_fit(t) {
        s += &line(TallyLabel::Total.word(lang), &f);
    }
    for (b, f) in c.budget_fits(t) {
        s += &line(budget_name(b, lang), &f);
    }
    for (d, f) in &t.by_department {
        if let Some(fit) = c.department_fit(d, f) {
            s += &line(d, &fit);
        }
    }
    s
}

/// The tally by section, by new or continuing, and by reason, each a table;
/// the reasons' with the line that says why they add up to more than the
/// cut. Empty groups (no section named, no reason used) are left out.
pub fn breakdown(b: &crate::domain::Breakdown, total: &Figures, lang: Lang) -> String {
    use crate::words::Say;
    use crate::words::weigh::{BreakdownWords, novelty_label};
    let mut s = String::new();
    if b.by_section.iter().any(|(k, _)| k.is_some()) {
        let rows: Vec<(String, &Figures)> = b
            .by_section
            .iter()
            .map(|(k, f)| {
                let name = k
                    .clone()
                    .unwrap_or_else(|| BreakdownWords::NoSection.say(lang));
                (name, f)
            })
            .collect();
        s += "\n";
        s += &table(&BreakdownWords::BySection.say(lang), &rows, total, lang);
    }
    if b.by_novelty.iter().any(|(k, _)| k.is_some()) {
        let rows: Vec<(String, &Figures)> = b
            .by_novelty
            .iter()
            .map(|(k, f)| (novelty_label(*k, lang).to_string(), f))
            .collect();
        s += "\n";
        s += &table(&BreakdownWords::ByNovelty.say(lang), &rows, total, lang);
    }
    if b.by_reason.iter().any(|(_, f)| f.projects > 0) {
        let rows: Vec<(String, &Figures)> = b
            .by_reason
            .iter()
            .filter(|(_, f)| f.projects > 0)
            .map(|(k, f)| (k.clone(), f))
            .collect();
        s += "\n";
        s += &table(&BreakdownWords::ByReason.say(lang), &rows, total, lang);
        s += &BreakdownWords::ReasonsOverlap.say(lang);
        s += "\n";
    }
    s
}

/// The same as JSON, amounts as exact 万元 strings.
pub fn ceiling_json(c: &Ceiling, t: &Tally) -> serde_json::Value {
    let fit = |f: &Fit| {
        serde_json::json!({
            "ceiling": f.ceiling.wan_string(),
            "projected": f.projected.wan_string(),
            "to_cut": f.to_cut.wan_string(),
        })
    };
    serde_json::json!({
        "total": c.total_fit(t).as_ref().map(fit),
        "by_budget_type": c.budget_fits(t).iter().map(|(b, f)| {
            let mut v = fit(f);
            v["budget_type"] = serde_json::json!(b.code());
            v
        }).collect::<Vec<_>>(),
    })
}

/// A later stage's figures: each kind's count and amount, and the total
/// adjusted.
pub fn stage(t: &crate::domain::StageTally, lang: Lang) -> String {
    let mut s = format!(
        "{} {}\n",
        pad_right(TallyLabel::Stage.word(lang), 12),
        lang.t(t.stage.zh(), t.stage.en())
    );
    for k in &t.kinds {
        let label = kind_name(t.stage, k.kind, lang);
        s += &format!(
            "{} {} {}",
            pad_right(label, 12),
            k.count,
            TallyLabel::ProjectsUnit.word(lang),
        );
        // 资金不变 has no money to show.
        if k.kind != crate::domain::Kind::Unchanged {
            s += &format!("  {} 万元", k.amount.wan_display());
        }
        s += "\n";
    }
    s += &format!(
        "{} {} 万元\n\n",
        pad_right(TallyLabel::AdjustedMoney.word(lang), 12),
        t.adjusted_total().wan_display()
    );
    s
}

/// The measures of a later stage: `结果应用  改进管理 17 · 完善制度 2`.
pub fn measures_line(t: &crate::domain::StageTally, lang: Lang) -> String {
    format!(
        "{} {} {} · {} {}\n",
        pad_right(TallyLabel::UsedFor.word(lang), 12),
        TallyLabel::ImproveManagement.word(lang),
        t.measures.management,
        TallyLabel::ImproveRules.word(lang),
        t.measures.rules
    )
}

/// A later stage's groups: each budget type's and department's decided
/// projects tallied by kind, in the tally's order.
pub struct StageGroups {
    pub by_budget_type: Vec<(BudgetType, crate::domain::StageTally)>,
    pub by_department: Vec<(String, crate::domain::StageTally)>,
}

impl StageGroups {
    pub fn of(
        t: &Tally,
        stage: crate::domain::Stage,
        rows: &[crate::store::ProjectRow],
    ) -> StageGroups {
        let decided = |keep: &dyn Fn(&crate::store::ProjectRow) -> bool| {
            stage.tally(
                rows.iter()
                    .filter(|r| r.decision.state.is_decided() && keep(r))
                    .filter_map(|r| r.decision.stage.as_deref()),
            )
        };
        StageGroups {
            by_budget_type: t
                .by_budget_type
                .iter()
                .map(|(b, _)| (*b, decided(&|r| r.budget_type == *b)))
                .collect(),
            by_department: t
                .by_department
                .iter()
                .map(|(d, _)| (d.clone(), decided(&|r| *r.department == **d)))
                .collect(),
        }
    }
}

/// A later stage's whole tally as text: how far it is, each kind, what
/// the results are used for, then by budget type and by department each
/// kind's count and amount — no 审定, 审减 or 审减率, which are a target
/// review's figures.
pub fn stage_full(
    t: &Tally,
    st: &crate::domain::StageTally,
    groups: &StageGroups,
    lang: Lang,
) -> String {
    let f = &t.total;
    let mut s = String::new();
    s += &format!(
        "{} {}  ({} {} / {} {})\n",
        pad_right(TallyLabel::Projects.word(lang), 12),
        f.projects,
        TallyLabel::Decided.word(lang),
        f.decided,
        TallyLabel::Pending.word(lang),
        f.counts.pending
    );
    s += &format!(
        "{} {} 万元\n",
        pad_right(TallyLabel::Requested.word(lang), 12),
        f.requested.wan_display()
    );
    s += &stage(st, lang);
    s.pop();
    s += &measures_line(st, lang);
    s += "\n";
    let (budgets, depts) = stage_tables(t, st.stage, groups, lang);
    s + &budgets + "\n" + &depts
}

/// A later stage's tables by budget type and by department: per group the
/// projects, the request, each kind's count/amount, the money adjusted and
/// the pending. One layout for `huishen tally` and the screen's panel.
pub fn stage_tables(
    t: &Tally,
    stage_: crate::domain::Stage,
    groups: &StageGroups,
    lang: Lang,
) -> (String, String) {
    let st_stage = stage_;
    let kinds: Vec<crate::domain::Kind> = st_stage.kinds().to_vec();
    let mut heads: Vec<String> = vec![
        TallyLabel::HeadProjects.word(lang).to_string(),
        TallyLabel::HeadRequested.word(lang).to_string(),
    ];
    for k in &kinds {
        heads.push(kind_name(st_stage, *k, lang).to_string());
    }
    heads.push(TallyLabel::HeadAdjustedTotal.word(lang).to_string());
    heads.push(TallyLabel::HeadPending.word(lang).to_string());
    let cells = |f: &Figures, g: &crate::domain::StageTally| {
        let mut c = vec![f.projects.to_string(), f.requested.wan_display()];
        for k in &kinds {
            let kf = g.get(*k);
            c.push(format!("{}/{}", kf.count, kf.amount.wan_display()));
        }
        c.push(g.adjusted_total().wan_display());
        c.push(f.counts.pending.to_string());
        c
    };
    let budgets: Vec<(String, Vec<String>)> = t
        .by_budget_type
        .iter()
        .zip(&groups.by_budget_type)
        .map(|((b, f), (_, g))| (budget_name(*b, lang).to_string(), cells(f, g)))
        .collect();
    let depts: Vec<(String, Vec<String>)> = t
        .by_department
        .iter()
        .zip(&groups.by_department)
        .map(|((d, f), (_, g))| (d.clone(), cells(f, g)))
        .collect();
    // One set of widths for both tables, so they line up one under the other.
    let all = || budgets.iter().chain(&depts);
    let name_w = all().map(|(n, _)| width(n)).max().unwrap_or(0).clamp(8, 30);
    let mut w: Vec<usize> = heads.iter().map(|h| width(h)).collect();
    for (_, c) in all() {
        for (i, cell) in c.iter().enumerate() {
            w[i] = w[i].max(width(cell));
        }
    }
    let line = |name: &str, c: &[String]| {
        let mut l = pad_right(&clean(name), name_w);
        for (cell, w) in c.iter().zip(&w) {
            l.push(' ');
            l += &pad_left(cell, *w);
        }
        l + "\n"
    };
    let table = |title: &str, rows: &[(String, Vec<String>)]| {
        let mut out = format!("{title}\n");
        out += &line("", &heads);
        for (n, c) in rows {
            out += &line(n, c);
        }
        out
    };
    (
        table(TallyLabel::ByBudget.word(lang), &budgets),
        table(TallyLabel::ByDepartment.word(lang), &depts),
    )
}

/// `{"increase": {"count": 1, "amount": "50.00"}, …}` in the stage's order.
pub fn stage_kinds_json(t: &crate::domain::StageTally) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    for k in &t.kinds {
        m.insert(
            k.kind.code().to_string(),
            serde_json::json!({"count": k.count, "amount": k.amount.wan_string()}),
        );
    }
    serde_json::Value::Object(m)
}
