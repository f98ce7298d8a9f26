//! Loading and refreshing: the state brought up to the database, at start,
//! after a commit here or in another session, and when the rows finish
//! loading in the background; and whether this session may write.

use super::{App, Loaded};
use crate::forms::Overlay;
use crate::i18n::Lang;
use crate::store::{Denied, ProjectDetail, StoreError};

impl App {
    /// The tally bar needs only the overall figures; the per-department
    /// ones are read while the tally panel is open.
    pub(super) fn load_tally(&mut self) -> Result<(), StoreError> {
        self.ceiling = self.store.ceiling()?;
        self.tally = if self.show_tally {
            self.store.tally()?
        } else {
            self.store.tally_overview()?
        };
        self.stage_tally = if self.stage().adjusts() {
            Some(self.store.stage_tally()?)
        } else {
            None
        };
        Ok(())
    }

    pub(super) fn on_loaded(&mut self, loaded: Loaded) -> Result<(), StoreError> {
        let keep = self.selected_row().map(|r| r.id);
        self.last_event = loaded.last_event;
        self.rows = loaded.rows;
        self.rows_replaced();
        self.loading = false;
        self.rebuild_view(keep);
        // Catch up with whatever was committed while loading.
        self.refresh()
    }

    /// Reloads everything shown from the database, keeping the selection
    /// (by project), the scroll position, the filter and any open form.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        let keep = self.selected_row().map(|r| r.id);
        self.meeting = self.store.meeting()?;
        self.follow_read_only()?;
        // The cursor first: a change committed while the rows are read is
        // then fetched again next time, never missed.
        self.last_event = self.store.last_event_id()?;
        self.rows = self.store.project_rows()?;
        self.rows_replaced();
        self.load_tally()?;
        self.rebuild_view(keep);
        self.load_detail()?;
        Ok(())
    }

    /// Brings the state up to the database after a commit, here or in
    /// another session: only the projects the event log says changed are
    /// read again, keeping selection, scroll, filter and open forms.
    pub fn refresh(&mut self) -> Result<(), StoreError> {
        let upto = self.store.last_event_id()?;
        self.meeting = self.store.meeting()?;
        self.follow_read_only()?;
        if upto == self.last_event {
            return Ok(());
        }
        // An open history takes in the new events at its top; scrolled down,
        // it keeps the lines in view where they are.
        if let Overlay::History(h) = &mut self.overlay {
            let fresh = self.store.events_after(h.newest())?;
            h.take_in(fresh);
        }
        let Some(ids) = self.store.changed_projects(self.last_event, upto)? else {
            return self.reload();
        };
        let keep = self.selected_row().map(|r| r.id);
        let mut changes = Vec::with_capacity(ids.len());
        for row in self.store.project_rows_by_id(&ids)? {
            match self.index.get(&row.id) {
                Some(&i) => changes.push((i, row)),
                None => return self.reload(),
            }
        }
        // A few changed rows are patched into the view; more rebuild it.
        self.view.patch(&mut self.rows, changes);
        self.last_event = upto;
        self.load_tally()?;
        self.rebuild_view(keep);
        self.load_detail()?;
        if let Some(id) = keep
            && ids.contains(&id)
            && self.selected_row().map(|r| r.id) != Some(id)
        {
            self.say_selection_left(id)?;
        }
        Ok(())
    }

    /// The project the reviewer was on was decided elsewhere and no longer
    /// matches the filter: the selection moved to another project, which
    /// must not pass unnoticed (the next key would decide that one).
    pub(super) fn say_selection_left(&mut self, id: i64) -> Result<(), StoreError> {
        let Some(&i) = self.index.get(&id) else {
            return Ok(());
        };
        let by = self
            .store
            .project_detail(id)?
            .history
            .first()
            .map(|e| e.reviewer.clone())
            .unwrap_or_default();
        let row = &self.rows[i];
        let now = self.decision_words(row);
        let code = row.code.clone();
        let next = self.selected_row().map(|r| r.code.clone());
        let text = match (self.lang, next) {
            (Lang::Zh, Some(next)) => {
                format!("{code} 已被 {by} 改为「{now}」，不再符合筛选；现选中 {next}")
            }
            (Lang::Zh, None) => format!("{code} 已被 {by} 改为「{now}」，不再符合筛选"),
            (Lang::En, Some(next)) => format!(
                "{code} was changed by {by} to {now} and left the filtered list; now on {next}"
            ),
            (Lang::En, None) => {
                format!("{code} was changed by {by} to {now} and left the filtered list")
            }
        };
        self.error(text);
        Ok(())
    }

    /// Brings `read_only` up to the database. A change (a lock or unlock, a
    /// roster change, the file replaced) is said on the status line too, so
    /// a refusal shown before an unlock does not stay there saying 只读.
    pub(super) fn follow_read_only(&mut self) -> Result<(), StoreError> {
        let now = self.why_read_only()?;
        if now != self.read_only {
            match &now {
                Some(why) => self.error(why.clone()),
                None => self.info(self.lang.t(
                    "不再只读，可以继续评审",
                    "no longer read-only; you can decide again",
                )),
            }
            self.read_only = now;
        }
        Ok(())
    }

    /// Why this session cannot write now, in the reader's language: opened
    /// read-only, the meeting locked, or the reviewer's role. Checked on
    /// every reload, so a lock or a roster change shows at once.
    pub(super) fn why_read_only(&self) -> Result<Option<String>, StoreError> {
        let l = self.lang;
        if !self.store.same_file() {
            return Ok(Some(
                l.t(
                    "只读：数据库文件已被删除或替换，请重新打开",
                    "read-only: the database file was deleted or replaced; open the meeting again",
                )
                .to_string(),
            ));
        }
        if self.store.is_read_only() {
            return Ok(Some(match self.store.read_only_reason() {
                Some(r) => format!("{}（{}）", l.t("只读", "read-only"), l.reason(r)),
                None => l.t("只读打开", "opened read-only").to_string(),
            }));
        }
        Ok(match self.store.access(&self.actor)? {
            Ok(_) => None,
            Err(d) => Some(match (l, d) {
                (Lang::Zh, Denied::NotOnRoster(n)) => format!("只读：{n} 不在本次会审名单中"),
                (Lang::Zh, Denied::Observer(n)) => format!("只读：{n} 为列席人员"),
                (
                    Lang::Zh,
                    Denied::BoundTo {
                        name,
                        os_user,
                        login,
                    },
                ) => {
                    format!("只读：{name} 绑定登录账号 {os_user}，当前为 {login}")
                }
                (Lang::Zh, Denied::Locked) => "只读：会审已由主持人锁定".to_string(),
                (Lang::Zh, Denied::NotChair(n)) => format!("只读：{n} 不是主持人"),
                (Lang::Zh, d @ Denied::LastChair(_)) => l.reason(&d),
                (Lang::En, d) => d.to_string(),
            }),
        })
    }

    pub(super) fn load_detail(&mut self) -> Result<(), StoreError> {
        self.detail = match self.selected_row() {
            Some(r) => self.store.project_detail(r.id)?,
            None => ProjectDetail::default(),
        };
        Ok(())
    }

    /// Brings `view` up to the rows, search, filter and sort, keeping
    /// `keep` selected if it is still in view.
    pub(super) fn rebuild_view(&mut self, keep: Option<i64>) {
        self.view
            .update(&self.rows, &self.filter, self.sort, &self.search);
        if let Some(id) = keep
            && let Some(&i) = self.index.get(&id)
            && let Some(pos) = self.view.position(&self.rows, i)
        {
            self.selected = pos;
        }
        self.selected = self.selected.min(self.view.len().saturating_sub(1));
        self.scroll_into_view();
    }

    /// Call whenever all of `rows` were read anew.
    pub(super) fn rows_replaced(&mut self) {
        self.view.rows_replaced(&self.rows);
        self.index = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id, i))
            .collect();
    }
}
