//! Styles, for a projector and a light-background terminal as much as a
//! dark one: no grey, no yellow, no dim text. Secondary text is in the
//! terminal's own colour; what matters is bold. The colours follow what
//! the terminal can show ([`Colors`]): mid-luminance 256-colour shades
//! that read on black and on white, the eight basic colours on a 16-colour
//! terminal, none under NO_COLOR.
//!
//! `ascii` draws with glyphs of one cell whatever the terminal makes of
//! East Asian ambiguous-width characters (see `crate::term`).

use ratatui::style::{Color, Modifier, Style};

use crate::domain::State;
pub use crate::term::Colors;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub colors: Colors,
    /// Draw box lines, quotes, arrows and ellipses in ASCII.
    pub ascii: bool,
}

/// What a colour says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Approved,
    Cut,
    Cancelled,
    Info,
    Error,
    TitleFg,
    TitleBg,
}

impl Theme {
    /// The terminal's colours, with Unicode glyphs.
    pub fn new(colors: Colors, ascii: bool) -> Theme {
        Theme { colors, ascii }
    }

    /// No colour, Unicode glyphs: what the snapshot tests draw.
    pub fn plain() -> Theme {
        Theme::new(Colors::None, false)
    }

    /// From the environment (TERM, COLORTERM, NO_COLOR), Unicode glyphs.
    pub fn from_env() -> Theme {
        Theme::new(crate::term::colors_from_env(), false)
    }

    fn color(&self, role: Role) -> Option<Color> {
        match self.colors {
            Colors::None => None,
            // The eight basic colours: magenta, not yellow, for a cut
            // (yellow vanishes on white).
            Colors::Basic => Some(match role {
                Role::Approved | Role::Info => Color::Green,
                Role::Cut => Color::Magenta,
                Role::Cancelled | Role::Error => Color::Red,
                Role::TitleFg => Color::Black,
                Role::TitleBg => Color::Cyan,
            }),
            // Shades of about the same luminance: each has a contrast of
            // 4:1 or more on black and on white.
            Colors::Full => Some(Color::Indexed(match role {
                Role::Approved | Role::Info => 28,    // #008700
                Role::Cut => 130,                     // #af5f00
                Role::Cancelled | Role::Error => 160, // #d70000
                Role::TitleFg => 231,                 // #ffffff
                Role::TitleBg => 24,                  // #005f87
            })),
        }
    }

    fn fg(&self, role: Role) -> Style {
        match self.color(role) {
            Some(c) => Style::default().fg(c),
            None => Style::default(),
        }
    }

    pub fn state(&self, s: State) -> Style {
        match s {
            State::Pending => Style::default(),
            State::Approved => self.fg(Role::Approved),
            State::Cut => self.fg(Role::Cut),
            State::Cancelled => self.fg(Role::Cancelled),
        }
    }

    pub fn header(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn title(&self) -> Style {
        match (self.color(Role::TitleFg), self.color(Role::TitleBg)) {
            (Some(fg), Some(bg)) => Style::default().fg(fg).bg(bg),
            _ => Style::default().add_modifier(Modifier::REVERSED),
        }
    }

    pub fn error(&self) -> Style {
        self.fg(Role::Error).add_modifier(Modifier::BOLD)
    }

    pub fn info(&self) -> Style {
        self.fg(Role::Info)
    }

    /// Secondary text (labels, hints, borders of what has no focus): the
    /// terminal's own colour, which holds on any background; grey would
    /// wash out on a projector and on white.
    pub fn dim(&self) -> Style {
        Style::default()
    }

    pub fn figure(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every style of every theme: no grey, no yellow, no white text, no
    /// faint text — what a projector or a light background loses.
    #[test]
    fn no_colour_that_a_projector_or_a_light_background_loses() {
        let lost = [
            Color::DarkGray,
            Color::Gray,
            Color::Yellow,
            Color::LightYellow,
            Color::White,
            Color::Indexed(7),
            Color::Indexed(8),
            Color::Indexed(11),
        ];
        for colors in [Colors::None, Colors::Basic, Colors::Full] {
            let th = Theme::new(colors, false);
            let mut styles = vec![
                th.header(),
                th.selected(),
                th.error(),
                th.info(),
                th.dim(),
                th.figure(),
            ];
            styles.extend(State::ALL.map(|s| th.state(s)));
            for st in styles {
                assert!(
                    !st.fg.is_some_and(|c| lost.contains(&c)),
                    "{colors:?}: {st:?}"
                );
                assert!(
                    !st.add_modifier.contains(Modifier::DIM),
                    "{colors:?}: {st:?}"
                );
            }
            // The title's white is on a dark blue of its own.
            let title = th.title();
            if title.fg.is_some() {
                assert!(title.bg.is_some(), "{colors:?}");
            }
        }
    }
}
