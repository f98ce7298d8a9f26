//! `huishen roster`: who may decide (member), who chairs, who only reads
//! (observer), and which login may act under a name.

use super::{Error, Note, RosterCmd, give_up_group, note, print};
use crate::i18n::Lang;
use crate::store::{Bind, OpenMode, Role, Store};
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
            give_up_group()?;
            let os_user = os_user.map(login).transpose()?;
            let actor = store.actor(as_name.as_deref())?;
            let name = name.trim().to_string();
            if !store.roster_add(&name, role, os_user.as_deref(), &actor)? {
                return Err(Error::AlreadyOnRoster(name));
            }
            note(Note::OnRoster { name, role }, lang)
        }
        RosterCmd::Set {
            name,
            role,
            sections,
            os_user,
            unbind,
            db,
            as_name,
        } => {
            let role = role
                .map(|r| Role::parse(&r).ok_or(Error::UnknownRole(r)))
                .transpose()?;
            let mut store = Store::open(&db, OpenMode::Existing)?;
            give_up_group()?;
            let os_user = os_user.map(login).transpose()?;
            let bind = match (&os_user, unbind) {
                (Some(l), _) => Bind::To(l),
                (None, true) => Bind::Unbind,
                (None, false) => Bind::Keep,
            };
            let actor = store.actor(as_name.as_deref())?;
            let name = name.trim().to_string();
            // Sections alone change nothing else of the entry.
            if let Some(list) = sections {
                let list = super::weigh::section_list(&list);
                store.set_sections(&name, &list, &actor)?;
                super::weigh::said_sections(&name, list, lang)?;
                if role.is_none() && matches!(bind, Bind::Keep) {
                    return Ok(());
                }
            }
            match store.roster_set(&name, role, bind, &actor)? {
                Some(change) => note(Note::RosterSet { name, change }, lang),
                None => Err(Error::NotOnRoster(name)),
            }
        }
        RosterCmd::List { db } => {
            let store = Store::open(&db, OpenMode::ReadOnly)?;
            give_up_group()?;
            note(Note::RosterHeading, lang)?;
            let sections = store.roster_sections()?;
            for r in store.roster()? {
                let mine = sections
                    .iter()
                    .find(|(n, _)| *n == r.name)
                    .map(|(_, s)| clean(&s.join(",")).into_owned());
                print(format_args!(
                    "{}\t{}\t{}{}",
                    clean(&r.name),
                    lang.t(r.role.zh(), r.role.code()),
                    clean(r.os_user.as_deref().unwrap_or("-")),
                    mine.map(|m| format!("\t{m}")).unwrap_or_default()
                ))?;
            }
            Ok(())
        }
        RosterCmd::Remove { name, db, as_name } => {
            let mut store = Store::open(&db, OpenMode::Existing)?;
            give_up_group()?;
            let actor = store.actor(as_name.as_deref())?;
            if store.roster_remove(&name, &actor)? {
                note(Note::OffRoster(name), lang)
            } else {
                Err(Error::NotOnRoster(name))
            }
        }
    }
}

/// An `--os-user`: a login of this host (the passwd database knows it),
/// so a name is never bound to a login nobody can have.
fn login(name: String) -> Result<String, Error> {
    let name = name.trim().to_string();
    if crate::host::login_exists(&name) {
        Ok(name)
    } else {
        Err(Error::NoSuchLogin(name))
    }
}
