//! The help overlay: every binding in force, mode by mode, with what it
//! does at this stage; generated from the keymap, so it cannot drift.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::popup::dialog;
use super::{Ctx, Outcome, page, scroll};
use crate::keymap::{Command, Mode};
use crate::text::pad_right;
use crate::words::Say;
use crate::words::screen::Legend;

pub struct Help {
    pub scroll: usize,
}

impl Help {
    pub fn open() -> Help {
        Help { scroll: 0 }
    }

    pub fn on_command(&mut self, cmd: Command, ctx: &Ctx) -> Outcome {
        // The end is the last page: the last line at the bottom, never a
        // blank box.
        let last = lines(ctx).len().saturating_sub(page(ctx));
        scroll(cmd, &mut self.scroll, last, page(ctx))
    }

    pub fn draw(&self, frame: &mut Frame, full: Rect, ctx: &Ctx) {
        let (l, th) = (ctx.lang, ctx.theme);
        let w = full.width.saturating_sub(4).min(90);
        let inner = dialog(
            frame,
            th,
            full,
            w,
            full.height.saturating_sub(2),
            l.t("帮助 — 按键", "Help — keys"),
        );
        let scroll = u16::try_from(self.scroll).unwrap_or(u16::MAX);
        frame.render_widget(Paragraph::new(lines(ctx)).scroll((scroll, 0)), inner);
    }
}

/// The help's lines: what the list's columns and marks mean, then every
/// binding in force, mode by mode, with what it does at this stage.
fn lines(ctx: &Ctx) -> Vec<Line<'static>> {
    let (l, th) = (ctx.lang, ctx.theme);
    let key = |c: Command| {
        ctx.keymap
            .key_for(Mode::List, c)
            .map(|k| k.to_string())
            .unwrap_or_default()
    };
    let legend = Legend {
        adjust_key: key(Command::Adjust),
        confirm_key: key(Command::ConfirmTargets),
        comment_key: key(Command::Comment),
    }
    .say(l);
    let mut lines = Vec::new();
    for (i, line) in legend.lines().enumerate() {
        lines.push(if i == 0 {
            Line::styled(line.to_string(), th.header())
        } else {
            Line::raw(line.to_string())
        });
    }
    lines.push(Line::raw(""));
    for mode in Mode::ALL {
        let bindings = ctx.keymap.bindings(mode);
        if bindings.is_empty() {
            continue;
        }
        let title = match mode {
            Mode::Global => l.t("全局", "everywhere"),
            Mode::List => l.t("项目列表", "project list"),
            Mode::Detail => l.t("详情", "detail"),
            Mode::Input => l.t("输入", "input"),
            Mode::Board => l.t("看板", "board"),
            Mode::Tally => l.t("分类汇总（部门排名）", "tally panel (department ranking)"),
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
            let (zh, en) = cmd.describe_at(ctx.stage);
            lines.push(Line::raw(format!(
                "  {}  {}",
                pad_right(&ks, 22),
                l.t(zh, en)
            )));
        }
        lines.push(Line::raw(""));
    }
    lines
}
