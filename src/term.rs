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
//! console, a `vt100` or `screen` understands, and leaves out the cursor
//! moves that go nowhere ([`without_idle_moves`]).

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

/// The writer a frame goes out through. It holds what it is given until
/// `flush` (a frame), so a sequence written in pieces is read whole; leaves
/// out the cursor moves that go nowhere ([`without_idle_moves`]); and, for
/// a 16-colour terminal (`rewrite`), turns crossterm's 256-colour codes for
/// the 16 basic colours (`ESC[38;5;Nm`, `ESC[48;5;Nm`, N < 16) into the
/// 16-colour codes (`ESC[3Nm`, `ESC[9Nm`, `ESC[4Nm`, `ESC[10Nm`).
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
        self.held.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.held.is_empty() {
            let mut out = without_idle_moves(&self.held);
            if self.rewrite {
                out = rewrite_16(&out);
            }
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

/// `bytes` without the cursor moves (`ESC[row;colH`) to where the cursor
/// already is. ratatui moves the cursor before the cell after every wide
/// character, so a Chinese screen was a third cursor moves (each hanzi
/// `ESC[1;6H审`): more to send over SSH and for the terminal to read. Only
/// a move after what every terminal draws alike is dropped: a character
/// whose width does not depend on the terminal (a hanzi is two cells, an
/// ASCII letter one); after an ambiguous-width one (`“`, `…`, `─`), a
/// control or any other sequence, the next move stays.
pub fn without_idle_moves(bytes: &[u8]) -> Vec<u8> {
    use unicode_width::UnicodeWidthChar;
    let mut out = Vec::with_capacity(bytes.len());
    // Where the cursor is, 1-based as the moves say it, while known.
    let mut at: Option<(u32, u32)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == 0x1b {
            if let Some((row, col, len)) = cup_at(&bytes[i..]) {
                if at != Some((row, col)) {
                    out.extend_from_slice(&bytes[i..i + len]);
                }
                at = Some((row, col));
                i += len;
                continue;
            }
            if let Some((_, len)) = sgr_at(&bytes[i..]) {
                out.extend_from_slice(&bytes[i..i + len]);
                i += len;
                continue;
            }
            // Any other sequence may move the cursor: copied as it is,
            // byte by byte, and the position forgotten.
            at = None;
            out.push(b);
            i += 1;
            continue;
        }
        let len = match b {
            0x00..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
        let end = (i + len).min(bytes.len());
        let ch = std::str::from_utf8(&bytes[i..end])
            .ok()
            .and_then(|s| s.chars().next());
        at = match (at, ch) {
            (Some((row, col)), Some(c)) if !c.is_control() => match (c.width(), c.width_cjk()) {
                (Some(w @ 1..=2), Some(cjk)) if w == cjk => Some((row, col + w as u32)),
                _ => None,
            },
            _ => None,
        };
        out.extend_from_slice(&bytes[i..end]);
        i = end;
    }
    out
}

/// A cursor move (`ESC[` row `;` col `H`) at the start of `b`: its row,
/// column and length.
fn cup_at(b: &[u8]) -> Option<(u32, u32, usize)> {
    let (params, len) = csi_at(b, b'H')?;
    let (row, col) = params.split_once(';')?;
    Some((row.parse().ok()?, col.parse().ok()?, len))
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
    csi_at(b, b'm')
}

/// A control sequence of digits and `;` ending in `last` (`ESC[1;2H`) at
/// the start of `b`: its parameters and its length.
fn csi_at(b: &[u8], last: u8) -> Option<(&str, usize)> {
    let rest = b.strip_prefix(b"\x1b[")?;
    let n = rest
        .iter()
        .take_while(|c| c.is_ascii_digit() || **c == b';')
        .count();
    if rest.get(n) != Some(&last) {
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
    fn moves_to_where_the_cursor_already_is_are_left_out() {
        let keep = |s: &str| String::from_utf8(without_idle_moves(s.as_bytes())).unwrap();
        // After a hanzi (two cells) and after ASCII (one), in colour.
        assert_eq!(
            keep("\x1b[1;1H会\x1b[1;3H审\x1b[38;5;1m\x1b[1;5Hab\x1b[1;7Hc"),
            "\x1b[1;1H会审\x1b[38;5;1mabc"
        );
        // A move elsewhere stays, and so does one after an ambiguous-width
        // character, a control, another sequence, or with nothing known.
        for s in [
            "\x1b[1;1H会\x1b[1;4H审",
            "\x1b[1;1H“\x1b[1;2H审",
            "\x1b[1;1H─\x1b[1;2H审",
            "\x1b[1;1Ha\r\x1b[1;2Hb",
            "\x1b[1;1Ha\x1b[2K\x1b[1;2Hb",
            "\x1b[?25l\x1b[1;1Ha",
            "a\x1b[1;2Hb",
        ] {
            assert_eq!(keep(s), s, "{s:?}");
        }
        // The same move twice in a row goes once.
        assert_eq!(keep("\x1b[3;4H\x1b[3;4Hx"), "\x1b[3;4Hx");
    }

    /// What the terminal shows is the same with the moves left out: a
    /// frame drawn by ratatui into a vt100 screen, both ways.
    #[test]
    fn a_frame_reads_the_same_without_its_idle_moves() {
        use ratatui::Terminal;
        use ratatui::backend::CrosstermBackend;
        use ratatui::text::Line;
        let text = [
            "编码          项目名称              申报",
            "2021-001-0001 党委信息化建设（一期） 220.00",
            "“引号”… ─ 审减 3.90 ab中文c",
        ];
        let mut raw = Vec::new();
        {
            let mut t = Terminal::new(CrosstermBackend::new(&mut raw)).unwrap();
            t.draw(|f| {
                for (y, l) in text.iter().enumerate() {
                    let area = ratatui::layout::Rect::new(0, y as u16, 60, 1);
                    f.render_widget(Line::from(*l), area);
                }
            })
            .unwrap();
        }
        let lean = without_idle_moves(&raw);
        assert!(
            lean.len() < raw.len() * 3 / 4,
            "{} of {}",
            lean.len(),
            raw.len()
        );
        let screen = |bytes: &[u8]| {
            let nz = |n: u16| std::num::NonZeroU16::new(n).unwrap();
            let mut p = vt100::Parser::new(nz(5), nz(60), 0);
            p.process(bytes);
            p.screen().contents()
        };
        assert_eq!(screen(&lean), screen(&raw));
        assert!(screen(&lean).contains("党委信息化建设（一期） 220.00"));
    }

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
