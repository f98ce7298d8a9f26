//! Views: pure functions of the app state onto a frame.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use crate::app::dialog::{Overlay, SORT_COLUMNS, StageField, StageForm, history_shown};
use crate::app::{App, Column, Level, short_time};
use crate::domain::{Kind, Stage, State};
use crate::event_words::EventWords;
use crate::i18n::Lang;
use crate::keymap::{Command, Mode};
use crate::layout::{self, Areas};
use crate::report;
use crate::text::{clean, pad_left, pad_right, truncate, width, wrap};

pub use crate::layout::{MIN_HEIGHT, MIN_WIDTH};
pub use crate::theme::Theme;

fn areas(app: &App, full: Rect) -> Areas {
    layout::areas(full, &app.shape(full.width))
}

pub fn draw(frame: &mut Frame, app: &App) {
    let full = frame.area();
    if full.width < MIN_WIDTH || full.height < MIN_HEIGHT {
        let msg = match app.lang {
            Lang::Zh => format!(
                "终端太小：需要至少 {MIN_WIDTH}×{MIN_HEIGHT}，当前 {}×{}。请放大窗口。",
                full.width, full.height
            ),
            Lang::En => format!(
                "Terminal too small: need at least {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}. Please enlarge the window.",
                full.width, full.height
            ),
        };
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), full);
        return;
    }
    let a = areas(app, full);
    draw_title(frame, app, a.title);
    let list_area = if app.show_tally {
        let (l, t) = layout::tally_split(a.list);
        draw_tally_panel(frame, app, t);
        l
    } else {
        a.list
    };
    if list_area.height > 0 {
        draw_list(frame, app, list_area);
    }
    if let Some(d) = a.detail {
        draw_detail(frame, app, d);
    }
    draw_tally_bar(frame, app, a.tally);
    draw_status(frame, app, a.status);
    draw_overlay(frame, app, full);
}

fn draw_title(frame: &mut Frame, app: &App, area: Rect) {
    let l = app.lang;
    let file = app
        .store
        .path()
        .file_name()
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut head = format!(" {} ", l.t("会审", "huishen"));
    // The target review is the default and says nothing more.
    if let Some(st) = crate::domain::Stage::parse(&app.meeting.stage)
        .filter(|s| *s != crate::domain::Stage::TargetReview)
    {
        head += &format!("· {} ", l.t(st.zh(), st.en()));
    }
    let mut tail = format!(
        "· {} · {} {}",
        clean(&file),
        l.t("评审人", "reviewer"),
        clean(&app.actor.name)
    );
    if let Some(why) = &app.read_only {
        tail += &format!(" · {why}");
    }
    // Who reads and why they cannot write matter more than the meeting's
    // title, which everyone knows: on a narrow terminal the title gives way.
    let title = clean(&app.meeting.title);
    let room = usize::from(area.width).saturating_sub(width(&head) + width(&tail) + 3);
    let title = if title.is_empty() || room < 6 {
        String::new()
    } else {
        format!("· {} ", truncate(&title, room))
    };
    let text = format!("{head}{title}{tail}");
    frame.render_widget(
        Paragraph::new(pad_right(&text, area.width as usize)).style(app.theme.title()),
        area,
    );
}

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

fn state_label(state: State, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => state.zh(),
        Lang::En => state.en(),
    }
}

