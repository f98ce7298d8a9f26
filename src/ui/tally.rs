//! The tally: the bar under the list (its figures are built in
//! `layout::bar`, which the layout measures) and the panel by budget type
//! and department.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::{App, ranking};
use crate::domain::Figures;
use crate::keymap::{Command, Mode};
use crate::report;
use crate::text::{clean, width};
use crate::words::Say;
use crate::words::board::budget_name;
use crate::words::panel::PanelText;
use crate::words::weigh::{CeilingWords, OVER_MARK};

pub fn draw_tally_bar(frame: &mut Frame, app: &App, area: Rect) {
    frame.render_widget(Paragraph::new(app.tally_bar().lines(area.width)), area);
}

/// The tally panel (`b`): a ranking of every department the panel works
/// from — a header, the budgets and the total where there is room, then the
/// departments in the order chosen (`s`), the selected one marked, scrolled
/// to keep it in view, each with a small bar of its cut rate where the
/// width leaves the names whole.
pub fn draw_tally_panel(frame: &mut Frame, app: &App, area: Rect) {
    let th = app.theme;
    let l = app.lang;
    let by = app.ranking.by;
    let title = PanelText::Title {
        by,
        sort: key(app, Command::Sort),
        only: key(app, Command::Confirm),
    }
    .say(l);
    let block = Block::default()
        .borders(Borders::TOP)
        .title(format!(" {title} "))
        .border_style(th.dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let stage = app.stage();
    if stage.adjusts() {
        // A later stage's kinds, not a target review's cut.
        let groups = report::StageGroups::of(&app.tally, stage, &app.rows);
        let (budgets, depts) = report::stage_tables(&app.tally, stage, &groups, l);
        let lines: Vec<Line> = budgets
            .lines()
            .skip(1)
            .chain(std::iter::once(""))
            .chain(depts.lines().skip(2))
            .enumerate()
            .map(|(i, s)| {
                if i == 0 {
                    Line::styled(s.to_string(), th.header())
                } else {
                    Line::raw(s.to_string())
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let t = &app.tally;
    let groups: Vec<&Figures> = t
        .by_budget_type
        .iter()
        .map(|(_, f)| f)
        .chain(t.by_department.iter().map(|(_, f)| f))
        .collect();
    let widths = report::figure_widths(&t.total, &groups, l);
    // The figures first, whole; then the names, whole where the width
    // allows; then, if that leaves room, the bar.
    let figures_w: usize = widths.cells.iter().map(|w| w + 1).sum();
    let total_name = PanelText::Total.say(l);
    let longest = t
        .by_department
        .iter()
        .map(|(d, _)| width(&clean(d)))
        .chain(
            t.by_budget_type
                .iter()
                .map(|(b, _)| width(budget_name(*b, l))),
        )
        .chain([width(&total_name)])
        .max()
        .unwrap_or(0);
    let room = usize::from(inner.width).saturating_sub(figures_w);
    // A department's ceiling, in its short form at least, is worth more
    // than the bar: the bar is drawn only where both fit.
    let ceiling_w = t
        .by_department
        .iter()
        .filter_map(|(d, f)| app.ceiling.department_fit(d, f))
        .map(|fit| width(&CeilingWords::Short(fit).say(l)) + 2)
        .max()
        .unwrap_or(0);
    let bar_w = if room >= longest + 1 + BAR + ceiling_w {
        BAR
    } else {
        0
    };
    let name_w = longest.min(room.saturating_sub(if bar_w > 0 { bar_w + 1 } else { 0 }));
    let line = |name: &str, f: &Figures| {
        let mut s = report::figure_line(name, &report::figure_cells(f), name_w, &widths);
        if bar_w > 0 {
            s.push(' ');
            s += &rate_bar(f.cut_rate(), bar_w, th.ascii);
        }
        s
    };
    let mut lines = vec![Line::styled(
        report::figure_line("", &report::figure_heads(l), name_w, &widths),
        th.header(),
    )];
    let height = usize::from(inner.height);
    // The budgets where they leave four departments in view.
    let fits = app.ceiling.budget_fits(t);
    if height >= 1 + t.by_budget_type.len() + 1 + 4 {
        for (b, f) in &t.by_budget_type {
            let mut s = line(budget_name(*b, l), f);
            if let Some((_, fit)) = fits.iter().find(|(x, _)| x == b) {
                s += &format!(
                    "  {}",
                    PanelText::Ceiling {
                        ceiling: fit.ceiling,
                        to_cut: fit.to_cut
                    }
                    .say(l)
                );
            }
            lines.push(Line::raw(s));
        }
    }
    lines.push(Line::styled(line(&total_name, &t.total), th.header()));
    let room = height.saturating_sub(lines.len()).max(1);
    let order = ranking::ranked(t, by);
    let selected = app.ranking.selected.min(order.len().saturating_sub(1));
    // The selected department in the middle where the list allows.
    let first = selected
        .saturating_sub(room / 2)
        .min(order.len().saturating_sub(room));
    let used = figures_w + name_w + if bar_w > 0 { bar_w + 1 } else { 0 };
    for (k, &i) in order.iter().enumerate().skip(first).take(room) {
        let (d, f) = &t.by_department[i];
        let fit = app.ceiling.department_fit(d, f);
        // After its figures, a department's ceiling in full or short as
        // the room allows; with no room, a department over it is marked
        // before its name. Red while over, with a mark that shows without
        // colour too.
        let after = room_after(inner.width, used);
        let cell = fit.and_then(|fit| {
            [CeilingWords::Cell(fit), CeilingWords::Short(fit)]
                .into_iter()
                .map(|w| w.say(l))
                .find(|c| width(c) + 2 <= after)
        });
        let over = fit.is_some_and(|fit| fit.is_over());
        let style = if over { th.error() } else { th.info() };
        let name = if over && cell.is_none() {
            format!("{OVER_MARK}{d}")
        } else {
            d.clone()
        };
        let base = line(&name, f);
        let s = match cell {
            Some(c) => Line::from(vec![
                Span::raw(base),
                Span::raw("  "),
                Span::styled(c, style),
            ]),
            None if over => Line::from(Span::styled(base, style)),
            None => Line::raw(base),
        };
        lines.push(if k == selected {
            s.style(th.selected())
        } else {
            s
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The cells left on a line of `total` after `used`.
fn room_after(total: u16, used: usize) -> usize {
    (total as usize).saturating_sub(used)
}

/// The width of a row's cut-rate bar.
const BAR: usize = 10;

/// A cut rate as a bar of `w` cells, in eighths of a cell (ASCII: whole
/// cells of `#`), empty cells as dots: 100% fills it.
fn rate_bar(rate: Option<rust_decimal::Decimal>, w: usize, ascii: bool) -> String {
    use rust_decimal::prelude::ToPrimitive;
    let Some(r) = rate else {
        return " ".repeat(w);
    };
    // eighths, rounded half up: rate% of w × 8
    let eighths = (r * rust_decimal::Decimal::from(w * 8) / rust_decimal::Decimal::from(100))
        .round()
        .to_usize()
        .unwrap_or(0)
        .min(w * 8);
    let (full, part) = (eighths / 8, eighths % 8);
    let mut s = String::new();
    if ascii {
        s += &"#".repeat(full);
        if part >= 4 {
            s.push('#');
        }
    } else {
        s += &"█".repeat(full);
        if part > 0 {
            s.push([' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'][part]);
        }
    }
    let used = crate::text::width(&s);
    s + &(if ascii { "." } else { "·" }).repeat(w - used)
}

/// The key for `cmd` in the panel, for its title.
fn key(app: &App, cmd: Command) -> String {
    app.keymap
        .key_for(Mode::Tally, cmd)
        .map(|k| k.to_string())
        .unwrap_or_default()
}
