//! `cargo bench --bench scenario [-- N]`: the real release binary in
//! pseudo-terminals, on a generated meeting of N projects (default 100,000;
//! or `HUISHEN_BENCH_PROJECTS=N`), timed as a reviewer sees it.
//!
//! Every time is "key written to the pty → the chunk of output that made the
//! screen show the expected thing arrived". A reader thread per session feeds
//! a vt100 parser and, after every chunk, evaluates the armed predicate on
//! the parsed screen, stamping the chunk's arrival time; nothing is polled.
//!
//! Prints the machine, a plain table, and the same as Markdown (with the
//! issue's targets) to paste into `benches/BENCHMARKS.md`.
//!
//! One file because it is one run, measured in order; the pseudo-terminal
//! itself is the tests' (`tests/common/pty.rs`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use unicode_width::UnicodeWidthStr;

/// The tests' pseudo-terminal (`tests/common/pty.rs`): its reader thread
/// runs the armed watch on every chunk and stamps the chunk's arrival.
#[path = "../tests/common/pty.rs"]
mod pty;

const COLS: u16 = 120;
const ROWS: u16 = 40;
/// How long any one wait may take before the bench gives up.
const TIMEOUT: Duration = Duration::from_secs(60);
const DEFAULT_PROJECTS: usize = 100_000;

const STARTUP_RUNS: usize = 20;
const MOVE_SAMPLES: usize = 200;
const PAGE_SAMPLES: usize = 200;
const SEARCH_ROUNDS: usize = 50;
const COMMITS: usize = 50;
const REFRESH_SAMPLES: usize = 50;
const SENDERS: usize = 8;
const STORE_SAMPLES: usize = 200;
const CONCURRENT_SAMPLES: usize = 100;
/// The paced run's longest pause before a decision.
const THINK_MAX: Duration = Duration::from_millis(250);

// ---------------------------------------------------------------------------
// A session in a pseudo-terminal.

/// A reviewer's session: the shared pty session, with the bench's reading
/// of the screen.
struct Term {
    s: pty::Session,
}

impl Term {
    fn spawn(args: &[&str], cwd: &Path) -> Term {
        Term {
            s: pty::Session::spawn(args, COLS, ROWS, &[("USER", "bench")], cwd),
        }
    }

    /// The moment just before the program was started.
    fn spawned(&self) -> Instant {
        self.s.spawned()
    }

    /// Writes keys; returns the moment just before the write.
    fn send(&mut self, keys: &str) -> Instant {
        self.s.send(keys)
    }

    fn lines(&self) -> Vec<String> {
        self.s.with_screen(lines)
    }

    fn first_output(&self) -> Option<Instant> {
        self.s.first_output()
    }

    /// Arms `watch` for the output that follows (the current screen is not
    /// looked at: the wait is for a frame still to come).
    fn arm(&self, watch: impl FnMut(&vt100::Screen, Instant) -> bool + Send + 'static) {
        self.s.arm(watch);
    }

    /// Waits for the armed watch to fire; `None` after `timeout`.
    fn wait_hit(&self, timeout: Duration) -> Option<Instant> {
        self.s.wait_hit(timeout)
    }

    fn expect_hit(&self, what: &str) -> Instant {
        self.wait_hit(TIMEOUT).unwrap_or_else(|| {
            panic!(
                "timed out waiting for {what}; the screen:\n{}",
                self.lines().join("\n")
            )
        })
    }

    /// Presses `keys` and returns the time until `pred` holds on a frame.
    fn press(
        &mut self,
        keys: &str,
        what: &str,
        mut pred: impl FnMut(&[String]) -> bool + Send + 'static,
    ) -> Duration {
        self.arm(move |s, _| pred(&lines(s)));
        let t0 = self.send(keys);
        self.expect_hit(what).saturating_duration_since(t0)
    }

    /// Waits until `pred` holds, now or on a later frame.
    fn until(&self, what: &str, mut pred: impl FnMut(&[String]) -> bool + Send + 'static) {
        if !self.s.arm_unless_now(move |s, _| pred(&lines(s))) {
            self.expect_hit(what);
        }
    }

    /// Waits for the first frame with every row loaded.
    fn until_loaded(&self) {
        self.until("the rows to load", |l| first_frame(l) && !loading(l));
    }

    fn selected(&self) -> String {
        selected_code(&self.lines()).unwrap_or_default()
    }

