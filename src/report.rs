//! The tally as plain text, for `huishen tally`.

use rust_decimal::Decimal;

use crate::domain::tally::{Figures, Tally};
use crate::domain::{Ceiling, Fit};
use crate::i18n::Lang;
use crate::text::{DecimalColumn, clean, pad_left, pad_right, width};

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
        lang.t("项目", "projects"),
        format!(
            "{}  ({} {} / {} {})",
            f.projects,
            lang.t("已审", "decided"),
            f.decided,
            lang.t("待审", "pending"),
            c.pending
        ),
    );
    s += &line(
        lang.t("申报金额", "requested"),
        format!("{} 万元", f.requested.wan_display()),
    );
    s += &line(
        lang.t("审定金额", "approved"),
        format!("{} 万元", f.approved.wan_display()),
    );
    s += &line(
        lang.t("审减金额", "cut"),
        format!("{} 万元", f.cut.wan_display()),
    );
    s += &line(lang.t("审减率", "cut rate"), rate(f));
    s += &line(
        lang.t("决定", "decisions"),
        format!(
            "{} {} · {} {} · {} {} · {} {} · {} {}",
            lang.t("通过", "approved"),
            c.approved,
            lang.t("审减", "cut"),
            c.cut,
            lang.t("取消", "cancelled"),
            c.cancelled,
            lang.t("调整", "adjusted"),
            c.adjusted,
            lang.t("保留项目", "remaining"),
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
        lang.t("项目", "proj"),
        lang.t("申报", "requested"),
        lang.t("审定", "approved"),
        lang.t("审减", "cut"),
        lang.t("审减率", "rate"),
        lang.t("取消", "canc"),
        lang.t("调整", "adj"),
        lang.t("待审", "pend"),
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
        .map(|(b, f)| (lang.t(b.zh(), b.en()).to_string(), f))
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
        table(
            lang.t("按预算类型（万元）", "By budget type (万元)"),
            &budgets,
            &t.total,
            lang
        ),
        table(
            lang.t("按部门（万元）", "By department (万元)"),
            &depts,
            &t.total,
            lang
        )
    )
}

/// The ceiling's lines for `huishen tally`: each ceiling, what the meeting
/// is heading for, and how much must still be cut. Empty without a ceiling.
pub fn ceiling(c: &Ceiling, t: &Tally, lang: Lang) -> String {
    let mut s = String::new();
    if c.is_empty() {
        return s;
    }
    s += &format!("\n{}\n", lang.t("控制数（万元）", "Ceiling (万元)"));
    let line = |name: &str, f: &Fit| {
        format!(
            "{} {} {:>14}  {} {:>14}  {} {:>14}\n",
            pad_right(name, 16),
            lang.t("控制数", "ceiling"),
            f.ceiling.wan_display(),
            lang.t("预计安排", "projected"),
            f.projected.wan_display(),
            lang.t("尚需审减", "still to cut"),
            f.to_cut.wan_display()
        )
    };
    if let Some(f) = c.total_fit(t) {
        s += &line(lang.t("合计", "total"), &f);
    }
    for (b, f) in c.budget_fits(t) {
        s += &line(lang.t(b.zh(), b.en()), &f);
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
        pad_right(lang.t("阶段", "stage"), 12),
        lang.t(t.stage.zh(), t.stage.en())
    );
    for k in &t.kinds {
        let label = lang.t(t.stage.kind_zh(k.kind), k.kind.en());
        s += &format!(
            "{} {} {}  {} 万元\n",
            pad_right(label, 12),
            k.count,
            lang.t("个", "projects"),
            k.amount.wan_display()
        );
    }
    s += &format!(
        "{} {} 万元\n\n",
        pad_right(lang.t("调整资金", "adjusted"), 12),
        t.adjusted_total().wan_display()
    );
    s
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
