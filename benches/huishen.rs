//! `cargo bench`: the costs that decide whether the screen feels instant,
//! at the demo's 1,373 projects and at a province-sized 100,000.

use std::cell::{OnceCell, RefCell};
use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use huishen::app::{Action, App};
use huishen::demo;
use huishen::domain::{Command, Money, Submission};
use huishen::i18n::Lang;
use huishen::import;
use huishen::keymap::Keymap;
use huishen::store::{Actor, OpenMode, ProjectRow, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn actor() -> Actor {
    Actor {
        name: "评审".into(),
        os_user: "bench".into(),
    }
}

fn submission(files: &demo::DemoFiles) -> Submission {
    import::submission_from_csv_text(
        "projects.csv",
        &files.projects_csv,
        Some(("indicators.csv", &files.indicators_csv)),
    )
    .expect("the generated meeting imports")
}

fn projects_only(files: &demo::DemoFiles) -> Submission {
    import::submission_from_csv_text("projects.csv", &files.projects_csv, None)
        .expect("the generated projects import")
}

fn meeting(dir: &Path, files: &demo::DemoFiles) -> std::path::PathBuf {
    let db = dir.join("m.db");
    let mut st = Store::open_or_create(&db, &actor()).unwrap();
    st.import_submission(&submission(files), &actor()).unwrap();
    db
}

/// Times importing `sub` into a new meeting file, closing it included.
fn store_fresh(b: &mut criterion::Bencher, sub: &Submission) {
    b.iter_batched(
        || tempfile::tempdir().unwrap(),
        |dir| {
            let db = dir.path().join("m.db");
            let mut st = Store::open_or_create(&db, &actor()).unwrap();
            st.import_submission(sub, &actor()).unwrap();
            dir
        },
        BatchSize::PerIteration,
    )
}

/// Decides `r` once more, as it stands now: approved, then cut by half,
/// then approved again, so every call is a change that is committed.
fn decide_again(st: &mut Store, r: &ProjectRow) -> huishen::store::StoredDecision {
    let v = st.project_rows_by_id(&[r.id]).unwrap()[0].version;
    let cmd = if v % 2 == 0 {
        Command::Approve
    } else {
        Command::Cut(Money::from_fen(r.requested.fen() / 2 + 1))
    };
    st.decide(r.id, v, &cmd, None, &actor()).unwrap()
}

fn key(app: &mut App, code: KeyCode) {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// A size's label and how to make its files.
type Size = (&'static str, fn() -> demo::DemoFiles);

fn sizes() -> [Size; 2] {
    [
        ("1373", demo::report_files),
        ("100k", || demo::generate_meeting(100_000, 1)),
    ]
}

fn benches(c: &mut Criterion) {
    for (label, make_files) in sizes() {
        // The files, the submission, the meeting, its store and the screen
        // are made by the first bench that needs them: a filtered run
        // (`cargo bench -- import/1373`) makes only what it measures.
        let files_cell = OnceCell::new();
        let files = || files_cell.get_or_init(make_files);
        let sub_cell = OnceCell::new();
        let sub = || sub_cell.get_or_init(|| submission(files()));
        let mut g = c.benchmark_group(format!("import/{label}"));
        g.sample_size(10);
        g.bench_function("parse csv", |b| {
            let files = files();
            b.iter(|| black_box(submission(files)))
        });
        g.bench_function("store", |b| store_fresh(b, sub()));
        // The hardware figure is for 100,000 rows; the meeting above
        // also has ~3.7 indicator rows per project. The projects alone:
        let projects_cell = OnceCell::new();
        let projects = || projects_cell.get_or_init(|| projects_only(files()));
        g.bench_function("parse csv, projects only", |b| {
            let files = files();
            b.iter(|| black_box(projects_only(files)))
        });
        g.bench_function("store, projects only", |b| store_fresh(b, projects()));
        g.finish();

        let dir = tempfile::tempdir().unwrap();
        let db_cell = OnceCell::new();
        let db = || db_cell.get_or_init(|| meeting(dir.path(), files()));
        let st_cell = OnceCell::new();
        let st = || {
            st_cell
                .get_or_init(|| RefCell::new(Store::open(db(), OpenMode::Existing).unwrap()))
                .borrow_mut()
        };
        let mut g = c.benchmark_group(format!("store/{label}"));
        g.bench_function("tally (summary table)", |b| {
            let st = st();
            b.iter(|| black_box(st.tally().unwrap()))
        });
        g.sample_size(10);
        g.bench_function("tally (full recompute)", |b| {
            let st = st();
            b.iter(|| black_box(st.tally_recomputed().unwrap()))
        });
        g.bench_function("load all rows", |b| {
            let st = st();
            b.iter(|| black_box(st.project_rows().unwrap()))
        });
        g.sample_size(50);
        let mut i = 0usize;
        let rows_cell = OnceCell::new();
        g.bench_function("decision commit (synchronous=FULL)", |b| {
            let mut st = st();
            let rows = rows_cell.get_or_init(|| st.project_rows().unwrap());
            b.iter(|| {
                let r = &rows[i % rows.len()];
                i += 1;
                decide_again(&mut st, r)
            })
        });
        g.bench_function("data_version poll", |b| {
            let st = st();
            b.iter(|| black_box(st.data_version().unwrap()))
        });
        g.finish();

        let open_app = || {
            App::new(
                Store::open(db(), OpenMode::Existing).unwrap(),
                actor(),
                Lang::Zh,
                Keymap::default_keymap(),
            )
            .unwrap()
        };
        let app_cell = OnceCell::new();
        let app = || {
            app_cell
                .get_or_init(|| RefCell::new(open_app()))
                .borrow_mut()
        };
        let mut g = c.benchmark_group(format!("screen/{label}"));
        g.sample_size(20);
        g.bench_function("open (App::new)", |b| b.iter(|| black_box(open_app())));
        g.sample_size(100);
        for query in ["教", "教育", "教育局"] {
            g.bench_function(
                format!("search keystroke {} chars", query.chars().count()),
                |b| {
                    let mut app = app();
                    b.iter(|| {
                        key(&mut app, KeyCode::Char('/'));
                        for ch in query.chars() {
                            key(&mut app, KeyCode::Char(ch));
                        }
                        key(&mut app, KeyCode::Esc);
                    })
                },
            );
        }
        // Pinyin: initials and full pinyin, matched in the same search text.
        for query in ["j", "jy", "jyj", "jiaoyu", "dsxx"] {
            g.bench_function(format!("search pinyin {query}"), |b| {
                let mut app = app();
                b.iter(|| {
                    key(&mut app, KeyCode::Char('/'));
                    for ch in query.chars() {
                        key(&mut app, KeyCode::Char(ch));
                    }
                    key(&mut app, KeyCode::Esc);
                })
            });
        }
        g.bench_function("move down", |b| {
            let mut app = app();
            b.iter(|| key(&mut app, KeyCode::Char('j')))
        });
        g.bench_function("sort by requested, both ways", |b| {
            let mut app = app();
            b.iter(|| {
                key(&mut app, KeyCode::Char('s'));
                for _ in 0..4 {
                    key(&mut app, KeyCode::Down);
                }
                key(&mut app, KeyCode::Enter);
            })
        });
        // What every open session does when another commits: read the
        // change, then draw. Only the session's side is timed (not the
        // other's commit): with eight sessions deciding, nine do this for
        // every decision, and it is their CPU that the committer competes with.
        g.bench_function("refresh after another's commit, and draw 120x40", |b| {
            let mut app = app();
            app.update(Action::Resize(120, 40));
            let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
            let mut other = Store::open(db(), OpenMode::Existing).unwrap();
            let rows = other.project_rows().unwrap();
            let mut i = 0usize;
            b.iter_custom(|iters| {
                let mut spent = std::time::Duration::ZERO;
                for _ in 0..iters {
                    let r = &rows[(i * 7919) % rows.len()];
                    i += 1;
                    decide_again(&mut other, r);
                    let t = std::time::Instant::now();
                    app.update(Action::DbChanged);
                    black_box(term.draw(|f| huishen::ui::draw(f, &app)).unwrap().area);
                    spent += t.elapsed();
                }
                spent
            })
        });
        for (w, h) in [(80u16, 24u16), (200, 60)] {
            g.bench_function(format!("render frame {w}x{h}"), |b| {
                let mut app = app();
                app.update(Action::Resize(w, h));
                let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
                b.iter(|| term.draw(|f| huishen::ui::draw(f, &app)).unwrap().area)
            });
        }
        g.finish();
    }
}

/// The board at 100,000 projects: a meeting made as a user makes one,
/// `huishen demo --projects 100000 --no-open` (with `--decided` too, so
/// every chart and list has rows), read once, then each frame drawn into a
/// 120×40 TestBackend — what a projector's terminal costs per change. The
/// criterion figures are means; the p99 of 1,000 frames is printed beside
/// them, for the review screen's target (≤ 3 ms p99 key → frame).
fn board(c: &mut Criterion) {
    use huishen::board::draw::{Ctx, draw};
    use huishen::board::{Board, BoardView};
    let dir = tempfile::tempdir().unwrap();
    let keymap = Keymap::default_keymap();
    let mut g = c.benchmark_group("board/100k");
    g.sample_size(50);
    for (label, extra) in [("undecided", None), ("decided", Some("--decided"))] {
        let db = dir.path().join(format!("{label}.db"));
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_huishen"));
        cmd.args(["demo", "--projects", "100000", "--no-open", "--db"])
            .arg(&db)
            .args(extra)
            .stdout(std::process::Stdio::null());
        assert!(cmd.status().unwrap().success(), "huishen demo failed");
        let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
        let now = huishen::board::run::now();
        g.bench_function(format!("read ({label})"), |b| {
            b.iter(|| black_box(Board::read(&store, now).unwrap()))
        });
        let mut board = Board::read(&store, now).unwrap();
        // What the board reads when another session commits: the events
        // since its last read (none here), the tally, the last decisions.
        g.bench_function(format!("refresh ({label})"), |b| {
            b.iter(|| board.refresh(&store, now).unwrap())
        });
        let cx = Ctx {
            lang: Lang::Zh,
            theme: huishen::theme::Theme::from_env(),
            keymap: &keymap,
            over_screen: false,
        };
        let view = BoardView::default();
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        let mut frame = || {
            term.draw(|f| draw(f, f.area(), &board, &view, &cx))
                .unwrap()
                .area
        };
        g.bench_function(format!("render frame 120x40 ({label})"), |b| {
            b.iter(&mut frame)
        });
        let mut times: Vec<std::time::Duration> = (0..1000)
            .map(|_| {
                let t = std::time::Instant::now();
                black_box(frame());
                t.elapsed()
            })
            .collect();
        times.sort();
        eprintln!(
            "board/100k render frame 120x40 ({label}): median {:?}, p99 {:?}, max {:?} over 1000 frames",
            times[500], times[990], times[999]
        );
    }
    g.finish();
}

criterion_group!(huishen_benches, benches, board);
criterion_main!(huishen_benches);
