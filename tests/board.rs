//! The board (`huishen board`): its figures read back from the rendered
//! screen — the big digits decoded glyph by glyph — equal `huishen tally
//! --json`; snapshots at 80×24, 120×40 and 200×60 in Chinese and English
//! for a target review with and without a ceiling and for a monitoring
//! meeting; and in a pseudo-terminal, another session's decision moves its
//! figures and its list of last decisions within the usual refresh time.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use huishen::board::draw::{Ctx, draw};
use huishen::board::{Board, BoardView};
use huishen::domain::BudgetType;
use huishen::i18n::Lang;
use huishen::keymap::Keymap;
use huishen::store::{OpenMode, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use serde_json::Value;
use tui_big_text::{BigText, PixelSize};

use common::pty::Session;
use common::*;

/// The board of `db` in a `w`×`h` buffer, without colour, its pace taken
/// at the meeting's last decision (so the same meeting draws the same).
fn render(db: &Path, lang: Lang, w: u16, h: u16) -> Buffer {
    let store = Store::open(db, OpenMode::ReadOnly).unwrap();
    let now = store
        .decision_times()
        .unwrap()
        .iter()
        .map(|&(t, _)| t)
        .max()
        .unwrap_or(0);
    let board = Board::read(&store, now).unwrap();
    let keymap = Keymap::default_keymap();
    let cx = Ctx {
        lang,
        theme: huishen::theme::Theme::plain(),
        keymap: &keymap,
        over_screen: false,
    };
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| draw(f, f.area(), &board, &BoardView::default(), &cx))
        .unwrap();
    term.backend().buffer().clone()
}

/// The buffer as lines of text, a wide character once.
fn text(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    (0..area.height)
        .map(|y| {
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                line.push_str(sym);
                skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            }
            line.trim_end().to_string()
        })
        .collect()
}

/// The screen for a snapshot: clock times (of the decisions, of the pace's
/// bars) change from run to run.
fn snapshot_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for line in text(buf) {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let clock = i + 5 <= chars.len()
                && chars[i..i + 2].iter().all(char::is_ascii_digit)
                && chars[i + 2] == ':'
                && chars[i + 3..i + 5].iter().all(char::is_ascii_digit);
            if clock {
                out += "hh:mm";
                i += 5;
            } else {
                out.push(chars[i]);
                i += 1;
            }
        }
        out.push('\n');
    }
    out
}

/// Where `label` starts on the screen: (column, row).
fn find(buf: &Buffer, label: &str) -> Option<(u16, u16)> {
    let area = buf.area;
    let want: Vec<String> = label.chars().map(|c| c.to_string()).collect();
    for y in 0..area.height {
        'x: for x in 0..area.width {
            let mut cx = x;
            for s in &want {
                if cx >= area.width || buf[(cx, y)].symbol() != s {
                    continue 'x;
                }
                cx += unicode_width::UnicodeWidthStr::width(s.as_str()) as u16;
            }
            return Some((x, y));
        }
    }
    None
}

/// The big font's glyph of `c` at `size`: its cells' symbols, and its size.
fn glyph(c: char, size: PixelSize) -> (Vec<String>, u16, u16) {
    let (w, h) = match size {
        PixelSize::HalfHeight => (8, 4),
        PixelSize::Quadrant => (4, 4),
        _ => unreachable!(),
    };
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    BigText::builder()
        .pixel_size(size)
        .lines(vec![Line::from(c.to_string())])
        .build()
        .render(buf.area, &mut buf);
    let cells = (0..h)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .map(|(x, y)| buf[(x, y)].symbol().to_string())
        .collect();
    (cells, w, h)
}

/// The big digits drawn at (x, y), read back glyph by glyph, whichever of
/// the board's two sizes they are drawn in; `None` where none is drawn.
fn big_digits(buf: &Buffer, x: u16, y: u16) -> Option<String> {
    for size in [PixelSize::HalfHeight, PixelSize::Quadrant] {
        let alphabet: Vec<(char, Vec<String>)> = "0123456789,.%-"
            .chars()
            .map(|c| (c, glyph(c, size).0))
            .collect();
        let (_, w, h) = glyph('0', size);
        let mut out = String::new();
        let mut gx = x;
        while gx + w <= buf.area.width {
            let cells: Vec<String> = (0..h)
                .flat_map(|dy| (0..w).map(move |dx| (dx, dy)))
                .map(|(dx, dy)| buf[(gx + dx, y + dy)].symbol().to_string())
                .collect();
            match alphabet.iter().find(|(_, g)| *g == cells) {
                Some((c, _)) => out.push(*c),
                None => break,
            }
            gx += w;
        }
        // A figure begins with a digit (or "-" for no rate).
        if out.starts_with(|c: char| c.is_ascii_digit()) || out == "-" {
            return Some(out);
        }
    }
    None
}

