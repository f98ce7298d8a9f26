//! Reading a keymap file: its tables and entries checked, merged over the
//! defaults action by action, every problem collected with its file, line
//! and entry.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::key::BadKey;
use super::{Command, Key, Keymap, Mode, Options, closest};

/// One problem in a keymap file: where, and what (worded with what would
/// be accepted in `words/keymap.rs`; `Display` is the English).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeymapError {
    pub file: String,
    /// 1-based line of the offending entry, when there is one.
    pub line: Option<usize>,
    /// The offending entry, e.g. `[list] aprove = ["a"]`; empty when the
    /// error concerns the whole file.
    pub entry: String,
    /// What is wrong.
    pub message: Problem,
}

/// What is wrong with an entry or a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The file cannot be read: the system's reason.
    Unreadable(std::io::ErrorKind, String),
    /// Not TOML: the parser's reason.
    NotToml(String),
    /// `[list] = 1`: a mode's name, not a table.
    ModeNotTable(String),
    /// An `action = [keys]` line outside any mode's table.
    OutsideMode,
    /// A value at the top that is neither a mode nor an action.
    NotAModeTable,
    UnknownMode {
        name: String,
        near: Option<&'static str>,
    },
    UnknownAction {
        name: String,
        near: Option<&'static str>,
    },
    /// An action's keys not written as a list: `action`, and the one
    /// string written, if it was one.
    NotAList {
        action: String,
        one: Option<String>,
    },
    BadKey(BadKey),
    /// One key bound to two actions in one mode: each with the line that
    /// bound it (`None`: the defaults), and the one to unbind.
    Conflict {
        key: String,
        mode: Mode,
        a: (Command, Option<usize>),
        b: (Command, Option<usize>),
        unbind: Command,
    },
    /// `[options] ambiguous_wide` not true or false.
    NotYesNo(&'static str),
    UnknownOption(String),
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::words::Say;
        f.write_str(&self.say(crate::i18n::Lang::En))
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::words::Say;
        f.write_str(&self.say(crate::i18n::Lang::En))
    }
}

impl Problem {
    /// Whether the English words of the problem contain `text` (tests).
    pub fn contains(&self, text: &str) -> bool {
        self.to_string().contains(text)
    }

    /// Whether its English words start with `text` (tests).
    pub fn starts_with(&self, text: &str) -> bool {
        self.to_string().starts_with(text)
    }
}

impl std::error::Error for KeymapError {}

/// One `action = [keys]` line of a file, checked.
struct Entry {
    mode: Mode,
    cmd: Command,
    keys: Vec<Key>,
    line: usize,
    text: String,
}

/// Per mode, command → (keys, index of the file entry that set them).
type Merged = [BTreeMap<Command, (Vec<Key>, Option<usize>)>; 6];

pub(super) fn read_and_build(path: &Path) -> Result<Keymap, Vec<KeymapError>> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![KeymapError {
            file: file.clone(),
            line: None,
            entry: String::new(),
            message: Problem::Unreadable(e.kind(), e.to_string()),
        }]
    })?;
    Keymap::with_overrides(&text, &file)
}

/// Parses `text` and merges it over `base` (or nothing, for the defaults).
pub(super) fn build(
    base: Option<&Keymap>,
    text: &str,
    file: &str,
) -> Result<Keymap, Vec<KeymapError>> {
    let err = |line: Option<usize>, entry: String, message: Problem| KeymapError {
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
            let message = Problem::NotToml(e.message().trim().to_string());
            return Err(vec![err(line, entry, message)]);
        }
    };

    let (entries, file_options, mut errors) = read_entries(root.get_ref(), text, file);
    let mut options = base.map(|b| b.options).unwrap_or_default();
    if file_options.ambiguous_wide.is_some() {
        options.ambiguous_wide = file_options.ambiguous_wide;
    }

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
    Ok(Keymap {
        modes,
        lookup,
        options,
    })
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
    // Report at the entry the user wrote (the later one if both are theirs);
    // the hint unbinds the other.
    let (at, unbind) = match (a_entry, b_entry) {
        (Some(ea), Some(eb)) if ea.line > eb.line => (Some(ea), b),
        (_, Some(eb)) => (Some(eb), a),
        (Some(ea), None) => (Some(ea), b),
        (None, None) => (None, b),
    };
    let message = Problem::Conflict {
        key: key.to_string(),
        mode,
        a: (a, a_entry.map(|e| e.line)),
        b: (b, b_entry.map(|e| e.line)),
        unbind,
    };
    KeymapError {
        file: file.to_string(),
        line: at.map(|e| e.line),
        entry: at.map(|e| e.text.clone()).unwrap_or_default(),
        message,
    }
}

