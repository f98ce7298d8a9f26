//! The board's panels: the cut by budget type and the departments with the
//! largest cuts (ratatui's horizontal BarChart, the amount and the rate on
//! each bar), a later stage's kinds, the last decisions, and the pace
//! (a vertical BarChart of decisions per ten minutes).

use ratatui::Frame;
use ratatui::layout::{Direction, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph};

use super::super::layout::Need;
use super::super::{Board, Panel};
use super::{Ctx, item_spans, wrap_items};
use crate::domain::{Figures, State};
use crate::i18n::Lang;
use crate::report::rate_text;
use crate::text::{clean, truncate, width};
use crate::theme::Theme;
use crate::words::Say;
use crate::words::board::{BoardText, budget_name, ceiling_items, kind_name};
use crate::words::event::EventWords;

/// The rows a panel needs at `w` columns.
pub(super) fn need(p: Panel, b: &Board, w: u16, l: Lang) -> Need {
    match p {
        Panel::Budgets => {
            let ceilings: u16 = b
                .ceiling
                .budget_fits(&b.tally)
                .iter()
                .map(|(budget, fit)| {
                    wrap_items(&ceiling_items(Some(*budget), fit, l), w).len() as u16
                })
                .sum();
            fixed(1 + b.tally.by_budget_type.len().max(1) as u16 + ceilings)
        }
        Panel::Departments => list(b.largest_cuts().len(), 10),
        Panel::Kinds => {
            fixed(1 + b.stage_tally.as_ref().map_or(0, |s| s.kinds.len()).max(1) as u16)
        }
        Panel::Recent => list(b.recent.len(), 8),
        Panel::Pace => {
            let words = pace_words(b, l);
            let text = (width(&words).div_ceil(usize::from(w.max(1)))) as u16;
            // heading, three rows of bars or eight, the times, the estimate
            Need {
                min: 1 + 3 + 1 + text,
                want: 1 + 8 + 1 + text,
                most: 1 + 8 + 1 + text,
            }
        }
    }
}

/// A panel of as many rows as its heading and `n` lines.
fn fixed(n: u16) -> Need {
    Need {
        min: n,
        want: n,
        most: n,
    }
}

/// A list of `n` lines: three at least, `good` reads well, all of them at
/// most.
fn list(n: usize, good: u16) -> Need {
    let n = n.max(1) as u16;
    Need {
        min: 1 + n.min(3),
        want: 1 + n.min(good),
        most: 1 + n,
    }
}

pub(super) fn draw(frame: &mut Frame, r: Rect, p: Panel, b: &Board, cx: &Ctx<'_>) {
    if r.height == 0 {
        return;
    }
    let l = cx.lang;
    let heading = match p {
        Panel::Budgets => BoardText::ByBudget.say(l),
        Panel::Departments => BoardText::TopDepartments {
            shown: b.largest_cuts().len().min(usize::from(r.height - 1)),
            all: b.tally.by_department.len(),
        }
        .say(l),
        Panel::Kinds => BoardText::ByKind { stage: b.stage }.say(l),
        Panel::Recent => BoardText::Recent.say(l),
        Panel::Pace => BoardText::Pace.say(l),
    };
    frame.render_widget(
        Paragraph::new(truncate(&heading, usize::from(r.width))).style(cx.theme.header()),
        Rect { height: 1, ..r },
    );
    let body = Rect {
        y: r.y + 1,
        height: r.height - 1,
        ..r
    };
    match p {
        Panel::Budgets => budgets(frame, body, b, cx),
        Panel::Departments => departments(frame, body, b, cx),
        Panel::Kinds => kinds(frame, body, b, cx),
        Panel::Recent => recent(frame, body, b, cx),
        Panel::Pace => pace(frame, body, b, cx),
    }
}

/// A bar's text: the cut and the rate, as every output writes them. ASCII
/// only: ratatui places the part of a bar's text past the bar by bytes.
pub fn cut_text(f: &Figures) -> String {
    format!("{}  {}", f.cut.wan_display(), rate_text(f.cut_rate()))
}

