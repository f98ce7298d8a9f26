//! Words: every sentence the program says, in each language, built from a
//! fact. The code that finds out *what* happened (a refused amount, a
//! conflict, a missing column) builds a typed fact — a kind with its values —
//! and never a sentence; the files here turn facts into words, one area a
//! file, each language an arm of the same `match`. A wording change touches
//! one file; a new language extends the matches here, and the compiler lists
//! every one left to do.
//!
//! Nothing below the edges (domain, store, import) depends on this module:
//! facts point down, words point at facts.

pub mod board;
pub mod screen;

pub use crate::i18n::Lang;

mod cli;
mod export;
mod summary;

/// A fact that can be said to a reader in their language.
pub trait Say {
    fn say(&self, lang: Lang) -> String;
}

/// While facts move here one area at a time, a type that still carries its
/// own words (`Display` in English, `zh()`) is said through them.
impl<T: crate::domain::Reason + ?Sized> Say for T {
    fn say(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.to_string(),
        }
    }
}

mod store;
