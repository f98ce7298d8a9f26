//! The terminal runtime: set the terminal up, turn input, database changes
//! and signals into actions, draw, and always give the terminal back.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
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

/// How often the loop looks at what no event announces: the meeting file
/// replaced underneath, a resize whose signal was lost, a snapshot that
/// may now follow the others. Other sessions' commits wake it at once
/// (`store::Watcher`).
pub(crate) const LOOK_INTERVAL: Duration = Duration::from_millis(250);

/// Bytes of output held until a frame is complete: more than a full
/// 200×60 frame with a colour change at every cell takes.
pub(crate) const FRAME_BUFFER: usize = 1 << 18;

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

/// What wakes a full-screen loop: a key, another session's commit, the
/// rows read in the background, a signal. Each comes from a thread of its
/// own, so the loop sleeps until one of them has something: idle, it costs
/// nothing.
pub(crate) enum Wake {
    Input(std::io::Result<Event>),
    /// Another session committed.
    Db,
    Loaded(Box<Result<Loaded, StoreError>>),
    /// SIGTERM, SIGHUP or SIGINT.
    Stop,
}

/// The loop's wakes, and the threads that send them.
pub(crate) struct Wakes {
    tx: Sender<Wake>,
    rx: Receiver<Wake>,
}

impl Wakes {
    /// Starts the threads that read the terminal and wait for signals.
    pub(crate) fn start() -> Result<Wakes, Error> {
        let (tx, rx) = channel();
        let input = tx.clone();
        std::thread::Builder::new()
            .name("input".into())
            .spawn(move || {
                loop {
                    let ev = event::read();
                    let failed = ev.is_err();
                    if input.send(Wake::Input(ev)).is_err() || failed {
                        return;
                    }
                }
            })?;
        let mut signals = signal_hook::iterator::Signals::new([
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ])?;
        let stop = tx.clone();
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if signals.forever().next().is_some() {
                    let _ = stop.send(Wake::Stop);
                }
            })?;
        Ok(Wakes { tx, rx })
    }

    /// Wakes the loop at each batch of other sessions' commits.
    pub(crate) fn watch(&self, watcher: Watcher) {
        let tx = self.tx.clone();
        watcher.follow(move || tx.send(Wake::Db).is_ok());
    }

    pub(crate) fn sender(&self) -> Sender<Wake> {
        self.tx.clone()
    }

    /// The next wake, waiting up to `timeout`.
    pub(crate) fn next(&self, timeout: Duration) -> Option<Wake> {
        self.rx.recv_timeout(timeout).ok()
    }

    /// A wake already queued.
    pub(crate) fn queued(&self) -> Option<Wake> {
        self.rx.try_recv().ok()
    }
}

/// Runs the screen until the reviewer quits or a signal asks to stop.
/// `watcher`, and `loader` (a read-only store for the rows not yet read),
/// are opened by the caller with the app's store when it is a hardened
/// meeting, whose files can be opened only before the install's group is
/// given up; `None`: opened here, once the first frame is drawn.
pub fn run(mut app: App, watcher: Option<Watcher>, loader: Option<Store>) -> Result<(), Error> {
    let stop = prepare()?;
    // A snapshot tries once to follow the others (below).
    let mut follow = true;
    // ratatui::init enters raw mode and the alternate screen, and installs
    // a panic hook that restores the terminal before the panic message is
    // printed. The screen is then drawn through a writer that speaks the
    // terminal's colours: 16-colour codes where 256 are not understood.
    drop(ratatui::init());
    let _guard = TerminalGuard;
    // A frame goes out in one write (std's stdout writes 1 kB at a time: a
    // 120×40 frame took a dozen writes, and reached the terminal in as
    // many pieces).
    let out = Sgr16::new(
        std::io::BufWriter::with_capacity(FRAME_BUFFER, std::io::stdout()),
        app.theme.colors == Colors::Basic,
    );
    let mut terminal = Terminal::new(CrosstermBackend::new(out))?;
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    // The input thread's first read installs crossterm's resize handler,
    // on the other core while this one draws the first frame (a resize
    // before it is in place shows within LOOK_INTERVAL).
    let wakes = Wakes::start()?;
    // Opened here after the first frame, unless the caller had to.
    let mut watch_later = watcher.is_none() && !app.store.through_group();
    if let Some(w) = watcher {
        wakes.watch(w);
    }
    // The rest of the rows are read on a connection of their own once the
    // first frame is on screen (on two cores, a loader started earlier
    // takes the first frame's time).
    let mut loader = app.loading.then_some(loader);
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let mut dirty = true;
    let mut last_look = Instant::now();
    loop {
        if dirty {
            terminal.draw(|f| ui::draw(f, &app))?;
            dirty = false;
        }
        if watch_later {
            watch_later = false;
            // A file already gone (deleted under the screen) has nothing
            // to watch: the look below turns the session read-only.
            if let Ok(Some(w)) = Watcher::of(&app.store) {
                wakes.watch(w);
                // A commit made before the watcher looked would go unseen.
                app.update(Action::DbChanged);
                dirty = true;
            }
        }
        if let Some(store) = loader.take() {
            let tx = wakes.sender();
            let path = app.store.path().to_path_buf();
            std::thread::spawn(move || {
                let loaded = match store {
                    Some(store) => Loaded::read(&store),
                    None => Store::open(&path, OpenMode::ReadOnly).and_then(|s| Loaded::read(&s)),
                };
                let _ = tx.send(Wake::Loaded(Box::new(loaded)));
            });
        }
        if app.quit || stop.load(Ordering::Relaxed) {
            break;
        }
        // Take everything already queued before drawing again, so a held
        // key or a paste does not draw a frame per event, and a burst of
        // commits is read once.
        let mut next = wakes.next(LOOK_INTERVAL.saturating_sub(last_look.elapsed()));
        let mut db = false;
        while let Some(wake) = next {
            match wake {
                Wake::Input(ev) => match ev? {
                    Event::Key(k) if k.kind != KeyEventKind::Release => {
                        app.update(Action::Key(k));
                    }
                    Event::Paste(s) => app.update(Action::Paste(s)),
                    Event::Resize(w, h) => app.update(Action::Resize(w, h)),
                    _ => {}
                },
                Wake::Db => db = true,
                Wake::Loaded(loaded) => match *loaded {
                    Ok(l) => app.update(Action::Loaded(Box::new(l))),
                    // The file went away before the loader opened it: the
                    // screen stays, read-only, with the rows it has.
                    Err(_) if !app.store.same_file() => {
                        app.loading = false;
                        app.update(Action::DbChanged);
                    }
                    Err(e) => return Err(e.into()),
                },
                Wake::Stop => app.quit = true,
            }
            dirty = true;
            if app.quit {
                break;
            }
            next = wakes.queued();
        }
        if db && !app.quit {
            app.update(Action::DbChanged);
        }
        if last_look.elapsed() >= LOOK_INTERVAL {
            last_look = Instant::now();
            // A meeting file deleted or replaced underneath turns the
            // session read-only at once, before anyone decides into it.
            if app.read_only.is_none() && !app.store.same_file() {
                app.update(Action::DbChanged);
                dirty = true;
            }
            // A resize whose event was missed still shows within a look.
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
                    wakes.watch(w);
                    app.update(Action::DbChanged);
                    dirty = true;
                }
            }
        }
    }
    Ok(())
}