/// Horizontal bars, one a row: each (name, value, text on the bar). The
/// names take what the texts leave and are cut only past that.
fn hbars(frame: &mut Frame, r: Rect, bars: &[(String, u64, String)], th: Theme) {
    if bars.is_empty() || r.height == 0 {
        return;
    }
    let text_w = bars.iter().map(|(_, _, t)| width(t)).max().unwrap_or(0);
    let name_room = usize::from(r.width).saturating_sub(text_w + 2).max(4);
    let name_w = bars
        .iter()
        .map(|(n, _, _)| width(n))
        .max()
        .unwrap_or(0)
        .min(name_room);
    let style = th.state(State::Cut);
    let bars: Vec<Bar> = bars
        .iter()
        .map(|(name, value, text)| {
            Bar::default()
                .label(Line::from(truncate(name, name_w)))
                .value(*value)
                .text_value(text.clone())
        })
        .collect();
    let chart = BarChart::default()
        .direction(Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0)
        .bar_style(style)
        .value_style(style.add_modifier(Modifier::REVERSED))
        .data(BarGroup::default().bars(&bars));
    frame.render_widget(chart, r);
}

fn fen(f: &Figures) -> u64 {
    f.cut.fen().max(0) as u64
}

fn budgets(frame: &mut Frame, r: Rect, b: &Board, cx: &Ctx<'_>) {
    let l = cx.lang;
    if b.tally.by_budget_type.is_empty() {
        frame.render_widget(Paragraph::new(BoardText::NothingYet.say(l)), r);
        return;
    }
    let bars: Vec<_> = b
        .tally
        .by_budget_type
        .iter()
        .map(|(budget, f)| (budget_name(*budget, l).to_string(), fen(f), cut_text(f)))
        .collect();
    let n = bars.len() as u16;
    hbars(
        frame,
        Rect {
            height: n.min(r.height),
            ..r
        },
        &bars,
        cx.theme,
    );
    let mut lines = Vec::new();
    for (budget, fit) in b.ceiling.budget_fits(&b.tally) {
        let items = ceiling_items(Some(budget), &fit, l);
        let value = if fit.is_over() {
            cx.theme.error()
        } else {
            cx.theme.figure()
        };
        for line in wrap_items(&items, r.width) {
            lines.push(item_spans(&items, &line, value));
        }
    }
    let rest = Rect {
        y: r.y + n,
        height: r.height.saturating_sub(n),
        ..r
    };
    frame.render_widget(Paragraph::new(lines), rest);
}

fn departments(frame: &mut Frame, r: Rect, b: &Board, cx: &Ctx<'_>) {
    let bars: Vec<_> = b
        .largest_cuts()
        .into_iter()
        .take(usize::from(r.height))
        .map(|(name, f)| (clean(name).into_owned(), fen(f), cut_text(f)))
        .collect();
    if bars.is_empty() {
        frame.render_widget(Paragraph::new(BoardText::NothingYet.say(cx.lang)), r);
        return;
    }
    hbars(frame, r, &bars, cx.theme);
}

fn kinds(frame: &mut Frame, r: Rect, b: &Board, cx: &Ctx<'_>) {
    let l = cx.lang;
    let Some(st) = &b.stage_tally else {
        return;
    };
    let bars: Vec<_> = st
        .kinds
        .iter()
        .map(|k| {
            (
                kind_name(st.stage, k.kind, l).to_string(),
                k.amount.fen().max(0) as u64,
                format!(
                    "{}  {}",
                    k.amount.wan_display(),
                    BoardText::Projects(k.count).say(l)
                ),
            )
        })
        .collect();
    hbars(frame, r, &bars, cx.theme);
}