fn draw_list(frame: &mut Frame, app: &App, area: Rect) {
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

fn draw_detail(frame: &mut Frame, app: &App, area: Rect) {
    let th = app.theme;
    let l = app.lang;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(l.t(" 项目详情 ", " Project "))
        .border_style(if app.detail_focus {
            th.header()
        } else {
            th.dim()
        });
    let inner = block.inner(area);
    clear_over(frame, area);
    frame.render_widget(block, area);
    let Some(r) = app.selected_row() else {
        return;
    };
    let d = &r.decision;
    let mut t: Vec<Line> = Vec::new();
    let kv = |k: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("{k}{}", l.t("：", ": ")), th.dim()),
            Span::raw(v),
        ])
    };
    t.push(Line::styled(
        format!("{} {}", clean(&r.code), clean(&r.name)),
        th.header(),
    ));
    t.push(kv(l.t("部门", "Department"), clean(&r.department).into()));
    t.push(kv(
        l.t("预算类型", "Budget"),
        l.t(r.budget_type.zh(), r.budget_type.en()).into(),
    ));
    if let Some(s) = &r.section {
        t.push(kv(l.t("业务股室", "Section"), clean(s).into()));
    }
    t.push(kv(
        l.t("申报金额", "Requested"),
        format!("{} 万元", r.requested.wan_display()),
    ));
    let mut state = Line::from(vec![
        Span::styled(l.t("审核结果：", "Decision: "), th.dim()),
        Span::styled(
            state_label(d.state, l),
            th.state(d.state).add_modifier(Modifier::BOLD),
        ),
    ]);
    if d.state.is_decided() {
        state.spans.push(Span::raw(format!(
            "  {} {} · {} {}",
            l.t("审定", "approved"),
            d.approved.wan_display(),
            l.t("审减", "cut"),
            d.cut(r.requested).wan_display()
        )));
    }
    if let Some(a) = &d.stage {
        let stage = app.stage();
        let mut text = format!(
            "{} {} 万元",
            l.t(stage.kind_zh(a.kind), a.kind.en()),
            a.amount.wan_display()
        );
        if let Some(m) = &a.merged_into {
            text += &format!(" · {} {}", l.t("合并至", "merged into"), clean(m));
        }
        state = Line::from(vec![
            Span::styled(
                format!("{}{}", l.t(stage.zh(), stage.en()), l.t("：", ": ")),
                th.dim(),
            ),
            Span::styled(text, th.state(d.state).add_modifier(Modifier::BOLD)),
        ]);
    }
    t.push(state);
    if let Some(a) = &d.adjust {
        let which = if a.indicators.is_empty() {
            l.t("全部", "all").to_string()
        } else {
            a.indicators
                .iter()
                .map(|n| format!("#{n}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        t.push(Line::from(vec![
            Span::styled(
                l.t("调整绩效目标：", "Adjust targets: ").to_string(),
                th.state(State::Cut),
            ),
            Span::raw(format!("{which} — {}", clean(&a.reason))),
        ]));
    }
    t.push(Line::raw(""));
    t.push(Line::styled(
        l.t("绩效指标", "Performance indicators"),
        th.header(),
    ));
    for i in &app.detail.indicators {
        let flagged = d
            .adjust
            .as_ref()
            .is_some_and(|a| a.indicators.contains(&i.seq));
        let style = if flagged {
            th.state(State::Cut)
        } else {
            Style::default()
        };
        t.push(Line::styled(
            format!(
                "{}{:>2}. {} / {} / {}",
                if flagged { "*" } else { " " },
                i.seq,
                clean(&i.level1),
                clean(&i.level2),
                clean(&i.indicator),
            ),
            style,
        ));
        // The value on a line of its own, indented under its name, so a
        // narrow pane does not wrap it to the margin.
        if !i.target.is_empty() || !i.unit.is_empty() {
            t.push(Line::styled(
                format!("     {}{}", clean(&i.target), clean(&i.unit)),
                style,
            ));
        }
    }
    t.push(Line::raw(""));
    t.push(Line::styled(
        match l {
            Lang::Zh => format!("审核意见（{}）", app.detail.comments.len()),
            Lang::En => format!("Comments ({})", app.detail.comments.len()),
        },
        th.header(),
    ));
    for c in &app.detail.comments {
        t.push(Line::styled(
            format!("{} {}", short_time(&c.at), clean(&c.author)),
            th.dim(),
        ));
        // Wrapped here, not by the paragraph, so every line of the comment
        // keeps its indent under the author.
        for line in c.body.lines() {
            for part in wrap(&clean(line), (inner.width as usize).saturating_sub(3)) {
                t.push(Line::raw(format!("  {part}")));
            }
        }
    }
    t.push(Line::raw(""));
    t.push(Line::styled(l.t("决定记录", "History"), th.header()));
    let stage = app.stage();
    for e in &app.detail.history {
        t.push(Line::styled(
            format!(
                "{} {} {}",
                short_time(&e.at),
                clean(&e.reviewer),
                // The pane wraps: nothing to cut.
                event_text(e, false, Some(r.requested), stage, l, usize::MAX)
            ),
            th.dim(),
        ));
    }
    // One cell kept free on the right: a double-width character wrapped at
    // the edge would otherwise be drawn over the border.
    let text_area = Rect {
        width: inner.width.saturating_sub(1),
        ..inner
    };
    frame.render_widget(
        Paragraph::new(Text::from(t))
            .wrap(Wrap { trim: false })
            .scroll((app.detail_scroll, 0)),
        text_area,
    );
}

