//! The later stages' decision form: in 事中绩效监控 and 事后绩效评价 the cut
//! key opens a form that picks the kind (调增, 调减, 合并, …), its amount,
//! the project merged into, and a comment. It is checked as it is typed by
//! the same domain rule the store applies, and committed against the version
//! the reviewer saw, like every other decision.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::dialog::{StageField, StageForm, Target, field_text, text_box, text_field};
use super::{App, Command};
use crate::domain::stage::decide_stage;
use crate::domain::{self, Adjustment, Kind, Stage, StageCommand, StageError, Unit, parse_amount};
use crate::keymap::Key;
use crate::store::StoreError;

impl App {
    /// The meeting's stage; an unknown code reads as target review.
    pub fn stage(&self) -> Stage {
        Stage::parse(&self.meeting.stage).unwrap_or_default()
    }

    /// Opens the stage form on `target`, filled in with its current
    /// adjustment if it has one.
    pub(super) fn open_stage_form(&mut self, target: Target) {
        let stage = self.stage();
        let current = self
            .selected_row()
            .filter(|r| r.id == target.project_id)
            .and_then(|r| r.decision.stage.clone());
        let kind = current
            .as_ref()
            .and_then(|a| stage.kinds().iter().position(|k| *k == a.kind))
            .unwrap_or(0);
        let amount = current
            .as_ref()
            .filter(|a| a.kind != Kind::Keep)
            .map(|a| a.amount.wan_string())
            .unwrap_or_default();
        let merge = current
            .as_ref()
            .and_then(|a| a.merged_into.clone())
            .unwrap_or_default();
        self.overlay = super::Overlay::Stage(StageForm {
            target,
            stage,
            kind,
            amount: text_field(&amount),
            merge: text_field(&merge),
            comment: text_box(""),
            focus: StageField::Kind,
            error: None,
        });
    }

    /// What the form would decide. `Err("")` while an amount is still to be
    /// typed; otherwise `Err` says why it cannot be saved.
    pub fn stage_preview(&self, f: &StageForm) -> Result<Adjustment, String> {
        let l = self.lang;
        let kind = f.kind();
        let text = field_text(&f.amount);
        let amount = if kind == Kind::Keep || text.trim().is_empty() {
            None
        } else {
            Some(parse_amount(&text, Unit::Wan).map_err(|e| l.reason(&e))?)
        };
        if amount.is_none() && !matches!(kind, Kind::Keep | Kind::Cancel) {
            return Err(String::new());
        }
        let merged_into = (kind == Kind::Merge).then(|| field_text(&f.merge).trim().to_string());
        let cmd = StageCommand {
            kind,
            amount,
            merged_into,
        };
        let d = decide_stage(f.stage, f.target.requested, &f.target.code, &cmd)
            .map_err(|e| l.reason(&e))?;
        let adjustment = d.stage.ok_or_else(String::new)?;
        if let Some(code) = &adjustment.merged_into
            && !self.rows.iter().any(|r| &r.code == code)
        {
            return Err(l.reason(&StageError::MergeTargetUnknown(code.clone())));
        }
        Ok(*adjustment)
    }

    pub(super) fn on_stage_form_key(
        &mut self,
        ev: KeyEvent,
        key: Key,
        cmd: Option<Command>,
    ) -> Result<(), StoreError> {
        let super::Overlay::Stage(f) = &mut self.overlay else {
            return Ok(());
        };
        // In a text field plain characters type; on the kind row they pick.
        let cmd = if f.focus != StageField::Kind && key.is_text() {
            None
        } else {
            cmd
        };
        match cmd {
            Some(Command::NextField) => f.step_focus(1),
            Some(Command::PrevField) => f.step_focus(-1),
            Some(Command::Confirm) => return self.confirm_stage(),
            Some(Command::Newline) if f.focus == StageField::Comment => f.comment.insert_newline(),
            Some(Command::Down | Command::Toggle) if f.focus == StageField::Kind => f.step_kind(1),
            Some(Command::Up) if f.focus == StageField::Kind => f.step_kind(-1),
            _ if f.focus == StageField::Kind => match key.code {
                KeyCode::Right | KeyCode::Char('l') => f.step_kind(1),
                KeyCode::Left | KeyCode::Char('h') => f.step_kind(-1),
                // 1…9 pick a kind by its place on the row.
                KeyCode::Char(c @ '1'..='9') => {
                    let i = c as usize - '1' as usize;
                    if i < f.stage.kinds().len() {
                        f.kind = i;
                    }
                }
                _ => {}
            },
            _ => {
                if key.code != KeyCode::Enter
                    && let Some(field) = f.field_mut()
                {
                    field.input(ev);
                }
            }
        }
        f.error = None;
        Ok(())
    }

    fn confirm_stage(&mut self) -> Result<(), StoreError> {
        let super::Overlay::Stage(f) = &self.overlay else {
            return Ok(());
        };
        match self.stage_preview(f) {
            Err(why) => {
                let why = if why.is_empty() {
                    self.lang
                        .t("请输入金额（万元）", "type the amount (万元)")
                        .to_string()
                } else {
                    why
                };
                if let super::Overlay::Stage(f) = &mut self.overlay {
                    f.error = Some(why);
                }
                Ok(())
            }
            Ok(a) => {
                let command = domain::Command::Stage {
                    stage: f.stage,
                    code: f.target.code.clone(),
                    command: StageCommand {
                        kind: a.kind,
                        amount: Some(a.amount),
                        merged_into: a.merged_into,
                    },
                };
                let comment = field_text(&f.comment);
                let target = f.target.clone();
                self.commit(&target, &command, Some(&comment))
            }
        }
    }
}