/// The figure under a headline label: big digits, or plain text on the
/// line below (a small screen).
fn headline(buf: &Buffer, label: &str) -> String {
    let (x, y) = find(buf, label).unwrap_or_else(|| panic!("no {label} on the board"));
    if let Some(d) = big_digits(buf, x, y + 1) {
        return d;
    }
    let line = &text(buf)[usize::from(y + 1)];
    line.chars()
        .skip(usize::from(x))
        .take_while(|c| !c.is_whitespace())
        .collect()
}

/// The words after `label` on the screen, up to the next " · " or the
/// line's end.
fn after(lines: &[String], label: &str) -> String {
    let line = lines
        .iter()
        .find(|l| l.contains(label))
        .unwrap_or_else(|| panic!("no {label:?} on the board"));
    let rest = &line[line.find(label).unwrap() + label.len()..];
    rest.split(" · ").next().unwrap().trim().to_string()
}

/// A bar's amount and rate (or second figure) after `name` on its line.
fn bar(lines: &[String], name: &str) -> Option<(String, String)> {
    let line = lines.iter().find(|l| l.starts_with(&format!("{name} ")))?;
    let rest = &line[line.find(name).unwrap() + name.len()..];
    let mut words = rest.split_whitespace();
    let amount = words.next()?.to_string();
    let second: String = words
        .next()?
        .chars()
        .take_while(|c| !matches!(c, '█' | '▉' | '▊' | '▋' | '▌' | '▍' | '▎' | '▏'))
        .collect();
    Some((amount, second))
}

fn plain(amount: &str) -> String {
    amount.replace(',', "")
}

fn rate(v: &Value) -> String {
    match v.as_str() {
        Some(r) => format!("{r}%"),
        None => "—".into(),
    }
}

/// The demo decided by 主持人 (so the last decisions name the same
/// reviewer whoever runs the tests), with `extra` arguments.
fn decided(dir: &Path, extra: &[&str]) -> PathBuf {
    let db = dir.join("m.db");
    let mut args = vec!["--decided", "--as", "主持人"];
    args.extend_from_slice(extra);
    demo(&db, &args)
}

fn with_ceiling(db: &Path) {
    ok(&[
        "ceiling",
        "--db",
        s(db),
        "--total",
        "230000",
        "--budget",
        "general=150000",
        "--as",
        "主持人",
    ]);
}

