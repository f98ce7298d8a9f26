//! Drives the real binary in a pseudo-terminal, as a user would, and reads
//! its screen with vt100.
//!
//! A reader thread drains the pty master into the vt100 parser all the time,
//! so the program never blocks on a full pty buffer. Correctness never rests
//! on a sleep: tests wait for text on the screen. The one deliberate pause is
//! after a lone Esc, so that the program does not read Esc + the next key as
//! Alt + key.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
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

/// A running `huishen` in a pseudo-terminal.
pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    reader: Option<JoinHandle<()>>,
    /// Signalled by the reader thread when the pty reaches end of file
    /// (every holder of the slave side, i.e. the program, has gone).
    drained: Receiver<()>,
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

impl Session {
    /// Spawns `huishen ARGS` in a `cols`×`rows` pty, in `cwd`, with
    /// TERM=xterm-256color, LANG=C.UTF-8 and USER=tester unless `env` says
    /// otherwise, no NO_COLOR, no LC_* overrides, no SUDO_USER, and a config
    /// folder inside `cwd` (so a developer's own keymap does not apply).
    pub fn spawn(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)], cwd: &Path) -> Session {
        let pty = native_pty_system();
        let pair = pty.openpty(size(cols, rows)).expect("open a pty");
        let mut cmd = CommandBuilder::new(super::bin());
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
        let child = pair.slave.spawn_command(cmd).expect("spawn huishen");
        // Only the child may hold the slave side, or the reader never sees
        // end of file.
        drop(pair.slave);
        let pid = child.process_id().expect("child pid");
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let (done, drained) = mpsc::channel();
        let p = Arc::clone(&parser);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => p.lock().unwrap().process(&buf[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    // EIO: the slave side is closed — the program has gone.
                    Err(_) => break,
                }
            }
            let _ = done.send(());
        });
        Session {
            child,
            master: pair.master,
            writer,
            parser,
            reader: Some(reader),
            drained,
            pid,
        }
    }

    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Types raw bytes: `"c"`, `"-15%"`, `"\r"` (Enter), `"\t"`, `"\x1b"`
    /// (Esc). A send that ends in Esc pauses briefly so the next key is not
    /// read as Alt + key.
    pub fn send(&mut self, bytes: &str) {
        self.writer
            .write_all(bytes.as_bytes())
            .and_then(|_| self.writer.flush())
            .unwrap_or_else(|e| panic!("typing {bytes:?}: {e}\nscreen:\n{}", self.screen()));
        if bytes.ends_with('\x1b') {
            thread::sleep(ESC_PAUSE);
        }
    }

    /// The screen's text now.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Whether the program is in the alternate screen now.
    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    /// Polls the screen until `pred` holds; panics with `what` and the last
    /// screen after `timeout`, or at once if the program has exited.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            if start.elapsed() >= timeout {
                panic!(
                    "timed out after {timeout:?} waiting for {what}; the screen:\n{screen}\n{}",
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

    /// Waits (10 s) until the screen no longer contains `text`.
    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_for(
            &format!("{text:?} to go away"),
            |s| !s.contains(text),
            TIMEOUT,
        )
    }

    /// Resizes the terminal (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.lock().unwrap().set_size(nz(rows), nz(cols));
        self.master
            .resize(size(cols, rows))
            .expect("resize the pty");
    }

    /// Presses `q` and waits for the program to end.
    pub fn quit(mut self) -> Exit {
        self.send("q");
        self.finish("quitting with q")
    }

    /// Sends a signal (`"TERM"`, `"HUP"`, `"KILL"`, …) to the program and
    /// waits for it to end.
    pub fn signal(mut self, signal: &str) -> Exit {
        send_signal(self.pid, signal);
        self.finish(&format!("SIG{signal}"))
    }

    /// Waits up to 5 s for the program to exit (else kills it and panics),
    /// then for the last of its output to reach the parser.
    fn finish(&mut self, how: &str) -> Exit {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if start.elapsed() >= EXIT_TIMEOUT {
                let screen = self.screen();
                self.hard_kill();
                panic!(
                    "huishen did not exit within {EXIT_TIMEOUT:?} of {how}; the screen:\n{screen}"
                );
            }
            thread::sleep(POLL);
        };
        // The program has exited, so its side of the pty is closed: the
        // reader reaches end of file once it has passed on every byte.
        if self.drained.recv_timeout(EXIT_TIMEOUT).is_ok()
            && let Some(r) = self.reader.take()
        {
            let _ = r.join();
        }
        let cooked = self.cooked();
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        Exit {
            status,
            screen: screen.contents(),
            alternate_screen: screen.alternate_screen(),
            cursor_hidden: screen.hide_cursor(),
            cooked,
        }
    }

    /// Whether the tty has canonical mode and echo on (Linux flag values;
    /// `None` elsewhere).
    pub fn cooked(&self) -> Option<bool> {
        #[cfg(target_os = "linux")]
        {
            const ICANON: u32 = 0o000002;
            const ECHO: u32 = 0o000010;
            let t = self.master.get_termios()?;
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
    /// A failed test must not leave the program running.
    fn drop(&mut self) {
        self.hard_kill();
    }
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
