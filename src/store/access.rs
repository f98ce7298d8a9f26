//! Who may write: the actor, the roster and its roles, and the chair's lock,
//! checked inside every write transaction.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use super::connection::now;
use super::write::insert_note;
use super::{Denied, OpenMode, Result, Store, StoreError};

/// Who acts: the reviewer's name and the OS login behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
    pub os_user: String,
}

impl Actor {
    /// The OS login, as the kernel says (`crate::host::login`): never from
    /// `$USER`.
    pub fn os_login() -> String {
        crate::host::login()
    }

    /// `--as NAME` if given, else the OS login: who creates a meeting, and
    /// so chairs it. On a meeting that exists, [`Store::actor`] also knows
    /// the name bound to the login.
    pub fn from_env(name: Option<&str>) -> Actor {
        let os_user = Actor::os_login();
        Actor {
            name: given(name).unwrap_or_else(|| os_user.clone()),
            os_user,
        }
    }
}

/// A `--as` that says something.
fn given(name: Option<&str>) -> Option<String> {
    name.map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
}

/// What `roster set` does to a name's login.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bind<'a> {
    /// Leaves it as it is.
    Keep,
    /// Only this login may act under the name.
    To(&'a str),
    /// Any login may.
    Unbind,
}

/// What `roster set` changed: each property given that differed, from → to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterChange {
    pub role: Option<(Role, Role)>,
    pub os_user: Option<(Option<String>, Option<String>)>,
}

impl RosterChange {
    pub fn is_empty(&self) -> bool {
        self.role.is_none() && self.os_user.is_none()
    }
}