/// Everything the board shows at 200×60 equals the tally's JSON: the
/// headline, progress, the ceilings, every budget's bar, and the
/// departments with the largest cuts, largest first.
#[test]
fn the_boards_figures_are_the_tallys() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided(dir.path(), &[]);
    with_ceiling(&db);
    let json = tally_json(&db);
    let buf = render(&db, Lang::En, 200, 60);
    let lines = text(&buf);
    let dump = lines.join("\n");

    assert_eq!(
        plain(&headline(&buf, "approved (万元)")),
        json["approved"],
        "{dump}"
    );
    assert_eq!(plain(&headline(&buf, "cut (万元)")), json["cut"], "{dump}");
    assert_eq!(
        headline(&buf, "cut rate"),
        rate(&json["cut_rate"]),
        "{dump}"
    );
    assert_eq!(
        after(&lines, "decided "),
        format!("{} / {}", json["decided"], json["projects"])
    );
    assert_eq!(
        after(&lines, "pending "),
        json["counts"]["pending"].to_string()
    );

    let total = &json["ceiling"]["total"];
    assert_eq!(plain(&after(&lines, "ceiling ")), total["ceiling"]);
    assert_eq!(plain(&after(&lines, "projected ")), total["projected"]);
    assert_eq!(plain(&after(&lines, "still to cut ")), total["to_cut"]);
    let general = &json["ceiling"]["by_budget_type"][0];
    assert_eq!(general["budget_type"], "general");
    assert_eq!(
        plain(&after(&lines, "general public ceiling ")),
        general["ceiling"]
    );

    for b in json["by_budget_type"].as_array().unwrap() {
        let code = b["budget_type"].as_str().unwrap();
        let name = BudgetType::ALL
            .into_iter()
            .find(|t| t.code() == code)
            .unwrap()
            .en();
        let (amount, r) = bar(&lines, name).unwrap_or_else(|| panic!("no bar for {name}\n{dump}"));
        assert_eq!(plain(&amount), b["cut"], "{name}");
        assert_eq!(r, rate(&b["cut_rate"]), "{name}");
    }

    // The departments shown are the largest cuts, in order, each as the
    // tally has it.
    let mut depts: Vec<&Value> = json["by_department"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["cut"] != "0.00")
        .collect();
    depts.sort_by_key(|d| {
        std::cmp::Reverse(
            plain(d["cut"].as_str().unwrap())
                .replace('.', "")
                .parse::<i64>()
                .unwrap(),
        )
    });
    let shown: Vec<&Value> = depts
        .iter()
        .copied()
        .take_while(|d| bar(&lines, d["department"].as_str().unwrap()).is_some())
        .collect();
    assert!(
        shown.len() >= 20,
        "{} departments shown\n{dump}",
        shown.len()
    );
    let heading = format!(
        "({} of {})",
        shown.len(),
        json["by_department"].as_array().unwrap().len()
    );
    assert!(dump.contains(&heading), "no {heading}\n{dump}");
    for d in shown {
        let name = d["department"].as_str().unwrap();
        let (amount, r) = bar(&lines, name).unwrap();
        assert_eq!(plain(&amount), d["cut"], "{name}");
        assert_eq!(r, rate(&d["cut_rate"]), "{name}");
    }
}

/// A monitoring meeting's board: the money adjusted in big digits and each
/// kind's amount and count, as the tally's JSON has them.
#[test]
fn a_monitoring_boards_figures_are_the_tallys() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided(dir.path(), &["--stage", "monitoring"]);
    let json = tally_json(&db);
    let buf = render(&db, Lang::Zh, 120, 40);
    let lines = text(&buf);
    assert_eq!(
        plain(&headline(&buf, "调整资金（万元）")),
        json["adjusted_total"]
    );
    for (kind, name) in [
        ("increase", "调增"),
        ("decrease", "调减"),
        ("cancel", "取消"),
        ("recall", "收回"),
        ("next_year_cut", "调减下年预算"),
    ] {
        let (amount, count) = bar(&lines, name).unwrap_or_else(|| panic!("no {name}"));
        assert_eq!(plain(&amount), json["kinds"][kind]["amount"], "{name}");
        assert_eq!(count, json["kinds"][kind]["count"].to_string(), "{name}");
    }
}

/// Before anything is decided the rate has no figure, as in the JSON.
#[test]
fn nothing_decided_shows_no_rate() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir.path().join("m.db"), &[]);
    let buf = render(&db, Lang::En, 120, 40);
    assert_eq!(tally_json(&db)["cut_rate"], Value::Null);
    assert_eq!(headline(&buf, "cut rate"), "-");
    assert_eq!(plain(&headline(&buf, "approved (万元)")), "0.00");
}

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

fn snapshots(name: &str, db: &Path) {
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in SIZES {
            let l = if lang == Lang::Zh { "zh" } else { "en" };
            insta::assert_snapshot!(
                format!("{name}_{l}_{w}x{h}"),
                snapshot_text(&render(db, lang, w, h))
            );
        }
    }
}

#[test]
fn snapshots_of_a_target_review() {
    let dir = tempfile::tempdir().unwrap();
    snapshots("target_review", &decided(dir.path(), &[]));
}

#[test]
fn snapshots_of_a_target_review_with_a_ceiling() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided(dir.path(), &[]);
    with_ceiling(&db);
    snapshots("target_review_ceiling", &db);
}

#[test]
fn snapshots_of_a_monitoring_meeting() {
    let dir = tempfile::tempdir().unwrap();
    snapshots(
        "monitoring",
        &decided(dir.path(), &["--stage", "monitoring"]),
    );
}

