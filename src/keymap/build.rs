//! Reading a keymap file: its tables and entries checked, merged over the
//! defaults action by action, every problem collected with its file, line
//! and entry.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Command, Key, Keymap, Mode, closest};

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

/// One `action = [keys]` line of a file, checked.
struct Entry {
    mode: Mode,
    cmd: Command,
    keys: Vec<Key>,
    line: usize,
    text: String,
}

/// Per mode, command → (keys, index of the file entry that set them).
type Merged = [BTreeMap<Command, (Vec<Key>, Option<usize>)>; 5];

pub(super) fn read_and_build(path: &Path) -> Result<Keymap, Vec<KeymapError>> {
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
pub(super) fn build(
    base: Option<&Keymap>,
    text: &str,
    file: &str,
) -> Result<Keymap, Vec<KeymapError>> {
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
pub(super) fn toml_string(s: &str) -> String {
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
