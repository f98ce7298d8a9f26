//! The popups, each one unit (gitui's components): a form holds its state,
//! handles its keys and draws itself, and lists what it offers so its hint
//! line is generated from the keymap in force.
//!
//! A form never writes. Its `on_key` returns an [`Outcome`]: stay open,
//! close, or submit a ruling (a decision, a comment, a filter, a sort) for
//! the app to commit; the app says back whether it was written (see
//! `App::commit`). Forms read the app's state through a [`Ctx`], so they
//! sit below the app: the app opens them and commits what they submit, the
//! views draw them.

pub mod adjust;
pub mod cancel;
pub mod ceiling;
pub mod comment;
pub mod cut;
pub mod filter;
pub mod help;
pub mod history;
pub mod popup;
pub mod reasons;
pub mod search;
pub mod sort;
pub mod stage;

#[cfg(test)]
mod tests;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::domain::tally::Figures;
use crate::domain::{self, Money, Rounding, Stage};
use crate::i18n::Lang;
use crate::keymap::{Command, Key, Keymap, Mode};
use crate::listing::Filter;
use crate::store::ProjectRow;
use crate::theme::Theme;
use crate::words::Punct;
use crate::words::Say;
use crate::words::screen::Note;

pub use adjust::AdjustForm;
pub use cancel::CancelForm;
pub use ceiling::CeilingForm;
pub use comment::CommentForm;
pub use cut::{CutForm, CutPreview};
pub use filter::FilterForm;
pub use help::Help;
pub use history::History;
pub use reasons::ReasonPicker;
pub use search::Search;
pub use sort::SortForm;
pub use stage::{StageField, StageForm};

/// The project a form acts on, as it was when the form opened.
#[derive(Clone, Debug)]
pub struct Target {
    pub project_id: i64,
    pub code: String,
    pub name: String,
    pub requested: Money,
    pub version: i64,
}

/// What a form reads from the app while it is open: the reader's language
/// and screen, the keys in force, and the meeting as it stands now (another
/// session's commit changes a cut's preview while the form is open).
pub struct Ctx<'a> {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: &'a Keymap,
    pub stage: Stage,
    /// The terminal's size: a page of the help or the history.
    pub size: (u16, u16),
    /// The unit the meeting rounds what it derives to (a share's cut).
    pub rounding: Rounding,
    /// The meeting's overall figures.
    pub total: &'a Figures,
    pub rows: &'a [ProjectRow],
    /// The meeting's reasons for a cut or a cancellation, numbered.
    pub reasons: &'a [crate::domain::CutReason],
    /// The sections the reviewer looks after.
    pub my_sections: &'a [String],
    /// The departments over their ceiling now, sorted.
    pub over: &'a [String],
}

impl Ctx<'_> {
    /// A project's row as it stands now.
    pub fn row(&self, project_id: i64) -> Option<&ProjectRow> {
        ProjectRow::position(self.rows, project_id).map(|i| &self.rows[i])
    }
}

/// A key press as a form receives it: the terminal's event (typed into a
/// field), the key, and what the keymap makes of it.
pub struct Press {
    pub ev: KeyEvent,
    pub key: Key,
    /// The key's action in `[input]`.
    cmd: Option<Command>,
    /// The key's up or down in `[list]`, for a form that shows a list.
    list: Option<Command>,
}

impl Press {
    pub fn new(ev: KeyEvent, keymap: &Keymap) -> Press {
        let key = Key::from_event(&ev);
        Press {
            ev,
            key,
            cmd: keymap.lookup(Mode::Input, key),
            list: keymap
                .lookup(Mode::List, key)
                .filter(|c| matches!(c, Command::Up | Command::Down)),
        }
    }

    /// The key's action in `[input]`, whatever has the focus.
    pub fn command(&self) -> Option<Command> {
        self.cmd
    }

    /// The action the key means to a form whose focus is (`typing`) or is
    /// not on a text field: in a text field plain characters type.
    pub fn action(&self, typing: bool) -> Option<Command> {
        if typing && self.key.is_text() {
            None
        } else {
            self.cmd
        }
    }

    /// [`Press::action`], and the list's own up and down keys too: on a
    /// list (indicators, filters, sort columns) j/k move as in the project
    /// list.
    pub fn on_list(&self, typing: bool) -> Option<Command> {
        if typing && self.key.is_text() {
            None
        } else {
            self.cmd.or(self.list)
        }
    }
}

