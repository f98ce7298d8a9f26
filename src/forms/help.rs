//! The help overlay: every binding in force, mode by mode, with what it
//! does at this stage; generated from the keymap, so it cannot drift.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::popup::dialog;
use super::{Ctx, Outcome, page, scroll};
use crate::keymap::{Command, Keymap, Mode};
use crate::text::pad_right;

pub struct Help {
    pub scroll: usize,
}

impl Help {
    pub fn open() -> Help {
        Help { scroll: 0 }
    }

    pub fn on_command(&mut self, cmd: Command, ctx: &Ctx) -> Outcome {
        // The last line may scroll to the top, no further.
        let last = lines(ctx.keymap).saturating_sub(1);
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
        let mut lines = Vec::new();
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
        let scroll = u16::try_from(self.scroll).unwrap_or(u16::MAX);
        frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
    }
}

/// How many lines the help has: per mode with bindings, its title, a line
/// per bound command, and a blank line.
fn lines(keymap: &Keymap) -> usize {
    Mode::ALL
        .iter()
        .map(|m| keymap.bindings(*m))
        .filter(|b| !b.is_empty())
        .map(|b| 2 + b.iter().filter(|(_, keys)| !keys.is_empty()).count())
        .sum()
}
