//! Views: pure functions of the app state onto a frame.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::{App, Column, Level};
use crate::domain::{Stage, State};
use crate::forms::history::event_text;
use crate::forms::popup::clear_over;
use crate::i18n::Lang;
use crate::keymap::{Command, Mode};
use crate::layout::{self, Areas};
use crate::report;
use crate::text::{clean, pad_left, pad_right, truncate, width, wrap};
use crate::words::screen::{short_time, state_label};

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
    app.overlay.draw(frame, full, &app.ctx());
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
        Mode::Input => app.overlay.status_commands(),
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
    if let Some(search) = &app.searching {
        search.draw(frame, area, &app.ctx(), app.view.len());
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