/// Checks every table and entry of a parsed file: the mode tables'
/// bindings, and `[options]`.
fn read_entries(
    root: &DeTable<'_>,
    text: &str,
    file: &str,
) -> (Vec<Entry>, Options, Vec<KeymapError>) {
    let mut entries = Vec::new();
    let mut options = Options::default();
    let mut errors = Vec::new();
    let err = |line: usize, entry: String, message: Problem| KeymapError {
        file: file.to_string(),
        line: Some(line),
        entry,
        message,
    };

    for (name, value) in root.iter() {
        let line = line_of(text, name.span().start);
        let name_str: &str = name.get_ref();
        let table = match value.get_ref() {
            DeValue::Table(t) => t,
            _ => {
                let entry = entry_text(text, name, value);
                let message = if Mode::from_name(name_str).is_some() {
                    Problem::ModeNotTable(name_str.to_string())
                } else if Command::from_name(name_str).is_some() {
                    Problem::OutsideMode
                } else {
                    Problem::NotAModeTable
                };
                errors.push(err(line, entry, message));
                continue;
            }
        };
        if name_str == OPTIONS {
            read_options(table, text, file, &mut options, &mut errors);
            continue;
        }
        let Some(mode) = Mode::from_name(name_str) else {
            let near = closest(
                name_str,
                Mode::ALL.map(Mode::name).into_iter().chain([OPTIONS]),
            );
            errors.push(err(
                line,
                format!("[{name_str}]"),
                Problem::UnknownMode {
                    name: name_str.to_string(),
                    near,
                },
            ));
            continue;
        };

        for (action, keys) in table.iter() {
            let line = line_of(text, action.span().start);
            let action_str: &str = action.get_ref();
            let entry = format!("[{mode}] {}", entry_text(text, action, keys));
            let Some(cmd) = Command::from_name(action_str) else {
                let near = closest(action_str, Command::ALL.iter().map(|c| c.name()));
                errors.push(err(
                    line,
                    entry,
                    Problem::UnknownAction {
                        name: action_str.to_string(),
                        near,
                    },
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
                let one = match keys.get_ref() {
                    DeValue::String(s) => Some(s.to_string()),
                    _ => None,
                };
                let action = action_str.to_string();
                errors.push(err(line, entry, Problem::NotAList { action, one }));
                continue;
            };
            let mut parsed: Vec<Key> = Vec::new();
            for name in names {
                match Key::parse(name) {
                    Ok(k) if !parsed.contains(&k) => parsed.push(k),
                    Ok(_) => {}
                    Err(bad) => errors.push(err(line, entry.clone(), Problem::BadKey(bad))),
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
    (entries, options, errors)
}

/// The table of settings that are not key bindings.
pub(crate) const OPTIONS: &str = "options";

/// The entries of `[options]`: `ambiguous_wide = true`.
fn read_options(
    table: &DeTable<'_>,
    text: &str,
    file: &str,
    options: &mut Options,
    errors: &mut Vec<KeymapError>,
) {
    for (name, value) in table.iter() {
        let line = line_of(text, name.span().start);
        let entry = format!("[{OPTIONS}] {}", entry_text(text, name, value));
        let err = |message: Problem| KeymapError {
            file: file.to_string(),
            line: Some(line),
            entry: entry.clone(),
            message,
        };
        match (name.get_ref().as_ref(), value.get_ref()) {
            ("ambiguous_wide", DeValue::Boolean(b)) => options.ambiguous_wide = Some(*b),
            ("ambiguous_wide", _) => errors.push(err(Problem::NotYesNo("ambiguous_wide"))),
            (other, _) => errors.push(err(Problem::UnknownOption(other.to_string()))),
        }
    }
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
pub(crate) fn toml_string(s: &str) -> String {
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