/// What the app is to do after a form has had a key.
#[derive(Debug)]
// One is made per key press and consumed at once: boxing the ruling
// would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Outcome {
    /// Nothing: the form stays open (perhaps changed).
    Stay,
    /// Close the form; nothing to commit.
    Close,
    /// End the program (the quit key on the help or history).
    Quit,
    /// Close, and select the project of this code (Enter on the history).
    GoTo(String),
    /// Commit this; a decision or comment form stays open until the app
    /// says it was written.
    Submit(Submit),
}

/// What a form asks the app to commit.
#[derive(Debug)]
pub enum Submit {
    /// A decision, against the version the reviewer saw; `next`: then on
    /// to the next pending project.
    Decide {
        target: Target,
        command: domain::Command,
        comment: Option<String>,
        /// The reasons ticked (ids), from the cut and cancel forms.
        reasons: Option<Vec<i64>>,
        next: bool,
    },
    Comment {
        target: Target,
        body: String,
        /// Kept inside the bureau.
        internal: bool,
    },
    Filter(Filter),
    Sort(crate::listing::Sort),
    /// A department's ceiling set (or cleared).
    DepartmentCeiling {
        department: String,
        amount: Option<Money>,
    },
    /// The search as typed so far; the field stays open.
    Search(String),
    /// The search dropped and its field closed.
    ClearSearch,
}

/// Why a form's input is not yet a decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotYet {
    /// An amount is still to be typed.
    Empty,
    /// What is typed cannot be saved, and why.
    Invalid(String),
}

/// Enter on a form whose input is checked: the decision to submit, or why
/// not on the form's error line (`empty` asks for what is still to type).
fn submit_checked(
    error: &mut Option<String>,
    checked: Result<Submit, NotYet>,
    empty: Note,
    lang: Lang,
) -> Outcome {
    match checked {
        Ok(submit) => Outcome::Submit(submit),
        Err(why) => {
            *error = Some(match why {
                NotYet::Empty => empty.say(lang),
                NotYet::Invalid(why) => why,
            });
            Outcome::Stay
        }
    }
}

/// The keys a hint names.
#[derive(Clone, Copy, Debug)]
pub enum Keys {
    /// A command's first key: "enter".
    One(Command),
    /// Two commands that go together, each by its first key: "←→", "h/l".
    Pair(Command, Command),
    /// The row of `n` choices: the previous and next choice, or the first
    /// `n` keys of `pick` ("←→ 或 1–5").
    Choice(usize),
    /// The first `n` keys of `pick` alone ("1–9").
    Picks(usize),
}

/// One entry of a form's hint line: its keys and what they do in this form.
pub type Hint = (Keys, &'static str, &'static str);

