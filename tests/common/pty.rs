//! Drives the real binary in a pseudo-terminal, as a user would, and reads
//! its screen with vt100. The tests use it through `tests/common`; the
//! scenario bench includes this same file (`#[path]` in
//! `benches/scenario.rs`), so it depends on nothing else in the harness.
//!
//! A reader thread drains the pty master into the vt100 parser all the time,
//! so the program never blocks on a full pty buffer. After every chunk it
//! runs the armed watch, if any, on the parsed screen and stamps the chunk's
//! arrival time when the watch holds: the bench's "key → frame" times.
//! Correctness never rests on a sleep: tests wait for text on the screen.
//! The one deliberate pause is after a lone Esc, so that the program does
//! not read Esc + the next key as Alt + key.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

pub use portable_pty::ExitStatus;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long `wait_text` waits for text to appear.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// How long a quit or a signal has to end the program.
pub const EXIT_TIMEOUT: Duration = Duration::from_secs(5);
/// The pause after a lone Esc (crossterm reads Esc followed quickly by a key
/// as Alt + key).
const ESC_PAUSE: Duration = Duration::from_millis(60);
const POLL: Duration = Duration::from_millis(20);

/// Called with the screen after every chunk of output and the chunk's
/// arrival time; `true` ends the wait and stamps that time.
pub type Watch = Box<dyn FnMut(&vt100::Screen, Instant) -> bool + Send>;

/// What the reader thread keeps up to date.
struct State {
    parser: vt100::Parser,
    /// Every byte the program wrote, when asked for ([`Options::keep_bytes`]).
    bytes: Option<Vec<u8>>,
    watch: Option<Watch>,
    hit: Option<Instant>,
    first_output: Option<Instant>,
    /// The reader has stopped: the pty reached end of file (every holder of
    /// the slave side, i.e. the program, has gone) or it was told to stop.
    closed: bool,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    /// Set by [`Session::hang_up`]: the reader stops after its next chunk.
    stop: AtomicBool,
}

/// How to start a session beyond its arguments, size and environment.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'a> {
    /// A program (and its arguments) to run `huishen` under, e.g.
    /// `["setsid", "-w"]`.
    pub wrapper: &'a [&'a str],
    /// Keep every byte the program writes, for [`Exit::bytes`].
    pub keep_bytes: bool,
}

/// A running `huishen` in a pseudo-terminal.
pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    /// `None` once [`Session::hang_up`] has closed the terminal.
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Box<dyn Write + Send>,
    shared: Arc<Shared>,
    reader: Option<JoinHandle<()>>,
    spawned: Instant,
    pid: u32,
}

/// How a session ended, and what the terminal looked like afterwards.
#[derive(Debug)]
pub struct Exit {
    pub status: ExitStatus,
    /// The final screen's text.
    pub screen: String,
    /// Whether the final screen is still the alternate screen.
    pub alternate_screen: bool,
    /// Whether the cursor is still hidden.
    pub cursor_hidden: bool,
    /// Whether the tty is back in canonical mode with echo (`None` where
    /// that cannot be read).
    pub cooked: Option<bool>,
    /// Every byte the program wrote, if the session kept them.
    pub bytes: Vec<u8>,
}

