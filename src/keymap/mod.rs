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

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

mod command;

pub use command::Command;

/// The default keymap, embedded in the binary.
pub const DEFAULT_KEYMAP: &str = include_str!("../../keymap.toml");

/// How errors in the built-in keymap name their file.
const DEFAULT_FILE: &str = "keymap.toml (built in)";

/// What a key name may be, for error messages.
const ACCEPTED_KEYS: &str = "accepted: a single character (\"a\", \"G\", \"/\"), enter, esc, tab, \
     backtab, backspace, space, delete, insert, up, down, left, right, pageup, pagedown, home, \
     end, f1…f12, each optionally prefixed by ctrl-, alt-, shift- (e.g. \"ctrl-z\", \"alt-enter\")";

/// The tables of a keymap file. `Global` applies in every mode unless the
/// mode's own table binds the same key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Global,
    List,
    Detail,
    Input,
}

impl Mode {
    pub const ALL: [Mode; 4] = [Mode::Global, Mode::List, Mode::Detail, Mode::Input];

    /// The table name in keymap.toml.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::List => "list",
            Mode::Detail => "detail",
            Mode::Input => "input",
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

/// A key with its modifiers, normalized so that a key parsed from
/// keymap.toml and the same key reported by the terminal are equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

/// Named keys, by their canonical (lower-case) name.
const NAMED_KEYS: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("space", KeyCode::Char(' ')),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
];

/// Names people commonly write for keys, with the name to use instead.
const KEY_ALIASES: &[(&str, &str)] = &[
    ("escape", "esc"),
    ("return", "enter"),
    ("cr", "enter"),
    ("del", "delete"),
    ("ins", "insert"),
    ("bs", "backspace"),
    ("spacebar", "space"),
    ("pgup", "pageup"),
    ("pgdn", "pagedown"),
    ("pgdown", "pagedown"),
    ("page_up", "pageup"),
    ("page_down", "pagedown"),
    ("page-up", "pageup"),
    ("page-down", "pagedown"),
    ("s-tab", "backtab"),
    ("control", "ctrl"),
    ("ctl", "ctrl"),
    ("meta", "alt"),
    ("option", "alt"),
];

const PREFIXES: [(&str, KeyModifiers); 3] = [
    ("ctrl-", KeyModifiers::CONTROL),
    ("alt-", KeyModifiers::ALT),
    ("shift-", KeyModifiers::SHIFT),
];

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        Key { code, mods }.normalized()
    }

    /// Parses a key name as written in keymap.toml: `"a"`, `"G"`, `"enter"`,
    /// `"f1"`, `"ctrl-z"`, `"alt-enter"`, `"shift-tab"`.
    pub fn parse(s: &str) -> Result<Key, String> {
        if s.is_empty() {
            return Err(format!("empty key name; {ACCEPTED_KEYS}"));
        }
        let mut rest = s;
        let mut mods = KeyModifiers::NONE;
        'prefixes: loop {
            for (prefix, m) in PREFIXES {
                let n = prefix.len();
                if rest.len() > n
                    && rest
                        .get(..n)
                        .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
                {
                    mods |= m;
                    rest = &rest[n..];
                    continue 'prefixes;
                }
            }
            break;
        }

        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_control() => {
                return Err(format!(
                    "{s:?} is a control character: write the key's name (e.g. \"tab\", \"enter\"); {ACCEPTED_KEYS}"
                ));
            }
            (Some(c), None) => KeyCode::Char(c),
            _ => match named_key(rest) {
                Some(code) => code,
                None => return Err(unknown_key_message(s, rest)),
            },
        };

        if mods.contains(KeyModifiers::SHIFT) {
            match code {
                KeyCode::Char(c) if c.is_lowercase() || c.is_uppercase() => {}
                KeyCode::Char(c) => {
                    let shown = if c == ' ' {
                        "space".to_string()
                    } else {
                        c.to_string()
                    };
                    return Err(format!(
                        "{s:?}: shift- goes with letters and named keys only; for {shown:?} write the \
                         shifted character itself (e.g. \"!\" rather than \"shift-1\"); {ACCEPTED_KEYS}"
                    ));
                }
                _ => {}
            }
        }
        Ok(Key::new(code, mods))
    }

    /// The key of a terminal event, normalized so that it equals the parsed
    /// key name: `Char('G')` with or without SHIFT is `"G"`, BackTab with
    /// SHIFT is `"backtab"`, ctrl with an upper-case letter is ctrl with the
    /// lower-case one. The event's kind (press, repeat, release) is ignored.
    pub fn from_event(ev: &KeyEvent) -> Key {
        Key::new(ev.code, ev.modifiers)
    }

    /// A plain printable character (no ctrl, alt or other modifier),
    /// including space: in a text field it is typed, not a command.
    pub fn is_text(&self) -> bool {
        let k = self.normalized();
        matches!(k.code, KeyCode::Char(c) if !c.is_control()) && k.mods.is_empty()
    }

    fn normalized(self) -> Key {
        let Key { mut code, mut mods } = self;
        match code {
            KeyCode::Char(c) => {
                if mods.contains(KeyModifiers::SHIFT) {
                    // Terminals differ: shift-g arrives as 'G', 'G'+SHIFT or 'g'+SHIFT.
                    code = KeyCode::Char(single_case(c.to_uppercase()).unwrap_or(c));
                    mods.remove(KeyModifiers::SHIFT);
                }
                if mods.contains(KeyModifiers::CONTROL)
                    && let KeyCode::Char(c) = code
                {
                    code = KeyCode::Char(single_case(c.to_lowercase()).unwrap_or(c));
                }
            }
            KeyCode::BackTab => mods.remove(KeyModifiers::SHIFT),
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                code = KeyCode::BackTab;
                mods.remove(KeyModifiers::SHIFT);
            }
            _ => {}
        }
        Key { code, mods }
    }
}

