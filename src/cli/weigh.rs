//! `huishen reasons`, `huishen sections` and `huishen ceiling
//! --departments`: what reviewers weigh beside the request, kept by the
//! chair and logged.

use std::path::Path;

use super::{Error, ReasonsCmd, give_up_group, print, print_raw};
use crate::domain::{Problem, ReasonRef};
use crate::i18n::Lang;
use crate::report;
use crate::store::{OpenMode, Store};
use crate::text::{clean, pad_left, pad_right};
use crate::words::Say;

/// What these commands say when they did what was asked. Worded in
/// `words/weigh.rs`.
#[derive(Debug)]
pub enum Said {
    ReasonAdded {
        number: u32,
        name: String,
    },
    ReasonRenamed {
        from: String,
        to: String,
    },
    ReasonRemoved(String),
    /// The heading of `reasons list`.
    ReasonsHeading,
    /// A reviewer's sections named (none: cleared).
    SectionsSet {
        name: String,
        sections: Vec<String>,
    },
    SectionsOnly(bool),
    /// The heading of `sections`, saying whether members may decide only
    /// their sections.
    SectionsHeading {
        only: bool,
    },
    /// How many department ceilings a table set or cleared.
    DepartmentCeilings {
        changed: usize,
        rows: usize,
    },
    /// A department of a ceilings table that the meeting does not have.
    NotInMeeting {
        department: String,
    },
    /// How many projects an import read as 延续 from last year's budget.
    InferredContinuing(usize),
}

fn say(s: Said, lang: Lang) -> Result<(), Error> {
    print(s.say(lang))
}

/// `huishen reasons list|add|rename|remove`.
pub(super) fn reasons(action: ReasonsCmd, lang: Lang) -> Result<(), Error> {
    match action {
        ReasonsCmd::List { db } => {
            let store = Store::open(&db, OpenMode::ReadOnly)?;
            give_up_group()?;
            let used = store.breakdown()?.by_reason;
            say(Said::ReasonsHeading, lang)?;
            for r in store.reasons()? {
                let f = used
                    .iter()
                    .find(|(n, _)| *n == r.name)
                    .map(|(_, f)| *f)
                    .unwrap_or_default();
                print(format_args!(
                    "{:>2}  {}  {}  {}",
                    r.number,
                    pad_right(&clean(&r.name), 22),
                    pad_left(&f.projects.to_string(), 5),
                    f.cut.wan_display()
                ))?;
            }
            Ok(())
        }
        ReasonsCmd::Add { name, db, as_name } => {
            let mut store = Store::open(&db, OpenMode::Existing)?;
            give_up_group()?;
            let r = store.add_reason(&name, &store.actor(as_name.as_deref())?)?;
            say(
                Said::ReasonAdded {
                    number: r.number,
                    name: r.name,
                },
                lang,
            )
        }
        ReasonsCmd::Rename {
            reason,
            name,
            db,
            as_name,
        } => {
            let mut store = Store::open(&db, OpenMode::Existing)?;
            give_up_group()?;
            let (from, to) = store.rename_reason(
                &ReasonRef::parse(&reason),
                &name,
                &store.actor(as_name.as_deref())?,
            )?;
            say(Said::ReasonRenamed { from, to }, lang)
        }
        ReasonsCmd::Remove {
            reason,
            db,
            as_name,
        } => {
            let mut store = Store::open(&db, OpenMode::Existing)?;
            give_up_group()?;
            let name = store.remove_reason(
                &ReasonRef::parse(&reason),
                &store.actor(as_name.as_deref())?,
            )?;
            say(Said::ReasonRemoved(name), lang)
        }
    }
}

