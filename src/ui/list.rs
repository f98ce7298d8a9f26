//! The project list: a header, then a row a project with its amounts and
//! decision, the columns that fit the width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::{App, Column};
use crate::domain::Novelty;
use crate::domain::{Stage, State};
use crate::i18n::Lang;
use crate::layout::columns::{Widths, growth_text};
use crate::text::{clean, pad_left, pad_right, width};
use crate::words::board::kind_name;
use crate::words::list::ListLabel;
use crate::words::screen::{marks, revision_mark, state_label};

/// The list's columns that fit in `width`, with their widths: codes and
/// amounts as wide as their widest value (`widths`), the name taking what
/// is left. When the width runs short the name gives way and the least
/// needed columns go; a code or an amount is never cut.
fn columns(width: u16, lang: Lang, stage: Stage, widths: &Widths) -> Vec<(Column, u16)> {
    let head = |c: Column| crate::text::width(&header(c, lang, stage)) + 1;
    let fit = |c: Column, w: usize| w.max(head(c)) as u16;
    let mut cols = vec![
        (Column::Code, fit(Column::Code, widths.code)),
        (Column::Department, 12),
        (Column::Name, 0),
        (Column::Budget, 8),
        (
            Column::Requested,
            fit(Column::Requested, widths.requested.width()),
        ),
        (
            Column::Approved,
            fit(Column::Approved, widths.approved.width()),
        ),
        (Column::Cut, fit(Column::Cut, widths.cut.width())),
        (
            Column::State,
            match (stage.adjusts(), lang) {
                (false, Lang::Zh) => 6,
                (false, Lang::En) => 9,
                (true, Lang::Zh) => 12,
                (true, Lang::En) => 13,
            },
        ),
    ];
    // What reviewers weigh, where the meeting has it: new or continuing,
    // last year's rate, the growth of the request.
    if widths.novelty {
        cols.push((Column::Novelty, fit(Column::Novelty, 4)));
    }
    if widths.rate > 0 {
        cols.push((Column::Rate, fit(Column::Rate, widths.rate)));
    }
    if widths.growth > 0 {
        cols.push((Column::Growth, fit(Column::Growth, widths.growth)));
    }
    // A later stage approves nothing: its money is the adjustment's amount,
    // shown where the cut is.
    if stage.adjusts() {
        cols.retain(|c| c.0 != Column::Approved);
    }
    let marks = marks_width(lang) as i32;
    let w = width as i32;
    let fixed = |cols: &[(Column, u16)]| cols.iter().map(|c| c.1 as i32 + 1).sum::<i32>() + marks;
    // Drop the least needed columns until the name has at least 16 cells:
    // names before figures.
    for drop in [
        Column::Budget,
        Column::Growth,
        Column::Department,
        Column::Rate,
        Column::Novelty,
        Column::Approved,
    ] {
        if w - fixed(&cols) >= 16 {
            break;
        }
        cols.retain(|c| c.0 != drop);
    }
    let name = (w - fixed(&cols)).max(0) as u16;
    for c in &mut cols {
        if c.0 == Column::Name {
            c.1 = name;
        }
    }
    cols
}

/// A column's header: at a later stage the cut column holds the
/// adjustment's amount and the state its kind.
fn header(c: Column, l: Lang, stage: Stage) -> String {
    match c {
        Column::Cut if stage.adjusts() => ListLabel::Amount.word(l).to_string(),
        Column::State if stage.adjusts() => ListLabel::StageDecision.word(l).to_string(),
        _ => c.label(l).to_string(),
    }
}

/// New or continuing in a list cell: 新增 / 延续, new / cont.
fn novelty_cell(n: Novelty, l: Lang) -> &'static str {
    match (n, l) {
        (n, Lang::Zh) => n.zh(),
        (Novelty::New, Lang::En) => "new",
        (Novelty::Continuing, Lang::En) => "cont",
    }
}

/// The cells of the marks after the state: "调整 意见".
fn marks_width(l: Lang) -> usize {
    let [(a, _), (c, _)] = marks(l);
    width(a) + 1 + width(c)
}

