//! Moving about: the list's keys (a row, a page, the ends, the next
//! pending), the panes, opening the search, filter, sort, help and history,
//! and keeping the selection in view at the screen's size.

use super::{App, Command};
use crate::domain::State;
use crate::forms::{FilterForm, Help, History, Overlay, Search, SortForm};
use crate::layout;
use crate::listing::Filter;
use crate::store::StoreError;
use crate::words::Say;
use crate::words::screen::Note;

impl App {
    /// Rows the list can show at the current size.
    pub fn list_capacity(&self) -> usize {
        let full = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        layout::list_capacity(full, &self.shape(self.size.0)) as usize
    }

    /// What the screen's layout depends on at `width`: the lines the tally
    /// bar and the status line need there, and the panes open.
    pub fn shape(&self, width: u16) -> layout::Shape {
        layout::Shape {
            tally_lines: self.tally_bar().lines(width).len() as u16,
            status_lines: self.status_height(width),
            // The ranking takes the width the detail pane would.
            show_detail: self.show_detail && !self.show_tally,
            detail_focus: self.detail_focus,
            show_tally: self.show_tally,
        }
    }

    /// The tally bar's figures as they stand.
    pub fn tally_bar(&self) -> layout::bar::Bar<'_> {
        layout::bar::Bar {
            tally: &self.tally,
            shown: self.shown_figures.as_ref(),
            mine: self.mine.as_ref(),
            shown_is_mine: self.filter.is_only_mine() && self.search.is_empty(),
            stage_tally: self.stage_tally.as_ref(),
            ceiling: &self.ceiling,
            lang: self.lang,
            theme: self.theme,
        }
    }

    /// What the status line says before a message or the hints.
    pub fn status_prefix(&self) -> String {
        layout::status_prefix(
            self.lang,
            self.loading
                .then_some((self.rows.len(), self.tally.total.projects)),
            &self.search,
            !self.filter.is_empty(),
            (self.view.len(), self.rows.len()),
        )
    }

    /// How many lines the status line takes at `width`: the search field or
    /// the hints take one, a message as many as it wraps over.
    pub(super) fn status_height(&self, width: u16) -> u16 {
        match &self.message {
            Some(m) if self.searching.is_none() => {
                let text = format!("{}{}", self.status_prefix(), m.text);
                layout::message_lines(&text, usize::from(width)).len() as u16
            }
            _ => 1,
        }
    }

    pub(super) fn scroll_into_view(&mut self) {
        let cap = self.list_capacity().max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + cap {
            self.offset = self.selected + 1 - cap;
        }
        let max_offset = self.view.len().saturating_sub(cap);
        self.offset = self.offset.min(max_offset);
    }

    pub(super) fn run_in_list(&mut self, cmd: Command) -> Result<(), StoreError> {
        if self.detail_focus {
            // The focused detail pane scrolls; back leaves it.
            let scroll = self.detail_scroll;
            self.detail_scroll = match cmd {
                Command::Up => scroll.saturating_sub(1),
                Command::Down => scroll.saturating_add(1),
                Command::PageUp => scroll.saturating_sub(10),
                Command::PageDown => scroll.saturating_add(10),
                Command::Back | Command::ToggleDetail => {
                    self.detail_focus = false;
                    return Ok(());
                }
                _ => return self.run(cmd),
            };
            return Ok(());
        }
        self.run(cmd)
    }

    pub(super) fn move_to(&mut self, index: usize) -> Result<(), StoreError> {
        let before = self.selected_row().map(|r| r.id);
        self.selected = index.min(self.view.len().saturating_sub(1));
        self.scroll_into_view();
        if self.selected_row().map(|r| r.id) != before {
            self.detail_scroll = 0;
            self.load_detail()?;
        }
        Ok(())
    }

    /// Selects the project of `code`, clearing a search or filter that
    /// hides it.
    pub(super) fn go_to(&mut self, code: &str) -> Result<(), StoreError> {
        let Some(i) = self.rows.iter().position(|r| *r.code == *code) else {
            return Ok(());
        };
        if self.view.position(&self.rows, i).is_none() {
            self.search.clear();
            self.filter = Filter::default();
            self.rebuild_view(None);
        }
        if let Some(pos) = self.view.position(&self.rows, i) {
            self.move_to(pos)?;
        }
        Ok(())
    }

    /// Moves to the next pending project in the list as shown, wrapping.
    /// None left: says so — in the filtered list, with how many are pending
    /// elsewhere. After a save (`after_save`) the saved message stays.
    pub(super) fn next_pending(&mut self, after_save: bool) -> Result<(), StoreError> {
        let n = self.view.len();
        let pending = |i: &usize| self.rows[self.view.at(*i)].decision.state == State::Pending;
        // A reviewer who looks after sections goes to their own next
        // pending project first, even while the list shows everything.
        let mine = |i: &usize| {
            self.rows[self.view.at(*i)]
                .section
                .as_deref()
                .is_some_and(|s| self.my_sections.iter().any(|m| m == s))
        };
        let order = || (1..=n).map(|k| (self.selected + k) % n.max(1));
        let found = order()
            .filter(pending)
            .find(|i| self.my_sections.is_empty() || mine(i))
            .or_else(|| order().find(pending));
        match found {
            Some(i) => self.move_to(i)?,
            None if after_save => {}
            None => {
                let elsewhere = self.tally.total.counts.pending;
                let note = if self.filter.is_empty() && self.search.is_empty() {
                    Note::NothingPending
                } else {
                    Note::NothingPendingShown {
                        elsewhere,
                        clear: self.list_key(Command::Back),
                    }
                };
                self.info(note.say(self.lang));
            }
        }
        Ok(())
    }

    pub(super) fn run(&mut self, cmd: Command) -> Result<(), StoreError> {
        let page = self.list_capacity().max(1);
        match cmd {
            Command::Up => self.move_to(self.selected.saturating_sub(1))?,
            Command::Down => self.move_to(self.selected + 1)?,
            Command::PageUp => {
                self.offset = self.offset.saturating_sub(page);
                self.move_to(self.selected.saturating_sub(page))?
            }
            Command::PageDown => {
                self.offset += page;
                self.move_to(self.selected + page)?
            }
            Command::Top => self.move_to(0)?,
            Command::Bottom => self.move_to(usize::MAX)?,
            Command::NextPending => self.next_pending(false)?,
            Command::ToggleMine => self.toggle_mine()?,
            Command::DepartmentCeiling => self.open_ceiling_form()?,
            Command::ToggleDetail => {
                if self.show_detail && !self.detail_focus && self.size.0 < 120 {
                    self.detail_focus = true;
                } else {
                    self.show_detail = !self.show_detail;
                    self.detail_focus = false;
                }
                self.scroll_into_view();
            }
            Command::ToggleTally => self.toggle_ranking()?,
            Command::Board => self.toggle_board()?,
            Command::Help => self.overlay = Overlay::Help(Help::open()),
            Command::History => {
                let events = self.store.events_after(0)?;
                self.overlay = Overlay::History(History::open(events, &self.rows));
            }
            Command::Quit => self.quit = true,
            Command::Export => {
                use crate::export::{Encoding, Format, default_path, export};
                use crate::words::Say;
                let out = default_path(self.store.path(), Format::Xlsx);
                match export(&self.store, Format::Xlsx, &out, Encoding::Utf8, self.lang) {
                    Ok(written) => self.info(written.say(self.lang)),
                    Err(why) => self.error(why.say(self.lang)),
                }
            }
            Command::ExportDocuments => {
                use crate::export::Format;
                use crate::export::documents::{
                    default_doc_path, export_minutes, export_opinions, export_targets,
                };
                use crate::words::Say;
                let db = self.store.path().to_path_buf();
                let beside = |what: &str| default_doc_path(&db, what, Format::Xlsx);
                let written = export_opinions(
                    &self.store,
                    Format::Xlsx,
                    &beside("审核意见书").with_extension(""),
                )
                .and_then(|o| {
                    export_targets(&self.store, Format::Xlsx, &beside("绩效目标表"), false)
                        .map(|t| (o, t))
                })
                .and_then(|(o, t)| {
                    export_minutes(&self.store, Format::Xlsx, &beside("会议纪要"), &[])
                        .map(|m| (o, t, m))
                });
                match written {
                    Ok((opinions, targets, minutes)) => self.info(
                        crate::export::documents::Sent {
                            opinions,
                            targets,
                            minutes,
                        }
                        .say(self.lang),
                    ),
                    Err(why) => self.error(why.say(self.lang)),
                }
            }
            Command::Back => {
                if !self.search.is_empty() || !self.filter.is_empty() {
                    self.search.clear();
                    self.filter = Filter::default();
                    self.rebuild_view(self.selected_row().map(|r| r.id));
                    self.load_detail()?;
                    self.info(Note::SearchCleared.say(self.lang));
                }
            }
            Command::Search => self.searching = Some(Search::open(&self.search)),
            Command::Filter => self.overlay = Overlay::Filter(FilterForm::open(&self.filter)),
            Command::Sort => self.overlay = Overlay::Sort(SortForm::open(self.sort)),
            Command::Approve
            | Command::Cut
            | Command::Cancel
            | Command::Adjust
            | Command::ConfirmTargets
            | Command::Reset
            | Command::Comment
            | Command::Undo => self.decision_command(cmd)?,
            Command::Confirm
            | Command::ConfirmNext
            | Command::NextField
            | Command::PrevField
            | Command::Toggle
            | Command::Newline
            | Command::PrevChoice
            | Command::NextChoice
            | Command::Pick
            | Command::NextPanel
            | Command::PrevPanel => {}
        }
        Ok(())
    }
}