/// What an event did, after its time and reviewer, in at most `max` cells
/// (cut with `…`), in the words the log and the workbook use
/// ([`EventWords`]): the project only where it is not already on screen,
/// the decision made but not the one before it. The words are cleaned.
fn event_text(
    e: &crate::store::EventRow,
    show_project: bool,
    requested: Option<crate::domain::Money>,
    stage: Stage,
    l: Lang,
    max: usize,
) -> String {
    let mut w = EventWords::without_old(e, requested, stage, l);
    if !show_project {
        w.project = None;
    }
    truncate(&w.line(), max)
}

fn draw_tally_bar(frame: &mut Frame, app: &App, area: Rect) {
    frame.render_widget(Paragraph::new(app.tally_bar().lines(area.width)), area);
}

fn draw_tally_panel(frame: &mut Frame, app: &App, area: Rect) {
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
    let widths = report::figure_widths(&app.tally.total, l);
    // The names get what the figures leave, so the pending count stays on
    // an 80-column screen.
    let figures_w: usize = widths.iter().map(|w| w + 1).sum();
    let name_w = (inner.width as usize)
        .saturating_sub(figures_w)
        .clamp(8, 24);
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

/// Short hints for the status line, generated from the keymap in force.
fn hints(app: &App) -> String {
    let mode = app.mode();
    let stage = app.stage();
    let cmds: &[Command] = match mode {
        Mode::Input if matches!(app.overlay, crate::app::dialog::Overlay::Adjust(_)) => &[
            Command::Toggle,
            Command::Confirm,
            Command::Back,
            Command::NextField,
        ],
        Mode::Input => &[Command::Confirm, Command::Back, Command::NextField],
        Mode::Detail => &[Command::Back, Command::Up, Command::Down, Command::Help],
        // Later stages decide through the stage form; approve keeps
        // (post-evaluation only) and adjusting targets is not theirs.
        _ if stage == Stage::Monitoring => &[
            Command::Cut,
            Command::Cancel,
            Command::Comment,
            Command::Search,
            Command::NextPending,
            Command::Help,
            Command::Quit,
        ],
        _ if stage == Stage::PostEvaluation => &[
            Command::Cut,
            Command::Approve,
            Command::Cancel,
            Command::Comment,
            Command::Search,
            Command::NextPending,
            Command::Help,
            Command::Quit,
        ],
        _ => &[
            Command::Approve,
            Command::Cut,
            Command::Cancel,
            Command::Adjust,
            Command::Comment,
            Command::Search,
            Command::NextPending,
            Command::Help,
            Command::Quit,
        ],
    };
    cmds.iter()
        .filter_map(|&c| {
            let k = app.keymap.key_for(mode, c)?;
            let (zh, en) = c.describe_at(stage);
            let d = app.lang.t(zh, en);
            let d = d.split(['（', '(', ',', '，']).next().unwrap_or(d).trim();
            Some(format!("{k} {d}"))
        })
        .collect::<Vec<_>>()
        .join("  ")
}

fn draw_status(frame: &mut Frame, app: &App, area: Rect) {
    let th = app.theme;
    let l = app.lang;
    if let Some(field) = &app.searching {
        let label = l.t("搜索：", "search: ");
        let lw = width(label) as u16;
        frame.render_widget(Paragraph::new(label), area);
        // How many match so far, at the right, as the query is typed.
        let count = format!(" {}/{}", app.view.len(), app.rows.len());
        let cw = (width(&count) as u16).min(area.width.saturating_sub(lw));
        frame.render_widget(
            Paragraph::new(Span::styled(count, th.dim())),
            Rect {
                x: area.right() - cw,
                width: cw,
                ..area
            },
        );
        let fa = Rect {
            x: area.x + lw,
            width: area.width.saturating_sub(lw + cw),
            ..area
        };
        draw_field(frame, field, fa, true);
        return;
    }
    let (lines, style) = status_lines(app, area.width);
    frame.render_widget(Paragraph::new(lines.join("\n")).style(style), area);
}

/// The status line's text, in lines of `width`: the hints on one line (cut
/// where they end), a message wrapped over as many as it needs (up to
/// three), so a refusal's who, what and when reach an 80-column terminal.
fn status_lines(app: &App, width: u16) -> (Vec<String>, Style) {
    let th = app.theme;
    let width = usize::from(width);
    if app.searching.is_some() {
        return (vec![String::new()], Style::default());
    }
    let left = app.status_prefix();
    match &app.message {
        Some(m) => (
            layout::message_lines(&format!("{left}{}", m.text), width),
            if m.level == Level::Error {
                th.error()
            } else {
                th.info()
            },
        ),
        None => (
            vec![truncate(&clean(&format!("{left}{}", hints(app))), width)],
            th.dim(),
        ),
    }
}

/// Draws a text field and, when it has focus, puts the terminal's own cursor
/// at the editing position so an input method composes in the right place.
fn draw_field(frame: &mut Frame, field: &TextArea<'_>, area: Rect, focus: bool) {
    frame.render_widget(field, area);
    if focus {
        let sc = field.screen_cursor();
        let (top, left) = field.scroll_offset();
        let x = area.x + (sc.col as u16).saturating_sub(left);
        let y = area.y + (sc.row as u16).saturating_sub(top);
        if x < area.right() && y < area.bottom() {
            frame.set_cursor_position(Position { x, y });
        }
    }
}

fn dialog(frame: &mut Frame, app: &App, full: Rect, w: u16, h: u16, title: &str) -> Rect {
    let area = layout::centered(full, w, h);
    clear_over(frame, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .border_style(app.theme.header());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// Clears `area` for a popup drawn over the list. A double-width character
/// just left of it would have its right half under the popup's border: the
/// terminal would draw the character and drop the border, so it becomes a
/// blank.
fn clear_over(frame: &mut Frame, area: Rect) {
    if area.x > 0 {
        let buf = frame.buffer_mut();
        for y in area.top()..area.bottom() {
            if let Some(cell) = buf.cell_mut((area.x - 1, y))
                && unicode_width::UnicodeWidthStr::width(cell.symbol()) > 1
            {
                cell.set_symbol(" ");
            }
        }
    }
    frame.render_widget(Clear, area);
}

fn target_line(t: &crate::app::dialog::Target, l: Lang) -> String {
    format!(
        "{} {} · {} {} 万元",
        clean(&t.code),
        clean(&t.name),
        l.t("申报", "requested"),
        t.requested.wan_display()
    )
}

fn error_line(app: &App, e: &Option<String>) -> Line<'static> {
    match e {
        Some(e) => Line::styled(format!("✗ {e}"), app.theme.error()),
        None => Line::raw(""),
    }
}

fn draw_overlay(frame: &mut Frame, app: &App, full: Rect) {
    let l = app.lang;
    let th = app.theme;
    let hint = |cmds: &[(Command, &str, &str)]| -> String {
        cmds.iter()
            .filter_map(|(c, zh, en)| {
                app.keymap
                    .key_for(Mode::Input, *c)
                    .map(|k| format!("{k} {}", l.t(zh, en)))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => draw_help(frame, app, full, *scroll),
        Overlay::History {
            scroll,
            events,
            reviewer,
        } => draw_history(frame, app, full, *scroll, events, reviewer.as_deref()),
        Overlay::Cut(f) => {
            let inner = dialog(frame, app, full, 72, 12, l.t("审减", "Cut"));
            let rows = Layout::vertical([
                Constraint::Length(1),
                Constraint::Length(1),
                Constraint::Length(1),
                Constraint::Length(1),
                Constraint::Length(1),
                Constraint::Length(3),
                Constraint::Length(1),
            ])
            .split(inner);
            frame.render_widget(Paragraph::new(target_line(&f.target, l)), rows[0]);
            let label = l.t(
                "审定金额或审减（80 / -20 / -15%）：",
                "approved, or cut (80 / -20 / -15%): ",
            );
            let lw = width(label) as u16;
            frame.render_widget(Paragraph::new(label), rows[1]);
            let fa = Rect {
                x: rows[1].x + lw,
                width: rows[1].width.saturating_sub(lw),
                ..rows[1]
            };
            draw_field(frame, &f.amount, fa, f.focus == 0);
            let preview = match app.cut_preview(f) {
                Ok(p) => Line::from(vec![
                    Span::raw(format!("→ {} ", l.t("审定", "approved"))),
                    Span::styled(p.approved.wan_display(), th.figure()),
                    Span::raw(format!("  {} ", l.t("审减", "cut"))),
                    Span::styled(p.cut.wan_display(), th.state(State::Cut)),
                    Span::raw(format!(
                        " ({})  {} {}",
                        p.rate.map(|r| format!("{r}%")).unwrap_or_default(),
                        l.t("总审减率", "overall rate"),
                        p.overall_rate
                            .map(|r| format!("{r}%"))
                            .unwrap_or_else(|| "—".into())
                    )),
                ]),
                // The same reason is on the error line below once Enter was pressed.
                Err(e) if e.is_empty() || f.error.is_some() => Line::raw(""),
                Err(e) => Line::styled(format!("✗ {e}"), th.error()),
            };
            frame.render_widget(Paragraph::new(preview), rows[2]);
            frame.render_widget(Paragraph::new(error_line(app, &f.error)), rows[3]);
            frame.render_widget(
                Paragraph::new(l.t("审核意见（可选）：", "comment (optional): ")),
                rows[4],
            );
            draw_field(frame, &f.comment, rows[5], f.focus == 1);
            frame.render_widget(
                Paragraph::new(hint(&[
                    (Command::Confirm, "保存", "save"),
                    (Command::NextField, "切换", "switch field"),
                    (Command::Back, "放弃", "abandon"),
                ]))
                .style(th.dim()),
                rows[6],
            );
        }
        Overlay::Stage(f) => draw_stage_form(frame, app, full, f),
        Overlay::Cancel(f) => {
            let inner = dialog(
                frame,
                app,
                full,
                72,
                10,
                l.t("取消项目立项", "Cancel project"),
            );
            let rows = Layout::vertical([
                Constraint::Length(1),
                Constraint::Length(1),
                Constraint::Length(1),
                Constraint::Length(1),
                Constraint::Length(3),
                Constraint::Length(1),
            ])
            .split(inner);
            frame.render_widget(Paragraph::new(target_line(&f.target, l)), rows[0]);
            frame.render_widget(
                Paragraph::new(match l {
                    Lang::Zh => format!(
                        "确认取消？全部 {} 万元计入审减。",
                        f.target.requested.wan_display()
                    ),
                    Lang::En => format!(
                        "Cancel it? All {} 万元 count as cut.",
                        f.target.requested.wan_display()
                    ),
                })
                .style(th.state(State::Cancelled)),
                rows[1],
            );
            frame.render_widget(Paragraph::new(error_line(app, &f.error)), rows[2]);
            frame.render_widget(
                Paragraph::new(l.t("理由（可选）：", "reason (optional):")),
                rows[3],
            );
            draw_field(frame, &f.comment, rows[4], true);
            frame.render_widget(
                Paragraph::new(hint(&[
                    (Command::Confirm, "确认取消", "confirm"),
                    (Command::Back, "返回", "back"),
                ]))
                .style(th.dim()),
                rows[5],
            );
        }
        Overlay::Adjust(f) => {
            let h = (f.indicators.len() as u16 + 9).min(full.height);
            let inner = dialog(
                frame,
                app,
                full,
                76,
                h,
                l.t("调整绩效目标", "Adjust targets"),
            );
            let n = f.indicators.len() as u16;
            let rows = Layout::vertical([
                Constraint::Length(1),
                Constraint::Length(1),
                Constraint::Length(n.max(1)),
                Constraint::Length(1),
                Constraint::Length(2),
                Constraint::Length(1),
                Constraint::Length(1),
            ])
            .split(inner);
            frame.render_widget(Paragraph::new(target_line(&f.target, l)), rows[0]);
            frame.render_widget(
                Paragraph::new(l.t(
                    "选择需调整的指标（空格选中）：",
                    "indicators to revise (space ticks):",
                )),
                rows[1],
            );
            let items: Vec<Line> = f
                .indicators
                .iter()
                .enumerate()
                .map(|(i, (n, text, on))| {
                    let line = Line::raw(truncate(
                        &format!("[{}] {n}. {}", if *on { "x" } else { " " }, clean(text)),
                        rows[2].width as usize,
                    ));
                    if f.focus == 0 && i == f.cursor {
                        line.style(th.selected())
                    } else {
                        line
                    }
                })
                .collect();
            frame.render_widget(Paragraph::new(items), rows[2]);
            frame.render_widget(Paragraph::new(l.t("理由：", "reason:")), rows[3]);
            draw_field(frame, &f.reason, rows[4], f.focus == 1);
            frame.render_widget(Paragraph::new(error_line(app, &f.error)), rows[5]);
            frame.render_widget(
                Paragraph::new(hint(&[
                    (Command::Confirm, "保存", "save"),
                    (Command::NextField, "切换", "switch field"),
                    (Command::Back, "放弃", "abandon"),
                ]))
                .style(th.dim()),
                rows[6],
            );
        }
        Overlay::Comment(f) => {
            let inner = dialog(frame, app, full, 72, 12, l.t("审核意见", "Review comment"));
            let rows = Layout::vertical([
                Constraint::Length(1),
                Constraint::Min(3),
                Constraint::Length(1),
                Constraint::Length(1),
            ])
            .split(inner);
            frame.render_widget(Paragraph::new(target_line(&f.target, l)), rows[0]);
            draw_field(frame, &f.body, rows[1], true);
            frame.render_widget(Paragraph::new(error_line(app, &f.error)), rows[2]);
            frame.render_widget(
                Paragraph::new(hint(&[
                    (Command::Confirm, "保存", "save"),
                    (Command::Newline, "换行", "new line"),
                    (Command::Back, "放弃", "abandon"),
                ]))
                .style(th.dim()),
                rows[3],
            );
        }
        Overlay::Filter(f) => {
            let inner = dialog(frame, app, full, 60, 8, l.t("筛选", "Filter"));
            let all = l.t("全部", "all").to_string();
            let values = [
                (
                    l.t("状态", "state"),
                    f.state.map(|s| state_label(s, l).to_string()),
                ),
                (l.t("部门", "department"), f.department.clone()),
                (
                    l.t("预算类型", "budget"),
                    f.budget.map(|b| l.t(b.zh(), b.en()).to_string()),
                ),
                (l.t("业务股室", "section"), f.section.clone()),
            ];
            let mut lines: Vec<Line> = values
                .into_iter()
                .enumerate()
                .map(|(i, (k, v))| {
                    let line = Line::raw(format!(
                        "{}  ‹ {} ›",
                        pad_right(k, 10),
                        clean(&v.unwrap_or(all.clone()))
                    ));
                    if i == f.field {
                        line.style(th.selected())
                    } else {
                        line
                    }
                })
                .collect();
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                l.t(
                    "←/→ 选择 · ↑/↓ 切换 · Enter 应用 · Esc 放弃",
                    "←/→ choose · ↑/↓ field · Enter apply · Esc abandon",
                ),
                th.dim(),
            ));
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Overlay::Sort(f) => {
            let inner = dialog(
                frame,
                app,
                full,
                40,
                SORT_COLUMNS.len() as u16 + 4,
                l.t("排序", "Sort by"),
            );
            let mut lines: Vec<Line> = SORT_COLUMNS
                .iter()
                .map(|c| {
                    let mark = match app.sort {
                        Some((sc, d)) if sc == *c => {
                            if d {
                                " ↓"
                            } else {
                                " ↑"
                            }
                        }
                        _ => "",
                    };
                    format!("{}{mark}", c.label(l))
                })
                .chain(std::iter::once(
                    l.t("提交顺序", "submission order").to_string(),
                ))
                .enumerate()
                .map(|(i, s)| {
                    let line = Line::raw(s);
                    if i == f.cursor {
                        line.style(th.selected())
                    } else {
                        line
                    }
                })
                .collect();
            lines.push(Line::styled(
                l.t("Enter 排序，再按一次倒序", "Enter sorts; again reverses"),
                th.dim(),
            ));
            frame.render_widget(Paragraph::new(lines), inner);
        }
    }
}

/// Help, generated from the keymap in force.
fn draw_help(frame: &mut Frame, app: &App, full: Rect, scroll: usize) {
    let l = app.lang;
    let th = app.theme;
    let w = full.width.saturating_sub(4).min(90);
    let inner = dialog(
        frame,
        app,
        full,
        w,
        full.height.saturating_sub(2),
        l.t("帮助 — 按键", "Help — keys"),
    );
    let mut lines = Vec::new();
    for mode in Mode::ALL {
        let bindings = app.keymap.bindings(mode);
        if bindings.is_empty() {
            continue;
        }
        let title = match mode {
            Mode::Global => l.t("全局", "everywhere"),
            Mode::List => l.t("项目列表", "project list"),
            Mode::Detail => l.t("详情", "detail"),
            Mode::Input => l.t("输入", "input"),
        };
        lines.push(Line::styled(
            format!("[{}] {title}", mode.name()),
            th.header(),
        ));
        for (cmd, keys) in bindings {
            if keys.is_empty() {
                continue;
            }
            let ks = keys
                .iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let (zh, en) = cmd.describe_at(app.stage());
            lines.push(Line::raw(format!(
                "  {}  {}",
                pad_right(&ks, 22),
                l.t(zh, en)
            )));
        }
        lines.push(Line::raw(""));
    }
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

fn draw_history(
    frame: &mut Frame,
    app: &App,
    full: Rect,
    scroll: usize,
    events: &[crate::store::EventRow],
    reviewer: Option<&str>,
) {
    let l = app.lang;
    let filter_key = app
        .keymap
        .key_for(Mode::Detail, Command::Filter)
        .map(|k| k.to_string())
        .unwrap_or_default();
    let title = format!(
        "{} — {} {} ({filter_key} {})",
        l.t("会审日志", "Meeting history"),
        l.t("评审人", "reviewer"),
        clean(reviewer.unwrap_or(l.t("全部", "all"))),
        l.t("切换", "switch")
    );
    let inner = dialog(
        frame,
        app,
        full,
        full.width.saturating_sub(4),
        full.height.saturating_sub(2),
        &title,
    );
    // Only the lines in view are worded: a long meeting logs an event for
    // every decision and comment.
    let lines: Vec<Line> = history_shown(events, reviewer)
        .skip(scroll)
        .take(usize::from(inner.height))
        .map(|e| {
            let head = format!(
                "{} {} ({}) ",
                short_time(&e.at),
                clean(&e.reviewer),
                clean(&e.os_user)
            );
            let room = usize::from(inner.width).saturating_sub(width(&head));
            let what = event_text(e, true, None, app.stage(), l, room);
            Line::raw(head + &what)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The later stages' decision form: the kinds on one row, the amount, the
/// project merged into (merge only), a live preview and a comment.
fn draw_stage_form(frame: &mut Frame, app: &App, full: Rect, f: &StageForm) {
    let l = app.lang;
    let th = app.theme;
    let title = format!(
        "{}{}",
        l.t(f.stage.zh(), f.stage.en()),
        l.t("决定", ": decide")
    );
    let inner = dialog(frame, app, full, 76, 13, &title);
    let rows = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(1),
    ])
    .split(inner);
    frame.render_widget(Paragraph::new(target_line(&f.target, l)), rows[0]);
    let focus_style = |on: bool| if on { th.header() } else { th.dim() };
    let mut kinds = vec![Span::styled(
        l.t("决定：", "decision: "),
        focus_style(f.focus == StageField::Kind),
    )];
    for (i, k) in f.stage.kinds().iter().enumerate() {
        let label = format!(" {} {} ", i + 1, l.t(f.stage.kind_zh(*k), k.en()));
        kinds.push(if i == f.kind {
            Span::styled(label, th.selected())
        } else {
            Span::raw(label)
        });
    }
    frame.render_widget(Paragraph::new(Line::from(kinds)), rows[1]);
    let kind = f.kind();
    let field_row = |frame: &mut Frame, area: Rect, label: &str, field, on: bool| {
        let lw = width(label) as u16;
        frame.render_widget(
            Paragraph::new(Span::styled(label.to_string(), focus_style(on))),
            area,
        );
        let fa = Rect {
            x: area.x + lw,
            width: area.width.saturating_sub(lw),
            ..area
        };
        draw_field(frame, field, fa, on);
    };
    match kind {
        Kind::Keep => frame.render_widget(
            Paragraph::new(match l {
                Lang::Zh => format!("维持下年预算 {} 万元", f.target.requested.wan_display()),
                Lang::En => format!(
                    "next year's budget kept at {} 万元",
                    f.target.requested.wan_display()
                ),
            })
            .style(th.dim()),
            rows[2],
        ),
        _ => {
            let label = if kind == Kind::Cancel {
                l.t("金额（万元，空为全部）：", "amount (万元, empty = all): ")
            } else {
                l.t("金额（万元）：", "amount (万元): ")
            };
            field_row(
                frame,
                rows[2],
                label,
                &f.amount,
                f.focus == StageField::Amount,
            );
        }
    }
    if kind == Kind::Merge {
        field_row(
            frame,
            rows[3],
            l.t("合并至（项目编码）：", "merged into (project code): "),
            &f.merge,
            f.focus == StageField::Merge,
        );
    }
    let preview = match app.stage_preview(f) {
        Ok(a) => {
            let mut spans = vec![
                Span::raw("→ "),
                Span::styled(
                    l.t(f.stage.kind_zh(a.kind), a.kind.en()).to_string(),
                    th.state(State::Cut),
                ),
                Span::raw(" "),
                Span::styled(a.amount.wan_display(), th.figure()),
                Span::raw(" 万元"),
            ];
            if let Some(m) = &a.merged_into {
                spans.push(Span::raw(format!(" → {}", clean(m))));
            }
            Line::from(spans)
        }
        Err(e) if e.is_empty() || f.error.is_some() => Line::raw(""),
        Err(e) => Line::styled(format!("✗ {e}"), th.error()),
    };
    frame.render_widget(Paragraph::new(preview), rows[4]);
    frame.render_widget(Paragraph::new(error_line(app, &f.error)), rows[5]);
    frame.render_widget(
        Paragraph::new(Span::styled(
            l.t("审核意见（可选）：", "comment (optional): "),
            focus_style(f.focus == StageField::Comment),
        )),
        rows[6],
    );
    draw_field(frame, &f.comment, rows[7], f.focus == StageField::Comment);
    let keys = |c: Command| {
        app.keymap
            .key_for(Mode::Input, c)
            .map(|k| k.to_string())
            .unwrap_or_default()
    };
    let hint = match l {
        Lang::Zh => format!(
            "←→ 或 1–{} 选择 · {} 保存 · {} 切换 · {} 放弃",
            f.stage.kinds().len(),
            keys(Command::Confirm),
            keys(Command::NextField),
            keys(Command::Back)
        ),
        Lang::En => format!(
            "←→ or 1–{} choose · {} save · {} switch field · {} abandon",
            f.stage.kinds().len(),
            keys(Command::Confirm),
            keys(Command::NextField),
            keys(Command::Back)
        ),
    };
    frame.render_widget(Paragraph::new(hint).style(th.dim()), rows[8]);
}
