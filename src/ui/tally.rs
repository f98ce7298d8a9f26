//! The tally: the bar under the list (its figures are built in
//! `layout::bar`, which the layout measures) and the panel by budget type
//! and department.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::App;
use crate::report;

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
        let line = Line::raw(report::figure_line(
            d,
            &report::figure_cells(f),
            name_w,
            &widths,
        ));
        lines.push(if Some(d.as_str()) == current {
            line.style(th.header())
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
