//! The later stages' decision form: in 事中绩效监控 and 事后绩效评价 the cut
//! key opens a form that picks the kind (调增, 调减, 合并, …), its amount,
//! the project merged into, and a comment. It is checked as it is typed by
//! the same domain rule the store applies, and committed against the version
//! the reviewer saw, like every other decision.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::popup::{
    dialog, draw_current, draw_error, draw_field, error_height, labelled_field, rows, shown_error,
    target_line,
};
use super::{Ctx, Keys, NotYet, Outcome, Press, Submit, Target};
use super::{draw_hints, field_text, submit_checked, text_box, text_field, type_into};
use crate::domain::parse_amount;
use crate::domain::stage::{Measures, decide_stage};
use crate::domain::{self, Adjustment, Kind, Stage, StageCommand, StageError, State, Unit};
use crate::keymap::{Command, Mode};
use crate::text::clean;
use crate::words::Say;
use crate::words::board::kind_name;
use crate::words::forms::FormLabel;
use crate::words::forms::FormText;
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
    /// What the result is used for besides money (改进管理, 完善制度).
    pub measures: Measures,
    /// Further money outcomes the decision carries (from a batch); kept
    /// as they are.
    pub also: Vec<(Kind, crate::domain::Money)>,
    pub focus: StageField,
    pub error: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageField {
    Kind,
    Amount,
    Merge,
    Measures,
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
            measures: current.map(|a| a.measures).unwrap_or_default(),
            also: current.map(|a| a.also.clone()).unwrap_or_default(),
            focus: StageField::Kind,
            error: None,
        }
    }

    /// What the form would decide, or why it cannot (yet).
    pub fn preview(&self, ctx: &Ctx) -> Result<Adjustment, NotYet> {
        let invalid = |e: &dyn Say| NotYet::Invalid(e.say(ctx.lang));
        let kind = self.kind();
        let text = field_text(&self.amount);
        let amount = if matches!(kind, Kind::Keep | Kind::Unchanged) || text.trim().is_empty() {
            None
        } else {
            Some(parse_amount(&text, Unit::Wan).map_err(|e| invalid(&e))?)
        };
        if amount.is_none() && !matches!(kind, Kind::Keep | Kind::Cancel | Kind::Unchanged) {
            return Err(NotYet::Empty);
        }
        let merged_into = (kind == Kind::Merge).then(|| field_text(&self.merge).trim().to_string());
        // What comes beside the main kind stays, unless it is now the main one.
        let also = self
            .also
            .iter()
            .filter(|(k, _)| *k != kind)
            .copied()
            .collect();
        let cmd = StageCommand {
            kind,
            amount,
            merged_into,
            also,
            measures: self.measures,
        };
        let d = decide_stage(self.stage, self.target.requested, &self.target.code, &cmd)
            .map_err(|e| invalid(&e))?;
        let adjustment = d.stage.ok_or(NotYet::Empty)?;
        if let Some(code) = &adjustment.merged_into
            && !ctx.rows.iter().any(|r| *r.code == **code)
        {
            return Err(invalid(&StageError::MergeTargetUnknown(code.clone())));
        }
        Ok(*adjustment)
    }

    pub fn on_key(&mut self, press: &Press, ctx: &Ctx) -> Outcome {
        let f = self;
        // In a text field plain characters type; on the kind row they pick.
        let cmd = press.action(!matches!(f.focus, StageField::Kind | StageField::Measures));
        match cmd {
            Some(Command::NextField) => f.step_focus(1),
            Some(Command::PrevField) => f.step_focus(-1),
            Some(Command::Confirm) => return f.confirm(ctx, false),
            Some(Command::ConfirmNext) => return f.confirm(ctx, true),
            Some(Command::Newline) if f.focus == StageField::Comment => f.comment.insert_newline(),
            Some(Command::Down | Command::Toggle | Command::NextChoice)
                if f.focus == StageField::Kind =>
            {
                f.step_kind(1)
            }
            Some(Command::Up | Command::PrevChoice) if f.focus == StageField::Kind => {
                f.step_kind(-1)
            }
            // 1 改进管理, 2 完善制度; the toggle key ticks the first.
            Some(Command::Pick | Command::Toggle) if f.focus == StageField::Measures => {
                match ctx.keymap.nth(Mode::Input, Command::Pick, press.key) {
                    Some(1) => f.measures.rules = !f.measures.rules,
                    Some(0) | None => f.measures.management = !f.measures.management,
                    Some(_) => {}
                }
            }
            _ if f.focus == StageField::Measures => {}
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
                    type_into(field, press.ev);
                }
            }
        }
        f.error = None;
        Outcome::Stay
    }

    fn confirm(&mut self, ctx: &Ctx, next: bool) -> Outcome {
        let checked = self.preview(ctx).map(|a| Submit::Decide {
            target: self.target.clone(),
            command: domain::Command::Stage {
                stage: self.stage,
                code: self.target.code.clone(),
                command: StageCommand {
                    kind: a.kind,
                    amount: Some(a.amount),
                    merged_into: a.merged_into,
                    also: a.also,
                    measures: a.measures,
                },
            },
            comment: Some(field_text(&self.comment)),
            reasons: None,
            next,
        });
        submit_checked(&mut self.error, checked, Note::TypeStageAmount, ctx.lang)
    }

    pub fn kind(&self) -> Kind {
        self.stage.kinds()[self.kind.min(self.stage.kinds().len() - 1)]
    }

    /// The fields the chosen kind asks for, in order: keep takes the whole
    /// request, so it has no amount; only a merge names a project.
    pub fn fields(&self) -> Vec<StageField> {
        let mut f = vec![StageField::Kind];
        if !matches!(self.kind(), Kind::Keep | Kind::Unchanged) {
            f.push(StageField::Amount);
        }
        if self.kind() == Kind::Merge {
            f.push(StageField::Merge);
        }
        f.push(StageField::Measures);
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
            StageField::Kind | StageField::Measures => None,
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
            FormLabel::StageDecide.word(l)
        );
        let preview = f.preview(ctx);
        let error = shown_error(&preview, &f.error);
        let w = 76.min(full.width);
        let eh = error_height(th, &error, w.saturating_sub(2));
        let inner = dialog(frame, th, full, w, 14 + eh, &title);
        let rows = rows(inner, &[1, 1, 1, 1, 1, 1, 1, eh, 1, 3, 1]);
        frame.render_widget(Paragraph::new(target_line(&f.target, l)), rows[0]);
        draw_current(frame, rows[1], ctx, f.target.project_id);
        let rows = &rows[1..];
        let focus_style = |on: bool| if on { th.header() } else { th.dim() };
        let mut kinds = vec![Span::styled(
            FormLabel::StageDecision.word(l),
            focus_style(f.focus == StageField::Kind),
        )];
        for (i, k) in f.stage.kinds().iter().enumerate() {
            let label = format!(" {} {} ", i + 1, kind_name(f.stage, *k, l));
            kinds.push(if i == f.kind {
                Span::styled(label, th.selected())
            } else {
                Span::raw(label)
            });
        }
        frame.render_widget(Paragraph::new(Line::from(kinds)), rows[1]);
        let kind = f.kind();
        let label = |text: &str, on: bool| Span::styled(text.to_string(), focus_style(on));
        match kind {
            Kind::Unchanged => frame.render_widget(
                Paragraph::new(FormLabel::NoMoneyChanged.word(l)).style(th.dim()),
                rows[2],
            ),
            Kind::Keep => frame.render_widget(
                Paragraph::new(FormText::Keep(f.target.requested).say(l)).style(th.dim()),
                rows[2],
            ),
            _ => {
                let text = if kind == Kind::Cancel {
                    FormLabel::AmountOrAll.word(l)
                } else {
                    FormLabel::Amount.word(l)
                };
                let on = f.focus == StageField::Amount;
                labelled_field(frame, rows[2], label(text, on), &f.amount, on);
            }
        }
        if kind == Kind::Merge {
            let on = f.focus == StageField::Merge;
            let text = FormLabel::MergedInto.word(l);
            labelled_field(frame, rows[3], label(text, on), &f.merge, on);
        }
        let preview = match preview {
            Ok(a) => {
                let mut spans = vec![
                    Span::raw("→ "),
                    Span::styled(
                        kind_name(f.stage, a.kind, l).to_string(),
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
            Err(_) => Line::raw(""),
        };
        frame.render_widget(Paragraph::new(preview), rows[4]);
        let on = f.focus == StageField::Measures;
        let tick = |b: bool| if b { "[x]" } else { "[ ]" };
        let mut measures = vec![
            label(FormLabel::UsedFor.word(l), on),
            Span::raw(format!(
                "{} 1 {}  {} 2 {}",
                tick(f.measures.management),
                FormLabel::ImproveManagement.word(l),
                tick(f.measures.rules),
                FormLabel::ImproveRules.word(l),
            )),
        ];
        for (k, m) in &f.also {
            measures.push(Span::styled(
                format!("  + {} {}", kind_name(f.stage, *k, l), m.wan_display()),
                th.dim(),
            ));
        }
        frame.render_widget(Paragraph::new(Line::from(measures)), rows[5]);
        draw_error(frame, rows[6], th, &error);
        let on = f.focus == StageField::Comment;
        let text = FormLabel::CommentOptional.word(l);
        frame.render_widget(Paragraph::new(label(text, on)), rows[7]);
        draw_field(frame, &f.comment, rows[8], f.focus == StageField::Comment);
        let hints = [
            (Keys::Choice(f.stage.kinds().len()), "选择", "choose"),
            (Keys::One(Command::Confirm), "保存", "save"),
            (
                Keys::One(Command::ConfirmNext),
                "保存并下一个",
                "save & next",
            ),
            (Keys::One(Command::NextField), "切换", "switch field"),
            (Keys::One(Command::Back), "放弃", "abandon"),
        ];
        draw_hints(frame, rows[9], ctx, &hints);
    }
}
