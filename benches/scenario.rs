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

/// The paced run's longest pause before a decision.
const THINK_MAX: Duration = Duration::from_millis(250);
/// How long a session is left alone to measure its idle CPU.
const IDLE_WINDOW: Duration = Duration::from_secs(10);

/// How many samples each measure takes. `--quick` takes fewer, for a first
/// look; the report says which.
#[derive(Clone, Copy)]
struct Counts {
    /// Spawn → first frame.
    startup: usize,
    /// Of those, how many also wait for every row (the rest quit at the
    /// first frame: at 1,000,000 rows a full load is seconds).
    startup_loaded: usize,
    moves: usize,
    pages: usize,
    search: usize,
    commits: usize,
    /// Consecutive runs of the keystroke measures, each with its own p99.
    key_runs: usize,
    refresh: usize,
    concurrent: usize,
    store: usize,
    /// Imports by each tool, interleaved.
    import: usize,
}

const FULL: Counts = Counts {
    startup: 200,
    startup_loaded: 10,
    moves: 200,
    pages: 200,
    search: 200,
    commits: 200,
    key_runs: 5,
    refresh: 200,
    concurrent: 200,
    store: 200,
    import: 5,
};

const QUICK: Counts = Counts {
    startup: 30,
    startup_loaded: 5,
    moves: 100,
    pages: 100,
    search: 30,
    commits: 50,
    key_runs: 1,
    refresh: 50,
    concurrent: 104,
    store: 100,
    import: 2,
};

