//! Text for a terminal: display width of double-width Chinese, truncation
//! and padding by width, and making data safe to show.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Replaces control characters (escape sequences, NUL, bidi overrides) with
/// visible stand-ins, so data can never drive the terminal.
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(needs_cleaning) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| if needs_cleaning(c) { '\u{fffd}' } else { c })
            .collect(),
    )
}

/// [`clean`] line by line: a message of several lines keeps its breaks.
pub fn clean_lines(s: &str) -> String {
    s.lines().map(clean).collect::<Vec<_>>().join("\n")
}

fn needs_cleaning(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Cuts `s` to at most `max` cells, ending in `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > max - 1 {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Pads (or truncates) to exactly `w` cells, left-aligned.
pub fn pad_right(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let n = w.saturating_sub(width(&t));
    format!("{t}{}", " ".repeat(n))
}

/// Pads (or truncates) to exactly `w` cells, right-aligned.
pub fn pad_left(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let n = w.saturating_sub(width(&t));
    format!("{}{t}", " ".repeat(n))
}

/// Punctuation that closes or follows: a line never starts with it.
fn closes(c: char) -> bool {
    matches!(
        c,
        '」' | '』' | '）' | '】' | '》' | '，' | '。' | '；' | '：' | '、' | '！' | '？' | '…'
    )
}

/// A column of decimal numbers aligned at the point: as wide as its widest
/// integer part and its widest fraction, so `2,803.9775` and `26.00` sit
/// one above the other with their points in line and nothing cut.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DecimalColumn {
    /// Cells of the widest integer part, separators and sign included.
    pub int: usize,
    /// Digits of the widest fraction.
    pub frac: usize,
}

impl DecimalColumn {
    /// Takes in a number of `int` integer cells and `frac` fraction digits.
    pub fn take(&mut self, int: usize, frac: usize) {
        self.int = self.int.max(int);
        self.frac = self.frac.max(frac);
    }

    /// Takes in a number as written: `1,234.56`, `—`.
    pub fn take_text(&mut self, s: &str) {
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        self.take(width(int), frac.len());
    }

    /// The cells the column takes.
    pub fn width(&self) -> usize {
        self.int + if self.frac > 0 { 1 + self.frac } else { 0 }
    }

    /// `s` right-aligned in `w` cells (at least [`DecimalColumn::width`]),
    /// its point under the column's; a text without a point (`—`) ends
    /// where the integers end.
    pub fn cell(&self, s: &str, w: usize) -> String {
        let frac = match s.split_once('.') {
            Some((_, f)) => f.len() + 1,
            None => 0,
        };
        let point = if self.frac > 0 { self.frac + 1 } else { 0 };
        let body = format!("{s}{}", " ".repeat(point.saturating_sub(frac)));
        let n = w.saturating_sub(width(&body));
        format!("{}{body}", " ".repeat(n))
    }
}

/// Breaks `s` into lines of at most `max` cells: between Chinese
/// characters, which have no spaces to break at, and at spaces between
/// words (a word longer than a line is broken where it must be). An empty
/// text is one empty line.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(2);
    let mut lines = Vec::new();
    let mut line = String::new();
    // Where the current line may last be broken, as a byte offset into it.
    let mut brk: Option<usize> = None;
    let mut prev_wide = false;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        let break_before = c == ' ' || cw > 1 || prev_wide;
        prev_wide = cw > 1;
        if width(&line) + cw > max {
            let at = if break_before && closes(c) {
                // A closing mark never starts a line: the character before
                // it goes down with it.
                line.char_indices().last().map_or(0, |(i, _)| i)
            } else if break_before {
                line.len()
            } else {
                brk.filter(|&at| at > 0).unwrap_or(line.len())
            };
            let rest = line.split_off(at);
            lines.push(line.trim_end().to_string());
            line = rest.trim_start().to_string();
            brk = None;
            if c == ' ' {
                continue;
            }
        } else if break_before {
            brk = Some(line.len());
        }
        line.push(c);
    }
    lines.push(line);
    lines
}

/// Pasted text as it may go into a field: whole escape sequences removed
/// (a colour code pasted from a terminal leaves no `[31m`), line breaks
/// kept as `\n` (`\r\n` and `\r` alike), a tab as a space, any other
/// control character dropped.
pub fn pasted(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI: parameters up to a final byte.
            '\u{9b}' => skip_until(&mut chars, |c| ('\u{40}'..='\u{7e}').contains(&c)),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            c if needs_cleaning(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Skips the rest of an escape sequence after its ESC: a CSI (`[` …
/// final byte), an OSC, DCS, SOS, PM or APC string (up to BEL or ESC `\`),
/// or one character.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => skip_until(chars, |c| ('\u{40}'..='\u{7e}').contains(&c)),
        Some(']' | 'P' | 'X' | '^' | '_') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' || (c == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                    break;
                }
            }
        }
        _ => {}
    }
}

fn skip_until(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, end: impl Fn(char) -> bool) {
    for c in chars.by_ref() {
        if end(c) {
            break;
        }
    }
}

/// A one-cell ASCII stand-in for a glyph the program draws that is East
/// Asian ambiguous-width: a terminal set to draw those wide would take two
/// cells for it and shift the rest of the line.
pub fn ascii_glyph(c: char) -> Option<char> {
    Some(match c {
        '─' | '━' | '═' | '—' | '–' | '―' => '-',
        '│' | '┃' | '║' => '|',
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '╭' | '╮' | '╰' | '╯' => {
            '+'
        }
        '…' => '~',
        '“' | '”' | '„' => '"',
        '‘' | '’' => '\'',
        '·' | '•' => '|',
        '→' => '>',
        '←' | '‹' => '<',
        '›' => '>',
        '↑' => '^',
        '↓' => 'v',
        '≥' => '>',
        '≤' => '<',
        '×' => 'x',
        '✗' => 'x',
        '°' => 'o',
        _ => return None,
    })
}

/// Text with the glyphs of [`ascii_glyph`] in ASCII, where a stand-in may
/// take more than one cell: `≥` → `>=`, `…` → `...`, `→` → `->`.
pub fn ascii_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '≥' => out.push_str(">="),
            '≤' => out.push_str("<="),
            '…' => out.push_str("..."),
            '→' => out.push_str("->"),
            '←' => out.push_str("<-"),
            c => out.push(ascii_glyph(c).unwrap_or(c)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_double_width_text_by_cells() {
        assert_eq!(wrap("", 4), vec![""]);
        assert_eq!(wrap("教育局长", 4), vec!["教育", "局长"]);
        assert_eq!(wrap("教育局长", 5), vec!["教育", "局长"]);
        assert_eq!(wrap("ab教育", 5), vec!["ab教", "育"]);
        assert!(
            wrap("测算依据不充分，建议压减", 7)
                .iter()
                .all(|l| width(l) <= 7)
        );
        assert_eq!(
            wrap("please also explain it", 12),
            vec!["please also", "explain it"]
        );
        assert_eq!(
            wrap("结转资金 carry-over", 12),
            vec!["结转资金", "carry-over"]
        );
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        // A closing mark does not start a line.
        assert_eq!(
            wrap("改为「调减」；再按", 10),
            vec!["改为「调", "减」；再按"]
        );
    }

    #[test]
    fn measures_and_cuts_double_width_text() {
        assert_eq!(width("教育局"), 6);
        assert_eq!(truncate("义务教育薄弱环节", 7), "义务教…");
        assert_eq!(width(&truncate("义务教育薄弱环节", 7)), 7);
        assert_eq!(truncate("义务教育薄弱环节", 8), "义务教…");
        assert_eq!(pad_right("教育", 6), "教育  ");
        assert_eq!(pad_left("1.00", 6), "  1.00");
        assert_eq!(pad_right("教育局长", 5), "教育…");
    }

    /// Every stand-in is ASCII, and every glyph it stands in for is one a
    /// terminal may draw two cells wide.
    #[test]
    fn ascii_stand_ins_are_narrow_everywhere() {
        use unicode_width::UnicodeWidthChar;
        for c in "─│┌┐└┘├┤┬┴┼…“”‘’·→←↑↓≥≤×—".chars()
        {
            let a = ascii_glyph(c).unwrap_or_else(|| panic!("{c}"));
            assert!(a.is_ascii(), "{c}");
            assert_eq!(c.width_cjk(), Some(2), "{c} is ambiguous");
        }
        assert_eq!(
            ascii_text("审定 26.00 ≥ 申报 · “x” → …"),
            "审定 26.00 >= 申报 | \"x\" -> ..."
        );
    }

    #[test]
    fn decimals_line_up_at_the_point() {
        let mut c = DecimalColumn::default();
        for s in ["26.00", "2,803.9775", "347,740.00"] {
            c.take_text(s);
        }
        assert_eq!((c.int, c.frac, c.width()), (7, 4, 12));
        assert_eq!(c.cell("26.00", 12), "     26.00  ");
        assert_eq!(c.cell("2,803.9775", 12), "  2,803.9775");
        assert_eq!(c.cell("—", 12), "      —     ");
        assert_eq!(c.cell("1.5", 14), "        1.5   ");
    }

    #[test]
    fn a_paste_keeps_its_lines_and_loses_whole_escapes() {
        assert_eq!(
            pasted("测算依据\r\n不充分\r另起\n一行"),
            "测算依据\n不充分\n另起\n一行"
        );
        assert_eq!(pasted("\u{1b}[31m红\u{1b}[0m字"), "红字");
        assert_eq!(pasted("a\u{1b}[38;5;196mb"), "ab");
        assert_eq!(
            pasted("t\u{1b}]0;title\u{7}x\u{1b}]8;;http://x\u{1b}\\y"),
            "txy"
        );
        assert_eq!(pasted("a\tb\u{0}c\u{9b}2Jd\u{202e}e"), "a bcde");
    }

    #[test]
    fn escapes_never_reach_the_terminal() {
        assert_eq!(clean("a\u{1b}[2Jb"), "a\u{fffd}[2Jb");
        assert_eq!(clean("\u{202e}abc"), "\u{fffd}abc");
        assert!(matches!(clean("正常"), std::borrow::Cow::Borrowed(_)));
    }
}