impl Exit {
    /// Panics unless the terminal was handed back: main screen, cursor
    /// shown, raw mode off.
    pub fn assert_terminal_restored(&self) {
        assert!(
            !self.alternate_screen,
            "still in the alternate screen after exit:\n{}",
            self.screen
        );
        assert!(!self.cursor_hidden, "cursor still hidden after exit");
        assert_ne!(
            self.cooked,
            Some(false),
            "tty left in raw mode (no ICANON/ECHO) after exit"
        );
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("terminal size must not be zero")
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// The program under test: this build's, or `HUISHEN_BENCH_BIN` (the
/// scenario bench run against another build, side by side).
pub fn bin() -> std::ffi::OsString {
    std::env::var_os("HUISHEN_BENCH_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_huishen").into())
}

impl Session {
    /// Spawns `huishen ARGS` in a `cols`×`rows` pty, in `cwd`, with
    /// TERM=xterm-256color, LANG=C.UTF-8 and USER=tester unless `env` says
    /// otherwise, no NO_COLOR, no LC_* overrides, no SUDO_USER, and a config
    /// folder inside `cwd` (so a developer's own keymap does not apply).
    pub fn spawn(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)], cwd: &Path) -> Session {
        Session::spawn_with(args, cols, rows, env, cwd, Options::default())
    }

    /// [`Session::spawn`] with [`Options`].
    pub fn spawn_with(
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
        cwd: &Path,
        options: Options<'_>,
    ) -> Session {
        let pty = native_pty_system();
        let pair = pty.openpty(size(cols, rows)).expect("open a pty");
        let mut cmd = match options.wrapper.split_first() {
            Some((program, rest)) => {
                let mut cmd = CommandBuilder::new(program);
                cmd.args(rest);
                cmd.arg(bin());
                cmd
            }
            None => CommandBuilder::new(bin()),
        };
        cmd.args(args);
        cmd.cwd(cwd);
        for var in [
            "NO_COLOR",
            "LC_ALL",
            "LC_MESSAGES",
            "LC_CTYPE",
            "SUDO_USER",
            "COLUMNS",
            "LINES",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("USER", "tester");
        cmd.env("XDG_CONFIG_HOME", cwd.join(".config"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                parser: vt100::Parser::new(nz(rows), nz(cols), 0),
                bytes: options.keep_bytes.then(Vec::new),
                watch: None,
                hit: None,
                first_output: None,
                closed: false,
            }),
            changed: Condvar::new(),
            stop: AtomicBool::new(false),
        });
        let spawned = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("spawn huishen");
        // Only the child may hold the slave side, or the reader never sees
        // end of file.
        drop(pair.slave);
        let pid = child.process_id().expect("child pid");
        let reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let sh = Arc::clone(&shared);
        let reader = thread::spawn(move || read_all(reader, &sh));
        Session {
            child,
            master: Some(pair.master),
            writer,
            shared,
            reader: Some(reader),
            spawned,
            pid,
        }
    }

    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// The moment just before the program was started.
    pub fn spawned(&self) -> Instant {
        self.spawned
    }

    /// When the first byte of output arrived, if it has.
    pub fn first_output(&self) -> Option<Instant> {
        self.state().first_output
    }

    /// Types raw bytes: `"c"`, `"-15%"`, `"\r"` (Enter), `"\t"`, `"\x1b"`
    /// (Esc). A send that ends in Esc pauses briefly so the next key is not
    /// read as Alt + key. Returns the moment just before the write.
    pub fn send(&mut self, bytes: &str) -> Instant {
        let t = Instant::now();
        if let Err(e) = self
            .writer
            .write_all(bytes.as_bytes())
            .and_then(|_| self.writer.flush())
        {
            panic!("typing {bytes:?}: {e}\nscreen:\n{}", self.screen());
        }
        if bytes.ends_with('\x1b') {
            thread::sleep(ESC_PAUSE);
        }
        t
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.shared.state.lock().unwrap()
    }

    /// The screen's text now.
    pub fn screen(&self) -> String {
        self.state().parser.screen().contents()
    }

    /// Looks at the parsed screen now.
    pub fn with_screen<R>(&self, look: impl FnOnce(&vt100::Screen) -> R) -> R {
        look(self.state().parser.screen())
    }

    /// Whether the program is in the alternate screen now.
    pub fn alternate_screen(&self) -> bool {
        self.state().parser.screen().alternate_screen()
    }

    /// Polls the screen until `pred` holds; panics with `what` and the last
    /// screen after `timeout`, or at once if the program has exited.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            let (screen, closed) = {
                let st = self.state();
                (st.parser.screen().contents(), st.closed)
            };
            if pred(&screen) {
                return screen;
            }
            if closed || start.elapsed() >= timeout {
                let why = if closed {
                    "the program's output ended".to_string()
                } else {
                    format!("timed out after {timeout:?}")
                };
                panic!(
                    "{why} waiting for {what}; the screen:\n{screen}\n{}",
                    "-".repeat(40)
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Waits (10 s) until the screen contains `text`.
    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |s| s.contains(text), TIMEOUT)
    }

    /// Waits (10 s) until the screen contains every one of `texts` at once:
    /// the first may arrive while the rest of the frame is still in flight.
    pub fn wait_all(&self, texts: &[&str]) -> String {
        self.wait_for(
            &format!("{texts:?}"),
            |s| texts.iter().all(|t| s.contains(t)),
            TIMEOUT,
        )
    }

    /// Waits (10 s) until the screen no longer contains `text`.
    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_for(
            &format!("{text:?} to go away"),
            |s| !s.contains(text),
            TIMEOUT,
        )
    }

    /// Arms `watch` for the output that follows (the current screen is not
    /// looked at: the wait is for a frame still to come).
    pub fn arm(&self, watch: impl FnMut(&vt100::Screen, Instant) -> bool + Send + 'static) {
        let mut st = self.state();
        st.hit = None;
        st.watch = Some(Box::new(watch));
    }

    /// Runs `watch` on the screen now (with the time now); if it does not
    /// hold, arms it for the output that follows, in one step so that no
    /// chunk falls between. Returns whether it held now.
    pub fn arm_unless_now(
        &self,
        mut watch: impl FnMut(&vt100::Screen, Instant) -> bool + Send + 'static,
    ) -> bool {
        let mut st = self.state();
        if watch(st.parser.screen(), Instant::now()) {
            return true;
        }
        st.hit = None;
        st.watch = Some(Box::new(watch));
        false
    }

    /// Waits for the armed watch to hold; the arrival time of the chunk it
    /// held on, or `None` after `timeout` or once the output has ended (the
    /// watch is then disarmed).
    pub fn wait_hit(&self, timeout: Duration) -> Option<Instant> {
        let deadline = Instant::now() + timeout;
        let mut st = self.state();
        loop {
            if let Some(t) = st.hit.take() {
                return Some(t);
            }
            let now = Instant::now();
            if st.closed || now >= deadline {
                st.watch = None;
                return None;
            }
            st = self
                .shared
                .changed
                .wait_timeout(st, deadline - now)
                .unwrap()
                .0;
        }
    }

    /// Resizes the terminal (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.state().parser.set_size(nz(rows), nz(cols));
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(size(cols, rows))
            .expect("resize the pty");
    }

    /// Presses `q` and waits for the program to end.
    pub fn quit(mut self) -> Exit {
        self.send("q");
        self.finish("quitting with q")
    }

    /// Presses `q`, waits for the program to end, and insists that it ended
    /// well and handed the terminal back.
    pub fn quit_ok(self) -> Exit {
        let exit = self.quit();
        assert!(exit.status.success(), "exit status {:?}", exit.status);
        exit.assert_terminal_restored();
        exit
    }

    /// Sends a signal (`"TERM"`, `"HUP"`, `"KILL"`, …) to the program and
    /// waits for it to end.
    pub fn signal(mut self, signal: &str) -> Exit {
        send_signal(self.pid, signal);
        self.finish(&format!("SIG{signal}"))
    }

    /// Waits up to `timeout` for the program to exit; its status, or `None`
    /// if it still runs.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return Some(status);
            }
            if start.elapsed() >= timeout {
                return None;
            }
            thread::sleep(POLL);
        }
    }

    /// Closes the terminal as a dropped SSH link does: the reader stops
    /// after the frame that `key` makes, and every copy of the master side
    /// is closed. The program is not signalled.
    pub fn hang_up(&mut self, key: &str) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.send(key);
        if let Some(r) = self.reader.take() {
            r.join().expect("the pty reader");
        }
        self.writer = Box::new(std::io::sink());
        self.master = None;
    }

    /// Waits up to 5 s for the program to exit (else kills it and panics),
    /// then for the last of its output to reach the parser.
    fn finish(&mut self, how: &str) -> Exit {
        let Some(status) = self.wait_exit(EXIT_TIMEOUT) else {
            let screen = self.screen();
            self.hard_kill();
            panic!("huishen did not exit within {EXIT_TIMEOUT:?} of {how}; the screen:\n{screen}");
        };
        // The program has exited, so its side of the pty is closed: the
        // reader reaches end of file once it has passed on every byte.
        let drained = {
            let st = self.state();
            let (st, _) = self
                .shared
                .changed
                .wait_timeout_while(st, EXIT_TIMEOUT, |st| !st.closed)
                .unwrap();
            st.closed
        };
        if drained && let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        let cooked = self.cooked();
        let mut st = self.state();
        let bytes = st.bytes.take().unwrap_or_default();
        let screen = st.parser.screen();
        Exit {
            status,
            screen: screen.contents(),
            alternate_screen: screen.alternate_screen(),
            cursor_hidden: screen.hide_cursor(),
            cooked,
            bytes,
        }
    }

    /// Whether the tty has canonical mode and echo on (Linux flag values;
    /// `None` elsewhere or once the terminal is closed).
    pub fn cooked(&self) -> Option<bool> {
        #[cfg(target_os = "linux")]
        {
            const ICANON: u32 = 0o000002;
            const ECHO: u32 = 0o000010;
            let t = self.master.as_ref()?.get_termios()?;
            let flags = t.local_flags.bits();
            Some(flags & ICANON != 0 && flags & ECHO != 0)
        }
        #[cfg(not(target_os = "linux"))]
        {
            None
        }
    }

    fn hard_kill(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            send_signal(self.pid, "KILL");
            let start = Instant::now();
            while matches!(self.child.try_wait(), Ok(None)) && start.elapsed() < EXIT_TIMEOUT {
                thread::sleep(POLL);
            }
        }
    }
}