/// The usual refresh time: what the README promises for another
/// session's decision (tests/multi.rs holds the review screen to it).
const LIVE: Duration = Duration::from_secs(2);

/// `huishen board` in a pseudo-terminal follows the meeting: a decision
/// applied from the command line (another session) moves its figures and
/// tops its list of last decisions within the refresh time; `q` quits and
/// gives the terminal back. It needs no place on the roster.
#[test]
fn the_board_follows_another_sessions_decision() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir.path().join("m.db"), &["--as", "主持人"]);
    roster_add(&db, "李四", &["--as", "主持人"]);
    let t = Session::spawn(&["board", s(&db), "--lang", "en"], 120, 40, &[], dir.path());
    t.wait_all(&["decided 0 / 1373", "pending 1373", "nothing decided yet"]);
    apply_text(
        &db,
        "one.csv",
        &format!("{BATCH_HEADER}\n2021-001-0001,cut,22.10,测算依据不充分\n"),
        &["--as", "李四"],
    );
    let screen = t.wait_for(
        "the cut on the board",
        |s| {
            s.contains("decided 1 / 1373")
                && s.contains("pending 1372")
                && s.lines().any(|l| {
                    l.contains("李四 2021-001-0001")
                        && l.contains("cut 3.90 万元, approved 22.10 万元")
                })
        },
        LIVE,
    );
    // the headline moved too: the cut rate is 15.00%
    assert!(!screen.contains("nothing decided yet\n"), "{screen}");
    t.quit_ok();
}

/// `huishen tally` adds the pace when a person reads it at a terminal, and
/// only then: a script's tally stays the same text whenever it runs.
#[test]
fn the_tally_shows_the_pace_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided(dir.path(), &[]);
    let piped = ok(&["tally", "--db", s(&db)]);
    assert!(!piped.contains("Pace"), "{piped}");
    let mut t = Session::spawn(&["tally", "--db", s(&db)], 120, 60, &[], dir.path());
    let screen = t.wait_all(&[
        "Pace: projects decided per 10 minutes",
        "(at most 1373)",
        "1373 decided in the last",
        "all decided",
    ]);
    assert!(screen.contains('█'), "{screen}");
    assert!(
        t.wait_exit(Duration::from_secs(5))
            .is_some_and(|s| s.success())
    );
}

/// The board reads the log once and then only what is added: after
/// another session's decisions, a refreshed board shows what a board read
/// afresh shows.
#[test]
fn a_refreshed_board_is_a_board_read_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided(dir.path(), &[]);
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let mut board = Board::read(&store, 0).unwrap();
    apply_text(
        &db,
        "more.csv",
        &format!("{BATCH_HEADER}\n2021-001-0001,reset,,\n2021-001-0002,cut,20.00,\n"),
        &[],
    );
    apply_text(
        &db,
        "again.csv",
        &format!("{BATCH_HEADER}\n2021-001-0001,approve,,\n"),
        &[],
    );
    let now = board.pace.now + 4000;
    board.refresh(&store, now).unwrap();
    let fresh = Board::read(&store, now).unwrap();
    assert_eq!(board.tally, fresh.tally);
    assert_eq!(board.recent, fresh.recent);
    assert_eq!(board.pace, fresh.pace);
    // one project reset and decided again: one more decided project
    assert_eq!(fresh.pace.total(), 1374);
}

/// At every size from the smallest up to 200×60 the board draws without
/// failing and never cuts its headline: whatever the size, the approved
/// amount reads back whole (big digits or text).
#[test]
fn every_size_draws_the_whole_headline() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided(dir.path(), &[]);
    with_ceiling(&db);
    let approved = tally_json(&db)["approved"].as_str().unwrap().to_string();
    for w in (60..=200).step_by(7) {
        for h in (15..=60).step_by(5) {
            for lang in [Lang::Zh, Lang::En] {
                let buf = render(&db, lang, w, h);
                let label = if lang == Lang::Zh {
                    "审定（万元）"
                } else {
                    "approved (万元)"
                };
                assert_eq!(
                    plain(&headline(&buf, label)),
                    approved,
                    "{w}×{h}\n{}",
                    text(&buf).join("\n")
                );
            }
        }
    }
}