/// A form's hint line, generated from the keymap in force: "enter 保存 ·
/// tab 切换 · esc 放弃". A command with no key is left out.
pub fn hint_line(ctx: &Ctx, hints: &[Hint]) -> String {
    hints
        .iter()
        .filter_map(|(keys, zh, en)| {
            let keys = hint_keys(ctx, *keys)?;
            Some(format!("{keys} {}", ctx.lang.t(zh, en)))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Draws a form's hint line into `area`.
pub fn draw_hints(frame: &mut Frame, area: Rect, ctx: &Ctx, hints: &[Hint]) {
    frame.render_widget(
        ratatui::widgets::Paragraph::new(hint_line(ctx, hints)).style(ctx.theme.dim()),
        area,
    );
}

/// The keys of a hint as it names them; `None` when none is bound.
fn hint_keys(ctx: &Ctx, keys: Keys) -> Option<String> {
    let first = |c: Command| ctx.keymap.key_for(Mode::Input, c);
    match keys {
        Keys::One(c) => first(c).map(key_name),
        Keys::Pair(a, b) => match (first(a), first(b)) {
            // Two arrows read as a pair; other keys are told apart.
            (Some(a), Some(b)) if is_arrow(a) && is_arrow(b) => {
                Some(format!("{}{}", key_name(a), key_name(b)))
            }
            (Some(a), Some(b)) => Some(format!("{}/{}", key_name(a), key_name(b))),
            (a, b) => a.or(b).map(key_name),
        },
        Keys::Picks(n) => pick_keys(ctx, n),
        Keys::Choice(n) => {
            let step = hint_keys(ctx, Keys::Pair(Command::PrevChoice, Command::NextChoice));
            let pick = pick_keys(ctx, n);
            match (step, pick) {
                (Some(s), Some(p)) => Some(format!("{s}{}{p}", Punct::Or.word(ctx.lang))),
                (s, p) => s.or(p),
            }
        }
    }
}

/// The first `n` keys of `pick` as a hint names them: "1–9".
fn pick_keys(ctx: &Ctx, n: usize) -> Option<String> {
    let picks: Vec<Key> = ctx
        .keymap
        .bindings(Mode::Input)
        .iter()
        .find(|(c, _)| *c == Command::Pick)
        .map(|(_, keys)| keys.iter().copied().take(n).collect())
        .unwrap_or_default();
    match picks.as_slice() {
        [] => None,
        [one] => Some(key_name(*one)),
        [first, .., last] => Some(format!("{}–{}", key_name(*first), key_name(*last))),
    }
}

fn is_arrow(k: Key) -> bool {
    k.mods.is_empty()
        && matches!(
            k.code,
            KeyCode::Left | KeyCode::Right | KeyCode::Up | KeyCode::Down
        )
}

/// A key as a form's hint names it: the arrows as arrows.
fn key_name(k: Key) -> String {
    match k.code {
        KeyCode::Left if is_arrow(k) => "←".into(),
        KeyCode::Right if is_arrow(k) => "→".into(),
        KeyCode::Up if is_arrow(k) => "↑".into(),
        KeyCode::Down if is_arrow(k) => "↓".into(),
        _ => k.to_string(),
    }
}

/// A single-line text field holding `initial`, the cursor at its end.
pub fn text_field(initial: &str) -> TextArea<'static> {
    let mut t = TextArea::new(initial.lines().map(str::to_string).collect());
    t.set_cursor_line_style(ratatui::style::Style::default());
    t.move_cursor(ratatui_textarea::CursorMove::Bottom);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

/// A field for prose (a comment, a reason): long lines wrap inside the box,
/// at spaces where there are any and between characters in Chinese, so the
/// panel reads the whole text instead of its last width scrolled sideways.
pub fn text_box(initial: &str) -> TextArea<'static> {
    let mut t = text_field(initial);
    t.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    t
}

pub fn field_text(t: &TextArea<'_>) -> String {
    t.lines().join("\n")
}

/// Pasted text into `field`: on separate lines (`lines`) or on one.
pub fn paste_into(field: &mut TextArea<'_>, text: &str, lines: bool) {
    let text = crate::text::pasted(text);
    if !lines {
        field.insert_str(text.replace('\n', " "));
        return;
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            field.insert_newline();
        }
        field.insert_str(line);
    }
}

/// Types a key no action took into a field. Enter itself is never typed,
/// whatever it is bound to: a line break is the `newline` action's.
pub fn type_into(field: &mut TextArea<'_>, ev: KeyEvent) -> bool {
    if ev.code == KeyCode::Enter {
        return false;
    }
    field.input(ev);
    true
}

/// The help and history scroll alike: a line or a page at a time, to the
/// top or to `last`, no further. The quit key quits; any other closes.
fn scroll(cmd: Command, scroll: &mut usize, last: usize, page: usize) -> Outcome {
    *scroll = match cmd {
        Command::Up => scroll.saturating_sub(1),
        Command::Down => scroll.saturating_add(1),
        Command::PageUp => scroll.saturating_sub(page),
        Command::PageDown => scroll.saturating_add(page),
        Command::Top => 0,
        Command::Bottom => last,
        Command::Quit => return Outcome::Quit,
        _ => return Outcome::Close,
    }
    .min(last);
    Outcome::Stay
}

/// A page of the help or the history: the screen's height less the frame.
fn page(ctx: &Ctx) -> usize {
    usize::from(ctx.size.1.saturating_sub(4)).max(1)
}

// One overlay exists at a time; boxing the forms would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Overlay {
    None,
    Help(Help),
    /// The meeting's event log, newest first.
    History(History),
    Cut(CutForm),
    Stage(StageForm),
    Cancel(CancelForm),
    Adjust(AdjustForm),
    Comment(CommentForm),
    Filter(FilterForm),
    Sort(SortForm),
    Ceiling(CeilingForm),
}

impl Overlay {
    /// Forms take typed text; the others take navigation keys.
    pub fn is_form(&self) -> bool {
        matches!(
            self,
            Overlay::Cut(_)
                | Overlay::Stage(_)
                | Overlay::Cancel(_)
                | Overlay::Adjust(_)
                | Overlay::Comment(_)
                | Overlay::Filter(_)
                | Overlay::Sort(_)
                | Overlay::Ceiling(_)
        )
    }

