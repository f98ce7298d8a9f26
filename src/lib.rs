//! huishen (会审): the joint review of a city's project budgets.
//!
//! `domain` holds the rules, `store` owns every SQL statement, `import`
//! reads submissions and decision batches at the edge, `cli` runs the
//! command line's subcommands, and `words` says every fact in the reader's
//! language.

pub mod app;
pub mod board;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod event_words;
pub mod export;
pub mod forms;
pub mod host;
pub mod i18n;
pub mod import;
pub mod keymap;
pub mod layout;
pub mod listing;
pub mod privilege;
pub mod report;
pub mod romanize;
pub mod store;
pub mod term;
pub mod text;
pub mod theme;
pub mod time;
pub mod tui;
pub mod ui;
pub mod words;
