//! What reviewers weigh, on the screen: a section head's own sections (the
//! list opens on them, a key shows everything, the tally bar shows their
//! progress beside the meeting's), the departments over their ceiling (a
//! filter the app keeps up to date) and the chair's form for a
//! department's ceiling.

use super::{App, Command};
use crate::domain::Figures;
use crate::forms::{CeilingForm, Overlay};
use crate::store::StoreError;
use crate::words::Say;
use crate::words::weigh::{CeilingWords, MineWords};

impl App {
    /// At start: a reviewer who looks after sections sees theirs.
    pub(super) fn open_on_mine(&mut self) {
        if self.my_sections.is_empty() {
            return;
        }
        self.filter.mine = Some(self.my_sections.clone());
        self.selected = 0;
        self.rebuild_view(None);
        let all_key = self.list_key(Command::ToggleMine);
        self.info(
            MineWords::Only {
                sections: self.my_sections.clone(),
                all_key,
            }
            .say(self.lang),
        );
    }

    /// The key between the reviewer's sections and everything.
    pub(super) fn toggle_mine(&mut self) -> Result<(), StoreError> {
        if self.my_sections.is_empty() {
            self.info(MineWords::None.say(self.lang));
            return Ok(());
        }
        let keep = self.selected_row().map(|r| r.id);
        let key = self.list_key(Command::ToggleMine);
        let said = if self.filter.mine.is_some() {
            self.filter.mine = None;
            MineWords::All { mine_key: key }
        } else {
            self.filter.mine = Some(self.my_sections.clone());
            MineWords::Only {
                sections: self.my_sections.clone(),
                all_key: key,
            }
        };
        self.rebuild_view(keep);
        self.load_detail()?;
        self.info(said.say(self.lang));
        Ok(())
    }

    /// After the tally is read: the departments over their ceiling, and a
    /// filter on them follows.
    pub(super) fn follow_ceilings(&mut self) {
        self.over = self.ceiling.departments_over(&self.tally);
        if let Some(list) = &mut self.filter.over_ceiling
            && *list != self.over
        {
            *list = self.over.clone();
        }
        if let Some(list) = &mut self.filter.mine
            && *list != self.my_sections
            && !self.my_sections.is_empty()
        {
            *list = self.my_sections.clone();
        }
    }

    /// The figures of the reviewer's sections, from the rows in memory.
    pub(super) fn mine_figures(&self) -> Option<Figures> {
        if self.my_sections.is_empty() {
            return None;
        }
        let mut f = Figures::default();
        for r in &self.rows {
            if r.section
                .as_deref()
                .is_some_and(|s| self.my_sections.iter().any(|m| m == s))
            {
                f.add(&r.tally_row());
            }
        }
        Some(f)
    }

    /// Opens the ceiling form on the selected project's department.
    pub(super) fn open_ceiling_form(&mut self) -> Result<(), StoreError> {
        let Some(r) = self.selected_row() else {
            return Ok(());
        };
        let department = r.department.to_string();
        // The department's figures, read now: the bar reads only the totals.
        let t = self.store.tally()?;
        let f = t
            .by_department
            .iter()
            .find(|(d, _)| *d == department)
            .map(|(_, f)| *f)
            .unwrap_or_default();
        let projected = f.approved + (f.requested - f.decided_requested);
        let fit = self.ceiling.department_fit(&department, &f);
        self.overlay = Overlay::Ceiling(CeilingForm::open(department, projected, fit));
        Ok(())
    }

    /// Writes a department's ceiling from the form; refused (not the
    /// chair), the form stays open and says why.
    pub(super) fn set_department_ceiling(
        &mut self,
        department: String,
        amount: Option<crate::domain::Money>,
    ) -> Result<(), StoreError> {
        let list = [(department.clone(), amount)];
        if let Err(e) = self.store.set_department_ceilings(&list, &self.actor) {
            let why = self.refusal(&e).say(self.lang);
            if let Overlay::Ceiling(f) = &mut self.overlay {
                f.error = Some(why.clone());
                self.said = Some(why);
            }
            return Err(e);
        }
        self.overlay = Overlay::None;
        self.load_tally()?;
        self.rebuild_view(self.selected_row().map(|r| r.id));
        self.info(CeilingWords::Set { department, amount }.say(self.lang));
        Ok(())
    }
}
