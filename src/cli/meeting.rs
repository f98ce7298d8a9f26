//! The commands that make and change a meeting: new, import, apply, demo,
//! open, ceiling, lock and unlock.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::{DemoArgs, Error, Note, ScreenArgs, give_up_group, note, outputs};
use crate::app::App;
use crate::domain::{BudgetType, Money, Rounding, Stage, Unit, parse_amount};
use crate::i18n::Lang;
use crate::keymap::Keymap;
use crate::store::{Actor, OpenMode, Store, StoreError, Watcher};
use crate::text::clean;
use crate::theme::Theme;
use crate::words::Say;
use crate::{demo, import, report, term, tui};

/// `huishen new`: an empty meeting at `stage`, its creator the chair.
pub(super) fn new(
    db: &Path,
    title: &str,
    (stage, rounding): (Stage, Rounding),
    as_name: Option<String>,
    lang: Lang,
) -> Result<(), Error> {
    // A new meeting is the caller's own file: the install's group has no
    // part in creating one.
    give_up_group()?;
    if db.exists() {
        return Err(Error::Exists(db.to_path_buf()));
    }
    let actor = Actor::from_env(as_name.as_deref());
    let mut store = Store::open_or_create(db, &actor)?;
    store.set_title(title, &actor)?;
    store.set_stage(stage)?;
    store.set_rounding(rounding)?;
    let db = db.to_path_buf();
    note(Note::Created { db, rounding }, lang)
}

/// `huishen import`: a submission into a meeting, created if needed.
pub(super) fn import(
    file: &Path,
    indicators: Option<&Path>,
    db: &Path,
    (as_name, round): (Option<String>, Option<Rounding>),
    lang: Lang,
) -> Result<(), Error> {
    // The meeting first (a hardened one can be opened only now), then the
    // file, read as the caller. A meeting not there yet is created as the
    // caller's own while the file is read, and removed if it reads badly.
    let (sub, actor, mut store, creates) = match Store::open(db, OpenMode::Existing) {
        Ok(mut store) => {
            give_up_group()?;
            let sub = import::read_submission(file, indicators)?;
            let actor = store.actor(as_name.as_deref())?;
            store.claim_chair(&actor)?;
            (sub, actor, store, false)
        }
        Err(StoreError::Missing(_)) => {
            give_up_group()?;
            let actor = Actor::from_env(as_name.as_deref());
            // The meeting is made on a second thread while the file is
            // read (most of making it is waiting for its fsyncs), and
            // removed again if the file is refused. Made and then refused
            // (a journal it cannot write, a full disk): nothing of it stays
            // either.
            let (sub, store) = std::thread::scope(|s| {
                let making = s.spawn(|| Store::open_or_create(db, &actor));
                let sub = import::read_submission(file, indicators);
                let store = making
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                (sub, store)
            });
            let sub = match sub {
                Ok(sub) => sub,
                Err(problems) => {
                    drop(store);
                    remove_meeting_files(db);
                    return Err(problems.into());
                }
            };
            let store = store.inspect_err(|_| remove_meeting_files(db))?;
            (sub, actor, store, true)
        }
        Err(e) => return Err(e.into()),
    };
    // A refused import leaves no meeting file it created behind.
    let imported = (|| -> Result<_, Error> {
        // A meeting's unit is set when it is made; an import into one says
        // if asked for another.
        match round {
            Some(r) if creates => store.set_rounding(r)?,
            Some(asked) => {
                let unit = store.rounding()?;
                if unit != asked {
                    let db = db.to_path_buf();
                    return Err(Error::RoundingFixed { db, unit, asked });
                }
            }
            None => {}
        }
        if creates {
            Ok(store.import_into_new_file(&sub, &actor)?)
        } else {
            Ok(store.import_submission(&sub, &actor)?)
        }
    })();
    drop(store);
    let s = match imported {
        Ok(s) => s,
        Err(e) => {
            if creates {
                remove_meeting_files(db);
            }
            return Err(e);
        }
    };
    note(
        Note::Imported {
            projects: s.projects,
            indicators: s.indicators,
            db: db.to_path_buf(),
        },
        lang,
    )?;
    // What is odd but did not stop it, and what was read from last year's
    // budget, in the reader's language.
    let said = super::weigh::said_after_import(&sub, lang);
    // The process ends right after: its memory goes back at once, without
    // freeing a file's worth of strings one by one (a few percent of an
    // import of 100,000 rows).
    std::mem::forget(sub);
    said
}

