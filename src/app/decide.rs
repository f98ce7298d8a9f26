//! Deciding: the one-key decisions and the forms that decide, the commit
//! against the version the reviewer saw, and what a refusal says.

use super::{App, Command};
use crate::domain::{self, Stage, State};
use crate::forms::{AdjustForm, CancelForm, CommentForm, CutForm, Overlay, StageForm, Target};
use crate::keymap::Mode;
use crate::store::{Conflict, ProjectRow, StoreError};
use crate::words::Say;
use crate::words::screen::{Changed, KeyFor, NotAtStage, Note, Standing};

impl App {
    pub(super) fn target(&self) -> Option<Target> {
        self.selected_row().map(|r| Target {
            project_id: r.id,
            code: r.code.to_string(),
            name: r.name.to_string(),
            requested: r.requested,
            version: r.version,
        })
    }

    pub(super) fn decision_command(&mut self, cmd: Command) -> Result<(), StoreError> {
        if let Some(why) = &self.read_only {
            let text = Note::CannotChange(why).say(self.lang);
            self.error(text);
            return Ok(());
        }
        let Some(target) = self.target() else {
            return Ok(());
        };
        match cmd {
            // Monitoring has no plain approval and later stages adjust no
            // targets: say which key decides instead of refusing blankly.
            Command::Approve if self.stage() == Stage::Monitoring => {
                self.point_to_stage_form(NotAtStage::Approve)
            }
            Command::Adjust if self.stage().adjusts() => {
                self.point_to_stage_form(NotAtStage::Adjust)
            }
            Command::Approve | Command::Reset if !self.confirmed(&target, cmd) => {}
            Command::Approve => self.commit(&target, &domain::Command::Approve, None, None)?,
            Command::Reset => self.commit(&target, &domain::Command::Reset, None, None)?,
            Command::Cut if self.stage().adjusts() => {
                let current = self
                    .selected_row()
                    .filter(|r| r.id == target.project_id)
                    .and_then(|r| r.decision.stage.as_deref());
                self.overlay = Overlay::Stage(StageForm::open(target, self.stage(), current));
            }
            Command::Cut => {
                self.overlay = Overlay::Cut(CutForm::open(target, &self.detail.reasons))
            }
            Command::Cancel => {
                self.overlay = Overlay::Cancel(CancelForm::open(target, &self.detail.reasons))
            }
            Command::Adjust => {
                let current = self
                    .selected_row()
                    .and_then(|r| r.decision.adjust.as_deref());
                // A revision in is returned on its own indicators.
                let indicators = self
                    .detail
                    .revised
                    .as_deref()
                    .unwrap_or(&self.detail.indicators);
                let form = AdjustForm::open(target, indicators, current);
                self.overlay = Overlay::Adjust(form);
            }
            Command::ConfirmTargets if self.stage().adjusts() => {
                self.point_to_stage_form(NotAtStage::Adjust)
            }
            Command::ConfirmTargets => {
                self.commit(&target, &domain::Command::ConfirmRevision, None, None)?
            }
            Command::Comment => self.overlay = Overlay::Comment(CommentForm::open(target)),
            Command::Undo => {
                let (code, d) = match self.store.undo_last(&self.actor) {
                    Err(StoreError::Conflict(c)) => {
                        self.refresh()?;
                        let text = Note::CannotUndo(self.changed(&c)).say(self.lang);
                        self.error(text);
                        return Ok(());
                    }
                    other => other?,
                };
                self.refresh()?;
                let now = Standing::Decision {
                    state: d.state,
                    approved: d.approved,
                    requested: None,
                    adjust: d.adjust.as_ref().map(|a| a.revision),
                };
                self.info(Note::Undone { code, now }.say(self.lang));
            }
            _ => {}
        }
        Ok(())
    }

    /// Writes one decision made against the version the reviewer saw. A
    /// form it came from closes once the decision is written; refused, the
    /// form stays open with everything typed in it and says why, so nothing
    /// the reviewer wrote is lost: after someone else's change it now
    /// stands against that fresh state (Enter again decides on it), after
    /// a lock or a busy database Enter tries again.
    pub(super) fn commit(
        &mut self,
        target: &Target,
        command: &domain::Command,
        comment: Option<&str>,
        reasons: Option<&[i64]>,
    ) -> Result<(), StoreError> {
        let saved = match self.store.decide_with(
            target.project_id,
            target.version,
            command,
            comment,
            reasons,
            &self.actor,
        ) {
            Ok(saved) => saved,
            Err(e) => {
                self.keep_form_after(&e);
                return Err(e);
            }
        };
        if self.overlay.decision_form().is_some() {
            self.overlay = Overlay::None;
        }
        self.refresh()?;
        let d = &saved.decision;
        let now = match &d.stage {
            Some(a) => Standing::Stage {
                stage: self.stage(),
                kind: a.kind,
                amount: a.amount,
            },
            None => Standing::Decision {
                state: d.state,
                approved: d.approved,
                requested: Some(target.requested),
                adjust: d.adjust.as_ref().map(|a| a.revision),
            },
        };
        let code = target.code.clone();
        // Nothing written (the version did not move): say so, not 已保存.
        if saved.version == target.version {
            let comment = comment.is_some_and(|c| !c.trim().is_empty());
            self.info(Note::Unchanged { code, now, comment }.say(self.lang));
            return Ok(());
        }
        self.info(Note::Saved { code, now }.say(self.lang));
        if let Some(m) = &self.message {
            self.saved = Some((target.project_id, saved.version, m.text.clone()));
        }
        Ok(())
    }

