//! Key bindings.
//!
//! The default keymap is `keymap.toml`, shipped inside the binary. A user's
//! file (`--keymap FILE`, else `$XDG_CONFIG_HOME/huishen/keymap.toml`) is
//! merged over it action by action: for each `[mode] action = [keys]` the
//! user writes, those keys replace the default keys of that action in that
//! mode, and an empty list unbinds it. The help overlay and the status hints
//! are generated from the bindings, so they cannot drift from them.
//!
//! A bad user file does not stop the program: `Keymap::load` returns the
//! defaults together with every error found, each with its file, line and
//! entry, and the program shows them and runs on.

mod build;
mod command;
mod key;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

pub(crate) use build::toml_string;
pub use build::{KeymapError, Problem};
use build::{build, read_and_build};
pub use command::Command;
pub use key::{BadKey, Key};

/// The default keymap, embedded in the binary.
pub const DEFAULT_KEYMAP: &str = include_str!("../../keymap.toml");

/// How errors in the built-in keymap name their file.
const DEFAULT_FILE: &str = "keymap.toml (built in)";

/// The tables of a keymap file. `Global` applies in every mode unless the
/// mode's own table binds the same key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Global,
    List,
    Detail,
    /// The tally panel (`b`), a ranking of the departments.
    Tally,
    /// The board: `huishen board`, and the review screen's board over it.
    Board,
    Input,
}

impl Mode {
    /// In the order help lists them; `index` is this order.
    pub const ALL: [Mode; 6] = [
        Mode::Global,
        Mode::List,
        Mode::Detail,
        Mode::Tally,
        Mode::Board,
        Mode::Input,
    ];

    /// The table name in keymap.toml.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::List => "list",
            Mode::Detail => "detail",
            Mode::Input => "input",
            Mode::Board => "board",
            Mode::Tally => "tally",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The bindings in force: per mode, each bound command with its keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    /// Indexed by `Mode::index`; commands in `Command::ALL` order, each with
    /// at least one key.
    modes: [Vec<(Command, Vec<Key>)>; 6],
    lookup: HashMap<(Mode, Key), Command>,
    /// The file's `[options]`.
    pub options: Options,
}

/// Settings of the screen that are not key bindings, in the keymap file's
/// `[options]` table (one file for what a reviewer sets up).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Draw with ASCII-safe glyphs: the terminal draws East Asian
    /// ambiguous-width characters wide (see `crate::term`).
    pub ambiguous_wide: Option<bool>,
}

impl Keymap {
    /// The built-in keymap.
    pub fn default_keymap() -> Keymap {
        match build(None, DEFAULT_KEYMAP, DEFAULT_FILE) {
            Ok(k) => k,
            Err(errors) => panic!(
                "the built-in keymap.toml is invalid:\n{}",
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        }
    }

    /// Parses a user file's text and merges it over the defaults: for each
    /// (mode, action) the user lists, their keys replace the default keys of
    /// that action in that mode. An empty list unbinds. Every problem found
    /// is returned, each naming `file`, the line and the entry.
    pub fn with_overrides(text: &str, file: &str) -> Result<Keymap, Vec<KeymapError>> {
        build(Some(&Keymap::default_keymap()), text, file)
    }

    /// The keymap in force: `--keymap FILE` if given (a missing file is an
    /// error), else the user's keymap (see [`Keymap::user_path`]) if it
    /// exists, else the defaults. On errors returns the defaults and the
    /// errors, so the program can run on and show them.
    pub fn load(explicit: Option<&Path>) -> (Keymap, Vec<KeymapError>) {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => match Keymap::user_path() {
                Some(p) if p.exists() => p,
                _ => return (Keymap::default_keymap(), Vec::new()),
            },
        };
        match read_and_build(&path) {
            Ok(k) => (k, Vec::new()),
            Err(errors) => (Keymap::default_keymap(), errors),
        }
    }

    /// Where the user's keymap lives: `$XDG_CONFIG_HOME/huishen/keymap.toml`,
    /// else `~/.config/huishen/keymap.toml`. None if neither variable is set.
    pub fn user_path() -> Option<PathBuf> {
        user_path_from(
            std::env::var_os("XDG_CONFIG_HOME"),
            std::env::var_os("HOME"),
        )
    }

