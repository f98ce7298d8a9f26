//! The later stages' decision form: in 事中绩效监控 and 事后绩效评价 the cut
//! key opens a form that picks the kind (调增, 调减, 合并, …), its amount,
//! the project merged into, and a comment. It is checked as it is typed by
//! the same domain rule the store applies, and committed against the version
//! the reviewer saw, like every other decision.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::popup::{dialog, draw_field, error_line, target_line};
use super::{
    Ctx, Keys, Outcome, Press, Submit, Target, field_text, hint_line, text_box, text_field,
};
use crate::domain::stage::decide_stage;
use crate::domain::{
    self, Adjustment, Kind, Stage, StageCommand, StageError, State, Unit, parse_amount,
};
use crate::i18n::Lang;
use crate::keymap::{Command, Mode};
use crate::text::{clean, width};
use crate::words::Say;
use crate::words::screen::Note;

/// A later stage's decision (事中监控 / 事后评价): a kind, its amount, the
/// project merged into, and a comment.
pub struct StageForm {
    pub target: Target,
    pub stage: Stage,
    /// Index into `stage.kinds()`.
    pub kind: usize,
    pub amount: TextArea<'static>,
    pub merge: TextArea<'static>,
    pub comment: TextArea<'static>,
    pub focus: StageField,
    pub error: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageField {
    Kind,
    Amount,
    Merge,
    Comment,
}

impl StageForm {
    /// The form on `target`, filled in with its current adjustment if it
    /// has one.
    pub fn open(target: Target, stage: Stage, current: Option<&Adjustment>) -> StageForm {
        let kind = current
            .and_then(|a| stage.kinds().iter().position(|k| *k == a.kind))
            .unwrap_or(0);
        let amount = current
            .filter(|a| a.kind != Kind::Keep)
            .map(|a| a.amount.wan_string())
            .unwrap_or_default();
        let merge = current
            .and_then(|a| a.merged_into.clone())
            .unwrap_or_default();
        StageForm {
            target,
            stage,
            kind,
            amount: text_field(&amount),
            merge: text_field(&merge),
            comment: text_box(""),
            focus: StageField::Kind,
            error: None,
        }
    }

    /// What the form would decide. `Err("")` while an amount is still to be
    /// typed; otherwise `Err` says why it cannot be saved.
    pub fn preview(&self, ctx: &Ctx) -> Result<Adjustment, String> {
        let l = ctx.lang;
        let kind = self.kind();
        let text = field_text(&self.amount);
        let amount = if kind == Kind::Keep || text.trim().is_empty() {
            None
        } else {
            Some(parse_amount(&text, Unit::Wan).map_err(|e| l.reason(&e))?)
        };
        if amount.is_none() && !matches!(kind, Kind::Keep | Kind::Cancel) {
            return Err(String::new());
        }
        let merged_into = (kind == Kind::Merge).then(|| field_text(&self.merge).trim().to_string());
        let cmd = StageCommand {
            kind,
            amount,
            merged_into,
        };
        let d = decide_stage(self.stage, self.target.requested, &self.target.code, &cmd)
            .map_err(|e| l.reason(&e))?;
        let adjustment = d.stage.ok_or_else(String::new)?;
        if let Some(code) = &adjustment.merged_into
            && !ctx.rows.iter().any(|r| &r.code == code)
        {
            return Err(l.reason(&StageError::MergeTargetUnknown(code.clone())));
        }
        Ok(*adjustment)
    }

    pub fn on_key(&mut self, press: &Press, ctx: &Ctx) -> Outcome {
        let f = self;
        // In a text field plain characters type; on the kind row they pick.
        let cmd = press.action(f.focus != StageField::Kind);
        match cmd {
            Some(Command::NextField) => f.step_focus(1),
            Some(Command::PrevField) => f.step_focus(-1),
            Some(Command::Confirm) => return f.confirm(ctx),
            Some(Command::Newline) if f.focus == StageField::Comment => f.comment.insert_newline(),
            Some(Command::Down | Command::Toggle | Command::NextChoice)
                if f.focus == StageField::Kind =>
            {
                f.step_kind(1)
            }
            Some(Command::Up | Command::PrevChoice) if f.focus == StageField::Kind => {
                f.step_kind(-1)
            }
            // The nth key of `pick` picks the nth kind on the row.
            Some(Command::Pick) if f.focus == StageField::Kind => {
                if let Some(i) = ctx.keymap.nth(Mode::Input, Command::Pick, press.key)
                    && i < f.stage.kinds().len()
                {
                    f.kind = i;
                }
            }
            _ if f.focus == StageField::Kind => {}
            _ => {
                if let Some(field) = f.field_mut() {
                    super::type_into(field, press.ev);
                }
            }
        }
        f.error = None;
        Outcome::Stay
    }

