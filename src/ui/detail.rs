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
use crate::i18n::Lang;
use crate::layout::columns::growth_text;
use crate::store::Indicator;
use crate::text::{clean, wrap};
use crate::words::screen::{short_time, state_label};
use crate::words::weigh::novelty_label;

pub fn draw_detail(frame: &mut Frame, app: &App, area: Rect) {
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
    if let Some(n) = r.novelty {
        t.push(kv(
            l.t("新增/延续", "New or continuing"),
            novelty_label(Some(n), l).into(),
        ));
    }
    if let Some(y) = &r.last {
        let mut parts = Vec::new();
        if let Some(b) = y.budget {
            parts.push(format!(
                "{} {} 万元",
                l.t("预算", "budget"),
                b.wan_display()
            ));
        }
        if let Some(sp) = y.spent {
            parts.push(format!(
                "{} {} 万元",
                l.t("执行数", "spent"),
                sp.wan_display()
            ));
        }
        if let Some(rate) = y.rate() {
            parts.push(format!("{} {}", l.t("执行率", "rate"), rate.text()));
        }
        t.push(kv(l.t("上年", "Last year"), parts.join(" · ")));
        if let Some(g) = r.growth() {
            t.push(kv(l.t("增幅", "Growth"), growth_text(g)));
        }
    }
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
    if !app.detail.reasons.is_empty() {
        let names: Vec<String> = app
            .detail
            .reasons
            .iter()
            .map(|x| format!("{}. {}", x.number, clean(&x.name)))
            .collect();
        t.push(kv(l.t("审减原因", "Reasons"), names.join(l.t("、", ", "))));
    }
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
        t.push(Line::from(vec![
            Span::styled(l.t("修改：", "Revision: ").to_string(), th.dim()),
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
            l.t("绩效指标（原）", "Performance indicators (as they stand)")
        } else {
            l.t("绩效指标", "Performance indicators")
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
        if c.internal {
            t.push(Line::styled(
                format!(
                    "  {}",
                    l.t(
                        "（内部意见，不反馈部门）",
                        "(internal: not for the department)"
                    )
                ),
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
    t.push(Line::styled(l.t("决定记录", "History"), th.header()));
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
        match l {
            Lang::Zh => format!("部门修改稿（原 → 新；{confirm} 确认，{back} 退回）"),
            Lang::En => {
                format!("The department's revision (old → new; {confirm} confirms, {back} returns)")
            }
        },
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
                    format!("~{seq:>2}. {}{}", l.t("原 ", "old "), text(o)),
                    th.dim(),
                ));
                t.push(Line::styled(
                    format!("    {}{}", l.t("新 ", "new "), text(w)),
                    th.state(State::Approved).add_modifier(Modifier::BOLD),
                ));
            }
            (None, Some(w)) => t.push(Line::styled(
                format!("+{seq:>2}. {}{}", l.t("新增 ", "added "), text(w)),
                th.state(State::Approved).add_modifier(Modifier::BOLD),
            )),
            (Some(o), None) => t.push(Line::styled(
                format!("-{seq:>2}. {}{}", l.t("删去 ", "dropped "), text(o)),
                th.dim(),
            )),
            (None, None) => {}
        }
    }
}
