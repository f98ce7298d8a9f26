//! `huishen board`: the board on a terminal of its own. It follows the
//! meeting as the review screen does — woken when another session commits
//! (`store::Watcher`), the board read again — and reads again every half
//! minute for the pace's clock. It never writes; it needs no place on the roster.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use super::draw::{Ctx, draw};
use super::{Board, BoardView};
use crate::i18n::Lang;
use crate::keymap::{Command, Key, Keymap, Mode};
use crate::store::{Store, Watcher};
use crate::term::{Colors, Sgr16};
use crate::theme::Theme;
use crate::tui::{self, Error, TerminalGuard, Wake, Wakes};

/// How often the board is read again with nothing committed: the pace's
/// last ten minutes move on with the clock.
const CLOCK_INTERVAL: Duration = Duration::from_secs(30);

/// Seconds since the epoch, now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Shows the board of the meeting in `store` until `q` or a signal,
/// following it with `watcher` (opened by the caller with the store, as
/// the review screen's: a hardened meeting's files open only before the
/// install's group is given up; `None` for a snapshot).
pub fn run(
    store: Store,
    watcher: Option<Watcher>,
    lang: Lang,
    keymap: Keymap,
    theme: Theme,
) -> Result<(), Error> {
    let stop = tui::prepare()?;
    let mut board = Board::read(&store, now())?;
    let mut view = BoardView::default();
    let cx = Ctx {
        lang,
        theme,
        keymap: &keymap,
        over_screen: false,
    };
    // As the review screen: raw mode, the alternate screen and the panic
    // hook from ratatui::init, drawn through a writer that speaks the
    // terminal's colours.
    drop(ratatui::init());
    let _guard = TerminalGuard;
    let out = Sgr16::new(
        std::io::BufWriter::with_capacity(tui::FRAME_BUFFER, std::io::stdout()),
        theme.colors == Colors::Basic,
    );
    let mut terminal = Terminal::new(CrosstermBackend::new(out))?;
    let _ = event::poll(Duration::ZERO);
    let wakes = Wakes::start()?;
    if let Some(w) = watcher {
        wakes.watch(w);
    }
    let mut dirty = true;
    let mut quit = false;
    let mut last_read = Instant::now();
    loop {
        if dirty {
            terminal.draw(|f| draw(f, f.area(), &board, &view, &cx))?;
            dirty = false;
        }
        if quit || stop.load(Ordering::Relaxed) {
            break;
        }
        let mut next = wakes.next(CLOCK_INTERVAL.saturating_sub(last_read.elapsed()));
        let mut changed = false;
        while let Some(wake) = next {
            match wake {
                Wake::Input(ev) => match ev? {
                    Event::Key(k) if k.kind != KeyEventKind::Release => {
                        let n = board.panels().len();
                        match keymap.lookup(Mode::Board, Key::from_event(&k)) {
                            Some(Command::NextPanel) => view.turn(1, n),
                            Some(Command::PrevPanel) => view.turn(-1, n),
                            Some(Command::Quit | Command::Back) => quit = true,
                            _ => {}
                        }
                        dirty = true;
                    }
                    Event::Resize(..) => dirty = true,
                    _ => {}
                },
                Wake::Db => changed = true,
                Wake::Loaded(_) => {}
                Wake::Stop => quit = true,
            }
            if quit {
                break;
            }
            next = wakes.queued();
        }
        if !quit && (changed || last_read.elapsed() >= CLOCK_INTERVAL) {
            last_read = Instant::now();
            // A read that fails (the file went away) keeps what shows.
            let before = board.clone();
            if board.refresh(&store, now()).is_err() {
                board = before;
            } else {
                dirty |= board != before;
            }
        }
    }
    Ok(())
}
