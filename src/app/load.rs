//! Loading and refreshing: the state brought up to the database, at start,
//! after a commit here or in another session, and when the rows finish
//! loading in the background; and whether this session may write.

use super::{App, Loaded};
use crate::forms::Overlay;
use crate::store::{ProjectDetail, ProjectRow, StoreError};
use crate::words::Say;
use crate::words::screen::{Note, ReadOnly};

impl App {
    /// The tally bar needs only the overall figures; the per-department
    /// ones are read while the tally panel is open.
    pub(super) fn load_tally(&mut self) -> Result<(), StoreError> {
        self.load_settings()?;
        self.load_figures()
    }

    /// What changes only by a meeting-wide event: the ceilings, the
    /// reasons, this reviewer's sections.
    fn load_settings(&mut self) -> Result<(), StoreError> {
        self.ceiling = self.store.ceiling()?;
        self.reasons = self.store.reasons()?;
        self.my_sections = self.store.sections_of(&self.actor.name)?;
        Ok(())
    }

    /// The figures, which any decision moves.
    fn load_figures(&mut self) -> Result<(), StoreError> {
        self.refresh_board()?;
        // Department ceilings are weighed against every department's
        // figures; without them the bar needs only the totals.
        self.tally = if self.show_tally || !self.ceiling.by_department.is_empty() {
            self.store.tally()?
        } else {
            self.store.tally_overview()?
        };
        self.follow_ceilings();
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
        let Some(changed) = self.store.changed_projects(self.last_event, upto)? else {
            return self.reload();
        };
        let ids = changed.projects;
        let keep = self.selected_row().map(|r| r.id);
        let mut changes = Vec::with_capacity(ids.len());
        let fresh = self.store.project_rows_by_id(&ids)?;
        self.widths = self.widths.widened(&fresh);
        for mut row in fresh {
            match ProjectRow::position(&self.rows, row.id) {
                Some(i) => {
                    row.share_with(&self.rows[i]);
                    changes.push((i, row))
                }
                None => return self.reload(),
            }
        }
        // A few changed rows are patched into the view; more rebuild it.
        self.view.patch(&mut self.rows, changes);
        self.last_event = upto;
        // With eight sessions deciding, every session does this at every
        // decision: what no event touched is not read again.
        if changed.meeting {
            self.load_settings()?;
        }
        self.load_figures()?;
        self.rebuild_view(keep);
        let now = self.selected_row().map(|r| r.id);
        if changed.meeting || now != keep || now.is_some_and(|id| ids.contains(&id)) {
            self.load_detail()?;
        }
        self.say_replaced(&ids)?;
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
        let Some(i) = ProjectRow::position(&self.rows, id) else {
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
        let note = Note::LeftFilter {
            code: row.code.to_string(),
            by,
            now: self.standing(row),
            next: self.selected_row().map(|r| r.code.to_string()),
        };
        let text = note.say(self.lang);
        self.error(text);
        Ok(())
    }

    /// Brings `read_only` up to the database. A change (a lock or unlock, a
    /// roster change, the file replaced) is said on the status line too, so
    /// a refusal shown before an unlock does not stay there saying 只读.
    pub(super) fn follow_read_only(&mut self) -> Result<(), StoreError> {
        let now = self.why_read_only()?;
        if now != self.read_only {
            let text = match &now {
                Some(why) => why.say(self.lang),
                None => Note::NoLongerReadOnly.say(self.lang),
            };
            match now {
                Some(_) => self.error(text),
                None => self.info(text),
            }
            self.read_only = now;
        }
        Ok(())
    }

    /// Why this session cannot write now: the file replaced, opened
    /// read-only, the meeting locked, or the reviewer's role. Checked on
    /// every reload, so a lock or a roster change shows at once.
    pub(super) fn why_read_only(&self) -> Result<Option<ReadOnly>, StoreError> {
        if !self.store.same_file() {
            return Ok(Some(ReadOnly::FileReplaced));
        }
        if self.store.is_read_only() {
            let why = self.store.read_only_reason().cloned();
            return Ok(Some(ReadOnly::Opened(why)));
        }
        Ok(self.store.access(&self.actor)?.err().map(ReadOnly::Denied))
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
        self.mine = self.mine_figures();
        self.shown_figures = (!self.filter.is_empty() || !self.search.is_empty()).then(|| {
            let mut f = crate::domain::Figures::default();
            for i in self.view.iter() {
                let r = &self.rows[i];
                f.add(&r.tally_row());
            }
            f
        });
        if let Some(id) = keep
            && let Some(i) = ProjectRow::position(&self.rows, id)
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
        self.widths = crate::layout::columns::Widths::of(&self.rows);
        debug_assert!(self.rows.is_sorted_by_key(|r| r.id), "rows in id order");
    }
}
