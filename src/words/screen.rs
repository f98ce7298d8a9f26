//! The review screen's words: what the status line and the forms say.

use crate::domain::State;
use crate::i18n::Lang;

/// A decision state's name, as the list, the detail pane and the filter
/// show it.
pub fn state_label(state: State, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => state.zh(),
        Lang::En => state.en(),
    }
}

/// `2026-11-28 17:15:02` (local time, as the store gives the screen its
/// times) → `2026-11-28 17:15`; a stored `2026-11-28T09:15:02.123Z` reads the
/// same way.
pub fn short_time(at: &str) -> String {
    // Cleaned: a time is the program's own, but a planted file's need not be.
    crate::text::clean(at.get(..16).unwrap_or(at)).replace('T', " ")
}