pub fn draw_list(frame: &mut Frame, app: &App, area: Rect) {
    let th = app.theme;
    let l = app.lang;
    let stage = app.stage();
    let w = &app.widths;
    let cols = columns(area.width, l, stage, w);
    let [(adj_head, adj_mark), (com_head, com_mark)] = marks(l);
    let mut lines: Vec<Line> = Vec::with_capacity(area.height as usize);
    // header
    let mut head = String::new();
    for (c, w) in &cols {
        let mut label = header(*c, l, stage);
        if let Some((sc, desc)) = app.sort
            && sc == *c
        {
            label += if desc { "↓" } else { "↑" };
        }
        let cell = if matches!(
            c,
            Column::Requested | Column::Approved | Column::Cut | Column::Rate | Column::Growth
        ) {
            pad_left(&label, *w as usize)
        } else {
            pad_right(&label, *w as usize)
        };
        head += &cell;
        head.push(' ');
    }
    head += &format!("{adj_head} {com_head}");
    lines.push(Line::styled(
        pad_right(&head, area.width as usize),
        th.header(),
    ));
    let rows = area.height.saturating_sub(1) as usize;
    for (vi, ri) in app.view.iter().enumerate().skip(app.offset).take(rows) {
        let r = &app.rows[ri];
        let d = &r.decision;
        let mut spans: Vec<Span> = Vec::with_capacity(cols.len() * 2 + 2);
        for (c, cw) in &cols {
            let width = *cw as usize;
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
                    r.section.as_deref().unwrap_or_default().to_string(),
                    false,
                    Style::default(),
                ),
                Column::Requested => (
                    w.requested.cell(&r.requested.wan_display(), width),
                    true,
                    Style::default(),
                ),
                Column::Approved => (
                    w.approved.cell(
                        &if d.state.is_decided() {
                            d.approved.wan_display()
                        } else {
                            "—".into()
                        },
                        width,
                    ),
                    true,
                    Style::default(),
                ),
                Column::Cut if stage.adjusts() => (
                    d.stage
                        .as_ref()
                        .map(|a| w.cut.cell(&a.amount.wan_display(), width))
                        .unwrap_or_default(),
                    true,
                    th.state(d.state),
                ),
                Column::State if stage.adjusts() => (
                    match &d.stage {
                        Some(a) => kind_name(stage, a.kind, l).to_string(),
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
                            w.cut.cell(&cut.wan_display(), width)
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
                Column::Novelty => (
                    r.novelty
                        .map(|n| novelty_cell(n, l).to_string())
                        .unwrap_or_default(),
                    false,
                    Style::default(),
                ),
                Column::Rate => (
                    r.last_rate().map(|p| p.text()).unwrap_or_default(),
                    true,
                    Style::default(),
                ),
                Column::Growth => (
                    r.growth().map(growth_text).unwrap_or_default(),
                    true,
                    Style::default(),
                ),
            };
            let cell = if right {
                pad_left(&text, width)
            } else {
                pad_right(&text, width)
            };
            spans.push(Span::styled(cell, style));
            spans.push(Span::raw(" "));
        }
        let adj = match d.adjust.as_deref() {
            Some(a) if a.revision == crate::domain::Revision::Waiting => adj_mark,
            Some(a) => revision_mark(a.revision, l),
            None => "",
        };
        spans.push(Span::styled(
            pad_right(adj, width(adj_head)),
            th.state(State::Cut),
        ));
        spans.push(Span::raw(" "));
        let com = if r.comments > 0 { com_mark } else { "" };
        spans.push(Span::raw(pad_right(com, width(com_head))));
        let mut line = Line::from(spans);
        if vi == app.selected {
            line = line.style(th.selected());
        }
        lines.push(line);
    }
    if app.view.is_empty() {
        lines.push(Line::styled(ListLabel::NoMatch.word(l), th.dim()));
    }
    // A line a row, each drawn as it is: a paragraph would lay the list
    // out for wrapping first, which it never needs.
    for (y, line) in (area.y..area.bottom()).zip(lines) {
        frame.render_widget(
            line,
            Rect {
                y,
                height: 1,
                ..area
            },
        );
    }
}