    /// The reviewer's decision just saved, still on the status line, was
    /// replaced by someone else's (the project is among `changed`): the
    /// status line says so, and by whom, instead of 已保存.
    pub(super) fn say_replaced(&mut self, changed: &[i64]) -> Result<(), StoreError> {
        let Some((id, version, text)) = self.saved.clone() else {
            return Ok(());
        };
        let still_shown = self.message.as_ref().is_some_and(|m| m.text == text);
        if !still_shown {
            self.saved = None;
            return Ok(());
        }
        let Some(i) = ProjectRow::position(&self.rows, id) else {
            return Ok(());
        };
        if !changed.contains(&id) || self.rows[i].version <= version {
            return Ok(());
        }
        self.saved = None;
        let latest = self.store.project_detail(id)?.history.into_iter().next();
        let (by, at) = latest.map(|e| (e.reviewer, e.at)).unwrap_or_default();
        let row = &self.rows[i];
        let note = Note::Replaced(Changed {
            code: row.code.to_string(),
            by,
            at,
            now: self.standing(row),
        });
        let text = note.say(self.lang);
        self.error(text);
        Ok(())
    }

    /// A decision form whose Enter was refused: brought up to the
    /// database, it says why on its error line, and the status line says
    /// the same (`said`).
    pub(super) fn keep_form_after(&mut self, e: &StoreError) {
        let _ = self.refresh();
        let fresh = self
            .overlay
            .decision_form()
            .and_then(|(t, _)| ProjectRow::position(&self.rows, t.project_id))
            .map(|i| self.rows[i].version);
        let (why, after) = match e {
            StoreError::Conflict(c) => {
                let changed = self.changed(c);
                let after = Note::NotSaved(changed.clone()).say(self.lang);
                (Note::FormOutdated(changed).say(self.lang), Some(after))
            }
            other => (self.refusal(other).say(self.lang), None),
        };
        if let Some((target, error)) = self.overlay.decision_form() {
            if let (StoreError::Conflict(_), Some(version)) = (e, fresh) {
                target.version = version;
            }
            *error = Some(why.clone());
            self.said = Some(why.clone());
            self.form_refused = after.map(|after| (why, after));
        }
    }

    /// Whether a one-key decision may go ahead. One that would replace a
    /// different decision (a cut approved in full, a decision reset) is
    /// asked again first: a stray key on a shared screen must not silently
    /// change money. The same key again confirms.
    pub(super) fn confirmed(&mut self, target: &Target, cmd: Command) -> bool {
        let Some(row) = self.selected_row() else {
            return true;
        };
        let d = &row.decision;
        let replaces = match cmd {
            Command::Approve => {
                d.state.is_decided()
                    && !(d.state == State::Approved
                        && d.stage
                            .as_ref()
                            .is_none_or(|a| a.kind == domain::Kind::Keep))
            }
            _ => d.state.is_decided(),
        };
        let armed = (target.project_id, target.version, cmd);
        if !replaces || self.confirm == Some(armed) {
            return true;
        }
        let note = Note::ConfirmReplace {
            code: target.code.clone(),
            now: self.standing(row),
            again: KeyFor {
                key: self.list_key(cmd),
                does: cmd.describe_at(self.stage()),
            },
        };
        let text = note.say(self.lang);
        self.confirm = Some(armed);
        self.error(text);
        false
    }

    fn point_to_stage_form(&mut self, what: NotAtStage) {
        let note = Note::NotAtStage {
            stage: self.stage(),
            what,
            key: self.list_key(Command::Cut),
        };
        let text = note.say(self.lang);
        self.error(text);
    }

    /// The first key of `cmd` in the project list, for a message that
    /// asks for it.
    pub(super) fn list_key(&self, cmd: Command) -> String {
        self.keymap
            .key_for(Mode::List, cmd)
            .map(|k| k.to_string())
            .unwrap_or_default()
    }

    /// A project's decision as its row has it.
    pub(super) fn standing(&self, row: &ProjectRow) -> Standing {
        Standing::of(row, self.stage())
    }

    /// Someone else's change, as a fact: what the project is now from its
    /// row as just reloaded (a later stage's kind and amount), else from
    /// the conflict itself.
    fn changed(&self, c: &Conflict) -> Changed {
        let now = match self.rows.iter().find(|r| *r.code == *c.code) {
            Some(r) => self.standing(r),
            None => Standing::Decision {
                state: c.state,
                approved: c.approved,
                requested: None,
                adjust: None,
            },
        };
        Changed {
            code: c.code.clone(),
            by: c.by.clone(),
            at: c.at.clone(),
            now,
        }
    }

    /// A refused write, as a fact: in the light of what the database holds
    /// now (someone else's change) and of why this session is read-only.
    pub(super) fn refusal<'a>(&'a self, e: &'a StoreError) -> Note<'a> {
        match (e, &self.read_only) {
            (StoreError::Conflict(c), _) => Note::NotSaved(self.changed(c)),
            (StoreError::Denied(_), Some(why)) => Note::NothingWritten(why),
            (other, _) => Note::Failed(other),
        }
    }
}