/// The last decisions, newest first: when, who, the project, and the
/// decision in the words of the history; the project's name gives way,
/// the decision never.
fn recent(frame: &mut Frame, r: Rect, b: &Board, cx: &Ctx<'_>) {
    let l = cx.lang;
    if b.recent.is_empty() {
        frame.render_widget(Paragraph::new(BoardText::NothingYet.say(l)), r);
        return;
    }
    let w = usize::from(r.width);
    let mut lines: Vec<Line> = Vec::new();
    for d in &b.recent {
        if lines.len() >= usize::from(r.height) {
            break;
        }
        let e = &d.event;
        let mut words = EventWords::without_old(e, Some(d.requested), b.stage, l);
        let code = words.project.take().unwrap_or_default();
        let what = words.line();
        let local = crate::time::local(&e.at);
        let clock = local.get(11..16).unwrap_or(&local);
        let head = format!("{clock} {} {code} ", clean(&e.reviewer));
        let room = w.saturating_sub(width(&head) + width(&what) + 1);
        let name = clean(&d.name);
        let line = if room >= 4 {
            format!("{head}{} {what}", truncate(&name, room))
        } else {
            format!("{head}{what}")
        };
        if width(&line) <= w {
            lines.push(Line::from(line));
        } else {
            // Too narrow for the decision beside the project: below it.
            lines.push(Line::from(truncate(&format!("{head}{name}"), w)));
            lines.push(Line::from(format!("  {what}")));
        }
    }
    lines.truncate(usize::from(r.height));
    frame.render_widget(Paragraph::new(lines), r);
}

/// The estimate under the pace chart.
fn pace_words(b: &Board, l: Lang) -> String {
    let p = &b.pace;
    if p.buckets.is_empty() {
        return BoardText::NothingYet.say(l);
    }
    BoardText::PaceNow {
        recent: p.recent,
        window_minutes: (p.window / 60) as u64,
        pending: p.pending,
        minutes_left: p.minutes_left(),
    }
    .say(l)
}

/// Decisions per ten minutes as vertical bars, the latest at the right,
/// each with its count; the first and last bars' times below; then the
/// estimate.
fn pace(frame: &mut Frame, r: Rect, b: &Board, cx: &Ctx<'_>) {
    let l = cx.lang;
    let p = &b.pace;
    let words = pace_words(b, l);
    let text_rows = (width(&words).div_ceil(usize::from(r.width.max(1)))) as u16;
    let chart_h = r.height.saturating_sub(text_rows + 1);
    let words_area = Rect {
        y: r.y + r.height - text_rows.min(r.height),
        height: text_rows.min(r.height),
        ..r
    };
    frame.render_widget(
        Paragraph::new(words).wrap(ratatui::widgets::Wrap { trim: true }),
        words_area,
    );
    if p.buckets.is_empty() || chart_h == 0 {
        return;
    }
    // Each bar as wide as its count, one column more; five for the times.
    let bar_w = (p.busiest().to_string().len() as u16 + 1).max(2);
    let fit = usize::from((r.width + 1) / (bar_w + 1)).max(1);
    let first = p.buckets.len().saturating_sub(fit);
    let shown = &p.buckets[first..];
    let bars: Vec<Bar> = shown.iter().map(|&n| Bar::default().value(n)).collect();
    let style = cx.theme.info();
    let chart = BarChart::default()
        .bar_width(bar_w)
        .bar_gap(1)
        .bar_style(style)
        .value_style(style.add_modifier(Modifier::REVERSED))
        .data(BarGroup::default().bars(&bars));
    let chart_area = Rect {
        height: chart_h,
        ..r
    };
    frame.render_widget(chart, chart_area);
    // The times of the first bar and of the last, under them.
    let from = crate::time::local_clock(p.bucket_start(first));
    let to = crate::time::local_clock(p.bucket_start(p.buckets.len() - 1));
    let last_x = (shown.len() - 1) * usize::from(bar_w + 1);
    let mut axis = from.clone();
    if shown.len() > 1 && last_x > from.len() {
        axis += &" ".repeat(last_x - from.len());
        axis += &to;
    }
    frame.render_widget(
        Paragraph::new(truncate(&axis, usize::from(r.width))).style(Style::default()),
        Rect {
            y: r.y + chart_h,
            height: 1,
            ..r
        },
    );
}