fn single_case(mut it: impl Iterator<Item = char>) -> Option<char> {
    match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

fn named_key(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    if let Some(&(_, code)) = NAMED_KEYS.iter().find(|(n, _)| *n == lower) {
        return Some(code);
    }
    let n = lower.strip_prefix('f')?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) || n.starts_with('0') {
        return None;
    }
    match n.parse::<u8>() {
        Ok(n @ 1..=12) => Some(KeyCode::F(n)),
        _ => None,
    }
}

/// The error for a key name that is not known, with a suggestion if one fits.
fn unknown_key_message(whole: &str, rest: &str) -> String {
    let lower = rest.to_ascii_lowercase();
    let hint = if let Some(prefix) = lower.strip_suffix('-')
        && PREFIXES
            .iter()
            .any(|(p, _)| p.trim_end_matches('-') == prefix)
    {
        format!("{whole:?} has no key after {rest:?} (e.g. \"ctrl-z\")")
    } else if lower.starts_with('f')
        && lower.len() > 1
        && lower[1..].bytes().all(|b| b.is_ascii_digit())
    {
        format!("unknown key {whole:?}: function keys are f1 to f12")
    } else if let Some(&(_, to)) = KEY_ALIASES.iter().find(|(from, _)| *from == lower) {
        format!("unknown key {whole:?} (write {to:?})")
    } else if let Some((head, _)) = lower.split_once('-')
        && !head.is_empty()
    {
        let known = KEY_ALIASES
            .iter()
            .find(|(from, _)| *from == head)
            .map(|(_, to)| *to)
            .or_else(|| closest(head, PREFIXES.iter().map(|(p, _)| p.trim_end_matches('-'))));
        match known {
            Some(p) => format!("unknown prefix \"{head}-\" in {whole:?} (did you mean \"{p}-\"?)"),
            None => {
                format!("unknown prefix \"{head}-\" in {whole:?}; prefixes are ctrl-, alt-, shift-")
            }
        }
    } else if let Some(near) = closest(&lower, NAMED_KEYS.iter().map(|(n, _)| *n)) {
        format!("unknown key {whole:?} (did you mean {near:?}?)")
    } else {
        format!("unknown key {whole:?}")
    };
    format!("{hint}; {ACCEPTED_KEYS}")
}

impl fmt::Display for Key {
    /// The canonical name, which parses back to the same key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let k = self.normalized();
        for (m, name) in [
            (KeyModifiers::CONTROL, "ctrl-"),
            (KeyModifiers::ALT, "alt-"),
            (KeyModifiers::SHIFT, "shift-"),
            (KeyModifiers::SUPER, "super-"),
            (KeyModifiers::HYPER, "hyper-"),
            (KeyModifiers::META, "meta-"),
        ] {
            if k.mods.contains(m) {
                f.write_str(name)?;
            }
        }
        if let Some((name, _)) = NAMED_KEYS.iter().find(|(_, c)| *c == k.code) {
            return f.write_str(name);
        }
        match k.code {
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{}", format!("{other:?}").to_lowercase()),
        }
    }
}

/// One problem in a keymap file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeymapError {
    pub file: String,
    /// 1-based line of the offending entry, when there is one.
    pub line: Option<usize>,
    /// The offending entry, e.g. `[list] aprove = ["a"]`; empty when the
    /// error concerns the whole file.
    pub entry: String,
    /// What is wrong and what would be accepted.
    pub message: String,
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        f.write_str(": ")?;
        if !self.entry.is_empty() {
            write!(f, "{}: ", self.entry)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for KeymapError {}

/// The bindings in force: per mode, each bound command with its keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    /// Indexed by `Mode::index`; commands in `Command::ALL` order, each with
    /// at least one key.
    modes: [Vec<(Command, Vec<Key>)>; 4],
    lookup: HashMap<(Mode, Key), Command>,
}

