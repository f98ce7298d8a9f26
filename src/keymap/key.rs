//! A key as keymap.toml names it and as the terminal reports it,
//! normalized so the two compare equal; its name, parsed and printed.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::closest;

/// Why a name in keymap.toml names no key (worded in `words/keymap.rs`,
/// with what would be accepted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadKey {
    Empty,
    /// A control character typed into the file: `whole`.
    Control(String),
    /// `shift-` before a character that has a shifted form of its own:
    /// `whole`, and the character as it is shown.
    ShiftWith {
        whole: String,
        shown: String,
    },
    /// A prefix with no key after it: `ctrl-`.
    NothingAfter {
        whole: String,
        rest: String,
    },
    /// `f13`, `f0`.
    FunctionKey(String),
    /// A name people write for a key, with the name to write instead.
    Alias {
        whole: String,
        to: &'static str,
    },
    /// A prefix that is none, and the one it is near.
    UnknownPrefix {
        whole: String,
        head: String,
        near: Option<&'static str>,
    },
    /// No key of that name, and the one it is near.
    Unknown {
        whole: String,
        near: Option<&'static str>,
    },
}

/// A key with its modifiers, normalized so that a key parsed from
/// keymap.toml and the same key reported by the terminal are equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

/// Named keys, by their canonical (lower-case) name.
pub(super) const NAMED_KEYS: &[(&str, KeyCode)] = &[
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
    pub fn parse(s: &str) -> Result<Key, BadKey> {
        if s.is_empty() {
            return Err(BadKey::Empty);
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
            (Some(c), None) if c.is_control() => return Err(BadKey::Control(s.to_string())),
            (Some(c), None) => KeyCode::Char(c),
            _ => match named_key(rest) {
                Some(code) => code,
                None => return Err(unknown_key(s, rest)),
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
                    return Err(BadKey::ShiftWith {
                        whole: s.to_string(),
                        shown,
                    });
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

    pub(super) fn normalized(self) -> Key {
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

/// Why a key name is not known, with a suggestion if one fits.
fn unknown_key(whole: &str, rest: &str) -> BadKey {
    let lower = rest.to_ascii_lowercase();
    let whole = whole.to_string();
    if let Some(prefix) = lower.strip_suffix('-')
        && PREFIXES
            .iter()
            .any(|(p, _)| p.trim_end_matches('-') == prefix)
    {
        BadKey::NothingAfter {
            whole,
            rest: rest.to_string(),
        }
    } else if lower.starts_with('f')
        && lower.len() > 1
        && lower[1..].bytes().all(|b| b.is_ascii_digit())
    {
        BadKey::FunctionKey(whole)
    } else if let Some(&(_, to)) = KEY_ALIASES.iter().find(|(from, _)| *from == lower) {
        BadKey::Alias { whole, to }
    } else if let Some((head, _)) = lower.split_once('-')
        && !head.is_empty()
    {
        let near = KEY_ALIASES
            .iter()
            .find(|(from, _)| *from == head)
            .map(|(_, to)| *to)
            .or_else(|| closest(head, PREFIXES.iter().map(|(p, _)| p.trim_end_matches('-'))));
        BadKey::UnknownPrefix {
            whole,
            head: head.to_string(),
            near,
        }
    } else {
        let near = closest(&lower, NAMED_KEYS.iter().map(|(n, _)| *n));
        BadKey::Unknown { whole, near }
    }
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