    /// A decision form's project and error line: the forms whose Enter
    /// writes a decision.
    pub fn decision_form(&mut self) -> Option<(&mut Target, &mut Option<String>)> {
        match self {
            Overlay::Cut(f) => Some((&mut f.target, &mut f.error)),
            Overlay::Stage(f) => Some((&mut f.target, &mut f.error)),
            Overlay::Cancel(f) => Some((&mut f.target, &mut f.error)),
            Overlay::Adjust(f) => Some((&mut f.target, &mut f.error)),
            _ => None,
        }
    }

    /// A key for a form (the `[input]` mode).
    pub fn on_key(&mut self, press: &Press, ctx: &Ctx) -> Outcome {
        if press.command() == Some(Command::Back) {
            return Outcome::Close;
        }
        match self {
            Overlay::Cut(f) => f.on_key(press, ctx),
            Overlay::Stage(f) => f.on_key(press, ctx),
            Overlay::Cancel(f) => f.on_key(press, ctx),
            Overlay::Adjust(f) => f.on_key(press, ctx),
            Overlay::Comment(f) => f.on_key(press, ctx),
            Overlay::Filter(f) => f.on_key(press, ctx),
            Overlay::Sort(f) => f.on_key(press),
            Overlay::Ceiling(f) => f.on_key(press, ctx),
            Overlay::None | Overlay::Help(_) | Overlay::History(_) => Outcome::Stay,
        }
    }

    /// A command for the help or the history (the `[detail]` mode).
    pub fn on_command(&mut self, cmd: Command, ctx: &Ctx) -> Outcome {
        match self {
            Overlay::Help(h) => h.on_command(cmd, ctx),
            Overlay::History(h) => h.on_command(cmd, ctx),
            _ => Outcome::Stay,
        }
    }

    /// Pasted text, into the field with the focus: its escape sequences
    /// removed whole; its line breaks kept in a comment or a reason, spaces
    /// in a one-line field (an amount, a project code).
    pub fn paste(&mut self, text: &str) {
        let (field, lines) = match self {
            Overlay::Cut(f) if f.focus == 0 => (Some(&mut f.amount), false),
            Overlay::Cut(f) if f.focus == 2 => (Some(&mut f.comment), true),
            Overlay::Cut(_) => (None, false),
            Overlay::Stage(f) => {
                let lines = f.focus == StageField::Comment;
                (f.field_mut(), lines)
            }
            Overlay::Cancel(f) if f.focus == 1 => (Some(&mut f.comment), true),
            Overlay::Cancel(_) => (None, false),
            Overlay::Adjust(f) => (Some(&mut f.reason), true),
            Overlay::Comment(f) => (Some(&mut f.body), true),
            Overlay::Ceiling(f) => (Some(&mut f.amount), false),
            _ => (None, false),
        };
        if let Some(t) = field {
            paste_into(t, text, lines);
        }
    }

    /// The commands the status line offers while this overlay is open.
    pub fn status_commands(&self) -> &'static [Command] {
        match self {
            Overlay::Adjust(_) => adjust::STATUS,
            Overlay::Cut(_) | Overlay::Stage(_) | Overlay::Cancel(_) => &[
                Command::Confirm,
                Command::ConfirmNext,
                Command::Back,
                Command::NextField,
            ],
            _ => &[Command::Confirm, Command::Back, Command::NextField],
        }
    }

    /// Draws the overlay over the screen `full`.
    pub fn draw(&self, frame: &mut Frame, full: Rect, ctx: &Ctx) {
        match self {
            Overlay::None => {}
            Overlay::Help(h) => h.draw(frame, full, ctx),
            Overlay::History(h) => h.draw(frame, full, ctx),
            Overlay::Cut(f) => f.draw(frame, full, ctx),
            Overlay::Stage(f) => f.draw(frame, full, ctx),
            Overlay::Cancel(f) => f.draw(frame, full, ctx),
            Overlay::Adjust(f) => f.draw(frame, full, ctx),
            Overlay::Comment(f) => f.draw(frame, full, ctx),
            Overlay::Filter(f) => f.draw(frame, full, ctx),
            Overlay::Sort(f) => f.draw(frame, full, ctx),
            Overlay::Ceiling(f) => f.draw(frame, full, ctx),
        }
    }
}