/// A reviewer's role in a meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// May lock and unlock the meeting and edit the roster; decides too.
    Chair,
    /// Decides and comments.
    Member,
    /// Reads only.
    Observer,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::Member => "member",
            Role::Observer => "observer",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Role::Chair => "主持人",
            Role::Member => "评审",
            Role::Observer => "列席",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_lowercase().as_str() {
            "chair" | "主持" | "主持人" => Some(Role::Chair),
            "member" | "成员" | "评审" => Some(Role::Member),
            "observer" | "列席" | "观察员" => Some(Role::Observer),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterEntry {
    pub name: String,
    pub role: Role,
    pub os_user: Option<String>,
    pub added_at: String,
    pub added_by: String,
}

impl Store {
    /// Opens a meeting, creating it if needed; whoever creates it chairs it.
    pub fn open_or_create(path: &Path, actor: &Actor) -> Result<Store> {
        let mut store = Store::open(path, OpenMode::Create)?;
        store.claim_chair(actor)?;
        Ok(store)
    }

    /// On a meeting with nobody on its roster (just created), makes
    /// `actor` its chair, bound to their login: only that login may act as
    /// the meeting's first chair.
    pub fn claim_chair(&mut self, actor: &Actor) -> Result<()> {
        let tx = self.write_tx()?;
        let empty: bool = tx.query_row("SELECT count(*) = 0 FROM roster", [], |r| r.get(0))?;
        if empty {
            let at = now(&tx)?;
            tx.execute(
                "INSERT INTO roster (name, role, os_user, added_at, added_by)
                 VALUES (?1, 'chair', ?2, ?3, ?1)",
                params![actor.name, actor.os_user, at],
            )?;
            tx.execute(
                "UPDATE meeting SET created_by = ?1, created_at = ?2 WHERE id = 1",
                params![actor.name, at],
            )?;
            insert_note(
                &tx,
                &at,
                actor,
                "roster_add",
                serde_json::json!({"name": actor.name, "role": "chair", "os_user": actor.os_user}),
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Who acts on this meeting: `--as NAME` if given; else the roster
    /// name bound to the caller's login, if there is exactly one; else the
    /// login itself (read-only unless the roster has that name). A login
    /// bound to several names must say which.
    pub fn actor(&self, as_name: Option<&str>) -> Result<Actor> {
        let os_user = Actor::os_login();
        if let Some(name) = given(as_name) {
            return Ok(Actor { name, os_user });
        }
        let mut names = self
            .conn
            .prepare_cached("SELECT name FROM roster WHERE os_user = ?1 ORDER BY added_at, name")?
            .query_map([&os_user], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        match names.len() {
            0 => Ok(Actor {
                name: os_user.clone(),
                os_user,
            }),
            1 => Ok(Actor {
                name: names.remove(0),
                os_user,
            }),
            _ => Err(StoreError::Denied(Denied::SeveralNames {
                login: os_user,
                names,
            })),
        }
    }

    /// What `actor` may do: their role, or why they may not write.
    pub fn access(&self, actor: &Actor) -> Result<std::result::Result<Role, Denied>> {
        match check_access(&self.conn, actor, false) {
            Ok(r) => Ok(Ok(r)),
            Err(StoreError::Denied(d)) => Ok(Err(d)),
            Err(e) => Err(e),
        }
    }

    pub fn roster(&self) -> Result<Vec<RosterEntry>> {
        let mut st = self.conn.prepare(
            "SELECT name, role, os_user, added_at, added_by FROM roster ORDER BY added_at, name",
        )?;
        let rows = st
            .query_map([], |r| {
                Ok(RosterEntry {
                    name: r.get(0)?,
                    role: Role::parse(&r.get::<_, String>(1)?).unwrap_or(Role::Observer),
                    os_user: r.get(2)?,
                    added_at: r.get(3)?,
                    added_by: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Adds a name to the roster; `false` (and nothing written) if it is
    /// on it already: a change is [`Store::roster_set`]. Chair only.
    pub fn roster_add(
        &mut self,
        name: &str,
        role: Role,
        os_user: Option<&str>,
        actor: &Actor,
    ) -> Result<bool> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        if entry(&tx, name)?.is_some() {
            return Ok(false);
        }
        let at = now(&tx)?;
        tx.execute(
            "INSERT INTO roster (name, role, os_user, added_at, added_by) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![name, role.code(), os_user, at, actor.name],
        )?;
        insert_note(
            &tx,
            &at,
            actor,
            "roster_add",
            serde_json::json!({"name": name, "role": role.code(), "os_user": os_user}),
        )?;
        tx.commit()?;
        Ok(true)
    }

    /// Changes what is given of a name on the roster, keeping the rest,
    /// and logs each property that changed, from what to what. `None` if
    /// the name is not on the roster. Chair only; the last chair stays one.
    pub fn roster_set(
        &mut self,
        name: &str,
        role: Option<Role>,
        bind: Bind<'_>,
        actor: &Actor,
    ) -> Result<Option<RosterChange>> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        let Some((was_role, was_login)) = entry(&tx, name)? else {
            return Ok(None);
        };
        let mut change = RosterChange::default();
        if let Some(r) = role.filter(|r| *r != was_role) {
            if is_last_chair(&tx, name)? {
                return Err(StoreError::Denied(Denied::LastChair(name.to_string())));
            }
            change.role = Some((was_role, r));
        }
        let login = match bind {
            Bind::Keep => was_login.clone(),
            Bind::To(l) => Some(l.to_string()),
            Bind::Unbind => None,
        };
        if login != was_login {
            change.os_user = Some((was_login, login.clone()));
        }
        if change.is_empty() {
            return Ok(Some(change));
        }
        let role = change.role.map_or(was_role, |(_, to)| to);
        tx.execute(
            "UPDATE roster SET role = ?2, os_user = ?3 WHERE name = ?1",
            params![name, role.code(), login],
        )?;
        let mut detail = serde_json::json!({ "name": name });
        if let Some((from, to)) = change.role {
            detail["role"] = serde_json::json!({"from": from.code(), "to": to.code()});
        }
        if let Some((from, to)) = &change.os_user {
            detail["os_user"] = serde_json::json!({"from": from, "to": to});
        }
        let at = now(&tx)?;
        insert_note(&tx, &at, actor, "roster_set", detail)?;
        tx.commit()?;
        Ok(Some(change))
    }

    /// Removes a roster entry. Chair only; the last chair stays.
    pub fn roster_remove(&mut self, name: &str, actor: &Actor) -> Result<bool> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        if is_last_chair(&tx, name)? {
            return Err(StoreError::Denied(Denied::LastChair(name.to_string())));
        }
        let n = tx.execute("DELETE FROM roster WHERE name = ?1", [name])?;
        // The sections they looked after go with them.
        tx.execute("DELETE FROM roster_section WHERE name = ?1", [name])?;
        let at = now(&tx)?;
        if n > 0 {
            insert_note(
                &tx,
                &at,
                actor,
                "roster_remove",
                serde_json::json!({"name": name}),
            )?;
        }
        tx.commit()?;
        Ok(n > 0)
    }

    /// Locks or unlocks the meeting. Chair only.
    pub fn set_locked(&mut self, locked: bool, actor: &Actor) -> Result<()> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        tx.execute("UPDATE meeting SET locked = ?1 WHERE id = 1", [locked])?;
        let at = now(&tx)?;
        insert_note(
            &tx,
            &at,
            actor,
            if locked { "lock" } else { "unlock" },
            serde_json::Value::Null,
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// Whether `actor` may write (or, with `chair`, do what only the chair may),
/// read inside the write transaction so a lock or a roster change made by
/// another session a moment ago already counts.
pub(super) fn check_access(conn: &Connection, actor: &Actor, chair: bool) -> Result<Role> {
    let locked: bool = conn
        .prepare_cached("SELECT locked FROM meeting WHERE id = 1")?
        .query_row([], |r| r.get(0))?;
    let entry: Option<(String, Option<String>)> = conn
        .prepare_cached("SELECT role, os_user FROM roster WHERE name = ?1")?
        .query_row([&actor.name], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let deny = |d| Err(StoreError::Denied(d));
    let Some((role, bound)) = entry else {
        // Under the login's own name (no `--as`): perhaps on the roster
        // under another, not yet bound to the login.
        if actor.name == actor.os_user {
            let unbound = conn
                .prepare_cached(
                    "SELECT name FROM roster WHERE os_user IS NULL ORDER BY added_at, name",
                )?
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            return deny(Denied::LoginNotOnRoster {
                login: actor.os_user.clone(),
                unbound,
            });
        }
        return deny(Denied::NotOnRoster(actor.name.clone()));
    };
    if let Some(b) = bound.filter(|b| *b != actor.os_user) {
        return deny(Denied::BoundTo {
            name: actor.name.clone(),
            os_user: b,
            login: actor.os_user.clone(),
        });
    }
    let role = Role::parse(&role).unwrap_or(Role::Observer);
    if chair {
        // The chair may act on a locked meeting: that is how it is unlocked.
        return if role == Role::Chair {
            Ok(role)
        } else {
            deny(Denied::NotChair(actor.name.clone()))
        };
    }
    if locked {
        return deny(Denied::Locked);
    }
    if role == Role::Observer {
        return deny(Denied::Observer(actor.name.clone()));
    }
    Ok(role)
}

/// A name's role and login on the roster, if it is on it.
fn entry(conn: &Connection, name: &str) -> Result<Option<(Role, Option<String>)>> {
    Ok(conn
        .prepare_cached("SELECT role, os_user FROM roster WHERE name = ?1")?
        .query_row([name], |r| {
            let role: String = r.get(0)?;
            Ok((Role::parse(&role).unwrap_or(Role::Observer), r.get(1)?))
        })
        .optional()?)
}

/// Whether `name` is a chair and no one else is.
fn is_last_chair(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM roster WHERE name = ?1 AND role = 'chair')
                AND NOT EXISTS (SELECT 1 FROM roster WHERE name <> ?1 AND role = 'chair')",
        )?
        .query_row([name], |r| r.get(0))?)
}
