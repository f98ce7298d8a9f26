//! What the terminal can do, read from the environment: how many colours
//! it shows (`TERM`, `COLORTERM`, `NO_COLOR`), whether it can show the
//! screen at all (`TERM=dumb` cannot), and whether East Asian
//! ambiguous-width characters (box drawing, `“”`, `…`, `→`, `·`) are drawn
//! wide, as many Chinese Windows terminals do (`--ambiguous-wide`,
//! `HUISHEN_AMBIGUOUS_WIDE`, or `ambiguous_wide` in keymap.toml's
//! `[options]`).
//!
//! crossterm writes every colour as a 256-colour index (`ESC[38;5;1m`);
//! [`Sgr16`] rewrites those to the 16-colour codes (`ESC[31m`) a `linux`
//! console, a `vt100` or `screen` understands.

use std::io::{self, Write};

/// How many colours the screen may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Colors {
    /// None: `NO_COLOR`, or a test's plain screen.
    None,
    /// The eight basic colours, as 16-colour codes: `linux`, `vt100`,
    /// `screen`, `xterm`, an unset `TERM`.
    Basic,
    /// The 256-colour palette: `*-256color`, `COLORTERM=truecolor`.
    Full,
}

/// The name of the variable that sets the ambiguous-width glyphs.
pub const AMBIGUOUS_WIDE_VAR: &str = "HUISHEN_AMBIGUOUS_WIDE";

/// The colours a terminal of `term` (its `TERM`) shows, given `COLORTERM`
/// and `NO_COLOR` (a set, non-empty `NO_COLOR` turns colour off).
pub fn colors(term: Option<&str>, colorterm: Option<&str>, no_color: Option<&str>) -> Colors {
    if no_color.is_some_and(|v| !v.is_empty()) {
        return Colors::None;
    }
    let term = term.unwrap_or("").trim();
    if term.is_empty() || term == "dumb" {
        return if term.is_empty() {
            Colors::Basic
        } else {
            Colors::None
        };
    }
    let colorterm = colorterm.unwrap_or("").to_ascii_lowercase();
    if colorterm == "truecolor" || colorterm == "24bit" {
        return Colors::Full;
    }
    let full = [
        "256color",
        "truecolor",
        "direct",
        "kitty",
        "alacritty",
        "wezterm",
        "foot",
    ];
    if full.iter().any(|f| term.contains(f)) {
        Colors::Full
    } else {
        Colors::Basic
    }
}

/// The colours of this process's terminal.
pub fn colors_from_env() -> Colors {
    let var = |k: &str| std::env::var(k).ok();
    colors(
        var("TERM").as_deref(),
        var("COLORTERM").as_deref(),
        var("NO_COLOR").as_deref(),
    )
}

/// Whether `TERM` names a terminal that cannot show the screen: `dumb`
/// moves no cursor and clears nothing.
pub fn is_dumb(term: Option<&str>) -> bool {
    term.is_some_and(|t| t.trim() == "dumb")
}

/// A yes or no as the environment variable and keymap.toml write it:
/// `1`, `true`, `yes`, `on` or `0`, `false`, `no`, `off` (any case); `None`
/// for anything else.
pub fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" | "" => Some(false),
        _ => None,
    }
}

/// Whether ambiguous-width characters are drawn wide: the flag, else the
/// environment variable, else keymap.toml's option, else not.
pub fn ambiguous_wide(flag: bool, env: Option<&str>, option: Option<bool>) -> bool {
    flag || env.and_then(yes_no).or(option).unwrap_or(false)
}

/// A writer that, for a 16-colour terminal (`rewrite`), turns crossterm's
/// 256-colour codes for the 16 basic colours (`ESC[38;5;Nm`,
/// `ESC[48;5;Nm`, N < 16) into the 16-colour codes (`ESC[3Nm`, `ESC[9Nm`,
/// `ESC[4Nm`, `ESC[10Nm`). It then holds what it is given until `flush`,
/// so a code written in pieces is rewritten whole; otherwise it passes
/// everything on as it comes.
pub struct Sgr16<W: Write> {
    inner: W,
    rewrite: bool,
    held: Vec<u8>,
}

impl<W: Write> Sgr16<W> {
    pub fn new(inner: W, rewrite: bool) -> Sgr16<W> {
        Sgr16 {
            inner,
            rewrite,
            held: Vec::new(),
        }
    }
}