/// `--set 教科文股,社会保障股`; `none` (or nothing) clears.
pub(super) fn section_list(text: &str) -> Vec<String> {
    if matches!(text.trim().to_lowercase().as_str(), "none" | "无" | "") {
        return Vec::new();
    }
    text.split([',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Says a reviewer's sections were named.
pub(super) fn said_sections(name: &str, sections: Vec<String>, lang: Lang) -> Result<(), Error> {
    say(
        Said::SectionsSet {
            name: name.to_string(),
            sections,
        },
        lang,
    )
}

/// `huishen sections`: set a reviewer's sections or the sections-only rule,
/// then each section's progress and who looks after it.
pub(super) fn sections(
    db: &Path,
    set: Option<(String, String)>,
    only: Option<bool>,
    as_name: Option<String>,
    lang: Lang,
) -> Result<(), Error> {
    let writes = set.is_some() || only.is_some();
    let mut store = Store::open(
        db,
        if writes {
            OpenMode::Existing
        } else {
            OpenMode::ReadOnly
        },
    )?;
    give_up_group()?;
    let actor = store.actor(as_name.as_deref())?;
    if let Some((name, list)) = &set {
        let sections = section_list(list);
        store.set_sections(name.trim(), &sections, &actor)?;
        say(
            Said::SectionsSet {
                name: name.trim().to_string(),
                sections,
            },
            lang,
        )?;
    }
    if let Some(on) = only {
        store.set_sections_only(on, &actor)?;
        say(Said::SectionsOnly(on), lang)?;
    }
    let b = store.breakdown()?;
    let who = store.roster_sections()?;
    say(
        Said::SectionsHeading {
            only: store.sections_only()?,
        },
        lang,
    )?;
    let name_w = b
        .by_section
        .iter()
        .filter_map(|(s, _)| s.as_deref().map(crate::text::width))
        .max()
        .unwrap_or(0)
        .max(8);
    for (section, f) in &b.by_section {
        let name = section
            .clone()
            .unwrap_or_else(|| crate::words::weigh::BreakdownWords::NoSection.say(lang));
        let reviewers: Vec<String> = who
            .iter()
            .filter(|(_, list)| section.as_ref().is_some_and(|s| list.contains(s)))
            .map(|(n, _)| clean(n).into_owned())
            .collect();
        print(format_args!(
            "{}  {:>6}/{:<6}  {}",
            pad_right(&clean(&name), name_w),
            f.decided,
            f.projects,
            reviewers.join(lang.t("、", ", "))
        ))?;
    }
    Ok(())
}

/// `huishen ceiling --departments FILE`: every department of the table
/// must be the meeting's; then all are set at once, or none.
pub(super) fn department_ceilings(
    db: &Path,
    file: &Path,
    as_name: Option<String>,
    lang: Lang,
) -> Result<(), Error> {
    let mut store = Store::open(db, OpenMode::Existing)?;
    // The file is read with the caller's own rights only.
    give_up_group()?;
    let (name, rows) = crate::import::read_ceilings(file)?;
    let known = store.departments()?;
    let problems: Vec<Problem> = rows
        .iter()
        .filter(|r| !known.contains(&r.department))
        .map(|r| {
            Problem::new(
                &name,
                Some(r.row),
                Some(r.column.clone()),
                crate::domain::problem::WeighProblem::DepartmentNotInMeeting {
                    department: r.department.clone(),
                },
            )
        })
        .collect();
    if !problems.is_empty() {
        return Err(Error::Problems(problems));
    }
    let list: Vec<(String, Option<crate::domain::Money>)> = rows
        .iter()
        .map(|r| (r.department.clone(), r.amount))
        .collect();
    let changed = store.set_department_ceilings(&list, &store.actor(as_name.as_deref())?)?;
    say(
        Said::DepartmentCeilings {
            changed,
            rows: rows.len(),
        },
        lang,
    )?;
    print_raw(report::ceiling(&store.ceiling()?, &store.tally()?, lang))
}

/// After an import: each odd figure as a warning, and how many projects
/// were read as 延续 from their last year's budget.
pub(super) fn said_after_import(sub: &crate::domain::Submission, lang: Lang) -> Result<(), Error> {
    for w in &sub.warnings {
        print(w.say(lang))?;
    }
    if sub.inferred_continuing > 0 {
        say(Said::InferredContinuing(sub.inferred_continuing), lang)?;
    }
    Ok(())
}