const SENDERS: usize = 8;
/// Rows between two senders' regions (and the refresh writer's distance
/// from the top): far enough apart that they never meet, near enough that
/// paging there takes seconds at 1,000,000 rows.
const REGION_MAX: usize = 10_000;

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
        self.until("the rows to load", all_loaded);
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

    /// Moves `n` rows down (untimed), a few keys per write.
    fn down(&mut self, n: usize) {
        let mut left = n;
        while left > 0 {
            let k = left.min(32);
            self.send(&"j".repeat(k));
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

/// A whole frame with every row loaded: the status line (the frame's last
/// row, so the whole frame is in) drawn and saying nothing of loading.
fn all_loaded(l: &[String]) -> bool {
    first_frame(l) && !status(l).trim().is_empty() && !loading(l)
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
    n: Counts,
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

    /// The meeting as it was made, again (no session has it open): the
    /// sections that decide start from the same undecided meeting.
    fn fresh(&self) {
        for ext in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", self.db));
        }
        std::fs::copy(self.pristine(), &self.db).expect("copy the pristine meeting");
    }

    fn pristine(&self) -> PathBuf {
        self.dir.path().join("pristine.db")
    }

    /// Rows between two senders' regions.
    fn region(&self) -> usize {
        (self.projects / (SENDERS + 1)).min(REGION_MAX)
    }
}

const PGDN: &str = "\x1b[6~";

/// One size's run: its rows, memory, notes and the key runs' p99s.
struct Run {
    projects: usize,
    machine: String,
    rows: Vec<Row>,
    mem: Vec<Mem>,
    info: Vec<String>,
    /// Per keystroke measure, each run's samples.
    key_runs: Vec<(String, Vec<Vec<f64>>)>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick")
        || std::env::var("HUISHEN_BENCH_QUICK").is_ok_and(|v| v == "1");
    let mut sizes: Vec<usize> = args
        .iter()
        .filter_map(|a| a.replace(['_', ','], "").parse::<usize>().ok())
        .collect();
    if sizes.is_empty() {
        sizes = std::env::var("HUISHEN_BENCH_PROJECTS")
            .ok()
            .map(|v| {
                v.split([',', ' '])
                    .filter_map(|x| x.trim().replace('_', "").parse().ok())
                    .collect()
            })
            .unwrap_or_default();
    }
    if sizes.is_empty() {
        sizes.push(DEFAULT_PROJECTS);
    }
    assert!(
        sizes.iter().all(|&n| n >= 1000),
        "the scenario needs at least 1000 projects"
    );
    let n = if quick { QUICK } else { FULL };

    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    // `cargo bench` has just built the binary, with the bench profile (the
    // release settings), into target/release: a `cargo build --release`
    // here would only rebuild the same code under another profile name.
    let bin = PathBuf::from(pty::bin());
    assert!(bin.exists(), "no {}", bin.display());
    eprintln!("binary: {}", bin.display());

    let mut runs = Vec::new();
    for &projects in &sizes {
        let run = run_size(&bin, manifest, projects, n, quick);
        report(&run);
        runs.push(run);
    }
    if runs.len() > 1 {
        curve(&runs);
    }
}

fn run_size(bin: &Path, manifest: &Path, projects: usize, n: Counts, quick: bool) -> Run {
    let started = Instant::now();
    let machine = machine(manifest);
    eprintln!("{machine}");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("m.db").to_string_lossy().into_owned();
    let b = Bench {
        bin: bin.to_path_buf(),
        dir,
        db,
        projects,
        n,
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
    // The last close checkpointed the log: the file alone is the meeting.
    std::fs::copy(&b.db, b.pristine()).expect("keep a pristine copy");

    let mut rows = Vec::new();
    let mut info = Vec::new();
    if quick {
        info.push("`--quick`: fewer samples than the method asks (a first look)".into());
    }
    info.push(format!(
        "`huishen demo --projects {projects}` (generate + import + tally): {demo_s:.2} s"
    ));

    eprintln!("1. startup ×{}", n.startup);
    startup(&b, &mut rows);
    eprintln!("2. keystrokes ×{} runs", n.key_runs);
    let key_runs = keystrokes(&b, &mut rows);
    eprintln!("3. live refresh ×{}", n.refresh);
    refresh(&b, &mut rows);
    eprintln!("4. idle CPU");
    idle(&b, &mut rows);
    eprintln!("5. {SENDERS} sessions deciding");
    concurrent(&b, &mut rows, &mut info);
    eprintln!("6. in process: commit and tally ×{}", n.store);
    in_process(&b, &mut rows);
    eprintln!("7. memory");
    let mem = memory(&b);
    eprintln!("8. import against sqlite3 .import");
    import(&b, &mut rows, &mut info);

    info.push(format!(
        "whole run: {:.0} s",
        started.elapsed().as_secs_f64()
    ));
    Run {
        projects,
        machine,
        rows,
        mem,
        info,
        key_runs,
    }
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
    let dirty = match std::env::var("HUISHEN_BENCH_BIN") {
        Ok(bin) => format!("{dirty}; the program measured: HUISHEN_BENCH_BIN={bin}"),
        Err(_) => dirty.to_string(),
    };
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
    for i in 0..b.n.startup {
        let wait_all = i < b.n.startup_loaded;
        // The cost of starting the process at all.
        if i < 20 {
            let t = Instant::now();
            let out = Command::new(&b.bin).arg("--version").output().expect("run");
            assert!(out.status.success());
            exec.push(ms(t.elapsed()));
        }

        let t = b.open("甲");
        let frame_at = Arc::new(Mutex::new(None));
        let fa = Arc::clone(&frame_at);
        t.arm(move |s, now| {
            let l = lines(s);
            if !first_frame(&l) {
                return false;
            }
            fa.lock().unwrap().get_or_insert(now);
            !wait_all || all_loaded(&l)
        });
        let done = t.expect_hit("the first frame and the rows to load");
        let f = frame_at.lock().unwrap().expect("first frame");
        first_out.push(ms(t.first_output().expect("output") - t.spawned()));
        frame.push(ms(f - t.spawned()));
        if wait_all {
            loaded.push(ms(done - t.spawned()));
        }
        t.quit();
    }
    rows.push(Row::new(
        "startup: spawn → first frame (tally bar + a project row)",
        frame,
        Some((6.0, "≤ 6 ms")),
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

const KEY: Option<(f64, &str)> = Some((3.0, "≤ 3 ms"));

/// The keystroke measures `key_runs` times in one session, one run after
/// the other; the rows pool every run's samples, and the runs' own
/// samples come back for their p99s one by one.
fn keystrokes(b: &Bench, rows: &mut Vec<Row>) -> Vec<(String, Vec<Vec<f64>>)> {
    let mut t = b.session("甲");
    let mut per: Vec<(String, Vec<Vec<f64>>)> = Vec::new();
    let mut pooled: Vec<Row> = Vec::new();
    for run in 0..b.n.key_runs {
        eprintln!("   run {}", run + 1);
        for (i, r) in key_run(b, &mut t, run).into_iter().enumerate() {
            if run == 0 {
                per.push((r.name.clone(), vec![r.samples.clone()]));
                pooled.push(r);
            } else {
                per[i].1.push(r.samples.clone());
                pooled[i].samples.extend(r.samples);
            }
        }
    }
    rows.extend(pooled);
    t.quit();
    per
}

fn key_run(b: &Bench, t: &mut Term, run: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut down = Vec::new();
    t.top();
    for _ in 0..b.n.moves {
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
    while page.len() < b.n.pages {
        for _ in 0..per_round.min(b.n.pages - page.len()) {
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
    for _ in 0..b.n.search {
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
        row.note = format!("visible list changed on {} of {}", changed[i], b.n.search);
        rows.push(row);
    }

    // Cuts on different rows: each from the top, one further down; each
    // run below the rows the runs before it cut.
    t.top();
    t.down(run * b.n.commits);
    let (mut open, mut commit) = (Vec::new(), Vec::new());
    for i in 0..b.n.commits {
        if i > 0 {
            t.move_by("j");
        }
        let code = t.selected();
        open.push(ms(t.press("c", "the cut form", |l| {
            l.iter().any(|r| r.contains("审定金额或审减"))
        })));
        t.send("-10%");
        t.until("the cut preview", |l| l.iter().any(|r| r.contains("→ 审")));
        let saved = format!("已保存 {code}");
        commit.push(ms(
            t.press("\r", "已保存", move |l| status(l).contains(&saved))
        ));
    }
    rows.push(Row::new("keystroke: open the cut form (c)", open, KEY));
    rows.push(Row::new(
        "keystroke: commit a cut (Enter → \"已保存\", synchronous=FULL)",
        commit,
        Some((4.0, "≤ 4 ms")),
    ));
    rows
}

// ---------------------------------------------------------------------------
// 3. Live refresh between two processes.

fn refresh(b: &Bench, rows: &mut Vec<Row>) {
    b.fresh();
    let mut a = b.session("乙");
    let obs = b.session("丙");
    // A works away from the top, where the senders below do not go.
    a.page_down(b.pages_for(b.region() / 2));
    let mut lat = Vec::new();
    for _ in 0..b.n.refresh {
        a.move_by("n");
        let code = a.selected();
        let before = decided(&obs.lines()).expect("B's tally");
        obs.arm(move |s, _| decided(&lines(s)).is_some_and(|n| n > before));
        let saved = format!("已保存 {code}");
        a.arm(move |s, _| status(&lines(s)).contains(&saved));
        // Out of step with any poll B may have.
        thread::sleep(jitter(Duration::from_millis(150)));
        let t0 = a.send("a");
        a.expect_hit("A's 已保存");
        let seen = obs.expect_hit("B's tally to change");
        lat.push(ms(seen - t0));
    }
    rows.push(Row::new(
        "live refresh: A presses a → B's tally changes",
        lat,
        Some((15.0, "≤ 15 ms")),
    ));
    a.quit();
    obs.quit();
}

// ---------------------------------------------------------------------------
// Idle CPU: two open sessions left alone.

/// utime + stime of a process, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("read /proc/PID/stat");
    // Fields after the command's closing parenthesis: state is the 3rd
    // field, utime the 14th, stime the 15th.
    let rest = &stat[stat.rfind(')').expect("stat") + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap()
}

fn clock_ticks() -> f64 {
    let out = Command::new("getconf").arg("CLK_TCK").output();
    out.ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

fn idle(b: &Bench, rows: &mut Vec<Row>) {
    let sessions = [b.session("乙"), b.session("丙")];
    // Let the start-up's work settle first.
    thread::sleep(Duration::from_secs(1));
    let before: Vec<u64> = sessions.iter().map(|t| cpu_ticks(t.s.pid())).collect();
    let t0 = Instant::now();
    thread::sleep(IDLE_WINDOW);
    let secs = t0.elapsed().as_secs_f64();
    let hz = clock_ticks();
    let pct: Vec<f64> = sessions
        .iter()
        .zip(before)
        .map(|(t, b)| (cpu_ticks(t.s.pid()) - b) as f64 / hz / secs * 100.0)
        .collect();
    let mut row = Row::new(
        "idle CPU per open session, % of a core over 10 s (not ms)",
        pct,
        Some((0.5, "≤ 0.5 %")),
    );
    row.note = format!("2 sessions; /proc/PID/stat, {hz:.0} ticks/s");
    rows.push(row);
    for t in sessions {
        t.quit();
    }
}

// ---------------------------------------------------------------------------
// 4. Eight sessions deciding at once, one observer.

fn concurrent(b: &Bench, rows: &mut Vec<Row>, info: &mut Vec<String>) {
    b.fresh();
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
    let region = b.region();
    for (i, t) in senders.iter_mut().enumerate() {
        t.until_loaded();
        let pages = b.pages_for(region * (i + 1));
        t.page_down(pages);
    }

    for (label, think) in [("flat out", None), ("paced", Some(THINK_MAX))] {
        let per = b.n.concurrent.div_ceil(SENDERS);
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
            Some((30.0, "≤ 30 ms")),
        ));
        rows.push(Row::new(
            &format!("{SENDERS} sessions deciding, {label}: sender's a → its own \"已保存\""),
            own,
            None,
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
/// with a session's poll, if it has one).
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
        .project_rows_first(b.n.store)
        .expect("rows")
        .iter()
        .map(|r| r.id)
        .collect();
    let (mut commit, mut overview, mut full) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..b.n.store {
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
// 8. Import against `sqlite3 .import` of the same files.

/// Wall time of a command, in ms, with `input` on its stdin; `None` (and
/// why, on stderr) if it fails.
fn timed(cmd: &mut Command, input: &str) -> Option<f64> {
    use std::io::Write;
    use std::process::Stdio;
    let t = Instant::now();
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(input.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    let took = ms(t.elapsed());
    if !out.status.success() || !out.stderr.is_empty() {
        eprintln!("{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    Some(took)
}

fn import(b: &Bench, rows: &mut Vec<Row>, info: &mut Vec<String>) {
    let dir = b.dir.path().join("import");
    std::fs::create_dir_all(&dir).unwrap();
    let files = huishen::demo::generate_meeting(b.projects, 7);
    let projects = dir.join("projects.csv");
    let indicators = dir.join("indicators.csv");
    std::fs::write(&projects, &files.projects_csv).unwrap();
    std::fs::write(&indicators, &files.indicators_csv).unwrap();
    let indicator_rows = files.indicators_csv.lines().count().saturating_sub(1);
    drop(files);
    visidata(b, &projects, rows, info);
    // huishen refuses a file over 100 MB as probably not the one meant.
    let big = |f: &Path| std::fs::metadata(f).is_ok_and(|m| m.len() > 100 << 20);
    if big(&projects) {
        info.push(
            "import not measured: the projects file is over 100 MB, which `huishen import` refuses by design"
                .into(),
        );
        return;
    }
    let (mut ours, mut theirs, mut ours_p, mut theirs_p) = (vec![], vec![], vec![], vec![]);
    for i in 0..b.n.import {
        for both in [false, true] {
            let db = dir.join(format!("h{i}{both}.db"));
            let mut cmd = Command::new(&b.bin);
            cmd.arg("import").arg(&projects);
            if both {
                cmd.arg("--indicators").arg(&indicators);
            }
            cmd.arg("--db").arg(&db).args(["--as", "主持"]);
            cmd.env("LANG", "C.UTF-8");
            let Some(h) = timed(&mut cmd, "") else {
                info.push("`huishen import` failed: no import figures".into());
                return;
            };
            let sq = dir.join(format!("s{i}{both}.db"));
            let mut script = format!(".mode csv\n.import '{}' projects\n", projects.display());
            if both {
                script.push_str(&format!(".import '{}' indicators\n", indicators.display()));
            }
            let mut cmd = Command::new("sqlite3");
            cmd.arg(&sq);
            let Some(s) = timed(&mut cmd, &script) else {
                info.push("`sqlite3 .import` failed: no import figures".into());
                return;
            };
            if both {
                ours.push(h);
                theirs.push(s);
            } else {
                ours_p.push(h);
                theirs_p.push(s);
            }
            for f in [db, sq] {
                let _ = std::fs::remove_file(f);
            }
        }
    }
    let ratio =
        |a: &[f64], b: &[f64]| -> Vec<f64> { a.iter().zip(b).map(|(x, y)| x / y).collect() };
    let mut r = Row::new(
        "import: huishen/sqlite3 time, projects file (ratio, not ms)",
        ratio(&ours_p, &theirs_p),
        Some((1.6, "≤ 1.6×")),
    );
    r.note = format!("{} runs each, interleaved", b.n.import);
    let mut r2 = Row::new(
        "import: huishen/sqlite3 time, projects + indicators (ratio, not ms)",
        ratio(&ours, &theirs),
        None,
    );
    r2.note = format!("{indicator_rows} indicator rows");
    rows.push(Row::new(
        "import: `huishen import` projects file (new meeting)",
        ours_p,
        None,
    ));
    rows.push(Row::new(
        "import: `sqlite3 .import` of the same file (new file)",
        theirs_p,
        None,
    ));
    rows.push(r);
    rows.push(Row::new(
        "import: `huishen import` projects + indicators",
        ours,
        None,
    ));
    rows.push(Row::new(
        "import: `sqlite3 .import` of the same two files",
        theirs,
        None,
    ));
    rows.push(r2);
}

/// VisiData (`pip install visidata`) opening the projects file as CSV in
/// the same pty: spawn → the first row of codes, and → every row loaded
/// (its status line shows the row count, no longer "loading").
fn visidata(b: &Bench, csv: &Path, rows: &mut Vec<Row>, info: &mut Vec<String>) {
    let ok = Command::new("vd")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        info.push("VisiData not measured: `vd` is not installed (`pip install visidata`)".into());
        return;
    }
    let path = csv.to_string_lossy().into_owned();
    let count = b.projects.to_string();
    let runs = if b.projects > 100_000 { 1 } else { b.n.import };
    let (mut first, mut all) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        // `sh -c 'exec vd "$0"' FILE huishen`: the wrapper's program runs,
        // the huishen path the session appends is left unused.
        let s = pty::Session::spawn_with(
            &[],
            COLS,
            ROWS,
            &[("USER", "bench")],
            b.dir.path(),
            pty::Options {
                wrapper: &["sh", "-c", "exec vd \"$0\"", &path],
                ..Default::default()
            },
        );
        let first_at = Arc::new(Mutex::new(None));
        let fa = Arc::clone(&first_at);
        let n = count.clone();
        s.arm(move |screen, now| {
            let l = lines(screen);
            if l.iter()
                .any(|r| r.split_whitespace().any(|w| code_at(w).is_some()))
            {
                fa.lock().unwrap().get_or_insert(now);
            }
            first_frame_any(&l)
                && l.last().is_some_and(|st| st.contains(&n))
                && !l.iter().any(|r| r.contains("loading"))
        });
        let Some(done) = s.wait_hit(TIMEOUT) else {
            info.push("VisiData did not finish loading within the timeout".into());
            return;
        };
        if let Some(f) = *first_at.lock().unwrap() {
            first.push(ms(f - s.spawned()));
        }
        all.push(ms(done - s.spawned()));
        let mut s = s;
        s.send("q");
        s.wait_exit(Duration::from_secs(2));
    }
    rows.push(Row::new(
        "VisiData: `vd projects.csv` spawn → first row",
        first,
        None,
    ));
    rows.push(Row::new(
        "VisiData: `vd projects.csv` spawn → every row loaded",
        all,
        None,
    ));
}

/// Some row of project codes is on screen.
fn first_frame_any(l: &[String]) -> bool {
    l.iter()
        .any(|r| r.split_whitespace().any(|w| code_at(w).is_some()))
}

/// The peak RSS target at this size.
fn rss_target(projects: usize) -> f64 {
    if projects <= 100_000 { 36.0 } else { 250.0 }
}

// ---------------------------------------------------------------------------
// The report.

/// Pads to a display width (Chinese characters take two columns).
fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(s.width())))
}

fn mem_verdict(m: &Mem, projects: usize, md: bool) -> String {
    let t = rss_target(projects);
    if !m.name.starts_with("peak") {
        "—".into()
    } else if m.mb <= t {
        format!("≤ {t:.0} MB: met")
    } else if md {
        format!("≤ {t:.0} MB: **not met**, +{:.1} MB", m.mb - t)
    } else {
        format!("≤ {t:.0} MB: not met, +{:.1} MB", m.mb - t)
    }
}

fn report(run: &Run) {
    let Run {
        projects,
        machine,
        rows,
        mem,
        info,
        key_runs,
    } = run;
    let projects = *projects;
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
        println!(
            "{} {:>15.1} MB  {}",
            pad(m.name, w),
            m.mb,
            mem_verdict(m, projects, false)
        );
    }
    for (name, runs) in key_runs {
        let p99s: Vec<String> = runs
            .iter()
            .map(|s| {
                let mut s = s.clone();
                s.sort_by(f64::total_cmp);
                fmt(pct(&s, 99.0))
            })
            .collect();
        println!("{} p99 per run: {}", pad(name, w), p99s.join(" / "));
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
        println!(
            "| {} | {:.1} | {} |",
            m.name,
            m.mb,
            mem_verdict(m, projects, true)
        );
    }
    if key_runs.first().is_some_and(|(_, r)| r.len() > 1) {
        let n = key_runs[0].1.len();
        println!(
            "\n| keystroke, p99 of each run (ms) | {} |",
            (1..=n)
                .map(|i| format!("run {i}"))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        println!("| --- |{}", " ---: |".repeat(n));
        for (name, runs) in key_runs {
            let p99s: Vec<String> = runs
                .iter()
                .map(|s| {
                    let mut s = s.clone();
                    s.sort_by(f64::total_cmp);
                    fmt(pct(&s, 99.0))
                })
                .collect();
            println!("| {name} | {} |", p99s.join(" | "));
        }
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

/// Every figure at every size, one table: which are flat in N and which grow.
fn curve(runs: &[Run]) {
    println!("\n---- Markdown: the curve ----\n");
    let head: Vec<String> = runs.iter().map(|r| thousands(r.projects)).collect();
    println!("| measure (p50 / p99) | {} |", head.join(" | "));
    println!("| --- |{}", " ---: |".repeat(runs.len()));
    for r in &runs[0].rows {
        let cells: Vec<String> = runs
            .iter()
            .map(|run| {
                run.rows
                    .iter()
                    .find(|x| x.name == r.name)
                    .map(|x| {
                        let (med, p99, _) = x.stats();
                        format!("{} / {}", fmt(med), fmt(p99))
                    })
                    .unwrap_or_else(|| "—".into())
            })
            .collect();
        println!("| {} | {} |", r.name, cells.join(" | "));
    }
    for m in &runs[0].mem {
        let cells: Vec<String> = runs
            .iter()
            .map(|run| {
                run.mem
                    .iter()
                    .find(|x| x.name == m.name)
                    .map(|x| format!("{:.1} MB", x.mb))
                    .unwrap_or_else(|| "—".into())
            })
            .collect();
        println!("| {} | {} |", m.name, cells.join(" | "));
    }
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
