//! Deciding: the one-key decisions and the forms that decide, the commit
//! against the version the reviewer saw, and what a refusal says.

use super::{App, Command};
use crate::domain::{self, Stage, State};
use crate::forms::{AdjustForm, CancelForm, CommentForm, CutForm, Overlay, StageForm, Target};
use crate::i18n::Lang;
use crate::keymap::Mode;
use crate::store::{ProjectRow, StoreError};
use crate::words::screen::short_time;

impl App {
    pub(super) fn target(&self) -> Option<Target> {
        self.selected_row().map(|r| Target {
            project_id: r.id,
            code: r.code.clone(),
            name: r.name.clone(),
            requested: r.requested,
            version: r.version,
        })
    }

    pub(super) fn decision_command(&mut self, cmd: Command) -> Result<(), StoreError> {
        if let Some(why) = &self.read_only {
            let text = format!(
                "{why}{}",
                self.lang.t("，不能修改", ": cannot change anything")
            );
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
                self.point_to_stage_form("没有「通过」", "has no plain approval")
            }
            Command::Adjust if self.stage().adjusts() => {
                self.point_to_stage_form("不调整绩效目标", "does not adjust targets")
            }
            Command::Approve | Command::Reset if !self.confirmed(&target, cmd) => {}
            Command::Approve => self.commit(&target, &domain::Command::Approve, None)?,
            Command::Reset => self.commit(&target, &domain::Command::Reset, None)?,
            Command::Cut if self.stage().adjusts() => {
                let current = self
                    .selected_row()
                    .filter(|r| r.id == target.project_id)
                    .and_then(|r| r.decision.stage.as_deref());
                self.overlay = Overlay::Stage(StageForm::open(target, self.stage(), current));
            }
            Command::Cut => self.overlay = Overlay::Cut(CutForm::open(target)),
            Command::Cancel => self.overlay = Overlay::Cancel(CancelForm::open(target)),
            Command::Adjust => {
                let current = self
                    .selected_row()
                    .and_then(|r| r.decision.adjust.as_deref());
                let form = AdjustForm::open(target, &self.detail.indicators, current);
                self.overlay = Overlay::Adjust(form);
            }
            Command::Comment => self.overlay = Overlay::Comment(CommentForm::open(target)),
            Command::Undo => {
                let (code, d) = match self.store.undo_last(&self.actor) {
                    Err(StoreError::Conflict(c)) => {
                        self.refresh()?;
                        // What it is now, in the words of every other message.
                        let now = self.now_words(&c);
                        let text = match self.lang {
                            Lang::Zh => format!(
                                "不能撤销：{} 在你之后已被 {} 于 {} 改为「{now}」",
                                c.code,
                                c.by,
                                short_time(&c.at),
                            ),
                            Lang::En => format!(
                                "cannot undo: {} was changed after you by {} at {} (now {now})",
                                c.code,
                                c.by,
                                short_time(&c.at),
                            ),
                        };
                        self.error(text);
                        return Ok(());
                    }
                    other => other?,
                };
                self.refresh()?;
                let now = self
                    .lang
                    .decision(d.state, d.approved, None, d.adjust.is_some());
                self.info(format!(
                    "{}{code} → {now}",
                    self.lang.t("已撤销：", "undone: ")
                ));
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
    ) -> Result<(), StoreError> {
        let saved = match self.store.decide(
            target.project_id,
            target.version,
            command,
            comment,
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
        if let Some(a) = &saved.decision.stage {
            let stage = self.stage();
            let kind = self.lang.t(stage.kind_zh(a.kind), a.kind.en());
            self.info(format!(
                "{} {} → {kind} {} 万元",
                self.lang.t("已保存", "saved"),
                target.code,
                a.amount.wan_display()
            ));
            return Ok(());
        }
        let d = &saved.decision;
        self.info(format!(
            "{} {} → {}",
            self.lang.t("已保存", "saved"),
            target.code,
            self.lang.decision(
                d.state,
                d.approved,
                Some(target.requested),
                d.adjust.is_some()
            )
        ));
        Ok(())
    }

    /// A decision form whose Enter was refused: brought up to the
    /// database, it says why on its error line.
    pub(super) fn keep_form_after(&mut self, e: &StoreError) {
        let _ = self.refresh();
        let fresh = self
            .overlay
            .decision_form()
            .and_then(|(t, _)| self.index.get(&t.project_id))
            .map(|&i| (self.rows[i].version, self.decision_words(&self.rows[i])));
        let why = match e {
            StoreError::Conflict(c) => {
                let now = fresh.as_ref().map_or("", |f| f.1.as_str());
                match self.lang {
                    Lang::Zh => format!("未保存：{} 已改为「{now}」；再按 Enter 以此覆盖", c.by),
                    Lang::En => {
                        format!("not saved: {} made it {now}; Enter again replaces it", c.by)
                    }
                }
            }
            other => self.describe_error(other),
        };
        if let Some((target, error)) = self.overlay.decision_form() {
            if let (StoreError::Conflict(_), Some((version, _))) = (e, &fresh) {
                target.version = *version;
            }
            *error = Some(why);
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
        let l = self.lang;
        let now = match &d.stage {
            Some(a) => format!(
                "{} {} 万元",
                l.t(self.stage().kind_zh(a.kind), a.kind.en()),
                a.amount.wan_display()
            ),
            None => l.decision(d.state, d.approved, Some(row.requested), d.adjust.is_some()),
        };
        let key = self
            .keymap
            .key_for(Mode::List, cmd)
            .map(|k| k.to_string())
            .unwrap_or_default();
        let (zh, en) = cmd.describe_at(self.stage());
        let text = match l {
            Lang::Zh => format!(
                "{} 现为「{now}」：再按 {key} 确认{zh}，其他键放弃",
                target.code
            ),
            Lang::En => format!(
                "{} is now {now}: press {key} again to {en}, any other key to leave it",
                target.code
            ),
        };
        self.confirm = Some(armed);
        self.error(text);
        false
    }

    pub(super) fn point_to_stage_form(&mut self, zh: &str, en: &str) {
        let stage = self.stage();
        let key = self
            .keymap
            .key_for(Mode::List, Command::Cut)
            .map(|k| k.to_string())
            .unwrap_or_default();
        let text = match self.lang {
            Lang::Zh => format!("{}{zh}：按 {key} 作出本阶段的决定", stage.zh()),
            Lang::En => format!("{} {en}: press {key} to decide for this stage", stage.en()),
        };
        self.error(text);
    }

    /// What a conflicting change left the project at, in words: from its
    /// row as just reloaded (a later stage's kind and amount), else from
    /// the conflict itself.
    pub(super) fn now_words(&self, c: &crate::store::Conflict) -> String {
        match self.rows.iter().find(|r| r.code == c.code) {
            Some(r) => self.decision_words(r),
            None => self.lang.decision(c.state, c.approved, None, false),
        }
    }

    /// A project's decision in words: a later stage's kind and amount, else
    /// the state with its amounts.
    pub(super) fn decision_words(&self, row: &ProjectRow) -> String {
        let d = &row.decision;
        match &d.stage {
            Some(a) => format!(
                "{} {} 万元",
                self.lang.t(self.stage().kind_zh(a.kind), a.kind.en()),
                a.amount.wan_display()
            ),
            None => {
                self.lang
                    .decision(d.state, d.approved, Some(row.requested), d.adjust.is_some())
            }
        }
    }

    pub(super) fn describe_error(&self, e: &StoreError) -> String {
        let l = self.lang;
        match e {
            StoreError::Conflict(c) => {
                let now = self.now_words(c);
                match l {
                    Lang::Zh => format!(
                        "未保存：{} 已被 {} 于 {} 改为「{now}」，请按最新状态重新决定",
                        c.code,
                        c.by,
                        short_time(&c.at),
                    ),
                    Lang::En => format!(
                        "not saved: {} was changed by {} at {} to {now}; decide again on the fresh state",
                        c.code,
                        c.by,
                        short_time(&c.at),
                    ),
                }
            }
            StoreError::Decision(d) if l == Lang::Zh => format!("未保存：{}", l.reason(d)),
            StoreError::Busy => l
                .t(
                    "未保存：数据库被其他会话长时间锁定，请重试",
                    "not saved: the database stayed locked by another session; try again",
                )
                .to_string(),
            StoreError::NothingToUndo => l
                .t("没有可撤销的决定", "you have no decision left to undo")
                .to_string(),
            StoreError::Denied(_) => match &self.read_only {
                Some(why) => format!("{why}{}", l.t("：未写入", ": nothing was written")),
                None => l.reason(e),
            },
            StoreError::ReadOnly => l
                .t("只读：未写入任何数据", "read-only: nothing was written")
                .to_string(),
            other => format!("{}{}", l.t("错误：", "error: "), l.reason(other)),
        }
    }
}
