//! The open form or overlay: keys and pastes go to it, and the app commits
//! what it submits.

use ratatui::crossterm::event::KeyEvent;

use super::{App, Command};
use crate::forms::{Outcome, Overlay, Press, Submit, Target};
use crate::store::StoreError;
use crate::words::Say;
use crate::words::screen::Note;

impl App {
    pub(super) fn on_paste(&mut self, text: &str) {
        if let Some(s) = self.searching.as_mut() {
            self.search = s.paste(text);
            self.rebuild_view(None);
            return;
        }
        self.overlay.paste(text);
    }

    /// A key for the search field or an open form: the form handles it,
    /// the app commits what it submits.
    pub(super) fn on_form_key(&mut self, ev: KeyEvent) -> Result<(), StoreError> {
        let press = Press::new(ev, &self.keymap);
        let keep = self.selected_row().map(|r| r.id);
        if let Some(search) = self.searching.as_mut() {
            if press.command() == Some(Command::Quit) {
                self.searching = None;
                return Ok(());
            }
            return match search.on_key(&press) {
                Outcome::Submit(Submit::Search(text)) => {
                    self.search = text;
                    self.selected = 0;
                    self.rebuild_view(keep);
                    self.load_detail()
                }
                Outcome::Submit(Submit::ClearSearch) => {
                    self.searching = None;
                    self.search.clear();
                    self.rebuild_view(self.selected_row().map(|r| r.id));
                    self.load_detail()
                }
                Outcome::Close => {
                    self.searching = None;
                    Ok(())
                }
                _ => Ok(()),
            };
        }
        // The quit key (Ctrl-C) in a form closes it, and says how to quit.
        if press.command() == Some(Command::Quit) {
            self.overlay = Overlay::None;
            let key = self.list_key(Command::Quit);
            self.info(Note::FormClosed { quit: key }.say(self.lang));
            return Ok(());
        }
        // The form is taken out while it reads the app's state, and put
        // back before anything is committed.
        let mut form = std::mem::replace(&mut self.overlay, Overlay::None);
        let outcome = form.on_key(&press, &self.ctx());
        self.overlay = form;
        self.apply(outcome)
    }

    /// A key for the help or the history.
    pub(super) fn on_overlay_key(&mut self, cmd: Command) -> Result<(), StoreError> {
        let mut overlay = std::mem::replace(&mut self.overlay, Overlay::None);
        let outcome = overlay.on_command(cmd, &self.ctx());
        self.overlay = overlay;
        self.apply(outcome)
    }

    /// Does what a form asked for.
    pub(super) fn apply(&mut self, outcome: Outcome) -> Result<(), StoreError> {
        match outcome {
            Outcome::Stay => {}
            Outcome::Close => {
                self.overlay = Overlay::None;
                // A refusal that asked for Enter in the form now says what
                // to do from the list.
                if let Some((open, closed)) = self.form_refused.take()
                    && self.message.as_ref().is_some_and(|m| m.text == open)
                {
                    self.error(closed);
                }
            }
            Outcome::Quit => self.quit = true,
            Outcome::GoTo(code) => {
                self.overlay = Overlay::None;
                self.go_to(&code)?;
            }
            Outcome::Submit(Submit::Decide {
                target,
                command,
                comment,
                reasons,
                next,
            }) => {
                self.commit(&target, &command, comment.as_deref(), reasons.as_deref())?;
                if next {
                    self.next_pending(true)?;
                }
            }
            Outcome::Submit(Submit::Comment {
                target,
                body,
                internal,
            }) => self.add_comment(&target, &body, internal)?,
            Outcome::Submit(Submit::Filter(filter)) => {
                self.overlay = Overlay::None;
                self.filter = filter;
                self.selected = 0;
                self.rebuild_view(self.selected_row().map(|r| r.id));
                self.load_detail()?;
            }
            Outcome::Submit(Submit::Sort(sort)) => {
                self.overlay = Overlay::None;
                self.sort = sort;
                self.rebuild_view(self.selected_row().map(|r| r.id));
            }
            Outcome::Submit(Submit::DepartmentCeiling { department, amount }) => {
                self.set_department_ceiling(department, amount)?
            }
            // The search field's own; no form submits them.
            Outcome::Submit(Submit::Search(_) | Submit::ClearSearch) => {}
        }
        Ok(())
    }

    /// Writes a comment from the comment form. Refused (a lock, a role
    /// change, a busy database), the form stays open with the text and says
    /// why.
    pub(super) fn add_comment(
        &mut self,
        target: &Target,
        body: &str,
        internal: bool,
    ) -> Result<(), StoreError> {
        if let Err(e) =
            self.store
                .add_comment_scoped(target.project_id, body, internal, &self.actor)
        {
            let _ = self.refresh();
            let why = self.refusal(&e).say(self.lang);
            if let Overlay::Comment(f) = &mut self.overlay {
                f.error = Some(why.clone());
                self.said = Some(why);
            }
            return Err(e);
        }
        self.overlay = Overlay::None;
        self.refresh()?;
        let code = target.code.clone();
        self.info(Note::CommentSaved { code, internal }.say(self.lang));
        Ok(())
    }
}
