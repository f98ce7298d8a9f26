//! The commands that only read a meeting or the keys: tally, board,
//! export, log, keymap.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::{Error, give_up_group, print, print_raw};
use crate::domain::tally::TallyJson;
use crate::domain::{Pace, Stage};
use crate::export;
use crate::i18n::Lang;
use crate::keymap::Keymap;
use crate::report;
use crate::store::{EventRow, OpenMode, Store};
use crate::text::clean;
use crate::words::Say;
use crate::words::event::EventWords;

/// `huishen tally`.
pub(super) fn tally(db: &Path, json: bool, lang: Lang) -> Result<(), Error> {
    let store = Store::open(db, OpenMode::ReadOnly)?;
    give_up_group()?;
    print_tally(&store, json, lang)
}

/// The tally as text (a later stage's kinds first, then the ceiling), or as
/// JSON with exact decimal strings in 万元.
pub(super) fn print_tally(store: &Store, json: bool, lang: Lang) -> Result<(), Error> {
    let t = store.tally()?;
    let ceiling = store.ceiling()?;
    let stage = store.stage()?;
    let breakdown = store.breakdown()?;
    if json {
        let mut j = TallyJson::from(&t).with_breakdown(&breakdown);
        for (d, (name, f)) in j.by_department.iter_mut().zip(&t.by_department) {
            if let Some(fit) = ceiling.department_fit(name, f) {
                d.ceiling = Some(fit.ceiling.wan_string());
                d.still_to_cut = Some(fit.to_cut.wan_string());
            }
        }
        if !ceiling.is_empty() {
            j.ceiling = Some(report::ceiling_json(&ceiling, &t));
        }
        // A target review's JSON stays as it always was.
        if stage != Stage::TargetReview {
            j.stage = Some(stage.code());
        }
        if stage.adjusts() {
            // A later stage decides kinds and amounts: a target review's
            // 审定, 审减 and 审减率 mean nothing there and are left out.
            let st = store.stage_tally()?;
            let groups = report::StageGroups::of(&t, stage, &store.project_rows()?);
            j.kinds = Some(report::stage_kinds_json(&st));
            j.adjusted_total = Some(st.adjusted_total().wan_string());
            j.measures = Some(st.measures);
            for f in std::iter::once(&mut j.total)
                .chain(&mut j.by_department)
                .chain(&mut j.by_budget_type)
            {
                f.later_stage();
            }
            for (f, (_, g)) in j.by_department.iter_mut().zip(&groups.by_department) {
                f.kinds = Some(report::stage_kinds_json(g));
            }
            for (f, (_, g)) in j.by_budget_type.iter_mut().zip(&groups.by_budget_type) {
                f.kinds = Some(report::stage_kinds_json(g));
            }
        }
        print(serde_json::to_string_pretty(&j)?)
    } else if stage.adjusts() {
        let st = store.stage_tally()?;
        let groups = report::StageGroups::of(&t, stage, &store.project_rows()?);
        print_raw(report::stage_full(&t, &st, &groups, lang))
    } else {
        print_raw(report::full(&t, lang))?;
        print_raw(report::ceiling(&ceiling, &t, lang))?;
        print_raw(report::breakdown(&breakdown, &t.total, lang))?;
        // The pace is for the chair at a terminal; a script reading the
        // tally gets the same text whenever it runs.
        if std::io::stdout().is_terminal() {
            let p = Pace::new(
                &store.decision_times()?,
                crate::board::run::now(),
                t.total.counts.pending,
            );
            print_raw(crate::board::text::pace(&p, lang))?;
        }
        Ok(())
    }
}

/// `huishen board`: the board, read-only, until `q`.
pub(super) fn board(
    db: &Path,
    keymap: Option<PathBuf>,
    ambiguous_wide: bool,
    lang: Lang,
) -> Result<(), Error> {
    // The meeting's connections first, then the group given up, then the
    // keymap the user names (as the review screen).
    let store = Store::open(db, OpenMode::ReadOnly)?;
    let watcher = crate::store::Watcher::of(&store)?;
    give_up_group()?;
    // A bad keymap file: the board runs on the default keys, as the
    // review screen does; the problem is said on stderr after it.
    let (keymap, errors) = Keymap::load(keymap.as_deref());
    let ascii = crate::term::ambiguous_wide(
        ambiguous_wide,
        std::env::var(crate::term::AMBIGUOUS_WIDE_VAR)
            .ok()
            .as_deref(),
        keymap.options.ambiguous_wide,
    );
    let theme = crate::theme::Theme::new(crate::term::colors_from_env(), ascii);
    crate::board::run::run(store, watcher, lang, keymap, theme)?;
    for e in &errors {
        eprintln!("huishen: {e}");
    }
    Ok(())
}