/// One `action = [keys]` line of a file, checked.
struct Entry {
    mode: Mode,
    cmd: Command,
    keys: Vec<Key>,
    line: usize,
    text: String,
}

/// Per mode, command → (keys, index of the file entry that set them).
type Merged = [BTreeMap<Command, (Vec<Key>, Option<usize>)>; 4];

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

fn read_and_build(path: &Path) -> Result<Keymap, Vec<KeymapError>> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![KeymapError {
            file: file.clone(),
            line: None,
            entry: String::new(),
            message: format!("cannot read the keymap file: {e}"),
        }]
    })?;
    Keymap::with_overrides(&text, &file)
}

/// Parses `text` and merges it over `base` (or nothing, for the defaults).
fn build(base: Option<&Keymap>, text: &str, file: &str) -> Result<Keymap, Vec<KeymapError>> {
    let err = |line: Option<usize>, entry: String, message: String| KeymapError {
        file: file.to_string(),
        line,
        entry,
        message,
    };

    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(e) => {
            let (line, entry) = match e.span() {
                Some(span) => {
                    let line = line_of(text, span.start);
                    let entry = text.lines().nth(line - 1).unwrap_or("").trim().to_string();
                    (Some(line), entry)
                }
                None => (None, String::new()),
            };
            let message = format!("not valid TOML: {}", e.message().trim());
            return Err(vec![err(line, entry, message)]);
        }
    };

    let (entries, mut errors) = read_entries(root.get_ref(), text, file);

    let mut merged: Merged = Default::default();
    if let Some(base) = base {
        for mode in Mode::ALL {
            for (cmd, keys) in base.bindings(mode) {
                merged[mode.index()].insert(*cmd, (keys.clone(), None));
            }
        }
    }
    for (i, e) in entries.iter().enumerate() {
        merged[e.mode.index()].insert(e.cmd, (e.keys.clone(), Some(i)));
    }

    let mut lookup = HashMap::new();
    for mode in Mode::ALL {
        for (&cmd, (keys, source)) in &merged[mode.index()] {
            for &key in keys {
                let Some(&other) = lookup.get(&(mode, key)) else {
                    lookup.insert((mode, key), cmd);
                    continue;
                };
                let other_source = merged[mode.index()][&other].1;
                errors.push(conflict(
                    file,
                    &entries,
                    mode,
                    key,
                    (other, other_source),
                    (cmd, *source),
                ));
            }
        }
    }

    if !errors.is_empty() {
        // Stable: errors on one line keep the order they were found in.
        errors.sort_by_key(|e| e.line);
        return Err(errors);
    }
    let modes = merged.map(|m| {
        m.into_iter()
            .filter(|(_, (keys, _))| !keys.is_empty())
            .map(|(cmd, (keys, _))| (cmd, keys))
            .collect()
    });
    Ok(Keymap { modes, lookup })
}

/// The error for one key bound to two commands in one mode.
fn conflict(
    file: &str,
    entries: &[Entry],
    mode: Mode,
    key: Key,
    (a, a_source): (Command, Option<usize>),
    (b, b_source): (Command, Option<usize>),
) -> KeymapError {
    let a_entry = a_source.map(|i| &entries[i]);
    let b_entry = b_source.map(|i| &entries[i]);
    let origin = |e: Option<&Entry>| match e {
        Some(e) => format!("line {}", e.line),
        None => "default".to_string(),
    };
    // Report at the entry the user wrote (the later one if both are theirs);
    // the hint unbinds the other.
    let (at, other) = match (a_entry, b_entry) {
        (Some(ea), Some(eb)) if ea.line > eb.line => (Some(ea), b),
        (_, Some(eb)) => (Some(eb), a),
        (Some(ea), None) => (Some(ea), b),
        (None, None) => (None, b),
    };
    let message = format!(
        "key \"{key}\" is bound to both {} ({}) and {} ({}) in [{mode}]; \
         give one of them another key, or unbind the other with {} = []",
        a.name(),
        origin(a_entry),
        b.name(),
        origin(b_entry),
        other.name(),
    );
    KeymapError {
        file: file.to_string(),
        line: at.map(|e| e.line),
        entry: at.map(|e| e.text.clone()).unwrap_or_default(),
        message,
    }
}