impl<W: Write> Write for Sgr16<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.rewrite {
            return self.inner.write(buf);
        }
        self.held.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.held.is_empty() {
            let out = rewrite_16(&self.held);
            self.held.clear();
            self.inner.write_all(&out)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for Sgr16<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// `bytes` with every 256-colour code of a basic colour (`38;5;N`,
/// `48;5;N`, N < 16, alone or among other parameters of an SGR sequence:
/// `ESC[38;5;0;48;5;6m`) written as its 16-colour code (`ESC[30;46m`);
/// everything else as it was.
pub fn rewrite_16(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if let Some((params, len)) = sgr_at(&bytes[i..]) {
            out.extend_from_slice(b"\x1b[");
            out.extend_from_slice(basic_params(params).as_bytes());
            out.push(b'm');
            i += len;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// An SGR sequence (`ESC[` digits and `;` `m`) at the start of `b`: its
/// parameters and its length.
fn sgr_at(b: &[u8]) -> Option<(&str, usize)> {
    let rest = b.strip_prefix(b"\x1b[")?;
    let n = rest
        .iter()
        .take_while(|c| c.is_ascii_digit() || **c == b';')
        .count();
    if rest.get(n) != Some(&b'm') {
        return None;
    }
    Some((std::str::from_utf8(&rest[..n]).ok()?, 2 + n + 1))
}

/// SGR parameters with each `38;5;N` / `48;5;N` of N < 16 as `3N`, `9N`,
/// `4N` or `10N`; a 24-bit `38;2;R;G;B` and the rest as they were.
fn basic_params(params: &str) -> String {
    let p: Vec<&str> = params.split(';').collect();
    let mut out: Vec<String> = Vec::with_capacity(p.len());
    let mut i = 0;
    while i < p.len() {
        match (p[i], p.get(i + 1).copied()) {
            (g @ ("38" | "48"), Some("5")) if i + 2 < p.len() => {
                let base = if g == "38" { 30 } else { 40 };
                match p[i + 2].parse::<u8>() {
                    Ok(n @ 0..=7) => out.push((base + n).to_string()),
                    Ok(n @ 8..=15) => out.push((base + 60 + n - 8).to_string()),
                    _ => out.extend(p[i..i + 3].iter().map(|s| s.to_string())),
                }
                i += 3;
            }
            (g @ ("38" | "48"), Some("2")) if i + 4 < p.len() => {
                let _ = g;
                out.extend(p[i..i + 5].iter().map(|s| s.to_string()));
                i += 5;
            }
            (other, _) => {
                out.push(other.to_string());
                i += 1;
            }
        }
    }
    out.join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_follow_the_terminal() {
        let c = |term: Option<&str>, ct: Option<&str>, nc: Option<&str>| colors(term, ct, nc);
        assert_eq!(c(Some("xterm-256color"), None, None), Colors::Full);
        assert_eq!(c(Some("tmux-256color"), None, None), Colors::Full);
        assert_eq!(c(Some("xterm"), Some("truecolor"), None), Colors::Full);
        for basic in ["linux", "vt100", "vt220", "screen", "xterm", "ansi"] {
            assert_eq!(c(Some(basic), None, None), Colors::Basic, "{basic}");
        }
        assert_eq!(c(None, None, None), Colors::Basic);
        assert_eq!(c(Some("dumb"), None, None), Colors::None);
        assert_eq!(c(Some("xterm-256color"), None, Some("1")), Colors::None);
        // An empty NO_COLOR is as if unset (no-color.org).
        assert_eq!(c(Some("xterm-256color"), None, Some("")), Colors::Full);
        assert!(is_dumb(Some("dumb")) && !is_dumb(Some("vt100")) && !is_dumb(None));
    }

    #[test]
    fn the_ambiguous_width_setting_reads_flag_then_variable_then_file() {
        assert!(ambiguous_wide(true, Some("0"), Some(false)));
        assert!(ambiguous_wide(false, Some("yes"), Some(false)));
        assert!(!ambiguous_wide(false, Some("0"), Some(true)));
        assert!(ambiguous_wide(false, None, Some(true)));
        assert!(ambiguous_wide(false, Some("maybe"), Some(true)));
        assert!(!ambiguous_wide(false, None, None));
    }

    #[test]
    fn basic_colours_are_written_as_16_colour_codes() {
        let out = rewrite_16(
            b"a\x1b[38;5;1mb\x1b[48;5;6m\x1b[38;5;9mc\x1b[38;5;130md\x1b[1m\x1b[38;5;0;48;5;6m\x1b[38;2;1;2;3;49m\x1b[2J",
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a\x1b[31mb\x1b[46m\x1b[91mc\x1b[38;5;130md\x1b[1m\x1b[30;46m\x1b[38;2;1;2;3;49m\x1b[2J"
        );
        // Written in pieces, as crossterm does, and flushed: whole.
        let mut w = Sgr16::new(Vec::new(), true);
        for piece in ["\x1b[", "38;", "5;2", "m", "ok"] {
            w.write_all(piece.as_bytes()).unwrap();
        }
        w.flush().unwrap();
        assert_eq!(w.inner, b"\x1b[32mok");
    }
}
