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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn escapes_never_reach_the_terminal() {
        assert_eq!(clean("a\u{1b}[2Jb"), "a\u{fffd}[2Jb");
        assert_eq!(clean("\u{202e}abc"), "\u{fffd}abc");
        assert!(matches!(clean("正常"), std::borrow::Cow::Borrowed(_)));
    }
}
