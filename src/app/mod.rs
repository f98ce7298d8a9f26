//! The app: state loaded from the meeting database, and `update`, the one
//! place it changes. Views draw from it and never write.

pub mod action;
mod board;
mod decide;
mod forms;
mod load;
mod navigate;
pub mod ranking;
mod weigh;

use ratatui::crossterm::event::KeyEvent;

pub use action::{Action, Command, Loaded};

use crate::domain::{Stage, StageTally, Tally};
use crate::forms::{Ctx, Overlay, Search};
use crate::i18n::Lang;
use crate::keymap::{Key, Keymap, Mode};
pub use crate::listing::{Column, Filter, PATCH_LIMIT, View};
use crate::store::{Actor, Meeting, ProjectDetail, ProjectRow, Store, StoreError};
use crate::words::Say;
use crate::words::screen::ReadOnly;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub level: Level,
    pub text: String,
}

pub struct App {
    pub store: Store,
    pub lang: Lang,
    pub actor: Actor,
    pub keymap: Keymap,
    /// Why this session cannot write, if it cannot.
    pub read_only: Option<ReadOnly>,
    pub meeting: Meeting,
    pub ceiling: crate::domain::Ceiling,
    /// The meeting's reasons for a cut or a cancellation, numbered.
    pub reasons: Vec<crate::domain::CutReason>,
    /// The sections this reviewer looks after (none: not a section's).
    pub my_sections: Vec<String>,
    /// The figures of this reviewer's sections, beside the meeting's.
    pub mine: Option<crate::domain::Figures>,
    /// The departments over their ceilings, sorted.
    pub over: Vec<String>,
    pub rows: Vec<ProjectRow>,
    pub tally: Tally,
    /// A later stage's figures per kind; `None` at the first two stages.
    pub stage_tally: Option<StageTally>,
    pub detail: ProjectDetail,
    /// Indices into `rows`, filtered, searched and sorted.
    pub view: View,
    /// The figures of the projects shown, while a filter or search is on.
    pub shown_figures: Option<crate::domain::Figures>,
    /// How wide the list's codes and amounts are, over every row.
    pub widths: crate::layout::columns::Widths,
    /// Index into `view`.
    pub selected: usize,
    /// First visible index into `view`.
    pub offset: usize,
    pub size: (u16, u16),
    pub search: String,
    /// The search field while it is being typed.
    pub searching: Option<Search>,
    pub filter: Filter,
    pub sort: Option<(Column, bool)>,
    pub show_detail: bool,
    pub detail_focus: bool,
    pub detail_scroll: u16,
    pub show_tally: bool,
    /// The tally panel's ranking of the departments (it has the keys
    /// while it is open).
    pub ranking: ranking::Ranking,
    /// The board over the screen (`B`), and which of its charts lead.
    pub board: Option<Box<(crate::board::Board, crate::board::BoardView)>>,
    pub overlay: Overlay,
    pub message: Option<Message>,
    pub quit: bool,
    pub theme: crate::theme::Theme,
    /// The newest event this state reflects.
    last_event: i64,
    /// The rows are still being read in the background.
    pub loading: bool,
    /// A one-key decision that would replace another decision, waiting for
    /// the same key again: (project, version, command). Any other key drops it.
    confirm: Option<(i64, i64, Command)>,
    /// Why a write from a form was refused, as the form says it: the status
    /// line says the same.
    said: Option<String>,
    /// A form's refusal after someone else's change, as the status line
    /// says it while the form is open and once it is closed (the form's
    /// "Enter again" no longer applies): (open, closed).
    form_refused: Option<(String, String)>,
    /// The decision this session saved last, while the status line says so:
    /// (project, its version then, the message).
    saved: Option<(i64, i64, String)>,
}

impl App {
    pub fn new(store: Store, actor: Actor, lang: Lang, keymap: Keymap) -> Result<App, StoreError> {
        let mut app = App::new_empty(store, actor, lang, keymap)?;
        app.read_only = app.why_read_only()?;
        app.reload()?;
        app.open_on_mine();
        Ok(app)
    }

    fn new_empty(
        store: Store,
        actor: Actor,
        lang: Lang,
        keymap: Keymap,
    ) -> Result<App, StoreError> {
        Ok(App {
            meeting: store.meeting()?,
            store,
            lang,
            actor,
            keymap,
            read_only: None,
            rows: Vec::new(),
            ceiling: Default::default(),
            reasons: Vec::new(),
            my_sections: Vec::new(),
            mine: None,
            over: Vec::new(),
            tally: Tally::default(),
            stage_tally: None,
            detail: ProjectDetail::default(),
            view: View::default(),
            widths: Default::default(),
            shown_figures: None,
            selected: 0,
            offset: 0,
            size: (80, 24),
            search: String::new(),
            searching: None,
            filter: Filter::default(),
            sort: None,
            show_detail: true,
            detail_focus: false,
            detail_scroll: 0,
            show_tally: false,
            ranking: Default::default(),
            board: None,
            overlay: Overlay::None,
            message: None,
            quit: false,
            theme: crate::theme::Theme::from_env(),
            last_event: 0,
            loading: false,
            confirm: None,
            said: None,
            form_refused: None,
            saved: None,
        })
    }

