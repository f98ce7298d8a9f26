//! The detail pane: the selected project's figures, decision, indicators,
//! comments and decision record.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::App;
use crate::domain::State;
use crate::forms::history::event_text;
use crate::forms::popup::clear_over;
use crate::layout::columns::growth_text;
use crate::store::Indicator;
use crate::text::{clean, wrap};
use crate::words::Punct;
use crate::words::Say;
use crate::words::board::{budget_name, kind_name};
use crate::words::detail::{DetailLabel, DetailText};
use crate::words::screen::{short_time, state_label};
use crate::words::weigh::novelty_label;

pub fn draw_detail(frame: &mut Frame, app: &App, area: Rect) {
    let th = app.theme;
    let l = app.lang;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(DetailLabel::Title.word(l))
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
            Span::styled(format!("{k}{}", Punct::Colon.word(l)), th.dim()),
            Span::raw(v),
        ])
    };
    t.push(Line::styled(
        format!("{} {}", clean(&r.code), clean(&r.name)),
        th.header(),
    ));
    t.push(kv(
        DetailLabel::Department.word(l),
        clean(&r.department).into(),
    ));
    t.push(kv(
        DetailLabel::Budget.word(l),
        budget_name(r.budget_type, l).into(),
    ));
    if let Some(s) = &r.section {
        t.push(kv(DetailLabel::Section.word(l), clean(s).into()));
    }
    t.push(kv(
        DetailLabel::Requested.word(l),
        format!("{} 万元", r.requested.wan_display()),
    ));
    if let Some(n) = r.novelty {
        t.push(kv(
            DetailLabel::Novelty.word(l),
            novelty_label(Some(n), l).into(),
        ));
    }
    if let Some(y) = &r.last {
        let mut parts = Vec::new();
        if let Some(b) = y.budget {
            parts.push(format!(
                "{} {} 万元",
                DetailLabel::LastBudget.word(l),
                b.wan_display()
            ));
        }
        if let Some(sp) = y.spent {
            parts.push(format!(
                "{} {} 万元",
                DetailLabel::LastSpent.word(l),
                sp.wan_display()
            ));
        }
        if let Some(rate) = y.rate() {
            parts.push(format!("{} {}", DetailLabel::LastRate.word(l), rate.text()));
        }
        t.push(kv(DetailLabel::LastYear.word(l), parts.join(" · ")));
        if let Some(g) = r.growth() {
            t.push(kv(DetailLabel::Growth.word(l), growth_text(g)));
        }
    }
    let mut state = Line::from(vec![
        Span::styled(DetailLabel::Decision.word(l), th.dim()),
        Span::styled(
            state_label(d.state, l),
            th.state(d.state).add_modifier(Modifier::BOLD),
        ),
    ]);
    if d.state.is_decided() {
        state.spans.push(Span::raw(format!(
            "  {} {} · {} {}",
            DetailLabel::Approved.word(l),
            d.approved.wan_display(),
            DetailLabel::Cut.word(l),
            d.cut(r.requested).wan_display()
        )));
    }
    if let Some(a) = &d.stage {
        let stage = app.stage();
        let mut text = format!(
            "{} {} 万元",
            kind_name(stage, a.kind, l),
            a.amount.wan_display()
        );
        if let Some(m) = &a.merged_into {
            text += &format!(" · {} {}", DetailLabel::MergedInto.word(l), clean(m));
        }
        state = Line::from(vec![
            Span::styled(
                format!("{}{}", l.t(stage.zh(), stage.en()), Punct::Colon.word(l)),
                th.dim(),
            ),
            Span::styled(text, th.state(d.state).add_modifier(Modifier::BOLD)),
        ]);
    }
    t.push(state);
    if !app.detail.reasons.is_empty() {
        let names: Vec<String> = app
            .detail
            .reasons
            .iter()
            .map(|x| format!("{}. {}", x.number, clean(&x.name)))
            .collect();
        t.push(kv(
            DetailLabel::Reasons.word(l),
            names.join(Punct::ListSep.word(l)),
        ));
    }
    if let Some(a) = &d.adjust {
        let which = if a.indicators.is_empty() {
            DetailLabel::AllIndicators.word(l).to_string()
        } else {
            a.indicators
                .iter()
                .map(|n| format!("#{n}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        t.push(Line::from(vec![
            Span::styled(
                DetailLabel::AdjustTargets.word(l).to_string(),
                th.state(State::Cut),
            ),
            Span::raw(format!("{which} — {}", clean(&a.reason))),
        ]));
        t.push(Line::from(vec![
            Span::styled(DetailLabel::Revision.word(l).to_string(), th.dim()),
            Span::styled(
                l.t(a.revision.zh(), a.revision.en()).to_string(),
                th.state(State::Cut).add_modifier(Modifier::BOLD),
            ),
        ]));
    }
    if let Some(new) = &app.detail.revised {
        revision_lines(&mut t, &app.detail.indicators, new, app);
    }
    t.push(Line::raw(""));
    t.push(Line::styled(
        if app.detail.revised.is_some() {
            DetailLabel::IndicatorsAsTheyStand.word(l)
        } else {
            DetailLabel::Indicators.word(l)
        },
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
        DetailText::Comments(app.detail.comments.len()).say(l),
        th.header(),
    ));
    for c in &app.detail.comments {
        t.push(Line::styled(
            format!("{} {}", short_time(&c.at), clean(&c.author)),
            th.dim(),
        ));
        // Wrapped here, not by the paragraph, so every line of the comment
        // keeps its indent under the author.
        if c.internal {
            t.push(Line::styled(
                format!("  {}", DetailLabel::Internal.word(l)),
                th.dim(),
            ));
        }
        for line in c.body.lines() {
            for part in wrap(&clean(line), (inner.width as usize).saturating_sub(3)) {
                t.push(Line::raw(format!("  {part}")));
            }
        }
    }
    t.push(Line::raw(""));
    t.push(Line::styled(DetailLabel::History.word(l), th.header()));
    let stage = app.stage();
    for e in &app.detail.history {
        t.push(Line::styled(
            format!(
                "{} {} {}",
                short_time(&e.at),
                clean(&e.reviewer),
                // The pane wraps: nothing to cut.
                event_text(e, Some(r.requested), stage, l)
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

/// The department's revision beside the indicators as they stand, one
/// indicator at a time: unchanged once, changed as 原 (old) and 新 (new)
/// lines, added and dropped ones marked; the keys to confirm or return it.
fn revision_lines(t: &mut Vec<Line<'static>>, old: &[Indicator], new: &[Indicator], app: &App) {
    let th = app.theme;
    let l = app.lang;
    let text = |i: &Indicator| {
        format!(
            "{} / {} / {}  {}{}",
            clean(&i.level1),
            clean(&i.level2),
            clean(&i.indicator),
            clean(&i.target),
            clean(&i.unit)
        )
    };
    t.push(Line::raw(""));
    let confirm = app
        .keymap
        .key_for(
            crate::keymap::Mode::List,
            crate::keymap::Command::ConfirmTargets,
        )
        .map(|k| k.to_string())
        .unwrap_or_default();
    let back = app
        .keymap
        .key_for(crate::keymap::Mode::List, crate::keymap::Command::Adjust)
        .map(|k| k.to_string())
        .unwrap_or_default();
    t.push(Line::styled(
        DetailText::Revised { confirm, back }.say(l),
        th.header(),
    ));
    let n = old.len().max(new.len());
    for k in 0..n {
        let (o, w) = (old.get(k), new.get(k));
        let seq = k + 1;
        match (o, w) {
            (Some(o), Some(w)) if text(o) == text(w) => {
                t.push(Line::raw(format!(" {seq:>2}. {}", text(w))));
            }
            (Some(o), Some(w)) => {
                t.push(Line::styled(
                    format!("~{seq:>2}. {}{}", DetailLabel::Old.word(l), text(o)),
                    th.dim(),
                ));
                t.push(Line::styled(
                    format!("    {}{}", DetailLabel::New.word(l), text(w)),
                    th.state(State::Approved).add_modifier(Modifier::BOLD),
                ));
            }
            (None, Some(w)) => t.push(Line::styled(
                format!("+{seq:>2}. {}{}", DetailLabel::Added.word(l), text(w)),
                th.state(State::Approved).add_modifier(Modifier::BOLD),
            )),
            (Some(o), None) => t.push(Line::styled(
                format!("-{seq:>2}. {}{}", DetailLabel::Dropped.word(l), text(o)),
                th.dim(),
            )),
            (None, None) => {}
        }
    }
}