/// `huishen export`: the file, next to the database unless `out` is given.
pub(super) fn export(
    db: &Path,
    format: export::Format,
    out: Option<PathBuf>,
    encoding: export::Encoding,
    lang: Lang,
) -> Result<(), Error> {
    let store = Store::open(db, OpenMode::ReadOnly)?;
    // The output is written as the caller, wherever it is.
    give_up_group()?;
    let out = out.unwrap_or_else(|| export::default_path(db, format));
    let written = export::export(&store, format, &out, encoding, lang)?;
    print(written.say(lang))
}

/// A document of `huishen export` (issue 17).
pub(super) enum Doc {
    Targets { per_department: bool },
    Opinions,
    Minutes { attendees: Vec<String> },
}

/// `huishen export --targets | --per-department | --minutes`: the
/// documents a meeting sends out, beside the database unless `out` says
/// where (a folder for one per department).
pub(super) fn export_doc(
    db: &Path,
    doc: Doc,
    format: export::Format,
    out: Option<PathBuf>,
    lang: Lang,
) -> Result<(), Error> {
    use export::documents::{self, default_doc_path};
    let store = Store::open(db, OpenMode::ReadOnly)?;
    let beside = |what: &str| {
        let p = default_doc_path(db, what, format);
        p.with_extension("")
    };
    let written = match doc {
        Doc::Targets { per_department } => {
            let out = out.unwrap_or_else(|| {
                if per_department {
                    beside("绩效目标表")
                } else {
                    default_doc_path(db, "绩效目标表", format)
                }
            });
            documents::export_targets(&store, format, &out, per_department)?
        }
        Doc::Opinions => {
            let out = out.unwrap_or_else(|| beside("审核意见书"));
            documents::export_opinions(&store, format, &out)?
        }
        Doc::Minutes { attendees } => {
            let out = out.unwrap_or_else(|| default_doc_path(db, "会议纪要", format));
            documents::export_minutes(&store, format, &out, &attendees)?
        }
    };
    print(written.say(lang))
}

/// A line of `huishen log --json`: the event as recorded, and `text`, the
/// words the text log and the screen give it.
#[derive(serde::Serialize)]
struct LogLine<'a> {
    #[serde(flatten)]
    event: &'a EventRow,
    text: String,
}

/// `huishen log`: every event, or one reviewer's, oldest first.
pub(super) fn log(db: &Path, reviewer: Option<&str>, json: bool, lang: Lang) -> Result<(), Error> {
    let store = Store::open(db, OpenMode::ReadOnly)?;
    give_up_group()?;
    let stage = store.stage()?;
    let events = store.events(reviewer)?;
    // A cut is worded with its amount, as on the screen.
    let requested: std::collections::HashMap<String, crate::domain::Money> = store
        .project_rows()?
        .into_iter()
        .map(|r| (r.code.into(), r.requested))
        .collect();
    for e in &events {
        // The screen's words, and the decision each one replaced.
        let req = e.project.as_ref().and_then(|c| requested.get(c)).copied();
        let text = EventWords::of(e, req, stage, lang).line();
        if json {
            let line = LogLine { event: e, text };
            print(serde_json::to_string(&line)?)?;
        } else {
            print(format_args!(
                "{}  {} ({})  {}",
                clean(&e.at),
                clean(&e.reviewer),
                clean(&e.os_user),
                text
            ))?;
        }
    }
    Ok(())
}

/// `huishen keymap`: check a file, or print the keymap in force.
pub(super) fn keymap(
    check: Option<PathBuf>,
    print_it: bool,
    keymap: Option<PathBuf>,
    lang: Lang,
) -> Result<(), Error> {
    if let Some(file) = check {
        Keymap::check_file(&file)?;
        return print(format_args!("{}: ok", clean(&file.display().to_string())));
    }
    let (km, errors) = Keymap::load(keymap.as_deref());
    // Each problem on its own line; the keys in force still print.
    for e in &errors {
        eprintln!("huishen: {}", clean(&e.say(lang)));
    }
    if print_it || errors.is_empty() {
        print_raw(km.to_toml())?;
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::KeymapDefaults)
    }
}
