//! The terminal runtime: set the terminal up, turn input, database changes
//! and signals into actions, draw, and always give the terminal back.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::execute;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{Action, App, Loaded};
use crate::store::{OpenMode, Store, StoreError, Watcher};
use crate::term::{self, Colors, Sgr16};
use crate::ui;

/// How often other sessions' commits are looked for. `PRAGMA data_version`
/// costs microseconds, so this is about latency, not load.
pub(crate) const WATCH_INTERVAL: Duration = Duration::from_millis(40);

/// How often the loop looks for the background load's result.
const LOAD_POLL: Duration = Duration::from_millis(5);

/// Restores the terminal when dropped, whichever way the loop ends.
pub(crate) struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        ratatui::restore();
    }
}

/// Why the screen could not start or had to stop. Worded in `words/cli.rs`.
#[derive(Debug)]
pub enum Error {
    /// stdin or stdout is not a terminal.
    NoTerminal,
    /// `TERM=dumb`: a terminal that moves no cursor and clears nothing.
    DumbTerminal,
    /// The terminal, or the signal handlers, failed.
    Io(std::io::Error),
    /// The meeting could not be watched, or its rows not read.
    Store(StoreError),
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::Io(e)
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Error {
        Error::Store(e)
    }
}

/// What every full-screen loop does first: refuses a dumb terminal,
/// insists on a terminal, turns SIGTERM, SIGHUP and SIGINT into the flag
/// returned, and ends the process when the terminal goes away without a
/// signal.
pub(crate) fn prepare() -> Result<Arc<AtomicBool>, Error> {
    if term::is_dumb(std::env::var("TERM").ok().as_deref()) {
        return Err(Error::DumbTerminal);
    }
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::NoTerminal);
    }
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    // A terminal that hangs up without a SIGHUP reaching this process (its
    // multiplexer or SSH link went away) reads as endless end-of-file, on
    // which crossterm's reader spins forever. Watch for it from outside the
    // loop and end the process: everything shown as saved is committed.
    std::thread::spawn(|| {
        loop {
            std::thread::sleep(Duration::from_millis(250));
            if !std::io::stdin().is_terminal() {
                std::process::exit(129);
            }
        }
    });
    Ok(stop)
}

/// Runs the screen until the reviewer quits or a signal asks to stop.
/// `watcher`, and `loader` (a read-only store for the rows not yet read;
/// `None`: opened here), are opened by the caller with the app's store: a
/// hardened meeting's files can be opened only before the install's group
/// is given up.
pub fn run(mut app: App, watcher: Option<Watcher>, loader: Option<Store>) -> Result<(), Error> {
    let stop = prepare()?;
    let mut watcher = watcher;
    // A snapshot tries once to follow the others (below).
    let mut follow = true;
    // The rest of the rows, read on a connection of its own while the first
    // frame is already on screen.
    let loader = app.loading.then(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        let path = app.store.path().to_path_buf();
        std::thread::spawn(move || {
            let loaded = match loader {
                Some(store) => Loaded::read(&store),
                None => Store::open(&path, OpenMode::ReadOnly).and_then(|s| Loaded::read(&s)),
            };
            let _ = tx.send(loaded);
        });
        rx
    });
    let mut loader = loader;
    // ratatui::init enters raw mode and the alternate screen, and installs
    // a panic hook that restores the terminal before the panic message is
    // printed. The screen is then drawn through a writer that speaks the
    // terminal's colours: 16-colour codes where 256 are not understood.
    drop(ratatui::init());
    let _guard = TerminalGuard;
    let out = Sgr16::new(std::io::stdout(), app.theme.colors == Colors::Basic);
    let mut terminal = Terminal::new(CrosstermBackend::new(out))?;
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    // The first poll installs crossterm's resize handler; before the first
    // draw, so a resize right after start is not lost.
    let _ = event::poll(Duration::ZERO);
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let mut dirty = true;
    let mut last_watch = Instant::now();
    loop {
        if dirty {
            terminal.draw(|f| ui::draw(f, &app))?;
            dirty = false;
        }
        if app.quit || stop.load(Ordering::Relaxed) {
            break;
        }
        if let Some(rx) = &loader
            && let Ok(loaded) = rx.try_recv()
        {
            loader = None;
            match loaded {
                Ok(l) => app.update(Action::Loaded(Box::new(l))),
                Err(e) => return Err(e.into()),
            }
            dirty = true;
            continue;
        }
        // While rows are loading, look for them often.
        let wait = if loader.is_some() {
            LOAD_POLL
        } else {
            WATCH_INTERVAL.saturating_sub(last_watch.elapsed())
        };
        if event::poll(wait)? {
            // Take everything already queued before drawing again, so a held
            // key or a paste does not draw a frame per event.
            loop {
                match event::read()? {
                    Event::Key(k) if k.kind != KeyEventKind::Release => {
                        app.update(Action::Key(k));
                    }
                    Event::Paste(s) => app.update(Action::Paste(s)),
                    Event::Resize(w, h) => app.update(Action::Resize(w, h)),
                    _ => {}
                }
                dirty = true;
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if last_watch.elapsed() >= WATCH_INTERVAL {
            last_watch = Instant::now();
            // A meeting file deleted or replaced underneath turns the
            // session read-only at once, before anyone decides into it.
            if app.read_only.is_none() && !app.store.same_file() {
                app.update(Action::DbChanged);
                dirty = true;
            }
            // A resize whose event was missed still shows within a tick.
            if let Ok(size) = terminal.size()
                && (size.width, size.height) != app.size
            {
                app.update(Action::Resize(size.width, size.height));
                dirty = true;
            }
            // A snapshot follows the others once a writer has opened the
            // file (its `-wal` and `-shm` are there to read through now).
            if follow && app.store.may_follow() {
                follow = false;
                if let Ok(fresh) = app.store.reopen()
                    && !fresh.is_snapshot()
                    && let Ok(Some(w)) = Watcher::of(&fresh)
                {
                    app.store = fresh;
                    watcher = Some(w);
                    app.update(Action::DbChanged);
                    dirty = true;
                }
            }
            match watcher.as_mut().map(Watcher::changed).unwrap_or(Ok(false)) {
                Ok(true) => {
                    app.update(Action::DbChanged);
                    dirty = true;
                }
                Ok(false) => {}
                Err(_) => {}
            }
        }
    }
    Ok(())
}
