//! Everything that can happen to the app is an `Action`: a bound key, a
//! database change noticed by the watcher, a resize. `App::update` is the
//! only place state changes.

use ratatui::crossterm::event::KeyEvent;

/// The named actions keys are bound to; defined with the keymap, below the app.
pub use crate::keymap::Command;
use crate::store::{ProjectRow, Store, StoreError};

/// Everything that can happen to the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Key(KeyEvent),
    Paste(String),
    /// Another session committed: reload what is shown.
    DbChanged,
    Resize(u16, u16),
    /// Every row, read in the background after the first frame.
    Loaded(Box<Loaded>),
}

/// All rows as of event `last_event`, from the background loader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub last_event: i64,
    pub rows: Vec<ProjectRow>,
}

impl Loaded {
    /// Reads every row, cursor first (see `App::reload`).
    pub fn read(store: &Store) -> Result<Loaded, StoreError> {
        let last_event = store.last_event_id()?;
        Ok(Loaded {
            last_event,
            rows: store.project_rows()?,
        })
    }
}
