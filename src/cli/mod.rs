//! The `huishen` command line: each subcommand as a function of the library,
//! so `main` only parses and says the one error (tests can run one with
//! `run(Cli::parse_from([...]))`). A command prints what it
//! did ([`Note`]) and returns an [`Error`] when it cannot; both are facts,
//! worded in `words/cli.rs`.
//!
//! - `args`: the subcommands and their options (clap).
//! - `meeting`: create, import, apply, demo, open, ceiling, lock.
//! - `roster`: who may decide.
//! - `outputs`: tally, board, export, log, keymap.
//! - `doctor`: which deployment mode a meeting is in, and what is exposed.
//!
//! In a hardened install (huishen setgid to the meeting folder's group)
//! every command opens the meetings it needs first, then gives the group
//! up for good ([`give_up_group`]) before it reads or writes anything the
//! user names: an import file, a batch, a keymap, an export's path.

mod args;
mod doctor;
mod error;
mod meeting;
mod outputs;
mod roster;
mod weigh;

use std::fmt;
use std::io::Write as _;
use std::path::PathBuf;

pub use args::{BadRound, Cli, Cmd, DemoArgs, ReasonsCmd, RosterCmd, ScreenArgs, UnknownStage};
pub use doctor::{Deployment, Entry, Finding, Report, Stat};
pub use error::Error;
pub use weigh::Said;

use crate::domain::Rounding;
use crate::i18n::Lang;
use crate::keymap::KeymapError;
use crate::store::{Role, RosterChange};
use crate::words::Say;

/// Runs a parsed command line in the reader's language (`--lang`, else the
/// locale).
pub fn run(cli: Cli) -> Result<(), Error> {
    let lang = Lang::detect(cli.lang);
    match cli.command {
        Cmd::New {
            db,
            title,
            stage,
            as_name,
            round,
        } => meeting::new(&db, &title, (stage, round), as_name, lang),
        Cmd::Import {
            file,
            revised: true,
            db,
            as_name,
            ..
        } => meeting::import_revised(&file, &db, as_name, lang),
        Cmd::Import {
            file,
            indicators,
            db,
            as_name,
            round,
            ..
        } => meeting::import(&file, indicators.as_deref(), &db, (as_name, round), lang),
        Cmd::Apply { file, db, as_name } => meeting::apply(&file, &db, as_name, lang),
        Cmd::Demo { demo, screen } => meeting::demo(demo, &screen, lang),
        Cmd::Open {
            db,
            screen,
            read_only,
        } => meeting::open_screen(&db, &screen, read_only, lang),
        Cmd::Ceiling {
            db,
            departments: Some(file),
            as_name,
            ..
        } => weigh::department_ceilings(&db, &file, as_name, lang),
        Cmd::Ceiling {
            db,
            total,
            budgets,
            as_name,
            ..
        } => meeting::set_ceilings(&db, total, budgets, as_name, lang),
        Cmd::Reasons { action } => weigh::reasons(action, lang),
        Cmd::Sections {
            db,
            reviewer,
            set,
            sections_only,
            as_name,
        } => weigh::sections(&db, reviewer.zip(set), sections_only, as_name, lang),
        Cmd::Lock { db, as_name } => meeting::set_lock(&db, as_name, true, lang),
        Cmd::Unlock { db, as_name } => meeting::set_lock(&db, as_name, false, lang),
        Cmd::Board {
            db,
            keymap,
            ambiguous_wide,
        } => outputs::board(&db, keymap, ambiguous_wide, lang),
        Cmd::Roster { action } => roster::run(action, lang),
        Cmd::Tally { db, json } => outputs::tally(&db, json, lang),
        Cmd::Export {
            db,
            format,
            out,
            encoding,
            targets,
            per_department,
            minutes,
            attendees,
        } => {
            let doc = match (targets, per_department, minutes) {
                (true, per, _) => Some(outputs::Doc::Targets {
                    per_department: per,
                }),
                (false, true, _) => Some(outputs::Doc::Opinions),
                (false, false, true) => Some(outputs::Doc::Minutes { attendees }),
                (false, false, false) => None,
            };
            match doc {
                Some(doc) => outputs::export_doc(&db, doc, format, out, lang),
                None => outputs::export(&db, format, out, encoding, lang),
            }
        }
        Cmd::Log { db, reviewer, json } => outputs::log(&db, reviewer.as_deref(), json, lang),
        Cmd::Keymap {
            check,
            print,
            keymap,
        } => {
            give_up_group()?;
            outputs::keymap(check, print, keymap, lang)
        }
        Cmd::Doctor { db, fix } => doctor::run(&db, fix, lang),
    }
}

/// Gives the install's group up for good (nothing outside a setgid
/// install): called once the meeting's connections are open, before any
/// file the user names is touched.
pub(crate) fn give_up_group() -> Result<(), Error> {
    crate::privilege::drop_for_good().map_err(Error::Privilege)
}

/// What a command says when it did what was asked. Worded in `words/cli.rs`.
#[derive(Debug)]
pub enum Note {
    /// `new` created the meeting, rounding derived amounts to this unit.
    Created {
        db: PathBuf,
        rounding: Rounding,
    },
    /// `import` read the submission into the meeting.
    Imported {
        projects: usize,
        indicators: usize,
        db: PathBuf,
    },
    /// `import --revised` took the departments' revised indicators.
    Revised {
        projects: usize,
        indicators: usize,
        db: PathBuf,
    },
    /// `apply` saved a batch: the file's rows, the decisions changed and
    /// unchanged, the comments.
    Applied {
        file: String,
        rows: usize,
        changed: usize,
        unchanged: usize,
        comments: usize,
    },
    /// `apply` left out an exported table's 待审 rows.
    SkippedPending(usize),
    /// `demo` created its meeting here.
    Demo(PathBuf),
    /// `ceiling` without one set.
    NoCeiling,
    Locked,
    Unlocked,
    /// `roster add`: the name and its role.
    OnRoster {
        name: String,
        role: Role,
    },
    /// `roster set`: what changed (nothing, if everything given was so).
    RosterSet {
        name: String,
        change: RosterChange,
    },
    /// The heading of `roster list`.
    RosterHeading,
    /// `roster remove`.
    OffRoster(String),
    /// The screen runs on the default keys: the first problem of the
    /// reader's keymap file (the screen's status line, not stdout).
    KeymapFallback(KeymapError),
}

/// Writes a line to stdout. A closed pipe (`huishen log | head`) ends the
/// command quietly ([`Error::StdoutClosed`]) instead of panicking.
fn print(text: impl fmt::Display) -> Result<(), Error> {
    writeln!(std::io::stdout(), "{text}").map_err(|_| Error::StdoutClosed)
}

/// The same without a line break (the text brings its own).
fn print_raw(text: impl fmt::Display) -> Result<(), Error> {
    write!(std::io::stdout(), "{text}").map_err(|_| Error::StdoutClosed)
}

/// Prints a note in the reader's language. Notes quote names and file
/// names as typed: never let them drive the terminal.
fn note(n: Note, lang: Lang) -> Result<(), Error> {
    print(crate::text::clean_lines(&n.say(lang)))
}
