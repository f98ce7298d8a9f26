//! `huishen roster`: who may decide (member), who chairs, who only reads
//! (observer).

use super::{Error, Note, RosterCmd, note, print};
use crate::i18n::Lang;
use crate::store::{Actor, OpenMode, Role, Store};
use crate::text::clean;

pub(super) fn run(action: RosterCmd, lang: Lang) -> Result<(), Error> {
    match action {
        RosterCmd::Add {
            name,
            role,
            os_user,
            db,
            as_name,
        } => {
            let role = Role::parse(&role).ok_or(Error::UnknownRole(role))?;
            let mut store = Store::open(&db, OpenMode::Existing)?;
            let actor = Actor::from_env(as_name.as_deref());
            store.roster_add(name.trim(), role, os_user.as_deref(), &actor)?;
            note(
                Note::OnRoster {
                    name: name.trim().to_string(),
                    role,
                },
                lang,
            )
        }
        RosterCmd::List { db } => {
            let store = Store::open(&db, OpenMode::ReadOnly)?;
            note(Note::RosterHeading, lang)?;
            for r in store.roster()? {
                print(format_args!(
                    "{}\t{}\t{}",
                    clean(&r.name),
                    lang.t(r.role.zh(), r.role.code()),
                    clean(r.os_user.as_deref().unwrap_or("-"))
                ))?;
            }
            Ok(())
        }
        RosterCmd::Remove { name, db, as_name } => {
            let mut store = Store::open(&db, OpenMode::Existing)?;
            let actor = Actor::from_env(as_name.as_deref());
            if store.roster_remove(&name, &actor)? {
                note(Note::OffRoster(name), lang)
            } else {
                Err(Error::NotOnRoster(name))
            }
        }
    }
}