impl Drop for Session {
    /// A failed test (or bench) must not leave the program running.
    fn drop(&mut self) {
        self.hard_kill();
    }
}

/// The reader thread: every chunk into the parser (and the kept bytes),
/// then the armed watch, then a wake-up for whoever waits.
fn read_all(mut reader: Box<dyn Read + Send>, sh: &Shared) {
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            // EIO: the slave side is closed — the program has gone.
            Err(_) => break,
        };
        let now = Instant::now();
        let mut st = sh.state.lock().unwrap();
        st.first_output.get_or_insert(now);
        st.parser.process(&buf[..n]);
        let State {
            parser,
            bytes,
            watch,
            hit,
            ..
        } = &mut *st;
        if let Some(b) = bytes {
            b.extend_from_slice(&buf[..n]);
        }
        if let Some(w) = watch.as_mut()
            && w(parser.screen(), now)
        {
            *hit = Some(now);
            *watch = None;
        }
        drop(st);
        sh.changed.notify_all();
        if sh.stop.load(Ordering::SeqCst) {
            break;
        }
    }
    sh.state.lock().unwrap().closed = true;
    sh.changed.notify_all();
}

/// `kill -SIGNAL PID` (no libc here).
pub fn send_signal(pid: u32, signal: &str) {
    let status = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -{signal} {pid} failed");
}