/// Removes a meeting file this command created, with the `-wal`, `-shm`
/// and `-journal` files SQLite keeps beside it. Best effort: what cannot be
/// removed stays.
fn remove_meeting_files(db: &Path) {
    let _ = std::fs::remove_file(db);
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = db.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
}

/// `huishen import --revised`: the departments' revised indicators for the
/// projects sent back to them, all or nothing.
pub(super) fn import_revised(
    file: &Path,
    db: &Path,
    as_name: Option<String>,
    lang: Lang,
) -> Result<(), Error> {
    let indicators = import::read_revision(file)?;
    let actor = Actor::from_env(as_name.as_deref());
    let mut store = Store::open(db, OpenMode::Existing)?;
    let name = clean(&file.display().to_string()).into_owned();
    let s = store.import_revision(&name, &indicators, &actor)?;
    note(
        Note::Revised {
            projects: s.projects,
            indicators: s.indicators,
            db: db.to_path_buf(),
        },
        lang,
    )
}

/// `huishen apply`: a batch of decisions, all or nothing.
pub(super) fn apply(
    file: &Path,
    db: &Path,
    as_name: Option<String>,
    lang: Lang,
) -> Result<(), Error> {
    let mut store = Store::open(db, OpenMode::Existing)?;
    give_up_group()?;
    let stage = store.stage()?;
    // The rows that read cleanly are checked against the meeting even when
    // others did not: every problem is said at once.
    let (batch, problems) = import::read_batch_all(file, stage);
    let actor = store.actor(as_name.as_deref())?;
    let name = clean(&file.display().to_string()).into_owned();
    let s = store.apply_batch_checked(&name, &batch.rows, problems, &actor)?;
    // An exported table's row may give a decision and an adjustment:
    // count the file's rows, the 待审 ones left out included (once, though
    // their comments come along).
    let file_rows = batch
        .rows
        .iter()
        .filter(|r| r.word != crate::domain::decision::CommandWord::Comment)
        .map(|r| r.source_row)
        .collect::<HashSet<_>>()
        .len()
        + batch.skipped_pending;
    note(
        Note::Applied {
            file: name,
            rows: file_rows,
            changed: s.changed,
            unchanged: s.unchanged,
            comments: s.comments,
        },
        lang,
    )?;
    if batch.skipped_pending > 0 {
        note(Note::SkippedPending(batch.skipped_pending), lang)?;
    }
    Ok(())
}

/// `huishen demo`: a demo meeting, shown on the screen (or its tally
/// printed).
pub(super) fn demo(args: DemoArgs, screen: &ScreenArgs, lang: Lang) -> Result<(), Error> {
    // The demo is the caller's own file.
    give_up_group()?;
    let db = args.db.unwrap_or_else(default_demo_path);
    let stage = if args.exante {
        Stage::ExAnte
    } else {
        args.stage.unwrap_or_default()
    };
    let files = match args.projects {
        Some(n) => demo::generate_meeting(n, 1),
        None => demo::stage_files(stage),
    };
    let actor = Actor::from_env(screen.as_name.as_deref());
    let how = (args.decided, stage, args.round);
    create_demo(&db, &files, how, &actor).map_err(|e| Error::Demo(Box::new(e)))?;
    note(Note::Demo(db.clone()), lang)?;
    if args.no_open || !std::io::stdout().is_terminal() {
        let store = Store::open(&db, OpenMode::ReadOnly)?;
        return outputs::print_tally(&store, false, lang);
    }
    open_screen(&db, screen, false, lang)
}

fn default_demo_path() -> PathBuf {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    std::env::temp_dir().join(format!("huishen-demo-{secs}-{}.db", std::process::id()))
}

/// Builds a demo meeting from embedded files, through the same import and
/// batch code a user's files go through.
fn create_demo(
    db: &Path,
    files: &demo::DemoFiles,
    (decided, stage, rounding): (bool, Stage, Rounding),
    actor: &Actor,
) -> Result<(), Error> {
    if db.exists() {
        return Err(Error::DemoExists(db.to_path_buf()));
    }
    let sub = import::submission_from_csv_text(
        "demo-projects.csv",
        &files.projects_csv,
        Some(("demo-indicators.csv", &files.indicators_csv)),
    )
    .map_err(Error::DemoFiles)?;
    let mut store = Store::open_or_create(db, actor)?;
    store.set_title(files.title, actor)?;
    store.set_stage(stage)?;
    store.set_rounding(rounding)?;
    store.import_submission(&sub, actor)?;
    if decided {
        let rows =
            import::batch_from_csv_text_for("demo-decisions.csv", &files.decisions_csv, stage)
                .map_err(Error::DemoFiles)?;
        store.apply_batch("demo-decisions.csv", &rows, actor)?;
    }
    Ok(())
}