/// Checks every table and entry of a parsed file.
fn read_entries(root: &DeTable<'_>, text: &str, file: &str) -> (Vec<Entry>, Vec<KeymapError>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let err = |line: usize, entry: String, message: String| KeymapError {
        file: file.to_string(),
        line: Some(line),
        entry,
        message,
    };
    let mode_names = Mode::ALL.map(Mode::name).join(", ");

    for (name, value) in root.iter() {
        let line = line_of(text, name.span().start);
        let name_str: &str = name.get_ref();
        let table = match value.get_ref() {
            DeValue::Table(t) => t,
            _ => {
                let entry = entry_text(text, name, value);
                let message = if Mode::from_name(name_str).is_some() {
                    format!(
                        "[{name_str}] must be a table of bindings, e.g. [{name_str}] followed by lines like quit = [\"q\"]"
                    )
                } else if Command::from_name(name_str).is_some() {
                    format!(
                        "bindings go inside a mode table: put this line under one of [{}]",
                        Mode::ALL.map(Mode::name).join("], [")
                    )
                } else {
                    format!("not a mode table; the file holds only the tables {mode_names}")
                };
                errors.push(err(line, entry, message));
                continue;
            }
        };
        let Some(mode) = Mode::from_name(name_str) else {
            let hint = closest(name_str, Mode::ALL.map(Mode::name))
                .map(|m| format!(" (did you mean [{m}]?)"))
                .unwrap_or_default();
            errors.push(err(
                line,
                format!("[{name_str}]"),
                format!("unknown mode {name_str:?}{hint}; known: {mode_names}"),
            ));
            continue;
        };

        for (action, keys) in table.iter() {
            let line = line_of(text, action.span().start);
            let action_str: &str = action.get_ref();
            let entry = format!("[{mode}] {}", entry_text(text, action, keys));
            let Some(cmd) = Command::from_name(action_str) else {
                let hint = closest(action_str, Command::ALL.iter().map(|c| c.name()))
                    .map(|c| format!(" (did you mean {c:?}?)"))
                    .unwrap_or_default();
                let known: Vec<&str> = Command::ALL.iter().map(|c| c.name()).collect();
                errors.push(err(
                    line,
                    entry,
                    format!(
                        "unknown action {action_str:?}{hint}; known: {}",
                        known.join(", ")
                    ),
                ));
                continue;
            };
            let names = match keys.get_ref() {
                DeValue::Array(items) => items
                    .iter()
                    .map(|v| v.get_ref().as_str())
                    .collect::<Option<Vec<&str>>>(),
                _ => None,
            };
            let Some(names) = names else {
                let example = match keys.get_ref() {
                    DeValue::String(s) => format!("{action_str} = [{}]", toml_string(s)),
                    _ => format!(
                        "{action_str} = [\"x\", \"ctrl-x\"], or {action_str} = [] to unbind"
                    ),
                };
                errors.push(err(
                    line,
                    entry,
                    format!("expected a list of key names, e.g. {example}"),
                ));
                continue;
            };
            let mut parsed: Vec<Key> = Vec::new();
            for name in names {
                match Key::parse(name) {
                    Ok(k) if !parsed.contains(&k) => parsed.push(k),
                    Ok(_) => {}
                    Err(message) => errors.push(err(line, entry.clone(), message)),
                }
            }
            entries.push(Entry {
                mode,
                cmd,
                keys: parsed,
                line,
                text: entry,
            });
        }
    }
    (entries, errors)
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The source of `key = value`, on one line.
fn entry_text(
    text: &str,
    key: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
) -> String {
    let (start, end) = (key.span().start, value.span().end);
    match text.get(start..end) {
        Some(src) if start < end => src.split_whitespace().collect::<Vec<_>>().join(" "),
        _ => key.get_ref().to_string(),
    }
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
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

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyEventKind, KeyEventState};

    use super::*;

    fn key(s: &str) -> Key {
        Key::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    const ALT: KeyModifiers = KeyModifiers::ALT;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
    const NONE: KeyModifiers = KeyModifiers::NONE;

    #[test]
    fn parses_single_characters_case_sensitively() {
        assert_eq!(key("a"), Key::new(KeyCode::Char('a'), NONE));
        assert_eq!(key("G"), Key::new(KeyCode::Char('G'), NONE));
        assert_ne!(key("g"), key("G"));
        assert_eq!(key("/"), Key::new(KeyCode::Char('/'), NONE));
        assert_eq!(key("-"), Key::new(KeyCode::Char('-'), NONE));
        assert_eq!(key("审"), Key::new(KeyCode::Char('审'), NONE));
        assert_eq!(key("shift-g"), key("G"));
        assert_eq!(key("f"), Key::new(KeyCode::Char('f'), NONE));
    }

    #[test]
    fn parses_named_keys_case_insensitively() {
        let cases = [
            ("enter", KeyCode::Enter),
            ("Esc", KeyCode::Esc),
            ("TAB", KeyCode::Tab),
            ("backtab", KeyCode::BackTab),
            ("backspace", KeyCode::Backspace),
            ("space", KeyCode::Char(' ')),
            ("delete", KeyCode::Delete),
            ("insert", KeyCode::Insert),
            ("up", KeyCode::Up),
            ("down", KeyCode::Down),
            ("left", KeyCode::Left),
            ("right", KeyCode::Right),
            ("PageUp", KeyCode::PageUp),
            ("pagedown", KeyCode::PageDown),
            ("home", KeyCode::Home),
            ("end", KeyCode::End),
            ("f1", KeyCode::F(1)),
            ("F12", KeyCode::F(12)),
        ];
        for (name, code) in cases {
            assert_eq!(key(name), Key::new(code, NONE), "{name}");
        }
        assert_eq!(key(" "), key("space"));
    }

    #[test]
    fn parses_modifiers() {
        assert_eq!(key("ctrl-z"), Key::new(KeyCode::Char('z'), CTRL));
        assert_eq!(key("ctrl-Z"), key("ctrl-z"));
        assert_eq!(key("CTRL-z"), key("ctrl-z"));
        assert_eq!(key("ctrl-shift-z"), key("ctrl-z"));
        assert_eq!(key("alt-enter"), Key::new(KeyCode::Enter, ALT));
        assert_eq!(key("ctrl-alt-x"), Key::new(KeyCode::Char('x'), CTRL | ALT));
        assert_eq!(key("alt-ctrl-x"), key("ctrl-alt-x"));
        assert_eq!(key("alt-G"), Key::new(KeyCode::Char('G'), ALT));
        assert_ne!(key("alt-G"), key("alt-g"));
        assert_eq!(key("shift-up"), Key::new(KeyCode::Up, SHIFT));
        assert_eq!(key("shift-tab"), key("backtab"));
        assert_eq!(key("ctrl--"), Key::new(KeyCode::Char('-'), CTRL));
        assert_eq!(key("ctrl-f5"), Key::new(KeyCode::F(5), CTRL));
        assert_eq!(key("ctrl-space"), Key::new(KeyCode::Char(' '), CTRL));
    }

    #[test]
    fn rejects_bad_names_and_says_what_is_accepted() {
        for bad in [
            "",
            "ctrll-x",
            "f13",
            "f0",
            "enterr",
            "ctrl-",
            "alt-",
            "ctrl-alt-",
            "shift-1",
            "\t",
            "xy",
            "escape",
        ] {
            let e = Key::parse(bad).expect_err(bad);
            assert!(e.contains("accepted:"), "{bad:?}: {e}");
            assert!(e.contains("ctrl-") && e.contains("enter"), "{bad:?}: {e}");
        }
        assert!(
            Key::parse("enterr")
                .unwrap_err()
                .contains("did you mean \"enter\"")
        );
        assert!(Key::parse("ctrll-x").unwrap_err().contains("\"ctrl-\""));
        assert!(Key::parse("f13").unwrap_err().contains("f1 to f12"));
        assert!(Key::parse("escape").unwrap_err().contains("\"esc\""));
        assert!(Key::parse("ctrl-").unwrap_err().contains("no key after"));
    }

    #[test]
    fn display_is_canonical_and_round_trips() {
        for (input, shown) in [
            ("ctrl-Z", "ctrl-z"),
            ("G", "G"),
            ("shift-g", "G"),
            ("ENTER", "enter"),
            ("F1", "f1"),
            (" ", "space"),
            ("space", "space"),
            ("alt-ctrl-x", "ctrl-alt-x"),
            ("shift-tab", "backtab"),
            ("shift-PageUp", "shift-pageup"),
            ("ctrl--", "ctrl--"),
            ("\"", "\""),
            ("审", "审"),
            ("esc", "esc"),
        ] {
            let k = key(input);
            assert_eq!(k.to_string(), shown, "{input:?}");
            assert_eq!(key(shown), k, "{input:?}");
        }
        let mut all = Vec::new();
        for (name, _) in NAMED_KEYS {
            all.push(name.to_string());
        }
        all.extend((1..=12).map(|n| format!("f{n}")));
        all.extend(["a", "Z", "0", "?", "é", "É"].map(String::from));
        for base in all {
            for prefix in ["", "ctrl-", "alt-", "ctrl-alt-"] {
                let k = key(&format!("{prefix}{base}"));
                assert_eq!(key(&k.to_string()), k, "{prefix}{base}");
            }
        }
    }

    #[test]
    fn events_normalize_to_parsed_keys() {
        let from = |code, mods| Key::from_event(&ev(code, mods));
        assert_eq!(from(KeyCode::Char('G'), SHIFT), key("G"));
        assert_eq!(from(KeyCode::Char('G'), NONE), key("G"));
        assert_eq!(from(KeyCode::Char('g'), SHIFT), key("G"));
        assert_eq!(from(KeyCode::Char('g'), NONE), key("g"));
        assert_eq!(from(KeyCode::BackTab, SHIFT), key("backtab"));
        assert_eq!(from(KeyCode::BackTab, NONE), key("backtab"));
        assert_eq!(from(KeyCode::Char('z'), CTRL), key("ctrl-z"));
        assert_eq!(from(KeyCode::Char('Z'), CTRL | SHIFT), key("ctrl-z"));
        assert_eq!(from(KeyCode::Char('?'), SHIFT), key("?"));
        assert_eq!(from(KeyCode::Char(' '), NONE), key("space"));
        assert_eq!(from(KeyCode::Enter, ALT), key("alt-enter"));
        assert_eq!(from(KeyCode::F(1), NONE), key("f1"));
        assert_eq!(from(KeyCode::Up, SHIFT), key("shift-up"));
        // Keys no name covers still display, for messages.
        assert_eq!(from(KeyCode::CapsLock, NONE).to_string(), "capslock");
    }

    #[test]
    fn text_keys() {
        for k in ["a", "G", "space", "/", "审", "1"] {
            assert!(key(k).is_text(), "{k}");
        }
        for k in [
            "ctrl-a",
            "alt-a",
            "enter",
            "esc",
            "tab",
            "f1",
            "up",
            "backspace",
        ] {
            assert!(!key(k).is_text(), "{k}");
        }
        assert!(Key::from_event(&ev(KeyCode::Char('G'), SHIFT)).is_text());
    }

    /// Every action the meeting needs has a key in the list view.
    #[test]
    fn default_keymap_is_valid_and_complete() {
        let km = Keymap::default_keymap();
        let required = [
            "up",
            "down",
            "page_up",
            "page_down",
            "top",
            "bottom",
            "approve",
            "cut",
            "cancel",
            "adjust",
            "reset",
            "comment",
            "undo",
            "search",
            "filter",
            "sort",
            "next_pending",
            "toggle_detail",
            "toggle_tally",
            "help",
            "quit",
        ];
        for name in required {
            let cmd = Command::from_name(name).expect(name);
            let bound = [Mode::List, Mode::Global].iter().any(|&m| {
                km.bindings(m)
                    .iter()
                    .any(|(c, k)| *c == cmd && !k.is_empty())
            });
            assert!(bound, "{name} has no key in [list] or [global]");
            assert!(km.key_for(Mode::List, cmd).is_some(), "{name}");
        }
        // Forms can always be confirmed and left.
        for cmd in [Command::Confirm, Command::Back] {
            assert!(km.key_for(Mode::Input, cmd).is_some(), "{cmd:?}");
        }
    }

    #[test]
    fn default_bindings_are_in_command_order() {
        let km = Keymap::default_keymap();
        for mode in Mode::ALL {
            let cmds: Vec<Command> = km.bindings(mode).iter().map(|(c, _)| *c).collect();
            let mut sorted = cmds.clone();
            sorted.sort();
            assert_eq!(cmds, sorted, "{mode}");
        }
        let list = km.bindings(Mode::List);
        assert_eq!(list[0], (Command::Up, vec![key("up"), key("k")]));
    }

    #[test]
    fn lookup_tries_the_mode_then_global() {
        let km = Keymap::default_keymap();
        assert_eq!(km.lookup(Mode::List, key("a")), Some(Command::Approve));
        assert_eq!(km.lookup(Mode::List, key("?")), Some(Command::Help));
        // f1 is only in [global].
        assert_eq!(km.lookup(Mode::List, key("f1")), Some(Command::Help));
        assert_eq!(km.lookup(Mode::Detail, key("ctrl-c")), Some(Command::Quit));
        assert_eq!(km.lookup(Mode::Input, key("ctrl-c")), Some(Command::Quit));
        assert_eq!(km.lookup(Mode::Global, key("a")), None);
        assert_eq!(km.lookup(Mode::List, key("ctrl-x")), None);
        // The mode's table wins over [global].
        let km = Keymap::with_overrides(
            "[global]\nquit = [\"q\"]\n[list]\nquit = []\nundo = [\"q\"]\n",
            "t",
        )
        .unwrap();
        assert_eq!(km.lookup(Mode::List, key("q")), Some(Command::Undo));
        assert_eq!(km.lookup(Mode::Detail, key("q")), Some(Command::Quit));
        assert_eq!(km.lookup(Mode::Global, key("q")), Some(Command::Quit));
    }

    #[test]
    fn input_mode_text_keys_skip_global() {
        let text = "[global]\nhelp = [\"?\", \"f1\"]\nquit = [\"q\", \"ctrl-c\"]\n[input]\ntoggle = [\"space\"]\n";
        let km = Keymap::with_overrides(text, "t").unwrap();
        assert_eq!(km.lookup(Mode::Input, key("q")), None);
        assert_eq!(km.lookup(Mode::Input, key("?")), None);
        assert_eq!(km.lookup(Mode::Input, key("ctrl-c")), Some(Command::Quit));
        assert_eq!(km.lookup(Mode::Input, key("f1")), Some(Command::Help));
        // A text key in [input] itself is looked up.
        assert_eq!(km.lookup(Mode::Input, key("space")), Some(Command::Toggle));
        assert_eq!(km.lookup(Mode::Input, key("enter")), Some(Command::Confirm));
        // Outside input, the global text key works.
        assert_eq!(km.lookup(Mode::Detail, key("?")), Some(Command::Help));
        assert_eq!(km.lookup(Mode::Global, key("q")), Some(Command::Quit));
        // key_for skips a global key that the mode does not pass through.
        assert_eq!(km.key_for(Mode::Input, Command::Quit), Some(key("ctrl-c")));
        assert_eq!(km.key_for(Mode::List, Command::Quit), Some(key("q")));
    }

    #[test]
    fn lookup_normalizes_hand_made_keys() {
        let km = Keymap::default_keymap();
        let k = Key {
            code: KeyCode::Char('G'),
            mods: SHIFT,
        };
        assert_eq!(km.lookup(Mode::List, k), Some(Command::Bottom));
    }

    #[test]
    fn overrides_replace_per_action() {
        let km = Keymap::with_overrides(
            "[list]\napprove = [\"y\", \"enter\"]\ntoggle_detail = [\"o\"]\n",
            "t",
        )
        .unwrap();
        let d = Keymap::default_keymap();
        assert_eq!(km.lookup(Mode::List, key("y")), Some(Command::Approve));
        assert_eq!(km.lookup(Mode::List, key("enter")), Some(Command::Approve));
        assert_eq!(km.lookup(Mode::List, key("a")), None);
        assert_eq!(km.lookup(Mode::List, key("o")), Some(Command::ToggleDetail));
        // Other actions and other modes keep their defaults.
        assert_eq!(km.lookup(Mode::List, key("c")), Some(Command::Cut));
        assert_eq!(km.lookup(Mode::Detail, key("a")), Some(Command::Approve));
        assert_eq!(km.bindings(Mode::Detail), d.bindings(Mode::Detail));
        assert_eq!(km.key_for(Mode::List, Command::Approve), Some(key("y")));
        // An empty file is the defaults.
        assert_eq!(Keymap::with_overrides("", "t").unwrap(), d);
        assert_eq!(Keymap::with_overrides(DEFAULT_KEYMAP, "t").unwrap(), d);
    }

    #[test]
    fn empty_list_unbinds() {
        let km = Keymap::with_overrides("[list]\ncancel = []\n", "t").unwrap();
        assert_eq!(km.lookup(Mode::List, key("x")), None);
        assert!(
            !km.bindings(Mode::List)
                .iter()
                .any(|(c, _)| *c == Command::Cancel)
        );
        assert_eq!(km.key_for(Mode::List, Command::Cancel), None);
        assert_eq!(km.lookup(Mode::Detail, key("x")), Some(Command::Cancel));
        // The freed key can go to another action.
        let km = Keymap::with_overrides("[list]\ncancel = []\napprove = [\"x\"]\n", "t").unwrap();
        assert_eq!(km.lookup(Mode::List, key("x")), Some(Command::Approve));
    }

    #[test]
    fn to_toml_round_trips() {
        let d = Keymap::default_keymap();
        assert_eq!(Keymap::with_overrides(&d.to_toml(), "printed").unwrap(), d);
        let custom = "[global]\nquit = []\nhelp = [\"f2\", \"ctrl-h\"]\n\
                      [list]\ncancel = []\napprove = [\"x\", \"\\\"\", \"\\\\\"]\nhistory = [\"H\", \"alt-h\"]\n\
                      [input]\ntoggle = []\n";
        let km = Keymap::with_overrides(custom, "t").unwrap();
        let printed = km.to_toml();
        assert!(printed.contains("cancel = []"), "{printed}");
        let again = Keymap::with_overrides(&printed, "printed").unwrap_or_else(|e| {
            panic!("{printed}\n{e:?}");
        });
        assert_eq!(again, km);
        assert_eq!(again.to_toml(), printed);
    }

    fn errors(text: &str) -> Vec<KeymapError> {
        Keymap::with_overrides(text, "my.toml").expect_err(text)
    }

    #[test]
    fn errors_name_file_line_and_entry() {
        let e = errors("[list]\nup = [\"k\"]\naprove = [\"a\"]\n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].file, "my.toml");
        assert_eq!(e[0].line, Some(3));
        assert_eq!(e[0].entry, "[list] aprove = [\"a\"]");
        let shown = e[0].to_string();
        assert!(
            shown.starts_with("my.toml:3: [list] aprove = [\"a\"]: unknown action \"aprove\""),
            "{shown}"
        );
        assert!(shown.contains("did you mean \"approve\"?"), "{shown}");
        assert!(shown.contains("known: up, down, page_up"), "{shown}");
    }

    #[test]
    fn all_errors_are_collected() {
        let text = "\
title = 1
[lists]
up = [\"k\"]
[list]
up = \"k\"
down = [\"j\", \"jj\", \"enterr\"]
cancel = [1]
[detail]
fly = [\"f\"]
";
        let e = errors(text);
        let lines: Vec<Option<usize>> = e.iter().map(|e| e.line).collect();
        assert_eq!(
            lines,
            [
                Some(1),
                Some(2),
                Some(5),
                Some(6),
                Some(6),
                Some(7),
                Some(9)
            ],
            "{e:#?}"
        );
        assert!(e[0].message.contains("not a mode table"), "{}", e[0]);
        assert_eq!(e[1].entry, "[lists]");
        assert!(
            e[1].message.contains("known: global, list, detail, input"),
            "{}",
            e[1]
        );
        assert!(e[2].message.contains("up = [\"k\"]"), "{}", e[2]);
        assert!(e[3].message.contains("\"jj\""), "{}", e[3]);
        assert!(e[4].message.contains("\"enterr\""), "{}", e[4]);
        assert_eq!(e[5].entry, "[list] cancel = [1]");
        assert!(e[6].message.contains("unknown action \"fly\""), "{}", e[6]);
    }

    #[test]
    fn action_at_top_level_is_pointed_to_a_mode() {
        let e = errors("quit = [\"q\"]\n");
        assert_eq!(e[0].line, Some(1));
        assert!(e[0].message.contains("[global]"), "{}", e[0]);
    }

    #[test]
    fn syntax_errors_have_a_line() {
        let e = errors("[list]\nup = [\"k\"\ndown = [\"j\"]\n");
        assert_eq!(e.len(), 1);
        assert!(e[0].line.is_some(), "{}", e[0]);
        assert!(e[0].message.starts_with("not valid TOML"), "{}", e[0]);
        let e = errors("[list]\nup = [\"k\"]\nup = [\"j\"]\n");
        assert_eq!(e[0].line, Some(3), "{}", e[0]);
    }

    #[test]
    fn duplicate_keys_after_merging_name_both_actions() {
        // Against a default binding: x is cancel's.
        let e = errors("[list]\napprove = [\"x\"]\n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, Some(2));
        assert!(
            e[0].message.contains("approve") && e[0].message.contains("cancel"),
            "{}",
            e[0]
        );
        assert!(e[0].message.contains("cancel = []"), "{}", e[0]);
        // Both in the file: reported at the later line, naming the earlier.
        let e = errors("[detail]\nhistory = [\"z\"]\n\nback = [\"z\", \"esc\"]\n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, Some(4));
        assert_eq!(e[0].entry, "[detail] back = [\"z\", \"esc\"]");
        assert!(
            e[0].message.contains("history") && e[0].message.contains("line 2"),
            "{}",
            e[0]
        );
        // The same key in [global] and a mode is shadowing, not a conflict.
        assert!(Keymap::with_overrides("[global]\nundo = [\"a\"]\n", "t").is_ok());
        // Written twice for one action is fine.
        assert!(Keymap::with_overrides("[list]\napprove = [\"a\", \"a\"]\n", "t").is_ok());
    }

    #[test]
    fn explicit_missing_file_is_an_error_and_defaults_run() {
        let (km, e) = Keymap::load(Some(Path::new("/nonexistent/huishen/keymap.toml")));
        assert_eq!(km, Keymap::default_keymap());
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].file, "/nonexistent/huishen/keymap.toml");
        assert!(e[0].message.contains("cannot read"), "{}", e[0]);
    }

    #[test]
    fn user_path_follows_xdg() {
        let p =
            |x: Option<&str>, h: Option<&str>| user_path_from(x.map(Into::into), h.map(Into::into));
        assert_eq!(
            p(Some("/x/cfg"), Some("/home/u")),
            Some(PathBuf::from("/x/cfg/huishen/keymap.toml"))
        );
        assert_eq!(
            p(None, Some("/home/u")),
            Some(PathBuf::from("/home/u/.config/huishen/keymap.toml"))
        );
        assert_eq!(
            p(Some("relative"), Some("/home/u")),
            Some(PathBuf::from("/home/u/.config/huishen/keymap.toml"))
        );
        assert_eq!(
            p(Some(""), Some("/home/u")),
            Some(PathBuf::from("/home/u/.config/huishen/keymap.toml"))
        );
        assert_eq!(p(None, None), None);
    }
}