    /// Like `new`, but reads only the first `first` rows, so the first frame
    /// comes at once on a large meeting; the rest arrives as
    /// `Action::Loaded` from a loader (see `tui::run`). The tally is whole
    /// from the start.
    pub fn new_partial(
        store: Store,
        actor: Actor,
        lang: Lang,
        keymap: Keymap,
        first: usize,
    ) -> Result<App, StoreError> {
        let mut app = App::new_empty(store, actor, lang, keymap)?;
        app.loading = true;
        app.last_event = app.store.last_event_id()?;
        app.read_only = app.why_read_only()?;
        app.rows = app.store.project_rows_first(first)?;
        app.rows_replaced();
        app.load_tally()?;
        app.rebuild_view(None);
        app.open_on_mine();
        app.load_detail()?;
        Ok(app)
    }

    /// The meeting's stage; an unknown code reads as target review.
    pub fn stage(&self) -> Stage {
        Stage::parse(&self.meeting.stage).unwrap_or_default()
    }

    /// The unit the meeting rounds what it derives to.
    pub fn rounding(&self) -> crate::domain::Rounding {
        self.meeting.rounding
    }

    /// What a form reads from the app while it is open.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            lang: self.lang,
            theme: self.theme,
            keymap: &self.keymap,
            stage: self.stage(),
            size: self.size,
            rounding: self.rounding(),
            total: &self.tally.total,
            rows: &self.rows,
            reasons: &self.reasons,
            my_sections: &self.my_sections,
            over: &self.over,
        }
    }

    pub fn selected_row(&self) -> Option<&ProjectRow> {
        self.view.get(self.selected).map(|i| &self.rows[i])
    }

    /// The mode that decides what keys mean now.
    pub fn mode(&self) -> Mode {
        if self.searching.is_some() || self.overlay.is_form() {
            Mode::Input
        } else if self.board.is_some() {
            Mode::Board
        } else if self.detail_focus || !matches!(self.overlay, Overlay::None) {
            Mode::Detail
        } else if self.show_tally {
            Mode::Tally
        } else {
            Mode::List
        }
    }

    /// Shows a problem found while starting (a bad keymap file, …).
    pub fn report_startup_problem(&mut self, text: String) {
        self.error(text);
    }

    fn info(&mut self, text: impl Into<String>) {
        self.say(Level::Info, text.into());
    }

    fn error(&mut self, text: impl Into<String>) {
        self.say(Level::Error, text.into());
    }

    /// A message on the status line; on an ambiguous-width terminal with
    /// its glyphs in ASCII before it is wrapped (`≥` → `>=`).
    fn say(&mut self, level: Level, text: String) {
        let text = if self.theme.ascii {
            crate::text::ascii_text(&text)
        } else {
            text
        };
        self.message = Some(Message { level, text });
    }

    /// The one entry point for change.
    pub fn update(&mut self, action: Action) {
        let result = match action {
            Action::Key(ev) => self.on_key(ev),
            Action::Paste(text) => {
                self.on_paste(&text);
                Ok(())
            }
            Action::DbChanged if self.loading => Ok(()),
            Action::DbChanged => self.refresh(),
            Action::Loaded(loaded) => self.on_loaded(*loaded),
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.scroll_into_view();
                Ok(())
            }
        };
        if let Err(e) = result {
            // Whatever failed, show what the database holds now, and say why
            // in the light of it.
            let _ = self.refresh();
            let text = match self.said.take() {
                Some(said) => said,
                None => self.refusal(&e).say(self.lang),
            };
            self.error(text);
        }
        // A message that wraps over more lines (or a tally bar that does)
        // leaves the list fewer rows: keep the selection in view.
        self.scroll_into_view();
    }

    fn on_key(&mut self, ev: KeyEvent) -> Result<(), StoreError> {
        let key = Key::from_event(&ev);
        let mode = self.mode();
        let cmd = self.keymap.lookup(mode, key);
        if mode == Mode::Input {
            return self.on_form_key(ev);
        }
        // Any key clears the last message.
        self.message = None;
        let Some(cmd) = cmd else {
            return Ok(());
        };
        if mode == Mode::Board {
            return self.on_board_key(cmd);
        }
        if !matches!(self.overlay, Overlay::None) {
            return self.on_overlay_key(cmd);
        }
        if mode == Mode::Tally {
            return self.on_ranking_key(cmd);
        }
        // A confirmation waits for exactly the next key.
        let armed = self.confirm;
        let result = self.run_in_list(cmd);
        if self.confirm == armed {
            self.confirm = None;
        }
        result
    }
}
