//! The project list: a header, then a row a project with its amounts and
//! decision, the columns that fit the width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, Column};
use crate::domain::State;
use crate::i18n::Lang;
use crate::text::{clean, pad_left, pad_right, width};
use crate::words::screen::state_label;

/// Cells kept at the end of a row for the adjusted and comment marks.
const MARKS: i32 = 5;

/// The list's columns that fit in `width`, with their widths; the name
/// column takes what is left.
fn columns(width: u16, lang: Lang) -> Vec<(Column, u16)> {
    let w = width as i32;
    let mut cols = vec![
        (Column::Code, 13),
        (Column::Department, 12),
        (Column::Name, 0),
        (Column::Budget, 8),
        (Column::Requested, 12),
        (Column::Approved, 12),
        (Column::Cut, 11),
        (Column::State, if lang == Lang::En { 9 } else { 6 }),
    ];
    // Drop the least needed columns until the name has at least 16 cells.
    for drop in [Column::Budget, Column::Approved, Column::Department] {
        let fixed: i32 = cols.iter().map(|c| c.1 as i32 + 1).sum::<i32>() + MARKS;
        if w - fixed >= 16 {
            break;
        }
        cols.retain(|c| c.0 != drop);
    }
    let fixed: i32 = cols.iter().map(|c| c.1 as i32 + 1).sum::<i32>() + MARKS;
    let name = (w - fixed).max(4) as u16;
    for c in &mut cols {
        if c.0 == Column::Name {
            c.1 = name;
        }
    }
    cols
}

pub fn draw_list(frame: &mut Frame, app: &App, area: Rect) {
    let th = app.theme;
    let l = app.lang;
    let stage = app.stage();
    let mut cols = columns(area.width, l);
    // A later stage approves nothing: its money is the adjustment's amount,
    // shown where the cut is, and its decision is the adjustment's kind.
    if stage.adjusts() {
        if let Some(i) = cols.iter().position(|c| c.0 == Column::Approved) {
            let w = cols.remove(i).1;
            if let Some(n) = cols.iter_mut().find(|c| c.0 == Column::Name) {
                n.1 += w + 1;
            }
        }
        if let Some(c) = cols.iter_mut().find(|c| c.0 == Column::State) {
            c.1 = c.1.max(if l == Lang::En { 13 } else { 12 });
        }
        if let Some(n) = cols.iter_mut().find(|c| c.0 == Column::Name) {
            n.1 = n.1.saturating_sub(6).max(4);
        }
    }
    let mut lines: Vec<Line> = Vec::with_capacity(area.height as usize);
    // header
    let mut head = String::new();
    for (c, w) in &cols {
        let mut label = match c {
            Column::Cut if stage.adjusts() => l.t("调整金额", "amount").to_string(),
            Column::State if stage.adjusts() => l.t("决定", "decision").to_string(),
            _ => c.label(l).to_string(),
        };
        if let Some((sc, desc)) = app.sort
            && sc == *c
        {
            label += if desc { "↓" } else { "↑" };
        }
        let cell = if matches!(c, Column::Requested | Column::Approved | Column::Cut) {
            pad_left(&label, *w as usize)
        } else {
            pad_right(&label, *w as usize)
        };
        head += &cell;
        head.push(' ');
    }
    head += l.t("调意", "AC");
    lines.push(Line::styled(
        pad_right(&head, area.width as usize),
        th.header(),
    ));
    let rows = area.height.saturating_sub(1) as usize;
    for (vi, &ri) in app.view.iter().enumerate().skip(app.offset).take(rows) {
        let r = &app.rows[ri];
        let d = &r.decision;
        let mut spans: Vec<Span> = Vec::with_capacity(cols.len() * 2 + 2);
        for (c, w) in &cols {
            let w = *w as usize;
            let (text, right, style) = match c {
                Column::Code => (clean(&r.code).to_string(), false, Style::default()),
                Column::Department => (clean(&r.department).to_string(), false, Style::default()),
                Column::Name => (clean(&r.name).to_string(), false, Style::default()),
                Column::Budget => (
                    l.t(r.budget_type.zh_short(), r.budget_type.code())
                        .to_string(),
                    false,
                    Style::default(),
                ),
                Column::Section => (
                    r.section.clone().unwrap_or_default(),
                    false,
                    Style::default(),
                ),
                Column::Requested => (r.requested.wan_display(), true, Style::default()),
                Column::Approved => (
                    if d.state.is_decided() {
                        d.approved.wan_display()
                    } else {
                        "—".into()
                    },
                    true,
                    Style::default(),
                ),
                Column::Cut if stage.adjusts() => (
                    d.stage
                        .as_ref()
                        .map(|a| a.amount.wan_display())
                        .unwrap_or_default(),
                    true,
                    th.state(d.state),
                ),
                Column::State if stage.adjusts() => (
                    match &d.stage {
                        Some(a) => l.t(stage.kind_zh(a.kind), a.kind.en()).to_string(),
                        None => state_label(d.state, l).to_string(),
                    },
                    false,
                    th.state(d.state),
                ),
                Column::Cut => {
                    let cut = d.cut(r.requested);
                    (
                        if cut.is_zero() {
                            String::new()
                        } else {
                            cut.wan_display()
                        },
                        true,
                        th.state(d.state),
                    )
                }
                Column::State => (
                    state_label(d.state, l).to_string(),
                    false,
                    th.state(d.state),
                ),
            };
            let cell = if right {
                pad_left(&text, w)
            } else {
                pad_right(&text, w)
            };
            spans.push(Span::styled(cell, style));
            spans.push(Span::raw(" "));
        }
        let adj = if d.adjust.is_some() {
            l.t("调", "A")
        } else {
            ""
        };
        spans.push(Span::styled(
            pad_right(adj, width(l.t("调", "A"))),
            th.state(State::Cut),
        ));
        let com = if r.comments > 0 { l.t("意", "C") } else { "" };
        spans.push(Span::raw(pad_right(com, width(l.t("意", "C")))));
        let mut line = Line::from(spans);
        if vi == app.selected {
            line = line.style(th.selected());
        }
        lines.push(line);
    }
    if app.view.is_empty() {
        lines.push(Line::styled(
            l.t("  （没有符合条件的项目）", "  (no project matches)"),
            th.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
