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
    /// The OS login: `$SUDO_USER` (a reviewer behind sudo), else `$USER` /
    /// `$LOGNAME`.
    pub fn os_login() -> String {
        ["SUDO_USER", "USER", "LOGNAME", "USERNAME"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
            .or_else(login_from_passwd)
            .unwrap_or_else(|| "unknown".to_string())
    }

    /// `--as NAME` if given, else the OS login.
    pub fn from_env(name: Option<&str>) -> Actor {
        let os_user = Actor::os_login();
        Actor {
            name: name
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .unwrap_or_else(|| os_user.clone()),
            os_user,
        }
    }
}

/// The login of this process's user from /etc/passwd, for sessions started
/// without `$USER` (cron, some SSH setups, tmux from a service).
fn login_from_passwd() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let mut f = l.split(':');
        let name = f.next()?;
        let id: u32 = f.nth(1)?.parse().ok()?;
        (id == uid).then(|| name.to_string())
    })
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
        let tx = store.write_tx()?;
        let empty: bool = tx.query_row("SELECT count(*) = 0 FROM roster", [], |r| r.get(0))?;
        if empty {
            let at = now(&tx)?;
            tx.execute(
                "INSERT INTO roster (name, role, added_at, added_by) VALUES (?1, 'chair', ?2, ?1)",
                params![actor.name, at],
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
                serde_json::json!({"name": actor.name, "role": "chair"}),
            )?;
        }
        tx.commit()?;
        Ok(store)
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

    /// Adds or changes a roster entry. Chair only.
    pub fn roster_add(
        &mut self,
        name: &str,
        role: Role,
        os_user: Option<&str>,
        actor: &Actor,
    ) -> Result<()> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        if role != Role::Chair && is_last_chair(&tx, name)? {
            return Err(StoreError::Denied(Denied::LastChair(name.to_string())));
        }
        let at = now(&tx)?;
        tx.execute(
            "INSERT INTO roster (name, role, os_user, added_at, added_by) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (name) DO UPDATE SET role = excluded.role, os_user = excluded.os_user",
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
        Ok(())
    }

    /// Removes a roster entry. Chair only; the last chair stays.
    pub fn roster_remove(&mut self, name: &str, actor: &Actor) -> Result<bool> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        if is_last_chair(&tx, name)? {
            return Err(StoreError::Denied(Denied::LastChair(name.to_string())));
        }
        let n = tx.execute("DELETE FROM roster WHERE name = ?1", [name])?;
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

/// Whether `name` is a chair and no one else is.
fn is_last_chair(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM roster WHERE name = ?1 AND role = 'chair')
                AND NOT EXISTS (SELECT 1 FROM roster WHERE name <> ?1 AND role = 'chair')",
        )?
        .query_row([name], |r| r.get(0))?)
}