    /// Presses a key and waits (untimed) for the selection to move.
    fn move_by(&mut self, key: &str) {
        let before = self.selected();
        self.press(key, "the selection to move", move |l| {
            selected_code(l).is_some_and(|c| c != before)
        });
    }

    /// Pages down `n` times (untimed), a few pages per write: a long burst
    /// overflows the tty's input buffer, which then drops keys.
    fn page_down(&mut self, n: usize) {
        let mut left = n;
        while left > 0 {
            let k = left.min(32);
            self.send(&PGDN.repeat(k));
            self.sync();
            left -= k;
        }
    }

    /// Goes to the first row (untimed).
    fn top(&mut self) {
        self.send("g");
        self.sync();
    }

    /// Returns once every key sent so far has been handled: opens the search
    /// line (handled after them) and closes it again.
    fn sync(&mut self) {
        self.press("/", "the search line", |l| status(l).starts_with("搜索"));
        self.send("\x1b");
        self.until("the search to close", |l| !status(l).starts_with("搜索"));
    }

    fn vm(&self, field: &str) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.s.pid()))
            .expect("read /proc/PID/status");
        let kb: f64 = status
            .lines()
            .find_map(|l| l.strip_prefix(field))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(f64::NAN);
        kb / 1024.0
    }

    /// Presses q and gives the program 5 s to end; dropping the session
    /// kills it if it has not.
    fn quit(mut self) {
        self.s.send("q");
        self.s.wait_exit(Duration::from_secs(5));
    }
}

// ---------------------------------------------------------------------------
// Reading the screen.

fn lines(s: &vt100::Screen) -> Vec<String> {
    s.rows(0, s.size().1.get()).collect()
}

/// A project code: `2021-001-0001`.
fn code_at(s: &str) -> Option<&str> {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(s.len());
    let code = &s[..end];
    (code.len() >= 8 && code.starts_with(|c: char| c.is_ascii_digit()) && code.contains('-'))
        .then_some(code)
}

/// The tally bar's "已审 N/M": N.
fn decided(l: &[String]) -> Option<u64> {
    l.iter().find_map(|r| {
        let rest = r.trim_start().strip_prefix("已审")?.trim_start();
        rest.split('/').next()?.trim().parse().ok()
    })
}

fn first_frame(l: &[String]) -> bool {
    decided(l).is_some() && l.iter().any(|r| code_at(r).is_some())
}

fn loading(l: &[String]) -> bool {
    l.iter().any(|r| r.contains("载入中"))
}

/// The selected project: the detail pane's first line, "│2021-…".
fn selected_code(l: &[String]) -> Option<String> {
    l.iter().find_map(|r| {
        r.split('│')
            .skip(1)
            .find_map(|part| code_at(part).map(str::to_string))
    })
}

/// The list: the rows between the title and the tally bar, left of the
/// detail pane.
fn list_part(l: &[String]) -> Vec<String> {
    let end = l
        .iter()
        .position(|r| r.trim_start().starts_with("已审"))
        .unwrap_or(l.len());
    l[1.min(end)..end]
        .iter()
        .map(|r| r.split(['│', '┌', '└']).next().unwrap_or("").to_string())
        .collect()
}

fn status(l: &[String]) -> &str {
    l.last().map(String::as_str).unwrap_or("")
}

// ---------------------------------------------------------------------------
// Results.