    /// Validates a file (for `huishen keymap --check FILE`).
    pub fn check_file(path: &Path) -> Result<(), Vec<KeymapError>> {
        read_and_build(path).map(|_| ())
    }

    /// Which command a key means in a mode: the mode's table first, then
    /// `[global]`. In `Mode::Input` a text key (see [`Key::is_text`]) is
    /// never looked up in `[global]`: it types into the field.
    pub fn lookup(&self, mode: Mode, key: Key) -> Option<Command> {
        let key = key.normalized();
        if let Some(&cmd) = self.lookup.get(&(mode, key)) {
            return Some(cmd);
        }
        if mode == Mode::Global || (mode == Mode::Input && key.is_text()) {
            return None;
        }
        self.lookup.get(&(Mode::Global, key)).copied()
    }

    /// The bindings of a mode's own table, in `Command::ALL` order, for the
    /// help overlay and status hints. Unbound commands are absent.
    pub fn bindings(&self, mode: Mode) -> &[(Command, Vec<Key>)] {
        &self.modes[mode.index()]
    }

    /// The first key that means `cmd` in `mode`: from the mode's table, else
    /// a `[global]` key the mode does not shadow. For hints like "a 通过".
    pub fn key_for(&self, mode: Mode, cmd: Command) -> Option<Key> {
        let keys_of = |m: Mode| {
            self.bindings(m)
                .iter()
                .find(|(c, _)| *c == cmd)
                .map(|(_, keys)| keys.as_slice())
                .unwrap_or(&[])
        };
        if let Some(&k) = keys_of(mode).first() {
            return Some(k);
        }
        keys_of(Mode::Global)
            .iter()
            .copied()
            .find(|&k| self.lookup(mode, k) == Some(cmd))
    }

    /// Where `key` stands among the keys of `cmd` in `mode`'s own table,
    /// for a family of keys bound to one action: the nth key of `pick`
    /// picks the nth choice.
    pub fn nth(&self, mode: Mode, cmd: Command, key: Key) -> Option<usize> {
        let key = key.normalized();
        self.bindings(mode)
            .iter()
            .find(|(c, _)| *c == cmd)
            .and_then(|(_, keys)| keys.iter().position(|k| *k == key))
    }

    /// The keymap as TOML in the format of keymap.toml (for
    /// `huishen keymap --print`). Read back with [`Keymap::with_overrides`]
    /// it gives this keymap again: a default binding that is unbound here
    /// is written as `action = []`.
    pub fn to_toml(&self) -> String {
        let defaults = Keymap::default_keymap();
        let mut out = String::from(
            "# huishen key bindings in force (huishen keymap --print).\n\
             # Save as $XDG_CONFIG_HOME/huishen/keymap.toml and edit; \
             see the built-in keymap.toml for the key names.\n",
        );
        for mode in Mode::ALL {
            out.push_str(&format!("\n[{mode}]\n"));
            for &cmd in Command::ALL {
                let keys = self.bindings(mode).iter().find(|(c, _)| *c == cmd);
                let in_defaults = defaults.bindings(mode).iter().any(|(c, _)| *c == cmd);
                match keys {
                    Some((_, keys)) => {
                        let keys: Vec<String> =
                            keys.iter().map(|k| toml_string(&k.to_string())).collect();
                        out.push_str(&format!("{} = [{}]\n", cmd.name(), keys.join(", ")));
                    }
                    None if in_defaults => out.push_str(&format!("{} = []\n", cmd.name())),
                    None => {}
                }
            }
        }
        if let Some(wide) = self.options.ambiguous_wide {
            out.push_str(&format!("\n[options]\nambiguous_wide = {wide}\n"));
        }
        out
    }
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::default_keymap()
    }
}

fn user_path_from(xdg_config_home: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    let base = match xdg_config_home.map(PathBuf::from) {
        // The XDG spec says to ignore a relative path.
        Some(p) if p.is_absolute() => p,
        _ => {
            let home = home.filter(|h| !h.is_empty())?;
            PathBuf::from(home).join(".config")
        }
    };
    Some(base.join("huishen").join("keymap.toml"))
}

/// The candidate nearest to `word`, if it is near enough to be a typo.
fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let max = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|&(d, _)| d <= max)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