/// Rows read before the first frame, beyond the terminal's height: a
/// screenful and a page more (the rest come from the background loader,
/// at 100,000 rows a few hundred ms later).
const FIRST_ROWS_MORE: usize = 40;

/// `huishen open`: the review screen.
pub(super) fn open_screen(
    db: &Path,
    screen: &ScreenArgs,
    read_only: bool,
    lang: Lang,
) -> Result<(), Error> {
    let mode = if read_only {
        OpenMode::ReadOnly
    } else {
        OpenMode::Existing
    };
    // Every connection the screen uses, opened before the group is given
    // up: the session's, the watcher's, and for a hardened meeting the
    // background reader's (elsewhere the watcher and the reader open their
    // own, off the path to the first frame).
    let store = Store::open(db, mode)?;
    let watcher = if store.through_group() {
        Watcher::of(&store)?
    } else {
        None
    };
    let loader = if store.through_group() {
        Some(store.open_again(OpenMode::ReadOnly)?)
    } else {
        None
    };
    give_up_group()?;
    let (keymap, errors) = Keymap::load(screen.keymap.as_deref());
    let actor = store.actor(screen.as_name.as_deref())?;
    // The first screenful now, the rest in the background.
    let wide = term::ambiguous_wide(
        screen.ambiguous_wide,
        std::env::var(term::AMBIGUOUS_WIDE_VAR).ok().as_deref(),
        keymap.options.ambiguous_wide,
    );
    let height = ratatui::crossterm::terminal::size().map_or(60, |(_, h)| usize::from(h));
    let mut app = App::new_partial(store, actor, lang, keymap, height + FIRST_ROWS_MORE)?;
    app.theme = Theme::new(term::colors_from_env(), wide);
    if let Some(first) = errors.into_iter().next() {
        app.report_startup_problem(Note::KeymapFallback(first).say(lang));
    }
    Ok(tui::run(app, watcher, loader)?)
}

/// `huishen ceiling`: set the ceilings given, then show them.
pub(super) fn set_ceilings(
    db: &Path,
    total: Option<String>,
    budgets: Vec<String>,
    as_name: Option<String>,
    lang: Lang,
) -> Result<(), Error> {
    let change = total.is_some() || !budgets.is_empty();
    let mode = if change {
        OpenMode::Existing
    } else {
        OpenMode::ReadOnly
    };
    let mut store = Store::open(db, mode)?;
    give_up_group()?;
    if change {
        let actor = store.actor(as_name.as_deref())?;
        // Every value is checked before anything is written.
        let mut changes = Vec::new();
        if let Some(t) = &total {
            changes.push((None, ceiling_amount(t)?));
        }
        for b in &budgets {
            let (name, amount) = b
                .split_once('=')
                .ok_or_else(|| Error::BudgetForm(b.clone()))?;
            let budget = BudgetType::parse(name).ok_or_else(|| Error::UnknownBudget {
                arg: b.clone(),
                name: name.to_string(),
            })?;
            changes.push((Some(budget), ceiling_amount(amount)?));
        }
        for (budget, amount) in changes {
            store.set_ceiling(budget, amount, &actor)?;
        }
    }
    let t = store.tally()?;
    let c = store.ceiling()?;
    if c.is_empty() {
        note(Note::NoCeiling, lang)
    } else {
        super::print_raw(report::ceiling(&c, &t, lang))
    }
}

/// `--total 230000` or `--budget general=180000`; `none` clears.
fn ceiling_amount(text: &str) -> Result<Option<Money>, Error> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    parse_amount(text, Unit::Wan)
        .map(Some)
        .map_err(|error| Error::CeilingAmount {
            text: text.to_string(),
            error,
        })
}

/// `huishen lock` and `unlock`.
pub(super) fn set_lock(
    db: &Path,
    as_name: Option<String>,
    locked: bool,
    lang: Lang,
) -> Result<(), Error> {
    let mut store = Store::open(db, OpenMode::Existing)?;
    give_up_group()?;
    let actor = store.actor(as_name.as_deref())?;
    store.set_locked(locked, &actor)?;
    note(if locked { Note::Locked } else { Note::Unlocked }, lang)
}