struct Row {
    name: String,
    samples: Vec<f64>,
    /// p99 target in ms, and what it is.
    target: Option<(f64, &'static str)>,
    note: String,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Nearest rank.
fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let k = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[k.clamp(1, sorted.len()) - 1]
}

impl Row {
    fn new(name: &str, samples: Vec<f64>, target: Option<(f64, &'static str)>) -> Row {
        Row {
            name: name.into(),
            samples,
            target,
            note: String::new(),
        }
    }

    fn stats(&self) -> (f64, f64, f64) {
        let mut s = self.samples.clone();
        s.sort_by(f64::total_cmp);
        (
            pct(&s, 50.0),
            pct(&s, 99.0),
            s.last().copied().unwrap_or(f64::NAN),
        )
    }

    fn verdict(&self) -> String {
        let (_, p99, _) = self.stats();
        match self.target {
            None => "—".into(),
            Some((t, what)) if p99 <= t => format!("{what}: met"),
            Some((t, what)) => format!(
                "{what}: **not met**, p99 {:.1}× / +{:.1} ms",
                p99 / t,
                p99 - t
            ),
        }
    }
}

fn fmt(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

// ---------------------------------------------------------------------------
// The setting.

struct Bench {
    bin: PathBuf,
    dir: tempfile::TempDir,
    db: String,
    projects: usize,
}

impl Bench {
    fn open(&self, who: &str) -> Term {
        Term::spawn(
            &["open", &self.db, "--as", who, "--lang", "zh"],
            self.dir.path(),
        )
    }

    /// A session with every row loaded.
    fn session(&self, who: &str) -> Term {
        let t = self.open(who);
        t.until_loaded();
        t
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new(&self.bin)
            .args(args)
            .env("LANG", "C.UTF-8")
            .output()
            .expect("run huishen");
        assert!(
            out.status.success(),
            "huishen {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn decided_now(&self) -> u64 {
        let json = self.run(&["tally", "--db", &self.db, "--json"]);
        let v: serde_json::Value = serde_json::from_str(&json).expect("tally json");
        v["decided"].as_u64().expect("decided")
    }

    /// Page-downs that move a session about `rows` rows down.
    fn pages_for(&self, rows: usize) -> usize {
        rows / (ROWS as usize - 6)
    }
}

const PGDN: &str = "\x1b[6~";

fn main() {
    let started = Instant::now();
    let projects = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<usize>().ok())
        .or_else(|| {
            std::env::var("HUISHEN_BENCH_PROJECTS")
                .ok()
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(DEFAULT_PROJECTS);
    assert!(
        projects >= 1000,
        "the scenario needs at least 1000 projects"
    );

    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    // `cargo bench` has just built the binary, with the bench profile (the
    // release settings), into target/release: a `cargo build --release`
    // here would only rebuild the same code under another profile name.
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_huishen"));
    assert!(bin.exists(), "no {}", bin.display());
    eprintln!("binary: {}", bin.display());

    let machine = machine(manifest);
    eprintln!("{machine}");

    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("m.db").to_string_lossy().into_owned();
    let b = Bench {
        bin,
        dir,
        db,
        projects,
    };
    eprintln!("creating a meeting of {projects} projects");
    let t = Instant::now();
    b.run(&[
        "demo",
        "--projects",
        &projects.to_string(),
        "--no-open",
        "--db",
        &b.db,
        "--as",
        "主持",
    ]);
    let demo_s = t.elapsed().as_secs_f64();
    for who in [
        "甲", "乙", "丙", "丁", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8",
    ] {
        b.run(&["roster", "add", who, "--db", &b.db, "--as", "主持"]);
    }

    let mut rows = Vec::new();
    let mut info = Vec::new();
    info.push(format!(
        "`huishen demo --projects {projects}` (generate + import + tally): {demo_s:.2} s"
    ));

    eprintln!("1. startup ×{STARTUP_RUNS}");
    startup(&b, &mut rows);
    eprintln!("2. keystrokes");
    keystrokes(&b, &mut rows);
    eprintln!("3. live refresh ×{REFRESH_SAMPLES}");
    refresh(&b, &mut rows);
    eprintln!("4. {SENDERS} sessions deciding");
    concurrent(&b, &mut rows, &mut info);
    eprintln!("5. in process: commit and tally ×{STORE_SAMPLES}");
    in_process(&b, &mut rows);
    eprintln!("6. memory");
    let mem = memory(&b);

    info.push(format!(
        "whole run: {:.0} s",
        started.elapsed().as_secs_f64()
    ));
    report(&machine, projects, &rows, &mem, &info);
}

fn machine(manifest: &Path) -> String {
    let sh = |cmd: &str, args: &[&str]| {
        Command::new(cmd)
            .args(args)
            .current_dir(manifest)
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    };
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        .unwrap_or_else(|| "?".into());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_gb = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0 / 1024.0)
        .unwrap_or(f64::NAN);
    let dirty = if sh("git", &["status", "--porcelain", "--", "src", "Cargo.toml"]).is_empty() {
        ""
    } else {
        " + uncommitted changes in src/"
    };
    let load = std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split(' ')
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "- machine: {} × {model}, {mem_gb:.1} GiB RAM, {}\n- load average at start: {load}\n- date: {}\n- commit: {}{dirty}\n- rustc: {}",
        sh("nproc", &[]),
        sh("uname", &["-sr"]),
        sh("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        sh("git", &["rev-parse", "--short", "HEAD"]),
        sh("rustc", &["--version"]),
    )
}

// ---------------------------------------------------------------------------
// 1. Startup.

fn startup(b: &Bench, rows: &mut Vec<Row>) {
    let (mut first_out, mut frame, mut loaded, mut exec) = (vec![], vec![], vec![], vec![]);
    for _ in 0..STARTUP_RUNS {
        // The cost of starting the process at all.
        let t = Instant::now();
        let out = Command::new(&b.bin).arg("--version").output().expect("run");
        assert!(out.status.success());
        exec.push(ms(t.elapsed()));

        let t = b.open("甲");
        let frame_at = Arc::new(Mutex::new(None));
        let fa = Arc::clone(&frame_at);
        t.arm(move |s, now| {
            let l = lines(s);
            if !first_frame(&l) {
                return false;
            }
            fa.lock().unwrap().get_or_insert(now);
            !loading(&l)
        });
        let done = t.expect_hit("the first frame and the rows to load");
        let f = frame_at.lock().unwrap().expect("first frame");
        first_out.push(ms(t.first_output().expect("output") - t.spawned()));
        frame.push(ms(f - t.spawned()));
        loaded.push(ms(done - t.spawned()));
        t.quit();
    }
    rows.push(Row::new(
        "startup: spawn → first frame (tally bar + a project row)",
        frame,
        Some((50.0, "≤ 50 ms")),
    ));
    rows.push(Row::new(
        "startup: spawn → first byte of output",
        first_out,
        None,
    ));
    rows.push(Row::new(
        "startup: spawn → every row loaded (\"载入中\" gone)",
        loaded,
        None,
    ));
    rows.push(Row::new(
        "baseline: `huishen --version` spawn → exit",
        exec,
        None,
    ));
}

// ---------------------------------------------------------------------------
// 2. Keystroke to frame.

fn keystrokes(b: &Bench, rows: &mut Vec<Row>) {
    const KEY: Option<(f64, &str)> = Some((5.0, "≤ 5 ms"));
    let mut t = b.session("甲");

    let mut down = Vec::new();
    for _ in 0..MOVE_SAMPLES {
        let before = t.selected();
        down.push(ms(t.press("j", "j to move", move |l| {
            selected_code(l).is_some_and(|c| c != before)
        })));
    }
    eprintln!("   move done");
    rows.push(Row::new("keystroke: move down (j)", down, KEY));

    let mut page = Vec::new();
    let per_round = b.pages_for(b.projects / 2).clamp(1, 25);
    t.top();
    while page.len() < PAGE_SAMPLES {
        for _ in 0..per_round.min(PAGE_SAMPLES - page.len()) {
            let before = t.selected();
            page.push(ms(t.press(PGDN, "PgDn to move", move |l| {
                selected_code(l).is_some_and(|c| c != before)
            })));
        }
        t.top();
    }
    eprintln!("   page done");
    rows.push(Row::new("keystroke: page down (PgDn)", page, KEY));

    // The list and the search line change in one frame, written row by row
    // from the top, so the frame has arrived when the search line shows the
    // text. Where the visible list also changes, the wait is for both.
    let query = ['教', '育', '局'];
    let mut typed: Vec<Vec<f64>> = vec![Vec::new(); query.len()];
    let mut changed = vec![0; query.len()];
    for _ in 0..SEARCH_ROUNDS {
        t.top();
        t.press("/", "the search line", |l| status(l).starts_with("搜索"));
        let mut q = String::new();
        for (i, ch) in query.iter().enumerate() {
            q.push(*ch);
            let before = list_part(&t.lines());
            let moved = Arc::new(Mutex::new(false));
            let mv = Arc::clone(&moved);
            let want = q.clone();
            let b4 = before.clone();
            t.arm(move |s, _| {
                let l = lines(s);
                if !status(&l).contains(&want) {
                    return false;
                }
                *mv.lock().unwrap() = list_part(&l) != b4;
                true
            });
            let t0 = t.send(&ch.to_string());
            let mut at = t.expect_hit(&format!("the search line to show {q:?}"));
            if *moved.lock().unwrap() {
                changed[i] += 1;
            } else {
                // A list change in a later chunk, should there be one.
                t.arm(move |s, _| list_part(&lines(s)) != before);
                if let Some(later) = t.wait_hit(Duration::from_millis(100)) {
                    changed[i] += 1;
                    at = later;
                }
            }
            typed[i].push(ms(at - t0));
        }
        t.send("\x1b");
        t.until("the search to close", |l| !status(l).starts_with("搜索"));
    }
    eprintln!("   search done");
    let mut q = String::new();
    for (i, s) in typed.into_iter().enumerate() {
        q.push(query[i]);
        let mut row = Row::new(
            &format!("keystroke: search, typing char {} (\"{q}\")", i + 1),
            s,
            KEY,
        );
        row.note = format!("visible list changed on {} of {SEARCH_ROUNDS}", changed[i]);
        rows.push(row);
    }

    // Cuts on different rows: each from the top, one further down.
    t.top();
    let (mut open, mut commit) = (Vec::new(), Vec::new());
    for i in 0..COMMITS {
        if i > 0 {
            t.move_by("j");
        }
        let code = t.selected();
        open.push(ms(t.press("c", "the cut form", |l| {
            l.iter().any(|r| r.contains("审定金额或审减"))
        })));
        t.send("-10%");
        t.until("the cut preview", |l| {
            l.iter().any(|r| r.contains("→ 审定"))
        });
        let saved = format!("已保存 {code}");
        commit.push(ms(
            t.press("\r", "已保存", move |l| status(l).contains(&saved))
        ));
    }
    rows.push(Row::new("keystroke: open the cut form (c)", open, KEY));
    rows.push(Row::new(
        "keystroke: commit a cut (Enter → \"已保存\", synchronous=FULL)",
        commit,
        KEY,
    ));
    t.quit();
}

// ---------------------------------------------------------------------------
// 3. Live refresh between two processes.

fn refresh(b: &Bench, rows: &mut Vec<Row>) {
    let mut a = b.session("乙");
    let obs = b.session("丙");
    // A works in the middle of the meeting, away from the cuts above.
    a.page_down(b.pages_for(b.projects / 2));
    let mut lat = Vec::new();
    for _ in 0..REFRESH_SAMPLES {
        a.move_by("n");
        let code = a.selected();
        let before = decided(&obs.lines()).expect("B's tally");
        obs.arm(move |s, _| decided(&lines(s)).is_some_and(|n| n > before));
        let saved = format!("已保存 {code}");
        a.arm(move |s, _| status(&lines(s)).contains(&saved));
        // Out of step with B's 120 ms poll.
        thread::sleep(jitter(Duration::from_millis(150)));
        let t0 = a.send("a");
        a.expect_hit("A's 已保存");
        let seen = obs.expect_hit("B's tally to change");
        lat.push(ms(seen - t0));
    }
    rows.push(Row::new(
        "live refresh: A presses a → B's tally changes",
        lat,
        Some((150.0, "≤ 150 ms")),
    ));
    a.quit();
    obs.quit();
}

// ---------------------------------------------------------------------------
// 4. Eight sessions deciding at once, one observer.

fn concurrent(b: &Bench, rows: &mut Vec<Row>, info: &mut Vec<String>) {
    let obs = b.open("丁");
    let mut senders: Vec<Term> = (1..=SENDERS).map(|i| b.open(&format!("s{i}"))).collect();
    obs.until_loaded();
    // Every change of the observer's count, with its time.
    let seen: Arc<Mutex<BTreeMap<u64, Instant>>> = Arc::default();
    let sn = Arc::clone(&seen);
    obs.arm(move |s, now| {
        if let Some(n) = decided(&lines(s)) {
            sn.lock().unwrap().entry(n).or_insert(now);
        }
        false
    });
    // Each sender in a region of its own.
    let region = b.projects / (SENDERS + 1);
    for (i, t) in senders.iter_mut().enumerate() {
        t.until_loaded();
        let pages = b.pages_for(region * (i + 1));
        t.page_down(pages);
    }

    for (label, think) in [("flat out", None), ("paced", Some(THINK_MAX))] {
        let per = CONCURRENT_SAMPLES.div_ceil(SENDERS);
        let t_start = Instant::now();
        // (send time, the count on the sender's screen with its decision in,
        // sender's own keystroke → "已保存")
        let sent: Vec<Vec<(Instant, u64, f64)>> = thread::scope(|scope| {
            let handles: Vec<_> = senders
                .iter_mut()
                .map(|t| {
                    scope.spawn(move || {
                        let mut out = Vec::new();
                        for _ in 0..per {
                            t.move_by("n");
                            if let Some(max) = think {
                                thread::sleep(jitter(max));
                            }
                            let code = t.selected();
                            let saved = format!("已保存 {code}");
                            let count = Arc::new(Mutex::new(0));
                            let c = Arc::clone(&count);
                            t.arm(move |s, _| {
                                let l = lines(s);
                                if !status(&l).contains(&saved) {
                                    return false;
                                }
                                *c.lock().unwrap() = decided(&l).unwrap_or(0);
                                true
                            });
                            let t0 = t.send("a");
                            let at = t.expect_hit("the sender's 已保存");
                            let n = *count.lock().unwrap();
                            out.push((t0, n, ms(at - t0)));
                        }
                        out
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let elapsed = t_start.elapsed().as_secs_f64();
        let total: usize = sent.iter().map(Vec::len).sum();

        // Wait for the observer to show the final count.
        let last = b.decided_now();
        let deadline = Instant::now() + TIMEOUT;
        while !seen.lock().unwrap().contains_key(&last) {
            assert!(Instant::now() < deadline, "observer never showed {last}");
            thread::sleep(Duration::from_millis(10));
        }
        let seen = seen.lock().unwrap().clone();
        let mut lat = Vec::new();
        let mut own = Vec::new();
        for &(t0, n, o) in sent.iter().flatten() {
            own.push(o);
            // The first frame whose count includes this decision.
            let at = seen
                .range(n..)
                .map(|(_, &t)| t)
                .min()
                .expect("the observer saw it");
            lat.push(ms(at.saturating_duration_since(t0)));
        }
        rows.push(Row::new(
            &format!("{SENDERS} sessions deciding, {label}: sender's a → observer's tally changes"),
            lat,
            Some((150.0, "≤ 150 ms")),
        ));
        rows.push(Row::new(
            &format!("{SENDERS} sessions deciding, {label}: sender's a → its own \"已保存\""),
            own,
            Some((5.0, "≤ 5 ms")),
        ));
        let how = match think {
            None => "each sender pressing `n`, `a` as soon as its own screen confirmed the last"
                .to_string(),
            Some(max) => format!(
                "each sender pausing a random 0–{} ms before each `a`",
                max.as_millis()
            ),
        };
        info.push(format!(
            "{SENDERS} sessions, {label}: {total} decisions in {elapsed:.1} s ({:.0}/s overall), {how}",
            total as f64 / elapsed
        ));
    }
    for t in senders {
        t.quit();
    }
    obs.quit();
}

/// A random pause up to `max` (so that key presses do not fall into step
/// with the sessions' 120 ms database poll).
fn jitter(max: Duration) -> Duration {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(Instant::now().elapsed().as_nanos());
    max.mul_f64((h.finish() % 10_000) as f64 / 10_000.0)
}

// ---------------------------------------------------------------------------
// In process, on the same file: the commit and the tally read that follows
// it, one by one (criterion gives their means; the targets are on p99).

fn in_process(b: &Bench, rows: &mut Vec<Row>) {
    use huishen::domain::{Command as Decide, State as St};
    use huishen::store::{Actor, OpenMode, Store};
    let actor = Actor {
        name: "甲".into(),
        os_user: "bench".into(),
    };
    let mut st = Store::open(Path::new(&b.db), OpenMode::Existing).expect("open the meeting");
    let ids: Vec<i64> = st
        .project_rows_first(STORE_SAMPLES)
        .expect("rows")
        .iter()
        .map(|r| r.id)
        .collect();
    let (mut commit, mut overview, mut full) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..STORE_SAMPLES {
        let id = ids[i % ids.len()];
        let row = st.project_rows_by_id(&[id]).expect("row").remove(0);
        let cmd = if row.decision.state == St::Pending {
            Decide::Approve
        } else {
            Decide::Reset
        };
        let t = Instant::now();
        st.decide(id, row.version, &cmd, None, &actor)
            .expect("decide");
        commit.push(ms(t.elapsed()));
        let t = Instant::now();
        std::hint::black_box(st.tally_overview().expect("tally"));
        overview.push(ms(t.elapsed()));
        let t = Instant::now();
        std::hint::black_box(st.tally().expect("tally"));
        full.push(ms(t.elapsed()));
    }
    rows.push(Row::new(
        "in process: one decision commit (Store::decide, synchronous=FULL)",
        commit,
        Some((2.0, "≤ 2 ms")),
    ));
    rows.push(Row::new(
        "in process: tally bar read after a commit (Store::tally_overview)",
        overview,
        Some((1.0, "≤ 1 ms")),
    ));
    rows.push(Row::new(
        "in process: whole tally after a commit, by budget and department (Store::tally)",
        full,
        None,
    ));
}

// ---------------------------------------------------------------------------
// 5. Memory.

struct Mem {
    name: &'static str,
    mb: f64,
}

fn memory(b: &Bench) -> Vec<Mem> {
    let mut t = b.session("甲");
    let mut m = vec![
        Mem {
            name: "peak RSS (VmHWM) after startup, rows loaded",
            mb: t.vm("VmHWM:"),
        },
        Mem {
            name: "RSS (VmRSS) after startup",
            mb: t.vm("VmRSS:"),
        },
    ];
    t.move_by("G");
    t.press("/", "the search line", |l| status(l).starts_with("搜索"));
    t.press("教育", "the search", |l| status(l).contains("教育"));
    m.push(Mem {
        name: "peak RSS (VmHWM) after G and a search \"教育\"",
        mb: t.vm("VmHWM:"),
    });
    t.quit();
    m
}

// ---------------------------------------------------------------------------
// The report.

/// Pads to a display width (Chinese characters take two columns).
fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(s.width())))
}

fn report(machine: &str, projects: usize, rows: &[Row], mem: &[Mem], info: &[String]) {
    let w = rows.iter().map(|r| r.name.width()).max().unwrap_or(10);
    println!("\nhuishen scenario benchmark: {projects} projects, {COLS}×{ROWS} pty\n{machine}\n");
    println!(
        "{} {:>5} {:>9} {:>9} {:>9}  target (p99)",
        pad("measure (ms)", w),
        "n",
        "median",
        "p99",
        "max"
    );
    for r in rows {
        let (med, p99, max) = r.stats();
        println!(
            "{} {:>5} {:>9} {:>9} {:>9}  {}",
            pad(&r.name, w),
            r.samples.len(),
            fmt(med),
            fmt(p99),
            fmt(max),
            r.verdict().replace("**", "")
        );
    }
    for m in mem {
        let verdict = if m.name.starts_with("peak") {
            if m.mb <= 60.0 {
                "≤ 60 MB: met".to_string()
            } else {
                format!("≤ 60 MB: not met, +{:.1} MB", m.mb - 60.0)
            }
        } else {
            String::new()
        };
        println!("{} {:>15.1} MB  {verdict}", pad(m.name, w), m.mb);
    }
    for i in info {
        println!("{i}");
    }

    println!("\n---- Markdown ----\n");
    println!("#### {projects} projects\n");
    println!("{machine}");
    if projects == DEFAULT_PROJECTS {
        println!("- command: `cargo bench --bench scenario`\n");
    } else {
        println!("- command: `cargo bench --bench scenario -- {projects}`\n");
    }
    println!("| measure | n | median ms | p99 ms | max ms | target (p99) |");
    println!("| --- | ---: | ---: | ---: | ---: | --- |");
    for r in rows {
        let (med, p99, max) = r.stats();
        let note = if r.note.is_empty() {
            String::new()
        } else {
            format!(" ({})", r.note)
        };
        println!(
            "| {}{note} | {} | {} | {} | {} | {} |",
            r.name,
            r.samples.len(),
            fmt(med),
            fmt(p99),
            fmt(max),
            r.verdict()
        );
    }
    println!("\n| memory | MB | target |");
    println!("| --- | ---: | --- |");
    for m in mem {
        let verdict = if !m.name.starts_with("peak") {
            "—".to_string()
        } else if m.mb <= 60.0 {
            "≤ 60 MB: met".into()
        } else {
            format!("≤ 60 MB: **not met**, +{:.1} MB", m.mb - 60.0)
        };
        println!("| {} | {:.1} | {verdict} |", m.name, m.mb);
    }
    println!();
    for i in info {
        println!("- {i}");
    }
    println!(
        "- VmHWM is the kernel's running count, which lags by a few hundred kB: a later reading can come out a little lower."
    );
    println!(
        "- p99 is the nearest rank, the ⌈0.99·n⌉-th smallest: for n ≤ 100 it is the maximum or next to it."
    );
}
