//! The tally: the bar under the list (its figures are built in
//! `layout::bar`, which the layout measures) and the panel by budget type
//! and department.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::App;
use crate::report;
use crate::text::width;
use crate::words::Say;
use crate::words::weigh::{CeilingWords, OVER_MARK};

pub fn draw_tally_bar(frame: &mut Frame, app: &App, area: Rect) {
    frame.render_widget(Paragraph::new(app.tally_bar().lines(area.width)), area);
}

pub fn draw_tally_panel(frame: &mut Frame, app: &App, area: Rect) {
    let th = app.theme;
    let l = app.lang;
    let block = Block::default()
        .borders(Borders::TOP)
        .title(l.t(
            " 分类汇总（万元） ",
            " Tally by budget and department (万元) ",
        ))
        .border_style(th.dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let t = &app.tally;
    let groups: Vec<&crate::domain::Figures> = t
        .by_budget_type
        .iter()
        .map(|(_, f)| f)
        .chain(t.by_department.iter().map(|(_, f)| f))
        .collect();
    let widths = report::figure_widths(&t.total, &groups, l);
    // The names get what the figures leave, so no figure is cut: the
    // pending count stays on an 80-column screen.
    let figures_w: usize = widths.cells.iter().map(|w| w + 1).sum();
    let name_w = (inner.width as usize).saturating_sub(figures_w).min(24);
    let mut lines = vec![Line::styled(
        report::figure_line("", &report::figure_heads(l), name_w, &widths),
        th.header(),
    )];
    let fits = app.ceiling.budget_fits(&app.tally);
    for (b, f) in &app.tally.by_budget_type {
        let mut line = report::figure_line(
            l.t(b.zh(), b.en()),
            &report::figure_cells(f),
            name_w,
            &widths,
        );
        if let Some((_, fit)) = fits.iter().find(|(x, _)| x == b) {
            line += &format!(
                "  {} {} {} {}",
                l.t("控制数", "ceiling"),
                fit.ceiling.wan_display(),
                l.t("尚需审减", "to cut"),
                fit.to_cut.wan_display()
            );
        }
        lines.push(Line::raw(line));
    }
    lines.push(Line::raw(""));
    // The departments scroll to keep the selected project's department in
    // view, marked, so moving through the list walks the panel too.
    let fixed = lines.len();
    let room = (inner.height as usize).saturating_sub(fixed).max(1);
    let current = app.selected_row().map(|r| r.department.as_str());
    let at = app
        .tally
        .by_department
        .iter()
        .position(|(d, _)| Some(d.as_str()) == current)
        .unwrap_or(0);
    let first = at.saturating_sub(room / 2);
    for (d, f) in app.tally.by_department.iter().skip(first).take(room) {
        let fit = app.ceiling.department_fit(d, f);
        // After its figures, a department's ceiling in full or short as
        // the room allows; with no room, a department over it is marked
        // before its name. Red while over, with a mark that shows without
        // colour too.
        let room = room_after(inner.width, figures_w + name_w);
        let cell = fit.and_then(|fit| {
            [CeilingWords::Cell(fit), CeilingWords::Short(fit)]
                .into_iter()
                .map(|w| w.say(l))
                .find(|c| width(c) + 2 <= room)
        });
        let over = fit.is_some_and(|fit| fit.is_over());
        let style = if over { th.error() } else { th.info() };
        let name = if over && cell.is_none() {
            format!("{OVER_MARK}{d}")
        } else {
            d.clone()
        };
        let base = report::figure_line(&name, &report::figure_cells(f), name_w, &widths);
        let mut spans = Vec::new();
        match cell {
            Some(c) => {
                spans.push(Span::raw(base));
                spans.push(Span::raw("  "));
                spans.push(Span::styled(c, style));
            }
            None if over => spans.push(Span::styled(base, style)),
            None => spans.push(Span::raw(base)),
        }
        let line = Line::from(spans);
        lines.push(if Some(d.as_str()) == current {
            line.style(th.header())
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The cells left on a line of `total` after `used`.
fn room_after(total: u16, used: usize) -> usize {
    (total as usize).saturating_sub(used)
}