    fn confirm(&mut self, ctx: &Ctx) -> Outcome {
        match self.preview(ctx) {
            Err(why) => {
                let why = if why.is_empty() {
                    Note::TypeStageAmount.say(ctx.lang)
                } else {
                    why
                };
                self.error = Some(why);
                Outcome::Stay
            }
            Ok(a) => Outcome::Submit(Submit::Decide {
                target: self.target.clone(),
                command: domain::Command::Stage {
                    stage: self.stage,
                    code: self.target.code.clone(),
                    command: StageCommand {
                        kind: a.kind,
                        amount: Some(a.amount),
                        merged_into: a.merged_into,
                    },
                },
                comment: Some(field_text(&self.comment)),
            }),
        }
    }

    pub fn kind(&self) -> Kind {
        self.stage.kinds()[self.kind.min(self.stage.kinds().len() - 1)]
    }

    /// The fields the chosen kind asks for, in order: keep takes the whole
    /// request, so it has no amount; only a merge names a project.
    pub fn fields(&self) -> Vec<StageField> {
        let mut f = vec![StageField::Kind];
        if self.kind() != Kind::Keep {
            f.push(StageField::Amount);
        }
        if self.kind() == Kind::Merge {
            f.push(StageField::Merge);
        }
        f.push(StageField::Comment);
        f
    }

    /// Moves the focus `step` fields on, wrapping.
    pub fn step_focus(&mut self, step: isize) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let n = fields.len() as isize;
        self.focus = fields[(at + step).rem_euclid(n) as usize];
    }

    /// Chooses the kind `step` places on, wrapping.
    pub fn step_kind(&mut self, step: isize) {
        let n = self.stage.kinds().len() as isize;
        self.kind = (self.kind as isize + step).rem_euclid(n) as usize;
    }

    /// The text field with the focus, if the focus is on one.
    pub fn field_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match self.focus {
            StageField::Kind => None,
            StageField::Amount => Some(&mut self.amount),
            StageField::Merge => Some(&mut self.merge),
            StageField::Comment => Some(&mut self.comment),
        }
    }

    /// The kinds on one row, the amount, the project merged into (merge
    /// only), a live preview and a comment.
    pub fn draw(&self, frame: &mut Frame, full: Rect, ctx: &Ctx) {
        let f = self;
        let (l, th) = (ctx.lang, ctx.theme);
        let title = format!(
            "{}{}",
            l.t(f.stage.zh(), f.stage.en()),
            l.t("决定", ": decide")
        );
        let inner = dialog(frame, th, full, 76, 13, &title);
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
        let preview = match f.preview(ctx) {
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
        frame.render_widget(Paragraph::new(error_line(th, &f.error)), rows[5]);
        frame.render_widget(
            Paragraph::new(Span::styled(
                l.t("审核意见（可选）：", "comment (optional): "),
                focus_style(f.focus == StageField::Comment),
            )),
            rows[6],
        );
        draw_field(frame, &f.comment, rows[7], f.focus == StageField::Comment);
        let hint = hint_line(
            ctx,
            &[
                (Keys::Choice(f.stage.kinds().len()), "选择", "choose"),
                (Keys::One(Command::Confirm), "保存", "save"),
                (Keys::One(Command::NextField), "切换", "switch field"),
                (Keys::One(Command::Back), "放弃", "abandon"),
            ],
        );
        frame.render_widget(Paragraph::new(hint).style(th.dim()), rows[8]);
    }
}
